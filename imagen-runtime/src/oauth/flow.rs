//! Authorization requests, callbacks, and the token endpoint.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU16, Ordering};
use std::time::Duration;

use oauth2::basic::{BasicClient, BasicErrorResponseType, BasicTokenResponse, BasicTokenType};
use oauth2::{
    AuthUrl, ClientId, ClientSecret, CsrfToken, EndpointNotSet, EndpointSet, PkceCodeChallenge,
    PkceCodeVerifier, RedirectUrl, RequestTokenError, Scope, TokenResponse, TokenUrl,
};
use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;
use url::Url;
use zeroize::Zeroize;

use super::config::{ClientAuth, Grant, Redirect};
use super::error::ScopeCheck;
use super::{OAuthConfig, OAuthError, TokenSet};
use crate::secret::{AuthorizationCode, CsrfState, PkceVerifier, RefreshToken};

/// One authorization attempt: the URL to send the user to, and what is
/// needed to check and complete the callback (the random `state`, the PKCE
/// verifier, the requested scopes).
///
/// It is single-use: completing consumes it. A Web application keeps it
/// server-side (it is `Serialize`) between the redirect and the callback;
/// it holds secrets ([`CsrfState`], [`PkceVerifier`]), so never put it into
/// a cookie or a URL. `Debug` shows only the scopes.
#[derive(Clone, Serialize, Deserialize)]
pub struct AuthorizationRequest {
    url: Url,
    state: CsrfState,
    pkce_verifier: Option<PkceVerifier>,
    scopes: Vec<String>,
}

impl fmt::Debug for AuthorizationRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthorizationRequest")
            .field("scopes", &self.scopes)
            .field("pkce", &self.pkce_verifier.is_some())
            .finish_non_exhaustive()
    }
}

impl AuthorizationRequest {
    /// The URL of the consent page, with every parameter. It contains the
    /// `state` and the PKCE challenge, not the verifier: showing it to the
    /// user is fine, logging it is not needed.
    pub fn url(&self) -> &Url {
        &self.url
    }

    /// The scopes requested (wire names).
    pub fn scopes(&self) -> &[String] {
        &self.scopes
    }

    pub(crate) fn state(&self) -> &CsrfState {
        &self.state
    }

    /// Whether `candidate` is this request's `state`, compared in constant
    /// time.
    pub(crate) fn state_matches(&self, candidate: &str) -> bool {
        self.state
            .secret()
            .as_bytes()
            .ct_eq(candidate.as_bytes())
            .into()
    }
}

type Client = BasicClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointSet>;

impl OAuthConfig {
    /// Starts an authorization: builds the consent URL on the ImagenWeb
    /// host with `client_id` (the API key), `redirect_uri`, `response_type`,
    /// `scope` (`scopes` joined by spaces — pass the declared
    /// `ScopeSet::NAMES`), a fresh random `state`, and the PKCE `S256`
    /// challenge unless switched off.
    pub fn authorization_request(&self, scopes: &[&str]) -> AuthorizationRequest {
        let i = &self.inner;
        let client = self.client();
        let mut req = client
            .authorize_url(|| CsrfToken::new_random_len(32))
            .add_scopes(scopes.iter().map(|s| Scope::new((*s).to_owned())));
        let mut verifier = None;
        match i.grant {
            Grant::Implicit => req = req.use_implicit_flow(),
            Grant::AuthorizationCode if i.pkce => {
                let (challenge, v) = PkceCodeChallenge::new_random_sha256();
                req = req.set_pkce_challenge(challenge);
                verifier = Some(PkceVerifier::new(v.into_secret()));
            }
            Grant::AuthorizationCode => {}
        }
        let (url, state) = req.url();
        AuthorizationRequest {
            url,
            state: CsrfState::new(state.into_secret()),
            pkce_verifier: verifier,
            scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    /// Completes an authorization from what came back to the redirect URI:
    /// the callback's query string (`code=…&state=…`, with or without the
    /// leading `?`), the whole callback URL (Web server, custom scheme), or
    /// for the implicit grant the URL fragment.
    ///
    /// Checks `state` (constant time; a missing `state` is refused too),
    /// turns `error=access_denied` and other errors into
    /// [`OAuthError::AccessDenied`] / [`OAuthError::AuthorizationFailed`],
    /// exchanges the code at the token endpoint, and checks that every
    /// requested scope was granted ([`OAuthError::ScopesNotGranted`]).
    pub async fn complete(
        &self,
        request: AuthorizationRequest,
        callback: &str,
    ) -> Result<TokenSet, OAuthError> {
        let params = CallbackParams::parse(callback);
        let state_optional = matches!(self.inner.redirect, Redirect::Oob | Redirect::OobAuto);
        match params.get("state") {
            Some(s) if request.state_matches(s) => {}
            None if state_optional => {}
            _ => return Err(OAuthError::StateMismatch),
        }
        params.error()?;
        match self.inner.grant {
            Grant::AuthorizationCode => match params.get("code") {
                Some(code) => self.exchange_code(request, code).await,
                None => Err(OAuthError::MalformedCallback(
                    "expected `code` (authorization-code grant)".into(),
                )),
            },
            Grant::Implicit => {
                let token = params.implicit_token(&request.scopes)?;
                check_scopes(&request.scopes, token.scopes())?;
                Ok(token)
            }
        }
    }

    /// Exchanges an authorization code that arrived without a callback URL
    /// (pasted by the user with the out-of-band redirect URIs) for tokens.
    /// Prefer [`complete`](Self::complete) whenever the callback, and so its
    /// `state`, is available. Surrounding whitespace of the code is ignored.
    pub async fn exchange_code(
        &self,
        request: AuthorizationRequest,
        code: impl Into<AuthorizationCode>,
    ) -> Result<TokenSet, OAuthError> {
        let code = code.into();
        let code = code.secret().trim();
        if code.is_empty() {
            return Err(OAuthError::MalformedCallback("the code is empty".into()));
        }
        let client = self.client();
        let redirect = self.redirect_url()?;
        let mut req = client
            .exchange_code(oauth2::AuthorizationCode::new(code.to_owned()))
            .set_redirect_uri(Cow::Owned(redirect));
        if let Some(v) = &request.pkce_verifier {
            req = req.set_pkce_verifier(PkceCodeVerifier::new(v.secret().to_owned()));
        }
        let (http, status) = self.http_fn();
        let answer = req.request_async(&http).await;
        let answer =
            answer.map_err(|e| map_token_error(e, status.load(Ordering::Relaxed), false))?;
        let token = token_set(&answer, &request.scopes)?;
        check_scopes(&request.scopes, token.scopes())?;
        tracing::debug!(scopes = ?token.scopes(), "oauth: authorization code exchanged");
        Ok(token)
    }

    /// Uses the refresh token of `token` for a new access token. A refresh
    /// token the server refuses (`invalid_grant`: revoked, expired) gives
    /// [`OAuthError::ReauthorizationRequired`]. The refresh token is kept
    /// when the server does not rotate it; the scopes likewise when the
    /// answer does not list them (RFC 6749 §5.1).
    pub async fn refresh(&self, token: &TokenSet) -> Result<TokenSet, OAuthError> {
        let Some(refresh) = token.refresh_token() else {
            return Err(OAuthError::ReauthorizationRequired {
                reason: "the access token expired or was rejected, and no refresh token was \
                         issued with it"
                    .into(),
            });
        };
        let client = self.client();
        let refresh = oauth2::RefreshToken::new(refresh.secret().to_owned());
        let req = client.exchange_refresh_token(&refresh);
        let (http, status) = self.http_fn();
        let answer = req.request_async(&http).await;
        let answer =
            answer.map_err(|e| map_token_error(e, status.load(Ordering::Relaxed), true))?;
        let mut new = token_set(&answer, token.scopes())?;
        new.keep_refresh_token_from(token);
        tracing::debug!(scopes = ?new.scopes(), "oauth: access token refreshed");
        Ok(new)
    }

    /// Revokes `token` (a refresh token, or an access token) at the
    /// revocation endpoint (RFC 7009), authenticating the application as at
    /// the token endpoint. Revoking a refresh token also ends the access
    /// tokens issued from it on servers that follow the RFC's advice. A
    /// server without a revocation endpoint (no `revoke:` in the
    /// description) is [`OAuthError::Config`].
    pub async fn revoke(&self, token: &str) -> Result<(), OAuthError> {
        let i = &self.inner;
        let Some(url) = &i.revoke_url else {
            return Err(OAuthError::Config(
                "the authorization server has no revocation endpoint".into(),
            ));
        };
        let mut form: Vec<(&str, &str)> = vec![("token", token)];
        let secret = i.client_secret.as_ref().map(|s| s.secret());
        let mut req = i.http.post(url.clone());
        match i.client_auth {
            ClientAuth::Basic => req = req.basic_auth(&i.client_id, secret),
            ClientAuth::RequestBody => {
                form.push(("client_id", &i.client_id));
                if let Some(s) = secret {
                    form.push(("client_secret", s));
                }
            }
        }
        let answer = req
            .form(&form)
            .send()
            .await
            .map_err(OAuthError::Transport)?;
        let status = answer.status().as_u16();
        if (200..300).contains(&status) {
            tracing::debug!("oauth: token revoked");
            return Ok(());
        }
        // The error answer holds no token (RFC 7009 §2.2.1): its `error`
        // code may be shown.
        let body = answer.bytes().await.unwrap_or_default();
        let error = serde_json::from_slice::<serde_json::Value>(&body)
            .ok()
            .and_then(|v| {
                v.get("error")?
                    .as_str()
                    .map(|e| e.chars().take(100).collect())
            })
            .unwrap_or_else(|| format!("HTTP {status}"));
        Err(OAuthError::TokenEndpoint {
            error,
            description: Some(format!("revocation refused (HTTP {status})")),
        })
    }

    fn client(&self) -> Client {
        let i = &self.inner;
        let mut c = BasicClient::new(ClientId::new(i.client_id.clone()))
            .set_auth_uri(AuthUrl::from_url(i.authorize_url.clone()))
            .set_token_uri(TokenUrl::from_url(i.token_url.clone()))
            .set_auth_type(match i.client_auth {
                ClientAuth::Basic => oauth2::AuthType::BasicAuth,
                ClientAuth::RequestBody => oauth2::AuthType::RequestBody,
            });
        if let Ok(r) = self.redirect_url() {
            c = c.set_redirect_uri(r);
        }
        if let Some(s) = &i.client_secret {
            c = c.set_client_secret(ClientSecret::new(s.secret().to_owned()));
        }
        c
    }

    fn redirect_url(&self) -> Result<RedirectUrl, OAuthError> {
        // `RedirectUrl` keeps the string as given: the server compares it
        // byte for byte with the registered one (`http://localhost`, not
        // `http://localhost/`).
        RedirectUrl::new(self.inner.redirect_raw.clone())
            .map_err(|e| OAuthError::Config(format!("redirect URI: {e}")))
    }

    /// The `oauth2` crate's HTTP client: our `reqwest` client behind the
    /// crate's closure adapter. The status of the last answer is kept so
    /// that errors can say it.
    fn http_fn(
        &self,
    ) -> (
        impl Fn(oauth2::HttpRequest) -> HttpFuture + use<>,
        Arc<AtomicU16>,
    ) {
        let client = self.inner.http.clone();
        let status = Arc::new(AtomicU16::new(0));
        let seen = status.clone();
        let f = move |req: oauth2::HttpRequest| -> HttpFuture {
            let client = client.clone();
            let seen = seen.clone();
            Box::pin(async move {
                let req = reqwest::Request::try_from(req)?;
                let resp = client.execute(req).await?;
                seen.store(resp.status().as_u16(), Ordering::Relaxed);
                let status = resp.status();
                let headers = resp.headers().clone();
                let body = resp.bytes().await?;
                let mut out = oauth2::HttpResponse::new(body.to_vec());
                *out.status_mut() = status;
                *out.headers_mut() = headers;
                Ok(out)
            })
        };
        (f, status)
    }
}

type HttpFuture = std::pin::Pin<
    Box<dyn Future<Output = Result<oauth2::HttpResponse, reqwest::Error>> + Send + 'static>,
>;

fn map_token_error(
    e: RequestTokenError<reqwest::Error, oauth2::basic::BasicErrorResponse>,
    status: u16,
    refreshing: bool,
) -> OAuthError {
    match e {
        RequestTokenError::ServerResponse(r) => {
            let description = r.error_description().cloned();
            match r.error() {
                BasicErrorResponseType::InvalidGrant if refreshing => {
                    OAuthError::ReauthorizationRequired {
                        reason: format!(
                            "the server refused the refresh token (invalid_grant){}",
                            description.map(|d| format!(": {d}")).unwrap_or_default()
                        ),
                    }
                }
                BasicErrorResponseType::InvalidGrant => OAuthError::InvalidGrant { description },
                BasicErrorResponseType::UnauthorizedClient
                    if super::error::disabled_client(
                        "unauthorized_client",
                        description.as_deref(),
                    ) =>
                {
                    OAuthError::ApplicationDisabled { description }
                }
                other => OAuthError::TokenEndpoint {
                    error: other.as_ref().to_owned(),
                    description,
                },
            }
        }
        RequestTokenError::Request(e) => OAuthError::Transport(e),
        RequestTokenError::Parse(e, body) => {
            // Never echo the body of a 200 answer: it holds tokens. An error
            // answer (e.g. Imagen's own `{"Error":{"Message":…}}`) is safe.
            let mut msg = if status == 200 {
                format!(
                    "at `{}`: {:?} error in the JSON",
                    e.path(),
                    e.inner().classify()
                )
            } else {
                format!("HTTP {status}")
            };
            if status != 200
                && let Some(m) = imagen_error_message(&body)
            {
                msg.push_str(": ");
                msg.push_str(&m);
            }
            OAuthError::InvalidTokenResponse(msg)
        }
        RequestTokenError::Other(m) if status != 0 && status != 200 => {
            OAuthError::InvalidTokenResponse(format!("HTTP {status}: {m}"))
        }
        RequestTokenError::Other(m) => OAuthError::InvalidTokenResponse(m),
    }
}

/// `Message` of Imagen's standard JSON error body, if that is what it is.
fn imagen_error_message(body: &[u8]) -> Option<String> {
    let v: serde_json::Value = serde_json::from_slice(body).ok()?;
    let m = v.get("Error")?.get("Message")?.as_str()?;
    Some(m.chars().take(200).collect())
}

fn token_set(answer: &BasicTokenResponse, requested: &[String]) -> Result<TokenSet, OAuthError> {
    if *answer.token_type() != BasicTokenType::Bearer {
        return Err(OAuthError::InvalidTokenResponse(format!(
            "token_type `{}` is not supported (bearer expected)",
            answer.token_type().as_ref()
        )));
    }
    // RFC 6749 §5.1: without `scope` the granted scopes are the requested ones.
    let scopes = match answer.scopes() {
        Some(s) => s.iter().map(|s| s.to_string()).collect(),
        None => requested.to_vec(),
    };
    Ok(TokenSet::new(
        answer.access_token().secret().as_str(),
        answer
            .refresh_token()
            .map(|r| RefreshToken::new(r.secret().as_str())),
        answer.expires_in(),
        scopes,
    ))
}

/// Every declared scope must have been granted.
pub(crate) fn check_scopes(declared: &[String], granted: &[String]) -> Result<(), OAuthError> {
    let missing: Vec<String> = declared
        .iter()
        .filter(|d| !granted.iter().any(|g| g == *d))
        .cloned()
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(OAuthError::ScopesNotGranted {
            missing,
            check: ScopeCheck::Token,
        })
    }
}

/// The parameters of a callback: a query string, a fragment, or a URL.
pub(crate) struct CallbackParams(Vec<(String, String)>);

impl Drop for CallbackParams {
    fn drop(&mut self) {
        for (_, v) in &mut self.0 {
            v.zeroize();
        }
    }
}

impl CallbackParams {
    pub(crate) fn parse(input: &str) -> Self {
        let input = input.trim();
        let part = match Url::parse(input) {
            // A whole URL: the fragment (implicit grant) wins over the query.
            Ok(url) if url.fragment().is_some_and(|f| !f.is_empty()) => {
                url.fragment().unwrap_or_default().to_owned()
            }
            Ok(url) if url.query().is_some() => url.query().unwrap_or_default().to_owned(),
            _ => {
                // `/path?query`, `?query`, `#fragment` or a bare query string.
                let s = input.rsplit_once(['?', '#']).map_or(input, |(_, q)| q);
                s.to_owned()
            }
        };
        let pairs = url::form_urlencoded::parse(part.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        Self(pairs)
    }

    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The RFC 6749 §4.1.2.1 error, if the callback carries one.
    pub(crate) fn error(&self) -> Result<(), OAuthError> {
        let Some(error) = self.get("error") else {
            return Ok(());
        };
        let description = self
            .get("error_description")
            .map(|d| d.chars().take(500).collect());
        Err(if error == "access_denied" {
            OAuthError::AccessDenied { description }
        } else if super::error::disabled_client(error, description.as_deref()) {
            OAuthError::ApplicationDisabled { description }
        } else {
            OAuthError::AuthorizationFailed {
                error: error.chars().take(100).collect(),
                description,
            }
        })
    }

    /// The token of an implicit-grant answer (RFC 6749 §4.2.2).
    pub(crate) fn implicit_token(&self, requested: &[String]) -> Result<TokenSet, OAuthError> {
        let Some(access) = self.get("access_token").filter(|t| !t.is_empty()) else {
            return Err(OAuthError::MalformedCallback(
                "expected `access_token` (implicit grant)".into(),
            ));
        };
        if let Some(t) = self.get("token_type")
            && !t.eq_ignore_ascii_case("bearer")
        {
            return Err(OAuthError::InvalidTokenResponse(format!(
                "token_type `{}` is not supported (bearer expected)",
                t.chars().take(40).collect::<String>()
            )));
        }
        let expires_in = match self.get("expires_in") {
            None => None,
            Some(s) => Some(Duration::from_secs(s.parse().map_err(|_| {
                OAuthError::InvalidTokenResponse("`expires_in` is not a number of seconds".into())
            })?)),
        };
        let scopes = match self.get("scope") {
            Some(s) => s
                .split(' ')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            None => requested.to_vec(),
        };
        Ok(TokenSet::new(access, None, expires_in, scopes))
    }
}
