//! Receiving Imagen webhooks (cargo feature `webhooks`).
//!
//! Imagen calls an application back: a webhook is configured per
//! application in ImagenWeb, and Imagen then POSTs the application's events
//! to the callback URL, batched into as few XML documents as it can. This
//! module is the receiving end, as an axum [`Router`] (which is also a
//! tower `Service`) built by [`Receiver`]:
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! use imagen_runtime::webhook::{Batch, EventKind, Receiver};
//!
//! let hooks = Receiver::new(|batch: Batch| async move {
//!     for event in &batch.events {
//!         if event.kind == EventKind::RecordCreated {
//!             println!("new record {:?}", event.record_id());
//!         }
//!     }
//!     Ok::<_, std::convert::Infallible>(())
//! })
//! .max_body_bytes(256 * 1024)
//! .into_router();
//! let app = axum::Router::new().nest_service("/imagen/events", hooks);
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! axum::serve(listener, app).await
//! # }
//! ```
//!
//! # What it does, in order
//!
//! 1. **The creation handshake.** When a webhook is created, Imagen calls
//!    the URL with a `challenge` query parameter, and the webhook is only
//!    created if the answer is 200 with the challenge value in its body.
//!    A `GET` carrying `challenge` is answered 200 with exactly that value
//!    (`text/plain`), which satisfies both readings of the vendor's "as part
//!    of the body". Empty or longer than [`MAX_CHALLENGE_BYTES`]: 400.
//! 2. **Method.** Events come as `POST`; any other method is 405 (`Allow:
//!    GET, POST`), and a `GET` without `challenge` is 405 too.
//! 3. **Content type.** `application/xml` or `text/xml`, with no charset or
//!    `charset=utf-8`; anything else is 415.
//! 4. **Size.** A body announced or found larger than the limit
//!    ([`Receiver::max_body_bytes`], default [`DEFAULT_MAX_BODY_BYTES`]) is
//!    413, read no further; a batch of more events than
//!    [`Receiver::max_events`] is 413 too.
//! 5. **Well-formed, shallow XML.** The body must be UTF-8 and well-formed
//!    XML nested at most [`Receiver::max_depth`] deep (default
//!    [`DEFAULT_MAX_DEPTH`]), parsed by the runtime's own bounded parser
//!    ([`crate::wire::xml`]: no DTDs, no external or custom entities); then
//!    it must have the batch's shape ([`parse_batch`]). Otherwise 400, and
//!    nothing reaches the handler.
//! 6. **The handler.** The batch's events go to the handler in one call.
//!    The answer is 200 only once the handler has succeeded; a handler
//!    error is 500 and a handler that runs past
//!    [`Receiver::handler_timeout`] is 503, so that Imagen sends the batch
//!    again (it retries a non-2xx answer three times, with growing delays,
//!    then drops it). A batch with no events is 200 without a call.
//!
//! Delivery is therefore *at least once*: a batch whose 200 got lost is
//! sent again, and a handler should tolerate seeing an event twice (the
//! event's [`Event::id`] identifies it, where Imagen sends one).
//!
//! # What Imagen does not document, and what this module assumes
//!
//! The vendor's pages fix the handshake, the POST with an XML body, the
//! batching and the retry rule. They show **no event document**: its root,
//! element names, event types, IDs, timestamps, headers and any signature
//! are undocumented. The defaults below are this project's assumption
//! (the same shape the emulator sends); every name is configurable through
//! [`EventNames`], and everything in an event stays reachable
//! ([`Event::data`], [`Event::element`]):
//!
//! ```xml
//! <Events>
//!   <Event>
//!     <ID>6E9C1F0A-3B2D-4c5e-8F7A-1B2C3D4E5F60</ID>
//!     <Type>RecordCreated</Type>
//!     <Time>2026-12-01T22:00:00Z</Time>
//!     <RecordID>9</RecordID>
//!   </Event>
//!   <Event>
//!     <ID>…</ID><Type>JobStateChanged</Type><Time>…</Time>
//!     <JobGUID>…</JobGUID><JobType>Import</JobType><State>2</State>
//!   </Event>
//! </Events>
//! ```
//!
//! - The root is [`EventNames::batch`] (`Events`) and holds only
//!   [`EventNames::event`] (`Event`) elements; another root or another
//!   child is a 400 (the sender and the receiver disagree on the shape, and
//!   saying so beats dropping events silently).
//! - An event's ID, type and time are read from the child element named by
//!   [`EventNames`], or failing that from the attribute of that name; each
//!   may be absent. Other children and attributes land in [`Event::data`].
//! - The handshake's method is not stated either; `GET` is assumed.
//!   [`Receiver::challenge_on_post`] also answers a `POST` that carries
//!   `challenge` in its query as the handshake.
//! - No signature is documented, so the receiver cannot tell Imagen from
//!   anyone else who can reach the URL: serve it where only Imagen can reach
//!   it, or put a long random token in its path.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::{Body, HttpBody};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use indexmap::IndexMap;

use crate::wire::xml::{self, Element};

/// Default largest accepted body: 1 MiB.
pub const DEFAULT_MAX_BODY_BYTES: usize = 1024 * 1024;
/// Default deepest accepted element nesting (the root counts as 1).
pub const DEFAULT_MAX_DEPTH: usize = 16;
/// Default largest number of events in one batch.
pub const DEFAULT_MAX_EVENTS: usize = 10_000;
/// Default time a handler may take before the batch is answered 503.
pub const DEFAULT_HANDLER_TIMEOUT: Duration = Duration::from_secs(30);
/// Longest `challenge` value echoed.
pub const MAX_CHALLENGE_BYTES: usize = 1024;

/// The element names of the event document (all assumed; see the
/// [module docs](self)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventNames {
    /// The root element of a batch (default `Events`).
    pub batch: String,
    /// Each event's element (default `Event`).
    pub event: String,
    /// The event's ID, a child element or an attribute (default `ID`).
    pub id: String,
    /// The event's type, a child element or an attribute (default `Type`).
    pub kind: String,
    /// When the event happened, a child element or an attribute (default
    /// `Time`).
    pub time: String,
}

impl Default for EventNames {
    fn default() -> Self {
        EventNames {
            batch: "Events".into(),
            event: "Event".into(),
            id: "ID".into(),
            kind: "Type".into(),
            time: "Time".into(),
        }
    }
}

/// What happened, from the event's type (values assumed, the emulator's).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum EventKind {
    /// `RecordCreated`: a record was imported (data: `RecordID`).
    RecordCreated,
    /// `RecordUpdated`: an import changed a record (data: `RecordID`).
    RecordUpdated,
    /// `RecordDeleted`: a record was deleted (data: `RecordID`).
    RecordDeleted,
    /// `MediaDeleted`: a media object was deleted (data: `MediaID`,
    /// `RecordID`).
    MediaDeleted,
    /// `JobStateChanged`: an import task or a job changed state (data:
    /// `JobGUID`, `JobType` `Import`|`Workflow`, `State` 0 Waiting,
    /// 1 Processing, 2 Completed, 3 Failed).
    JobStateChanged,
    /// Any other type, as written (empty when the event has none).
    Other(String),
}

impl EventKind {
    /// The kind named by an event's type text.
    pub fn from_type(s: &str) -> Self {
        match s.trim() {
            "RecordCreated" => EventKind::RecordCreated,
            "RecordUpdated" => EventKind::RecordUpdated,
            "RecordDeleted" => EventKind::RecordDeleted,
            "MediaDeleted" => EventKind::MediaDeleted,
            "JobStateChanged" => EventKind::JobStateChanged,
            other => EventKind::Other(other.to_string()),
        }
    }

    /// The type text of this kind.
    pub fn as_str(&self) -> &str {
        match self {
            EventKind::RecordCreated => "RecordCreated",
            EventKind::RecordUpdated => "RecordUpdated",
            EventKind::RecordDeleted => "RecordDeleted",
            EventKind::MediaDeleted => "MediaDeleted",
            EventKind::JobStateChanged => "JobStateChanged",
            EventKind::Other(s) => s,
        }
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One event of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// The event's ID, when it has one.
    pub id: Option<String>,
    /// What happened.
    pub kind: EventKind,
    /// When, as written (ISO 8601 in the emulator), when it says.
    pub time: Option<String>,
    /// Every other child element's text (trimmed) by name, then every
    /// other attribute by name (the first of each name).
    pub data: IndexMap<String, String>,
    /// The event's element as received, for anything `data` flattens.
    pub element: Element,
}

impl Event {
    /// A value of [`Event::data`].
    pub fn get(&self, name: &str) -> Option<&str> {
        self.data.get(name).map(String::as_str)
    }

    fn int(&self, name: &str) -> Option<i64> {
        self.get(name).and_then(|v| v.parse().ok())
    }

    /// `RecordID`, for record events (and a deleted media object's record).
    pub fn record_id(&self) -> Option<i64> {
        self.int("RecordID")
    }

    /// `MediaID`, for media events.
    pub fn media_id(&self) -> Option<i64> {
        self.int("MediaID")
    }

    /// `JobGUID`, for job events.
    pub fn job_guid(&self) -> Option<&str> {
        self.get("JobGUID")
    }

    /// `State` (0 Waiting, 1 Processing, 2 Completed, 3 Failed), for job
    /// events.
    pub fn job_state(&self) -> Option<i64> {
        self.int("State")
    }
}

/// The events of one delivery, in document order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Batch {
    /// The events.
    pub events: Vec<Event>,
}

/// Why a body is not an event batch (answered 400).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchError {
    /// What is wrong, naming the element and its byte offset.
    pub message: String,
}

impl fmt::Display for BatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for BatchError {}

/// Parses an event document (`names` gives its element names; nesting at
/// most `max_depth` deep). This is what the [`Receiver`] does with a body;
/// it is public for receivers built on another server.
pub fn parse_batch(doc: &str, names: &EventNames, max_depth: usize) -> Result<Batch, BatchError> {
    let root = xml::parse_with_depth(doc, max_depth).map_err(|e| BatchError {
        message: format!("not well-formed XML: {e}"),
    })?;
    if root.name != names.batch {
        return Err(BatchError {
            message: format!(
                "the document is <{}>, not a <{}> batch of <{}> events",
                root.name, names.batch, names.event
            ),
        });
    }
    let mut events = Vec::with_capacity(root.children.len());
    for el in root.children {
        if el.name != names.event {
            return Err(BatchError {
                message: format!(
                    "<{}> in <{}> (at byte {}) is not an <{}> event",
                    el.name, names.batch, el.offset, names.event
                ),
            });
        }
        events.push(event(el, names));
    }
    Ok(Batch { events })
}

fn event(el: Element, names: &EventNames) -> Event {
    let own = |name: &str| {
        el.children
            .iter()
            .find(|c| c.name == name)
            .map(|c| c.text.trim().to_string())
            .or_else(|| el.attr(name).map(str::to_string))
    };
    let id = own(&names.id).filter(|s| !s.is_empty());
    let kind = EventKind::from_type(&own(&names.kind).unwrap_or_default());
    let time = own(&names.time).filter(|s| !s.is_empty());
    let fixed = [&names.id, &names.kind, &names.time];
    let mut data = IndexMap::new();
    for c in &el.children {
        if !fixed.contains(&&c.name) && !data.contains_key(&c.name) {
            data.insert(c.name.clone(), c.text.trim().to_string());
        }
    }
    for (k, v) in &el.attrs {
        if !fixed.contains(&k) && !data.contains_key(k) {
            data.insert(k.clone(), v.clone());
        }
    }
    Event {
        id,
        kind,
        time,
        data,
        element: el,
    }
}

type HandlerFuture = Pin<Box<dyn Future<Output = Result<(), String>> + Send>>;
type DynHandler = dyn Fn(Batch) -> HandlerFuture + Send + Sync;

/// Builds the webhook endpoint: the user's handler plus the checks and
/// limits of the [module docs](self).
pub struct Receiver {
    handler: Arc<DynHandler>,
    config: Config,
}

#[derive(Debug, Clone)]
struct Config {
    max_body_bytes: usize,
    max_depth: usize,
    max_events: usize,
    handler_timeout: Duration,
    challenge_on_post: bool,
    names: EventNames,
}

impl fmt::Debug for Receiver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Receiver")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl Receiver {
    /// A receiver calling `handler` with each batch; the answer is 200 once
    /// it returns `Ok`, 500 when it returns `Err` (the error is logged with
    /// `tracing`, not sent back).
    pub fn new<F, Fut, E>(handler: F) -> Self
    where
        F: Fn(Batch) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<(), E>> + Send + 'static,
        E: fmt::Display + 'static,
    {
        let handler = Arc::new(move |batch: Batch| -> HandlerFuture {
            let fut = handler(batch);
            Box::pin(async move { fut.await.map_err(|e| e.to_string()) })
        });
        Receiver {
            handler,
            config: Config {
                max_body_bytes: DEFAULT_MAX_BODY_BYTES,
                max_depth: DEFAULT_MAX_DEPTH,
                max_events: DEFAULT_MAX_EVENTS,
                handler_timeout: DEFAULT_HANDLER_TIMEOUT,
                challenge_on_post: false,
                names: EventNames::default(),
            },
        }
    }

    /// Largest accepted body in bytes (default [`DEFAULT_MAX_BODY_BYTES`]).
    pub fn max_body_bytes(mut self, n: usize) -> Self {
        self.config.max_body_bytes = n;
        self
    }

    /// Deepest accepted element nesting, the root counting as 1 (default
    /// [`DEFAULT_MAX_DEPTH`], at most [`xml::MAX_DEPTH`]).
    pub fn max_depth(mut self, n: usize) -> Self {
        self.config.max_depth = n;
        self
    }

    /// Most events accepted in one batch (default [`DEFAULT_MAX_EVENTS`]).
    pub fn max_events(mut self, n: usize) -> Self {
        self.config.max_events = n;
        self
    }

    /// Time the handler may take before the batch is answered 503 (default
    /// [`DEFAULT_HANDLER_TIMEOUT`]); the handler's future is dropped then.
    pub fn handler_timeout(mut self, d: Duration) -> Self {
        self.config.handler_timeout = d;
        self
    }

    /// Also answer a `POST` whose query carries `challenge` as the
    /// handshake (its body is not read). Off by default: the handshake's
    /// method is undocumented and `GET` is assumed.
    pub fn challenge_on_post(mut self, yes: bool) -> Self {
        self.config.challenge_on_post = yes;
        self
    }

    /// The element names of the event document (default
    /// [`EventNames::default`]).
    pub fn names(mut self, names: EventNames) -> Self {
        self.config.names = names;
        self
    }

    /// The endpoint as a router answering on every path it is given: mount
    /// it with `Router::nest_service("/path", …)`, or serve it alone. A
    /// `Router` is a tower `Service<Request>` too.
    pub fn into_router(self) -> Router {
        let inner = Arc::new(self);
        Router::new().fallback(receive).with_state(inner)
    }
}

fn text(status: StatusCode, body: impl Into<String>) -> Response {
    let mut r = (status, body.into()).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    r.headers_mut().insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    r
}

fn not_allowed() -> Response {
    let mut r = text(
        StatusCode::METHOD_NOT_ALLOWED,
        "Webhook events are POSTed; a GET is only the creation handshake (with ?challenge=).",
    );
    r.headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static("GET, POST"));
    r
}

/// The `challenge` query parameter, decoded (the first one).
fn challenge(req: &Request) -> Option<String> {
    let query = req.uri().query()?;
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == "challenge")
        .map(|(_, v)| v.into_owned())
}

fn echo(challenge: String) -> Response {
    if challenge.is_empty() || challenge.len() > MAX_CHALLENGE_BYTES {
        return text(
            StatusCode::BAD_REQUEST,
            format!("The challenge must be 1 to {MAX_CHALLENGE_BYTES} bytes."),
        );
    }
    text(StatusCode::OK, challenge)
}

/// Whether the content type is XML in UTF-8.
fn xml_content_type(v: Option<&HeaderValue>) -> bool {
    let Some(v) = v.and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let mut parts = v.split(';');
    let mime = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    if mime != "application/xml" && mime != "text/xml" {
        return false;
    }
    parts.all(|p| match p.split_once('=') {
        Some((k, v)) if k.trim().eq_ignore_ascii_case("charset") => {
            v.trim().trim_matches('"').eq_ignore_ascii_case("utf-8")
        }
        _ => true,
    })
}

fn too_large(limit: usize) -> Response {
    text(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!("The body is larger than {limit} bytes."),
    )
}

/// Reads at most `limit` bytes of `body`; `Err` is the answer to give.
async fn read_bounded(mut body: Body, limit: usize) -> Result<Vec<u8>, Response> {
    let mut buf = Vec::new();
    // Every frame but the last carries data or trailers; the bound keeps a
    // peer that sends endless empty frames from holding the task forever.
    let max_frames = limit.saturating_add(64);
    for _ in 0..max_frames {
        let frame = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await;
        match frame {
            None => return Ok(buf),
            Some(Err(e)) => {
                return Err(text(
                    StatusCode::BAD_REQUEST,
                    format!("The body could not be read: {e}"),
                ));
            }
            Some(Ok(frame)) => {
                if let Ok(data) = frame.into_data() {
                    if buf.len().saturating_add(data.len()) > limit {
                        return Err(too_large(limit));
                    }
                    buf.extend_from_slice(&data);
                }
            }
        }
    }
    Err(text(
        StatusCode::BAD_REQUEST,
        "The body arrived in too many pieces.",
    ))
}

async fn receive(State(r): State<Arc<Receiver>>, req: Request) -> Response {
    let c = &r.config;
    match *req.method() {
        Method::GET => {
            return match challenge(&req) {
                Some(ch) => echo(ch),
                None => not_allowed(),
            };
        }
        Method::POST => {
            if c.challenge_on_post
                && let Some(ch) = challenge(&req)
            {
                return echo(ch);
            }
        }
        _ => return not_allowed(),
    }
    if !xml_content_type(req.headers().get(header::CONTENT_TYPE)) {
        return text(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Webhook events must be XML: Content-Type application/xml or text/xml, in UTF-8.",
        );
    }
    let announced = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if announced.is_some_and(|n| n > c.max_body_bytes as u64) {
        return too_large(c.max_body_bytes);
    }
    let body = match read_bounded(req.into_body(), c.max_body_bytes).await {
        Ok(b) => b,
        Err(resp) => return resp,
    };
    let Ok(doc) = std::str::from_utf8(&body) else {
        return text(StatusCode::BAD_REQUEST, "The body is not UTF-8.");
    };
    let batch = match parse_batch(doc, &c.names, c.max_depth) {
        Ok(b) => b,
        Err(e) => return text(StatusCode::BAD_REQUEST, format!("Not an event batch: {e}.")),
    };
    if batch.events.len() > c.max_events {
        return text(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("The batch has more than {} events.", c.max_events),
        );
    }
    if batch.events.is_empty() {
        return text(StatusCode::OK, "");
    }
    let n = batch.events.len();
    match tokio::time::timeout(c.handler_timeout, (r.handler)(batch)).await {
        Ok(Ok(())) => text(StatusCode::OK, ""),
        Ok(Err(e)) => {
            tracing::warn!(events = n, error = %e, "imagen webhook handler failed; answering 500 so that the batch is sent again");
            text(
                StatusCode::INTERNAL_SERVER_ERROR,
                "The events could not be handled.",
            )
        }
        Err(_) => {
            tracing::warn!(events = n, timeout = ?c.handler_timeout, "imagen webhook handler timed out; answering 503");
            text(
                StatusCode::SERVICE_UNAVAILABLE,
                "The events were not handled in time.",
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_parse_with_elements_or_attributes() {
        let doc = r#"<?xml version="1.0"?>
<Events>
  <Event><ID>a</ID><Type>RecordCreated</Type><Time>2026-12-01T22:00:00Z</Time><RecordID> 9 </RecordID></Event>
  <Event ID="b" Type="JobStateChanged" JobType="Import"><JobGUID>G</JobGUID><State>2</State></Event>
  <Event><Type>Whatever</Type><Extra><Nested/></Extra></Event>
</Events>"#;
        let b = parse_batch(doc, &EventNames::default(), DEFAULT_MAX_DEPTH).unwrap();
        assert_eq!(b.events.len(), 3);
        let e = &b.events[0];
        assert_eq!(e.id.as_deref(), Some("a"));
        assert_eq!(e.kind, EventKind::RecordCreated);
        assert_eq!(e.time.as_deref(), Some("2026-12-01T22:00:00Z"));
        assert_eq!(e.record_id(), Some(9));
        assert!(!e.data.contains_key("ID"));
        let e = &b.events[1];
        assert_eq!(e.id.as_deref(), Some("b"));
        assert_eq!(e.kind, EventKind::JobStateChanged);
        assert_eq!(e.job_guid(), Some("G"));
        assert_eq!(e.job_state(), Some(2));
        assert_eq!(e.get("JobType"), Some("Import"));
        let e = &b.events[2];
        assert_eq!(e.id, None);
        assert_eq!(e.kind, EventKind::Other("Whatever".into()));
        assert_eq!(e.element.children[1].children[0].name, "Nested");
    }

    #[test]
    fn other_shapes_are_errors_naming_what_is_wrong() {
        let names = EventNames::default();
        for (doc, want) in [
            (
                "<Records/>",
                "the document is <Records>, not a <Events> batch",
            ),
            (
                "<Events><Record/></Events>",
                "<Record> in <Events> (at byte 8)",
            ),
            ("<Events><Event>", "not well-formed"),
            (
                "<Events><Event><A><B/></A></Event></Events>",
                "nested deeper than 3",
            ),
        ] {
            let e = parse_batch(doc, &names, 3).unwrap_err();
            assert!(e.message.contains(want), "{doc}: {e}");
        }
        let custom = EventNames {
            batch: "Notifications".into(),
            event: "Notification".into(),
            ..EventNames::default()
        };
        let b = parse_batch(
            "<Notifications><Notification Type=\"RecordDeleted\" RecordID=\"4\"/></Notifications>",
            &custom,
            4,
        )
        .unwrap();
        assert_eq!(b.events[0].kind, EventKind::RecordDeleted);
        assert_eq!(b.events[0].record_id(), Some(4));
    }

    #[test]
    fn content_types() {
        let ok = |s: &'static str| xml_content_type(Some(&HeaderValue::from_static(s)));
        assert!(ok("application/xml"));
        assert!(ok("text/xml; charset=UTF-8"));
        assert!(ok("Application/XML;charset=\"utf-8\""));
        assert!(!ok("application/json"));
        assert!(!ok("text/xml; charset=latin1"));
        assert!(!ok("application/xml-dtd"));
        assert!(!xml_content_type(None));
    }

    #[test]
    fn kinds_round_trip() {
        for k in [
            EventKind::RecordCreated,
            EventKind::RecordUpdated,
            EventKind::RecordDeleted,
            EventKind::MediaDeleted,
            EventKind::JobStateChanged,
            EventKind::Other("X".into()),
        ] {
            assert_eq!(EventKind::from_type(k.as_str()), k);
        }
    }
}
