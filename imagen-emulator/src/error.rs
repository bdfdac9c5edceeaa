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

use crate::xml::Node;

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
        /// The XML document's root element (always available).
        xml: Node,
        /// The JSON form, only where Imagen documents JSON for the resource.
        json: Option<Value>,
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

/// A successful data answer: XML (the Imagen default), and JSON for the few
/// resources whose JSON form Imagen documents, chosen by
/// `Accept: application/json`. XML-only resources answer XML whatever the
/// `Accept` header says.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: StatusCode,
    pub xml: Node,
    pub json: Option<Value>,
}

impl Reply {
    /// An XML-only answer.
    pub fn xml(xml: Node) -> Self {
        Reply {
            status: StatusCode::OK,
            xml,
            json: None,
        }
    }
    /// An answer offered as XML and JSON.
    pub fn both(xml: Node, json: Value) -> Self {
        Reply {
            status: StatusCode::OK,
            xml,
            json: Some(json),
        }
    }
}

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        let mut resp = self.status.into_response();
        resp.extensions_mut().insert(Parked::Data {
            xml: self.xml,
            json: self.json,
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

/// The standard failure document:
/// `<Error><Code>status</Code><Message/><Details/></Error>`.
pub(crate) fn error_xml(e: &ApiError) -> Node {
    Node::new("Error")
        .with("Code", e.status.as_u16())
        .with("Message", &e.message)
        .with("Details", &e.details)
}

/// Render parked content into a body and a content type.
pub(crate) fn render(parked: &Parked, json: bool) -> (String, &'static str) {
    match parked {
        Parked::Error(e) => {
            if json {
                let v = serde_json::json!({"Error": {"Message": e.message, "Details": e.details}});
                (v.to_string(), JSON_UTF8)
            } else {
                (error_xml(e).document(), XML_UTF8)
            }
        }
        Parked::Data { xml, json: j } => match j {
            Some(v) if json => (v.to_string(), JSON_UTF8),
            _ => (xml.document(), XML_UTF8),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_answers_follow_accept_only_when_json_is_offered() {
        let both = Parked::Data {
            xml: Node::new("Response").with("Result", "success"),
            json: Some(serde_json::json!({"result": "success"})),
        };
        assert_eq!(
            render(&both, true),
            (r#"{"result":"success"}"#.to_string(), JSON_UTF8)
        );
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Result>success</Result></Response>";
        assert_eq!(render(&both, false), (xml.to_string(), XML_UTF8));
        let only = Parked::Data {
            xml: Node::new("Response").with("Result", "success"),
            json: None,
        };
        assert_eq!(render(&only, true), (xml.to_string(), XML_UTF8));
    }

    #[test]
    fn error_bodies() {
        let e = Parked::Error(ApiError::unauthorized(MSG_NO_AUTH, "x<y"));
        assert_eq!(
            render(&e, true).0,
            r#"{"Error":{"Message":"Some authentication must be supplied.","Details":"x<y"}}"#
        );
        assert_eq!(
            render(&e, false).0,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>401</Code><Message>Some authentication must be supplied.</Message><Details>x&lt;y</Details></Error>"
        );
    }
}
