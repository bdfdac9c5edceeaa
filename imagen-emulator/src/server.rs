//! The HTTP layer: the router, the outer middleware (faults, `Date` header,
//! UTF-8 check of the query, JSON/XML rendering) and the [`Req`] extractor
//! that every handler uses.
//!
//! Handlers take the raw request ([`Req`]) rather than axum's typed
//! extractors because (1) the signature covers the path and query exactly as
//! sent, headers byte for byte, and (2) every malformed input must produce
//! the Imagen error body, not an extractor's plain-text rejection.

use std::sync::Arc;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use base64::Engine;
use md5::{Digest, Md5};
use percent_encoding::percent_decode;

use crate::Shared;
use crate::error::*;
use crate::store::Failure;
use crate::{admin, api, oauth};

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

/// Outer middleware: injected faults, UTF-8 query check, rendering of parked
/// answers by `Accept`, and the `Date` header of the emulator's clock.
async fn outer(State(sh): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    let json = wants_json(req.headers().get(header::ACCEPT));
    let (method, path) = (req.method().clone(), req.uri().path().to_string());
    let is_admin = path.starts_with("/emulator/");
    let mut resp = if is_admin {
        next.run(req).await
    } else {
        let (latency, fail) = {
            let mut st = sh.lock();
            let f = &mut st.faults;
            let fail = match &mut f.fail {
                Some((n, kind)) if *n > 0 => {
                    *n -= 1;
                    Some(*kind)
                }
                _ => None,
            };
            if matches!(f.fail, Some((0, _))) {
                f.fail = None;
            }
            (f.latency, fail)
        };
        if !latency.is_zero() {
            tokio::time::sleep(latency).await;
        }
        match fail {
            Some(Failure::RateLimited { retry_after_secs }) => {
                let mut e = ApiError::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    "Too many requests.",
                    format!("Retry after {retry_after_secs} seconds."),
                );
                e.retry_after = Some(retry_after_secs);
                e.into_response()
            }
            Some(Failure::Unavailable) => ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "The service is temporarily unavailable.",
                "Injected fault.",
            )
            .into_response(),
            None => match parse_form(req.uri().query().unwrap_or("")) {
                Err(e) => e.into_response(),
                Ok(_) => next.run(req).await,
            },
        }
    };
    if resp.status() == StatusCode::METHOD_NOT_ALLOWED
        && resp.extensions().get::<Parked>().is_none()
    {
        let allow = resp.headers().get(header::ALLOW).cloned();
        resp = ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "Method not allowed.", "")
            .into_response();
        if let Some(a) = allow {
            resp.headers_mut().insert(header::ALLOW, a);
        }
    }
    if let Some(parked) = resp.extensions_mut().remove::<Parked>() {
        let (body, ct) = render(&parked, json);
        *resp.body_mut() = Body::from(body);
        resp.headers_mut().remove(header::CONTENT_LENGTH);
        resp.headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(ct));
    }
    if let Ok(v) = HeaderValue::from_str(&httpdate::fmt_http_date(sh.now())) {
        resp.headers_mut().insert(header::DATE, v);
    }
    tracing::debug!(%method, %path, status = resp.status().as_u16(), "imagen emulator");
    resp
}

async fn fallback(req: Req) -> ApiError {
    ApiError::not_found(
        "No such resource.",
        format!("{} {}", req.method, req.uri.path()),
    )
}

/// The whole application: MCC routes, ImagenWeb routes and the admin API.
pub fn router(sh: Arc<Shared>) -> Router {
    Router::new()
        // MediaControlCentre
        .route("/core/v1/application", get(api::application))
        .route("/imcc/v1/record/search", get(api::record_search))
        .route("/imcc/v1/record/{recordId}", get(api::record_get))
        .route(
            "/imcc/v1/import/record/{mappingOrJob}",
            get(api::import_status)
                .put(api::import_records)
                .delete(api::import_delete),
        )
        .route("/imcc/v1/job", axum::routing::put(api::job_create))
        .route(
            "/imcc/v1/media/{mediaId}/{deleteSegments}",
            axum::routing::delete(api::media_delete),
        )
        .route("/imcc/v1/workflows", get(api::workflows))
        .route("/imcc/v1/profiles", get(api::profiles))
        .route("/imcc/v1/user", get(api::user))
        .route("/imcc/v1/rights", get(api::rights))
        .route("/imcc/v1/history", get(api::history))
        // ImagenWeb
        .route("/iweb/v1/search", get(api::web_search))
        .route(
            "/oauth/authorize",
            get(oauth::authorize).post(oauth::authorize_decision),
        )
        .route("/oauth/token", post(oauth::token))
        .route("/oauth/revoke", post(oauth::revoke))
        // MediaControlCentre administration of the emulator itself
        .merge(admin::router())
        .route("/emulator", any(admin::index))
        .fallback(fallback)
        // Inside `outer`, so that its refusals are rendered like any error.
        .layer(middleware::from_fn_with_state(
            sh.clone(),
            crate::limits::guard,
        ))
        .layer(middleware::from_fn_with_state(sh.clone(), outer))
        .with_state(sh)
}
