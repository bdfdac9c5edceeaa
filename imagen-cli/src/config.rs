//! The configuration directory: the login (which application, scopes and
//! redirect URI), the token files (through the runtime's `FileTokenStore`,
//! mode 0600) and the cache of granted scopes.
//!
//! `$IMAGEN_CONFIG_DIR`, else `$XDG_CONFIG_HOME/imagen`, else
//! `$HOME/.config/imagen` (`%APPDATA%\imagen` on Windows).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::fail::{Class, Failure};

/// How long a granted-scopes answer is trusted.
pub const SCOPE_CACHE_TTL: Duration = Duration::from_secs(300);

/// The configuration directory.
pub fn dir() -> Result<PathBuf, Failure> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(d) = var("IMAGEN_CONFIG_DIR") {
        return Ok(PathBuf::from(d));
    }
    if cfg!(windows)
        && let Some(d) = var("APPDATA")
    {
        return Ok(PathBuf::from(d).join("imagen"));
    }
    if let Some(d) = var("XDG_CONFIG_HOME") {
        return Ok(PathBuf::from(d).join("imagen"));
    }
    if let Some(h) = var("HOME") {
        return Ok(PathBuf::from(h).join(".config").join("imagen"));
    }
    Err(Failure::new(
        Class::Other,
        "no configuration directory: set IMAGEN_CONFIG_DIR (or HOME)",
    ))
}

/// Where token files go.
pub fn token_dir(dir: &Path) -> PathBuf {
    dir.join("tokens")
}

/// What `imagen login` stored for one application.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Login {
    /// The scopes the token was asked for (its store key).
    pub scopes: Vec<String>,
    /// The redirect URI of the authorization (refreshes use the same).
    pub redirect_uri: String,
    /// The user label of the store key.
    pub user: String,
}

#[derive(Default, Serialize, Deserialize)]
struct Logins {
    /// API key → login.
    logins: BTreeMap<String, Login>,
}

#[derive(Default, Serialize, Deserialize)]
struct ScopeCache {
    /// API key → (seconds since the epoch, granted scopes).
    granted: BTreeMap<String, (u64, Vec<String>)>,
}

fn read_json<T: for<'de> Deserialize<'de> + Default>(path: &Path) -> Result<T, Failure> {
    match std::fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| {
            Failure::new(
                Class::Other,
                format!(
                    "{} is damaged ({e}); delete it and run the command again",
                    path.display()
                ),
            )
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(T::default()),
        Err(e) => Err(Failure::new(
            Class::Other,
            format!("cannot read {}: {e}", path.display()),
        )),
    }
}

/// Writes `value` to `path` atomically (a temporary file, then a rename),
/// the file readable by its owner only.
fn write_json<T: Serialize>(path: &Path, value: &T) -> Result<(), Failure> {
    let fail = |e: std::io::Error| {
        Failure::new(
            Class::Other,
            format!("cannot write {}: {e}", path.display()),
        )
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    create_private_dir(dir).map_err(fail)?;
    let bytes = serde_json::to_vec_pretty(value).map_err(|e| fail(std::io::Error::other(e)))?;
    let tmp = dir.join(format!(
        ".{}.tmp-{}",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("file"),
        std::process::id()
    ));
    {
        use std::io::Write as _;
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt as _;
            opts.mode(0o600);
        }
        let mut f = opts.open(&tmp).map_err(fail)?;
        f.write_all(&bytes).map_err(fail)?;
        f.sync_all().map_err(fail)?;
    }
    std::fs::rename(&tmp, path).map_err(fail)
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt as _;
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
    }
    #[cfg(not(unix))]
    {
        std::fs::create_dir_all(dir)
    }
}

/// The stored login of the application `api_key`.
pub fn login(dir: &Path, api_key: &str) -> Result<Option<Login>, Failure> {
    let all: Logins = read_json(&dir.join("logins.json"))?;
    Ok(all.logins.get(api_key).cloned())
}

/// Stores (or with `None` forgets) the login of `api_key`.
pub fn set_login(dir: &Path, api_key: &str, login: Option<Login>) -> Result<(), Failure> {
    let path = dir.join("logins.json");
    let mut all: Logins = read_json(&path)?;
    match login {
        Some(l) => {
            all.logins.insert(api_key.to_string(), l);
        }
        None => {
            all.logins.remove(api_key);
        }
    }
    write_json(&path, &all)
}

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// The cached granted scopes of `api_key`, if fresh.
pub fn cached_scopes(dir: &Path, api_key: &str) -> Option<Vec<String>> {
    let cache: ScopeCache = read_json(&dir.join("scope-cache.json")).ok()?;
    let (at, granted) = cache.granted.get(api_key)?;
    let age = now_secs().saturating_sub(*at);
    (age < SCOPE_CACHE_TTL.as_secs()).then(|| granted.clone())
}

/// Caches the granted scopes of `api_key` (or forgets them with `None`).
pub fn cache_scopes(dir: &Path, api_key: &str, granted: Option<&[String]>) -> Result<(), Failure> {
    let path = dir.join("scope-cache.json");
    let mut cache: ScopeCache = read_json(&path).unwrap_or_default();
    match granted {
        Some(g) => {
            cache
                .granted
                .insert(api_key.to_string(), (now_secs(), g.to_vec()));
        }
        None => {
            cache.granted.remove(api_key);
        }
    }
    write_json(&path, &cache)
}
