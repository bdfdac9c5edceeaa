//! The `clap` command tree, built at run time from the command table.

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Arg, ArgAction, Command as Clap};

use crate::table::{self, Api, Body, BodyFormat, Command, Location, Param, ParamKind};

/// The help heading of the options every command has.
const GLOBAL: &str = "Global options";

/// Global option ids.
pub const OUTPUT: &str = "output";
pub const QUIET: &str = "quiet";
pub const EMULATOR: &str = "emulator";
pub const API_KEY: &str = "api-key";
pub const API_SECRET: &str = "api-secret";
pub const API_SECRET_FILE: &str = "api-secret-file";
pub const CREDENTIALS: &str = "credentials";
pub const BODY: &str = "body";
pub const ALL: &str = "all";
pub const WAIT: &str = "wait";

/// Options every command has, or that some commands add: a parameter whose
/// option name is one of these is offered as `--param-NAME` instead.
const RESERVED: &[&str] = &[
    OUTPUT,
    QUIET,
    EMULATOR,
    API_KEY,
    API_SECRET,
    API_SECRET_FILE,
    CREDENTIALS,
    BODY,
    ALL,
    WAIT,
    "help",
    "version",
];

/// The answer type of imports, which `--wait` follows until their task
/// finishes (see `crate::wait`).
pub const WAIT_ANSWER: &str = "DatabaseJob";

/// The id of a parameter's argument.
pub fn param_id(p: &Param) -> String {
    format!("param:{}", p.wire)
}

/// The option name of an optional parameter.
pub fn param_flag(api: &Api, p: &Param) -> String {
    let hosts = host_flags(api);
    if RESERVED.contains(&p.flag) || hosts.iter().any(|h| h == p.flag) {
        format!("param-{}", p.flag)
    } else {
        p.flag.to_string()
    }
}

/// `--mcc-url`, `--web-url`, …: one per host of the description.
pub fn host_flags(api: &Api) -> Vec<String> {
    api.environment
        .hosts
        .iter()
        .map(|h| format!("{}-url", h.key.replace('_', "-")))
        .collect()
}

fn auth_text(auth: imagen_runtime::Auth) -> &'static str {
    match auth {
        imagen_runtime::Auth::Application => {
            "application context (signed with the API key and secret)"
        }
        imagen_runtime::Auth::User => {
            "user context (an OAuth 2.0 token: run `imagen login` first, or use --emulator)"
        }
        imagen_runtime::Auth::Any => {
            "application or user context (the login's token when there is one, else signed)"
        }
        imagen_runtime::Auth::None => "none",
    }
}

fn formats_text(c: &Command) -> String {
    let e = c.endpoint;
    if e.formats.is_empty() {
        return "JSON".into();
    }
    e.formats
        .iter()
        .map(|f| match f {
            imagen_runtime::wire::Format::Xml => "XML",
            imagen_runtime::wire::Format::Json => "JSON",
        })
        .collect::<Vec<_>>()
        .join(" or ")
}

fn body_text(b: &Body) -> String {
    let what = match (b.format, b.root, b.type_name) {
        (BodyFormat::Xml, Some(root), Some(t)) => format!("an XML document <{root}> ({t})"),
        (BodyFormat::Xml, _, _) => "an XML document".to_string(),
        (BodyFormat::Json, _, Some(t)) => format!("a JSON document ({t})"),
        (BodyFormat::Json, _, None) => "a JSON document".to_string(),
    };
    let doc = b.doc.map(|d| format!(": {d}")).unwrap_or_default();
    format!("The request body, {what}{doc}; a file, or `-` for standard input (sent as given)")
}

fn param_help(p: &Param) -> String {
    let location = match p.location {
        Location::Path => "path",
        Location::Query => "query",
        Location::Header => "header",
    };
    let mut s = format!(
        "`{}` (Rust `{}`), {}, in the {location}",
        p.wire, p.rust, p.ty
    );
    if let Some(d) = p.doc {
        s.push_str(": ");
        s.push_str(d);
    }
    s
}

/// Checks and normalizes a parameter value (what is sent).
fn parse_value(kind: ParamKind, wire: &'static str, s: &str) -> Result<String, String> {
    match kind {
        ParamKind::String | ParamKind::Enum => Ok(s.to_string()),
        ParamKind::Bool => match s {
            "true" | "1" => Ok("true".into()),
            "false" | "0" => Ok("false".into()),
            _ => Err(format!("`{wire}` takes true or false, not {s:?}")),
        },
        ParamKind::Flag => match s {
            "true" | "1" => Ok("1".into()),
            "false" | "0" => Ok("0".into()),
            _ => Err(format!(
                "`{wire}` takes true or false (sent as 1 or 0), not {s:?}"
            )),
        },
        ParamKind::Int { min, max } => match s.trim().parse::<i128>() {
            Ok(n) if (min..=max).contains(&n) => Ok(n.to_string()),
            Ok(_) => Err(format!("`{wire}` must be between {min} and {max}, not {s}")),
            Err(_) => Err(format!("`{wire}` takes an integer, not {s:?}")),
        },
        ParamKind::Float => match s.trim().parse::<f64>() {
            Ok(n) if n.is_finite() => Ok(s.trim().to_string()),
            _ => Err(format!("`{wire}` takes a number, not {s:?}")),
        },
    }
}

fn param_arg(api: &Api, p: &'static Param, index: Option<usize>) -> Arg {
    let mut arg = Arg::new(param_id(p)).help(param_help(p));
    arg = match index {
        Some(i) => arg.index(i).required(true).value_name(p.wire.to_string()),
        None => arg.long(param_flag(api, p)).value_name(p.ty.to_uppercase()),
    };
    match p.kind {
        ParamKind::Enum => {
            let values: Vec<PossibleValue> = p
                .values
                .iter()
                .map(|(v, h)| {
                    let pv = PossibleValue::new(*v);
                    match h {
                        Some(h) => pv.help(*h),
                        None => pv,
                    }
                })
                .collect();
            arg.value_parser(PossibleValuesParser::new(values))
        }
        ParamKind::Bool | ParamKind::Flag => {
            let kind = p.kind;
            let wire = p.wire;
            let parser = PossibleValuesParser::new(["true", "false", "1", "0"])
                .map(move |s| parse_value(kind, wire, &s).unwrap_or(s));
            let arg = arg.value_parser(parser);
            if index.is_none() {
                // `--include-media` alone means true.
                arg.num_args(0..=1)
                    .require_equals(false)
                    .default_missing_value("true")
            } else {
                arg
            }
        }
        kind => {
            let wire = p.wire;
            arg.value_parser(move |s: &str| parse_value(kind, wire, s))
                .allow_negative_numbers(true)
        }
    }
}

fn endpoint_command(api: &Api, c: &'static Command) -> Clap {
    let e = c.endpoint;
    let mut long = String::new();
    if let Some(d) = c.doc {
        long.push_str(d);
        long.push_str("\n\n");
    }
    long.push_str(&format!(
        "`{} {}` on host `{}`.\n",
        e.method, e.path, e.host
    ));
    long.push_str(&format!("Authentication: {}.\n", auth_text(e.auth)));
    let scopes = if e.scopes.is_empty() {
        "none".to_string()
    } else {
        e.scopes.join(", ")
    };
    long.push_str(&format!("Scopes: {scopes}.\n"));
    long.push_str(&format!("Answer: {} ({}).", c.answer, formats_text(c)));
    if !e.idempotent {
        long.push_str("\nNot idempotent: never sent twice.");
        if let Some(h) = e.outcome_hint {
            long.push_str(&format!(" If the outcome is unknown: {h}"));
        }
    }
    if !c.documented {
        long.push_str("\nAssumption: not from the API's public documentation.");
    }
    let short = c
        .doc
        .map(|d| {
            d.split(". ")
                .next()
                .unwrap_or(d)
                .trim_end_matches('.')
                .to_string()
        })
        .unwrap_or_else(|| format!("{} {}", e.method, e.path));
    let mut cmd = Clap::new(c.name_cli)
        .about(short)
        .long_about(long)
        .after_help(format!(
            "Scopes: {scopes}. Authentication: {}.",
            auth_kind(e.auth)
        ));
    if c.name_cli != c.name {
        cmd = cmd.alias(c.name);
    }
    let mut index = 1;
    for p in c.params {
        if p.required {
            cmd = cmd.arg(param_arg(api, p, Some(index)));
            index += 1;
        } else {
            cmd = cmd.arg(param_arg(api, p, None));
        }
    }
    if let Some(b) = &c.body {
        cmd = cmd.arg(
            Arg::new(BODY)
                .long(BODY)
                .value_name("FILE")
                .required(true)
                .value_parser(clap::value_parser!(std::path::PathBuf))
                .help(body_text(b)),
        );
    }
    if c.paging.is_some() && e.paging.is_some() {
        cmd = cmd.arg(
            Arg::new(ALL)
                .long(ALL)
                .action(ArgAction::SetTrue)
                .help("Fetch every page and print all items (a progress bar on a terminal)"),
        );
    }
    if c.answer == WAIT_ANSWER && e.method != imagen_runtime::Method::Get {
        cmd = cmd.arg(
            Arg::new(WAIT)
                .long(WAIT)
                .action(ArgAction::SetTrue)
                .help("Follow the import task until it finishes (a progress bar on a terminal)"),
        );
    }
    cmd
}

fn auth_kind(auth: imagen_runtime::Auth) -> &'static str {
    match auth {
        imagen_runtime::Auth::Application => "application",
        imagen_runtime::Auth::User => "user",
        imagen_runtime::Auth::Any => "application or user",
        imagen_runtime::Auth::None => "none",
    }
}

/// The whole command tree.
pub fn build(api: &'static Api) -> Clap {
    let mut root = Clap::new("imagen")
        .about(format!(
            "Command-line client of the {} API, generated from its description",
            api.name
        ))
        .long_about(format!(
            "Command-line client of the {} API, generated from its description.{}\n\n\
             Every endpoint is a command `imagen <resource> <endpoint>`: required parameters \
             are positional, optional ones are --options; `--help` on a command shows its \
             parameters' wire names and types, its authentication and scopes.",
            api.name,
            api.doc.map(|d| format!("\n\n{d}")).unwrap_or_default()
        ))
        .version(env!("CARGO_PKG_VERSION"))
        .subcommand_required(true)
        .arg_required_else_help(true)
        .after_long_help(format!(
            "Credentials, in this order: --credentials FILE (the application JSON file ImagenWeb \
             offers), --api-key with --api-secret-file (or {secret}), else the variables {key} \
             and {secret}. Host URLs: the --*-url options, the variables {hosts}, or the \
             credentials file. User-context commands use the login of `imagen login` (kept in \
             $IMAGEN_CONFIG_DIR, else the platform's configuration directory), or the token in \
             IMAGEN_ACCESS_TOKEN. --emulator runs everything against an embedded emulator.\n\n\
             Output: JSON when standard output is not a terminal, a table when it is; --output \
             chooses. XML answers are decoded by the description's types, so JSON and YAML show \
             the same fields whatever format the server answered in; `--output raw` prints the \
             answer as received.\n\n{}",
            crate::fail::EXIT_CODES,
            key = api.environment.key_var,
            secret = api.environment.secret_var,
            hosts = api
                .environment
                .hosts
                .iter()
                .filter_map(|h| h.env)
                .collect::<Vec<_>>()
                .join(", "),
        ))
        .arg(
            Arg::new(OUTPUT)
                .short('o')
                .long(OUTPUT)
                .global(true)
                .help_heading(GLOBAL)
                .value_name("FORMAT")
                .value_parser(["json", "table", "yaml", "raw"])
                .help("Output format (default: table on a terminal, else json)"),
        )
        .arg(
            Arg::new(QUIET)
                .short('q')
                .long(QUIET)
                .global(true)
                .help_heading(GLOBAL)
                .action(ArgAction::SetTrue)
                .help("Print nothing but the answer (no progress, no notes) and errors"),
        )
        .arg(
            Arg::new(EMULATOR)
                .long(EMULATOR)
                .global(true)
                .help_heading(GLOBAL)
                .action(ArgAction::SetTrue)
                .help("Run against an embedded emulator (started in-process, seeded, every scope, logged in as its user `zoe`)"),
        )
        .arg(
            Arg::new(CREDENTIALS)
                .long(CREDENTIALS)
                .global(true)
                .help_heading(GLOBAL)
                .value_name("FILE")
                .value_parser(clap::value_parser!(std::path::PathBuf))
                .help("The application JSON file downloaded from ImagenWeb (key, secret, host URLs)"),
        )
        .arg(
            Arg::new(API_KEY)
                .long(API_KEY)
                .global(true)
                .help_heading(GLOBAL)
                .value_name("KEY")
                .help(format!("The application's API key (else {})", api.environment.key_var)),
        )
        .arg(
            Arg::new(API_SECRET_FILE)
                .long(API_SECRET_FILE)
                .global(true)
                .help_heading(GLOBAL)
                .value_name("FILE")
                .value_parser(clap::value_parser!(std::path::PathBuf))
                .help(format!(
                    "A file holding the API secret (else {})",
                    api.environment.secret_var
                )),
        )
        .arg(
            Arg::new(API_SECRET)
                .long(API_SECRET)
                .global(true)
                .help_heading(GLOBAL)
                .value_name("SECRET")
                .hide_short_help(true)
                .help("The API secret itself (it lands in the shell history: prefer --api-secret-file)"),
        );
    for (h, flag) in api.environment.hosts.iter().zip(host_flags(api)) {
        let help = match h.env {
            Some(v) => format!("Base URL of host `{}` (else {v})", h.key),
            None => format!("Base URL of host `{}`", h.key),
        };
        root = root.arg(
            Arg::new(format!("host:{}", h.key))
                .long(flag)
                .global(true)
                .help_heading(GLOBAL)
                .value_name("URL")
                .help(help),
        );
    }
    // One subcommand per resource, in description order.
    let mut seen: Vec<&str> = Vec::new();
    for c in api.commands {
        if seen.contains(&c.resource) {
            continue;
        }
        seen.push(c.resource);
        let mut res = Clap::new(c.resource_cli)
            .subcommand_required(true)
            .arg_required_else_help(true);
        if let Some(d) = c.resource_doc {
            res = res.about(d.trim_end_matches('.').to_string());
        }
        if c.resource_cli != c.resource {
            res = res.alias(c.resource);
        }
        for e in api.commands.iter().filter(|x| x.resource == c.resource) {
            res = res.subcommand(endpoint_command(api, e));
        }
        root = root.subcommand(res);
    }
    root.subcommand(
        Clap::new("login")
            .about("Authorize a user (OAuth 2.0 installed-app flow) and keep the tokens")
            .long_about(
                "Authorize a user with the OAuth 2.0 installed-application flow and keep the \
                 tokens (files of mode 0600 in the configuration directory) for the user-context \
                 commands, which refresh them. By default a listener on 127.0.0.1 receives the \
                 browser's redirect to http://localhost:PORT; --oob shows a code on the consent \
                 page to paste here instead.",
            )
            .arg(
                Arg::new("oob")
                    .long("oob")
                    .action(ArgAction::SetTrue)
                    .help("Paste the code the consent page shows (urn:ietf:wg:oauth:2.0:oob)"),
            )
            .arg(
                Arg::new("port")
                    .long("port")
                    .value_name("PORT")
                    .default_value("8080")
                    .value_parser(clap::value_parser!(u16).range(1..))
                    .help("Port of the local listener (redirect URI http://localhost:PORT)"),
            )
            .arg(
                Arg::new("no-browser")
                    .long("no-browser")
                    .action(ArgAction::SetTrue)
                    .help("Print the authorization URL instead of opening a browser"),
            )
            .arg(
                Arg::new("scopes")
                    .long("scopes")
                    .value_name("SCOPES")
                    .value_delimiter(',')
                    .value_parser(PossibleValuesParser::new(
                        api.scopes.iter().map(|s| {
                            let pv = PossibleValue::new(s.wire);
                            match s.doc {
                                Some(d) => pv.help(d),
                                None => pv,
                            }
                        }),
                    ))
                    .help("Scopes to ask for, comma-separated (default: every scope the application holds)"),
            )
            .arg(
                Arg::new("timeout")
                    .long("timeout")
                    .value_name("SECONDS")
                    .default_value("300")
                    .value_parser(clap::value_parser!(u64).range(1..=86_400))
                    .help("How long to wait for the user"),
            ),
    )
    .subcommand(Clap::new("logout").about("Revoke the stored login and delete its tokens"))
    .subcommand(
        Clap::new("completions")
            .about("Print a shell completion script")
            .arg(
                Arg::new("shell")
                    .required(true)
                    .value_parser(clap::value_parser!(clap_complete::Shell)),
            ),
    )
}

/// Every command of the table, for lookups by subcommand names.
pub fn find(api: &'static Api, resource: &str, endpoint: &str) -> Option<&'static table::Command> {
    api.commands
        .iter()
        .find(|c| c.resource_cli == resource && c.name_cli == endpoint)
}
