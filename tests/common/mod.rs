//! Helpers of the end-to-end tests: every test starts its own emulator on
//! a free loopback port, registers its own application and talks to it
//! through the generated client (`imagen::api`) over real HTTP.
#![allow(dead_code)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use imagen::api::Client;
use imagen::scope::UserContext;
use imagen::{RetryPolicy, Session, SessionBuilder, StaticToken};
use imagen_emulator::{ApplicationSpec, Credentials, Emulator};

/// An emulator that approves consent at once.
pub async fn start() -> Emulator {
    Emulator::builder()
        .auto_approve(true)
        .start("127.0.0.1:0")
        .await
        .expect("the emulator starts")
}

/// An installed application holding `scopes` (empty: the defaults).
pub fn app(emu: &Emulator, name: &str, scopes: &[&str]) -> Credentials {
    emu.create_application(ApplicationSpec::installed(name).scopes(scopes))
        .expect("application registered")
}

/// Retries as the default policy, but with short backoffs so that the
/// tests only wait where a fault asks for it (`Retry-After`).
pub fn quick_retries() -> RetryPolicy {
    RetryPolicy::default()
        .initial_backoff(Duration::from_millis(10))
        .max_backoff(Duration::from_millis(50))
}

/// A session builder for `app` against `emu` (both hosts).
pub fn builder(emu: &Emulator, app: &Credentials) -> SessionBuilder {
    Session::builder()
        .api_key(&app.api_key)
        .api_secret(&app.secret)
        .mcc_url(emu.mcc_url())
        .web_url(emu.web_url())
        .retry_policy(quick_retries())
        .timeout(Duration::from_secs(10))
}

pub fn session(emu: &Emulator, app: &Credentials) -> Session {
    builder(emu, app).build().expect("session")
}

/// A session that counts the attempts it sends (the `on_request` hook
/// runs once per attempt, retries included).
pub fn counting_session(emu: &Emulator, app: &Credentials) -> (Session, Arc<AtomicUsize>) {
    let n = Arc::new(AtomicUsize::new(0));
    let seen = n.clone();
    let s = builder(emu, app)
        .on_request(move |_| {
            seen.fetch_add(1, Ordering::SeqCst);
        })
        .build()
        .expect("session");
    (s, n)
}

/// An application-context client with the default scope set.
pub fn client(emu: &Emulator, app: &Credentials) -> Client {
    Client::new(session(emu, app))
}

/// A user-context client for `user`, whose token (issued by the emulator
/// without the consent dance) grants `scopes`.
pub fn user_client(
    emu: &Emulator,
    app: &Credentials,
    user: &str,
    scopes: &[&str],
) -> Client<imagen::api::scopes::DefaultScopes, UserContext> {
    client(emu, app).for_user(static_token(emu, app, user, scopes))
}

pub fn static_token(
    emu: &Emulator,
    app: &Credentials,
    user: &str,
    scopes: &[&str],
) -> Arc<dyn imagen::TokenSource> {
    let t = emu
        .issue_token_for(&app.api_key, user, scopes)
        .expect("token issued");
    Arc::new(StaticToken::new(t.access_token))
}

/// The message of a server answer behind an error.
pub fn message(e: &imagen::Error) -> String {
    e.api()
        .and_then(|a| a.message.clone())
        .unwrap_or_else(|| panic!("no server message in {e:?}"))
}

/// A plain HTTP client for the emulator's admin API and the fake browser.
pub fn http() -> imagen::reqwest::Client {
    imagen::reqwest::Client::builder()
        .redirect(imagen::reqwest::redirect::Policy::none())
        .no_proxy()
        .build()
        .expect("http client")
}

/// `POST /emulator/admin/faults` with no change: the current faults.
pub async fn faults_now(emu: &Emulator) -> serde_json::Value {
    http()
        .post(format!("{}/emulator/admin/faults", emu.base_url()))
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .expect("admin API answers")
        .json()
        .await
        .expect("admin JSON")
}

/// `GET /emulator/admin/stats`.
pub async fn stats(emu: &Emulator) -> serde_json::Value {
    http()
        .get(format!("{}/emulator/admin/stats", emu.base_url()))
        .send()
        .await
        .expect("admin API answers")
        .json()
        .await
        .expect("admin JSON")
}

/// IDs of a list of records, in answer order.
pub fn ids<'a>(records: impl IntoIterator<Item = &'a imagen::api::types::Record>) -> Vec<i64> {
    records.into_iter().map(|r| r.id).collect()
}
