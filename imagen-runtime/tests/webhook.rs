//! The webhook receiver (feature `webhooks`) served by axum on a loopback
//! port, driven by a plain HTTP client: the handshake, batches, handler
//! failures, and every refusal (method, content type, size, depth,
//! malformed XML) with nothing handed to the handler.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use imagen_runtime::webhook::{Batch, EventKind, EventNames, Receiver};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// What the handler saw, and how it should answer.
#[derive(Default)]
struct Seen {
    batches: Mutex<Vec<Batch>>,
    fail: Mutex<bool>,
}

impl Seen {
    fn calls(&self) -> usize {
        self.batches.lock().unwrap().len()
    }
}

async fn serve(app: axum::Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    addr
}

fn receiver(seen: &Arc<Seen>) -> Receiver {
    let seen = seen.clone();
    Receiver::new(move |batch: Batch| {
        let seen = seen.clone();
        async move {
            let fail = *seen.fail.lock().unwrap();
            seen.batches.lock().unwrap().push(batch);
            if fail {
                Err("the handler's database is down")
            } else {
                Ok(())
            }
        }
    })
}

async fn start(r: Receiver) -> String {
    format!("http://{}/hook", serve(r.into_router()).await)
}

fn client() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().unwrap()
}

fn events(n: usize) -> String {
    let mut doc = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Events>");
    for i in 0..n {
        doc.push_str(&format!(
            "<Event><ID>ev-{i}</ID><Type>RecordCreated</Type><Time>2026-12-01T22:00:00Z</Time><RecordID>{i}</RecordID></Event>"
        ));
    }
    doc.push_str("</Events>");
    doc
}

async fn post(url: &str, content_type: &str, body: impl Into<reqwest::Body>) -> reqwest::Response {
    client()
        .post(url)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_challenge_is_echoed_with_200() {
    let seen = Arc::new(Seen::default());
    let url = start(receiver(&seen)).await;
    let r = client()
        .get(format!("{url}?challenge=echoThisStringBack"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.headers()["content-type"].to_str().unwrap(),
        "text/plain; charset=utf-8"
    );
    assert_eq!(r.text().await.unwrap(), "echoThisStringBack");
    // decoded from the query, echoed as text
    let r = client()
        .get(format!("{url}?a=1&challenge=Zo%C3%AB+%3Cb%3E"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.text().await.unwrap(), "Zoë <b>");
    for bad in [String::new(), "x".repeat(1025)] {
        let r = client()
            .get(format!("{url}?challenge={bad}"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400, "challenge of {} bytes", bad.len());
    }
    // the handshake never reaches the handler
    assert_eq!(seen.calls(), 0);
}

#[tokio::test]
async fn a_post_with_a_challenge_is_the_handshake_only_when_configured() {
    let seen = Arc::new(Seen::default());
    let off = start(receiver(&seen)).await;
    let on = start(receiver(&seen).challenge_on_post(true)).await;
    let r = post(&format!("{on}?challenge=abc"), "text/plain", "").await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.text().await.unwrap(), "abc");
    // without the option, a POST is an event delivery (and this one is not XML)
    let r = post(&format!("{off}?challenge=abc"), "text/plain", "").await;
    assert_eq!(r.status(), 415);
    assert_eq!(seen.calls(), 0);
}

#[tokio::test]
async fn a_batch_of_n_events_is_handled_once_each() {
    const N: usize = 250;
    let seen = Arc::new(Seen::default());
    let url = start(receiver(&seen)).await;
    let r = post(&url, "application/xml; charset=utf-8", events(N)).await;
    assert_eq!(r.status(), 200);
    let batches = seen.batches.lock().unwrap();
    assert_eq!(batches.len(), 1, "one call per delivery");
    let evs = &batches[0].events;
    assert_eq!(evs.len(), N);
    for (i, e) in evs.iter().enumerate() {
        assert_eq!(e.id.as_deref(), Some(format!("ev-{i}").as_str()));
        assert_eq!(e.kind, EventKind::RecordCreated);
        assert_eq!(e.record_id(), Some(i as i64));
        assert_eq!(e.time.as_deref(), Some("2026-12-01T22:00:00Z"));
    }
    let mut ids: Vec<&str> = evs.iter().filter_map(|e| e.id.as_deref()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), N, "every event once");
}

#[tokio::test]
async fn text_xml_an_empty_batch_and_custom_names() {
    let seen = Arc::new(Seen::default());
    let url = start(receiver(&seen)).await;
    let r = post(&url, "text/xml", "<Events/>").await;
    assert_eq!(r.status(), 200);
    assert_eq!(seen.calls(), 0, "an empty batch is not handed on");
    let r = post(&url, "text/xml", events(1)).await;
    assert_eq!(r.status(), 200);
    assert_eq!(seen.calls(), 1);

    let custom = EventNames {
        batch: "Notifications".into(),
        event: "Notification".into(),
        ..EventNames::default()
    };
    let url = start(receiver(&seen).names(custom)).await;
    let r = post(
        &url,
        "application/xml",
        "<Notifications><Notification Type=\"MediaDeleted\" MediaID=\"7\"/></Notifications>",
    )
    .await;
    assert_eq!(r.status(), 200);
    let b = seen.batches.lock().unwrap();
    assert_eq!(b[1].events[0].kind, EventKind::MediaDeleted);
    assert_eq!(b[1].events[0].media_id(), Some(7));
}

#[tokio::test]
async fn a_failing_handler_is_answered_500_so_that_imagen_retries() {
    let seen = Arc::new(Seen::default());
    *seen.fail.lock().unwrap() = true;
    let url = start(receiver(&seen)).await;
    let r = post(&url, "application/xml", events(3)).await;
    assert_eq!(r.status(), 500);
    let body = r.text().await.unwrap();
    assert!(
        !body.contains("database"),
        "the handler's error stays private: {body}"
    );
    assert_eq!(seen.calls(), 1);
}

#[tokio::test]
async fn a_slow_handler_is_answered_503() {
    let (started_tx, started_rx) = tokio::sync::oneshot::channel::<()>();
    let started_tx = Arc::new(Mutex::new(Some(started_tx)));
    let r = Receiver::new(move |_b: Batch| {
        let started = started_tx.lock().unwrap().take();
        async move {
            if let Some(tx) = started {
                let _ = tx.send(());
            }
            // never finishes on its own: only the timeout ends it
            std::future::pending::<Result<(), String>>().await
        }
    })
    .handler_timeout(Duration::from_millis(50));
    let url = start(r).await;
    let r = post(&url, "application/xml", events(1)).await;
    assert_eq!(r.status(), 503);
    started_rx.await.expect("the handler was called");
}

#[tokio::test]
async fn malformed_or_oversized_xml_is_refused_and_nothing_is_handled() {
    let seen = Arc::new(Seen::default());
    let url = start(receiver(&seen).max_body_bytes(4096).max_depth(4)).await;
    let deep = "<Events><Event><A><B><C/></B></A></Event></Events>";
    let huge_entity = "<!DOCTYPE Events [<!ENTITY a \"aaaaaaaaaa\">]><Events><Event><ID>&a;</ID></Event></Events>";
    let cases: Vec<(&str, Vec<u8>, u16)> = vec![
        ("not closed", b"<Events><Event>".to_vec(), 400),
        ("mismatched", b"<Events><Event></Events>".to_vec(), 400),
        ("two roots", b"<Events/><Events/>".to_vec(), 400),
        ("empty body", Vec::new(), 400),
        ("not UTF-8", b"<Events>\xff</Events>".to_vec(), 400),
        ("forbidden char", b"<Events>\x01</Events>".to_vec(), 400),
        ("custom entity", huge_entity.as_bytes().to_vec(), 400),
        ("too deep", deep.as_bytes().to_vec(), 400),
        (
            "other root",
            b"<Records><ImagenRecord/></Records>".to_vec(),
            400,
        ),
        ("other child", b"<Events><Record/></Events>".to_vec(), 400),
        ("over the size limit", events(100).into_bytes(), 413),
    ];
    for (what, body, status) in cases {
        let r = post(&url, "application/xml", body).await;
        assert_eq!(r.status().as_u16(), status, "{what}");
        assert_eq!(seen.calls(), 0, "{what} reached the handler");
    }
    let r = post(&url, "application/xml", events(1)).await;
    assert_eq!(r.status(), 200, "a good batch still passes");
    assert_eq!(seen.calls(), 1);
}

#[tokio::test]
async fn too_many_events_are_413() {
    let seen = Arc::new(Seen::default());
    let url = start(receiver(&seen).max_events(10)).await;
    let r = post(&url, "application/xml", events(11)).await;
    assert_eq!(r.status(), 413);
    let r = post(&url, "application/xml", events(10)).await;
    assert_eq!(r.status(), 200);
    assert_eq!(seen.calls(), 1);
}

/// A chunked body (no `Content-Length`) growing past the limit is cut off
/// at the limit and answered 413.
#[tokio::test]
async fn a_chunked_body_over_the_limit_is_413() {
    let seen = Arc::new(Seen::default());
    let addr = serve(receiver(&seen).max_body_bytes(1000).into_router()).await;
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST /hook HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/xml\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    );
    s.write_all(head.as_bytes()).await.unwrap();
    let chunk = "<Events>".to_string() + &" ".repeat(592);
    for _ in 0..2 {
        let _ = s
            .write_all(format!("{:x}\r\n{chunk}\r\n", chunk.len()).as_bytes())
            .await;
    }
    // The answer may come before the rest is sent; either way it is 413.
    let _ = s.write_all(b"0\r\n\r\n").await;
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer).await;
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert_eq!(seen.calls(), 0);
}

#[tokio::test]
async fn wrong_methods_and_content_types_are_refused() {
    let seen = Arc::new(Seen::default());
    let url = start(receiver(&seen)).await;
    let c = client();
    for method in [
        reqwest::Method::PUT,
        reqwest::Method::DELETE,
        reqwest::Method::PATCH,
    ] {
        let r = c
            .request(method.clone(), &url)
            .header("content-type", "application/xml")
            .body(events(1))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 405, "{method}");
        assert_eq!(r.headers()["allow"], "GET, POST");
    }
    let r = c.get(&url).send().await.unwrap();
    assert_eq!(r.status(), 405, "a GET without challenge");
    for ct in [
        "application/json",
        "text/plain",
        "text/xml; charset=iso-8859-1",
        "multipart/form-data",
    ] {
        let r = post(&url, ct, events(1)).await;
        assert_eq!(r.status(), 415, "{ct}");
    }
    let r = c.post(&url).body(events(1)).send().await.unwrap();
    assert_eq!(r.status(), 415, "no content type");
    assert_eq!(seen.calls(), 0);
}

#[tokio::test]
async fn it_mounts_under_a_path_of_a_larger_app() {
    let seen = Arc::new(Seen::default());
    let app = axum::Router::new()
        .route("/health", axum::routing::get(|| async { "ok" }))
        .nest_service("/imagen/events", receiver(&seen).into_router());
    let addr = serve(app).await;
    let r = client()
        .get(format!("http://{addr}/imagen/events?challenge=c1"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.text().await.unwrap(), "c1");
    let r = post(
        &format!("http://{addr}/imagen/events"),
        "application/xml",
        events(2),
    )
    .await;
    assert_eq!(r.status(), 200);
    assert_eq!(seen.calls(), 1);
    let r = client()
        .get(format!("http://{addr}/health"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.text().await.unwrap(), "ok");
}
