//! The one error type of the runtime, and how server answers map onto it.
//!
//! Callers act on *kinds* of failure (retry later, refresh a token, ask an
//! administrator for a scope, fix the configuration), so each kind is its own
//! variant. Answers from the server keep what the server said in
//! [`ApiError`] (status, the Imagen `Message` and `Details`), and the
//! `Display` of each variant adds a hint for the human reading it.
//!
//! Classification follows the table in `docs/contract.md` (shared with the
//! emulator): the status decides first, the exact `Message` prefix decides
//! between variants of one status.
//!
//! # OAuth failures: one seam
//!
//! Failures of the OAuth 2.0 layer are [`OAuthError`]s, and an `Error`
//! carries one unchanged as [`Error::OAuth`]. The kinds a caller must
//! handle wherever they come from — the user must authorize again
//! ([`OAuthError::ReauthorizationRequired`]: a refresh token refused or
//! missing, a fixed token rejected) and declared scopes are not granted
//! ([`OAuthError::ScopesNotGranted`]: by `Client::verify_scopes`, or in a
//! user's token) — are variants of `OAuthError` only, because the OAuth
//! flows ([`OAuthConfig::complete`](crate::oauth::OAuthConfig::complete),
//! [`RefreshingTokenSource::set_token`](crate::oauth::RefreshingTokenSource::set_token),
//! …) return them without an `Error` around them. So each exists once, is
//! matched the same way from a flow (`OAuthError::ReauthorizationRequired
//! { .. }`) and from a request (`Error::OAuth(OAuthError::ReauthorizationRequired
//! { .. })`), and there is no conversion back from `Error` to `OAuthError`.
//! [`Error::is_reauthorization_required`], [`Error::missing_scopes`] and
//! [`Error::is_application_disabled`] answer the common questions without
//! a nested match.

use std::fmt;
use std::time::{Duration, SystemTime};

use reqwest::header::HeaderMap;

use crate::oauth::OAuthError;

/// What an error answer from the server said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status code.
    pub status: u16,
    /// The Imagen error `Message`, when the body had one.
    pub message: Option<String>,
    /// The Imagen error `Details`, when the body had them.
    pub details: Option<String>,
    /// The Imagen error `Code` (XML error bodies only; its values are not
    /// documented), when the body had one.
    pub code: Option<String>,
    /// The answer's `Retry-After` (seconds or HTTP-date), when it had one.
    pub retry_after: Option<Duration>,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}", self.status)?;
        if let Some(m) = &self.message {
            write!(f, ": {m}")?;
        }
        if let Some(d) = &self.details {
            write!(f, " ({d})")?;
        }
        if let Some(c) = &self.code {
            write!(f, " [code {c}]")?;
        }
        Ok(())
    }
}

/// Everything that can go wrong, from configuration to decoding.
///
/// A failure of the OAuth 2.0 layer is [`Error::OAuth`], holding the
/// [`OAuthError`] unchanged; in particular "the user must authorize again"
/// and "declared scopes are not granted" are
/// `Error::OAuth(OAuthError::ReauthorizationRequired { .. })` and
/// `Error::OAuth(OAuthError::ScopesNotGranted { .. })`, the same variants
/// the OAuth flows return ([`is_reauthorization_required`](Self::is_reauthorization_required)
/// and [`missing_scopes`](Self::missing_scopes) ask without a nested match).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request did not get an answer: connection refused, reset, DNS,
    /// TLS, or the body could not be read. Retryable for idempotent methods.
    #[error("could not talk to the server: {source}")]
    Transport {
        /// The underlying error.
        source: reqwest::Error,
    },
    /// No (complete) answer within the configured timeout.
    #[error("the request timed out{}", fmt_after(.after))]
    Timeout {
        /// The timeout that expired, when known.
        after: Option<Duration>,
    },
    /// `429`: too many requests.
    #[error("rate limited by the server ({api}){}", fmt_retry_after(.retry_after))]
    RateLimited {
        /// How long the server asked us to wait (`Retry-After`).
        retry_after: Option<Duration>,
        /// What the server said.
        api: ApiError,
    },
    /// `401` without a more specific message: no or unknown credentials.
    #[error(
        "not authenticated ({api}): check the API key and that the endpoint's authentication kind matches the session"
    )]
    Unauthorized {
        /// What the server said.
        api: ApiError,
    },
    /// `401`: the bearer token is invalid or has expired.
    #[error("the access token was rejected ({api}): it is invalid or has expired")]
    TokenRejected {
        /// What the server said.
        api: ApiError,
    },
    /// `403`: the application is disabled. (The OAuth endpoints say so
    /// differently: [`OAuthError::ApplicationDisabled`];
    /// [`Error::is_application_disabled`] answers for both.)
    #[error("the application is disabled ({api}): an administrator of the API can re-enable it")]
    ApplicationDisabled {
        /// What the server said.
        api: ApiError,
    },
    /// `403`: the application lacks a scope the resource requires.
    #[error("{}", fmt_missing_scope(.scope, .api))]
    MissingScope {
        /// The missing scope, when the server named it.
        scope: Option<String>,
        /// What the server said.
        api: ApiError,
    },
    /// `401`: the request signature does not match.
    #[error(
        "the request signature was rejected ({api}): check the API secret, and that nothing between the client and the server rewrites the request"
    )]
    SignatureRejected {
        /// What the server said.
        api: ApiError,
    },
    /// `401`: the request date is outside the server's window (±5 min).
    #[error(
        "the request date was rejected ({api}): the local clock differs from the server's by more than 5 minutes"
    )]
    DateRejected {
        /// What the server said.
        api: ApiError,
        /// The server's clock (from the `Date` header or the `Details`), when known.
        server_time: Option<SystemTime>,
    },
    /// `403` without a more specific message.
    #[error("forbidden ({api})")]
    Forbidden {
        /// What the server said.
        api: ApiError,
    },
    /// `404`.
    #[error("not found ({api})")]
    NotFound {
        /// What the server said.
        api: ApiError,
    },
    /// `409`.
    #[error("conflict ({api})")]
    Conflict {
        /// What the server said.
        api: ApiError,
    },
    /// `5xx`.
    #[error("the server failed ({api})")]
    Server {
        /// What the server said.
        api: ApiError,
    },
    /// Any other non-success status (e.g. `400`).
    #[error("the server refused the request ({api})")]
    Status {
        /// What the server said.
        api: ApiError,
    },
    /// The answer is larger than the session's limit
    /// ([`SessionBuilder::max_answer_bytes`](crate::SessionBuilder::max_answer_bytes)).
    #[error("the answer (HTTP {status}) is larger than the limit of {limit} bytes{}: raise SessionBuilder::max_answer_bytes, or stream it with RawRequest::download", fmt_announced(.announced))]
    AnswerTooLarge {
        /// HTTP status of the answer.
        status: u16,
        /// The limit in force.
        limit: u64,
        /// The size the server announced (`Content-Length`), when it did.
        announced: Option<u64>,
    },
    /// The answer was not valid UTF-8.
    #[error("the answer (HTTP {status}) is not valid UTF-8: invalid byte at offset {offset}")]
    InvalidUtf8 {
        /// HTTP status of the answer.
        status: u16,
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// The answer was UTF-8 but not the expected XML or JSON document.
    #[error("cannot decode the answer (HTTP {status}): {source}; body starts with {:?}", snippet(.body))]
    Decode {
        /// HTTP status of the answer.
        status: u16,
        /// The raw body, with the values of secret-bearing fields
        /// (`SecretAccessKey`, `access_token`, …) redacted and at most 4 KiB kept.
        body: String,
        /// What did not match: the element path and byte offset (XML) or
        /// the line and column (JSON).
        source: crate::wire::WireError,
    },
    /// A request that creates data failed in a way that leaves its outcome
    /// unknown (a timeout, a reset connection after the request went out):
    /// the server may have carried it out. It was **not** sent again.
    #[error("`{endpoint}` may or may not have been carried out ({source}); it was not sent again because repeating it could create data twice{}", fmt_hint(.hint))]
    OutcomeUnknown {
        /// The endpoint (`resource.operation`).
        endpoint: &'static str,
        /// What happened to the request.
        source: Box<Error>,
        /// How to find out what happened, from the description.
        hint: Option<&'static str>,
    },
    /// Writing a downloaded body ([`RawRequest::download`](crate::RawRequest::download)) failed.
    #[error("cannot write the downloaded body: {source}")]
    Write {
        /// The writer's error.
        source: std::io::Error,
    },
    /// Credentials or configuration are missing or invalid (code, environment, file).
    #[error("configuration error: {message}")]
    Config {
        /// What is wrong and where (field, variable, file).
        message: String,
    },
    /// The request itself cannot be built (bad path argument, unserializable body).
    #[error("invalid request: {message}")]
    InvalidRequest {
        /// What is wrong.
        message: String,
    },
    /// A failure of the OAuth 2.0 layer, unchanged: among others the user
    /// must authorize the application again
    /// ([`OAuthError::ReauthorizationRequired`]), declared scopes are not
    /// granted ([`OAuthError::ScopesNotGranted`], also from
    /// `Client::verify_scopes`), the token endpoint refused or could not be
    /// reached, a token store failed. Its message is the `OAuthError`'s.
    #[error(transparent)]
    OAuth(#[from] OAuthError),
}

fn fmt_after(after: &Option<Duration>) -> String {
    match after {
        Some(d) => format!(" after {d:?}"),
        None => String::new(),
    }
}

fn fmt_announced(announced: &Option<u64>) -> String {
    match announced {
        Some(n) => format!(" (it announced {n})"),
        None => String::new(),
    }
}

fn fmt_hint(hint: &Option<&'static str>) -> String {
    match hint {
        Some(h) => format!(": {h}"),
        None => String::new(),
    }
}

fn fmt_retry_after(after: &Option<Duration>) -> String {
    match after {
        Some(d) => format!("; retry after {d:?}"),
        None => String::new(),
    }
}

fn fmt_missing_scope(scope: &Option<String>, api: &ApiError) -> String {
    let which = match scope {
        Some(s) => format!("the scope '{s}'"),
        None => "a scope".to_string(),
    };
    format!(
        "the application lacks {which} required by this resource ({api}): an administrator of the API must grant it to the application"
    )
}

fn snippet(body: &str) -> &str {
    match body.char_indices().nth(200) {
        Some((i, _)) => &body[..i],
        None => body,
    }
}

impl Error {
    /// The HTTP status of the answer behind this error, if there was one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::InvalidUtf8 { status, .. }
            | Error::Decode { status, .. }
            | Error::AnswerTooLarge { status, .. } => Some(*status),
            Error::Transport { source } => source.status().map(|s| s.as_u16()),
            _ => self.api().map(|a| a.status),
        }
    }

    /// What the server said, for errors that come from an error answer.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::RateLimited { api, .. }
            | Error::Unauthorized { api }
            | Error::TokenRejected { api }
            | Error::ApplicationDisabled { api }
            | Error::MissingScope { api, .. }
            | Error::SignatureRejected { api }
            | Error::DateRejected { api, .. }
            | Error::Forbidden { api }
            | Error::NotFound { api }
            | Error::Conflict { api }
            | Error::Server { api }
            | Error::Status { api } => Some(api),
            _ => None,
        }
    }

    /// The OAuth 2.0 failure behind this error, if it is one.
    pub fn oauth(&self) -> Option<&OAuthError> {
        match self {
            Error::OAuth(e) => Some(e),
            _ => None,
        }
    }

    /// Whether the user must authorize the application again: no usable
    /// token, and none can be had without the user
    /// ([`OAuthError::ReauthorizationRequired`]).
    pub fn is_reauthorization_required(&self) -> bool {
        matches!(
            self,
            Error::OAuth(OAuthError::ReauthorizationRequired { .. })
        )
    }

    /// The declared scopes that were found not granted
    /// ([`OAuthError::ScopesNotGranted`]), in declaration order.
    pub fn missing_scopes(&self) -> Option<&[String]> {
        match self {
            Error::OAuth(OAuthError::ScopesNotGranted { missing, .. }) => Some(missing),
            _ => None,
        }
    }

    /// Whether the application is disabled, as an API answer
    /// ([`Error::ApplicationDisabled`]) or an OAuth endpoint
    /// ([`OAuthError::ApplicationDisabled`]) said.
    pub fn is_application_disabled(&self) -> bool {
        matches!(
            self,
            Error::ApplicationDisabled { .. }
                | Error::OAuth(OAuthError::ApplicationDisabled { .. })
        )
    }

    /// Whether sending the same request again later may succeed: transport
    /// failures (also on the way to the token endpoint), timeouts, `429`,
    /// `502`, `503` and `504`. (The runtime retries these itself for
    /// idempotent methods, within its [`RetryPolicy`](crate::RetryPolicy).)
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Transport { .. }
            | Error::Timeout { .. }
            | Error::RateLimited { .. }
            | Error::OAuth(OAuthError::Transport(_)) => true,
            Error::Server { api } => matches!(api.status, 502..=504),
            _ => false,
        }
    }

    /// The `Retry-After` the server asked for (429, or e.g. a 503), if any.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::RateLimited { retry_after, .. } => *retry_after,
            _ => self.api().and_then(|a| a.retry_after),
        }
    }

    pub(crate) fn from_reqwest(e: reqwest::Error, timeout: Option<Duration>) -> Error {
        // A connection that could not be made within the connect timeout
        // stays a transport error: the request certainly never went out.
        if e.is_timeout() && !e.is_connect() {
            Error::Timeout { after: timeout }
        } else {
            Error::Transport { source: e }
        }
    }
}

/// Message prefixes of `docs/contract.md`.
const MSG_SIGNATURE: &str = "The request signature does not match.";
const MSG_DATE: &str = "The request date is outside the allowed window.";
const MSG_TOKEN: &str = "The access token is invalid or has expired.";
const MSG_DISABLED: &str = "The application is disabled.";
const MSG_SCOPE: &str = "The application lacks the scope '";

/// What an Imagen error body says: `Message`, `Details`, `Code`.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct ErrorBody {
    pub message: Option<String>,
    pub details: Option<String>,
    pub code: Option<String>,
}

/// Parses an Imagen error body (JSON `{"Error":{"Message","Details"}}` or
/// XML `<Error><Code/><Message/><Details/></Error>`). Unparseable bodies give `None`s.
pub(crate) fn parse_error_body(body: &[u8]) -> ErrorBody {
    let Ok(text) = std::str::from_utf8(body) else {
        return ErrorBody::default();
    };
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('{') {
        #[derive(serde::Deserialize)]
        struct Outer {
            #[serde(rename = "Error")]
            error: Option<Inner>,
        }
        #[derive(serde::Deserialize)]
        struct Inner {
            #[serde(rename = "Message")]
            message: Option<serde_json::Value>,
            #[serde(rename = "Details")]
            details: Option<serde_json::Value>,
            #[serde(rename = "Code")]
            code: Option<serde_json::Value>,
        }
        let text_of = |v: Option<serde_json::Value>| match v {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::String(s)) => Some(s),
            Some(other) => Some(other.to_string()),
        };
        match serde_json::from_str::<Outer>(trimmed) {
            Ok(Outer { error: Some(inner) }) => ErrorBody {
                message: text_of(inner.message),
                details: text_of(inner.details),
                code: text_of(inner.code),
            },
            _ => ErrorBody::default(),
        }
    } else if trimmed.starts_with('<') {
        match crate::wire::xml::parse(trimmed) {
            Ok(root) if root.name == "Error" => {
                let text = |name: &str| root.children_named(name).next().map(|c| c.text.clone());
                ErrorBody {
                    message: text("Message"),
                    details: text("Details"),
                    code: text("Code"),
                }
            }
            _ => ErrorBody::default(),
        }
    } else {
        ErrorBody::default()
    }
}

/// `Retry-After`: delay-seconds or an HTTP-date.
pub(crate) fn parse_retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let v = headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = httpdate::parse_http_date(v).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// The server's clock from a `DateRejected` answer: the `Date` header, else
/// `Details: Server time: <IMF-fixdate>`.
pub(crate) fn server_time(headers: &HeaderMap, details: Option<&str>) -> Option<SystemTime> {
    if let Some(t) = headers
        .get(reqwest::header::DATE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| httpdate::parse_http_date(v).ok())
    {
        return Some(t);
    }
    let d = details?;
    let rest = d.trim().strip_prefix("Server time:")?;
    httpdate::parse_http_date(rest.trim()).ok()
}

/// Classifies a non-success answer (status, headers, raw body).
pub(crate) fn classify(status: u16, headers: &HeaderMap, body: &[u8]) -> Error {
    let parsed = parse_error_body(body);
    let non_empty = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
    let (message, details) = (non_empty(parsed.message), non_empty(parsed.details));
    let msg = message.clone().unwrap_or_default();
    let api = ApiError {
        status,
        message,
        details,
        code: non_empty(parsed.code).map(|c| c.trim().to_owned()),
        retry_after: parse_retry_after(headers, SystemTime::now()),
    };
    match status {
        401 if msg.starts_with(MSG_SIGNATURE) => Error::SignatureRejected { api },
        401 if msg.starts_with(MSG_DATE) => Error::DateRejected {
            server_time: server_time(headers, api.details.as_deref()),
            api,
        },
        401 if msg.starts_with(MSG_TOKEN) => Error::TokenRejected { api },
        401 => Error::Unauthorized { api },
        403 if msg.starts_with(MSG_DISABLED) => Error::ApplicationDisabled { api },
        403 if msg.starts_with(MSG_SCOPE) => {
            let scope = msg[MSG_SCOPE.len()..]
                .split_once('\'')
                .map(|(name, _)| name.to_string())
                .filter(|s| !s.is_empty());
            Error::MissingScope { scope, api }
        }
        403 => Error::Forbidden { api },
        404 => Error::NotFound { api },
        409 => Error::Conflict { api },
        429 => Error::RateLimited {
            retry_after: api.retry_after,
            api,
        },
        500..=599 => Error::Server { api },
        _ => Error::Status { api },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn json(msg: &str) -> Vec<u8> {
        serde_json::json!({"Error": {"Message": msg, "Details": "d"}})
            .to_string()
            .into_bytes()
    }

    fn none() -> HeaderMap {
        HeaderMap::new()
    }

    #[test]
    fn table_of_docs_contract() {
        let c = |status, msg: &str| classify(status, &none(), &json(msg));
        assert!(matches!(
            c(401, "Some authentication must be supplied."),
            Error::Unauthorized { .. }
        ));
        assert!(matches!(
            c(401, "Unknown API key."),
            Error::Unauthorized { .. }
        ));
        assert!(matches!(
            c(401, "The request signature does not match."),
            Error::SignatureRejected { .. }
        ));
        assert!(matches!(
            c(401, "The request date is outside the allowed window."),
            Error::DateRejected { .. }
        ));
        assert!(matches!(
            c(401, "The access token is invalid or has expired."),
            Error::TokenRejected { .. }
        ));
        assert!(matches!(
            c(403, "The application is disabled."),
            Error::ApplicationDisabled { .. }
        ));
        match c(
            403,
            "The application lacks the scope 'createJobs' required by this resource.",
        ) {
            Error::MissingScope { scope, api } => {
                assert_eq!(scope.as_deref(), Some("createJobs"));
                assert_eq!(api.details.as_deref(), Some("d"));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            c(403, "This resource requires user authentication."),
            Error::Forbidden { .. }
        ));
        assert!(matches!(c(404, "x"), Error::NotFound { .. }));
        assert!(matches!(c(409, "x"), Error::Conflict { .. }));
        assert!(matches!(
            c(429, "x"),
            Error::RateLimited {
                retry_after: None,
                ..
            }
        ));
        assert!(matches!(
            c(500, "Failed to search history."),
            Error::Server { .. }
        ));
        assert!(matches!(c(400, "bad"), Error::Status { .. }));
        // The message decides only within a status.
        assert!(matches!(
            c(403, "The request signature does not match."),
            Error::Forbidden { .. }
        ));
    }

    #[test]
    fn hints_in_display() {
        let e = classify(
            403,
            &none(),
            &json("The application lacks the scope 'roles' required by this resource."),
        );
        let s = e.to_string();
        assert!(
            s.contains("'roles'") && s.contains("administrator") && s.contains("grant"),
            "{s}"
        );
        assert_eq!(e.status(), Some(403));
        let e = Error::from(OAuthError::ScopesNotGranted {
            missing: vec!["a".into(), "b".into()],
            check: crate::oauth::ScopeCheck::Application,
        });
        let s = e.to_string();
        assert!(
            s.contains("a, b") && s.contains("administrator") && s.contains("declared scope set"),
            "{s}"
        );
    }

    #[test]
    fn oauth_errors_are_wrapped_whole_and_matched_in_one_place() {
        use crate::oauth::ScopeCheck;
        let reauth = || OAuthError::ReauthorizationRequired {
            reason: "revoked".into(),
        };
        let scopes = |check| OAuthError::ScopesNotGranted {
            missing: vec!["createJobs".into()],
            check,
        };
        let disabled = || OAuthError::ApplicationDisabled { description: None };
        for o in [
            reauth(),
            scopes(ScopeCheck::Application),
            scopes(ScopeCheck::Token),
            disabled(),
            OAuthError::StateMismatch,
            OAuthError::InvalidTokenResponse("x".into()),
        ] {
            let message = o.to_string();
            let debug = format!("{o:?}");
            let e = Error::from(o);
            // The same OAuthError, unchanged, in the one OAuth variant.
            assert_eq!(e.to_string(), message);
            assert_eq!(e.oauth().map(|o| format!("{o:?}")), Some(debug));
        }
        let e = Error::from(reauth());
        assert!(
            matches!(&e, Error::OAuth(OAuthError::ReauthorizationRequired { reason }) if reason == "revoked"),
            "{e:?}"
        );
        assert!(e.is_reauthorization_required() && e.missing_scopes().is_none());
        assert!(!e.is_retryable() && !e.is_application_disabled());
        let e = Error::from(scopes(ScopeCheck::Token));
        assert!(
            matches!(
                &e,
                Error::OAuth(OAuthError::ScopesNotGranted {
                    check: ScopeCheck::Token,
                    ..
                })
            ),
            "{e:?}"
        );
        assert_eq!(e.missing_scopes(), Some(&["createJobs".to_string()][..]));
        assert!(!e.is_reauthorization_required());
        assert!(Error::from(disabled()).is_application_disabled());
        let api = classify(403, &none(), &json("The application is disabled."));
        assert!(api.is_application_disabled() && api.oauth().is_none());
        // Requests that never involved OAuth answer no.
        let e = classify(
            401,
            &none(),
            &json("The access token is invalid or has expired."),
        );
        assert!(!e.is_reauthorization_required() && e.oauth().is_none());
    }

    #[test]
    fn scope_messages_say_what_to_do() {
        use crate::oauth::ScopeCheck;
        let app = OAuthError::ScopesNotGranted {
            missing: vec!["a".into()],
            check: ScopeCheck::Application,
        }
        .to_string();
        let token = OAuthError::ScopesNotGranted {
            missing: vec!["a".into()],
            check: ScopeCheck::Token,
        }
        .to_string();
        assert!(app.contains("application has not been granted"), "{app}");
        assert!(
            token.contains("token lacks") && token.contains("again"),
            "{token}"
        );
        assert_ne!(app, token);
    }

    #[test]
    fn xml_body() {
        let body = b"<?xml version=\"1.0\"?>\n<Error><Message>Failed to search history.</Message><Details>a &amp; b</Details></Error>";
        assert_eq!(
            parse_error_body(body),
            ErrorBody {
                message: Some("Failed to search history.".into()),
                details: Some("a & b".into()),
                code: None,
            }
        );
        let e = classify(
            404,
            &none(),
            b"<Error><Code>404</Code><Message>m</Message><Details/></Error>",
        );
        assert_eq!(e.api().unwrap().code.as_deref(), Some("404"));
        let e = classify(500, &none(), body);
        assert_eq!(
            e.api().unwrap().message.as_deref(),
            Some("Failed to search history.")
        );
    }

    #[test]
    fn odd_bodies_do_not_panic() {
        for body in [
            &b""[..],
            b"{",
            b"<Error>",
            b"\xff\xfe",
            b"null",
            b"{\"Error\":5}",
            b"plain text",
        ] {
            let e = classify(500, &none(), body);
            assert_eq!(e.api().unwrap().message, None);
        }
        let b = parse_error_body(br#"{"Error":{"Message":"m","Details":{"x":1}}}"#);
        assert_eq!(b.message.as_deref(), Some("m"));
        assert_eq!(b.details.as_deref(), Some(r#"{"x":1}"#));
    }

    #[test]
    fn retry_after_forms() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
        let mut h = HeaderMap::new();
        h.insert("retry-after", HeaderValue::from_static("7"));
        assert_eq!(parse_retry_after(&h, now), Some(Duration::from_secs(7)));
        let later = httpdate::fmt_http_date(now + Duration::from_secs(30));
        h.insert("retry-after", HeaderValue::from_str(&later).unwrap());
        assert_eq!(parse_retry_after(&h, now), Some(Duration::from_secs(30)));
        let earlier = httpdate::fmt_http_date(now - Duration::from_secs(30));
        h.insert("retry-after", HeaderValue::from_str(&earlier).unwrap());
        assert_eq!(parse_retry_after(&h, now), Some(Duration::ZERO));
        h.insert("retry-after", HeaderValue::from_static("soon"));
        assert_eq!(parse_retry_after(&h, now), None);
        let e = classify(
            429,
            &{
                let mut h = HeaderMap::new();
                h.insert("retry-after", HeaderValue::from_static("2"));
                h
            },
            b"",
        );
        assert_eq!(e.retry_after(), Some(Duration::from_secs(2)));
        assert!(e.is_retryable());
    }

    #[test]
    fn retryable_kinds() {
        let api = |status| ApiError {
            status,
            message: None,
            details: None,
            code: None,
            retry_after: None,
        };
        assert!(Error::Server { api: api(503) }.is_retryable());
        assert!(Error::Server { api: api(502) }.is_retryable());
        assert!(Error::Server { api: api(504) }.is_retryable());
        assert!(!Error::Server { api: api(500) }.is_retryable());
        assert!(Error::Timeout { after: None }.is_retryable());
        assert!(!Error::NotFound { api: api(404) }.is_retryable());
        assert!(
            !Error::InvalidUtf8 {
                status: 200,
                offset: 0
            }
            .is_retryable()
        );
    }

    #[test]
    fn error_is_send_sync_static() {
        fn check<E: std::error::Error + Send + Sync + 'static>() {}
        check::<Error>();
    }

    #[test]
    fn retry_after_on_503() {
        let mut h = HeaderMap::new();
        h.insert("retry-after", HeaderValue::from_static("3"));
        let e = classify(503, &h, b"");
        assert!(matches!(e, Error::Server { .. }));
        assert_eq!(e.retry_after(), Some(Duration::from_secs(3)));
    }

    #[test]
    fn server_time_from_details() {
        let t = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let d = format!("Server time: {}", httpdate::fmt_http_date(t));
        assert_eq!(server_time(&HeaderMap::new(), Some(&d)), Some(t));
        assert_eq!(server_time(&HeaderMap::new(), Some("garbage")), None);
    }
}
