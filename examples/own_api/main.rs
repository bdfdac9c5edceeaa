//! Bindings for an API of your own: `collections.yaml` beside this file
//! goes through the same generator as Imagen's description, and every fact
//! the runtime needs comes from it — the variables of the key, the secret
//! and the host (`Client::session_from_env`), the OAuth endpoints
//! (`Client::oauth_config`), the endpoint that reports granted scopes
//! (`verify_scopes`), and the compile-time remedy text.
//!
//! ```text
//! COLLECTIONS_KEY=k COLLECTIONS_SECRET=s COLLECTIONS_URL=http://127.0.0.1:8080 \
//!     cargo run --example own_api
//! ```
//!
//! (`tests/own_api.rs` runs it against a small loopback server.)

use std::process::ExitCode;

mod collections {
    imagen::generate!(
        "examples/own_api/collections.yaml",
        module = crate::collections
    );
}

collections::scopes!(Editor = WriteCollections);

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

async fn run() -> Result<(), imagen::Error> {
    let session = collections::Client::session_from_env()?.build()?;
    let client = collections::Client::new(session).with_scopes::<Editor>();
    client.verify_scopes().await?;
    println!("scopes verified: {:?}", client.declared_scopes());
    let created = client
        .collections()
        .create(&collections::types::Collection {
            id: 0,
            title: "Zoë's picks".into(),
        })
        .send()
        .await?;
    println!("created #{} {}", created.id, created.title);
    for c in client.collections().list().send().await? {
        println!("collection #{} {}", c.id, c.title);
    }
    let oauth = collections::Client::oauth_config(
        client.session(),
        imagen::oauth::AppKind::Installed,
        "http://localhost:8080",
    )
    .build()
    .map_err(imagen::Error::from)?;
    let request = oauth.authorization_request(client.declared_scopes());
    println!("consent page: {}", request.url());
    Ok(())
}
