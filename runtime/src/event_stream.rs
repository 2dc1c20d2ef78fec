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
//! Generated event types, the client's event streams and the chained signing of sent events
//! are not here yet; this is the framing they will sit on.

use std::fmt;

use super::timestamp::DateTime;

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

// ---------------------------------------------------------------------------------------------
// Errors

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
    fn new(frame_offset: u64, kind: DecodeErrorKind) -> Self {
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

/// Why a [`Message`] could not be encoded.
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

// ---------------------------------------------------------------------------------------------
// CRC-32

/// The CRC-32 (IEEE 802.3) of `bytes`, as event-stream frames carry it. From `crc32fast`
/// (hardware-accelerated where the CPU allows; see README.md, "Decisions", for why).
pub fn crc32(bytes: &[u8]) -> u32 {
    crc32fast::hash(bytes)
}

// ---------------------------------------------------------------------------------------------
// Decoder

/// An incremental decoder: [`push`](Self::push) byte chunks of any size as they arrive,
/// collect the whole messages, and call [`finish`](Self::finish) at the end of the stream.
#[derive(Debug)]
pub struct Decoder {
    /// The bytes of the current frame received so far; never more than one frame.
    buf: Vec<u8>,
    /// The current frame's total length, once its prelude has been read and checked.
    frame_len: Option<usize>,
    /// The stream offset where the current frame starts.
    frame_offset: u64,
    /// The largest total length accepted.
    max_message_len: usize,
    /// Set by the first error; every later call fails.
    failed: bool,
}

impl Default for Decoder {
    fn default() -> Self {
        Self::new()
    }
}

impl Decoder {
    /// A decoder accepting frames of up to [`MAX_MESSAGE_LEN`] bytes.
    pub fn new() -> Self {
        Self::with_max_message_len(MAX_MESSAGE_LEN)
    }

    /// A decoder accepting frames of up to `max` bytes (at least [`MIN_MESSAGE_LEN`] whatever
    /// `max` says), which is then also the most it buffers.
    pub fn with_max_message_len(max: usize) -> Self {
        Self {
            buf: Vec::new(),
            frame_len: None,
            frame_offset: 0,
            max_message_len: max.max(MIN_MESSAGE_LEN),
            failed: false,
        }
    }

    /// The bytes of an incomplete frame held.
    pub fn buffered(&self) -> usize {
        self.buf.len()
    }

    /// Feeds the next `bytes` of the stream, appending each message they complete to `out`.
    /// Messages completed before an error are in `out` too.
    pub fn push(&mut self, mut bytes: &[u8], out: &mut Vec<Message>) -> Result<(), DecodeError> {
        if self.failed {
            return Err(DecodeError::new(self.frame_offset, DecodeErrorKind::Failed));
        }
        let result = self.push_inner(&mut bytes, out);
        if result.is_err() {
            self.failed = true;
            self.buf = Vec::new();
        }
        result
    }

    fn push_inner(&mut self, bytes: &mut &[u8], out: &mut Vec<Message>) -> Result<(), DecodeError> {
        while !bytes.is_empty() {
            let needed = self.frame_len.unwrap_or(PRELUDE_LEN);
            let take = needed.saturating_sub(self.buf.len()).min(bytes.len());
            let (head, rest) = bytes.split_at_checked(take).unwrap_or((bytes, &[]));
            // Grow by doubling, as `Vec` does, but never past the frame: the declared length
            // is not used to preallocate, and the capacity stays within one frame.
            let want = self.buf.len().saturating_add(take);
            if want > self.buf.capacity() {
                let target = want
                    .max(self.buf.capacity().saturating_mul(2))
                    .min(needed.max(want));
                self.buf
                    .reserve_exact(target.saturating_sub(self.buf.len()));
            }
            self.buf.extend_from_slice(head);
            *bytes = rest;
            if self.buf.len() < needed {
                break;
            }
            match self.frame_len {
                None => {
                    let len = prelude(&self.buf, self.max_message_len)
                        .map_err(|kind| DecodeError::new(self.frame_offset, kind))?;
                    self.frame_len = Some(len);
                }
                Some(len) => {
                    let message = decode_frame(&self.buf)
                        .map_err(|kind| DecodeError::new(self.frame_offset, kind))?;
                    out.push(message);
                    self.buf.clear();
                    self.frame_len = None;
                    self.frame_offset = self
                        .frame_offset
                        .saturating_add(u64::try_from(len).unwrap_or(u64::MAX));
                }
            }
        }
        Ok(())
    }

    /// Ends the stream: an error if it ended inside a frame (or the decoder failed earlier).
    pub fn finish(self) -> Result<(), DecodeError> {
        if self.failed {
            return Err(DecodeError::new(self.frame_offset, DecodeErrorKind::Failed));
        }
        if self.buf.is_empty() {
            Ok(())
        } else {
            Err(DecodeError::new(
                self.frame_offset,
                DecodeErrorKind::Truncated {
                    received: self.buf.len(),
                    needed: self.frame_len.unwrap_or(PRELUDE_LEN),
                },
            ))
        }
    }
}

/// Decodes a whole stream held in memory: every message, or the first error (a stream ending
/// inside a frame included).
pub fn decode_all(bytes: &[u8]) -> Result<Vec<Message>, DecodeError> {
    let mut decoder = Decoder::new();
    let mut out = Vec::new();
    decoder.push(bytes, &mut out)?;
    decoder.finish()?;
    Ok(out)
}

/// Reads a big-endian u32 at `offset` of `bytes`.
fn be_u32(bytes: &[u8], offset: usize) -> Option<u32> {
    let tail = bytes.get(offset..)?;
    let (word, _) = tail.split_first_chunk::<4>()?;
    Some(u32::from_be_bytes(*word))
}

/// Checks a complete prelude (the first 12 bytes of `frame`); returns the frame's total length.
fn prelude(frame: &[u8], max_message_len: usize) -> Result<usize, DecodeErrorKind> {
    let (Some(total_len), Some(headers_len), Some(expected)) =
        (be_u32(frame, 0), be_u32(frame, 4), be_u32(frame, 8))
    else {
        return Err(DecodeErrorKind::Truncated {
            received: frame.len(),
            needed: PRELUDE_LEN,
        });
    };
    let computed = crc32(frame.get(..8).unwrap_or_default());
    if computed != expected {
        return Err(DecodeErrorKind::PreludeChecksum { expected, computed });
    }
    let total = usize::try_from(total_len).unwrap_or(usize::MAX);
    let headers = usize::try_from(headers_len).unwrap_or(usize::MAX);
    if total < MIN_MESSAGE_LEN {
        return Err(DecodeErrorKind::MessageTooShort { total_len });
    }
    if total > max_message_len {
        return Err(DecodeErrorKind::MessageTooLong {
            total_len,
            max: max_message_len,
        });
    }
    if headers > MAX_HEADERS_LEN {
        return Err(DecodeErrorKind::HeadersTooLong {
            headers_len,
            max: MAX_HEADERS_LEN,
        });
    }
    if headers > total - MIN_MESSAGE_LEN {
        return Err(DecodeErrorKind::HeadersExceedMessage {
            headers_len,
            total_len,
        });
    }
    Ok(total)
}

/// Decodes one complete frame whose prelude has been checked: exactly its total length.
fn decode_frame(frame: &[u8]) -> Result<Message, DecodeErrorKind> {
    let truncated = DecodeErrorKind::Truncated {
        received: frame.len(),
        needed: frame.len(),
    };
    let crc_at = frame.len().checked_sub(CRC_LEN).ok_or(truncated.clone())?;
    let (body, crc_bytes) = frame.split_at_checked(crc_at).ok_or(truncated.clone())?;
    let expected = be_u32(crc_bytes, 0).ok_or(truncated.clone())?;
    let computed = crc32(body);
    if computed != expected {
        return Err(DecodeErrorKind::MessageChecksum { expected, computed });
    }
    let headers_len = be_u32(frame, 4)
        .and_then(|n| usize::try_from(n).ok())
        .ok_or(truncated.clone())?;
    let headers_end = PRELUDE_LEN
        .checked_add(headers_len)
        .ok_or(truncated.clone())?;
    let headers = body
        .get(PRELUDE_LEN..headers_end)
        .ok_or(truncated.clone())?;
    let payload = body.get(headers_end..).ok_or(truncated)?;
    Ok(Message {
        headers: decode_headers(headers, PRELUDE_LEN)?,
        payload: payload.to_vec(),
    })
}

/// A cursor over the headers section; `offset` is its position in the frame, for errors.
struct Cursor<'a> {
    rest: &'a [u8],
    offset: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], DecodeErrorKind> {
        let (head, rest) =
            self.rest
                .split_at_checked(n)
                .ok_or(DecodeErrorKind::HeaderTruncated {
                    offset: self.offset,
                })?;
        self.rest = rest;
        self.offset = self.offset.saturating_add(n);
        Ok(head)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], DecodeErrorKind> {
        let (head, rest) =
            self.rest
                .split_first_chunk::<N>()
                .ok_or(DecodeErrorKind::HeaderTruncated {
                    offset: self.offset,
                })?;
        self.rest = rest;
        self.offset = self.offset.saturating_add(N);
        Ok(*head)
    }

    fn utf8(&mut self, n: usize) -> Result<String, DecodeErrorKind> {
        let offset = self.offset;
        let bytes = self.take(n)?;
        std::str::from_utf8(bytes)
            .map(str::to_owned)
            .map_err(|_| DecodeErrorKind::InvalidUtf8 { offset })
    }
}

fn decode_headers(section: &[u8], base: usize) -> Result<Vec<Header>, DecodeErrorKind> {
    let mut cursor = Cursor {
        rest: section,
        offset: base,
    };
    let mut headers = Vec::new();
    while !cursor.rest.is_empty() {
        let [name_len] = cursor.array::<1>()?;
        let name = cursor.utf8(usize::from(name_len))?;
        let type_offset = cursor.offset;
        let [value_type] = cursor.array::<1>()?;
        let value = match value_type {
            0 => HeaderValue::Bool(true),
            1 => HeaderValue::Bool(false),
            2 => HeaderValue::Byte(i8::from_be_bytes(cursor.array()?)),
            3 => HeaderValue::Short(i16::from_be_bytes(cursor.array()?)),
            4 => HeaderValue::Int(i32::from_be_bytes(cursor.array()?)),
            5 => HeaderValue::Long(i64::from_be_bytes(cursor.array()?)),
            6 => {
                let len = u16::from_be_bytes(cursor.array()?);
                HeaderValue::ByteArray(cursor.take(usize::from(len))?.to_vec())
            }
            7 => {
                let len = u16::from_be_bytes(cursor.array()?);
                HeaderValue::String(cursor.utf8(usize::from(len))?)
            }
            8 => HeaderValue::Timestamp(DateTime::from_millis(i64::from_be_bytes(cursor.array()?))),
            9 => HeaderValue::Uuid(cursor.array()?),
            _ => {
                return Err(DecodeErrorKind::UnknownHeaderType {
                    offset: type_offset,
                    value_type,
                });
            }
        };
        headers.push(Header { name, value });
    }
    Ok(headers)
}

// ---------------------------------------------------------------------------------------------
// Encoder

/// The milliseconds since the epoch of `t`, rounded down; `None` if they do not fit an i64.
fn millis(t: DateTime) -> Option<i64> {
    // In i128: for `i64::MIN` milliseconds, `secs * 1000` alone is below `i64::MIN` while the
    // sum is not (found by the fuzz target).
    let ms = i128::from(t.secs()) * 1000 + i128::from(t.subsec_nanos() / 1_000_000);
    i64::try_from(ms).ok()
}

fn encode_headers(headers: &[Header], out: &mut Vec<u8>) -> Result<(), EncodeError> {
    for header in headers {
        let name = header.name.as_bytes();
        let name_len = u8::try_from(name.len())
            .map_err(|_| EncodeError::HeaderNameTooLong { len: name.len() })?;
        out.push(name_len);
        out.extend_from_slice(name);
        out.push(header.value.type_byte());
        match &header.value {
            HeaderValue::Bool(_) => {}
            HeaderValue::Byte(v) => out.extend_from_slice(&v.to_be_bytes()),
            HeaderValue::Short(v) => out.extend_from_slice(&v.to_be_bytes()),
            HeaderValue::Int(v) => out.extend_from_slice(&v.to_be_bytes()),
            HeaderValue::Long(v) => out.extend_from_slice(&v.to_be_bytes()),
            HeaderValue::ByteArray(v) => push_u16_prefixed(&header.name, v, out)?,
            HeaderValue::String(v) => push_u16_prefixed(&header.name, v.as_bytes(), out)?,
            HeaderValue::Timestamp(t) => {
                let ms = millis(*t).ok_or_else(|| EncodeError::TimestampOutOfRange {
                    name: header.name.clone(),
                })?;
                out.extend_from_slice(&ms.to_be_bytes());
            }
            HeaderValue::Uuid(v) => out.extend_from_slice(v),
        }
    }
    Ok(())
}

fn push_u16_prefixed(name: &str, value: &[u8], out: &mut Vec<u8>) -> Result<(), EncodeError> {
    let len = u16::try_from(value.len()).map_err(|_| EncodeError::HeaderValueTooLong {
        name: name.to_owned(),
        len: value.len(),
    })?;
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(value);
    Ok(())
}

/// Encodes `message` as one frame.
///
/// Fails for a header name over 255 bytes, a string or byte-array value over
/// 65,535 bytes, a timestamp outside i64 milliseconds, headers over [`MAX_HEADERS_LEN`], or a
/// frame over [`MAX_MESSAGE_LEN`]: everything [`Decoder::new`] would reject. Conversely,
/// every message the decoder yields encodes back to exactly the bytes it came from (the
/// format leaves no choice), an empty header name included: the format allows one, and AWS's
/// C implementation neither rejects nor forbids it.
pub fn encode(message: &Message) -> Result<Vec<u8>, EncodeError> {
    let mut out = Vec::with_capacity(
        PRELUDE_LEN
            .saturating_add(message.payload.len())
            .saturating_add(CRC_LEN)
            .saturating_add(64),
    );
    out.extend_from_slice(&[0; PRELUDE_LEN]);
    encode_headers(&message.headers, &mut out)?;
    let headers_len = out.len().saturating_sub(PRELUDE_LEN);
    if headers_len > MAX_HEADERS_LEN {
        return Err(EncodeError::HeadersTooLong { len: headers_len });
    }
    let total = out
        .len()
        .saturating_add(message.payload.len())
        .saturating_add(CRC_LEN);
    if total > MAX_MESSAGE_LEN {
        return Err(EncodeError::MessageTooLong { len: total });
    }
    // Both lengths are within the bounds just checked, far below u32::MAX.
    let total_len = u32::try_from(total).map_err(|_| EncodeError::MessageTooLong { len: total })?;
    let headers_len =
        u32::try_from(headers_len).map_err(|_| EncodeError::HeadersTooLong { len: headers_len })?;
    let mut prelude = [0u8; PRELUDE_LEN];
    let (lengths, prelude_crc) = prelude.split_at_mut(8);
    let (total_bytes, headers_bytes) = lengths.split_at_mut(4);
    total_bytes.copy_from_slice(&total_len.to_be_bytes());
    headers_bytes.copy_from_slice(&headers_len.to_be_bytes());
    prelude_crc.copy_from_slice(&crc32(lengths).to_be_bytes());
    if let Some(head) = out.get_mut(..PRELUDE_LEN) {
        head.copy_from_slice(&prelude);
    }
    out.extend_from_slice(&message.payload);
    let message_crc = crc32(&out);
    out.extend_from_slice(&message_crc.to_be_bytes());
    Ok(out)
}
