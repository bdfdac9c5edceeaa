//! The fuzz targets. Each one turns an input (bytes) into one execution of
//! the code under test and says whether that was a finding.

use std::hash::{Hash, Hasher};
use std::path::PathBuf;

pub mod decode;
pub mod description;
pub mod emulator;
mod selftest;
pub mod signature;

/// What one execution found, when it found something.
#[derive(Debug, Clone)]
pub struct Finding {
    /// A short word: `panic`, `abort`, `timeout`, `invalid-rust`, `round-trip`, …
    pub kind: String,
    /// One line: what went wrong.
    pub message: String,
    /// More context (the request sent, the answer), several lines.
    pub details: String,
}

impl Finding {
    pub fn new(kind: &str, message: impl Into<String>, details: impl Into<String>) -> Self {
        Finding {
            kind: kind.into(),
            message: message.into(),
            details: details.into(),
        }
    }
}

/// The result of one execution: a cheap "behaviour" signature (the driver
/// keeps inputs that produce one it has not seen) and maybe a finding.
pub struct Outcome {
    pub feature: u64,
    pub finding: Option<Finding>,
}

impl Outcome {
    pub fn ok(feature: u64) -> Self {
        Outcome {
            feature,
            finding: None,
        }
    }
    pub fn found(feature: u64, f: Finding) -> Self {
        Outcome {
            feature,
            finding: Some(f),
        }
    }
}

/// A running target inside a worker process.
pub trait Target {
    fn run(&mut self, input: &[u8]) -> Outcome;
}

/// What the driver needs to know about a target without running it.
pub struct Info {
    pub name: &'static str,
    /// One line for `--help`.
    pub about: &'static str,
    /// The seed corpus.
    pub seeds: fn() -> Vec<Vec<u8>>,
    /// Words and fragments of the target's format for the mutator.
    pub dict: fn(&[Vec<u8>]) -> Vec<Vec<u8>>,
    /// Builds the target (in the worker process).
    pub start: fn(&Options) -> Result<Box<dyn Target>, String>,
    /// Largest input the driver generates.
    pub max_len: usize,
    /// Restart the worker after this many inputs (state that grows, such as
    /// the emulator's store); 0: never.
    pub recycle: u64,
}

/// Settings passed to a worker.
#[derive(Debug, Clone)]
pub struct Options {
    /// Per-input time limit; a target that talks to a server waits a bit
    /// less than this for an answer so that it can report the hang itself.
    pub timeout_ms: u64,
}

pub const ALL: &[Info] = &[
    description::INFO,
    decode::INFO,
    emulator::INFO,
    signature::INFO,
];

/// A target by name; also the hidden `selftest`.
pub fn by_name(name: &str) -> Option<&'static Info> {
    ALL.iter()
        .chain(std::iter::once(&selftest::INFO))
        .find(|t| t.name == name)
}

/// The repository's root (seed files are read from there).
pub fn repo_root() -> PathBuf {
    let compiled = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
    if compiled.join("api/imagen.yaml").exists() {
        compiled
    } else {
        PathBuf::from(".")
    }
}

/// Every regular file of `dir` whose name ends with one of `exts` (all when
/// empty), sorted by name.
pub fn files_in(dir: &str, exts: &[&str]) -> Vec<Vec<u8>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(repo_root().join(dir))
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    paths
        .into_iter()
        .filter(|p| p.is_file())
        .filter(|p| {
            let n = p.to_string_lossy();
            exts.is_empty() || exts.iter().any(|e| n.ends_with(e))
        })
        .filter_map(|p| std::fs::read(p).ok())
        .collect()
}

pub fn read_seed(path: &str) -> Vec<u8> {
    std::fs::read(repo_root().join(path)).unwrap_or_default()
}

/// A hash of anything hashable, for behaviour signatures.
pub fn hash_of(v: impl Hash) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    v.hash(&mut h);
    h.finish()
}

/// A message with the parts that vary from input to input taken out
/// (numbers, quoted names), so that one bug gives one signature.
pub fn normalize(msg: &str) -> String {
    let mut out = String::new();
    let mut chars = msg.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '0'..='9' => {
                while chars.peek().is_some_and(|c| c.is_ascii_digit()) {
                    chars.next();
                }
                out.push('N');
            }
            // An apostrophe inside a word (can't) is not a quote.
            '\'' if out.chars().last().is_some_and(char::is_alphanumeric) => out.push(c),
            '`' | '\'' | '"' => {
                // Skip to the matching quote on the same message (bounded).
                // A quote followed by a letter is part of the quoted text.
                let mut closed = false;
                while let Some(d) = chars.next() {
                    if d == c
                        && !chars
                            .peek()
                            .is_some_and(|n| n.is_alphanumeric() || *n == '_')
                    {
                        closed = true;
                        break;
                    }
                }
                out.push(c);
                out.push('…');
                if closed {
                    out.push(c);
                }
            }
            '<' => {
                // Element names in messages: `<Title>` → `<…>`.
                let mut name = String::new();
                while let Some(&d) = chars.peek() {
                    if d == '>' || name.len() > 60 || d.is_whitespace() {
                        break;
                    }
                    name.push(d);
                    chars.next();
                }
                out.push_str("<…");
            }
            _ => out.push(c),
        }
        if out.len() > 160 {
            break;
        }
    }
    out
}

/// The fixed part of a message, for behaviour features: of the text before
/// the first quoted or bracketed value, the lower-case words (names from
/// the input are mostly not), at most six.
pub fn template(msg: &str) -> String {
    let head = msg
        .split(['\'', '"', '`', '<', '{', '[', '&', '('])
        .next()
        .unwrap_or("");
    let words: Vec<&str> = head
        .split_whitespace()
        .map(|w| w.trim_end_matches([':', ',', '.', ';']))
        .filter(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
        .take(6)
        .collect();
    words.join(" ")
}

/// Shows bytes as text with escapes for what isn't printable, at most `max` bytes.
pub fn show(bytes: &[u8], max: usize) -> String {
    let cut = bytes.len() > max;
    let s: String = bytes[..bytes.len().min(max)]
        .utf8_chunks()
        .flat_map(|chunk| {
            let valid = chunk
                .valid()
                .chars()
                .flat_map(|c| match c {
                    '\n' | '\t' => vec![c],
                    '\r' => "\\r".chars().collect(),
                    c if c.is_control() => format!("\\u{{{:x}}}", c as u32).chars().collect(),
                    c => vec![c],
                })
                .collect::<Vec<char>>();
            let invalid = chunk
                .invalid()
                .iter()
                .flat_map(|b| format!("\\x{b:02x}").chars().collect::<Vec<_>>())
                .collect::<Vec<char>>();
            valid.into_iter().chain(invalid)
        })
        .collect();
    if cut {
        format!("{s}… ({} bytes in all)", bytes.len())
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_removes_what_varies() {
        assert_eq!(
            normalize("at line 12 column 3: `Foo` is defined twice"),
            "at line N column N: `…` is defined twice"
        );
        assert_eq!(normalize("`a<b` can't be"), "`…` can't be");
        assert_eq!(
            normalize("expected a <Title> element"),
            "expected a <…> element"
        );
    }

    #[test]
    fn templates_keep_the_fixed_words() {
        assert_eq!(
            template("Fields is missing a <Title> element"),
            "is missing a"
        );
        assert_eq!(template("Unknown mapping file 'x'."), "mapping file");
        assert_eq!(template("unknown entity &abc;"), "unknown entity");
    }

    #[test]
    fn seeds_are_found() {
        assert!(!read_seed("api/imagen.yaml").is_empty());
        assert!(files_in("conformance/samples", &[".xml"]).len() > 10);
    }

    #[test]
    fn show_escapes() {
        assert_eq!(show(b"a\r\n\x00\xff", 100), "a\\r\n\\u{0}\\xff");
    }
}
