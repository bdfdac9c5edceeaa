//! The request extractor every handler takes ([`Req`]) and the helpers that
//! read its parts: strictly decoded query and form parameters ([`Params`],
//! [`parse_form`], [`form_decode`]) and percent-decoded path segments.
//!
//! Why not axum's typed extractors (`Path`, `Query`, `Form`, `Bytes`)?
//! 1. Application-context requests are verified against the request exactly
//!    as sent: the signature covers the path and query string byte for byte
//!    and the headers as they arrived, which a decoded extractor no longer
//!    has.
//! 2. Every malformed input (a body that is not UTF-8, a `Content-MD5` that
//!    does not match, a query that does not percent-decode, a body over the
//!    limit) must be answered with Imagen's standard error document, not an
//!    extractor's plain-text rejection.
//!
//! So the body is read once here, bounded by [`crate::limits::MAX_BODY_BYTES`],
//! checked for UTF-8 and against `Content-MD5`, and handlers pick the parts
//! they need. It lives apart from the router ([`crate::server`]) so that the
//! areas that use it (`api`, `oauth`, `admin`, `auth`) depend on it and not
//! on the module that composes them.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderMap, Method, Uri};
use base64::Engine;
use md5::{Digest, Md5};
use percent_encoding::percent_decode;

use crate::error::ApiError;

/// The raw request as a handler sees it: body already read, checked for
/// UTF-8 and against `Content-MD5`.
pub struct Req {
    pub method: Method,
    pub uri: Uri,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl<S: Send + Sync> FromRequest<S> for Req {
    type Rejection = ApiError;

    async fn from_request(req: Request, _state: &S) -> Result<Self, ApiError> {
        let (parts, body) = req.into_parts();
        let body = axum::body::to_bytes(body, crate::limits::MAX_BODY_BYTES)
            .await
            .map_err(|e| {
                // A body without Content-Length that grows past the limit
                // (one with it is refused by `limits::guard` up front);
                // http-body-util's limit error says "length limit exceeded".
                let over =
                    std::iter::successors(Some(&e as &(dyn std::error::Error + 'static)), |e| {
                        e.source()
                    })
                    .any(|e| e.to_string().contains("length limit"));
                if over {
                    crate::limits::too_large()
                } else {
                    ApiError::bad_request("The request body could not be read.", e.to_string())
                }
            })?;
        if std::str::from_utf8(&body).is_err() {
            return Err(ApiError::not_utf8("The request body is not UTF-8."));
        }
        if let Some(md5) = parts.headers.get("content-md5") {
            let digest = Md5::digest(&body);
            let expected = base64::engine::general_purpose::STANDARD.encode(digest);
            if md5.as_bytes() != expected.as_bytes() {
                return Err(ApiError::bad_request(
                    "The Content-MD5 header does not match the request body.",
                    format!("MD5 of the body (base64): {expected}"),
                ));
            }
        }
        Ok(Req {
            method: parts.method,
            uri: parts.uri,
            headers: parts.headers,
            body,
        })
    }
}

/// Strictly decode one `application/x-www-form-urlencoded` component.
pub fn form_decode(s: &str) -> Result<String, ApiError> {
    let plus = s.replace('+', " ");
    percent_decode(plus.as_bytes())
        .decode_utf8()
        .map(|c| c.into_owned())
        .map_err(|_| ApiError::not_utf8(format!("'{s}' does not decode to UTF-8.")))
}

/// Parse a query string or form body into (name, value) pairs.
pub fn parse_form(s: &str) -> Result<Vec<(String, String)>, ApiError> {
    s.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            Ok((form_decode(k)?, form_decode(v)?))
        })
        .collect()
}

impl Req {
    /// The query parameters (decoded).
    pub fn query(&self) -> Result<Params, ApiError> {
        Ok(Params(parse_form(self.uri.query().unwrap_or(""))?))
    }
    /// The body as form parameters.
    pub fn form(&self) -> Result<Params, ApiError> {
        let s = std::str::from_utf8(&self.body)
            .map_err(|_| ApiError::not_utf8("The body is not UTF-8."))?;
        Ok(Params(parse_form(s)?))
    }
    /// Path segment `i` (0-based, after the leading `/`), percent-decoded.
    pub fn segment(&self, i: usize) -> Result<String, ApiError> {
        let raw = self.uri.path().split('/').nth(i + 1).unwrap_or("");
        percent_decode(raw.as_bytes())
            .decode_utf8()
            .map(|c| c.into_owned())
            .map_err(|_| ApiError::not_utf8("A path segment does not decode to UTF-8."))
    }
    pub fn body_str(&self) -> &str {
        std::str::from_utf8(&self.body).unwrap_or("")
    }
    pub fn header_str(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// Decoded query or form parameters.
pub struct Params(pub Vec<(String, String)>);

impl Params {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
    /// An optional integer parameter; a malformed one is a 400.
    pub fn int(&self, name: &str) -> Result<Option<i64>, ApiError> {
        match self.get(name) {
            None | Some("") => Ok(None),
            Some(v) => v.trim().parse().map(Some).map_err(|_| {
                ApiError::bad_request(
                    format!("Invalid value for parameter '{name}'."),
                    format!("'{v}' is not an integer."),
                )
            }),
        }
    }
    /// An optional boolean parameter (`true`/`false`/`1`/`0`).
    pub fn bool(&self, name: &str) -> Result<Option<bool>, ApiError> {
        match self.get(name) {
            None | Some("") => Ok(None),
            Some(v) => match v.to_ascii_lowercase().as_str() {
                "true" | "1" => Ok(Some(true)),
                "false" | "0" => Ok(Some(false)),
                _ => Err(ApiError::bad_request(
                    format!("Invalid value for parameter '{name}'."),
                    format!("'{v}' is not a boolean (true, false, 1, 0)."),
                )),
            },
        }
    }
}
