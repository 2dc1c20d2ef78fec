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

mod element;
mod reader;
mod text;
mod tokenizer;
#[cfg(feature = "rest")]
pub mod writer;

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
