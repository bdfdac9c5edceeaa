//! Request signing for application context (HMAC-SHA256), as documented
//! by Imagen (see `shared/imagen-api.md`).
//!
//! The string to sign is six parts joined with `\n`, no trailing newline:
//! method, `Content-Length`, `Content-MD5`, `Content-Type`, the date exactly
//! as sent, and the canonical resource (path plus `?query`, percent-encoded
//! exactly as sent). The signature header is
//! `X-Imagen-API-Signature: HMAC-SHA256 <base64(HMAC-SHA256(secret, string))>`.
//!
//! Signing is one layer: [`Signer::sign`] takes a fully built
//! `reqwest::Request` and adds `X-Imagen-API-Key`, `X-Imagen-Date`,
//! `Content-Length`/`Content-MD5` (bodies only) and the signature, reading
//! every signed value *from the request itself*, so what is signed is what
//! is sent. [`StringToSign`] prints the exact string for debugging (it holds
//! no secret).

use std::fmt;
use std::time::SystemTime;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use hmac::{Hmac, Mac};
use md5::{Digest, Md5};
use reqwest::header::{CONTENT_LENGTH, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use sha2::Sha256;

use crate::credentials::ApiKey;
use crate::secret::ApiSecret;

/// `X-Imagen-API-Key`
pub const HEADER_API_KEY: &str = "x-imagen-api-key";
/// `X-Imagen-Date`
pub const HEADER_DATE: &str = "x-imagen-date";
/// `X-Imagen-API-Signature`
pub const HEADER_SIGNATURE: &str = "x-imagen-api-signature";
/// `Content-MD5`
pub const HEADER_CONTENT_MD5: &str = "content-md5";

/// The six signed parts of a request. `Display` prints the exact string
/// that is signed (parts joined with `\n`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StringToSign {
    /// HTTP method, upper case.
    pub method: String,
    /// `Content-Length` value, or empty.
    pub content_length: String,
    /// `Content-MD5` value, or empty.
    pub content_md5: String,
    /// `Content-Type` value, or empty.
    pub content_type: String,
    /// The date exactly as sent in `X-Imagen-Date`.
    pub date: String,
    /// Path plus `?query`, exactly as sent.
    pub resource: String,
}

impl StringToSign {
    /// Reads the signed parts from a request: its method, URL and the
    /// `Content-Length`, `Content-MD5` and `Content-Type` headers; `date` is
    /// the date header value.
    pub fn from_parts(method: &str, url: &url::Url, headers: &HeaderMap, date: &str) -> Self {
        Self::from_parts_with(method, url, headers, date, &CanonicalResource::default())
    }

    /// Like [`from_parts`](Self::from_parts), with the resource written as `resource` says.
    pub fn from_parts_with(
        method: &str,
        url: &url::Url,
        headers: &HeaderMap,
        date: &str,
        resource: &CanonicalResource,
    ) -> Self {
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string()
        };
        StringToSign {
            method: method.to_ascii_uppercase(),
            content_length: header(CONTENT_LENGTH.as_str()),
            content_md5: header(HEADER_CONTENT_MD5),
            content_type: header(CONTENT_TYPE.as_str()),
            date: date.to_string(),
            resource: resource.of(url),
        }
    }

    /// The `X-Imagen-API-Signature` value: `HMAC-SHA256 <base64>`.
    pub fn signature(&self, secret: &ApiSecret) -> String {
        // HMAC accepts keys of any length; `new_from_slice` cannot fail for it.
        let mut mac = match Hmac::<Sha256>::new_from_slice(secret.secret().as_bytes()) {
            Ok(mac) => mac,
            Err(_) => unreachable!("HMAC takes keys of any length"),
        };
        mac.update(self.to_string().as_bytes());
        format!("HMAC-SHA256 {}", BASE64.encode(mac.finalize().into_bytes()))
    }
}

impl fmt::Display for StringToSign {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}\n{}\n{}\n{}\n{}\n{}",
            self.method,
            self.content_length,
            self.content_md5,
            self.content_type,
            self.date,
            self.resource
        )
    }
}

/// Path plus `?query` as they appear in the request line (the default
/// [`CanonicalResource`]).
pub fn canonical_resource(url: &url::Url) -> String {
    CanonicalResource::default().of(url)
}

/// How the sixth part of the string to sign, the canonical resource, is
/// written.
///
/// **An assumption, not documented by Imagen.** The vendor's signing script
/// signs "the request path plus its query string as sent", and its comment
/// allows leaving the query out; no page says how the resource is
/// percent-encoded. The default is what the script implies: the query
/// included, the resource exactly as sent (the runtime percent-encodes path
/// and query from UTF-8 with upper-case hex, RFC 3986). If a server rejects
/// valid signatures, try the other settings
/// ([`SessionBuilder::canonical_resource`](crate::SessionBuilder::canonical_resource)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CanonicalResource {
    /// Whether the query string is part of the resource.
    pub query: QueryInResource,
    /// How percent-escapes in the resource are written.
    pub encoding: ResourceEncoding,
}

/// Whether the query string is signed (see [`CanonicalResource`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QueryInResource {
    /// `/path?query` (the default).
    #[default]
    Included,
    /// `/path` only.
    Excluded,
}

/// How the resource's percent-escapes are signed (see [`CanonicalResource`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ResourceEncoding {
    /// Exactly as sent: `%C3%AB` (the default).
    #[default]
    AsSent,
    /// Escapes with lower-case hex: `%c3%ab`.
    LowerHex,
    /// Escapes decoded back to UTF-8 text: `ë`.
    Decoded,
}

impl CanonicalResource {
    /// The canonical resource of `url` under these settings.
    pub fn of(&self, url: &url::Url) -> String {
        let raw = match (self.query, url.query()) {
            (QueryInResource::Included, Some(q)) => format!("{}?{}", url.path(), q),
            _ => url.path().to_string(),
        };
        match self.encoding {
            ResourceEncoding::AsSent => raw,
            ResourceEncoding::LowerHex => {
                let mut out = String::with_capacity(raw.len());
                let mut rest = raw.as_str();
                while let Some(i) = rest.find('%') {
                    out.push_str(&rest[..i]);
                    let esc = rest.get(i..i + 3).unwrap_or(&rest[i..]);
                    out.push_str(&esc.to_ascii_lowercase());
                    rest = &rest[i + esc.len()..];
                }
                out.push_str(rest);
                out
            }
            ResourceEncoding::Decoded => percent_encoding::percent_decode_str(&raw)
                .decode_utf8_lossy()
                .into_owned(),
        }
    }
}

/// `Content-MD5` value: base64 of the MD5 of the body (RFC 1864).
pub fn content_md5(body: &[u8]) -> String {
    BASE64.encode(Md5::digest(body))
}

/// IMF-fixdate in UTC, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`.
pub fn imf_fixdate(time: SystemTime) -> String {
    httpdate::fmt_http_date(time)
}

/// Signs requests with an application's key and secret.
#[derive(Clone)]
pub struct Signer {
    key: ApiKey,
    secret: ApiSecret,
    resource: CanonicalResource,
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signer")
            .field("key", &self.key)
            .field("secret", &self.secret)
            .field("resource", &self.resource)
            .finish()
    }
}

impl Signer {
    /// A signer for this application.
    pub fn new(key: ApiKey, secret: ApiSecret) -> Self {
        Signer {
            key,
            secret,
            resource: CanonicalResource::default(),
        }
    }

    /// The same signer, writing the canonical resource as `resource` says.
    pub fn with_canonical_resource(mut self, resource: CanonicalResource) -> Self {
        self.resource = resource;
        self
    }

    /// The API key.
    pub fn key(&self) -> &ApiKey {
        &self.key
    }

    /// The secret.
    pub fn secret(&self) -> &ApiSecret {
        &self.secret
    }

    /// Signs `request` as of `date`: sets `Content-Length` and `Content-MD5`
    /// when it has a (buffered) body, `X-Imagen-API-Key`, `X-Imagen-Date`
    /// and `X-Imagen-API-Signature`. Returns what was signed.
    pub fn sign(&self, request: &mut reqwest::Request, date: SystemTime) -> StringToSign {
        let date = imf_fixdate(date);
        let body = request
            .body()
            .and_then(|b| b.as_bytes())
            .map(|b| (b.len().to_string(), content_md5(b)));
        let headers = request.headers_mut();
        if let Some((len, md5)) = body {
            set(headers, CONTENT_LENGTH, &len);
            set(headers, HeaderName::from_static(HEADER_CONTENT_MD5), &md5);
        }
        set(
            headers,
            HeaderName::from_static(HEADER_API_KEY),
            self.key.as_str(),
        );
        set(headers, HeaderName::from_static(HEADER_DATE), &date);
        let sts = StringToSign::from_parts_with(
            request.method().as_str(),
            request.url(),
            request.headers(),
            &date,
            &self.resource,
        );
        let signature = sts.signature(&self.secret);
        if let Ok(mut v) = HeaderValue::from_str(&signature) {
            v.set_sensitive(true);
            request
                .headers_mut()
                .insert(HeaderName::from_static(HEADER_SIGNATURE), v);
        }
        sts
    }
}

fn set(headers: &mut HeaderMap, name: HeaderName, value: &str) {
    // Values here are ASCII (digits, base64, dates) or the API key; a key
    // with bytes HTTP forbids is simply not sent and the server answers 401.
    if let Ok(v) = HeaderValue::from_str(value) {
        headers.insert(name, v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    const SECRET: &str = "s3cr3t-Key";

    fn date() -> SystemTime {
        // 1994-11-06T08:49:37Z
        SystemTime::UNIX_EPOCH + Duration::from_secs(784111777)
    }

    fn signer() -> Signer {
        Signer::new(ApiKey::new("AKEY"), ApiSecret::new(SECRET))
    }

    #[test]
    fn date_format() {
        assert_eq!(imf_fixdate(date()), "Sun, 06 Nov 1994 08:49:37 GMT");
    }

    #[test]
    fn get_without_body() {
        let mut req = reqwest::Request::new(
            reqwest::Method::GET,
            "https://mcc.example:83/core/v1/application"
                .parse()
                .unwrap(),
        );
        let sts = signer().sign(&mut req, date());
        assert_eq!(
            sts.to_string(),
            "GET\n\n\n\nSun, 06 Nov 1994 08:49:37 GMT\n/core/v1/application"
        );
        // printf 'GET\n\n\n\nSun, 06 Nov 1994 08:49:37 GMT\n/core/v1/application' \
        //   | openssl dgst -sha256 -hmac 's3cr3t-Key' -binary | base64
        let expected = "HMAC-SHA256 WKtZA1JNhUXsn0POltK18MNYATD/8Ks7aDJ1yM1MeWE=";
        let h = req.headers();
        assert_eq!(h[HEADER_SIGNATURE], expected);
        assert!(h[HEADER_SIGNATURE].is_sensitive());
        assert_eq!(h[HEADER_API_KEY], "AKEY");
        assert_eq!(h[HEADER_DATE], "Sun, 06 Nov 1994 08:49:37 GMT");
        assert!(h.get(CONTENT_LENGTH).is_none());
        assert!(h.get(HEADER_CONTENT_MD5).is_none());
    }

    #[test]
    fn put_with_xml_body() {
        let body = "<Record><Title>Zoë</Title></Record>";
        let mut req = reqwest::Request::new(
            reqwest::Method::PUT,
            "https://mcc.example/imcc/v1/import/record/NativeImagenXML"
                .parse()
                .unwrap(),
        );
        req.headers_mut().insert(
            CONTENT_TYPE,
            HeaderValue::from_static("application/xml; charset=utf-8"),
        );
        *req.body_mut() = Some(body.into());
        let sts = signer().sign(&mut req, date());
        // printf '%s' '<Record><Title>Zoë</Title></Record>' | openssl dgst -md5 -binary | base64
        let md5 = "7Pn6PlG9QQwO7KnXRVxfMQ==";
        assert_eq!(sts.content_md5, md5);
        assert_eq!(sts.content_length, body.len().to_string());
        assert_eq!(body.len(), 36);
        assert_eq!(
            sts.to_string(),
            format!(
                "PUT\n36\n{md5}\napplication/xml; charset=utf-8\nSun, 06 Nov 1994 08:49:37 GMT\n/imcc/v1/import/record/NativeImagenXML"
            )
        );
        // printf 'PUT\n36\n7Pn6PlG9QQwO7KnXRVxfMQ==\napplication/xml; charset=utf-8\nSun, 06 Nov 1994 08:49:37 GMT\n/imcc/v1/import/record/NativeImagenXML' \
        //   | openssl dgst -sha256 -hmac 's3cr3t-Key' -binary | base64
        let expected = "HMAC-SHA256 zrZaH6t1MVDO3IxW1IlRHCkv2FK/tTv3eQRdI/Ik28Y=";
        assert_eq!(req.headers()[HEADER_SIGNATURE], expected);
        assert_eq!(req.headers()[CONTENT_LENGTH], "36");
        assert_eq!(req.headers()[HEADER_CONTENT_MD5], md5);
    }

    #[test]
    fn query_string_is_signed() {
        let mut req = reqwest::Request::new(
            reqwest::Method::GET,
            "https://mcc.example/imcc/v1/history?query=42&limit=10"
                .parse()
                .unwrap(),
        );
        let sts = signer().sign(&mut req, date());
        assert_eq!(sts.resource, "/imcc/v1/history?query=42&limit=10");
        // printf 'GET\n\n\n\nSun, 06 Nov 1994 08:49:37 GMT\n/imcc/v1/history?query=42&limit=10' \
        //   | openssl dgst -sha256 -hmac 's3cr3t-Key' -binary | base64
        let expected = "HMAC-SHA256 Wzr1X+HJKzH2gtvWMjoz0LxfKOdv6IqulTeMCBjNJVM=";
        assert_eq!(req.headers()[HEADER_SIGNATURE], expected);
    }

    #[test]
    fn non_ascii_path_and_query_are_signed_encoded() {
        // The runtime encodes path segments and query values from UTF-8
        // before the URL is built; the signature covers the encoded form.
        let mut req = reqwest::Request::new(
            reqwest::Method::GET,
            "https://mcc.example/imcc/v1/media/Zo%C3%AB?query=WHERE%20Title%20%3D%20%27Zo%C3%AB%27"
                .parse()
                .unwrap(),
        );
        let sts = signer().sign(&mut req, date());
        assert_eq!(
            sts.resource,
            "/imcc/v1/media/Zo%C3%AB?query=WHERE%20Title%20%3D%20%27Zo%C3%AB%27"
        );
        // printf 'GET\n\n\n\nSun, 06 Nov 1994 08:49:37 GMT\n/imcc/v1/media/Zo%%C3%%AB?query=WHERE%%20Title%%20%%3D%%20%%27Zo%%C3%%AB%%27' \
        //   | openssl dgst -sha256 -hmac 's3cr3t-Key' -binary | base64
        let expected = "HMAC-SHA256 j9kXNCVeQxnrAM0/Kfphd2+Kozic2adr/yaNMEpoRzo=";
        assert_eq!(req.headers()[HEADER_SIGNATURE], expected);
    }

    #[test]
    fn canonical_resource_settings() {
        let url: url::Url = "https://mcc.example/imcc/v1/media/Zo%C3%AB?query=a%20b"
            .parse()
            .unwrap();
        let r = |query, encoding| CanonicalResource { query, encoding }.of(&url);
        use {QueryInResource::*, ResourceEncoding::*};
        assert_eq!(r(Included, AsSent), "/imcc/v1/media/Zo%C3%AB?query=a%20b");
        assert_eq!(r(Excluded, AsSent), "/imcc/v1/media/Zo%C3%AB");
        assert_eq!(r(Included, LowerHex), "/imcc/v1/media/Zo%c3%ab?query=a%20b");
        assert_eq!(r(Included, Decoded), "/imcc/v1/media/Zoë?query=a b");
        // The signer signs what its settings say.
        let mut req = reqwest::Request::new(reqwest::Method::GET, url.clone());
        let sts = signer()
            .with_canonical_resource(CanonicalResource {
                query: Excluded,
                encoding: AsSent,
            })
            .sign(&mut req, date());
        assert_eq!(sts.resource, "/imcc/v1/media/Zo%C3%AB");
        let mut again = reqwest::Request::new(reqwest::Method::GET, url);
        let default = signer().sign(&mut again, date());
        assert_ne!(
            req.headers()[HEADER_SIGNATURE],
            again.headers()[HEADER_SIGNATURE]
        );
        assert_eq!(default.resource, "/imcc/v1/media/Zo%C3%AB?query=a%20b");
    }

    #[test]
    fn tampering_changes_signature() {
        let sts = StringToSign {
            method: "GET".into(),
            content_length: String::new(),
            content_md5: String::new(),
            content_type: String::new(),
            date: imf_fixdate(date()),
            resource: "/a".into(),
        };
        let mut other = sts.clone();
        other.resource = "/b".into();
        let secret = ApiSecret::new(SECRET);
        assert_ne!(sts.signature(&secret), other.signature(&secret));
        assert_ne!(sts.signature(&secret), sts.signature(&ApiSecret::new("x")));
        assert!(!format!("{:?}", signer()).contains(SECRET));
    }
}
