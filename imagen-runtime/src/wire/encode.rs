//! Typed request documents into XML: the value's serde model, written by
//! its [`Shape`] (attributes, text, wrapped and repeated lists, maps as
//! child elements), UTF-8 with an XML declaration.

use serde::Serialize;
use serde_json::Value;

use super::decode::WireError;
use super::{Kind, Node, Wire};

/// Serializes `value` as an XML document whose root element is `root`.
pub fn to_xml<T: Serialize + Wire + ?Sized>(value: &T, root: &str) -> Result<String, WireError> {
    let v = serde_json::to_value(value).map_err(|e| WireError {
        path: root.to_owned(),
        offset: None,
        message: format!("cannot serialize the document: {e}"),
    })?;
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    write_element(&mut out, root, &v, T::kind(), root, 0)?;
    Ok(out)
}

fn err(path: &str, message: impl Into<String>) -> WireError {
    WireError {
        path: path.to_owned(),
        offset: None,
        message: message.into(),
    }
}

/// XML 1.0 names, exactly as the parser accepts them (`xml::name_start`,
/// `xml::name_char`), so that whatever decodes can be written back.
fn check_name(name: &str, path: &str) -> Result<(), WireError> {
    let mut chars = name.chars();
    let ok = chars.next().is_some_and(super::xml::name_start) && chars.all(super::xml::name_char);
    if ok {
        Ok(())
    } else {
        Err(err(path, format!("`{name}` can't be an XML element name")))
    }
}

fn text_of(v: &Value, path: &str) -> Result<Option<String>, WireError> {
    Ok(match v {
        Value::Null => None,
        Value::String(s) => {
            if let Some(c) = s.chars().find(|c| super::xml::forbidden_char(*c)) {
                return Err(err(
                    path,
                    format!("the value holds {c:?}, a character XML 1.0 cannot carry"),
                ));
            }
            Some(s.clone())
        }
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(_) | Value::Object(_) => {
            return Err(err(path, "a structured value can't be written as text"));
        }
    })
}

fn write_element(
    out: &mut String,
    name: &str,
    v: &Value,
    kind: Kind,
    path: &str,
    depth: usize,
) -> Result<(), WireError> {
    if depth > super::xml::MAX_DEPTH {
        return Err(err(path, "the document nests too deeply"));
    }
    if v.is_null() {
        return Ok(());
    }
    check_name(name, path)?;
    match (kind, v) {
        (Kind::Struct(shape), Value::Object(obj)) => {
            let shape = shape();
            out.push('<');
            out.push_str(name);
            let mut text = None;
            for f in shape.fields {
                let Some(x) = obj.get(f.name) else { continue };
                match f.node {
                    Node::Attribute => {
                        if let Some(t) = text_of(x, &format!("{path}/@{}", f.name))? {
                            check_name(f.name, path)?;
                            out.push_str(&format!(" {}=\"{}\"", f.name, attribute(&t)));
                        }
                    }
                    Node::Text => text = text_of(x, path)?,
                    Node::Element => {}
                }
            }
            let mut inner = String::new();
            for f in shape.fields.iter().filter(|f| f.node == Node::Element) {
                let Some(x) = obj.get(f.name) else { continue };
                let fpath = format!("{path}/{}", f.name);
                let fkind = (f.kind)();
                match (fkind, x, f.item) {
                    (Kind::List(ik), Value::Array(items), Some(item)) => {
                        check_name(f.name, &fpath)?;
                        inner.push_str(&format!("<{}>", f.name));
                        for i in items {
                            write_element(&mut inner, item, i, ik(), &fpath, depth + 1)?;
                        }
                        inner.push_str(&format!("</{}>", f.name));
                    }
                    (Kind::List(ik), Value::Array(items), None) => {
                        for i in items {
                            write_element(&mut inner, f.name, i, ik(), &fpath, depth + 1)?;
                        }
                    }
                    _ => write_element(&mut inner, f.name, x, fkind, &fpath, depth + 1)?,
                }
            }
            close(out, name, text.as_deref(), &inner);
        }
        (Kind::Map(ik), Value::Object(obj)) => {
            let mut inner = String::new();
            for (k, x) in obj {
                write_element(&mut inner, k, x, ik(), &format!("{path}/{k}"), depth + 1)?;
            }
            out.push('<');
            out.push_str(name);
            close(out, name, None, &inner);
        }
        (Kind::List(ik), Value::Array(items)) => {
            for i in items {
                write_element(out, name, i, ik(), path, depth + 1)?;
            }
        }
        (Kind::Struct(_) | Kind::Map(_), _) => {
            return Err(err(path, "expected an object for this element"));
        }
        (_, x) => {
            let t = text_of(x, path)?.unwrap_or_default();
            out.push('<');
            out.push_str(name);
            close(out, name, Some(&t), "");
        }
    }
    Ok(())
}

/// An attribute value: escaped, with tab, line feed and carriage return as
/// character references (a parser would otherwise normalise them to spaces).
fn attribute(t: &str) -> String {
    quick_xml::escape::escape(t)
        .replace('\t', "&#9;")
        .replace('\n', "&#10;")
        .replace('\r', "&#13;")
}

/// Ends a start tag already opened in `out` (`<name attrs…`): self-closing
/// when there is neither text nor content.
fn close(out: &mut String, name: &str, text: Option<&str>, inner: &str) {
    match text {
        Some(t) if !t.is_empty() => {
            out.push('>');
            out.push_str(&quick_xml::escape::escape(t));
            out.push_str(inner);
            out.push_str(&format!("</{name}>"));
        }
        _ if !inner.is_empty() => {
            out.push('>');
            out.push_str(inner);
            out.push_str(&format!("</{name}>"));
        }
        _ => out.push_str("/>"),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Field, Kind, Shape, Wire};
    use serde::Serialize;

    #[derive(Serialize)]
    struct Doc {
        #[serde(rename = "Name")]
        name: String,
        #[serde(rename = "Title")]
        title: String,
    }

    impl Wire for Doc {
        fn kind() -> Kind {
            static SHAPE: Shape = Shape {
                name: "Doc",
                fields: &[
                    Field::attribute("Name", <String as Wire>::kind),
                    Field::element("Title", <String as Wire>::kind),
                ],
                plain_json: true,
            };
            Kind::Struct(|| &SHAPE)
        }
    }

    #[test]
    fn attributes_keep_tabs_and_newlines() {
        let d = Doc {
            name: "a\tb\nc\"<&".into(),
            title: "x\ty".into(),
        };
        let xml = super::to_xml(&d, "Doc").unwrap();
        assert!(
            xml.contains(r#"Name="a&#9;b&#10;c&quot;&lt;&amp;""#),
            "{xml}"
        );
        let back = super::super::xml::parse(&xml).unwrap();
        assert_eq!(back.attr("Name"), Some("a\tb\nc\"<&"));
        assert_eq!(back.children[0].text, "x\ty");
    }

    #[test]
    fn characters_xml_cannot_carry_are_refused() {
        let d = Doc {
            name: "n".into(),
            title: "x\u{7}y".into(),
        };
        let e = super::to_xml(&d, "Doc").unwrap_err();
        assert_eq!(e.path, "Doc/Title");
        assert!(e.message.contains("XML 1.0"), "{e}");
        let d = Doc {
            name: "\u{0}".into(),
            title: String::new(),
        };
        assert_eq!(super::to_xml(&d, "Doc").unwrap_err().path, "Doc/@Name");
    }
}
