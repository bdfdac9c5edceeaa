//! Answer bodies kept in errors, made safe to print: values of
//! secret-bearing fields removed and the length bounded.
//!
//! The body of an answer that failed to decode is kept for diagnostics, and
//! such an answer may well carry secrets (`GET /core/v1/application` echoes
//! `SecretAccessKey`; token answers carry `access_token`). Redaction works
//! on the text, by field name, so that it also covers bodies that are not
//! well-formed and secrets in any escaping (`\u00fc`, `&amp;`) or of any
//! application, not only the session's own: the whole value of every JSON
//! key, XML element or attribute whose name mentions a secret, a token or a
//! password is replaced.

/// Longest body kept in an error, in bytes.
pub(crate) const MAX_KEPT: usize = 4096;

/// What replaces a redacted value: the one spelling of the secret types.
pub(crate) use crate::secret::REDACTED;

fn sensitive(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    ["secret", "token", "password", "passwd", "signature"]
        .iter()
        .any(|w| n.contains(w))
}

/// The body with secret-bearing values replaced, cut to [`MAX_KEPT`] bytes.
pub(crate) fn body(text: &str) -> String {
    let redacted = xml_elements(&quoted_values(text));
    bound(redacted)
}

fn bound(mut s: String) -> String {
    if s.len() <= MAX_KEPT {
        return s;
    }
    let mut cut = MAX_KEPT;
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    let more = s.len() - cut;
    s.truncate(cut);
    s.push_str(&format!("… [{more} more bytes]"));
    s
}

/// JSON members (`"name": "value"`) and XML attributes (`name="value"`,
/// `name='value'`) whose name is sensitive.
fn quoted_values(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    let mut i = 0;
    while i < b.len() {
        // A name: `"name"` followed by `:`, or a bare name followed by `=`.
        let (name, after) = if b[i] == b'"' {
            match find_quote_end(b, i + 1, b'"') {
                Some(end) => (&text[i + 1..end], end + 1),
                None => break,
            }
        } else if b[i].is_ascii_alphabetic() || b[i] == b'_' {
            let start = i;
            let mut j = i;
            while j < b.len()
                && (b[j].is_ascii_alphanumeric() || matches!(b[j], b'_' | b'-' | b'.' | b':'))
            {
                j += 1;
            }
            (&text[start..j], j)
        } else {
            i += 1;
            continue;
        };
        let mut j = after;
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        let separator = j < b.len() && (b[j] == b':' || b[j] == b'=');
        if !separator || !sensitive(name) {
            i = after.max(i + 1);
            continue;
        }
        j += 1;
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
            let quote = b[j];
            let end = find_quote_end(b, j + 1, quote).unwrap_or(b.len());
            out.push_str(&text[last..j + 1]);
            out.push_str(REDACTED);
            last = end;
            i = end + 1;
        } else {
            i = j;
        }
    }
    out.push_str(&text[last..]);
    out
}

/// The closing quote from `from`, skipping backslash escapes (JSON).
fn find_quote_end(b: &[u8], from: usize, quote: u8) -> Option<usize> {
    let mut i = from;
    while i < b.len() {
        match b[i] {
            b'\\' if quote == b'"' => i += 2,
            c if c == quote => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// The content of XML elements whose name is sensitive (`<SecretAccessKey>…</SecretAccessKey>`).
fn xml_elements(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        let name_len = after
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(after.len());
        let name = &after[..name_len];
        let Some(gt) = after.find('>') else { break };
        let self_closing = after[..gt].ends_with('/');
        if name.is_empty() || name.starts_with(['/', '?', '!']) || self_closing || !sensitive(name)
        {
            out.push_str(&rest[..open + 1 + gt + 1]);
            rest = &after[gt + 1..];
            continue;
        }
        out.push_str(&rest[..open + 1 + gt + 1]);
        let content = &after[gt + 1..];
        let close = format!("</{name}");
        let end = content.find(&close).unwrap_or(content.len());
        out.push_str(REDACTED);
        rest = &content[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_members_whatever_the_escaping() {
        let body = r#"{"Application":{"Name":"Zoë","SecretAccessKey":"a\"b\u00fc","Scopes":42},"access_token" : "tok","refresh_token":"r","x":"keep"}"#;
        let r = super::body(body);
        assert!(!r.contains("a\\\"b") && !r.contains("u00fc"), "{r}");
        assert!(!r.contains("\"tok\"") && !r.contains("\"r\""), "{r}");
        assert!(
            r.contains("\"Name\":\"Zoë\"") && r.contains("\"x\":\"keep\""),
            "{r}"
        );
        assert_eq!(r.matches(REDACTED).count(), 3, "{r}");
    }

    #[test]
    fn xml_elements_and_attributes() {
        let body = "<Response><Application><Name>A &amp; B</Name><SecretAccessKey>s&amp;3&#252;</SecretAccessKey>\
                    <Token kind=\"x\">t</Token><Empty/><Other password='p'>keep</Other></Application></Response>";
        let r = super::body(body);
        for secret in ["s&amp;3", "#252", ">t<", "'p'"] {
            assert!(!r.contains(secret), "{secret} in {r}");
        }
        assert!(
            r.contains("<Name>A &amp; B</Name>") && r.contains(">keep</Other>"),
            "{r}"
        );
    }

    #[test]
    fn malformed_and_long_bodies() {
        let r = super::body("{\"client_secret\": \"unterminated");
        assert!(!r.contains("unterminated"), "{r}");
        let r = super::body("<SecretAccessKey>never closed");
        assert!(!r.contains("never closed"), "{r}");
        let long = "é".repeat(10_000);
        let r = super::body(&long);
        assert!(
            r.len() < MAX_KEPT + 40 && r.contains("more bytes"),
            "{}",
            r.len()
        );
    }
}
