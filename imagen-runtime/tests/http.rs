//! The runtime over real HTTP on loopback, against small scripted servers
//! (`common`) that check signatures independently.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime};

use common::{Captured, KEY, SECRET, Server, check_signed, error, json};
use imagen_runtime::token::BoxFuture;
use imagen_runtime::{
    AccessToken, Auth, BodyKind, Endpoint, Error, Method, RetryPolicy, Session, StaticToken,
    TokenSource,
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
static IMPORT: Endpoint = ep(
    "records.import",
    Method::Put,
    "/imcc/v1/import/record/{mappingFile}",
    Auth::Application,
    BodyKind::Xml,
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

fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .max_retries(3)
        .initial_backoff(Duration::from_millis(10))
        .max_backoff(Duration::from_millis(50))
}

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
fn signed_ok(ok: serde_json::Value) -> impl Fn(&Captured, usize) -> axum::response::Response {
    move |c, _| check_signed(c, SystemTime::now()).unwrap_or_else(|| json(200, ok.clone()))
}

#[tokio::test]
async fn signed_get_is_accepted_and_envelope_unwrapped() {
    let server = Server::start(signed_ok(
        serde_json::json!({"Application": {"Name": "Zoë", "Scopes": {"Scope": []}}}),
    ))
    .await;
    let app: App = session(&server)
        .request(&APPLICATION, &[])
        .send()
        .await
        .unwrap();
    assert_eq!(app.name, "Zoë");
    let reqs = server.requests();
    assert_eq!(reqs.len(), 1);
    assert_eq!(reqs[0].header("accept"), Some("application/json"));
    assert!(reqs[0].header("authorization").is_none());
}

#[tokio::test]
async fn signed_put_with_xml_body_and_query_is_accepted() {
    let server = Server::start(signed_ok(serde_json::json!({"GUID": "g-1"}))).await;
    let xml = "<Records><Record><Title>Zoë &amp; Jürgen</Title></Record></Records>";
    let answer: serde_json::Value = session(&server)
        .request(&IMPORT, &[&"NativeImagenXML"])
        .query("workflow", "Ingest Zoë")
        .query("searchfield", "a&b=c")
        .xml(xml)
        .send()
        .await
        .unwrap();
    assert_eq!(answer["GUID"], "g-1");
    let r = &server.requests()[0];
    assert_eq!(r.method, "PUT");
    assert_eq!(r.path(), "/imcc/v1/import/record/NativeImagenXML");
    assert_eq!(
        r.header("content-type"),
        Some("application/xml; charset=utf-8")
    );
    assert_eq!(r.body, xml.as_bytes());
    assert_eq!(
        common::query_pairs(r.query().unwrap()),
        [
            ("workflow".to_string(), "Ingest Zoë".to_string()),
            ("searchfield".to_string(), "a&b=c".to_string())
        ]
    );
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
async fn tampered_request_is_rejected() {
    let server = Server::start(signed_ok(serde_json::json!({}))).await;
    // The hook runs after signing: changing the query breaks the signature.
    let s = Session::builder()
        .api_key(KEY)
        .api_secret(SECRET)
        .mcc_url(&server.url)
        .on_request(|req| req.url_mut().set_query(Some("searchID=other")))
        .build()
        .unwrap();
    let err = s
        .request::<serde_json::Value>(&MEDIA, &[&7])
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::SignatureRejected { .. }), "{err:?}");
    assert_eq!(err.status(), Some(401));
    assert!(!err.is_retryable());
    assert_eq!(server.count(), 1, "a rejected signature is not retried");

    // A wrong secret is rejected too.
    let wrong = Session::builder()
        .api_key(KEY)
        .api_secret("not-the-secret")
        .mcc_url(&server.url)
        .build()
        .unwrap();
    let err = wrong
        .request::<serde_json::Value>(&MEDIA, &[&7])
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::SignatureRejected { .. }), "{err:?}");
    assert!(err.to_string().contains("API secret"), "{err}");

    // A tampered body (same length, MD5 now wrong).
    let s = Session::builder()
        .api_key(KEY)
        .api_secret(SECRET)
        .mcc_url(&server.url)
        .on_request(|req| {
            *req.body_mut() = Some("<x>evil</x>".into());
        })
        .build()
        .unwrap();
    let err = s
        .request::<serde_json::Value>(&IMPORT, &[&"m"])
        .xml("<x>good</x>")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::SignatureRejected { .. }), "{err:?}");
}

#[tokio::test]
async fn server_error_503_then_200_is_retried() {
    let server = Server::start(|c, n| {
        if let Some(r) = check_signed(c, SystemTime::now()) {
            return r;
        }
        if n == 0 {
            error(503, "Service unavailable.", "")
        } else {
            json(200, serde_json::json!({"n": n}))
        }
    })
    .await;
    let v: serde_json::Value = session(&server)
        .request(&MEDIA, &[&1])
        .send()
        .await
        .unwrap();
    assert_eq!(v["n"], 1);
    let reqs = server.requests();
    assert_eq!(reqs.len(), 2);
    // Each attempt is signed afresh.
    assert!(reqs[1].header("x-imagen-api-signature").is_some());
}

#[tokio::test]
async fn rate_limited_waits_for_retry_after() {
    let server = Server::start(|_, n| {
        if n == 0 {
            let mut r = error(429, "Too many requests.", "");
            r.headers_mut()
                .insert("retry-after", axum::http::HeaderValue::from_static("1"));
            r
        } else {
            json(200, serde_json::json!("ok"))
        }
    })
    .await;
    let start = Instant::now();
    let v: String = session(&server)
        .request(&MEDIA, &[&1])
        .send()
        .await
        .unwrap();
    assert_eq!(v, "ok");
    assert!(
        start.elapsed() >= Duration::from_secs(1),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn post_is_never_retried() {
    let server = Server::start(|_, _| error(503, "Service unavailable.", "")).await;
    let err = session(&server)
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
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn retries_are_bounded_and_can_be_disabled() {
    let server = Server::start(|_, _| error(502, "Bad gateway.", "")).await;
    let err = session(&server)
        .request::<serde_json::Value>(&MEDIA, &[&1])
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(502));
    assert_eq!(server.count(), 4, "1 attempt + 3 retries");

    let server = Server::start(|_, _| error(503, "Service unavailable.", "")).await;
    let s = Session::builder()
        .api_key(KEY)
        .api_secret(SECRET)
        .mcc_url(&server.url)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let _ = s
        .request::<serde_json::Value>(&MEDIA, &[&1])
        .send()
        .await
        .unwrap_err();
    assert_eq!(server.count(), 1);

    // 500 is not retryable.
    let server = Server::start(|_, _| error(500, "Failed to search history.", "")).await;
    let err = session(&server)
        .request::<serde_json::Value>(&MEDIA, &[&1])
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Server { .. }));
    assert_eq!(
        err.api().unwrap().message.as_deref(),
        Some("Failed to search history.")
    );
    assert_eq!(server.count(), 1);
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
    let err = s
        .request::<serde_json::Value>(&MEDIA, &[&1])
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert!(err.is_retryable());

    // A server slower than the timeout.
    let server = Server::start_delayed(Duration::from_millis(2000), |_, _| {
        json(200, serde_json::json!({}))
    })
    .await;
    let s = Session::builder()
        .api_key(KEY)
        .api_secret(SECRET)
        .mcc_url(&server.url)
        .timeout(Duration::from_millis(150))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let start = Instant::now();
    let err = s
        .request::<serde_json::Value>(&MEDIA, &[&1])
        .send()
        .await
        .unwrap_err();
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
    let v: Result<serde_json::Value, _> = s
        .request(&MEDIA, &[&1])
        .timeout(Duration::from_secs(5))
        .send()
        .await;
    assert!(v.is_ok(), "{v:?}");
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
async fn clock_skew_is_corrected_and_retried_once() {
    let ahead = Duration::from_secs(600);
    let server = Server::start(move |c, _| {
        let server_now = SystemTime::now() + ahead;
        let mut r = check_signed(c, server_now)
            .unwrap_or_else(|| json(200, serde_json::json!({"Application": {"Name": "x"}})));
        r.headers_mut().insert(
            "date",
            axum::http::HeaderValue::from_str(&httpdate::fmt_http_date(server_now)).unwrap(),
        );
        r
    })
    .await;
    let s = session(&server);
    let app: App = s.request(&APPLICATION, &[]).send().await.unwrap();
    assert_eq!(app.name, "x");
    assert_eq!(server.count(), 2, "rejected once, then corrected");
    assert!(
        (598..=602).contains(&s.clock_offset_secs()),
        "{}",
        s.clock_offset_secs()
    );
    // The next request is right the first time.
    let _: App = s.request(&APPLICATION, &[]).send().await.unwrap();
    assert_eq!(server.count(), 3);
}

#[tokio::test]
async fn date_rejected_is_retried_only_once() {
    // A server whose clock keeps jumping: the correction never helps.
    let server = Server::start(|c, n| {
        let server_now = SystemTime::now() + Duration::from_secs(600 * (n as u64 + 1));
        let mut r = check_signed(c, server_now).unwrap_or_else(|| json(200, serde_json::json!({})));
        r.headers_mut().insert(
            "date",
            axum::http::HeaderValue::from_str(&httpdate::fmt_http_date(server_now)).unwrap(),
        );
        r
    })
    .await;
    let err = session(&server)
        .request::<serde_json::Value>(&MEDIA, &[&1])
        .send()
        .await
        .unwrap_err();
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
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn skew_within_the_window_is_learnt_from_date() {
    let server = Server::start(|_, _| {
        let mut r = json(200, serde_json::json!({}));
        r.headers_mut().insert(
            "date",
            axum::http::HeaderValue::from_str(&httpdate::fmt_http_date(
                SystemTime::now() - Duration::from_secs(120),
            ))
            .unwrap(),
        );
        r
    })
    .await;
    let s = session(&server);
    let _: serde_json::Value = s.request(&MEDIA, &[&1]).send().await.unwrap();
    assert!(
        (-122..=-118).contains(&s.clock_offset_secs()),
        "{}",
        s.clock_offset_secs()
    );
    // The next signed date follows the server's clock.
    let _: serde_json::Value = s.request(&MEDIA, &[&1]).send().await.unwrap();
    let sent =
        httpdate::parse_http_date(server.requests()[1].header("x-imagen-date").unwrap()).unwrap();
    let behind = SystemTime::now().duration_since(sent).unwrap();
    assert!(
        behind >= Duration::from_secs(117) && behind <= Duration::from_secs(123),
        "{behind:?}"
    );
}

fn user_server(
    accept: &'static [&'static str],
) -> impl Fn(&Captured, usize) -> axum::response::Response {
    move |c, _| {
        if c.header("x-imagen-api-signature").is_some() {
            return error(400, "unexpected signature", "");
        }
        if c.header("x-imagen-api-key") != Some(KEY) {
            return error(401, "Unknown API key.", "");
        }
        match c
            .header("authorization")
            .and_then(|a| a.strip_prefix("Bearer "))
        {
            Some(t) if accept.contains(&t) => {
                json(200, serde_json::json!({"Username": "zoë", "Token": t}))
            }
            Some(_) => error(401, "The access token is invalid or has expired.", ""),
            None => error(403, "This resource requires user authentication.", ""),
        }
    }
}

#[tokio::test]
async fn user_context_with_static_token() {
    let server = Server::start(user_server(&["tok-1"])).await;
    let app = session(&server);
    let user = app.with_token_source(Arc::new(StaticToken::new("tok-1")));
    let v: serde_json::Value = user.request(&USER, &[]).send().await.unwrap();
    assert_eq!(v["Username"], "zoë");
    // `Any` endpoints use the token when there is one…
    let v: serde_json::Value = user
        .request(&SEARCH, &[])
        .query("query", "x")
        .send()
        .await
        .unwrap();
    assert_eq!(v["Token"], "tok-1");
    assert_eq!(server.count(), 2);

    // …and an application session cannot make user requests at all.
    let err = app
        .request::<serde_json::Value>(&USER, &[])
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Config { .. }), "{err:?}");
    assert_eq!(server.count(), 2, "nothing was sent");

    // A fixed token the server rejects: no refresh possible.
    let stale = app.with_token_source(Arc::new(StaticToken::new("tok-old")));
    let err = stale
        .request::<serde_json::Value>(&USER, &[])
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::ReauthorizationRequired { .. }),
        "{err:?}"
    );
    assert_eq!(server.count(), 3);
}

/// Hands out `first`, and `refreshed` on refresh; counts refreshes.
struct Counting {
    first: &'static str,
    refreshed: &'static str,
    refreshes: AtomicUsize,
}

impl TokenSource for Counting {
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, Error>> {
        Box::pin(async move { Ok(AccessToken::new(self.first)) })
    }
    fn refresh(&self, rejected: &AccessToken) -> BoxFuture<'_, Result<AccessToken, Error>> {
        assert_eq!(rejected.secret(), self.first);
        self.refreshes.fetch_add(1, Ordering::SeqCst);
        Box::pin(async move { Ok(AccessToken::new(self.refreshed)) })
    }
}

#[tokio::test]
async fn token_rejected_is_refreshed_once() {
    let server = Server::start(user_server(&["fresh"])).await;
    let source = Arc::new(Counting {
        first: "expired",
        refreshed: "fresh",
        refreshes: AtomicUsize::new(0),
    });
    let user = session(&server).with_token_source(source.clone());
    let v: serde_json::Value = user.request(&USER, &[]).send().await.unwrap();
    assert_eq!(v["Token"], "fresh");
    assert_eq!(source.refreshes.load(Ordering::SeqCst), 1);
    assert_eq!(server.count(), 2);

    // A refreshed token that is rejected too: one refresh, then the error.
    let server = Server::start(user_server(&[])).await;
    let source = Arc::new(Counting {
        first: "expired",
        refreshed: "also-bad",
        refreshes: AtomicUsize::new(0),
    });
    let user = session(&server).with_token_source(source.clone());
    let err = user
        .request::<serde_json::Value>(&USER, &[])
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::TokenRejected { .. }), "{err:?}");
    assert_eq!(source.refreshes.load(Ordering::SeqCst), 1);
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn path_arguments_stay_one_segment() {
    let server = Server::start(|c, _| {
        check_signed(c, SystemTime::now()).unwrap_or_else(|| {
            let rest = c.path().strip_prefix("/imcc/v1/media/").unwrap_or("<wrong prefix>");
            json(200, serde_json::json!({"raw": rest, "segments": rest.split('/').count(), "decoded": common::percent_decode(rest), "query": c.query()}))
        })
    })
    .await;
    let s = session(&server);
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
        let v: serde_json::Value = s.request(&MEDIA, &[&value]).send().await.unwrap();
        assert_eq!(v["segments"], 1, "{value}: {v}");
        assert_eq!(v["decoded"], value, "{value}: {v}");
        assert_eq!(v["query"], serde_json::Value::Null, "{value}: {v}");
    }
    let sent = server.count();
    for value in ["..", ".", ""] {
        let err = s
            .request::<serde_json::Value>(&MEDIA, &[&value])
            .send()
            .await
            .unwrap_err();
        assert!(
            matches!(err, Error::InvalidRequest { .. }),
            "{value}: {err:?}"
        );
    }
    assert_eq!(server.count(), sent, "refused values are never sent");
}

#[tokio::test]
async fn error_bodies_are_classified_json_and_xml() {
    let server = Server::start(|c, _| match c.path() {
        "/imcc/v1/media/scope" => {
            let mut r = common::bytes(
                403,
                b"<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Message>The application lacks the scope 'createJobs' required by this resource.</Message><Details>see MCC</Details></Error>",
            );
            r.headers_mut().insert("content-type", axum::http::HeaderValue::from_static("application/xml"));
            r
        }
        "/imcc/v1/media/disabled" => error(403, "The application is disabled.", ""),
        "/imcc/v1/media/missing" => error(404, "No such media.", "ID 9"),
        "/imcc/v1/media/conflict" => error(409, "Busy.", ""),
        _ => error(401, "Some authentication must be supplied.", ""),
    })
    .await;
    let s = session(&server);
    let get = |id: &'static str| {
        let s = s.clone();
        async move {
            s.request::<serde_json::Value>(&MEDIA, &[&id])
                .send()
                .await
                .unwrap_err()
        }
    };
    match get("scope").await {
        Error::MissingScope { scope, api } => {
            assert_eq!(scope.as_deref(), Some("createJobs"));
            assert_eq!(api.details.as_deref(), Some("see MCC"));
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        get("disabled").await,
        Error::ApplicationDisabled { .. }
    ));
    let e = get("missing").await;
    assert!(
        matches!(&e, Error::NotFound { api } if api.details.as_deref() == Some("ID 9")),
        "{e:?}"
    );
    assert!(matches!(get("conflict").await, Error::Conflict { .. }));
    assert!(matches!(get("other").await, Error::Unauthorized { .. }));
}

#[tokio::test]
async fn raw_requests_bypass_the_types() {
    // The types would not let an application session call a user endpoint;
    // the raw path does, and the server refuses.
    let server = Server::start(|c, _| {
        if let Some(r) = check_signed(c, SystemTime::now()) {
            return r;
        }
        if c.path() == "/imcc/v1/user" {
            error(403, "This resource requires user authentication.", "")
        } else {
            json(200, serde_json::json!({"path": c.resource}))
        }
    })
    .await;
    let s = session(&server);
    let err = s
        .raw(Method::Get, "mcc", "/imcc/v1/user")
        .auth(Auth::Application)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Forbidden { .. }), "{err:?}");
    let v = s
        .raw(Method::Get, "mcc", "/imcc/v1/profiles?type=Original")
        .send_json()
        .await
        .unwrap();
    assert_eq!(v["path"], "/imcc/v1/profiles?type=Original");
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
    let server = Server::start(signed_ok(serde_json::json!({"Application": {
        "APIKey": KEY, "SecretAccessKey": SECRET, "Name": "App",
        "Scopes": {"Scope": [
            {"Name": "readUsersData", "Description": "View"},
            {"Name": "modifyUsersData", "Description": "Modify"}
        ]}
    }})))
    .await;
    let s = session(&server);
    imagen_runtime::verify_scopes(&s, &["readUsersData", "modifyUsersData"])
        .await
        .unwrap();
    let err = imagen_runtime::verify_scopes(&s, &["readUsersData", "createJobs", "roles"])
        .await
        .unwrap_err();
    match &err {
        Error::ScopesNotGranted { missing } => assert_eq!(missing, &["createJobs", "roles"]),
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("MediaControlCentre"));
    assert!(
        server
            .requests()
            .iter()
            .all(|r| r.path() == "/core/v1/application")
    );
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

#[tokio::test]
async fn unserializable_body_and_bad_arity_are_not_sent() {
    let server = Server::start(|_, _| json(200, serde_json::json!({}))).await;
    let s = session(&server);
    let mut map = std::collections::HashMap::new();
    map.insert((1u8, 2u8), 3u8); // JSON object keys must be strings
    let err = s
        .request::<serde_json::Value>(&CREATE, &[])
        .json(&map)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidRequest { .. }), "{err:?}");
    let err = s
        .request::<serde_json::Value>(&MEDIA, &[&1, &2])
        .send()
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("takes 1 path argument(s), got 2"),
        "{err}"
    );
    assert_eq!(server.count(), 0);
    // Any answer can be ignored.
    let _: serde::de::IgnoredAny = s.request(&MEDIA, &[&1]).send().await.unwrap();
    // A raw request may ask for XML.
    let _ = s
        .raw(Method::Get, "mcc", "/x")
        .header("accept", "application/xml")
        .send()
        .await
        .unwrap();
    assert_eq!(
        server.requests()[1].header("accept"),
        Some("application/xml")
    );
}
