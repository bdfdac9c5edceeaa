//! Secrets (API secret, signatures, access tokens) never appear in `Debug`
//! output of the public types nor in the `tracing` output of requests.
//!
//! The requests go to the emulator: a signed call answered 503 once (the
//! emulator's injected fault) and retried, a user call whose token the
//! emulator refuses (unknown to it) and that a refresh replaces with one
//! it issued, a static token it refuses, and a wrong secret. Every
//! signature value that went over the wire is taken from the `on_request`
//! hook, which sees each attempt's final headers after signing (the
//! emulator keeps no request log).

use imagen_runtime::api::HostUrls as _;
use std::io::Write;
use std::sync::{Arc, Mutex};

use imagen_emulator::{ApplicationSpec, Emulator, Failure};
use imagen_runtime::api::types;
use imagen_runtime::oauth::{OAuthConfig, OAuthError, TokenSet};
use imagen_runtime::secret::{AuthorizationCode, CsrfState, PkceVerifier, REDACTED, RefreshToken};
use imagen_runtime::signing::{Signer, StringToSign};
use imagen_runtime::token::BoxFuture;
use imagen_runtime::wire::{self, Format};
use imagen_runtime::{
    AccessToken, ApiKey, ApiSecret, Auth, Endpoint, Error, Method, RetryPolicy, Session,
    SessionBuilder, StaticToken, TokenSource,
};

/// Unknown to the emulator: refused with 401.
/// An API key for values built without a server.
const KEY: &str = "test-KEY-7c21";
const TOKEN_OLD: &str = "tok-OLD-7d1e55";
const SECRET_WRONG: &str = "other-SECRET";
/// A secret in answers decoded without a server.
const SECRET: &str = "test-SECRET-4f2a9c";

static APPLICATION: Endpoint = Endpoint {
    name: "application.get",
    method: Method::Get,
    host: "mcc",
    path: "/core/v1/application",
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

/// Hands out [`TOKEN_OLD`], and on refresh a token the emulator issued.
struct Refreshing(String);

impl TokenSource for Refreshing {
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, Error>> {
        Box::pin(async { Ok(AccessToken::new(TOKEN_OLD)) })
    }
    fn refresh(&self, _rejected: &AccessToken) -> BoxFuture<'_, Result<AccessToken, Error>> {
        Box::pin(async { Ok(AccessToken::new(self.0.clone())) })
    }
}

fn assert_clean(what: &str, text: &str, secrets: &[String]) {
    for s in secrets {
        assert!(!text.contains(s.as_str()), "{what} leaks {s:?}:\n{text}");
    }
}

/// What the `on_request` hook saw: each request's `Debug` view, and the
/// signature and bearer values it carried.
#[derive(Clone, Default)]
struct Seen {
    views: Arc<Mutex<Vec<String>>>,
    values: Arc<Mutex<Vec<String>>>,
}

impl Seen {
    fn hook(&self, builder: SessionBuilder) -> SessionBuilder {
        let me = self.clone();
        builder.on_request(move |req| {
            me.views.lock().unwrap().push(format!("{req:?}"));
            let h = req.headers();
            if let Some(sig) = h.get("x-imagen-api-signature") {
                let sig = sig.to_str().unwrap();
                me.values
                    .lock()
                    .unwrap()
                    .push(sig.trim_start_matches("HMAC-SHA256 ").to_owned());
            }
            if let Some(bearer) = h.get("authorization") {
                let bearer = bearer.to_str().unwrap();
                me.values
                    .lock()
                    .unwrap()
                    .push(bearer.trim_start_matches("Bearer ").to_owned());
            }
        })
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
    // tracing-core caches each callsite's interest once, process-wide, and
    // while a single dispatcher exists it asks the *registering* thread's
    // default (tokio-rs/tracing#3611): another test's thread reaching a
    // callsite first would switch it off for this one (seen with
    // --test-threads=4). With a second live dispatcher, every registered
    // dispatcher is asked, this test's capture included.
    let _second = tracing::Dispatch::new(tracing::subscriber::NoSubscriber::default());

    let emu = Emulator::builder().start("127.0.0.1:0").await.unwrap();
    let creds = emu
        .create_application(ApplicationSpec::installed("Secrets — Zoë"))
        .unwrap();
    let (key, secret) = (creds.api_key.as_str(), creds.secret.as_str());
    let token_new = emu
        .issue_token_for(key, "zoe", &["readUsersData"])
        .unwrap()
        .access_token;

    let seen = Seen::default();
    let builder = seen.hook(
        Session::builder()
            .api_key(key)
            .api_secret(secret)
            .mcc_url(emu.mcc_url())
            .retry_policy(
                RetryPolicy::default().initial_backoff(std::time::Duration::from_millis(5)),
            ),
    );
    let builder_debug = format!("{builder:?}");
    let app = builder.build().unwrap();
    let user = app.with_token_source(Arc::new(Refreshing(token_new.clone())));

    // Signed, answered 503 once and retried; then a user request whose
    // token is refused and refreshed.
    emu.faults().fail_next(1, Failure::Unavailable);
    let _: serde_json::Value = app.request(&APPLICATION, &[]).send().await.unwrap();
    let me: types::User = user.request(&USER, &[]).send().await.unwrap();
    assert_eq!(me.username, "zoe");
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
    let wrong = seen
        .hook(
            Session::builder()
                .api_key(key)
                .api_secret(SECRET_WRONG)
                .mcc_url(emu.mcc_url()),
        )
        .build()
        .unwrap();
    let rejected = wrong
        .request::<serde_json::Value>(&APPLICATION, &[])
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(rejected, Error::SignatureRejected { .. }),
        "{rejected:?}"
    );

    // Every signature and bearer value that went over the wire is a secret
    // too: two signed attempts, two bearer attempts, one more bearer, one
    // wrongly signed request.
    let mut secrets: Vec<String> = vec![
        secret.into(),
        SECRET_WRONG.into(),
        TOKEN_OLD.into(),
        token_new.clone(),
    ];
    let values = seen.values.lock().unwrap().clone();
    assert_eq!(values.len(), 6, "every attempt was seen: {values:?}");
    secrets.extend(values);

    let logs = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
    // The capture works (otherwise the check below proves nothing).
    assert!(logs.contains("imagen.request"), "{logs}");
    assert!(
        logs.contains("imagen.attempt{attempt=2") && logs.contains("retrying"),
        "{logs}"
    );
    assert!(logs.contains("path=/core/v1/application"), "{logs}");
    assert_clean("tracing output", &logs, &secrets);
    if std::env::var_os("SHOW_LOGS").is_some() {
        eprintln!("{logs}");
    }
    assert!(!logs.contains("Bearer"), "{logs}");

    let hooks = seen.views.lock().unwrap().join("\n");
    assert!(hooks.contains("x-imagen-api-key"), "{hooks}");
    assert_clean("reqwest::Request seen by the hook", &hooks, &secrets);

    let request = app.request::<serde_json::Value>(&APPLICATION, &[]);
    let raw = user.raw(Method::Get, "mcc", "/x");
    let signer = Signer::new(ApiKey::new(key), ApiSecret::new(secret));
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
        format!("{:?}", ApiSecret::new(secret)),
        format!("{:?}", AccessToken::new(token_new.clone())),
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
        debug.contains(key),
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
