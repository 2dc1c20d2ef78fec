//! A pull cursor over an XML document, on quick-xml's borrowed events: what generated XML
//! parsers call to walk elements, read text and scalars, and skip what they do not know.
//!
//! The model: a parser holds an [`Element`] (an open start tag) and asks the reader for that
//! element's next child with [`XmlReader::next_child`]; it must then consume the child
//! completely, by reading it as text or a scalar ([`XmlReader::text`], [`XmlReader::string`],
//! [`XmlReader::i32`], …), by walking its children, or with [`XmlReader::skip`], before asking
//! for the next one. `next_child` returns `None` at the parent's end tag.
//!
//! Names are compared by local name: namespace prefixes and `xmlns` declarations are ignored,
//! as botocore ignores them. Text is unescaped (the five predefined entities and character
//! references), CDATA sections are taken literally, line ends are normalized (`\r\n` → `\n`),
//! and comments and processing instructions are skipped.
//!
//! Nothing here panics on any input: malformed XML, invalid UTF-8, a document that ends early,
//! nesting deeper than [`MAX_DEPTH`] elements (skipped ones included), or a value that does not
//! parse as its type (an integer that does not fit, a finite number that overflows a float)
//! give an [`XmlError`] saying what was wrong.
//!
//! A member given twice is an error, as in the JSON and CBOR readers (`super::json` says why):
//! an element given twice where one is expected ([`set`]), a map key given twice
//! ([`XmlError::duplicate_key`]), an attribute given twice ([`Element::attribute`]). Repeated
//! elements that are meant to repeat are not duplicates: the items of a list (wrapped or
//! flattened) and the entries of a map.

use std::borrow::Cow;
use std::fmt;

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::reader::Reader;

/// The deepest element nesting a document may have. Deeper documents are rejected, which bounds
/// the recursion of generated parsers for recursive shapes.
pub const MAX_DEPTH: usize = 64;

/// Why an XML document could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct XmlError {
    message: String,
}

impl XmlError {
    /// An error with this message.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }

    /// What was wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl XmlError {
    /// The error of a map key given twice in a `map` (see the [module docs](self)).
    #[cold]
    #[inline(never)]
    pub fn duplicate_key(key: &str, map: &str) -> Self {
        Self::new(super::operation::duplicate_key_message(key, map))
    }

    /// The error of a member given twice in a `structure`.
    #[cold]
    #[inline(never)]
    pub fn duplicate_member(member: &str, structure: &str) -> Self {
        Self::new(super::operation::duplicate_member_message(
            member, structure,
        ))
    }
}

/// Stores `value`, a member just read, in `slot`, the member's field of the structure being
/// read, unless the member already has a value: then returns `false`, and the caller fails
/// with [`XmlError::duplicate_member`] (see the [module docs](self)).
#[inline]
pub fn set<T>(slot: &mut Option<T>, value: T) -> bool {
    if slot.is_some() {
        return false;
    }
    *slot = Some(value);
    true
}

impl fmt::Display for XmlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for XmlError {}

fn syntax(position: u64, error: impl fmt::Display) -> XmlError {
    XmlError::new(format!("malformed XML at byte {position}: {error}"))
}

/// An element whose start tag has been read: its name and attributes.
#[derive(Clone, Debug)]
pub struct Element<'a> {
    start: BytesStart<'a>,
    empty: bool,
}

impl<'a> Element<'a> {
    /// The local name (without any namespace prefix).
    pub fn local_name(&self) -> &str {
        let name = self.start.name().0;
        // Names are short and rarely prefixed: a plain backward scan beats `rfind`'s memrchr.
        let bytes = name.as_bytes();
        let mut i = bytes.len();
        while i > 0 {
            i -= 1;
            if bytes.get(i) == Some(&b':') {
                return name.get(i + 1..).unwrap_or(name);
            }
        }
        name
    }

    /// Whether the element was written as an empty-element tag (`<a/>`).
    pub fn is_empty(&self) -> bool {
        self.empty
    }

    /// The value of the attribute with this local name, unescaped, if the element has it; an
    /// attribute given twice is an error.
    pub fn attribute(&self, local_name: &str) -> Result<Option<String>, XmlError> {
        let mut found = None;
        for attribute in self.start.attributes().with_checks(false) {
            let attribute = attribute.map_err(|e| {
                XmlError::new(format!(
                    "malformed attribute in <{}>: {e}",
                    self.local_name()
                ))
            })?;
            let key = attribute.key.0;
            let key = key.rsplit(':').next().unwrap_or(key);
            if key == local_name {
                if found.is_some() {
                    return Err(XmlError::new(format!(
                        "attribute `{local_name}` given twice in <{}>",
                        self.local_name()
                    )));
                }
                let value = attribute
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .map_err(|e| {
                        XmlError::new(format!(
                            "invalid attribute `{local_name}` in <{}>: {e}",
                            self.local_name()
                        ))
                    })?;
                found = Some(value.into_owned());
            }
        }
        Ok(found)
    }

    /// The attribute with this local name parsed with `parse`, if the element has it; a failure
    /// becomes an error naming the attribute, `what` was expected, and why.
    pub fn parse_attribute<T, E: fmt::Display>(
        &self,
        local_name: &str,
        what: &str,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Result<Option<T>, XmlError> {
        let Some(value) = self.attribute(local_name)? else {
            return Ok(None);
        };
        let trimmed = value.trim_ascii();
        parse(trimmed).map(Some).map_err(|e| {
            let shown: String = trimmed.chars().take(64).collect();
            XmlError::new(format!(
                "attribute `{local_name}` of <{}> should hold {what}, but holds \"{shown}\": {e}",
                self.local_name()
            ))
        })
    }
}

/// A pull cursor over one XML document. See the [module docs](self).
///
/// Cost: quick-xml's tokenizer is most of a parse. Two things keep the rest small. Whitespace
/// after markup is skipped inside the tokenizer (`trim_text_start`) everywhere except while
/// [`text`](Self::text) reads a value, so the indentation between elements never becomes an event
/// (nor a UTF-8 check); and whether the document holds a carriage return at all is decided once,
/// so values need no line-end scan when it does not.
pub struct XmlReader<'a> {
    reader: Reader<&'a [u8]>,
    depth: usize,
    /// The document holds a `\r`, so text may need line-end normalization.
    has_cr: bool,
}

impl<'a> XmlReader<'a> {
    /// A reader of `body`.
    pub fn new(body: &'a [u8]) -> Self {
        let mut reader = Reader::from_reader(body);
        // Whitespace between elements is never read; `text` turns this off while it reads.
        reader.config_mut().trim_text_start = true;
        Self {
            reader,
            depth: 0,
            has_cr: contains_cr(body),
        }
    }

    /// Whether leading whitespace of text is skipped by the tokenizer (outside `text`).
    fn trim(&mut self, on: bool) {
        self.reader.config_mut().trim_text_start = on;
    }

    fn read(&mut self) -> Result<Event<'a>, XmlError> {
        self.reader
            .read_event()
            .map_err(|e| syntax(self.reader.error_position(), e))
    }

    fn open(&mut self) -> Result<(), XmlError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(XmlError::new(format!(
                "elements are nested deeper than {MAX_DEPTH} levels"
            )));
        }
        Ok(())
    }

    fn ended_early(&self) -> XmlError {
        XmlError::new(format!(
            "the document ends inside an element (truncated at byte {})",
            self.reader.buffer_position()
        ))
    }

    /// Reads up to the root element's start tag, skipping the XML declaration, comments,
    /// processing instructions, a document type declaration and whitespace.
    pub fn root(&mut self) -> Result<Element<'a>, XmlError> {
        loop {
            match self.read()? {
                Event::Start(start) => {
                    self.open()?;
                    return Ok(Element {
                        start,
                        empty: false,
                    });
                }
                Event::Empty(start) => return Ok(Element { start, empty: true }),
                Event::Text(text) if text.trim_ascii().is_empty() => {}
                Event::Decl(_) | Event::Comment(_) | Event::PI(_) | Event::DocType(_) => {}
                Event::Eof => return Err(XmlError::new("the document has no root element")),
                _ => return Err(XmlError::new("text before the root element")),
            }
        }
    }

    /// Checks that nothing but whitespace, comments and processing instructions follows the
    /// root element.
    pub fn finish(&mut self) -> Result<(), XmlError> {
        loop {
            match self.read()? {
                Event::Eof => return Ok(()),
                Event::Text(text) if text.trim_ascii().is_empty() => {}
                Event::Comment(_) | Event::PI(_) => {}
                Event::Start(e) | Event::Empty(e) => {
                    return Err(XmlError::new(format!(
                        "a second root element <{}> after the first",
                        Element {
                            start: e,
                            empty: true
                        }
                        .local_name()
                    )));
                }
                _ => return Err(XmlError::new("content after the root element")),
            }
        }
    }

    /// The next child element of `parent`, or `None` after `parent`'s end tag. Text, comments
    /// and processing instructions between children are skipped. `parent` must be the innermost
    /// element not yet consumed.
    pub fn next_child(&mut self, parent: &Element<'a>) -> Result<Option<Element<'a>>, XmlError> {
        if parent.empty {
            return Ok(None);
        }
        loop {
            match self.read()? {
                Event::Start(start) => {
                    self.open()?;
                    return Ok(Some(Element {
                        start,
                        empty: false,
                    }));
                }
                Event::Empty(start) => return Ok(Some(Element { start, empty: true })),
                Event::End(_) => {
                    self.depth = self.depth.saturating_sub(1);
                    return Ok(None);
                }
                Event::Eof => return Err(self.ended_early()),
                // Ignored, but an undefined entity is still malformed XML.
                Event::GeneralRef(reference) => {
                    resolve(&reference, self.reader.buffer_position())?;
                }
                _ => {}
            }
        }
    }

    /// Consumes `element` and everything in it.
    pub fn skip(&mut self, element: &Element<'a>) -> Result<(), XmlError> {
        if element.empty {
            return Ok(());
        }
        let base = self.depth;
        loop {
            match self.read()? {
                Event::Start(_) => self.open()?,
                Event::End(_) => {
                    self.depth = self.depth.saturating_sub(1);
                    if self.depth < base {
                        return Ok(());
                    }
                }
                Event::Eof => return Err(self.ended_early()),
                Event::GeneralRef(reference) => {
                    resolve(&reference, self.reader.buffer_position())?;
                }
                _ => {}
            }
        }
    }

    /// Consumes `element` and returns its text: text and CDATA sections concatenated, entities
    /// and character references resolved, line ends normalized. Child elements are skipped.
    /// Borrows from the document when the text needs no change.
    pub fn text(&mut self, element: &Element<'a>) -> Result<Cow<'a, str>, XmlError> {
        if element.empty {
            return Ok(Cow::Borrowed(""));
        }
        // Every character of the value counts, leading whitespace too.
        self.trim(false);
        let text = self.read_text();
        self.trim(true);
        text
    }

    fn read_text(&mut self) -> Result<Cow<'a, str>, XmlError> {
        let mut text: Cow<'a, str> = Cow::Borrowed("");
        loop {
            match self.read()? {
                Event::Text(piece) => {
                    let piece = piece.into_inner();
                    append(&mut text, self.normalize_eols(piece));
                }
                Event::CData(piece) => {
                    let piece = piece.into_inner();
                    append(&mut text, self.normalize_eols(piece));
                }
                Event::GeneralRef(reference) => {
                    let resolved = resolve(&reference, self.reader.buffer_position())?;
                    text.to_mut().push_str(&resolved);
                }
                Event::Start(child) => {
                    self.open()?;
                    self.skip(&Element {
                        start: child,
                        empty: false,
                    })?;
                }
                Event::End(_) => {
                    self.depth = self.depth.saturating_sub(1);
                    return Ok(text);
                }
                Event::Eof => return Err(self.ended_early()),
                Event::Empty(_)
                | Event::Comment(_)
                | Event::PI(_)
                | Event::Decl(_)
                | Event::DocType(_) => {}
            }
        }
    }

    /// Consumes `element` and returns its text as an owned string.
    pub fn string(&mut self, element: &Element<'a>) -> Result<String, XmlError> {
        self.text(element).map(Cow::into_owned)
    }

    /// Consumes `element` and parses its text (surrounding whitespace removed) with `parse`;
    /// a failure becomes an error naming the element, `what` was expected, and why.
    pub fn parse<T, E: fmt::Display>(
        &mut self,
        element: &Element<'a>,
        what: &str,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Result<T, XmlError> {
        let text = self.text(element)?;
        let trimmed = text.trim_ascii();
        parse(trimmed).map_err(|e| invalid_value(element, what, trimmed, e))
    }

    /// Consumes `element` and reads `true` or `false`.
    pub fn boolean(&mut self, element: &Element<'a>) -> Result<bool, XmlError> {
        self.parse(element, "a boolean", |s| match s {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err("expected `true` or `false`"),
        })
    }

    /// Consumes `element` and reads a byte (8-bit integer).
    pub fn i8(&mut self, element: &Element<'a>) -> Result<i8, XmlError> {
        self.parse(element, "an 8-bit integer", str::parse)
    }

    /// Consumes `element` and reads a 16-bit integer.
    pub fn i16(&mut self, element: &Element<'a>) -> Result<i16, XmlError> {
        self.parse(element, "a 16-bit integer", str::parse)
    }

    /// Consumes `element` and reads a 32-bit integer.
    pub fn i32(&mut self, element: &Element<'a>) -> Result<i32, XmlError> {
        self.parse(element, "a 32-bit integer", str::parse)
    }

    /// Consumes `element` and reads a 64-bit integer.
    pub fn i64(&mut self, element: &Element<'a>) -> Result<i64, XmlError> {
        self.parse(element, "a 64-bit integer", str::parse)
    }

    /// Consumes `element` and reads a 32-bit float (also `NaN`, `Infinity`, `-Infinity`); a
    /// finite number beyond the `f32` range is an error.
    pub fn f32(&mut self, element: &Element<'a>) -> Result<f32, XmlError> {
        self.parse(element, "a number", |s| {
            parse_float(s, |v: &f32| v.is_infinite())
        })
    }

    /// Consumes `element` and reads a 64-bit float (also `NaN`, `Infinity`, `-Infinity`); a
    /// finite number beyond the `f64` range is an error.
    pub fn f64(&mut self, element: &Element<'a>) -> Result<f64, XmlError> {
        self.parse(element, "a number", |s| {
            parse_float(s, |v: &f64| v.is_infinite())
        })
    }

    /// Consumes `element` and reads a timestamp in any of the three AWS formats, whatever the
    /// member's `timestampFormat` says (botocore's leniency; see
    /// [`DateTime::parse_any`](super::timestamp::DateTime::parse_any)).
    pub fn timestamp(
        &mut self,
        element: &Element<'a>,
    ) -> Result<super::timestamp::DateTime, XmlError> {
        self.parse(
            element,
            "a timestamp",
            super::timestamp::DateTime::parse_any,
        )
    }
}

/// A float from its text: what `str::parse` accepts, except that a number too large for the
/// type is an error instead of an infinity (only the infinity literals give one).
fn parse_float<T>(text: &str, is_infinite: fn(&T) -> bool) -> Result<T, String>
where
    T: std::str::FromStr,
    T::Err: fmt::Display,
{
    let value: T = text.parse().map_err(|e: T::Err| e.to_string())?;
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let literal = unsigned.eq_ignore_ascii_case("infinity") || unsigned.eq_ignore_ascii_case("inf");
    if is_infinite(&value) && !literal {
        return Err("number out of range".to_owned());
    }
    Ok(value)
}

impl<'a> XmlReader<'a> {
    /// XML 1.0 line-end normalization (`\r\n` and `\r` become `\n`), which only text holding a
    /// carriage return needs (and none does when the document holds none).
    fn normalize_eols(&self, text: Cow<'a, str>) -> Cow<'a, str> {
        if !self.has_cr || !text.as_bytes().contains(&b'\r') {
            return text;
        }
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    }
}

/// Whether `body` holds a carriage return. Branch-free over 64-byte blocks (which the compiler
/// vectorizes), so a whole response costs about as much as a few short `contains` calls.
fn contains_cr(body: &[u8]) -> bool {
    let mut blocks = body.chunks_exact(64);
    let found = blocks
        .by_ref()
        .any(|block| block.iter().fold(false, |any, &b| any | (b == b'\r')));
    found || blocks.remainder().contains(&b'\r')
}

fn append<'a>(text: &mut Cow<'a, str>, piece: Cow<'a, str>) {
    if text.is_empty() {
        *text = piece;
    } else {
        text.to_mut().push_str(&piece);
    }
}

fn resolve(reference: &BytesRef<'_>, position: u64) -> Result<Cow<'static, str>, XmlError> {
    match reference.resolve_char_ref() {
        Ok(Some(c)) => return Ok(Cow::Owned(c.to_string())),
        Ok(None) => {}
        Err(e) => return Err(syntax(position, e)),
    }
    let name: &str = reference;
    quick_xml::escape::resolve_predefined_entity(name)
        .map(Cow::Borrowed)
        .ok_or_else(|| syntax(position, format!("unknown entity `&{name};`")))
}

fn invalid_value(
    element: &Element<'_>,
    what: &str,
    text: &str,
    why: impl fmt::Display,
) -> XmlError {
    // Quote at most 64 characters of the value: it may be long, or the start of garbage.
    let shown: String = text.chars().take(64).collect();
    let ellipsis = if shown.len() < text.len() { "…" } else { "" };
    XmlError::new(format!(
        "<{}> should hold {what}, but holds \"{shown}{ellipsis}\": {why}",
        element.local_name()
    ))
}
