//! The validated description: every name resolved to an index, every Rust
//! identifier checked, nothing left that could make the generator emit
//! invalid code. Public so that tools (benchmarks, docs) can inspect it.

/// A validated API description.
#[derive(Clone, Debug)]
pub struct Api {
    pub name: String,
    pub doc: Option<String>,
    pub hosts: Vec<Host>,
    pub oauth: Option<OAuth>,
    pub scopes: Vec<ScopeDef>,
    pub types: Vec<TypeDef>,
    pub resources: Vec<Resource>,
}

#[derive(Clone, Debug)]
pub struct Host {
    pub key: String,
    pub env: Option<String>,
    pub doc: Option<String>,
}

#[derive(Clone, Debug)]
pub struct OAuth {
    pub host: String,
    pub authorize: String,
    pub token: String,
    pub revoke: Option<String>,
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
}

#[derive(Clone, Debug)]
pub enum TypeKind {
    Struct(Vec<Field>),
    /// Wire values; each becomes a variant of the same (CamelCase) name.
    Enum(Vec<Variant>),
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
    /// A secret string: never printed (`imagen_runtime::Secret`).
    Secret,
    /// Any JSON value.
    Json,
    /// A type of the description (index into `Api::types`).
    Named(usize),
    List(Box<TypeRef>),
    /// A JSON object with string keys.
    Map(Box<TypeRef>),
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
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamIn {
    Path,
    Query,
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
    /// An XML document, passed as a string.
    Xml { doc: Option<String> },
}

#[derive(Clone, Debug)]
pub struct Response {
    pub ty: TypeRef,
    pub envelope: Option<String>,
}
