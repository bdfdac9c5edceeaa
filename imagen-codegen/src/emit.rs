//! Generation: the validated [`Api`] becomes one `TokenStream`.
//!
//! Shape (see `docs/contract.md` for the runtime side):
//! - `scopes`: one marker type per scope, `DefaultScopes`, and (outside the
//!   module) the `scopes!` macro that declares an application's scope set;
//! - `types`: serde structs and string enums with wire names;
//! - `Client<S, A>`: the entry point, generic over the scope set `S` and the
//!   authentication kind `A`;
//! - one module per resource with an accessor type whose methods carry the
//!   endpoint's scope and authentication requirements as direct bounds, and
//!   one small request builder per endpoint (optional parameters, `send`).
//!
//! Everything that is the same for every endpoint lives in the runtime; what
//! stays here per endpoint is a `static Endpoint`, a method and a builder.

use heck::ToSnakeCase;
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use crate::model::*;

/// Where the generated code finds things; the same options give the same
/// output whether the build script or the `generate!` macro runs the generator.
#[derive(Clone, Debug)]
pub struct Options {
    /// Path of the runtime crate as seen from the generated code:
    /// `::imagen_runtime`, `::imagen`, or `crate` inside the runtime itself.
    pub runtime: String,
    /// Path of the module that holds the generated items, as seen from
    /// anywhere in the crate (`crate::api`), used by the `scopes!` macro.
    pub module: String,
    /// `#[macro_export]` the `scopes!` macro (the runtime's built-in API)
    /// instead of a crate-local `pub(crate) use`.
    pub export_scopes_macro: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            runtime: "::imagen_runtime".into(),
            module: "crate".into(),
            export_scopes_macro: false,
        }
    }
}

pub(crate) fn path(s: &str) -> TokenStream {
    s.parse().unwrap_or_else(|_| quote!(::imagen_runtime))
}

pub(crate) fn ident(s: &str) -> Ident {
    match s.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(s, Span::call_site()),
    }
}

/// The rustdoc attribute for a block of text: one `#[doc]` with the lines
/// joined, not one per line (a third of the attributes for rustc to parse;
/// the build script's formatter prints it as `///` lines).
pub(crate) fn doc(text: &str) -> TokenStream {
    let mut joined = String::with_capacity(text.len() + 8);
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            joined.push('\n');
        }
        joined.push(' ');
        joined.push_str(line);
    }
    if joined.is_empty() {
        return TokenStream::new();
    }
    quote!(#[doc = #joined])
}

fn doc_opt(text: &Option<String>) -> TokenStream {
    text.as_deref().map(doc).unwrap_or_default()
}

const ASSUMED: &str = "*Assumption: not from the API's public documentation.*";

pub fn generate(api: &Api, opts: &Options) -> TokenStream {
    let mut tokens = generate_prelude(api, opts);
    tokens.extend(generate_resources(api, opts, 0..api.resources.len()));
    tokens
}

/// The resource modules `range` of the description (the last items of
/// [`generate`], each independent of the others), so that large
/// descriptions can be generated and formatted in parts.
pub(crate) fn generate_resources(
    api: &Api,
    opts: &Options,
    range: std::ops::Range<usize>,
) -> TokenStream {
    let rt = path(&opts.runtime);
    let resources = api.resources[range]
        .iter()
        .map(|r| gen_resource(api, r, &rt));
    quote!(#( #resources )*)
}

/// Everything [`generate`] emits before the resource modules.
pub(crate) fn generate_prelude(api: &Api, opts: &Options) -> TokenStream {
    let rt = path(&opts.runtime);
    // Generated modules name the runtime through one `use … as rt;`: every
    // other name a module defines is a PascalCase type or a SCREAMING static,
    // so `rt` cannot clash with what the description names.
    let local = quote!(rt);
    let scopes = gen_scopes(api, &rt);
    let scopes_macro = gen_scopes_macro(api, opts);
    let types = api.types.iter().map(|t| gen_type(api, t, &local));
    let client = gen_client(api, &rt);
    let oauth = gen_oauth(api, &rt);
    let environment = gen_environment(api, &rt);
    let endpoints = gen_endpoint_list(api, &rt);
    let types_import = if api.types.is_empty() {
        quote!()
    } else {
        quote!(use #rt as rt;)
    };
    quote! {
        #scopes
        #scopes_macro
        /// The types of the description: request and response bodies with their wire names.
        pub mod types {
            // Nesting is the description's shape, not a lint to fix in the user's crate.
            #![allow(clippy::type_complexity)]
            #types_import
            #( #types )*
        }
        #oauth
        #environment
        #endpoints
        #client
    }
}

fn scope_ident(api: &Api, i: usize) -> Ident {
    ident(&api.scopes[i].ident)
}

fn gen_scopes(api: &Api, rt: &TokenStream) -> TokenStream {
    let markers = api.scopes.iter().enumerate().map(|(i, s)| {
        let id = scope_ident(api, i);
        let wire = &s.wire;
        let mut text = format!("Scope `{wire}`");
        if let Some(d) = &s.doc {
            text.push_str(&format!(": {d}"));
        }
        if s.default {
            text.push_str("\n\nGranted to new applications by default.");
        }
        if !s.implies.is_empty() {
            let names: Vec<String> = s
                .implies
                .iter()
                .map(|&j| format!("`{}`", api.scopes[j].wire))
                .collect();
            text.push_str(&format!("\n\nImplies {}.", names.join(", ")));
        }
        let d = doc(&text);
        quote! {
            #d
            pub enum #id {}
            impl #rt::scope::Scope for #id {
                const NAME: &'static str = #wire;
            }
        }
    });
    let defaults: Vec<usize> = (0..api.scopes.len())
        .filter(|&i| api.scopes[i].default)
        .collect();
    let default_names = defaults.iter().map(|&i| &api.scopes[i].wire);
    let granted = closure_of(api, &defaults);
    let granted = granted.iter().map(|&i| scope_ident(api, i));
    let implied = api
        .scopes
        .iter()
        .enumerate()
        .filter(|(i, s)| s.closure.iter().any(|j| j != i))
        .map(|(i, s)| {
            let wire = &s.wire;
            let names = s
                .closure
                .iter()
                .filter(|&&j| j != i)
                .map(|&j| &api.scopes[j].wire);
            quote!((#wire, &[#( #names ),*]))
        });
    let listed: Vec<String> = defaults
        .iter()
        .map(|&i| format!("`{}`", api.scopes[i].wire))
        .collect();
    // The compile-time message, with the description's remedy: `{scope}` in
    // it names the missing scope; other braces are literal.
    let remedy = api
        .scope_remedy
        .replace('{', "{{")
        .replace('}', "}}")
        .replace("{{scope}}", "`{R}`");
    let note = format!(
        "{remedy}, then add it to the declaration: `scopes!(pub MyApp = …, {{R}});` and use `Client<MyApp, _>`"
    );
    let grants_trait = quote! {
        /// Holding this scope set lets the application use scope `R`, which
        /// the endpoint `E` needs (declared, or implied by a declared scope).
        /// Implemented by `DefaultScopes` and by the sets `scopes!` declares;
        /// its message says what to do when a call needs a scope the set lacks.
        #[diagnostic::on_unimplemented(
            message = "endpoint `{E}` needs the `{R}` scope, which scope set `{Self}` does not grant",
            label = "`{E}` needs scope `{R}`",
            note = #note
        )]
        pub trait Grants<R: #rt::scope::Scope, E> {}
    };
    let dd = doc(&format!(
        "The scope set of an application that declared none: the description's defaults ({}).",
        if listed.is_empty() {
            "none".to_owned()
        } else {
            listed.join(", ")
        }
    ));
    quote! {
        /// Scope marker types, one per scope of the description, and the default scope set.
        ///
        /// Declare the scope set your application holds with the `scopes!` macro.
        pub mod scopes {
            #( #markers )*
            #dd
            #[derive(Debug, Clone, Copy)]
            pub enum DefaultScopes {}
            impl #rt::scope::ScopeSet for DefaultScopes {
                const NAMES: &'static [&'static str] = &[#( #default_names ),*];
            }
            #grants_trait
            #( impl<E> Grants<#granted, E> for DefaultScopes {} )*
            /// For each scope that implies others, the scopes holding it lets
            /// the application use (wire names); `Client::verify_scopes` uses it.
            pub const IMPLIED: &[(&str, &[&str])] = &[#( #implied ),*];
        }
    }
}

fn closure_of(api: &Api, set: &[usize]) -> Vec<usize> {
    let mut out: Vec<usize> = set
        .iter()
        .flat_map(|&i| api.scopes[i].closure.iter().copied())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

fn gen_scopes_macro(api: &Api, opts: &Options) -> TokenStream {
    // Inside an exported macro, the runtime's own paths must go through `$crate`.
    let local = |p: &str| -> TokenStream {
        if opts.export_scopes_macro
            && let Some(rest) = p.strip_prefix("crate")
        {
            return format!("$crate{rest}").parse().unwrap_or_default();
        }
        path(p)
    };
    let rt = local(&opts.runtime);
    let module = local(&opts.module);
    let table = api.scopes.iter().map(|s| {
        let wire = &s.wire;
        let id = ident(&s.ident);
        let closure = s.closure.iter().map(|&j| ident(&api.scopes[j].ident));
        quote!(#wire #id [#( #closure )*];)
    });
    let names: Vec<String> = api
        .scopes
        .iter()
        .map(|s| format!("`{}`", s.ident))
        .collect();
    let example: Vec<&str> = api
        .scopes
        .iter()
        .take(2)
        .map(|s| s.ident.as_str())
        .collect();
    let checked = if api.scope_check.is_some() {
        "; `Client::verify_scopes` checks it at run time"
    } else {
        ""
    };
    let d = doc(&format!(
        "Declares the scope set an application holds, as a type for `Client<S, _>`:\n\
         `scopes!(pub MyApp = {});`\n\n\
         Scopes of this description: {}. Declare only scopes the application has been granted{checked}.",
        example.join(", "),
        names.join(", ")
    ));
    let body = quote! {
        ($vis:vis $name:ident = $($scope:ident),* $(,)?) => {
            #rt::__private::declare_scopes! {
                runtime = [#rt],
                module = [#module::scopes],
                table = [#( #table )*],
                set = [$vis $name = $($scope),*]
            }
        };
    };
    if opts.export_scopes_macro {
        quote! {
            #d
            #[macro_export]
            macro_rules! scopes { #body }
        }
    } else {
        // `use scopes;` would import the module `scopes` too (a name is
        // imported in every namespace it has) and clash with `pub mod scopes`;
        // a macro-only name imported under the public name does not.
        quote! {
            #d
            macro_rules! __imagen_scopes { #body }
            #[allow(unused_imports)]
            pub(crate) use __imagen_scopes as scopes;
        }
    }
}

pub(crate) fn rust_type(
    api: &Api,
    t: &TypeRef,
    rt: &TokenStream,
    prefix: &TokenStream,
) -> TokenStream {
    match t {
        TypeRef::String => quote!(::std::string::String),
        TypeRef::Bool => quote!(bool),
        TypeRef::I32 => quote!(i32),
        TypeRef::I64 => quote!(i64),
        TypeRef::U8 => quote!(u8),
        TypeRef::U32 => quote!(u32),
        TypeRef::U64 => quote!(u64),
        TypeRef::F64 => quote!(f64),
        TypeRef::Secret => quote!(#rt::ApiSecret),
        TypeRef::Json => quote!(#rt::__private::serde_json::Value),
        TypeRef::Named(i) => {
            let n = ident(&api.types[*i].name);
            quote!(#prefix #n)
        }
        TypeRef::List(inner) => {
            let i = rust_type(api, inner, rt, prefix);
            quote!(::std::vec::Vec<#i>)
        }
        TypeRef::Map(inner) => {
            let i = rust_type(api, inner, rt, prefix);
            quote!(#rt::IndexMap<::std::string::String, #i>)
        }
        TypeRef::Flag => quote!(bool),
        TypeRef::Csv(inner) => {
            let i = rust_type(api, inner, rt, prefix);
            quote!(::std::vec::Vec<#i>)
        }
    }
}

/// The sentence a field's documentation gets about its wire form.
fn wire_doc(f: &Field) -> String {
    // Without a description of its own the field's doc is its wire name;
    // otherwise the name is said here.
    let mut text = if f.doc.is_some() {
        format!("Wire name `{}`.", f.wire)
    } else {
        String::new()
    };
    match (f.xml, &f.item) {
        (XmlNode::Attribute, _) => text.push_str(" An XML attribute."),
        (XmlNode::Text, _) => text.push_str(" The XML element's text."),
        (XmlNode::Element, Some(item)) => {
            text.push_str(&format!(" One `<{item}>` element per item."))
        }
        (XmlNode::Element, None) => {}
    }
    if let Some(j) = &f.json {
        text.push_str(&format!(" JSON key: `{j}`."));
    }
    match f.ty {
        TypeRef::Flag => text.push_str(" Written `1` or `0`."),
        TypeRef::Csv(_) => text.push_str(" Written as one comma-separated string."),
        _ => {}
    }
    text
}

fn gen_type(api: &Api, t: &TypeDef, rt: &TokenStream) -> TokenStream {
    let name = ident(&t.name);
    let mut text = t.doc.clone().unwrap_or_else(|| format!("`{}`", t.name));
    if !t.documented {
        text.push_str(&format!("\n\n{ASSUMED}"));
    }
    let d = doc(&text);
    match &t.kind {
        TypeKind::Struct(fields) => {
            let members = fields.iter().map(|f| {
                let id = ident(&f.rust);
                let ty = rust_type(api, &f.ty, rt, &quote!());
                // Every field gets a sentence, so that `missing_docs` holds in
                // the user's crate: the description's, else the wire name.
                let mut text = f.doc.clone().unwrap_or_else(|| format!("`{}`.", f.wire));
                let wire_text = wire_doc(f);
                if !wire_text.is_empty() {
                    text.push_str("\n\n");
                    text.push_str(wire_text.trim_start());
                }
                if !f.documented {
                    text.push_str(&format!(" {ASSUMED}"));
                }
                let d = doc(&text);
                if f.optional {
                    quote! {
                        #d
                        pub #id: ::std::option::Option<#ty>,
                    }
                } else {
                    quote! {
                        #d
                        pub #id: #ty,
                    }
                }
            });
            let shape_fields = fields.iter().map(|f| {
                let wire = &f.wire;
                let node = format_ident!(
                    "{}",
                    match f.xml {
                        XmlNode::Element => "element",
                        XmlNode::Attribute => "attribute",
                        XmlNode::Text => "text",
                    }
                );
                // A comma-joined list travels as one text value.
                let kind_ty = match &f.ty {
                    TypeRef::Csv(_) => quote!(::std::string::String),
                    other => rust_type(api, other, rt, &quote!()),
                };
                let optional = f.optional.then(|| quote!(.optional()));
                let json = f.json.as_ref().map(|j| quote!(.json(#j)));
                let item = f.item.as_ref().map(|i| quote!(.item(#i)));
                quote! {
                    #rt::wire::Field::#node(#wire, <#kind_ty as #rt::wire::Wire>::kind)#optional #json #item
                }
            });
            let type_name = &t.name;
            let plain = t.plain_json;
            let ser = gen_struct_ser(&name, type_name, fields, rt);
            let de = gen_struct_de(api, &name, type_name, fields, rt);
            quote! {
                #d
                #[derive(Clone, Debug, PartialEq)]
                pub struct #name {
                    #( #members )*
                }
                #ser
                #de
                impl #rt::wire::Wire for #name {
                    fn kind() -> #rt::wire::Kind {
                        static SHAPE: #rt::wire::Shape = #rt::wire::Shape {
                            name: #type_name,
                            fields: &[#( #shape_fields ),*],
                            plain_json: #plain,
                        };
                        #rt::wire::Kind::Struct(|| &SHAPE)
                    }
                }
            }
        }
        TypeKind::Enum(variants) => {
            let ids: Vec<Ident> = variants.iter().map(|v| ident(&v.ident)).collect();
            let wires: Vec<&String> = variants.iter().map(|v| &v.wire).collect();
            let docs = wires.iter().map(|w| format!(" Wire value `{w}`."));
            quote! {
                #d
                ///
                /// Unknown values are kept in `Other`, so nothing the server sends is lost.
                #[derive(Clone, Debug, PartialEq, Eq, Hash)]
                #[allow(clippy::enum_variant_names)]
                pub enum #name {
                    #( #[doc = #docs] #ids, )*
                    /// A value this description does not list.
                    Other(::std::string::String),
                }
                impl #name {
                    /// The wire value.
                    pub fn as_str(&self) -> &str {
                        match self {
                            #( Self::#ids => #wires, )*
                            Self::Other(s) => s,
                        }
                    }
                }
                impl ::std::convert::From<::std::string::String> for #name {
                    fn from(s: ::std::string::String) -> Self {
                        match s.as_str() {
                            #( #wires => Self::#ids, )*
                            _ => Self::Other(s),
                        }
                    }
                }
                impl ::std::fmt::Display for #name {
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(self.as_str())
                    }
                }
                impl #rt::__private::serde::Serialize for #name {
                    fn serialize<S: #rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                        s.serialize_str(self.as_str())
                    }
                }
                impl<'de> #rt::__private::serde::Deserialize<'de> for #name {
                    fn deserialize<D: #rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                        <::std::string::String as #rt::__private::serde::Deserialize>::deserialize(d).map(Self::from)
                    }
                }
                impl ::std::str::FromStr for #name {
                    type Err = ::std::convert::Infallible;
                    fn from_str(s: &str) -> ::std::result::Result<Self, <Self as ::std::str::FromStr>::Err> {
                        ::std::result::Result::Ok(Self::from(::std::string::String::from(s)))
                    }
                }
                impl #rt::wire::Wire for #name {
                    fn kind() -> #rt::wire::Kind {
                        #rt::wire::Kind::Text
                    }
                }
            }
        }
        TypeKind::Codes(codes) => {
            let ids: Vec<Ident> = codes.iter().map(|c| ident(&c.ident)).collect();
            let nums: Vec<i64> = codes.iter().map(|c| c.code).collect();
            let names: Vec<&String> = codes.iter().map(|c| &c.ident).collect();
            let docs = nums.iter().map(|n| format!(" Code `{n}`."));
            quote! {
                #d
                ///
                /// A numeric code on the wire; unknown codes are kept in `Other`.
                #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
                pub enum #name {
                    #( #[doc = #docs] #ids, )*
                    /// A code this description does not list.
                    Other(i64),
                }
                impl #name {
                    /// The wire code.
                    pub fn code(&self) -> i64 {
                        match self {
                            #( Self::#ids => #nums, )*
                            Self::Other(n) => *n,
                        }
                    }
                }
                impl ::std::convert::From<i64> for #name {
                    fn from(n: i64) -> Self {
                        match n {
                            #( #nums => Self::#ids, )*
                            _ => Self::Other(n),
                        }
                    }
                }
                impl ::std::fmt::Display for #name {
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        match self {
                            #( Self::#ids => f.write_str(#names), )*
                            Self::Other(n) => ::std::write!(f, "{n}"),
                        }
                    }
                }
                impl ::std::str::FromStr for #name {
                    type Err = ::std::num::ParseIntError;
                    fn from_str(s: &str) -> ::std::result::Result<Self, <Self as ::std::str::FromStr>::Err> {
                        s.trim().parse::<i64>().map(Self::from)
                    }
                }
                impl #rt::__private::serde::Serialize for #name {
                    fn serialize<S: #rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                        s.serialize_i64(self.code())
                    }
                }
                impl<'de> #rt::__private::serde::Deserialize<'de> for #name {
                    fn deserialize<D: #rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                        #rt::wire::formats::code::deserialize(d).map(Self::from)
                    }
                }
                impl #rt::wire::Wire for #name {
                    fn kind() -> #rt::wire::Kind {
                        #rt::wire::Kind::Int
                    }
                }
            }
        }
    }
}

/// The value convention of a field (`wire::formats`), if it has one.
fn convention(f: &Field) -> Option<TokenStream> {
    match (&f.ty, f.optional) {
        (TypeRef::Flag, false) => Some(quote!(Flag)),
        (TypeRef::Flag, true) => Some(quote!(FlagOption)),
        (TypeRef::Csv(_), false) => Some(quote!(Csv)),
        (TypeRef::Csv(_), true) => Some(quote!(CsvOption)),
        _ => None,
    }
}

/// `Serialize` for a struct through the runtime's `wire::struct_ser`, not
/// serde's derive (see `gen_struct_de`).
fn gen_struct_ser(
    name: &Ident,
    type_name: &str,
    fields: &[Field],
    rt: &TokenStream,
) -> TokenStream {
    let required =
        proc_macro2::Literal::usize_unsuffixed(fields.iter().filter(|f| !f.optional).count());
    let present = fields.iter().filter(|f| f.optional).map(|f| {
        let id = ident(&f.rust);
        quote!(self.#id.is_some())
    });
    let writes = fields.iter().map(|f| {
        let id = ident(&f.rust);
        let wire = &f.wire;
        let ser = quote!(#rt::wire::struct_ser);
        match (convention(f), f.optional) {
            (Some(w), false) => quote!(#ser::field_with::<#rt::wire::formats::#w, _, _>(&mut m, #wire, &self.#id)?;),
            (Some(w), true) => quote!(#ser::optional_with::<#rt::wire::formats::#w, _, _>(&mut m, #wire, &self.#id)?;),
            (None, false) => quote!(#ser::field(&mut m, #wire, &self.#id)?;),
            (None, true) => quote!(#ser::optional(&mut m, #wire, &self.#id)?;),
        }
    });
    let m = if fields.is_empty() {
        quote!(m)
    } else {
        quote!(mut m)
    };
    quote! {
        impl #rt::__private::serde::Serialize for #name {
            fn serialize<S: #rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                let #m = #rt::wire::struct_ser::begin(s, #type_name, #required, &[#( #present ),*])?;
                #( #writes )*
                #rt::__private::serde::ser::SerializeStruct::end(m)
            }
        }
    }
}

/// `Deserialize` for a struct through the runtime's `wire::struct_de`
/// (a key table, one slot per field), not serde's derive: the derive's
/// output is most of a large description's compile time.
fn gen_struct_de(
    api: &Api,
    name: &Ident,
    type_name: &str,
    fields: &[Field],
    rt: &TokenStream,
) -> TokenStream {
    let keys = fields.iter().map(|f| &f.wire);
    let slot_types: Vec<TokenStream> = fields
        .iter()
        .map(|f| {
            let ty = rust_type(api, &f.ty, rt, &quote!());
            if f.optional {
                quote!(::std::option::Option<::std::option::Option<#ty>>)
            } else {
                quote!(::std::option::Option<#ty>)
            }
        })
        .collect();
    let (slots_ty, paths) = slot_tuple(slot_types);
    let arms = fields.iter().zip(&paths).enumerate().map(|(i, (f, at))| {
        let i_lit = proc_macro2::Literal::usize_unsuffixed(i);
        match convention(f) {
            Some(w) => quote! {
                #i_lit => #rt::wire::struct_de::value_with::<#rt::wire::formats::#w, _, _>(&mut #at, m),
            },
            None => quote!(#i_lit => #rt::wire::struct_de::value(&mut #at, m),),
        }
    });
    let inits = fields.iter().zip(&paths).map(|(f, at)| {
        let id = ident(&f.rust);
        let wire = &f.wire;
        if f.optional {
            quote!(#id: #at.flatten(),)
        } else {
            quote!(#id: #rt::wire::struct_de::required(#at, #wire)?,)
        }
    });
    // A struct without fields still needs a `Slots` type and a `set`.
    let set_body = if fields.is_empty() {
        quote!(let _ = (s, key, m); ::std::result::Result::Ok(()))
    } else {
        quote! {
            match key {
                #( #arms )*
                _ => ::std::result::Result::Ok(()),
            }
        }
    };
    let build_args = if fields.is_empty() {
        quote!(_s)
    } else {
        quote!(s)
    };
    quote! {
        impl<'de> #rt::__private::serde::Deserialize<'de> for #name {
            fn deserialize<D: #rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                #rt::wire::struct_de::deserialize(d)
            }
        }
        impl #rt::wire::struct_de::StructDe for #name {
            const NAME: &'static str = #type_name;
            const KEYS: &'static [&'static str] = &[#( #keys ),*];
            type Slots = #slots_ty;
            fn set<'de, A: #rt::__private::serde::de::MapAccess<'de>>(s: &mut Self::Slots, key: usize, m: &mut A) -> ::std::result::Result<(), A::Error> {
                #set_body
            }
            fn build<E: #rt::__private::serde::de::Error>(#build_args: Self::Slots) -> ::std::result::Result<Self, E> {
                ::std::result::Result::Ok(#name {
                    #( #inits )*
                })
            }
        }
    }
}

/// The slots of a struct as one tuple type (nested in tuples of at most 12,
/// so that it is `Default`), and for each field its place in it: `s.3`, or
/// `(s.1).3` from 13 fields on (parenthesized: `s.1.3` would be read back
/// as `s` and the float `1.3`).
fn slot_tuple(types: Vec<TokenStream>) -> (TokenStream, Vec<TokenStream>) {
    let (ty, paths) = slot_layout(types);
    let access = paths
        .iter()
        .map(|path| {
            let mut steps = path
                .iter()
                .map(|i| proc_macro2::Literal::usize_unsuffixed(*i));
            let first = steps.next();
            steps.fold(quote!(s.#first), |base, i| quote!((#base).#i))
        })
        .collect();
    (ty, access)
}

fn slot_layout(types: Vec<TokenStream>) -> (TokenStream, Vec<Vec<usize>>) {
    const MAX: usize = 12;
    if types.len() <= MAX {
        let paths = (0..types.len()).map(|i| vec![i]).collect();
        return (quote!((#( #types, )*)), paths);
    }
    let mut groups = Vec::new();
    let mut rest = types.into_iter().peekable();
    while rest.peek().is_some() {
        groups.push(slot_layout(rest.by_ref().take(MAX).collect()));
    }
    let (outer_ty, outer_paths) = slot_layout(groups.iter().map(|(t, _)| t.clone()).collect());
    let mut paths = Vec::new();
    for ((_, inner), outer) in groups.iter().zip(outer_paths) {
        paths.extend(
            inner
                .iter()
                .map(|p| outer.iter().chain(p).copied().collect()),
        );
    }
    (outer_ty, paths)
}

fn opt_str(s: &Option<String>) -> TokenStream {
    match s {
        Some(v) => quote!(::std::option::Option::Some(#v)),
        None => quote!(::std::option::Option::None),
    }
}

fn gen_oauth(api: &Api, rt: &TokenStream) -> TokenStream {
    let Some(o) = &api.oauth else { return quote!() };
    let host = &o.host;
    let authorize = &o.authorize;
    let token = &o.token;
    let revoke = opt_str(&o.revoke);
    let client_auth = if o.basic_auth {
        quote!(#rt::oauth::ClientAuth::Basic)
    } else {
        quote!(#rt::oauth::ClientAuth::RequestBody)
    };
    let pkce = o.pkce;
    let oob_title = match &o.oob_title {
        Some(t) => {
            let (success, denied) = (&t.success, &t.denied);
            quote!(::std::option::Option::Some(#rt::oauth::OobTitle { success: #success, denied: #denied }))
        }
        None => quote!(::std::option::Option::None),
    };
    quote! {
        /// OAuth 2.0 endpoints of the description (paths on the host named by `HOST`).
        pub mod oauth_endpoints {
            /// The host key the OAuth endpoints live on.
            pub const HOST: &str = #host;
            /// Path of the authorization page.
            pub const AUTHORIZE: &str = #authorize;
            /// Path of the token endpoint.
            pub const TOKEN: &str = #token;
            /// Path of the revocation endpoint, if any.
            pub const REVOKE: ::std::option::Option<&str> = #revoke;
            /// All of it, for `OAuthConfig::for_session` (see `Client::oauth_config`).
            pub static ENDPOINTS: #rt::oauth::OAuthEndpoints = #rt::oauth::OAuthEndpoints {
                host: HOST,
                authorize: AUTHORIZE,
                token: TOKEN,
                revoke: REVOKE,
                client_auth: #client_auth,
                pkce: #pkce,
                oob_title: #oob_title,
            };
        }
    }
}

/// Where the description's credentials and host URLs come from.
fn gen_environment(api: &Api, rt: &TokenStream) -> TokenStream {
    let key_var = &api.key_env;
    let secret_var = &api.secret_env;
    let hosts = api.hosts.iter().map(|h| {
        let key = &h.key;
        let env = opt_str(&h.env);
        let default = opt_str(&h.default);
        quote!(#rt::HostSpec { key: #key, env: #env, default_url: #default })
    });
    let d = doc(&format!(
        "Where the `{}` API's credentials and host URLs come from: `{key_var}`, `{secret_var}` and each host's variable (see `Client::session_from_env`).",
        api.name
    ));
    let file = match &api.credential_file {
        None => quote!(::std::option::Option::None),
        Some(f) => {
            let wrapper = opt_str(&f.wrapper);
            let key = &f.key;
            let secret = &f.secret;
            let hosts = f.hosts.iter().map(|(h, field)| quote!((#h, #field)));
            quote!(::std::option::Option::Some(#rt::FileSpec {
                wrapper: #wrapper,
                key: #key,
                secret: #secret,
                hosts: &[#( #hosts ),*],
            }))
        }
    };
    // `builder.mcc_url(url)` for host `mcc`: a setter per host whose key
    // makes an identifier.
    let mut setters = Vec::new();
    let mut decls = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for h in &api.hosts {
        let name = format!("{}_url", h.key.to_snake_case());
        if syn::parse_str::<Ident>(&name).is_err() || !seen.insert(name.clone()) {
            continue;
        }
        let id = ident(&name);
        let key = &h.key;
        let mut text = format!("The base URL of host `{key}`");
        if let Some(d) = &h.doc {
            text.push_str(&format!(": {d}"));
        }
        text.push_str(&format!("\n\nThe same as `host(\"{key}\", url)`."));
        let d = doc(&text);
        decls.push(quote! {
            #d
            fn #id(self, url: impl ::std::convert::Into<::std::string::String>) -> Self;
        });
        setters.push(quote! {
            fn #id(self, url: impl ::std::convert::Into<::std::string::String>) -> Self {
                self.host(#key, url)
            }
        });
    }
    let host_urls = if decls.is_empty() {
        quote!()
    } else {
        let td = doc(&format!(
            "Setters for the `{}` API's hosts on a [`SessionBuilder`]({}::SessionBuilder): `use` it to call them.",
            api.name,
            rt.to_string().replace(' ', "")
        ));
        quote! {
            #td
            pub trait HostUrls: ::std::marker::Sized {
                #( #decls )*
            }
            impl HostUrls for #rt::SessionBuilder {
                #( #setters )*
            }
        }
    };
    quote! {
        #host_urls
        #d
        pub static ENVIRONMENT: #rt::Environment = #rt::Environment {
            key_var: #key_var,
            secret_var: #secret_var,
            hosts: &[#( #hosts ),*],
            file: #file,
        };
    }
}

/// `verify_scopes`, when the description names the endpoint that reports
/// the application's granted scopes.
fn gen_verify_scopes(api: &Api, rt: &TokenStream) -> TokenStream {
    let Some(check) = &api.scope_check else {
        return quote!();
    };
    let (ri, ei) = check.endpoint;
    let r = &api.resources[ri];
    let e = &r.endpoints[ei];
    let m = ident(&r.module);
    let method = ident(&e.method_name);
    let start = if check.root_list {
        quote!(answer.iter())
    } else {
        quote!(::std::iter::once(&answer))
    };
    let steps = check.path.iter().map(|(field, optional, list)| {
        let f = ident(field);
        match (optional, list) {
            (true, true) => quote!(.flat_map(|x| x.#f.iter().flatten())),
            (true, false) | (false, true) => quote!(.flat_map(|x| x.#f.iter())),
            (false, false) => quote!(.map(|x| &x.#f)),
        }
    });
    let text = format!(
        "Asks the server which scopes the application was granted (`{}.{}`, `{} {}`, signed) and fails with `OAuthError::ScopesNotGranted` (as `Error::OAuth`) naming every declared scope that is missing (implications count).",
        r.key,
        e.key,
        e.method.as_str(),
        e.path
    );
    let d = doc(&text);
    quote! {
        #d
        pub async fn verify_scopes(&self) -> ::std::result::Result<(), #rt::Error> {
            let app: Client<S, #rt::scope::AppContext> = Client {
                session: self.session.application_context(),
                _marker: ::std::marker::PhantomData,
            };
            let answer = app.#m().#method().send().await?;
            let granted: ::std::vec::Vec<::std::string::String> = #start
                #( #steps )*
                .map(|s| s.to_string())
                .collect();
            #rt::scope::check_granted(&granted, S::NAMES, scopes::IMPLIED)
        }
    }
}

fn gen_client(api: &Api, rt: &TokenStream) -> TokenStream {
    let verify = gen_verify_scopes(api, rt);
    let oauth_config = if api.oauth.is_some() {
        quote! {
            /// The OAuth 2.0 configuration of the application a session
            /// holds, with this description's OAuth endpoints (paths, client
            /// authentication, PKCE) on its OAuth host.
            pub fn oauth_config(
                session: &#rt::Session,
                kind: #rt::oauth::AppKind,
                redirect_uri: &str
            ) -> #rt::oauth::OAuthConfigBuilder {
                #rt::oauth::OAuthConfig::for_session(session, &oauth_endpoints::ENDPOINTS, kind, redirect_uri)
            }
        }
    } else {
        quote!()
    };
    let accessors = api.resources.iter().map(|r| {
        let m = ident(&r.module);
        let t = ident(&r.ident);
        let d = doc_opt(&r.doc);
        quote! {
            #d
            pub fn #m(&self) -> #m::#t<'_, S, A> {
                #m::#t { client: self }
            }
        }
    });
    let mut text = format!("A client for the `{}` API.", api.name);
    if let Some(d) = &api.doc {
        text.push_str(&format!("\n\n{d}"));
    }
    text.push_str(
        "\n\n`S` is the application's scope set (declare it with `scopes!`), `A` the \
         authentication kind: `AppContext` (signed with the API key and secret) or \
         `UserContext` (acting for a user with an OAuth 2.0 token). Calling an endpoint \
         the scope set or the authentication kind doesn't allow does not compile.",
    );
    if !api.hosts.is_empty() {
        text.push_str("\n\nHosts:");
        for h in &api.hosts {
            text.push_str(&format!("\n- `{}`", h.key));
            if let Some(env) = &h.env {
                text.push_str(&format!(" (`{env}`)"));
            }
            if let Some(d) = &h.doc {
                text.push_str(&format!(": {d}"));
            }
        }
    }
    let d = doc(&text);
    quote! {
        #d
        pub struct Client<S = scopes::DefaultScopes, A = #rt::scope::AppContext> {
            session: #rt::Session,
            _marker: ::std::marker::PhantomData<fn() -> (S, A)>,
        }

        impl<S, A> ::std::clone::Clone for Client<S, A> {
            fn clone(&self) -> Self {
                Client { session: self.session.clone(), _marker: ::std::marker::PhantomData }
            }
        }

        impl<S, A> ::std::fmt::Debug for Client<S, A> {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct("Client")
                    .field("scopes", &::std::any::type_name::<S>())
                    .field("auth", &::std::any::type_name::<A>())
                    .field("session", &self.session)
                    .finish()
            }
        }

        impl Client {
            /// An application-context client with the default scope set.
            pub fn new(session: #rt::Session) -> Self {
                Client { session, _marker: ::std::marker::PhantomData }
            }

            /// A session builder with the key, secret and host URLs from the
            /// variables this description names (`ENVIRONMENT`).
            pub fn session_from_env() -> ::std::result::Result<#rt::SessionBuilder, #rt::Error> {
                #rt::SessionBuilder::from_env_for(&ENVIRONMENT)
            }

            #oauth_config
        }

        impl<S: #rt::scope::ScopeSet, A> Client<S, A> {
            /// The same client with the scope set `S2` (declared with `scopes!`).
            pub fn with_scopes<S2: #rt::scope::ScopeSet>(self) -> Client<S2, A> {
                Client { session: self.session, _marker: ::std::marker::PhantomData }
            }

            /// The session: credentials, hosts, HTTP client and policies.
            pub fn session(&self) -> &#rt::Session {
                &self.session
            }

            /// Wire names of the scopes the client's scope set declares
            /// (what an OAuth authorization request asks for).
            pub fn declared_scopes(&self) -> &'static [&'static str] {
                S::NAMES
            }

            #verify

            #( #accessors )*
        }

        impl<S> Client<S, #rt::scope::AppContext> {
            /// A client acting for the user whose OAuth 2.0 tokens `tokens` provides.
            pub fn for_user(&self, tokens: ::std::sync::Arc<dyn #rt::TokenSource>) -> Client<S, #rt::scope::UserContext> {
                Client { session: self.session.with_token_source(tokens), _marker: ::std::marker::PhantomData }
            }
        }

        impl<S> Client<S, #rt::scope::UserContext> {
            /// The application-context client of the same application (signed requests).
            pub fn as_application(&self) -> Client<S, #rt::scope::AppContext> {
                Client { session: self.session.application_context(), _marker: ::std::marker::PhantomData }
            }
        }
    }
}

fn param_type(api: &Api, p: &Param, rt: &TokenStream) -> TokenStream {
    match &p.ty {
        TypeRef::String => quote!(&str),
        other => rust_type(api, other, rt, &quote!(super::types::)),
    }
}

/// The value a parameter is sent as: a `flag` goes out as `1`/`0`.
fn param_value(p: &Param, id: &TokenStream) -> TokenStream {
    match p.ty {
        TypeRef::Flag => quote!(u8::from(#id)),
        _ => id.clone(),
    }
}

/// The request-builder call that adds a non-path parameter.
fn param_call(p: &Param, value: TokenStream) -> TokenStream {
    let wire = &p.wire;
    let value = param_value(p, &value);
    match p.location {
        ParamIn::Header => quote!(.header(#wire, #value)),
        _ => quote!(.query(#wire, #value)),
    }
}

fn gen_resource(api: &Api, r: &Resource, rt: &TokenStream) -> TokenStream {
    let m = ident(&r.module);
    let t = ident(&r.ident);
    let mut text = r
        .doc
        .clone()
        .unwrap_or_else(|| format!("The `{}` resource.", r.key));
    text.push_str(&format!(
        "\n\nReached through `Client::{}()`.",
        r.module.trim_start_matches("r#")
    ));
    let d = doc(&text);
    let real_rt = rt;
    let format_import = if r.endpoints.iter().any(|e| !e.response.formats.is_empty()) {
        quote!(
            use super::rt::wire::Format;
        )
    } else {
        quote!()
    };
    let rt = &quote!(rt);
    let methods = r.endpoints.iter().map(|e| gen_method(api, r, e, rt));
    let builders = r.endpoints.iter().map(|e| gen_builder(api, r, e, rt));
    let statics = r.endpoints.iter().map(|e| gen_endpoint_static(api, r, e));
    let td = format!(
        " The `{}` resource's endpoints, borrowed from a [`Client`](super::Client).",
        r.key
    );
    let ed = format!(
        " What the runtime sends for each endpoint of `{}`: one [`Endpoint`](rt::endpoint::Endpoint) per endpoint, as data.",
        r.key
    );
    quote! {
        #d
        pub mod #m {
            #![allow(clippy::type_complexity)]
            use #real_rt as rt;
            #[doc = #td]
            pub struct #t<'c, S, A> {
                pub(super) client: &'c super::Client<S, A>,
            }

            impl<'c, S: rt::scope::ScopeSet, A> #t<'c, S, A> {
                #( #methods )*
            }

            #( #builders )*

            #[doc = #ed]
            pub mod endpoints {
                use super::rt::endpoint::{Auth, Endpoint, Method};
                #format_import
                #( #statics )*
            }
        }
    }
}

fn endpoint_doc(api: &Api, r: &Resource, e: &Endpoint) -> String {
    let mut text = e
        .doc
        .clone()
        .unwrap_or_else(|| format!("`{}.{}`", r.key, e.key));
    text.push_str(&format!(
        "\n\n`{} {}` on host `{}`.",
        e.method.as_str(),
        e.path,
        e.host
    ));
    let auth = match e.auth {
        Auth::Application => "application context (signed with the API key and secret)",
        Auth::User => "user context (OAuth 2.0 access token)",
        Auth::Any => "application or user context",
        Auth::None => "none",
    };
    text.push_str(&format!("\n\n- Authentication: {auth}."));
    if e.scopes.is_empty() {
        text.push_str("\n- Scopes: none.");
    } else {
        let s: Vec<String> = e
            .scopes
            .iter()
            .map(|&i| format!("`{}`", api.scopes[i].wire))
            .collect();
        text.push_str(&format!("\n- Scopes: {}.", s.join(", ")));
    }
    for p in e.params.iter().filter(|p| p.required) {
        text.push_str(&format!("\n- `{}`", p.rust.trim_start_matches("r#")));
        if p.rust.trim_start_matches("r#") != p.wire {
            text.push_str(&format!(" (`{}`)", p.wire));
        }
        text.push_str(&format!(
            ", in the {}",
            match p.location {
                ParamIn::Path => "path",
                ParamIn::Query => "query",
                ParamIn::Header => "header",
            }
        ));
        if let Some(d) = &p.doc {
            text.push_str(&format!(": {d}"));
        }
    }
    if let Some(Body::Xml { doc: Some(d), .. } | Body::Json { doc: Some(d), .. }) = &e.body {
        text.push_str(&format!("\n- `body`: {d}"));
    }
    let formats: Vec<String> = e
        .response
        .formats
        .iter()
        .map(|f| match f {
            Format::Xml => match &e.response.xml {
                Some(path) => format!("XML (`{path}`)"),
                None => "XML".to_owned(),
            },
            Format::Json => match &e.response.envelope {
                Some(path) => format!("JSON (`{path}`)"),
                None => "JSON".to_owned(),
            },
        })
        .collect();
    if !formats.is_empty() {
        text.push_str(&format!("\n- Answers: {}.", formats.join(" or ")));
    }
    if !e.idempotent {
        text.push_str("\n- Not idempotent: never sent again once it may have reached the server; an unknown outcome is `Error::OutcomeUnknown`.");
        if let Some(h) = &e.outcome_hint {
            text.push_str(&format!(" {h}"));
        }
    }
    if !e.documented {
        text.push_str(&format!("\n\n{ASSUMED}"));
    }
    text
}

fn gen_method(api: &Api, r: &Resource, e: &Endpoint, rt: &TokenStream) -> TokenStream {
    let name = ident(&e.method_name);
    let builder = ident(&e.builder);
    let d = doc(&endpoint_doc(api, r, e));
    let endpoint = static_ident(e);
    let (body_arg, body_call) = match &e.body {
        None => (quote!(), quote!()),
        Some(Body::Xml { ty: None, .. }) => (
            quote!(, body: impl ::std::convert::Into<::std::string::String>),
            quote!(.xml(body)),
        ),
        Some(Body::Xml {
            ty: Some((ty, root)),
            ..
        }) => {
            let ty = rust_type(api, ty, rt, &quote!(super::types::));
            (quote!(, body: &#ty), quote!(.xml_document(body, #root)))
        }
        Some(Body::Json { ty, .. }) => {
            let ty = rust_type(api, ty, rt, &quote!(super::types::));
            (quote!(, body: &#ty), quote!(.json(body)))
        }
    };
    let required: Vec<&Param> = e.params.iter().filter(|p| p.required).collect();
    let args = required.iter().map(|p| {
        let id = ident(&p.rust);
        let ty = param_type(api, p, rt);
        quote!(, #id: #ty)
    });
    let path_args = required
        .iter()
        .filter(|p| p.location == ParamIn::Path)
        .map(|p| {
            let id = ident(&p.rust);
            let v = param_value(p, &quote!(#id));
            quote!(&#v)
        });
    let query_calls = required
        .iter()
        .filter(|p| p.location != ParamIn::Path)
        .map(|p| {
            let id = ident(&p.rust);
            param_call(p, quote!(#id))
        });
    let mut bounds: Vec<TokenStream> = e
        .scopes
        .iter()
        .map(|&i| {
            let s = scope_ident(api, i);
            quote!(S: super::scopes::Grants<super::scopes::#s, #builder>,)
        })
        .collect();
    match e.auth {
        Auth::Application => bounds.push(quote!(A: #rt::scope::ActsForApplication<#builder>,)),
        Auth::User => bounds.push(quote!(A: #rt::scope::ActsForUser<#builder>,)),
        Auth::Any | Auth::None => {}
    }
    let where_clause = if bounds.is_empty() {
        quote!()
    } else {
        quote!(where #( #bounds )*)
    };
    // Positional parameters are the description's required ones; many of
    // them is the API's shape, not a lint to fix in the user's crate.
    let arity = required.len() + usize::from(e.body.is_some());
    let allow = if arity > 6 {
        quote!(#[allow(clippy::too_many_arguments)])
    } else {
        quote!()
    };
    quote! {
        #d
        #allow
        pub fn #name(&self #( #args )* #body_arg) -> #builder
        #where_clause
        {
            #builder(self.client.session.request(&endpoints::#endpoint, &[#( #path_args ),*]) #( #query_calls )* #body_call)
        }
    }
}

/// The name of an endpoint's static in its resource's `endpoints` module:
/// the method name in capitals (method names are unique snake_case names
/// within a resource, so their capitals are too).
pub(crate) fn static_ident(e: &Endpoint) -> Ident {
    format_ident!(
        "{}",
        e.method_name.trim_start_matches("r#").to_ascii_uppercase()
    )
}

/// One endpoint as data: the `static` the request function hands the runtime.
fn gen_endpoint_static(api: &Api, r: &Resource, e: &Endpoint) -> TokenStream {
    let id = static_ident(e);
    let full_name = format!("{}.{}", r.key, e.key);
    let d = format!(" `{full_name}`: `{} {}`.", e.method.as_str(), e.path);
    let method = format_ident!(
        "{}",
        match e.method {
            Method::Get => "Get",
            Method::Post => "Post",
            Method::Put => "Put",
            Method::Delete => "Delete",
            Method::Patch => "Patch",
        }
    );
    let auth = format_ident!(
        "{}",
        match e.auth {
            Auth::Application => "Application",
            Auth::User => "User",
            Auth::Any => "Any",
            Auth::None => "None",
        }
    );
    let path = &e.path;
    let host = &e.host;
    let scope_names = e.scopes.iter().map(|&i| &api.scopes[i].wire);
    let local = |s: &Option<String>| match s {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    };
    let envelope = local(&e.response.envelope);
    let xml_path = local(&e.response.xml);
    let outcome_hint = local(&e.outcome_hint);
    let formats = e.response.formats.iter().map(|f| match f {
        Format::Xml => quote!(Format::Xml),
        Format::Json => quote!(Format::Json),
    });
    let idempotent = e.idempotent;
    let paging = match &e.paging {
        None => quote!(None),
        Some(p) => {
            let style = match p.style {
                PagingStyle::Offset => quote!(Offset),
                PagingStyle::Cursor => quote!(Cursor),
            };
            let start = local(&p.start);
            let size = local(&p.size);
            let max_size = match p.max_size {
                Some(m) => quote!(Some(#m)),
                None => quote!(None),
            };
            let base = p.base;
            let cursor = local(&p.cursor_param);
            let ask_total = local(&p.ask_total);
            quote!(Some(super::rt::paging::Paging {
                style: super::rt::paging::Style::#style,
                start: #start,
                size: #size,
                max_size: #max_size,
                base: #base,
                cursor: #cursor,
                ask_total: #ask_total,
            }))
        }
    };
    // Only what differs from `Endpoint::BASE` (no scopes, no envelope or
    // XML path, JSON only, idempotent, no hint, no paging) is written out.
    let mut rest = Vec::new();
    if !e.scopes.is_empty() {
        rest.push(quote!(scopes: &[#( #scope_names ),*],));
    }
    if e.response.envelope.is_some() {
        rest.push(quote!(envelope: #envelope,));
    }
    if e.response.xml.is_some() {
        rest.push(quote!(xml: #xml_path,));
    }
    if !e.response.formats.is_empty() {
        rest.push(quote!(formats: &[#( #formats ),*],));
    }
    if !idempotent {
        rest.push(quote!(idempotent: false,));
    }
    if e.outcome_hint.is_some() {
        rest.push(quote!(outcome_hint: #outcome_hint,));
    }
    if e.paging.is_some() {
        rest.push(quote!(paging: #paging,));
    }
    quote! {
        #[doc = #d]
        pub static #id: Endpoint = Endpoint {
            name: #full_name,
            method: Method::#method,
            host: #host,
            path: #path,
            auth: Auth::#auth,
            #( #rest )*
            ..Endpoint::BASE
        };
    }
}

/// `ENDPOINTS`: every endpoint of the description, for tools that work on
/// all of them (a command-line tool, a conformance test).
fn gen_endpoint_list(api: &Api, rt: &TokenStream) -> TokenStream {
    let all = api.resources.iter().flat_map(|r| {
        let m = ident(&r.module);
        r.endpoints.iter().map(move |e| {
            let id = static_ident(e);
            quote!(&#m::endpoints::#id)
        })
    });
    let d = doc(&format!(
        "Every endpoint of the `{}` API, in the description's order.",
        api.name
    ));
    quote! {
        #d
        pub static ENDPOINTS: &[&#rt::endpoint::Endpoint] = &[#( #all ),*];
    }
}

/// `pages()` and `items()` of a paged endpoint's builder.
fn gen_paging(api: &Api, p: &Paging, resp: &TokenStream, rt: &TokenStream) -> TokenStream {
    let items = ident(&p.items.rust);
    let count = if p.items.optional {
        quote!(p.#items.as_ref().map_or(0, ::std::vec::Vec::len))
    } else {
        quote!(p.#items.len())
    };
    let total = match &p.total {
        None => quote!(None),
        Some(t) => {
            let f = ident(&t.rust);
            // Unsigned counts convert without loss; a negative signed one
            // is no total.
            let unsigned = matches!(t.ty, TypeRef::U8 | TypeRef::U32 | TypeRef::U64);
            match (t.optional, unsigned) {
                (true, true) => quote!(p.#f.map(u64::from)),
                (true, false) => quote!(p.#f.and_then(|t| u64::try_from(t).ok())),
                (false, true) => quote!(Some(u64::from(p.#f))),
                (false, false) => quote!(u64::try_from(p.#f).ok()),
            }
        }
    };
    let cursor = match &p.cursor_field {
        None => quote!(None),
        Some(c) => {
            let f = ident(&c.rust);
            if c.optional {
                quote!(p.#f.as_deref())
            } else {
                quote!(Some(p.#f.as_str()))
            }
        }
    };
    let take = if p.items.optional {
        quote!(|p| p.#items.unwrap_or_default())
    } else {
        quote!(|p| p.#items)
    };
    let item_ty = rust_type(api, &p.item_ty, rt, &quote!(super::types::));
    let mut how = Vec::new();
    if let Some(s) = &p.start {
        how.push(format!("`{s}`"));
    }
    if let Some(s) = &p.size {
        match p.max_size {
            Some(m) => how.push(format!("`{s}` (at most {m})")),
            None => how.push(format!("`{s}`")),
        }
    }
    if let Some(c) = &p.cursor_param {
        how.push(format!("`{c}` from the answers"));
    }
    let stop = match (&p.style, &p.total) {
        (PagingStyle::Cursor, _) => "when an answer names no next page".to_owned(),
        (PagingStyle::Offset, Some(t)) => format!(
            "at `{}` items (else at a short or empty page)",
            t.rust.trim_start_matches("r#")
        ),
        (PagingStyle::Offset, None) => "at a short or empty page".to_owned(),
    };
    let mut text = format!(
        "Every page of the answer, as a `Stream` of pages: one request per page, the pager setting {}; stops {stop}. Each page is sent like `send` (retries, errors); the first error ends the stream with it.",
        how.join(", ")
    );
    if p.base != 0 {
        text.push_str(&format!(" The first item's index is {}.", p.base));
    }
    if !p.documented {
        text.push_str(&format!("\n\n{ASSUMED}"));
    }
    let pages_doc = doc(&text);
    let items_doc = doc(&format!(
        "The items of every page (`{}`), as a `Stream`: see [`pages`](Self::pages).",
        p.items.rust.trim_start_matches("r#")
    ));
    quote! {
        #pages_doc
        #[inline]
        pub fn pages(self) -> #rt::paging::Pages<#resp> {
            self.0.pages(|p| #rt::paging::PageView { items: #count, total: #total, cursor: #cursor })
        }

        #items_doc
        #[inline]
        pub fn items(self) -> #rt::paging::Items<#item_ty> {
            #rt::paging::Items::new(self.pages(), #take)
        }
    }
}

fn gen_builder(api: &Api, r: &Resource, e: &Endpoint, rt: &TokenStream) -> TokenStream {
    let builder = ident(&e.builder);
    let resp = rust_type(api, &e.response.ty, rt, &quote!(super::types::));
    let res_ty = ident(&r.ident);
    // Intra-doc links can't name raw identifiers (`r#match`): link to the
    // accessor type then.
    let made_by = match e.method_name.strip_prefix("r#") {
        Some(raw) => format!("`{raw}` of [`{res_ty}`]"),
        None => format!("[`{res_ty}::{}`]", e.method_name),
    };
    let d = format!(
        " A `{}.{}` request, made by {made_by}: set optional parameters, then `.send().await`.",
        r.key, e.key
    );
    let setters = e.params.iter().filter(|p| !p.required).map(|p| {
        let id = ident(&p.rust);
        let wire = &p.wire;
        let ty = param_type(api, p, rt);
        let mut text = format!("Sets `{wire}`");
        match &p.doc {
            Some(d) => text.push_str(&format!(": {d}")),
            None => text.push('.'),
        }
        let d = doc(&text);
        let call = param_call(p, quote!(value));
        quote! {
            #d
            #[inline]
            pub fn #id(self, value: #ty) -> Self {
                Self(self.0 #call)
            }
        }
    });
    let paging = e
        .paging
        .as_ref()
        .map(|p| gen_paging(api, p, &resp, rt))
        .unwrap_or_default();
    // `send` hands back the runtime's boxed future (`Pending`) as it is: a
    // plain `fn`, not an `async fn`, so that no endpoint adds a state
    // machine of its own for rustc to check and lower (bench/README.md:
    // about a quarter of `cargo check` time of large bindings). `send` and
    // the setters are `#[inline]`: the bindings crate then compiles them
    // to machine code only where a program calls them (a non-generic
    // function is otherwise code-generated in its own crate, with the
    // runtime's request future for its answer type: most of `cargo build`
    // time of large bindings, for endpoints a program may never call).
    quote! {
        #[doc = #d]
        #[must_use = "a request does nothing until it is sent: call `.send().await`"]
        pub struct #builder(#rt::Request<#resp>);

        impl #builder {
            #( #setters )*

            #paging

            /// Sends the request and decodes the answer: `.send().await`.
            #[inline]
            pub fn send(self) -> #rt::Pending<#resp> {
                self.0.send()
            }
        }
    }
}
