//! Authorization flows: localhost listener, out-of-band, web callback,
//! implicit grant, and their failures.
//!
//! Against the emulator where it plays the authorization server (`Emu`).
//! The in-test server (`Server`) remains for the tests that inspect what
//! arrived at it or need an answer the emulator does not give:
//! `localhost_flow_with_fake_browser` and
//! `web_flow_from_callback_query_string` (the recorded authorize query and
//! client authentication method), `scopes_not_granted_names_them` (a
//! partial grant), `scope_omitted_means_requested` (no `scope` in the
//! answer), `configurable_token_path`, and
//! `no_secrets_in_tracing_output` (rotated refresh tokens and the recorded
//! `state`).

use imagen_runtime::api::HostUrls as _;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use imagen_runtime::oauth::{
    ClientAuth, Grant, InstalledFlow, OAuthConfig, OAuthError, OOB, OOB_AUTO,
};
use url::Url;

use imagen_emulator::Consent;

use super::{
    Emu, EmuApp, FakeBrowser, KEY, Options, Permits, PreBound, SCOPES, SECRET, ScriptedPaste,
    Server,
};

/// The registered redirect URI of the emulator's web application.
const WEB_REDIRECT: &str = "https://app.example/oauth/callback";

fn emu_installed(emu: &Emu, redirect: &str) -> OAuthConfig {
    OAuthConfig::installed(&emu.base, &emu.key, &emu.secret, redirect)
        .build()
        .unwrap()
}

fn emu_web(emu: &Emu) -> OAuthConfig {
    OAuthConfig::web(&emu.base, &emu.key, &emu.secret, WEB_REDIRECT)
        .build()
        .unwrap()
}

fn installed(server: &Server, redirect: &str) -> OAuthConfig {
    OAuthConfig::installed(&server.base, KEY, SECRET, redirect)
        .build()
        .unwrap()
}

fn query_of(url: &Url) -> HashMap<String, String> {
    url.query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

async fn call_user(server: &Server, token: &str) -> u16 {
    reqwest::Client::new()
        .get(format!("{}/imcc/v1/user", server.base))
        .header("X-Imagen-API-Key", KEY)
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn localhost_flow_with_fake_browser() {
    let server = Server::start(Options::default()).await;
    let listener = PreBound::bind();
    let redirect = listener.redirect("");
    let browser = FakeBrowser::following();
    let flow = listener
        .hand_to(InstalledFlow::new(installed(&server, &redirect)))
        .browser(browser.clone())
        .timeout(Duration::from_secs(20));

    let token = flow.authorize(SCOPES).await.unwrap();

    assert_eq!(token.scopes(), SCOPES);
    assert!(token.refresh_token().is_some());
    assert!(token.expires_at().is_some());
    assert_eq!(call_user(&server, token.access_token().secret()).await, 200);

    // What went over the wire.
    let q = server.last_authorize();
    assert_eq!(q["client_id"], KEY);
    assert_eq!(q["redirect_uri"], redirect, "sent exactly as registered");
    assert_eq!(q["response_type"], "code");
    assert_eq!(q["scope"], "readUsersData modifyUsersData");
    assert_eq!(q["code_challenge_method"], "S256");
    assert!(q["state"].len() >= 32);
    assert_eq!(server.seen_auth(), vec![super::server::SeenAuth::Basic]);

    // The browser got a short UTF-8 page (once it has read it: the flow
    // may return first).
    let v = &browser.visits(1).await[0];
    assert_eq!(v.consent_status, 302);
    assert_eq!(v.callback_status, Some(200));
    assert_eq!(
        v.callback_content_type.as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert!(
        v.callback_page
            .as_deref()
            .unwrap()
            .contains("close this window")
    );

    // The listener is gone.
    assert!(listener.closed());
}

#[tokio::test]
async fn localhost_ignores_wrong_path_and_wrong_state_then_completes() {
    let server = Emu::approving(EmuApp::Installed).await;
    // The detours use "/" which is the wrong path for `/cb`.
    let statuses = localhost_flow_with_detours(
        &server,
        &[
            "/favicon.ico",
            "/?code=forged&state=not-the-state",
            "/?code=forged",
        ],
    )
    .await;
    assert_eq!(statuses, vec![404, 404, 404]);

    // Same with the right path: wrong or missing state answers 400.
    let statuses = localhost_flow_with_detours(
        &server,
        &["/cb?code=forged&state=nope", "/cb?code=forged", "/other"],
    )
    .await;
    assert_eq!(statuses, vec![400, 400, 404]);
}

/// Runs the localhost flow with redirect `http://localhost:<port>/cb`,
/// the browser first requesting `detours` on the listener; the flow must
/// still complete with a token the emulator accepts. Returns the statuses
/// the detours got.
async fn localhost_flow_with_detours(server: &Emu, detours: &[&str]) -> Vec<u16> {
    let listener = PreBound::bind();
    let browser = FakeBrowser {
        detours: detours.iter().map(|d| d.to_string()).collect(),
        ..FakeBrowser::following()
    };
    let flow = listener
        .hand_to(InstalledFlow::new(emu_installed(
            server,
            &listener.redirect("/cb"),
        )))
        .browser(browser.clone())
        .timeout(Duration::from_secs(20));
    let token = flow.authorize(SCOPES).await.unwrap();
    assert_eq!(server.call_user(token.access_token().secret()).await, 200);
    browser.detour_statuses.lock().unwrap().clone()
}

#[tokio::test]
async fn localhost_times_out_without_a_callback() {
    let server = Emu::approving(EmuApp::Installed).await;
    let listener = PreBound::bind();
    let flow = listener
        .hand_to(InstalledFlow::new(emu_installed(
            &server,
            &listener.redirect(""),
        )))
        .browser(FakeBrowser::default()) // looks at the page, never comes back
        .timeout(Duration::from_millis(300));
    let err = flow.authorize(SCOPES).await.unwrap_err();
    match &err {
        OAuthError::Timeout(after) => assert_eq!(*after, Duration::from_millis(300)),
        other => panic!("{other:?}"),
    }
    assert!(
        listener.closed(),
        "the listener is closed after the timeout"
    );
}

#[tokio::test]
async fn localhost_access_denied() {
    let server = Emu::start(EmuApp::Installed, Consent::Deny, Duration::from_secs(60)).await;
    let listener = PreBound::bind();
    let browser = FakeBrowser::following();
    let flow = listener
        .hand_to(InstalledFlow::new(emu_installed(
            &server,
            &listener.redirect(""),
        )))
        .browser(browser.clone())
        .timeout(Duration::from_secs(20));
    let err = flow.authorize(SCOPES).await.unwrap_err();
    match &err {
        OAuthError::AccessDenied { description } => {
            assert_eq!(description.as_deref(), Some("The user denied the request."))
        }
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("denied"));
    assert_eq!(server.token_requests(), 0);
}

#[tokio::test]
async fn port_taken_is_explained() {
    let server = Emu::approving(EmuApp::Installed).await;
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let flow = InstalledFlow::new(emu_installed(&server, &format!("http://localhost:{port}")))
        .browser(FakeBrowser::default());
    let err = flow.authorize(SCOPES).await.unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, OAuthError::Listener { .. }), "{err:?}");
    assert!(msg.contains(&format!("already uses port {port}")), "{msg}");
    assert!(msg.contains("urn:ietf:wg:oauth:2.0:oob"), "{msg}");
}

/// Tests run as root here, where binding port 80 cannot fail with EACCES;
/// the permission error is injected through the bind seam instead.
#[tokio::test]
async fn port_80_without_permission_is_explained() {
    let server = Emu::approving(EmuApp::Installed).await;
    let seen = Arc::new(Mutex::new(None));
    let seen2 = seen.clone();
    let flow = InstalledFlow::new(emu_installed(&server, "http://localhost"))
        .browser(FakeBrowser::default())
        .bind_with(move |addr| {
            *seen2.lock().unwrap() = Some(addr);
            Err(std::io::Error::from(std::io::ErrorKind::PermissionDenied))
        });
    let err = flow.authorize(SCOPES).await.unwrap_err();
    let msg = err.to_string();
    assert_eq!(
        seen.lock().unwrap().unwrap().to_string(),
        "127.0.0.1:80",
        "loopback, port 80"
    );
    assert!(msg.contains("permission denied"), "{msg}");
    assert!(msg.contains("http://localhost:8080"), "{msg}");
    assert!(msg.contains("urn:ietf:wg:oauth:2.0:oob"), "{msg}");
}

#[tokio::test]
async fn oob_flow_with_scripted_paste() {
    let server = Emu::approving(EmuApp::Installed).await;
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let browser = FakeBrowser {
        titles: Some(tx),
        ..FakeBrowser::default()
    };
    let shown = Arc::new(Mutex::new(None));
    // The user copies the code from the page ("Success code=XYZ" → "XYZ").
    let paste = ScriptedPaste {
        rx: tokio::sync::Mutex::new(rx),
        transform: |title| format!("  {}\n", title.trim_start_matches("Success code=")),
        shown: shown.clone(),
    };
    let flow = InstalledFlow::new(emu_installed(&server, OOB))
        .browser(browser)
        .receiver(paste)
        .timeout(Duration::from_secs(20));
    let token = flow.authorize(SCOPES).await.unwrap();
    assert_eq!(server.call_user(token.access_token().secret()).await, 200);
    let shown = shown.lock().unwrap().clone().unwrap();
    assert!(
        shown.contains("redirect_uri=urn%3Aietf%3Awg%3Aoauth%3A2.0%3Aoob"),
        "{shown}"
    );
}

#[tokio::test]
async fn oob_auto_reads_the_window_title() {
    let server = Emu::approving(EmuApp::Installed).await;
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let browser = FakeBrowser {
        titles: Some(tx),
        ..FakeBrowser::default()
    };
    let paste = ScriptedPaste {
        rx: tokio::sync::Mutex::new(rx),
        transform: |title| title, // the whole title, as a desktop app reads it
        shown: Arc::default(),
    };
    let flow = InstalledFlow::new(emu_installed(&server, OOB_AUTO))
        .browser(browser)
        .receiver(paste)
        .timeout(Duration::from_secs(20));
    let token = flow.authorize(SCOPES).await.unwrap();
    assert_eq!(server.call_user(token.access_token().secret()).await, 200);
}

#[tokio::test]
async fn oob_denied_title() {
    let server = Emu::start(EmuApp::Installed, Consent::Deny, Duration::from_secs(60)).await;
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let flow = InstalledFlow::new(emu_installed(&server, OOB_AUTO))
        .browser(FakeBrowser {
            titles: Some(tx),
            ..FakeBrowser::default()
        })
        .receiver(ScriptedPaste {
            rx: tokio::sync::Mutex::new(rx),
            transform: |t| t,
            shown: Arc::default(),
        })
        .timeout(Duration::from_secs(20));
    let err = flow.authorize(SCOPES).await.unwrap_err();
    assert!(matches!(err, OAuthError::AccessDenied { .. }), "{err:?}");
}

#[tokio::test]
async fn implicit_grant_oob_like_the_vendor_example() {
    let server = Emu::approving(EmuApp::Installed).await;
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let config = OAuthConfig::installed(&server.base, &server.key, &server.secret, OOB)
        .grant(Grant::Implicit)
        .build()
        .unwrap();
    let request = config.authorization_request(SCOPES);
    let q = query_of(request.url());
    assert_eq!(q["response_type"], "token");
    assert!(
        !q.contains_key("code_challenge"),
        "no PKCE on the implicit grant"
    );
    let flow = InstalledFlow::new(config)
        .browser(FakeBrowser {
            titles: Some(tx),
            ..FakeBrowser::default()
        })
        .receiver(ScriptedPaste {
            rx: tokio::sync::Mutex::new(rx),
            transform: |t| t,
            shown: Arc::default(),
        })
        .timeout(Duration::from_secs(20));
    let token = flow.authorize(SCOPES).await.unwrap();
    assert!(token.refresh_token().is_none());
    assert_eq!(token.scopes(), SCOPES);
    assert_eq!(server.call_user(token.access_token().secret()).await, 200);
    assert_eq!(server.token_requests(), 0);
}

fn web(server: &Server) -> OAuthConfig {
    OAuthConfig::web(
        &server.base,
        KEY,
        SECRET,
        "https://app.example/oauth/callback",
    )
    .build()
    .unwrap()
}

/// The consent step of a Web application: the browser follows the consent
/// URL, the server redirects to the https callback, which we capture.
async fn consent(url: &Url) -> Url {
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let resp = http.get(url.clone()).send().await.unwrap();
    assert_eq!(resp.status(), 302);
    Url::parse(resp.headers()["location"].to_str().unwrap()).unwrap()
}

#[tokio::test]
async fn web_flow_from_callback_query_string() {
    let server = Server::start(Options::default()).await;
    let config = web(&server);
    let request = config.authorization_request(SCOPES);
    // A web app keeps the request server-side between redirect and callback.
    let kept = serde_json::to_string(&request).unwrap();
    let callback = consent(request.url()).await;
    assert_eq!(callback.host_str(), Some("app.example"));
    let request = serde_json::from_str(&kept).unwrap();
    let token = config
        .complete(request, callback.query().unwrap())
        .await
        .unwrap();
    assert_eq!(call_user(&server, token.access_token().secret()).await, 200);

    // The whole callback URL works as well, and form-field client auth.
    let config = OAuthConfig::web(
        &server.base,
        KEY,
        SECRET,
        "https://app.example/oauth/callback",
    )
    .client_auth(ClientAuth::RequestBody)
    .build()
    .unwrap();
    let request = config.authorization_request(SCOPES);
    let callback = consent(request.url()).await;
    let token = config.complete(request, callback.as_str()).await.unwrap();
    assert_eq!(call_user(&server, token.access_token().secret()).await, 200);
    assert_eq!(
        server.seen_auth(),
        vec![
            super::server::SeenAuth::Basic,
            super::server::SeenAuth::Body
        ]
    );
}

#[tokio::test]
async fn wrong_state_rejected() {
    let server = Emu::approving(EmuApp::Web(WEB_REDIRECT)).await;
    let config = emu_web(&server);
    let first = config.authorization_request(SCOPES);
    let second = config.authorization_request(SCOPES);
    let callback = consent(first.url()).await;
    // Completing with the other attempt's request: the states differ.
    let err = config
        .complete(second, callback.query().unwrap())
        .await
        .unwrap_err();
    assert!(matches!(err, OAuthError::StateMismatch), "{err:?}");
    // No state at all: refused too.
    let code_only: String = callback
        .query_pairs()
        .filter(|(k, _)| k == "code")
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    let err = config.complete(first, &code_only).await.unwrap_err();
    assert!(matches!(err, OAuthError::StateMismatch), "{err:?}");
    assert_eq!(server.token_requests(), 0);
}

#[tokio::test]
async fn web_access_denied_and_other_errors() {
    let server = Emu::start(
        EmuApp::Web(WEB_REDIRECT),
        Consent::Deny,
        Duration::from_secs(60),
    )
    .await;
    let config = emu_web(&server);
    let request = config.authorization_request(SCOPES);
    let callback = consent(request.url()).await;
    let err = config
        .complete(request, callback.as_str())
        .await
        .unwrap_err();
    assert!(matches!(err, OAuthError::AccessDenied { .. }), "{err:?}");

    let request = config.authorization_request(SCOPES);
    let state = super::state_of(&request);
    let q = format!("error=invalid_scope&error_description=No+such+scope&state={state}");
    let err = config.complete(request, &q).await.unwrap_err();
    match err {
        OAuthError::AuthorizationFailed { error, description } => {
            assert_eq!(error, "invalid_scope");
            assert_eq!(description.as_deref(), Some("No such scope"));
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn expired_code() {
    let server = Emu::start(EmuApp::Web(WEB_REDIRECT), Consent::Approve, Duration::ZERO).await;
    let config = emu_web(&server);
    let request = config.authorization_request(SCOPES);
    let callback = consent(request.url()).await;
    tokio::time::sleep(Duration::from_millis(5)).await;
    let err = config
        .complete(request, callback.as_str())
        .await
        .unwrap_err();
    match &err {
        OAuthError::InvalidGrant { description } => {
            assert_eq!(
                description.as_deref(),
                Some("The authorization code has expired.")
            )
        }
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("start the authorization again"));
}

#[tokio::test]
async fn code_used_twice_and_wrong_pkce() {
    let server = Emu::approving(EmuApp::Web(WEB_REDIRECT)).await;
    let config = emu_web(&server);
    let request = config.authorization_request(SCOPES);
    let kept = serde_json::to_string(&request).unwrap();
    let callback = consent(request.url()).await;
    config.complete(request, callback.as_str()).await.unwrap();
    let again = serde_json::from_str(&kept).unwrap();
    let err = config.complete(again, callback.as_str()).await.unwrap_err();
    assert!(matches!(err, OAuthError::InvalidGrant { .. }), "{err:?}");

    // A verifier that doesn't match the challenge: the server refuses.
    let request = config.authorization_request(SCOPES);
    let mut kept: serde_json::Value = serde_json::to_value(&request).unwrap();
    kept["pkce_verifier"] = serde_json::json!("x".repeat(43));
    let callback = consent(request.url()).await;
    let tampered = serde_json::from_value(kept).unwrap();
    let err = config
        .complete(tampered, callback.as_str())
        .await
        .unwrap_err();
    assert!(matches!(err, OAuthError::InvalidGrant { .. }), "{err:?}");
}

#[tokio::test]
async fn pkce_can_be_switched_off() {
    let server = Emu::approving(EmuApp::Web("https://app.example/cb")).await;
    let config = OAuthConfig::web(
        &server.base,
        &server.key,
        &server.secret,
        "https://app.example/cb",
    )
    .pkce(false)
    .build()
    .unwrap();
    let request = config.authorization_request(SCOPES);
    assert!(!query_of(request.url()).contains_key("code_challenge"));
    let callback = consent(request.url()).await;
    config.complete(request, callback.as_str()).await.unwrap();
}

#[tokio::test]
async fn implicit_grant_web_fragment() {
    let server = Emu::approving(EmuApp::Web("https://app.example/cb")).await;
    let config = OAuthConfig::web(
        &server.base,
        &server.key,
        &server.secret,
        "https://app.example/cb",
    )
    .grant(Grant::Implicit)
    .build()
    .unwrap();
    let request = config.authorization_request(SCOPES);
    let callback = consent(request.url()).await;
    assert!(callback.fragment().unwrap().contains("access_token="));
    // The page's script hands over the fragment, or the whole URL.
    let token = config
        .complete(request, &format!("#{}", callback.fragment().unwrap()))
        .await
        .unwrap();
    assert_eq!(server.call_user(token.access_token().secret()).await, 200);
    assert!(token.expires_at().is_some());
}

#[tokio::test]
async fn scopes_not_granted_names_them() {
    let server = Server::start(Options {
        grant_only: Some(vec!["readUsersData".into()]),
        ..Options::default()
    })
    .await;
    let config = web(&server);
    let request = config.authorization_request(SCOPES);
    let callback = consent(request.url()).await;
    let err = config
        .complete(request, callback.as_str())
        .await
        .unwrap_err();
    match &err {
        OAuthError::ScopesNotGranted { missing, .. } => assert_eq!(missing, &["modifyUsersData"]),
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("modifyUsersData"));
}

#[tokio::test]
async fn scope_omitted_means_requested() {
    let server = Server::start(Options {
        omit_scope: true,
        ..Options::default()
    })
    .await;
    let config = web(&server);
    let request = config.authorization_request(SCOPES);
    let callback = consent(request.url()).await;
    let token = config.complete(request, callback.as_str()).await.unwrap();
    assert_eq!(token.scopes(), SCOPES);
}

#[tokio::test]
async fn wrong_secret_is_invalid_client() {
    let server = Emu::approving(EmuApp::Web("https://app.example/cb")).await;
    let config = OAuthConfig::web(&server.base, &server.key, "wrong", "https://app.example/cb")
        .build()
        .unwrap();
    let request = config.authorization_request(SCOPES);
    let callback = consent(request.url()).await;
    let err = config
        .complete(request, callback.as_str())
        .await
        .unwrap_err();
    match err {
        OAuthError::TokenEndpoint { error, .. } => assert_eq!(error, "invalid_client"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn configurable_token_path() {
    let server = Server::start(Options::default()).await;
    let config = OAuthConfig::web(&server.base, KEY, SECRET, "https://app.example/cb")
        .token_path("/custom/token")
        .build()
        .unwrap();
    let request = config.authorization_request(SCOPES);
    let callback = consent(request.url()).await;
    config.complete(request, callback.as_str()).await.unwrap();
}

#[test]
fn non_https_web_redirect_refused() {
    for bad in [
        "http://app.example/cb",
        "http://localhost:8080",
        OOB,
        "com.example.app:/cb",
    ] {
        let err = OAuthConfig::web("https://imagen.example", KEY, SECRET, bad)
            .build()
            .unwrap_err();
        let msg = err.to_string();
        assert!(matches!(err, OAuthError::Config(_)), "{bad}: {err:?}");
        assert!(msg.contains("must be an https:// URL"), "{bad}: {msg}");
    }
    assert!(
        OAuthConfig::web(
            "https://imagen.example",
            KEY,
            SECRET,
            "https://app.example/cb"
        )
        .build()
        .is_ok()
    );
}

#[test]
fn installed_redirects_classified() {
    use imagen_runtime::oauth::Redirect;
    let c = |r: &str| OAuthConfig::installed("https://imagen.example", KEY, SECRET, r).build();
    assert_eq!(
        *c("http://localhost").unwrap().redirect(),
        Redirect::Localhost {
            port: 80,
            path: "/".into()
        }
    );
    assert_eq!(
        *c("http://localhost:8080/cb").unwrap().redirect(),
        Redirect::Localhost {
            port: 8080,
            path: "/cb".into()
        }
    );
    assert_eq!(*c(OOB).unwrap().redirect(), Redirect::Oob);
    assert_eq!(*c(OOB_AUTO).unwrap().redirect(), Redirect::OobAuto);
    assert!(matches!(
        c("com.example.app:/cb").unwrap().redirect(),
        Redirect::CustomScheme(_)
    ));
    for bad in [
        "http://example.com/cb",
        "http://127.0.0.1:8080",
        "https://app.example/cb",
        "urn:other",
        "not a uri",
        "http://localhost#x",
    ] {
        assert!(matches!(c(bad), Err(OAuthError::Config(_))), "{bad}");
    }
    assert_eq!(
        c("http://localhost").unwrap().redirect_uri(),
        "http://localhost"
    );
    let e = OAuthConfig::installed("not a url", KEY, SECRET, OOB)
        .build()
        .unwrap_err();
    assert!(e.to_string().contains("OAuth host"), "{e}");
    let e = OAuthConfig::installed("https://imagen.example", KEY, SECRET, OOB)
        .token_path("token")
        .build()
        .unwrap_err();
    assert!(e.to_string().contains("must start with `/`"), "{e}");
}

#[tokio::test]
async fn custom_scheme_callback_url_is_completed() {
    let server = Emu::approving(EmuApp::Custom("com.example.app:/oauth")).await;
    let config = emu_installed(&server, "com.example.app:/oauth");
    let request = config.authorization_request(SCOPES);
    let callback = consent(request.url()).await;
    assert_eq!(callback.scheme(), "com.example.app");
    // The OS hands this URL to the app, which hands it to `complete`.
    let token = config.complete(request, callback.as_str()).await.unwrap();
    assert_eq!(server.call_user(token.access_token().secret()).await, 200);
}

#[test]
fn secrets_never_in_debug() {
    let config = OAuthConfig::web(
        "https://imagen.example",
        KEY,
        "super-secret-value",
        "https://app.example/cb",
    )
    .build()
    .unwrap();
    let request = config.authorization_request(SCOPES);
    let state = super::state_of(&request);
    let dbg = format!("{config:?} {request:?}");
    assert!(!dbg.contains("super-secret-value"), "{dbg}");
    assert!(!dbg.contains(&state), "{dbg}");
    let json = serde_json::to_value(&request).unwrap();
    let verifier = json["pkce_verifier"].as_str().unwrap().to_owned();
    assert!(!dbg.contains(&verifier));
    let token =
        imagen_runtime::oauth::TokenSet::new("AT-secret", Some("RT-secret".into()), None, vec![]);
    let dbg = format!("{token:?}");
    assert!(
        !dbg.contains("AT-secret") && !dbg.contains("RT-secret"),
        "{dbg}"
    );
}

#[derive(Clone, Default)]
struct LogBuffer(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for LogBuffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The runtime's own `tracing` output (all levels) during a whole flow,
/// a refresh and a revoked refresh holds no token, code, state or secret.
#[tokio::test]
async fn no_secrets_in_tracing_output() {
    use imagen_runtime::oauth::{MemoryTokenStore, RefreshingTokenSource, StoreKey};
    use tracing_subscriber::layer::SubscriberExt;

    let buffer = LogBuffer::default();
    let writer = buffer.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_max_level(tracing::Level::TRACE)
        .finish()
        .with(
            tracing_subscriber::filter::Targets::new()
                .with_target("imagen_runtime", tracing::Level::TRACE),
        );
    let _guard = tracing::subscriber::set_default(subscriber);
    // tracing-core caches each callsite's interest once, process-wide, and
    // while a single dispatcher exists it asks the *registering* thread's
    // default (tokio-rs/tracing#3611): another test's thread reaching a
    // callsite first would switch it off for this one (seen with
    // --test-threads=4). With a second live dispatcher, every registered
    // dispatcher is asked, this test's capture included.
    let _second = tracing::Dispatch::new(tracing::subscriber::NoSubscriber::default());

    let server = Server::start(Options {
        rotate: true,
        ..Options::default()
    })
    .await;
    let listener = PreBound::bind();
    let browser = FakeBrowser::following();
    let config = installed(&server, &listener.redirect(""));
    let flow = listener
        .hand_to(InstalledFlow::new(config.clone()))
        .browser(browser.clone())
        .timeout(Duration::from_secs(20));
    let first = flow.authorize(SCOPES).await.unwrap();
    let state = server.last_authorize()["state"].clone();
    let location = browser.visits(1).await[0].location.clone().unwrap();
    let code: String = Url::parse(&location)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "code")
        .unwrap()
        .1
        .into();

    let source = RefreshingTokenSource::new(
        config,
        Arc::new(MemoryTokenStore::new()),
        StoreKey::new(KEY, "u", SCOPES),
    );
    source.set_token(first.clone()).await.unwrap();
    let second = source.replace(first.access_token()).await.unwrap();
    server.revoke_all();
    let _ = source.replace(second.access_token()).await.unwrap_err();

    let log = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
    assert!(log.contains("authorization code exchanged"), "{log}");
    assert!(log.contains("refreshing the access token"), "{log}");
    for secret in [
        first.access_token().secret(),
        first.refresh_token().unwrap().secret(),
        second.access_token().secret(),
        second.refresh_token().unwrap().secret(),
        &code,
        &state,
        SECRET,
    ] {
        assert!(!log.contains(secret), "{secret} in {log}");
    }
}

#[test]
fn config_from_session() {
    use imagen_runtime::Session;
    use imagen_runtime::oauth::AppKind;
    let session = Session::builder()
        .api_key(KEY)
        .api_secret(SECRET)
        .web_url("https://imagen.example")
        .build()
        .unwrap();
    let config = OAuthConfig::from_session(&session, AppKind::Installed, OOB)
        .build()
        .unwrap();
    assert_eq!(config.api_key(), KEY);
    let url = config.authorization_request(SCOPES).url().clone();
    assert_eq!(url.host_str(), Some("imagen.example"));
    assert_eq!(url.path(), "/oauth/authorize");

    let no_web = Session::builder()
        .api_key(KEY)
        .api_secret(SECRET)
        .build()
        .unwrap();
    let err = OAuthConfig::from_session(&no_web, AppKind::Web, "https://app.example/cb")
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("IMAGEN_WEB_URL"), "{err}");
}

/// Garbage where a callback is expected gives an error, never a panic, and
/// never reaches the token endpoint.
#[tokio::test]
async fn garbage_callbacks_are_errors() {
    let server = Emu::approving(EmuApp::Web(WEB_REDIRECT)).await;
    let config = emu_web(&server);
    for junk in [
        "",
        "?",
        "#",
        "%%%&&==?#",
        "state",
        "code=&state=",
        "https://app.example/cb?state=%ZZ&code=%FF",
        "\u{0}\u{fffd}ü=ö&&&",
        &"a=b&".repeat(10_000),
    ] {
        let request = config.authorization_request(SCOPES);
        assert!(config.complete(request, junk).await.is_err(), "{junk:?}");
    }
    let oob_server = Emu::approving(EmuApp::Installed).await;
    let oob = emu_installed(&oob_server, OOB);
    for junk in ["", "   ", "\n"] {
        let request = oob.authorization_request(SCOPES);
        assert!(oob.exchange_code(request, junk).await.is_err(), "{junk:?}");
    }
    assert_eq!(server.token_requests(), 0);
}

/// The listener survives garbage requests and still takes the callback:
/// an idle connection held open throughout, binary junk, a head larger
/// than the listener reads, and a POST, all answered (or cut off) before
/// the browser is let through to the real callback.
#[tokio::test]
async fn listener_survives_garbage_requests() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let server = Emu::approving(EmuApp::Installed).await;
    let listener = PreBound::bind();
    let port = listener.port();
    let junk_done = Permits::default();
    let browser = FakeBrowser {
        gate: Some(junk_done.clone()),
        ..FakeBrowser::following()
    };
    let flow = listener
        .hand_to(InstalledFlow::new(emu_installed(
            &server,
            &listener.redirect(""),
        )))
        .browser(browser.clone())
        .timeout(Duration::from_secs(60));
    // The socket listens already (bound by the test), so these connect at
    // once; the flow serves them when it starts accepting.
    let junk = tokio::spawn(async move {
        let idle = tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .expect("the listener is bound");
        let mut answers = Vec::new();
        for payload in [
            b"\xff\xfe\x00\r\n\r\n".to_vec(),
            vec![b'A'; 40_000],
            b"POST / HTTP/1.1\r\n\r\n".to_vec(),
        ] {
            let mut s = tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .expect("the listener is bound");
            // The listener may answer and close before reading all of a
            // large head, so writing and reading may fail with a reset;
            // what was read until then is kept.
            let _ = s.write_all(&payload).await;
            let mut out = Vec::new();
            let read = s.read_to_end(&mut out).await;
            answers.push((String::from_utf8_lossy(&out).into_owned(), read.is_ok()));
        }
        junk_done.add(1);
        (idle, answers)
    });
    let token = flow.authorize(SCOPES).await.unwrap();
    assert_eq!(server.call_user(token.access_token().secret()).await, 200);
    let (idle, answers) = junk.await.unwrap();
    // Each garbage request got the listener's 404 page, before the
    // callback (the browser waited for them).
    let head = |a: &str| a.lines().next().unwrap_or("").to_owned();
    assert_eq!(head(&answers[0].0), "HTTP/1.1 404 Not Found", "{answers:?}");
    assert_eq!(head(&answers[2].0), "HTTP/1.1 404 Not Found", "{answers:?}");
    // The oversized head: a 404 or a reset (the listener stopped reading).
    assert!(
        head(&answers[1].0) == "HTTP/1.1 404 Not Found" || !answers[1].1,
        "{answers:?}"
    );
    let v = &browser.visits(1).await[0];
    assert_eq!(v.callback_status, Some(200));
    drop(idle);
    assert!(listener.closed());
}

/// The check behind "the listener is gone" can fail: a listener not taken,
/// or taken and still open, is not `closed`; once dropped it is.
#[test]
fn pre_bound_listener_tells_open_from_closed() {
    let listener = PreBound::bind();
    assert!(!listener.closed(), "not handed over yet");
    let taken = listener.take().expect("handed over once");
    assert!(listener.take().is_none(), "only once");
    assert!(!listener.closed(), "taken, still open");
    drop(taken);
    assert!(listener.closed());
}
