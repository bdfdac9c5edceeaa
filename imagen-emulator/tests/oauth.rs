//! The OAuth 2.0 server: code flow with PKCE, refresh, revocation, expiry,
//! out-of-band pages, implicit grant, consent page, errors.

mod common;
use std::time::Duration;

use base64::Engine;
use common::*;
use imagen_emulator::{AppKind, ApplicationSpec, Consent, Credentials, Emulator};
use reqwest::Method;
use sha2::{Digest, Sha256};

fn query_of(location: &str) -> Vec<(String, String)> {
    let u = url::Url::parse(location).unwrap();
    u.query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn get<'a>(pairs: &'a [(String, String)], k: &str) -> Option<&'a str> {
    pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str())
}

fn authorize_url(emu: &Emulator, key: &str, redirect: &str, extra: &str) -> String {
    format!(
        "{}/oauth/authorize?client_id={key}&redirect_uri={}&response_type=code&scope={}&state=s%C3%A9cret{extra}",
        emu.web_url(),
        enc(redirect),
        enc("readUsersData modifyUsersData")
    )
}

async fn location(url: &str) -> String {
    let resp = client().get(url).send().await.unwrap();
    assert_eq!(resp.status(), 302, "{}", resp.text().await.unwrap());
    resp.headers()["location"].to_str().unwrap().to_string()
}

async fn token_post(
    emu: &Emulator,
    form: &[(&str, &str)],
    basic: Option<(&str, &str)>,
) -> reqwest::Response {
    let mut b = client()
        .post(format!("{}/oauth/token", emu.web_url()))
        .form(form);
    if let Some((k, s)) = basic {
        b = b.basic_auth(k, Some(s));
    }
    b.send().await.unwrap()
}

/// Authorizes `key` for `redirect` (auto-approved) and returns the code the
/// redirect carries.
async fn approved_code(emu: &Emulator, key: &str, redirect: &str) -> String {
    let loc = location(&authorize_url(emu, key, redirect, "")).await;
    get(&query_of(&loc), "code").unwrap().to_string()
}

/// Exchanges `code` at the token endpoint with HTTP Basic client
/// authentication; `extra` adds form fields such as `code_verifier`.
async fn exchange_code(
    emu: &Emulator,
    app: &Credentials,
    code: &str,
    redirect: &str,
    extra: &[(&str, &str)],
) -> reqwest::Response {
    let mut form = vec![
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", redirect),
    ];
    form.extend_from_slice(extra);
    token_post(emu, &form, Some((&app.api_key, &app.secret))).await
}

#[tokio::test]
async fn code_flow_with_pkce_refresh_and_revocation() {
    let emu = start().await;
    let app = installed_app(&emu, &[]);
    let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    let challenge = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(Sha256::digest(verifier.as_bytes()));
    let redirect = "http://127.0.0.1:49152/callback";
    let loc = location(&authorize_url(
        &emu,
        &app.api_key,
        redirect,
        &format!("&code_challenge={challenge}&code_challenge_method=S256"),
    ))
    .await;
    assert!(loc.starts_with(redirect), "{loc}");
    let q = query_of(&loc);
    assert_eq!(get(&q, "state"), Some("sécret"));
    let code = get(&q, "code").unwrap().to_string();

    // Wrong verifier → invalid_grant (and the code stays usable).
    let resp = exchange_code(&emu, &app, &code, redirect, &[("code_verifier", "wrong")]).await;
    assert_eq!(resp.status(), 400);
    assert_eq!(json(resp).await["error"], "invalid_grant");

    let resp = exchange_code(&emu, &app, &code, redirect, &[("code_verifier", verifier)]).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["cache-control"], "no-store");
    let t = json(resp).await;
    assert_eq!(t["token_type"], "Bearer");
    assert_eq!(t["expires_in"], 3600);
    assert_eq!(t["scope"], "modifyUsersData readUsersData");
    let access = t["access_token"].as_str().unwrap().to_string();
    let refresh = t["refresh_token"].as_str().unwrap().to_string();

    // The token works and belongs to zoe.
    let resp = user_send(&emu, Method::GET, &app.api_key, &access, "/imcc/v1/user").await;
    assert_eq!(xml_ok(resp).await.text_at("Result/User/Username"), "zoe");

    // Refresh with form client authentication.
    let before = emu.token_requests();
    let resp = token_post(
        &emu,
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", &refresh),
            ("client_id", &app.api_key),
            ("client_secret", &app.secret),
        ],
        None,
    )
    .await;
    assert_eq!(resp.status(), 200);
    assert_eq!(emu.token_requests(), before + 1);
    let t2 = json(resp).await;
    let access2 = t2["access_token"].as_str().unwrap().to_string();
    assert_ne!(access2, access);
    assert_eq!(t2["refresh_token"], refresh.as_str());
    let resp = user_send(&emu, Method::GET, &app.api_key, &access2, "/imcc/v1/user").await;
    assert_eq!(resp.status(), 200);

    // Revoke the refresh token: refresh fails, its access tokens stop working.
    let resp = client()
        .post(format!("{}/oauth/revoke", emu.web_url()))
        .form(&[("token", refresh.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let resp = token_post(
        &emu,
        &[("grant_type", "refresh_token"), ("refresh_token", &refresh)],
        Some((&app.api_key, &app.secret)),
    )
    .await;
    assert_eq!(resp.status(), 400);
    let e = json(resp).await;
    assert_eq!(e["error"], "invalid_grant");
    assert!(e["error_description"].as_str().unwrap().contains("revoked"));
    let resp = user_send(&emu, Method::GET, &app.api_key, &access2, "/imcc/v1/user").await;
    assert_error(resp, 401, imagen_emulator::MSG_TOKEN).await;

    // Single use: a replayed code is refused.
    let resp = exchange_code(&emu, &app, &code, redirect, &[("code_verifier", verifier)]).await;
    assert_eq!(resp.status(), 400);
    assert_eq!(json(resp).await["error"], "invalid_grant");
}

#[tokio::test]
async fn replayed_code_revokes_its_tokens() {
    let emu = start().await;
    let app = installed_app(&emu, &[]);
    let redirect = "http://localhost/cb";
    let code = approved_code(&emu, &app.api_key, redirect).await;
    let t = json(exchange_code(&emu, &app, &code, redirect, &[]).await).await;
    let access = t["access_token"].as_str().unwrap();
    let resp = user_send(&emu, Method::GET, &app.api_key, access, "/imcc/v1/user").await;
    assert_eq!(resp.status(), 200);
    let resp = exchange_code(&emu, &app, &code, redirect, &[]).await;
    assert_eq!(json(resp).await["error"], "invalid_grant");
    let resp = user_send(&emu, Method::GET, &app.api_key, access, "/imcc/v1/user").await;
    assert_error(resp, 401, imagen_emulator::MSG_TOKEN).await;
    assert_eq!(emu.token_requests(), 2);
}

#[tokio::test]
async fn client_authentication_errors() {
    let emu = start().await;
    let app = installed_app(&emu, &[]);
    let resp = token_post(
        &emu,
        &[("grant_type", "refresh_token"), ("refresh_token", "x")],
        Some((&app.api_key, "wrong")),
    )
    .await;
    assert_eq!(resp.status(), 401);
    assert!(resp.headers().contains_key("www-authenticate"));
    assert_eq!(json(resp).await["error"], "invalid_client");
    let resp = token_post(
        &emu,
        &[("grant_type", "refresh_token"), ("refresh_token", "x")],
        None,
    )
    .await;
    assert_eq!(json(resp).await["error"], "invalid_client");
    let resp = token_post(
        &emu,
        &[("grant_type", "password")],
        Some((&app.api_key, &app.secret)),
    )
    .await;
    assert_eq!(json(resp).await["error"], "unsupported_grant_type");
}

#[tokio::test]
async fn expired_code_and_redirect_mismatch() {
    let emu = Emulator::builder()
        .auto_approve(true)
        .code_lifetime(Duration::from_secs(1))
        .start("127.0.0.1:0")
        .await
        .unwrap();
    let app = installed_app(&emu, &[]);
    let redirect = "http://localhost:8080/cb";
    let code1 = approved_code(&emu, &app.api_key, redirect).await;
    let code2 = approved_code(&emu, &app.api_key, redirect).await;
    let resp = exchange_code(&emu, &app, &code1, "http://localhost:9999/other", &[]).await;
    let e = json(resp).await;
    assert_eq!(e["error"], "invalid_grant");
    assert!(
        e["error_description"]
            .as_str()
            .unwrap()
            .contains("redirect_uri")
    );
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let resp = exchange_code(&emu, &app, &code2, redirect, &[]).await;
    assert_eq!(resp.status(), 400);
    let e = json(resp).await;
    assert_eq!(e["error"], "invalid_grant");
    assert!(e["error_description"].as_str().unwrap().contains("expired"));
}

#[tokio::test]
async fn oob_pages() {
    let emu = start().await;
    let app = installed_app(&emu, &[]);
    for (uri, asks_to_close) in [
        ("urn:ietf:wg:oauth:2.0:oob", false),
        ("urn:ietf:wg:oauth:2.0:oob:auto", true),
    ] {
        let resp = client()
            .get(authorize_url(&emu, &app.api_key, uri, ""))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 200);
        assert_eq!(resp.headers()["content-type"], "text/html; charset=utf-8");
        let page = resp.text().await.unwrap();
        let title = page
            .split("<title>")
            .nth(1)
            .unwrap()
            .split("</title>")
            .next()
            .unwrap();
        let code = title.strip_prefix("Success code=").expect(title);
        assert_eq!(page.contains("close this window"), asks_to_close);
        assert_eq!(page.contains(&format!("value=\"{code}\"")), !asks_to_close);
        // The code is exchangeable with redirect_uri = the oob URN.
        let resp = exchange_code(&emu, &app, code, uri, &[]).await;
        assert_eq!(resp.status(), 200);
    }
}

#[tokio::test]
async fn implicit_grant_fragment() {
    let emu = start().await;
    let app = installed_app(&emu, &[]);
    let url = format!(
        "{}/oauth/authorize?client_id={}&redirect_uri={}&response_type=token&scope=readUsersData&state=xyz",
        emu.web_url(),
        app.api_key,
        enc("http://localhost/cb")
    );
    let loc = location(&url).await;
    let (base, frag) = loc.split_once('#').unwrap();
    assert_eq!(base, "http://localhost/cb");
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(frag.as_bytes())
        .into_owned()
        .collect();
    assert_eq!(get(&pairs, "token_type"), Some("Bearer"));
    assert_eq!(get(&pairs, "expires_in"), Some("3600"));
    assert_eq!(get(&pairs, "state"), Some("xyz"));
    assert_eq!(get(&pairs, "scope"), Some("readUsersData"));
    let access = get(&pairs, "access_token").unwrap();
    let resp = user_send(&emu, Method::GET, &app.api_key, access, "/imcc/v1/user").await;
    assert_eq!(resp.status(), 200);
    // readUsersData only: modifying is refused.
    let resp = user_send(
        &emu,
        Method::DELETE,
        &app.api_key,
        access,
        "/imcc/v1/media/101/0",
    )
    .await;
    assert_error(
        resp,
        403,
        "The application lacks the scope 'modifyUsersData'",
    )
    .await;
}

#[tokio::test]
async fn invalid_scope_denied_and_bad_redirects() {
    let emu = start().await;
    let app = installed_app(&emu, &[]);
    let url = format!(
        "{}/oauth/authorize?client_id={}&redirect_uri={}&response_type=code&scope=readUsersData%20createJobs&state=q",
        emu.web_url(),
        app.api_key,
        enc("http://localhost:1234/")
    );
    let q = query_of(&location(&url).await);
    assert_eq!(get(&q, "error"), Some("invalid_scope"));
    assert_eq!(get(&q, "state"), Some("q"));

    emu.faults().consent(Consent::Deny);
    let q = query_of(
        &location(&authorize_url(
            &emu,
            &app.api_key,
            "http://localhost:1234/",
            "",
        ))
        .await,
    );
    assert_eq!(get(&q, "error"), Some("access_denied"));
    emu.faults().consent(Consent::Approve);

    // Custom scheme of the application: accepted.
    let loc = location(&authorize_url(
        &emu,
        &app.api_key,
        "com.example.app:/cb",
        "",
    ))
    .await;
    assert!(loc.starts_with("com.example.app:/cb?code="), "{loc}");
    // Not allowed for an installed app: a page, no redirect.
    for bad in [
        "https://evil.example/cb",
        "http://example.com/cb",
        "other.scheme:/cb",
    ] {
        let resp = client()
            .get(authorize_url(&emu, &app.api_key, bad, ""))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 400, "{bad}");
        assert!(resp.headers().get("location").is_none());
    }
    // Unknown client.
    let resp = client()
        .get(authorize_url(&emu, "nokey", "http://localhost/", ""))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);

    // Web application: only its registered https URI.
    let web = emu
        .create_application(ApplicationSpec {
            name: "Web".into(),
            kind: AppKind::Web {
                redirect_uri: "https://app.example/cb".into(),
            },
            scopes: vec![],
        })
        .unwrap();
    let loc = location(&authorize_url(
        &emu,
        &web.api_key,
        "https://app.example/cb",
        "",
    ))
    .await;
    assert!(loc.starts_with("https://app.example/cb?code="));
    let resp = client()
        .get(authorize_url(&emu, &web.api_key, "http://localhost/cb", ""))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    assert!(
        emu.create_application(ApplicationSpec {
            name: "x".into(),
            kind: AppKind::Web {
                redirect_uri: "http://a/".into()
            },
            scopes: vec![]
        })
        .is_err()
    );
}

#[tokio::test]
async fn consent_page_lists_scopes_and_its_form_works() {
    let emu = Emulator::builder().start("127.0.0.1:0").await.unwrap();
    let app = installed_app(&emu, &[]);
    let url = authorize_url(
        &emu,
        &app.api_key,
        "http://localhost:5000/cb",
        "&login_hint=kenji",
    );
    let resp = client().get(&url).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "text/html; charset=utf-8");
    let page = resp.text().await.unwrap();
    assert!(
        page.contains("<strong>readUsersData</strong>: View records"),
        "{page}"
    );
    assert!(page.contains("<strong>modifyUsersData</strong>: View and modify"));
    assert!(page.contains("Test app — Zoë"));
    // The users by their (Unicode) full names, the hinted one selected.
    assert!(page.contains("<option value=\"kenji\" selected>山田 健二 (kenji)</option>"));
    assert!(
        page.contains("<option value=\"zoe\">Zoë Ødegård (zoe)</option>"),
        "{page}"
    );
    assert!(
        page.contains("<option value=\"ana\">Ana Núñez (ana)</option>"),
        "{page}"
    );
    assert!(page.contains("value=\"approve\"") && page.contains("value=\"deny\""));
    // Submit the form as a browser would.
    let form = [
        ("client_id", app.api_key.as_str()),
        ("redirect_uri", "http://localhost:5000/cb"),
        ("response_type", "code"),
        ("scope", "readUsersData"),
        ("state", "abc"),
        ("user", "kenji"),
        ("decision", "approve"),
    ];
    let resp = client()
        .post(format!("{}/oauth/authorize", emu.web_url()))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 302);
    let q = query_of(resp.headers()["location"].to_str().unwrap());
    let code = get(&q, "code").unwrap();
    let resp = token_post(
        &emu,
        &[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", "http://localhost:5000/cb"),
            ("client_id", &app.api_key),
        ],
        None,
    )
    .await;
    assert_eq!(resp.status(), 200, "installed apps may omit the secret");
    let access = json(resp).await["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    let resp = user_send(&emu, Method::GET, &app.api_key, &access, "/imcc/v1/user").await;
    assert_eq!(xml_ok(resp).await.text_at("Result/User/Username"), "kenji");
    // Deny button.
    let mut deny = form;
    deny[6] = ("decision", "deny");
    let resp = client()
        .post(format!("{}/oauth/authorize", emu.web_url()))
        .form(&deny)
        .send()
        .await
        .unwrap();
    let q = query_of(resp.headers()["location"].to_str().unwrap());
    assert_eq!(get(&q, "error"), Some("access_denied"));
}

#[tokio::test]
async fn short_token_lifetime_then_refresh() {
    let emu = Emulator::builder()
        .auto_approve(true)
        .token_lifetime(Duration::from_secs(2))
        .start("127.0.0.1:0")
        .await
        .unwrap();
    let app = installed_app(&emu, &[]);
    let redirect = "http://127.0.0.1/cb";
    let code = approved_code(&emu, &app.api_key, redirect).await;
    let t = json(exchange_code(&emu, &app, &code, redirect, &[]).await).await;
    assert_eq!(t["expires_in"], 2);
    tokio::time::sleep(Duration::from_millis(2200)).await;
    let resp = user_send(
        &emu,
        Method::GET,
        &app.api_key,
        t["access_token"].as_str().unwrap(),
        "/imcc/v1/user",
    )
    .await;
    assert_error(resp, 401, imagen_emulator::MSG_TOKEN).await;
    let t2 = json(
        token_post(
            &emu,
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", t["refresh_token"].as_str().unwrap()),
            ],
            Some((&app.api_key, &app.secret)),
        )
        .await,
    )
    .await;
    let resp = user_send(
        &emu,
        Method::GET,
        &app.api_key,
        t2["access_token"].as_str().unwrap(),
        "/imcc/v1/user",
    )
    .await;
    assert_eq!(resp.status(), 200);
    assert_eq!(emu.token_requests(), 2);
}

#[tokio::test]
async fn web_application_must_send_its_secret() {
    let emu = start().await;
    let web = emu
        .create_application(ApplicationSpec::web("Web", "https://app.example/cb"))
        .unwrap();
    let loc = location(&authorize_url(
        &emu,
        &web.api_key,
        "https://app.example/cb",
        "",
    ))
    .await;
    let code = get(&query_of(&loc), "code").unwrap().to_string();
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", "https://app.example/cb"),
        ("client_id", web.api_key.as_str()),
    ];
    let resp = token_post(&emu, &form, None).await;
    assert_eq!(resp.status(), 401);
    assert_eq!(json(resp).await["error"], "invalid_client");
    let resp = token_post(&emu, &form[..3], Some((&web.api_key, &web.secret))).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(json(resp).await["scope"], "modifyUsersData readUsersData");
}

/// Refresh-token rotation (`Faults::rotate_refresh_tokens`): each refresh
/// answers a new refresh token and refuses the one it was made with; the
/// access tokens keep working. And the slow token endpoint
/// (`Faults::token_latency`): counted on arrival, answered after the delay,
/// the rest of the API not delayed. Both also through the admin API.
#[tokio::test]
async fn refresh_token_rotation_and_slow_token_endpoint() {
    let emu = start().await;
    let app = installed_app(&emu, &["readUsersData"]);
    let basic = Some((app.api_key.as_str(), app.secret.as_str()));
    let refresh = |rt: String| {
        let emu = &emu;
        async move {
            token_post(
                emu,
                &[("grant_type", "refresh_token"), ("refresh_token", &rt)],
                basic,
            )
            .await
        }
    };
    let first = emu
        .issue_token_for(&app.api_key, "zoe", &["readUsersData"])
        .unwrap()
        .refresh_token
        .unwrap();

    // Off by default: the same refresh token comes back, and works again.
    let t = json(refresh(first.clone()).await).await;
    assert_eq!(t["refresh_token"], first.as_str());

    emu.faults().rotate_refresh_tokens(true);
    let resp = refresh(first.clone()).await;
    assert_eq!(resp.status(), 200);
    let t = json(resp).await;
    let second = t["refresh_token"].as_str().unwrap().to_owned();
    assert_ne!(second, first);
    let access = t["access_token"].as_str().unwrap().to_owned();
    let resp = user_send(&emu, Method::GET, &app.api_key, &access, "/imcc/v1/user").await;
    assert_eq!(resp.status(), 200);
    // The replaced one is refused, saying why; the new one works (once).
    let resp = refresh(first.clone()).await;
    assert_eq!(resp.status(), 400);
    let e = json(resp).await;
    assert_eq!(e["error"], "invalid_grant");
    assert!(
        e["error_description"]
            .as_str()
            .unwrap()
            .contains("rotation"),
        "{e}"
    );
    let third = json(refresh(second.clone()).await).await["refresh_token"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_ne!(third, second);
    assert_eq!(refresh(second).await.status(), 400);

    // The admin API switches rotation off again and sets the token latency.
    let admin = format!("{}/emulator/admin/faults", emu.base_url());
    let f = json(
        client()
            .post(&admin)
            .json(&serde_json::json!({"rotate_refresh_tokens": false, "token_latency_ms": 400}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(f["rotate_refresh_tokens"], false);
    assert_eq!(f["token_latency_ms"], 400);
    let before = emu.token_requests();
    let started = std::time::Instant::now();
    let slow = tokio::spawn({
        let (url, key, secret, rt) = (
            format!("{}/oauth/token", emu.web_url()),
            app.api_key.clone(),
            app.secret.clone(),
            third.clone(),
        );
        async move {
            client()
                .post(url)
                .basic_auth(key, Some(secret))
                .form(&[("grant_type", "refresh_token"), ("refresh_token", &rt)])
                .send()
                .await
                .unwrap()
        }
    });
    // Counted while it waits; other routes answer meanwhile.
    let mut polls = 0;
    while emu.token_requests() == before {
        polls += 1;
        assert!(polls < 1000, "the token request never arrived");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert!(!slow.is_finished());
    let resp = user_send(&emu, Method::GET, &app.api_key, &access, "/imcc/v1/user").await;
    assert_eq!(resp.status(), 200);
    assert!(!slow.is_finished(), "the API is not delayed");
    let resp = slow.await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(400));
    assert_eq!(json(resp).await["refresh_token"], third.as_str());
    emu.faults().clear();
    let f = json(
        client()
            .post(&admin)
            .json(&serde_json::json!({}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(f["token_latency_ms"], 0, "clear removes it");
}
