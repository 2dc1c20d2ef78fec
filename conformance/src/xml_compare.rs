//! Compares XML request bodies as element trees, the way botocore's runner compares restXml
//! bodies (parsed, not as text): element names with their prefixes, attributes (namespace
//! declarations included) in any order, child elements in order, and text. Whitespace-only
//! text between child elements is formatting and ignored; the text of an element without
//! children is compared exactly (`<a>  x  </a>` keeps its spaces).

use std::collections::BTreeMap;

use quick_xml::events::Event;
use quick_xml::reader::Reader;

#[derive(Debug, PartialEq)]
struct Node {
    name: String,
    attributes: BTreeMap<String, String>,
    children: Vec<Node>,
    text: String,
}

/// `Ok` when `actual` is the same XML document as `expected`; otherwise where they differ.
pub fn xml(expected: &str, actual: &[u8]) -> Result<(), String> {
    let e = parse(expected.as_bytes()).map_err(|m| format!("expected body is not XML: {m}"))?;
    let a = parse(actual)
        .map_err(|m| format!("body is not XML ({m}): {}", String::from_utf8_lossy(actual)))?;
    compare(&format!("/{}", e.name), &e, &a)
}

fn compare(path: &str, e: &Node, a: &Node) -> Result<(), String> {
    if e.name != a.name {
        return Err(format!("{path}: expected <{}>, got <{}>", e.name, a.name));
    }
    if e.attributes != a.attributes {
        return Err(format!(
            "{path}: attributes: expected {:?}, got {:?}",
            e.attributes, a.attributes
        ));
    }
    if e.children.is_empty() && a.children.is_empty() {
        return if e.text == a.text {
            Ok(())
        } else {
            Err(format!(
                "{path}: text: expected {:?}, got {:?}",
                e.text, a.text
            ))
        };
    }
    if e.children.len() != a.children.len() {
        let names = |n: &Node| {
            n.children
                .iter()
                .map(|c| c.name.clone())
                .collect::<Vec<_>>()
        };
        return Err(format!(
            "{path}: children: expected {:?}, got {:?}",
            names(e),
            names(a)
        ));
    }
    for (ec, ac) in e.children.iter().zip(&a.children) {
        compare(&format!("{path}/{}", ec.name), ec, ac)?;
    }
    Ok(())
}

fn parse(text: &[u8]) -> Result<Node, String> {
    let mut reader = Reader::from_reader(text);
    let mut stack: Vec<Node> = Vec::new();
    loop {
        let event = reader.read_event().map_err(|e| e.to_string())?;
        let empty = matches!(event, Event::Empty(_));
        match event {
            Event::Start(start) | Event::Empty(start) => {
                let mut attributes = BTreeMap::new();
                for attribute in start.attributes() {
                    let attribute = attribute.map_err(|e| e.to_string())?;
                    let value = attribute
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map_err(|e| e.to_string())?
                        .into_owned();
                    let key: &str = attribute.key.as_ref();
                    attributes.insert(key.to_owned(), value);
                }
                let node = Node {
                    name: {
                        let qname = start.name();
                        let name: &str = qname.as_ref();
                        name.to_owned()
                    },
                    attributes,
                    children: Vec::new(),
                    text: String::new(),
                };
                if empty {
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(node),
                        None => return Ok(node),
                    }
                } else {
                    stack.push(node);
                }
            }
            Event::End(_) => {
                let node = stack.pop().ok_or("unbalanced end tag")?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(node),
                    None => return Ok(node),
                }
            }
            Event::Text(t) => {
                if let Some(node) = stack.last_mut() {
                    node.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some(node) = stack.last_mut() {
                    let name: &str = &r;
                    match r.resolve_char_ref().map_err(|e| e.to_string())? {
                        Some(c) => node.text.push(c),
                        None => node.text.push_str(
                            quick_xml::escape::resolve_predefined_entity(name)
                                .ok_or_else(|| format!("unknown entity &{name};"))?,
                        ),
                    }
                }
            }
            Event::CData(c) => {
                if let Some(node) = stack.last_mut() {
                    let text: &str = &c;
                    node.text.push_str(text);
                }
            }
            Event::Eof => return Err("the document ends early".to_owned()),
            _ => {}
        }
    }
}
