//! The token set a user authorization produces, as kept in a store.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::secret::{AccessToken, RefreshToken};

/// An access token with what came with it: expiry, refresh token, granted
/// scopes. This is what [`TokenStore`](super::TokenStore)s keep.
///
/// The tokens are [secret types](crate::secret): its `Debug` output never
/// shows them, and they are wiped from memory when dropped. Serialized (by
/// the stores) as plain strings.
#[derive(Clone, Serialize, Deserialize)]
pub struct TokenSet {
    access_token: AccessToken,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    refresh_token: Option<RefreshToken>,
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
        access_token: impl Into<AccessToken>,
        refresh_token: Option<RefreshToken>,
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

    /// The access token: send it only as a bearer token.
    pub fn access_token(&self) -> &AccessToken {
        &self.access_token
    }

    /// The refresh token, if the server issued one.
    pub fn refresh_token(&self) -> Option<&RefreshToken> {
        self.refresh_token.as_ref()
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

    pub(crate) fn keep_refresh_token_from(&mut self, previous: &TokenSet) {
        if self.refresh_token.is_none() {
            self.refresh_token.clone_from(&previous.refresh_token);
        }
    }
}

impl fmt::Debug for TokenSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenSet")
            .field("access_token", &self.access_token)
            .field("refresh_token", &self.refresh_token)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiry_and_refresh_margin() {
        let t = TokenSet::new("a", None, Some(Duration::from_secs(100)), vec![]);
        assert!(t.expires_at().is_some());
        assert!(!t.expires_within(Duration::from_secs(10)));
        assert!(t.expires_within(Duration::from_secs(100)));
        // The margin never exceeds half the lifetime.
        assert!(!t.refresh_due(Duration::from_secs(60)));
        let short = TokenSet::new("a", None, Some(Duration::from_secs(10)), vec![]);
        assert!(!short.refresh_due(Duration::from_secs(60)));
        let never = TokenSet::new("a", None, None, vec![]);
        assert!(never.expires_at().is_none() && !never.refresh_due(Duration::MAX));
    }

    #[test]
    fn debug_hides_tokens_and_serde_keeps_the_format() {
        let t = TokenSet::new(
            "access-SECRET",
            Some(RefreshToken::new("refresh-SECRET")),
            None,
            vec!["readUsersData".into()],
        );
        let dbg = format!("{t:?}");
        assert!(
            !dbg.contains("SECRET") && dbg.contains("readUsersData"),
            "{dbg}"
        );
        let json = serde_json::to_value(&t).unwrap();
        assert_eq!(json["access_token"], "access-SECRET");
        assert_eq!(json["refresh_token"], "refresh-SECRET");
        let back: TokenSet = serde_json::from_value(json).unwrap();
        assert_eq!(back.access_token(), t.access_token());
        assert_eq!(
            back.refresh_token().map(RefreshToken::secret),
            Some("refresh-SECRET")
        );
    }
}
