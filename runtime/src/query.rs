//! The awsQuery protocol's shape-independent parts: the form-encoded request body writer
//! ([`QueryWriter`]), the response envelope (`<OpResponse><OpResult>…` and
//! `ResponseMetadata`), and the error envelope (`<ErrorResponse><Error>…`). Generated code
//! supplies one serializer or parser per shape and calls these.
//!
//! # Request bodies
//!
//! A body is `Action=<op>&Version=<api version>` followed by one `key=value` pair per scalar, in
//! the order the generated serializer writes them. Keys are dotted paths (`Tags.Tag.1.Key`)
//! built on a key stack: [`QueryWriter::member`] and [`QueryWriter::index`] push a segment and
//! return a [`Scope`] that pops it when dropped; the value methods write a pair at the current
//! key. Values are percent-encoded byte for byte as botocore encodes them (Python's
//! `urlencode`, i.e. `quote_plus`): `A–Z a–z 0–9 - _ . ~` stay, a space becomes `+`, every
//! other byte of the UTF-8 text becomes `%XX`.
//!
//! # Responses
//!
//! [`parse_response`] checks the root element, hands the result wrapper element to the
//! generated parser and reads the request id; [`parse_ec2_response`] does the same for EC2's
//! dialect, which has no wrapper; [`error_metadata`] and [`parse_error_members`] read an error
//! response of either.

use std::fmt::Write as _;
use std::ops::{Deref, DerefMut};

use super::error::ErrorMetadata;
use super::operation::InvalidResponse;
use super::timestamp::DateTime;
use super::xml::{Element, XmlError, XmlReader};

/// The `Content-Type` of awsQuery requests, as botocore sends it.
pub const CONTENT_TYPE: &str = "application/x-www-form-urlencoded; charset=utf-8";

/// Whether a byte is sent as itself: the unreserved characters of RFC 3986.
const fn unreserved_table() -> [bool; 256] {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || c == b'-' || c == b'_' || c == b'.' || c == b'~';
        b += 1;
    }
    table
}

static UNRESERVED: [bool; 256] = unreserved_table();
const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Appends `value` form-encoded as botocore encodes it (see the [module docs](self)).
pub fn push_encoded(out: &mut Vec<u8>, value: &str) {
    let bytes = value.as_bytes();
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if UNRESERVED[usize::from(b)] {
            continue;
        }
        out.extend_from_slice(&bytes[run..i]);
        if b == b' ' {
            out.push(b'+');
        } else {
            out.extend_from_slice(&[b'%', HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xf)]]);
        }
        run = i + 1;
    }
    out.extend_from_slice(&bytes[run..]);
}

/// Builds an awsQuery request body. See the [module docs](self).
#[derive(Debug)]
pub struct QueryWriter {
    out: Vec<u8>,
    key: Vec<u8>,
    scratch: String,
}

impl QueryWriter {
    /// Starts a body with `Action=<action>&Version=<version>`, with room for `capacity` bytes.
    #[inline]
    pub fn new(action: &str, version: &str, capacity: usize) -> Self {
        let mut out = Vec::with_capacity(capacity);
        out.extend_from_slice(b"Action=");
        push_encoded(&mut out, action);
        out.extend_from_slice(b"&Version=");
        push_encoded(&mut out, version);
        Self {
            out,
            key: Vec::with_capacity(64),
            scratch: String::new(),
        }
    }

    /// The body.
    #[inline]
    pub fn finish(self) -> Vec<u8> {
        self.out
    }

    /// Enters the member `name`, which must already be form-encoded (generated code passes
    /// model names, encoded by the generator). The returned scope leaves it when dropped.
    #[inline]
    pub fn member(&mut self, name: &str) -> Scope<'_> {
        let mark = self.key.len();
        if mark != 0 {
            self.key.push(b'.');
        }
        self.key.extend_from_slice(name.as_bytes());
        Scope { writer: self, mark }
    }

    /// Enters the list or map entry with this 1-based position.
    #[inline]
    pub fn index(&mut self, position: usize) -> Scope<'_> {
        let mark = self.key.len();
        self.key.push(b'.');
        push_decimal(&mut self.key, position as u64);
        Scope { writer: self, mark }
    }

    fn pair(&mut self) {
        self.out.push(b'&');
        self.out.extend_from_slice(&self.key);
        self.out.push(b'=');
    }

    /// Writes `key=` with an empty value (an empty list, or an empty string).
    #[inline]
    pub fn empty(&mut self) {
        self.pair();
    }

    /// Writes a string.
    #[inline]
    pub fn string(&mut self, value: &str) {
        self.pair();
        push_encoded(&mut self.out, value);
    }

    /// Writes `true` or `false`.
    #[inline]
    pub fn boolean(&mut self, value: bool) {
        self.pair();
        self.out
            .extend_from_slice(if value { b"true" } else { b"false" });
    }

    /// Writes an integer of any width.
    #[inline]
    pub fn integer(&mut self, value: impl Into<i64>) {
        self.pair();
        let value = value.into();
        if value < 0 {
            self.out.push(b'-');
        }
        push_decimal(&mut self.out, value.unsigned_abs());
    }

    /// Writes a double the way botocore (Python's `repr`) writes it: `10.8`, `1.0`, `1e+16`,
    /// `NaN`, `Infinity`, `-Infinity`.
    #[inline]
    pub fn double(&mut self, value: f64) {
        self.pair();
        if value.is_finite() {
            self.scratch.clear();
            let _ = write!(self.scratch, "{value:e}");
            push_python_float(&mut self.out, &self.scratch);
        } else {
            push_special(&mut self.out, value);
        }
    }

    /// Writes a float with its shortest decimal digits (`10.8f32` as `10.8`), formatted like
    /// [`double`](Self::double).
    #[inline]
    pub fn float(&mut self, value: f32) {
        self.pair();
        if value.is_finite() {
            self.scratch.clear();
            let _ = write!(self.scratch, "{value:e}");
            push_python_float(&mut self.out, &self.scratch);
        } else {
            push_special(&mut self.out, f64::from(value));
        }
    }

    /// Writes a timestamp as an RFC 3339 date-time (the awsQuery default).
    #[inline]
    pub fn date_time(&mut self, value: DateTime) {
        self.scratch.clear();
        value.fmt_date_time(&mut self.scratch);
        self.write_scratch();
    }

    /// Writes a timestamp as an HTTP date (`timestampFormat: rfc822`).
    #[inline]
    pub fn http_date(&mut self, value: DateTime) {
        self.scratch.clear();
        value.fmt_http_date(&mut self.scratch);
        self.write_scratch();
    }

    /// Writes a timestamp as epoch seconds (`timestampFormat: unixTimestamp`).
    #[inline]
    pub fn epoch_seconds(&mut self, value: DateTime) {
        self.scratch.clear();
        value.fmt_epoch_seconds(&mut self.scratch);
        self.write_scratch();
    }

    fn write_scratch(&mut self) {
        self.pair();
        push_encoded(&mut self.out, &self.scratch);
    }
}

/// A key segment entered with [`QueryWriter::member`] or [`QueryWriter::index`]; dropping it
/// leaves the segment. Dereferences to the writer.
#[derive(Debug)]
pub struct Scope<'w> {
    writer: &'w mut QueryWriter,
    mark: usize,
}

impl Deref for Scope<'_> {
    type Target = QueryWriter;

    fn deref(&self) -> &QueryWriter {
        self.writer
    }
}

impl DerefMut for Scope<'_> {
    fn deref_mut(&mut self) -> &mut QueryWriter {
        self.writer
    }
}

impl Drop for Scope<'_> {
    fn drop(&mut self) {
        self.writer.key.truncate(self.mark);
    }
}

fn push_decimal(out: &mut Vec<u8>, mut value: u64) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[start..]);
}

fn push_special(out: &mut Vec<u8>, value: f64) {
    out.extend_from_slice(if value.is_nan() {
        b"NaN"
    } else if value > 0.0 {
        b"Infinity"
    } else {
        b"-Infinity"
    });
}

/// Rewrites Rust's shortest scientific form (`-1.08e1`) as Python's `repr` writes the same
/// digits: positional when the decimal exponent is in -4..16 (`-10.8`, `1.0`, `0.0001`),
/// scientific otherwise (`1e+16`, `1.5e-07`).
fn push_python_float(out: &mut Vec<u8>, scientific: &str) {
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((scientific, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let (negative, mantissa) = match mantissa.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, mantissa),
    };
    let digits: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).collect();
    if negative {
        out.push(b'-');
    }
    // Position of the decimal point relative to the first digit.
    let point = exponent + 1;
    if (-3..=16).contains(&point) {
        if point <= 0 {
            out.extend_from_slice(b"0.");
            out.extend(std::iter::repeat_n(b'0', point.unsigned_abs() as usize));
            out.extend_from_slice(&digits);
        } else {
            let point = point as usize;
            if point >= digits.len() {
                out.extend_from_slice(&digits);
                out.extend(std::iter::repeat_n(b'0', point - digits.len()));
                out.extend_from_slice(b".0");
            } else {
                out.extend_from_slice(&digits[..point]);
                out.push(b'.');
                out.extend_from_slice(&digits[point..]);
            }
        }
    } else {
        let (first, rest) = digits
            .split_first()
            .map_or((b'0', &[][..]), |(f, r)| (*f, r));
        out.push(first);
        if !rest.is_empty() {
            out.push(b'.');
            out.extend_from_slice(rest);
        }
        out.extend_from_slice(if exponent < 0 { b"e-" } else { b"e+" });
        if exponent.unsigned_abs() < 10 {
            out.push(b'0');
        }
        push_decimal(out, u64::from(exponent.unsigned_abs()));
    }
}

/// Reads a successful awsQuery response: `<{root}>` must be the root element; its
/// `<{wrapper}>` child goes to `result` (the generated parser of the output), and the request
/// id comes from `<ResponseMetadata><RequestId>`, else from the `x-amzn-RequestId` header.
///
/// An empty body, or one without the wrapper element, gives no result (an output with every
/// member absent), as botocore reads it. Unknown elements are skipped. The wrapper element or
/// the request id given twice is an error, as any member given twice is (see
/// [`super::xml`]).
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
fn read_metadata<'a>(
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
fn set_once(slot: &mut Option<String>, value: String, what: &str) -> Result<(), XmlError> {
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

/// The request id of the `x-amzn-RequestId` header (S3-style services: `x-amz-request-id`),
/// if any.
pub fn header_request_id(headers: &http::HeaderMap) -> Option<String> {
    headers
        .get("x-amzn-requestid")
        .or_else(|| headers.get("x-amz-request-id"))
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
/// [`super::xml`]). Of two `<Error>` elements the first is read, as botocore does.
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
