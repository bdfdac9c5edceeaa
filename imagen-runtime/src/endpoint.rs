//! Static descriptions of API endpoints.
//!
//! Generated bindings emit one `static` [`Endpoint`] per operation of the
//! description and hand it to [`Session::request`](crate::Session::request).
//! Everything the runtime needs to send the request (method, host key, path
//! template, authentication kind, answer formats and paths) is data here, so
//! that the code generated per endpoint stays tiny and the behaviour lives
//! once in the runtime.

use std::fmt;

/// HTTP method of an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `DELETE`
    Delete,
    /// `PATCH`
    Patch,
}

impl Method {
    /// The method name in upper case, as sent on the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
            Method::Patch => "PATCH",
        }
    }

    /// Whether repeating the request has the same effect as sending it once
    /// (RFC 9110 §9.2.2): the default of [`Endpoint::idempotent`], which a
    /// description overrides where an API breaks the rule (Imagen's imports
    /// and jobs are `PUT`s that create data).
    pub const fn is_idempotent(self) -> bool {
        matches!(self, Method::Get | Method::Put | Method::Delete)
    }

    pub(crate) fn to_reqwest(self) -> reqwest::Method {
        match self {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Delete => reqwest::Method::DELETE,
            Method::Patch => reqwest::Method::PATCH,
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The authentication an endpoint needs (the description's `auth`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Auth {
    /// Application context: signed with the API key and secret (HMAC-SHA256).
    Application,
    /// User context: API key plus `Authorization: Bearer` from the session's
    /// [`TokenSource`](crate::token::TokenSource).
    User,
    /// Either: bearer when the session has a token source, signed otherwise.
    Any,
    /// No credentials at all.
    None,
}

/// One operation of the API, as generated from the description.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Endpoint {
    /// `resource.operation`, e.g. `"records.search"`; used in tracing and errors.
    pub name: &'static str,
    /// HTTP method.
    pub method: Method,
    /// Host key from the description: `"mcc"` or `"web"`.
    pub host: &'static str,
    /// Path template, e.g. `"/imcc/v1/media/{mediaId}/{deleteSegments}"`.
    pub path: &'static str,
    /// Authentication kind.
    pub auth: Auth,
    /// Scopes the endpoint needs (wire names, e.g. `["readUsersData"]`).
    /// Compile-time checks come from the generated bounds; this is the same
    /// fact as data, for what checks at run time (a command-line tool, a
    /// conformance test comparing a server's routes with the description).
    pub scopes: &'static [&'static str],
    /// The JSON answer's envelope: object keys from the top down to the
    /// value, `/`-separated (`Some("Application")` for `{"Application": T}`).
    pub envelope: Option<&'static str>,
    /// The XML answer's path: element names from the document element down
    /// to the value, `/`-separated (`Some("Response/Result/User")`); for a
    /// list answer the last name is the repeated item element. `None`: the
    /// document element is the value.
    pub xml: Option<&'static str>,
    /// The answer formats the server offers, the default first. Empty: JSON
    /// only (descriptions without `formats:`).
    pub formats: &'static [crate::wire::Format],
    /// Whether sending the request twice has the effect of sending it once.
    /// A request that is not idempotent is sent again only when it certainly
    /// never reached the server (the connection could not be made).
    pub idempotent: bool,
    /// How to find out what happened when a non-idempotent request's
    /// outcome is unknown (shown in [`Error::OutcomeUnknown`](crate::Error::OutcomeUnknown)).
    pub outcome_hint: Option<&'static str>,
    /// How the endpoint pages (`paginate:`), for its `pages()`/`items()`.
    pub paging: Option<crate::paging::Paging>,
}

impl Endpoint {
    /// What a generated `static` leaves out (`..Endpoint::BASE`): no
    /// scopes, no JSON envelope, no XML path, JSON only, idempotent, no
    /// outcome hint, no paging. Its name, method, host, path and
    /// authentication are placeholders every endpoint sets.
    pub const BASE: Endpoint = Endpoint {
        name: "",
        method: Method::Get,
        host: "",
        path: "",
        auth: Auth::None,
        scopes: &[],
        envelope: None,
        xml: None,
        formats: &[],
        idempotent: true,
        outcome_hint: None,
        paging: None,
    };

    /// The path and query of a request to this endpoint, encoded exactly as
    /// typed requests encode them: `path_args` fill the template's
    /// parameters in order, each formatted with `Display` and
    /// percent-encoded from UTF-8 as one path segment (`.`, `..` and the
    /// empty string are refused); `query` pairs are appended as
    /// `name=value`, both percent-encoded, in the given order. For tools
    /// that send untyped requests ([`Session::raw`](crate::Session::raw))
    /// to described endpoints, such as a command-line client.
    pub fn path_and_query(
        &self,
        path_args: &[&dyn fmt::Display],
        query: &[(&str, String)],
    ) -> Result<String, crate::Error> {
        let mut path = crate::encode::fill_path(self, path_args)?;
        if !query.is_empty() {
            path.push('?');
            path.push_str(&crate::encode::query_string(query));
        }
        Ok(path)
    }

    /// The answer format to ask for, given the session's preference: the
    /// preference when the endpoint offers it, its default otherwise.
    pub fn answer_format(&self, preferred: crate::wire::Format) -> crate::wire::Format {
        if self.formats.is_empty() {
            crate::wire::Format::Json
        } else if self.formats.contains(&preferred) {
            preferred
        } else {
            self.formats[0]
        }
    }
}
