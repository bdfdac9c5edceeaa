//! Quickstart: an application-context call, a user authorized through OAuth
//! 2.0, a record import and a search with Unicode content.
//!
//! ```text
//! cargo run --example quickstart
//! ```
//!
//! With no configuration it starts the Imagen emulator in-process on a free
//! loopback port, registers an application there, and plays the user's
//! browser itself (it follows the consent page's redirect to the local
//! listener). With `IMAGEN_API_KEY`, `IMAGEN_API_SECRET`, `IMAGEN_MCC_URL`
//! and `IMAGEN_WEB_URL` set, the same program talks to a real Imagen and
//! opens your browser; the application must be an installed app whose
//! redirect URI is `IMAGEN_REDIRECT_URI` (default `http://localhost:8080`)
//! and must hold the scopes declared below.

use imagen::api::HostUrls as _;
use std::error::Error;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use imagen::api::Client;
use imagen::api::types::{
    ImportDocument, ImportMediaObject, ImportRecord, JobDocument, JobInput, JobState, MediaElement,
    MediaType,
};
use imagen::oauth::{
    AppKind, Browser, InstalledFlow, MemoryTokenStore, OAuthConfig, RefreshingTokenSource,
    StoreKey, SystemBrowser,
};
use imagen::{Session, SessionBuilder};
use imagen_emulator::{ApplicationSpec, Emulator};

// The scopes this application holds. Calls that need another scope do not
// compile; `verify_scopes` checks at run time that Imagen granted these.
imagen::scopes!(pub Quickstart = ModifyUsersData, CreateJobs);

const TITLE: &str = "Zoë — 東京タワー 🎞️";

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

/// Where the quickstart runs: a real Imagen or the in-process emulator.
struct Target {
    session: Session,
    redirect_uri: String,
    /// Kept alive for the whole run; `None` against a real Imagen.
    emulator: Option<Emulator>,
}

async fn target() -> Result<Target, Box<dyn Error>> {
    if std::env::var_os("IMAGEN_API_KEY").is_some() {
        let redirect_uri = std::env::var("IMAGEN_REDIRECT_URI")
            .unwrap_or_else(|_| "http://localhost:8080".to_owned());
        let session = SessionBuilder::from_env()?.build()?;
        return Ok(Target {
            session,
            redirect_uri,
            emulator: None,
        });
    }
    let emulator = Emulator::builder()
        .auto_approve(true)
        .start("127.0.0.1:0")
        .await?;
    let app = emulator.create_application(ApplicationSpec::installed("Quickstart").scopes(&[
        "readUsersData",
        "modifyUsersData",
        "createJobs",
    ]))?;
    println!("Started the Imagen emulator at {}", emulator.base_url());
    let session = Session::builder()
        .api_key(app.api_key.clone())
        .api_secret(app.secret.clone())
        .mcc_url(emulator.mcc_url())
        .web_url(emulator.web_url())
        .build()?;
    let port = free_loopback_port()?;
    Ok(Target {
        session,
        redirect_uri: format!("http://localhost:{port}/callback"),
        emulator: Some(emulator),
    })
}

async fn run() -> Result<(), Box<dyn Error>> {
    let target = target().await?;
    let emulated = target.emulator.is_some();
    let session = target.session.clone();
    let app = Client::new(session.clone()).with_scopes::<Quickstart>();

    // 1. Application context: a request signed with the key and secret.
    let me = app.application().get().send().await?;
    let granted: Vec<&str> = me
        .scopes
        .iter()
        .flatten()
        .map(|s| s.name.as_str())
        .collect();
    println!("\nApplication “{}” (signed request)", me.name);
    println!("  granted scopes: {}", granted.join(", "));
    app.verify_scopes().await?;
    println!(
        "  declared scopes {:?} are all granted",
        app.declared_scopes()
    );

    let profiles = app.profiles().list().send().await?;
    println!(
        "  {} media profiles (no authentication needed)",
        profiles.len()
    );

    // 2. User context: authorize a user through the http://localhost flow.
    let config =
        OAuthConfig::from_session(&session, AppKind::Installed, &target.redirect_uri).build()?;
    let flow = InstalledFlow::new(config.clone()).timeout(Duration::from_secs(120));
    let flow = if emulated {
        flow.browser(FollowRedirects)
    } else {
        flow.browser(SystemBrowser)
    };
    println!("\nAuthorizing a user via {} …", target.redirect_uri);
    let tokens = flow.authorize(app.declared_scopes()).await?;
    let source = RefreshingTokenSource::new(
        config,
        Arc::new(MemoryTokenStore::new()),
        StoreKey::new(
            session.api_key().as_str(),
            "quickstart",
            app.declared_scopes(),
        ),
    );
    source.set_token(tokens).await?;
    let user = app.for_user(Arc::new(source));
    let who = user.user().current().send().await?;
    println!("  authorized as {} (user {})", who.username, who.user_id);

    // 3. Import a record with Unicode content in Imagen XML, then follow
    //    the import task. With `timeout=0` the server answers at once with
    //    the task's progress (without it, it answers when the import ends).
    let workflows = user.workflows().list().send().await?;
    let ingest = workflows
        .iter()
        .find(|w| w.usage_type.as_str() == "OnIngest");
    let doc = ImportDocument {
        records: vec![ImportRecord {
            id: -1,
            fields: [
                ("Title", TITLE),
                ("Description", "Imported by the quickstart ✓"),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect(),
            acl: None,
            media_objects: ingest.map(|_| {
                vec![ImportMediaObject {
                    version: Some(3),
                    id: -1,
                    media_type: MediaType::Video,
                    is_clip: None,
                    name: None,
                    acl: None,
                    base_download_cost: Some(0),
                    base_timecode: None,
                    duration: None,
                    elements: vec![MediaElement {
                        media_type: MediaType::Video,
                        index: Some(0),
                        umid: None,
                        original_file: "https://media.example.org/incoming/tokyo_tower.mp4"
                            .to_owned(),
                    }],
                }]
            }),
        }],
    };
    let mut import = user.import().records(&doc).timeout(0);
    if let Some(w) = ingest {
        import = import.workflow(&w.name);
    }
    let task = import.send().await?;
    println!(
        "
Import task {} ({})",
        task.guid, task.state
    );
    let mut done = task;
    for _ in 0..20 {
        if matches!(done.state, JobState::Completed | JobState::Failed) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(if emulated { 10 } else { 1000 })).await;
        done = user.import().status(&done.guid).send().await?;
        println!(
            "  task state: {} ({}%)",
            done.state,
            done.progress.unwrap_or(0.0)
        );
    }
    let imported: Vec<i64> = done
        .import
        .iter()
        .flat_map(|i| i.records.iter().flatten())
        .map(|r| r.id)
        .collect();
    println!("  imported record(s) {imported:?}");

    // 4. Search for it, with the title in the query.
    let query = format!("WHERE Title=\"{TITLE}\"");
    let page = user.records().search(&query).num_records(10).send().await?;
    println!("\nSearch {query}: {} hit(s)", page.total_hits);
    for record in &page.records {
        let title = record.fields.get("Title").map_or("?", String::as_str);
        println!("  #{} {title} (editable: {})", record.id, record.can_edit);
    }
    if !page
        .records
        .iter()
        .any(|r| r.fields.get("Title").map(String::as_str) == Some(TITLE))
    {
        return Err("the imported title did not come back intact".into());
    }

    // 5. A scope beyond the defaults: createJobs lets the user list
    //    workflows and submit a reprocessing job (a `CISXMLDocument`).
    println!("\n{} workflow(s):", workflows.len());
    for w in workflows.iter().take(5) {
        println!("  {} — {} ({})", w.id, w.name, w.usage_type);
    }
    if let (Some(w), Some(&record)) = (workflows.first(), imported.first()) {
        let job = JobDocument {
            database_id: me.database_id.unwrap_or(1),
            workflow: w.name.clone(),
            job_name: format!("Quickstart reprocess {record}"),
            resource_group: None,
            priority: 2,
            client_id: None,
            inputs: vec![JobInput {
                input_type: "Int".to_owned(),
                sub_type: "Record_ID".to_owned(),
                slot: -1,
                value: record.to_string(),
            }],
        };
        let guid = user.jobs().create(&job).send().await?;
        println!("  job {guid} submitted with workflow “{}”", w.name);
    }
    println!("\nDone.");
    Ok(())
}

/// Plays the user's browser against the emulator: fetches the authorization
/// URL (auto-approved), and follows its redirect to the local listener.
struct FollowRedirects;

impl Browser for FollowRedirects {
    fn open(&self, url: &imagen::oauth::Url) -> std::io::Result<()> {
        let url = url.clone();
        let handle = tokio::runtime::Handle::current();
        handle.block_on(async move {
            let http = imagen::reqwest::Client::builder()
                .redirect(imagen::reqwest::redirect::Policy::limited(5))
                .build()
                .map_err(std::io::Error::other)?;
            let answer = http.get(url).send().await.map_err(std::io::Error::other)?;
            println!("  browser stand-in: {} → {}", answer.url(), answer.status());
            Ok(())
        })
    }
}

/// A free TCP port on 127.0.0.1 for the redirect URI's listener.
fn free_loopback_port() -> std::io::Result<u16> {
    let l = std::net::TcpListener::bind("127.0.0.1:0")?;
    l.local_addr().map(|a| a.port())
}
