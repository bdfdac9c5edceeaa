//! JSON in the server's layout read into the serde model by the shape,
//! without building a `serde_json::Value` of the document: objects whose
//! type needs reshaping (wrapped lists, keys that differ from the XML
//! names) are split into their keys and raw values, everything else is
//! deserialized directly from its text by serde_json.
//!
//! This is the two-pass reader: answers are read by the one-pass adaptor
//! in `json_reshape`, and by this one only when that one gives up (a key
//! that appears twice, a missing envelope) or finds an error, so that
//! values and errors stay those of the rules below.
//!
//! The rules are those of the value-based reshaping it replaces: a wrapped
//! list `{"Scope": [...]}` is unwrapped, one object where a list is
//! expected is a list of one, `null` or a missing item for a wrapped list
//! is an empty list (absent when the field is optional), `null` for an
//! optional field is its absence, keys the shape does not know are ignored,
//! and of keys that appear twice the last one counts.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer as _, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::xml::MAX_DEPTH;
use super::{Field, Kind, Shape};

type Entries<'de> = Vec<(Cow<'de, str>, &'de RawValue)>;

/// The keys and raw values of a JSON object, in document order.
pub(super) fn object(raw: &str) -> Result<Entries<'_>, serde_json::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Entries<'de>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(k) = map.next_key::<Cow<'de, str>>()? {
                out.push((k, map.next_value::<&'de RawValue>()?));
            }
            Ok(out)
        }
    }
    serde_json::Deserializer::from_str(raw).deserialize_map(V)
}

/// The value of `key` (the last one, if it appears twice).
pub(super) fn get<'de>(entries: &Entries<'de>, key: &str) -> Option<&'de RawValue> {
    entries
        .iter()
        .rev()
        .find(|(k, _)| k == key)
        .map(|(_, v)| *v)
}

fn first_byte(raw: &RawValue) -> u8 {
    raw.get().bytes().next().unwrap_or(b'n')
}

/// Whether values of `kind` need reshaping (else serde reads them as they are).
fn reshaped(kind: Kind, depth: usize) -> bool {
    depth <= MAX_DEPTH && !kind.plain_json()
}

/// A value to deserialize as `kind`.
#[derive(Clone, Copy)]
pub(super) enum Src<'de> {
    /// A raw JSON value.
    Raw(&'de RawValue),
    /// An empty list (a wrapper without items).
    Empty,
    /// One object where a list was expected: a list of one.
    One(&'de RawValue),
}

/// The deserializer of one value in the server's layout.
pub(super) struct JsonDe<'de> {
    pub(super) src: Src<'de>,
    pub(super) kind: Kind,
    pub(super) depth: usize,
}

impl<'de> JsonDe<'de> {
    fn direct(raw: &'de RawValue) -> serde_json::Deserializer<serde_json::de::StrRead<'de>> {
        serde_json::Deserializer::from_str(raw.get())
    }
}

macro_rules! forward {
    ($($method:ident $(($($arg:ident: $ty:ty),*))?;)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, $($($arg: $ty,)*)? visitor: V) -> Result<V::Value, Self::Error> {
                match self.src {
                    Src::Raw(raw) if !reshaped(self.kind, self.depth) => {
                        Self::direct(raw).$method($($($arg,)*)? visitor)
                    }
                    _ => self.deserialize_any(visitor),
                }
            }
        )*
    };
}

impl<'de> de::Deserializer<'de> for JsonDe<'de> {
    type Error = serde_json::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        let depth = self.depth + 1;
        let raw = match self.src {
            Src::Empty => {
                return visitor.visit_seq(Items::<'de> {
                    items: Vec::new().into_iter(),
                    kind: self.kind,
                    depth,
                });
            }
            Src::One(raw) => {
                let inner = match self.kind {
                    Kind::List(k) => k(),
                    other => other,
                };
                return visitor.visit_seq(Items {
                    items: vec![raw].into_iter(),
                    kind: inner,
                    depth,
                });
            }
            Src::Raw(raw) => raw,
        };
        if !reshaped(self.kind, self.depth) {
            return Self::direct(raw).deserialize_any(visitor);
        }
        match (self.kind, first_byte(raw)) {
            (Kind::Struct(shape), b'{') => visitor.visit_map(StructEntries {
                entries: object(raw.get())?,
                fields: shape().fields.iter(),
                shape: shape(),
                pending: None,
                depth,
            }),
            (Kind::List(inner), b'[') => {
                let items: Vec<&'de RawValue> = serde_json::from_str(raw.get())?;
                visitor.visit_seq(Items {
                    items: items.into_iter(),
                    kind: inner(),
                    depth,
                })
            }
            (Kind::Map(inner), b'{') => visitor.visit_map(MapEntries {
                entries: object(raw.get())?.into_iter(),
                kind: inner(),
                pending: None,
                depth,
            }),
            // Anything else is left for serde to accept or report.
            _ => Self::direct(raw).deserialize_any(visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.src {
            Src::Raw(raw) if raw.get() == "null" => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    super::forward_deserialize_methods!(forward);
}

/// The fields of an object of a struct type, in shape order, under their
/// serde keys.
struct StructEntries<'de> {
    entries: Entries<'de>,
    fields: std::slice::Iter<'static, Field>,
    shape: &'static Shape,
    pending: Option<JsonDe<'de>>,
    depth: usize,
}

impl<'de> StructEntries<'de> {
    /// The value of field `f` as the serde model has it; `Ok(None)`: absent.
    fn value_of(&self, f: &Field) -> Result<Option<Src<'de>>, serde_json::Error> {
        let Some(x) = get(&self.entries, f.json_name()) else {
            return Ok(None);
        };
        let null = |v: &RawValue| v.get() == "null";
        if null(x) && f.optional {
            return Ok(None);
        }
        let kind = (f.kind)();
        let x = match (kind, f.item) {
            (Kind::List(_), Some(item)) if first_byte(x) == b'{' => {
                match get(&object(x.get())?, item) {
                    Some(v) if null(v) && f.optional => return Ok(None),
                    None if f.optional => return Ok(None),
                    Some(v) => v,
                    None => return Ok(Some(Src::Empty)),
                }
            }
            _ => x,
        };
        Ok(Some(match kind {
            Kind::List(_) if first_byte(x) == b'{' => Src::One(x),
            Kind::List(_) if null(x) && !f.optional => Src::Empty,
            _ => Src::Raw(x),
        }))
    }
}

impl<'de> MapAccess<'de> for StructEntries<'de> {
    type Error = serde_json::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        loop {
            let Some(f) = self.fields.next() else {
                return Ok(None);
            };
            if let Some(src) = self.value_of(f)? {
                self.pending = Some(JsonDe {
                    src,
                    kind: (f.kind)(),
                    depth: self.depth,
                });
                return seed
                    .deserialize(de::value::BorrowedStrDeserializer::new(f.name))
                    .map(Some);
            }
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, Self::Error> {
        match self.pending.take() {
            Some(d) => seed.deserialize(d),
            None => Err(de::Error::custom(format_args!(
                "a value without a key in `{}`",
                self.shape.name
            ))),
        }
    }
}

/// The entries of a map-typed object, values reshaped as `kind`.
struct MapEntries<'de> {
    entries: std::vec::IntoIter<(Cow<'de, str>, &'de RawValue)>,
    kind: Kind,
    pending: Option<&'de RawValue>,
    depth: usize,
}

impl<'de> MapAccess<'de> for MapEntries<'de> {
    type Error = serde_json::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        let Some((k, v)) = self.entries.next() else {
            return Ok(None);
        };
        self.pending = Some(v);
        match k {
            Cow::Borrowed(k) => seed.deserialize(de::value::BorrowedStrDeserializer::new(k)),
            Cow::Owned(k) => seed.deserialize(de::value::StringDeserializer::new(k)),
        }
        .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, Self::Error> {
        match self.pending.take() {
            Some(raw) => seed.deserialize(JsonDe {
                src: Src::Raw(raw),
                kind: self.kind,
                depth: self.depth,
            }),
            None => Err(de::Error::custom("a map value without a key")),
        }
    }
}

/// List items, each reshaped as `kind`.
struct Items<'de> {
    items: std::vec::IntoIter<&'de RawValue>,
    kind: Kind,
    depth: usize,
}

impl<'de> SeqAccess<'de> for Items<'de> {
    type Error = serde_json::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Self::Error> {
        match self.items.next() {
            Some(raw) => seed
                .deserialize(JsonDe {
                    src: Src::Raw(raw),
                    kind: self.kind,
                    depth: self.depth,
                })
                .map(Some),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}
