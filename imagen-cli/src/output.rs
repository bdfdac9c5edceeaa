//! Printing answers: JSON, YAML, or a readable table.
//!
//! Answers are the typed serde model of the endpoint's answer type (wire
//! names as keys), whatever format the server used; secret fields are
//! redacted before anything is printed.

use std::fmt::Write as _;

use serde_json::Value;

use crate::fail::{Class, Failure};

/// How to print.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Pretty JSON.
    Json,
    /// YAML.
    Yaml,
    /// Columns for lists of objects, `key  value` lines for objects.
    Table,
    /// The answer as received.
    Raw,
}

impl Format {
    /// From `--output`, else by whether standard output is a terminal.
    pub fn choose(flag: Option<&str>, stdout_is_terminal: bool) -> Format {
        match flag {
            Some("json") => Format::Json,
            Some("yaml") => Format::Yaml,
            Some("table") => Format::Table,
            Some("raw") => Format::Raw,
            _ if stdout_is_terminal => Format::Table,
            _ => Format::Json,
        }
    }
}

/// What secret fields are replaced with.
pub const REDACTED: &str = "[redacted]";

/// Replaces the values of `secret` keys anywhere in `v`.
pub fn redact(v: &mut Value, secret: &[&str]) {
    match v {
        Value::Object(map) => {
            for (k, val) in map.iter_mut() {
                if secret.contains(&k.as_str()) {
                    *val = Value::String(REDACTED.into());
                } else {
                    redact(val, secret);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| redact(i, secret)),
        _ => {}
    }
}

/// The answer as received, with the values of secret fields replaced: a
/// JSON answer re-serialized after [`redact`], an XML answer with the text of
/// each `<Secret>…</Secret>` element replaced (attributes are not secret
/// fields in any description so far). Anything else is kept as is.
pub fn redact_raw(body: &[u8], secret: &[&str]) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(body) else {
        return body.to_vec();
    };
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('{') || t.starts_with('[') {
        if let Ok(mut v) = serde_json::from_str::<Value>(t) {
            redact(&mut v, secret);
            if let Ok(s) = serde_json::to_string_pretty(&v) {
                return (s + "\n").into_bytes();
            }
        }
        return body.to_vec();
    }
    let mut out = text.to_string();
    for name in secret {
        let open = format!("<{name}");
        let close = format!("</{name}>");
        let mut from = 0;
        // Each pass moves `from` forward: at most one pass per byte.
        while from < out.len() {
            let Some(i) = out[from..].find(&open).map(|i| i + from) else {
                break;
            };
            let after = i + open.len();
            let next = out[after..].chars().next();
            if !matches!(
                next,
                Some('>') | Some(' ') | Some('\t') | Some('\n') | Some('\r')
            ) {
                from = after;
                continue;
            }
            let Some(gt) = out[after..].find('>').map(|g| g + after) else {
                break;
            };
            if out[..gt].ends_with('/') {
                from = gt + 1;
                continue;
            }
            let Some(end) = out[gt + 1..].find(&close).map(|e| e + gt + 1) else {
                break;
            };
            out.replace_range(gt + 1..end, REDACTED);
            from = gt + 1 + REDACTED.len() + close.len();
        }
    }
    out.into_bytes()
}

/// The text of `v` in `format` (not `Raw`), ending with a newline.
pub fn render(v: &Value, format: Format) -> Result<String, Failure> {
    match format {
        Format::Json | Format::Raw => serde_json::to_string_pretty(v)
            .map(|s| s + "\n")
            .map_err(|e| Failure::new(Class::Other, format!("cannot write JSON: {e}"))),
        Format::Yaml => serde_saphyr::to_string(v)
            .map(|s| if s.ends_with('\n') { s } else { s + "\n" })
            .map_err(|e| Failure::new(Class::Other, format!("cannot write YAML: {e}"))),
        Format::Table => Ok(table(v)),
    }
}

const MAX_CELL: usize = 60;

/// A cell: scalars as text, nested values as compact JSON, cut to a width.
fn cell(v: &Value) -> String {
    let s = match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        other => other.to_string(),
    };
    // One line per cell.
    let s: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if s.chars().count() > MAX_CELL {
        let cut: String = s.chars().take(MAX_CELL - 1).collect();
        format!("{cut}…")
    } else {
        s
    }
}

/// Display width (East Asian wide characters take two columns).
fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

fn pad(s: &str, w: usize) -> String {
    let mut out = s.to_string();
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(width(s))));
    out
}

fn is_records(v: &Value) -> bool {
    matches!(v, Value::Array(items) if !items.is_empty() && items.iter().all(Value::is_object))
}

/// Columns from the first level of fields (in order of first appearance).
fn columns(rows: &[Value]) -> String {
    let mut cols: Vec<&str> = Vec::new();
    for r in rows {
        if let Value::Object(m) = r {
            for k in m.keys() {
                if !cols.contains(&k.as_str()) {
                    cols.push(k);
                }
            }
        }
    }
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            cols.iter()
                .map(|c| r.get(*c).map(cell).unwrap_or_default())
                .collect()
        })
        .collect();
    let widths: Vec<usize> = cols
        .iter()
        .enumerate()
        .map(|(i, c)| {
            cells
                .iter()
                .map(|row| width(&row[i]))
                .chain([width(c)])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    let line = |out: &mut String, items: &[&str]| {
        let mut l = String::new();
        for (i, it) in items.iter().enumerate() {
            if i + 1 == items.len() {
                l.push_str(it);
            } else {
                l.push_str(&pad(it, widths[i]));
                l.push_str("  ");
            }
        }
        out.push_str(l.trim_end());
        out.push('\n');
    };
    line(&mut out, &cols);
    let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
    let rule: Vec<&str> = rule.iter().map(String::as_str).collect();
    line(&mut out, &rule);
    for row in &cells {
        let row: Vec<&str> = row.iter().map(String::as_str).collect();
        line(&mut out, &row);
    }
    out
}

/// The table form: a list of objects as columns; an object as `key  value`
/// lines, its lists of objects as tables after them; anything else as is.
pub fn table(v: &Value) -> String {
    match v {
        Value::Array(items) if items.is_empty() => "(none)\n".into(),
        _ if is_records(v) => {
            let Value::Array(items) = v else {
                return String::new();
            };
            columns(items)
        }
        Value::Array(items) => items.iter().map(|i| cell(i) + "\n").collect(),
        Value::Object(map) => {
            let scalars: Vec<(&String, &Value)> =
                map.iter().filter(|(_, v)| !is_records(v)).collect();
            let w = scalars.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
            let mut out = String::new();
            for (k, val) in &scalars {
                let _ = writeln!(out, "{}  {}", pad(k, w), cell(val));
            }
            for (k, val) in map.iter().filter(|(_, v)| is_records(v)) {
                let Value::Array(items) = val else { continue };
                if !out.is_empty() {
                    out.push('\n');
                }
                let _ = writeln!(out, "{k} ({}):", items.len());
                out.push_str(&columns(items));
            }
            out
        }
        other => cell(other) + "\n",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn redacts_nested_secrets() {
        let mut v = json!({"Application": {"SecretAccessKey": "s3cr3t", "Name": "x"}, "L": [{"SecretAccessKey": "y"}]});
        redact(&mut v, &["SecretAccessKey"]);
        let s = v.to_string();
        assert!(!s.contains("s3cr3t") && !s.contains("\"y\""), "{s}");
        assert!(s.contains(REDACTED));
        let raw = redact_raw(
            b"<Response><SecretAccessKey>abc</SecretAccessKey><SecretAccessKeys>k</SecretAccessKeys><SecretAccessKey/></Response>",
            &["SecretAccessKey"],
        );
        assert_eq!(
            String::from_utf8(raw).unwrap(),
            "<Response><SecretAccessKey>[redacted]</SecretAccessKey><SecretAccessKeys>k</SecretAccessKeys><SecretAccessKey/></Response>"
        );
        let raw = redact_raw(
            br#"{"Application":{"SecretAccessKey":"abc"}}"#,
            &["SecretAccessKey"],
        );
        assert!(!String::from_utf8(raw).unwrap().contains("abc"));
    }

    #[test]
    fn tables() {
        let v = json!([{"ID": 1, "Name": "Zoë"}, {"ID": 22, "Extra": true}]);
        let t = table(&v);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[0], "ID  Name  Extra");
        assert_eq!(lines[2], "1   Zoë");
        assert_eq!(lines[3], "22        true");
        let v = json!({"TotalHits": 2, "ImagenRecord": [{"ID": 1}]});
        let t = table(&v);
        assert!(
            t.starts_with("TotalHits  2\n\nImagenRecord (1):\nID\n"),
            "{t}"
        );
        assert_eq!(table(&json!("success")), "success\n");
        assert_eq!(table(&json!([])), "(none)\n");
    }
}
