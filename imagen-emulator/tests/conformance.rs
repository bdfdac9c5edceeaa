//! Conformance with the vendor-shaped samples in `conformance/samples/`
//! (see the README there for which are documented and which inferred).
//!
//! - Every request sample is accepted by the emulator (after seeding the
//!   workflow, records and media it references).
//! - For each request, the emulator's answer has the *structure* of the
//!   sample: element names in order with nesting, attribute names, leaf vs
//!   container ([`conforms`]). Values are ignored. Repeated siblings of one
//!   name are compared as sets of shapes: every answer item must look like
//!   some sample item and every sample item must be shown by some answer
//!   item; the sample may have fewer repetitions, down to none (an empty
//!   element in the sample is an empty list). The children of `<Fields>` are
//!   the database's own field names: the sample's fields must appear in the
//!   answer in the same order, which may have more.
//! - JSON answers are compared by key structure and value kinds
//!   ([`json_conforms`]).
//!
//! Everything goes over HTTP on 127.0.0.1 to a real emulator.

mod common;
use std::collections::BTreeSet;

use common::*;
use imagen_emulator::{Emulator, MediaSpec, WorkflowSpec};
use reqwest::Method;
use serde_json::{Value, json};

fn sample(name: &str) -> String {
    let path = format!(
        "{}/../conformance/samples/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn sample_xml(name: &str) -> X {
    let s = sample(name);
    assert!(s.starts_with("<?xml"), "{name} has no XML declaration");
    parse_xml(&s)
}

fn sample_json(name: &str) -> Value {
    serde_json::from_str(&sample(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Elements whose children are database field names (see the module docs).
const OPEN: &[&str] = &["Fields"];

/// Consecutive siblings of one name: (name, items).
fn runs(kids: &[X]) -> Vec<(&str, Vec<&X>)> {
    let mut out: Vec<(&str, Vec<&X>)> = Vec::new();
    for k in kids {
        match out.last_mut() {
            Some((n, items)) if *n == k.name => items.push(k),
            _ => out.push((k.name.as_str(), vec![k])),
        }
    }
    out
}

fn attr_names(x: &X) -> BTreeSet<&str> {
    x.attrs.iter().map(|(k, _)| k.as_str()).collect()
}

/// Does `answer` have the structure of `sample`? `Err` says where not.
fn conforms(sample: &X, answer: &X, parent: &str) -> Result<(), String> {
    let path = format!("{parent}/{}", sample.name);
    if sample.name != answer.name {
        return Err(format!("{path}: the answer has <{}> here", answer.name));
    }
    if attr_names(sample) != attr_names(answer) {
        return Err(format!(
            "{path}: attributes {:?} in the sample, {:?} in the answer",
            attr_names(sample),
            attr_names(answer)
        ));
    }
    if OPEN.contains(&sample.name.as_str()) {
        let mut rest = answer.kids.iter();
        for s in &sample.kids {
            let a = rest.by_ref().find(|a| a.name == s.name).ok_or_else(|| {
                format!(
                    "{path}: field <{}> missing or out of order in {:?}",
                    s.name,
                    answer.names()
                )
            })?;
            conforms(s, a, &path)?;
        }
        if let Some(c) = answer.kids.iter().find(|a| !a.kids.is_empty()) {
            return Err(format!("{path}/{}: a field with child elements", c.name));
        }
        return Ok(());
    }
    if sample.kids.is_empty() {
        if !sample.text.trim().is_empty() && !answer.kids.is_empty() {
            return Err(format!(
                "{path}: a leaf with text in the sample, a container in the answer"
            ));
        }
        // An empty sample element is a leaf or a list shown without items.
        let names: BTreeSet<&str> = answer.kids.iter().map(|k| k.name.as_str()).collect();
        if names.len() > 1 {
            return Err(format!(
                "{path}: empty in the sample, but the answer holds {:?} (not one list)",
                answer.names()
            ));
        }
        return Ok(());
    }
    let (s_runs, a_runs) = (runs(&sample.kids), runs(&answer.kids));
    let s_names: Vec<&str> = s_runs.iter().map(|(n, _)| *n).collect();
    let a_names: Vec<&str> = a_runs.iter().map(|(n, _)| *n).collect();
    if s_names != a_names {
        return Err(format!(
            "{path}: children {s_names:?} in the sample, {a_names:?} in the answer"
        ));
    }
    for ((name, s_items), (_, a_items)) in s_runs.iter().zip(&a_runs) {
        for a in a_items {
            let errs: Vec<String> = s_items
                .iter()
                .filter_map(|s| conforms(s, a, &path).err())
                .collect();
            if errs.len() == s_items.len() {
                return Err(format!(
                    "{path}/{name}: an answer item has no sample shape: {}",
                    errs.join(" | ")
                ));
            }
        }
        for s in s_items {
            if !a_items.iter().any(|a| conforms(s, a, &path).is_ok()) {
                return Err(format!(
                    "{path}/{name}: a sample shape is not shown by the answer: {}",
                    conforms(s, a_items[0], &path).unwrap_err()
                ));
            }
        }
    }
    Ok(())
}

#[track_caller]
fn assert_conforms(sample_name: &str, answer: &X) {
    let s = sample_xml(sample_name);
    if let Err(e) = conforms(&s, answer, "") {
        panic!("the answer does not have the shape of {sample_name}: {e}\nanswer: {answer:#?}");
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// JSON structure: objects have the sample's keys (and, when `exact`, no
/// others but `extra_ok`; objects under an [`OPEN`] key may have more),
/// values of the same kinds; arrays as sets of shapes like XML repetitions.
fn json_conforms(
    sample: &Value,
    answer: &Value,
    path: &str,
    exact: bool,
    extra_ok: &[&str],
) -> Result<(), String> {
    match (sample, answer) {
        (Value::Object(s), Value::Object(a)) => {
            for (k, sv) in s {
                let av = a
                    .get(k)
                    .ok_or_else(|| format!("{path}: key {k:?} missing"))?;
                // Field objects hold the database's own names: more are fine.
                let exact = exact && !OPEN.contains(&k.as_str());
                json_conforms(sv, av, &format!("{path}.{k}"), exact, extra_ok)?;
            }
            if exact
                && let Some(k) = a
                    .keys()
                    .find(|k| !s.contains_key(*k) && !extra_ok.contains(&k.as_str()))
            {
                return Err(format!("{path}: key {k:?} is not in the sample"));
            }
            Ok(())
        }
        (Value::Array(s), Value::Array(a)) => {
            for (i, av) in a.iter().enumerate() {
                if !s.is_empty()
                    && !s
                        .iter()
                        .any(|sv| json_conforms(sv, av, path, exact, extra_ok).is_ok())
                {
                    return Err(format!("{path}[{i}]: no sample item has this shape"));
                }
            }
            for sv in s {
                if !a
                    .iter()
                    .any(|av| json_conforms(sv, av, path, exact, extra_ok).is_ok())
                {
                    return Err(format!("{path}: a sample item is not shown by the answer"));
                }
            }
            Ok(())
        }
        (s, a) if kind(s) == kind(a) => Ok(()),
        (s, a) => Err(format!(
            "{path}: a {} in the sample, a {} in the answer",
            kind(s),
            kind(a)
        )),
    }
}

#[track_caller]
fn assert_json_conforms(sample: &Value, answer: &Value, exact: bool, extra_ok: &[&str]) {
    if let Err(e) = json_conforms(sample, answer, "$", exact, extra_ok) {
        panic!("JSON structure differs: {e}\nsample: {sample}\nanswer: {answer}");
    }
}

/// The comparison itself must catch differences, or the tests below prove
/// nothing.
#[test]
fn the_comparison_catches_structural_differences() {
    let all: Vec<String> = std::fs::read_dir(format!(
        "{}/../conformance/samples",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
    .map(|e| e.unwrap().file_name().into_string().unwrap())
    .collect();
    let xml_samples: Vec<&String> = all.iter().filter(|n| n.ends_with(".xml")).collect();
    assert!(xml_samples.len() >= 25, "{all:?}");
    for n in &xml_samples {
        let x = sample_xml(n);
        conforms(&x, &x, "").unwrap_or_else(|e| panic!("{n} vs itself: {e}"));
    }
    let differ = |a: &str, b: &str| {
        assert!(
            conforms(&sample_xml(a), &sample_xml(b), "").is_err(),
            "{b} passes as {a}"
        );
    };
    differ("record-search.ok.xml", "iweb-search.ok.xml");
    differ("iweb-search.ok.xml", "record-search.ok.xml");
    differ("record-search.ok.xml", "record-search.empty.xml");
    differ("import-record.ok.xml", "import-record-kb-variant.ok.xml");
    differ("import-record.ok.xml", "import-record-put.ok.xml");
    differ("standard-error.error.xml", "history.error.xml");
    differ("user.ok.xml", "rights.ok.xml");
    differ("workflows.ok.xml", "profiles.ok.xml");
    // An empty sample list accepts items; fewer sample items are fine.
    assert!(
        conforms(
            &sample_xml("import-record-put.ok.xml"),
            &sample_xml("import-record.ok.xml"),
            ""
        )
        .is_ok()
    );
    let base = sample_xml("profiles.ok.xml");
    // A renamed attribute, a leaf turned container, a lost variant.
    let mut x = sample_xml("import-record.ok.xml");
    x.kids[0].attrs[1].0 = "Status".into();
    assert!(conforms(&sample_xml("import-record.ok.xml"), &x, "").is_err());
    let mut x = base.clone();
    x.kids[0].kids[0].kids[0].kids.push(X {
        name: "b".into(),
        ..X::default()
    });
    assert!(conforms(&base, &x, "").is_err());
    let mut x = base.clone();
    let first = x.kids[0].kids[0].clone();
    x.kids[0].kids = vec![first.clone(), first];
    assert!(
        conforms(&base, &x, "").is_err(),
        "both Attributes variants must be shown"
    );
    let mut x = base.clone();
    x.kids[0].kids[0].kids.swap(0, 1);
    assert!(conforms(&base, &x, "").is_err(), "order counts");
    // Fields: the sample's fields in order, more allowed, not fewer.
    let rec = sample_xml("record-search.ok.xml");
    let mut x = rec.clone();
    let fields = &mut x.kids[2].kids[0].kids;
    fields.insert(
        2,
        X {
            name: "Location".into(),
            ..X::default()
        },
    );
    assert!(conforms(&rec, &x, "").is_ok());
    let mut x = rec.clone();
    x.kids[2].kids[0].kids.remove(1);
    assert!(conforms(&rec, &x, "").is_err());
    // JSON.
    let full = sample_json("application-full-inferred.ok.json");
    let cut = sample_json("application.ok.json");
    assert!(json_conforms(&cut, &full, "$", false, &[]).is_ok());
    assert!(json_conforms(&cut, &full, "$", true, &[]).is_err());
    assert!(json_conforms(&full, &cut, "$", false, &[]).is_err());
    let mut wrong = full.clone();
    wrong["Application"]["Enabled"] = json!("1");
    assert!(json_conforms(&full, &wrong, "$", true, &[]).is_err());
    let mut wrong = full.clone();
    wrong["Application"]["Scopes"]["Scope"] = json!([{"Name": "x"}]);
    assert!(json_conforms(&full, &wrong, "$", true, &[]).is_err());
}

/// An emulator, an application with three scopes, and zoe's token.
async fn setup() -> (Emulator, imagen_emulator::Credentials, String) {
    let emu = start().await;
    let app = installed_app(&emu, &["readUsersData", "modifyUsersData", "createJobs"]);
    let t = emu
        .issue_token_for(
            &app.api_key,
            "zoe",
            &["readUsersData", "modifyUsersData", "createJobs"],
        )
        .unwrap();
    (emu, app, t.access_token)
}

/// A signed GET with no `Accept` header (XML), or JSON accepted.
async fn signed(
    emu: &Emulator,
    app: &imagen_emulator::Credentials,
    resource: &str,
    json: bool,
) -> reqwest::Response {
    let date = now_date();
    let mut r = client()
        .get(format!("{}{resource}", emu.base_url()))
        .header("X-Imagen-API-Key", &app.api_key)
        .header("X-Imagen-Date", &date)
        .header(
            "X-Imagen-API-Signature",
            get_signature(&app.secret, &date, resource),
        );
    if json {
        r = r.header("Accept", "application/json");
    }
    r.send().await.unwrap()
}

async fn get_xml(emu: &Emulator, key: &str, tok: &str, resource: &str) -> X {
    xml_ok(
        user_req_xml(emu, Method::GET, key, tok, resource)
            .send()
            .await
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn application_matches_the_xml_and_json_samples() {
    let (emu, app, _) = setup().await;
    let v = xml_ok(signed(&emu, &app, "/core/v1/application", false).await).await;
    assert_conforms("application.ok.xml", &v);
    // JSON: the documented (cut) keys, and the full inferred document, plus
    // APIKey (in the XML sample, not in the inferred JSON one).
    let resp = signed(&emu, &app, "/core/v1/application", true).await;
    assert_eq!(
        resp.headers()["content-type"],
        "application/json; charset=utf-8"
    );
    let j = json(resp).await;
    assert_json_conforms(&sample_json("application.ok.json"), &j, false, &[]);
    assert_json_conforms(
        &sample_json("application-full-inferred.ok.json"),
        &j,
        true,
        &["APIKey"],
    );
    assert_eq!(j["Application"]["APIKey"], app.api_key.as_str());
    assert_eq!(j["Application"]["Logo"], "");
}

#[tokio::test]
async fn record_search_matches_the_hit_and_empty_samples() {
    let (emu, app, tok) = setup().await;
    let k = &app.api_key;
    let q = |iql: &str| format!("/imcc/v1/record/search?query={}", enc(iql));
    let v = get_xml(&emu, k, &tok, &q(r#"WHERE Title = "Zoë at the harbour""#)).await;
    assert_eq!(v.all("ImagenRecord").len(), 1);
    assert_conforms("record-search.ok.xml", &v);
    // Several hits: each record has the sample's shape.
    let v = get_xml(&emu, k, &tok, &q("WHERE Location = 'Bergen'")).await;
    assert_eq!(v.all("ImagenRecord").len(), 3);
    assert_conforms("record-search.ok.xml", &v);
    // XML only: asking for JSON changes nothing.
    let resp = user_send(&emu, Method::GET, k, &tok, &q("WHERE Title = 'Sunset'")).await;
    assert_conforms("record-search.ok.xml", &xml_ok(resp).await);
    let v = get_xml(&emu, k, &tok, &q("WHERE Title = 'no such title'")).await;
    assert_conforms("record-search.empty.xml", &v);
}

#[tokio::test]
async fn iweb_search_matches_the_hit_and_empty_samples() {
    let (emu, app, tok) = setup().await;
    let k = &app.api_key;
    let q = |iql: &str| format!("/iweb/v1/search?query={}", enc(iql));
    let v = get_xml(&emu, k, &tok, &q("WHERE Title = 'Crème brûlée'")).await;
    assert_conforms("iweb-search.ok.xml", &v);
    let v = get_xml(&emu, k, &tok, &q("WHERE Rating > 3")).await;
    assert_eq!(v.all("ImagenRecord").len(), 4);
    assert_conforms("iweb-search.ok.xml", &v);
    let v = get_xml(&emu, k, &tok, &q("WHERE Title = 'nothing'")).await;
    assert_conforms("iweb-search.empty.xml", &v);
    // JSON (offered, no vendor example; our convention: the XML without
    // wrappers). Fields are the database's own: the sample's must be there.
    let inferred = json!({
        "SearchID": "",
        "TotalHits": 0,
        "User": 0,
        "ImagenRecord": [{"ID": 0, "CanEdit": false, "Fields": {}}],
    });
    let j = json(user_send(&emu, Method::GET, k, &tok, &q("WHERE Rating > 3")).await).await;
    assert_json_conforms(&inferred, &j, true, &[]);
    let sample_fields = sample_xml("iweb-search.ok.xml");
    for r in j["ImagenRecord"].as_array().unwrap() {
        for f in sample_fields.at("ImagenRecord/Fields").names() {
            assert!(r["Fields"][f].is_string(), "{f} missing in {r}");
        }
    }
    let j = json(user_send(&emu, Method::GET, k, &tok, &q("WHERE Title = 'nothing'")).await).await;
    let mut empty = inferred.clone();
    empty["ImagenRecord"] = json!([]);
    assert_json_conforms(&empty, &j, true, &[]);
    assert_eq!(j["ImagenRecord"], json!([]));
}

const IMPORT_PUT: &str = "/imcc/v1/import/record/NativeImagenXML";

#[tokio::test]
async fn the_import_body_sample_is_accepted_and_put_get_match_the_samples() {
    let (emu, app, tok) = setup().await;
    let k = &app.api_key;
    let body = sample("import-record-body.ok.xml");
    // Synchronous, with a workflow: a record with a media object and a
    // store job; the PUT sample's empty list accepts them.
    let put = put_xml(
        &emu,
        k,
        &tok,
        &format!("{IMPORT_PUT}?workflow=Ingest%20video"),
        &body,
    )
    .await;
    let v = xml_ok(put).await;
    assert_eq!(v.kid("DatabaseJob").attr("State"), Some("2"));
    assert_conforms("import-record-put.ok.xml", &v);
    assert_conforms("import-record.ok.xml", &v);
    let guid = v.kid("DatabaseJob").attr("GUID").unwrap().to_string();
    let g = get_xml(&emu, k, &tok, &format!("/imcc/v1/import/record/{guid}")).await;
    assert_conforms("import-record.ok.xml", &g);
    // The sample's content arrived.
    let rid = g
        .at("DatabaseJob/Import/ImagenRecords/ImagenRecord")
        .attr("ID")
        .unwrap()
        .to_string();
    let r = get_xml(&emu, k, &tok, &format!("/imcc/v1/record/{rid}")).await;
    let f = r.at("ImagenRecord/Fields");
    assert_eq!(f.text_at("Title"), "Ålesund ferry arrival");
    assert_eq!(f.text_at("Summary"), "Drone shot, Zoë Lindqvist");
    let mid = g
        .at("DatabaseJob/Import/ImagenRecords/ImagenRecord/MediaObjects/MediaObject")
        .attr("ID")
        .unwrap()
        .to_string();
    let s = get_xml(
        &emu,
        k,
        &tok,
        &format!(
            "/imcc/v1/record/search?includeMedia=true&query={}",
            enc(&format!("WHERE media.ID = {mid}"))
        ),
    )
    .await;
    assert_eq!(s.kid("ImagenRecord").attr("ID"), Some(rid.as_str()));
    // Asynchronous: State 0 and the empty lists, exactly like the sample.
    let put = put_xml(
        &emu,
        k,
        &tok,
        &format!("{IMPORT_PUT}?workflow=Ingest%20video&timeout=0"),
        &body,
    )
    .await;
    let v = xml_ok(put).await;
    assert_eq!(v.kid("DatabaseJob").attr("State"), Some("0"));
    assert_conforms("import-record-put.ok.xml", &v);
    // Each state on the way conforms to the GET sample's shape once it has
    // records (Processing, Completed).
    let status = format!(
        "/imcc/v1/import/record/{}",
        v.kid("DatabaseJob").attr("GUID").unwrap()
    );
    let mut states = Vec::new();
    for _ in 0..3 {
        let g = get_xml(&emu, k, &tok, &status).await;
        let st = g.kid("DatabaseJob").attr("State").unwrap().to_string();
        if st == "0" {
            assert_conforms("import-record-put.ok.xml", &g);
        } else {
            assert_conforms("import-record.ok.xml", &g);
        }
        states.push(st);
    }
    assert_eq!(states, ["0", "1", "2"]);
}

#[tokio::test]
async fn import_delete_matches_the_sample_and_stops_a_waiting_task() {
    let (emu, app, tok) = setup().await;
    let k = &app.api_key;
    let body = sample("import-record-body.ok.xml").replace(
        "</Records>",
        "<ImagenRecord ID=\"-1\"><Fields><Title>Second</Title></Fields></ImagenRecord></Records>",
    );
    let v = xml_ok(put_xml(&emu, k, &tok, &format!("{IMPORT_PUT}?timeout=10"), &body).await).await;
    let guid = v.kid("DatabaseJob").attr("GUID").unwrap().to_string();
    let del = user_req_xml(
        &emu,
        Method::DELETE,
        k,
        &tok,
        &format!("/imcc/v1/import/record/{guid}"),
    )
    .send()
    .await
    .unwrap();
    let d = xml_ok(del).await;
    assert_conforms("import-record-delete.ok.xml", &d);
    let j = d.kid("DatabaseJob");
    assert_eq!(j.attr("State"), Some("0"));
    assert_eq!(j.attr("GUID"), Some(guid.as_str()));
    assert_eq!(j.text_at("Import/NumRecords"), "2");
    // Stopped: nothing was imported, and the task is gone.
    let q = format!(
        "/imcc/v1/record/search?query={}",
        enc(r#"WHERE Title = "Ålesund ferry arrival""#)
    );
    assert_eq!(get_xml(&emu, k, &tok, &q).await.text_at("TotalHits"), "0");
    let resp = user_req_xml(
        &emu,
        Method::GET,
        k,
        &tok,
        &format!("/imcc/v1/import/record/{guid}"),
    )
    .send()
    .await
    .unwrap();
    let e = assert_xml_error(resp, 404, "Import job not found.").await;
    assert_conforms("import-record.error.xml", &e);
}

#[tokio::test]
async fn the_job_body_sample_is_accepted_and_answers_match_the_samples() {
    let (emu, app, tok) = setup().await;
    let k = &app.api_key;
    let body = sample("job-put-body.ok.xml");
    // Before the workflow exists: the documented error shape.
    let resp = user_req_xml(&emu, Method::PUT, k, &tok, "/imcc/v1/job")
        .header("Content-Type", "text/xml; charset=utf-8")
        .body(body.clone())
        .send()
        .await
        .unwrap();
    let e = assert_xml_error(resp, 400, "Unknown workflow 'Regenerate Proxies 東京'").await;
    assert_conforms("job-put.error.xml", &e);
    // Seed what the sample references: the workflow, record 5531 and its
    // video 9120.
    emu.add_workflow(WorkflowSpec::new("Regenerate Proxies 東京").usage_type("Task"))
        .unwrap();
    let resp = user_send(&emu, Method::PUT, k, &tok, "/imcc/v1/job").await;
    assert_eq!(resp.status(), 415, "no body, no XML content type");
    let resp = put_xml(&emu, k, &tok, "/imcc/v1/job", &body).await;
    assert_error(resp, 400, "Unknown record 5531").await;
    emu.add_record(Some(5531), &[("Title", "Reprocess me")])
        .unwrap();
    emu.add_media(MediaSpec::new(5531, "Video", "https://media.example/9120.mov").id(9120))
        .unwrap();
    let resp = user_req_xml(&emu, Method::PUT, k, &tok, "/imcc/v1/job")
        .header("Content-Type", "text/xml; charset=utf-8")
        .body(body)
        .send()
        .await
        .unwrap();
    let v = xml_ok(resp).await;
    assert_conforms("job-put.ok.xml", &v);
    let guid = v.text_at("Result");
    let groups: Vec<usize> = guid.split('-').map(str::len).collect();
    assert_eq!(groups, [8, 4, 4, 4, 12], "{guid}");
}

#[tokio::test]
async fn media_delete_matches_the_xml_json_and_error_samples() {
    let (emu, app, tok) = setup().await;
    let k = &app.api_key;
    let resp = user_req_xml(&emu, Method::DELETE, k, &tok, "/imcc/v1/media/101/0")
        .send()
        .await
        .unwrap();
    assert_conforms("media-delete.ok.xml", &xml_ok(resp).await);
    let resp = user_send(&emu, Method::DELETE, k, &tok, "/imcc/v1/media/102/1").await;
    assert_eq!(resp.status(), 200);
    let j = json(resp).await;
    assert_json_conforms(&sample_json("media-delete.ok.json"), &j, true, &[]);
    assert_eq!(j, json!({"result": "success"}));
    let resp = user_send(&emu, Method::DELETE, k, &tok, "/imcc/v1/media/70412/0").await;
    let e = assert_error(resp, 404, "Media not found.").await;
    assert_json_conforms(&sample_json("media-delete.error.json"), &e, true, &[]);
}

#[tokio::test]
async fn workflows_match_the_sample_and_the_inferred_json() {
    let (emu, app, tok) = setup().await;
    let k = &app.api_key;
    let v = get_xml(&emu, k, &tok, "/imcc/v1/workflows").await;
    assert_conforms("workflows.ok.xml", &v);
    for w in v.at("Workflows").all("Workflow") {
        assert!(["true", "false"].contains(&w.text_at("CanClip")));
        assert!(["true", "false"].contains(&w.text_at("ClipOnly")));
        let date = w.text_at("DateCreated");
        assert!(date.len() == 19 && date.as_bytes()[10] == b'T', "{date}");
        let ext = w.text_at("FileExtensions");
        if !ext.is_empty() {
            let parsed: Value = serde_json::from_str(ext).unwrap();
            assert!(parsed.is_array(), "{ext}");
        }
    }
    // JSON (inferred): the sample's Workflow keys, CanClip/ClipOnly booleans,
    // every other value a string.
    let s = sample_xml("workflows.ok.xml");
    let keys: serde_json::Map<String, Value> = s
        .at("Workflows/Workflow")
        .names()
        .into_iter()
        .map(|n| {
            let v = if n == "CanClip" || n == "ClipOnly" {
                json!(false)
            } else {
                json!("")
            };
            (n.to_string(), v)
        })
        .collect();
    let inferred = json!({"Workflows": {"Workflow": [keys]}});
    let j = json(user_send(&emu, Method::GET, k, &tok, "/imcc/v1/workflows").await).await;
    assert_json_conforms(&inferred, &j, true, &[]);
    assert_eq!(j["Workflows"]["Workflow"].as_array().unwrap().len(), 5);
}

#[tokio::test]
async fn profiles_user_and_their_errors_match_the_samples() {
    let (emu, app, tok) = setup().await;
    let k = &app.api_key;
    let resp = client()
        .get(format!("{}/imcc/v1/profiles", emu.base_url()))
        .header("Accept", "application/json")
        .send()
        .await
        .unwrap();
    assert_conforms("profiles.ok.xml", &xml_ok(resp).await);
    let resp = client()
        .get(format!(
            "{}/imcc/v1/profiles?usage=Subtitle",
            emu.base_url()
        ))
        .send()
        .await
        .unwrap();
    let e = assert_xml_error(resp, 400, "Invalid value for parameter 'usage'.").await;
    assert_conforms("profiles.error.xml", &e);
    let v = get_xml(&emu, k, &tok, "/imcc/v1/user").await;
    assert_conforms("user.ok.xml", &v);
    let v = get_xml(&emu, k, &tok, "/imcc/v1/rights").await;
    assert_conforms("rights.ok.xml", &v);
}

/// Our error document always has Code, Message and Details; samples that
/// show fewer elements (the history page's 500 and 401 bodies) must find
/// theirs in ours, in order.
fn error_has_sample_elements(sample_name: &str, answer: &X) {
    let s = sample_xml(sample_name);
    assert_eq!(s.name, "Error");
    assert_eq!(answer.names(), ["Code", "Message", "Details"]);
    let mut rest = answer.names().into_iter();
    for n in s.names() {
        assert!(rest.any(|a| a == n), "{sample_name}: <{n}> not in order");
    }
}

#[tokio::test]
async fn error_samples_match_the_standard_failure_document() {
    let (emu, app, tok) = setup().await;
    let k = &app.api_key;
    let base = emu.base_url().to_string();
    // application: bad signature, XML and JSON.
    let bad = imagen_emulator::Credentials {
        api_key: app.api_key.clone(),
        secret: "wrong".into(),
    };
    let e = assert_xml_error(
        signed(&emu, &bad, "/core/v1/application", false).await,
        401,
        imagen_emulator::MSG_BAD_SIGNATURE,
    )
    .await;
    assert_conforms("application.error.xml", &e);
    assert_conforms("standard-error.error.xml", &e);
    let j = assert_error(
        signed(&emu, &bad, "/core/v1/application", true).await,
        401,
        imagen_emulator::MSG_BAD_SIGNATURE,
    )
    .await;
    assert_json_conforms(&sample_json("application.error.json"), &j, true, &[]);
    assert_json_conforms(&sample_json("standard-error.error.json"), &j, true, &[]);
    // record search: a query that does not parse.
    let resp = user_req_xml(
        &emu,
        Method::GET,
        k,
        &tok,
        &format!("/imcc/v1/record/search?query={}", enc("WHERE Titel")),
    )
    .send()
    .await
    .unwrap();
    let e = assert_xml_error(resp, 400, "Invalid query at position 12").await;
    assert_conforms("record-search.error.xml", &e);
    // iweb search: start without searchID.
    let r = "/iweb/v1/search?query=&start=5";
    let resp = user_req_xml(&emu, Method::GET, k, &tok, r)
        .send()
        .await
        .unwrap();
    let e = assert_xml_error(resp, 400, "The parameter 'start' needs 'searchID'.").await;
    assert_conforms("iweb-search.error.xml", &e);
    let j = assert_error(
        user_send(&emu, Method::GET, k, &tok, r).await,
        400,
        "The parameter 'start' needs 'searchID'.",
    )
    .await;
    assert_json_conforms(&sample_json("iweb-search.error.json"), &j, true, &[]);
    // iweb download: not served; the answer is still the standard document.
    let resp = client()
        .get(format!("{base}/iweb/v1/download"))
        .send()
        .await
        .unwrap();
    let e = assert_xml_error(resp, 404, "No such resource.").await;
    assert_conforms("iweb-download.error.xml", &e);
    // import status of an unknown task.
    let resp = user_req_xml(
        &emu,
        Method::GET,
        k,
        &tok,
        "/imcc/v1/import/record/D7AFFC2C-A124-451b-AB00-B88E71A5AC8C",
    )
    .send()
    .await
    .unwrap();
    let e = assert_xml_error(resp, 404, "Import job not found.").await;
    assert_conforms("import-record.error.xml", &e);
    // user and history without credentials (401), history with a bad sort.
    for (path, samples) in [
        ("/imcc/v1/user", &["user.error.xml"][..]),
        ("/imcc/v1/history", &["history-unauthorized.error.xml"][..]),
    ] {
        let resp = client().get(format!("{base}{path}")).send().await.unwrap();
        let e = assert_xml_error(resp, 401, imagen_emulator::MSG_NO_AUTH).await;
        for s in samples {
            error_has_sample_elements(s, &e);
        }
    }
    let resp = user_req_xml(&emu, Method::GET, k, &tok, "/imcc/v1/history?sort=x")
        .send()
        .await
        .unwrap();
    let e = assert_xml_error(resp, 400, "Invalid value for parameter 'sort'.").await;
    error_has_sample_elements("history.error.xml", &e);
    assert_conforms("standard-error.error.xml", &e);
}

#[tokio::test]
async fn the_old_invented_documents_are_refused_with_the_standard_error() {
    let (emu, app, tok) = setup().await;
    let k = &app.api_key;
    let old_import = r#"<?xml version="1.0" encoding="utf-8"?>
<Records>
  <Record>
    <Field name="Title">Zoë</Field>
    <Media filename="clip.mov"/>
  </Record>
</Records>"#;
    let old_job = "<Job><DatabaseID>1</DatabaseID><Workflow>Transcode to H.264</Workflow>\
                   <JobName>x</JobName><Priority>2</Priority><Inputs><Media>102</Media></Inputs></Job>";
    let cases = [
        (
            format!("{IMPORT_PUT}?workflow=Ingest%20video"),
            old_import,
            "Expected <Records> with <ImagenRecord> children (Imagen XML).",
        ),
        (
            "/imcc/v1/job".to_string(),
            old_job,
            "Expected a <CISXMLDocument> job document.",
        ),
    ];
    for (path, body, msg) in &cases {
        let resp = user_req_xml(&emu, Method::PUT, k, &tok, path)
            .header("Content-Type", "application/xml")
            .body(body.to_string())
            .send()
            .await
            .unwrap();
        let e = assert_xml_error(resp, 400, msg).await;
        assert_conforms("standard-error.error.xml", &e);
        let j = assert_error(put_xml(&emu, k, &tok, path, body).await, 400, msg).await;
        assert_json_conforms(&sample_json("standard-error.error.json"), &j, true, &[]);
    }
    // Nothing was imported, no job was made.
    let q = format!(
        "/imcc/v1/record/search?query={}",
        enc("WHERE Title = 'Zoë'")
    );
    assert_eq!(get_xml(&emu, k, &tok, &q).await.text_at("TotalHits"), "0");
    let stats = json(
        client()
            .get(format!("{}/emulator/admin/stats", emu.base_url()))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(stats["jobs"], json!([]));
}

#[tokio::test]
async fn iql_double_quotes_and_null() {
    let (emu, app, tok) = setup().await;
    let k = &app.api_key;
    let red = emu
        .add_record(None, &[("Title", "Red Car"), ("Summary", "say \"hi\"")])
        .unwrap();
    let seg = emu
        .add_media(MediaSpec::new(red, "Video", "red-part.mov").segment_of(105))
        .unwrap();
    let hits = async |iql: &str| -> Vec<i64> {
        let v = get_xml(
            &emu,
            k,
            &tok,
            &format!("/imcc/v1/record/search?query={}", enc(iql)),
        )
        .await;
        v.all("ImagenRecord")
            .iter()
            .map(|r| r.attr("ID").unwrap().parse().unwrap())
            .collect()
    };
    assert_eq!(hits(r#"WHERE Title="Red Car""#).await, [red]);
    assert_eq!(hits("WHERE Title='Red Car'").await, [red]);
    assert_eq!(hits(r#"WHERE Summary = "say ""hi""""#).await, [red]);
    assert_eq!(hits(r#"WHERE Summary = 'say "hi"'"#).await, [red]);
    // Only the new record's media is a segment.
    assert_eq!(hits("WHERE media.ParentID != null").await, [red]);
    assert_eq!(
        hits(&format!("WHERE media.ParentID = {}", 105)).await,
        [red]
    );
    let not_segments = hits("WHERE media.ParentID = NULL ORDER BY ID ASC").await;
    assert_eq!(not_segments, [1, 2, 3, 4, 5, 6, 7, 8]);
    // Empty values count as null.
    assert_eq!(
        hits("WHERE Summary = null ORDER BY ID ASC").await,
        [2, 4, 6, 7]
    );
    assert_eq!(
        hits("WHERE Summary != null AND Title = \"Red Car\"").await,
        [red]
    );
    assert_eq!(hits(&format!("WHERE media.ID = {seg}")).await, [red]);
    // Errors keep their positions, for either quote.
    let resp = user_send(
        &emu,
        Method::GET,
        k,
        &tok,
        &format!(
            "/imcc/v1/record/search?query={}",
            enc(r#"WHERE Title = "Red"#)
        ),
    )
    .await;
    let e = assert_error(resp, 400, "Invalid query at position 15").await;
    assert_eq!(e["Error"]["Details"], r#"WHERE Title = "Red"#);
    let resp = user_send(
        &emu,
        Method::GET,
        k,
        &tok,
        &format!(
            "/imcc/v1/record/search?query={}",
            enc("WHERE Rating < null")
        ),
    )
    .await;
    assert_error(resp, 400, "Invalid query at position 16").await;
}
