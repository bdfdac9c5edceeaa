//! Tokens in a PostgreSQL database (feature `postgres`): the store for
//! several server instances, on one host or many, with the same shape as
//! the SQLite store (`open` → [`connect`](PostgresTokenStore::connect),
//! [`with_encryption_key`](PostgresTokenStore::with_encryption_key),
//! [`lease_wait`](PostgresTokenStore::lease_wait)), the same rows (key
//! columns and sealing: [`super::sealed`]) and the same lease protocol.
//!
//! # The lease: a row with an expiry, claimed by one statement
//!
//! The refresh lease of a key is a row in `imagen_token_leases` (key →
//! holder id, expiry), claimed by a single `INSERT … ON CONFLICT DO UPDATE
//! … WHERE expires_at <= clock_timestamp()`: PostgreSQL runs it atomically
//! (a concurrent claimer waits for the row and re-checks the condition), so
//! exactly one claimer gets a row back. The alternatives were weighed:
//! - `SELECT … FOR UPDATE` or an advisory lock held for the refresh would
//!   pin a connection (and a transaction) for the whole token request, and
//!   a lock dies with its session, not after a chosen time: a holder whose
//!   connection lingers (a hung process, a half-open TCP connection) would
//!   block the others until the server notices. A row with an expiry frees
//!   itself after the TTL whatever happened to the holder.
//! - Expiry is computed with the database server's clock
//!   (`clock_timestamp()`), so instances on hosts whose clocks differ agree
//!   on when a lease has expired.
//! - Waiters poll (10 ms doubling up to 250 ms, shared with the SQLite
//!   store) instead of `LISTEN`/`NOTIFY`: a notification needs a connection
//!   of its own that keeps listening, and the poll also sees a lease expire,
//!   which no notification announces. A waiter stops as soon as the stored
//!   token's generation moved (the holder saved its refresh).
//! - While its token request is in flight the holder renews the lease
//!   ([`Lease::renew`], every third of the TTL), so a slow token endpoint
//!   does not hand the lease to a second process.
//!
//! Schema, migrations and the connection: see [`PostgresTokenStore`].

use std::fmt;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use tokio_postgres::config::Host;
use tokio_postgres::types::ToSql;
use tokio_postgres::{Client, Config, NoTls, Row};

use super::db::{
    Claim, Waited, key_columns, lease_lost, new_holder_id, store_error, wait_for_lease,
};
use super::sealed::Sealing;
use super::store::{Lease, LeaseHolder};
use super::{BoxFuture, OAuthError, StoreKey, TokenSet, TokenStore};

/// The migrations, in order: entry `i` brings the schema to version `i + 1`.
const MIGRATIONS: &[&str] = &["CREATE TABLE imagen_tokens (
         api_key text NOT NULL,
         user_name text NOT NULL,
         scopes text NOT NULL,
         sealed boolean NOT NULL,
         data bytea NOT NULL,
         generation bigint NOT NULL,
         updated_at timestamptz NOT NULL,
         PRIMARY KEY (api_key, user_name, scopes)
     );
     CREATE TABLE imagen_token_leases (
         api_key text NOT NULL,
         user_name text NOT NULL,
         scopes text NOT NULL,
         holder text NOT NULL,
         expires_at timestamptz NOT NULL,
         PRIMARY KEY (api_key, user_name, scopes)
     );"];

/// The advisory lock taken while migrating (any fixed number; this one is
/// "imagen-t" in ASCII).
const MIGRATION_LOCK: i64 = 0x696d_6167_656e_2d74;

/// Connect timeout when the URL gives none.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Tokens kept in a PostgreSQL database (feature `postgres`), shared by
/// any number of processes and hosts.
///
/// - **Schema** (version 1, see *Schema and migrations* below):
///   `imagen_tokens` (application key, user, scope set → the token, sealed
///   or plain, a generation counter bumped on every save, the time of the
///   save) and `imagen_token_leases` (key → holder id, expiry).
/// - **Lease** ([`TokenStore::lease`]): a row claimed by one atomic
///   statement when there is none or it expired (its holder died or hung;
///   the TTL is [`RefreshingTokenSource::lease_ttl`](super::RefreshingTokenSource::lease_ttl),
///   30 s by default), renewed by a live holder during a slow refresh,
///   waited for by polling; after [`lease_wait`](Self::lease_wait) (60 s by
///   default) a waiter fails with [`OAuthError::Store`].
/// - **Encryption at rest** ([`with_encryption_key`](Self::with_encryption_key)):
///   as in the SQLite store: XChaCha20-Poly1305 under the application's
///   32-byte key, the store key as associated data; a wrong or missing key
///   is [`OAuthError::TokenDecryption`].
///
/// ```no_run
/// # async fn demo() -> Result<(), imagen_runtime::oauth::OAuthError> {
/// use imagen_runtime::oauth::PostgresTokenStore;
/// let key: [u8; 32] = [7; 32]; // from the application's secret configuration
/// let url = std::env::var("TOKEN_DATABASE_URL").unwrap(); // postgres://user:password@host/db
/// let store = PostgresTokenStore::connect(&url).await?.with_encryption_key(key);
/// # Ok(()) }
/// ```
///
/// `Debug` and errors name the server as `postgres://user@host:port/db`:
/// never the password. Cheap to clone (clones share the connection).
///
/// # Schema and migrations
///
/// Versioned migrations, recorded in `imagen_token_schema` (one row per
/// applied version), applied by [`connect`](Self::connect) in one
/// transaction under a transaction-level advisory lock, so instances
/// starting together migrate one after the other. A database whose schema
/// is newer than this program's is refused, never altered. The tables live
/// in the connection's `search_path` (give `options=-csearch_path=…` in the
/// URL to use a schema of your own); tables of the application's own are
/// left alone.
///
/// # Connection
///
/// One `tokio-postgres` connection per store (clones share it), which
/// pipelines the concurrent statements of all tasks; a statement that finds
/// it closed by the server (a restart, an idle timeout) connects again and
/// is sent once more. TLS is not built in: the URL's
/// `sslmode` may be `disable` or `prefer` (which then connects in clear
/// text); `require` fails at connect time with the driver's error. Use it
/// over loopback, a private network or a local socket (`host=/run/postgresql`).
#[derive(Clone)]
pub struct PostgresTokenStore {
    db: Arc<Db>,
    sealing: Sealing,
    lease_wait: Duration,
}

/// The connection, shared by clones.
struct Db {
    config: Config,
    /// `postgres://user@host:port/db`: no password.
    location: PathBuf,
    client: tokio::sync::Mutex<Arc<Client>>,
}

impl fmt::Debug for PostgresTokenStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PostgresTokenStore")
            .field("server", &self.db.location)
            .finish_non_exhaustive()
    }
}

/// The database's message (and SQLSTATE) when the server sent one; the
/// driver's own text otherwise.
fn pg_text(e: &tokio_postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => format!("{} (SQLSTATE {})", db.message(), db.code().code()),
        None => e.to_string(),
    }
}

fn pg_err(message: &str, location: &Path, e: &tokio_postgres::Error) -> OAuthError {
    store_error(message, location, pg_text(e))
}

/// Whether `e` says the session is gone and the statement was not run:
/// the connection closed, or the server ending the session (an
/// administrator's `pg_terminate_backend`, a shutdown) as it arrived.
fn session_ended(e: &tokio_postgres::Error) -> bool {
    use tokio_postgres::error::SqlState;
    e.is_closed()
        || e.code()
            .is_some_and(|c| *c == SqlState::ADMIN_SHUTDOWN || *c == SqlState::CRASH_SHUTDOWN)
}

/// `postgres://user@host:port/db` of a configuration.
fn location_of(config: &Config) -> PathBuf {
    let user = config.get_user().unwrap_or("");
    let host = match config.get_hosts().first() {
        Some(Host::Tcp(h)) => h.clone(),
        #[cfg(unix)]
        Some(Host::Unix(p)) => p.display().to_string(),
        None => "localhost".to_owned(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let db = config.get_dbname().unwrap_or(user);
    let at = if user.is_empty() {
        String::new()
    } else {
        format!("{user}@")
    };
    PathBuf::from(format!("postgres://{at}{host}:{port}/{db}"))
}

async fn open_client(config: &Config, location: &Path) -> Result<Client, OAuthError> {
    let (client, connection) = config
        .connect(NoTls)
        .await
        .map_err(|e| pg_err("cannot connect to the token database", location, &e))?;
    let at = location.to_owned();
    tokio::spawn(async move {
        if let Err(e) = connection.await {
            tracing::warn!(server = %at.display(), error = %pg_text(&e), "oauth: PostgreSQL token store connection ended");
        }
    });
    Ok(client)
}

impl PostgresTokenStore {
    /// Connects to the database at `url` (`postgres://user:password@host:port/db`
    /// or `host=… user=… dbname=…`; see *Connection* above on TLS) and
    /// migrates it to the current schema. Waits at most 10 s for the
    /// connection unless the URL sets `connect_timeout`.
    pub async fn connect(url: &str) -> Result<Self, OAuthError> {
        let mut config: Config = url.parse().map_err(|e: tokio_postgres::Error| {
            store_error(
                "the token database URL does not parse",
                Path::new("postgres://"),
                // The driver's parse errors name options, never their values.
                e,
            )
        })?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        let location = location_of(&config);
        let mut client = open_client(&config, &location).await?;
        migrate(&mut client, &location).await?;
        Ok(Self {
            db: Arc::new(Db {
                config,
                location,
                client: tokio::sync::Mutex::new(Arc::new(client)),
            }),
            sealing: Sealing::default(),
            lease_wait: Duration::from_secs(60),
        })
    }

    /// Seals every saved token with `key` (XChaCha20-Poly1305) and opens
    /// loaded ones with it.
    #[must_use]
    pub fn with_encryption_key(mut self, key: [u8; 32]) -> Self {
        self.sealing = Sealing::with_key(key);
        self
    }

    /// How long [`lease`](TokenStore::lease) waits for another holder
    /// before failing (default 60 s; make it longer than the lease TTL so
    /// that a dead holder's lease can expire meanwhile).
    #[must_use]
    pub fn lease_wait(mut self, wait: Duration) -> Self {
        self.lease_wait = wait;
        self
    }

    fn location(&self) -> &Path {
        &self.db.location
    }

    async fn load_row(&self, key: &StoreKey) -> Result<Option<TokenSet>, OAuthError> {
        const READ: &str = "cannot read the token database";
        let (a, u, s) = key_columns(key);
        let row = self
            .db
            .query_opt(
                READ,
                "SELECT sealed, data FROM imagen_tokens
                 WHERE api_key = $1 AND user_name = $2 AND scopes = $3",
                &[&a, &u, &s],
            )
            .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let err = |e: tokio_postgres::Error| pg_err(READ, self.location(), &e);
        let sealed: bool = row.try_get(0).map_err(err)?;
        let data: Vec<u8> = row.try_get(1).map_err(err)?;
        self.sealing
            .open(key, sealed, data, self.location())
            .map(Some)
    }

    async fn save_row(&self, key: &StoreKey, token: &TokenSet) -> Result<(), OAuthError> {
        let row = self.sealing.seal(key, token, self.location())?;
        let (a, u, s) = key_columns(key);
        let data: &[u8] = &row.data;
        // An upsert: sent again after a lost connection, it stores the same.
        self.db
            .execute(
                "cannot write the token database",
                "INSERT INTO imagen_tokens
                     (api_key, user_name, scopes, sealed, data, generation, updated_at)
                 VALUES ($1, $2, $3, $4, $5, 1, clock_timestamp())
                 ON CONFLICT (api_key, user_name, scopes) DO UPDATE SET
                     sealed = excluded.sealed, data = excluded.data,
                     generation = imagen_tokens.generation + 1,
                     updated_at = excluded.updated_at",
                &[&a, &u, &s, &row.sealed, &data],
            )
            .await?;
        Ok(())
    }

    async fn delete_row(&self, key: &StoreKey) -> Result<(), OAuthError> {
        let (a, u, s) = key_columns(key);
        self.db
            .execute(
                "cannot write the token database",
                "DELETE FROM imagen_tokens WHERE api_key = $1 AND user_name = $2 AND scopes = $3",
                &[&a, &u, &s],
            )
            .await?;
        Ok(())
    }

    /// One attempt to claim the lease (one atomic statement).
    async fn try_claim(
        &self,
        key: &StoreKey,
        holder: &str,
        ttl: Duration,
    ) -> Result<Claim, OAuthError> {
        const CLAIM: &str = "cannot take the refresh lease";
        let (a, u, s) = key_columns(key);
        let ttl_ms = i64::try_from(ttl.as_millis()).unwrap_or(i64::MAX);
        // `previous` is read from the statement's snapshot: the holder whose
        // expired lease is taken over, for the log. Sent again after a lost
        // connection, the claim finds its own holder id and succeeds again.
        let claimed = self
            .db
            .query_opt(
                CLAIM,
                "WITH previous AS (
                     SELECT holder FROM imagen_token_leases
                     WHERE api_key = $1 AND user_name = $2 AND scopes = $3
                 )
                 INSERT INTO imagen_token_leases AS l
                     (api_key, user_name, scopes, holder, expires_at)
                 VALUES ($1, $2, $3, $4, clock_timestamp() + $5::bigint * interval '1 millisecond')
                 ON CONFLICT (api_key, user_name, scopes) DO UPDATE SET
                     holder = excluded.holder, expires_at = excluded.expires_at
                 WHERE l.expires_at <= clock_timestamp() OR l.holder = excluded.holder
                 RETURNING (SELECT holder FROM previous)",
                &[&a, &u, &s, &holder, &ttl_ms],
            )
            .await?;
        let err = |e: tokio_postgres::Error| pg_err(CLAIM, self.location(), &e);
        if let Some(row) = claimed {
            let previous: Option<String> = row.try_get(0).map_err(err)?;
            if previous.is_some_and(|p| p != holder) {
                tracing::warn!(key = ?key, "oauth: taking over an expired refresh lease (its holder died or hung)");
            }
            return Ok(Claim::Taken);
        }
        let generation: i64 = self
            .db
            .query_opt(
                CLAIM,
                "SELECT generation FROM imagen_tokens
                 WHERE api_key = $1 AND user_name = $2 AND scopes = $3",
                &[&a, &u, &s],
            )
            .await?
            .map(|r| r.try_get(0))
            .transpose()
            .map_err(err)?
            .unwrap_or(0);
        Ok(Claim::HeldElsewhere { generation })
    }
}

impl Db {
    /// The connection; a new one when the server closed the last.
    async fn client(&self) -> Result<Arc<Client>, OAuthError> {
        let mut current = self.client.lock().await;
        if current.is_closed() {
            self.reconnect(&mut current).await?;
        }
        Ok(current.clone())
    }

    /// A new connection in place of `failed`, whose session ended (unless
    /// another task replaced it already).
    async fn replace(&self, failed: &Arc<Client>) -> Result<Arc<Client>, OAuthError> {
        let mut current = self.client.lock().await;
        if Arc::ptr_eq(&current, failed) {
            self.reconnect(&mut current).await?;
        }
        Ok(current.clone())
    }

    async fn reconnect(&self, current: &mut Arc<Client>) -> Result<(), OAuthError> {
        tracing::info!(server = %self.location.display(), "oauth: reconnecting to the PostgreSQL token store");
        *current = Arc::new(open_client(&self.config, &self.location).await?);
        Ok(())
    }

    /// Runs `f` on the connection; once more on a new connection when it
    /// found the connection closed (a server restart, an idle timeout).
    /// Every statement of this store may be sent twice: each is a read, an
    /// upsert, or an update or delete keyed by its holder. An error names
    /// `what` was being done.
    async fn run<T, Fut>(&self, what: &str, f: impl Fn(Arc<Client>) -> Fut) -> Result<T, OAuthError>
    where
        Fut: Future<Output = Result<T, tokio_postgres::Error>>,
    {
        let client = self.client().await?;
        let result = match f(client.clone()).await {
            Err(e) if session_ended(&e) => f(self.replace(&client).await?).await,
            r => r,
        };
        result.map_err(|e| pg_err(what, &self.location, &e))
    }

    async fn query_opt(
        &self,
        what: &str,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Option<Row>, OAuthError> {
        self.run(what, |c| async move { c.query_opt(sql, params).await })
            .await
    }

    async fn execute(
        &self,
        what: &str,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<u64, OAuthError> {
        self.run(what, |c| async move { c.execute(sql, params).await })
            .await
    }

    async fn renew(&self, key: &StoreKey, holder: &str, ttl: Duration) -> Result<(), OAuthError> {
        let (a, u, s) = key_columns(key);
        let ttl_ms = i64::try_from(ttl.as_millis()).unwrap_or(i64::MAX);
        let n = self
            .execute(
                "cannot renew the refresh lease",
                "UPDATE imagen_token_leases
                 SET expires_at = clock_timestamp() + $5::bigint * interval '1 millisecond'
                 WHERE api_key = $1 AND user_name = $2 AND scopes = $3 AND holder = $4",
                &[&a, &u, &s, &holder, &ttl_ms],
            )
            .await?;
        if n == 0 {
            return Err(lease_lost(key, &self.location));
        }
        Ok(())
    }

    async fn release(&self, key: &StoreKey, holder: &str) -> Result<(), OAuthError> {
        let (a, u, s) = key_columns(key);
        self.execute(
            "cannot release the refresh lease",
            "DELETE FROM imagen_token_leases
             WHERE api_key = $1 AND user_name = $2 AND scopes = $3 AND holder = $4",
            &[&a, &u, &s, &holder],
        )
        .await?;
        Ok(())
    }
}

/// Brings the schema to the last version of [`MIGRATIONS`], in one
/// transaction under [`MIGRATION_LOCK`].
async fn migrate(client: &mut Client, location: &Path) -> Result<(), OAuthError> {
    let err = |e: tokio_postgres::Error| pg_err("cannot migrate the token database", location, &e);
    let latest = i32::try_from(MIGRATIONS.len()).unwrap_or(i32::MAX);
    let tx = client.transaction().await.map_err(err)?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
        .await
        .map_err(err)?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS imagen_token_schema (
             version integer PRIMARY KEY,
             applied_at timestamptz NOT NULL DEFAULT clock_timestamp()
         )",
    )
    .await
    .map_err(err)?;
    let current: i32 = tx
        .query_one(
            "SELECT coalesce(max(version), 0) FROM imagen_token_schema",
            &[],
        )
        .await
        .and_then(|r| r.try_get(0))
        .map_err(err)?;
    if current > latest {
        // Dropping `tx` rolls back: nothing was changed.
        return Err(OAuthError::Store {
            message: format!(
                "the token database has schema version {current}, newer than this program's \
                 {latest}: upgrade the program (the database was left unchanged)"
            ),
            path: location.to_owned(),
            source: std::io::Error::from(std::io::ErrorKind::InvalidData),
        });
    }
    for (version, sql) in (1..)
        .zip(MIGRATIONS)
        .skip(usize::try_from(current).unwrap_or(0))
    {
        tx.batch_execute(sql).await.map_err(err)?;
        tx.execute(
            "INSERT INTO imagen_token_schema (version) VALUES ($1)",
            &[&version],
        )
        .await
        .map_err(err)?;
        tracing::info!(server = %location.display(), version, "oauth: migrated the PostgreSQL token store");
    }
    tx.commit().await.map_err(err)
}

/// A held PostgreSQL lease; dropping it without [`Lease::release`] releases
/// it in the background when a tokio runtime is there (else it expires).
struct PostgresLease {
    db: Arc<Db>,
    key: StoreKey,
    holder: String,
    released: bool,
}

impl LeaseHolder for PostgresLease {
    fn release(mut self: Box<Self>) -> BoxFuture<'static, Result<(), OAuthError>> {
        self.released = true;
        let db = self.db.clone();
        let key = self.key.clone();
        let holder = std::mem::take(&mut self.holder);
        Box::pin(async move { db.release(&key, &holder).await })
    }

    fn renew(&self, ttl: Duration) -> BoxFuture<'static, Result<(), OAuthError>> {
        let db = self.db.clone();
        let key = self.key.clone();
        let holder = self.holder.clone();
        Box::pin(async move { db.renew(&key, &holder, ttl).await })
    }
}

impl Drop for PostgresLease {
    fn drop(&mut self) {
        if self.released {
            return;
        }
        if let Ok(rt) = tokio::runtime::Handle::try_current() {
            let db = self.db.clone();
            let key = self.key.clone();
            let holder = std::mem::take(&mut self.holder);
            rt.spawn(async move {
                if let Err(e) = db.release(&key, &holder).await {
                    tracing::warn!(error = %e, "oauth: could not release a dropped refresh lease");
                }
            });
        }
    }
}

impl TokenStore for PostgresTokenStore {
    fn load<'a>(
        &'a self,
        key: &'a StoreKey,
    ) -> BoxFuture<'a, Result<Option<TokenSet>, OAuthError>> {
        Box::pin(self.load_row(key))
    }

    fn save<'a>(
        &'a self,
        key: &'a StoreKey,
        token: &'a TokenSet,
    ) -> BoxFuture<'a, Result<(), OAuthError>> {
        Box::pin(self.save_row(key, token))
    }

    fn delete<'a>(&'a self, key: &'a StoreKey) -> BoxFuture<'a, Result<(), OAuthError>> {
        Box::pin(self.delete_row(key))
    }

    fn lease<'a>(
        &'a self,
        key: &'a StoreKey,
        ttl: Duration,
    ) -> BoxFuture<'a, Result<Lease, OAuthError>> {
        Box::pin(async move {
            let holder = new_holder_id();
            let claim = || self.try_claim(key, &holder, ttl);
            match wait_for_lease(key, self.lease_wait, self.location(), claim).await? {
                Waited::TokenChanged => Ok(Lease::token_changed()),
                Waited::Claimed => Ok(Lease::held(PostgresLease {
                    db: self.db.clone(),
                    key: key.clone(),
                    holder,
                    released: false,
                })),
            }
        })
    }
}
