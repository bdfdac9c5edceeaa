//! `cargo run -p bench --release [-- OPTIONS]`: runs the benchmark parts,
//! prints one Markdown report and writes it to `target/bench-results.md`.
//! See `bench/README.md`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use bench::compile::{SizeResult, Workspace};
use bench::gen_time::GenTimes;
use bench::overhead::{Call, OverheadResult};
use bench::publish::Figure;
use bench::stats::{fmt_dur, ratio};

const USAGE: &str = "\
usage: cargo run -p bench --release [-- OPTIONS]

Parts (default: all):
  --parts LIST          comma-separated: gen, compile, overhead, storm, xml, throughput
  --quick               N <= 1000, 3 iterations, fewer requests

Sizes and repetitions:
  --sizes LIST          generation sizes (default 12,200,1000,5000)
  --compile-sizes LIST  compile-time sizes (default 200,1000)
  --iterations K        iterations per measurement (default 7 for generation, 5 for compile)
  --requests R          overhead: requests per side, interleaved and per round (default 4096)
  --rounds K            overhead: rounds of the throughput measurement (default 7)
  --storm-k K           concurrent calls in the refresh storm (default 200)
  --xml-batches K       XML decoding: alternating batches per side (default 21)
  --throughput-rounds K throughput: rounds per side of 10,000 requests at 256 tasks (default 5)
  --publish             also copy the report, chart and figures to docs/perf/
                        and rewrite the README's performance section
  -h, --help            this text

Generated files go to target/bench-data/, scratch crates to
target/bench-crates/, the report to target/bench-results.md, the chart to
target/bench-chart.svg and its figures to target/bench-figures.csv.";

struct Args {
    parts: Vec<String>,
    sizes: Vec<usize>,
    compile_sizes: Vec<usize>,
    gen_iterations: usize,
    compile_iterations: usize,
    requests: usize,
    rounds: usize,
    storm_k: usize,
    xml_batches: usize,
    throughput_rounds: usize,
    quick: bool,
    publish: bool,
}

fn list(v: &str) -> Result<Vec<usize>, String> {
    v.split(',')
        .map(|s| s.trim().parse().map_err(|_| format!("not a number: {s:?}")))
        .collect()
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        parts: ["gen", "compile", "overhead", "storm", "xml", "throughput"]
            .map(String::from)
            .to_vec(),
        sizes: vec![12, 200, 1000, 5000],
        compile_sizes: vec![200, 1000],
        gen_iterations: 7,
        compile_iterations: 5,
        requests: 4096,
        rounds: 7,
        storm_k: 200,
        xml_batches: 21,
        throughput_rounds: 5,
        quick: false,
        publish: false,
    };
    let mut iterations = None;
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "-h" | "--help" => return Err(String::new()),
            "--quick" => a.quick = true,
            "--publish" => a.publish = true,
            "--parts" => {
                a.parts = value("--parts")?
                    .split(',')
                    .map(|s| s.trim().to_string())
                    .collect();
                for p in &a.parts {
                    if !["gen", "compile", "overhead", "storm", "xml", "throughput"]
                        .contains(&p.as_str())
                    {
                        return Err(format!("unknown part {p:?}"));
                    }
                }
            }
            "--sizes" => a.sizes = list(&value("--sizes")?)?,
            "--compile-sizes" => a.compile_sizes = list(&value("--compile-sizes")?)?,
            "--iterations" => {
                iterations = Some(
                    value("--iterations")?
                        .parse::<usize>()
                        .map_err(|e| e.to_string())?
                        .max(1),
                )
            }
            "--requests" => {
                a.requests = value("--requests")?.parse().map_err(|_| "bad --requests")?
            }
            "--rounds" => a.rounds = value("--rounds")?.parse().map_err(|_| "bad --rounds")?,
            "--storm-k" => a.storm_k = value("--storm-k")?.parse().map_err(|_| "bad --storm-k")?,
            "--xml-batches" => {
                a.xml_batches = value("--xml-batches")?
                    .parse()
                    .map_err(|_| "bad --xml-batches")?
            }
            "--throughput-rounds" => {
                a.throughput_rounds = value("--throughput-rounds")?
                    .parse()
                    .map_err(|_| "bad --throughput-rounds")?
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    if a.quick {
        a.sizes.retain(|&n| n <= 1000);
        a.compile_sizes.retain(|&n| n <= 1000);
        a.gen_iterations = 3;
        a.compile_iterations = 3;
        a.requests = a.requests.min(1024);
        a.rounds = a.rounds.min(5);
        a.xml_batches = a.xml_batches.min(7);
        a.throughput_rounds = a.throughput_rounds.min(3);
    }
    if let Some(k) = iterations {
        a.gen_iterations = k;
        a.compile_iterations = k;
    }
    Ok(a)
}

fn root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .unwrap_or(manifest)
        .canonicalize()
        .unwrap_or_else(|_| manifest.to_path_buf())
}

fn progress(line: &str) {
    eprintln!("{line}");
}

fn environment() -> String {
    let rustc = std::process::Command::new("rustc")
        .arg("--version")
        .current_dir(root())
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    let load = std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default();
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!("{rustc}; {cpus} CPUs; load average at start {load}")
}

fn main() -> ExitCode {
    if std::env::args().nth(1).as_deref() == Some(bench::compile::MEASURE_CHILD) {
        return bench::compile::measure_child(std::env::args().skip(2));
    }
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("error: {e}\n");
            }
            eprintln!("{USAGE}");
            return if e.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            };
        }
    };
    let root = root();
    let started = Instant::now();
    let mut report = String::new();
    let _ = writeln!(report, "# imagen-rs benchmark results\n");
    let command = {
        let a: Vec<String> = std::env::args().skip(1).collect();
        if a.is_empty() {
            "cargo run -p bench --release".to_owned()
        } else {
            format!("cargo run -p bench --release -- {}", a.join(" "))
        }
    };
    let _ = writeln!(
        report,
        "Command: `{command}`  \nEnvironment: {}\n",
        environment()
    );
    let mut targets: Vec<(String, String, Option<bool>)> = Vec::new();
    let mut figures: Vec<Figure> = Vec::new();
    let has = |p: &str| args.parts.iter().any(|x| x == p);

    if has("gen") {
        progress("== generation time");
        let data = root.join("target/bench-data");
        if let Err(e) = std::fs::create_dir_all(&data) {
            eprintln!("error: cannot create {}: {e}", data.display());
            return ExitCode::FAILURE;
        }
        let mut rows = Vec::new();
        for &n in &args.sizes {
            let yaml = bench::synth::yaml(n);
            let json = bench::synth::openapi(n);
            let (ours, prog) = bench::gen_time::measure(&yaml, &json, args.gen_iterations);
            let ours_src = bench::gen_time::run_ours(&yaml, &mut GenTimes::default());
            let prog_src = bench::gen_time::run_progenitor(&json, &mut GenTimes::default());
            let _ = std::fs::write(data.join(format!("synthetic-{n}.yaml")), &yaml);
            let _ = std::fs::write(data.join(format!("synthetic-{n}.openapi.json")), &json);
            let _ = std::fs::write(data.join(format!("progenitor-{n}.rs")), &prog_src);
            if let Ok(src) = &ours_src {
                let _ = std::fs::write(data.join(format!("ours-{n}.rs")), src);
            }
            match &ours {
                Ok(o) => progress(&format!(
                    "  N={n}: ours {} ({} lines), progenitor {} ({} lines)",
                    fmt_dur(o.total()),
                    o.lines,
                    fmt_dur(prog.total()),
                    prog.lines
                )),
                Err(e) => progress(&format!(
                    "  N={n}: ours FAILED ({}), progenitor {} ({} lines)",
                    e.lines().next().unwrap_or_default(),
                    fmt_dur(prog.total()),
                    prog.lines
                )),
            }
            rows.push((n, ours, prog));
        }
        let _ = writeln!(
            report,
            "## Generation time\n\nMedians of {} alternating iterations per size, in one process. \
             *read*: ours parses and validates the YAML, progenitor's input is deserialized into `openapiv3`; \
             *tokens*: `imagen_codegen::generate` vs `Generator::new` + `generate_tokens` (default settings: positional, merged tags); \
             *format*: `imagen_codegen::format_source` (prints the tokens directly, docs as `///`) vs `syn::parse2` + `prettyplease::unparse`; \
             *`generate_source`*: ours, tokens + format as the build script runs them (two threads from 200 endpoints on a machine with two cores). \
             *ours total* = read + `generate_source`; *ratio one thread* compares read + tokens + format. Lines: formatted output.\n",
            args.gen_iterations
        );
        let _ = writeln!(
            report,
            "| N | ours read | ours tokens | ours format | ours `generate_source` | **ours total** | prog. read | prog. tokens | prog. format | **prog. total** | **ratio total** | ratio one thread | ratio read+tokens | lines/endpoint ours | lines/endpoint prog. |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
        );
        for (n, o, p) in &rows {
            let Ok(o) = o else {
                let why = o.as_ref().err().map(String::as_str).unwrap_or_default();
                let why = why.lines().next().unwrap_or_default().replace('|', "/");
                let _ = writeln!(
                    report,
                    "| {n} | **failed** | – | – | – | **{why}** | {} | {} | {} | **{}** | – | – | – | – | {:.1} |",
                    fmt_dur(p.read()),
                    fmt_dur(p.tokens()),
                    fmt_dur(p.format()),
                    fmt_dur(p.total()),
                    p.lines as f64 / *n as f64,
                );
                continue;
            };
            let _ = writeln!(
                report,
                "| {n} | {} | {} | {} | {} | **{}** | {} | {} | {} | **{}** | **{:.2}** | {:.2} | {:.2} | {:.1} | {:.1} |",
                fmt_dur(o.read()),
                fmt_dur(o.tokens()),
                fmt_dur(o.format()),
                fmt_dur(o.source()),
                fmt_dur(o.total()),
                fmt_dur(p.read()),
                fmt_dur(p.tokens()),
                fmt_dur(p.format()),
                fmt_dur(p.total()),
                ratio(o.total(), p.total()),
                ratio(o.sequential_total(), p.total()),
                ratio(o.read() + o.tokens(), p.read() + p.tokens()),
                o.lines as f64 / *n as f64,
                p.lines as f64 / *n as f64,
            );
        }
        report.push('\n');
        for (n, o, p) in &rows {
            if let Ok(o) = o {
                figures.push(figure("generation", "ours", *n, o.total(), None));
            }
            figures.push(figure("generation", "progenitor", *n, p.total(), None));
        }
        if let Some((_, Ok(o), p)) = rows.iter().find(|(n, _, _)| *n == 1000) {
            let r = ratio(o.total(), p.total());
            targets.push((
                "generation ≤ 0.5× progenitor at N = 1000".into(),
                format!(
                    "{r:.2}× ({} vs {}; one thread {:.2}×)",
                    fmt_dur(o.total()),
                    fmt_dur(p.total()),
                    ratio(o.sequential_total(), p.total())
                ),
                Some(r <= 0.5),
            ));
        }
    }

    if has("compile") && !args.compile_sizes.is_empty() {
        progress("== compile time (prebuilding dependencies once; this takes a while)");
        match compile_part(&root, &args) {
            Ok(results) => {
                write_compile(&mut report, &results, args.compile_iterations, &mut targets);
                figures.extend(bench::compile::figures(&results));
            }
            Err(e) => {
                eprintln!("error: compile part: {e}");
                let _ = writeln!(report, "## Compile time\n\nFailed: {e}\n");
            }
        }
    }

    if has("overhead") {
        progress("== per-request overhead");
        match bench::overhead::measure(
            &[Call::Profiles, Call::Application],
            &[1, 64],
            args.rounds,
            args.requests,
            &mut |l| progress(l),
        ) {
            Ok(results) => write_overhead(&mut report, &results, &mut targets),
            Err(e) => {
                eprintln!("error: overhead part: {e}");
                let _ = writeln!(report, "## Per-request overhead\n\nFailed: {e}\n");
            }
        }
    }

    if has("xml") {
        progress("== XML answer decoding");
        match bench::xml::measure(args.xml_batches, &mut |l| progress(l)) {
            Ok(r) => {
                let (section, t) = bench::xml::report(&r, args.xml_batches);
                report.push_str(&section);
                targets.extend(t);
            }
            Err(e) => {
                eprintln!("error: xml part: {e}");
                let _ = writeln!(report, "## XML answer decoding\n\nFailed: {e}\n");
                targets.push((
                    "XML decoding ≤ 1.2× hand-written".into(),
                    format!("failed: {e}"),
                    Some(false),
                ));
            }
        }
    }

    if has("throughput") {
        progress("== throughput");
        let calls = [Call::Profiles, Call::Application];
        match bench::throughput::measure(&calls, 10_000, 256, args.throughput_rounds, &mut |l| {
            progress(l)
        }) {
            Ok(r) => {
                let (section, t) = bench::throughput::report(&r);
                report.push_str(&section);
                targets.extend(t);
            }
            Err(e) => {
                eprintln!("error: throughput part: {e}");
                let _ = writeln!(report, "## Throughput\n\nFailed: {e}\n");
            }
        }
    }

    if has("storm") {
        progress("== refresh storm");
        let trials = if args.quick { 3 } else { 7 };
        let _ = writeln!(
            report,
            "## Refresh storm\n\n{} concurrent user-context calls (`Auth::User` endpoint through `Session::request`) with a \
             `RefreshingTokenSource` whose access token has expired, against the loopback server's counting token endpoint; \
             baseline: the same burst with a valid token. Medians over {trials} trials.\n",
            args.storm_k
        );
        let _ = writeln!(
            report,
            "| K | token requests per trial | median call: baseline → storm (**added**) | slowest call: baseline → storm (**added**) |\n|---:|---|---:|---:|"
        );
        match bench::storm::measure(args.storm_k, trials) {
            Ok(r) => {
                let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1e3);
                let added = |a: Duration, b: Duration| {
                    format!("{:+.1} ms", (b.as_secs_f64() - a.as_secs_f64()) * 1e3)
                };
                let counts: Vec<String> = r.token_requests.iter().map(|c| c.to_string()).collect();
                let _ = writeln!(
                    report,
                    "| {} | {} | {} → {} (**{}**) | {} → {} (**{}**) |",
                    r.k,
                    counts.join(", "),
                    ms(r.baseline_median),
                    ms(r.storm_median),
                    added(r.baseline_median, r.storm_median),
                    ms(r.baseline_max),
                    ms(r.storm_max),
                    added(r.baseline_max, r.storm_max),
                );
                progress(&format!(
                    "  token requests per trial: {}",
                    counts.join(", ")
                ));
                let ok = r.token_requests.iter().all(|&c| c == 1);
                targets.push((
                    format!("refresh storm (K = {}): exactly 1 token request", r.k),
                    format!("{} per trial", counts.join(", ")),
                    Some(ok),
                ));
            }
            Err(e) => {
                eprintln!("error: storm part: {e}");
                let _ = writeln!(report, "| {} | failed: {e} | – | – |", args.storm_k);
                targets.push((
                    "refresh storm: exactly 1 token request".into(),
                    format!("failed: {e}"),
                    Some(false),
                ));
            }
        }
        report.push('\n');
    }

    let mut targets_table = String::new();
    if !targets.is_empty() {
        targets_table.push_str("| target | measured | met |\n|---|---|---|\n");
        for (t, m, ok) in &targets {
            let ok = match ok {
                Some(true) => "yes",
                Some(false) => "**no**",
                None => "measured",
            };
            let _ = writeln!(targets_table, "| {t} | {m} | {ok} |");
        }
        let _ = writeln!(report, "## Targets\n\n{targets_table}");
    }
    let _ = writeln!(
        report,
        "Total benchmark time: {}.",
        fmt_dur(started.elapsed())
    );

    println!("{report}");
    let out = root.join("target/bench-results.md");
    if let Err(e) = std::fs::write(&out, &report) {
        eprintln!("error: cannot write {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    eprintln!("written to {}", out.display());
    let machine = machine();
    let csv = bench::publish::csv(&figures);
    let svg = match bench::publish::chart(
        &figures,
        &format!(
            "imagen-codegen vs progenitor, {} ({machine})",
            bench::publish::today()
        ),
    ) {
        Ok(svg) => svg,
        Err(e) => {
            eprintln!("error: cannot draw the chart: {e}");
            return ExitCode::FAILURE;
        }
    };
    for (name, text) in [("bench-figures.csv", &csv), ("bench-chart.svg", &svg)] {
        let path = root.join("target").join(name);
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("error: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        eprintln!("written to {}", path.display());
    }
    if args.publish {
        let section = bench::publish::readme_section(&command, &machine, &targets_table);
        if let Err(e) = bench::publish::publish(&root, &report, &svg, &csv, &section) {
            eprintln!("error: --publish: {e}");
            return ExitCode::FAILURE;
        }
        eprintln!("published to docs/perf/ and README.md");
    }
    ExitCode::SUCCESS
}

fn figure(measure: &str, tool: &str, n: usize, wall: Duration, cpu: Option<Duration>) -> Figure {
    Figure {
        measure: measure.into(),
        tool: tool.into(),
        n,
        wall: wall.as_secs_f64(),
        cpu: cpu.map(|c| c.as_secs_f64()),
    }
}

/// Cores, CPU model and rustc version, for the published table.
fn machine() -> String {
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let rustc = std::process::Command::new("rustc")
        .arg("--version")
        .current_dir(root())
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    format!("{cpus} cores ({model}), {rustc}")
}

fn compile_part(root: &Path, args: &Args) -> std::io::Result<Vec<SizeResult>> {
    let (ws, lines) = Workspace::create(root, &args.compile_sizes)?;
    let t = Instant::now();
    ws.prebuild(&args.compile_sizes, &mut |l| progress(l))?;
    progress(&format!("  prebuilt in {}", fmt_dur(t.elapsed())));
    let mut results = Vec::new();
    for (&n, &(ours_lines, prog_lines)) in args.compile_sizes.iter().zip(&lines) {
        let mut r = ws.measure(n, args.compile_iterations, &mut |l| progress(l))?;
        r.ours_lines = ours_lines;
        r.prog_lines = prog_lines;
        results.push(r);
    }
    Ok(results)
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

fn write_compile(
    report: &mut String,
    results: &[SizeResult],
    iterations: usize,
    targets: &mut Vec<(String, String, Option<bool>)>,
) {
    let _ = writeln!(
        report,
        "## Compile time\n\nScratch workspace `target/bench-crates/`, dependencies prebuilt; each timed run touches the crate's \
         source and compiles that crate alone with `CARGO_INCREMENTAL=0` (dev profile). Medians of {iterations} alternating runs. \
         CPU = user + system time of cargo and rustc. `generate!` rows: the same description through the proc macro \
         (full build after touching `api.yaml`; and an incremental build after a one-line edit of it).\n"
    );
    let _ = writeln!(
        report,
        "| N | command | ours wall | prog. wall | **ratio wall** | ours CPU | prog. CPU | ratio CPU |\n|---:|---|---:|---:|---:|---:|---:|---:|"
    );
    for r in results {
        for (cmd, o, p) in [
            ("cargo check", &r.ours_check, &r.prog_check),
            ("cargo build", &r.ours_build, &r.prog_build),
        ] {
            let _ = writeln!(
                report,
                "| {} | {cmd} | {} | {} | **{:.2}** | {} | {} | {:.2} |",
                r.n,
                secs(o.wall()),
                secs(p.wall()),
                ratio(o.wall(), p.wall()),
                secs(o.cpu()),
                secs(p.cpu()),
                ratio(o.cpu(), p.cpu()),
            );
        }
        let _ = writeln!(
            report,
            "| {} | cargo build, `generate!` crate | {} | – | – | {} | – | – |",
            r.n,
            secs(r.macro_build.wall()),
            secs(r.macro_build.cpu()),
        );
        let _ = writeln!(
            report,
            "| {} | cargo build, macro crates: `generate!` vs `progenitor::generate_api!` | {} | {} | **{:.2}** | {} | {} | {:.2} |",
            r.n,
            secs(r.macro_build.wall()),
            secs(r.pmacro_build.wall()),
            ratio(r.macro_build.wall(), r.pmacro_build.wall()),
            secs(r.macro_build.cpu()),
            secs(r.pmacro_build.cpu()),
            ratio(r.macro_build.cpu(), r.pmacro_build.cpu()),
        );
        let _ = writeln!(
            report,
            "| {} | edit one line of the description → cargo build (incremental): `generate!` vs `generate_api!` | {} | {} | **{:.2}** | {} | {} | {:.2} |",
            r.n,
            secs(r.macro_edit.wall()),
            secs(r.pmacro_edit.wall()),
            ratio(r.macro_edit.wall(), r.pmacro_edit.wall()),
            secs(r.macro_edit.cpu()),
            secs(r.pmacro_edit.cpu()),
            ratio(r.macro_edit.cpu(), r.pmacro_edit.cpu()),
        );
    }
    report.push('\n');
    bench::compile::write_memory(report, results, targets);
    if results.len() >= 2 {
        let (a, b) = (&results[0], &results[results.len() - 1]);
        let scale = b.n as f64 / a.n as f64;
        let _ = writeln!(
            report,
            "Growth from N = {} to N = {} ({scale:.0}× the endpoints; linear would be ≤ {scale:.1}×, fixed costs make it less). \
             Marginal cost = (t(N₂) − t(N₁)) / (N₂ − N₁).\n",
            a.n, b.n
        );
        let _ = writeln!(
            report,
            "| tool | command | growth wall | growth CPU | marginal ms/endpoint (wall) | generated lines N₁ → N₂ |\n|---|---|---:|---:|---:|---:|"
        );
        let per = |x: Duration, y: Duration| {
            (y.as_secs_f64() - x.as_secs_f64()) * 1e3 / (b.n - a.n) as f64
        };
        for (tool, cmd, x, y, lines) in [
            (
                "ours",
                "check",
                &a.ours_check,
                &b.ours_check,
                (a.ours_lines, b.ours_lines),
            ),
            (
                "ours",
                "build",
                &a.ours_build,
                &b.ours_build,
                (a.ours_lines, b.ours_lines),
            ),
            (
                "progenitor",
                "check",
                &a.prog_check,
                &b.prog_check,
                (a.prog_lines, b.prog_lines),
            ),
            (
                "progenitor",
                "build",
                &a.prog_build,
                &b.prog_build,
                (a.prog_lines, b.prog_lines),
            ),
        ] {
            let _ = writeln!(
                report,
                "| {tool} | {cmd} | {:.2}× | {:.2}× | {:.2} | {} → {} |",
                ratio(y.wall(), x.wall()),
                ratio(y.cpu(), x.cpu()),
                per(x.wall(), y.wall()),
                lines.0,
                lines.1
            );
        }
        report.push('\n');
        let g = ratio(b.ours_build.wall(), a.ours_build.wall());
        targets.push((
            format!("our `cargo build` linear in N ({} → {})", a.n, b.n),
            format!("{g:.2}× for {scale:.0}× the endpoints"),
            Some(g <= scale * 1.1),
        ));
    }
    if let Some(r) = results.iter().find(|r| r.n == 1000) {
        let w = ratio(r.ours_build.wall(), r.prog_build.wall());
        let c = ratio(r.ours_build.cpu(), r.prog_build.cpu());
        targets.push((
            "`cargo build` ≤ 0.25× progenitor at N = 1000".into(),
            format!("{w:.2}× wall, {c:.2}× CPU"),
            Some(w <= 0.25),
        ));
        let e = ratio(r.macro_edit.wall(), r.pmacro_edit.wall());
        let ec = ratio(r.macro_edit.cpu(), r.pmacro_edit.cpu());
        targets.push((
            "edit → `cargo build`, `generate!` ≤ 0.5× `generate_api!` at N = 1000".into(),
            format!("{e:.2}× wall, {ec:.2}× CPU"),
            Some(e <= 0.5),
        ));
    }
}

fn write_overhead(
    report: &mut String,
    results: &[OverheadResult],
    targets: &mut Vec<(String, String, Option<bool>)>,
) {
    let first = results.first();
    let _ = writeln!(
        report,
        "## Per-request overhead\n\nLoopback axum server (own thread) with fixed JSON answers; generated call through \
         `imagen_runtime::api::Client` vs hand-written reqwest with the same client, headers, timeout, signing \
         (`imagen_runtime::signing::Signer`) and decoding. **Interleaved**: {} requests per side, each task alternating \
         ours / hand-written call by call, so both see the same load; median and mean latency per request. \
         **Rounds**: {} alternating rounds of {} requests of one side only; wall time / requests (inverse throughput) and \
         CPU time of the whole process (client + server threads) / requests, medians; the server's share is the same for both, \
         so *added CPU* is the generated client's extra work per request.\n",
        first.map_or(0, |r| r.requests),
        first.map_or(0, |r| r.rounds),
        first.map_or(0, |r| r.requests),
    );
    let _ = writeln!(
        report,
        "| call | concurrency | ours median µs | hand median µs | **ratio median** | ours mean µs | hand mean µs | ratio mean | ours rounds µs/req | hand rounds µs/req | ratio rounds | ours CPU µs/req | hand CPU µs/req | **added CPU µs/req** |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    );
    let us = |d: Duration| format!("{:.1}", d.as_secs_f64() * 1e6);
    let mut worst: f64 = 0.0;
    let mut worst_cpu: f64 = 0.0;
    for r in results {
        let q = ratio(r.ours_median, r.hand_median);
        worst = worst.max(q);
        worst_cpu = worst_cpu.max(ratio(r.ours_cpu, r.hand_cpu));
        let _ = writeln!(
            report,
            "| `{}` | {} | {} | {} | **{q:.3}** | {} | {} | {:.3} | {} | {} | {:.3} | {} | {} | **{:+.1}** |",
            r.call.label(),
            r.concurrency,
            us(r.ours_median),
            us(r.hand_median),
            us(r.ours_mean),
            us(r.hand_mean),
            ratio(r.ours_mean, r.hand_mean),
            us(r.ours_round),
            us(r.hand_round),
            ratio(r.ours_round, r.hand_round),
            us(r.ours_cpu),
            us(r.hand_cpu),
            (r.ours_cpu.as_secs_f64() - r.hand_cpu.as_secs_f64()) * 1e6,
        );
    }
    report.push_str(
        "\nSigning cost alone: `cargo bench -p bench` (criterion, `benches/signing.rs`).\n\n",
    );
    if !results.is_empty() {
        targets.push((
            "request path ≤ 1.02× hand-written: median latency (interleaved) and process CPU per request (rounds), signed and unsigned, sequential and 64-way".into(),
            format!("worst latency ratio {worst:.3}, worst CPU ratio {worst_cpu:.3}"),
            Some(worst <= 1.02 && worst_cpu <= 1.02),
        ));
    }
}
