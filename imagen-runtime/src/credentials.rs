//! Application credentials: the API key, and reading both key and secret
//! from an application file.
//!
//! The secret is the HMAC key for request signing, so it is an
//! [`ApiSecret`], one of the [secret types](crate::secret): never printed,
//! wiped on drop, compared in constant time. The API key is *not* secret —
//! it travels in clear in every request header and as `client_id` in OAuth
//! URLs — so [`ApiKey`] prints normally, which keeps logs and errors useful.

use std::fmt;
use std::path::Path;

use zeroize::Zeroizing;

use crate::Error;
use crate::secret::ApiSecret;
use crate::session::FileSpec;

/// The application's API key (`X-Imagen-API-Key`, OAuth `client_id`).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ApiKey(String);

impl ApiKey {
    /// Wraps a key.
    pub fn new(key: impl Into<String>) -> Self {
        ApiKey(key.into())
    }

    /// The key as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ApiKey").field(&self.0).finish()
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What an application file holds (see [`SessionBuilder::from_application_file_for`](crate::SessionBuilder::from_application_file_for)).
pub(crate) struct ApplicationFile {
    pub key: ApiKey,
    pub secret: ApiSecret,
    /// (host key, URL) of the hosts the file names.
    pub hosts: Vec<(&'static str, String)>,
}

pub(crate) fn read_application_file(
    spec: &FileSpec,
    path: &Path,
) -> Result<ApplicationFile, Error> {
    let shown = path.display();
    let bytes = Zeroizing::new(std::fs::read(path).map_err(|e| Error::Config {
        message: format!("cannot read the application file {shown}: {e}"),
    })?);
    parse_application_file(spec, &bytes, &shown.to_string())
}

pub(crate) fn parse_application_file(
    spec: &FileSpec,
    bytes: &[u8],
    shown: &str,
) -> Result<ApplicationFile, Error> {
    let text = std::str::from_utf8(bytes).map_err(|e| Error::Config {
        message: format!(
            "the application file {shown} is not valid UTF-8 (invalid byte at offset {})",
            e.valid_up_to()
        ),
    })?;
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| Error::Config {
        message: format!("the application file {shown} is not valid JSON: {e}"),
    })?;
    let serde_json::Value::Object(mut top) = value else {
        return Err(Error::Config {
            message: format!("the application file {shown} must hold a JSON object"),
        });
    };
    // `{"<wrapper>": {...}}` (e.g. the answer of an application endpoint)
    // or flat.
    let wrapped = spec.wrapper.and_then(|w| top.remove(w).map(|v| (w, v)));
    let (mut obj, prefix) = match wrapped {
        Some((w, serde_json::Value::Object(inner))) => (inner, format!("{w}.")),
        Some((w, _)) => {
            return Err(Error::Config {
                message: format!("field `{w}` in {shown} must be a JSON object"),
            });
        }
        None => (top, String::new()),
    };
    let mut take = |name: &str, required: bool| -> Result<Option<Zeroizing<String>>, Error> {
        match obj.remove(name) {
            Some(serde_json::Value::String(s)) if s.trim().is_empty() => Err(Error::Config {
                message: format!("field `{prefix}{name}` in {shown} is empty"),
            }),
            Some(serde_json::Value::String(s)) => Ok(Some(Zeroizing::new(s))),
            Some(serde_json::Value::Null) | None if !required => Ok(None),
            None | Some(serde_json::Value::Null) => Err(Error::Config {
                message: format!("field `{prefix}{name}` is missing from {shown}"),
            }),
            Some(_) => Err(Error::Config {
                message: format!("field `{prefix}{name}` in {shown} must be a string"),
            }),
        }
    };
    let key = take(spec.key, true)?.unwrap_or_default();
    let secret = take(spec.secret, true)?.unwrap_or_default();
    let mut hosts = Vec::new();
    for (host, field) in spec.hosts {
        if let Some(url) = take(field, false)? {
            hosts.push((*host, url.to_string()));
        }
    }
    Ok(ApplicationFile {
        key: ApiKey::new(key.as_str()),
        secret: ApiSecret::new(secret.as_str()),
        hosts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in description's file (`api/imagen.yaml`).
    fn spec() -> &'static FileSpec {
        crate::api::ENVIRONMENT
            .file
            .as_ref()
            .expect("the built-in description names its application file")
    }

    fn host<'a>(f: &'a ApplicationFile, key: &str) -> Option<&'a str> {
        f.hosts
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, u)| u.as_str())
    }

    fn msg(r: Result<ApplicationFile, Error>) -> String {
        match r {
            Ok(_) => panic!("expected an error"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn application_shape() {
        let f = parse_application_file(
            spec(),
            br#"{"Application":{"APIKey":"k1","SecretAccessKey":"s1","Name":"App","Enabled":1,
                 "Scopes":{"Scope":[]},"MCCURL":"https://mcc:83","WebURL":null}}"#,
            "app.json",
        )
        .unwrap();
        assert_eq!(f.key.as_str(), "k1");
        assert_eq!(f.secret.secret(), "s1");
        assert_eq!(host(&f, "mcc"), Some("https://mcc:83"));
        assert_eq!(host(&f, "web"), None);
    }

    #[test]
    fn flat_shape() {
        let f = parse_application_file(
            spec(),
            br#"{"APIKey":"k2","SecretAccessKey":"s2","WebURL":"https://web"}"#,
            "app.json",
        )
        .unwrap();
        assert_eq!(f.key.as_str(), "k2");
        assert_eq!(host(&f, "web"), Some("https://web"));
        assert_eq!(host(&f, "mcc"), None);
    }

    #[test]
    fn errors_name_field_and_file() {
        let m = msg(parse_application_file(
            spec(),
            br#"{"APIKey":"k"}"#,
            "/tmp/a.json",
        ));
        assert!(
            m.contains("`SecretAccessKey`") && m.contains("/tmp/a.json"),
            "{m}"
        );
        let m = msg(parse_application_file(
            spec(),
            br#"{"Application":{"APIKey":5,"SecretAccessKey":"s"}}"#,
            "b.json",
        ));
        assert!(
            m.contains("`Application.APIKey`") && m.contains("must be a string"),
            "{m}"
        );
        let m = msg(parse_application_file(
            spec(),
            br#"{"APIKey":" ","SecretAccessKey":"s"}"#,
            "c.json",
        ));
        assert!(m.contains("`APIKey`") && m.contains("empty"), "{m}");
        let m = msg(parse_application_file(spec(), b"[1]", "d.json"));
        assert!(m.contains("d.json") && m.contains("object"), "{m}");
        let m = msg(parse_application_file(spec(), b"{\"APIKey\": ", "e.json"));
        assert!(m.contains("e.json") && m.contains("not valid JSON"), "{m}");
        let m = msg(parse_application_file(
            spec(),
            b"{\"APIKey\": \"\xff\"}",
            "f.json",
        ));
        assert!(m.contains("f.json") && m.contains("offset 12"), "{m}");
        let m = msg(parse_application_file(
            spec(),
            br#"{"Application":"x"}"#,
            "g.json",
        ));
        assert!(m.contains("`Application`"), "{m}");
    }

    #[test]
    fn secret_absent_from_errors() {
        let m = msg(parse_application_file(
            spec(),
            br#"{"APIKey":"k","SecretAccessKey":"TOPSECRET","MCCURL":3}"#,
            "h.json",
        ));
        assert!(!m.contains("TOPSECRET"), "{m}");
        assert!(m.contains("`MCCURL`"), "{m}");
    }
}
