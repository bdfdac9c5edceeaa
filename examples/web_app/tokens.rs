//! Where the app keeps its users' tokens: chosen in one place,
//! [`open_store`], so that the rest of the app sees a [`TokenStore`] only.

use std::path::PathBuf;
use std::sync::Arc;

use imagen::oauth::{SqliteTokenStore, TokenStore};

/// The token store the app was configured with, and a line saying which.
pub struct Store {
    pub store: Arc<dyn TokenStore>,
    /// For the start-up banner (never holds a password).
    pub description: String,
}

/// PostgreSQL when `DATABASE_URL` is set, else SQLite at `sqlite_path`.
pub async fn open_store(sqlite_path: PathBuf) -> Result<Store, String> {
    if let Ok(url) = std::env::var("DATABASE_URL") {
        return open_postgres(&url).await;
    }
    if let Some(dir) = sqlite_path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let store = SqliteTokenStore::open(&sqlite_path)
        .await
        .map_err(|e| format!("token store: {e}"))?;
    Ok(Store {
        store: Arc::new(store),
        description: format!("SQLite at {}", sqlite_path.display()),
    })
}

async fn open_postgres(_url: &str) -> Result<Store, String> {
    Err(
        "DATABASE_URL is set, but this build has no PostgreSQL token store \
         (imagen-runtime's feature `postgres` has not landed on this branch); \
         unset DATABASE_URL to use SQLite"
            .into(),
    )
}
