//! The description as written: a serde model of the YAML, with the source
//! position of every value that validation may need to point at. Unknown keys
//! are errors (`deny_unknown_fields`); duplicate keys are errors (the parser's
//! default policy). Nothing here is resolved: see `validate`.

use indexmap::IndexMap;
use serde::Deserialize;
use serde_saphyr::Spanned;

pub(crate) type S<T> = Spanned<T>;
pub(crate) type Map<T> = IndexMap<S<String>, T>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Spec {
    pub name: S<String>,
    #[serde(default)]
    pub doc: Option<String>,
    #[serde(default)]
    pub credentials: Option<CredentialsSpec>,
    #[serde(default)]
    pub hosts: Map<HostSpec>,
    #[serde(default)]
    pub oauth: Option<OAuthSpec>,
    #[serde(default)]
    pub scope_check: Option<ScopeCheckSpec>,
    #[serde(default)]
    pub remedies: Option<RemediesSpec>,
    #[serde(default)]
    pub scopes: Map<ScopeSpec>,
    #[serde(default)]
    pub types: Map<TypeSpec>,
    #[serde(default)]
    pub resources: Map<ResourceSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CredentialsSpec {
    #[serde(default)]
    pub key_env: Option<String>,
    #[serde(default)]
    pub secret_env: Option<String>,
    #[serde(default)]
    pub file: Option<CredentialFileSpec>,
}

/// `credentials.file:` the JSON file an API lets users download with an
/// application's key, secret and host URLs.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CredentialFileSpec {
    #[serde(default)]
    pub wrapper: Option<String>,
    pub key: String,
    pub secret: String,
    #[serde(default)]
    pub hosts: Map<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ScopeCheckSpec {
    /// `resource.endpoint`.
    pub endpoint: S<String>,
    /// Field path to the granted scope names, `scopes.name`.
    pub scopes: S<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RemediesSpec {
    #[serde(default)]
    pub scope: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct HostSpec {
    #[serde(default)]
    pub env: Option<String>,
    #[serde(default)]
    pub default: Option<S<String>>,
    #[serde(default)]
    pub doc: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct OAuthSpec {
    pub host: S<String>,
    pub authorize: S<String>,
    pub token: S<String>,
    #[serde(default)]
    pub revoke: Option<S<String>>,
    /// `basic` (default) or `form`.
    #[serde(default)]
    pub client_auth: Option<S<String>>,
    #[serde(default = "yes")]
    pub pkce: bool,
    #[serde(default)]
    pub oob_title: Option<OobTitleSpec>,
}

/// `oauth.oob_title`: the words that start the consent page's window title.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct OobTitleSpec {
    pub success: S<String>,
    pub denied: S<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ScopeSpec {
    #[serde(default)]
    pub doc: Option<String>,
    #[serde(default)]
    pub default: bool,
    #[serde(default)]
    pub implies: Vec<S<String>>,
    #[serde(default)]
    pub rust: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TypeSpec {
    #[serde(default)]
    pub doc: Option<String>,
    #[serde(default = "yes")]
    pub documented: bool,
    #[serde(default)]
    pub fields: Option<Map<FieldSpec>>,
    #[serde(default, rename = "enum")]
    pub variants: Option<Vec<S<String>>>,
    /// A numeric enum: variant name → integer code.
    #[serde(default)]
    pub codes: Option<Map<S<i64>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FieldSpec {
    #[serde(default)]
    pub wire: Option<S<String>>,
    #[serde(rename = "type")]
    pub ty: S<String>,
    #[serde(default)]
    pub optional: bool,
    #[serde(default)]
    pub doc: Option<String>,
    #[serde(default = "yes")]
    pub documented: bool,
    /// `element` (default), `attribute` or `text`.
    #[serde(default)]
    pub xml: Option<S<String>>,
    /// For a list: the item element name inside a wrapper named `wire`.
    #[serde(default)]
    pub item: Option<S<String>>,
    /// The JSON key, when it differs from `wire`.
    #[serde(default)]
    pub json: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ResourceSpec {
    #[serde(default)]
    pub doc: Option<String>,
    pub endpoints: Map<EndpointSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EndpointSpec {
    pub method: S<String>,
    pub path: S<String>,
    pub host: S<String>,
    pub auth: S<String>,
    #[serde(default)]
    pub scopes: Vec<S<String>>,
    #[serde(default)]
    pub params: Map<ParamSpec>,
    #[serde(default)]
    pub body: Option<BodySpec>,
    pub response: S<ResponseSpec>,
    #[serde(default)]
    pub doc: Option<String>,
    #[serde(default = "yes")]
    pub documented: bool,
    #[serde(default)]
    pub rust: Option<S<String>>,
    #[serde(default)]
    pub idempotent: Option<bool>,
    #[serde(default)]
    pub outcome_hint: Option<String>,
    #[serde(default)]
    pub paginate: Option<S<PaginateSpec>>,
}

/// `paginate:` of an endpoint: which parameters carry the position and
/// which answer fields say how far there is to go.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PaginateSpec {
    pub style: S<String>,
    pub items: S<String>,
    #[serde(default)]
    pub start: Option<S<String>>,
    #[serde(default)]
    pub size: Option<S<String>>,
    #[serde(default)]
    pub max_size: Option<S<i64>>,
    #[serde(default)]
    pub base: Option<S<i64>>,
    #[serde(default)]
    pub total: Option<S<String>>,
    #[serde(default)]
    pub cursor: Option<S<CursorSpec>>,
    #[serde(default)]
    pub ask_total: Option<S<String>>,
    #[serde(default = "yes")]
    pub documented: bool,
}

/// `paginate.cursor:` an answer field whose value the next request carries
/// in a parameter.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CursorSpec {
    pub field: S<String>,
    pub param: S<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ParamSpec {
    #[serde(rename = "in")]
    pub location: S<String>,
    #[serde(rename = "type")]
    pub ty: S<String>,
    #[serde(default)]
    pub required: Option<bool>,
    #[serde(default)]
    pub doc: Option<String>,
    #[serde(default)]
    pub rust: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct BodySpec {
    pub format: S<String>,
    #[serde(default, rename = "type")]
    pub ty: Option<S<String>>,
    #[serde(default)]
    pub root: Option<S<String>>,
    #[serde(default)]
    pub doc: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ResponseSpec {
    #[serde(default, rename = "type")]
    pub ty: Option<S<String>>,
    #[serde(default)]
    pub list: Option<S<String>>,
    #[serde(default)]
    pub envelope: Option<S<String>>,
    #[serde(default)]
    pub xml: Option<S<String>>,
    #[serde(default)]
    pub formats: Option<Vec<S<String>>>,
}

fn yes() -> bool {
    true
}
