//! Hardening of the request path, against servers that misbehave in ways
//! the emulator (which follows the documented service) never does:
//!
//! - answers that never end or announce more than the session's limit:
//!   memory stays bounded and the error names the limit;
//! - large bodies streamed to a writer with `RawRequest::download`;
//! - recovery that must not depend on the server's wording: a 401 to a
//!   bearer request refreshes once whatever the message, a signed request
//!   refused by a server whose clock differs is signed again once.
//!
//! The servers are small loopback servers written here (raw TCP where the
//! framing itself is the point).

use imagen_runtime::api::HostUrls as _;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use imagen_runtime::endpoint::Method;
use imagen_runtime::token::BoxFuture;
use imagen_runtime::{AccessToken, Auth, Error, Session, TokenSource};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A raw HTTP/1.1 server on loopback: reads a request head, then lets
/// `answer` write whatever it likes to the socket. Bounded: it serves at
/// most `max` connections.
async fn raw_server<F, Fut>(max: usize, answer: F) -> String
where
    F: Fn(tokio::net::TcpStream) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let answer = Arc::new(answer);
    tokio::spawn(async move {
        for _ in 0..max {
            let Ok((mut sock, _)) = listener.accept().await else {
                return;
            };
            let answer = answer.clone();
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut buf = [0u8; 1024];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match sock.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                answer(sock).await;
            });
        }
    });
    url
}

fn session(url: &str) -> imagen_runtime::SessionBuilder {
    Session::builder()
        .api_key("test-api-key")
        .api_secret("test-SECRET-4f2a9c")
        .mcc_url(url)
        .retry_policy(imagen_runtime::RetryPolicy::none())
}

/// Peak resident memory of this process (Linux `VmHWM`), in bytes.
fn peak_rss() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("Linux /proc");
    let line = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .expect("VmHWM line");
    let kb: u64 = line
        .split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .expect("a number of kB");
    kb * 1024
}

/// An endless chunked `200`: the client stops at its limit, holding no more
/// than the limit plus a small constant, and says which limit it hit.
#[tokio::test]
async fn endless_answer_stops_at_the_limit() {
    const LIMIT: u64 = 8 * 1024 * 1024;
    let written = Arc::new(AtomicUsize::new(0));
    let w = written.clone();
    let url = raw_server(1, move |mut sock| {
        let w = w.clone();
        async move {
            let _ = sock
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n")
                .await;
            let chunk = vec![b'7'; 64 * 1024];
            let framed = [format!("{:x}\r\n", chunk.len()).into_bytes(), chunk, b"\r\n".to_vec()].concat();
            // Bounded: 4 GiB at most, or until the client hangs up.
            for _ in 0..65_536 {
                if sock.write_all(&framed).await.is_err() {
                    return;
                }
                w.fetch_add(64 * 1024, Ordering::Relaxed);
            }
        }
    })
    .await;
    let s = session(&url).max_answer_bytes(LIMIT).build().unwrap();
    let before = peak_rss();
    let e = s
        .raw(Method::Get, "mcc", "/endless")
        .auth(Auth::None)
        .send()
        .await
        .unwrap_err();
    let grown = peak_rss().saturating_sub(before);
    eprintln!(
        "endless answer: peak RSS grew by {grown} bytes with a limit of {LIMIT}; the server wrote {} bytes",
        written.load(Ordering::Relaxed)
    );
    match &e {
        Error::AnswerTooLarge {
            status,
            limit,
            announced,
        } => {
            assert_eq!((*status, *limit, *announced), (200, LIMIT, None));
        }
        other => panic!("{other:?}"),
    }
    assert!(e.to_string().contains("max_answer_bytes"), "{e}");
    assert!(
        grown < LIMIT + 16 * 1024 * 1024,
        "peak memory grew by {grown} bytes for a limit of {LIMIT}"
    );
    // The server stopped soon after the limit, not after gigabytes.
    let sent = written.load(Ordering::Relaxed) as u64;
    assert!(sent < 64 * LIMIT, "the server wrote {sent} bytes");
}

/// A `Content-Length` above the limit is refused before reading the body.
#[tokio::test]
async fn announced_size_above_the_limit_is_refused_unread() {
    // The server holds the body back until the test has the client's answer:
    // a client that waited for the body would never answer (the timeout
    // below turns that into a failure instead of a hang).
    let (release, held) = tokio::sync::oneshot::channel::<()>();
    let held = Arc::new(tokio::sync::Mutex::new(Some(held)));
    let url = raw_server(1, move |mut sock| {
        let held = held.clone();
        async move {
            let _ = sock
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 500000000\r\n\r\n[")
                .await;
            if let Some(held) = held.lock().await.take() {
                let _ = held.await;
            }
        }
    })
    .await;
    let s = session(&url).max_answer_bytes(1024).build().unwrap();
    let call = s.raw(Method::Get, "mcc", "/big").auth(Auth::None).send();
    let e = tokio::time::timeout(Duration::from_secs(60), call)
        .await
        .expect("refused from the head, without waiting for the body")
        .unwrap_err();
    let _ = release.send(());
    assert!(
        matches!(
            e,
            Error::AnswerTooLarge {
                announced: Some(500_000_000),
                limit: 1024,
                ..
            }
        ),
        "{e:?}"
    );
}

/// A body larger than the in-memory limit streams to a writer intact.
#[tokio::test]
async fn download_streams_past_the_limit() {
    const SIZE: usize = 3 * 1024 * 1024 + 17;
    let url = raw_server(1, |mut sock| async move {
        let head = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\ncontent-length: {SIZE}\r\n\r\n"
        );
        let _ = sock.write_all(head.as_bytes()).await;
        let body: Vec<u8> = (0..SIZE).map(|i| (i % 251) as u8).collect();
        let _ = sock.write_all(&body).await;
    })
    .await;
    let s = session(&url).max_answer_bytes(64 * 1024).build().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("media.bin");
    let mut file = tokio::fs::File::create(&path).await.unwrap();
    let d = s
        .raw(Method::Get, "mcc", "/media")
        .auth(Auth::None)
        .download(&mut file)
        .await
        .unwrap();
    assert_eq!((d.status, d.bytes), (200, SIZE as u64));
    let got = std::fs::read(&path).unwrap();
    assert_eq!(got.len(), SIZE);
    assert!(got.iter().enumerate().all(|(i, b)| *b == (i % 251) as u8));
}

/// A token source that counts refreshes and hands out numbered tokens.
struct Counting {
    refreshes: AtomicUsize,
}

impl TokenSource for Counting {
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, Error>> {
        let n = self.refreshes.load(Ordering::SeqCst);
        Box::pin(async move { Ok(AccessToken::new(format!("token-{n}"))) })
    }
    fn refresh(&self, _rejected: &AccessToken) -> BoxFuture<'_, Result<AccessToken, Error>> {
        let n = self.refreshes.fetch_add(1, Ordering::SeqCst) + 1;
        Box::pin(async move { Ok(AccessToken::new(format!("token-{n}"))) })
    }
}

/// A server that refuses `token-0` with a 401 in its own words (not the
/// emulator's), accepts any later token.
#[tokio::test]
async fn bearer_401_refreshes_once_whatever_the_wording() {
    let seen: Arc<Mutex<Vec<String>>> = Arc::default();
    let log = seen.clone();
    let app = axum::Router::new().fallback(move |headers: HeaderMap| {
        let log = log.clone();
        async move {
            let auth = headers
                .get("authorization")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_owned();
            log.lock().unwrap().push(auth.clone());
            if auth == "Bearer token-0" || auth == "Bearer token-2" {
                (
                    StatusCode::UNAUTHORIZED,
                    "<Error><Message>Jeton périmé</Message></Error>",
                )
                    .into_response()
            } else {
                (StatusCode::OK, "{}").into_response()
            }
        }
    });
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    let source = Arc::new(Counting {
        refreshes: AtomicUsize::new(0),
    });
    let s = session(&url)
        .build()
        .unwrap()
        .with_token_source(source.clone());
    s.raw(Method::Get, "mcc", "/imcc/v1/user")
        .auth(Auth::User)
        .send()
        .await
        .unwrap();
    assert_eq!(source.refreshes.load(Ordering::SeqCst), 1);
    assert_eq!(*seen.lock().unwrap(), ["Bearer token-0", "Bearer token-1"]);
    // Refused again after the refresh: once only, then the error.
    seen.lock().unwrap().clear();
    let e = s
        .raw(Method::Get, "mcc", "/imcc/v1/user")
        .auth(Auth::User)
        .send()
        .await;
    // token-1 is current: accepted without a refresh.
    assert!(e.is_ok());
    source.refreshes.store(2, Ordering::SeqCst);
    let e = s
        .raw(Method::Get, "mcc", "/imcc/v1/user")
        .auth(Auth::User)
        .send()
        .await;
    assert!(e.is_ok(), "token-2 refused, token-3 accepted: {e:?}");
    assert_eq!(source.refreshes.load(Ordering::SeqCst), 3);
}

/// A server whose clock is 20 minutes ahead refuses signed requests with a
/// 403 in its own words; the client learns the clock from `Date` and signs
/// again, once.
#[tokio::test]
async fn signed_request_refused_with_skewed_clock_is_signed_again_once() {
    const AHEAD: Duration = Duration::from_secs(20 * 60);
    let dates: Arc<Mutex<Vec<SystemTime>>> = Arc::default();
    let log = dates.clone();
    let app = axum::Router::new().fallback(move |headers: HeaderMap| {
        let log = log.clone();
        async move {
            let server_now = SystemTime::now() + AHEAD;
            let signed = headers
                .get("x-imagen-date")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| httpdate::parse_http_date(v).ok())
                .unwrap_or(SystemTime::UNIX_EPOCH);
            log.lock().unwrap().push(signed);
            let skew = server_now
                .duration_since(signed)
                .unwrap_or_else(|e| e.duration());
            let date = httpdate::fmt_http_date(server_now);
            if skew > Duration::from_secs(300) {
                (
                    StatusCode::FORBIDDEN,
                    [("date", date)],
                    "<Error><Message>Nicht erlaubt</Message></Error>",
                )
                    .into_response()
            } else {
                (StatusCode::OK, [("date", date)], "{}").into_response()
            }
        }
    });
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    let s = session(&url).build().unwrap();
    s.raw(Method::Get, "mcc", "/core/v1/application")
        .auth(Auth::Application)
        .send()
        .await
        .unwrap();
    let dates = dates.lock().unwrap().clone();
    assert_eq!(dates.len(), 2, "signed twice");
    let corrected = dates[1].duration_since(dates[0]).unwrap();
    assert!(
        corrected > AHEAD - Duration::from_secs(5) && corrected < AHEAD + Duration::from_secs(5),
        "second date moved by {corrected:?}"
    );
    assert!(s.clock_offset_secs() > 1100);
}

/// A refusal with the clocks in agreement is not retried.
#[tokio::test]
async fn signed_refusal_without_skew_is_not_retried() {
    let count = Arc::new(AtomicUsize::new(0));
    let c = count.clone();
    let app = axum::Router::new().fallback(move || {
        let c = c.clone();
        async move {
            c.fetch_add(1, Ordering::SeqCst);
            (
                StatusCode::UNAUTHORIZED,
                [("date", httpdate::fmt_http_date(SystemTime::now()))],
                "<Error><Code>401</Code><Message>Falsche Signatur</Message><Details/></Error>",
            )
        }
    });
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    let s = session(&url).build().unwrap();
    let e = s
        .raw(Method::Get, "mcc", "/core/v1/application")
        .auth(Auth::Application)
        .send()
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(401));
    assert_eq!(e.api().unwrap().code.as_deref(), Some("401"));
    assert_eq!(count.load(Ordering::SeqCst), 1);
}

/// A success answer in several chunks (written apart, so the client reads
/// them one by one) arrives whole and in order; a body of exactly the limit
/// is accepted, one byte more is refused, whether the excess comes in the
/// first chunk or a later one.
#[tokio::test]
async fn chunked_answer_is_assembled_up_to_the_limit() {
    fn chunked(
        parts: &'static [&'static str],
    ) -> impl Fn(
        tokio::net::TcpStream,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>>
    + Send
    + Sync
    + 'static {
        move |mut sock| {
            Box::pin(async move {
                let _ = sock
                    .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n")
                    .await;
                for p in parts {
                    let framed = format!("{:x}\r\n{p}\r\n", p.len());
                    if sock.write_all(framed.as_bytes()).await.is_err() {
                        return;
                    }
                    let _ = sock.flush().await;
                    tokio::time::sleep(Duration::from_millis(5)).await;
                }
                let _ = sock.write_all(b"0\r\n\r\n").await;
            })
        }
    }
    const PARTS: &[&str] = &["[\"Zo", "\u{eb}\", \"", "\u{6771}\u{4eac}", "\"]"];
    let whole: String = PARTS.concat();
    let limit = whole.len() as u64;

    let url = raw_server(1, chunked(PARTS)).await;
    let s = session(&url).max_answer_bytes(limit).build().unwrap();
    let r = s
        .raw(Method::Get, "mcc", "/chunks")
        .auth(Auth::None)
        .send()
        .await
        .unwrap();
    assert_eq!(r.body, whole.as_bytes());
    let v: Vec<String> = r.json().unwrap();
    assert_eq!(v, ["Zo\u{eb}", "\u{6771}\u{4eac}"]);

    for (parts, what) in [
        (PARTS, "in a later chunk"),
        (
            &["[\"Zo\u{eb}\", \"\u{6771}\u{4eac}\"] "][..],
            "in the first chunk",
        ),
    ] {
        let url = raw_server(1, chunked(parts)).await;
        let s = session(&url).max_answer_bytes(limit - 1).build().unwrap();
        let e = s
            .raw(Method::Get, "mcc", "/chunks")
            .auth(Auth::None)
            .send()
            .await
            .unwrap_err();
        assert!(
            matches!(
                e,
                Error::AnswerTooLarge {
                    status: 200,
                    announced: None,
                    ..
                }
            ),
            "excess {what}: {e:?}"
        );
    }
}
