//! End to end, OAuth 2.0 against the emulator's authorization server: the
//! installed application's localhost and out-of-band flows with a scripted
//! browser, then the tokens in use through the generated client: refresh
//! ahead of expiry and after a rejected token with one refresh for 200
//! concurrent calls, a non-idempotent import sent again after a refused
//! token, and a revoked refresh token.

mod common;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use common::{app, client, http};
use imagen::api::types::{ImportDocument, ImportRecord, JobState};
use imagen::oauth::{
    BoxFuture, Browser, CodeReceiver, InstalledFlow, MemoryTokenStore, OAuthConfig, OAuthError,
    RefreshingTokenSource, StoreKey, TokenSet, TokenStore,
};
use imagen::reqwest::Url;
use imagen::{Error, StaticToken};
use imagen_emulator::{Credentials, Emulator};
use tokio::sync::mpsc;

const SCOPES: &[&str] = &["readUsersData", "modifyUsersData"];

/// What the scripted browser saw.
#[derive(Debug, Default, Clone)]
struct Visit {
    consent_status: u16,
    location: Option<String>,
    title: Option<String>,
    callback_status: Option<u16>,
    callback_page: Option<String>,
}

/// A browser without a human: GETs the consent URL (the emulator approves
/// at once) and follows the redirect to the localhost listener; on an
/// out-of-band page it reports the window title instead.
#[derive(Clone)]
struct FakeBrowser {
    login_hint: Option<&'static str>,
    visits: Arc<Mutex<Vec<Visit>>>,
    titles: Option<mpsc::UnboundedSender<String>>,
    /// One permit per visit, added once it is recorded in `visits`.
    recorded: Arc<tokio::sync::Semaphore>,
}

impl Default for FakeBrowser {
    fn default() -> Self {
        FakeBrowser {
            login_hint: None,
            visits: Arc::default(),
            titles: None,
            recorded: Arc::new(tokio::sync::Semaphore::new(0)),
        }
    }
}

impl FakeBrowser {
    async fn visit(self, mut url: Url) {
        if let Some(user) = self.login_hint {
            url.query_pairs_mut().append_pair("login_hint", user);
        }
        let http = http();
        let mut v = Visit::default();
        let resp = http.get(url).send().await.expect("consent page");
        v.consent_status = resp.status().as_u16();
        v.location = resp
            .headers()
            .get("location")
            .and_then(|l| l.to_str().ok())
            .map(str::to_owned);
        let page = resp.text().await.expect("page text");
        v.title = title_of(&page);
        if let (Some(tx), Some(title)) = (&self.titles, &v.title) {
            let _ = tx.send(title.clone());
        }
        if let Some(loc) = &v.location {
            let r = http.get(loc).send().await.expect("callback answered");
            v.callback_status = Some(r.status().as_u16());
            v.callback_page = r.text().await.ok();
        }
        self.visits.lock().unwrap().push(v);
        self.recorded.add_permits(1);
    }

    /// The visits, once `n` are recorded: the flow can return before the
    /// browser has read the callback's answer (or after it sent the title).
    async fn visits(&self, n: u32) -> Vec<Visit> {
        let wait = self.recorded.acquire_many(n);
        tokio::time::timeout(Duration::from_secs(60), wait)
            .await
            .expect("the browser records its visits within a minute")
            .unwrap()
            .forget();
        self.recorded.add_permits(n as usize);
        self.visits.lock().unwrap().clone()
    }
}

impl Browser for FakeBrowser {
    fn open(&self, url: &Url) -> std::io::Result<()> {
        // Called on a blocking thread of the runtime.
        tokio::runtime::Handle::current().spawn(self.clone().visit(url.clone()));
        Ok(())
    }
}

fn title_of(page: &str) -> Option<String> {
    let start = page.find("<title>")? + "<title>".len();
    let end = page[start..].find("</title>")? + start;
    Some(page[start..end].to_owned())
}

/// The "desktop application" that reads the code from the consent
/// window's title, as `urn:ietf:wg:oauth:2.0:oob:auto` intends.
struct TitleReader(tokio::sync::Mutex<mpsc::UnboundedReceiver<String>>);

impl CodeReceiver for TitleReader {
    fn receive<'a>(&'a self, _url: &'a Url) -> BoxFuture<'a, Result<String, OAuthError>> {
        Box::pin(async move { Ok(self.0.lock().await.recv().await.unwrap_or_default()) })
    }
}

/// A loopback listener bound by the test (port 0) and handed to the flow
/// through `InstalledFlow::bind_with`: the redirect URI's port is taken
/// from the start, so no other process can grab it before the flow
/// listens (as a port bound, released and bound again would allow).
struct PreBound {
    port: u16,
    listener: Arc<Mutex<Option<std::net::TcpListener>>>,
    /// File descriptor and inode of the socket, to tell when it is closed.
    #[cfg(target_os = "linux")]
    socket: (i32, u64),
}

impl PreBound {
    fn bind() -> PreBound {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("loopback bind");
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

    fn hand_to(&self, flow: InstalledFlow) -> InstalledFlow {
        let listener = self.listener.clone();
        let port = self.port;
        flow.bind_with(move |addr| {
            assert_eq!(addr, std::net::SocketAddr::from(([127, 0, 0, 1], port)));
            listener.lock().unwrap().take().ok_or_else(|| {
                std::io::Error::new(std::io::ErrorKind::AddrInUse, "handed over already")
            })
        })
    }

    /// The flow took the listener and closed it (on Linux: its descriptor
    /// no longer refers to the same socket, per `/proc/self/fd`).
    fn closed(&self) -> bool {
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

fn config(emu: &Emulator, creds: &Credentials, redirect: &str) -> OAuthConfig {
    let session = common::session(emu, creds);
    OAuthConfig::from_session(&session, imagen::oauth::AppKind::Installed, redirect)
        .build()
        .expect("OAuth configuration")
}

fn sorted(v: &[String]) -> Vec<String> {
    let mut v = v.to_vec();
    v.sort();
    v
}

/// A refreshing source holding `token`, in a memory store.
async fn source_with(
    emu: &Emulator,
    creds: &Credentials,
    user: &str,
    token: TokenSet,
) -> (RefreshingTokenSource, Arc<MemoryTokenStore>, StoreKey) {
    let store = Arc::new(MemoryTokenStore::new());
    let key = StoreKey::new(&creds.api_key, user, SCOPES);
    let source = RefreshingTokenSource::new(
        config(emu, creds, "http://localhost"),
        store.clone(),
        key.clone(),
    );
    source.set_token(token).await.expect("token accepted");
    (source, store, key)
}

/// A token pair from the emulator, with the expiry the client believes.
fn token_pair(
    emu: &Emulator,
    creds: &Credentials,
    user: &str,
    expires_in: Option<Duration>,
) -> (TokenSet, imagen_emulator::TokenResponse) {
    let t = emu.issue_token_for(&creds.api_key, user, SCOPES).unwrap();
    let set = TokenSet::new(
        t.access_token.clone(),
        t.refresh_token.clone().map(Into::into),
        expires_in,
        SCOPES.iter().map(|s| s.to_string()).collect(),
    );
    (set, t)
}

async fn revoke(emu: &Emulator, creds: &Credentials, token: &str) {
    let r = http()
        .post(format!("{}/oauth/revoke", emu.web_url()))
        .basic_auth(&creds.api_key, Some(&creds.secret))
        .form(&[("token", token)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
}

#[tokio::test]
async fn localhost_flow_authorizes_and_the_token_works() {
    let emu = common::start().await;
    let creds = app(&emu, "Desktop — Zoë", &[]);
    let listener = PreBound::bind();
    let redirect = format!("http://localhost:{}/callback", listener.port);
    let cfg = config(&emu, &creds, &redirect);
    let browser = FakeBrowser {
        login_hint: Some("kenji"),
        ..FakeBrowser::default()
    };

    let tokens = listener
        .hand_to(InstalledFlow::new(cfg.clone()))
        .browser(browser.clone())
        .timeout(Duration::from_secs(30))
        .authorize(SCOPES)
        .await
        .expect("authorized");
    assert_eq!(
        sorted(tokens.scopes()),
        ["modifyUsersData", "readUsersData"]
    );
    assert!(tokens.refresh_token().is_some());
    let left = tokens
        .expires_at()
        .expect("expiry")
        .duration_since(SystemTime::now())
        .unwrap();
    assert!(left > Duration::from_secs(3500), "{left:?}");
    assert_eq!(emu.token_requests(), 1, "one code exchange");

    let visits = browser.visits(1).await;
    assert_eq!(visits.len(), 1);
    assert_eq!(visits[0].consent_status, 302);
    let location = visits[0].location.as_deref().unwrap();
    assert!(
        location.starts_with(&format!("{redirect}?code=")),
        "{location}"
    );
    assert_eq!(visits[0].callback_status, Some(200));

    // The tokens act for the user who consented.
    let (source, store, key) = source_with(&emu, &creds, "kenji", tokens.clone()).await;
    let u = client(&emu, &creds).for_user(Arc::new(source));
    let me = u.user().current().send().await.unwrap();
    assert_eq!((me.user_id, me.username.as_str()), (2, "kenji"));
    let hits = u
        .records()
        .search("WHERE Title = '東京タワー'")
        .send()
        .await
        .unwrap();
    assert_eq!(hits.records.len(), 1);
    assert!(hits.records[0].can_edit);
    let stored = store.load(&key).await.unwrap().expect("stored");
    assert_eq!(
        stored.access_token().secret(),
        tokens.access_token().secret()
    );
    assert_eq!(emu.token_requests(), 1, "no refresh needed");

    // The listener answered one callback and is gone.
    assert!(listener.closed(), "the listener is gone after one callback");
}

#[tokio::test]
async fn oob_flows_read_the_code_from_the_page_title() {
    for redirect in [imagen::oauth::OOB, imagen::oauth::OOB_AUTO] {
        let emu = common::start().await;
        let creds = app(&emu, "Kiosk", &[]);
        let (tx, rx) = mpsc::unbounded_channel();
        let browser = FakeBrowser {
            titles: Some(tx),
            ..FakeBrowser::default()
        };
        let tokens = InstalledFlow::new(config(&emu, &creds, redirect))
            .browser(browser.clone())
            .receiver(TitleReader(tokio::sync::Mutex::new(rx)))
            .timeout(Duration::from_secs(30))
            .authorize(SCOPES)
            .await
            .unwrap_or_else(|e| panic!("{redirect}: {e}"));

        let visits = browser.visits(1).await;
        assert_eq!(visits[0].consent_status, 200, "{redirect}");
        assert_eq!(visits[0].location, None);
        let title = visits[0].title.clone().unwrap();
        assert!(title.starts_with("Success code="), "{redirect}: {title}");
        assert_eq!(emu.token_requests(), 1);

        let (source, _, _) = source_with(&emu, &creds, "zoe", tokens).await;
        let me = client(&emu, &creds)
            .for_user(Arc::new(source))
            .user()
            .current()
            .send()
            .await
            .unwrap();
        assert_eq!(me.username, "zoe", "{redirect}");
    }
}

/// The client believes the token expired: 200 concurrent calls share one
/// refresh.
#[tokio::test]
async fn refresh_storm_ahead_of_expiry_makes_one_token_request() {
    let emu = common::start().await;
    let creds = app(&emu, "Storm", &[]);
    let (expired, issued) = token_pair(&emu, &creds, "ana", Some(Duration::ZERO));
    let (source, store, key) = source_with(&emu, &creds, "ana", expired).await;
    let before = emu.token_requests();
    let user = client(&emu, &creds).for_user(Arc::new(source.clone()));

    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..200 {
        let u = user.clone();
        calls.spawn(async move { u.user().current().send().await });
    }
    let mut n = 0;
    while let Some(r) = calls.join_next().await {
        let me = r.unwrap().unwrap();
        assert_eq!(me.username, "ana");
        n += 1;
    }
    assert_eq!(n, 200);
    assert_eq!(emu.token_requests() - before, 1);

    let now = source.token_set().await.unwrap();
    assert_ne!(now.access_token().secret(), issued.access_token);
    assert_eq!(
        now.refresh_token().map(|t| t.secret()),
        issued.refresh_token.as_deref(),
        "not rotated"
    );
    assert!(!now.expires_within(Duration::from_secs(600)));
    let stored = store.load(&key).await.unwrap().unwrap();
    assert_eq!(stored.access_token().secret(), now.access_token().secret());
}

/// The server rejects a token the client believes valid (revoked access
/// token): each of 200 concurrent calls gets a 401, and all of them are
/// served by one refresh.
#[tokio::test]
async fn refresh_storm_after_rejected_tokens_makes_one_token_request() {
    let emu = common::start().await;
    let creds = app(&emu, "Storm 401", &[]);
    let (token, issued) = token_pair(&emu, &creds, "zoe", None);
    let (source, _, _) = source_with(&emu, &creds, "zoe", token).await;
    let user = client(&emu, &creds).for_user(Arc::new(source.clone()));
    assert_eq!(user.user().current().send().await.unwrap().user_id, 1);

    revoke(&emu, &creds, &issued.access_token).await;
    let before = emu.token_requests();
    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..200 {
        let u = user.clone();
        calls.spawn(async move { u.user().current().send().await });
    }
    while let Some(r) = calls.join_next().await {
        assert_eq!(r.unwrap().unwrap().username, "zoe");
    }
    assert_eq!(emu.token_requests() - before, 1);
    let now = source.token_set().await.unwrap();
    assert_ne!(now.access_token().secret(), issued.access_token);
}

/// A token whose lifetime really ends on the server (emulator fault): the
/// 401 leads to one refresh, and the call succeeds.
#[tokio::test]
async fn server_side_expiry_is_refreshed() {
    let emu = Emulator::builder()
        .auto_approve(true)
        .token_lifetime(Duration::from_secs(1))
        .start("127.0.0.1:0")
        .await
        .unwrap();
    let creds = app(&emu, "Short-lived", &[]);
    // The client does not know the expiry.
    let (token, issued) = token_pair(&emu, &creds, "kenji", None);
    assert_eq!(issued.expires_in, 1);
    emu.faults().token_lifetime(Duration::from_secs(3600));
    let (source, _, _) = source_with(&emu, &creds, "kenji", token).await;
    let user = client(&emu, &creds).for_user(Arc::new(source));

    // Wait (polling, bounded) until the server refuses the access token:
    // a client that cannot refresh sees the refusal.
    let probe =
        client(&emu, &creds).for_user(Arc::new(StaticToken::new(issued.access_token.clone())));
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match probe.user().current().send().await {
            Ok(_) => {}
            Err(Error::OAuth(OAuthError::ReauthorizationRequired { .. })) => break,
            Err(e) => panic!("unexpected {e:?}"),
        }
        assert!(Instant::now() < deadline, "the token never expired");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(emu.token_requests(), 0);

    let me = user.user().current().send().await.unwrap();
    assert_eq!(me.username, "kenji");
    assert_eq!(emu.token_requests(), 1);
}

/// An import is not idempotent, but a request refused for its token was
/// not carried out: it is sent again once, after one refresh, and the
/// records are created exactly once.
#[tokio::test]
async fn a_rejected_token_on_an_import_is_refreshed_and_imports_once() {
    let emu = common::start().await;
    let creds = app(&emu, "Import after revoke", &[]);
    let (token, issued) = token_pair(&emu, &creds, "ana", None);
    let (source, _, _) = source_with(&emu, &creds, "ana", token).await;
    let user = client(&emu, &creds).for_user(Arc::new(source.clone()));
    revoke(&emu, &creds, &issued.access_token).await;

    let title = "Après révocation — 再認可";
    let document = ImportDocument {
        records: vec![ImportRecord {
            id: -1,
            fields: [("Title".to_string(), title.to_string())]
                .into_iter()
                .collect(),
            acl: None,
            media_objects: None,
        }],
    };
    let job = user.import().records(&document).send().await.unwrap();
    assert_eq!(job.state, JobState::Completed);
    assert_eq!(emu.token_requests(), 1, "one refresh");
    let hits = user
        .records()
        .search(&format!("WHERE Title = \"{title}\""))
        .send()
        .await
        .unwrap();
    assert_eq!(hits.total_hits, 1, "imported once: {hits:?}");
    assert_eq!(hits.records[0].fields["Title"], title);
    let now = source.token_set().await.unwrap();
    assert_ne!(now.access_token().secret(), issued.access_token);
}

#[tokio::test]
async fn revoked_refresh_token_requires_reauthorization() {
    let emu = common::start().await;
    let creds = app(&emu, "Revoked", &[]);
    let (expired, issued) = token_pair(&emu, &creds, "zoe", Some(Duration::ZERO));
    let (source, store, key) = source_with(&emu, &creds, "zoe", expired).await;
    revoke(&emu, &creds, issued.refresh_token.as_deref().unwrap()).await;
    let user = client(&emu, &creds).for_user(Arc::new(source));

    let e = user.user().current().send().await.unwrap_err();
    match &e {
        Error::OAuth(OAuthError::ReauthorizationRequired { reason }) => {
            assert!(!reason.contains(issued.refresh_token.as_deref().unwrap()));
        }
        other => panic!("expected ReauthorizationRequired, got {other:?}"),
    }
    assert_eq!(emu.token_requests(), 1);
    assert!(
        store.load(&key).await.unwrap().is_none(),
        "the refused token is forgotten"
    );

    // Later calls fail the same way without asking the server again.
    let e = user.records().get(1).send().await.unwrap_err();
    assert!(
        matches!(e, Error::OAuth(OAuthError::ReauthorizationRequired { .. })),
        "{e:?}"
    );
    assert_eq!(emu.token_requests(), 1);
}
