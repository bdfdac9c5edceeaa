//! Authentication and authorization of API requests.
//!
//! Two contexts, as Imagen documents them:
//! - **application context**: `X-Imagen-API-Key`, a date header and
//!   `X-Imagen-API-Signature: HMAC-SHA256 <base64>`. The string to sign is
//!   rebuilt here from the raw request, independently of the client runtime
//!   (sharing that code would let one bug hide on both sides):
//!   `METHOD\nContent-Length\nContent-MD5\nContent-Type\nDATE\n<path?query>`,
//!   header values byte for byte as received, empty for absent headers, and
//!   the path and query exactly as on the wire (no re-encoding).
//! - **user context**: `X-Imagen-API-Key` + `Authorization: Bearer <token>`,
//!   the token issued by this emulator's OAuth server to that application.
//!
//! The effective scopes are those the application holds (with `implies`
//! applied) and, for a user token, also granted in the token. Scopes are read
//! at request time, so a revoked scope takes effect on existing tokens.

use std::collections::BTreeSet;
use std::time::{Duration, Instant, SystemTime};

use axum::http::{HeaderMap, header};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::error::*;
use crate::extract::Req;
use crate::state::Shared;
use crate::store::expand;

/// The documented window around the server clock.
pub const DATE_WINDOW: Duration = Duration::from_secs(5 * 60);

/// An endpoint's `auth` kind from api/imagen.yaml.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthKind {
    Application,
    User,
    Any,
    None,
}

/// Who is calling, once authenticated.
#[derive(Debug, Clone)]
pub struct Caller {
    /// API key; `None` for anonymous calls on `auth: none` resources.
    pub key: Option<String>,
    /// The authorizing user, for user-context calls.
    pub user_id: Option<i64>,
    /// Effective scopes (application ∩ token, implications applied).
    pub scopes: BTreeSet<String>,
}

impl Caller {
    pub fn can_edit(&self) -> bool {
        self.scopes.contains("modifyUsersData")
    }
    /// The (application, user) pair that owns searches and jobs.
    pub fn owner(&self) -> (String, i64) {
        (
            self.key.clone().unwrap_or_default(),
            self.user_id.unwrap_or(0),
        )
    }
}

fn header<'a>(h: &'a HeaderMap, name: &str) -> Option<&'a [u8]> {
    h.get(name).map(|v| v.as_bytes())
}

/// Is `s` an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`)? httpdate also
/// parses the two obsolete formats; an IMF-fixdate is exactly the string
/// httpdate formats back.
pub fn parse_imf_fixdate(s: &[u8]) -> Option<SystemTime> {
    let s = std::str::from_utf8(s).ok()?;
    let t = httpdate::parse_http_date(s).ok()?;
    (httpdate::fmt_http_date(t) == s).then_some(t)
}

/// The string to sign, as bytes (header values may hold obs-text).
pub fn string_to_sign(req: &Req, date: &[u8]) -> Vec<u8> {
    let h = &req.headers;
    let mut m = Vec::new();
    m.extend_from_slice(req.method.as_str().as_bytes());
    for part in [
        header(h, "content-length"),
        header(h, "content-md5"),
        header(h, "content-type"),
        Some(date),
    ] {
        m.push(b'\n');
        m.extend_from_slice(part.unwrap_or_default());
    }
    m.push(b'\n');
    let resource = req.uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
    m.extend_from_slice(resource.as_bytes());
    m
}

fn verify_signature(secret: &str, message: &[u8], sig_header: &[u8]) -> Result<(), ApiError> {
    let bad = |d: &str| ApiError::unauthorized(MSG_BAD_SIGNATURE, d);
    let b64 = sig_header
        .strip_prefix(b"HMAC-SHA256 ")
        .ok_or_else(|| bad("X-Imagen-API-Signature must be 'HMAC-SHA256 <base64>'."))?;
    let raw = STANDARD
        .decode(b64)
        .map_err(|_| bad("The signature is not valid base64."))?;
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).map_err(|_| bad("Bad secret."))?;
    mac.update(message);
    mac.verify_slice(&raw).map_err(|_| {
        bad("The HMAC-SHA256 of METHOD, Content-Length, Content-MD5, Content-Type, date and path?query (joined with \\n) does not match.")
    })
}

/// Authenticate `req` for a resource of kind `auth` that needs `required`.
pub fn authenticate(
    sh: &Shared,
    req: &Req,
    auth: AuthKind,
    required: &[&str],
) -> Result<Caller, ApiError> {
    if auth == AuthKind::None {
        return Ok(Caller {
            key: None,
            user_id: None,
            scopes: BTreeSet::new(),
        });
    }
    let h = &req.headers;
    // A signed or credential header sent twice is ambiguous (which one was
    // signed?): refused, whatever its values.
    for name in [
        "x-imagen-api-key",
        "x-imagen-api-signature",
        "x-imagen-date",
        "date",
        "content-type",
        "content-length",
        "content-md5",
        "authorization",
    ] {
        if h.get_all(name).iter().count() > 1 {
            return Err(ApiError::bad_request(
                format!("The header {name} appears more than once."),
                "Send each authentication and signed header once.",
            ));
        }
    }
    let key = header(h, "x-imagen-api-key");
    let bearer = header(h, header::AUTHORIZATION.as_str());
    let sig = header(h, "x-imagen-api-signature");
    let Some(key) = key else {
        let details = if bearer.is_some() || sig.is_some() {
            "X-Imagen-API-Key is missing."
        } else {
            "Send X-Imagen-API-Key with X-Imagen-API-Signature (application) or Authorization: Bearer (user)."
        };
        return Err(ApiError::unauthorized(MSG_NO_AUTH, details));
    };
    let key = std::str::from_utf8(key).unwrap_or("");
    let now = sh.now();
    let store = sh.lock();
    let app = store.apps.get(key).ok_or_else(|| {
        ApiError::unauthorized(MSG_UNKNOWN_KEY, "No application has this API key.")
    })?;

    let (user_id, scopes, token_scopes) = if let Some(bearer) = bearer {
        let token = bearer
            .strip_prefix(b"Bearer ")
            .and_then(|t| std::str::from_utf8(t).ok())
            .map(str::trim)
            .ok_or_else(|| {
                ApiError::unauthorized(MSG_TOKEN, "Authorization must be 'Bearer <token>'.")
            })?;
        let t = store
            .access_tokens
            .get(token)
            .ok_or_else(|| ApiError::unauthorized(MSG_TOKEN, "Unknown access token."))?;
        if t.app_key != app.key {
            return Err(ApiError::unauthorized(
                MSG_TOKEN,
                "The token was issued to another application.",
            ));
        }
        if t.revoked {
            return Err(ApiError::unauthorized(MSG_TOKEN, "The token was revoked."));
        }
        if t.expires <= Instant::now() {
            return Err(ApiError::unauthorized(MSG_TOKEN, "The token has expired."));
        }
        if !app.enabled {
            return Err(ApiError::forbidden(
                MSG_DISABLED,
                "An administrator disabled this application.",
            ));
        }
        if auth == AuthKind::Application {
            return Err(ApiError::forbidden(
                MSG_NEEDS_APP,
                "Sign the request with the application's secret instead of a bearer token.",
            ));
        }
        let token_scopes = expand(&t.scopes);
        let s: BTreeSet<String> = expand(&app.scopes)
            .intersection(&token_scopes)
            .cloned()
            .collect();
        (Some(t.user_id), s, Some(token_scopes))
    } else if let Some(sig) = sig {
        let server_time = format!("Server time: {}", httpdate::fmt_http_date(now));
        // X-Imagen-Date wins; Date counts only when it is an IMF-fixdate.
        let date = match header(h, "x-imagen-date") {
            Some(d) => d,
            None => match header(h, "date") {
                Some(d) if parse_imf_fixdate(d).is_some() => d,
                _ => {
                    return Err(ApiError::unauthorized(
                        MSG_NO_AUTH,
                        "X-Imagen-Date (or an IMF-fixdate Date header) is missing.",
                    ));
                }
            },
        };
        verify_signature(&app.secret, &string_to_sign(req, date), sig)?;
        let when = parse_imf_fixdate(date).ok_or_else(|| {
            ApiError::unauthorized(
                MSG_DATE,
                format!("X-Imagen-Date is not an IMF-fixdate. {server_time}"),
            )
        })?;
        let skew = match when.duration_since(now) {
            Ok(d) => d,
            Err(e) => e.duration(),
        };
        if skew > DATE_WINDOW {
            return Err(ApiError::unauthorized(MSG_DATE, server_time));
        }
        if !app.enabled {
            return Err(ApiError::forbidden(
                MSG_DISABLED,
                "An administrator disabled this application.",
            ));
        }
        if auth == AuthKind::User {
            return Err(ApiError::forbidden(
                MSG_NEEDS_USER,
                "Send Authorization: Bearer <access token> obtained through OAuth 2.0.",
            ));
        }
        (None, expand(&app.scopes), None)
    } else {
        return Err(ApiError::unauthorized(
            MSG_NO_AUTH,
            "Send X-Imagen-API-Signature (application) or Authorization: Bearer (user).",
        ));
    };

    for s in required {
        if !scopes.contains(*s) {
            let details = match &token_scopes {
                Some(ts) if !ts.contains(*s) && expand(&app.scopes).contains(*s) => {
                    format!(
                        "The access token was not granted '{s}'; authorize again requesting it."
                    )
                }
                _ => format!(
                    "An Imagen administrator can add '{s}' to the application in MediaControlCentre."
                ),
            };
            return Err(ApiError::forbidden(msg_missing_scope(s), details));
        }
    }
    Ok(Caller {
        key: Some(app.key.clone()),
        user_id,
        scopes,
    })
}
