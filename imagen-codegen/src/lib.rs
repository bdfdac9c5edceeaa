//! # imagen-codegen
//!
//! The one generator behind Imagen bindings: it reads an API description
//! (YAML, see `api/FORMAT.md`), validates it, and emits Rust. Both the
//! runtime's build script and the `generate!` proc macro call it, so the two
//! paths produce the same items for the same file (a proc-macro crate can't
//! export ordinary functions, hence this separate library).
//!
//! ```text
//! YAML text ──parse──▶ Spec ──validate──▶ Api ──generate──▶ TokenStream ──(build.rs) prettyplease──▶ $OUT_DIR/*.rs
//! ```
//!
//! Every problem is reported as a [`Diagnostics`] with file, line, column and
//! a hint; nothing here panics on bad input.

mod diag;
mod emit;
pub mod model;
mod spec;
mod validate;

use std::path::Path;

pub use diag::{Diagnostic, Diagnostics, Pos};
pub use emit::Options;
pub use model::Api;

/// Parses and validates a description held in memory. `file` is used in messages only.
pub fn parse(source: &str, file: &str) -> Result<Api, Diagnostics> {
    if source.trim().is_empty() {
        return Err(Diagnostics::one(
            file,
            None,
            Diagnostic::new(Pos { line: 1, column: 1 }, "the description is empty")
                .hint("start with `name: my_api` and add `hosts:`, `scopes:`, `types:` and `resources:` (see api/FORMAT.md)"),
        ));
    }
    let spec: spec::Spec = serde_saphyr::from_str(source).map_err(|e| {
        let pos = e.location().map(|l| Pos::of(&l)).unwrap_or_default();
        Diagnostics::one(file, Some(source), yaml_diagnostic(pos, &e))
    })?;
    validate::validate(&spec).map_err(|items| Diagnostics {
        file: file.to_owned(),
        source: Some(source.to_owned()),
        items,
    })
}

/// Turns the YAML library's message into ours: drops its own position suffix
/// (we print the position first) and rewords what it says in its own terms.
fn yaml_diagnostic(pos: Pos, e: &serde_saphyr::Error) -> Diagnostic {
    let text = e.without_snippet().to_string();
    let text = match text.rfind(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    };
    if let Some(rest) = text.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest).trim();
        return Diagnostic::new(pos, format!("`{key}` is defined twice here"))
            .hint("names of hosts, scopes, types, fields, resources, endpoints and parameters must be unique in their section");
    }
    if let Some(rest) = text.strip_prefix("unknown field ") {
        return Diagnostic::new(pos, format!("unknown key {rest}"))
            .hint("check the spelling; api/FORMAT.md lists every key");
    }
    if let Some(rest) = text.strip_prefix("missing field ") {
        return Diagnostic::new(pos, format!("missing key {rest}"))
            .hint("api/FORMAT.md lists the required keys");
    }
    Diagnostic::new(pos, format!("invalid YAML or value: {text}"))
        .hint("check indentation, quoting and brackets around this position")
}

/// Reads, parses and validates a description file. Reports unreadable,
/// empty and non-UTF-8 files like any other problem.
pub fn load(path: &Path) -> Result<Api, Diagnostics> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostics::one(
            &file,
            None,
            Diagnostic::new(Pos::default(), format!("can't read the description: {e}")).hint(
                "check the path (relative paths are relative to the crate's CARGO_MANIFEST_DIR)",
            ),
        )
    })?;
    let source = std::str::from_utf8(&bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&valid[line_start..])
            .chars()
            .count() as u32
            + 1;
        Diagnostics::one(
            &file,
            None,
            Diagnostic::new(
                Pos { line, column },
                format!(
                    "the description is not UTF-8 (invalid byte 0x{:02X} at byte offset {})",
                    bytes[e.valid_up_to()],
                    e.valid_up_to()
                ),
            )
            .hint("save the file as UTF-8"),
        )
    })?;
    parse(source, &file)
}

/// Generates the bindings of a validated description.
pub fn generate(api: &Api, options: &Options) -> proc_macro2::TokenStream {
    emit::generate(api, options)
}

/// Generates formatted source text (what the build script writes to `OUT_DIR`).
pub fn generate_source(api: &Api, options: &Options) -> String {
    let tokens = generate(api, options);
    match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(file) => prettyplease::unparse(&file),
        // Validation should make this unreachable; keep the unformatted text
        // so that rustc shows where the problem is instead of a panic here.
        Err(_) => tokens.to_string(),
    }
}
