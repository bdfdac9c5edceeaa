//! The composition of the HTTP side: each area's router (the documented
//! resources in [`crate::api`], OAuth in [`crate::oauth`], the admin API in
//! [`crate::admin`], webhooks in [`crate::webhooks`]) merged into one, with the cross-cutting layers around
//! it: the `Host` check and body limits ([`crate::limits::guard`]), and the
//! outer middleware (injected faults, UTF-8 check of the query, JSON/XML
//! rendering of parked answers, the `Date` header of the emulator's clock).
//!
//! Nothing imports from this module but the crate root: the areas depend
//! on [`crate::state`], [`crate::extract`] and [`crate::error`] only.

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};

use crate::error::*;
use crate::extract::{Req, parse_form};
use crate::state::AppState;
use crate::store::Failure;
use crate::{admin, api, oauth, webhooks};

/// Outer middleware: injected faults, UTF-8 query check, rendering of parked
/// answers by `Accept`, and the `Date` header of the emulator's clock.
async fn outer(State(sh): State<AppState>, req: Request, next: Next) -> Response {
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

/// The whole application: MCC and ImagenWeb routes, OAuth and the admin
/// API, inside the limits and the outer middleware.
pub(crate) fn router(sh: AppState) -> Router {
    Router::new()
        .merge(api::router())
        .merge(oauth::router())
        .merge(admin::router())
        .merge(webhooks::router())
        .fallback(fallback)
        // Inside `outer`, so that its refusals are rendered like any error.
        .layer(middleware::from_fn_with_state(
            sh.clone(),
            crate::limits::guard,
        ))
        .layer(middleware::from_fn_with_state(sh.clone(), outer))
        .with_state(sh)
}
