//! Error answers and the JSON/XML rendering of every answer.
//!
//! Handlers never look at `Accept`: they return an [`ApiError`] or a
//! [`Reply`], which only park their content in the response's extensions.
//! The outer middleware ([`crate::server`]) knows the request's `Accept`
//! header and renders the parked content as JSON or XML there. This keeps the
//! choice of format in one place, also for answers that no handler produced
//! (unknown paths, 405s, injected faults, rejected extractors).
//!
//! Statuses and messages follow the error conventions table of
//! `docs/contract.md`; the constants below are those exact messages, so the
//! runtime (which classifies by them) and the emulator cannot drift apart
//! silently.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

/// 401: no credentials at all.
pub const MSG_NO_AUTH: &str = "Some authentication must be supplied.";
/// 401: the API key is not known.
pub const MSG_UNKNOWN_KEY: &str = "Unknown API key.";
/// 401: signature mismatch.
pub const MSG_BAD_SIGNATURE: &str = "The request signature does not match.";
/// 401: date outside the ±5 minute window (or unreadable).
pub const MSG_DATE: &str = "The request date is outside the allowed window.";
/// 401: bearer token unknown, expired, revoked or of another application.
pub const MSG_TOKEN: &str = "The access token is invalid or has expired.";
/// 403: application disabled by an administrator.
pub const MSG_DISABLED: &str = "The application is disabled.";
/// 403: an application-context request on a user-context resource.
pub const MSG_NEEDS_USER: &str = "This resource requires user authentication.";
/// 403: a user-context request on an application-context resource (not in the
/// contract table; the runtime classifies it as a plain 403).
pub const MSG_NEEDS_APP: &str = "This resource requires application authentication.";
/// 400: body or query that is not UTF-8.
pub const MSG_NOT_UTF8: &str = "The request is not valid UTF-8.";

/// The message for a missing scope (exact contract wording).
pub fn msg_missing_scope(scope: &str) -> String {
    format!("The application lacks the scope '{scope}' required by this resource.")
}

/// An Imagen error answer: status, `Message`, `Details`, and extra headers.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
    pub details: String,
    pub retry_after: Option<u64>,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>, details: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
            details: details.into(),
            retry_after: None,
        }
    }
    pub fn unauthorized(message: &str, details: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, message, details)
    }
    pub fn forbidden(message: impl Into<String>, details: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, message, details)
    }
    pub fn bad_request(message: impl Into<String>, details: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message, details)
    }
    pub fn not_found(message: impl Into<String>, details: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message, details)
    }
    pub fn not_utf8(details: impl Into<String>) -> Self {
        Self::bad_request(MSG_NOT_UTF8, details)
    }
}

/// What the render middleware finds in a response's extensions.
#[derive(Debug, Clone)]
pub(crate) enum Parked {
    Error(ApiError),
    Data {
        value: Value,
        /// XML root element name.
        root: &'static str,
        /// XML element name of each item when `value` is an array.
        item: &'static str,
    },
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut resp = self.status.into_response();
        if let Some(secs) = self.retry_after
            && let Ok(v) = HeaderValue::from_str(&secs.to_string())
        {
            resp.headers_mut().insert(header::RETRY_AFTER, v);
        }
        resp.extensions_mut().insert(Parked::Error(self));
        resp
    }
}

/// A successful data answer, rendered as JSON (`Accept: application/json`)
/// or XML (the Imagen default).
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: StatusCode,
    pub value: Value,
    pub root: &'static str,
    pub item: &'static str,
}

impl Reply {
    /// An object answer; `root` names the XML root element. For answers that
    /// are wrapped (`{"Application": {...}}`), pass the wrapped value and the
    /// wrapper's single key is used as root instead.
    pub fn object(root: &'static str, value: Value) -> Self {
        Reply {
            status: StatusCode::OK,
            value,
            root,
            item: "Item",
        }
    }
    /// A list answer: a JSON array; in XML `<root><item/>…</root>`.
    pub fn list(root: &'static str, item: &'static str, value: Value) -> Self {
        Reply {
            status: StatusCode::OK,
            value,
            root,
            item,
        }
    }
}

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        let mut resp = self.status.into_response();
        resp.extensions_mut().insert(Parked::Data {
            value: self.value,
            root: self.root,
            item: self.item,
        });
        resp
    }
}

/// Does this `Accept` header ask for JSON?
pub(crate) fn wants_json(accept: Option<&HeaderValue>) -> bool {
    accept
        .and_then(|v| v.to_str().ok())
        .map(|s| s.to_ascii_lowercase().contains("application/json"))
        .unwrap_or(false)
}

pub(crate) const JSON_UTF8: &str = "application/json; charset=utf-8";
pub(crate) const XML_UTF8: &str = "application/xml; charset=utf-8";

/// Render parked content into a body and a content type.
pub(crate) fn render(parked: &Parked, json: bool) -> (String, &'static str) {
    match parked {
        Parked::Error(e) => {
            if json {
                let v = serde_json::json!({"Error": {"Message": e.message, "Details": e.details}});
                (v.to_string(), JSON_UTF8)
            } else {
                let mut s =
                    String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Error><Message>");
                s.push_str(&escape(&e.message));
                s.push_str("</Message><Details>");
                s.push_str(&escape(&e.details));
                s.push_str("</Details></Error>");
                (s, XML_UTF8)
            }
        }
        Parked::Data { value, root, item } => {
            if json {
                (value.to_string(), JSON_UTF8)
            } else {
                let mut s = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
                match value {
                    // A wrapped object ({"Application": {...}}) is its own root.
                    Value::Object(m)
                        if m.len() == 1 && m.keys().next().map(String::as_str) == Some(*root) =>
                    {
                        if let Some((k, v)) = m.iter().next() {
                            write_xml(&mut s, k, v, item);
                        }
                    }
                    _ => write_xml(&mut s, root, value, item),
                }
                (s, XML_UTF8)
            }
        }
    }
}

/// Escape text for XML element content and attribute values.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

fn is_xml_name(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_alphabetic() || c == '_' => {}
        _ => return false,
    }
    chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// JSON → XML: object keys become elements, an array under key `k` becomes
/// repeated `<k>` elements, a top-level array becomes `<root><item/>…`.
/// Keys that are not XML names (free-form record field names) are written as
/// `<Field name="…">`.
fn write_xml(out: &mut String, name: &str, v: &Value, item: &str) {
    let (open, close) = if is_xml_name(name) {
        (format!("<{name}>"), format!("</{name}>"))
    } else {
        (
            format!("<Field name=\"{}\">", escape(name)),
            "</Field>".to_string(),
        )
    };
    match v {
        Value::Array(items) => {
            out.push_str(&open);
            for i in items {
                write_xml(out, item, i, "Item");
            }
            out.push_str(&close);
        }
        Value::Object(m) => {
            out.push_str(&open);
            for (k, v) in m {
                if let Value::Array(items) = v {
                    match singular(k) {
                        // `Records: [..]` → `<Records><Record/>…</Records>`,
                        // wrapped so that an empty list stays visible.
                        Some(one) => {
                            out.push_str(&format!("<{k}>"));
                            for i in items {
                                write_xml(out, one, i, "Item");
                            }
                            out.push_str(&format!("</{k}>"));
                        }
                        // `Scope: [..]` → repeated `<Scope>` elements.
                        None => {
                            for i in items {
                                write_xml(out, k, i, "Item");
                            }
                        }
                    }
                } else {
                    write_xml(out, k, v, "Item");
                }
            }
            out.push_str(&close);
        }
        Value::Null => {
            out.push_str(&open);
            out.push_str(&close);
        }
        Value::String(s) => {
            out.push_str(&open);
            out.push_str(&escape(s));
            out.push_str(&close);
        }
        other => {
            out.push_str(&open);
            out.push_str(&other.to_string());
            out.push_str(&close);
        }
    }
}

/// Element name of one item of a plural list field: `Records` → `Record`,
/// `RecordIDs` → `RecordID`, `Entries` → `Entry`; `None` for a singular key.
fn singular(k: &str) -> Option<&str> {
    match k {
        "Entries" => Some("Entry"),
        _ => k.strip_suffix('s'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_of_wrapped_object() {
        let v = serde_json::json!({"Application": {"Name": "Zoë & co", "Scopes": {"Scope": [{"Name": "a"}, {"Name": "b"}]}}});
        let (s, ct) = render(
            &Parked::Data {
                value: v,
                root: "Application",
                item: "Item",
            },
            false,
        );
        assert_eq!(ct, XML_UTF8);
        assert!(s.ends_with("<Application><Name>Zoë &amp; co</Name><Scopes><Scope><Name>a</Name></Scope><Scope><Name>b</Name></Scope></Scopes></Application>"), "{s}");
    }

    #[test]
    fn error_bodies() {
        let e = Parked::Error(ApiError::unauthorized(MSG_NO_AUTH, "x<y"));
        assert_eq!(
            render(&e, true).0,
            r#"{"Error":{"Details":"x<y","Message":"Some authentication must be supplied."}}"#
        );
        assert!(render(&e, false)
            .0
            .ends_with("<Error><Message>Some authentication must be supplied.</Message><Details>x&lt;y</Details></Error>"));
    }
}
