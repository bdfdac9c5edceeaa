//! Per-request overhead: a generated call through `imagen_runtime::api`
//! vs a hand-written reqwest call with the same headers, the same signing
//! and the same decoding, against one loopback server.
//!
//! The server (axum, its own single-threaded runtime on its own thread)
//! answers fixed JSON bodies on `127.0.0.1:<ephemeral port>`:
//! - `GET /imcc/v1/profiles` (the built-in API's `profiles.list`, `auth: none`);
//! - `GET /core/v1/application` (`application.get`, `auth: application`,
//!   answered with `{"Application": {…}}`), 401 unless the request carries a
//!   signature header.
//!
//! Both sides use the same `reqwest::Client` (the session's), send `Accept:
//! application/json`, have a 30 s per-request timeout, and decode into the
//! generated types. The hand-written signed call uses the runtime's own
//! `signing::Signer` on the `reqwest::Request`, so the signature cost is the
//! same and the difference is the runtime's request path (URL building,
//! tracing spans, the retry loop, `Date` observation, strict decoding).
//!
//! Measured in rounds that alternate the two sides; per round the mean time
//! per request (sequential) or the wall time of `concurrency` tasks sharing
//! the round's requests (concurrent, i.e. inverse throughput); medians over
//! rounds.

use imagen_runtime::api::HostUrls as _;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime};

use imagen_runtime::api::Client;
use imagen_runtime::api::types::{Application, ApplicationType, Profile, Scope};
use imagen_runtime::signing::Signer;
use imagen_runtime::{ApiKey, ApiSecret, RetryPolicy, Session};
use reqwest::header::{ACCEPT, HeaderValue};

use crate::stats::{median, process_cpu};

pub const KEY: &str = "bench-key";
pub const SECRET: &str = "bench-secret-0123456789";

const PROFILES: &str = r#"[{"ID":1,"Name":"Original","Type":"Original","Usage":"Video"},{"ID":2,"Name":"Proxy","Type":"Rendition","Usage":"Video","Attributes":{"Width":"640","Height":"360"}},{"ID":3,"Name":"Thumb","Type":"Rendition","Usage":"Image"}]"#;
const APPLICATION: &str = r#"{"Application":{"APIKey":"bench-key","Name":"Bench","Created":"2020-01-31T12:00:00Z","Enabled":1,"ApplicationType":"installed","Scopes":{"Scope":[{"Name":"readUsersData"},{"Name":"modifyUsersData"}]}}}"#;

/// A running loopback server; stops when dropped.
pub struct Server {
    pub addr: SocketAddr,
    /// Requests the OAuth token endpoint (`POST /oauth/token`) answered.
    pub token_requests: Arc<AtomicUsize>,
    _runtime: tokio::runtime::Runtime,
}

/// The access token the bench's token endpoint issues.
pub const FRESH_TOKEN: &str = "bench-fresh-access-token";
/// The user-context path of the bench server: 200 for [`FRESH_TOKEN`],
/// 401 "token invalid or expired" for any other bearer token.
pub const USER_PATH: &str = "/bench/user";

impl Server {
    pub fn start() -> std::io::Result<Server> {
        use axum::http::{HeaderMap, StatusCode, header};
        use axum::routing::get;

        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("bench-server")
            .enable_all()
            .build()?;
        let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))?;
        let addr = listener.local_addr()?;
        const JSON: [(header::HeaderName, &str); 1] =
            [(header::CONTENT_TYPE, "application/json; charset=utf-8")];
        let app = axum::Router::new()
            .route("/imcc/v1/profiles", get(|| async { (JSON, PROFILES) }))
            .route(
                "/core/v1/application",
                get(|headers: HeaderMap| async move {
                    if headers.contains_key("x-imagen-api-signature")
                        && headers.contains_key("x-imagen-date")
                    {
                        (StatusCode::OK, JSON, APPLICATION)
                    } else {
                        (
                            StatusCode::UNAUTHORIZED,
                            JSON,
                            r#"{"Error":{"Message":"Some authentication must be supplied."}}"#,
                        )
                    }
                }),
            );
        let token_requests = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&token_requests);
        let app = app
            .route(
                "/oauth/token",
                axum::routing::post(move || {
                    let counter = Arc::clone(&counter);
                    async move {
                        counter.fetch_add(1, Ordering::SeqCst);
                        (
                            JSON,
                            format!(
                                r#"{{"access_token":"{FRESH_TOKEN}","token_type":"bearer","expires_in":3600,"refresh_token":"bench-refresh-2","scope":"readUsersData"}}"#
                            ),
                        )
                    }
                }),
            )
            .route(
                USER_PATH,
                get(|headers: HeaderMap| async move {
                    let fresh = headers
                        .get(header::AUTHORIZATION)
                        .and_then(|v| v.to_str().ok())
                        .is_some_and(|v| v == format!("Bearer {FRESH_TOKEN}"));
                    if fresh {
                        (StatusCode::OK, JSON, r#"{"User":"zoe"}"#)
                    } else {
                        (
                            StatusCode::UNAUTHORIZED,
                            JSON,
                            r#"{"Error":{"Message":"The access token is invalid or has expired."}}"#,
                        )
                    }
                }),
            );
        runtime.spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(Server {
            addr,
            token_requests,
            _runtime: runtime,
        })
    }

    pub fn base(&self) -> String {
        format!("http://{}", self.addr)
    }
}

/// The hand-written client: what one would write with reqwest directly.
#[derive(Clone)]
pub struct HandWritten {
    client: reqwest::Client,
    base: String,
    signer: Arc<Signer>,
}

const TIMEOUT: Duration = Duration::from_secs(30);

impl HandWritten {
    pub fn new(client: reqwest::Client, base: String) -> Self {
        HandWritten {
            client,
            base,
            signer: Arc::new(Signer::new(ApiKey::new(KEY), ApiSecret::new(SECRET))),
        }
    }

    async fn get(&self, path: &str, sign: bool) -> Result<bytes::Bytes, String> {
        let mut req = self
            .client
            .get(format!("{}{path}", self.base))
            .header(ACCEPT, HeaderValue::from_static("application/json"))
            .timeout(TIMEOUT)
            .build()
            .map_err(|e| e.to_string())?;
        if sign {
            self.signer.sign(&mut req, SystemTime::now());
        }
        let resp = self.client.execute(req).await.map_err(|e| e.to_string())?;
        if !resp.status().is_success() {
            return Err(format!("HTTP {}", resp.status()));
        }
        resp.bytes().await.map_err(|e| e.to_string())
    }

    pub async fn profiles(&self) -> Result<Vec<Profile>, String> {
        let body = self.get("/imcc/v1/profiles", false).await?;
        serde_json::from_slice(&body).map_err(|e| e.to_string())
    }

    /// The answer's JSON is not the generated type's serde model (the
    /// scopes come wrapped, `"Scopes": {"Scope": [...]}`), so the
    /// hand-written call decodes the keys it knows with serde and builds
    /// the generated type from them, as one would by hand.
    pub async fn application(&self) -> Result<Application, String> {
        #[derive(serde::Deserialize)]
        struct Envelope {
            #[serde(rename = "Application")]
            application: Fields,
        }
        #[derive(serde::Deserialize)]
        struct Fields {
            #[serde(rename = "APIKey", default)]
            api_key: Option<String>,
            #[serde(rename = "Name")]
            name: String,
            #[serde(rename = "Created", default)]
            created: Option<String>,
            #[serde(
                rename = "Enabled",
                default,
                with = "imagen_runtime::wire::formats::flag::option"
            )]
            enabled: Option<bool>,
            #[serde(rename = "ApplicationType", default)]
            application_type: Option<ApplicationType>,
            #[serde(rename = "Scopes", default)]
            scopes: Option<Scopes>,
        }
        #[derive(serde::Deserialize)]
        struct Scopes {
            #[serde(rename = "Scope", default)]
            scope: Vec<Scope>,
        }
        let body = self.get("/core/v1/application", true).await?;
        let f = serde_json::from_slice::<Envelope>(&body)
            .map_err(|e| e.to_string())?
            .application;
        Ok(Application {
            api_key: f.api_key,
            secret_access_key: None,
            name: f.name,
            created: f.created,
            enabled: f.enabled,
            redirect_uri: None,
            contact: None,
            website: None,
            description: None,
            logo: None,
            developer_email: None,
            application_type: f.application_type,
            database_id: None,
            scopes: f.scopes.map(|s| s.scope),
        })
    }
}

/// Which endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Call {
    /// `profiles.list`: unsigned.
    Profiles,
    /// `application.get`: signed.
    Application,
}

impl Call {
    pub fn label(self) -> &'static str {
        match self {
            Call::Profiles => "profiles().list() (auth none)",
            Call::Application => "application().get() (signed)",
        }
    }
}

/// One (call, concurrency) comparison.
#[derive(Debug, Clone)]
pub struct OverheadResult {
    pub call: Call,
    pub concurrency: usize,
    /// Requests per side in the interleaved measurement.
    pub requests: usize,
    /// Median latency per request, interleaved (ours, hand-written, ours, …).
    pub ours_median: Duration,
    pub hand_median: Duration,
    /// Mean latency per request, interleaved.
    pub ours_mean: Duration,
    pub hand_mean: Duration,
    /// Rounds of the throughput measurement.
    pub rounds: usize,
    /// Wall time per request of whole rounds of one side only, median over
    /// alternating rounds (inverse throughput).
    pub ours_round: Duration,
    pub hand_round: Duration,
    /// CPU time of the whole process (client and server threads) per
    /// request in those rounds, median: the server's share is the same for
    /// both sides, so the difference is the client's.
    pub ours_cpu: Duration,
    pub hand_cpu: Duration,
}

/// One generated call (panics on failure: the bench server always answers).
pub async fn ours_once(client: &Client, call: Call) {
    let ok = match call {
        Call::Profiles => client.profiles().list().send().await.map(|v| v.len()),
        Call::Application => client.application().get().send().await.map(|_| 1),
    };
    if let Err(e) = ok {
        panic!("generated call failed: {e}");
    }
}

/// One hand-written call (panics on failure).
pub async fn hand_once(hand: &HandWritten, call: Call) {
    let ok = match call {
        Call::Profiles => hand.profiles().await.map(|v| v.len()),
        Call::Application => hand.application().await.map(|_| 1),
    };
    if let Err(e) = ok {
        panic!("hand-written call failed: {e}");
    }
}

/// Runs `requests` calls made by `one` with `concurrency` tasks; returns the
/// wall time and the process's CPU time, each divided by `requests`.
pub async fn round<F, Fut>(requests: usize, concurrency: usize, one: F) -> (Duration, Duration)
where
    F: Fn() -> Fut + Clone + Send + 'static,
    Fut: Future<Output = ()> + Send,
{
    let cpu = process_cpu();
    let started = Instant::now();
    let per_task = requests / concurrency.max(1);
    let mut tasks = Vec::with_capacity(concurrency);
    for _ in 0..concurrency.max(1) {
        let one = one.clone();
        tasks.push(tokio::spawn(async move {
            for _ in 0..per_task {
                one().await;
            }
        }));
    }
    for t in tasks {
        t.await.expect("request task panicked");
    }
    let n = requests.max(1) as u32;
    (started.elapsed() / n, process_cpu().saturating_sub(cpu) / n)
}

/// `concurrency` tasks, each making `pairs` pairs of calls, alternating
/// which side goes first; returns every latency of each side.
async fn interleaved(
    client: &Client,
    hand: &HandWritten,
    call: Call,
    concurrency: usize,
    pairs: usize,
) -> (Vec<Duration>, Vec<Duration>) {
    let mut tasks = Vec::with_capacity(concurrency);
    for task in 0..concurrency.max(1) {
        let client = client.clone();
        let hand = hand.clone();
        tasks.push(tokio::spawn(async move {
            let mut ours = Vec::with_capacity(pairs);
            let mut hw = Vec::with_capacity(pairs);
            for i in 0..pairs {
                let ours_first = (i + task) % 2 == 0;
                for step in 0..2 {
                    let is_ours = (step == 0) == ours_first;
                    let t = Instant::now();
                    if is_ours {
                        ours_once(&client, call).await;
                        ours.push(t.elapsed());
                    } else {
                        hand_once(&hand, call).await;
                        hw.push(t.elapsed());
                    }
                }
            }
            (ours, hw)
        }));
    }
    let mut ours = Vec::new();
    let mut hw = Vec::new();
    for t in tasks {
        let (o, h) = t.await.expect("request task panicked");
        ours.extend(o);
        hw.extend(h);
    }
    (ours, hw)
}

fn mean(v: &[Duration]) -> Duration {
    if v.is_empty() {
        return Duration::ZERO;
    }
    v.iter().sum::<Duration>() / v.len() as u32
}

/// What both sides of a measurement run against: one loopback server, a
/// two-thread runtime, and the generated client and the hand-written calls
/// sharing one HTTP client (no retries, so a failure shows).
pub struct Sides {
    /// Kept alive for the measurement.
    pub _server: Server,
    pub runtime: tokio::runtime::Runtime,
    pub hand: HandWritten,
    pub client: Client,
}

impl Sides {
    pub fn start() -> std::io::Result<Sides> {
        let server = Server::start()?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()?;
        let session = Session::builder()
            .api_key(KEY)
            .api_secret(SECRET)
            .mcc_url(server.base())
            .retry_policy(RetryPolicy::none())
            .build()
            .map_err(std::io::Error::other)?;
        let hand = HandWritten::new(session.http_client().clone(), server.base());
        Ok(Sides {
            _server: server,
            runtime,
            hand,
            client: Client::new(session),
        })
    }
}

/// Measures both sides for each call and concurrency: first `requests`
/// interleaved pairs (latency per request), then `rounds` alternating
/// rounds of `requests` calls of one side (inverse throughput).
pub fn measure(
    calls: &[Call],
    concurrencies: &[usize],
    rounds: usize,
    requests: usize,
    progress: &mut dyn FnMut(&str),
) -> std::io::Result<Vec<OverheadResult>> {
    let Sides {
        _server,
        runtime,
        hand,
        client,
    } = Sides::start()?;
    let mut out = Vec::new();
    for &call in calls {
        for &concurrency in concurrencies {
            let concurrency = concurrency.max(1);
            let requests = requests.div_ceil(concurrency) * concurrency;
            let r = runtime.block_on(async {
                // Warm-up: connections, allocator, caches.
                interleaved(&client, &hand, call, concurrency, 64 / concurrency + 16).await;
                let (o, h) =
                    interleaved(&client, &hand, call, concurrency, requests / concurrency).await;
                let ours_fn = {
                    let client = client.clone();
                    move || {
                        let client = client.clone();
                        async move { ours_once(&client, call).await }
                    }
                };
                let hand_fn = {
                    let hand = hand.clone();
                    move || {
                        let hand = hand.clone();
                        async move { hand_once(&hand, call).await }
                    }
                };
                let mut ours_rounds = Vec::new();
                let mut hand_rounds = Vec::new();
                for i in 0..rounds {
                    if i % 2 == 0 {
                        ours_rounds.push(round(requests, concurrency, ours_fn.clone()).await);
                        hand_rounds.push(round(requests, concurrency, hand_fn.clone()).await);
                    } else {
                        hand_rounds.push(round(requests, concurrency, hand_fn.clone()).await);
                        ours_rounds.push(round(requests, concurrency, ours_fn.clone()).await);
                    }
                }
                let wall =
                    |v: &[(Duration, Duration)]| median(&v.iter().map(|x| x.0).collect::<Vec<_>>());
                let cpu =
                    |v: &[(Duration, Duration)]| median(&v.iter().map(|x| x.1).collect::<Vec<_>>());
                OverheadResult {
                    call,
                    concurrency,
                    requests,
                    ours_median: median(&o),
                    hand_median: median(&h),
                    ours_mean: mean(&o),
                    hand_mean: mean(&h),
                    rounds,
                    ours_round: wall(&ours_rounds),
                    hand_round: wall(&hand_rounds),
                    ours_cpu: cpu(&ours_rounds),
                    hand_cpu: cpu(&hand_rounds),
                }
            });
            progress(&format!(
                "  {} x{concurrency}: median ours {:.1} µs, hand-written {:.1} µs; rounds ours {:.1} µs/req, hand-written {:.1} µs/req; CPU ours {:.1} µs/req, hand-written {:.1} µs/req",
                call.label(),
                r.ours_median.as_secs_f64() * 1e6,
                r.hand_median.as_secs_f64() * 1e6,
                r.ours_round.as_secs_f64() * 1e6,
                r.hand_round.as_secs_f64() * 1e6,
                r.ours_cpu.as_secs_f64() * 1e6,
                r.hand_cpu.as_secs_f64() * 1e6,
            ));
            out.push(r);
        }
    }
    Ok(out)
}
