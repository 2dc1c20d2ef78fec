//! [`QueryWriter`]: a request body pair by pair on a stack of dotted keys.

use std::fmt::Write as _;
use std::ops::{Deref, DerefMut};

use super::encode::{push_decimal, push_encoded, push_python_float, push_special};
use crate::timestamp::DateTime;

/// Builds an awsQuery request body. See the [module docs](super).
#[derive(Debug)]
pub struct QueryWriter {
    out: Vec<u8>,
    key: Vec<u8>,
    scratch: String,
}

impl QueryWriter {
    /// Starts a body with `Action=<action>&Version=<version>`, with room for `capacity` bytes.
    #[inline]
    pub fn new(action: &str, version: &str, capacity: usize) -> Self {
        let mut out = Vec::with_capacity(capacity);
        out.extend_from_slice(b"Action=");
        push_encoded(&mut out, action);
        out.extend_from_slice(b"&Version=");
        push_encoded(&mut out, version);
        Self {
            out,
            key: Vec::with_capacity(64),
            scratch: String::new(),
        }
    }

    /// The body.
    #[inline]
    pub fn finish(self) -> Vec<u8> {
        self.out
    }

    /// Enters the member `name`, which must already be form-encoded (generated code passes
    /// model names, encoded by the generator). The returned scope leaves it when dropped.
    #[inline]
    pub fn member(&mut self, name: &str) -> Scope<'_> {
        let mark = self.key.len();
        if mark != 0 {
            self.key.push(b'.');
        }
        self.key.extend_from_slice(name.as_bytes());
        Scope { writer: self, mark }
    }

    /// Enters the list or map entry with this 1-based position.
    #[inline]
    pub fn index(&mut self, position: usize) -> Scope<'_> {
        let mark = self.key.len();
        self.key.push(b'.');
        push_decimal(&mut self.key, position as u64);
        Scope { writer: self, mark }
    }

    fn pair(&mut self) {
        self.out.push(b'&');
        self.out.extend_from_slice(&self.key);
        self.out.push(b'=');
    }

    /// Writes `key=` with an empty value (an empty list, or an empty string).
    #[inline]
    pub fn empty(&mut self) {
        self.pair();
    }

    /// Writes a string.
    #[inline]
    pub fn string(&mut self, value: &str) {
        self.pair();
        push_encoded(&mut self.out, value);
    }

    /// Writes `true` or `false`.
    #[inline]
    pub fn boolean(&mut self, value: bool) {
        self.pair();
        self.out
            .extend_from_slice(if value { b"true" } else { b"false" });
    }

    /// Writes an integer of any width.
    #[inline]
    pub fn integer(&mut self, value: impl Into<i64>) {
        self.pair();
        let value = value.into();
        if value < 0 {
            self.out.push(b'-');
        }
        push_decimal(&mut self.out, value.unsigned_abs());
    }

    /// Writes a double the way botocore (Python's `repr`) writes it: `10.8`, `1.0`, `1e+16`,
    /// `NaN`, `Infinity`, `-Infinity`.
    #[inline]
    pub fn double(&mut self, value: f64) {
        self.pair();
        if value.is_finite() {
            self.scratch.clear();
            let _ = write!(self.scratch, "{value:e}");
            push_python_float(&mut self.out, &self.scratch);
        } else {
            push_special(&mut self.out, value);
        }
    }

    /// Writes a float with its shortest decimal digits (`10.8f32` as `10.8`), formatted like
    /// [`double`](Self::double).
    #[inline]
    pub fn float(&mut self, value: f32) {
        self.pair();
        if value.is_finite() {
            self.scratch.clear();
            let _ = write!(self.scratch, "{value:e}");
            push_python_float(&mut self.out, &self.scratch);
        } else {
            push_special(&mut self.out, f64::from(value));
        }
    }

    /// Writes a timestamp as an RFC 3339 date-time (the awsQuery default).
    #[inline]
    pub fn date_time(&mut self, value: DateTime) {
        self.scratch.clear();
        value.fmt_date_time(&mut self.scratch);
        self.write_scratch();
    }

    /// Writes a timestamp as an HTTP date (`timestampFormat: rfc822`).
    #[inline]
    pub fn http_date(&mut self, value: DateTime) {
        self.scratch.clear();
        value.fmt_http_date(&mut self.scratch);
        self.write_scratch();
    }

    /// Writes a timestamp as epoch seconds (`timestampFormat: unixTimestamp`).
    #[inline]
    pub fn epoch_seconds(&mut self, value: DateTime) {
        self.scratch.clear();
        value.fmt_epoch_seconds(&mut self.scratch);
        self.write_scratch();
    }

    fn write_scratch(&mut self) {
        self.pair();
        push_encoded(&mut self.out, &self.scratch);
    }
}

/// A key segment entered with [`QueryWriter::member`] or [`QueryWriter::index`]; dropping it
/// leaves the segment. Dereferences to the writer.
#[derive(Debug)]
pub struct Scope<'w> {
    writer: &'w mut QueryWriter,
    mark: usize,
}

impl Deref for Scope<'_> {
    type Target = QueryWriter;

    fn deref(&self) -> &QueryWriter {
        self.writer
    }
}

impl DerefMut for Scope<'_> {
    fn deref_mut(&mut self) -> &mut QueryWriter {
        self.writer
    }
}

impl Drop for Scope<'_> {
    fn drop(&mut self) {
        self.writer.key.truncate(self.mark);
    }
}
