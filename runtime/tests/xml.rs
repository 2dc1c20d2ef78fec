//! The XML cursor: names without prefixes, text with entities, character references, CDATA
//! and line ends, attributes, skipping, the depth bound, typed scalars, and errors instead of
//! panics on any input.

use awsgen_runtime::xml::{Element, MAX_DEPTH, XmlError, XmlReader};
use proptest::prelude::*;

/// Reads every child of `root` as text, in order: `(name, text)`.
fn children(xml: &str) -> Result<Vec<(String, String)>, XmlError> {
    let mut r = XmlReader::new(xml.as_bytes());
    let root = r.root()?;
    let mut out = Vec::new();
    while let Some(child) = r.next_child(&root)? {
        out.push((child.local_name().to_owned(), r.string(&child)?));
    }
    r.finish()?;
    Ok(out)
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

#[test]
fn names_are_compared_without_prefixes() {
    let xml = r#"<r xmlns="urn:a" xmlns:x="urn:x"><x:a>1</x:a><b xmlns="urn:b">2</b></r>"#;
    assert_eq!(children(xml).unwrap(), pairs(&[("a", "1"), ("b", "2")]));
}

#[test]
fn text_is_unescaped_and_concatenated() {
    let xml = "<r><a>x &amp; y &lt;&gt; &quot;&apos; &#65;&#x42;&#x1F600;</a>\
               <b>one<![CDATA[ <two> & ]]>three<!-- gone -->four</b>\
               <c>line\r\nnext\rlast</c><d/><e></e><f>  spaced  </f></r>";
    assert_eq!(
        children(xml).unwrap(),
        pairs(&[
            ("a", "x & y <> \"' AB\u{1F600}"),
            ("b", "one <two> & threefour"),
            ("c", "line\nnext\nlast"),
            ("d", ""),
            ("e", ""),
            ("f", "  spaced  "),
        ])
    );
}

#[test]
fn child_elements_inside_text_are_skipped() {
    let xml = "<r><a>before<x><y>deep</y></x>after</a><b>2</b></r>";
    assert_eq!(
        children(xml).unwrap(),
        pairs(&[("a", "beforeafter"), ("b", "2")])
    );
}

#[test]
fn skip_consumes_whole_subtrees() {
    let xml = "<r><skip><a><a><a/></a></a><!-- c --><?pi x?></skip><keep>k</keep></r>";
    let mut r = XmlReader::new(xml.as_bytes());
    let root = r.root().unwrap();
    let first = r.next_child(&root).unwrap().unwrap();
    assert_eq!(first.local_name(), "skip");
    r.skip(&first).unwrap();
    let second = r.next_child(&root).unwrap().unwrap();
    assert_eq!(r.string(&second).unwrap(), "k");
    assert!(r.next_child(&root).unwrap().is_none());
    r.finish().unwrap();
}

#[test]
fn attributes() {
    let xml = r#"<r a="1" x:b="two &amp; 3" n="x1"/>"#;
    let mut r = XmlReader::new(xml.as_bytes());
    let root: Element<'_> = r.root().unwrap();
    assert!(root.is_empty());
    assert_eq!(root.attribute("a").unwrap().as_deref(), Some("1"));
    assert_eq!(root.attribute("b").unwrap().as_deref(), Some("two & 3"));
    assert_eq!(root.attribute("c").unwrap(), None);
    assert_eq!(
        root.parse_attribute("a", "an integer", str::parse::<i32>)
            .unwrap(),
        Some(1)
    );
    let err = root
        .parse_attribute("n", "an integer", str::parse::<i32>)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "attribute `n` of <r> should hold an integer, but holds \"x1\": invalid digit found in string"
    );
}

#[test]
fn an_attribute_given_twice_is_an_error() {
    // Also under another prefix: names are compared by local name.
    for xml in [r#"<r a="1" a="2"/>"#, r#"<r a="1" x:a="2"/>"#] {
        let mut r = XmlReader::new(xml.as_bytes());
        let root = r.root().unwrap();
        assert_eq!(
            root.attribute("a").unwrap_err().to_string(),
            "attribute `a` given twice in <r>"
        );
    }
}

#[test]
fn set_stores_a_member_once() {
    let mut slot = None;
    assert!(awsgen_runtime::xml::set(&mut slot, 1));
    assert!(!awsgen_runtime::xml::set(&mut slot, 2));
    assert_eq!(slot, Some(1));
    assert_eq!(
        XmlError::duplicate_member("Name", "Snapshot").to_string(),
        "member `Name` given twice in `Snapshot`"
    );
}

#[test]
fn scalars() {
    let xml = "<r><b>true</b><b>false</b><i> -42 </i><l>9223372036854775807</l>\
               <f>NaN</f><f>Infinity</f><f>-Infinity</f><f>1.5e3</f>\
               <t>2014-04-29T18:30:38Z</t><t>Tue, 29 Apr 2014 18:30:38 GMT</t><t>1398796238</t>\
               <t>2019-12-16T22:48:18-01:00</t></r>";
    let mut r = XmlReader::new(xml.as_bytes());
    let root = r.root().unwrap();
    let mut bools = Vec::new();
    let mut ints = Vec::new();
    let mut floats = Vec::new();
    let mut times = Vec::new();
    // Each child is consumed before the next is asked for, as the cursor requires.
    while let Some(child) = r.next_child(&root).unwrap() {
        match child.local_name() {
            "b" => bools.push(r.boolean(&child).unwrap()),
            "i" => ints.push(i64::from(r.i32(&child).unwrap())),
            "l" => ints.push(r.i64(&child).unwrap()),
            "f" => floats.push(r.f64(&child).unwrap()),
            _ => times.push(r.timestamp(&child).unwrap().secs()),
        }
    }
    assert_eq!(bools, [true, false]);
    assert_eq!(ints, [-42, i64::MAX]);
    assert!(floats[0].is_nan());
    assert_eq!(&floats[1..], &[f64::INFINITY, f64::NEG_INFINITY, 1500.0]);
    assert_eq!(times, [1398796238, 1398796238, 1398796238, 1576540098]);
}

#[test]
fn bad_scalars_name_the_element_and_the_value() {
    let mut r = XmlReader::new(b"<r><Port>99999999999</Port><Flag>1</Flag></r>");
    let root = r.root().unwrap();
    let port = r.next_child(&root).unwrap().unwrap();
    assert_eq!(
        r.i32(&port).unwrap_err().to_string(),
        "<Port> should hold a 32-bit integer, but holds \"99999999999\": number too large to fit in target type"
    );
    let flag = r.next_child(&root).unwrap().unwrap();
    assert_eq!(
        r.boolean(&flag).unwrap_err().to_string(),
        "<Flag> should hold a boolean, but holds \"1\": expected `true` or `false`"
    );
}

#[test]
fn malformed_documents_are_errors() {
    let cases: &[(&[u8], &str)] = &[
        (b"", "the document has no root element"),
        (
            b"  <!-- only a comment -->  ",
            "the document has no root element",
        ),
        (b"text", "text before the root element"),
        (b"<r><a>1</a>", "the document ends inside an element"),
        (b"<r><a>1</b></r>", "malformed XML"),
        (b"<r><a>&nope;</a></r>", "unknown entity `&nope;`"),
        (b"<r><a>&#0;</a></r>", "malformed XML"),
        (b"<r><a>\xff</a></r>", "malformed XML"),
        (b"<r/><r/>", "a second root element <r> after the first"),
        (b"<r/>trailing", "content after the root element"),
    ];
    for (xml, expected) in cases {
        let mut r = XmlReader::new(xml);
        let result = (|| -> Result<(), XmlError> {
            let root = r.root()?;
            while let Some(child) = r.next_child(&root)? {
                r.text(&child)?;
            }
            r.finish()
        })();
        let err = result.expect_err(&format!("{:?} parses", String::from_utf8_lossy(xml)));
        assert!(
            err.to_string().contains(expected),
            "{:?}: expected {expected:?}, got {err}",
            String::from_utf8_lossy(xml)
        );
    }
}

/// What the reader's own tokenizer must reject, each an error and no panic: checked against
/// XML 1.0 (well-formedness: matching end tags, closed markup, `&` only in references,
/// character references to characters only, UTF-8).
#[test]
fn the_tokenizer_rejects_malformed_markup() {
    let cases: &[(&[u8], &str)] = &[
        (b"<r><a>1</a ></r >", ""),
        (b"<r><a>1</ab></r>", "end tag </ab> closes <a>"),
        (b"<r><x:a>1</a></r>", "end tag </a> closes <x:a>"),
        (b"<r></r></r>", "an end tag without a start tag"),
        (b"<r><!-- open", "a comment is not closed"),
        (b"<r><![CDATA[ open", "a CDATA section is not closed"),
        (b"<r><?pi open", "a processing instruction is not closed"),
        (b"<r><a b=\"1>\"", "a start tag is not closed"),
        (b"<r></a", "an end tag is not closed"),
        (b"<r><>x</></r>", "a tag without a name"),
        (b"<r><!ELEMENT r></r>", "unknown markup after `<!`"),
        (b"<r><a>x & y</a></r>", "`&` that starts no reference"),
        (b"<r><a>&#xD800;</a></r>", "is not a character reference"),
        (b"<r><a>&#x110000;</a></r>", "is not a character reference"),
        (b"<r><a>&#+65;</a></r>", "is not a character reference"),
        (
            b"<r><a>ok</a><b>\xc3</b></r>",
            "malformed XML at byte 15: invalid UTF-8",
        ),
        (
            b"<r><a\xff>1</a></r>",
            "malformed XML at byte 5: invalid UTF-8",
        ),
    ];
    for (xml, expected) in cases {
        let mut r = XmlReader::new(xml);
        let result = (|| -> Result<(), XmlError> {
            let root = r.root()?;
            while let Some(child) = r.next_child(&root)? {
                r.text(&child)?;
            }
            r.finish()
        })();
        let shown = String::from_utf8_lossy(xml);
        if expected.is_empty() {
            result.unwrap_or_else(|e| panic!("{shown:?}: {e}"));
            continue;
        }
        let err = result.expect_err(&format!("{shown:?} parses"));
        assert!(
            err.to_string().contains(expected),
            "{shown:?}: expected {expected:?}, got {err}"
        );
    }
}

/// What the tokenizer accepts beyond elements and text: a byte order mark, the XML declaration,
/// a DOCTYPE with an internal subset (skipped), `>` inside a quoted attribute value, and
/// attribute values normalized as XML 1.0 section 3.3.3 says (each literal white space
/// character, and `\r\n`, becomes one space; references are resolved after).
#[test]
fn the_tokenizer_accepts_what_xml_allows() {
    let xml = "\u{feff}<?xml version=\"1.0\"?>\n<!DOCTYPE r [ <!ENTITY e \"]>\"> ]>\n\
               <r a=\"x > y\" b='one\ttwo\r\nthree\nfour&#10;five' c = \"&lt;&#x41;\"><x:a>1</x:a ><b/></r>";
    let mut r = XmlReader::new(xml.as_bytes());
    let root = r.root().unwrap();
    assert_eq!(root.local_name(), "r");
    assert_eq!(root.attribute("a").unwrap().as_deref(), Some("x > y"));
    assert_eq!(
        root.attribute("b").unwrap().as_deref(),
        Some("one two three four\nfive")
    );
    assert_eq!(root.attribute("c").unwrap().as_deref(), Some("<A"));
    let a = r.next_child(&root).unwrap().unwrap();
    assert_eq!((a.local_name(), r.string(&a).unwrap().as_str()), ("a", "1"));
    let b = r.next_child(&root).unwrap().unwrap();
    assert!(b.is_empty());
    assert!(r.next_child(&root).unwrap().is_none());
    r.finish().unwrap();
}

#[test]
fn nesting_is_bounded() {
    let ok = format!("{}{}", "<a>".repeat(MAX_DEPTH), "</a>".repeat(MAX_DEPTH));
    let mut r = XmlReader::new(ok.as_bytes());
    let root = r.root().unwrap();
    r.skip(&root).unwrap();
    r.finish().unwrap();

    let deep = format!(
        "{}{}",
        "<a>".repeat(MAX_DEPTH + 1),
        "</a>".repeat(MAX_DEPTH + 1)
    );
    let mut r = XmlReader::new(deep.as_bytes());
    let root = r.root().unwrap();
    assert_eq!(
        r.skip(&root).unwrap_err().to_string(),
        format!("elements are nested deeper than {MAX_DEPTH} levels")
    );
}

/// Walks everything as a generic parser would: recursing into children, reading leaves as
/// text and scalars. Returns the first error.
fn walk<'a>(r: &mut XmlReader<'a>, el: &Element<'a>, depth: usize) -> Result<(), XmlError> {
    while let Some(child) = r.next_child(el)? {
        match (child.local_name().len() + depth) % 4 {
            0 => walk(r, &child, depth + 1)?,
            1 => drop(r.i32(&child)),
            2 => drop(r.timestamp(&child)),
            _ => {
                let _ = child.attribute("a");
                r.skip(&child)?;
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn no_input_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let mut r = XmlReader::new(&bytes);
        if let Ok(root) = r.root() {
            let _ = walk(&mut r, &root, 0).and_then(|()| r.finish());
        }
    }

    #[test]
    fn no_markup_soup_panics(parts in prop::collection::vec(
        prop::sample::select(&["<a>", "</a>", "<b x=\"1\">", "</b>", "<c/>", "text", "&amp;",
            "&#x41;", "&bad;", "<![CDATA[x]]>", "<!--c-->", "<?p?>", "\u{e9}", "1", "-", ":",
            "<p:q>", "</p:q>", "\r\n"][..]),
        0..60,
    )) {
        let doc = format!("<r>{}</r>", parts.concat());
        let mut r = XmlReader::new(doc.as_bytes());
        if let Ok(root) = r.root() {
            let _ = walk(&mut r, &root, 0).and_then(|()| r.finish());
        }
    }
}
