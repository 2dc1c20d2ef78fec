//! The `application/vnd.amazon.eventstream` framing, sans-IO: an incremental [`Decoder`] that
//! is fed byte chunks of any size and yields whole [`Message`]s, and [`encode`].
//!
//! # The frame
//!
//! ```text
//! total length: u32 | headers length: u32 | prelude CRC: u32     (the 12-byte prelude)
//! headers (headers length bytes) | payload | message CRC: u32
//! ```
//!
//! All integers are big-endian. The total length counts every byte of the frame, so it is at
//! least [`MIN_MESSAGE_LEN`] (16). The prelude CRC is the CRC-32 (IEEE) of the first 8 bytes;
//! the message CRC is the CRC-32 of every byte before it, prelude CRC included. A header is
//! `name length: u8 | name (UTF-8) | type: u8 | value`, the value as [`HeaderValue`] says.
//!
//! # Hostile input
//!
//! Nothing here panics on any input. The prelude CRC is checked as soon as the 12 prelude bytes
//! are in, before the lengths it protects are believed; then the lengths are checked against
//! [`MAX_MESSAGE_LEN`] (or the decoder's own bound) and [`MAX_HEADERS_LEN`]; then the frame is
//! read up to its total length, its message CRC checked, and only then are headers parsed.
//! The decoder buffers at most one frame (never more than its length bound; the declared length
//! is not used to preallocate), and copies from each chunk only the bytes the current frame
//! still needs. A stream that ends inside a frame
//! is an error ([`Decoder::finish`]). After an error the decoder stays failed: framing is lost
//! and nothing after the bad frame can be trusted.
//!
//! On the framing sit the two ends of a stream: [`receiver`] (an output stream's messages to
//! typed events) and [`sender`] (typed events to frames), with [`signer`] for the chained
//! signature of sent events (feature `sigv4`).

mod decode;
mod encode;
mod error;
mod headers;
pub mod receiver;
pub mod sender;
#[cfg(feature = "sigv4")]
pub mod signer;

pub use decode::{Decoder, decode_all};
pub use encode::encode;
pub use error::{DecodeError, DecodeErrorKind, EncodeError};

use crate::timestamp::DateTime;

/// The smallest frame: a prelude and a message CRC, no headers, no payload.
pub const MIN_MESSAGE_LEN: usize = 16;

/// The largest frame the decoder accepts by default, and [`encode`] writes: 16 MiB, the bound
/// of AWS's own event-stream implementations.
pub const MAX_MESSAGE_LEN: usize = 16 * 1024 * 1024;

/// The largest headers section: 128 KiB, the bound of AWS's own implementations.
pub const MAX_HEADERS_LEN: usize = 128 * 1024;

/// The length of the prelude: total length, headers length, prelude CRC.
const PRELUDE_LEN: usize = 12;

/// The length of a CRC.
const CRC_LEN: usize = 4;

/// One event-stream message: its headers in wire order (names may repeat) and its payload.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Message {
    /// The headers, in the order they are on the wire.
    pub headers: Vec<Header>,
    /// The payload, uninterpreted.
    pub payload: Vec<u8>,
}

/// One header of a [`Message`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    /// The name: UTF-8, at most 255 bytes (empty is allowed by the format).
    pub name: String,
    /// The value.
    pub value: HeaderValue,
}

impl Header {
    /// A header named `name` with `value`.
    pub fn new(name: impl Into<String>, value: HeaderValue) -> Self {
        Self {
            name: name.into(),
            value,
        }
    }
}

impl Message {
    /// The value of the first header named `name`, if any.
    pub fn header(&self, name: &str) -> Option<&HeaderValue> {
        self.headers
            .iter()
            .find(|h| h.name == name)
            .map(|h| &h.value)
    }
}

/// A header value, one variant per wire type (the type byte in brackets).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeaderValue {
    /// A boolean: type 0 (true) or 1 (false), no value bytes.
    Bool(bool),
    /// A signed byte (2).
    Byte(i8),
    /// A signed 16-bit integer (3).
    Short(i16),
    /// A signed 32-bit integer (4).
    Int(i32),
    /// A signed 64-bit integer (5).
    Long(i64),
    /// Bytes (6): a u16 length, then the bytes.
    ByteArray(Vec<u8>),
    /// A string (7): a u16 length, then UTF-8 bytes.
    String(String),
    /// A timestamp (8): milliseconds since the Unix epoch as an i64. [`encode`] writes the
    /// whole millisecond at or before the instant (a finer fraction is dropped), and fails for
    /// an instant whose milliseconds do not fit an i64.
    Timestamp(DateTime),
    /// A UUID (9): 16 bytes.
    Uuid([u8; 16]),
}

impl HeaderValue {
    /// The wire type byte.
    pub fn type_byte(&self) -> u8 {
        match self {
            Self::Bool(true) => 0,
            Self::Bool(false) => 1,
            Self::Byte(_) => 2,
            Self::Short(_) => 3,
            Self::Int(_) => 4,
            Self::Long(_) => 5,
            Self::ByteArray(_) => 6,
            Self::String(_) => 7,
            Self::Timestamp(_) => 8,
            Self::Uuid(_) => 9,
        }
    }
}

/// The CRC-32 (IEEE 802.3) of `bytes`, as event-stream frames carry it. From `crc32fast`
/// (hardware-accelerated where the CPU allows; see README.md, "Decisions", for why).
pub fn crc32(bytes: &[u8]) -> u32 {
    crc32fast::hash(bytes)
}
