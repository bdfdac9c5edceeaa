//! The validated description: every name resolved to an index, every Rust
//! identifier checked, nothing left that could make the generator emit
//! invalid code. Public so that tools (benchmarks, docs) can inspect it.

/// A validated API description.
#[derive(Clone, Debug)]
pub struct Api {
    /// The API's name (`name:`), used in generated docs.
    pub name: String,
    /// The description's `doc:` text.
    pub doc: Option<String>,
    /// Environment variables of the API key and secret.
    pub key_env: String,
    /// Environment variable of the API secret.
    pub secret_env: String,
    /// The downloadable application file, if the API has one.
    pub credential_file: Option<CredentialFile>,
    /// The hosts endpoints are sent to, in description order.
    pub hosts: Vec<Host>,
    /// The OAuth 2.0 endpoints, when the API has user-context endpoints.
    pub oauth: Option<OAuth>,
    /// The endpoint that reports the application's granted scopes.
    pub scope_check: Option<ScopeCheck>,
    /// How to get a missing scope (the compile-time message); `{scope}` names it.
    pub scope_remedy: String,
    /// The scopes, in description order (endpoints refer to them by index).
    pub scopes: Vec<ScopeDef>,
    /// The named types, in description order.
    pub types: Vec<TypeDef>,
    /// The resources, in description order.
    pub resources: Vec<Resource>,
}

/// The JSON application file (`credentials.file:`): where its key, secret
/// and host URLs are.
#[derive(Clone, Debug)]
pub struct CredentialFile {
    /// The object the fields sit in, if any (`{"Application": {...}}`); a
    /// flat file is accepted too.
    pub wrapper: Option<String>,
    /// The key's field.
    pub key: String,
    /// The secret's field.
    pub secret: String,
    /// (host key, field) of each host URL the file may hold.
    pub hosts: Vec<(String, String)>,
}

/// A host endpoints are sent to.
#[derive(Clone, Debug)]
pub struct Host {
    /// The key endpoints name it by (`mcc`).
    pub key: String,
    /// The environment variable holding its base URL.
    pub env: Option<String>,
    /// URL used when the environment variable is not set.
    pub default: Option<String>,
    /// What the host is, for the generated docs.
    pub doc: Option<String>,
}

/// The OAuth 2.0 endpoints of the description.
#[derive(Clone, Debug)]
pub struct OAuth {
    /// The host key they live on.
    pub host: String,
    /// Path of the authorization (consent) page.
    pub authorize: String,
    /// Path of the token endpoint.
    pub token: String,
    /// Path of the revocation endpoint, if any.
    pub revoke: Option<String>,
    /// `true`: HTTP Basic; `false`: form fields.
    pub basic_auth: bool,
    /// Authorization requests carry a PKCE challenge (RFC 7636).
    pub pkce: bool,
    /// The consent page's window title with the out-of-band redirect URIs.
    pub oob_title: Option<OobTitle>,
}

/// How the consent page's window title carries the result with the
/// out-of-band redirect URIs: one of two words, a space, then the callback's
/// parameters (`Success code=…`, `Denied error=…`).
#[derive(Clone, Debug)]
pub struct OobTitle {
    /// The word of a granted authorization.
    pub success: String,
    /// The word of a refused one.
    pub denied: String,
}

/// Where an application's granted scopes come from (`scope_check:`).
#[derive(Clone, Debug)]
pub struct ScopeCheck {
    /// (resource index, endpoint index)
    pub endpoint: (usize, usize),
    /// The answer is a list (of structs holding the path).
    pub root_list: bool,
    /// The field path, as (Rust field name, optional, list) from the answer down to a string.
    pub path: Vec<(String, bool, bool)>,
}

/// A scope of the description.
#[derive(Clone, Debug)]
pub struct ScopeDef {
    /// The wire name (`readUsersData`).
    pub wire: String,
    /// The marker type's name (`ReadUsersData`).
    pub ident: String,
    /// What the scope allows.
    pub doc: Option<String>,
    /// Granted to new applications by default (part of `DefaultScopes`).
    pub default: bool,
    /// Scopes this one implies directly (indices into `Api::scopes`).
    pub implies: Vec<usize>,
    /// Every scope a holder of this one may use, itself included, sorted.
    pub closure: Vec<usize>,
}

/// A named type of the description.
#[derive(Clone, Debug)]
pub struct TypeDef {
    /// The Rust type name (PascalCase).
    pub name: String,
    /// The type's `doc:` text.
    pub doc: Option<String>,
    /// `false`: an assumption of the description's author (`documented: false`).
    pub documented: bool,
    /// Struct, string enum or numeric enum.
    pub kind: TypeKind,
    /// The JSON form is the serde model: no field of this type or of any
    /// type reachable from it renames its JSON key or wraps a list.
    pub plain_json: bool,
}

/// What a named type is.
#[derive(Clone, Debug)]
pub enum TypeKind {
    /// A struct with these fields.
    Struct(Vec<Field>),
    /// Wire values; each becomes a variant of the same (CamelCase) name.
    Enum(Vec<Variant>),
    /// A numeric enum: integer codes with variant names.
    Codes(Vec<Code>),
}

/// One value of a numeric enum.
#[derive(Clone, Debug)]
pub struct Code {
    /// The variant name.
    pub ident: String,
    /// The integer on the wire.
    pub code: i64,
}

/// Where a field sits in its type's XML element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum XmlNode {
    /// A child element (the default).
    Element,
    /// An attribute of the type's element.
    Attribute,
    /// The element's text.
    Text,
}

/// An answer format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `application/xml`.
    Xml,
    /// `application/json`.
    Json,
}

/// One value of a string enum.
#[derive(Clone, Debug)]
pub struct Variant {
    /// The value on the wire (`in-review`).
    pub wire: String,
    /// The variant name (`InReview`).
    pub ident: String,
}

/// A field of a struct type.
#[derive(Clone, Debug)]
pub struct Field {
    /// Rust name, possibly a raw identifier (`r#type`).
    pub rust: String,
    /// The element, attribute or key name on the wire.
    pub wire: String,
    /// The field's type.
    pub ty: TypeRef,
    /// May be absent (`Option<T>` in Rust).
    pub optional: bool,
    /// The field's `doc:` text.
    pub doc: Option<String>,
    /// `false`: an assumption (`documented: false`).
    pub documented: bool,
    /// Where it sits in the XML element.
    pub xml: XmlNode,
    /// For a list: the item element name inside a wrapper named `wire`.
    pub item: Option<String>,
    /// The JSON key, when it differs from `wire`.
    pub json: Option<String>,
}

/// A type as used by a field, parameter, body or response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypeRef {
    /// `string`
    String,
    /// `bool`
    Bool,
    /// `i32`
    I32,
    /// `i64`
    I64,
    /// `u8`
    U8,
    /// `u32`
    U32,
    /// `u64`
    U64,
    /// `f64`
    F64,
    /// A secret string: never printed (`imagen_runtime::ApiSecret`, one of
    /// the runtime's secret types).
    Secret,
    /// Any JSON value.
    Json,
    /// A type of the description (index into `Api::types`).
    Named(usize),
    /// `list<T>`: a list of `T`.
    List(Box<TypeRef>),
    /// `map<T>`: string keys to `T` (child elements in XML, an object in JSON), order kept.
    Map(Box<TypeRef>),
    /// A boolean written `1`/`0`.
    Flag,
    /// A list written as one comma-joined string.
    Csv(Box<TypeRef>),
}

/// A resource: a group of endpoints with its own module.
#[derive(Clone, Debug)]
pub struct Resource {
    /// The key in the description (`records`).
    pub key: String,
    /// Module and accessor name (`records`).
    pub module: String,
    /// Accessor type name (`Records`).
    pub ident: String,
    /// The resource's `doc:` text.
    pub doc: Option<String>,
    /// Its endpoints, in description order.
    pub endpoints: Vec<Endpoint>,
}

/// An HTTP method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `DELETE`
    Delete,
    /// `PATCH`
    Patch,
}

impl Method {
    /// The method's name on the wire (`GET`).
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

/// The authentication an endpoint needs (`auth:`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Auth {
    /// Signed with the API key and secret.
    Application,
    /// An OAuth 2.0 access token of a user.
    User,
    /// Either.
    Any,
    /// No credentials.
    None,
}

impl Auth {
    /// The description's spelling (`application`).
    pub fn as_str(self) -> &'static str {
        match self {
            Auth::Application => "application",
            Auth::User => "user",
            Auth::Any => "any",
            Auth::None => "none",
        }
    }
}

/// An endpoint of a resource.
#[derive(Clone, Debug)]
pub struct Endpoint {
    /// The key in the description (`search`).
    pub key: String,
    /// Method name (`search`).
    pub method_name: String,
    /// Request builder type name (`Search`).
    pub builder: String,
    /// The HTTP method.
    pub method: Method,
    /// The path template (`/imcc/v1/record/{recordId}`).
    pub path: String,
    /// The host key it is sent to.
    pub host: String,
    /// The authentication it needs.
    pub auth: Auth,
    /// The scopes it needs (indices into `Api::scopes`).
    pub scopes: Vec<usize>,
    /// Path parameters in template order, then query parameters in description order.
    pub params: Vec<Param>,
    /// The request body, if any.
    pub body: Option<Body>,
    /// The answer.
    pub response: Response,
    /// The endpoint's `doc:` text.
    pub doc: Option<String>,
    /// `false`: an assumption (`documented: false`).
    pub documented: bool,
    /// Sending it twice has the effect of sending it once.
    pub idempotent: bool,
    /// How to find out what happened when the outcome is unknown.
    pub outcome_hint: Option<String>,
    /// How the endpoint pages (`paginate:`).
    pub paging: Option<Paging>,
}

/// How the next page is named.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PagingStyle {
    /// By the index of its first item (`start` + page size).
    Offset,
    /// By a value the previous answer returned.
    Cursor,
}

/// A field of the answer type the pager reads.
#[derive(Clone, Debug)]
pub struct AnswerField {
    /// The Rust field name.
    pub rust: String,
    /// The field is an `Option`.
    pub optional: bool,
    /// The field's type.
    pub ty: TypeRef,
}

/// A validated `paginate:`.
#[derive(Clone, Debug)]
pub struct Paging {
    /// How the next page is named.
    pub style: PagingStyle,
    /// The answer's list of items.
    pub items: AnswerField,
    /// The items' type.
    pub item_ty: TypeRef,
    /// The answer's total count of items, if it has one.
    pub total: Option<AnswerField>,
    /// The answer field the next request carries, if any.
    pub cursor_field: Option<AnswerField>,
    /// Wire name of the parameter carrying the cursor.
    pub cursor_param: Option<String>,
    /// Wire name of the parameter with the first item's index.
    pub start: Option<String>,
    /// Wire name of the page-size parameter.
    pub size: Option<String>,
    /// The largest page size the server accepts.
    pub max_size: Option<u64>,
    /// Index of the first item.
    pub base: u64,
    /// Wire name of a boolean parameter asking for the total on the first page.
    pub ask_total: Option<String>,
    /// `false`: how the API pages is partly an assumption.
    pub documented: bool,
}

/// Where a parameter travels (`in:`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamIn {
    /// A `{name}` of the path template.
    Path,
    /// The query string.
    Query,
    /// A request header.
    Header,
}

/// A parameter of an endpoint.
#[derive(Clone, Debug)]
pub struct Param {
    /// The name on the wire (`recordId`).
    pub wire: String,
    /// The Rust name (`record_id`), possibly raw.
    pub rust: String,
    /// Where it travels.
    pub location: ParamIn,
    /// Its type.
    pub ty: TypeRef,
    /// Required ones are positional arguments, the others setters.
    pub required: bool,
    /// The parameter's `doc:` text.
    pub doc: Option<String>,
}

/// A request body.
#[derive(Clone, Debug)]
pub enum Body {
    /// A JSON body of the given type.
    Json {
        /// The body's type.
        ty: TypeRef,
        /// What the body is.
        doc: Option<String>,
    },
    /// An XML document: typed (`ty` with its root element) or passed as a string.
    Xml {
        /// The body's type and its document element's name; `None`: a string.
        ty: Option<(TypeRef, String)>,
        /// What the body is.
        doc: Option<String>,
    },
}

/// An endpoint's answer.
#[derive(Clone, Debug)]
pub struct Response {
    /// The answer's type.
    pub ty: TypeRef,
    /// JSON envelope path (`Application`, `Workflows/Workflow`).
    pub envelope: Option<String>,
    /// XML element path (`Response/Result/User`).
    pub xml: Option<String>,
    /// Offered formats, the default first; empty means JSON only.
    pub formats: Vec<Format>,
}
