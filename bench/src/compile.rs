//! Compile time of the generated bindings: one crate per tool and size in a
//! scratch cargo workspace (`target/bench-crates/`), dependencies prebuilt
//! once, then `cargo check` / `cargo build` of the bindings crate alone,
//! alternating between the tools.
//!
//! - `ours-N`: `include!` of our formatted source, depending on
//!   `imagen-runtime` by path;
//! - `prog-N`: `include!` of progenitor's formatted source, depending on
//!   `progenitor-client` and what its README lists (`futures`, `reqwest`
//!   with `json`/`query`/`stream`, `serde`, `serde_json`);
//! - `macro-N`: `imagen_runtime::generate!("api.yaml")` on the same
//!   description (the proc-macro path: generation happens inside rustc).
//!
//! Every timed run first touches the crate's source (the generated file, or
//! `api.yaml` for the macro crate) and runs with `CARGO_INCREMENTAL=0`, so
//! each run is a full compile of that crate and nothing else. The edit
//! benchmark is different on purpose: it changes one line of `api.yaml`
//! and rebuilds with cargo's default (incremental) dev profile, which is
//! what a user editing a description sees.
//!
//! Wall time and CPU time (user + system of cargo and rustc, from
//! `getrusage(RUSAGE_CHILDREN)`) are both recorded: on a shared machine CPU
//! time is the steadier of the two.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use crate::stats::{children_cpu, median};

/// Wall and CPU time of one cargo command, and the peak resident memory
/// of the largest process it ran (rustc compiling the crate, for the timed
/// commands: cargo itself stays far smaller).
#[derive(Debug, Clone, Copy, Default)]
pub struct Sample {
    pub wall: Duration,
    pub cpu: Duration,
    /// `ru_maxrss` of the command (cargo and every process it waited
    /// for), KiB.
    pub max_rss_kib: u64,
}

/// Samples of one (tool, size, command).
#[derive(Debug, Clone, Default)]
pub struct Samples(pub Vec<Sample>);

impl Samples {
    pub fn wall(&self) -> Duration {
        median(&self.0.iter().map(|s| s.wall).collect::<Vec<_>>())
    }
    pub fn cpu(&self) -> Duration {
        median(&self.0.iter().map(|s| s.cpu).collect::<Vec<_>>())
    }
    /// Median peak resident memory, MiB.
    pub fn max_rss_mib(&self) -> f64 {
        let mut v: Vec<u64> = self.0.iter().map(|s| s.max_rss_kib).collect();
        v.sort_unstable();
        v.get(v.len() / 2).map_or(0.0, |&k| k as f64 / 1024.0)
    }
}

/// Results for one size.
#[derive(Debug, Clone, Default)]
pub struct SizeResult {
    pub n: usize,
    pub ours_check: Samples,
    pub prog_check: Samples,
    pub ours_build: Samples,
    pub prog_build: Samples,
    /// `cargo build` of the `generate!` crate (full, non-incremental).
    pub macro_build: Samples,
    /// Incremental `cargo build` of the `generate!` crate after a one-line
    /// edit of its description.
    pub macro_edit: Samples,
    /// `cargo build` of the `progenitor::generate_api!` crate (full).
    pub pmacro_build: Samples,
    /// Incremental `cargo build` of the `generate_api!` crate after a
    /// one-line edit of its OpenAPI document.
    pub pmacro_edit: Samples,
    pub ours_lines: usize,
    pub prog_lines: usize,
}

/// The scratch workspace.
pub struct Workspace {
    pub dir: PathBuf,
    pub target: PathBuf,
}

fn write_if_changed(path: &Path, contents: &str) -> io::Result<()> {
    if fs::read_to_string(path).is_ok_and(|old| old == contents) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::write(path, contents)
}

fn touch(path: &Path) -> io::Result<()> {
    fs::File::options()
        .write(true)
        .open(path)?
        .set_modified(SystemTime::now())
}

impl Workspace {
    /// Writes the workspace for `sizes`: generated sources (ours and
    /// progenitor's, formatted), the macro crate's description, manifests,
    /// and a `Cargo.lock` seeded from the repository's so that shared
    /// dependencies resolve to the versions the project uses.
    pub fn create(root: &Path, sizes: &[usize]) -> io::Result<(Workspace, Vec<(usize, usize)>)> {
        let dir = root.join("target/bench-crates");
        let runtime = root.join("imagen-runtime");
        let mut members = Vec::new();
        let mut lines = Vec::new();
        for &n in sizes {
            let yaml = crate::synth::yaml(n);
            let json = crate::synth::openapi(n);
            let ours = crate::gen_time::run_ours(&yaml, &mut Default::default())
                .map_err(io::Error::other)?;
            let prog = crate::gen_time::run_progenitor(&json, &mut Default::default());
            lines.push((ours.lines().count(), prog.lines().count()));

            let ours_dir = dir.join(format!("ours-{n}"));
            write_if_changed(
                &ours_dir.join("Cargo.toml"),
                &format!(
                    "[package]\nname = \"ours-{n}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
                     [dependencies]\nimagen-runtime = {{ path = {runtime:?} }}\n"
                ),
            )?;
            write_if_changed(
                &ours_dir.join("src/lib.rs"),
                "//! Bindings generated by imagen-codegen (bench).\n#![allow(dead_code, unused)]\ninclude!(\"generated.rs\");\n",
            )?;
            write_if_changed(&ours_dir.join("src/generated.rs"), &ours)?;

            let prog_dir = dir.join(format!("prog-{n}"));
            write_if_changed(
                &prog_dir.join("Cargo.toml"),
                &format!(
                    "[package]\nname = \"prog-{n}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
                     [dependencies]\nprogenitor-client = \"0.15\"\nfutures = \"0.3\"\n\
                     reqwest = {{ version = \"0.13\", default-features = false, features = [\"json\", \"query\", \"stream\"] }}\n\
                     serde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n"
                ),
            )?;
            write_if_changed(
                &prog_dir.join("src/lib.rs"),
                "//! Bindings generated by progenitor (bench).\n#![allow(dead_code, unused)]\ninclude!(\"generated.rs\");\n",
            )?;
            write_if_changed(&prog_dir.join("src/generated.rs"), &prog)?;

            let macro_dir = dir.join(format!("macro-{n}"));
            write_if_changed(
                &macro_dir.join("Cargo.toml"),
                &format!(
                    "[package]\nname = \"macro-{n}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
                     [dependencies]\nimagen-runtime = {{ path = {runtime:?} }}\n"
                ),
            )?;
            write_if_changed(
                &macro_dir.join("src/lib.rs"),
                "//! Bindings generated by `generate!` (bench).\n#![allow(dead_code, unused)]\nimagen_runtime::generate!(\"api.yaml\");\n",
            )?;
            write_if_changed(&macro_dir.join("api.yaml"), &yaml)?;

            let pmacro_dir = dir.join(format!("pmacro-{n}"));
            write_if_changed(
                &pmacro_dir.join("Cargo.toml"),
                &format!(
                    "[package]\nname = \"pmacro-{n}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
                     [dependencies]\nprogenitor = \"0.15\"\nprogenitor-client = \"0.15\"\nfutures = \"0.3\"\n\
                     reqwest = {{ version = \"0.13\", default-features = false, features = [\"json\", \"query\", \"stream\"] }}\n\
                     serde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n"
                ),
            )?;
            write_if_changed(
                &pmacro_dir.join("src/lib.rs"),
                "//! Bindings generated by `progenitor::generate_api!` (bench).\n#![allow(dead_code, unused)]\nprogenitor::generate_api!(\"api.json\");\n",
            )?;
            write_if_changed(&pmacro_dir.join("api.json"), &json)?;

            members.extend([
                format!("\"ours-{n}\""),
                format!("\"prog-{n}\""),
                format!("\"macro-{n}\""),
                format!("\"pmacro-{n}\""),
            ]);
        }
        write_if_changed(
            &dir.join("Cargo.toml"),
            &format!(
                "# Written by the bench harness (bench/src/compile.rs); not part of the project.\n\
                 [workspace]\nmembers = [{}]\nresolver = \"3\"\n",
                members.join(", ")
            ),
        )?;
        let lock = dir.join("Cargo.lock");
        if !lock.exists() {
            fs::copy(root.join("Cargo.lock"), &lock)?;
        }
        let target = dir.join("target");
        Ok((Workspace { dir, target }, lines))
    }

    fn cargo(&self, args: &[&str], incremental: bool) -> io::Result<Sample> {
        // Through this binary in `MEASURE_CHILD` mode: see `measure_child`.
        let mut cmd = Command::new(std::env::current_exe()?);
        cmd.arg(MEASURE_CHILD)
            .arg(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
            .args(args)
            .current_dir(&self.dir)
            .env("CARGO_TARGET_DIR", &self.target)
            .env("CARGO_TERM_COLOR", "never")
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        if !incremental {
            cmd.env("CARGO_INCREMENTAL", "0");
        } else {
            cmd.env_remove("CARGO_INCREMENTAL");
        }
        let cpu0 = children_cpu();
        let t = Instant::now();
        let (success, mut stderr, _) = run_measured(cmd)?;
        let max_rss_kib = take_rss_line(&mut stderr);
        let wall = t.elapsed();
        let cpu = children_cpu().saturating_sub(cpu0);
        if !success {
            let err = String::from_utf8_lossy(&stderr);
            let tail: Vec<&str> = err.lines().rev().take(40).collect();
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            return Err(io::Error::other(format!(
                "`cargo {}` failed in {}:\n{}",
                args.join(" "),
                self.dir.display(),
                tail.join("\n")
            )));
        }
        Ok(Sample {
            wall,
            cpu,
            max_rss_kib,
        })
    }

    /// Checks and builds every crate once, untimed, each on its own
    /// (`-p`), exactly as the timed runs will: cargo unifies features only
    /// among the selected packages, so a workspace-wide build would leave
    /// dependencies that `-p ours-N` still has to rebuild with other features.
    pub fn prebuild(&self, sizes: &[usize], progress: &mut dyn FnMut(&str)) -> io::Result<()> {
        // Resolve (and download `progenitor-client`, `futures`) once.
        if self.cargo(&["fetch"], false).is_err() {
            self.cargo(&["generate-lockfile"], false)?;
            self.cargo(&["fetch"], false)?;
        }
        for &n in sizes {
            for krate in [
                format!("ours-{n}"),
                format!("prog-{n}"),
                format!("macro-{n}"),
                format!("pmacro-{n}"),
            ] {
                for command in ["check", "build"] {
                    let s = self.cargo(&[command, "--offline", "-p", &krate], false)?;
                    progress(&format!(
                        "  prebuild: cargo {command} -p {krate}: {:.1} s",
                        s.wall.as_secs_f64()
                    ));
                }
            }
        }
        Ok(())
    }

    fn timed(&self, krate: &str, command: &str, touch_file: &str) -> io::Result<Sample> {
        touch(&self.dir.join(krate).join(touch_file))?;
        self.cargo(&[command, "--offline", "-p", krate], false)
    }

    /// Measures one size: `iterations` rounds of check and build for both
    /// tools (the order alternates each round), the `generate!` crate's
    /// build, then the one-line-edit rebuild of the `generate!` crate.
    pub fn measure(
        &self,
        n: usize,
        iterations: usize,
        progress: &mut dyn FnMut(&str),
    ) -> io::Result<SizeResult> {
        let ours = format!("ours-{n}");
        let prog = format!("prog-{n}");
        let mac = format!("macro-{n}");
        let pmac = format!("pmacro-{n}");
        let mut r = SizeResult {
            n,
            ..Default::default()
        };
        for i in 0..iterations {
            let order: [(&str, bool); 2] = if i % 2 == 0 {
                [(&ours, true), (&prog, false)]
            } else {
                [(&prog, false), (&ours, true)]
            };
            for command in ["check", "build"] {
                for (krate, is_ours) in order {
                    let s = self.timed(krate, command, "src/generated.rs")?;
                    progress(&format!(
                        "  N={n} round {}: cargo {command} -p {krate}: {:.2} s wall, {:.2} s CPU",
                        i + 1,
                        s.wall.as_secs_f64(),
                        s.cpu.as_secs_f64()
                    ));
                    match (command, is_ours) {
                        ("check", true) => r.ours_check.0.push(s),
                        ("check", false) => r.prog_check.0.push(s),
                        (_, true) => r.ours_build.0.push(s),
                        (_, false) => r.prog_build.0.push(s),
                    }
                }
            }
            let macros: [(&str, &str, bool); 2] = if i % 2 == 0 {
                [(&mac, "api.yaml", true), (&pmac, "api.json", false)]
            } else {
                [(&pmac, "api.json", false), (&mac, "api.yaml", true)]
            };
            for (krate, file, is_ours) in macros {
                let s = self.timed(krate, "build", file)?;
                progress(&format!(
                    "  N={n} round {}: cargo build -p {krate}: {:.2} s wall, {:.2} s CPU",
                    i + 1,
                    s.wall.as_secs_f64(),
                    s.cpu.as_secs_f64()
                ));
                if is_ours {
                    r.macro_build.0.push(s);
                } else {
                    r.pmacro_build.0.push(s);
                }
            }
        }
        // One-line edit with the default (incremental) dev profile,
        // alternating the two macro crates. The first, untimed build of
        // each fills its incremental cache.
        let yaml_path = self.dir.join(&mac).join("api.yaml");
        let json_path = self.dir.join(&pmac).join("api.json");
        let yaml = fs::read_to_string(&yaml_path)?;
        let json = fs::read_to_string(&json_path)?;
        self.cargo(&["build", "--offline", "-p", &mac], true)?;
        self.cargo(&["build", "--offline", "-p", &pmac], true)?;
        for i in 0..iterations {
            let sides: [bool; 2] = if i % 2 == 0 {
                [true, false]
            } else {
                [false, true]
            };
            for ours in sides {
                let (krate, path, edited) = if ours {
                    (&mac, &yaml_path, edit_one_line(&yaml, i + 1))
                } else {
                    (&pmac, &json_path, edit_one_json_line(&json, i + 1))
                };
                fs::write(path, &edited)?;
                let s = self.cargo(&["build", "--offline", "-p", krate], true)?;
                progress(&format!(
                    "  N={n} edit {}: cargo build -p {krate} (incremental): {:.2} s wall, {:.2} s CPU",
                    i + 1,
                    s.wall.as_secs_f64(),
                    s.cpu.as_secs_f64()
                ));
                if ours {
                    r.macro_edit.0.push(s);
                } else {
                    r.pmacro_edit.0.push(s);
                }
            }
        }
        fs::write(&yaml_path, &yaml)?;
        fs::write(&json_path, &json)?;
        Ok(r)
    }
}

/// Runs `cmd` (stdout discarded, stderr captured) and returns whether it
/// succeeded, its stderr, and its peak resident memory in KiB: `wait4`
/// reports the `ru_maxrss` of the child and of every process it waited for,
/// i.e. the largest of cargo and the rustc it ran.
fn run_measured(mut cmd: Command) -> io::Result<(bool, Vec<u8>, u64)> {
    use std::io::Read as _;
    let mut child = cmd.stdout(Stdio::null()).stderr(Stdio::piped()).spawn()?;
    let mut pipe = child.stderr.take();
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(p) = pipe.as_mut() {
            let _ = p.read_to_end(&mut buf);
        }
        buf
    });
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: `wait4` writes only into `status` and `usage`; the child is
    // ours and not waited for elsewhere (`Child` never waits on drop).
    let (rc, usage) = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        let rc = loop {
            let rc = libc::wait4(pid, &mut status, 0, &mut usage);
            if rc == -1 && io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
                continue;
            }
            break rc;
        };
        (rc, usage)
    };
    if rc == -1 {
        return Err(io::Error::last_os_error());
    }
    let stderr = reader.join().unwrap_or_default();
    let success = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    Ok((success, stderr, usage.ru_maxrss.max(0) as u64))
}

/// The first argument that makes the bench binary run the rest of its
/// arguments as a command and report that command's peak memory.
pub const MEASURE_CHILD: &str = "--measure-child";

const RSS_LINE: &str = "bench-max-rss-kib: ";

/// `bench --measure-child PROGRAM ARGS…`: runs the command, copies its
/// stderr, then prints `bench-max-rss-kib: N` and exits with success or
/// failure as the command did.
///
/// Why a process in between: Linux records, at `exec`, the memory
/// high-water mark of the address space the new program replaces, so a
/// child forked from the (large) harness reports at least the harness's own
/// resident size as its `ru_maxrss`. This process is small when it forks
/// cargo, so the figure `wait4` gives it is cargo's and rustc's own.
pub fn measure_child(mut args: impl Iterator<Item = String>) -> std::process::ExitCode {
    use std::io::Write as _;
    let Some(program) = args.next() else {
        eprintln!("{MEASURE_CHILD} needs a program");
        return std::process::ExitCode::from(2);
    };
    let mut cmd = Command::new(program);
    cmd.args(args);
    match run_measured(cmd) {
        Ok((ok, stderr, kib)) => {
            let mut err = io::stderr().lock();
            let _ = err.write_all(&stderr);
            let _ = writeln!(err, "\n{RSS_LINE}{kib}");
            if ok {
                std::process::ExitCode::SUCCESS
            } else {
                std::process::ExitCode::FAILURE
            }
        }
        Err(e) => {
            eprintln!("cannot run the command: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Removes the last line `bench-max-rss-kib: N` from a captured stderr and
/// returns N (0 when it is missing).
fn take_rss_line(stderr: &mut Vec<u8>) -> u64 {
    let text = String::from_utf8_lossy(stderr).into_owned();
    let Some(at) = text.rfind(RSS_LINE) else {
        return 0;
    };
    let kib = text[at + RSS_LINE.len()..].trim().parse().unwrap_or(0);
    stderr.truncate(at);
    kib
}

/// [`edit_one_line`] for the OpenAPI rendering: appends to the description
/// of the middle operation (a one-line edit that changes the generated
/// method's doc comment).
pub fn edit_one_json_line(json: &str, k: usize) -> String {
    let docs: Vec<usize> = json
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with("\"description\": \"Operation"))
        .map(|(i, _)| i)
        .collect();
    let target = docs.get(docs.len() / 2).copied().unwrap_or(usize::MAX);
    let mut out = String::with_capacity(json.len() + 16);
    for (i, line) in json.lines().enumerate() {
        if i == target {
            out.push_str(&line.replacen("endpoint.\"", &format!("endpoint. Edited {k}.\""), 1));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// Changes the documentation line of the middle endpoint (a one-line edit
/// that changes the generated code: the method's doc comment).
pub fn edit_one_line(yaml: &str, k: usize) -> String {
    let docs: Vec<usize> = yaml
        .lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with("        doc: Operation"))
        .map(|(i, _)| i)
        .collect();
    let target = docs.get(docs.len() / 2).copied().unwrap_or(usize::MAX);
    let mut out = String::with_capacity(yaml.len() + 16);
    for (i, line) in yaml.lines().enumerate() {
        out.push_str(line);
        if i == target {
            out.push_str(&format!(" Edited {k}."));
        }
        out.push('\n');
    }
    out
}

/// The peak-memory table: the largest process of each timed command (rustc
/// compiling the bindings), medians; and its target line at N = 1000
/// (reported, no threshold).
pub fn write_memory(
    report: &mut String,
    results: &[SizeResult],
    targets: &mut Vec<(String, String, Option<bool>)>,
) {
    use std::fmt::Write as _;
    let _ = writeln!(
        report,
        "Peak resident memory of the compiling rustc (`ru_maxrss` from `wait4` of each timed cargo command), medians:\n\n\
         | N | command | ours MiB | prog. MiB | **ratio** |\n|---:|---|---:|---:|---:|"
    );
    for r in results {
        for (cmd, o, p) in [
            ("cargo check", &r.ours_check, &r.prog_check),
            ("cargo build", &r.ours_build, &r.prog_build),
            ("cargo build, macro crates", &r.macro_build, &r.pmacro_build),
        ] {
            let (a, b) = (o.max_rss_mib(), p.max_rss_mib());
            let _ = writeln!(
                report,
                "| {} | {cmd} | {a:.0} | {b:.0} | **{:.2}** |",
                r.n,
                a / b
            );
        }
    }
    report.push('\n');
    if let Some(r) = results.iter().find(|r| r.n == 1000) {
        let (a, b) = (r.ours_build.max_rss_mib(), r.prog_build.max_rss_mib());
        targets.push((
            "peak rustc memory, `cargo build` of the bindings at N = 1000 (measured, no target)"
                .into(),
            format!("{a:.0} MiB vs {b:.0} MiB: {:.2}×", a / b),
            None,
        ));
    }
}

/// The compile part's figures for the CSV and the chart (wall and CPU
/// medians in seconds; peak memory in MiB as `wall`).
pub fn figures(results: &[SizeResult]) -> Vec<crate::publish::Figure> {
    let mut out = Vec::new();
    for r in results {
        for (measure, tool, s) in [
            ("cargo check", "ours", &r.ours_check),
            ("cargo check", "progenitor", &r.prog_check),
            ("cargo build", "ours", &r.ours_build),
            ("cargo build", "progenitor", &r.prog_build),
            ("cargo build macro", "ours", &r.macro_build),
            ("cargo build macro", "progenitor", &r.pmacro_build),
            ("edit rebuild macro", "ours", &r.macro_edit),
            ("edit rebuild macro", "progenitor", &r.pmacro_edit),
        ] {
            if s.0.is_empty() {
                continue;
            }
            out.push(crate::publish::Figure {
                measure: measure.into(),
                tool: tool.into(),
                n: r.n,
                wall: s.wall().as_secs_f64(),
                cpu: Some(s.cpu().as_secs_f64()),
            });
            if measure == "cargo build" {
                out.push(crate::publish::Figure {
                    measure: "peak rustc MiB, cargo build".into(),
                    tool: tool.into(),
                    n: r.n,
                    wall: s.max_rss_mib(),
                    cpu: None,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_edit_stays_valid() {
        let y = crate::synth::yaml(30);
        let e = edit_one_line(&y, 3);
        let changed = y.lines().zip(e.lines()).filter(|(a, b)| a != b).count();
        assert_eq!(changed, 1);
        assert!(e.contains("Edited 3."));
        imagen_codegen::parse(&e, "edited.yaml").unwrap_or_else(|d| panic!("{d}"));
    }

    #[test]
    fn one_line_json_edit_stays_valid() {
        let j = crate::synth::openapi(30);
        let e = edit_one_json_line(&j, 4);
        let changed = j.lines().zip(e.lines()).filter(|(a, b)| a != b).count();
        assert_eq!(changed, 1);
        assert!(e.contains("endpoint. Edited 4.\""));
        let spec: openapiv3::OpenAPI = serde_json::from_str(&e).unwrap();
        assert_eq!(spec.paths.paths.len(), 30);
    }

    #[test]
    fn rss_line_is_taken_off_stderr() {
        let mut err = b"warning: x\n\nbench-max-rss-kib: 1234\n".to_vec();
        assert_eq!(take_rss_line(&mut err), 1234);
        assert_eq!(err, b"warning: x\n\n");
        assert_eq!(take_rss_line(&mut b"no line".to_vec()), 0);
    }

    #[test]
    fn peak_memory_of_a_child_is_measured() {
        // `sh` itself is small; `head -c` of 64 MiB into a shell variable is not.
        let mut cmd = Command::new("sh");
        cmd.args(["-c", "x=$(head -c 67108864 /dev/zero | tr '\\0' a); exit 3"]);
        let (ok, _, kib) = run_measured(cmd).unwrap();
        assert!(!ok, "exit status 3 is a failure");
        assert!(kib > 64 * 1024, "peak RSS {kib} KiB of a 64 MiB string");
    }
}
