//! imagen-codegen
