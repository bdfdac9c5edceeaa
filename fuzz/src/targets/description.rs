//! `description`: YAML text → `imagen_codegen::parse` → `generate` → the
//! tokens must be a Rust file (`syn::parse2::<syn::File>`) that prettyplease
//! can print (what the runtime's build script does). Diagnostics are fine;
//! a panic anywhere, or tokens that are not Rust, are findings. Input that
//! is not UTF-8 goes through `imagen_codegen::load` (a file) as well.

use std::io::Write;

use super::{Finding, Info, Options, Outcome, Target, files_in, hash_of, read_seed};

pub const INFO: Info = Info {
    name: "description",
    about: "YAML description → parse → generate → the tokens must parse as a Rust file",
    seeds,
    dict,
    start,
    max_len: 128 * 1024,
    recycle: 0,
};

fn seeds() -> Vec<Vec<u8>> {
    let mut s = vec![read_seed("api/imagen.yaml")];
    s.extend(files_in("imagen-codegen/tests/fixtures", &[".yaml"]));
    s.extend(files_in("imagen-codegen/tests/invalid", &[".yaml"]));
    s.retain(|x| !x.is_empty());
    s
}

fn dict(seeds: &[Vec<u8>]) -> Vec<Vec<u8>> {
    let mut d = super::super::mutate::words_of(seeds, 1500);
    for w in [
        "name: ",
        "doc: ",
        "hosts:\n",
        "scopes:\n",
        "types:\n",
        "resources:\n",
        "endpoints:\n",
        "fields:\n",
        "params:\n",
        "{ wire: X, type: string }",
        "type: string",
        "type: i64",
        "type: f64",
        "type: bool",
        "type: flag",
        "type: secret",
        "type: \"list<string>\"",
        "type: \"map<string>\"",
        "type: \"csv<string>\"",
        "type: \"list<list<Scope>>\"",
        "optional: true",
        "required: true",
        "xml: attribute",
        "xml: text",
        "item: ",
        "enum: [a, b]",
        "codes: { A: 0, B: 1 }",
        "implies: [",
        "default: true",
        "documented: false",
        "in: path",
        "in: query",
        "in: header",
        "format: xml",
        "format: json",
        "formats: [xml, json]",
        "envelope: ",
        "root: ",
        "list: ",
        "method: GET",
        "method: PUT",
        "method: DELETE",
        "auth: user",
        "auth: application",
        "auth: none",
        "auth: any",
        "path: /a/{b}",
        "{x}",
        "rust: ",
        "idempotent: false",
        "outcome_hint: ",
        "r#type",
        "self",
        "Self",
        "crate",
        "super",
        "async",
        "_",
        "__",
        "&a ",
        "*a",
        "<<: *a",
        "!!str",
        "? ",
        "- ",
        "---\n",
        "...\n",
        "|\n  ",
        ">-\n  ",
        "\"\\u0000\"",
        "\"\\x\"",
        "'''",
        "#",
    ] {
        d.push(w.as_bytes().to_vec());
    }
    d
}

struct Description {
    file: tempfile::NamedTempFile,
}

fn start(_: &Options) -> Result<Box<dyn Target>, String> {
    let file = tempfile::NamedTempFile::new().map_err(|e| format!("no temp file: {e}"))?;
    Ok(Box::new(Description { file }))
}

/// A feature from a diagnostic: the rule that fired, as far as its text
/// shows it without the input's own names — the hint (fixed text per rule,
/// up to its first quoted or listed part), or without one the message's
/// first word.
fn diag_feature(d: &imagen_codegen::Diagnostics) -> u64 {
    let first = d.items.first().map(|i| match i.hint.as_deref() {
        Some(h) => h
            .split([':', '`', '\'', '"'])
            .next()
            .unwrap_or_default()
            .chars()
            .take(40)
            .collect::<String>(),
        None => i
            .message
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .chars()
            .take(20)
            .collect(),
    });
    if std::env::var_os("IMAGEN_FUZZ_TRACE").is_some() {
        eprintln!("feature: {first:?} {}", d.items.len());
    }
    hash_of((first, d.items.len().min(3)))
}

impl Target for Description {
    fn run(&mut self, input: &[u8]) -> Outcome {
        let text = match std::str::from_utf8(input) {
            Ok(t) => std::borrow::Cow::Borrowed(t),
            Err(_) => {
                // The file path reads and reports bytes that aren't UTF-8;
                // then the parser sees the text with U+FFFD in their place.
                let f = self.file.as_file_mut();
                let written = f
                    .set_len(0)
                    .and_then(|_| std::io::Seek::rewind(f))
                    .and_then(|_| f.write_all(input))
                    .and_then(|_| f.flush());
                if written.is_ok()
                    && let Ok(api) = imagen_codegen::load(self.file.path())
                {
                    return Outcome::found(
                        1,
                        Finding::new(
                            "accepted-non-utf8",
                            "load() accepted a file that is not UTF-8",
                            format!("{} types", api.types.len()),
                        ),
                    );
                }
                String::from_utf8_lossy(input)
            }
        };
        let api = match imagen_codegen::parse(&text, "fuzz.yaml") {
            Ok(api) => api,
            Err(d) => {
                // Rendering the diagnostics (excerpt, caret) is code too.
                let _ = d.to_string();
                return Outcome::ok(diag_feature(&d));
            }
        };
        let tokens = imagen_codegen::generate(&api, &imagen_codegen::Options::default());
        let feature = hash_of((
            "ok",
            api.types.len().min(8),
            api.resources.len().min(8),
            api.scopes.len().min(4),
        ));
        match syn::parse2::<syn::File>(tokens.clone()) {
            Ok(file) => {
                let _ = prettyplease::unparse(&file);
                Outcome::ok(feature)
            }
            Err(e) => {
                let text: String = tokens.to_string().chars().take(2000).collect();
                Outcome::found(
                    feature,
                    Finding::new(
                        "invalid-rust",
                        format!("generated tokens are not a Rust file: {e}"),
                        format!("syn error: {e}\ngenerated tokens (start):\n{text}"),
                    ),
                )
            }
        }
    }
}
