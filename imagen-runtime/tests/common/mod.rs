//! A small scripted Imagen-like server for the runtime's HTTP tests.
//!
//! Most scenarios of `http.rs` run against the project's emulator; this
//! server remains for the conditions the emulator cannot produce or show
//! (listed at the top of `http.rs`): malformed or non-UTF-8 answers,
//! 500/502, redirects, a base URL with a path prefix, a signed JSON body,
//! the exact `Accept` and header-parameter values that arrived, and (with
//! [`Resetter`]) a connection closed after the request arrived.
//! Signatures are verified here with `hmac`/`sha2` directly, never with the
//! runtime's `Signer`.

#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use hmac::{Hmac, Mac};
use md5::Digest as _;
use sha2::Sha256;

pub const KEY: &str = "test-api-key";
pub const SECRET: &str = "test-SECRET-4f2a9c";

/// One request as the server received it.
#[derive(Debug, Clone)]
pub struct Captured {
    pub method: String,
    /// Path and query exactly as in the request line.
    pub resource: String,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Captured {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn path(&self) -> &str {
        self.resource.split('?').next().unwrap_or("")
    }

    pub fn query(&self) -> Option<&str> {
        self.resource.split_once('?').map(|(_, q)| q)
    }
}

type Responder = dyn Fn(&Captured, usize) -> Response + Send + Sync;
type Log = Arc<Mutex<Vec<Captured>>>;
type AppState = (Log, Arc<Responder>);

/// A server on 127.0.0.1 (port chosen by the OS) answering with `respond`,
/// which gets each request and its 0-based index.
pub struct Server {
    pub url: String,
    log: Arc<Mutex<Vec<Captured>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Server {
    pub async fn start(
        respond: impl Fn(&Captured, usize) -> Response + Send + Sync + 'static,
    ) -> Server {
        Self::start_delayed(Duration::ZERO, respond).await
    }

    /// Like [`start`](Self::start), answering each request after `delay`.
    pub async fn start_delayed(
        delay: Duration,
        respond: impl Fn(&Captured, usize) -> Response + Send + Sync + 'static,
    ) -> Server {
        let log: Arc<Mutex<Vec<Captured>>> = Arc::default();
        let respond: Arc<Responder> = Arc::new(respond);
        let state = (Arc::clone(&log), respond);
        let app = axum::Router::new()
            .fallback(
                move |axum::extract::State((log, respond)): axum::extract::State<AppState>,
                      req: axum::extract::Request| async move {
                    let (parts, body) = req.into_parts();
                    let body = axum::body::to_bytes(body, 1 << 20)
                        .await
                        .map(|b| b.to_vec())
                        .unwrap_or_default();
                    let captured = Captured {
                        method: parts.method.to_string(),
                        resource: parts
                            .uri
                            .path_and_query()
                            .map(|p| p.as_str().to_string())
                            .unwrap_or_default(),
                        headers: parts.headers,
                        body,
                    };
                    let n = {
                        let mut log = log.lock().unwrap();
                        log.push(captured.clone());
                        log.len() - 1
                    };
                    tokio::time::sleep(delay).await;
                    respond(&captured, n)
                },
            )
            .with_state(state);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let task = tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        Server { url, log, task }
    }

    pub fn requests(&self) -> Vec<Captured> {
        self.log.lock().unwrap().clone()
    }

    pub fn count(&self) -> usize {
        self.log.lock().unwrap().len()
    }
}

/// A JSON answer.
pub fn json(status: u16, value: serde_json::Value) -> Response {
    let mut r = (StatusCode::from_u16(status).unwrap(), value.to_string()).into_response();
    r.headers_mut().insert(
        "content-type",
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    r
}

/// An XML answer (`application/xml; charset=utf-8`).
pub fn xml(status: u16, body: impl Into<String>) -> Response {
    let mut r = (StatusCode::from_u16(status).unwrap(), body.into()).into_response();
    r.headers_mut().insert(
        "content-type",
        HeaderValue::from_static("application/xml; charset=utf-8"),
    );
    r
}

/// A redirect (`status` 301, 302, 303, 307 or 308) to `location`.
pub fn redirect(status: u16, location: &str) -> Response {
    let mut r = StatusCode::from_u16(status).unwrap().into_response();
    r.headers_mut()
        .insert("location", HeaderValue::from_str(location).unwrap());
    r
}

/// A raw TCP server on 127.0.0.1 that reads each request completely
/// (headers and `Content-Length` body) and then closes the connection
/// without answering: the request certainly arrived, its outcome is
/// unknown to the client.
pub struct Resetter {
    pub url: String,
    received: Arc<AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Resetter {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Resetter {
    pub async fn start() -> Resetter {
        use tokio::io::AsyncReadExt as _;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let received: Arc<AtomicUsize> = Arc::default();
        let count = Arc::clone(&received);
        let task = tokio::spawn(async move {
            loop {
                let Ok((mut stream, _)) = listener.accept().await else {
                    return;
                };
                let count = Arc::clone(&count);
                tokio::spawn(async move {
                    let mut buf = Vec::new();
                    let mut chunk = [0u8; 4096];
                    loop {
                        let Ok(n) = stream.read(&mut chunk).await else {
                            return;
                        };
                        if n == 0 {
                            return;
                        }
                        buf.extend_from_slice(&chunk[..n]);
                        let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") else {
                            continue;
                        };
                        let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
                        let length: usize = head
                            .lines()
                            .find_map(|l| l.strip_prefix("content-length:"))
                            .map(|v| v.trim().parse().unwrap())
                            .unwrap_or(0);
                        if buf.len() >= end + 4 + length {
                            count.fetch_add(1, Ordering::SeqCst);
                            return; // dropped: closed without an answer
                        }
                    }
                });
            }
        });
        Resetter {
            url,
            received,
            task,
        }
    }

    /// Complete requests received (each connection closed unanswered).
    pub fn received(&self) -> usize {
        self.received.load(Ordering::SeqCst)
    }
}

/// An Imagen JSON error body.
pub fn error(status: u16, message: &str, details: &str) -> Response {
    json(
        status,
        serde_json::json!({"Error": {"Message": message, "Details": details}}),
    )
}

/// Raw bytes.
pub fn bytes(status: u16, body: &'static [u8]) -> Response {
    (StatusCode::from_u16(status).unwrap(), Body::from(body)).into_response()
}

/// The documented string to sign, rebuilt from what arrived.
pub fn string_to_sign(c: &Captured) -> String {
    let h = |n: &str| c.header(n).unwrap_or("").to_string();
    let date = c
        .header("x-imagen-date")
        .or_else(|| c.header("date"))
        .unwrap_or("");
    format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        c.method,
        h("content-length"),
        h("content-md5"),
        h("content-type"),
        date,
        c.resource
    )
}

pub fn hmac_b64(secret: &str, message: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(message.as_bytes());
    BASE64.encode(mac.finalize().into_bytes())
}

/// Checks a signed request the way the server does; `now` is the server's clock.
/// Returns the error answer the server would give, if any.
pub fn check_signed(c: &Captured, now: SystemTime) -> Option<Response> {
    if c.header("x-imagen-api-key") != Some(KEY) {
        return Some(error(401, "Unknown API key.", ""));
    }
    let Some(date) = c.header("x-imagen-date") else {
        return Some(error(
            401,
            "Some authentication must be supplied.",
            "no date",
        ));
    };
    let Ok(sent) = httpdate::parse_http_date(date) else {
        return Some(error(
            401,
            "Some authentication must be supplied.",
            "bad date",
        ));
    };
    let skew = match sent.duration_since(now) {
        Ok(d) => d,
        Err(e) => e.duration(),
    };
    if skew > Duration::from_secs(300) {
        let mut r = error(
            401,
            "The request date is outside the allowed window.",
            &format!("Server time: {}", httpdate::fmt_http_date(now)),
        );
        r.headers_mut().insert(
            "date",
            HeaderValue::from_str(&httpdate::fmt_http_date(now)).unwrap(),
        );
        return Some(r);
    }
    if !c.body.is_empty() {
        let md5 = BASE64.encode(md5::Md5::digest(&c.body));
        if c.header("content-md5") != Some(md5.as_str())
            || c.header("content-length") != Some(c.body.len().to_string().as_str())
        {
            return Some(error(401, "The request signature does not match.", "body"));
        }
    }
    let expected = format!("HMAC-SHA256 {}", hmac_b64(SECRET, &string_to_sign(c)));
    if c.header("x-imagen-api-signature") != Some(expected.as_str()) {
        return Some(error(401, "The request signature does not match.", ""));
    }
    None
}

/// Percent-decodes (test side, independent of the runtime's encoder).
pub fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .unwrap()
        .into_owned()
}

/// Decoded `name=value` pairs of a query string.
pub fn query_pairs(q: &str) -> Vec<(String, String)> {
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (n, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(n), percent_decode(v))
        })
        .collect()
}

/// The element structure of an XML document, values left out: one line per
/// element, indented by depth, with its attribute names (sorted) and `=text`
/// when it has non-blank text. Two documents of the same shape give the
/// same string.
pub fn xml_structure(doc: &str) -> String {
    fn walk(e: &imagen_runtime::wire::xml::Element, depth: usize, out: &mut String) {
        let mut attrs: Vec<&str> = e.attrs.iter().map(|(k, _)| k.as_str()).collect();
        attrs.sort_unstable();
        out.push_str(&"  ".repeat(depth));
        out.push_str(&e.name);
        for a in attrs {
            out.push_str(&format!(" @{a}"));
        }
        if !e.text.trim().is_empty() {
            out.push_str(" =text");
        }
        out.push('\n');
        for c in &e.children {
            walk(c, depth + 1, out);
        }
    }
    let root = imagen_runtime::wire::xml::parse(doc).unwrap_or_else(|e| panic!("{e}: {doc}"));
    let mut out = String::new();
    walk(&root, 0, &mut out);
    out
}

/// A loopback port that refuses connections for as long as this value
/// lives: the local port of an open client connection (to a listener held
/// here too). Nothing listens on it, and while the connection holds it no
/// other socket is given it by `bind(…:0)`, unlike a port bound and
/// released, which the next test may be given.
pub struct RefusingPort {
    pub port: u16,
    _listener: std::net::TcpListener,
    _client: std::net::TcpStream,
}

impl RefusingPort {
    pub fn open() -> RefusingPort {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let client = std::net::TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let port = client.local_addr().unwrap().port();
        // The premise, checked: connecting is refused.
        let refused = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap_err();
        assert_eq!(
            refused.kind(),
            std::io::ErrorKind::ConnectionRefused,
            "{refused}"
        );
        RefusingPort {
            port,
            _listener: listener,
            _client: client,
        }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}
