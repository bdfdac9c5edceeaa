//! Output formats, credentials, the run-time scope check, exit codes and bad
//! input: the real binary against an emulator in the test process.

mod common;

use common::*;

#[test]
fn piped_output_is_json_and_table_is_readable() {
    let env = Env::new();
    let q = "WHERE Title = 'Zoë at the harbour'";
    // Not a terminal: JSON.
    let v = json(&run(env.user(), &["records", "search", q]));
    assert_eq!(v["TotalHits"], 1);
    // A table on request: key/value lines, then the records as columns.
    let o = run(env.user(), &["records", "search", q, "--output", "table"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let t = stdout(&o);
    assert!(
        serde_json::from_str::<serde_json::Value>(&t).is_err(),
        "{t}"
    );
    let lines: Vec<&str> = t.lines().collect();
    assert!(lines[0].starts_with("SearchID "), "{t}");
    assert!(lines.iter().any(|l| l.starts_with("TotalHits  1")), "{t}");
    assert!(lines.contains(&"ImagenRecord (1):"), "{t}");
    assert!(
        lines.iter().any(|l| l.starts_with("ID  CanEdit  Fields")),
        "{t}"
    );
    // A list answer is columns from its first level of fields.
    let o = run(env.user(), &["workflows", "list", "-o", "table"]);
    let t = stdout(&o);
    let header = t.lines().next().unwrap();
    for col in ["ID", "Name", "UsageType", "MediaTypes"] {
        assert!(header.contains(col), "{header}");
    }
    assert!(t.contains("Ingest video"), "{t}");
    // YAML.
    let o = run(env.user(), &["user", "current", "-o", "yaml"]);
    let y = stdout(&o);
    assert!(y.contains("Username: zoe"), "{y}");
    // Raw: the XML as the server sent it.
    let o = run(env.user(), &["user", "current", "-o", "raw"]);
    assert!(stdout(&o).starts_with("<?xml"), "{}", stdout(&o));
}

#[test]
fn quiet_and_terminal_progress_do_not_touch_stdout() {
    let env = Env::new();
    let o = run(
        env.user(),
        &["history", "list", "--limit", "3", "--all", "--quiet"],
    );
    assert!(o.status.success());
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    assert!(json(&o).is_array());
}

#[test]
fn credentials_from_flags_and_files() {
    let env = Env::new();
    let mut hosts = env.bare();
    hosts
        .env("IMAGEN_MCC_URL", env.emu.mcc_url())
        .env("IMAGEN_WEB_URL", env.emu.web_url());
    // --api-key + --api-secret-file.
    let secret = env.file("secret.txt", format!("{}\n", env.secret).as_bytes());
    let v = json(&run(
        hosts,
        &[
            "application",
            "get",
            "--api-key",
            &env.key,
            "--api-secret-file",
            secret.to_str().unwrap(),
        ],
    ));
    assert_eq!(v["Name"], "CLI test");
    // --api-secret works, with a warning that never shows the secret.
    let mut hosts = env.bare();
    hosts.env("IMAGEN_MCC_URL", env.emu.mcc_url());
    let o = run(
        hosts,
        &[
            "application",
            "get",
            "--api-key",
            &env.key,
            "--api-secret",
            &env.secret,
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("warning") && err.contains("shell history"),
        "{err}"
    );
    assert!(!err.contains(&env.secret) && !stdout(&o).contains(&env.secret));
    // --credentials: the application file with its host URLs.
    let app = env.file(
        "app.json",
        serde_json::json!({"Application": {"APIKey": env.key, "SecretAccessKey": env.secret,
            "MCCURL": env.emu.mcc_url(), "WebURL": env.emu.web_url()}})
        .to_string()
        .as_bytes(),
    );
    let v = json(&run(
        env.bare(),
        &["--credentials", app.to_str().unwrap(), "application", "get"],
    ));
    assert_eq!(v["Name"], "CLI test");
    // A wrong secret: rejected, exit 3, the secret not shown.
    let mut c = env.bare();
    c.env("IMAGEN_API_KEY", &env.key)
        .env("IMAGEN_API_SECRET", "not-the-secret-4711")
        .env("IMAGEN_MCC_URL", env.emu.mcc_url());
    let err = fails(&run(c, &["application", "get"]), 3, &["signature"]);
    assert!(!err.contains("not-the-secret-4711"), "{err}");
}

#[test]
fn no_credentials_and_no_login() {
    let env = Env::new();
    fails(
        &run(env.bare(), &["application", "get"]),
        3,
        &["no credentials", "IMAGEN_API_KEY", "--emulator"],
    );
    fails(
        &run(env.app(), &["user", "current"]),
        3,
        &["acts for a user", "imagen login"],
    );
    // --api-key without a secret (no variable either).
    fails(
        &run(env.bare(), &["--api-key", "k", "application", "get"]),
        3,
        &["--api-secret-file"],
    );
    let missing = env.dir.path().join("no-such-secret");
    fails(
        &run(
            env.app(),
            &[
                "--api-key",
                "k",
                "--api-secret-file",
                missing.to_str().unwrap(),
                "application",
                "get",
            ],
        ),
        3,
        &["no-such-secret"],
    );
}

#[test]
fn missing_scope_is_refused_before_the_call() {
    // The application holds the defaults only, not createJobs.
    let env = Env::with_scopes(&["readUsersData", "modifyUsersData"]);
    let err = fails(
        &run(env.user(), &["workflows", "list"]),
        4,
        &[
            "endpoint `workflows.list` needs the `createJobs` scope",
            "ask an Imagen administrator to grant `createJobs` to the application in MediaControlCentre",
        ],
    );
    assert!(
        !err.contains("HTTP 403"),
        "refused by the CLI, not the server: {err}"
    );
    // Implications count: modifyUsersData grants readUsersData.
    let env = Env::with_scopes(&["modifyUsersData"]);
    let v = json(&run(env.user(), &["user", "current"]));
    assert_eq!(v["Username"], "zoe");
    // The answer is cached in the configuration directory...
    let cache = env.dir.path().join("scope-cache.json");
    assert!(cache.exists());
    assert_eq!(mode(&cache), 0o600);
    // ...and a refusal from the cache is checked again with the server:
    // an administrator grants the scope, the next call goes through.
    let env = Env::with_scopes(&["readUsersData"]);
    fails(&run(env.user(), &["workflows", "list"]), 4, &["createJobs"]);
    env.emu.grant_scope(&env.key, "createJobs").unwrap();
    let mut c = env.app();
    let token = env
        .emu
        .issue_token_for(&env.key, "zoe", &["readUsersData", "createJobs"])
        .unwrap()
        .access_token;
    c.env("IMAGEN_ACCESS_TOKEN", token);
    assert!(json(&run(c, &["workflows", "list"])).is_array());
    // A scope revoked after it was cached: the server's 403 is exit 4 too.
    env.emu.revoke_scope(&env.key, "createJobs").unwrap();
    fails(&run(env.user(), &["workflows", "list"]), 4, &["createJobs"]);
}

#[test]
fn bad_command_lines_are_one_line_usage_errors() {
    let env = Env::new();
    fails(
        &run(env.user(), &["records", "search", "x", "--bogus"]),
        2,
        &["--bogus", "imagen records search --help"],
    );
    fails(&run(env.user(), &["records", "nope"]), 2, &["nope"]);
    // A value outside the possible values.
    fails(
        &run(env.user(), &["user", "current", "--output", "xml"]),
        2,
        &["xml", "possible values", "json"],
    );
    fails(
        &run(
            env.user(),
            &["login", "--scopes", "readUsersData,flyToTheMoon"],
        ),
        2,
        &["flyToTheMoon", "possible values"],
    );
    fails(&run(env.user(), &["completions", "tcsh"]), 2, &["tcsh"]);
    // Out of the type's range.
    fails(
        &run(env.user(), &["history", "list", "--limit", "99999999999"]),
        2,
        &["limit", "between"],
    );
    // A required positional parameter missing.
    fails(&run(env.user(), &["records", "get"]), 2, &["recordId"]);
}

#[test]
fn body_files_missing_or_not_utf8() {
    let env = Env::new();
    let missing = env.dir.path().join("missing.xml");
    fails(
        &run(
            env.user(),
            &["import", "records", "--body", missing.to_str().unwrap()],
        ),
        2,
        &["cannot read the body file", "missing.xml"],
    );
    let latin1 = env.file(
        "latin1.xml",
        b"<Records><ImagenRecord ID=\"-1\"><Fields><Title>Zo\xeb</Title></Fields></ImagenRecord></Records>",
    );
    fails(
        &run(
            env.user(),
            &["import", "records", "--body", latin1.to_str().unwrap()],
        ),
        2,
        &["not UTF-8", "offset 48"],
    );
    let o = run_with_stdin(
        env.user(),
        &["jobs", "create", "--body", "-"],
        b"\xff\xfe<x/>",
    );
    fails(&o, 2, &["standard input", "not UTF-8"]);
    fails(&run(env.user(), &["jobs", "create"]), 2, &["--body"]);
    // Malformed XML reaches the server, which refuses it: exit 6.
    let bad = env.file("bad.xml", b"<Records><ImagenRecord");
    fails(
        &run(
            env.user(),
            &["import", "records", "--body", bad.to_str().unwrap()],
        ),
        6,
        &["HTTP 400"],
    );
}

#[test]
fn network_and_server_failures() {
    let env = Env::new();
    // Nothing listens on the port of a dropped listener.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut c = env.bare();
    c.env("IMAGEN_MCC_URL", format!("http://127.0.0.1:{port}"));
    fails(
        &run(c, &["profiles", "list"]),
        7,
        &["could not talk to the server"],
    );
    // 503 past the retries.
    env.emu
        .faults()
        .fail_next(10, imagen_emulator::Failure::Unavailable);
    fails(&run(env.user(), &["user", "current"]), 6, &["503"]);
}

#[test]
fn completions_for_every_shell() {
    let env = Env::new();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let o = run(env.bare(), &["completions", shell]);
        assert!(o.status.success(), "{shell}: {}", stderr(&o));
        let s = stdout(&o);
        assert!(s.contains("imagen"), "{shell}");
        assert!(s.contains("records"), "{shell}: resources complete");
        assert!(s.contains("num-records"), "{shell}: options complete");
    }
}

#[test]
fn help_shows_wire_names_types_scopes_and_exit_codes() {
    let env = Env::new();
    let h = stdout(&run(env.bare(), &["records", "search", "--help"]));
    for needle in [
        "`numRecords` (Rust `num_records`), i32, in the query",
        "--num-records <I32>",
        "Scopes: readUsersData.",
        "Authentication: user context",
        "`GET /imcc/v1/record/search` on host `mcc`",
        "--all",
    ] {
        assert!(h.contains(needle), "{needle:?} not in {h}");
    }
    let h = stdout(&run(env.bare(), &["import", "records", "--help"]));
    assert!(
        h.contains("an XML document <Records> (ImportDocument)"),
        "{h}"
    );
    assert!(
        h.contains("`X-Imagen-Pathprefix` (Rust `path_prefix`), string, in the header"),
        "{h}"
    );
    assert!(h.contains("--wait"), "{h}");
    assert!(h.contains("Not idempotent"), "{h}");
    let h = stdout(&run(env.bare(), &["--help"]));
    assert!(h.contains("Exit codes:") && h.contains("4  scope"), "{h}");
}

#[test]
fn emulator_flag_runs_everything_offline() {
    let env = Env::new();
    let v = json(&run(
        env.bare(),
        &[
            "--emulator",
            "records",
            "search",
            "WHERE Title = 'Zoë at the harbour'",
        ],
    ));
    assert_eq!(v["TotalHits"], 1);
    let v = json(&run(env.bare(), &["--emulator", "workflows", "list"]));
    assert!(v.as_array().unwrap().len() >= 5);
}

/// Standard output on a pseudo-terminal (util-linux `script`): a table by
/// default. Skipped where `script` is missing.
#[test]
fn terminal_output_is_a_table() {
    let have_script = std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !have_script {
        eprintln!("skipped: no `script` to make a pseudo-terminal");
        return;
    }
    let env = Env::new();
    let cmd =
        format!("{BIN} --emulator history list --limit 2 --all; {BIN} --emulator workflows list");
    let o = {
        let mut c = std::process::Command::new("script");
        c.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("IMAGEN_CONFIG_DIR", env.dir.path())
            .env("TERM", "dumb")
            .stdin(std::process::Stdio::null())
            .args(["-qec", &cmd, "/dev/null"]);
        c.output().unwrap()
    };
    let out = String::from_utf8_lossy(&o.stdout).replace('\r', "");
    assert!(o.status.success(), "{out}");
    assert!(
        !out.trim_start().starts_with('['),
        "JSON on a terminal: {out}"
    );
    assert!(out.contains("ID  RecordID"), "{out}");
    assert!(out.contains("Ingest video"), "{out}");
    // On a terminal, --all draws a progress bar on stderr; --quiet does not.
    let pty = |cmd: &str| {
        let o = std::process::Command::new("script")
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("IMAGEN_CONFIG_DIR", env.dir.path())
            .env("TERM", "xterm")
            .stdin(std::process::Stdio::null())
            .args(["-qec", cmd, "/dev/null"])
            .output()
            .unwrap();
        assert!(o.status.success());
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let out = pty(&format!(
        "{BIN} --emulator history list --limit 1 --all -o json"
    ));
    assert!(
        out.contains("items [") && out.contains("\"RecordID\""),
        "{out}"
    );
    let out = pty(&format!(
        "{BIN} --emulator history list --limit 1 --all -o json --quiet"
    ));
    assert!(
        !out.contains("items [") && out.contains("\"RecordID\""),
        "{out}"
    );
}
