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
/// generates at build time (the runtime's copy only differs in its paths).
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
