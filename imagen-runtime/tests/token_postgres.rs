//! The PostgreSQL token store (feature `postgres`): round trip, secrets
//! kept out of `Debug` and errors, migrations, encryption at rest, the
//! lease (taken over when expired, renewed, bounded wait), and one refresh
//! across processes (storm, slow token endpoint, holder killed
//! mid-refresh: `store_processes/mod.rs`, shared with the SQLite tests).
//!
//! The server comes from `IMAGEN_TEST_POSTGRES_URL`
//! (`postgres://user:password@127.0.0.1:5432/db`, a role that may create
//! databases). Each test creates a database of its own and drops it after.
//! Without the variable the tests fail under `CI=true` and are skipped,
//! saying so, elsewhere.

mod store_processes;

use std::sync::Arc;
use std::time::{Duration, Instant};

use imagen_runtime::oauth::{
    OAuthError, PostgresTokenStore, RefreshingTokenSource, StoreKey, TokenSet, TokenStore,
};
use store_processes::*;

const URL_ENV: &str = "IMAGEN_TEST_POSTGRES_URL";

/// A database of one test, dropped (with its connections) on drop.
struct TestDb {
    base: url::Url,
    name: String,
    url: String,
}

impl TestDb {
    /// A new empty database, or `None` (after saying why) when no server is
    /// configured outside CI.
    async fn create() -> Option<Self> {
        let base = match std::env::var(URL_ENV) {
            Ok(u) if !u.is_empty() => u,
            _ => {
                assert!(
                    std::env::var("CI").as_deref() != Ok("true"),
                    "{URL_ENV} is not set, and CI=true: the PostgreSQL token store tests \
                     need a server (see .ci/run)"
                );
                eprintln!(
                    "skipped: {URL_ENV} is not set (e.g. postgres://imagen:imagen@127.0.0.1:5432/imagen_test)"
                );
                return None;
            }
        };
        let base = url::Url::parse(&base).unwrap_or_else(|e| panic!("{URL_ENV}: {e}"));
        let name = format!("imagen_t_{:016x}", rand::random::<u64>());
        admin(&base, &format!("CREATE DATABASE {name}")).await;
        let mut url = base.clone();
        url.set_path(&format!("/{name}"));
        Some(Self {
            base,
            name,
            url: url.to_string(),
        })
    }

    async fn store(&self) -> PostgresTokenStore {
        PostgresTokenStore::connect(&self.url).await.unwrap()
    }

    /// A plain client on the test database, for looking at the rows.
    async fn client(&self) -> tokio_postgres::Client {
        let (client, conn) = tokio_postgres::connect(&self.url, tokio_postgres::NoTls)
            .await
            .unwrap();
        tokio::spawn(conn);
        client
    }

    fn child_store(&self) -> ChildStore {
        vec![("IMAGEN_CHILD_PG_URL", self.url.clone())]
    }

    /// `postgres://user@host:port/db`: how the store names the server.
    fn location(&self) -> String {
        format!(
            "postgres://{}@{}:{}/{}",
            self.base.username(),
            self.base.host_str().unwrap(),
            self.base.port().unwrap_or(5432),
            self.name
        )
    }

    async fn lease_rows(&self) -> i64 {
        self.client()
            .await
            .query_one("SELECT count(*) FROM imagen_token_leases", &[])
            .await
            .unwrap()
            .get(0)
    }
}

/// Runs one statement on the server's base database.
async fn admin(base: &url::Url, sql: &str) {
    let (client, conn) = tokio_postgres::connect(base.as_str(), tokio_postgres::NoTls)
        .await
        .unwrap_or_else(|e| panic!("cannot connect to {URL_ENV}'s server: {e}"));
    tokio::spawn(conn);
    client
        .batch_execute(sql)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e:?}"));
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let base = self.base.clone();
        let sql = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
        // Its own thread and runtime: drop may run inside a test's runtime.
        let done = std::thread::spawn(move || {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap()
                .block_on(admin(&base, &sql));
        })
        .join();
        if done.is_err() {
            eprintln!("could not drop the test database {}", self.name);
        }
    }
}

macro_rules! test_db {
    () => {
        match TestDb::create().await {
            Some(db) => db,
            None => return,
        }
    };
}

#[tokio::test]
async fn round_trip_keys_and_delete() {
    let db = test_db!();
    let store = db.store().await;
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
    // Replacing, and a second store on the same database (another process).
    store
        .save(&a, &token("access-A2", "refresh-A2", 3600))
        .await
        .unwrap();
    let again = db.store().await;
    assert_eq!(
        again
            .load(&a)
            .await
            .unwrap()
            .unwrap()
            .access_token()
            .secret(),
        "access-A2"
    );
    again.delete(&a).await.unwrap();
    again.delete(&a).await.unwrap(); // no error when absent
    assert!(store.load(&a).await.unwrap().is_none());
    assert!(store.load(&b).await.unwrap().is_some());
    // Each save bumps the generation.
    let generation: i64 = db
        .client()
        .await
        .query_one(
            "SELECT generation FROM imagen_tokens WHERE user_name = 'yann'",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(generation, 1);
    // Debug names the server without the password.
    let dbg = format!("{:?}", store.clone().with_encryption_key(KEY));
    assert_eq!(
        dbg,
        format!("PostgresTokenStore {{ server: {:?}, .. }}", db.location())
    );
    if let Some(password) = db.base.password() {
        assert!(!dbg.contains(&format!(":{password}@")), "{dbg}");
    }
}

/// Connection errors say what failed and where, never the password.
#[tokio::test]
async fn connection_errors_keep_the_password_out() {
    let db = test_db!();
    const MARKER: &str = "PASSWORD-MARKER-4f2a";
    let mut wrong = url::Url::parse(&db.url).unwrap();
    wrong.set_password(Some(MARKER)).unwrap();
    let mut no_server = wrong.clone();
    no_server.set_port(Some(1)).unwrap();
    let bad_option = format!("{}?sslmode=sometimes", wrong.as_str());
    // No TLS connector is built in: a URL that requires TLS is refused at
    // connect time, never used in clear text.
    let tls_required = format!("{}?sslmode=require", db.url);
    for (url, want) in [
        (wrong.to_string(), "cannot connect"),
        (no_server.to_string(), "cannot connect"),
        (bad_option, "does not parse"),
        (tls_required, "TLS"),
    ] {
        let err = PostgresTokenStore::connect(&url).await.unwrap_err();
        let (msg, dbg) = (err.to_string(), format!("{err:?}"));
        assert!(matches!(err, OAuthError::Store { .. }), "{msg}");
        assert!(msg.contains(want), "{msg}");
        assert!(!msg.contains(MARKER) && !dbg.contains(MARKER), "{dbg}");
    }
}

/// The server ends the store's session (an administrator, a restart):
/// the next statements connect again, and nothing fails.
#[tokio::test]
async fn reconnects_after_the_server_ended_the_session() {
    let db = test_db!();
    let store = db.store().await;
    let k = key("app");
    store.save(&k, &token("a0", "r", 3600)).await.unwrap();
    let admin = db.client().await;
    for round in 1..=3 {
        let ended: i64 = admin
            .query_one(
                "WITH others AS MATERIALIZED (
                     SELECT pid FROM pg_stat_activity
                     WHERE datname = current_database() AND pid <> pg_backend_pid()
                       AND usename = current_user AND backend_type = 'client backend'
                 )
                 SELECT count(*) FROM others WHERE pg_terminate_backend(pid)",
                &[],
            )
            .await
            .unwrap()
            .get(0);
        assert_eq!(ended, 1, "round {round}: the store's one connection");
        let got = store.load(&k).await.unwrap().unwrap();
        assert_eq!(got.access_token().secret(), format!("a{}", round - 1));
        store
            .save(&k, &token(&format!("a{round}"), "r", 3600))
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn migrations_on_an_existing_schema() {
    // A database of the application's own, with a table of its own.
    let db = test_db!();
    let c = db.client().await;
    c.batch_execute("CREATE TABLE sessions (id text); INSERT INTO sessions VALUES ('s1');")
        .await
        .unwrap();
    // Instances starting together migrate one after the other.
    let stores = futures_util::future::join_all((0..4).map(|_| db.store())).await;
    stores[0]
        .save(&key("k"), &token("a", "r", 60))
        .await
        .unwrap();
    let versions: Vec<i32> = c
        .query("SELECT version FROM imagen_token_schema", &[])
        .await
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(versions, [1], "one migration, recorded once");
    let s: String = c
        .query_one("SELECT id FROM sessions", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(s, "s1", "the application's own table is kept");
    // Connecting to a database at the current version keeps the tokens.
    let again = db.store().await;
    assert_eq!(
        again
            .load(&key("k"))
            .await
            .unwrap()
            .unwrap()
            .access_token()
            .secret(),
        "a"
    );

    // A newer schema is refused and left alone.
    let newer = test_db!();
    let c = newer.client().await;
    c.batch_execute(
        "CREATE TABLE imagen_token_schema (version integer PRIMARY KEY, applied_at timestamptz);
         INSERT INTO imagen_token_schema (version) VALUES (1), (7);",
    )
    .await
    .unwrap();
    let err = PostgresTokenStore::connect(&newer.url).await.unwrap_err();
    assert!(
        matches!(&err, OAuthError::Store { message, .. } if message.contains("version 7")),
        "{err}"
    );
    let count: i64 = c
        .query_one("SELECT count(*) FROM imagen_token_schema", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(count, 2);
    let tokens_table: Option<String> = c
        .query_one("SELECT to_regclass('imagen_tokens')::text", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(tokens_table, None, "nothing created");
}

#[tokio::test]
async fn encryption_at_rest() {
    let db = test_db!();
    let k = key("app");
    let sealed = db.store().await.with_encryption_key(KEY);
    let t = token("ACCESS-PLAINTEXT-MARKER", "REFRESH-PLAINTEXT-MARKER", 3600);
    let c = db.client().await;
    let raw = |user: &'static str| {
        let c = &c;
        async move {
            let row = c
                .query_one(
                    "SELECT sealed, data FROM imagen_tokens WHERE user_name = $1",
                    &[&user],
                )
                .await
                .unwrap();
            (row.get::<_, bool>(0), row.get::<_, Vec<u8>>(1))
        }
    };
    let has_marker = |data: &[u8]| data.windows(16).any(|w| w == b"PLAINTEXT-MARKER");
    sealed.save(&k, &t).await.unwrap();
    let (is_sealed, first) = raw("zoe").await;
    sealed.save(&k, &t).await.unwrap();
    let (_, second) = raw("zoe").await;
    assert!(is_sealed);
    assert!(!has_marker(&first) && !has_marker(&second));
    // A nonce and a ciphertext; the same token saved twice, two nonces.
    assert!(first.len() > 24 + 16 && !first.starts_with(b"{"));
    assert_ne!(first[..24], second[..24]);
    let got = sealed.load(&k).await.unwrap().unwrap();
    assert_eq!(got.access_token().secret(), "ACCESS-PLAINTEXT-MARKER");
    assert_eq!(
        got.refresh_token().unwrap().secret(),
        "REFRESH-PLAINTEXT-MARKER"
    );

    // A control: without a key the token is in the row.
    let plain = db.store().await;
    let plain_key = StoreKey::new("app", "yann", SCOPES);
    plain.save(&plain_key, &t).await.unwrap();
    let (is_sealed, data) = raw("yann").await;
    assert!(!is_sealed && has_marker(&data));

    let decryption = |r: Result<Option<TokenSet>, OAuthError>, want: &str| match r {
        Err(e @ OAuthError::TokenDecryption { .. }) => {
            let msg = e.to_string();
            assert!(msg.contains(want), "{msg}");
            assert!(!msg.contains("MARKER"), "{msg}");
        }
        Err(e) => panic!("wanted a decryption error, got {e}"),
        Ok(t) => panic!("wanted a decryption error, got {t:?}"),
    };
    let wrong = db.store().await.with_encryption_key([1; 32]);
    decryption(wrong.load(&k).await, "wrong encryption key");
    decryption(plain.load(&k).await, "no encryption key");
    decryption(sealed.load(&plain_key).await, "unencrypted");

    // A sealed row moved to another key does not open.
    c.execute(
        "UPDATE imagen_tokens SET user_name = 'mallory' WHERE user_name = 'zoe'",
        &[],
    )
    .await
    .unwrap();
    let moved = StoreKey::new("app", "mallory", SCOPES);
    decryption(sealed.load(&moved).await, "wrong encryption key");
    // Altered data does not open either.
    c.execute(
        "UPDATE imagen_tokens SET data = '\\x00112233', user_name = 'zoe' WHERE user_name = 'mallory'",
        &[],
    )
    .await
    .unwrap();
    decryption(sealed.load(&k).await, "truncated");
}

/// Plants a lease on the one stored token, held by `holder`, expiring
/// `expires_in_ms` from now (negative: expired already).
async fn plant_lease(db: &TestDb, holder: &str, expires_in_ms: i64) {
    db.client()
        .await
        .execute(
            "INSERT INTO imagen_token_leases (api_key, user_name, scopes, holder, expires_at)
             SELECT api_key, user_name, scopes, $1,
                    clock_timestamp() + $2::bigint * interval '1 millisecond'
             FROM imagen_tokens
             ON CONFLICT (api_key, user_name, scopes) DO UPDATE
             SET holder = excluded.holder, expires_at = excluded.expires_at",
            &[&holder, &expires_in_ms],
        )
        .await
        .unwrap();
    assert_eq!(db.lease_rows().await, 1, "one token row to lease");
}

#[tokio::test]
async fn dead_holders_lease_is_taken_over() {
    let db = test_db!();
    let (emu, app) = emulator().await;
    let store = Arc::new(db.store().await);
    let k = key(&app.api_key);
    let source = |store: Arc<PostgresTokenStore>| {
        RefreshingTokenSource::new(
            config(emu.web_url(), &app.api_key, &app.secret),
            store,
            k.clone(),
        )
    };
    store.save(&k, &expired(&emu, &app)).await.unwrap();

    // Expired already: taken over at once.
    plant_lease(&db, "dead-process", -1_000).await;
    let before = emu.token_requests();
    let t = source(store.clone()).token_set().await.unwrap();
    assert_ne!(t.access_token().secret(), "expired-access-token");
    assert_eq!(emu.token_requests(), before + 1);
    assert_eq!(db.lease_rows().await, 0, "the lease was released");

    // Held by a hung process for 600 ms more: waited for, then taken over.
    store.save(&k, &expired(&emu, &app)).await.unwrap();
    // Timed from before the lease exists: it expires 600 ms after this.
    let started = Instant::now();
    plant_lease(&db, "hung-process", 600).await;
    source(store.clone()).token_set().await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(500),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(emu.token_requests(), before + 2);

    // Held for long: the wait is bounded, with a clear error.
    store.save(&k, &expired(&emu, &app)).await.unwrap();
    plant_lease(&db, "busy-process", 60_000).await;
    let impatient = Arc::new(db.store().await.lease_wait(Duration::from_millis(300)));
    let err = source(impatient).token_set().await.unwrap_err();
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

/// Renewal and loss of a lease (`store_processes::check_lease_renewal_and_loss`).
#[tokio::test]
async fn lease_renewal_and_loss() {
    let db = test_db!();
    let first = db.store().await;
    let second = db.store().await.lease_wait(Duration::from_millis(100));
    check_lease_renewal_and_loss(&first, &second, || db.lease_rows()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_refresh_across_processes() {
    let db = test_db!();
    let (emu, app) = emulator().await;
    // A slow token endpoint keeps the refresh in flight while the others arrive.
    emu.faults().token_latency(Duration::from_millis(300));
    let store = db.store().await.with_encryption_key(KEY);
    let old = expired(&emu, &app);
    store.save(&key(&app.api_key), &old).await.unwrap();
    let before = emu.token_requests();

    let results = run_storm(&db.child_store(), Storm::new(PROCESSES), &emu, &app);
    let requests = emu.token_requests() - before;
    println!(
        "postgres storm, {PROCESSES} processes x {CALLS} calls, lease: {requests} token request(s)"
    );
    assert_one_refresh(&results, requests, &store, &old, &emu, &app).await;
    assert_eq!(db.lease_rows().await, 0, "the lease was released");
}

/// The control of [`one_refresh_across_processes`]: without the lease,
/// several token requests, and rotation refuses the losers.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_the_lease_every_process_refreshes() {
    let db = test_db!();
    let (emu, app) = emulator().await;
    emu.faults().token_latency(Duration::from_millis(300));
    let store = db.store().await.with_encryption_key(KEY);
    store
        .save(&key(&app.api_key), &expired(&emu, &app))
        .await
        .unwrap();
    let before = emu.token_requests();
    let mut storm = Storm::new(PROCESSES);
    storm.without_lease = true;
    let results = run_storm(&db.child_store(), storm, &emu, &app);
    let requests = emu.token_requests() - before;
    let failed = results.iter().filter(|r| r.is_err()).count();
    println!(
        "postgres storm, {PROCESSES} processes x {CALLS} calls, no lease: {requests} token request(s), {failed} process(es) failed"
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
    let db = test_db!();
    let (emu, app) = emulator().await;
    let mut storm = Storm::new(4);
    storm.lease_ttl = Duration::from_millis(300);
    emu.faults().token_latency(storm.lease_ttl * 5);
    let store = db.store().await.with_encryption_key(KEY);
    let old = expired(&emu, &app);
    store.save(&key(&app.api_key), &old).await.unwrap();
    let before = emu.token_requests();
    let results = run_storm(&db.child_store(), storm, &emu, &app);
    let requests = emu.token_requests() - before;
    println!(
        "postgres slow token endpoint (1500 ms, lease TTL 300 ms): {requests} token request(s)"
    );
    assert_one_refresh(&results, requests, &store, &old, &emu, &app).await;
}

const HELD_TTL: Duration = Duration::from_millis(800);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn holder_killed_mid_refresh() {
    let db = test_db!();
    let (emu, app) = emulator().await;
    let store = Arc::new(db.store().await.with_encryption_key(KEY));
    let k = key(&app.api_key);
    let old = expired(&emu, &app);
    store.save(&k, &old).await.unwrap();
    let before = emu.token_requests();

    kill_holder_mid_refresh(&db.child_store(), HELD_TTL, &emu, &app);
    let killed_at = Instant::now();
    assert_eq!(
        db.lease_rows().await,
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
    println!("postgres holder killed mid-refresh: taken over after {waited:?}");
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
    assert_eq!(db.lease_rows().await, 0);
}

/// The child side of the cross-process tests (`store_processes`); does
/// nothing in a normal test run.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn child_process_mode() {
    if std::env::var_os(CHILD_ENV).is_none() {
        return;
    }
    let store = PostgresTokenStore::connect(&std::env::var("IMAGEN_CHILD_PG_URL").unwrap())
        .await
        .unwrap()
        .with_encryption_key(KEY);
    child_main(Arc::new(store)).await;
}
