//! Failures and the exit codes of their classes.

use std::fmt;

use imagen_runtime::Error;
use imagen_runtime::oauth::OAuthError;

/// What kind of failure ended the command; its exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// 1: anything else (local I/O, an answer that does not decode).
    Other = 1,
    /// 2: the command line (unknown flag, bad value, unreadable body file).
    Usage = 2,
    /// 3: credentials and authentication (missing, invalid, rejected, expired login).
    Auth = 3,
    /// 4: a scope the application or the login does not hold.
    Scope = 4,
    /// 5: the server does not know the object.
    NotFound = 5,
    /// 6: the server refused the request or failed (other 4xx, 5xx, rate limits).
    Server = 6,
    /// 7: no answer (connection, timeout, unknown outcome).
    Network = 7,
}

/// The exit codes, for `--help` and the README.
pub const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  other failure (local I/O, an answer that does not decode)
  2  usage: unknown flag, bad value, unreadable or non-UTF-8 body file
  3  authentication: credentials missing or rejected, not logged in, expired login
  4  scope: the application or the login lacks a scope the command needs
  5  not found
  6  the server refused the request or failed (other 4xx, 5xx, rate limit)
  7  network: no connection, timeout, or an outcome that is unknown";

/// A failure: its class and a one-line message.
#[derive(Debug)]
pub struct Failure {
    /// The class (exit code).
    pub class: Class,
    /// What went wrong, on one line.
    pub message: String,
}

impl Failure {
    /// A failure of `class`.
    pub fn new(class: Class, message: impl Into<String>) -> Self {
        Failure {
            class,
            message: message.into(),
        }
    }

    /// A usage failure.
    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(Class::Usage, message)
    }

    /// The message on one line (newlines of server texts become spaces).
    pub fn line(&self) -> String {
        self.message
            .split(['\n', '\r'])
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.line())
    }
}

/// The class of a runtime error.
pub fn classify(e: &Error) -> Class {
    match e {
        Error::Transport { .. } | Error::Timeout { .. } | Error::OutcomeUnknown { .. } => {
            Class::Network
        }
        Error::Unauthorized { .. }
        | Error::TokenRejected { .. }
        | Error::SignatureRejected { .. }
        | Error::DateRejected { .. }
        | Error::ApplicationDisabled { .. }
        | Error::Forbidden { .. }
        | Error::Config { .. } => Class::Auth,
        Error::MissingScope { .. } => Class::Scope,
        Error::NotFound { .. } => Class::NotFound,
        Error::RateLimited { .. }
        | Error::Conflict { .. }
        | Error::Server { .. }
        | Error::Status { .. } => Class::Server,
        Error::InvalidRequest { .. } => Class::Usage,
        Error::OAuth(o) => classify_oauth(o),
        _ => Class::Other,
    }
}

/// The class of an OAuth error.
pub fn classify_oauth(e: &OAuthError) -> Class {
    match e {
        OAuthError::Transport(_) | OAuthError::Timeout(_) => Class::Network,
        OAuthError::ScopesNotGranted { .. } => Class::Scope,
        OAuthError::Store { .. }
        | OAuthError::InsecureStore { .. }
        | OAuthError::CorruptTokenFile { .. }
        | OAuthError::TokenDecryption { .. }
        | OAuthError::Prompt(_)
        | OAuthError::WindowTitle(_) => Class::Other,
        _ => Class::Auth,
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        let class = classify(&e);
        let mut message = e.to_string();
        match &e {
            Error::TokenRejected { .. } => {
                message.push_str(": run `imagen login` again");
            }
            Error::OAuth(OAuthError::ReauthorizationRequired { .. }) => {
                message.push_str(": run `imagen login` again");
            }
            _ => {}
        }
        Failure::new(class, message)
    }
}

impl From<OAuthError> for Failure {
    fn from(e: OAuthError) -> Self {
        let class = classify_oauth(&e);
        let mut message = e.to_string();
        if matches!(e, OAuthError::ReauthorizationRequired { .. }) {
            message.push_str(": run `imagen login` again");
        }
        Failure::new(class, message)
    }
}
