//! Tokens in an SQLite database (feature `sqlite`): one file that several
//! processes of one server share, with a cross-process refresh lease and
//! optional encryption at rest.
//!
//! The store's documentation ([`SqliteTokenStore`]) has the schema, the
//! lease and the encryption.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::db::{Claim, Waited, key_columns, lease_lost, new_holder_id, wait_for_lease};
use super::sealed::Sealing;
use super::store::{Lease, LeaseHolder};
use super::{BoxFuture, OAuthError, StoreKey, TokenSet, TokenStore};

/// The schema version this code writes (`PRAGMA user_version`).
const SCHEMA_VERSION: i64 = 1;

/// Tokens kept in an SQLite database file (feature `sqlite`).
///
/// - **Schema** (`PRAGMA user_version` 1): `tokens` (application key, user,
///   scope set → the token, sealed or plain, and a generation counter
///   bumped on every save) and `leases` (key → holder id, expiry). Opening
///   a database at version 0 (new, or a file with unrelated tables)
///   creates both tables in one transaction; a database of a later version
///   is refused with a message saying so, never altered.
/// - **Concurrency**: WAL journal (readers don't block the writer) and a
///   busy timeout (5 s by default), so that processes sharing the file wait
///   for each other's short transactions instead of failing with
///   `SQLITE_BUSY`. All database work runs on tokio's blocking pool.
/// - **Lease** ([`TokenStore::lease`]): a row in `leases`, claimed in an
///   `IMMEDIATE` transaction when there is none or the one there has
///   expired (its holder died or hung: the TTL, 30 s by default in
///   [`RefreshingTokenSource`](super::RefreshingTokenSource), bounds how
///   long it blocks the others). A waiter polls with a backoff of 10 ms
///   doubling up to 250 ms, and stops waiting as soon as the stored token
///   changed (the holder saved its refresh) or when the lease is free; after
///   [`lease_wait`](Self::lease_wait) (60 s by default) it
///   fails with [`OAuthError::Store`]. The holder renews the lease (pushes
///   its expiry out again) while its token request is in flight, so only a
///   holder that stopped running loses it.
/// - **Encryption at rest** ([`with_encryption_key`](Self::with_encryption_key)):
///   each token is sealed with XChaCha20-Poly1305 under the application's
///   32-byte key, with a random 24-byte nonce per save and the store key
///   (application, user, scopes) as associated data, so a sealed row moved
///   to another key does not open either. A wrong key, a missing key for a
///   sealed row, a plain row in a store that has a key, or altered data is
///   [`OAuthError::TokenDecryption`]: never garbage, never a token in the
///   message. The rows are those of the PostgreSQL store
///   (`PostgresTokenStore`, feature `postgres`): same key, same sealing.
///
/// ```no_run
/// # async fn demo() -> Result<(), imagen_runtime::oauth::OAuthError> {
/// use imagen_runtime::oauth::SqliteTokenStore;
/// let key: [u8; 32] = [7; 32]; // from the application's secret configuration
/// let store = SqliteTokenStore::open("/var/lib/app/tokens.sqlite3")
///     .await?
///     .with_encryption_key(key);
/// # Ok(()) }
/// ```
///
/// `Debug` shows the path only. Cheap to clone (clones share the
/// connection).
#[derive(Clone)]
pub struct SqliteTokenStore {
    inner: Arc<Inner>,
}

struct Inner {
    path: PathBuf,
    conn: Arc<Mutex<Connection>>,
    sealing: Sealing,
    lease_wait: Duration,
}

impl fmt::Debug for SqliteTokenStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SqliteTokenStore")
            .field("path", &self.inner.path)
            .finish_non_exhaustive()
    }
}

use super::db::store_error as db_err;

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

impl SqliteTokenStore {
    /// Opens (creating if needed) the database at `path`, migrates it to
    /// the current schema, and switches it to WAL mode with a 5 s busy
    /// timeout. Runs on the blocking pool.
    pub async fn open(path: impl Into<PathBuf>) -> Result<Self, OAuthError> {
        let path = path.into();
        let p = path.clone();
        let conn = tokio::task::spawn_blocking(move || open_sync(&p))
            .await
            .map_err(|e| db_err("the token store task failed", &path, e))??;
        Ok(Self {
            inner: Arc::new(Inner {
                path,
                conn: Arc::new(Mutex::new(conn)),
                sealing: Sealing::default(),
                lease_wait: Duration::from_secs(60),
            }),
        })
    }

    fn map_inner(self, f: impl FnOnce(&mut Inner)) -> Self {
        let mut inner = match Arc::try_unwrap(self.inner) {
            Ok(i) => i,
            Err(shared) => Inner {
                path: shared.path.clone(),
                // Clones made before configuring keep the old settings.
                conn: shared.conn.clone(),
                sealing: shared.sealing.clone(),
                lease_wait: shared.lease_wait,
            },
        };
        f(&mut inner);
        Self {
            inner: Arc::new(inner),
        }
    }

    /// Seals every saved token with `key` (XChaCha20-Poly1305) and opens
    /// loaded ones with it. Configure before cloning the store.
    #[must_use]
    pub fn with_encryption_key(self, key: [u8; 32]) -> Self {
        let sealing = Sealing::with_key(key);
        self.map_inner(|i| i.sealing = sealing)
    }

    /// How long [`lease`](TokenStore::lease) waits for another holder
    /// before failing (default 60 s; make it longer than the lease TTL so
    /// that a dead holder's lease can expire meanwhile). Configure before
    /// cloning the store.
    #[must_use]
    pub fn lease_wait(self, wait: Duration) -> Self {
        self.map_inner(|i| i.lease_wait = wait)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.inner.path
    }

    fn conn(inner: &Inner) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves SQLite consistent (its own
        // transactions roll back).
        inner.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    async fn blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Inner) -> Result<T, OAuthError> + Send + 'static,
    ) -> Result<T, OAuthError> {
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || f(&inner))
            .await
            .map_err(|e| db_err("the token store task failed", &self.inner.path, e))?
    }
}

fn open_sync(path: &Path) -> Result<Connection, OAuthError> {
    let conn =
        Connection::open(path).map_err(|e| db_err("cannot open the token database", path, e))?;
    conn.busy_timeout(Duration::from_secs(5))
        .map_err(|e| db_err("cannot set the busy timeout", path, e))?;
    let mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .map_err(|e| db_err("cannot read the token database", path, e))?;
    if !mode.eq_ignore_ascii_case("wal") {
        tracing::warn!(path = %path.display(), mode, "oauth: SQLite token store not in WAL mode");
    }
    migrate(&conn, path)?;
    Ok(conn)
}

fn migrate(conn: &Connection, path: &Path) -> Result<(), OAuthError> {
    let err = |e: rusqlite::Error| db_err("cannot migrate the token database", path, e);
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(err)?;
    if version > SCHEMA_VERSION {
        return Err(OAuthError::Store {
            message: format!(
                "the token database has schema version {version}, newer than this program's \
                 {SCHEMA_VERSION}: upgrade the program (the database was left unchanged)"
            ),
            path: path.to_owned(),
            source: std::io::Error::from(std::io::ErrorKind::InvalidData),
        });
    }
    if version == SCHEMA_VERSION {
        return Ok(());
    }
    // Version 0 → 1. IMMEDIATE: two processes opening a new file at once
    // migrate one after the other; the second sees version 1 and stops.
    conn.execute_batch(
        "BEGIN IMMEDIATE;
         CREATE TABLE IF NOT EXISTS tokens (
             api_key TEXT NOT NULL,
             user TEXT NOT NULL,
             scopes TEXT NOT NULL,
             sealed INTEGER NOT NULL,
             data BLOB NOT NULL,
             generation INTEGER NOT NULL,
             updated_at_ms INTEGER NOT NULL,
             PRIMARY KEY (api_key, user, scopes)
         );
         CREATE TABLE IF NOT EXISTS leases (
             api_key TEXT NOT NULL,
             user TEXT NOT NULL,
             scopes TEXT NOT NULL,
             holder TEXT NOT NULL,
             expires_at_ms INTEGER NOT NULL,
             PRIMARY KEY (api_key, user, scopes)
         );
         PRAGMA user_version = 1;
         COMMIT;",
    )
    .map_err(|e| {
        let _ = conn.execute_batch("ROLLBACK");
        err(e)
    })
}

impl Inner {
    fn load(&self, key: &StoreKey) -> Result<Option<TokenSet>, OAuthError> {
        let (a, u, s) = key_columns(key);
        let row: Option<(bool, Vec<u8>)> = SqliteTokenStore::conn(self)
            .query_row(
                "SELECT sealed, data FROM tokens WHERE api_key = ?1 AND user = ?2 AND scopes = ?3",
                params![a, u, s],
                |r| Ok((r.get::<_, i64>(0)? != 0, r.get(1)?)),
            )
            .optional()
            .map_err(|e| db_err("cannot read the token database", &self.path, e))?;
        let Some((sealed, data)) = row else {
            return Ok(None);
        };
        self.sealing.open(key, sealed, data, &self.path).map(Some)
    }

    fn save(&self, key: &StoreKey, token: &TokenSet) -> Result<(), OAuthError> {
        let row = self.sealing.seal(key, token, &self.path)?;
        let (a, u, s) = key_columns(key);
        SqliteTokenStore::conn(self)
            .execute(
                "INSERT INTO tokens (api_key, user, scopes, sealed, data, generation, updated_at_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6)
                 ON CONFLICT (api_key, user, scopes) DO UPDATE SET
                     sealed = excluded.sealed, data = excluded.data,
                     generation = tokens.generation + 1, updated_at_ms = excluded.updated_at_ms",
                params![a, u, s, i64::from(row.sealed), &row.data[..], now_ms()],
            )
            .map_err(|e| db_err("cannot write the token database", &self.path, e))?;
        Ok(())
    }

    fn delete(&self, key: &StoreKey) -> Result<(), OAuthError> {
        let (a, u, s) = key_columns(key);
        SqliteTokenStore::conn(self)
            .execute(
                "DELETE FROM tokens WHERE api_key = ?1 AND user = ?2 AND scopes = ?3",
                params![a, u, s],
            )
            .map_err(|e| db_err("cannot write the token database", &self.path, e))?;
        Ok(())
    }

    /// One attempt to claim the lease, in an `IMMEDIATE` transaction.
    fn try_claim(&self, key: &StoreKey, holder: &str, ttl: Duration) -> Result<Claim, OAuthError> {
        let err = |e: rusqlite::Error| db_err("cannot take the refresh lease", &self.path, e);
        let (a, u, s) = key_columns(key);
        let mut conn = SqliteTokenStore::conn(self);
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        let now = now_ms();
        let current: Option<(String, i64)> = tx
            .query_row(
                "SELECT holder, expires_at_ms FROM leases
                 WHERE api_key = ?1 AND user = ?2 AND scopes = ?3",
                params![a, u, s],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(err)?;
        if let Some((other, expires)) = &current
            && *expires > now
            && other != holder
        {
            let generation: i64 = tx
                .query_row(
                    "SELECT generation FROM tokens WHERE api_key = ?1 AND user = ?2 AND scopes = ?3",
                    params![a, u, s],
                    |r| r.get(0),
                )
                .optional()
                .map_err(err)?
                .unwrap_or(0);
            tx.commit().map_err(err)?;
            return Ok(Claim::HeldElsewhere { generation });
        }
        if let Some((other, _)) = &current
            && other != holder
        {
            tracing::warn!(key = ?key, "oauth: taking over an expired refresh lease (its holder died or hung)");
        }
        let ttl_ms = i64::try_from(ttl.as_millis()).unwrap_or(i64::MAX);
        tx.execute(
            "INSERT INTO leases (api_key, user, scopes, holder, expires_at_ms)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (api_key, user, scopes) DO UPDATE SET
                 holder = excluded.holder, expires_at_ms = excluded.expires_at_ms",
            params![a, u, s, holder, now.saturating_add(ttl_ms)],
        )
        .map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(Claim::Taken)
    }

    /// Pushes the expiry of `holder`'s lease to `ttl` from now.
    fn renew(&self, key: &StoreKey, holder: &str, ttl: Duration) -> Result<(), OAuthError> {
        let (a, u, s) = key_columns(key);
        let ttl_ms = i64::try_from(ttl.as_millis()).unwrap_or(i64::MAX);
        let n = SqliteTokenStore::conn(self)
            .execute(
                "UPDATE leases SET expires_at_ms = ?5
                 WHERE api_key = ?1 AND user = ?2 AND scopes = ?3 AND holder = ?4",
                params![a, u, s, holder, now_ms().saturating_add(ttl_ms)],
            )
            .map_err(|e| db_err("cannot renew the refresh lease", &self.path, e))?;
        if n == 0 {
            return Err(lease_lost(key, &self.path));
        }
        Ok(())
    }

    fn release(&self, key: &StoreKey, holder: &str) -> Result<(), OAuthError> {
        let (a, u, s) = key_columns(key);
        SqliteTokenStore::conn(self)
            .execute(
                "DELETE FROM leases WHERE api_key = ?1 AND user = ?2 AND scopes = ?3 AND holder = ?4",
                params![a, u, s, holder],
            )
            .map_err(|e| db_err("cannot release the refresh lease", &self.path, e))?;
        Ok(())
    }
}

/// A held SQLite lease; dropping it without [`Lease::release`] releases it
/// in the background when a tokio runtime is there (else it expires).
struct SqliteLease {
    inner: Arc<Inner>,
    key: StoreKey,
    holder: String,
    released: bool,
}

impl LeaseHolder for SqliteLease {
    fn release(mut self: Box<Self>) -> BoxFuture<'static, Result<(), OAuthError>> {
        self.released = true;
        let inner = self.inner.clone();
        let key = self.key.clone();
        let holder = std::mem::take(&mut self.holder);
        Box::pin(async move {
            let path = inner.path.clone();
            tokio::task::spawn_blocking(move || inner.release(&key, &holder))
                .await
                .map_err(|e| db_err("the token store task failed", &path, e))?
        })
    }

    fn renew(&self, ttl: Duration) -> BoxFuture<'static, Result<(), OAuthError>> {
        let inner = self.inner.clone();
        let key = self.key.clone();
        let holder = self.holder.clone();
        Box::pin(async move {
            let path = inner.path.clone();
            tokio::task::spawn_blocking(move || inner.renew(&key, &holder, ttl))
                .await
                .map_err(|e| db_err("the token store task failed", &path, e))?
        })
    }
}

impl Drop for SqliteLease {
    fn drop(&mut self) {
        if self.released {
            return;
        }
        if let Ok(rt) = tokio::runtime::Handle::try_current() {
            let inner = self.inner.clone();
            let key = self.key.clone();
            let holder = std::mem::take(&mut self.holder);
            rt.spawn_blocking(move || {
                if let Err(e) = inner.release(&key, &holder) {
                    tracing::warn!(error = %e, "oauth: could not release a dropped refresh lease");
                }
            });
        }
    }
}

impl TokenStore for SqliteTokenStore {
    fn load<'a>(
        &'a self,
        key: &'a StoreKey,
    ) -> BoxFuture<'a, Result<Option<TokenSet>, OAuthError>> {
        let key = key.clone();
        Box::pin(self.blocking(move |i| i.load(&key)))
    }

    fn save<'a>(
        &'a self,
        key: &'a StoreKey,
        token: &'a TokenSet,
    ) -> BoxFuture<'a, Result<(), OAuthError>> {
        let key = key.clone();
        let token = token.clone();
        Box::pin(self.blocking(move |i| i.save(&key, &token)))
    }

    fn delete<'a>(&'a self, key: &'a StoreKey) -> BoxFuture<'a, Result<(), OAuthError>> {
        let key = key.clone();
        Box::pin(self.blocking(move |i| i.delete(&key)))
    }

    fn lease<'a>(
        &'a self,
        key: &'a StoreKey,
        ttl: Duration,
    ) -> BoxFuture<'a, Result<Lease, OAuthError>> {
        Box::pin(async move {
            let holder = new_holder_id();
            let claim = || {
                let (k, h) = (key.clone(), holder.clone());
                self.blocking(move |i| i.try_claim(&k, &h, ttl))
            };
            match wait_for_lease(key, self.inner.lease_wait, &self.inner.path, claim).await? {
                Waited::TokenChanged => Ok(Lease::token_changed()),
                Waited::Claimed => Ok(Lease::held(SqliteLease {
                    inner: self.inner.clone(),
                    key: key.clone(),
                    holder,
                    released: false,
                })),
            }
        })
    }
}
