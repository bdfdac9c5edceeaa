//! The fault matrix, through the generated client against the emulator's
//! injected faults: each fault with its documented outcome, and a check
//! that nothing was lost or done twice.
//!
//! | fault | outcome |
//! |---|---|
//! | 429 with `Retry-After` | waited for, retried, succeeds |
//! | 503 burst shorter than the retries | retried, succeeds |
//! | 503 burst longer than the retries | `Error::Server` 503 after retries + 1 attempts |
//! | 503 on an import (not idempotent) | not retried; nothing imported |
//! | timeout on a GET | retried, then `Error::Timeout` |
//! | timeout on an import | `Error::OutcomeUnknown`, sent once, imported once |
//! | server clock ahead / behind by 10 min | signed call corrected and retried once, succeeds |
//! | expired access token | refreshed once, succeeds |
//! | revoked refresh token | `Error::OAuth(OAuthError::ReauthorizationRequired)` |
//! | disabled application | `Error::ApplicationDisabled`, signed and bearer; `OAuthError::ApplicationDisabled` on the OAuth paths (`Error::is_application_disabled` for both) |
//! | wrong secret | `Error::SignatureRejected`, not retried |
//!
//! (A connection reset needs a server that closes the socket mid-answer,
//! which the emulator never does: see `hardening.rs` and `conformance.rs`.)

use imagen_runtime::api::HostUrls as _;
use std::sync::Arc;
use std::time::{Duration, Instant};

use imagen_emulator::{ApplicationSpec, Credentials, Emulator, Failure};
use imagen_runtime::api::{Client, types};
use imagen_runtime::oauth::{
    MemoryTokenStore, OAuthConfig, OAuthError, RefreshingTokenSource, StoreKey, TokenSet,
};
use imagen_runtime::{Error, RetryPolicy, Session, StaticToken};

imagen_runtime::scopes!(Faulty = ModifyUsersData, CreateJobs);

const SCOPES: &[&str] = &["readUsersData", "modifyUsersData", "createJobs"];

async fn emulator() -> (Emulator, Credentials) {
    let emu = Emulator::builder()
        .auto_approve(true)
        .start("127.0.0.1:0")
        .await
        .unwrap();
    let app = emu
        .create_application(ApplicationSpec::installed("Fault matrix").scopes(SCOPES))
        .unwrap();
    (emu, app)
}

fn session(emu: &Emulator, app: &Credentials) -> imagen_runtime::SessionBuilder {
    Session::builder()
        .api_key(&app.api_key)
        .api_secret(&app.secret)
        .mcc_url(emu.mcc_url())
        .web_url(emu.web_url())
        .retry_policy(
            RetryPolicy::default()
                .initial_backoff(Duration::from_millis(20))
                .max_backoff(Duration::from_millis(100)),
        )
}

fn user(
    emu: &Emulator,
    app: &Credentials,
    b: imagen_runtime::SessionBuilder,
) -> Client<Faulty, imagen_runtime::scope::UserContext> {
    let token = emu.issue_token_for(&app.api_key, "zoe", SCOPES).unwrap();
    Client::new(b.build().unwrap())
        .with_scopes::<Faulty>()
        .for_user(Arc::new(StaticToken::new(token.access_token)))
}

fn one_record(title: &str) -> types::ImportDocument {
    types::ImportDocument {
        records: vec![types::ImportRecord {
            id: -1,
            fields: [("Title".to_owned(), title.to_owned())]
                .into_iter()
                .collect(),
            acl: None,
            media_objects: None,
        }],
    }
}

async fn hits(u: &Client<Faulty, imagen_runtime::scope::UserContext>, title: &str) -> i64 {
    u.records()
        .search(&format!("WHERE Title=\"{title}\""))
        .send()
        .await
        .unwrap()
        .total_hits
}

#[tokio::test]
async fn rate_limited_with_retry_after_is_waited_for() {
    let (emu, app) = emulator().await;
    let u = user(&emu, &app, session(&emu, &app));
    emu.faults().fail_next(
        1,
        Failure::RateLimited {
            retry_after_secs: 1,
        },
    );
    let started = Instant::now();
    let who = u.user().current().send().await.unwrap();
    assert_eq!(who.username, "zoe");
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "Retry-After honoured"
    );
}

#[tokio::test]
async fn unavailable_bursts() {
    let (emu, app) = emulator().await;
    let u = user(&emu, &app, session(&emu, &app));
    // Shorter than the 3 retries: succeeds.
    emu.faults().fail_next(3, Failure::Unavailable);
    u.user().current().send().await.unwrap();
    // Longer: the 503 after 4 attempts, and the 5th request is served.
    emu.faults().fail_next(5, Failure::Unavailable);
    let e = u.user().current().send().await.unwrap_err();
    assert!(
        matches!(&e, Error::Server { api } if api.status == 503),
        "{e:?}"
    );
    emu.faults().clear();
    u.user().current().send().await.unwrap();
}

#[tokio::test]
async fn unavailable_import_is_not_retried() {
    let (emu, app) = emulator().await;
    let u = user(&emu, &app, session(&emu, &app));
    emu.faults().fail_next(1, Failure::Unavailable);
    let e = u
        .import()
        .records(&one_record("Fault 503 once"))
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(&e, Error::Server { api } if api.status == 503),
        "{e:?}"
    );
    // Not resent (the one injected 503 was the only request), nothing imported.
    assert_eq!(hits(&u, "Fault 503 once").await, 0);
    // Sent again by the caller, it is imported once.
    u.import()
        .records(&one_record("Fault 503 once"))
        .send()
        .await
        .unwrap();
    assert_eq!(hits(&u, "Fault 503 once").await, 1);
}

#[tokio::test]
async fn timeouts() {
    let (emu, app) = emulator().await;
    let sent = Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let log = sent.clone();
    let u = user(
        &emu,
        &app,
        session(&emu, &app)
            .timeout(Duration::from_millis(300))
            .on_request(move |r| {
                log.lock()
                    .unwrap()
                    .push(format!("{} {}", r.method(), r.url().path()))
            }),
    );
    emu.faults().latency(Duration::from_millis(800));
    let started = Instant::now();
    let e = u.user().current().send().await.unwrap_err();
    assert!(matches!(e, Error::Timeout { .. }), "{e:?}");
    // Four attempts of 300 ms each, with backoff in between.
    assert!(started.elapsed() >= Duration::from_millis(1200));
    assert_eq!(sent.lock().unwrap().len(), 4, "{:?}", sent.lock().unwrap());

    sent.lock().unwrap().clear();
    let e = u
        .import()
        .records(&one_record("Fault timeout"))
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(&e, Error::OutcomeUnknown { endpoint: "import.records", source, .. } if matches!(**source, Error::Timeout { .. })),
        "{e:?}"
    );
    assert_eq!(
        *sent.lock().unwrap(),
        ["PUT /imcc/v1/import/record/NativeImagenXML"],
        "sent exactly once"
    );
    // The emulator drops a request whose client hung up during the injected
    // latency; a real server may go on with it. Either way it exists at most
    // once (and `conformance.rs` shows one PUT reaching a server that answers late).
    emu.faults().latency(Duration::ZERO);
    assert!(hits(&u, "Fault timeout").await <= 1);
}

#[tokio::test]
async fn clock_skew_both_ways_is_corrected() {
    for offset in [600, -600] {
        let (emu, app) = emulator().await;
        let s = session(&emu, &app).build().unwrap();
        let client = Client::new(s.clone());
        emu.faults().clock_offset_secs(offset);
        let a = client.application().get().send().await.unwrap();
        assert_eq!(a.name, "Fault matrix");
        assert!(
            (s.clock_offset_secs() - offset).abs() <= 2,
            "offset learnt: {}",
            s.clock_offset_secs()
        );
    }
}

#[tokio::test]
async fn expired_and_revoked_tokens() {
    let (emu, app) = emulator().await;
    let issued = emu.issue_token_for(&app.api_key, "zoe", SCOPES).unwrap();
    let config = OAuthConfig::installed(
        emu.web_url(),
        &app.api_key,
        &app.secret,
        "http://localhost:8080",
    )
    .build()
    .unwrap();
    let source = RefreshingTokenSource::new(
        config.clone(),
        Arc::new(MemoryTokenStore::new()),
        StoreKey::new(&app.api_key, "zoe", SCOPES),
    );
    // The server no longer knows this access token (it looks expired to it),
    // the client thinks it is good for an hour.
    source
        .set_token(TokenSet::new(
            "stale-token",
            issued.refresh_token.clone().map(Into::into),
            Some(Duration::from_secs(3600)),
            SCOPES.iter().map(|s| s.to_string()).collect(),
        ))
        .await
        .unwrap();
    let before = emu.token_requests();
    let u = Client::new(session(&emu, &app).build().unwrap())
        .with_scopes::<Faulty>()
        .for_user(Arc::new(source));
    u.user().current().send().await.unwrap();
    assert_eq!(emu.token_requests() - before, 1, "refreshed once");

    // A revoked refresh token: the user must authorize again.
    let revoked = RefreshingTokenSource::new(
        config,
        Arc::new(MemoryTokenStore::new()),
        StoreKey::new(&app.api_key, "zoe-2", SCOPES),
    );
    revoked
        .set_token(TokenSet::new(
            "stale-token-2",
            Some("no-such-refresh-token".into()),
            Some(Duration::from_secs(3600)),
            SCOPES.iter().map(|s| s.to_string()).collect(),
        ))
        .await
        .unwrap();
    let u = Client::new(session(&emu, &app).build().unwrap())
        .with_scopes::<Faulty>()
        .for_user(Arc::new(revoked));
    let e = u.user().current().send().await.unwrap_err();
    assert!(
        matches!(e, Error::OAuth(OAuthError::ReauthorizationRequired { .. })),
        "{e:?}"
    );
}

#[tokio::test]
async fn disabled_application_on_every_path() {
    let (emu, app) = emulator().await;
    let u = user(&emu, &app, session(&emu, &app));
    emu.set_enabled(&app.api_key, false).unwrap();
    let e = u
        .as_application()
        .application()
        .get()
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(e, Error::ApplicationDisabled { .. }),
        "signed: {e:?}"
    );
    let e = u.user().current().send().await.unwrap_err();
    assert!(
        matches!(e, Error::ApplicationDisabled { .. }),
        "bearer: {e:?}"
    );
    emu.set_enabled(&app.api_key, true).unwrap();
    u.user().current().send().await.unwrap();
}

#[tokio::test]
async fn wrong_secret_is_not_retried() {
    let (emu, app) = emulator().await;
    let attempts = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counted = attempts.clone();
    let s = Session::builder()
        .api_key(&app.api_key)
        .api_secret("not-the-secret")
        .mcc_url(emu.mcc_url())
        .on_request(move |_| {
            counted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        })
        .build()
        .unwrap();
    let e = Client::new(s).application().get().send().await.unwrap_err();
    assert!(matches!(e, Error::SignatureRejected { .. }), "{e:?}");
    // One attempt (the hook runs once per attempt, retries included).
    assert_eq!(attempts.load(std::sync::atomic::Ordering::SeqCst), 1);
}

/// A disabled application is `OAuthError::ApplicationDisabled` on the OAuth
/// paths: the authorization redirect carrying the error, and the token
/// endpoint; through a request it stays that `OAuthError` (in
/// `Error::OAuth`), and `Error::is_application_disabled` says so.
#[tokio::test]
async fn disabled_application_on_the_oauth_paths() {
    let (emu, app) = emulator().await;
    let issued = emu.issue_token_for(&app.api_key, "zoe", SCOPES).unwrap();
    let config = OAuthConfig::installed(
        emu.web_url(),
        &app.api_key,
        &app.secret,
        "http://localhost:8080/cb",
    )
    .build()
    .unwrap();
    emu.set_enabled(&app.api_key, false).unwrap();

    // The authorization page redirects back with the error.
    let request = config.authorization_request(SCOPES);
    let answer = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(request.url().clone())
        .send()
        .await
        .unwrap();
    let location = answer.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.contains("error=unauthorized_client"), "{location}");
    let e = config.complete(request, &location).await.unwrap_err();
    assert!(
        matches!(
            e,
            imagen_runtime::oauth::OAuthError::ApplicationDisabled { .. }
        ),
        "{e:?}"
    );
    let e: Error = e.into();
    assert!(
        matches!(e, Error::OAuth(OAuthError::ApplicationDisabled { .. })),
        "{e:?}"
    );
    assert!(e.is_application_disabled(), "{e:?}");

    // The token endpoint refuses the refresh.
    let expired = TokenSet::new(
        "expired",
        issued.refresh_token.clone().map(Into::into),
        Some(Duration::ZERO),
        SCOPES.iter().map(|s| s.to_string()).collect(),
    );
    let e = config.refresh(&expired).await.unwrap_err();
    assert!(
        matches!(
            e,
            imagen_runtime::oauth::OAuthError::ApplicationDisabled { .. }
        ),
        "{e:?}"
    );
    // And through a session: the refresh behind a user call.
    let source = RefreshingTokenSource::new(
        config,
        Arc::new(MemoryTokenStore::new()),
        StoreKey::new(&app.api_key, "zoe", SCOPES),
    );
    source.set_token(expired).await.unwrap();
    let u = Client::new(session(&emu, &app).build().unwrap())
        .with_scopes::<Faulty>()
        .for_user(Arc::new(source));
    let e = u.user().current().send().await.unwrap_err();
    assert!(
        matches!(e, Error::OAuth(OAuthError::ApplicationDisabled { .. })),
        "{e:?}"
    );
    assert!(e.is_application_disabled(), "{e:?}");
}
