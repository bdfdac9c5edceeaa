//! Access tokens for user context, and the [`TokenSource`] trait.
//!
//! User-context requests carry the application's API key and an OAuth 2.0
//! bearer token. Where tokens come from (a fixed string, an OAuth flow with
//! refresh, a store) is behind [`TokenSource`], so the request path only
//! needs two operations: "a token valid now" and "the server rejected this
//! one, give me a fresh one". The runtime calls [`TokenSource::refresh`] at
//! most once per request, after a `401` classified as
//! [`Error::TokenRejected`], and retries once.

use std::future::Future;
use std::pin::Pin;

use crate::Error;
use crate::oauth::OAuthError;

/// A boxed, `Send` future (object-safe async trait methods).
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// The bearer token type, one of the [secret types](crate::secret).
pub use crate::secret::AccessToken;

/// Where user-context requests get their bearer token.
pub trait TokenSource: Send + Sync + 'static {
    /// A token valid now (a refreshing source refreshes ahead of expiry).
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, Error>>;
    /// The server rejected `rejected` (401 TokenRejected): get a fresh one (refresh once) or fail.
    fn refresh(&self, rejected: &AccessToken) -> BoxFuture<'_, Result<AccessToken, Error>>;
}

/// A fixed token, e.g. one pasted from the implicit grant. It cannot be
/// refreshed: [`refresh`](TokenSource::refresh) fails with
/// [`OAuthError::ReauthorizationRequired`] (as [`Error::OAuth`]).
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

impl TokenSource for StaticToken {
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, Error>> {
        let token = self.token.clone();
        Box::pin(async move { Ok(token) })
    }

    fn refresh(&self, _rejected: &AccessToken) -> BoxFuture<'_, Result<AccessToken, Error>> {
        Box::pin(async move {
            Err(OAuthError::ReauthorizationRequired {
                reason: "the server rejected a fixed access token, which cannot be refreshed"
                    .into(),
            }
            .into())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_is_redacted() {
        let t = AccessToken::new("tok-SECRET-123");
        let s = format!("{t:?} {:?}", StaticToken::new(t.clone()));
        assert!(!s.contains("SECRET"), "{s}");
        assert_eq!(t.secret(), "tok-SECRET-123");
    }

    #[tokio::test]
    async fn static_token_cannot_refresh() {
        let s = StaticToken::new("abc");
        let t = s.token().await.unwrap();
        assert_eq!(t.secret(), "abc");
        let err = s.refresh(&t).await.unwrap_err();
        assert!(err.is_reauthorization_required(), "{err}");
        assert!(
            matches!(
                err,
                Error::OAuth(OAuthError::ReauthorizationRequired { .. })
            ),
            "{err}"
        );
    }
}
