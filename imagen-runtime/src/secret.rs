//! The secrets the runtime handles, as one family of types.
//!
//! Every secret — the application's secret, OAuth access and refresh
//! tokens, authorization codes, PKCE verifiers, the `state` of an
//! authorization request — is its own type, so that one cannot be passed
//! where another is expected, and every one of them is made by the same
//! definition (in the style of the `oauth2` crate's secret types), so that
//! they all behave alike:
//!
//! - **Never printed.** `Debug` shows the type and [`REDACTED`]
//!   (`AccessToken([redacted])`), never the value. There is deliberately no
//!   `Display`: formatting a secret into a string is a mistake either way
//!   (it would leak it, or silently send `[redacted]` instead of it).
//! - **One accessor**, `secret()`, for the one place that sends or uses the
//!   value (a header, a signature, a form field). Do not log what it returns.
//! - **Wiped** from memory when dropped (`zeroize`).
//! - **Compared in constant time** (`==` does not leak, through timing, how
//!   much of a guess was right).
//! - **Serialized as the plain string**, both ways: serializing is an
//!   explicit request for the value (token stores, an authorization request
//!   kept server-side, a generated body with a `type: secret` field).
//!
//! The same spelling, [`REDACTED`], replaces secret-bearing values in the
//! answer bodies that errors keep.
//!
//! The API key is *not* a secret — it travels in clear in every request and
//! as the OAuth `client_id` — so [`ApiKey`](crate::ApiKey) prints normally.

use std::fmt;

use zeroize::Zeroizing;

/// What is printed instead of a secret, everywhere: by the secret types'
/// `Debug`, by the `Debug` of everything holding one, and in the answer
/// bodies kept in errors.
pub const REDACTED: &str = "[redacted]";

/// Defines each secret type of the family, and (for the tests) the list of
/// all of them.
macro_rules! secret_types {
    ($( $(#[$doc:meta])* $name:ident; )+) => {
        $(
            $(#[$doc])*
            #[derive(Clone)]
            pub struct $name(Zeroizing<String>);

            impl $name {
                /// Wraps a secret value.
                pub fn new(secret: impl Into<String>) -> Self {
                    $name(Zeroizing::new(secret.into()))
                }

                /// The value itself, for the one place that uses it. Never
                /// log it.
                pub fn secret(&self) -> &str {
                    &self.0
                }
            }

            impl fmt::Debug for $name {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    write!(f, "{}({REDACTED})", stringify!($name))
                }
            }

            /// Constant-time comparison of the values.
            impl PartialEq for $name {
                fn eq(&self, other: &Self) -> bool {
                    use subtle::ConstantTimeEq;
                    self.0.as_bytes().ct_eq(other.0.as_bytes()).into()
                }
            }

            impl Eq for $name {}

            impl From<String> for $name {
                fn from(s: String) -> Self {
                    $name::new(s)
                }
            }

            impl From<&str> for $name {
                fn from(s: &str) -> Self {
                    $name::new(s)
                }
            }

            impl From<&String> for $name {
                fn from(s: &String) -> Self {
                    $name::new(s.as_str())
                }
            }

            /// Serializes the value itself: serializing is an explicit
            /// request for it.
            impl serde::Serialize for $name {
                fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    s.serialize_str(self.secret())
                }
            }

            impl<'de> serde::Deserialize<'de> for $name {
                fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    String::deserialize(d).map($name::new)
                }
            }
        )+

        /// Every type of the family with a value made from `value`: its
        /// name and its `Debug` output (what the tests check).
        #[cfg(test)]
        pub(crate) fn every_type_debug(value: &str) -> Vec<(&'static str, String, String)> {
            vec![$(
                (
                    stringify!($name),
                    format!("{:?}", $name::new(value)),
                    format!("{:#?}", $name::new(value)),
                ),
            )+]
        }
    };
}

secret_types! {
    /// The application's secret (`SecretAccessKey`): the HMAC-SHA256 key
    /// that signs application-context requests, and the OAuth client
    /// secret. Generated types carry fields of `type: secret` as this type
    /// too, so that printing an answer never prints the secret.
    ApiSecret;

    /// An OAuth 2.0 access token: what a user-context request sends as
    /// `Authorization: Bearer …`. Its expiry, when known, is kept next to
    /// it in a [`TokenSet`](crate::oauth::TokenSet).
    AccessToken;

    /// An OAuth 2.0 refresh token: exchanged at the token endpoint for a
    /// new access token.
    RefreshToken;

    /// An OAuth 2.0 authorization code: single-use, exchanged once for
    /// tokens ([`OAuthConfig::exchange_code`](crate::oauth::OAuthConfig::exchange_code)).
    AuthorizationCode;

    /// The PKCE code verifier (RFC 7636) of one authorization request: sent
    /// with the code exchange, never with the consent URL (which carries
    /// only its hash).
    PkceVerifier;

    /// The random `state` of one authorization request: the callback must
    /// bring it back (compared in constant time), which ties the callback
    /// to the request (RFC 6749 §10.12).
    CsrfState;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_prints_redacted_and_never_the_value() {
        const VALUE: &str = "hunter2-SECRET-value";
        let all = every_type_debug(VALUE);
        assert_eq!(all.len(), 6, "a secret type was added: check this test");
        for (name, debug, pretty) in all {
            assert_eq!(debug, format!("{name}({REDACTED})"));
            assert_eq!(pretty, debug, "{name}: {{:#?}}");
            assert!(!debug.contains("hunter2") && !debug.contains("SECRET"));
        }
    }

    #[test]
    fn accessor_comparison_and_serde() {
        let s = ApiSecret::new("hunter2-SECRET");
        assert_eq!(s.secret(), "hunter2-SECRET");
        assert_eq!(s, ApiSecret::from("hunter2-SECRET"));
        assert_ne!(s, ApiSecret::from(String::from("other")));
        assert_ne!(s, ApiSecret::new("hunter2-SECRE"));
        let json = serde_json::to_string(&AccessToken::new("tok\"en")).unwrap();
        assert_eq!(json, r#""tok\"en""#);
        let back: AccessToken = serde_json::from_str(&json).unwrap();
        assert_eq!(back.secret(), "tok\"en");
        assert!(serde_json::from_str::<RefreshToken>("5").is_err());
    }

    #[test]
    fn holders_print_redacted() {
        #[derive(Debug)]
        #[allow(dead_code)]
        struct Holder {
            code: AuthorizationCode,
            verifier: Option<PkceVerifier>,
        }
        let h = Holder {
            code: AuthorizationCode::new("the-code"),
            verifier: Some(PkceVerifier::new("the-verifier")),
        };
        let s = format!("{h:?}");
        assert!(!s.contains("the-"), "{s}");
        assert_eq!(s.matches(REDACTED).count(), 2, "{s}");
    }
}
