//! The subset of the Imagen Query Language the emulator understands.
//!
//! ```text
//! query     := [WHERE condition (AND condition)*] [ORDER BY field [ASC|DESC]] [LIMIT n]
//! condition := field op value        op := = | != | < | >
//! field     := letters, digits, `_` and `.` (e.g. Title, media.State, ID)
//! value     := 'single-quoted text' ('' is a quote)
//!            | "double-quoted text" ("" is a quote)
//!            | number | null
//! ```
//! Keywords (and `null`) are case-insensitive. `=` and `!=` compare
//! case-insensitively; `<` and `>` compare as numbers when both sides are
//! numbers, else as text. `field = null` matches records without a value
//! for the field (absent or empty), `field != null` those with one; `null`
//! cannot be ordered (`<`, `>`). A field may have several values (one per
//! media object for `media.*` fields): a condition holds when one of them
//! matches. Errors name the 1-based character position where parsing
//! failed, so a 400 answer can point the user at it.

use std::cmp::Ordering;
use std::fmt;

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ne,
    Lt,
    Gt,
}

/// `field op value`.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub field: String,
    pub op: Op,
    /// `None` for `null`.
    pub value: Option<String>,
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Query {
    pub conditions: Vec<Condition>,
    /// Field and `true` for descending.
    pub order_by: Option<(String, bool)>,
    pub limit: Option<usize>,
}

/// A syntax error at a 1-based character position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IqlError {
    pub position: usize,
    pub message: String,
}

impl fmt::Display for IqlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at position {}: {}", self.position, self.message)
    }
}

impl std::error::Error for IqlError {}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    Str(String),
    Num(String),
    Op(Op),
}

fn describe(t: Option<&(usize, Tok)>) -> String {
    match t {
        None => "the end of the query".into(),
        Some((_, Tok::Word(w))) => format!("'{w}'"),
        Some((_, Tok::Str(s))) => format!("the text '{s}'"),
        Some((_, Tok::Num(n))) => format!("the number {n}"),
        Some((_, Tok::Op(_))) => "an operator".into(),
    }
}

fn lex(q: &str) -> Result<Vec<(usize, Tok)>, IqlError> {
    let chars: Vec<char> = q.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let err = |pos: usize, m: &str| IqlError {
        position: pos + 1,
        message: m.to_string(),
    };
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        if c.is_whitespace() {
            i += 1;
        } else if c == '\'' || c == '"' {
            let mut s = String::new();
            i += 1;
            loop {
                match chars.get(i) {
                    None => {
                        return Err(err(
                            start,
                            &format!("unterminated text value (missing closing {c})"),
                        ));
                    }
                    Some(q) if *q == c && chars.get(i + 1) == Some(&c) => {
                        s.push(c);
                        i += 2;
                    }
                    Some(q) if *q == c => {
                        i += 1;
                        break;
                    }
                    Some(ch) => {
                        s.push(*ch);
                        i += 1;
                    }
                }
            }
            out.push((start, Tok::Str(s)));
        } else if c.is_ascii_digit()
            || (c == '-' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit()))
        {
            i += 1;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            out.push((start, Tok::Num(chars[start..i].iter().collect())));
        } else if c.is_alphabetic() || c == '_' {
            while i < chars.len()
                && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '.')
            {
                i += 1;
            }
            out.push((start, Tok::Word(chars[start..i].iter().collect())));
        } else {
            let (op, len) = match (c, chars.get(i + 1)) {
                ('!', Some('=')) => (Op::Ne, 2),
                ('<', Some('>')) => (Op::Ne, 2),
                ('=', _) => (Op::Eq, 1),
                ('<', _) => (Op::Lt, 1),
                ('>', _) => (Op::Gt, 1),
                _ => return Err(err(start, &format!("unexpected character '{c}'"))),
            };
            i += len;
            out.push((start, Tok::Op(op)));
        }
    }
    Ok(out)
}

fn is_kw(t: Option<&(usize, Tok)>, kw: &str) -> bool {
    matches!(t, Some((_, Tok::Word(w))) if w.eq_ignore_ascii_case(kw))
}

const KEYWORDS: &[&str] = &["WHERE", "AND", "ORDER", "BY", "ASC", "DESC", "LIMIT"];

/// Parse a query.
pub fn parse(q: &str) -> Result<Query, IqlError> {
    let toks = lex(q)?;
    let end = q.chars().count() + 1;
    let mut i = 0;
    let mut query = Query::default();
    let pos = |i: usize| toks.get(i).map(|(p, _)| p + 1).unwrap_or(end);
    let fail = |i: usize, expected: &str| IqlError {
        position: pos(i),
        message: format!("expected {expected}, found {}", describe(toks.get(i))),
    };
    if is_kw(toks.get(i), "WHERE") {
        i += 1;
        loop {
            let field = match toks.get(i) {
                Some((_, Tok::Word(w))) if !KEYWORDS.iter().any(|k| w.eq_ignore_ascii_case(k)) => {
                    w.clone()
                }
                _ => return Err(fail(i, "a field name")),
            };
            i += 1;
            let op = match toks.get(i) {
                Some((_, Tok::Op(op))) => *op,
                _ => return Err(fail(i, "an operator (=, !=, <, >)")),
            };
            i += 1;
            let value = match toks.get(i) {
                Some((_, Tok::Str(s))) | Some((_, Tok::Num(s))) => Some(s.clone()),
                Some((_, Tok::Word(w))) if w.eq_ignore_ascii_case("null") => {
                    if matches!(op, Op::Lt | Op::Gt) {
                        return Err(IqlError {
                            position: pos(i),
                            message: "null can only be compared with = or !=".into(),
                        });
                    }
                    None
                }
                _ => return Err(fail(i, "a value ('text', \"text\", a number or null)")),
            };
            i += 1;
            query.conditions.push(Condition { field, op, value });
            if is_kw(toks.get(i), "AND") {
                i += 1;
            } else {
                break;
            }
        }
    }
    if is_kw(toks.get(i), "ORDER") {
        i += 1;
        if !is_kw(toks.get(i), "BY") {
            return Err(fail(i, "BY"));
        }
        i += 1;
        let field = match toks.get(i) {
            Some((_, Tok::Word(w))) if !KEYWORDS.iter().any(|k| w.eq_ignore_ascii_case(k)) => {
                w.clone()
            }
            _ => return Err(fail(i, "a field name")),
        };
        i += 1;
        let mut desc = false;
        if is_kw(toks.get(i), "ASC") {
            i += 1;
        } else if is_kw(toks.get(i), "DESC") {
            desc = true;
            i += 1;
        }
        query.order_by = Some((field, desc));
    }
    if is_kw(toks.get(i), "LIMIT") {
        i += 1;
        match toks.get(i) {
            Some((_, Tok::Num(n))) => match n.parse::<usize>() {
                Ok(n) => query.limit = Some(n),
                Err(_) => return Err(fail(i, "a non-negative whole number")),
            },
            _ => return Err(fail(i, "a number")),
        }
        i += 1;
    }
    if i < toks.len() {
        let expected =
            if query.conditions.is_empty() && query.order_by.is_none() && query.limit.is_none() {
                "WHERE, ORDER BY or LIMIT"
            } else if query.order_by.is_none() && query.limit.is_none() {
                "AND, ORDER BY, LIMIT or the end of the query"
            } else {
                "LIMIT or the end of the query"
            };
        return Err(fail(i, expected));
    }
    Ok(query)
}

/// Compare two field values: numerically when both are numbers.
pub fn compare(a: &str, b: &str) -> Ordering {
    match (a.trim().parse::<f64>(), b.trim().parse::<f64>()) {
        (Ok(x), Ok(y)) => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
        _ => a.cmp(b),
    }
}

impl Condition {
    /// Does a record whose field has the values `actual` (empty: no such
    /// field) match?
    pub fn matches(&self, actual: &[String]) -> bool {
        let Some(want) = &self.value else {
            let has = actual.iter().any(|a| !a.is_empty());
            return if self.op == Op::Eq { !has } else { has };
        };
        if actual.is_empty() {
            return self.op == Op::Ne;
        }
        actual.iter().any(|a| match self.op {
            Op::Eq => eq(a, want),
            Op::Ne => !eq(a, want),
            Op::Lt => compare(a, want) == Ordering::Less,
            Op::Gt => compare(a, want) == Ordering::Greater,
        })
    }
}

fn eq(a: &str, b: &str) -> bool {
    compare(a, b) == Ordering::Equal || a.to_lowercase() == b.to_lowercase()
}

impl Query {
    /// Filter, order and limit `ids`; `field(id, name)` gives the values of
    /// a field (none when the record has no such field). Ordering uses the
    /// first value.
    pub fn run<F>(&self, ids: impl IntoIterator<Item = i64>, field: F) -> Vec<i64>
    where
        F: Fn(i64, &str) -> Vec<String>,
    {
        let mut hits: Vec<i64> = ids
            .into_iter()
            .filter(|id| {
                self.conditions
                    .iter()
                    .all(|c| c.matches(&field(*id, &c.field)))
            })
            .collect();
        if let Some((f, desc)) = &self.order_by {
            let first = |id: i64| field(id, f).into_iter().next();
            hits.sort_by(|a, b| {
                let (va, vb) = (first(*a), first(*b));
                let o = match (va.as_deref(), vb.as_deref()) {
                    (Some(x), Some(y)) => compare(x, y),
                    (Some(_), None) => Ordering::Less,
                    (None, Some(_)) => Ordering::Greater,
                    (None, None) => Ordering::Equal,
                };
                let o = if *desc { o.reverse() } else { o };
                o.then(a.cmp(b))
            });
        }
        if let Some(n) = self.limit {
            hits.truncate(n);
        }
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_query() {
        let q =
            parse("WHERE Title = 'Zoë''s' AND Rating > 3 order by Rating desc LIMIT 5").unwrap();
        assert_eq!(q.conditions.len(), 2);
        assert_eq!(q.conditions[0].value.as_deref(), Some("Zoë's"));
        assert_eq!(q.conditions[1].op, Op::Gt);
        assert_eq!(q.order_by, Some(("Rating".into(), true)));
        assert_eq!(q.limit, Some(5));
    }

    #[test]
    fn empty_query_matches_all() {
        assert_eq!(parse("").unwrap(), Query::default());
    }

    #[test]
    fn errors_name_positions() {
        let e = parse("WHERE Title 'x'").unwrap_err();
        assert_eq!(e.position, 13, "{e}");
        assert!(e.message.contains("operator"), "{e}");
        let e = parse("WHERE 東京 = 'x' AND").unwrap_err();
        assert_eq!(e.position, 19, "{e}");
        let e = parse("WHERE Title = 'x").unwrap_err();
        assert_eq!(e.position, 15);
        assert!(parse("LIMIT -1").is_err());
        assert!(parse("WHERE A = 1 LIMIT 1 junk").is_err());
        assert!(parse("WHERE A # 1").is_err());
    }

    #[test]
    fn run_filters_orders_limits() {
        let data = [(1, "5"), (2, "10"), (3, "7")];
        let f = |id: i64, _: &str| {
            data.iter()
                .filter(|(i, _)| *i == id)
                .map(|(_, v)| v.to_string())
                .collect::<Vec<_>>()
        };
        let q = parse("WHERE R > 5 ORDER BY R DESC").unwrap();
        assert_eq!(q.run([1, 2, 3], f), vec![2, 3]);
        let q = parse("ORDER BY R ASC LIMIT 2").unwrap();
        assert_eq!(q.run([1, 2, 3], f), vec![1, 3]);
    }

    #[test]
    fn double_quotes_and_null() {
        let q =
            parse(r#"WHERE Title="Red ""Car""" AND media.ParentID = NULL AND X != null"#).unwrap();
        assert_eq!(q.conditions[0].value.as_deref(), Some(r#"Red "Car""#));
        assert_eq!(q.conditions[1].value, None);
        assert_eq!(q.conditions[1].op, Op::Eq);
        assert_eq!(
            (q.conditions[2].op, q.conditions[2].value.clone()),
            (Op::Ne, None)
        );
        // Quotes of the other kind are plain characters inside a value.
        let q = parse(r#"WHERE A = "it's" AND B = 'say "hi"'"#).unwrap();
        assert_eq!(q.conditions[0].value.as_deref(), Some("it's"));
        assert_eq!(q.conditions[1].value.as_deref(), Some(r#"say "hi""#));
        // Positions stay exact.
        let e = parse(r#"WHERE Title = "x"#).unwrap_err();
        assert_eq!(e.position, 15, "{e}");
        assert!(e.message.contains("missing closing \""), "{e}");
        let e = parse("WHERE Rating > null").unwrap_err();
        assert_eq!(e.position, 16, "{e}");
        let e = parse("WHERE Title = nul").unwrap_err();
        assert_eq!(e.position, 15, "{e}");
    }

    #[test]
    fn null_matches_missing_or_empty_values() {
        let null_eq = parse("WHERE F = null").unwrap().conditions.remove(0);
        let null_ne = parse("WHERE F != null").unwrap().conditions.remove(0);
        let none: Vec<String> = vec![];
        let empty = vec![String::new()];
        let some = vec!["105".to_string()];
        assert!(null_eq.matches(&none) && null_eq.matches(&empty) && !null_eq.matches(&some));
        assert!(!null_ne.matches(&none) && !null_ne.matches(&empty) && null_ne.matches(&some));
        // Several values: one matching is enough.
        let eq = parse("WHERE F = 'b'").unwrap().conditions.remove(0);
        assert!(eq.matches(&["a".into(), "B".into()]));
        assert!(!eq.matches(&["a".into()]));
    }
}
