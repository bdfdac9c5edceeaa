//! A web application that signs its users in with Imagen (OAuth 2.0
//! authorization code with PKCE) and calls the API as them.
//!
//! ```text
//! cargo run --example web_app [-- --port 8080] [--db tokens.sqlite3]
//! ```
//!
//! With no configuration it starts the Imagen emulator in-process on a free
//! loopback port, registers the application there, and serves the app on
//! `http://localhost:<port>/` (printed on start; `--port` or `WEB_APP_PORT`
//! to choose it). Open it, sign in: the emulator's consent page asks which
//! seeded user you are and whether to allow the app, and sends you back to
//! the app's callback.
//!
//! - `/` says who is signed in, or links to `/login`;
//! - `/login` starts an authorization: a random `state` and a PKCE
//!   verifier, kept server-side under a short-lived pre-login cookie, and a
//!   redirect to the consent page with the exact registered redirect URI;
//! - `/callback` checks the `state` against that cookie's sign-in, shows a
//!   readable page for a denial, exchanges the code with the verifier,
//!   stores the tokens under the user's name and sets a session cookie;
//! - `/profile` and `/records` call Imagen as the signed-in user;
//! - `/logout` (a form post) revokes the grant and deletes the tokens.
//!
//! Tokens are kept in an SQLite file (`--db` or `WEB_APP_DB`; default
//! `imagen-web-app/tokens.sqlite3` under the system's temporary directory),
//! or in PostgreSQL when `DATABASE_URL` is set; sealed at rest with
//! `WEB_APP_TOKEN_KEY` (`tokens.rs`).
//!
//! With `IMAGEN_API_KEY`, `IMAGEN_API_SECRET`, `IMAGEN_MCC_URL` and
//! `IMAGEN_WEB_URL` set (as for the quickstart), the same program talks to a
//! real Imagen; `IMAGEN_REDIRECT_URI` must then be the redirect URI
//! registered for the application, exactly. Imagen wants a Web
//! application's redirect URI to be `https://` (then put the app behind a
//! TLS proxy and mark the cookies `Secure`, see `sessions.rs`); a plain
//! `http://localhost:<port>/callback` works only for an application
//! registered as an installed app, which is what the emulator run uses.

mod pages;
mod routes;
mod sessions;
mod tokens;

use std::collections::HashMap;
use std::error::Error;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use imagen::api::{Client, HostUrls as _};
use imagen::oauth::AppKind;
use imagen::{Session, SessionBuilder};
use imagen_emulator::{ApplicationSpec, Emulator};

// The scopes the app declares; the pages call nothing that needs another.
imagen::scopes!(pub WebApp = ReadUsersData);

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The command line and environment.
struct Settings {
    port: u16,
    db: PathBuf,
}

fn settings() -> Result<Settings, String> {
    let mut port = match std::env::var("WEB_APP_PORT") {
        Ok(p) => Some(parse_port(&p, "WEB_APP_PORT")?),
        Err(_) => None,
    };
    let mut db = std::env::var_os("WEB_APP_DB").map(PathBuf::from);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--port" => port = Some(parse_port(&value("--port")?, "--port")?),
            "--db" => db = Some(PathBuf::from(value("--db")?)),
            "-h" | "--help" => {
                return Err("usage: web_app [--port PORT] [--db SQLITE_FILE] \
                            (env: WEB_APP_PORT, WEB_APP_DB, DATABASE_URL)"
                    .into());
            }
            other => return Err(format!("unknown argument `{other}` (try --help)")),
        }
    }
    Ok(Settings {
        port: port.unwrap_or(0),
        db: db.unwrap_or_else(|| {
            std::env::temp_dir()
                .join("imagen-web-app")
                .join("tokens.sqlite3")
        }),
    })
}

fn parse_port(s: &str, what: &str) -> Result<u16, String> {
    s.trim()
        .parse()
        .map_err(|_| format!("{what}: `{s}` is not a port number (0 to 65535)"))
}

/// Where the app's users sign in: a real Imagen or the in-process emulator.
struct Target {
    session: Session,
    kind: AppKind,
    redirect_uri: String,
    /// Kept alive for the whole run; `None` against a real Imagen.
    emulator: Option<Emulator>,
}

async fn target(port: u16) -> Result<Target, Box<dyn Error>> {
    if std::env::var_os("IMAGEN_API_KEY").is_some() {
        let redirect_uri = std::env::var("IMAGEN_REDIRECT_URI").map_err(
            |_| "IMAGEN_REDIRECT_URI must be the redirect URI registered for the application",
        )?;
        let kind = if redirect_uri.starts_with("https://") {
            AppKind::Web
        } else {
            AppKind::Installed
        };
        return Ok(Target {
            session: SessionBuilder::from_env()?.build()?,
            kind,
            redirect_uri,
            emulator: None,
        });
    }
    let emulator = Emulator::builder().start("127.0.0.1:0").await?;
    let app = emulator.create_application(ApplicationSpec::installed("Web app example"))?;
    println!("Imagen emulator at {}", emulator.base_url());
    println!("Application key: {}", app.api_key);
    let session = Session::builder()
        .api_key(app.api_key.clone())
        .api_secret(app.secret.clone())
        .mcc_url(emulator.mcc_url())
        .web_url(emulator.web_url())
        .build()?;
    Ok(Target {
        session,
        kind: AppKind::Installed,
        redirect_uri: format!("http://localhost:{port}/callback"),
        emulator: Some(emulator),
    })
}

async fn run() -> Result<(), Box<dyn Error>> {
    let settings = settings()?;
    // The port is bound before the redirect URI is written, so that a
    // free one (`--port 0`) is known.
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", settings.port)).await?;
    let port = listener.local_addr()?.port();
    let target = target(port).await?;

    let client = Client::new(target.session.clone()).with_scopes::<WebApp>();
    let oauth = Client::oauth_config(&target.session, target.kind, &target.redirect_uri).build()?;
    let redirect = url::Url::parse(&target.redirect_uri)?;
    if routes::PAGES.contains(&redirect.path()) {
        return Err(format!(
            "the redirect URI's path `{}` is one of the app's pages ({}): register a \
             callback path such as /callback",
            redirect.path(),
            routes::PAGES.join(", ")
        )
        .into());
    }
    let public_host = match (redirect.host_str(), redirect.port()) {
        (Some(h), Some(p)) => format!("{h}:{p}"),
        (Some(h), None) => h.to_owned(),
        (None, _) => return Err("the redirect URI has no host".into()),
    };
    let store = tokens::open_store(settings.db).await?;
    println!("Tokens in {}", store.description);
    let app = Arc::new(routes::App {
        client,
        oauth,
        store: store.store,
        sessions: sessions::Sessions::new(),
        sources: Mutex::new(HashMap::new()),
        callback_path: redirect.path().to_owned(),
        public_host,
    });
    let origin = match &target.emulator {
        Some(_) => format!("http://localhost:{port}/"),
        None => format!(
            "http://127.0.0.1:{port}/ (its redirect URI: {})",
            target.redirect_uri
        ),
    };
    println!("Web app at {origin}");
    println!("(open it in a browser; Ctrl-C stops)");
    axum::serve(listener, routes::router(app))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    if let Some(e) = target.emulator {
        e.shutdown().await;
    }
    Ok(())
}
