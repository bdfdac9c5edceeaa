//! Where the app keeps its users' tokens: chosen in one place,
//! [`open_store`], so that the rest of the app sees a [`TokenStore`] only.
//!
//! - `DATABASE_URL` set: PostgreSQL (`PostgresTokenStore`), the store for
//!   several instances of the app;
//! - otherwise an SQLite file (`SqliteTokenStore`), `--db` / `WEB_APP_DB`.
//!
//! With `WEB_APP_TOKEN_KEY` (64 hex digits: 32 bytes) both seal every token
//! at rest; keep that key with the app's other secrets.

use std::path::PathBuf;
use std::sync::Arc;

use imagen::oauth::{PostgresTokenStore, SqliteTokenStore, TokenStore};

/// The token store the app was configured with, and a line saying which.
pub struct Store {
    pub store: Arc<dyn TokenStore>,
    /// For the start-up banner (never holds a password or a key).
    pub description: String,
}

/// PostgreSQL when `DATABASE_URL` is set, else SQLite at `sqlite_path`.
pub async fn open_store(sqlite_path: PathBuf) -> Result<Store, String> {
    let key = encryption_key()?;
    let sealed = if key.is_some() { ", tokens sealed" } else { "" };
    if let Ok(url) = std::env::var("DATABASE_URL") {
        let mut store = PostgresTokenStore::connect(&url)
            .await
            .map_err(|e| format!("token store (DATABASE_URL): {e}"))?;
        if let Some(k) = key {
            store = store.with_encryption_key(k);
        }
        // Debug names the server and database, never the password.
        let description = format!("PostgreSQL: {store:?}{sealed}");
        return Ok(Store {
            store: Arc::new(store),
            description,
        });
    }
    if let Some(dir) = sqlite_path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let mut store = SqliteTokenStore::open(&sqlite_path)
        .await
        .map_err(|e| format!("token store: {e}"))?;
    if let Some(k) = key {
        store = store.with_encryption_key(k);
    }
    Ok(Store {
        store: Arc::new(store),
        description: format!("SQLite at {}{sealed}", sqlite_path.display()),
    })
}

/// `WEB_APP_TOKEN_KEY`, if set: 64 hex digits.
fn encryption_key() -> Result<Option<[u8; 32]>, String> {
    let Ok(hex) = std::env::var("WEB_APP_TOKEN_KEY") else {
        return Ok(None);
    };
    let bad = || "WEB_APP_TOKEN_KEY must be 64 hex digits (32 bytes)".to_owned();
    let hex = hex.trim().as_bytes();
    if hex.len() != 64 {
        return Err(bad());
    }
    let mut key = [0u8; 32];
    for (byte, pair) in key.iter_mut().zip(hex.chunks(2)) {
        let pair = std::str::from_utf8(pair).map_err(|_| bad())?;
        *byte = u8::from_str_radix(pair, 16).map_err(|_| bad())?;
    }
    Ok(Some(key))
}
