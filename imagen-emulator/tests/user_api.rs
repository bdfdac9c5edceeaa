//! User-context resources: scopes, records, search, import, media, workflows,
//! profiles, user, history, UTF-8.

mod common;
use common::*;
use reqwest::Method;

async fn setup(
    scopes: &[&str],
) -> (
    imagen_emulator::Emulator,
    imagen_emulator::Credentials,
    String,
) {
    let emu = start().await;
    let app = installed_app(&emu, &["readUsersData", "modifyUsersData", "createJobs"]);
    let t = emu.issue_token_for(&app.api_key, "zoe", scopes).unwrap();
    (emu, app, t.access_token)
}

/// The user document's fields, in order. (It has no name field beyond the
/// ASCII `Username`: the users' full names, `Zoë Ødegård` and the like,
/// appear on the consent page only, and `oauth.rs` checks them there.)
#[tokio::test]
async fn current_user_fields_and_access_rights() {
    let (emu, app, tok) = setup(&["readUsersData"]).await;
    // JSON is asked for, but the resource is XML only.
    let resp = user_send(&emu, Method::GET, &app.api_key, &tok, "/imcc/v1/user").await;
    let doc = xml_ok(resp).await;
    assert_eq!(doc.name, "Response");
    let u = doc.at("Result/User");
    assert_eq!(
        u.names(),
        [
            "UserID",
            "Username",
            "UserType",
            "EmailAddress",
            "CreateRecordQuota",
            "AccessRights"
        ]
    );
    assert_eq!(u.text_at("UserID"), "1");
    assert_eq!(u.text_at("Username"), "zoe");
    assert_eq!(u.text_at("UserType"), "0");
    assert_eq!(u.text_at("EmailAddress"), "zoe@example.invalid");
    assert_eq!(u.text_at("CreateRecordQuota"), "-1");
    let rights: Vec<&str> = u
        .kid("AccessRights")
        .all("Right")
        .iter()
        .map(|r| r.text.as_str())
        .collect();
    assert_eq!(
        rights,
        [
            "Create records",
            "Import records",
            "Create collections",
            "Manage jobs",
            "Delete records",
            "Developer access",
            "Manage workflows",
        ]
    );
}

#[tokio::test]
async fn scope_refusals() {
    let emu = start().await;
    // The application lacks createJobs.
    let app = installed_app(&emu, &[]);
    let k = &app.api_key;
    let t = emu
        .issue_token_for(k, "zoe", &["readUsersData", "modifyUsersData"])
        .unwrap();
    let resp = user_send(&emu, Method::GET, k, &t.access_token, "/imcc/v1/workflows").await;
    let v = assert_error(
        resp,
        403,
        "The application lacks the scope 'createJobs' required by this resource.",
    )
    .await;
    assert!(
        v["Error"]["Details"]
            .as_str()
            .unwrap()
            .contains("administrator")
    );
    // Granted later: the same token works (scopes are read per request) only
    // if the token holds it too; a token with it works.
    emu.grant_scope(k, "createJobs").unwrap();
    let t2 = emu.issue_token_for(k, "zoe", &["createJobs"]).unwrap();
    let resp = user_send(&emu, Method::GET, k, &t2.access_token, "/imcc/v1/workflows").await;
    assert_eq!(resp.status(), 200);
    let v = json(resp).await;
    let list = v["Workflows"]["Workflow"].as_array().unwrap();
    assert_eq!(list.len(), 5);
    assert_eq!(list[0]["UsageType"], "OnIngest");
    assert_eq!(list[0]["CanClip"], true);
    assert_eq!(list[0]["MediaTypes"], "Video");
    assert_eq!(
        list[1]["Description"],
        "Make an H.264 rendition — für das Web"
    );
    // The token without the scope is refused even though the app has it.
    let resp = user_send(&emu, Method::GET, k, &t.access_token, "/imcc/v1/workflows").await;
    let v = assert_error(resp, 403, "The application lacks the scope 'createJobs'").await;
    assert!(
        v["Error"]["Details"]
            .as_str()
            .unwrap()
            .contains("access token")
    );
    // Revoking the scope takes effect at once.
    emu.revoke_scope(k, "createJobs").unwrap();
    let resp = user_send(&emu, Method::GET, k, &t2.access_token, "/imcc/v1/workflows").await;
    assert_error(resp, 403, "The application lacks the scope 'createJobs'").await;
}

#[tokio::test]
async fn modify_implies_read() {
    let (emu, app, tok) = setup(&["modifyUsersData"]).await;
    let resp = user_send(&emu, Method::GET, &app.api_key, &tok, "/imcc/v1/user").await;
    assert_eq!(resp.status(), 200);
}

#[tokio::test]
async fn bad_tokens_are_rejected() {
    let (emu, app, tok) = setup(&["readUsersData"]).await;
    let resp = user_send(&emu, Method::GET, &app.api_key, "garbage", "/imcc/v1/user").await;
    assert_error(resp, 401, imagen_emulator::MSG_TOKEN).await;
    // A token of another application.
    let other = installed_app(&emu, &[]);
    let resp = user_send(&emu, Method::GET, &other.api_key, &tok, "/imcc/v1/user").await;
    assert_error(resp, 401, imagen_emulator::MSG_TOKEN).await;
    // Disabled application with a valid token.
    emu.set_enabled(&app.api_key, false).unwrap();
    let resp = user_send(&emu, Method::GET, &app.api_key, &tok, "/imcc/v1/user").await;
    assert_error(resp, 403, imagen_emulator::MSG_DISABLED).await;
}

#[tokio::test]
async fn expired_token() {
    let emu = imagen_emulator::Emulator::builder()
        .token_lifetime(std::time::Duration::from_secs(2))
        .start("127.0.0.1:0")
        .await
        .unwrap();
    let app = installed_app(&emu, &[]);
    let k = &app.api_key;
    let t = emu.issue_token_for(k, "zoe", &["readUsersData"]).unwrap();
    assert_eq!(t.expires_in, 2);
    let resp = user_send(&emu, Method::GET, k, &t.access_token, "/imcc/v1/user").await;
    assert_eq!(resp.status(), 200);
    tokio::time::sleep(std::time::Duration::from_millis(2200)).await;
    let resp = user_send(&emu, Method::GET, k, &t.access_token, "/imcc/v1/user").await;
    let v = assert_error(resp, 401, imagen_emulator::MSG_TOKEN).await;
    assert_eq!(v["Error"]["Details"], "The token has expired.");
}

async fn search(
    emu: &imagen_emulator::Emulator,
    key: &str,
    tok: &str,
    path: &str,
    q: &str,
    extra: &str,
) -> reqwest::Response {
    let r = format!("{path}?query={}{extra}", enc(q));
    user_send(emu, Method::GET, key, tok, &r).await
}

/// The IDs of the records of a search answer, in order.
fn ids(v: &X) -> Vec<i64> {
    v.all("ImagenRecord")
        .iter()
        .map(|r| r.attr("ID").unwrap().parse().unwrap())
        .collect()
}

fn titles(v: &X) -> Vec<String> {
    v.all("ImagenRecord")
        .iter()
        .map(|r| r.text_at("Fields/Title").to_string())
        .collect()
}

fn total(v: &X) -> i64 {
    v.text_at("TotalHits").parse().unwrap()
}

#[tokio::test]
async fn search_iql_forms() {
    let (emu, app, tok) = setup(&["readUsersData"]).await;
    let k = &app.api_key;
    let p = "/imcc/v1/record/search";
    // Equality on non-ASCII text.
    let v = xml_ok(search(&emu, k, &tok, p, "WHERE Title = '東京タワー'", "").await).await;
    assert_eq!(v.name, "Records");
    assert_eq!(v.names(), ["SearchID", "TotalHits", "ImagenRecord"]);
    assert_eq!(total(&v), 1);
    assert_eq!(titles(&v), ["東京タワー"]);
    let r = v.kid("ImagenRecord");
    assert_eq!(r.attr("ID"), Some("2"));
    assert_eq!(r.attr("CanEdit"), Some("false"));
    assert_eq!(r.names(), ["Fields"], "no media without includeMedia");
    let f = r.kid("Fields");
    assert_eq!(
        f.names(),
        [
            "guid",
            "Title",
            "Date",
            "Summary",
            "Description",
            "Location",
            "Rating",
            "Category",
            "Type",
            "internal_guid",
            "CIS_ACLList",
            "imagenLastRecordChange"
        ]
    );
    assert_eq!(f.text_at("Category"), "Architecture,Night");
    assert_eq!(f.text_at("Summary"), "");
    assert_eq!(f.text_at("imagenLastRecordChange"), "2021-02-02 10:30:00");
    assert_eq!(f.text_at("guid").len(), 36);
    assert_eq!(v.text_at("SearchID").len(), 36);
    // AND, <, ORDER BY DESC.
    let v = xml_ok(
        search(
            &emu,
            k,
            &tok,
            p,
            "WHERE Location = 'Bergen' AND Rating > 1 ORDER BY Rating DESC",
            "",
        )
        .await,
    )
    .await;
    assert_eq!(titles(&v), ["Zoë at the harbour", "Harbour timelapse"]);
    // !=, <, ORDER BY ASC, LIMIT.
    let v = xml_ok(
        search(
            &emu,
            k,
            &tok,
            p,
            "WHERE Type != 'Video' AND Rating < 5 ORDER BY Title ASC LIMIT 2",
            "",
        )
        .await,
    )
    .await;
    assert_eq!(titles(&v), ["Crème brûlée", "Sunset"]);
    assert_eq!(total(&v), 2);
    // Special field media.State.
    let v = xml_ok(search(&emu, k, &tok, p, "WHERE media.State = 'Archived'", "").await).await;
    assert_eq!(total(&v), 2);
    // Emoji round trip.
    let v = xml_ok(
        search(
            &emu,
            k,
            &tok,
            p,
            "WHERE Title = '🎞️ Film reel'",
            "&includeMedia=true",
        )
        .await,
    )
    .await;
    assert_eq!(titles(&v), ["🎞️ Film reel"]);
    let r = v.kid("ImagenRecord");
    assert_eq!(r.names(), ["Fields", "MediaObjects"]);
    let m = r.at("MediaObjects/MediaObject");
    assert_eq!(m.attr("ID"), Some("103"));
    assert_eq!(m.attr("MediaType"), Some("Video"));
    // No match: the empty document.
    let v = xml_ok(search(&emu, k, &tok, p, "WHERE Title = 'nothing'", "").await).await;
    assert_eq!(v.names(), ["SearchID", "TotalHits"]);
    assert_eq!(total(&v), 0);
    // Bad query: 400 naming the position.
    let resp = search(&emu, k, &tok, p, "WHERE Title 'x'", "").await;
    let v = assert_error(resp, 400, "Invalid query at position 13").await;
    assert_eq!(v["Error"]["Details"], "WHERE Title 'x'");
    // Missing query.
    let resp = user_send(&emu, Method::GET, k, &tok, p).await;
    assert_error(resp, 400, "The parameter 'query' is required.").await;
}

#[tokio::test]
async fn search_paging_with_search_id() {
    let (emu, app, tok) = setup(&["modifyUsersData"]).await;
    let k = &app.api_key;
    let p = "/imcc/v1/record/search";
    let v = xml_ok(search(&emu, k, &tok, p, "ORDER BY ID ASC", "&numRecords=3").await).await;
    assert_eq!(total(&v), 8);
    assert_eq!(ids(&v), [1, 2, 3]);
    assert_eq!(v.kid("ImagenRecord").attr("CanEdit"), Some("true"));
    let sid = v.text_at("SearchID").to_string();
    // The searchID compares case-insensitively.
    let v = xml_ok(
        search(
            &emu,
            k,
            &tok,
            p,
            "ORDER BY ID ASC",
            &format!("&numRecords=3&start=6&searchID={}", sid.to_lowercase()),
        )
        .await,
    )
    .await;
    assert_eq!(ids(&v), [7, 8]);
    assert_eq!(v.text_at("SearchID"), sid);
    // start without searchID.
    let resp = search(&emu, k, &tok, p, "ORDER BY ID ASC", "&start=3").await;
    assert_error(resp, 400, "The parameter 'start' needs 'searchID'.").await;
    // Another user cannot page through this search.
    let t2 = emu.issue_token_for(k, "kenji", &["readUsersData"]).unwrap();
    let resp = search(
        &emu,
        k,
        &t2.access_token,
        p,
        "",
        &format!("&start=3&searchID={sid}"),
    )
    .await;
    assert_error(resp, 404, "Unknown searchID.").await;
    // Bad numRecords.
    let resp = search(&emu, k, &tok, p, "", "&numRecords=abc").await;
    assert_error(resp, 400, "Invalid value for parameter 'numRecords'.").await;
}

/// Stored searches are bounded (`Builder::max_searches`): past the bound
/// the oldest is forgotten and its searchID answered as an expired one's,
/// the newer ones still page.
#[tokio::test]
async fn stored_searches_are_bounded() {
    let emu = imagen_emulator::Emulator::builder()
        .max_searches(2)
        .start("127.0.0.1:0")
        .await
        .unwrap();
    let app = installed_app(&emu, &["readUsersData"]);
    let k = &app.api_key;
    let tok = emu
        .issue_token_for(k, "zoe", &["readUsersData"])
        .unwrap()
        .access_token;
    let p = "/imcc/v1/record/search";
    let mut sids = Vec::new();
    for _ in 0..3 {
        let v = xml_ok(search(&emu, k, &tok, p, "ORDER BY ID ASC", "&numRecords=1").await).await;
        sids.push(v.text_at("SearchID").to_string());
    }
    let page = |sid: &str| format!("&numRecords=1&start=1&searchID={sid}");
    let resp = search(&emu, k, &tok, p, "", &page(&sids[0])).await;
    assert_error(resp, 404, "Unknown searchID.").await;
    for sid in &sids[1..] {
        let v = xml_ok(search(&emu, k, &tok, p, "", &page(sid)).await).await;
        assert_eq!(ids(&v), [2], "search {sid} still pages");
    }
}

#[tokio::test]
async fn web_search_carries_the_user_in_xml_and_json() {
    let (emu, app, tok) = setup(&["readUsersData"]).await;
    let k = &app.api_key;
    let q = format!(
        "/iweb/v1/search?query={}",
        enc(r#"WHERE Title = "Zoë at the harbour""#)
    );
    let v = xml_ok(
        user_req_xml(&emu, Method::GET, k, &tok, &q)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(v.names(), ["SearchID", "TotalHits", "User", "ImagenRecord"]);
    assert_eq!(total(&v), 1);
    assert_eq!(v.text_at("User"), "1");
    assert_eq!(titles(&v), ["Zoë at the harbour"]);
    // JSON (our convention): the same content without wrappers.
    let j = json(user_send(&emu, Method::GET, k, &tok, &q).await).await;
    assert_eq!(j["TotalHits"], 1);
    assert_eq!(j["User"], 1);
    assert_eq!(j["SearchID"].as_str().unwrap().len(), 36);
    let r = &j["ImagenRecord"][0];
    assert_eq!(r["ID"], 1);
    assert_eq!(r["CanEdit"], false);
    assert_eq!(r["Fields"]["Title"], "Zoë at the harbour");
    assert_eq!(r["Fields"]["Category"], "Portrait,Harbour");
    assert_eq!(r["Fields"]["internal_guid"], "");
    assert!(r.get("MediaObjects").is_none());
    // includeMedia in JSON.
    let j = json(
        user_send(
            &emu,
            Method::GET,
            k,
            &tok,
            &format!("{q}&includeMedia=true"),
        )
        .await,
    )
    .await;
    assert_eq!(
        j["ImagenRecord"][0]["MediaObjects"],
        serde_json::json!({"MediaObject": [{"ID": 101, "MediaType": "Image"}]})
    );
    // Kenji's user ID; no hits.
    let t2 = emu.issue_token_for(k, "kenji", &["readUsersData"]).unwrap();
    let q = format!("/iweb/v1/search?query={}", enc("WHERE Title = 'none'"));
    let v = xml_ok(
        user_req_xml(&emu, Method::GET, k, &t2.access_token, &q)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(v.names(), ["SearchID", "TotalHits", "User"]);
    assert_eq!(v.text_at("User"), "2");
    let j = json(user_send(&emu, Method::GET, k, &t2.access_token, &q).await).await;
    assert_eq!(j["ImagenRecord"], serde_json::json!([]));
    assert_eq!(j["User"], 2);
}

#[tokio::test]
async fn record_get_in_both_contexts() {
    let (emu, app, tok) = setup(&["readUsersData"]).await;
    let resp = user_send(&emu, Method::GET, &app.api_key, &tok, "/imcc/v1/record/4").await;
    let v = xml_ok(resp).await;
    assert_eq!(v.name, "Response");
    let r = v.kid("ImagenRecord");
    assert_eq!(r.attr("ID"), Some("4"));
    assert_eq!(r.attr("CanEdit"), Some("false"));
    assert_eq!(r.text_at("Fields/Title"), "Crème brûlée");
    let resp = signed_get(&emu, &app, "/imcc/v1/record/4", &now_date()).await;
    let v = xml_ok(resp).await;
    assert_eq!(v.text_at("ImagenRecord/Fields/Location"), "Paris");
    // The application holds modifyUsersData.
    assert_eq!(v.kid("ImagenRecord").attr("CanEdit"), Some("true"));
    let resp = user_send(&emu, Method::GET, &app.api_key, &tok, "/imcc/v1/record/999").await;
    assert_error(resp, 404, "Record not found.").await;
    let resp = user_send(&emu, Method::GET, &app.api_key, &tok, "/imcc/v1/record/abc").await;
    assert_error(resp, 400, "Invalid record ID.").await;
}

const IMPORT: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<Records>
  <ImagenRecord ID="-1">
    <Fields>
      <Title>Zoë &amp; the 🎞️</Title>
      <Location><![CDATA[東京タワー <night>]]></Location>
    </Fields>
    <MediaObject Version="3" ID="-1" MediaType="Video" IsClip="">
      <MediaElement MediaType="Video" Index="0" Umid="">
        <OriginalFile><![CDATA[new.mov]]></OriginalFile>
      </MediaElement>
    </MediaObject>
  </ImagenRecord>
  <ImagenRecord ID="-1"><Fields><Title>Second</Title></Fields></ImagenRecord>
</Records>"#;

/// `(State, Progress, record IDs, media IDs, store job count)` of a
/// `<Response><DatabaseJob>` document.
fn job_view(v: &X) -> (String, String, Vec<i64>, Vec<i64>, usize) {
    assert_eq!(v.name, "Response");
    let j = v.kid("DatabaseJob");
    assert_eq!(j.attr("Type"), Some("2"));
    assert_eq!(
        j.names(),
        ["Progress", "Error", "Import", "FailedImport"],
        "{j:?}"
    );
    let recs = j.at("Import/ImagenRecords").all("ImagenRecord");
    let ids = recs
        .iter()
        .map(|r| r.attr("ID").unwrap().parse().unwrap())
        .collect();
    let media = recs
        .iter()
        .flat_map(|r| r.kid("MediaObjects").all("MediaObject"))
        .map(|m| m.attr("ID").unwrap().parse().unwrap())
        .collect();
    let jobs = recs
        .iter()
        .flat_map(|r| r.kid("MediaObjects").all("StoreJob"))
        .count();
    (
        j.attr("State").unwrap().to_string(),
        j.text_at("Progress").to_string(),
        ids,
        media,
        jobs,
    )
}

fn guid_of(v: &X) -> String {
    v.kid("DatabaseJob").attr("GUID").unwrap().to_string()
}

const NATIVE: &str = "/imcc/v1/import/record/NativeImagenXML";

#[tokio::test]
async fn synchronous_import_creates_records_and_media() {
    let (emu, app, tok) = setup(&["modifyUsersData"]).await;
    let k = &app.api_key;
    let resp = put_xml(
        &emu,
        k,
        &tok,
        &format!("{NATIVE}?workflow=Ingest%20video"),
        IMPORT,
    )
    .await;
    let v = xml_ok(resp).await;
    let (state, progress, ids, media, jobs) = job_view(&v);
    assert_eq!((state.as_str(), progress.as_str()), ("2", "100"));
    assert_eq!(ids, [9, 10]);
    assert_eq!(media, [109]);
    assert_eq!(jobs, 1);
    let j = v.kid("DatabaseJob");
    assert_eq!(j.text_at("Import/NumRecords"), "2");
    assert_eq!(j.text_at("FailedImport/NumRecords"), "0");
    assert_eq!(j.text_at("Error/Message"), "");
    let guid = guid_of(&v);
    let groups: Vec<&str> = guid.split('-').collect();
    assert_eq!(
        groups.iter().map(|g| g.len()).collect::<Vec<_>>(),
        [8, 4, 4, 4, 12]
    );
    assert_eq!(groups[2], groups[2].to_lowercase(), "{guid}");
    assert_eq!(groups[4], groups[4].to_uppercase(), "{guid}");
    // GET shows the same completed document, for a GUID in any case.
    let resp = user_send(
        &emu,
        Method::GET,
        k,
        &tok,
        &format!("/imcc/v1/import/record/{}?timeout=5", guid.to_lowercase()),
    )
    .await;
    let again = xml_ok(resp).await;
    assert_eq!(job_view(&again), job_view(&v));
    // The imported text round-trips (CDATA, entities, emoji).
    let r = xml_ok(user_send(&emu, Method::GET, k, &tok, "/imcc/v1/record/9").await).await;
    let f = r.at("ImagenRecord/Fields");
    assert_eq!(f.text_at("Title"), "Zoë & the 🎞️");
    assert_eq!(f.text_at("Location"), "東京タワー <night>");
    assert_eq!(f.text_at("guid").len(), 36, "a guid is assigned");
    assert_eq!(f.text_at("imagenLastRecordChange").len(), 19);
    let v = xml_ok(
        search(
            &emu,
            k,
            &tok,
            "/imcc/v1/record/search",
            r#"WHERE Title = "Zoë & the 🎞️""#,
            "&includeMedia=true",
        )
        .await,
    )
    .await;
    assert_eq!(ids_of(&v), [9]);
    assert_eq!(
        v.at("ImagenRecord/MediaObjects/MediaObject")
            .attr("MediaType"),
        Some("Video")
    );
    // Without a workflow, media objects are not created.
    let v = xml_ok(put_xml(&emu, k, &tok, NATIVE, IMPORT).await).await;
    let (_, _, ids, media, _) = job_view(&v);
    assert_eq!((ids, media), (vec![11, 12], vec![]));
    // Another user of the same application cannot read the job.
    let t2 = emu
        .issue_token_for(k, "kenji", &["modifyUsersData"])
        .unwrap();
    for m in [Method::GET, Method::DELETE] {
        let resp = user_send(
            &emu,
            m,
            k,
            &t2.access_token,
            &format!("/imcc/v1/import/record/{guid}"),
        )
        .await;
        assert_error(resp, 404, "Import job not found.").await;
    }
}

fn ids_of(v: &X) -> Vec<i64> {
    ids(v)
}

#[tokio::test]
async fn asynchronous_import_advances_on_reads_and_delete_stops_it() {
    let (emu, app, tok) = setup(&["modifyUsersData"]).await;
    let k = &app.api_key;
    let v = xml_ok(
        put_xml(
            &emu,
            k,
            &tok,
            &format!("{NATIVE}?workflow=Ingest%20video&timeout=0"),
            IMPORT,
        )
        .await,
    )
    .await;
    let (state, progress, ids, _, _) = job_view(&v);
    assert_eq!((state.as_str(), progress.as_str()), ("0", "0"));
    assert!(ids.is_empty());
    assert_eq!(v.text_at("DatabaseJob/Import/NumRecords"), "2");
    let guid = guid_of(&v);
    let status = format!("/imcc/v1/import/record/{guid}");
    let mut seen = Vec::new();
    for _ in 0..4 {
        let v = xml_ok(user_send(&emu, Method::GET, k, &tok, &status).await).await;
        let (state, progress, ids, media, _) = job_view(&v);
        seen.push((state, progress, ids.len(), media.len()));
    }
    let seen: Vec<(&str, &str, usize, usize)> = seen
        .iter()
        .map(|(s, p, i, m)| (s.as_str(), p.as_str(), *i, *m))
        .collect();
    assert_eq!(
        seen,
        [
            ("0", "0", 0, 0),
            ("1", "50", 2, 1),
            ("2", "100", 2, 1),
            ("2", "100", 2, 1)
        ]
    );
    // DELETE answers the document as it was, then the task is gone.
    let v = xml_ok(user_send(&emu, Method::DELETE, k, &tok, &status).await).await;
    assert_eq!(job_view(&v).0, "2");
    let resp = user_send(&emu, Method::GET, k, &tok, &status).await;
    assert_error(resp, 404, "Import job not found.").await;
    // The records stay: the task had run.
    let r = user_send(&emu, Method::GET, k, &tok, "/imcc/v1/record/10").await;
    assert_eq!(
        xml_ok(r).await.text_at("ImagenRecord/Fields/Title"),
        "Second"
    );

    // A task deleted while Waiting never imports anything.
    let v = xml_ok(put_xml(&emu, k, &tok, &format!("{NATIVE}?timeout=30"), IMPORT).await).await;
    let status = format!("/imcc/v1/import/record/{}", guid_of(&v));
    let v = xml_ok(user_send(&emu, Method::GET, k, &tok, &status).await).await;
    assert_eq!(job_view(&v).0, "0");
    let v = xml_ok(user_send(&emu, Method::DELETE, k, &tok, &status).await).await;
    assert_eq!(job_view(&v).0, "0");
    assert_eq!(v.text_at("DatabaseJob/Import/NumRecords"), "2");
    let resp = user_send(&emu, Method::GET, k, &tok, "/imcc/v1/record/11").await;
    assert_error(resp, 404, "Record not found.").await;
    let resp = user_send(&emu, Method::DELETE, k, &tok, &status).await;
    assert_error(resp, 404, "Import job not found.").await;
    // A negative timeout is synchronous.
    let v = xml_ok(put_xml(&emu, k, &tok, &format!("{NATIVE}?timeout=-1"), IMPORT).await).await;
    assert_eq!(job_view(&v).0, "2");
    // DELETE needs modifyUsersData.
    let t = emu.issue_token_for(k, "zoe", &["readUsersData"]).unwrap();
    let resp = user_send(
        &emu,
        Method::DELETE,
        k,
        &t.access_token,
        &format!("/imcc/v1/import/record/{}", guid_of(&v)),
    )
    .await;
    assert_error(
        resp,
        403,
        "The application lacks the scope 'modifyUsersData'",
    )
    .await;
}

#[tokio::test]
async fn import_updates_by_id_and_by_searchfield() {
    let (emu, app, tok) = setup(&["modifyUsersData"]).await;
    let k = &app.api_key;
    // By record ID: fields merge, the rest stays.
    let upd = r#"<Records><ImagenRecord ID="7"><Fields><Rating>4</Rating><Summary><![CDATA[Fjord, 夕方]]></Summary></Fields></ImagenRecord></Records>"#;
    let v = xml_ok(put_xml(&emu, k, &tok, NATIVE, upd).await).await;
    assert_eq!(job_view(&v).2, [7]);
    let r = xml_ok(user_send(&emu, Method::GET, k, &tok, "/imcc/v1/record/7").await).await;
    let f = r.at("ImagenRecord/Fields");
    assert_eq!(
        (
            f.text_at("Title"),
            f.text_at("Rating"),
            f.text_at("Summary")
        ),
        ("Sunset", "4", "Fjord, 夕方")
    );
    assert_ne!(f.text_at("imagenLastRecordChange"), "2021-02-07 10:30:00");
    // An unknown record ID is refused, nothing changes.
    let bad = r#"<Records><ImagenRecord ID="-1"><Fields><Title>new</Title></Fields></ImagenRecord><ImagenRecord ID="999"><Fields><Title>x</Title></Fields></ImagenRecord></Records>"#;
    assert_error(
        put_xml(&emu, k, &tok, NATIVE, bad).await,
        404,
        "Record not found.",
    )
    .await;
    let resp = user_send(&emu, Method::GET, k, &tok, "/imcc/v1/record/9").await;
    assert_error(resp, 404, "Record not found.").await;
    // By searchfield: the record whose Title matches, else a new one.
    let upd = r#"<Records>
      <ImagenRecord ID="-1"><Fields><Title>Sunset</Title><Location>Ålesund</Location></Fields></ImagenRecord>
      <ImagenRecord ID="-1"><Fields><Title>Sunrise</Title></Fields></ImagenRecord>
    </Records>"#;
    let v = xml_ok(put_xml(&emu, k, &tok, &format!("{NATIVE}?searchfield=Title"), upd).await).await;
    assert_eq!(job_view(&v).2, [7, 9]);
    let r = xml_ok(user_send(&emu, Method::GET, k, &tok, "/imcc/v1/record/7").await).await;
    assert_eq!(r.text_at("ImagenRecord/Fields/Location"), "Ålesund");
    // A new field name extends the schema (empty on other records).
    let add = r#"<Records><ImagenRecord ID="1"><Fields><Photographer>Zoë</Photographer></Fields></ImagenRecord></Records>"#;
    xml_ok(put_xml(&emu, k, &tok, NATIVE, add).await).await;
    let r = xml_ok(user_send(&emu, Method::GET, k, &tok, "/imcc/v1/record/1").await).await;
    assert_eq!(r.text_at("ImagenRecord/Fields/Photographer"), "Zoë");
    let r = xml_ok(user_send(&emu, Method::GET, k, &tok, "/imcc/v1/record/2").await).await;
    let f = r.at("ImagenRecord/Fields");
    assert_eq!(f.names().last(), Some(&"Photographer"));
    assert_eq!(f.text_at("Photographer"), "");
}

#[tokio::test]
async fn import_media_path_prefix_match_and_only_new() {
    let (emu, app, tok) = setup(&["modifyUsersData"]).await;
    let k = &app.api_key;
    let body = |rid: &str, mid: &str, file: &str| {
        format!(
            r#"<Records><ImagenRecord ID="{rid}"><Fields><Title>Clip</Title></Fields>
            <MediaObject Version="3" ID="{mid}" MediaType="video" IsClip=""><BaseDownloadCost>0</BaseDownloadCost>
            <MediaElement MediaType="Video" Index="0" Umid=""><OriginalFile><![CDATA[{file}]]></OriginalFile></MediaElement>
            </MediaObject></ImagenRecord></Records>"#
        )
    };
    let put = |path: String, body: String, prefix: Option<&'static str>| {
        let mut r = user_req(&emu, Method::PUT, k, &tok, &path)
            .header("Content-Type", "text/xml")
            .body(body);
        if let Some(p) = prefix {
            r = r.header("X-Imagen-Pathprefix", p);
        }
        r.send()
    };
    let wf = format!("{NATIVE}?workflow=Transcode%20to%20H.264");
    let v = xml_ok(
        put(
            wf.clone(),
            body("-1", "-1", "01234.mpg"),
            Some(r"\\share\videos\record_"),
        )
        .await
        .unwrap(),
    )
    .await;
    let (_, _, ids, media, jobs) = job_view(&v);
    assert_eq!(
        (ids.as_slice(), media.as_slice(), jobs),
        (&[9][..], &[109][..], 1)
    );
    let q = format!(
        "/imcc/v1/record/search?query={}",
        enc(r"WHERE media.filename = '\\share\videos\record_01234.mpg'")
    );
    let v = xml_ok(user_send(&emu, Method::GET, k, &tok, &q).await).await;
    assert_eq!(ids_of(&v), [9], "the prefix is prepended as a plain string");
    // The same media by ID, same file, onlyProcessNew=1: not reprocessed.
    let same = body("9", "109", r"\\share\videos\record_01234.mpg");
    let v = xml_ok(
        put(format!("{wf}&onlyProcessNew=1"), same.clone(), None)
            .await
            .unwrap(),
    )
    .await;
    let (_, _, ids, media, jobs) = job_view(&v);
    assert_eq!((ids, media, jobs), (vec![9], vec![109], 0));
    // onlyProcessNew=0: reprocessed (a store job).
    let v = xml_ok(
        put(format!("{wf}&onlyProcessNew=0"), same, None)
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(job_view(&v).4, 1);
    // matchMediaBy=name,disallowNew: the media named like the file is reused.
    let by_name = body("9", "-1", "https://media.example/record_01234.mpg");
    let v = xml_ok(
        put(
            format!("{wf}&matchMediaBy=NAME,disallowNew"),
            by_name.clone(),
            None,
        )
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(job_view(&v).3, [109]);
    // ...and with allownew a new one is created although one matches.
    let v = xml_ok(
        put(format!("{wf}&matchMediaBy=name,allownew"), by_name, None)
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(job_view(&v).3, [110]);
    // A media ID that is not the record's: the record fails.
    let v = xml_ok(
        put(wf.clone(), body("9", "105", "x.mov"), None)
            .await
            .unwrap(),
    )
    .await;
    let j = v.kid("DatabaseJob");
    assert_eq!(j.attr("State"), Some("3"));
    assert_eq!(j.text_at("Import/NumRecords"), "0");
    assert_eq!(j.text_at("FailedImport/NumRecords"), "1");
    let failed = j.at("FailedImport/FailedImagenRecords/ImagenRecord");
    assert_eq!(failed.attr("ID"), Some("9"));
    assert!(failed.text_at("ImportError").contains("105"), "{failed:?}");
    assert!(!j.text_at("Error/Message").is_empty());
    // Bad parameter values.
    for (q, msg) in [
        (
            "&matchMediaBy=id",
            "Invalid value for parameter 'matchMediaBy'.",
        ),
        (
            "&matchMediaBy=size,allownew",
            "Invalid value for parameter 'matchMediaBy'.",
        ),
        (
            "&onlyProcessNew=yes",
            "Invalid value for parameter 'onlyProcessNew'.",
        ),
        ("&timeout=soon", "Invalid value for parameter 'timeout'."),
    ] {
        let resp = put(format!("{wf}{q}"), body("-1", "-1", "a.mov"), None)
            .await
            .unwrap();
        assert_error(resp, 400, msg).await;
    }
    let resp = put(
        format!("{NATIVE}?workflow=Nope"),
        body("-1", "-1", "a.mov"),
        None,
    )
    .await
    .unwrap();
    assert_error(resp, 400, "Unknown workflow 'Nope'.").await;
    // The workflow may be given by its ID, in any case.
    let t = emu.issue_token_for(k, "zoe", &["createJobs"]).unwrap();
    let wfs =
        json(user_send(&emu, Method::GET, k, &t.access_token, "/imcc/v1/workflows").await).await;
    let id = wfs["Workflows"]["Workflow"][1]["ID"]
        .as_str()
        .unwrap()
        .to_lowercase();
    let resp = put(
        format!("{NATIVE}?workflow={id}"),
        body("-1", "-1", "b.mov"),
        None,
    )
    .await
    .unwrap();
    assert_eq!(job_view(&xml_ok(resp).await).3.len(), 1);
}

#[tokio::test]
async fn import_rejects_bad_input() {
    let (emu, app, tok) = setup(&["modifyUsersData"]).await;
    let k = &app.api_key;
    let put = |path: &str, ct: &str, body: &'static [u8]| {
        user_req(&emu, Method::PUT, k, &tok, path)
            .header("Content-Type", ct)
            .body(body)
            .send()
    };
    let p = NATIVE;
    let v = assert_error(
        put(p, "application/xml", b"<Records><ImagenRecord>")
            .await
            .unwrap(),
        400,
        "The request body is not well-formed XML.",
    )
    .await;
    assert!(
        v["Error"]["Details"].as_str().unwrap().contains("at byte"),
        "{v}"
    );
    // Hostile nesting is refused, not a crash.
    let deep = format!("<Records>{}", "<ImagenRecord>".repeat(200_000));
    let v = assert_error(
        put_xml(&emu, k, &tok, p, &deep).await,
        400,
        "The request body is not well-formed XML.",
    )
    .await;
    assert!(
        v["Error"]["Details"]
            .as_str()
            .unwrap()
            .contains("nested deeper"),
        "{v}"
    );
    // The old invented format and other roots: refused, saying what is expected.
    let expected = "Expected <Records> with <ImagenRecord> children (Imagen XML).";
    for body in [
        &b"<Other/>"[..],
        br#"<Records><Record><Field name="Title">x</Field></Record></Records>"#,
    ] {
        assert_error(
            put(p, "application/xml", body).await.unwrap(),
            400,
            expected,
        )
        .await;
    }
    // Invalid Imagen XML content.
    for body in [
        &br#"<Records><ImagenRecord ID="0"><Fields><Title>x</Title></Fields></ImagenRecord></Records>"#[..],
        br#"<Records><ImagenRecord ID="-1"></ImagenRecord></Records>"#,
        br#"<Records><ImagenRecord ID="-1"><Fields><Title><b>x</b></Title></Fields></ImagenRecord></Records>"#,
        br#"<Records><ImagenRecord ID="-1"><Fields><Title>x</Title><title>y</title></Fields></ImagenRecord></Records>"#,
        br#"<Records><ImagenRecord ID="-1"><Fields><Title>x</Title></Fields><Extra/></ImagenRecord></Records>"#,
        br#"<Records><ImagenRecord ID="-1"><Fields><Title>x</Title></Fields><MediaObject ID="-1" MediaType="Hologram"><MediaElement><OriginalFile>a</OriginalFile></MediaElement></MediaObject></ImagenRecord></Records>"#,
        br#"<Records><ImagenRecord ID="-1"><Fields><Title>x</Title></Fields><MediaObject ID="-1" MediaType="Video"/></ImagenRecord></Records>"#,
        br#"<Records><ImagenRecord ID="-1"><Fields><Title>x</Title></Fields><CIS_ACLList><ACL><Role Rights="all">Everyone</Role></ACL></CIS_ACLList></ImagenRecord></Records>"#,
        br#"<Records><ImagenRecord ID="-1"><Fields><Title>x</Title></Fields><CIS_ACLList><ACL><Role Rights="r"/></ACL></CIS_ACLList></ImagenRecord></Records>"#,
    ] {
        let v = assert_error(put(p, "application/xml", body).await.unwrap(), 400, "Invalid Imagen XML.").await;
        assert!(
            v["Error"]["Details"].as_str().unwrap().contains("at byte"),
            "{v}"
        );
    }
    assert_error(
        put(p, "application/xml", b"<Records/>").await.unwrap(),
        400,
        "The import holds no records.",
    )
    .await;
    assert_error(
        put(p, "application/json", b"{}").await.unwrap(),
        415,
        "The request body must be XML.",
    )
    .await;
    assert_error(
        put(p, "application/xml", b"<Records>\xff</Records>")
            .await
            .unwrap(),
        400,
        imagen_emulator::MSG_NOT_UTF8,
    )
    .await;
    assert_error(
        put(
            "/imcc/v1/import/record/Other",
            "application/xml",
            b"<Records/>",
        )
        .await
        .unwrap(),
        400,
        "Unknown mapping file 'Other'.",
    )
    .await;
    // Errors are XML by default, with Code.
    let resp = user_req_xml(&emu, Method::PUT, k, &tok, p)
        .header("Content-Type", "application/xml")
        .body("<Other/>")
        .send()
        .await
        .unwrap();
    assert_xml_error(resp, 400, expected).await;
    // readUsersData alone cannot import.
    let t = emu.issue_token_for(k, "zoe", &["readUsersData"]).unwrap();
    let resp = put_xml(&emu, k, &t.access_token, p, IMPORT).await;
    assert_error(
        resp,
        403,
        "The application lacks the scope 'modifyUsersData'",
    )
    .await;
    // Nothing was imported by any of these.
    let resp = user_send(&emu, Method::GET, k, &tok, "/imcc/v1/record/9").await;
    assert_error(resp, 404, "Record not found.").await;
}

#[tokio::test]
async fn non_utf8_query_is_rejected() {
    let (emu, app, tok) = setup(&["readUsersData"]).await;
    let resp = user_send(
        &emu,
        Method::GET,
        &app.api_key,
        &tok,
        "/imcc/v1/record/search?query=%FF",
    )
    .await;
    assert_error(resp, 400, imagen_emulator::MSG_NOT_UTF8).await;
}

#[tokio::test]
async fn delete_media_twice_and_segments() {
    let (emu, app, tok) = setup(&["modifyUsersData"]).await;
    let k = &app.api_key;
    let resp = user_send(&emu, Method::DELETE, k, &tok, "/imcc/v1/media/101/1").await;
    assert_eq!(resp.status(), 200);
    assert_eq!(json(resp).await, serde_json::json!({"result": "success"}));
    let resp = user_send(&emu, Method::DELETE, k, &tok, "/imcc/v1/media/101/1").await;
    assert_error(resp, 404, "Media not found.").await;
    let resp = user_send(&emu, Method::DELETE, k, &tok, "/imcc/v1/media/102/7").await;
    assert_error(resp, 400, "Invalid deleteSegments.").await;
    // XML by default.
    let resp = user_req_xml(&emu, Method::DELETE, k, &tok, "/imcc/v1/media/102/0")
        .send()
        .await
        .unwrap();
    let v = xml_ok(resp).await;
    assert_eq!((v.name.as_str(), v.names()), ("Response", vec!["Result"]));
    assert_eq!(v.text_at("Result"), "success");
    // Segments go with deleteSegments=1 only.
    let seg = |parent| {
        emu.add_media(imagen_emulator::MediaSpec::new(5, "Video", "seg.mov").segment_of(parent))
            .unwrap()
    };
    let (s1, s2) = (seg(105), seg(105));
    let s3 = seg(103);
    let q = format!(
        "/imcc/v1/record/search?query={}",
        enc("WHERE media.ParentID != null")
    );
    let hits = |v: X| ids(&v);
    assert_eq!(
        hits(xml_ok(user_send(&emu, Method::GET, k, &tok, &q).await).await),
        [5]
    );
    for path in ["/imcc/v1/media/105/1", "/imcc/v1/media/103/0"] {
        let resp = user_send(&emu, Method::DELETE, k, &tok, path).await;
        assert_eq!(json(resp).await["result"], "success");
    }
    for (id, gone) in [(s1, true), (s2, true), (s3, false)] {
        let resp = user_send(
            &emu,
            Method::DELETE,
            k,
            &tok,
            &format!("/imcc/v1/media/{id}/0"),
        )
        .await;
        assert_eq!(resp.status() == 404, gone, "segment {id}");
    }
    // The deletes are in the history.
    let v = xml_ok(
        user_send(
            &emu,
            Method::GET,
            k,
            &tok,
            "/imcc/v1/history?type=delete&getTotalCount=true&sort=modifiedDate%20asc",
        )
        .await,
    )
    .await;
    assert_eq!(v.names(), ["TotalCount", "HistoryEntries"]);
    assert_eq!(v.text_at("TotalCount"), "7");
    let first = v.at("HistoryEntries/HistoryEntry");
    assert_eq!(
        first.names(),
        [
            "ID",
            "RecordID",
            "MediaID",
            "Type",
            "UserID",
            "ModifiedDate",
            "Description"
        ]
    );
    assert_eq!(first.text_at("MediaID"), "101");
    assert_eq!(first.text_at("Type"), "delete");
}

const JOB: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<CISXMLDocument>
  <DatabaseID>1</DatabaseID>
  <Workflow>Transcode to H.264</Workflow>
  <JobName>Re-do ✓</JobName>
  <ResourceGroup>Farm B</ResourceGroup>
  <Priority>2</Priority>
  <ClientID>zoe@example.invalid</ClientID>
  <Inputs>
    <Input type="Int" sub-type="Record_ID" id="-1">2</Input>
    <Input type="Int" sub-type="Media_ID-Video" id="-2">102</Input>
  </Inputs>
</CISXMLDocument>"#;

#[tokio::test]
async fn job_create() {
    let (emu, app, tok) = setup(&["createJobs"]).await;
    let k = &app.api_key;
    let put_job = async |body: String| put_xml(&emu, k, &tok, "/imcc/v1/job", &body).await;
    let v = xml_ok(put_job(JOB.to_string()).await).await;
    assert_eq!((v.name.as_str(), v.names()), ("Response", vec!["Result"]));
    let guid = v.text_at("Result").to_string();
    assert_eq!(guid.len(), 36);
    let stats = json(
        client()
            .get(format!("{}/emulator/admin/stats", emu.base_url()))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let job = &stats["jobs"][0];
    assert_eq!(job["GUID"], guid.as_str());
    assert_eq!(job["JobName"], "Re-do ✓");
    assert_eq!(job["Priority"], 2);
    assert_eq!(job["ResourceGroup"], "Farm B");
    assert_eq!(job["Inputs"][1]["value"], 102);
    // Refusals: 400 with the standard error body.
    let cases: &[(&str, &str, &str)] = &[
        (
            "<Priority>2</Priority>",
            "<Priority>9</Priority>",
            "Invalid job document.",
        ),
        ("Transcode to H.264", "Nope", "Unknown workflow 'Nope'."),
        (">2</Input>", ">999</Input>", "Unknown record 999"),
        (">102</Input>", ">999</Input>", "Unknown media 999"),
        ("Media_ID-Video", "Media_ID-Image", "Media 102 is Video"),
        (
            "Media_ID-Video",
            "Media_ID-Hologram",
            "Invalid job document.",
        ),
        ("Record_ID", "Collection_ID", "Invalid job document."),
        (
            "type=\"Int\" sub-type=\"Record_ID\"",
            "type=\"String\" sub-type=\"Record_ID\"",
            "Invalid job document.",
        ),
        ("id=\"-1\"", "id=\"1\"", "Invalid job document."),
        (
            "<DatabaseID>1</DatabaseID>",
            "<DatabaseID>7</DatabaseID>",
            "Unknown database 7.",
        ),
        (
            "<ClientID>zoe@example.invalid</ClientID>",
            "<Client>zoe</Client>",
            "Invalid job document.",
        ),
    ];
    for (from, to, msg) in cases {
        assert!(JOB.contains(from), "{from}");
        let resp = put_job(JOB.replacen(from, to, 1)).await;
        assert_error(resp, 400, msg).await;
    }
    // The old invented <Job> document.
    let old = "<Job><DatabaseID>1</DatabaseID><Workflow>Transcode to H.264</Workflow><JobName>x</JobName><Priority>2</Priority><Inputs><Media>102</Media></Inputs></Job>";
    let resp = put_job(old.to_string()).await;
    assert_error(resp, 400, "Expected a <CISXMLDocument> job document.").await;
    // The workflow by ID works too.
    let t = emu
        .issue_token_for(&app.api_key, "zoe", &["createJobs"])
        .unwrap();
    let wfs = json(
        user_send(
            &emu,
            Method::GET,
            &app.api_key,
            &t.access_token,
            "/imcc/v1/workflows",
        )
        .await,
    )
    .await;
    let id = wfs["Workflows"]["Workflow"][2]["ID"].as_str().unwrap();
    let v = xml_ok(put_job(JOB.replacen("Transcode to H.264", id, 1)).await).await;
    assert_eq!(v.text_at("Result").len(), 36);
}

#[tokio::test]
async fn profiles_filters_without_auth() {
    let emu = start().await;
    let get = |q: &'static str| {
        client()
            .get(format!("{}/imcc/v1/profiles{q}", emu.base_url()))
            .header("Accept", "application/json")
            .send()
    };
    let names = |v: &X| -> Vec<String> {
        assert_eq!(v.names(), ["Profiles"]);
        v.kid("Profiles")
            .all("Profile")
            .iter()
            .map(|p| p.text_at("Name").to_string())
            .collect()
    };
    let v = xml_ok(get("").await.unwrap()).await;
    assert_eq!(names(&v).len(), 6);
    let v = xml_ok(get("?type=Original").await.unwrap()).await;
    assert_eq!(names(&v).len(), 3);
    // Case-insensitive filters.
    let v = xml_ok(get("?type=rendition&usage=VIDEO").await.unwrap()).await;
    assert_eq!(names(&v), ["H.264 720p"]);
    let p = v.at("Profiles/Profile");
    assert_eq!(p.names(), ["Name", "ID", "Type", "Usage", "Attributes"]);
    assert_eq!(p.text_at("ID"), "2");
    assert_eq!(p.text_at("Type"), "Rendition");
    assert_eq!(p.text_at("Usage"), "Video");
    assert_eq!(p.text_at("Attributes/Format"), "H.264 1280x720");
    let display: serde_json::Value =
        serde_json::from_str(p.text_at("Attributes/DisplayNames")).unwrap();
    assert_eq!(display[1]["name"], "HDプロキシ");
    assert_error(
        get("?usage=Smell").await.unwrap(),
        400,
        "Invalid value for parameter 'usage'.",
    )
    .await;
}

#[tokio::test]
async fn history_paging_sort_and_count() {
    let (emu, app, tok) = setup(&["readUsersData"]).await;
    let get = |q: String| {
        user_req(
            &emu,
            Method::GET,
            &app.api_key,
            &tok,
            &format!("/imcc/v1/history{q}"),
        )
        .send()
    };
    let entries = |v: &X| -> Vec<X> {
        v.kid("HistoryEntries")
            .all("HistoryEntry")
            .into_iter()
            .cloned()
            .collect()
    };
    let v = xml_ok(get(String::new()).await.unwrap()).await;
    assert_eq!(v.names(), ["HistoryEntries"], "no TotalCount unless asked");
    let all = entries(&v);
    assert_eq!(all.len(), 12);
    assert!(
        all[0].text_at("ModifiedDate") > all[11].text_at("ModifiedDate"),
        "newest first"
    );
    // An edit entry has no MediaID.
    let edit = all.iter().find(|e| e.text_at("Type") == "edit").unwrap();
    assert_eq!(
        edit.names(),
        [
            "ID",
            "RecordID",
            "Type",
            "UserID",
            "ModifiedDate",
            "Description"
        ]
    );
    let v = xml_ok(
        get("?limit=5&start=10&getTotalCount=true".into())
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(v.text_at("TotalCount"), "12");
    assert_eq!(entries(&v).len(), 2);
    let v = xml_ok(
        get("?sort=modifiedDate%20asc&limit=1".into())
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        entries(&v)[0].text_at("ModifiedDate"),
        "2021-01-01 09:00:00"
    );
    let v = xml_ok(get("?recordID=2&getTotalCount=1".into()).await.unwrap()).await;
    assert_eq!(v.text_at("TotalCount"), "1");
    let v = xml_ok(get("?limit=500".into()).await.unwrap()).await;
    assert_eq!(entries(&v).len(), 12, "limit is capped, not refused");
    let v = xml_ok(
        get("?type=edit&userID=1&getTotalCount=true".into())
            .await
            .unwrap(),
    )
    .await;
    let es = entries(&v);
    // Not vacuous: some entries match, and the filter left others out.
    assert!(!es.is_empty() && es.len() < all.len(), "{}", es.len());
    assert_eq!(v.text_at("TotalCount"), es.len().to_string());
    assert!(
        es.iter()
            .all(|e| e.text_at("Type") == "edit" && e.text_at("UserID") == "1")
    );
    assert_error(
        get("?sort=sideways".into()).await.unwrap(),
        400,
        "Invalid value for parameter 'sort'.",
    )
    .await;
}

#[tokio::test]
async fn unknown_route_and_method() {
    let emu = start().await;
    let resp = client()
        .get(format!("{}/imcc/v1/nothing", emu.base_url()))
        .header("Accept", "application/json")
        .send()
        .await
        .unwrap();
    assert_error(resp, 404, "No such resource.").await;
    let resp = client()
        .post(format!("{}/imcc/v1/profiles", emu.base_url()))
        .header("Accept", "application/json")
        .send()
        .await
        .unwrap();
    assert_error(resp, 405, "Method not allowed.").await;
}
