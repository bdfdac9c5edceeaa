//! The OAuth 2.0 server of the ImagenWeb role (RFC 6749, PKCE RFC 7636,
//! revocation RFC 7009).
//!
//! Imagen documents the authorize endpoint and the redirect URIs, not the
//! token endpoint; the emulator assumes the RFC shape (see
//! shared/imagen-api.md):
//! - `GET /oauth/authorize?client_id=KEY&redirect_uri=&response_type=code|token&scope=a b&state=&code_challenge=&code_challenge_method=S256|plain`
//!   renders a consent page (the approve/deny form posts back to
//!   `/oauth/authorize`); in auto-approve mode it redirects at once, in
//!   auto-deny mode it redirects with `error=access_denied`. The authorizing
//!   user is `login_hint` when it names a seeded user, else `zoe`.
//! - Redirect URIs: a web application only its registered `https://` URI; an
//!   installed application `http://localhost[:port][/path]`,
//!   `http://127.0.0.1[:port][/path]`, `urn:ietf:wg:oauth:2.0:oob` (a page
//!   titled `Success code=<code>` showing the code to paste),
//!   `urn:ietf:wg:oauth:2.0:oob:auto` (same title, asks to close the window),
//!   or a URI of its registered custom scheme. With `response_type=token`
//!   and an `oob` URI the title is `Success access_token=<token>`.
//! - `POST /oauth/token`: `authorization_code` (single use, expires after
//!   the code lifetime, `redirect_uri` must match, PKCE verified) and
//!   `refresh_token` (the refresh token is kept, or with rotation on
//!   replaced by a new one, the old one refused from then on); client
//!   authentication by HTTP Basic or `client_id`/`client_secret` form fields.
//!   An installed application may omit the secret (a public client).
//!   Errors are RFC 6749 JSON: `{"error", "error_description"}`.
//! - `POST /oauth/revoke` with `token=`: revokes an access token, or a
//!   refresh token together with the access tokens issued from it.

use std::collections::BTreeSet;
use std::time::Instant;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use sha2::{Digest, Sha256};

use crate::extract::{Params, Req, form_decode};
use crate::state::{AppState, Shared};
use crate::store::{AuthCode, Consent, Kind, is_known_scope, random_hex, scope_description};
use crate::xml::escape;

const OOB: &str = "urn:ietf:wg:oauth:2.0:oob";
const OOB_AUTO: &str = "urn:ietf:wg:oauth:2.0:oob:auto";

/// Where the answer of an authorization goes.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    Url(String),
    Oob,
    OobAuto,
}

#[derive(Debug, Clone)]
struct Authz {
    client_id: String,
    app_name: String,
    /// As sent (empty when absent), compared at the token endpoint.
    redirect_uri: String,
    target: Target,
    implicit: bool,
    scopes: BTreeSet<String>,
    state: Option<String>,
    challenge: Option<(String, String)>,
    login_hint: Option<String>,
}

enum Fail {
    /// The client or redirect URI cannot be trusted: show a page, never redirect.
    Page(String),
    /// Redirect back with `error=`.
    Redirect(Target, bool, Option<String>, &'static str, String),
}

fn html(status: StatusCode, title: &str, body: &str) -> Response {
    let page = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title></head>\n<body>\n{body}\n</body></html>\n",
        escape(title)
    );
    let mut r = (status, page).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    r
}

fn error_page(msg: &str) -> Response {
    html(
        StatusCode::BAD_REQUEST,
        "Authorization error",
        &format!("<h1>Authorization error</h1>\n<p>{}</p>", escape(msg)),
    )
}

fn check_redirect(kind: &Kind, uri: Option<&str>) -> Result<(String, Target), String> {
    match kind {
        Kind::Web { redirect_uri } => {
            let given = uri.unwrap_or(redirect_uri);
            if given != redirect_uri {
                return Err(format!(
                    "redirect_uri '{given}' is not the URI registered for this web application."
                ));
            }
            if !given.starts_with("https://") {
                return Err("A web application needs an https:// redirect URI.".into());
            }
            Ok((
                uri.unwrap_or("").to_string(),
                Target::Url(given.to_string()),
            ))
        }
        Kind::Installed { custom_redirect } => {
            let Some(given) = uri else {
                return Err("redirect_uri is required for an installed application.".into());
            };
            if given == OOB {
                return Ok((given.into(), Target::Oob));
            }
            if given == OOB_AUTO {
                return Ok((given.into(), Target::OobAuto));
            }
            let parsed = url::Url::parse(given)
                .map_err(|e| format!("redirect_uri '{given}' is not a URI: {e}."))?;
            let loopback = parsed.scheme() == "http"
                && matches!(parsed.host_str(), Some("localhost") | Some("127.0.0.1"))
                && parsed.username().is_empty()
                && parsed.fragment().is_none();
            let custom = custom_redirect.as_deref().is_some_and(|c| {
                c.split_once(':')
                    .is_some_and(|(scheme, _)| scheme.eq_ignore_ascii_case(parsed.scheme()))
            });
            if loopback || custom {
                Ok((given.into(), Target::Url(given.into())))
            } else {
                Err(format!(
                    "redirect_uri '{given}' is not allowed: use http://localhost, http://127.0.0.1, {OOB}, {OOB_AUTO} or the registered custom scheme."
                ))
            }
        }
    }
}

fn validate(sh: &Shared, p: &Params) -> Result<Authz, Fail> {
    let client_id = p
        .get("client_id")
        .filter(|c| !c.is_empty())
        .ok_or_else(|| Fail::Page("client_id (the application's API key) is missing.".into()))?;
    let st = sh.lock();
    let app = st
        .apps
        .get(client_id)
        .ok_or_else(|| Fail::Page(format!("No application has the API key '{client_id}'.")))?;
    let (redirect_uri, target) =
        check_redirect(&app.kind, p.get("redirect_uri")).map_err(Fail::Page)?;
    let state = p.get("state").map(str::to_string);
    let implicit = match p.get("response_type") {
        Some("code") => false,
        Some("token") => true,
        other => {
            return Err(Fail::Redirect(
                target,
                false,
                state,
                "unsupported_response_type",
                format!(
                    "response_type must be 'code' or 'token', not '{}'.",
                    other.unwrap_or("")
                ),
            ));
        }
    };
    let redirect =
        |e: &'static str, d: String| Fail::Redirect(target.clone(), implicit, state.clone(), e, d);
    if !app.enabled {
        return Err(redirect(
            "unauthorized_client",
            "The application is disabled.".into(),
        ));
    }
    let scopes: BTreeSet<String> = match p.get("scope").map(str::trim).filter(|s| !s.is_empty()) {
        None => app.scopes.clone(),
        Some(s) => s.split_whitespace().map(str::to_string).collect(),
    };
    for s in &scopes {
        if !is_known_scope(s) {
            return Err(redirect("invalid_scope", format!("Unknown scope '{s}'.")));
        }
        if !app.scopes.contains(s) {
            return Err(redirect(
                "invalid_scope",
                format!(
                    "The application does not hold the scope '{s}'; an Imagen administrator can add it."
                ),
            ));
        }
    }
    let challenge = match p.get("code_challenge").filter(|c| !c.is_empty()) {
        None => None,
        Some(c) => {
            let method = p.get("code_challenge_method").unwrap_or("plain");
            if method != "S256" && method != "plain" {
                return Err(redirect(
                    "invalid_request",
                    format!("code_challenge_method must be S256 or plain, not '{method}'."),
                ));
            }
            Some((c.to_string(), method.to_string()))
        }
    };
    Ok(Authz {
        client_id: client_id.to_string(),
        app_name: app.name.clone(),
        redirect_uri,
        target,
        implicit,
        scopes,
        state,
        challenge,
        login_hint: p.get("login_hint").map(str::to_string),
    })
}

fn with_params(base: &str, sep_fragment: bool, params: &[(&str, &str)]) -> String {
    let mut ser = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in params {
        ser.append_pair(k, v);
    }
    let encoded = ser.finish();
    let sep = if sep_fragment {
        '#'
    } else if base.contains('?') {
        '&'
    } else {
        '?'
    };
    format!("{base}{sep}{encoded}")
}

fn redirect_to(location: &str) -> Response {
    let mut r = StatusCode::FOUND.into_response();
    match HeaderValue::from_str(location) {
        Ok(v) => {
            r.headers_mut().insert(header::LOCATION, v);
            r
        }
        Err(_) => error_page("The redirect URI cannot be used in a Location header."),
    }
}

fn answer(
    target: &Target,
    fragment: bool,
    params: &[(&str, &str)],
    title: &str,
    shown: &str,
) -> Response {
    match target {
        Target::Url(u) => redirect_to(&with_params(u, fragment, params)),
        Target::Oob => html(
            StatusCode::OK,
            title,
            &format!(
                "<h1>Authorization complete</h1>\n<p>Copy this code, switch to your application and paste it there:</p>\n<p><input id=\"code\" readonly size=\"60\" value=\"{0}\"></p>\n<pre>{0}</pre>",
                escape(shown)
            ),
        ),
        Target::OobAuto => html(
            StatusCode::OK,
            title,
            "<h1>Authorization complete</h1>\n<p>Please close this window and return to your application.</p>",
        ),
    }
}

fn fail_response(f: Fail) -> Response {
    match f {
        Fail::Page(msg) => error_page(&msg),
        Fail::Redirect(target, implicit, state, error, desc) => {
            let mut params = vec![("error", error), ("error_description", desc.as_str())];
            if let Some(s) = &state {
                params.push(("state", s));
            }
            let title = format!("Denied error={error}");
            answer(&target, implicit, &params, &title, error)
        }
    }
}

/// Approve or deny a validated request as `user_id`.
fn complete(sh: &Shared, a: Authz, user_id: i64, approve: bool) -> Response {
    if !approve {
        return fail_response(Fail::Redirect(
            a.target,
            a.implicit,
            a.state,
            "access_denied",
            "The user denied the request.".into(),
        ));
    }
    let state = a.state.clone().unwrap_or_default();
    let mut st = sh.lock();
    if a.implicit {
        let t = st.issue(&a.client_id, user_id, a.scopes.clone(), false);
        let expires = t.expires_in.to_string();
        let mut params = vec![
            ("access_token", t.access_token.as_str()),
            ("token_type", "Bearer"),
            ("expires_in", expires.as_str()),
            ("scope", t.scope.as_str()),
        ];
        if a.state.is_some() {
            params.push(("state", state.as_str()));
        }
        let title = format!("Success access_token={}", t.access_token);
        return answer(&a.target, true, &params, &title, &t.access_token);
    }
    let code = random_hex(20);
    let expires = crate::store::expiry(st.code_lifetime);
    st.codes.insert(
        code.clone(),
        AuthCode {
            app_key: a.client_id.clone(),
            user_id,
            scopes: a.scopes.clone(),
            redirect_uri: a.redirect_uri.clone(),
            challenge: a.challenge.clone(),
            expires,
            used: false,
            issued: Vec::new(),
        },
    );
    let mut params = vec![("code", code.as_str())];
    if a.state.is_some() {
        params.push(("state", state.as_str()));
    }
    answer(
        &a.target,
        false,
        &params,
        &format!("Success code={code}"),
        &code,
    )
}

fn consent_page(sh: &Shared, a: &Authz, p: &Params) -> Response {
    let st = sh.lock();
    let mut hidden = String::new();
    for name in [
        "client_id",
        "redirect_uri",
        "response_type",
        "scope",
        "state",
        "code_challenge",
        "code_challenge_method",
    ] {
        if let Some(v) = p.get(name) {
            hidden.push_str(&format!(
                "<input type=\"hidden\" name=\"{name}\" value=\"{}\">\n",
                escape(v)
            ));
        }
    }
    let scopes: String = a
        .scopes
        .iter()
        .map(|s| {
            format!(
                "<li><strong>{}</strong>: {}</li>\n",
                escape(s),
                escape(scope_description(s).unwrap_or(""))
            )
        })
        .collect();
    let hint = a.login_hint.as_deref().unwrap_or("zoe");
    let users: String = st
        .users
        .iter()
        .map(|u| {
            let sel = if u.username == hint { " selected" } else { "" };
            format!(
                "<option value=\"{}\"{sel}>{} ({})</option>\n",
                escape(&u.username),
                escape(&u.full_name),
                escape(&u.username)
            )
        })
        .collect();
    let body = format!(
        "<h1>Authorize “{name}”</h1>\n<p>The application <strong>{name}</strong> asks for access to your Imagen account:</p>\n<ul>\n{scopes}</ul>\n<form method=\"post\" action=\"/oauth/authorize\">\n{hidden}<label>Signed in as <select name=\"user\">\n{users}</select></label>\n<button type=\"submit\" name=\"decision\" value=\"approve\">Approve</button>\n<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>\n</form>",
        name = escape(&a.app_name)
    );
    html(StatusCode::OK, &format!("Authorize {}", a.app_name), &body)
}

fn user_for(sh: &Shared, name: Option<&str>) -> Option<i64> {
    let st = sh.lock();
    match name {
        Some(n) => st.user_by_name(n).map(|u| u.id),
        None => st.user_by_name("zoe").map(|u| u.id),
    }
}

/// `GET /oauth/authorize`
async fn authorize(State(sh): State<AppState>, req: Req) -> Response {
    let p = match req.query() {
        Ok(p) => p,
        Err(e) => return error_page(&e.message),
    };
    let a = match validate(&sh, &p) {
        Ok(a) => a,
        Err(f) => return fail_response(f),
    };
    let consent = sh.lock().consent;
    let hinted = a
        .login_hint
        .as_deref()
        .filter(|h| sh.lock().user_by_name(h).is_some())
        .map(str::to_string);
    match consent {
        Consent::Prompt => consent_page(&sh, &a, &p),
        Consent::Approve | Consent::Deny => {
            let Some(uid) = user_for(&sh, hinted.as_deref()) else {
                return error_page("No user to authorize as.");
            };
            complete(&sh, a, uid, consent == Consent::Approve)
        }
    }
}

/// `POST /oauth/authorize`: the consent form's Approve / Deny.
async fn authorize_decision(State(sh): State<AppState>, req: Req) -> Response {
    let p = match req.form() {
        Ok(p) => p,
        Err(e) => return error_page(&e.message),
    };
    let a = match validate(&sh, &p) {
        Ok(a) => a,
        Err(f) => return fail_response(f),
    };
    let Some(uid) = user_for(&sh, p.get("user")) else {
        return error_page("Unknown user.");
    };
    let approve = p.get("decision") == Some("approve");
    complete(&sh, a, uid, approve)
}

fn oauth_json(status: StatusCode, body: serde_json::Value) -> Response {
    let mut r = (status, body.to_string()).into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(crate::error::JSON_UTF8),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    r
}

fn oauth_error(status: StatusCode, error: &str, desc: impl Into<String>) -> Response {
    let mut r = oauth_json(
        status,
        serde_json::json!({"error": error, "error_description": desc.into()}),
    );
    if status == StatusCode::UNAUTHORIZED {
        r.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Basic realm=\"imagen\""),
        );
    }
    r
}

/// An RFC 6749 error, small enough to return by value.
struct OAuthErr(StatusCode, &'static str, &'static str);

impl IntoResponse for OAuthErr {
    fn into_response(self) -> Response {
        oauth_error(self.0, self.1, self.2)
    }
}

/// Client credentials from HTTP Basic or the form: (id, secret).
fn client_credentials(req: &Req, p: &Params) -> Result<Option<(String, Option<String>)>, OAuthErr> {
    if let Some(auth) = req.header_str("authorization")
        && let Some(b64) = auth.strip_prefix("Basic ")
    {
        let bad = || {
            OAuthErr(
                StatusCode::UNAUTHORIZED,
                "invalid_client",
                "Malformed HTTP Basic credentials.",
            )
        };
        let raw = STANDARD.decode(b64.trim()).map_err(|_| bad())?;
        let text = String::from_utf8(raw).map_err(|_| bad())?;
        let (id, secret) = text.split_once(':').ok_or_else(bad)?;
        let id = form_decode(id).map_err(|_| bad())?;
        let secret = form_decode(secret).map_err(|_| bad())?;
        return Ok(Some((id, Some(secret))));
    }
    Ok(p.get("client_id")
        .filter(|c| !c.is_empty())
        .map(|id| (id.to_string(), p.get("client_secret").map(str::to_string))))
}

/// Authenticate the client at the token or revoke endpoint.
fn authenticate_client(sh: &Shared, req: &Req, p: &Params) -> Result<String, OAuthErr> {
    let Some((id, secret)) = client_credentials(req, p)? else {
        return Err(OAuthErr(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "Client authentication is missing (HTTP Basic or client_id/client_secret).",
        ));
    };
    let st = sh.lock();
    let Some(app) = st.apps.get(&id) else {
        return Err(OAuthErr(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "Unknown client_id.",
        ));
    };
    match secret {
        Some(s) if s == app.secret => {}
        Some(_) => {
            return Err(OAuthErr(
                StatusCode::UNAUTHORIZED,
                "invalid_client",
                "Wrong client secret.",
            ));
        }
        None if matches!(app.kind, Kind::Installed { .. }) => {}
        None => {
            return Err(OAuthErr(
                StatusCode::UNAUTHORIZED,
                "invalid_client",
                "A web application must authenticate with its secret.",
            ));
        }
    }
    if !app.enabled {
        return Err(OAuthErr(
            StatusCode::BAD_REQUEST,
            "unauthorized_client",
            "The application is disabled.",
        ));
    }
    Ok(id)
}

fn pkce_ok(challenge: &(String, String), verifier: &str) -> bool {
    let (c, method) = challenge;
    if method == "S256" {
        URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes())) == *c
    } else {
        verifier == c
    }
}

/// `POST /oauth/token`
async fn token(State(sh): State<AppState>, req: Req) -> Response {
    sh.count_token_request();
    // A slow token endpoint: counted on arrival, processed after the delay
    // (so a client that dies meanwhile has sent a request that changed
    // nothing yet).
    let delay = sh.lock().faults.token_latency;
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    let p = match req.form() {
        Ok(p) => p,
        Err(e) => return oauth_error(StatusCode::BAD_REQUEST, "invalid_request", e.details),
    };
    let client = match authenticate_client(&sh, &req, &p) {
        Ok(c) => c,
        Err(r) => return r.into_response(),
    };
    let invalid_grant = |d: &str| oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", d);
    match p.get("grant_type") {
        Some("authorization_code") => {
            let Some(code) = p.get("code") else {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request",
                    "code is missing.",
                );
            };
            let mut st = sh.lock();
            let Some(c) = st.codes.get_mut(code) else {
                return invalid_grant("Unknown authorization code.");
            };
            if c.app_key != client {
                return invalid_grant("The code was issued to another client.");
            }
            if c.used {
                // A replayed code: revoke what it produced (RFC 6749 §4.1.2).
                let issued = std::mem::take(&mut c.issued);
                for t in issued {
                    if let Some(a) = st.access_tokens.get_mut(&t) {
                        a.revoked = true;
                    }
                    if let Some(r) = st.refresh_tokens.get_mut(&t) {
                        r.revoked = true;
                    }
                }
                return invalid_grant("The authorization code was already used.");
            }
            if c.expires <= Instant::now() {
                return invalid_grant("The authorization code has expired.");
            }
            if p.get("redirect_uri").unwrap_or("") != c.redirect_uri {
                return invalid_grant("redirect_uri does not match the authorization request.");
            }
            match (&c.challenge, p.get("code_verifier")) {
                (Some(ch), Some(v)) if pkce_ok(ch, v) => {}
                (Some(_), Some(_)) => {
                    return invalid_grant("The PKCE code_verifier does not match.");
                }
                (Some(_), None) => return invalid_grant("code_verifier is missing (PKCE)."),
                (None, Some(_)) => {
                    return invalid_grant("The authorization request had no code_challenge.");
                }
                (None, None) => {}
            }
            c.used = true;
            let (user, scopes) = (c.user_id, c.scopes.clone());
            let t = st.issue(&client, user, scopes, true);
            if let Some(c) = st.codes.get_mut(code) {
                c.issued.push(t.access_token.clone());
                c.issued.extend(t.refresh_token.clone());
            }
            oauth_json(StatusCode::OK, serde_json::to_value(&t).unwrap_or_default())
        }
        Some("refresh_token") => {
            let Some(rt) = p.get("refresh_token") else {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request",
                    "refresh_token is missing.",
                );
            };
            let mut st = sh.lock();
            let Some(r) = st.refresh_tokens.get(rt).cloned() else {
                return invalid_grant("Unknown refresh token.");
            };
            if r.app_key != client {
                return invalid_grant("The refresh token was issued to another client.");
            }
            if r.revoked {
                return invalid_grant("The refresh token was revoked.");
            }
            if r.rotated {
                return invalid_grant(
                    "The refresh token was replaced by a newer one (rotation); use the newest.",
                );
            }
            let scopes = match p.get("scope").map(str::trim).filter(|s| !s.is_empty()) {
                None => r.scopes.clone(),
                Some(s) => {
                    let asked: BTreeSet<String> =
                        s.split_whitespace().map(str::to_string).collect();
                    if !asked.is_subset(&r.scopes) {
                        return oauth_error(
                            StatusCode::BAD_REQUEST,
                            "invalid_scope",
                            "A refresh cannot add scopes that were not granted.",
                        );
                    }
                    asked
                }
            };
            let refresh = if st.rotate_refresh_tokens {
                let new = random_hex(32);
                if let Some(old) = st.refresh_tokens.get_mut(rt) {
                    old.rotated = true;
                }
                st.refresh_tokens.insert(
                    new.clone(),
                    crate::store::RefreshToken {
                        rotated: false,
                        ..r.clone()
                    },
                );
                new
            } else {
                rt.to_string()
            };
            let access = random_hex(24);
            st.insert_access(&access, &client, r.user_id, &scopes, Some(refresh.clone()));
            let t = crate::store::TokenResponse {
                access_token: access,
                token_type: "Bearer".into(),
                expires_in: st.token_lifetime.as_secs(),
                refresh_token: Some(refresh),
                scope: scopes.into_iter().collect::<Vec<_>>().join(" "),
            };
            oauth_json(StatusCode::OK, serde_json::to_value(&t).unwrap_or_default())
        }
        Some(other) => oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            format!(
                "grant_type '{other}' is not supported; use authorization_code or refresh_token."
            ),
        ),
        None => oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "grant_type is missing.",
        ),
    }
}

/// `POST /oauth/revoke` (RFC 7009): 200 whether or not the token existed.
async fn revoke(State(sh): State<AppState>, req: Req) -> Response {
    let p = match req.form() {
        Ok(p) => p,
        Err(e) => return oauth_error(StatusCode::BAD_REQUEST, "invalid_request", e.details),
    };
    let client = match client_credentials(&req, &p) {
        Ok(Some(_)) => match authenticate_client(&sh, &req, &p) {
            Ok(c) => Some(c),
            Err(r) => return r.into_response(),
        },
        Ok(None) => None,
        Err(r) => return r.into_response(),
    };
    let Some(token) = p.get("token").filter(|t| !t.is_empty()) else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "token is missing.",
        );
    };
    let mut st = sh.lock();
    let owned_by_client = |app: &str| client.as_deref().is_none_or(|c| c == app);
    if let Some(r) = st.refresh_tokens.get_mut(token)
        && owned_by_client(&r.app_key.clone())
    {
        r.revoked = true;
        for a in st.access_tokens.values_mut() {
            if a.refresh.as_deref() == Some(token) {
                a.revoked = true;
            }
        }
    } else if let Some(a) = st.access_tokens.get_mut(token)
        && owned_by_client(&a.app_key.clone())
    {
        a.revoked = true;
    }
    oauth_json(StatusCode::OK, serde_json::json!({}))
}

/// The OAuth routes of the ImagenWeb role.
pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/oauth/authorize", get(authorize).post(authorize_decision))
        .route("/oauth/token", post(token))
        .route("/oauth/revoke", post(revoke))
}
