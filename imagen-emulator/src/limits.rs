//! What keeps the emulator standing: a bound on concurrent connections,
//! a `Host` check on every route, and request-size limits answered with the
//! standard Imagen error body.
//!
//! The emulator holds applications' secrets and answers an unauthenticated
//! admin API on loopback. A web page in the developer's browser could reach
//! it through DNS rebinding (a hostile name resolving to 127.0.0.1): such a
//! request carries the hostile name in `Host`, so only loopback names and
//! the listener's own address are served.

use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::error::ApiError;
use crate::state::AppState;

/// Concurrent connections served at most; further ones wait to be accepted.
pub const MAX_CONNECTIONS: usize = 512;

/// Largest accepted request body.
pub const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

/// A listener that accepts a connection only while fewer than
/// [`MAX_CONNECTIONS`] are open.
pub struct BoundedListener {
    inner: TcpListener,
    permits: Arc<Semaphore>,
}

impl BoundedListener {
    pub fn new(inner: TcpListener, max: usize) -> Self {
        BoundedListener {
            inner,
            permits: Arc::new(Semaphore::new(max)),
        }
    }

    /// The slots, for counting the connections open now
    /// ([`Emulator::open_connections`](crate::Emulator::open_connections)).
    pub fn slots(&self) -> Arc<Semaphore> {
        self.permits.clone()
    }
}

/// A connection holding its slot until it is dropped.
pub struct Bounded {
    io: TcpStream,
    _permit: OwnedSemaphorePermit,
}

impl axum::serve::Listener for BoundedListener {
    type Io = Bounded;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Bounded, SocketAddr) {
        loop {
            // The semaphore is never closed, so this only waits.
            let Ok(permit) = self.permits.clone().acquire_owned().await else {
                continue;
            };
            match self.inner.accept().await {
                Ok((io, addr)) => {
                    return (
                        Bounded {
                            io,
                            _permit: permit,
                        },
                        addr,
                    );
                }
                // Like axum's own listener: a failed accept (e.g. too many
                // open files) is retried after a pause, never fatal.
                Err(_) => tokio::time::sleep(std::time::Duration::from_millis(50)).await,
            }
        }
    }

    fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.inner.local_addr()
    }
}

impl AsyncRead for Bounded {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_read(cx, buf)
    }
}

impl AsyncWrite for Bounded {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.io).poll_write(cx, buf)
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }
}

/// Whether a `Host` header names this emulator: `localhost` (and
/// `*.localhost`), a loopback IP, or the listener's address, with or
/// without a port.
pub fn host_allowed(host: &str, local: SocketAddr) -> bool {
    let host = host.trim();
    let name = if let Some(rest) = host.strip_prefix('[') {
        // [v6]:port
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':')
            .filter(|(_, port)| port.bytes().all(|b| b.is_ascii_digit()))
            .map_or(host, |(name, _)| name)
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    if name == "localhost" || name.ends_with(".localhost") {
        return true;
    }
    match name.parse::<std::net::IpAddr>() {
        Ok(ip) => ip.is_loopback() || ip == local.ip(),
        Err(_) => false,
    }
}

/// Middleware: refuses requests whose `Host` is not this emulator (421),
/// and bodies announced larger than [`MAX_BODY_BYTES`] (413), with the
/// standard error body.
pub async fn guard(State(sh): State<AppState>, req: Request, next: Next) -> Response {
    let local = sh.local_addr;
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .or_else(|| req.uri().authority().map(|a| a.as_str()))
        .unwrap_or("");
    if !host_allowed(host, local) {
        return ApiError::new(
            StatusCode::MISDIRECTED_REQUEST,
            "This emulator serves only loopback host names.",
            format!("Host {host:?} is not localhost, a loopback address or {local}."),
        )
        .into_response();
    }
    let announced = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if announced.is_some_and(|n| n > MAX_BODY_BYTES as u64) {
        return too_large().into_response();
    }
    next.run(req).await
}

/// The 413 answer for a body over [`MAX_BODY_BYTES`].
pub fn too_large() -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "The request body is too large.",
        format!("At most {MAX_BODY_BYTES} bytes are accepted."),
    )
}

#[cfg(test)]
mod tests {
    use super::host_allowed;

    #[test]
    fn loopback_names_only() {
        let local: std::net::SocketAddr = "127.0.0.1:8080".parse().unwrap();
        for ok in [
            "127.0.0.1:8080",
            "127.0.0.1",
            "localhost:8080",
            "LOCALHOST",
            "app.localhost:1",
            "[::1]:8080",
            "127.3.4.5:9",
        ] {
            assert!(host_allowed(ok, local), "{ok}");
        }
        for bad in [
            "evil.example:8080",
            "127.0.0.1.evil.example",
            "",
            "10.0.0.1:8080",
            "localhost.evil.example",
        ] {
            assert!(!host_allowed(bad, local), "{bad}");
        }
    }
}
