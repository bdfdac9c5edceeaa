//! A small in-test OAuth 2.0 authorization server (RFC 6749 + PKCE) with
//! one user-context endpoint, served over real HTTP on 127.0.0.1. Consent
//! is automatic (approve, or deny when told to).
//!
//! Most OAuth tests use the emulator instead (`Emu` in `main.rs`); this
//! server stays for what the emulator cannot do or show: it records the
//! authorize query and the client authentication method it saw, grants
//! only some scopes, omits `scope` from answers, and rotates refresh tokens.

use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Form;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use serde_json::json;
use sha2::{Digest, Sha256};

pub const KEY: &str = "test-key";
pub const SECRET: &str = "test-secret";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeenAuth {
    Basic,
    Body,
}

pub struct Options {
    /// Deny consent (`error=access_denied`).
    pub deny: bool,
    /// Grant only these scopes (answer lists them); None = grant what was asked.
    pub grant_only: Option<Vec<String>>,
    /// Leave `scope` out of the token answer.
    pub omit_scope: bool,
    /// Lifetime of authorization codes.
    pub code_ttl: Duration,
    /// `expires_in` of access tokens.
    pub expires_in: u64,
    /// Delay before answering a refresh (to make concurrency visible).
    pub refresh_delay: Duration,
    /// Rotate refresh tokens on refresh.
    pub rotate: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            deny: false,
            grant_only: None,
            omit_scope: false,
            code_ttl: Duration::from_secs(60),
            expires_in: 3600,
            refresh_delay: Duration::from_millis(0),
            rotate: false,
        }
    }
}

struct CodeInfo {
    redirect_uri: String,
    challenge: Option<String>,
    scopes: Vec<String>,
    issued: Instant,
}

#[derive(Default)]
struct Data {
    codes: HashMap<String, CodeInfo>,
    refresh: HashMap<String, Vec<String>>,
    revoked: HashSet<String>,
    access: HashSet<String>,
    seen_auth: Vec<SeenAuth>,
    seen_authorize: Vec<HashMap<String, String>>,
}

pub struct Server {
    pub base: String,
    pub token_requests: AtomicUsize,
    pub refresh_requests: AtomicUsize,
    pub opts: Mutex<Options>,
    data: Mutex<Data>,
    counter: AtomicUsize,
}

impl Server {
    pub async fn start(opts: Options) -> Arc<Server> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr: SocketAddr = listener.local_addr().unwrap();
        let server = Arc::new(Server {
            base: format!("http://{addr}"),
            token_requests: AtomicUsize::new(0),
            refresh_requests: AtomicUsize::new(0),
            opts: Mutex::new(opts),
            data: Mutex::new(Data::default()),
            counter: AtomicUsize::new(0),
        });
        let app = Router::new()
            .route("/oauth/authorize", get(authorize))
            .route("/oauth/token", post(token))
            .route("/custom/token", post(token))
            .route("/imcc/v1/user", get(user))
            .with_state(server.clone());
        tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        server
    }

    fn fresh(&self, prefix: &str) -> String {
        let n = self.counter.fetch_add(1, Ordering::SeqCst);
        format!("{prefix}-{n}-{:08x}", rand_u32())
    }

    /// Revokes every refresh token issued so far.
    pub fn revoke_all(&self) {
        let mut d = self.data.lock().unwrap();
        let all: Vec<String> = d.refresh.keys().cloned().collect();
        d.revoked.extend(all);
    }

    pub fn seen_auth(&self) -> Vec<SeenAuth> {
        self.data.lock().unwrap().seen_auth.clone()
    }

    pub fn last_authorize(&self) -> HashMap<String, String> {
        self.data
            .lock()
            .unwrap()
            .seen_authorize
            .last()
            .cloned()
            .unwrap_or_default()
    }

    /// Issues a refresh token directly (for refresh tests that skip consent).
    pub fn issue_refresh_token(&self, scopes: &[&str]) -> String {
        let rt = self.fresh("rt");
        self.data
            .lock()
            .unwrap()
            .refresh
            .insert(rt.clone(), scopes.iter().map(|s| s.to_string()).collect());
        rt
    }

    fn token_answer(&self, scopes: &[String], refresh: Option<String>) -> Response {
        let (grant_only, omit, expires_in) = {
            let o = self.opts.lock().unwrap();
            (o.grant_only.clone(), o.omit_scope, o.expires_in)
        };
        let granted = grant_only.unwrap_or_else(|| scopes.to_vec());
        let at = self.fresh("at");
        self.data.lock().unwrap().access.insert(at.clone());
        let mut body = json!({
            "access_token": at,
            "token_type": "Bearer",
            "expires_in": expires_in,
        });
        if !omit {
            body["scope"] = json!(granted.join(" "));
        }
        if let Some(rt) = refresh {
            body["refresh_token"] = json!(rt);
        }
        (
            [
                (header::CONTENT_TYPE, "application/json;charset=UTF-8"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            body.to_string(),
        )
            .into_response()
    }
}

fn rand_u32() -> u32 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64,
    );
    h.finish() as u32
}

fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        json!({"error": error, "error_description": description}).to_string(),
    )
        .into_response()
}

fn append(uri: &str, sep: char, pairs: &[(&str, &str)]) -> String {
    let q: String = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    let sep = if sep == '?' && uri.contains('?') {
        '&'
    } else {
        sep
    };
    format!("{uri}{sep}{q}")
}

async fn authorize(
    State(s): State<Arc<Server>>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    s.data.lock().unwrap().seen_authorize.push(q.clone());
    let get = |k: &str| q.get(k).cloned().unwrap_or_default();
    if get("client_id") != KEY {
        return (StatusCode::BAD_REQUEST, "unknown client_id").into_response();
    }
    let redirect = get("redirect_uri");
    let state = get("state");
    let oob = redirect.starts_with("urn:ietf:wg:oauth:2.0:oob");
    let scopes: Vec<String> = get("scope")
        .split(' ')
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect();
    if s.opts.lock().unwrap().deny {
        if oob {
            return Html(
                "<html><head><title>Denied error=access_denied</title></head></html>".to_string(),
            )
            .into_response();
        }
        let loc = append(
            &redirect,
            '?',
            &[
                ("error", "access_denied"),
                ("error_description", "The user said no."),
                ("state", &state),
            ],
        );
        return (StatusCode::FOUND, [(header::LOCATION, loc)]).into_response();
    }
    match get("response_type").as_str() {
        "code" => {
            let code = s.fresh("code");
            let challenge = q.get("code_challenge").cloned();
            if challenge.is_some() && get("code_challenge_method") != "S256" {
                return (StatusCode::BAD_REQUEST, "S256 only").into_response();
            }
            s.data.lock().unwrap().codes.insert(
                code.clone(),
                CodeInfo {
                    redirect_uri: redirect.clone(),
                    challenge,
                    scopes,
                    issued: Instant::now(),
                },
            );
            if oob {
                let page = format!(
                    "<html><head><title>Success code={code}</title></head><body>Copy this code: {code}</body></html>"
                );
                return Html(page).into_response();
            }
            let loc = append(&redirect, '?', &[("code", &code), ("state", &state)]);
            (StatusCode::FOUND, [(header::LOCATION, loc)]).into_response()
        }
        "token" => {
            let at = s.fresh("at");
            s.data.lock().unwrap().access.insert(at.clone());
            let scope = scopes.join(" ");
            let pairs = [
                ("access_token", at.as_str()),
                ("token_type", "bearer"),
                ("expires_in", "3600"),
                ("scope", scope.as_str()),
                ("state", state.as_str()),
            ];
            if oob {
                let frag = append("", '#', &pairs);
                let page = format!(
                    "<html><head><title>Success {}</title></head></html>",
                    frag.trim_start_matches('#')
                );
                return Html(page).into_response();
            }
            let loc = append(&redirect, '#', &pairs);
            (StatusCode::FOUND, [(header::LOCATION, loc)]).into_response()
        }
        _ => (StatusCode::BAD_REQUEST, "unsupported response_type").into_response(),
    }
}

async fn token(
    State(s): State<Arc<Server>>,
    headers: HeaderMap,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    s.token_requests.fetch_add(1, Ordering::SeqCst);
    // Client authentication: Basic or body fields.
    let basic = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "))
        .and_then(|b| STANDARD.decode(b).ok())
        .and_then(|b| String::from_utf8(b).ok());
    let (id, secret, how) = match basic {
        Some(pair) => {
            let (i, p) = pair.split_once(':').unwrap_or((&pair, ""));
            (i.to_string(), p.to_string(), SeenAuth::Basic)
        }
        None => (
            f.get("client_id").cloned().unwrap_or_default(),
            f.get("client_secret").cloned().unwrap_or_default(),
            SeenAuth::Body,
        ),
    };
    s.data.lock().unwrap().seen_auth.push(how);
    if id != KEY || secret != SECRET {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "Unknown client or wrong secret.",
        );
    }
    match f.get("grant_type").map(String::as_str) {
        Some("authorization_code") => {
            let code = f.get("code").cloned().unwrap_or_default();
            let info = s.data.lock().unwrap().codes.remove(&code);
            let Some(info) = info else {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "Unknown or used code.",
                );
            };
            if info.issued.elapsed() > s.opts.lock().unwrap().code_ttl {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "The authorization code has expired.",
                );
            }
            if f.get("redirect_uri") != Some(&info.redirect_uri) {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "redirect_uri mismatch.",
                );
            }
            if let Some(ch) = &info.challenge {
                let v = f.get("code_verifier").cloned().unwrap_or_default();
                if URL_SAFE_NO_PAD.encode(Sha256::digest(v.as_bytes())) != *ch {
                    return oauth_error(
                        StatusCode::BAD_REQUEST,
                        "invalid_grant",
                        "PKCE verification failed.",
                    );
                }
            }
            let rt = s.fresh("rt");
            s.data
                .lock()
                .unwrap()
                .refresh
                .insert(rt.clone(), info.scopes.clone());
            s.token_answer(&info.scopes, Some(rt))
        }
        Some("refresh_token") => {
            s.refresh_requests.fetch_add(1, Ordering::SeqCst);
            let delay = s.opts.lock().unwrap().refresh_delay;
            tokio::time::sleep(delay).await;
            let rt = f.get("refresh_token").cloned().unwrap_or_default();
            let (scopes, revoked) = {
                let d = s.data.lock().unwrap();
                (d.refresh.get(&rt).cloned(), d.revoked.contains(&rt))
            };
            let Some(scopes) = scopes.filter(|_| !revoked) else {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "The refresh token has been revoked.",
                );
            };
            let rotate = s.opts.lock().unwrap().rotate;
            let new_rt = rotate.then(|| {
                let n = s.fresh("rt");
                let mut d = s.data.lock().unwrap();
                d.refresh.insert(n.clone(), scopes.clone());
                d.revoked.insert(rt.clone());
                n
            });
            s.token_answer(&scopes, new_rt)
        }
        _ => oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "Unsupported grant type.",
        ),
    }
}

async fn user(State(s): State<Arc<Server>>, headers: HeaderMap) -> Response {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::to_owned);
    let ok = bearer.is_some_and(|b| s.data.lock().unwrap().access.contains(&b));
    if !ok
        || headers
            .get("x-imagen-api-key")
            .and_then(|v| v.to_str().ok())
            != Some(KEY)
    {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
            json!({"Error": {"Message": "The access token is invalid or has expired.", "Details": ""}}).to_string(),
        )
            .into_response();
    }
    (
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        json!({"UserID": 7, "Username": "zoë"}).to_string(),
    )
        .into_response()
}
