//! What generated parsers call: the root element, each element's children, and an element's
//! content read as text or as a scalar of its member's type.

use std::borrow::Cow;
use std::fmt;

use super::text::{append, unescape_into};
use super::{Element, Token, XmlError, XmlReader, shown, syntax};

impl<'a> XmlReader<'a> {
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

    /// Consumes `element`, a child its parent's parser does not model, and answers `true`: an
    /// unknown element is never a member given twice (the last arm of a generated parser's
    /// `match`, whose arms answer whether the member they stored was new; the XML twin of
    /// `wire::Reader::skip_member`).
    pub fn skip_member(&mut self, element: &Element<'a>) -> Result<bool, XmlError> {
        self.skip(element)?;
        Ok(true)
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
    /// [`DateTime::parse_any`](crate::timestamp::DateTime::parse_any)).
    pub fn timestamp(
        &mut self,
        element: &Element<'a>,
    ) -> Result<crate::timestamp::DateTime, XmlError> {
        self.parse(
            element,
            "a timestamp",
            crate::timestamp::DateTime::parse_any,
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
