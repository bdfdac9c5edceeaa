//! Paging through search results and history as streams (`pages()` /
//! `items()`), against the emulator over loopback: the pager's requests are
//! recorded by the session's `on_request` hook, so each test checks both what
//! came out of the stream and what went over the wire.

mod common;

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use futures::StreamExt;
use imagen::api::Client;
use imagen::api::scopes::DefaultScopes;
use imagen::scope::UserContext;
use imagen::{Error, StaticToken};
use imagen_emulator::{Emulator, Failure};

use common::{app, builder, doc, new_record};

const READ_MODIFY: &[&str] = &["readUsersData", "modifyUsersData"];

/// A user client for `ana` and the query strings of every request it sends.
fn recording_client(
    emu: &Emulator,
) -> (Client<DefaultScopes, UserContext>, Arc<Mutex<Vec<String>>>) {
    let creds = app(emu, "Pager", &[]);
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let session = builder(emu, &creds)
        .on_request(move |r| {
            log.lock()
                .unwrap()
                .push(r.url().query().unwrap_or_default().to_string());
        })
        .build()
        .expect("session");
    let token = emu
        .issue_token_for(&creds.api_key, "ana", READ_MODIFY)
        .expect("token");
    let client = Client::new(session).for_user(Arc::new(StaticToken::new(token.access_token)));
    (client, seen)
}

/// `n` records titled `title` (the emulator's query language has no
/// wildcards: a test finds its records by their common title).
fn add_records(emu: &Emulator, title: &str, n: usize) {
    for _ in 0..n {
        emu.add_record(None, &[("Title", title)])
            .expect("record added");
    }
}

fn param<'a>(query: &'a str, name: &str) -> Option<&'a str> {
    query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

#[tokio::test]
async fn no_result_is_one_empty_page() {
    let emu = common::start().await;
    let (u, seen) = recording_client(&emu);
    let pages: Vec<_> = u
        .records()
        .search(r#"WHERE Title = "nothing matches this""#)
        .pages()
        .collect()
        .await;
    assert_eq!(pages.len(), 1);
    let page = pages.into_iter().next().unwrap().unwrap();
    assert_eq!(page.total_hits, 0);
    assert!(page.records.is_empty());
    let items: Vec<_> = u
        .records()
        .search(r#"WHERE Title = "nothing matches this""#)
        .items()
        .collect()
        .await;
    assert!(items.is_empty(), "{items:?}");
    assert_eq!(seen.lock().unwrap().len(), 2, "one request per stream");
}

#[tokio::test]
async fn exactly_one_page_sends_one_request() {
    let emu = common::start().await;
    add_records(&emu, "Onepage", 5);
    let (u, seen) = recording_client(&emu);
    let titles: Vec<String> = u
        .records()
        .search(r#"WHERE Title = "Onepage""#)
        .num_records(10)
        .items()
        .map(|r| r.expect("record").fields["Title"].clone())
        .collect()
        .await;
    assert_eq!(titles.len(), 5, "{titles:?}");
    assert!(titles.iter().all(|t| t == "Onepage"), "{titles:?}");
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert_eq!(param(&seen[0], "numRecords"), Some("10"));
    assert_eq!(
        param(&seen[0], "start"),
        None,
        "the first page names no start"
    );
}

#[tokio::test]
async fn a_boundary_at_the_page_size_asks_for_no_empty_page() {
    let emu = common::start().await;
    add_records(&emu, "Boundary", 20);
    let (u, seen) = recording_client(&emu);
    let pages: Vec<_> = u
        .records()
        .search(r#"WHERE Title = "Boundary""#)
        .num_records(10)
        .pages()
        .map(|p| p.expect("page"))
        .collect()
        .await;
    assert_eq!(
        pages.iter().map(|p| p.records.len()).collect::<Vec<_>>(),
        [10, 10]
    );
    assert!(pages.iter().all(|p| p.total_hits == 20));
    let ids: HashSet<i64> = pages
        .iter()
        .flat_map(|p| p.records.iter().map(|r| r.id))
        .collect();
    assert_eq!(ids.len(), 20, "no record twice, none left out");
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 2, "stops at TotalHits: {seen:?}");
    // The second page carries the first answer's search ID with `start`.
    assert_eq!(param(&seen[1], "start"), Some("10"));
    assert_eq!(
        param(&seen[1], "searchID"),
        Some(pages[0].search_id.as_str())
    );
    assert_eq!(param(&seen[1], "numRecords"), Some("10"));
}

#[tokio::test]
async fn ten_thousand_results_stream_page_by_page() {
    let emu = common::start().await;
    add_records(&emu, "Bulk", 10_000);
    let (u, seen) = recording_client(&emu);
    let mut pages = u
        .records()
        .search(r#"WHERE Title = "Bulk""#)
        .num_records(1000)
        .pages();
    let mut ids = HashSet::new();
    let mut largest = 0;
    while let Some(page) = pages.next().await {
        // One page at a time: each is dropped before the next is asked for.
        let page = page.expect("page");
        largest = largest.max(page.records.len());
        ids.extend(page.records.iter().map(|r| r.id));
    }
    assert_eq!(ids.len(), 10_000);
    assert_eq!(largest, 1000);
    assert_eq!(seen.lock().unwrap().len(), 10);
}

#[tokio::test]
async fn an_expired_search_id_ends_the_stream_with_the_error() {
    let emu = common::start().await;
    add_records(&emu, "Expiring", 30);
    let (u, _) = recording_client(&emu);
    let mut pages = u
        .records()
        .search(r#"WHERE Title = "Expiring""#)
        .num_records(10)
        .pages();
    let first = pages
        .next()
        .await
        .expect("a first page")
        .expect("first page");
    assert_eq!(first.records.len(), 10);
    emu.faults().expire_searches();
    let err = pages.next().await.expect("an item").unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
    assert_eq!(common::message(&err), "Unknown searchID.");
    assert!(
        pages.next().await.is_none(),
        "the first error ends the stream"
    );
}

#[tokio::test]
async fn every_page_goes_through_the_retries() {
    let emu = common::start().await;
    add_records(&emu, "Retried", 25);
    let (u, seen) = recording_client(&emu);
    let mut items = u
        .records()
        .search(r#"WHERE Title = "Retried""#)
        .num_records(10)
        .items();
    let mut n = 0;
    while let Some(item) = items.next().await {
        item.expect("record");
        n += 1;
        if n == 10 {
            // The next page's first attempt is answered 503, then retried.
            emu.faults().fail_next(1, Failure::Unavailable);
        }
    }
    assert_eq!(n, 25);
    assert_eq!(seen.lock().unwrap().len(), 4, "3 pages + 1 retry");
}

#[tokio::test]
async fn history_pages_at_most_100_entries_and_stops_at_the_total() {
    let emu = common::start().await;
    let creds = app(&emu, "History writer", &[]);
    let writer = common::user_client(&emu, &creds, "ana", READ_MODIFY);
    let records: Vec<_> = (0..230)
        .map(|i| new_record(&[("Title", &format!("History {i}"))]))
        .collect();
    writer
        .import()
        .records(&doc(records))
        .send()
        .await
        .expect("import");
    let (u, seen) = recording_client(&emu);
    let mut pages = u.history().list().change("create").limit(500).pages();
    let mut sizes = Vec::new();
    let mut ids = HashSet::new();
    let mut total = None;
    while let Some(page) = pages.next().await {
        let page = page.expect("page");
        total = total.or(page.total_count);
        sizes.push(page.entries.len());
        ids.extend(page.entries.iter().map(|e| e.id));
    }
    let total = total.expect("getTotalCount asked on the first page") as usize;
    assert!(total >= 230, "{total}");
    assert_eq!(ids.len(), total, "every entry once");
    assert!(sizes.iter().all(|&s| s <= 100), "{sizes:?}");
    assert_eq!(sizes.len(), total.div_ceil(100), "{sizes:?}");
    let seen = seen.lock().unwrap();
    assert!(
        seen.iter().all(|q| param(q, "limit") == Some("100")),
        "{seen:?}"
    );
    assert_eq!(param(&seen[0], "getTotalCount"), Some("true"));
    assert_eq!(param(&seen[1], "start"), Some("100"));
}

#[tokio::test]
async fn imagenweb_search_pages_too() {
    let emu = common::start().await;
    add_records(&emu, "Webpaged", 12);
    let (u, seen) = recording_client(&emu);
    let ids: HashSet<i64> = u
        .web()
        .search(r#"WHERE Title = "Webpaged""#)
        .num_records(5)
        .items()
        .map(|r| r.expect("record").id)
        .collect()
        .await;
    assert_eq!(ids.len(), 12);
    assert_eq!(seen.lock().unwrap().len(), 3);
}
