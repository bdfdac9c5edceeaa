//! A minimal HTTP/1.1 client over a blocking `TcpStream`, so that the
//! request goes out byte for byte as the target built it (method, target,
//! header case and order, duplicates, chunked bodies) — which a client
//! library would normalize. Keep-alive, `Content-Length` and chunked
//! answers; nothing else.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

/// A request as it goes on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRequest {
    pub method: Vec<u8>,
    /// The request target (`/path?query`), sent as it is.
    pub target: Vec<u8>,
    /// Header lines in order, names and values as sent.
    pub headers: Vec<(Vec<u8>, Vec<u8>)>,
    pub body: Vec<u8>,
    /// Send the body chunked (no `Content-Length` is added).
    pub chunked: bool,
    /// Add `Content-Length` for the body when no header of that name is there.
    pub auto_length: bool,
}

impl RawRequest {
    pub fn new(method: &str, target: &str) -> Self {
        RawRequest {
            method: method.as_bytes().to_vec(),
            target: target.as_bytes().to_vec(),
            headers: Vec::new(),
            body: Vec::new(),
            chunked: false,
            auto_length: true,
        }
    }

    pub fn header(&self, name: &str) -> Option<&[u8]> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name.as_bytes()))
            .map(|(_, v)| v.as_slice())
    }

    pub fn has_header(&self, name: &str) -> bool {
        self.header(name).is_some()
    }

    pub fn set_header(&mut self, name: &str, value: &[u8]) {
        self.headers
            .retain(|(n, _)| !n.eq_ignore_ascii_case(name.as_bytes()));
        self.headers
            .push((name.as_bytes().to_vec(), value.to_vec()));
    }

    pub fn remove_header(&mut self, name: &str) {
        self.headers
            .retain(|(n, _)| !n.eq_ignore_ascii_case(name.as_bytes()));
    }

    /// The bytes sent.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.body.len() + 512);
        out.extend_from_slice(&self.method);
        out.push(b' ');
        out.extend_from_slice(&self.target);
        out.extend_from_slice(b" HTTP/1.1\r\n");
        for (n, v) in &self.headers {
            out.extend_from_slice(n);
            out.extend_from_slice(b": ");
            out.extend_from_slice(v);
            out.extend_from_slice(b"\r\n");
        }
        if self.chunked {
            out.extend_from_slice(b"Transfer-Encoding: chunked\r\n\r\n");
            for chunk in self.body.chunks(1000) {
                out.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
                out.extend_from_slice(chunk);
                out.extend_from_slice(b"\r\n");
            }
            out.extend_from_slice(b"0\r\n\r\n");
        } else {
            if self.auto_length && !self.has_header("content-length") && !self.body.is_empty() {
                out.extend_from_slice(
                    format!("Content-Length: {}\r\n", self.body.len()).as_bytes(),
                );
            }
            out.extend_from_slice(b"\r\n");
            out.extend_from_slice(&self.body);
        }
        out
    }

    /// The request as text for a reproducer's notes.
    pub fn show(&self) -> String {
        super::targets::show(&self.to_bytes(), 8000)
    }
}

/// An answer.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, Vec<u8>)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .and_then(|(_, v)| std::str::from_utf8(v).ok())
    }

    pub fn show(&self) -> String {
        let mut s = format!("HTTP {}\n", self.status);
        for (n, v) in &self.headers {
            s.push_str(&format!("{n}: {}\n", String::from_utf8_lossy(v)));
        }
        s.push('\n');
        s.push_str(&super::targets::show(&self.body, 4000));
        s
    }
}

/// Why no answer came.
#[derive(Debug)]
pub enum HttpError {
    /// Nothing listens any more.
    Refused(String),
    /// The connection closed before a whole answer arrived.
    Closed(String),
    /// No answer within the time limit.
    Timeout,
    /// The answer is not HTTP as this client reads it.
    Malformed(String),
}

impl std::fmt::Display for HttpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HttpError::Refused(e) => write!(f, "connection refused: {e}"),
            HttpError::Closed(e) => write!(f, "connection closed without a whole answer: {e}"),
            HttpError::Timeout => write!(f, "no answer in time"),
            HttpError::Malformed(e) => write!(f, "malformed answer: {e}"),
        }
    }
}

/// A keep-alive connection to one server.
pub struct Client {
    addr: SocketAddr,
    timeout: Duration,
    conn: Option<BufReader<TcpStream>>,
}

fn is_timeout(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
    )
}

impl Client {
    pub fn new(addr: SocketAddr, timeout: Duration) -> Self {
        Client {
            addr,
            timeout,
            conn: None,
        }
    }

    fn connect(&mut self) -> Result<(), HttpError> {
        let s = TcpStream::connect_timeout(&self.addr, self.timeout)
            .map_err(|e| HttpError::Refused(e.to_string()))?;
        let _ = s.set_nodelay(true);
        let _ = s.set_read_timeout(Some(self.timeout));
        let _ = s.set_write_timeout(Some(self.timeout));
        self.conn = Some(BufReader::new(s));
        Ok(())
    }

    /// Whether a new connection can be made (the server still listens).
    pub fn alive(&self) -> bool {
        TcpStream::connect_timeout(&self.addr, Duration::from_secs(2)).is_ok()
    }

    /// Sends `req` and reads the answer. A keep-alive connection that the
    /// server had closed is retried once on a fresh one.
    pub fn send(&mut self, req: &RawRequest) -> Result<Response, HttpError> {
        let bytes = req.to_bytes();
        let head = req.method == b"HEAD";
        for attempt in 0..2 {
            let fresh = self.conn.is_none();
            if fresh {
                self.connect()?;
            }
            let conn = self.conn.as_mut().ok_or(HttpError::Timeout)?;
            if let Err(e) = conn.get_mut().write_all(&bytes) {
                self.conn = None;
                if !fresh && attempt == 0 {
                    continue;
                }
                // The server may have answered (and closed) before reading it all.
                if is_timeout(&e) {
                    return Err(HttpError::Timeout);
                }
                return Err(HttpError::Closed(format!("writing: {e}")));
            }
            match read_response(conn, head) {
                Ok((resp, keep)) => {
                    if !keep {
                        self.conn = None;
                    }
                    return Ok(resp);
                }
                Err((e, nothing_read)) => {
                    self.conn = None;
                    if nothing_read && !fresh && attempt == 0 && !matches!(e, HttpError::Timeout) {
                        continue;
                    }
                    return Err(e);
                }
            }
        }
        Err(HttpError::Closed("twice".into()))
    }
}

fn io_err(e: std::io::Error, what: &str) -> HttpError {
    if is_timeout(&e) {
        HttpError::Timeout
    } else {
        HttpError::Closed(format!("{what}: {e}"))
    }
}

/// Reads one answer; `(error, nothing was read)` on failure.
fn read_response(
    r: &mut BufReader<TcpStream>,
    head: bool,
) -> Result<(Response, bool), (HttpError, bool)> {
    let mut line = Vec::new();
    let n = r
        .read_until(b'\n', &mut line)
        .map_err(|e| (io_err(e, "status line"), true))?;
    if n == 0 {
        return Err((HttpError::Closed("no status line".into()), true));
    }
    let status_line = String::from_utf8_lossy(&line).trim_end().to_string();
    let mut parts = status_line.splitn(3, ' ');
    let version = parts.next().unwrap_or("");
    let status: u16 = parts.next().and_then(|s| s.parse().ok()).ok_or_else(|| {
        (
            HttpError::Malformed(format!("status line {status_line:?}")),
            false,
        )
    })?;
    let mut headers = Vec::new();
    let mut total = 0usize;
    loop {
        line.clear();
        let n = r
            .read_until(b'\n', &mut line)
            .map_err(|e| (io_err(e, "headers"), false))?;
        if n == 0 {
            return Err((HttpError::Closed("in the headers".into()), false));
        }
        total += n;
        if total > 256 * 1024 {
            return Err((HttpError::Malformed("headers over 256 KiB".into()), false));
        }
        let l = line.strip_suffix(b"\n").unwrap_or(&line);
        let l = l.strip_suffix(b"\r").unwrap_or(l);
        if l.is_empty() {
            break;
        }
        let Some(colon) = l.iter().position(|&c| c == b':') else {
            return Err((
                HttpError::Malformed(format!("header line {:?}", String::from_utf8_lossy(l))),
                false,
            ));
        };
        let name = String::from_utf8_lossy(&l[..colon]).to_string();
        let value = l[colon + 1..].trim_ascii().to_vec();
        headers.push((name, value));
    }
    let get = |n: &str| {
        headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(n))
            .map(|(_, v)| String::from_utf8_lossy(v).to_ascii_lowercase())
    };
    let close = get("connection").is_some_and(|v| v.contains("close")) || version == "HTTP/1.0";
    let mut body = Vec::new();
    if head || status == 204 || status == 304 || (100..200).contains(&status) {
        // no body
    } else if get("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
        loop {
            line.clear();
            r.read_until(b'\n', &mut line)
                .map_err(|e| (io_err(e, "chunk size"), false))?;
            let size_text = String::from_utf8_lossy(&line);
            let size_text = size_text.trim().split(';').next().unwrap_or("").to_string();
            let size = usize::from_str_radix(&size_text, 16).map_err(|_| {
                (
                    HttpError::Malformed(format!("chunk size {size_text:?}")),
                    false,
                )
            })?;
            if size == 0 {
                // Trailers, then the empty line.
                loop {
                    line.clear();
                    let n = r
                        .read_until(b'\n', &mut line)
                        .map_err(|e| (io_err(e, "trailer"), false))?;
                    if n == 0 || line == b"\r\n" || line == b"\n" {
                        break;
                    }
                }
                break;
            }
            if body.len() + size > 64 * 1024 * 1024 {
                return Err((HttpError::Malformed("answer over 64 MiB".into()), false));
            }
            let start = body.len();
            body.resize(start + size, 0);
            r.read_exact(&mut body[start..])
                .map_err(|e| (io_err(e, "chunk"), false))?;
            let mut crlf = [0u8; 2];
            r.read_exact(&mut crlf)
                .map_err(|e| (io_err(e, "chunk end"), false))?;
        }
    } else if let Some(len) = get("content-length") {
        let len: usize = len.trim().parse().map_err(|_| {
            (
                HttpError::Malformed(format!("content-length {len:?}")),
                false,
            )
        })?;
        if len > 64 * 1024 * 1024 {
            return Err((HttpError::Malformed("answer over 64 MiB".into()), false));
        }
        body.resize(len, 0);
        r.read_exact(&mut body)
            .map_err(|e| (io_err(e, "body"), false))?;
    } else {
        r.read_to_end(&mut body)
            .map_err(|e| (io_err(e, "body to the end"), false))?;
        return Ok((
            Response {
                status,
                headers,
                body,
            },
            false,
        ));
    }
    Ok((
        Response {
            status,
            headers,
            body,
        },
        !close,
    ))
}

/// `tchar` of RFC 9110: what a method or a header name may contain.
pub fn is_tchar(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&c)
}

/// Whether a byte may appear in a header value as sent (HTAB, SP, VCHAR, obs-text).
pub fn is_value_byte(c: u8) -> bool {
    c == b'\t' || c == b' ' || (0x21..=0x7e).contains(&c) || c >= 0x80
}
