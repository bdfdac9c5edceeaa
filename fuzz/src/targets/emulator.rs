//! `emulator`: the emulator's request handling over loopback HTTP. One
//! in-process emulator per worker, one application and one user token;
//! each input is a request written like HTTP:
//!
//! ```text
//! PUT /imcc/v1/import/record/NativeImagenXML?timeout=0
//! Content-Type: application/xml; charset=utf-8
//!
//! <Records>…</Records>
//! ```
//!
//! The worker makes it sendable without changing what it asks: bytes that
//! HTTP does not allow in the target are percent-encoded, header lines that
//! HTTP cannot carry are dropped, `Content-Length` is computed, and the
//! application's key and the user's bearer token are added unless the input
//! names `X-Imagen-API-Key`, `Authorization` or `X-Imagen-API-Signature`
//! itself. The admin (`/emulator`) and OAuth routes are kept out of reach.
//!
//! Findings: no answer (the connection closes, or the emulator stops
//! listening), a panic on a server thread, a hang, any 5xx (no faults are
//! injected), a non-2xx answer that isn't the standard error document
//! (XML `<Error><Code/><Message/><Details/></Error>`, or JSON
//! `{"Error": {"Message", "Details"}}` when `Accept` asks for JSON), and a
//! success answer that the runtime's own decoder refuses for that endpoint.

use std::time::Duration;

use imagen_emulator::{ApplicationSpec, Emulator};
use imagen_runtime::api::types::{
    DatabaseJob, HistoryPage, Profile, Record, Right, SearchResult, User, WebSearchResult, Workflow,
};
use imagen_runtime::wire::{self, WireError};
use serde_json::Value;

use super::{Finding, Info, Options, Outcome, Target, hash_of, normalize, read_seed, template};
use crate::http::{Client, HttpError, RawRequest, Response, is_tchar, is_value_byte};

pub const INFO: Info = Info {
    name: "emulator",
    about: "mutated HTTP requests (imports, jobs, IQL searches, queries, headers) to an in-process emulator",
    seeds,
    dict,
    start,
    max_len: 64 * 1024,
    recycle: 4000,
};

const IMPORT: &str = "PUT /imcc/v1/import/record/NativeImagenXML";
const CT_XML: &str = "Content-Type: application/xml; charset=utf-8";

fn seeds() -> Vec<Vec<u8>> {
    let import = String::from_utf8(read_seed("conformance/samples/import-record-body.ok.xml"))
        .unwrap_or_default();
    let job =
        String::from_utf8(read_seed("conformance/samples/job-put-body.ok.xml")).unwrap_or_default();
    let job_known = job
        .replace("Regenerate Proxies 東京", "Regenerate key images")
        .replace(">5531<", ">1<")
        .replace(">9120<", ">101<")
        .replace("Media_ID-Video", "Media_ID");
    let s = |t: String| t.into_bytes();
    vec![
        s(format!("{IMPORT}\n{CT_XML}\n\n{import}")),
        s(format!(
            "{IMPORT}?timeout=0&workflow=Ingest video&matchMediaBy=id,allownew&onlyProcessNew=1\n{CT_XML}\nX-Imagen-Pathprefix: /mnt/media/\n\n{import}"
        )),
        s(format!(
            "{IMPORT}?searchfield=Title\nContent-Type: text/xml\nAccept: application/json\n\n{import}"
        )),
        s(format!("PUT /imcc/v1/job\n{CT_XML}\n\n{job}")),
        s(format!("PUT /imcc/v1/job\n{CT_XML}\n\n{job_known}")),
        s("GET /imcc/v1/record/search?query=WHERE Title=\"Red Car\"\n\n".into()),
        s("GET /imcc/v1/record/search?query=WHERE media.ParentID = null&numRecords=2&includeMedia=true\n\n".into()),
        s("GET /imcc/v1/record/search?query=WHERE Title='Zoë' AND Rating > 3 ORDER BY Date DESC LIMIT 5\n\n".into()),
        s("GET /imcc/v1/record/search?query=WHERE ID != null&numRecords=1&start=1&searchID=F4DCC517-83DA-4ce9-9AD2-24E9EB3444E2&timeout=5\n\n".into()),
        s("GET /iweb/v1/search?query=WHERE Category = \"news\"\nAccept: application/json\n\n".into()),
        s("GET /imcc/v1/record/1?includeMedia=1\n\n".into()),
        s("GET /imcc/v1/workflows\nAccept: application/json\n\n".into()),
        s("GET /imcc/v1/history?limit=10&getTotalCount=true&sort=modifiedDate asc&recordID=1\n\n".into()),
        s("GET /imcc/v1/import/record/F4DCC517-83DA-4ce9-9AD2-24E9EB3444E2\n\n".into()),
        s("DELETE /imcc/v1/import/record/F4DCC517-83DA-4ce9-9AD2-24E9EB3444E2\n\n".into()),
        s("DELETE /imcc/v1/media/101/true\nAccept: application/json\n\n".into()),
        s("GET /imcc/v1/profiles?type=video&usage=rendition\n\n".into()),
        s("GET /imcc/v1/user\n\n".into()),
        s("GET /imcc/v1/rights\n\n".into()),
        s("GET /core/v1/application\nAccept: application/json\n\n".into()),
    ]
}

pub fn http_dict() -> Vec<&'static str> {
    vec![
        "GET ",
        "PUT ",
        "POST ",
        "DELETE ",
        "HEAD ",
        "OPTIONS ",
        "PATCH ",
        "/imcc/v1/import/record/",
        "/imcc/v1/record/search",
        "/imcc/v1/record/",
        "/imcc/v1/job",
        "/imcc/v1/media/",
        "/imcc/v1/workflows",
        "/imcc/v1/history",
        "/iweb/v1/search",
        "/core/v1/application",
        "?",
        "&",
        "=",
        "%",
        "%20",
        "%2F",
        "%00",
        "%C3%AB",
        "%FF",
        "+",
        "Accept: application/json\n",
        "Accept: application/xml\n",
        "Content-Type: application/xml\n",
        "Content-Type: text/xml\n",
        "Content-Type: application/json\n",
        "Content-MD5: 1B2M2Y8AsgTpgAmY7PhCfg==\n",
        "X-Imagen-Pathprefix: ",
        "X-Imagen-API-Key: nope\n",
        "Authorization: Bearer x\n",
        "Authorization: Basic eDp5\n",
        "X-Imagen-Date: Sun, 06 Nov 1994 08:49:37 GMT\n",
        "Host: example.com\n",
        "Host: [::1]\n",
        "timeout=",
        "timeout=-1",
        "timeout=0",
        "workflow=",
        "searchfield=",
        "matchMediaBy=",
        "onlyProcessNew=",
        "numRecords=",
        "start=",
        "searchID=",
        "includeMedia=",
        "limit=",
        "getTotalCount=",
        "recordID=",
        "query=",
        "WHERE ",
        " AND ",
        " OR ",
        " ORDER BY ",
        " ASC",
        " DESC",
        " LIMIT ",
        "=",
        "!=",
        "<",
        ">",
        "null",
        "NULL",
        "''",
        "\"\"",
        "'",
        "\"",
        "media.",
        "Title",
        "ID",
        "Rating",
        "Category",
        "guid",
        "imagenLastRecordChange",
        "Ingest video",
        "Tag images",
    ]
}

fn dict(seeds: &[Vec<u8>]) -> Vec<Vec<u8>> {
    let mut d = crate::mutate::words_of(seeds, 1000);
    d.extend(http_dict().into_iter().map(|w| w.as_bytes().to_vec()));
    d
}

/// An emulator on a loopback port with an application and a user token.
pub struct Running {
    // Field order: the emulator is dropped (and stops) before its runtime.
    pub emu: Emulator,
    pub _rt: tokio::runtime::Runtime,
    pub key: String,
    pub secret: String,
    pub token: String,
    pub host: String,
}

impl Running {
    pub fn start() -> Result<Running, String> {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .map_err(|e| format!("no tokio runtime: {e}"))?;
        let emu = rt
            .block_on(Emulator::builder().start("127.0.0.1:0"))
            .map_err(|e| format!("the emulator did not start: {e}"))?;
        let app = emu
            .create_application(ApplicationSpec::installed("imagen-fuzz").scopes(&[
                "readUsersData",
                "modifyUsersData",
                "createJobs",
            ]))
            .map_err(|e| format!("no application: {e}"))?;
        let token = emu
            .issue_token_for(
                &app.api_key,
                "zoe",
                &["readUsersData", "modifyUsersData", "createJobs"],
            )
            .map_err(|e| format!("no token: {e}"))?;
        let host = emu.addr().to_string();
        Ok(Running {
            emu,
            _rt: rt,
            key: app.api_key,
            secret: app.secret,
            token: token.access_token,
            host,
        })
    }
}

struct EmulatorTarget {
    run: Running,
    client: Client,
}

/// How long a target waits for an answer: a little less than the driver's
/// limit, so that it reports the hang itself.
pub fn answer_timeout(opts: &Options) -> Duration {
    Duration::from_millis((opts.timeout_ms * 8 / 10).max(100))
}

fn start(opts: &Options) -> Result<Box<dyn Target>, String> {
    let run = Running::start()?;
    let client = Client::new(run.emu.addr(), answer_timeout(opts));
    Ok(Box::new(EmulatorTarget { run, client }))
}

/// The longest request target sent (after percent-encoding).
const MAX_TARGET: usize = 8 * 1024;

/// Bytes of a request target that HTTP parsers refuse, percent-encoded.
pub fn sendable_target(t: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(t.len() + 8);
    if t.first() != Some(&b'/') {
        out.push(b'/');
    }
    for &c in t {
        let ok = (0x21..=0x7e).contains(&c) && !b"\"#<>\\^`{|}".contains(&c);
        if ok {
            out.push(c);
        } else {
            out.extend_from_slice(format!("%{c:02X}").as_bytes());
        }
    }
    // hyper answers a request target over 64 KiB with a bare 414 before
    // the emulator sees it; real clients don't send such targets.
    out.truncate(MAX_TARGET);
    // Out of reach: the unauthenticated admin API and the OAuth server.
    let lower = out.to_ascii_lowercase();
    if lower.starts_with(b"/emulator") || lower.starts_with(b"/oauth") {
        out.splice(0..0, *b"/fuzz");
    }
    out
}

/// Splits an input into a request (see the module documentation).
fn parse_input(input: &[u8], run: &Running) -> RawRequest {
    let split = [&b"\r\n\r\n"[..], b"\n\n"]
        .iter()
        .filter_map(|sep| {
            input
                .windows(sep.len())
                .position(|w| w == *sep)
                .map(|i| (i, sep.len()))
        })
        .min();
    let (head, body) = match split {
        Some((i, n)) => (&input[..i], &input[i + n..]),
        None => (input, &b""[..]),
    };
    let mut lines = head
        .split(|&c| c == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l));
    let first = lines.next().unwrap_or(b"");
    let (method, target) = match first.iter().position(|&c| c == b' ') {
        Some(i) => (&first[..i], &first[i + 1..]),
        None => (first, &b"/"[..]),
    };
    let mut method: Vec<u8> = method
        .iter()
        .copied()
        .filter(|&c| is_tchar(c))
        .take(24)
        .collect();
    if method.is_empty() {
        method = b"GET".to_vec();
    }
    let mut req = RawRequest {
        method,
        target: sendable_target(target),
        headers: Vec::new(),
        body: body.to_vec(),
        chunked: false,
        auto_length: true,
    };
    const FRAMING: &[&str] = &[
        "content-length",
        "transfer-encoding",
        "connection",
        "expect",
        "upgrade",
        "te",
        "trailer",
        "keep-alive",
    ];
    for l in lines {
        if req.headers.len() >= 60 {
            break;
        }
        let Some(colon) = l.iter().position(|&c| c == b':') else {
            continue;
        };
        let name = l[..colon].trim_ascii();
        if name.is_empty() || !name.iter().all(|&c| is_tchar(c)) {
            continue;
        }
        let lname = String::from_utf8_lossy(name).to_ascii_lowercase();
        if FRAMING.contains(&lname.as_str()) {
            continue;
        }
        let value: Vec<u8> = l[colon + 1..]
            .iter()
            .copied()
            .filter(|&c| is_value_byte(c))
            .collect();
        req.headers
            .push((name.to_vec(), value.trim_ascii().to_vec()));
    }
    if !req.has_header("host") {
        req.headers
            .push((b"Host".to_vec(), run.host.as_bytes().to_vec()));
    }
    if !req.has_header("x-imagen-api-key") {
        req.headers
            .push((b"X-Imagen-API-Key".to_vec(), run.key.as_bytes().to_vec()));
    }
    if !req.has_header("authorization") && !req.has_header("x-imagen-api-signature") {
        req.headers.push((
            b"Authorization".to_vec(),
            format!("Bearer {}", run.token).into_bytes(),
        ));
    }
    req
}

/// Whether the emulator renders answers to `req` as JSON (its rule: the
/// first `Accept` header, read as text, mentions `application/json`).
pub fn wants_json(req: &RawRequest) -> bool {
    req.header("accept")
        .filter(|v| v.iter().all(|&c| c == b'\t' || (0x20..0x7f).contains(&c)))
        .map(|v| String::from_utf8_lossy(v).to_ascii_lowercase())
        .is_some_and(|v| v.contains("application/json"))
}

/// The `Message` and `Details` of a standard error document, or why the
/// answer isn't one.
pub fn error_document(req: &RawRequest, resp: &Response) -> Result<(String, String), String> {
    let ct = resp
        .header("content-type")
        .unwrap_or("")
        .to_ascii_lowercase();
    let text = std::str::from_utf8(&resp.body).map_err(|_| "the body is not UTF-8".to_string())?;
    if wants_json(req) {
        if !ct.starts_with("application/json") {
            return Err(format!("JSON was asked for, the content type is {ct:?}"));
        }
        let v: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
        let err = v
            .get("Error")
            .and_then(Value::as_object)
            .ok_or("no \"Error\" object")?;
        let message = err
            .get("Message")
            .and_then(Value::as_str)
            .ok_or("no Error.Message string")?;
        let details = err
            .get("Details")
            .and_then(Value::as_str)
            .ok_or("no Error.Details string")?;
        Ok((message.to_string(), details.to_string()))
    } else {
        if !ct.starts_with("application/xml") {
            return Err(format!("the content type is {ct:?}, not application/xml"));
        }
        let root = wire::xml::parse(text).map_err(|e| format!("not well-formed XML: {e}"))?;
        if root.name != "Error" {
            return Err(format!("the root element is <{}>, not <Error>", root.name));
        }
        let child = |n: &str| root.children_named(n).next().map(|c| c.text.clone());
        let code = child("Code").ok_or("no <Code>")?;
        if code.trim() != resp.status.to_string() {
            return Err(format!("<Code>{code}</Code> for status {}", resp.status));
        }
        let message = child("Message").ok_or("no <Message>")?;
        let details = child("Details").ok_or("no <Details>")?;
        Ok((message, details))
    }
}

/// A character that XML 1.0 does not allow in a document, written as itself
/// or as a character reference.
pub fn xml_forbidden_char(text: &str) -> Option<char> {
    let bad = |c: char| matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}');
    if let Some(c) = text.chars().find(|&c| bad(c)) {
        return Some(c);
    }
    // Character references: &#N; and &#xH;
    let mut rest = text;
    while let Some(i) = rest.find("&#") {
        rest = &rest[i + 2..];
        let end = rest.find(';').unwrap_or(rest.len()).min(12);
        let num = &rest[..end];
        let v = match num.strip_prefix('x') {
            Some(h) => u32::from_str_radix(h, 16).ok(),
            None => num.parse().ok(),
        };
        if let Some(c) = v.and_then(char::from_u32)
            && bad(c)
        {
            return Some(c);
        }
    }
    None
}

/// The route an answer belongs to, for messages and features: the path with
/// IDs replaced (`/imcc/v1/record/{id}`).
pub fn route(req: &RawRequest) -> String {
    let t = String::from_utf8_lossy(&req.target);
    let path = t.split('?').next().unwrap_or("");
    let known = [
        "/core/v1/application",
        "/imcc/v1/record/search",
        "/imcc/v1/job",
        "/imcc/v1/workflows",
        "/imcc/v1/profiles",
        "/imcc/v1/user",
        "/imcc/v1/rights",
        "/imcc/v1/history",
        "/iweb/v1/search",
    ];
    if let Some(k) = known.iter().find(|k| path == **k) {
        return k.to_string();
    }
    for (prefix, name) in [
        ("/imcc/v1/import/record/", "/imcc/v1/import/record/{x}"),
        ("/imcc/v1/media/", "/imcc/v1/media/{x}/{y}"),
        ("/imcc/v1/record/", "/imcc/v1/record/{x}"),
    ] {
        if path.starts_with(prefix) {
            return name.to_string();
        }
    }
    "(other)".to_string()
}

fn method_name(req: &RawRequest) -> String {
    let m = String::from_utf8_lossy(&req.method).to_string();
    if ["GET", "PUT", "POST", "DELETE", "HEAD", "OPTIONS", "PATCH"].contains(&m.as_str()) {
        m
    } else {
        "OTHER".into()
    }
}

/// Decodes a success answer as the generated client would, for the routes
/// the description types.
fn decode_answer(req: &RawRequest, resp: &Response) -> Result<(), WireError> {
    let Ok(text) = std::str::from_utf8(&resp.body) else {
        return Err(WireError {
            path: String::new(),
            offset: None,
            message: "the answer is not UTF-8".into(),
        });
    };
    let json = resp
        .header("content-type")
        .is_some_and(|c| c.to_ascii_lowercase().starts_with("application/json"));
    let m = method_name(req);
    match (m.as_str(), route(req).as_str(), json) {
        ("PUT" | "GET" | "DELETE", "/imcc/v1/import/record/{x}", false) => {
            wire::from_xml::<DatabaseJob>(text, &["Response", "DatabaseJob"]).map(drop)
        }
        ("PUT", "/imcc/v1/job", false) => {
            wire::from_xml::<String>(text, &["Response", "Result"]).map(drop)
        }
        ("GET", "/imcc/v1/record/search", false) => {
            wire::from_xml::<SearchResult>(text, &["Records"]).map(drop)
        }
        ("GET", "/iweb/v1/search", false) => {
            wire::from_xml::<WebSearchResult>(text, &["Records"]).map(drop)
        }
        ("GET", "/iweb/v1/search", true) => wire::from_json::<WebSearchResult>(text, &[]).map(drop),
        ("GET", "/imcc/v1/record/{x}", false) => {
            wire::from_xml::<Record>(text, &["Response", "ImagenRecord"]).map(drop)
        }
        ("GET", "/imcc/v1/workflows", false) => {
            wire::from_xml::<Vec<Workflow>>(text, &["Response", "Workflows", "Workflow"]).map(drop)
        }
        ("GET", "/imcc/v1/workflows", true) => {
            wire::from_json::<Vec<Workflow>>(text, &["Workflows", "Workflow"]).map(drop)
        }
        ("GET", "/imcc/v1/history", false) => {
            wire::from_xml::<HistoryPage>(text, &["Response"]).map(drop)
        }
        ("GET", "/imcc/v1/profiles", false) => {
            wire::from_xml::<Vec<Profile>>(text, &["Response", "Profiles", "Profile"]).map(drop)
        }
        ("GET", "/imcc/v1/user", false) => {
            wire::from_xml::<User>(text, &["Response", "Result", "User"]).map(drop)
        }
        ("GET", "/imcc/v1/rights", false) => {
            wire::from_xml::<Vec<Right>>(text, &["Response", "Result", "Right"]).map(drop)
        }
        ("DELETE", "/imcc/v1/media/{x}/{y}", false) => {
            wire::from_xml::<String>(text, &["Response", "Result"]).map(drop)
        }
        ("DELETE", "/imcc/v1/media/{x}/{y}", true) => {
            wire::from_json::<String>(text, &["result"]).map(drop)
        }
        _ => Ok(()),
    }
}

/// An answer that passed the checks: the answer, the feature of its
/// behaviour, and for an error its `Message` and `Details`.
pub type Exchanged = (Response, u64, Option<(String, String)>);

/// Sends `req` and applies the checks every answer must pass. `Ok` holds
/// the answer and the feature of its behaviour.
pub fn exchange(client: &mut Client, req: &RawRequest) -> Result<Exchanged, Finding> {
    let what = format!("{} {}", method_name(req), route(req));
    let resp = match client.send(req) {
        Ok(r) => r,
        Err(e) => {
            // A handler that panicked drops its connection: say why.
            std::thread::sleep(Duration::from_millis(5));
            let panic = crate::worker::take_panic();
            let alive = client.alive();
            let details = format!("request:\n{}\n\nerror: {e}", req.show());
            return Err(match (e, panic) {
                (_, Some(p)) => {
                    Finding::new("panic", format!("the emulator panicked: {p}"), details)
                }
                (HttpError::Timeout, None) => {
                    Finding::new("hang", format!("no answer to {what} in time"), details)
                }
                (_, None) if !alive => Finding::new(
                    "emulator-died",
                    format!("the emulator stopped listening after {what}"),
                    details,
                ),
                (HttpError::Malformed(m), None) => Finding::new(
                    "bad-http",
                    format!("unreadable answer to {what}: {}", normalize(&m)),
                    details,
                ),
                (e, None) => Finding::new(
                    "no-answer",
                    format!("no answer to {what}: {}", normalize(&e.to_string())),
                    details,
                ),
            });
        }
    };
    let details = || format!("request:\n{}\n\nanswer:\n{}", req.show(), resp.show());
    let head = req.method == b"HEAD";
    let success = (200..300).contains(&resp.status);
    let doc = if success || head {
        None
    } else {
        match error_document(req, &resp) {
            Ok(d) => Some(d),
            Err(why) => {
                return Err(Finding::new(
                    "bad-error-document",
                    format!(
                        "{} answer to {what} is not the standard error document: {}",
                        resp.status,
                        normalize(&why)
                    ),
                    details(),
                ));
            }
        }
    };
    // The emulator documents that characters XML 1.0 cannot carry become U+FFFD.
    let is_xml = resp
        .header("content-type")
        .is_some_and(|c| c.to_ascii_lowercase().starts_with("application/xml"));
    if is_xml && let Some(c) = xml_forbidden_char(&String::from_utf8_lossy(&resp.body)) {
        return Err(Finding::new(
            "malformed-answer",
            format!(
                "the {} answer to {what} carries a character XML 1.0 forbids ({})",
                resp.status,
                if c == '\0' {
                    "NUL"
                } else {
                    "a control character"
                }
            ),
            details(),
        ));
    }
    if resp.status >= 500 {
        let msg = doc.as_ref().map(|d| d.0.clone()).unwrap_or_default();
        return Err(Finding::new(
            "5xx",
            format!("{} answer to {what}: {}", resp.status, normalize(&msg)),
            details(),
        ));
    }
    if success && !head {
        let ct = resp
            .header("content-type")
            .unwrap_or("")
            .to_ascii_lowercase();
        let text = String::from_utf8_lossy(&resp.body);
        if ct.starts_with("application/xml")
            && let Err(e) = wire::xml::parse(&text)
        {
            return Err(Finding::new(
                "malformed-answer",
                format!(
                    "the {} answer to {what} is not well-formed XML: {}",
                    resp.status,
                    normalize(&e.message)
                ),
                details(),
            ));
        }
        if ct.starts_with("application/json")
            && let Err(e) = serde_json::from_str::<Value>(&text)
        {
            return Err(Finding::new(
                "malformed-answer",
                format!(
                    "the {} answer to {what} is not JSON: {}",
                    resp.status,
                    normalize(&e.to_string())
                ),
                details(),
            ));
        }
        if let Err(e) = decode_answer(req, &resp) {
            return Err(Finding::new(
                "undecodable-answer",
                format!(
                    "the runtime can't decode the {} answer to {what}: {}",
                    resp.status,
                    normalize(&e.to_string())
                ),
                details(),
            ));
        }
    }
    if std::env::var_os("IMAGEN_FUZZ_TRACE").is_some() {
        eprintln!(
            "feature: {what} {} {:?}",
            resp.status,
            doc.as_ref().map(|d| template(&d.0))
        );
    }
    let feature = hash_of((&what, resp.status, doc.as_ref().map(|d| template(&d.0))));
    Ok((resp, feature, doc))
}

impl Target for EmulatorTarget {
    fn run(&mut self, input: &[u8]) -> Outcome {
        let req = parse_input(input, &self.run);
        match exchange(&mut self.client, &req) {
            Ok((_, feature, _)) => Outcome::ok(feature),
            Err(f) => Outcome::found(hash_of(&f.kind), f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_made_sendable() {
        assert_eq!(
            sendable_target(b"/a?q=WHERE Title=\"x\"#"),
            b"/a?q=WHERE%20Title=%22x%22%23".to_vec()
        );
        assert_eq!(
            sendable_target(b"emulator/admin"),
            b"/fuzz/emulator/admin".to_vec()
        );
        assert_eq!(sendable_target("/é".as_bytes()), b"/%C3%A9".to_vec());
        assert_eq!(xml_forbidden_char("<a>&#1;</a>"), Some('\u{1}'));
        assert_eq!(xml_forbidden_char("<a>\u{0}</a>"), Some('\u{0}'));
        assert_eq!(xml_forbidden_char("<a>&#10;\t&#x41;</a>"), None);
    }
}
