#![deny(missing_docs)]
//! Procedural macros for Imagen bindings: thin wrappers over `imagen-codegen`.
//!
//! - [`generate!`] turns a description file into bindings at the call site:
//!   exactly what the runtime's build script generates for its built-in API,
//!   with errors shown at the path literal (`file:line:column: message`).
//! - [`declare_scopes!`] is the engine behind each API's `scopes!` macro; it
//!   is not called directly.

use proc_macro::TokenStream;
use proc_macro2::{Span, TokenStream as TokenStream2};
use quote::{quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::{Ident, LitStr, Path, Token, bracketed};

/// Generates bindings for an Imagen API description.
///
/// ```ignore
/// mod my_api {
///     imagen::generate!("api/my_api.yaml", module = crate::my_api);
/// }
/// ```
///
/// - The path is relative to the crate's `CARGO_MANIFEST_DIR` (or, when no
///   file exists there, to the directory of the calling source file). The
///   file is tracked: editing it and running `cargo build` regenerates.
/// - `module = path` says where the bindings live (default: `crate`, the
///   crate root) so that the generated `scopes!` macro works anywhere in the
///   crate.
/// - `runtime = path` names the runtime crate (default `::imagen_runtime`;
///   the `imagen` facade passes `::imagen`).
#[proc_macro]
pub fn generate(input: TokenStream) -> TokenStream {
    let args = syn::parse_macro_input!(input as GenerateArgs);
    expand_generate(args).into()
}

struct GenerateArgs {
    file: LitStr,
    runtime: Option<Path>,
    module: Option<Path>,
}

impl Parse for GenerateArgs {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut file = None;
        let mut runtime = None;
        let mut module = None;
        while !input.is_empty() {
            if input.peek(LitStr) {
                if file.is_some() {
                    return Err(input.error("only one description file per `generate!`"));
                }
                file = Some(input.parse()?);
            } else {
                let key: Ident = input.parse()?;
                input.parse::<Token![=]>()?;
                let value: Path = input.parse()?;
                match key.to_string().as_str() {
                    "runtime" => runtime = Some(value),
                    "module" => module = Some(value),
                    other => {
                        return Err(syn::Error::new(
                            key.span(),
                            format!(
                                "unknown argument `{other}`: expected `\"path/to/api.yaml\"`, `module = path` or `runtime = path`"
                            ),
                        ));
                    }
                }
            }
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        let file = file.ok_or_else(|| {
            input.error("expected the description's path: `generate!(\"api/my_api.yaml\")`")
        })?;
        Ok(GenerateArgs {
            file,
            runtime,
            module,
        })
    }
}

fn path_string(p: &Path) -> String {
    quote!(#p).to_string().replace(' ', "")
}

/// The description's path: relative to `CARGO_MANIFEST_DIR`; when no file
/// exists there, relative to the directory of the source file that calls
/// `generate!` (as `include_str!` resolves paths).
fn resolve(lit: &LitStr) -> std::path::PathBuf {
    let rel = lit.value();
    let dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let from_manifest = std::path::Path::new(&dir).join(&rel);
    if from_manifest.exists() {
        return from_manifest;
    }
    let from_source = lit
        .span()
        .unwrap()
        .local_file()
        .and_then(|f| f.parent().map(|p| p.join(&rel)))
        .filter(|p| p.exists());
    from_source.unwrap_or(from_manifest)
}

fn expand_generate(args: GenerateArgs) -> TokenStream2 {
    let full = resolve(&args.file);
    let mut options = imagen_codegen::Options::default();
    if let Some(r) = &args.runtime {
        options.runtime = path_string(r);
    }
    if let Some(m) = &args.module {
        options.module = path_string(m);
    }
    let api = match imagen_codegen::load(&full) {
        Ok(api) => api,
        Err(diags) => {
            let mut diags = diags;
            diags.file = args.file.value();
            // `{:#}`: without the leading `error:` of each line, which
            // rustc adds itself.
            let msg = format!("{diags:#}");
            let span = args.file.span();
            return quote_spanned!(span=> ::core::compile_error!(#msg););
        }
    };
    let tokens = imagen_codegen::generate(&api, &options);
    // `include_str!` resolves a relative path against the calling source
    // file's directory, not against where the file was found: pass it an
    // absolute path.
    let tracked = std::fs::canonicalize(&full)
        .unwrap_or(full)
        .display()
        .to_string();
    // `module =` must name the module `generate!` is invoked in (the
    // `scopes!` macro reaches the bindings through it from anywhere in the
    // crate). A macro cannot see where it is invoked, but the expansion can:
    // a constant compares `module_path!()` with the option, so a forgotten
    // `module =` fails at `generate!` with a message that names the fix
    // instead of "cannot find `scopes` in `crate`" wherever `scopes!` is used.
    let module_check = options.module.strip_prefix("crate").map(|below| {
        let rt = options.runtime.parse::<TokenStream2>().unwrap_or_default();
        quote! {
            const _: () = #rt::__private::check_module(::core::module_path!(), #below);
        }
    });
    quote! {
        // Makes cargo rebuild this crate when the description changes.
        const _: &str = ::core::include_str!(#tracked);
        #module_check
        #tokens
    }
}

/// The engine behind each API's `scopes!` macro (which passes the API's
/// scope table); not meant to be called directly.
#[doc(hidden)]
#[proc_macro]
pub fn declare_scopes(input: TokenStream) -> TokenStream {
    let args = syn::parse_macro_input!(input as ScopesArgs);
    expand_scopes(args).into()
}

struct TableEntry {
    wire: LitStr,
    ident: Ident,
    closure: Vec<Ident>,
}

struct ScopesArgs {
    runtime: TokenStream2,
    module: TokenStream2,
    table: Vec<TableEntry>,
    vis: syn::Visibility,
    name: Ident,
    scopes: Vec<Ident>,
}

fn keyed_group(input: ParseStream, key: &str) -> syn::Result<TokenStream2> {
    let k: Ident = input.parse()?;
    if k != key {
        return Err(syn::Error::new(k.span(), format!("expected `{key}`")));
    }
    input.parse::<Token![=]>()?;
    let content;
    bracketed!(content in input);
    let tokens: TokenStream2 = content.parse()?;
    if input.peek(Token![,]) {
        input.parse::<Token![,]>()?;
    }
    Ok(tokens)
}

impl Parse for ScopesArgs {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let runtime = keyed_group(input, "runtime")?;
        let module = keyed_group(input, "module")?;
        let table_tokens = keyed_group(input, "table")?;
        let set_tokens = keyed_group(input, "set")?;
        let table = syn::parse::Parser::parse2(
            |input: ParseStream| {
                let mut out = Vec::new();
                while !input.is_empty() {
                    let wire: LitStr = input.parse()?;
                    let ident: Ident = input.parse()?;
                    let content;
                    bracketed!(content in input);
                    let mut closure = Vec::new();
                    while !content.is_empty() {
                        closure.push(content.parse()?);
                    }
                    input.parse::<Token![;]>()?;
                    out.push(TableEntry {
                        wire,
                        ident,
                        closure,
                    });
                }
                Ok(out)
            },
            table_tokens,
        )?;
        let (vis, name, scopes) = syn::parse::Parser::parse2(
            |input: ParseStream| {
                let vis: syn::Visibility = input.parse()?;
                let name: Ident = input.parse()?;
                input.parse::<Token![=]>()?;
                let list =
                    syn::punctuated::Punctuated::<Ident, Token![,]>::parse_terminated(input)?;
                Ok((vis, name, list.into_iter().collect::<Vec<_>>()))
            },
            set_tokens,
        )?;
        Ok(ScopesArgs {
            runtime,
            module,
            table,
            vis,
            name,
            scopes,
        })
    }
}

fn expand_scopes(args: ScopesArgs) -> TokenStream2 {
    let ScopesArgs {
        runtime: rt,
        module,
        table,
        vis,
        name,
        scopes,
    } = args;
    let known: Vec<String> = table.iter().map(|t| t.ident.to_string()).collect();
    let mut errors = TokenStream2::new();
    let mut declared: Vec<&TableEntry> = Vec::new();
    for (i, s) in scopes.iter().enumerate() {
        let text = s.to_string();
        if scopes[..i].iter().any(|p| *p == text) {
            let msg = format!("scope `{text}` is declared twice in `{name}`; list each scope once");
            errors.extend(quote_spanned!(s.span()=> ::core::compile_error!(#msg);));
            continue;
        }
        match table.iter().find(|t| t.ident == text) {
            Some(t) => declared.push(t),
            None => {
                let suggestion = table
                    .iter()
                    .find(|t| {
                        t.wire.value() == text || t.ident.to_string().eq_ignore_ascii_case(&text)
                    })
                    .map(|t| format!(" (did you mean `{}`?)", t.ident))
                    .unwrap_or_default();
                let msg = format!(
                    "unknown scope `{text}`{suggestion}: the API declares {}",
                    known
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                errors.extend(quote_spanned!(s.span()=> ::core::compile_error!(#msg);));
            }
        }
    }
    if !errors.is_empty() {
        return errors;
    }
    let names: Vec<String> = declared.iter().map(|t| t.wire.value()).collect();
    let mut granted: Vec<&Ident> = declared.iter().flat_map(|t| t.closure.iter()).collect();
    granted.sort_by_key(|i| known.iter().position(|k| *i == k));
    granted.dedup_by(|a, b| a == b);
    let doc = format!(
        " Scope set `{name}`: {} (declared with `scopes!`).",
        if names.is_empty() {
            "no scopes".to_owned()
        } else {
            names
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        }
    );
    let span = Span::call_site();
    quote_spanned! {span=>
        #[doc = #doc]
        #[derive(Debug, Clone, Copy)]
        #vis enum #name {}
        impl #rt::scope::ScopeSet for #name {
            const NAMES: &'static [&'static str] = &[#( #names ),*];
        }
        #( impl<E> #module::Grants<#module::#granted, E> for #name {} )*
    }
}
