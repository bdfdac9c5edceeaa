//! Where generation time goes (N = 1000): YAML reading vs validation, and
//! how much of formatting is due to one `#[doc]` attribute per doc line.
use proc_macro2::{TokenStream, TokenTree};
use std::time::{Duration, Instant};

fn med(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn count(ts: &TokenStream) -> usize {
    ts.clone()
        .into_iter()
        .map(|t| match t {
            TokenTree::Group(g) => 1 + count(&g.stream()),
            _ => 1,
        })
        .sum()
}

/// The same tokens with each run of `#[doc = "…"]` attributes merged into one.
fn merge_docs(ts: TokenStream) -> TokenStream {
    let tokens: Vec<TokenTree> = ts.into_iter().collect();
    let mut out: Vec<TokenTree> = Vec::new();
    let mut pending: Option<String> = None;
    let doc_of = |g: &TokenTree| -> Option<String> {
        let TokenTree::Group(g) = g else { return None };
        let inner: Vec<TokenTree> = g.stream().into_iter().collect();
        match inner.as_slice() {
            [
                TokenTree::Ident(i),
                TokenTree::Punct(p),
                TokenTree::Literal(l),
            ] if i == "doc" && p.as_char() == '=' => {
                let lit: syn::LitStr = syn::parse_str(&l.to_string()).ok()?;
                Some(lit.value())
            }
            _ => None,
        }
    };
    let flush = |out: &mut Vec<TokenTree>, pending: &mut Option<String>| {
        if let Some(text) = pending.take() {
            out.extend(quote::quote!(#[doc = #text]));
        }
    };
    let mut i = 0;
    while i < tokens.len() {
        if let (TokenTree::Punct(p), Some(next)) = (&tokens[i], tokens.get(i + 1))
            && p.as_char() == '#'
            && let Some(text) = doc_of(next)
        {
            match &mut pending {
                Some(acc) => {
                    acc.push('\n');
                    acc.push_str(&text);
                }
                None => pending = Some(text),
            }
            i += 2;
            continue;
        }
        flush(&mut out, &mut pending);
        match &tokens[i] {
            TokenTree::Group(g) => {
                let mut ng = proc_macro2::Group::new(g.delimiter(), merge_docs(g.stream()));
                ng.set_span(g.span());
                out.push(TokenTree::Group(ng));
            }
            t => out.push(t.clone()),
        }
        i += 1;
    }
    flush(&mut out, &mut pending);
    out.into_iter().collect()
}

fn main() {
    let y = bench::synth::yaml(1000);
    let j = bench::synth::openapi(1000);
    let api = imagen_codegen::parse(&y, "s.yaml").unwrap();
    let ours = imagen_codegen::generate(&api, &Default::default());
    let mut pg = progenitor_impl::Generator::new(&Default::default());
    let prog = pg
        .generate_tokens(&serde_json::from_str(&j).unwrap())
        .unwrap();
    println!("tokens: ours {} progenitor {}", count(&ours), count(&prog));
    let (mut yv, mut jv, mut sp, mut up) = (vec![], vec![], vec![], vec![]);
    let (mut psp, mut pup) = (vec![], vec![]);
    for _ in 0..7 {
        let t = Instant::now();
        let _: serde_json::Value = serde_saphyr::from_str(&y).unwrap();
        yv.push(t.elapsed());
        let t = Instant::now();
        let _: serde_json::Value = serde_json::from_str(&j).unwrap();
        jv.push(t.elapsed());
        for (tokens, s, u) in [(&ours, &mut sp, &mut up), (&prog, &mut psp, &mut pup)] {
            let t = Instant::now();
            let f: syn::File = syn::parse2(tokens.clone()).unwrap();
            s.push(t.elapsed());
            let t = Instant::now();
            let _ = prettyplease::unparse(&f);
            u.push(t.elapsed());
        }
    }
    println!(
        "YAML -> generic value (serde-saphyr): {:?}; JSON -> generic value: {:?}",
        med(yv),
        med(jv)
    );
    println!(
        "ours: syn::parse2 {:?}, unparse {:?}; progenitor: syn::parse2 {:?}, unparse {:?}",
        med(sp),
        med(up),
        med(psp),
        med(pup)
    );
    let docs = ours.to_string().matches("# [doc =").count();
    let merged = merge_docs(ours.clone());
    let mdocs = merged.to_string().matches("# [doc =").count();
    let (mut ms, mut mu) = (vec![], vec![]);
    for _ in 0..7 {
        let t = Instant::now();
        let f: syn::File = syn::parse2(merged.clone()).unwrap();
        ms.push(t.elapsed());
        let t = Instant::now();
        let _ = prettyplease::unparse(&f);
        mu.push(t.elapsed());
    }
    println!(
        "ours: {docs} doc attributes ({} tokens); merged into {mdocs} ({} tokens): syn::parse2 {:?}, unparse {:?}",
        count(&ours),
        count(&merged),
        med(ms),
        med(mu)
    );
}
