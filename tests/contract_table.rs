//! The error conventions table of `docs/contract.md` is what both sides
//! implement: read from the markdown, each row's `Message` is one of the
//! emulator's message constants (and every constant the table should list
//! is in it), and the runtime classifies each row's status and message as
//! the row's `Error` variant (checked by answering exactly that from a
//! loopback server). A row, a constant or a classification changed alone
//! fails here.

use imagen::api::HostUrls as _;
use std::time::Duration;

use axum::http::{HeaderValue, StatusCode};
use axum::response::IntoResponse;
use imagen::{Auth, Error, Method, RetryPolicy, Session};

/// One row: case, status (`401`, `5xx`), message (None for "any"), variant.
#[derive(Debug)]
struct Row {
    case: String,
    status: String,
    message: Option<String>,
    variant: String,
}

fn table() -> Vec<Row> {
    let doc = std::fs::read_to_string("docs/contract.md").expect("docs/contract.md");
    let section = doc
        .split("\n## ")
        .find(|s| s.starts_with("Error conventions shared by the emulator and the runtime"))
        .expect("the section of the error table");
    let mut rows = Vec::new();
    let mut lines = section.lines().skip_while(|l| !l.starts_with('|'));
    let header = lines.next().expect("a table");
    assert!(
        header.contains("status") && header.contains("`Message`"),
        "{header}"
    );
    assert!(lines.next().is_some_and(|l| l.starts_with("|---")));
    for line in lines.take_while(|l| l.starts_with('|')) {
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        assert_eq!(cells.len(), 4, "{line}");
        let code = |cell: &str| -> Option<String> {
            let (_, rest) = cell.split_once('`')?;
            Some(rest.split_once('`')?.0.to_owned())
        };
        let message = (!cells[2].starts_with("any"))
            .then(|| code(cells[2]).unwrap_or_else(|| panic!("no `message` in {line}")));
        let variant = code(cells[3]).unwrap_or_else(|| panic!("no `variant` in {line}"));
        let variant = variant
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap()
            .to_owned();
        rows.push(Row {
            case: cells[0].to_owned(),
            status: cells[1].to_owned(),
            message,
            variant,
        });
    }
    assert!(rows.len() >= 12, "{rows:#?}");
    rows
}

#[test]
fn the_emulator_answers_the_tables_messages() {
    let rows = table();
    let messages: Vec<&str> = rows.iter().filter_map(|r| r.message.as_deref()).collect();
    // Every message the table names, the emulator's constant with that text;
    // and every constant the table should name, named.
    let constants = [
        imagen_emulator::MSG_NO_AUTH,
        imagen_emulator::MSG_UNKNOWN_KEY,
        imagen_emulator::MSG_BAD_SIGNATURE,
        imagen_emulator::MSG_DATE,
        imagen_emulator::MSG_TOKEN,
        imagen_emulator::MSG_DISABLED,
        imagen_emulator::MSG_NEEDS_USER,
    ];
    let scope = imagen_emulator::msg_missing_scope("NAME");
    let mut expected: Vec<&str> = constants.to_vec();
    expected.push(&scope);
    let mut got = messages.clone();
    got.sort_unstable();
    expected.sort_unstable();
    assert_eq!(got, expected, "the table's messages vs the emulator's");
}

/// A server answering every request with `status`, `message` (Imagen's
/// JSON error body) and, for 429, `Retry-After: 7`.
async fn answering(status: u16, message: String) -> String {
    let app = axum::Router::new().fallback(move || {
        let message = message.clone();
        async move {
            let body = serde_json::json!({"Error": {"Message": message, "Details": ""}});
            let mut r = (StatusCode::from_u16(status).unwrap(), body.to_string()).into_response();
            let h = r.headers_mut();
            h.insert(
                "content-type",
                HeaderValue::from_static("application/json; charset=utf-8"),
            );
            if status == 429 {
                h.insert("retry-after", HeaderValue::from_static("7"));
            }
            r
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    url
}

/// The variant name of an error, from its `Debug` form.
fn variant(e: &Error) -> String {
    format!("{e:?}")
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn the_runtime_classifies_each_row_as_the_table_says() {
    let mut checked = 0;
    for row in table() {
        let statuses: Vec<u16> = match row.status.as_str() {
            "5xx" => vec![500, 502, 503],
            s => vec![s.parse().unwrap_or_else(|_| panic!("status of {row:?}"))],
        };
        let message = row
            .message
            .clone()
            .unwrap_or_else(|| "Anything at all.".to_owned())
            .replace("NAME", "createJobs");
        for status in statuses {
            let url = answering(status, message.clone()).await;
            let s = Session::builder()
                .api_key("k")
                .api_secret("s")
                .mcc_url(&url)
                .retry_policy(RetryPolicy::none())
                .timeout(Duration::from_secs(30))
                .build()
                .unwrap();
            let e = s
                .raw(Method::Get, "mcc", "/x")
                .auth(Auth::None)
                .send()
                .await
                .unwrap_err();
            assert_eq!(variant(&e), row.variant, "{row:?} ({status}): {e:?}");
            assert_eq!(e.status(), Some(status), "{row:?}");
            match &e {
                Error::MissingScope { scope, .. } => {
                    assert_eq!(scope.as_deref(), Some("createJobs"), "{}", row.case)
                }
                Error::RateLimited { retry_after, .. } => {
                    assert_eq!(
                        retry_after.clone(),
                        Some(Duration::from_secs(7)),
                        "{}",
                        row.case
                    )
                }
                _ => {}
            }
            checked += 1;
        }
    }
    assert!(checked >= 14, "{checked}");
}
