//! End to end, user context: the generated client sends the API key and a
//! bearer token issued by the emulator (`issue_token_for` + `StaticToken`;
//! the real OAuth dance is in `e2e_oauth.rs`), over real HTTP on loopback.

mod common;

use std::collections::BTreeMap;

use common::{app, client, ids, message, static_token, user_client};
use imagen::api::types::{JobState, ProfileType, ProfileUsage, UsageType};
use imagen::{Auth, Error, Method};

imagen::scopes!(pub JobsApp = ModifyUsersData, CreateJobs);

const READ: &[&str] = &["readUsersData"];
const READ_MODIFY: &[&str] = &["readUsersData", "modifyUsersData"];

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
    assert_eq!(zoe.user_type.as_deref(), Some("Administrator"));
    assert_eq!(zoe.create_record_quota, Some(1000));

    let kenji = user_client(&emu, &creds, "kenji", READ)
        .user()
        .current()
        .send()
        .await
        .unwrap();
    assert_eq!((kenji.user_id, kenji.username.as_str()), (2, "kenji"));
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
    assert!(
        !r.records[0].can_edit,
        "the token grants readUsersData only"
    );

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
    assert!(!first.search_id.is_empty());

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

#[tokio::test]
async fn web_search_has_downloads_and_the_user() {
    let emu = common::start().await;
    let creds = app(&emu, "Web", &[]);
    let u = user_client(&emu, &creds, "kenji", READ);
    let r = u
        .web()
        .search("WHERE Title = 'Sunset'")
        .send()
        .await
        .unwrap();
    assert_eq!(r.total_hits, 1);
    assert_eq!(r.records[0].id, 7);
    assert_eq!(r.records[0].fields["Description"], "Sunset over the fjord");
    let downloads = r.records[0].downloads.as_ref().expect("Downloads");
    assert_eq!(downloads.len(), 1);
    assert_eq!(downloads[0].profile, "JPEG thumbnail");
    assert_eq!(
        downloads[0].url,
        format!("{}/iweb/v1/download/107/JPEG%20thumbnail", emu.web_url())
    );
    let user = r.user.expect("User");
    assert_eq!((user.user_id, user.username.as_str()), (2, "kenji"));

    let r = u
        .web()
        .search("WHERE Type = 'Video' ORDER BY ID DESC")
        .num_records(2)
        .send()
        .await
        .unwrap();
    assert_eq!(r.total_hits, 4);
    let got: Vec<i64> = r.records.iter().map(|r| r.id).collect();
    assert_eq!(got, [8, 5]);
    let profiles: Vec<&str> = r.records[0]
        .downloads
        .iter()
        .flatten()
        .map(|d| d.profile.as_str())
        .collect();
    assert_eq!(profiles, ["H.264 720p", "JPEG thumbnail"]);
}

const UNICODE_TITLE: &str = "Zoë — 東京タワー 🎞️";

#[tokio::test]
async fn import_round_trips_unicode_and_status_advances() {
    let emu = common::start().await;
    let creds = app(&emu, "Import", &[]);
    let u = user_client(&emu, &creds, "zoe", READ_MODIFY);
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Records>\
         <Record><Field name=\"Title\">{UNICODE_TITLE}</Field>\
         <Field name=\"Description\">Crème brûlée &amp; 夜景 &lt;b&gt; — ½</Field>\
         <Field name=\"Location\">Ålesund</Field></Record>\
         <Record><Field name=\"Title\">Второй</Field></Record></Records>"
    );

    let started = u
        .import()
        .records("NativeImagenXML", xml)
        .send()
        .await
        .unwrap();
    assert_eq!(started.record_ids.as_deref(), Some(&[9, 10][..]));
    assert_eq!(started.job_guid.len(), 36);

    let mut states = Vec::new();
    for _ in 0..3 {
        let job = u.import().status(&started.job_guid).send().await.unwrap();
        assert_eq!(job.guid, started.job_guid);
        assert_eq!(job.job_type, "Import");
        assert_eq!(job.record_ids.as_deref(), Some(&[9, 10][..]));
        states.push(job.state);
    }
    assert_eq!(
        states,
        [JobState::Pending, JobState::Running, JobState::Finished]
    );

    // The title is found by an exact match and comes back byte for byte.
    let hits = u
        .records()
        .search(&format!("WHERE Title = '{UNICODE_TITLE}'"))
        .send()
        .await
        .unwrap();
    assert_eq!(ids(&hits.records), [9]);
    let want: BTreeMap<String, String> = [
        ("Title", UNICODE_TITLE),
        ("Description", "Crème brûlée & 夜景 <b> — ½"),
        ("Location", "Ålesund"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    assert_eq!(hits.records[0].fields, want);
    assert_eq!(
        hits.records[0].fields["Title"].as_bytes(),
        UNICODE_TITLE.as_bytes()
    );
    let got = u.records().get(9).send().await.unwrap();
    assert_eq!(got.fields, want);
    let web = u
        .web()
        .search(&format!("WHERE Title = '{UNICODE_TITLE}'"))
        .send()
        .await
        .unwrap();
    assert_eq!(web.records[0].fields, want);
    let second = u.records().get(10).send().await.unwrap();
    assert_eq!(second.fields["Title"], "Второй");

    // The job is readable only by the token's user.
    let e = user_client(&emu, &creds, "kenji", READ)
        .import()
        .status(&started.job_guid)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
}

#[tokio::test]
async fn import_with_search_field_updates_and_writes_history() {
    let emu = common::start().await;
    let creds = app(&emu, "Update", &[]);
    let u = user_client(&emu, &creds, "ana", READ_MODIFY);
    let xml = "<Records><Record><Field name=\"Title\">Sunset</Field>\
               <Field name=\"Rating\">5</Field></Record></Records>";
    let started = u
        .import()
        .records("NativeImagenXML", xml)
        .search_field("Title")
        .send()
        .await
        .unwrap();
    assert_eq!(started.record_ids.as_deref(), Some(&[7][..]));
    let r = u.records().get(7).send().await.unwrap();
    assert_eq!(r.fields["Rating"], "5");
    assert_eq!(r.fields["Location"], "Bergen");

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

    // An unknown mapping file is the import route's 404.
    let e = u
        .import()
        .records("NoSuchMapping", xml)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
    assert_eq!(message(&e), "Unknown mapping file.");
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
        let details = e.api().unwrap().details.clone().unwrap_or_default();
        assert!(
            details.contains(&format!("'{evil}'")),
            "{evil}: the route saw {details:?}"
        );
    }
    // The mapping file of an import likewise.
    let e = u
        .import()
        .records("../job", "<Records/>")
        .send()
        .await
        .unwrap_err();
    assert_eq!(message(&e), "Unknown mapping file.");
}

#[tokio::test]
async fn jobs_create_and_workflows_list_need_create_jobs() {
    let emu = common::start().await;
    let creds = app(&emu, "Jobs", &["modifyUsersData", "createJobs"]);
    let token = static_token(&emu, &creds, "zoe", &["modifyUsersData", "createJobs"]);
    let u = client(&emu, &creds)
        .with_scopes::<JobsApp>()
        .for_user(token);

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
    assert_eq!(wf[1].usage_type, UsageType::GeneralUse);
    assert_eq!(
        wf[1].description.as_deref(),
        Some("Make an H.264 rendition — für das Web")
    );
    assert_eq!(wf[4].usage_type, UsageType::Task);
    assert_eq!(
        wf[0].file_extensions.as_deref(),
        Some(&["mov".to_string(), "mp4".into(), "mxf".into()][..])
    );
    assert_eq!(wf[0].can_clip, Some(true));

    let job = u
        .jobs()
        .create(
            "<Job><DatabaseID>1</DatabaseID><Workflow>Transcode to H.264</Workflow>\
             <JobName>Zoë's re-encode — 東京</JobName><Priority>2</Priority>\
             <Inputs><Media>102</Media></Inputs></Job>",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(job.guid.len(), 36);
    let stats = common::stats(&emu).await;
    let jobs = stats["jobs"].as_array().unwrap();
    assert_eq!(jobs.len(), 1, "{stats}");
    assert_eq!(jobs[0]["GUID"], job.guid);
    assert_eq!(jobs[0]["JobName"], "Zoë's re-encode — 東京");
    assert_eq!(jobs[0]["WorkflowID"], 2);
    assert_eq!(jobs[0]["UserID"], 1);
    assert_eq!(jobs[0]["APIKey"], creds.api_key.as_str());

    let e = u
        .jobs()
        .create("<Job><Workflow>99</Workflow><Priority>1</Priority></Job>")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
    assert_eq!(message(&e), "Workflow not found.");
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
    let e = s
        .raw(Method::Get, "mcc", "/imcc/v1/workflows")
        .auth(Auth::User)
        .send()
        .await
        .unwrap_err();
    match &e {
        Error::MissingScope { scope, api } => {
            assert_eq!(scope.as_deref(), Some("createJobs"));
            assert_eq!(api.status, 403);
        }
        other => panic!("expected MissingScope, got {other:?}"),
    }

    // Granted to the application, the same token now works.
    emu.grant_scope(&creds.api_key, "createJobs").unwrap();
    let list = s
        .raw(Method::Get, "mcc", "/imcc/v1/workflows")
        .auth(Auth::User)
        .send_json()
        .await
        .unwrap();
    assert_eq!(list.as_array().map(Vec::len), Some(5));

    // A token without the scope is refused although the application has it.
    let narrow = static_token(&emu, &creds, "zoe", READ);
    let e = client(&emu, &creds)
        .for_user(narrow)
        .session()
        .raw(Method::Put, "mcc", "/imcc/v1/job")
        .auth(Auth::User)
        .body(imagen::XML_UTF8, "<Job><Workflow>1</Workflow></Job>")
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(&e, Error::MissingScope { scope: Some(s), .. } if s == "createJobs"),
        "{e:?}"
    );
}

#[tokio::test]
async fn application_endpoint_with_a_bearer_token_is_refused() {
    let emu = common::start().await;
    let creds = app(&emu, "Bearer", &[]);
    let u = user_client(&emu, &creds, "zoe", READ);
    let e = u
        .session()
        .raw(Method::Get, "mcc", "/core/v1/application")
        .auth(Auth::User)
        .send()
        .await
        .unwrap_err();
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
    assert!(matches!(e, Error::ReauthorizationRequired { .. }), "{e:?}");

    let u = user_client(&emu, &mine, "zoe", READ);
    emu.set_enabled(&mine.api_key, false).unwrap();
    let e = u.user().current().send().await.unwrap_err();
    assert!(matches!(e, Error::ApplicationDisabled { .. }), "{e:?}");
    emu.set_enabled(&mine.api_key, true).unwrap();
    assert_eq!(u.user().current().send().await.unwrap().username, "zoe");
}

#[tokio::test]
async fn media_delete_then_again_is_not_found() {
    let emu = common::start().await;
    let creds = app(&emu, "Delete", &[]);
    let u = user_client(&emu, &creds, "kenji", READ_MODIFY);

    let done = u.media().delete(104, 1).send().await.unwrap();
    assert_eq!(done.result, "success");
    let e = u.media().delete(104, 1).send().await.unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
    assert_eq!(message(&e), "Media not found.");

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

    // The token's scopes decide: a read-only token may not delete.
    let e = user_client(&emu, &creds, "kenji", READ)
        .session()
        .raw(Method::Delete, "mcc", "/imcc/v1/media/105/0")
        .auth(Auth::User)
        .send()
        .await
        .unwrap_err();
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
    assert_eq!(asc.entries[0].modified_date, "2021-01-01T09:00:00Z");
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
}

#[tokio::test]
async fn profiles_list_from_a_user_client() {
    let emu = common::start().await;
    let creds = app(&emu, "Profiles", &[]);
    let u = user_client(&emu, &creds, "zoe", READ);
    let v = u
        .profiles()
        .list()
        .profile_type(ProfileType::Original)
        .send()
        .await
        .unwrap();
    let got: Vec<(i64, ProfileUsage)> = v.into_iter().map(|p| (p.id, p.usage)).collect();
    assert_eq!(
        got,
        [
            (1, ProfileUsage::Video),
            (5, ProfileUsage::Image),
            (6, ProfileUsage::Audio)
        ]
    );
    let v = u
        .profiles()
        .list()
        .usage(ProfileUsage::Video)
        .send()
        .await
        .unwrap();
    let got: Vec<&str> = v.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(got, ["Original video", "H.264 720p"]);
}
