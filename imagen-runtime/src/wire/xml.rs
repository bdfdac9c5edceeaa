//! The parsed form of an XML document, over quick-xml's reader: what the
//! answer decoder walks.
//!
//! One parser (`Doc::parse`) checks a document (well-formedness, names,
//! the characters XML 1.0 forbids, predefined entities only, nesting at
//! most [`MAX_DEPTH`]) and keeps its elements in document order in one
//! flat list, names, text and attribute values borrowed from the document
//! wherever no unescaping changed them. [`parse`] gives the same elements
//! as an owned [`Element`] tree. Every element keeps the byte offset of its
//! start tag, so that errors can say where in the answer they are; malformed
//! documents are errors, never panics.

use std::borrow::Cow;

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};

/// The deepest element nesting accepted in a document.
pub const MAX_DEPTH: usize = 256;

/// One element: name, attributes, text content and child elements.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Element {
    /// The element's name as written (prefix included).
    pub name: String,
    /// Attributes in document order, values unescaped.
    pub attrs: Vec<(String, String)>,
    /// The text content (text and CDATA, unescaped), outside child elements.
    pub text: String,
    /// Child elements in document order.
    pub children: Vec<Element>,
    /// Byte offset of the start tag in the document.
    pub offset: usize,
}

impl Element {
    /// The value of an attribute.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Child elements with this name.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }
}

/// A document that is not well-formed XML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlSyntaxError {
    /// What is wrong.
    pub message: String,
    /// Byte offset where it was found.
    pub offset: usize,
}

impl std::fmt::Display for XmlSyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (at byte {})", self.message, self.offset)
    }
}

/// Characters XML 1.0 cannot carry at all, not even escaped.
pub(crate) fn forbidden_char(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// Whether `c` may start an XML 1.0 name (letters, `_`, `:`; any
/// alphabetic character stands for the specification's ranges).
pub(crate) fn name_start(c: char) -> bool {
    c.is_alphabetic() || c == '_' || c == ':'
}

/// Whether `c` may continue an XML 1.0 name.
pub(crate) fn name_char(c: char) -> bool {
    name_start(c) || c.is_alphanumeric() || matches!(c, '-' | '.' | '\u{b7}')
}

/// ASCII bytes by what they may be in a name: bit 1, its first character;
/// bit 2, any other (other bytes: 0).
const NAME_BYTES: [u8; 256] = {
    let mut t = [0; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphabetic() || c == b'_' || c == b':' {
            t[b] = 3;
        } else if c.is_ascii_digit() || c == b'-' || c == b'.' {
            t[b] = 2;
        }
        b += 1;
    }
    t
};

fn valid_name(name: &str) -> bool {
    // ASCII names, nearly every document's, by the table: the same test as
    // `name_start` and `name_char` give.
    let bytes = name.as_bytes();
    match bytes.first() {
        Some(&b) if NAME_BYTES[usize::from(b)] & 1 != 0 => {}
        Some(&b) if !b.is_ascii() => return valid_unicode_name(name),
        _ => return false,
    }
    for &b in &bytes[1..] {
        if NAME_BYTES[usize::from(b)] & 2 == 0 {
            return !b.is_ascii() && valid_unicode_name(name);
        }
    }
    true
}

#[cold]
fn valid_unicode_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(name_start) && chars.all(name_char)
}

/// Bit 1: `b` can begin a character XML 1.0 forbids (a control other
/// than tab, newline and carriage return, or 0xEF: U+FFFE and U+FFFF are
/// EF BF BE and EF BF BF). Bit 2: `b` is a carriage return. Branch-free, so
/// that the compiler can test a vector of bytes at a time.
#[inline(always)]
fn byte_flags(b: u8) -> u8 {
    let control =
        u8::from(b < 0x20) & u8::from(b != b'\t') & u8::from(b != b'\n') & u8::from(b != b'\r');
    control | u8::from(b == 0xef) | (u8::from(b == b'\r') << 1)
}

/// The [`byte_flags`] of a run of bytes, or-ed together.
#[inline(always)]
fn run_flags(bytes: &[u8]) -> u8 {
    bytes.iter().fold(0, |acc, &b| acc | byte_flags(b))
}

/// Whether a run of bytes may have [`byte_flags`] (a control other than
/// newline, or 0xEF): a cheaper first test, as newline is the only control
/// most documents hold.
#[inline(always)]
fn run_suspect(bytes: &[u8]) -> bool {
    bytes.iter().fold(0, |acc, &b| {
        acc | (u8::from(b < 0x20) & u8::from(b != b'\n')) | u8::from(b == 0xef)
    }) != 0
}

/// The first character of `s` that XML 1.0 forbids ([`forbidden_char`]),
/// with its byte offset, and whether `s` holds a carriage return: one pass
/// over the bytes, 64 at a time.
fn scan(s: &str) -> (Option<(usize, char)>, bool) {
    const CHUNK: usize = 64;
    let bytes = s.as_bytes();
    let mut cr = false;
    let mut from = 0;
    while from < bytes.len() {
        let to = (from + CHUNK).min(bytes.len());
        let flags = match <&[u8; CHUNK]>::try_from(&bytes[from..to]) {
            Ok(whole) if !run_suspect(whole) => 0,
            Ok(whole) => run_flags(whole),
            Err(_) => run_flags(&bytes[from..to]),
        };
        cr |= flags & 2 != 0;
        if flags & 1 != 0 {
            for at in from..to {
                let b = bytes[at];
                if b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r') {
                    return (Some((at, char::from(b))), cr);
                }
                if b == 0xef && bytes.get(at + 1) == Some(&0xbf) {
                    match bytes.get(at + 2) {
                        Some(0xbe) => return (Some((at, '\u{fffe}')), cr),
                        Some(0xbf) => return (Some((at, '\u{ffff}')), cr),
                        _ => {}
                    }
                }
            }
        }
        from = to;
    }
    (None, cr)
}

/// `part` as a slice of `doc` (with `doc`'s lifetime), when it is one.
fn within<'a>(doc: &'a str, part: &str) -> Option<&'a str> {
    let start = (part.as_ptr() as usize).checked_sub(doc.as_ptr() as usize)?;
    doc.get(start..start.checked_add(part.len())?)
}

/// Whether a text run is layout: only the whitespace XML knows.
fn is_layout(text: &str) -> bool {
    text.bytes()
        .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
}

/// Appends `piece` to `dst`, borrowing while there is only one piece.
fn append<'a>(dst: &mut Cow<'a, str>, piece: Cow<'a, str>) {
    if dst.is_empty() {
        *dst = piece;
    } else {
        push_str(dst, &piece);
    }
}

fn push_str(dst: &mut Cow<'_, str>, piece: &str) {
    match dst {
        Cow::Owned(s) => s.push_str(piece),
        Cow::Borrowed(b) => {
            let mut s = String::with_capacity(2 * (b.len() + piece.len()));
            s.push_str(b);
            s.push_str(piece);
            *dst = Cow::Owned(s);
        }
    }
}

/// How [`Doc::parse`] treats whitespace between tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// Kept as text, like any other text ([`parse`]'s [`Element`]s).
    Keep,
    /// Left out of the text of elements that have child elements: a text
    /// run between two tags that is written as whitespace only (no
    /// reference, no CDATA) is indentation. Elements without children keep
    /// their text as it is.
    Drop,
}

/// One element of a [`Doc`].
#[derive(Debug)]
struct Node<'a> {
    name: &'a str,
    text: Cow<'a, str>,
    offset: usize,
    /// The end of its attributes in `Doc::attrs`: they start where those
    /// of the element before it end (elements and attributes are added in
    /// document order).
    attrs_end: usize,
    /// The index after its last descendant: its children are the nodes
    /// from its own index + 1 up to here, each followed by its descendants.
    end: usize,
}

/// A parsed document: its elements in document order (the root first),
/// borrowing from the document's text.
#[derive(Debug)]
pub(crate) struct Doc<'a> {
    nodes: Vec<Node<'a>>,
    attrs: Vec<(&'a str, Cow<'a, str>)>,
}

impl<'a> Doc<'a> {
    /// Parses and checks a document, elements nested at most `max_depth`
    /// deep (the root is at depth 1; at most [`MAX_DEPTH`] whatever
    /// `max_depth` says).
    pub(crate) fn parse(
        s: &'a str,
        max_depth: usize,
        layout: Layout,
    ) -> Result<Self, XmlSyntaxError> {
        // XML 1.0 forbids these characters, raw or as references; quick-xml
        // does not check them. Once here for the raw ones; references are
        // checked where they are resolved.
        let (forbidden, cr) = scan(s);
        if let Some((at, c)) = forbidden {
            return Err(XmlSyntaxError {
                message: format!("the character {c:?} is not allowed in XML"),
                offset: at,
            });
        }
        let mut b = Builder {
            src: s,
            doc: Doc {
                nodes: Vec::with_capacity(s.len() / 40 + 4),
                attrs: Vec::new(),
            },
            stack: Vec::with_capacity(16),
            run: Cow::Borrowed(""),
            run_blank: true,
            keep_layout: layout == Layout::Keep,
            eols: cr,
            has_root: false,
        };
        b.run(max_depth.min(MAX_DEPTH))?;
        Ok(b.doc)
    }

    /// The root element.
    pub(crate) fn root(&self) -> El<'_> {
        El { doc: self, i: 0 }
    }

    /// Where the attributes of element `i` start in `attrs`.
    fn attrs_start(&self, i: usize) -> usize {
        match i.checked_sub(1) {
            Some(before) => self.nodes[before].attrs_end,
            None => 0,
        }
    }

    fn element(&self, i: usize) -> Element {
        let n = &self.nodes[i];
        Element {
            name: n.name.to_owned(),
            attrs: self.attrs[self.attrs_start(i)..n.attrs_end]
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone().into_owned()))
                .collect(),
            text: n.text.clone().into_owned(),
            children: El { doc: self, i }
                .children()
                .map(|c| self.element(c.i))
                .collect(),
            offset: n.offset,
        }
    }
}

/// An element of a [`Doc`].
#[derive(Clone, Copy)]
pub(crate) struct El<'e> {
    doc: &'e Doc<'e>,
    i: usize,
}

impl<'e> El<'e> {
    fn node(self) -> &'e Node<'e> {
        &self.doc.nodes[self.i]
    }
    /// The element's name as written (prefix included).
    pub(crate) fn name(self) -> &'e str {
        self.node().name
    }
    /// Its text content (text and CDATA, unescaped), outside child
    /// elements.
    pub(crate) fn text(self) -> &'e str {
        &self.node().text
    }
    /// Byte offset of its start tag in the document.
    pub(crate) fn offset(self) -> usize {
        self.node().offset
    }
    /// Its attributes in document order, values unescaped.
    pub(crate) fn attrs(self) -> impl Iterator<Item = (&'e str, &'e str)> {
        let (from, to) = (self.doc.attrs_start(self.i), self.node().attrs_end);
        self.doc.attrs[from..to].iter().map(|(k, v)| (*k, &**v))
    }
    /// The value of an attribute.
    pub(crate) fn attr(self, name: &str) -> Option<&'e str> {
        self.attrs().find(|(k, _)| *k == name).map(|(_, v)| v)
    }
    /// Whether it has child elements.
    pub(crate) fn has_children(self) -> bool {
        self.node().end > self.i + 1
    }
    /// Its child elements in document order.
    pub(crate) fn children(self) -> Children<'e> {
        Children {
            doc: self.doc,
            next: self.i + 1,
            end: self.node().end,
        }
    }
    /// Its index in the document (0 for the root).
    pub(crate) fn index(self) -> usize {
        self.i
    }
    /// The element at `index` in the same document.
    pub(crate) fn node_at(self, index: usize) -> El<'e> {
        El {
            doc: self.doc,
            i: index,
        }
    }
}

/// The child elements of an [`El`].
#[derive(Clone)]
pub(crate) struct Children<'e> {
    doc: &'e Doc<'e>,
    next: usize,
    end: usize,
}

impl<'e> Iterator for Children<'e> {
    type Item = El<'e>;
    fn next(&mut self) -> Option<El<'e>> {
        if self.next >= self.end {
            return None;
        }
        let i = self.next;
        self.next = self.doc.nodes[i].end;
        Some(El { doc: self.doc, i })
    }
}

/// The state of [`Doc::parse`].
struct Builder<'a> {
    src: &'a str,
    doc: Doc<'a>,
    /// The open elements, innermost last.
    stack: Vec<usize>,
    /// The text since the last tag (of the innermost open element).
    run: Cow<'a, str>,
    /// `run` is whitespace only, written as such.
    run_blank: bool,
    keep_layout: bool,
    /// The document holds carriage returns: text needs its line ends
    /// normalized.
    eols: bool,
    /// A root element has been closed.
    has_root: bool,
}

impl<'a> Builder<'a> {
    fn run(&mut self, max_depth: usize) -> Result<(), XmlSyntaxError> {
        let mut reader = quick_xml::Reader::from_str(self.src);
        loop {
            let offset = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
            let ev = reader.read_event().map_err(|e| XmlSyntaxError {
                message: e.to_string(),
                offset: usize::try_from(reader.error_position()).unwrap_or(offset),
            })?;
            match ev {
                Event::Start(e) | Event::Empty(e) if self.stack.len() >= max_depth => {
                    return Err(XmlSyntaxError {
                        message: format!(
                            "<{}> is nested deeper than {max_depth} levels",
                            e.name().as_ref()
                        ),
                        offset,
                    });
                }
                Event::Start(e) => {
                    self.end_run(true);
                    let i = self.start(&e, offset)?;
                    self.stack.push(i);
                }
                Event::Empty(e) => {
                    self.end_run(true);
                    let i = self.start(&e, offset)?;
                    self.finish(i)?;
                }
                Event::End(_) => {
                    self.end_run(false);
                    if let Some(i) = self.stack.pop() {
                        self.finish(i)?;
                    }
                }
                Event::Text(t) => {
                    let text = if self.eols {
                        t.xml_content(XmlVersion::Implicit1_0)
                    } else {
                        t.into_inner()
                    };
                    if self.stack.is_empty() {
                        if !text.trim().is_empty() {
                            return Err(XmlSyntaxError {
                                message: "text outside the root element".into(),
                                offset,
                            });
                        }
                    } else {
                        self.run_blank = self.run_blank && is_layout(&text);
                        append(&mut self.run, text);
                    }
                }
                Event::CData(c) if !self.stack.is_empty() => {
                    self.run_blank = false;
                    append(&mut self.run, c.into_inner());
                }
                Event::GeneralRef(r) => {
                    let mut buf = [0; 4];
                    let resolved: &str = match r.resolve_char_ref() {
                        Ok(Some(c)) if forbidden_char(c) => {
                            return Err(XmlSyntaxError {
                                message: format!(
                                    "a reference to {c:?}, a character XML does not allow"
                                ),
                                offset,
                            });
                        }
                        Ok(Some(c)) => c.encode_utf8(&mut buf),
                        Ok(None) => {
                            let name: &str = &r;
                            quick_xml::escape::resolve_predefined_entity(name).ok_or_else(|| {
                                XmlSyntaxError {
                                    message: format!("unknown entity &{name};"),
                                    offset,
                                }
                            })?
                        }
                        Err(e) => {
                            return Err(XmlSyntaxError {
                                message: format!("bad character reference: {e}"),
                                offset,
                            });
                        }
                    };
                    if !self.stack.is_empty() {
                        self.run_blank = false;
                        push_str(&mut self.run, resolved);
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        if let Some(&open) = self.stack.last() {
            let open = &self.doc.nodes[open];
            return Err(XmlSyntaxError {
                message: format!("<{}> is not closed", open.name),
                offset: open.offset,
            });
        }
        if !self.has_root {
            return Err(XmlSyntaxError {
                message: "the document has no root element".into(),
                offset: 0,
            });
        }
        Ok(())
    }

    /// Ends the text run at a tag (a child's start tag if `child_follows`):
    /// it becomes part of the innermost open element's text, unless it is
    /// layout to drop.
    #[inline(always)]
    fn end_run(&mut self, child_follows: bool) {
        if self.run.is_empty() {
            self.run_blank = true;
            return;
        }
        let run = std::mem::replace(&mut self.run, Cow::Borrowed(""));
        let blank = std::mem::replace(&mut self.run_blank, true);
        let Some(&top) = self.stack.last() else {
            return;
        };
        if blank && !self.keep_layout && (child_follows || self.doc.nodes.len() > top + 1) {
            return;
        }
        if let Some(node) = self.doc.nodes.get_mut(top) {
            append(&mut node.text, run);
        }
    }

    /// Checks a start tag and adds its element.
    fn start(&mut self, e: &BytesStart<'_>, offset: usize) -> Result<usize, XmlSyntaxError> {
        let raw = e.name().0;
        if !valid_name(raw) {
            return Err(XmlSyntaxError {
                message: format!("`{raw}` is not an XML element name"),
                offset,
            });
        }
        let name = self.borrowed(raw, offset)?;
        // Most tags have no attributes: nothing to iterate then.
        if !is_layout(e.attributes_raw()) {
            self.attributes(e, name, offset)?;
        }
        self.doc.nodes.push(Node {
            name,
            text: Cow::Borrowed(""),
            offset,
            attrs_end: self.doc.attrs.len(),
            end: 0,
        });
        Ok(self.doc.nodes.len() - 1)
    }

    /// Checks the attributes of a start tag and adds them.
    #[inline(never)]
    fn attributes(
        &mut self,
        e: &BytesStart<'_>,
        name: &str,
        offset: usize,
    ) -> Result<(), XmlSyntaxError> {
        for a in e.attributes() {
            let a = a.map_err(|err| XmlSyntaxError {
                message: format!("bad attribute in <{name}>: {err}"),
                offset,
            })?;
            let key = a.key.0;
            if !valid_name(key) {
                return Err(XmlSyntaxError {
                    message: format!("`{key}` is not an XML attribute name"),
                    offset,
                });
            }
            let v = a
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|err| XmlSyntaxError {
                    message: format!("bad attribute value in <{name}>: {err}"),
                    offset,
                })?;
            // Text of the document has been checked already; what unescaping
            // made has not.
            let v = match within(self.src, &v) {
                Some(v) => Cow::Borrowed(v),
                None => {
                    if let Some(c) = v.chars().find(|c| forbidden_char(*c)) {
                        return Err(XmlSyntaxError {
                            message: format!(
                                "attribute `{key}` holds {c:?}, a character XML does not allow"
                            ),
                            offset,
                        });
                    }
                    Cow::Owned(v.into_owned())
                }
            };
            let key = self.borrowed(key, offset)?;
            self.doc.attrs.push((key, v));
        }
        Ok(())
    }

    /// A name from a tag, as a slice of the document.
    fn borrowed(&self, name: &str, offset: usize) -> Result<&'a str, XmlSyntaxError> {
        within(self.src, name).ok_or_else(|| XmlSyntaxError {
            message: format!("`{name}` is not part of the document"),
            offset,
        })
    }

    /// Closes element `i` (just ended, or empty).
    fn finish(&mut self, i: usize) -> Result<(), XmlSyntaxError> {
        self.doc.nodes[i].end = self.doc.nodes.len();
        if self.stack.is_empty() {
            if self.has_root {
                let n = &self.doc.nodes[i];
                return Err(XmlSyntaxError {
                    message: format!("a second root element <{}>", n.name),
                    offset: n.offset,
                });
            }
            self.has_root = true;
        }
        Ok(())
    }
}

/// Parses a document into its root element, elements nested at most
/// [`MAX_DEPTH`] deep.
pub fn parse(s: &str) -> Result<Element, XmlSyntaxError> {
    parse_with_depth(s, MAX_DEPTH)
}

/// Parses a document into its root element, refusing elements nested
/// deeper than `max_depth` (the root is at depth 1; at most [`MAX_DEPTH`]
/// whatever `max_depth` says).
pub fn parse_with_depth(s: &str, max_depth: usize) -> Result<Element, XmlSyntaxError> {
    Doc::parse(s, max_depth, Layout::Keep).map(|doc| doc.element(0))
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_cdata_unicode_and_offsets() {
        let doc = "<?xml version=\"1.0\"?>\n<A x=\"1 &amp; 2\"><B>Zo&#235; &amp; 東京</B><C><![CDATA[<raw>]]></C><D/></A>";
        let a = parse(doc).unwrap();
        assert_eq!(a.name, "A");
        assert_eq!(a.attr("x"), Some("1 & 2"));
        assert_eq!(a.children[0].text, "Zoë & 東京");
        assert_eq!(a.children[1].text, "<raw>");
        assert_eq!(a.children[2].name, "D");
        assert_eq!(&doc[a.offset..a.offset + 2], "<A");
        assert_eq!(&doc[a.children[2].offset..a.children[2].offset + 4], "<D/>");
    }

    #[test]
    fn malformed_documents_are_errors() {
        for bad in [
            "<A><B></A>",
            "",
            "<a/><b/>",
            "<a>&bogus;</a>",
            "text<a/>",
            "<a>",
            "<a<b/>",
            "<1a/>",
            "<a>\u{2}</a>",
            "<a>&#17;</a>",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} was accepted");
        }
        let deep = "<a>".repeat(MAX_DEPTH + 1);
        let e = parse(&deep).unwrap_err();
        assert!(e.message.contains("deeper"), "{e}");
    }

    #[test]
    fn depth_limit_counts_the_root_and_empty_elements() {
        assert!(parse_with_depth("<a><b><c/></b></a>", 3).is_ok());
        for (doc, at) in [("<a><b><c/></b></a>", 6), ("<a><b><c></c></b></a>", 6)] {
            let e = parse_with_depth(doc, 2).unwrap_err();
            assert!(e.message.contains("<c> is nested deeper than 2"), "{e}");
            assert_eq!(e.offset, at, "{doc}");
        }
        assert!(parse_with_depth("<a/>", 0).is_err());
    }

    #[test]
    fn layout_is_dropped_only_between_child_elements() {
        let doc = "<a>\n  <b> x </b>\n  <c>&#32;</c> <d>\r\n</d><e><![CDATA[ ]]><f/></e><g>\t<h/> y <i/></g></a>";
        let d = Doc::parse(doc, MAX_DEPTH, Layout::Drop).unwrap();
        let a = d.root();
        let texts: Vec<_> = a.children().map(|c| (c.name(), c.text())).collect();
        assert_eq!(
            texts,
            [
                ("b", " x "),
                ("c", " "),
                ("d", "\n"),
                ("e", " "),
                ("g", " y ")
            ]
        );
        assert_eq!(a.text(), "");
        // The owned tree keeps everything, line ends normalized.
        let owned = parse(doc).unwrap();
        assert_eq!(owned.text, "\n  \n   ");
        assert_eq!(owned.children[2].text, "\n");
        assert_eq!(owned.children[4].text, "\t y ");
    }

    #[test]
    fn text_is_borrowed_unless_unescaped() {
        let doc = "<a k=\"v\" j=\"1&amp;2\"><b>plain</b><c>x &lt; y</c></a>";
        let d = Doc::parse(doc, MAX_DEPTH, Layout::Drop).unwrap();
        let borrowed = |s: &str| within(doc, s).is_some();
        let a = d.root();
        assert!(borrowed(a.name()) && borrowed(a.attr("k").unwrap()));
        assert_eq!(a.attr("j"), Some("1&2"));
        assert!(!borrowed(a.attr("j").unwrap()));
        let mut c = a.children();
        assert!(borrowed(c.next().unwrap().text()));
        assert_eq!(c.next().unwrap().text(), "x < y");
    }

    #[test]
    fn forbidden_characters_anywhere_and_names() {
        // Every position around the 64-byte chunks of the scan.
        for pad in 0..70 {
            for bad in ["\u{1}", "\u{1f}", "\u{fffe}", "\u{ffff}"] {
                let doc = format!("<a>{}{bad}</a>", "x".repeat(pad));
                let e = parse(&doc).unwrap_err();
                assert_eq!(e.offset, 3 + pad, "{doc:?}");
                let c = bad.chars().next().unwrap();
                assert_eq!(
                    e.message,
                    format!("the character {c:?} is not allowed in XML")
                );
            }
            // Allowed neighbours of the forbidden ones.
            let doc = format!("<a>{}\u{fffd}\u{efbf}\t\r\n\u{ff00}</a>", "x".repeat(pad));
            assert!(parse(&doc).is_ok(), "{doc:?}");
        }
        let e = parse("<a k=\"&#1;\"/>").unwrap_err();
        assert!(e.message.contains("attribute `k` holds"), "{e}");
        assert!(parse("<Zoë ü=\"1\"><東京/><_a.b-c:d/></Zoë>").is_ok());
        for bad in [
            "<a.b é/>",
            "<-a/>",
            "<a b\u{b7}=\"1\" 1=\"2\"/>",
            "<\u{b7}/>",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} was accepted");
        }
    }
}
