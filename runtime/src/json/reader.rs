//! The JSON pull reader: a body value by value, borrowing strings without escapes.

use std::borrow::Cow;
use std::fmt;

use super::{JsonError, MAX_DEPTH};
use crate::timestamp::DateTime;
use crate::wire::{Decode, Kind, Reader};

/// The state of one object being read; see [`Reader::next_key`].
#[derive(Debug)]
pub struct Object {
    first: bool,
}

/// The state of one array being read; see [`Reader::next_item`].
#[derive(Debug)]
pub struct Array {
    first: bool,
}

/// The JSON [`Decode`]: one JSON text, read value by value.
#[derive(Debug)]
pub struct JsonDecoder<'a> {
    text: &'a str,
    pos: usize,
    depth: usize,
}

/// Reads one JSON text value by value: the shared [`Reader`] over [`JsonDecoder`], whose own
/// methods (`opt_string`, `timestamp`, `duplicate_member`, …) it reaches through `Deref`.
pub type JsonReader<'a> = Reader<JsonDecoder<'a>>;

impl<'a> Reader<JsonDecoder<'a>> {
    /// A reader over `body`, which must be UTF-8 (checked once, here). A leading byte-order
    /// mark is skipped.
    pub fn new(body: &'a [u8]) -> Result<Self, JsonError> {
        let text = std::str::from_utf8(body)
            .map_err(|e| JsonError::new(e.valid_up_to(), "body is not valid UTF-8"))?;
        let pos = if text.starts_with('\u{feff}') { 3 } else { 0 };
        Ok(Self(JsonDecoder {
            text,
            pos,
            depth: 0,
        }))
    }

    /// Reads a boolean member value, or `None` for `null`.
    pub fn opt_bool(&mut self) -> Result<Option<bool>, JsonError> {
        self.opt(|r| r.bool())
    }

    /// Reads an integer member value, or `None` for `null`.
    pub fn opt_int<T: TryFrom<i64>>(&mut self) -> Result<Option<T>, JsonError> {
        self.opt(|r| r.int())
    }

    /// Reads a double member value, or `None` for `null`.
    pub fn opt_f64(&mut self) -> Result<Option<f64>, JsonError> {
        self.opt(|r| r.f64())
    }

    /// Reads a float member value, or `None` for `null`.
    pub fn opt_f32(&mut self) -> Result<Option<f32>, JsonError> {
        self.opt(|r| r.f32())
    }

    /// Reads a timestamp member value, or `None` for `null`.
    pub fn opt_timestamp(&mut self) -> Result<Option<DateTime>, JsonError> {
        self.opt(|r| r.timestamp())
    }
}

crate::wire::read_with!(JsonDecoder:
    i8 => int, i16 => int, i32 => int, i64 => int, f32 => f32, f64 => f64, DateTime => timestamp,
);

/// A blob: a base64 string.
#[cfg(feature = "blob")]
impl<'a> crate::wire::Read<'a, JsonDecoder<'a>> for crate::Blob {
    fn read(r: &mut JsonReader<'a>) -> Result<Self, JsonError> {
        let at = r.offset();
        let text = r.string()?;
        crate::Blob::from_base64(&text)
            .map_err(|e| JsonError::new(at, format!("invalid value: {e}")))
    }
}

impl<'a> JsonDecoder<'a> {
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

    fn skip_string(&mut self) -> Result<(), JsonError> {
        // Escapes still have to be valid, so read it; only escaped strings allocate.
        self.string().map(drop)
    }
}

impl<'a> Decode<'a> for JsonDecoder<'a> {
    type Error = JsonError;
    type Object = Object;
    type Array = Array;

    /// An error at the current position.
    fn error(&self, message: impl Into<Cow<'static, str>>) -> JsonError {
        JsonError::new(self.pos, message)
    }

    fn kind(&mut self) -> Result<Kind, JsonError> {
        self.peek()
    }

    fn is_object(&mut self) -> Result<bool, JsonError> {
        Ok(self.peek()? == Kind::Object)
    }

    fn is_string(&mut self) -> Result<bool, JsonError> {
        Ok(self.peek()? == Kind::String)
    }

    /// If the next value is `null`, reads it and returns `true`.
    fn null(&mut self) -> Result<bool, JsonError> {
        if self.peek_byte() == Some(b'n') {
            self.literal("null")?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    /// Reads a boolean.
    fn bool(&mut self) -> Result<bool, JsonError> {
        match self.peek_byte() {
            Some(b't') => self.literal("true").map(|()| true),
            Some(b'f') => self.literal("false").map(|()| false),
            _ => Err(self.error("expected a boolean")),
        }
    }

    /// Reads a string. Borrowed from the body unless it has escapes.
    fn string(&mut self) -> Result<Cow<'a, str>, JsonError> {
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

    /// Reads the `{` of an object.
    fn begin_object(&mut self) -> Result<Object, JsonError> {
        self.open(b'{', "expected an object")?;
        Ok(Object { first: true })
    }

    /// Reads the next member key of `object` (and its `:`), or the closing `}` (then `None`).
    /// The caller must read or [`skip`](Self::skip) the member's value before asking again.
    fn next_key(&mut self, object: &mut Object) -> Result<Option<Cow<'a, str>>, JsonError> {
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
    fn begin_array(&mut self) -> Result<Array, JsonError> {
        self.open(b'[', "expected an array")?;
        Ok(Array { first: true })
    }

    /// Moves to the next item of `array` (`true`), or reads the closing `]` (`false`). The
    /// caller must read or skip the item before asking again.
    fn next_item(&mut self, array: &mut Array) -> Result<bool, JsonError> {
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

    /// Skips the next value, whatever it is (nesting still counts toward [`MAX_DEPTH`]).
    fn skip(&mut self) -> Result<(), JsonError> {
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

    /// Checks that only whitespace follows the value read.
    fn finish(&mut self) -> Result<(), JsonError> {
        match self.peek_byte() {
            None => Ok(()),
            Some(_) => Err(self.error("unexpected data after the JSON value")),
        }
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
pub(super) fn number_len(b: &[u8]) -> Option<usize> {
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

impl JsonDecoder<'_> {
    /// The error of a `member` given twice in a `structure` (see the [module docs](super)).
    #[cold]
    #[inline(never)]
    pub fn duplicate_member(&self, member: &str, structure: &'static str) -> JsonError {
        self.error(crate::operation::duplicate_member_message(
            member, structure,
        ))
    }

    /// The error of a map key given twice in a `map` (see the [module docs](super)).
    #[cold]
    #[inline(never)]
    pub fn duplicate_key(&self, key: &str, map: &'static str) -> JsonError {
        self.error(crate::operation::duplicate_key_message(key, map))
    }
}

#[cfg(test)]
mod tests {
    use super::{number_len, plain_run_end};

    #[test]
    fn plain_runs_end_at_the_first_quote_backslash_or_control_byte_in_every_lane() {
        // Each stop byte at every offset of a 20-byte run: the eight-byte loop (two words) and
        // the byte-by-byte tail both see it.
        for stop in [b'"', b'\\', b'\n', 0x00, 0x1f] {
            for at in 0..20 {
                let mut b = vec![b'a'; 20];
                b[at] = stop;
                assert_eq!(plain_run_end(&b, 0), at, "stop {stop:#x} at {at}");
                // A second stop after the first does not matter.
                b[19] = b'"';
                assert_eq!(plain_run_end(&b, 0), at, "stop {stop:#x} at {at}");
            }
        }
        // DEL, bytes with the high bit set (UTF-8) and the neighbours of `"` and `\` are plain.
        let plain = [0x7f, 0xff, 0xc3, 0xa9, b' ', b'!', b'#', b'[', b']', b'z'];
        assert_eq!(plain_run_end(&plain, 0), plain.len());
        assert_eq!(plain_run_end(b"ab\"cd", 3), 5);
    }

    #[test]
    fn number_len_follows_the_json_grammar() {
        assert_eq!(number_len(b"0"), Some(1));
        assert_eq!(number_len(b"-12.5e+3,"), Some(8));
        assert_eq!(number_len(b"7E-0]"), Some(4));
        // A leading zero is the whole integer part: `01` is the number 0 and then `1`.
        assert_eq!(number_len(b"01"), Some(1));
        for bad in [&b"-"[..], b"1.", b"1.e5", b"1e", b"1e+", b".5", b"+1", b""] {
            assert_eq!(number_len(bad), None, "{}", String::from_utf8_lossy(bad));
        }
    }
}
