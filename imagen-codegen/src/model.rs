//! The validated description: every name resolved to an index, every Rust
//! identifier checked, nothing left that could make the generator emit
//! invalid code. Public so that tools (benchmarks, docs) can inspect it.

/// A validated API description.
#[derive(Clone, Debug)]
pub struct Api {
    pub name: String,
    pub doc: Option<String>,
    /// Environment variables of the API key and secret.
    pub key_env: String,
    pub secret_env: String,
    pub hosts: Vec<Host>,
    pub oauth: Option<OAuth>,
    /// The endpoint that reports the application's granted scopes.
    pub scope_check: Option<ScopeCheck>,
    /// How to get a missing scope (the compile-time message); `{scope}` names it.
    pub scope_remedy: String,
    pub scopes: Vec<ScopeDef>,
    pub types: Vec<TypeDef>,
    pub resources: Vec<Resource>,
}

#[derive(Clone, Debug)]
pub struct Host {
    pub key: String,
    pub env: Option<String>,
    /// URL used when the environment variable is not set.
    pub default: Option<String>,
    pub doc: Option<String>,
}

#[derive(Clone, Debug)]
pub struct OAuth {
    pub host: String,
    pub authorize: String,
    pub token: String,
    pub revoke: Option<String>,
    /// `true`: HTTP Basic; `false`: form fields.
    pub basic_auth: bool,
    pub pkce: bool,
}

/// Where an application's granted scopes come from.
#[derive(Clone, Debug)]
pub struct ScopeCheck {
    /// (resource index, endpoint index)
    pub endpoint: (usize, usize),
    /// The answer is a list (of structs holding the path).
    pub root_list: bool,
    /// The field path, as (Rust field name, optional, list) from the answer down to a string.
    pub path: Vec<(String, bool, bool)>,
}

#[derive(Clone, Debug)]
pub struct ScopeDef {
    /// The wire name (`readUsersData`).
    pub wire: String,
    /// The marker type's name (`ReadUsersData`).
    pub ident: String,
    pub doc: Option<String>,
    pub default: bool,
    /// Scopes this one implies directly (indices into `Api::scopes`).
    pub implies: Vec<usize>,
    /// Every scope a holder of this one may use, itself included, sorted.
    pub closure: Vec<usize>,
}

#[derive(Clone, Debug)]
pub struct TypeDef {
    pub name: String,
    pub doc: Option<String>,
    pub documented: bool,
    pub kind: TypeKind,
    /// The JSON form is the serde model: no field of this type or of any
    /// type reachable from it renames its JSON key or wraps a list.
    pub plain_json: bool,
}

#[derive(Clone, Debug)]
pub enum TypeKind {
    Struct(Vec<Field>),
    /// Wire values; each becomes a variant of the same (CamelCase) name.
    Enum(Vec<Variant>),
    /// A numeric enum: integer codes with variant names.
    Codes(Vec<Code>),
}

#[derive(Clone, Debug)]
pub struct Code {
    pub ident: String,
    pub code: i64,
}

/// Where a field sits in its type's XML element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum XmlNode {
    Element,
    Attribute,
    Text,
}

/// An answer format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Xml,
    Json,
}

#[derive(Clone, Debug)]
pub struct Variant {
    pub wire: String,
    pub ident: String,
}

#[derive(Clone, Debug)]
pub struct Field {
    /// Rust name, possibly a raw identifier (`r#type`).
    pub rust: String,
    pub wire: String,
    pub ty: TypeRef,
    pub optional: bool,
    pub doc: Option<String>,
    pub documented: bool,
    pub xml: XmlNode,
    /// For a list: the item element name inside a wrapper named `wire`.
    pub item: Option<String>,
    /// The JSON key, when it differs from `wire`.
    pub json: Option<String>,
}

/// A type as used by a field, parameter, body or response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypeRef {
    String,
    Bool,
    I32,
    I64,
    U8,
    U32,
    U64,
    F64,
    /// A secret string: never printed (`imagen_runtime::ApiSecret`, one of
    /// the runtime's secret types).
    Secret,
    /// Any JSON value.
    Json,
    /// A type of the description (index into `Api::types`).
    Named(usize),
    List(Box<TypeRef>),
    /// A JSON object with string keys.
    Map(Box<TypeRef>),
    /// A boolean written `1`/`0`.
    Flag,
    /// A list written as one comma-joined string.
    Csv(Box<TypeRef>),
}

#[derive(Clone, Debug)]
pub struct Resource {
    /// The key in the description (`records`).
    pub key: String,
    /// Module and accessor name (`records`).
    pub module: String,
    /// Accessor type name (`Records`).
    pub ident: String,
    pub doc: Option<String>,
    pub endpoints: Vec<Endpoint>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
    Patch,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
            Method::Patch => "PATCH",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Auth {
    Application,
    User,
    Any,
    None,
}

impl Auth {
    pub fn as_str(self) -> &'static str {
        match self {
            Auth::Application => "application",
            Auth::User => "user",
            Auth::Any => "any",
            Auth::None => "none",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Endpoint {
    /// The key in the description (`search`).
    pub key: String,
    /// Method name (`search`).
    pub method_name: String,
    /// Request builder type name (`Search`).
    pub builder: String,
    pub method: Method,
    pub path: String,
    pub host: String,
    pub auth: Auth,
    pub scopes: Vec<usize>,
    /// Path parameters in template order, then query parameters in description order.
    pub params: Vec<Param>,
    pub body: Option<Body>,
    pub response: Response,
    pub doc: Option<String>,
    pub documented: bool,
    /// Sending it twice has the effect of sending it once.
    pub idempotent: bool,
    /// How to find out what happened when the outcome is unknown.
    pub outcome_hint: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamIn {
    Path,
    Query,
    Header,
}

#[derive(Clone, Debug)]
pub struct Param {
    pub wire: String,
    pub rust: String,
    pub location: ParamIn,
    pub ty: TypeRef,
    pub required: bool,
    pub doc: Option<String>,
}

#[derive(Clone, Debug)]
pub enum Body {
    /// A JSON body of the given type.
    Json { ty: TypeRef, doc: Option<String> },
    /// An XML document: typed (`ty` with its root element) or passed as a string.
    Xml {
        ty: Option<(TypeRef, String)>,
        doc: Option<String>,
    },
}

#[derive(Clone, Debug)]
pub struct Response {
    pub ty: TypeRef,
    /// JSON envelope path (`Application`, `Workflows/Workflow`).
    pub envelope: Option<String>,
    /// XML element path (`Response/Result/User`).
    pub xml: Option<String>,
    /// Offered formats, the default first; empty means JSON only.
    pub formats: Vec<Format>,
}
