//! What the database token stores (SQLite, PostgreSQL) share besides
//! sealing ([`super::sealed`]): the key columns, the error shape, and the
//! waiting for a refresh lease that another process holds.
//!
//! Both stores keep a lease as a row (key → holder id, expiry) that one
//! atomic step claims when it is free or expired; what differs is only that
//! step. Waiting for it is the same: poll with a backoff, stop as soon as
//! the stored token changed (its generation counter moved: the holder
//! saved its refresh), give up after the store's `lease_wait`.

use std::fmt;
use std::future::Future;
use std::path::Path;
use std::time::{Duration, Instant};

use super::{OAuthError, StoreKey};

/// The key columns of a row: application key, user, and the scope set as a
/// JSON array (scope names are free text; JSON keeps them apart
/// unambiguously).
pub(super) fn key_columns(key: &StoreKey) -> (String, String, String) {
    let (api_key, user, scopes) = key.parts();
    let scopes = serde_json::to_string(scopes).unwrap_or_default();
    (api_key.to_owned(), user.to_owned(), scopes)
}

/// [`OAuthError::Store`] for a database failure: what was being done, the
/// store's location (a file, or a server address without password), and
/// the cause.
pub(super) fn store_error(message: &str, location: &Path, e: impl fmt::Display) -> OAuthError {
    OAuthError::Store {
        message: format!("{message}: {e}"),
        path: location.to_owned(),
        source: std::io::Error::other(e.to_string()),
    }
}

/// A fresh lease holder id: the process id (for whoever reads the table)
/// and 64 random bits.
pub(super) fn new_holder_id() -> String {
    format!("{}-{:016x}", std::process::id(), rand::random::<u64>())
}

/// The answer of one attempt to claim a lease.
pub(super) enum Claim {
    /// The lease is this caller's now.
    Taken,
    /// Another holder has it; the stored token's generation (0 when there
    /// is no token).
    HeldElsewhere { generation: i64 },
}

/// How [`wait_for_lease`] ended.
pub(super) enum Waited {
    /// The lease was claimed.
    Claimed,
    /// The stored token changed while waiting (the lease was not claimed).
    TokenChanged,
}

/// Calls `try_claim` until the lease is claimed or the stored token
/// changed, sleeping 10 ms doubling up to 250 ms between attempts; after
/// `wait` an [`OAuthError::Store`] saying another process held the lease.
pub(super) async fn wait_for_lease<F, Fut>(
    key: &StoreKey,
    wait: Duration,
    location: &Path,
    mut try_claim: F,
) -> Result<Waited, OAuthError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<Claim, OAuthError>>,
{
    let started = Instant::now();
    let mut first_generation = None;
    let mut backoff = Duration::from_millis(10);
    loop {
        match try_claim().await? {
            Claim::Taken => return Ok(Waited::Claimed),
            Claim::HeldElsewhere { generation } => match first_generation {
                None => first_generation = Some(generation),
                Some(g) if g != generation => return Ok(Waited::TokenChanged),
                Some(_) => {}
            },
        }
        if started.elapsed() >= wait {
            return Err(OAuthError::Store {
                message: format!(
                    "another process held the refresh lease for {key:?} longer than {} ms",
                    wait.as_millis()
                ),
                path: location.to_owned(),
                source: std::io::Error::from(std::io::ErrorKind::TimedOut),
            });
        }
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(Duration::from_millis(250));
    }
}

/// The error of a renewal that found the lease gone: it expired and
/// another process took it over (the refresh in flight may then be sent
/// twice; make the lease TTL longer than a token request can take).
pub(super) fn lease_lost(key: &StoreKey, location: &Path) -> OAuthError {
    OAuthError::Store {
        message: format!(
            "the refresh lease for {key:?} expired and was taken over before it could be renewed"
        ),
        path: location.to_owned(),
        source: std::io::Error::from(std::io::ErrorKind::TimedOut),
    }
}
