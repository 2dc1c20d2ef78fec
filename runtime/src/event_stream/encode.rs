//! [`encode`]: one message as one frame.

use super::headers::encode_headers;
use super::{CRC_LEN, EncodeError, MAX_HEADERS_LEN, MAX_MESSAGE_LEN, Message, PRELUDE_LEN, crc32};

/// Encodes `message` as one frame.
///
/// Fails for a header name over 255 bytes, a string or byte-array value over
/// 65,535 bytes, a timestamp outside i64 milliseconds, headers over [`MAX_HEADERS_LEN`], or a
/// frame over [`MAX_MESSAGE_LEN`]: everything [`Decoder::new`](super::Decoder::new) would reject. Conversely,
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
