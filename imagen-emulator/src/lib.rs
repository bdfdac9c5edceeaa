//! # imagen-emulator
//!
//! A local, in-memory server that behaves like the documented Imagen REST
//! API (MediaControlCentre and ImagenWeb), so that the generated clients can
//! be developed and tested offline. It is an **independent implementation**:
//! it shares no code with `imagen-runtime`, and verifies signatures from the
//! raw request with its own HMAC code, so that a bug in the runtime's signer
//! cannot be mirrored by the server.
//!
//! One listener serves every role: the MCC routes (`/core`, `/imcc`), the
//! ImagenWeb routes (`/iweb`, `/oauth`) and a small admin API
//! (`/emulator/admin`). [`Emulator::mcc_url`] and [`Emulator::web_url`] are the
//! same base URL.
//!
//! ```no_run
//! # async fn demo() -> Result<(), imagen_emulator::Error> {
//! use std::time::Duration;
//! use imagen_emulator::{AppKind, ApplicationSpec, Emulator};
//!
//! let emu = Emulator::builder()
//!     .auto_approve(true)
//!     .token_lifetime(Duration::from_secs(3600))
//!     .start("127.0.0.1:0")
//!     .await?;
//! let app = emu.create_application(ApplicationSpec {
//!     name: "My app".into(),
//!     kind: AppKind::Installed { custom_redirect: None },
//!     scopes: vec!["readUsersData".into(), "modifyUsersData".into()],
//! })?;
//! // or, shorter:
//! let web = emu.create_application(
//!     ApplicationSpec::web("My site", "https://app.example/cb").scopes(&["readUsersData"]),
//! )?;
//! emu.grant_scope(&app.api_key, "createJobs")?;
//! let token = emu.issue_token_for(&app.api_key, "zoe", &["readUsersData"])?;
//! println!("{} {} {} {}", emu.base_url(), app.api_key, web.api_key, token.access_token);
//! emu.shutdown().await;
//! # Ok(()) }
//! ```
//!
//! ## Wire formats
//! Answers follow the vendor's documented document shapes; the samples in
//! `conformance/samples/` (and `tests/conformance.rs`, which compares the
//! emulator's answers with them structurally) are the reference.
//! - Every answer is **XML** by default: it starts with
//!   `<?xml version="1.0" encoding="UTF-8"?>` and is served as
//!   `application/xml; charset=utf-8`, written compactly, text and
//!   attributes escaped (characters XML 1.0 cannot carry become U+FFFD).
//! - **JSON** (`application/json; charset=utf-8`) only where the vendor
//!   offers it, and only with `Accept: application/json`: the application,
//!   the ImagenWeb search, media delete and the workflow list. Every other
//!   resource answers XML whatever `Accept` says.
//! - **Errors** are the standard failure document, following `Accept` on
//!   every resource: XML
//!   `<Error><Code>HTTP status</Code><Message/><Details/></Error>`, JSON
//!   `{"Error": {"Message", "Details"}}` (no `Code`).
//! - GUIDs (search IDs, import tasks, store jobs, jobs, workflow IDs) are in
//!   the vendor's style, 8-4-4-4-12 hex digits, upper case but the third
//!   group (`F4DCC517-83DA-4ce9-9AD2-24E9EB3444E2`); the emulator compares
//!   them case-insensitively.
//!
//! ## Conventions the emulator assumes
//! Imagen does not document several answers; the emulator answers with the
//! project's error conventions table (`docs/contract.md`): statuses and exact
//! messages for unknown keys, bad signatures, stale dates, bad tokens,
//! disabled applications, missing scopes.
//!
//! Further assumptions (not documented by Imagen):
//! - a request with both a bearer token and a signature is treated as user
//!   context; a user-context request to an application-context resource is
//!   403 "This resource requires application authentication.";
//! - an `X-Imagen-Date` that is not an IMF-fixdate is 401 with the date
//!   message; no usable date header at all is 401 "Some authentication must
//!   be supplied.";
//! - a `Content-MD5` that does not match the body is 400 (checked on every
//!   request that carries it);
//! - the application's scopes are read at request time: revoking a scope or
//!   disabling the application affects existing tokens at once;
//! - every answer carries `Date` from the emulator's clock (system clock plus
//!   [`Faults::clock_offset_secs`], clamped to ±10 years);
//! - shapes marked *inferred* below are our reading where the vendor shows
//!   no example; a client must use the same ones.
//!
//! ## Routes
//! | route | auth | scopes | answer (root ›) |
//! |---|---|---|---|
//! | `GET /core/v1/application` | application | — | `Response › Application` (XML order: APIKey, SecretAccessKey, Name, Created `…Z`, Enabled `1`/`0`, RedirectURI, Contact, Website, Description, Logo, DeveloperEmail, ApplicationType, DatabaseID, `Scopes › Scope{Name, Description}`); JSON `{"Application": {…, "Enabled": 1, "DatabaseID": 1, "Scopes": {"Scope": [..]}}}` (Scopes shape inferred) |
//! | `GET /imcc/v1/record/search` | user | readUsersData | `Records › SearchID, TotalHits, ImagenRecord@ID@CanEdit › Fields` (XML only) |
//! | `GET /imcc/v1/record/{recordId}` | any | readUsersData | `Response › ImagenRecord › Fields` (not a vendor endpoint; XML only) |
//! | `GET /iweb/v1/search` | user | readUsersData | as record search plus `User` (the caller's ID) after `TotalHits`; JSON (inferred) `{"SearchID", "TotalHits", "User", "ImagenRecord": [{"ID", "CanEdit", "Fields": {…}}]}` |
//! | `PUT /imcc/v1/import/record/{mappingFile}` | user | modifyUsersData | `Response › DatabaseJob` (below) |
//! | `GET /imcc/v1/import/record/{jobGUID}` | user | readUsersData | `Response › DatabaseJob` |
//! | `DELETE /imcc/v1/import/record/{jobGUID}` | user | modifyUsersData | `Response › DatabaseJob` as before the deletion |
//! | `PUT /imcc/v1/job` | user | createJobs | `Response › Result` = job GUID |
//! | `DELETE /imcc/v1/media/{mediaId}/{deleteSegments}` | user | modifyUsersData | `Response › Result` = `success`; JSON `{"result": "success"}` |
//! | `GET /imcc/v1/workflows` | user | createJobs | `Response › Workflows › Workflow{ID (GUID), Name, Description, DateCreated YYYY-MM-DDTHH:MM:SS, UsageType, MediaTypes "Video,Audio", FileExtensions '[{"Video":"mov,mp4"}]', FieldInputs, CanClip, ClipOnly}` (wrapper inferred); JSON (inferred) `{"Workflows": {"Workflow": [..]}}`, CanClip/ClipOnly booleans |
//! | `GET /imcc/v1/profiles` | none | — | `Response › Profiles › Profile{Name, ID, Type, Usage, Attributes › …}` (XML only); `type`/`usage` filters case-insensitive |
//! | `GET /imcc/v1/rights` | user | readUsersData | `Response › Result › Right@Id` (text: the right's name; XML only) |
//! | `GET /imcc/v1/user` | user | readUsersData | `Response › Result › User{UserID, Username, UserType (number), EmailAddress, CreateRecordQuota, AccessRights › Right…}` (XML only) |
//! | `GET /imcc/v1/history` | user | readUsersData | inferred: `Response › TotalCount? , HistoryEntries › HistoryEntry{ID, RecordID?, MediaID?, Type, UserID, ModifiedDate YYYY-MM-DD HH:MM:SS, Description?}` (XML only; `TotalCount` with `getTotalCount=true`/`1`; `limit` default 48, at most 100) |
//! | `GET, POST /oauth/authorize`, `POST /oauth/token`, `POST /oauth/revoke` | OAuth 2.0 | | |
//!
//! Records carry one element per field of the schema, in schema order, empty
//! when unset: `guid`, `Title`, `Date`, `Summary`, `Description`,
//! `Location`, `Rating`, `Category` (multi-value, comma-joined), `Type`,
//! `internal_guid`, `CIS_ACLList`, `imagenLastRecordChange`
//! (`YYYY-MM-DD HH:MM:SS`, kept by the server), then any field an import
//! introduced. With `includeMedia=true` each `ImagenRecord` also holds
//! (inferred) `<MediaObjects><MediaObject ID="n" MediaType="Video"/>…
//! </MediaObjects>` after `Fields`.
//!
//! Search queries (`query`) use the subset of the Imagen Query Language
//! described in [`iql`] (single- or double-quoted text, numbers, `null`);
//! paging with `numRecords`, then `start` with the `SearchID` of the first
//! answer as `searchID`. A bad query is a 400 whose message names the
//! 1-based character position.
//!
//! ## Record import
//! `PUT /imcc/v1/import/record/NativeImagenXML` (the only mapping file;
//! another name is a 400 naming it) takes `Content-Type: application/xml`
//! or `text/xml` (else 415) and the vendor's Imagen XML:
//! ```xml
//! <Records>
//!   <ImagenRecord ID="-1">                      <!-- -1 = new, or an existing ID -->
//!     <Fields><Title>Zoë</Title><Summary><![CDATA[東京]]></Summary></Fields>
//!     <CIS_ACLList><ACL><Role Rights="r">Everyone</Role></ACL></CIS_ACLList>
//!     <MediaObject Version="3" ID="-1" MediaType="Video" IsClip="">
//!       <BaseDownloadCost>0</BaseDownloadCost>
//!       <MediaElement MediaType="Video" Index="0" Umid="">
//!         <OriginalFile><![CDATA[https://example.org/clip.mp4]]></OriginalFile>
//!       </MediaElement>
//!     </MediaObject>
//!   </ImagenRecord>
//! </Records>
//! ```
//! Any other document (the old `<Record><Field name=…>` form included) is a
//! 400 "Expected \<Records\> with \<ImagenRecord\> children (Imagen XML).";
//! invalid content is a 400 "Invalid Imagen XML." and malformed XML a 400
//! "The request body is not well-formed XML.", their `Details` naming the
//! byte offset. The whole body is validated before anything changes.
//! - `ID="-1"` creates a record; a positive ID updates it (404 "Record not
//!   found." when unknown); `?searchfield=F` updates the record whose field
//!   `F` equals the imported value instead, or creates one. Fields merge
//!   into the record; a new field name extends the schema.
//! - Media objects are created only with `?workflow=` (a workflow name or
//!   GUID; unknown: 400 "Unknown workflow '…'."), each with a store job.
//!   `X-Imagen-Pathprefix` is prepended as a plain string to each
//!   `OriginalFile`. A positive media `ID` re-ingests that media object of
//!   the record. `matchMediaBy=id|name,allownew|disallowNew`
//!   (case-insensitive): a matching media object is re-ingested with
//!   `disallowNew`, while `allownew` creates a new one anyway; no match
//!   creates one. `onlyProcessNew=1` skips the store job when the file is
//!   the media object's current one.
//! - `timeout` missing or negative: synchronous, the answer is the
//!   completed task. `timeout=0` or positive: the answer is at once, State
//!   0; `GET /imcc/v1/import/record/{GUID}` then reads 0, 1 (the records are
//!   imported now), 2 on successive reads. `DELETE` of a task answers its
//!   document and removes it; a task still at State 0 never imports.
//!   Tasks are visible to the same application and user only (404 "Import
//!   job not found." otherwise).
//!
//! The answer:
//! ```xml
//! <Response><DatabaseJob GUID="…" State="0|1|2|3" Type="2">
//!   <Progress>0|50|100</Progress><Error><Message/><Details/></Error>
//!   <Import><NumRecords>n</NumRecords><ImagenRecords>
//!     <ImagenRecord ID="n"><MediaObjects><MediaObject ID="n"/><StoreJob ID="GUID"/></MediaObjects></ImagenRecord>
//!   </ImagenRecords></Import>
//!   <FailedImport><NumRecords>0</NumRecords><FailedImagenRecords/></FailedImport>
//! </DatabaseJob></Response>
//! ```
//! States: 0 Waiting, 1 Processing, 2 Completed, 3 Failed (no record could
//! be imported). A record that fails while applying (say, a media ID that
//! is not the record's) is listed under `FailedImagenRecords` as
//! `<ImagenRecord ID><ImportErrorCode/><ImportError/></ImagenRecord>`.
//!
//! ## Jobs
//! `PUT /imcc/v1/job` takes (XML content type)
//! ```xml
//! <CISXMLDocument>
//!   <DatabaseID>1</DatabaseID><Workflow>name or GUID</Workflow><JobName>…</JobName>
//!   <ResourceGroup>…</ResourceGroup><Priority>1|2|3</Priority><ClientID>e-mail</ClientID>
//!   <Inputs>
//!     <Input type="Int" sub-type="Record_ID" id="-1">5531</Input>
//!     <Input type="Int" sub-type="Media_ID-Video" id="-2">9120</Input>
//!   </Inputs>
//! </CISXMLDocument>
//! ```
//! and answers `<Response><Result>job GUID</Result></Response>`. Refused
//! with 400: another root (the old `<Job>`) "Expected a \<CISXMLDocument\>
//! job document.", an unknown workflow "Unknown workflow '…'.", an unknown
//! database, record or media object of an input (`Media_ID-{Type}` also
//! checks the media type), and "Invalid job document." for anything else
//! (priority outside 1–3, unknown elements, `type` other than `Int`, an
//! input slot that is not negative).
//!
//! ## OAuth 2.0
//! `GET /oauth/authorize` (`client_id`, `redirect_uri`, `response_type`
//! `code`|`token`, `scope` space separated, `state`, `code_challenge`,
//! `code_challenge_method` `S256`|`plain`, optional `login_hint` naming a
//! seeded user) renders a consent page, or with [`Consent::Approve`]
//! (`auto_approve(true)`) redirects at once, with [`Consent::Deny`] with
//! `error=access_denied`. Redirect URIs: web applications only their
//! registered `https://` URI; installed applications `http://localhost` and
//! `http://127.0.0.1` (any port and path), `urn:ietf:wg:oauth:2.0:oob` (a
//! page titled `Success code=<code>` showing the code),
//! `urn:ietf:wg:oauth:2.0:oob:auto` (same title, asks to close the window),
//! or a URI of their registered custom scheme. Scopes the application does
//! not hold: `error=invalid_scope`. Implicit grant: `#access_token=…&
//! token_type=Bearer&expires_in=…&scope=…&state=…` (with `oob`, the title is
//! `Success access_token=<token>`).
//!
//! `POST /oauth/token` (form): `grant_type=authorization_code` (single-use
//! code, code lifetime 60 s by default, same `redirect_uri`, PKCE verifier)
//! or `refresh_token` (the refresh token is kept; with
//! [`Faults::rotate_refresh_tokens`] each refresh answers a new one and
//! refuses the old one from then on with `invalid_grant`). Client
//! authentication by HTTP Basic `key:secret` or `client_id`/`client_secret`;
//! installed applications may omit the secret (public clients). Answer:
//! `{access_token, token_type: "Bearer", expires_in, refresh_token, scope}`;
//! errors RFC 6749 JSON (`invalid_grant`, `invalid_client` …).
//! `POST /oauth/revoke` (`token=`) revokes an access token, or a refresh
//! token and the access tokens issued from it.
//!
//! ## Admin API
//! Unauthenticated, loopback only, JSON in and out (the MediaControlCentre
//! administrator's role):
//!
//! | route | body | answer |
//! |---|---|---|
//! | `GET /emulator/admin/applications` | | list of applications |
//! | `POST /emulator/admin/applications` | `{"name", "type": "web"\|"installed", "redirect_uri"?, "scopes"?: [..]}` | `{"api_key", "secret", ...}` |
//! | `POST /emulator/admin/applications/{key}/scopes` | `{"grant"?: [..], "revoke"?: [..]}` | the application |
//! | `POST /emulator/admin/applications/{key}/disable` / `.../enable` | | the application |
//! | `POST /emulator/admin/tokens` | `{"api_key", "user", "scopes": [..]}` | a token answer |
//! | `POST /emulator/admin/faults` | `{"latency_ms"?, "token_latency_ms"?, "fail_next"?: {"count", "status": 429\|503, "retry_after"?}, "clock_offset_secs"?, "token_lifetime_secs"?, "rotate_refresh_tokens"?: bool, "consent"?: "prompt"\|"approve"\|"deny", "clear"?: true}` | current faults |
//! | `GET /emulator/admin/stats` | | `{"token_requests", "jobs": [..]}` |
//! | `POST /emulator/admin/workflows` | `{"name", "description"?, "usage_type"?, "media_types"?: [..], "file_extensions"?: [{"Video": "mov,mp4"}], "can_clip"?, "clip_only"?}` | the workflow (JSON form) |
//! | `POST /emulator/admin/records` | `{"id"?, "fields": {"Title": …}}` | `{"ID"}` (409 when taken) |
//! | `POST /emulator/admin/media` | `{"id"?, "record_id", "media_type"?, "file"?, "parent_id"?}` | `{"ID"}` |
//! | `DELETE /emulator/admin/records/{id}` | | `{"deleted"}` (the record and its media; a `RecordDeleted` event) |
//! | `POST /emulator/admin/applications/{key}/webhooks` | `{"url", "events"?: [..]}` | 201 `{"id", "api_key", "url", "events"}` after the handshake; 400 when refused |
//! | `GET /emulator/admin/applications/{key}/webhooks` | | the application's webhooks |
//! | `DELETE /emulator/admin/webhooks/{id}` | | `{"removed"}` |
//! | `GET /emulator/admin/webhooks/deliveries` | | `{"pending", "dropped_events", "deliveries": [{"id", "webhook_id", "url", "event_ids", "event_types", "outcome": "pending"\|"delivered"\|"gave_up", "attempts": [{"number", "at_ms", "delay_ms", "status", "error"}]}]}` |
//!
//! The same seeding from Rust: [`Emulator::add_workflow`],
//! [`Emulator::add_record`], [`Emulator::add_media`] (records and media may
//! take chosen IDs, such as those of a sample document).
//!
//! ## Webhooks
//! A webhook belongs to an application and is registered through the admin
//! API or [`Emulator::register_webhook`] (ImagenWeb's Webhooks tab is a
//! page, not a documented endpoint, so there is no ImagenWeb-like route).
//! Registration first calls the URL with `GET ?challenge=<random>` and
//! succeeds only on a 200 whose body contains the value. Only loopback URLs
//! (`127.0.0.0/8`, `::1`, `localhost`) are accepted; redirects are not
//! followed, proxies not used.
//!
//! Events (`RecordCreated`, `RecordUpdated` from imports; `RecordDeleted`
//! from the admin API; `MediaDeleted` from `DELETE /imcc/v1/media`;
//! `JobStateChanged` when an import task or a workflow job changes state)
//! are POSTed as `application/xml` documents
//! `<Events><Event><ID/><Type/><Time/>…data…</Event>…</Events>` (the shape
//! is an assumption: the vendor shows none; `imagen_runtime::webhook` reads
//! the same). Events noted within [`Builder::webhook_batch_window`] go in
//! one POST, at most [`Builder::webhook_batch_max`] each. A non-2xx answer
//! (or none within [`Builder::webhook_timeout`]) is retried [`RETRIES`]
//! times after [`Builder::webhook_retry_delay`], twice and four times
//! that, then the batch is given up. Request handling never waits for a
//! delivery: events queue (at most [`Builder::webhook_queue_limit`]; more
//! are dropped and counted), at most 16 deliveries run at once (so two
//! batches to one webhook may arrive in either order; each event carries
//! its `Time`). The log:
//! [`Emulator::webhook_deliveries`]; [`Emulator::webhooks_settled`] waits
//! until everything queued was delivered or given up.
//!
//! Seeded users: `zoe` (1, "Zoë Ødegård", the default authorizing user),
//! `kenji` (2), `ana` (3). Seeded records 1–8 with media 101–108, five
//! workflows (`Ingest video`, `Transcode to H.264`, `Regenerate key images`,
//! `Order DVD`, `Tag images`) and six profiles.

mod admin;
mod api;
mod auth;
mod error;
mod extract;
mod import;
pub mod iql;
mod limits;
mod oauth;
mod server;
mod spec;
mod state;
mod store;
mod webhooks;
mod xml;

use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::sync::atomic::AtomicUsize;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use error::{
    MSG_BAD_SIGNATURE, MSG_DATE, MSG_DISABLED, MSG_NEEDS_APP, MSG_NEEDS_USER, MSG_NO_AUTH,
    MSG_NOT_UTF8, MSG_TOKEN, MSG_UNKNOWN_KEY, msg_missing_scope,
};
pub use spec::{
    AppKind, ApplicationSpec, Credentials, Error, MediaSpec, USAGE_TYPES, WorkflowSpec,
};
pub use store::{Consent, DEFAULT_SCOPES, Failure, SCOPES, TokenResponse};
pub use webhooks::{Attempt, Delivery, DeliveryOutcome, EVENT_TYPES, RETRIES, Webhook};

use state::Shared;

/// Configures and starts an [`Emulator`].
#[derive(Debug, Clone)]
pub struct Builder {
    consent: Consent,
    token_lifetime: Duration,
    code_lifetime: Duration,
    max_connections: usize,
    max_searches: usize,
    webhooks: webhooks::Config,
}

impl Builder {
    /// Approve OAuth consent at once (302 straight back), for tests.
    pub fn auto_approve(mut self, yes: bool) -> Self {
        self.consent = if yes {
            Consent::Approve
        } else {
            Consent::Prompt
        };
        self
    }
    /// What the consent page does: prompt, approve or deny at once.
    pub fn consent(mut self, consent: Consent) -> Self {
        self.consent = consent;
        self
    }
    /// Lifetime of access tokens (default one hour).
    pub fn token_lifetime(mut self, d: Duration) -> Self {
        self.token_lifetime = d;
        self
    }
    /// Lifetime of authorization codes (default 60 s).
    pub fn code_lifetime(mut self, d: Duration) -> Self {
        self.code_lifetime = d;
        self
    }
    /// Connections served at once (default 512); more wait to be accepted,
    /// so that no number of clients can exhaust the emulator's memory.
    pub fn max_connections(mut self, n: usize) -> Self {
        self.max_connections = n.max(1);
        self
    }
    /// Searches kept for paging with `searchID` (default 1,000); a new
    /// search past it forgets the oldest (its `searchID` is then answered
    /// 404 "Unknown searchID.", as for an expired search).
    pub fn max_searches(mut self, n: usize) -> Self {
        self.max_searches = n.max(1);
        self
    }
    /// How long webhook events are gathered into one POST after the first
    /// of them (default 100 ms; zero: only what is queued already).
    pub fn webhook_batch_window(mut self, d: Duration) -> Self {
        self.webhooks.batch_window = d;
        self
    }
    /// Most events in one webhook POST (default 100).
    pub fn webhook_batch_max(mut self, n: usize) -> Self {
        self.webhooks.batch_max = n.max(1);
        self
    }
    /// Most webhook events waiting for delivery (default 10,000); events
    /// past it are dropped and counted
    /// ([`Emulator::webhook_events_dropped`]).
    pub fn webhook_queue_limit(mut self, n: usize) -> Self {
        self.webhooks.queue_limit = n;
        self
    }
    /// The first retry delay of a webhook delivery; the next ones double
    /// (default 1 s: retries after 1 s, 2 s and 4 s). Short in tests.
    pub fn webhook_retry_delay(mut self, d: Duration) -> Self {
        self.webhooks.retry_base = d;
        self
    }
    /// Time allowed for each webhook call, handshake included (default
    /// 10 s); past it the attempt counts as failed.
    pub fn webhook_timeout(mut self, d: Duration) -> Self {
        self.webhooks.timeout = d;
        self
    }
    /// Listen on `addr` (loopback only; port 0 picks a free port) and serve
    /// in a background task.
    pub async fn start(self, addr: &str) -> Result<Emulator, Error> {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let local = listener.local_addr()?;
        if !local.ip().is_loopback() {
            return Err(Error::NotLoopback(local));
        }
        let (hooks, events) = webhooks::Hooks::new(self.webhooks)?;
        let dispatcher = tokio::spawn(webhooks::dispatch(hooks.clone(), events));
        let shared = Arc::new(Shared {
            store: Mutex::new(store::Store::new(
                self.token_lifetime,
                self.code_lifetime,
                self.consent,
                self.max_searches,
            )),
            token_requests: AtomicUsize::new(0),
            base_url: format!("http://{local}"),
            local_addr: local,
            hooks,
        });
        let app = server::router(shared.clone());
        let listener = limits::BoundedListener::new(listener, self.max_connections);
        let slots = (listener.slots(), self.max_connections);
        let (tx, rx) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = rx.await;
                })
                .await;
        });
        tracing::info!(%local, "imagen emulator listening");
        Ok(Emulator {
            shared,
            addr: local,
            slots,
            stop: Some(tx),
            task: Some(task),
            dispatcher,
        })
    }
}

/// A running emulator. Dropping it stops the server (without waiting);
/// [`Emulator::shutdown`] stops it and waits.
pub struct Emulator {
    shared: Arc<Shared>,
    addr: SocketAddr,
    /// The connection slots and their number (`Builder::max_connections`).
    slots: (Arc<tokio::sync::Semaphore>, usize),
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
    /// The webhook dispatcher (aborted with its deliveries on shutdown).
    dispatcher: JoinHandle<()>,
}

impl Emulator {
    pub fn builder() -> Builder {
        Builder {
            consent: Consent::Prompt,
            token_lifetime: Duration::from_secs(3600),
            code_lifetime: Duration::from_secs(60),
            max_connections: limits::MAX_CONNECTIONS,
            max_searches: 1000,
            webhooks: webhooks::Config::default(),
        }
    }

    /// `http://127.0.0.1:PORT` (no trailing slash).
    pub fn base_url(&self) -> &str {
        &self.shared.base_url
    }
    /// Base URL of the MediaControlCentre role (same as [`Self::base_url`]).
    pub fn mcc_url(&self) -> &str {
        self.base_url()
    }
    /// Base URL of the ImagenWeb role (same as [`Self::base_url`]).
    pub fn web_url(&self) -> &str {
        self.base_url()
    }
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Connections accepted and not yet closed (at most
    /// `Builder::max_connections`; further ones wait in the listen queue).
    pub fn open_connections(&self) -> usize {
        self.slots.1 - self.slots.0.available_permits()
    }

    /// Register an application; it is enabled and holds `spec.scopes`.
    pub fn create_application(&self, spec: ApplicationSpec) -> Result<Credentials, Error> {
        let app = self.shared.create_app(spec)?;
        Ok(Credentials {
            api_key: app.key,
            secret: app.secret,
        })
    }

    fn with_app<T>(&self, key: &str, f: impl FnOnce(&mut store::App) -> T) -> Result<T, Error> {
        let mut st = self.shared.lock();
        let app = st
            .apps
            .get_mut(key)
            .ok_or_else(|| Error::UnknownApplication(key.to_string()))?;
        Ok(f(app))
    }

    /// Add a scope to an application (as an administrator does in MCC).
    pub fn grant_scope(&self, key: &str, scope: &str) -> Result<(), Error> {
        if !store::is_known_scope(scope) {
            return Err(Error::UnknownScope(scope.into()));
        }
        self.with_app(key, |a| {
            a.scopes.insert(scope.to_string());
        })
    }
    /// Remove a scope from an application; existing tokens lose it at once.
    pub fn revoke_scope(&self, key: &str, scope: &str) -> Result<(), Error> {
        self.with_app(key, |a| {
            a.scopes.remove(scope);
        })
    }
    /// Enable or disable an application.
    pub fn set_enabled(&self, key: &str, enabled: bool) -> Result<(), Error> {
        self.with_app(key, |a| a.enabled = enabled)
    }
    /// The scopes an application holds.
    pub fn scopes_of(&self, key: &str) -> Result<Vec<String>, Error> {
        self.with_app(key, |a| a.scopes.iter().cloned().collect())
    }

    /// Issue a token pair as if `user` had authorized `scopes` for the
    /// application, without the browser dance.
    pub fn issue_token_for(
        &self,
        key: &str,
        user: &str,
        scopes: &[&str],
    ) -> Result<TokenResponse, Error> {
        let mut st = self.shared.lock();
        if !st.apps.contains_key(key) {
            return Err(Error::UnknownApplication(key.into()));
        }
        let uid = st
            .user_by_name(user)
            .ok_or_else(|| Error::UnknownUser(user.into()))?
            .id;
        let mut set = BTreeSet::new();
        for s in scopes {
            if !store::is_known_scope(s) {
                return Err(Error::UnknownScope(s.to_string()));
            }
            set.insert(s.to_string());
        }
        Ok(st.issue(key, uid, set, true))
    }

    /// Add a workflow (as an administrator does in MCC); answers its GUID.
    pub fn add_workflow(&self, spec: WorkflowSpec) -> Result<String, Error> {
        self.shared.add_workflow(spec)
    }

    /// Add a record with `id` (or the next free ID) and these fields (names
    /// are matched to the schema case-insensitively; new names extend it).
    /// `guid` and `imagenLastRecordChange` are filled in when not given.
    pub fn add_record(&self, id: Option<i64>, fields: &[(&str, &str)]) -> Result<i64, Error> {
        let fields = fields
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        self.shared.add_record(id, fields)
    }

    /// Add a media object to a record.
    pub fn add_media(&self, spec: MediaSpec) -> Result<i64, Error> {
        self.shared.add_media(spec)
    }

    /// Number of `POST /oauth/token` requests served so far.
    pub fn token_requests(&self) -> usize {
        self.shared.token_requests()
    }

    /// Fault injection handle.
    pub fn faults(&self) -> Faults<'_> {
        Faults {
            shared: &self.shared,
        }
    }

    /// Stop serving and wait for the server task to end.
    pub async fn shutdown(mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
        self.dispatcher.abort();
    }

    /// Register a webhook for application `api_key` (as its developer does
    /// in ImagenWeb's Webhooks tab), receiving the event types in `events`
    /// (empty: all of [`EVENT_TYPES`]). The emulator first calls `url` with
    /// `?challenge=<random>` (GET) and registers it only if the answer is
    /// 200 with the challenge in its body. Loopback URLs only.
    pub async fn register_webhook(
        &self,
        api_key: &str,
        url: &str,
        events: &[&str],
    ) -> Result<Webhook, Error> {
        let events = events.iter().map(|e| e.to_string()).collect();
        webhooks::register(&self.shared, api_key, url, events).await
    }
    /// The webhooks of an application.
    pub fn webhooks(&self, api_key: &str) -> Result<Vec<Webhook>, Error> {
        self.with_app(api_key, |_| ())?;
        Ok(self.shared.hooks.webhooks_of(api_key))
    }
    /// Remove a webhook; batches already on their way are still delivered.
    pub fn remove_webhook(&self, id: &str) -> Result<(), Error> {
        self.shared.hooks.remove(id)
    }
    /// The delivery log, oldest first (the last 1000 deliveries): each
    /// batch sent to each webhook, with its attempts.
    pub fn webhook_deliveries(&self) -> Vec<Delivery> {
        self.shared.hooks.deliveries()
    }
    /// Events dropped because the webhook queue was full.
    pub fn webhook_events_dropped(&self) -> u64 {
        self.shared.hooks.dropped()
    }
    /// Waits until every webhook event noted so far has been delivered or
    /// given up on (retries included): what a test awaits instead of
    /// sleeping. Returns at once when nothing is pending.
    pub async fn webhooks_settled(&self) {
        self.shared.hooks.settled().await
    }

    /// Delete a record and its media objects (as an administrator does in
    /// MediaControlCentre; the REST API documents no record deletion).
    pub fn delete_record(&self, id: i64) -> Result<(), Error> {
        let now = store::datetime_space(self.shared.now());
        if self.shared.lock().delete_record(id, 0, &now) {
            Ok(())
        } else {
            Err(Error::UnknownRecord(id))
        }
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        self.dispatcher.abort();
    }
}

/// Fault injection: see [`Emulator::faults`]. Faults apply to the API and
/// OAuth routes, never to the admin API.
pub struct Faults<'a> {
    shared: &'a Shared,
}

impl Faults<'_> {
    /// Delay every answer by `d` (zero to stop).
    pub fn latency(&self, d: Duration) -> &Self {
        self.shared.lock().faults.latency = d;
        self
    }
    /// Answer the next `n` requests with `failure` (429 with `Retry-After`,
    /// or 503) instead of serving them.
    pub fn fail_next(&self, n: usize, failure: Failure) -> &Self {
        self.shared.lock().faults.fail = (n > 0).then_some((n, failure));
        self
    }
    /// Shift the emulator's clock (used for the date window and the `Date`
    /// header) by `secs` seconds, positive = ahead of the system clock.
    pub fn clock_offset_secs(&self, secs: i64) -> &Self {
        self.shared.lock().faults.clock_offset_secs = secs;
        self
    }
    /// Lifetime of access tokens issued from now on.
    pub fn token_lifetime(&self, d: Duration) -> &Self {
        self.shared.lock().token_lifetime = d;
        self
    }
    /// Delay `POST /oauth/token` by `d` (zero to stop) on top of
    /// [`latency`](Self::latency): the request is counted
    /// ([`Emulator::token_requests`]) when it arrives and processed after
    /// the delay, as a slow token endpoint does.
    pub fn token_latency(&self, d: Duration) -> &Self {
        self.shared.lock().faults.token_latency = d;
        self
    }
    /// Refresh-token rotation from now on (off by default): each refresh
    /// answers a new refresh token, and the one it was made with is refused
    /// from then on (`invalid_grant`).
    pub fn rotate_refresh_tokens(&self, on: bool) -> &Self {
        self.shared.lock().rotate_refresh_tokens = on;
        self
    }
    /// What the consent page does from now on.
    pub fn consent(&self, c: Consent) -> &Self {
        self.shared.lock().consent = c;
        self
    }
    /// Forget every stored search, as a server does when a search expires:
    /// a later page's `searchID` is answered 404 "Unknown searchID.".
    pub fn expire_searches(&self) -> &Self {
        self.shared.lock().searches.clear();
        self
    }
    /// Remove latency (token endpoint's too), pending failures and the
    /// clock offset.
    pub fn clear(&self) -> &Self {
        let mut st = self.shared.lock();
        st.faults.latency = Duration::ZERO;
        st.faults.token_latency = Duration::ZERO;
        st.faults.fail = None;
        st.faults.clock_offset_secs = 0;
        self
    }
}
