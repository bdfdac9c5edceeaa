//! Generates the command table of the `imagen` tool from the description
//! the runtime's bindings come from: `../api/imagen.yaml`, or the file
//! named by `IMAGEN_API_DESCRIPTION` (relative to `imagen-runtime/`, as the
//! runtime's own build script reads it, so that both describe one API). The
//! output is `$OUT_DIR/cli_table.rs`, `include!`d by `src/table.rs`.

use std::path::PathBuf;

const ENV: &str = "IMAGEN_API_DESCRIPTION";

fn main() {
    println!("cargo:rerun-if-env-changed={ENV}");
    println!("cargo:rerun-if-changed=build.rs");
    let dir = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    let file = match std::env::var_os(ENV) {
        Some(p) => dir.join("../imagen-runtime").join(p),
        None => dir.join("../api/imagen.yaml"),
    };
    println!("cargo:rerun-if-changed={}", file.display());
    let api = match imagen_codegen::load(&file) {
        Ok(api) => api,
        Err(diags) => {
            for line in diags.to_string().lines() {
                println!("cargo:warning={line}");
            }
            eprintln!("{diags}");
            std::process::exit(1);
        }
    };
    let source = imagen_codegen::generate_cli_source(&api, &imagen_codegen::CliOptions::default());
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("cli_table.rs");
    if let Err(e) = std::fs::write(&out, source) {
        eprintln!("can't write {}: {e}", out.display());
        std::process::exit(1);
    }
}
