//! XML answer decoding: the runtime's decoder (`imagen_runtime::wire::from_xml`,
//! what a typed request uses for an XML answer) into the generated types vs
//! a hand-written quick-xml pull decoder into the same structs, written here
//! for the benchmark only (it knows each document's layout; it unescapes
//! text and attributes and checks well-formedness as quick-xml does, but
//! gives no element paths in errors).
//!
//! Documents: the record-search, web-search and application samples of
//! `conformance/samples/` and a synthetic search answer of 1,000 records.
//! Both sides must decode each document into equal values before anything
//! is timed. Timing: thread CPU time of batches, alternating the sides,
//! median per side.

use std::fmt::Write as _;
use std::time::Duration;

use imagen_runtime::api::types::{Application, ApplicationType, Record, Scope, SearchResult};
use imagen_runtime::{ApiSecret, IndexMap};
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use crate::stats::median;

/// One document's comparison.
#[derive(Debug, Clone)]
pub struct XmlResult {
    pub document: String,
    pub bytes: usize,
    /// Median CPU time of one decode.
    pub ours: Duration,
    pub hand: Duration,
}

impl XmlResult {
    /// Ours over hand-written (≤ 1.2 is the target).
    pub fn ratio(&self) -> f64 {
        crate::stats::ratio(self.ours, self.hand)
    }
}

fn sample(name: &str) -> std::io::Result<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../conformance/samples/");
    std::fs::read_to_string(format!("{path}{name}"))
        .map_err(|e| std::io::Error::new(e.kind(), format!("{path}{name}: {e}")))
}

/// A search answer (`<Records>`) of `n` records, each with eight fields
/// (escaped characters and non-ASCII text among them, one empty field).
pub fn synthetic_search(n: usize) -> String {
    let mut s = String::with_capacity(n * 520 + 200);
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Records>\n  <SearchID>F28D38B6-EBC4-4f14-8398-BACC16F79302</SearchID>\n");
    let _ = writeln!(s, "  <TotalHits>{}</TotalHits>", n * 7);
    for i in 0..n {
        let _ = write!(
            s,
            "  <ImagenRecord ID=\"{}\" CanEdit=\"{}\">\n    <Fields>\n      <guid>D9A4777E-19CA-450a-8C4C-{:012X}</guid>\n      <Title>Zoë at the harbour &amp; the pier, 東京 #{i}</Title>\n      <Date>2019-11-{:02}</Date>\n      <Summary>Footage &lt;raw&gt; of the evening ferry, take {i}</Summary>\n      <Rating/>\n      <Category>Harbour,Ferries,Evening</Category>\n      <Photographer>Jörg Øster</Photographer>\n      <imagenLastRecordChange>2024-01-19 16:42:{:02}</imagenLastRecordChange>\n    </Fields>\n  </ImagenRecord>\n",
            1000 + i,
            i % 3 == 0,
            i,
            i % 28 + 1,
            i % 60,
        );
    }
    s.push_str("</Records>\n");
    s
}

/// The hand-written decoder's error: what went wrong, nothing more.
type HandError = String;

/// Pull helpers over quick-xml's reader.
struct Pull<'a> {
    r: Reader<&'a [u8]>,
}

impl<'a> Pull<'a> {
    fn new(text: &'a str) -> Self {
        Pull {
            r: Reader::from_str(text),
        }
    }

    /// The next start (or empty) tag, skipping the declaration, blank text
    /// and comments; `Ok(None)` at an end tag or the end of the document.
    fn next_start(&mut self) -> Result<Option<(BytesStart<'a>, bool)>, HandError> {
        loop {
            match self.r.read_event().map_err(|e| e.to_string())? {
                Event::Start(e) => return Ok(Some((e, false))),
                Event::Empty(e) => return Ok(Some((e, true))),
                Event::End(_) | Event::Eof => return Ok(None),
                Event::Text(t) if t.trim_ascii().is_empty() => {}
                Event::Decl(_) | Event::Comment(_) | Event::PI(_) | Event::DocType(_) => {}
                other => return Err(format!("unexpected {other:?}")),
            }
        }
    }

    /// The text content of the element just opened, up to its end tag.
    fn text(&mut self, empty: bool) -> Result<String, HandError> {
        let mut out = String::new();
        if empty {
            return Ok(out);
        }
        loop {
            match self.r.read_event().map_err(|e| e.to_string())? {
                Event::Text(t) => out.push_str(&t.xml_content(XmlVersion::Implicit1_0)),
                Event::CData(c) => out.push_str(&c),
                Event::GeneralRef(r) => match r.resolve_char_ref().map_err(|e| e.to_string())? {
                    Some(c) => out.push(c),
                    None => {
                        let name: &str = &r;
                        out.push_str(
                            quick_xml::escape::resolve_predefined_entity(name)
                                .ok_or_else(|| format!("unknown entity &{name};"))?,
                        );
                    }
                },
                Event::End(_) => return Ok(out),
                other => return Err(format!("unexpected {other:?} in text")),
            }
        }
    }

    /// Skips the rest of the element just opened.
    fn skip(&mut self, start: &BytesStart<'a>, empty: bool) -> Result<(), HandError> {
        if !empty {
            self.r
                .read_to_end(start.name())
                .map_err(|e| e.to_string())?;
        }
        Ok(())
    }
}

fn attr(e: &BytesStart<'_>, name: &str) -> Result<Option<String>, HandError> {
    for a in e.attributes() {
        let a = a.map_err(|e| e.to_string())?;
        if a.key.as_ref() == name {
            return Ok(Some(
                a.normalized_value(XmlVersion::Implicit1_0)
                    .map_err(|e| e.to_string())?
                    .into_owned(),
            ));
        }
    }
    Ok(None)
}

fn int(s: &str) -> Result<i64, HandError> {
    s.trim()
        .parse()
        .map_err(|_| format!("`{s}` is not an integer"))
}

fn boolean(s: &str) -> Result<bool, HandError> {
    match s.trim() {
        "true" | "1" => Ok(true),
        "false" | "0" => Ok(false),
        other => Err(format!("`{other}` is not a boolean")),
    }
}

/// Hand-written: `<Records>` into [`SearchResult`].
pub fn hand_search(text: &str) -> Result<SearchResult, HandError> {
    let mut p = Pull::new(text);
    let (root, _) = p.next_start()?.ok_or("no root element")?;
    if root.name().as_ref() != "Records" {
        return Err("expected <Records>".into());
    }
    let (mut search_id, mut total_hits, mut records) = (None, None, Vec::new());
    while let Some((e, empty)) = p.next_start()? {
        match e.name().as_ref() {
            "SearchID" => search_id = Some(p.text(empty)?),
            "TotalHits" => total_hits = Some(int(&p.text(empty)?)?),
            "ImagenRecord" => records.push(hand_record(&mut p, &e, empty)?),
            _ => p.skip(&e, empty)?,
        }
    }
    Ok(SearchResult {
        search_id: search_id.ok_or("missing <SearchID>")?,
        total_hits: total_hits.ok_or("missing <TotalHits>")?,
        records,
    })
}

fn hand_record(p: &mut Pull<'_>, e: &BytesStart<'_>, empty: bool) -> Result<Record, HandError> {
    let id = int(&attr(e, "ID")?.ok_or("missing ID")?)?;
    let can_edit = boolean(&attr(e, "CanEdit")?.ok_or("missing CanEdit")?)?;
    let mut fields = None;
    if !empty {
        while let Some((c, empty)) = p.next_start()? {
            if c.name().as_ref() == "Fields" {
                let mut map = IndexMap::new();
                if !empty {
                    while let Some((f, empty)) = p.next_start()? {
                        let name = f.name().as_ref().to_owned();
                        let value = p.text(empty)?;
                        if map.insert(name, value).is_some() {
                            return Err("a field appears twice".into());
                        }
                    }
                }
                fields = Some(map);
            } else {
                p.skip(&c, empty)?;
            }
        }
    }
    Ok(Record {
        id,
        can_edit,
        fields: fields.ok_or("missing <Fields>")?,
        media_objects: None,
    })
}

/// Hand-written: `<Response><Application>` into [`Application`].
pub fn hand_application(text: &str) -> Result<Application, HandError> {
    let mut p = Pull::new(text);
    let (root, _) = p.next_start()?.ok_or("no root element")?;
    if root.name().as_ref() != "Response" {
        return Err("expected <Response>".into());
    }
    let (app, empty) = p.next_start()?.ok_or("no <Application>")?;
    if app.name().as_ref() != "Application" || empty {
        return Err("expected <Application>".into());
    }
    let mut a = Application {
        api_key: None,
        secret_access_key: None,
        name: String::new(),
        created: None,
        enabled: None,
        redirect_uri: None,
        contact: None,
        website: None,
        description: None,
        logo: None,
        developer_email: None,
        application_type: None,
        database_id: None,
        scopes: None,
    };
    let mut name = None;
    while let Some((e, empty)) = p.next_start()? {
        let tag = e.name();
        if tag.as_ref() == "Scopes" {
            let mut scopes = Vec::new();
            if !empty {
                while let Some((s, empty)) = p.next_start()? {
                    if s.name().as_ref() != "Scope" {
                        p.skip(&s, empty)?;
                        continue;
                    }
                    let mut scope = Scope {
                        name: String::new(),
                        description: None,
                    };
                    let mut scope_name = None;
                    if !empty {
                        while let Some((f, empty)) = p.next_start()? {
                            match f.name().as_ref() {
                                "Name" => scope_name = Some(p.text(empty)?),
                                "Description" => scope.description = Some(p.text(empty)?),
                                _ => p.skip(&f, empty)?,
                            }
                        }
                    }
                    scope.name = scope_name.ok_or("a <Scope> without <Name>")?;
                    scopes.push(scope);
                }
            }
            a.scopes = Some(scopes);
            continue;
        }
        let text = p.text(empty)?;
        // Empty scalar elements count as absent, as the runtime reads them,
        // except text fields, which keep "".
        match tag.as_ref() {
            "APIKey" => a.api_key = Some(text),
            "SecretAccessKey" => a.secret_access_key = Some(ApiSecret::new(text)),
            "Name" => name = Some(text),
            "Created" => a.created = Some(text),
            "Enabled" if !text.trim().is_empty() => a.enabled = Some(boolean(&text)?),
            "RedirectURI" => a.redirect_uri = Some(text),
            "Contact" => a.contact = Some(text),
            "Website" => a.website = Some(text),
            "Description" => a.description = Some(text),
            "Logo" => a.logo = Some(text),
            "DeveloperEmail" => a.developer_email = Some(text),
            "ApplicationType" => a.application_type = Some(ApplicationType::from(text)),
            "DatabaseID" if !text.trim().is_empty() => a.database_id = Some(int(&text)?),
            _ => {}
        }
    }
    a.name = name.ok_or("missing <Name>")?;
    Ok(a)
}

/// CPU time of the calling thread.
fn thread_cpu() -> Duration {
    // SAFETY: `clock_gettime` only writes into the struct we pass.
    let ts = unsafe {
        let mut ts: libc::timespec = std::mem::zeroed();
        libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts);
        ts
    };
    Duration::new(
        ts.tv_sec.max(0) as u64,
        ts.tv_nsec.clamp(0, 999_999_999) as u32,
    )
}

/// Median CPU time per call of `f` over `batches` batches of `per_batch`
/// calls each, alternating with `g` batch by batch (so both see the same
/// machine load); returns (f, g).
fn alternate(
    batches: usize,
    per_batch: usize,
    mut f: impl FnMut(),
    mut g: impl FnMut(),
) -> (Duration, Duration) {
    let mut a = Vec::with_capacity(batches);
    let mut b = Vec::with_capacity(batches);
    let per = per_batch.max(1) as u32;
    for i in 0..batches.max(1) {
        let time = |h: &mut dyn FnMut()| {
            let t = thread_cpu();
            for _ in 0..per {
                h();
            }
            (thread_cpu() - t) / per
        };
        if i % 2 == 0 {
            a.push(time(&mut f));
            b.push(time(&mut g));
        } else {
            b.push(time(&mut g));
            a.push(time(&mut f));
        }
    }
    (median(&a), median(&b))
}

fn compare<T: PartialEq + std::fmt::Debug>(
    document: &str,
    text: &str,
    ours: impl Fn(&str) -> Result<T, String>,
    hand: impl Fn(&str) -> Result<T, HandError>,
    batches: usize,
) -> Result<XmlResult, String> {
    let o = ours(text).map_err(|e| format!("{document}: runtime decoder: {e}"))?;
    let h = hand(text).map_err(|e| format!("{document}: hand-written decoder: {e}"))?;
    if o != h {
        return Err(format!(
            "{document}: the two decoders disagree:\n{o:#?}\nvs\n{h:#?}"
        ));
    }
    // About 2 ms of work per batch, whatever the document's size.
    let per_batch = (2_000_000 / (text.len() * 40).max(1)).clamp(1, 2000);
    let (ours_t, hand_t) = alternate(
        batches,
        per_batch,
        || {
            std::hint::black_box(ours(std::hint::black_box(text)).ok());
        },
        || {
            std::hint::black_box(hand(std::hint::black_box(text)).ok());
        },
    );
    Ok(XmlResult {
        document: document.to_owned(),
        bytes: text.len(),
        ours: ours_t,
        hand: hand_t,
    })
}

fn ours_search(text: &str) -> Result<SearchResult, String> {
    imagen_runtime::wire::from_xml(text, &["Records"]).map_err(|e| e.to_string())
}

fn ours_application(text: &str) -> Result<Application, String> {
    imagen_runtime::wire::from_xml(text, &["Response", "Application"]).map_err(|e| e.to_string())
}

/// Measures every document with `batches` alternating batches per side.
pub fn measure(batches: usize, progress: &mut dyn FnMut(&str)) -> Result<Vec<XmlResult>, String> {
    let io = |e: std::io::Error| e.to_string();
    let big = synthetic_search(1000);
    let mut out = Vec::new();
    for (name, text) in [
        (
            "record-search.ok.xml",
            sample("record-search.ok.xml").map_err(io)?,
        ),
        (
            "iweb-search.ok.xml (as `SearchResult`)",
            sample("iweb-search.ok.xml").map_err(io)?,
        ),
        ("synthetic search, 1,000 records", big),
    ] {
        let r = compare(name, &text, ours_search, hand_search, batches)?;
        progress(&format!(
            "  {name}: ours {:.1} µs, hand-written {:.1} µs ({:.2}×)",
            r.ours.as_secs_f64() * 1e6,
            r.hand.as_secs_f64() * 1e6,
            r.ratio()
        ));
        out.push(r);
    }
    let text = sample("application.ok.xml").map_err(io)?;
    let r = compare(
        "application.ok.xml",
        &text,
        ours_application,
        hand_application,
        batches,
    )?;
    progress(&format!(
        "  application.ok.xml: ours {:.1} µs, hand-written {:.1} µs ({:.2}×)",
        r.ours.as_secs_f64() * 1e6,
        r.hand.as_secs_f64() * 1e6,
        r.ratio()
    ));
    out.push(r);
    Ok(out)
}

/// The report's section and its targets (target, measured, met).
pub fn report(
    results: &[XmlResult],
    batches: usize,
) -> (String, Vec<(String, String, Option<bool>)>) {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "## XML answer decoding\n\nThe runtime's decoder (`wire::from_xml`, as a typed request decodes an XML answer) into the \
         generated types vs a hand-written quick-xml pull decoder into the same structs (bench only). Both must agree on every \
         document first. CPU time of the decoding thread per document, median of {batches} alternating batches per side.\n"
    );
    let _ = writeln!(
        s,
        "| document | bytes | ours µs | hand-written µs | **ratio** |\n|---|---:|---:|---:|---:|"
    );
    for r in results {
        let _ = writeln!(
            s,
            "| {} | {} | {:.1} | {:.1} | **{:.2}** |",
            r.document,
            r.bytes,
            r.ours.as_secs_f64() * 1e6,
            r.hand.as_secs_f64() * 1e6,
            r.ratio()
        );
    }
    s.push('\n');
    let worst = results.iter().map(XmlResult::ratio).fold(0.0, f64::max);
    let targets = if results.is_empty() {
        Vec::new()
    } else {
        vec![(
            "XML decoding ≤ 1.2× hand-written quick-xml (worst document)".to_owned(),
            format!("{worst:.2}×"),
            Some(worst <= 1.2),
        )]
    };
    (s, targets)
}
