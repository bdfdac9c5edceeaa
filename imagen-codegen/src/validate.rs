//! Validation: turns the raw [`Spec`] into the resolved [`Api`] model, or
//! reports every problem with its position and a hint. After this step the
//! generator cannot emit invalid Rust: every identifier is checked (keywords
//! become raw identifiers where Rust allows it), every reference resolves,
//! and no two items collide after case conversion.

use std::collections::HashMap;

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

use crate::diag::{Diagnostic, Pos};
use crate::model::*;
use crate::spec::{self, S, Spec};

/// Names that the generator itself emits next to resource modules, and the
/// methods of `Client` that sit next to the resource accessors.
const RESERVED_MODULES: &[&str] = &[
    "types",
    "scopes",
    "endpoints",
    "oauth_endpoints",
    "new",
    "with_scopes",
    "session",
    "declared_scopes",
    "verify_scopes",
    "for_user",
    "as_application",
    // Crate names the generated code and users' `generate!` calls refer to:
    // a module of the same name would make those paths ambiguous (E0659).
    "std",
    "core",
    "alloc",
    "imagen",
    "imagen_runtime",
];

/// The deepest `list<…>`/`map<…>`/`csv<…>` nesting of a type.
pub(crate) const MAX_TYPE_DEPTH: usize = 32;

/// The scope set type the generator emits next to the scope markers.
const RESERVED_SCOPE: &str = "DefaultScopes";
/// Identifiers that can't be written even as raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];
const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

fn pos<T>(s: &S<T>) -> Pos {
    Pos::of(&s.referenced)
}

struct Cx {
    errors: Vec<Diagnostic>,
}

impl Cx {
    fn err(&mut self, d: Diagnostic) {
        self.errors.push(d);
    }

    /// Checks a converted identifier; returns it (raw if a keyword) or None after reporting.
    fn ident(&mut self, at: Pos, what: &str, original: &str, converted: String) -> Option<String> {
        let fix = rename_hint(what, original);
        if converted.is_empty() {
            self.err(
                Diagnostic::new(
                    at,
                    format!("{what} `{original}` has no letters to make a Rust name from"),
                )
                .hint(format!(
                    "use a name made of ASCII letters, digits and underscores: {fix}"
                )),
            );
            return None;
        }
        if !converted.is_ascii() {
            self.err(
                Diagnostic::new(
                    at,
                    format!("{what} `{original}` gives the non-ASCII Rust name `{converted}`"),
                )
                .hint(format!("Rust names in generated code are ASCII: {fix}")),
            );
            return None;
        }
        let first = converted.chars().next().unwrap_or('0');
        let valid = (first.is_ascii_alphabetic() || first == '_')
            && converted
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !valid {
            self.err(
                Diagnostic::new(at, format!("{what} `{original}` gives `{converted}`, which is not a valid Rust identifier"))
                    .hint(format!("a Rust name starts with a letter and has only letters, digits and underscores: {fix}")),
            );
            return None;
        }
        if NOT_RAW.contains(&converted.as_str()) {
            self.err(
                Diagnostic::new(at, format!("{what} `{original}` gives `{converted}`, a Rust keyword that can't be used as a name, even as `r#{converted}`"))
                    .hint(fix),
            );
            return None;
        }
        if KEYWORDS.contains(&converted.as_str()) {
            return Some(format!("r#{converted}"));
        }
        Some(converted)
    }
}

/// How to give something another Rust name: the ways differ by kind (only
/// scopes, endpoints and parameters have `rust:`; a field is renamed by its
/// key, keeping the wire name with `wire:`).
fn rename_hint(what: &str, original: &str) -> String {
    match what {
        "field" => format!("rename the key and keep the wire name with `wire:`, e.g. `new_name: {{ wire: \"{original}\", type: string }}`"),
        "scope" | "endpoint" | "parameter" => "set `rust:` to another name".to_owned(),
        "enum value" => "enum values become variant names and can't be renamed; use `type: string` where this enum is used instead".to_owned(),
        _ => format!("rename the {what}"),
    }
}

/// How to resolve two names that collide after case conversion.
fn collision_hint(what: &str) -> &'static str {
    match what {
        "field" => "rename one of the keys and keep its wire name with `wire:`",
        "scope" | "endpoint" | "parameter" => "rename one of them or give one a `rust:` name",
        "enum value" => {
            "enum values that differ only in case or separators can't both be variants; use `type: string` where this enum is used instead"
        }
        _ => "rename one of them",
    }
}

/// Tracks names that must stay distinct after case conversion.
struct Unique<'a> {
    what: &'a str,
    seen: HashMap<String, (String, Pos)>,
}

impl<'a> Unique<'a> {
    fn new(what: &'a str) -> Self {
        Unique {
            what,
            seen: HashMap::new(),
        }
    }

    fn check(&mut self, cx: &mut Cx, at: Pos, original: &str, converted: &str) -> bool {
        let key = converted.trim_start_matches("r#").to_owned();
        if let Some((first, first_at)) = self.seen.get(&key) {
            cx.err(
                Diagnostic::new(
                    at,
                    format!(
                        "{} `{original}` becomes `{converted}` in Rust, like `{first}` at line {}, column {}",
                        self.what, first_at.line, first_at.column
                    ),
                )
                .hint(collision_hint(self.what)),
            );
            false
        } else {
            self.seen.insert(key, (original.to_owned(), at));
            true
        }
    }
}

pub(crate) fn validate(spec: &Spec) -> Result<Api, Vec<Diagnostic>> {
    let mut cx = Cx { errors: Vec::new() };
    let hosts = hosts(&mut cx, spec);
    let oauth = oauth(&mut cx, spec, &hosts);
    let (mut scopes, scope_index) = scopes(&mut cx, spec);
    scope_closures(&mut cx, spec, &mut scopes);
    if let Some(f) = spec.credentials.as_ref().and_then(|c| c.file.as_ref()) {
        for k in f.hosts.keys() {
            check_host(&mut cx, &hosts, k);
        }
    }
    let (mut types, type_index) = types(&mut cx, spec);
    struct_cycles(&mut cx, spec, &types);
    mark_plain_json(&mut types);
    let mut resources = resources(&mut cx, spec, &hosts, &type_index, &scope_index);
    paging(&mut cx, spec, &mut resources, &types);
    let scope_check = spec
        .scope_check
        .as_ref()
        .and_then(|c| scope_check(&mut cx, c, &resources, &types));
    let upper = spec.name.value.to_shouty_snake_case();
    let credentials = spec.credentials.as_ref();
    let remedies = spec.remedies.as_ref();
    if cx.errors.is_empty() {
        Ok(Api {
            name: spec.name.value.clone(),
            doc: spec.doc.clone(),
            key_env: credentials
                .and_then(|c| c.key_env.clone())
                .unwrap_or_else(|| format!("{upper}_API_KEY")),
            secret_env: credentials
                .and_then(|c| c.secret_env.clone())
                .unwrap_or_else(|| format!("{upper}_API_SECRET")),
            credential_file: credentials
                .and_then(|c| c.file.as_ref())
                .map(|f| CredentialFile {
                    wrapper: f.wrapper.clone(),
                    key: f.key.clone(),
                    secret: f.secret.clone(),
                    hosts: f
                        .hosts
                        .iter()
                        .map(|(k, v)| (k.value.clone(), v.clone()))
                        .collect(),
                }),
            hosts,
            oauth,
            scope_check,
            scope_remedy: remedies.and_then(|r| r.scope.clone()).unwrap_or_else(|| {
                "ask the API's administrator to grant {scope} to the application".to_owned()
            }),
            scopes,
            types,
            resources,
        })
    } else {
        cx.errors.sort_by_key(|d| (d.pos.line, d.pos.column));
        Err(cx.errors)
    }
}

/// `hosts:` as the model has them; a `default:` must be an http(s) URL.
fn hosts(cx: &mut Cx, spec: &Spec) -> Vec<Host> {
    let hosts: Vec<Host> = spec
        .hosts
        .iter()
        .map(|(k, h)| Host {
            key: k.value.clone(),
            env: h.env.clone(),
            default: h.default.as_ref().map(|d| d.value.clone()),
            doc: h.doc.clone(),
        })
        .collect();
    for h in spec.hosts.values() {
        if let Some(d) = &h.default
            && !(d.value.starts_with("http://") || d.value.starts_with("https://"))
        {
            cx.err(
                Diagnostic::new(
                    pos(d),
                    format!("the default URL `{}` is not an http(s) URL", d.value),
                )
                .hint("write the base URL, e.g. `https://api.example.com`"),
            );
        }
    }
    hosts
}

/// An endpoint's or `oauth:`'s `host:` must be declared under `hosts:`.
fn check_host(cx: &mut Cx, hosts: &[Host], h: &S<String>) {
    if !hosts.iter().any(|x| x.key == h.value) {
        let names = hosts
            .iter()
            .map(|h| h.key.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        cx.err(
            Diagnostic::new(pos(h), format!("unknown host `{}`", h.value)).hint(format!(
                "declare it under `hosts:` or use one of: {}",
                or_none(names)
            )),
        );
    }
}

/// `oauth:`: its host declared, its paths absolute, a known client authentication.
fn oauth(cx: &mut Cx, spec: &Spec, hosts: &[Host]) -> Option<OAuth> {
    spec.oauth.as_ref().map(|o| {
        check_host(cx, hosts, &o.host);
        for p in [Some(&o.authorize), Some(&o.token), o.revoke.as_ref()].into_iter().flatten() {
            if !p.value.starts_with('/') {
                cx.err(
                    Diagnostic::new(pos(p), format!("OAuth path `{}` must start with `/`", p.value))
                        .hint("OAuth paths are relative to the host named by `oauth.host`, e.g. `/oauth/token`"),
                );
            }
        }
        let basic_auth = match o.client_auth.as_ref().map(|c| c.value.as_str()) {
            None | Some("basic") => true,
            Some("form") => false,
            Some(other) => {
                let at = o.client_auth.as_ref().map(pos).unwrap_or_default();
                cx.err(
                    Diagnostic::new(at, format!("unknown client authentication `{other}`"))
                        .hint("use `basic` (HTTP Basic with key and secret) or `form` (`client_id`/`client_secret` form fields)"),
                );
                true
            }
        };
        let oob_title = o.oob_title.as_ref().map(|t| {
            for w in [&t.success, &t.denied] {
                if w.value.is_empty() || w.value.contains(|c: char| c.is_whitespace() || c == '=') {
                    cx.err(
                        Diagnostic::new(pos(w), format!("window-title word `{}` must be one word", w.value))
                            .hint("the title is the word, a space and the callback's parameters (`Success code=…`): no spaces and no `=` in the word"),
                    );
                }
            }
            OobTitle { success: t.success.value.clone(), denied: t.denied.value.clone() }
        });
        OAuth {
            host: o.host.value.clone(),
            authorize: o.authorize.value.clone(),
            token: o.token.value.clone(),
            revoke: o.revoke.as_ref().map(|r| r.value.clone()),
            basic_auth,
            pkce: o.pkce,
            oob_title,
        }
    })
}

/// `scopes:`: marker names checked and unique, `implies:` resolved (closures come next).
fn scopes<'s>(cx: &mut Cx, spec: &'s Spec) -> (Vec<ScopeDef>, HashMap<&'s str, usize>) {
    let scope_index: HashMap<&str, usize> = spec
        .scopes
        .keys()
        .enumerate()
        .map(|(i, k)| (k.value.as_str(), i))
        .collect();
    let mut scopes = Vec::new();
    let mut unique = Unique::new("scope");
    for (key, s) in &spec.scopes {
        let (at, from) = match &s.rust {
            Some(r) => (pos(r), r.value.clone()),
            None => (pos(key), key.value.to_upper_camel_case()),
        };
        let ident = cx.ident(at, "scope", &key.value, from).unwrap_or_default();
        if ident == RESERVED_SCOPE {
            cx.err(
                Diagnostic::new(
                    at,
                    format!(
                        "scope `{}` becomes `{ident}`, the name of the generated default scope set",
                        key.value
                    ),
                )
                .hint("set `rust:` to another name"),
            );
        } else if !ident.is_empty() {
            unique.check(cx, at, &key.value, &ident);
        }
        let mut implies = Vec::new();
        for i in &s.implies {
            match scope_index.get(i.value.as_str()) {
                Some(&j) => implies.push(j),
                None => cx.err(
                    Diagnostic::new(
                        pos(i),
                        format!(
                            "scope `{}` implies the unknown scope `{}`",
                            key.value, i.value
                        ),
                    )
                    .hint(format!(
                        "declared scopes: {}",
                        or_none(list(spec.scopes.keys()))
                    )),
                ),
            }
        }
        scopes.push(ScopeDef {
            wire: key.value.clone(),
            ident,
            doc: s.doc.clone(),
            default: s.default,
            implies,
            closure: Vec::new(),
        });
    }
    (scopes, scope_index)
}

/// Each scope's closure under `implies:`, and implication cycles.
fn scope_closures(cx: &mut Cx, spec: &Spec, scopes: &mut [ScopeDef]) {
    // Closures, then implication cycles. A cycle is reported once, at its
    // first scope in file order (the smallest index of the scopes that imply
    // each other), pointing at the `implies` entry that leads back to it.
    let keys: Vec<&S<String>> = spec.scopes.keys().collect();
    for start in 0..scopes.len() {
        let mut closure = vec![start];
        let mut stack = vec![start];
        while let Some(n) = stack.pop() {
            for &m in &scopes[n].implies {
                if !closure.contains(&m) {
                    closure.push(m);
                    stack.push(m);
                }
            }
        }
        closure.sort_unstable();
        scopes[start].closure = closure;
    }
    for start in 0..scopes.len() {
        // The first scope that `start` reaches and that implies `start` directly
        // (`start` itself when it implies itself) closes a cycle.
        let Some(n) = (0..scopes.len())
            .find(|&n| scopes[start].closure.contains(&n) && scopes[n].implies.contains(&start))
        else {
            continue;
        };
        let cycle_members = (0..scopes.len()).filter(|&m| {
            scopes[start].closure.contains(&m) && scopes[m].closure.contains(&start) && m != start
        });
        if cycle_members.clone().any(|m| m < start) {
            continue;
        }
        let k = scopes[n]
            .implies
            .iter()
            .position(|&m| m == start)
            .unwrap_or(0);
        let entry = &spec.scopes[n].implies[k];
        let message = if n == start {
            format!("scope `{}` implies itself", keys[start].value)
        } else {
            let via: Vec<String> = cycle_members
                .map(|m| format!("`{}`", keys[m].value))
                .collect();
            format!(
                "scope implications form a cycle: `{}` implies itself through {}",
                keys[start].value,
                via.join(", ")
            )
        };
        cx.err(
            Diagnostic::new(pos(entry), message)
                .hint("implications must go one way (e.g. modifyUsersData implies readUsersData, not back); a scope always includes itself"),
        );
    }
}

/// `types:`: names checked (no keyword, no shadowed name, unique), each a struct, enum or numeric enum.
fn types<'s>(cx: &mut Cx, spec: &'s Spec) -> (Vec<TypeDef>, HashMap<&'s str, usize>) {
    let type_index: HashMap<&str, usize> = spec
        .types
        .keys()
        .enumerate()
        .map(|(i, k)| (k.value.as_str(), i))
        .collect();
    let kinds = types_kinds(spec);
    let mut types = Vec::new();
    let mut unique = Unique::new("type");
    for (key, t) in &spec.types {
        let name = cx
            .ident(
                pos(key),
                "type",
                &key.value,
                key.value.to_upper_camel_case(),
            )
            .unwrap_or_default();
        if !name.is_empty() {
            if name.starts_with("r#") {
                cx.err(
                    Diagnostic::new(pos(key), format!("type `{}` is a Rust keyword", key.value))
                        .hint("choose another type name"),
                );
            } else if [
                "Client", "Secret", "Value", "Vec", "String", "Option", "Result", "HashMap", "Box",
            ]
            .contains(&name.as_str())
            {
                cx.err(
                    Diagnostic::new(
                        pos(key),
                        format!(
                            "type `{}` would shadow a name the generated code uses (`{name}`)",
                            key.value
                        ),
                    )
                    .hint("choose another type name"),
                );
            } else {
                unique.check(cx, pos(key), &key.value, &name);
            }
        }
        let kind = match (&t.fields, &t.variants, &t.codes) {
            (Some(fields), None, None) => {
                TypeKind::Struct(fields_of(cx, &type_index, &kinds, key, fields))
            }
            (None, Some(vs), None) => TypeKind::Enum(enum_variants(cx, key, vs)),
            (None, None, Some(codes)) => TypeKind::Codes(codes_of(cx, key, codes)),
            _ => {
                cx.err(
                    Diagnostic::new(
                        pos(key),
                        format!(
                            "type `{}` needs exactly one of `fields:`, `enum:` and `codes:`",
                            key.value
                        ),
                    )
                    .hint(
                        "a struct has `fields: {name: {type: string}}`, an enum has `enum: [A, B]`, a numeric enum has `codes: {Waiting: 0, Done: 1}`",
                    ),
                );
                TypeKind::Struct(Vec::new())
            }
        };
        types.push(TypeDef {
            name,
            doc: t.doc.clone(),
            documented: t.documented,
            kind,
            plain_json: true,
        });
    }
    (types, type_index)
}

/// An `enum:` type's values: each a variant name, none `Other` or a keyword, unique, at least one.
fn enum_variants(cx: &mut Cx, key: &S<String>, vs: &[S<String>]) -> Vec<Variant> {
    let mut unique = Unique::new("enum value");
    let mut out = Vec::new();
    for v in vs {
        if let Some(ident) = cx.ident(
            pos(v),
            "enum value",
            &v.value,
            v.value.to_upper_camel_case(),
        ) {
            if ident.starts_with("r#") || ident == "Other" {
                cx.err(
                    Diagnostic::new(
                        pos(v),
                        format!("enum value `{}` can't be a variant name", v.value),
                    )
                    .hint("`Other` holds unknown values; keywords can't be variants"),
                );
            } else if unique.check(cx, pos(v), &v.value, &ident) {
                out.push(Variant {
                    wire: v.value.clone(),
                    ident,
                });
            }
        }
    }
    if out.is_empty() && vs.is_empty() {
        cx.err(Diagnostic::new(
            pos(key),
            format!("enum `{}` has no values", key.value),
        ));
    }
    out
}

/// A struct that contains itself by value would have infinite size.
fn struct_cycles(cx: &mut Cx, spec: &Spec, types: &[TypeDef]) {
    // A struct that holds itself (directly, or through other structs, in
    // plain or optional fields) would have infinite size; `list<T>` and
    // `map<T>` put a heap allocation between and are fine.
    // Per type: (contained struct, field key, field type) for each plain or optional struct field.
    type Edge<'s> = (usize, &'s S<String>, &'s S<String>);
    let edges: Vec<Vec<Edge>> = spec
        .types
        .values()
        .zip(types)
        .map(|(t, def)| match (&t.fields, &def.kind) {
            (Some(specs), TypeKind::Struct(fields)) => specs
                .iter()
                .zip(fields)
                .filter_map(|((k, f), field)| match field.ty {
                    TypeRef::Named(j) if matches!(types[j].kind, TypeKind::Struct(_)) => {
                        Some((j, k, &f.ty))
                    }
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        })
        .collect();
    let reach = |from: usize| -> Vec<usize> {
        let mut seen = vec![from];
        let mut stack = vec![from];
        while let Some(n) = stack.pop() {
            for &(m, _, _) in &edges[n] {
                if !seen.contains(&m) {
                    seen.push(m);
                    stack.push(m);
                }
            }
        }
        seen
    };
    let reached: Vec<Vec<usize>> = (0..types.len()).map(reach).collect();
    for start in 0..types.len() {
        // The first field of `start` that leads back to it, if any.
        let Some(&(_, field, ty)) = edges[start]
            .iter()
            .find(|(m, _, _)| reached[*m].contains(&start))
        else {
            continue;
        };
        // Report each cycle once, at its first type in file order.
        if (0..start).any(|m| reached[start].contains(&m) && reached[m].contains(&start)) {
            continue;
        }
        let key = spec
            .types
            .keys()
            .nth(start)
            .map(|k| k.value.as_str())
            .unwrap_or_default();
        cx.err(
            Diagnostic::new(pos(ty), format!("type `{key}` contains itself through field `{}`, so it would have infinite size", field.value))
                .hint(format!("put a list or map in between (`type: \"list<{}>\"`), or remove the field", ty.value)),
        );
    }
}

/// Marks the types whose JSON form is their serde model.
fn mark_plain_json(types: &mut [TypeDef]) {
    // Which types' JSON form is their serde model: none of their fields,
    // nor those of any type they reach, renames a JSON key or wraps a list.
    let mut changed = true;
    while changed {
        changed = false;
        for i in 0..types.len() {
            if !types[i].plain_json {
                continue;
            }
            let plain = match &types[i].kind {
                TypeKind::Struct(fields) => fields.iter().all(|f| {
                    f.item.is_none()
                        && f.json.is_none()
                        && named_in(&f.ty).iter().all(|&j| types[j].plain_json)
                }),
                _ => true,
            };
            if !plain {
                types[i].plain_json = false;
                changed = true;
            }
        }
    }
}

/// `resources:`: module names checked and unique, each with endpoints (checked by `endpoint`).
fn resources(
    cx: &mut Cx,
    spec: &Spec,
    hosts: &[Host],
    type_index: &HashMap<&str, usize>,
    scope_index: &HashMap<&str, usize>,
) -> Vec<Resource> {
    let mut resources = Vec::new();
    let mut unique = Unique::new("resource");
    for (key, r) in &spec.resources {
        let module = cx
            .ident(pos(key), "resource", &key.value, key.value.to_snake_case())
            .unwrap_or_default();
        let ident = key.value.to_upper_camel_case();
        if !module.is_empty() {
            if module.starts_with("r#") || RESERVED_MODULES.contains(&module.as_str()) {
                let why = if module.starts_with("r#") {
                    "a Rust keyword"
                } else {
                    "used by the generated code"
                };
                let bare = module.trim_start_matches("r#");
                cx.err(
                    Diagnostic::new(
                        pos(key),
                        format!(
                            "resource `{}` can't be a module name (`{bare}` is {why})",
                            key.value
                        ),
                    )
                    .hint(format!(
                        "choose another resource name; reserved: Rust keywords, {}",
                        RESERVED_MODULES.join(", ")
                    )),
                );
            } else {
                unique.check(cx, pos(key), &key.value, &module);
            }
        }
        if r.endpoints.is_empty() {
            cx.err(Diagnostic::new(
                pos(key),
                format!("resource `{}` has no endpoints", key.value),
            ));
        }
        let mut endpoints = Vec::new();
        let mut unique_ep = Unique::new("endpoint");
        let mut unique_builder = Unique::new("endpoint");
        for (ek, e) in &r.endpoints {
            let (at, from) = match &e.rust {
                Some(r) => (pos(r), r.value.to_snake_case()),
                None => (pos(ek), ek.value.to_snake_case()),
            };
            let method_name = cx
                .ident(at, "endpoint", &ek.value, from)
                .unwrap_or_default();
            if !method_name.is_empty() && unique_ep.check(cx, at, &ek.value, &method_name) {
                let b = method_name.trim_start_matches("r#").to_upper_camel_case();
                if b == ident {
                    // The builder type would sit next to the accessor type of the same name.
                    cx.err(
                        Diagnostic::new(at, format!("endpoint `{}` of resource `{}` gives the request type `{b}`, the name of the resource's own type", ek.value, key.value))
                            .hint("set `rust:` to another name for the endpoint"),
                    );
                } else {
                    unique_builder.check(cx, at, &ek.value, &b);
                }
            }
            let builder = method_name.trim_start_matches("r#").to_upper_camel_case();
            endpoints.push(endpoint(
                cx,
                type_index,
                &types_kinds(spec),
                scope_index,
                hosts,
                &key.value,
                ek,
                e,
                method_name,
                builder,
            ));
        }
        resources.push(Resource {
            key: key.value.clone(),
            module,
            ident,
            doc: r.doc.clone(),
            endpoints,
        });
    }
    resources
}

/// `paginate:` of each endpoint: a known style, parameters the endpoint
/// has (optional query parameters of the right type), answer fields its
/// answer type has. Runs once the types and parameters are resolved.
fn paging(cx: &mut Cx, spec: &Spec, resources: &mut [Resource], types: &[TypeDef]) {
    for (r, rs) in resources.iter_mut().zip(spec.resources.values()) {
        for (e, es) in r.endpoints.iter_mut().zip(rs.endpoints.values()) {
            if let Some(p) = &es.paginate {
                e.paging = paging_of(cx, e, p, types);
            }
        }
    }
}

fn paging_of(
    cx: &mut Cx,
    e: &Endpoint,
    p: &S<spec::PaginateSpec>,
    types: &[TypeDef],
) -> Option<Paging> {
    let at = pos(p);
    let p = &p.value;
    let style = match p.style.value.as_str() {
        "offset" => PagingStyle::Offset,
        "cursor" => PagingStyle::Cursor,
        other => {
            cx.err(
                Diagnostic::new(pos(&p.style), format!("unknown paging style `{other}`"))
                    .hint("use `offset` (`start` + page size, e.g. `start`/`limit`) or `cursor` (each answer names the next page)"),
            );
            return None;
        }
    };
    if e.body.is_some() || !e.idempotent {
        cx.err(
            Diagnostic::new(at, format!("endpoint `{}` pages but has a body or is not idempotent", e.key))
                .hint("only idempotent requests without a body (searches, lists) can be sent once per page"),
        );
        return None;
    }
    for p in &e.params {
        let bare = p.rust.trim_start_matches("r#");
        if bare == "pages" || bare == "items" {
            cx.err(
                Diagnostic::new(
                    at,
                    format!(
                        "parameter `{}` becomes the setter `{bare}`, the name of a paging method",
                        p.wire
                    ),
                )
                .hint("set `rust:` of the parameter to another name"),
            );
        }
    }
    let fields = match &e.response.ty {
        TypeRef::Named(i) => match &types[*i].kind {
            TypeKind::Struct(fields) => Some((types[*i].name.as_str(), fields)),
            _ => None,
        },
        _ => None,
    };
    let Some((type_name, fields)) = fields else {
        cx.err(
            Diagnostic::new(at, format!("endpoint `{}` pages but its answer is not a struct", e.key))
                .hint("a paged answer is a struct with the page's list of items (and its total or cursor), e.g. `response: { type: SearchResult }`"),
        );
        return None;
    };
    let field_names = || {
        fields
            .iter()
            .map(|f| f.rust.trim_start_matches("r#"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let field =
        |cx: &mut Cx, key: &S<String>, what: &str, ok: &dyn Fn(&TypeRef) -> bool, want: &str| {
            let Some(f) = fields
                .iter()
                .find(|f| f.rust.trim_start_matches("r#") == key.value)
            else {
                cx.err(
                    Diagnostic::new(
                        pos(key),
                        format!(
                            "the answer type `{type_name}` has no field `{}` ({what})",
                            key.value
                        ),
                    )
                    .hint(format!(
                        "name a field by its key in the description: {}",
                        or_none(field_names())
                    )),
                );
                return None;
            };
            if !ok(&f.ty) {
                cx.err(
                    Diagnostic::new(
                        pos(key),
                        format!(
                            "field `{}` of `{type_name}` is not {want} ({what})",
                            key.value
                        ),
                    )
                    .hint(format!("{what} must be {want}")),
                );
                return None;
            }
            Some(f.clone())
        };
    let is_list = |t: &TypeRef| matches!(t, TypeRef::List(_));
    let is_int = |t: &TypeRef| {
        matches!(
            t,
            TypeRef::I32 | TypeRef::I64 | TypeRef::U8 | TypeRef::U32 | TypeRef::U64
        )
    };
    let is_string = |t: &TypeRef| matches!(t, TypeRef::String);
    let is_bool = |t: &TypeRef| matches!(t, TypeRef::Bool | TypeRef::Flag);
    let items = field(cx, &p.items, "the page's items", &is_list, "a list");
    let total = p
        .total
        .as_ref()
        .map(|k| field(cx, k, "the total", &is_int, "an integer"));
    let cursor_field = p
        .cursor
        .as_ref()
        .map(|c| field(cx, &c.value.field, "the cursor", &is_string, "a string"));
    let param =
        |cx: &mut Cx, key: &S<String>, what: &str, ok: &dyn Fn(&TypeRef) -> bool, want: &str| {
            let Some(q) = e.params.iter().find(|q| q.wire == key.value) else {
                let names: Vec<&str> = e.params.iter().map(|q| q.wire.as_str()).collect();
                cx.err(
                    Diagnostic::new(
                        pos(key),
                        format!(
                            "endpoint `{}` has no parameter `{}` ({what})",
                            e.key, key.value
                        ),
                    )
                    .hint(format!(
                        "name one of the endpoint's parameters: {}",
                        or_none(names.join(", "))
                    )),
                );
                return None;
            };
            if q.required || q.location != ParamIn::Query || !ok(&q.ty) {
                cx.err(
                    Diagnostic::new(
                        pos(key),
                        format!("parameter `{}` can't carry {what}", key.value),
                    )
                    .hint(format!(
                        "the pager sets it: it must be an optional query parameter of {want} type"
                    )),
                );
                return None;
            }
            Some(q.wire.clone())
        };
    let start = p
        .start
        .as_ref()
        .map(|k| param(cx, k, "the first item's index", &is_int, "an integer"));
    let size = p
        .size
        .as_ref()
        .map(|k| param(cx, k, "the page size", &is_int, "an integer"));
    let cursor_param = p
        .cursor
        .as_ref()
        .map(|c| param(cx, &c.value.param, "the cursor", &is_string, "a string"));
    let ask_total = p
        .ask_total
        .as_ref()
        .map(|k| param(cx, k, "the request for a total", &is_bool, "a boolean"));
    if style == PagingStyle::Offset && p.start.is_none() {
        cx.err(
            Diagnostic::new(
                at,
                "offset paging needs `start:`, the parameter with the first item's index",
            )
            .hint("e.g. `paginate: { style: offset, items: entries, start: start, size: limit }`"),
        );
    }
    if style == PagingStyle::Cursor && p.cursor.is_none() {
        cx.err(
            Diagnostic::new(at, "cursor paging needs `cursor:`, the answer field naming the next page and the parameter it goes back in")
                .hint("e.g. `cursor: { field: next_page, param: pageToken }`"),
        );
    }
    let max_size = match &p.max_size {
        Some(m) if m.value < 1 => {
            cx.err(
                Diagnostic::new(
                    pos(m),
                    format!("`max_size: {}` is not a page size", m.value),
                )
                .hint("the largest page the server gives, at least 1 (e.g. `max_size: 100`)"),
            );
            None
        }
        Some(m) => Some(m.value as u64),
        None => None,
    };
    let base = match &p.base {
        Some(b) if !(0..=1).contains(&b.value) => {
            cx.err(
                Diagnostic::new(
                    pos(b),
                    format!("`base: {}`: the first item's index is 0 or 1", b.value),
                )
                .hint("write `base: 0` (the default) or `base: 1`"),
            );
            0
        }
        Some(b) => b.value as u64,
        None => 0,
    };
    let answer = |f: Field| AnswerField {
        rust: f.rust,
        optional: f.optional,
        ty: f.ty,
    };
    let items = items?;
    let item_ty = match &items.ty {
        TypeRef::List(inner) => (**inner).clone(),
        _ => return None,
    };
    Some(Paging {
        style,
        items: answer(items),
        item_ty,
        // An invalid field was reported above; the description fails then.
        total: total.flatten().map(answer),
        cursor_field: cursor_field.flatten().map(answer),
        cursor_param: cursor_param.flatten(),
        start: start.flatten(),
        size: size.flatten(),
        max_size,
        base,
        ask_total: ask_total.flatten(),
        documented: p.documented,
    })
}

/// Resolves `scope_check:`: an endpoint an application can call, and a
/// field path through its answer to the granted scopes' names (strings).
fn scope_check(
    cx: &mut Cx,
    c: &spec::ScopeCheckSpec,
    resources: &[Resource],
    types: &[TypeDef],
) -> Option<ScopeCheck> {
    let Some((r, e)) = c.endpoint.value.split_once('.') else {
        cx.err(
            Diagnostic::new(
                pos(&c.endpoint),
                format!("`{}` does not name an endpoint", c.endpoint.value),
            )
            .hint("write `resource.endpoint`, e.g. `application.get`"),
        );
        return None;
    };
    let found = resources.iter().enumerate().find_map(|(ri, res)| {
        (res.key == r)
            .then(|| {
                res.endpoints
                    .iter()
                    .position(|ep| ep.key == e)
                    .map(|ei| (ri, ei))
            })
            .flatten()
    });
    let Some((ri, ei)) = found else {
        cx.err(
            Diagnostic::new(
                pos(&c.endpoint),
                format!("no endpoint `{}`", c.endpoint.value),
            )
            .hint("name an endpoint of `resources:` as `resource.endpoint`"),
        );
        return None;
    };
    let ep = &resources[ri].endpoints[ei];
    if !matches!(ep.auth, Auth::Application | Auth::Any)
        || ep.body.is_some()
        || !ep.scopes.is_empty()
        || !ep.params.iter().all(|p| !p.required)
    {
        cx.err(
            Diagnostic::new(pos(&c.endpoint), format!("`{}` can't check scopes: it must take application context and no arguments", c.endpoint.value))
                .hint("the scope check is called with the key and secret only: `auth: application` or `any`, no scopes, no required parameters, no body"),
        );
        return None;
    }
    let mut ty = ep.response.ty.clone();
    let mut path = Vec::new();
    let mut root_list = false;
    for seg in c.scopes.value.split('.') {
        let (list, inner) = match &ty {
            TypeRef::List(i) => (true, (**i).clone()),
            other => (false, other.clone()),
        };
        root_list |= list && path.is_empty();
        let TypeRef::Named(i) = inner else {
            cx.err(
                Diagnostic::new(pos(&c.scopes), format!("`{seg}` is not a field: the path reaches a value that is not a struct"))
                    .hint("write the path of Rust field names down to the scope's name, e.g. `scopes.name`"),
            );
            return None;
        };
        let TypeKind::Struct(fields) = &types[i].kind else {
            cx.err(Diagnostic::new(
                pos(&c.scopes),
                format!("`{}` is not a struct", types[i].name),
            ));
            return None;
        };
        let Some(f) = fields
            .iter()
            .find(|f| f.rust.trim_start_matches("r#") == seg)
        else {
            cx.err(
                Diagnostic::new(
                    pos(&c.scopes),
                    format!("type `{}` has no field `{seg}`", types[i].name),
                )
                .hint(format!(
                    "its fields: {}",
                    fields
                        .iter()
                        .map(|f| f.rust.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            );
            return None;
        };
        let (is_list, next) = match &f.ty {
            TypeRef::List(inner) => (true, (**inner).clone()),
            other => (false, other.clone()),
        };
        path.push((f.rust.clone(), f.optional, is_list));
        ty = next;
    }
    if ty != TypeRef::String {
        cx.err(
            Diagnostic::new(
                pos(&c.scopes),
                "the scope path must end at a string field (the scope's name)",
            )
            .hint("e.g. `scopes.name`"),
        );
        return None;
    }
    Some(ScopeCheck {
        endpoint: (ri, ei),
        root_list,
        path,
    })
}

/// Whether each declared type is an enum (usable as a path/query parameter).
fn types_kinds(spec: &Spec) -> Vec<bool> {
    spec.types
        .values()
        .map(|t| (t.variants.is_some() || t.codes.is_some()) && t.fields.is_none())
        .collect()
}

fn fields_of(
    cx: &mut Cx,
    types: &HashMap<&str, usize>,
    types_kinds: &[bool],
    owner: &S<String>,
    fields: &spec::Map<spec::FieldSpec>,
) -> Vec<Field> {
    let mut text_field: Option<Pos> = None;
    let mut out = Vec::new();
    let mut rust_names = Unique::new("field");
    let mut wire_names: HashMap<String, Pos> = HashMap::new();
    for (k, f) in fields {
        let rust = cx
            .ident(pos(k), "field", &k.value, k.value.to_snake_case())
            .unwrap_or_default();
        if !rust.is_empty() {
            rust_names.check(cx, pos(k), &k.value, &rust);
        }
        let (wire, wire_at) = match &f.wire {
            Some(w) => (w.value.clone(), pos(w)),
            None => (k.value.clone(), pos(k)),
        };
        if let Some(first) = wire_names.get(&wire) {
            cx.err(
                Diagnostic::new(wire_at, format!("wire name `{wire}` is used twice in type `{}` (first at line {}, column {})", owner.value, first.line, first.column))
                    .hint("each field needs its own wire name"),
            );
        } else {
            wire_names.insert(wire.clone(), wire_at);
        }
        let ty = type_ref(cx, types, &f.ty).unwrap_or(TypeRef::Json);
        let xml = match f.xml.as_ref().map(|x| (x, x.value.as_str())) {
            None | Some((_, "element")) => XmlNode::Element,
            Some((_, "attribute")) => XmlNode::Attribute,
            Some((_, "text")) => XmlNode::Text,
            Some((x, other)) => {
                cx.err(
                    Diagnostic::new(pos(x), format!("unknown XML placement `{other}`"))
                        .hint("use `xml: element` (a child element, the default), `xml: attribute` or `xml: text` (the element's own text)"),
                );
                XmlNode::Element
            }
        };
        let structured = |t: &TypeRef| match t {
            TypeRef::List(_) | TypeRef::Map(_) => true,
            TypeRef::Named(i) => !is_enum_or_codes(types_kinds, *i),
            _ => false,
        };
        if let Some(x) = &f.xml
            && xml != XmlNode::Element
            && structured(&ty)
        {
            cx.err(
                Diagnostic::new(
                    pos(x),
                    format!(
                        "field `{}` has type `{}`, which can't be an XML {}",
                        k.value, f.ty.value, x.value
                    ),
                )
                .hint("attributes and text hold strings, numbers, booleans and enums; make the field `xml: element`"),
            );
        }
        if xml == XmlNode::Text {
            if let Some(first) = text_field {
                cx.err(
                    Diagnostic::new(pos(k), format!("type `{}` has two `xml: text` fields (the first at line {}, column {})", owner.value, first.line, first.column))
                        .hint("an element has one text content; make the other field an element or attribute"),
                );
            } else {
                text_field = Some(pos(k));
            }
        }
        if let Some(item) = &f.item {
            if !matches!(ty, TypeRef::List(_)) || xml != XmlNode::Element {
                cx.err(
                    Diagnostic::new(
                        pos(item),
                        format!("`item:` is for list elements, and field `{}` is not one", k.value),
                    )
                    .hint("`item: Scope` on a `list<…>` field reads `<Scopes><Scope/>…</Scopes>`; remove `item:` here"),
                );
            }
            check_xml_name(cx, item);
        }
        nested_convention(cx, &ty, &f.ty);
        out.push(Field {
            rust,
            wire,
            ty,
            optional: f.optional,
            doc: f.doc.clone(),
            documented: f.documented,
            xml,
            item: f.item.as_ref().map(|i| i.value.clone()),
            json: f.json.as_ref().map(|j| j.value.clone()),
        });
    }
    out
}

fn is_enum_or_codes(kinds: &[bool], i: usize) -> bool {
    kinds.get(i).copied().unwrap_or(false)
}

/// Every named type a type reference mentions.
fn named_in(t: &TypeRef) -> Vec<usize> {
    match t {
        TypeRef::Named(i) => vec![*i],
        TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Csv(inner) => named_in(inner),
        _ => Vec::new(),
    }
}

/// `flag` and `csv<…>` are conventions of a whole field or parameter: they
/// can't sit inside a list or map, and a `csv` holds plain values.
fn nested_convention(cx: &mut Cx, ty: &TypeRef, at: &S<String>) {
    fn inner_has(t: &TypeRef) -> bool {
        match t {
            TypeRef::Flag | TypeRef::Csv(_) => true,
            TypeRef::List(i) | TypeRef::Map(i) => inner_has(i),
            _ => false,
        }
    }
    let bad = match ty {
        TypeRef::List(i) | TypeRef::Map(i) => inner_has(i),
        TypeRef::Csv(i) => !matches!(
            **i,
            TypeRef::String
                | TypeRef::I32
                | TypeRef::I64
                | TypeRef::U8
                | TypeRef::U32
                | TypeRef::U64
                | TypeRef::F64
                | TypeRef::Named(_)
        ),
        _ => false,
    };
    if bad {
        cx.err(
            Diagnostic::new(pos(at), format!("`{}` can't be used here", at.value))
                .hint("`flag` and `csv<T>` describe a whole field; `csv<T>` holds strings, numbers or enums: write e.g. `csv<string>`"),
        );
    }
}

/// XML element and attribute names: a letter or `_` first, then letters,
/// digits, `_`, `-`, `.` (no namespace prefixes).
fn is_xml_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

fn check_xml_name(cx: &mut Cx, name: &S<String>) {
    if !is_xml_name(&name.value) {
        cx.err(
            Diagnostic::new(pos(name), format!("`{}` can't be an XML name", name.value)).hint(
                "XML names start with a letter or `_` and hold letters, digits, `_`, `-` and `.`",
            ),
        );
    }
}

fn codes_of(cx: &mut Cx, key: &S<String>, codes: &spec::Map<S<i64>>) -> Vec<Code> {
    let mut out = Vec::new();
    let mut unique = Unique::new("enum value");
    let mut seen: HashMap<i64, Pos> = HashMap::new();
    for (name, code) in codes {
        if let Some(first) = seen.get(&code.value) {
            cx.err(
                Diagnostic::new(
                    pos(code),
                    format!(
                        "code {} is used twice in `{}` (first at line {}, column {})",
                        code.value, key.value, first.line, first.column
                    ),
                )
                .hint("each variant needs its own code"),
            );
            continue;
        }
        seen.insert(code.value, pos(code));
        let Some(ident) = cx.ident(
            pos(name),
            "enum value",
            &name.value,
            name.value.to_upper_camel_case(),
        ) else {
            continue;
        };
        if ident.starts_with("r#") || ident == "Other" {
            cx.err(
                Diagnostic::new(
                    pos(name),
                    format!("`{}` can't be a variant name", name.value),
                )
                .hint("`Other` holds unknown codes; keywords can't be variants"),
            );
        } else if unique.check(cx, pos(name), &name.value, &ident) {
            out.push(Code {
                ident,
                code: code.value,
            });
        }
    }
    if codes.is_empty() {
        cx.err(
            Diagnostic::new(
                pos(key),
                format!("numeric enum `{}` has no codes", key.value),
            )
            .hint("write `codes: { Waiting: 0, Done: 1 }`"),
        );
    }
    out
}

const SCALARS: &str = "string, bool, flag, i32, i64, u8, u32, u64, f64, secret, json, list<T>, map<T>, csv<T>, or a type declared under `types:`";

fn type_ref(cx: &mut Cx, types: &HashMap<&str, usize>, ty: &S<String>) -> Option<TypeRef> {
    let depth = ty.value.matches('<').count();
    if depth > MAX_TYPE_DEPTH {
        cx.err(
            Diagnostic::new(
                pos(ty),
                format!(
                    "this type nests {depth} levels deep, more than the {MAX_TYPE_DEPTH} allowed"
                ),
            )
            .hint("declare a named type (under `types:`) for an inner level instead"),
        );
        return None;
    }
    match parse_type(types, ty.value.trim()) {
        Ok(t) => Some(t),
        Err(bad) => {
            cx.err(
                Diagnostic::new(pos(ty), format!("unknown type `{bad}`"))
                    .hint(format!("use {SCALARS}")),
            );
            None
        }
    }
}

fn parse_type(types: &HashMap<&str, usize>, s: &str) -> Result<TypeRef, String> {
    let inner = |prefix: &str| {
        s.strip_prefix(prefix)
            .and_then(|r| r.strip_suffix('>'))
            .map(str::trim)
    };
    Ok(match s {
        "string" => TypeRef::String,
        "bool" => TypeRef::Bool,
        "flag" => TypeRef::Flag,
        "i32" => TypeRef::I32,
        "i64" => TypeRef::I64,
        "u8" => TypeRef::U8,
        "u32" => TypeRef::U32,
        "u64" => TypeRef::U64,
        "f64" => TypeRef::F64,
        "secret" => TypeRef::Secret,
        "json" => TypeRef::Json,
        _ => {
            if let Some(i) = inner("list<") {
                TypeRef::List(Box::new(parse_type(types, i)?))
            } else if let Some(i) = inner("map<") {
                TypeRef::Map(Box::new(parse_type(types, i)?))
            } else if let Some(i) = inner("csv<") {
                TypeRef::Csv(Box::new(parse_type(types, i)?))
            } else if let Some(&i) = types.get(s) {
                TypeRef::Named(i)
            } else {
                return Err(s.to_owned());
            }
        }
    })
}

#[allow(clippy::too_many_arguments)]
fn endpoint(
    cx: &mut Cx,
    types: &HashMap<&str, usize>,
    is_enum: &[bool],
    scopes: &HashMap<&str, usize>,
    hosts: &[Host],
    resource: &str,
    key: &S<String>,
    e: &spec::EndpointSpec,
    method_name: String,
    builder: String,
) -> Endpoint {
    let name = format!("{resource}.{}", key.value);
    let method = match e.method.value.to_ascii_uppercase().as_str() {
        "GET" => Method::Get,
        "POST" => Method::Post,
        "PUT" => Method::Put,
        "DELETE" => Method::Delete,
        "PATCH" => Method::Patch,
        other => {
            cx.err(
                Diagnostic::new(
                    pos(&e.method),
                    format!("unsupported HTTP method `{other}` in endpoint `{name}`"),
                )
                .hint("use GET, POST, PUT, DELETE or PATCH"),
            );
            Method::Get
        }
    };
    check_host(cx, hosts, &e.host);
    let auth = match e.auth.value.as_str() {
        "application" => Some(Auth::Application),
        "user" => Some(Auth::User),
        "any" => Some(Auth::Any),
        "none" => Some(Auth::None),
        other => {
            cx.err(
                Diagnostic::new(pos(&e.auth), format!("unknown authentication kind `{other}`"))
                    .hint("use application (signed with key and secret), user (OAuth token), any, or none"),
            );
            None
        }
    };
    let mut scope_ids = Vec::new();
    for s in &e.scopes {
        match scopes.get(s.value.as_str()) {
            Some(&i) if scope_ids.contains(&i) => cx.err(
                Diagnostic::new(pos(s), format!("scope `{}` is listed twice", s.value))
                    .hint("list each scope once"),
            ),
            Some(&i) => scope_ids.push(i),
            None => cx.err(
                Diagnostic::new(pos(s), format!("unknown scope `{}`", s.value)).hint(format!(
                    "declare it under `scopes:` or use one of: {}",
                    or_none(scopes_list(scopes))
                )),
            ),
        }
    }
    // Checked only for a known kind: an unknown one is reported once, above.
    if auth == Some(Auth::None) && !e.scopes.is_empty() {
        cx.err(
            Diagnostic::new(pos(&e.auth), format!("endpoint `{name}` needs no authentication but lists scopes"))
                .hint("scopes belong to an application or user: use `auth: application`, `user` or `any`, or remove the scopes"),
        );
    }

    // Path template.
    let path = &e.path.value;
    let mut template: Vec<String> = Vec::new();
    if !path.starts_with('/') {
        cx.err(
            Diagnostic::new(pos(&e.path), format!("path `{path}` must start with `/`"))
                .hint(format!("write `/{path}`")),
        );
    }
    if let Some(c) = path.chars().find(|c| c.is_control()) {
        cx.err(
            Diagnostic::new(
                pos(&e.path),
                format!(
                    "path `{}` contains the control character {c:?}",
                    path.escape_debug()
                ),
            )
            .hint("paths hold printable characters only"),
        );
    }
    if path.split('/').any(|seg| seg == "." || seg == "..") {
        cx.err(
            Diagnostic::new(pos(&e.path), format!("path `{path}` has a `.` or `..` segment"))
                .hint("the URL parser would rewrite it into another path: write the path without dot segments"),
        );
    }
    if path.contains('%') {
        cx.err(
            Diagnostic::new(pos(&e.path), format!("path `{path}` contains `%`"))
                .hint("write the path unencoded (the runtime percent-encodes parameters); a literal `%` is not supported"),
        );
    }
    if path.contains('?') || path.contains('#') {
        cx.err(
            Diagnostic::new(pos(&e.path), format!("path `{path}` contains `?` or `#`"))
                .hint("declare query parameters under `params:` with `in: query`"),
        );
    }
    let mut rest = path.as_str();
    let mut template_ok = true;
    while let Some(open) = rest.find(['{', '}']) {
        if rest.as_bytes()[open] == b'}' {
            cx.err(
                Diagnostic::new(pos(&e.path), format!("unbalanced `}}` in path `{path}`"))
                    .hint("path parameters are written `{name}`; remove the `}` or add the `{` before the name"),
            );
            template_ok = false;
            break;
        }
        let Some(close) = rest[open..].find('}') else {
            cx.err(
                Diagnostic::new(pos(&e.path), format!("unclosed `{{` in path `{path}`"))
                    .hint("path parameters are written `{name}`; add the closing `}`"),
            );
            template_ok = false;
            break;
        };
        let p = &rest[open + 1..open + close];
        if p.trim().is_empty() || p.contains('{') {
            cx.err(
                Diagnostic::new(pos(&e.path), format!("`{{{p}}}` in path `{path}` is not a path parameter"))
                    .hint("path parameters are written `{name}` with the name declared under `params:` with `in: path`"),
            );
            template_ok = false;
            break;
        }
        if template.iter().any(|t| t == p) {
            cx.err(
                Diagnostic::new(
                    pos(&e.path),
                    format!("path parameter `{{{p}}}` appears twice in `{path}`"),
                )
                .hint("each path parameter may appear once"),
            );
        } else {
            template.push(p.to_owned());
        }
        rest = &rest[open + close + 1..];
    }

    let mut params = Vec::new();
    let mut unique = Unique::new("parameter");
    for (pk, p) in &e.params {
        let location = match p.location.value.as_str() {
            "path" => ParamIn::Path,
            "query" => ParamIn::Query,
            "header" => ParamIn::Header,
            other => {
                cx.err(
                    Diagnostic::new(
                        pos(&p.location),
                        format!("unknown parameter location `{other}`"),
                    )
                    .hint("use `in: path`, `in: query` or `in: header`"),
                );
                ParamIn::Query
            }
        };
        if location == ParamIn::Header
            && (pk.value.is_empty()
                || !pk
                    .value
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)))
        {
            cx.err(
                Diagnostic::new(
                    pos(pk),
                    format!("`{}` can't be an HTTP header name", pk.value),
                )
                .hint("header names are ASCII letters, digits and `-` (e.g. `X-Request-Id`)"),
            );
        }
        let (at, from) = match &p.rust {
            Some(r) => (pos(r), r.value.to_snake_case()),
            None => (pos(pk), pk.value.to_snake_case()),
        };
        let rust = cx
            .ident(at, "parameter", &pk.value, from)
            .unwrap_or_default();
        if !rust.is_empty() && unique.check(cx, at, &pk.value, &rust) {
            if rust == "body" && e.body.is_some() {
                cx.err(
                    Diagnostic::new(
                        at,
                        format!(
                            "parameter `{}` collides with the request body argument `body`",
                            pk.value
                        ),
                    )
                    .hint("set `rust:` to another name"),
                );
            } else if rust == "send" && location != ParamIn::Path && p.required != Some(true) {
                // Optional parameters are setters of the request builder, next to its `send`.
                cx.err(
                    Diagnostic::new(
                        at,
                        format!(
                            "optional parameter `{}` collides with the request's `send` method",
                            pk.value
                        ),
                    )
                    .hint("set `rust:` to another name"),
                );
            }
        }
        let ty = type_ref(cx, types, &p.ty).unwrap_or(TypeRef::String);
        let scalar = match &ty {
            TypeRef::Named(i) => is_enum[*i],
            TypeRef::List(_)
            | TypeRef::Map(_)
            | TypeRef::Csv(_)
            | TypeRef::Json
            | TypeRef::Secret => false,
            _ => true,
        };
        if !scalar {
            cx.err(
                Diagnostic::new(
                    pos(&p.ty),
                    format!(
                        "parameter `{}` has type `{}`, which can't be written in a URL",
                        pk.value, p.ty.value
                    ),
                )
                .hint("parameters are strings, numbers, booleans or enums"),
            );
        }
        let required = match location {
            ParamIn::Path => {
                if p.required == Some(false) {
                    cx.err(
                        Diagnostic::new(
                            pos(pk),
                            format!("path parameter `{}` can't be optional", pk.value),
                        )
                        .hint("remove `required: false`"),
                    );
                }
                if template_ok && !template.contains(&pk.value) {
                    cx.err(
                        Diagnostic::new(
                            pos(pk),
                            format!(
                                "path parameter `{}` does not appear in the path `{path}`",
                                pk.value
                            ),
                        )
                        .hint(format!(
                            "add `{{{}}}` to the path, or make it `in: query`",
                            pk.value
                        )),
                    );
                }
                true
            }
            ParamIn::Query | ParamIn::Header => p.required.unwrap_or(false),
        };
        params.push(Param {
            wire: pk.value.clone(),
            rust,
            location,
            ty,
            required,
            doc: p.doc.clone(),
        });
    }
    for t in &template {
        if !params
            .iter()
            .any(|p| &p.wire == t && p.location == ParamIn::Path)
        {
            cx.err(
                Diagnostic::new(
                    pos(&e.path),
                    format!("path parameter `{{{t}}}` of `{path}` is not declared"),
                )
                .hint(format!(
                    "add `{t}: {{ in: path, type: string }}` under `params:`"
                )),
            );
        }
    }
    // Path parameters in template order, then the rest as declared.
    params.sort_by_key(|p| match p.location {
        ParamIn::Path => template
            .iter()
            .position(|t| *t == p.wire)
            .unwrap_or(usize::MAX),
        ParamIn::Query | ParamIn::Header => usize::MAX,
    });

    let body = e.body.as_ref().and_then(|b| match b.format.value.as_str() {
        "json" => match &b.ty {
            Some(t) => type_ref(cx, types, t).map(|ty| Body::Json {
                ty,
                doc: b.doc.clone(),
            }),
            None => {
                cx.err(
                    Diagnostic::new(pos(&b.format), "a JSON body needs a `type:`")
                        .hint("e.g. `body: { format: json, type: NewRecord }`"),
                );
                None
            }
        },
        "xml" => {
            let ty = match (&b.ty, &b.root) {
                (Some(t), root) => {
                    let ty = type_ref(cx, types, t);
                    if let Some(ty) = &ty
                        && !matches!(ty, TypeRef::Named(i) if !is_enum[*i])
                    {
                        cx.err(
                            Diagnostic::new(pos(t), format!("an XML document's type must be a struct, not `{}`", t.value))
                                .hint("declare a type with `fields:` for the document element's content"),
                        );
                    }
                    let root = match root {
                        Some(r) => {
                            check_xml_name(cx, r);
                            r.value.clone()
                        }
                        None => t.value.trim().to_owned(),
                    };
                    ty.map(|ty| (ty, root))
                }
                (None, Some(r)) => {
                    cx.err(
                        Diagnostic::new(pos(r), "`root:` names the element of a typed XML document, and this body has no `type:`")
                            .hint("add `type:` (a struct), or remove `root:` to pass the document as a string"),
                    );
                    None
                }
                (None, None) => None,
            };
            Some(Body::Xml {
                ty,
                doc: b.doc.clone(),
            })
        }
        other => {
            cx.err(
                Diagnostic::new(pos(&b.format), format!("unknown body format `{other}`"))
                    .hint("use `format: json` or `format: xml`"),
            );
            None
        }
    });
    if body.is_some() && matches!(method, Method::Get | Method::Delete) {
        cx.err(
            Diagnostic::new(
                pos(&e.method),
                format!("{} requests don't carry a body", method.as_str()),
            )
            .hint("use PUT, POST or PATCH, or remove `body:`"),
        );
    }

    let r = &e.response.value;
    let ty = match (&r.ty, &r.list) {
        (Some(t), None) => type_ref(cx, types, t),
        (None, Some(t)) => type_ref(cx, types, t).map(|t| TypeRef::List(Box::new(t))),
        _ => {
            cx.err(
                Diagnostic::new(
                    pos(&e.response),
                    "a response needs exactly one of `type:` and `list:`",
                )
                .hint("e.g. `response: { type: Record }` or `response: { list: Workflow }`"),
            );
            None
        }
    }
    .unwrap_or(TypeRef::Json);
    let mut formats = Vec::new();
    if let Some(fs) = &r.formats {
        for f in fs {
            let format = match f.value.as_str() {
                "xml" => Format::Xml,
                "json" => Format::Json,
                other => {
                    cx.err(
                        Diagnostic::new(pos(f), format!("unknown answer format `{other}`"))
                            .hint("use `xml` or `json`, the server's default first: `formats: [xml, json]`"),
                    );
                    continue;
                }
            };
            if formats.contains(&format) {
                cx.err(
                    Diagnostic::new(pos(f), format!("format `{}` is listed twice", f.value))
                        .hint("list each format once"),
                );
            } else {
                formats.push(format);
            }
        }
        if fs.is_empty() {
            cx.err(
                Diagnostic::new(pos(&e.response), "`formats:` is empty")
                    .hint("list the formats the server answers in, e.g. `formats: [xml]`; leave the key out for JSON only"),
            );
        }
    }
    if let Some(path) = &r.xml
        && let Some(bad) = path.value.split('/').find(|seg| !is_xml_name(seg))
    {
        cx.err(
            Diagnostic::new(
                pos(path),
                format!("the XML path `{}` has the invalid element name `{bad}`", path.value),
            )
            .hint("write element names from the document element down, separated by `/`: `Response/Result/User`"),
        );
    }
    if let Some(x) = &r.xml
        && !formats.contains(&Format::Xml)
    {
        cx.err(
            Diagnostic::new(
                pos(x),
                "`xml:` is given but the endpoint does not answer XML",
            )
            .hint("add `xml` to `formats:`, or remove `xml:`"),
        );
    }
    let idempotent = e
        .idempotent
        .unwrap_or(matches!(method, Method::Get | Method::Put | Method::Delete));
    if e.outcome_hint.is_some() && idempotent {
        cx.err(
            Diagnostic::new(pos(key), format!("endpoint `{name}` has an `outcome_hint` but is idempotent"))
                .hint("an outcome hint explains how to check a request that is never resent: add `idempotent: false`, or remove the hint"),
        );
    }

    Endpoint {
        key: key.value.clone(),
        method_name,
        builder,
        method,
        path: path.clone(),
        host: e.host.value.clone(),
        auth: auth.unwrap_or(Auth::None),
        scopes: scope_ids,
        params,
        body,
        response: Response {
            ty,
            envelope: r.envelope.as_ref().map(|x| x.value.clone()),
            xml: r.xml.as_ref().map(|x| x.value.clone()),
            formats,
        },
        doc: e.doc.clone(),
        documented: e.documented,
        idempotent,
        outcome_hint: e.outcome_hint.clone(),
        paging: None,
    }
}

fn list<'a>(keys: impl Iterator<Item = &'a S<String>>) -> String {
    keys.map(|k| k.value.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn scopes_list(scopes: &HashMap<&str, usize>) -> String {
    let mut v: Vec<(&&str, &usize)> = scopes.iter().collect();
    v.sort_by_key(|(_, i)| **i);
    v.into_iter()
        .map(|(k, _)| *k)
        .collect::<Vec<_>>()
        .join(", ")
}

fn or_none(s: String) -> String {
    if s.is_empty() {
        "(none declared)".to_owned()
    } else {
        s
    }
}
