//! `Deserialize` for the generated structs, from a table of their keys.
//!
//! `#[derive(Deserialize)]` writes, for every struct, a field enum with its
//! own visitor, a sequence visitor and a map visitor with the duplicate and
//! missing-field checks spelled out per field. For a large description that
//! is most of the bindings' compile time: in the benchmark's 1,000-endpoint
//! API, the 100 types' derived `Deserialize` impls took about half of the
//! whole crate's `cargo build`. The generated code therefore states only
//! what is particular to a struct ([`StructDe`]: its keys, a tuple of
//! slots, how to read the value of the i-th key and how to build the
//! struct), and the loop, the key lookup and the errors live here, once.
//!
//! The behaviour is serde's derive's for what the generator uses (`rename`,
//! optional fields with `default`, `with` helpers): unknown keys are
//! skipped, a key given twice is a `duplicate field` error, a missing
//! required field a `missing field` error (a missing `Option` without
//! `default` is `None`, as with the derive). Keys are matched as strings,
//! bytes or indexes. Unlike the derive, a struct is read only from a map,
//! never from a sequence: no format the runtime reads writes structs as
//! sequences.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};

/// What the generated code states about one struct; see the module docs.
pub trait StructDe: Sized {
    /// The struct's name, for `expected struct …` errors.
    const NAME: &'static str;
    /// The serde keys of its fields (the wire names), in declaration order.
    const KEYS: &'static [&'static str];
    /// One `Option` per field, filled as the keys arrive (a tuple, nested
    /// in tuples of at most 12 so that `Default` gives the empty slots).
    type Slots: Default;
    /// Reads the value of key `KEYS[key]` into its slot.
    fn set<'de, A: MapAccess<'de>>(
        slots: &mut Self::Slots,
        key: usize,
        map: &mut A,
    ) -> Result<(), A::Error>;
    /// Builds the struct once the map has ended ([`required`] for the
    /// fields that must be present).
    fn build<E: de::Error>(slots: Self::Slots) -> Result<Self, E>;
}

/// `Deserialize::deserialize` of a generated struct.
pub fn deserialize<'de, T: StructDe, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    d.deserialize_struct(T::NAME, T::KEYS, StructVisitor(PhantomData))
}

/// Reads the current value of the map into a slot.
#[inline]
pub fn value<'de, T: Deserialize<'de>, A: MapAccess<'de>>(
    slot: &mut Option<T>,
    map: &mut A,
) -> Result<(), A::Error> {
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Reads the current value of the map into a slot through one of the
/// [`formats`](super::formats) conventions (`W`: [`Flag`](super::formats::Flag),
/// [`Csv`](super::formats::Csv), …), as `#[serde(with = …)]` would.
#[inline]
pub fn value_with<'de, W: ReadWith<T>, T, A: MapAccess<'de>>(
    slot: &mut Option<T>,
    map: &mut A,
) -> Result<(), A::Error> {
    *slot = Some(map.next_value_seed(WithSeed::<W, T>(PhantomData))?);
    Ok(())
}

/// The value of a required field: its slot, or what serde's derive gives
/// for a missing field (`None` for an `Option`, else `missing field`).
#[inline]
pub fn required<'de, T: Deserialize<'de>, E: de::Error>(
    slot: Option<T>,
    key: &'static str,
) -> Result<T, E> {
    match slot {
        Some(v) => Ok(v),
        None => T::deserialize(Missing(key, PhantomData)),
    }
}

/// A value convention that reads a `T` (the `deserialize` half of a
/// `#[serde(with = …)]` module, as a type).
pub trait ReadWith<T> {
    /// Reads the value.
    fn read<'de, D: Deserializer<'de>>(d: D) -> Result<T, D::Error>;
}

struct WithSeed<W, T>(PhantomData<fn() -> (W, T)>);

impl<'de, W: ReadWith<T>, T> DeserializeSeed<'de> for WithSeed<W, T> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        W::read(d)
    }
}

struct StructVisitor<T>(PhantomData<T>);

impl<'de, T: StructDe> Visitor<'de> for StructVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "struct {}", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut slots = T::Slots::default();
        let mut seen = Seen::new(T::KEYS.len());
        // Keys usually come in declaration order (the XML decoder walks the
        // fields in that order): the key after the last one is tried first.
        let mut next = 0;
        while let Some(key) = map.next_key_seed(KeySeed {
            keys: T::KEYS,
            guess: next,
        })? {
            match key {
                Some(i) => {
                    if seen.insert(i) {
                        return Err(de::Error::duplicate_field(T::KEYS[i]));
                    }
                    T::set(&mut slots, i, &mut map)?;
                    next = i + 1;
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        T::build(slots)
    }
}

/// Which keys have been read: a bit set, on the stack up to 128 keys.
enum Seen {
    Small(u128),
    Large(Vec<bool>),
}

impl Seen {
    fn new(keys: usize) -> Self {
        if keys <= 128 {
            Seen::Small(0)
        } else {
            Seen::Large(vec![false; keys])
        }
    }

    /// Marks key `i`; true if it was already marked.
    fn insert(&mut self, i: usize) -> bool {
        match self {
            Seen::Small(bits) => {
                let bit = 1u128 << i;
                let was = *bits & bit != 0;
                *bits |= bit;
                was
            }
            Seen::Large(v) => std::mem::replace(&mut v[i], true),
        }
    }
}

/// A map key: `Some(index)` into the keys, or `None` for a key the struct
/// does not have. `guess` is compared first.
struct KeySeed {
    keys: &'static [&'static str],
    guess: usize,
}

impl KeySeed {
    fn find(&self, matches: impl Fn(&str) -> bool) -> Option<usize> {
        if self.keys.get(self.guess).is_some_and(|k| matches(k)) {
            return Some(self.guess);
        }
        self.keys.iter().position(|k| matches(k))
    }
}

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Option<usize>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<usize>, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl Visitor<'_> for KeySeed {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field identifier")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<usize>, E> {
        Ok(self.find(|k| k == v))
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Option<usize>, E> {
        Ok(self.find(|k| k.as_bytes() == v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Option<usize>, E> {
        Ok(usize::try_from(v).ok().filter(|i| *i < self.keys.len()))
    }
}

/// What a missing field reads as: `None` when asked for an option, a
/// `missing field` error otherwise (serde's derive does the same).
struct Missing<E>(&'static str, PhantomData<E>);

impl<'de, E: de::Error> Deserializer<'de> for Missing<E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, E> {
        Err(E::missing_field(self.0))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_none()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Pair {
        id: i64,
        name: Option<String>,
        on: bool,
    }

    impl StructDe for Pair {
        const NAME: &'static str = "Pair";
        const KEYS: &'static [&'static str] = &["ID", "Name", "On"];
        type Slots = (Option<i64>, Option<Option<String>>, Option<bool>);
        fn set<'de, A: MapAccess<'de>>(
            s: &mut Self::Slots,
            key: usize,
            map: &mut A,
        ) -> Result<(), A::Error> {
            match key {
                0 => value(&mut s.0, map),
                1 => value(&mut s.1, map),
                2 => value_with::<super::super::formats::Flag, _, _>(&mut s.2, map),
                _ => Ok(()),
            }
        }
        fn build<E: de::Error>(s: Self::Slots) -> Result<Self, E> {
            Ok(Pair {
                id: required(s.0, "ID")?,
                name: s.1.flatten(),
                on: required(s.2, "On")?,
            })
        }
    }

    impl<'de> Deserialize<'de> for Pair {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            super::deserialize(d)
        }
    }

    fn parse(json: &str) -> Result<Pair, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn reads_fields_in_any_order_and_skips_unknown_keys() {
        assert_eq!(
            parse(r#"{"On": 1, "Extra": {"deep": [1, 2]}, "ID": 7, "Name": "a"}"#),
            Ok(Pair {
                id: 7,
                name: Some("a".into()),
                on: true
            })
        );
    }

    #[test]
    fn optional_fields_may_be_absent_or_null() {
        let want = Ok(Pair {
            id: 1,
            name: None,
            on: false,
        });
        assert_eq!(parse(r#"{"ID": 1, "On": "0"}"#), want);
        assert_eq!(parse(r#"{"ID": 1, "On": false, "Name": null}"#), want);
    }

    #[test]
    fn errors_are_the_derives() {
        let missing = parse(r#"{"On": 1}"#).unwrap_err();
        assert!(missing.starts_with("missing field `ID`"), "{missing}");
        let twice = parse(r#"{"ID": 1, "ID": 2, "On": 1}"#).unwrap_err();
        assert!(twice.starts_with("duplicate field `ID`"), "{twice}");
        let wrong = parse(r#"{"ID": "x", "On": 1}"#).unwrap_err();
        assert!(
            wrong.starts_with("invalid type: string \"x\", expected i64"),
            "{wrong}"
        );
        let not_map = parse(r#"[1, null, 1]"#).unwrap_err();
        assert!(
            not_map.starts_with("invalid type: sequence, expected struct Pair"),
            "{not_map}"
        );
        let flag = parse(r#"{"ID": 1, "On": 2}"#).unwrap_err();
        assert!(flag.contains("a flag: 1, 0, true or false"), "{flag}");
    }

    #[test]
    fn keys_beyond_the_stack_set_are_tracked_too() {
        let mut seen = Seen::new(300);
        assert!(!seen.insert(0));
        assert!(!seen.insert(299));
        assert!(seen.insert(299));
        let mut small = Seen::new(128);
        assert!(!small.insert(127));
        assert!(small.insert(127));
    }
}
