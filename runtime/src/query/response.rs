//! Reading responses: the result wrapper, `ResponseMetadata` and the request id, for awsQuery
//! and EC2's dialect.

use crate::operation::InvalidResponse;
use crate::xml::{Element, XmlError, XmlReader};

/// Reads a successful awsQuery response: `<{root}>` must be the root element; its
/// `<{wrapper}>` child goes to `result` (the generated parser of the output), and the request
/// id comes from `<ResponseMetadata><RequestId>`, else from the `x-amzn-RequestId` header.
///
/// An empty body, or one without the wrapper element, gives no result (an output with every
/// member absent), as botocore reads it. Unknown elements are skipped. The wrapper element or
/// the request id given twice is an error, as any member given twice is (see
/// [`crate::xml`]).
pub fn parse_response<'a, T>(
    body: &'a [u8],
    headers: &http::HeaderMap,
    root: &str,
    wrapper: &str,
    mut result: impl FnMut(&mut XmlReader<'a>, &Element<'a>) -> Result<T, XmlError>,
) -> Result<(Option<T>, Option<String>), XmlError> {
    let mut parsed = None;
    let mut request_id = None;
    if !body.trim_ascii().is_empty() {
        let mut reader = XmlReader::new(body);
        let top = reader.root()?;
        if top.local_name() != root {
            return Err(XmlError::new(format!(
                "expected the root element <{root}>, found <{}>",
                top.local_name()
            )));
        }
        while let Some(child) = reader.next_child(&top)? {
            match child.local_name() {
                name if name == wrapper => {
                    if parsed.is_some() {
                        return Err(XmlError::new(format!(
                            "<{wrapper}> given twice in <{root}>"
                        )));
                    }
                    parsed = Some(result(&mut reader, &child)?);
                }
                "ResponseMetadata" => read_metadata(&mut reader, &child, &mut request_id)?,
                _ => reader.skip(&child)?,
            }
        }
        reader.finish()?;
    }
    Ok((parsed, request_id.or_else(|| header_request_id(headers))))
}

/// Reads `<ResponseMetadata>`'s `<RequestId>` into `request_id`, which must not have one yet.
pub(super) fn read_metadata<'a>(
    reader: &mut XmlReader<'a>,
    metadata: &Element<'a>,
    request_id: &mut Option<String>,
) -> Result<(), XmlError> {
    while let Some(field) = reader.next_child(metadata)? {
        match field.local_name() {
            "RequestId" => set_once(request_id, reader.string(&field)?, "request id")?,
            _ => reader.skip(&field)?,
        }
    }
    Ok(())
}

/// Stores a value of the envelope in `slot`, unless it already has one.
pub(super) fn set_once(
    slot: &mut Option<String>,
    value: String,
    what: &str,
) -> Result<(), XmlError> {
    if slot.is_some() {
        return Err(XmlError::new(format!("the {what} given twice")));
    }
    *slot = Some(value);
    Ok(())
}

/// Reads a successful ec2 response: `<{root}>` must be the root element, and goes to `parse`
/// (the generated parser of the output, which reads the output's members and `<requestId>`
/// among them: ec2 has no result wrapper). An empty body gives no result, as for awsQuery.
pub fn parse_ec2_response<'a, T>(
    body: &'a [u8],
    root: &str,
    parse: impl FnOnce(&mut XmlReader<'a>, &Element<'a>) -> Result<T, XmlError>,
) -> Result<Option<T>, XmlError> {
    if body.trim_ascii().is_empty() {
        return Ok(None);
    }
    let mut reader = XmlReader::new(body);
    let top = reader.root()?;
    if top.local_name() != root {
        return Err(XmlError::new(format!(
            "expected the root element <{root}>, found <{}>",
            top.local_name()
        )));
    }
    let parsed = parse(&mut reader, &top)?;
    reader.finish()?;
    Ok(Some(parsed))
}

/// S3's request id header, parsed once.
const S3_REQUEST_ID: http::HeaderName = http::HeaderName::from_static("x-amz-request-id");

/// The request id of the `x-amzn-RequestId` header (S3-style services: `x-amz-request-id`),
/// if any.
pub fn header_request_id(headers: &http::HeaderMap) -> Option<String> {
    headers
        .get(crate::operation::header::REQUEST_ID)
        .or_else(|| headers.get(S3_REQUEST_ID))
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// Reads a restXml document (a response body or payload): its root element, whatever its
/// name, goes to `parse` (the generated parser of the output or payload structure). A blank
/// body gives `None`; a body that cannot be read is an [`InvalidResponse`] saying why.
pub fn parse_document<'a, T>(
    status: u16,
    body: &'a [u8],
    parse: impl FnOnce(&mut XmlReader<'a>, &Element<'a>) -> Result<T, XmlError>,
) -> Result<Option<T>, InvalidResponse> {
    if body.trim_ascii().is_empty() {
        return Ok(None);
    }
    let read = |body: &'a [u8]| -> Result<T, XmlError> {
        let mut reader = XmlReader::new(body);
        let root = reader.root()?;
        let parsed = parse(&mut reader, &root)?;
        reader.finish()?;
        Ok(parsed)
    };
    read(body)
        .map(Some)
        .map_err(|e| InvalidResponse::new(status, format!("unreadable response: {e}")))
}

/// Reads the XML payload of an event-stream message (restXml) as `parse`'s structure: the
/// root element, whatever its name; an empty payload (an event without members, such as S3
/// Select's `Cont` and `End`) is the structure with no member set.
pub fn parse_event_payload<'a, T>(
    status: u16,
    payload: &'a [u8],
    parse: impl FnOnce(&mut XmlReader<'a>, &Element<'a>) -> Result<T, XmlError>,
) -> Result<T, InvalidResponse> {
    let payload: &'a [u8] = if payload.trim_ascii().is_empty() {
        b"<Event/>"
    } else {
        payload
    };
    parse_document(status, payload, parse)?
        .ok_or_else(|| InvalidResponse::new(status, "event stream: an empty XML payload"))
}
