//! The one-shot `http://localhost` redirect listener.
//!
//! A deliberately tiny HTTP/1.1 responder on top of `tokio::net`: it reads
//! one request head per connection, answers with a short page and closes.
//! The runtime has no HTTP server dependency, and this listener needs none
//! of what one offers (bodies, keep-alive, routing).

use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use subtle::ConstantTimeEq;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinSet;
use zeroize::Zeroizing;

use super::OAuthError;
use super::flow::CallbackParams;

/// How the listener socket is made; replaceable in tests to inject errors
/// that cannot be produced for real (e.g. `EACCES` when running as root).
pub(crate) type BindFn = Arc<dyn Fn(SocketAddr) -> io::Result<std::net::TcpListener> + Send + Sync>;

pub(crate) fn default_bind() -> BindFn {
    Arc::new(std::net::TcpListener::bind)
}

/// Binds `127.0.0.1:port` (never any other interface), explaining failures.
pub(crate) fn bind(
    port: u16,
    redirect_uri: &str,
    bind: &BindFn,
) -> Result<TcpListener, OAuthError> {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let explain = |source: io::Error| {
        let message = match source.kind() {
            io::ErrorKind::PermissionDenied => format!(
                "cannot listen on {addr} for the redirect URI {redirect_uri}: permission denied \
                 (ports below 1024 need administrator rights). Register http://localhost:8080 as \
                 the application's redirect URI with the authorization server and configure it here, or use \
                 urn:ietf:wg:oauth:2.0:oob (the user pastes the code)"
            ),
            io::ErrorKind::AddrInUse => format!(
                "cannot listen on {addr} for the redirect URI {redirect_uri}: another program \
                 already uses port {port}. Stop it, or register another port \
                 (http://localhost:8080) for the application, or use urn:ietf:wg:oauth:2.0:oob"
            ),
            _ => format!("cannot listen on {addr} for the redirect URI {redirect_uri}: {source}"),
        };
        OAuthError::Listener { message, source }
    };
    let std = bind(addr).map_err(explain)?;
    std.set_nonblocking(true).map_err(explain)?;
    TcpListener::from_std(std).map_err(explain)
}

/// What the listener accepted: the callback's query string (state checked).
pub(crate) struct Callback(pub(crate) Zeroizing<String>);

/// Serves until a request on `path` with the right `state` arrives (then
/// answers it and returns its query), or `timeout` passes. Requests on other
/// paths get 404, requests with a missing or wrong `state` get 400; both
/// leave the listener waiting. Connections are served concurrently, so a
/// browser's idle pre-connection cannot block the real callback, but at
/// most [`MAX_CONNECTIONS`] at a time (each gets 10 s to send its request);
/// more wait to be accepted.
pub(crate) async fn wait(
    listener: TcpListener,
    path: &str,
    state: &str,
    timeout: Duration,
) -> Result<Callback, OAuthError> {
    let path: Arc<str> = path.into();
    let state: Arc<Zeroizing<String>> = Arc::new(Zeroizing::new(state.to_owned()));
    let deadline = tokio::time::sleep(timeout);
    tokio::pin!(deadline);
    let mut tasks: JoinSet<Option<Callback>> = JoinSet::new();
    loop {
        tokio::select! {
            _ = &mut deadline => return Err(OAuthError::Timeout(timeout)),
            accepted = listener.accept(), if tasks.len() < MAX_CONNECTIONS => match accepted {
                Ok((stream, _)) => {
                    tasks.spawn(serve(stream, path.clone(), state.clone()));
                }
                Err(e) => {
                    tracing::debug!(error = %e, "oauth listener: accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            },
            Some(done) = tasks.join_next() => {
                if let Ok(Some(callback)) = done {
                    return Ok(callback);
                }
            }
        }
    }
}

const MAX_HEAD: usize = 16 * 1024;

/// Connections the localhost listener serves at once.
pub(crate) const MAX_CONNECTIONS: usize = 64;

async fn serve(
    mut stream: TcpStream,
    path: Arc<str>,
    state: Arc<Zeroizing<String>>,
) -> Option<Callback> {
    let mut head = Zeroizing::new(Vec::with_capacity(1024));
    let read = async {
        let mut buf = [0u8; 1024];
        while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < MAX_HEAD {
            let n = stream.read(&mut buf).await.ok()?;
            if n == 0 {
                break;
            }
            head.extend_from_slice(&buf[..n]);
        }
        Some(())
    };
    tokio::time::timeout(Duration::from_secs(10), read)
        .await
        .ok()??;

    let line = head.split(|&b| b == b'\n').next().unwrap_or_default();
    let line = String::from_utf8_lossy(line);
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let (req_path, query) = target.split_once('?').unwrap_or((target, ""));

    if method != "GET" || req_path != &*path {
        respond(&mut stream, "404 Not Found", PAGE_NOT_FOUND).await;
        return None;
    }
    let params = CallbackParams::parse(query);
    let state_ok = params
        .get("state")
        .is_some_and(|s| bool::from(s.as_bytes().ct_eq(state.as_bytes())));
    if !state_ok {
        tracing::debug!("oauth listener: callback with a missing or wrong state ignored");
        respond(&mut stream, "400 Bad Request", PAGE_BAD_STATE).await;
        return None;
    }
    if params.get("error").is_some() {
        respond(&mut stream, "200 OK", PAGE_DENIED).await;
    } else {
        respond(&mut stream, "200 OK", PAGE_DONE).await;
    }
    Some(Callback(Zeroizing::new(query.to_owned())))
}

async fn respond(stream: &mut TcpStream, status: &str, body: &str) {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes()).await;
    let _ = stream.write_all(body.as_bytes()).await;
    let _ = stream.shutdown().await;
}

const PAGE_DONE: &str = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>Authorization received</title></head><body><h1>Authorization received ✓</h1>\
<p>You can close this window and return to the application.</p></body></html>";

const PAGE_DENIED: &str = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>Authorization not granted</title></head><body><h1>Authorization not granted</h1>\
<p>The application did not get access. You can close this window; the application \
shows the details.</p></body></html>";

const PAGE_BAD_STATE: &str = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>Stale or forged link</title></head><body><h1>This sign-in link does not match</h1>\
<p>It belongs to an older attempt or was not started by this application. \
Go back to the application and start again.</p></body></html>";

const PAGE_NOT_FOUND: &str = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>Not found</title></head><body><h1>Not found</h1></body></html>";
