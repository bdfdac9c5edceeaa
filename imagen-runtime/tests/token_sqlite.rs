//! The SQLite token store (feature `sqlite`): round trip, migration,
//! encryption at rest, and one refresh across processes.
//!
//! The cross-process test spawns this test binary again (the
//! `child_process_mode` test, which does nothing unless
//! `IMAGEN_SQLITE_CHILD` is set): each child shares the database file and
//! the emulator, signals `ready`, waits for `go` on its stdin, then makes
//! concurrent calls on the expired token. Children are killed on drop.
//!
//! Rotation is shown with a small rotating token endpoint in this file,
//! because the emulator does not rotate refresh tokens.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use imagen_emulator::{ApplicationSpec, Credentials, Emulator};
use imagen_runtime::oauth::{
    OAuthConfig, OAuthError, RefreshingTokenSource, SqliteTokenStore, StoreKey, TokenSet,
    TokenStore,
};
use imagen_runtime::secret::RefreshToken;

const SCOPES: &[&str] = &["readUsersData", "modifyUsersData"];
const CHILD_ENV: &str = "IMAGEN_SQLITE_CHILD";
const KEY: [u8; 32] = [0x5a; 32];

fn scopes() -> Vec<String> {
    SCOPES.iter().map(|s| s.to_string()).collect()
}

fn token(access: &str, refresh: &str, expires_in: u64) -> TokenSet {
    TokenSet::new(
        access,
        Some(RefreshToken::new(refresh)),
        Some(Duration::from_secs(expires_in)),
        scopes(),
    )
}

fn key(api_key: &str) -> StoreKey {
    StoreKey::new(api_key, "zoe", SCOPES)
}

fn hash(s: &str) -> String {
    use sha2::Digest as _;
    let d = sha2::Sha256::digest(s.as_bytes());
    d[..8].iter().map(|b| format!("{b:02x}")).collect()
}

async fn emulator() -> (Emulator, Credentials) {
    let emu = Emulator::builder()
        .auto_approve(true)
        .start("127.0.0.1:0")
        .await
        .unwrap();
    let app = emu
        .create_application(ApplicationSpec::installed("SQLite tests").scopes(SCOPES))
        .unwrap();
    (emu, app)
}

fn config(web_url: &str, api_key: &str, secret: &str) -> OAuthConfig {
    OAuthConfig::installed(web_url, api_key, secret, "http://localhost:8080")
        .build()
        .unwrap()
}

/// An expired access token with a refresh token the emulator knows.
fn expired(emu: &Emulator, app: &Credentials) -> TokenSet {
    let t = emu.issue_token_for(&app.api_key, "zoe", SCOPES).unwrap();
    token("expired-access-token", &t.refresh_token.unwrap(), 0)
}

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
    plant_lease(&path, "hung-process", 600);
    let source = RefreshingTokenSource::new(
        config(emu.web_url(), &app.api_key, &app.secret),
        store.clone(),
        k.clone(),
    );
    let started = Instant::now();
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

/// A token endpoint that rotates refresh tokens: each refresh token works
/// once; new access tokens expire at once (so every call refreshes).
#[derive(Default)]
struct Rotating {
    valid: Option<String>,
    seen: Vec<String>,
    next: u32,
}

async fn rotating_server(state: Arc<Mutex<Rotating>>) -> String {
    use axum::response::IntoResponse;
    let app = axum::Router::new().route(
        "/oauth/token",
        axum::routing::post(
            move |axum::Form(form): axum::Form<std::collections::HashMap<String, String>>| {
                let state = state.clone();
                async move {
                    let mut st = state.lock().unwrap();
                    let rt = form.get("refresh_token").cloned().unwrap_or_default();
                    st.seen.push(rt.clone());
                    if st.valid.as_deref() != Some(rt.as_str()) {
                        return (
                            axum::http::StatusCode::BAD_REQUEST,
                            axum::Json(serde_json::json!({"error": "invalid_grant"})),
                        )
                            .into_response();
                    }
                    st.next += 1;
                    let n = st.next;
                    st.valid = Some(format!("rt-{n}"));
                    axum::Json(serde_json::json!({
                        "access_token": format!("at-{n}"),
                        "token_type": "Bearer",
                        "expires_in": 0,
                        "refresh_token": format!("rt-{n}"),
                        "scope": SCOPES.join(" "),
                    }))
                    .into_response()
                }
            },
        ),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}")
}

#[tokio::test]
async fn rotated_refresh_token_from_another_process_is_used() {
    let state = Arc::new(Mutex::new(Rotating {
        valid: Some("rt-0".into()),
        ..Rotating::default()
    }));
    let base = rotating_server(state.clone()).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.sqlite3");
    let k = key("rot-key");
    // Two "processes": two stores on the file, two sources.
    let store_a = Arc::new(SqliteTokenStore::open(&path).await.unwrap());
    let store_b = Arc::new(SqliteTokenStore::open(&path).await.unwrap());
    let a = RefreshingTokenSource::new(config(&base, "rot-key", "s"), store_a, k.clone());
    let b = RefreshingTokenSource::new(config(&base, "rot-key", "s"), store_b.clone(), k.clone());
    // B holds the expired token with rt-0 in memory.
    b.set_token(token("at-0", "rt-0", 0)).await.unwrap();
    // A refreshes: rt-0 → rt-1 (stored).
    assert_eq!(a.token_set().await.unwrap().access_token().secret(), "at-1");
    // B must refresh with the stored rt-1, never its stale rt-0.
    assert_eq!(b.token_set().await.unwrap().access_token().secret(), "at-2");
    let stored = store_b.load(&k).await.unwrap().unwrap();
    assert_eq!(stored.refresh_token().unwrap().secret(), "rt-2");
    assert_eq!(state.lock().unwrap().seen, ["rt-0", "rt-1"]);
}

/// A child process, killed when dropped.
struct Child {
    child: std::process::Child,
    stdin: Option<std::process::ChildStdin>,
}

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts this test binary as child `i` in `mode` (see
/// [`child_process_mode`]); its `IMAGEN-CHILD …` lines arrive on `tx`,
/// then `eof`.
fn spawn_child(
    i: usize,
    mode: &str,
    db: &Path,
    emu: &Emulator,
    app: &Credentials,
    tx: mpsc::Sender<(usize, String)>,
) -> Child {
    let exe = std::env::current_exe().unwrap();
    let mut child = Command::new(exe)
        .args([
            "--exact",
            "child_process_mode",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, mode)
        .env("IMAGEN_CHILD_DB", db)
        .env("IMAGEN_CHILD_WEB", emu.web_url())
        .env("IMAGEN_CHILD_KEY", &app.api_key)
        .env("IMAGEN_CHILD_SECRET", &app.secret)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            // libtest may print the test's name on the same line.
            if let Some(at) = line.find("IMAGEN-CHILD ") {
                let rest = &line[at + "IMAGEN-CHILD ".len()..];
                let _ = tx.send((i, rest.to_owned()));
            } else if !line.trim().is_empty() {
                eprintln!("child {i}: {line}");
            }
        }
        let _ = tx.send((i, "eof".into()));
    });
    let stdin = child.stdin.take();
    Child { child, stdin }
}

const PROCESSES: usize = 8;
const CALLS: usize = 50;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_refresh_across_processes() {
    let (emu, app) = emulator().await;
    // A slow token endpoint keeps the refresh in flight while the others arrive.
    emu.faults().latency(Duration::from_millis(300));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.sqlite3");
    let store = SqliteTokenStore::open(&path)
        .await
        .unwrap()
        .with_encryption_key(KEY);
    let k = key(&app.api_key);
    let old = expired(&emu, &app);
    store.save(&k, &old).await.unwrap();
    let before = emu.token_requests();

    let (tx, rx) = mpsc::channel::<(usize, String)>();
    let mut children = Vec::new();
    for i in 0..PROCESSES {
        children.push(spawn_child(i, "storm", &path, &emu, &app, tx.clone()));
    }
    drop(tx);
    let deadline = Instant::now() + Duration::from_secs(120);
    let next = |what: &str| {
        let left = deadline.saturating_duration_since(Instant::now());
        rx.recv_timeout(left)
            .unwrap_or_else(|e| panic!("children: no {what} in time ({e})"))
    };
    // Every child is ready (its store open, its token source built)…
    let mut ready = 0;
    while ready < PROCESSES {
        let (i, msg) = next("ready");
        assert_eq!(msg, "ready", "child {i}");
        ready += 1;
    }
    // …then all go at once.
    for c in &mut children {
        let stdin = c.stdin.as_mut().unwrap();
        stdin.write_all(b"go\n").unwrap();
        stdin.flush().unwrap();
    }
    let mut results: Vec<Option<String>> = vec![None; PROCESSES];
    while results.iter().any(Option::is_none) {
        let (i, msg) = next("result");
        if let Some(r) = msg.strip_prefix("ok ") {
            results[i] = Some(r.to_owned());
        } else if !(msg == "eof" && results[i].is_some()) {
            panic!("child {i} failed: {msg}");
        }
    }
    let results: Vec<String> = results.into_iter().flatten().collect();
    for c in &mut children {
        let left = deadline.saturating_duration_since(Instant::now());
        let end = Instant::now() + left;
        loop {
            if let Some(status) = c.child.try_wait().unwrap() {
                assert!(status.success(), "a child exited with {status}");
                break;
            }
            assert!(Instant::now() < end, "a child did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    assert_eq!(
        emu.token_requests() - before,
        1,
        "{PROCESSES} processes × {CALLS} calls on an expired token: one token request"
    );
    let stored = store.load(&k).await.unwrap().unwrap();
    let new_access = hash(stored.access_token().secret());
    assert!(
        results.iter().all(|r| *r == new_access),
        "every call got the stored new token: {results:?} vs {new_access}"
    );
    assert_ne!(stored.access_token().secret(), old.access_token().secret());
    assert!(
        stored.refresh_token().is_some(),
        "the refresh token is kept"
    );
    assert_eq!(lease_rows(&path), 0, "the lease was released");
}

/// The child side of [`one_refresh_across_processes`] (mode `storm`) and
/// [`holder_killed_mid_refresh`] (mode `hold`); does nothing in a normal
/// test run.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn child_process_mode() {
    if std::env::var_os(CHILD_ENV).is_none() {
        return;
    }
    let env = |k: &str| std::env::var(k).unwrap();
    let store = SqliteTokenStore::open(env("IMAGEN_CHILD_DB"))
        .await
        .unwrap()
        .with_encryption_key(KEY);
    let api_key = env("IMAGEN_CHILD_KEY");
    if env(CHILD_ENV) == "hold" {
        // Take the lease as a refresh would, then hang until killed.
        let lease = store
            .lease(&key(&api_key), Duration::from_millis(HELD_TTL_MS))
            .await
            .unwrap();
        assert!(lease.is_held());
        println!("IMAGEN-CHILD held");
        std::io::stdout().flush().unwrap();
        let mut line = String::new();
        let _ = std::io::stdin().read_line(&mut line);
        std::process::exit(3);
    }
    let source = RefreshingTokenSource::new(
        config(
            &env("IMAGEN_CHILD_WEB"),
            &api_key,
            &env("IMAGEN_CHILD_SECRET"),
        ),
        Arc::new(store),
        key(&api_key),
    );
    println!("IMAGEN-CHILD ready");
    std::io::stdout().flush().unwrap();
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).unwrap();
    assert_eq!(line.trim(), "go");
    let calls = (0..CALLS).map(|_| {
        let s = source.clone();
        tokio::spawn(async move { s.token_set().await })
    });
    let mut tokens = Vec::new();
    for r in futures_util::future::join_all(calls).await {
        match r.unwrap() {
            Ok(t) => tokens.push(hash(t.access_token().secret())),
            Err(e) => {
                println!("IMAGEN-CHILD error {e}");
                return;
            }
        }
    }
    tokens.dedup();
    if tokens.len() == 1 {
        println!("IMAGEN-CHILD ok {}", tokens[0]);
    } else {
        println!("IMAGEN-CHILD error several tokens {tokens:?}");
    }
}

const HELD_TTL_MS: u64 = 800;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn holder_killed_mid_refresh() {
    let (emu, app) = emulator().await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.sqlite3");
    let store = Arc::new(
        SqliteTokenStore::open(&path)
            .await
            .unwrap()
            .with_encryption_key(KEY),
    );
    let k = key(&app.api_key);
    let old = expired(&emu, &app);
    store.save(&k, &old).await.unwrap();
    let before = emu.token_requests();

    let (tx, rx) = mpsc::channel();
    let mut holder = spawn_child(0, "hold", &path, &emu, &app, tx);
    let (_, msg) = rx.recv_timeout(Duration::from_secs(60)).unwrap();
    assert_eq!(msg, "held");
    // The holder dies (SIGKILL: no release, no clean-up).
    holder.child.kill().unwrap();
    let status = holder.child.wait().unwrap();
    assert!(!status.success());
    let killed_at = Instant::now();
    assert_eq!(
        lease_rows(&path),
        1,
        "the dead holder's lease is still there"
    );

    let source = RefreshingTokenSource::new(
        config(emu.web_url(), &app.api_key, &app.secret),
        store.clone(),
        k.clone(),
    );
    let got = source.token_set().await.unwrap();
    assert!(
        killed_at.elapsed() < Duration::from_millis(HELD_TTL_MS) + Duration::from_secs(5),
        "taken over soon after the lease expired"
    );
    assert_eq!(emu.token_requests(), before + 1);
    let stored = store.load(&k).await.unwrap().unwrap();
    assert_eq!(stored.access_token(), got.access_token());
    assert_ne!(stored.access_token(), old.access_token());
    assert!(stored.refresh_token().is_some(), "nothing lost");
    assert_eq!(lease_rows(&path), 0);
}
