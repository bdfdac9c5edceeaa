//! Handlers of the documented resources (api/imagen.yaml), served from the
//! in-memory store. Each handler first calls [`authenticate`] with its
//! endpoint's `auth` kind and `scopes` from the description (the `EP_*`
//! constants below mirror the yaml; a test checks them against it).

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::Shared;
use crate::auth::{AuthKind, Caller, authenticate};
use crate::error::{ApiError, Reply};
use crate::iql;
use crate::server::{Params, Req};
use crate::store::{ImportJob, Job, Search, Store, iso8601, random_guid};

type St = State<Arc<Shared>>;

/// Auth kind and scopes of one endpoint, as in api/imagen.yaml.
#[cfg_attr(not(test), allow(dead_code))]
pub struct Ep {
    pub method: &'static str,
    pub path: &'static str,
    pub auth: AuthKind,
    pub scopes: &'static [&'static str],
}

macro_rules! ep {
    ($name:ident, $m:literal, $p:literal, $auth:ident, [$($s:literal),*]) => {
        pub const $name: Ep = Ep { method: $m, path: $p, auth: AuthKind::$auth, scopes: &[$($s),*] };
    };
}
ep!(
    EP_APPLICATION,
    "GET",
    "/core/v1/application",
    Application,
    []
);
ep!(
    EP_RECORD_SEARCH,
    "GET",
    "/imcc/v1/record/search",
    User,
    ["readUsersData"]
);
ep!(
    EP_RECORD_GET,
    "GET",
    "/imcc/v1/record/{recordId}",
    Any,
    ["readUsersData"]
);
ep!(
    EP_WEB_SEARCH,
    "GET",
    "/iweb/v1/search",
    User,
    ["readUsersData"]
);
ep!(
    EP_IMPORT,
    "PUT",
    "/imcc/v1/import/record/{mappingFile}",
    User,
    ["modifyUsersData"]
);
ep!(
    EP_IMPORT_STATUS,
    "GET",
    "/imcc/v1/import/record/{jobGUID}",
    User,
    ["readUsersData"]
);
ep!(EP_JOB_CREATE, "PUT", "/imcc/v1/job", User, ["createJobs"]);
ep!(
    EP_MEDIA_DELETE,
    "DELETE",
    "/imcc/v1/media/{mediaId}/{deleteSegments}",
    User,
    ["modifyUsersData"]
);
ep!(
    EP_WORKFLOWS,
    "GET",
    "/imcc/v1/workflows",
    User,
    ["createJobs"]
);
ep!(EP_PROFILES, "GET", "/imcc/v1/profiles", None, []);
ep!(EP_USER, "GET", "/imcc/v1/user", User, ["readUsersData"]);
ep!(
    EP_HISTORY,
    "GET",
    "/imcc/v1/history",
    User,
    ["readUsersData"]
);

/// Every endpoint, for the consistency test against the yaml.
#[cfg_attr(not(test), allow(dead_code))]
pub const ENDPOINTS: &[Ep] = &[
    EP_APPLICATION,
    EP_RECORD_SEARCH,
    EP_RECORD_GET,
    EP_WEB_SEARCH,
    EP_IMPORT,
    EP_IMPORT_STATUS,
    EP_JOB_CREATE,
    EP_MEDIA_DELETE,
    EP_WORKFLOWS,
    EP_PROFILES,
    EP_USER,
    EP_HISTORY,
];

fn auth(sh: &Shared, req: &Req, ep: &Ep) -> Result<Caller, ApiError> {
    authenticate(sh, req, ep.auth, ep.scopes)
}

/// `GET /core/v1/application`: the calling application, wrapped.
pub async fn application(State(sh): St, req: Req) -> Result<Reply, ApiError> {
    let c = auth(&sh, &req, &EP_APPLICATION)?;
    let st = sh.lock();
    let app = st
        .apps
        .get(c.key.as_deref().unwrap_or_default())
        .ok_or_else(|| ApiError::unauthorized(crate::error::MSG_UNKNOWN_KEY, ""))?;
    Ok(Reply::object("Application", app.to_json()))
}

fn field_of(st: &Store, id: i64, field: &str) -> Option<String> {
    let rec = st.records.get(&id)?;
    if field.eq_ignore_ascii_case("ID") {
        return Some(id.to_string());
    }
    if let Some(m) = field.strip_prefix("media.") {
        let media = st.media.values().find(|x| x.record_id == id)?;
        return match m.to_ascii_lowercase().as_str() {
            "state" => Some(media.state.clone()),
            "id" => Some(media.id.to_string()),
            "parentid" => Some(id.to_string()),
            "filename" => Some(media.filename.clone()),
            _ => None,
        };
    }
    rec.fields
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(field))
        .map(|(_, v)| v.clone())
}

fn record_json(st: &Store, id: i64, can_edit: bool, include_media: bool) -> Value {
    let fields = st
        .records
        .get(&id)
        .map(|r| r.fields.clone())
        .unwrap_or_default();
    let mut v = json!({"ID": id, "CanEdit": can_edit, "Fields": fields});
    if include_media {
        let media: Vec<Value> = st
            .media
            .values()
            .filter(|m| m.record_id == id)
            .map(|m| json!({"ID": m.id, "Filename": m.filename, "State": m.state}))
            .collect();
        v["Media"] = Value::Array(media);
    }
    v
}

struct Page {
    search_id: String,
    total: usize,
    ids: Vec<i64>,
    include_media: bool,
}

fn run_search(sh: &Shared, c: &Caller, q: &Params) -> Result<Page, ApiError> {
    let num = q.int("numRecords")?.unwrap_or(25);
    if !(1..=1000).contains(&num) {
        return Err(ApiError::bad_request(
            "Invalid value for parameter 'numRecords'.",
            "numRecords must be between 1 and 1000.",
        ));
    }
    let start = q.int("start")?.unwrap_or(0);
    if start < 0 {
        return Err(ApiError::bad_request(
            "Invalid value for parameter 'start'.",
            "start must not be negative.",
        ));
    }
    q.int("timeout")?;
    let include_media = q.bool("includeMedia")?.unwrap_or(false);
    let mut st = sh.lock();
    let (search_id, all) = match q.get("searchID").filter(|s| !s.is_empty()) {
        Some(sid) => {
            let s = st
                .searches
                .get(sid)
                .filter(|s| s.owner == c.owner())
                .ok_or_else(|| {
                    ApiError::not_found(
                        "Unknown searchID.",
                        format!("No search '{sid}' of this user."),
                    )
                })?;
            (sid.to_string(), s.ids.clone())
        }
        None => {
            if start > 0 {
                return Err(ApiError::bad_request(
                    "The parameter 'start' needs 'searchID'.",
                    "Pass the SearchID of the first page with start.",
                ));
            }
            let text = q.get("query").ok_or_else(|| {
                ApiError::bad_request(
                    "The parameter 'query' is required.",
                    "An Imagen Query Language query, e.g. WHERE Title = 'x'.",
                )
            })?;
            let parsed = iql::parse(text).map_err(|e| {
                ApiError::bad_request(format!("Invalid query {e}."), text.to_string())
            })?;
            let ids: Vec<i64> = st.records.keys().copied().collect();
            let hits = parsed.run(ids, |id, f| field_of(&st, id, f));
            let sid = random_guid();
            st.searches.insert(
                sid.clone(),
                Search {
                    owner: c.owner(),
                    ids: hits.clone(),
                },
            );
            (sid, hits)
        }
    };
    let total = all.len();
    let ids = all
        .into_iter()
        .skip(start as usize)
        .take(num as usize)
        .collect();
    Ok(Page {
        search_id,
        total,
        ids,
        include_media,
    })
}

/// `GET /imcc/v1/record/search`
pub async fn record_search(State(sh): St, req: Req) -> Result<Reply, ApiError> {
    let c = auth(&sh, &req, &EP_RECORD_SEARCH)?;
    let page = run_search(&sh, &c, &req.query()?)?;
    let st = sh.lock();
    let records: Vec<Value> = page
        .ids
        .iter()
        .map(|id| record_json(&st, *id, c.can_edit(), page.include_media))
        .collect();
    Ok(Reply::object(
        "SearchResult",
        json!({"SearchID": page.search_id, "TotalHits": page.total, "Records": records}),
    ))
}

/// `GET /iweb/v1/search`: records with download URLs, and the user.
pub async fn web_search(State(sh): St, req: Req) -> Result<Reply, ApiError> {
    let c = auth(&sh, &req, &EP_WEB_SEARCH)?;
    let page = run_search(&sh, &c, &req.query()?)?;
    let st = sh.lock();
    let base = &sh.base_url;
    let records: Vec<Value> = page
        .ids
        .iter()
        .map(|id| {
            let mut r = record_json(&st, *id, c.can_edit(), page.include_media);
            let downloads: Vec<Value> = st
                .media
                .values()
                .filter(|m| m.record_id == *id)
                .flat_map(|m| {
                    m.profiles.iter().map(move |p| {
                        let enc = percent_encoding::utf8_percent_encode(p, percent_encoding::NON_ALPHANUMERIC);
                        json!({"Profile": p, "URL": format!("{base}/iweb/v1/download/{}/{enc}", m.id)})
                    })
                })
                .collect();
            r["Downloads"] = Value::Array(downloads);
            r
        })
        .collect();
    let user = c.user_id.and_then(|u| st.user(u)).map(|u| u.to_json());
    Ok(Reply::object(
        "WebSearchResult",
        json!({"SearchID": page.search_id, "TotalHits": page.total, "Records": records, "User": user}),
    ))
}

fn parse_id(s: &str, what: &str) -> Result<i64, ApiError> {
    s.parse().map_err(|_| {
        ApiError::bad_request(
            format!("Invalid {what}."),
            format!("'{s}' is not an integer."),
        )
    })
}

/// `GET /imcc/v1/record/{recordId}` (application or user context).
pub async fn record_get(State(sh): St, req: Req) -> Result<Reply, ApiError> {
    let c = auth(&sh, &req, &EP_RECORD_GET)?;
    let id = parse_id(&req.segment(3)?, "record ID")?;
    let st = sh.lock();
    if !st.records.contains_key(&id) {
        return Err(ApiError::not_found(
            "Record not found.",
            format!("No record {id}."),
        ));
    }
    Ok(Reply::object(
        "Record",
        record_json(&st, id, c.can_edit(), false),
    ))
}

fn require_xml(req: &Req) -> Result<(), ApiError> {
    let ct = req
        .header_str("content-type")
        .unwrap_or("")
        .to_ascii_lowercase();
    if ct.starts_with("text/xml") || ct.starts_with("application/xml") {
        Ok(())
    } else {
        Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "The request body must be XML.",
            "Send Content-Type: application/xml (or text/xml); charset=utf-8.",
        ))
    }
}

fn parse_xml_body(req: &Req) -> Result<crate::xml::Element, ApiError> {
    require_xml(req)?;
    crate::xml::parse(req.body_str())
        .map_err(|e| ApiError::bad_request("The request body is not well-formed XML.", e))
}

/// `PUT /imcc/v1/import/record/{mappingFile}`.
///
/// Only the `NativeImagenXML` mapping exists. Body:
/// `<Records><Record><Field name="Title">Zoë</Field><Media filename="a.mov"/></Record>…</Records>`.
/// Each `Record` becomes a new record, or, with `searchfield=F`, updates the
/// record whose field `F` equals the imported `F`. `Media` elements create
/// media objects only when `workflow` is given. One job covers the import;
/// its `State` advances Pending → Running → Finished on successive reads.
pub async fn import_records(State(sh): St, req: Req) -> Result<Reply, ApiError> {
    let c = auth(&sh, &req, &EP_IMPORT)?;
    let mapping = req.segment(4)?;
    if mapping != "NativeImagenXML" {
        return Err(ApiError::not_found(
            "Unknown mapping file.",
            format!("'{mapping}' is not a mapping file of this installation; use NativeImagenXML."),
        ));
    }
    let q = req.query()?;
    let workflow = q
        .get("workflow")
        .filter(|w| !w.is_empty())
        .map(str::to_string);
    let search_field = q
        .get("searchfield")
        .filter(|w| !w.is_empty())
        .map(str::to_string);
    let doc = parse_xml_body(&req)?;
    if doc.name != "Records" {
        return Err(ApiError::bad_request(
            "The request body is not an Imagen record document.",
            format!("The root element is <{}>; expected <Records>.", doc.name),
        ));
    }
    let mut parsed: Vec<(BTreeMap<String, String>, Vec<String>)> = Vec::new();
    for (i, r) in doc.children.iter().enumerate() {
        if r.name != "Record" {
            return Err(ApiError::bad_request(
                "The request body is not an Imagen record document.",
                format!("Unexpected <{}> in <Records>; expected <Record>.", r.name),
            ));
        }
        let mut fields = BTreeMap::new();
        let mut media = Vec::new();
        for f in &r.children {
            match f.name.as_str() {
                "Field" => {
                    let name = f.attr("name").filter(|n| !n.is_empty()).ok_or_else(|| {
                        ApiError::bad_request(
                            "The request body is not an Imagen record document.",
                            format!("A <Field> of record {} has no name attribute.", i + 1),
                        )
                    })?;
                    fields.insert(name.to_string(), f.text.clone());
                }
                "Media" => media.push(f.attr("filename").unwrap_or(f.text.trim()).to_string()),
                other => {
                    return Err(ApiError::bad_request(
                        "The request body is not an Imagen record document.",
                        format!("Unexpected <{other}> in <Record>."),
                    ));
                }
            }
        }
        if fields.is_empty() {
            return Err(ApiError::bad_request(
                "The request body is not an Imagen record document.",
                format!("Record {} has no fields.", i + 1),
            ));
        }
        parsed.push((fields, media));
    }
    if parsed.is_empty() {
        return Err(ApiError::bad_request(
            "The import holds no records.",
            "Add <Record> elements.",
        ));
    }
    if parsed.len() > 6000 {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "Too many import jobs.",
            "At most 6000 records per import.",
        ));
    }
    let now = iso8601(sh.now());
    let mut st = sh.lock();
    let (user_id, mut record_ids, mut media_ids) = (c.user_id.unwrap_or(0), Vec::new(), Vec::new());
    for (fields, media) in parsed {
        let existing = search_field.as_ref().and_then(|sf| {
            let want = fields.get(sf)?;
            st.records
                .values()
                .find(|r| r.fields.get(sf) == Some(want))
                .map(|r| r.id)
        });
        let rid = match existing {
            Some(id) => {
                if let Some(r) = st.records.get_mut(&id) {
                    r.fields.extend(fields);
                }
                st.add_history(
                    Some(id),
                    None,
                    "edit",
                    user_id,
                    now.clone(),
                    format!("Imported into record {id}"),
                );
                id
            }
            None => {
                let id = st.add_record(fields);
                st.add_history(
                    Some(id),
                    None,
                    "create",
                    user_id,
                    now.clone(),
                    format!("Imported record {id}"),
                );
                id
            }
        };
        record_ids.push(rid);
        if workflow.is_some() {
            for m in media {
                media_ids.push(st.add_media(rid, &m, "Online"));
            }
        }
    }
    let guid = random_guid();
    let store_jobs = media_ids.iter().map(|_| random_guid()).collect();
    st.imports.insert(
        guid.clone(),
        ImportJob {
            owner: c.owner(),
            reads: 0,
            record_ids: record_ids.clone(),
            media_ids,
            store_jobs,
        },
    );
    Ok(Reply::object(
        "ImportStarted",
        json!({"JobGUID": guid, "RecordIDs": record_ids}),
    ))
}

/// `GET /imcc/v1/import/record/{jobGUID}`: only for the same application
/// and user (others get 404, so job IDs are not disclosed).
pub async fn import_status(State(sh): St, req: Req) -> Result<Reply, ApiError> {
    let c = auth(&sh, &req, &EP_IMPORT_STATUS)?;
    let guid = req.segment(4)?;
    req.query()?.int("timeout")?;
    let mut st = sh.lock();
    let job = st
        .imports
        .get_mut(&guid)
        .filter(|j| j.owner == c.owner())
        .ok_or_else(|| {
            ApiError::not_found(
                "Import job not found.",
                format!("No import job '{guid}' started by this user and application."),
            )
        })?;
    let state = match job.reads {
        0 => "Pending",
        1 => "Running",
        _ => "Finished",
    };
    job.reads += 1;
    Ok(Reply::object(
        "DatabaseJob",
        json!({
            "GUID": guid, "State": state, "Type": "Import",
            "RecordIDs": job.record_ids, "MediaObjectIDs": job.media_ids, "StoreJobIDs": job.store_jobs,
        }),
    ))
}

/// `PUT /imcc/v1/job`: `<Job><DatabaseID>1</DatabaseID><Workflow>ID or name</Workflow>
/// <JobName>…</JobName><ResourceGroup>…</ResourceGroup><Priority>1–3</Priority>
/// <Inputs><Media>ID</Media>…</Inputs></Job>` → `{"GUID": …}`.
pub async fn job_create(State(sh): St, req: Req) -> Result<Reply, ApiError> {
    let c = auth(&sh, &req, &EP_JOB_CREATE)?;
    let doc = parse_xml_body(&req)?;
    let bad = |d: String| ApiError::bad_request("Invalid job document.", d);
    if doc.name != "Job" {
        return Err(bad(format!(
            "The root element is <{}>; expected <Job>.",
            doc.name
        )));
    }
    let wf = doc
        .child_text("Workflow")
        .ok_or_else(|| bad("<Workflow> is missing.".into()))?
        .to_string();
    if let Some(p) = doc.child_text("Priority") {
        match p.parse::<u8>() {
            Ok(1..=3) => {}
            _ => return Err(bad(format!("Priority '{p}' is not 1, 2 or 3."))),
        }
    }
    let name = doc.child_text("JobName").unwrap_or("Reprocess").to_string();
    let mut st = sh.lock();
    let workflow = st
        .workflows
        .iter()
        .find(|w| w.name == wf || w.id.to_string() == wf)
        .map(|w| w.id)
        .ok_or_else(|| {
            ApiError::not_found("Workflow not found.", format!("No workflow '{wf}'."))
        })?;
    if let Some(inputs) = doc.child("Inputs") {
        for m in &inputs.children {
            let id = parse_id(m.text.trim(), "media ID in <Inputs>")?;
            if !st.media.contains_key(&id) {
                return Err(ApiError::not_found(
                    "Media not found.",
                    format!("No media {id}."),
                ));
            }
        }
    }
    let guid = random_guid();
    st.jobs.insert(
        guid.clone(),
        Job {
            owner: c.owner(),
            name,
            workflow,
        },
    );
    Ok(Reply::object("JobCreated", json!({"GUID": guid})))
}

/// `DELETE /imcc/v1/media/{mediaId}/{deleteSegments}`.
pub async fn media_delete(State(sh): St, req: Req) -> Result<Reply, ApiError> {
    let c = auth(&sh, &req, &EP_MEDIA_DELETE)?;
    let id = parse_id(&req.segment(3)?, "media ID")?;
    let seg = req.segment(4)?;
    if seg != "0" && seg != "1" {
        return Err(ApiError::bad_request(
            "Invalid deleteSegments.",
            format!("'{seg}' is not 0 or 1."),
        ));
    }
    let now = iso8601(sh.now());
    let mut st = sh.lock();
    let m = st
        .media
        .remove(&id)
        .ok_or_else(|| ApiError::not_found("Media not found.", format!("No media {id}.")))?;
    st.add_history(
        Some(m.record_id),
        Some(id),
        "delete",
        c.user_id.unwrap_or(0),
        now,
        format!("Deleted media {id} ({})", m.filename),
    );
    Ok(Reply::object("DeleteResult", json!({"result": "success"})))
}

/// `GET /imcc/v1/workflows`.
pub async fn workflows(State(sh): St, req: Req) -> Result<Reply, ApiError> {
    auth(&sh, &req, &EP_WORKFLOWS)?;
    let st = sh.lock();
    let list: Vec<Value> = st.workflows.iter().map(|w| w.to_json()).collect();
    Ok(Reply::list("Workflows", "Workflow", Value::Array(list)))
}

/// `GET /imcc/v1/profiles?type=&usage=` (no authentication).
pub async fn profiles(State(sh): St, req: Req) -> Result<Reply, ApiError> {
    auth(&sh, &req, &EP_PROFILES)?;
    let q = req.query()?;
    let check = |name: &str, allowed: &[&str]| -> Result<Option<String>, ApiError> {
        match q.get(name).filter(|v| !v.is_empty()) {
            None => Ok(None),
            Some(v) if allowed.contains(&v) => Ok(Some(v.to_string())),
            Some(v) => Err(ApiError::bad_request(
                format!("Invalid value for parameter '{name}'."),
                format!("'{v}' is not one of {}.", allowed.join(", ")),
            )),
        }
    };
    let ty = check("type", &["Original", "Rendition", "Temporary"])?;
    let usage = check("usage", &["Video", "Audio", "Image"])?;
    let st = sh.lock();
    let list: Vec<Value> = st
        .profiles
        .iter()
        .filter(|p| ty.as_deref().is_none_or(|t| t == p.ty))
        .filter(|p| usage.as_deref().is_none_or(|u| u == p.usage))
        .map(|p| p.to_json())
        .collect();
    Ok(Reply::list("Profiles", "Profile", Value::Array(list)))
}

/// `GET /imcc/v1/user`: the authorizing user.
pub async fn user(State(sh): St, req: Req) -> Result<Reply, ApiError> {
    let c = auth(&sh, &req, &EP_USER)?;
    let st = sh.lock();
    let u = c
        .user_id
        .and_then(|id| st.user(id))
        .ok_or_else(|| ApiError::not_found("User not found.", ""))?;
    Ok(Reply::object("User", u.to_json()))
}

/// `GET /imcc/v1/history`.
pub async fn history(State(sh): St, req: Req) -> Result<Reply, ApiError> {
    auth(&sh, &req, &EP_HISTORY)?;
    let q = req.query()?;
    let limit = q.int("limit")?.unwrap_or(48).clamp(1, 100) as usize;
    let start = q.int("start")?.unwrap_or(0).max(0) as usize;
    let record = q.int("recordID")?;
    let user = q.int("userID")?;
    let total_wanted = q.bool("getTotalCount")?.unwrap_or(false);
    let change = q.get("type").filter(|t| !t.is_empty());
    if let Some(t) = change
        && !matches!(t, "create" | "edit" | "delete")
    {
        return Err(ApiError::bad_request(
            "Invalid value for parameter 'type'.",
            format!("'{t}' is not create, edit or delete."),
        ));
    }
    let about = match q.get("query").filter(|t| !t.is_empty()) {
        Some(s) => Some(parse_id(s.trim(), "query (a media or record ID)")?),
        None => None,
    };
    let asc = match q.get("sort").map(|s| s.trim().to_ascii_lowercase()) {
        None => false,
        Some(s) if s.is_empty() || s == "modifieddate desc" => false,
        Some(s) if s == "modifieddate asc" => true,
        Some(s) => {
            return Err(ApiError::bad_request(
                "Invalid value for parameter 'sort'.",
                format!("'{s}' is not 'modifiedDate asc' or 'modifiedDate desc'."),
            ));
        }
    };
    let st = sh.lock();
    let mut hits: Vec<_> = st
        .history
        .iter()
        .filter(|h| record.is_none_or(|r| h.record_id == Some(r)))
        .filter(|h| user.is_none_or(|u| h.user_id == u))
        .filter(|h| change.is_none_or(|t| h.change == t))
        .filter(|h| about.is_none_or(|a| h.record_id == Some(a) || h.media_id == Some(a)))
        .collect();
    hits.sort_by(|a, b| a.modified.cmp(&b.modified).then(a.id.cmp(&b.id)));
    if !asc {
        hits.reverse();
    }
    let total = hits.len();
    let entries: Vec<Value> = hits
        .into_iter()
        .skip(start)
        .take(limit)
        .map(|h| h.to_json())
        .collect();
    let mut v = json!({"Entries": entries});
    if total_wanted {
        v["TotalCount"] = total.into();
    }
    Ok(Reply::object("HistoryPage", v))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `EP_*` table must say what api/imagen.yaml says (method, auth,
    /// scopes for each path), and cover every endpoint of it.
    #[test]
    fn endpoint_table_matches_the_description() {
        let yaml =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../api/imagen.yaml"))
                .unwrap();
        let lines: Vec<&str> = yaml.lines().map(str::trim).collect();
        let paths = lines.iter().filter(|l| l.starts_with("path: ")).count();
        assert_eq!(
            paths,
            ENDPOINTS.len(),
            "endpoint count differs from the yaml"
        );
        for ep in ENDPOINTS {
            let at = lines
                .iter()
                .enumerate()
                .position(|(i, l)| {
                    *l == format!("path: {}", ep.path)
                        && lines[i - 1] == format!("method: {}", ep.method)
                })
                .unwrap_or_else(|| panic!("{} {} not in the yaml", ep.method, ep.path));
            let block: Vec<&str> = lines[at..]
                .iter()
                .take_while(|l| !l.starts_with("method: ") || **l == lines[at])
                .copied()
                .collect();
            let auth = block.iter().find_map(|l| l.strip_prefix("auth: ")).unwrap();
            let auth = auth.split_whitespace().next().unwrap();
            let want = match ep.auth {
                AuthKind::Application => "application",
                AuthKind::User => "user",
                AuthKind::Any => "any",
                AuthKind::None => "none",
            };
            assert_eq!(auth, want, "auth of {}", ep.path);
            let scopes = block
                .iter()
                .find_map(|l| l.strip_prefix("scopes: "))
                .unwrap();
            let scopes = scopes.split('#').next().unwrap().trim();
            let want = format!("[{}]", ep.scopes.join(", "));
            assert_eq!(scopes, want, "scopes of {}", ep.path);
        }
    }
}
