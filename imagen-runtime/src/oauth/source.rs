//! A token source that refreshes, one refresh at a time, and persists.

use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::sync::Mutex;

use super::flow::check_scopes;
use super::{Lease, OAuthConfig, OAuthError, StoreKey, TokenSet, TokenStore};
use crate::Error;
use crate::token::{AccessToken, BoxFuture, TokenSource};

/// The bearer tokens of one user, kept fresh.
///
/// - [`token`](TokenSource::token) answers the stored token while it is valid
///   for more than the margin (60 s by default), and refreshes it otherwise.
/// - **Across processes**: before refreshing, it takes the store's lease
///   ([`TokenStore::lease`]; the SQLite store has one), re-reads the stored
///   token, uses it if another process refreshed meanwhile, and otherwise
///   refreshes from the *stored* refresh token (so a rotated one is never
///   reused), saves, and releases the lease.
/// - **Single flight**: one refresh at a time, however many tasks ask. Tasks
///   that waited for a refresh reuse its token (or its failure) instead of
///   refreshing again; a `401` for a token that somebody else already
///   replaced returns the replacement.
/// - Each new token is checked against the declared scopes (the key's
///   scope set) and saved to the store before it is handed out.
/// - A refused refresh token (`invalid_grant`) gives
///   [`OAuthError::ReauthorizationRequired`]; the useless stored token is
///   deleted, and every later call fails the same way until
///   [`set_token`](Self::set_token) installs a new authorization.
///
/// Cheap to clone: clones share the token and the single flight.
#[derive(Clone)]
pub struct RefreshingTokenSource {
    inner: Arc<Inner>,
}

struct Inner {
    config: OAuthConfig,
    store: Arc<dyn TokenStore>,
    key: StoreKey,
    /// Refresh margin in milliseconds.
    margin_ms: AtomicU64,
    /// TTL of the store's refresh lease, in milliseconds.
    lease_ttl_ms: AtomicU64,
    /// Refresh attempts so far; read before waiting for the lock to learn
    /// whether somebody else refreshed meanwhile.
    attempts: AtomicU64,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    loaded: bool,
    current: Option<TokenSet>,
    /// Why the last refresh attempt failed, if it did.
    last_failure: Option<Failure>,
}

enum Failure {
    Reauthorize(String),
    Other(String),
}

impl Failure {
    fn to_error(&self) -> OAuthError {
        match self {
            Failure::Reauthorize(reason) => OAuthError::ReauthorizationRequired {
                reason: reason.clone(),
            },
            Failure::Other(reason) => OAuthError::RefreshFailed {
                reason: reason.clone(),
            },
        }
    }
}

impl fmt::Debug for RefreshingTokenSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RefreshingTokenSource")
            .field("key", &self.inner.key)
            .field("margin", &self.margin())
            .finish_non_exhaustive()
    }
}

/// What the caller already holds.
enum Want<'a> {
    /// A token valid now.
    Valid,
    /// The server rejected this access token.
    Replace(&'a AccessToken),
}

impl RefreshingTokenSource {
    /// The tokens stored under `key` in `store`, refreshed through `config`.
    /// The store is read on first use; `key`'s scopes are the declared set
    /// every token must grant.
    pub fn new(config: OAuthConfig, store: Arc<dyn TokenStore>, key: StoreKey) -> Self {
        Self {
            inner: Arc::new(Inner {
                config,
                store,
                key,
                margin_ms: AtomicU64::new(60_000),
                lease_ttl_ms: AtomicU64::new(30_000),
                attempts: AtomicU64::new(0),
                state: Mutex::new(State::default()),
            }),
        }
    }

    /// Refresh this long before the expiry (default 60 s; whole
    /// milliseconds). Applies to the clones too.
    #[must_use]
    pub fn refresh_margin(self, margin: Duration) -> Self {
        let ms = u64::try_from(margin.as_millis()).unwrap_or(u64::MAX);
        self.inner.margin_ms.store(ms, Ordering::Relaxed);
        self
    }

    /// How long the store's refresh lease ([`TokenStore::lease`]) is taken
    /// for (default 30 s): when a process dies while refreshing, the others
    /// wait this long before one of them takes over. A live holder renews
    /// the lease every third of it while its token request is in flight, so
    /// a slow token endpoint does not cause a second refresh. Applies to the
    /// clones too.
    #[must_use]
    pub fn lease_ttl(self, ttl: Duration) -> Self {
        let ms = u64::try_from(ttl.as_millis()).unwrap_or(u64::MAX);
        self.inner.lease_ttl_ms.store(ms, Ordering::Relaxed);
        self
    }

    fn lease_duration(&self) -> Duration {
        Duration::from_millis(self.inner.lease_ttl_ms.load(Ordering::Relaxed))
    }

    fn margin(&self) -> Duration {
        Duration::from_millis(self.inner.margin_ms.load(Ordering::Relaxed))
    }

    /// Installs the tokens of a new authorization: checks the scopes, saves
    /// them to the store, and clears a previous "reauthorization required".
    pub async fn set_token(&self, token: TokenSet) -> Result<(), OAuthError> {
        let inner = &*self.inner;
        check_scopes(inner.key.scopes(), token.scopes())?;
        let mut st = inner.state.lock().await;
        inner.store.save(&inner.key, &token).await?;
        st.loaded = true;
        st.current = Some(token);
        st.last_failure = None;
        Ok(())
    }

    /// The tokens currently held, valid now (refreshed if needed).
    pub async fn token_set(&self) -> Result<TokenSet, OAuthError> {
        self.get(Want::Valid).await
    }

    /// A token to replace `rejected`, which the server refused with `401`.
    pub async fn replace(&self, rejected: &AccessToken) -> Result<TokenSet, OAuthError> {
        self.get(Want::Replace(rejected)).await
    }

    async fn get(&self, want: Want<'_>) -> Result<TokenSet, OAuthError> {
        let inner = &*self.inner;
        let seen = inner.attempts.load(Ordering::SeqCst);
        let mut st = inner.state.lock().await;
        if !st.loaded {
            st.current = inner.store.load(&inner.key).await?;
            st.loaded = true;
        }
        let someone_tried = inner.attempts.load(Ordering::SeqCst) != seen;
        if someone_tried && let Some(f) = &st.last_failure {
            return Err(f.to_error());
        }
        if let Some(Failure::Reauthorize(_)) = &st.last_failure {
            return Err(st
                .last_failure
                .as_ref()
                .map_or_else(no_token, Failure::to_error));
        }
        let Some(current) = st.current.clone() else {
            return Err(no_token());
        };
        let fresh_enough = |t: &TokenSet| {
            // A token somebody refreshed while we waited is good until it
            // actually expires (so short-lived tokens can't cause a storm).
            let margin = if someone_tried {
                Duration::ZERO
            } else {
                self.margin()
            };
            !t.refresh_due(margin)
        };
        let must_refresh = match want {
            Want::Valid => !fresh_enough(&current),
            Want::Replace(rejected) => {
                current.access_token() == rejected || !fresh_enough(&current)
            }
        };
        if !must_refresh {
            return Ok(current);
        }

        // Another process sharing the store may be refreshing, or have
        // refreshed already: take the store's lease (a no-op for stores
        // without one), then decide on what is stored now.
        let ttl = self.lease_duration();
        let mut tries = 0;
        let (mut lease, base) = loop {
            tries += 1;
            let lease = inner.store.lease(&inner.key, ttl).await?;
            let stored = match inner.store.load(&inner.key).await {
                Ok(s) => s,
                Err(e) => {
                    release(lease).await;
                    return Err(e);
                }
            };
            if let Some(stored) = &stored
                && stored.access_token() != current.access_token()
                && !stored.refresh_due(self.margin())
                && !matches!(want, Want::Replace(r) if stored.access_token() == r)
            {
                release(lease).await;
                tracing::debug!(key = ?inner.key, "oauth: another process refreshed the token");
                st.current = Some(stored.clone());
                st.last_failure = None;
                return Ok(stored.clone());
            }
            if lease.is_token_changed() && tries < 8 {
                // Changed, but still not usable: wait for the lease again.
                continue;
            }
            // Refresh from what is stored: after a rotation by another
            // process, only the stored refresh token is still valid.
            break (lease, stored.unwrap_or_else(|| current.clone()));
        };

        inner.attempts.fetch_add(1, Ordering::SeqCst);
        tracing::debug!(key = ?inner.key, "oauth: refreshing the access token");
        let result = with_renewal(&mut lease, ttl, async {
            let new = inner.config.refresh(&base).await?;
            check_scopes(inner.key.scopes(), new.scopes())?;
            inner.store.save(&inner.key, &new).await?;
            Ok::<_, OAuthError>(new)
        })
        .await;
        if matches!(result, Err(OAuthError::ReauthorizationRequired { .. })) {
            // Delete under the lease, so that no other process refreshes
            // with the refused token meanwhile.
            if let Err(e) = inner.store.delete(&inner.key).await {
                tracing::warn!(error = %e, "oauth: could not delete the refused token");
            }
        }
        release(lease).await;
        match result {
            Ok(new) => {
                st.current = Some(new.clone());
                st.last_failure = None;
                Ok(new)
            }
            Err(OAuthError::ReauthorizationRequired { reason }) => {
                tracing::warn!(key = ?inner.key, "oauth: refresh token refused; the user must authorize again");
                st.current = None;
                st.last_failure = Some(Failure::Reauthorize(reason.clone()));
                Err(OAuthError::ReauthorizationRequired { reason })
            }
            Err(e) => {
                st.last_failure = Some(Failure::Other(e.to_string()));
                Err(e)
            }
        }
    }
}

/// Runs `work` (the token request and the save) while renewing `lease`
/// every third of `ttl`: a token endpoint slower than the TTL must not let
/// another process take the lease over and refresh a second time. A holder
/// that dies stops renewing, and its lease expires after at most `ttl`.
async fn with_renewal<T>(lease: &mut Lease, ttl: Duration, work: impl Future<Output = T>) -> T {
    if !lease.is_held() {
        return work.await;
    }
    let period = (ttl / 3).max(Duration::from_millis(1));
    let mut tick = tokio::time::interval_at(tokio::time::Instant::now() + period, period);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut renewing = true;
    // The renewal in flight: polled alongside the work, never instead of it
    // (a slow store must not hold the token request up).
    let mut renewal: Option<BoxFuture<'static, Result<(), OAuthError>>> = None;
    tokio::pin!(work);
    loop {
        tokio::select! {
            out = &mut work => return out,
            _ = tick.tick(), if renewing && renewal.is_none() => {
                renewal = Some(lease.renew(ttl));
            }
            done = async {
                match renewal.as_mut() {
                    Some(r) => r.await,
                    None => std::future::pending().await,
                }
            }, if renewal.is_some() => {
                renewal = None;
                if let Err(e) = done {
                    // Lost (taken over) or unreachable: renewing again would
                    // not help; the refresh goes on and saves its token.
                    tracing::warn!(error = %e, "oauth: could not renew the refresh lease");
                    renewing = false;
                }
            }
        }
    }
}

async fn release(lease: Lease) {
    if let Err(e) = lease.release().await {
        // It expires on its own; the others wait at most its TTL.
        tracing::warn!(error = %e, "oauth: could not release the refresh lease");
    }
}

fn no_token() -> OAuthError {
    OAuthError::ReauthorizationRequired {
        reason: "no token is stored for this user yet: authorize the application first".into(),
    }
}

impl TokenSource for RefreshingTokenSource {
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, Error>> {
        Box::pin(async move { Ok(self.token_set().await?.access_token().clone()) })
    }

    fn refresh(&self, rejected: &AccessToken) -> BoxFuture<'_, Result<AccessToken, Error>> {
        let rejected = rejected.clone();
        Box::pin(async move { Ok(self.replace(&rejected).await?.access_token().clone()) })
    }
}
