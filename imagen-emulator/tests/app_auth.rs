//! Application-context authentication: signatures, dates, disabled
//! applications, error bodies.

mod common;
use common::*;
use std::time::Duration;

#[tokio::test]
async fn signed_request_is_accepted_and_answers_the_application() {
    let emu = start().await;
    let app = installed_app(&emu, &[]);
    emu.grant_scope(&app.api_key, "createJobs").unwrap();
    let resp = signed_get(&emu, &app, "/core/v1/application", &now_date()).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(
        resp.headers()["content-type"],
        "application/json; charset=utf-8"
    );
    assert!(resp.headers().contains_key("date"));
    let v = json(resp).await;
    let a = &v["Application"];
    assert_eq!(a["APIKey"], app.api_key.as_str());
    assert_eq!(a["Name"], "Test app — Zoë");
    assert_eq!(a["Enabled"], 1);
    assert_eq!(a["DatabaseID"], 1);
    assert_eq!(a["Logo"], "");
    assert_eq!(a["SecretAccessKey"], app.secret.as_str());
    assert_eq!(a["ApplicationType"], "installed");
    let created = a["Created"].as_str().unwrap();
    assert!(created.ends_with('Z') && created.len() == 20, "{created}");
    let names: Vec<&str> = a["Scopes"]["Scope"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["Name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["createJobs", "modifyUsersData", "readUsersData"]);
    assert!(
        a["Scopes"]["Scope"][0]["Description"]
            .as_str()
            .unwrap()
            .contains("workflow jobs")
    );
    emu.shutdown().await;
}

#[tokio::test]
async fn query_string_is_part_of_the_signature() {
    let emu = start().await;
    let app = installed_app(&emu, &[]);
    // Signed with the query → accepted.
    let r = "/imcc/v1/record/1?x=%C3%A9t%C3%A9";
    let resp = signed_get(&emu, &app, r, &now_date()).await;
    assert_eq!(resp.status(), 200);
    // Signed without the query but sent with it → rejected.
    let date = now_date();
    let sig = get_signature(&app.secret, &date, "/imcc/v1/record/1");
    let resp = app_get_with(&emu, &app.api_key, &sig, r, &[("X-Imagen-Date", &date)]).await;
    assert_error(resp, 401, imagen_emulator::MSG_BAD_SIGNATURE).await;
}

#[tokio::test]
async fn openssl_signature_sent_with_curl() {
    let emu = start().await;
    let app = installed_app(&emu, &[]);
    let date = now_date();
    let resource = "/core/v1/application";
    let string_to_sign = format!("GET\n\n\n\n{date}\n{resource}");
    let out = run(
        tokio::process::Command::new("sh")
            .arg("-c")
            .arg("printf '%s' \"$MSG\" | openssl dgst -sha256 -hmac \"$SECRET\" -binary | openssl base64 -A")
            .env("MSG", &string_to_sign)
            .env("SECRET", &app.secret),
        Duration::from_secs(60),
    )
    .await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let b64 = String::from_utf8(out.stdout).unwrap().trim().to_string();
    assert_eq!(
        format!("HMAC-SHA256 {b64}"),
        get_signature(&app.secret, &date, resource),
        "openssl and the test's HMAC agree"
    );
    let url = format!("{}{resource}", emu.base_url());
    let curl = |sig: String| {
        let url = url.clone();
        let key = app.api_key.clone();
        let date = date.clone();
        async move {
            run(
                tokio::process::Command::new("curl")
                    .args(["-s", "--max-time", "30", "-w", "\n%{http_code}", "-H"])
                    .arg(format!("X-Imagen-API-Key: {key}"))
                    .arg("-H")
                    .arg(format!("X-Imagen-Date: {date}"))
                    .arg("-H")
                    .arg(format!("X-Imagen-API-Signature: {sig}"))
                    .arg("-H")
                    .arg("Accept: application/json")
                    .arg(&url),
                Duration::from_secs(60),
            )
            .await
        }
    };
    let out = curl(format!("HMAC-SHA256 {b64}")).await;
    let text = String::from_utf8(out.stdout).unwrap();
    let (body, code) = text.rsplit_once('\n').unwrap();
    assert_eq!(code, "200", "{body}");
    let v: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(v["Application"]["APIKey"], app.api_key.as_str());

    // Tamper with one character of the signature.
    let mut bad: Vec<char> = b64.chars().collect();
    bad[0] = if bad[0] == 'A' { 'B' } else { 'A' };
    let out = curl(format!(
        "HMAC-SHA256 {}",
        bad.into_iter().collect::<String>()
    ))
    .await;
    let text = String::from_utf8(out.stdout).unwrap();
    let (body, code) = text.rsplit_once('\n').unwrap();
    assert_eq!(code, "401");
    let v: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(
        v["Error"]["Message"],
        "The request signature does not match."
    );
}

#[tokio::test]
async fn stale_and_future_dates_are_rejected_with_server_time() {
    let emu = start().await;
    let app = installed_app(&emu, &[]);
    for offset in [-6 * 60, 6 * 60] {
        let resp = signed_get(&emu, &app, "/core/v1/application", &date_offset(offset)).await;
        let server_date = resp.headers()["date"].to_str().unwrap().to_string();
        let v = assert_error(resp, 401, imagen_emulator::MSG_DATE).await;
        let details = v["Error"]["Details"].as_str().unwrap();
        assert!(details.starts_with("Server time: "), "{details}");
        assert!(httpdate::parse_http_date(&server_date).is_ok());
    }
    // Within the window: fine.
    let resp = signed_get(&emu, &app, "/core/v1/application", &date_offset(-4 * 60)).await;
    assert_eq!(resp.status(), 200);
}

#[tokio::test]
async fn date_header_is_used_only_as_imf_fixdate_and_x_imagen_date_wins() {
    let emu = start().await;
    let app = installed_app(&emu, &[]);
    let resource = "/core/v1/application";
    // `Date` alone, IMF-fixdate: accepted.
    let date = now_date();
    let sig = get_signature(&app.secret, &date, resource);
    let resp = app_get_with(&emu, &app.api_key, &sig, resource, &[("Date", &date)]).await;
    assert_eq!(resp.status(), 200);
    // `Date` in RFC 850 form: ignored, so no date at all.
    let rfc850 = "Sunday, 06-Nov-94 08:49:37 GMT";
    let sig = get_signature(&app.secret, rfc850, resource);
    let resp = app_get_with(&emu, &app.api_key, &sig, resource, &[("Date", rfc850)]).await;
    assert_error(resp, 401, imagen_emulator::MSG_NO_AUTH).await;
    // Both: X-Imagen-Date is the one signed and checked.
    let good = now_date();
    let stale = date_offset(-3600);
    let sig = get_signature(&app.secret, &good, resource);
    let dates = [("Date", stale.as_str()), ("X-Imagen-Date", good.as_str())];
    let resp = app_get_with(&emu, &app.api_key, &sig, resource, &dates).await;
    assert_eq!(resp.status(), 200);
}

#[tokio::test]
async fn disabled_application_then_enabled_again() {
    let emu = start().await;
    let app = installed_app(&emu, &[]);
    emu.set_enabled(&app.api_key, false).unwrap();
    let resp = signed_get(&emu, &app, "/core/v1/application", &now_date()).await;
    assert_error(resp, 403, imagen_emulator::MSG_DISABLED).await;
    emu.set_enabled(&app.api_key, true).unwrap();
    let resp = signed_get(&emu, &app, "/core/v1/application", &now_date()).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(json(resp).await["Application"]["Enabled"], 1);
}

#[tokio::test]
async fn unknown_key_and_missing_credentials() {
    let emu = start().await;
    let app = installed_app(&emu, &[]);
    let other = imagen_emulator::Credentials {
        api_key: "nope".into(),
        secret: app.secret.clone(),
    };
    let resp = signed_get(&emu, &other, "/core/v1/application", &now_date()).await;
    assert_error(resp, 401, imagen_emulator::MSG_UNKNOWN_KEY).await;
    let resp = client()
        .get(format!("{}/core/v1/application", emu.base_url()))
        .header("Accept", "application/json")
        .send()
        .await
        .unwrap();
    assert_error(resp, 401, "Some authentication must be supplied.").await;
}

#[tokio::test]
async fn error_body_is_xml_unless_json_is_accepted() {
    let emu = start().await;
    let url = format!("{}/core/v1/application", emu.base_url());
    let resp = client().get(&url).send().await.unwrap();
    assert_eq!(resp.status(), 401);
    assert_eq!(
        resp.headers()["content-type"],
        "application/xml; charset=utf-8"
    );
    let body = resp.text().await.unwrap();
    assert!(body.starts_with(XML_DECL), "{body}");
    assert!(
        body.contains(
            "<Error><Code>401</Code><Message>Some authentication must be supplied.</Message><Details>"
        ),
        "{body}"
    );
    let resp = client()
        .get(&url)
        .header("Accept", "text/html, application/json;q=0.9")
        .send()
        .await
        .unwrap();
    assert_error(resp, 401, "Some authentication must be supplied.").await;
    // Data answers follow the same rule.
    let resp = client()
        .get(format!("{}/imcc/v1/profiles?usage=Image", emu.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let body = resp.text().await.unwrap();
    assert!(body.contains("<Response><Profiles><Profile>"), "{body}");
    assert!(body.contains("<Name>JPEG thumbnail</Name>"), "{body}");
}

#[tokio::test]
async fn user_resource_refuses_application_signature() {
    let emu = start().await;
    let app = installed_app(&emu, &[]);
    let resp = signed_get(&emu, &app, "/imcc/v1/user", &now_date()).await;
    assert_error(resp, 403, imagen_emulator::MSG_NEEDS_USER).await;
    // And an application resource refuses a bearer token.
    let t = emu
        .issue_token_for(&app.api_key, "zoe", &["readUsersData"])
        .unwrap();
    let resp = user_send(
        &emu,
        reqwest::Method::GET,
        &app.api_key,
        &t.access_token,
        "/core/v1/application",
    )
    .await;
    assert_error(resp, 403, imagen_emulator::MSG_NEEDS_APP).await;
}

#[tokio::test]
async fn content_md5_and_content_type_are_signed_and_md5_checked() {
    let emu = start().await;
    let app = installed_app(&emu, &[]);
    use base64::Engine;
    use md5::{Digest, Md5};
    let body = "<Records/>";
    let md5 = base64::engine::general_purpose::STANDARD.encode(Md5::digest(body.as_bytes()));
    let date = now_date();
    let ct = "application/xml; charset=utf-8";
    let resource = "/imcc/v1/record/2";
    let sig = signature(
        &app.secret,
        "GET",
        &body.len().to_string(),
        &md5,
        ct,
        &date,
        resource,
    );
    let send = |md5: String, sig: String| {
        client()
            .get(format!("{}{resource}", emu.base_url()))
            .header("X-Imagen-API-Key", &app.api_key)
            .header("X-Imagen-Date", &date)
            .header("X-Imagen-API-Signature", sig)
            .header("Content-MD5", md5)
            .header("Content-Type", ct)
            .header("Accept", "application/json")
            .body(body)
            .send()
    };
    let resp = send(md5.clone(), sig.clone()).await.unwrap();
    let v = xml_ok(resp).await;
    assert_eq!(v.text_at("ImagenRecord/Fields/Title"), "東京タワー");
    let wrong = base64::engine::general_purpose::STANDARD.encode(Md5::digest(b"other"));
    let sig2 = signature(
        &app.secret,
        "GET",
        &body.len().to_string(),
        &wrong,
        ct,
        &date,
        resource,
    );
    let resp = send(wrong, sig2).await.unwrap();
    assert_error(resp, 400, "The Content-MD5 header does not match").await;
}

#[tokio::test]
async fn application_as_xml_and_urls() {
    let emu = start().await;
    assert_eq!(emu.mcc_url(), emu.base_url());
    assert_eq!(emu.web_url(), emu.base_url());
    assert!(emu.base_url().starts_with("http://127.0.0.1:"));
    let app = emu
        .create_application(
            imagen_emulator::ApplicationSpec::web("Site <Zoë>", "https://app.example/cb")
                .scopes(&["readUsersData", "roles"]),
        )
        .unwrap();
    let date = now_date();
    let sig = get_signature(&app.secret, &date, "/core/v1/application");
    let resp = client()
        .get(format!("{}/core/v1/application", emu.base_url()))
        .header("X-Imagen-API-Key", &app.api_key)
        .header("X-Imagen-Date", &date)
        .header("X-Imagen-API-Signature", sig)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(
        resp.headers()["content-type"],
        "application/xml; charset=utf-8"
    );
    let body = resp.text().await.unwrap();
    assert!(body.starts_with(XML_DECL), "{body}");
    assert!(body.contains("<Response><Application>"), "{body}");
    assert!(body.contains("<Name>Site &lt;Zoë&gt;</Name>"), "{body}");
    let a = parse_xml(&body);
    let a = a.kid("Application");
    assert_eq!(
        a.names(),
        [
            "APIKey",
            "SecretAccessKey",
            "Name",
            "Created",
            "Enabled",
            "RedirectURI",
            "Contact",
            "Website",
            "Description",
            "Logo",
            "DeveloperEmail",
            "ApplicationType",
            "DatabaseID",
            "Scopes"
        ]
    );
    assert_eq!(a.text_at("APIKey"), app.api_key);
    assert_eq!(a.text_at("SecretAccessKey"), app.secret);
    assert_eq!(a.text_at("Name"), "Site <Zoë>");
    assert_eq!(a.text_at("Enabled"), "1");
    assert_eq!(a.text_at("ApplicationType"), "web");
    assert_eq!(a.text_at("RedirectURI"), "https://app.example/cb");
    assert_eq!(a.text_at("DatabaseID"), "1");
    assert_eq!(a.text_at("Logo"), "");
    let scopes: Vec<(&str, &str)> = a
        .kid("Scopes")
        .all("Scope")
        .iter()
        .map(|s| {
            assert_eq!(s.names(), ["Name", "Description"]);
            (s.text_at("Name"), s.text_at("Description"))
        })
        .collect();
    assert_eq!(
        scopes,
        [
            (
                "readUsersData",
                "View records, media and collections that the creating user can see."
            ),
            ("roles", "Search for users and groups.")
        ]
    );
    assert!(emu.grant_scope(&app.api_key, "nonsense").is_err());
    assert!(emu.set_enabled("missing", false).is_err());
}
