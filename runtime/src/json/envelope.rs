//! Whole JSON bodies and the awsJson and restJson1 error envelopes.

use super::{JsonError, JsonReader};
use crate::error::ErrorMetadata;
use crate::operation::{EnvelopeError, InvalidResponse, envelope_metadata, sanitize_error_code};

/// Parses a whole response body with `parse` (a generated structure parser): an empty body
/// reads as `{}`, and anything but whitespace after the value is an error.
#[inline]
pub fn parse_body<'a, T>(
    status: u16,
    body: &'a [u8],
    parse: impl FnOnce(&mut JsonReader<'a>) -> Result<T, JsonError>,
) -> Result<T, InvalidResponse> {
    let run = || {
        let mut reader = JsonReader::new(body)?;
        if reader.at_end() {
            reader = JsonReader::new(b"{}")?;
        }
        let value = parse(&mut reader)?;
        reader.finish()?;
        Ok(value)
    };
    run().map_err(|e: JsonError| e.into_invalid(status))
}

/// Reads the error envelope of an error response (HTTP `status`): the code from the body's
/// `__type`, else its `code`, else the `X-Amzn-ErrorType` header (each sanitized with
/// [`sanitize_error_code`]); the message from `message`, `Message` or `errorMessage`; the
/// request id from `x-amzn-RequestId`. A body that is not JSON is an error unless the header
/// gives the code; a response without any code gets an empty one.
pub fn error_metadata(
    status: u16,
    headers: &http::HeaderMap,
    body: &[u8],
) -> Result<ErrorMetadata, InvalidResponse> {
    envelope_metadata(status, headers, error_fields(body), JsonError::into_invalid)
}

/// Reads the error envelope of a restJson1 error response: as [`error_metadata`], except that
/// the `X-Amzn-ErrorType` header, when present, names the code before the body does (then the
/// body's `code`, then `__type`, as botocore and the Smithy restJson1 specification read them).
pub fn rest_error_metadata(
    status: u16,
    headers: &http::HeaderMap,
    body: &[u8],
) -> Result<ErrorMetadata, InvalidResponse> {
    let header = headers
        .get(crate::operation::header::ERROR_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| !sanitize_error_code(v).is_empty());
    let fields = match error_fields_ranked(body, ["code", "__type"]) {
        Ok((_, message)) if header => Ok((None, message)),
        other => other,
    };
    envelope_metadata(status, headers, fields, JsonError::into_invalid)
}

/// `(code, message)` from an error body; fields that are not strings are ignored. Each of the
/// keys read may be given once (`null` counts as absent).
fn error_fields(body: &[u8]) -> Result<(Option<String>, Option<String>), EnvelopeError<JsonError>> {
    error_fields_ranked(body, ["__type", "code"])
}

/// [`error_fields`], with the two code keys in the order of preference given; the message
/// from `message`, `Message` or `errorMessage`.
fn error_fields_ranked(
    body: &[u8],
    codes: [&str; 2],
) -> Result<(Option<String>, Option<String>), EnvelopeError<JsonError>> {
    let mut reader = JsonReader::new(body)?;
    if reader.at_end() {
        return Ok((None, None));
    }
    crate::wire::envelope_fields(&mut reader, &codes, &["message", "Message", "errorMessage"])
}
