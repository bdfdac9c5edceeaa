//! The errors of the OAuth 2.0 flows and token stores.
//!
//! The seam to the runtime's [`Error`](crate::Error) is described at
//! [`OAuthError`]: it is one-way and loses nothing.

use std::path::PathBuf;
use std::time::Duration;

/// What went wrong while authorizing a user, exchanging or refreshing a
/// token, or reading and writing stored tokens.
///
/// No variant ever carries an access token, a refresh token, an
/// authorization code, a PKCE verifier or the application's secret: every
/// message is safe to log.
///
/// This type is the only home of the failures a caller acts on
/// wherever they surface — [`ReauthorizationRequired`](OAuthError::ReauthorizationRequired)
/// (send the user to the consent page again) and
/// [`ScopesNotGranted`](OAuthError::ScopesNotGranted) (a declared scope is
/// missing) — because the OAuth flows report them directly, without the
/// runtime's [`Error`](crate::Error) around them. Requests report them as
/// [`Error::OAuth`](crate::Error::OAuth), which holds the `OAuthError`
/// unchanged: the conversion goes one way, never back, and loses nothing,
/// so each variant is matched in one place:
///
/// ```
/// use imagen_runtime::Error;
/// use imagen_runtime::oauth::OAuthError;
///
/// fn what_to_do(e: &Error) -> &'static str {
///     match e {
///         Error::OAuth(OAuthError::ReauthorizationRequired { .. }) => "authorize again",
///         Error::OAuth(OAuthError::ScopesNotGranted { .. }) => "grant the scopes",
///         _ => "see the message",
///     }
/// }
/// let e: Error = OAuthError::ReauthorizationRequired { reason: "revoked".into() }.into();
/// assert_eq!(what_to_do(&e), "authorize again");
/// assert!(e.is_reauthorization_required());
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OAuthError {
    /// The OAuth configuration cannot work (for example a Web application
    /// with a redirect URI that is not `https://`). Found when the
    /// configuration is built, before any user is sent anywhere.
    #[error("invalid OAuth configuration: {0}")]
    Config(String),

    /// The callback's `state` does not match the authorization request:
    /// either a forged callback (cross-site request forgery) or a callback
    /// from an older authorization attempt, e.g. a stale browser tab.
    #[error(
        "the callback's `state` does not match this authorization request \
         (a forged callback, or one from an older attempt); start the authorization again"
    )]
    StateMismatch,

    /// The user declined the consent page (`error=access_denied`).
    #[error("the user denied the authorization request{}", opt_desc(.description))]
    AccessDenied {
        /// `error_description` sent by the authorization server, if any.
        description: Option<String>,
    },

    /// The authorization server answered the authorization request with an
    /// error other than `access_denied` (RFC 6749 §4.1.2.1), e.g.
    /// `invalid_scope` or `unauthorized_client`.
    #[error("the authorization server refused the request: {error}{}", opt_desc(.description))]
    AuthorizationFailed {
        /// The RFC 6749 error code, e.g. `invalid_scope`.
        error: String,
        /// `error_description`, if any.
        description: Option<String>,
    },

    /// The application is disabled: the authorization page or the token
    /// endpoint refused it with `unauthorized_client` and a description
    /// saying so (Imagen documents neither; see `docs/contract.md`).
    #[error("the application is disabled{}: an administrator can re-enable it", opt_desc(.description))]
    ApplicationDisabled {
        /// `error_description`, if any.
        description: Option<String>,
    },

    /// The callback carries neither a code (or token) nor an error.
    #[error("the callback carries no authorization code and no error: {0}")]
    MalformedCallback(String),

    /// The token endpoint refused an authorization code (`invalid_grant`):
    /// it expired, was used already, or belongs to another redirect URI.
    #[error(
        "the authorization server rejected the authorization code (invalid_grant){}; \
         codes are short-lived and single-use: start the authorization again",
        opt_desc(.description)
    )]
    InvalidGrant {
        /// `error_description`, if any.
        description: Option<String>,
    },

    /// No usable token: the refresh token was revoked, expired or is
    /// otherwise invalid, none was issued, none is stored yet, or the server
    /// rejected a fixed token ([`StaticToken`](crate::StaticToken)) that
    /// cannot be refreshed. The user must go through the authorization
    /// (consent) again.
    #[error("the user must authorize the application (again): {reason}")]
    ReauthorizationRequired {
        /// Why (with what the server said, if it did).
        reason: String,
    },

    /// A refresh attempt that this call waited for failed moments ago; the
    /// failure is not retried once per waiting caller.
    #[error("refreshing the access token failed: {reason}")]
    RefreshFailed {
        /// The failure of that attempt.
        reason: String,
    },

    /// The token endpoint answered with another RFC 6749 error.
    #[error("the token endpoint refused the request: {error}{}", opt_desc(.description))]
    TokenEndpoint {
        /// The RFC 6749 error code, e.g. `invalid_client`.
        error: String,
        /// `error_description`, if any.
        description: Option<String>,
    },

    /// The token endpoint's answer could not be understood. The message
    /// names the field, never its value.
    #[error("the token endpoint's answer could not be read: {0}")]
    InvalidTokenResponse(String),

    /// Scopes the application declares (its scope set) were not granted:
    /// the server does not list them for the application
    /// ([`ScopeCheck::Application`], `Client::verify_scopes`), or a user's
    /// token came without them ([`ScopeCheck::Token`]). Implied scopes
    /// count as granted.
    #[error("{}", fmt_not_granted(.missing, *.check))]
    ScopesNotGranted {
        /// Wire names of the declared scopes that are missing, in
        /// declaration order.
        missing: Vec<String>,
        /// Which grant lacks them.
        check: ScopeCheck,
    },

    /// Sending the request to the token endpoint failed.
    #[error("could not reach the token endpoint")]
    Transport(#[source] reqwest::Error),

    /// The local redirect listener could not be started.
    #[error("{message}")]
    Listener {
        /// What happened and what to do about it.
        message: String,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },

    /// No callback arrived in time.
    #[error("no authorization callback arrived within {} s; start the authorization again", .0.as_secs())]
    Timeout(Duration),

    /// Reading the code from the browser window's title
    /// (`urn:ietf:wg:oauth:2.0:oob:auto`, feature `x11-title`) ended
    /// without one: no window showed the consent page's result in time, or
    /// the connection to the display was lost. The message says which, and
    /// never holds a title.
    #[error("could not read the authorization code from the browser window's title: {0}")]
    WindowTitle(String),

    /// Reading the pasted code, or another interaction with the user, failed.
    #[error("could not read the authorization code: {0}")]
    Prompt(#[source] std::io::Error),

    /// A stored token file exists but cannot be read as a token. The file
    /// is left where it is, for inspection.
    #[error("the token file {} is corrupt ({reason}); it was left in place: fix or delete it", .path.display())]
    CorruptTokenFile {
        /// The file.
        path: PathBuf,
        /// Why it cannot be read (never its content).
        reason: String,
    },

    /// A stored token is sealed (encrypted at rest) and cannot be opened:
    /// the store's encryption key is not the one it was sealed with, no
    /// key was given for a sealed token, or the data was altered. Nothing
    /// is returned in its place.
    #[error("the token in {} cannot be opened ({reason})", .path.display())]
    TokenDecryption {
        /// The database (or file) holding the token.
        path: PathBuf,
        /// What is wrong (never the data).
        reason: String,
    },

    /// The token directory or a token file is not private: a directory
    /// others may write to (they could plant or swap tokens), a token file
    /// others may read, or a token file that is a symbolic link. Nothing
    /// was read or written; fix the permissions (`chmod 700` the directory,
    /// `chmod 600` the file) or remove the link.
    #[error("token store: {} is not private ({reason}, mode {mode:04o}): nothing was read or written; make the directory 0700 and token files 0600", .path.display())]
    InsecureStore {
        /// The directory or file.
        path: PathBuf,
        /// Its permission bits.
        mode: u32,
        /// What is wrong.
        reason: String,
    },

    /// Reading or writing the token store failed.
    #[error("token store: {message} ({})", .path.display())]
    Store {
        /// What was being done.
        message: String,
        /// The file or directory.
        path: PathBuf,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },
}

/// Which grant a [`ScopesNotGranted`](OAuthError::ScopesNotGranted) check
/// found lacking.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ScopeCheck {
    /// The scopes the server lists as granted to the application (the
    /// description's `scope_check:` endpoint, called by
    /// `Client::verify_scopes`): an administrator of the API grants them.
    Application,
    /// The scopes of an access token, as the token endpoint (or the
    /// implicit-grant callback) reported them: the user did not consent to
    /// them, or the server could not grant them.
    Token,
}

fn fmt_not_granted(missing: &[String], check: ScopeCheck) -> String {
    let missing = missing.join(", ");
    match check {
        ScopeCheck::Application => format!(
            "the application has not been granted the declared scope(s) {missing}: an \
             administrator of the API must grant them to the application (or remove them \
             from the declared scope set)"
        ),
        ScopeCheck::Token => format!(
            "the access token lacks the declared scope(s) {missing}: the user did not consent \
             to them, or the application has not been granted them. Authorize the user again; \
             if they are still missing, an administrator of the API must grant them to the \
             application (or remove them from the declared scope set)"
        ),
    }
}

/// `unauthorized_client` whose description says the application is
/// disabled (the emulator's convention; a hint, the error code decides).
pub(crate) fn disabled_client(error: &str, description: Option<&str>) -> bool {
    error == "unauthorized_client"
        && description.is_some_and(|d| d.to_ascii_lowercase().contains("disabled"))
}

fn opt_desc(d: &Option<String>) -> String {
    match d {
        Some(d) if !d.is_empty() => format!(" ({d})"),
        _ => String::new(),
    }
}
