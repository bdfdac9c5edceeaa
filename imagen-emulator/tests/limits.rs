//! The emulator never falls over: oversized and deeply nested bodies are
//! answered with the standard error and it keeps serving; requests for
//! another `Host` (DNS rebinding) are refused on every route, the admin API
//! included; connections beyond the bound wait instead of piling up.

mod common;

use std::time::Duration;

use common::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A user-context import PUT that accepts XML (errors come back as XML).
async fn put_xml_for_xml(
    emu: &imagen_emulator::Emulator,
    key: &str,
    token: &str,
    body: &str,
) -> reqwest::Response {
    client()
        .put(format!(
            "{}/imcc/v1/import/record/NativeImagenXML",
            emu.base_url()
        ))
        .header("X-Imagen-API-Key", key)
        .header("Authorization", format!("Bearer {token}"))
        .header("Content-Type", "application/xml; charset=utf-8")
        .body(body.to_string())
        .send()
        .await
        .unwrap()
}

async fn still_serving(emu: &imagen_emulator::Emulator) {
    let r = client()
        .get(format!("{}/imcc/v1/profiles", emu.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "the emulator still serves");
}

#[tokio::test]
async fn foreign_host_is_refused_everywhere() {
    let emu = start().await;
    let app = installed_app(&emu, &["readUsersData"]);
    for path in [
        "/emulator/admin/applications",
        "/imcc/v1/profiles",
        "/core/v1/application",
        "/oauth/authorize",
    ] {
        let r = client()
            .get(format!("{}{path}", emu.base_url()))
            .header("Host", "rebind.attacker.example")
            .send()
            .await
            .unwrap();
        let e = assert_xml_error(r, 421, "This emulator serves only loopback host names.").await;
        assert!(e.text_at("Details").contains("rebind.attacker.example"));
    }
    // Nothing of the application leaks through the admin API.
    let body = client()
        .get(format!("{}/emulator/admin/applications", emu.base_url()))
        .header("Host", "rebind.attacker.example:80")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !body.contains(&app.secret) && !body.contains(&app.api_key),
        "{body}"
    );
    // Loopback names are served.
    for host in [
        "localhost",
        &format!("localhost:{}", emu.addr().port()),
        "127.0.0.1",
    ] {
        let r = client()
            .get(format!("{}/imcc/v1/profiles", emu.base_url()))
            .header("Host", host)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{host}");
    }
}

#[tokio::test]
async fn oversized_bodies_are_413() {
    let emu = start().await;
    let app = installed_app(&emu, &["readUsersData", "modifyUsersData"]);
    let tok = emu
        .issue_token_for(&app.api_key, "zoe", &["readUsersData", "modifyUsersData"])
        .unwrap()
        .access_token;
    // Announced by Content-Length.
    let big = "x".repeat(17 * 1024 * 1024);
    let r = put_xml_for_xml(&emu, &app.api_key, &tok, &big).await;
    assert_xml_error(r, 413, "The request body is too large.").await;
    // Chunked, without a length: cut where it crosses the limit.
    let mut sock = tokio::net::TcpStream::connect(emu.addr()).await.unwrap();
    let head = format!(
        "PUT /imcc/v1/import/record/NativeImagenXML HTTP/1.1\r\nHost: 127.0.0.1\r\n\
         X-Imagen-API-Key: {}\r\nAuthorization: Bearer {tok}\r\n\
         Content-Type: application/xml\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
        app.api_key
    );
    sock.write_all(head.as_bytes()).await.unwrap();
    let chunk = [
        format!("{:x}\r\n", 1024 * 1024).into_bytes(),
        vec![b'x'; 1024 * 1024],
        b"\r\n".to_vec(),
    ]
    .concat();
    for _ in 0..20 {
        // The server may stop reading (and answer) once past the limit.
        if sock.write_all(&chunk).await.is_err() {
            break;
        }
    }
    let _ = sock.write_all(b"0\r\n\r\n").await;
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), sock.read_to_end(&mut answer)).await;
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(
        answer.contains("<Message>The request body is too large.</Message>"),
        "{answer}"
    );
    still_serving(&emu).await;
}

#[tokio::test]
async fn deep_documents_are_400_and_the_emulator_survives() {
    let emu = start().await;
    let app = installed_app(&emu, &["readUsersData", "modifyUsersData"]);
    let tok = emu
        .issue_token_for(&app.api_key, "zoe", &["readUsersData", "modifyUsersData"])
        .unwrap()
        .access_token;
    let deep = format!(
        "<Records>{}{}</Records>",
        "<a>".repeat(50_000),
        "</a>".repeat(50_000)
    );
    let r = put_xml_for_xml(&emu, &app.api_key, &tok, &deep).await;
    let e = assert_xml_error(r, 400, "").await;
    assert!(e.text_at("Message").len() + e.text_at("Details").len() > 0);
    // Deep JSON on the admin API.
    let json = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let r = client()
        .post(format!("{}/emulator/admin/applications", emu.base_url()))
        .header("Content-Type", "application/json")
        .body(json)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    still_serving(&emu).await;
}

#[tokio::test]
async fn connections_beyond_the_bound_wait() {
    let emu = imagen_emulator::Emulator::builder()
        .max_connections(8)
        .start("127.0.0.1:0")
        .await
        .unwrap();
    // Eight idle connections that never send a request.
    let mut idle = Vec::new();
    for _ in 0..8 {
        let mut s = tokio::net::TcpStream::connect(emu.addr()).await.unwrap();
        s.write_all(b"GET /imcc/v1/profiles HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            .await
            .unwrap();
        idle.push(s);
    }
    // Wait until the server has accepted all eight (then it stops accepting).
    for _ in 0..10_000 {
        if emu.open_connections() == 8 {
            break;
        }
        tokio::task::yield_now().await;
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    assert_eq!(
        emu.open_connections(),
        8,
        "the eight connections were accepted"
    );
    let fresh = reqwest::Client::builder()
        .timeout(Duration::from_millis(700))
        .build()
        .unwrap();
    let url = format!("{}/imcc/v1/profiles", emu.base_url());
    assert!(
        fresh.get(&url).send().await.is_err(),
        "a ninth connection was served while eight were open"
    );
    assert_eq!(emu.open_connections(), 8, "the ninth waited in the queue");
    drop(idle);
    let r = reqwest::Client::new().get(&url).send().await.unwrap();
    assert_eq!(r.status(), 200);
}

/// A signed header sent twice is refused (fuzz finding: the emulator used
/// to verify the first and ignore the second).
#[tokio::test]
async fn repeated_signed_headers_are_refused() {
    let emu = start().await;
    let app = installed_app(&emu, &["readUsersData"]);
    let date = now_date();
    let sig = get_signature(&app.secret, &date, "/core/v1/application");
    let r = client()
        .get(format!("{}/core/v1/application", emu.base_url()))
        .header("X-Imagen-API-Key", &app.api_key)
        .header("X-Imagen-Date", &date)
        .header("X-Imagen-Date", "Sun, 06 Nov 1994 08:49:37 GMT")
        .header("X-Imagen-API-Signature", &sig)
        .send()
        .await
        .unwrap();
    assert_xml_error(r, 400, "The header x-imagen-date appears more than once.").await;
    // Once each, the same request is accepted.
    let r = client()
        .get(format!("{}/core/v1/application", emu.base_url()))
        .header("X-Imagen-API-Key", &app.api_key)
        .header("X-Imagen-Date", &date)
        .header("X-Imagen-API-Signature", &sig)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}
