//! Refresh storm: K concurrent user-context calls on an expired token must
//! cause exactly one token request.
//!
//! TODO(issue 7): not measured yet. The refreshing token source
//! (`imagen_runtime::oauth::RefreshingTokenSource`) is being written on the
//! `oauth` branch and has not landed on `main`; this part reports a TODO row
//! rather than a number until it does.

/// The outcome of the storm part.
#[derive(Debug, Clone)]
pub enum StormResult {
    /// Not measured, with the reason.
    NotMeasured(String),
}

/// Runs the storm with `k` concurrent calls (or says why it can't).
pub fn measure(k: usize) -> StormResult {
    let _ = k;
    StormResult::NotMeasured(
        "not measured: OAuth not landed (imagen_runtime::oauth::RefreshingTokenSource is not on main)"
            .into(),
    )
}
