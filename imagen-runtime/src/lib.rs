#![deny(missing_docs)]
//! # imagen-runtime
//!
//! The runtime behind the generated Imagen bindings: everything that is the
//! same for every endpoint lives here once, so that generated code is only a
//! static [`Endpoint`] and a thin typed method per operation.
//!
//! - [`Session`]: credentials ([`ApiKey`], [`ApiSecret`]), host URLs by key
//!   (`"mcc"`, `"web"`), one shared HTTP client, policies. Built in code
//!   ([`Session::builder`]), from the environment
//!   ([`SessionBuilder::from_env`]) or from the application's JSON file
//!   ([`SessionBuilder::from_application_file`]).
//! - Application context: requests are signed with HMAC-SHA256 as Imagen
//!   documents it ([`signing`]); the clock offset to the server is learnt from
//!   its `Date` header and after a rejected date.
//! - User context: the API key plus a bearer token from a
//!   [`TokenSource`]; a rejected token is refreshed once.
//! - [`secret`]: one family of secret types — [`ApiSecret`],
//!   [`AccessToken`], refresh tokens, authorization codes, PKCE verifiers,
//!   `state` — never printed (`Debug` shows [`secret::REDACTED`]), wiped on
//!   drop, read through one accessor, `secret()`.
//! - [`oauth`]: OAuth 2.0 user authorization (web and installed
//!   applications), token refresh with one refresh in flight, token stores;
//!   [`oauth::RefreshingTokenSource`] is the token source to give a session.
//! - [`Request`]: the typed request generated code builds; [`RawRequest`]:
//!   the untyped one for tests and endpoints outside the description.
//! - UTF-8 everywhere: bodies sent with `charset=utf-8`, path and query parts
//!   percent-encoded from UTF-8 (a path argument is always one segment),
//!   answers decoded strictly ([`Error::InvalidUtf8`] names the offset).
//! - One [`Error`], classified from the server's answer (the table in
//!   `docs/contract.md`), with [`Error::is_retryable`]; OAuth failures
//!   (among them "authorize again" and "scopes not granted") inside it,
//!   unchanged, as [`Error::OAuth`]; bounded retries with backoff and
//!   jitter for idempotent methods ([`RetryPolicy`]).
//! - A `tracing` span `imagen.request` per request (endpoint, method, path,
//!   attempt, status — never keys' secrets, signatures or tokens), and a hook
//!   ([`SessionBuilder::on_request`]) to inspect or alter each request.
//! - `webhook` (cargo feature `webhooks`, off by default): a receiver for
//!   Imagen's webhook callbacks as an axum `Router` — the creation
//!   handshake, method, content type, size and depth checks, the batched
//!   XML events typed, and a 2xx answer only once the handler succeeded.
//!
//! ## Choices where Imagen's documentation is silent
//!
//! - Error statuses and messages: the table in `docs/contract.md`.
//! - The downloadable application file: its field names are written in
//!   `api/imagen.yaml` (`credentials.file:`), flat or inside its wrapper
//!   object.
//! - The canonical resource is the path and query exactly as sent; path and
//!   query parts are percent-encoded from UTF-8, everything but
//!   `A-Z a-z 0-9 - . _ ~` (space as `%20`). Path arguments `.`, `..` and
//!   the empty string are refused: no encoding keeps them one segment.
//! - `Content-Length` and `Content-MD5` are sent (and signed) only for
//!   requests with a body.
//! - The signature's canonical resource includes the query and is signed
//!   exactly as sent (see [`signing::CanonicalResource`], configurable).
//!
//! ## Formats and idempotency
//!
//! Each endpoint lists the answer formats the server offers
//! ([`wire::Format`]); typed requests ask for XML (Imagen's default) unless
//! the session prefers JSON and the endpoint offers it
//! ([`SessionBuilder::answer_format`]), and decode whatever the answer's
//! `Content-Type` says ([`wire`]). Typed XML request documents are written
//! by the same wire shapes. An endpoint that is not idempotent (Imagen's
//! imports and jobs) is never sent twice once it may have reached the
//! server: a timeout or a reset gives [`Error::OutcomeUnknown`].
//! - Redirects are not followed (a signature covers one exact resource).
//! - After `DateRejected` (clock corrected) or `TokenRejected` (token
//!   refreshed) the request is repeated once whatever its method: the
//!   server refused it before acting on it.
//!
//! ```no_run
//! # async fn demo() -> Result<(), imagen_runtime::Error> {
//! use imagen_runtime::{Session, endpoint::{Auth, Endpoint, Method}, wire::Format};
//! use imagen_runtime::api::HostUrls as _; // `mcc_url`, from the description's hosts
//!
//! static APPLICATION: Endpoint = Endpoint {
//!     name: "application.get", method: Method::Get, host: "mcc",
//!     path: "/core/v1/application", auth: Auth::Application, scopes: &[],
//!     envelope: Some("Application"),
//!     xml: Some("Response/Application"), formats: &[Format::Xml, Format::Json],
//!     idempotent: true, outcome_hint: None, paging: None,
//! };
//!
//! let session = Session::builder()
//!     .api_key("my-key")
//!     .api_secret("my-secret")
//!     .mcc_url("https://mcc.example:83")
//!     .build()?;
//! let app: serde_json::Value = session.request(&APPLICATION, &[]).send().await?;
//! # Ok(()) }
//! ```

pub mod api;
mod credentials;
mod encode;
pub mod endpoint;
mod error;
mod execute;
pub mod oauth;
pub mod paging;
mod redact;
mod request;
mod retry;
pub mod scope;
pub mod secret;
mod session;
pub mod signing;
pub mod token;
#[cfg(feature = "webhooks")]
pub mod webhook;
pub mod wire;

pub use credentials::ApiKey;
pub use endpoint::{Auth, Endpoint, Method};
pub use error::{ApiError, Error};
pub use request::{Download, JSON_UTF8, Pending, RawRequest, RawResponse, Request, XML_UTF8};
pub use retry::RetryPolicy;
pub use secret::{AccessToken, ApiSecret};
pub use session::{
    DEFAULT_MAX_ANSWER_BYTES, Environment, FileSpec, HostSpec, Session, SessionBuilder,
};
pub use token::{StaticToken, TokenSource};

/// The stream trait of `pages()`/`items()` (from the `futures` family of
/// crates: use `futures::StreamExt` to consume them).
pub use futures_util::Stream;

/// The map of generated `map<T>` fields: keeps the document's order.
pub use indexmap::IndexMap;

/// The HTTP client library, re-exported so that hooks
/// ([`SessionBuilder::on_request`]) and custom clients use the same version.
pub use reqwest;

/// Generates bindings for an Imagen API description: see
/// [`imagen_macros::generate!`](macro@imagen_macros::generate).
pub use imagen_macros::generate;

/// Items the generated code and the macros use; not a public API.
#[doc(hidden)]
pub mod __private {
    pub use imagen_macros::{declare_scopes, generate};
    pub use serde;
    pub use serde_json;

    /// `generate!`'s check that its `module =` option names the module it
    /// is invoked in: `here` is that module's `module_path!()`
    /// (`my_crate::a::b`), `below` the option without its leading `crate`
    /// (`::a::b`, or empty at the crate root).
    pub const fn check_module(here: &str, below: &str) {
        let here = here.as_bytes();
        let mut start = 0;
        while start + 1 < here.len() && !(here[start] == b':' && here[start + 1] == b':') {
            start += 1;
        }
        if start + 1 >= here.len() {
            start = here.len();
        }
        let below = below.as_bytes();
        let mut same = here.len() - start == below.len();
        let mut i = 0;
        while same && i < below.len() {
            same = here[start + i] == below[i];
            i += 1;
        }
        if !same {
            panic!(
                "`generate!` is invoked in another module than its `module =` option says (default: the crate root): pass `module = crate::path::to::the::module` it is invoked in"
            );
        }
    }
}
