//! The CBOR pull reader over minicbor's `Decoder`; the same interface as the JSON reader.

use std::borrow::Cow;

use minicbor::Decoder;
use minicbor::data::Type;

use super::{CborError, EPOCH_TAG, MAX_DEPTH};
use crate::timestamp::DateTime;
use crate::wire::{Decode, Kind, Reader};

/// The state of one map (or structure) being read; see [`Reader::next_key`].
#[derive(Debug)]
pub struct Object {
    remaining: Option<u64>,
}

/// The state of one array being read; see [`Reader::next_item`].
#[derive(Debug)]
pub struct Array {
    remaining: Option<u64>,
}

/// The CBOR [`Decode`]: one data item, read value by value; the same interface as
/// `json::JsonDecoder`.
#[derive(Debug)]
pub struct CborDecoder<'a> {
    d: Decoder<'a>,
    depth: usize,
}

/// A minicbor decoding error as a [`CborError`] at its position (else at `offset`).
fn decode(offset: usize, e: &minicbor::decode::Error) -> CborError {
    CborError::new(e.position().unwrap_or(offset), e.to_string())
}

/// Reads one CBOR data item value by value: the shared [`Reader`] over [`CborDecoder`], whose own
/// methods (`opt_string`, `timestamp`, `duplicate_member`, …) it reaches through `Deref`.
pub type CborReader<'a> = Reader<CborDecoder<'a>>;

impl<'a> Reader<CborDecoder<'a>> {
    /// A reader over `body`.
    pub fn new(body: &'a [u8]) -> Self {
        Self(CborDecoder {
            d: Decoder::new(body),
            depth: 0,
        })
    }

    /// Reads a byte string member value, or `None` for `null`.
    pub fn opt_bytes(&mut self) -> Result<Option<Vec<u8>>, CborError> {
        self.opt(|r| r.bytes())
    }

    /// Reads a boolean member value, or `None` for `null`.
    pub fn opt_bool(&mut self) -> Result<Option<bool>, CborError> {
        self.opt(|r| r.bool())
    }

    /// Reads an integer member value, or `None` for `null`.
    pub fn opt_int<T: TryFrom<i64>>(&mut self) -> Result<Option<T>, CborError> {
        self.opt(|r| r.int())
    }

    /// Reads a double member value, or `None` for `null`.
    pub fn opt_f64(&mut self) -> Result<Option<f64>, CborError> {
        self.opt(|r| r.f64())
    }

    /// Reads a float member value, or `None` for `null`.
    pub fn opt_f32(&mut self) -> Result<Option<f32>, CborError> {
        self.opt(|r| r.f32())
    }

    /// Reads a timestamp member value, or `None` for `null`.
    pub fn opt_timestamp(&mut self) -> Result<Option<DateTime>, CborError> {
        self.opt(|r| r.timestamp())
    }

    /// Reads a text string member value, or `None` for `null`.
    pub fn opt_string(&mut self) -> Result<Option<String>, CborError> {
        self.opt(|r| r.string().map(Cow::into_owned))
    }
}

crate::wire::read_with!(CborDecoder:
    i8 => int, i16 => int, i32 => int, i64 => int, f32 => f32, f64 => f64, DateTime => timestamp,
);

/// A blob: a byte string.
#[cfg(feature = "blob")]
impl<'a> crate::wire::Read<'a, CborDecoder<'a>> for crate::Blob {
    fn read(r: &mut CborReader<'a>) -> Result<Self, CborError> {
        r.bytes().map(crate::Blob::from)
    }
}

impl<'a> CborDecoder<'a> {
    fn decode_error(&self, e: minicbor::decode::Error) -> CborError {
        decode(self.d.position(), &e)
    }

    /// Whether the whole body has been read.
    pub fn at_end(&self) -> bool {
        self.d.position() >= self.d.input().len()
    }

    /// The type of the next item.
    pub fn peek(&self) -> Result<Type, CborError> {
        self.d.datatype().map_err(|e| self.decode_error(e))
    }

    fn enter(&mut self) -> Result<(), CborError> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error("CBOR nested too deeply"));
        }
        self.depth += 1;
        Ok(())
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
                let chunks = self.d.bytes_iter().map_err(|e| decode(at, &e))?;
                for chunk in chunks {
                    out.extend_from_slice(chunk.map_err(|e| decode(at, &e))?);
                }
                Ok(out)
            }
            other => Err(self.error(format!("expected a byte string, found {other}"))),
        }
    }

    /// Reads an integer (any width on the wire) that must fit `T`.
    pub fn int<T: TryFrom<i64>>(&mut self) -> Result<T, CborError> {
        let at = self.d.position();
        let value = self.d.i64().map_err(|e| self.decode_error(e))?;
        T::try_from(value).map_err(|_| CborError::new(at, "integer out of range"))
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
}

impl<'a> Decode<'a> for CborDecoder<'a> {
    type Error = CborError;
    type Object = Object;
    type Array = Array;

    /// An error at the current position.
    fn error(&self, message: impl Into<Cow<'static, str>>) -> CborError {
        CborError::new(self.d.position(), message)
    }

    fn kind(&mut self) -> Result<Kind, CborError> {
        Ok(match self.peek()? {
            Type::Null | Type::Undefined => Kind::Null,
            Type::Bool => Kind::Bool,
            Type::String | Type::StringIndef => Kind::String,
            Type::U8 | Type::U16 | Type::U32 | Type::U64 => Kind::Number,
            Type::I8 | Type::I16 | Type::I32 | Type::I64 | Type::Int => Kind::Number,
            Type::F16 | Type::F32 | Type::F64 => Kind::Number,
            Type::Array | Type::ArrayIndef => Kind::Array,
            Type::Map | Type::MapIndef => Kind::Object,
            other => return Err(self.error(format!("unexpected {other} in a document"))),
        })
    }

    fn is_object(&mut self) -> Result<bool, CborError> {
        Ok(matches!(self.peek()?, Type::Map | Type::MapIndef))
    }

    fn is_string(&mut self) -> Result<bool, CborError> {
        Ok(matches!(self.peek()?, Type::String | Type::StringIndef))
    }

    /// If the next item is `null` or `undefined`, reads it and returns `true`.
    fn null(&mut self) -> Result<bool, CborError> {
        match self.peek()? {
            Type::Null | Type::Undefined => {
                self.d.set_position(self.d.position() + 1);
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    /// Reads a boolean.
    fn bool(&mut self) -> Result<bool, CborError> {
        self.d.bool().map_err(|e| self.decode_error(e))
    }

    /// Reads a text string, definite or chunked. Borrowed unless chunked.
    fn string(&mut self) -> Result<Cow<'a, str>, CborError> {
        match self.peek()? {
            Type::String => self
                .d
                .str()
                .map(Cow::Borrowed)
                .map_err(|e| self.decode_error(e)),
            Type::StringIndef => {
                let at = self.d.position();
                let mut out = String::new();
                let chunks = self.d.str_iter().map_err(|e| decode(at, &e))?;
                for chunk in chunks {
                    out.push_str(chunk.map_err(|e| decode(at, &e))?);
                }
                Ok(Cow::Owned(out))
            }
            other => Err(self.error(format!("expected a text string, found {other}"))),
        }
    }

    /// Reads the head of a map (definite or indefinite length).
    fn begin_object(&mut self) -> Result<Object, CborError> {
        self.enter()?;
        let remaining = self.d.map().map_err(|e| self.decode_error(e))?;
        Ok(Object { remaining })
    }

    /// Reads the next key of `object`, or its end (then `None`). The caller must read or
    /// [`skip`](Self::skip) the value before asking again.
    fn next_key(&mut self, object: &mut Object) -> Result<Option<Cow<'a, str>>, CborError> {
        if !self.next(&mut object.remaining)? {
            return Ok(None);
        }
        self.string().map(Some)
    }

    /// Reads the head of an array (definite or indefinite length).
    fn begin_array(&mut self) -> Result<Array, CborError> {
        self.enter()?;
        let remaining = self.d.array().map_err(|e| self.decode_error(e))?;
        Ok(Array { remaining })
    }

    /// Moves to the next item of `array` (`true`), or past its end (`false`).
    fn next_item(&mut self, array: &mut Array) -> Result<bool, CborError> {
        self.next(&mut array.remaining)
    }

    /// Skips the next item, whatever it is. Maps and arrays are walked through the reader, so
    /// their nesting counts toward [`MAX_DEPTH`] as in the JSON reader (the recursion is
    /// bounded by it); tags, strings and scalars are skipped by minicbor. A stray break is an
    /// error.
    fn skip(&mut self) -> Result<(), CborError> {
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

    /// Checks that nothing follows the item read.
    fn finish(&mut self) -> Result<(), CborError> {
        if self.at_end() {
            Ok(())
        } else {
            Err(self.error("unexpected data after the CBOR item"))
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

impl CborDecoder<'_> {
    /// The error of a `member` given twice in a `structure` (see the [module docs](super)).
    #[cold]
    #[inline(never)]
    pub fn duplicate_member(&self, member: &str, structure: &'static str) -> CborError {
        self.error(crate::operation::duplicate_member_message(
            member, structure,
        ))
    }

    /// The error of a map key given twice in a `map` (see the [module docs](super)).
    #[cold]
    #[inline(never)]
    pub fn duplicate_key(&self, key: &str, map: &'static str) -> CborError {
        self.error(crate::operation::duplicate_key_message(key, map))
    }
}

#[cfg(test)]
mod tests {
    use super::f16_to_f64;

    #[test]
    fn half_floats_are_read_exactly() {
        // IEEE 754 binary16: sign, 5-bit exponent (bias 15), 10-bit fraction.
        assert_eq!(f16_to_f64(0x3c00), 1.0);
        assert_eq!(f16_to_f64(0xc000), -2.0);
        assert_eq!(f16_to_f64(0x7bff), 65504.0); // the largest finite half
        assert_eq!(f16_to_f64(0x3555), 1365.0 / 4096.0); // 0.333251953125
        assert_eq!(f16_to_f64(0x0001), 2f64.powi(-24)); // the smallest subnormal
        assert_eq!(f16_to_f64(0x0400), 2f64.powi(-14)); // the smallest normal
        assert_eq!(f16_to_f64(0x8000).to_bits(), (-0.0f64).to_bits());
        assert_eq!(f16_to_f64(0x7c00), f64::INFINITY);
        assert_eq!(f16_to_f64(0xfc00), f64::NEG_INFINITY);
        assert!(f16_to_f64(0x7e00).is_nan());
    }
}
