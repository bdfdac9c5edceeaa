//! Refresh, the single flight, and revoked refresh tokens.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use imagen_runtime::oauth::{
    MemoryTokenStore, OAuthConfig, OAuthError, RefreshingTokenSource, StoreKey, TokenSet,
    TokenStore,
};

use imagen_runtime::endpoint::{Auth, BodyKind, Endpoint, Method};
use imagen_runtime::{AccessToken, Error, Session, TokenSource};

use super::{KEY, Options, SCOPES, SECRET, Server};

fn config(server: &Server) -> OAuthConfig {
    OAuthConfig::installed(&server.base, KEY, SECRET, "http://localhost:8080")
        .build()
        .unwrap()
}

/// An access token that has expired, with a refresh token the server knows.
fn expired(server: &Server) -> TokenSet {
    TokenSet::new(
        "expired-access-token",
        Some(server.issue_refresh_token(SCOPES)),
        Some(Duration::ZERO),
        SCOPES.iter().map(|s| s.to_string()).collect(),
    )
}

fn key() -> StoreKey {
    StoreKey::new(KEY, "default", SCOPES)
}

#[tokio::test]
async fn refresh_ahead_of_expiry_and_persist() {
    let server = Server::start(Options::default()).await;
    let store = Arc::new(MemoryTokenStore::new());
    let source = RefreshingTokenSource::new(config(&server), store.clone(), key());
    // Expires in 30 s: inside the 60 s margin, so it is refreshed now.
    let mut soon = expired(&server);
    soon = TokenSet::new(
        "soon-access-token",
        soon.refresh_token().map(str::to_owned),
        Some(Duration::from_secs(30)),
        soon.scopes().to_vec(),
    );
    let refresh_token = soon.refresh_token().unwrap().to_owned();
    source.set_token(soon).await.unwrap();

    let t = source.token_set().await.unwrap();
    assert_ne!(t.access_token(), "soon-access-token");
    assert_eq!(server.refresh_requests.load(Ordering::SeqCst), 1);
    // Not rotated by this server: the old refresh token is kept.
    assert_eq!(t.refresh_token(), Some(refresh_token.as_str()));
    // Persisted.
    let stored = store.load(&key()).await.unwrap().unwrap();
    assert_eq!(stored.access_token(), t.access_token());
    // Valid for an hour now: no further refresh.
    let again = source.token_set().await.unwrap();
    assert_eq!(again.access_token(), t.access_token());
    assert_eq!(server.refresh_requests.load(Ordering::SeqCst), 1);

    // A smaller margin leaves a 30 s token alone.
    let store = Arc::new(MemoryTokenStore::new());
    let source = RefreshingTokenSource::new(config(&server), store, key())
        .refresh_margin(Duration::from_secs(5));
    let t30 = TokenSet::new(
        "t30",
        Some(refresh_token),
        Some(Duration::from_secs(30)),
        SCOPES.iter().map(|s| s.to_string()).collect(),
    );
    source.set_token(t30).await.unwrap();
    assert_eq!(source.token_set().await.unwrap().access_token(), "t30");
    assert_eq!(server.refresh_requests.load(Ordering::SeqCst), 1);
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
    let initial = expired(&server);
    let old_rt = initial.refresh_token().unwrap().to_owned();
    source.set_token(initial).await.unwrap();
    let t = source.token_set().await.unwrap();
    let new_rt = t.refresh_token().unwrap();
    assert_ne!(new_rt, old_rt);
    assert_eq!(
        store.load(&key()).await.unwrap().unwrap().refresh_token(),
        Some(new_rt)
    );
}

#[tokio::test]
async fn refresh_storm_makes_one_token_request() {
    let server = Server::start(Options {
        refresh_delay: Duration::from_millis(200),
        ..Options::default()
    })
    .await;
    let store = Arc::new(MemoryTokenStore::new());
    let source = RefreshingTokenSource::new(config(&server), store, key());
    source.set_token(expired(&server)).await.unwrap();

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
    assert_eq!(
        server.token_requests.load(Ordering::SeqCst),
        1,
        "exactly one token request"
    );
    assert!(
        tokens.iter().all(|t| *t == tokens[0]),
        "everybody got the new token"
    );
    assert_ne!(tokens[0], "expired-access-token");

    // A late 401 for the old token does not refresh again.
    let t = source.refresh(&old).await.unwrap();
    assert_eq!(t.secret(), tokens[0]);
    assert!(t.expires_at().is_some());
    assert_eq!(server.token_requests.load(Ordering::SeqCst), 1);
    // A 401 for the current token does.
    let t2 = source
        .refresh(&AccessToken::new(tokens[0].clone()))
        .await
        .unwrap();
    assert_ne!(t2.secret(), tokens[0]);
    assert_eq!(server.token_requests.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn revoked_refresh_token_requires_reauthorization() {
    let server = Server::start(Options::default()).await;
    let store = Arc::new(MemoryTokenStore::new());
    let source = RefreshingTokenSource::new(config(&server), store.clone(), key());
    source.set_token(expired(&server)).await.unwrap();
    server.revoke_all();

    let err = source.token_set().await.unwrap_err();
    assert!(
        matches!(err, OAuthError::ReauthorizationRequired { .. }),
        "{err:?}"
    );
    let msg = err.to_string();
    assert!(
        msg.contains("must authorize the application (again)")
            && msg.contains("invalid_grant")
            && msg.contains("The refresh token has been revoked."),
        "{msg}"
    );
    // The useless token is gone from the store, and later calls fail the
    // same way without asking the server again.
    assert!(store.load(&key()).await.unwrap().is_none());
    let err = source.token_set().await.unwrap_err();
    assert!(
        matches!(err, OAuthError::ReauthorizationRequired { .. }),
        "{err:?}"
    );
    assert_eq!(server.refresh_requests.load(Ordering::SeqCst), 1);

    // A new authorization heals the source.
    let fresh = TokenSet::new(
        "new-at",
        Some(server.issue_refresh_token(SCOPES)),
        Some(Duration::from_secs(3600)),
        SCOPES.iter().map(|s| s.to_string()).collect(),
    );
    source.set_token(fresh).await.unwrap();
    assert_eq!(source.token_set().await.unwrap().access_token(), "new-at");
}

#[tokio::test]
async fn storm_on_a_failing_refresh_asks_once() {
    let server = Server::start(Options {
        refresh_delay: Duration::from_millis(100),
        ..Options::default()
    })
    .await;
    let source =
        RefreshingTokenSource::new(config(&server), Arc::new(MemoryTokenStore::new()), key());
    source.set_token(expired(&server)).await.unwrap();
    server.revoke_all();
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
    assert_eq!(server.refresh_requests.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn no_stored_token_means_authorize_first() {
    let server = Server::start(Options::default()).await;
    let source =
        RefreshingTokenSource::new(config(&server), Arc::new(MemoryTokenStore::new()), key());
    let err = source.token_set().await.unwrap_err();
    assert!(
        err.to_string().contains("authorize the application first"),
        "{err}"
    );
}

#[tokio::test]
async fn refresh_with_fewer_scopes_is_an_error() {
    let server = Server::start(Options {
        grant_only: Some(vec!["readUsersData".into()]),
        ..Options::default()
    })
    .await;
    let source =
        RefreshingTokenSource::new(config(&server), Arc::new(MemoryTokenStore::new()), key());
    source.set_token(expired(&server)).await.unwrap();
    match source.token_set().await.unwrap_err() {
        OAuthError::ScopesNotGranted { missing } => assert_eq!(missing, ["modifyUsersData"]),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn revoked_through_the_trait_is_the_runtime_error() {
    let server = Server::start(Options::default()).await;
    let source =
        RefreshingTokenSource::new(config(&server), Arc::new(MemoryTokenStore::new()), key());
    source.set_token(expired(&server)).await.unwrap();
    server.revoke_all();
    let err = TokenSource::token(&source).await.unwrap_err();
    match &err {
        Error::ReauthorizationRequired { reason } => {
            assert!(
                reason.contains("The refresh token has been revoked."),
                "{reason}"
            )
        }
        other => panic!("{other:?}"),
    }
    assert!(
        err.to_string()
            .contains("must authorize the application again"),
        "{err}"
    );
}

static USER: Endpoint = Endpoint {
    name: "user.get",
    method: Method::Get,
    host: "mcc",
    path: "/imcc/v1/user",
    auth: Auth::User,
    scopes: &["readUsersData"],
    body: BodyKind::None,
    envelope: None,
};

/// A session using the source: the server rejects a token it does not
/// know (401 "The access token is invalid or has expired."), the runtime
/// asks the source for a replacement once, and the retry succeeds.
#[tokio::test]
async fn session_refreshes_after_a_rejected_token() {
    let server = Server::start(Options::default()).await;
    let store = Arc::new(MemoryTokenStore::new());
    let source = RefreshingTokenSource::new(config(&server), store.clone(), key());
    let unknown = TokenSet::new(
        "unknown-to-the-server",
        Some(server.issue_refresh_token(SCOPES)),
        Some(Duration::from_secs(3600)),
        SCOPES.iter().map(|s| s.to_string()).collect(),
    );
    source.set_token(unknown).await.unwrap();
    let session = Session::builder()
        .api_key(KEY)
        .api_secret(SECRET)
        .mcc_url(&server.base)
        .web_url(&server.base)
        .token_source(source)
        .build()
        .unwrap();
    let user: serde_json::Value = session.request(&USER, &[]).send().await.unwrap();
    assert_eq!(user["Username"], "zoë");
    assert_eq!(server.refresh_requests.load(Ordering::SeqCst), 1);
    let stored = store.load(&key()).await.unwrap().unwrap();
    assert_ne!(stored.access_token(), "unknown-to-the-server");
}
