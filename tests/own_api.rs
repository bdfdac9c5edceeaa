//! The `own_api` example end to end: its own description (`collections.yaml`),
//! run as a program against a small loopback server written here. The
//! example reads its credentials and host from the variables its description
//! names, checks its scopes with the description's scope-check endpoint
//! (signed), and builds an OAuth request for the description's endpoints.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Json;
use axum::http::{HeaderMap, Method, Uri};
use axum::response::IntoResponse;

type Log = Arc<Mutex<Vec<(String, String, bool)>>>;

async fn serve(log: Log) -> String {
    let app = axum::Router::new().fallback(
        move |method: Method, uri: Uri, headers: HeaderMap, body: String| {
            let log = log.clone();
            async move {
                let signed = headers.contains_key("x-imagen-api-signature")
                    && headers
                        .get("x-imagen-api-key")
                        .and_then(|v| v.to_str().ok())
                        == Some("own-key");
                log.lock()
                    .unwrap()
                    .push((method.to_string(), uri.path().to_owned(), signed));
                match (method.as_str(), uri.path()) {
                    ("GET", "/v1/me") => Json(serde_json::json!({
                        "name": "own-key",
                        "grants": [{"name": "readCollections"}, {"name": "writeCollections"}]
                    }))
                    .into_response(),
                    ("POST", "/v1/collections") => {
                        let mut v: serde_json::Value = serde_json::from_str(&body).unwrap();
                        v["id"] = 7.into();
                        Json(v).into_response()
                    }
                    ("GET", "/v1/collections") => {
                        Json(serde_json::json!([{"id": 7, "title": "Zoë's picks"}])).into_response()
                    }
                    _ => (axum::http::StatusCode::NOT_FOUND, "{}").into_response(),
                }
            }
        },
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    url
}

/// `target/debug/examples/own_api`, built by `cargo test` with the tests.
fn example() -> std::path::PathBuf {
    let mut p = std::env::current_exe().unwrap();
    p.pop(); // deps
    p.pop();
    p.push("examples");
    p.push(format!("own_api{}", std::env::consts::EXE_SUFFIX));
    p
}

#[tokio::test]
async fn own_description_end_to_end() {
    assert!(
        example().exists(),
        "{} is missing: `cargo test` builds the examples (or: cargo build --example own_api)",
        example().display()
    );
    let log: Log = Arc::default();
    let url = serve(log.clone()).await;
    // The example runs with a time limit, and is killed if it outlives it
    // or the test.
    let run = async |vars: &[(&str, &str)]| {
        let mut c = tokio::process::Command::new(example());
        c.env_remove("COLLECTIONS_URL")
            .kill_on_drop(true)
            .stdin(std::process::Stdio::null());
        for (k, v) in vars {
            c.env(k, v);
        }
        tokio::time::timeout(Duration::from_secs(120), c.output())
            .await
            .expect("the own_api example ends within two minutes")
            .expect("run the own_api example")
    };
    let out = run(&[
        ("COLLECTIONS_KEY", "own-key"),
        ("COLLECTIONS_SECRET", "own-secret"),
        ("COLLECTIONS_URL", &url),
    ])
    .await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains(r#"scopes verified: ["writeCollections"]"#),
        "{stdout}"
    );
    assert!(stdout.contains("created #7 Zoë's picks"), "{stdout}");
    assert!(stdout.contains("collection #7 Zoë's picks"), "{stdout}");
    // The description's OAuth endpoint on its own host, without PKCE.
    let consent = stdout
        .lines()
        .find_map(|l| l.strip_prefix("consent page: "))
        .expect("a consent URL");
    assert!(
        consent.starts_with(&format!("{url}/auth/consent?")),
        "{consent}"
    );
    assert!(!consent.contains("code_challenge"), "{consent}");
    assert!(consent.contains("scope=writeCollections"), "{consent}");
    // The scope check went to the description's endpoint, signed, first.
    let seen = log.lock().unwrap().clone();
    assert_eq!(seen[0], ("GET".into(), "/v1/me".into(), true), "{seen:?}");
    assert_eq!(seen.len(), 3, "{seen:?}");

    // The variables are the description's: without them, it says which.
    let out = run(&[("COLLECTIONS_KEY", "own-key")]).await;
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("COLLECTIONS_SECRET"), "{stderr}");
}
