#![deny(missing_docs)]
//! # imagen-codegen
//!
//! The one generator behind Imagen bindings: it reads an API description
//! (YAML, see `api/FORMAT.md`), validates it, and emits Rust. Both the
//! runtime's build script and the `generate!` proc macro call it, so the two
//! paths produce the same items for the same file (a proc-macro crate can't
//! export ordinary functions, hence this separate library).
//!
//! ```text
//! YAML text ──parse──▶ Spec ──validate──▶ Api ──generate──▶ TokenStream ──(build.rs) format──▶ $OUT_DIR/*.rs
//! ```
//!
//! Every problem is reported as a [`Diagnostics`] with file, line, column and
//! a hint; nothing here panics on bad input.

mod cli;
mod diag;
mod emit;
mod format;
pub mod model;
mod parallel;
mod read;
mod spec;
mod validate;

use std::path::Path;

pub use cli::{CliOptions, generate_cli, generate_cli_source};
pub use diag::{Diagnostic, Diagnostics, Pos};
pub use emit::Options;
pub use model::Api;

/// The largest description accepted (32 MiB: a 10,000-endpoint API is a
/// few MiB).
pub const MAX_INPUT_BYTES: usize = 32 * 1024 * 1024;

/// Parses and validates a description held in memory. `file` is used in messages only.
pub fn parse(source: &str, file: &str) -> Result<Api, Diagnostics> {
    if source.len() > MAX_INPUT_BYTES {
        return Err(Diagnostics::one(
            file,
            None,
            Diagnostic::new(
                Pos { line: 1, column: 1 },
                format!(
                    "the description is {} bytes, more than the {MAX_INPUT_BYTES} accepted",
                    source.len()
                ),
            )
            .hint("split the API into several descriptions (one `generate!` each)"),
        ));
    }
    // Blank lines and comments only: as empty as an empty file (the YAML
    // library would say "unexpected end of input" past the last line).
    if source
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Err(Diagnostics::one(
            file,
            None,
            Diagnostic::new(Pos { line: 1, column: 1 }, "the description is empty")
                .hint("start with `name: my_api` and add `hosts:`, `scopes:`, `types:` and `resources:` (see api/FORMAT.md)"),
        ));
    }
    let spec: spec::Spec = read::read(source).map_err(|e| {
        let pos = e.location().map(|l| Pos::of(&l)).unwrap_or_default();
        Diagnostics::one(file, Some(source), yaml_diagnostic(source, pos, &e))
    })?;
    validate::validate(&spec).map_err(|items| Diagnostics {
        file: file.to_owned(),
        source: Some(source.to_owned()),
        items,
    })
}

/// The YAML parser's limits (which guard against documents that expand
/// without bound) scaled to the input: a description of thousands of
/// endpoints is legitimate, and a node or event needs at least a byte of
/// source, so limits proportional to the length keep the work linear.
fn yaml_options(source: &str) -> serde_saphyr::Options {
    let mut budget = serde_saphyr::budget::Budget::default();
    budget.max_nodes = budget.max_nodes.max(source.len());
    budget.max_events = budget.max_events.max(2 * source.len());
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options
}

/// Turns the YAML library's message into ours: drops its own position suffix
/// (we print the position first) and rewords what it says in its own terms.
fn yaml_diagnostic(source: &str, pos: Pos, e: &serde_saphyr::Error) -> Diagnostic {
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
        let key = rest
            .split(',')
            .next()
            .unwrap_or(rest)
            .trim()
            .trim_matches('`');
        // The library points at the mapping's last key; point at the mapping's own key instead.
        return match enclosing_key(source, pos) {
            Some((at, owner)) => {
                Diagnostic::new(at, format!("`{owner}` is missing the key `{key}`"))
            }
            None => Diagnostic::new(pos, format!("missing key `{key}` in this mapping")),
        }
        .hint(missing_key_hint(key));
    }
    let found = token_at(source, pos);
    let found_note = if found.is_empty() {
        String::new()
    } else if found.starts_with('[') {
        ", found a list".to_owned()
    } else if found.starts_with('{') {
        ", found a mapping".to_owned()
    } else {
        format!(", found `{found}`")
    };
    let expected = |what: &str, hint: &str| {
        Diagnostic::new(pos, format!("expected {what}{found_note}")).hint(hint.to_owned())
    };
    match text.as_str() {
        "invalid boolean" => {
            return expected("`true` or `false`", "write `true` or `false` (unquoted)");
        }
        "expected mapping start" => {
            return expected(
                "a mapping (`key: value` entries)",
                "write the entries as indented `key: value` lines, or as `{ key: value, … }`",
            );
        }
        "expected sequence start" => {
            return expected(
                "a list",
                "write a list as `[a, b]`, or as indented `- a` lines",
            );
        }
        _ => {}
    }
    if text.starts_with("invalid") && (text.contains("integer") || text.contains("number")) {
        return expected("an integer", "write a whole number such as `0` or `-1`");
    }
    if text.contains("tabs disallowed") {
        return Diagnostic::new(pos, "a tab character in the indentation")
            .hint("YAML indentation must use spaces: replace the tab with spaces");
    }
    if text.contains("unclosed quote") || text.contains("quoted scalar") {
        return Diagnostic::new(pos, "this quoted string is not closed").hint(
            "add the closing quote (`\"` or `'`) on the same line, or escape the quote inside",
        );
    }
    if text.contains("flow mapping") {
        return Diagnostic::new(pos, format!("a `{{ … }}` mapping is not closed or not separated: {text}"))
            .hint("close the mapping with `}` and separate its entries with `,`; quote values that contain `,`, `{`, `}`, `[`, `]` or `: `");
    }
    if text.contains("flow sequence") {
        return Diagnostic::new(
            pos,
            format!("a `[ … ]` list is not closed or not separated: {text}"),
        )
        .hint("close the list with `]` and separate its items with `,`");
    }
    Diagnostic::new(pos, format!("invalid YAML: {text}"))
        .hint("check indentation, quoting and brackets around this position")
}

/// The plain value that starts at `pos` (for "found …" in messages), cut
/// at the end of the value and at 40 characters.
fn token_at(source: &str, pos: Pos) -> String {
    let Some(line) = source.lines().nth((pos.line as usize).wrapping_sub(1)) else {
        return String::new();
    };
    let rest: String = line
        .chars()
        .skip((pos.column as usize).saturating_sub(1))
        .take_while(|c| !matches!(c, ',' | '}' | ']' | '#'))
        .collect();
    let rest = rest.trim();
    match rest.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &rest[..i]),
        None => rest.to_owned(),
    }
}

/// The key that holds the mapping in which `pos` (a key) lies, and its
/// position: on the same line for a flow mapping (`id: { wire: ID }`), on the
/// nearest line above with less indentation for a block mapping. None at the
/// top level or when the layout is unusual (the caller keeps `pos`).
fn enclosing_key(source: &str, pos: Pos) -> Option<(Pos, String)> {
    let lines: Vec<&str> = source.lines().collect();
    let line = *lines.get((pos.line as usize).checked_sub(1)?)?;
    let col = (pos.column as usize).checked_sub(1)?;
    let indent = |l: &str| l.chars().take_while(|c| *c == ' ').count();
    let key_at = |l: &str, start: usize, end: usize| -> Option<String> {
        let key = l.get(start..end)?.trim().trim_matches(['"', '\'']);
        (!key.is_empty()).then(|| key.to_owned())
    };
    let before: String = line.chars().take(col).collect();
    if before.trim().is_empty() {
        // Block mapping: the parent key is the nearest less-indented line above.
        let here = indent(line);
        let (n, parent) = lines[..pos.line as usize - 1]
            .iter()
            .enumerate()
            .rev()
            .find(|(_, l)| {
                !l.trim().is_empty() && !l.trim_start().starts_with('#') && indent(l) < here
            })?;
        let start = indent(parent);
        let end = start + parent[start..].find(':')?;
        let key = key_at(parent, start, end)?;
        return Some((
            Pos {
                line: n as u32 + 1,
                column: parent[..start].chars().count() as u32 + 1,
            },
            key,
        ));
    }
    // Flow mapping: the key before the innermost `{` still open at `pos`.
    let mut depth = 0;
    let open = before.char_indices().rev().find_map(|(i, c)| match c {
        '}' => {
            depth += 1;
            None
        }
        '{' if depth == 0 => Some(i),
        '{' => {
            depth -= 1;
            None
        }
        _ => None,
    })?;
    let head = before[..open].trim_end().strip_suffix(':')?.trim_end();
    let start = head.rfind(['{', ',', ' ']).map_or(0, |i| i + 1);
    let key = key_at(head, start, head.len())?;
    Some((
        Pos {
            line: pos.line,
            column: head[..start].chars().count() as u32 + 1,
        },
        key,
    ))
}

/// Which mapping needs a required key, and what it holds (the YAML library
/// names the key but not the mapping).
fn missing_key_hint(key: &str) -> String {
    let what = match key {
        "name" => "the description needs `name:` at the top level, e.g. `name: my_api`",
        "endpoints" => "a resource needs `endpoints:`, a mapping of endpoint names to endpoints",
        "method" | "path" | "auth" | "response" => {
            "an endpoint needs `method:`, `path:`, `host:`, `auth:` and `response:`"
        }
        "host" => "an endpoint and the `oauth:` section need `host:`, a key of `hosts:`",
        "authorize" | "token" => "the `oauth:` section needs `host:`, `authorize:` and `token:`",
        "type" => "a field and a parameter need `type:`, e.g. `type: string`",
        "in" => "a parameter needs `in: path` or `in: query`",
        "format" => "a body needs `format: json` (with `type:`) or `format: xml`",
        _ => "",
    };
    if what.is_empty() {
        "api/FORMAT.md lists the required keys".to_owned()
    } else {
        format!("{what} (api/FORMAT.md lists the required keys)")
    }
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
        // The excerpt shows the bad byte as U+FFFD.
        let lossy = String::from_utf8_lossy(&bytes);
        Diagnostics::one(
            &file,
            Some(&lossy),
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
///
/// A large description is generated and formatted in two halves on two
/// threads when the machine has two cores (token streams are not `Send`:
/// each thread makes its own); the text is the same as in one piece.
pub fn generate_source(api: &Api, options: &Options) -> String {
    let endpoints: usize = api.resources.iter().map(|r| r.endpoints.len()).sum();
    if !parallel::two_cores() || endpoints < PARALLEL_FROM_ENDPOINTS || api.resources.len() < 2 {
        return format_source(generate(api, options));
    }
    // The first half also carries everything before the resources (types,
    // scopes, client): give it somewhat fewer resources.
    source_in_two_parts(api, options, api.resources.len() * 2 / 5)
}

/// Below this many endpoints a second thread costs more than it saves.
const PARALLEL_FROM_ENDPOINTS: usize = 200;

/// [`generate_source`] with the resources from `split` on formatted by a
/// second thread.
fn source_in_two_parts(api: &Api, options: &Options, split: usize) -> String {
    let split = split.min(api.resources.len());
    let rest = || {
        format::format(emit::generate_resources(
            api,
            options,
            split..api.resources.len(),
        ))
    };
    let (mut text, second) = parallel::join(
        || {
            let mut first = emit::generate_prelude(api, options);
            first.extend(emit::generate_resources(api, options, 0..split));
            format::format(first)
        },
        rest,
    );
    text.push_str(&second);
    text
}

/// Formats generated tokens as [`generate_source`] does: one item,
/// statement, field or attribute a line, blocks indented, doc attributes
/// as `///` lines.
pub fn format_source(tokens: proc_macro2::TokenStream) -> String {
    format::format(tokens)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};

    /// The tokens with each multi-line `#[doc]` split into one per line and
    /// trailing spaces of doc lines dropped: what `///` lines read back as.
    fn doc_lines(tokens: TokenStream) -> TokenStream {
        let v: Vec<TokenTree> = tokens.into_iter().collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < v.len() {
            if let (TokenTree::Punct(p), Some(TokenTree::Group(g))) = (&v[i], v.get(i + 1))
                && p.as_char() == '#'
                && g.delimiter() == Delimiter::Bracket
                && let [
                    TokenTree::Ident(d),
                    TokenTree::Punct(_),
                    TokenTree::Literal(l),
                ] = g.stream().into_iter().collect::<Vec<_>>().as_slice()
                && d == "doc"
                && let Ok(lit) = syn::parse_str::<syn::LitStr>(&l.to_string())
            {
                for line in lit.value().split('\n') {
                    let line = line.trim_end_matches(' ');
                    out.extend(quote::quote!(#[doc = #line]));
                }
                i += 2;
                continue;
            }
            match &v[i] {
                TokenTree::Group(g) => {
                    let mut n = Group::new(g.delimiter(), doc_lines(g.stream()));
                    n.set_span(g.span());
                    out.push(TokenTree::Group(n));
                }
                t => out.push(t.clone()),
            }
            i += 1;
        }
        out.into_iter().collect()
    }

    /// Pairs of characters that start an operator of several (`::` is not
    /// `: :`). `>>` is left out: it only ever closes nested generics here,
    /// where rustc reads it as two `>`.
    const COMPOUND: &[&str] = &[
        "::", "->", "=>", "==", "!=", "<=", ">=", "&&", "||", "..", "+=", "-=", "*=", "/=", "%=",
        "^=", "&=", "|=", "<<", "<-",
    ];

    /// The tokens as text, one entry per token (groups open and close),
    /// with a punctuation character's spacing only where it matters: before
    /// a character it would make an operator with ([`COMPOUND`]).
    fn shape(tokens: TokenStream) -> Vec<String> {
        let v: Vec<TokenTree> = tokens.into_iter().collect();
        let mut out = Vec::new();
        for (i, t) in v.iter().enumerate() {
            match t {
                TokenTree::Group(g) => {
                    out.push(format!("{:?}(", g.delimiter()));
                    out.extend(shape(g.stream()));
                    out.push(")".into());
                }
                TokenTree::Punct(p) => {
                    let joint = p.spacing() == proc_macro2::Spacing::Joint
                        && matches!(v.get(i + 1), Some(TokenTree::Punct(q))
                            if COMPOUND.contains(&[p.as_char(), q.as_char()].iter().collect::<String>().as_str()));
                    out.push(format!("{}{}", p.as_char(), if joint { "~" } else { "" }));
                }
                other => out.push(other.to_string()),
            }
        }
        out
    }

    /// The formatted source of every fixture and of the real description
    /// reads back as exactly the generated tokens (formatting changes
    /// layout only), and every doc attribute became `///` lines.
    #[test]
    fn formatted_source_reads_back_as_the_tokens() {
        let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir("tests/fixtures")
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
            .collect();
        paths.push("../api/imagen.yaml".into());
        for path in paths {
            let api = load(&path).unwrap_or_else(|d| panic!("{d}"));
            let options = Options::default();
            let tokens = generate(&api, &options);
            let source = generate_source(&api, &options);
            let read: TokenStream = source
                .parse()
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let (a, b) = (shape(doc_lines(read)), shape(doc_lines(tokens)));
            if let Some(i) = (0..a.len().max(b.len())).find(|&i| a.get(i) != b.get(i)) {
                let around = |v: &[String]| v[i.saturating_sub(12)..(i + 6).min(v.len())].join(" ");
                panic!(
                    "{}: the formatted source reads back differently at token {i}:\n  read:      {}\n  generated: {}",
                    path.display(),
                    around(&a),
                    around(&b)
                );
            }
            assert!(
                !source.contains("#[doc"),
                "{}: a doc attribute left",
                path.display()
            );
            assert!(!source.contains("\n\n"), "{}: a blank line", path.display());
        }
    }

    /// Formatting in two parts gives the text of formatting in one, wherever the split is.
    #[test]
    fn two_parts_make_the_same_source() {
        let api = load(Path::new("../api/imagen.yaml")).unwrap_or_else(|d| panic!("{d}"));
        let options = Options::default();
        let whole = format_source(generate(&api, &options));
        for split in 0..=api.resources.len() {
            assert_eq!(
                source_in_two_parts(&api, &options, split),
                whole,
                "split at resource {split}"
            );
        }
    }
}
