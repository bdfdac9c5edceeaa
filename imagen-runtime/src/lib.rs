//! imagen-runtime

pub mod oauth;
