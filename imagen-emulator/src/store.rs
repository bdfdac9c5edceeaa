//! The in-memory store: applications, users, tokens, records, media,
//! workflows, profiles, history, searches and jobs.
//!
//! Everything lives behind one `std::sync::Mutex` held only for short,
//! non-async sections: the emulator serves tests, so simplicity and
//! determinism matter more than concurrency. The seed data deliberately
//! carries accented, CJK and emoji text so that UTF-8 handling is exercised
//! by every search and listing.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use rand::RngCore;

/// The scopes of api/imagen.yaml, with their descriptions (shown on the
/// consent page and in `GET /core/v1/application`).
pub const SCOPES: &[(&str, &str)] = &[
    (
        "readUsersData",
        "View records, media and collections that the creating user can see.",
    ),
    (
        "modifyUsersData",
        "View and modify records, media and collections that the creating user can see.",
    ),
    ("manageJobs", "View and manage jobs and workflows."),
    (
        "createJobs",
        "Create and manage workflow jobs owned by the creating user.",
    ),
    ("roles", "Search for users and groups."),
    ("modifyRoles", "Modify users and e-mail users."),
    (
        "databases",
        "Access all databases (seen only in a sample response).",
    ),
    (
        "impersonateUsers",
        "Act as users without an OAuth access token (seen only in a sample response).",
    ),
    (
        "files",
        "Manage Imagen StorageService files (seen only in a sample response).",
    ),
];

/// Scopes every new application gets (`default: true` in the description).
pub const DEFAULT_SCOPES: &[&str] = &["readUsersData", "modifyUsersData"];

/// `implies` of the description: holding the key grants the values too.
const IMPLIES: &[(&str, &str)] = &[("modifyUsersData", "readUsersData")];

pub fn scope_description(name: &str) -> Option<&'static str> {
    SCOPES.iter().find(|(n, _)| *n == name).map(|(_, d)| *d)
}

pub fn is_known_scope(name: &str) -> bool {
    scope_description(name).is_some()
}

/// A scope set with its implications added.
pub fn expand(scopes: &BTreeSet<String>) -> BTreeSet<String> {
    let mut out = scopes.clone();
    for (from, to) in IMPLIES {
        if scopes.contains(*from) {
            out.insert((*to).to_string());
        }
    }
    out
}

/// Random lowercase hex of `n` bytes.
pub fn random_hex(n: usize) -> String {
    let mut b = vec![0u8; n];
    rand::thread_rng().fill_bytes(&mut b);
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// A random GUID in the usual 8-4-4-4-12 upper-case form.
pub fn random_guid() -> String {
    let h = random_hex(16).to_ascii_uppercase();
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// ISO 8601 in UTC with `Z`, second precision.
pub fn iso8601(t: SystemTime) -> String {
    let secs = t
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil-from-days (proleptic Gregorian), valid for all i64 day counts we meet.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

/// `now + d`, saturating at about a century for absurd lifetimes.
pub fn expiry(d: Duration) -> Instant {
    let now = Instant::now();
    now.checked_add(d)
        .or_else(|| now.checked_add(Duration::from_secs(100 * 365 * 86_400)))
        .unwrap_or(now)
}

/// Web or installed application (public mirror in [`crate::AppKind`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Web { redirect_uri: String },
    Installed { custom_redirect: Option<String> },
}

#[derive(Debug, Clone)]
pub struct App {
    pub key: String,
    pub secret: String,
    pub name: String,
    pub kind: Kind,
    pub scopes: BTreeSet<String>,
    pub enabled: bool,
    pub created: SystemTime,
}

impl App {
    pub fn to_json(&self) -> serde_json::Value {
        let scopes: Vec<_> = self
            .scopes
            .iter()
            .map(|s| serde_json::json!({"Name": s, "Description": scope_description(s).unwrap_or("")}))
            .collect();
        let (ty, redirect) = match &self.kind {
            Kind::Web { redirect_uri } => ("web", redirect_uri.clone()),
            Kind::Installed { custom_redirect } => {
                ("installed", custom_redirect.clone().unwrap_or_default())
            }
        };
        serde_json::json!({"Application": {
            "APIKey": self.key,
            "SecretAccessKey": self.secret,
            "Name": self.name,
            "Created": iso8601(self.created),
            "Enabled": if self.enabled { 1 } else { 0 },
            "RedirectURI": redirect,
            "Contact": "Emulator Admin",
            "Website": "https://example.invalid/",
            "Description": format!("Application '{}' registered in the Imagen emulator.", self.name),
            "Logo": "",
            "DeveloperEmail": "developer@example.invalid",
            "ApplicationType": ty,
            "DatabaseID": 1,
            "Scopes": {"Scope": scopes},
        }})
    }
}

#[derive(Debug, Clone)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub full_name: String,
    pub user_type: String,
    pub email: String,
    pub quota: i64,
    pub rights: Vec<String>,
}

impl User {
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "UserID": self.id,
            "Username": self.username,
            "UserType": self.user_type,
            "EmailAddress": self.email,
            "CreateRecordQuota": self.quota,
            "AccessRights": self.rights,
        })
    }
}

#[derive(Debug, Clone)]
pub struct Record {
    pub id: i64,
    pub fields: BTreeMap<String, String>,
}

#[derive(Debug, Clone)]
pub struct Media {
    pub id: i64,
    pub record_id: i64,
    pub filename: String,
    pub state: String,
    pub profiles: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Workflow {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub usage: &'static str,
    pub media_types: Vec<&'static str>,
    pub extensions: Vec<&'static str>,
    pub can_clip: bool,
}

impl Workflow {
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "ID": self.id,
            "Name": self.name,
            "Description": self.description,
            "DateCreated": "2020-01-31T12:00:00Z",
            "UsageType": self.usage,
            "MediaTypes": self.media_types,
            "FileExtensions": self.extensions,
            "FieldInputs": ["Title", "Description"],
            "CanClip": self.can_clip,
            "ClipOnly": false,
        })
    }
}

#[derive(Debug, Clone)]
pub struct Profile {
    pub id: i64,
    pub name: &'static str,
    pub ty: &'static str,
    pub usage: &'static str,
    pub attributes: Vec<(&'static str, &'static str)>,
}

impl Profile {
    pub fn to_json(&self) -> serde_json::Value {
        let attrs: serde_json::Map<String, serde_json::Value> = self
            .attributes
            .iter()
            .map(|(k, v)| ((*k).to_string(), serde_json::Value::from(*v)))
            .collect();
        serde_json::json!({"ID": self.id, "Name": self.name, "Type": self.ty, "Usage": self.usage, "Attributes": attrs})
    }
}

#[derive(Debug, Clone)]
pub struct HistoryEntry {
    pub id: i64,
    pub record_id: Option<i64>,
    pub media_id: Option<i64>,
    pub change: &'static str,
    pub user_id: i64,
    pub modified: String,
    pub description: String,
}

impl HistoryEntry {
    pub fn to_json(&self) -> serde_json::Value {
        let mut v = serde_json::json!({
            "ID": self.id,
            "Type": self.change,
            "UserID": self.user_id,
            "ModifiedDate": self.modified,
            "Description": self.description,
        });
        if let Some(r) = self.record_id {
            v["RecordID"] = r.into();
        }
        if let Some(m) = self.media_id {
            v["MediaID"] = m.into();
        }
        v
    }
}

#[derive(Debug, Clone)]
pub struct AccessToken {
    pub app_key: String,
    pub user_id: i64,
    pub scopes: BTreeSet<String>,
    pub expires: Instant,
    pub revoked: bool,
    pub refresh: Option<String>,
}

#[derive(Debug, Clone)]
pub struct RefreshToken {
    pub app_key: String,
    pub user_id: i64,
    pub scopes: BTreeSet<String>,
    pub revoked: bool,
}

#[derive(Debug, Clone)]
pub struct AuthCode {
    pub app_key: String,
    pub user_id: i64,
    pub scopes: BTreeSet<String>,
    pub redirect_uri: String,
    pub challenge: Option<(String, String)>,
    pub expires: Instant,
    pub used: bool,
    /// Tokens issued from this code (revoked if the code is replayed).
    pub issued: Vec<String>,
}

/// A stored search, so that `start` + `searchID` can page through it.
#[derive(Debug, Clone)]
pub struct Search {
    pub owner: (String, i64),
    pub ids: Vec<i64>,
}

#[derive(Debug, Clone)]
pub struct ImportJob {
    pub owner: (String, i64),
    pub reads: u32,
    pub record_ids: Vec<i64>,
    pub media_ids: Vec<i64>,
    pub store_jobs: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Job {
    pub owner: (String, i64),
    pub name: String,
    pub workflow: i64,
}

/// What the consent page does on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consent {
    /// Show the page and wait for the user's click.
    Prompt,
    /// Approve at once (tests).
    Approve,
    /// Deny at once (tests of `error=access_denied`).
    Deny,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    RateLimited { retry_after_secs: u64 },
    Unavailable,
}

#[derive(Debug, Clone)]
pub struct Faults {
    pub latency: Duration,
    pub fail: Option<(usize, Failure)>,
    pub clock_offset_secs: i64,
}

pub struct Store {
    pub apps: HashMap<String, App>,
    pub users: Vec<User>,
    pub records: BTreeMap<i64, Record>,
    pub media: BTreeMap<i64, Media>,
    pub workflows: Vec<Workflow>,
    pub profiles: Vec<Profile>,
    pub history: Vec<HistoryEntry>,
    pub access_tokens: HashMap<String, AccessToken>,
    pub refresh_tokens: HashMap<String, RefreshToken>,
    pub codes: HashMap<String, AuthCode>,
    pub searches: HashMap<String, Search>,
    pub imports: HashMap<String, ImportJob>,
    pub jobs: HashMap<String, Job>,
    pub next_record: i64,
    pub next_media: i64,
    pub next_history: i64,
    pub token_lifetime: Duration,
    pub code_lifetime: Duration,
    pub consent: Consent,
    pub faults: Faults,
}

/// The token answer of `/oauth/token` (also returned by
/// [`crate::Emulator::issue_token_for`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TokenResponse {
    pub access_token: String,
    pub token_type: String,
    pub expires_in: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    pub scope: String,
}

/// ID, name, description, usage, media types, extensions, can clip.
type WorkflowSeed = (
    i64,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    bool,
);

impl Store {
    pub fn new(token_lifetime: Duration, code_lifetime: Duration, consent: Consent) -> Self {
        let mut s = Store {
            apps: HashMap::new(),
            users: Vec::new(),
            records: BTreeMap::new(),
            media: BTreeMap::new(),
            workflows: Vec::new(),
            profiles: Vec::new(),
            history: Vec::new(),
            access_tokens: HashMap::new(),
            refresh_tokens: HashMap::new(),
            codes: HashMap::new(),
            searches: HashMap::new(),
            imports: HashMap::new(),
            jobs: HashMap::new(),
            next_record: 1,
            next_media: 101,
            next_history: 1,
            token_lifetime,
            code_lifetime,
            consent,
            faults: Faults {
                latency: Duration::ZERO,
                fail: None,
                clock_offset_secs: 0,
            },
        };
        s.seed();
        s
    }

    pub fn user(&self, id: i64) -> Option<&User> {
        self.users.iter().find(|u| u.id == id)
    }

    pub fn user_by_name(&self, name: &str) -> Option<&User> {
        self.users.iter().find(|u| u.username == name)
    }

    pub fn add_app(&mut self, name: String, kind: Kind, scopes: BTreeSet<String>) -> App {
        let app = App {
            key: random_hex(16),
            secret: random_hex(24),
            name,
            kind,
            scopes,
            enabled: true,
            created: SystemTime::now(),
        };
        self.apps.insert(app.key.clone(), app.clone());
        app
    }

    pub fn add_record(&mut self, fields: BTreeMap<String, String>) -> i64 {
        let id = self.next_record;
        self.next_record += 1;
        self.records.insert(id, Record { id, fields });
        id
    }

    pub fn add_media(&mut self, record_id: i64, filename: &str, state: &str) -> i64 {
        let id = self.next_media;
        self.next_media += 1;
        let profiles = if filename.ends_with(".jpg") {
            vec!["JPEG thumbnail".to_string()]
        } else {
            vec!["H.264 720p".to_string(), "JPEG thumbnail".to_string()]
        };
        self.media.insert(
            id,
            Media {
                id,
                record_id,
                filename: filename.to_string(),
                state: state.to_string(),
                profiles,
            },
        );
        id
    }

    pub fn add_history(
        &mut self,
        record_id: Option<i64>,
        media_id: Option<i64>,
        change: &'static str,
        user_id: i64,
        modified: String,
        description: String,
    ) {
        let id = self.next_history;
        self.next_history += 1;
        self.history.push(HistoryEntry {
            id,
            record_id,
            media_id,
            change,
            user_id,
            modified,
            description,
        });
    }

    /// Issue an access token (and a refresh token when `refresh`).
    pub fn issue(
        &mut self,
        app_key: &str,
        user_id: i64,
        scopes: BTreeSet<String>,
        refresh: bool,
    ) -> TokenResponse {
        let access = random_hex(24);
        let refresh_token = refresh.then(|| random_hex(32));
        if let Some(r) = &refresh_token {
            self.refresh_tokens.insert(
                r.clone(),
                RefreshToken {
                    app_key: app_key.to_string(),
                    user_id,
                    scopes: scopes.clone(),
                    revoked: false,
                },
            );
        }
        self.insert_access(&access, app_key, user_id, &scopes, refresh_token.clone());
        TokenResponse {
            access_token: access,
            token_type: "Bearer".into(),
            expires_in: self.token_lifetime.as_secs(),
            refresh_token,
            scope: scopes.iter().cloned().collect::<Vec<_>>().join(" "),
        }
    }

    pub fn insert_access(
        &mut self,
        access: &str,
        app_key: &str,
        user_id: i64,
        scopes: &BTreeSet<String>,
        refresh: Option<String>,
    ) {
        self.access_tokens.insert(
            access.to_string(),
            AccessToken {
                app_key: app_key.to_string(),
                user_id,
                scopes: scopes.clone(),
                expires: expiry(self.token_lifetime),
                revoked: false,
                refresh,
            },
        );
    }

    fn seed(&mut self) {
        let users = [
            (
                1,
                "zoe",
                "Zoë Ødegård",
                "Administrator",
                "zoe@example.invalid",
            ),
            (2, "kenji", "山田 健二", "User", "kenji@example.invalid"),
            (3, "ana", "Ana Núñez", "User", "ana@example.invalid"),
        ];
        for (id, username, full, ty, email) in users {
            self.users.push(User {
                id,
                username: username.into(),
                full_name: full.into(),
                user_type: ty.into(),
                email: email.into(),
                quota: 1000,
                rights: vec!["Read".into(), "Write".into(), "Download".into()],
            });
        }
        let records: &[(&str, &str, &str, &str, &str, &str)] = &[
            (
                "Zoë at the harbour",
                "Portrait of Zoë on a café terrace",
                "Bergen",
                "5",
                "Image",
                "zoe.jpg",
            ),
            (
                "東京タワー",
                "Tokyo Tower at night — 夜景",
                "東京",
                "4",
                "Video",
                "tokyo.mov",
            ),
            (
                "🎞️ Film reel",
                "Archive reel with an emoji title 🎞️",
                "London",
                "3",
                "Video",
                "reel.mov",
            ),
            (
                "Crème brûlée",
                "Food shoot for the café menu",
                "Paris",
                "2",
                "Image",
                "creme.jpg",
            ),
            (
                "Harbour timelapse",
                "Boats leaving at dawn",
                "Bergen",
                "4",
                "Video",
                "harbour.mov",
            ),
            (
                "Interview: Ana Núñez",
                "Radio interview",
                "Madrid",
                "5",
                "Audio",
                "ana.wav",
            ),
            (
                "Sunset",
                "Sunset over the fjord",
                "Bergen",
                "1",
                "Image",
                "sunset.jpg",
            ),
            (
                "Press conference",
                "Quarterly results",
                "London",
                "3",
                "Video",
                "press.mov",
            ),
        ];
        for (i, (title, desc, loc, rating, ty, file)) in records.iter().enumerate() {
            let fields: BTreeMap<String, String> = [
                ("Title", *title),
                ("Description", *desc),
                ("Location", *loc),
                ("Rating", *rating),
                ("Type", *ty),
                ("Date", &format!("2021-0{}-1{}", (i % 9) + 1, i % 10)),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
            let rid = self.add_record(fields);
            let state = if i % 4 == 3 { "Archived" } else { "Online" };
            let mid = self.add_media(rid, file, state);
            let user = (i as i64 % 3) + 1;
            self.add_history(
                Some(rid),
                Some(mid),
                "create",
                user,
                format!("2021-01-{:02}T09:00:00Z", i + 1),
                format!("Created record {rid}"),
            );
            if i % 2 == 0 {
                self.add_history(
                    Some(rid),
                    None,
                    "edit",
                    user,
                    format!("2021-02-{:02}T10:30:00Z", i + 1),
                    format!("Edited the title of record {rid}: {title}"),
                );
            }
        }
        let wf: &[WorkflowSeed] = &[
            (
                1,
                "Ingest video",
                "Transcode and key-frame new video",
                "OnIngest",
                &["Video"],
                &["mov", "mp4", "mxf"],
                true,
            ),
            (
                2,
                "Transcode to H.264",
                "Make an H.264 rendition — für das Web",
                "GeneralUse",
                &["Video"],
                &["mov", "mxf"],
                true,
            ),
            (
                3,
                "Regenerate key images",
                "Rebuild the key images of a video",
                "RegenerateKeyImages",
                &["Video"],
                &["mov", "mp4"],
                false,
            ),
            (
                4,
                "Order DVD",
                "Order a physical copy",
                "Order",
                &["Video", "Image"],
                &[],
                false,
            ),
            (
                5,
                "Tag images",
                "Task: tag images (画像)",
                "Task",
                &["Image"],
                &["jpg", "png"],
                false,
            ),
        ];
        for (id, name, desc, usage, mt, ext, clip) in wf {
            self.workflows.push(Workflow {
                id: *id,
                name: (*name).into(),
                description: (*desc).into(),
                usage,
                media_types: mt.to_vec(),
                extensions: ext.to_vec(),
                can_clip: *clip,
            });
        }
        self.profiles = vec![
            Profile {
                id: 1,
                name: "Original video",
                ty: "Original",
                usage: "Video",
                attributes: vec![("Container", "mov")],
            },
            Profile {
                id: 2,
                name: "H.264 720p",
                ty: "Rendition",
                usage: "Video",
                attributes: vec![("Codec", "h264"), ("Height", "720")],
            },
            Profile {
                id: 3,
                name: "JPEG thumbnail",
                ty: "Rendition",
                usage: "Image",
                attributes: vec![("Width", "320")],
            },
            Profile {
                id: 4,
                name: "Waveform preview",
                ty: "Temporary",
                usage: "Audio",
                attributes: vec![],
            },
            Profile {
                id: 5,
                name: "Original image",
                ty: "Original",
                usage: "Image",
                attributes: vec![],
            },
            Profile {
                id: 6,
                name: "Original audio",
                ty: "Original",
                usage: "Audio",
                attributes: vec![("Format", "wav")],
            },
        ];
    }
}
