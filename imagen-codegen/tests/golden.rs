//! Golden files: the source generated with `Options::default()` for each
//! fixture in `tests/fixtures/` and for `../api/imagen.yaml` must equal the
//! committed `tests/golden/NAME.rs`. Those files are also compiled against
//! the runtime elsewhere, so they must stay self-contained.
//!
//! After an intended change to the generator, rewrite them with
//!
//! ```text
//! IMAGEN_BLESS=1 cargo test -p imagen-codegen --test golden
//! ```
//!
//! and review the diff of `tests/golden/` before committing.

mod common;

use std::path::{Path, PathBuf};

use imagen_codegen::{Options, generate, generate_source, load};

/// Every description with a golden file: the fixtures, then the real description.
fn descriptions() -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir("tests/fixtures")
        .expect("tests/fixtures exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), p))
        .collect();
    out.sort();
    out.push(("imagen".to_owned(), PathBuf::from("../api/imagen.yaml")));
    out
}

#[test]
fn generated_source_matches_golden_files() {
    let all = descriptions();
    for name in ["every_feature", "awkward_names", "minimal", "imagen"] {
        assert!(
            all.iter().any(|(n, _)| n == name),
            "missing description {name}"
        );
    }
    let mut failures = Vec::new();
    for (name, path) in &all {
        let api = load(path).unwrap_or_else(|d| panic!("{} must be valid:\n{d}", path.display()));
        let source = generate_source(&api, &Options::default());
        let golden = Path::new("tests/golden").join(format!("{name}.rs"));
        if let Err(diff) = common::check_or_bless(&golden, &source) {
            failures.push(diff);
        }
    }
    assert!(
        failures.is_empty(),
        "generated source differs from the golden files (IMAGEN_BLESS=1 rewrites them):\n\n{}",
        failures.join("\n")
    );
}

/// `generate_source` falls back to unformatted tokens when they don't parse
/// as a Rust file; for valid descriptions that must never happen.
#[test]
fn generated_tokens_parse_as_a_rust_file() {
    for (name, path) in descriptions() {
        let api = load(&path).unwrap_or_else(|d| panic!("{d}"));
        let tokens = generate(&api, &Options::default());
        if let Err(e) = syn::parse2::<syn::File>(tokens) {
            panic!("{name}: generated tokens are not a Rust file: {e}");
        }
    }
}

/// No golden file without a description (a removed fixture must not leave one behind).
#[test]
fn every_golden_file_has_a_description() {
    let names: Vec<String> = descriptions().into_iter().map(|(n, _)| n).collect();
    for e in std::fs::read_dir("tests/golden").expect("tests/golden exists") {
        let p = e.expect("readable entry").path();
        let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
        assert!(names.contains(&stem), "{} has no description", p.display());
    }
}

/// Golden files are self-contained: they reach the runtime only through
/// `::imagen_runtime` and std only through absolute paths, and declare no
/// `extern crate`, `use` of outside crates or `include!`.
#[test]
fn golden_files_are_self_contained() {
    for (name, _) in descriptions() {
        let text =
            std::fs::read_to_string(format!("tests/golden/{name}.rs")).expect("golden file exists");
        for bad in [
            "extern crate",
            "include!",
            "include_str!",
            "env!(",
            "::imagen::",
            "$crate",
        ] {
            assert!(!text.contains(bad), "{name}.rs contains `{bad}`");
        }
        // Imports: the scopes macro under its public name, and inside the
        // generated modules (never at the top, which is the user's module)
        // the runtime once and the names its endpoint statics use.
        for raw in text.lines() {
            let line = raw.trim_start();
            let nested = raw.len() > line.len();
            if let Some(rest) = line
                .strip_prefix("use ")
                .or_else(|| line.strip_prefix("pub(crate) use "))
            {
                let allowed = rest == "__imagen_scopes as scopes;"
                    || (nested
                        && [
                            "::imagen_runtime as rt;",
                            "super::rt::endpoint::{Auth, Endpoint, Method};",
                            "super::rt::wire::Format;",
                        ]
                        .contains(&rest));
                assert!(allowed, "{name}.rs has an unexpected import: {line}");
            }
        }
    }
}
