//! Generates `imagen_runtime::api` from the built-in description.
//!
//! The description is `../api/imagen.yaml`, or the file named by
//! `IMAGEN_API_DESCRIPTION` (relative to this crate's directory). The
//! formatted output goes to `$OUT_DIR/imagen_api.rs`; `src/api.rs`
//! `include!`s it. Cargo reruns this script when the file or the variable
//! changes, so editing the YAML and running `cargo build` regenerates.

use std::path::PathBuf;

const ENV: &str = "IMAGEN_API_DESCRIPTION";

fn main() {
    println!("cargo:rerun-if-env-changed={ENV}");
    println!("cargo:rerun-if-changed=build.rs");
    let dir = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    let file = match std::env::var_os(ENV) {
        Some(p) => dir.join(p),
        None => dir.join("../api/imagen.yaml"),
    };
    println!("cargo:rerun-if-changed={}", file.display());
    let api = match imagen_codegen::load(&file) {
        Ok(api) => api,
        Err(diags) => {
            // One `cargo:warning` per line shows the message in cargo's output;
            // the panic fails the build with the same text.
            for line in diags.to_string().lines() {
                println!("cargo:warning={line}");
            }
            eprintln!("{diags}");
            std::process::exit(1);
        }
    };
    let options = imagen_codegen::Options {
        runtime: "crate".into(),
        module: "crate::api".into(),
        export_scopes_macro: true,
    };
    let source = imagen_codegen::generate_source(&api, &options);
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("imagen_api.rs");
    if let Err(e) = std::fs::write(&out, source) {
        eprintln!("can't write {}: {e}", out.display());
        std::process::exit(1);
    }
}
