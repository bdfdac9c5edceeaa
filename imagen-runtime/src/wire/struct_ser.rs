//! `Serialize` for the generated structs, in a few calls per field.
//!
//! The counterpart of [`struct_de`](super::struct_de): serde's derive is
//! not used for the generated structs, because running it (a `syn` parse of
//! every struct, at the proc-macro's opt-level, again after every edit of a
//! description given to `generate!`) is a large part of a big
//! description's build and rebuild. The generated `serialize` calls the
//! helpers here field by field; what it writes is what the derive with
//! `rename`, `skip_serializing_if = "Option::is_none"` and `with` wrote:
//! absent optional fields are skipped (`skip_field`), the length given to
//! `serialize_struct` counts the fields written.

use std::marker::PhantomData;

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

/// A value convention that writes a `T` (the `serialize` half of a
/// `#[serde(with = …)]` module, as a type).
pub trait WriteWith<T: ?Sized> {
    /// Writes the value.
    fn write<S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error>;
}

/// Starts a struct: `required` fields always written, one `present` flag
/// per optional field.
#[inline]
pub fn begin<S: Serializer>(
    s: S,
    name: &'static str,
    required: usize,
    present: &[bool],
) -> Result<S::SerializeStruct, S::Error> {
    s.serialize_struct(name, required + present.iter().filter(|p| **p).count())
}

/// Writes a required field.
#[inline]
pub fn field<M: SerializeStruct, T: Serialize + ?Sized>(
    m: &mut M,
    key: &'static str,
    value: &T,
) -> Result<(), M::Error> {
    m.serialize_field(key, value)
}

/// Writes an optional field, or skips it when absent.
#[inline]
pub fn optional<M: SerializeStruct, T: Serialize>(
    m: &mut M,
    key: &'static str,
    value: &Option<T>,
) -> Result<(), M::Error> {
    if value.is_some() {
        m.serialize_field(key, value)
    } else {
        m.skip_field(key)
    }
}

/// Writes a required field through a value convention `W`.
#[inline]
pub fn field_with<W: WriteWith<T>, T: ?Sized, M: SerializeStruct>(
    m: &mut M,
    key: &'static str,
    value: &T,
) -> Result<(), M::Error> {
    m.serialize_field(key, &Written::<W, T>(value, PhantomData))
}

/// Writes an optional field through a value convention `W` (which writes
/// the `Option`), or skips it when absent.
#[inline]
pub fn optional_with<W: WriteWith<Option<T>>, T, M: SerializeStruct>(
    m: &mut M,
    key: &'static str,
    value: &Option<T>,
) -> Result<(), M::Error> {
    if value.is_some() {
        m.serialize_field(key, &Written::<W, Option<T>>(value, PhantomData))
    } else {
        m.skip_field(key)
    }
}

struct Written<'a, W, T: ?Sized>(&'a T, PhantomData<fn() -> W>);

impl<W: WriteWith<T>, T: ?Sized> Serialize for Written<'_, W, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        W::write(self.0, s)
    }
}

#[cfg(test)]
mod tests {
    use super::super::formats::{Csv, Flag, FlagOption};
    use super::*;

    struct Doc {
        id: i64,
        on: bool,
        note: Option<String>,
        tags: Vec<String>,
        seen: Option<bool>,
    }

    impl Serialize for Doc {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut m = begin(s, "Doc", 3, &[self.note.is_some(), self.seen.is_some()])?;
            field(&mut m, "ID", &self.id)?;
            field_with::<Flag, _, _>(&mut m, "On", &self.on)?;
            optional(&mut m, "Note", &self.note)?;
            field_with::<Csv, _, _>(&mut m, "Tags", &self.tags)?;
            optional_with::<FlagOption, _, _>(&mut m, "Seen", &self.seen)?;
            m.end()
        }
    }

    #[test]
    fn writes_what_the_derive_wrote() {
        let full = Doc {
            id: 7,
            on: true,
            note: Some("n".into()),
            tags: vec!["a".into(), "b".into()],
            seen: Some(false),
        };
        assert_eq!(
            serde_json::to_string(&full).unwrap(),
            r#"{"ID":7,"On":1,"Note":"n","Tags":"a,b","Seen":0}"#
        );
        let bare = Doc {
            note: None,
            seen: None,
            tags: vec![],
            ..full
        };
        assert_eq!(
            serde_json::to_string(&bare).unwrap(),
            r#"{"ID":7,"On":1,"Tags":""}"#
        );
    }
}
