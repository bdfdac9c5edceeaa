//! The validated model of `api/imagen.yaml`, determinism, and scale.

use std::path::Path;
use std::time::Instant;

use imagen_codegen::model::{Api, Auth, Body, Format, Method, ParamIn, TypeKind, TypeRef, XmlNode};
use imagen_codegen::{Options, generate_source, load, parse};

fn imagen() -> Api {
    load(Path::new("../api/imagen.yaml"))
        .unwrap_or_else(|d| panic!("api/imagen.yaml must be valid:\n{d}"))
}

fn scope(api: &Api, wire: &str) -> usize {
    api.scopes
        .iter()
        .position(|s| s.wire == wire)
        .unwrap_or_else(|| panic!("no scope {wire}"))
}

fn endpoint<'a>(api: &'a Api, resource: &str, key: &str) -> &'a imagen_codegen::model::Endpoint {
    api.resources
        .iter()
        .find(|r| r.key == resource)
        .and_then(|r| r.endpoints.iter().find(|e| e.key == key))
        .unwrap_or_else(|| panic!("no endpoint {resource}.{key}"))
}

#[test]
fn imagen_has_15_endpoints_in_11_resources() {
    let api = imagen();
    assert_eq!(api.name, "imagen");
    let count: usize = api.resources.iter().map(|r| r.endpoints.len()).sum();
    assert_eq!(count, 15);
    let keys: Vec<&str> = api.resources.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "application",
            "records",
            "web",
            "import",
            "jobs",
            "media",
            "workflows",
            "profiles",
            "user",
            "rights",
            "history"
        ]
    );
}

#[test]
fn imagen_scopes_defaults_and_closures() {
    let api = imagen();
    assert_eq!(api.scopes.len(), 9);
    let defaults: Vec<&str> = api
        .scopes
        .iter()
        .filter(|s| s.default)
        .map(|s| s.wire.as_str())
        .collect();
    assert_eq!(defaults, ["readUsersData", "modifyUsersData"]);

    let read = scope(&api, "readUsersData");
    let modify = scope(&api, "modifyUsersData");
    assert_eq!(api.scopes[modify].ident, "ModifyUsersData");
    assert_eq!(api.scopes[modify].implies, [read]);
    assert!(api.scopes[modify].closure.contains(&read));
    assert!(
        api.scopes[modify].closure.contains(&modify),
        "a closure includes the scope itself"
    );
    assert_eq!(
        api.scopes[read].closure,
        [read],
        "readUsersData implies nothing"
    );
    for s in &api.scopes {
        assert!(
            s.closure.windows(2).all(|w| w[0] < w[1]),
            "closure of {} is sorted and unique",
            s.wire
        );
    }
}

#[test]
fn imagen_hosts_and_oauth() {
    let api = imagen();
    let hosts: Vec<(&str, Option<&str>)> = api
        .hosts
        .iter()
        .map(|h| (h.key.as_str(), h.env.as_deref()))
        .collect();
    assert_eq!(
        hosts,
        [
            ("mcc", Some("IMAGEN_MCC_URL")),
            ("web", Some("IMAGEN_WEB_URL"))
        ]
    );
    let oauth = api.oauth.as_ref().expect("oauth section");
    assert_eq!(oauth.host, "web");
    assert_eq!(oauth.revoke.as_deref(), Some("/oauth/revoke"));
}

#[test]
fn imagen_renamed_query_params() {
    let api = imagen();
    let profiles = endpoint(&api, "profiles", "list");
    let ty = profiles
        .params
        .iter()
        .find(|p| p.wire == "type")
        .expect("type param");
    assert_eq!(ty.rust, "profile_type", "`type` is renamed with `rust:`");
    assert_eq!(ty.location, ParamIn::Query);
    assert!(!ty.required);
    // The vendor's page swaps `type` and `usage` between its table and its
    // example, so both are plain strings.
    assert_eq!(ty.ty, TypeRef::String);
    assert_eq!(profiles.auth, Auth::None);

    let history = endpoint(&api, "history", "list");
    assert_eq!(
        history
            .params
            .iter()
            .find(|p| p.wire == "type")
            .map(|p| p.rust.as_str()),
        Some("change")
    );

    let import = endpoint(&api, "import", "records");
    assert_eq!(
        import
            .params
            .iter()
            .find(|p| p.wire == "searchfield")
            .map(|p| p.rust.as_str()),
        Some("search_field")
    );
    assert!(
        matches!(&import.body, Some(Body::Xml { ty: Some((TypeRef::Named(i), root)), .. })
            if api.types[*i].name == "ImportDocument" && root == "Records")
    );
    assert_eq!(import.method, Method::Put);
    assert_eq!(import.path, "/imcc/v1/import/record/NativeImagenXML");
    assert!(!import.idempotent, "imports create data");
    assert!(import.outcome_hint.is_some());
    let prefix = import
        .params
        .iter()
        .find(|p| p.wire == "X-Imagen-Pathprefix")
        .expect("the path prefix header");
    assert_eq!(
        (prefix.location, prefix.rust.as_str()),
        (ParamIn::Header, "path_prefix")
    );
    let only_new = import
        .params
        .iter()
        .find(|p| p.wire == "onlyProcessNew")
        .expect("onlyProcessNew");
    assert_eq!(only_new.ty, TypeRef::Flag);
    let raw = endpoint(&api, "import", "records_with_mapping");
    assert!(matches!(raw.body, Some(Body::Xml { ty: None, .. })));
    assert!(!raw.idempotent);
    assert!(!endpoint(&api, "jobs", "create").idempotent);
    assert!(endpoint(&api, "import", "status").idempotent);

    let search = endpoint(&api, "records", "search");
    let id = search
        .params
        .iter()
        .find(|p| p.wire == "searchID")
        .expect("searchID");
    assert_eq!(id.rust, "search_id");
    let query = search
        .params
        .iter()
        .find(|p| p.wire == "query")
        .expect("query");
    assert!(query.required);
}

#[test]
fn imagen_path_params_in_template_order() {
    let api = imagen();
    let delete = endpoint(&api, "media", "delete");
    assert_eq!(delete.path, "/imcc/v1/media/{mediaId}/{deleteSegments}");
    let path: Vec<(&str, &str)> = delete
        .params
        .iter()
        .filter(|p| p.location == ParamIn::Path)
        .map(|p| (p.wire.as_str(), p.rust.as_str()))
        .collect();
    assert_eq!(
        path,
        [
            ("mediaId", "media_id"),
            ("deleteSegments", "delete_segments")
        ]
    );
    assert!(delete.params.iter().all(|p| p.required));
    assert_eq!(delete.params[1].ty, TypeRef::Flag);

    let status = endpoint(&api, "import", "status");
    assert_eq!(status.params[0].wire, "GUID");
    assert_eq!(status.params[0].rust, "guid");
    assert_eq!(status.params[0].location, ParamIn::Path);
    assert_eq!(
        status.params[1].location,
        ParamIn::Query,
        "query parameters follow path parameters"
    );
}

#[test]
fn imagen_responses_and_types() {
    let api = imagen();
    let app = endpoint(&api, "application", "get");
    assert_eq!(app.response.envelope.as_deref(), Some("Application"));
    assert_eq!(app.response.xml.as_deref(), Some("Response/Application"));
    assert_eq!(app.response.formats, [Format::Xml, Format::Json]);
    assert_eq!(app.auth, Auth::Application);
    // XML is the only documented format of these.
    for (r, e) in [
        ("records", "search"),
        ("import", "records"),
        ("import", "status"),
        ("jobs", "create"),
        ("user", "current"),
        ("history", "list"),
        ("profiles", "list"),
    ] {
        assert_eq!(
            endpoint(&api, r, e).response.formats,
            [Format::Xml],
            "{r}.{e}"
        );
    }
    assert_eq!(
        endpoint(&api, "user", "current").response.xml.as_deref(),
        Some("Response/Result/User")
    );
    let workflows = endpoint(&api, "workflows", "list");
    assert!(
        matches!(&workflows.response.ty, TypeRef::List(t) if matches!(**t, TypeRef::Named(i) if api.types[i].name == "Workflow"))
    );
    assert!(!endpoint(&api, "jobs", "create").documented);
    assert!(endpoint(&api, "records", "search").documented);

    let state = api
        .types
        .iter()
        .find(|t| t.name == "JobState")
        .expect("JobState");
    assert!(state.documented, "the vendor documents the import states");
    let TypeKind::Codes(codes) = &state.kind else {
        panic!("JobState is a numeric enum")
    };
    assert_eq!(
        codes
            .iter()
            .map(|c| (c.ident.as_str(), c.code))
            .collect::<Vec<_>>(),
        [
            ("Waiting", 0),
            ("Processing", 1),
            ("Completed", 2),
            ("Failed", 3)
        ]
    );
    let job = api
        .types
        .iter()
        .find(|t| t.name == "DatabaseJob")
        .expect("DatabaseJob");
    let TypeKind::Struct(fields) = &job.kind else {
        panic!("DatabaseJob is a struct")
    };
    let guid = fields.iter().find(|f| f.rust == "guid").expect("guid");
    assert_eq!((guid.wire.as_str(), guid.xml), ("GUID", XmlNode::Attribute));
    let user = api.types.iter().find(|t| t.name == "User").expect("User");
    let TypeKind::Struct(fields) = &user.kind else {
        panic!("User is a struct")
    };
    let user_type = fields
        .iter()
        .find(|f| f.rust == "user_type")
        .expect("user_type");
    assert_eq!(user_type.ty, TypeRef::I64, "UserType is numeric");
    let web_search = api
        .types
        .iter()
        .find(|t| t.name == "WebSearchResult")
        .expect("WebSearchResult");
    let TypeKind::Struct(fields) = &web_search.kind else {
        panic!("a struct")
    };
    let u = fields.iter().find(|f| f.rust == "user").expect("user");
    assert_eq!(u.ty, TypeRef::I64, "<User> is the user's ID");
    let wf = api
        .types
        .iter()
        .find(|t| t.name == "Workflow")
        .expect("Workflow");
    let TypeKind::Struct(fields) = &wf.kind else {
        panic!("a struct")
    };
    let mt = fields.iter().find(|f| f.rust == "media_types").unwrap();
    assert!(
        matches!(mt.ty, TypeRef::Csv(_)),
        "MediaTypes is comma-separated"
    );
    let fe = fields.iter().find(|f| f.rust == "file_extensions").unwrap();
    assert_eq!(fe.ty, TypeRef::String, "FileExtensions is JSON text");

    let application = api
        .types
        .iter()
        .find(|t| t.name == "Application")
        .expect("Application");
    let TypeKind::Struct(fields) = &application.kind else {
        panic!("Application is a struct")
    };
    let secret = fields
        .iter()
        .find(|f| f.rust == "secret_access_key")
        .expect("secret field");
    assert_eq!(
        (secret.wire.as_str(), &secret.ty, secret.optional),
        ("SecretAccessKey", &TypeRef::Secret, true)
    );
}

#[test]
fn generation_is_deterministic() {
    for path in [
        "../api/imagen.yaml",
        "tests/fixtures/every_feature.yaml",
        "tests/fixtures/awkward_names.yaml",
    ] {
        let first = generate_source(&load(Path::new(path)).unwrap(), &Options::default());
        let second = generate_source(&load(Path::new(path)).unwrap(), &Options::default());
        assert_eq!(first, second, "{path}: two runs differ");
    }
}

#[test]
fn options_change_the_paths() {
    let api = imagen();
    let options = Options {
        runtime: "crate".into(),
        module: "crate::api".into(),
        export_scopes_macro: true,
    };
    let source = generate_source(&api, &options);
    assert!(
        !source.contains("::imagen_runtime"),
        "runtime path replaced everywhere"
    );
    assert!(source.contains("#[macro_export]"));
    assert!(
        source.contains("$crate::api::scopes") || source.contains("$crate ::api::scopes"),
        "exported macro goes through $crate"
    );
}

/// A synthetic description of 1000 endpoints (100 resources of 10) with
/// types, scopes and parameters: validation and generation succeed. The time
/// is printed (`--nocapture`), not asserted.
/// A synthetic description of `resources` × 10 endpoints.
fn synthetic(resources: usize) -> String {
    let mut yaml = String::from("name: big\nhosts:\n  main: { env: BIG_URL }\nscopes:\n");
    for s in 0..20 {
        yaml.push_str(&format!(
            "  scope{s}: {{ doc: Scope {s}., default: {}",
            s < 2
        ));
        if s > 0 {
            yaml.push_str(&format!(", implies: [scope{}]", s - 1));
        }
        yaml.push_str(" }\n");
    }
    yaml.push_str("types:\n  Kind:\n    enum: [alpha, beta, gamma]\n");
    for t in 0..resources {
        yaml.push_str(&format!(
            "  Thing{t}:\n    fields:\n      id: {{ wire: ID, type: i64 }}\n      name: {{ wire: Name, type: string, optional: true }}\n      \
             kind: {{ type: Kind }}\n      tags: {{ type: \"list<string>\", optional: true }}\n"
        ));
    }
    yaml.push_str("resources:\n");
    for r in 0..resources {
        yaml.push_str(&format!(
            "  resource{r}:\n    doc: Resource {r}.\n    endpoints:\n"
        ));
        for e in 0..10 {
            let (method, body) = if e % 2 == 0 {
                ("GET", String::new())
            } else {
                (
                    "POST",
                    format!(", body: {{ format: json, type: Thing{r} }}"),
                )
            };
            yaml.push_str(&format!(
                "      endpoint{e}: {{ method: {method}, path: \"/r{r}/e{e}/{{thingId}}\", host: main, auth: {auth}, scopes: [scope{s}], \
                 params: {{ thingId: {{ in: path, type: i64 }}, filter: {{ in: query, type: string }}, kind: {{ in: query, type: Kind, required: true }} }}, \
                 response: {{ list: Thing{r} }}{body}, doc: Endpoint {e} of resource {r}. }}\n",
                auth = ["user", "application", "any"][e % 3],
                s = (r + e) % 20,
            ));
        }
    }
    yaml
}

#[test]
fn thousand_endpoints() {
    let yaml = synthetic(100);
    let started = Instant::now();
    let api = parse(&yaml, "big.yaml").unwrap_or_else(|d| panic!("{d}"));
    let parsed = started.elapsed();
    assert_eq!(
        api.resources
            .iter()
            .map(|r| r.endpoints.len())
            .sum::<usize>(),
        1000
    );
    assert_eq!(
        api.scopes[19].closure.len(),
        20,
        "the implication chain is closed transitively"
    );
    let source = generate_source(&api, &Options::default());
    let total = started.elapsed();
    assert_eq!(source.matches(": Endpoint = Endpoint {").count(), 1000);
    assert!(source.contains("pub mod resource99"));
    println!(
        "1000 endpoints: {} bytes of YAML, parse+validate {parsed:?}, total with generation and formatting {total:?}, {} lines of Rust",
        yaml.len(),
        source.lines().count()
    );
}

/// 10,000 endpoints (about 5 MB of YAML; more than the parser's default
/// node budget) stay within the YAML parser's
/// limits, which scale with the input.
#[test]
fn ten_thousand_endpoints_parse() {
    let yaml = synthetic(1000);
    let api = parse(&yaml, "huge.yaml").unwrap_or_else(|d| panic!("{d}"));
    let endpoints: usize = api.resources.iter().map(|r| r.endpoints.len()).sum();
    assert_eq!(endpoints, 10_000);
    assert_eq!(api.types.len(), 1001);
}

/// The example at the end of api/FORMAT.md is a valid description, and the
/// calls the text shows exist in its bindings.
#[test]
fn format_reference_example_is_valid() {
    let text = std::fs::read_to_string("../api/FORMAT.md").expect("api/FORMAT.md exists");
    let example = text
        .split("## A short example")
        .nth(1)
        .expect("example section");
    let yaml = example
        .split("```yaml\n")
        .nth(1)
        .and_then(|s| s.split("```").next())
        .expect("yaml block");
    let api = parse(yaml, "api/FORMAT.md")
        .unwrap_or_else(|d| panic!("the FORMAT.md example is invalid:\n{d}"));
    let source = generate_source(&api, &Options::default());
    for item in [
        "pub fn things(",
        "pub fn get(&self, thing_id: i64)",
        "pub fn state(self, value: super::types::State)",
        "Draft,",
        "pub fn create(",
    ] {
        assert!(
            source.contains(item),
            "the example's bindings lack `{item}`"
        );
    }
}
