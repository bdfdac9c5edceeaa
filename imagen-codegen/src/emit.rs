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

fn path(s: &str) -> TokenStream {
    s.parse().unwrap_or_else(|_| quote!(::imagen_runtime))
}

fn ident(s: &str) -> Ident {
    match s.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(s, Span::call_site()),
    }
}

/// Rustdoc attributes for a block of text (one attribute per line).
fn doc(text: &str) -> TokenStream {
    let lines = text.lines().map(|l| format!(" {l}"));
    quote!(#( #[doc = #lines] )*)
}

fn doc_opt(text: &Option<String>) -> TokenStream {
    text.as_deref().map(doc).unwrap_or_default()
}

const ASSUMED: &str = "*Assumption: not from Imagen's public documentation.*";

pub fn generate(api: &Api, opts: &Options) -> TokenStream {
    let rt = path(&opts.runtime);
    let scopes = gen_scopes(api, &rt);
    let scopes_macro = gen_scopes_macro(api, opts);
    let types = api.types.iter().map(|t| gen_type(api, t, &rt));
    let client = gen_client(api, &rt);
    let resources = api.resources.iter().map(|r| gen_resource(api, r, &rt));
    let oauth = gen_oauth(api);
    quote! {
        #scopes
        #scopes_macro
        /// The types of the description: request and response bodies with their wire names.
        pub mod types {
            #( #types )*
        }
        #oauth
        #client
        #( #resources )*
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
            #( impl<E> #rt::scope::Grants<#granted, E> for DefaultScopes {} )*
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
    let d = doc(&format!(
        "Declares the scope set an application holds, as a type for `Client<S, _>`:\n\
         `scopes!(pub MyApp = ReadUsersData, CreateJobs);`\n\n\
         Scopes of this description: {}. Declare only scopes an Imagen administrator has \
         granted to the application in MediaControlCentre; `Client::verify_scopes` checks it at run time.",
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

fn rust_type(api: &Api, t: &TypeRef, rt: &TokenStream, prefix: &TokenStream) -> TokenStream {
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
            quote!(::std::collections::BTreeMap<::std::string::String, #i>)
        }
    }
}

fn gen_type(api: &Api, t: &TypeDef, rt: &TokenStream) -> TokenStream {
    let name = ident(&t.name);
    let mut text = t.doc.clone().unwrap_or_else(|| format!("`{}`", t.name));
    if !t.documented {
        text.push_str(&format!("\n\n{ASSUMED}"));
    }
    let d = doc(&text);
    let serde_crate = format!("{}::__private::serde", rt.to_string().replace(' ', ""));
    match &t.kind {
        TypeKind::Struct(fields) => {
            let fields = fields.iter().map(|f| {
                let id = ident(&f.rust);
                let wire = &f.wire;
                let ty = rust_type(api, &f.ty, rt, &quote!());
                let mut text = f.doc.clone().unwrap_or_default();
                if !text.is_empty() {
                    text.push_str("\n\n");
                }
                text.push_str(&format!("Wire name: `{wire}`."));
                if !f.documented {
                    text.push_str(&format!(" {ASSUMED}"));
                }
                let d = doc(&text);
                if f.optional {
                    quote! {
                        #d
                        #[serde(rename = #wire, default, skip_serializing_if = "::std::option::Option::is_none")]
                        pub #id: ::std::option::Option<#ty>,
                    }
                } else {
                    quote! {
                        #d
                        #[serde(rename = #wire)]
                        pub #id: #ty,
                    }
                }
            });
            quote! {
                #d
                #[derive(Clone, Debug, PartialEq, #rt::__private::serde::Serialize, #rt::__private::serde::Deserialize)]
                #[serde(crate = #serde_crate)]
                pub struct #name {
                    #( #fields )*
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
            }
        }
    }
}

fn gen_oauth(api: &Api) -> TokenStream {
    let Some(o) = &api.oauth else { return quote!() };
    let host = &o.host;
    let authorize = &o.authorize;
    let token = &o.token;
    let revoke = match &o.revoke {
        Some(r) => quote!(::std::option::Option::Some(#r)),
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
        }
    }
}

fn gen_client(api: &Api, rt: &TokenStream) -> TokenStream {
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

            /// Asks Imagen which scopes the application was granted
            /// (`GET /core/v1/application`, signed) and fails with
            /// `Error::ScopesNotGranted` naming every declared scope that is missing.
            pub async fn verify_scopes(&self) -> ::std::result::Result<(), #rt::Error> {
                #rt::verify_scopes(&self.session, S::NAMES, scopes::IMPLIED).await
            }

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
    let methods = r.endpoints.iter().map(|e| gen_method(api, r, e, rt));
    let builders = r.endpoints.iter().map(|e| gen_builder(api, r, e, rt));
    let td = format!(
        " The `{}` resource's endpoints, borrowed from a [`Client`](super::Client).",
        r.key
    );
    quote! {
        #d
        pub mod #m {
            #[doc = #td]
            pub struct #t<'c, S, A> {
                pub(super) client: &'c super::Client<S, A>,
            }

            impl<'c, S: #rt::scope::ScopeSet, A> #t<'c, S, A> {
                #( #methods )*
            }

            #( #builders )*
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
            if p.location == ParamIn::Path {
                "path"
            } else {
                "query"
            }
        ));
        if let Some(d) = &p.doc {
            text.push_str(&format!(": {d}"));
        }
    }
    if let Some(Body::Xml { doc: Some(d) } | Body::Json { doc: Some(d), .. }) = &e.body {
        text.push_str(&format!("\n- `body`: {d}"));
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
    let full_name = format!("{}.{}", r.key, e.key);
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
    let (body_kind, body_arg, body_call) = match &e.body {
        None => (quote!(None), quote!(), quote!()),
        Some(Body::Xml { .. }) => (
            quote!(Xml),
            quote!(body: impl ::std::convert::Into<::std::string::String>,),
            quote!(.xml(body)),
        ),
        Some(Body::Json { ty, .. }) => {
            let ty = rust_type(api, ty, rt, &quote!(super::types::));
            (quote!(Json), quote!(body: &#ty,), quote!(.json(body)))
        }
    };
    let path = &e.path;
    let host = &e.host;
    let scope_names = e.scopes.iter().map(|&i| &api.scopes[i].wire);
    let envelope = match &e.response.envelope {
        Some(env) => quote!(::std::option::Option::Some(#env)),
        None => quote!(::std::option::Option::None),
    };
    let required: Vec<&Param> = e.params.iter().filter(|p| p.required).collect();
    let args = required.iter().map(|p| {
        let id = ident(&p.rust);
        let ty = param_type(api, p, rt);
        quote!(#id: #ty,)
    });
    let path_args = required
        .iter()
        .filter(|p| p.location == ParamIn::Path)
        .map(|p| {
            let id = ident(&p.rust);
            quote!(&#id)
        });
    let query_calls = required
        .iter()
        .filter(|p| p.location == ParamIn::Query)
        .map(|p| {
            let id = ident(&p.rust);
            let wire = &p.wire;
            quote!(.query(#wire, #id))
        });
    let scope_bounds = e.scopes.iter().map(|&i| {
        let s = scope_ident(api, i);
        quote!(S: #rt::scope::Grants<super::scopes::#s, #builder>,)
    });
    let auth_bound = match e.auth {
        Auth::Application => quote!(A: #rt::scope::ActsForApplication<#builder>,),
        Auth::User => quote!(A: #rt::scope::ActsForUser<#builder>,),
        Auth::Any | Auth::None => quote!(),
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
        pub fn #name(&self, #( #args )* #body_arg) -> #builder
        where
            #( #scope_bounds )*
            #auth_bound
        {
            static ENDPOINT: #rt::endpoint::Endpoint = #rt::endpoint::Endpoint {
                name: #full_name,
                method: #rt::endpoint::Method::#method,
                host: #host,
                path: #path,
                auth: #rt::endpoint::Auth::#auth,
                scopes: &[#( #scope_names ),*],
                body: #rt::endpoint::BodyKind::#body_kind,
                envelope: #envelope,
            };
            #builder(self.client.session().request(&ENDPOINT, &[#( #path_args ),*]) #( #query_calls )* #body_call)
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
        quote! {
            #d
            pub fn #id(self, value: #ty) -> Self {
                Self(self.0.query(#wire, value))
            }
        }
    });
    // `send` hands back the runtime's future as it is: a plain `fn`, not an
    // `async fn`, so that no endpoint adds a state machine of its own for
    // rustc to check and lower (bench/README.md: about a quarter of
    // `cargo check` time of large bindings).
    quote! {
        #[doc = #d]
        #[must_use = "a request does nothing until it is sent: call `.send().await`"]
        pub struct #builder(#rt::Request<#resp>);

        impl #builder {
            #( #setters )*

            /// Sends the request and decodes the answer: `.send().await`.
            pub fn send(self) -> impl ::std::future::Future<Output = ::std::result::Result<#resp, #rt::Error>> {
                self.0.send()
            }
        }
    }
}
