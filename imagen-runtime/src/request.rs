//! Building requests — the typed [`Request`] used by generated code and the
//! untyped [`RawRequest`] — and decoding their answers ([`RawResponse`]).
//! Sending them is `execute`'s job.

use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::time::Duration;

use bytes::Bytes;
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use serde::de::DeserializeOwned;

use crate::Error;
use crate::encode;
use crate::endpoint::{Auth, Endpoint, Method};
use crate::execute::{Parts, Prepared, Received};
use crate::session::Session;
use crate::wire::{self, Format, Wire};

/// `application/json; charset=utf-8`
pub const JSON_UTF8: &str = "application/json; charset=utf-8";
/// `application/xml; charset=utf-8`
pub const XML_UTF8: &str = "application/xml; charset=utf-8";

pub(crate) struct Body {
    pub(crate) bytes: Vec<u8>,
    pub(crate) content_type: HeaderValue,
}

/// The future of [`Request::send`]: boxed and named, so that the request's
/// state machine (a few KiB: signing, retries, reading the answer) is
/// allocated once instead of being moved through every caller's future,
/// and so that generated code can name it (`rt::Pending<T>`).
pub type Pending<T> = Pin<Box<dyn Future<Output = Result<T, Error>> + Send + 'static>>;

/// A request to one [`Endpoint`], answering `T` (decoded from XML or JSON,
/// whichever the server answered in, by the type's wire [`Shape`](crate::wire::Shape)).
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
    headers: Vec<(&'static str, String)>,
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
    pub fn request<T: DeserializeOwned + Wire>(
        &self,
        endpoint: &'static Endpoint,
        path_args: &[&dyn fmt::Display],
    ) -> Request<T> {
        Request {
            session: self.clone(),
            endpoint,
            path: encode::fill_path(endpoint, path_args),
            query: Vec::new(),
            headers: Vec::new(),
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
            idempotent: method.is_idempotent(),
        }
    }
}

impl<T> Request<T> {
    /// The endpoint the request goes to.
    pub fn endpoint(&self) -> &'static Endpoint {
        self.endpoint
    }

    /// Whether a query parameter `name` is set.
    pub(crate) fn has_query(&self, name: &str) -> bool {
        self.query.iter().any(|(n, _)| *n == name)
    }

    /// Removes every query parameter `name`, giving the last value.
    pub(crate) fn take_query(&mut self, name: &str) -> Option<String> {
        let last = self
            .query
            .iter()
            .rev()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.clone());
        self.query.retain(|(n, _)| *n != name);
        last
    }

    /// A request the pager can copy: no building error, no body. The
    /// building error, if any, is handed over (once).
    pub(crate) fn checked_for_paging(&mut self) -> Result<(), Error> {
        if let Err(e) = &mut self.path {
            let e = std::mem::replace(
                e,
                Error::InvalidRequest {
                    message: String::new(),
                },
            );
            return Err(e);
        }
        if self.body.is_some() {
            return Err(Error::InvalidRequest {
                message: format!(
                    "`{}`: a request with a body does not page",
                    self.endpoint.name
                ),
            });
        }
        Ok(())
    }

    /// A copy for one page (see [`checked_for_paging`](Self::checked_for_paging)).
    pub(crate) fn fork(&self) -> Result<Request<T>, Error> {
        let path = match &self.path {
            Ok(p) => p.clone(),
            Err(_) => {
                return Err(Error::InvalidRequest {
                    message: format!("`{}`: the request could not be built", self.endpoint.name),
                });
            }
        };
        Ok(Request {
            session: self.session.clone(),
            endpoint: self.endpoint,
            path: Ok(path),
            query: self.query.clone(),
            headers: self.headers.clone(),
            body: None,
            timeout: self.timeout,
            _answer: PhantomData,
        })
    }
}

impl<T: DeserializeOwned + Wire> Request<T> {
    /// Appends a query parameter; name and value are percent-encoded.
    pub fn query(mut self, name: &'static str, value: impl fmt::Display) -> Self {
        self.query.push((name, value.to_string()));
        self
    }

    /// Adds a request header (a header parameter of the description). A
    /// value that can't be a header value surfaces from `send`.
    pub fn header(mut self, name: &'static str, value: impl fmt::Display) -> Self {
        self.headers.push((name, value.to_string()));
        self
    }

    /// A typed XML document (`application/xml; charset=utf-8`) with the
    /// root element `root`, written by the type's wire shape.
    pub fn xml_document<B: serde::Serialize + Wire + ?Sized>(
        mut self,
        body: &B,
        root: &str,
    ) -> Self {
        self.body = Some(
            wire::to_xml(body, root)
                .map(|doc| Body {
                    bytes: doc.into_bytes(),
                    content_type: HeaderValue::from_static(XML_UTF8),
                })
                .map_err(|e| Error::InvalidRequest {
                    message: format!("cannot write the XML document: {e}"),
                }),
        );
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
    /// It asks for the session's preferred format where the endpoint
    /// offers it ([`SessionBuilder::answer_format`](crate::SessionBuilder::answer_format)),
    /// else for the endpoint's default, and decodes whatever the answer's
    /// `Content-Type` says it is. An empty body decodes as JSON `null` (so
    /// `T = ()` or `Option<_>` work for empty answers); to accept *any*
    /// answer and ignore it, use `serde::de::IgnoredAny` as `T`.
    pub fn send(self) -> Pending<T>
    where
        T: 'static,
    {
        Box::pin(self.send_inner())
    }

    async fn send_inner(self) -> Result<T, Error> {
        let Request {
            session,
            endpoint,
            path,
            query,
            headers: extra,
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
        let body = body
            .transpose()?
            .map(|b| (Bytes::from(b.bytes), b.content_type));
        let format = endpoint.answer_format(session.shared.answer_format);
        let headers = typed_headers(&extra, format)?;
        // The first attempt takes these; a retry makes them again.
        let mut first = Some((url, headers));
        let mut parts = || {
            let (url, headers) = match first.take() {
                Some(made) => made,
                None => (
                    session.url_for(endpoint.host, &path)?,
                    typed_headers(&extra, format)?,
                ),
            };
            Ok(Parts {
                url,
                headers,
                body: body.clone(),
            })
        };
        let answer = session
            .execute(Prepared {
                name: endpoint.name,
                method: endpoint.method,
                auth: endpoint.auth,
                parts: &mut parts,
                timeout,
                idempotent: endpoint.idempotent,
                outcome_hint: endpoint.outcome_hint,
            })
            .await?;
        decode_answer(&answer, endpoint.xml, endpoint.envelope).map_err(|e| session.scrub(e))
    }
}

/// The headers of a typed request: its header parameters and the `Accept`
/// of the answer format.
fn typed_headers(extra: &[(&'static str, String)], format: Format) -> Result<HeaderMap, Error> {
    // Room for what signing and reqwest add, so that nothing grows.
    let mut headers = HeaderMap::with_capacity(6 + extra.len());
    for (name, value) in extra {
        let bad = || Error::InvalidRequest {
            message: format!("header `{name}`: {value:?} can't be sent in an HTTP header"),
        };
        let n = HeaderName::from_bytes(name.as_bytes()).map_err(|_| bad())?;
        let v = HeaderValue::from_str(value).map_err(|_| bad())?;
        headers.append(n, v);
    }
    headers.insert(ACCEPT, HeaderValue::from_static(format.media_type()));
    Ok(headers)
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
    idempotent: bool,
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

    /// Whether the request may be sent again after a failure that leaves
    /// its outcome unknown (default: the method's idempotency; say `false`
    /// for a request that creates data).
    pub fn idempotent(mut self, idempotent: bool) -> Self {
        self.idempotent = idempotent;
        self
    }

    /// Sends the request. Non-success answers are classified into [`Error`]
    /// exactly as for typed requests; a success gives the raw answer.
    pub async fn send(self) -> Result<RawResponse, Error> {
        let c = self.check()?;
        let mut parts = || c.parts();
        c.session.execute(c.prepared("raw", &mut parts)).await
    }

    /// The checked request.
    fn check(self) -> Result<Checked, Error> {
        let headers = self.headers?;
        if !self.path_and_query.starts_with('/') {
            return Err(Error::InvalidRequest {
                message: format!("path {:?} must start with `/`", self.path_and_query),
            });
        }
        let url = self.session.url_for(&self.host, &self.path_and_query)?;
        Ok(Checked {
            session: self.session,
            method: self.method,
            auth: self.auth,
            url,
            headers,
            body: self.body.map(|b| (Bytes::from(b.bytes), b.content_type)),
            timeout: self.timeout,
            idempotent: self.idempotent,
        })
    }

    /// Sends the request and streams a successful answer's body into
    /// `writer` chunk by chunk, never holding the whole body in memory (the
    /// session's answer limit does not apply; an error answer is read up to
    /// it and classified as usual). The request's timeout covers the whole
    /// transfer: set a longer one with [`timeout`](Self::timeout) for large
    /// files. Nothing is retried once bytes were written.
    pub async fn download<W>(self, writer: &mut W) -> Result<Download, Error>
    where
        W: tokio::io::AsyncWrite + Unpin + ?Sized,
    {
        use tokio::io::AsyncWriteExt as _;
        let c = self.check()?;
        let session = &c.session;
        let timeout = c.timeout.unwrap_or(session.shared.timeout);
        let mut parts = || c.parts();
        let received = session
            .execute_stream(c.prepared("download", &mut parts))
            .await?;
        let mut resp = match received {
            Received::Stream(resp) => resp,
            Received::Full(answer) => {
                writer
                    .write_all(&answer.body)
                    .await
                    .map_err(|source| Error::Write { source })?;
                return Ok(Download {
                    status: answer.status,
                    headers: answer.headers,
                    bytes: answer.body.len() as u64,
                });
            }
        };
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let mut bytes = 0u64;
        while let Some(chunk) = resp
            .chunk()
            .await
            .map_err(|e| Error::from_reqwest(e, Some(timeout)))?
        {
            writer
                .write_all(&chunk)
                .await
                .map_err(|source| Error::Write { source })?;
            bytes += chunk.len() as u64;
        }
        writer
            .flush()
            .await
            .map_err(|source| Error::Write { source })?;
        Ok(Download {
            status,
            headers,
            bytes,
        })
    }

    /// Sends the request and decodes the answer as any JSON value.
    pub async fn send_json(self) -> Result<serde_json::Value, Error> {
        let session = self.session.clone();
        self.send().await?.json().map_err(|e| session.scrub(e))
    }
}

/// A [`RawRequest`] checked, ready for the execution loop: every attempt
/// sends a copy of its URL and headers.
struct Checked {
    session: Session,
    method: Method,
    auth: Auth,
    url: url::Url,
    headers: HeaderMap,
    body: Option<(Bytes, HeaderValue)>,
    timeout: Option<Duration>,
    idempotent: bool,
}

impl Checked {
    fn parts(&self) -> Result<Parts, Error> {
        Ok(Parts {
            url: self.url.clone(),
            headers: self.headers.clone(),
            body: self.body.clone(),
        })
    }

    fn prepared<'a>(
        &self,
        name: &'static str,
        parts: &'a mut (dyn FnMut() -> Result<Parts, Error> + Send),
    ) -> Prepared<'a> {
        Prepared {
            name,
            method: self.method,
            auth: self.auth,
            parts,
            timeout: self.timeout,
            idempotent: self.idempotent,
            outcome_hint: None,
        }
    }
}

/// What [`RawRequest::download`] transferred.
#[derive(Debug, Clone)]
pub struct Download {
    /// HTTP status (2xx).
    pub status: u16,
    /// Answer headers.
    pub headers: HeaderMap,
    /// Bytes written.
    pub bytes: u64,
}

/// A successful answer, undecoded.
#[derive(Debug, Clone)]
pub struct RawResponse {
    /// HTTP status (2xx).
    pub status: u16,
    /// Answer headers.
    pub headers: HeaderMap,
    /// The body, as received (the received buffer itself, not a copy).
    pub body: Bytes,
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
        let text = self.text()?;
        let json = text.strip_prefix('\u{feff}').unwrap_or(text);
        let json = if json.trim().is_empty() { "null" } else { json };
        serde_json::from_str(json).map_err(|e| Error::Decode {
            status: self.status,
            body: crate::redact::body(text),
            source: wire::WireError {
                path: String::new(),
                offset: None,
                message: e.to_string(),
            },
        })
    }

    /// The body decoded as JSON into `T`, unwrapping the envelope path
    /// `{"<a>": {"<b>": T}}` (`"a/b"`) and reshaping by `T`'s wire shape.
    pub fn json_in<T: DeserializeOwned + Wire>(&self, envelope: &str) -> Result<T, Error> {
        let path: Vec<&str> = envelope.split('/').filter(|s| !s.is_empty()).collect();
        let text = self.text()?;
        wire::from_json(text, &path).map_err(|source| self.decode_error(source))
    }

    /// The body decoded as XML into `T`, at the element path `path`
    /// (`"Response/Result/User"`, see [`wire::from_xml`]).
    pub fn xml<T: DeserializeOwned + Wire>(&self, path: &str) -> Result<T, Error> {
        let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let text = self.text()?;
        wire::from_xml(text, &segs).map_err(|source| self.decode_error(source))
    }

    /// The body decoded as `endpoint`'s answer, as a typed request decodes
    /// it: XML at the endpoint's element path or JSON inside its envelope,
    /// whichever format the answer says it is in (an empty body reads as
    /// JSON `null`). For untyped requests to described endpoints.
    pub fn decode<T: DeserializeOwned + Wire>(&self, endpoint: &Endpoint) -> Result<T, Error> {
        decode_answer(self, endpoint.xml, endpoint.envelope)
    }

    /// The format the answer says it is in (`Content-Type`), else what its
    /// first character suggests (`<` for XML).
    pub fn format(&self) -> Format {
        let ct = self
            .headers
            .get(CONTENT_TYPE)
            .map_or(&b""[..], |v| v.as_bytes());
        // Whether the content type names XML or JSON anywhere, in one
        // look at each byte (`| 0x20` lower-cases a letter).
        let (mut xml, mut json) = (false, false);
        for (i, b) in ct.iter().enumerate() {
            let rest = |word: &[u8]| {
                ct.get(i + 1..i + 1 + word.len())
                    .is_some_and(|r| r.eq_ignore_ascii_case(word))
            };
            match b | 0x20 {
                b'x' => xml = xml || rest(b"ml"),
                b'j' => json = json || rest(b"son"),
                _ => {}
            }
        }
        if xml {
            Format::Xml
        } else if json {
            Format::Json
        } else if self
            .body
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            .is_some_and(|b| *b == b'<')
        {
            Format::Xml
        } else {
            Format::Json
        }
    }

    /// A decode error keeping the body, secret-bearing fields redacted and
    /// the length bounded (see `redact`).
    fn decode_error(&self, source: wire::WireError) -> Error {
        Error::Decode {
            status: self.status,
            body: crate::redact::body(&String::from_utf8_lossy(&self.body)),
            source,
        }
    }
}

/// Decodes a typed answer in the format it came in: XML at the endpoint's
/// element path, JSON inside its envelope. An empty body reads as JSON `null`.
fn decode_answer<T: DeserializeOwned + Wire>(
    answer: &RawResponse,
    xml: Option<&'static str>,
    envelope: Option<&'static str>,
) -> Result<T, Error> {
    let text = answer.text()?;
    if answer.format() == Format::Xml && !text.trim().is_empty() {
        segments(xml, |path| wire::from_xml(text, path))
    } else {
        segments(envelope, |path| wire::from_json(text, path))
    }
    .map_err(|source| answer.decode_error(source))
}

/// The segments of a `/`-separated path (empty ones left out), on the
/// stack when there are few.
fn segments<R>(path: Option<&str>, f: impl FnOnce(&[&str]) -> R) -> R {
    let mut few = [""; 8];
    let mut n = 0;
    for seg in path.unwrap_or("").split('/').filter(|s| !s.is_empty()) {
        if n == few.len() {
            let all: Vec<&str> = path
                .unwrap_or("")
                .split('/')
                .filter(|s| !s.is_empty())
                .collect();
            return f(&all);
        }
        few[n] = seg;
        n += 1;
    }
    f(&few[..n])
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

    impl Wire for App {
        fn kind() -> wire::Kind {
            static SHAPE: wire::Shape = wire::Shape {
                name: "App",
                fields: &[wire::Field::element("Name", <String as Wire>::kind)],
                plain_json: true,
            };
            wire::Kind::Struct(|| &SHAPE)
        }
    }

    fn answer(content_type: &str, body: &[u8]) -> RawResponse {
        let mut headers = HeaderMap::new();
        if !content_type.is_empty() {
            headers.insert(CONTENT_TYPE, HeaderValue::from_str(content_type).unwrap());
        }
        RawResponse {
            status: 200,
            headers,
            body: Bytes::copy_from_slice(body),
        }
    }

    fn decode<T: DeserializeOwned + Wire>(
        status: u16,
        body: &[u8],
        envelope: Option<&'static str>,
    ) -> Result<T, Error> {
        let mut a = answer("application/json", body);
        a.status = status;
        decode_answer(&a, None, envelope)
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
    fn format_follows_the_answer() {
        let xml = b"<?xml version=\"1.0\"?><Response><Application><Name>Zo&#235;</Name></Application></Response>";
        // By content type, whatever was asked for.
        let a: App = decode_answer(
            &answer("application/xml; charset=utf-8", xml),
            Some("Response/Application"),
            Some("Application"),
        )
        .unwrap();
        assert_eq!(a.name, "Zoë");
        // Without a content type, by the first character.
        let a: App = decode_answer(&answer("", xml), Some("Response/Application"), None).unwrap();
        assert_eq!(a.name, "Zoë");
        let a: App = decode_answer(
            &answer("", br#" {"Application":{"Name":"J"}}"#),
            Some("Response/Application"),
            Some("Application"),
        )
        .unwrap();
        assert_eq!(a.name, "J");
        // An XML error names the element path and the offset.
        let e = decode_answer::<App>(
            &answer("text/xml", b"<Response><Other/></Response>"),
            Some("Response/Application"),
            None,
        )
        .unwrap_err();
        let s = e.to_string();
        assert!(s.contains("<Application>") && s.contains("byte 0"), "{s}");
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
        let a = answer("application/xml", b"");
        decode_answer::<()>(&a, Some("Response"), None).unwrap();
    }
}
