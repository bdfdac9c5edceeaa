//! Invalid descriptions: every `tests/invalid/NAME.yaml` must be rejected by
//! `imagen_codegen::load`, and the rendered diagnostics (file:line:col,
//! message, excerpt, hint) must equal `tests/invalid/NAME.expected`.
//!
//! To accept new output after an intended change, run
//!
//! ```text
//! IMAGEN_BLESS=1 cargo test -p imagen-codegen --test invalid
//! ```
//!
//! and read every changed `.expected` file before committing it: each
//! message must point at the offending value and say what to do instead.

mod common;

use std::path::Path;

#[test]
fn invalid_descriptions_are_reported_with_positions_and_hints() {
    // Relative paths, so that the file name in the messages does not depend on
    // where the repository is checked out (cargo runs tests in the crate's directory).
    let dir = Path::new("tests/invalid");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("tests/invalid exists")
        .map(|e| {
            e.expect("readable entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter_map(|n| n.strip_suffix(".yaml").map(str::to_owned))
        .collect();
    names.sort();
    assert!(
        names.len() >= 20,
        "expected at least 20 invalid descriptions, found {}",
        names.len()
    );

    let mut failures = Vec::new();
    for name in &names {
        let yaml = dir.join(format!("{name}.yaml"));
        let rendered = match imagen_codegen::load(&yaml) {
            // Never handed to the blessing: an accepted fixture fails, bless or not.
            Ok(_) => {
                failures.push(format!("{name}: UNEXPECTEDLY ACCEPTED: {}", yaml.display()));
                continue;
            }
            Err(d) => {
                assert!(!d.items.is_empty(), "{name}: an error without diagnostics");
                format!("{d}\n")
            }
        };
        if let Err(diff) = common::check_or_bless(&dir.join(format!("{name}.expected")), &rendered)
        {
            failures.push(format!("--- {name} ---\n{diff}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} invalid descriptions differ from their .expected file \
         (IMAGEN_BLESS=1 rewrites them):\n\n{}",
        failures.len(),
        names.len(),
        failures.join("\n")
    );
}

/// Every `.expected` file belongs to a description (a renamed fixture must not leave a stale one behind).
#[test]
fn every_expected_file_has_a_description() {
    for e in std::fs::read_dir("tests/invalid").expect("tests/invalid exists") {
        let p = e.expect("readable entry").path();
        if p.extension().is_some_and(|x| x == "expected") {
            assert!(
                p.with_extension("yaml").exists(),
                "{} has no .yaml",
                p.display()
            );
        }
    }
}

/// The non-UTF-8 fixture really is not UTF-8 (an editor may "fix" it).
#[test]
fn non_utf8_fixture_is_not_utf8() {
    let bytes = std::fs::read("tests/invalid/non_utf8.yaml").expect("fixture exists");
    assert!(std::str::from_utf8(&bytes).is_err());
}

/// `parse` (in memory, used by the proc macro) reports like `load` does.
#[test]
fn parse_reports_like_load() {
    let path = Path::new("tests/invalid/unknown_host.yaml");
    let source = std::fs::read_to_string(path).expect("fixture exists");
    let from_parse = imagen_codegen::parse(&source, "tests/invalid/unknown_host.yaml").unwrap_err();
    let from_load = imagen_codegen::load(path).unwrap_err();
    assert_eq!(from_parse.to_string(), from_load.to_string());
}

/// A missing file is a diagnostic, not a panic.
#[test]
fn missing_file_is_reported() {
    let err = imagen_codegen::load(Path::new("tests/invalid/does_not_exist.yaml")).unwrap_err();
    let text = err.to_string();
    assert!(
        text.starts_with("tests/invalid/does_not_exist.yaml:"),
        "{text}"
    );
    assert!(text.contains("can't read the description"), "{text}");
    assert!(text.contains("= hint:"), "{text}");
}
