//! `imagen login` and `imagen logout`.

use std::sync::Arc;
use std::time::Duration;

use clap::ArgMatches;
use imagen_runtime::oauth::{Browser, FileTokenStore, InstalledFlow, OOB, TokenStore, Url};

use crate::config::{self, Login};
use crate::creds::{self, Context};
use crate::fail::{Class, Failure};
use crate::table::Api;

/// The user label of the CLI's logins (one login per application and
/// configuration directory).
pub const USER: &str = "default";

/// Prints the authorization URL instead of opening a browser.
struct PrintUrl;

impl Browser for PrintUrl {
    fn open(&self, url: &Url) -> std::io::Result<()> {
        eprintln!("Open this URL in a browser to authorize the application:\n\n  {url}\n");
        Ok(())
    }
}

/// Shows nothing (the out-of-band prompt prints the URL itself).
struct Silent;

impl Browser for Silent {
    fn open(&self, _url: &Url) -> std::io::Result<()> {
        Ok(())
    }
}

fn config_dir(ctx: &Context) -> Result<&std::path::Path, Failure> {
    ctx.config_dir.as_deref().ok_or_else(|| {
        Failure::usage("--emulator logs in by itself: `login` and `logout` are for real servers")
    })
}

/// `imagen login`.
pub async fn login(api: &Api, ctx: &Context, m: &ArgMatches, quiet: bool) -> Result<(), Failure> {
    let dir = config_dir(ctx)?;
    let oob = m.get_flag("oob");
    let port = m.get_one::<u16>("port").copied().unwrap_or(8080);
    let redirect = if oob {
        OOB.to_string()
    } else {
        format!("http://localhost:{port}")
    };
    let oauth = creds::oauth_config(api, &ctx.session, &redirect)?;
    let scopes: Vec<String> = match m.get_many::<String>("scopes") {
        Some(s) => s.cloned().collect(),
        None => match crate::scope::fetch_granted(api, &ctx.session).await? {
            Some(granted) => {
                let _ = config::cache_scopes(dir, ctx.session.api_key().as_str(), Some(&granted));
                // Only scopes the description knows (the server may list more).
                api.scopes
                    .iter()
                    .map(|s| s.wire.to_string())
                    .filter(|s| granted.contains(s))
                    .collect()
            }
            None => api
                .scopes
                .iter()
                .filter(|s| s.default)
                .map(|s| s.wire.to_string())
                .collect(),
        },
    };
    let scope_refs: Vec<&str> = scopes.iter().map(String::as_str).collect();
    let timeout = Duration::from_secs(m.get_one::<u64>("timeout").copied().unwrap_or(300));
    let mut flow = InstalledFlow::new(oauth).timeout(timeout);
    if m.get_flag("no-browser") {
        flow = if oob {
            flow.browser(Silent)
        } else {
            flow.browser(PrintUrl)
        };
    }
    if !quiet && !oob {
        eprintln!("Waiting for the authorization on {redirect} …");
    }
    let tokens = flow.authorize(&scope_refs).await?;
    let login = Login {
        scopes: scopes.clone(),
        redirect_uri: redirect,
        user: USER.to_string(),
    };
    let source = creds::token_source(api, &ctx.session, dir, &login)?;
    source.set_token(tokens).await?;
    config::set_login(dir, ctx.session.api_key().as_str(), Some(login))?;
    if !quiet {
        eprintln!(
            "Logged in (scopes: {}); the tokens are kept in {}",
            if scopes.is_empty() {
                "none".to_string()
            } else {
                scopes.join(", ")
            },
            config::token_dir(dir).display()
        );
    }
    Ok(())
}

/// `imagen logout`: revokes the stored refresh token (or access token) and
/// deletes the tokens and the login, locally even when the server can't be
/// told.
pub async fn logout(api: &Api, ctx: &Context, quiet: bool) -> Result<(), Failure> {
    let dir = config_dir(ctx)?;
    let key = ctx.session.api_key().as_str().to_string();
    let Some(login) = config::login(dir, &key)? else {
        if !quiet {
            eprintln!("Nobody is logged in for application {key}.");
        }
        return Ok(());
    };
    let store = Arc::new(FileTokenStore::new(config::token_dir(dir)));
    let store_key = creds::store_key(&ctx.session, &login);
    let stored = store.load(&store_key).await.ok().flatten();
    let revoked = match &stored {
        Some(t) => {
            let oauth = creds::oauth_config(api, &ctx.session, &login.redirect_uri)?;
            let token = match t.refresh_token() {
                Some(r) => r.secret().to_owned(),
                None => t.access_token().secret().to_owned(),
            };
            oauth.revoke(&token).await
        }
        None => Ok(()),
    };
    store.delete(&store_key).await?;
    config::set_login(dir, &key, None)?;
    let _ = config::cache_scopes(dir, &key, None);
    match revoked {
        Ok(()) => {
            if !quiet {
                eprintln!("Logged out: the tokens are revoked and deleted.");
            }
            Ok(())
        }
        Err(e) => {
            let f = Failure::from(e);
            Err(Failure::new(
                if f.class == Class::Auth {
                    Class::Server
                } else {
                    f.class
                },
                format!(
                    "the tokens are deleted here, but the server could not revoke them: {}",
                    f.line()
                ),
            ))
        }
    }
}
