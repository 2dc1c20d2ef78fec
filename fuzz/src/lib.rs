//! What the fuzz targets share: how a fuzzer input becomes a response (operation, status,
//! headers, body), and the seed corpus built from real responses.
//!
//! An input is `[op: u16 LE][status: u16 LE][flags: u8]` then, when flag bit 1 is set,
//! `[len: u8]` and that many bytes of an `X-Amzn-ErrorType` header value, then, when flag bit 2
//! is set, `[len: u8]` and that many bytes of more headers (`name:value` lines; the restJson1
//! bindings read headers), then the body (the rest). Flag bit 0 adds an `x-amzn-requestid`
//! header. The operation index is taken modulo
//! the number of operations of the target. Short inputs read missing bytes as zero.

#![forbid(unsafe_code)]

#[path = "../../tests/tests/parser_corpus/mod.rs"]
pub mod corpus;

use awsgen_conformance::harness::Entry;

/// A decoded fuzzer input.
pub struct Response<'a> {
    /// Index into the target's operations (before the modulo).
    pub op: u16,
    /// HTTP status.
    pub status: u16,
    /// Response headers.
    pub headers: http::HeaderMap,
    /// The body.
    pub body: &'a [u8],
}

/// Splits `data` into a response.
pub fn decode(data: &[u8]) -> Response<'_> {
    let byte = |i: usize| data.get(i).copied().unwrap_or(0);
    let op = u16::from_le_bytes([byte(0), byte(1)]);
    let status = u16::from_le_bytes([byte(2), byte(3)]);
    let flags = byte(4);
    let mut rest = data.get(5..).unwrap_or_default();
    let mut headers = http::HeaderMap::new();
    if flags & 1 != 0 {
        headers.insert("x-amzn-requestid", http::HeaderValue::from_static("fuzz"));
    }
    if flags & 2 != 0 {
        let len = usize::from(rest.first().copied().unwrap_or(0));
        let value = rest.get(1..1 + len).unwrap_or_default();
        if let Ok(value) = http::HeaderValue::from_bytes(value) {
            headers.insert("x-amzn-errortype", value);
        }
        rest = rest.get(1 + len..).unwrap_or_default();
    }
    if flags & 4 != 0 {
        let len = usize::from(rest.first().copied().unwrap_or(0));
        let block = rest.get(1..1 + len).unwrap_or_default();
        for line in block.split(|b| *b == b'\n') {
            let Some(colon) = line.iter().position(|b| *b == b':') else {
                continue;
            };
            let (name, value) = (&line[..colon], &line[colon + 1..]);
            if let (Ok(name), Ok(value)) = (
                http::HeaderName::from_bytes(name),
                http::HeaderValue::from_bytes(value),
            ) {
                headers.append(name, value);
            }
        }
        rest = rest.get(1 + len..).unwrap_or_default();
    }
    Response {
        op,
        status,
        headers,
        body: rest,
    }
}

/// Encodes a response as a fuzzer input (the inverse of [`decode`]).
pub fn encode(op: u16, status: u16, headers: &http::HeaderMap, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() + 8);
    out.extend_from_slice(&op.to_le_bytes());
    out.extend_from_slice(&status.to_le_bytes());
    let error_type = headers
        .get("x-amzn-errortype")
        .map(|v| v.as_bytes())
        .filter(|v| v.len() <= 255);
    let mut more = Vec::new();
    for (name, value) in headers {
        if name != "x-amzn-requestid" && name != "x-amzn-errortype" {
            more.extend_from_slice(name.as_str().as_bytes());
            more.push(b':');
            more.extend_from_slice(value.as_bytes());
            more.push(b'\n');
        }
    }
    let more = (!more.is_empty() && more.len() <= 255).then_some(more);
    let flags = u8::from(headers.contains_key("x-amzn-requestid"))
        | (u8::from(error_type.is_some()) << 1)
        | (u8::from(more.is_some()) << 2);
    out.push(flags);
    if let Some(value) = error_type {
        out.push(u8::try_from(value.len()).unwrap_or(0));
        out.extend_from_slice(value);
    }
    if let Some(more) = more {
        out.push(u8::try_from(more.len()).unwrap_or(0));
        out.extend_from_slice(&more);
    }
    out.extend_from_slice(body);
    out
}

/// Runs the response through the operation it selects among `entries`; `error_status` moves
/// 1xx and 2xx statuses to the error range (300–599) so that error parsing runs. Any result is
/// fine; a panic (or a crash, hang or leak) is what the fuzzer reports.
pub fn run(entries: &[&Entry], data: &[u8], error_status: bool) {
    if entries.is_empty() {
        return;
    }
    let response = decode(data);
    let entry = entries[usize::from(response.op) % entries.len()];
    let status = if error_status && response.status < 300 {
        300 + response.status % 300
    } else {
        response.status
    };
    let _ = (entry.parse)(status, &response.headers, response.body);
}
