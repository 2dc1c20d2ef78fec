//! The canonical request's parts: URI, query string and header values, percent-encoded into
//! the hasher; and hex.

use sha2::{Digest, Sha256};

use super::Signer;

impl Signer {
    /// The canonical URI of `path`: encoded once more, or for S3 encoded once.
    pub(super) fn canonical_uri(&self, hasher: &mut Sha256, path: &str) {
        if self.s3 {
            canonical_uri(hasher, &String::from_utf8_lossy(&percent_decode(path)));
        } else {
            canonical_uri(hasher, path);
        }
    }
}

/// Lowercase hex of `bytes` into `out` (twice as long).
pub(super) fn hex_into(bytes: &[u8], out: &mut [u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for (byte, pair) in bytes.iter().zip(out.chunks_exact_mut(2)) {
        if let [high, low] = pair {
            *high = DIGITS[usize::from(byte >> 4)];
            *low = DIGITS[usize::from(byte & 0xf)];
        }
    }
}

pub(super) fn unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~')
}

/// Feeds `bytes` percent-encoded (RFC 3986 unreserved kept; `/` kept when `keep_slash`).
pub(super) fn encode_into(hasher: &mut Sha256, bytes: &[u8], keep_slash: bool) {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if unreserved(b) || (keep_slash && b == b'/') {
            continue;
        }
        Digest::update(hasher, &bytes[start..i]);
        Digest::update(
            hasher,
            [
                b'%',
                DIGITS[usize::from(b >> 4)],
                DIGITS[usize::from(b & 0xf)],
            ],
        );
        start = i + 1;
    }
    Digest::update(hasher, &bytes[start..]);
}

pub(super) fn canonical_uri(hasher: &mut Sha256, path: &str) {
    if path.is_empty() {
        Digest::update(hasher, b"/");
    } else {
        encode_into(hasher, path.as_bytes(), true);
    }
}

pub(super) fn percent_decode(s: &str) -> Vec<u8> {
    let hex = |c: u8| char::from(c).to_digit(16);
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%'
            && let Some(&[_, high, low]) = bytes.get(i..i + 3)
            && let (Some(h), Some(l)) = (hex(high), hex(low))
        {
            out.push(u8::try_from(h * 16 + l).unwrap_or(b'?'));
            i += 3;
            continue;
        }
        out.push(b);
        i += 1;
    }
    out
}

pub(super) fn canonical_query(hasher: &mut Sha256, query: &str) {
    if query.is_empty() {
        return;
    }
    let mut params: Vec<(Vec<u8>, Vec<u8>)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect();
    params.sort();
    for (i, (k, v)) in params.iter().enumerate() {
        if i > 0 {
            Digest::update(hasher, b"&");
        }
        encode_into(hasher, k, false);
        Digest::update(hasher, b"=");
        encode_into(hasher, v, false);
    }
}

/// A header value with leading and trailing whitespace trimmed and inner runs of spaces
/// collapsed to one.
pub(super) fn canonical_value(hasher: &mut Sha256, value: &[u8]) {
    let words = value
        .trim_ascii()
        .split(|&b| b == b' ')
        .filter(|w| !w.is_empty());
    for (n, word) in words.enumerate() {
        if n > 0 {
            Digest::update(hasher, b" ");
        }
        Digest::update(hasher, word);
    }
}
