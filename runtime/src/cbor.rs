//! The Smithy RPC v2 CBOR wire format: a writer and a pull reader over
//! [minicbor](https://docs.rs/minicbor), and the error envelope (`__type`, `message`).
//!
//! # Why minicbor
//!
//! minicbor is small (no dependencies with the features used here: `alloc`, for `Vec<u8>`
//! output and for skipping nested indefinite-length items), keeps serde off the wire path, and
//! its `Decoder` is exactly the cursor a generated pull parser wants: `datatype()` to look
//! ahead, `map()`/`array()` returning `None` for indefinite lengths, `str_iter()` for chunked
//! strings, and an iterative `skip()` for unknown members. ciborium would bring serde,
//! `ciborium-io`, `ciborium-ll` and `half` into every generated crate that speaks CBOR, and is
//! driven through serde's data model rather than a cursor.
//!
//! The reader has the same shape as [`super::json`]'s, so that generated parsers for both
//! protocols are the same code over different readers.
//!
//! # What is on the wire
//!
//! Structures are maps keyed by member name (written with indefinite length, so nothing needs
//! counting first); lists are arrays and maps are maps (definite length); timestamps are tag 1
//! around epoch seconds (written as a float64, read from any integer or float); blobs are byte
//! strings; floats keep their width (float32 for `float`, float64 for `double`; half floats
//! are read too). Definite and indefinite lengths are both read everywhere, `null` and
//! `undefined` both mean "absent", and unknown members are skipped.
//!
//! Nothing here panics on any input: nesting is bounded by [`MAX_DEPTH`] (maps and arrays
//! opened through the reader count, including the ones [`CborReader::skip`] walks), declared
//! lengths are never used to preallocate, a float that overflows the member's type, an
//! integer that does not fit it, and every type mismatch or truncation is a [`CborError`].
//! A member given twice is an error, as in [`super::json`] (which says why): a structure
//! member ([`set`]), a map key ([`CborReader::duplicate_key`]), and the error envelope's
//! `__type` and message keys; `null` and `undefined` never count.

use std::borrow::Cow;
use std::fmt;

use minicbor::data::{Tag, Type};
use minicbor::{Decoder, Encoder};

use super::error::ErrorMetadata;
use super::operation::{EnvelopeError, InvalidResponse, envelope_metadata};
use super::timestamp::DateTime;

/// How deeply maps and arrays may nest in a body before reading fails.
pub const MAX_DEPTH: usize = 128;

/// The CBOR tag of epoch-seconds timestamps.
const EPOCH_TAG: u64 = 1;

/// Why a CBOR body could not be read: what was wrong, and at which byte.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CborError {
    offset: usize,
    message: Cow<'static, str>,
}

impl CborError {
    /// An error at byte `offset` of the body.
    pub fn new(offset: usize, message: impl Into<Cow<'static, str>>) -> Self {
        Self {
            offset,
            message: message.into(),
        }
    }

    fn decode(offset: usize, e: &minicbor::decode::Error) -> Self {
        Self::new(e.position().unwrap_or(offset), e.to_string())
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
        InvalidResponse::new(status, format!("malformed CBOR body: {self}"))
    }
}

impl fmt::Display for CborError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}", self.message, self.offset)
    }
}

impl std::error::Error for CborError {}

// ---------------------------------------------------------------------------------------------
// Writer

/// Writes one CBOR data item, value by value; the same interface as
/// [`super::json::JsonWriter`]. Writing cannot fail.
#[derive(Debug)]
pub struct CborWriter {
    enc: Encoder<Vec<u8>>,
}

impl Default for CborWriter {
    fn default() -> Self {
        Self::new()
    }
}

// Writing to a `Vec<u8>` cannot fail (its error type is `Infallible`), so the results of the
// encoder calls below carry nothing and are dropped.
impl CborWriter {
    /// A writer with room for a typical request body (512 bytes).
    #[inline]
    pub fn new() -> Self {
        Self::with_capacity(512)
    }

    /// A writer with room for `capacity` bytes.
    #[inline]
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            enc: Encoder::new(Vec::with_capacity(capacity)),
        }
    }

    /// The bytes written so far.
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        self.enc.writer()
    }

    /// The CBOR bytes.
    #[inline]
    pub fn into_bytes(self) -> Vec<u8> {
        self.enc.into_writer()
    }

    /// Opens a structure: an indefinite-length map.
    #[inline]
    pub fn begin_object(&mut self) {
        let _ = self.enc.begin_map();
    }

    /// Closes the structure opened last.
    #[inline]
    pub fn end_object(&mut self) {
        let _ = self.enc.end();
    }

    /// Opens a map of `len` entries.
    #[inline]
    pub fn begin_map(&mut self, len: usize) {
        let _ = self.enc.map(len as u64);
    }

    /// Closes a map (nothing to write for a definite length).
    #[inline]
    pub fn end_map(&mut self) {}

    /// Opens an array of `len` items.
    #[inline]
    pub fn begin_array(&mut self, len: usize) {
        let _ = self.enc.array(len as u64);
    }

    /// Closes an array (nothing to write for a definite length).
    #[inline]
    pub fn end_array(&mut self) {}

    /// Writes the key of the next map or structure member.
    #[inline]
    pub fn key(&mut self, key: &str) {
        let _ = self.enc.str(key);
    }

    /// Writes a text string.
    #[inline]
    pub fn string(&mut self, value: &str) {
        let _ = self.enc.str(value);
    }

    /// Writes a byte string.
    #[inline]
    pub fn bytes(&mut self, value: &[u8]) {
        let _ = self.enc.bytes(value);
    }

    /// Writes a boolean.
    #[inline]
    pub fn bool(&mut self, value: bool) {
        let _ = self.enc.bool(value);
    }

    /// Writes `null`.
    #[inline]
    pub fn null(&mut self) {
        let _ = self.enc.null();
    }

    /// Writes an integer in its shortest encoding.
    #[inline]
    pub fn int(&mut self, value: i64) {
        let _ = self.enc.i64(value);
    }

    /// Writes an unsigned integer in its shortest encoding.
    #[inline]
    pub fn uint(&mut self, value: u64) {
        let _ = self.enc.u64(value);
    }

    /// Writes a float64.
    #[inline]
    pub fn f64(&mut self, value: f64) {
        let _ = self.enc.f64(value);
    }

    /// Writes a float32.
    #[inline]
    pub fn f32(&mut self, value: f32) {
        let _ = self.enc.f32(value);
    }

    /// Writes arbitrary-precision number text as a text string.
    #[inline]
    pub fn big_number(&mut self, text: &str) {
        let _ = self.enc.str(text);
    }

    /// Writes a timestamp: tag 1 around epoch seconds as a float64.
    #[inline]
    pub fn timestamp(&mut self, value: DateTime) {
        let _ = self.enc.tag(Tag::new(EPOCH_TAG));
        let _ = self.enc.f64(value.as_secs_f64());
    }
}

// ---------------------------------------------------------------------------------------------
// Reader

/// The state of one map (or structure) being read; see [`CborReader::next_key`].
#[derive(Debug)]
pub struct Object {
    remaining: Option<u64>,
}

/// The state of one array being read; see [`CborReader::next_item`].
#[derive(Debug)]
pub struct Array {
    remaining: Option<u64>,
}

/// Reads one CBOR data item value by value; the same interface as
/// [`super::json::JsonReader`].
#[derive(Debug)]
pub struct CborReader<'a> {
    d: Decoder<'a>,
    depth: usize,
}

impl<'a> CborReader<'a> {
    /// A reader over `body`.
    pub fn new(body: &'a [u8]) -> Self {
        Self {
            d: Decoder::new(body),
            depth: 0,
        }
    }

    /// An error at the current position.
    pub fn error(&self, message: impl Into<Cow<'static, str>>) -> CborError {
        CborError::new(self.d.position(), message)
    }

    fn decode_error(&self, e: minicbor::decode::Error) -> CborError {
        CborError::decode(self.d.position(), &e)
    }

    /// Whether the whole body has been read.
    pub fn at_end(&self) -> bool {
        self.d.position() >= self.d.input().len()
    }

    /// Checks that nothing follows the item read.
    pub fn finish(&mut self) -> Result<(), CborError> {
        if self.at_end() {
            Ok(())
        } else {
            Err(self.error("unexpected data after the CBOR item"))
        }
    }

    /// The type of the next item.
    pub fn peek(&self) -> Result<Type, CborError> {
        self.d.datatype().map_err(|e| self.decode_error(e))
    }

    /// If the next item is `null` or `undefined`, reads it and returns `true`.
    pub fn null(&mut self) -> Result<bool, CborError> {
        match self.peek()? {
            Type::Null | Type::Undefined => {
                self.d.set_position(self.d.position() + 1);
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    /// Reads `f`'s value, or `None` for `null`/`undefined`.
    pub fn opt<T>(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<T, CborError>,
    ) -> Result<Option<T>, CborError> {
        if self.null()? {
            Ok(None)
        } else {
            f(self).map(Some)
        }
    }

    fn enter(&mut self) -> Result<(), CborError> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error("CBOR nested too deeply"));
        }
        self.depth += 1;
        Ok(())
    }

    /// Reads the head of a map (definite or indefinite length).
    pub fn begin_object(&mut self) -> Result<Object, CborError> {
        self.enter()?;
        let remaining = self.d.map().map_err(|e| self.decode_error(e))?;
        Ok(Object { remaining })
    }

    /// Reads the next key of `object`, or its end (then `None`). The caller must read or
    /// [`skip`](Self::skip) the value before asking again.
    pub fn next_key(&mut self, object: &mut Object) -> Result<Option<Cow<'a, str>>, CborError> {
        if !self.next(&mut object.remaining)? {
            return Ok(None);
        }
        self.string().map(Some)
    }

    /// Reads the head of an array (definite or indefinite length).
    pub fn begin_array(&mut self) -> Result<Array, CborError> {
        self.enter()?;
        let remaining = self.d.array().map_err(|e| self.decode_error(e))?;
        Ok(Array { remaining })
    }

    /// Moves to the next item of `array` (`true`), or past its end (`false`).
    pub fn next_item(&mut self, array: &mut Array) -> Result<bool, CborError> {
        self.next(&mut array.remaining)
    }

    fn next(&mut self, remaining: &mut Option<u64>) -> Result<bool, CborError> {
        let more = match remaining {
            Some(0) => false,
            Some(n) => {
                *n -= 1;
                true
            }
            None => {
                if self.peek()? == Type::Break {
                    self.d.set_position(self.d.position() + 1);
                    false
                } else {
                    true
                }
            }
        };
        if !more {
            self.depth = self.depth.saturating_sub(1);
        }
        Ok(more)
    }

    /// Reads a text string, definite or chunked. Borrowed unless chunked.
    pub fn string(&mut self) -> Result<Cow<'a, str>, CborError> {
        match self.peek()? {
            Type::String => self
                .d
                .str()
                .map(Cow::Borrowed)
                .map_err(|e| self.decode_error(e)),
            Type::StringIndef => {
                let at = self.d.position();
                let mut out = String::new();
                let chunks = self.d.str_iter().map_err(|e| CborError::decode(at, &e))?;
                for chunk in chunks {
                    out.push_str(chunk.map_err(|e| CborError::decode(at, &e))?);
                }
                Ok(Cow::Owned(out))
            }
            other => Err(self.error(format!("expected a text string, found {other}"))),
        }
    }

    /// Reads a text string member value, or `None` for `null`.
    pub fn opt_string(&mut self) -> Result<Option<String>, CborError> {
        self.opt(|r| r.string().map(Cow::into_owned))
    }

    /// Reads a byte string, definite or chunked.
    pub fn bytes(&mut self) -> Result<Vec<u8>, CborError> {
        match self.peek()? {
            Type::Bytes => self
                .d
                .bytes()
                .map(<[u8]>::to_vec)
                .map_err(|e| self.decode_error(e)),
            Type::BytesIndef => {
                let at = self.d.position();
                let mut out = Vec::new();
                let chunks = self.d.bytes_iter().map_err(|e| CborError::decode(at, &e))?;
                for chunk in chunks {
                    out.extend_from_slice(chunk.map_err(|e| CborError::decode(at, &e))?);
                }
                Ok(out)
            }
            other => Err(self.error(format!("expected a byte string, found {other}"))),
        }
    }

    /// Reads a byte string member value, or `None` for `null`.
    pub fn opt_bytes(&mut self) -> Result<Option<Vec<u8>>, CborError> {
        self.opt(Self::bytes)
    }

    /// Reads a boolean.
    pub fn bool(&mut self) -> Result<bool, CborError> {
        self.d.bool().map_err(|e| self.decode_error(e))
    }

    /// Reads a boolean member value, or `None` for `null`.
    pub fn opt_bool(&mut self) -> Result<Option<bool>, CborError> {
        self.opt(Self::bool)
    }

    /// Reads an integer (any width on the wire) that must fit `T`.
    pub fn int<T: TryFrom<i64>>(&mut self) -> Result<T, CborError> {
        let at = self.d.position();
        let value = self.d.i64().map_err(|e| self.decode_error(e))?;
        T::try_from(value).map_err(|_| CborError::new(at, "integer out of range"))
    }

    /// Reads an integer member value, or `None` for `null`.
    pub fn opt_int<T: TryFrom<i64>>(&mut self) -> Result<Option<T>, CborError> {
        self.opt(Self::int)
    }

    /// Reads a double from a half, single or double float, or from an integer.
    pub fn f64(&mut self) -> Result<f64, CborError> {
        let at = self.d.position();
        match self.peek()? {
            Type::F16 => {
                let input = self.d.input();
                let bits = input
                    .get(at + 1..at + 3)
                    .and_then(|b| <[u8; 2]>::try_from(b).ok())
                    .ok_or_else(|| CborError::new(at, "truncated half float"))?;
                self.d.set_position(at + 3);
                Ok(f16_to_f64(u16::from_be_bytes(bits)))
            }
            Type::F32 | Type::F64 => self.d.f64().map_err(|e| self.decode_error(e)),
            Type::U8
            | Type::U16
            | Type::U32
            | Type::U64
            | Type::I8
            | Type::I16
            | Type::I32
            | Type::I64
            | Type::Int => {
                let int = self.d.int().map_err(|e| self.decode_error(e))?;
                Ok(i128::from(int) as f64)
            }
            other => Err(CborError::new(
                at,
                format!("expected a number, found {other}"),
            )),
        }
    }

    /// Reads a double member value, or `None` for `null`.
    pub fn opt_f64(&mut self) -> Result<Option<f64>, CborError> {
        self.opt(Self::f64)
    }

    /// Reads a float (a wider value is rounded to `f32`).
    pub fn f32(&mut self) -> Result<f32, CborError> {
        if self.peek()? == Type::F32 {
            return self.d.f32().map_err(|e| self.decode_error(e));
        }
        // Half floats convert exactly; wider values round once. A finite value beyond the
        // `f32` range is an error, not an infinity.
        let at = self.d.position();
        let value = self.f64()?;
        let narrowed = value as f32;
        if narrowed.is_infinite() && value.is_finite() {
            return Err(CborError::new(at, "number out of range for a float"));
        }
        Ok(narrowed)
    }

    /// Reads a float member value, or `None` for `null`.
    pub fn opt_f32(&mut self) -> Result<Option<f32>, CborError> {
        self.opt(Self::f32)
    }

    /// Reads arbitrary-precision number text: an integer, a float or a text string.
    pub fn opt_big_number(&mut self) -> Result<Option<String>, CborError> {
        if self.null()? {
            return Ok(None);
        }
        match self.peek()? {
            Type::String | Type::StringIndef => self.string().map(|s| Some(s.into_owned())),
            Type::F16 | Type::F32 | Type::F64 => self.f64().map(|v| Some(v.to_string())),
            _ => {
                let int = self.d.int().map_err(|e| self.decode_error(e))?;
                Ok(Some(i128::from(int).to_string()))
            }
        }
    }

    /// Reads a timestamp: tag 1 (optional) around epoch seconds as an integer or a float.
    pub fn timestamp(&mut self) -> Result<DateTime, CborError> {
        let at = self.d.position();
        if self.peek()? == Type::Tag {
            let tag = self.d.tag().map_err(|e| self.decode_error(e))?;
            if tag.as_u64() != EPOCH_TAG {
                return Err(CborError::new(
                    at,
                    "expected an epoch-seconds timestamp (tag 1)",
                ));
            }
        }
        match self.peek()? {
            Type::F16 | Type::F32 | Type::F64 => {
                let secs = self.f64()?;
                DateTime::from_secs_f64(secs)
                    .ok_or_else(|| CborError::new(at, "timestamp out of range"))
            }
            _ => self.int::<i64>().map(DateTime::from_secs),
        }
    }

    /// Reads a timestamp member value, or `None` for `null`.
    pub fn opt_timestamp(&mut self) -> Result<Option<DateTime>, CborError> {
        self.opt(Self::timestamp)
    }

    /// Skips the next item, whatever it is. Maps and arrays are walked through the reader, so
    /// their nesting counts toward [`MAX_DEPTH`] as in the JSON reader (the recursion is
    /// bounded by it); tags, strings and scalars are skipped by minicbor. A stray break is an
    /// error.
    pub fn skip(&mut self) -> Result<(), CborError> {
        loop {
            match self.peek()? {
                Type::Tag => {
                    self.d.tag().map_err(|e| self.decode_error(e))?;
                }
                Type::Map | Type::MapIndef => {
                    let mut object = self.begin_object()?;
                    while self.next(&mut object.remaining)? {
                        self.skip()?;
                        self.skip()?;
                    }
                    return Ok(());
                }
                Type::Array | Type::ArrayIndef => {
                    let mut array = self.begin_array()?;
                    while self.next_item(&mut array)? {
                        self.skip()?;
                    }
                    return Ok(());
                }
                Type::Break => return Err(self.error("unexpected break")),
                _ => return self.d.skip().map_err(|e| self.decode_error(e)),
            }
        }
    }
}

/// An IEEE 754 half-precision float, exactly, as an `f64`.
fn f16_to_f64(bits: u16) -> f64 {
    let sign = if bits & 0x8000 == 0 { 1.0 } else { -1.0 };
    let exponent = i32::from((bits >> 10) & 0x1f);
    let fraction = f64::from(bits & 0x3ff);
    match exponent {
        0 => sign * fraction * 2f64.powi(-24),
        31 if fraction == 0.0 => sign * f64::INFINITY,
        31 => f64::NAN,
        e => sign * (1.0 + fraction / 1024.0) * 2f64.powi(e - 15),
    }
}

// ---------------------------------------------------------------------------------------------
// Members given twice

/// Stores `value`, a member just read (`None` for `null`/`undefined`), in `slot`, the member's field
/// of the structure being read, unless the member already has a value: then returns `false`,
/// and the caller fails with [`CborReader::duplicate_member`] (see the [module docs](self)).
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

impl CborReader<'_> {
    /// The error of a `member` given twice in a `structure` (see the [module docs](self)).
    #[cold]
    #[inline(never)]
    pub fn duplicate_member(&self, member: &str, structure: &'static str) -> CborError {
        self.error(super::operation::duplicate_member_message(
            member, structure,
        ))
    }

    /// The error of a map key given twice in a `map` (see the [module docs](self)).
    #[cold]
    #[inline(never)]
    pub fn duplicate_key(&self, key: &str, map: &'static str) -> CborError {
        self.error(super::operation::duplicate_key_message(key, map))
    }
}

// ---------------------------------------------------------------------------------------------
// Whole bodies, errors, headers

/// Parses a whole response body with `parse` (a generated structure parser): an empty body
/// reads as an empty map, and anything after the item is an error.
pub fn parse_body<'a, T>(
    status: u16,
    body: &'a [u8],
    parse: impl FnOnce(&mut CborReader<'a>) -> Result<T, CborError>,
) -> Result<T, InvalidResponse> {
    let body: &'a [u8] = if body.is_empty() { &[0xa0] } else { body };
    let mut reader = CborReader::new(body);
    let run = |reader: &mut CborReader<'a>| {
        let value = parse(reader)?;
        reader.finish()?;
        Ok(value)
    };
    run(&mut reader).map_err(|e: CborError| e.into_invalid(status))
}

pub use super::operation::{request_id, sanitize_error_code};

/// Reads the error envelope of an error response (HTTP `status`): the code from the body's
/// `__type` (else the `X-Amzn-ErrorType` header), the message from `message` or `Message`, the
/// request id from `x-amzn-RequestId`. A body that is not CBOR is an error unless the header
/// gives the code; a response without any code gets an empty one.
pub fn error_metadata(
    status: u16,
    headers: &http::HeaderMap,
    body: &[u8],
) -> Result<ErrorMetadata, InvalidResponse> {
    envelope_metadata(status, headers, error_fields(body), CborError::into_invalid)
}

impl From<CborError> for EnvelopeError<CborError> {
    fn from(e: CborError) -> Self {
        Self::Unreadable(e)
    }
}

/// `(code, message)` from an error body; fields that are not text strings are ignored. Each
/// of the keys read may be given once (`null` and `undefined` count as absent).
fn error_fields(body: &[u8]) -> Result<(Option<String>, Option<String>), EnvelopeError<CborError>> {
    if body.is_empty() {
        return Ok((None, None));
    }
    let mut reader = CborReader::new(body);
    if !matches!(reader.peek()?, Type::Map | Type::MapIndef) {
        reader.skip()?;
        reader.finish()?;
        return Ok((None, None));
    }
    let mut code = None;
    // Ranked, `message` before `Message`.
    let mut message: (u8, Option<String>) = (u8::MAX, None);
    // One bit per key, set once the key has been given (not `null`).
    let mut seen = 0u8;
    let mut object = reader.begin_object()?;
    while let Some(key) = reader.next_key(&mut object)? {
        let bit = match key.as_ref() {
            "__type" => 1,
            "message" => 2,
            "Message" => 4,
            _ => {
                reader.skip()?;
                continue;
            }
        };
        if reader.null()? {
            continue;
        }
        if seen & bit != 0 {
            return Err(EnvelopeError::Duplicate(
                reader.error(format!("`{key}` given twice in the error response")),
            ));
        }
        seen |= bit;
        let text = matches!(reader.peek()?, Type::String | Type::StringIndef);
        match key.as_ref() {
            "__type" if text => code = Some(reader.string()?.into_owned()),
            "message" if text => {
                message = (0, Some(reader.string()?.into_owned()));
            }
            "Message" if text && message.0 >= 1 => {
                message = (1, Some(reader.string()?.into_owned()));
            }
            _ => reader.skip()?,
        }
    }
    reader.finish()?;
    Ok((code, message.1))
}
