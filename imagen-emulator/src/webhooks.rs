//! Webhooks: registration with the creation handshake, events from the
//! store's changes, batching, delivery with retries, and the delivery log.
//!
//! What the vendor documents, and the emulator does: a webhook belongs to an
//! application; on creation Imagen calls the callback URL with a
//! `challenge` query parameter and creates the webhook only if the answer is
//! 200 with the challenge in its body; events are POSTed as XML, batched
//! into as few requests as possible with a cap per request; any 2xx counts
//! as received, any other answer is retried 3 times with exponentially
//! growing delays, then the batch is dropped.
//!
//! What it does not document, and the emulator assumes (each configurable
//! through [`crate::Builder`] where a test may care):
//! - the handshake is a `GET`, and "includes the challenge" means the body
//!   contains it (an exact echo passes too);
//! - the event document (`<Events><Event><ID/><Type/><Time/>…`), the event
//!   types (`RecordCreated`, `RecordUpdated`, `RecordDeleted`,
//!   `MediaDeleted`, `JobStateChanged`) and their data elements, as in
//!   `imagen_runtime::webhook`;
//! - every webhook receives every event of the (one) database, unless it
//!   was registered for some types only;
//! - the batch window (100 ms), the cap per POST (100 events), the retry
//!   delays (1 s, 2 s, 4 s), the time allowed per attempt (10 s);
//! - no request header or signature identifies Imagen.
//!
//! Registration is by the admin API or [`crate::Emulator::register_webhook`]
//! only: the vendor describes ImagenWeb's Webhooks tab (a page), not an
//! endpoint to emulate.
//!
//! How it stays out of the way: handlers note changes in the store's
//! outbox ([`Store::emit`](crate::store::Store::emit)) while they hold its
//! lock; releasing the lock hands them to an unbounded channel with its own
//! count, refused past the queue limit (the events are dropped and
//! counted), so request handling never waits on a delivery. One dispatcher
//! task batches what arrives within the window and starts one delivery per
//! webhook and batch, at most [`MAX_IN_FLIGHT`] at once. Only loopback URLs
//! are accepted, redirects are not followed and proxies are not used, so
//! the emulator never calls out of the machine.

use std::collections::VecDeque;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime};

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get};
use serde::Deserialize;
use serde_json::{Value, json};
use tokio::sync::{Semaphore, mpsc, watch};
use tokio::task::JoinSet;

use crate::error::ApiError;
use crate::extract::Req;
use crate::spec::Error;
use crate::state::{AppState, Shared};
use crate::store::{Change, iso8601, random_guid, random_hex};
use crate::xml::Node;

/// Retries after the first attempt (the vendor's number).
pub const RETRIES: usize = 3;
/// Deliveries running at once; further batches wait in the queue.
pub const MAX_IN_FLIGHT: usize = 16;
/// Deliveries kept in the log (the oldest go first).
pub const LOG_LIMIT: usize = 1000;
/// Largest handshake answer read, in bytes.
const MAX_CHALLENGE_ANSWER: usize = 64 * 1024;

/// The event types the emulator sends.
pub const EVENT_TYPES: &[&str] = &[
    "RecordCreated",
    "RecordUpdated",
    "RecordDeleted",
    "MediaDeleted",
    "JobStateChanged",
];

/// Timings and bounds of deliveries (see the [`crate::Builder`] setters).
#[derive(Debug, Clone)]
pub(crate) struct Config {
    pub batch_window: Duration,
    pub batch_max: usize,
    pub queue_limit: usize,
    pub retry_base: Duration,
    pub timeout: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            batch_window: Duration::from_millis(100),
            batch_max: 100,
            queue_limit: 10_000,
            retry_base: Duration::from_secs(1),
            timeout: Duration::from_secs(10),
        }
    }
}

impl Config {
    /// The delay before retry `n` (1-based): base, 2 × base, 4 × base.
    fn delay(&self, n: usize) -> Duration {
        self.retry_base
            .saturating_mul(1u32 << (n.saturating_sub(1).min(16) as u32))
    }
}

/// A registered webhook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Webhook {
    /// Its ID (a GUID).
    pub id: String,
    /// The application it belongs to.
    pub api_key: String,
    /// The callback URL (loopback).
    pub url: String,
    /// The event types it receives; empty: all of them.
    pub events: Vec<String>,
}

impl Webhook {
    fn wants(&self, kind: &str) -> bool {
        self.events.is_empty() || self.events.iter().any(|e| e == kind)
    }

    fn to_json(&self) -> Value {
        json!({"id": self.id, "api_key": self.api_key, "url": self.url, "events": self.events})
    }
}

/// How a delivery ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryOutcome {
    /// Still trying.
    Pending,
    /// An attempt was answered 2xx.
    Delivered,
    /// The first attempt and every retry failed; the batch was dropped.
    GaveUp,
}

impl DeliveryOutcome {
    fn as_str(self) -> &'static str {
        match self {
            DeliveryOutcome::Pending => "pending",
            DeliveryOutcome::Delivered => "delivered",
            DeliveryOutcome::GaveUp => "gave_up",
        }
    }
}

/// One POST of a delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    /// 1 for the first attempt, 2–4 for the retries.
    pub number: usize,
    /// When it started, from the emulator's start.
    pub at: Duration,
    /// The delay waited before it (zero for the first).
    pub delay: Duration,
    /// The answer's status, when there was one.
    pub status: Option<u16>,
    /// Why there was no answer (connection refused, timeout, …).
    pub error: Option<String>,
}

/// One batch sent to one webhook, with its attempts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// Its number, in the order deliveries started.
    pub id: u64,
    /// The webhook it went to.
    pub webhook_id: String,
    /// The callback URL.
    pub url: String,
    /// The IDs of its events, in document order.
    pub event_ids: Vec<String>,
    /// Their types, in the same order.
    pub event_types: Vec<String>,
    /// The attempts so far.
    pub attempts: Vec<Attempt>,
    /// How it ended.
    pub outcome: DeliveryOutcome,
}

impl Delivery {
    fn to_json(&self) -> Value {
        let attempts: Vec<Value> = self
            .attempts
            .iter()
            .map(|a| {
                json!({
                    "number": a.number,
                    "at_ms": a.at.as_millis() as u64,
                    "delay_ms": a.delay.as_millis() as u64,
                    "status": a.status,
                    "error": a.error,
                })
            })
            .collect();
        json!({
            "id": self.id,
            "webhook_id": self.webhook_id,
            "url": self.url,
            "event_ids": self.event_ids,
            "event_types": self.event_types,
            "outcome": self.outcome.as_str(),
            "attempts": attempts,
        })
    }
}

/// An event on its way.
#[derive(Debug, Clone)]
pub(crate) struct Event {
    id: String,
    kind: &'static str,
    time: String,
    data: Vec<(&'static str, String)>,
}

/// The webhook side of the shared state.
pub(crate) struct Hooks {
    config: Config,
    registry: Mutex<Vec<Webhook>>,
    /// Webhooks registered: changes are dropped at once while it is 0.
    registered: AtomicUsize,
    tx: mpsc::UnboundedSender<Vec<Event>>,
    /// Events in the channel, for the queue limit.
    queued: AtomicUsize,
    /// Events not yet batched plus deliveries not yet finished: 0 when
    /// everything has settled.
    pending: watch::Sender<usize>,
    log: Mutex<VecDeque<Delivery>>,
    dropped: AtomicU64,
    next_delivery: AtomicU64,
    started: Instant,
    client: reqwest::Client,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Hooks {
    /// The hooks, and the receiving end that [`dispatch`] takes.
    pub(crate) fn new(
        config: Config,
    ) -> Result<(Arc<Hooks>, mpsc::UnboundedReceiver<Vec<Event>>), Error> {
        let client = reqwest::Client::builder()
            .no_proxy()
            .redirect(reqwest::redirect::Policy::none())
            // `localhost` always means this machine, whatever DNS says.
            .resolve("localhost", SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
            .build()
            .map_err(|e| Error::Io(std::io::Error::other(e)))?;
        let (tx, rx) = mpsc::unbounded_channel();
        let hooks = Hooks {
            config,
            registry: Mutex::new(Vec::new()),
            registered: AtomicUsize::new(0),
            tx,
            queued: AtomicUsize::new(0),
            pending: watch::Sender::new(0),
            log: Mutex::new(VecDeque::new()),
            dropped: AtomicU64::new(0),
            next_delivery: AtomicU64::new(1),
            started: Instant::now(),
            client,
        };
        Ok((Arc::new(hooks), rx))
    }

    /// Hand the changes of one lock section to the queue (never waits).
    pub(crate) fn enqueue(&self, changes: Vec<Change>, now: SystemTime) {
        let n = changes.len();
        if n == 0 || self.registered.load(Ordering::SeqCst) == 0 {
            return;
        }
        let before = self.queued.fetch_add(n, Ordering::SeqCst);
        if before.saturating_add(n) > self.config.queue_limit {
            self.queued.fetch_sub(n, Ordering::SeqCst);
            self.dropped.fetch_add(n as u64, Ordering::SeqCst);
            tracing::warn!(
                events = n,
                limit = self.config.queue_limit,
                "imagen emulator: webhook queue full, events dropped"
            );
            return;
        }
        let time = iso8601(now);
        let events = changes
            .into_iter()
            .map(|c| Event {
                id: random_guid(),
                kind: c.kind,
                time: time.clone(),
                data: c.data,
            })
            .collect();
        self.pending.send_modify(|p| *p += n);
        if self.tx.send(events).is_err() {
            // The dispatcher is gone (the emulator is stopping).
            self.queued.fetch_sub(n, Ordering::SeqCst);
            self.pending.send_modify(|p| *p = p.saturating_sub(n));
        }
    }

    /// Waits until no event is queued and no delivery is running.
    pub(crate) async fn settled(&self) {
        let mut rx = self.pending.subscribe();
        let _ = rx.wait_for(|n| *n == 0).await;
    }

    pub(crate) fn deliveries(&self) -> Vec<Delivery> {
        lock(&self.log).iter().cloned().collect()
    }

    pub(crate) fn dropped(&self) -> u64 {
        self.dropped.load(Ordering::SeqCst)
    }

    pub(crate) fn webhooks_of(&self, api_key: &str) -> Vec<Webhook> {
        lock(&self.registry)
            .iter()
            .filter(|w| w.api_key == api_key)
            .cloned()
            .collect()
    }

    pub(crate) fn remove(&self, id: &str) -> Result<(), Error> {
        let mut reg = lock(&self.registry);
        let before = reg.len();
        reg.retain(|w| !w.id.eq_ignore_ascii_case(id));
        if reg.len() == before {
            return Err(Error::UnknownWebhook(id.to_string()));
        }
        self.registered.store(reg.len(), Ordering::SeqCst);
        Ok(())
    }

    fn start_delivery(&self, hook: &Webhook, events: &[&Event]) -> u64 {
        let id = self.next_delivery.fetch_add(1, Ordering::SeqCst);
        let mut log = lock(&self.log);
        if log.len() >= LOG_LIMIT {
            log.pop_front();
        }
        log.push_back(Delivery {
            id,
            webhook_id: hook.id.clone(),
            url: hook.url.clone(),
            event_ids: events.iter().map(|e| e.id.clone()).collect(),
            event_types: events.iter().map(|e| e.kind.to_string()).collect(),
            attempts: Vec::new(),
            outcome: DeliveryOutcome::Pending,
        });
        drop(log);
        self.pending.send_modify(|p| *p += 1);
        id
    }

    fn record(&self, id: u64, attempt: Attempt, outcome: DeliveryOutcome) {
        let mut log = lock(&self.log);
        if let Some(d) = log.iter_mut().rev().find(|d| d.id == id) {
            d.attempts.push(attempt);
            d.outcome = outcome;
        }
    }
}

/// The event document of one delivery.
fn document(events: &[&Event]) -> String {
    Node::new("Events")
        .children(events.iter().map(|e| {
            e.data.iter().fold(
                Node::new("Event")
                    .with("ID", &e.id)
                    .with("Type", e.kind)
                    .with("Time", &e.time),
                |n, (k, v)| n.with(k, v),
            )
        }))
        .document()
}

/// The dispatcher: batches what arrives within the window (at most
/// `batch_max` events a POST) and starts the deliveries. Ends when the
/// emulator stops (its task is aborted, and its deliveries with it).
pub(crate) async fn dispatch(hooks: Arc<Hooks>, mut rx: mpsc::UnboundedReceiver<Vec<Event>>) {
    let permits = Arc::new(Semaphore::new(MAX_IN_FLIGHT));
    let mut tasks = JoinSet::new();
    let max = hooks.config.batch_max.max(1);
    while let Some(first) = rx.recv().await {
        let mut batch = first;
        let deadline = tokio::time::Instant::now() + hooks.config.batch_window;
        // Each turn adds a non-empty chunk or ends the batch.
        while batch.len() < max {
            match tokio::time::timeout_at(deadline, rx.recv()).await {
                Ok(Some(more)) => batch.extend(more),
                Ok(None) | Err(_) => break,
            }
        }
        let n = batch.len();
        hooks.queued.fetch_sub(n, Ordering::SeqCst);
        let webhooks = lock(&hooks.registry).clone();
        for chunk in batch.chunks(max) {
            for hook in &webhooks {
                let events: Vec<&Event> = chunk.iter().filter(|e| hook.wants(e.kind)).collect();
                if events.is_empty() {
                    continue;
                }
                let body = document(&events);
                let id = hooks.start_delivery(hook, &events);
                // The semaphore is never closed.
                let Ok(permit) = permits.clone().acquire_owned().await else {
                    continue;
                };
                let (h, url) = (hooks.clone(), hook.url.clone());
                tasks.spawn(async move {
                    deliver(&h, id, &url, body).await;
                    drop(permit);
                });
            }
        }
        hooks.pending.send_modify(|p| *p = p.saturating_sub(n));
        while tasks.try_join_next().is_some() {}
    }
}

/// One delivery: the first attempt and up to [`RETRIES`] more.
async fn deliver(h: &Hooks, id: u64, url: &str, body: String) {
    for n in 0..=RETRIES {
        let delay = if n == 0 {
            Duration::ZERO
        } else {
            h.config.delay(n)
        };
        if !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
        let at = h.started.elapsed();
        let sent = h
            .client
            .post(url)
            .header(header::CONTENT_TYPE, "application/xml; charset=utf-8")
            .body(body.clone())
            .timeout(h.config.timeout)
            .send()
            .await;
        let (status, error) = match sent {
            Ok(r) => (Some(r.status().as_u16()), None),
            Err(e) => (None, Some(error_text(&e))),
        };
        let ok = status.is_some_and(|s| (200..300).contains(&s));
        let outcome = if ok {
            DeliveryOutcome::Delivered
        } else if n == RETRIES {
            DeliveryOutcome::GaveUp
        } else {
            DeliveryOutcome::Pending
        };
        h.record(
            id,
            Attempt {
                number: n + 1,
                at,
                delay,
                status,
                error,
            },
            outcome,
        );
        if ok {
            break;
        }
    }
    h.pending.send_modify(|p| *p = p.saturating_sub(1));
}

/// A reqwest error with its causes.
fn error_text(e: &reqwest::Error) -> String {
    let mut s = e.to_string();
    let mut src = std::error::Error::source(e);
    for _ in 0..8 {
        let Some(cause) = src else { break };
        s.push_str(": ");
        s.push_str(&cause.to_string());
        src = cause.source();
    }
    s
}

/// `url` if it is an `http(s)` URL of this machine: a loopback address or
/// `localhost`, without credentials.
fn loopback_url(raw: &str) -> Result<url::Url, Error> {
    let refuse = |why: &str| Error::NotLoopbackUrl(raw.to_string(), why.to_string());
    let u = url::Url::parse(raw).map_err(|e| refuse(&e.to_string()))?;
    if !matches!(u.scheme(), "http" | "https") {
        return Err(refuse("only http and https callbacks are called"));
    }
    if !u.username().is_empty() || u.password().is_some() {
        return Err(refuse("a callback URL carries no credentials"));
    }
    let ok = match u.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    };
    if !ok {
        return Err(refuse(
            "the emulator calls loopback addresses (127.0.0.0/8, ::1) and localhost only",
        ));
    }
    Ok(u)
}

/// Register a webhook for application `api_key` after the handshake: a GET
/// of the URL with `challenge=<random>`, which must be answered 200 with
/// the value in the body.
pub(crate) async fn register(
    sh: &Shared,
    api_key: &str,
    url: &str,
    events: Vec<String>,
) -> Result<Webhook, Error> {
    if !sh.lock().apps.contains_key(api_key) {
        return Err(Error::UnknownApplication(api_key.to_string()));
    }
    if let Some(bad) = events.iter().find(|e| !EVENT_TYPES.contains(&e.as_str())) {
        return Err(Error::InvalidSpec(format!(
            "unknown event type '{bad}' (known: {})",
            EVENT_TYPES.join(", ")
        )));
    }
    let mut target = loopback_url(url)?;
    let hooks = &sh.hooks;
    let challenge = random_hex(16);
    target
        .query_pairs_mut()
        .append_pair("challenge", &challenge);
    let refused = |why: String| Error::WebhookRefused(url.to_string(), why);
    let mut resp = hooks
        .client
        .get(target)
        .timeout(hooks.config.timeout)
        .send()
        .await
        .map_err(|e| {
            refused(format!(
                "the callback could not be called: {}",
                error_text(&e)
            ))
        })?;
    if resp.status() != reqwest::StatusCode::OK {
        return Err(refused(format!(
            "the callback answered the challenge with {}, not 200",
            resp.status().as_u16()
        )));
    }
    let mut body = Vec::new();
    // Bounded: every chunk adds bytes, and reading stops past the cap.
    while body.len() <= MAX_CHALLENGE_ANSWER {
        match resp.chunk().await {
            Ok(Some(c)) => body.extend_from_slice(&c),
            Ok(None) => break,
            Err(e) => return Err(refused(format!("reading the answer failed: {e}"))),
        }
    }
    if !String::from_utf8_lossy(&body).contains(&challenge) {
        return Err(refused(
            "the callback's answer does not contain the challenge".into(),
        ));
    }
    let hook = Webhook {
        id: random_guid(),
        api_key: api_key.to_string(),
        url: url.to_string(),
        events,
    };
    let mut reg = lock(&hooks.registry);
    reg.push(hook.clone());
    hooks.registered.store(reg.len(), Ordering::SeqCst);
    Ok(hook)
}

// --- the admin API of webhooks ----------------------------------------------

type St = State<AppState>;

fn ok_json(status: StatusCode, v: Value) -> Response {
    let mut r = (status, v.to_string()).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(crate::error::JSON_UTF8),
    );
    r
}

fn lib_err(e: Error) -> ApiError {
    match e {
        Error::UnknownApplication(_) | Error::UnknownWebhook(_) => {
            ApiError::not_found(e.to_string(), "")
        }
        _ => ApiError::bad_request(e.to_string(), ""),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewWebhook {
    url: String,
    #[serde(default)]
    events: Vec<String>,
}

async fn create(State(sh): St, req: Req) -> Result<Response, ApiError> {
    let key = req.segment(3)?;
    let b: NewWebhook = serde_json::from_str(req.body_str())
        .map_err(|e| ApiError::bad_request("Invalid JSON body.", e.to_string()))?;
    let hook = register(&sh, &key, &b.url, b.events)
        .await
        .map_err(lib_err)?;
    Ok(ok_json(StatusCode::CREATED, hook.to_json()))
}

async fn list(State(sh): St, req: Req) -> Result<Response, ApiError> {
    let key = req.segment(3)?;
    if !sh.lock().apps.contains_key(&key) {
        return Err(lib_err(Error::UnknownApplication(key)));
    }
    let list: Vec<Value> = sh
        .hooks
        .webhooks_of(&key)
        .iter()
        .map(Webhook::to_json)
        .collect();
    Ok(ok_json(StatusCode::OK, Value::Array(list)))
}

async fn remove(State(sh): St, req: Req) -> Result<Response, ApiError> {
    let id = req.segment(3)?;
    sh.hooks.remove(&id).map_err(lib_err)?;
    Ok(ok_json(StatusCode::OK, json!({"removed": id})))
}

async fn deliveries(State(sh): St) -> Response {
    let list: Vec<Value> = sh
        .hooks
        .deliveries()
        .iter()
        .map(Delivery::to_json)
        .collect();
    ok_json(
        StatusCode::OK,
        json!({
            "pending": *sh.hooks.pending.borrow(),
            "dropped_events": sh.hooks.dropped(),
            "deliveries": list,
        }),
    )
}

/// The webhook routes of the admin API.
pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/emulator/admin/applications/{key}/webhooks",
            get(list).post(create),
        )
        .route("/emulator/admin/webhooks/deliveries", get(deliveries))
        .route("/emulator/admin/webhooks/{id}", delete(remove))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_urls() {
        for ok in [
            "http://127.0.0.1:8080/hook",
            "http://127.9.9.9/x?y=1",
            "https://[::1]:9/h",
            "http://localhost:1/",
            "http://LOCALHOST/",
        ] {
            assert!(loopback_url(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://10.0.0.1/hook",
            "http://example.com/",
            "http://localhost.example.com/",
            "ftp://127.0.0.1/",
            "http://user:pw@127.0.0.1/",
            "not a url",
            "http://[::ffff:10.0.0.1]/",
        ] {
            assert!(loopback_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn delays_grow_exponentially() {
        let c = Config {
            retry_base: Duration::from_millis(10),
            ..Config::default()
        };
        let d: Vec<Duration> = (1..=RETRIES).map(|n| c.delay(n)).collect();
        assert_eq!(
            d,
            [10, 20, 40].map(Duration::from_millis).to_vec(),
            "base, 2 × base, 4 × base"
        );
    }

    #[test]
    fn the_document_is_the_assumed_shape() {
        let e = Event {
            id: "E1".into(),
            kind: "RecordCreated",
            time: "2026-12-01T22:00:00Z".into(),
            data: vec![("RecordID", "9".into())],
        };
        assert_eq!(
            document(&[&e]),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Events><Event><ID>E1</ID>\
             <Type>RecordCreated</Type><Time>2026-12-01T22:00:00Z</Time>\
             <RecordID>9</RecordID></Event></Events>"
        );
    }
}
