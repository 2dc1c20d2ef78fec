//! A pull cursor over an XML document, on a tokenizer of its own: what generated XML parsers
//! call to walk elements, read text and scalars, and skip what they do not know.
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

fn syntax(position: usize, error: impl fmt::Display) -> XmlError {
    XmlError::new(format!("malformed XML at byte {position}: {error}"))
}

/// At most 64 characters of `text`, for an error message.
fn shown(text: &str) -> String {
    text.chars().take(64).collect()
}

/// XML's white space characters.
const SPACE: [char; 4] = [' ', '\t', '\n', '\r'];

/// Whether `b` is one of XML's white space characters.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// An element whose start tag has been read: its name and attributes.
#[derive(Clone, Debug)]
pub struct Element<'a> {
    /// The local name (after the prefix, if any).
    name: &'a str,
    /// What follows the name in the start tag, up to `>` or `/>`: the attributes, unparsed.
    attributes: &'a str,
    empty: bool,
}

impl<'a> Element<'a> {
    /// The local name (without any namespace prefix).
    pub fn local_name(&self) -> &str {
        self.name
    }

    /// Whether the element was written as an empty-element tag (`<a/>`).
    pub fn is_empty(&self) -> bool {
        self.empty
    }

    /// The value of the attribute with this local name, unescaped and normalized as XML
    /// attribute values are (each white space character becomes a space), if the element has
    /// it; an attribute given twice is an error.
    pub fn attribute(&self, local_name: &str) -> Result<Option<String>, XmlError> {
        let malformed = || XmlError::new(format!("malformed attribute in <{}>", self.name));
        let mut found = None;
        let mut rest = self.attributes;
        loop {
            rest = rest.trim_start_matches(SPACE);
            if rest.is_empty() {
                return Ok(found);
            }
            let (key, after) = rest.split_once('=').ok_or_else(malformed)?;
            let key = key.trim_end_matches(SPACE);
            if key.is_empty() || key.contains(SPACE) {
                return Err(malformed());
            }
            let after = after.trim_start_matches(SPACE);
            let (value, after) = match after.strip_prefix('"') {
                Some(quoted) => quoted.split_once('"'),
                None => after
                    .strip_prefix('\'')
                    .and_then(|quoted| quoted.split_once('\'')),
            }
            .ok_or_else(malformed)?;
            rest = after;
            let key = key.rsplit_once(':').map_or(key, |(_, local)| local);
            if key == local_name {
                if found.is_some() {
                    return Err(XmlError::new(format!(
                        "attribute `{local_name}` given twice in <{}>",
                        self.name
                    )));
                }
                found = Some(attribute_value(value).map_err(|e| {
                    XmlError::new(format!(
                        "invalid attribute `{local_name}` in <{}>: {e}",
                        self.name
                    ))
                })?);
            }
        }
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
            XmlError::new(format!(
                "attribute `{local_name}` of <{}> should hold {what}, but holds \"{}\": {e}",
                self.name,
                shown(trimmed)
            ))
        })
    }
}

/// One piece of markup or text, as the tokenizer of [`XmlReader`] yields it.
enum Token<'a> {
    /// A start tag or an empty-element tag.
    Start(Element<'a>),
    /// An end tag (checked against its start tag).
    End,
    /// Text between markup, raw: references unresolved, line ends as written; and whether it
    /// holds a `&` (a reference).
    Text(&'a str, bool),
    /// The content of a CDATA section.
    CData(&'a str),
    /// A comment, a processing instruction, the XML declaration or a document type declaration.
    Other,
    /// The end of the document.
    Eof,
}

/// A pull cursor over one XML document. See the [module docs](self).
///
/// The tokenizer is this module's own (README, "Decisions": it costs a third of a general XML
/// tokenizer on AWS responses). It scans the document once for UTF-8 up front, so tokens are
/// `&str` slices of it with no further check; it keeps the names of the open elements in a
/// fixed array (end tags must match; nesting is bounded by [`MAX_DEPTH`]), so reading
/// allocates nothing but the strings a parser keeps; whitespace between elements is skipped
/// without becoming a token; and whether the document holds a carriage return at all is decided
/// once, so values need no line-end scan when it does not.
pub struct XmlReader<'a> {
    /// What is left of the document to read.
    rest: &'a str,
    /// The length of the document's valid UTF-8 prefix (all of it, when it is valid).
    len: usize,
    /// Where the document's first invalid UTF-8 byte is, if it has one: reaching it is an error.
    invalid_utf8: Option<usize>,
    /// Where the last token began.
    token_start: usize,
    /// The names (as written, prefix included) of the open elements, outermost first.
    open: [&'a str; MAX_DEPTH],
    /// How many elements are open.
    depth: usize,
    /// The document holds a `\r`, so text may need line-end normalization.
    has_cr: bool,
}

impl<'a> XmlReader<'a> {
    /// A reader of `body`.
    pub fn new(body: &'a [u8]) -> Self {
        let (text, invalid_utf8) = match std::str::from_utf8(body) {
            Ok(text) => (text, None),
            Err(e) => {
                let valid = body.get(..e.valid_up_to()).unwrap_or_default();
                let text = std::str::from_utf8(valid).unwrap_or_default();
                (text, Some(e.valid_up_to()))
            }
        };
        let len = text.len();
        Self {
            rest: text.strip_prefix('\u{feff}').unwrap_or(text),
            len,
            invalid_utf8,
            token_start: 0,
            open: [""; MAX_DEPTH],
            depth: 0,
            has_cr: contains_cr(body),
        }
    }

    /// The byte offset of what is left to read.
    fn position(&self) -> usize {
        self.len.saturating_sub(self.rest.len())
    }

    /// The error of markup the document ends inside of (`what`); invalid UTF-8 is the error
    /// when the document's valid part ends there.
    fn unterminated(&self, what: &str) -> XmlError {
        match self.invalid_utf8 {
            Some(at) => syntax(at, "invalid UTF-8"),
            None => syntax(self.token_start, format!("{what} is not closed")),
        }
    }

    fn ended_early(&self) -> XmlError {
        XmlError::new(format!(
            "the document ends inside an element (truncated at byte {})",
            self.position()
        ))
    }

    /// The next token. Whitespace before markup is skipped unless `keep_text` (then every
    /// character of text counts).
    ///
    /// Scans are byte loops, not `memchr`: what AWS sends is short names and short values,
    /// for which a plain loop beats the setup of a word-at-a-time search.
    fn token(&mut self, keep_text: bool) -> Result<Token<'a>, XmlError> {
        if !keep_text {
            let spaces = self
                .rest
                .bytes()
                .position(|b| !is_space(b))
                .unwrap_or(self.rest.len());
            self.rest = self.rest.get(spaces..).unwrap_or_default();
        }
        self.token_start = self.position();
        let Some(markup) = self.rest.strip_prefix('<') else {
            if self.rest.is_empty() {
                return match self.invalid_utf8 {
                    Some(at) => Err(syntax(at, "invalid UTF-8")),
                    None => Ok(Token::Eof),
                };
            }
            let mut references = false;
            let end = self
                .rest
                .bytes()
                .position(|b| {
                    references |= b == b'&';
                    b == b'<'
                })
                .unwrap_or(self.rest.len());
            let (text, rest) = self.rest.split_at_checked(end).unwrap_or((self.rest, ""));
            self.rest = rest;
            return Ok(Token::Text(text, references));
        };
        match markup.as_bytes().first() {
            Some(b'/') => self.end_tag(markup.get(1..).unwrap_or_default()),
            Some(b'?') => {
                let (_, rest) = markup
                    .split_once("?>")
                    .ok_or_else(|| self.unterminated("a processing instruction"))?;
                self.rest = rest;
                Ok(Token::Other)
            }
            Some(b'!') => self.declaration(markup),
            _ => self.start_tag(markup),
        }
    }

    /// A comment, a CDATA section or a document type declaration: `markup` follows the `<`.
    fn declaration(&mut self, markup: &'a str) -> Result<Token<'a>, XmlError> {
        if let Some(comment) = markup.strip_prefix("!--") {
            let (_, rest) = comment
                .split_once("-->")
                .ok_or_else(|| self.unterminated("a comment"))?;
            self.rest = rest;
            return Ok(Token::Other);
        }
        if let Some(cdata) = markup.strip_prefix("![CDATA[") {
            let (content, rest) = cdata
                .split_once("]]>")
                .ok_or_else(|| self.unterminated("a CDATA section"))?;
            self.rest = rest;
            return Ok(Token::CData(content));
        }
        let doctype = markup
            .get(..8)
            .is_some_and(|s| s.eq_ignore_ascii_case("!DOCTYPE"));
        if !doctype {
            return Err(syntax(self.token_start, "unknown markup after `<!`"));
        }
        // To the `>` outside quotes and outside the internal subset's brackets.
        let mut brackets = 0usize;
        let mut quote = None;
        for (i, b) in markup.bytes().enumerate() {
            match (quote, b) {
                (Some(q), _) if b == q => quote = None,
                (Some(_), _) => {}
                (None, b'"' | b'\'') => quote = Some(b),
                (None, b'[') => brackets = brackets.saturating_add(1),
                (None, b']') => brackets = brackets.saturating_sub(1),
                (None, b'>') if brackets == 0 => {
                    self.rest = markup
                        .get(i..)
                        .unwrap_or_default()
                        .get(1..)
                        .unwrap_or_default();
                    return Ok(Token::Other);
                }
                _ => {}
            }
        }
        Err(self.unterminated("a document type declaration"))
    }

    /// An end tag: `markup` follows the `</`.
    fn end_tag(&mut self, markup: &'a str) -> Result<Token<'a>, XmlError> {
        let Some(top) = self.depth.checked_sub(1) else {
            return Err(syntax(self.token_start, "an end tag without a start tag"));
        };
        let open = self.open.get(top).copied().unwrap_or_default();
        // The usual case, `</name>` right after the name, needs no search for the `>`.
        let rest = markup.strip_prefix(open).and_then(|rest| {
            rest.strip_prefix('>').or_else(|| {
                let spaces = rest.bytes().position(|b| !is_space(b))?;
                rest.get(spaces..)?.strip_prefix('>')
            })
        });
        let Some(rest) = rest else {
            let (name, _) = markup
                .split_once('>')
                .ok_or_else(|| self.unterminated("an end tag"))?;
            return Err(syntax(
                self.token_start,
                format!("end tag </{}> closes <{}>", shown(name), shown(open)),
            ));
        };
        self.depth = top;
        self.rest = rest;
        Ok(Token::End)
    }

    /// A start tag or an empty-element tag: `markup` follows the `<`.
    fn start_tag(&mut self, markup: &'a str) -> Result<Token<'a>, XmlError> {
        // The name ends at white space, `/` or `>`; its prefix at the last `:`.
        let mut local_start = 0;
        let mut name_end = None;
        for (i, b) in markup.bytes().enumerate() {
            match b {
                b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' => {
                    name_end = Some(i);
                    break;
                }
                b':' => local_start = i.saturating_add(1),
                _ => {}
            }
        }
        let (name, after) = name_end
            .and_then(|end| markup.split_at_checked(end))
            .ok_or_else(|| self.unterminated("a start tag"))?;
        if name.is_empty() {
            return Err(syntax(self.token_start, "a tag without a name"));
        }
        let (attributes, empty, rest) = if let Some(rest) = after.strip_prefix('>') {
            ("", false, rest)
        } else if let Some(rest) = after.strip_prefix("/>") {
            ("", true, rest)
        } else {
            // Attributes: the tag ends at the first `>` outside a quoted value.
            let mut quote = None;
            let end = after.bytes().position(|b| match (quote, b) {
                (Some(q), _) if b == q => {
                    quote = None;
                    false
                }
                (Some(_), _) => false,
                (None, b'"' | b'\'') => {
                    quote = Some(b);
                    false
                }
                (None, b) => b == b'>',
            });
            let (tag, rest) = end
                .and_then(|end| after.split_at_checked(end))
                .ok_or_else(|| self.unterminated("a start tag"))?;
            let rest = rest.get(1..).unwrap_or_default();
            match tag.strip_suffix('/') {
                Some(tag) => (tag, true, rest),
                None => (tag, false, rest),
            }
        };
        if !empty {
            let Some(slot) = self.open.get_mut(self.depth) else {
                return Err(XmlError::new(format!(
                    "elements are nested deeper than {MAX_DEPTH} levels"
                )));
            };
            *slot = name;
            self.depth = self.depth.saturating_add(1);
        }
        self.rest = rest;
        Ok(Token::Start(Element {
            name: name.get(local_start..).unwrap_or(name),
            attributes,
            empty,
        }))
    }

    /// Checks the references in text that is not read (an undefined entity is still malformed).
    fn check_references(&self, raw: &str) -> Result<(), XmlError> {
        unescape_into(raw, false, &mut String::new())
            .map_err(|(offset, why)| syntax(self.token_start.saturating_add(offset), why))
    }

    /// Reads up to the root element's start tag, skipping the XML declaration, comments,
    /// processing instructions, a document type declaration and whitespace.
    pub fn root(&mut self) -> Result<Element<'a>, XmlError> {
        loop {
            match self.token(false)? {
                Token::Start(element) => return Ok(element),
                Token::Other => {}
                Token::Eof => return Err(XmlError::new("the document has no root element")),
                Token::Text(..) | Token::CData(_) | Token::End => {
                    return Err(XmlError::new("text before the root element"));
                }
            }
        }
    }

    /// Checks that nothing but whitespace, comments and processing instructions follows the
    /// root element.
    pub fn finish(&mut self) -> Result<(), XmlError> {
        loop {
            match self.token(false)? {
                Token::Eof => return Ok(()),
                Token::Other => {}
                Token::Start(element) => {
                    return Err(XmlError::new(format!(
                        "a second root element <{}> after the first",
                        shown(element.name)
                    )));
                }
                Token::Text(..) | Token::CData(_) | Token::End => {
                    return Err(XmlError::new("content after the root element"));
                }
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
            match self.token(false)? {
                Token::Start(element) => return Ok(Some(element)),
                Token::End => return Ok(None),
                Token::Eof => return Err(self.ended_early()),
                Token::Text(raw, true) => self.check_references(raw)?,
                Token::Text(_, false) | Token::CData(_) | Token::Other => {}
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
            match self.token(false)? {
                Token::End if self.depth < base => return Ok(()),
                Token::Eof => return Err(self.ended_early()),
                Token::Text(raw, true) => self.check_references(raw)?,
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
        let mut text: Cow<'a, str> = Cow::Borrowed("");
        loop {
            match self.token(true)? {
                Token::Text(raw, references) => {
                    let eols = self.has_cr && raw.contains('\r');
                    if !eols && !references {
                        append(&mut text, Cow::Borrowed(raw));
                    } else {
                        unescape_into(raw, eols, text.to_mut()).map_err(|(offset, why)| {
                            syntax(self.token_start.saturating_add(offset), why)
                        })?;
                    }
                }
                Token::CData(raw) => append(&mut text, self.normalize_eols(raw)),
                Token::Start(child) => self.skip(&child)?,
                Token::End => return Ok(text),
                Token::Eof => return Err(self.ended_early()),
                Token::Other => {}
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
    fn normalize_eols(&self, text: &'a str) -> Cow<'a, str> {
        if !self.has_cr || !text.contains('\r') {
            return Cow::Borrowed(text);
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

/// Appends `raw`, text as written between markup, to `out` with its references resolved and,
/// when `eols`, its line ends normalized. An error gives the offset in `raw` it is at.
fn unescape_into(raw: &str, eols: bool, out: &mut String) -> Result<(), (usize, String)> {
    let mut rest = raw;
    loop {
        let special = if eols {
            rest.find(['&', '\r'])
        } else {
            rest.find('&')
        };
        let Some((plain, tail)) = special.and_then(|at| rest.split_at_checked(at)) else {
            out.push_str(rest);
            return Ok(());
        };
        out.push_str(plain);
        if let Some(after) = tail.strip_prefix('\r') {
            out.push('\n');
            rest = after.strip_prefix('\n').unwrap_or(after);
            continue;
        }
        let offset = raw.len().saturating_sub(tail.len());
        let (reference, after) = tail
            .get(1..)
            .and_then(|t| t.split_once(';'))
            .ok_or_else(|| (offset, "`&` that starts no reference".to_owned()))?;
        out.push(resolve(reference).map_err(|why| (offset, why))?);
        rest = after;
    }
}

/// An attribute value as written (between its quotes), with its references resolved and
/// normalized as XML 1.0 says: each white space character, and each `\r\n`, becomes a space.
fn attribute_value(raw: &str) -> Result<String, String> {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    loop {
        let Some((plain, tail)) = rest
            .find(['&', '\r', '\n', '\t'])
            .and_then(|at| rest.split_at_checked(at))
        else {
            out.push_str(rest);
            return Ok(out);
        };
        out.push_str(plain);
        if let Some(after) = tail.strip_prefix('&') {
            let (reference, after) = after
                .split_once(';')
                .ok_or_else(|| "`&` that starts no reference".to_owned())?;
            out.push(resolve(reference)?);
            rest = after;
        } else {
            out.push(' ');
            rest = tail
                .strip_prefix("\r\n")
                .or_else(|| tail.get(1..))
                .unwrap_or_default();
        }
    }
}

/// The character a reference stands for: one of the five predefined entities or a character
/// reference; `reference` is what stands between `&` and `;`.
fn resolve(reference: &str) -> Result<char, String> {
    let (digits, radix) = match reference {
        "lt" => return Ok('<'),
        "gt" => return Ok('>'),
        "amp" => return Ok('&'),
        "apos" => return Ok('\''),
        "quot" => return Ok('"'),
        _ => match reference.strip_prefix('#') {
            Some(hex) if hex.starts_with('x') => (hex.get(1..).unwrap_or_default(), 16),
            Some(decimal) => (decimal, 10),
            None => return Err(format!("unknown entity `&{};`", shown(reference))),
        },
    };
    let digits_only = !digits.is_empty() && digits.chars().all(|c| c.is_digit(radix));
    digits_only
        .then(|| u32::from_str_radix(digits, radix).ok())
        .flatten()
        .filter(|&code| code != 0)
        .and_then(char::from_u32)
        .ok_or_else(|| format!("`&{};` is not a character reference", shown(reference)))
}

fn invalid_value(
    element: &Element<'_>,
    what: &str,
    text: &str,
    why: impl fmt::Display,
) -> XmlError {
    // Quote at most 64 characters of the value: it may be long, or the start of garbage.
    let quoted = shown(text);
    let ellipsis = if quoted.len() < text.len() { "…" } else { "" };
    XmlError::new(format!(
        "<{}> should hold {what}, but holds \"{quoted}{ellipsis}\": {why}",
        element.name
    ))
}
