//! A small bounded driver for instruction counts of XML answer decoding:
//! `cargo run -p bench --release --example xml_decode -- SIDE DOC N` with
//! SIDE `ours` (`wire::from_xml`) or `hand` (the bench's hand-written
//! quick-xml decoder), DOC `search` (the 1,000-record synthetic search),
//! `record`, `web` or `application` (the conformance samples), N decodes
//! after 4 warm-up decodes.
//!
//! Run under `valgrind --tool=callgrind` with two values of N and subtract
//! the totals: the difference divided by the difference of N is the
//! instructions per decode.

use bench::xml::{hand_application, hand_search, synthetic_search};
use imagen_runtime::api::types::{Application, SearchResult};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [side, doc, n] = args.as_slice() else {
        return Err("usage: xml_decode ours|hand search|record|web|application N".into());
    };
    let ours = match side.as_str() {
        "ours" => true,
        "hand" => false,
        other => return Err(format!("unknown side {other:?}").into()),
    };
    let n: usize = n.parse()?;
    let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/../conformance/samples/");
    let (text, app) = match doc.as_str() {
        "search" => (synthetic_search(1000), false),
        "record" => (
            std::fs::read_to_string(format!("{samples}record-search.ok.xml"))?,
            false,
        ),
        "web" => (
            std::fs::read_to_string(format!("{samples}iweb-search.ok.xml"))?,
            false,
        ),
        "application" => (
            std::fs::read_to_string(format!("{samples}application.ok.xml"))?,
            true,
        ),
        other => return Err(format!("unknown document {other:?}").into()),
    };
    for _ in 0..4 + n {
        let text = std::hint::black_box(text.as_str());
        let ok = match (ours, app) {
            (true, false) => {
                imagen_runtime::wire::from_xml::<SearchResult>(text, &["Records"]).is_ok()
            }
            (true, true) => {
                imagen_runtime::wire::from_xml::<Application>(text, &["Response", "Application"])
                    .is_ok()
            }
            (false, false) => hand_search(text).is_ok(),
            (false, true) => hand_application(text).is_ok(),
        };
        if !std::hint::black_box(ok) {
            return Err("the document did not decode".into());
        }
    }
    Ok(())
}
