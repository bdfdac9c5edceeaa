//! The default prompt of the out-of-band flows, through the flow's prompt
//! seam: what it tells the user for each redirect URI, and that what the
//! user then pastes (as the page or the title bar shows it) completes the
//! authorization against the emulator.

use std::io::{BufReader, Write};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use imagen_runtime::oauth::{InstalledFlow, OAuthConfig, OOB, OOB_AUTO, StdinPrompt};
use url::Url;

use super::{Emu, EmuApp, FakeBrowser, SCOPES};

/// What the prompt printed.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }
}

fn config(emu: &Emu, redirect: &str) -> OAuthConfig {
    OAuthConfig::installed(&emu.base, &emu.key, &emu.secret, redirect)
        .build()
        .unwrap()
}

/// Runs the flow with the default receiver (no display, so the prompt),
/// the "user" typing `answer(page, title)` once the browser has seen the
/// consent result. Returns what the prompt printed, and the page.
async fn prompted(redirect: &str, answer: fn(&str, &str) -> String) -> (String, String) {
    let emu = Emu::approving(EmuApp::Installed).await;
    let (tx, mut titles) = tokio::sync::mpsc::unbounded_channel();
    let browser = FakeBrowser {
        titles: Some(tx),
        ..FakeBrowser::default()
    };
    let (input, mut typing) = std::io::pipe().unwrap();
    let printed = Captured::default();
    let flow = InstalledFlow::new(config(&emu, redirect))
        .browser(browser.clone())
        .display_with(None)
        .prompt_with(BufReader::new(input), printed.clone())
        .timeout(Duration::from_secs(30));
    let user = async {
        let title = tokio::time::timeout(Duration::from_secs(60), titles.recv())
            .await
            .expect("the browser reaches the consent result within a minute")
            .expect("the browser saw the page's title");
        let page = browser.visits(1).await[0].page.clone().unwrap();
        typing.write_all(answer(&page, &title).as_bytes()).unwrap();
        page
    };
    let (token, page) = tokio::join!(flow.authorize(SCOPES), user);
    let token = token.expect("the pasted code completes the authorization");
    assert_eq!(emu.call_user(token.access_token().secret()).await, 200);
    (printed.text(), page)
}

/// The text between `<pre>` and `</pre>`: the code the oob page shows.
fn shown_code(page: &str) -> String {
    let start = page.find("<pre>").expect("the oob page shows the code") + "<pre>".len();
    let end = page[start..].find("</pre>").unwrap() + start;
    page[start..end].to_owned()
}

#[tokio::test]
async fn oob_prompt_asks_for_the_code_the_page_shows() {
    let (printed, _) = prompted(OOB, |page, _| format!("  {}\n", shown_code(page))).await;
    assert!(
        printed.contains("copy the code the page shows, paste it here and press Enter"),
        "{printed}"
    );
    assert!(
        printed.contains("redirect_uri=urn%3Aietf%3Awg%3Aoauth%3A2.0%3Aoob&"),
        "the consent URL is printed: {printed}"
    );
    assert!(!printed.contains("title bar"), "{printed}");
}

#[tokio::test]
async fn oob_auto_prompt_sends_the_user_to_the_title_bar() {
    // The user copies the title bar as the browser shows it, browser name
    // included.
    let (printed, page) = prompted(OOB_AUTO, |_, title| format!("{title} - Chromium\n")).await;
    assert!(
        printed.contains(
            "the page only asks you to close the window: before you do, copy the code from \
             the browser window's title bar (`Success code=…`)"
        ),
        "{printed}"
    );
    assert!(
        printed.contains("redirect_uri=urn%3Aietf%3Awg%3Aoauth%3A2.0%3Aoob%3Aauto"),
        "{printed}"
    );
    assert!(!printed.contains("the page shows"), "{printed}");
    // What the prompt says of the page is true: it asks to close the
    // window and shows the code only in its title.
    assert!(page.contains("close this window"), "{page}");
    let code_at = page.find("code=").expect("the title carries the code");
    assert!(page[code_at..].starts_with("code="), "{page}");
    assert_eq!(
        page.matches("code=").count(),
        1,
        "only in the title: {page}"
    );
}

#[test]
fn custom_scheme_prompt_asks_for_the_address() {
    let config = OAuthConfig::installed(
        "http://127.0.0.1:9",
        "key",
        "secret",
        "com.example.app:/oauth",
    )
    .build()
    .unwrap();
    let url = Url::parse("http://127.0.0.1:9/oauth/authorize?x=1").unwrap();
    let text = StdinPrompt::for_config(&config).instructions(&url);
    assert!(
        text.contains(
            "copy the address the browser was sent back to (it starts with `com.example.app:`)"
        ),
        "{text}"
    );
    assert!(
        text.contains("http://127.0.0.1:9/oauth/authorize?x=1"),
        "{text}"
    );
}
