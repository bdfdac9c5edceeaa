//! The committed golden files of the generator (imagen-codegen/tests/golden)
//! compile against the real runtime: the generator's output is valid Rust,
//! not just text that matches.

#![allow(dead_code)]

mod minimal {
    include!("../imagen-codegen/tests/golden/minimal.rs");
}

mod every_feature {
    include!("../imagen-codegen/tests/golden/every_feature.rs");
}

mod awkward_names {
    include!("../imagen-codegen/tests/golden/awkward_names.rs");
}

mod imagen {
    include!("../imagen-codegen/tests/golden/imagen.rs");
}

mod nasty {
    include!("../imagen-codegen/tests/golden/nasty.rs");
}

/// The golden bindings of api/imagen.yaml are the same items the runtime
/// generates at build time: its `$OUT_DIR/imagen_api.rs` (exposed as
/// `api::GENERATED_SOURCE`) equals the golden file token for token, once
/// the two documented differences of the generator's options are undone —
/// the runtime's path (`crate` there, `::imagen_runtime` here) and the
/// `scopes!` macro (exported there, a crate-local `use` here) — and
/// formatting (line breaks and the trailing commas they bring) is ignored.
#[test]
fn golden_bindings_match_the_runtime_api() {
    fn same<T>(_: fn(&T) -> &imagen_runtime::Session) {}
    same::<imagen::Client>(imagen::Client::session);
    same::<imagen_runtime::api::Client>(imagen_runtime::api::Client::session);
    let names = <imagen::scopes::DefaultScopes as imagen_runtime::scope::ScopeSet>::NAMES;
    let runtime =
        <imagen_runtime::api::scopes::DefaultScopes as imagen_runtime::scope::ScopeSet>::NAMES;
    assert_eq!(names, runtime);
    assert_eq!(names, ["readUsersData", "modifyUsersData"]);

    let golden = std::fs::read_to_string("imagen-codegen/tests/golden/imagen.rs").unwrap();
    let built = imagen_runtime::api::GENERATED_SOURCE;
    // The comparison sees the items (the check is not vacuous).
    assert!(built.contains("pub struct Client<"), "{built}");
    let golden = normalized(&without_scopes_macro(&golden).replace("::imagen_runtime", "crate"));
    let built = normalized(&without_scopes_macro(built));
    if golden != built {
        let at = golden
            .bytes()
            .zip(built.bytes())
            .position(|(a, b)| a != b)
            .unwrap_or(golden.len().min(built.len()));
        let around = |s: &str| {
            let mut from = at.saturating_sub(200);
            let mut to = (at + 200).min(s.len());
            while !s.is_char_boundary(from) {
                from -= 1;
            }
            while !s.is_char_boundary(to) {
                to += 1;
            }
            s[from..to].to_owned()
        };
        panic!(
            "the runtime's bindings differ from the golden file (whitespace removed):\n\
             golden: …{}…\nbuilt:  …{}…",
            around(&golden),
            around(&built)
        );
    }
}

/// The source without the `scopes!` macro: from `#[macro_export]` or
/// `macro_rules!` at the start of a line to the next `}` line, and the
/// golden file's `use __imagen_scopes as scopes;` with its attribute.
fn without_scopes_macro(source: &str) -> String {
    let mut out = Vec::new();
    let mut lines = source.lines().peekable();
    let mut in_macro = false;
    let mut macros = 0;
    while let Some(line) = lines.next() {
        if line.starts_with("#[macro_export]") || line.starts_with("macro_rules!") {
            if !in_macro {
                macros += 1;
            }
            in_macro = true;
        }
        if in_macro {
            in_macro = line != "}";
            continue;
        }
        if line == "#[allow(unused_imports)]"
            && lines
                .peek()
                .is_some_and(|l| l.ends_with("use __imagen_scopes as scopes;"))
        {
            lines.next();
            continue;
        }
        out.push(line);
    }
    assert_eq!(macros, 1, "one scopes macro");
    out.join("\n")
}

/// Without whitespace, and without the trailing commas that a line break
/// inside `<…>`, `(…)`, `[…]` or `{…}` adds.
fn normalized(source: &str) -> String {
    let squeezed: String = source.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out = String::with_capacity(squeezed.len());
    let mut chars = squeezed.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ','
            && chars
                .peek()
                .is_some_and(|n| matches!(n, '>' | ')' | ']' | '}'))
        {
            continue;
        }
        out.push(c);
    }
    out
}

/// The generated enums do what FORMAT.md says, executed (not only compiled):
/// wire values both ways through serde, unknown values kept, `as_str`,
/// `From`, `FromStr`, `Display`; numeric enums by code, from numbers and text.
#[test]
fn generated_enums_behave() {
    use every_feature::types::{Phase, State};
    let s: State = serde_json::from_str("\"in-review\"").unwrap();
    assert_eq!(s, State::InReview);
    assert_eq!(
        serde_json::to_string(&State::InReview).unwrap(),
        "\"in-review\""
    );
    assert_eq!(State::Archived.as_str(), "ARCHIVED");
    assert_eq!(State::from("draft".to_owned()), State::Draft);
    let other: State = serde_json::from_str("\"gone\"").unwrap();
    assert_eq!(other, State::Other("gone".into()));
    assert_eq!(other.to_string(), "gone");
    assert_eq!(serde_json::to_string(&other).unwrap(), "\"gone\"");
    assert_eq!("Published".parse::<State>().unwrap(), State::Published);
    // Case matters: an unknown spelling is `Other`, not a near match.
    assert_eq!(
        State::from("archived".to_owned()),
        State::Other("archived".into())
    );

    assert_eq!(serde_json::from_str::<Phase>("2").unwrap(), Phase::Done);
    assert_eq!(
        serde_json::from_str::<Phase>("\"-1\"").unwrap(),
        Phase::Failed
    );
    assert_eq!(serde_json::from_str::<Phase>("7").unwrap(), Phase::Other(7));
    assert_eq!(serde_json::to_string(&Phase::Running).unwrap(), "1");
    assert_eq!(Phase::Other(7).code(), 7);
    assert_eq!(Phase::Done.to_string(), "Done");
    assert_eq!(" 0 ".parse::<Phase>().unwrap(), Phase::Waiting);
    assert!("zero".parse::<Phase>().is_err());
    assert!(serde_json::from_str::<Phase>("\"zero\"").is_err());
}

/// A generated struct with every XML placement decodes from XML and JSON
/// and writes back the same XML.
#[test]
fn generated_document_round_trips() {
    use every_feature::types::Document;
    let xml = r#"<Doc ID="7" Active="1" Phase="2">label text<Tags><Tag>a</Tag><Tag>b</Tag></Tags><Part N="1">one</Part><Part N="2">two</Part><Kinds>draft,in-review</Kinds><Sizes>1,2,3</Sizes><Enabled>0</Enabled><Result>ok</Result></Doc>"#;
    let d: Document = imagen_runtime::wire::from_xml(xml, &["Doc"]).unwrap();
    assert_eq!((d.id, d.active, d.enabled), (7, Some(true), false));
    assert_eq!(d.label.as_deref(), Some("label text"));
    assert_eq!(d.tags, ["a", "b"]);
    assert_eq!(d.parts.as_ref().unwrap()[1].body, "two");
    assert_eq!(d.sizes, [1, 2, 3]);
    assert_eq!(
        d.kinds.as_ref().unwrap()[1],
        every_feature::types::State::InReview
    );
    assert_eq!(d.result.as_deref(), Some("ok"));
    let again = imagen_runtime::wire::to_xml(&d, "Doc").unwrap();
    let back: Document = imagen_runtime::wire::from_xml(&again, &["Doc"]).unwrap();
    assert_eq!(back, d);
    // JSON: the `json:` key and wrapped lists.
    let json = r#"{"ID":7,"Active":1,"label":"x","Tags":{"Tag":["a"]},"Sizes":"4","Enabled":true,"result":"fine"}"#;
    let j: Document = imagen_runtime::wire::from_json(json, &[]).unwrap();
    assert_eq!(
        (j.tags.len(), j.sizes[0], j.result.as_deref()),
        (1, 4, Some("fine"))
    );
}
