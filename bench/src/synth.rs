//! Deterministic synthetic API descriptions: the same Imagen-shaped API of
//! `n` endpoints in our YAML format and as OpenAPI 3.0 JSON.
//!
//! No randomness: endpoint `i` is fully determined by `i`. Resources hold 10
//! endpoints each (the last one may hold fewer); each resource has one
//! 8-field type used as its response and as the JSON body of its writes.
//! Endpoint shapes cycle through five patterns:
//!
//! | `e % 5` | method | path | parameters | body | response |
//! |---|---|---|---|---|---|
//! | 0 | GET | `/v1/res{r}/op{e}` | query `q` (string, required), `start`, `limit` (i64, optional) | – | list |
//! | 1 | GET | `/v1/res{r}/op{e}/{itemId}` | path `itemId` (i64), query `fields` (string, optional) | – | one |
//! | 2 | POST | `/v1/res{r}/op{e}` | – | JSON | one |
//! | 3 | PUT | `/v1/res{r}/op{e}/{itemId}/{part}` | path `itemId` (i64), `part` (string), query `dryRun` (bool, optional) | JSON | one |
//! | 4 | DELETE | `/v1/res{r}/op{e}/{itemId}` | path `itemId` (i64), query `force` (bool, required) | – | one |
//!
//! Authentication cycles through application, user, any, none; every
//! endpoint but the `none` ones needs one of 8 scopes. Documentation strings
//! are present on both sides (endpoint, parameters, types, fields) so that
//! both generators carry comparable text.

use std::fmt::Write as _;

use serde_json::{Map, Value, json};

/// Endpoints per resource.
pub const PER_RESOURCE: usize = 10;
/// Number of scopes.
pub const SCOPES: usize = 8;

/// One synthetic endpoint, shared by both renderings.
struct Op {
    resource: usize,
    index: usize,
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    List,
    Get,
    Create,
    Replace,
    Delete,
}

impl Op {
    fn kind(&self) -> Kind {
        match self.index % 5 {
            0 => Kind::List,
            1 => Kind::Get,
            2 => Kind::Create,
            3 => Kind::Replace,
            _ => Kind::Delete,
        }
    }
    fn method(&self) -> &'static str {
        match self.kind() {
            Kind::List | Kind::Get => "GET",
            Kind::Create => "POST",
            Kind::Replace => "PUT",
            Kind::Delete => "DELETE",
        }
    }
    fn path(&self) -> String {
        let base = format!("/v1/res{}/op{}", self.resource, self.index);
        match self.kind() {
            Kind::List | Kind::Create => base,
            Kind::Get | Kind::Delete => format!("{base}/{{itemId}}"),
            Kind::Replace => format!("{base}/{{itemId}}/{{part}}"),
        }
    }
    fn auth(&self) -> &'static str {
        ["application", "user", "any", "none"][(self.resource + self.index) % 4]
    }
    fn scope(&self) -> Option<usize> {
        (self.auth() != "none").then_some((self.resource * 3 + self.index) % SCOPES)
    }
    fn host(&self) -> &'static str {
        if self.index % 7 == 6 { "web" } else { "mcc" }
    }
    fn has_body(&self) -> bool {
        matches!(self.kind(), Kind::Create | Kind::Replace)
    }
    fn doc(&self) -> String {
        format!(
            "Operation {} of resource {}, a synthetic {} endpoint.",
            self.index,
            self.resource,
            self.method()
        )
    }
    /// (wire name, location, type, required, doc)
    fn params(&self) -> Vec<(&'static str, &'static str, &'static str, bool, &'static str)> {
        match self.kind() {
            Kind::List => vec![
                ("q", "query", "string", true, "Search query."),
                ("start", "query", "i64", false, "Index of the first item."),
                ("limit", "query", "i64", false, "Maximum number of items."),
            ],
            Kind::Get => vec![
                ("itemId", "path", "i64", true, "The item."),
                ("fields", "query", "string", false, "Fields to return."),
            ],
            Kind::Create => vec![],
            Kind::Replace => vec![
                ("itemId", "path", "i64", true, "The item."),
                ("part", "path", "string", true, "The part to replace."),
                ("dryRun", "query", "bool", false, "Validate only."),
            ],
            Kind::Delete => vec![
                ("itemId", "path", "i64", true, "The item."),
                (
                    "force",
                    "query",
                    "bool",
                    true,
                    "Delete even when referenced.",
                ),
            ],
        }
    }
}

/// (field key, wire name, type, optional, doc): 8 fields.
const FIELDS: [(&str, &str, &str, bool, &str); 8] = [
    ("id", "itemId", "i64", false, "Identifier."),
    ("name", "displayName", "string", false, "Display name."),
    (
        "enabled",
        "isEnabled",
        "bool",
        false,
        "Whether the item is active.",
    ),
    ("tags", "tags", "list<string>", false, "Free-form tags."),
    ("note", "note", "string", true, "A note, if any."),
    (
        "size",
        "sizeBytes",
        "i64",
        true,
        "Size in bytes, when known.",
    ),
    (
        "created",
        "createdAt",
        "string",
        false,
        "Creation time (ISO 8601).",
    ),
    (
        "children",
        "childIds",
        "list<i64>",
        true,
        "Identifiers of child items.",
    ),
];

fn ops(n: usize) -> impl Iterator<Item = Op> {
    (0..n).map(|i| Op {
        resource: i / PER_RESOURCE,
        index: i % PER_RESOURCE,
    })
}

fn resources(n: usize) -> usize {
    n.div_ceil(PER_RESOURCE)
}

/// The description in our YAML format.
pub fn yaml(n: usize) -> String {
    let mut y = String::with_capacity(n * 600);
    let _ = writeln!(
        y,
        "# Synthetic Imagen-shaped API with {n} endpoints (bench/src/synth.rs)."
    );
    y.push_str("name: synthetic\ndoc: A synthetic Imagen-shaped API for benchmarks.\n");
    y.push_str("hosts:\n  mcc: { env: SYN_MCC_URL, doc: Main host. }\n  web: { env: SYN_WEB_URL, doc: Web host. }\n");
    y.push_str("oauth: { host: web, authorize: /oauth/authorize, token: /oauth/token }\n");
    y.push_str("scopes:\n");
    for s in 0..SCOPES {
        let _ = write!(
            y,
            "  scope{s}: {{ doc: Synthetic scope {s}., default: {}",
            s < 2
        );
        if s > 0 && s % 2 == 1 {
            let _ = write!(y, ", implies: [scope{}]", s - 1);
        }
        y.push_str(" }\n");
    }
    y.push_str("types:\n");
    for r in 0..resources(n) {
        let _ = writeln!(
            y,
            "  Item{r}:\n    doc: An item of resource {r}.\n    fields:"
        );
        for (key, wire, ty, optional, doc) in FIELDS {
            let _ = writeln!(
                y,
                "      {key}: {{ wire: {wire}, type: \"{ty}\", optional: {optional}, doc: \"{doc}\" }}"
            );
        }
    }
    y.push_str("resources:\n");
    let mut current = usize::MAX;
    for op in ops(n) {
        if op.resource != current {
            current = op.resource;
            let _ = writeln!(
                y,
                "  res{r}:\n    doc: Synthetic resource {r}.\n    endpoints:",
                r = op.resource
            );
        }
        let _ = writeln!(y, "      op{}:", op.index);
        let _ = writeln!(y, "        method: {}", op.method());
        let _ = writeln!(y, "        path: {}", op.path());
        let _ = writeln!(y, "        host: {}", op.host());
        let _ = writeln!(y, "        auth: {}", op.auth());
        match op.scope() {
            Some(s) => {
                let _ = writeln!(y, "        scopes: [scope{s}]");
            }
            None => y.push_str("        scopes: []\n"),
        }
        let params = op.params();
        if !params.is_empty() {
            y.push_str("        params:\n");
            for (wire, loc, ty, required, doc) in params {
                let _ = write!(
                    y,
                    "          {wire}: {{ in: {loc}, type: {ty}, doc: \"{doc}\""
                );
                if loc == "query" {
                    let _ = write!(y, ", required: {required}");
                }
                y.push_str(" }\n");
            }
        }
        if op.has_body() {
            let _ = writeln!(
                y,
                "        body: {{ format: json, type: Item{}, doc: The item. }}",
                op.resource
            );
        }
        let key = if op.kind() == Kind::List {
            "list"
        } else {
            "type"
        };
        let _ = writeln!(y, "        response: {{ {key}: Item{} }}", op.resource);
        let _ = writeln!(y, "        doc: {}", op.doc());
    }
    y
}

fn schema_of(ty: &str) -> Value {
    match ty {
        "string" => json!({ "type": "string" }),
        "i64" => json!({ "type": "integer", "format": "int64" }),
        "bool" => json!({ "type": "boolean" }),
        "list<string>" => json!({ "type": "array", "items": { "type": "string" } }),
        "list<i64>" => {
            json!({ "type": "array", "items": { "type": "integer", "format": "int64" } })
        }
        other => unreachable!("no schema for {other}"),
    }
}

/// The same API as OpenAPI 3.0 (pretty JSON). Scopes and authentication
/// kinds have no counterpart that progenitor uses; they are listed as
/// security requirements for completeness.
pub fn openapi(n: usize) -> String {
    let mut schemas = Map::new();
    for r in 0..resources(n) {
        let mut props = Map::new();
        let mut required = Vec::new();
        for (_, wire, ty, optional, doc) in FIELDS {
            let mut s = schema_of(ty);
            s["description"] = json!(doc);
            props.insert(wire.to_string(), s);
            if !optional {
                required.push(json!(wire));
            }
        }
        schemas.insert(
            format!("Item{r}"),
            json!({
                "description": format!("An item of resource {r}."),
                "type": "object",
                "properties": props,
                "required": required,
            }),
        );
    }
    let mut paths = Map::new();
    for op in ops(n) {
        let item_ref = json!({ "$ref": format!("#/components/schemas/Item{}", op.resource) });
        let params: Vec<Value> = op
            .params()
            .into_iter()
            .map(|(wire, loc, ty, required, doc)| {
                json!({
                    "name": wire,
                    "in": loc,
                    "required": required,
                    "description": doc,
                    "schema": schema_of(ty),
                })
            })
            .collect();
        let response = if op.kind() == Kind::List {
            json!({ "type": "array", "items": item_ref })
        } else {
            item_ref.clone()
        };
        let mut operation = json!({
            "operationId": format!("res{}_op{}", op.resource, op.index),
            "tags": [format!("res{}", op.resource)],
            "description": op.doc(),
            "parameters": params,
            "responses": {
                "200": {
                    "description": "Success.",
                    "content": { "application/json": { "schema": response } }
                }
            },
        });
        if let Some(s) = op.scope() {
            operation["security"] = json!([{ "imagen": [format!("scope{s}")] }]);
        }
        if op.has_body() {
            operation["requestBody"] = json!({
                "required": true,
                "description": "The item.",
                "content": { "application/json": { "schema": item_ref } }
            });
        }
        let mut path_item = Map::new();
        path_item.insert(op.method().to_ascii_lowercase(), operation);
        paths.insert(op.path(), Value::Object(path_item));
    }
    let doc = json!({
        "openapi": "3.0.3",
        "info": {
            "title": "synthetic",
            "description": "A synthetic Imagen-shaped API for benchmarks.",
            "version": "1.0.0"
        },
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "imagen": { "type": "apiKey", "in": "header", "name": "X-Imagen-API-Key" }
            }
        }
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_renderings_are_valid_and_deterministic() {
        for n in [12, 57] {
            let y = yaml(n);
            assert_eq!(y, yaml(n));
            let api = imagen_codegen::parse(&y, "synthetic.yaml").unwrap_or_else(|d| panic!("{d}"));
            let endpoints: usize = api.resources.iter().map(|r| r.endpoints.len()).sum();
            assert_eq!(endpoints, n);
            let o = openapi(n);
            assert_eq!(o, openapi(n));
            let spec: openapiv3::OpenAPI = serde_json::from_str(&o).unwrap();
            assert_eq!(spec.paths.paths.len(), n);
        }
    }
}
