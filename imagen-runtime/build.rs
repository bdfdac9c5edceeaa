//! Generates `imagen_runtime::api` from the built-in description.
//!
//! The description is `../api/imagen.yaml`, or the file named by
//! `IMAGEN_API_DESCRIPTION` (relative to this crate's directory). The
//! formatted output goes to `$OUT_DIR/imagen_api.rs`; `src/api.rs`
//! `include!`s it. Cargo reruns this script when the file or the variable
//! changes, so editing the YAML and running `cargo build` regenerates.
//!
//! A description with errors fails the build without a panic: every
//! diagnostic is printed (as `cargo:warning` lines and on stderr) and the
//! script exits with status 1.

use std::path::PathBuf;

const ENV: &str = "IMAGEN_API_DESCRIPTION";

/// Fails the build script with `message` (status 1, no panic).
fn fail(message: &str) -> ! {
    eprintln!("{message}");
    std::process::exit(1)
}

/// A variable Cargo sets for every build script.
fn cargo_var(name: &str) -> PathBuf {
    match std::env::var_os(name) {
        Some(v) => PathBuf::from(v),
        None => fail(&format!(
            "{name} is not set: run this build script through Cargo"
        )),
    }
}

fn main() {
    println!("cargo:rerun-if-env-changed={ENV}");
    println!("cargo:rerun-if-changed=build.rs");
    let dir = cargo_var("CARGO_MANIFEST_DIR");
    let file = match std::env::var_os(ENV) {
        Some(p) => dir.join(p),
        None => dir.join("../api/imagen.yaml"),
    };
    println!("cargo:rerun-if-changed={}", file.display());
    let api = match imagen_codegen::load(&file) {
        Ok(api) => api,
        Err(diags) => {
            // One `cargo:warning` per line shows the message in Cargo's
            // summary; the exit status fails the build, and Cargo prints
            // the script's stderr (the same text) with the failure.
            for line in diags.to_string().lines() {
                println!("cargo:warning={line}");
            }
            fail(&diags.to_string());
        }
    };
    let options = imagen_codegen::Options {
        runtime: "crate".into(),
        module: "crate::api".into(),
        export_scopes_macro: true,
    };
    let source = imagen_codegen::generate_source(&api, &options);
    let out = cargo_var("OUT_DIR").join("imagen_api.rs");
    if let Err(e) = std::fs::write(&out, source) {
        fail(&format!("can't write {}: {e}", out.display()));
    }
}
