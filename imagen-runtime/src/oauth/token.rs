//! The token set a user authorization produces, as kept in a store.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop};

/// An access token with what came with it: expiry, refresh token, granted
/// scopes. This is what [`TokenStore`](super::TokenStore)s keep.
///
/// Its `Debug` output never shows the tokens; the strings are wiped from
/// memory when the value is dropped.
#[derive(Clone, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct TokenSet {
    access_token: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    refresh_token: Option<String>,
    /// Expiry as seconds since the Unix epoch (absolute, so that a stored
    /// token keeps its meaning across restarts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    expires_at: Option<u64>,
    /// The lifetime the server gave the token (`expires_in`), in seconds:
    /// bounds the refresh margin for short-lived tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    lifetime: Option<u64>,
    #[serde(default)]
    scopes: Vec<String>,
}

impl TokenSet {
    /// A token set from its parts. `expires_in` is counted from now.
    pub fn new(
        access_token: impl Into<String>,
        refresh_token: Option<String>,
        expires_in: Option<Duration>,
        scopes: Vec<String>,
    ) -> Self {
        let expires_at = expires_in.map(|d| unix_now().saturating_add(d.as_secs()));
        Self {
            access_token: access_token.into(),
            refresh_token,
            expires_at,
            lifetime: expires_in.map(|d| d.as_secs()),
            scopes,
        }
    }

    /// The access token itself: a secret, send it only as a bearer token.
    pub fn access_token(&self) -> &str {
        &self.access_token
    }

    /// The refresh token, if the server issued one: a secret.
    pub fn refresh_token(&self) -> Option<&str> {
        self.refresh_token.as_deref()
    }

    /// When the access token expires, if the server said.
    pub fn expires_at(&self) -> Option<SystemTime> {
        self.expires_at.map(|s| UNIX_EPOCH + Duration::from_secs(s))
    }

    /// The scopes granted (wire names).
    pub fn scopes(&self) -> &[String] {
        &self.scopes
    }

    /// Whether the access token expires within `margin` from now (or has
    /// expired). A token without an expiry never counts as expiring: the
    /// server's 401 is then the only signal.
    pub fn expires_within(&self, margin: Duration) -> bool {
        match self.expires_at {
            Some(at) => unix_now().saturating_add(margin.as_secs()) >= at,
            None => false,
        }
    }

    /// Whether the token is due for a refresh with the refresh margin
    /// `margin`: the margin never exceeds half of the token's lifetime, so a
    /// token that lives shorter than the margin is still used for half its
    /// life instead of being refreshed on every request.
    pub fn refresh_due(&self, margin: Duration) -> bool {
        let margin = match self.lifetime {
            Some(life) => margin.min(Duration::from_secs(life) / 2),
            None => margin,
        };
        self.expires_within(margin)
    }

    /// The access token for the `Authorization` header, with its expiry.
    pub fn to_access_token(&self) -> crate::AccessToken {
        let t = crate::AccessToken::new(self.access_token.clone());
        match self.expires_at() {
            Some(at) => t.with_expiry(at),
            None => t,
        }
    }

    pub(crate) fn keep_refresh_token_from(&mut self, previous: &TokenSet) {
        if self.refresh_token.is_none() {
            self.refresh_token.clone_from(&previous.refresh_token);
        }
    }
}

impl fmt::Debug for TokenSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenSet")
            .field("access_token", &"[redacted]")
            .field(
                "refresh_token",
                &self.refresh_token.as_ref().map(|_| "[redacted]"),
            )
            .field("expires_at", &self.expires_at)
            .field("scopes", &self.scopes)
            .finish()
    }
}

pub(crate) fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}
