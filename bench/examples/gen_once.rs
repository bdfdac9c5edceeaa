//! One generation run of one tool, for instruction counts:
//!
//! ```text
//! cargo build -p bench --release --example gen_once
//! valgrind --tool=callgrind target/release/examples/gen_once ours 1000
//! valgrind --tool=callgrind target/release/examples/gen_once progenitor 1000
//! ```
//!
//! The synthetic inputs are rendered before the measured part starts
//! (`CALLGRIND_START` is not available without the client header, so the
//! rendering is reported separately: `render` runs it alone). Phases as in
//! `gen_time`: `ours` is what the build script runs (parse +
//! `generate_source`), `phases` times read, tokens and format apart,
//! `macro` is ours without formatting (what `generate!` does inside rustc).

fn main() {
    let mut args = std::env::args().skip(1);
    let tool = args.next().unwrap_or_default();
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(1000);
    let yaml = bench::synth::yaml(n);
    let json = bench::synth::openapi(n);
    let mut times = bench::gen_time::GenTimes::default();
    match tool.as_str() {
        "ours" => {
            // What the build script does: parse, then `generate_source`.
            let api =
                imagen_codegen::parse(&yaml, "synthetic.yaml").unwrap_or_else(|e| panic!("{e}"));
            let src = imagen_codegen::generate_source(&api, &imagen_codegen::Options::default());
            println!("{} lines", src.lines().count());
        }
        "phases" => {
            let src =
                bench::gen_time::run_ours(&yaml, &mut times).unwrap_or_else(|e| panic!("{e}"));
            println!("{} lines", src.lines().count());
        }
        "macro" => {
            let api =
                imagen_codegen::parse(&yaml, "synthetic.yaml").unwrap_or_else(|e| panic!("{e}"));
            let tokens = imagen_codegen::generate(&api, &imagen_codegen::Options::default());
            println!("tokens: {}", !tokens.is_empty());
        }
        "progenitor" => {
            let src = bench::gen_time::run_progenitor(&json, &mut times);
            println!("{} lines", src.lines().count());
        }
        "render" => println!("{} + {} bytes", yaml.len(), json.len()),
        _ => {
            eprintln!("usage: gen_once ours|phases|macro|progenitor|render [N]");
            std::process::exit(2);
        }
    }
    eprintln!(
        "read {:?}, tokens {:?}, format {:?}",
        times.read(),
        times.tokens(),
        times.format()
    );
}
