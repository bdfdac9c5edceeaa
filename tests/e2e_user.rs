//! End to end, user context: the generated client sends the API key and a
//! bearer token issued by the emulator (`issue_token_for` + `StaticToken`;
//! the real OAuth dance is in `e2e_oauth.rs`), over real HTTP on loopback.
//! Answers are the vendor's XML documents (JSON where the endpoint offers
//! it and the session prefers it); imports are typed Imagen XML documents
//! followed through their `DatabaseJob` task; jobs are `CISXMLDocument`s.

mod common;

use std::sync::atomic::Ordering;
use std::time::Duration;

use common::{
    api, app, client, code, counting_session, doc, field, ids, imported_ids, imported_media,
    media_object, message, new_record, poll_import, static_token, user_client, user_client_in,
};
use imagen::api::Client;
use imagen::api::types::{
    ImportRecord, JobDocument, JobInput, JobState, MediaType, RecordMedia, UsageType, User,
    WebSearchResult,
};
use imagen::oauth::OAuthError;
use imagen::wire::Format;
use imagen::{Auth, Error, Method};
use imagen_emulator::{Emulator, Failure, MediaSpec, WorkflowSpec};

imagen::scopes!(pub JobsApp = ModifyUsersData, CreateJobs);

const READ: &[&str] = &["readUsersData"];
const READ_MODIFY: &[&str] = &["readUsersData", "modifyUsersData"];
const JOBS: &[&str] = &["modifyUsersData", "createJobs"];

/// Sends a body-less user-context request to the mcc host through
/// `Session::raw` (bypassing the client's scope types) that must fail.
async fn raw_user_err(s: &imagen::Session, method: Method, path: &str) -> Error {
    s.raw(method, "mcc", path)
        .auth(Auth::User)
        .send()
        .await
        .unwrap_err()
}

/// A user client for `zoe` whose scope set and token allow jobs.
fn jobs_client(
    emu: &Emulator,
    creds: &imagen_emulator::Credentials,
    format: Format,
) -> Client<JobsApp, imagen::scope::UserContext> {
    let s = common::builder(emu, creds)
        .answer_format(format)
        .build()
        .unwrap();
    Client::new(s)
        .with_scopes::<JobsApp>()
        .for_user(static_token(emu, creds, "zoe", JOBS))
}

/// The IDs of the records a search finds.
async fn search_ids(
    u: &Client<imagen::api::scopes::DefaultScopes, imagen::scope::UserContext>,
    query: &str,
) -> Vec<i64> {
    let r = u
        .records()
        .search(query)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{query}: {e}"));
    assert_eq!(r.total_hits as usize, r.records.len(), "{query}: one page");
    ids(&r.records)
}

/// The stats' job list of the emulator's admin API.
async fn admin_jobs(emu: &Emulator) -> Vec<serde_json::Value> {
    common::stats(emu).await["jobs"]
        .as_array()
        .expect("jobs listed")
        .clone()
}

#[tokio::test]
async fn user_current_is_the_authorizing_user() {
    let emu = common::start().await;
    let creds = app(&emu, "Who", &[]);
    let zoe = user_client(&emu, &creds, "zoe", READ)
        .user()
        .current()
        .send()
        .await
        .unwrap();
    assert_eq!((zoe.user_id, zoe.username.as_str()), (1, "zoe"));
    assert_eq!(zoe.email_address.as_deref(), Some("zoe@example.invalid"));
    assert_eq!(zoe.user_type, Some(0), "a number");
    assert_eq!(zoe.create_record_quota, Some(-1));
    assert_eq!(
        zoe.access_rights.as_deref(),
        Some(
            &[
                "Create records".to_string(),
                "Import records".into(),
                "Create collections".into(),
                "Manage jobs".into(),
                "Delete records".into(),
                "Developer access".into(),
                "Manage workflows".into(),
            ][..]
        )
    );

    let kenji = user_client(&emu, &creds, "kenji", READ)
        .user()
        .current()
        .send()
        .await
        .unwrap();
    assert_eq!((kenji.user_id, kenji.username.as_str()), (2, "kenji"));
    assert_eq!(kenji.create_record_quota, Some(1000));
    assert_eq!(
        kenji.access_rights.unwrap_or_default(),
        ["Create records", "Create collections", "Add to basket"]
    );
}

#[tokio::test]
async fn rights_list_names_every_right_with_its_id() {
    let emu = common::start().await;
    let creds = app(&emu, "Rights", &[]);
    let u = user_client(&emu, &creds, "ana", READ);
    let rights = u.rights().list().send().await.unwrap();
    assert_eq!(rights.len(), 24, "{rights:?}");
    let first = &rights[0];
    assert_eq!(
        (first.id, first.name.as_str()),
        (1, "Database and services configuration")
    );
    let last = rights.last().unwrap();
    assert_eq!((last.id, last.name.as_str()), (28, "Subscription tiers"));
    let ids: Vec<i64> = rights.iter().map(|r| r.id).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "{ids:?}");
    assert!(
        !ids.contains(&8) && !ids.contains(&9),
        "the numbering has gaps"
    );
    let by_id = |id: i64| rights.iter().find(|r| r.id == id).map(|r| r.name.as_str());
    assert_eq!(by_id(4), Some("Create records"));
    assert_eq!(
        by_id(19),
        Some("Create clip downloads on behalf of another user")
    );

    // Every right a user holds is one of the installation's.
    let me = user_client(&emu, &creds, "zoe", READ)
        .user()
        .current()
        .send()
        .await
        .unwrap();
    for held in me.access_rights.iter().flatten() {
        assert!(rights.iter().any(|r| &r.name == held), "{held}");
    }

    // User context only: a signature is not enough.
    let e = raw_user_err(
        &common::session(&emu, &creds).application_context(),
        Method::Get,
        "/imcc/v1/rights",
    )
    .await;
    assert!(matches!(e, Error::Config { .. }), "{e:?}");
    let e = common::session(&emu, &creds)
        .raw(Method::Get, "mcc", "/imcc/v1/rights")
        .auth(Auth::Application)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Forbidden { .. }), "{e:?}");
}

#[tokio::test]
async fn records_search_with_conditions_order_and_limit() {
    let emu = common::start().await;
    let creds = app(&emu, "Search", &[]);
    let u = user_client(&emu, &creds, "zoe", READ);

    let r = u
        .records()
        .search("WHERE Location = 'Bergen' AND Type = 'Video'")
        .send()
        .await
        .unwrap();
    assert_eq!(r.total_hits, 1);
    assert_eq!(ids(&r.records), [5]);
    assert_eq!(r.records[0].fields["Title"], "Harbour timelapse");
    assert_eq!(r.records[0].fields["Category"], "Harbour,Timelapse");
    assert!(
        !r.records[0].can_edit,
        "the token grants readUsersData only"
    );
    assert_eq!(r.records[0].media_objects, None, "not asked for");

    let r = u
        .records()
        .search("WHERE Location = 'Bergen' ORDER BY Rating DESC")
        .send()
        .await
        .unwrap();
    assert_eq!(ids(&r.records), [1, 5, 7]);
    let r = u
        .records()
        .search("where location = 'bergen' order by Rating asc limit 2")
        .send()
        .await
        .unwrap();
    assert_eq!(ids(&r.records), [7, 5]);
    assert_eq!(r.total_hits, 2);

    // With includeMedia each record lists its media objects.
    let r = u
        .records()
        .search("WHERE ID = 6")
        .include_media(true)
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.records[0].media_objects.as_deref(),
        Some(
            &[RecordMedia {
                id: 106,
                media_type: Some(MediaType::Audio)
            }][..]
        )
    );

    // A bad query is the server's 400, pointing at the position.
    let e = u
        .records()
        .search("WHERE Title = 'unterminated")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Status { .. }), "{e:?}");
    assert_eq!(e.status(), Some(400));
    assert!(message(&e).starts_with("Invalid query at position"), "{e}");
}

/// IQL text in double quotes (`""` inside is a quote) and `null`, which
/// matches empty fields; `'…'` with `''` finds the same records.
#[tokio::test]
async fn iql_double_quoted_text_and_null() {
    let emu = common::start().await;
    let creds = app(&emu, "IQL", &[]);
    let u = user_client(&emu, &creds, "zoe", READ_MODIFY);

    assert_eq!(
        search_ids(&u, r#"WHERE Title = "Zoë at the harbour""#).await,
        [1]
    );
    assert_eq!(search_ids(&u, r#"WHERE Location = "東京""#).await, [2]);
    // Summary is empty on records 2, 4, 6 and 7.
    assert_eq!(search_ids(&u, "WHERE Summary = null").await, [2, 4, 6, 7]);
    assert_eq!(search_ids(&u, "WHERE Summary != NULL").await, [1, 3, 5, 8]);
    assert_eq!(
        search_ids(&u, r#"WHERE Category = null AND Type = "Image""#).await,
        [7]
    );

    // A title with both kinds of quote, imported then found both ways.
    let title = r#"Say "hi" — it's 東京"#;
    let job = u
        .import()
        .records(&doc(vec![new_record(&[("Title", title)])]))
        .send()
        .await
        .unwrap();
    assert_eq!(imported_ids(&job), [9]);
    assert_eq!(
        search_ids(&u, r#"WHERE Title = "Say ""hi"" — it's 東京""#).await,
        [9]
    );
    assert_eq!(
        search_ids(&u, r#"WHERE Title = 'Say "hi" — it''s 東京'"#).await,
        [9]
    );
    let web = u
        .web()
        .search(r#"WHERE Title = "Say ""hi"" — it's 東京" AND Summary = null"#)
        .send()
        .await
        .unwrap();
    assert_eq!(ids(&web.records), [9]);
    assert_eq!(web.records[0].fields["Title"], title);

    // `null` has no order.
    let e = u
        .records()
        .search("WHERE Rating > null")
        .send()
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(400), "{e:?}");
    assert!(message(&e).starts_with("Invalid query at position"), "{e}");
}

/// Error answers of XML resources are the XML failure document: the
/// client reads its `Code`, `Message` and `Details`. A raw request asks for
/// JSON and gets the same error without a `Code`.
#[tokio::test]
async fn xml_error_answers_carry_code_message_and_details() {
    let emu = common::start().await;
    let creds = app(&emu, "Errors", &[]);
    let u = user_client(&emu, &creds, "zoe", READ);

    let query = "WHERE Title = 'Zoë' AND";
    let e = u.records().search(query).send().await.unwrap_err();
    assert!(matches!(e, Error::Status { .. }), "{e:?}");
    let a = api(&e);
    assert_eq!(a.status, 400);
    assert_eq!(a.code.as_deref(), Some("400"));
    let msg = a.message.as_deref().unwrap();
    assert!(msg.starts_with("Invalid query at position "), "{msg}");
    assert_eq!(
        a.details.as_deref(),
        Some(query),
        "the query, Unicode intact"
    );
    let shown = e.to_string();
    assert!(
        shown.contains("[code 400]") && shown.contains(msg),
        "{shown}"
    );

    let raw = u
        .session()
        .raw(
            Method::Get,
            "mcc",
            "/imcc/v1/record/search?query=WHERE%20Title%20%3D%20%27Zo%C3%AB%27%20AND",
        )
        .auth(Auth::User)
        .send()
        .await
        .unwrap_err();
    let r = api(&raw);
    assert_eq!(
        (r.status, r.message.as_deref(), r.details.as_deref()),
        (400, Some(msg), Some(query))
    );
    assert_eq!(r.code, None, "JSON error documents have no Code");

    let e = u
        .import()
        .status("F4DCC517-83DA-4ce9-9AD2-24E9EB3444E2")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
    assert_eq!(message(&e), "Import job not found.");
    assert_eq!(code(&e), Some("404"));
    assert_eq!(
        api(&e).details.as_deref(),
        Some(
            "No import job 'F4DCC517-83DA-4ce9-9AD2-24E9EB3444E2' started by this user and application."
        )
    );
}

#[tokio::test]
async fn records_search_pages_with_num_records_start_and_search_id() {
    let emu = common::start().await;
    let creds = app(&emu, "Pages", &[]);
    let u = user_client(&emu, &creds, "zoe", READ_MODIFY);

    let first = u
        .records()
        .search("WHERE Rating > 2")
        .num_records(4)
        .send()
        .await
        .unwrap();
    assert_eq!(first.total_hits, 6);
    assert_eq!(ids(&first.records), [1, 2, 3, 5]);
    assert!(first.records.iter().all(|r| r.can_edit));
    assert_eq!(first.search_id.len(), 36, "{}", first.search_id);

    let second = u
        .records()
        .search("WHERE Rating > 2")
        .num_records(4)
        .start(4)
        .search_id(&first.search_id)
        .send()
        .await
        .unwrap();
    assert_eq!(second.search_id, first.search_id);
    assert_eq!(second.total_hits, 6);
    assert_eq!(ids(&second.records), [6, 8]);

    // Another user cannot page through zoe's search.
    let e = user_client(&emu, &creds, "ana", READ)
        .records()
        .search("WHERE Rating > 2")
        .start(4)
        .search_id(&first.search_id)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
    assert_eq!(message(&e), "Unknown searchID.");
}

#[tokio::test]
async fn records_get_in_user_context_uses_the_token_scopes() {
    let emu = common::start().await;
    let creds = app(&emu, "Get", &[]);
    let reader = user_client(&emu, &creds, "zoe", READ);
    let editor = user_client(&emu, &creds, "zoe", READ_MODIFY);

    let r = reader.records().get(6).send().await.unwrap();
    assert_eq!(r.fields["Title"], "Interview: Ana Núñez");
    assert!(!r.can_edit);
    let r = editor.records().get(6).send().await.unwrap();
    assert!(r.can_edit);
    // The same client in application context: signed, the app's scopes.
    let r = editor
        .as_application()
        .records()
        .get(6)
        .send()
        .await
        .unwrap();
    assert_eq!(r.fields["Location"], "Madrid");
    assert!(r.can_edit);
}

/// ImagenWeb's search names the calling user; it offers JSON, and a
/// JSON-preferring session gets the same values as from the XML answer.
#[tokio::test]
async fn web_search_names_the_user_in_xml_and_json() {
    let emu = common::start().await;
    let creds = app(&emu, "Web", &[]);
    let xml = user_client(&emu, &creds, "kenji", READ);
    let json = user_client_in(&emu, &creds, "kenji", READ, Format::Json);

    let r = xml
        .web()
        .search("WHERE Title = 'Sunset'")
        .send()
        .await
        .unwrap();
    assert_eq!(r.total_hits, 1);
    assert_eq!(r.records[0].id, 7);
    assert_eq!(r.records[0].fields["Description"], "Sunset over the fjord");
    assert_eq!(r.user, Some(2), "kenji's user ID");

    let same = |a: &WebSearchResult, b: &WebSearchResult| {
        assert_eq!(
            (a.total_hits, a.user, &a.records),
            (b.total_hits, b.user, &b.records)
        );
        assert_ne!(a.search_id, b.search_id, "two searches");
    };
    for (query, media) in [
        ("WHERE Title = 'Sunset'", false),
        ("WHERE Type = 'Video' ORDER BY ID DESC", true),
        ("WHERE Title = \"東京タワー\"", true),
    ] {
        let from_xml = xml
            .web()
            .search(query)
            .include_media(media)
            .num_records(2)
            .send()
            .await
            .unwrap();
        let from_json = json
            .web()
            .search(query)
            .include_media(media)
            .num_records(2)
            .send()
            .await
            .unwrap();
        same(&from_xml, &from_json);
        assert!(!from_json.records.is_empty(), "{query}");
        assert_eq!(from_json.user, Some(2));
        for r in &from_json.records {
            assert_eq!(r.media_objects.is_some(), media, "{query}: {r:?}");
            assert_eq!(r.fields.len(), 12, "every schema field: {r:?}");
        }
    }
    let videos = json
        .web()
        .search("WHERE Type = 'Video' ORDER BY ID DESC")
        .num_records(2)
        .include_media(true)
        .send()
        .await
        .unwrap();
    assert_eq!(videos.total_hits, 4);
    assert_eq!(ids(&videos.records), [8, 5]);
    let media: Vec<i64> = videos
        .records
        .iter()
        .flat_map(|r| r.media_objects.iter().flatten())
        .map(|m| m.id)
        .collect();
    assert_eq!(media, [108, 105]);
    assert_eq!(
        json.web()
            .search("WHERE Title = '東京タワー'")
            .send()
            .await
            .unwrap()
            .records[0]
            .fields["Title"],
        "東京タワー"
    );
}

const UNICODE_TITLE: &str = "Zoë — 東京タワー 🎞️";
const DESCRIPTION: &str = "Crème brûlée & 夜景 <b> — ½ \"quoted\" 'apos' ]]> end";

/// The imported values, by field.
const IMPORTED: &[(&str, &str)] = &[
    ("Title", UNICODE_TITLE),
    ("Description", DESCRIPTION),
    ("Location", "Ålesund"),
    ("Category", "Fjord,Café,夜景"),
];

fn assert_imported(r: &imagen::api::types::Record) {
    for (name, want) in IMPORTED {
        assert_eq!(field(r, name), *want, "{name}");
        assert_eq!(field(r, name).as_bytes(), want.as_bytes(), "{name}");
    }
    for empty in ["Date", "Summary", "Rating", "Type"] {
        assert_eq!(field(r, empty), "", "{empty}");
    }
    assert_eq!(field(r, "guid").len(), 36, "filled in by the server");
    assert!(!field(r, "imagenLastRecordChange").is_empty());
}

/// A synchronous import (no `timeout`) answers the completed task; the
/// records it created are found with their Unicode values intact.
#[tokio::test]
async fn import_synchronously_round_trips_unicode() {
    let emu = common::start().await;
    let creds = app(&emu, "Import", &[]);
    let u = user_client(&emu, &creds, "zoe", READ_MODIFY);
    let document = doc(vec![
        new_record(IMPORTED),
        new_record(&[("Title", "Второй"), ("Summary", "  padded\ttab  ")]),
    ]);

    let job = u.import().records(&document).send().await.unwrap();
    assert_eq!(job.state, JobState::Completed);
    assert_eq!(job.state.code(), 2);
    assert_eq!(job.job_type, 2);
    assert_eq!(job.progress, Some(100.0));
    assert_eq!(job.guid.len(), 36, "{job:?}");
    assert_eq!(imported_ids(&job), [9, 10]);
    assert_eq!(job.import.as_ref().unwrap().num_records, Some(2));
    let failed = job.failed_import.as_ref().expect("FailedImport");
    assert_eq!(failed.num_records, Some(0));
    assert!(failed.records.iter().flatten().next().is_none());
    assert_eq!(
        job.error.as_ref().and_then(|e| e.message.as_deref()),
        Some(""),
        "an empty Error"
    );
    assert_eq!(imported_media(&job), [(vec![], 0), (vec![], 0)]);

    // The title is found by an exact match, in either quoting.
    let hits = u
        .records()
        .search(&format!("WHERE Title = \"{UNICODE_TITLE}\""))
        .send()
        .await
        .unwrap();
    assert_eq!(ids(&hits.records), [9]);
    assert_imported(&hits.records[0]);
    assert_eq!(
        search_ids(&u, &format!("WHERE Title = '{UNICODE_TITLE}'")).await,
        [9]
    );
    let got = u.records().get(9).send().await.unwrap();
    assert_imported(&got);
    assert_eq!(got.fields, hits.records[0].fields);
    let web = u
        .web()
        .search(&format!(
            "WHERE Description = \"{}\"",
            DESCRIPTION.replace('"', "\"\"")
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(ids(&web.records), [9]);
    assert_eq!(web.records[0].fields, hits.records[0].fields);
    let second = u.records().get(10).send().await.unwrap();
    assert_eq!(second.fields["Title"], "Второй");
    assert_eq!(
        second.fields["Summary"], "  padded\ttab  ",
        "white space kept"
    );

    // The finished task stays readable, by the token's user only.
    let status = u.import().status(&job.guid).send().await.unwrap();
    assert_eq!(status, job);
    let e = user_client(&emu, &creds, "kenji", READ)
        .import()
        .status(&job.guid)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
    assert_eq!(message(&e), "Import job not found.");
    // GUIDs compare case-insensitively.
    let lower = u
        .import()
        .status(&job.guid.to_lowercase())
        .send()
        .await
        .unwrap();
    assert_eq!(lower.guid, job.guid);
}

/// `timeout(0)`: the server answers at once with the waiting task; status
/// reads then see it Waiting, Processing (the records are imported now)
/// and Completed.
#[tokio::test]
async fn import_with_timeout_zero_is_followed_to_completion() {
    let emu = common::start().await;
    let creds = app(&emu, "Async", &[]);
    let u = user_client(&emu, &creds, "ana", READ_MODIFY);
    let title = "Async — Ærø 🚢 “quoted”";
    let query = format!("WHERE Title = \"{title}\"");

    let started = u
        .import()
        .records(&doc(vec![new_record(&[
            ("Title", title),
            ("Location", "Ærøskøbing"),
        ])]))
        .timeout(0)
        .send()
        .await
        .unwrap();
    assert_eq!(started.state, JobState::Waiting);
    assert_eq!(started.job_type, 2);
    assert_eq!(started.progress, Some(0.0));
    assert_eq!(started.import.as_ref().unwrap().num_records, Some(1));
    assert_eq!(imported_ids(&started), Vec::<i64>::new(), "nothing yet");
    assert!(search_ids(&u, &query).await.is_empty(), "not imported yet");

    let read = |expect: JobState| {
        let u = u.clone();
        let guid = started.guid.clone();
        async move {
            let job = u.import().status(&guid).send().await.unwrap();
            assert_eq!((job.guid.as_str(), job.state), (guid.as_str(), expect));
            job
        }
    };
    read(JobState::Waiting).await;
    assert!(search_ids(&u, &query).await.is_empty());
    let processing = read(JobState::Processing).await;
    assert_eq!(processing.progress, Some(50.0));
    assert_eq!(imported_ids(&processing), [9]);
    assert_eq!(
        search_ids(&u, &query).await,
        [9],
        "imported while processing"
    );
    let done = read(JobState::Completed).await;
    assert_eq!(done.progress, Some(100.0));
    assert_eq!(imported_ids(&done), [9]);
    assert_eq!(done.failed_import.as_ref().unwrap().num_records, Some(0));
    assert_eq!(read(JobState::Completed).await, done, "it stays completed");

    let r = u.records().get(9).send().await.unwrap();
    assert_eq!(r.fields["Title"], title);
    assert_eq!(r.fields["Location"], "Ærøskøbing");

    // The bounded polling helper sees the same three states.
    let again = u
        .import()
        .records(&doc(vec![new_record(&[("Title", "Zweiter Versuch ß")])]))
        .timeout(0)
        .send()
        .await
        .unwrap();
    let (states, last) = poll_import(&u, &again.guid, 10).await;
    assert_eq!(
        states,
        [JobState::Waiting, JobState::Processing, JobState::Completed]
    );
    assert_eq!(imported_ids(&last), [10]);
}

/// Deleting a task that is still waiting stops it: its records are never
/// created. A task already processing keeps its effect. The answer is the
/// task as it was before.
#[tokio::test]
async fn import_delete_of_a_waiting_task_stops_it() {
    let emu = common::start().await;
    let creds = app(&emu, "Cancel", &[]);
    let u = user_client(&emu, &creds, "zoe", READ_MODIFY);
    let title = "Never imported — 決して";

    let waiting = u
        .import()
        .records(&doc(vec![new_record(&[("Title", title)])]))
        .timeout(0)
        .send()
        .await
        .unwrap();
    assert_eq!(waiting.state, JobState::Waiting);
    // Another user's token cannot delete it.
    let e = user_client(&emu, &creds, "kenji", READ_MODIFY)
        .import()
        .delete(&waiting.guid)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");

    let deleted = u.import().delete(&waiting.guid).send().await.unwrap();
    assert_eq!(deleted.guid, waiting.guid);
    assert_eq!(
        deleted.state,
        JobState::Waiting,
        "the state before deletion"
    );
    assert_eq!(imported_ids(&deleted), Vec::<i64>::new());
    let e = u.import().status(&waiting.guid).send().await.unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
    assert_eq!(message(&e), "Import job not found.");
    let e = u.import().delete(&waiting.guid).send().await.unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
    assert!(
        search_ids(&u, &format!("WHERE Title = '{title}'"))
            .await
            .is_empty(),
        "the stopped task imported nothing"
    );
    assert!(
        matches!(u.records().get(9).send().await, Err(Error::NotFound { .. })),
        "no record 9"
    );

    // A task that is processing still completes its work.
    let running = u
        .import()
        .records(&doc(vec![new_record(&[("Title", "Kept — 保持")])]))
        .timeout(0)
        .send()
        .await
        .unwrap();
    for want in [JobState::Waiting, JobState::Processing] {
        let s = u.import().status(&running.guid).send().await.unwrap();
        assert_eq!(s.state, want);
    }
    let deleted = u.import().delete(&running.guid).send().await.unwrap();
    assert_eq!(deleted.state, JobState::Processing);
    assert_eq!(imported_ids(&deleted), [9]);
    assert_eq!(search_ids(&u, "WHERE Title = 'Kept — 保持'").await, [9]);
    assert!(u.import().status(&running.guid).send().await.is_err());

    // A synchronous task can be removed after the fact.
    let sync = u
        .import()
        .records(&doc(vec![new_record(&[("Title", "Sync")])]))
        .send()
        .await
        .unwrap();
    let deleted = u.import().delete(&sync.guid).send().await.unwrap();
    assert_eq!(deleted, sync);
}

#[tokio::test]
async fn import_updates_by_search_field_or_id_and_writes_history() {
    let emu = common::start().await;
    let creds = app(&emu, "Update", &[]);
    let u = user_client(&emu, &creds, "ana", READ_MODIFY);
    let job = u
        .import()
        .records(&doc(vec![new_record(&[
            ("Title", "Sunset"),
            ("Rating", "5"),
        ])]))
        .search_field("Title")
        .send()
        .await
        .unwrap();
    assert_eq!(job.state, JobState::Completed);
    assert_eq!(imported_ids(&job), [7]);
    let r = u.records().get(7).send().await.unwrap();
    assert_eq!(r.fields["Rating"], "5");
    assert_eq!(r.fields["Location"], "Bergen", "other fields kept");

    let h = u
        .history()
        .list()
        .record_id(7)
        .change("edit")
        .user_id(3)
        .send()
        .await
        .unwrap();
    assert_eq!(h.entries.len(), 1, "{h:?}");
    assert_eq!(
        h.entries[0].description.as_deref(),
        Some("Imported into record 7")
    );

    // By record ID; a new field name extends the schema.
    let by_id = ImportRecord {
        id: 7,
        ..new_record(&[("Summary", "Ålesund → Bergen"), ("Photographer", "Zoë")])
    };
    let job = u.import().records(&doc(vec![by_id])).send().await.unwrap();
    assert_eq!(imported_ids(&job), [7]);
    let r = u.records().get(7).send().await.unwrap();
    assert_eq!(r.fields["Summary"], "Ålesund → Bergen");
    assert_eq!(r.fields["Photographer"], "Zoë");
    assert_eq!(
        r.fields.keys().last().map(String::as_str),
        Some("Photographer")
    );
    assert_eq!(
        u.records().get(1).send().await.unwrap().fields["Photographer"],
        ""
    );

    // An unknown record ID refuses the whole document.
    let unknown = ImportRecord {
        id: 999,
        ..new_record(&[("Title", "x")])
    };
    let e = u
        .import()
        .records(&doc(vec![new_record(&[("Title", "not created")]), unknown]))
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
    assert_eq!(message(&e), "Record not found.");
    assert_eq!(code(&e), Some("404"));
    assert!(
        search_ids(&u, "WHERE Title = 'not created'")
            .await
            .is_empty()
    );
}

/// `records_with_mapping` sends any document through a mapping file; the
/// emulator has only `NativeImagenXML`, and refuses other documents.
#[tokio::test]
async fn import_through_a_mapping_and_refused_documents() {
    let emu = common::start().await;
    let creds = app(&emu, "Mapping", &[]);
    let u = user_client(&emu, &creds, "zoe", READ_MODIFY);

    let xml = "<Records><ImagenRecord ID=\"-1\"><Fields>\
               <Title>Mapped — マップ</Title>\
               <Summary><![CDATA[<raw> & CDATA]]></Summary>\
               </Fields></ImagenRecord></Records>";
    let job = u
        .import()
        .records_with_mapping("NativeImagenXML", xml)
        .send()
        .await
        .unwrap();
    assert_eq!(
        (job.state, imported_ids(&job)),
        (JobState::Completed, vec![9])
    );
    let r = u.records().get(9).send().await.unwrap();
    assert_eq!(r.fields["Title"], "Mapped — マップ");
    assert_eq!(r.fields["Summary"], "<raw> & CDATA");

    let e = u
        .import()
        .records_with_mapping("NoSuchMapping", xml)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Status { .. }), "{e:?}");
    assert_eq!(message(&e), "Unknown mapping file 'NoSuchMapping'.");
    assert_eq!(code(&e), Some("400"));

    for (body, msg) in [
        (
            "<Records><Record><Field name=\"Title\">Old</Field></Record></Records>",
            "Expected <Records> with <ImagenRecord> children (Imagen XML).",
        ),
        (
            "<Records><ImagenRecord ID=\"-1\"><Fields><Title>x</Fields></ImagenRecord></Records>",
            "The request body is not well-formed XML.",
        ),
    ] {
        let e = u
            .import()
            .records_with_mapping("NativeImagenXML", body)
            .send()
            .await
            .unwrap_err();
        assert!(matches!(e, Error::Status { .. }), "{body}: {e:?}");
        assert_eq!(message(&e), msg, "{body}");
        assert_eq!(code(&e), Some("400"));
    }
    assert!(matches!(
        u.records().get(10).send().await,
        Err(Error::NotFound { .. })
    ));
}

/// `workflow`, `X-Imagen-Pathprefix`, `onlyProcessNew` and `matchMediaBy`
/// reach the emulator: media are created only with a workflow, under the
/// prefixed file name, and reprocessed only when asked.
#[tokio::test]
async fn import_options_reach_the_emulator() {
    let emu = common::start().await;
    let creds = app(&emu, "Options", &[]);
    let u = user_client(&emu, &creds, "kenji", READ_MODIFY);
    let clip = |id: i64, mid: i64, file: &str| {
        doc(vec![ImportRecord {
            id,
            media_objects: Some(vec![media_object(mid, MediaType::Video, file)]),
            ..new_record(&[("Title", "Clip — クリップ")])
        }])
    };

    // Without a workflow, the record is imported and its media ignored.
    let job = u
        .import()
        .records(&clip(-1, -1, "ignored.mpg"))
        .path_prefix("/mnt/ignored/")
        .send()
        .await
        .unwrap();
    assert_eq!(imported_media(&job), [(vec![], 0)]);
    let r = u
        .records()
        .search("WHERE ID = 9")
        .include_media(true)
        .send()
        .await
        .unwrap();
    assert_eq!(r.records[0].media_objects.as_deref(), Some(&[][..]));

    // With a workflow and a path prefix: a media object with the prefixed
    // file and a store job, followed asynchronously.
    let prefix = r"\\share\videos\record_";
    let started = u
        .import()
        .records(&clip(9, -1, "01234.mpg"))
        .workflow("Transcode to H.264")
        .path_prefix(prefix)
        .timeout(0)
        .send()
        .await
        .unwrap();
    let (_, job) = poll_import(&u, &started.guid, 10).await;
    assert_eq!(job.state, JobState::Completed);
    assert_eq!(imported_media(&job), [(vec![109], 1)]);
    let store_job = &job.import.as_ref().unwrap().records.as_ref().unwrap()[0]
        .media
        .as_ref()
        .unwrap()
        .store_jobs[0]
        .id;
    assert_eq!(store_job.len(), 36, "a GUID: {store_job}");
    let full = format!("{prefix}01234.mpg");
    assert_eq!(
        search_ids(&u, &format!("WHERE media.filename = '{full}'")).await,
        [9],
        "the prefix is prepended as plain text"
    );
    assert!(
        search_ids(&u, "WHERE media.filename = '01234.mpg'")
            .await
            .is_empty()
    );
    let r = u
        .records()
        .search("WHERE ID = 9")
        .include_media(true)
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.records[0].media_objects.as_deref(),
        Some(
            &[RecordMedia {
                id: 109,
                media_type: Some(MediaType::Video)
            }][..]
        )
    );
    let h = u
        .history()
        .list()
        .query("109")
        .change("create")
        .send()
        .await
        .unwrap();
    assert_eq!(h.entries.len(), 1, "{h:?}");
    assert_eq!(
        h.entries[0].description.as_deref(),
        Some("Imported media 109 (record_01234.mpg)")
    );
    assert_eq!((h.entries[0].record_id, h.entries[0].user_id), (Some(9), 2));

    // The same media object and file: onlyProcessNew skips the store job...
    let same = clip(9, 109, &full);
    let job = u
        .import()
        .records(&same)
        .workflow("Transcode to H.264")
        .only_process_new(true)
        .send()
        .await
        .unwrap();
    assert_eq!(imported_media(&job), [(vec![109], 0)]);
    // ...which runs without it, or with onlyProcessNew=0.
    for only_new in [None, Some(false)] {
        let mut import = u.import().records(&same).workflow("Transcode to H.264");
        if let Some(v) = only_new {
            import = import.only_process_new(v);
        }
        let job = import.send().await.unwrap();
        assert_eq!(imported_media(&job), [(vec![109], 1)], "{only_new:?}");
    }
    // A new file is processed even with onlyProcessNew.
    let job = u
        .import()
        .records(&clip(9, 109, "https://media.example/v2/record_01234.mpg"))
        .workflow("Transcode to H.264")
        .only_process_new(true)
        .send()
        .await
        .unwrap();
    assert_eq!(imported_media(&job), [(vec![109], 1)]);
    assert_eq!(
        search_ids(
            &u,
            "WHERE media.filename = 'https://media.example/v2/record_01234.mpg'"
        )
        .await,
        [9]
    );

    // matchMediaBy: by name the existing media object is re-ingested, or
    // with allownew a new one is created anyway.
    let by_name = clip(9, -1, "https://other.example/record_01234.mpg");
    let job = u
        .import()
        .records(&by_name)
        .workflow("Transcode to H.264")
        .match_media_by("name,disallowNew")
        .send()
        .await
        .unwrap();
    assert_eq!(imported_media(&job), [(vec![109], 1)]);
    let job = u
        .import()
        .records(&by_name)
        .workflow("Transcode to H.264")
        .match_media_by("name,allownew")
        .send()
        .await
        .unwrap();
    assert_eq!(imported_media(&job), [(vec![110], 1)]);

    // The header carries a prefix with non-ASCII characters as UTF-8.
    let job = u
        .import()
        .records(&clip(9, -1, "clip.mov"))
        .workflow("Transcode to H.264")
        .path_prefix("/mnt/アーカイブ/Zoë/")
        .send()
        .await
        .unwrap();
    assert_eq!(imported_media(&job), [(vec![111], 1)]);
    assert_eq!(
        search_ids(&u, "WHERE media.filename = '/mnt/アーカイブ/Zoë/clip.mov'").await,
        [9]
    );

    // A workflow added by the administrator, named by its GUID in lower case.
    let guid = emu
        .add_workflow(WorkflowSpec::new("Ingest — 東京").usage_type("OnIngest"))
        .unwrap();
    let job = u
        .import()
        .records(&clip(-1, -1, "tokyo.mxf"))
        .workflow(&guid.to_lowercase())
        .send()
        .await
        .unwrap();
    assert_eq!(imported_ids(&job), [10]);
    assert_eq!(imported_media(&job), [(vec![112], 1)]);

    // An unknown workflow refuses the import before anything changes.
    let e = u
        .import()
        .records(&clip(-1, -1, "nope.mpg"))
        .workflow("Nope")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Status { .. }), "{e:?}");
    assert_eq!(message(&e), "Unknown workflow 'Nope'.");
    assert_eq!(code(&e), Some("400"));
    assert!(
        search_ids(&u, "WHERE media.filename = 'nope.mpg'")
            .await
            .is_empty()
    );
    assert!(matches!(
        u.records().get(11).send().await,
        Err(Error::NotFound { .. })
    ));
}

/// Imports and jobs create data: the client never sends them twice. A
/// 503 is reported at once (an idempotent read is retried through it),
/// and a timeout leaves the outcome unknown.
#[tokio::test]
async fn imports_and_jobs_are_not_sent_twice() {
    let emu = common::start().await;
    let creds = app(
        &emu,
        "Once",
        &["readUsersData", "modifyUsersData", "createJobs"],
    );
    let (s, attempts) = counting_session(&emu, &creds);
    let u = Client::new(s)
        .with_scopes::<JobsApp>()
        .for_user(static_token(&emu, &creds, "zoe", JOBS));
    let one = doc(vec![new_record(&[("Title", "Once — 一度")])]);
    let started = u.import().records(&one).timeout(0).send().await.unwrap();
    let n0 = attempts.load(Ordering::SeqCst);
    assert_eq!(n0, 1);

    emu.faults().fail_next(2, Failure::Unavailable);
    let e = u.import().records(&one).send().await.unwrap_err();
    assert!(matches!(e, Error::Server { .. }), "{e:?}");
    assert_eq!(e.status(), Some(503));
    assert_eq!(attempts.load(Ordering::SeqCst), n0 + 1, "not retried");
    assert_eq!(common::faults_now(&emu).await["fail_next"]["count"], 1);
    // The status read is retried through the remaining fault.
    let status = u.import().status(&started.guid).send().await.unwrap();
    assert_eq!(status.state, JobState::Waiting);
    assert_eq!(attempts.load(Ordering::SeqCst), n0 + 3);

    let job = JobDocument {
        database_id: 1,
        workflow: "Order DVD".into(),
        job_name: "Once".into(),
        resource_group: None,
        priority: 1,
        client_id: None,
        inputs: vec![JobInput {
            input_type: "Int".into(),
            sub_type: "Record_ID".into(),
            slot: -1,
            value: "1".into(),
        }],
    };
    emu.faults().fail_next(1, Failure::Unavailable);
    let e = u.jobs().create(&job).send().await.unwrap_err();
    assert_eq!(e.status(), Some(503), "{e:?}");
    assert_eq!(attempts.load(Ordering::SeqCst), n0 + 4);
    assert!(admin_jobs(&emu).await.is_empty());

    // No answer in time: the outcome is unknown, and nothing is resent.
    let slow_attempts = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let seen = slow_attempts.clone();
    let slow = common::builder(&emu, &creds)
        .timeout(Duration::from_millis(300))
        .on_request(move |_| {
            seen.fetch_add(1, Ordering::SeqCst);
        })
        .build()
        .unwrap();
    let u = Client::new(slow)
        .with_scopes::<JobsApp>()
        .for_user(static_token(&emu, &creds, "zoe", JOBS));
    emu.faults().latency(Duration::from_secs(2));
    let e = u.import().records(&one).send().await.unwrap_err();
    match &e {
        Error::OutcomeUnknown {
            endpoint,
            source,
            hint,
        } => {
            assert_eq!(*endpoint, "import.records");
            assert!(matches!(**source, Error::Timeout { .. }), "{source:?}");
            assert!(
                hint.is_some_and(|h| h.starts_with("Before importing again")),
                "{hint:?}"
            );
        }
        other => panic!("expected OutcomeUnknown, got {other:?}"),
    }
    assert!(e.to_string().contains("not sent again"), "{e}");
    assert_eq!(slow_attempts.load(Ordering::SeqCst), 1);
    let e = u.jobs().create(&job).send().await.unwrap_err();
    assert!(
        matches!(
            &e,
            Error::OutcomeUnknown {
                endpoint: "jobs.create",
                ..
            }
        ),
        "{e:?}"
    );
    assert_eq!(slow_attempts.load(Ordering::SeqCst), 2);
    emu.faults().clear();
}

#[tokio::test]
async fn path_arguments_stay_one_segment() {
    let emu = common::start().await;
    let creds = app(&emu, "Segments", &[]);
    let u = user_client(&emu, &creds, "zoe", READ_MODIFY);
    for evil in [
        "../../core/v1/application?x#y",
        "a/b",
        "?query=x",
        "#frag",
        "%2e%2e",
        "Zoë 東京 🎞️",
    ] {
        let e = u.import().status(evil).send().await.unwrap_err();
        assert!(matches!(e, Error::NotFound { .. }), "{evil}: {e:?}");
        assert_eq!(message(&e), "Import job not found.", "{evil}");
        let details = api(&e).details.clone().unwrap_or_default();
        assert!(
            details.contains(&format!("'{evil}'")),
            "{evil}: the route saw {details:?}"
        );
        // The mapping file of an import likewise.
        let e = u
            .import()
            .records_with_mapping(evil, "<Records/>")
            .send()
            .await
            .unwrap_err();
        assert!(matches!(e, Error::Status { .. }), "{evil}: {e:?}");
        assert_eq!(message(&e), format!("Unknown mapping file '{evil}'."));
    }
}

#[tokio::test]
async fn jobs_create_and_workflows_list_need_create_jobs() {
    let emu = common::start().await;
    let creds = app(&emu, "Jobs", &["modifyUsersData", "createJobs"]);
    let u = jobs_client(&emu, &creds, Format::Xml);

    let wf = u.workflows().list().send().await.unwrap();
    assert_eq!(wf.len(), 5);
    let names: Vec<&str> = wf.iter().map(|w| w.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Ingest video",
            "Transcode to H.264",
            "Regenerate key images",
            "Order DVD",
            "Tag images"
        ]
    );
    for w in &wf {
        let groups: Vec<usize> = w.id.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12], "a GUID: {}", w.id);
    }
    assert_eq!(wf[0].usage_type, UsageType::OnIngest);
    assert_eq!(wf[1].usage_type, UsageType::GeneralUse);
    assert_eq!(wf[2].usage_type, UsageType::RegenerateKeyImages);
    assert_eq!(wf[4].usage_type, UsageType::Task);
    assert_eq!(
        wf[1].description.as_deref(),
        Some("Make an H.264 rendition — für das Web")
    );
    assert_eq!(wf[0].date_created.as_deref(), Some("2020-01-10T12:00:00"));
    assert_eq!(
        wf[3].media_types.as_deref(),
        Some(&["Video".to_string(), "Image".into()][..])
    );
    let ext: serde_json::Value =
        serde_json::from_str(wf[0].file_extensions.as_deref().unwrap()).unwrap();
    assert_eq!(ext[0]["Video"], "mov,mp4,mxf,video/quicktime,video/mp4");
    assert_eq!(wf[2].file_extensions.as_deref(), Some(""));
    assert_eq!((wf[0].can_clip, wf[0].clip_only), (Some(true), Some(false)));

    let job = JobDocument {
        database_id: 1,
        workflow: "Transcode to H.264".into(),
        job_name: "Zoë's re-encode — 東京 & <more>".into(),
        resource_group: Some("Transcoders".into()),
        priority: 2,
        client_id: Some("zoe@example.invalid".into()),
        inputs: vec![
            JobInput {
                input_type: "Int".into(),
                sub_type: "Record_ID".into(),
                slot: -1,
                value: "2".into(),
            },
            JobInput {
                input_type: "Int".into(),
                sub_type: "Media_ID-Video".into(),
                slot: -2,
                value: "102".into(),
            },
        ],
    };
    let guid = u.jobs().create(&job).send().await.unwrap();
    assert_eq!(guid.len(), 36, "{guid}");
    let jobs = admin_jobs(&emu).await;
    assert_eq!(jobs.len(), 1, "{jobs:?}");
    assert_eq!(jobs[0]["GUID"], guid);
    assert_eq!(jobs[0]["JobName"], "Zoë's re-encode — 東京 & <more>");
    assert_eq!(jobs[0]["WorkflowID"], wf[1].id.as_str());
    assert_eq!(jobs[0]["Priority"], 2);
    assert_eq!(jobs[0]["ResourceGroup"], "Transcoders");
    assert_eq!(jobs[0]["ClientID"], "zoe@example.invalid");
    assert_eq!(
        jobs[0]["Inputs"],
        serde_json::json!([
            {"sub-type": "Record_ID", "value": 2},
            {"sub-type": "Media_ID-Video", "value": 102}
        ])
    );
    assert_eq!(jobs[0]["UserID"], 1);
    assert_eq!(jobs[0]["APIKey"], creds.api_key.as_str());

    // The workflow may be named by its ID.
    let by_id = JobDocument {
        workflow: wf[4].id.clone(),
        inputs: vec![JobInput {
            sub_type: "Media_ID-Image".into(),
            value: "107".into(),
            ..job.inputs[0].clone()
        }],
        ..job.clone()
    };
    let second = u.jobs().create(&by_id).send().await.unwrap();
    assert_ne!(second, guid);
    assert_eq!(admin_jobs(&emu).await.len(), 2);

    // Refusals: the emulator's 400 with its message, details and Code.
    let unknown = JobDocument {
        workflow: "No such workflow".into(),
        ..job.clone()
    };
    let e = u.jobs().create(&unknown).send().await.unwrap_err();
    assert!(matches!(e, Error::Status { .. }), "{e:?}");
    assert_eq!(e.status(), Some(400));
    assert_eq!(message(&e), "Unknown workflow 'No such workflow'.");
    assert_eq!(code(&e), Some("400"));
    assert_eq!(
        api(&e).details.as_deref(),
        Some("Give the name or ID of a workflow listed by GET /imcc/v1/workflows.")
    );
    let wrong_type = JobDocument {
        inputs: vec![JobInput {
            sub_type: "Media_ID-Audio".into(),
            ..job.inputs[1].clone()
        }],
        ..job.clone()
    };
    let e = u.jobs().create(&wrong_type).send().await.unwrap_err();
    assert_eq!(
        message(&e),
        "Media 102 is Video, not Media_ID-Audio (input -2)."
    );
    let bad_priority = JobDocument {
        priority: 5,
        ..job.clone()
    };
    let e = u.jobs().create(&bad_priority).send().await.unwrap_err();
    assert_eq!(message(&e), "Invalid job document.");
    assert_eq!(
        api(&e).details.as_deref(),
        Some("Priority '5' is not 1, 2 or 3.")
    );
    assert_eq!(
        admin_jobs(&emu).await.len(),
        2,
        "no job from a refused document"
    );
}

/// Workflows are offered in XML and JSON: equal values either way, also
/// for a workflow the administrator added.
#[tokio::test]
async fn workflows_in_xml_and_json_give_equal_values() {
    let emu = common::start().await;
    let creds = app(&emu, "Workflows", &["modifyUsersData", "createJobs"]);
    let mut spec = WorkflowSpec::new("Sous-titres — 字幕")
        .usage_type("task")
        .media_types(&["Video", "Subtitles"]);
    spec.description = "Burn in subtitles — „quoted“ & <tags>".into();
    spec.file_extensions = vec![("Subtitles".into(), "srt,vtt,text/vtt".into())];
    spec.can_clip = true;
    spec.clip_only = true;
    let id = emu.add_workflow(spec).unwrap();

    let from_xml = jobs_client(&emu, &creds, Format::Xml)
        .workflows()
        .list()
        .send()
        .await
        .unwrap();
    let from_json = jobs_client(&emu, &creds, Format::Json)
        .workflows()
        .list()
        .send()
        .await
        .unwrap();
    assert_eq!(from_xml.len(), 6);
    assert_eq!(from_xml, from_json);
    let added = &from_json[5];
    assert_eq!(added.id, id);
    assert_eq!(added.name, "Sous-titres — 字幕");
    assert_eq!(added.usage_type, UsageType::Task);
    assert_eq!(
        added.description.as_deref(),
        Some("Burn in subtitles — „quoted“ & <tags>")
    );
    assert_eq!(
        added.media_types.as_deref(),
        Some(&["Video".to_string(), "Subtitles".into()][..])
    );
    assert_eq!(
        added.file_extensions.as_deref(),
        Some(r#"[{"Subtitles":"srt,vtt,text/vtt"}]"#)
    );
    assert_eq!((added.can_clip, added.clip_only), (Some(true), Some(true)));
    let created = added.date_created.as_deref().unwrap();
    assert_eq!((created.len(), &created[10..11]), (19, "T"), "{created}");
}

/// The type-level check cannot see what the administrator granted: an
/// application without `createJobs` is refused by the server, whatever
/// the token asked for.
#[tokio::test]
async fn server_refuses_a_scope_the_application_lacks() {
    let emu = common::start().await;
    let creds = app(&emu, "No jobs", &[]);
    let token = static_token(&emu, &creds, "zoe", &["readUsersData", "createJobs"]);
    let s = client(&emu, &creds).for_user(token).session().clone();
    let e = raw_user_err(&s, Method::Get, "/imcc/v1/workflows").await;
    match &e {
        Error::MissingScope { scope, api } => {
            assert_eq!(scope.as_deref(), Some("createJobs"));
            assert_eq!(api.status, 403);
        }
        other => panic!("expected MissingScope, got {other:?}"),
    }

    // Granted to the application, the same token now works; workflows
    // offer JSON, which a raw request asks for.
    emu.grant_scope(&creds.api_key, "createJobs").unwrap();
    let list = s
        .raw(Method::Get, "mcc", "/imcc/v1/workflows")
        .auth(Auth::User)
        .send_json()
        .await
        .unwrap();
    let items = list["Workflows"]["Workflow"].as_array().expect("{list}");
    assert_eq!(items.len(), 5);
    assert_eq!(items[0]["Name"], "Ingest video");

    // A token without the scope is refused although the application has it.
    let narrow = static_token(&emu, &creds, "zoe", READ);
    let e = client(&emu, &creds)
        .for_user(narrow)
        .session()
        .raw(Method::Put, "mcc", "/imcc/v1/job")
        .auth(Auth::User)
        .idempotent(false)
        .body(
            imagen::XML_UTF8,
            "<CISXMLDocument><Workflow>Order DVD</Workflow></CISXMLDocument>",
        )
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(&e, Error::MissingScope { scope: Some(s), .. } if s == "createJobs"),
        "{e:?}"
    );
    assert!(admin_jobs(&emu).await.is_empty());
}

/// Raw requests ask for JSON; resources that answer XML only answer XML
/// anyway, and the raw answer decodes by the description's element path.
#[tokio::test]
async fn raw_requests_get_xml_from_xml_only_resources() {
    let emu = common::start().await;
    let creds = app(&emu, "Raw", &[]);
    let u = user_client(&emu, &creds, "kenji", READ);
    let user = u
        .session()
        .raw(Method::Get, "mcc", "/imcc/v1/user")
        .auth(Auth::User)
        .send()
        .await
        .unwrap();
    assert_eq!(user.format(), Format::Xml);
    let text = user.text().unwrap();
    assert!(text.starts_with("<?xml"), "{text}");
    let me: User = user.xml("Response/Result/User").unwrap();
    assert_eq!((me.user_id, me.username.as_str()), (2, "kenji"));
    let e = u
        .session()
        .raw(Method::Get, "mcc", "/imcc/v1/user")
        .auth(Auth::User)
        .send_json()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Decode { status: 200, .. }), "{e:?}");

    // The ImagenWeb search offers JSON: a raw request gets it.
    let web = u
        .session()
        .raw(
            Method::Get,
            "web",
            "/iweb/v1/search?query=WHERE%20ID%20%3D%207",
        )
        .auth(Auth::User)
        .send()
        .await
        .unwrap();
    assert_eq!(web.format(), Format::Json);
    let page: WebSearchResult = web.json_in("").unwrap();
    assert_eq!((ids(&page.records), page.user), (vec![7], Some(2)));
}

#[tokio::test]
async fn application_endpoint_with_a_bearer_token_is_refused() {
    let emu = common::start().await;
    let creds = app(&emu, "Bearer", &[]);
    let u = user_client(&emu, &creds, "zoe", READ);
    let e = raw_user_err(u.session(), Method::Get, "/core/v1/application").await;
    assert!(matches!(e, Error::Forbidden { .. }), "{e:?}");
    assert_eq!(
        message(&e),
        "This resource requires application authentication."
    );
    // The typed path signs it instead.
    let got = u.as_application().application().get().send().await.unwrap();
    assert_eq!(got.name, "Bearer");
}

#[tokio::test]
async fn a_token_of_another_application_or_disabled_application_is_refused() {
    let emu = common::start().await;
    let mine = app(&emu, "Mine", &[]);
    let other = app(&emu, "Other", &[]);
    let foreign = static_token(&emu, &other, "zoe", READ);
    let e = client(&emu, &mine)
        .for_user(foreign)
        .user()
        .current()
        .send()
        .await
        .unwrap_err();
    // A StaticToken cannot be refreshed: the runtime says so.
    assert!(
        matches!(e, Error::OAuth(OAuthError::ReauthorizationRequired { .. })),
        "{e:?}"
    );

    let u = user_client(&emu, &mine, "zoe", READ);
    emu.set_enabled(&mine.api_key, false).unwrap();
    let e = u.user().current().send().await.unwrap_err();
    assert!(matches!(e, Error::ApplicationDisabled { .. }), "{e:?}");
    assert_eq!(code(&e), Some("403"));
    emu.set_enabled(&mine.api_key, true).unwrap();
    assert_eq!(u.user().current().send().await.unwrap().username, "zoe");
}

#[tokio::test]
async fn media_delete_then_again_is_not_found() {
    let emu = common::start().await;
    let creds = app(&emu, "Delete", &[]);
    let u = user_client(&emu, &creds, "kenji", READ_MODIFY);

    let done = u.media().delete(104, true).send().await.unwrap();
    assert_eq!(done, "success");
    let e = u.media().delete(104, true).send().await.unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
    assert_eq!(message(&e), "Media not found.");
    assert_eq!(code(&e), Some("404"));

    let h = u
        .history()
        .list()
        .query("104")
        .change("delete")
        .send()
        .await
        .unwrap();
    assert_eq!(h.entries.len(), 1, "{h:?}");
    assert_eq!(h.entries[0].record_id, Some(4));
    assert_eq!(h.entries[0].media_id, Some(104));
    assert_eq!(h.entries[0].user_id, 2);
    assert_eq!(
        h.entries[0].description.as_deref(),
        Some("Deleted media 104 (creme.jpg)")
    );

    // The same in JSON, for a session that prefers it.
    let json = user_client_in(&emu, &creds, "kenji", READ_MODIFY, Format::Json);
    assert_eq!(
        json.media().delete(105, false).send().await.unwrap(),
        "success"
    );
    let e = json.media().delete(105, false).send().await.unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
    assert_eq!((message(&e).as_str(), code(&e)), ("Media not found.", None));

    // deleteSegments: `false` keeps the media's segments, `true` deletes them.
    let kept = emu
        .add_media(MediaSpec::new(3, "Video", "reel-part1.mov").segment_of(103))
        .unwrap();
    let gone = emu
        .add_media(MediaSpec::new(8, "Video", "press-part1.mov").segment_of(108))
        .unwrap();
    u.media().delete(103, false).send().await.unwrap();
    u.media().delete(108, true).send().await.unwrap();
    let u2 = user_client(&emu, &creds, "kenji", READ);
    assert_eq!(
        search_ids(&u2, &format!("WHERE media.ID = {kept}")).await,
        [3]
    );
    assert!(
        search_ids(&u2, &format!("WHERE media.ID = {gone}"))
            .await
            .is_empty()
    );
    let h = u
        .history()
        .list()
        .query(&gone.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(
        h.entries[0].description.as_deref(),
        Some(format!("Deleted segment {gone} of media 108").as_str())
    );

    // The token's scopes decide: a read-only token may not delete.
    let reader = user_client(&emu, &creds, "kenji", READ);
    let e = raw_user_err(reader.session(), Method::Delete, "/imcc/v1/media/106/0").await;
    assert!(
        matches!(&e, Error::MissingScope { scope: Some(s), .. } if s == "modifyUsersData"),
        "{e:?}"
    );
}

#[tokio::test]
async fn history_list_with_options() {
    let emu = common::start().await;
    let creds = app(&emu, "History", &[]);
    let u = user_client(&emu, &creds, "zoe", READ);

    let asc = u
        .history()
        .list()
        .record_id(1)
        .sort("modifiedDate asc")
        .get_total_count(true)
        .limit(1)
        .send()
        .await
        .unwrap();
    assert_eq!(asc.total_count, Some(2));
    assert_eq!(asc.entries.len(), 1);
    assert_eq!(asc.entries[0].change, "create");
    assert_eq!(asc.entries[0].media_id, Some(101));
    assert_eq!(asc.entries[0].modified_date, "2021-01-01 09:00:00");
    let next = u
        .history()
        .list()
        .record_id(1)
        .sort("modifiedDate asc")
        .limit(1)
        .start(1)
        .send()
        .await
        .unwrap();
    assert_eq!(next.total_count, None, "not asked for");
    assert_eq!(next.entries[0].change, "edit");
    assert_eq!(next.entries[0].media_id, None);
    assert_eq!(
        next.entries[0].description.as_deref(),
        Some("Edited the title of record 1: Zoë at the harbour")
    );

    // Newest first by default; filters combine.
    let by_kenji = u
        .history()
        .list()
        .user_id(2)
        .get_total_count(true)
        .send()
        .await
        .unwrap();
    assert_eq!(by_kenji.total_count, Some(4));
    let recs: Vec<Option<i64>> = by_kenji.entries.iter().map(|e| e.record_id).collect();
    assert_eq!(recs, [Some(5), Some(8), Some(5), Some(2)]);
    assert!(by_kenji.entries.iter().all(|e| e.user_id == 2));

    let e = u
        .history()
        .list()
        .change("rename")
        .send()
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(400));
    assert_eq!(message(&e), "Invalid value for parameter 'type'.");
    assert_eq!(code(&e), Some("400"));
}

#[tokio::test]
async fn profiles_list_from_a_user_client() {
    let emu = common::start().await;
    let creds = app(&emu, "Profiles", &[]);
    let u = user_client(&emu, &creds, "zoe", READ);
    let v = u
        .profiles()
        .list()
        .profile_type("Original")
        .send()
        .await
        .unwrap();
    let got: Vec<(i64, &str)> = v.iter().map(|p| (p.id, p.usage.as_str())).collect();
    assert_eq!(got, [(1, "Video"), (5, "Image"), (6, "Audio")]);
    let v = u.profiles().list().usage("Video").send().await.unwrap();
    let got: Vec<&str> = v.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(got, ["Original video", "H.264 720p"]);
}

/// The searches' `timeout` setters (MediaControlCentre and ImagenWeb) go
/// on the wire as `timeout=<n>` and the emulator reads the parameter: it
/// accepts the number the setter sends and refuses a value that is not one
/// (the emulator keeps no request log, so its validation is the evidence
/// that it sees the parameter at all).
#[tokio::test]
async fn search_timeout_setters_reach_the_emulator() {
    let emu = common::start().await;
    let creds = app(&emu, "Search timeout", &[]);
    let urls = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = urls.clone();
    let s = common::builder(&emu, &creds)
        .on_request(move |r| seen.lock().unwrap().push(r.url().clone()))
        .build()
        .unwrap();
    let u = Client::new(s).for_user(static_token(&emu, &creds, "kenji", READ));
    let r = u
        .records()
        .search("WHERE ID = 7")
        .timeout(5)
        .send()
        .await
        .unwrap();
    assert_eq!(ids(&r.records), [7]);
    let w = u
        .web()
        .search("WHERE ID = 7")
        .timeout(9)
        .send()
        .await
        .unwrap();
    assert_eq!(ids(&w.records), [7]);
    let sent: Vec<(String, Option<String>)> = urls
        .lock()
        .unwrap()
        .iter()
        .map(|u| {
            let timeout = u
                .query_pairs()
                .find(|(k, _)| k == "timeout")
                .map(|(_, v)| v.into_owned());
            (u.path().to_owned(), timeout)
        })
        .collect();
    assert_eq!(
        sent,
        [
            ("/imcc/v1/record/search".to_owned(), Some("5".to_owned())),
            ("/iweb/v1/search".to_owned(), Some("9".to_owned())),
        ]
    );

    let raw = u.session();
    for path in [
        "/imcc/v1/record/search?query=WHERE%20ID%20%3D%207&timeout=soon",
        "/iweb/v1/search?query=WHERE%20ID%20%3D%207&timeout=soon",
    ] {
        let host = if path.starts_with("/iweb") {
            "web"
        } else {
            "mcc"
        };
        let e = raw
            .raw(Method::Get, host, path)
            .auth(Auth::User)
            .send()
            .await
            .unwrap_err();
        assert_eq!(e.status(), Some(400), "{path}: {e:?}");
        assert_eq!(
            message(&e),
            "Invalid value for parameter 'timeout'.",
            "{path}"
        );
    }
}
