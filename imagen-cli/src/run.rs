//! Running one endpoint command: parameters and body from the command line,
//! the request through the runtime (`Session::raw` with the endpoint's
//! method, host and authentication, the path and query encoded by
//! `Endpoint::path_and_query`), the answer decoded by the endpoint's typed
//! decoder; `--all` pages, `--wait` follows an import task.

use std::io::Read as _;
use std::path::Path;
use std::time::Duration;

use clap::ArgMatches;
use imagen_runtime::wire::Format as WireFormat;
use imagen_runtime::{Auth, JSON_UTF8, RawResponse, Session, XML_UTF8};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::Value;

use crate::args;
use crate::creds::Context;
use crate::fail::{Class, Failure};
use crate::table::{Api, BodyFormat, Command, Location, ParamKind};

/// The largest body read from a file or standard input (64 MiB).
const MAX_BODY: u64 = 64 * 1024 * 1024;
/// At most this many pages with `--all`.
const MAX_PAGES: usize = 100_000;
/// At most this many status requests with `--wait`.
const MAX_POLLS: usize = 10_000;
/// The `timeout` asked of the server per status request with `--wait`
/// (it answers when the task progresses, or after this many seconds).
const POLL_TIMEOUT_SECS: u32 = 10;

/// A request, ready to send (repeatable: paging changes its query).
#[derive(Clone)]
pub struct Call {
    pub cmd: &'static Command,
    pub path_args: Vec<String>,
    pub query: Vec<(&'static str, String)>,
    pub headers: Vec<(&'static str, String)>,
    pub body: Option<(&'static str, Vec<u8>)>,
}

impl Call {
    fn set_query(&mut self, name: &'static str, value: String) {
        self.query.retain(|(n, _)| *n != name);
        self.query.push((name, value));
    }

    fn query_value(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

fn read_body(path: &Path, format: BodyFormat) -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    let shown = if path == Path::new("-") {
        std::io::stdin()
            .lock()
            .take(MAX_BODY + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| {
                Failure::usage(format!("cannot read the body from standard input: {e}"))
            })?;
        "standard input".to_string()
    } else {
        let f = std::fs::File::open(path).map_err(|e| {
            Failure::usage(format!("cannot read the body file {}: {e}", path.display()))
        })?;
        f.take(MAX_BODY + 1).read_to_end(&mut bytes).map_err(|e| {
            Failure::usage(format!("cannot read the body file {}: {e}", path.display()))
        })?;
        format!("the body file {}", path.display())
    };
    if bytes.len() as u64 > MAX_BODY {
        return Err(Failure::usage(format!(
            "{shown} is larger than {MAX_BODY} bytes"
        )));
    }
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        Failure::usage(format!(
            "{shown} is not UTF-8 (invalid byte at offset {}); the body is sent as UTF-8",
            e.valid_up_to()
        ))
    })?;
    if format == BodyFormat::Json
        && let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(text)
    {
        return Err(Failure::usage(format!("{shown} is not JSON: {e}")));
    }
    if text.trim().is_empty() {
        return Err(Failure::usage(format!("{shown} is empty")));
    }
    Ok(bytes)
}

/// The request of `cmd` from its matches.
pub fn call(api: &Api, cmd: &'static Command, m: &ArgMatches) -> Result<Call, Failure> {
    let _ = api;
    let mut c = Call {
        cmd,
        path_args: Vec::new(),
        query: Vec::new(),
        headers: Vec::new(),
        body: None,
    };
    for p in cmd.params {
        let Some(v) = m.get_one::<String>(&args::param_id(p)) else {
            continue;
        };
        let v = v.clone();
        match p.location {
            Location::Path => c.path_args.push(v),
            Location::Query => c.query.push((p.wire, v)),
            Location::Header => c.headers.push((p.wire, v)),
        }
    }
    if let Some(b) = &cmd.body {
        let path = m
            .get_one::<std::path::PathBuf>(args::BODY)
            .ok_or_else(|| Failure::usage("--body FILE is required"))?;
        let bytes = read_body(path, b.format)?;
        let ct = match b.format {
            BodyFormat::Json => JSON_UTF8,
            BodyFormat::Xml => XML_UTF8,
        };
        c.body = Some((ct, bytes));
    }
    Ok(c)
}

/// Whether the call goes out with the user's token.
pub fn uses_user(ctx: &Context, cmd: &Command) -> bool {
    match cmd.endpoint.auth {
        Auth::User => true,
        Auth::Any => ctx.user.is_some(),
        Auth::Application | Auth::None => false,
    }
}

/// The session and authentication a call goes out with.
fn session_for(ctx: &Context, cmd: &Command) -> Result<(Session, Auth), Failure> {
    let e = cmd.endpoint;
    match e.auth {
        Auth::None => Ok((ctx.session.application_context(), Auth::None)),
        Auth::Application => Ok((ctx.session.application_context(), Auth::Application)),
        Auth::User | Auth::Any => match &ctx.user {
            Some(u) => Ok((ctx.session.with_token_source(u.clone()), e.auth)),
            None if e.auth == Auth::Any => {
                Ok((ctx.session.application_context(), Auth::Application))
            }
            None => Err(Failure::new(
                Class::Auth,
                format!(
                    "`{} {}` acts for a user, and nobody is logged in for this application: run `imagen login` first (or use --emulator, or set {})",
                    cmd.resource_cli,
                    cmd.name_cli,
                    crate::creds::ACCESS_TOKEN_VAR
                ),
            )),
        },
    }
}

/// Sends a call; the answer as received.
pub async fn send(ctx: &Context, call: &Call) -> Result<RawResponse, Failure> {
    let e = call.cmd.endpoint;
    let (session, auth) = session_for(ctx, call.cmd)?;
    if session.host_url(e.host).is_err() {
        let var = crate::table::API
            .environment
            .hosts
            .iter()
            .find(|h| h.key == e.host)
            .and_then(|h| h.env)
            .map(|v| format!(" or set {v}"))
            .unwrap_or_default();
        return Err(Failure::new(
            Class::Auth,
            format!(
                "host `{}` has no URL: pass --{}-url{var} (or --credentials FILE)",
                e.host,
                e.host.replace('_', "-")
            ),
        ));
    }
    let args: Vec<&dyn std::fmt::Display> = call
        .path_args
        .iter()
        .map(|a| a as &dyn std::fmt::Display)
        .collect();
    let query: Vec<(&str, String)> = call.query.iter().map(|(n, v)| (*n, v.clone())).collect();
    let path = e.path_and_query(&args, &query)?;
    let mut req = session
        .raw(e.method, e.host, &path)
        .auth(auth)
        .idempotent(e.idempotent)
        .header("Accept", e.answer_format(WireFormat::Xml).media_type());
    for (n, v) in &call.headers {
        req = req.header(n, v);
    }
    if let Some((ct, bytes)) = &call.body {
        req = req.body(ct, bytes.clone());
    }
    req.send().await.map_err(|err| {
        // A raw request does not know the endpoint's name or hint: say them.
        match err {
            imagen_runtime::Error::OutcomeUnknown { source, .. } => Failure::new(
                Class::Network,
                format!(
                    "`{}` may or may not have been carried out ({source}); it was not sent again because repeating it could create data twice{}",
                    e.name,
                    e.outcome_hint.map(|h| format!(": {h}")).unwrap_or_default()
                ),
            ),
            other => Failure::from(other),
        }
    })
}

/// Decodes an answer into its typed model, as JSON.
pub fn decode(api: &Api, cmd: &Command, answer: &RawResponse) -> Result<Value, Failure> {
    let mut v = (cmd.decode)(answer, cmd.endpoint)?;
    crate::output::redact(&mut v, api.secret_fields);
    Ok(v)
}

fn progress(show: bool, len: Option<u64>, what: &str) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = match len {
        Some(n) => ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::stderr()),
        None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
    };
    let style = if len.is_some() {
        ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len}")
    } else {
        ProgressStyle::with_template("{spinner} {msg} {pos}")
    };
    if let Ok(s) = style {
        bar.set_style(s.progress_chars("=> "));
    }
    bar.set_message(what.to_string());
    bar
}

fn as_u64(v: Option<&Value>) -> Option<u64> {
    match v? {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// `--all`: every page, the items of all of them as one list.
pub async fn all_pages(
    api: &Api,
    ctx: &Context,
    mut call: Call,
    show_progress: bool,
) -> Result<Value, Failure> {
    let cmd = call.cmd;
    let (Some(fields), Some(paging)) = (&cmd.paging, &cmd.endpoint.paging) else {
        return Err(Failure::usage("this command does not page"));
    };
    use imagen_runtime::paging::Style;
    // The page size: the caller's (clamped), else the largest allowed.
    if let Some(size) = paging.size {
        let asked: Option<u64> = call.query_value(size).and_then(|s| s.parse().ok());
        match (asked, paging.max_size) {
            (Some(a), Some(max)) if a > max => call.set_query(size, max.to_string()),
            (None, Some(max)) => call.set_query(size, max.to_string()),
            _ => {}
        }
    }
    if let Some(ask) = paging.ask_total {
        call.set_query(ask, "true".into());
    }
    let page_size: Option<u64> = paging
        .size
        .and_then(|s| call.query_value(s))
        .and_then(|s| s.parse().ok());
    let mut items: Vec<Value> = Vec::new();
    let mut total: Option<u64> = None;
    let mut next_start = paging.base
        + paging
            .start
            .and_then(|s| call.query_value(s))
            .and_then(|s| s.parse::<u64>().ok())
            .map(|s| s.saturating_sub(paging.base))
            .unwrap_or(0);
    let bar = progress(show_progress, None, "pages");
    for page in 0..MAX_PAGES {
        let answer = send(ctx, &call).await?;
        let v = decode(api, cmd, &answer)?;
        let got: Vec<Value> = match v.get(fields.items) {
            Some(Value::Array(a)) => a.clone(),
            _ => Vec::new(),
        };
        if total.is_none()
            && let Some(t) = fields.total.and_then(|f| as_u64(v.get(f)))
        {
            total = Some(t);
            bar.set_length(t);
            if let Ok(s) = ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len}") {
                bar.set_style(s.progress_chars("=> "));
            }
            bar.set_message("items");
        }
        let n = got.len() as u64;
        items.extend(got);
        bar.set_position(items.len() as u64);
        let cursor = fields
            .cursor
            .and_then(|f| v.get(f))
            .and_then(Value::as_str)
            .map(str::to_owned);
        // When to stop: the total reached, an empty or short page, no next page.
        if n == 0 || total.is_some_and(|t| items.len() as u64 >= t) {
            break;
        }
        if total.is_none() && page_size.is_some_and(|s| n < s) {
            break;
        }
        match paging.style {
            Style::Offset => {
                next_start += n;
                let Some(start) = paging.start else { break };
                call.set_query(start, next_start.to_string());
                if let (Some(param), Some(c)) = (paging.cursor, &cursor) {
                    call.set_query(param, c.clone());
                }
            }
            Style::Cursor => {
                let (Some(param), Some(c)) = (paging.cursor, cursor.filter(|c| !c.is_empty()))
                else {
                    break;
                };
                call.set_query(param, c);
            }
        }
        if let Some(ask) = paging.ask_total {
            call.query.retain(|(n, _)| *n != ask);
        }
        if page + 1 == MAX_PAGES {
            bar.finish_and_clear();
            return Err(Failure::new(
                Class::Other,
                format!("stopped after {MAX_PAGES} pages"),
            ));
        }
    }
    bar.finish_and_clear();
    Ok(Value::Array(items))
}

/// The command that reads an import task's progress: the `GET` with the
/// same answer type and one required path parameter (`import status`).
fn status_command(api: &Api, cmd: &Command) -> Option<&'static Command> {
    api.commands.iter().find(|c| {
        c.answer == cmd.answer
            && c.endpoint.method == imagen_runtime::Method::Get
            && c.params
                .iter()
                .filter(|p| p.required && p.location == Location::Path)
                .count()
                == 1
    })
}

/// Task states (the `JobState` codes): 2 completed, 3 failed.
fn finished(state: Option<&Value>) -> Option<bool> {
    match as_u64(state)? {
        2 => Some(true),
        3 => Some(false),
        _ => None,
    }
}

/// `--wait`: follows an import task (`GUID`, `State`, `Progress`) until it
/// completes or fails, asking the server to hold each status request until
/// the task progresses (its `timeout` parameter) rather than sleeping here.
pub async fn wait(
    api: &Api,
    ctx: &Context,
    cmd: &Command,
    first: Value,
    show_progress: bool,
) -> Result<Value, Failure> {
    let Some(status) = status_command(api, cmd) else {
        return Ok(first);
    };
    wait_with(api, ctx, status, first, show_progress).await
}

async fn wait_with(
    api: &Api,
    ctx: &Context,
    status: &'static Command,
    first: Value,
    show_progress: bool,
) -> Result<Value, Failure> {
    let Some(guid) = first.get("GUID").and_then(Value::as_str).map(str::to_owned) else {
        return Ok(first);
    };
    let bar = progress(show_progress, Some(100), "import");
    let mut current = first;
    for _ in 0..MAX_POLLS {
        if let Some(p) = current.get("Progress").and_then(Value::as_f64) {
            bar.set_position(p.clamp(0.0, 100.0) as u64);
        }
        match finished(current.get("State")) {
            Some(true) => {
                bar.finish_and_clear();
                return Ok(current);
            }
            Some(false) => {
                bar.finish_and_clear();
                let why = current
                    .get("Error")
                    .and_then(|e| e.get("Message"))
                    .and_then(Value::as_str)
                    .unwrap_or("no reason given");
                println!(
                    "{}",
                    serde_json::to_string_pretty(&current).unwrap_or_default()
                );
                return Err(Failure::new(
                    Class::Server,
                    format!("import task {guid} failed: {why}"),
                ));
            }
            None => {}
        }
        let mut call = Call {
            cmd: status,
            path_args: vec![guid.clone()],
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
        };
        if let Some(t) = status
            .params
            .iter()
            .find(|p| p.wire == "timeout" && matches!(p.kind, ParamKind::Int { .. }))
        {
            call.query.push((t.wire, POLL_TIMEOUT_SECS.to_string()));
        }
        let answer = send(ctx, &call).await?;
        current = decode(api, status, &answer)?;
    }
    bar.finish_and_clear();
    Err(Failure::new(
        Class::Other,
        format!(
            "import task {guid} had not finished after {MAX_POLLS} status requests ({} s each at most)",
            Duration::from_secs(POLL_TIMEOUT_SECS.into()).as_secs()
        ),
    ))
}
