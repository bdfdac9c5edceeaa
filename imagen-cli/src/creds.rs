//! Credentials, hosts and the user's token: from flags, the description's
//! variables, the application file, the stored login, or the embedded
//! emulator.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::ArgMatches;
use imagen_runtime::oauth::{
    AppKind, FileTokenStore, OAuthConfig, RefreshingTokenSource, StoreKey,
};
use imagen_runtime::{Session, SessionBuilder, StaticToken, TokenSource};

use crate::args;
use crate::config::{self, Login};
use crate::fail::{Class, Failure};
use crate::table::Api;

/// The variable with an access token for scripts (used as is, never refreshed).
pub const ACCESS_TOKEN_VAR: &str = "IMAGEN_ACCESS_TOKEN";

/// The seeded user the embedded emulator logs in.
pub const EMULATOR_USER: &str = "zoe";

/// Everything a command runs with.
pub struct Context {
    /// The application's session (signed requests).
    pub session: Session,
    /// The user's tokens, when there are any.
    pub user: Option<Arc<dyn TokenSource>>,
    /// The scopes the user's token holds, when known.
    pub user_scopes: Option<Vec<String>>,
    /// The configuration directory (`None` with the emulator: nothing is kept).
    pub config_dir: Option<PathBuf>,
    /// The embedded emulator, kept alive (serving) for the command.
    pub _emulator: Option<imagen_emulator::Emulator>,
    /// Whether credentials were configured at all (else requests that need
    /// none still work).
    pub has_credentials: bool,
}

/// How the user context is looked up.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum UserLookup {
    /// Load the stored login (or the access-token variable).
    Load,
    /// Don't (login and logout handle it themselves).
    Skip,
}

fn read_secret_file(path: &Path) -> Result<String, Failure> {
    let bytes = std::fs::read(path).map_err(|e| {
        Failure::new(
            Class::Auth,
            format!("cannot read the API secret file {}: {e}", path.display()),
        )
    })?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Failure::new(
            Class::Auth,
            format!("the API secret file {} is not UTF-8", path.display()),
        )
    })?;
    let secret = text.trim_end_matches(['\r', '\n']).to_string();
    if secret.trim().is_empty() {
        return Err(Failure::new(
            Class::Auth,
            format!("the API secret file {} is empty", path.display()),
        ));
    }
    Ok(secret)
}

fn env_hosts(api: &Api, mut b: SessionBuilder) -> SessionBuilder {
    for h in api.environment.hosts {
        if let Some(v) = h.env.and_then(|v| std::env::var(v).ok())
            && !v.trim().is_empty()
        {
            b = b.host(h.key, v);
        }
    }
    b
}

/// The session builder from the command line and the environment;
/// `Ok(None)` when no credentials are configured at all.
fn builder(api: &Api, m: &ArgMatches, quiet: bool) -> Result<Option<SessionBuilder>, Failure> {
    let secret_flag = m.get_one::<String>(args::API_SECRET);
    if secret_flag.is_some() && !quiet {
        eprintln!(
            "imagen: warning: --api-secret puts the secret into the shell history and the process list; prefer --api-secret-file or {}",
            api.environment.secret_var
        );
    }
    let secret = || -> Result<Option<String>, Failure> {
        if let Some(f) = m.get_one::<PathBuf>(args::API_SECRET_FILE) {
            return read_secret_file(f).map(Some);
        }
        if let Some(s) = secret_flag {
            return Ok(Some(s.clone()));
        }
        Ok(std::env::var(api.environment.secret_var)
            .ok()
            .filter(|s| !s.is_empty()))
    };
    let b = if let Some(file) = m.get_one::<PathBuf>(args::CREDENTIALS) {
        let b = SessionBuilder::from_application_file(file)?;
        env_hosts(api, b)
    } else if let Some(key) = m.get_one::<String>(args::API_KEY) {
        let Some(secret) = secret()? else {
            return Err(Failure::new(
                Class::Auth,
                format!(
                    "--api-key needs the secret too: --api-secret-file FILE or {}",
                    api.environment.secret_var
                ),
            ));
        };
        let mut b = Session::builder().api_key(key.clone()).api_secret(secret);
        for h in api.environment.hosts {
            if let Some(u) = h.default_url {
                b = b.host(h.key, u);
            }
        }
        env_hosts(api, b)
    } else if std::env::var_os(api.environment.key_var).is_some() {
        let mut b = SessionBuilder::from_env_for(api.environment)?;
        if let Some(f) = m.get_one::<PathBuf>(args::API_SECRET_FILE) {
            b = b.api_secret(read_secret_file(f)?);
        } else if let Some(s) = secret_flag {
            b = b.api_secret(s.clone());
        }
        b
    } else {
        return Ok(None);
    };
    Ok(Some(b))
}

fn host_flags(api: &Api, m: &ArgMatches, mut b: SessionBuilder) -> SessionBuilder {
    for h in api.environment.hosts {
        if let Some(u) = m.get_one::<String>(&format!("host:{}", h.key)) {
            b = b.host(h.key, u.clone());
        }
    }
    b
}

fn no_credentials(api: &Api) -> Failure {
    Failure::new(
        Class::Auth,
        format!(
            "no credentials: set {} and {}, or pass --credentials FILE, or --api-key with --api-secret-file (or try --emulator)",
            api.environment.key_var, api.environment.secret_var
        ),
    )
}

/// Builds the context of a command. `needs_credentials`: the command
/// cannot run without an application (anything but `auth: none`).
pub async fn context(
    api: &'static Api,
    m: &ArgMatches,
    needs_credentials: bool,
    lookup: UserLookup,
) -> Result<Context, Failure> {
    let quiet = m.get_flag(args::QUIET);
    if m.get_flag(args::EMULATOR) {
        return emulator_context(api, m).await;
    }
    let (b, has_credentials) = match builder(api, m, quiet)? {
        Some(b) => (b, true),
        None if needs_credentials => return Err(no_credentials(api)),
        // Requests without authentication still need a session; these
        // placeholders are never sent (`auth: none` sends no credentials).
        None => (
            env_hosts(api, Session::builder().api_key("-").api_secret("-")),
            false,
        ),
    };
    let session = host_flags(api, m, b).build()?;
    let mut ctx = Context {
        session,
        user: None,
        user_scopes: None,
        config_dir: None,
        _emulator: None,
        has_credentials,
    };
    if let Ok(token) = std::env::var(ACCESS_TOKEN_VAR)
        && !token.trim().is_empty()
    {
        ctx.user = Some(Arc::new(StaticToken::new(token.trim().to_string())));
    }
    ctx.config_dir = Some(config::dir()?);
    if lookup == UserLookup::Load && ctx.user.is_none() && has_credentials {
        let dir = ctx.config_dir.clone().unwrap_or_default();
        if let Some(login) = config::login(&dir, ctx.session.api_key().as_str())? {
            let source = token_source(api, &ctx.session, &dir, &login)?;
            ctx.user = Some(Arc::new(source));
            ctx.user_scopes = Some(login.scopes);
        }
    }
    Ok(ctx)
}

/// The OAuth configuration of the session's application for `redirect_uri`.
pub fn oauth_config(
    api: &Api,
    session: &Session,
    redirect_uri: &str,
) -> Result<OAuthConfig, Failure> {
    let Some(endpoints) = api.oauth else {
        return Err(Failure::new(
            Class::Auth,
            format!("the {} API describes no OAuth endpoints", api.name),
        ));
    };
    Ok(OAuthConfig::for_session(session, endpoints, AppKind::Installed, redirect_uri).build()?)
}

/// The store key of a login.
pub fn store_key(session: &Session, login: &Login) -> StoreKey {
    let scopes: Vec<&str> = login.scopes.iter().map(String::as_str).collect();
    StoreKey::new(session.api_key().as_str(), &login.user, &scopes)
}

/// The refreshing token source of a stored login.
pub fn token_source(
    api: &Api,
    session: &Session,
    dir: &Path,
    login: &Login,
) -> Result<RefreshingTokenSource, Failure> {
    let config = oauth_config(api, session, &login.redirect_uri)?;
    let store = Arc::new(FileTokenStore::new(config::token_dir(dir)));
    Ok(RefreshingTokenSource::new(
        config,
        store,
        store_key(session, login),
    ))
}

async fn emulator_context(api: &'static Api, m: &ArgMatches) -> Result<Context, Failure> {
    let emu = imagen_emulator::Emulator::builder()
        .auto_approve(true)
        .start("127.0.0.1:0")
        .await
        .map_err(|e| Failure::new(Class::Other, format!("cannot start the emulator: {e}")))?;
    let scopes: Vec<&str> = imagen_emulator::SCOPES.iter().map(|(s, _)| *s).collect();
    let emu_err = |e: imagen_emulator::Error| Failure::new(Class::Other, format!("emulator: {e}"));
    let app = emu
        .create_application(
            imagen_emulator::ApplicationSpec::installed("imagen CLI").scopes(&scopes),
        )
        .map_err(emu_err)?;
    let token = emu
        .issue_token_for(&app.api_key, EMULATOR_USER, &scopes)
        .map_err(emu_err)?;
    let mut b = Session::builder()
        .api_key(app.api_key.clone())
        .api_secret(app.secret.clone());
    for h in api.environment.hosts {
        b = b.host(h.key, emu.base_url());
    }
    let _ = m;
    let session = b.build()?;
    Ok(Context {
        session,
        user: Some(Arc::new(StaticToken::new(token.access_token.clone()))),
        user_scopes: Some(scopes.iter().map(|s| s.to_string()).collect()),
        config_dir: None,
        _emulator: Some(emu),
        has_credentials: true,
    })
}
