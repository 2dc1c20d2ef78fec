//! The CBOR writer: a body value by value, into a `Vec<u8>`.

use minicbor::Encoder;
use minicbor::data::Tag;

use super::EPOCH_TAG;
use crate::timestamp::DateTime;
use crate::wire::{Encode, Writer};

/// The CBOR [`Encode`]: one data item into a `Vec<u8>`, with the same interface as
/// `json::JsonEncoder`.
#[derive(Debug)]
pub struct CborEncoder {
    enc: Encoder<Vec<u8>>,
}

/// Writes one CBOR data item, value by value: the shared [`Writer`] over [`CborEncoder`], whose
/// own methods (`begin_object`, `bytes`, `timestamp`, …) it reaches through `Deref`.
pub type CborWriter = Writer<CborEncoder>;

impl Default for CborEncoder {
    /// Room for a typical request body (512 bytes).
    fn default() -> Self {
        Self {
            enc: Encoder::new(Vec::with_capacity(512)),
        }
    }
}

impl Writer<CborEncoder> {
    /// A writer with room for a typical request body (512 bytes).
    #[inline]
    pub fn new() -> Self {
        Self::default()
    }

    /// A writer with room for `capacity` bytes.
    #[inline]
    pub fn with_capacity(capacity: usize) -> Self {
        Self(CborEncoder {
            enc: Encoder::new(Vec::with_capacity(capacity)),
        })
    }

    /// The CBOR bytes.
    #[inline]
    pub fn into_bytes(self) -> Vec<u8> {
        self.0.enc.into_writer()
    }
}

// Writing to a `Vec<u8>` cannot fail (its error type is `Infallible`), so the results of the
// encoder calls below carry nothing and are dropped.
impl CborEncoder {
    /// The bytes written so far.
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        self.enc.writer()
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

    /// Writes a byte string.
    #[inline]
    pub fn bytes(&mut self, value: &[u8]) {
        let _ = self.enc.bytes(value);
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

impl Encode for CborEncoder {
    /// Writes `null`.
    #[inline]
    fn null(&mut self) {
        let _ = self.enc.null();
    }

    /// Writes a boolean.
    #[inline]
    fn bool(&mut self, value: bool) {
        let _ = self.enc.bool(value);
    }

    /// Writes an unsigned integer in its shortest encoding.
    #[inline]
    fn uint(&mut self, value: u64) {
        let _ = self.enc.u64(value);
    }

    /// Writes an integer in its shortest encoding.
    #[inline]
    fn int(&mut self, value: i64) {
        let _ = self.enc.i64(value);
    }

    /// Writes a float64.
    #[inline]
    fn f64(&mut self, value: f64) {
        let _ = self.enc.f64(value);
    }

    /// Writes a text string.
    #[inline]
    fn string(&mut self, value: &str) {
        let _ = self.enc.str(value);
    }

    /// Opens a map of `len` entries.
    #[inline]
    fn begin_map(&mut self, len: usize) {
        let _ = self.enc.map(len as u64);
    }

    /// Writes the key of the next map or structure member. A key shorter than 24 bytes (every
    /// member name but a few) is its one header byte (major type 3 with the length) and its
    /// bytes, written here: through minicbor's `str` the header's length computation is folded
    /// away only when the optimizer happens to inline it with the literal key, which moved the
    /// cost of a request body by 17 % from one build to the next.
    #[inline]
    fn key(&mut self, key: &str) {
        match u8::try_from(key.len()) {
            Ok(len @ 0..=23) => {
                let out = self.enc.writer_mut();
                out.push(0x60 | len);
                out.extend_from_slice(key.as_bytes());
            }
            _ => {
                let _ = self.enc.str(key);
            }
        }
    }

    /// Closes a map (nothing to write for a definite length).
    #[inline]
    fn end_map(&mut self) {}

    /// Opens an array of `len` items.
    #[inline]
    fn begin_array(&mut self, len: usize) {
        let _ = self.enc.array(len as u64);
    }

    /// Closes an array (nothing to write for a definite length).
    #[inline]
    fn end_array(&mut self) {}
}
