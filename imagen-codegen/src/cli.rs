//! The command table of the `imagen` command-line tool.
//!
//! The CLI is generated from the description like the library bindings, but
//! as *data*: one `Command` per endpoint (names, docs, parameters with their
//! wire and Rust names, locations, types and enum values, the body, the
//! paging fields, the endpoint's `static`) that the CLI turns into a `clap`
//! command tree at run time. The only code per endpoint is the answer's
//! decoder, `decode_as::<T>`, instantiated with the endpoint's generated
//! answer type so that XML and JSON answers both come out as the typed serde
//! model (wire names as keys) — the same JSON whatever format the server used.
//!
//! The table's types live in the CLI (`CliOptions::table`); the generated
//! code names them, the runtime (`CliOptions::runtime`) and the generated
//! bindings (`CliOptions::api`) by path.

use heck::ToKebabCase;
use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::{path, rust_type, static_ident};
use crate::model::*;

/// Where the generated command table finds things.
#[derive(Clone, Debug)]
pub struct CliOptions {
    /// Path of the module with the table's types (`Api`, `Command`, `Param`,
    /// …) and the generic `decode_as` / `granted_as` helpers.
    pub table: String,
    /// Path of the runtime crate (`::imagen_runtime`).
    pub runtime: String,
    /// Path of the generated bindings of the same description (`::imagen_runtime::api`).
    pub api: String,
}

impl Default for CliOptions {
    fn default() -> Self {
        CliOptions {
            table: "crate::table".into(),
            runtime: "::imagen_runtime".into(),
            api: "::imagen_runtime::api".into(),
        }
    }
}

fn opt(s: &Option<String>) -> TokenStream {
    match s {
        Some(s) => quote!(::std::option::Option::Some(#s)),
        None => quote!(::std::option::Option::None),
    }
}

fn opt_str(s: Option<&str>) -> TokenStream {
    match s {
        Some(s) => quote!(::std::option::Option::Some(#s)),
        None => quote!(::std::option::Option::None),
    }
}

/// The description's spelling of a parameter type (`i32`, `flag`, `MediaType`).
fn type_name(api: &Api, t: &TypeRef) -> String {
    match t {
        TypeRef::String => "string".into(),
        TypeRef::Bool => "bool".into(),
        TypeRef::I32 => "i32".into(),
        TypeRef::I64 => "i64".into(),
        TypeRef::U8 => "u8".into(),
        TypeRef::U32 => "u32".into(),
        TypeRef::U64 => "u64".into(),
        TypeRef::F64 => "f64".into(),
        TypeRef::Secret => "secret".into(),
        TypeRef::Json => "json".into(),
        TypeRef::Flag => "flag".into(),
        TypeRef::Named(i) => api.types[*i].name.clone(),
        TypeRef::List(t) => format!("list<{}>", type_name(api, t)),
        TypeRef::Map(t) => format!("map<{}>", type_name(api, t)),
        TypeRef::Csv(t) => format!("csv<{}>", type_name(api, t)),
    }
}

/// The kind of a parameter value, and its allowed values for enums
/// (`(sent, help)`: a string enum sends its wire value, a numeric enum its
/// code with the variant name as help).
fn param_kind(
    api: &Api,
    t: &TypeRef,
    table: &TokenStream,
) -> (TokenStream, Vec<(String, Option<String>)>) {
    match t {
        TypeRef::Bool => (quote!(#table::ParamKind::Bool), vec![]),
        TypeRef::Flag => (quote!(#table::ParamKind::Flag), vec![]),
        TypeRef::I32 => (
            quote!(#table::ParamKind::Int { min: i32::MIN as i128, max: i32::MAX as i128 }),
            vec![],
        ),
        TypeRef::I64 => (
            quote!(#table::ParamKind::Int { min: i64::MIN as i128, max: i64::MAX as i128 }),
            vec![],
        ),
        TypeRef::U8 => (
            quote!(#table::ParamKind::Int { min: 0, max: u8::MAX as i128 }),
            vec![],
        ),
        TypeRef::U32 => (
            quote!(#table::ParamKind::Int { min: 0, max: u32::MAX as i128 }),
            vec![],
        ),
        TypeRef::U64 => (
            quote!(#table::ParamKind::Int { min: 0, max: u64::MAX as i128 }),
            vec![],
        ),
        TypeRef::F64 => (quote!(#table::ParamKind::Float), vec![]),
        TypeRef::Named(i) => match &api.types[*i].kind {
            TypeKind::Enum(vs) => (
                quote!(#table::ParamKind::Enum),
                vs.iter().map(|v| (v.wire.clone(), None)).collect(),
            ),
            TypeKind::Codes(cs) => (
                quote!(#table::ParamKind::Enum),
                cs.iter()
                    .map(|c| (c.code.to_string(), Some(c.ident.clone())))
                    .collect(),
            ),
            TypeKind::Struct(_) => (quote!(#table::ParamKind::String), vec![]),
        },
        _ => (quote!(#table::ParamKind::String), vec![]),
    }
}

/// The struct a type reference leads to through lists and options.
fn struct_fields<'a>(api: &'a Api, t: &TypeRef) -> Option<&'a [Field]> {
    match t {
        TypeRef::Named(i) => match &api.types[*i].kind {
            TypeKind::Struct(fields) => Some(fields),
            _ => None,
        },
        TypeRef::List(t) => struct_fields(api, t),
        _ => None,
    }
}

/// The serde key (wire name) of an answer field given by its Rust name.
fn wire_of(api: &Api, answer: &TypeRef, rust: &str) -> Option<String> {
    struct_fields(api, answer)?
        .iter()
        .find(|f| f.rust == rust)
        .map(|f| f.wire.clone())
}

/// Wire names of every `secret` field of the description (redacted in output).
fn secret_fields(api: &Api) -> Vec<String> {
    fn is_secret(t: &TypeRef) -> bool {
        match t {
            TypeRef::Secret => true,
            TypeRef::List(t) | TypeRef::Map(t) | TypeRef::Csv(t) => is_secret(t),
            _ => false,
        }
    }
    let mut out: Vec<String> = Vec::new();
    for t in &api.types {
        if let TypeKind::Struct(fields) = &t.kind {
            for f in fields {
                if is_secret(&f.ty) && !out.contains(&f.wire) {
                    out.push(f.wire.clone());
                }
            }
        }
    }
    out
}

fn gen_command(api: &Api, r: &Resource, e: &Endpoint, o: &Paths) -> TokenStream {
    let Paths {
        table,
        rt,
        api_path,
    } = o;
    let resource = &r.key;
    let name = &e.key;
    let resource_cli = r.key.to_kebab_case();
    let name_cli = e.key.to_kebab_case();
    let resource_doc = opt(&r.doc);
    let doc = opt(&e.doc);
    let documented = e.documented;
    let module = crate::emit::ident(&r.module);
    let stat = static_ident(e);
    let params = e.params.iter().map(|p| {
        let wire = &p.wire;
        let rust = p.rust.trim_start_matches("r#");
        let flag = rust.to_kebab_case();
        let location = match p.location {
            ParamIn::Path => quote!(#table::Location::Path),
            ParamIn::Query => quote!(#table::Location::Query),
            ParamIn::Header => quote!(#table::Location::Header),
        };
        let ty = type_name(api, &p.ty);
        let (kind, values) = param_kind(api, &p.ty, table);
        let values = values.iter().map(|(v, h)| {
            let h = opt_str(h.as_deref());
            quote!((#v, #h))
        });
        let required = p.required;
        let pdoc = opt(&p.doc);
        quote! {
            #table::Param {
                wire: #wire, rust: #rust, flag: #flag, location: #location, ty: #ty,
                kind: #kind, required: #required, values: &[#( #values ),*], doc: #pdoc,
            }
        }
    });
    let body = match &e.body {
        None => quote!(::std::option::Option::None),
        Some(Body::Json { ty, doc }) => {
            let tn = type_name(api, ty);
            let d = opt(doc);
            quote!(::std::option::Option::Some(#table::Body {
                format: #table::BodyFormat::Json, type_name: ::std::option::Option::Some(#tn),
                root: ::std::option::Option::None, doc: #d,
            }))
        }
        Some(Body::Xml { ty, doc }) => {
            let (tn, root) = match ty {
                Some((t, root)) => (Some(type_name(api, t)), Some(root.clone())),
                None => (None, None),
            };
            let tn = opt(&tn);
            let root = opt(&root);
            let d = opt(doc);
            quote!(::std::option::Option::Some(#table::Body {
                format: #table::BodyFormat::Xml, type_name: #tn, root: #root, doc: #d,
            }))
        }
    };
    let paging = match &e.paging {
        None => quote!(::std::option::Option::None),
        Some(p) => {
            let answer = &e.response.ty;
            let items = wire_of(api, answer, &p.items.rust).unwrap_or_else(|| p.items.rust.clone());
            let total = opt(&p.total.as_ref().and_then(|t| wire_of(api, answer, &t.rust)));
            let cursor = opt(&p
                .cursor_field
                .as_ref()
                .and_then(|c| wire_of(api, answer, &c.rust)));
            quote!(::std::option::Option::Some(#table::PagingFields {
                items: #items, total: #total, cursor: #cursor,
            }))
        }
    };
    let answer_ty = rust_type(api, &e.response.ty, rt, &quote!(#api_path::types::));
    let answer_name = type_name(api, &e.response.ty);
    quote! {
        #table::Command {
            resource: #resource,
            resource_cli: #resource_cli,
            resource_doc: #resource_doc,
            name: #name,
            name_cli: #name_cli,
            doc: #doc,
            documented: #documented,
            endpoint: &#api_path::#module::endpoints::#stat,
            params: &[#( #params ),*],
            body: #body,
            paging: #paging,
            answer: #answer_name,
            decode: #table::decode_as::<#answer_ty>,
        }
    }
}

struct Paths {
    table: TokenStream,
    rt: TokenStream,
    api_path: TokenStream,
}

/// Generates the CLI's command table: `pub static API: Api` (see the
/// module documentation). The description must have been validated.
pub fn generate_cli(api: &Api, options: &CliOptions) -> TokenStream {
    let o = Paths {
        table: path(&options.table),
        rt: path(&options.runtime),
        api_path: path(&options.api),
    };
    let Paths {
        table,
        rt,
        api_path,
    } = &o;
    let commands = api
        .resources
        .iter()
        .flat_map(|r| r.endpoints.iter().map(move |e| (r, e)))
        .map(|(r, e)| gen_command(api, r, e, &o));
    let name = &api.name;
    let doc = opt(&api.doc);
    let remedy = &api.scope_remedy;
    let scopes = api.scopes.iter().map(|s| {
        let wire = &s.wire;
        let d = opt(&s.doc);
        let default = s.default;
        quote!(#table::ScopeInfo { wire: #wire, doc: #d, default: #default })
    });
    let scope_check = match &api.scope_check {
        None => quote!(::std::option::Option::None),
        Some(check) => {
            let (ri, ei) = check.endpoint;
            let r = &api.resources[ri];
            let e = &r.endpoints[ei];
            let command = format!("{}.{}", r.key, e.key);
            let answer_ty = rust_type(api, &e.response.ty, rt, &quote!(#api_path::types::));
            let start = if check.root_list {
                quote!(answer.iter())
            } else {
                quote!(::std::iter::once(&answer))
            };
            let steps = check.path.iter().map(|(field, optional, list)| {
                let f = crate::emit::ident(field);
                match (optional, list) {
                    (true, true) => quote!(.flat_map(|x| x.#f.iter().flatten())),
                    (true, false) | (false, true) => quote!(.flat_map(|x| x.#f.iter())),
                    (false, false) => quote!(.map(|x| &x.#f)),
                }
            });
            quote!(::std::option::Option::Some(#table::ScopeCheck {
                command: #command,
                granted: {
                    fn granted(
                        answer: &#rt::RawResponse,
                        endpoint: &#rt::Endpoint,
                    ) -> ::std::result::Result<::std::vec::Vec<::std::string::String>, #rt::Error> {
                        let answer: #answer_ty = answer.decode(endpoint)?;
                        ::std::result::Result::Ok(#start #( #steps )* .map(|s| s.to_string()).collect())
                    }
                    granted
                },
            }))
        }
    };
    let oauth = if api.oauth.is_some() {
        quote!(::std::option::Option::Some(&#api_path::oauth_endpoints::ENDPOINTS))
    } else {
        quote!(::std::option::Option::None)
    };
    let secrets = secret_fields(api);
    quote! {
        /// The command table generated from the description.
        pub static API: #table::Api = #table::Api {
            name: #name,
            doc: #doc,
            commands: &[#( #commands ),*],
            scopes: &[#( #scopes ),*],
            implied: #api_path::scopes::IMPLIED,
            scope_remedy: #remedy,
            scope_check: #scope_check,
            oauth: #oauth,
            environment: &#api_path::ENVIRONMENT,
            secret_fields: &[#( #secrets ),*],
        };
    }
}

/// [`generate_cli`], formatted (what a build script writes to `OUT_DIR`).
pub fn generate_cli_source(api: &Api, options: &CliOptions) -> String {
    crate::format::format(generate_cli(api, options))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DESC: &str = r#"
name: demo
hosts:
  main: { env: DEMO_URL }
scopes:
  read: { doc: Read., default: true }
  write: { doc: Write., implies: [read] }
types:
  Thing:
    fields:
      id: { wire: ID, type: i64 }
      key: { wire: Key, type: secret, optional: true }
  Page:
    fields:
      total: { wire: Total, type: i64 }
      items: { wire: Item, type: "list<Thing>" }
  State:
    enum: [draft, published]
resources:
  user-things:
    doc: Things.
    endpoints:
      get_one:
        method: GET
        path: /things/{thingId}
        host: main
        auth: any
        scopes: [read]
        params:
          thingId: { in: path, type: i64 }
          state: { in: query, type: State }
          numItems: { in: query, type: u32 }
        response: { type: Thing }
      list:
        method: GET
        path: /things
        host: main
        auth: user
        scopes: [read]
        params:
          start: { in: query, type: i32 }
          size: { in: query, type: i32 }
        response: { type: Page, formats: [xml], xml: Page }
        paginate: { style: offset, items: items, start: start, size: size, total: total }
      put:
        method: PUT
        path: /things
        host: main
        auth: user
        scopes: [write]
        body: { format: xml, type: Thing, root: Thing }
        response: { type: Thing }
"#;

    #[test]
    fn table_of_a_description() {
        let api = crate::parse(DESC, "demo.yaml").unwrap();
        let src = generate_cli_source(&api, &CliOptions::default());
        // Valid Rust, naming the table's types and the bindings by path.
        syn::parse_file(&src).unwrap();
        // Compared with white space collapsed (prettyplease breaks lines).
        let flat = |s: &str| {
            s.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .replace("( ", "(")
                .replace(" )", ")")
                .replace("[ ", "[")
                .replace(" ]", "]")
                .replace(",)", ")")
                .replace(",]", "]")
                .replace(", }", " }")
        };
        let src = flat(&src);
        for needle in [
            "resource: \"user-things\"",
            "resource_cli: \"user-things\"",
            "name: \"get_one\"",
            "name_cli: \"get-one\"",
            "endpoint: &::imagen_runtime::api::user_things::endpoints::GET_ONE",
            "flag: \"num-items\"",
            "rust: \"num_items\"",
            "wire: \"numItems\"",
            "crate::table::ParamKind::Int { min: 0, max: u32::MAX as i128 }",
            "values: &[(\"draft\", ::std::option::Option::None), (\"published\", ::std::option::Option::None)]",
            "items: \"Item\"",
            "total: ::std::option::Option::Some(\"Total\")",
            "root: ::std::option::Option::Some(\"Thing\")",
            "decode: crate::table::decode_as::<::imagen_runtime::api::types::Page>",
            "secret_fields: &[\"Key\"]",
            "implied: ::imagen_runtime::api::scopes::IMPLIED",
            "scope_check: ::std::option::Option::None",
        ] {
            assert!(src.contains(&flat(needle)), "{needle:?} not in\n{src}");
        }
    }
}
