//! The client against the vendor's documented wire shapes.
//!
//! A loopback server replays the sample documents of `conformance/samples/`
//! (copied from the project's fact sheet; see its README) for the requests
//! the generated client sends, so these tests exercise the whole path —
//! the `Accept` header the description asks for, the answer's content type,
//! the shape-driven decoding into the generated types — against documents
//! the project did not write itself. Each test checks values, not just that
//! decoding succeeded. The emulator is tested against the same samples,
//! independently, in `imagen-emulator/tests/conformance.rs`.

mod common;

use imagen_runtime::api::HostUrls as _;
use std::sync::Arc;
use std::time::Duration;

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use imagen_runtime::api::{Client, types};
use imagen_runtime::wire::Format;
use imagen_runtime::{Error, Session, StaticToken};

use common::{Captured, Server};

imagen_runtime::scopes!(AllScopes = ModifyUsersData, CreateJobs);

fn sample(name: &str) -> String {
    let path = format!(
        "{}/../conformance/samples/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn answer(status: u16, content_type: &'static str, body: String) -> Response {
    let mut r = (StatusCode::from_u16(status).unwrap(), body).into_response();
    r.headers_mut()
        .insert("content-type", HeaderValue::from_static(content_type));
    r
}

fn xml(status: u16, name: &str) -> Response {
    answer(status, "application/xml; charset=utf-8", sample(name))
}

fn json(status: u16, name: &str) -> Response {
    answer(status, "application/json; charset=utf-8", sample(name))
}

/// The session for a server: both hosts on it, a key, a secret.
fn session(server: &Server, format: Format) -> Session {
    Session::builder()
        .api_key("test-api-key")
        .api_secret("test-SECRET-4f2a9c")
        .mcc_url(&server.url)
        .web_url(&server.url)
        .answer_format(format)
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

fn user(server: &Server, format: Format) -> Client<AllScopes, imagen_runtime::scope::UserContext> {
    Client::new(session(server, format))
        .with_scopes::<AllScopes>()
        .for_user(Arc::new(StaticToken::new("tok")))
}

/// A server answering every request with the sample `name` (XML).
async fn replay(name: &'static str) -> Server {
    Server::start(move |_c: &Captured, _| xml(200, name)).await
}

fn accept(c: &Captured) -> &str {
    c.header("accept").unwrap_or("")
}

#[tokio::test]
async fn application_xml_sample() {
    let server = replay("application.ok.xml").await;
    let app = Client::new(session(&server, Format::Xml))
        .application()
        .get()
        .send()
        .await
        .unwrap();
    assert_eq!(accept(&server.requests()[0]), "application/xml");
    assert_eq!(app.api_key.as_deref(), Some("kq7ZpR2mXv9tLw4Hc8Nd"));
    assert_eq!(app.name, "Zoë's Archive Sync");
    assert_eq!(app.created.as_deref(), Some("2023-09-14T07:05:31Z"));
    assert_eq!(app.enabled, Some(true));
    assert_eq!(app.redirect_uri.as_deref(), Some(""));
    assert_eq!(app.website.as_deref(), Some("archive.example.org"));
    assert_eq!(
        app.application_type,
        Some(types::ApplicationType::Installed)
    );
    assert_eq!(app.database_id, Some(3));
    let secret = app.secret_access_key.as_ref().unwrap();
    assert_eq!(secret.secret(), "Tf3uQ9bYx2LmE7sKc4VhR8nWp1ZaJ6gD0oNyU5iB");
    assert!(!format!("{app:?}").contains("Tf3uQ9bYx2"));
    let scopes: Vec<(&str, Option<&str>)> = app
        .scopes
        .as_ref()
        .unwrap()
        .iter()
        .map(|s| (s.name.as_str(), s.description.as_deref()))
        .collect();
    assert_eq!(
        scopes,
        [
            ("readUsersData", Some("Read records, media and collections")),
            (
                "modifyUsersData",
                Some("Read and change records, media and collections")
            ),
            ("createJobs", Some("Start and manage workflow jobs")),
        ]
    );
}

#[tokio::test]
async fn application_json_samples() {
    for name in ["application.ok.json", "application-full-inferred.ok.json"] {
        let server = Server::start(move |_c: &Captured, _| json(200, name)).await;
        let app = Client::new(session(&server, Format::Json))
            .application()
            .get()
            .send()
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(accept(&server.requests()[0]), "application/json");
        assert_eq!(app.name, "東京 newsroom uploader", "{name}");
        assert_eq!(app.enabled, Some(true), "{name}");
        assert_eq!(app.website.as_deref(), Some(""), "{name}");
        assert_eq!(
            app.secret_access_key.as_ref().unwrap().secret(),
            "Qm8Tz1Lr5Vc2Xb7Nk4Hs9Wd3Fp6Jy0Ga2Ue8Io4Z"
        );
        if name.contains("full") {
            assert_eq!(app.application_type, Some(types::ApplicationType::Web));
            assert_eq!(app.database_id, Some(1));
            let names: Vec<&str> = app
                .scopes
                .as_ref()
                .unwrap()
                .iter()
                .map(|s| s.name.as_str())
                .collect();
            assert_eq!(names, ["readUsersData", "modifyUsersData"]);
        } else {
            assert_eq!(app.scopes, None);
        }
    }
}

#[tokio::test]
async fn record_search_samples() {
    let server = replay("record-search.ok.xml").await;
    let page = user(&server, Format::Json)
        .records()
        .search("WHERE Title=\"Zoë\"")
        .send()
        .await
        .unwrap();
    // XML is the only documented format: asked for whatever the session prefers.
    assert_eq!(accept(&server.requests()[0]), "application/xml");
    assert_eq!(page.search_id, "F28D38B6-EBC4-4f14-8398-BACC16F79302");
    assert_eq!(page.total_hits, 1);
    assert_eq!(page.records.len(), 1);
    let r = &page.records[0];
    assert_eq!((r.id, r.can_edit), (1207, true));
    assert_eq!(r.fields["Title"], "Zoë at the harbour, 東京");
    assert_eq!(r.fields["Date"], "2019-11-03");
    assert_eq!(r.fields["Summary"], "");
    assert_eq!(r.fields["imagenLastRecordChange"], "2024-01-19 16:42:07");
    assert_eq!(r.fields.len(), 5);

    let server = replay("record-search.empty.xml").await;
    let page = user(&server, Format::Xml)
        .records()
        .search("WHERE Title=\"nothing\"")
        .send()
        .await
        .unwrap();
    assert_eq!((page.total_hits, page.records.len()), (0, 0));
    assert_eq!(page.search_id, "74324B9F-6439-4300-8802-761EE3B1240B");
}

#[tokio::test]
async fn iweb_search_samples() {
    let server = replay("iweb-search.ok.xml").await;
    let page = user(&server, Format::Xml)
        .web()
        .search("WHERE Title=\"Café\"")
        .send()
        .await
        .unwrap();
    assert_eq!(page.user, Some(12));
    assert_eq!(page.total_hits, 1);
    let r = &page.records[0];
    assert_eq!((r.id, r.can_edit), (388, false));
    assert_eq!(r.fields["Title"], "Café Müller rehearsal");
    assert_eq!(r.fields["Rating"], "");
    assert_eq!(r.fields["Category"], "Dance,Theatre");
    assert_eq!(r.fields["CIS_ACLList"], "");
    assert_eq!(r.fields.len(), 9);

    let server = replay("iweb-search.empty.xml").await;
    let page = user(&server, Format::Xml)
        .web()
        .search("WHERE Title=\"x\"")
        .send()
        .await
        .unwrap();
    assert_eq!(
        (page.total_hits, page.user, page.records.len()),
        (0, Some(12), 0)
    );
}

#[tokio::test]
async fn import_status_samples() {
    let server = replay("import-record.ok.xml").await;
    let job = user(&server, Format::Xml)
        .import()
        .status("20084EDB-A572-4102-8039-56C5B0E17B0B")
        .send()
        .await
        .unwrap();
    assert_eq!(job.guid, "20084EDB-A572-4102-8039-56C5B0E17B0B");
    assert_eq!(job.state, types::JobState::Completed);
    assert_eq!(job.state.code(), 2);
    assert_eq!(job.job_type, 2);
    assert_eq!(job.progress, Some(100.0));
    let err = job.error.as_ref().unwrap();
    assert_eq!(
        (err.message.as_deref(), err.details.as_deref()),
        (Some(""), Some(""))
    );
    let import = job.import.as_ref().unwrap();
    assert_eq!(import.num_records, Some(1));
    let rec = &import.records.as_ref().unwrap()[0];
    assert_eq!(rec.id, 5531);
    let media = rec.media.as_ref().unwrap();
    assert_eq!(media.media_objects[0].id, 9120);
    assert_eq!(
        media.store_jobs[0].id,
        "17AA3775-074E-4348-B08F-161D53567FD4"
    );
    let failed = job.failed_import.as_ref().unwrap();
    assert_eq!(failed.num_records, Some(0));
    assert_eq!(failed.records.as_deref(), Some(&[][..]));

    // The knowledge base's variant: no wrappers, records directly inside.
    let server = replay("import-record-kb-variant.ok.xml").await;
    let job = user(&server, Format::Xml)
        .import()
        .status("A271598F-D0E7-4f53-BA1E-F81478F3B0D3")
        .send()
        .await
        .unwrap();
    assert_eq!(job.state, types::JobState::Completed);
    assert!(job.import.is_none());
    let rec = &job.records.as_ref().unwrap()[0];
    assert_eq!(rec.id, 812);
    assert_eq!(rec.media_objects.as_ref().unwrap()[0].id, 1733);
    assert_eq!(
        rec.store_jobs.as_ref().unwrap()[0].id,
        "45D09CBB-4104-479d-9054-4D2ECD370013"
    );

    // DELETE answers the task as it was before.
    let server = replay("import-record-delete.ok.xml").await;
    let job = user(&server, Format::Xml)
        .import()
        .delete("D7AFFC2C-A124-451b-AB00-B88E71A5AC8C")
        .send()
        .await
        .unwrap();
    let c = &server.requests()[0];
    assert_eq!(c.method, "DELETE");
    assert_eq!(
        c.path(),
        "/imcc/v1/import/record/D7AFFC2C-A124-451b-AB00-B88E71A5AC8C"
    );
    assert_eq!(job.state, types::JobState::Waiting);
    assert_eq!(job.import.as_ref().unwrap().num_records, Some(2));
}

/// The request document the client writes has the vendor's structure.
#[tokio::test]
async fn import_body_matches_the_vendor_document() {
    let server = replay("import-record-put.ok.xml").await;
    let doc = types::ImportDocument {
        records: vec![types::ImportRecord {
            id: -1,
            fields: [
                ("Title", "Ålesund ferry arrival"),
                ("Date", "2022-08-30"),
                ("Summary", "Drone shot, Zoë Lindqvist"),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect(),
            acl: Some(types::AclList {
                acls: vec![
                    types::Acl {
                        merge: None,
                        roles: vec![
                            types::AclRole {
                                rights: "r".into(),
                                role_id: None,
                                name: Some("Everyone".into()),
                            },
                            types::AclRole {
                                rights: "rw".into(),
                                role_id: None,
                                name: Some("editor@example.org".into()),
                            },
                            types::AclRole {
                                rights: "readwrite".into(),
                                role_id: Some(7),
                                name: None,
                            },
                        ],
                    },
                    types::Acl {
                        merge: Some(true),
                        roles: vec![types::AclRole {
                            rights: "0".into(),
                            role_id: Some(9),
                            name: None,
                        }],
                    },
                ],
            }),
            media_objects: Some(vec![types::ImportMediaObject {
                version: Some(3),
                id: -1,
                media_type: types::MediaType::Video,
                is_clip: Some(String::new()),
                name: None,
                acl: Some(types::AclList {
                    acls: vec![types::Acl {
                        merge: None,
                        roles: vec![types::AclRole {
                            rights: "r".into(),
                            role_id: None,
                            name: Some("Everyone".into()),
                        }],
                    }],
                }),
                base_download_cost: Some(0),
                base_timecode: None,
                duration: None,
                elements: vec![types::MediaElement {
                    media_type: types::MediaType::Video,
                    index: Some(0),
                    umid: Some(String::new()),
                    original_file: "https://media.example.org/incoming/aalesund_0830.mp4".into(),
                }],
            }]),
        }],
    };
    let job = user(&server, Format::Xml)
        .import()
        .records(&doc)
        .workflow("Ingest Video")
        .only_process_new(true)
        .path_prefix("\\\\share\\videos\\")
        .send()
        .await
        .unwrap();
    assert_eq!(job.guid, "BCCA342D-C5E1-46b6-9D46-CDC69F288096");
    assert_eq!(job.state, types::JobState::Waiting);
    let c = &server.requests()[0];
    assert_eq!(c.method, "PUT");
    assert_eq!(c.path(), "/imcc/v1/import/record/NativeImagenXML");
    assert_eq!(c.query(), Some("workflow=Ingest%20Video&onlyProcessNew=1"));
    assert_eq!(c.header("x-imagen-pathprefix"), Some("\\\\share\\videos\\"));
    assert_eq!(
        c.header("content-type"),
        Some("application/xml; charset=utf-8")
    );
    let sent = String::from_utf8(c.body.clone()).unwrap();
    assert_eq!(
        common::xml_structure(&sent),
        common::xml_structure(&sample("import-record-body.ok.xml")),
        "{sent}"
    );
    // Values survive the trip, escaped where needed.
    assert!(
        sent.contains("<Title>Ålesund ferry arrival</Title>"),
        "{sent}"
    );
    assert!(
        sent.contains("<Role Rights=\"readwrite\" RoleID=\"7\"/>"),
        "{sent}"
    );
    assert!(sent.contains("<ACL Merge=\"1\">"), "{sent}");
}

#[tokio::test]
async fn job_body_and_answer() {
    let server = replay("job-put.ok.xml").await;
    let doc = types::JobDocument {
        database_id: 1,
        workflow: "Regenerate Proxies 東京".into(),
        job_name: "Reprocess media 9120".into(),
        resource_group: Some("Transcode Farm B".into()),
        priority: 2,
        client_id: Some("zoe.lindqvist@example.org".into()),
        inputs: vec![
            types::JobInput {
                input_type: "Int".into(),
                sub_type: "Record_ID".into(),
                slot: -1,
                value: "5531".into(),
            },
            types::JobInput {
                input_type: "Int".into(),
                sub_type: "Media_ID-Video".into(),
                slot: -2,
                value: "9120".into(),
            },
        ],
    };
    let guid = user(&server, Format::Xml)
        .jobs()
        .create(&doc)
        .send()
        .await
        .unwrap();
    assert_eq!(guid, "B2D79DCC-741A-4f7d-911C-F9693AE3F92A");
    let sent = String::from_utf8(server.requests()[0].body.clone()).unwrap();
    assert_eq!(
        common::xml_structure(&sent),
        common::xml_structure(&sample("job-put-body.ok.xml")),
        "{sent}"
    );
    assert!(
        sent.contains("<Input type=\"Int\" sub-type=\"Media_ID-Video\" id=\"-2\">9120</Input>"),
        "{sent}"
    );
}

#[tokio::test]
async fn media_delete_both_formats() {
    let server = replay("media-delete.ok.xml").await;
    let r = user(&server, Format::Xml)
        .media()
        .delete(9120, true)
        .send()
        .await
        .unwrap();
    assert_eq!(r, "success");
    assert_eq!(server.requests()[0].path(), "/imcc/v1/media/9120/1");

    let server = Server::start(|_c: &Captured, _| json(200, "media-delete.ok.json")).await;
    let r = user(&server, Format::Json)
        .media()
        .delete(70412, false)
        .send()
        .await
        .unwrap();
    assert_eq!(r, "success");
    let c = &server.requests()[0];
    assert_eq!(
        (c.path(), accept(c)),
        ("/imcc/v1/media/70412/0", "application/json")
    );
}

#[tokio::test]
async fn workflows_sample() {
    let server = replay("workflows.ok.xml").await;
    let wfs = user(&server, Format::Xml)
        .workflows()
        .list()
        .send()
        .await
        .unwrap();
    assert_eq!(wfs.len(), 2);
    let w = &wfs[0];
    assert_eq!(w.id, "1510C95E-6B88-4149-9CB0-5484254C7FF4");
    assert_eq!(w.name, "Ingest Video (東京 edit suite)");
    assert_eq!(w.usage_type, types::UsageType::OnIngest);
    assert_eq!(
        w.media_types.as_deref(),
        Some(&["Video".to_owned(), "Audio".to_owned()][..])
    );
    let ext: serde_json::Value =
        serde_json::from_str(w.file_extensions.as_deref().unwrap()).unwrap();
    assert_eq!(ext[1]["Audio"], "wav,audio/wav");
    assert_eq!((w.can_clip, w.clip_only), (Some(true), Some(false)));
    assert_eq!(wfs[1].usage_type, types::UsageType::RegenerateKeyImages);
    assert_eq!(wfs[1].file_extensions.as_deref(), Some(""));
    assert_eq!(wfs[1].description.as_deref(), Some(""));
}

#[tokio::test]
async fn profiles_user_rights_samples() {
    let server = replay("profiles.ok.xml").await;
    let ps = Client::new(session(&server, Format::Xml))
        .profiles()
        .list()
        .send()
        .await
        .unwrap();
    assert_eq!(ps.len(), 2);
    assert_eq!((ps[0].id, ps[0].name.as_str()), (2004, "LargeImage"));
    assert_eq!(
        (ps[0].profile_type.as_str(), ps[0].usage.as_str()),
        ("Image", "Rendition")
    );
    let attrs = ps[1].attributes.as_ref().unwrap();
    assert_eq!(attrs["Format"], "HLS");
    let names: serde_json::Value = serde_json::from_str(&attrs["DisplayNames"]).unwrap();
    assert_eq!(names[1]["name"], "東京プロキシ");

    let server = replay("user.ok.xml").await;
    let u = user(&server, Format::Xml)
        .user()
        .current()
        .send()
        .await
        .unwrap();
    assert_eq!(
        (u.user_id, u.user_type, u.create_record_quota),
        (27, Some(0), Some(-1))
    );
    assert_eq!(u.username, "zoe.lindqvist@example.org");
    assert_eq!(
        u.access_rights.as_deref().unwrap(),
        [
            "Create records",
            "Import records",
            "Create collections",
            "Developer access"
        ]
    );

    let server = replay("rights.ok.xml").await;
    let rights = user(&server, Format::Xml)
        .rights()
        .list()
        .send()
        .await
        .unwrap();
    let got: Vec<(i64, &str)> = rights.iter().map(|r| (r.id, r.name.as_str())).collect();
    assert_eq!(got[0], (4, "Create records"));
    assert_eq!(got[4], (28, "Subscription tiers"));
    assert_eq!(got.len(), 5);
}

/// One error sample: file, status it is served with, message, details, code.
type ErrorCase = (
    &'static str,
    u16,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
);

/// Every error sample parses into `Error` with its message, details and code.
#[tokio::test]
async fn error_samples() {
    let cases: &[ErrorCase] = &[
        (
            "standard-error.error.xml",
            409,
            "Record 5531 is locked by Zoë",
            Some("Try again after the current edit session ends"),
            Some("1"),
        ),
        (
            "standard-error.error.json",
            409,
            "Record 5531 is locked by Zoë",
            Some("Try again after the current edit session ends"),
            None,
        ),
        (
            "application.error.xml",
            401,
            "Signature did not match for Zoë's Archive Sync",
            None,
            Some("401"),
        ),
        (
            "application.error.json",
            401,
            "Request date outside the accepted window",
            Some("Server clock: Tue, 05 Mar 2024 11:02:44 GMT"),
            None,
        ),
        (
            "history.error.xml",
            500,
            "Failed to search history.",
            Some("userID 27 has no history for media 9120"),
            None,
        ),
        (
            "history-unauthorized.error.xml",
            401,
            "Some authentication must be supplied.",
            None,
            None,
        ),
        (
            "import-record.error.xml",
            404,
            "No import task with that GUID for this token",
            None,
            Some("404"),
        ),
        (
            "iweb-download.error.xml",
            403,
            "No download profile for this user",
            Some("Media 4410, profile HLS Video"),
            Some("403"),
        ),
        (
            "iweb-search.error.xml",
            400,
            "start was given without searchID",
            None,
            Some("400"),
        ),
        (
            "iweb-search.error.json",
            400,
            "start was given without searchID",
            None,
            None,
        ),
        (
            "job-put.error.xml",
            400,
            "Unknown workflow 'Regenerate Proxies 東京'",
            None,
            Some("400"),
        ),
        (
            "media-delete.error.json",
            404,
            "Media object 70412 not found",
            None,
            None,
        ),
        (
            "profiles.error.xml",
            400,
            "Unknown profile usage 'Subtitle'",
            None,
            Some("400"),
        ),
        (
            "record-search.error.xml",
            500,
            "Query could not be parsed",
            Some("Unexpected token near 'Titel'"),
            Some("500"),
        ),
        (
            "user.error.xml",
            401,
            "Some authentication must be supplied.",
            None,
            None,
        ),
    ];
    for &(name, status, message, details, code) in cases {
        let server = Server::start(move |_c: &Captured, _| {
            if name.ends_with(".json") {
                json(status, name)
            } else {
                xml(status, name)
            }
        })
        .await;
        // Signed (a bearer 401 would first try to refresh the token).
        let e = Client::new(session(&server, Format::Xml))
            .application()
            .get()
            .send()
            .await
            .unwrap_err();
        let api = e.api().unwrap_or_else(|| panic!("{name}: {e:?}"));
        assert_eq!(api.status, status, "{name}");
        assert_eq!(api.message.as_deref(), Some(message), "{name}");
        assert_eq!(api.details.as_deref(), details, "{name}");
        assert_eq!(api.code.as_deref(), code, "{name}");
        assert!(e.to_string().contains(message), "{name}: {e}");
    }
}

/// An answer that is not the documented shape names the element path and
/// the byte offset.
#[tokio::test]
async fn shape_errors_name_path_and_offset() {
    let server = Server::start(|_c: &Captured, _| {
        answer(
            200,
            "application/xml",
            "<Response><DatabaseJob GUID=\"G\" State=\"two\" Type=\"2\"/></Response>".into(),
        )
    })
    .await;
    let e = user(&server, Format::Xml)
        .import()
        .status("G")
        .send()
        .await
        .unwrap_err();
    match &e {
        Error::Decode { source, .. } => {
            assert_eq!(source.path, "Response/DatabaseJob/@State", "{e}");
            assert_eq!(source.offset, Some(10), "{e}");
        }
        other => panic!("{other:?}"),
    }
    let server = Server::start(|_c: &Captured, _| {
        answer(
            200,
            "application/xml",
            "<Records><SearchID>S</SearchID><TotalHits>1</TotalHits><ImagenRecord ID=\"x\" CanEdit=\"true\"><Fields/></ImagenRecord></Records>".into(),
        )
    })
    .await;
    let e = user(&server, Format::Xml)
        .records()
        .search("q")
        .send()
        .await
        .unwrap_err();
    let s = e.to_string();
    assert!(
        s.contains("Records/ImagenRecord[1]/@ID") && s.contains("not an integer"),
        "{s}"
    );
}

/// The reproduction of the duplicate import: the server answers the PUT
/// only after the client's timeout. Exactly one PUT may reach it, and the
/// error says the outcome is unknown and how to find out.
#[tokio::test]
async fn timed_out_import_is_not_sent_twice() {
    let server = Server::start_delayed(Duration::from_millis(1500), |_c: &Captured, _| {
        xml(200, "import-record-put.ok.xml")
    })
    .await;
    let session = Session::builder()
        .api_key("test-api-key")
        .api_secret("test-SECRET-4f2a9c")
        .mcc_url(&server.url)
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let client = Client::new(session).for_user(Arc::new(StaticToken::new("tok")));
    let doc = types::ImportDocument {
        records: vec![types::ImportRecord {
            id: -1,
            fields: [("Title".to_owned(), "Once".to_owned())]
                .into_iter()
                .collect(),
            acl: None,
            media_objects: None,
        }],
    };
    let e = client.import().records(&doc).send().await.unwrap_err();
    match &e {
        Error::OutcomeUnknown {
            endpoint,
            source,
            hint,
        } => {
            assert_eq!(*endpoint, "import.records");
            assert!(matches!(**source, Error::Timeout { .. }), "{source:?}");
            assert!(hint.unwrap().contains("import().status"), "{hint:?}");
        }
        other => panic!("{other:?}"),
    }
    assert!(e.to_string().contains("not sent again"), "{e}");
    // Give a resend (if there were one) the time to arrive.
    tokio::time::sleep(Duration::from_millis(2000)).await;
    let puts = server
        .requests()
        .iter()
        .filter(|c| c.method == "PUT")
        .count();
    assert_eq!(puts, 1);

    // The same timeout on an idempotent GET is retried (the policy's attempts).
    let before = server.count();
    let e = client.import().status("G").send().await.unwrap_err();
    assert!(matches!(e, Error::Timeout { .. }), "{e:?}");
    assert!(
        server.count() - before > 1,
        "a GET is retried after a timeout"
    );
}

/// A non-idempotent request whose connection could not even be made is
/// safe to resend, and is resent within the retry policy.
#[tokio::test]
async fn refused_connection_is_not_an_unknown_outcome() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let session = Session::builder()
        .api_key("k")
        .api_secret("s")
        .mcc_url(&url)
        .retry_policy(imagen_runtime::RetryPolicy::none())
        .build()
        .unwrap();
    let client = Client::new(session)
        .with_scopes::<AllScopes>()
        .for_user(Arc::new(StaticToken::new("tok")));
    let doc = types::ImportDocument { records: vec![] };
    let e = client.import().records(&doc).send().await.unwrap_err();
    assert!(matches!(e, Error::Transport { .. }), "{e:?}");
}
