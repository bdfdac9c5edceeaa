//! One test per endpoint of `api/imagen.yaml`: the real binary against an
//! emulator running in the test process.

mod common;

use common::*;
use serde_json::Value;

/// The endpoints these tests cover; `every_endpoint_is_tested` fails when
/// the description gains one that is not in this list.
const TESTED: &[&str] = &[
    "application.get",
    "records.search",
    "records.get",
    "web.search",
    "import.records",
    "import.records_with_mapping",
    "import.status",
    "import.delete",
    "jobs.create",
    "media.delete",
    "workflows.list",
    "profiles.list",
    "user.current",
    "rights.list",
    "history.list",
];

const IMPORT: &str = r#"<Records><ImagenRecord ID="-1"><Fields><Title>Zoë from the CLI</Title><Summary>東京</Summary></Fields></ImagenRecord></Records>"#;

#[test]
fn every_endpoint_is_tested() {
    let described: Vec<&str> = imagen_runtime::api::ENDPOINTS
        .iter()
        .map(|e| e.name)
        .collect();
    assert_eq!(described, TESTED);
    // And each is a command with a --help that names its method and path.
    let env = Env::new();
    for e in imagen_runtime::api::ENDPOINTS {
        let (r, n) = e.name.split_once('.').unwrap();
        let n = n.replace('_', "-");
        let o = run(env.bare(), &[r, &n, "--help"]);
        let help = stdout(&o);
        assert!(o.status.success(), "{}: {}", e.name, stderr(&o));
        assert!(
            help.contains(&format!("`{} {}`", e.method, e.path)),
            "{help}"
        );
        for s in e.scopes {
            assert!(help.contains(s), "{}: scope {s} not in {help}", e.name);
        }
    }
}

#[test]
fn application_get_redacts_the_secret() {
    let env = Env::new();
    for format in ["json", "yaml", "table", "raw"] {
        let o = run(env.app(), &["application", "get", "--output", format]);
        assert!(o.status.success(), "{}", stderr(&o));
        let out = stdout(&o);
        assert!(
            !out.contains(&env.secret),
            "{format}: the secret printed: {out}"
        );
        assert!(!stderr(&o).contains(&env.secret));
        assert!(out.contains("CLI test"), "{format}: {out}");
        if format != "raw" {
            assert!(out.contains("[redacted]"), "{format}: {out}");
        }
    }
    let v = json(&run(env.app(), &["application", "get"]));
    assert_eq!(v["Name"], "CLI test");
    let names: Vec<&str> = v["Scopes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["Name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"createJobs"), "{names:?}");
}

#[test]
fn records_search_finds_zoe() {
    let env = Env::new();
    let v = json(&run(
        env.user(),
        &["records", "search", "WHERE Title = 'Zoë at the harbour'"],
    ));
    assert_eq!(v["TotalHits"], 1, "{v}");
    assert_eq!(
        v["ImagenRecord"][0]["Fields"]["Title"],
        "Zoë at the harbour"
    );
    // Double quotes inside the query, an option, a flag parameter.
    let v = json(&run(
        env.user(),
        &[
            "records",
            "search",
            r#"WHERE Title != "" ORDER BY ID"#,
            "--num-records",
            "2",
            "--include-media",
        ],
    ));
    assert_eq!(v["ImagenRecord"].as_array().unwrap().len(), 2, "{v}");
    assert!(v["ImagenRecord"][0]["MediaObjects"].is_array(), "{v}");
}

#[test]
fn records_search_all_pages() {
    let env = Env::new();
    let v = json(&run(
        env.user(),
        &[
            "records",
            "search",
            "WHERE Title != ''",
            "--num-records",
            "3",
            "--all",
        ],
    ));
    let first = json(&run(
        env.user(),
        &["records", "search", "WHERE Title != ''"],
    ));
    let total = first["TotalHits"].as_u64().unwrap() as usize;
    assert!(total > 3, "{first}");
    let items = v.as_array().unwrap();
    assert_eq!(items.len(), total);
    let mut ids: Vec<i64> = items.iter().map(|r| r["ID"].as_i64().unwrap()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), total, "a record came twice");
}

#[test]
fn records_get_as_user_and_as_application() {
    let env = Env::new();
    let v = json(&run(env.user(), &["records", "get", "1"]));
    assert_eq!(v["ID"], 1);
    // `auth: any` without a login: signed.
    let v = json(&run(env.app(), &["records", "get", "2"]));
    assert_eq!(v["ID"], 2);
    fails(
        &run(env.app(), &["records", "get", "987654"]),
        5,
        &["not found"],
    );
    fails(
        &run(env.app(), &["records", "get", "abc"]),
        2,
        &["recordId", "integer"],
    );
}

#[test]
fn web_search() {
    let env = Env::new();
    let v = json(&run(
        env.user(),
        &["web", "search", "WHERE Title = 'Zoë at the harbour'"],
    ));
    assert_eq!(v["TotalHits"], 1);
    assert_eq!(v["User"], 1, "the caller, zoe: {v}");
}

#[test]
fn import_records_waits_for_the_task() {
    let env = Env::new();
    let body = env.file("import.xml", IMPORT.as_bytes());
    let v = json(&run(
        env.user(),
        &[
            "import",
            "records",
            "--body",
            body.to_str().unwrap(),
            "--timeout",
            "0",
            "--wait",
        ],
    ));
    assert_eq!(v["State"], 2, "{v}");
    let id = v["Import"]["ImagenRecords"][0]["ID"].as_i64().unwrap();
    let rec = json(&run(env.user(), &["records", "get", &id.to_string()]));
    assert_eq!(rec["Fields"]["Title"], "Zoë from the CLI");
    assert_eq!(rec["Fields"]["Summary"], "東京");
}

#[test]
fn import_records_with_mapping_from_stdin() {
    let env = Env::new();
    let o = run_with_stdin(
        env.user(),
        &[
            "import",
            "records-with-mapping",
            "NativeImagenXML",
            "--body",
            "-",
        ],
        IMPORT.as_bytes(),
    );
    let v = json(&o);
    assert_eq!(v["State"], 2, "synchronous without a timeout: {v}");
    // An unknown mapping is the server's refusal.
    let o = run_with_stdin(
        env.user(),
        &["import", "records_with_mapping", "Nope", "--body", "-"],
        IMPORT.as_bytes(),
    );
    fails(&o, 6, &["Nope"]);
}

fn start_import(env: &Env) -> String {
    let body = env.file("import.xml", IMPORT.as_bytes());
    let v = json(&run(
        env.user(),
        &[
            "import",
            "records",
            "--body",
            body.to_str().unwrap(),
            "--timeout",
            "0",
        ],
    ));
    assert_eq!(v["State"], 0, "{v}");
    v["GUID"].as_str().unwrap().to_string()
}

#[test]
fn import_status() {
    let env = Env::new();
    let guid = start_import(&env);
    // The emulator's task advances one state per read: 0, 1, 2.
    for state in 0..=2 {
        let v = json(&run(env.user(), &["import", "status", &guid]));
        assert_eq!(
            v["GUID"].as_str().unwrap().to_lowercase(),
            guid.to_lowercase()
        );
        assert_eq!(v["State"], state, "{v}");
    }
    fails(
        &run(
            env.user(),
            &["import", "status", "00000000-0000-0000-0000-000000000000"],
        ),
        5,
        &["not found"],
    );
}

#[test]
fn import_delete() {
    let env = Env::new();
    let guid = start_import(&env);
    let v = json(&run(env.user(), &["import", "delete", &guid]));
    assert_eq!(v["State"], 0, "its state before: {v}");
    fails(&run(env.user(), &["import", "status", &guid]), 5, &[]);
}

#[test]
fn jobs_create() {
    let env = Env::new();
    let doc = r#"<CISXMLDocument><DatabaseID>1</DatabaseID><Workflow>Ingest video</Workflow><JobName>From the CLI</JobName><Priority>1</Priority><Inputs><Input type="Int" sub-type="Record_ID" id="-1">1</Input></Inputs></CISXMLDocument>"#;
    let body = env.file("job.xml", doc.as_bytes());
    let v = json(&run(
        env.user(),
        &["jobs", "create", "--body", body.to_str().unwrap()],
    ));
    let guid = v.as_str().unwrap();
    assert_eq!(guid.len(), 36, "{guid}");
}

#[test]
fn media_delete() {
    let env = Env::new();
    let v = json(&run(env.user(), &["media", "delete", "102", "false"]));
    assert_eq!(v, "success");
    fails(
        &run(env.user(), &["media", "delete", "102", "false"]),
        5,
        &[],
    );
    // A flag takes true/false (or 1/0).
    fails(
        &run(env.user(), &["media", "delete", "103", "maybe"]),
        2,
        &["maybe", "possible values"],
    );
}

#[test]
fn workflows_list() {
    let env = Env::new();
    let v = json(&run(env.user(), &["workflows", "list"]));
    let names: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["Name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Ingest video"), "{names:?}");
}

#[test]
fn profiles_list_needs_no_credentials() {
    let env = Env::new();
    let mut c = env.bare();
    c.env("IMAGEN_MCC_URL", env.emu.mcc_url());
    let v = json(&run(
        c,
        &["profiles", "list", "--profile-type", "rendition"],
    ));
    let list = v.as_array().unwrap();
    assert!(!list.is_empty());
    assert!(list.iter().all(|p| p["Type"] == "Rendition"), "{v}");
    // Without the host: what to set.
    fails(
        &run(env.bare(), &["profiles", "list"]),
        3,
        &["--mcc-url", "IMAGEN_MCC_URL"],
    );
    // The host from the flag.
    let v = json(&run(
        env.bare(),
        &["profiles", "list", "--mcc-url", env.emu.mcc_url()],
    ));
    assert!(v.is_array());
}

#[test]
fn user_current() {
    let env = Env::new();
    let v = json(&run(env.user(), &["user", "current"]));
    assert_eq!(v["Username"], "zoe");
    assert_eq!(v["UserID"], 1);
}

#[test]
fn rights_list() {
    let env = Env::new();
    let v = json(&run(env.user(), &["rights", "list"]));
    let rights = v.as_array().unwrap();
    assert!(
        rights.iter().any(|r| r["Id"] == 1 && r["name"].is_string()),
        "{v}"
    );
}

#[test]
fn history_list_pages_with_the_total() {
    let env = Env::new();
    let first = json(&run(env.user(), &["history", "list", "--get-total-count"]));
    let total = first["TotalCount"].as_u64().unwrap() as usize;
    let all = json(&run(
        env.user(),
        &["history", "list", "--limit", "2", "--all"],
    ));
    let entries: &Vec<Value> = all.as_array().unwrap();
    assert_eq!(entries.len(), total);
    let one = json(&run(env.user(), &["history", "list", "--limit", "2"]));
    assert_eq!(one["HistoryEntries"].as_array().unwrap().len(), 2);
}
