//! Tokens at rest in the database stores (SQLite, PostgreSQL): the bytes of
//! a stored row, sealed with the application's key or plain, and the
//! errors for a row that cannot be opened.
//!
//! One module so that both stores seal and open the same way: a row
//! written by one program opens in the other when the key is the same, and
//! a wrong key is the same clear error everywhere.
//!
//! - Sealing: XChaCha20-Poly1305 under the 32-byte key, a random 24-byte
//!   nonce per save (prefixed to the ciphertext), and the whole store key
//!   (application, user, scopes) as associated data, so that a sealed row
//!   moved to another key does not open.
//! - The plain text is the token's JSON; it lives in [`Zeroizing`] buffers
//!   only.

use std::path::Path;

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use zeroize::Zeroizing;

use super::db::{key_columns, store_error};
use super::{OAuthError, StoreKey, TokenSet};

const NONCE_LEN: usize = 24;

/// A stored row's content: whether it is sealed, and its bytes.
pub(super) struct Row {
    pub(super) sealed: bool,
    pub(super) data: Zeroizing<Vec<u8>>,
}

/// How a store keeps tokens: sealed under a key, or plain.
#[derive(Clone, Default)]
pub(super) struct Sealing {
    key: Option<Zeroizing<[u8; 32]>>,
}

impl Sealing {
    /// Seal with `key`.
    pub(super) fn with_key(key: [u8; 32]) -> Self {
        Self {
            key: Some(Zeroizing::new(key)),
        }
    }

    /// The row for `token` under `key`; `location` names the store in
    /// errors.
    pub(super) fn seal(
        &self,
        key: &StoreKey,
        token: &TokenSet,
        location: &Path,
    ) -> Result<Row, OAuthError> {
        let plain = Zeroizing::new(
            serde_json::to_vec(token)
                .map_err(|e| store_error("cannot encode the token", location, e))?,
        );
        let Some(k) = &self.key else {
            return Ok(Row {
                sealed: false,
                data: plain,
            });
        };
        let cipher = XChaCha20Poly1305::new(k.as_ref().into());
        let nonce: [u8; NONCE_LEN] = rand::random();
        let aad = associated_data(key);
        let ct = cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: &plain,
                    aad: &aad,
                },
            )
            .map_err(|_| store_error("cannot seal the token", location, "encryption failed"))?;
        let mut data = Zeroizing::new(Vec::with_capacity(NONCE_LEN + ct.len()));
        data.extend_from_slice(&nonce);
        data.extend_from_slice(&ct);
        Ok(Row { sealed: true, data })
    }

    /// The token of a stored row: opened (when sealed) and parsed.
    /// [`OAuthError::TokenDecryption`] when it cannot be opened with this
    /// store's key (or lack of one), [`OAuthError::CorruptTokenFile`] when
    /// it opens but does not parse.
    pub(super) fn open(
        &self,
        key: &StoreKey,
        sealed: bool,
        data: Vec<u8>,
        location: &Path,
    ) -> Result<TokenSet, OAuthError> {
        let fail = |reason: &str| OAuthError::TokenDecryption {
            path: location.to_owned(),
            reason: reason.to_owned(),
        };
        let data = Zeroizing::new(data);
        let plain = match (&self.key, sealed) {
            (None, false) => data,
            (None, true) => {
                return Err(fail(
                    "it is encrypted, and this store has no encryption key: give the key it was saved with",
                ));
            }
            (Some(_), false) => {
                return Err(fail(
                    "it is stored unencrypted, and this store requires encryption: \
                     authorize again to store it sealed",
                ));
            }
            (Some(k), true) => {
                if data.len() < NONCE_LEN {
                    return Err(fail("the sealed data is truncated"));
                }
                let (nonce, ct) = data.split_at(NONCE_LEN);
                let cipher = XChaCha20Poly1305::new(k.as_ref().into());
                let aad = associated_data(key);
                cipher
                    .decrypt(XNonce::from_slice(nonce), Payload { msg: ct, aad: &aad })
                    .map(Zeroizing::new)
                    .map_err(|_| {
                        fail("wrong encryption key, or the stored data was altered or moved")
                    })?
            }
        };
        serde_json::from_slice(&plain).map_err(|e| OAuthError::CorruptTokenFile {
            path: location.to_owned(),
            // Line and column only: serde's message may quote the content.
            reason: format!(
                "a stored token does not parse ({:?} error at line {}, column {})",
                e.classify(),
                e.line(),
                e.column()
            ),
        })
    }
}

/// The associated data of a sealed token: the whole store key, each part
/// length-prefixed.
fn associated_data(key: &StoreKey) -> Vec<u8> {
    let (a, u, s) = key_columns(key);
    let mut out = Vec::new();
    for part in [a, u, s] {
        out.extend_from_slice(&(part.len() as u64).to_le_bytes());
        out.extend_from_slice(part.as_bytes());
    }
    out
}
