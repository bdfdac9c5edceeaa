//! `signature`: the emulator's check of application signatures. Each input
//! is a small program: byte 0 picks a base request, byte 1 the part to
//! change, the rest drives how. The base request is built as a
//! `reqwest::Request` and signed by the runtime's own
//! `imagen_runtime::signing::Signer` (date: now); then one part is changed
//! and the request is sent byte for byte.
//!
//! Whether the emulator *accepted* the signature is decided by a control:
//! the same changed request with a signature that is certainly wrong. When
//! the two answers differ and the first one is not a 401, the signature
//! check passed. That is a finding when the change altered what is signed
//! (method, `Content-Length`, `Content-MD5`, `Content-Type`, the date, the
//! path and query as sent — read the way HTTP defines header values:
//! repeated fields joined with `, `, surrounding spaces not part of the
//! value) or the signature itself; it is expected when the change left
//! the signed parts alone (an unsigned header, a header name's case, the
//! order of headers). Every answer also passes the emulator target's checks
//! (standard error document, no 5xx, no panic, no hang).

use std::time::{Duration, SystemTime};

use imagen_runtime::reqwest;
use imagen_runtime::signing::{Signer, content_md5, imf_fixdate};
use imagen_runtime::{ApiKey, ApiSecret};

use super::emulator::{Running, answer_timeout, exchange, sendable_target};
use super::{Finding, Info, Options, Outcome, Target, hash_of, read_seed};
use crate::http::{Client, RawRequest, Response, is_tchar, is_value_byte};

pub const INFO: Info = Info {
    name: "signature",
    about: "correctly signed requests with one part changed must not be accepted by the emulator",
    seeds,
    dict,
    start,
    max_len: 512,
    recycle: 20_000,
};

/// The parts a program can change.
const OPS: &[&str] = &[
    "method",
    "date",
    "content-length",
    "content-md5",
    "content-type",
    "resource",
    "body",
    "signature",
    "unsigned header",
    "header name case",
    "header order",
    "header whitespace",
];

/// A base request: method, path and query (as sent), a body with its type.
type Base = (&'static str, &'static str, Option<(&'static str, Vec<u8>)>);

/// The base requests.
fn bases() -> Vec<Base> {
    let import = read_seed("conformance/samples/import-record-body.ok.xml");
    let job = read_seed("conformance/samples/job-put-body.ok.xml");
    let xml = "application/xml; charset=utf-8";
    vec![
        ("GET", "/core/v1/application", None),
        (
            "GET",
            "/core/v1/application?probe=Zo%C3%AB&x=a%20b&empty=",
            None,
        ),
        ("GET", "/imcc/v1/record/1?includeMedia=true", None),
        ("GET", "/imcc/v1/record/%31", None),
        (
            "PUT",
            "/imcc/v1/import/record/NativeImagenXML?timeout=0",
            Some((xml, import)),
        ),
        ("PUT", "/imcc/v1/job", Some((xml, job))),
        ("GET", "/imcc/v1/record/Zo%C3%AB", None),
        (
            "GET",
            "/core/v1/application",
            Some(("text/plain", b"a body on a GET".to_vec())),
        ),
    ]
}

fn seeds() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for b in 0..bases().len() as u8 {
        for op in 0..OPS.len() as u8 {
            for sub in [0u8, 1, 2, 3, 5, 8] {
                out.push(vec![b, op, sub, 7, 3, 1, 200, 42]);
            }
        }
    }
    out
}

fn dict(_: &[Vec<u8>]) -> Vec<Vec<u8>> {
    (0u8..=16).map(|i| vec![i]).collect()
}

struct SignatureTarget {
    run: Running,
    client: Client,
    signer: Signer,
    bases: Vec<Base>,
}

fn start(opts: &Options) -> Result<Box<dyn Target>, String> {
    let run = Running::start()?;
    let client = Client::new(run.emu.addr(), answer_timeout(opts));
    let signer = Signer::new(ApiKey::new(&run.key), ApiSecret::new(&run.secret));
    let mut t = SignatureTarget {
        run,
        client,
        signer,
        bases: bases(),
    };
    // The harness is only meaningful if the unchanged requests pass.
    for i in 0..t.bases.len() {
        let req = t.signed(i)?;
        let (resp, _, doc) = exchange(&mut t.client, &req).map_err(|f| f.message)?;
        if resp.status == 401 {
            return Err(format!(
                "a correctly signed request was refused: {:?}\n{}\n{}",
                doc,
                req.show(),
                resp.show()
            ));
        }
    }
    Ok(Box::new(t))
}

/// Reads choices from the program's bytes (zeros once they run out).
struct Data<'a> {
    b: &'a [u8],
    i: usize,
}

impl Data<'_> {
    fn byte(&mut self) -> u8 {
        let v = self.b.get(self.i).copied().unwrap_or(0);
        self.i += 1;
        v
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { self.byte() as usize % n }
    }
    fn rest(&mut self) -> Vec<u8> {
        let r = self.b.get(self.i..).unwrap_or(&[]).to_vec();
        self.i = self.b.len();
        r
    }
}

impl SignatureTarget {
    /// Base request `i`, signed now, as it would be sent.
    fn signed(&self, i: usize) -> Result<RawRequest, String> {
        let (method, target, body) = &self.bases[i];
        let url: reqwest::Url = format!("http://{}{target}", self.run.host)
            .parse()
            .map_err(|e| format!("bad URL: {e}"))?;
        let method: reqwest::Method = method.parse().map_err(|_| "bad method".to_string())?;
        let mut r = reqwest::Request::new(method, url);
        if let Some((ct, bytes)) = body {
            r.headers_mut().insert(
                reqwest::header::CONTENT_TYPE,
                reqwest::header::HeaderValue::from_static(ct),
            );
            *r.body_mut() = Some(bytes.clone().into());
        }
        self.signer.sign(&mut r, SystemTime::now());
        let url = r.url();
        let mut target = url.path().to_string();
        if let Some(q) = url.query() {
            target.push('?');
            target.push_str(q);
        }
        let mut raw = RawRequest::new(r.method().as_str(), &target);
        raw.headers
            .push((b"Host".to_vec(), self.run.host.as_bytes().to_vec()));
        for (name, value) in r.headers() {
            raw.headers
                .push((name.as_str().as_bytes().to_vec(), value.as_bytes().to_vec()));
        }
        raw.body = r
            .body()
            .and_then(|b| b.as_bytes())
            .map(<[u8]>::to_vec)
            .unwrap_or_default();
        Ok(raw)
    }
}

/// A field's value as HTTP defines it: every line of that name, each
/// without surrounding spaces, joined with `, `; `None` when absent.
fn field(req: &RawRequest, name: &str) -> Option<Vec<u8>> {
    let values: Vec<&[u8]> = req
        .headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case(name.as_bytes()))
        .map(|(_, v)| v.trim_ascii())
        .collect();
    (!values.is_empty()).then(|| values.join(&b", "[..]))
}

/// What the documented scheme signs, read from the request as sent.
fn signed_parts(req: &RawRequest) -> Vec<u8> {
    let mut m = req.method.clone();
    for name in ["content-length", "content-md5", "content-type"] {
        m.push(b'\n');
        m.extend(field(req, name).unwrap_or_default());
    }
    m.push(b'\n');
    let date = field(req, "x-imagen-date").or_else(|| {
        field(req, "date").filter(|d| {
            // Date counts only when it is an IMF-fixdate (httpdate's own format).
            std::str::from_utf8(d).is_ok_and(|s| s.ends_with(" GMT") && s.len() == 29)
        })
    });
    m.extend(date.unwrap_or_else(|| b"(no date)".to_vec()));
    m.push(b'\n');
    m.extend_from_slice(&req.target);
    m
}

fn signature_of(req: &RawRequest) -> Option<Vec<u8>> {
    field(req, "x-imagen-api-signature")
}

fn set_body(req: &mut RawRequest, body: Vec<u8>, length: bool, md5: bool) {
    if length {
        req.set_header("Content-Length", body.len().to_string().as_bytes());
    }
    if md5 {
        req.set_header("Content-MD5", content_md5(&body).as_bytes());
    }
    req.body = body;
}

fn upper_lower(v: &mut [u8], d: &mut Data) {
    if v.is_empty() {
        return;
    }
    let i = d.below(v.len());
    v[i] = if v[i].is_ascii_uppercase() {
        v[i].to_ascii_lowercase()
    } else {
        v[i].to_ascii_uppercase()
    };
}

fn change_char(v: &mut Vec<u8>, d: &mut Data) {
    if v.is_empty() {
        v.push(b'x');
        return;
    }
    let i = d.below(v.len());
    let c = d.byte();
    v[i] = if c == v[i] { c.wrapping_add(1) } else { c };
}

/// Changes one part of `req` as the program says; returns the sub-operation's name.
fn mutate(req: &mut RawRequest, op: usize, d: &mut Data, now: SystemTime) -> &'static str {
    let sub = d.byte() as usize;
    match OPS[op] {
        "method" => {
            let methods: &[&[u8]] = &[b"POST", b"PUT", b"GET", b"DELETE", b"HEAD", b"OPTIONS"];
            match sub % 3 {
                0 => {
                    req.method = req.method.to_ascii_lowercase();
                    "lower case"
                }
                1 => {
                    req.method = methods[d.below(methods.len())].to_vec();
                    "another method"
                }
                _ => {
                    let mut m = req.method.clone();
                    change_char(&mut m, d);
                    req.method = m;
                    "a changed character"
                }
            }
        }
        "date" => {
            let date = req.header("x-imagen-date").unwrap_or_default().to_vec();
            match sub % 8 {
                0 => {
                    let secs = [1u64, 2, 59, 60, 3600, 86_400][d.below(6)];
                    let t = if d.byte().is_multiple_of(2) {
                        now + Duration::from_secs(secs)
                    } else {
                        now - Duration::from_secs(secs)
                    };
                    req.set_header("X-Imagen-Date", imf_fixdate(t).as_bytes());
                    "another instant"
                }
                1 => {
                    let mut v = date;
                    change_char(&mut v, d);
                    req.set_header("X-Imagen-Date", &v);
                    "a changed character"
                }
                2 => {
                    req.remove_header("X-Imagen-Date");
                    "removed"
                }
                3 => {
                    req.remove_header("X-Imagen-Date");
                    req.set_header("Date", &date);
                    "moved to Date"
                }
                4 => {
                    req.set_header("Date", imf_fixdate(now + Duration::from_secs(7)).as_bytes());
                    "an unsigned Date beside it"
                }
                5 => {
                    req.headers.push((
                        b"X-Imagen-Date".to_vec(),
                        imf_fixdate(now + Duration::from_secs(1)).into_bytes(),
                    ));
                    "repeated with another value"
                }
                6 => {
                    let v = String::from_utf8_lossy(&date).replace("GMT", "gmt");
                    req.set_header("X-Imagen-Date", v.as_bytes());
                    "lower-case zone"
                }
                _ => {
                    let v = String::from_utf8_lossy(&date).replace(' ', "  ");
                    req.set_header("X-Imagen-Date", v.as_bytes());
                    "doubled spaces"
                }
            }
        }
        "content-length" => match sub % 5 {
            0 if !req.body.is_empty() => {
                let v = format!("0{}", req.body.len());
                req.set_header("Content-Length", v.as_bytes());
                "leading zero"
            }
            1 if !req.body.is_empty() => {
                let mut b = req.body.clone();
                b.push(b'\n');
                set_body(req, b, true, false);
                "one byte more (MD5 kept)"
            }
            2 if !req.body.is_empty() => {
                let mut b = req.body.clone();
                b.truncate(b.len() - 1);
                set_body(req, b, true, true);
                "one byte less, MD5 recomputed"
            }
            3 if !req.body.is_empty() => {
                req.remove_header("Content-Length");
                req.chunked = true;
                "chunked instead"
            }
            _ => {
                if req.body.is_empty() {
                    req.set_header("Content-Length", b"0");
                    "Content-Length: 0 added"
                } else {
                    req.remove_header("Content-Length");
                    req.remove_header("Content-MD5");
                    req.chunked = true;
                    "chunked, no length and no MD5"
                }
            }
        },
        "content-md5" => {
            let md5 = req.header("content-md5").map(<[u8]>::to_vec);
            match (sub % 5, md5) {
                (0, Some(mut v)) => {
                    change_char(&mut v, d);
                    req.set_header("Content-MD5", &v);
                    "a changed character"
                }
                (1, Some(_)) => {
                    req.remove_header("Content-MD5");
                    "removed"
                }
                (2, Some(_)) => {
                    let mut b = req.body.clone();
                    let i = d.below(b.len());
                    b[i] = if b[i] == b'a' { b'b' } else { b'a' };
                    set_body(req, b, false, true);
                    "recomputed for a changed body"
                }
                (3, Some(v)) => {
                    req.set_header("Content-MD5", &v.to_ascii_lowercase());
                    "lower case"
                }
                _ => {
                    req.set_header("Content-MD5", content_md5(&req.body).as_bytes());
                    req.set_header("Content-MD5", content_md5(&req.body).as_bytes());
                    if req.body.is_empty() {
                        "added for the empty body"
                    } else {
                        "rewritten, same value"
                    }
                }
            }
        }
        "content-type" => {
            let ct = req.header("content-type").map(<[u8]>::to_vec);
            match sub % 7 {
                0 => {
                    let mut v = ct.unwrap_or_else(|| b"application/xml".to_vec());
                    upper_lower(&mut v, d);
                    req.set_header("Content-Type", &v);
                    "a letter's case"
                }
                1 => {
                    let mut v = ct.unwrap_or_default();
                    v.extend_from_slice(b"; x=y");
                    req.set_header("Content-Type", &v);
                    "a parameter added"
                }
                2 => {
                    req.remove_header("Content-Type");
                    "removed"
                }
                3 => {
                    let v: Vec<u8> = d.rest().into_iter().filter(|&c| is_value_byte(c)).collect();
                    req.set_header("Content-Type", &v);
                    "replaced"
                }
                4 => {
                    req.headers
                        .push((b"Content-Type".to_vec(), b"text/plain".to_vec()));
                    "repeated with another value"
                }
                5 => {
                    let v = String::from_utf8_lossy(&ct.unwrap_or_default()).replace("; ", ";");
                    req.set_header("Content-Type", v.as_bytes());
                    "space removed"
                }
                _ => {
                    req.set_header("Content-Type", b"application/xml");
                    "set to application/xml"
                }
            }
        }
        "resource" => {
            let t = req.target.clone();
            let (path, query) = match t.iter().position(|&c| c == b'?') {
                Some(i) => (t[..i].to_vec(), Some(t[i + 1..].to_vec())),
                None => (t.clone(), None),
            };
            let join = |p: Vec<u8>, q: Option<Vec<u8>>| match q {
                Some(q) => [p, b"?".to_vec(), q].concat(),
                None => p,
            };
            match sub % 10 {
                0 => {
                    // Percent-encode one letter of the path.
                    let letters: Vec<usize> = (0..path.len())
                        .filter(|&i| path[i].is_ascii_alphanumeric())
                        .collect();
                    if let Some(&i) = letters.get(d.below(letters.len())) {
                        let enc = format!("%{:02X}", path[i]);
                        let mut p = path.clone();
                        p.splice(i..i + 1, enc.bytes());
                        req.target = join(p, query);
                    }
                    "a letter percent-encoded"
                }
                1 => {
                    // Change the case of an escape's hex digits.
                    let mut t2 = t.clone();
                    let esc: Vec<usize> = (0..t2.len()).filter(|&i| t2[i] == b'%').collect();
                    if let Some(&i) = esc.get(d.below(esc.len())) {
                        for c in t2.iter_mut().skip(i + 1).take(2) {
                            *c = if c.is_ascii_uppercase() {
                                c.to_ascii_lowercase()
                            } else {
                                c.to_ascii_uppercase()
                            };
                        }
                    } else {
                        t2.extend_from_slice(b"%2f");
                    }
                    req.target = t2;
                    "hex case of an escape"
                }
                2 => {
                    req.target = join(
                        path,
                        Some(match query {
                            Some(q) => [q, b"&x=1".to_vec()].concat(),
                            None => b"x=1".to_vec(),
                        }),
                    );
                    "a query parameter added"
                }
                3 => {
                    req.target = join(path, None);
                    "query removed"
                }
                4 => {
                    let mut p = path.clone();
                    p.push(b'/');
                    req.target = join(p, query);
                    "trailing slash"
                }
                5 => {
                    let p = [b"/".to_vec(), path.clone()].concat();
                    req.target = join(p, query);
                    "doubled leading slash"
                }
                6 => {
                    let mut t2 = t.clone();
                    t2.push(b'?');
                    req.target = t2;
                    "a ? appended"
                }
                7 => {
                    let p = String::from_utf8_lossy(&path).replacen("/v1/", "/./v1/", 1);
                    req.target = join(p.into_bytes(), query);
                    "a dot segment"
                }
                8 => {
                    let s = String::from_utf8_lossy(&t);
                    let s = if s.contains("%20") {
                        s.replace("%20", "+")
                    } else {
                        format!("{s}{}x=a+b", if query.is_some() { "&" } else { "?" })
                    };
                    req.target = s.into_bytes();
                    "%20 and +"
                }
                _ => {
                    let mut t2 = t.clone();
                    change_char(&mut t2, d);
                    req.target = sendable_target(&t2);
                    "a changed character"
                }
            }
        }
        "body" => {
            let mut b = req.body.clone();
            match sub % 4 {
                0 => {
                    change_char(&mut b, d);
                    let same = b.len() == req.body.len();
                    set_body(req, b, !same, false);
                    "a changed byte (length and MD5 kept)"
                }
                1 => {
                    change_char(&mut b, d);
                    let same = b.len() == req.body.len();
                    set_body(req, b, !same, true);
                    "a changed byte, MD5 recomputed"
                }
                2 => {
                    let n = d.below(b.len().max(1));
                    b.truncate(n);
                    set_body(req, b, true, true);
                    "truncated, length and MD5 recomputed"
                }
                _ => {
                    b.extend_from_slice(&d.rest());
                    req.remove_header("Content-Length");
                    req.chunked = true;
                    if req.has_header("content-md5") {
                        req.set_header("Content-MD5", content_md5(&b).as_bytes());
                    }
                    req.body = b;
                    "more bytes, chunked, MD5 recomputed"
                }
            }
        }
        "signature" => {
            let sig = req
                .header("x-imagen-api-signature")
                .unwrap_or_default()
                .to_vec();
            let s = String::from_utf8_lossy(&sig).to_string();
            let v: Vec<u8> = match sub % 8 {
                0 => {
                    let mut v = sig.clone();
                    let i = 12 + d.below(v.len().saturating_sub(12));
                    if let Some(c) = v.get_mut(i) {
                        *c = if *c == b'A' { b'B' } else { b'A' };
                    }
                    v
                }
                1 => s.replacen("HMAC-SHA256", "hmac-sha256", 1).into_bytes(),
                2 => s.replacen(' ', "  ", 1).into_bytes(),
                3 => sig[..sig.len().saturating_sub(1 + d.below(8))].to_vec(),
                4 => {
                    req.remove_header("X-Imagen-API-Signature");
                    return "removed";
                }
                5 => format!("{s}=").into_bytes(),
                6 => s.trim_end_matches('=').as_bytes().to_vec(),
                _ => {
                    // A valid signature with another secret.
                    let mut sts = String::from_utf8_lossy(&signed_parts(req)).to_string();
                    sts.push('x');
                    format!("HMAC-SHA256 {}", content_md5(sts.as_bytes())).into_bytes()
                }
            };
            req.set_header("X-Imagen-API-Signature", &v);
            [
                "a changed character",
                "lower-case scheme",
                "doubled space",
                "truncated",
                "",
                "padding added",
                "padding removed",
                "another signature",
            ][sub % 8]
        }
        "unsigned header" => {
            match sub % 4 {
                0 => {
                    let v: Vec<u8> = d.rest().into_iter().filter(|&c| is_value_byte(c)).collect();
                    req.headers.push((b"X-Fuzz".to_vec(), v));
                }
                1 => req.set_header("Accept", b"application/json"),
                2 => req.set_header("User-Agent", b"imagen-fuzz/\xff"),
                _ => req.set_header("X-Imagen-Pathprefix", b"/mnt/"),
            }
            "added"
        }
        "header name case" => {
            let signed = [
                "content-type",
                "content-md5",
                "content-length",
                "x-imagen-date",
                "x-imagen-api-signature",
                "x-imagen-api-key",
            ];
            let name = signed[d.below(signed.len())];
            for (n, _) in req.headers.iter_mut() {
                if n.eq_ignore_ascii_case(name.as_bytes()) {
                    *n = if sub.is_multiple_of(2) {
                        n.to_ascii_uppercase()
                    } else {
                        n.to_ascii_lowercase()
                    };
                }
            }
            "changed"
        }
        "header order" => {
            if !req.headers.is_empty() {
                let i = d.below(req.headers.len());
                let h = req.headers.remove(i);
                req.headers.push(h);
            }
            "one header moved last"
        }
        _ => {
            // Spaces around a signed value: not part of the field's value.
            let names = ["x-imagen-date", "content-type", "content-md5"];
            let name = names[d.below(names.len())];
            for (n, v) in req.headers.iter_mut() {
                if n.eq_ignore_ascii_case(name.as_bytes()) {
                    if sub.is_multiple_of(2) {
                        v.insert(0, b' ');
                    } else {
                        v.extend_from_slice(b" \t");
                    }
                }
            }
            "spaces around a value"
        }
    }
}

/// Removes what HTTP cannot carry (the sent request must parse).
fn sendable(req: &mut RawRequest) {
    req.method.retain(|&c| is_tchar(c));
    if req.method.is_empty() {
        req.method = b"GET".to_vec();
    }
    for (_, v) in req.headers.iter_mut() {
        v.retain(|&c| is_value_byte(c));
    }
    if req.target.first() != Some(&b'/') {
        req.target.insert(0, b'/');
    }
}

fn answer_key(resp: &Response, doc: &Option<(String, String)>) -> (u16, String) {
    (
        resp.status,
        doc.as_ref().map(|d| d.0.clone()).unwrap_or_default(),
    )
}

impl Target for SignatureTarget {
    fn run(&mut self, input: &[u8]) -> Outcome {
        let mut d = Data { b: input, i: 0 };
        let base = d.below(self.bases.len());
        let op = d.below(OPS.len());
        let original = match self.signed(base) {
            Ok(r) => r,
            Err(e) => return Outcome::found(0, Finding::new("harness", e, String::new())),
        };
        let mut req = original.clone();
        let now = SystemTime::now();
        let sub = mutate(&mut req, op, &mut d, now);
        sendable(&mut req);
        let signed_changed = signed_parts(&req) != signed_parts(&original);
        let sig_changed = signature_of(&req) != signature_of(&original);
        let (resp, _, doc) = match exchange(&mut self.client, &req) {
            Ok(x) => x,
            Err(f) => return Outcome::found(hash_of((op, &f.kind)), f),
        };
        let mut accepted = false;
        if resp.status != 401 && req.has_header("x-imagen-api-signature") {
            // The control: the same request with a signature that is wrong.
            let mut control = req.clone();
            control.set_header(
                "X-Imagen-API-Signature",
                b"HMAC-SHA256 AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            );
            match exchange(&mut self.client, &control) {
                Ok((cresp, _, cdoc)) => {
                    accepted = answer_key(&resp, &doc) != answer_key(&cresp, &cdoc);
                }
                Err(f) => return Outcome::found(hash_of((op, &f.kind)), f),
            }
        }
        let feature = hash_of((
            base,
            op,
            sub,
            resp.status,
            doc.as_ref().map(|d| crate::targets::template(&d.0)),
            accepted,
            signed_changed,
        ));
        if accepted && (signed_changed || sig_changed) {
            let part = if signed_changed { OPS[op] } else { "signature" };
            return Outcome::found(
                feature,
                Finding::new(
                    "accepted-tampered",
                    format!("accepted a signed request whose {part} was changed ({sub})"),
                    format!(
                        "answer: {} {}\n\nsigned by the runtime:\n{}\n\nsent:\n{}\n\nanswer:\n{}\n\nwhat the documented scheme signs, before:\n{}\nafter:\n{}",
                        resp.status,
                        doc.as_ref().map(|d| d.0.as_str()).unwrap_or("(success)"),
                        original.show(),
                        req.show(),
                        resp.show(),
                        crate::targets::show(&signed_parts(&original), 2000),
                        crate::targets::show(&signed_parts(&req), 2000)
                    ),
                ),
            );
        }
        Outcome::ok(feature)
    }
}
