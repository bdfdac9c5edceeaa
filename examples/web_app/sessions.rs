//! The app's two kinds of browser state, both kept server-side and named
//! in the browser only by a random id in an `HttpOnly` cookie:
//!
//! - a **pending sign-in** (`/login` → `/callback`): the
//!   [`AuthorizationRequest`] with its `state` and PKCE verifier, which
//!   must never travel to the browser; single use, ten minutes at most;
//! - a **session** (after `/callback`): which user the browser is signed in
//!   as. The user's tokens are in the token store, not here.
//!
//! Both tables are bounded: expired entries are dropped when a new one
//! comes, and a full table refuses new entries rather than grow.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use cookie::{Cookie, SameSite};
use imagen::oauth::AuthorizationRequest;
use rand::RngCore as _;

/// The pre-login cookie: binds a callback to the browser that started it.
pub const LOGIN_COOKIE: &str = "imagen_login";
/// The session cookie.
pub const SESSION_COOKIE: &str = "imagen_session";

const LOGIN_TTL: Duration = Duration::from_secs(10 * 60);
const SESSION_TTL: Duration = Duration::from_secs(8 * 60 * 60);
const MAX_PENDING: usize = 1_000;
const MAX_SESSIONS: usize = 10_000;

/// Locks `m`; a panic elsewhere while it was held does not take the app
/// down (the tables stay consistent: every change is one map operation).
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// 32 random bytes, hex: an id nobody can guess.
fn random_id() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

struct Table<T> {
    entries: HashMap<String, (Instant, T)>,
    ttl: Duration,
    max: usize,
    /// When full: drop the oldest entry (pending sign-ins: anyone can start
    /// one, so refusing new ones would let a stranger block every sign-in)
    /// instead of refusing the new one (sessions: nobody is signed out to
    /// make room).
    evict_oldest: bool,
}

impl<T> Table<T> {
    fn new(ttl: Duration, max: usize, evict_oldest: bool) -> Self {
        Table {
            entries: HashMap::new(),
            ttl,
            max,
            evict_oldest,
        }
    }

    /// Drops expired entries, then makes room for one more: `false` when
    /// the table is full and doesn't evict.
    fn make_room(&mut self) -> bool {
        let ttl = self.ttl;
        self.entries.retain(|_, (at, _)| at.elapsed() < ttl);
        if self.entries.len() < self.max {
            return true;
        }
        if !self.evict_oldest {
            return false;
        }
        let oldest = self
            .entries
            .iter()
            .min_by_key(|(_, (at, _))| *at)
            .map(|(id, _)| id.clone());
        if let Some(id) = oldest {
            self.entries.remove(&id);
        }
        true
    }

    /// Stores `value` under a fresh id (call [`make_room`](Self::make_room)
    /// first).
    fn put(&mut self, value: T) -> String {
        let id = random_id();
        self.entries.insert(id.clone(), (Instant::now(), value));
        id
    }

    /// A new entry under a fresh id; `None` when the table is full and
    /// doesn't evict.
    fn insert(&mut self, value: T) -> Option<String> {
        self.make_room().then(|| self.put(value))
    }

    fn live(&self, id: &str) -> Option<&T> {
        self.entries
            .get(id)
            .filter(|(at, _)| at.elapsed() < self.ttl)
            .map(|(_, v)| v)
    }

    fn take(&mut self, id: &str) -> Option<T> {
        let (at, v) = self.entries.remove(id)?;
        (at.elapsed() < self.ttl).then_some(v)
    }
}

/// Pending sign-ins and sessions.
pub struct Sessions {
    pending: Mutex<Table<AuthorizationRequest>>,
    signed_in: Mutex<Table<String>>,
}

impl Sessions {
    pub fn new() -> Self {
        Sessions {
            pending: Mutex::new(Table::new(LOGIN_TTL, MAX_PENDING, true)),
            signed_in: Mutex::new(Table::new(SESSION_TTL, MAX_SESSIONS, false)),
        }
    }

    /// Keeps `request` until its callback (the oldest pending sign-in
    /// makes room when the table is full); the id for the pre-login cookie.
    pub fn start_login(&self, request: AuthorizationRequest) -> String {
        let mut pending = lock(&self.pending);
        pending.make_room();
        pending.put(request)
    }

    /// The pending sign-in of this pre-login cookie, removed (single use).
    pub fn finish_login(&self, id: &str) -> Option<AuthorizationRequest> {
        lock(&self.pending).take(id)
    }

    /// A session for `user`; the id for the session cookie.
    pub fn sign_in(&self, user: String) -> Option<String> {
        lock(&self.signed_in).insert(user)
    }

    /// The user of this session cookie, if the session is live.
    pub fn user(&self, id: &str) -> Option<String> {
        lock(&self.signed_in).live(id).cloned()
    }

    /// Ends a session; its user, if it was live.
    pub fn sign_out(&self, id: &str) -> Option<String> {
        lock(&self.signed_in).take(id)
    }
}

/// The value of cookie `name` in a request's `Cookie` headers.
pub fn cookie_value(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_owned())
}

/// A `Set-Cookie` value for one of the app's cookies: `HttpOnly` (page
/// scripts never see it), `SameSite=Lax` (sent on the top-level
/// navigation back from the consent page, not on cross-site posts: the
/// `/logout` form needs no other CSRF token), scoped to `path`.
///
/// Not `Secure`: the app runs on plain `http://localhost`, where a `Secure`
/// cookie would never be stored. Loopback traffic does not leave the
/// machine; deployed behind https, add `.secure(true)` here.
pub fn set_cookie(name: &str, value: String, path: &str, max_age: Duration) -> String {
    Cookie::build((name, value))
        .http_only(true)
        .same_site(SameSite::Lax)
        .path(path.to_owned())
        .max_age(cookie::time::Duration::seconds(
            i64::try_from(max_age.as_secs()).unwrap_or(i64::MAX),
        ))
        .build()
        .to_string()
}

/// A `Set-Cookie` value removing cookie `name` (set with the same `path`).
pub fn clear_cookie(name: &str, path: &str) -> String {
    set_cookie(name, String::new(), path, Duration::ZERO)
}

/// How long the pre-login cookie lives.
pub const LOGIN_COOKIE_AGE: Duration = LOGIN_TTL;
/// How long the session cookie lives.
pub const SESSION_COOKIE_AGE: Duration = SESSION_TTL;
