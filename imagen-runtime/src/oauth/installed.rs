//! Installed (desktop and command-line) applications: the browser step,
//! the localhost listener, the out-of-band URIs and custom schemes.

use std::fmt;
use std::io::{BufRead, Read, Write};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use url::Url;
use zeroize::Zeroizing;

use super::config::{Grant, Redirect};
use super::listener::{self, BindFn};
use super::{AuthorizationRequest, BoxFuture, OAuthConfig, OAuthError, OobTitle, TokenSet};

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
/// window title (`Success code=…`, with the words of the description's
/// `oauth.oob_title`), a query string, or the whole callback URL (custom
/// schemes). Without one, [`InstalledFlow`] reads the browser window's title
/// for `urn:ietf:wg:oauth:2.0:oob:auto` (feature `x11-title`, on X11) and
/// otherwise asks with a [`StdinPrompt`].
pub trait CodeReceiver: Send + Sync + 'static {
    /// Waits for the code of the authorization at `url` (already shown to
    /// the user).
    fn receive<'a>(&'a self, url: &'a Url) -> BoxFuture<'a, Result<String, OAuthError>>;
}

/// Prints instructions for the redirect URI on stderr and reads one line
/// (at most 64 KiB) from stdin: the code the page shows (`oob`), the code
/// in the browser window's title bar (`oob:auto`, whose page only asks to
/// close the window), or the address the browser was sent to (a custom
/// scheme).
#[derive(Clone)]
pub struct StdinPrompt {
    kind: PromptKind,
    io: Option<PromptIo>,
}

#[derive(Clone, Debug)]
enum PromptKind {
    Oob,
    OobAuto(Option<OobTitle>),
    CustomScheme(String),
}

/// Test seam: where a prompt writes and reads instead of stderr and stdin.
type PromptIo = Arc<Mutex<(Box<dyn BufRead + Send>, Box<dyn Write + Send>)>>;

/// The longest line a prompt reads.
const MAX_PASTE: u64 = 64 * 1024;

impl fmt::Debug for StdinPrompt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StdinPrompt")
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

impl StdinPrompt {
    /// The prompt for `config`'s redirect URI (the words of its window
    /// title, for `oob:auto`).
    pub fn for_config(config: &OAuthConfig) -> Self {
        let kind = match config.redirect() {
            Redirect::OobAuto => PromptKind::OobAuto(config.oob_title().copied()),
            Redirect::CustomScheme(url) => PromptKind::CustomScheme(url.scheme().to_owned()),
            _ => PromptKind::Oob,
        };
        Self { kind, io: None }
    }

    /// What the prompt prints before it reads, for the consent page `url`.
    pub fn instructions(&self, url: &Url) -> String {
        let then = match &self.kind {
            PromptKind::Oob => {
                "then copy the code the page shows, paste it here and press Enter:".to_owned()
            }
            PromptKind::OobAuto(title) => {
                let shape = match title {
                    Some(t) => format!(" (`{} code=…`)", t.success),
                    None => String::new(),
                };
                format!(
                    "When you have allowed access, the page only asks you to close the window: \
                     before you do, copy the code from the browser window's title bar{shape}, \
                     paste it here (the code, or the whole title) and press Enter:"
                )
            }
            PromptKind::CustomScheme(scheme) => format!(
                "then copy the address the browser was sent back to (it starts with \
                 `{scheme}:`), paste it here and press Enter:"
            ),
        };
        format!("Authorize the application in your browser:\n\n  {url}\n\n{then}")
    }
}

impl CodeReceiver for StdinPrompt {
    fn receive<'a>(&'a self, url: &'a Url) -> BoxFuture<'a, Result<String, OAuthError>> {
        let text = self.instructions(url);
        let io = self.io.clone();
        Box::pin(async move {
            let read = tokio::task::spawn_blocking(move || {
                let mut line = String::new();
                match io {
                    Some(io) => {
                        let mut io = io.lock().unwrap_or_else(|e| e.into_inner());
                        let (input, output) = &mut *io;
                        writeln!(output, "{text}")?;
                        output.flush()?;
                        input.take(MAX_PASTE).read_line(&mut line)?;
                    }
                    None => {
                        eprintln!("{text}");
                        std::io::stdin()
                            .lock()
                            .take(MAX_PASTE)
                            .read_line(&mut line)?;
                    }
                }
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
/// authorization request, opens the browser, receives the code, and
/// exchanges it for tokens.
///
/// How the code comes back depends on the redirect URI:
/// - `http://localhost[:port]`: a one-shot listener on 127.0.0.1;
/// - `urn:ietf:wg:oauth:2.0:oob:auto`: with the feature `x11-title` and
///   `$DISPLAY` set (and no `$WAYLAND_DISPLAY`: native Wayland windows are
///   out of an X client's sight), read from the browser window's title (the
///   page only asks the user to close the window); otherwise a
///   [`StdinPrompt`] that asks the user to copy it from the title bar;
/// - `urn:ietf:wg:oauth:2.0:oob`: a [`StdinPrompt`] for the code the page
///   shows;
/// - a custom scheme: a [`StdinPrompt`] for the address the browser was
///   sent to.
///
/// [`receiver`](Self::receiver) replaces all but the listener.
#[derive(Clone)]
pub struct InstalledFlow {
    config: OAuthConfig,
    browser: Arc<dyn Browser>,
    /// `None`: the window title or the prompt, as the redirect URI wants.
    receiver: Option<Arc<dyn CodeReceiver>>,
    timeout: Duration,
    bind: BindFn,
    /// The X display whose window titles `oob:auto` reads (`$DISPLAY`).
    display: Option<String>,
    prompt_io: Option<PromptIo>,
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
    /// A flow with the system browser, the code received as the redirect
    /// URI wants (see above), and a 5-minute timeout.
    pub fn new(config: OAuthConfig) -> Self {
        Self {
            config,
            browser: Arc::new(SystemBrowser),
            receiver: None,
            timeout: Duration::from_secs(300),
            bind: listener::default_bind(),
            display: x_display(),
            prompt_io: None,
        }
    }

    /// Replaces the browser step.
    #[must_use]
    pub fn browser(mut self, browser: impl Browser) -> Self {
        self.browser = Arc::new(browser);
        self
    }

    /// Replaces how the code is received for the out-of-band URIs and
    /// custom schemes (window title or prompt).
    #[must_use]
    pub fn receiver(mut self, receiver: impl CodeReceiver) -> Self {
        self.receiver = Some(Arc::new(receiver));
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

    /// Test seam: the X display whose window titles `oob:auto` reads, in
    /// place of `$DISPLAY` (`None`: none, so the prompt asks).
    #[doc(hidden)]
    #[must_use]
    pub fn display_with(mut self, display: Option<&str>) -> Self {
        self.display = display.map(str::to_owned);
        self
    }

    /// Test seam: the default prompt writes to `output` and reads from
    /// `input` instead of stderr and stdin.
    #[doc(hidden)]
    #[must_use]
    pub fn prompt_with(
        mut self,
        input: impl BufRead + Send + 'static,
        output: impl Write + Send + 'static,
    ) -> Self {
        self.prompt_io = Some(Arc::new(Mutex::new((Box::new(input), Box::new(output)))));
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
                let received = self.receive(&request).await?;
                self.complete_received(request, &received).await
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

    /// The code (or what carries it) for the out-of-band URIs and custom
    /// schemes: the receiver given, else the window title (`oob:auto`, when
    /// it can be read), else the prompt.
    async fn receive(
        &self,
        request: &AuthorizationRequest,
    ) -> Result<Zeroizing<String>, OAuthError> {
        let receiver: Arc<dyn CodeReceiver> = match &self.receiver {
            Some(r) => r.clone(),
            None => {
                if let Some(code) = self.read_window_title(request).await? {
                    return Ok(code);
                }
                let mut prompt = StdinPrompt::for_config(&self.config);
                prompt.io = self.prompt_io.clone();
                Arc::new(prompt)
            }
        };
        tokio::time::timeout(self.timeout, receiver.receive(request.url()))
            .await
            .map_err(|_| OAuthError::Timeout(self.timeout))?
            .map(Zeroizing::new)
    }

    /// With `oob:auto`, the feature `x11-title`, a display and the
    /// description's title words: the callback's parameters from the
    /// browser window's title. `None` when the title cannot be read here
    /// (then the prompt asks).
    #[cfg(feature = "x11-title")]
    async fn read_window_title(
        &self,
        request: &AuthorizationRequest,
    ) -> Result<Option<Zeroizing<String>>, OAuthError> {
        let (Redirect::OobAuto, Some(display), Some(title)) = (
            self.config.redirect(),
            &self.display,
            self.config.oob_title(),
        ) else {
            return Ok(None);
        };
        let read = super::x11_title::read(display, *title, request.state().secret(), self.timeout);
        // The reader ends itself at the timeout; this bounds a connection
        // to the display that hangs (a remote `DISPLAY`) too.
        let bound = self.timeout.saturating_add(Duration::from_secs(5));
        let Ok(read) = tokio::time::timeout(bound, read).await else {
            return Err(OAuthError::Timeout(self.timeout));
        };
        match read {
            Ok(params) => Ok(Some(params)),
            Err(super::x11_title::ReadError::Failed(e)) => Err(e),
            Err(super::x11_title::ReadError::Unavailable(why)) => {
                tracing::debug!(%why, "oauth: the browser window's title cannot be read");
                eprintln!("The code cannot be read from the browser window's title ({why}).");
                Ok(None)
            }
        }
    }

    #[cfg(not(feature = "x11-title"))]
    async fn read_window_title(
        &self,
        _request: &AuthorizationRequest,
    ) -> Result<Option<Zeroizing<String>>, OAuthError> {
        Ok(None)
    }

    async fn complete_received(
        &self,
        request: AuthorizationRequest,
        received: &str,
    ) -> Result<TokenSet, OAuthError> {
        let text = received.trim();
        // The consent page's window title (`Success code=…`, maybe with the
        // browser's name after it): its parameters.
        let text = match self.config.oob_title().and_then(|t| t.split(text)) {
            Some((_, params)) => params,
            None => text,
        };
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

/// The X display whose window titles `oob:auto` reads: `$DISPLAY`, unless
/// the session is a Wayland one (`$WAYLAND_DISPLAY`), where browsers open
/// native Wayland windows whose titles X11 clients cannot see (waiting for
/// them would only end in a timeout; the prompt asks instead).
fn x_display() -> Option<String> {
    let set = |name| std::env::var(name).ok().filter(|v| !v.is_empty());
    match set("WAYLAND_DISPLAY") {
        Some(_) => None,
        None => set("DISPLAY"),
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
