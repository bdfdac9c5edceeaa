//! The harness: an emulator in the test process (on 127.0.0.1:0), and the
//! real `imagen` binary run against it with a clean environment.

#![allow(dead_code)]

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use imagen_emulator::{ApplicationSpec, Emulator};

pub const BIN: &str = env!("CARGO_BIN_EXE_imagen");

/// Scopes of the default test application.
pub const SCOPES: &[&str] = &["readUsersData", "modifyUsersData", "createJobs"];

pub struct Env {
    pub rt: tokio::runtime::Runtime,
    pub emu: Emulator,
    pub key: String,
    pub secret: String,
    /// An access token of `zoe` for the application.
    pub token: String,
    /// The configuration directory given to the binary.
    pub dir: tempfile::TempDir,
}

impl Env {
    /// An emulator and an application holding `SCOPES`.
    pub fn new() -> Env {
        Env::with_scopes(SCOPES)
    }

    pub fn with_scopes(scopes: &[&str]) -> Env {
        Env::build(scopes, |b| b)
    }

    pub fn build(
        scopes: &[&str],
        f: impl FnOnce(imagen_emulator::Builder) -> imagen_emulator::Builder,
    ) -> Env {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let emu = rt
            .block_on(f(Emulator::builder().auto_approve(true)).start("127.0.0.1:0"))
            .unwrap();
        let app = emu
            .create_application(ApplicationSpec::installed("CLI test").scopes(scopes))
            .unwrap();
        let token = emu
            .issue_token_for(&app.api_key, "zoe", scopes)
            .unwrap()
            .access_token;
        Env {
            rt,
            emu,
            key: app.api_key,
            secret: app.secret,
            token,
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// The binary with a clean environment: the config dir only.
    pub fn bare(&self) -> Command {
        let mut c = Command::new(BIN);
        c.env_clear()
            .env("IMAGEN_CONFIG_DIR", self.dir.path())
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .stdin(Stdio::null());
        c
    }

    /// With the application's credentials and hosts, no user token.
    pub fn app(&self) -> Command {
        let mut c = self.bare();
        c.env("IMAGEN_API_KEY", &self.key)
            .env("IMAGEN_API_SECRET", &self.secret)
            .env("IMAGEN_MCC_URL", self.emu.mcc_url())
            .env("IMAGEN_WEB_URL", self.emu.web_url());
        c
    }

    /// With the application's credentials and `zoe`'s access token.
    pub fn user(&self) -> Command {
        let mut c = self.app();
        c.env("IMAGEN_ACCESS_TOKEN", &self.token);
        c
    }

    pub fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }
}

/// Runs `cmd` with `args`.
pub fn run(mut cmd: Command, args: &[&str]) -> Output {
    cmd.args(args).output().unwrap()
}

/// Runs with `input` on standard input.
pub fn run_with_stdin(mut cmd: Command, args: &[&str], input: &[u8]) -> Output {
    let mut child = cmd
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// Succeeded, and printed JSON: the value.
pub fn json(o: &Output) -> serde_json::Value {
    assert!(
        o.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        o.status.code(),
        stdout(o),
        stderr(o)
    );
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(o)))
}

/// Failed with `code` and one line on stderr containing every `needle`.
pub fn fails(o: &Output, code: i32, needles: &[&str]) -> String {
    let err = stderr(o);
    assert_eq!(
        o.status.code(),
        Some(code),
        "stdout: {}\nstderr: {err}",
        stdout(o)
    );
    assert_eq!(err.lines().count(), 1, "one line expected: {err}");
    assert!(err.starts_with("imagen: error: "), "{err}");
    for n in needles {
        assert!(err.contains(n), "{n:?} not in {err}");
    }
    err
}

pub fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}
