//! Why a stream could not be decoded ([`DecodeError`]) or a message encoded ([`EncodeError`]).

use std::fmt;

use super::{MAX_HEADERS_LEN, MAX_MESSAGE_LEN, MIN_MESSAGE_LEN};

/// Why a stream could not be decoded: what was wrong, in the frame starting at which byte of
/// the stream.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    frame_offset: u64,
    kind: DecodeErrorKind,
}

/// What was wrong with a frame. Offsets inside a variant count from the start of the frame.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// The CRC of the prelude on the wire is not the CRC of the 8 bytes before it.
    PreludeChecksum {
        /// The CRC on the wire.
        expected: u32,
        /// The CRC of the bytes received.
        computed: u32,
    },
    /// The CRC at the end of the frame is not the CRC of the bytes before it.
    MessageChecksum {
        /// The CRC on the wire.
        expected: u32,
        /// The CRC of the bytes received.
        computed: u32,
    },
    /// The total length is below [`MIN_MESSAGE_LEN`].
    MessageTooShort {
        /// The total length on the wire.
        total_len: u32,
    },
    /// The total length is above the decoder's bound.
    MessageTooLong {
        /// The total length on the wire.
        total_len: u32,
        /// The bound.
        max: usize,
    },
    /// The headers length is above [`MAX_HEADERS_LEN`].
    HeadersTooLong {
        /// The headers length on the wire.
        headers_len: u32,
        /// The bound.
        max: usize,
    },
    /// The headers length leaves no room for the prelude and the message CRC.
    HeadersExceedMessage {
        /// The headers length on the wire.
        headers_len: u32,
        /// The total length on the wire.
        total_len: u32,
    },
    /// A header runs past the end of the headers section.
    HeaderTruncated {
        /// Where the header's truncated part starts.
        offset: usize,
    },
    /// A header's type byte is not one of the ten types.
    UnknownHeaderType {
        /// Where the type byte is.
        offset: usize,
        /// The type byte.
        value_type: u8,
    },
    /// A header name, or a string value, is not UTF-8.
    InvalidUtf8 {
        /// Where the name or value starts.
        offset: usize,
    },
    /// The stream ended inside a frame.
    Truncated {
        /// The bytes of the frame received.
        received: usize,
        /// The bytes the frame needs (12 while the prelude is incomplete).
        needed: usize,
    },
    /// The decoder failed on an earlier chunk and cannot find the next frame.
    Failed,
}

impl DecodeError {
    pub(super) fn new(frame_offset: u64, kind: DecodeErrorKind) -> Self {
        Self { frame_offset, kind }
    }

    /// What was wrong.
    pub fn kind(&self) -> &DecodeErrorKind {
        &self.kind
    }

    /// The byte of the stream where the bad frame starts.
    pub fn frame_offset(&self) -> u64 {
        self.frame_offset
    }
}

impl fmt::Display for DecodeErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::PreludeChecksum { expected, computed } => write!(
                f,
                "prelude checksum mismatch: the frame says {expected:#010x}, its bytes give {computed:#010x}"
            ),
            Self::MessageChecksum { expected, computed } => write!(
                f,
                "message checksum mismatch: the frame says {expected:#010x}, its bytes give {computed:#010x}"
            ),
            Self::MessageTooShort { total_len } => write!(
                f,
                "total length {total_len} is below the minimum of {MIN_MESSAGE_LEN}"
            ),
            Self::MessageTooLong { total_len, max } => {
                write!(f, "total length {total_len} is above the maximum of {max}")
            }
            Self::HeadersTooLong { headers_len, max } => {
                write!(
                    f,
                    "headers length {headers_len} is above the maximum of {max}"
                )
            }
            Self::HeadersExceedMessage {
                headers_len,
                total_len,
            } => write!(
                f,
                "headers length {headers_len} does not fit in total length {total_len}"
            ),
            Self::HeaderTruncated { offset } => {
                write!(f, "header truncated at byte {offset} of the frame")
            }
            Self::UnknownHeaderType { offset, value_type } => write!(
                f,
                "unknown header value type {value_type} at byte {offset} of the frame"
            ),
            Self::InvalidUtf8 { offset } => write!(
                f,
                "header name or string value at byte {offset} of the frame is not UTF-8"
            ),
            Self::Truncated { received, needed } => write!(
                f,
                "stream ends inside a frame: {received} of its {needed} bytes received"
            ),
            Self::Failed => f.write_str("the decoder failed earlier in the stream"),
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "malformed event-stream frame at byte {}: {}",
            self.frame_offset, self.kind
        )
    }
}

impl std::error::Error for DecodeError {}

/// Why a [`Message`](super::Message) could not be encoded.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum EncodeError {
    /// A header name is longer than 255 bytes.
    HeaderNameTooLong {
        /// The name's length in bytes.
        len: usize,
    },
    /// A string or byte-array value of the named header is longer than 65,535 bytes.
    HeaderValueTooLong {
        /// The header's name.
        name: String,
        /// The value's length in bytes.
        len: usize,
    },
    /// A timestamp of the named header is too far from the epoch for an i64 of milliseconds.
    TimestampOutOfRange {
        /// The header's name.
        name: String,
    },
    /// The headers section would be longer than [`MAX_HEADERS_LEN`].
    HeadersTooLong {
        /// Its length in bytes.
        len: usize,
    },
    /// The frame would be longer than [`MAX_MESSAGE_LEN`].
    MessageTooLong {
        /// Its length in bytes.
        len: usize,
    },
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::HeaderNameTooLong { len } => write!(
                f,
                "event-stream header name of {len} bytes, above the maximum of 255"
            ),
            Self::HeaderValueTooLong { name, len } => write!(
                f,
                "value of event-stream header `{name}` is {len} bytes, above the maximum of 65535"
            ),
            Self::TimestampOutOfRange { name } => write!(
                f,
                "timestamp of event-stream header `{name}` does not fit in i64 milliseconds"
            ),
            Self::HeadersTooLong { len } => write!(
                f,
                "event-stream headers of {len} bytes, above the maximum of {MAX_HEADERS_LEN}"
            ),
            Self::MessageTooLong { len } => write!(
                f,
                "event-stream message of {len} bytes, above the maximum of {MAX_MESSAGE_LEN}"
            ),
        }
    }
}

impl std::error::Error for EncodeError {}
