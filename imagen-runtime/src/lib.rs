//! imagen-runtime
