//! How the application talks to Imagen's OAuth endpoints.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use url::Url;

use super::{OAuthError, OobTitle};
use crate::secret::ApiSecret;

/// The redirect URI reserved by Imagen for installed applications that
/// receive the code on a local web server (port 80 unless one is given).
pub const LOCALHOST: &str = "http://localhost";
/// Reserved redirect URI: the consent page shows the code for the user to
/// copy and paste into the application.
pub const OOB: &str = "urn:ietf:wg:oauth:2.0:oob";
/// Reserved redirect URI: like [`OOB`], but the page only asks the user to
/// close the window; the application reads the code itself.
pub const OOB_AUTO: &str = "urn:ietf:wg:oauth:2.0:oob:auto";

/// The kind of application, as chosen when it was created in ImagenWeb's
/// developer section. It decides which redirect URIs are allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AppKind {
    /// A web application: the redirect URI must be an `https://` URL.
    Web,
    /// A desktop or command-line application: `http://localhost[:port]`,
    /// [`OOB`], [`OOB_AUTO`], or a custom URI scheme.
    Installed,
}

/// Where the authorization server sends the user back, classified.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Redirect {
    /// A Web application's `https://` endpoint.
    Https(Url),
    /// `http://localhost[:port][/path]`: a one-shot listener on 127.0.0.1.
    Localhost {
        /// The port (80 when the URI has none).
        port: u16,
        /// The path the callback must arrive on (`/` when the URI has none).
        path: String,
    },
    /// [`OOB`]: the user pastes the code.
    Oob,
    /// [`OOB_AUTO`]: the application reads the code itself.
    OobAuto,
    /// A custom scheme (`com.example.app:/callback`): the operating system
    /// hands the callback URL to the application.
    CustomScheme(Url),
}

impl Redirect {
    fn parse(kind: AppKind, raw: &str) -> Result<Self, OAuthError> {
        let bad = |why: String| OAuthError::Config(format!("redirect URI `{raw}`: {why}"));
        if kind == AppKind::Installed && raw == OOB {
            return Ok(Redirect::Oob);
        }
        if kind == AppKind::Installed && raw == OOB_AUTO {
            return Ok(Redirect::OobAuto);
        }
        let url = Url::parse(raw).map_err(|e| bad(format!("not a valid URI ({e})")))?;
        if url.fragment().is_some() {
            return Err(bad(
                "a redirect URI must not contain a fragment (RFC 6749 §3.1.2)".into(),
            ));
        }
        match kind {
            AppKind::Web => {
                if url.scheme() != "https" {
                    return Err(bad(format!(
                        "a Web application's redirect URI must be an https:// URL that the \
                         Imagen server can reach (the code travels in it); `{}` is not https. \
                         For a desktop or command-line program, create an Installed application \
                         and use http://localhost or urn:ietf:wg:oauth:2.0:oob",
                        url.scheme()
                    )));
                }
                if url.host_str().is_none_or(str::is_empty) {
                    return Err(bad("an https redirect URI needs a host".into()));
                }
                Ok(Redirect::Https(url))
            }
            AppKind::Installed => match url.scheme() {
                "http" => {
                    if url.host_str() != Some("localhost") {
                        return Err(bad(
                            "an installed application's http redirect must be http://localhost[:port] \
                             (the only plain-http URI Imagen reserves; the listener binds 127.0.0.1 only)"
                                .into(),
                        ));
                    }
                    if url.query().is_some() {
                        return Err(bad("http://localhost redirect URIs take no query".into()));
                    }
                    Ok(Redirect::Localhost {
                        port: url.port().unwrap_or(80),
                        path: url.path().to_owned(),
                    })
                }
                "https" => Err(bad(
                    "https:// redirect URIs are for Web applications; an installed application \
                     uses http://localhost, urn:ietf:wg:oauth:2.0:oob(:auto) or a custom scheme"
                        .into(),
                )),
                "urn" => Err(bad(format!(
                    "unknown urn; the reserved ones are `{OOB}` and `{OOB_AUTO}`"
                ))),
                _ => Ok(Redirect::CustomScheme(url)),
            },
        }
    }
}

/// How the application authenticates itself to the token endpoint.
///
/// Imagen does not document it; both RFC 6749 §2.3.1 methods are offered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ClientAuth {
    /// `Authorization: Basic base64(key:secret)` (RFC 6749's preferred way).
    #[default]
    Basic,
    /// `client_id` and `client_secret` as form fields of the request body.
    RequestBody,
}

/// Which grant the authorization request asks for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Grant {
    /// `response_type=code`: a code, exchanged for tokens (with a refresh
    /// token). The default.
    #[default]
    AuthorizationCode,
    /// `response_type=token`: the implicit grant of the vendor's
    /// knowledge-base example; the access token comes back directly (in the
    /// URL fragment, or for the out-of-band URIs on the consent page), with
    /// no refresh token.
    Implicit,
}

/// The OAuth 2.0 settings of one application: endpoints, credentials,
/// redirect URI and options. Cheap to clone.
///
/// Built with [`OAuthConfig::web`] or [`OAuthConfig::installed`]; the
/// redirect URI is checked against the application kind when
/// [`OAuthConfigBuilder::build`] runs.
#[derive(Clone)]
pub struct OAuthConfig {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) client_id: String,
    pub(crate) client_secret: Option<ApiSecret>,
    pub(crate) authorize_url: Url,
    pub(crate) token_url: Url,
    pub(crate) revoke_url: Option<Url>,
    pub(crate) redirect_raw: String,
    pub(crate) redirect: Redirect,
    pub(crate) client_auth: ClientAuth,
    pub(crate) grant: Grant,
    pub(crate) pkce: bool,
    pub(crate) oob_title: Option<OobTitle>,
    pub(crate) http: reqwest::Client,
}

impl fmt::Debug for OAuthConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = &self.inner;
        f.debug_struct("OAuthConfig")
            .field("client_id", &i.client_id)
            .field("client_secret", &i.client_secret)
            .field("authorize_url", &i.authorize_url.as_str())
            .field("token_url", &i.token_url.as_str())
            .field("redirect_uri", &i.redirect_raw)
            .field("client_auth", &i.client_auth)
            .field("grant", &i.grant)
            .field("pkce", &i.pkce)
            .finish_non_exhaustive()
    }
}

/// A description's OAuth 2.0 endpoints (its `oauth:` section, generated as
/// `oauth_endpoints::ENDPOINTS`).
#[derive(Debug)]
pub struct OAuthEndpoints {
    /// The host key the endpoints live on.
    pub host: &'static str,
    /// Path of the authorization page.
    pub authorize: &'static str,
    /// Path of the token endpoint.
    pub token: &'static str,
    /// Path of the revocation endpoint, if any.
    pub revoke: Option<&'static str>,
    /// How the application authenticates at the token endpoint.
    pub client_auth: ClientAuth,
    /// Whether the server accepts PKCE.
    pub pkce: bool,
    /// How the consent page's window title carries the result with the
    /// out-of-band redirect URIs, if the description says.
    pub oob_title: Option<OobTitle>,
}

impl OAuthConfig {
    /// A Web application: `redirect_uri` must be `https://`.
    ///
    /// `web_host` is the ImagenWeb base URL (`https://imagen.example.com`),
    /// `api_key` the application's API key (sent as `client_id`), `secret`
    /// its secret.
    pub fn web(
        web_host: &str,
        api_key: impl Into<String>,
        secret: impl Into<ApiSecret>,
        redirect_uri: &str,
    ) -> OAuthConfigBuilder {
        OAuthConfigBuilder::new(
            AppKind::Web,
            web_host,
            api_key.into(),
            secret.into(),
            redirect_uri,
        )
    }

    /// An installed (desktop or command-line) application: `redirect_uri` is
    /// [`LOCALHOST`] (optionally with a port, e.g. `http://localhost:8080`),
    /// [`OOB`], [`OOB_AUTO`], or a custom scheme.
    pub fn installed(
        web_host: &str,
        api_key: impl Into<String>,
        secret: impl Into<ApiSecret>,
        redirect_uri: &str,
    ) -> OAuthConfigBuilder {
        OAuthConfigBuilder::new(
            AppKind::Installed,
            web_host,
            api_key.into(),
            secret.into(),
            redirect_uri,
        )
    }

    /// The configuration of the application a [`Session`](crate::Session)
    /// holds, with the built-in description's OAuth endpoints (ImagenWeb's
    /// `/oauth/…`). Bindings of another description: its generated
    /// `Client::oauth_config`, or [`for_session`](Self::for_session).
    pub fn from_session(
        session: &crate::Session,
        kind: AppKind,
        redirect_uri: &str,
    ) -> OAuthConfigBuilder {
        Self::for_session(
            session,
            &crate::api::oauth_endpoints::ENDPOINTS,
            kind,
            redirect_uri,
        )
    }

    /// The configuration of the application a session holds (its key and
    /// secret), for the OAuth endpoints `endpoints` on the session's host of
    /// that name. A session without that host makes
    /// [`OAuthConfigBuilder::build`] fail with a message saying how to set it.
    pub fn for_session(
        session: &crate::Session,
        endpoints: &OAuthEndpoints,
        kind: AppKind,
        redirect_uri: &str,
    ) -> OAuthConfigBuilder {
        let mut b = OAuthConfigBuilder::new(
            kind,
            "",
            session.api_key().as_str().to_owned(),
            session.api_secret().clone(),
            redirect_uri,
        )
        .endpoints(endpoints);
        match session.host_url(endpoints.host) {
            Ok(url) => b.web_host = url.to_string(),
            Err(e) => b.host_error = Some(e.to_string()),
        }
        b
    }

    /// The application's API key (the OAuth `client_id`).
    pub fn api_key(&self) -> &str {
        &self.inner.client_id
    }

    /// The redirect URI, classified.
    pub fn redirect(&self) -> &Redirect {
        &self.inner.redirect
    }

    /// The redirect URI exactly as configured (and as sent on the wire).
    pub fn redirect_uri(&self) -> &str {
        &self.inner.redirect_raw
    }

    /// The grant the authorization request asks for.
    pub fn grant(&self) -> Grant {
        self.inner.grant
    }

    /// How the consent page's window title carries the result with the
    /// out-of-band redirect URIs (the description's `oauth.oob_title`).
    pub fn oob_title(&self) -> Option<&OobTitle> {
        self.inner.oob_title.as_ref()
    }
}

/// Builder of an [`OAuthConfig`]; see the setters for the defaults.
#[must_use]
pub struct OAuthConfigBuilder {
    kind: AppKind,
    web_host: String,
    api_key: String,
    secret: ApiSecret,
    redirect_uri: String,
    authorize_path: String,
    token_path: String,
    revoke_path: Option<String>,
    client_auth: ClientAuth,
    grant: Grant,
    pkce: bool,
    oob_title: Option<OobTitle>,
    http: Option<reqwest::ClientBuilder>,
    timeout: Duration,
    host_error: Option<String>,
}

impl fmt::Debug for OAuthConfigBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuthConfigBuilder")
            .field("kind", &self.kind)
            .field("web_host", &self.web_host)
            .field("api_key", &self.api_key)
            .field("secret", &self.secret)
            .field("redirect_uri", &self.redirect_uri)
            .finish_non_exhaustive()
    }
}

impl OAuthConfigBuilder {
    fn new(
        kind: AppKind,
        web_host: &str,
        api_key: String,
        secret: ApiSecret,
        redirect: &str,
    ) -> Self {
        Self {
            kind,
            web_host: web_host.to_owned(),
            api_key,
            secret,
            redirect_uri: redirect.to_owned(),
            authorize_path: crate::api::oauth_endpoints::ENDPOINTS.authorize.into(),
            token_path: crate::api::oauth_endpoints::ENDPOINTS.token.into(),
            revoke_path: crate::api::oauth_endpoints::ENDPOINTS
                .revoke
                .map(str::to_owned),
            client_auth: crate::api::oauth_endpoints::ENDPOINTS.client_auth,
            grant: Grant::default(),
            pkce: crate::api::oauth_endpoints::ENDPOINTS.pkce,
            oob_title: crate::api::oauth_endpoints::ENDPOINTS.oob_title,
            http: None,
            timeout: Duration::from_secs(30),
            host_error: None,
        }
    }

    /// Paths, client authentication, PKCE and the out-of-band window
    /// title from a description's OAuth section (the builders start with
    /// the built-in description's).
    pub fn endpoints(mut self, e: &OAuthEndpoints) -> Self {
        self.authorize_path = e.authorize.into();
        self.token_path = e.token.into();
        self.revoke_path = e.revoke.map(str::to_owned);
        self.client_auth = e.client_auth;
        self.pkce = e.pkce;
        self.oob_title = e.oob_title;
        self
    }

    /// Path of the authorization (consent) endpoint on the OAuth host.
    /// Default: the built-in description's (`/oauth/authorize`).
    pub fn authorize_path(mut self, path: &str) -> Self {
        path.clone_into(&mut self.authorize_path);
        self
    }

    /// Path of the token endpoint on the ImagenWeb host. Default
    /// `/oauth/token` (an assumption: Imagen does not document it).
    pub fn token_path(mut self, path: &str) -> Self {
        path.clone_into(&mut self.token_path);
        self
    }

    /// Path of the revocation endpoint (RFC 7009) on the OAuth host, or
    /// `None` when the server has none. Default: the built-in
    /// description's (`/oauth/revoke`, an assumption).
    pub fn revoke_path(mut self, path: Option<&str>) -> Self {
        self.revoke_path = path.map(str::to_owned);
        self
    }

    /// Client authentication at the token endpoint. Default
    /// [`ClientAuth::Basic`].
    pub fn client_auth(mut self, auth: ClientAuth) -> Self {
        self.client_auth = auth;
        self
    }

    /// Authorization code (default) or implicit grant.
    pub fn grant(mut self, grant: Grant) -> Self {
        self.grant = grant;
        self
    }

    /// PKCE (RFC 7636, `S256`) on the authorization-code grant. On by
    /// default; switch it off only for a server that rejects the extra
    /// parameters.
    pub fn pkce(mut self, on: bool) -> Self {
        self.pkce = on;
        self
    }

    /// Builds the HTTP client for the token endpoint from `builder`
    /// (proxies, root certificates, …). Whatever it says, the client follows
    /// **no redirects** — a token request carries the application's secret
    /// and must not be redirected (RFC 6749) — and times out after the
    /// configured timeout.
    pub fn http_client(mut self, builder: reqwest::ClientBuilder) -> Self {
        self.http = Some(builder);
        self
    }

    /// Validates everything and builds the configuration.
    pub fn build(self) -> Result<OAuthConfig, OAuthError> {
        if self.api_key.trim().is_empty() {
            return Err(OAuthError::Config(
                "the API key (client_id) is empty".into(),
            ));
        }
        if let Some(e) = self.host_error {
            return Err(OAuthError::Config(e));
        }
        let redirect = Redirect::parse(self.kind, &self.redirect_uri)?;
        let base = Url::parse(&self.web_host).map_err(|e| {
            OAuthError::Config(format!("OAuth host `{}` is not a URL ({e})", self.web_host))
        })?;
        if !matches!(base.scheme(), "http" | "https") || base.cannot_be_a_base() {
            return Err(OAuthError::Config(format!(
                "OAuth host `{}` must be an http(s) URL",
                self.web_host
            )));
        }
        let endpoint = |path: &str, what: &str| {
            if !path.starts_with('/') {
                return Err(OAuthError::Config(format!(
                    "the {what} path `{path}` must start with `/`"
                )));
            }
            base.join(path)
                .map_err(|e| OAuthError::Config(format!("the {what} path `{path}`: {e}")))
        };
        let authorize_url = endpoint(&self.authorize_path, "authorize")?;
        let token_url = endpoint(&self.token_path, "token")?;
        let revoke_url = match &self.revoke_path {
            Some(p) => Some(endpoint(p, "revoke")?),
            None => None,
        };
        let http = self
            .http
            .unwrap_or_default()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(self.timeout)
            .build()
            .map_err(|e| OAuthError::Config(format!("cannot build the HTTP client: {e}")))?;
        let secret = (!self.secret.secret().is_empty()).then_some(self.secret);
        Ok(OAuthConfig {
            inner: Arc::new(Inner {
                client_id: self.api_key,
                client_secret: secret,
                authorize_url,
                token_url,
                revoke_url,
                redirect_raw: self.redirect_uri,
                redirect,
                client_auth: self.client_auth,
                grant: self.grant,
                pkce: self.pkce,
                oob_title: self.oob_title,
                http,
            }),
        })
    }
}
