//! Generation time: our generator vs progenitor on the same synthetic API,
//! in this process, alternating, medians.
//!
//! Phases, measured separately so that like is compared with like:
//! - **read**: ours parses and validates the YAML (`imagen_codegen::parse`);
//!   progenitor's input is deserialized with `serde_json` into `openapiv3`;
//! - **tokens**: `imagen_codegen::generate` vs
//!   `progenitor_impl::Generator::new` + `generate_tokens` (a fresh generator
//!   per iteration: it accumulates types);
//! - **format**: what each tool's build script does with the tokens:
//!   `imagen_codegen::format_source` (what `generate_source` does after
//!   `generate`: the tokens printed directly, docs as `///` lines)
//!   vs `syn::parse2` + `prettyplease::unparse`, progenitor's documented
//!   `build.rs` (progenitor does not format).

use std::time::{Duration, Instant};

use crate::stats::median;

/// Timings of one generator on one description.
#[derive(Debug, Clone, Default)]
pub struct GenTimes {
    pub read: Vec<Duration>,
    pub tokens: Vec<Duration>,
    pub format: Vec<Duration>,
    /// Ours only: `imagen_codegen::generate_source` as the build script
    /// runs it (tokens and format, in two threads when that pays). Empty
    /// for progenitor, whose build script has no such path.
    pub source: Vec<Duration>,
    /// Lines of formatted code.
    pub lines: usize,
    /// Bytes of formatted code.
    pub bytes: usize,
}

impl GenTimes {
    pub fn read(&self) -> Duration {
        median(&self.read)
    }
    pub fn tokens(&self) -> Duration {
        median(&self.tokens)
    }
    pub fn format(&self) -> Duration {
        median(&self.format)
    }
    pub fn source(&self) -> Duration {
        median(&self.source)
    }
    /// Median of the per-iteration totals: read + `generate_source` when
    /// measured (what a build script spends), else read + tokens + format.
    pub fn total(&self) -> Duration {
        if self.source.len() != self.read.len() {
            return self.sequential_total();
        }
        let totals: Vec<Duration> = (0..self.read.len())
            .map(|i| self.read[i] + self.source[i])
            .collect();
        median(&totals)
    }
    /// Median of read + tokens + format, one thread.
    pub fn sequential_total(&self) -> Duration {
        let totals: Vec<Duration> = (0..self.read.len())
            .map(|i| self.read[i] + self.tokens[i] + self.format[i])
            .collect();
        median(&totals)
    }
}

fn format(tokens: proc_macro2::TokenStream) -> String {
    match syn::parse2::<syn::File>(tokens) {
        Ok(file) => prettyplease::unparse(&file),
        Err(e) => panic!("generated tokens do not parse as a file: {e}"),
    }
}

/// One run of our generator; returns the formatted source, or the
/// generator's diagnostics when it refuses the description.
pub fn run_ours(yaml: &str, out: &mut GenTimes) -> Result<String, String> {
    let t = Instant::now();
    let api = imagen_codegen::parse(yaml, "synthetic.yaml").map_err(|d| d.to_string())?;
    let read = t.elapsed();
    let t = Instant::now();
    let tokens = imagen_codegen::generate(&api, &imagen_codegen::Options::default());
    let gen_t = t.elapsed();
    let t = Instant::now();
    let source = imagen_codegen::format_source(tokens);
    let fmt_t = t.elapsed();
    let t = Instant::now();
    let built = imagen_codegen::generate_source(&api, &imagen_codegen::Options::default());
    out.source.push(t.elapsed());
    if built != source {
        return Err("generate_source differs from format_source(generate(…))".into());
    }
    out.read.push(read);
    out.tokens.push(gen_t);
    out.format.push(fmt_t);
    out.lines = source.lines().count();
    out.bytes = source.len();
    Ok(source)
}

/// One run of progenitor (default settings: positional interface, merged
/// tags); returns the formatted source.
pub fn run_progenitor(json: &str, out: &mut GenTimes) -> String {
    let t = Instant::now();
    let spec: openapiv3::OpenAPI = serde_json::from_str(json).expect("synthetic OpenAPI parses");
    let read = t.elapsed();
    let t = Instant::now();
    let mut generator =
        progenitor_impl::Generator::new(&progenitor_impl::GenerationSettings::new());
    let tokens = generator
        .generate_tokens(&spec)
        .unwrap_or_else(|e| panic!("progenitor: {e}"));
    let gen_t = t.elapsed();
    let t = Instant::now();
    let source = format(tokens);
    let fmt_t = t.elapsed();
    out.read.push(read);
    out.tokens.push(gen_t);
    out.format.push(fmt_t);
    out.lines = source.lines().count();
    out.bytes = source.len();
    source
}

/// Alternating iterations (the order alternates too) after one warm-up of
/// each that is not counted. When our generator refuses the description,
/// its diagnostics replace its timings and progenitor is measured alone.
pub fn measure(yaml: &str, json: &str, iterations: usize) -> (Result<GenTimes, String>, GenTimes) {
    let mut ours = GenTimes::default();
    let mut prog = GenTimes::default();
    let ours_ok = run_ours(yaml, &mut GenTimes::default()).map(|_| ());
    run_progenitor(json, &mut GenTimes::default());
    for i in 0..iterations {
        if ours_ok.is_err() {
            run_progenitor(json, &mut prog);
        } else if i % 2 == 0 {
            let _ = run_ours(yaml, &mut ours);
            run_progenitor(json, &mut prog);
        } else {
            run_progenitor(json, &mut prog);
            let _ = run_ours(yaml, &mut ours);
        }
    }
    (ours_ok.map(|()| ours), prog)
}
