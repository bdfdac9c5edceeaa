//! Sending requests: the typed [`Request`] used by generated code, the
//! untyped [`RawRequest`], and the one execution loop behind both
//! (authentication, signing, retries, clock-skew and token recovery,
//! strict decoding, tracing).

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use serde::de::{DeserializeOwned, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use tracing::Instrument as _;
use url::Url;

use crate::Error;
use crate::encode;
use crate::endpoint::{Auth, Endpoint, Method};
use crate::error::classify;
use crate::session::Session;
use crate::signing::HEADER_API_KEY;
use crate::token::{AccessToken, TokenSource};

/// `application/json; charset=utf-8`
pub const JSON_UTF8: &str = "application/json; charset=utf-8";
/// `application/xml; charset=utf-8`
pub const XML_UTF8: &str = "application/xml; charset=utf-8";

struct Body {
    bytes: Vec<u8>,
    content_type: HeaderValue,
}

/// A request to one [`Endpoint`], answering `T` (decoded from JSON).
///
/// Built by [`Session::request`]; owns a clone of the session. Errors in
/// building (bad path argument, unserializable body) surface from
/// [`send`](Request::send).
#[must_use = "a request does nothing until it is sent"]
pub struct Request<T> {
    session: Session,
    endpoint: &'static Endpoint,
    path: Result<String, Error>,
    query: Vec<(&'static str, String)>,
    body: Option<Result<Body, Error>>,
    timeout: Option<Duration>,
    _answer: PhantomData<fn() -> T>,
}

impl<T> fmt::Debug for Request<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("endpoint", &self.endpoint.name)
            .field("path", &self.path.as_ref().ok())
            .field("query", &self.query)
            .field("has_body", &self.body.is_some())
            .finish()
    }
}

impl Session {
    /// A request to `endpoint`. Path arguments come in template order; each
    /// is formatted with `Display` and percent-encoded from UTF-8 as one
    /// path segment (so `/`, `?`, `#`, `..` can never change the path).
    pub fn request<T: DeserializeOwned>(
        &self,
        endpoint: &'static Endpoint,
        path_args: &[&dyn fmt::Display],
    ) -> Request<T> {
        Request {
            session: self.clone(),
            endpoint,
            path: encode::fill_path(endpoint, path_args),
            query: Vec::new(),
            body: None,
            timeout: None,
            _answer: PhantomData,
        }
    }

    /// An untyped request, bypassing every type-level check: `path_and_query`
    /// is sent as given (the caller percent-encodes it) to the host with key
    /// `host`. Authentication defaults to [`Auth::Any`]. Meant for tests and
    /// endpoints missing from the description.
    pub fn raw(&self, method: Method, host: &str, path_and_query: &str) -> RawRequest {
        RawRequest {
            session: self.clone(),
            method,
            host: host.to_string(),
            path_and_query: path_and_query.to_string(),
            auth: Auth::Any,
            headers: Ok(HeaderMap::new()),
            body: None,
            timeout: None,
        }
    }
}

impl<T: DeserializeOwned> Request<T> {
    /// Appends a query parameter; name and value are percent-encoded.
    pub fn query(mut self, name: &'static str, value: impl fmt::Display) -> Self {
        self.query.push((name, value.to_string()));
        self
    }

    /// A JSON body (`application/json; charset=utf-8`).
    pub fn json<B: serde::Serialize + ?Sized>(mut self, body: &B) -> Self {
        self.body = Some(
            serde_json::to_vec(body)
                .map(|bytes| Body {
                    bytes,
                    content_type: HeaderValue::from_static(JSON_UTF8),
                })
                .map_err(|e| Error::InvalidRequest {
                    message: format!("cannot serialize the JSON body: {e}"),
                }),
        );
        self
    }

    /// An XML body (`application/xml; charset=utf-8`).
    pub fn xml(mut self, body: impl Into<String>) -> Self {
        self.body = Some(Ok(Body {
            bytes: body.into().into_bytes(),
            content_type: HeaderValue::from_static(XML_UTF8),
        }));
        self
    }

    /// Overrides the session's timeout for this request (each attempt).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Sends the request (with retries as configured) and decodes the answer.
    ///
    /// An empty body decodes as JSON `null` (so `T = ()` or `Option<_>`
    /// work for empty answers); to accept *any* answer and ignore it, use
    /// `serde::de::IgnoredAny` as `T`.
    pub async fn send(self) -> Result<T, Error> {
        let Request {
            session,
            endpoint,
            path,
            query,
            body,
            timeout,
            _answer,
        } = self;
        let mut path = path?;
        if !query.is_empty() {
            path.push('?');
            path.push_str(&encode::query_string(&query));
        }
        let url = session.url_for(endpoint.host, &path)?;
        let body = body.transpose()?;
        let answer = session
            .execute(Prepared {
                name: endpoint.name,
                method: endpoint.method,
                url,
                auth: endpoint.auth,
                headers: HeaderMap::new(),
                body,
                timeout,
            })
            .await?;
        decode(answer.status, &answer.body, endpoint.envelope).map_err(|e| session.scrub(e))
    }
}

/// An untyped request (see [`Session::raw`]).
#[must_use = "a request does nothing until it is sent"]
pub struct RawRequest {
    session: Session,
    method: Method,
    host: String,
    path_and_query: String,
    auth: Auth,
    headers: Result<HeaderMap, Error>,
    body: Option<Body>,
    timeout: Option<Duration>,
}

impl fmt::Debug for RawRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawRequest")
            .field("method", &self.method)
            .field("host", &self.host)
            .field("path_and_query", &self.path_and_query)
            .field("auth", &self.auth)
            .finish()
    }
}

impl RawRequest {
    /// The authentication to use (default [`Auth::Any`]).
    pub fn auth(mut self, auth: Auth) -> Self {
        self.auth = auth;
        self
    }

    /// Adds a header (an invalid name or value surfaces from `send`).
    pub fn header(mut self, name: &str, value: &str) -> Self {
        if let Ok(headers) = &mut self.headers {
            match (
                HeaderName::from_bytes(name.as_bytes()),
                HeaderValue::from_str(value),
            ) {
                (Ok(n), Ok(v)) => {
                    headers.append(n, v);
                }
                _ => {
                    self.headers = Err(Error::InvalidRequest {
                        message: format!("invalid header `{name}`"),
                    })
                }
            }
        }
        self
    }

    /// A body with its content type.
    pub fn body(mut self, content_type: &str, bytes: impl Into<Vec<u8>>) -> Self {
        match HeaderValue::from_str(content_type) {
            Ok(content_type) => {
                self.body = Some(Body {
                    bytes: bytes.into(),
                    content_type,
                })
            }
            Err(_) => {
                self.headers = Err(Error::InvalidRequest {
                    message: format!("invalid content type {content_type:?}"),
                })
            }
        }
        self
    }

    /// Overrides the session's timeout for this request (each attempt).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Sends the request. Non-success answers are classified into [`Error`]
    /// exactly as for typed requests; a success gives the raw answer.
    pub async fn send(self) -> Result<RawResponse, Error> {
        let headers = self.headers?;
        if !self.path_and_query.starts_with('/') {
            return Err(Error::InvalidRequest {
                message: format!("path {:?} must start with `/`", self.path_and_query),
            });
        }
        let url = self.session.url_for(&self.host, &self.path_and_query)?;
        self.session
            .execute(Prepared {
                name: "raw",
                method: self.method,
                url,
                auth: self.auth,
                headers,
                body: self.body,
                timeout: self.timeout,
            })
            .await
    }

    /// Sends the request and decodes the answer as any JSON value.
    pub async fn send_json(self) -> Result<serde_json::Value, Error> {
        let session = self.session.clone();
        self.send().await?.json().map_err(|e| session.scrub(e))
    }
}

/// A successful answer, undecoded.
#[derive(Debug, Clone)]
pub struct RawResponse {
    /// HTTP status (2xx).
    pub status: u16,
    /// Answer headers.
    pub headers: HeaderMap,
    /// The body, as received.
    pub body: Vec<u8>,
}

impl RawResponse {
    /// The body as text; invalid UTF-8 is an error with its offset.
    pub fn text(&self) -> Result<&str, Error> {
        std::str::from_utf8(&self.body).map_err(|e| Error::InvalidUtf8 {
            status: self.status,
            offset: e.valid_up_to(),
        })
    }

    /// The body decoded as JSON into `T` (an empty body reads as `null`).
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, Error> {
        decode(self.status, &self.body, None)
    }

    /// Like [`json`](Self::json), unwrapping `{"<envelope>": T}`.
    pub fn json_in<T: DeserializeOwned>(&self, envelope: &'static str) -> Result<T, Error> {
        decode(self.status, &self.body, Some(envelope))
    }
}

pub(crate) struct Prepared {
    name: &'static str,
    method: Method,
    url: Url,
    auth: Auth,
    headers: HeaderMap,
    body: Option<Body>,
    timeout: Option<Duration>,
}

enum Mode {
    Signed,
    Bearer(Arc<dyn TokenSource>),
    Anonymous,
}

impl Session {
    /// Removes the API secret from a decode error's raw body (the
    /// application resource, for one, echoes `SecretAccessKey`).
    pub(crate) fn scrub(&self, e: Error) -> Error {
        match e {
            Error::Decode {
                status,
                body,
                source,
            } => {
                let secret = self.shared.signer.secret().expose_secret();
                let body = if secret.is_empty() {
                    body
                } else {
                    body.replace(secret, "***")
                };
                Error::Decode {
                    status,
                    body,
                    source,
                }
            }
            other => other,
        }
    }

    /// Joins a host's base URL and an encoded path (with query). The base
    /// URL's own path is kept as a prefix. Refuses anything the URL parser
    /// would normalise into a different path.
    pub(crate) fn url_for(&self, host: &str, path_and_query: &str) -> Result<Url, Error> {
        let base = self.host_url(host)?;
        let prefix = base.path().trim_end_matches('/');
        let mut joined = base.clone();
        joined.set_query(None);
        let (path, query) = match path_and_query.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (path_and_query, None),
        };
        let full_path = format!("{prefix}{path}");
        joined.set_path(&full_path);
        joined.set_query(query);
        if joined.path() != full_path {
            return Err(Error::InvalidRequest {
                message: format!(
                    "path {path:?} would be sent as {:?}: refusing a path the URL parser rewrites",
                    joined.path()
                ),
            });
        }
        Ok(joined)
    }

    fn mode(&self, auth: Auth, name: &str) -> Result<Mode, Error> {
        Ok(match (auth, &self.token) {
            (Auth::Application, _) | (Auth::Any, None) => Mode::Signed,
            (Auth::User | Auth::Any, Some(source)) => Mode::Bearer(Arc::clone(source)),
            (Auth::User, None) => {
                return Err(Error::Config {
                    message: format!(
                        "`{name}` needs user context: give the session a token source (SessionBuilder::token_source or Session::with_token_source)"
                    ),
                });
            }
            (Auth::None, _) => Mode::Anonymous,
        })
    }

    pub(crate) async fn execute(&self, p: Prepared) -> Result<RawResponse, Error> {
        let span = tracing::info_span!(
            "imagen.request",
            endpoint = %p.name,
            method = %p.method,
            path = %p.url.path(),
            status = tracing::field::Empty,
            attempts = tracing::field::Empty,
        );
        self.execute_inner(p).instrument(span).await
    }

    async fn execute_inner(&self, p: Prepared) -> Result<RawResponse, Error> {
        let mode = self.mode(p.auth, p.name)?;
        let timeout = p.timeout.unwrap_or(self.shared.timeout);
        let mut template = reqwest::Request::new(p.method.to_reqwest(), p.url);
        *template.headers_mut() = p.headers;
        // Imagen answers XML unless asked for JSON; a raw request may ask otherwise.
        template
            .headers_mut()
            .entry(ACCEPT)
            .or_insert(HeaderValue::from_static("application/json"));
        if let Some(body) = p.body {
            template
                .headers_mut()
                .insert(CONTENT_TYPE, body.content_type);
            *template.body_mut() = Some(body.bytes.into());
        }
        *template.timeout_mut() = Some(timeout);

        let mut token: Option<AccessToken> = None;
        let mut attempt: u32 = 0;
        let mut retries: u32 = 0;
        let mut date_corrected = false;
        let mut token_refreshed = false;
        loop {
            attempt += 1;
            let attempt_span =
                tracing::debug_span!("imagen.attempt", attempt, status = tracing::field::Empty);
            let Some(mut req) = template.try_clone() else {
                return Err(Error::InvalidRequest {
                    message: "the request body cannot be replayed".into(),
                });
            };
            match &mode {
                Mode::Signed => {
                    self.shared.signer.sign(&mut req, self.now());
                }
                Mode::Bearer(source) => {
                    let t = match token.take() {
                        Some(t) => t,
                        None => source.token().await?,
                    };
                    set_bearer(&mut req, self.api_key().as_str(), &t)?;
                    token = Some(t);
                }
                Mode::Anonymous => {}
            }
            if let Some(hook) = &self.shared.on_request {
                hook(&mut req);
            }
            let outcome = self.attempt(req, timeout).instrument(attempt_span).await;
            let current = tracing::Span::current();
            current.record("attempts", attempt);
            let err = match outcome {
                Ok(answer) => {
                    current.record("status", answer.status);
                    return Ok(answer);
                }
                Err(err) => {
                    if let Some(status) = err.status() {
                        current.record("status", status);
                    }
                    err
                }
            };
            match (&err, &mode) {
                (
                    Error::DateRejected {
                        server_time: Some(t),
                        ..
                    },
                    Mode::Signed,
                ) if !date_corrected => {
                    self.correct_clock(*t);
                    date_corrected = true;
                    continue;
                }
                (Error::TokenRejected { .. }, Mode::Bearer(source)) if !token_refreshed => {
                    token_refreshed = true;
                    if let Some(rejected) = token.take() {
                        tracing::debug!("access token rejected; refreshing once");
                        token = Some(source.refresh(&rejected).await?);
                        continue;
                    }
                }
                _ => {}
            }
            let delay = if err.is_retryable() && p.method.is_idempotent() {
                self.shared.retry.delay(retries + 1, err.retry_after())
            } else {
                None
            };
            if let Some(delay) = delay {
                retries += 1;
                tracing::warn!(
                    attempt,
                    delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
                    error = %err,
                    "retrying"
                );
                tokio::time::sleep(delay).await;
                continue;
            }
            return Err(err);
        }
    }
}

impl Session {
    /// One attempt: send, observe the server's clock, read the whole body,
    /// classify a non-success answer.
    async fn attempt(
        &self,
        req: reqwest::Request,
        timeout: Duration,
    ) -> Result<RawResponse, Error> {
        tracing::debug!("sending");
        let resp = self
            .shared
            .client
            .execute(req)
            .await
            .map_err(|e| Error::from_reqwest(e, Some(timeout)))?;
        let status = resp.status().as_u16();
        tracing::Span::current().record("status", status);
        let headers = resp.headers().clone();
        if let Some(server) = date_header(&headers) {
            self.observe_server_time(server);
        }
        let body = resp
            .bytes()
            .await
            .map_err(|e| Error::from_reqwest(e, Some(timeout)))?;
        if (200..300).contains(&status) {
            tracing::debug!(bytes = body.len(), "answer");
            return Ok(RawResponse {
                status,
                headers,
                body: body.to_vec(),
            });
        }
        let err = classify(status, &headers, &body);
        tracing::debug!(error = %err, "error answer");
        Err(err)
    }
}

fn set_bearer(req: &mut reqwest::Request, key: &str, token: &AccessToken) -> Result<(), Error> {
    let mut auth = HeaderValue::from_str(&format!("Bearer {}", token.secret())).map_err(|_| {
        Error::ReauthorizationRequired {
            reason: "the access token contains characters not allowed in an HTTP header".into(),
        }
    })?;
    auth.set_sensitive(true);
    let headers = req.headers_mut();
    if let Ok(k) = HeaderValue::from_str(key) {
        headers.insert(HeaderName::from_static(HEADER_API_KEY), k);
    }
    headers.insert(AUTHORIZATION, auth);
    Ok(())
}

fn date_header(headers: &HeaderMap) -> Option<SystemTime> {
    headers
        .get(reqwest::header::DATE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| httpdate::parse_http_date(v).ok())
}

/// Strict decoding: UTF-8 first (error with offset), then JSON (error keeps
/// the raw body), unwrapping `{"<envelope>": T}` when asked. An empty body
/// reads as `null` (so `()` and `Option<T>` answers work).
pub(crate) fn decode<T: DeserializeOwned>(
    status: u16,
    body: &[u8],
    envelope: Option<&'static str>,
) -> Result<T, Error> {
    let text = std::str::from_utf8(body).map_err(|e| Error::InvalidUtf8 {
        status,
        offset: e.valid_up_to(),
    })?;
    let json = text.strip_prefix('\u{feff}').unwrap_or(text);
    let json = if json.trim().is_empty() { "null" } else { json };
    let result = match envelope {
        None => serde_json::from_str::<T>(json),
        Some(name) => {
            let mut de = serde_json::Deserializer::from_str(json);
            Envelope::<T> {
                name,
                _t: PhantomData,
            }
            .deserialize(&mut de)
            .and_then(|v| de.end().map(|()| v))
        }
    };
    result.map_err(|source| Error::Decode {
        status,
        body: text.to_string(),
        source,
    })
}

/// Deserializes `{"<name>": T, ...}` into `T`, ignoring other keys.
struct Envelope<T> {
    name: &'static str,
    _t: PhantomData<T>,
}

impl<'de, T: serde::Deserialize<'de>> DeserializeSeed<'de> for Envelope<T> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, T: serde::Deserialize<'de>> Visitor<'de> for Envelope<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object with the key `{}`", self.name)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        use serde::de::Error as _;
        let mut found = None;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if key == self.name {
                if found.is_some() {
                    return Err(A::Error::duplicate_field(self.name));
                }
                found = Some(map.next_value::<T>()?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        found.ok_or_else(|| A::Error::missing_field(self.name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct App {
        #[serde(rename = "Name")]
        name: String,
    }

    #[test]
    fn envelope_unwrapped() {
        let a: App = decode(
            200,
            br#"{"Other":[1,{"x":2}],"Application":{"Name":"Zo\u00eb"}}"#,
            Some("Application"),
        )
        .unwrap();
        assert_eq!(a.name, "Zoë");
        let e = decode::<App>(200, br#"{"Name":"x"}"#, Some("Application")).unwrap_err();
        assert!(e.to_string().contains("Application"), "{e}");
        let e = decode::<App>(
            200,
            br#"{"Application":{"Name":"a"},"Application":{"Name":"b"}}"#,
            Some("Application"),
        )
        .unwrap_err();
        assert!(e.to_string().contains("duplicate"), "{e}");
        let e = decode::<App>(200, br#"[1]"#, Some("Application")).unwrap_err();
        assert!(matches!(e, Error::Decode { .. }), "{e}");
        let e = decode::<App>(
            200,
            br#"{"Application":{"Name":"a"}} x"#,
            Some("Application"),
        )
        .unwrap_err();
        assert!(matches!(e, Error::Decode { .. }), "{e}");
    }

    #[test]
    fn strict_utf8() {
        let e = decode::<serde_json::Value>(200, b"{\"a\":\"caf\xc3\"}", None).unwrap_err();
        match e {
            Error::InvalidUtf8 { status, offset } => {
                assert_eq!((status, offset), (200, 9));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn decode_error_keeps_body() {
        let e = decode::<BTreeMap<String, u32>>(201, b"{\"a\": \"x\"}", None).unwrap_err();
        match &e {
            Error::Decode { status, body, .. } => {
                assert_eq!(*status, 201);
                assert_eq!(body, "{\"a\": \"x\"}");
            }
            other => panic!("{other:?}"),
        }
        assert!(e.to_string().contains("HTTP 201"), "{e}");
    }

    #[test]
    fn empty_body_is_null() {
        decode::<()>(200, b"", None).unwrap();
        assert_eq!(decode::<Option<u8>>(200, b"  ", None).unwrap(), None);
        assert_eq!(decode::<u8>(200, b"\xef\xbb\xbf7", None).unwrap(), 7);
    }
}
