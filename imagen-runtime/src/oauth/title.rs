//! The consent page's window title with the out-of-band redirect URIs.
//!
//! With `urn:ietf:wg:oauth:2.0:oob` and `…:oob:auto` the authorization
//! server puts the result into the page's title: a word, a space, and the
//! callback's parameters form-encoded (`Success code=…`,
//! `Denied error=access_denied`). Which words is an API fact: they come from
//! the description's `oauth.oob_title` (generated into
//! [`OAuthEndpoints::oob_title`](super::OAuthEndpoints::oob_title)); this
//! module knows only the shape. One reading serves a title the user pasted
//! and a title read from the browser's window (feature `x11-title`), where
//! the browser adds its own name after the page's title.

use super::flow::CallbackParams;

/// The two words that start the consent page's window title with the
/// out-of-band redirect URIs (from the description's `oauth.oob_title`):
/// `<success> code=…` when the user allowed the request, `<denied>
/// error=…` when not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OobTitle {
    /// The word of a granted authorization (`Success`).
    pub success: &'static str,
    /// The word of a refused one (`Denied`).
    pub denied: &'static str,
}

/// What a window title says about one authorization request.
#[derive(Debug, PartialEq, Eq)]
#[cfg_attr(not(feature = "x11-title"), allow(dead_code))] // the window reader's
pub(crate) enum TitleMatch<'t> {
    /// Not a consent page's result: another page or window.
    NotOurs,
    /// A consent page's result for another request: its `state` differs.
    OtherAttempt,
    /// The consent page's result says neither a code (or token) nor an
    /// error: the word that started it.
    Incomplete(&'static str),
    /// The callback's parameters, for [`OAuthConfig::complete`](super::OAuthConfig::complete).
    Callback(&'t str),
}

impl OobTitle {
    /// The word and the callback's parameters when `title` has the shape of
    /// a consent page's result (the word, a space, parameters with `=`);
    /// anything after the parameters (the browser's name) is left out.
    pub(crate) fn split<'t>(&self, title: &'t str) -> Option<(&'static str, &'t str)> {
        let title = title.trim_start();
        [self.success, self.denied].into_iter().find_map(|word| {
            let rest = title.strip_prefix(word)?.strip_prefix(' ')?;
            let params = rest.split_whitespace().next()?;
            params.contains('=').then_some((word, params))
        })
    }

    /// Reads `title` for the request whose `state` is `state`. A title
    /// without `state` is taken (the emulator, like the convention, puts
    /// none there); one with another `state` belongs to another attempt.
    #[cfg_attr(not(feature = "x11-title"), allow(dead_code))]
    pub(crate) fn classify<'t>(&self, title: &'t str, state: &str) -> TitleMatch<'t> {
        let Some((word, params)) = self.split(title) else {
            return TitleMatch::NotOurs;
        };
        let parsed = CallbackParams::parse(params);
        if parsed.get("state").is_some_and(|s| {
            !bool::from(subtle::ConstantTimeEq::ct_eq(
                s.as_bytes(),
                state.as_bytes(),
            ))
        }) {
            return TitleMatch::OtherAttempt;
        }
        let carries = if word == self.success {
            ["code", "access_token"]
                .iter()
                .any(|k| parsed.get(k).is_some_and(|v| !v.is_empty()))
        } else {
            parsed.get("error").is_some_and(|v| !v.is_empty())
        };
        if carries {
            TitleMatch::Callback(params)
        } else {
            TitleMatch::Incomplete(word)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: OobTitle = OobTitle {
        success: "Success",
        denied: "Denied",
    };

    #[test]
    fn reads_the_parameters_and_drops_the_browser_name() {
        assert_eq!(
            T.classify("Success code=abc123 - Chromium", "s1"),
            TitleMatch::Callback("code=abc123")
        );
        assert_eq!(
            T.classify("Denied error=access_denied — Mozilla Firefox", "s1"),
            TitleMatch::Callback("error=access_denied")
        );
        assert_eq!(
            T.classify("Success state=s1&code=c", "s1"),
            TitleMatch::Callback("state=s1&code=c")
        );
        assert_eq!(
            T.classify("Success access_token=t&token_type=Bearer", "s1"),
            TitleMatch::Callback("access_token=t&token_type=Bearer")
        );
    }

    #[test]
    fn other_pages_and_attempts_are_not_taken() {
        for title in [
            "Success stories - Chromium",
            "Successcode=abc",
            "New Tab - Chromium",
            "",
            "code=abc",
            "The Success code=abc",
        ] {
            assert_eq!(T.classify(title, "s1"), TitleMatch::NotOurs, "{title:?}");
        }
        assert_eq!(
            T.classify("Success state=s0&code=c - Chromium", "s1"),
            TitleMatch::OtherAttempt
        );
    }

    #[test]
    fn a_result_without_code_or_error_is_incomplete() {
        assert_eq!(
            T.classify("Success state=s1 - Chromium", "s1"),
            TitleMatch::Incomplete("Success")
        );
        assert_eq!(
            T.classify("Success code= - Chromium", "s1"),
            TitleMatch::Incomplete("Success")
        );
        assert_eq!(
            T.classify("Denied error_description=x", "s1"),
            TitleMatch::Incomplete("Denied")
        );
    }
}
