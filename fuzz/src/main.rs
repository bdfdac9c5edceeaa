//! `imagen-fuzz`: a mutation-based fuzz harness on stable Rust.
//!
//! ```text
//! imagen-fuzz <target>|all --seconds N [--seed S] [--corpus DIR] [--out DIR]
//!             [--timeout SECS] [--max-len BYTES] [--max-rss-mb MB] [--known FILE]
//!             [--jobs N]
//! imagen-fuzz <target> --replay FILE...
//! imagen-fuzz list
//! ```
//!
//! Inputs run in a child process (the same binary with the hidden
//! `--worker TARGET` mode) so that aborts, stack overflows and hangs are
//! caught as well as panics. See `fuzz/README.md`.

mod driver;
mod http;
mod mutate;
mod targets;
mod worker;

use std::path::PathBuf;
use std::time::Duration;

const USAGE: &str = "usage:
  imagen-fuzz <target>|all --seconds N [--seed S] [--corpus DIR] [--out DIR]
              [--timeout SECS] [--max-len BYTES] [--max-rss-mb MB] [--known FILE|none]
              [--jobs N]
  imagen-fuzz <target> --replay FILE...
  imagen-fuzz list

--seconds N   time budget per target (default 10)
--seed S      seed of the mutator (default: from the clock; printed)
--corpus DIR  extra seeds read from DIR (with `all`: DIR/<target>); inputs
              that reach new behaviour are written there
--out DIR     reproducers go to DIR/<target>/ (default target/fuzz-crashes)
--timeout S   an input running longer is a crash, \"timeout\" (default 10)
--jobs N      worker processes in parallel, sharing the corpus (default 1)
--known FILE  findings reported already, which don't fail the run
              (default fuzz/known.txt; `none`: every finding fails)
Exit status: 0 when nothing new crashed, 1 when something did, 2 usage, 3 harness error.";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    std::process::exit(match real_main(&args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("imagen-fuzz: {e}");
            if e.starts_with("usage") || e.contains("--") {
                eprintln!("{USAGE}");
                2
            } else {
                3
            }
        }
    });
}

fn value<'a>(args: &'a [String], i: &mut usize, flag: &str) -> Result<&'a str, String> {
    *i += 1;
    args.get(*i)
        .map(String::as_str)
        .ok_or_else(|| format!("{flag} needs a value"))
}

fn real_main(args: &[String]) -> Result<i32, String> {
    if args.first().map(String::as_str) == Some("--worker") {
        let target = args.get(1).ok_or("--worker needs a target")?;
        let mut timeout_ms = 10_000;
        let mut quiet = false;
        let mut i = 2;
        while i < args.len() {
            match args[i].as_str() {
                "--timeout-ms" => {
                    timeout_ms = value(args, &mut i, "--timeout-ms")?
                        .parse()
                        .map_err(|_| "--timeout-ms needs a number")?
                }
                "--quiet" => quiet = true,
                other => return Err(format!("unknown worker option {other}")),
            }
            i += 1;
        }
        return Ok(worker::run(target, targets::Options { timeout_ms }, quiet));
    }
    let Some(what) = args.first() else {
        println!("{USAGE}");
        return Ok(2);
    };
    if what == "list" || what == "--help" || what == "-h" {
        println!("{USAGE}\n\ntargets:");
        for t in targets::ALL {
            println!("  {:<12} {}", t.name, t.about);
        }
        return Ok(0);
    }
    let root = targets::repo_root();
    let mut cfg = driver::Config {
        seconds: 10.0,
        seed: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(1),
        corpus: None,
        out: PathBuf::from("target/fuzz-crashes"),
        timeout: Duration::from_secs(10),
        max_len: None,
        max_rss_mb: 4096,
        known: Some(root.join("fuzz/known.txt")),
        jobs: 1,
    };
    let mut replay: Vec<PathBuf> = Vec::new();
    let mut i = 1;
    while i < args.len() {
        let a = args[i].as_str();
        match a {
            "--seconds" => {
                cfg.seconds = value(args, &mut i, a)?
                    .parse()
                    .map_err(|_| "--seconds needs a number")?
            }
            "--seed" => {
                cfg.seed = value(args, &mut i, a)?
                    .parse()
                    .map_err(|_| "--seed needs a number")?
            }
            "--corpus" => cfg.corpus = Some(value(args, &mut i, a)?.into()),
            "--out" => cfg.out = value(args, &mut i, a)?.into(),
            "--timeout" => {
                let s: f64 = value(args, &mut i, a)?
                    .parse()
                    .map_err(|_| "--timeout needs a number of seconds")?;
                cfg.timeout = Duration::from_secs_f64(s.max(0.001));
            }
            "--max-len" => {
                cfg.max_len = Some(
                    value(args, &mut i, a)?
                        .parse()
                        .map_err(|_| "--max-len needs a number")?,
                )
            }
            "--max-rss-mb" => {
                cfg.max_rss_mb = value(args, &mut i, a)?
                    .parse()
                    .map_err(|_| "--max-rss-mb needs a number")?
            }
            "--jobs" => {
                cfg.jobs = value(args, &mut i, a)?
                    .parse()
                    .map_err(|_| "--jobs needs a number")?
            }
            "--known" => {
                let v = value(args, &mut i, a)?;
                cfg.known = (v != "none").then(|| v.into());
            }
            "--replay" => {
                i += 1;
                while i < args.len() && !args[i].starts_with("--") {
                    replay.push(args[i].clone().into());
                    i += 1;
                }
                if replay.is_empty() {
                    return Err("--replay needs at least one file".into());
                }
                continue;
            }
            other => return Err(format!("unknown option {other}")),
        }
        i += 1;
    }
    let chosen: Vec<&'static targets::Info> = if what == "all" {
        targets::ALL.iter().collect()
    } else {
        vec![targets::by_name(what).ok_or_else(|| {
            format!(
                "usage: unknown target {what} (known: all, {})",
                targets::ALL
                    .iter()
                    .map(|t| t.name)
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })?]
    };
    if !replay.is_empty() {
        if chosen.len() != 1 {
            return Err("usage: --replay needs one target".into());
        }
        return Ok(if driver::replay(chosen[0], &replay, &cfg)? {
            1
        } else {
            0
        });
    }
    let mut reports = Vec::new();
    for info in &chosen {
        let mut c = cfg.clone();
        if what == "all"
            && let Some(dir) = &cfg.corpus
        {
            c.corpus = Some(dir.join(info.name));
        }
        let report = driver::fuzz(info, &c)?;
        report.print();
        reports.push(report);
    }
    let new: usize = reports.iter().map(driver::Report::new_findings).sum();
    println!("== summary (seed {})", cfg.seed);
    for r in &reports {
        println!(
            "{:<12} {:>10} executions {:>8.0}/s  crashes: {} new, {} known",
            r.target,
            r.execs,
            r.execs as f64 / r.secs.max(1e-9),
            r.new_findings(),
            r.found.len() - r.new_findings()
        );
    }
    if new > 0 {
        println!("{new} new crash(es): see the reproducers above");
        Ok(1)
    } else {
        Ok(0)
    }
}
