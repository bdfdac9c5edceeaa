//! An installed (command-line) application that authorizes its user with
//! OAuth 2.0 and calls a user-context endpoint (`GET /imcc/v1/user`).
//!
//! ```text
//! IMAGEN_API_KEY=…  IMAGEN_API_SECRET=…  \
//! IMAGEN_WEB_URL=https://imagen.example.com  IMAGEN_MCC_URL=https://mcc.example.com:83 \
//! cargo run --example installed_app -- [--redirect URI] [--token-dir DIR] [--user NAME]
//! ```
//!
//! - `--redirect` (or `IMAGEN_REDIRECT_URI`): the redirect URI registered for
//!   the application, default `http://localhost:8080` (a local listener on
//!   127.0.0.1:8080 receives the code; `http://localhost` means port 80,
//!   which usually needs administrator rights). `urn:ietf:wg:oauth:2.0:oob`
//!   asks you to paste the code instead.
//! - `--token-dir` (or `IMAGEN_TOKEN_DIR`): where tokens are kept between
//!   runs (files of mode 0600), default `./.imagen-tokens`.
//!
//! The first run opens the browser on ImagenWeb's consent page; later runs
//! reuse (and refresh) the stored token until the user revokes it.

use std::sync::Arc;

use imagen::Session;
use imagen::api::Client;
use imagen::oauth::{
    AppKind, FileTokenStore, InstalledFlow, OAuthConfig, RefreshingTokenSource, StoreKey,
};

// The scopes this application holds: the OAuth request asks for exactly
// these (`ScopeSet::NAMES`), and calls that need others don't compile.
imagen::scopes!(pub InstalledApp = ReadUsersData, ModifyUsersData);

fn arg(name: &str, env: &str, default: &str) -> String {
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == name
            && let Some(v) = args.next()
        {
            return v;
        }
        if let Some(v) = a.strip_prefix(&format!("{name}=")) {
            return v.to_owned();
        }
    }
    std::env::var(env).unwrap_or_else(|_| default.to_owned())
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    match run().await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    // Key, secret and hosts from IMAGEN_API_KEY, IMAGEN_API_SECRET,
    // IMAGEN_WEB_URL and IMAGEN_MCC_URL.
    let session = Session::from_env()?;
    let app = Client::new(session.clone()).with_scopes::<InstalledApp>();
    let scopes = app.declared_scopes();
    let redirect = arg("--redirect", "IMAGEN_REDIRECT_URI", "http://localhost:8080");
    let token_dir = arg("--token-dir", "IMAGEN_TOKEN_DIR", ".imagen-tokens");
    let user = arg("--user", "IMAGEN_USER", "default");

    let config = OAuthConfig::from_session(&session, AppKind::Installed, &redirect).build()?;
    let store = Arc::new(FileTokenStore::new(&token_dir));
    let key = StoreKey::new(config.api_key(), &user, scopes);
    let source = RefreshingTokenSource::new(config.clone(), store, key);

    // A stored (and refreshable) token, or a new authorization.
    if let Err(e) = source.token_set().await {
        eprintln!("{e}");
        eprintln!("Authorizing {user} ({redirect})…");
        let tokens = InstalledFlow::new(config).authorize(scopes).await?;
        source.set_token(tokens).await?;
        eprintln!("Authorized; the token is kept in {token_dir}.");
    }

    // A user-context call through the generated client: GET /imcc/v1/user.
    let user_client = app.for_user(Arc::new(source));
    let me = user_client.user().current().send().await?;
    println!(
        "{} (user {}, {})",
        me.username,
        me.user_id,
        me.email_address.as_deref().unwrap_or("no e-mail")
    );
    Ok(())
}
