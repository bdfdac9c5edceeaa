//! `examples/web_app` in a real browser: headless Chromium signs in through
//! the app and the emulator's consent page (Approve and Deny), and the app
//! refuses a callback whose `state` or pre-login cookie is wrong. Each test
//! checks the pages and the token store (the app's SQLite file, or with
//! `IMAGEN_TEST_POSTGRES_URL` also PostgreSQL through `DATABASE_URL`).
//!
//! Needs Chromium and chromedriver (`tests/support/browser.rs`): skipped
//! with a printed reason when they are missing, failing under `CI=true`.

#[path = "support/browser.rs"]
mod browser;

use std::path::PathBuf;
use std::process::Stdio;

use browser::Browser;
use imagen::oauth::{PostgresTokenStore, SqliteTokenStore, StoreKey, TokenStore};
use tokio::io::{AsyncBufReadExt as _, BufReader};
use tokio::process::{Child, Command};

/// The example's declared scopes (`imagen::scopes!(pub WebApp = ReadUsersData)`).
const SCOPES: &[&str] = &["readUsersData"];
/// The emulator's seeded users.
const USERS: &[&str] = &["zoe", "kenji", "ana"];

/// `target/debug/examples/web_app`, built by `cargo test` with the tests.
fn example() -> PathBuf {
    let mut p = std::env::current_exe().unwrap();
    p.pop(); // deps
    p.pop();
    p.push("examples");
    p.push(format!("web_app{}", std::env::consts::EXE_SUFFIX));
    p
}

/// Where the example keeps its tokens in a test.
enum Tokens {
    /// A fresh SQLite file (`--db`).
    Sqlite,
    /// The PostgreSQL database at this URL (`DATABASE_URL`). Runs do not
    /// see each other's tokens: each has its own emulator, so its own API
    /// key, which is part of every store key.
    Postgres(String),
}

/// The example running against its embedded emulator; killed on drop.
struct WebApp {
    url: String,
    /// The embedded emulator's base URL.
    emulator: String,
    api_key: String,
    store: Box<dyn TokenStore>,
    _dir: tempfile::TempDir,
    _child: Child,
}

impl WebApp {
    async fn start(tokens: Tokens) -> WebApp {
        assert!(
            example().exists(),
            "{} is missing: `cargo test` builds the examples (with `--test browser_web_app` it \
         does not: cargo build --example web_app first)",
            example().display()
        );
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("tokens.sqlite3");
        let mut command = Command::new(example());
        command
            .args(["--port", "0", "--db"])
            .arg(&db)
            // The embedded emulator, whatever the environment.
            .env_remove("IMAGEN_API_KEY")
            .env_remove("DATABASE_URL")
            .env_remove("WEB_APP_PORT")
            .env_remove("WEB_APP_TOKEN_KEY");
        if let Tokens::Postgres(url) = &tokens {
            command.env("DATABASE_URL", url);
        }
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("run the web_app example");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let (mut url, mut api_key, mut emulator, mut seen) = (None, None, None, Vec::new());
        // The banner is four lines; stop at the address or at the end.
        while let Some(line) = lines.next_line().await.unwrap() {
            if let Some(e) = line.strip_prefix("Imagen emulator at ") {
                emulator = Some(e.to_owned());
            }
            if let Some(k) = line.strip_prefix("Application key: ") {
                api_key = Some(k.to_owned());
            }
            if let Some(u) = line.strip_prefix("Web app at ") {
                url = Some(u.to_owned());
                break;
            }
            seen.push(line);
        }
        let (Some(url), Some(api_key), Some(emulator)) = (url, api_key, emulator) else {
            panic!(
                "the example did not print its address: {:?} ({:?})",
                seen,
                child.try_wait()
            );
        };
        assert!(url.starts_with("http://localhost:"), "{url}");
        // Keep draining stdout so that the example never blocks on it.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        let store: Box<dyn TokenStore> = match &tokens {
            Tokens::Sqlite => Box::new(SqliteTokenStore::open(&db).await.unwrap()),
            Tokens::Postgres(url) => Box::new(PostgresTokenStore::connect(url).await.unwrap()),
        };
        WebApp {
            url,
            emulator,
            api_key,
            store,
            _dir: dir,
            _child: child,
        }
    }

    /// The token the app stored for `user`, if any.
    async fn stored(&self, user: &str) -> Option<imagen::oauth::TokenSet> {
        self.store
            .load(&StoreKey::new(&self.api_key, user, SCOPES))
            .await
            .unwrap()
    }

    /// The users the store holds a token for.
    async fn stored_users(&self) -> Vec<&'static str> {
        let mut users = Vec::new();
        for u in USERS {
            if self.stored(u).await.is_some() {
                users.push(*u);
            }
        }
        users
    }
}

/// From the app's home page to the emulator's consent page, as `user`.
async fn to_consent_page(b: &Browser, app: &WebApp, user: &str) {
    b.goto(&app.url).await;
    let who = b.text("#who").await;
    b.check(
        who == "You are not signed in.",
        format!("home page: {who:?}"),
    )
    .await;
    b.click("#sign-in").await;
    let title = b.title().await;
    b.check(
        title == "Authorize Web app example",
        format!("expected the emulator's consent page, got the page {title:?}"),
    )
    .await;
    check_authorization_url(b, app).await;
    let select = b.wait_for("select[name=user]").await;
    if let Err(e) = select.select_by_value(user).await {
        b.fail(&format!("choose the user {user}: {e}")).await;
    }
}

/// The consent page's URL carries the exact redirect URI, a `state` and
/// a PKCE `S256` challenge.
async fn check_authorization_url(b: &Browser, app: &WebApp) {
    let url = b.current_url().await;
    let param = |name: &str| {
        url.query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    };
    let redirect = param("redirect_uri");
    b.check(
        redirect.as_deref() == Some(format!("{}callback", app.url).as_str()),
        format!("redirect_uri {redirect:?}"),
    )
    .await;
    b.check(
        param("state").is_some_and(|s| s.len() >= 32)
            && param("code_challenge").is_some_and(|c| c.len() == 43)
            && param("code_challenge_method").as_deref() == Some("S256"),
        "the authorization URL lacks a state or an S256 PKCE challenge",
    )
    .await;
}

/// The session cookie, if the browser holds one for the app.
async fn session_cookie(b: &Browser) -> Option<browser::Cookie<'static>> {
    b.cookies()
        .await
        .into_iter()
        .find(|c| c.name() == "imagen_session")
}

/// A cookie's attributes, without its value (a session id is a secret).
fn attributes(c: &browser::Cookie<'_>) -> String {
    format!(
        "{} (HttpOnly: {:?}, SameSite: {:?}, Secure: {:?}, Path: {:?})",
        c.name(),
        c.http_only(),
        c.same_site(),
        c.secure(),
        c.path()
    )
}

#[tokio::test]
async fn approve_signs_in_and_the_pages_show_the_users_own_data() {
    let Some(b) = Browser::start("approve_signs_in").await else {
        return;
    };
    let app = WebApp::start(Tokens::Sqlite).await;
    approve_and_sign_out(&b, &app).await;
    b.close().await;
}

/// The same with the tokens in PostgreSQL (`IMAGEN_TEST_POSTGRES_URL`, as
/// for the store's own tests: required under `CI=true`, else skipped).
#[tokio::test]
async fn approve_with_the_tokens_in_postgres() {
    let url = match std::env::var("IMAGEN_TEST_POSTGRES_URL") {
        Ok(u) if !u.is_empty() => u,
        _ => {
            assert!(
                !browser::in_ci(),
                "IMAGEN_TEST_POSTGRES_URL is not set, and CI=true: this test needs a \
                 PostgreSQL server (see .ci/run)"
            );
            eprintln!(
                "skipping approve_with_the_tokens_in_postgres: IMAGEN_TEST_POSTGRES_URL is not set"
            );
            return;
        }
    };
    let Some(b) = Browser::start("approve_postgres").await else {
        return;
    };
    let app = WebApp::start(Tokens::Postgres(url)).await;
    approve_and_sign_out(&b, &app).await;
    b.close().await;
}

/// Approve as kenji: the pages show kenji's data fetched with kenji's
/// token, the cookie is `HttpOnly`, the token is stored; sign-out revokes
/// and deletes it.
async fn approve_and_sign_out(b: &Browser, app: &WebApp) {
    to_consent_page(b, app, "kenji").await;
    b.click("button[value=approve]").await;

    // Back on the app, signed in as the user chosen on the consent page.
    let user = b.text("#user").await;
    b.check(user == "kenji", format!("signed in as {user:?}"))
        .await;
    let url = b.current_url().await;
    b.check(
        url.path() == "/",
        format!("after the callback: {}", browser::without_values(&url)),
    )
    .await;
    let Some(cookie) = session_cookie(b).await else {
        b.fail("no session cookie after signing in").await
    };
    b.check(
        cookie.http_only() == Some(true),
        format!(
            "the session cookie is not HttpOnly: {}",
            attributes(&cookie)
        ),
    )
    .await;
    b.check(
        cookie.same_site() == Some(cookie::SameSite::Lax),
        format!(
            "the session cookie is not SameSite=Lax: {}",
            attributes(&cookie)
        ),
    )
    .await;
    b.check(
        cookie.value().len() == 64,
        format!(
            "the session id is not 32 random bytes: {} characters",
            cookie.value().len()
        ),
    )
    .await;
    let script = b
        .client()
        .execute("return document.cookie", Vec::new())
        .await
        .unwrap();
    b.check(
        !script.to_string().contains("imagen_session"),
        "page scripts can read the session cookie",
    )
    .await;

    // The token is in the store, under kenji only.
    let stored = app.stored_users().await;
    b.check(stored == ["kenji"], format!("tokens stored for {stored:?}"))
        .await;
    let token = app.stored("kenji").await.unwrap();
    b.check(
        token.scopes() == SCOPES && token.refresh_token().is_some(),
        format!("stored token: {token:?}"),
    )
    .await;

    // The profile comes from Imagen, asked with kenji's token.
    b.click("#profile").await;
    let (name, email, id) = (
        b.text("#username").await,
        b.text("#email").await,
        b.text("#user-id").await,
    );
    b.check(
        (name.as_str(), email.as_str(), id.as_str()) == ("kenji", "kenji@example.invalid", "2"),
        format!("profile: {name:?}, {email:?}, user {id:?}"),
    )
    .await;
    let rights = b.text("#rights").await;
    b.check(
        rights.contains("Add to basket") && !rights.contains("Developer access"),
        format!("kenji's rights, not zoe's: {rights:?}"),
    )
    .await;

    // An ImagenWeb search as kenji.
    b.goto(&format!("{}records", app.url)).await;
    let hits = b.text("#hits").await;
    b.check(
        hits.ends_with("searched as user 2") && !hits.starts_with("0 "),
        format!("search: {hits:?}"),
    )
    .await;
    let found = b.text("#found").await;
    b.check(
        found.contains("Harbour timelapse"),
        format!("records: {found:?}"),
    )
    .await;

    // Signing out revokes and deletes the token and ends the session.
    b.goto(&app.url).await;
    b.click("#logout").await;
    b.wait_for_text("#who", "You are not signed in.").await;
    let stored = app.stored_users().await;
    b.check(
        stored.is_empty(),
        format!("tokens left after sign-out: {stored:?}"),
    )
    .await;
    b.goto(&format!("{}profile", app.url)).await;
    let title = b.text("#title").await;
    b.check(
        title == "Not signed in",
        format!("profile after sign-out: {title:?}"),
    )
    .await;

    // Signed in again, then the grant ends behind the app's back (revoked
    // at Imagen): the next page says so, ends the session and forgets the
    // dead token instead of failing obscurely.
    to_consent_page(b, app, "kenji").await;
    b.click("button[value=approve]").await;
    b.wait_for_text("#user", "kenji").await;
    let token = app.stored("kenji").await.unwrap();
    let refresh = token.refresh_token().unwrap().secret().to_owned();
    let revoked = reqwest::Client::new()
        .post(format!("{}/oauth/revoke", app.emulator))
        .form(&[("token", refresh.as_str())])
        .send()
        .await
        .unwrap();
    assert!(
        revoked.status().is_success(),
        "revoke: {}",
        revoked.status()
    );
    b.goto(&format!("{}profile", app.url)).await;
    let title = b.text("#title").await;
    b.check(
        title == "Please sign in again",
        format!("profile with a revoked grant: {title:?}"),
    )
    .await;
    let stored = app.stored_users().await;
    b.check(
        stored.is_empty(),
        format!("dead tokens kept for {stored:?}"),
    )
    .await;
    b.goto(&app.url).await;
    b.wait_for_text("#who", "You are not signed in.").await;
}

#[tokio::test]
async fn deny_shows_the_denial_and_stores_nothing() {
    let Some(b) = Browser::start("deny_stores_nothing").await else {
        return;
    };
    let app = WebApp::start(Tokens::Sqlite).await;
    // Started from http://127.0.0.1:…/login: the app first moves the
    // browser to the redirect URI's host, or the pre-login cookie would not
    // come back with the callback (and the denial page below would be
    // "Sign-in not recognised").
    let loopback_ip = app.url.replace("//localhost:", "//127.0.0.1:");
    b.goto(&format!("{loopback_ip}login")).await;
    let title = b.title().await;
    b.check(
        title == "Authorize Web app example",
        format!("expected the emulator's consent page, got the page {title:?}"),
    )
    .await;
    check_authorization_url(&b, &app).await;
    b.click("button[value=deny]").await;

    let title = b.text("#title").await;
    b.check(title == "Access denied", format!("after Deny: {title:?}"))
        .await;
    let message = b.text("#error").await;
    b.check(
        message.contains("You declined") && message.contains("nothing was stored"),
        format!("denial page: {message:?}"),
    )
    .await;
    let url = b.current_url().await;
    b.check(
        url.path() == "/callback",
        format!("denial shown at {}", browser::without_values(&url)),
    )
    .await;
    b.check(
        session_cookie(&b).await.is_none(),
        "a session cookie after Deny",
    )
    .await;
    let stored = app.stored_users().await;
    b.check(
        stored.is_empty(),
        format!("tokens stored after Deny: {stored:?}"),
    )
    .await;
    b.goto(&app.url).await;
    let who = b.text("#who").await;
    b.check(
        who == "You are not signed in.",
        format!("home after Deny: {who:?}"),
    )
    .await;
    b.close().await;
}

/// Changes (or with `None` removes) the consent form's hidden `state`
/// before it is posted: what an attacker's forged callback looks like.
async fn set_state(b: &Browser, state: Option<&str>) {
    let script = match state {
        Some(_) => "document.querySelector('input[name=state]').value = arguments[0]; return 1",
        None => "document.querySelector('input[name=state]').remove(); return 1",
    };
    let args = state.map(|s| vec![s.into()]).unwrap_or_default();
    if let Err(e) = b.client().execute(script, args).await {
        b.fail(&format!("change the consent form's state: {e}"))
            .await;
    }
}

#[tokio::test]
async fn a_tampered_or_missing_state_or_pre_login_cookie_is_refused() {
    let Some(b) = Browser::start("tampered_state_refused").await else {
        return;
    };
    let app = WebApp::start(Tokens::Sqlite).await;

    for (state, case) in [
        (Some("tampered"), "tampered state"),
        (None, "missing state"),
    ] {
        to_consent_page(&b, &app, "zoe").await;
        set_state(&b, state).await;
        b.click("button[value=approve]").await;
        let title = b.text("#title").await;
        b.check(title == "Sign-in refused", format!("{case}: {title:?}"))
            .await;
        let message = b.text("#error").await;
        b.check(
            message.contains("does not carry the state"),
            format!("{case}: {message:?}"),
        )
        .await;
        b.check(
            session_cookie(&b).await.is_none(),
            format!("{case}: a session cookie"),
        )
        .await;
        let stored = app.stored_users().await;
        b.check(
            stored.is_empty(),
            format!("{case}: tokens stored for {stored:?}"),
        )
        .await;
    }

    // A callback this browser did not start (no pre-login cookie) is
    // refused before its code is looked at.
    b.goto(&format!("{}callback?code=0123abcd&state=xyz", app.url))
        .await;
    let title = b.text("#title").await;
    b.check(
        title == "Sign-in not recognised",
        format!("callback without a pre-login cookie: {title:?}"),
    )
    .await;
    let stored = app.stored_users().await;
    b.check(stored.is_empty(), format!("tokens stored for {stored:?}"))
        .await;
    b.close().await;
}
