//! The state every handler shares ([`Shared`], [`AppState`]) and the
//! operations on it that both the library API ([`crate::Emulator`]) and the
//! admin API perform (register an application, add a workflow, record or
//! media object), so that the two validate the same way.
//!
//! The HTTP areas (`api`, `oauth`, `admin`, `webhooks`) depend on this
//! module, never on [`crate::server`], which only composes their routers.

use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::SystemTime;

use crate::spec::{AppKind, ApplicationSpec, Error, MediaSpec, USAGE_TYPES, WorkflowSpec};
use crate::store::{self, DEFAULT_SCOPES};
use crate::webhooks::Hooks;
use crate::xml;

/// The router state: every handler gets the same [`Shared`].
pub(crate) type AppState = Arc<Shared>;

/// State shared by all handlers.
pub(crate) struct Shared {
    pub(crate) store: Mutex<store::Store>,
    pub(crate) token_requests: AtomicUsize,
    pub(crate) base_url: String,
    /// The listener's address, for the `Host` check.
    pub(crate) local_addr: SocketAddr,
    /// Webhook registrations, the delivery queue and log.
    pub(crate) hooks: Arc<Hooks>,
}

/// The store, locked. Releasing it hands the changes noted meanwhile
/// ([`store::Store::emit`]) to the webhook queue, which never waits: every
/// path that changes data reports it, and no handler has to remember to.
pub(crate) struct StoreGuard<'a> {
    guard: MutexGuard<'a, store::Store>,
    hooks: &'a Hooks,
}

impl Deref for StoreGuard<'_> {
    type Target = store::Store;
    fn deref(&self) -> &store::Store {
        &self.guard
    }
}

impl DerefMut for StoreGuard<'_> {
    fn deref_mut(&mut self) -> &mut store::Store {
        &mut self.guard
    }
}

impl Drop for StoreGuard<'_> {
    fn drop(&mut self) {
        if !self.guard.outbox.is_empty() {
            let changes = std::mem::take(&mut self.guard.outbox);
            let now = self.guard.now();
            self.hooks.enqueue(changes, now);
        }
    }
}

impl Shared {
    pub(crate) fn lock(&self) -> StoreGuard<'_> {
        // A handler that panicked cannot leave the store half-updated in a
        // way that matters for tests; keep serving.
        StoreGuard {
            guard: self.store.lock().unwrap_or_else(|p| p.into_inner()),
            hooks: &self.hooks,
        }
    }
    /// The emulator's clock: the system clock plus the configured offset.
    pub(crate) fn now(&self) -> SystemTime {
        self.lock().now()
    }

    pub(crate) fn create_app(&self, spec: ApplicationSpec) -> Result<store::App, Error> {
        let scopes = validate_scopes(&spec.scopes)?;
        let kind = to_store_kind(spec.kind)?;
        Ok(self.lock().add_app(spec.name, kind, scopes))
    }

    pub(crate) fn count_token_request(&self) {
        self.token_requests.fetch_add(1, Ordering::SeqCst);
    }

    pub(crate) fn token_requests(&self) -> usize {
        self.token_requests.load(Ordering::SeqCst)
    }

    pub(crate) fn add_workflow(&self, spec: WorkflowSpec) -> Result<String, Error> {
        let usage = USAGE_TYPES
            .iter()
            .find(|u| u.eq_ignore_ascii_case(&spec.usage_type))
            .ok_or_else(|| {
                Error::InvalidSpec(format!(
                    "usage type '{}' is not one of {}",
                    spec.usage_type,
                    USAGE_TYPES.join(", ")
                ))
            })?;
        if spec.name.trim().is_empty() {
            return Err(Error::InvalidSpec("a workflow needs a name".into()));
        }
        let created = store::iso8601(self.now());
        let mut st = self.lock();
        if st.workflow(&spec.name).is_some() {
            return Err(Error::InvalidSpec(format!(
                "a workflow named '{}' exists already",
                spec.name
            )));
        }
        let id = store::random_guid();
        st.workflows.push(store::Workflow {
            id: id.clone(),
            name: spec.name,
            description: spec.description,
            date_created: created.trim_end_matches('Z').to_string(),
            usage: usage.to_string(),
            media_types: spec.media_types,
            extensions: spec.file_extensions,
            can_clip: spec.can_clip,
            clip_only: spec.clip_only,
        });
        Ok(id)
    }

    pub(crate) fn add_record(
        &self,
        id: Option<i64>,
        fields: Vec<(String, String)>,
    ) -> Result<i64, Error> {
        if let Some(id) = id
            && id <= 0
        {
            return Err(Error::InvalidSpec(format!(
                "record ID {id} is not positive"
            )));
        }
        if let Some((k, _)) = fields.iter().find(|(k, _)| !xml::is_plain_name(k)) {
            return Err(Error::InvalidSpec(format!("'{k}' is not a field name")));
        }
        let now = store::datetime_space(self.now());
        self.lock()
            .add_record(id, fields, &now)
            .map_err(|id| Error::IdTaken("record", id))
    }

    pub(crate) fn add_media(&self, spec: MediaSpec) -> Result<i64, Error> {
        let ty = store::MEDIA_TYPES
            .iter()
            .find(|t| t.eq_ignore_ascii_case(&spec.media_type))
            .ok_or_else(|| {
                Error::InvalidSpec(format!(
                    "media type '{}' is not one of {}",
                    spec.media_type,
                    store::MEDIA_TYPES.join(", ")
                ))
            })?;
        if let Some(id) = spec.id
            && id <= 0
        {
            return Err(Error::InvalidSpec(format!("media ID {id} is not positive")));
        }
        let mut st = self.lock();
        if !st.records.contains_key(&spec.record_id) {
            return Err(Error::UnknownRecord(spec.record_id));
        }
        if let Some(p) = spec.parent_id
            && !st.media.contains_key(&p)
        {
            return Err(Error::UnknownMedia(p));
        }
        st.add_media(spec.id, spec.record_id, ty, &spec.file, spec.parent_id)
            .map_err(|id| Error::IdTaken("media object", id))
    }
}

fn validate_scopes(scopes: &[String]) -> Result<BTreeSet<String>, Error> {
    if scopes.is_empty() {
        return Ok(DEFAULT_SCOPES.iter().map(|s| s.to_string()).collect());
    }
    scopes
        .iter()
        .map(|s| {
            if store::is_known_scope(s) {
                Ok(s.clone())
            } else {
                Err(Error::UnknownScope(s.clone()))
            }
        })
        .collect()
}

fn to_store_kind(kind: AppKind) -> Result<store::Kind, Error> {
    Ok(match kind {
        AppKind::Web { redirect_uri } => {
            if !redirect_uri.starts_with("https://") {
                return Err(Error::InvalidRedirect(
                    redirect_uri,
                    "a web application needs an https:// URI",
                ));
            }
            store::Kind::Web { redirect_uri }
        }
        AppKind::Installed { custom_redirect } => {
            if let Some(c) = &custom_redirect {
                let ok = c
                    .split_once(':')
                    .map(|(scheme, _)| {
                        !scheme.is_empty()
                            && !matches!(scheme, "http" | "https" | "urn")
                            && scheme
                                .chars()
                                .all(|ch| ch.is_ascii_alphanumeric() || "+-.".contains(ch))
                    })
                    .unwrap_or(false);
                if !ok {
                    return Err(Error::InvalidRedirect(
                        c.clone(),
                        "a custom redirect needs its own URI scheme",
                    ));
                }
            }
            store::Kind::Installed { custom_redirect }
        }
    })
}
