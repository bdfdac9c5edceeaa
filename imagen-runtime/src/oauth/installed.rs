//! Installed (desktop and command-line) applications: the browser step,
//! the localhost listener, the out-of-band URIs and custom schemes.

use std::fmt;
use std::io::BufRead;
use std::sync::Arc;
use std::time::Duration;

use url::Url;
use zeroize::Zeroizing;

use super::config::{Grant, Redirect};
use super::listener::{self, BindFn};
use super::{AuthorizationRequest, BoxFuture, OAuthConfig, OAuthError, TokenSet};

/// Shows the consent page to the user.
///
/// The default, [`SystemBrowser`], opens the desktop's browser. Replace it
/// to show the URL another way (a QR code, a GUI dialog), or in tests with
/// a program that follows the page itself.
pub trait Browser: Send + Sync + 'static {
    /// Opens `url`. An error means no browser opened; the flow then prints
    /// the URL for the user to open by hand. Called on a blocking thread,
    /// so it may block (text-mode browsers do, until they exit).
    fn open(&self, url: &Url) -> std::io::Result<()>;
}

/// Opens the system's default browser with the `webbrowser` crate, which
/// honours `$BROWSER`.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemBrowser;

impl Browser for SystemBrowser {
    fn open(&self, url: &Url) -> std::io::Result<()> {
        webbrowser::open(url.as_str())
    }
}

/// Gets the result of the consent page back into the application when no
/// local listener can receive it: the out-of-band URIs and custom schemes.
///
/// What it returns may be a bare code (what the user copied), the page's
/// window title (`Success code=…` — this is how a desktop application that
/// watches the browser window reads the code with
/// `urn:ietf:wg:oauth:2.0:oob:auto`), a query string, or the whole
/// callback URL (custom schemes).
pub trait CodeReceiver: Send + Sync + 'static {
    /// Waits for the code of the authorization at `url` (already shown to
    /// the user).
    fn receive<'a>(&'a self, url: &'a Url) -> BoxFuture<'a, Result<String, OAuthError>>;
}

/// Prints instructions on stderr and reads one line from stdin.
#[derive(Debug, Default, Clone, Copy)]
pub struct StdinPrompt;

impl CodeReceiver for StdinPrompt {
    fn receive<'a>(&'a self, url: &'a Url) -> BoxFuture<'a, Result<String, OAuthError>> {
        let url = url.to_string();
        Box::pin(async move {
            let read = tokio::task::spawn_blocking(move || {
                eprintln!(
                    "Authorize the application in your browser:\n\n  {url}\n\n\
                     then paste the code the page shows and press Enter:"
                );
                let mut line = String::new();
                std::io::stdin().lock().read_line(&mut line)?;
                Ok::<_, std::io::Error>(line)
            });
            match read.await {
                Ok(r) => r.map_err(OAuthError::Prompt),
                Err(e) => Err(OAuthError::Prompt(std::io::Error::other(e.to_string()))),
            }
        })
    }
}

/// Authorizes a user of an installed application, end to end: builds the
/// authorization request, opens the browser, receives the code (listener
/// for `http://localhost[:port]`, the [`CodeReceiver`] for the out-of-band
/// URIs and custom schemes), and exchanges it for tokens.
#[derive(Clone)]
pub struct InstalledFlow {
    config: OAuthConfig,
    browser: Arc<dyn Browser>,
    receiver: Arc<dyn CodeReceiver>,
    timeout: Duration,
    bind: BindFn,
}

impl fmt::Debug for InstalledFlow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InstalledFlow")
            .field("config", &self.config)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl InstalledFlow {
    /// A flow with the system browser, the stdin prompt, and a 5-minute
    /// timeout.
    pub fn new(config: OAuthConfig) -> Self {
        Self {
            config,
            browser: Arc::new(SystemBrowser),
            receiver: Arc::new(StdinPrompt),
            timeout: Duration::from_secs(300),
            bind: listener::default_bind(),
        }
    }

    /// Replaces the browser step.
    #[must_use]
    pub fn browser(mut self, browser: impl Browser) -> Self {
        self.browser = Arc::new(browser);
        self
    }

    /// Replaces how the code is received for the out-of-band URIs and
    /// custom schemes.
    #[must_use]
    pub fn receiver(mut self, receiver: impl CodeReceiver) -> Self {
        self.receiver = Arc::new(receiver);
        self
    }

    /// How long to wait for the user. Default 5 minutes.
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Test seam: replaces how the localhost listener socket is bound.
    #[doc(hidden)]
    #[must_use]
    pub fn bind_with(
        mut self,
        bind: impl Fn(std::net::SocketAddr) -> std::io::Result<std::net::TcpListener>
        + Send
        + Sync
        + 'static,
    ) -> Self {
        self.bind = Arc::new(bind);
        self
    }

    /// Runs the whole authorization for `scopes` (the declared scope set's
    /// wire names) and returns the tokens. The user sees the consent page
    /// in a browser; nothing is stored (hand the result to a
    /// [`TokenStore`](super::TokenStore) or a
    /// [`RefreshingTokenSource`](super::RefreshingTokenSource)).
    pub async fn authorize(&self, scopes: &[&str]) -> Result<TokenSet, OAuthError> {
        let config = &self.config;
        match config.redirect() {
            Redirect::Localhost { port, path } => {
                // Listen before the browser is sent anywhere.
                let socket = listener::bind(*port, config.redirect_uri(), &self.bind)?;
                let request = config.authorization_request(scopes);
                self.open_browser(&request);
                let callback =
                    listener::wait(socket, path, request.state().secret(), self.timeout).await?;
                config.complete(request, &callback.0).await
            }
            Redirect::Oob | Redirect::OobAuto | Redirect::CustomScheme(_) => {
                let request = config.authorization_request(scopes);
                self.open_browser(&request);
                let received =
                    tokio::time::timeout(self.timeout, self.receiver.receive(request.url()))
                        .await
                        .map_err(|_| OAuthError::Timeout(self.timeout))??;
                self.complete_received(request, &Zeroizing::new(received))
                    .await
            }
            Redirect::Https(_) => Err(OAuthError::Config(
                "a Web application receives the callback in its own https handler: \
                 use OAuthConfig::authorization_request and OAuthConfig::complete"
                    .into(),
            )),
        }
    }

    fn open_browser(&self, request: &AuthorizationRequest) {
        let browser = self.browser.clone();
        let url = request.url().clone();
        // Detached: a text-mode browser blocks until it exits, and the
        // listener must answer it meanwhile.
        drop(tokio::task::spawn_blocking(move || {
            if let Err(e) = browser.open(&url) {
                tracing::debug!(error = %e, "oauth: no browser opened");
                eprintln!("Open this URL in a browser to authorize the application:\n\n  {url}\n");
            }
        }));
    }

    async fn complete_received(
        &self,
        request: AuthorizationRequest,
        received: &str,
    ) -> Result<TokenSet, OAuthError> {
        let text = received.trim();
        // The consent page's window title: `Success code=…` / `Denied error=…`.
        let text = text
            .strip_prefix("Success ")
            .or_else(|| text.strip_prefix("Denied "))
            .unwrap_or(text);
        if looks_like_params(text) {
            return self.config.complete(request, text).await;
        }
        if matches!(self.config.redirect(), Redirect::CustomScheme(_)) {
            return Err(OAuthError::MalformedCallback(
                "a custom-scheme callback must be the whole callback URL".into(),
            ));
        }
        match self.config.grant() {
            Grant::AuthorizationCode => self.config.exchange_code(request, text).await,
            Grant::Implicit if !text.is_empty() => {
                // A bare access token; without an answer listing scopes,
                // RFC 6749 says the requested ones were granted.
                Ok(TokenSet::new(text, None, None, request.scopes().to_vec()))
            }
            Grant::Implicit => Err(OAuthError::MalformedCallback("nothing was pasted".into())),
        }
    }
}

fn looks_like_params(s: &str) -> bool {
    ["code=", "error=", "access_token=", "state="]
        .iter()
        .any(|k| {
            s.match_indices(k)
                .any(|(i, _)| i == 0 || matches!(s.as_bytes()[i - 1], b'?' | b'&' | b'#'))
        })
}
