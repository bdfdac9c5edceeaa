//! Value conventions of Imagen's documents, as serde helpers the generated
//! code names in `#[serde(with = …)]`:
//!
//! - [`flag`]: a boolean written `1`/`0` (`<Enabled>1</Enabled>`, JSON
//!   `"Enabled": 1`); reads `1`/`0`, `true`/`false`, as numbers or text.
//! - [`csv`]: a list written as one comma-joined string
//!   (`<MediaTypes>Video,Audio</MediaTypes>`); reads that or a JSON array.
//! - [`code`]: the integer of a numeric enum (`State="2"`), as a number or text.
//!
//! `flag` and `csv` are also types ([`Flag`], [`FlagOption`], [`Csv`],
//! [`CsvOption`]) for the generated structs' `Deserialize` and `Serialize`
//! ([`struct_de`](super::struct_de), [`struct_ser`](super::struct_ser)).

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use super::struct_de::ReadWith;
use super::struct_ser::WriteWith;

struct FlagVisitor;

impl Visitor<'_> for FlagVisitor {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a flag: 1, 0, true or false")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<bool, E> {
        Ok(v)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<bool, E> {
        match v {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(E::invalid_value(de::Unexpected::Unsigned(v), &self)),
        }
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<bool, E> {
        match v {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(E::invalid_value(de::Unexpected::Signed(v), &self)),
        }
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
        match v.trim().to_ascii_lowercase().as_str() {
            "1" | "true" => Ok(true),
            "0" | "false" => Ok(false),
            _ => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
        }
    }
}

/// A boolean written `1`/`0`.
pub mod flag {
    use super::*;

    /// Writes `1` or `0`.
    pub fn serialize<S: Serializer>(v: &bool, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u8(u8::from(*v))
    }

    /// Reads `1`/`0`/`true`/`false`, as numbers, booleans or text.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        d.deserialize_any(FlagVisitor)
    }

    /// The same for `Option<bool>` fields.
    pub mod option {
        use super::*;

        /// Writes `1` or `0` (`None` is skipped by the field's attributes).
        pub fn serialize<S: Serializer>(v: &Option<bool>, s: S) -> Result<S::Ok, S::Error> {
            match v {
                Some(b) => s.serialize_u8(u8::from(*b)),
                None => s.serialize_none(),
            }
        }

        /// Reads a flag, or `null` as `None`.
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
            #[derive(Deserialize)]
            struct W(#[serde(with = "super")] bool);
            Option::<W>::deserialize(d).map(|o| o.map(|W(b)| b))
        }
    }
}

struct CsvVisitor<T>(PhantomData<T>);

impl<'de, T: FromStr> Visitor<'de> for CsvVisitor<T>
where
    T::Err: fmt::Display,
{
    type Value = Vec<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a comma-separated list")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Vec<T>, E> {
        if v.trim().is_empty() {
            return Ok(Vec::new());
        }
        v.split(',')
            .map(|item| {
                item.trim()
                    .parse::<T>()
                    .map_err(|e| E::custom(format_args!("item `{}`: {e}", item.trim())))
            })
            .collect()
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut out = Vec::new();
        while let Some(s) = seq.next_element::<String>()? {
            out.push(
                s.parse::<T>().map_err(|e| {
                    <A::Error as de::Error>::custom(format_args!("item `{s}`: {e}"))
                })?,
            );
        }
        Ok(out)
    }
}

/// A list written as one comma-joined string.
pub mod csv {
    use super::*;

    /// Writes the items joined with `,`.
    pub fn serialize<T: fmt::Display, S: Serializer>(v: &[T], s: S) -> Result<S::Ok, S::Error> {
        let joined: Vec<String> = v.iter().map(ToString::to_string).collect();
        s.serialize_str(&joined.join(","))
    }

    /// Reads `a,b,c` (items trimmed; an empty string is an empty list) or a JSON array of strings.
    pub fn deserialize<'de, T, D>(d: D) -> Result<Vec<T>, D::Error>
    where
        T: FromStr,
        T::Err: fmt::Display,
        D: Deserializer<'de>,
    {
        d.deserialize_any(CsvVisitor(PhantomData))
    }

    /// The same for `Option<Vec<T>>` fields.
    pub mod option {
        use super::*;

        /// Writes the items joined with `,`.
        pub fn serialize<T: fmt::Display, S: Serializer>(
            v: &Option<Vec<T>>,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            match v {
                Some(items) => super::serialize(items, s),
                None => s.serialize_none(),
            }
        }

        /// Reads a comma-joined list, or `null` as `None`.
        pub fn deserialize<'de, T, D>(d: D) -> Result<Option<Vec<T>>, D::Error>
        where
            T: FromStr,
            T::Err: fmt::Display,
            D: Deserializer<'de>,
        {
            struct W<T>(Vec<T>);
            impl<'de, T: FromStr> Deserialize<'de> for W<T>
            where
                T::Err: fmt::Display,
            {
                fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    super::deserialize(d).map(W)
                }
            }
            Option::<W<T>>::deserialize(d).map(|o| o.map(|W(v)| v))
        }
    }
}

/// [`flag`] as a type.
pub enum Flag {}
/// [`flag::option`] as a type.
pub enum FlagOption {}
/// [`csv`] as a type.
pub enum Csv {}
/// [`csv::option`] as a type.
pub enum CsvOption {}

impl WriteWith<bool> for Flag {
    fn write<S: Serializer>(v: &bool, s: S) -> Result<S::Ok, S::Error> {
        flag::serialize(v, s)
    }
}

impl WriteWith<Option<bool>> for FlagOption {
    fn write<S: Serializer>(v: &Option<bool>, s: S) -> Result<S::Ok, S::Error> {
        flag::option::serialize(v, s)
    }
}

impl<T: fmt::Display> WriteWith<Vec<T>> for Csv {
    fn write<S: Serializer>(v: &Vec<T>, s: S) -> Result<S::Ok, S::Error> {
        csv::serialize(v, s)
    }
}

impl<T: fmt::Display> WriteWith<Option<Vec<T>>> for CsvOption {
    fn write<S: Serializer>(v: &Option<Vec<T>>, s: S) -> Result<S::Ok, S::Error> {
        csv::option::serialize(v, s)
    }
}

impl ReadWith<bool> for Flag {
    fn read<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        flag::deserialize(d)
    }
}

impl ReadWith<Option<bool>> for FlagOption {
    fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
        flag::option::deserialize(d)
    }
}

impl<T: FromStr> ReadWith<Vec<T>> for Csv
where
    T::Err: fmt::Display,
{
    fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<T>, D::Error> {
        csv::deserialize(d)
    }
}

impl<T: FromStr> ReadWith<Option<Vec<T>>> for CsvOption
where
    T::Err: fmt::Display,
{
    fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<T>>, D::Error> {
        csv::option::deserialize(d)
    }
}

struct CodeVisitor;

impl Visitor<'_> for CodeVisitor {
    type Value = i64;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an integer code")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
        Ok(v)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
        i64::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<i64, E> {
        v.trim()
            .parse()
            .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
    }
}

/// The integer of a numeric enum.
pub mod code {
    use super::*;

    /// Writes the integer.
    pub fn serialize<S: Serializer>(v: i64, s: S) -> Result<S::Ok, S::Error> {
        v.serialize(s)
    }

    /// Reads an integer, as a number or as text.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
        d.deserialize_any(CodeVisitor)
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct T {
        #[serde(with = "super::flag")]
        a: bool,
        #[serde(with = "super::flag::option", default)]
        b: Option<bool>,
        #[serde(with = "super::csv")]
        c: Vec<String>,
        #[serde(with = "super::csv::option", default)]
        d: Option<Vec<u32>>,
    }

    #[test]
    fn flags_and_lists_both_ways() {
        let t: T = serde_json::from_str(r#"{"a":1,"b":"0","c":"Video, Audio","d":"1,2"}"#).unwrap();
        assert_eq!(
            t,
            T {
                a: true,
                b: Some(false),
                c: vec!["Video".into(), "Audio".into()],
                d: Some(vec![1, 2])
            }
        );
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            r#"{"a":1,"b":0,"c":"Video,Audio","d":"1,2"}"#
        );
        let t: T = serde_json::from_str(r#"{"a":"true","c":"","d":null}"#).unwrap();
        assert_eq!((t.a, t.b, t.c.len(), t.d), (true, None, 0, None));
        let e = serde_json::from_str::<T>(r#"{"a":2,"c":""}"#).unwrap_err();
        assert!(e.to_string().contains("flag"), "{e}");
        let e = serde_json::from_str::<T>(r#"{"a":1,"c":"","d":"1,x"}"#).unwrap_err();
        assert!(e.to_string().contains("item `x`"), "{e}");
    }
}
