//! Fault injection (from code and the admin API), the admin API itself, and
//! the binary.

mod common;
use std::time::{Duration, Instant};

use common::*;
use imagen_emulator::Failure;
use serde_json::json;

/// An unauthenticated GET of the profile list, no Accept header.
async fn get_profiles(emu: &imagen_emulator::Emulator) -> reqwest::Response {
    client()
        .get(format!("{}/imcc/v1/profiles", emu.base_url()))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn rate_limited_then_served() {
    let emu = start().await;
    emu.faults().fail_next(
        2,
        Failure::RateLimited {
            retry_after_secs: 7,
        },
    );
    let url = format!("{}/imcc/v1/profiles", emu.base_url());
    for _ in 0..2 {
        let resp = client()
            .get(&url)
            .header("Accept", "application/json")
            .send()
            .await
            .unwrap();
        assert_eq!(resp.headers()["retry-after"], "7");
        assert_error(resp, 429, "Too many requests.").await;
    }
    let resp = get_profiles(&emu).await;
    assert_eq!(resp.status(), 200);
}

#[tokio::test]
async fn unavailable_for_n_requests() {
    let emu = start().await;
    let app = installed_app(&emu, &[]);
    emu.faults().fail_next(3, Failure::Unavailable);
    for _ in 0..3 {
        let resp = signed_get(&emu, &app, "/core/v1/application", &now_date()).await;
        assert_error(resp, 503, "The service is temporarily unavailable.").await;
    }
    let resp = signed_get(&emu, &app, "/core/v1/application", &now_date()).await;
    assert_eq!(resp.status(), 200);
}

#[tokio::test]
async fn clock_offset_moves_the_window_and_the_date_header() {
    let emu = start().await;
    let app = installed_app(&emu, &[]);
    emu.faults().clock_offset_secs(600);
    let resp = signed_get(&emu, &app, "/core/v1/application", &now_date()).await;
    let server = httpdate::parse_http_date(resp.headers()["date"].to_str().unwrap()).unwrap();
    let ahead = server.duration_since(std::time::SystemTime::now()).unwrap();
    assert!(
        // 600 s, less the time since the answer (a generous bound below;
        // the Date header's whole seconds can't put it above 600).
        ahead > Duration::from_secs(540) && ahead < Duration::from_secs(610),
        "{ahead:?}"
    );
    let v = assert_error(resp, 401, imagen_emulator::MSG_DATE).await;
    // A client that corrects its clock from the Details / Date header succeeds.
    let details = v["Error"]["Details"].as_str().unwrap();
    let server_time = details.strip_prefix("Server time: ").unwrap();
    let resp = signed_get(&emu, &app, "/core/v1/application", server_time).await;
    assert_eq!(resp.status(), 200);
    emu.faults().clock_offset_secs(-600);
    let resp = signed_get(&emu, &app, "/core/v1/application", &now_date()).await;
    assert_error(resp, 401, imagen_emulator::MSG_DATE).await;
    emu.faults().clear();
    let resp = signed_get(&emu, &app, "/core/v1/application", &now_date()).await;
    assert_eq!(resp.status(), 200);
}

#[tokio::test]
async fn latency_delays_answers() {
    let emu = start().await;
    emu.faults().latency(Duration::from_millis(300));
    let t = Instant::now();
    let resp = get_profiles(&emu).await;
    assert_eq!(resp.status(), 200);
    assert!(t.elapsed() >= Duration::from_millis(300));
}

#[tokio::test]
async fn admin_api_drives_applications_tokens_and_faults() {
    let emu = start().await;
    let admin = |path: &str| format!("{}/emulator/admin{path}", emu.base_url());
    let c = client();
    let resp = c
        .post(admin("/applications"))
        .json(&json!({"name": "Café app", "type": "installed", "scopes": ["readUsersData"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let v = json(resp).await;
    let key = v["api_key"].as_str().unwrap().to_string();
    let secret = v["secret"].as_str().unwrap().to_string();
    assert_eq!(v["Name"], "Café app");
    let app = imagen_emulator::Credentials {
        api_key: key.clone(),
        secret,
    };
    assert_eq!(emu.scopes_of(&key).unwrap(), ["readUsersData"]);

    let v = json(
        c.post(admin(&format!("/applications/{key}/scopes")))
            .json(&json!({"grant": ["createJobs"]}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(v["Scopes"]["Scope"].as_array().unwrap().len(), 2);
    let resp = c
        .post(admin(&format!("/applications/{key}/scopes")))
        .json(&json!({"grant": ["bogus"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);

    c.post(admin(&format!("/applications/{key}/disable")))
        .send()
        .await
        .unwrap();
    let resp = signed_get(&emu, &app, "/core/v1/application", &now_date()).await;
    assert_error(resp, 403, imagen_emulator::MSG_DISABLED).await;
    c.post(admin(&format!("/applications/{key}/enable")))
        .send()
        .await
        .unwrap();
    let resp = signed_get(&emu, &app, "/core/v1/application", &now_date()).await;
    assert_eq!(resp.status(), 200);

    let t = json(
        c.post(admin("/tokens"))
            .json(&json!({"api_key": key, "user": "ana", "scopes": ["createJobs"]}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let resp = user_send(
        &emu,
        reqwest::Method::GET,
        &key,
        t["access_token"].as_str().unwrap(),
        "/imcc/v1/workflows",
    )
    .await;
    assert_eq!(resp.status(), 200);

    let f = json(c.post(admin("/faults")).json(&json!({"fail_next": {"count": 1, "status": 429, "retry_after": 3}, "token_lifetime_secs": 5})).send().await.unwrap()).await;
    assert_eq!(f["fail_next"]["count"], 1);
    assert_eq!(f["token_lifetime_secs"], 5);
    let resp = get_profiles(&emu).await;
    assert_eq!(resp.status(), 429);
    assert_eq!(resp.headers()["retry-after"], "3");
    let resp = c
        .post(admin("/faults"))
        .json(&json!({"fail_next": {"count": 1, "status": 418}}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    let resp = c
        .post(admin("/faults"))
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);

    let list = json(c.get(admin("/applications")).send().await.unwrap()).await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["api_key"], key.as_str());
    let stats = json(c.get(admin("/stats")).send().await.unwrap()).await;
    assert_eq!(stats["token_requests"], 0);
    let resp = c
        .post(admin("/applications/nokey/disable"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 404);
}

/// The binary, as a user runs it. Every process here (the emulator, curl,
/// kill) runs under a time limit and is killed if the test fails first.
#[tokio::test]
async fn binary_prints_credentials_serves_and_stops_on_sigint() {
    use tokio::io::AsyncBufReadExt;
    const LIMIT: Duration = Duration::from_secs(60);
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_imagen-emulator"))
        .args(["--port", "0"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = tokio::io::BufReader::new(stdout).lines();
    let (mut url, mut key, mut secret) = (String::new(), String::new(), String::new());
    let banner = async {
        while let Some(line) = lines.next_line().await.unwrap() {
            if let Some(u) = line.strip_prefix("  export IMAGEN_MCC_URL=") {
                url = u.to_string();
            } else if let Some(k) = line.strip_prefix("  export IMAGEN_API_KEY=") {
                key = k.to_string();
            } else if let Some(s) = line.strip_prefix("  export IMAGEN_API_SECRET=") {
                secret = s.to_string();
            } else if line.starts_with("Press Ctrl-C") {
                return true;
            }
        }
        false
    };
    let complete = tokio::time::timeout(LIMIT, banner)
        .await
        .expect("the banner is printed within the limit");
    assert!(complete, "stdout ended before \"Press Ctrl-C\"");
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let date = now_date();
    let sig = get_signature(&secret, &date, "/core/v1/application");
    let out = run(
        tokio::process::Command::new("curl")
            .args(["-s", "--max-time", "30", "-H"])
            .arg(format!("X-Imagen-API-Key: {key}"))
            .arg("-H")
            .arg(format!("X-Imagen-Date: {date}"))
            .arg("-H")
            .arg(format!("X-Imagen-API-Signature: {sig}"))
            .args(["-H", "Accept: application/json"])
            .arg(format!("{url}/core/v1/application")),
        LIMIT,
    )
    .await;
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let scopes: Vec<&str> = v["Application"]["Scopes"]["Scope"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["Name"].as_str().unwrap())
        .collect();
    assert_eq!(scopes, ["createJobs", "modifyUsersData", "readUsersData"]);
    let pid = child.id().expect("still running").to_string();
    let kill = run(
        tokio::process::Command::new("kill").args(["-INT", &pid]),
        LIMIT,
    )
    .await;
    assert!(kill.status.success());
    let rest = async {
        let mut rest = Vec::new();
        while let Ok(Some(line)) = lines.next_line().await {
            rest.push(line);
        }
        rest
    };
    let rest = tokio::time::timeout(LIMIT, rest)
        .await
        .expect("stdout ends after SIGINT");
    assert!(rest.iter().any(|l| l == "Shutting down."), "{rest:?}");
    let status = tokio::time::timeout(LIMIT, child.wait())
        .await
        .expect("the emulator exits after SIGINT")
        .unwrap();
    assert!(status.success());
}

#[tokio::test]
async fn absurd_fault_values_do_not_break_the_server() {
    let emu = start().await;
    let app = installed_app(&emu, &[]);
    for off in [i64::MAX, i64::MIN] {
        emu.faults()
            .clock_offset_secs(off)
            .token_lifetime(Duration::MAX);
        let resp = get_profiles(&emu).await;
        assert_eq!(resp.status(), 200);
        assert!(httpdate::parse_http_date(resp.headers()["date"].to_str().unwrap()).is_ok());
        let t = emu
            .issue_token_for(&app.api_key, "zoe", &["readUsersData"])
            .unwrap();
        let resp = user_send(
            &emu,
            reqwest::Method::GET,
            &app.api_key,
            &t.access_token,
            "/imcc/v1/user",
        )
        .await;
        assert_eq!(resp.status(), 200);
    }
    // A signature header that is not base64, a date that is not a date.
    let resp = app_get_with(
        &emu,
        &app.api_key,
        "HMAC-SHA256 %%%",
        "/core/v1/application",
        &[("X-Imagen-Date", "yesterday")],
    )
    .await;
    assert_error(resp, 401, imagen_emulator::MSG_BAD_SIGNATURE).await;
    let resp = signed_get(&emu, &app, "/core/v1/application", "yesterday").await;
    assert_error(resp, 401, imagen_emulator::MSG_DATE).await;
}

#[tokio::test]
async fn admin_api_and_library_seed_workflows_records_and_media() {
    let emu = start().await;
    let admin = |path: &str| format!("{}/emulator/admin{path}", emu.base_url());
    let c = client();
    let post = |path: &str, body: serde_json::Value| c.post(admin(path)).json(&body).send();
    let w = json(
        post(
            "/workflows",
            json!({"name": "Regenerate Proxies 東京", "usage_type": "task", "media_types": ["Video", "Audio"],
                   "file_extensions": [{"Video": "mov,mp4"}], "can_clip": true}),
        )
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(w["Name"], "Regenerate Proxies 東京");
    assert_eq!(w["UsageType"], "Task");
    assert_eq!(w["MediaTypes"], "Video,Audio");
    assert_eq!(w["FileExtensions"], r#"[{"Video":"mov,mp4"}]"#);
    assert_eq!(w["CanClip"], true);
    let date = w["DateCreated"].as_str().unwrap();
    assert!(date.len() == 19 && date.as_bytes()[10] == b'T', "{date}");
    let guid = w["ID"].as_str().unwrap();
    assert_eq!(
        guid.split('-').nth(2).unwrap(),
        guid.split('-').nth(2).unwrap().to_lowercase()
    );
    // Same name again, unknown usage: 400.
    for body in [
        json!({"name": "Regenerate Proxies 東京"}),
        json!({"name": "x", "usage_type": "Sometimes"}),
    ] {
        assert_eq!(post("/workflows", body).await.unwrap().status(), 400);
    }
    let r = json(
        post("/records", json!({"id": 5531, "fields": {"Title": "Zoë"}}))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(r["ID"], 5531);
    let resp = post("/records", json!({"id": 5531})).await.unwrap();
    assert_eq!(resp.status(), 409);
    let m = json(
        post(
            "/media",
            json!({"id": 9120, "record_id": 5531, "file": "a.mov"}),
        )
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(m["ID"], 9120);
    let m = json(
        post(
            "/media",
            json!({"record_id": 5531, "media_type": "audio", "parent_id": 9120}),
        )
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(m["ID"], 109, "the next free media ID");
    assert_eq!(
        post("/media", json!({"record_id": 1, "media_type": "Smell"}))
            .await
            .unwrap()
            .status(),
        400
    );
    assert_eq!(
        post("/media", json!({"record_id": 77}))
            .await
            .unwrap()
            .status(),
        404
    );
    assert_eq!(
        post("/media", json!({"record_id": 1, "parent_id": 77}))
            .await
            .unwrap()
            .status(),
        404
    );
    // The library API does the same.
    assert_eq!(
        emu.add_record(None, &[("Title", "next")]).unwrap(),
        9,
        "IDs skip nothing below"
    );
    assert!(matches!(
        emu.add_record(Some(5531), &[]),
        Err(imagen_emulator::Error::IdTaken("record", 5531))
    ));
    assert!(matches!(
        emu.add_record(None, &[("not a name", "x")]),
        Err(imagen_emulator::Error::InvalidSpec(_))
    ));
    let wf = emu
        .add_workflow(imagen_emulator::WorkflowSpec::new("Audio only").media_types(&["Audio"]))
        .unwrap();
    assert_eq!(wf.len(), 36);
    // Seeded data is visible to the API.
    let app = installed_app(&emu, &["readUsersData", "createJobs"]);
    let t = emu
        .issue_token_for(&app.api_key, "zoe", &["readUsersData", "createJobs"])
        .unwrap();
    let resp = user_send(
        &emu,
        reqwest::Method::GET,
        &app.api_key,
        &t.access_token,
        "/imcc/v1/record/5531",
    )
    .await;
    let v = xml_ok(resp).await;
    assert_eq!(v.text_at("ImagenRecord/Fields/Title"), "Zoë");
    let resp = user_send(
        &emu,
        reqwest::Method::GET,
        &app.api_key,
        &t.access_token,
        "/imcc/v1/workflows",
    )
    .await;
    let names: Vec<String> = json(resp).await["Workflows"]["Workflow"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["Name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names.len(), 7);
    assert_eq!(names[5..], ["Regenerate Proxies 東京", "Audio only"]);
}

/// `GET /emulator` (the index of the admin API), and the admin fields that
/// only the HTTP API offers or that no other test sends over HTTP: faults
/// `latency_ms`, `clock_offset_secs`, `consent`, `clear` and a 503
/// `fail_next`; a web application with its `redirect_uri`; revoking a
/// scope. Each is shown to take effect, not only to be accepted.
#[tokio::test]
async fn admin_index_and_http_only_fields() {
    let emu = start().await;
    let admin = |path: &str| format!("{}/emulator/admin{path}", emu.base_url());
    let c = client();

    let resp = c
        .get(format!("{}/emulator", emu.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let index = resp.text().await.unwrap();
    for route in [
        "/emulator/admin/applications",
        "/emulator/admin/tokens",
        "/emulator/admin/faults",
        "/emulator/admin/stats",
        "/emulator/admin/workflows",
    ] {
        assert!(index.contains(route), "{route} missing from {index}");
    }

    let faults = |body: serde_json::Value| {
        let c = c.clone();
        let url = admin("/faults");
        async move { json(c.post(url).json(&body).send().await.unwrap()).await }
    };

    // Latency: answered only after it.
    let f = faults(json!({"latency_ms": 250})).await;
    assert_eq!(f["latency_ms"], 250);
    let t = Instant::now();
    assert_eq!(get_profiles(&emu).await.status(), 200);
    assert!(t.elapsed() >= Duration::from_millis(250));

    // A 503 burst, then served.
    let f = faults(json!({"fail_next": {"count": 2, "status": 503}})).await;
    assert_eq!(f["fail_next"], json!({"count": 2, "status": 503}));
    for _ in 0..2 {
        assert_eq!(get_profiles(&emu).await.status(), 503);
    }
    assert_eq!(get_profiles(&emu).await.status(), 200);

    // The clock, as the `Date` header shows it.
    let f = faults(json!({"clock_offset_secs": -3600})).await;
    assert_eq!(f["clock_offset_secs"], -3600);
    let resp = get_profiles(&emu).await;
    let server = httpdate::parse_http_date(resp.headers()["date"].to_str().unwrap()).unwrap();
    let behind = std::time::SystemTime::now().duration_since(server).unwrap();
    assert!(behind >= Duration::from_secs(3599), "{behind:?}");

    // `clear` removes latency, failures and the offset at once.
    faults(json!({"latency_ms": 60000, "fail_next": {"count": 9, "status": 429}})).await;
    let f = faults(json!({"clear": true})).await;
    assert_eq!(
        (&f["latency_ms"], &f["fail_next"], &f["clock_offset_secs"]),
        (&json!(0), &json!(null), &json!(0))
    );
    let resp = get_profiles(&emu).await;
    assert_eq!(resp.status(), 200);
    let server = httpdate::parse_http_date(resp.headers()["date"].to_str().unwrap()).unwrap();
    let off = server
        .duration_since(std::time::SystemTime::now())
        .unwrap_or_else(|e| e.duration());
    assert!(off < Duration::from_secs(60), "{off:?}");

    // A web application registered over HTTP, with its redirect URI.
    let web = json(
        c.post(admin("/applications"))
            .json(&json!({"name": "Web — Zoë", "type": "web", "redirect_uri": "https://app.example/cb", "scopes": ["readUsersData", "modifyUsersData"]}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let key = web["api_key"].as_str().unwrap().to_owned();
    for body in [
        json!({"name": "No redirect", "type": "web"}),
        json!({"name": "Odd", "type": "desktop"}),
    ] {
        let resp = c
            .post(admin("/applications"))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 400, "{body}");
    }

    // Consent: what the authorization page does, switched over HTTP.
    let authorize = format!(
        "{}/oauth/authorize?client_id={key}&redirect_uri=https%3A%2F%2Fapp.example%2Fcb\
         &response_type=code&scope=readUsersData&state=st",
        emu.web_url()
    );
    let consent = |mode: &'static str| {
        let c = c.clone();
        let authorize = authorize.clone();
        let faults = faults(json!({ "consent": mode }));
        async move {
            assert_eq!(faults.await["consent"], mode);
            c.get(&authorize).send().await.unwrap()
        }
    };
    let denied = consent("deny").await;
    assert_eq!(denied.status(), 302);
    let to = denied.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        to.starts_with("https://app.example/cb?") && to.contains("error=access_denied"),
        "{to}"
    );
    let approved = consent("approve").await;
    let to = approved.headers()["location"].to_str().unwrap().to_owned();
    assert!(to.contains("code=") && to.contains("state=st"), "{to}");
    let prompt = consent("prompt").await;
    assert_eq!(prompt.status(), 200);
    assert!(prompt.text().await.unwrap().contains("value=\"approve\""));
    let resp = c
        .post(admin("/faults"))
        .json(&json!({"consent": "maybe"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);

    // Revoking a scope over HTTP.
    let app = json(
        c.post(admin(&format!("/applications/{key}/scopes")))
            .json(&json!({"revoke": ["modifyUsersData"]}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let names: Vec<&str> = app["Scopes"]["Scope"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["Name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["readUsersData"]);
    assert_eq!(emu.scopes_of(&key).unwrap(), ["readUsersData"]);
}
