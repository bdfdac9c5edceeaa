//! OAuth 2.0 flows over real HTTP on 127.0.0.1; browsers and users are
//! scripted.
//!
//! The authorization server is the project's emulator ([`Emu`]) wherever
//! it can play the part: consent (approve or deny), codes (lifetime,
//! single use, PKCE), the out-of-band pages, the implicit grant, refresh,
//! revocation. The in-test server of `oauth/server.rs` remains for what
//! the emulator cannot show or do: which client authentication arrived
//! (HTTP Basic or form fields) and the exact authorize query it recorded,
//! partial scope grants, a token answer without `scope`, a custom token
//! path, and rotated refresh tokens. Each test file names its remaining
//! in-test-server tests at its top.

mod server;

mod errors;
mod flows;
mod prompt;
mod refresh;
mod store;

use std::sync::{Arc, Mutex};

use imagen_runtime::oauth::BoxFuture;
use imagen_runtime::oauth::{Browser, CodeReceiver, OAuthError};
use url::Url;

pub use server::{KEY, Options, SECRET, Server};

pub const SCOPES: &[&str] = &["readUsersData", "modifyUsersData"];

/// The `state` an authorization request's URL carries, as a callback
/// brings it back.
pub fn state_of(request: &imagen_runtime::oauth::AuthorizationRequest) -> String {
    request
        .url()
        .query_pairs()
        .find(|(k, _)| k == "state")
        .expect("the authorization URL carries a state")
        .1
        .into()
}

/// The emulator as the authorization server, with one application.
pub struct Emu {
    pub emu: imagen_emulator::Emulator,
    pub base: String,
    pub key: String,
    pub secret: String,
}

/// What kind of application [`Emu::start`] registers.
pub enum EmuApp {
    Installed,
    /// Installed, also accepting this custom-scheme redirect URI.
    Custom(&'static str),
    Web(&'static str),
}

impl Emu {
    /// An emulator whose consent page does `consent` at once, with codes
    /// living `code_ttl`, and an application of `kind` holding [`SCOPES`].
    pub async fn start(
        kind: EmuApp,
        consent: imagen_emulator::Consent,
        code_ttl: std::time::Duration,
    ) -> Emu {
        let emu = imagen_emulator::Emulator::builder()
            .consent(consent)
            .code_lifetime(code_ttl)
            .start("127.0.0.1:0")
            .await
            .unwrap();
        let spec = match kind {
            EmuApp::Installed => imagen_emulator::ApplicationSpec::installed("OAuth tests"),
            EmuApp::Custom(redirect) => {
                imagen_emulator::ApplicationSpec::installed("OAuth tests").custom_redirect(redirect)
            }
            EmuApp::Web(redirect) => imagen_emulator::ApplicationSpec::web("OAuth tests", redirect),
        };
        let app = emu.create_application(spec.scopes(SCOPES)).unwrap();
        Emu {
            base: emu.base_url().to_owned(),
            key: app.api_key,
            secret: app.secret,
            emu,
        }
    }

    pub async fn approving(kind: EmuApp) -> Emu {
        Self::start(
            kind,
            imagen_emulator::Consent::Approve,
            std::time::Duration::from_secs(60),
        )
        .await
    }

    pub fn token_requests(&self) -> usize {
        self.emu.token_requests()
    }

    /// Status of `GET /imcc/v1/user` with `token`.
    pub async fn call_user(&self, token: &str) -> u16 {
        reqwest::Client::new()
            .get(format!("{}/imcc/v1/user", self.base))
            .header("X-Imagen-API-Key", &self.key)
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    }
}

/// A loopback listener the test binds itself (port 0) and hands to an
/// [`InstalledFlow`](imagen_runtime::oauth::InstalledFlow) through its
/// `bind_with` seam: the redirect URI names a port that is already
/// listening, so no other process can take it between the choice and the
/// flow's bind (which a port bound, released and bound again allows).
pub struct PreBound {
    port: u16,
    listener: Arc<Mutex<Option<std::net::TcpListener>>>,
    /// The socket's file descriptor and inode, to tell when it is closed.
    #[cfg(target_os = "linux")]
    socket: (i32, u64),
}

impl PreBound {
    pub fn bind() -> PreBound {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        #[cfg(target_os = "linux")]
        let socket = {
            use std::os::fd::AsRawFd;
            let fd = listener.as_raw_fd();
            (fd, socket_inode(fd).expect("the listener's fd is open"))
        };
        PreBound {
            port,
            listener: Arc::new(Mutex::new(Some(listener))),
            #[cfg(target_os = "linux")]
            socket,
        }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// `http://localhost:<port><path>`.
    pub fn redirect(&self, path: &str) -> String {
        format!("http://localhost:{}{path}", self.port)
    }

    /// The listener, the first time.
    pub fn take(&self) -> Option<std::net::TcpListener> {
        self.listener.lock().unwrap().take()
    }

    /// `flow`, binding its listener by taking this one (once; the flow
    /// must ask for 127.0.0.1 and this port).
    pub fn hand_to(
        &self,
        flow: imagen_runtime::oauth::InstalledFlow,
    ) -> imagen_runtime::oauth::InstalledFlow {
        let listener = self.listener.clone();
        let port = self.port;
        flow.bind_with(move |addr| {
            assert_eq!(
                addr,
                std::net::SocketAddr::from(([127, 0, 0, 1], port)),
                "the flow listens on loopback, on the redirect URI's port"
            );
            listener.lock().unwrap().take().ok_or_else(|| {
                std::io::Error::new(std::io::ErrorKind::AddrInUse, "handed over already")
            })
        })
    }

    /// Whether the flow took the listener and has closed it since: its file
    /// descriptor no longer refers to the same socket (checked through
    /// `/proc/self/fd`, which tells a closed socket from a reused number).
    /// Elsewhere than on Linux, only whether it was taken.
    pub fn closed(&self) -> bool {
        if self.listener.lock().unwrap().is_some() {
            return false;
        }
        #[cfg(target_os = "linux")]
        {
            socket_inode(self.socket.0) != Some(self.socket.1)
        }
        #[cfg(not(target_os = "linux"))]
        {
            true
        }
    }
}

#[cfg(target_os = "linux")]
fn socket_inode(fd: i32) -> Option<u64> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(format!("/proc/self/fd/{fd}"))
        .ok()
        .map(|m| m.ino())
}

/// What the fake browser saw.
#[derive(Default, Debug, Clone)]
pub struct Visit {
    pub consent_status: u16,
    pub location: Option<String>,
    pub page: Option<String>,
    pub callback_status: Option<u16>,
    pub callback_content_type: Option<String>,
    pub callback_page: Option<String>,
}

/// A browser without a human: GETs the consent URL (no redirect following),
/// then, when told to, GETs the `Location` (the localhost callback) after
/// first making the given detour requests.
#[derive(Clone, Default)]
pub struct FakeBrowser {
    pub visits: Arc<Mutex<Vec<Visit>>>,
    pub follow: bool,
    /// Paths requested on the callback host before the real callback.
    pub detours: Vec<String>,
    /// Sends the consent page's title (oob) here.
    pub titles: Option<tokio::sync::mpsc::UnboundedSender<String>>,
    /// Results of the detour requests (status codes).
    pub detour_statuses: Arc<Mutex<Vec<u16>>>,
    /// One permit added per visit, once it is recorded in `visits`.
    pub recorded: Permits,
    /// When set, the callback (and the detours) wait for a permit here.
    pub gate: Option<Permits>,
}

/// A counting signal: [`Permits::add`] on one side, [`Permits::take`] on
/// the other (a semaphore starting at zero).
#[derive(Clone)]
pub struct Permits(Arc<tokio::sync::Semaphore>);

impl Default for Permits {
    fn default() -> Self {
        Permits(Arc::new(tokio::sync::Semaphore::new(0)))
    }
}

impl Permits {
    pub fn add(&self, n: usize) {
        self.0.add_permits(n);
    }

    /// Waits for `n` permits and consumes them; panics after a minute
    /// (a signal that never comes is a failure, not a hang).
    pub async fn take(&self, n: u32) {
        let wait = self.0.acquire_many(n);
        tokio::time::timeout(std::time::Duration::from_secs(60), wait)
            .await
            .expect("the signal came within a minute")
            .unwrap()
            .forget();
    }
}

impl FakeBrowser {
    pub fn following() -> Self {
        Self {
            follow: true,
            ..Self::default()
        }
    }

    /// The visits recorded so far, once `n` of them are (the flow can
    /// return before the browser has read the callback's answer).
    pub async fn visits(&self, n: u32) -> Vec<Visit> {
        self.recorded.take(n).await;
        self.recorded.add(n as usize);
        self.visits.lock().unwrap().clone()
    }

    async fn visit(self, url: Url) {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .build()
            .unwrap();
        let mut v = Visit::default();
        let resp = http.get(url).send().await.unwrap();
        v.consent_status = resp.status().as_u16();
        v.location = resp
            .headers()
            .get("location")
            .and_then(|l| l.to_str().ok())
            .map(str::to_owned);
        let page = resp.text().await.unwrap();
        if let Some(tx) = &self.titles
            && let Some(title) = title_of(&page)
        {
            let _ = tx.send(title);
        }
        v.page = Some(page);
        if self.follow
            && let Some(loc) = v.location.clone()
        {
            if let Some(gate) = &self.gate {
                gate.take(1).await;
            }
            let target = Url::parse(&loc).unwrap();
            for path in &self.detours {
                let mut u = target.clone();
                let (p, q) = path.split_once('?').unwrap_or((path, ""));
                u.set_path(p);
                u.set_query((!q.is_empty()).then_some(q));
                let st = http
                    .get(u)
                    .send()
                    .await
                    .map(|r| r.status().as_u16())
                    .unwrap_or(0);
                self.detour_statuses.lock().unwrap().push(st);
            }
            let r = http.get(target).send().await.unwrap();
            v.callback_status = Some(r.status().as_u16());
            v.callback_content_type = r
                .headers()
                .get("content-type")
                .and_then(|c| c.to_str().ok())
                .map(str::to_owned);
            v.callback_page = Some(r.text().await.unwrap());
        }
        self.visits.lock().unwrap().push(v);
        self.recorded.add(1);
    }
}

impl Browser for FakeBrowser {
    fn open(&self, url: &Url) -> std::io::Result<()> {
        let me = self.clone();
        let url = url.clone();
        // Called on a blocking thread inside the runtime.
        tokio::runtime::Handle::current().spawn(me.visit(url));
        Ok(())
    }
}

pub fn title_of(page: &str) -> Option<String> {
    let start = page.find("<title>")? + "<title>".len();
    let end = page[start..].find("</title>")? + start;
    Some(page[start..end].to_owned())
}

/// A "user" who pastes what the channel delivers, optionally transformed.
pub struct ScriptedPaste {
    pub rx: tokio::sync::Mutex<tokio::sync::mpsc::UnboundedReceiver<String>>,
    pub transform: fn(String) -> String,
    pub shown: Arc<Mutex<Option<String>>>,
}

impl CodeReceiver for ScriptedPaste {
    fn receive<'a>(&'a self, url: &'a Url) -> BoxFuture<'a, Result<String, OAuthError>> {
        *self.shown.lock().unwrap() = Some(url.to_string());
        Box::pin(async move {
            let got = self.rx.lock().await.recv().await.unwrap_or_default();
            Ok((self.transform)(got))
        })
    }
}
