//! The JSON writer: a body member by member, into a `String`.

use crate::timestamp::DateTime;
use crate::wire::{Encode, Writer};

/// The JSON [`Encode`]: one JSON text into a `String`. Commas are placed automatically: call
/// [`key`](Encode::key) before each member value of an object, nothing between array items.
#[derive(Debug)]
pub struct JsonEncoder {
    out: String,
    comma: bool,
}

/// Writes one JSON text, value by value: the shared [`Writer`] over [`JsonEncoder`], whose own
/// methods (`begin_object`, `epoch_seconds`, …) it reaches through `Deref`.
pub type JsonWriter = Writer<JsonEncoder>;

impl Default for JsonEncoder {
    /// Room for a typical request body (512 bytes), so small bodies never reallocate.
    fn default() -> Self {
        Self {
            out: String::with_capacity(512),
            comma: false,
        }
    }
}

impl Writer<JsonEncoder> {
    /// A writer with room for a typical request body (512 bytes), so small bodies never
    /// reallocate.
    #[inline]
    pub fn new() -> Self {
        Self::default()
    }

    /// A writer with room for `capacity` bytes.
    #[inline]
    pub fn with_capacity(capacity: usize) -> Self {
        Self(JsonEncoder {
            out: String::with_capacity(capacity),
            comma: false,
        })
    }

    /// The JSON text as bytes.
    #[inline]
    pub fn into_bytes(self) -> Vec<u8> {
        self.0.out.into_bytes()
    }
}

impl JsonEncoder {
    /// The JSON text written so far.
    #[inline]
    pub fn as_str(&self) -> &str {
        &self.out
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

    /// Writes a float, printed as the shortest decimal that reads back as the same `f32` (so
    /// `1.1f32` is `1.1`, not `1.100000023841858`).
    #[inline]
    pub fn f32(&mut self, value: f32) {
        self.value_start();
        if !push_special_float(&mut self.out, f64::from(value)) {
            use std::fmt::Write as _;
            let _ = write!(self.out, "{value}");
        }
    }

    /// Writes arbitrary-precision number text (`bigInteger`/`bigDecimal`) as a JSON number
    /// when it is one, and as a string otherwise, so the body always stays valid JSON.
    #[inline]
    pub fn big_number(&mut self, text: &str) {
        self.value_start();
        if super::reader::number_len(text.as_bytes()) == Some(text.len()) {
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

impl Encode for JsonEncoder {
    /// Writes `null` (only documents contain nulls; members that are not set are left out).
    #[inline]
    fn null(&mut self) {
        self.value_start();
        self.out.push_str("null");
    }

    /// Writes a boolean.
    #[inline]
    fn bool(&mut self, value: bool) {
        self.value_start();
        self.out.push_str(if value { "true" } else { "false" });
    }

    /// Writes an unsigned integer (documents only).
    #[inline]
    fn uint(&mut self, value: u64) {
        self.value_start();
        push_uint(&mut self.out, value);
    }

    /// Writes an integer.
    #[inline]
    fn int(&mut self, value: i64) {
        self.value_start();
        push_int(&mut self.out, value);
    }

    /// Writes a double: the shortest decimal that reads back as the same `f64`, or the
    /// strings `"NaN"`, `"Infinity"`, `"-Infinity"`, as the awsJson protocols send them.
    #[inline]
    fn f64(&mut self, value: f64) {
        self.value_start();
        if !push_special_float(&mut self.out, value) {
            use std::fmt::Write as _;
            let _ = write!(self.out, "{value}");
        }
    }

    /// Writes a string.
    #[inline]
    fn string(&mut self, value: &str) {
        self.value_start();
        push_string(&mut self.out, value);
    }

    /// Opens a map of `_len` entries (JSON does not need the length; the CBOR writer does).
    #[inline]
    fn begin_map(&mut self, _len: usize) {
        self.begin_object();
    }

    /// Writes the key of the next object member.
    #[inline]
    fn key(&mut self, key: &str) {
        if self.comma {
            self.out.push(',');
        }
        push_string(&mut self.out, key);
        self.out.push(':');
        self.comma = false;
    }

    /// Closes the map opened last.
    #[inline]
    fn end_map(&mut self) {
        self.end_object();
    }

    /// Opens an array of `_len` items.
    #[inline]
    fn begin_array(&mut self, _len: usize) {
        self.value_start();
        self.out.push('[');
        self.comma = false;
    }

    /// Closes the array opened last.
    #[inline]
    fn end_array(&mut self) {
        self.out.push(']');
        self.comma = true;
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
