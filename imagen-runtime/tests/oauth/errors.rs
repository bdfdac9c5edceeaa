//! The OAuth errors no other test reaches: a refresh failing for a reason
//! other than revocation (the failure handed to every waiter as
//! `RefreshFailed`), an unreadable token answer, an unreachable token
//! endpoint, a failed prompt, malformed callbacks and pastes, and a custom
//! authorization path. Against the emulator (its injected 503 on the token
//! endpoint) or a port that refuses connections.

use imagen_runtime::secret::RefreshToken;
use std::sync::Arc;
use std::time::Duration;

use imagen_emulator::Failure;
use imagen_runtime::oauth::{
    BoxFuture, CodeReceiver, Grant, InstalledFlow, MemoryTokenStore, OAuthConfig, OAuthError,
    RefreshingTokenSource, StoreKey, TokenSet, TokenStore,
};
use url::Url;

use super::{Emu, EmuApp, FakeBrowser, Permits, SCOPES};

/// A store that holds its next `load` until [`GatedStore::open`] (once
/// armed), saying when that load has begun.
struct GatedStore {
    inner: MemoryTokenStore,
    armed: std::sync::atomic::AtomicBool,
    entered: Permits,
    gate: Permits,
}

impl GatedStore {
    fn new() -> Self {
        GatedStore {
            inner: MemoryTokenStore::new(),
            armed: false.into(),
            entered: Permits::default(),
            gate: Permits::default(),
        }
    }

    fn arm(&self) {
        self.armed.store(true, std::sync::atomic::Ordering::SeqCst);
    }
}

impl TokenStore for GatedStore {
    fn load<'a>(
        &'a self,
        key: &'a StoreKey,
    ) -> BoxFuture<'a, Result<Option<TokenSet>, OAuthError>> {
        Box::pin(async move {
            if self.armed.swap(false, std::sync::atomic::Ordering::SeqCst) {
                self.entered.add(1);
                self.gate.take(1).await;
            }
            self.inner.load(key).await
        })
    }

    fn save<'a>(
        &'a self,
        key: &'a StoreKey,
        token: &'a TokenSet,
    ) -> BoxFuture<'a, Result<(), OAuthError>> {
        self.inner.save(key, token)
    }

    fn delete<'a>(&'a self, key: &'a StoreKey) -> BoxFuture<'a, Result<(), OAuthError>> {
        self.inner.delete(key)
    }
}

/// Failures the emulator still has to inject (its admin API).
async fn pending_failures(emu: &Emu) -> u64 {
    let v: serde_json::Value = reqwest::Client::new()
        .post(format!("{}/emulator/admin/faults", emu.base))
        .body("{}")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    v["fail_next"]["count"].as_u64().unwrap_or(0)
}

fn installed(emu: &Emu) -> OAuthConfig {
    OAuthConfig::installed(&emu.base, &emu.key, &emu.secret, "http://localhost:8080")
        .build()
        .unwrap()
}

/// An expired token pair the emulator issued for zoe.
fn expired(emu: &Emu) -> TokenSet {
    let t = emu.emu.issue_token_for(&emu.key, "zoe", SCOPES).unwrap();
    TokenSet::new(
        "expired-access-token",
        t.refresh_token.map(RefreshToken::new),
        Some(Duration::ZERO),
        SCOPES.iter().map(|s| s.to_string()).collect(),
    )
}

/// The token endpoint answers 503 (not a revocation): the caller that
/// refreshed gets what went wrong (`InvalidTokenResponse`, naming the
/// status and Imagen's message), and every caller that waited for that
/// attempt gets `RefreshFailed` with the same reason, without a second
/// request. The waiters are made to wait before the attempt starts: the
/// refreshing call is held in the store (inside the single flight) until
/// they have all asked. (A current-thread runtime: a waiter that has
/// signalled has also reached the lock, in the same poll.)
#[tokio::test]
async fn refresh_failure_is_handed_to_every_waiter() {
    const WAITERS: u32 = 4;
    let emu = Emu::approving(EmuApp::Installed).await;
    let store = Arc::new(GatedStore::new());
    let key = StoreKey::new(&emu.key, "zoe", SCOPES);
    let source = RefreshingTokenSource::new(installed(&emu), store.clone(), key);
    source.set_token(expired(&emu)).await.unwrap();
    emu.emu.faults().fail_next(5, Failure::Unavailable);
    let before = emu.token_requests();

    store.arm();
    let first = tokio::spawn({
        let source = source.clone();
        async move { source.token_set().await }
    });
    store.entered.take(1).await;
    let asked = Permits::default();
    let mut waiters = Vec::new();
    for _ in 0..WAITERS {
        let source = source.clone();
        let asked = asked.clone();
        waiters.push(tokio::spawn(async move {
            asked.add(1);
            source.token_set().await
        }));
    }
    asked.take(WAITERS).await;
    store.gate.add(1);

    let err = first.await.unwrap().unwrap_err();
    let OAuthError::InvalidTokenResponse(what) = &err else {
        panic!("{err:?}");
    };
    assert!(what.contains("HTTP 503"), "{what}");
    assert!(
        what.contains("The service is temporarily unavailable."),
        "{what}"
    );
    for w in waiters {
        match w.await.unwrap().unwrap_err() {
            OAuthError::RefreshFailed { reason } => assert_eq!(reason, err.to_string()),
            other => panic!("a waiter got {other:?}"),
        }
    }
    // One request reached the token endpoint (one injected failure used).
    assert_eq!(pending_failures(&emu).await, 4);
    assert_eq!(
        emu.token_requests(),
        before,
        "the 503 came before the handler"
    );

    // The failure is not sticky: the next call tries again, and succeeds.
    emu.emu.faults().clear();
    let fresh = source.token_set().await.unwrap();
    assert_ne!(fresh.access_token().secret(), "expired-access-token");
    assert_eq!(emu.call_user(fresh.access_token().secret()).await, 200);
}

/// A refresh or code exchange that cannot reach the token endpoint.
#[tokio::test]
async fn unreachable_token_endpoint_is_transport() {
    let refusing = RefusingPort::open();
    let config = OAuthConfig::installed(
        &format!("http://127.0.0.1:{}", refusing.port),
        "key",
        "secret",
        "http://localhost:8080",
    )
    .build()
    .unwrap();
    let token = TokenSet::new(
        "at",
        Some("rt".into()),
        Some(Duration::ZERO),
        SCOPES.iter().map(|s| s.to_string()).collect(),
    );
    let err = config.refresh(&token).await.unwrap_err();
    match &err {
        OAuthError::Transport(source) => assert!(source.is_connect(), "{source:?}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(err.to_string(), "could not reach the token endpoint");
    assert!(std::error::Error::source(&err).is_some());

    let request = config.authorization_request(SCOPES);
    let err = config.exchange_code(request, "a-code").await.unwrap_err();
    assert!(matches!(err, OAuthError::Transport(_)), "{err:?}");
}

/// A receiver that fails, or pastes a fixed text.
struct Paste(Result<&'static str, std::io::ErrorKind>);

impl CodeReceiver for Paste {
    fn receive<'a>(&'a self, _url: &'a Url) -> BoxFuture<'a, Result<String, OAuthError>> {
        let r = match self.0 {
            Ok(text) => Ok(text.to_owned()),
            Err(kind) => Err(OAuthError::Prompt(std::io::Error::new(
                kind,
                "stdin is closed",
            ))),
        };
        Box::pin(async move { r })
    }
}

/// A prompt that fails is `Prompt`, with its I/O error as the source;
/// nothing reaches the token endpoint.
#[tokio::test]
async fn failed_prompt_is_reported() {
    let emu = Emu::approving(EmuApp::Installed).await;
    let config =
        OAuthConfig::installed(&emu.base, &emu.key, &emu.secret, imagen_runtime::oauth::OOB)
            .build()
            .unwrap();
    let err = InstalledFlow::new(config)
        .browser(FakeBrowser::default())
        .receiver(Paste(Err(std::io::ErrorKind::UnexpectedEof)))
        .timeout(Duration::from_secs(60))
        .authorize(SCOPES)
        .await
        .unwrap_err();
    match &err {
        OAuthError::Prompt(io) => assert_eq!(io.kind(), std::io::ErrorKind::UnexpectedEof),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        err.to_string(),
        "could not read the authorization code: stdin is closed"
    );
    let source = std::error::Error::source(&err).expect("the I/O error");
    assert_eq!(source.to_string(), "stdin is closed");
    assert_eq!(emu.token_requests(), 0);
}

/// Callbacks and pastes that carry nothing usable are `MalformedCallback`,
/// each saying what was expected; none reaches the token endpoint.
#[tokio::test]
async fn malformed_callbacks_and_pastes() {
    let emu = Emu::approving(EmuApp::Custom("com.example.app:/oauth")).await;
    let malformed = |err: OAuthError, expected: &str| match err {
        OAuthError::MalformedCallback(what) => assert!(what.contains(expected), "{what}"),
        other => panic!("expected MalformedCallback ({expected}), got {other:?}"),
    };

    // A web callback with the right state but no code.
    let web = OAuthConfig::web(&emu.base, &emu.key, &emu.secret, "https://app.example/cb")
        .build()
        .unwrap();
    let request = web.authorization_request(SCOPES);
    let state = super::state_of(&request);
    let err = web
        .complete(request, &format!("state={state}"))
        .await
        .unwrap_err();
    malformed(err, "expected `code`");

    // The implicit grant without an access token.
    let implicit = OAuthConfig::web(&emu.base, &emu.key, &emu.secret, "https://app.example/cb")
        .grant(Grant::Implicit)
        .build()
        .unwrap();
    let request = implicit.authorization_request(SCOPES);
    let state = super::state_of(&request);
    let err = implicit
        .complete(request, &format!("#state={state}&token_type=bearer"))
        .await
        .unwrap_err();
    malformed(err, "expected `access_token`");

    // A blank code pasted for the out-of-band URI.
    let oob = OAuthConfig::installed(&emu.base, &emu.key, &emu.secret, imagen_runtime::oauth::OOB)
        .build()
        .unwrap();
    let err = oob
        .exchange_code(oob.authorization_request(SCOPES), "  \n")
        .await
        .unwrap_err();
    malformed(err, "the code is empty");

    // A custom scheme needs the whole callback URL, not a bare code.
    let custom = OAuthConfig::installed(&emu.base, &emu.key, &emu.secret, "com.example.app:/oauth")
        .build()
        .unwrap();
    let err = InstalledFlow::new(custom)
        .browser(FakeBrowser::default())
        .receiver(Paste(Ok("a-bare-code")))
        .timeout(Duration::from_secs(60))
        .authorize(SCOPES)
        .await
        .unwrap_err();
    malformed(err, "must be the whole callback URL");

    // Nothing pasted for the implicit grant.
    let oob_implicit =
        OAuthConfig::installed(&emu.base, &emu.key, &emu.secret, imagen_runtime::oauth::OOB)
            .grant(Grant::Implicit)
            .build()
            .unwrap();
    let err = InstalledFlow::new(oob_implicit)
        .browser(FakeBrowser::default())
        .receiver(Paste(Ok("   ")))
        .timeout(Duration::from_secs(60))
        .authorize(SCOPES)
        .await
        .unwrap_err();
    malformed(err, "nothing was pasted");

    assert_eq!(emu.token_requests(), 0);
}

/// `authorize_path` moves the consent page; the token path stays.
#[tokio::test]
async fn custom_authorize_path() {
    let emu = Emu::approving(EmuApp::Web("https://app.example/cb")).await;
    let config = OAuthConfig::web(&emu.base, &emu.key, &emu.secret, "https://app.example/cb")
        .authorize_path("/consent/start")
        .build()
        .unwrap();
    let url = config.authorization_request(SCOPES).url().clone();
    assert_eq!(url.path(), "/consent/start");
    assert_eq!(
        url.origin(),
        Url::parse(&emu.base).unwrap().origin(),
        "on the OAuth host"
    );
    // The emulator serves its consent page at the default path only.
    let resp = reqwest::Client::new().get(url).send().await.unwrap();
    assert_eq!(resp.status(), 404);

    // The default path, for comparison, is the emulator's.
    let default = OAuthConfig::web(&emu.base, &emu.key, &emu.secret, "https://app.example/cb")
        .build()
        .unwrap();
    assert_eq!(
        default.authorization_request(SCOPES).url().path(),
        "/oauth/authorize"
    );
    let err = OAuthConfig::web(&emu.base, &emu.key, &emu.secret, "https://app.example/cb")
        .authorize_path("consent")
        .build()
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("the authorize path `consent` must start with `/`"),
        "{err}"
    );
}

/// A loopback port that refuses connections while this lives: the local
/// port of an open client connection, which no `bind(…:0)` is given.
struct RefusingPort {
    port: u16,
    _listener: std::net::TcpListener,
    _client: std::net::TcpStream,
}

impl RefusingPort {
    fn open() -> RefusingPort {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let client = std::net::TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let port = client.local_addr().unwrap().port();
        let refused = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap_err();
        assert_eq!(refused.kind(), std::io::ErrorKind::ConnectionRefused);
        RefusingPort {
            port,
            _listener: listener,
            _client: client,
        }
    }
}

/// What the runtime makes of OAuth errors (`From<OAuthError> for Error`):
/// the `OAuthError` wrapped whole, transport failures included.
#[tokio::test]
async fn oauth_errors_as_runtime_errors() {
    use imagen_runtime::Error;
    let unreadable: Error = OAuthError::InvalidTokenResponse("HTTP 503".into()).into();
    assert!(
        matches!(&unreadable, Error::OAuth(e) if matches!(e, OAuthError::InvalidTokenResponse(_))),
        "{unreadable:?}"
    );
    assert!(unreadable.to_string().contains("HTTP 503"), "{unreadable}");
    let refusing = RefusingPort::open();
    let config = OAuthConfig::installed(
        &format!("http://127.0.0.1:{}", refusing.port),
        "key",
        "secret",
        "http://localhost:8080",
    )
    .build()
    .unwrap();
    let request = config.authorization_request(SCOPES);
    let unreachable: Error = config.exchange_code(request, "c").await.unwrap_err().into();
    assert!(
        matches!(unreachable, Error::OAuth(OAuthError::Transport(_))),
        "{unreachable:?}"
    );
    assert!(unreachable.is_retryable(), "{unreachable:?}");
}
