//! A message's headers read from and written to their section of the frame.

use super::{DecodeErrorKind, EncodeError, Header, HeaderValue};
use crate::timestamp::DateTime;

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

pub(super) fn decode_headers(section: &[u8], base: usize) -> Result<Vec<Header>, DecodeErrorKind> {
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

/// The milliseconds since the epoch of `t`, rounded down; `None` if they do not fit an i64.
fn millis(t: DateTime) -> Option<i64> {
    // In i128: for `i64::MIN` milliseconds, `secs * 1000` alone is below `i64::MIN` while the
    // sum is not (found by the fuzz target).
    let ms = i128::from(t.secs()) * 1000 + i128::from(t.subsec_nanos() / 1_000_000);
    i64::try_from(ms).ok()
}

pub(super) fn encode_headers(headers: &[Header], out: &mut Vec<u8>) -> Result<(), EncodeError> {
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
