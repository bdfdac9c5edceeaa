//! Diagnostics: every problem in a description is reported with the file,
//! line and column of the offending value, what is wrong, and what to write
//! instead. Rendering is plain text so that the same message reads well in a
//! build-script failure, a `compile_error!` and a test assertion.

use std::fmt;

/// A position in a description file (1-based line and column).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pos {
    /// Line, from 1.
    pub line: u32,
    /// Column, from 1.
    pub column: u32,
}

impl Pos {
    pub(crate) fn of(loc: &serde_saphyr::Location) -> Pos {
        Pos {
            line: loc.line() as u32,
            column: loc.column() as u32,
        }
    }
}

/// One problem in a description.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where: 1-based line and column (0:0 when the file as a whole is meant).
    pub pos: Pos,
    /// What is wrong.
    pub message: String,
    /// What to do instead.
    pub hint: Option<String>,
}

impl Diagnostic {
    pub(crate) fn new(pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            pos,
            message: message.into(),
            hint: None,
        }
    }

    pub(crate) fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// All problems found in one description file, in file order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostics {
    /// The file as given (used in messages).
    pub file: String,
    /// The source text, when it could be read (used for the excerpt).
    pub source: Option<String>,
    /// The problems, in file order.
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub(crate) fn one(file: &str, source: Option<&str>, d: Diagnostic) -> Self {
        Diagnostics {
            file: file.to_owned(),
            source: source.map(str::to_owned),
            items: vec![d],
        }
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.items.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            // `{:#}` leaves out the first `error: ` (for `compile_error!`,
            // where rustc prints its own in front).
            let label = if f.alternate() && i == 0 {
                ""
            } else {
                "error: "
            };
            write!(
                f,
                "{}:{}:{}: {label}{}",
                self.file, d.pos.line, d.pos.column, d.message
            )?;
            if let Some(line) = self
                .source
                .as_deref()
                .and_then(|s| s.lines().nth((d.pos.line as usize).wrapping_sub(1)))
            {
                let (line, col) = excerpt(line, (d.pos.column as usize).saturating_sub(1));
                let pad: String = line
                    .chars()
                    .take(col)
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                write!(f, "\n  | {line}\n  | {pad}^")?;
            }
            if let Some(h) = &d.hint {
                write!(f, "\n  = hint: {h}")?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// Characters of a source line shown around the caret at most.
const EXCERPT: usize = 120;

/// The part of `line` shown in a message: the whole line when it is short,
/// else a window of [`EXCERPT`] characters around column `col` (0-based),
/// marked with `…`; returns it with the caret's column in it.
fn excerpt(line: &str, col: usize) -> (String, usize) {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= EXCERPT {
        return (line.to_owned(), col);
    }
    let col = col.min(chars.len());
    let start = col.saturating_sub(EXCERPT / 2);
    let end = (start + EXCERPT).min(chars.len());
    let mut out = String::new();
    let mut caret = col - start;
    if start > 0 {
        out.push('…');
        caret += 1;
    }
    out.extend(&chars[start..end]);
    if end < chars.len() {
        out.push('…');
    }
    (out, caret)
}
