//! Access tokens for user context, and the [`TokenSource`] trait.
//!
//! User-context requests carry the application's API key and an OAuth 2.0
//! bearer token. Where tokens come from (a fixed string, an OAuth flow with
//! refresh, a store) is behind [`TokenSource`], so the request path only
//! needs two operations: "a token valid now" and "the server rejected this
//! one, give me a fresh one". The runtime calls [`TokenSource::refresh`] at
//! most once per request, after a `401` classified as
//! [`Error::TokenRejected`], and retries once.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::SystemTime;

use zeroize::Zeroizing;

use crate::Error;

/// A boxed, `Send` future (object-safe async trait methods).
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// An OAuth 2.0 access token.
///
/// The token string is zeroized when dropped and never printed: `Debug`
/// shows `AccessToken([redacted])` and the expiry only.
#[derive(Clone)]
pub struct AccessToken {
    secret: Zeroizing<String>,
    expires_at: Option<SystemTime>,
}

impl AccessToken {
    /// A token without a known expiry.
    pub fn new(secret: impl Into<String>) -> Self {
        AccessToken {
            secret: Zeroizing::new(secret.into()),
            expires_at: None,
        }
    }

    /// The same token, expiring at `at`.
    pub fn with_expiry(mut self, at: SystemTime) -> Self {
        self.expires_at = Some(at);
        self
    }

    /// The token string, for the `Authorization` header. Do not log it.
    pub fn secret(&self) -> &str {
        &self.secret
    }

    /// When the token expires, if known.
    pub fn expires_at(&self) -> Option<SystemTime> {
        self.expires_at
    }

    /// Whether the token has expired at `now` (false when the expiry is unknown).
    pub fn is_expired_at(&self, now: SystemTime) -> bool {
        self.expires_at.is_some_and(|at| at <= now)
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessToken")
            .field("secret", &"[redacted]")
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

impl PartialEq for AccessToken {
    /// Constant-time comparison of the token strings (expiry ignored).
    fn eq(&self, other: &Self) -> bool {
        use subtle::ConstantTimeEq;
        self.secret.as_bytes().ct_eq(other.secret.as_bytes()).into()
    }
}

impl Eq for AccessToken {}

/// Where user-context requests get their bearer token.
pub trait TokenSource: Send + Sync + 'static {
    /// A token valid now (a refreshing source refreshes ahead of expiry).
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, Error>>;
    /// The server rejected `rejected` (401 TokenRejected): get a fresh one (refresh once) or fail.
    fn refresh(&self, rejected: &AccessToken) -> BoxFuture<'_, Result<AccessToken, Error>>;
}

/// A fixed token, e.g. one pasted from the implicit grant. It cannot be
/// refreshed: [`refresh`](TokenSource::refresh) returns
/// [`Error::ReauthorizationRequired`].
#[derive(Debug, Clone)]
pub struct StaticToken {
    token: AccessToken,
}

impl StaticToken {
    /// A source that always answers `token`.
    pub fn new(token: impl Into<AccessToken>) -> Self {
        StaticToken {
            token: token.into(),
        }
    }
}

impl From<String> for AccessToken {
    fn from(s: String) -> Self {
        AccessToken::new(s)
    }
}

impl From<&str> for AccessToken {
    fn from(s: &str) -> Self {
        AccessToken::new(s)
    }
}

impl TokenSource for StaticToken {
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, Error>> {
        let token = self.token.clone();
        Box::pin(async move { Ok(token) })
    }

    fn refresh(&self, _rejected: &AccessToken) -> BoxFuture<'_, Result<AccessToken, Error>> {
        Box::pin(async move {
            Err(Error::ReauthorizationRequired {
                reason: "the server rejected a fixed access token, which cannot be refreshed"
                    .into(),
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn debug_is_redacted() {
        let t = AccessToken::new("tok-SECRET-123");
        let s = format!("{t:?} {:?}", StaticToken::new(t.clone()));
        assert!(!s.contains("SECRET"), "{s}");
        assert_eq!(t.secret(), "tok-SECRET-123");
    }

    #[test]
    fn expiry() {
        let now = SystemTime::now();
        let t = AccessToken::new("x").with_expiry(now + Duration::from_secs(10));
        assert!(!t.is_expired_at(now));
        assert!(t.is_expired_at(now + Duration::from_secs(10)));
        assert!(!AccessToken::new("x").is_expired_at(now));
    }

    #[tokio::test]
    async fn static_token_cannot_refresh() {
        let s = StaticToken::new("abc");
        let t = s.token().await.unwrap();
        assert_eq!(t.secret(), "abc");
        let err = s.refresh(&t).await.unwrap_err();
        assert!(
            matches!(err, Error::ReauthorizationRequired { .. }),
            "{err}"
        );
    }
}
