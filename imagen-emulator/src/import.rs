//! Record import: `PUT /imcc/v1/import/record/NativeImagenXML` with the
//! vendor's Imagen XML, and the `DatabaseJob` progress document.
//!
//! A request is first parsed and validated completely ([`parse_records`]);
//! nothing changes when it is refused. The accepted work is a [`Plan`],
//! applied at once (synchronous import) or when the task moves from Waiting
//! to Processing (asynchronous import, see [`crate::api::import_status`]).
//! Per-record problems found while applying (a media object deleted in the
//! meantime, say) go to `FailedImport`, as the vendor's document allows.

use crate::error::ApiError;
use crate::store::{FIELD_LAST_CHANGE, ImportJob, JobState, MEDIA_TYPES, Store, random_guid};
use crate::xml::{Element, Node, is_plain_name};

/// 400 message for a body that is not Imagen XML (the old invented
/// `<Record><Field name=…>` format, or any other root).
pub const MSG_NOT_IMAGEN_XML: &str =
    "Expected <Records> with <ImagenRecord> children (Imagen XML).";
/// 400 message for Imagen XML whose content is invalid.
pub const MSG_INVALID: &str = "Invalid Imagen XML.";

/// How `matchMediaBy` matches imported media objects to existing ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchKey {
    Id,
    Name,
}

/// The query parameters (and `X-Imagen-Pathprefix`) of an import.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// GUID of the workflow; media objects are only processed with one.
    pub workflow: Option<String>,
    pub search_field: Option<String>,
    pub path_prefix: String,
    /// Key and `allownew` (true) / `disallowNew` (false).
    pub match_media: Option<(MatchKey, bool)>,
    pub only_new: bool,
}

/// One `<ImagenRecord>` of the body.
#[derive(Debug, Clone)]
pub struct RecordIn {
    /// `None` for `ID="-1"` (a new record).
    pub id: Option<i64>,
    pub fields: Vec<(String, String)>,
    pub media: Vec<MediaIn>,
}

/// One `<MediaObject>` of a record.
#[derive(Debug, Clone)]
pub struct MediaIn {
    /// `None` for `ID="-1"` (a new media object).
    pub id: Option<i64>,
    pub media_type: String,
    pub name: Option<String>,
    /// `OriginalFile` of the first `MediaElement`, without the path prefix.
    pub file: Option<String>,
}

/// The accepted work of an import.
#[derive(Debug, Clone)]
pub struct Plan {
    pub options: Options,
    pub records: Vec<RecordIn>,
    pub user_id: i64,
}

/// A record imported: its ID and (media ID, store job GUID if processed).
#[derive(Debug, Clone)]
pub struct Done {
    pub id: i64,
    pub media: Vec<(i64, Option<String>)>,
}

/// A record that failed.
#[derive(Debug, Clone)]
pub struct Failed {
    pub id: i64,
    pub code: i64,
    pub error: String,
}

/// What applying a plan produced.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    pub done: Vec<Done>,
    pub failed: Vec<Failed>,
}

fn invalid(details: String) -> ApiError {
    ApiError::bad_request(MSG_INVALID, details)
}

fn at(e: &Element) -> String {
    format!("(at byte {})", e.offset)
}

/// `-1` (or no attribute) → new, a positive integer → that ID.
fn parse_id_attr(e: &Element, names: &[&str]) -> Result<Option<i64>, ApiError> {
    let Some(v) = names.iter().find_map(|n| e.attr(n)) else {
        return Ok(None);
    };
    match v.trim().parse::<i64>() {
        Ok(-1) => Ok(None),
        Ok(id) if id > 0 => Ok(Some(id)),
        _ => Err(invalid(format!(
            "<{}> has ID=\"{v}\"; use -1 for a new one or the ID of an existing one {}.",
            e.name,
            at(e)
        ))),
    }
}

fn media_type(v: &str, e: &Element) -> Result<String, ApiError> {
    MEDIA_TYPES
        .iter()
        .find(|t| t.eq_ignore_ascii_case(v.trim()))
        .map(|t| t.to_string())
        .ok_or_else(|| {
            invalid(format!(
                "<{}> has MediaType=\"{v}\"; expected one of {} {}.",
                e.name,
                MEDIA_TYPES.join(", "),
                at(e)
            ))
        })
}

fn int_text(e: &Element, min: i64) -> Result<(), ApiError> {
    match e.text.trim().parse::<i64>() {
        Ok(n) if n >= min => Ok(()),
        _ => Err(invalid(format!(
            "<{}> must hold a whole number of at least {min}, not '{}' {}.",
            e.name,
            e.text.trim(),
            at(e)
        ))),
    }
}

fn no_children(e: &Element) -> Result<(), ApiError> {
    match e.children.first() {
        None => Ok(()),
        Some(c) => Err(invalid(format!(
            "<{}> holds text only, not <{}> {}.",
            e.name,
            c.name,
            at(c)
        ))),
    }
}

/// `<CIS_ACLList><ACL [Merge="1"]><Role Rights="r|rw|read|readwrite|0"
/// [RoleID="n"]>name or e-mail</Role>…</ACL>…</CIS_ACLList>`.
fn check_acl(list: &Element) -> Result<(), ApiError> {
    for acl in &list.children {
        if acl.name != "ACL" {
            return Err(invalid(format!(
                "Unexpected <{}> in <CIS_ACLList>; expected <ACL> {}.",
                acl.name,
                at(acl)
            )));
        }
        if let Some(m) = acl.attr("Merge")
            && !matches!(m.trim(), "0" | "1")
        {
            return Err(invalid(format!(
                "<ACL Merge=\"{m}\"> must be 1 or 0 {}.",
                at(acl)
            )));
        }
        for role in &acl.children {
            if role.name != "Role" {
                return Err(invalid(format!(
                    "Unexpected <{}> in <ACL>; expected <Role> {}.",
                    role.name,
                    at(role)
                )));
            }
            no_children(role)?;
            let rights = role.attr("Rights").unwrap_or("");
            if !["r", "rw", "read", "readwrite", "0"]
                .iter()
                .any(|r| r.eq_ignore_ascii_case(rights.trim()))
            {
                return Err(invalid(format!(
                    "<Role Rights=\"{rights}\"> must be r, rw, read, readwrite or 0 {}.",
                    at(role)
                )));
            }
            let role_id = role.attr("RoleID").filter(|v| !v.trim().is_empty());
            if let Some(id) = role_id
                && id.trim().parse::<i64>().is_err()
            {
                return Err(invalid(format!(
                    "<Role RoleID=\"{id}\"> must be an integer {}.",
                    at(role)
                )));
            }
            if role_id.is_none() && role.text.trim().is_empty() {
                return Err(invalid(format!(
                    "A <Role> needs a role name, an e-mail address or a RoleID {}.",
                    at(role)
                )));
            }
        }
    }
    Ok(())
}

fn parse_media(m: &Element) -> Result<MediaIn, ApiError> {
    let id = parse_id_attr(m, &["ID", "Id"])?;
    let ty = media_type(m.attr("MediaType").unwrap_or(""), m)?;
    if let Some(v) = m.attr("Version")
        && v.trim().parse::<i64>().is_err()
    {
        return Err(invalid(format!(
            "<MediaObject Version=\"{v}\"> must be an integer {}.",
            at(m)
        )));
    }
    if let Some(v) = m.attr("IsClip")
        && !matches!(v.trim(), "" | "0" | "1" | "true" | "false")
    {
        return Err(invalid(format!(
            "<MediaObject IsClip=\"{v}\"> must be empty, 0, 1, true or false {}.",
            at(m)
        )));
    }
    let mut file = None;
    for c in &m.children {
        match c.name.as_str() {
            "CIS_ACLList" => check_acl(c)?,
            "BaseDownloadCost" => int_text(c, -1)?,
            "Duration" => int_text(c, 0)?,
            "BaseTimecode" => no_children(c)?,
            "KeyFrame" => {}
            "MediaElement" => {
                if let Some(t) = c.attr("MediaType").filter(|t| !t.trim().is_empty()) {
                    media_type(t, c)?;
                }
                if let Some(i) = c.attr("Index").filter(|t| !t.trim().is_empty())
                    && i.trim().parse::<u32>().is_err()
                {
                    return Err(invalid(format!(
                        "<MediaElement Index=\"{i}\"> must be a whole number {}.",
                        at(c)
                    )));
                }
                let mut original = None;
                for f in &c.children {
                    if f.name != "OriginalFile" {
                        return Err(invalid(format!(
                            "Unexpected <{}> in <MediaElement>; expected <OriginalFile> {}.",
                            f.name,
                            at(f)
                        )));
                    }
                    no_children(f)?;
                    let path = f.text.trim();
                    if path.is_empty() {
                        return Err(invalid(format!(
                            "<OriginalFile> is empty; give a URL or path {}.",
                            at(f)
                        )));
                    }
                    original = Some(path.to_string());
                }
                let Some(original) = original else {
                    return Err(invalid(format!(
                        "<MediaElement> has no <OriginalFile> {}.",
                        at(c)
                    )));
                };
                file.get_or_insert(original);
            }
            other => {
                return Err(invalid(format!(
                    "Unexpected <{other}> in <MediaObject>; known: CIS_ACLList, BaseDownloadCost, \
                     BaseTimecode, Duration, KeyFrame, MediaElement {}.",
                    at(c)
                )));
            }
        }
    }
    if id.is_none() && file.is_none() {
        return Err(invalid(format!(
            "A new <MediaObject ID=\"-1\"> needs a <MediaElement> with an <OriginalFile> {}.",
            at(m)
        )));
    }
    Ok(MediaIn {
        id,
        media_type: ty,
        name: m
            .attr("Name")
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_string),
        file,
    })
}

fn parse_record(r: &Element) -> Result<RecordIn, ApiError> {
    let id = parse_id_attr(r, &["ID", "Id"])?;
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut media = Vec::new();
    let mut seen_fields = false;
    for c in &r.children {
        match c.name.as_str() {
            "Fields" => {
                if seen_fields {
                    return Err(invalid(format!(
                        "An <ImagenRecord> has one <Fields> element, this is a second one {}.",
                        at(c)
                    )));
                }
                seen_fields = true;
                for f in &c.children {
                    if !is_plain_name(&f.name) {
                        return Err(invalid(format!(
                            "<{}> is not a field name {}.",
                            f.name,
                            at(f)
                        )));
                    }
                    no_children(f)?;
                    if fields.iter().any(|(k, _)| k.eq_ignore_ascii_case(&f.name)) {
                        return Err(invalid(format!(
                            "Field <{}> appears twice {}.",
                            f.name,
                            at(f)
                        )));
                    }
                    fields.push((f.name.clone(), f.text.clone()));
                }
            }
            "CIS_ACLList" => check_acl(c)?,
            "MediaObject" => media.push(parse_media(c)?),
            other => {
                return Err(invalid(format!(
                    "Unexpected <{other}> in <ImagenRecord>; expected <Fields>, <CIS_ACLList> \
                     or <MediaObject> {}.",
                    at(c)
                )));
            }
        }
    }
    if id.is_none() && fields.is_empty() {
        return Err(invalid(format!(
            "A new <ImagenRecord ID=\"-1\"> needs <Fields> with at least one field {}.",
            at(r)
        )));
    }
    Ok(RecordIn { id, fields, media })
}

/// Parse and validate the records of an Imagen XML document.
pub fn parse_records(doc: &Element) -> Result<Vec<RecordIn>, ApiError> {
    if doc.name != "Records" {
        return Err(ApiError::bad_request(
            MSG_NOT_IMAGEN_XML,
            format!(
                "The root element is <{}> {}; NativeImagenXML takes \
                 <Records><ImagenRecord ID=\"-1\"><Fields><Title>…</Title></Fields></ImagenRecord></Records>.",
                doc.name,
                at(doc)
            ),
        ));
    }
    let mut out = Vec::new();
    for r in &doc.children {
        if r.name != "ImagenRecord" {
            return Err(ApiError::bad_request(
                MSG_NOT_IMAGEN_XML,
                format!(
                    "Found <{}> inside <Records> {}; each record is an \
                     <ImagenRecord ID=\"-1\"> with <Fields><Title>…</Title></Fields>.",
                    r.name,
                    at(r)
                ),
            ));
        }
        out.push(parse_record(r)?);
    }
    if out.is_empty() {
        return Err(ApiError::bad_request(
            "The import holds no records.",
            "Add <ImagenRecord> elements to <Records>.",
        ));
    }
    Ok(out)
}

/// The last path component of a file URL or path (`name` matching).
fn base_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// What one record will do, decided before anything changes.
enum MediaStep {
    Create { ty: String, file: String },
    Update { id: i64, file: Option<String> },
}

/// Look up the value of field `name` (case-insensitive) in imported fields.
fn imported<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// The record a `searchfield` import updates, if any.
fn find_by_field(st: &Store, field: &str, value: &str) -> Option<i64> {
    st.records
        .values()
        .find(|r| {
            r.fields
                .iter()
                .any(|(k, v)| k.eq_ignore_ascii_case(field) && v == value)
        })
        .map(|r| r.id)
}

fn resolve_media(
    st: &Store,
    target: Option<i64>,
    m: &MediaIn,
    o: &Options,
) -> Result<MediaStep, String> {
    let file = m.file.as_ref().map(|f| format!("{}{f}", o.path_prefix));
    let existing = |pred: &dyn Fn(&crate::store::Media) -> bool| {
        target.and_then(|rid| st.media_of(rid).find(|x| pred(x)).map(|x| x.id))
    };
    let matched = match o.match_media {
        Some((MatchKey::Id, _)) => m.id.and_then(|id| existing(&|x| x.id == id)),
        Some((MatchKey::Name, _)) => {
            let want = m
                .name
                .clone()
                .or_else(|| m.file.as_deref().map(|f| base_name(f).to_string()));
            want.and_then(|n| existing(&|x| base_name(&x.filename) == n))
        }
        None => match m.id {
            None => None,
            Some(id) => Some(existing(&|x| x.id == id).ok_or_else(|| {
                format!("Media object {id} is not a media object of this record.")
            })?),
        },
    };
    let allow_new = matches!(o.match_media, Some((_, true)));
    match (matched, file) {
        (Some(id), file) if !allow_new => Ok(MediaStep::Update { id, file }),
        (_, Some(file)) => Ok(MediaStep::Create {
            ty: m.media_type.clone(),
            file,
        }),
        (Some(id), None) => Ok(MediaStep::Update { id, file: None }),
        (None, None) => Err(format!(
            "No media object matches <MediaObject ID=\"{}\"> and it has no <OriginalFile>.",
            m.id.unwrap_or(-1)
        )),
    }
}

/// Apply one record; `Err` leaves the store unchanged.
fn apply_record(
    st: &mut Store,
    r: &RecordIn,
    o: &Options,
    user_id: i64,
    now: &str,
) -> Result<Done, Failed> {
    let fail = |id: Option<i64>, code: i64, error: String| Failed {
        id: id.unwrap_or(-1),
        code,
        error,
    };
    let target = match &o.search_field {
        Some(sf) => imported(&r.fields, sf).and_then(|v| find_by_field(st, sf, v)),
        None => match r.id {
            Some(id) if !st.records.contains_key(&id) => {
                return Err(fail(Some(id), 1, format!("Record {id} does not exist.")));
            }
            other => other,
        },
    };
    let mut steps = Vec::new();
    if o.workflow.is_some() {
        for m in &r.media {
            steps.push(resolve_media(st, target, m, o).map_err(|e| fail(target, 2, e))?);
        }
    }
    let rid = match target {
        Some(id) => {
            let mut canonical = Vec::new();
            for (k, v) in &r.fields {
                canonical.push((st.schema_field(k), v.clone()));
            }
            if let Some(rec) = st.records.get_mut(&id) {
                rec.fields.extend(canonical);
                rec.fields
                    .insert(FIELD_LAST_CHANGE.to_string(), now.to_string());
            }
            st.add_history(
                Some(id),
                None,
                "edit",
                user_id,
                now.to_string(),
                format!("Imported into record {id}"),
            );
            st.emit("RecordUpdated", vec![("RecordID", id.to_string())]);
            id
        }
        None => {
            let fields = r
                .fields
                .iter()
                .filter(|(k, _)| !k.eq_ignore_ascii_case(FIELD_LAST_CHANGE))
                .cloned();
            let id = st
                .add_record(None, fields, now)
                .map_err(|id| fail(Some(id), 1, format!("Record {id} exists already.")))?;
            st.add_history(
                Some(id),
                None,
                "create",
                user_id,
                now.to_string(),
                format!("Imported record {id}"),
            );
            st.emit("RecordCreated", vec![("RecordID", id.to_string())]);
            id
        }
    };
    let mut media = Vec::new();
    for step in steps {
        match step {
            MediaStep::Create { ty, file } => {
                if let Ok(mid) = st.add_media(None, rid, &ty, &file, None) {
                    st.add_history(
                        Some(rid),
                        Some(mid),
                        "create",
                        user_id,
                        now.to_string(),
                        format!("Imported media {mid} ({})", base_name(&file)),
                    );
                    media.push((mid, Some(random_guid())));
                }
            }
            MediaStep::Update { id, file } => {
                let Some(m) = st.media.get_mut(&id) else {
                    continue;
                };
                let same = file.as_deref().is_none_or(|f| f == m.filename);
                if let Some(f) = file {
                    m.filename = f;
                }
                let job = (!(o.only_new && same)).then(random_guid);
                media.push((id, job));
            }
        }
    }
    Ok(Done { id: rid, media })
}

/// Apply a plan: each record in turn; failures are collected.
pub fn apply(st: &mut Store, plan: &Plan, now: &str) -> Outcome {
    let mut out = Outcome::default();
    for r in &plan.records {
        match apply_record(st, r, &plan.options, plan.user_id, now) {
            Ok(d) => out.done.push(d),
            Err(f) => out.failed.push(f),
        }
    }
    out
}

/// The state once the work is done: Failed when no record made it.
pub fn final_state(o: &Outcome) -> JobState {
    if o.done.is_empty() && !o.failed.is_empty() {
        JobState::Failed
    } else {
        JobState::Completed
    }
}

/// `<Response><DatabaseJob GUID State Type="2">…</DatabaseJob></Response>`.
pub fn job_xml(job: &ImportJob) -> Node {
    let (progress, num) = match job.state {
        JobState::Waiting => (0, job.total),
        JobState::Processing => (50, job.outcome.done.len()),
        JobState::Completed | JobState::Failed => (100, job.outcome.done.len()),
    };
    let (message, details) = if job.state == JobState::Failed {
        (
            "No record could be imported.".to_string(),
            job.outcome
                .failed
                .iter()
                .map(|f| f.error.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        )
    } else {
        (String::new(), String::new())
    };
    let shown = job.state != JobState::Waiting;
    let records =
        Node::new("ImagenRecords").children(job.outcome.done.iter().filter(|_| shown).map(|d| {
            let mut mo = Node::new("MediaObjects");
            for (mid, store) in &d.media {
                mo.push(Node::empty("MediaObject").attr("ID", mid));
                if let Some(g) = store {
                    mo.push(Node::empty("StoreJob").attr("ID", g));
                }
            }
            Node::new("ImagenRecord").attr("ID", d.id).child(mo)
        }));
    let failed = Node::new("FailedImagenRecords").children(
        job.outcome.failed.iter().filter(|_| shown).map(|f| {
            Node::new("ImagenRecord")
                .attr("ID", f.id)
                .with("ImportErrorCode", f.code)
                .with("ImportError", &f.error)
        }),
    );
    let nfailed = if shown { job.outcome.failed.len() } else { 0 };
    Node::new("Response").child(
        Node::new("DatabaseJob")
            .attr("GUID", &job.guid)
            .attr("State", job.state as u8)
            .attr("Type", 2)
            .with("Progress", progress)
            .child(
                Node::new("Error")
                    .with("Message", message)
                    .with("Details", details),
            )
            .child(Node::new("Import").with("NumRecords", num).child(records))
            .child(
                Node::new("FailedImport")
                    .with("NumRecords", nfailed)
                    .child(failed),
            ),
    )
}
