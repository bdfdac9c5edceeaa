#![deny(missing_docs)]
//! # imagen
//!
//! Typed client for the Imagen REST API (MediaControlCentre and ImagenWeb).
//!
//! This facade re-exports [`imagen_runtime`] — the runtime (credentials,
//! request signing, OAuth 2.0, UTF-8, errors, retries) with its generated
//! bindings for `api/imagen.yaml` in [`api`] — and the macros:
//!
//! - [`scopes!`] declares the scope set your application holds, so that a
//!   call it may not make fails to compile;
//! - [`generate!`] generates bindings for a description of your own.
//!
//! With the cargo feature `webhooks`, `imagen::webhook` receives Imagen's
//! webhook callbacks (see `examples/webhook_receiver.rs`).
//!
//! ```no_run
//! # async fn run() -> Result<(), imagen::Error> {
//! imagen::scopes!(pub MyApp = ReadUsersData, CreateJobs);
//!
//! let session = imagen::SessionBuilder::from_env()?.build()?;
//! let app = imagen::api::Client::new(session).with_scopes::<MyApp>();
//! app.verify_scopes().await?; // the administrator really granted them
//! let profiles = app.profiles().list().send().await?;
//! # let _ = profiles; Ok(()) }
//! ```

pub use imagen_runtime::*;

/// Generates bindings for an Imagen API description, like
/// [`imagen_runtime::generate!`], with paths that go through this facade.
///
/// ```ignore
/// mod my_api {
///     imagen::generate!("api/my_api.yaml", module = crate::my_api);
/// }
/// ```
#[macro_export]
macro_rules! generate {
    ($($args:tt)*) => {
        $crate::__private::generate!(runtime = ::imagen, $($args)*);
    };
}
