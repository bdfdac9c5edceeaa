//! The app's HTML: one layout, every value escaped.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A page: `title` (escaped here) and `body` (HTML, already escaped).
pub fn page(status: StatusCode, title: &str, body: &str) -> Response {
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>{title} — Imagen web app example</title></head>\n<body>\n\
         <nav><a href=\"/\">Home</a></nav>\n<h1 id=\"title\">{title}</h1>\n{body}\n</body></html>\n",
        title = escape(title)
    );
    (status, Html(html)).into_response()
}

/// An error page: what went wrong, and a way on.
pub fn error(status: StatusCode, title: &str, message: &str) -> Response {
    page(
        status,
        title,
        &format!(
            "<p id=\"error\">{}</p>\n<p><a id=\"sign-in\" href=\"/login\">Sign in with Imagen</a></p>",
            escape(message)
        ),
    )
}
