//! The awsJson wire format: a streaming JSON writer, a pull reader, and the error envelope
//! (`__type` / `code` / `X-Amzn-ErrorType`, `message`).
//!
//! # Why hand-written, and not serde_json
//!
//! Generated code needs two things from a JSON library: write a body member by member, and read
//! a body member by member into typed structs, skipping what it does not know. Both are small
//! (this file), and doing them here instead of through serde_json keeps the generated crate
//! free of serde on the wire path:
//!
//! * **Compile time** (a product feature): with this module the `serde` feature stays optional,
//!   and without it a JSON service crate depends on `http` alone. Measured cold (`cargo build
//!   --release`, empty target directory, 2 cores): `awsgen-generated` with only `memorydb`
//!   builds in 7.7 s (`http`, `bytes`, `itoa`, the crate); the same with the `serde` feature,
//!   which is what a serde-based wire format would make mandatory, takes 27.9 s (serde derive
//!   and its proc-macro stack), before serde_json's own 2.5–2.8 s (`shared/perf/limits.md`).
//!   Per-shape `Deserialize`/`Visitor` impls would also be much more code for rustc than the
//!   straight-line functions generated against this reader.
//! * **Run time**: the reader validates UTF-8 once for the whole body and then hands out
//!   `&str` slices (no per-string check), scans strings eight bytes at a time, borrows
//!   strings without escapes, and reads epoch seconds exactly from the number's text
//!   ([`DateTime::parse_epoch_seconds`]) instead of through `f64`. Measured with callgrind
//!   (release build, instructions per call, same generated types): parsing a 1,024-byte MemoryDB
//!   `CopySnapshot` response (every `Snapshot` and `ClusterConfiguration` member, two shards)
//!   through `parse_response` costs 26.5k instructions, against 35.8k for
//!   `serde_json::from_slice` into the same types with their serde derives (and 31.1k for the
//!   hand-tuned serde derive of `shared/perf/limits.md`); the whole `build_request` (body,
//!   `http::Request`, three headers) costs 6.4k.
//!
//! # Safety on hostile input
//!
//! Nothing here panics on any input. Nesting is bounded by [`MAX_DEPTH`] (containers opened
//! through the reader count, including the ones [`JsonReader::skip`] walks); numbers that do
//! not fit the member's type, malformed UTF-8, bad escapes, lone surrogates, control characters
//! in strings, trailing garbage and truncation are errors ([`JsonError`]).
//!
//! A member given twice is an error too: a structure member ([`set`]), a map key (generated
//! parsers call [`JsonReader::duplicate_key`]), and the error envelope's `__type`, `code` and
//! message keys. A response with two values for one member is malformed, and a parser that
//! silently picks one invites differential-parsing bugs (a proxy that reads the first value,
//! we the last). botocore's JSON parsing (Python's `json`) keeps the last value; we
//! deliberately differ. `null` means "absent" everywhere, so a `null` occurrence never
//! counts: `{"A": null, "A": 1}` and `{"A": 1, "A": null}` both read `A` as 1.

use std::borrow::Cow;
use std::fmt;

use super::error::ErrorMetadata;
use super::operation::{EnvelopeError, InvalidResponse, envelope_metadata};
use super::timestamp::DateTime;

/// How deeply objects and arrays may nest in a body before reading fails.
pub const MAX_DEPTH: usize = 128;

/// Why a JSON body could not be read: what was wrong, and at which byte.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    offset: usize,
    message: Cow<'static, str>,
}

impl JsonError {
    /// An error at byte `offset` of the body.
    pub fn new(offset: usize, message: impl Into<Cow<'static, str>>) -> Self {
        Self {
            offset,
            message: message.into(),
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
        InvalidResponse::new(status, format!("malformed JSON body: {self}"))
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}", self.message, self.offset)
    }
}

impl std::error::Error for JsonError {}

// ---------------------------------------------------------------------------------------------
// Writer

/// Writes one JSON text, value by value. Commas are placed automatically: call
/// [`key`](Self::key) before each member value of an object, nothing between array items.
///
/// Writing cannot fail; the caller is trusted to nest `begin_*`/`end_*` correctly (generated
/// code does).
#[derive(Debug)]
pub struct JsonWriter {
    out: String,
    comma: bool,
}

impl Default for JsonWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl JsonWriter {
    /// A writer with room for a typical request body (512 bytes), so small bodies never
    /// reallocate.
    #[inline]
    pub fn new() -> Self {
        Self::with_capacity(512)
    }

    /// A writer with room for `capacity` bytes.
    #[inline]
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            out: String::with_capacity(capacity),
            comma: false,
        }
    }

    /// The JSON text written so far.
    #[inline]
    pub fn as_str(&self) -> &str {
        &self.out
    }

    /// The JSON text as bytes.
    #[inline]
    pub fn into_bytes(self) -> Vec<u8> {
        self.out.into_bytes()
    }

    fn value_start(&mut self) {
        if self.comma {
            self.out.push(',');
        }
        self.comma = true;
    }

    /// Opens an object (a structure or union).
    #[inline]
    pub fn begin_object(&mut self) {
        self.value_start();
        self.out.push('{');
        self.comma = false;
    }

    /// Closes the object opened last.
    #[inline]
    pub fn end_object(&mut self) {
        self.out.push('}');
        self.comma = true;
    }

    /// Opens a map of `_len` entries (JSON does not need the length; the CBOR writer does).
    #[inline]
    pub fn begin_map(&mut self, _len: usize) {
        self.begin_object();
    }

    /// Closes the map opened last.
    #[inline]
    pub fn end_map(&mut self) {
        self.end_object();
    }

    /// Opens an array of `_len` items.
    #[inline]
    pub fn begin_array(&mut self, _len: usize) {
        self.value_start();
        self.out.push('[');
        self.comma = false;
    }

    /// Closes the array opened last.
    #[inline]
    pub fn end_array(&mut self) {
        self.out.push(']');
        self.comma = true;
    }

    /// Writes the key of the next object member.
    #[inline]
    pub fn key(&mut self, key: &str) {
        if self.comma {
            self.out.push(',');
        }
        push_string(&mut self.out, key);
        self.out.push(':');
        self.comma = false;
    }

    /// Writes a string.
    #[inline]
    pub fn string(&mut self, value: &str) {
        self.value_start();
        push_string(&mut self.out, value);
    }

    /// Writes a boolean.
    #[inline]
    pub fn bool(&mut self, value: bool) {
        self.value_start();
        self.out.push_str(if value { "true" } else { "false" });
    }

    /// Writes `null` (only documents contain nulls; members that are not set are left out).
    #[inline]
    pub fn null(&mut self) {
        self.value_start();
        self.out.push_str("null");
    }

    /// Writes an integer.
    #[inline]
    pub fn int(&mut self, value: i64) {
        self.value_start();
        push_int(&mut self.out, value);
    }

    /// Writes an unsigned integer (documents only).
    #[inline]
    pub fn uint(&mut self, value: u64) {
        self.value_start();
        push_uint(&mut self.out, value);
    }

    /// Writes a double: the shortest decimal that reads back as the same `f64`, or the
    /// strings `"NaN"`, `"Infinity"`, `"-Infinity"`, as the awsJson protocols send them.
    #[inline]
    pub fn f64(&mut self, value: f64) {
        self.value_start();
        if !push_special_float(&mut self.out, value) {
            use fmt::Write as _;
            let _ = write!(self.out, "{value}");
        }
    }

    /// Writes a float, printed as the shortest decimal that reads back as the same `f32` (so
    /// `1.1f32` is `1.1`, not `1.100000023841858`).
    #[inline]
    pub fn f32(&mut self, value: f32) {
        self.value_start();
        if !push_special_float(&mut self.out, f64::from(value)) {
            use fmt::Write as _;
            let _ = write!(self.out, "{value}");
        }
    }

    /// Writes arbitrary-precision number text (`bigInteger`/`bigDecimal`) as a JSON number
    /// when it is one, and as a string otherwise, so the body always stays valid JSON.
    #[inline]
    pub fn big_number(&mut self, text: &str) {
        self.value_start();
        if number_len(text.as_bytes()) == Some(text.len()) {
            self.out.push_str(text);
        } else {
            push_string(&mut self.out, text);
        }
    }

    /// Writes a timestamp as epoch seconds (a number, with up to three fractional digits), the
    /// awsJson default.
    #[inline]
    pub fn epoch_seconds(&mut self, value: DateTime) {
        self.value_start();
        value.fmt_epoch_seconds(&mut self.out);
    }

    /// Writes a timestamp as an RFC 3339 string (`timestampFormat: iso8601`).
    #[inline]
    pub fn date_time(&mut self, value: DateTime) {
        self.value_start();
        self.out.push('"');
        value.fmt_date_time(&mut self.out);
        self.out.push('"');
    }

    /// Writes a timestamp as an HTTP date string (`timestampFormat: rfc822`).
    #[inline]
    pub fn http_date(&mut self, value: DateTime) {
        self.value_start();
        self.out.push('"');
        value.fmt_http_date(&mut self.out);
        self.out.push('"');
    }
}

fn push_special_float(out: &mut String, value: f64) -> bool {
    let text = if value.is_nan() {
        "\"NaN\""
    } else if value == f64::INFINITY {
        "\"Infinity\""
    } else if value == f64::NEG_INFINITY {
        "\"-Infinity\""
    } else {
        return false;
    };
    out.push_str(text);
    true
}

fn push_uint(out: &mut String, mut value: u64) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        // A single decimal digit: the cast cannot truncate.
        digits[start] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    for &d in &digits[start..] {
        out.push(char::from(d));
    }
}

fn push_int(out: &mut String, value: i64) {
    if value < 0 {
        out.push('-');
    }
    push_uint(out, value.unsigned_abs());
}

/// Appends `value` as a JSON string literal.
fn push_string(out: &mut String, value: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let bytes = value.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0x00..=0x1f => "",
            _ => continue,
        };
        // `start` and `i` sit on ASCII bytes or the ends, so both are char boundaries.
        out.push_str(value.get(start..i).unwrap_or_default());
        if escape.is_empty() {
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(value.get(start..).unwrap_or_default());
    out.push('"');
}

// ---------------------------------------------------------------------------------------------
// Reader

/// The state of one object being read; see [`JsonReader::next_key`].
#[derive(Debug)]
pub struct Object {
    first: bool,
}

/// The state of one array being read; see [`JsonReader::next_item`].
#[derive(Debug)]
pub struct Array {
    first: bool,
}

/// What kind of value comes next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool,
    /// A number.
    Number,
    /// A string.
    String,
    /// An array.
    Array,
    /// An object.
    Object,
}

/// Reads one JSON text value by value.
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
pub struct JsonReader<'a> {
    text: &'a str,
    pos: usize,
    depth: usize,
}

impl<'a> JsonReader<'a> {
    /// A reader over `body`, which must be UTF-8 (checked once, here). A leading byte-order
    /// mark is skipped.
    pub fn new(body: &'a [u8]) -> Result<Self, JsonError> {
        let text = std::str::from_utf8(body)
            .map_err(|e| JsonError::new(e.valid_up_to(), "body is not valid UTF-8"))?;
        let pos = if text.starts_with('\u{feff}') { 3 } else { 0 };
        Ok(Self {
            text,
            pos,
            depth: 0,
        })
    }

    /// An error at the current position.
    pub fn error(&self, message: impl Into<Cow<'static, str>>) -> JsonError {
        JsonError::new(self.pos, message)
    }

    /// The current byte offset in the body.
    pub fn offset(&self) -> usize {
        self.pos
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.bytes().get(self.pos) {
            self.pos += 1;
        }
    }

    fn peek_byte(&mut self) -> Option<u8> {
        self.skip_ws();
        self.bytes().get(self.pos).copied()
    }

    /// Whether only whitespace is left (an empty body).
    pub fn at_end(&mut self) -> bool {
        self.peek_byte().is_none()
    }

    /// Checks that only whitespace follows the value read.
    pub fn finish(&mut self) -> Result<(), JsonError> {
        match self.peek_byte() {
            None => Ok(()),
            Some(_) => Err(self.error("unexpected data after the JSON value")),
        }
    }

    /// The kind of the next value.
    pub fn peek(&mut self) -> Result<Kind, JsonError> {
        match self.peek_byte() {
            Some(b'n') => Ok(Kind::Null),
            Some(b't' | b'f') => Ok(Kind::Bool),
            Some(b'-' | b'0'..=b'9') => Ok(Kind::Number),
            Some(b'"') => Ok(Kind::String),
            Some(b'[') => Ok(Kind::Array),
            Some(b'{') => Ok(Kind::Object),
            Some(_) => Err(self.error("expected a JSON value")),
            None => Err(self.error("unexpected end of the body")),
        }
    }

    fn literal(&mut self, word: &'static str) -> Result<(), JsonError> {
        if self.bytes().get(self.pos..self.pos + word.len()) == Some(word.as_bytes()) {
            self.pos += word.len();
            Ok(())
        } else {
            Err(self.error("invalid literal"))
        }
    }

    /// If the next value is `null`, reads it and returns `true`.
    pub fn null(&mut self) -> Result<bool, JsonError> {
        if self.peek_byte() == Some(b'n') {
            self.literal("null")?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    /// Reads `f`'s value, or `None` for `null`.
    pub fn opt<T>(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<T, JsonError>,
    ) -> Result<Option<T>, JsonError> {
        if self.null()? {
            Ok(None)
        } else {
            f(self).map(Some)
        }
    }

    fn open(&mut self, byte: u8, what: &'static str) -> Result<(), JsonError> {
        if self.peek_byte() != Some(byte) {
            return Err(self.error(what));
        }
        if self.depth >= MAX_DEPTH {
            return Err(self.error("JSON nested too deeply"));
        }
        self.depth += 1;
        self.pos += 1;
        Ok(())
    }

    /// Reads the `{` of an object.
    pub fn begin_object(&mut self) -> Result<Object, JsonError> {
        self.open(b'{', "expected an object")?;
        Ok(Object { first: true })
    }

    /// Reads the next member key of `object` (and its `:`), or the closing `}` (then `None`).
    /// The caller must read or [`skip`](Self::skip) the member's value before asking again.
    pub fn next_key(&mut self, object: &mut Object) -> Result<Option<Cow<'a, str>>, JsonError> {
        match self.peek_byte() {
            Some(b'}') => {
                self.pos += 1;
                self.depth = self.depth.saturating_sub(1);
                return Ok(None);
            }
            Some(b',') if !object.first => self.pos += 1,
            _ if object.first => {}
            _ => return Err(self.error("expected `,` or `}`")),
        }
        object.first = false;
        if self.peek_byte() != Some(b'"') {
            return Err(self.error("expected a member name"));
        }
        let key = self.string()?;
        if self.peek_byte() != Some(b':') {
            return Err(self.error("expected `:`"));
        }
        self.pos += 1;
        Ok(Some(key))
    }

    /// Reads the `[` of an array.
    pub fn begin_array(&mut self) -> Result<Array, JsonError> {
        self.open(b'[', "expected an array")?;
        Ok(Array { first: true })
    }

    /// Moves to the next item of `array` (`true`), or reads the closing `]` (`false`). The
    /// caller must read or skip the item before asking again.
    pub fn next_item(&mut self, array: &mut Array) -> Result<bool, JsonError> {
        match self.peek_byte() {
            Some(b']') => {
                self.pos += 1;
                self.depth = self.depth.saturating_sub(1);
                return Ok(false);
            }
            Some(b',') if !array.first => self.pos += 1,
            _ if array.first => {}
            _ => return Err(self.error("expected `,` or `]`")),
        }
        array.first = false;
        Ok(true)
    }

    /// Reads a string. Borrowed from the body unless it has escapes.
    pub fn string(&mut self) -> Result<Cow<'a, str>, JsonError> {
        if self.peek_byte() != Some(b'"') {
            return Err(self.error("expected a string"));
        }
        let bytes = self.bytes();
        let start = self.pos + 1;
        let mut i = plain_run_end(bytes, start);
        loop {
            match bytes.get(i) {
                Some(b'"') => {
                    self.pos = i + 1;
                    // Both ends are ASCII quote positions, so char boundaries.
                    let s = self.text.get(start..i).unwrap_or_default();
                    return Ok(Cow::Borrowed(s));
                }
                Some(b'\\') => break,
                Some(0x00..=0x1f) => {
                    return Err(JsonError::new(i, "control character in a string"));
                }
                Some(_) => i += 1,
                None => return Err(JsonError::new(i, "unterminated string")),
            }
        }
        let mut owned = String::with_capacity(i - start + 16);
        owned.push_str(self.text.get(start..i).unwrap_or_default());
        self.pos = i;
        self.unescape_rest(&mut owned)?;
        Ok(Cow::Owned(owned))
    }

    /// Continues a string at `self.pos` (at a backslash or a plain byte) into `out`, up to and
    /// including the closing quote.
    fn unescape_rest(&mut self, out: &mut String) -> Result<(), JsonError> {
        let bytes = self.bytes();
        loop {
            let run_start = self.pos;
            while let Some(&b) = bytes.get(self.pos) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(self.text.get(run_start..self.pos).unwrap_or_default());
            match bytes.get(self.pos) {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(b'\\') => {
                    let c = match bytes.get(self.pos + 1) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.pos += 2;
                            let c = self.unicode_escape()?;
                            out.push(c);
                            continue;
                        }
                        _ => return Err(self.error("invalid escape in a string")),
                    };
                    out.push(c);
                    self.pos += 2;
                }
                Some(_) => return Err(self.error("control character in a string")),
                None => return Err(self.error("unterminated string")),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let digits = self
            .bytes()
            .get(self.pos..self.pos + 4)
            .ok_or_else(|| self.error("truncated \\u escape"))?;
        let mut value = 0;
        for &d in digits {
            let v = char::from(d)
                .to_digit(16)
                .ok_or_else(|| self.error("invalid \\u escape"))?;
            value = value * 16 + v;
        }
        self.pos += 4;
        Ok(value)
    }

    /// After `\u`: four hex digits, and a low surrogate escape when they are a high one.
    fn unicode_escape(&mut self) -> Result<char, JsonError> {
        let first = self.hex4()?;
        let code = match first {
            0xd800..=0xdbff => {
                if self.bytes().get(self.pos..self.pos + 2) != Some(b"\\u") {
                    return Err(self.error("unpaired surrogate in a \\u escape"));
                }
                self.pos += 2;
                let second = self.hex4()?;
                if !(0xdc00..=0xdfff).contains(&second) {
                    return Err(self.error("unpaired surrogate in a \\u escape"));
                }
                0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00)
            }
            0xdc00..=0xdfff => return Err(self.error("unpaired surrogate in a \\u escape")),
            other => other,
        };
        char::from_u32(code).ok_or_else(|| self.error("invalid \\u escape"))
    }

    /// Reads a string member value, or `None` for `null`.
    pub fn opt_string(&mut self) -> Result<Option<String>, JsonError> {
        if self.null()? {
            return Ok(None);
        }
        self.string().map(|s| Some(s.into_owned()))
    }

    /// Reads a string and converts it with `convert` (base64 for blobs, …), or `None` for
    /// `null`. A conversion error becomes a [`JsonError`] at the string.
    pub fn opt_string_with<T, E: fmt::Display>(
        &mut self,
        convert: impl FnOnce(&str) -> Result<T, E>,
    ) -> Result<Option<T>, JsonError> {
        if self.null()? {
            return Ok(None);
        }
        let at = self.pos;
        let s = self.string()?;
        convert(&s)
            .map(Some)
            .map_err(|e| JsonError::new(at, format!("invalid value: {e}")))
    }

    /// Reads a boolean.
    pub fn bool(&mut self) -> Result<bool, JsonError> {
        match self.peek_byte() {
            Some(b't') => self.literal("true").map(|()| true),
            Some(b'f') => self.literal("false").map(|()| false),
            _ => Err(self.error("expected a boolean")),
        }
    }

    /// Reads a boolean member value, or `None` for `null`.
    pub fn opt_bool(&mut self) -> Result<Option<bool>, JsonError> {
        self.opt(Self::bool)
    }

    /// Reads a number and returns its text, checked against the JSON grammar.
    pub fn number_text(&mut self) -> Result<&'a str, JsonError> {
        self.skip_ws();
        let rest = self.bytes().get(self.pos..).unwrap_or_default();
        let len = number_len(rest).ok_or_else(|| self.error("expected a number"))?;
        let text = self.text.get(self.pos..self.pos + len).unwrap_or_default();
        self.pos += len;
        Ok(text)
    }

    /// Reads an integer that must fit `T` (`i8` … `i64`).
    pub fn int<T: TryFrom<i64>>(&mut self) -> Result<T, JsonError> {
        let at = self.pos;
        let text = self.number_text()?;
        let value: i64 = text.parse().map_err(|_| {
            if text.bytes().all(|b| b == b'-' || b.is_ascii_digit()) {
                JsonError::new(at, "integer out of range")
            } else {
                JsonError::new(at, "expected an integer")
            }
        })?;
        T::try_from(value).map_err(|_| JsonError::new(at, "integer out of range"))
    }

    /// Reads an integer member value, or `None` for `null`.
    pub fn opt_int<T: TryFrom<i64>>(&mut self) -> Result<Option<T>, JsonError> {
        self.opt(Self::int)
    }

    /// Reads a double: a number, or one of the strings `"NaN"`, `"Infinity"`, `"-Infinity"`.
    /// A number too large for `f64` is an error.
    pub fn f64(&mut self) -> Result<f64, JsonError> {
        if let Some(special) = self.special_float()? {
            return Ok(special);
        }
        let at = self.pos;
        let text = self.number_text()?;
        match text.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(v),
            _ => Err(JsonError::new(at, "number out of range for a double")),
        }
    }

    /// Reads a double member value, or `None` for `null`.
    pub fn opt_f64(&mut self) -> Result<Option<f64>, JsonError> {
        self.opt(Self::f64)
    }

    /// Reads a float (like [`f64`](Self::f64), rounded once, directly to `f32`).
    pub fn f32(&mut self) -> Result<f32, JsonError> {
        if let Some(special) = self.special_float()? {
            // NaN and the infinities convert exactly.
            return Ok(special as f32);
        }
        let at = self.pos;
        let text = self.number_text()?;
        match text.parse::<f32>() {
            Ok(v) if v.is_finite() => Ok(v),
            _ => Err(JsonError::new(at, "number out of range for a float")),
        }
    }

    /// Reads a float member value, or `None` for `null`.
    pub fn opt_f32(&mut self) -> Result<Option<f32>, JsonError> {
        self.opt(Self::f32)
    }

    fn special_float(&mut self) -> Result<Option<f64>, JsonError> {
        if self.peek_byte() != Some(b'"') {
            return Ok(None);
        }
        let at = self.pos;
        match self.string()?.as_ref() {
            "NaN" => Ok(Some(f64::NAN)),
            "Infinity" => Ok(Some(f64::INFINITY)),
            "-Infinity" => Ok(Some(f64::NEG_INFINITY)),
            _ => Err(JsonError::new(at, "expected a number")),
        }
    }

    /// Reads arbitrary-precision number text (`bigInteger`/`bigDecimal`): a number, or a
    /// string holding one, or `None` for `null`.
    pub fn opt_big_number(&mut self) -> Result<Option<String>, JsonError> {
        match self.peek()? {
            Kind::Null => self.null().map(|_| None),
            Kind::String => self.string().map(|s| Some(s.into_owned())),
            _ => self.number_text().map(|t| Some(t.to_owned())),
        }
    }

    /// Reads a timestamp: epoch seconds as a number (read exactly from its text, exponent
    /// form included), or a string in any of the three timestamp formats.
    pub fn timestamp(&mut self) -> Result<DateTime, JsonError> {
        let at = self.pos;
        let parsed = if self.peek_byte() == Some(b'"') {
            let s = self.string()?;
            DateTime::parse_any(&s)
        } else {
            let text = self.number_text()?;
            DateTime::parse_epoch_seconds(text)
        };
        parsed.map_err(|e| JsonError::new(at, format!("invalid timestamp: {e}")))
    }

    /// Reads a timestamp member value, or `None` for `null`.
    pub fn opt_timestamp(&mut self) -> Result<Option<DateTime>, JsonError> {
        self.opt(Self::timestamp)
    }

    /// Skips the next value, whatever it is (nesting still counts toward [`MAX_DEPTH`]).
    pub fn skip(&mut self) -> Result<(), JsonError> {
        match self.peek()? {
            Kind::Null => self.literal("null"),
            Kind::Bool => self.bool().map(drop),
            Kind::Number => self.number_text().map(drop),
            Kind::String => self.skip_string(),
            Kind::Array => {
                let mut array = self.begin_array()?;
                while self.next_item(&mut array)? {
                    self.skip()?;
                }
                Ok(())
            }
            Kind::Object => {
                let mut object = self.begin_object()?;
                while self.next_key(&mut object)?.is_some() {
                    self.skip()?;
                }
                Ok(())
            }
        }
    }

    fn skip_string(&mut self) -> Result<(), JsonError> {
        // Escapes still have to be valid, so read it; only escaped strings allocate.
        self.string().map(drop)
    }
}

/// The index of the first byte at or after `from` that ends a run of plain string bytes: a
/// quote, a backslash or a control character (or `b.len()`). Eight bytes at a time with the
/// classic "has a byte less than n" bit trick: a byte `x` of the word is flagged when `x` is
/// below 0x20, or `x ^ '"'` or `x ^ '\\'` is below 1 (zero). Only bytes above a true hit can
/// be flagged falsely, so the lowest flagged byte is exact, and it is the one that matters.
fn plain_run_end(b: &[u8], from: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let below = |x: u64, n: u64| x.wrapping_sub(ONES * n) & !x & HIGHS;
    let mut i = from;
    while let Some(chunk) = b.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        let hits = below(x, 0x20)
            | below(x ^ (ONES * u64::from(b'"')), 1)
            | below(x ^ (ONES * u64::from(b'\\')), 1);
        if hits != 0 {
            return i + (hits.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&c) = b.get(i) {
        if c == b'"' || c == b'\\' || c < 0x20 {
            break;
        }
        i += 1;
    }
    i
}

/// The length of the JSON number at the start of `b`, if one starts there:
/// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
fn number_len(b: &[u8]) -> Option<usize> {
    let digits = |from: usize| {
        b.get(from..).map_or(0, |rest| {
            rest.iter().take_while(|c| c.is_ascii_digit()).count()
        })
    };
    let mut i = usize::from(b.first() == Some(&b'-'));
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => i += digits(i),
        _ => return None,
    }
    if b.get(i) == Some(&b'.') {
        let n = digits(i + 1);
        if n == 0 {
            return None;
        }
        i += 1 + n;
    }
    if let Some(b'e' | b'E') = b.get(i) {
        i += 1;
        if let Some(b'+' | b'-') = b.get(i) {
            i += 1;
        }
        let n = digits(i);
        if n == 0 {
            return None;
        }
        i += n;
    }
    Some(i)
}

// ---------------------------------------------------------------------------------------------
// Members given twice

/// Stores `value`, a member just read (`None` for `null`), in `slot`, the member's field
/// of the structure being read, unless the member already has a value: then returns `false`,
/// and the caller fails with [`JsonReader::duplicate_member`] (see the [module docs](self)).
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

impl JsonReader<'_> {
    /// The error of a `member` given twice in a `structure` (see the [module docs](self)).
    #[cold]
    #[inline(never)]
    pub fn duplicate_member(&self, member: &str, structure: &'static str) -> JsonError {
        self.error(super::operation::duplicate_member_message(
            member, structure,
        ))
    }

    /// The error of a map key given twice in a `map` (see the [module docs](self)).
    #[cold]
    #[inline(never)]
    pub fn duplicate_key(&self, key: &str, map: &'static str) -> JsonError {
        self.error(super::operation::duplicate_key_message(key, map))
    }
}

// ---------------------------------------------------------------------------------------------
// Whole bodies, errors, headers

/// Parses a whole response body with `parse` (a generated structure parser): an empty body
/// reads as `{}`, and anything but whitespace after the value is an error.
pub fn parse_body<'a, T>(
    status: u16,
    body: &'a [u8],
    parse: impl FnOnce(&mut JsonReader<'a>) -> Result<T, JsonError>,
) -> Result<T, InvalidResponse> {
    let run = || {
        let mut reader = JsonReader::new(body)?;
        if reader.at_end() {
            reader = JsonReader::new(b"{}")?;
        }
        let value = parse(&mut reader)?;
        reader.finish()?;
        Ok(value)
    };
    run().map_err(|e: JsonError| e.into_invalid(status))
}

pub use super::operation::{request_id, sanitize_error_code};

/// Reads the error envelope of an error response (HTTP `status`): the code from the body's
/// `__type`, else its `code`, else the `X-Amzn-ErrorType` header (each sanitized with
/// [`sanitize_error_code`]); the message from `message`, `Message` or `errorMessage`; the
/// request id from `x-amzn-RequestId`. A body that is not JSON is an error unless the header
/// gives the code; a response without any code gets an empty one.
pub fn error_metadata(
    status: u16,
    headers: &http::HeaderMap,
    body: &[u8],
) -> Result<ErrorMetadata, InvalidResponse> {
    envelope_metadata(status, headers, error_fields(body), JsonError::into_invalid)
}

/// Reads the error envelope of a restJson1 error response: as [`error_metadata`], except that
/// the `X-Amzn-ErrorType` header, when present, names the code before the body does (then the
/// body's `code`, then `__type`, as botocore and the Smithy restJson1 specification read them).
pub fn rest_error_metadata(
    status: u16,
    headers: &http::HeaderMap,
    body: &[u8],
) -> Result<ErrorMetadata, InvalidResponse> {
    let header = headers
        .get("x-amzn-errortype")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| !sanitize_error_code(v).is_empty());
    let fields = match error_fields_ranked(body, ["code", "__type"]) {
        Ok((_, message)) if header => Ok((None, message)),
        other => other,
    };
    envelope_metadata(status, headers, fields, JsonError::into_invalid)
}

impl From<JsonError> for EnvelopeError<JsonError> {
    fn from(e: JsonError) -> Self {
        Self::Unreadable(e)
    }
}

/// `(code, message)` from an error body; fields that are not strings are ignored. Each of the
/// keys read may be given once (`null` counts as absent).
fn error_fields(body: &[u8]) -> Result<(Option<String>, Option<String>), EnvelopeError<JsonError>> {
    error_fields_ranked(body, ["__type", "code"])
}

/// [`error_fields`], with the two code keys in the order of preference given.
fn error_fields_ranked(
    body: &[u8],
    codes: [&str; 2],
) -> Result<(Option<String>, Option<String>), EnvelopeError<JsonError>> {
    let [first, second] = codes;
    let mut reader = JsonReader::new(body)?;
    if reader.at_end() {
        return Ok((None, None));
    }
    if reader.peek()? != Kind::Object {
        reader.skip()?;
        reader.finish()?;
        return Ok((None, None));
    }
    // Ranked: `codes[0]` before `codes[1]`; `message` before `Message` before `errorMessage`.
    let mut code: (u8, Option<String>) = (u8::MAX, None);
    let mut message: (u8, Option<String>) = (u8::MAX, None);
    // One bit per key, set once the key has been given (not `null`).
    let mut seen = 0u8;
    let mut object = reader.begin_object()?;
    while let Some(key) = reader.next_key(&mut object)? {
        let (slot, rank, bit) = match key.as_ref() {
            k if k == first => (&mut code, 0, 1),
            k if k == second => (&mut code, 1, 2),
            "message" => (&mut message, 0, 4),
            "Message" => (&mut message, 1, 8),
            "errorMessage" => (&mut message, 2, 16),
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
        if reader.peek()? == Kind::String && rank < slot.0 {
            *slot = (rank, Some(reader.string()?.into_owned()));
        } else {
            reader.skip()?;
        }
    }
    reader.finish()?;
    Ok((code.1, message.1))
}
