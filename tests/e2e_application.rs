//! End to end, application context: the generated client signs requests
//! and the emulator verifies them with its own HMAC code, over real HTTP on
//! loopback. Also the answer formats (XML by default, JSON where the
//! endpoint offers it and the session prefers it), the refusals the server
//! makes where the client's types are bypassed (`Session::raw`, the
//! `on_request` hook), clock skew, retries and faults.

mod common;

use imagen::api::HostUrls as _;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use common::{app, client, code, counting_session, message, session};
use imagen::api::Client;
use imagen::api::types::{ApplicationType, Profile};
use imagen::oauth::OAuthError;
use imagen::signing::{HEADER_DATE, HEADER_SIGNATURE, StringToSign, imf_fixdate};
use imagen::wire::Format;
use imagen::{ApiSecret, Auth, Error, Method, RetryPolicy};
use imagen_emulator::{Credentials, Emulator, Failure};

imagen::scopes!(pub JobsApp = ModifyUsersData, CreateJobs);

/// A session for `app` preferring `format`, and the `Accept` header of
/// every attempt it sends.
fn session_recording_accept(
    emu: &Emulator,
    app: &Credentials,
    format: Format,
) -> (imagen::Session, Arc<Mutex<Vec<String>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let s = common::builder(emu, app)
        .answer_format(format)
        .on_request(move |req| {
            let accept = req
                .headers()
                .get("accept")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string();
            log.lock().unwrap().push(accept);
        })
        .build()
        .unwrap();
    (s, seen)
}

#[tokio::test]
async fn application_get_names_the_application_and_its_scopes() {
    let emu = common::start().await;
    let creds = app(
        &emu,
        "Zoë's archive — 東京 & <Co>",
        &["readUsersData", "createJobs"],
    );
    let got = client(&emu, &creds)
        .application()
        .get()
        .send()
        .await
        .unwrap();

    assert_eq!(got.api_key.as_deref(), Some(creds.api_key.as_str()));
    assert_eq!(got.name, "Zoë's archive — 東京 & <Co>");
    assert_eq!(got.enabled, Some(true));
    assert_eq!(got.application_type, Some(ApplicationType::Installed));
    assert_eq!(got.database_id, Some(1));
    assert_eq!(
        got.description.as_deref(),
        Some("Application 'Zoë's archive — 東京 & <Co>' registered in the Imagen emulator.")
    );
    let created = got.created.as_deref().expect("Created");
    assert!(
        created.len() == 20 && created.ends_with('Z') && created.as_bytes()[10] == b'T',
        "ISO 8601 in UTC: {created}"
    );
    let scopes: Vec<&str> = got
        .scopes
        .as_ref()
        .expect("Scopes listed")
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(scopes, ["createJobs", "readUsersData"]);
    assert!(
        got.scopes.as_ref().unwrap()[1]
            .description
            .as_deref()
            .is_some_and(|d| d.starts_with("View records")),
        "{got:?}"
    );

    // The secret comes back, and is never printed.
    let secret = got.secret_access_key.as_ref().expect("SecretAccessKey");
    assert_eq!(secret.secret(), creds.secret);
    assert_eq!(secret, &ApiSecret::new(creds.secret.clone()));
    let debug = format!("{got:?} {secret:?}");
    assert!(!debug.contains(&creds.secret), "{debug}");
    assert!(debug.contains(imagen::secret::REDACTED), "{debug}");
}

/// The application resource offers XML (the default) and JSON: a session
/// that prefers JSON asks for it, and both answers decode to equal values.
/// An XML-only resource is asked for XML whatever the session prefers.
#[tokio::test]
async fn application_get_in_xml_and_json_gives_equal_values() {
    let emu = common::start().await;
    let creds = app(&emu, "Formats — Zoë 東京", &["readUsersData", "createJobs"]);
    let (xml_session, xml_accept) = session_recording_accept(&emu, &creds, Format::Xml);
    let (json_session, json_accept) = session_recording_accept(&emu, &creds, Format::Json);

    let from_xml = Client::new(xml_session)
        .application()
        .get()
        .send()
        .await
        .unwrap();
    let json_client = Client::new(json_session);
    let from_json = json_client.application().get().send().await.unwrap();
    assert_eq!(*xml_accept.lock().unwrap(), ["application/xml"]);
    assert_eq!(*json_accept.lock().unwrap(), ["application/json"]);
    assert_eq!(from_xml, from_json);
    assert_eq!(from_json.name, "Formats — Zoë 東京");
    assert_eq!(from_json.enabled, Some(true), "Enabled 1 in JSON too");
    assert_eq!(from_json.database_id, Some(1));
    assert_eq!(from_json.scopes.as_ref().map(Vec::len), Some(2));

    // Profiles answer XML only: asked for XML although JSON is preferred.
    let profiles = json_client.profiles().list().send().await.unwrap();
    assert_eq!(profiles.len(), 6);
    assert_eq!(json_accept.lock().unwrap()[1], "application/xml");

    // An error answer of a JSON-preferring session is JSON: no `Code`.
    emu.set_enabled(&creds.api_key, false).unwrap();
    let e = json_client.application().get().send().await.unwrap_err();
    assert!(matches!(e, Error::ApplicationDisabled { .. }), "{e:?}");
    assert_eq!(message(&e), "The application is disabled.");
    assert_eq!(code(&e), None, "JSON errors carry no Code");
    let e = Client::new(common::session(&emu, &creds))
        .application()
        .get()
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::ApplicationDisabled { .. }), "{e:?}");
    assert_eq!(message(&e), "The application is disabled.");
    assert_eq!(code(&e), Some("403"), "the XML error's Code");
}

#[tokio::test]
async fn records_get_signed_reflects_the_application_scopes() {
    let emu = common::start().await;
    let editor = app(&emu, "Editor", &[]); // defaults: read + modify
    let reader = app(&emu, "Reader", &["readUsersData"]);

    let r = client(&emu, &editor).records().get(2).send().await.unwrap();
    assert_eq!(r.id, 2);
    assert_eq!(r.fields["Title"], "東京タワー");
    assert_eq!(r.fields["Description"], "Tokyo Tower at night — 夜景");
    assert_eq!(r.fields["Location"], "東京");
    assert_eq!(
        r.fields["Category"], "Architecture,Night",
        "multi-value, comma-joined"
    );
    assert_eq!(r.fields["Summary"], "", "an empty field is an empty string");
    assert_eq!(r.fields["imagenLastRecordChange"], "2021-02-02 10:30:00");
    // One field per schema field, in the server's (schema) order.
    let names: Vec<&str> = r.fields.keys().map(String::as_str).collect();
    assert_eq!(
        names,
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
    assert!(r.can_edit);

    let r = client(&emu, &reader).records().get(3).send().await.unwrap();
    assert_eq!(r.fields["Title"], "🎞️ Film reel");
    assert!(!r.can_edit, "readUsersData alone cannot edit");

    let e = client(&emu, &reader)
        .records()
        .get(999)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
    assert_eq!(message(&e), "Record not found.");
    assert_eq!(common::api(&e).details.as_deref(), Some("No record 999."));
    assert_eq!(code(&e), Some("404"));
}

#[tokio::test]
async fn profiles_list_filters_by_type_and_usage() {
    let emu = common::start().await;
    let creds = app(&emu, "Profiles", &[]);
    let c = client(&emu, &creds);
    let names =
        |v: Vec<Profile>| -> Vec<(i64, String)> { v.into_iter().map(|p| (p.id, p.name)).collect() };

    let all = c.profiles().list().send().await.unwrap();
    assert_eq!(all.len(), 6);
    assert_eq!(all[1].name, "H.264 720p");
    assert_eq!(all[1].profile_type, "Rendition");
    assert_eq!(all[1].usage, "Video");
    let attributes = all[1].attributes.as_ref().expect("Attributes");
    let keys: Vec<&str> = attributes.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        ["Format", "DownloadCostMultiplier", "DisplayNames"],
        "document order"
    );
    assert_eq!(attributes["Format"], "H.264 1280x720");
    let display: serde_json::Value =
        serde_json::from_str(&attributes["DisplayNames"]).expect("DisplayNames is JSON text");
    assert_eq!(display[1]["name"], "HDプロキシ");
    assert_eq!(
        all[2].attributes.as_ref().unwrap()["Description"],
        "Thumbnail — für Vorschauen"
    );

    let renditions = c
        .profiles()
        .list()
        .profile_type("Rendition")
        .send()
        .await
        .unwrap();
    assert_eq!(
        names(renditions),
        [(2, "H.264 720p".into()), (3, "JPEG thumbnail".into())]
    );
    let images = c.profiles().list().usage("image").send().await.unwrap();
    assert_eq!(
        names(images),
        [(3, "JPEG thumbnail".into()), (5, "Original image".into())],
        "filters are case-insensitive"
    );
    let both = c
        .profiles()
        .list()
        .profile_type("Original")
        .usage("Audio")
        .send()
        .await
        .unwrap();
    assert_eq!(names(both), [(6, "Original audio".into())]);

    // A value outside the lists is the server's 400, in XML.
    let e = c
        .profiles()
        .list()
        .profile_type("video")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Status { .. }), "{e:?}");
    assert_eq!(message(&e), "Invalid value for parameter 'type'.");
    assert_eq!(code(&e), Some("400"));
    assert_eq!(
        common::api(&e).details.as_deref(),
        Some("'video' is not one of Original, Rendition, Temporary.")
    );

    // `auth: none`: no credentials at all go out, so even a wrong secret works.
    let wrong = imagen::Session::builder()
        .api_key("no-such-key")
        .api_secret("wrong")
        .mcc_url(emu.mcc_url())
        .build()
        .unwrap();
    let temporary = Client::new(wrong)
        .profiles()
        .list()
        .profile_type("Temporary")
        .send()
        .await
        .unwrap();
    assert_eq!(names(temporary), [(4, "Waveform preview".into())]);
}

#[tokio::test]
async fn verify_scopes_names_declared_scopes_until_granted() {
    let emu = common::start().await;
    let creds = app(&emu, "Jobs", &["modifyUsersData"]);
    let jobs = client(&emu, &creds).with_scopes::<JobsApp>();
    assert_eq!(jobs.declared_scopes(), ["modifyUsersData", "createJobs"]);

    match jobs.verify_scopes().await {
        Err(Error::OAuth(OAuthError::ScopesNotGranted { missing, .. })) => {
            assert_eq!(missing, ["createJobs"])
        }
        other => panic!("expected ScopesNotGranted, got {other:?}"),
    }
    emu.grant_scope(&creds.api_key, "createJobs").unwrap();
    jobs.verify_scopes().await.unwrap();

    // The default set (readUsersData, modifyUsersData) once both are listed.
    emu.grant_scope(&creds.api_key, "readUsersData").unwrap();
    client(&emu, &creds).verify_scopes().await.unwrap();
    emu.revoke_scope(&creds.api_key, "modifyUsersData").unwrap();
    match client(&emu, &creds).verify_scopes().await {
        Err(Error::OAuth(OAuthError::ScopesNotGranted { missing, .. })) => {
            assert_eq!(missing, ["modifyUsersData"])
        }
        other => panic!("expected ScopesNotGranted, got {other:?}"),
    }
}

/// `modifyUsersData` implies `readUsersData` (api/imagen.yaml `implies`):
/// the server lets an application holding only `modifyUsersData` read, the
/// type-level check lets a set declaring it read, and `verify_scopes` counts
/// the implied scope as granted.
#[tokio::test]
async fn verify_scopes_honours_implied_scopes() {
    let emu = common::start().await;
    let creds = app(&emu, "Modify only", &["modifyUsersData"]);
    let c = client(&emu, &creds);
    // The server grants the implied scope...
    c.records().get(1).send().await.unwrap();
    // ...so the default set is granted.
    c.verify_scopes().await.unwrap();
    // The type-level check: a set declaring only modifyUsersData may call
    // an endpoint that needs readUsersData (this compiles only because of
    // the implication; `tests/ui/fail/missing_read_users_data.rs` shows a
    // set with neither scope refused), and its scopes are granted too.
    let modify_only = client(&emu, &creds).with_scopes::<ModifyOnly>();
    assert_eq!(modify_only.declared_scopes(), ["modifyUsersData"]);
    let record = modify_only.records().get(1).send().await.unwrap();
    assert_eq!(record.id, 1);
    modify_only.verify_scopes().await.unwrap();
}

imagen::scopes!(ModifyOnly = ModifyUsersData);

#[tokio::test]
async fn disabled_application_is_refused_until_enabled() {
    let emu = common::start().await;
    let creds = app(&emu, "Toggle", &[]);
    let c = client(&emu, &creds);
    c.application().get().send().await.unwrap();

    emu.set_enabled(&creds.api_key, false).unwrap();
    let e = c.application().get().send().await.unwrap_err();
    assert!(matches!(e, Error::ApplicationDisabled { .. }), "{e:?}");
    assert_eq!(e.status(), Some(403));
    let e = c.records().get(1).send().await.unwrap_err();
    assert!(matches!(e, Error::ApplicationDisabled { .. }), "{e:?}");

    emu.set_enabled(&creds.api_key, true).unwrap();
    let got = c.application().get().send().await.unwrap();
    assert_eq!(got.enabled, Some(true));
}

#[tokio::test]
async fn user_endpoint_with_only_a_signature_is_refused() {
    let emu = common::start().await;
    let creds = app(&emu, "Signed only", &[]);
    let s = session(&emu, &creds);
    for path in [
        "/imcc/v1/user",
        "/imcc/v1/record/search?query=WHERE%20ID%20%3E%200",
    ] {
        let e = s
            .raw(Method::Get, "mcc", path)
            .auth(Auth::Application)
            .send()
            .await
            .unwrap_err();
        assert!(matches!(e, Error::Forbidden { .. }), "{path}: {e:?}");
        assert_eq!(message(&e), "This resource requires user authentication.");
        // A raw request asks for JSON: the JSON error document has no Code.
        assert_eq!(code(&e), None, "{path}");
        // Asked for XML, the same refusal is the XML error document.
        let e = s
            .raw(Method::Get, "mcc", path)
            .auth(Auth::Application)
            .header("Accept", "application/xml")
            .send()
            .await
            .unwrap_err();
        assert!(matches!(e, Error::Forbidden { .. }), "{path}: {e:?}");
        assert_eq!(message(&e), "This resource requires user authentication.");
        assert_eq!(code(&e), Some("403"), "{path}");
    }
    // Without any credentials the server asks for some.
    let e = s
        .raw(Method::Get, "mcc", "/imcc/v1/user")
        .auth(Auth::None)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Unauthorized { .. }), "{e:?}");
    assert_eq!(message(&e), "Some authentication must be supplied.");
}

#[tokio::test]
async fn clock_ahead_of_the_client_is_learnt_and_the_request_retried() {
    let emu = common::start().await;
    let creds = app(&emu, "Skew", &[]);
    emu.faults().clock_offset_secs(600);
    let (s, attempts) = counting_session(&emu, &creds);
    assert_eq!(s.clock_offset_secs(), 0);

    let got = Client::new(s.clone())
        .application()
        .get()
        .send()
        .await
        .unwrap();
    assert_eq!(got.api_key.as_deref(), Some(creds.api_key.as_str()));
    assert_eq!(
        attempts.load(Ordering::SeqCst),
        2,
        "rejected once, then retried"
    );
    let off = s.clock_offset_secs();
    assert!((598..=602).contains(&off), "offset {off}");

    // The offset is kept: the next request is signed right the first time.
    Client::new(s.clone())
        .records()
        .get(1)
        .send()
        .await
        .unwrap();
    assert_eq!(attempts.load(Ordering::SeqCst), 3);
}

/// The hook rewrites the date ten minutes into the past *and signs again*,
/// so that only the date is wrong: the runtime corrects its clock and
/// retries once, then gives up with `DateRejected`.
#[tokio::test]
async fn a_date_that_stays_stale_is_retried_once_then_reported() {
    let emu = common::start().await;
    let creds = app(&emu, "Stale", &[]);
    let secret = ApiSecret::new(creds.secret.clone());
    let attempts = Arc::new(Mutex::new(Vec::<String>::new()));
    let seen = attempts.clone();
    let s = common::builder(&emu, &creds)
        .on_request(move |req| {
            let stale = imf_fixdate(SystemTime::now() - Duration::from_secs(600));
            let sts =
                StringToSign::from_parts(req.method().as_str(), req.url(), req.headers(), &stale);
            let h = req.headers_mut();
            h.insert(HEADER_DATE, stale.parse().unwrap());
            h.insert(HEADER_SIGNATURE, sts.signature(&secret).parse().unwrap());
            seen.lock().unwrap().push(stale);
        })
        .build()
        .unwrap();

    let e = Client::new(s.clone())
        .application()
        .get()
        .send()
        .await
        .unwrap_err();
    match &e {
        Error::DateRejected { server_time, api } => {
            let t = server_time.expect("the server's clock is known");
            let diff = t
                .duration_since(SystemTime::now())
                .unwrap_or_else(|e| e.duration());
            // The emulator's clock is this machine's: the parsed server
            // time is now, give or take the call (a generous bound; a
            // misparsed date is off by hours or years).
            assert!(
                diff < Duration::from_secs(60),
                "server time off by {diff:?}"
            );
            assert!(
                api.details
                    .as_deref()
                    .is_some_and(|d| d.starts_with("Server time: ")),
                "{api:?}"
            );
        }
        other => panic!("expected DateRejected, got {other:?}"),
    }
    assert_eq!(
        attempts.lock().unwrap().len(),
        2,
        "one correction, one retry"
    );
}

#[tokio::test]
async fn tampered_signature_is_rejected_and_not_retried() {
    let emu = common::start().await;
    let creds = app(&emu, "Tamper", &[]);
    let count = Arc::new(Mutex::new(0));
    let seen = count.clone();
    let s = common::builder(&emu, &creds)
        .on_request(move |req| {
            let h = req.headers_mut();
            let sig = h[HEADER_SIGNATURE].to_str().unwrap().to_string();
            // Change one base64 character in the middle of the MAC.
            let i = "HMAC-SHA256 ".len() + 10;
            let flipped = if &sig[i..=i] == "A" { "B" } else { "A" };
            let tampered = format!("{}{flipped}{}", &sig[..i], &sig[i + 1..]);
            assert_ne!(tampered, sig);
            h.insert(HEADER_SIGNATURE, tampered.parse().unwrap());
            *seen.lock().unwrap() += 1;
        })
        .build()
        .unwrap();
    let e = Client::new(s).application().get().send().await.unwrap_err();
    assert!(matches!(e, Error::SignatureRejected { .. }), "{e:?}");
    assert_eq!(message(&e), "The request signature does not match.");
    assert_eq!(*count.lock().unwrap(), 1);

    // A wrong secret is the same refusal.
    let mut wrong = creds.clone();
    wrong.secret = "not-the-secret".into();
    let e = client(&emu, &wrong)
        .records()
        .get(1)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::SignatureRejected { .. }), "{e:?}");
    // An unknown key is not.
    wrong.api_key = "no-such-key".into();
    let e = client(&emu, &wrong)
        .records()
        .get(1)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Unauthorized { .. }), "{e:?}");
    assert_eq!(message(&e), "Unknown API key.");
}

#[tokio::test]
async fn two_503_then_success_is_retried() {
    let emu = common::start().await;
    let creds = app(&emu, "Flaky", &[]);
    let (s, attempts) = counting_session(&emu, &creds);
    emu.faults().fail_next(2, Failure::Unavailable);

    let got = Client::new(s).application().get().send().await.unwrap();
    assert_eq!(got.name, "Flaky");
    assert_eq!(attempts.load(Ordering::SeqCst), 3);
    assert!(common::faults_now(&emu).await["fail_next"].is_null());
}

#[tokio::test]
async fn more_503_than_retries_reports_the_server_error() {
    let emu = common::start().await;
    let creds = app(&emu, "Down", &[]);
    let (s, attempts) = counting_session(&emu, &creds);
    emu.faults().fail_next(10, Failure::Unavailable);

    let e = Client::new(s).profiles().list().send().await.unwrap_err();
    assert!(matches!(e, Error::Server { .. }), "{e:?}");
    assert_eq!(e.status(), Some(503));
    assert_eq!(message(&e), "The service is temporarily unavailable.");
    assert_eq!(common::api(&e).details.as_deref(), Some("Injected fault."));
    assert_eq!(code(&e), Some("503"));
    assert_eq!(attempts.load(Ordering::SeqCst), 4, "1 attempt + 3 retries");
    assert_eq!(common::faults_now(&emu).await["fail_next"]["count"], 6);
}

#[tokio::test]
async fn rate_limited_waits_for_retry_after() {
    let emu = common::start().await;
    let creds = app(&emu, "Busy", &[]);
    let (s, attempts) = counting_session(&emu, &creds);
    emu.faults().fail_next(
        1,
        Failure::RateLimited {
            retry_after_secs: 1,
        },
    );

    let t0 = Instant::now();
    let got = Client::new(s).records().get(5).send().await.unwrap();
    let waited = t0.elapsed();
    assert_eq!(got.fields["Title"], "Harbour timelapse");
    assert!(waited >= Duration::from_secs(1), "waited only {waited:?}");
    assert_eq!(attempts.load(Ordering::SeqCst), 2);

    // Without retries, the caller sees the 429 and its Retry-After.
    let s = common::builder(&emu, &creds)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    emu.faults().fail_next(
        1,
        Failure::RateLimited {
            retry_after_secs: 7,
        },
    );
    let e = Client::new(s).records().get(5).send().await.unwrap_err();
    match e {
        Error::RateLimited { retry_after, .. } => {
            assert_eq!(retry_after, Some(Duration::from_secs(7)))
        }
        other => panic!("expected RateLimited, got {other:?}"),
    }
}

/// imagen.yaml has no POST endpoint: a POST through `Session::raw` on the
/// token-less profiles route stands in for a non-idempotent call. The
/// emulator's pending-fault counter shows how many requests reached it.
#[tokio::test]
async fn post_is_not_retried() {
    let emu = common::start().await;
    let creds = app(&emu, "Post", &[]);
    let (s, attempts) = counting_session(&emu, &creds);
    emu.faults().fail_next(3, Failure::Unavailable);

    let e = s
        .raw(Method::Post, "mcc", "/imcc/v1/profiles")
        .auth(Auth::None)
        .body("application/json; charset=utf-8", "{}")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Server { .. }), "{e:?}");
    assert_eq!(e.status(), Some(503));
    assert_eq!(attempts.load(Ordering::SeqCst), 1);
    assert_eq!(
        common::faults_now(&emu).await["fail_next"]["count"],
        2,
        "the emulator saw exactly one request"
    );

    // A GET of the same route is retried through the remaining two. The
    // raw request asks for JSON, but profiles answer XML only.
    let got = s
        .raw(Method::Get, "mcc", "/imcc/v1/profiles?usage=Audio")
        .auth(Auth::None)
        .send()
        .await
        .unwrap();
    assert_eq!(got.format(), Format::Xml);
    let list: Vec<Profile> = got.xml("Response/Profiles/Profile").unwrap();
    let ids: Vec<i64> = list.iter().map(|p| p.id).collect();
    assert_eq!(ids, [4, 6]);
    assert_eq!(attempts.load(Ordering::SeqCst), 4);
    assert!(common::faults_now(&emu).await["fail_next"].is_null());
}
