//! What the JSON and CBOR codecs share, written once: the error of an unreadable body
//! ([`BodyError`], `json::JsonError` and `cbor::CborError`), storing a member read ([`set`]),
//! the reader and the writer ([`Reader`], [`Writer`]: the methods both formats have, written
//! once over each format's [`Decode`] or [`Encode`]), and what is written once over them: the
//! error envelope's `(code, message)` ([`envelope_fields`]) and, with the `document` feature,
//! documents ([`document`]).
//!
//! Generated code calls these methods on `json::JsonReader` (`Reader<JsonDecoder>`) and the
//! like: inherent methods, no trait in scope, nothing dynamic, generic code monomorphized.

#[cfg(feature = "document")]
pub mod document;
mod reader;
mod writer;

pub(crate) use reader::read_with;
pub use reader::{Decode, Object, Read, Reader, Union, read};
pub use writer::{Encode, Write, Writer};

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use crate::operation::{EnvelopeError, InvalidResponse};

/// A body format, for the messages of [`BodyError`].
pub trait Format {
    /// Its name in messages (`JSON`).
    const NAME: &'static str;
}

/// The JSON format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Json;

impl Format for Json {
    const NAME: &'static str = "JSON";
}

/// The CBOR format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cbor;

impl Format for Cbor {
    const NAME: &'static str = "CBOR";
}

/// Why a body of format `F` could not be read: what was wrong, and at which byte.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BodyError<F> {
    offset: usize,
    message: Cow<'static, str>,
    format: PhantomData<F>,
}

impl<F: Format> BodyError<F> {
    /// An error at byte `offset` of the body.
    pub fn new(offset: usize, message: impl Into<Cow<'static, str>>) -> Self {
        Self {
            offset,
            message: message.into(),
            format: PhantomData,
        }
    }

    /// The byte offset in the body where reading failed.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// What was wrong.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// This error as the [`InvalidResponse`] of a response with HTTP `status`.
    pub fn into_invalid(self, status: u16) -> InvalidResponse {
        InvalidResponse::new(status, format!("malformed {} body: {self}", F::NAME))
    }
}

impl<F> fmt::Display for BodyError<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}", self.message, self.offset)
    }
}

impl<F: fmt::Debug> std::error::Error for BodyError<F> {}

impl<F> From<BodyError<F>> for EnvelopeError<BodyError<F>> {
    fn from(e: BodyError<F>) -> Self {
        Self::Unreadable(e)
    }
}

/// Stores `value`, a member just read (`None` for `null`, and in CBOR `undefined`), in
/// `slot`, the member's field of the structure being read, unless the member already has a
/// value: then returns `false`, and the caller fails with the reader's `duplicate_member` (a
/// response with two values for one member is malformed: see the `json` module's docs).
/// `null` leaves the field as it is.
#[inline]
pub fn set<T>(slot: &mut Option<T>, value: Option<T>) -> bool {
    match value {
        Some(_) if slot.is_some() => false,
        Some(value) => {
            *slot = Some(value);
            true
        }
        None => true,
    }
}

/// What kind of value comes next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `null` (in CBOR also `undefined`).
    Null,
    /// `true` or `false`.
    Bool,
    /// A number.
    Number,
    /// A (text) string.
    String,
    /// An array.
    Array,
    /// An object (a CBOR map).
    Object,
}

/// The `(code, message)` an error body gives.
pub type EnvelopeFields = (Option<String>, Option<String>);

/// `(code, message)` from the error body `reader` is at: the first of the `codes` keys given
/// (in that order of preference), the first of the `messages` keys; fields that are not
/// strings are ignored, a body that is not an object gives neither. Each key read may be
/// given once (`null` counts as absent); a key given twice is [`EnvelopeError::Duplicate`].
pub fn envelope_fields<'a, D: Decode<'a>>(
    reader: &mut Reader<D>,
    codes: &[&str],
    messages: &[&str],
) -> Result<EnvelopeFields, EnvelopeError<D::Error>> {
    let unreadable = EnvelopeError::Unreadable;
    if !reader.is_object().map_err(unreadable)? {
        reader.skip().map_err(unreadable)?;
        reader.finish().map_err(unreadable)?;
        return Ok((None, None));
    }
    // Ranked: the lower index wins.
    let mut code: (usize, Option<String>) = (usize::MAX, None);
    let mut message: (usize, Option<String>) = (usize::MAX, None);
    // One bit per key, set once the key has been given (not `null`).
    let mut seen = 0u32;
    let mut object = reader.begin_object().map_err(unreadable)?;
    while let Some(key) = reader.next_key(&mut object).map_err(unreadable)? {
        let (slot, rank, bit) = if let Some(i) = codes.iter().position(|c| *c == key) {
            (&mut code, i, i)
        } else if let Some(i) = messages.iter().position(|m| *m == key) {
            (&mut message, i, codes.len() + i)
        } else {
            reader.skip().map_err(unreadable)?;
            continue;
        };
        if reader.null().map_err(unreadable)? {
            continue;
        }
        if seen & (1 << bit) != 0 {
            return Err(EnvelopeError::Duplicate(
                reader.error(format!("`{key}` given twice in the error response")),
            ));
        }
        seen |= 1 << bit;
        if reader.is_string().map_err(unreadable)? && rank < slot.0 {
            *slot = (
                rank,
                Some(reader.string().map_err(unreadable)?.into_owned()),
            );
        } else {
            reader.skip().map_err(unreadable)?;
        }
    }
    reader.finish().map_err(unreadable)?;
    Ok((code.1, message.1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_keeps_the_first_value_and_ignores_null() {
        let mut slot = None;
        assert!(set(&mut slot, None::<u8>));
        assert!(set(&mut slot, Some(1)));
        assert!(set(&mut slot, None));
        assert!(!set(&mut slot, Some(2)));
        assert_eq!(slot, Some(1));
    }

    #[test]
    fn body_errors_name_their_format_and_byte() {
        let e = BodyError::<Cbor>::new(7, "truncated");
        assert_eq!(e.to_string(), "truncated at byte 7");
        let invalid = e.into_invalid(500).to_string();
        assert!(
            invalid.contains("malformed CBOR body: truncated at byte 7"),
            "{invalid}"
        );
    }
}
