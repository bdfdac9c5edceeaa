//! A headless Chromium for browser tests, driven over WebDriver.
//!
//! The OAuth flows end in a real browser: a consent page, a form post, a
//! redirect, cookies. Only a real browser checks what a hand-written HTTP
//! client would take on trust (that the cookie is `HttpOnly`, that the
//! redirect is followed, that the page says what it should), so these tests
//! drive Debian's `chromium` through `chromedriver` with `fantoccini`.
//!
//! [`Browser::start`] runs `chromedriver` on a free loopback port (in a
//! process group of its own, killed with Chromium on drop) and opens a
//! headless session with a fresh profile. [`Browser::start_on_display`]
//! opens a real (not headless) Chromium window on an X display instead, for
//! tests that look at the window itself (its title, as an `oob:auto`
//! application does): see `support/xvfb.rs` for a display of the test's
//! own. Every step that fails (a page
//! that does not load, an element that does not appear, an assertion made
//! with [`Browser::check`] or [`Browser::fail`]) saves a PNG screenshot to
//! `target/browser-screenshots/<test>.png` and names it in the panic.
//!
//! The binaries come from `CHROMIUM` / `CHROMEDRIVER`, else
//! `/usr/bin/chromium` / `/usr/bin/chromedriver`. When one is missing, the
//! test is skipped with a printed reason, except under `CI=true`, where it
//! fails: CI installs them (`apt-get install -y chromium chromium-driver`).
//!
//! Use it from a test crate with
//! `#[path = "support/browser.rs"] mod browser;`.

#![allow(dead_code)] // Each test crate uses its own part of the harness.

use std::io::{BufRead as _, BufReader, Read as _};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::wd::Capabilities;
use fantoccini::{Client, ClientBuilder, Locator};

pub use fantoccini::cookies::Cookie;

/// How long [`Browser::wait_for`] waits for an element before failing. It
/// guards against a hanging test; nothing is measured against it.
const WAIT: Duration = Duration::from_secs(30);

/// Chromium's arguments. As root it needs `--no-sandbox`; without the
/// background-networking switches it keeps trying to reach Google's
/// services, which floods a closed network and slows every page.
const CHROMIUM_ARGS: &[&str] = &[
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1024,768",
];

/// A headless Chromium session. Dropping it kills `chromedriver` and the
/// browser; [`close`](Self::close) ends the session politely first.
pub struct Browser {
    client: Option<Client>,
    test: String,
    driver: Child,
    driver_log: PathBuf,
    // Removed on drop, after the processes using it are gone (field order).
    profile: tempfile::TempDir,
}

/// Whether the tests run in CI, where a missing browser is a failure.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

fn binary(env: &str, default: &str) -> PathBuf {
    std::env::var_os(env).map_or_else(|| PathBuf::from(default), PathBuf::from)
}

/// `target/browser-screenshots/`.
pub fn screenshot_dir() -> PathBuf {
    // CARGO_TARGET_TMPDIR is `<target>/tmp`.
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent().unwrap_or(tmp).join("browser-screenshots")
}

/// Reads chromedriver's standard output on a thread of its own (to its
/// end, so that chromedriver never blocks on a full pipe) and hands over the
/// port it says it listens on: `--port=0` lets it pick a free one itself,
/// so no port is chosen here and then lost to another process.
fn port_announced_by(stdout: std::process::ChildStdout) -> std::sync::mpsc::Receiver<u16> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if let Some(rest) = line.split("started successfully on port ").nth(1)
                && let Ok(port) = rest.trim_end_matches('.').trim().parse::<u16>()
            {
                let _ = tx.send(port);
            }
        }
    });
    rx
}

impl Browser {
    /// Starts `chromedriver` and a headless Chromium session for the test
    /// `test` (the name of its screenshot). `None`: a binary is missing and
    /// the test should return (the reason is printed); under `CI=true` that
    /// panics instead. A browser that is there but does not start panics.
    pub async fn start(test: &str) -> Option<Browser> {
        Self::launch(test, None).await
    }

    /// Like [`start`](Self::start), but Chromium is not headless: its
    /// window opens on the X display `display` (`:N`), as on a desktop.
    pub async fn start_on_display(test: &str, display: &str) -> Option<Browser> {
        Self::launch(test, Some(display)).await
    }

    async fn launch(test: &str, display: Option<&str>) -> Option<Browser> {
        let chromium = binary("CHROMIUM", "/usr/bin/chromium");
        let chromedriver = binary("CHROMEDRIVER", "/usr/bin/chromedriver");
        for (env, path) in [("CHROMIUM", &chromium), ("CHROMEDRIVER", &chromedriver)] {
            if !path.is_file() {
                let reason = format!(
                    "{} not found (set {env}, or install Debian's chromium and chromium-driver)",
                    path.display()
                );
                assert!(
                    !in_ci(),
                    "{test}: {reason}; CI=true, so browser tests fail instead of skipping"
                );
                eprintln!("skipping {test}: {reason}");
                return None;
            }
        }
        let profile = tempfile::Builder::new()
            .prefix("imagen-chromium-")
            .tempdir()
            .expect("a temporary Chromium profile directory");
        let driver_log = profile.path().join("chromedriver.log");
        let mut driver = Command::new(&chromedriver);
        // Chromium inherits chromedriver's environment: the display, or
        // none at all for a headless one.
        match display {
            Some(d) => driver.env("DISPLAY", d),
            None => driver.env_remove("DISPLAY"),
        };
        let mut driver = driver
            .arg("--port=0")
            .arg(format!("--log-path={}", driver_log.display()))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            // Its own process group: drop kills chromedriver and every
            // Chromium process it started, whatever state the test left.
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| panic!("{test}: cannot run {}: {e}", chromedriver.display()));
        let announced = driver.stdout.take().map(port_announced_by);
        let mut browser = Browser {
            client: None,
            test: test.to_owned(),
            driver,
            driver_log,
            profile,
        };
        let Some(port) = announced.and_then(|rx| rx.recv_timeout(WAIT).ok()) else {
            panic!(
                "{test}: chromedriver did not say which port it listens on within {WAIT:?}\n{}",
                browser.driver_log_tail()
            );
        };
        browser.wait_for_driver(port);

        let mut args: Vec<String> = CHROMIUM_ARGS.iter().map(|a| (*a).to_owned()).collect();
        args.push(match display {
            Some(_) => "--ozone-platform=x11".to_owned(),
            None => "--headless".to_owned(),
        });
        args.push(format!(
            "--user-data-dir={}",
            browser.profile.path().join("profile").display()
        ));
        let mut caps = Capabilities::new();
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({ "binary": chromium, "args": args }),
        );
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .unwrap_or_else(|e| {
                panic!(
                    "{test}: chromedriver did not open a Chromium session: {e}\n{}",
                    browser.driver_log_tail()
                )
            });
        browser.client = Some(client);
        Some(browser)
    }

    /// Waits until chromedriver accepts connections (bounded: it exits or
    /// listens within a few seconds; a hundred tries of 50 ms).
    fn wait_for_driver(&mut self, port: u16) {
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        for _ in 0..100 {
            if let Ok(Some(status)) = self.driver.try_wait() {
                panic!(
                    "{}: chromedriver exited ({status})\n{}",
                    self.test,
                    self.driver_log_tail()
                );
            }
            if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!(
            "{}: chromedriver does not listen on {addr}\n{}",
            self.test,
            self.driver_log_tail()
        );
    }

    fn driver_log_tail(&self) -> String {
        let mut log = String::new();
        if let Ok(mut f) = std::fs::File::open(&self.driver_log) {
            let _ = f.read_to_string(&mut log);
        }
        let start = log.len().saturating_sub(4000);
        let start = (start..log.len())
            .find(|&i| log.is_char_boundary(i))
            .unwrap_or(log.len());
        format!("chromedriver log (tail):\n{}", &log[start..])
    }

    /// The WebDriver client, for what the helpers below do not cover.
    pub fn client(&self) -> &Client {
        self.client.as_ref().expect("the session is open")
    }

    /// Saves a screenshot of the page to
    /// `target/browser-screenshots/<test>.png` and returns its path, or
    /// says why there is none.
    pub async fn screenshot_on_failure(&self) -> String {
        let dir = screenshot_dir();
        let path = dir.join(format!("{}.png", self.test));
        let png = match self.client().screenshot().await {
            Ok(png) => png,
            Err(e) => return format!("(no screenshot: {e})"),
        };
        match std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&path, png)) {
            Ok(()) => path.display().to_string(),
            Err(e) => format!("(screenshot not saved to {}: {e})", path.display()),
        }
    }

    /// Fails the test: screenshot, then a panic naming the step, the page
    /// and the screenshot.
    pub async fn fail(&self, message: &str) -> ! {
        let shot = self.screenshot_on_failure().await;
        let url = match self.client().current_url().await {
            Ok(u) => without_values(&u),
            Err(e) => format!("(unknown: {e})"),
        };
        panic!(
            "{}: {message}\n  page: {url}\n  screenshot: {shot}",
            self.test
        );
    }

    /// Fails the test with `message` (screenshot included) unless `ok`.
    pub async fn check(&self, ok: bool, message: impl std::fmt::Display) {
        if !ok {
            self.fail(&message.to_string()).await;
        }
    }

    async fn step<T>(&self, what: &str, r: Result<T, fantoccini::error::CmdError>) -> T {
        match r {
            Ok(v) => v,
            Err(e) => self.fail(&format!("{what}: {e}")).await,
        }
    }

    /// Navigates to `url` and waits for the page to load.
    pub async fn goto(&self, url: &str) {
        let r = self.client().goto(url).await;
        self.step(&format!("open {url}"), r).await;
    }

    /// Clicks the element matching the CSS selector `css` (a navigation it
    /// starts is waited for).
    pub async fn click(&self, css: &str) {
        let el = self.wait_for(css).await;
        let r = el.click().await;
        self.step(&format!("click `{css}`"), r).await;
    }

    /// The visible text of the element matching `css`.
    pub async fn text(&self, css: &str) -> String {
        let el = self.wait_for(css).await;
        let r = el.text().await;
        self.step(&format!("text of `{css}`"), r).await
    }

    /// Waits for an element matching `css` to be on the page.
    pub async fn wait_for(&self, css: &str) -> fantoccini::elements::Element {
        let r = self
            .client()
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await;
        self.step(&format!("find `{css}`"), r).await
    }

    /// Waits until the element matching `css` shows text containing
    /// `needle`, and returns that text. For a click whose navigation the
    /// driver does not wait for (a form post answered by a redirect to the
    /// same URL): the old page's element may still be there, or go stale.
    pub async fn wait_for_text(&self, css: &str, needle: &str) -> String {
        let mut last = String::from("(no such element)");
        // Bounded: WAIT in steps of 50 ms.
        for _ in 0..WAIT.as_millis() / 50 {
            if let Ok(el) = self.client().find(Locator::Css(css)).await
                && let Ok(text) = el.text().await
            {
                if text.contains(needle) {
                    return text;
                }
                last = text;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        self.fail(&format!(
            "`{css}` does not show {needle:?}; its text is {last:?}"
        ))
        .await
    }

    /// The page's title.
    pub async fn title(&self) -> String {
        let r = self.client().title().await;
        self.step("read the title", r).await
    }

    /// The URL the browser is on.
    pub async fn current_url(&self) -> url::Url {
        let r = self.client().current_url().await;
        self.step("read the current URL", r).await
    }

    /// The cookies the browser holds for the current page, `HttpOnly` ones
    /// included (WebDriver sees them; page scripts do not).
    pub async fn cookies(&self) -> Vec<Cookie<'static>> {
        let r = self.client().get_all_cookies().await;
        self.step("read the cookies", r).await
    }

    /// Ends the WebDriver session (Chromium exits); drop then stops
    /// chromedriver.
    pub async fn close(mut self) {
        if let Some(c) = self.client.take() {
            let _ = c.close().await;
        }
    }
}

/// `url` with its query values and fragment left out: on an OAuth callback
/// they are codes, tokens and `state`, which a failure message must not
/// print.
pub fn without_values(url: &url::Url) -> String {
    let mut out = format!("{}://{}", url.scheme(), url.host_str().unwrap_or(""));
    if let Some(p) = url.port() {
        out.push_str(&format!(":{p}"));
    }
    out.push_str(url.path());
    let names: Vec<String> = url.query_pairs().map(|(k, _)| format!("{k}=…")).collect();
    if !names.is_empty() {
        out.push('?');
        out.push_str(&names.join("&"));
    }
    if url.fragment().is_some() {
        out.push_str("#…");
    }
    out
}

impl Drop for Browser {
    fn drop(&mut self) {
        // The whole process group: chromedriver and the Chromium it started.
        if let Ok(pid) = i32::try_from(self.driver.id()) {
            // SAFETY: killpg only sends a signal; the group is the one this
            // harness created for its own chromedriver.
            unsafe {
                libc::killpg(pid, libc::SIGKILL);
            }
        }
        let _ = self.driver.wait();
    }
}
