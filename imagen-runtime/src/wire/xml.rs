//! A small element tree over quick-xml's reader: what the answer decoder
//! walks. Every element keeps the byte offset of its start tag, so that
//! errors can say where in the answer they are. Nesting is bounded
//! ([`MAX_DEPTH`]); malformed documents are errors, never panics.

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

fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(name_start) && chars.all(name_char)
}

fn start(e: &BytesStart<'_>, offset: usize) -> Result<Element, XmlSyntaxError> {
    let name = e.name().as_ref().to_string();
    if !valid_name(&name) {
        return Err(XmlSyntaxError {
            message: format!("`{name}` is not an XML element name"),
            offset,
        });
    }
    let mut el = Element {
        name,
        offset,
        ..Default::default()
    };
    for a in e.attributes() {
        let a = a.map_err(|err| XmlSyntaxError {
            message: format!("bad attribute in <{}>: {err}", el.name),
            offset,
        })?;
        if !valid_name(a.key.as_ref()) {
            return Err(XmlSyntaxError {
                message: format!("`{}` is not an XML attribute name", a.key.as_ref()),
                offset,
            });
        }
        let v = a
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|err| XmlSyntaxError {
                message: format!("bad attribute value in <{}>: {err}", el.name),
                offset,
            })?;
        if let Some(c) = v.chars().find(|c| forbidden_char(*c)) {
            return Err(XmlSyntaxError {
                message: format!(
                    "attribute `{}` holds {c:?}, a character XML does not allow",
                    a.key.as_ref()
                ),
                offset,
            });
        }
        el.attrs.push((a.key.as_ref().to_string(), v.into_owned()));
    }
    Ok(el)
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
    let max_depth = max_depth.min(MAX_DEPTH);
    // XML 1.0 forbids these characters, raw or as references; quick-xml
    // does not check them.
    if let Some((at, c)) = s.char_indices().find(|(_, c)| forbidden_char(*c)) {
        return Err(XmlSyntaxError {
            message: format!("the character {c:?} is not allowed in XML"),
            offset: at,
        });
    }
    let mut reader = quick_xml::Reader::from_str(s);
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let offset = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let ev = reader.read_event().map_err(|e| XmlSyntaxError {
            message: e.to_string(),
            offset: usize::try_from(reader.error_position()).unwrap_or(offset),
        })?;
        let finished = match ev {
            Event::Start(e) | Event::Empty(e) if stack.len() >= max_depth => {
                return Err(XmlSyntaxError {
                    message: format!(
                        "<{}> is nested deeper than {max_depth} levels",
                        e.name().as_ref()
                    ),
                    offset,
                });
            }
            Event::Start(e) => {
                stack.push(start(&e, offset)?);
                None
            }
            Event::Empty(e) => Some(start(&e, offset)?),
            Event::End(_) => stack.pop(),
            Event::Text(t) => {
                let text = t.xml_content(XmlVersion::Implicit1_0);
                match stack.last_mut() {
                    Some(top) => top.text.push_str(&text),
                    None if !text.trim().is_empty() => {
                        return Err(XmlSyntaxError {
                            message: "text outside the root element".into(),
                            offset,
                        });
                    }
                    None => {}
                }
                None
            }
            Event::CData(c) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&c);
                }
                None
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) if forbidden_char(c) => {
                        return Err(XmlSyntaxError {
                            message: format!(
                                "a reference to {c:?}, a character XML does not allow"
                            ),
                            offset,
                        });
                    }
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => {
                        let name = (*r).to_string();
                        quick_xml::escape::resolve_predefined_entity(&name)
                            .ok_or_else(|| XmlSyntaxError {
                                message: format!("unknown entity &{name};"),
                                offset,
                            })?
                            .to_string()
                    }
                    Err(e) => {
                        return Err(XmlSyntaxError {
                            message: format!("bad character reference: {e}"),
                            offset,
                        });
                    }
                };
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&resolved);
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
                    return Err(XmlSyntaxError {
                        message: format!("a second root element <{}>", done.name),
                        offset: done.offset,
                    });
                }
            }
        }
    }
    if let Some(open) = stack.last() {
        return Err(XmlSyntaxError {
            message: format!("<{}> is not closed", open.name),
            offset: open.offset,
        });
    }
    root.ok_or_else(|| XmlSyntaxError {
        message: "the document has no root element".into(),
        offset: 0,
    })
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
}
