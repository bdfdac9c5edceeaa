//! The Imagen API, generated at build time from `api/imagen.yaml` (or the
//! file named by `IMAGEN_API_DESCRIPTION`).
//!
//! Start with [`Client`]: `Client::new(session)` gives an application-context
//! client with the default scopes; [`Client::for_user`] one that acts for a
//! user. Each resource is a module with its endpoints' request builders;
//! [`scopes`] has one marker type per scope, and the crate-level
//! `scopes!` macro declares your application's scope set.
//!
//! To read the generated source: `$OUT_DIR/imagen_api.rs` after a build, or
//! `cargo run -p imagen-codegen --example imagen_gen -- api/imagen.yaml`.

include!(concat!(env!("OUT_DIR"), "/imagen_api.rs"));

/// The generated source included above, as text: a test seam (the
/// facade's `tests/golden.rs` compares it with the generator's committed
/// golden file), not API.
#[doc(hidden)]
pub const GENERATED_SOURCE: &str = include_str!(concat!(env!("OUT_DIR"), "/imagen_api.rs"));
