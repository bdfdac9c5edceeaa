//! Several processes sharing one database token store, for the SQLite and
//! PostgreSQL tests (`token_sqlite.rs`, `token_postgres.rs`): the storm
//! (N processes × M concurrent calls on an expired token) and the holder
//! killed in the middle of its refresh.
//!
//! A test spawns its own test binary again, running only its
//! `child_process_mode` test with [`CHILD_ENV`] set; that test opens the
//! store named by the environment (the file's own [`ChildStore`] variables)
//! and calls [`child_main`]. A child signals `ready`, waits for `go` on its
//! stdin, then makes its calls and prints `IMAGEN-CHILD ok <hash of the
//! token>` or `IMAGEN-CHILD error …`. Children are killed on drop.
//!
//! Token requests are counted at the emulator, which rotates refresh tokens
//! in these tests (`Faults::rotate_refresh_tokens`): a second refresh with
//! the same refresh token would fail, so "one request" and "every call got
//! a token" together show that nobody refreshed twice.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use imagen_emulator::{ApplicationSpec, Credentials, Emulator};
use imagen_runtime::oauth::{
    BoxFuture, OAuthConfig, OAuthError, RefreshingTokenSource, StoreKey, TokenSet, TokenStore,
};
use imagen_runtime::secret::RefreshToken;

pub const SCOPES: &[&str] = &["readUsersData", "modifyUsersData"];
/// Set in a child: its mode (`storm`, `refresh`).
pub const CHILD_ENV: &str = "IMAGEN_STORE_CHILD";
/// The encryption key every process uses.
pub const KEY: [u8; 32] = [0x5a; 32];
pub const PROCESSES: usize = 8;
pub const CALLS: usize = 50;
/// Bounds every wait for children (a hung child fails the test, never
/// hangs it).
const CHILD_DEADLINE: Duration = Duration::from_secs(180);

pub fn scopes() -> Vec<String> {
    SCOPES.iter().map(|s| s.to_string()).collect()
}

pub fn token(access: &str, refresh: &str, expires_in: u64) -> TokenSet {
    TokenSet::new(
        access,
        Some(RefreshToken::new(refresh)),
        Some(Duration::from_secs(expires_in)),
        scopes(),
    )
}

pub fn key(api_key: &str) -> StoreKey {
    StoreKey::new(api_key, "zoe", SCOPES)
}

/// A short fingerprint of a secret, what children print instead of it.
pub fn hash(s: &str) -> String {
    use sha2::Digest as _;
    let d = sha2::Sha256::digest(s.as_bytes());
    d[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// An emulator (auto-approving, rotating refresh tokens) and an installed
/// application on it.
pub async fn emulator() -> (Emulator, Credentials) {
    let emu = Emulator::builder()
        .auto_approve(true)
        .start("127.0.0.1:0")
        .await
        .unwrap();
    emu.faults().rotate_refresh_tokens(true);
    let app = emu
        .create_application(ApplicationSpec::installed("Token store tests").scopes(SCOPES))
        .unwrap();
    (emu, app)
}

pub fn config(web_url: &str, api_key: &str, secret: &str) -> OAuthConfig {
    OAuthConfig::installed(web_url, api_key, secret, "http://localhost:8080")
        .build()
        .unwrap()
}

/// An expired access token with a refresh token the emulator knows.
pub fn expired(emu: &Emulator, app: &Credentials) -> TokenSet {
    let t = emu.issue_token_for(&app.api_key, "zoe", SCOPES).unwrap();
    token("expired-access-token", &t.refresh_token.unwrap(), 0)
}

/// Whether the emulator accepts `access` for a user-context call.
pub async fn access_works(emu: &Emulator, app: &Credentials, access: &str) -> bool {
    reqwest::Client::new()
        .get(format!("{}/imcc/v1/user", emu.base_url()))
        .header("X-Imagen-API-Key", &app.api_key)
        .header("Authorization", format!("Bearer {access}"))
        .header("Accept", "application/json")
        .send()
        .await
        .unwrap()
        .status()
        .is_success()
}

/// A store without a lease (the trait's default): the control showing what
/// the lease prevents.
pub struct WithoutLease(pub Arc<dyn TokenStore>);

impl TokenStore for WithoutLease {
    fn load<'a>(
        &'a self,
        key: &'a StoreKey,
    ) -> BoxFuture<'a, Result<Option<TokenSet>, OAuthError>> {
        self.0.load(key)
    }
    fn save<'a>(
        &'a self,
        key: &'a StoreKey,
        token: &'a TokenSet,
    ) -> BoxFuture<'a, Result<(), OAuthError>> {
        self.0.save(key, token)
    }
    fn delete<'a>(&'a self, key: &'a StoreKey) -> BoxFuture<'a, Result<(), OAuthError>> {
        self.0.delete(key)
    }
}

/// How the children reach the store: environment variables their
/// `child_process_mode` reads.
pub type ChildStore = Vec<(&'static str, String)>;

/// A child process, killed when dropped.
pub struct Child {
    pub child: std::process::Child,
    stdin: Option<std::process::ChildStdin>,
}

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Child {
    fn go(&mut self) {
        let stdin = self.stdin.as_mut().unwrap();
        stdin.write_all(b"go\n").unwrap();
        stdin.flush().unwrap();
    }
}

/// What a storm's children are told.
#[derive(Clone, Copy)]
pub struct Storm {
    pub processes: usize,
    /// The lease TTL of every child's token source.
    pub lease_ttl: Duration,
    /// Children use the store without its lease (the control).
    pub without_lease: bool,
}

impl Storm {
    pub fn new(processes: usize) -> Self {
        Self {
            processes,
            lease_ttl: Duration::from_secs(30),
            without_lease: false,
        }
    }
}

/// Starts this test binary as child `i` in `mode`; its `IMAGEN-CHILD …`
/// lines arrive on `tx`, then `eof`.
pub fn spawn_child(
    i: usize,
    mode: &str,
    store: &ChildStore,
    storm: Storm,
    emu: &Emulator,
    app: &Credentials,
    tx: mpsc::Sender<(usize, String)>,
) -> Child {
    let exe = std::env::current_exe().unwrap();
    let mut cmd = Command::new(exe);
    cmd.args([
        "--exact",
        "child_process_mode",
        "--nocapture",
        "--test-threads=1",
    ])
    .env(CHILD_ENV, mode)
    .env("IMAGEN_CHILD_WEB", emu.web_url())
    .env("IMAGEN_CHILD_KEY", &app.api_key)
    .env("IMAGEN_CHILD_SECRET", &app.secret)
    .env(
        "IMAGEN_CHILD_LEASE_TTL_MS",
        storm.lease_ttl.as_millis().to_string(),
    )
    .env(
        "IMAGEN_CHILD_WITHOUT_LEASE",
        if storm.without_lease { "1" } else { "0" },
    )
    .stdin(Stdio::piped())
    .stdout(Stdio::piped())
    .stderr(Stdio::inherit());
    for (k, v) in store {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
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

/// Runs a storm: `storm.processes` children, each making [`CALLS`]
/// concurrent calls on the stored (expired) token once all are ready.
/// Returns each child's answer: `Ok(hash of its token)` or `Err(why)`.
pub fn run_storm(
    store: &ChildStore,
    storm: Storm,
    emu: &Emulator,
    app: &Credentials,
) -> Vec<Result<String, String>> {
    let (tx, rx) = mpsc::channel::<(usize, String)>();
    let mut children: Vec<Child> = (0..storm.processes)
        .map(|i| spawn_child(i, "storm", store, storm, emu, app, tx.clone()))
        .collect();
    drop(tx);
    let deadline = Instant::now() + CHILD_DEADLINE;
    let next = |what: &str| {
        let left = deadline.saturating_duration_since(Instant::now());
        rx.recv_timeout(left)
            .unwrap_or_else(|e| panic!("children: no {what} in time ({e})"))
    };
    // Every child is ready (its store open, its token source built)…
    for _ in 0..storm.processes {
        let (i, msg) = next("ready");
        assert_eq!(msg, "ready", "child {i}");
    }
    // …then all go at once.
    for c in &mut children {
        c.go();
    }
    let mut results: Vec<Option<Result<String, String>>> = vec![None; storm.processes];
    while results.iter().any(Option::is_none) {
        let (i, msg) = next("result");
        if let Some(r) = msg.strip_prefix("ok ") {
            results[i] = Some(Ok(r.to_owned()));
        } else if let Some(e) = msg.strip_prefix("error ") {
            results[i] = Some(Err(e.to_owned()));
        } else if msg == "eof" && results[i].is_none() {
            results[i] = Some(Err("exited without an answer".into()));
        }
    }
    for c in &mut children {
        wait_exit(c, deadline);
    }
    results.into_iter().flatten().collect()
}

fn wait_exit(c: &mut Child, deadline: Instant) {
    loop {
        if let Some(status) = c.child.try_wait().unwrap() {
            assert!(status.success(), "a child exited with {status}");
            return;
        }
        assert!(Instant::now() < deadline, "a child did not exit");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Starts one child that refreshes the stored token with the token
/// endpoint slowed down to a minute, waits until its token request has
/// arrived at the emulator (so the child holds the lease and is in the
/// middle of its refresh), and kills it with SIGKILL: no release, no
/// clean-up. The slow-down is removed afterwards.
pub fn kill_holder_mid_refresh(
    store: &ChildStore,
    lease_ttl: Duration,
    emu: &Emulator,
    app: &Credentials,
) {
    let before = emu.token_requests();
    emu.faults().token_latency(Duration::from_secs(60));
    let (tx, rx) = mpsc::channel();
    let mut storm = Storm::new(1);
    storm.lease_ttl = lease_ttl;
    let mut holder = spawn_child(0, "refresh", store, storm, emu, app, tx);
    let (_, msg) = rx.recv_timeout(CHILD_DEADLINE).unwrap();
    assert_eq!(msg, "ready");
    holder.go();
    let deadline = Instant::now() + CHILD_DEADLINE;
    while emu.token_requests() == before {
        assert!(
            Instant::now() < deadline,
            "the holder's token request never arrived"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    holder.child.kill().unwrap();
    let status = holder.child.wait().unwrap();
    assert!(!status.success(), "killed, not exited: {status}");
    emu.faults().token_latency(Duration::ZERO);
}

/// The child side: `store` opened by the calling file from its
/// environment; the mode from [`CHILD_ENV`].
pub async fn child_main(store: Arc<dyn TokenStore>) {
    let env = |k: &str| std::env::var(k).unwrap();
    let api_key = env("IMAGEN_CHILD_KEY");
    let store: Arc<dyn TokenStore> = if env("IMAGEN_CHILD_WITHOUT_LEASE") == "1" {
        Arc::new(WithoutLease(store))
    } else {
        store
    };
    let ttl = Duration::from_millis(env("IMAGEN_CHILD_LEASE_TTL_MS").parse().unwrap());
    let source = RefreshingTokenSource::new(
        config(
            &env("IMAGEN_CHILD_WEB"),
            &api_key,
            &env("IMAGEN_CHILD_SECRET"),
        ),
        store,
        key(&api_key),
    )
    .lease_ttl(ttl);
    println!("IMAGEN-CHILD ready");
    std::io::stdout().flush().unwrap();
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).unwrap();
    assert_eq!(line.trim(), "go");
    let calls = if env(CHILD_ENV) == "refresh" {
        1
    } else {
        CALLS
    };
    let calls = (0..calls).map(|_| {
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

/// The assertions after a storm with the lease: one token request, every
/// call of every child got the stored new token, which works, and whose
/// refresh token is the newest (a refresh with it succeeds).
pub async fn assert_one_refresh(
    results: &[Result<String, String>],
    requests: usize,
    store: &dyn TokenStore,
    old: &TokenSet,
    emu: &Emulator,
    app: &Credentials,
) {
    let k = key(&app.api_key);
    assert_eq!(
        requests,
        1,
        "{} processes × {CALLS} calls on an expired token: one token request ({results:?})",
        results.len()
    );
    let stored = store.load(&k).await.unwrap().unwrap();
    let new_access = hash(stored.access_token().secret());
    assert!(
        results
            .iter()
            .all(|r| r.as_deref() == Ok(new_access.as_str())),
        "every call got the stored new token: {results:?} vs {new_access}"
    );
    assert_ne!(stored.access_token(), old.access_token());
    assert!(access_works(emu, app, stored.access_token().secret()).await);
    assert_ne!(
        stored.refresh_token(),
        old.refresh_token(),
        "the rotated refresh token was saved"
    );
    let cfg = config(emu.web_url(), &app.api_key, &app.secret);
    cfg.refresh(&stored)
        .await
        .expect("the stored refresh token is the valid (newest) one");
}

/// A held lease renews; one that expired and was taken over does not (and
/// says so); the old holder's release leaves the new holder's lease alone.
/// `first` and `second` are two stores on the same database (`second`
/// with a short `lease_wait`); `lease_rows` counts the lease rows.
pub async fn check_lease_renewal_and_loss<F, Fut>(
    first: &dyn TokenStore,
    second: &dyn TokenStore,
    lease_rows: F,
) where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = i64>,
{
    let k = key("app");
    first.save(&k, &token("a", "r", 0)).await.unwrap();
    let ttl = Duration::from_millis(1000);
    let lease = first.lease(&k, ttl).await.unwrap();
    assert!(lease.is_held());
    // Renewed past its first expiry, it keeps the others out.
    for _ in 0..3 {
        tokio::time::sleep(ttl / 2).await;
        lease.renew(ttl).await.unwrap();
    }
    let err = second.lease(&k, ttl).await.unwrap_err();
    assert!(err.to_string().contains("refresh lease"), "{err}");
    // Not renewed: it expires, another process takes it over, and the
    // first holder learns it lost it.
    tokio::time::sleep(ttl * 2).await;
    let taken = second.lease(&k, ttl).await.unwrap();
    assert!(taken.is_held());
    let err = lease.renew(ttl).await.unwrap_err();
    assert!(err.to_string().contains("taken over"), "{err}");
    lease.release().await.unwrap();
    assert_eq!(lease_rows().await, 1);
    taken.release().await.unwrap();
    assert_eq!(lease_rows().await, 0);
}
