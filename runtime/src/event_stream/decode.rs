//! The incremental [`Decoder`]: frames checked prelude first, then cut out whole and parsed.

use super::headers::decode_headers;
use super::{
    CRC_LEN, DecodeError, DecodeErrorKind, MAX_HEADERS_LEN, MAX_MESSAGE_LEN, MIN_MESSAGE_LEN,
    Message, PRELUDE_LEN, crc32,
};

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
