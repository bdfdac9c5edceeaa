//! # imagen
//!
//! Typed client for the Imagen REST API. This facade re-exports the runtime
//! ([`imagen_runtime`]) with its generated bindings for `api/imagen.yaml`, and
//! the macros ([`generate!`], [`scopes!`]) for bindings of your own
//! description.

pub use imagen_runtime::*;
