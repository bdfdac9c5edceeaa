//! Retry policy: bounded exponential backoff with jitter.
//!
//! Only idempotent methods (GET, PUT, DELETE) are retried, and only after
//! failures that may pass ([`Error::is_retryable`](crate::Error::is_retryable):
//! transport, timeout, 429, 502, 503, 504). A `Retry-After` from the server
//! is a floor for the wait; one longer than
//! [`max_retry_after`](RetryPolicy::max_retry_after) is not waited for and
//! the error goes back to the caller.
//!
//! Two retries sit outside this policy because the server did not act on the
//! request at all: after `DateRejected` the clock offset is corrected and the
//! request is re-signed once, and after `TokenRejected` the token source is
//! asked to refresh once. They apply to every method.

use std::time::Duration;

use rand::Rng as _;

/// How often and how patiently to retry. `Default`: 3 retries, backoff
/// from 200 ms doubling up to 10 s, `Retry-After` honoured up to 60 s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_retries: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(10),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        }
    }

    /// Retries after the first attempt (0 disables retrying).
    pub fn max_retries(mut self, n: u32) -> Self {
        self.max_retries = n;
        self
    }

    /// Backoff before the first retry; it doubles for each further retry.
    pub fn initial_backoff(mut self, d: Duration) -> Self {
        self.initial_backoff = d;
        self
    }

    /// Upper bound of the backoff (before jitter).
    pub fn max_backoff(mut self, d: Duration) -> Self {
        self.max_backoff = d;
        self
    }

    /// Longest `Retry-After` the client waits for; longer ones are returned
    /// to the caller as [`Error::RateLimited`](crate::Error::RateLimited).
    pub fn max_retry_after(mut self, d: Duration) -> Self {
        self.max_retry_after = d;
        self
    }

    /// The configured number of retries.
    pub fn retries(&self) -> u32 {
        self.max_retries
    }

    /// Backoff ceiling before retry number `retry` (1-based), without jitter.
    pub fn base_backoff(&self, retry: u32) -> Duration {
        let factor = 1u32
            .checked_shl(retry.saturating_sub(1))
            .unwrap_or(u32::MAX);
        self.initial_backoff
            .checked_mul(factor)
            .unwrap_or(self.max_backoff)
            .min(self.max_backoff)
    }

    /// The wait before retry number `retry` (1-based), or `None` when no
    /// retry is left or the server asks for a longer wait than allowed.
    /// "Equal jitter": a random wait in `[base/2, base]`, never below `retry_after`.
    pub(crate) fn delay(&self, retry: u32, retry_after: Option<Duration>) -> Option<Duration> {
        if retry == 0 || retry > self.max_retries {
            return None;
        }
        if retry_after.is_some_and(|ra| ra > self.max_retry_after) {
            return None;
        }
        let base = self.base_backoff(retry);
        let half = base / 2;
        let jittered = half + rand::thread_rng().gen_range(Duration::ZERO..=half);
        Some(jittered.max(retry_after.unwrap_or(Duration::ZERO)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_and_growing() {
        let p = RetryPolicy::default();
        assert_eq!(p.base_backoff(1), Duration::from_millis(200));
        assert_eq!(p.base_backoff(2), Duration::from_millis(400));
        assert_eq!(p.base_backoff(3), Duration::from_millis(800));
        assert_eq!(p.base_backoff(40), Duration::from_secs(10));
        for retry in 1..=3 {
            let d = p.delay(retry, None).unwrap();
            let base = p.base_backoff(retry);
            assert!(d >= base / 2 && d <= base, "{d:?} vs {base:?}");
        }
        assert_eq!(p.delay(4, None), None);
        assert_eq!(p.delay(0, None), None);
        assert_eq!(RetryPolicy::none().delay(1, None), None);
    }

    #[test]
    fn retry_after_is_a_floor_and_bounded() {
        let p = RetryPolicy::default();
        assert!(p.delay(1, Some(Duration::from_secs(2))).unwrap() >= Duration::from_secs(2));
        assert_eq!(p.delay(1, Some(Duration::from_secs(61))), None);
        let p = p.max_retry_after(Duration::from_secs(120));
        assert!(p.delay(1, Some(Duration::from_secs(61))).is_some());
    }
}
