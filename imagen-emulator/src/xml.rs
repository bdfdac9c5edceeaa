//! A tiny element tree over quick-xml, enough for the XML request bodies the
//! emulator accepts (record import and job documents). Malformed input is an
//! error value naming the byte offset, never a panic.

use quick_xml::XmlVersion;
use quick_xml::events::Event;

#[derive(Debug, Clone, Default)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub text: String,
    pub children: Vec<Element>,
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

fn start(e: &quick_xml::events::BytesStart<'_>) -> Result<Element, String> {
    let mut el = Element {
        name: e.name().as_ref().to_string(),
        ..Default::default()
    };
    for a in e.attributes() {
        let a = a.map_err(|err| format!("bad attribute in <{}>: {err}", el.name))?;
        let v = a
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|err| format!("bad attribute value in <{}>: {err}", el.name))?;
        el.attrs.push((a.key.as_ref().to_string(), v.into_owned()));
    }
    Ok(el)
}

/// Parse a document into its root element.
pub fn parse(s: &str) -> Result<Element, String> {
    let mut reader = quick_xml::Reader::from_str(s);
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let ev = reader
            .read_event()
            .map_err(|e| format!("{e} (at byte {})", reader.error_position()))?;
        let finished = match ev {
            Event::Start(e) => {
                stack.push(start(&e)?);
                None
            }
            Event::Empty(e) => Some(start(&e)?),
            Event::End(_) => stack.pop(),
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.xml_content(XmlVersion::Implicit1_0));
                } else if !t.trim().is_empty() {
                    return Err(format!(
                        "text outside the root element (at byte {})",
                        reader.buffer_position()
                    ));
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
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => quick_xml::escape::resolve_predefined_entity(&r)
                        .ok_or_else(|| format!("unknown entity &{};", &*r))?
                        .to_string(),
                    Err(e) => return Err(format!("bad character reference: {e}")),
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
                None => return Err("more than one root element".into()),
            }
        }
    }
    if let Some(open) = stack.last() {
        return Err(format!("<{}> is not closed", open.name));
    }
    root.ok_or_else(|| "the document has no root element".into())
}

#[cfg(test)]
mod tests {
    #[test]
    fn parses_entities_and_unicode() {
        let e = super::parse(r#"<?xml version="1.0"?><Records><Record><Field name="Title">Zo&#235; &amp; 東京</Field></Record></Records>"#).unwrap();
        assert_eq!(e.name, "Records");
        let f = &e.children[0].children[0];
        assert_eq!(f.attr("name"), Some("Title"));
        assert_eq!(f.text, "Zoë & 東京");
    }

    #[test]
    fn rejects_malformed() {
        assert!(super::parse("<Records><Record></Records>").is_err());
        assert!(super::parse("").is_err());
        assert!(super::parse("<a/><b/>").is_err());
        assert!(super::parse("<a>&bogus;</a>").is_err());
    }
}
