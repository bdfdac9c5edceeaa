//! Refresh, the single flight, and revoked refresh tokens, against the
//! emulator's token endpoint (its latency fault makes the concurrency of a
//! refresh storm visible).
//!
//! One test keeps the in-test server of `server.rs`:
//! `rotated_refresh_token_is_stored`, because the emulator does not rotate
//! refresh tokens. `token_endpoint_redirects_are_not_followed` puts a bare
//! redirecting loopback server in front of the emulator, because neither
//! redirects a token request.

use imagen_runtime::api::HostUrls as _;
use std::sync::Arc;
use std::time::Duration;

use imagen_emulator::{ApplicationSpec, Credentials, Emulator, TokenResponse};
use imagen_runtime::oauth::{
    ClientAuth, MemoryTokenStore, OAuthConfig, OAuthError, RefreshingTokenSource, StoreKey,
    TokenSet, TokenStore,
};

use imagen_runtime::api::types;
use imagen_runtime::endpoint::{Auth, Endpoint, Method};
use imagen_runtime::secret::RefreshToken;
use imagen_runtime::wire::Format;
use imagen_runtime::{AccessToken, Error, Session, TokenSource};

use super::{KEY, Options, SCOPES, SECRET, Server};

/// An emulator with an installed application holding [`SCOPES`].
async fn emulator() -> (Emulator, Credentials) {
    let emu = Emulator::builder()
        .auto_approve(true)
        .start("127.0.0.1:0")
        .await
        .unwrap();
    let app = emu
        .create_application(ApplicationSpec::installed("Refresh tests").scopes(SCOPES))
        .unwrap();
    (emu, app)
}

fn emu_config(emu: &Emulator, app: &Credentials) -> OAuthConfig {
    OAuthConfig::installed(
        emu.web_url(),
        &app.api_key,
        &app.secret,
        "http://localhost:8080",
    )
    .build()
    .unwrap()
}

fn emu_key(app: &Credentials) -> StoreKey {
    StoreKey::new(&app.api_key, "default", SCOPES)
}

/// A source refreshing at the emulator's token endpoint for `app`, keeping
/// its tokens in `store`.
fn emu_source(
    emu: &Emulator,
    app: &Credentials,
    store: Arc<dyn TokenStore>,
) -> RefreshingTokenSource {
    RefreshingTokenSource::new(emu_config(emu, app), store, emu_key(app))
}

fn scopes() -> Vec<String> {
    SCOPES.iter().map(|s| s.to_string()).collect()
}

/// A token pair the emulator issued for zoe with `granted`, presented to
/// the client as `access` expiring in `expires_in` and holding [`SCOPES`].
fn pair(
    emu: &Emulator,
    app: &Credentials,
    granted: &[&str],
    access: Option<&str>,
    expires_in: Option<Duration>,
) -> (TokenSet, TokenResponse) {
    let t = emu.issue_token_for(&app.api_key, "zoe", granted).unwrap();
    let set = TokenSet::new(
        access.unwrap_or(&t.access_token),
        t.refresh_token.clone().map(Into::into),
        expires_in,
        scopes(),
    );
    (set, t)
}

/// An access token that has expired, with a refresh token the emulator knows.
fn expired(emu: &Emulator, app: &Credentials) -> (TokenSet, TokenResponse) {
    pair(
        emu,
        app,
        SCOPES,
        Some("expired-access-token"),
        Some(Duration::ZERO),
    )
}

async fn revoke(emu: &Emulator, app: &Credentials, token: &str) {
    let r = reqwest::Client::new()
        .post(format!("{}/oauth/revoke", emu.web_url()))
        .basic_auth(&app.api_key, Some(&app.secret))
        .form(&[("token", token)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn refresh_ahead_of_expiry_and_persist() {
    let (emu, app) = emulator().await;
    let store = Arc::new(MemoryTokenStore::new());
    let source = emu_source(&emu, &app, store.clone());
    // An hour's token with 30 s left: inside the 60 s margin, so it is refreshed now.
    let (_, issued) = pair(&emu, &app, SCOPES, None, None);
    let refresh_token = issued.refresh_token.clone().unwrap();
    let soon: TokenSet = serde_json::from_value(serde_json::json!({
        "access_token": "soon-access-token",
        "refresh_token": refresh_token,
        "expires_at": std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs()
            + 30,
        "lifetime": 3600,
        "scopes": scopes(),
    }))
    .unwrap();
    source.set_token(soon).await.unwrap();

    let t = source.token_set().await.unwrap();
    assert_ne!(t.access_token().secret(), "soon-access-token");
    assert_eq!(emu.token_requests(), 1);
    // Not rotated by the emulator: the old refresh token is kept.
    assert_eq!(
        t.refresh_token().map(RefreshToken::secret),
        Some(refresh_token.as_str())
    );
    // Persisted.
    let stored = store.load(&emu_key(&app)).await.unwrap().unwrap();
    assert_eq!(stored.access_token().secret(), t.access_token().secret());
    // Valid for an hour now: no further refresh.
    let again = source.token_set().await.unwrap();
    assert_eq!(again.access_token().secret(), t.access_token().secret());
    assert_eq!(emu.token_requests(), 1);

    // A smaller margin leaves a 30 s token alone.
    let store = Arc::new(MemoryTokenStore::new());
    let source = emu_source(&emu, &app, store).refresh_margin(Duration::from_secs(5));
    let t30 = TokenSet::new(
        "t30",
        Some(refresh_token.as_str().into()),
        Some(Duration::from_secs(30)),
        scopes(),
    );
    source.set_token(t30).await.unwrap();
    assert_eq!(
        source.token_set().await.unwrap().access_token().secret(),
        "t30"
    );
    assert_eq!(emu.token_requests(), 1);
}

/// Tokens that live shorter than the refresh margin (60 s) are used for
/// half their life, not refreshed on every request.
#[tokio::test]
async fn short_lived_tokens_are_not_refreshed_on_every_call() {
    for (lifetime, at_most) in [(1, 3), (2, 2), (3, 2)] {
        let emu = Emulator::builder()
            .auto_approve(true)
            .token_lifetime(Duration::from_secs(lifetime))
            .start("127.0.0.1:0")
            .await
            .unwrap();
        let app = emu
            .create_application(ApplicationSpec::installed("Short tokens").scopes(SCOPES))
            .unwrap();
        let t = emu.issue_token_for(&app.api_key, "zoe", SCOPES).unwrap();
        let set = TokenSet::new(
            &t.access_token,
            t.refresh_token.clone().map(Into::into),
            Some(Duration::from_secs(lifetime)),
            scopes(),
        );
        let source = emu_source(&emu, &app, Arc::new(MemoryTokenStore::new()));
        source.set_token(set).await.unwrap();
        let before = emu.token_requests();
        for _ in 0..20 {
            TokenSource::token(&source).await.unwrap();
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let made = emu.token_requests() - before;
        assert!(
            made <= at_most,
            "{lifetime} s tokens: {made} token requests for 20 calls over 1 s"
        );
    }
}

#[tokio::test]
async fn refresh_storm_makes_one_token_request() {
    let (emu, app) = emulator().await;
    let store = Arc::new(MemoryTokenStore::new());
    let source = emu_source(&emu, &app, store.clone());
    source.set_token(expired(&emu, &app).0).await.unwrap();
    emu.faults().latency(Duration::from_millis(200));

    // Through the runtime's trait, as the request path uses it.
    let source: Arc<dyn TokenSource> = Arc::new(source);
    let old = AccessToken::new("expired-access-token");
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..200 {
        let s = source.clone();
        let old = old.clone();
        tasks.spawn(async move {
            if i % 2 == 0 {
                s.token().await
            } else {
                // As after a 401 for the token everybody held.
                s.refresh(&old).await
            }
        });
    }
    let mut tokens = Vec::new();
    while let Some(r) = tasks.join_next().await {
        tokens.push(r.unwrap().unwrap().secret().to_owned());
    }
    assert_eq!(tokens.len(), 200);
    assert_eq!(emu.token_requests(), 1, "exactly one token request");
    assert!(
        tokens.iter().all(|t| *t == tokens[0]),
        "everybody got the new token"
    );
    assert_ne!(tokens[0], "expired-access-token");
    emu.faults().clear();

    // A late 401 for the old token does not refresh again.
    let t = source.refresh(&old).await.unwrap();
    assert_eq!(t.secret(), tokens[0]);
    // Its expiry is kept with it, in the stored token set.
    let stored = store.load(&emu_key(&app)).await.unwrap().unwrap();
    assert_eq!(stored.access_token(), &t);
    assert!(stored.expires_at().is_some());
    assert_eq!(emu.token_requests(), 1);
    // A 401 for the current token does.
    let t2 = source
        .refresh(&AccessToken::new(tokens[0].clone()))
        .await
        .unwrap();
    assert_ne!(t2.secret(), tokens[0]);
    assert_eq!(emu.token_requests(), 2);
}

#[tokio::test]
async fn revoked_refresh_token_requires_reauthorization() {
    let (emu, app) = emulator().await;
    let store = Arc::new(MemoryTokenStore::new());
    let source = emu_source(&emu, &app, store.clone());
    let (token, issued) = expired(&emu, &app);
    source.set_token(token).await.unwrap();
    revoke(&emu, &app, issued.refresh_token.as_deref().unwrap()).await;

    let err = source.token_set().await.unwrap_err();
    assert!(
        matches!(err, OAuthError::ReauthorizationRequired { .. }),
        "{err:?}"
    );
    let msg = err.to_string();
    assert!(
        msg.contains("must authorize the application (again)")
            && msg.contains("invalid_grant")
            && msg.contains("The refresh token was revoked."),
        "{msg}"
    );
    assert!(!msg.contains(issued.refresh_token.as_deref().unwrap()));
    // The useless token is gone from the store, and later calls fail the
    // same way without asking the server again.
    assert!(store.load(&emu_key(&app)).await.unwrap().is_none());
    let err = source.token_set().await.unwrap_err();
    assert!(
        matches!(err, OAuthError::ReauthorizationRequired { .. }),
        "{err:?}"
    );
    assert_eq!(emu.token_requests(), 1);

    // A new authorization heals the source.
    let (fresh, _) = pair(&emu, &app, SCOPES, None, Some(Duration::from_secs(3600)));
    let at = fresh.access_token().secret().to_owned();
    source.set_token(fresh).await.unwrap();
    assert_eq!(
        source.token_set().await.unwrap().access_token().secret(),
        at
    );
}

#[tokio::test]
async fn storm_on_a_failing_refresh_asks_once() {
    let (emu, app) = emulator().await;
    let source = emu_source(&emu, &app, Arc::new(MemoryTokenStore::new()));
    let (token, issued) = expired(&emu, &app);
    source.set_token(token).await.unwrap();
    revoke(&emu, &app, issued.refresh_token.as_deref().unwrap()).await;
    emu.faults().latency(Duration::from_millis(100));
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..50 {
        let s = source.clone();
        tasks.spawn(async move { s.token_set().await });
    }
    while let Some(r) = tasks.join_next().await {
        assert!(matches!(
            r.unwrap(),
            Err(OAuthError::ReauthorizationRequired { .. })
        ));
    }
    assert_eq!(emu.token_requests(), 1);
}

#[tokio::test]
async fn no_stored_token_means_authorize_first() {
    let (emu, app) = emulator().await;
    let source = emu_source(&emu, &app, Arc::new(MemoryTokenStore::new()));
    let err = source.token_set().await.unwrap_err();
    assert!(
        err.to_string().contains("authorize the application first"),
        "{err}"
    );
    assert_eq!(emu.token_requests(), 0);
}

/// The client believes the token holds both scopes; the refresh token the
/// emulator issued holds only `readUsersData`, and the refreshed answer
/// says so.
#[tokio::test]
async fn refresh_with_fewer_scopes_is_an_error() {
    let (emu, app) = emulator().await;
    let source = emu_source(&emu, &app, Arc::new(MemoryTokenStore::new()));
    let (narrow, _) = pair(&emu, &app, &["readUsersData"], None, Some(Duration::ZERO));
    source.set_token(narrow).await.unwrap();
    match source.token_set().await.unwrap_err() {
        OAuthError::ScopesNotGranted { missing, .. } => assert_eq!(missing, ["modifyUsersData"]),
        other => panic!("{other:?}"),
    }
    assert_eq!(emu.token_requests(), 1);
}

#[tokio::test]
async fn revoked_through_the_trait_is_the_runtime_error() {
    let (emu, app) = emulator().await;
    let source = emu_source(&emu, &app, Arc::new(MemoryTokenStore::new()));
    let (token, issued) = expired(&emu, &app);
    source.set_token(token).await.unwrap();
    revoke(&emu, &app, issued.refresh_token.as_deref().unwrap()).await;
    let err = TokenSource::token(&source).await.unwrap_err();
    match &err {
        Error::OAuth(OAuthError::ReauthorizationRequired { reason }) => {
            assert!(
                reason.contains("The refresh token was revoked."),
                "{reason}"
            )
        }
        other => panic!("{other:?}"),
    }
    // The message is the OAuthError's, unchanged.
    assert!(
        err.to_string()
            .starts_with("the user must authorize the application (again): "),
        "{err}"
    );
    assert!(err.is_reauthorization_required());
}

static USER: Endpoint = Endpoint {
    name: "user.get",
    method: Method::Get,
    host: "mcc",
    path: "/imcc/v1/user",
    auth: Auth::User,
    scopes: &["readUsersData"],
    envelope: None,
    xml: Some("Response/Result/User"),
    formats: &[Format::Xml],
    idempotent: true,
    outcome_hint: None,
    paging: None,
};

/// A session using the source: the emulator rejects a token it does not
/// know (401 "The access token is invalid or has expired."), the runtime
/// asks the source for a replacement once, and the retry succeeds.
#[tokio::test]
async fn session_refreshes_after_a_rejected_token() {
    let (emu, app) = emulator().await;
    let store = Arc::new(MemoryTokenStore::new());
    let source = emu_source(&emu, &app, store.clone());
    let (unknown, _) = pair(
        &emu,
        &app,
        SCOPES,
        Some("unknown-to-the-server"),
        Some(Duration::from_secs(3600)),
    );
    source.set_token(unknown).await.unwrap();
    let session = Session::builder()
        .api_key(&app.api_key)
        .api_secret(&app.secret)
        .mcc_url(emu.mcc_url())
        .web_url(emu.web_url())
        .token_source(source)
        .build()
        .unwrap();
    let user: types::User = session.request(&USER, &[]).send().await.unwrap();
    assert_eq!((user.user_id, user.username.as_str()), (1, "zoe"));
    assert_eq!(emu.token_requests(), 1);
    let stored = store.load(&emu_key(&app)).await.unwrap().unwrap();
    assert_ne!(stored.access_token().secret(), "unknown-to-the-server");
}

// ---------------------------------------------------------------------
// Against the in-test server (the emulator does not rotate)
// ---------------------------------------------------------------------

fn config(server: &Server) -> OAuthConfig {
    OAuthConfig::installed(&server.base, KEY, SECRET, "http://localhost:8080")
        .build()
        .unwrap()
}

fn key() -> StoreKey {
    StoreKey::new(KEY, "default", SCOPES)
}

/// An access token that has expired, with a refresh token the server knows.
fn expired_scripted(server: &Server) -> TokenSet {
    TokenSet::new(
        "expired-access-token",
        Some(server.issue_refresh_token(SCOPES).into()),
        Some(Duration::ZERO),
        scopes(),
    )
}

#[tokio::test]
async fn rotated_refresh_token_is_stored() {
    let server = Server::start(Options {
        rotate: true,
        ..Options::default()
    })
    .await;
    let store = Arc::new(MemoryTokenStore::new());
    let source = RefreshingTokenSource::new(config(&server), store.clone(), key());
    let initial = expired_scripted(&server);
    let old_rt = initial.refresh_token().unwrap().secret().to_owned();
    source.set_token(initial).await.unwrap();
    let t = source.token_set().await.unwrap();
    let new_rt = t.refresh_token().unwrap().secret();
    assert_ne!(new_rt, old_rt);
    assert_eq!(
        store
            .load(&key())
            .await
            .unwrap()
            .unwrap()
            .refresh_token()
            .map(RefreshToken::secret),
        Some(new_rt)
    );
}

/// A loopback server answering every request with `307 Location: target`
/// (which keeps the method and the body); counts what it received.
async fn redirect_to(target: String) -> (String, Arc<std::sync::atomic::AtomicUsize>) {
    use axum::http::{StatusCode, header};
    use axum::response::IntoResponse;
    let hits: Arc<std::sync::atomic::AtomicUsize> = Arc::default();
    let seen = Arc::clone(&hits);
    let app = axum::Router::new().fallback(move || {
        seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let target = target.clone();
        async move { (StatusCode::TEMPORARY_REDIRECT, [(header::LOCATION, target)]).into_response() }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, hits)
}

/// A token request carries the client secret and the refresh token: it is
/// never redirected, even with a client builder that would follow, whichever
/// way the client authenticates. (Had it followed, the emulator's token
/// endpoint would have answered it; the control shows it does.)
#[tokio::test]
async fn token_endpoint_redirects_are_not_followed() {
    let (emu, app) = emulator().await;
    let (front, hits) = redirect_to(format!("{}/oauth/token", emu.web_url())).await;
    let hits = || hits.load(std::sync::atomic::Ordering::SeqCst);
    let (expired, _) = pair(&emu, &app, SCOPES, Some("expired"), Some(Duration::ZERO));

    // The control: a plain client from this builder follows the 307 with
    // method and body, and the emulator refreshes.
    let plain = reqwest::Client::builder().build().unwrap();
    let answer = plain
        .post(format!("{front}/oauth/token"))
        .form(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", expired.refresh_token().unwrap().secret()),
            ("client_id", &app.api_key),
            ("client_secret", &app.secret),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status().as_u16(), 200);
    assert_eq!((hits(), emu.token_requests()), (1, 1), "the redirect works");

    for auth in [ClientAuth::Basic, ClientAuth::RequestBody] {
        let config =
            OAuthConfig::installed(&front, &app.api_key, &app.secret, "http://localhost:8080")
                .client_auth(auth)
                .http_client(reqwest::Client::builder())
                .build()
                .unwrap();
        let store = Arc::new(MemoryTokenStore::new());
        let source = RefreshingTokenSource::new(config, store, emu_key(&app));
        source.set_token(expired.clone()).await.unwrap();
        let before = hits();
        let err = source.token_set().await.unwrap_err();
        assert_eq!(
            hits(),
            before + 1,
            "{auth:?}: one request, not retried: {err:?}"
        );
        assert_eq!(
            emu.token_requests(),
            1,
            "{auth:?}: nothing redirected: {err:?}"
        );
    }
}
