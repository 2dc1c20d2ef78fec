//! What the input event-stream tests share: the credentials and scope they sign with, a frame
//! parser by the format's rules (independent of the runtime's decoder), and the chunk signature
//! recomputed from the AWS documentation's string to sign with `hmac` and `sha2` directly.

#![allow(dead_code)]

use hmac::{KeyInit, Mac};
use sha2::{Digest, Sha256};

pub const REGION: &str = "us-east-1";
pub const SERVICE: &str = "bedrock";
pub const ACCESS_KEY: &str = "AKIDEXAMPLE";
pub const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

/// A header as the wire has it: (name, type byte, value bytes).
pub type RawHeader = (String, u8, Vec<u8>);

/// Parses one frame at the start of `bytes` by the format's rules: returns its headers, its
/// payload and its length. Panics (the test fails) on any violation.
pub fn parse_frame(bytes: &[u8]) -> (Vec<RawHeader>, Vec<u8>, usize) {
    let u32_at = |i: usize| u32::from_be_bytes(bytes[i..i + 4].try_into().unwrap());
    let total = u32_at(0) as usize;
    let headers_len = u32_at(4) as usize;
    assert!(total >= 16 && total <= bytes.len(), "frame length {total}");
    assert_eq!(
        u32_at(8),
        crc32fast::hash(&bytes[..8]),
        "prelude CRC-32 (of the two lengths)"
    );
    assert_eq!(
        u32_at(total - 4),
        crc32fast::hash(&bytes[..total - 4]),
        "message CRC-32 (of everything before it)"
    );
    let mut headers = Vec::new();
    let mut i = 12;
    let end = 12 + headers_len;
    while i < end {
        let name_len = bytes[i] as usize;
        let name = String::from_utf8(bytes[i + 1..i + 1 + name_len].to_vec()).unwrap();
        i += 1 + name_len;
        let ty = bytes[i];
        i += 1;
        let value_len = match ty {
            6 | 7 => {
                let n = u16::from_be_bytes([bytes[i], bytes[i + 1]]) as usize;
                i += 2;
                n
            }
            8 => 8,
            other => panic!("unexpected header type {other} in an input event frame"),
        };
        headers.push((name, ty, bytes[i..i + value_len].to_vec()));
        i += value_len;
    }
    assert_eq!(i, end, "headers fill exactly their length");
    (headers, bytes[end..total - 4].to_vec(), total)
}

pub fn header<'h>(headers: &'h [RawHeader], name: &str) -> (u8, &'h [u8]) {
    let (_, ty, value) = headers
        .iter()
        .find(|(n, _, _)| n == name)
        .unwrap_or_else(|| panic!("no `{name}` header in {headers:?}"));
    (*ty, value)
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn hmac(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut mac = hmac::Hmac::<Sha256>::new_from_slice(key).unwrap();
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

/// The chunk signature of a frame whose `:date` is `secs` (Unix seconds, `date` and
/// `date_time` its SigV4 forms) and whose payload is `payload`, after `previous` (hex), as
/// the AWS documentation gives it.
pub fn expected_signature(
    previous: &str,
    secs: i64,
    date: &str,
    date_time: &str,
    payload: &[u8],
) -> String {
    // The `:date` header encoded alone: name length, name, type 8, milliseconds big-endian.
    let mut date_header = vec![5u8];
    date_header.extend_from_slice(b":date");
    date_header.push(8);
    date_header.extend_from_slice(&(secs * 1000).to_be_bytes());
    let string_to_sign = format!(
        "AWS4-HMAC-SHA256-PAYLOAD\n{date_time}\n{date}/{REGION}/{SERVICE}/aws4_request\n{previous}\n{}\n{}",
        hex(&Sha256::digest(&date_header)),
        hex(&Sha256::digest(payload)),
    );
    let mut key = hmac(format!("AWS4{SECRET}").as_bytes(), date.as_bytes());
    key = hmac(&key, REGION.as_bytes());
    key = hmac(&key, SERVICE.as_bytes());
    key = hmac(&key, b"aws4_request");
    hex(&hmac(&key, string_to_sign.as_bytes()))
}

/// Standard base64 with padding, written out here rather than taken from the runtime.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for group in bytes.chunks(3) {
        let n = group
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, b)| acc | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= group.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The SigV4 date (`20261205`) and date-time (`20261205T040001Z`) of Unix second `secs`.
pub fn sigv4_dates(secs: i64) -> (String, String) {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Days since 1970-01-01 to the civil date (Howard Hinnant's `civil_from_days`).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    let date = format!("{y:04}{m:02}{d:02}");
    let time = format!(
        "{date}T{:02}{:02}{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    );
    (date, time)
}
