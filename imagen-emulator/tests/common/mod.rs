//! Test helpers: start an emulator, sign requests (own HMAC code, as a
//! client would), build reqwest clients that do not follow redirects.
#![allow(dead_code)]

use std::time::{Duration, SystemTime};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use imagen_emulator::{AppKind, ApplicationSpec, Credentials, Emulator};
use sha2::Sha256;

/// Runs `cmd` to completion, at most `limit`: a child that outlives the
/// limit, or the test (a panic while it runs), is killed, never left behind.
pub async fn run(cmd: &mut tokio::process::Command, limit: Duration) -> std::process::Output {
    cmd.kill_on_drop(true)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let child = cmd
        .spawn()
        .unwrap_or_else(|e| panic!("can't start {cmd:?}: {e}"));
    tokio::time::timeout(limit, child.wait_with_output())
        .await
        .unwrap_or_else(|_| panic!("{cmd:?} still ran after {limit:?}; killed"))
        .unwrap_or_else(|e| panic!("{cmd:?}: {e}"))
}

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

/// The signature of a body-less GET of `resource` dated `date`.
pub fn get_signature(secret: &str, date: &str, resource: &str) -> String {
    signature(secret, "GET", "", "", "", date, resource)
}

/// Sends a GET of `resource` (path?query as sent) with the API key, the
/// given signature and date headers, JSON accepted.
pub async fn app_get_with(
    emu: &Emulator,
    api_key: &str,
    signature: &str,
    resource: &str,
    date_headers: &[(&str, &str)],
) -> reqwest::Response {
    let mut req = client()
        .get(format!("{}{resource}", emu.base_url()))
        .header("X-Imagen-API-Key", api_key);
    for (name, value) in date_headers {
        req = req.header(*name, *value);
    }
    req.header("X-Imagen-API-Signature", signature)
        .header("Accept", "application/json")
        .send()
        .await
        .unwrap()
}

/// Sends a GET of `resource` (path?query as sent) signed with `app`'s secret
/// and dated `date` (X-Imagen-Date), JSON accepted.
pub async fn signed_get(
    emu: &Emulator,
    app: &Credentials,
    resource: &str,
    date: &str,
) -> reqwest::Response {
    let sig = get_signature(&app.secret, date, resource);
    app_get_with(
        emu,
        &app.api_key,
        &sig,
        resource,
        &[("X-Imagen-Date", date)],
    )
    .await
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

/// Sends a user-context request without a body (see [`user_req`]).
pub async fn user_send(
    emu: &Emulator,
    method: reqwest::Method,
    key: &str,
    token: &str,
    resource: &str,
) -> reqwest::Response {
    user_req(emu, method, key, token, resource)
        .send()
        .await
        .unwrap()
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

/// A user-context request with a bearer token and no `Accept` header (XML,
/// the Imagen default).
pub fn user_req_xml(
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
}

/// An element of an XML answer, parsed by the tests themselves (quick-xml,
/// not the emulator's code).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct X {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    /// Text and CDATA directly inside, concatenated.
    pub text: String,
    pub kids: Vec<X>,
}

impl X {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
    pub fn get(&self, name: &str) -> Option<&X> {
        self.kids.iter().find(|k| k.name == name)
    }
    /// The child `name` (panics, naming the element, when absent).
    pub fn kid(&self, name: &str) -> &X {
        self.get(name)
            .unwrap_or_else(|| panic!("<{}> has no <{name}>: {:?}", self.name, self.names()))
    }
    pub fn all(&self, name: &str) -> Vec<&X> {
        self.kids.iter().filter(|k| k.name == name).collect()
    }
    /// Follow a `/`-separated path of child names.
    pub fn at(&self, path: &str) -> &X {
        path.split('/').fold(self, |e, n| e.kid(n))
    }
    /// The text at a path.
    pub fn text_at(&self, path: &str) -> &str {
        &self.at(path).text
    }
    /// Child element names in order.
    pub fn names(&self) -> Vec<&str> {
        self.kids.iter().map(|k| k.name.as_str()).collect()
    }
}

fn x_start(e: &quick_xml::events::BytesStart<'_>) -> X {
    let mut x = X {
        name: e.name().as_ref().to_string(),
        ..X::default()
    };
    for a in e.attributes() {
        let a = a.expect("well-formed attribute");
        let v = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .expect("attribute value");
        x.attrs.push((a.key.as_ref().to_string(), v.into_owned()));
    }
    x
}

/// Parse a whole document (panics on malformed XML, showing it).
pub fn parse_xml(s: &str) -> X {
    use quick_xml::events::Event;
    let mut r = quick_xml::Reader::from_str(s);
    let mut stack: Vec<X> = Vec::new();
    let mut root = None;
    loop {
        let ev = r
            .read_event()
            .unwrap_or_else(|e| panic!("not well-formed XML ({e}): {s}"));
        let done = match ev {
            Event::Start(e) => {
                stack.push(x_start(&e));
                None
            }
            Event::Empty(e) => Some(x_start(&e)),
            Event::End(_) => stack.pop(),
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text
                        .push_str(&t.xml_content(quick_xml::XmlVersion::Implicit1_0));
                }
                None
            }
            Event::CData(c) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&c);
                }
                None
            }
            Event::GeneralRef(g) => {
                let c = match g.resolve_char_ref().expect("character reference") {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_predefined_entity(&g)
                        .unwrap_or_else(|| panic!("unknown entity in {s}"))
                        .to_string(),
                };
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&c);
                }
                None
            }
            Event::Eof => break,
            _ => None,
        };
        if let Some(d) = done {
            match stack.last_mut() {
                Some(p) => p.kids.push(d),
                None => {
                    assert!(root.is_none(), "two roots: {s}");
                    root = Some(d);
                }
            }
        }
    }
    assert!(stack.is_empty(), "unclosed elements: {s}");
    root.unwrap_or_else(|| panic!("no root element: {s}"))
}

/// The declaration every XML answer must start with.
pub const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

/// Read an XML answer: `application/xml; charset=utf-8`, the declaration,
/// a well-formed document.
pub async fn xml(resp: reqwest::Response) -> X {
    assert_eq!(
        resp.headers()["content-type"].to_str().unwrap(),
        "application/xml; charset=utf-8"
    );
    let text = resp.text().await.unwrap();
    assert!(text.starts_with(XML_DECL), "no XML declaration: {text}");
    parse_xml(&text)
}

/// Read a 200 XML answer.
pub async fn xml_ok(resp: reqwest::Response) -> X {
    let status = resp.status();
    if status != 200 {
        panic!("status {status}: {}", resp.text().await.unwrap());
    }
    xml(resp).await
}

/// Assert the status and the XML error document (`<Error><Code>status</Code>
/// <Message/><Details/></Error>`) with a message prefix.
pub async fn assert_xml_error(resp: reqwest::Response, status: u16, message_prefix: &str) -> X {
    assert_eq!(resp.status().as_u16(), status, "status");
    let e = xml(resp).await;
    assert_eq!(e.name, "Error");
    assert_eq!(e.names(), ["Code", "Message", "Details"]);
    assert_eq!(e.text_at("Code"), status.to_string());
    let msg = e.text_at("Message");
    assert!(
        msg.starts_with(message_prefix),
        "message {msg:?} does not start with {message_prefix:?}"
    );
    e
}

/// A PUT of an XML body in user context (`Content-Type: application/xml`).
pub async fn put_xml(
    emu: &Emulator,
    key: &str,
    token: &str,
    resource: &str,
    body: &str,
) -> reqwest::Response {
    user_req(emu, reqwest::Method::PUT, key, token, resource)
        .header("Content-Type", "application/xml; charset=utf-8")
        .body(body.to_string())
        .send()
        .await
        .unwrap()
}
