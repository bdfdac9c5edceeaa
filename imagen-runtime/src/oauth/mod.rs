//! OAuth 2.0 user authorization: consent, tokens, refresh, storage.
//!
//! User-context endpoints need a bearer token that a user grants the
//! application on ImagenWeb's consent page. This module gets that token and
//! keeps it usable:
//!
//! 1. **Configure** the application once: [`OAuthConfig::web`] (redirect URI
//!    must be `https://`; anything else is refused when the configuration is
//!    built, since the code would travel in clear text) or
//!    [`OAuthConfig::installed`] (`http://localhost[:port]`, the out-of-band
//!    URIs [`OOB`] and [`OOB_AUTO`], or a custom scheme). Where the OAuth
//!    endpoints are comes from a description's `oauth:` section: its host
//!    key, the authorize and token paths, the token endpoint's client
//!    authentication ([`ClientAuth`]: HTTP Basic or form fields) and
//!    whether PKCE is used are generated as `oauth_endpoints::ENDPOINTS`,
//!    an [`OAuthEndpoints`], which [`OAuthConfig::for_session`] applies
//!    (the generated `Client::oauth_config` calls it with its own
//!    description's). [`OAuthConfig::from_session`] (host `web`),
//!    [`OAuthConfig::web`] and [`OAuthConfig::installed`] (a base URL you
//!    give) start from the built-in description's (`api/imagen.yaml`:
//!    `/oauth/authorize` and `/oauth/token`);
//!    [`OAuthConfigBuilder::endpoints`] and the path setters override them.
//! 2. **Ask the user**: [`OAuthConfig::authorization_request`] builds the
//!    consent URL with the declared scopes, a random `state` and a PKCE
//!    `S256` challenge. A Web application redirects the user there and hands
//!    the callback to [`OAuthConfig::complete`]; an installed application
//!    lets [`InstalledFlow`] do everything (browser, local listener or
//!    pasted code, exchange).
//! 3. **Keep the token**: [`RefreshingTokenSource`], the
//!    [`TokenSource`](crate::TokenSource) to give a
//!    [`Session`](crate::Session), refreshes ahead of
//!    expiry with exactly one refresh in flight, persists every new token in
//!    a [`TokenStore`] ([`MemoryTokenStore`], [`FileTokenStore`], the
//!    SQLite store `SqliteTokenStore` behind the feature `sqlite` for one
//!    server, the PostgreSQL store `PostgresTokenStore` behind the feature
//!    `postgres` for several, or yours), and turns a revoked refresh token
//!    into [`OAuthError::ReauthorizationRequired`]. With a store shared by
//!    several processes that has a lease ([`TokenStore::lease`]: the SQLite
//!    and PostgreSQL ones), any number of processes needing a refresh of
//!    the same token send one token request; the others wait and read the
//!    new token. The two database stores have the same shape (`open` /
//!    `connect`, `with_encryption_key`, `lease_wait`), so an application
//!    switches by changing one line.
//!
//! The flows report [`OAuthError`], precise about what went wrong in the
//! authorization; a request whose token source fails reports the same
//! `OAuthError`, unchanged, as [`Error::OAuth`](crate::Error::OAuth) (the
//! one seam between the two: see [`OAuthError`]).
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use std::sync::Arc;
//! use imagen_runtime::Session;
//! use imagen_runtime::oauth::*;
//!
//! const SCOPES: &[&str] = &["readUsersData", "modifyUsersData"]; // ScopeSet::NAMES
//! let session = Session::from_env()?; // key, secret, IMAGEN_WEB_URL, IMAGEN_MCC_URL
//! let config =
//!     OAuthConfig::from_session(&session, AppKind::Installed, "http://localhost:8080").build()?;
//! let source = RefreshingTokenSource::new(
//!     config.clone(),
//!     Arc::new(FileTokenStore::new(".imagen-tokens")),
//!     StoreKey::new(config.api_key(), "default", SCOPES),
//! );
//! if source.token_set().await.is_err() {
//!     // First run (or the user revoked access): ask the user.
//!     let tokens = InstalledFlow::new(config).authorize(SCOPES).await?;
//!     source.set_token(tokens).await?;
//! }
//! let user_session = session.with_token_source(Arc::new(source));
//! # Ok(()) }
//! ```
//!
//! A Web application does the two halves in two requests:
//!
//! ```no_run
//! # async fn demo(config: imagen_runtime::oauth::OAuthConfig, callback_query: &str)
//! # -> Result<(), imagen_runtime::oauth::OAuthError> {
//! // GET /login: keep `request` server-side (it is Serialize), redirect to its URL.
//! let request = config.authorization_request(&["readUsersData"]);
//! let redirect_to = request.url().clone();
//! // GET /oauth/callback?code=…&state=…: check, exchange, verify scopes.
//! let tokens = config.complete(request, callback_query).await?;
//! # Ok(()) }
//! ```
//!
//! Every granted token is compared with the declared scopes; a missing one
//! is [`OAuthError::ScopesNotGranted`], naming it, before any endpoint fails
//! with `403`.
//!
//! # What Imagen documents, and what is assumed
//!
//! Imagen documents the authorize endpoint and its parameters, the reserved
//! redirect URIs, and both the code and the implicit grant. It does not
//! document the token endpoint (path, client authentication, answer) nor
//! refresh: this module assumes RFC 6749 (JSON answer with `access_token`,
//! `token_type`, `expires_in`, optional `refresh_token` and `scope`) and
//! keeps the path and the client authentication configurable. Whether the
//! server accepts PKCE is not documented either; it can be switched off
//! ([`OAuthConfigBuilder::pkce`]). Whether `http://localhost` may carry a
//! port other than 80 is not documented: register the exact URI you use.
//!
//! # Secrets
//!
//! Access and refresh tokens, codes, `state`, PKCE verifiers and the
//! application secret are [secret types](crate::secret)
//! ([`AccessToken`](crate::AccessToken), [`RefreshToken`](crate::secret::RefreshToken),
//! [`AuthorizationCode`](crate::secret::AuthorizationCode), …): they never
//! appear in `Debug` output, error messages or `tracing` events, and are
//! wiped from memory when dropped.
//!
//! # Use of the `oauth2` crate
//!
//! The `oauth2` crate builds the authorization URL (with its `state` and
//! PKCE generators) and performs the token requests (client
//! authentication, RFC 6749 answer and error parsing), over this crate's
//! `reqwest` client through the crate's closure-based `AsyncHttpClient`.
//! Three parts are this module's own, for concrete reasons:
//! - the **callback** (query string, URL or fragment) is parsed here: the
//!   crate does not parse redirects, and `state` must be compared in
//!   constant time (its secret types have no comparison by default);
//! - the **implicit grant** answer is parsed here: the crate only builds the
//!   `response_type=token` request;
//! - the **localhost listener** is a tiny HTTP responder on `tokio::net`:
//!   the crate has none, and a full HTTP server would be a dependency for
//!   one request.
//!
//! Error answers of the crate are mapped so that no response body holding a
//! token can reach a message.

mod config;
#[cfg(any(feature = "sqlite", feature = "postgres"))]
mod db;
mod error;
mod flow;
mod installed;
mod listener;
#[cfg(feature = "postgres")]
mod postgres;
#[cfg(any(feature = "sqlite", feature = "postgres"))]
mod sealed;
mod source;
#[cfg(feature = "sqlite")]
mod sqlite;
mod store;
mod token;

pub use config::{
    AppKind, ClientAuth, Grant, LOCALHOST, OAuthConfig, OAuthConfigBuilder, OAuthEndpoints, OOB,
    OOB_AUTO, Redirect,
};
pub use error::{OAuthError, ScopeCheck};
pub use flow::AuthorizationRequest;
pub use installed::{Browser, CodeReceiver, InstalledFlow, StdinPrompt, SystemBrowser};
#[cfg(feature = "postgres")]
pub use postgres::PostgresTokenStore;
pub use source::RefreshingTokenSource;
#[cfg(feature = "sqlite")]
pub use sqlite::SqliteTokenStore;
pub use store::{FileTokenStore, Lease, LeaseHolder, MemoryTokenStore, StoreKey, TokenStore};
pub use token::TokenSet;

/// The boxed future of the object-safe async traits ([`TokenStore`],
/// [`CodeReceiver`]); the same as [`crate::token::BoxFuture`].
pub use crate::token::BoxFuture;
/// The URL type of [`Browser::open`] and [`AuthorizationRequest::url`].
pub use url::Url;
