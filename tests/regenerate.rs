//! Editing a description and running `cargo build` regenerates the bindings.
//!
//! A tiny crate that uses `imagen::generate!` is written to a temporary
//! directory and built; then an endpoint is appended to its YAML (and nothing
//! else is touched) and `cargo build` must recompile the crate; finally a
//! call to the new method compiles and runs. The crate builds offline with
//! this workspace's `Cargo.lock`, into a target directory kept under this
//! workspace's `target/` so that only the first run compiles dependencies.
//! Every cargo run has a time limit (generous: the first compiles the
//! dependencies) and is killed if it outlives it or the test.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use tokio::process::Command;

/// A hang guard, not a performance bound: a cold build of the dependencies
/// on a loaded machine takes minutes.
const LIMIT: Duration = Duration::from_secs(30 * 60);

/// Runs `cmd` to completion within [`LIMIT`], killing it otherwise.
async fn output(cmd: &mut Command) -> Output {
    cmd.kill_on_drop(true).stdin(std::process::Stdio::null());
    tokio::time::timeout(LIMIT, cmd.output())
        .await
        .unwrap_or_else(|_| panic!("{cmd:?} still ran after {LIMIT:?}; killed"))
        .expect("run cargo")
}

const YAML: &str = r#"
name: notes
hosts:
  main: { env: NOTES_URL }
scopes:
  readNotes: { doc: Read notes., default: true }
types:
  Note:
    fields:
      id: { wire: ID, type: i64 }
      text: { wire: Text, type: string }
resources:
  notes:
    endpoints:
      list: { method: GET, path: /notes, host: main, auth: any, scopes: [readNotes], response: { list: Note } }
"#;

const NEW_ENDPOINT: &str = r#"      count:
        method: GET
        path: /notes/count/{folder}
        host: main
        auth: any
        scopes: [readNotes]
        params:
          folder: { in: path, type: string }
        response: { type: i64 }
        doc: Added after the first build.
"#;

const MAIN_BEFORE: &str = r#"
mod notes {
    imagen::generate!("notes.yaml", module = crate::notes);
}

// Found relative to this source file (`src/../api/`), not to the manifest.
mod beside {
    imagen::generate!("../api/beside.yaml", module = crate::beside);
}

fn main() {
    let session = imagen::Session::builder()
        .api_key("key")
        .api_secret("secret")
        .host("main", "http://127.0.0.1:9")
        .build()
        .expect("session");
    let _ = beside::Client::new(session.clone());
    let client = notes::Client::new(session);
    let _request = client.notes().list;
    println!("called: list");
}
"#;

async fn cargo(dir: &Path, target: &Path, args: &[&str]) -> Output {
    let out = output(
        Command::new(env!("CARGO"))
            .args(args)
            .args(["--offline", "--quiet"])
            .current_dir(dir)
            .env("CARGO_TARGET_DIR", target)
            .env_remove("RUSTFLAGS"),
    )
    .await;
    assert!(
        out.status.success(),
        "cargo {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

#[tokio::test]
async fn editing_the_yaml_regenerates_the_bindings() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let target = root.join("target").join("regenerate-test");
    let dir = tempfile::tempdir().expect("temp dir");
    let krate = dir.path();
    std::fs::create_dir(krate.join("src")).unwrap();
    std::fs::write(
        krate.join("Cargo.toml"),
        format!(
            "[package]\nname = \"regen_probe\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\nimagen = {{ path = {:?} }}\n\n[workspace]\n",
            root.display().to_string()
        ),
    )
    .unwrap();
    std::fs::copy(root.join("Cargo.lock"), krate.join("Cargo.lock")).unwrap();
    std::fs::write(krate.join("notes.yaml"), YAML).unwrap();
    std::fs::create_dir(krate.join("api")).unwrap();
    std::fs::write(krate.join("api/beside.yaml"), YAML).unwrap();
    std::fs::write(
        krate.join("src/main.rs"),
        MAIN_BEFORE.replace(".list;", ".list();"),
    )
    .unwrap();

    // First build and run.
    cargo(krate, &target, &["build"]).await;
    let run = cargo(krate, &target, &["run"]).await;
    assert_eq!(String::from_utf8_lossy(&run.stdout).trim(), "called: list");

    // Append an endpoint to the YAML only: cargo must notice and rebuild.
    let mut yaml = YAML.to_owned();
    yaml.push_str(NEW_ENDPOINT);
    std::fs::write(krate.join("notes.yaml"), &yaml).unwrap();
    let build = output(
        Command::new(env!("CARGO"))
            .args(["build", "--offline"])
            .current_dir(krate)
            .env("CARGO_TARGET_DIR", &target),
    )
    .await;
    let stderr = String::from_utf8_lossy(&build.stderr);
    assert!(build.status.success(), "{stderr}");
    assert!(
        stderr.contains("Compiling regen_probe"),
        "editing the YAML did not rebuild the crate:\n{stderr}"
    );

    // The new method exists: a call to it compiles and runs.
    let main = MAIN_BEFORE
        .replace(".list;", ".count(\"inbox/../2024?\");")
        .replace("called: list", "called: count");
    std::fs::write(krate.join("src/main.rs"), main).unwrap();
    let run = cargo(krate, &target, &["run"]).await;
    assert_eq!(String::from_utf8_lossy(&run.stdout).trim(), "called: count");
}
