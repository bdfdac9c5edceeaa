//! Handlers of the documented resources (api/imagen.yaml), served from the
//! in-memory store, answering in the vendor's documented document shapes
//! (see `conformance/samples/`).
//!
//! Each endpoint is written down once here, as an `EP_*` constant (method,
//! path template, authentication kind, scopes): [`router`] routes each
//! constant to its handler, and each handler first calls [`authenticate`]
//! with the same constant. The constants mirror the description; the test
//! at the end of this file compares them with the description as the
//! client's generator reads it (`imagen-codegen`), naming any difference.
//! The emulator's behaviour never depends on the client's code: only that
//! test reads the description.

use axum::Router;
use axum::extract::State;
use axum::handler::Handler;
use axum::http::{Method, StatusCode};
use axum::routing::{MethodFilter, on};
use serde_json::{Value, json};

use crate::auth::{AuthKind, Caller, authenticate};
use crate::error::{ApiError, Reply};
use crate::extract::{Params, Req};
use crate::import::{self, MatchKey, Options, Plan};
use crate::iql;
use crate::state::{AppState, Shared};
use crate::store::{
    DATABASE_ID, ImportJob, Job, JobState, MEDIA_TYPES, Search, Store, datetime_space, guid_key,
    random_guid,
};
use crate::xml::Node;

type St = State<AppState>;

/// One endpoint, as in api/imagen.yaml: method, path template,
/// authentication kind and scopes.
pub struct Ep {
    pub method: Method,
    pub path: &'static str,
    pub auth: AuthKind,
    pub scopes: &'static [&'static str],
}

macro_rules! ep {
    ($name:ident, $m:ident, $p:literal, $auth:ident, [$($s:literal),*]) => {
        pub const $name: Ep = Ep { method: Method::$m, path: $p, auth: AuthKind::$auth, scopes: &[$($s),*] };
    };
}
ep!(EP_APPLICATION, GET, "/core/v1/application", Application, []);
ep!(
    EP_RECORD_SEARCH,
    GET,
    "/imcc/v1/record/search",
    User,
    ["readUsersData"]
);
ep!(
    EP_RECORD_GET,
    GET,
    "/imcc/v1/record/{recordId}",
    Any,
    ["readUsersData"]
);
ep!(
    EP_WEB_SEARCH,
    GET,
    "/iweb/v1/search",
    User,
    ["readUsersData"]
);
ep!(
    EP_IMPORT_NATIVE,
    PUT,
    "/imcc/v1/import/record/NativeImagenXML",
    User,
    ["modifyUsersData"]
);
ep!(
    EP_IMPORT,
    PUT,
    "/imcc/v1/import/record/{mapping}",
    User,
    ["modifyUsersData"]
);
ep!(
    EP_IMPORT_STATUS,
    GET,
    "/imcc/v1/import/record/{GUID}",
    User,
    ["readUsersData"]
);
ep!(
    EP_IMPORT_DELETE,
    DELETE,
    "/imcc/v1/import/record/{GUID}",
    User,
    ["modifyUsersData"]
);
ep!(EP_JOB_CREATE, PUT, "/imcc/v1/job", User, ["createJobs"]);
ep!(
    EP_MEDIA_DELETE,
    DELETE,
    "/imcc/v1/media/{mediaId}/{deleteSegments}",
    User,
    ["modifyUsersData"]
);
ep!(
    EP_WORKFLOWS,
    GET,
    "/imcc/v1/workflows",
    User,
    ["createJobs"]
);
ep!(EP_PROFILES, GET, "/imcc/v1/profiles", None, []);
ep!(EP_USER, GET, "/imcc/v1/user", User, ["readUsersData"]);
ep!(EP_RIGHTS, GET, "/imcc/v1/rights", User, ["readUsersData"]);
ep!(EP_HISTORY, GET, "/imcc/v1/history", User, ["readUsersData"]);

/// Every endpoint, for the consistency test against the yaml.
#[cfg(test)]
pub const ENDPOINTS: &[Ep] = &[
    EP_APPLICATION,
    EP_RECORD_SEARCH,
    EP_RECORD_GET,
    EP_WEB_SEARCH,
    EP_IMPORT_NATIVE,
    EP_IMPORT,
    EP_IMPORT_STATUS,
    EP_IMPORT_DELETE,
    EP_JOB_CREATE,
    EP_MEDIA_DELETE,
    EP_WORKFLOWS,
    EP_PROFILES,
    EP_USER,
    EP_RIGHTS,
    EP_HISTORY,
];

/// The routes of every documented resource, each from its `EP_*` constant.
pub(crate) fn router() -> Router<AppState> {
    let routes = [
        (&EP_APPLICATION, on_ep(&EP_APPLICATION, application)),
        (&EP_RECORD_SEARCH, on_ep(&EP_RECORD_SEARCH, record_search)),
        (&EP_RECORD_GET, on_ep(&EP_RECORD_GET, record_get)),
        (&EP_WEB_SEARCH, on_ep(&EP_WEB_SEARCH, web_search)),
        (&EP_IMPORT_NATIVE, on_ep(&EP_IMPORT_NATIVE, import_records)),
        (&EP_IMPORT, on_ep(&EP_IMPORT, import_records)),
        (&EP_IMPORT_STATUS, on_ep(&EP_IMPORT_STATUS, import_status)),
        (&EP_IMPORT_DELETE, on_ep(&EP_IMPORT_DELETE, import_delete)),
        (&EP_JOB_CREATE, on_ep(&EP_JOB_CREATE, job_create)),
        (&EP_MEDIA_DELETE, on_ep(&EP_MEDIA_DELETE, media_delete)),
        (&EP_WORKFLOWS, on_ep(&EP_WORKFLOWS, workflows)),
        (&EP_PROFILES, on_ep(&EP_PROFILES, profiles)),
        (&EP_USER, on_ep(&EP_USER, user)),
        (&EP_RIGHTS, on_ep(&EP_RIGHTS, rights)),
        (&EP_HISTORY, on_ep(&EP_HISTORY, history)),
    ];
    routes
        .into_iter()
        .fold(Router::new(), |r, (ep, m)| r.route(&route_path(ep.path), m))
}

/// `handler` for `ep`'s method.
fn on_ep<H, T>(ep: &Ep, handler: H) -> axum::routing::MethodRouter<AppState>
where
    H: Handler<T, AppState>,
    T: 'static,
{
    // The constants use GET, PUT, POST, DELETE and PATCH only, each of
    // which has a filter.
    let filter = MethodFilter::try_from(ep.method.clone()).unwrap_or(MethodFilter::GET);
    on(filter, handler)
}

/// The route of a path template: parameters renamed by position
/// (`{p0}`, `{p1}`, …). The description names one segment `{mapping}` for
/// the import and `{GUID}` for its status, and the router wants one name
/// per position; handlers read segments by index ([`Req::segment`]), not
/// by name.
fn route_path(template: &str) -> String {
    let mut n = 0;
    template
        .split('/')
        .map(|seg| {
            if seg.starts_with('{') && seg.ends_with('}') {
                n += 1;
                format!("{{p{}}}", n - 1)
            } else {
                seg.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn auth(sh: &Shared, req: &Req, ep: &Ep) -> Result<Caller, ApiError> {
    authenticate(sh, req, ep.auth, ep.scopes)
}

/// `<Response>` around `child`.
fn response(child: Node) -> Node {
    Node::new("Response").child(child)
}

/// `GET /core/v1/application`: the calling application; XML
/// `<Response><Application>…`, JSON `{"Application": {…}}`.
pub async fn application(State(sh): St, req: Req) -> Result<Reply, ApiError> {
    let c = auth(&sh, &req, &EP_APPLICATION)?;
    let st = sh.lock();
    let app = st
        .apps
        .get(c.key.as_deref().unwrap_or_default())
        .ok_or_else(|| ApiError::unauthorized(crate::error::MSG_UNKNOWN_KEY, ""))?;
    Ok(Reply::both(response(app.to_xml()), app.to_json()))
}

/// The values of `field` for record `id`, for IQL: one value for a record
/// field (possibly empty), one per media object for `media.*` fields, none
/// when the record has no such field.
fn values_of(st: &Store, id: i64, field: &str) -> Vec<String> {
    let Some(rec) = st.records.get(&id) else {
        return Vec::new();
    };
    if field.eq_ignore_ascii_case("ID") {
        return vec![id.to_string()];
    }
    let lower = field.to_ascii_lowercase();
    if let Some(m) = lower.strip_prefix("media.") {
        return st
            .media_of(id)
            .filter_map(|x| match m {
                "state" => Some(x.state.clone()),
                "id" => Some(x.id.to_string()),
                "parentid" => x.parent_id.map(|p| p.to_string()),
                "filename" => Some(x.filename.clone()),
                "mediatype" => Some(x.media_type.clone()),
                _ => None,
            })
            .collect();
    }
    rec.fields
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(field))
        .map(|(_, v)| v.clone())
        .into_iter()
        .collect()
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
                .get(&guid_key(sid))
                .filter(|s| s.owner == c.owner())
                .ok_or_else(|| {
                    ApiError::not_found(
                        "Unknown searchID.",
                        format!("No search '{sid}' of this user."),
                    )
                })?;
            (s.guid.clone(), s.ids.clone())
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
                    "An Imagen Query Language query, e.g. WHERE Title = \"x\".",
                )
            })?;
            let parsed = iql::parse(text).map_err(|e| {
                ApiError::bad_request(format!("Invalid query {e}."), text.to_string())
            })?;
            let ids: Vec<i64> = st.records.keys().copied().collect();
            let hits = parsed.run(ids, |id, f| values_of(&st, id, f));
            let sid = random_guid();
            st.searches.insert(
                guid_key(&sid),
                Search {
                    owner: c.owner(),
                    guid: sid.clone(),
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

/// `<Records><SearchID/><TotalHits/>[<User/>]<ImagenRecord/>…</Records>`.
fn records_xml(st: &Store, page: &Page, user: Option<i64>, can_edit: bool) -> Node {
    let mut n = Node::new("Records")
        .with("SearchID", &page.search_id)
        .with("TotalHits", page.total);
    if let Some(u) = user {
        n.push(Node::leaf("User", u));
    }
    n.children(
        page.ids
            .iter()
            .map(|id| st.record_xml(*id, can_edit, page.include_media)),
    )
}

/// `GET /imcc/v1/record/search` (XML only).
pub async fn record_search(State(sh): St, req: Req) -> Result<Reply, ApiError> {
    let c = auth(&sh, &req, &EP_RECORD_SEARCH)?;
    let page = run_search(&sh, &c, &req.query()?)?;
    let st = sh.lock();
    Ok(Reply::xml(records_xml(&st, &page, None, c.can_edit())))
}

/// `GET /iweb/v1/search`: as record search plus `<User>` (the caller's ID);
/// JSON (our convention, no vendor example) `{"SearchID", "TotalHits",
/// "User", "ImagenRecord": [{"ID", "CanEdit", "Fields": {…}}]}`.
pub async fn web_search(State(sh): St, req: Req) -> Result<Reply, ApiError> {
    let c = auth(&sh, &req, &EP_WEB_SEARCH)?;
    let page = run_search(&sh, &c, &req.query()?)?;
    let st = sh.lock();
    let user = c.user_id.unwrap_or(0);
    let records: Vec<Value> = page
        .ids
        .iter()
        .map(|id| st.record_json(*id, c.can_edit(), page.include_media))
        .collect();
    let json = json!({
        "SearchID": page.search_id,
        "TotalHits": page.total,
        "User": user,
        "ImagenRecord": records,
    });
    Ok(Reply::both(
        records_xml(&st, &page, Some(user), c.can_edit()),
        json,
    ))
}

fn parse_id(s: &str, what: &str) -> Result<i64, ApiError> {
    s.trim().parse().map_err(|_| {
        ApiError::bad_request(
            format!("Invalid {what}."),
            format!("'{s}' is not an integer."),
        )
    })
}

/// `GET /imcc/v1/record/{recordId}` (application or user context, XML only):
/// `<Response><ImagenRecord ID CanEdit><Fields>…</Fields></ImagenRecord></Response>`.
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
    Ok(Reply::xml(response(st.record_xml(id, c.can_edit(), false))))
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

fn unknown_workflow(w: &str) -> ApiError {
    ApiError::bad_request(
        format!("Unknown workflow '{w}'."),
        "Give the name or ID of a workflow listed by GET /imcc/v1/workflows.",
    )
}

/// `matchMediaBy={id|name},{allownew|disallowNew}` (case-insensitive).
fn match_media_by(v: Option<&str>) -> Result<Option<(MatchKey, bool)>, ApiError> {
    let Some(v) = v.filter(|v| !v.trim().is_empty()) else {
        return Ok(None);
    };
    let bad = || {
        ApiError::bad_request(
            "Invalid value for parameter 'matchMediaBy'.",
            format!("'{v}' is not id|name,allownew|disallowNew."),
        )
    };
    let (key, instr) = v.split_once(',').ok_or_else(bad)?;
    let key = match key.trim().to_ascii_lowercase().as_str() {
        "id" => MatchKey::Id,
        "name" => MatchKey::Name,
        _ => return Err(bad()),
    };
    let allow = match instr.trim().to_ascii_lowercase().as_str() {
        "allownew" => true,
        "disallownew" => false,
        _ => return Err(bad()),
    };
    Ok(Some((key, allow)))
}

/// `PUT /imcc/v1/import/record/{mappingFile}`: Imagen XML (mapping
/// `NativeImagenXML` only), see [`crate::import`]. Answers the task's
/// `DatabaseJob` document: completed (State 2) for a synchronous import (no
/// `timeout`, or a negative one), waiting (State 0) otherwise.
pub async fn import_records(State(sh): St, req: Req) -> Result<Reply, ApiError> {
    let c = auth(&sh, &req, &EP_IMPORT)?;
    let mapping = req.segment(4)?;
    if mapping != "NativeImagenXML" {
        return Err(ApiError::bad_request(
            format!("Unknown mapping file '{mapping}'."),
            "This installation has one mapping file: NativeImagenXML.",
        ));
    }
    require_xml(&req)?;
    let q = req.query()?;
    let timeout = q.int("timeout")?;
    let only_new = match q.get("onlyProcessNew").map(str::trim) {
        None | Some("") | Some("0") => false,
        Some("1") => true,
        Some(v) => {
            return Err(ApiError::bad_request(
                "Invalid value for parameter 'onlyProcessNew'.",
                format!("'{v}' is not 1 or 0."),
            ));
        }
    };
    let match_media = match_media_by(q.get("matchMediaBy"))?;
    let path_prefix = match req.headers.get("x-imagen-pathprefix") {
        None => String::new(),
        Some(v) => std::str::from_utf8(v.as_bytes())
            .map_err(|_| crate::error::ApiError::not_utf8("X-Imagen-Pathprefix is not UTF-8."))?
            .to_string(),
    };
    let search_field = q
        .get("searchfield")
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .map(str::to_string);
    let workflow = q
        .get("workflow")
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .map(str::to_string);
    let doc = parse_xml_body(&req)?;
    let records = import::parse_records(&doc)?;
    if records.len() > 6000 {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "Too many import jobs.",
            "At most 6000 records per import.",
        ));
    }
    let now = datetime_space(sh.now());
    let mut st = sh.lock();
    let workflow = match workflow {
        None => None,
        Some(w) => Some(
            st.workflow(&w)
                .ok_or_else(|| unknown_workflow(&w))?
                .id
                .clone(),
        ),
    };
    if search_field.is_none() {
        for r in &records {
            if let Some(id) = r.id
                && !st.records.contains_key(&id)
            {
                return Err(ApiError::not_found(
                    "Record not found.",
                    format!("No record {id} to update; use ID=\"-1\" for a new record."),
                ));
            }
        }
    }
    let plan = Plan {
        options: Options {
            workflow,
            search_field,
            path_prefix,
            match_media,
            only_new,
        },
        records,
        user_id: c.user_id.unwrap_or(0),
    };
    let guid = random_guid();
    let mut job = ImportJob {
        guid: guid.clone(),
        owner: c.owner(),
        reads: 0,
        state: JobState::Waiting,
        total: plan.records.len(),
        pending: None,
        outcome: Default::default(),
    };
    if timeout.is_none_or(|t| t < 0) {
        job.outcome = import::apply(&mut st, &plan, &now);
        job.state = import::final_state(&job.outcome);
    } else {
        job.pending = Some(plan);
    }
    st.emit_job_state(&guid, "Import", job.state);
    let xml = import::job_xml(&job);
    st.imports.insert(guid_key(&guid), job);
    Ok(Reply::xml(xml))
}

/// The import task `guid` of this caller (others get 404, so that task IDs
/// are not disclosed).
fn own_import<'a>(
    st: &'a mut Store,
    guid: &str,
    c: &Caller,
) -> Result<&'a mut ImportJob, ApiError> {
    st.imports
        .get_mut(&guid_key(guid))
        .filter(|j| j.owner == c.owner())
        .ok_or_else(|| {
            ApiError::not_found(
                "Import job not found.",
                format!("No import job '{guid}' started by this user and application."),
            )
        })
}

/// `GET /imcc/v1/import/record/{jobGUID}`: the `DatabaseJob` document. An
/// asynchronous task reads Waiting, then Processing (its records are
/// imported at that moment), then Completed (or Failed).
pub async fn import_status(State(sh): St, req: Req) -> Result<Reply, ApiError> {
    let c = auth(&sh, &req, &EP_IMPORT_STATUS)?;
    let guid = req.segment(4)?;
    let q = req.query()?;
    q.int("timeout")?;
    q.int("Timeout")?;
    let now = datetime_space(sh.now());
    let mut st = sh.lock();
    let job = own_import(&mut st, &guid, &c)?;
    let (before, task) = (job.state, job.guid.clone());
    let advance = match job.state {
        JobState::Waiting if job.reads >= 1 => job.pending.take(),
        JobState::Processing => {
            job.state = import::final_state(&job.outcome);
            None
        }
        _ => None,
    };
    job.reads += 1;
    if let Some(plan) = advance {
        let outcome = import::apply(&mut st, &plan, &now);
        let job = own_import(&mut st, &guid, &c)?;
        job.outcome = outcome;
        job.state = JobState::Processing;
    }
    let job = own_import(&mut st, &guid, &c)?;
    let (after, xml) = (job.state, import::job_xml(job));
    if after != before {
        st.emit_job_state(&task, "Import", after);
    }
    Ok(Reply::xml(xml))
}

/// `DELETE /imcc/v1/import/record/{jobGUID}`: the task's document as it was
/// before, then the task is gone. A task still Waiting is stopped (its
/// records are never imported); a running or finished one keeps its effect.
pub async fn import_delete(State(sh): St, req: Req) -> Result<Reply, ApiError> {
    let c = auth(&sh, &req, &EP_IMPORT_DELETE)?;
    let guid = req.segment(4)?;
    let mut st = sh.lock();
    let xml = import::job_xml(own_import(&mut st, &guid, &c)?);
    st.imports.remove(&guid_key(&guid));
    Ok(Reply::xml(xml))
}

/// 400 "Invalid job document." naming what is wrong.
fn bad_job(details: String) -> ApiError {
    ApiError::bad_request("Invalid job document.", details)
}

/// `PUT /imcc/v1/job`: a `CISXMLDocument` (`DatabaseID`, `Workflow`,
/// `JobName`, `ResourceGroup`, `Priority` 1–3, `ClientID`?, `Inputs` of
/// `<Input type="Int" sub-type="Record_ID|Media_ID-Video|…" id="-1">ID</Input>`)
/// → `<Response><Result>job GUID</Result></Response>`.
pub async fn job_create(State(sh): St, req: Req) -> Result<Reply, ApiError> {
    let c = auth(&sh, &req, &EP_JOB_CREATE)?;
    let doc = parse_xml_body(&req)?;
    if doc.name != "CISXMLDocument" {
        return Err(ApiError::bad_request(
            "Expected a <CISXMLDocument> job document.",
            format!(
                "The root element is <{}> (at byte {}); PUT /imcc/v1/job takes <CISXMLDocument> with \
                 <DatabaseID>, <Workflow>, <JobName>, <ResourceGroup>, <Priority>, <ClientID> and <Inputs>.",
                doc.name, doc.offset
            ),
        ));
    }
    const KNOWN: &[&str] = &[
        "DatabaseID",
        "Workflow",
        "JobName",
        "ResourceGroup",
        "Priority",
        "ClientID",
        "Inputs",
    ];
    for (i, ch) in doc.children.iter().enumerate() {
        if !KNOWN.contains(&ch.name.as_str()) {
            return Err(bad_job(format!(
                "Unexpected <{}> in <CISXMLDocument> (at byte {}); known: {}.",
                ch.name,
                ch.offset,
                KNOWN.join(", ")
            )));
        }
        if doc.children[..i].iter().any(|p| p.name == ch.name) {
            return Err(bad_job(format!(
                "<{}> appears twice (at byte {}).",
                ch.name, ch.offset
            )));
        }
        if ch.name != "Inputs"
            && let Some(g) = ch.children.first()
        {
            return Err(bad_job(format!(
                "<{}> holds text only, not <{}> (at byte {}).",
                ch.name, g.name, g.offset
            )));
        }
    }
    if let Some(db) = doc.child_text("DatabaseID") {
        match db.parse::<i64>() {
            Ok(DATABASE_ID) => {}
            Ok(n) => {
                return Err(ApiError::bad_request(
                    format!("Unknown database {n}."),
                    format!("The emulator has one database, {DATABASE_ID}."),
                ));
            }
            Err(_) => return Err(bad_job(format!("<DatabaseID> '{db}' is not an integer."))),
        }
    }
    let wf = doc
        .child_text("Workflow")
        .filter(|w| !w.is_empty())
        .ok_or_else(|| bad_job("<Workflow> (a workflow name or ID) is missing.".into()))?
        .to_string();
    let priority = match doc.child_text("Priority") {
        None => 2,
        Some(p) => match p.parse::<u8>() {
            Ok(p @ 1..=3) => p,
            _ => return Err(bad_job(format!("Priority '{p}' is not 1, 2 or 3."))),
        },
    };
    let name = doc
        .child_text("JobName")
        .filter(|n| !n.is_empty())
        .unwrap_or("Reprocess")
        .to_string();
    let resource_group = doc.child_text("ResourceGroup").unwrap_or("").to_string();
    let client_id = doc
        .child_text("ClientID")
        .filter(|n| !n.is_empty())
        .map(str::to_string);
    let inputs = doc
        .child("Inputs")
        .filter(|i| !i.children.is_empty())
        .ok_or_else(|| bad_job("<Inputs> with at least one <Input> is missing.".into()))?;
    let mut st = sh.lock();
    let workflow = st
        .workflow(&wf)
        .ok_or_else(|| unknown_workflow(&wf))?
        .id
        .clone();
    let mut parsed = Vec::new();
    for input in &inputs.children {
        let at = format!("(at byte {})", input.offset);
        if input.name != "Input" {
            return Err(bad_job(format!(
                "Unexpected <{}> in <Inputs>; expected <Input> {at}.",
                input.name
            )));
        }
        let ty = input.attr("type").unwrap_or("");
        if !ty.eq_ignore_ascii_case("Int") {
            return Err(bad_job(format!(
                "<Input type=\"{ty}\"> is not supported; use type=\"Int\" {at}."
            )));
        }
        let slot = input.attr("id").unwrap_or("");
        if !slot.trim().parse::<i64>().is_ok_and(|s| s < 0) {
            return Err(bad_job(format!(
                "<Input id=\"{slot}\"> must be a negative input slot such as -1 {at}."
            )));
        }
        let sub = input.attr("sub-type").unwrap_or("").trim();
        let value = parse_id(&input.text, "input value")?;
        if sub.eq_ignore_ascii_case("Record_ID") {
            if !st.records.contains_key(&value) {
                return Err(ApiError::bad_request(
                    format!("Unknown record {value} (input {slot}, Record_ID)."),
                    "",
                ));
            }
        } else if let Some(kind) = sub
            .get(..8)
            .filter(|p| p.eq_ignore_ascii_case("Media_ID"))
            .map(|_| &sub[8..])
        {
            let want = match kind.strip_prefix('-') {
                None if kind.is_empty() => None,
                Some(t) if MEDIA_TYPES.iter().any(|m| m.eq_ignore_ascii_case(t)) => Some(t),
                _ => {
                    return Err(bad_job(format!(
                        "Unknown sub-type '{sub}'; use Record_ID or Media_ID-{{{}}} {at}.",
                        MEDIA_TYPES.join("|")
                    )));
                }
            };
            match st.media.get(&value) {
                Some(m) if want.is_none_or(|t| m.media_type.eq_ignore_ascii_case(t)) => {}
                Some(m) => {
                    return Err(ApiError::bad_request(
                        format!(
                            "Media {value} is {}, not {sub} (input {slot}).",
                            m.media_type
                        ),
                        "",
                    ));
                }
                None => {
                    return Err(ApiError::bad_request(
                        format!("Unknown media {value} (input {slot}, {sub})."),
                        "",
                    ));
                }
            }
        } else {
            return Err(bad_job(format!(
                "Unknown sub-type '{sub}'; use Record_ID or Media_ID-{{{}}} {at}.",
                MEDIA_TYPES.join("|")
            )));
        }
        parsed.push((sub.to_string(), value));
    }
    let guid = random_guid();
    st.emit_job_state(&guid, "Workflow", JobState::Waiting);
    st.jobs.insert(
        guid.clone(),
        Job {
            owner: c.owner(),
            name,
            workflow,
            priority,
            resource_group,
            client_id,
            inputs: parsed,
        },
    );
    Ok(Reply::xml(response(Node::leaf("Result", guid))))
}

/// `DELETE /imcc/v1/media/{mediaId}/{deleteSegments}`: XML
/// `<Response><Result>success</Result></Response>`, JSON `{"result": "success"}`.
/// With `deleteSegments` 1 the media's segments go too.
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
    let now = datetime_space(sh.now());
    let mut st = sh.lock();
    let m = st
        .media
        .remove(&id)
        .ok_or_else(|| ApiError::not_found("Media not found.", format!("No media {id}.")))?;
    let user = c.user_id.unwrap_or(0);
    st.add_history(
        Some(m.record_id),
        Some(id),
        "delete",
        user,
        now.clone(),
        format!("Deleted media {id} ({})", m.filename),
    );
    st.emit(
        "MediaDeleted",
        vec![
            ("MediaID", id.to_string()),
            ("RecordID", m.record_id.to_string()),
        ],
    );
    if seg == "1" {
        let segments: Vec<i64> = st
            .media
            .values()
            .filter(|s| s.parent_id == Some(id))
            .map(|s| s.id)
            .collect();
        for s in segments {
            if let Some(sm) = st.media.remove(&s) {
                st.add_history(
                    Some(sm.record_id),
                    Some(s),
                    "delete",
                    user,
                    now.clone(),
                    format!("Deleted segment {s} of media {id}"),
                );
                st.emit(
                    "MediaDeleted",
                    vec![
                        ("MediaID", s.to_string()),
                        ("RecordID", sm.record_id.to_string()),
                    ],
                );
            }
        }
    }
    Ok(Reply::both(
        response(Node::leaf("Result", "success")),
        json!({"result": "success"}),
    ))
}

/// `GET /imcc/v1/workflows`: XML `<Response><Workflows><Workflow>…`, JSON
/// `{"Workflows": {"Workflow": [...]}}`.
pub async fn workflows(State(sh): St, req: Req) -> Result<Reply, ApiError> {
    auth(&sh, &req, &EP_WORKFLOWS)?;
    let st = sh.lock();
    let xml = response(Node::new("Workflows").children(st.workflows.iter().map(|w| w.to_xml())));
    let list: Vec<Value> = st.workflows.iter().map(|w| w.to_json()).collect();
    Ok(Reply::both(xml, json!({"Workflows": {"Workflow": list}})))
}

/// `GET /imcc/v1/profiles?type=&usage=` (no authentication, XML only;
/// filters compared case-insensitively).
pub async fn profiles(State(sh): St, req: Req) -> Result<Reply, ApiError> {
    auth(&sh, &req, &EP_PROFILES)?;
    let q = req.query()?;
    let check = |name: &str, allowed: &[&'static str]| -> Result<Option<&'static str>, ApiError> {
        match q.get(name).map(str::trim).filter(|v| !v.is_empty()) {
            None => Ok(None),
            Some(v) => allowed
                .iter()
                .find(|a| a.eq_ignore_ascii_case(v))
                .copied()
                .map(Some)
                .ok_or_else(|| {
                    ApiError::bad_request(
                        format!("Invalid value for parameter '{name}'."),
                        format!("'{v}' is not one of {}.", allowed.join(", ")),
                    )
                }),
        }
    };
    let ty = check("type", &["Original", "Rendition", "Temporary"])?;
    let usage = check("usage", &["Video", "Audio", "Image"])?;
    let st = sh.lock();
    let list = st
        .profiles
        .iter()
        .filter(|p| ty.is_none_or(|t| t == p.ty))
        .filter(|p| usage.is_none_or(|u| u == p.usage))
        .map(|p| p.to_xml());
    Ok(Reply::xml(response(Node::new("Profiles").children(list))))
}

/// `GET /imcc/v1/user`: `<Response><Result><User>…</User></Result></Response>`.
pub async fn user(State(sh): St, req: Req) -> Result<Reply, ApiError> {
    let c = auth(&sh, &req, &EP_USER)?;
    let st = sh.lock();
    let u = c
        .user_id
        .and_then(|id| st.user(id))
        .ok_or_else(|| ApiError::not_found("User not found.", ""))?;
    Ok(Reply::xml(response(Node::new("Result").child(u.to_xml()))))
}

/// Every right of the installation with its `Id` (`GET /imcc/v1/rights`,
/// XML only): `<Response><Result><Right Id="4">Create records</Right>…`.
pub async fn rights(State(sh): St, req: Req) -> Result<Reply, ApiError> {
    auth(&sh, &req, &EP_RIGHTS)?;
    let rights = crate::store::RIGHTS
        .iter()
        .map(|(id, name)| Node::leaf("Right", *name).attr("Id", id.to_string()));
    Ok(Reply::xml(response(Node::new("Result").children(rights))))
}

/// `GET /imcc/v1/history` (XML only; the success shape is not documented,
/// ours is `<Response>[<TotalCount/>]<HistoryEntries><HistoryEntry>…`).
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
        Some(s) => Some(parse_id(s, "query (a media or record ID)")?),
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
    let mut n = Node::new("Response");
    if total_wanted {
        n.push(Node::leaf("TotalCount", total));
    }
    let entries = hits.into_iter().skip(start).take(limit).map(|h| h.to_xml());
    Ok(Reply::xml(
        n.child(Node::new("HistoryEntries").children(entries)),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use imagen_codegen::model::{Api, Auth as A};

    fn description() -> Api {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../api/imagen.yaml");
        match imagen_codegen::load(std::path::Path::new(path)) {
            Ok(api) => api,
            Err(d) => panic!("api/imagen.yaml does not load: {d}"),
        }
    }

    /// What differs between `eps` and the description `api`, one sentence
    /// per difference naming the endpoint.
    fn differences(eps: &[Ep], api: &Api) -> Vec<String> {
        struct Described<'a> {
            name: String,
            method: &'static str,
            path: &'a str,
            auth: AuthKind,
            scopes: Vec<&'a str>,
        }
        let mut described = Vec::new();
        for r in &api.resources {
            for e in &r.endpoints {
                described.push(Described {
                    name: format!("{}.{}", r.key, e.key),
                    method: e.method.as_str(),
                    path: &e.path,
                    auth: match e.auth {
                        A::Application => AuthKind::Application,
                        A::User => AuthKind::User,
                        A::Any => AuthKind::Any,
                        A::None => AuthKind::None,
                    },
                    scopes: e
                        .scopes
                        .iter()
                        .map(|&i| api.scopes[i].wire.as_str())
                        .collect(),
                });
            }
        }
        let mut problems = Vec::new();
        for ep in eps {
            let m = ep.method.as_str();
            let Some(d) = described
                .iter()
                .find(|d| d.method == m && d.path == ep.path)
            else {
                problems.push(format!(
                    "the emulator serves {m} {} but api/imagen.yaml has no such endpoint",
                    ep.path
                ));
                continue;
            };
            if d.auth != ep.auth {
                problems.push(format!(
                    "{m} {} ({}): auth is {:?} in the emulator, {:?} in api/imagen.yaml",
                    ep.path, d.name, ep.auth, d.auth
                ));
            }
            if d.scopes != ep.scopes {
                problems.push(format!(
                    "{m} {} ({}): scopes are {:?} in the emulator, {:?} in api/imagen.yaml",
                    ep.path, d.name, ep.scopes, d.scopes
                ));
            }
        }
        for d in &described {
            if !eps
                .iter()
                .any(|ep| ep.method.as_str() == d.method && ep.path == d.path)
            {
                problems.push(format!(
                    "api/imagen.yaml describes {} {} ({}) but the emulator has no EP_* constant for it",
                    d.method, d.path, d.name
                ));
            }
        }
        problems
    }

    /// Every `EP_*` constant says what api/imagen.yaml says, as the
    /// client's generator reads it (the model the client's endpoint statics
    /// are generated from), and the two list the same endpoints.
    #[test]
    fn endpoint_table_matches_the_description() {
        let problems = differences(ENDPOINTS, &description());
        assert!(
            problems.is_empty(),
            "the emulator's endpoints differ from the description:\n  {}",
            problems.join("\n  ")
        );
    }

    /// The comparison names each kind of difference.
    #[test]
    fn differences_are_named() {
        let api = description();
        let wrong_scope = Ep {
            scopes: &["createJobs"],
            ..EP_USER
        };
        let wrong_auth = Ep {
            auth: AuthKind::Any,
            ..EP_PROFILES
        };
        let unknown = Ep {
            path: "/imcc/v1/nowhere",
            ..EP_RIGHTS
        };
        let eps: Vec<Ep> = ENDPOINTS
            .iter()
            .filter(|ep| {
                ep.path != EP_HISTORY.path && ep.path != EP_USER.path && ep.path != EP_PROFILES.path
            })
            .map(|ep| Ep {
                method: ep.method.clone(),
                ..*ep
            })
            .chain([wrong_scope, wrong_auth, unknown])
            .collect();
        let problems = differences(&eps, &api).join("\n");
        for want in [
            "GET /imcc/v1/user (user.current): scopes are [\"createJobs\"] in the emulator, [\"readUsersData\"] in api/imagen.yaml",
            "GET /imcc/v1/profiles (profiles.list): auth is Any in the emulator, None in api/imagen.yaml",
            "the emulator serves GET /imcc/v1/nowhere but api/imagen.yaml has no such endpoint",
            "api/imagen.yaml describes GET /imcc/v1/history (history.list) but the emulator has no EP_* constant for it",
        ] {
            assert!(problems.contains(want), "missing {want:?} in:\n{problems}");
        }
    }

    #[test]
    fn route_paths_rename_parameters_by_position() {
        assert_eq!(
            route_path("/imcc/v1/media/{mediaId}/{deleteSegments}"),
            "/imcc/v1/media/{p0}/{p1}"
        );
        assert_eq!(
            route_path("/imcc/v1/import/record/{GUID}"),
            route_path("/imcc/v1/import/record/{mapping}")
        );
        assert_eq!(route_path("/imcc/v1/job"), "/imcc/v1/job");
    }
}
