//! The CBOR writer: a body value by value, into a `Vec<u8>`.

use minicbor::Encoder;
use minicbor::data::Tag;

use super::EPOCH_TAG;
use crate::timestamp::DateTime;

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

impl crate::wire::Writer for CborWriter {
    fn null(&mut self) {
        CborWriter::null(self);
    }
    fn bool(&mut self, value: bool) {
        CborWriter::bool(self, value);
    }
    fn uint(&mut self, value: u64) {
        CborWriter::uint(self, value);
    }
    fn int(&mut self, value: i64) {
        CborWriter::int(self, value);
    }
    fn f64(&mut self, value: f64) {
        CborWriter::f64(self, value);
    }
    fn string(&mut self, value: &str) {
        CborWriter::string(self, value);
    }
    fn begin_map(&mut self, len: usize) {
        CborWriter::begin_map(self, len);
    }
    fn key(&mut self, key: &str) {
        CborWriter::key(self, key);
    }
    fn end_map(&mut self) {
        CborWriter::end_map(self);
    }
    fn begin_array(&mut self, len: usize) {
        CborWriter::begin_array(self, len);
    }
    fn end_array(&mut self) {
        CborWriter::end_array(self);
    }
}
