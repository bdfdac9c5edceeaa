//! The run-time scope check: the CLI cannot check scopes at compile time,
//! so before a call it compares the command's scopes with the scopes the
//! application was granted (the description's `scope_check:` endpoint,
//! cached for a few minutes in the configuration directory) and refuses
//! with the wording of the compile-time message and the description's
//! remedy.

use imagen_runtime::oauth::OAuthError;
use imagen_runtime::wire::Format;
use imagen_runtime::{Auth, Error, Session};

use crate::config;
use crate::creds::Context;
use crate::fail::{Class, Failure};
use crate::table::{Api, Command};

/// The scopes the application was granted, asked from the server.
pub async fn fetch_granted(api: &Api, session: &Session) -> Result<Option<Vec<String>>, Failure> {
    let Some(check) = &api.scope_check else {
        return Ok(None);
    };
    let Some(cmd) = api.command(check.command) else {
        return Ok(None);
    };
    let e = cmd.endpoint;
    let path = e.path_and_query(&[], &[])?;
    let answer = session
        .application_context()
        .raw(e.method, e.host, &path)
        .auth(Auth::Application)
        .header("Accept", e.answer_format(Format::Xml).media_type())
        .send()
        .await?;
    Ok(Some((check.granted)(&answer, e)?))
}

/// The remedy of the description for `scope`.
pub fn remedy(api: &Api, scope: &str) -> String {
    api.scope_remedy.replace("{scope}", &format!("`{scope}`"))
}

/// The first of `needed` that `granted` does not grant (implications count).
fn first_missing(api: &Api, granted: &[String], needed: &[&str]) -> Option<String> {
    match imagen_runtime::scope::check_granted(granted, needed, api.implied) {
        Ok(()) => None,
        Err(Error::OAuth(OAuthError::ScopesNotGranted { missing, .. })) => {
            missing.into_iter().next()
        }
        Err(_) => None,
    }
}

/// Refuses the command when the application (or, for a user-context call,
/// the login) lacks one of its scopes. `as_user`: the call uses the user's
/// token.
pub async fn check(api: &Api, ctx: &Context, cmd: &Command, as_user: bool) -> Result<(), Failure> {
    let needed = cmd.endpoint.scopes;
    if needed.is_empty() || cmd.endpoint.auth == Auth::None || !ctx.has_credentials {
        return Ok(());
    }
    let key = ctx.session.api_key().as_str().to_string();
    let dir = ctx.config_dir.as_deref();
    let cached = dir.and_then(|d| config::cached_scopes(d, &key));
    // A cached answer that lets the call through is trusted; one that
    // refuses it is asked again (an administrator may just have granted it).
    let granted = match cached {
        Some(g) if first_missing(api, &g, needed).is_none() => Some(g),
        _ => {
            let fresh = fetch_granted(api, &ctx.session).await?;
            if let (Some(d), Some(g)) = (dir, &fresh) {
                // A cache that can't be written only costs a request next time.
                let _ = config::cache_scopes(d, &key, Some(g));
            }
            fresh
        }
    };
    if let Some(granted) = granted
        && let Some(scope) = first_missing(api, &granted, needed)
    {
        return Err(Failure::new(
            Class::Scope,
            format!(
                "endpoint `{}` needs the `{scope}` scope, which the application's granted scopes do not grant: {}",
                cmd.full_name(),
                remedy(api, &scope)
            ),
        ));
    }
    if as_user
        && let Some(held) = &ctx.user_scopes
        && let Some(scope) = first_missing(api, held, needed)
    {
        return Err(Failure::new(
            Class::Scope,
            format!(
                "endpoint `{}` needs the `{scope}` scope, which the login's token does not grant: run `imagen login` again (it asks for every scope the application holds)",
                cmd.full_name()
            ),
        ));
    }
    Ok(())
}
