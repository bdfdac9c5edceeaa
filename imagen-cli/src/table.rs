//! The command table, generated from the API description by
//! `imagen_codegen::generate_cli` (see `build.rs`): one [`Command`] per
//! endpoint, with everything the command line needs as data.

use imagen_runtime::oauth::OAuthEndpoints;
use imagen_runtime::{Endpoint, Environment, Error, RawResponse};

/// The description, as the CLI sees it.
pub struct Api {
    /// The API's name (`imagen`).
    pub name: &'static str,
    /// The description's `doc:`.
    pub doc: Option<&'static str>,
    /// Every endpoint, in description order.
    pub commands: &'static [Command],
    /// The scopes of the description.
    pub scopes: &'static [ScopeInfo],
    /// For each scope that implies others, the scopes it implies.
    pub implied: &'static [(&'static str, &'static [&'static str])],
    /// What to do about a missing scope; `{scope}` names it.
    pub scope_remedy: &'static str,
    /// The endpoint that reports the application's granted scopes.
    pub scope_check: Option<ScopeCheck>,
    /// The OAuth 2.0 endpoints, when the API has them.
    pub oauth: Option<&'static OAuthEndpoints>,
    /// The credential and host variables.
    pub environment: &'static Environment,
    /// Wire names of `secret` fields: redacted in every output.
    pub secret_fields: &'static [&'static str],
}

/// A scope of the description.
pub struct ScopeInfo {
    /// Wire name.
    pub wire: &'static str,
    /// What it allows.
    pub doc: Option<&'static str>,
    /// Granted to new applications by default.
    pub default: bool,
}

/// The description's `scope_check:`.
pub struct ScopeCheck {
    /// `resource.endpoint` of the command that reports the granted scopes.
    pub command: &'static str,
    /// Reads the granted scopes' names from that command's answer.
    pub granted: fn(&RawResponse, &Endpoint) -> Result<Vec<String>, Error>,
}

/// One endpoint.
pub struct Command {
    /// The resource's key in the description.
    pub resource: &'static str,
    /// The resource's subcommand name (kebab-case).
    pub resource_cli: &'static str,
    /// The resource's `doc:`.
    pub resource_doc: Option<&'static str>,
    /// The endpoint's key.
    pub name: &'static str,
    /// The endpoint's subcommand name (kebab-case).
    pub name_cli: &'static str,
    /// The endpoint's `doc:`.
    pub doc: Option<&'static str>,
    /// `false`: an assumption of the description (`documented: false`).
    pub documented: bool,
    /// What the runtime sends.
    pub endpoint: &'static Endpoint,
    /// Path parameters in template order, then the others in description order.
    pub params: &'static [Param],
    /// The request body, if any.
    pub body: Option<Body>,
    /// The answer fields paging reads, for `paginate:` endpoints.
    pub paging: Option<PagingFields>,
    /// The answer's type, as the description spells it.
    pub answer: &'static str,
    /// Decodes an answer into its typed serde model, as JSON.
    pub decode: fn(&RawResponse, &Endpoint) -> Result<serde_json::Value, Error>,
}

impl Command {
    /// `resource.endpoint`.
    pub fn full_name(&self) -> &'static str {
        self.endpoint.name
    }
}

/// Where a parameter travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Location {
    /// A `{name}` of the path.
    Path,
    /// The query string.
    Query,
    /// A request header.
    Header,
}

/// How a parameter's value is checked and written.
// Not every description uses every kind (the built-in one has no float or
// enum parameter).
#[allow(dead_code)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamKind {
    /// Any text.
    String,
    /// `true` / `false`.
    Bool,
    /// A boolean sent as `1` / `0`.
    Flag,
    /// An integer within the type's range.
    Int {
        /// Smallest value.
        min: i128,
        /// Largest value.
        max: i128,
    },
    /// A floating-point number.
    Float,
    /// One of [`Param::values`].
    Enum,
}

/// A parameter of an endpoint.
pub struct Param {
    /// Name on the wire.
    pub wire: &'static str,
    /// Rust name (the library's method or argument).
    pub rust: &'static str,
    /// The option name (`--num-records`): the Rust name in kebab-case.
    pub flag: &'static str,
    /// Where it travels.
    pub location: Location,
    /// The type, as the description spells it.
    pub ty: &'static str,
    /// How the value is checked.
    pub kind: ParamKind,
    /// Required parameters are positional arguments.
    pub required: bool,
    /// Enum values: (value sent, what it means).
    pub values: &'static [(&'static str, Option<&'static str>)],
    /// The parameter's `doc:`.
    pub doc: Option<&'static str>,
}

/// The format of a request body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyFormat {
    /// `application/json`.
    Json,
    /// `application/xml`.
    Xml,
}

/// A request body.
pub struct Body {
    /// JSON or XML.
    pub format: BodyFormat,
    /// The body's type, when the description types it.
    pub type_name: Option<&'static str>,
    /// A typed XML document's root element.
    pub root: Option<&'static str>,
    /// The body's `doc:`.
    pub doc: Option<&'static str>,
}

/// The answer fields a pager reads (serde keys, i.e. wire names).
pub struct PagingFields {
    /// The list of items.
    pub items: &'static str,
    /// The total number of items, if the answer has it.
    pub total: Option<&'static str>,
    /// The value the next request carries, if any.
    pub cursor: Option<&'static str>,
}

/// Decodes `answer` as `endpoint`'s typed answer `T` and gives its serde
/// model as JSON (XML and JSON answers come out the same).
pub fn decode_as<T>(answer: &RawResponse, endpoint: &Endpoint) -> Result<serde_json::Value, Error>
where
    T: serde::de::DeserializeOwned + serde::Serialize + imagen_runtime::wire::Wire,
{
    let value: T = answer.decode(endpoint)?;
    serde_json::to_value(&value).map_err(|e| Error::InvalidRequest {
        message: format!("cannot convert the answer to JSON: {e}"),
    })
}

include!(concat!(env!("OUT_DIR"), "/cli_table.rs"));

impl Api {
    /// The command named `resource.endpoint`.
    pub fn command(&self, full_name: &str) -> Option<&'static Command> {
        self.commands.iter().find(|c| c.full_name() == full_name)
    }
}
