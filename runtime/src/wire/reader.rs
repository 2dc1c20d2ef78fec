//! The pull reader of one body, JSON or CBOR: [`Reader`] has the methods generated parsers and
//! the shared code (error envelope, documents) call, written once over [`Decode`], which each
//! format implements with its own code (`json::JsonDecoder`, `cbor::CborDecoder`). What only
//! one format has (typed scalars, `opt_*`, duplicate errors, …) is the decoder's own, reached
//! through `Deref`.

use std::borrow::Cow;
use std::ops::{Deref, DerefMut};

use super::Kind;

/// How one body format reads each kind of value: the code of [`Reader`]'s methods.
pub trait Decode<'a> {
    /// Why reading failed (carries the byte offset).
    type Error;
    /// The state of one object being read.
    type Object;
    /// The state of one array being read.
    type Array;

    /// An error at the current position.
    fn error(&self, message: impl Into<Cow<'static, str>>) -> Self::Error;
    /// The kind of the next value; an error for what a document cannot hold (a CBOR tag or
    /// byte string).
    fn kind(&mut self) -> Result<Kind, Self::Error>;
    /// Whether the next value is an object.
    fn is_object(&mut self) -> Result<bool, Self::Error>;
    /// Whether the next value is a string.
    fn is_string(&mut self) -> Result<bool, Self::Error>;
    /// If the next value is `null`, reads it and returns `true`.
    fn null(&mut self) -> Result<bool, Self::Error>;
    /// Reads a boolean.
    fn bool(&mut self) -> Result<bool, Self::Error>;
    /// Reads a string.
    fn string(&mut self) -> Result<Cow<'a, str>, Self::Error>;
    /// Starts reading an object.
    fn begin_object(&mut self) -> Result<Self::Object, Self::Error>;
    /// The next key of `object`, or `None` at its end.
    fn next_key(&mut self, object: &mut Self::Object) -> Result<Option<Cow<'a, str>>, Self::Error>;
    /// Starts reading an array.
    fn begin_array(&mut self) -> Result<Self::Array, Self::Error>;
    /// Whether `array` has another item.
    fn next_item(&mut self, array: &mut Self::Array) -> Result<bool, Self::Error>;
    /// Skips the next value.
    fn skip(&mut self) -> Result<(), Self::Error>;
    /// Checks that nothing follows the value read.
    fn finish(&mut self) -> Result<(), Self::Error>;
}

/// Reads one body in the format of `D`, value by value (`json::JsonReader` is
/// `Reader<JsonDecoder>`).
///
/// Generated parsers use it like this (every `?` error carries the byte offset):
///
/// ```text
/// let mut object = r.begin_object()?;
/// while let Some(key) = r.next_key(&mut object)? {
///     match key.as_ref() {
///         "Name" => name = r.opt_string()?,
///         _ => r.skip()?,
///     }
/// }
/// ```
#[derive(Debug)]
pub struct Reader<D>(pub(crate) D);

impl<'a, D: Decode<'a>> Reader<D> {
    /// An error at the current position.
    #[inline]
    pub fn error(&self, message: impl Into<Cow<'static, str>>) -> D::Error {
        self.0.error(message)
    }

    /// The kind of the next value, without reading it.
    #[inline]
    pub fn kind(&mut self) -> Result<Kind, D::Error> {
        self.0.kind()
    }

    /// Whether the next value is an object.
    #[inline]
    pub fn is_object(&mut self) -> Result<bool, D::Error> {
        self.0.is_object()
    }

    /// Whether the next value is a string.
    #[inline]
    pub fn is_string(&mut self) -> Result<bool, D::Error> {
        self.0.is_string()
    }

    /// If the next value is `null` (in CBOR also `undefined`), reads it and returns `true`.
    #[inline]
    pub fn null(&mut self) -> Result<bool, D::Error> {
        self.0.null()
    }

    /// Reads a boolean.
    #[inline]
    pub fn bool(&mut self) -> Result<bool, D::Error> {
        self.0.bool()
    }

    /// Reads a string, borrowed from the body when it can be.
    #[inline]
    pub fn string(&mut self) -> Result<Cow<'a, str>, D::Error> {
        self.0.string()
    }

    /// Reads `f`'s value, or `None` for `null` (in CBOR also `undefined`). Not `#[inline]`: it
    /// wraps a whole structure's parser, and inlining those into each other costs more than
    /// the call (measured with `bench/callgrind.sh json-response`).
    pub fn opt<T>(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<T, D::Error>,
    ) -> Result<Option<T>, D::Error> {
        if self.null()? {
            Ok(None)
        } else {
            f(self).map(Some)
        }
    }

    /// Starts reading an object; then call [`next_key`](Self::next_key) until it gives `None`.
    #[inline]
    pub fn begin_object(&mut self) -> Result<D::Object, D::Error> {
        self.0.begin_object()
    }

    /// The next key of `object`, or `None` at its end; the caller then reads or skips the
    /// member's value.
    #[inline]
    pub fn next_key(&mut self, object: &mut D::Object) -> Result<Option<Cow<'a, str>>, D::Error> {
        self.0.next_key(object)
    }

    /// Starts reading an array; then call [`next_item`](Self::next_item) before each item.
    #[inline]
    pub fn begin_array(&mut self) -> Result<D::Array, D::Error> {
        self.0.begin_array()
    }

    /// Whether `array` has another item (which the caller then reads or skips).
    #[inline]
    pub fn next_item(&mut self, array: &mut D::Array) -> Result<bool, D::Error> {
        self.0.next_item(array)
    }

    /// Skips the next value, however deeply nested (within the format's depth bound).
    #[inline]
    pub fn skip(&mut self) -> Result<(), D::Error> {
        self.0.skip()
    }

    /// Checks that nothing but whitespace (JSON) or nothing at all (CBOR) follows the value
    /// read.
    #[inline]
    pub fn finish(&mut self) -> Result<(), D::Error> {
        self.0.finish()
    }
}

impl<D> Deref for Reader<D> {
    type Target = D;

    #[inline]
    fn deref(&self) -> &D {
        &self.0
    }
}

impl<D> DerefMut for Reader<D> {
    #[inline]
    fn deref_mut(&mut self) -> &mut D {
        &mut self.0
    }
}
