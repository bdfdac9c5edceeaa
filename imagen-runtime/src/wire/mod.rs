//! Wire formats: how the typed answers and request documents of a
//! description map onto XML and JSON.
//!
//! Imagen answers XML by default and JSON only for some resources, and the
//! two are not the same tree: XML has attributes, text content, wrapper
//! elements around repeated items and `<Response>` roots that the JSON
//! answers leave out. Generated types therefore carry their mapping as data —
//! a static [`Shape`] per struct, reached through the [`Wire`] trait — and the
//! runtime does the rest once for every type:
//!
//! - **XML answers** are checked and parsed into a flat list of elements
//!   that borrows names, text and attribute values from the answer wherever
//!   unescaping leaves them unchanged ([`xml`]; whitespace-only text between
//!   the tags of an element with child elements is indentation and left
//!   out). The list is walked along the endpoint's XML path
//!   (`Response/Result/User`) and deserialized by the shape, which maps it
//!   onto the serde model of the type (attributes, text, wrapped and
//!   repeated lists, maps of arbitrary child elements, empty elements,
//!   `1`/`0` booleans) without building an intermediate value: the strings
//!   of the typed value are the only copies made. Errors name the element
//!   path and the byte offset.
//! - **JSON answers** are deserialized directly when the type's JSON is its
//!   serde model, and reshaped by the same shape otherwise (wrapped lists,
//!   keys that differ from the XML names): in one pass, by an adaptor
//!   around serde_json's deserializer that renames and unwraps while it
//!   reads (`json_reshape`). A document it can't follow the rules for in
//!   one pass (a key twice: the last one counts; no envelope) and every
//!   document with an error are read again by the two-pass reader
//!   (`json_de`), whose values and errors are the rules'.
//! - **XML request documents** are serialized from the serde model and
//!   written by the shape ([`to_xml`]).
//!
//! The serde model of a generated struct uses the XML names (the `wire:`
//! names of the description) as keys. Its `Serialize` and `Deserialize`
//! are not serde's derive but a call per field and a key table
//! ([`struct_ser`], [`struct_de`]): the derive's output was most of a large
//! description's compile time.

/// Calls `$m! { … }` with every visitor-taking `Deserializer` method but
/// `deserialize_option` (and but `deserialize_any` unless it is given
/// first), in the forms the JSON readers' forwarding macros take: their
/// wrappers forward the same methods, each in its own way.
macro_rules! forward_deserialize_methods {
    ($m:ident $(, $first:ident)*) => {
        $m! {
            $($first;)*
            deserialize_bool; deserialize_i8; deserialize_i16; deserialize_i32; deserialize_i64;
            deserialize_i128; deserialize_u8; deserialize_u16; deserialize_u32; deserialize_u64;
            deserialize_u128; deserialize_f32; deserialize_f64; deserialize_char; deserialize_str;
            deserialize_string; deserialize_bytes; deserialize_byte_buf; deserialize_unit;
            deserialize_seq; deserialize_map; deserialize_identifier; deserialize_ignored_any;
            deserialize_unit_struct(name: &'static str);
            deserialize_newtype_struct(name: &'static str);
            deserialize_tuple(len: usize);
            deserialize_tuple_struct(name: &'static str, len: usize);
            deserialize_struct(name: &'static str, fields: &'static [&'static str]);
            deserialize_enum(name: &'static str, variants: &'static [&'static str]);
        }
    };
}
use forward_deserialize_methods;

mod decode;
mod encode;
pub mod formats;
mod json_de;
mod json_reshape;
pub mod struct_de;
pub mod struct_ser;
mod tree_de;
pub mod xml;

pub use decode::{WireError, from_json, from_xml};
pub use encode::to_xml;

/// A format an endpoint answers in (the description's `formats:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// `application/xml` (Imagen's default).
    Xml,
    /// `application/json`, asked for with `Accept: application/json`.
    Json,
}

impl Format {
    /// The media type used in `Accept` and `Content-Type`.
    pub const fn media_type(self) -> &'static str {
        match self {
            Format::Xml => "application/xml",
            Format::Json => "application/json",
        }
    }
}

/// Where a field of a struct sits in its XML element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Node {
    /// A child element named like the field.
    Element,
    /// An attribute named like the field.
    Attribute,
    /// The element's own text content.
    Text,
}

/// What kind of value a field (or an answer) holds, as far as the wire
/// formats care. Built from the Rust type by [`Wire::kind`].
#[derive(Clone, Copy)]
pub enum Kind {
    /// Text, kept as it is (strings, string and numeric enums, secrets,
    /// comma-joined lists: their own serde code parses the text).
    Text,
    /// An integer: XML text parsed as a number.
    Int,
    /// A floating-point number.
    Float,
    /// A boolean: `true`/`false` or `1`/`0`.
    Bool,
    /// A struct with fields.
    Struct(fn() -> &'static Shape),
    /// A list of items of the inner kind.
    List(fn() -> Kind),
    /// A map from element names (XML) or keys (JSON) to values of the inner kind.
    Map(fn() -> Kind),
    /// Any JSON value (in XML: the text).
    Any,
}

impl std::fmt::Debug for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Kind::Text => f.write_str("Text"),
            Kind::Int => f.write_str("Int"),
            Kind::Float => f.write_str("Float"),
            Kind::Bool => f.write_str("Bool"),
            Kind::Struct(s) => write!(f, "Struct({})", s().name),
            Kind::List(k) => write!(f, "List({:?})", k()),
            Kind::Map(k) => write!(f, "Map({:?})", k()),
            Kind::Any => f.write_str("Any"),
        }
    }
}

impl Kind {
    /// Whether a JSON document of this kind is already the serde model
    /// (no wrapped lists, no renamed keys anywhere inside).
    pub fn plain_json(self) -> bool {
        match self {
            Kind::Struct(s) => s().plain_json,
            Kind::List(k) | Kind::Map(k) => k().plain_json(),
            _ => true,
        }
    }
}

/// The wire mapping of one struct type.
#[derive(Debug)]
pub struct Shape {
    /// The type's name (for error messages).
    pub name: &'static str,
    /// Its fields, in declaration order (the order XML documents are written in).
    pub fields: &'static [Field],
    /// The JSON form is the serde model: no field here or in any type
    /// reachable from here has `item` or `json` set.
    pub plain_json: bool,
}

/// The wire mapping of one field.
#[derive(Debug)]
pub struct Field {
    /// The serde key and the XML name (element or attribute).
    pub name: &'static str,
    /// The JSON key, when it differs from `name`.
    pub json: Option<&'static str>,
    /// Element, attribute or text.
    pub node: Node,
    /// For a list: the name of the item elements inside a wrapper element
    /// called `name` (`<Scopes><Scope/>…</Scopes>`, JSON `{"Scopes":{"Scope":[…]}}`).
    /// `None`: the items are repeated `name` elements (JSON: an array).
    pub item: Option<&'static str>,
    /// The kind of value.
    pub kind: fn() -> Kind,
    /// May be absent.
    pub optional: bool,
}

/// Constructors for the generated shape tables: a field is an element, an
/// attribute or the text, then optionally `.optional()`, `.json(key)` and
/// `.item(name)` (a few tokens per field instead of a struct literal, which
/// matters when a description has thousands of fields).
impl Field {
    /// A required child element named `name`.
    pub const fn element(name: &'static str, kind: fn() -> Kind) -> Field {
        Field {
            name,
            json: None,
            node: Node::Element,
            item: None,
            kind,
            optional: false,
        }
    }

    /// A required attribute named `name`.
    pub const fn attribute(name: &'static str, kind: fn() -> Kind) -> Field {
        Field {
            node: Node::Attribute,
            ..Field::element(name, kind)
        }
    }

    /// The element's own text.
    pub const fn text(name: &'static str, kind: fn() -> Kind) -> Field {
        Field {
            node: Node::Text,
            ..Field::element(name, kind)
        }
    }

    /// The same field, which may be absent.
    pub const fn optional(self) -> Field {
        Field {
            optional: true,
            ..self
        }
    }

    /// The same field with a JSON key that differs from its name.
    pub const fn json(self, key: &'static str) -> Field {
        Field {
            json: Some(key),
            ..self
        }
    }

    /// The same list field, its items `<item>` elements inside a wrapper
    /// element called `name`.
    pub const fn item(self, item: &'static str) -> Field {
        Field {
            item: Some(item),
            ..self
        }
    }

    /// The JSON key of the field.
    pub fn json_name(&self) -> &'static str {
        self.json.unwrap_or(self.name)
    }
}

/// A type that can travel in the wire formats. Implemented by the generated
/// types and by the scalar and container types they use.
pub trait Wire {
    /// The kind of value, for the XML and JSON mappings.
    fn kind() -> Kind;
}

macro_rules! wire_kind {
    ($kind:ident: $($t:ty),*) => { $( impl Wire for $t { fn kind() -> Kind { Kind::$kind } } )* };
}
wire_kind!(Text: String, crate::ApiSecret);
wire_kind!(Int: i8, i16, i32, i64, u8, u16, u32, u64);
wire_kind!(Float: f32, f64);
wire_kind!(Bool: bool);
wire_kind!(Any: serde_json::Value, (), serde::de::IgnoredAny);

impl<T: Wire> Wire for Vec<T> {
    fn kind() -> Kind {
        Kind::List(T::kind)
    }
}

impl<T: Wire> Wire for Option<T> {
    fn kind() -> Kind {
        T::kind()
    }
}

impl<T: Wire> Wire for std::collections::BTreeMap<String, T> {
    fn kind() -> Kind {
        Kind::Map(T::kind)
    }
}

impl<T: Wire> Wire for indexmap::IndexMap<String, T> {
    fn kind() -> Kind {
        Kind::Map(T::kind)
    }
}

impl<T: Wire> Wire for std::collections::HashMap<String, T> {
    fn kind() -> Kind {
        Kind::Map(T::kind)
    }
}
