//! `imagen`: the command-line client of the Imagen API, generated from its
//! description (see the crate README).

mod args;
mod config;
mod creds;
mod fail;
mod login;
mod output;
mod run;
mod scope;
mod table;

use std::io::{IsTerminal as _, Write as _};
use std::process::ExitCode;

use clap::ArgMatches;
use clap::error::ErrorKind;

use crate::creds::UserLookup;
use crate::fail::{Class, Failure};
use crate::output::Format;
use crate::table::Api;

fn main() -> ExitCode {
    let api: &'static Api = &table::API;
    let matches = match args::build(api).try_get_matches() {
        Ok(m) => m,
        Err(e) => return clap_error(e),
    };
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("imagen: error: cannot start the async runtime: {e}");
            return ExitCode::from(Class::Other as u8);
        }
    };
    match rt.block_on(dispatch(api, &matches)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("imagen: error: {}", f.line());
            ExitCode::from(f.class as u8)
        }
    }
}

/// Help and version as clap prints them; errors on one line.
fn clap_error(e: clap::Error) -> ExitCode {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            ExitCode::SUCCESS
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            ExitCode::from(Class::Usage as u8)
        }
        _ => {
            let text = e.render().to_string();
            let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
            let first = lines
                .next()
                .unwrap_or("invalid command line")
                .trim_start_matches("error: ")
                .to_string();
            let mut extra: Vec<String> = Vec::new();
            let mut first = first;
            let listing = first.ends_with(':');
            for l in lines {
                if l.starts_with("[possible values:") || l.starts_with("tip:") {
                    extra.push(l.trim_matches(['[', ']']).to_string());
                } else if listing && (l.starts_with('<') || l.starts_with("--")) {
                    // `the following required arguments were not provided:`
                    first.push(' ');
                    first.push_str(l);
                }
            }
            let usage = text
                .lines()
                .find_map(|l| l.strip_prefix("Usage: "))
                .map(|u| {
                    let cmd: Vec<&str> = u
                        .split_whitespace()
                        .take_while(|w| !w.starts_with('[') && !w.starts_with('<'))
                        .collect();
                    format!("; see `{} --help`", cmd.join(" "))
                })
                .unwrap_or_default();
            let extra = if extra.is_empty() {
                String::new()
            } else {
                format!(" ({})", extra.join("; "))
            };
            eprintln!("imagen: error: {first}{extra}{usage}");
            ExitCode::from(Class::Usage as u8)
        }
    }
}

/// Writes to standard output; a closed pipe (`imagen … | head`) is not an error.
fn emit(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::new(
            Class::Other,
            format!("cannot write the output: {e}"),
        )),
    }
}

async fn dispatch(api: &'static Api, m: &ArgMatches) -> Result<(), Failure> {
    let quiet = m.get_flag(args::QUIET);
    let Some((sub, sm)) = m.subcommand() else {
        return Err(Failure::usage("no command given; see `imagen --help`"));
    };
    match sub {
        "completions" => {
            let shell = *sm
                .get_one::<clap_complete::Shell>("shell")
                .ok_or_else(|| Failure::usage("which shell?"))?;
            let mut cmd = args::build(api);
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut cmd, "imagen", &mut buf);
            emit(&buf)
        }
        "login" => {
            let ctx = creds::context(api, m, true, UserLookup::Skip).await?;
            login::login(api, &ctx, sm, quiet).await
        }
        "logout" => {
            let ctx = creds::context(api, m, true, UserLookup::Skip).await?;
            login::logout(api, &ctx, quiet).await
        }
        resource => {
            let Some((endpoint, em)) = sm.subcommand() else {
                return Err(Failure::usage(format!(
                    "`{resource}` needs an endpoint; see `imagen {resource} --help`"
                )));
            };
            let Some(cmd) = args::find(api, resource, endpoint) else {
                return Err(Failure::usage(format!(
                    "unknown command `{resource} {endpoint}`"
                )));
            };
            endpoint_command(api, cmd, m, em, quiet).await
        }
    }
}

async fn endpoint_command(
    api: &'static Api,
    cmd: &'static table::Command,
    m: &ArgMatches,
    em: &ArgMatches,
    quiet: bool,
) -> Result<(), Failure> {
    let format = Format::choose(
        m.get_one::<String>(args::OUTPUT).map(String::as_str),
        std::io::stdout().is_terminal(),
    );
    let show_progress = !quiet && std::io::stderr().is_terminal();
    let call = run::call(api, cmd, em)?;
    let needs_credentials = cmd.endpoint.auth != imagen_runtime::Auth::None;
    let ctx = creds::context(api, m, needs_credentials, UserLookup::Load).await?;
    let as_user = run::uses_user(&ctx, cmd);
    scope::check(api, &ctx, cmd, as_user).await?;
    let all = em.try_get_one::<bool>(args::ALL).ok().flatten() == Some(&true);
    let wait = em.try_get_one::<bool>(args::WAIT).ok().flatten() == Some(&true);
    if all {
        if format == Format::Raw {
            return Err(Failure::usage(
                "--all combines pages: use --output json, yaml or table",
            ));
        }
        let v = run::all_pages(api, &ctx, call, show_progress).await?;
        return emit(output::render(&v, format)?.as_bytes());
    }
    let answer = run::send(&ctx, &call).await?;
    if format == Format::Raw && !wait {
        let raw = output::redact_raw(&answer.body, api.secret_fields);
        return emit(&raw);
    }
    let mut v = run::decode(api, cmd, &answer)?;
    if wait {
        v = run::wait(api, &ctx, cmd, v, show_progress).await?;
    }
    let format = if format == Format::Raw {
        Format::Json
    } else {
        format
    };
    emit(output::render(&v, format)?.as_bytes())
}
