//! The library API's data: what a test registers (applications, workflows,
//! media objects), what it gets back (credentials) and the errors of doing
//! so. Re-exported at the crate root.

use std::net::SocketAddr;

/// Errors of the library API (the HTTP side answers with error bodies).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(
        "unknown scope '{0}' (known: readUsersData, modifyUsersData, manageJobs, createJobs, roles, modifyRoles, databases, impersonateUsers, files)"
    )]
    UnknownScope(String),
    #[error("no application has the API key '{0}'")]
    UnknownApplication(String),
    #[error("no user named '{0}' (seeded: zoe, kenji, ana)")]
    UnknownUser(String),
    #[error("invalid redirect URI '{0}': {1}")]
    InvalidRedirect(String, &'static str),
    #[error("the emulator listens on loopback only, not on {0}")]
    NotLoopback(SocketAddr),
    #[error("{0} {1} exists already")]
    IdTaken(&'static str, i64),
    #[error("no record {0}")]
    UnknownRecord(i64),
    #[error("no media object {0}")]
    UnknownMedia(i64),
    #[error("invalid seed data: {0}")]
    InvalidSpec(String),
    #[error("no webhook has the ID '{0}'")]
    UnknownWebhook(String),
    #[error("the webhook URL '{0}' is refused: {1}")]
    NotLoopbackUrl(String, String),
    #[error("the webhook for '{0}' was not created: {1}")]
    WebhookRefused(String, String),
    #[error("cannot listen: {0}")]
    Io(#[from] std::io::Error),
}

/// Kind of application, as ImagenWeb's developer section offers them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppKind {
    /// A web application: OAuth redirects go to this `https://` URI only.
    Web { redirect_uri: String },
    /// An installed (desktop/CLI) application: reserved redirect URIs
    /// (`http://localhost`, `http://127.0.0.1`, the two `oob` URNs), or its
    /// own custom scheme URI.
    Installed { custom_redirect: Option<String> },
}

/// What [`crate::Emulator::create_application`] registers.
#[derive(Debug, Clone)]
pub struct ApplicationSpec {
    pub name: String,
    pub kind: AppKind,
    /// Scope wire names; empty means the defaults (`readUsersData`,
    /// `modifyUsersData`).
    pub scopes: Vec<String>,
}

impl ApplicationSpec {
    /// An installed application using the reserved redirect URIs only,
    /// with the default scopes.
    pub fn installed(name: impl Into<String>) -> Self {
        ApplicationSpec {
            name: name.into(),
            kind: AppKind::Installed {
                custom_redirect: None,
            },
            scopes: Vec::new(),
        }
    }
    /// A web application redirecting to `redirect_uri` (`https://` only),
    /// with the default scopes.
    pub fn web(name: impl Into<String>, redirect_uri: impl Into<String>) -> Self {
        ApplicationSpec {
            name: name.into(),
            kind: AppKind::Web {
                redirect_uri: redirect_uri.into(),
            },
            scopes: Vec::new(),
        }
    }
    /// Replace the scopes (wire names).
    pub fn scopes(mut self, scopes: &[&str]) -> Self {
        self.scopes = scopes.iter().map(|s| s.to_string()).collect();
        self
    }
    /// Also accept redirects to this custom-scheme URI (installed only).
    pub fn custom_redirect(mut self, uri: impl Into<String>) -> Self {
        self.kind = AppKind::Installed {
            custom_redirect: Some(uri.into()),
        };
        self
    }
}

/// A workflow for [`crate::Emulator::add_workflow`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkflowSpec {
    pub name: String,
    pub description: String,
    /// `OnIngest`, `Order`, `Task`, `GeneralUse` or `RegenerateKeyImages`.
    pub usage_type: String,
    /// `Video`, `Audio`, `Image`, `Stills`, `Thumbnail`, `Subtitles`,
    /// `Document`, `HLS`.
    pub media_types: Vec<String>,
    /// (media type, comma-joined extensions and MIME types), for
    /// `FileExtensions`.
    pub file_extensions: Vec<(String, String)>,
    pub can_clip: bool,
    pub clip_only: bool,
}

impl WorkflowSpec {
    /// A `GeneralUse` workflow for video, without file extensions.
    pub fn new(name: impl Into<String>) -> Self {
        WorkflowSpec {
            name: name.into(),
            description: String::new(),
            usage_type: "GeneralUse".into(),
            media_types: vec!["Video".into()],
            file_extensions: Vec::new(),
            can_clip: false,
            clip_only: false,
        }
    }
    pub fn usage_type(mut self, usage: impl Into<String>) -> Self {
        self.usage_type = usage.into();
        self
    }
    pub fn media_types(mut self, types: &[&str]) -> Self {
        self.media_types = types.iter().map(|s| s.to_string()).collect();
        self
    }
}

/// Workflow usage types (`UsageType`).
pub const USAGE_TYPES: &[&str] = &[
    "OnIngest",
    "Order",
    "Task",
    "GeneralUse",
    "RegenerateKeyImages",
];

/// A media object for [`crate::Emulator::add_media`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaSpec {
    /// `None`: the next free ID.
    pub id: Option<i64>,
    pub record_id: i64,
    /// `Video`, `Audio`, `Image`, `Social` or `Document`.
    pub media_type: String,
    /// The original file (URL or path).
    pub file: String,
    /// The media object this one is a segment of.
    pub parent_id: Option<i64>,
}

impl MediaSpec {
    pub fn new(record_id: i64, media_type: impl Into<String>, file: impl Into<String>) -> Self {
        MediaSpec {
            id: None,
            record_id,
            media_type: media_type.into(),
            file: file.into(),
            parent_id: None,
        }
    }
    /// Use this media ID.
    pub fn id(mut self, id: i64) -> Self {
        self.id = Some(id);
        self
    }
    /// Make it a segment of media `parent`.
    pub fn segment_of(mut self, parent: i64) -> Self {
        self.parent_id = Some(parent);
        self
    }
}

/// The credentials of a new application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    pub api_key: String,
    pub secret: String,
}
