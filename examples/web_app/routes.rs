//! The app's pages: sign-in, callback, the pages calling Imagen as the
//! signed-in user, sign-out.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{Query, RawQuery, State};
use axum::http::header::{HOST, LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use imagen::StaticToken;
use imagen::api::Client;
use imagen::oauth::{OAuthConfig, OAuthError, RefreshingTokenSource, StoreKey, TokenStore};

use crate::WebApp;
use crate::pages::{error, escape, page};
use crate::sessions::{
    LOGIN_COOKIE, LOGIN_COOKIE_AGE, SESSION_COOKIE, SESSION_COOKIE_AGE, Sessions, clear_cookie,
    cookie_value, lock, set_cookie,
};

/// What every handler shares.
pub struct App {
    pub client: Client<WebApp>,
    pub oauth: OAuthConfig,
    pub store: Arc<dyn TokenStore>,
    pub sessions: Sessions,
    /// The token source of each signed-in user, shared by their requests
    /// (one refresh in flight per user).
    pub sources: Mutex<HashMap<String, Arc<RefreshingTokenSource>>>,
    /// The redirect URI's path: the callback is served there only.
    pub callback_path: String,
    /// The redirect URI's `host[:port]`: sign-ins start there, so that the
    /// pre-login cookie is sent back with the callback.
    pub public_host: String,
}

type Shared = Arc<App>;

/// The app's own pages; the callback's path must be none of them.
pub const PAGES: &[&str] = &["/", "/login", "/profile", "/records", "/logout"];

/// The app's routes (the callback at `app.callback_path`, not one of
/// [`PAGES`]).
pub fn router(app: Shared) -> Router {
    Router::new()
        .route("/", get(home))
        .route("/login", get(login))
        .route(&app.callback_path.clone(), get(callback))
        .route("/profile", get(profile))
        .route("/records", get(records))
        .route("/logout", post(logout))
        .with_state(app)
}

impl App {
    fn key(&self, user: &str) -> StoreKey {
        StoreKey::new(
            self.client.session().api_key().as_str(),
            user,
            self.client.declared_scopes(),
        )
    }

    fn source(&self, user: &str) -> Arc<RefreshingTokenSource> {
        let mut sources = lock(&self.sources);
        sources
            .entry(user.to_owned())
            .or_insert_with(|| {
                Arc::new(RefreshingTokenSource::new(
                    self.oauth.clone(),
                    self.store.clone(),
                    self.key(user),
                ))
            })
            .clone()
    }

    /// The user this request's session cookie names.
    fn signed_in(&self, headers: &HeaderMap) -> Option<(String, String)> {
        let id = cookie_value(headers, SESSION_COOKIE)?;
        let user = self.sessions.user(&id)?;
        Some((id, user))
    }
}

fn redirect(to: &str, cookies: &[String]) -> Response {
    let mut r = StatusCode::SEE_OTHER.into_response();
    let headers = r.headers_mut();
    match HeaderValue::try_from(to) {
        Ok(v) => {
            headers.insert(LOCATION, v);
        }
        Err(_) => {
            return error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Cannot redirect",
                "The redirect target cannot be used in a Location header.",
            );
        }
    }
    with_cookies(r, cookies)
}

fn with_cookies(mut r: Response, cookies: &[String]) -> Response {
    for c in cookies {
        if let Ok(v) = HeaderValue::try_from(c.as_str()) {
            r.headers_mut().append(SET_COOKIE, v);
        }
    }
    r
}

/// `GET /`: who is signed in, or the sign-in link.
async fn home(State(app): State<Shared>, headers: HeaderMap) -> Response {
    match app.signed_in(&headers) {
        Some((_, user)) => page(
            StatusCode::OK,
            "Welcome",
            &format!(
                "<p id=\"who\">Signed in as <strong id=\"user\">{}</strong>.</p>\n\
                 <ul><li><a id=\"profile\" href=\"/profile\">Your Imagen profile</a></li>\n\
                 <li><a id=\"records\" href=\"/records\">Records you can see</a></li></ul>\n\
                 <form method=\"post\" action=\"/logout\"><button id=\"logout\" type=\"submit\">Sign out</button></form>",
                escape(&user)
            ),
        ),
        None => page(
            StatusCode::OK,
            "Welcome",
            "<p id=\"who\">You are not signed in.</p>\n\
             <p><a id=\"sign-in\" href=\"/login\">Sign in with Imagen</a></p>",
        ),
    }
}

/// `GET /login`: a new authorization request (random `state`, PKCE
/// verifier) kept server-side under a pre-login cookie, then off to the
/// consent page with the exact registered redirect URI.
async fn login(State(app): State<Shared>, headers: HeaderMap) -> Response {
    // Reached as http://127.0.0.1:… while the callback is on
    // http://localhost:…: cookies are per host, so start over there.
    let host = headers.get(HOST).and_then(|h| h.to_str().ok());
    if host.is_some_and(|h| h != app.public_host) {
        let scheme = if app.oauth.redirect_uri().starts_with("https://") {
            "https"
        } else {
            "http"
        };
        return redirect(&format!("{scheme}://{}/login", app.public_host), &[]);
    }
    let request = app
        .oauth
        .authorization_request(app.client.declared_scopes());
    let url = request.url().to_string();
    let id = app.sessions.start_login(request);
    let cookie = set_cookie(LOGIN_COOKIE, id, &app.callback_path, LOGIN_COOKIE_AGE);
    redirect(&url, &[cookie])
}

/// `GET <redirect path>?code=…&state=…` (or `?error=…`): the pending
/// sign-in of the pre-login cookie, its `state` checked, the code exchanged
/// with the PKCE verifier, the tokens stored for the user, a session.
async fn callback(
    State(app): State<Shared>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    // The pre-login cookie is spent whatever happens next.
    let spent = clear_cookie(LOGIN_COOKIE, &app.callback_path);
    let pending =
        cookie_value(&headers, LOGIN_COOKIE).and_then(|id| app.sessions.finish_login(&id));
    let Some(request) = pending else {
        return with_cookies(
            error(
                StatusCode::BAD_REQUEST,
                "Sign-in not recognised",
                "This sign-in was not started from this browser, was already used, or expired \
                 (the pre-login cookie is missing or unknown). Nothing was stored; start again.",
            ),
            &[spent],
        );
    };
    let tokens = match app
        .oauth
        .complete(request, query.as_deref().unwrap_or(""))
        .await
    {
        Ok(t) => t,
        Err(e) => return with_cookies(sign_in_failed(&e), &[spent]),
    };
    // Who signed in: asked of Imagen with the new token itself.
    let probe = app
        .client
        .for_user(Arc::new(StaticToken::new(tokens.access_token().clone())));
    let user = match probe.user().current().send().await {
        Ok(u) => u.username,
        Err(e) => {
            return with_cookies(
                error(
                    StatusCode::BAD_GATEWAY,
                    "Sign-in failed",
                    &format!("Imagen did not say who signed in: {e}"),
                ),
                &[spent],
            );
        }
    };
    if let Err(e) = app.source(&user).set_token(tokens).await {
        return with_cookies(
            error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Sign-in failed",
                &format!("The token could not be stored: {e}"),
            ),
            &[spent],
        );
    }
    // A new session id for every sign-in (never one the browser brought).
    if let Some(old) = cookie_value(&headers, SESSION_COOKIE) {
        app.sessions.sign_out(&old);
    }
    let Some(id) = app.sessions.sign_in(user) else {
        return with_cookies(
            error(
                StatusCode::SERVICE_UNAVAILABLE,
                "Too many sessions",
                "The app has too many open sessions; try again later.",
            ),
            &[spent],
        );
    };
    let session = set_cookie(SESSION_COOKIE, id, "/", SESSION_COOKIE_AGE);
    redirect("/", &[spent, session])
}

/// A readable page for a sign-in that did not complete.
fn sign_in_failed(e: &OAuthError) -> Response {
    match e {
        OAuthError::AccessDenied { .. } => error(
            StatusCode::FORBIDDEN,
            "Access denied",
            "You declined to let this app use your Imagen account, so nothing was stored. \
             You can sign in again at any time.",
        ),
        OAuthError::StateMismatch => error(
            StatusCode::BAD_REQUEST,
            "Sign-in refused",
            "The answer from Imagen does not carry the state this sign-in was started with \
             (missing or altered). Nothing was stored; start again.",
        ),
        e => error(
            StatusCode::BAD_GATEWAY,
            "Sign-in failed",
            &format!("The sign-in could not be completed: {e}"),
        ),
    }
}

/// A page for a failed API call; an authorization that ended also ends
/// the session and forgets the user's dead token.
async fn api_failed(app: &App, session: &str, user: &str, e: &imagen::Error) -> Response {
    if let imagen::Error::OAuth(OAuthError::ReauthorizationRequired { .. }) = e {
        app.sessions.sign_out(session);
        lock(&app.sources).remove(user);
        if let Err(e) = app.store.delete(&app.key(user)).await {
            return error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Please sign in again",
                &format!(
                    "Your authorization of this app has ended, and its token could not be \
                     deleted: {e}"
                ),
            );
        }
        return with_cookies(
            error(
                StatusCode::UNAUTHORIZED,
                "Please sign in again",
                "Your authorization of this app has ended (it was revoked or it expired).",
            ),
            &[clear_cookie(SESSION_COOKIE, "/")],
        );
    }
    error(
        StatusCode::BAD_GATEWAY,
        "Imagen request failed",
        &format!("{e}"),
    )
}

fn not_signed_in() -> Response {
    error(
        StatusCode::UNAUTHORIZED,
        "Not signed in",
        "Sign in first to see this page.",
    )
}

/// `GET /profile`: the signed-in user, as Imagen describes them (a
/// user-context call with the user's stored token).
async fn profile(State(app): State<Shared>, headers: HeaderMap) -> Response {
    let Some((session, user)) = app.signed_in(&headers) else {
        return not_signed_in();
    };
    let client = app.client.for_user(app.source(&user));
    match client.user().current().send().await {
        Ok(me) => {
            let rights: String = me
                .access_rights
                .iter()
                .flatten()
                .map(|r| format!("<li>{}</li>", escape(r)))
                .collect();
            page(
                StatusCode::OK,
                "Your Imagen profile",
                &format!(
                    "<dl><dt>User name</dt><dd id=\"username\">{}</dd>\n\
                     <dt>User ID</dt><dd id=\"user-id\">{}</dd>\n\
                     <dt>E-mail</dt><dd id=\"email\">{}</dd></dl>\n\
                     <h2>Rights</h2>\n<ul id=\"rights\">{rights}</ul>",
                    escape(&me.username),
                    me.user_id,
                    escape(me.email_address.as_deref().unwrap_or("")),
                ),
            )
        }
        Err(e) => api_failed(&app, &session, &user, &e).await,
    }
}

/// `GET /records?q=…`: an ImagenWeb search as the signed-in user.
async fn records(
    State(app): State<Shared>,
    headers: HeaderMap,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let Some((session, user)) = app.signed_in(&headers) else {
        return not_signed_in();
    };
    let query = params
        .get("q")
        .map(String::as_str)
        .unwrap_or("WHERE Location = 'Bergen'");
    let client = app.client.for_user(app.source(&user));
    match client.web().search(query).num_records(50).send().await {
        Ok(found) => {
            let rows: String = found
                .records
                .iter()
                .map(|r| {
                    format!(
                        "<li data-id=\"{}\">{}</li>\n",
                        r.id,
                        escape(r.fields.get("Title").map_or("(untitled)", String::as_str))
                    )
                })
                .collect();
            page(
                StatusCode::OK,
                "Records you can see",
                &format!(
                    "<form method=\"get\"><input name=\"q\" size=\"50\" value=\"{}\"> \
                     <button type=\"submit\">Search</button></form>\n\
                     <p id=\"hits\">{} record(s), searched as user {}</p>\n<ul id=\"found\">\n{rows}</ul>",
                    escape(query),
                    found.total_hits,
                    found.user.map_or("?".to_owned(), |u| u.to_string()),
                ),
            )
        }
        Err(e) => api_failed(&app, &session, &user, &e).await,
    }
}

/// `POST /logout`: revokes the user's grant at Imagen, deletes the stored
/// token, ends the session.
async fn logout(State(app): State<Shared>, headers: HeaderMap) -> Response {
    let cleared = clear_cookie(SESSION_COOKIE, "/");
    let Some(session) = cookie_value(&headers, SESSION_COOKIE) else {
        return redirect("/", &[cleared]);
    };
    let Some(user) = app.sessions.sign_out(&session) else {
        return redirect("/", &[cleared]);
    };
    let key = app.key(&user);
    let mut problems = Vec::new();
    match app.store.load(&key).await {
        Ok(Some(token)) => {
            // Revoking the refresh token ends the access tokens issued from
            // it too; without one, the access token is what there is.
            let secret = match token.refresh_token() {
                Some(r) => r.secret().to_owned(),
                None => token.access_token().secret().to_owned(),
            };
            if let Err(e) = app.oauth.revoke(&secret).await {
                problems.push(format!("Imagen did not confirm the revocation: {e}"));
            }
        }
        Ok(None) => {}
        Err(e) => problems.push(format!("the stored token could not be read: {e}")),
    }
    if let Err(e) = app.store.delete(&key).await {
        problems.push(format!("the stored token could not be deleted: {e}"));
    }
    lock(&app.sources).remove(&user);
    if problems.is_empty() {
        return redirect("/", &[cleared]);
    }
    with_cookies(
        error(
            StatusCode::BAD_GATEWAY,
            "Signed out, with problems",
            &format!(
                "You are signed out of this app, but {}.",
                problems.join("; ")
            ),
        ),
        &[cleared],
    )
}
