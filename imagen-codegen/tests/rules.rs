//! Every error the generator can report is shown by an invalid fixture.
//!
//! The messages are read from the source: every `Diagnostic::new(…, message)`
//! under `src/` (and every call of the `expected(…)` helper in `lib.rs`, which
//! wraps one) gives a message template such as
//! ``path `{path}` must start with `/` ``. Each template must match the
//! message of at least one `tests/invalid/*.expected` file (placeholders match
//! any text; the literal parts must appear in order, anchored at both ends).
//! `invalid.rs` checks that each `.expected` file is what the generator
//! prints for its `.yaml`, so a match here means the rule really fires on
//! that fixture.
//!
//! A new rule without a fixture fails this test; add
//! `tests/invalid/NAME.yaml`, bless it (`IMAGEN_BLESS=1 cargo test -p
//! imagen-codegen --test invalid`) and read the new `.expected` file.

use std::path::{Path, PathBuf};

/// Messages that no fixture can show, with where they are tested instead.
const NOT_BY_FIXTURE: &[(&str, &str)] = &[
    (
        "the description is {} bytes, more than the {MAX_INPUT_BYTES} accepted",
        "a 32 MiB fixture: `oversized_input_is_rejected_before_parsing` below",
    ),
    (
        "can't read the description: {e}",
        "a missing file: `missing_file_is_reported` in invalid.rs",
    ),
];

/// Messages no description can produce (found while adding the fixtures),
/// each with the fixture that shows what is reported instead. When one
/// becomes reachable (its fixture starts showing it), the test fails:
/// remove it here.
const UNREACHABLE: &[(&str, &str, &str)] = &[
    (
        "type `{}` is a Rust keyword",
        "type_named_self",
        "an UpperCamelCase name is never a keyword but `Self`, which the \
         identifier check refuses first",
    ),
    (
        "expected an integer{found_note}",
        "yaml_word_for_integer",
        "serde-saphyr 2.2 says `invalid i64`, which lib.rs does not recognise \
         (it looks for `integer` or `number`): the generic YAML message is shown",
    ),
    (
        "a `[ … ]` list is not closed or not separated: {text}",
        "yaml_unclosed_list",
        "serde-saphyr 2.2 reports `unclosed bracket`/`mismatched bracket`, never \
         `flow sequence`: the generic YAML message is shown",
    ),
];

/// One message template and where it is written.
#[derive(Debug)]
struct Template {
    at: String,
    text: String,
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("readable source directory") {
        let p = e.expect("readable entry").path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// A token of Rust source, as far as this scan needs: identifiers and
/// numbers, string literals (unescaped), and single punctuation characters.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    Str(String),
    Punct(char),
}

/// Splits source into tokens with their byte offsets, skipping comments,
/// whitespace and char literals (which may hold brackets and quotes).
fn lex(src: &str) -> Vec<(usize, Tok)> {
    let b: Vec<(usize, char)> = src.char_indices().collect();
    let at = |i: usize| b.get(i).map(|x| x.1);
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let (start, c) = b[i];
        match c {
            '/' if at(i + 1) == Some('/') => {
                while i < b.len() && b[i].1 != '\n' {
                    i += 1;
                }
            }
            '/' if at(i + 1) == Some('*') => {
                i += 2;
                while i + 1 < b.len() && !(b[i].1 == '*' && b[i + 1].1 == '/') {
                    i += 1;
                }
                i += 1;
            }
            // A raw string `r#"…"#` (any number of `#`): taken as it is,
            // up to the quote followed by as many `#`.
            'r' if at(i + 1) == Some('#')
                && (i == 0 || !b[i - 1].1.is_alphanumeric() && b[i - 1].1 != '_') =>
            {
                let mut hashes = 0;
                let mut j = i + 1;
                while at(j) == Some('#') {
                    hashes += 1;
                    j += 1;
                }
                if at(j) != Some('"') {
                    // `r#ident`: a raw identifier.
                    let mut w = String::new();
                    while at(j).is_some_and(|c| c.is_alphanumeric() || c == '_') {
                        w.push(b[j].1);
                        j += 1;
                    }
                    out.push((start, Tok::Word(w)));
                    i = j;
                    continue;
                }
                j += 1;
                let mut s = String::new();
                loop {
                    match at(j) {
                        None => break,
                        Some('"') if (1..=hashes).all(|k| at(j + k) == Some('#')) => {
                            j += 1 + hashes;
                            break;
                        }
                        Some(c) => s.push(c),
                    }
                    j += 1;
                }
                out.push((start, Tok::Str(s)));
                i = j;
                continue;
            }
            '"' => {
                let mut s = String::new();
                i += 1;
                while i < b.len() && b[i].1 != '"' {
                    if b[i].1 == '\\' {
                        i += 1;
                        match b[i].1 {
                            'n' => s.push('\n'),
                            'r' => s.push('\r'),
                            't' => s.push('\t'),
                            '0' => s.push('\0'),
                            '\n' => {
                                // A line continuation: the next line's indentation goes too.
                                while at(i + 1).is_some_and(char::is_whitespace) {
                                    i += 1;
                                }
                            }
                            other => s.push(other),
                        }
                    } else {
                        s.push(b[i].1);
                    }
                    i += 1;
                }
                out.push((start, Tok::Str(s)));
            }
            '\'' => {
                // A char literal ('x', '\n', '\''), or a lifetime ('a).
                if at(i + 1) == Some('\\') {
                    i += 2;
                    while i < b.len() && b[i].1 != '\'' {
                        i += 1;
                    }
                } else if at(i + 2) == Some('\'') {
                    i += 2;
                } else {
                    out.push((start, Tok::Punct(c)));
                }
            }
            c if c.is_alphanumeric() || c == '_' => {
                let mut w = String::new();
                while at(i).is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    w.push(b[i].1);
                    i += 1;
                }
                out.push((start, Tok::Word(w)));
                continue;
            }
            c if c.is_whitespace() => {}
            c => out.push((start, Tok::Punct(c))),
        }
        i += 1;
    }
    out
}

fn word(t: Option<&(usize, Tok)>, w: &str) -> bool {
    matches!(t, Some((_, Tok::Word(x))) if x == w)
}

fn punct(t: Option<&(usize, Tok)>, p: char) -> bool {
    matches!(t, Some((_, Tok::Punct(x))) if *x == p)
}

/// The top-level arguments of the call whose `(` is at `open`: token ranges.
fn arguments(toks: &[(usize, Tok)], open: usize) -> Vec<&[(usize, Tok)]> {
    let mut args = Vec::new();
    let mut depth = 0;
    let mut start = open + 1;
    for j in open..toks.len() {
        match toks[j].1 {
            Tok::Punct('(' | '[' | '{') => depth += 1,
            Tok::Punct(')' | ']' | '}') => {
                depth -= 1;
                if depth == 0 {
                    if start < j {
                        args.push(&toks[start..j]);
                    }
                    return args;
                }
            }
            Tok::Punct(',') if depth == 1 => {
                args.push(&toks[start..j]);
                start = j + 1;
            }
            _ => {}
        }
    }
    panic!("unbalanced call at byte {}", toks[open].0)
}

fn line_of(src: &str, byte: usize) -> usize {
    src[..byte].matches('\n').count() + 1
}

/// Every message template in the generator's source.
fn templates() -> Vec<Template> {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    files.sort();
    let mut out = Vec::new();
    for file in &files {
        let src = std::fs::read_to_string(file).expect("readable source");
        let toks = lex(&src);
        let at = |byte: usize| format!("{}:{}", file.display(), line_of(&src, byte));
        for i in 0..toks.len() {
            // `expected("what", "hint")` in lib.rs: "expected what, found …".
            if word(toks.get(i), "expected") && punct(toks.get(i + 1), '(') {
                if let Some((_, Tok::Str(what))) =
                    arguments(&toks, i + 1).first().and_then(|a| a.first())
                {
                    out.push(Template {
                        at: at(toks[i].0),
                        text: format!("expected {what}{{found_note}}"),
                    });
                }
                continue;
            }
            let call = word(toks.get(i), "Diagnostic")
                && punct(toks.get(i + 1), ':')
                && punct(toks.get(i + 2), ':')
                && word(toks.get(i + 3), "new")
                && punct(toks.get(i + 4), '(');
            if !call {
                continue;
            }
            let args = arguments(&toks, i + 4);
            let message = args
                .get(1)
                .unwrap_or_else(|| panic!("{}: no message", at(toks[i].0)));
            match message.iter().find_map(|(_, t)| match t {
                Tok::Str(s) => Some(s.clone()),
                _ => None,
            }) {
                // The `expected` helper's own message, covered by its calls above.
                Some(s) if s == "expected {what}{found_note}" => {}
                Some(s) => out.push(Template {
                    at: at(toks[i].0),
                    text: s,
                }),
                None => {
                    // A variable: the templates are the strings of its `let`.
                    let [(_, Tok::Word(name))] = message else {
                        panic!(
                            "{}: can't read the message {message:?}; write it as a string \
                             literal, a format! or a variable",
                            at(toks[i].0)
                        );
                    };
                    let def = (0..i)
                        .rev()
                        .find(|&j| word(toks.get(j), "let") && word(toks.get(j + 1), name))
                        .unwrap_or_else(|| panic!("{}: no `let {name}`", at(toks[i].0)));
                    let mut depth = 0;
                    for (b, t) in &toks[def..i] {
                        match t {
                            Tok::Punct('(' | '[' | '{') => depth += 1,
                            Tok::Punct(')' | ']' | '}') => depth -= 1,
                            Tok::Punct(';') if depth == 0 => break,
                            // Strings of placeholders and punctuation (`"`{}`"`) are parts, not messages.
                            Tok::Str(s)
                                if fragments(s).iter().any(|f| {
                                    f.chars().filter(|c| c.is_alphabetic()).count() >= 3
                                }) =>
                            {
                                out.push(Template {
                                    at: at(*b),
                                    text: s.clone(),
                                })
                            }
                            _ => {}
                        }
                    }
                }
            }
        }
    }
    out
}

/// The literal parts of a format string, between its placeholders; the
/// first is empty when the string starts with a placeholder, the last
/// when it ends with one.
fn fragments(template: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                parts.last_mut().unwrap().push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                parts.last_mut().unwrap().push('}');
            }
            '{' => {
                for c in chars.by_ref() {
                    if c == '}' {
                        break;
                    }
                }
                parts.push(String::new());
            }
            c => parts.last_mut().unwrap().push(c),
        }
    }
    parts
}

/// Whether `message` is an instance of `template`.
fn matches(template: &str, message: &str) -> bool {
    let parts = fragments(template);
    let (first, rest) = parts.split_first().expect("at least one part");
    let Some(mut rest_of_message) = message.strip_prefix(first.as_str()) else {
        return false;
    };
    let Some((last, middle)) = rest.split_last() else {
        return rest_of_message.is_empty();
    };
    for part in middle {
        match rest_of_message.find(part.as_str()) {
            Some(i) => rest_of_message = &rest_of_message[i + part.len()..],
            None => return false,
        }
    }
    rest_of_message.ends_with(last.as_str())
}

/// (fixture, message) for every error in the `.expected` files. Messages
/// are printed on one line; a message with a newline (none so far) would be
/// cut, and fail to match.
fn fixture_messages() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir("tests/invalid").expect("tests/invalid exists") {
        let p = e.expect("readable entry").path();
        if p.extension().is_none_or(|x| x != "expected") {
            continue;
        }
        let text = std::fs::read_to_string(&p).expect("readable .expected");
        let name = p.file_stem().unwrap().to_string_lossy().into_owned();
        for line in text.lines() {
            if let Some((_, message)) = line.split_once(": error: ") {
                out.push((name.clone(), message.to_owned()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_message_is_shown_by_a_fixture() {
    let templates = templates();
    // The scan must find the rules (a rewrite that hides them from it must fail, not pass).
    assert!(
        templates.len() >= 90,
        "found only {} message templates under src/: {templates:#?}",
        templates.len()
    );
    let listed = NOT_BY_FIXTURE
        .iter()
        .map(|(t, _)| *t)
        .chain(UNREACHABLE.iter().map(|(t, _, _)| *t));
    for t in listed {
        assert!(
            templates.iter().any(|x| x.text == t),
            "`{t}` is listed here but no longer in src/"
        );
    }
    let messages = fixture_messages();
    for (t, fixture, why) in UNREACHABLE {
        let shown: Vec<&String> = messages
            .iter()
            .filter(|(f, _)| f == fixture)
            .map(|(_, m)| m)
            .collect();
        assert!(!shown.is_empty(), "{fixture}.expected has no error");
        assert!(
            !shown.iter().any(|m| matches(t, m)),
            "`{t}` was listed as unreachable ({why}), but {fixture} now shows it: \
             remove it from UNREACHABLE"
        );
    }
    let mut missing = Vec::new();
    let mut covered = 0;
    for t in &templates {
        let excused = NOT_BY_FIXTURE.iter().any(|(x, _)| *x == t.text)
            || UNREACHABLE.iter().any(|(x, _, _)| *x == t.text);
        if excused {
            continue;
        }
        match messages.iter().find(|(_, m)| matches(&t.text, m)) {
            Some(_) => covered += 1,
            None => missing.push(format!("{}: {}", t.at, t.text)),
        }
    }
    eprintln!(
        "{} message templates: {covered} shown by a fixture, {} tested elsewhere, \
         {} unreachable, {} not at all",
        templates.len(),
        NOT_BY_FIXTURE.len(),
        UNREACHABLE.len(),
        missing.len()
    );
    assert!(
        missing.is_empty(),
        "{} of {} messages have no fixture in tests/invalid/ (add NAME.yaml, bless, read NAME.expected):\n{}",
        missing.len(),
        templates.len(),
        missing.join("\n")
    );
}

/// Every fixture's every message comes from a known template (so that the
/// scan above reads the source as the generator prints it).
#[test]
fn every_fixture_message_has_a_template() {
    let templates = templates();
    let strays: Vec<String> = fixture_messages()
        .into_iter()
        .filter(|(_, m)| !templates.iter().any(|t| matches(&t.text, m)))
        .map(|(f, m)| format!("{f}: {m}"))
        .collect();
    assert!(
        strays.is_empty(),
        "messages without a template in src/:\n{}",
        strays.join("\n")
    );
}

#[test]
fn template_matching_is_anchored() {
    assert!(matches(
        "path `{path}` must start with `/`",
        "path `a` must start with `/`"
    ));
    assert!(!matches(
        "path `{path}` must start with `/`",
        "the path `a` must start with `/`"
    ));
    assert!(!matches(
        "path `{path}` must start with `/`",
        "path `a` must start with `/` x"
    ));
    assert!(matches(
        "{what} `{original}` has no letters",
        "field `_` has no letters"
    ));
    assert!(matches("`{{{p}}}` in path", "`{}` in path"));
    assert!(!matches("`{{{p}}}` in path", "`x` in path"));
    assert!(matches(
        "the description is empty",
        "the description is empty"
    ));
    assert!(!matches(
        "the description is empty",
        "the description is empty!"
    ));
}

/// The size limit is checked before parsing (no fixture: it would be 32 MiB).
#[test]
fn oversized_input_is_rejected_before_parsing() {
    let source = format!("name: t\n{}", "#".repeat(imagen_codegen::MAX_INPUT_BYTES));
    let err = imagen_codegen::parse(&source, "big.yaml").unwrap_err();
    assert_eq!(err.items.len(), 1);
    let d = &err.items[0];
    assert_eq!((d.pos.line, d.pos.column), (1, 1));
    assert_eq!(
        d.message,
        format!(
            "the description is {} bytes, more than the {} accepted",
            source.len(),
            imagen_codegen::MAX_INPUT_BYTES
        )
    );
    assert!(
        d.hint
            .as_deref()
            .is_some_and(|h| h.contains("split the API"))
    );
}
