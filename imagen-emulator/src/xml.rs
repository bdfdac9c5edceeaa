//! XML in and out, over quick-xml.
//!
//! - [`parse`]: a tiny element tree, enough for the request bodies the
//!   emulator accepts (Imagen XML record imports, `CISXMLDocument` jobs).
//!   Malformed input is an error value naming the byte offset, never a panic.
//! - [`Node`]: a small builder for the answers, written compactly (no
//!   indentation) after the `<?xml version="1.0" encoding="UTF-8"?>`
//!   declaration, with text and attribute values escaped.

use std::fmt::Display;

use quick_xml::XmlVersion;
use quick_xml::events::Event;

/// An element of a parsed request body.
#[derive(Debug, Clone, Default)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    /// Text and CDATA content directly inside this element, concatenated.
    pub text: String,
    pub children: Vec<Element>,
    /// Byte offset of the start tag in the document.
    pub offset: u64,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }
    pub fn child_text(&self, name: &str) -> Option<&str> {
        self.child(name).map(|c| c.text.trim())
    }
}

fn start(e: &quick_xml::events::BytesStart<'_>, offset: u64) -> Result<Element, String> {
    let mut el = Element {
        name: e.name().as_ref().to_string(),
        offset,
        ..Default::default()
    };
    for a in e.attributes() {
        let a =
            a.map_err(|err| format!("bad attribute in <{}>: {err} (at byte {offset})", el.name))?;
        let v = a.normalized_value(XmlVersion::Implicit1_0).map_err(|err| {
            format!(
                "bad attribute value in <{}>: {err} (at byte {offset})",
                el.name
            )
        })?;
        el.attrs.push((a.key.as_ref().to_string(), v.into_owned()));
    }
    Ok(el)
}

/// Deepest element nesting accepted (the documents the emulator reads are
/// five levels deep; a limit keeps hostile input from exhausting the stack).
pub const MAX_DEPTH: usize = 64;

fn not_xml_char(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// Parse a document into its root element.
pub fn parse(s: &str) -> Result<Element, String> {
    // XML 1.0 forbids these characters anywhere, escaped or not; quick-xml
    // does not check them.
    if let Some((at, c)) = s.char_indices().find(|(_, c)| not_xml_char(*c)) {
        return Err(format!(
            "the character {c:?} is not allowed in XML (at byte {at})"
        ));
    }
    let mut reader = quick_xml::Reader::from_str(s);
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let before = reader.buffer_position();
        let ev = reader
            .read_event()
            .map_err(|e| format!("{e} (at byte {})", reader.error_position()))?;
        let finished = match ev {
            Event::Start(e) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(format!(
                        "elements nested deeper than {MAX_DEPTH} levels (at byte {before})"
                    ));
                }
                stack.push(start(&e, before)?);
                None
            }
            Event::Empty(e) => Some(start(&e, before)?),
            Event::End(_) => stack.pop(),
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.xml_content(XmlVersion::Implicit1_0));
                } else if !t.trim().is_empty() {
                    return Err(format!("text outside the root element (at byte {before})"));
                }
                None
            }
            Event::CData(c) => {
                match stack.last_mut() {
                    Some(top) => top.text.push_str(&c),
                    None => {
                        return Err(format!("CDATA outside the root element (at byte {before})"));
                    }
                }
                None
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) if not_xml_char(c) => {
                        return Err(format!(
                            "the character reference to {c:?} is not allowed in XML (at byte {before})"
                        ));
                    }
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => quick_xml::escape::resolve_predefined_entity(&r)
                        .ok_or_else(|| format!("unknown entity &{}; (at byte {before})", &*r))?
                        .to_string(),
                    Err(e) => {
                        return Err(format!("bad character reference: {e} (at byte {before})"));
                    }
                };
                match stack.last_mut() {
                    Some(top) => top.text.push_str(&resolved),
                    None => {
                        return Err(format!(
                            "reference outside the root element (at byte {before})"
                        ));
                    }
                }
                None
            }
            Event::Eof => break,
            _ => None,
        };
        if let Some(done) = finished {
            match stack.last_mut() {
                Some(parent) => parent.children.push(done),
                None if root.is_none() => root = Some(done),
                None => {
                    return Err(format!(
                        "more than one root element: <{}> (at byte {})",
                        done.name, done.offset
                    ));
                }
            }
        }
    }
    if let Some(open) = stack.last() {
        return Err(format!(
            "<{}> is not closed (opened at byte {}, document ends at byte {})",
            open.name,
            open.offset,
            s.len()
        ));
    }
    root.ok_or_else(|| format!("the document has no root element (at byte {})", s.len()))
}

/// Is `s` a plain XML element name (no namespace prefix)?
pub fn is_plain_name(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_alphabetic() || c == '_' => {}
        _ => return false,
    }
    chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// Characters XML 1.0 cannot carry at all become U+FFFD; `\r` is written as
/// a character reference so that it survives end-of-line normalisation.
fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}' | '\r');
    if !s.chars().any(bad) {
        return s.into();
    }
    s.chars()
        .map(|c| match c {
            '\r' => '\r',
            c if bad(c) => '\u{FFFD}',
            c => c,
        })
        .collect::<String>()
        .into()
}

/// Escape text for element content and attribute values.
pub fn escape(s: &str) -> String {
    quick_xml::escape::escape(clean(s).as_ref()).replace('\r', "&#13;")
}

#[derive(Debug, Clone, PartialEq)]
enum Body {
    /// `<X/>`
    Empty,
    /// `<X>text</X>` (`<X></X>` when the text is empty)
    Text(String),
    /// `<X>children</X>` (`<X></X>` when there are none)
    Kids(Vec<Node>),
}

/// An element of an answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    name: String,
    attrs: Vec<(String, String)>,
    body: Body,
}

/// The declaration every XML answer starts with.
pub const DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

impl Node {
    /// A container; written `<name></name>` while it has no children.
    pub fn new(name: impl Into<String>) -> Self {
        Node {
            name: name.into(),
            attrs: Vec::new(),
            body: Body::Kids(Vec::new()),
        }
    }
    /// An element without content, written `<name/>` (attributes only).
    pub fn empty(name: impl Into<String>) -> Self {
        Node {
            name: name.into(),
            attrs: Vec::new(),
            body: Body::Empty,
        }
    }
    /// `<name>text</name>`.
    pub fn leaf(name: impl Into<String>, text: impl Display) -> Self {
        Node {
            name: name.into(),
            attrs: Vec::new(),
            body: Body::Text(text.to_string()),
        }
    }
    pub fn attr(mut self, name: impl Into<String>, value: impl Display) -> Self {
        self.attrs.push((name.into(), value.to_string()));
        self
    }
    /// Append a child (turns a leaf into a container).
    pub fn push(&mut self, child: Node) {
        match &mut self.body {
            Body::Kids(k) => k.push(child),
            _ => self.body = Body::Kids(vec![child]),
        }
    }
    pub fn child(mut self, child: Node) -> Self {
        self.push(child);
        self
    }
    /// Append a `<name>text</name>` child.
    pub fn with(self, name: &str, text: impl Display) -> Self {
        self.child(Node::leaf(name, text))
    }
    pub fn children(mut self, kids: impl IntoIterator<Item = Node>) -> Self {
        for k in kids {
            self.push(k);
        }
        self
    }

    fn write(&self, out: &mut String) {
        out.push('<');
        out.push_str(&self.name);
        for (k, v) in &self.attrs {
            out.push(' ');
            out.push_str(k);
            out.push_str("=\"");
            out.push_str(&escape(v));
            out.push('"');
        }
        match &self.body {
            Body::Empty => out.push_str("/>"),
            Body::Text(t) => {
                out.push('>');
                out.push_str(&escape(t));
                self.close(out);
            }
            Body::Kids(kids) => {
                out.push('>');
                for k in kids {
                    k.write(out);
                }
                self.close(out);
            }
        }
    }
    fn close(&self, out: &mut String) {
        out.push_str("</");
        out.push_str(&self.name);
        out.push('>');
    }

    /// The whole document: declaration, then this element as root.
    pub fn document(&self) -> String {
        let mut s = String::from(DECLARATION);
        self.write(&mut s);
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_entities_cdata_and_unicode() {
        let e = parse(r#"<?xml version="1.0"?><Records><ImagenRecord ID="-1"><Fields><Title>Zo&#235; &amp; 東京</Title><Summary><![CDATA[a <b> & c]]></Summary></Fields></ImagenRecord></Records>"#).unwrap();
        assert_eq!(e.name, "Records");
        let r = &e.children[0];
        assert_eq!(r.attr("ID"), Some("-1"));
        let f = &r.children[0];
        assert_eq!(f.children[0].text, "Zoë & 東京");
        assert_eq!(f.children[1].text, "a <b> & c");
    }

    #[test]
    fn rejects_characters_xml_forbids() {
        assert!(
            super::parse("<a>x\u{7}y</a>")
                .unwrap_err()
                .contains("not allowed")
        );
        assert!(
            super::parse("<a>x&#7;y</a>")
                .unwrap_err()
                .contains("not allowed")
        );
        assert!(super::parse("<a>x&#9;y\ty</a>").is_ok());
    }

    #[test]
    fn rejects_malformed_naming_the_byte() {
        for bad in [
            "<Records><Record></Records>",
            "",
            "<a/><b/>",
            "<a>&bogus;</a>",
            "<a b=\"1\" b=\"2\"/>",
            "<a>",
            "x<a/>",
            "<a><![CDATA[x]]></a><![CDATA[y]]>",
            &"<a>".repeat(100_000),
        ] {
            let e = parse(bad).unwrap_err();
            assert!(e.contains("at byte"), "{bad:?}: {e}");
        }
    }

    #[test]
    fn writes_escaped_compact_documents() {
        let n = Node::new("Response")
            .child(Node::leaf("Name", "Zoë <&> \"q\" 'a'\r\u{1}"))
            .child(Node::empty("MediaObject").attr("ID", 5).attr("T", "a\"b<"))
            .child(Node::new("List"));
        assert_eq!(
            n.document(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Name>Zoë &lt;&amp;&gt; &quot;q&quot; &apos;a&apos;&#13;\u{FFFD}</Name><MediaObject ID=\"5\" T=\"a&quot;b&lt;\"/><List></List></Response>"
        );
        // And it reads back.
        let e = parse(&n.document()).unwrap();
        assert_eq!(e.children[0].text, "Zoë <&> \"q\" 'a'\r\u{FFFD}");
        assert_eq!(e.children[1].attr("T"), Some("a\"b<"));
    }
}
