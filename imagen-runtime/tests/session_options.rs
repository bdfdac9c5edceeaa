//! The `SessionBuilder` options no other test exercises, each shown to take
//! effect: `connect_timeout` (against a listener whose accept queue is full,
//! so that connecting never completes), `clock_skew_threshold` (against the
//! emulator's shifted clock), `http_client` (the builder's settings reach
//! the wire, and it is called once per build), and `RawResponse::json_in`
//! with an envelope path. The scripted server of `common` is used where
//! the test must see the request's headers.

mod common;

use imagen_runtime::api::HostUrls as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use common::{KEY, SECRET, Server, json};
use imagen_emulator::{ApplicationSpec, Emulator};
use imagen_runtime::api::types;
use imagen_runtime::endpoint::Method;
use imagen_runtime::{Auth, Error, RetryPolicy, Session, StaticToken};

/// A loopback listener with an accept queue of one, filled by a connection
/// that is never accepted: the kernel drops further SYNs, so a connection
/// attempt hangs until the client gives up. (Linux; `listen(0)` admits one
/// connection.)
async fn unconnectable() -> (String, tokio::net::TcpListener, tokio::net::TcpStream) {
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let listener = socket.listen(0).unwrap();
    let addr = listener.local_addr().unwrap();
    let filler = tokio::net::TcpStream::connect(addr).await.unwrap();
    (format!("http://{addr}"), listener, filler)
}

/// Which timer ends an attempt whose connection never completes: the
/// 200 ms connect timeout, before the 2 s request timeout (a transport
/// error: certainly never sent); with the default connect timeout (10 s),
/// the request timeout instead. Event order, not elapsed time.
#[tokio::test]
async fn connect_timeout_ends_a_connection_that_never_completes() {
    let (url, _listener, _filler) = unconnectable().await;
    let session = |connect: Option<Duration>| {
        let b = Session::builder()
            .api_key(KEY)
            .api_secret(SECRET)
            .mcc_url(&url)
            .timeout(Duration::from_secs(2))
            .retry_policy(RetryPolicy::none());
        match connect {
            Some(t) => b.connect_timeout(t),
            None => b,
        }
        .build()
        .unwrap()
    };
    // A hang guard: the kernel retries a SYN for about two minutes.
    let attempt = async |s: Session| {
        let call = s.raw(Method::Get, "mcc", "/x").auth(Auth::None).send();
        tokio::time::timeout(Duration::from_secs(60), call)
            .await
            .expect("a timeout ended the attempt")
            .unwrap_err()
    };
    match attempt(session(Some(Duration::from_millis(200)))).await {
        Error::Transport { source } => {
            assert!(source.is_connect() && source.is_timeout(), "{source:?}")
        }
        other => panic!("expected a connect timeout (Transport), got {other:?}"),
    }
    // Also with a client of the caller's (`http_client` says it keeps the
    // session's connect timeout).
    let custom = Session::builder()
        .api_key(KEY)
        .api_secret(SECRET)
        .mcc_url(&url)
        .timeout(Duration::from_secs(2))
        .retry_policy(RetryPolicy::none())
        .connect_timeout(Duration::from_millis(200))
        .http_client(imagen_runtime::reqwest::Client::builder)
        .build()
        .unwrap();
    let err = attempt(custom).await;
    assert!(
        matches!(&err, Error::Transport { source } if source.is_connect()),
        "{err:?}"
    );
    let err = attempt(session(None)).await;
    assert!(
        matches!(err, Error::Timeout { after: Some(d) } if d == Duration::from_secs(2)),
        "the request timeout came first with the default connect timeout: {err:?}"
    );
}

async fn emulator() -> (Emulator, imagen_emulator::Credentials) {
    let emu = Emulator::builder()
        .auto_approve(true)
        .start("127.0.0.1:0")
        .await
        .unwrap();
    let app = emu
        .create_application(ApplicationSpec::installed("Session options"))
        .unwrap();
    (emu, app)
}

/// A 30 s skew (within the server's 5-minute window, so every request
/// succeeds) is left alone under the default 60 s threshold, and corrected
/// under a 10 s one.
#[tokio::test]
async fn clock_skew_threshold_decides_when_the_clock_is_corrected() {
    let (emu, app) = emulator().await;
    emu.faults().clock_offset_secs(30);
    let session = |threshold: Option<Duration>| {
        let b = Session::builder()
            .api_key(&app.api_key)
            .api_secret(&app.secret)
            .mcc_url(emu.mcc_url());
        match threshold {
            Some(t) => b.clock_skew_threshold(t),
            None => b,
        }
        .build()
        .unwrap()
    };
    let default = session(None);
    let _: types::Application = imagen_runtime::api::Client::new(default.clone())
        .application()
        .get()
        .send()
        .await
        .unwrap();
    assert_eq!(default.clock_offset_secs(), 0, "30 s is within 60 s");

    let strict = session(Some(Duration::from_secs(10)));
    let _: types::Application = imagen_runtime::api::Client::new(strict.clone())
        .application()
        .get()
        .send()
        .await
        .unwrap();
    // 30 s, less the time the answer took (a generous bound below) and the
    // `Date` header's whole seconds.
    assert!(
        (15..=31).contains(&strict.clock_offset_secs()),
        "{}",
        strict.clock_offset_secs()
    );
}

/// What the `http_client` builder sets reaches the wire (here a user
/// agent, replacing the runtime's own); the builder is called once per
/// `build`, and sessions derived from the built one share its client.
#[tokio::test]
async fn http_client_builder_settings_are_used() {
    let server = Server::start(|_, _| json(200, serde_json::json!({}))).await;
    let calls = Arc::new(AtomicUsize::new(0));
    let counted = calls.clone();
    let s = Session::builder()
        .api_key(KEY)
        .api_secret(SECRET)
        .mcc_url(&server.url)
        .http_client(move || {
            counted.fetch_add(1, Ordering::SeqCst);
            imagen_runtime::reqwest::Client::builder().user_agent("probe/1.0")
        })
        .build()
        .unwrap();
    let user = s.with_token_source(Arc::new(StaticToken::new("t")));
    s.raw(Method::Get, "mcc", "/a")
        .auth(Auth::None)
        .send()
        .await
        .unwrap();
    user.raw(Method::Get, "mcc", "/b")
        .auth(Auth::User)
        .send()
        .await
        .unwrap();
    assert_eq!(calls.load(Ordering::SeqCst), 1);

    let plain = Session::builder()
        .api_key(KEY)
        .api_secret(SECRET)
        .mcc_url(&server.url)
        .build()
        .unwrap();
    plain
        .raw(Method::Get, "mcc", "/c")
        .auth(Auth::None)
        .send()
        .await
        .unwrap();
    let agents: Vec<String> = server
        .requests()
        .iter()
        .map(|r| r.header("user-agent").unwrap_or("").to_owned())
        .collect();
    assert_eq!(agents[..2], ["probe/1.0", "probe/1.0"], "{agents:?}");
    assert!(agents[2].starts_with("imagen-rs/"), "{agents:?}");
}

/// `json_in` unwraps an envelope path before decoding; a path that is not
/// in the answer is a decode error, not a default value.
#[tokio::test]
async fn json_in_unwraps_an_envelope() {
    let server = Server::start(|_, _| {
        json(
            200,
            serde_json::json!({"Response": {"Application": {"Name": "Zoë's app", "APIKey": "k1"}}}),
        )
    })
    .await;
    let s = Session::builder()
        .api_key(KEY)
        .api_secret(SECRET)
        .mcc_url(&server.url)
        .build()
        .unwrap();
    let answer = s
        .raw(Method::Get, "mcc", "/app")
        .auth(Auth::None)
        .send()
        .await
        .unwrap();
    let app: types::Application = answer.json_in("Response/Application").unwrap();
    assert_eq!(app.name, "Zoë's app");
    assert_eq!(app.api_key.as_deref(), Some("k1"));
    let err = answer
        .json_in::<types::Application>("Response/Missing")
        .unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
}
