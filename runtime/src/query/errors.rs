//! Reading error responses (`<ErrorResponse><Error>…`, EC2's `<Response><Errors>…`).

use super::response::{header_request_id, read_metadata, set_once};
use crate::error::ErrorMetadata;
use crate::operation::InvalidResponse;
use crate::xml::{Element, XmlError, XmlReader};

/// The metadata of an awsQuery error response: `Code`, `Message` and `Type` from
/// `<ErrorResponse><Error>` (or `<Response><Errors><Error>`, or a root `<Error>`), the request id
/// from `<RequestId>` (or `<RequestID>`) beside the error, else from `<RequestId>` inside it (S3's
/// root `<Error>`), else from `x-amzn-RequestId` (or S3's `x-amz-request-id`).
///
/// A body that is not an error document is handled as botocore handles it: an empty body, an
/// HTML page from a 5xx status (a load balancer's), or a document without a `Code` gives a
/// generic error whose code is the HTTP status (`"503"`) and whose message is the status's
/// reason phrase; any other body that is not well-formed XML is an [`InvalidResponse`] saying
/// what was wrong, and so is a `Code`, `Message`, `Type` or request id given twice (see
/// [`crate::xml`]). Of two `<Error>` elements the first is read, as botocore does.
pub fn error_metadata(
    status: u16,
    headers: &http::HeaderMap,
    body: &[u8],
) -> Result<ErrorMetadata, InvalidResponse> {
    let trimmed = body.trim_ascii();
    let html = trimmed
        .get(..5)
        .is_some_and(|start| start.eq_ignore_ascii_case(b"<html"));
    if trimmed.is_empty() || (status >= 500 && html) {
        return Ok(generic_error(status, headers));
    }
    let mut fields = ErrorFields::default();
    read_error(body, |reader, error| {
        while let Some(child) = reader.next_child(error)? {
            let (slot, what) = match child.local_name() {
                "Code" => (&mut fields.code, "<Code>"),
                "Message" => (&mut fields.message, "<Message>"),
                "Type" => (&mut fields.error_type, "<Type>"),
                // S3's `<Error>` root carries the request id inside.
                "RequestId" => (&mut fields.request_id, "<RequestId>"),
                _ => {
                    reader.skip(&child)?;
                    continue;
                }
            };
            let value = reader.string(&child)?;
            if slot.is_some() {
                return Err(XmlError::new(format!("{what} given twice in <Error>")));
            }
            *slot = Some(value);
        }
        Ok(())
    })
    .map(|request_id| match fields.code.take() {
        None => generic_error(status, headers),
        Some(code) => ErrorMetadata::new(code, status)
            .with_message(fields.message.take())
            .with_error_type(fields.error_type.take())
            .with_request_id(
                request_id
                    .or(fields.request_id.take())
                    .or_else(|| header_request_id(headers)),
            ),
    })
    .map_err(|e| InvalidResponse::new(status, format!("unreadable error response: {e}")))
}

#[derive(Default)]
struct ErrorFields {
    code: Option<String>,
    message: Option<String>,
    error_type: Option<String>,
    request_id: Option<String>,
}

/// botocore's generic error: the HTTP status as the code, its reason phrase as the message.
fn generic_error(status: u16, headers: &http::HeaderMap) -> ErrorMetadata {
    let reason = http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .map(str::to_owned);
    ErrorMetadata::new(status.to_string(), status)
        .with_message(reason)
        .with_request_id(header_request_id(headers))
}

/// Reads the modeled members of an error: hands the `<Error>` element of the error response in
/// `body` to `parse` (the generated parser of the error structure).
pub fn parse_error_members<'a, T>(
    body: &'a [u8],
    parse: impl FnOnce(&mut XmlReader<'a>, &Element<'a>) -> Result<T, XmlError>,
) -> Result<T, XmlError> {
    let mut parse = Some(parse);
    let mut parsed = None;
    read_error(body, |reader, error| match parse.take() {
        Some(parse) => {
            parsed = Some(parse(reader, error)?);
            Ok(())
        }
        None => reader.skip(error),
    })?;
    parsed.ok_or_else(|| XmlError::new("the error response has no <Error> element"))
}

/// Walks an error document: calls `on_error` for the first `<Error>` element (which it must
/// consume) and returns the request id found beside it.
fn read_error<'a>(
    body: &'a [u8],
    mut on_error: impl FnMut(&mut XmlReader<'a>, &Element<'a>) -> Result<(), XmlError>,
) -> Result<Option<String>, XmlError> {
    let mut reader = XmlReader::new(body);
    let root = reader.root()?;
    let mut request_id = None;
    if root.local_name() == "Error" {
        on_error(&mut reader, &root)?;
    } else {
        let mut seen = false;
        while let Some(child) = reader.next_child(&root)? {
            match child.local_name() {
                "Error" if !seen => {
                    seen = true;
                    on_error(&mut reader, &child)?;
                }
                "Errors" => {
                    while let Some(error) = reader.next_child(&child)? {
                        if error.local_name() == "Error" && !seen {
                            seen = true;
                            on_error(&mut reader, &error)?;
                        } else {
                            reader.skip(&error)?;
                        }
                    }
                }
                "RequestId" | "RequestID" => {
                    set_once(&mut request_id, reader.string(&child)?, "request id")?;
                }
                "ResponseMetadata" => read_metadata(&mut reader, &child, &mut request_id)?,
                _ => reader.skip(&child)?,
            }
        }
    }
    reader.finish()?;
    Ok(request_id)
}
