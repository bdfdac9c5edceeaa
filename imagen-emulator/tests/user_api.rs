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

#[tokio::test]
async fn current_user_with_unicode_name_fields() {
    let (emu, app, tok) = setup(&["readUsersData"]).await;
    let resp = user_req(&emu, Method::GET, &app.api_key, &tok, "/imcc/v1/user")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let v = json(resp).await;
    assert_eq!(v["UserID"], 1);
    assert_eq!(v["Username"], "zoe");
    assert_eq!(v["AccessRights"][0], "Read");
}

#[tokio::test]
async fn scope_refusals() {
    let emu = start().await;
    // The application lacks createJobs.
    let app = installed_app(&emu, &[]);
    let t = emu
        .issue_token_for(&app.api_key, "zoe", &["readUsersData", "modifyUsersData"])
        .unwrap();
    let resp = user_req(
        &emu,
        Method::GET,
        &app.api_key,
        &t.access_token,
        "/imcc/v1/workflows",
    )
    .send()
    .await
    .unwrap();
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
    emu.grant_scope(&app.api_key, "createJobs").unwrap();
    let t2 = emu
        .issue_token_for(&app.api_key, "zoe", &["createJobs"])
        .unwrap();
    let resp = user_req(
        &emu,
        Method::GET,
        &app.api_key,
        &t2.access_token,
        "/imcc/v1/workflows",
    )
    .send()
    .await
    .unwrap();
    assert_eq!(resp.status(), 200);
    let list = json(resp).await;
    assert_eq!(list.as_array().unwrap().len(), 5);
    assert_eq!(list[0]["UsageType"], "OnIngest");
    assert_eq!(
        list[1]["Description"],
        "Make an H.264 rendition — für das Web"
    );
    // The token without the scope is refused even though the app has it.
    let resp = user_req(
        &emu,
        Method::GET,
        &app.api_key,
        &t.access_token,
        "/imcc/v1/workflows",
    )
    .send()
    .await
    .unwrap();
    let v = assert_error(resp, 403, "The application lacks the scope 'createJobs'").await;
    assert!(
        v["Error"]["Details"]
            .as_str()
            .unwrap()
            .contains("access token")
    );
    // Revoking the scope takes effect at once.
    emu.revoke_scope(&app.api_key, "createJobs").unwrap();
    let resp = user_req(
        &emu,
        Method::GET,
        &app.api_key,
        &t2.access_token,
        "/imcc/v1/workflows",
    )
    .send()
    .await
    .unwrap();
    assert_error(resp, 403, "The application lacks the scope 'createJobs'").await;
}

#[tokio::test]
async fn modify_implies_read() {
    let (emu, app, tok) = setup(&["modifyUsersData"]).await;
    let resp = user_req(&emu, Method::GET, &app.api_key, &tok, "/imcc/v1/user")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
}

#[tokio::test]
async fn bad_tokens_are_rejected() {
    let (emu, app, tok) = setup(&["readUsersData"]).await;
    let resp = user_req(&emu, Method::GET, &app.api_key, "garbage", "/imcc/v1/user")
        .send()
        .await
        .unwrap();
    assert_error(resp, 401, imagen_emulator::MSG_TOKEN).await;
    // A token of another application.
    let other = installed_app(&emu, &[]);
    let resp = user_req(&emu, Method::GET, &other.api_key, &tok, "/imcc/v1/user")
        .send()
        .await
        .unwrap();
    assert_error(resp, 401, imagen_emulator::MSG_TOKEN).await;
    // Disabled application with a valid token.
    emu.set_enabled(&app.api_key, false).unwrap();
    let resp = user_req(&emu, Method::GET, &app.api_key, &tok, "/imcc/v1/user")
        .send()
        .await
        .unwrap();
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
    let t = emu
        .issue_token_for(&app.api_key, "zoe", &["readUsersData"])
        .unwrap();
    assert_eq!(t.expires_in, 2);
    let resp = user_req(
        &emu,
        Method::GET,
        &app.api_key,
        &t.access_token,
        "/imcc/v1/user",
    )
    .send()
    .await
    .unwrap();
    assert_eq!(resp.status(), 200);
    tokio::time::sleep(std::time::Duration::from_millis(2200)).await;
    let resp = user_req(
        &emu,
        Method::GET,
        &app.api_key,
        &t.access_token,
        "/imcc/v1/user",
    )
    .send()
    .await
    .unwrap();
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
    user_req(emu, Method::GET, key, tok, &r)
        .send()
        .await
        .unwrap()
}

fn titles(v: &serde_json::Value) -> Vec<String> {
    v["Records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["Fields"]["Title"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn search_iql_forms() {
    let (emu, app, tok) = setup(&["readUsersData"]).await;
    let k = &app.api_key;
    let p = "/imcc/v1/record/search";
    // Equality on non-ASCII text.
    let v = json(search(&emu, k, &tok, p, "WHERE Title = '東京タワー'", "").await).await;
    assert_eq!(v["TotalHits"], 1);
    assert_eq!(titles(&v), ["東京タワー"]);
    assert_eq!(v["Records"][0]["ID"], 2);
    assert_eq!(v["Records"][0]["CanEdit"], false);
    assert!(!v["SearchID"].as_str().unwrap().is_empty());
    // AND, <, ORDER BY DESC.
    let v = json(
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
    let v = json(
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
    assert_eq!(v["TotalHits"], 2);
    // Special field media.State.
    let v = json(search(&emu, k, &tok, p, "WHERE media.State = 'Archived'", "").await).await;
    assert_eq!(v["TotalHits"], 2);
    // Emoji round trip.
    let v = json(
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
    assert_eq!(v["Records"][0]["Media"][0]["Filename"], "reel.mov");
    // Bad query: 400 naming the position.
    let resp = search(&emu, k, &tok, p, "WHERE Title 'x'", "").await;
    let v = assert_error(resp, 400, "Invalid query at position 13").await;
    assert_eq!(v["Error"]["Details"], "WHERE Title 'x'");
    // Missing query.
    let resp = user_req(&emu, Method::GET, k, &tok, p)
        .send()
        .await
        .unwrap();
    assert_error(resp, 400, "The parameter 'query' is required.").await;
}

#[tokio::test]
async fn search_paging_with_search_id() {
    let (emu, app, tok) = setup(&["modifyUsersData"]).await;
    let k = &app.api_key;
    let p = "/imcc/v1/record/search";
    let v = json(search(&emu, k, &tok, p, "ORDER BY ID ASC", "&numRecords=3").await).await;
    assert_eq!(v["TotalHits"], 8);
    let ids: Vec<i64> = v["Records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["ID"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [1, 2, 3]);
    assert_eq!(v["Records"][0]["CanEdit"], true);
    let sid = v["SearchID"].as_str().unwrap().to_string();
    let v = json(
        search(
            &emu,
            k,
            &tok,
            p,
            "ORDER BY ID ASC",
            &format!("&numRecords=3&start=6&searchID={sid}"),
        )
        .await,
    )
    .await;
    let ids: Vec<i64> = v["Records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["ID"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [7, 8]);
    assert_eq!(v["SearchID"], sid.as_str());
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

#[tokio::test]
async fn web_search_carries_downloads_and_user() {
    let (emu, app, tok) = setup(&["readUsersData"]).await;
    let v = json(
        search(
            &emu,
            &app.api_key,
            &tok,
            "/iweb/v1/search",
            "WHERE Title = 'Zoë at the harbour'",
            "",
        )
        .await,
    )
    .await;
    assert_eq!(v["TotalHits"], 1);
    assert_eq!(v["User"]["Username"], "zoe");
    let d = &v["Records"][0]["Downloads"][0];
    assert_eq!(d["Profile"], "JPEG thumbnail");
    assert!(d["URL"].as_str().unwrap().starts_with(emu.base_url()));
}

#[tokio::test]
async fn record_get_in_both_contexts() {
    let (emu, app, tok) = setup(&["readUsersData"]).await;
    let resp = user_req(&emu, Method::GET, &app.api_key, &tok, "/imcc/v1/record/4")
        .send()
        .await
        .unwrap();
    let v = json(resp).await;
    assert_eq!(v["Fields"]["Title"], "Crème brûlée");
    let resp = signed_get(&emu, &app, "/imcc/v1/record/4", &now_date())
        .send()
        .await
        .unwrap();
    assert_eq!(json(resp).await["Fields"]["Location"], "Paris");
    let resp = user_req(&emu, Method::GET, &app.api_key, &tok, "/imcc/v1/record/999")
        .send()
        .await
        .unwrap();
    assert_error(resp, 404, "Record not found.").await;
    let resp = user_req(&emu, Method::GET, &app.api_key, &tok, "/imcc/v1/record/abc")
        .send()
        .await
        .unwrap();
    assert_error(resp, 400, "Invalid record ID.").await;
}

const IMPORT: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<Records>
  <Record>
    <Field name="Title">Zoë &amp; the 🎞️</Field>
    <Field name="Location">東京タワー</Field>
    <Media filename="new.mov"/>
  </Record>
  <Record><Field name="Title">Second</Field></Record>
</Records>"#;

#[tokio::test]
async fn import_creates_records_and_a_job_that_advances() {
    let (emu, app, tok) = setup(&["modifyUsersData"]).await;
    let k = &app.api_key;
    let resp = user_req(
        &emu,
        Method::PUT,
        k,
        &tok,
        "/imcc/v1/import/record/NativeImagenXML?workflow=Ingest%20video",
    )
    .header("Content-Type", "application/xml; charset=utf-8")
    .body(IMPORT)
    .send()
    .await
    .unwrap();
    assert_eq!(resp.status(), 200);
    let v = json(resp).await;
    let guid = v["JobGUID"].as_str().unwrap().to_string();
    assert_eq!(v["RecordIDs"], serde_json::json!([9, 10]));
    let mut states = Vec::new();
    for _ in 0..4 {
        let resp = user_req(
            &emu,
            Method::GET,
            k,
            &tok,
            &format!("/imcc/v1/import/record/{guid}"),
        )
        .send()
        .await
        .unwrap();
        let v = json(resp).await;
        assert_eq!(v["GUID"], guid.as_str());
        assert_eq!(v["Type"], "Import");
        assert_eq!(v["RecordIDs"], serde_json::json!([9, 10]));
        assert_eq!(v["MediaObjectIDs"].as_array().unwrap().len(), 1);
        states.push(v["State"].as_str().unwrap().to_string());
    }
    assert_eq!(states, ["Pending", "Running", "Finished", "Finished"]);
    // The imported text round-trips.
    let v = json(
        user_req(&emu, Method::GET, k, &tok, "/imcc/v1/record/9")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(v["Fields"]["Title"], "Zoë & the 🎞️");
    assert_eq!(v["Fields"]["Location"], "東京タワー");
    let v = json(
        search(
            &emu,
            k,
            &tok,
            "/imcc/v1/record/search",
            "WHERE Title = 'Zoë & the 🎞️'",
            "",
        )
        .await,
    )
    .await;
    assert_eq!(v["TotalHits"], 1);
    // Another user of the same application cannot read the job.
    let t2 = emu.issue_token_for(k, "kenji", &["readUsersData"]).unwrap();
    let resp = user_req(
        &emu,
        Method::GET,
        k,
        &t2.access_token,
        &format!("/imcc/v1/import/record/{guid}"),
    )
    .send()
    .await
    .unwrap();
    assert_error(resp, 404, "Import job not found.").await;
    // Update through searchfield.
    let upd = r#"<Records><Record><Field name="Title">Second</Field><Field name="Rating">4</Field></Record></Records>"#;
    let resp = user_req(
        &emu,
        Method::PUT,
        k,
        &tok,
        "/imcc/v1/import/record/NativeImagenXML?searchfield=Title",
    )
    .header("Content-Type", "text/xml")
    .body(upd)
    .send()
    .await
    .unwrap();
    assert_eq!(json(resp).await["RecordIDs"], serde_json::json!([10]));
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
    let p = "/imcc/v1/import/record/NativeImagenXML";
    assert_error(
        put(p, "application/xml", b"<Records><Record>")
            .await
            .unwrap(),
        400,
        "The request body is not well-formed XML.",
    )
    .await;
    assert_error(
        put(p, "application/xml", b"<Other/>").await.unwrap(),
        400,
        "The request body is not an Imagen record document.",
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
        404,
        "Unknown mapping file.",
    )
    .await;
    // readUsersData alone cannot import.
    let t = emu.issue_token_for(k, "zoe", &["readUsersData"]).unwrap();
    let resp = user_req(&emu, Method::PUT, k, &t.access_token, p)
        .header("Content-Type", "application/xml")
        .body(IMPORT)
        .send()
        .await
        .unwrap();
    assert_error(
        resp,
        403,
        "The application lacks the scope 'modifyUsersData'",
    )
    .await;
}

#[tokio::test]
async fn non_utf8_query_is_rejected() {
    let (emu, app, tok) = setup(&["readUsersData"]).await;
    let resp = user_req(
        &emu,
        Method::GET,
        &app.api_key,
        &tok,
        "/imcc/v1/record/search?query=%FF",
    )
    .send()
    .await
    .unwrap();
    assert_error(resp, 400, imagen_emulator::MSG_NOT_UTF8).await;
}

#[tokio::test]
async fn delete_media_twice() {
    let (emu, app, tok) = setup(&["modifyUsersData"]).await;
    let resp = user_req(
        &emu,
        Method::DELETE,
        &app.api_key,
        &tok,
        "/imcc/v1/media/101/1",
    )
    .send()
    .await
    .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(json(resp).await, serde_json::json!({"result": "success"}));
    let resp = user_req(
        &emu,
        Method::DELETE,
        &app.api_key,
        &tok,
        "/imcc/v1/media/101/1",
    )
    .send()
    .await
    .unwrap();
    assert_error(resp, 404, "Media not found.").await;
    let resp = user_req(
        &emu,
        Method::DELETE,
        &app.api_key,
        &tok,
        "/imcc/v1/media/102/7",
    )
    .send()
    .await
    .unwrap();
    assert_error(resp, 400, "Invalid deleteSegments.").await;
    // The delete is in the history.
    let v = json(
        user_req(
            &emu,
            Method::GET,
            &app.api_key,
            &tok,
            "/imcc/v1/history?type=delete&getTotalCount=true",
        )
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(v["TotalCount"], 1);
    assert_eq!(v["Entries"][0]["MediaID"], 101);
}

#[tokio::test]
async fn job_create() {
    let (emu, app, tok) = setup(&["createJobs"]).await;
    let body = "<Job><DatabaseID>1</DatabaseID><Workflow>Transcode to H.264</Workflow><JobName>Re-do ✓</JobName><Priority>2</Priority><Inputs><Media>102</Media></Inputs></Job>";
    let resp = user_req(&emu, Method::PUT, &app.api_key, &tok, "/imcc/v1/job")
        .header("Content-Type", "application/xml")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let guid = json(resp).await["GUID"].as_str().unwrap().to_string();
    assert_eq!(guid.len(), 36);
    let bad = "<Job><Workflow>2</Workflow><Priority>9</Priority></Job>";
    let resp = user_req(&emu, Method::PUT, &app.api_key, &tok, "/imcc/v1/job")
        .header("Content-Type", "application/xml")
        .body(bad)
        .send()
        .await
        .unwrap();
    assert_error(resp, 400, "Invalid job document.").await;
    let unknown = "<Job><Workflow>Nope</Workflow></Job>";
    let resp = user_req(&emu, Method::PUT, &app.api_key, &tok, "/imcc/v1/job")
        .header("Content-Type", "application/xml")
        .body(unknown)
        .send()
        .await
        .unwrap();
    assert_error(resp, 404, "Workflow not found.").await;
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
    let v = json(get("").await.unwrap()).await;
    assert_eq!(v.as_array().unwrap().len(), 6);
    let v = json(get("?type=Original").await.unwrap()).await;
    assert_eq!(v.as_array().unwrap().len(), 3);
    let v = json(get("?type=Rendition&usage=Video").await.unwrap()).await;
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["Name"], "H.264 720p");
    assert_eq!(v[0]["Attributes"]["Codec"], "h264");
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
    let v = json(get(String::new()).await.unwrap()).await;
    assert!(v.get("TotalCount").is_none());
    let all = v["Entries"].as_array().unwrap().clone();
    assert_eq!(all.len(), 12);
    assert!(
        all[0]["ModifiedDate"].as_str() > all[11]["ModifiedDate"].as_str(),
        "newest first"
    );
    let v = json(
        get("?limit=5&start=10&getTotalCount=true".into())
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(v["TotalCount"], 12);
    assert_eq!(v["Entries"].as_array().unwrap().len(), 2);
    let v = json(
        get("?sort=modifiedDate%20asc&limit=1".into())
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(v["Entries"][0]["ModifiedDate"], "2021-01-01T09:00:00Z");
    let v = json(get("?recordID=2&getTotalCount=1".into()).await.unwrap()).await;
    assert_eq!(v["TotalCount"], 1);
    let v = json(
        get("?type=edit&userID=1&getTotalCount=true".into())
            .await
            .unwrap(),
    )
    .await;
    assert!(
        v["Entries"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["Type"] == "edit" && e["UserID"] == 1)
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
