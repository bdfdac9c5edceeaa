//! A webhook receiver against the embedded emulator: Imagen calls an
//! application back with batched XML events; `imagen::webhook` (cargo
//! feature `webhooks`) is the receiving end.
//!
//! ```text
//! cargo run --example webhook_receiver
//! ```
//!
//! It starts the Imagen emulator in-process on a free loopback port, serves
//! a receiver on another one, registers it as the application's webhook
//! (the emulator calls it with `?challenge=…` first, which the receiver
//! echoes), imports a record with the typed client, prints the events the
//! receiver is handed, and exits. The event document's shape is not
//! documented by Imagen: the receiver's defaults are the emulator's
//! assumption, and configurable (`webhook::EventNames`).

use imagen::api::HostUrls as _;
use std::error::Error;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use imagen::api::Client;
use imagen::api::types::{ImportDocument, ImportRecord};
use imagen::webhook::{Batch, Receiver};
use imagen::{Session, StaticToken};
use imagen_emulator::{ApplicationSpec, Emulator};

#[tokio::main]
async fn main() -> ExitCode {
    match tokio::time::timeout(Duration::from_secs(30), run()).await {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(e)) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
        Err(_) => {
            eprintln!("error: gave up after 30 s");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn Error>> {
    let emulator = Emulator::builder()
        .webhook_batch_window(Duration::from_millis(50))
        .start("127.0.0.1:0")
        .await?;
    let app = emulator.create_application(ApplicationSpec::installed("Webhook example"))?;
    println!("Imagen emulator at {}", emulator.base_url());

    // The receiver: every batch goes to this channel once it is handled;
    // the answer to Imagen is 200 only after the handler returned Ok.
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Batch>();
    let receiver = Receiver::new(move |batch: Batch| {
        let tx = tx.clone();
        async move { tx.send(batch).map_err(|_| "the example stopped listening") }
    })
    .max_body_bytes(256 * 1024);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/imagen/events", listener.local_addr()?);
    let routes = axum::Router::new().nest_service("/imagen/events", receiver.into_router());
    let server = tokio::spawn(async move { axum::serve(listener, routes).await });

    // Registration runs the challenge handshake first.
    let hook = emulator.register_webhook(&app.api_key, &url, &[]).await?;
    println!("Webhook {} registered for {url}", hook.id);

    // A user imports a record (the token comes from the emulator directly;
    // see the quickstart for the OAuth flow).
    let session = Session::builder()
        .api_key(app.api_key.clone())
        .api_secret(app.secret.clone())
        .mcc_url(emulator.mcc_url())
        .web_url(emulator.web_url())
        .build()?;
    let token = emulator.issue_token_for(&app.api_key, "zoe", &["modifyUsersData"])?;
    let user = Client::new(session).for_user(Arc::new(StaticToken::new(token.access_token)));
    let doc = ImportDocument {
        records: vec![ImportRecord {
            id: -1,
            fields: [("Title", "Zoë — 東京タワー")]
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
            acl: None,
            media_objects: None,
        }],
    };
    let task = user.import().records(&doc).send().await?;
    println!("Imported: task {} ({})", task.guid, task.state);

    // Wait until the emulator has delivered everything, then print what
    // the receiver was handed.
    emulator.webhooks_settled().await;
    let mut n = 0;
    while let Ok(batch) = rx.try_recv() {
        println!("Batch of {} event(s):", batch.events.len());
        for e in &batch.events {
            n += 1;
            let data: Vec<String> = e.data.iter().map(|(k, v)| format!("{k}={v}")).collect();
            println!(
                "  {} {} at {}: {}",
                e.kind,
                e.id.as_deref().unwrap_or("(no ID)"),
                e.time.as_deref().unwrap_or("?"),
                data.join(", ")
            );
        }
    }
    for d in emulator.webhook_deliveries() {
        let statuses: Vec<String> = d
            .attempts
            .iter()
            .map(|a| a.status.map_or("no answer".into(), |s| s.to_string()))
            .collect();
        println!(
            "Delivery {}: {:?} after {} attempt(s) ({})",
            d.id,
            d.outcome,
            d.attempts.len(),
            statuses.join(", ")
        );
    }
    server.abort();
    emulator.shutdown().await;
    if n == 0 {
        return Err("no event arrived".into());
    }
    Ok(())
}
