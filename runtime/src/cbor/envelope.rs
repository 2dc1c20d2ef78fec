//! Whole CBOR bodies and the rpc-v2-cbor error envelope.

use super::{CborError, CborReader};
use crate::error::ErrorMetadata;
use crate::operation::{EnvelopeError, InvalidResponse, envelope_metadata};

/// Parses a whole response body with `parse` (a generated structure parser): an empty body
/// reads as an empty map, and anything after the item is an error.
pub fn parse_body<'a, T>(
    status: u16,
    body: &'a [u8],
    parse: impl FnOnce(&mut CborReader<'a>) -> Result<T, CborError>,
) -> Result<T, InvalidResponse> {
    let body: &'a [u8] = if body.is_empty() { &[0xa0] } else { body };
    let mut reader = CborReader::new(body);
    let run = |reader: &mut CborReader<'a>| {
        let value = parse(reader)?;
        reader.finish()?;
        Ok(value)
    };
    run(&mut reader).map_err(|e: CborError| e.into_invalid(status))
}

/// Reads the error envelope of an error response (HTTP `status`): the code from the body's
/// `__type` (else the `X-Amzn-ErrorType` header), the message from `message` or `Message`, the
/// request id from `x-amzn-RequestId`. A body that is not CBOR is an error unless the header
/// gives the code; a response without any code gets an empty one.
pub fn error_metadata(
    status: u16,
    headers: &http::HeaderMap,
    body: &[u8],
) -> Result<ErrorMetadata, InvalidResponse> {
    envelope_metadata(status, headers, error_fields(body), CborError::into_invalid)
}

/// `(code, message)` from an error body: the code from `__type`, the message from `message`
/// or `Message`; fields that are not text strings are ignored. Each of the keys read may be
/// given once (`null` and `undefined` count as absent).
fn error_fields(body: &[u8]) -> Result<(Option<String>, Option<String>), EnvelopeError<CborError>> {
    if body.is_empty() {
        return Ok((None, None));
    }
    let mut reader = CborReader::new(body);
    crate::wire::envelope_fields(&mut reader, &["__type"], &["message", "Message"])
}
