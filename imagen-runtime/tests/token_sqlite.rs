//! The SQLite token store (feature `sqlite`): round trip, migration,
//! encryption at rest, and one refresh across processes.
//!
//! The cross-process tests (storm, slow token endpoint, holder killed
//! mid-refresh) spawn this test binary again: see `store_processes/mod.rs`,
//! shared with the PostgreSQL tests. The emulator rotates refresh tokens in
//! all of them.

mod store_processes;

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use imagen_runtime::oauth::{
    OAuthError, RefreshingTokenSource, SqliteTokenStore, StoreKey, TokenSet, TokenStore,
};
use store_processes::*;

#[tokio::test]
async fn round_trip_keys_and_delete() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tokens.sqlite3");
    let store = SqliteTokenStore::open(&path).await.unwrap();
    let (a, b) = (key("app-a"), StoreKey::new("app-a", "yann", SCOPES));
    let other_scopes = StoreKey::new("app-a", "zoe", &["readUsersData"]);
    assert!(store.load(&a).await.unwrap().is_none());
    store
        .save(&a, &token("access-A", "refresh-A", 3600))
        .await
        .unwrap();
    store
        .save(&b, &token("access-B", "refresh-B", 3600))
        .await
        .unwrap();
    let got = store.load(&a).await.unwrap().unwrap();
    assert_eq!(got.access_token().secret(), "access-A");
    assert_eq!(got.refresh_token().unwrap().secret(), "refresh-A");
    assert_eq!(got.scopes(), scopes().as_slice());
    assert!(got.expires_at().is_some());
    assert!(store.load(&other_scopes).await.unwrap().is_none());
    // Replacing, and a second handle on the same file (another process).
    store
        .save(&a, &token("access-A2", "refresh-A2", 3600))
        .await
        .unwrap();
    let again = SqliteTokenStore::open(&path).await.unwrap();
    let got = again.load(&a).await.unwrap().unwrap();
    assert_eq!(got.access_token().secret(), "access-A2");
    again.delete(&a).await.unwrap();
    again.delete(&a).await.unwrap(); // no error when absent
    assert!(store.load(&a).await.unwrap().is_none());
    assert!(store.load(&b).await.unwrap().is_some());
    // Debug shows the path, no secrets.
    let dbg = format!("{:?}", store.clone().with_encryption_key(KEY));
    assert_eq!(dbg, format!("SqliteTokenStore {{ path: {path:?}, .. }}"));
    // WAL mode and the schema version are in place.
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, 1);
}

#[tokio::test]
async fn migration_of_existing_files() {
    let dir = tempfile::tempdir().unwrap();
    // An existing database of the application, at version 0.
    let path = dir.path().join("app.sqlite3");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE sessions (id TEXT); INSERT INTO sessions VALUES ('s1');")
            .unwrap();
    }
    let store = SqliteTokenStore::open(&path).await.unwrap();
    store.save(&key("k"), &token("a", "r", 60)).await.unwrap();
    drop(store);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, 1);
        let s: String = conn
            .query_row("SELECT id FROM sessions", [], |r| r.get(0))
            .unwrap();
        assert_eq!(s, "s1", "the application's own table is kept");
    }
    // Reopening a version-1 file keeps the tokens.
    let store = SqliteTokenStore::open(&path).await.unwrap();
    assert_eq!(
        store
            .load(&key("k"))
            .await
            .unwrap()
            .unwrap()
            .access_token()
            .secret(),
        "a"
    );

    // A newer schema is refused and left alone.
    let newer = dir.path().join("newer.sqlite3");
    rusqlite::Connection::open(&newer)
        .unwrap()
        .execute_batch("PRAGMA user_version = 7;")
        .unwrap();
    let err = SqliteTokenStore::open(&newer).await.unwrap_err();
    assert!(
        matches!(&err, OAuthError::Store { message, .. } if message.contains("version 7")),
        "{err}"
    );
    let v: i64 = rusqlite::Connection::open(&newer)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, 7);

    // Not a database: an error, not a panic.
    let junk = dir.path().join("junk.sqlite3");
    std::fs::write(&junk, vec![b'x'; 4096]).unwrap();
    let err = SqliteTokenStore::open(&junk).await.unwrap_err();
    assert!(matches!(err, OAuthError::Store { .. }), "{err}");
}

fn file_contains(path: &Path, needle: &str) -> bool {
    let mut found = false;
    for p in [
        path.to_owned(),
        path.with_extension("sqlite3-wal"),
        path.with_extension("sqlite3-shm"),
    ] {
        if let Ok(bytes) = std::fs::read(&p) {
            found |= bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
        }
    }
    found
}

#[tokio::test]
async fn encryption_at_rest() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sealed.sqlite3");
    let k = key("app");
    let sealed = SqliteTokenStore::open(&path)
        .await
        .unwrap()
        .with_encryption_key(KEY);
    let t = token("ACCESS-PLAINTEXT-MARKER", "REFRESH-PLAINTEXT-MARKER", 3600);
    let raw = || -> Vec<u8> {
        rusqlite::Connection::open(&path)
            .unwrap()
            .query_row("SELECT data FROM tokens", [], |r| r.get(0))
            .unwrap()
    };
    sealed.save(&k, &t).await.unwrap();
    let first = raw();
    sealed.save(&k, &t).await.unwrap();
    let second = raw();
    assert!(!file_contains(&path, "PLAINTEXT-MARKER"));
    // The row is a nonce and a ciphertext, not JSON; the same token saved
    // twice gets two nonces, so two different rows.
    assert!(first.len() > 24 + 16 && !first.starts_with(b"{"));
    assert_ne!(first[..24], second[..24]);
    assert_ne!(first, second);
    let got = sealed.load(&k).await.unwrap().unwrap();
    assert_eq!(got.access_token().secret(), "ACCESS-PLAINTEXT-MARKER");
    assert_eq!(
        got.refresh_token().unwrap().secret(),
        "REFRESH-PLAINTEXT-MARKER"
    );

    // A control: without a key the token is in the file.
    let plain_path = dir.path().join("plain.sqlite3");
    let plain = SqliteTokenStore::open(&plain_path).await.unwrap();
    plain.save(&k, &t).await.unwrap();
    assert!(file_contains(&plain_path, "PLAINTEXT-MARKER"));

    let decryption = |r: Result<Option<TokenSet>, OAuthError>, want: &str| match r {
        Err(e @ OAuthError::TokenDecryption { .. }) => {
            let msg = e.to_string();
            assert!(msg.contains(want), "{msg}");
            assert!(!msg.contains("MARKER"), "{msg}");
        }
        Err(e) => panic!("wanted a decryption error, got {e}"),
        Ok(t) => panic!("wanted a decryption error, got {t:?}"),
    };
    let wrong = SqliteTokenStore::open(&path)
        .await
        .unwrap()
        .with_encryption_key([1; 32]);
    decryption(wrong.load(&k).await, "wrong encryption key");
    let keyless = SqliteTokenStore::open(&path).await.unwrap();
    decryption(keyless.load(&k).await, "no encryption key");
    let keyed_on_plain = SqliteTokenStore::open(&plain_path)
        .await
        .unwrap()
        .with_encryption_key(KEY);
    decryption(keyed_on_plain.load(&k).await, "unencrypted");

    // A sealed row moved to another key does not open.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute("UPDATE tokens SET user = 'mallory'", [])
        .unwrap();
    let moved = StoreKey::new("app", "mallory", SCOPES);
    decryption(sealed.load(&moved).await, "wrong encryption key");
    // Altered data does not open either.
    conn.execute("UPDATE tokens SET data = X'00112233', user = 'zoe'", [])
        .unwrap();
    decryption(sealed.load(&k).await, "truncated");
}

/// Inserts a lease row for the one stored token, held by `holder`, expiring `expires_in_ms`
/// from now (negative: already expired).
fn plant_lease(path: &Path, holder: &str, expires_in_ms: i64) {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute(
        "INSERT OR REPLACE INTO leases (api_key, user, scopes, holder, expires_at_ms)
         SELECT api_key, user, scopes, ?1, ?2 FROM tokens",
        rusqlite::params![holder, now + expires_in_ms],
    )
    .unwrap();
    assert_eq!(lease_rows(path), 1, "one token row to lease");
}

fn lease_rows(path: &Path) -> i64 {
    rusqlite::Connection::open(path)
        .unwrap()
        .query_row("SELECT count(*) FROM leases", [], |r| r.get(0))
        .unwrap()
}

/// Renewal and loss of a lease (`store_processes::check_lease_renewal_and_loss`).
#[tokio::test]
async fn lease_renewal_and_loss() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.sqlite3");
    let first = SqliteTokenStore::open(&path).await.unwrap();
    let second = SqliteTokenStore::open(&path)
        .await
        .unwrap()
        .lease_wait(Duration::from_millis(100));
    check_lease_renewal_and_loss(&first, &second, || async { lease_rows(&path) }).await;
}

#[tokio::test]
async fn dead_holders_lease_is_taken_over() {
    let (emu, app) = emulator().await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.sqlite3");
    let store = Arc::new(SqliteTokenStore::open(&path).await.unwrap());
    let k = key(&app.api_key);
    store.save(&k, &expired(&emu, &app)).await.unwrap();

    // Expired already: taken over at once.
    plant_lease(&path, "dead-process", -1_000);
    let before = emu.token_requests();
    let source = RefreshingTokenSource::new(
        config(emu.web_url(), &app.api_key, &app.secret),
        store.clone(),
        k.clone(),
    );
    let t = source.token_set().await.unwrap();
    assert_ne!(t.access_token().secret(), "expired-access-token");
    assert_eq!(emu.token_requests(), before + 1);
    assert_eq!(lease_rows(&path), 0, "the lease was released");

    // Held by a hung process for 600 ms more: waited for, then taken over.
    store.save(&k, &expired(&emu, &app)).await.unwrap();
    // Timed from before the lease exists: it expires 600 ms after this.
    let started = Instant::now();
    plant_lease(&path, "hung-process", 600);
    let source = RefreshingTokenSource::new(
        config(emu.web_url(), &app.api_key, &app.secret),
        store.clone(),
        k.clone(),
    );
    source.token_set().await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(500),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(emu.token_requests(), before + 2);

    // Held for long: the wait is bounded, with a clear error.
    store.save(&k, &expired(&emu, &app)).await.unwrap();
    plant_lease(&path, "busy-process", 60_000);
    let impatient = Arc::new(
        SqliteTokenStore::open(&path)
            .await
            .unwrap()
            .lease_wait(Duration::from_millis(300)),
    );
    let source = RefreshingTokenSource::new(
        config(emu.web_url(), &app.api_key, &app.secret),
        impatient,
        k.clone(),
    );
    let err = source.token_set().await.unwrap_err();
    assert!(
        matches!(&err, OAuthError::Store { message, .. } if message.contains("refresh lease")),
        "{err}"
    );
    assert_eq!(
        emu.token_requests(),
        before + 2,
        "no refresh without the lease"
    );
}

#[tokio::test]
async fn rotated_refresh_token_from_another_process_is_used() {
    let (emu, app) = emulator().await;
    // New access tokens expire at once, so that every call refreshes.
    emu.faults().token_lifetime(Duration::ZERO);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.sqlite3");
    let k = key(&app.api_key);
    // Two "processes": two stores on the file, two sources.
    let store_a = Arc::new(SqliteTokenStore::open(&path).await.unwrap());
    let store_b = Arc::new(SqliteTokenStore::open(&path).await.unwrap());
    let cfg = || config(emu.web_url(), &app.api_key, &app.secret);
    let a = RefreshingTokenSource::new(cfg(), store_a, k.clone());
    let b = RefreshingTokenSource::new(cfg(), store_b.clone(), k.clone());
    // B holds the expired token with the first refresh token in memory.
    let old = expired(&emu, &app);
    b.set_token(old.clone()).await.unwrap();
    let before = emu.token_requests();
    // A refreshes: the emulator rotates the refresh token (stored).
    let from_a = a.token_set().await.unwrap();
    assert_ne!(from_a.refresh_token(), old.refresh_token());
    // B must refresh with the stored one: its own is refused now.
    let from_b = b.token_set().await.unwrap();
    assert_eq!(emu.token_requests(), before + 2);
    assert_ne!(from_b.refresh_token(), from_a.refresh_token());
    let stored = store_b.load(&k).await.unwrap().unwrap();
    assert_eq!(stored.access_token(), from_b.access_token());
}

/// What the children are told to open.
fn child_store(path: &Path) -> ChildStore {
    vec![("IMAGEN_CHILD_DB", path.display().to_string())]
}

async fn shared_store(dir: &Path) -> (std::path::PathBuf, Arc<SqliteTokenStore>) {
    let path = dir.join("shared.sqlite3");
    let store = SqliteTokenStore::open(&path)
        .await
        .unwrap()
        .with_encryption_key(KEY);
    (path, Arc::new(store))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_refresh_across_processes() {
    let (emu, app) = emulator().await;
    // A slow token endpoint keeps the refresh in flight while the others arrive.
    emu.faults().token_latency(Duration::from_millis(300));
    let dir = tempfile::tempdir().unwrap();
    let (path, store) = shared_store(dir.path()).await;
    let old = expired(&emu, &app);
    store.save(&key(&app.api_key), &old).await.unwrap();
    let before = emu.token_requests();

    let results = run_storm(&child_store(&path), Storm::new(PROCESSES), &emu, &app);
    let requests = emu.token_requests() - before;
    println!(
        "sqlite storm, {PROCESSES} processes x {CALLS} calls, lease: {requests} token request(s)"
    );
    assert_one_refresh(&results, requests, store.as_ref(), &old, &emu, &app).await;
    assert_eq!(lease_rows(&path), 0, "the lease was released");
}

/// The control of [`one_refresh_across_processes`]: the same storm on the
/// same store without its lease sends a token request per process, and with
/// rotation the losers' refresh tokens are refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_the_lease_every_process_refreshes() {
    let (emu, app) = emulator().await;
    emu.faults().token_latency(Duration::from_millis(300));
    let dir = tempfile::tempdir().unwrap();
    let (path, store) = shared_store(dir.path()).await;
    store
        .save(&key(&app.api_key), &expired(&emu, &app))
        .await
        .unwrap();
    let before = emu.token_requests();
    let mut storm = Storm::new(PROCESSES);
    storm.without_lease = true;
    let results = run_storm(&child_store(&path), storm, &emu, &app);
    let requests = emu.token_requests() - before;
    let failed = results.iter().filter(|r| r.is_err()).count();
    println!(
        "sqlite storm, {PROCESSES} processes x {CALLS} calls, no lease: {requests} token request(s), {failed} process(es) failed"
    );
    assert!(requests > 1, "{requests} token request(s)");
    assert!(
        failed > 0,
        "rotation refuses the reused refresh token: {results:?}"
    );
}

/// A token endpoint slower than the lease TTL: the holder renews its lease
/// while the request is in flight, so nobody takes it over.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_token_endpoint_still_one_refresh() {
    let (emu, app) = emulator().await;
    let mut storm = Storm::new(4);
    storm.lease_ttl = Duration::from_millis(300);
    emu.faults().token_latency(storm.lease_ttl * 5);
    let dir = tempfile::tempdir().unwrap();
    let (path, store) = shared_store(dir.path()).await;
    let old = expired(&emu, &app);
    store.save(&key(&app.api_key), &old).await.unwrap();
    let before = emu.token_requests();
    let results = run_storm(&child_store(&path), storm, &emu, &app);
    let requests = emu.token_requests() - before;
    println!("sqlite slow token endpoint (1500 ms, lease TTL 300 ms): {requests} token request(s)");
    assert_one_refresh(&results, requests, store.as_ref(), &old, &emu, &app).await;
}

const HELD_TTL: Duration = Duration::from_millis(800);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn holder_killed_mid_refresh() {
    let (emu, app) = emulator().await;
    let dir = tempfile::tempdir().unwrap();
    let (path, store) = shared_store(dir.path()).await;
    let k = key(&app.api_key);
    let old = expired(&emu, &app);
    store.save(&k, &old).await.unwrap();
    let before = emu.token_requests();

    kill_holder_mid_refresh(&child_store(&path), HELD_TTL, &emu, &app);
    let killed_at = Instant::now();
    assert_eq!(
        lease_rows(&path),
        1,
        "the dead holder's lease is still there"
    );
    assert_eq!(
        store.load(&k).await.unwrap().unwrap().access_token(),
        old.access_token(),
        "the holder died before saving"
    );

    let source = RefreshingTokenSource::new(
        config(emu.web_url(), &app.api_key, &app.secret),
        store.clone(),
        k.clone(),
    )
    .lease_ttl(HELD_TTL);
    let got = source.token_set().await.unwrap();
    let waited = killed_at.elapsed();
    println!("sqlite holder killed mid-refresh: taken over after {waited:?}");
    assert_eq!(
        emu.token_requests(),
        before + 2,
        "the dead holder's request and the new holder's"
    );
    let stored = store.load(&k).await.unwrap().unwrap();
    assert_eq!(stored.access_token(), got.access_token());
    assert_ne!(stored.access_token(), old.access_token());
    assert!(access_works(&emu, &app, stored.access_token().secret()).await);
    config(emu.web_url(), &app.api_key, &app.secret)
        .refresh(&stored)
        .await
        .expect("nothing lost: the stored refresh token is valid");
    assert_eq!(lease_rows(&path), 0);
}

/// The child side of the cross-process tests (`store_processes`); does
/// nothing in a normal test run.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn child_process_mode() {
    if std::env::var_os(CHILD_ENV).is_none() {
        return;
    }
    let store = SqliteTokenStore::open(std::env::var("IMAGEN_CHILD_DB").unwrap())
        .await
        .unwrap()
        .with_encryption_key(KEY);
    child_main(Arc::new(store)).await;
}
