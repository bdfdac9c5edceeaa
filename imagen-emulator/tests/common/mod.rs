//! Test helpers: start an emulator, sign requests (own HMAC code, as a
//! client would), build reqwest clients that do not follow redirects.
#![allow(dead_code)]

use std::time::{Duration, SystemTime};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use imagen_emulator::{AppKind, ApplicationSpec, Credentials, Emulator};
use sha2::Sha256;

pub async fn start() -> Emulator {
    Emulator::builder()
        .auto_approve(true)
        .start("127.0.0.1:0")
        .await
        .expect("emulator starts")
}

pub fn installed_app(emu: &Emulator, scopes: &[&str]) -> Credentials {
    emu.create_application(ApplicationSpec {
        name: "Test app — Zoë".into(),
        kind: AppKind::Installed {
            custom_redirect: Some("com.example.app:/cb".into()),
        },
        scopes: scopes.iter().map(|s| s.to_string()).collect(),
    })
    .unwrap()
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

pub fn now_date() -> String {
    httpdate::fmt_http_date(SystemTime::now())
}

pub fn date_offset(secs: i64) -> String {
    let now = SystemTime::now();
    let t = if secs >= 0 {
        now + Duration::from_secs(secs as u64)
    } else {
        now - Duration::from_secs(secs.unsigned_abs())
    };
    httpdate::fmt_http_date(t)
}

/// `HMAC-SHA256 <base64>` over the six documented parts.
pub fn signature(
    secret: &str,
    method: &str,
    content_length: &str,
    md5: &str,
    content_type: &str,
    date: &str,
    resource: &str,
) -> String {
    let msg = format!("{method}\n{content_length}\n{md5}\n{content_type}\n{date}\n{resource}");
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(msg.as_bytes());
    format!(
        "HMAC-SHA256 {}",
        STANDARD.encode(mac.finalize().into_bytes())
    )
}

/// A signed GET of `resource` (path?query as sent) with JSON accepted.
pub fn signed_get(
    emu: &Emulator,
    app: &Credentials,
    resource: &str,
    date: &str,
) -> reqwest::RequestBuilder {
    let sig = signature(&app.secret, "GET", "", "", "", date, resource);
    client()
        .get(format!("{}{resource}", emu.base_url()))
        .header("X-Imagen-API-Key", &app.api_key)
        .header("X-Imagen-Date", date)
        .header("X-Imagen-API-Signature", sig)
        .header("Accept", "application/json")
}

/// A user-context request with a bearer token, JSON accepted.
pub fn user_req(
    emu: &Emulator,
    method: reqwest::Method,
    key: &str,
    token: &str,
    resource: &str,
) -> reqwest::RequestBuilder {
    client()
        .request(method, format!("{}{resource}", emu.base_url()))
        .header("X-Imagen-API-Key", key)
        .header("Authorization", format!("Bearer {token}"))
        .header("Accept", "application/json")
}

pub async fn json(resp: reqwest::Response) -> serde_json::Value {
    let text = resp.text().await.unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// Assert the status and the JSON error message prefix.
pub async fn assert_error(
    resp: reqwest::Response,
    status: u16,
    message_prefix: &str,
) -> serde_json::Value {
    assert_eq!(resp.status().as_u16(), status, "status");
    assert_eq!(
        resp.headers()["content-type"].to_str().unwrap(),
        "application/json; charset=utf-8"
    );
    let v = json(resp).await;
    let msg = v["Error"]["Message"]
        .as_str()
        .unwrap_or_else(|| panic!("no error body: {v}"));
    assert!(
        msg.starts_with(message_prefix),
        "message {msg:?} does not start with {message_prefix:?}"
    );
    v
}

pub fn enc(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}
