//! Procedural macros for Imagen bindings.
