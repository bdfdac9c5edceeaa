//! Helpers of the end-to-end tests: every test starts its own emulator on
//! a free loopback port, registers its own application and talks to it
//! through the generated client (`imagen::api`) over real HTTP.
#![allow(dead_code)]

use imagen::api::HostUrls as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use imagen::api::Client;
use imagen::api::scopes::DefaultScopes;
use imagen::api::scopes::Grants;
use imagen::api::scopes::ReadUsersData;
use imagen::api::types::{
    DatabaseJob, ImportDocument, ImportMediaObject, ImportRecord, JobState, MediaElement,
    MediaType, Record,
};
use imagen::scope::{ScopeSet, UserContext};
use imagen::wire::Format;
use imagen::{ApiError, IndexMap, RetryPolicy, Session, SessionBuilder, StaticToken};
use imagen_emulator::{ApplicationSpec, Credentials, Emulator};

/// An emulator that approves consent at once.
pub async fn start() -> Emulator {
    Emulator::builder()
        .auto_approve(true)
        .start("127.0.0.1:0")
        .await
        .expect("the emulator starts")
}

/// An installed application holding `scopes` (empty: the defaults).
pub fn app(emu: &Emulator, name: &str, scopes: &[&str]) -> Credentials {
    emu.create_application(ApplicationSpec::installed(name).scopes(scopes))
        .expect("application registered")
}

/// Retries as the default policy, but with short backoffs so that the
/// tests only wait where a fault asks for it (`Retry-After`).
pub fn quick_retries() -> RetryPolicy {
    RetryPolicy::default()
        .initial_backoff(Duration::from_millis(10))
        .max_backoff(Duration::from_millis(50))
}

/// A session builder for `app` against `emu` (both hosts).
pub fn builder(emu: &Emulator, app: &Credentials) -> SessionBuilder {
    Session::builder()
        .api_key(&app.api_key)
        .api_secret(&app.secret)
        .mcc_url(emu.mcc_url())
        .web_url(emu.web_url())
        .retry_policy(quick_retries())
        .timeout(Duration::from_secs(10))
}

pub fn session(emu: &Emulator, app: &Credentials) -> Session {
    builder(emu, app).build().expect("session")
}

/// A session that counts the attempts it sends (the `on_request` hook
/// runs once per attempt, retries included).
pub fn counting_session(emu: &Emulator, app: &Credentials) -> (Session, Arc<AtomicUsize>) {
    let n = Arc::new(AtomicUsize::new(0));
    let seen = n.clone();
    let s = builder(emu, app)
        .on_request(move |_| {
            seen.fetch_add(1, Ordering::SeqCst);
        })
        .build()
        .expect("session");
    (s, n)
}

/// An application-context client with the default scope set.
pub fn client(emu: &Emulator, app: &Credentials) -> Client {
    Client::new(session(emu, app))
}

/// A user-context client for `user`, whose token (issued by the emulator
/// without the consent dance) grants `scopes`.
pub fn user_client(
    emu: &Emulator,
    app: &Credentials,
    user: &str,
    scopes: &[&str],
) -> Client<imagen::api::scopes::DefaultScopes, UserContext> {
    client(emu, app).for_user(static_token(emu, app, user, scopes))
}

pub fn static_token(
    emu: &Emulator,
    app: &Credentials,
    user: &str,
    scopes: &[&str],
) -> Arc<dyn imagen::TokenSource> {
    let t = emu
        .issue_token_for(&app.api_key, user, scopes)
        .expect("token issued");
    Arc::new(StaticToken::new(t.access_token))
}

/// A user-context client like [`user_client`] whose session prefers
/// `format` where an endpoint offers a choice.
pub fn user_client_in(
    emu: &Emulator,
    app: &Credentials,
    user: &str,
    scopes: &[&str],
    format: Format,
) -> Client<DefaultScopes, UserContext> {
    let s = builder(emu, app)
        .answer_format(format)
        .build()
        .expect("session");
    Client::new(s).for_user(static_token(emu, app, user, scopes))
}

/// The server answer behind an error.
pub fn api(e: &imagen::Error) -> &ApiError {
    e.api()
        .unwrap_or_else(|| panic!("no server answer in {e:?}"))
}

/// The message of a server answer behind an error.
pub fn message(e: &imagen::Error) -> String {
    api(e)
        .message
        .clone()
        .unwrap_or_else(|| panic!("no server message in {e:?}"))
}

/// The XML error `<Code>` of a server answer behind an error.
pub fn code(e: &imagen::Error) -> Option<&str> {
    api(e).code.as_deref()
}

/// Fields of an import record, in the given order.
pub fn fields(pairs: &[(&str, &str)]) -> IndexMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// A new record (`ID="-1"`) without media.
pub fn new_record(pairs: &[(&str, &str)]) -> ImportRecord {
    ImportRecord {
        id: -1,
        fields: fields(pairs),
        acl: None,
        media_objects: None,
    }
}

/// A media object (`id` -1 for a new one) with one element, `file` its
/// `OriginalFile`.
pub fn media_object(id: i64, media_type: MediaType, file: &str) -> ImportMediaObject {
    ImportMediaObject {
        version: Some(3),
        id,
        media_type: media_type.clone(),
        is_clip: Some(String::new()),
        name: None,
        acl: None,
        base_download_cost: Some(0),
        base_timecode: None,
        duration: None,
        elements: vec![MediaElement {
            media_type,
            index: Some(0),
            umid: Some(String::new()),
            original_file: file.to_string(),
        }],
    }
}

/// An import document of these records.
pub fn doc(records: Vec<ImportRecord>) -> ImportDocument {
    ImportDocument { records }
}

/// IDs of the records an import task lists under `Import`.
pub fn imported_ids(job: &DatabaseJob) -> Vec<i64> {
    job.import
        .iter()
        .flat_map(|i| i.records.iter().flatten())
        .map(|r| r.id)
        .collect()
}

/// (media IDs, number of store jobs) of each imported record, in order.
pub fn imported_media(job: &DatabaseJob) -> Vec<(Vec<i64>, usize)> {
    job.import
        .iter()
        .flat_map(|i| i.records.iter().flatten())
        .map(|r| match &r.media {
            Some(m) => (
                m.media_objects.iter().map(|o| o.id).collect(),
                m.store_jobs.len(),
            ),
            None => (Vec::new(), 0),
        })
        .collect()
}

/// Reads an import task's status until it is Completed or Failed, at most
/// `bound` times (the emulator advances a task one state per read, so no
/// waiting is needed); answers every state read, and the last document.
pub async fn poll_import<S>(
    u: &Client<S, UserContext>,
    guid: &str,
    bound: usize,
) -> (Vec<JobState>, DatabaseJob)
where
    S: ScopeSet + Grants<ReadUsersData, imagen::api::import::Status>,
{
    let mut states = Vec::new();
    for _ in 0..bound {
        let job = u.import().status(guid).send().await.expect("import status");
        assert_eq!(job.guid, guid, "the status of another task: {job:?}");
        states.push(job.state);
        if matches!(job.state, JobState::Completed | JobState::Failed) {
            return (states, job);
        }
    }
    panic!("import task {guid} not finished after {bound} reads: {states:?}");
}

/// A record's field, which must be present.
pub fn field<'a>(r: &'a Record, name: &str) -> &'a str {
    r.fields
        .get(name)
        .unwrap_or_else(|| panic!("record {} has no field {name}: {:?}", r.id, r.fields))
}

/// A plain HTTP client for the emulator's admin API and the fake browser.
pub fn http() -> imagen::reqwest::Client {
    imagen::reqwest::Client::builder()
        .redirect(imagen::reqwest::redirect::Policy::none())
        .no_proxy()
        .build()
        .expect("http client")
}

/// Sends a request to the emulator's admin API and reads its JSON answer.
async fn admin_json(req: imagen::reqwest::RequestBuilder) -> serde_json::Value {
    req.send()
        .await
        .expect("admin API answers")
        .json()
        .await
        .expect("admin JSON")
}

/// `POST /emulator/admin/faults` with no change: the current faults.
pub async fn faults_now(emu: &Emulator) -> serde_json::Value {
    admin_json(
        http()
            .post(format!("{}/emulator/admin/faults", emu.base_url()))
            .header("content-type", "application/json")
            .body("{}"),
    )
    .await
}

/// `GET /emulator/admin/stats`.
pub async fn stats(emu: &Emulator) -> serde_json::Value {
    admin_json(http().get(format!("{}/emulator/admin/stats", emu.base_url()))).await
}

/// IDs of a list of records, in answer order.
pub fn ids<'a>(records: impl IntoIterator<Item = &'a imagen::api::types::Record>) -> Vec<i64> {
    records.into_iter().map(|r| r.id).collect()
}
