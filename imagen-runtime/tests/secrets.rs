//! Secrets (API secret, signatures, access tokens) never appear in `Debug`
//! output of the public types nor in the `tracing` output of requests.
//!
//! The requests go to the scripted server of `common`, not the emulator:
//! the test needs every signature value that went over the wire (to look
//! for it in the output), which only a server recording the raw requests
//! can give.

mod common;

use imagen_runtime::api::HostUrls as _;
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use common::{KEY, SECRET, Server, check_signed, error, json};
use imagen_runtime::api::types;
use imagen_runtime::oauth::{OAuthConfig, OAuthError, TokenSet};
use imagen_runtime::secret::{AuthorizationCode, CsrfState, PkceVerifier, REDACTED, RefreshToken};
use imagen_runtime::signing::{Signer, StringToSign};
use imagen_runtime::token::BoxFuture;
use imagen_runtime::wire::{self, Format};
use imagen_runtime::{
    AccessToken, ApiKey, ApiSecret, Auth, Endpoint, Error, Method, RetryPolicy, Session,
    StaticToken, TokenSource,
};

const TOKEN_OLD: &str = "tok-OLD-7d1e55";
const TOKEN_NEW: &str = "tok-NEW-a90b21";

static MEDIA: Endpoint = Endpoint {
    name: "media.get",
    method: Method::Get,
    host: "mcc",
    path: "/imcc/v1/media/{mediaId}",
    auth: Auth::Application,
    scopes: &[],
    envelope: None,
    xml: None,
    formats: &[],
    idempotent: true,
    outcome_hint: None,
    paging: None,
};

static USER: Endpoint = Endpoint {
    name: "users.current",
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

#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

struct Refreshing;

impl TokenSource for Refreshing {
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, Error>> {
        Box::pin(async { Ok(AccessToken::new(TOKEN_OLD)) })
    }
    fn refresh(&self, _rejected: &AccessToken) -> BoxFuture<'_, Result<AccessToken, Error>> {
        Box::pin(async { Ok(AccessToken::new(TOKEN_NEW)) })
    }
}

fn assert_clean(what: &str, text: &str, secrets: &[String]) {
    for s in secrets {
        assert!(!text.contains(s.as_str()), "{what} leaks {s:?}:\n{text}");
    }
}

#[tokio::test]
async fn secrets_absent_from_debug_and_tracing() {
    let buffer = Buffer::default();
    let writer = buffer.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = Server::start(|c, n| {
        if c.header("authorization").is_some() {
            return if c.header("authorization") == Some(&format!("Bearer {TOKEN_NEW}")) {
                common::xml(
                    200,
                    "<Response><Result><User><UserID>1</UserID><Username>zoë</Username>\
                     </User></Result></Response>",
                )
            } else {
                common::xml(
                    401,
                    "<Error><Code>401</Code><Message>The access token is invalid or has expired.\
                     </Message><Details/></Error>",
                )
            };
        }
        if let Some(r) = check_signed(c, SystemTime::now()) {
            return r;
        }
        if n == 0 {
            error(503, "Service unavailable.", "")
        } else {
            json(200, serde_json::json!({}))
        }
    })
    .await;

    let hook_views: Arc<Mutex<Vec<String>>> = Arc::default();
    let views = Arc::clone(&hook_views);
    let builder = Session::builder()
        .api_key(KEY)
        .api_secret(SECRET)
        .mcc_url(&server.url)
        .retry_policy(RetryPolicy::default().initial_backoff(std::time::Duration::from_millis(5)))
        .on_request(move |req| views.lock().unwrap().push(format!("{req:?}")));
    let builder_debug = format!("{builder:?}");
    let app = builder.build().unwrap();
    let user = app.with_token_source(Arc::new(Refreshing));

    // Signed, retried once (503), then a user request whose token is refreshed.
    let _: serde_json::Value = app.request(&MEDIA, &[&1]).send().await.unwrap();
    let me: types::User = user.request(&USER, &[]).send().await.unwrap();
    assert_eq!(me.username, "zoë");
    // An error carrying a server message, and a static token that cannot refresh.
    let stale = app.with_token_source(Arc::new(StaticToken::new(TOKEN_OLD)));
    let refused = stale
        .request::<types::User>(&USER, &[])
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(
            refused,
            Error::OAuth(OAuthError::ReauthorizationRequired { .. })
        ),
        "{refused:?}"
    );
    let wrong = Session::builder()
        .api_key(KEY)
        .api_secret("other-SECRET")
        .mcc_url(&server.url)
        .build()
        .unwrap();
    let rejected = wrong
        .request::<serde_json::Value>(&MEDIA, &[&2])
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(rejected, Error::SignatureRejected { .. }),
        "{rejected:?}"
    );

    // Every signature value that went over the wire is a secret too.
    let mut secrets: Vec<String> = vec![
        SECRET.into(),
        "other-SECRET".into(),
        TOKEN_OLD.into(),
        TOKEN_NEW.into(),
    ];
    for r in server.requests() {
        if let Some(sig) = r.header("x-imagen-api-signature") {
            secrets.push(sig.trim_start_matches("HMAC-SHA256 ").to_string());
        }
    }
    assert!(secrets.len() >= 6, "signatures were captured: {secrets:?}");

    let logs = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
    // The capture works (otherwise the check below proves nothing).
    assert!(logs.contains("imagen.request"), "{logs}");
    assert!(
        logs.contains("imagen.attempt{attempt=2") && logs.contains("retrying"),
        "{logs}"
    );
    assert!(logs.contains("path=/imcc/v1/media/1"), "{logs}");
    assert_clean("tracing output", &logs, &secrets);
    if std::env::var_os("SHOW_LOGS").is_some() {
        eprintln!("{logs}");
    }
    assert!(!logs.contains("Bearer"), "{logs}");

    let hooks = hook_views.lock().unwrap().join("\n");
    assert!(hooks.contains("x-imagen-api-key"), "{hooks}");
    assert_clean("reqwest::Request seen by the hook", &hooks, &secrets);

    let request = app.request::<serde_json::Value>(&MEDIA, &[&"x"]);
    let raw = user.raw(Method::Get, "mcc", "/x");
    let signer = Signer::new(ApiKey::new(KEY), ApiSecret::new(SECRET));
    let sts = StringToSign {
        method: "GET".into(),
        content_length: String::new(),
        content_md5: String::new(),
        content_type: String::new(),
        date: "d".into(),
        resource: "/".into(),
    };
    let debug = [
        format!("{app:?}"),
        format!("{user:?}"),
        builder_debug,
        format!("{:?}", ApiSecret::new(SECRET)),
        format!("{:?}", AccessToken::new(TOKEN_NEW)),
        format!("{:?}", StaticToken::new(TOKEN_OLD)),
        format!("{signer:?}"),
        format!("{sts:?} {sts}"),
        format!("{request:?}"),
        format!("{raw:?}"),
        format!("{refused:?} {refused}"),
        format!("{rejected:?} {rejected}"),
    ]
    .join("\n");
    assert!(
        debug.contains(KEY),
        "the (non-secret) key is shown: {debug}"
    );
    assert_clean("Debug output", &debug, &secrets);
}

/// Every secret type of the public family, and the public types that hold
/// them, print the one spelling and never the value.
#[test]
fn every_secret_type_prints_the_one_redaction() {
    const VALUE: &str = "v4lue-SECRET-9e1f";
    let each: [(&str, String); 6] = [
        ("ApiSecret", format!("{:?}", ApiSecret::new(VALUE))),
        ("AccessToken", format!("{:?}", AccessToken::new(VALUE))),
        ("RefreshToken", format!("{:?}", RefreshToken::new(VALUE))),
        (
            "AuthorizationCode",
            format!("{:?}", AuthorizationCode::new(VALUE)),
        ),
        ("PkceVerifier", format!("{:?}", PkceVerifier::new(VALUE))),
        ("CsrfState", format!("{:?}", CsrfState::new(VALUE))),
    ];
    for (name, debug) in &each {
        assert_eq!(debug, &format!("{name}({REDACTED})"));
        assert!(!debug.contains(VALUE), "{debug}");
    }
    assert_eq!(REDACTED, "[redacted]");

    // Holders: what the tokens, the client secret and a pending
    // authorization (state, PKCE verifier) are kept in.
    let tokens = TokenSet::new(
        VALUE,
        Some(RefreshToken::new(format!("{VALUE}-r"))),
        None,
        vec!["readUsersData".into()],
    );
    let config = OAuthConfig::installed("https://web.example", KEY, VALUE, "http://localhost")
        .build()
        .unwrap();
    let request = config.authorization_request(&["readUsersData"]);
    let pending = serde_json::to_value(&request).unwrap();
    let mut secrets = vec![VALUE.to_string()];
    for field in ["state", "pkce_verifier"] {
        let value = pending[field].as_str().unwrap_or_default();
        assert!(value.len() >= 16, "{field} is in the serialized request");
        secrets.push(value.to_string());
    }
    let holders = [
        format!("{tokens:?}"),
        format!("{config:?}"),
        format!("{request:?}"),
        format!("{:?}", Session::builder().api_key(KEY).api_secret(VALUE)),
    ];
    for debug in &holders {
        assert_clean("Debug output", debug, &secrets);
    }
    assert!(holders[0].contains(REDACTED) && holders[1].contains(REDACTED));
}

#[test]
fn secrets_in_decoded_answers_stay_redacted() {
    #[derive(serde::Deserialize, Debug)]
    struct Application {
        #[serde(rename = "SecretAccessKey")]
        secret: ApiSecret,
    }
    let app: Application =
        serde_json::from_str(&format!(r#"{{"SecretAccessKey":"{SECRET}"}}"#)).unwrap();
    assert_eq!(app.secret.secret(), SECRET);
    assert!(!format!("{app:?}").contains(SECRET));
    // Serializing is an explicit request for the secret.
    assert_eq!(
        serde_json::to_string(&app.secret).unwrap(),
        format!("\"{SECRET}\"")
    );

    // The generated application type, from either wire format.
    let from_xml: types::Application = wire::from_xml(
        &format!(
            "<Response><Application><SecretAccessKey>{SECRET}</SecretAccessKey>\
             <Name>x</Name></Application></Response>"
        ),
        &["Response", "Application"],
    )
    .unwrap();
    let from_json: types::Application = wire::from_json(
        &format!(r#"{{"Application":{{"SecretAccessKey":"{SECRET}","Name":"x"}}}}"#),
        &["Application"],
    )
    .unwrap();
    for app in [from_xml, from_json] {
        let secret = app.secret_access_key.as_ref().unwrap();
        assert_eq!(secret.secret(), SECRET);
        assert!(!format!("{app:?}").contains(SECRET), "{app:?}");
    }
}
