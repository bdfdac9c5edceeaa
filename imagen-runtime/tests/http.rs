//! The runtime over real HTTP on loopback.
//!
//! Most scenarios run against the project's emulator (`imagen-emulator`),
//! which checks signatures, dates and tokens with its own code and injects
//! faults (503, 429, latency, clock offset). A few keep the small scripted
//! server of `common`, because the emulator cannot produce their condition:
//! - `json_body_is_utf8_and_signed`: no emulator endpoint takes a JSON body,
//!   so none verifies the signature of one;
//! - `retries_on_502_but_not_on_500`: the emulator's faults are 429 and 503;
//! - `invalid_utf8_is_reported_with_offset`: the emulator answers valid
//!   UTF-8 JSON only;
//! - `base_url_path_prefix_is_kept`: the emulator serves at the root path;
//! - `decode_errors_never_echo_the_secret`: needs a malformed application
//!   answer that carries the secret.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use common::{KEY, SECRET, Server, check_signed, error, json};
use imagen_emulator::{ApplicationSpec, Credentials, Emulator, Failure};
use imagen_runtime::reqwest::header::HeaderMap;
use imagen_runtime::signing::{HEADER_DATE, HEADER_SIGNATURE, StringToSign, imf_fixdate};
use imagen_runtime::token::BoxFuture;
use imagen_runtime::{
    AccessToken, ApiSecret, Auth, BodyKind, Endpoint, Error, Method, RetryPolicy, Session,
    SessionBuilder, StaticToken, TokenSource,
};
use serde::Deserialize;

const fn ep(
    name: &'static str,
    method: Method,
    path: &'static str,
    auth: Auth,
    body: BodyKind,
    envelope: Option<&'static str>,
) -> Endpoint {
    Endpoint {
        name,
        method,
        host: "mcc",
        path,
        auth,
        scopes: &[],
        body,
        envelope,
        xml: None,
        formats: &[],
        idempotent: method.is_idempotent(),
        outcome_hint: None,
    }
}

static APPLICATION: Endpoint = ep(
    "application.get",
    Method::Get,
    "/core/v1/application",
    Auth::Application,
    BodyKind::None,
    Some("Application"),
);
/// Signed on purpose: the emulator checks the signature, then says the
/// resource needs a user.
static IMPORT_SIGNED: Endpoint = ep(
    "import.records",
    Method::Put,
    "/imcc/v1/import/record/{mappingFile}",
    Auth::Application,
    BodyKind::Xml,
    None,
);
static IMPORT: Endpoint = ep(
    "import.records",
    Method::Put,
    "/imcc/v1/import/record/{mappingFile}",
    Auth::User,
    BodyKind::Xml,
    None,
);
static IMPORT_STATUS: Endpoint = ep(
    "import.status",
    Method::Get,
    "/imcc/v1/import/record/{jobGUID}",
    Auth::User,
    BodyKind::None,
    None,
);
static CREATE: Endpoint = ep(
    "things.create",
    Method::Post,
    "/imcc/v1/things",
    Auth::Application,
    BodyKind::Json,
    None,
);
static RECORD: Endpoint = ep(
    "records.get",
    Method::Get,
    "/imcc/v1/record/{recordId}",
    Auth::Application,
    BodyKind::None,
    None,
);
static MEDIA: Endpoint = ep(
    "media.get",
    Method::Get,
    "/imcc/v1/media/{mediaId}",
    Auth::Application,
    BodyKind::None,
    None,
);
static USER: Endpoint = ep(
    "users.current",
    Method::Get,
    "/imcc/v1/user",
    Auth::User,
    BodyKind::None,
    None,
);
static SEARCH: Endpoint = ep(
    "records.search",
    Method::Get,
    "/imcc/v1/record/search",
    Auth::Any,
    BodyKind::None,
    None,
);

#[derive(Deserialize, Debug)]
struct App {
    #[serde(rename = "Name")]
    name: String,
}

#[derive(Deserialize, Debug)]
struct Record {
    #[serde(rename = "ID")]
    id: i64,
    #[serde(rename = "Fields")]
    fields: std::collections::BTreeMap<String, String>,
}

fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .max_retries(3)
        .initial_backoff(Duration::from_millis(10))
        .max_backoff(Duration::from_millis(50))
}

// ---------------------------------------------------------------------
// Against the emulator
// ---------------------------------------------------------------------

/// An emulator and an installed application with the default scopes.
async fn emulator() -> (Emulator, Credentials) {
    let emu = Emulator::builder()
        .auto_approve(true)
        .start("127.0.0.1:0")
        .await
        .unwrap();
    let app = emu
        .create_application(ApplicationSpec::installed("Runtime tests — Zoë"))
        .unwrap();
    (emu, app)
}

fn emu_builder(emu: &Emulator, app: &Credentials) -> SessionBuilder {
    Session::builder()
        .api_key(&app.api_key)
        .api_secret(&app.secret)
        .mcc_url(emu.mcc_url())
        .retry_policy(fast_retries())
}

fn emu_session(emu: &Emulator, app: &Credentials) -> Session {
    emu_builder(emu, app).build().unwrap()
}

/// What the client sent, as the `on_request` hook saw it (after signing).
#[derive(Debug, Clone)]
struct Sent {
    method: String,
    resource: String,
    headers: HeaderMap,
}

impl Sent {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

type SentLog = Arc<Mutex<Vec<Sent>>>;

/// A session that records every attempt it sends.
fn recording(builder: SessionBuilder) -> (Session, SentLog) {
    recording_with(builder, |_| {})
}

/// Like [`recording`], first running `hook` on each attempt (a session has
/// one hook: this one).
fn recording_with(
    builder: SessionBuilder,
    hook: impl Fn(&mut imagen_runtime::reqwest::Request) + Send + Sync + 'static,
) -> (Session, SentLog) {
    let log: SentLog = Arc::default();
    let seen = log.clone();
    let s = builder
        .on_request(move |req| {
            hook(req);
            seen.lock().unwrap().push(Sent {
                method: req.method().to_string(),
                resource: imagen_runtime::signing::canonical_resource(req.url()),
                headers: req.headers().clone(),
            })
        })
        .build()
        .unwrap();
    (s, log)
}

fn sent(log: &SentLog) -> Vec<Sent> {
    log.lock().unwrap().clone()
}

/// Sends a body-less request of `endpoint` that must fail; returns the error.
async fn send_err(
    s: &Session,
    endpoint: &'static Endpoint,
    args: &[&dyn std::fmt::Display],
) -> Error {
    s.request::<serde_json::Value>(endpoint, args)
        .send()
        .await
        .unwrap_err()
}

fn message(e: &Error) -> &str {
    e.api()
        .and_then(|a| a.message.as_deref())
        .unwrap_or_else(|| panic!("no server message in {e:?}"))
}

/// A session acting for `user` with a token the emulator issued.
fn emu_user(emu: &Emulator, app: &Credentials, user: &str, scopes: &[&str]) -> Session {
    let t = emu.issue_token_for(&app.api_key, user, scopes).unwrap();
    emu_session(emu, app).with_token_source(Arc::new(StaticToken::new(t.access_token)))
}

/// The pending 503/429 count of the emulator: how many injected failures
/// are left, so how many requests reached it.
async fn pending_failures(emu: &Emulator) -> u64 {
    let v: serde_json::Value = imagen_runtime::reqwest::Client::new()
        .post(format!("{}/emulator/admin/faults", emu.base_url()))
        .body("{}")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    v["fail_next"]["count"].as_u64().unwrap_or(0)
}

#[tokio::test]
async fn signed_get_is_accepted_and_envelope_unwrapped() {
    let (emu, creds) = emulator().await;
    let (s, log) = recording(emu_builder(&emu, &creds));
    let app: App = s.request(&APPLICATION, &[]).send().await.unwrap();
    assert_eq!(app.name, "Runtime tests — Zoë");
    let reqs = sent(&log);
    assert_eq!(reqs.len(), 1);
    assert_eq!(reqs[0].header("accept"), Some("application/json"));
    assert_eq!(
        reqs[0].header("x-imagen-api-key"),
        Some(creds.api_key.as_str())
    );
    assert!(reqs[0].header("authorization").is_none());
    assert!(
        reqs[0]
            .header("x-imagen-api-signature")
            .is_some_and(|s| s.starts_with("HMAC-SHA256 "))
    );
}

#[tokio::test]
async fn signed_put_with_xml_body_and_query_is_accepted() {
    let (emu, creds) = emulator().await;
    let xml = "<Records><Record><Field name=\"Title\">Sunset</Field>\
               <Field name=\"Note\">Zoë &amp; Jürgen</Field>\
               <Media filename=\"clip — 東京.mov\"/></Record></Records>";

    // Signed: the emulator verifies the signature over method, length,
    // MD5, type, date and the encoded query, and only then refuses the
    // application context (a bad signature would be SignatureRejected).
    let (s, log) = recording(emu_builder(&emu, &creds));
    let err = s
        .request::<serde_json::Value>(&IMPORT_SIGNED, &[&"NativeImagenXML"])
        .query("workflow", "Ingest Zoë")
        .query("searchfield", "a&b=c")
        .xml(xml)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Forbidden { .. }), "{err:?}");
    assert_eq!(message(&err), "This resource requires user authentication.");
    let r = &sent(&log)[0];
    assert_eq!(r.method, "PUT");
    assert_eq!(
        r.resource,
        "/imcc/v1/import/record/NativeImagenXML?workflow=Ingest%20Zo%C3%AB&searchfield=a%26b%3Dc"
    );
    assert_eq!(
        r.header("content-type"),
        Some("application/xml; charset=utf-8")
    );
    assert_eq!(
        r.header("content-length"),
        Some(xml.len().to_string().as_str())
    );
    assert!(r.header("content-md5").is_some());

    // In user context the import happens: the query arrived decoded
    // (searchfield=Title updated record 7, workflow made the media).
    let user = emu_user(&emu, &creds, "zoe", &["modifyUsersData"]);
    let started: serde_json::Value = user
        .request(&IMPORT, &[&"NativeImagenXML"])
        .query("workflow", "Ingest Zoë")
        .query("searchfield", "Title")
        .xml(xml)
        .send()
        .await
        .unwrap();
    assert_eq!(started["RecordIDs"], serde_json::json!([7]));
    let guid = started["JobGUID"].as_str().unwrap();
    let job: serde_json::Value = user.request(&IMPORT_STATUS, &[&guid]).send().await.unwrap();
    assert_eq!(job["MediaObjectIDs"], serde_json::json!([109]));
    let rec: Record = emu_session(&emu, &creds)
        .request(&RECORD, &[&7])
        .send()
        .await
        .unwrap();
    assert_eq!(rec.id, 7);
    assert_eq!(rec.fields["Note"], "Zoë & Jürgen");
}

#[tokio::test]
async fn tampered_request_is_rejected() {
    let (emu, creds) = emulator().await;
    // The hook runs after signing: changing the query breaks the signature.
    let (s, log) = recording_with(emu_builder(&emu, &creds), |req| {
        req.url_mut().set_query(Some("x=other"))
    });
    let err = send_err(&s, &RECORD, &[&7]).await;
    assert!(matches!(err, Error::SignatureRejected { .. }), "{err:?}");
    assert_eq!(err.status(), Some(401));
    assert!(!err.is_retryable());
    assert_eq!(sent(&log).len(), 1, "a rejected signature is not retried");

    // A wrong secret is rejected too.
    let wrong = Session::builder()
        .api_key(&creds.api_key)
        .api_secret("not-the-secret")
        .mcc_url(emu.mcc_url())
        .build()
        .unwrap();
    let err = send_err(&wrong, &RECORD, &[&7]).await;
    assert!(matches!(err, Error::SignatureRejected { .. }), "{err:?}");
    assert!(err.to_string().contains("API secret"), "{err}");

    // A tampered body (same length): its Content-MD5 no longer matches,
    // which the emulator refuses before looking at the signature.
    let s = emu_builder(&emu, &creds)
        .on_request(|req| {
            *req.body_mut() = Some("<x>evil</x>".into());
        })
        .build()
        .unwrap();
    let err = s
        .request::<serde_json::Value>(&IMPORT_SIGNED, &[&"NativeImagenXML"])
        .xml("<x>good</x>")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(400), "{err:?}");
    assert_eq!(
        message(&err),
        "The Content-MD5 header does not match the request body."
    );
}

#[tokio::test]
async fn server_error_503_then_200_is_retried() {
    let (emu, creds) = emulator().await;
    let (s, log) = recording(emu_builder(&emu, &creds));
    emu.faults().fail_next(1, Failure::Unavailable);
    let rec: Record = s.request(&RECORD, &[&1]).send().await.unwrap();
    assert_eq!(rec.fields["Title"], "Zoë at the harbour");
    let reqs = sent(&log);
    assert_eq!(reqs.len(), 2);
    // Each attempt is signed afresh (the emulator accepted the second).
    assert!(reqs[1].header("x-imagen-api-signature").is_some());
    assert!(reqs[1].header(HEADER_DATE).is_some());
}

#[tokio::test]
async fn rate_limited_waits_for_retry_after() {
    let (emu, creds) = emulator().await;
    let (s, log) = recording(emu_builder(&emu, &creds));
    emu.faults().fail_next(
        1,
        Failure::RateLimited {
            retry_after_secs: 1,
        },
    );
    let start = Instant::now();
    let rec: Record = s.request(&RECORD, &[&2]).send().await.unwrap();
    assert_eq!(rec.fields["Title"], "東京タワー");
    assert!(
        start.elapsed() >= Duration::from_secs(1),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(sent(&log).len(), 2);
}

#[tokio::test]
async fn post_is_never_retried() {
    let (emu, creds) = emulator().await;
    let (s, log) = recording(emu_builder(&emu, &creds));
    emu.faults().fail_next(3, Failure::Unavailable);
    let err = s
        .request::<serde_json::Value>(&CREATE, &[])
        .json(&serde_json::json!({"a": 1}))
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Server { .. }), "{err:?}");
    assert!(
        err.is_retryable(),
        "retryable in kind, but POST is not idempotent"
    );
    assert_eq!(sent(&log).len(), 1);
    assert_eq!(
        pending_failures(&emu).await,
        2,
        "the emulator saw one request"
    );
}

#[tokio::test]
async fn retries_are_bounded_and_can_be_disabled() {
    let (emu, creds) = emulator().await;
    emu.faults().fail_next(10, Failure::Unavailable);
    let err = send_err(&emu_session(&emu, &creds), &RECORD, &[&1]).await;
    assert_eq!(err.status(), Some(503));
    assert_eq!(pending_failures(&emu).await, 6, "1 attempt + 3 retries");

    let s = emu_builder(&emu, &creds)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let _ = send_err(&s, &RECORD, &[&1]).await;
    assert_eq!(pending_failures(&emu).await, 5);

    // A Retry-After longer than the policy allows is returned, not waited for.
    emu.faults().clear();
    emu.faults().fail_next(
        1,
        Failure::RateLimited {
            retry_after_secs: 120,
        },
    );
    let start = Instant::now();
    let err = send_err(&emu_session(&emu, &creds), &RECORD, &[&1]).await;
    assert!(
        matches!(err, Error::RateLimited { retry_after: Some(d), .. } if d == Duration::from_secs(120)),
        "{err:?}"
    );
    assert!(start.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn transport_errors_and_timeouts() {
    // A port nobody listens on (bound, then closed).
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let s = Session::builder()
        .api_key(KEY)
        .api_secret(SECRET)
        .mcc_url(format!("http://127.0.0.1:{port}"))
        .retry_policy(fast_retries().max_retries(1))
        .build()
        .unwrap();
    let err = send_err(&s, &MEDIA, &[&1]).await;
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert!(err.is_retryable());

    // A server slower than the timeout (emulator latency fault).
    let (emu, creds) = emulator().await;
    emu.faults().latency(Duration::from_millis(2000));
    let s = emu_builder(&emu, &creds)
        .timeout(Duration::from_millis(150))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let start = Instant::now();
    let err = send_err(&s, &RECORD, &[&1]).await;
    assert!(
        matches!(err, Error::Timeout { after: Some(d) } if d == Duration::from_millis(150)),
        "{err:?}"
    );
    assert!(
        start.elapsed() < Duration::from_millis(1500),
        "{:?}",
        start.elapsed()
    );
    // The per-request override wins.
    let rec: Record = s
        .request(&RECORD, &[&1])
        .timeout(Duration::from_secs(10))
        .send()
        .await
        .unwrap();
    assert_eq!(rec.id, 1);
}

#[tokio::test]
async fn clock_skew_is_corrected_and_retried_once() {
    let (emu, creds) = emulator().await;
    emu.faults().clock_offset_secs(600);
    let (s, log) = recording(emu_builder(&emu, &creds));
    let app: App = s.request(&APPLICATION, &[]).send().await.unwrap();
    assert_eq!(app.name, "Runtime tests — Zoë");
    assert_eq!(sent(&log).len(), 2, "rejected once, then corrected");
    assert!(
        (598..=602).contains(&s.clock_offset_secs()),
        "{}",
        s.clock_offset_secs()
    );
    // The next request is right the first time.
    let _: App = s.request(&APPLICATION, &[]).send().await.unwrap();
    assert_eq!(sent(&log).len(), 3);
}

#[tokio::test]
async fn date_rejected_is_retried_only_once() {
    // The hook keeps signing a date ten minutes old (re-signed, so only the
    // date is wrong): the correction never helps.
    let (emu, creds) = emulator().await;
    let secret = ApiSecret::new(creds.secret.clone());
    let (s, log) = recording_with(emu_builder(&emu, &creds), move |req| {
        let stale = imf_fixdate(SystemTime::now() - Duration::from_secs(600));
        let sts = StringToSign::from_parts(req.method().as_str(), req.url(), req.headers(), &stale);
        let h = req.headers_mut();
        h.insert(HEADER_DATE, stale.parse().unwrap());
        h.insert(HEADER_SIGNATURE, sts.signature(&secret).parse().unwrap());
    });
    let err = send_err(&s, &RECORD, &[&1]).await;
    assert!(
        matches!(
            err,
            Error::DateRejected {
                server_time: Some(_),
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        message(&err),
        "The request date is outside the allowed window."
    );
    assert_eq!(sent(&log).len(), 2, "one correction, one retry");
}

#[tokio::test]
async fn skew_within_the_window_is_learnt_from_date() {
    let (emu, creds) = emulator().await;
    emu.faults().clock_offset_secs(-120);
    let (s, log) = recording(emu_builder(&emu, &creds));
    let _: Record = s.request(&RECORD, &[&1]).send().await.unwrap();
    assert_eq!(sent(&log).len(), 1, "within the window: accepted at once");
    assert!(
        (-122..=-118).contains(&s.clock_offset_secs()),
        "{}",
        s.clock_offset_secs()
    );
    // The next signed date follows the server's clock.
    let _: Record = s.request(&RECORD, &[&1]).send().await.unwrap();
    let sent_date = httpdate::parse_http_date(sent(&log)[1].header(HEADER_DATE).unwrap()).unwrap();
    let behind = SystemTime::now().duration_since(sent_date).unwrap();
    assert!(
        behind >= Duration::from_secs(117) && behind <= Duration::from_secs(123),
        "{behind:?}"
    );
}

#[tokio::test]
async fn user_context_with_static_token() {
    let (emu, creds) = emulator().await;
    let (app, log) = recording(emu_builder(&emu, &creds));
    let t = emu
        .issue_token_for(&creds.api_key, "kenji", &["readUsersData"])
        .unwrap();
    let user = app.with_token_source(Arc::new(StaticToken::new(t.access_token.clone())));
    let v: serde_json::Value = user.request(&USER, &[]).send().await.unwrap();
    assert_eq!(v["Username"], "kenji");
    // `Any` endpoints use the token when there is one (the emulator's
    // search is user-only, so a signed request would be refused)…
    let v: serde_json::Value = user
        .request(&SEARCH, &[])
        .query("query", "WHERE Title = '東京タワー'")
        .send()
        .await
        .unwrap();
    assert_eq!(v["TotalHits"], 1);
    let reqs = sent(&log);
    assert_eq!(reqs.len(), 2);
    assert!(
        reqs.iter()
            .all(|r| r.header("x-imagen-api-signature").is_none())
    );
    assert_eq!(
        reqs[1].header("authorization"),
        Some(format!("Bearer {}", t.access_token).as_str())
    );

    // …and an application session cannot make user requests at all.
    let err = send_err(&app, &USER, &[]).await;
    assert!(matches!(err, Error::Config { .. }), "{err:?}");
    assert_eq!(sent(&log).len(), 2, "nothing was sent");

    // A fixed token the server rejects: no refresh possible.
    let stale = app.with_token_source(Arc::new(StaticToken::new("tok-old")));
    let err = send_err(&stale, &USER, &[]).await;
    assert!(
        matches!(err, Error::ReauthorizationRequired { .. }),
        "{err:?}"
    );
    assert_eq!(sent(&log).len(), 3);
}

/// Hands out `first`, and `refreshed` on refresh; counts refreshes.
struct Counting {
    first: String,
    refreshed: String,
    refreshes: AtomicUsize,
}

impl TokenSource for Counting {
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, Error>> {
        Box::pin(async move { Ok(AccessToken::new(self.first.clone())) })
    }
    fn refresh(&self, rejected: &AccessToken) -> BoxFuture<'_, Result<AccessToken, Error>> {
        assert_eq!(rejected.secret(), self.first);
        self.refreshes.fetch_add(1, Ordering::SeqCst);
        Box::pin(async move { Ok(AccessToken::new(self.refreshed.clone())) })
    }
}

#[tokio::test]
async fn token_rejected_is_refreshed_once() {
    let (emu, creds) = emulator().await;
    let fresh = emu
        .issue_token_for(&creds.api_key, "ana", &["readUsersData"])
        .unwrap()
        .access_token;
    let source = Arc::new(Counting {
        first: "expired".into(),
        refreshed: fresh,
        refreshes: AtomicUsize::new(0),
    });
    let (s, log) = recording(emu_builder(&emu, &creds));
    let user = s.with_token_source(source.clone());
    let v: serde_json::Value = user.request(&USER, &[]).send().await.unwrap();
    assert_eq!(v["Username"], "ana");
    assert_eq!(source.refreshes.load(Ordering::SeqCst), 1);
    assert_eq!(sent(&log).len(), 2);

    // A refreshed token that is rejected too: one refresh, then the error.
    let source = Arc::new(Counting {
        first: "expired".into(),
        refreshed: "also-bad".into(),
        refreshes: AtomicUsize::new(0),
    });
    let (s, log) = recording(emu_builder(&emu, &creds));
    let user = s.with_token_source(source.clone());
    let err = send_err(&user, &USER, &[]).await;
    assert!(matches!(err, Error::TokenRejected { .. }), "{err:?}");
    assert_eq!(source.refreshes.load(Ordering::SeqCst), 1);
    assert_eq!(sent(&log).len(), 2);
}

#[tokio::test]
async fn path_arguments_stay_one_segment() {
    // The import-status route takes one segment and names it in its 404:
    // each value arrives whole, decoded, on that route.
    let (emu, creds) = emulator().await;
    let (s, log) = recording(emu_builder(&emu, &creds));
    let t = emu
        .issue_token_for(&creds.api_key, "zoe", &["readUsersData"])
        .unwrap();
    let user = s.with_token_source(Arc::new(StaticToken::new(t.access_token)));
    for value in [
        "a/b",
        "../admin",
        "../../core/v1/application",
        "x?y=1",
        "#frag",
        "%2F",
        "Zoë Ünïcødé",
        "a b+c",
        "...",
        "\\..\\",
    ] {
        let err = send_err(&user, &IMPORT_STATUS, &[&value]).await;
        assert!(matches!(err, Error::NotFound { .. }), "{value}: {err:?}");
        assert_eq!(message(&err), "Import job not found.", "{value}");
        let details = err.api().unwrap().details.as_deref().unwrap_or("");
        assert!(
            details.contains(&format!("'{value}'")),
            "{value}: {details}"
        );
    }
    let reqs = sent(&log);
    assert!(reqs.iter().all(|r| !r.resource.contains('?')), "{reqs:?}");
    let n = reqs.len();
    for value in ["..", ".", ""] {
        let err = send_err(&user, &IMPORT_STATUS, &[&value]).await;
        assert!(
            matches!(err, Error::InvalidRequest { .. }),
            "{value}: {err:?}"
        );
    }
    assert_eq!(sent(&log).len(), n, "refused values are never sent");
}

#[tokio::test]
async fn error_bodies_are_classified_json_and_xml() {
    let (emu, creds) = emulator().await;
    let s = emu_session(&emu, &creds);
    let jobs_token = emu
        .issue_token_for(
            &creds.api_key,
            "zoe",
            &["readUsersData", "modifyUsersData", "createJobs"],
        )
        .unwrap();
    let user = s.with_token_source(Arc::new(StaticToken::new(jobs_token.access_token)));

    // XML error body (the emulator answers XML unless asked for JSON).
    let err = user
        .raw(Method::Get, "mcc", "/imcc/v1/workflows")
        .auth(Auth::User)
        .header("accept", "application/xml")
        .send()
        .await
        .unwrap_err();
    match err {
        Error::MissingScope { scope, api } => {
            assert_eq!(scope.as_deref(), Some("createJobs"));
            assert!(
                api.details
                    .as_deref()
                    .is_some_and(|d| d.contains("MediaControlCentre")),
                "{api:?}"
            );
        }
        other => panic!("{other:?}"),
    }
    // The same, JSON.
    let err = user
        .raw(Method::Get, "mcc", "/imcc/v1/workflows")
        .auth(Auth::User)
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::MissingScope { scope: Some(s), .. } if s == "createJobs"),
        "{err:?}"
    );

    let err = send_err(&s, &RECORD, &[&99]).await;
    assert!(
        matches!(&err, Error::NotFound { api } if api.details.as_deref() == Some("No record 99.")),
        "{err:?}"
    );

    // More than 6000 records in one import: 409.
    let mut xml = String::from("<Records>");
    for _ in 0..6001 {
        xml.push_str("<Record><Field name=\"T\">x</Field></Record>");
    }
    xml.push_str("</Records>");
    let err = user
        .request::<serde_json::Value>(&IMPORT, &[&"NativeImagenXML"])
        .xml(xml)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Conflict { .. }), "{err:?}");

    let err = s
        .raw(Method::Get, "mcc", "/imcc/v1/user")
        .auth(Auth::None)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Unauthorized { .. }), "{err:?}");

    emu.set_enabled(&creds.api_key, false).unwrap();
    let err = send_err(&s, &RECORD, &[&1]).await;
    assert!(matches!(err, Error::ApplicationDisabled { .. }), "{err:?}");
}

#[tokio::test]
async fn raw_requests_bypass_the_types() {
    // The types would not let an application session call a user endpoint;
    // the raw path does, and the server refuses.
    let (emu, creds) = emulator().await;
    let s = emu_session(&emu, &creds);
    let err = s
        .raw(Method::Get, "mcc", "/imcc/v1/user")
        .auth(Auth::Application)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Forbidden { .. }), "{err:?}");
    assert_eq!(message(&err), "This resource requires user authentication.");
    let v = s
        .raw(Method::Get, "mcc", "/imcc/v1/profiles?type=Original")
        .send_json()
        .await
        .unwrap();
    let ids: Vec<i64> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["ID"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [1, 5, 6]);
    let err = s
        .raw(Method::Get, "nowhere", "/x")
        .send()
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("unknown host key `nowhere`"),
        "{err}"
    );
    let err = s.raw(Method::Get, "web", "/x").send().await.unwrap_err();
    assert!(err.to_string().contains("IMAGEN_WEB_URL"), "{err}");
}

#[tokio::test]
async fn verify_scopes_names_missing_scopes() {
    let (emu, creds) = emulator().await;
    let (s, log) = recording(emu_builder(&emu, &creds));
    imagen_runtime::verify_scopes(&s, &["readUsersData", "modifyUsersData"], &[])
        .await
        .unwrap();
    let err = imagen_runtime::verify_scopes(&s, &["readUsersData", "createJobs", "roles"], &[])
        .await
        .unwrap_err();
    match &err {
        Error::ScopesNotGranted { missing } => assert_eq!(missing, &["createJobs", "roles"]),
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("MediaControlCentre"));
    emu.grant_scope(&creds.api_key, "createJobs").unwrap();
    emu.grant_scope(&creds.api_key, "roles").unwrap();
    imagen_runtime::verify_scopes(&s, &["readUsersData", "createJobs", "roles"], &[])
        .await
        .unwrap();
    assert!(
        sent(&log)
            .iter()
            .all(|r| r.resource == "/core/v1/application")
    );
}

#[tokio::test]
async fn unserializable_body_and_bad_arity_are_not_sent() {
    let (emu, creds) = emulator().await;
    let (s, log) = recording(emu_builder(&emu, &creds));
    let mut map = std::collections::HashMap::new();
    map.insert((1u8, 2u8), 3u8); // JSON object keys must be strings
    let err = s
        .request::<serde_json::Value>(&CREATE, &[])
        .json(&map)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidRequest { .. }), "{err:?}");
    let err = send_err(&s, &RECORD, &[&1, &2]).await;
    assert!(
        err.to_string().contains("takes 1 path argument(s), got 2"),
        "{err}"
    );
    assert_eq!(sent(&log).len(), 0);
    // Any answer can be ignored.
    let _: serde::de::IgnoredAny = s.request(&RECORD, &[&1]).send().await.unwrap();
    // A raw request may ask for XML, and gets it.
    let answer = s
        .raw(Method::Get, "mcc", "/imcc/v1/record/1")
        .header("accept", "application/xml")
        .send()
        .await
        .unwrap();
    assert_eq!(sent(&log)[1].header("accept"), Some("application/xml"));
    let text = answer.text().unwrap();
    assert!(text.starts_with("<?xml"), "{text}");
    assert!(text.contains("Zoë at the harbour"), "{text}");
    assert_eq!(
        answer.headers["content-type"].to_str().unwrap(),
        "application/xml; charset=utf-8"
    );
}

// ---------------------------------------------------------------------
// Against the scripted server (conditions the emulator cannot produce)
// ---------------------------------------------------------------------

fn session(server: &Server) -> Session {
    Session::builder()
        .api_key(KEY)
        .api_secret(SECRET)
        .mcc_url(&server.url)
        .retry_policy(fast_retries())
        .build()
        .unwrap()
}

/// Answers `ok` to correctly signed requests (server clock = local clock).
fn signed_ok(
    ok: serde_json::Value,
) -> impl Fn(&common::Captured, usize) -> axum::response::Response {
    move |c, _| check_signed(c, SystemTime::now()).unwrap_or_else(|| json(200, ok.clone()))
}

#[tokio::test]
async fn retries_on_502_but_not_on_500() {
    let server = Server::start(|_, _| error(502, "Bad gateway.", "")).await;
    let err = send_err(&session(&server), &MEDIA, &[&1]).await;
    assert_eq!(err.status(), Some(502));
    assert_eq!(server.count(), 4, "1 attempt + 3 retries");

    // 500 is not retryable.
    let server = Server::start(|_, _| error(500, "Failed to search history.", "")).await;
    let err = send_err(&session(&server), &MEDIA, &[&1]).await;
    assert!(matches!(err, Error::Server { .. }));
    assert_eq!(
        err.api().unwrap().message.as_deref(),
        Some("Failed to search history.")
    );
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn json_body_is_utf8_and_signed() {
    let server = Server::start(signed_ok(serde_json::json!({"ok": true}))).await;
    let s = session(&server);
    let _: serde_json::Value = s
        .request(&CREATE, &[])
        .json(&serde_json::json!({"Name": "Zoë"}))
        .send()
        .await
        .unwrap();
    let r = &server.requests()[0];
    assert_eq!(
        r.header("content-type"),
        Some("application/json; charset=utf-8")
    );
    assert_eq!(r.body, "{\"Name\":\"Zoë\"}".as_bytes());
}

#[tokio::test]
async fn invalid_utf8_is_reported_with_offset() {
    let server = Server::start(|_, _| common::bytes(200, b"{\"Name\":\"caf\xe9\"}")).await;
    let err = session(&server)
        .request::<App>(&MEDIA, &[&1])
        .send()
        .await
        .unwrap_err();
    match &err {
        Error::InvalidUtf8 { status, offset } => assert_eq!((*status, *offset), (200, 12)),
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("offset 12"), "{err}");

    // A JSON decoding failure keeps the raw body.
    let server = Server::start(|_, _| common::bytes(200, b"{\"Name\": 42}")).await;
    let err = session(&server)
        .request::<App>(&MEDIA, &[&1])
        .send()
        .await
        .unwrap_err();
    match err {
        Error::Decode { status, body, .. } => {
            assert_eq!(status, 200);
            assert_eq!(body, "{\"Name\": 42}");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn base_url_path_prefix_is_kept() {
    let server = Server::start(|c, _| json(200, serde_json::json!({"path": c.resource}))).await;
    let s = Session::builder()
        .api_key(KEY)
        .api_secret(SECRET)
        .mcc_url(format!("{}/imagen/", server.url))
        .build()
        .unwrap();
    let v: serde_json::Value = s.request(&MEDIA, &[&5]).query("q", 1).send().await.unwrap();
    assert_eq!(v["path"], "/imagen/imcc/v1/media/5?q=1");
}

#[tokio::test]
async fn decode_errors_never_echo_the_secret() {
    // GET /core/v1/application echoes SecretAccessKey; a decoding failure
    // keeps the raw body, but with the secret blanked out.
    let server = Server::start(signed_ok(serde_json::json!({"Application": {
        "SecretAccessKey": SECRET, "Name": 42
    }})))
    .await;
    let s = session(&server);
    let err = s
        .request::<App>(&APPLICATION, &[])
        .send()
        .await
        .unwrap_err();
    match &err {
        Error::Decode { body, .. } => {
            assert!(body.contains("\"Name\":42"), "{body}");
            assert!(body.contains("***"), "{body}");
        }
        other => panic!("{other:?}"),
    }
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains(SECRET), "{shown}");
}
