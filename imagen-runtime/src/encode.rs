//! Percent-encoding of path segments and query parts from UTF-8.
//!
//! Everything except RFC 3986 "unreserved" characters (`A-Z a-z 0-9 - . _ ~`)
//! is encoded, so a value can never add a path segment (`/`), start the
//! query (`?`) or fragment (`#`), or smuggle a `&`/`=` into the query.
//! The segments `.` and `..` (and the empty segment) are refused outright:
//! URL parsers resolve them even when percent-encoded (WHATWG treats `%2e%2e`
//! as `..`), so no encoding can keep them one literal segment.

use std::fmt::{self, Write as _};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::Error;
use crate::endpoint::Endpoint;

/// Everything but unreserved characters.
const STRICT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// One path segment, percent-encoded.
pub(crate) fn segment(name: &str, value: &str) -> Result<String, Error> {
    if value.is_empty() || value == "." || value == ".." {
        return Err(Error::InvalidRequest {
            message: format!(
                "path parameter `{name}` cannot be {value:?}: it would not stay one path segment"
            ),
        });
    }
    Ok(utf8_percent_encode(value, STRICT).to_string())
}

/// A query name or value, percent-encoded (space as `%20`).
pub(crate) fn query_part(value: &str) -> String {
    utf8_percent_encode(value, STRICT).to_string()
}

/// Fills the endpoint's path template with the arguments, in order.
pub(crate) fn fill_path(endpoint: &Endpoint, args: &[&dyn fmt::Display]) -> Result<String, Error> {
    let template = endpoint.path;
    let mut out = String::with_capacity(template.len() + 16);
    let mut args = args.iter();
    let mut used = 0usize;
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            return Err(Error::InvalidRequest {
                message: format!(
                    "endpoint `{}`: unclosed `{{` in path template {template:?}",
                    endpoint.name
                ),
            });
        };
        let name = &after[..close];
        let Some(arg) = args.next() else {
            return Err(arity(
                endpoint,
                used + 1 + count_params(&after[close + 1..]),
                used,
            ));
        };
        used += 1;
        let mut value = String::new();
        let _ = write!(value, "{arg}");
        out.push_str(&segment(name, &value)?);
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    let extra = args.count();
    if extra > 0 {
        return Err(arity(endpoint, used, used + extra));
    }
    if !out.starts_with('/') {
        return Err(Error::InvalidRequest {
            message: format!(
                "endpoint `{}`: path {template:?} must start with `/`",
                endpoint.name
            ),
        });
    }
    Ok(out)
}

fn count_params(s: &str) -> usize {
    s.matches('{').count()
}

fn arity(endpoint: &Endpoint, expected: usize, got: usize) -> Error {
    Error::InvalidRequest {
        message: format!(
            "endpoint `{}` ({}) takes {expected} path argument(s), got {got}",
            endpoint.name, endpoint.path
        ),
    }
}

/// Appends `name=value` pairs, both encoded, joined with `&`.
pub(crate) fn query_string(pairs: &[(&str, String)]) -> String {
    let mut q = String::new();
    for (i, (name, value)) in pairs.iter().enumerate() {
        if i > 0 {
            q.push('&');
        }
        q.push_str(&query_part(name));
        q.push('=');
        q.push_str(&query_part(value));
    }
    q
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::{Auth, Method};

    static MEDIA: Endpoint = Endpoint {
        name: "media.delete",
        method: Method::Delete,
        host: "mcc",
        path: "/imcc/v1/media/{mediaId}/{deleteSegments}",
        auth: Auth::User,
        scopes: &["modifyUsersData"],
        envelope: None,
        xml: None,
        formats: &[],
        idempotent: true,
        outcome_hint: None,
        paging: None,
    };

    #[test]
    fn fills_and_encodes() {
        let p = fill_path(&MEDIA, &[&42, &1]).unwrap();
        assert_eq!(p, "/imcc/v1/media/42/1");
        let p = fill_path(&MEDIA, &[&"a/../b?c#d", &"Zoë 1"]).unwrap();
        assert_eq!(p, "/imcc/v1/media/a%2F..%2Fb%3Fc%23d/Zo%C3%AB%201");
        let p = fill_path(&MEDIA, &[&"%2F", &"x"]).unwrap();
        assert_eq!(p, "/imcc/v1/media/%252F/x");
    }

    #[test]
    fn refuses_dot_segments_and_wrong_arity() {
        // With the right number of arguments, so that only the value can
        // be what is refused, in either position.
        for bad in ["", ".", ".."] {
            let e = fill_path(&MEDIA, &[&bad, &1]).unwrap_err().to_string();
            assert!(
                e.contains(&format!(
                    "path parameter `mediaId` cannot be {bad:?}: it would not stay one path segment"
                )),
                "{e}"
            );
            let e = fill_path(&MEDIA, &[&1, &bad]).unwrap_err().to_string();
            assert!(
                e.contains(&format!("`deleteSegments` cannot be {bad:?}")),
                "{e}"
            );
        }
        let e = fill_path(&MEDIA, &[&1]).unwrap_err().to_string();
        assert!(e.contains("takes 2") && e.contains("got 1"), "{e}");
        let e = fill_path(&MEDIA, &[&1, &2, &3]).unwrap_err().to_string();
        assert!(e.contains("takes 2") && e.contains("got 3"), "{e}");
        assert_eq!(
            fill_path(&MEDIA, &[&"...", &"x"]).unwrap(),
            "/imcc/v1/media/.../x"
        );
    }

    #[test]
    fn public_path_and_query() {
        let p = MEDIA
            .path_and_query(&[&"a/b", &1], &[("x y", "Zoë & co".into())])
            .unwrap();
        assert_eq!(p, "/imcc/v1/media/a%2Fb/1?x%20y=Zo%C3%AB%20%26%20co");
        assert_eq!(
            MEDIA.path_and_query(&[&1, &0], &[]).unwrap(),
            "/imcc/v1/media/1/0"
        );
        assert!(MEDIA.path_and_query(&[&".."], &[]).is_err());
    }

    #[test]
    fn query_encoding() {
        let q = query_string(&[
            ("query", "WHERE Title = 'Zoë' & x".into()),
            ("numRecords", "50".into()),
        ]);
        assert_eq!(
            q,
            "query=WHERE%20Title%20%3D%20%27Zo%C3%AB%27%20%26%20x&numRecords=50"
        );
    }
}
