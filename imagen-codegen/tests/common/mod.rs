//! Shared by the integration tests: the bless mechanism for expected files.
//!
//! With `IMAGEN_BLESS=1` in the environment, an expected file that differs
//! (or is missing) is rewritten with the actual text; otherwise a difference
//! is returned as a readable report.

#![allow(dead_code)]

use std::path::Path;

/// Whether `IMAGEN_BLESS=1` (or any value but `0`) is set.
pub fn blessing() -> bool {
    std::env::var_os("IMAGEN_BLESS").is_some_and(|v| v != "0" && !v.is_empty())
}

/// Compares `actual` with the content of `expected`, or rewrites `expected` when blessing.
pub fn check_or_bless(expected: &Path, actual: &str) -> Result<(), String> {
    let current = std::fs::read_to_string(expected).ok();
    if current.as_deref() == Some(actual) {
        return Ok(());
    }
    if blessing() {
        std::fs::write(expected, actual)
            .unwrap_or_else(|e| panic!("can't write {}: {e}", expected.display()));
        eprintln!("blessed {}", expected.display());
        return Ok(());
    }
    match current {
        None => Err(format!(
            "{} is missing; actual output:\n{actual}",
            expected.display()
        )),
        Some(current) => Err(format!(
            "{} differs:\n{}",
            expected.display(),
            first_difference(&current, actual)
        )),
    }
}

/// The first differing line, with a few lines of context, of two texts.
pub fn first_difference(expected: &str, actual: &str) -> String {
    let e: Vec<&str> = expected.lines().collect();
    let a: Vec<&str> = actual.lines().collect();
    let i = e
        .iter()
        .zip(&a)
        .position(|(x, y)| x != y)
        .unwrap_or(e.len().min(a.len()));
    let from = i.saturating_sub(3);
    let mut out = format!(
        "first difference at line {} (expected {} lines, got {}):\n",
        i + 1,
        e.len(),
        a.len()
    );
    for (n, l) in e.iter().enumerate().skip(from).take(i - from + 4) {
        out.push_str(&format!(
            "{}{:5} | {l}\n",
            if n == i { "-" } else { " " },
            n + 1
        ));
    }
    out.push_str("     ...\n");
    for (n, l) in a.iter().enumerate().skip(from).take(i - from + 4) {
        out.push_str(&format!(
            "{}{:5} | {l}\n",
            if n == i { "+" } else { " " },
            n + 1
        ));
    }
    out
}
