//! The tokenizer: start and end tags, text, CDATA, and the markup that is skipped, one token
//! at a time from the document, with end tags checked against the open elements.

use std::borrow::Cow;

use super::text::unescape_into;
use super::{Element, MAX_DEPTH, Token, XmlError, XmlReader, is_space, shown, syntax};

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
    pub(super) fn position(&self) -> usize {
        self.len.saturating_sub(self.rest.len())
    }

    /// The error of markup the document ends inside of (`what`); invalid UTF-8 is the error
    /// when the document's valid part ends there.
    pub(super) fn unterminated(&self, what: &str) -> XmlError {
        match self.invalid_utf8 {
            Some(at) => syntax(at, "invalid UTF-8"),
            None => syntax(self.token_start, format!("{what} is not closed")),
        }
    }

    pub(super) fn ended_early(&self) -> XmlError {
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
    pub(super) fn token(&mut self, keep_text: bool) -> Result<Token<'a>, XmlError> {
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
    pub(super) fn check_references(&self, raw: &str) -> Result<(), XmlError> {
        unescape_into(raw, false, &mut String::new())
            .map_err(|(offset, why)| syntax(self.token_start.saturating_add(offset), why))
    }
}

impl<'a> XmlReader<'a> {
    /// XML 1.0 line-end normalization (`\r\n` and `\r` become `\n`), which only text holding a
    /// carriage return needs (and none does when the document holds none).
    pub(super) fn normalize_eols(&self, text: &'a str) -> Cow<'a, str> {
        if !self.has_cr || !text.contains('\r') {
            return Cow::Borrowed(text);
        }
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    }
}

/// Whether `body` holds a carriage return. Branch-free over 64-byte blocks (which the compiler
/// vectorizes), so a whole response costs about as much as a few short `contains` calls.
#[inline]
pub(super) fn contains_cr(body: &[u8]) -> bool {
    let mut blocks = body.chunks_exact(64);
    let found = blocks
        .by_ref()
        .any(|block| block.iter().fold(false, |any, &b| any | (b == b'\r')));
    found || blocks.remainder().contains(&b'\r')
}
