//! Paging through every result of a search, and through the change history,
//! as streams.
//!
//! ```text
//! cargo run --example paging
//! ```
//!
//! Starts the Imagen emulator in-process on a loopback port, adds 2,500
//! records, then walks the search's results 1,000 at a time with `items()`
//! (the pager carries the first answer's `SearchID` and stops at
//! `TotalHits`) and the history with `pages()` (at most 100 per page, as
//! Imagen allows).

use imagen::api::HostUrls as _;
use std::error::Error;
use std::sync::Arc;

use futures::StreamExt;
use imagen::api::Client;
use imagen::{Session, StaticToken};
use imagen_emulator::{ApplicationSpec, Emulator};

const RECORDS: usize = 2_500;

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let emu = Emulator::builder().start("127.0.0.1:0").await?;
    let app = emu.create_application(ApplicationSpec::installed("Paging example"))?;
    for i in 0..RECORDS {
        emu.add_record(
            None,
            &[("Title", "Harbour"), ("Description", &format!("shot {i}"))],
        )?;
    }
    let session = Session::builder()
        .api_key(&app.api_key)
        .api_secret(&app.secret)
        .mcc_url(emu.mcc_url())
        .web_url(emu.web_url())
        .build()?;
    // A token for a seeded user, without the consent dance (see the
    // quickstart for the OAuth flow).
    let token = emu.issue_token_for(&app.api_key, "zoe", &["readUsersData"])?;
    let user = Client::new(session).for_user(Arc::new(StaticToken::new(token.access_token)));

    let mut records = user
        .records()
        .search(r#"WHERE Title = "Harbour""#)
        .num_records(1000)
        .items();
    let mut n = 0;
    while let Some(record) = records.next().await {
        let record = record?;
        n += 1;
        if n % 1000 == 0 || n == RECORDS {
            println!(
                "record {n}: ID {} ({})",
                record.id, record.fields["Description"]
            );
        }
    }
    println!("{n} records in all");

    let mut pages = user.history().list().pages();
    let mut entries = 0;
    while let Some(page) = pages.next().await {
        let page = page?;
        entries += page.entries.len();
        println!(
            "history page: {} entries (total {:?})",
            page.entries.len(),
            page.total_count
        );
    }
    println!("{entries} history entries");
    if n != RECORDS {
        return Err(format!("expected {RECORDS} records, streamed {n}").into());
    }
    Ok(())
}
