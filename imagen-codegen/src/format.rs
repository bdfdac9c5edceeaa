//! Source text for people from the generated tokens: the build script's
//! `$OUT_DIR` file, which go-to-definition opens.
//!
//! A general formatter (prettyplease) first parses the tokens into a syntax
//! tree with `syn` and spent most of the generation time doing so. The
//! generator's output is a small, known subset of Rust, so this module
//! prints the token stream directly in one pass: one item, statement,
//! field, match arm, attribute or `where` predicate per line, blocks
//! indented by four spaces, doc attributes as `///` lines, and spacing as
//! rustfmt would put it for these constructs. Lines are not wrapped. The
//! text always parses back to the same tokens (spacing only ever changes
//! where Rust ignores it: after a `Joint` punctuation character there is
//! never a space). The `generate!` macro path hands the tokens to rustc as
//! they are and never pays for any of this.

use std::fmt::Write as _;

use proc_macro2::{Delimiter, Group, Punct, Spacing, TokenStream, TokenTree};

/// Prints generated tokens as formatted source text.
pub(crate) fn format(tokens: TokenStream) -> String {
    let mut p = Printer {
        out: String::with_capacity(1 << 16),
        indent: 0,
        line_start: true,
    };
    p.seq(tokens.into_iter().collect(), Ctx::Block);
    p.newline();
    p.out
}

/// Rust keywords after which `(`, `[` and `::` keep a space (`for (a, b)`,
/// `impl ::std::fmt::Display`), unlike after a name (`f(x)`, `a::b`).
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "box", "break", "const", "continue", "dyn", "else", "enum", "extern",
    "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "ref", "return",
    "static", "struct", "trait", "type", "unsafe", "use", "where", "while",
];

/// Where a token sequence is printed.
#[derive(Clone, Copy, PartialEq)]
enum Ctx {
    /// A file or a `{ … }` block: items, statements, fields and arms each
    /// on a line of their own.
    Block,
    /// Inside `( … )`, `[ … ]` or a `{ … }` use tree: on one line.
    Inline,
    /// A `[ … ]` list of blocks or of many elements: one element a line.
    List,
}

/// The kind of the last thing printed, for the spacing before the next.
#[derive(Clone, Copy, PartialEq)]
enum Prev {
    /// Start of a group or of a line: no space.
    Open,
    /// A name; `keyword` for the words of [`KEYWORDS`].
    Ident {
        keyword: bool,
    },
    Literal,
    /// A closing delimiter, or the `>` that closes generic arguments.
    Close,
    /// Punctuation after which no space follows (`::`, `.`, `&` as a
    /// reference, `'`, `$`, `#`, `!` of a macro call, a `Joint` character).
    Glue,
    /// Any other punctuation (`=`, `->`, `:`, `,`…): a space follows.
    Op,
}

struct Printer {
    out: String,
    indent: usize,
    line_start: bool,
}

impl Printer {
    fn newline(&mut self) {
        if !self.line_start {
            self.out.push('\n');
            self.line_start = true;
        }
    }

    fn word(&mut self, text: &str, space: bool) {
        if self.line_start {
            for _ in 0..self.indent {
                self.out.push_str("    ");
            }
            self.line_start = false;
        } else if space {
            self.out.push(' ');
        }
        self.out.push_str(text);
    }

    /// Prints one token sequence in `ctx`.
    fn seq(&mut self, mut tokens: Vec<TokenTree>, ctx: Ctx) {
        let mut prev = Prev::Open;
        // Generic arguments open at this level (`<` … `>`), each with
        // whether it follows `impl`: their commas do not end a line.
        let mut angles: Vec<bool> = Vec::new();
        // Inside a closure's `|…|` parameter list.
        let mut closure = false;
        // Between `where` and the block or `;` that ends the clause.
        let mut in_where = false;
        // The last name followed a `$` (a macro variable: `$x:ident`).
        let mut dollar = false;
        let mut i = 0;
        while i < tokens.len() {
            let next_is = |k: usize, c: char| matches!(tokens.get(k), Some(TokenTree::Punct(p)) if p.as_char() == c);
            match &tokens[i] {
                TokenTree::Punct(p) if p.as_char() == '#' => {
                    let inner = next_is(i + 1, '!');
                    let at = i + 1 + usize::from(inner);
                    if let Some(TokenTree::Group(g)) = tokens.get(at)
                        && g.delimiter() == Delimiter::Bracket
                    {
                        let g = take_group(&mut tokens, at);
                        self.attribute(g, inner, ctx, prev);
                        prev = if ctx == Ctx::Block {
                            Prev::Open
                        } else {
                            Prev::Op
                        };
                        i = at + 1;
                        continue;
                    }
                    self.word("#", prev != Prev::Open && prev != Prev::Glue);
                    prev = Prev::Glue;
                }
                TokenTree::Punct(p) => {
                    // A run of joint characters is one operator (`::`,
                    // `->`, `=>`, `..`, `||`), except `>>` closing generics.
                    let mut op = String::new();
                    op.push(p.as_char());
                    let mut spacing = p.spacing();
                    while spacing == Spacing::Joint
                        && (op != ">" || angles.is_empty())
                        && op != "'"
                        && let Some(TokenTree::Punct(q)) = tokens.get(i + 1)
                    {
                        op.push(q.as_char());
                        spacing = q.spacing();
                        i += 1;
                    }
                    let glue_before = matches!(prev, Prev::Open | Prev::Glue);
                    let value_before = matches!(
                        prev,
                        Prev::Ident { keyword: false } | Prev::Literal | Prev::Close
                    );
                    match op.as_str() {
                        "," | ";" => {
                            self.word(&op, false);
                            let ends_line = match ctx {
                                Ctx::Block => angles.is_empty(),
                                Ctx::List => true,
                                Ctx::Inline => false,
                            };
                            if op == ";" && in_where {
                                in_where = false;
                                self.indent -= 1;
                            }
                            if ends_line && !closure {
                                self.newline();
                                prev = Prev::Open;
                            } else {
                                prev = Prev::Op;
                            }
                        }
                        ".." if !value_before => {
                            // A struct update (`..Endpoint::BASE`) or an
                            // open range start: glued to what follows.
                            self.word("..", !glue_before);
                            prev = Prev::Glue;
                        }
                        "." | "?" => {
                            self.word(&op, false);
                            prev = if op == "." { Prev::Glue } else { Prev::Close };
                        }
                        "::" => {
                            let space = matches!(prev, Prev::Op | Prev::Ident { keyword: true });
                            self.word("::", space);
                            prev = Prev::Glue;
                        }
                        ":" => {
                            self.word(":", false);
                            prev = if dollar { Prev::Glue } else { Prev::Op };
                        }
                        "'" => {
                            self.word("'", !glue_before);
                            prev = Prev::Glue;
                        }
                        "$" => {
                            // A macro variable or repetition; after `),*`
                            // too (a space keeps `*` and `$` apart).
                            self.word("$", prev != Prev::Open);
                            prev = Prev::Glue;
                        }
                        "&" | "*" | "-" | "!" if !value_before => {
                            // A reference, a dereference, a negation: glued
                            // to what follows.
                            self.word(&op, !glue_before);
                            prev = Prev::Glue;
                        }
                        "!" => {
                            // A macro call, `name!(…)`, or a definition,
                            // `macro_rules! name { … }`.
                            self.word("!", false);
                            prev = if matches!(tokens.get(i + 1), Some(TokenTree::Ident(_))) {
                                Prev::Op
                            } else {
                                Prev::Glue
                            };
                        }
                        "<" if !matches!(prev, Prev::Literal | Prev::Close) => {
                            let after_impl = matches!(
                                &tokens[i.saturating_sub(1)],
                                TokenTree::Ident(id) if id == "impl"
                            );
                            let space = !glue_before && !matches!(prev, Prev::Ident { .. });
                            self.word("<", space);
                            angles.push(after_impl);
                            prev = Prev::Glue;
                        }
                        ">" if !angles.is_empty() => {
                            self.word(">", false);
                            // `impl<T> ::std::…`: the generics of an impl are
                            // followed by a space, a type's (`Vec<T>::new`) not.
                            prev = if angles.pop() == Some(true) {
                                Prev::Op
                            } else {
                                Prev::Close
                            };
                        }
                        "|" if !closure && !value_before => {
                            self.word("|", !glue_before);
                            closure = true;
                            prev = Prev::Glue;
                        }
                        "|" if closure => {
                            self.word("|", false);
                            closure = false;
                            prev = Prev::Op;
                        }
                        _ => {
                            self.word(&op, !glue_before);
                            prev = Prev::Op;
                        }
                    }
                    if spacing == Spacing::Joint {
                        // `'a`: nothing may come between.
                        prev = Prev::Glue;
                    }
                    dollar = false;
                }
                TokenTree::Ident(id) => {
                    if id == "where" && ctx == Ctx::Block && angles.is_empty() {
                        self.newline();
                        self.word("where", false);
                        self.newline();
                        self.indent += 1;
                        in_where = true;
                        prev = Prev::Open;
                    } else {
                        let space = !matches!(prev, Prev::Open | Prev::Glue);
                        self.word("", space);
                        let start = self.out.len();
                        let _ = write!(self.out, "{id}");
                        let keyword = KEYWORDS.binary_search(&&self.out[start..]).is_ok();
                        prev = Prev::Ident { keyword };
                    }
                    dollar = i > 0
                        && matches!(&tokens[i - 1], TokenTree::Punct(p) if p.as_char() == '$');
                }
                TokenTree::Literal(lit) => {
                    self.word("", !matches!(prev, Prev::Open | Prev::Glue));
                    let _ = write!(self.out, "{lit}");
                    prev = Prev::Literal;
                    dollar = false;
                }
                TokenTree::Group(g) => {
                    // `use a::{B, C}`: a use tree stays on its line.
                    let after_path = i >= 2
                        && matches!(&tokens[i - 1], TokenTree::Punct(p) if p.as_char() == ':')
                        && matches!(&tokens[i - 2], TokenTree::Punct(p) if p.as_char() == ':' && p.spacing() == Spacing::Joint);
                    let name_before = matches!(prev, Prev::Ident { keyword: false })
                        || matches!(prev, Prev::Ident { keyword: true } if matches!(
                            &tokens[i - 1], TokenTree::Ident(id) if id == "fn" || id == "pub"
                        ));
                    match g.delimiter() {
                        Delimiter::Brace if !g.stream().is_empty() && !after_path => {
                            if in_where {
                                in_where = false;
                                self.indent -= 1;
                                self.newline();
                                self.word("{", false);
                            } else {
                                self.word("{", !matches!(prev, Prev::Open));
                            }
                            self.newline();
                            self.indent += 1;
                            let inner = take_group(&mut tokens, i).stream().into_iter().collect();
                            self.seq(inner, Ctx::Block);
                            self.newline();
                            self.indent -= 1;
                            self.word("}", false);
                            prev = Prev::Close;
                            if ctx == Ctx::Block && !continues_after(&tokens, i) {
                                self.newline();
                                prev = Prev::Open;
                            }
                        }
                        delimiter => {
                            let (open, close) = match delimiter {
                                Delimiter::Parenthesis => ("(", ")"),
                                Delimiter::Bracket => ("[", "]"),
                                Delimiter::Brace => ("{", "}"),
                                Delimiter::None => ("", ""),
                            };
                            let space = match delimiter {
                                Delimiter::Parenthesis | Delimiter::Bracket => {
                                    !matches!(prev, Prev::Open | Prev::Glue | Prev::Close)
                                        && !name_before
                                }
                                _ => !matches!(prev, Prev::Open | Prev::Glue),
                            };
                            self.word(open, space);
                            let inner: Vec<TokenTree> =
                                take_group(&mut tokens, i).stream().into_iter().collect();
                            if delimiter == Delimiter::Bracket && is_list(&inner) {
                                self.newline();
                                self.indent += 1;
                                self.seq(inner, Ctx::List);
                                self.newline();
                                self.indent -= 1;
                            } else {
                                self.seq(inner, Ctx::Inline);
                            }
                            self.word(close, false);
                            prev = if delimiter == Delimiter::None {
                                Prev::Literal
                            } else {
                                Prev::Close
                            };
                            // An empty block (`impl X for Y {}`) ends its
                            // line as any other.
                            if delimiter == Delimiter::Brace
                                && !after_path
                                && ctx == Ctx::Block
                                && !continues_after(&tokens, i)
                            {
                                self.newline();
                                prev = Prev::Open;
                            }
                        }
                    }
                    dollar = false;
                }
            }
            i += 1;
        }
        if in_where {
            self.indent -= 1;
        }
    }

    /// `#[…]` or `#![…]`: doc attributes as `///` (`//!`) lines, others as
    /// written; each on its own line in a block.
    fn attribute(&mut self, g: Group, inner: bool, ctx: Ctx, prev: Prev) {
        if ctx == Ctx::Block
            && let Some(text) = doc_text(&g)
        {
            self.newline();
            let marker = if inner { "//!" } else { "///" };
            for line in text.split('\n') {
                self.word(marker, false);
                self.out.push_str(line.trim_end_matches(' '));
                self.newline();
            }
            return;
        }
        if ctx == Ctx::Block {
            self.newline();
        }
        self.word(
            if inner { "#!" } else { "#" },
            !matches!(prev, Prev::Open | Prev::Glue),
        );
        self.word("[", false);
        self.seq(g.stream().into_iter().collect(), Ctx::Inline);
        self.word("]", false);
        if ctx == Ctx::Block {
            self.newline();
        }
    }
}

/// Whether the expression goes on after the block `tokens[i]` (`,`, `;`,
/// `.`, `?` or `else` follow); if not, the block ends its line.
fn continues_after(tokens: &[TokenTree], i: usize) -> bool {
    match tokens.get(i + 1) {
        Some(TokenTree::Punct(p)) => matches!(p.as_char(), ',' | ';' | '.' | '?'),
        Some(TokenTree::Ident(id)) => id == "else",
        _ => false,
    }
}

/// Whether a `[ … ]` group prints one element a line: it holds a block
/// (`&[Field { … }, …]`), is long, or holds more than one call
/// (`&[Field::element(…), Field::text(…)]`).
fn is_list(tokens: &[TokenTree]) -> bool {
    let calls = tokens
        .iter()
        .filter(|t| matches!(t, TokenTree::Group(g) if g.delimiter() == Delimiter::Parenthesis))
        .count();
    let commas = tokens
        .iter()
        .any(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ','));
    tokens.len() > 40
        || (calls > 1 && commas && tokens.len() > 20)
        || tokens.iter().any(|t| {
            matches!(t, TokenTree::Group(inner)
                if inner.delimiter() == Delimiter::Brace && !inner.stream().is_empty())
        })
}

/// Takes the group at `tokens[i]` out (its stream then is its only owner,
/// so iterating it moves the tokens instead of copying them), leaving a
/// `~` that no look-behind of [`Printer::seq`] matches.
fn take_group(tokens: &mut [TokenTree], i: usize) -> Group {
    match std::mem::replace(
        &mut tokens[i],
        TokenTree::Punct(Punct::new('~', Spacing::Alone)),
    ) {
        TokenTree::Group(g) => g,
        // Only called where `tokens[i]` is a group.
        other => Group::new(Delimiter::None, TokenStream::from(other)),
    }
}

/// The text of a `#[doc = "…"]` attribute, when it can be written as
/// `///` lines that mean the same: a plain string literal whose lines
/// don't start with `/` (`////` is an ordinary comment) and hold no `\r`.
fn doc_text(g: &Group) -> Option<String> {
    let mut it = g.stream().into_iter();
    let (
        Some(TokenTree::Ident(name)),
        Some(TokenTree::Punct(eq)),
        Some(TokenTree::Literal(lit)),
        None,
    ) = (it.next(), it.next(), it.next(), it.next())
    else {
        return None;
    };
    if name != "doc" || eq.as_char() != '=' {
        return None;
    }
    let text = unescape(&lit.to_string())?;
    if text.contains('\r') || text.split('\n').any(|l| l.starts_with('/')) {
        return None;
    }
    Some(text)
}

/// The value of a string literal: a raw string (`r"…"`, `r#"…"#`, what
/// `///` in `quote!` becomes) or one as `proc_macro2::Literal::string`
/// writes it (`"…"` with `\\`, `\"`, `\'`, `\n`, `\r`, `\t`, `\0`,
/// `\x..` and `\u{…}` escapes); `None` for anything else (a byte string),
/// which is then printed as written.
fn unescape(repr: &str) -> Option<String> {
    if let Some(raw) = repr.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        let fence = &raw[..hashes];
        let body = raw[hashes..]
            .strip_prefix('"')?
            .strip_suffix(fence)?
            .strip_suffix('"')?;
        return Some(body.to_owned());
    }
    let body = repr.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            '\\' => out.push('\\'),
            '"' => out.push('"'),
            '\'' => out.push('\''),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            '0' => out.push('\0'),
            'x' => {
                let hex: String = chars.by_ref().take(2).collect();
                out.push(char::from(u8::from_str_radix(&hex, 16).ok()?));
            }
            'u' => {
                if chars.next()? != '{' {
                    return None;
                }
                let hex: String = chars.by_ref().take_while(|&c| c != '}').collect();
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
            }
            _ => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn items_fields_and_docs() {
        let doc = " First line.\n\n - a point\n Last.";
        let tokens = quote! {
            #[doc = #doc]
            pub mod m {
                #![allow(clippy::type_complexity)]
                use super::rt::endpoint::{Auth, Endpoint};
                pub struct S<'c, A> {
                    pub(super) client: &'c super::Client<A>,
                }
                impl<'c, A: ::std::fmt::Debug> S<'c, A> {
                    pub fn f(&self, q: &str) -> ::std::vec::Vec<::std::vec::Vec<i64>>
                    where
                        A: Grants<X, Y>,
                    {
                        F(self.client.request(&endpoints::F, &[]).query("q", q))
                    }
                }
                pub static E: Endpoint = Endpoint { name: "a.b", scopes: &[], paging: None, };
            }
        };
        let out = format(tokens);
        assert_eq!(
            out,
            "\
/// First line.
///
/// - a point
/// Last.
pub mod m {
    #![allow(clippy::type_complexity)]
    use super::rt::endpoint::{Auth, Endpoint};
    pub struct S<'c, A> {
        pub(super) client: &'c super::Client<A>,
    }
    impl<'c, A: ::std::fmt::Debug> S<'c, A> {
        pub fn f(&self, q: &str) -> ::std::vec::Vec<::std::vec::Vec<i64>>
        where
            A: Grants<X, Y>,
        {
            F(self.client.request(&endpoints::F, &[]).query(\"q\", q))
        }
    }
    pub static E: Endpoint = Endpoint {
        name: \"a.b\",
        scopes: &[],
        paging: None,
    };
}
"
        );
    }

    #[test]
    fn expressions() {
        let tokens = quote! {
            fn f() -> Result<(), E> {
                let n = match x { Self::A => 1, Self::Other(n) => *n, };
                let v: Vec<String> = a.iter().flat_map(|x| x.f.iter()).map(|s| s.to_string()).collect();
                let k = Kind::Struct(|| &SHAPE);
                ::std::write!(f, "{n}")?;
                <Self as ::std::str::FromStr>::Err::g(!b, -1)
            }
        };
        assert_eq!(
            format(tokens),
            "\
fn f() -> Result<(), E> {
    let n = match x {
        Self::A => 1,
        Self::Other(n) => *n,
    };
    let v: Vec<String> = a.iter().flat_map(|x| x.f.iter()).map(|s| s.to_string()).collect();
    let k = Kind::Struct(|| &SHAPE);
    ::std::write!(f, \"{n}\")?;
    <Self as ::std::str::FromStr>::Err::g(!b, -1)
}
"
        );
    }

    #[test]
    fn keywords_are_sorted_for_binary_search() {
        assert!(KEYWORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn unescapes_what_literals_escape() {
        for s in [
            "plain",
            "a \"q\" \\ b",
            "tab\there",
            "nul\0x",
            "zw\u{200b}j",
            "é✓",
        ] {
            let lit = proc_macro2::Literal::string(s).to_string();
            assert_eq!(unescape(&lit).as_deref(), Some(s), "{lit}");
        }
        assert_eq!(unescape("r\"raw \\n\"").as_deref(), Some("raw \\n"));
        assert_eq!(unescape("r#\"a \"q\" b\"#").as_deref(), Some("a \"q\" b"));
        assert_eq!(unescape("b\"bytes\""), None);
    }

    #[test]
    fn docs_that_lines_cannot_carry_stay_attributes() {
        let tokens = quote! {
            #[doc = "/not a doc line"]
            #[doc = " a\r b"]
            pub fn f() {}
        };
        assert_eq!(
            format(tokens),
            "#[doc = \"/not a doc line\"]\n#[doc = \" a\\r b\"]\npub fn f() {}\n"
        );
    }
}
