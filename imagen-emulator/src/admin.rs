//! The admin API: what a MediaControlCentre administrator does (register
//! applications, grant and revoke scopes, disable and enable them), plus
//! fault injection and a token shortcut for tests in other languages or
//! processes. JSON in, JSON out, no authentication (loopback only). The
//! routes are listed in the crate docs.

use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, delete, get, post};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::error::ApiError;
use crate::extract::Req;
use crate::spec::{AppKind, ApplicationSpec, Error, MediaSpec, WorkflowSpec};
use crate::state::{AppState, Shared};
use crate::store::{Consent, Failure, is_known_scope};

type St = State<AppState>;

fn ok_json(v: Value) -> Response {
    let mut r = (StatusCode::OK, v.to_string()).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(crate::error::JSON_UTF8),
    );
    r
}

fn body<'a, T: Deserialize<'a>>(req: &'a Req) -> Result<T, ApiError> {
    let text = if req.body.is_empty() {
        "{}"
    } else {
        req.body_str()
    };
    serde_json::from_str(text)
        .map_err(|e| ApiError::bad_request("Invalid JSON body.", e.to_string()))
}

fn lib_err(e: Error) -> ApiError {
    match e {
        Error::UnknownApplication(_)
        | Error::UnknownUser(_)
        | Error::UnknownRecord(_)
        | Error::UnknownMedia(_) => ApiError::not_found(e.to_string(), ""),
        Error::IdTaken(..) => ApiError::new(StatusCode::CONFLICT, e.to_string(), ""),
        _ => ApiError::bad_request(e.to_string(), ""),
    }
}

fn app_view(sh: &Shared, key: &str) -> Result<Value, ApiError> {
    let st = sh.lock();
    let app = st
        .apps
        .get(key)
        .ok_or_else(|| lib_err(Error::UnknownApplication(key.into())))?;
    let mut v = app.to_json()["Application"].clone();
    v["api_key"] = app.key.clone().into();
    v["secret"] = app.secret.clone().into();
    Ok(v)
}

async fn index() -> Response {
    let text = "Imagen emulator admin API (JSON): GET/POST /emulator/admin/applications, \
POST /emulator/admin/applications/{key}/scopes|disable|enable, POST /emulator/admin/tokens, \
POST /emulator/admin/faults, GET /emulator/admin/stats, POST /emulator/admin/workflows|records|media, \
DELETE /emulator/admin/records/{id}, GET/POST /emulator/admin/applications/{key}/webhooks, \
DELETE /emulator/admin/webhooks/{id}, GET /emulator/admin/webhooks/deliveries\n";
    (StatusCode::OK, text).into_response()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewApp {
    name: String,
    #[serde(rename = "type", default = "default_type")]
    kind: String,
    redirect_uri: Option<String>,
    #[serde(default)]
    scopes: Vec<String>,
}

fn default_type() -> String {
    "installed".into()
}

async fn create_app(State(sh): St, req: Req) -> Result<Response, ApiError> {
    let b: NewApp = body(&req)?;
    let kind = match b.kind.as_str() {
        "web" => AppKind::Web {
            redirect_uri: b.redirect_uri.ok_or_else(|| {
                ApiError::bad_request("A web application needs redirect_uri.", "")
            })?,
        },
        "installed" => AppKind::Installed {
            custom_redirect: b.redirect_uri,
        },
        other => {
            return Err(ApiError::bad_request(
                format!("Unknown application type '{other}'."),
                "Use web or installed.",
            ));
        }
    };
    let app = sh
        .create_app(ApplicationSpec {
            name: b.name,
            kind,
            scopes: b.scopes,
        })
        .map_err(lib_err)?;
    Ok(ok_json(app_view(&sh, &app.key)?))
}

async fn list_apps(State(sh): St) -> Result<Response, ApiError> {
    let keys: Vec<String> = sh.lock().apps.keys().cloned().collect();
    let list: Result<Vec<Value>, ApiError> = keys.iter().map(|k| app_view(&sh, k)).collect();
    Ok(ok_json(Value::Array(list?)))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScopeChange {
    #[serde(default)]
    grant: Vec<String>,
    #[serde(default)]
    revoke: Vec<String>,
}

async fn app_action(State(sh): St, req: Req) -> Result<Response, ApiError> {
    let key = req.segment(3)?;
    let action = req.segment(4)?;
    {
        let mut st = sh.lock();
        let app = st
            .apps
            .get_mut(&key)
            .ok_or_else(|| lib_err(Error::UnknownApplication(key.clone())))?;
        match action.as_str() {
            "disable" => app.enabled = false,
            "enable" => app.enabled = true,
            "scopes" => {
                let c: ScopeChange = body(&req)?;
                if let Some(bad) = c.grant.iter().chain(&c.revoke).find(|s| !is_known_scope(s)) {
                    return Err(lib_err(Error::UnknownScope(bad.clone())));
                }
                app.scopes.extend(c.grant);
                for s in c.revoke {
                    app.scopes.remove(&s);
                }
            }
            other => {
                return Err(ApiError::not_found(
                    format!("Unknown action '{other}'."),
                    "",
                ));
            }
        }
    }
    Ok(ok_json(app_view(&sh, &key)?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TokenAsk {
    api_key: String,
    #[serde(default = "default_user")]
    user: String,
    #[serde(default)]
    scopes: Vec<String>,
}

fn default_user() -> String {
    "zoe".into()
}

async fn tokens(State(sh): St, req: Req) -> Result<Response, ApiError> {
    let t: TokenAsk = body(&req)?;
    let mut st = sh.lock();
    if !st.apps.contains_key(&t.api_key) {
        return Err(lib_err(Error::UnknownApplication(t.api_key)));
    }
    let uid = st
        .user_by_name(&t.user)
        .ok_or_else(|| lib_err(Error::UnknownUser(t.user.clone())))?
        .id;
    if let Some(bad) = t.scopes.iter().find(|s| !is_known_scope(s)) {
        return Err(lib_err(Error::UnknownScope(bad.clone())));
    }
    let resp = st.issue(&t.api_key, uid, t.scopes.into_iter().collect(), true);
    Ok(ok_json(serde_json::to_value(resp).unwrap_or_default()))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FailNext {
    count: usize,
    status: u16,
    #[serde(default)]
    retry_after: Option<u64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FaultsBody {
    latency_ms: Option<u64>,
    token_latency_ms: Option<u64>,
    fail_next: Option<FailNext>,
    clock_offset_secs: Option<i64>,
    token_lifetime_secs: Option<u64>,
    rotate_refresh_tokens: Option<bool>,
    consent: Option<String>,
    #[serde(default)]
    clear: bool,
}

async fn faults(State(sh): St, req: Req) -> Result<Response, ApiError> {
    let f: FaultsBody = body(&req)?;
    let failure = match &f.fail_next {
        None => None,
        Some(n) => Some((
            n.count,
            match n.status {
                429 => Failure::RateLimited {
                    retry_after_secs: n.retry_after.unwrap_or(1),
                },
                503 => Failure::Unavailable,
                s => {
                    return Err(ApiError::bad_request(
                        format!("Unsupported fault status {s}."),
                        "Use 429 or 503.",
                    ));
                }
            },
        )),
    };
    let consent = match f.consent.as_deref() {
        None => None,
        Some("prompt") => Some(Consent::Prompt),
        Some("approve") => Some(Consent::Approve),
        Some("deny") => Some(Consent::Deny),
        Some(o) => {
            return Err(ApiError::bad_request(
                format!("Unknown consent mode '{o}'."),
                "Use prompt, approve or deny.",
            ));
        }
    };
    let mut st = sh.lock();
    if f.clear {
        st.faults.latency = Duration::ZERO;
        st.faults.token_latency = Duration::ZERO;
        st.faults.fail = None;
        st.faults.clock_offset_secs = 0;
    }
    if let Some(ms) = f.latency_ms {
        st.faults.latency = Duration::from_millis(ms);
    }
    if let Some(ms) = f.token_latency_ms {
        st.faults.token_latency = Duration::from_millis(ms);
    }
    if let Some(on) = f.rotate_refresh_tokens {
        st.rotate_refresh_tokens = on;
    }
    if let Some((n, kind)) = failure {
        st.faults.fail = (n > 0).then_some((n, kind));
    }
    if let Some(off) = f.clock_offset_secs {
        st.faults.clock_offset_secs = off;
    }
    if let Some(s) = f.token_lifetime_secs {
        st.token_lifetime = Duration::from_secs(s);
    }
    if let Some(c) = consent {
        st.consent = c;
    }
    let fail = st.faults.fail.map(|(n, k)| match k {
        Failure::RateLimited { retry_after_secs } => {
            json!({"count": n, "status": 429, "retry_after": retry_after_secs})
        }
        Failure::Unavailable => json!({"count": n, "status": 503}),
    });
    Ok(ok_json(json!({
        "latency_ms": st.faults.latency.as_millis() as u64,
        "token_latency_ms": st.faults.token_latency.as_millis() as u64,
        "fail_next": fail,
        "clock_offset_secs": st.faults.clock_offset_secs,
        "token_lifetime_secs": st.token_lifetime.as_secs(),
        "rotate_refresh_tokens": st.rotate_refresh_tokens,
        "consent": format!("{:?}", st.consent).to_lowercase(),
    })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewWorkflow {
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default = "default_usage")]
    usage_type: String,
    #[serde(default = "default_media_types")]
    media_types: Vec<String>,
    /// `[{"Video": "mov,mp4"}, …]`, as in `FileExtensions`.
    #[serde(default)]
    file_extensions: Vec<std::collections::BTreeMap<String, String>>,
    #[serde(default)]
    can_clip: bool,
    #[serde(default)]
    clip_only: bool,
}

fn default_usage() -> String {
    "GeneralUse".into()
}

fn default_media_types() -> Vec<String> {
    vec!["Video".into()]
}

async fn add_workflow(State(sh): St, req: Req) -> Result<Response, ApiError> {
    let w: NewWorkflow = body(&req)?;
    let spec = WorkflowSpec {
        name: w.name,
        description: w.description,
        usage_type: w.usage_type,
        media_types: w.media_types,
        file_extensions: w.file_extensions.into_iter().flatten().collect(),
        can_clip: w.can_clip,
        clip_only: w.clip_only,
    };
    let id = sh.add_workflow(spec).map_err(lib_err)?;
    let st = sh.lock();
    let v = st.workflow(&id).map(|w| w.to_json()).unwrap_or_default();
    Ok(ok_json(v))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewRecord {
    id: Option<i64>,
    #[serde(default)]
    fields: std::collections::BTreeMap<String, String>,
}

async fn add_record(State(sh): St, req: Req) -> Result<Response, ApiError> {
    let r: NewRecord = body(&req)?;
    let id = sh
        .add_record(r.id, r.fields.into_iter().collect())
        .map_err(lib_err)?;
    Ok(ok_json(json!({ "ID": id })))
}

async fn delete_record(State(sh): St, req: Req) -> Result<Response, ApiError> {
    let raw = req.segment(3)?;
    let id: i64 = raw
        .parse()
        .map_err(|_| ApiError::bad_request(format!("'{raw}' is not a record ID."), ""))?;
    let now = crate::store::datetime_space(sh.now());
    if !sh.lock().delete_record(id, 0, &now) {
        return Err(lib_err(Error::UnknownRecord(id)));
    }
    Ok(ok_json(json!({ "deleted": id })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewMedia {
    id: Option<i64>,
    record_id: i64,
    #[serde(default = "default_media_type")]
    media_type: String,
    #[serde(default)]
    file: String,
    parent_id: Option<i64>,
}

fn default_media_type() -> String {
    "Video".into()
}

async fn add_media(State(sh): St, req: Req) -> Result<Response, ApiError> {
    let m: NewMedia = body(&req)?;
    let spec = MediaSpec {
        id: m.id,
        record_id: m.record_id,
        media_type: m.media_type,
        file: m.file,
        parent_id: m.parent_id,
    };
    let id = sh.add_media(spec).map_err(lib_err)?;
    Ok(ok_json(json!({ "ID": id })))
}

async fn stats(State(sh): St) -> Response {
    let st = sh.lock();
    let jobs: Vec<Value> = st
        .jobs
        .iter()
        .map(|(guid, j)| {
            let inputs: Vec<Value> = j
                .inputs
                .iter()
                .map(|(sub, v)| json!({"sub-type": sub, "value": v}))
                .collect();
            json!({
                "GUID": guid, "JobName": j.name, "WorkflowID": j.workflow,
                "Priority": j.priority, "ResourceGroup": j.resource_group,
                "ClientID": j.client_id, "Inputs": inputs,
                "APIKey": j.owner.0, "UserID": j.owner.1,
            })
        })
        .collect();
    ok_json(json!({"token_requests": sh.token_requests(), "jobs": jobs}))
}

/// The admin API's routes (full paths), and its index at `/emulator`.
pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/emulator", any(index))
        .route(
            "/emulator/admin/applications",
            get(list_apps).post(create_app),
        )
        .route(
            "/emulator/admin/applications/{key}/{action}",
            post(app_action),
        )
        .route("/emulator/admin/tokens", post(tokens))
        .route("/emulator/admin/faults", post(faults))
        .route("/emulator/admin/stats", get(stats))
        .route("/emulator/admin/workflows", post(add_workflow))
        .route("/emulator/admin/records", post(add_record))
        .route("/emulator/admin/records/{id}", delete(delete_record))
        .route("/emulator/admin/media", post(add_media))
}
