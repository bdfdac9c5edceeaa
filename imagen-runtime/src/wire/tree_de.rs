//! The parsed document ([`Doc`](super::xml::Doc)) as a serde
//! `Deserializer`, guided by the type's [`Shape`]: an XML answer goes from
//! the borrowed element list straight into the generated type, without an
//! intermediate `serde_json::Value` (text is handed to the type borrowed:
//! one allocation per string of the typed value, no map per struct). A
//! struct finds the elements of its fields in one pass over its children.
//!
//! The mapping is the one `decode` documents: attributes, text content,
//! wrapped and repeated lists, maps of child elements, empty scalar elements
//! as absent, `1`/`0` booleans. Errors found while walking the tree carry
//! their element path and byte offset; errors raised by the type's own
//! `Deserialize` (a missing field, a wrong type) get the path and offset of
//! the value being read.

use std::collections::HashSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, IntoDeserializer as _, MapAccess, SeqAccess, Visitor};

use super::decode::{At, WireError, any, repeated, single_child};
use super::xml::{Children, El};
use super::{Field, Kind, Node, Shape};

/// A decoding error: positioned (found while walking the tree, or given
/// the position of the value it arose in) or not yet.
#[derive(Debug)]
pub(super) struct DeError {
    pub(super) error: WireError,
    pub(super) positioned: bool,
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.error.fmt(f)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError {
            error: WireError {
                path: String::new(),
                offset: None,
                message: msg.to_string(),
            },
            positioned: false,
        }
    }
}

impl From<WireError> for DeError {
    fn from(error: WireError) -> Self {
        DeError {
            error,
            positioned: true,
        }
    }
}

/// Gives an error without a position the position of `at`.
fn place(e: DeError, at: &At<'_>, offset: usize) -> DeError {
    if e.positioned {
        return e;
    }
    DeError {
        error: WireError {
            path: at.render(),
            offset: Some(offset),
            message: e.error.message,
        },
        positioned: true,
    }
}

/// A value of the serde model, read lazily from the tree.
#[derive(Clone, Copy)]
pub(super) enum Val<'e> {
    /// An empty scalar inside a list (JSON `null` in the serde model).
    Null,
    Str(&'e str),
    Int(i64),
    UInt(u64),
    Float(f64),
    Bool(bool),
    /// A struct, list or map element.
    Element(El<'e>, Kind),
    /// Child elements of `parent` (those named `name`, or all) as a list
    /// of `inner`.
    Items {
        parent: El<'e>,
        name: Option<&'e str>,
        inner: Kind,
    },
    /// Any element, as `serde_json::Value` reads it.
    Any(El<'e>),
}

/// Text into a scalar of the serde model. `Ok(None)`: empty, so absent.
pub(super) fn scalar(text: &str, kind: Kind) -> Result<Option<Val<'_>>, String> {
    if let Kind::Text | Kind::Any = kind {
        return Ok(Some(Val::Str(text)));
    }
    let t = text.trim();
    Ok(Some(match kind {
        Kind::Text | Kind::Any => Val::Str(text),
        _ if t.is_empty() => return Ok(None),
        Kind::Int => {
            if let Ok(i) = t.parse::<i64>() {
                Val::Int(i)
            } else if let Ok(u) = t.parse::<u64>() {
                Val::UInt(u)
            } else {
                return Err(format!("`{t}` is not an integer"));
            }
        }
        Kind::Float => match t.parse::<f64>() {
            Ok(f) if f.is_finite() => Val::Float(f),
            _ => return Err(format!("`{t}` is not a number")),
        },
        Kind::Bool => {
            if t == "1" || t.eq_ignore_ascii_case("true") {
                Val::Bool(true)
            } else if t == "0" || t.eq_ignore_ascii_case("false") {
                Val::Bool(false)
            } else {
                return Err(format!("`{t}` is not a boolean (true, false, 1 or 0)"));
            }
        }
        Kind::Struct(_) | Kind::List(_) | Kind::Map(_) => {
            return Err("a structured value can't be written as text".into());
        }
    }))
}

/// One element as a value of `kind`. `None`: an empty element of a scalar
/// kind other than text, which counts as absent.
pub(super) fn element<'e>(
    el: El<'e>,
    kind: Kind,
    at: &At<'_>,
) -> Result<Option<Val<'e>>, WireError> {
    match kind {
        Kind::Any => Ok(Some(Val::Any(el))),
        Kind::Text | Kind::Int | Kind::Float | Kind::Bool => {
            if let Some(c) = el.children().next() {
                return Err(at.err(
                    c.offset(),
                    format!("expected text, found the child element <{}>", c.name()),
                ));
            }
            scalar(el.text(), kind).map_err(|m| at.err(el.offset(), m))
        }
        Kind::Struct(_) | Kind::Map(_) => Ok(Some(Val::Element(el, kind))),
        Kind::List(inner) => Ok(Some(Val::Items {
            parent: el,
            name: None,
            inner: inner(),
        })),
    }
}

/// The deserializer of one value at a position in the tree.
pub(super) struct De<'e, 'a> {
    pub(super) val: Val<'e>,
    pub(super) at: At<'a>,
    pub(super) offset: usize,
}

impl<'de> de::Deserializer<'de> for De<'de, '_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let (at, offset) = (self.at, self.offset);
        let r = match self.val {
            Val::Null => visitor.visit_unit(),
            Val::Str(s) => visitor.visit_borrowed_str(s),
            Val::Int(i) => visitor.visit_i64(i),
            Val::UInt(u) => visitor.visit_u64(u),
            Val::Float(f) => visitor.visit_f64(f),
            Val::Bool(b) => visitor.visit_bool(b),
            Val::Any(el) => any(el, 0)
                .deserialize_any(visitor)
                .map_err(<DeError as de::Error>::custom),
            Val::Element(el, Kind::Struct(shape)) => {
                visitor.visit_map(StructAccess::new(el, shape(), at))
            }
            Val::Element(el, Kind::Map(inner)) => visitor.visit_map(MapOfElements {
                children: el.children(),
                parent: el,
                seen: 0,
                lengths: 0,
                names: None,
                inner: inner(),
                pending: None,
                at,
            }),
            Val::Element(el, kind) => match element(el, kind, &at)? {
                Some(v) => De { val: v, at, offset }.deserialize_any(visitor),
                None => visitor.visit_unit(),
            },
            Val::Items {
                parent,
                name,
                inner,
            } => visitor.visit_seq(Items {
                children: parent.children(),
                name,
                index: 0,
                inner,
                at,
            }),
        };
        r.map_err(|e| place(e, &at, offset))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.val {
            Val::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match self.val {
            // A unit variant written as its name.
            Val::Str(s) => visitor.visit_enum(s.into_deserializer()),
            _ => self.deserialize_any(visitor),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct
        identifier ignored_any
    }
}

/// Up to this many fields, a struct finds the elements of its fields in
/// one pass over its children ([`Slots`]); a bigger one looks each up.
const SLOTS: usize = 32;

/// The first and second child element of each field of a struct (node
/// indices, 0 for none: the root is nobody's child).
type Slots = [(u32, u32); SLOTS];

/// Fills the slots of `el`'s fields from its children.
fn slots(el: El<'_>, fields: &[Field]) -> Option<Slots> {
    if fields.len() > SLOTS {
        return None;
    }
    let mut slots = [(0, 0); SLOTS];
    // Documents mostly list elements in field order: the search starts at
    // the field of the previous child.
    let mut hint = 0;
    for c in el.children() {
        let name = c.name();
        let found = (hint..fields.len())
            .chain(0..hint)
            .find(|&i| fields[i].node == Node::Element && fields[i].name == name);
        if let Some(i) = found {
            let index = u32::try_from(c.index()).ok()?;
            let slot = &mut slots[i];
            if slot.0 == 0 {
                slot.0 = index;
            } else if slot.1 == 0 {
                slot.1 = index;
            }
            hint = i;
        }
    }
    Some(slots)
}

/// The fields of a struct element, in shape order; absent optional fields
/// are left out, a missing required one is an error naming it.
struct StructAccess<'e, 'a> {
    el: El<'e>,
    shape: &'static Shape,
    fields: std::iter::Enumerate<std::slice::Iter<'static, Field>>,
    /// The elements of the fields, when the shape has at most [`SLOTS`]
    /// (and the document fewer than 2³² elements).
    slots: Option<Slots>,
    /// The next value: its field and, for an element field, its element.
    pending: Option<(Val<'e>, &'static Field, Option<El<'e>>)>,
    at: At<'a>,
}

impl<'e, 'a> StructAccess<'e, 'a> {
    fn new(el: El<'e>, shape: &'static Shape, at: At<'a>) -> Self {
        StructAccess {
            el,
            shape,
            fields: shape.fields.iter().enumerate(),
            slots: slots(el, shape.fields),
            pending: None,
            at,
        }
    }

    /// The element of field `i`; more than one is an error.
    fn child(&self, i: usize, f: &Field) -> Result<Option<El<'e>>, WireError> {
        let Some(slots) = &self.slots else {
            return single_child(self.el, f.name, &self.at);
        };
        let (first, second) = slots[i];
        if second != 0 {
            return Err(repeated(&self.at, f.name, self.el.node_at(second as usize)));
        }
        Ok((first != 0).then(|| self.el.node_at(first as usize)))
    }

    /// Whether field `i` has elements.
    fn has_children(&self, i: usize, f: &Field) -> bool {
        match &self.slots {
            Some(slots) => slots[i].0 != 0,
            None => self.el.children().any(|c| c.name() == f.name),
        }
    }

    /// The value of field `i` and, for an element field, its element.
    #[allow(clippy::type_complexity)]
    fn value_of(
        &self,
        i: usize,
        f: &'static Field,
    ) -> Result<Option<(Val<'e>, Option<El<'e>>)>, WireError> {
        let el = self.el;
        let at = &self.at;
        let kind = (f.kind)();
        match f.node {
            Node::Attribute => match el.attr(f.name) {
                Some(v) => Ok(scalar(v, kind)
                    .map_err(|m| at.attr(f.name).err(el.offset(), m))?
                    .map(|v| (v, None))),
                None => Ok(None),
            },
            Node::Text => Ok(scalar(el.text(), kind)
                .map_err(|m| at.err(el.offset(), m))?
                .map(|v| (v, None))),
            Node::Element => match (kind, f.item) {
                (Kind::List(inner), Some(item)) => match self.child(i, f)? {
                    Some(wrapper) => Ok(Some((
                        Val::Items {
                            parent: wrapper,
                            name: Some(item),
                            inner: inner(),
                        },
                        Some(wrapper),
                    ))),
                    None => Ok(None),
                },
                (Kind::List(inner), None) => {
                    if f.optional && !self.has_children(i, f) {
                        return Ok(None);
                    }
                    Ok(Some((
                        Val::Items {
                            parent: el,
                            name: Some(f.name),
                            inner: inner(),
                        },
                        None,
                    )))
                }
                (kind, _) => match self.child(i, f)? {
                    Some(c) => Ok(element(c, kind, &at.child(f.name, None))?.map(|v| (v, Some(c)))),
                    None => Ok(None),
                },
            },
        }
    }
}

impl<'de> MapAccess<'de> for StructAccess<'de, '_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        loop {
            let Some((i, f)) = self.fields.next() else {
                return Ok(None);
            };
            match self.value_of(i, f)? {
                Some((v, c)) => {
                    self.pending = Some((v, f, c));
                    return seed.deserialize(f.name.into_deserializer()).map(Some);
                }
                None if f.optional => {}
                None => {
                    let what = match f.node {
                        Node::Attribute => format!("the attribute `{}`", f.name),
                        Node::Text => "text content".to_owned(),
                        Node::Element => format!("a <{}> element", f.name),
                    };
                    return Err(self
                        .at
                        .err(
                            self.el.offset(),
                            format!(
                                "{} is missing {what} (needed by `{}`)",
                                self.el.name(),
                                self.shape.name
                            ),
                        )
                        .into());
                }
            }
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let Some((val, f, c)) = self.pending.take() else {
            return Err(de::Error::custom("a value without a key"));
        };
        let (at, offset) = match (f.node, c) {
            (Node::Element, Some(c)) => (self.at.child(f.name, None), c.offset()),
            // Repeated elements: each item's path is its own (`Parent/Item[2]`).
            (Node::Element, None) => (self.at, self.el.offset()),
            (Node::Attribute, _) => (self.at.attr(f.name), self.el.offset()),
            (Node::Text, _) => (self.at, self.el.offset()),
        };
        seed.deserialize(De { val, at, offset })
    }
}

/// The child elements of a map element: name → value; empty scalars are
/// left out, a name that appears twice is an error.
struct MapOfElements<'e, 'a> {
    children: Children<'e>,
    parent: El<'e>,
    /// How many children have been read.
    seen: usize,
    /// A bit per name length (modulo 64) among them: a name whose bit is
    /// not set is not among them.
    lengths: u64,
    /// Their names, once there are too many to compare one by one.
    names: Option<HashSet<&'e str>>,
    inner: Kind,
    pending: Option<(El<'e>, Val<'e>)>,
    at: At<'a>,
}

/// Up to this many entries, a map's names are checked for repeats against
/// the earlier children one by one; past it, through a set.
const MAP_SCAN: usize = 16;

impl<'e> MapOfElements<'e, '_> {
    /// Whether `name`, the name of the next child, appeared before.
    fn repeated(&mut self, name: &'e str) -> bool {
        self.seen += 1;
        if let Some(names) = &mut self.names {
            return !names.insert(name);
        }
        let bit = 1 << (name.len() % 64);
        if self.lengths & bit != 0
            && self
                .parent
                .children()
                .take(self.seen - 1)
                .any(|e| e.name() == name)
        {
            return true;
        }
        self.lengths |= bit;
        if self.seen == MAP_SCAN {
            self.names = Some(
                self.parent
                    .children()
                    .take(self.seen)
                    .map(El::name)
                    .collect(),
            );
        }
        false
    }
}

impl<'de> MapAccess<'de> for MapOfElements<'de, '_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        while let Some(c) = self.children.next() {
            if self.repeated(c.name()) {
                let at = self.at.child(c.name(), None);
                return Err(at
                    .err(
                        c.offset(),
                        format!("<{}> appears twice in this map", c.name()),
                    )
                    .into());
            }
            // Empty scalars count as absent.
            let Some(val) = element(c, self.inner, &self.at.child(c.name(), None))? else {
                continue;
            };
            self.pending = Some((c, val));
            return seed
                .deserialize(de::value::BorrowedStrDeserializer::new(c.name()))
                .map(Some);
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let Some((c, val)) = self.pending.take() else {
            return Err(de::Error::custom("a value without a key"));
        };
        let at = self.at.child(c.name(), None);
        seed.deserialize(De {
            val,
            at,
            offset: c.offset(),
        })
    }
}

/// Child elements as list items; an empty scalar item is `null`.
struct Items<'e, 'a> {
    children: Children<'e>,
    name: Option<&'e str>,
    index: usize,
    inner: Kind,
    at: At<'a>,
}

impl<'de> SeqAccess<'de> for Items<'de, '_> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        let name = self.name;
        let Some(c) = self.children.find(|c| name.is_none_or(|n| c.name() == n)) else {
            return Ok(None);
        };
        let at = self.at.child(c.name(), Some(self.index));
        self.index += 1;
        let val = element(c, self.inner, &at)?.unwrap_or(Val::Null);
        seed.deserialize(De {
            val,
            at,
            offset: c.offset(),
        })
        .map(Some)
    }
}
