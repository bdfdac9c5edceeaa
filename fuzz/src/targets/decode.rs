//! `decode`: bytes → the runtime's XML element tree and the shape-driven
//! XML and JSON decoders, for the answer types of the description (at the
//! paths and envelopes its endpoints use). Errors are fine; panics, aborts
//! and hangs are findings. The typed request documents (`ImportDocument`
//! at `Records`, `JobDocument` at `CISXMLDocument`) must also survive
//! `to_xml` → `from_xml` unchanged whenever `from_xml` accepts the input.

use std::fmt::Debug;

use imagen_runtime::api::types::{
    Application, DatabaseJob, HistoryPage, ImportDocument, JobDocument, Profile, Record, Right,
    SearchResult, User, WebSearchResult, Workflow,
};
use imagen_runtime::wire::{self, Wire, WireError};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{Finding, Info, Options, Outcome, Target, files_in, hash_of, template};

pub const INFO: Info = Info {
    name: "decode",
    about: "XML/JSON answers → element tree, from_xml, from_json; to_xml round trip of request documents",
    seeds,
    dict,
    start,
    max_len: 64 * 1024,
    recycle: 0,
};

fn seeds() -> Vec<Vec<u8>> {
    files_in("conformance/samples", &[".xml", ".json"])
}

fn dict(seeds: &[Vec<u8>]) -> Vec<Vec<u8>> {
    let mut d = crate::mutate::words_of(seeds, 1500);
    for w in [
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
        "<?xml version=\"1.1\"?>",
        "<!DOCTYPE a [<!ENTITY e \"x\">]>",
        "&e;",
        "<![CDATA[x]]>",
        "<!-- c -->",
        "xmlns:a=\"u\" ",
        "a:b",
        " ID=\"-1\"",
        " ID=\"\"",
        " State=\"2\"",
        " CanEdit=\"1\"",
        "<Response>",
        "</Response>",
        "<Records>",
        "</Records>",
        "<Fields/>",
        "<Scopes><Scope><Name>x</Name></Scope></Scopes>",
        "{\"a\": null}",
        "null",
        "[]",
        "{}",
        "\"\\ud800\"",
        "\"\\u0000\"",
        "1e400",
        "-0.0",
        "&#13;",
        "&#x9;",
        "&#10;",
        "&#32;",
        " ",
        "\r\n",
    ] {
        d.push(w.as_bytes().to_vec());
    }
    d
}

struct Decode;

fn start(_: &Options) -> Result<Box<dyn Target>, String> {
    Ok(Box::new(Decode))
}

/// An error's message without what varies, cut short: a coarse feature.
fn err_key<T>(r: &Result<T, WireError>) -> Option<String> {
    r.as_ref().err().map(|e| template(&e.message))
}

impl Target for Decode {
    fn run(&mut self, input: &[u8]) -> Outcome {
        let text = String::from_utf8_lossy(input);
        let text = text.as_ref();
        let tree = wire::xml::parse(text).map(|root| (root.name.clone(), root.children.len()));
        let tree_key = match &tree {
            Ok((name, n)) => format!("root {} {}", name.len().min(12), (*n).min(4)),
            Err(e) => template(&e.message),
        };
        // The answers of the description's endpoints, at their XML paths…
        let job = wire::from_xml::<DatabaseJob>(text, &["Response", "DatabaseJob"]);
        let search = wire::from_xml::<SearchResult>(text, &["Records"]);
        let web = wire::from_xml::<WebSearchResult>(text, &["Records"]);
        let record = wire::from_xml::<Record>(text, &["Response", "ImagenRecord"]);
        let app = wire::from_xml::<Application>(text, &["Response", "Application"]);
        let flows = wire::from_xml::<Vec<Workflow>>(text, &["Response", "Workflows", "Workflow"]);
        let profiles = wire::from_xml::<Vec<Profile>>(text, &["Response", "Profiles", "Profile"]);
        let user = wire::from_xml::<User>(text, &["Response", "Result", "User"]);
        let rights = wire::from_xml::<Vec<Right>>(text, &["Response", "Result", "Right"]);
        let history = wire::from_xml::<HistoryPage>(text, &["Response"]);
        let result = wire::from_xml::<String>(text, &["Response", "Result"]);
        // …and in JSON, with their envelopes.
        let japp = wire::from_json::<Application>(text, &["Application"]);
        let jflows = wire::from_json::<Vec<Workflow>>(text, &["Workflows", "Workflow"]);
        let jweb = wire::from_json::<WebSearchResult>(text, &[]);
        let jresult = wire::from_json::<String>(text, &["result"]);
        let jjob = wire::from_json::<DatabaseJob>(text, &[]);
        let jvalue = wire::from_json::<Value>(text, &[]);
        let oks = [
            job.is_ok(),
            search.is_ok(),
            web.is_ok(),
            record.is_ok(),
            app.is_ok(),
            flows.is_ok(),
            profiles.is_ok(),
            user.is_ok(),
            rights.is_ok(),
            history.is_ok(),
            result.is_ok(),
            japp.is_ok(),
            jflows.is_ok(),
            jweb.is_ok(),
            jresult.is_ok(),
            jjob.is_ok(),
            jvalue.is_ok(),
        ];
        // Coarse on purpose: the tree's outcome, which decoders accepted the
        // input, and the first XML and JSON errors' fixed text.
        let first_xml = err_key(&job)
            .or_else(|| err_key(&search))
            .or_else(|| err_key(&app));
        if std::env::var_os("IMAGEN_FUZZ_TRACE").is_some() {
            eprintln!(
                "feature: {tree_key:?} {oks:?} {first_xml:?} {:?}",
                err_key(&japp)
            );
        }
        let mut feature = hash_of((&tree_key, oks, first_xml, err_key(&japp)));
        // The request documents: accepted ⇒ unchanged by a round trip.
        let import = round_trip::<ImportDocument>(text, "Records");
        let jobdoc = round_trip::<JobDocument>(text, "CISXMLDocument");
        feature = hash_of((feature, import.0, jobdoc.0));
        match import.1.or(jobdoc.1) {
            Some(f) => Outcome::found(feature, f),
            None => Outcome::ok(feature),
        }
    }
}

/// The first place where two JSON values differ: a path and the two values.
fn first_difference(a: &Value, b: &Value, path: &mut String) -> Option<(String, Value, Value)> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, va) in x {
                let len = path.len();
                path.push('/');
                path.push_str(k);
                let d = match y.get(k) {
                    Some(vb) => first_difference(va, vb, path),
                    None => Some((path.clone(), va.clone(), Value::Null)),
                };
                path.truncate(len);
                if d.is_some() {
                    return d;
                }
            }
            y.iter()
                .find(|(k, _)| !x.contains_key(*k))
                .map(|(k, vb)| (format!("{path}/{k}"), Value::Null, vb.clone()))
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            x.iter().zip(y).enumerate().find_map(|(i, (va, vb))| {
                let len = path.len();
                path.push_str(&format!("/{i}"));
                let d = first_difference(va, vb, path);
                path.truncate(len);
                d
            })
        }
        _ if a == b => None,
        _ => Some((path.clone(), a.clone(), b.clone())),
    }
}

/// A character as a word (the signature must not depend on the input's
/// own letters, and digits are normalized away).
fn char_name(c: char) -> &'static str {
    match c {
        '\t' => "TAB",
        '\n' => "LF",
        '\r' => "CR",
        ' ' => "SP",
        c if c.is_control() => "a control character",
        c if c.is_whitespace() => "a Unicode space",
        c if !c.is_ascii() => "a non-ASCII character",
        _ => "an ASCII character",
    }
}

/// How a value changed, in words that don't depend on the input's names:
/// the first character that differs, or what kind of value was lost.
fn change_class(a: &Value, b: &Value) -> String {
    match (a, b) {
        (Value::String(x), Value::String(y)) => {
            let mut xs = x.chars();
            let mut ys = y.chars();
            loop {
                match (xs.next(), ys.next()) {
                    (Some(p), Some(q)) if p == q => continue,
                    (Some(p), Some(q)) => {
                        return format!("{} became {}", char_name(p), char_name(q));
                    }
                    (Some(p), None) => return format!("{} was dropped", char_name(p)),
                    (None, Some(q)) => return format!("{} was added", char_name(q)),
                    (None, None) => return "the text changed".to_string(),
                }
            }
        }
        (x, Value::Null) => format!("a {} value was lost", kind_name(x)),
        (Value::Null, y) => format!("a {} value appeared", kind_name(y)),
        (Value::Array(x), Value::Array(y)) => {
            format!("a list of {} items became {} items", x.len(), y.len())
        }
        (x, y) => format!("a {} became a {}", kind_name(x), kind_name(y)),
    }
}

fn kind_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "list",
        Value::Object(_) => "object",
    }
}

/// `(feature, finding)`: from_xml, then to_xml → from_xml must give the same value.
fn round_trip<T>(text: &str, root: &str) -> (u64, Option<Finding>)
where
    T: DeserializeOwned + Serialize + Wire + PartialEq + Debug,
{
    let name = std::any::type_name::<T>()
        .rsplit("::")
        .next()
        .unwrap_or("?");
    let Ok(first) = wire::from_xml::<T>(text, &[root]) else {
        return (0, None);
    };
    let xml = match wire::to_xml(&first, root) {
        Ok(x) => x,
        Err(e) => {
            return (
                hash_of(("to_xml", template(&e.message))),
                Some(Finding::new(
                    "round-trip",
                    format!(
                        "to_xml refused a {name} that from_xml accepted: {}",
                        e.message
                    ),
                    format!("at {}\nvalue: {first:?}", e.path),
                )),
            );
        }
    };
    let again = match wire::from_xml::<T>(&xml, &[root]) {
        Ok(v) => v,
        Err(e) => {
            return (
                hash_of(("again", template(&e.message))),
                Some(Finding::new(
                    "round-trip",
                    format!(
                        "from_xml refused what to_xml wrote for a {name}: {}",
                        e.message
                    ),
                    format!("at {}\nvalue: {first:?}\nto_xml wrote:\n{xml}", e.path),
                )),
            );
        }
    };
    if again == first {
        return (1, None);
    }
    let a = serde_json::to_value(&first).unwrap_or(Value::Null);
    let b = serde_json::to_value(&again).unwrap_or(Value::Null);
    let (path, va, vb) = first_difference(&a, &b, &mut String::new())
        .unwrap_or_else(|| (String::new(), a.clone(), b.clone()));
    let class = change_class(&va, &vb);
    (
        hash_of(("changed", &class)),
        Some(Finding::new(
            "round-trip",
            format!("a {name} changed in to_xml → from_xml: {class}"),
            format!(
                "at {path}: {va} became {vb}\nvalue: {first:?}\nto_xml wrote:\n{xml}\nread back: {again:?}"
            ),
        )),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_samples_decode_and_round_trip() {
        let mut t = Decode;
        for s in seeds() {
            let o = t.run(&s);
            assert!(
                o.finding.is_none(),
                "{:?} on {}",
                o.finding,
                String::from_utf8_lossy(&s)
            );
        }
        let body = crate::targets::read_seed("conformance/samples/import-record-body.ok.xml");
        let body = String::from_utf8(body).unwrap();
        assert!(wire::from_xml::<ImportDocument>(&body, &["Records"]).is_ok());
    }

    #[test]
    fn change_classes_name_the_character() {
        assert_eq!(
            change_class(&Value::from("a\rb"), &Value::from("a\nb")),
            "CR became LF"
        );
    }
}
