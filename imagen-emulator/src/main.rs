//! `cargo run -p imagen-emulator [-- --port N]`: a ready-to-use emulator on
//! 127.0.0.1 with one installed application (default scopes + createJobs)
//! whose credentials are printed. Ctrl-C stops it cleanly.

use imagen_emulator::{AppKind, ApplicationSpec, Consent, Emulator};

const USAGE: &str = "usage: imagen-emulator [--port N] [--auto-approve]\n  --port N        listen on 127.0.0.1:N (default 8083, 0 = any free port)\n  --auto-approve  approve OAuth consent without showing the page";

fn parse_args() -> Result<(u16, bool), String> {
    let mut port = 8083;
    let mut auto = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--port" | "-p" => {
                let v = args.next().ok_or("--port needs a value")?;
                port = v.parse().map_err(|_| format!("invalid port '{v}'"))?;
            }
            "--auto-approve" => auto = true,
            "--help" | "-h" => return Err(String::new()),
            other => match other.strip_prefix("--port=") {
                Some(v) => port = v.parse().map_err(|_| format!("invalid port '{v}'"))?,
                None => return Err(format!("unknown argument '{other}'")),
            },
        }
    }
    Ok((port, auto))
}

#[tokio::main]
async fn main() {
    let (port, auto) = match parse_args() {
        Ok(v) => v,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("imagen-emulator: {e}");
            }
            eprintln!("{USAGE}");
            std::process::exit(if e.is_empty() { 0 } else { 2 });
        }
    };
    let consent = if auto {
        Consent::Approve
    } else {
        Consent::Prompt
    };
    let emu = match Emulator::builder()
        .consent(consent)
        .start(&format!("127.0.0.1:{port}"))
        .await
    {
        Ok(e) => e,
        Err(e) => {
            eprintln!("imagen-emulator: {e}");
            std::process::exit(1);
        }
    };
    let app = emu
        .create_application(ApplicationSpec {
            name: "Quickstart".into(),
            kind: AppKind::Installed {
                custom_redirect: None,
            },
            scopes: vec![
                "readUsersData".into(),
                "modifyUsersData".into(),
                "createJobs".into(),
            ],
        })
        .expect("the built-in application spec is valid");
    let url = emu.base_url();
    println!("Imagen emulator listening on {url}");
    println!("  MediaControlCentre: {url}/core/v1/..., {url}/imcc/v1/...");
    println!("  ImagenWeb:          {url}/iweb/v1/..., {url}/oauth/authorize");
    println!("  Admin API:          {url}/emulator/admin/...");
    println!();
    println!(
        "Application \"Quickstart\" (installed; scopes readUsersData modifyUsersData createJobs):"
    );
    println!("  API key: {}", app.api_key);
    println!("  secret:  {}", app.secret);
    println!();
    println!("Use it from a shell:");
    println!("  export IMAGEN_MCC_URL={url}");
    println!("  export IMAGEN_WEB_URL={url}");
    println!("  export IMAGEN_API_KEY={}", app.api_key);
    println!("  export IMAGEN_API_SECRET={}", app.secret);
    println!();
    println!(
        "Users to authorize as: zoe (default), kenji, ana. Consent: {}.",
        if auto { "auto-approve" } else { "page" }
    );
    println!("Press Ctrl-C to stop.");
    if let Err(e) = tokio::signal::ctrl_c().await {
        eprintln!("imagen-emulator: cannot wait for Ctrl-C: {e}");
    }
    println!("Shutting down.");
    emu.shutdown().await;
}
