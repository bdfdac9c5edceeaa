//! The installed application's flows in a real Chromium, against the
//! emulator's consent page (Approve / Deny clicked through WebDriver).
//!
//! - `http://localhost:<port>`: headless Chromium follows the emulator's
//!   redirect to the runtime's one-shot listener; the flow gets its tokens,
//!   or `AccessDenied`; the page Chromium lands on says which.
//! - `urn:ietf:wg:oauth:2.0:oob:auto`: a real (not headless) Chromium window
//!   on an X display of the test's own (Xvfb); the runtime (feature
//!   `x11-title`, on for `cargo test --workspace` through the root crate's
//!   dev-dependency) reads the code from the window's title, as a desktop
//!   application does, and exchanges it. Deny, a title without a code and
//!   no result at all end in their errors. Windows the test makes itself
//!   (x11rb) show what the reader must not take: a result left from an
//!   earlier attempt, another attempt's result, an unrelated title.
//!
//! In every case the runtime opens "the browser" through its opener hook
//! ([`Opener`]), which hands the URL to the test; the test drives Chromium
//! there. Failed steps leave a screenshot in `target/browser-screenshots/`.
//! Without chromium, chromedriver or Xvfb the tests are skipped with a
//! printed reason, and fail under `CI=true`. One Chromium at a time
//! ([`ONE_BROWSER`]): the machines are small.

#[path = "support/browser.rs"]
mod browser;
mod common;
#[path = "support/xvfb.rs"]
mod xvfb;

use std::time::Duration;

use browser::Browser;
use imagen::oauth::{AppKind, InstalledFlow, OAuthConfig, OAuthError, OOB_AUTO, TokenSet, Url};
use imagen_emulator::{Consent, Emulator};
use tokio::sync::mpsc;
use xvfb::Xvfb;

const SCOPES: &[&str] = &["readUsersData", "modifyUsersData"];

static ONE_BROWSER: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The runtime's browser hook: hands the authorization URL to the test.
struct Opener(mpsc::UnboundedSender<Url>);

impl imagen::oauth::Browser for Opener {
    fn open(&self, url: &Url) -> std::io::Result<()> {
        self.0
            .send(url.clone())
            .map_err(|_| std::io::Error::other("the test stopped listening"))
    }
}

/// An emulator whose consent page does `consent`, with an installed
/// application holding [`SCOPES`], and the OAuth configuration for
/// `redirect`.
async fn emulator(consent: Consent, redirect: &str) -> (Emulator, OAuthConfig) {
    let emu = Emulator::builder()
        .consent(consent)
        .start("127.0.0.1:0")
        .await
        .expect("the emulator starts");
    let app = common::app(&emu, "Browser tests", SCOPES);
    let session = common::session(&emu, &app);
    let config = OAuthConfig::from_session(&session, AppKind::Installed, redirect)
        .build()
        .expect("OAuth configuration");
    (emu, config)
}

/// Runs `flow` in a task; returns it and the URL it opened.
async fn start_flow(
    flow: InstalledFlow,
) -> (tokio::task::JoinHandle<Result<TokenSet, OAuthError>>, Url) {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let flow = flow.browser(Opener(tx));
    let run = tokio::spawn(async move { flow.authorize(SCOPES).await });
    let url = tokio::time::timeout(Duration::from_secs(60), rx.recv())
        .await
        .expect("the flow opens the browser within a minute")
        .expect("the flow opens the browser");
    (run, url)
}

/// The flow's outcome; a flow still running after a minute fails the test
/// (screenshot included).
async fn outcome(
    chromium: &Browser,
    run: tokio::task::JoinHandle<Result<TokenSet, OAuthError>>,
) -> Result<TokenSet, OAuthError> {
    match tokio::time::timeout(Duration::from_secs(60), run).await {
        Ok(joined) => joined.expect("the flow task does not panic"),
        Err(_) => chromium.fail("the flow did not end within a minute").await,
    }
}

/// Status of `GET /imcc/v1/user` with the user's access token.
async fn call_user(emu: &Emulator, config: &OAuthConfig, token: &TokenSet) -> u16 {
    common::http()
        .get(format!("{}/imcc/v1/user", emu.mcc_url()))
        .header("X-Imagen-API-Key", config.api_key())
        .bearer_auth(token.access_token().secret())
        .send()
        .await
        .expect("the emulator answers")
        .status()
        .as_u16()
}

// ---------------------------------------------------------------------------
// http://localhost:<port>, headless

/// A loopback port taken now and handed to the flow's listener (its bind
/// seam), so that nothing else can take it in between.
fn pre_bound(flow: InstalledFlow, listener: std::net::TcpListener) -> InstalledFlow {
    let listener = std::sync::Mutex::new(Some(listener));
    flow.bind_with(move |_| {
        listener.lock().unwrap().take().ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::AddrInUse, "handed over already")
        })
    })
}

/// The localhost flow with a click on `button`: what the flow returned,
/// and the title and text of the page Chromium landed on.
async fn localhost(
    test: &str,
    button: &str,
) -> Option<(
    Emulator,
    OAuthConfig,
    Result<TokenSet, OAuthError>,
    String,
    String,
)> {
    let _one = ONE_BROWSER.lock().await;
    let chromium = Browser::start(test).await?;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let port = listener.local_addr().unwrap().port();
    let redirect = format!("http://localhost:{port}");
    let (emu, config) = emulator(Consent::Prompt, &redirect).await;
    let flow =
        pre_bound(InstalledFlow::new(config.clone()), listener).timeout(Duration::from_secs(60));
    let (run, url) = start_flow(flow).await;
    chromium.goto(url.as_str()).await;
    chromium.click(button).await;
    let result = outcome(&chromium, run).await;
    let landed = chromium.current_url().await;
    chromium
        .check(
            landed.as_str().starts_with(&format!("{redirect}/?")),
            format_args!("Chromium followed the redirect to the listener, not to {landed}"),
        )
        .await;
    let title = chromium.title().await;
    let text = chromium.text("body").await;
    chromium.close().await;
    Some((emu, config, result, title, text))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn localhost_allow_in_chromium_gets_tokens() {
    let Some((emu, config, result, title, text)) = localhost(
        "localhost_allow_in_chromium_gets_tokens",
        "button[value=approve]",
    )
    .await
    else {
        return;
    };
    let tokens = result.expect("Allow gives tokens");
    assert_eq!(call_user(&emu, &config, &tokens).await, 200);
    assert_eq!(title, "Authorization received");
    assert!(
        text.contains("You can close this window and return to the application."),
        "{text}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn localhost_deny_in_chromium_is_access_denied() {
    let Some((emu, _, result, title, text)) = localhost(
        "localhost_deny_in_chromium_is_access_denied",
        "button[value=deny]",
    )
    .await
    else {
        return;
    };
    let err = result.expect_err("Deny gives no tokens");
    assert!(matches!(err, OAuthError::AccessDenied { .. }), "{err:?}");
    assert_eq!(emu.token_requests(), 0, "nothing is exchanged");
    assert_eq!(title, "Authorization not granted");
    assert!(
        text.contains("The application did not get access."),
        "{text}"
    );
}

// ---------------------------------------------------------------------------
// urn:ietf:wg:oauth:2.0:oob:auto, a Chromium window on Xvfb

/// Xvfb, a Chromium window on it, an emulator that shows its consent page,
/// and the oob:auto flow reading that display's window titles.
struct OobAuto {
    chromium: Browser,
    emu: Emulator,
    config: OAuthConfig,
    run: tokio::task::JoinHandle<Result<TokenSet, OAuthError>>,
    url: Url,
    // Stopped last (field order): Chromium's window is on it.
    _x: Xvfb,
}

async fn oob_auto(test: &str, timeout: Duration) -> Option<OobAuto> {
    let x = Xvfb::start(test)?;
    let chromium = Browser::start_on_display(test, x.display()).await?;
    let (emu, config) = emulator(Consent::Prompt, OOB_AUTO).await;
    let flow = InstalledFlow::new(config.clone())
        .display_with(Some(x.display()))
        .timeout(timeout);
    let (run, url) = start_flow(flow).await;
    Some(OobAuto {
        chromium,
        emu,
        config,
        run,
        url,
        _x: x,
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oob_auto_allow_reads_the_code_from_the_chromium_window_title() {
    let _one = ONE_BROWSER.lock().await;
    let test = "oob_auto_allow_reads_the_code_from_the_chromium_window_title";
    let Some(t) = oob_auto(test, Duration::from_secs(60)).await else {
        return;
    };
    t.chromium.goto(t.url.as_str()).await;
    t.chromium.click("button[value=approve]").await;
    let tokens = match outcome(&t.chromium, t.run).await {
        Ok(tokens) => tokens,
        Err(e) => t.chromium.fail(&format!("the flow failed: {e}")).await,
    };
    t.chromium
        .check(
            call_user(&t.emu, &t.config, &tokens).await == 200,
            "the token read from the title works",
        )
        .await;
    // The page itself only asks to close the window: the code is in the
    // title alone.
    let text = t.chromium.text("body").await;
    t.chromium
        .check(
            text.contains("Please close this window") && !text.contains("code"),
            format_args!("the oob:auto page asks to close the window: {text:?}"),
        )
        .await;
    t.chromium.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oob_auto_deny_in_chromium_is_access_denied() {
    let _one = ONE_BROWSER.lock().await;
    let test = "oob_auto_deny_in_chromium_is_access_denied";
    let Some(t) = oob_auto(test, Duration::from_secs(60)).await else {
        return;
    };
    t.chromium.goto(t.url.as_str()).await;
    t.chromium.click("button[value=deny]").await;
    match outcome(&t.chromium, t.run).await {
        Err(OAuthError::AccessDenied { .. }) => {}
        other => {
            t.chromium
                .fail(&format!("expected AccessDenied, got {other:?}"))
                .await
        }
    }
    assert_eq!(t.emu.token_requests(), 0, "nothing is exchanged");
    t.chromium.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oob_auto_title_without_a_code_is_a_clear_error() {
    let _one = ONE_BROWSER.lock().await;
    let test = "oob_auto_title_without_a_code_is_a_clear_error";
    let Some(t) = oob_auto(test, Duration::from_secs(60)).await else {
        return;
    };
    // A page of this attempt's shape (its state) but without the code.
    let state = t
        .url
        .query_pairs()
        .find(|(k, _)| k == "state")
        .expect("the URL carries a state")
        .1
        .into_owned();
    let page = format!("<title>Success state={state}</title><p>no code here</p>");
    t.chromium.goto(&format!("data:text/html,{page}")).await;
    match outcome(&t.chromium, t.run).await {
        Err(OAuthError::MalformedCallback(m)) => {
            assert!(
                m.contains("the browser window's title starts with `Success` but carries neither `code=` nor `error=`"),
                "{m}"
            );
        }
        other => {
            t.chromium
                .fail(&format!("expected MalformedCallback, got {other:?}"))
                .await
        }
    }
    assert_eq!(t.emu.token_requests(), 0);
    t.chromium.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oob_auto_without_a_result_times_out_clearly() {
    let _one = ONE_BROWSER.lock().await;
    let test = "oob_auto_without_a_result_times_out_clearly";
    let Some(t) = oob_auto(test, Duration::from_secs(3)).await else {
        return;
    };
    // The consent page is shown; nobody clicks.
    t.chromium.goto(t.url.as_str()).await;
    let display = t._x.display().to_owned();
    match outcome(&t.chromium, t.run).await {
        Err(OAuthError::WindowTitle(m)) => {
            let expected = format!(
                "no browser window on X display {display} showed the consent page's result \
                 within 3 s (a title starting with `Success code=` or `Denied error=`)"
            );
            assert!(m.contains(&expected), "{m}");
        }
        other => {
            t.chromium
                .fail(&format!("expected WindowTitle, got {other:?}"))
                .await
        }
    }
    t.chromium.close().await;
}

// ---------------------------------------------------------------------------
// urn:ietf:wg:oauth:2.0:oob:auto, windows of the test's own on Xvfb

mod windows {
    use x11rb::connection::Connection as _;
    use x11rb::protocol::xproto::{
        AtomEnum, ConnectionExt as _, CreateWindowAux, PropMode, WindowClass,
    };
    use x11rb::rust_connection::RustConnection;
    use x11rb::wrapper::ConnectionExt as _;

    /// How a window carries its title.
    pub enum Name {
        /// `_NET_WM_NAME`, UTF-8 (what browsers set).
        NetWm,
        /// `WM_NAME` only, Latin-1 `STRING` (older toolkits).
        WmOnly,
    }

    /// A top-level window on `display` titled `title`; it exists as long as
    /// the returned connection.
    pub fn show(display: &str, title: &str, name: Name) -> RustConnection {
        let (conn, screen) = x11rb::connect(Some(display)).expect("connect to Xvfb");
        let root = conn.setup().roots[screen].root;
        let w = conn.generate_id().unwrap();
        conn.create_window(
            x11rb::COPY_DEPTH_FROM_PARENT,
            w,
            root,
            0,
            0,
            200,
            50,
            0,
            WindowClass::INPUT_OUTPUT,
            x11rb::COPY_FROM_PARENT,
            &CreateWindowAux::new(),
        )
        .unwrap();
        match name {
            Name::NetWm => {
                let atom = |n: &[u8]| conn.intern_atom(false, n).unwrap().reply().unwrap().atom;
                let (net_wm_name, utf8) = (atom(b"_NET_WM_NAME"), atom(b"UTF8_STRING"));
                conn.change_property8(PropMode::REPLACE, w, net_wm_name, utf8, title.as_bytes())
                    .unwrap();
            }
            Name::WmOnly => {
                let latin1: Vec<u8> = title
                    .chars()
                    .map(|c| u8::try_from(u32::from(c)).expect("a Latin-1 title"))
                    .collect();
                conn.change_property8(
                    PropMode::REPLACE,
                    w,
                    AtomEnum::WM_NAME,
                    AtomEnum::STRING,
                    &latin1,
                )
                .unwrap();
            }
        }
        conn.map_window(w).unwrap();
        conn.sync().expect("the window is there");
        conn
    }
}

/// The consent result's title for `url`, as the emulator (approving at
/// once) renders it: `Success code=…`.
async fn approved_title(url: &Url) -> String {
    let page = common::http()
        .get(url.as_str())
        .send()
        .await
        .expect("the consent page")
        .text()
        .await
        .unwrap();
    let start = page.find("<title>").expect("a title") + "<title>".len();
    let end = page[start..].find("</title>").unwrap() + start;
    page[start..end].to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oob_auto_takes_only_this_attempts_result_from_the_windows() {
    let test = "oob_auto_takes_only_this_attempts_result_from_the_windows";
    let Some(x) = Xvfb::start(test) else {
        return;
    };
    let d = x.display();
    let (emu, config) = emulator(Consent::Approve, OOB_AUTO).await;
    // Left over from an earlier attempt: on screen before the flow starts.
    let _stale = windows::show(d, "Success code=stale0 - Chromium", windows::Name::NetWm);
    let flow = InstalledFlow::new(config.clone())
        .display_with(Some(d))
        .timeout(Duration::from_secs(60));
    let (run, url) = start_flow(flow).await;
    // Another attempt's result (its state differs) and an unrelated page
    // (shown before or after the reader looks: either way not taken).
    let _other = windows::show(
        d,
        "Success state=another-attempt&code=other1 - Chromium",
        windows::Name::NetWm,
    );
    let _unrelated = windows::show(d, "Success stories - Chromium", windows::Name::NetWm);
    // This attempt's result, in the old Latin-1 `WM_NAME` only.
    let title = approved_title(&url).await;
    assert!(
        title.starts_with("Success code="),
        "the emulator's oob:auto title has the `Success code=` shape (not printed: it holds the code)"
    );
    let _result = windows::show(d, &format!("{title} - Chromium"), windows::Name::WmOnly);
    let tokens = tokio::time::timeout(Duration::from_secs(60), run)
        .await
        .expect("the flow ends within a minute")
        .unwrap()
        .expect("the flow exchanges this attempt's code");
    assert_eq!(call_user(&emu, &config, &tokens).await, 200);
    assert_eq!(
        emu.token_requests(),
        1,
        "one exchange: no other code was tried"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oob_auto_without_an_x_server_falls_back_to_the_prompt() {
    // A display nobody serves: the flow says so and asks the user, with
    // the title-bar wording.
    let (_emu, config) = emulator(Consent::Approve, OOB_AUTO).await;
    let (input, mut typing) = std::io::pipe().unwrap();
    let printed = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let flow = InstalledFlow::new(config)
        .display_with(Some(":4242"))
        .prompt_with(std::io::BufReader::new(input), Sink(printed.clone()))
        .timeout(Duration::from_secs(60));
    let (run, url) = start_flow(flow).await;
    let title = approved_title(&url).await;
    use std::io::Write as _;
    typing.write_all(format!("{title}\n").as_bytes()).unwrap();
    let tokens = run
        .await
        .unwrap()
        .expect("the pasted title completes the flow");
    assert!(!tokens.scopes().is_empty());
    let printed = String::from_utf8(printed.lock().unwrap().clone()).unwrap();
    assert!(
        printed.contains("copy the code from the browser window's title bar"),
        "{printed}"
    );
}

/// A writer into shared memory (what the prompt printed).
struct Sink(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
