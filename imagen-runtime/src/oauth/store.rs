//! Where tokens are kept between runs.

use std::collections::HashMap;
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{BoxFuture, OAuthError, TokenSet};

/// Which token a store entry is: one application (API key), one user (a
/// label the application chooses, e.g. the local account or `"default"`),
/// one scope set.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct StoreKey {
    api_key: String,
    user: String,
    scopes: Vec<String>,
}

impl fmt::Debug for StoreKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "StoreKey({}, {}, {:?})",
            self.api_key, self.user, self.scopes
        )
    }
}

impl StoreKey {
    /// The key of `user`'s token for the application `api_key` and the
    /// scope set `scopes` (order and duplicates don't matter).
    pub fn new(api_key: &str, user: &str, scopes: &[&str]) -> Self {
        let mut scopes: Vec<String> = scopes.iter().map(|s| (*s).to_owned()).collect();
        scopes.sort();
        scopes.dedup();
        Self {
            api_key: api_key.to_owned(),
            user: user.to_owned(),
            scopes,
        }
    }

    /// The scopes of this key (sorted).
    pub fn scopes(&self) -> &[String] {
        &self.scopes
    }

    /// The application key, the user and the (sorted) scopes.
    #[cfg(any(feature = "sqlite", feature = "postgres"))]
    pub(crate) fn parts(&self) -> (&str, &str, &[String]) {
        (&self.api_key, &self.user, &self.scopes)
    }

    /// A file name that is safe on every platform: a readable prefix from
    /// the API key, then a hash of the whole key (so that user names and
    /// scope lists never become path components).
    fn file_name(&self) -> String {
        let mut h = Sha256::new();
        for part in [self.api_key.as_str(), self.user.as_str()]
            .into_iter()
            .chain(self.scopes.iter().map(String::as_str))
        {
            h.update((part.len() as u64).to_le_bytes());
            h.update(part.as_bytes());
        }
        let digest = h.finalize();
        let hex: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
        let prefix: String = self
            .api_key
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .take(32)
            .collect();
        format!("imagen-token-{prefix}-{hex}.json")
    }
}

/// A place to keep tokens: memory, files, SQLite (feature `sqlite`),
/// PostgreSQL (feature `postgres`), or the user's own (a keychain, a database) by implementing this trait. A
/// store that several processes share should also implement
/// [`lease`](Self::lease), so that they refresh a token once between them.
///
/// Methods are asynchronous so that a store may do I/O; errors are
/// [`OAuthError::Store`] or [`OAuthError::CorruptTokenFile`].
pub trait TokenStore: Send + Sync + 'static {
    /// The token stored under `key`, if any.
    fn load<'a>(&'a self, key: &'a StoreKey)
    -> BoxFuture<'a, Result<Option<TokenSet>, OAuthError>>;
    /// Stores `token` under `key`, replacing what was there.
    fn save<'a>(
        &'a self,
        key: &'a StoreKey,
        token: &'a TokenSet,
    ) -> BoxFuture<'a, Result<(), OAuthError>>;
    /// Forgets the token under `key` (no error when there is none).
    fn delete<'a>(&'a self, key: &'a StoreKey) -> BoxFuture<'a, Result<(), OAuthError>>;

    /// Takes the refresh lease of `key`, shared by every process using the
    /// same storage, for at most `ttl` (after which a holder that died is
    /// presumed dead and the lease may be taken over).
    ///
    /// [`RefreshingTokenSource`](super::RefreshingTokenSource) calls it
    /// before refreshing, then re-reads the stored token (another process
    /// may have refreshed already), refreshes only if still needed, saves,
    /// and [releases](Lease::release) the lease; while the token request is
    /// in flight it [renews](Lease::renew) the lease every third of `ttl`,
    /// so that a slow token endpoint does not let the lease expire under a
    /// live holder. A store shared between
    /// processes waits here while another holder has the lease, and may
    /// answer [`Lease::token_changed`] as soon as the stored token changed.
    ///
    /// The default answers [`Lease::unsupported`] at once: right for a
    /// store that one process owns ([`MemoryTokenStore`]) and for stores
    /// without a lock ([`FileTokenStore`]), where the in-process single
    /// flight is all there is.
    fn lease<'a>(
        &'a self,
        key: &'a StoreKey,
        ttl: Duration,
    ) -> BoxFuture<'a, Result<Lease, OAuthError>> {
        let _ = (key, ttl);
        Box::pin(async { Ok(Lease::unsupported()) })
    }
}

/// The release half of a lease a store granted: see [`Lease::held`].
pub trait LeaseHolder: Send + 'static {
    /// Gives the lease up (called at most once).
    fn release(self: Box<Self>) -> BoxFuture<'static, Result<(), OAuthError>>;

    /// Extends the lease to `ttl` from now (its holder is alive and still
    /// working). An error when the lease was lost meanwhile. The default
    /// does nothing: right for a lease that never expires on its own.
    fn renew(&self, ttl: Duration) -> BoxFuture<'static, Result<(), OAuthError>> {
        let _ = ttl;
        Box::pin(async { Ok(()) })
    }
}

/// What [`TokenStore::lease`] answered.
#[must_use = "a held lease should be released"]
pub struct Lease {
    kind: LeaseKind,
}

enum LeaseKind {
    Unsupported,
    TokenChanged,
    Held(Box<dyn LeaseHolder>),
}

impl fmt::Debug for Lease {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            LeaseKind::Unsupported => "unsupported",
            LeaseKind::TokenChanged => "token changed",
            LeaseKind::Held(_) => "held",
        };
        write!(f, "Lease({kind})")
    }
}

impl Lease {
    /// The store has no cross-process lease: refresh without one.
    pub fn unsupported() -> Self {
        Self {
            kind: LeaseKind::Unsupported,
        }
    }

    /// The lease is not held, but the stored token changed while waiting
    /// for it: re-read the token, and ask again only if it still needs a
    /// refresh.
    pub fn token_changed() -> Self {
        Self {
            kind: LeaseKind::TokenChanged,
        }
    }

    /// The lease is held until `holder` releases it (or it expires).
    pub fn held(holder: impl LeaseHolder) -> Self {
        Self {
            kind: LeaseKind::Held(Box::new(holder)),
        }
    }

    /// Whether this caller holds the lease.
    pub fn is_held(&self) -> bool {
        matches!(self.kind, LeaseKind::Held(_))
    }

    /// Whether the stored token changed while waiting (see
    /// [`token_changed`](Self::token_changed)).
    pub fn is_token_changed(&self) -> bool {
        matches!(self.kind, LeaseKind::TokenChanged)
    }

    /// Extends a held lease to `ttl` from now (nothing to do otherwise).
    /// The future does not borrow the lease.
    pub fn renew(&self, ttl: Duration) -> BoxFuture<'static, Result<(), OAuthError>> {
        match &self.kind {
            LeaseKind::Held(h) => h.renew(ttl),
            _ => Box::pin(async { Ok(()) }),
        }
    }

    /// Releases a held lease (nothing to do otherwise).
    pub async fn release(self) -> Result<(), OAuthError> {
        match self.kind {
            LeaseKind::Held(h) => h.release().await,
            _ => Ok(()),
        }
    }
}

/// Tokens kept in memory for the life of the process.
#[derive(Default)]
pub struct MemoryTokenStore {
    tokens: Mutex<HashMap<StoreKey, TokenSet>>,
}

impl fmt::Debug for MemoryTokenStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.tokens.lock().map(|t| t.len()).unwrap_or(0);
        f.debug_struct("MemoryTokenStore")
            .field("entries", &n)
            .finish()
    }
}

impl MemoryTokenStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    fn map(&self) -> std::sync::MutexGuard<'_, HashMap<StoreKey, TokenSet>> {
        // A panic elsewhere while holding the lock leaves a consistent map.
        self.tokens.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl TokenStore for MemoryTokenStore {
    fn load<'a>(
        &'a self,
        key: &'a StoreKey,
    ) -> BoxFuture<'a, Result<Option<TokenSet>, OAuthError>> {
        let t = self.map().get(key).cloned();
        Box::pin(async move { Ok(t) })
    }
    fn save<'a>(
        &'a self,
        key: &'a StoreKey,
        token: &'a TokenSet,
    ) -> BoxFuture<'a, Result<(), OAuthError>> {
        self.map().insert(key.clone(), token.clone());
        Box::pin(async { Ok(()) })
    }
    fn delete<'a>(&'a self, key: &'a StoreKey) -> BoxFuture<'a, Result<(), OAuthError>> {
        self.map().remove(key);
        Box::pin(async { Ok(()) })
    }
}

/// Tokens kept as files in one directory: one file per application key,
/// user and scope set.
///
/// - The directory is created with mode `0700`, files with `0600` (Unix).
///   An existing directory that its group or others may write to is
///   refused for loads and saves, and a token file its group or others may
///   read or write, or that is a symbolic link, is refused for loads, with
///   [`OAuthError::InsecureStore`] naming the path and the mode: such a
///   token may have been planted or read, so it is not used. A save
///   replaces the file (a link itself, never its target) with a private
///   one. The directory itself may be reached through a symbolic link (its
///   target is checked).
/// - A save writes a temporary file in the same directory, `fsync`s it,
///   renames it over the old file and `fsync`s the directory: a reader (or a
///   crash at any point) sees the old token or the new one, never half a
///   file. A crash may leave a `.tmp-…` file behind; loads ignore it.
/// - A file that exists but does not parse is reported as
///   [`OAuthError::CorruptTokenFile`] naming it, and left in place.
pub struct FileTokenStore {
    dir: PathBuf,
    crash_before_rename: AtomicBool,
}

impl fmt::Debug for FileTokenStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FileTokenStore")
            .field("dir", &self.dir)
            .finish()
    }
}

/// The file format: the key it belongs to, and the token.
#[derive(Serialize, Deserialize)]
struct FileContent {
    version: u32,
    key: StoreKey,
    token: TokenSet,
}

impl FileTokenStore {
    /// A store in `dir` (created on first save).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self {
            dir: dir.into(),
            crash_before_rename: AtomicBool::new(false),
        }
    }

    /// The file that holds (or would hold) the token under `key`.
    pub fn path_of(&self, key: &StoreKey) -> PathBuf {
        self.dir.join(key.file_name())
    }

    /// Test seam: make the next saves stop after writing and syncing the
    /// temporary file, before the rename, as if the process had died there.
    #[doc(hidden)]
    pub fn simulate_crash_before_rename(&self, on: bool) {
        self.crash_before_rename.store(on, Ordering::SeqCst);
    }

    fn load_sync(path: &Path, key: &StoreKey) -> Result<Option<TokenSet>, OAuthError> {
        if let Some(dir) = path.parent()
            && dir.exists()
        {
            check_private_dir(dir)?;
        }
        match std::fs::symlink_metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(store_err("cannot read the token file", path, e)),
            Ok(meta) => check_private_file(path, &meta)?,
        }
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(store_err("cannot read the token file", path, e)),
        };
        let corrupt = |reason: String| OAuthError::CorruptTokenFile {
            path: path.to_owned(),
            reason,
        };
        let content: FileContent = serde_json::from_slice(&bytes).map_err(|e| {
            // Line and column only: serde's message may quote the content.
            corrupt(format!(
                "{:?} error at line {}, column {}",
                e.classify(),
                e.line(),
                e.column()
            ))
        })?;
        if content.version != 1 {
            return Err(corrupt(format!(
                "unknown format version {}",
                content.version
            )));
        }
        if content.key != *key {
            return Err(corrupt(
                "it belongs to another application, user or scope set".into(),
            ));
        }
        Ok(Some(content.token.clone()))
    }

    fn save_sync(
        dir: &Path,
        path: &Path,
        bytes: &[u8],
        crash_before_rename: bool,
    ) -> Result<(), OAuthError> {
        create_private_dir(dir)?;
        check_private_dir(dir)?;
        // The old file's mode or kind does not matter here: the rename
        // replaces it (a symbolic link itself, never its target) with a
        // fresh 0600 file.
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("token");
        let tmp = dir.join(format!(".{name}.tmp-{:016x}", rand::random::<u64>()));
        let result = (|| {
            let mut f = open_private(&tmp)?;
            f.write_all(bytes)?;
            f.sync_all()
        })();
        if let Err(e) = result {
            let _ = std::fs::remove_file(&tmp);
            return Err(store_err("cannot write the temporary token file", &tmp, e));
        }
        if crash_before_rename {
            return Err(store_err(
                "simulated crash before rename",
                &tmp,
                std::io::Error::other("injected failure"),
            ));
        }
        if let Err(e) = std::fs::rename(&tmp, path) {
            let _ = std::fs::remove_file(&tmp);
            return Err(store_err("cannot replace the token file", path, e));
        }
        sync_dir(dir);
        Ok(())
    }
}

fn store_err(message: &str, path: &Path, source: std::io::Error) -> OAuthError {
    OAuthError::Store {
        message: message.to_owned(),
        path: path.to_owned(),
        source,
    }
}

fn create_private_dir(dir: &Path) -> Result<(), OAuthError> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(dir)
        .map_err(|e| store_err("cannot create the token directory", dir, e))
}

/// Refuses a token directory its group or others may write to.
fn check_private_dir(dir: &Path) -> Result<(), OAuthError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let meta = std::fs::metadata(dir)
            .map_err(|e| store_err("cannot inspect the token directory", dir, e))?;
        let mode = meta.permissions().mode() & 0o7777;
        if mode & 0o022 != 0 {
            return Err(OAuthError::InsecureStore {
                path: dir.to_owned(),
                mode,
                reason: "the directory is writable by its group or others".into(),
            });
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Refuses a token file that is a symbolic link or that its group or
/// others may read or write.
fn check_private_file(path: &Path, meta: &std::fs::Metadata) -> Result<(), OAuthError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = meta.permissions().mode() & 0o7777;
        if meta.file_type().is_symlink() {
            return Err(OAuthError::InsecureStore {
                path: path.to_owned(),
                mode,
                reason: "the token file is a symbolic link".into(),
            });
        }
        if mode & 0o077 != 0 {
            return Err(OAuthError::InsecureStore {
                path: path.to_owned(),
                mode,
                reason: "the token file is readable or writable by its group or others".into(),
            });
        }
    }
    #[cfg(not(unix))]
    let _ = (path, meta);
    Ok(())
}

fn open_private(path: &Path) -> std::io::Result<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    o.open(path)
}

/// Makes the rename durable. Best effort: not every platform can open a
/// directory for syncing.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

impl TokenStore for FileTokenStore {
    fn load<'a>(
        &'a self,
        key: &'a StoreKey,
    ) -> BoxFuture<'a, Result<Option<TokenSet>, OAuthError>> {
        let path = self.path_of(key);
        let key = key.clone();
        Box::pin(async move {
            tokio::task::spawn_blocking(move || Self::load_sync(&path, &key))
                .await
                .map_err(|e| join_err(&self.dir, e))?
        })
    }

    fn save<'a>(
        &'a self,
        key: &'a StoreKey,
        token: &'a TokenSet,
    ) -> BoxFuture<'a, Result<(), OAuthError>> {
        let path = self.path_of(key);
        let dir = self.dir.clone();
        let crash = self.crash_before_rename.load(Ordering::SeqCst);
        let content = FileContent {
            version: 1,
            key: key.clone(),
            token: token.clone(),
        };
        Box::pin(async move {
            let bytes =
                zeroize::Zeroizing::new(serde_json::to_vec_pretty(&content).map_err(|e| {
                    store_err("cannot encode the token", &path, std::io::Error::other(e))
                })?);
            tokio::task::spawn_blocking(move || Self::save_sync(&dir, &path, &bytes, crash))
                .await
                .map_err(|e| join_err(&self.dir, e))?
        })
    }

    fn delete<'a>(&'a self, key: &'a StoreKey) -> BoxFuture<'a, Result<(), OAuthError>> {
        let path = self.path_of(key);
        Box::pin(async move {
            match std::fs::remove_file(&path) {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
                Err(e) => Err(store_err("cannot delete the token file", &path, e)),
            }
        })
    }
}

fn join_err(dir: &Path, e: tokio::task::JoinError) -> OAuthError {
    store_err(
        "the token store task failed",
        dir,
        std::io::Error::other(e.to_string()),
    )
}
