//! JSON in the server's layout read into the serde model in one pass: a
//! [`Deserializer`] adaptor around serde_json's own that carries the type's
//! [`Kind`] along and reshapes while serde_json reads, the way
//! serde-transcode wraps every nested value — struct keys are renamed from
//! the JSON names to the serde keys (keys the shape does not know are
//! skipped), wrapped lists `{"Scope": [...]}` are unwrapped, one object
//! where a list is expected is a list of one, and every nested value is
//! read through the adaptor again. No `RawValue`, no `Value`, nothing read
//! twice; errors are serde_json's, positioned in the whole document.
//!
//! The rules are those of the two-pass reader in `json_de` (and so of the
//! value-based reshaping before it). Where streaming cannot follow them —
//! a key that appears twice (there the last one counts, but the first one
//! has already been handed on), a missing or misshapen envelope (reported
//! as the two-pass reader words it), an optional field that is not an
//! `Option` — the adaptor gives up ([`Ctx::bail`]) and the caller decodes
//! the document again with `json_de`, so behaviour and errors stay
//! exactly theirs.

use std::cell::Cell;
use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{
    BorrowedStrDeserializer, MapAccessDeserializer, SeqAccessDeserializer, StrDeserializer,
    StringDeserializer,
};
use serde::de::{
    self, DeserializeSeed, Deserializer, IgnoredAny, IntoDeserializer as _, MapAccess, SeqAccess,
    Visitor,
};

use super::xml::MAX_DEPTH;
use super::{Field, Kind, Shape};

/// The state of one decoding: whether the adaptor gave up.
#[derive(Default)]
pub(super) struct Ctx {
    bailed: Cell<bool>,
}

impl Ctx {
    /// Gives up on this document: the error unwinds the decoding, and the
    /// caller, seeing [`bailed`](Self::bailed), decodes it the other way.
    fn bail<E: de::Error>(&self) -> E {
        self.bailed.set(true);
        E::custom("the document needs the two-pass reader")
    }

    pub(super) fn bailed(&self) -> bool {
        self.bailed.get()
    }
}

/// Whether values of `kind` at `depth` need reshaping (else serde reads
/// them as they are).
fn reshaped(kind: Kind, depth: usize) -> bool {
    depth <= MAX_DEPTH && !kind.plain_json()
}

macro_rules! bail {
    ($($method:ident($ty:ty);)*) => {
        $(
            fn $method<E: de::Error>(self, _: $ty) -> Result<Self::Value, E> {
                Err(self.ctx.bail())
            }
        )*
    };
}

/// `T` inside the envelope path `segs` (`["Application"]`), reshaped.
pub(super) struct Envelope<'c, 's, T> {
    pub(super) segs: &'s [&'s str],
    pub(super) kind: Kind,
    pub(super) ctx: &'c Ctx,
    pub(super) _t: PhantomData<fn() -> T>,
}

impl<'de, T: de::Deserialize<'de>> DeserializeSeed<'de> for Envelope<'_, '_, T> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        if self.segs.is_empty() {
            return T::deserialize(Reshape {
                de: d,
                kind: self.kind,
                depth: 0,
                ctx: self.ctx,
            });
        }
        d.deserialize_any(self)
    }
}

impl<'de, T: de::Deserialize<'de>> Visitor<'de> for Envelope<'_, '_, T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let (seg, rest) = (self.segs[0], &self.segs[1..]);
        let mut found = None;
        while let Some(hit) = map.next_key_seed(KeyIs(seg))? {
            if !hit {
                map.next_value::<IgnoredAny>()?;
            } else if found.is_some() {
                return Err(self.ctx.bail());
            } else {
                found = Some(map.next_value_seed(Envelope::<T> {
                    segs: rest,
                    kind: self.kind,
                    ctx: self.ctx,
                    _t: PhantomData,
                })?);
            }
        }
        found.ok_or_else(|| self.ctx.bail())
    }

    // Anything but an object: the two-pass reader's error.
    bail! {
        visit_bool(bool); visit_i8(i8); visit_i16(i16); visit_i32(i32); visit_i64(i64);
        visit_i128(i128); visit_u8(u8); visit_u16(u16); visit_u32(u32); visit_u64(u64);
        visit_u128(u128); visit_f32(f32); visit_f64(f64); visit_char(char); visit_str(&str);
        visit_string(String); visit_bytes(&[u8]); visit_byte_buf(Vec<u8>);
    }
    fn visit_none<E: de::Error>(self) -> Result<T, E> {
        Err(self.ctx.bail())
    }
    fn visit_unit<E: de::Error>(self) -> Result<T, E> {
        Err(self.ctx.bail())
    }
    fn visit_some<D: Deserializer<'de>>(self, _: D) -> Result<T, D::Error> {
        Err(self.ctx.bail())
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, _: D) -> Result<T, D::Error> {
        Err(self.ctx.bail())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<T, A::Error> {
        Err(self.ctx.bail())
    }
    fn visit_enum<A: de::EnumAccess<'de>>(self, _: A) -> Result<T, A::Error> {
        Err(self.ctx.bail())
    }
}

/// Reads a key and says whether it is `.0`.
struct KeyIs<'k>(&'k str);

impl<'de> DeserializeSeed<'de> for KeyIs<'_> {
    type Value = bool;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeyIs<'_> {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
        Ok(v == self.0)
    }
}

/// Reads a key and finds the field of `shape` with that JSON name, looking
/// from field `from` on first (documents mostly keep the fields' order).
struct FieldKey {
    shape: &'static Shape,
    from: usize,
}

impl<'de> DeserializeSeed<'de> for FieldKey {
    type Value = Option<usize>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<usize>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for FieldKey {
    type Value = Option<usize>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<usize>, E> {
        let fields = self.shape.fields;
        let from = self.from.min(fields.len());
        let is = |f: &Field| f.json_name() == v;
        Ok(fields[from..]
            .iter()
            .position(is)
            .map(|i| i + from)
            .or_else(|| fields[..from].iter().position(is)))
    }
}

/// The deserializer of one value of `kind` in the server's layout.
pub(super) struct Reshape<'c, D> {
    pub(super) de: D,
    pub(super) kind: Kind,
    pub(super) depth: usize,
    pub(super) ctx: &'c Ctx,
}

macro_rules! forward {
    ($($method:ident $(($($arg:ident: $ty:ty),*))?;)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, $($($arg: $ty,)*)? visitor: V) -> Result<V::Value, Self::Error> {
                if reshaped(self.kind, self.depth) {
                    self.deserialize_any(visitor)
                } else {
                    self.de.$method($($($arg,)*)? visitor)
                }
            }
        )*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Reshape<'_, D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        if !reshaped(self.kind, self.depth) {
            return self.de.deserialize_any(visitor);
        }
        self.de.deserialize_any(Shaped {
            visitor,
            kind: self.kind,
            depth: self.depth + 1,
            ctx: self.ctx,
        })
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        if !reshaped(self.kind, self.depth) {
            return self.de.deserialize_option(visitor);
        }
        self.de.deserialize_option(Maybe {
            visitor,
            kind: self.kind,
            depth: self.depth,
            ctx: self.ctx,
        })
    }

    super::forward_deserialize_methods!(forward);
}

/// `null`, or a value of `kind`.
struct Maybe<'c, V> {
    visitor: V,
    kind: Kind,
    depth: usize,
    ctx: &'c Ctx,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Maybe<'_, V> {
    type Value = V::Value;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }
    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.visitor.visit_none()
    }
    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.visitor.visit_none()
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.visitor.visit_some(Reshape {
            de: d,
            kind: self.kind,
            depth: self.depth,
            ctx: self.ctx,
        })
    }
}

/// The visitor of a value of a reshaped kind: objects and arrays are
/// handed on reshaped, anything else as it is (for the visitor to accept
/// or report).
struct Shaped<'c, V> {
    visitor: V,
    kind: Kind,
    /// The depth of the value's contents.
    depth: usize,
    ctx: &'c Ctx,
}

macro_rules! pass {
    ($($method:ident($ty:ty);)*) => {
        $(
            fn $method<E: de::Error>(self, v: $ty) -> Result<Self::Value, E> {
                self.visitor.$method(v)
            }
        )*
    };
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Shaped<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        match self.kind {
            Kind::Struct(shape) => self.visitor.visit_map(StructMap {
                map,
                shape: shape(),
                seen: Seen::default(),
                pending: None,
                next: 0,
                depth: self.depth,
                ctx: self.ctx,
            }),
            Kind::Map(inner) => self.visitor.visit_map(MapValues {
                map,
                kind: inner(),
                depth: self.depth,
                ctx: self.ctx,
            }),
            _ => self.visitor.visit_map(map),
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        match self.kind {
            Kind::List(inner) => self.visitor.visit_seq(Items {
                seq,
                kind: inner(),
                depth: self.depth,
                ctx: self.ctx,
            }),
            _ => self.visitor.visit_seq(seq),
        }
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        self.visitor.visit_borrowed_str(v)
    }
    fn visit_borrowed_bytes<E: de::Error>(self, v: &'de [u8]) -> Result<V::Value, E> {
        self.visitor.visit_borrowed_bytes(v)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.visitor.visit_some(d)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.visitor.visit_newtype_struct(d)
    }
    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_enum(data)
    }

    pass! {
        visit_bool(bool); visit_i8(i8); visit_i16(i16); visit_i32(i32); visit_i64(i64);
        visit_i128(i128); visit_u8(u8); visit_u16(u16); visit_u32(u32); visit_u64(u64);
        visit_u128(u128); visit_f32(f32); visit_f64(f64); visit_char(char); visit_str(&str);
        visit_string(String); visit_bytes(&[u8]); visit_byte_buf(Vec<u8>);
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.visitor.visit_none()
    }
    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.visitor.visit_unit()
    }
}

/// Which fields of a struct were seen (to notice a key that appears twice).
#[derive(Default)]
struct Seen {
    low: u64,
    more: Vec<u64>,
}

impl Seen {
    /// Marks field `i`; false if it was already marked.
    fn mark(&mut self, i: usize) -> bool {
        let (word, bit) = (i / 64, 1u64 << (i % 64));
        let w = if word == 0 {
            &mut self.low
        } else {
            if self.more.len() < word {
                self.more.resize(word, 0);
            }
            &mut self.more[word - 1]
        };
        let fresh = *w & bit == 0;
        *w |= bit;
        fresh
    }
}

/// The entries of an object of a struct type: the fields the shape knows,
/// under their serde keys, in document order.
struct StructMap<'c, A> {
    map: A,
    shape: &'static Shape,
    seen: Seen,
    pending: Option<&'static Field>,
    /// Where to look for the next key's field first.
    next: usize,
    depth: usize,
    ctx: &'c Ctx,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for StructMap<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        loop {
            let key = FieldKey {
                shape: self.shape,
                from: self.next,
            };
            match self.map.next_key_seed(key)? {
                None => return Ok(None),
                Some(None) => {
                    self.map.next_value::<IgnoredAny>()?;
                }
                Some(Some(i)) => {
                    if !self.seen.mark(i) {
                        return Err(self.ctx.bail());
                    }
                    let f = &self.shape.fields[i];
                    self.pending = Some(f);
                    self.next = i + 1;
                    return seed
                        .deserialize(BorrowedStrDeserializer::new(f.name))
                        .map(Some);
                }
            }
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, Self::Error> {
        match self.pending.take() {
            Some(field) => self.map.next_value_seed(FieldSeed {
                seed,
                field,
                depth: self.depth,
                ctx: self.ctx,
            }),
            None => Err(de::Error::custom(format_args!(
                "a value without a key in `{}`",
                self.shape.name
            ))),
        }
    }
}

/// The entries of a map-typed object, values reshaped as `kind`.
struct MapValues<'c, A> {
    map: A,
    kind: Kind,
    depth: usize,
    ctx: &'c Ctx,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for MapValues<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        self.map.next_key_seed(seed)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, Self::Error> {
        self.map.next_value_seed(Nested {
            seed,
            kind: self.kind,
            depth: self.depth,
            ctx: self.ctx,
        })
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

/// List items, each reshaped as `kind`.
struct Items<'c, A> {
    seq: A,
    kind: Kind,
    depth: usize,
    ctx: &'c Ctx,
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Items<'_, A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Self::Error> {
        self.seq.next_element_seed(Nested {
            seed,
            kind: self.kind,
            depth: self.depth,
            ctx: self.ctx,
        })
    }

    fn size_hint(&self) -> Option<usize> {
        self.seq.size_hint()
    }
}

/// A seed whose value is read through the adaptor as `kind`.
struct Nested<'c, S> {
    seed: S,
    kind: Kind,
    depth: usize,
    ctx: &'c Ctx,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Nested<'_, S> {
    type Value = S::Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(Reshape {
            de: d,
            kind: self.kind,
            depth: self.depth,
            ctx: self.ctx,
        })
    }
}

/// The value of one struct field, read by the field's rules.
struct FieldSeed<'c, S> {
    seed: S,
    field: &'static Field,
    depth: usize,
    ctx: &'c Ctx,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for FieldSeed<'_, S> {
    type Value = S::Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(FieldDe {
            de: d,
            field: self.field,
            kind: (self.field.kind)(),
            depth: self.depth,
            ctx: self.ctx,
        })
    }
}

/// The deserializer of one struct field's value. `null` for an optional
/// field is its absence (for the `Option` the generated types use there:
/// `None`); a list field takes a wrapper object (`{"Scope": [...]}`, the
/// item missing or `null`: empty, or absent when optional), one object (a
/// list of one), `null` (empty) or an array.
struct FieldDe<'c, D> {
    de: D,
    field: &'static Field,
    kind: Kind,
    depth: usize,
    ctx: &'c Ctx,
}

impl<'c, D> FieldDe<'c, D> {
    fn list<S>(&self, sink: S, inner: fn() -> Kind) -> ListValue<'c, S> {
        ListValue {
            sink,
            wrapper: self.field.item,
            kind: self.kind,
            inner: inner(),
            depth: self.depth,
            ctx: self.ctx,
        }
    }

    fn reshape(self) -> Reshape<'c, D> {
        Reshape {
            de: self.de,
            kind: self.kind,
            depth: self.depth,
            ctx: self.ctx,
        }
    }
}

macro_rules! field_forward {
    ($($method:ident $(($($arg:ident: $ty:ty),*))?;)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, $($($arg: $ty,)*)? visitor: V) -> Result<V::Value, Self::Error> {
                if self.field.optional {
                    // Absence is told apart from a value only for an `Option`
                    // (which asks with `deserialize_option`).
                    return Err(self.ctx.bail());
                }
                match self.kind {
                    Kind::List(inner) => {
                        let list = self.list(Direct(visitor), inner);
                        self.de.deserialize_any(list)
                    }
                    _ => self.reshape().$method($($($arg,)*)? visitor),
                }
            }
        )*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for FieldDe<'_, D> {
    type Error = D::Error;

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match (self.field.optional, self.kind) {
            (true, Kind::List(inner)) => {
                let list = self.list(Optional(visitor), inner);
                self.de.deserialize_any(list)
            }
            (true, kind) => self.de.deserialize_option(Maybe {
                visitor,
                kind,
                depth: self.depth,
                ctx: self.ctx,
            }),
            // A required list read as an `Option`: not what generated types do.
            (false, Kind::List(_)) => Err(self.ctx.bail()),
            (false, _) => self.reshape().deserialize_option(visitor),
        }
    }

    super::forward_deserialize_methods!(field_forward, deserialize_any);
}

/// Where the value of a list field goes: straight to the list's visitor,
/// or to the visitor of the `Option` around it.
trait Sink<'de>: Sized {
    type Value;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;
    /// Nothing: an empty list (required field) or absence (optional field).
    fn nothing<E: de::Error>(self) -> Result<Self::Value, E>;
    /// The items.
    fn items<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error>;
    /// Something that is not a list, for the visitor to report.
    fn other<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error>;
}

/// A required list field.
struct Direct<V>(V);

impl<'de, V: Visitor<'de>> Sink<'de> for Direct<V> {
    type Value = V::Value;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }
    fn nothing<E: de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_seq(NoItems(PhantomData))
    }
    fn items<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.0.visit_seq(seq)
    }
    fn other<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        d.deserialize_any(self.0)
    }
}

/// An optional list field (the visitor of its `Option`).
struct Optional<V>(V);

impl<'de, V: Visitor<'de>> Sink<'de> for Optional<V> {
    type Value = V::Value;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }
    fn nothing<E: de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_none()
    }
    fn items<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.0.visit_some(SeqAccessDeserializer::new(seq))
    }
    fn other<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.0.visit_some(d)
    }
}

/// The visitor of a list field's value (or, `wrapper` being `None`, of the
/// item inside its wrapper object).
struct ListValue<'c, S> {
    sink: S,
    /// The item key of a wrapper object.
    wrapper: Option<&'static str>,
    /// The list's kind and its items' kind.
    kind: Kind,
    inner: Kind,
    /// The field's depth.
    depth: usize,
    ctx: &'c Ctx,
}

impl<'de, S: Sink<'de>> DeserializeSeed<'de> for ListValue<'_, S> {
    type Value = S::Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        d.deserialize_any(self)
    }
}

macro_rules! not_a_list {
    ($($method:ident($ty:ty) => $de:expr;)*) => {
        $(
            fn $method<E: de::Error>(self, v: $ty) -> Result<Self::Value, E> {
                #[allow(clippy::redundant_closure_call)]
                self.sink.other(($de)(v))
            }
        )*
    };
}

impl<'de, S: Sink<'de>> Visitor<'de> for ListValue<'_, S> {
    type Value = S::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.sink.expecting(f)
    }

    fn visit_unit<E: de::Error>(self) -> Result<S::Value, E> {
        self.sink.nothing()
    }

    fn visit_none<E: de::Error>(self) -> Result<S::Value, E> {
        self.sink.nothing()
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<S::Value, A::Error> {
        if reshaped(self.kind, self.depth) {
            self.sink.items(Items {
                seq,
                kind: self.inner,
                depth: self.depth + 1,
                ctx: self.ctx,
            })
        } else {
            self.sink.items(seq)
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<S::Value, A::Error> {
        let Some(item) = self.wrapper else {
            // One object: a list of one.
            return self.sink.items(One {
                map: Some(map),
                kind: self.inner,
                depth: self.depth + 1,
                ctx: self.ctx,
            });
        };
        let ctx = self.ctx;
        let mut inside = Some(ListValue {
            wrapper: None,
            ..self
        });
        let mut found = None;
        while let Some(hit) = map.next_key_seed(KeyIs(item))? {
            if !hit {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            match inside.take() {
                Some(inside) => found = Some(map.next_value_seed(inside)?),
                // The item twice: the last one counts.
                None => return Err(ctx.bail()),
            }
        }
        match (found, inside) {
            (Some(v), _) => Ok(v),
            (None, Some(inside)) => inside.sink.nothing(),
            (None, None) => Err(ctx.bail()),
        }
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<S::Value, E> {
        self.sink.other(BorrowedStrDeserializer::new(v))
    }

    not_a_list! {
        visit_bool(bool) => |v: bool| v.into_deserializer();
        visit_i64(i64) => |v: i64| v.into_deserializer();
        visit_u64(u64) => |v: u64| v.into_deserializer();
        visit_f64(f64) => |v: f64| v.into_deserializer();
        visit_str(&str) => StrDeserializer::new;
        visit_string(String) => StringDeserializer::new;
    }
}

/// No items.
struct NoItems<E>(PhantomData<E>);

impl<'de, E: de::Error> SeqAccess<'de> for NoItems<E> {
    type Error = E;
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, _: T) -> Result<Option<T::Value>, E> {
        Ok(None)
    }
    fn size_hint(&self) -> Option<usize> {
        Some(0)
    }
}

/// One object (whose `{` was read) as the only item of a list.
struct One<'c, A> {
    map: Option<A>,
    kind: Kind,
    depth: usize,
    ctx: &'c Ctx,
}

impl<'de, A: MapAccess<'de>> SeqAccess<'de> for One<'_, A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        match self.map.take() {
            Some(map) => seed
                .deserialize(OneDe {
                    map,
                    kind: self.kind,
                    depth: self.depth,
                    ctx: self.ctx,
                })
                .map(Some),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(usize::from(self.map.is_some()))
    }
}

/// The deserializer of that item: an object, never `null`.
struct OneDe<'c, A> {
    map: A,
    kind: Kind,
    depth: usize,
    ctx: &'c Ctx,
}

macro_rules! one_forward {
    ($($method:ident $(($($arg:ident: $ty:ty),*))?;)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, $($($arg: $ty,)*)? visitor: V) -> Result<V::Value, Self::Error> {
                Reshape {
                    de: MapAccessDeserializer::new(self.map),
                    kind: self.kind,
                    depth: self.depth,
                    ctx: self.ctx,
                }
                .$method($($($arg,)*)? visitor)
            }
        )*
    };
}

impl<'de, A: MapAccess<'de>> Deserializer<'de> for OneDe<'_, A> {
    type Error = A::Error;

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_some(self)
    }

    super::forward_deserialize_methods!(one_forward, deserialize_any);
}
