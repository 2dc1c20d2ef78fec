//! The HTTP bindings of the REST protocols (restJson1 today, restXml later), both directions:
//! URI labels (percent-encoded; greedy labels keep `/`), query parameters (lists repeated),
//! headers (lists comma-joined, quoted where needed; HTTP dates in lists not quoted), prefix
//! headers, and reading the same back from a response's headers. The body codec is not here:
//! a REST protocol is a body codec (`json`, …) plus these bindings.
//!
//! Values that cannot go into a request are [`InvalidRequest`]s naming the member; header
//! values a response cannot have meant are [`InvalidResponse`]s. Nothing here panics.

use std::fmt::Write as _;

use super::operation::{InvalidRequest, InvalidResponse};
use super::timestamp::DateTime;

/// The value of the member bound to a URI label, which must be set: an unset one is an
/// [`InvalidRequest`] naming the member (the request would go to another resource).
#[inline]
pub fn label<'a, T>(value: &'a Option<T>, member: &'static str) -> Result<&'a T, InvalidRequest> {
    value.as_ref().ok_or_else(|| {
        InvalidRequest::new(member, "a URI label is required, but the member is not set")
    })
}

/// Appends `value` to `out` percent-encoded for a URI path: everything but RFC 3986's
/// unreserved characters (`A-Z a-z 0-9 - . _ ~`) is encoded, and `/` too unless `greedy`.
/// An empty value (or, greedy, one with an empty segment at either end) is an error, since
/// the request would go to another resource.
pub fn push_label(
    out: &mut String,
    value: &str,
    greedy: bool,
    member: &'static str,
) -> Result<(), InvalidRequest> {
    if value.is_empty() {
        return Err(InvalidRequest::new(member, "a URI label cannot be empty"));
    }
    if greedy && (value.starts_with('/') && value.len() == 1) {
        return Err(InvalidRequest::new(
            member,
            "a greedy URI label cannot be only `/`",
        ));
    }
    encode(out, value, greedy);
    Ok(())
}

/// Appends the query parameter `key=value` to `out` (a URI that may already hold a query),
/// both percent-encoded.
pub fn push_query(out: &mut String, key: &str, value: &str) {
    out.push(if out.contains('?') { '&' } else { '?' });
    encode(out, key, false);
    out.push('=');
    encode(out, value, false);
}

fn encode(out: &mut String, value: &str, keep_slash: bool) {
    for b in value.bytes() {
        if b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~')
            || (keep_slash && b == b'/')
        {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
}

/// A float as the REST protocols write it outside JSON: `NaN`, `Infinity`, `-Infinity`, else
/// the shortest decimal that reads back as the same value.
pub fn float(value: f64) -> String {
    if value.is_nan() {
        "NaN".to_owned()
    } else if value.is_infinite() {
        if value > 0.0 { "Infinity" } else { "-Infinity" }.to_owned()
    } else {
        value.to_string()
    }
}

/// [`float`] for an `f32` (shortest decimal of the `f32`: `1.1`, not `1.100000023841858`).
pub fn float32(value: f32) -> String {
    if value.is_finite() {
        value.to_string()
    } else {
        float(f64::from(value))
    }
}

/// Appends one item of a header list to `out` (`a, b, c`): strings with a `,` or a `"` are
/// quoted, with `"` and `\` escaped, when `quote` (strings; not HTTP dates, whose commas the
/// reader knows about).
pub fn push_header_item(out: &mut String, value: &str, quote: bool) {
    if !out.is_empty() {
        out.push_str(", ");
    }
    if quote && (value.contains(',') || value.contains('"')) {
        out.push('"');
        for c in value.chars() {
            if c == '"' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
        out.push('"');
    } else {
        out.push_str(value);
    }
}

/// Sets header `name` (as the model spells it) to `value`, which must be a valid HTTP header
/// value (no control characters but tab).
pub fn set_header(
    headers: &mut http::HeaderMap,
    name: &'static str,
    value: &str,
    member: &'static str,
) -> Result<(), InvalidRequest> {
    set_prefixed_header(headers, name, "", value, member)
}

/// Sets the header `prefix` + `key` (a prefix-headers map entry) to `value`.
pub fn set_prefixed_header(
    headers: &mut http::HeaderMap,
    prefix: &str,
    key: &str,
    value: &str,
    member: &'static str,
) -> Result<(), InvalidRequest> {
    let name = http::HeaderName::from_bytes(format!("{prefix}{key}").as_bytes()).map_err(|_| {
        InvalidRequest::new(
            member,
            format!("`{prefix}{key}` is not a valid HTTP header name"),
        )
    })?;
    let value = header_value(value, member)?;
    headers.insert(name, value);
    Ok(())
}

fn header_value(value: &str, member: &'static str) -> Result<http::HeaderValue, InvalidRequest> {
    http::HeaderValue::from_str(value).map_err(|_| {
        InvalidRequest::new(
            member,
            "the value is not valid in an HTTP header (control characters or line breaks)",
        )
    })
}

/// Assembles a request: `method`, `uri` (path and query, as built with [`push_label`] and
/// [`push_query`]), `headers`, and `body` with its `content_type` (unless a header member set
/// one). `Content-Length` is set when there is a body.
pub fn request(
    method: http::Method,
    uri: String,
    mut headers: http::HeaderMap,
    body: Vec<u8>,
    content_type: Option<&'static str>,
) -> Result<http::Request<Vec<u8>>, InvalidRequest> {
    let uri = http::Uri::try_from(uri)
        .map_err(|e| InvalidRequest::new("(request URI)", e.to_string()))?;
    if let Some(content_type) = content_type
        && !headers.contains_key(http::header::CONTENT_TYPE)
    {
        headers.insert(
            http::header::CONTENT_TYPE,
            http::HeaderValue::from_static(content_type),
        );
    }
    if !body.is_empty() {
        headers.insert(
            http::header::CONTENT_LENGTH,
            http::HeaderValue::from(body.len()),
        );
    }
    let mut request = http::Request::new(body);
    *request.method_mut() = method;
    *request.uri_mut() = uri;
    *request.headers_mut() = headers;
    Ok(request)
}

// ---------------------------------------------------------------------------------------------
// Responses

/// The value of header `name`, if present; a value that is not visible ASCII/UTF-8 is an
/// error.
pub fn header<'h>(
    headers: &'h http::HeaderMap,
    name: &str,
    status: u16,
) -> Result<Option<&'h str>, InvalidResponse> {
    match headers.get(name) {
        None => Ok(None),
        Some(v) => v
            .to_str()
            .map(Some)
            .map_err(|_| InvalidResponse::new(status, format!("header `{name}` is not text"))),
    }
}

/// Parses one header value (or list item) with `parse`, naming the header in the error.
pub fn parse_item<T, E: std::fmt::Display>(
    value: &str,
    name: &str,
    status: u16,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> Result<T, InvalidResponse> {
    parse(value.trim()).map_err(|e| {
        InvalidResponse::new(
            status,
            format!("header `{name}`: cannot read `{}`: {e}", shown(value)),
        )
    })
}

/// A text payload: the whole body, which must be UTF-8.
pub fn body_text(status: u16, body: &[u8]) -> Result<String, InvalidResponse> {
    String::from_utf8(body.to_vec())
        .map_err(|_| InvalidResponse::new(status, "the payload is not UTF-8 text"))
}

/// A boolean header value: `true` or `false`.
pub fn parse_bool(value: &str) -> Result<bool, &'static str> {
    match value {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err("not a boolean"),
    }
}

/// A float header value: a decimal, or `NaN`, `Infinity`, `-Infinity`.
pub fn parse_f64(value: &str) -> Result<f64, &'static str> {
    match value {
        "NaN" => Ok(f64::NAN),
        "Infinity" => Ok(f64::INFINITY),
        "-Infinity" => Ok(f64::NEG_INFINITY),
        _ if value
            .bytes()
            .all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b)) =>
        {
            value.parse().map_err(|_| "not a number")
        }
        _ => Err("not a number"),
    }
}

/// [`parse_f64`] for an `f32`.
pub fn parse_f32(value: &str) -> Result<f32, &'static str> {
    match value {
        "NaN" => Ok(f32::NAN),
        "Infinity" => Ok(f32::INFINITY),
        "-Infinity" => Ok(f32::NEG_INFINITY),
        _ if value
            .bytes()
            .all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b)) =>
        {
            value.parse().map_err(|_| "not a number")
        }
        _ => Err("not a number"),
    }
}

/// A base64 header value holding JSON text (`mediaType: application/json`), as a string.
pub fn parse_json_value(value: &str) -> Result<String, String> {
    let bytes = super::blob::Blob::from_base64(value).map_err(|e| e.to_string())?;
    String::from_utf8(bytes.into_inner()).map_err(|_| "not UTF-8 text".to_owned())
}

/// The items of a header list (`a, "b,c", d`): split at commas outside double quotes, each
/// trimmed, quoted items unquoted (`\"` and `\\` unescaped). With `http_dates`, every second
/// comma splits (an HTTP date has a comma of its own: `Mon, 16 Dec 2019 23:48:18 GMT`).
pub fn split_list(value: &str, http_dates: bool) -> Vec<String> {
    let mut items = Vec::new();
    if value.trim().is_empty() {
        return items;
    }
    if http_dates {
        let mut parts = value.split(',');
        while let Some(first) = parts.next() {
            match parts.next() {
                Some(second) => items.push(format!("{},{}", first.trim(), second.trim_end())),
                None => items.push(first.trim().to_owned()),
            }
        }
        return items;
    }
    let mut chars = value.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| *c == ' ' || *c == '\t') {
            chars.next();
        }
        let mut item = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => {
                        if let Some(escaped) = chars.next() {
                            item.push(escaped);
                        }
                    }
                    '"' => break,
                    c => item.push(c),
                }
            }
            // Anything up to the next comma after the closing quote is ignored.
            for c in chars.by_ref() {
                if c == ',' {
                    break;
                }
            }
            items.push(item);
        } else {
            let mut ended = true;
            for c in chars.by_ref() {
                if c == ',' {
                    ended = false;
                    break;
                }
                item.push(c);
            }
            items.push(item.trim().to_owned());
            if ended {
                break;
            }
            continue;
        }
        if chars.peek().is_none() {
            break;
        }
    }
    items
}

/// The headers whose name starts with `prefix` (lowercase), keyed by the rest of the name
/// (lowercase, as HTTP names are case-insensitive), in the order the map holds them.
pub fn prefixed_headers<'h>(
    headers: &'h http::HeaderMap,
    prefix: &str,
    status: u16,
) -> Result<Vec<(&'h str, &'h str)>, InvalidResponse> {
    let mut out = Vec::new();
    for (name, value) in headers {
        if let Some(key) = name.as_str().strip_prefix(prefix) {
            let value = value.to_str().map_err(|_| {
                InvalidResponse::new(status, format!("header `{name}` is not text"))
            })?;
            out.push((key, value));
        }
    }
    Ok(out)
}

/// A timestamp header value in `format` (`http-date` by default for headers).
pub fn parse_timestamp(value: &str, format: TimestampFormat) -> Result<DateTime, String> {
    match format {
        TimestampFormat::HttpDate => DateTime::parse_http_date(value),
        TimestampFormat::DateTime => DateTime::parse_date_time(value),
        TimestampFormat::EpochSeconds => DateTime::parse_epoch_seconds(value),
    }
    .map_err(|e| e.to_string())
}

/// The timestamp formats of HTTP bindings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimestampFormat {
    /// RFC 3339 date-time.
    DateTime,
    /// IMF-fixdate.
    HttpDate,
    /// Seconds since the epoch.
    EpochSeconds,
}

/// At most 64 characters of a value from the wire.
fn shown(value: &str) -> String {
    let quoted: String = value.chars().take(64).collect();
    if quoted.len() < value.len() {
        format!("{quoted}…")
    } else {
        quoted
    }
}

/// Whether `body` is an XML document whose root element is `<Error>` (after an optional XML
/// declaration): how S3 reports the failure of an operation it answered with status 200
/// (CopyObject, CompleteMultipartUpload, UploadPartCopy).
pub fn is_error_document(body: &[u8]) -> bool {
    let mut rest = body.trim_ascii_start();
    if rest.starts_with(b"<?xml") {
        match rest.windows(2).position(|w| w == b"?>") {
            Some(end) => rest = rest.get(end + 2..).unwrap_or_default().trim_ascii_start(),
            None => return false,
        }
    }
    rest.strip_prefix(b"<Error")
        .and_then(|after| after.first())
        .is_some_and(|&b| b == b'>' || b == b'/' || b.is_ascii_whitespace())
}

/// `body`, an XML document, as the one child of a `<Document>` root (its XML declaration
/// dropped): how a response whose root element is itself the output's member (S3's
/// GetBucketLocation: `<LocationConstraint>eu-west-1</LocationConstraint>`) is read as an
/// output document. An empty root element (`<LocationConstraint/>`, S3's us-east-1) is an
/// unset member: an empty document.
pub fn wrap_document(body: &[u8]) -> Vec<u8> {
    let mut rest = body.trim_ascii();
    if rest.starts_with(b"<?xml")
        && let Some(end) = rest.windows(2).position(|w| w == b"?>")
    {
        rest = rest.get(end + 2..).unwrap_or_default().trim_ascii_start();
    }
    let open_end = rest.iter().position(|&b| b == b'>');
    let close_start = rest.iter().rposition(|&b| b == b'<');
    let empty = match (open_end, close_start) {
        (Some(o), _) if o > 0 && rest.get(o - 1) == Some(&b'/') => true,
        (Some(o), Some(c)) if c > o => rest
            .get(o + 1..c)
            .is_some_and(|t| t.trim_ascii().is_empty()),
        _ => false,
    };
    if empty {
        rest = b"";
    }
    let mut out = Vec::with_capacity(rest.len() + 21);
    out.extend_from_slice(b"<Document>");
    out.extend_from_slice(rest);
    out.extend_from_slice(b"</Document>");
    out
}
