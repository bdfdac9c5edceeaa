//! `imagen login` with a scripted browser (the test follows the URL the
//! binary prints, the emulator approves at once), `imagen logout`, and an
//! expired login.

mod common;

use std::io::{BufRead as _, BufReader, Write as _};
use std::process::{Child, Stdio};
use std::time::Duration;

use common::*;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Reads the child's stderr until the authorization URL (at most 40 lines).
fn authorize_url(child: &mut Child) -> (String, Vec<String>) {
    let err = child.stderr.take().unwrap();
    let mut lines = BufReader::new(err).lines();
    let mut seen = Vec::new();
    for _ in 0..40 {
        let Some(Ok(line)) = lines.next() else { break };
        let t = line.trim().to_string();
        seen.push(line);
        if t.starts_with("http") && t.contains("/oauth/authorize") {
            // Keep draining in the background so the child never blocks on a full pipe.
            std::thread::spawn(move || for _ in lines.by_ref() {});
            return (t, seen);
        }
    }
    panic!("no authorization URL on stderr: {seen:?}");
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The browser: opens the consent page (approved at once) and follows the
/// redirect to the CLI's listener.
fn browse(env: &Env, url: &str) {
    env.rt.block_on(async {
        let c = client();
        let r = c.get(url).send().await.unwrap();
        assert_eq!(r.status().as_u16(), 302, "{:?}", r.text().await);
        let location = r.headers()["location"].to_str().unwrap().to_string();
        assert!(location.starts_with("http://localhost:"), "{location}");
        // The listener binds 127.0.0.1 only.
        let to = location.replacen("http://localhost:", "http://127.0.0.1:", 1);
        let page = c.get(&to).send().await.unwrap();
        assert!(page.status().is_success(), "{}", page.status());
    });
}

fn login(env: &Env) {
    let port = free_port().to_string();
    let mut child = env
        .app()
        .args(["login", "--no-browser", "--port", &port, "--timeout", "60"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (url, _) = authorize_url(&mut child);
    assert!(url.contains("scope="), "{url}");
    browse(env, &url);
    let status = child.wait().unwrap();
    assert!(status.success(), "login failed: {status}");
}

#[test]
fn login_logout_and_the_token_files() {
    let env = Env::new();
    login(&env);
    // The tokens are files of mode 0600 in a 0700 directory.
    let tokens = env.dir.path().join("tokens");
    assert_eq!(mode(&tokens), 0o700);
    let files: Vec<_> = std::fs::read_dir(&tokens)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(mode(&files[0]), 0o600);
    assert_eq!(mode(&env.dir.path().join("logins.json")), 0o600);
    // User-context commands use the login (no IMAGEN_ACCESS_TOKEN here).
    let v = json(&run(env.app(), &["user", "current"]));
    assert_eq!(v["Username"], "zoe");
    let v = json(&run(env.app(), &["workflows", "list"]));
    assert!(v.is_array());
    // Logout revokes and deletes.
    let stored = std::fs::read_to_string(&files[0]).unwrap();
    let o = run(env.app(), &["logout"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("revoked"), "{}", stderr(&o));
    assert!(!files[0].exists());
    fails(&run(env.app(), &["user", "current"]), 3, &["imagen login"]);
    // The revoked refresh token no longer works at the server.
    let stored: serde_json::Value = serde_json::from_str(&stored).unwrap();
    let refresh = stored["token"]["refresh_token"]
        .as_str()
        .expect("a refresh token was stored");
    let status = env.rt.block_on(async {
        client()
            .post(format!("{}/oauth/token", env.emu.web_url()))
            .basic_auth(&env.key, Some(&env.secret))
            .form(&[("grant_type", "refresh_token"), ("refresh_token", refresh)])
            .send()
            .await
            .unwrap()
            .status()
    });
    assert_eq!(status.as_u16(), 400, "the refresh token still works");
    // Logging out twice is fine.
    assert!(run(env.app(), &["logout"]).status.success());
}

#[test]
fn login_out_of_band_with_a_pasted_code() {
    let env = Env::new();
    let mut child = env
        .app()
        .args([
            "login",
            "--oob",
            "--no-browser",
            "--scopes",
            "readUsersData",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (url, _) = authorize_url(&mut child);
    let code = env.rt.block_on(async {
        let page = client()
            .get(&url)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let start = page.find("Success code=").expect("the code in the title") + 13;
        page[start..]
            .chars()
            .take_while(|c| !matches!(c, '<' | '"' | ' ' | '&'))
            .collect::<String>()
    });
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "{code}").unwrap();
    drop(stdin);
    assert!(child.wait().unwrap().success());
    let v = json(&run(env.app(), &["user", "current"]));
    assert_eq!(v["Username"], "zoe");
    // The login holds readUsersData only: createJobs is refused by the
    // scope check although the application holds it.
    fails(
        &run(env.app(), &["workflows", "list"]),
        4,
        &["createJobs", "login's token", "imagen login"],
    );
}

#[test]
fn expired_login_is_an_auth_error() {
    // The emulator's token lifetime fault: every token it issues is expired.
    let env = Env::new();
    env.emu.faults().token_lifetime(Duration::ZERO);
    login(&env);
    fails(
        &run(env.app(), &["user", "current"]),
        3,
        &["invalid or has expired", "imagen login"],
    );
}

#[test]
fn login_needs_credentials_and_the_emulator_needs_none() {
    let env = Env::new();
    fails(&run(env.bare(), &["login"]), 3, &["no credentials"]);
    fails(
        &run(env.bare(), &["--emulator", "login"]),
        2,
        &["--emulator logs in by itself"],
    );
}
