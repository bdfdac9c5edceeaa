//! Refresh storm: K concurrent user-context calls on an expired token must
//! cause exactly one token request.
//!
//! Setup: the loopback bench server (see [`crate::overhead::Server`]) has an
//! RFC 6749 token endpoint that counts its requests, and a user-context
//! resource that accepts only the token that endpoint issues. A
//! [`RefreshingTokenSource`] (memory store) holds an access token that has
//! already expired, with a refresh token; a session with that source (one shared, warmed-up
//! connection pool, so no burst pays for new connections) sends
//! K requests to a `static Endpoint` with `Auth::User` (what generated code
//! does) from K concurrent tasks.
//!
//! Reported per trial: token requests made (must be 1) and the latency of
//! the K calls, compared with the same K calls when the token is still
//! valid (the baseline): *added latency* = storm median − baseline median,
//! and the same for the slowest call. Medians over trials.

use imagen_runtime::api::HostUrls as _;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use imagen_runtime::endpoint::{Auth, Endpoint, Method};
use imagen_runtime::oauth::{
    MemoryTokenStore, OAuthConfig, RefreshingTokenSource, StoreKey, TokenSet,
};
use imagen_runtime::{RetryPolicy, Session};

use crate::overhead::{FRESH_TOKEN, Server, USER_PATH};
use crate::stats::median;

const KEY: &str = "bench-key";
const SECRET: &str = "bench-secret-0123456789";
const SCOPES: &[&str] = &["readUsersData"];

static USER: Endpoint = Endpoint {
    name: "bench.user",
    method: Method::Get,
    host: "web",
    path: USER_PATH,
    auth: Auth::User,
    scopes: &["readUsersData"],
    envelope: Some("User"),
    xml: None,
    formats: &[],
    idempotent: true,
    outcome_hint: None,
    paging: None,
};

/// The outcome of the storm part.
#[derive(Debug, Clone)]
pub struct StormResult {
    pub k: usize,
    pub trials: usize,
    /// Token requests per trial (each must be 1).
    pub token_requests: Vec<usize>,
    /// Median over trials of the median call latency: baseline and storm.
    pub baseline_median: Duration,
    pub storm_median: Duration,
    /// Median over trials of the slowest call: baseline and storm.
    pub baseline_max: Duration,
    pub storm_max: Duration,
}

/// K concurrent calls; returns (median, max) latency.
async fn burst(session: &Session, k: usize) -> Result<(Duration, Duration), String> {
    let mut tasks = Vec::with_capacity(k);
    for _ in 0..k {
        let session = session.clone();
        tasks.push(tokio::spawn(async move {
            let t = Instant::now();
            let user: String = session
                .request(&USER, &[])
                .send()
                .await
                .map_err(|e| e.to_string())?;
            if user != "zoe" {
                return Err(format!("unexpected answer {user:?}"));
            }
            Ok::<_, String>(t.elapsed())
        }));
    }
    let mut latencies = Vec::with_capacity(k);
    for t in tasks {
        latencies.push(t.await.map_err(|e| e.to_string())??);
    }
    let max = latencies.iter().max().copied().unwrap_or_default();
    Ok((median(&latencies), max))
}

async fn user_session(
    server: &Server,
    app: &Session,
    expires_in: Duration,
) -> Result<Session, String> {
    let base = server.base();
    let config = OAuthConfig::installed(&base, KEY, SECRET, "http://localhost:8080")
        .build()
        .map_err(|e| e.to_string())?;
    let source = RefreshingTokenSource::new(
        config,
        Arc::new(MemoryTokenStore::new()),
        StoreKey::new(KEY, "bench", SCOPES),
    );
    let token = if expires_in.is_zero() {
        "bench-expired-access-token"
    } else {
        FRESH_TOKEN
    };
    source
        .set_token(TokenSet::new(
            token,
            Some("bench-refresh-1".into()),
            Some(expires_in),
            SCOPES.iter().map(|s| s.to_string()).collect(),
        ))
        .await
        .map_err(|e| e.to_string())?;
    Ok(app.with_token_source(Arc::new(source)))
}

/// Runs `trials` storms of `k` concurrent calls, each preceded by a
/// baseline burst with a valid token.
pub fn measure(k: usize, trials: usize) -> Result<StormResult, String> {
    let server = Server::start().map_err(|e| e.to_string())?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async {
        // One session (one connection pool) behind every user session,
        // warmed up with K concurrent calls, so that no burst pays for
        // connections.
        let client = Session::builder()
            .api_key(KEY)
            .api_secret(SECRET)
            .web_url(server.base())
            .retry_policy(RetryPolicy::none())
            .build()
            .map_err(|e| e.to_string())?;
        let warm = user_session(&server, &client, Duration::from_secs(3600)).await?;
        burst(&warm, k).await?;
        burst(&warm, k).await?;
        let mut counts = Vec::new();
        let (mut bm, mut bx, mut sm, mut sx) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for trial in 0..trials.max(1) {
            // Alternate which burst goes first.
            for storm in [trial % 2 == 1, trial % 2 == 0] {
                if storm {
                    let expired = user_session(&server, &client, Duration::ZERO).await?;
                    let before = server.token_requests.load(Ordering::SeqCst);
                    let (m, x) = burst(&expired, k).await?;
                    counts.push(server.token_requests.load(Ordering::SeqCst) - before);
                    sm.push(m);
                    sx.push(x);
                } else {
                    let valid = user_session(&server, &client, Duration::from_secs(3600)).await?;
                    let (m, x) = burst(&valid, k).await?;
                    bm.push(m);
                    bx.push(x);
                }
            }
        }
        Ok(StormResult {
            k,
            trials: trials.max(1),
            token_requests: counts,
            baseline_median: median(&bm),
            storm_median: median(&sm),
            baseline_max: median(&bx),
            storm_max: median(&sx),
        })
    })
}
