//! Webhooks end to end: the emulator registers, batches and delivers; the
//! runtime's receiver (`imagen_runtime::webhook`, served by axum on a
//! loopback port) answers. No sleeps: tests wait for
//! `Emulator::webhooks_settled`, or on the receiver's own signals.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::*;
use imagen_emulator::{DeliveryOutcome, Emulator, Error};
use imagen_runtime::webhook::{Batch, EventKind, EventNames, Receiver};
use reqwest::Method;

const NATIVE: &str = "/imcc/v1/import/record/NativeImagenXML";

/// An emulator with fast webhook timings.
async fn emulator(retry: Duration) -> Emulator {
    Emulator::builder()
        .auto_approve(true)
        .webhook_batch_window(Duration::from_millis(20))
        .webhook_retry_delay(retry)
        .start("127.0.0.1:0")
        .await
        .expect("emulator starts")
}

/// What a receiver's handler saw.
#[derive(Default)]
struct Seen {
    batches: Mutex<Vec<Batch>>,
    /// The handler fails while this is above zero (counting down).
    fail: Mutex<usize>,
}

impl Seen {
    fn batches(&self) -> Vec<Batch> {
        self.batches.lock().unwrap().clone()
    }
    fn events(&self) -> Vec<imagen_runtime::webhook::Event> {
        self.batches().into_iter().flat_map(|b| b.events).collect()
    }
}

fn handler_receiver(seen: &Arc<Seen>) -> Receiver {
    let seen = seen.clone();
    Receiver::new(move |batch: Batch| {
        let seen = seen.clone();
        async move {
            seen.batches.lock().unwrap().push(batch);
            let mut f = seen.fail.lock().unwrap();
            if *f > 0 {
                *f -= 1;
                Err("the handler failed")
            } else {
                Ok(())
            }
        }
    })
}

/// Serves `app` on a loopback port; the URL of `/hook` on it.
async fn serve(app: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    format!("http://{addr}/hook")
}

/// An application with a user token for imports, and a registered webhook
/// served by the runtime's receiver.
async fn setup(emu: &Emulator, r: Receiver) -> (String, String, String) {
    let app = installed_app(emu, &["modifyUsersData", "createJobs"]);
    let tok = emu
        .issue_token_for(
            &app.api_key,
            "zoe",
            &["readUsersData", "modifyUsersData", "createJobs"],
        )
        .unwrap();
    let url = serve(r.into_router()).await;
    let hook = emu
        .register_webhook(&app.api_key, &url, &[])
        .await
        .expect("the receiver answers the challenge");
    (app.api_key, tok.access_token, hook.id)
}

fn records(titles: &[String]) -> String {
    let mut doc = String::from("<Records>");
    for t in titles {
        doc.push_str(&format!(
            "<ImagenRecord ID=\"-1\"><Fields><Title>{t}</Title></Fields></ImagenRecord>"
        ));
    }
    doc.push_str("</Records>");
    doc
}

/// Imports records (synchronously); the new record IDs.
async fn import(emu: &Emulator, key: &str, tok: &str, titles: &[String]) -> Vec<i64> {
    let doc = xml_ok(put_xml(emu, key, tok, NATIVE, &records(titles)).await).await;
    doc.at("DatabaseJob/Import/ImagenRecords")
        .all("ImagenRecord")
        .iter()
        .map(|r| r.attr("ID").unwrap().parse().unwrap())
        .collect()
}

fn titles(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("Zoë {i}")).collect()
}

#[tokio::test]
async fn registration_performs_the_challenge_handshake() {
    let emu = emulator(Duration::from_millis(10)).await;
    let app = installed_app(&emu, &[]);
    let k = &app.api_key;

    // A callback that records what it was asked, and echoes it.
    type Asked = Vec<(String, Option<String>)>;
    let asked: Arc<Mutex<Asked>> = Arc::default();
    let a = asked.clone();
    let echo = axum::Router::new().route(
        "/hook",
        axum::routing::any(move |req: axum::extract::Request| {
            let a = a.clone();
            async move {
                let q = req.uri().query().unwrap_or("").to_string();
                let ch = url::form_urlencoded::parse(q.as_bytes())
                    .find(|(k, _)| k == "challenge")
                    .map(|(_, v)| v.into_owned());
                a.lock()
                    .unwrap()
                    .push((req.method().to_string(), ch.clone()));
                format!("ok: {}", ch.unwrap_or_default())
            }
        }),
    );
    let url = serve(echo).await;
    let hook = emu.register_webhook(k, &url, &[]).await.unwrap();
    assert_eq!(hook.url, url);
    let asked = asked.lock().unwrap().clone();
    assert_eq!(asked.len(), 1, "one handshake call");
    assert_eq!(asked[0].0, "GET");
    let ch = asked[0].1.as_deref().expect("a challenge parameter");
    assert!(ch.len() >= 16, "a random challenge: {ch}");
    assert_eq!(emu.webhooks(k).unwrap(), vec![hook]);

    // The runtime's receiver passes the handshake.
    let seen = Arc::new(Seen::default());
    let url = serve(handler_receiver(&seen).into_router()).await;
    emu.register_webhook(k, &url, &["RecordCreated"])
        .await
        .unwrap();
    assert!(
        seen.batches().is_empty(),
        "the handshake reaches no handler"
    );

    // Callbacks that do not echo are refused, and not registered.
    let wrong = axum::Router::new()
        .route("/hook", axum::routing::get(|| async { "something else" }))
        .route(
            "/teapot",
            axum::routing::get(|| async { (axum::http::StatusCode::IM_A_TEAPOT, "x") }),
        );
    let base = serve(wrong).await;
    match emu.register_webhook(k, &base, &[]).await {
        Err(Error::WebhookRefused(_, why)) => {
            assert!(why.contains("does not contain the challenge"), "{why}")
        }
        other => panic!("{other:?}"),
    }
    let teapot = base.replace("/hook", "/teapot");
    match emu.register_webhook(k, &teapot, &[]).await {
        Err(Error::WebhookRefused(_, why)) => assert!(why.contains("with 418, not 200"), "{why}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(emu.webhooks(k).unwrap().len(), 2);

    // Not loopback, not a known application, not a known event type.
    for url in [
        "http://10.1.2.3/hook",
        "https://example.com/hook",
        "http://localhost.example/x",
    ] {
        assert!(
            matches!(
                emu.register_webhook(k, url, &[]).await,
                Err(Error::NotLoopbackUrl(..))
            ),
            "{url}"
        );
    }
    assert!(matches!(
        emu.register_webhook("nope", &url, &[]).await,
        Err(Error::UnknownApplication(_))
    ));
    assert!(matches!(
        emu.register_webhook(k, &url, &["RecordExploded"]).await,
        Err(Error::InvalidSpec(_))
    ));
}

#[tokio::test]
async fn a_batch_of_n_events_is_delivered_once_and_handled_once_each() {
    const N: usize = 40;
    let emu = emulator(Duration::from_millis(10)).await;
    let seen = Arc::new(Seen::default());
    let (k, tok, hook) = setup(&emu, handler_receiver(&seen)).await;
    let ids = import(&emu, &k, &tok, &titles(N)).await;
    assert_eq!(ids.len(), N);
    emu.webhooks_settled().await;

    let batches = seen.batches();
    assert_eq!(batches.len(), 1, "one import, one POST");
    let events = &batches[0].events;
    assert_eq!(events.len(), N + 1, "N records and the import task's state");
    let created: Vec<i64> = events
        .iter()
        .filter(|e| e.kind == EventKind::RecordCreated)
        .map(|e| e.record_id().unwrap())
        .collect();
    assert_eq!(created, ids, "each new record once, in import order");
    let job = events.last().unwrap();
    assert_eq!(job.kind, EventKind::JobStateChanged);
    assert_eq!(job.get("JobType"), Some("Import"));
    assert_eq!(job.job_state(), Some(2), "completed");
    let mut event_ids: Vec<String> = events.iter().map(|e| e.id.clone().unwrap()).collect();
    assert!(
        events
            .iter()
            .all(|e| e.time.as_deref().is_some_and(|t| t.ends_with('Z')))
    );

    let log = emu.webhook_deliveries();
    assert_eq!(log.len(), 1);
    let d = &log[0];
    assert_eq!(d.webhook_id, hook);
    assert_eq!(d.outcome, DeliveryOutcome::Delivered);
    assert_eq!(d.attempts.len(), 1);
    assert_eq!(d.attempts[0].status, Some(200));
    assert_eq!(d.event_ids, event_ids, "the log names the events handled");
    event_ids.sort();
    event_ids.dedup();
    assert_eq!(event_ids.len(), N + 1, "event IDs are unique");
}

#[tokio::test]
async fn updates_deletes_and_job_state_changes_are_events() {
    let emu = emulator(Duration::from_millis(10)).await;
    let seen = Arc::new(Seen::default());
    let (k, tok, _) = setup(&emu, handler_receiver(&seen)).await;
    let kinds = |seen: &Seen| -> Vec<(EventKind, Option<i64>, Option<i64>)> {
        let evs = seen.events();
        seen.batches.lock().unwrap().clear();
        evs.into_iter()
            .map(|e| {
                (
                    e.kind.clone(),
                    e.record_id().or(e.media_id()),
                    e.job_state(),
                )
            })
            .collect()
    };

    // update an existing record by import
    let doc = "<Records><ImagenRecord ID=\"3\"><Fields><Title>Neu</Title></Fields></ImagenRecord></Records>";
    xml_ok(put_xml(&emu, &k, &tok, NATIVE, doc).await).await;
    emu.webhooks_settled().await;
    assert_eq!(
        kinds(&seen),
        vec![
            (EventKind::RecordUpdated, Some(3), None),
            (EventKind::JobStateChanged, None, Some(2)),
        ]
    );

    // an asynchronous import: Waiting, then Processing, then Completed
    let doc = xml_ok(
        put_xml(
            &emu,
            &k,
            &tok,
            &format!("{NATIVE}?timeout=0"),
            &records(&titles(1)),
        )
        .await,
    )
    .await;
    let guid = doc.at("DatabaseJob").attr("GUID").unwrap().to_string();
    emu.webhooks_settled().await;
    let mut states = vec![kinds(&seen)];
    for _ in 0..3 {
        let r = user_req_xml(
            &emu,
            Method::GET,
            &k,
            &tok,
            &format!("/imcc/v1/import/record/{guid}"),
        )
        .send()
        .await
        .unwrap();
        xml_ok(r).await;
        emu.webhooks_settled().await;
        states.push(kinds(&seen));
    }
    assert_eq!(states[0], vec![(EventKind::JobStateChanged, None, Some(0))]);
    assert_eq!(states[1], vec![], "the first read changes nothing");
    assert_eq!(states[2].len(), 2, "{:?}", states[2]);
    assert_eq!(states[2][0].0, EventKind::RecordCreated);
    assert_eq!(states[2][1], (EventKind::JobStateChanged, None, Some(1)));
    assert_eq!(states[3], vec![(EventKind::JobStateChanged, None, Some(2))]);

    // a media object deleted through the API, a record by the administrator
    // (settled after each: separate batches may be delivered in any order)
    let r = user_send(&emu, Method::DELETE, &k, &tok, "/imcc/v1/media/101/0").await;
    assert_eq!(r.status(), 200);
    emu.webhooks_settled().await;
    assert_eq!(kinds(&seen), vec![(EventKind::MediaDeleted, Some(1), None)]);
    let media = seen_media_ids(&emu, &k, &tok).await;
    assert!(!media.contains(&101));
    emu.delete_record(2).unwrap();
    emu.webhooks_settled().await;
    assert_eq!(
        kinds(&seen),
        vec![(EventKind::RecordDeleted, Some(2), None)]
    );
    let r = client()
        .delete(format!("{}/emulator/admin/records/4", emu.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    emu.webhooks_settled().await;
    assert_eq!(
        kinds(&seen),
        vec![(EventKind::RecordDeleted, Some(4), None)]
    );
    assert!(matches!(emu.delete_record(2), Err(Error::UnknownRecord(2))));

    // a workflow job starts Waiting
    let job = "<CISXMLDocument><Workflow>Ingest video</Workflow><Inputs>\
               <Input type=\"Int\" sub-type=\"Record_ID\" id=\"-1\">5</Input></Inputs></CISXMLDocument>";
    let r = put_xml(&emu, &k, &tok, "/imcc/v1/job", job).await;
    let guid = xml_ok(r).await.text_at("Result").to_string();
    emu.webhooks_settled().await;
    let evs = seen.events();
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0].kind, EventKind::JobStateChanged);
    assert_eq!(evs[0].job_guid(), Some(guid.as_str()));
    assert_eq!(evs[0].get("JobType"), Some("Workflow"));
    assert_eq!(evs[0].job_state(), Some(0));
}

/// The media IDs of every record a search finds.
async fn seen_media_ids(emu: &Emulator, key: &str, tok: &str) -> Vec<i64> {
    let r = user_req_xml(
        emu,
        Method::GET,
        key,
        tok,
        "/imcc/v1/record/search?query=&includeMedia=true&numRecords=100",
    )
    .send()
    .await
    .unwrap();
    let doc = xml_ok(r).await;
    doc.all("ImagenRecord")
        .iter()
        .flat_map(|r| {
            r.get("MediaObjects")
                .map(|m| m.all("MediaObject"))
                .unwrap_or_default()
        })
        .map(|m| m.attr("ID").unwrap().parse().unwrap())
        .collect()
}

#[tokio::test]
async fn a_failing_handler_is_retried_three_times_with_growing_delays_then_given_up() {
    let base = Duration::from_millis(40);
    let emu = emulator(base).await;
    let seen = Arc::new(Seen::default());
    *seen.fail.lock().unwrap() = usize::MAX;
    let (k, tok, _) = setup(&emu, handler_receiver(&seen)).await;
    import(&emu, &k, &tok, &titles(2)).await;
    emu.webhooks_settled().await;

    let log = emu.webhook_deliveries();
    assert_eq!(log.len(), 1);
    let d = &log[0];
    assert_eq!(d.outcome, DeliveryOutcome::GaveUp);
    assert_eq!(d.attempts.len(), 4, "the first attempt and 3 retries");
    assert!(
        d.attempts.iter().all(|a| a.status == Some(500)),
        "{:?}",
        d.attempts
    );
    let numbers: Vec<usize> = d.attempts.iter().map(|a| a.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4]);
    let delays: Vec<Duration> = d.attempts.iter().map(|a| a.delay).collect();
    assert_eq!(delays, [Duration::ZERO, base, base * 2, base * 4]);
    assert!(delays.windows(2).all(|w| w[0] < w[1]), "delays grow");
    for w in d.attempts.windows(2) {
        let gap = w[1].at - w[0].at;
        assert!(
            gap >= w[1].delay,
            "attempt {} came {gap:?} after the previous one, before its delay {:?}",
            w[1].number,
            w[1].delay
        );
    }
    // the handler saw the same batch on each attempt, then nothing more
    let batches = seen.batches();
    assert_eq!(batches.len(), 4);
    let ids =
        |b: &Batch| -> Vec<String> { b.events.iter().map(|e| e.id.clone().unwrap()).collect() };
    assert!(batches.iter().all(|b| ids(b) == d.event_ids));
}

#[tokio::test]
async fn a_handler_that_recovers_gets_the_batch_on_a_retry() {
    let emu = emulator(Duration::from_millis(5)).await;
    let seen = Arc::new(Seen::default());
    *seen.fail.lock().unwrap() = 2;
    let (k, tok, _) = setup(&emu, handler_receiver(&seen)).await;
    import(&emu, &k, &tok, &titles(1)).await;
    emu.webhooks_settled().await;
    let d = &emu.webhook_deliveries()[0];
    assert_eq!(d.outcome, DeliveryOutcome::Delivered);
    let statuses: Vec<Option<u16>> = d.attempts.iter().map(|a| a.status).collect();
    assert_eq!(statuses, [Some(500), Some(500), Some(200)]);
    assert_eq!(seen.batches().len(), 3);
}

/// What the receiver refuses (a shape it does not expect, a body over its
/// limit) never reaches its handler; the emulator retries and gives up.
#[tokio::test]
async fn malformed_or_oversized_deliveries_reach_no_handler() {
    let emu = emulator(Duration::from_millis(5)).await;
    let seen = Arc::new(Seen::default());
    let other_shape = EventNames {
        batch: "Notifications".into(),
        ..EventNames::default()
    };
    let (k, tok, _) = setup(&emu, handler_receiver(&seen).names(other_shape)).await;
    let url = serve(handler_receiver(&seen).max_body_bytes(200).into_router()).await;
    emu.register_webhook(&k, &url, &[]).await.unwrap();
    import(&emu, &k, &tok, &titles(3)).await;
    emu.webhooks_settled().await;

    let log = emu.webhook_deliveries();
    assert_eq!(log.len(), 2, "one delivery per webhook");
    let mut statuses: Vec<u16> = log
        .iter()
        .map(|d| {
            assert_eq!(d.outcome, DeliveryOutcome::GaveUp);
            assert_eq!(d.attempts.len(), 4);
            d.attempts[0].status.unwrap()
        })
        .collect();
    statuses.sort();
    assert_eq!(statuses, [400, 413]);
    assert!(seen.batches().is_empty(), "nothing was handed to a handler");
}

#[tokio::test]
async fn a_receiver_that_went_away_is_retried_then_given_up() {
    let emu = emulator(Duration::from_millis(5)).await;
    let app = installed_app(&emu, &[]);
    // A callback that answers the handshake, then closes its listener.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        let app = Receiver::new(|_b: Batch| async { Ok::<_, String>(()) }).into_router();
        let _ = axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = stop_rx.await;
            })
            .await;
    });
    emu.register_webhook(&app.api_key, &url, &[]).await.unwrap();
    let _ = stop_tx.send(());
    server.await.unwrap();
    emu.delete_record(1).unwrap();
    emu.webhooks_settled().await;
    let d = &emu.webhook_deliveries()[0];
    assert_eq!(d.outcome, DeliveryOutcome::GaveUp);
    assert_eq!(d.attempts.len(), 4);
    assert!(
        d.attempts
            .iter()
            .all(|a| a.status.is_none() && a.error.is_some()),
        "{:?}",
        d.attempts
    );
}

#[tokio::test]
async fn events_are_batched_within_the_cap_and_filtered_by_type() {
    let emu = Emulator::builder()
        .webhook_batch_max(5)
        .webhook_retry_delay(Duration::from_millis(5))
        .start("127.0.0.1:0")
        .await
        .unwrap();
    let seen = Arc::new(Seen::default());
    let (k, tok, _) = setup(&emu, handler_receiver(&seen)).await;
    let only_jobs = Arc::new(Seen::default());
    let url = serve(handler_receiver(&only_jobs).into_router()).await;
    emu.register_webhook(&k, &url, &["JobStateChanged"])
        .await
        .unwrap();
    import(&emu, &k, &tok, &titles(12)).await;
    emu.webhooks_settled().await;

    // The three POSTs run at once: their order is not fixed.
    let mut sizes: Vec<usize> = seen.batches().iter().map(|b| b.events.len()).collect();
    sizes.sort();
    assert_eq!(sizes, [3, 5, 5], "13 events, at most 5 a POST");
    let mut ids: Vec<String> = seen.events().into_iter().map(|e| e.id.unwrap()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 13, "each event once");
    let jobs = only_jobs.events();
    assert_eq!(jobs.len(), 1);
    assert_eq!(jobs[0].kind, EventKind::JobStateChanged);
    assert_eq!(emu.webhook_deliveries().len(), 4);
}

#[tokio::test]
async fn deliveries_never_hold_up_requests_and_the_queue_is_bounded() {
    let emu = Emulator::builder()
        .webhook_queue_limit(5)
        .webhook_batch_window(Duration::ZERO)
        .start("127.0.0.1:0")
        .await
        .unwrap();
    // A handler that waits until the test lets it go.
    let (entered_tx, mut entered_rx) = tokio::sync::mpsc::unbounded_channel::<()>();
    let release = Arc::new(tokio::sync::Notify::new());
    let r = release.clone();
    let receiver = Receiver::new(move |_b: Batch| {
        let (entered, release) = (entered_tx.clone(), r.clone());
        async move {
            let _ = entered.send(());
            release.notified().await;
            Ok::<_, String>(())
        }
    });
    let (k, tok, _) = setup(&emu, receiver).await;
    import(&emu, &k, &tok, &titles(1)).await;
    entered_rx
        .recv()
        .await
        .expect("the delivery reached the handler");

    // While that delivery hangs, requests are served, and the queue takes
    // no more than its limit.
    let ids = import(&emu, &k, &tok, &titles(9)).await;
    assert_eq!(ids.len(), 9, "the import is answered");
    assert_eq!(
        emu.webhook_events_dropped(),
        10,
        "9 records + 1 task > 5: dropped"
    );
    let r = user_send(&emu, Method::GET, &k, &tok, "/imcc/v1/user").await;
    assert_eq!(r.status(), 200);
    import(&emu, &k, &tok, &titles(2)).await;
    assert_eq!(emu.webhook_events_dropped(), 10, "3 events fit");

    release.notify_one();
    entered_rx.recv().await.expect("the next delivery");
    release.notify_one();
    emu.webhooks_settled().await;
    let log = emu.webhook_deliveries();
    assert!(log.iter().all(|d| d.outcome == DeliveryOutcome::Delivered));
    let delivered: usize = log.iter().map(|d| d.event_ids.len()).sum();
    assert_eq!(delivered, 2 + 3);
}

#[tokio::test]
async fn the_admin_api_registers_lists_logs_and_removes() {
    let emu = emulator(Duration::from_millis(5)).await;
    let app = installed_app(&emu, &[]);
    let seen = Arc::new(Seen::default());
    let url = serve(handler_receiver(&seen).into_router()).await;
    let admin = |p: &str| format!("{}/emulator/admin{p}", emu.base_url());
    let c = client();

    let r = c
        .post(admin(&format!("/applications/{}/webhooks", app.api_key)))
        .body(format!(
            r#"{{"url": "{url}", "events": ["RecordDeleted"]}}"#
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let hook = json(r).await;
    let id = hook["id"].as_str().unwrap().to_string();
    assert_eq!(hook["url"], url.as_str());
    assert_eq!(hook["events"], serde_json::json!(["RecordDeleted"]));

    let r = c
        .post(admin(&format!("/applications/{}/webhooks", app.api_key)))
        .header("Accept", "application/json")
        .body(r#"{"url": "http://192.168.1.1/hook"}"#)
        .send()
        .await
        .unwrap();
    let v = assert_error(
        r,
        400,
        "the webhook URL 'http://192.168.1.1/hook' is refused",
    )
    .await;
    assert!(v["Error"]["Message"].as_str().unwrap().contains("loopback"));
    let r = c
        .post(admin("/applications/nope/webhooks"))
        .header("Accept", "application/json")
        .body(format!(r#"{{"url": "{url}"}}"#))
        .send()
        .await
        .unwrap();
    assert_error(r, 404, "no application has the API key 'nope'").await;

    let list = json(
        c.get(admin(&format!("/applications/{}/webhooks", app.api_key)))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(list.as_array().unwrap().len(), 1);

    let r = c.delete(admin("/records/6")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    emu.webhooks_settled().await;
    let log = json(c.get(admin("/webhooks/deliveries")).send().await.unwrap()).await;
    assert_eq!(log["pending"], 0);
    assert_eq!(log["dropped_events"], 0);
    let d = &log["deliveries"][0];
    assert_eq!(d["webhook_id"], id.as_str());
    assert_eq!(d["outcome"], "delivered");
    assert_eq!(d["event_types"], serde_json::json!(["RecordDeleted"]));
    assert_eq!(d["attempts"][0]["status"], 200);
    assert_eq!(d["attempts"][0]["number"], 1);
    assert_eq!(seen.events()[0].record_id(), Some(6));

    let r = c
        .delete(admin(&format!("/webhooks/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = c
        .delete(admin(&format!("/webhooks/{id}")))
        .header("Accept", "application/json")
        .send()
        .await
        .unwrap();
    assert_error(r, 404, "no webhook has the ID").await;
    let r = c.delete(admin("/records/7")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    emu.webhooks_settled().await;
    assert_eq!(
        emu.webhook_deliveries().len(),
        1,
        "a removed webhook gets nothing"
    );
}
