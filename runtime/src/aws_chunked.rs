//! S3's chunked upload signing (`STREAMING-AWS4-HMAC-SHA256-PAYLOAD`, "Transferring Payload in
//! Multiple Chunks" in the S3 API reference): for a body whose length is known but whose hash
//! is not (it is not read before the request is sent), the request is signed with that literal
//! as its payload hash (the seed signature), and the body is sent `Content-Encoding:
//! aws-chunked`, each chunk framed as `<hex length>;chunk-signature=<signature>\r\n<data>\r\n`
//! and ended by an empty chunk. Each chunk's signature chains from the previous one, the first
//! from the seed. String to sign: `AWS4-HMAC-SHA256-PAYLOAD`, the request's date-time, its
//! scope, the previous signature, the SHA-256 of the empty string, and the chunk's SHA-256,
//! joined by newlines.
//!
//! Sans-IO: [`Signer::sign_chunked`](super::sigv4::Signer::sign_chunked) signs the request and
//! gives the [`ChunkSigner`]; frame each chunk with [`ChunkSigner::frame`], then
//! [`ChunkSigner::frame`] an empty one. The client does it for S3 uploads over plain `http`.
//!
//! With a trailer (a checksum computed as the body is sent, named up front in `x-amz-trailer`;
//! "Including Trailing Headers" in the S3 API reference): signed,
//! `STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER`, the chunks as above, then
//! [`ChunkSigner::frame_end_with_trailer`]: the empty chunk's line, the trailer
//! (`x-amz-checksum-crc32:<base64>`) and `x-amz-trailer-signature`, signed over the previous
//! signature and the SHA-256 of the trailer (`AWS4-HMAC-SHA256-TRAILER`); unsigned over TLS,
//! `STREAMING-UNSIGNED-PAYLOAD-TRAILER`, each chunk `<hex length>\r\n<data>\r\n`
//! ([`frame_unsigned`]) and [`unsigned_end`].

use hmac::Mac;
use sha2::{Digest, Sha256};

/// The payload hash (and `x-amz-content-sha256`) of a chunked-signed body.
pub const STREAMING_PAYLOAD: &str = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";

/// The payload hash of a chunked-signed body that ends with a signed trailer.
pub const STREAMING_PAYLOAD_TRAILER: &str = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";

/// The payload hash of an unsigned `aws-chunked` body that ends with a trailer (over TLS).
pub const STREAMING_UNSIGNED_TRAILER: &str = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

/// The size of the chunks the client sends (the last may be shorter): 64 KiB.
pub const CHUNK_SIZE: u64 = 64 * 1024;

/// The SHA-256 of the empty string, in hex.
const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// Signs the chunks of one body, chaining each signature from the previous one.
#[derive(Clone)]
pub struct ChunkSigner {
    /// The HMAC keyed with the request's signing key.
    mac: hmac::Hmac<Sha256>,
    /// `<date-time>\n<scope>\n`: what every string to sign has after its algorithm line.
    date_scope: String,
    previous: String,
}

impl std::fmt::Debug for ChunkSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChunkSigner")
            .field("previous", &self.previous)
            .finish_non_exhaustive()
    }
}

impl ChunkSigner {
    /// A signer keyed with `mac` (the HMAC of the signing key) for a request signed at
    /// `amz_date` (`20130524T000000Z`) in `scope` (`20130524/us-east-1/s3/aws4_request`)
    /// with signature `seed` (hex).
    pub(crate) fn new(mac: hmac::Hmac<Sha256>, amz_date: &str, scope: &str, seed: String) -> Self {
        Self {
            mac,
            date_scope: format!("{amz_date}\n{scope}\n"),
            previous: seed,
        }
    }

    /// The last signature (the seed before any chunk), in hex.
    pub fn previous_signature(&self) -> &str {
        &self.previous
    }

    /// Signs `chunk` (the empty chunk ends the body): its signature, in hex.
    pub fn sign(&mut self, chunk: &[u8]) -> &str {
        let mut mac = self.mac.clone();
        mac.update(b"AWS4-HMAC-SHA256-PAYLOAD\n");
        mac.update(self.date_scope.as_bytes());
        mac.update(self.previous.as_bytes());
        mac.update(b"\n");
        mac.update(EMPTY_SHA256.as_bytes());
        mac.update(b"\n");
        mac.update(hex(&Sha256::digest(chunk)).as_bytes());
        self.previous = hex(&mac.finalize().into_bytes());
        &self.previous
    }

    /// Signs `chunk` and frames it: `<hex length>;chunk-signature=<signature>\r\n<chunk>\r\n`.
    pub fn frame(&mut self, chunk: &[u8]) -> Vec<u8> {
        let head = format!("{:x};chunk-signature=", chunk.len());
        let mut out = Vec::with_capacity(head.len() + 64 + chunk.len() + 4);
        out.extend_from_slice(head.as_bytes());
        out.extend_from_slice(self.sign(chunk).as_bytes());
        out.extend_from_slice(b"\r\n");
        out.extend_from_slice(chunk);
        out.extend_from_slice(b"\r\n");
        out
    }
}

impl ChunkSigner {
    /// Signs the trailer `canonical` (its `name:value\n` lines) after the last chunk: its
    /// signature, in hex.
    pub fn sign_trailer(&mut self, canonical: &str) -> &str {
        let mut mac = self.mac.clone();
        mac.update(b"AWS4-HMAC-SHA256-TRAILER\n");
        mac.update(self.date_scope.as_bytes());
        mac.update(self.previous.as_bytes());
        mac.update(b"\n");
        mac.update(hex(&Sha256::digest(canonical.as_bytes())).as_bytes());
        self.previous = hex(&mac.finalize().into_bytes());
        &self.previous
    }

    /// The end of a body with a trailer: the signed empty chunk's line, the trailer
    /// `name:value` and its `x-amz-trailer-signature`, and the blank line that ends the body.
    pub fn frame_end_with_trailer(&mut self, name: &str, value: &str) -> Vec<u8> {
        let mut out = format!("0;chunk-signature={}\r\n", self.sign(&[])).into_bytes();
        let signature = self.sign_trailer(&format!("{name}:{value}\n"));
        out.extend_from_slice(
            format!("{name}:{value}\r\nx-amz-trailer-signature:{signature}\r\n\r\n").as_bytes(),
        );
        out
    }
}

/// An unsigned chunk: `<hex length>\r\n<chunk>\r\n`.
pub fn frame_unsigned(chunk: &[u8]) -> Vec<u8> {
    let mut out = format!("{:x}\r\n", chunk.len()).into_bytes();
    out.reserve(chunk.len() + 2);
    out.extend_from_slice(chunk);
    out.extend_from_slice(b"\r\n");
    out
}

/// The end of an unsigned body with a trailer: the empty chunk, `name:value`, a blank line.
pub fn unsigned_end(name: &str, value: &str) -> Vec<u8> {
    format!("0\r\n{name}:{value}\r\n\r\n").into_bytes()
}

/// How a body that ends with a trailer is framed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrailerFraming {
    /// Signed chunks and a signed trailer ([`STREAMING_PAYLOAD_TRAILER`]).
    Signed,
    /// Unsigned chunks and trailer ([`STREAMING_UNSIGNED_TRAILER`]).
    Unsigned,
}

/// The length of the framed body of `decoded` bytes in chunks of `chunk_size` that ends with
/// the trailer `name` whose value is `value_length` bytes long (a checksum's base64).
pub fn encoded_length_with_trailer(
    decoded: u64,
    chunk_size: u64,
    framing: TrailerFraming,
    name: &str,
    value_length: u64,
) -> u64 {
    let signature = match framing {
        TrailerFraming::Signed => ";chunk-signature=".len() as u64 + 64,
        TrailerFraming::Unsigned => 0,
    };
    let framed = |n: u64| format!("{n:x}").len() as u64 + signature + 4 + n;
    let chunk_size = chunk_size.max(1);
    let (full, rest) = (decoded / chunk_size, decoded % chunk_size);
    let trailer = name.len() as u64 + 1 + value_length + 2;
    let trailer_signature = match framing {
        TrailerFraming::Signed => "x-amz-trailer-signature:".len() as u64 + 64 + 2,
        TrailerFraming::Unsigned => 0,
    };
    full * framed(chunk_size)
        + if rest > 0 { framed(rest) } else { 0 }
        + (1 + signature + 2)
        + trailer
        + trailer_signature
        + 2
}

/// The length of the framed body of `decoded` bytes sent in chunks of `chunk_size` (the
/// request's `Content-Length`; `x-amz-decoded-content-length` is `decoded`).
pub fn encoded_length(decoded: u64, chunk_size: u64) -> u64 {
    let framed =
        |n: u64| format!("{n:x}").len() as u64 + ";chunk-signature=".len() as u64 + 64 + 4 + n;
    let full = decoded / chunk_size.max(1);
    let rest = decoded % chunk_size.max(1);
    full * framed(chunk_size) + if rest > 0 { framed(rest) } else { 0 } + framed(0)
}

/// Lowercase hex.
fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        for nibble in [b >> 4, b & 0xf] {
            out.push(char::from(
                DIGITS.get(usize::from(nibble)).copied().unwrap_or(b'0'),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use hmac::{Hmac, KeyInit, Mac};
    use sha2::Sha256;

    use super::*;

    /// The example of "Signature Calculations for the Authorization Header: Including Trailing
    /// Headers (Chunked Upload)" in the S3 API reference: 66,560 bytes of `a` in a 64 KiB and a
    /// 1 KiB chunk, then the empty chunk and the trailer `x-amz-checksum-crc32c:sOO8/Q==`,
    /// signed from its seed signature with the example key on 2013-05-24 in us-east-1.
    #[test]
    fn the_published_trailer_example() {
        let key = |k: &[u8], data: &str| {
            let mut mac = Hmac::<Sha256>::new_from_slice(k).unwrap();
            mac.update(data.as_bytes());
            mac.finalize().into_bytes().to_vec()
        };
        let date = key(b"AWS4wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "20130524");
        let signing = key(&key(&key(&date, "us-east-1"), "s3"), "aws4_request");
        let mut signer = ChunkSigner::new(
            Hmac::<Sha256>::new_from_slice(&signing).unwrap(),
            "20130524T000000Z",
            "20130524/us-east-1/s3/aws4_request",
            "106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e".to_owned(),
        );
        let data = vec![b'a'; 66_560];
        #[cfg(feature = "checksum")]
        assert_eq!(
            crate::checksum::Algorithm::Crc32c.checksum(&data),
            "sOO8/Q=="
        );
        let first = signer.frame(&data[..65_536]);
        assert!(first.starts_with(
            b"10000;chunk-signature=b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2\r\n"
        ));
        let second = signer.frame(&data[65_536..]);
        assert!(second.starts_with(
            b"400;chunk-signature=1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7\r\n"
        ));
        let end = signer.frame_end_with_trailer("x-amz-checksum-crc32c", "sOO8/Q==");
        assert_eq!(
            String::from_utf8(end.clone()).unwrap(),
            "0;chunk-signature=2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992\r\n\
             x-amz-checksum-crc32c:sOO8/Q==\r\n\
             x-amz-trailer-signature:d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435\r\n\r\n"
        );
        let wire = first.len() + second.len() + end.len();
        assert_eq!(
            encoded_length_with_trailer(
                66_560,
                65_536,
                TrailerFraming::Signed,
                "x-amz-checksum-crc32c",
                8
            ),
            wire as u64
        );
    }

    #[test]
    fn unsigned_framing_and_its_length() {
        let data = vec![7u8; 70_000];
        let mut wire = frame_unsigned(&data[..65_536]);
        wire.extend(frame_unsigned(&data[65_536..]));
        wire.extend(unsigned_end("x-amz-checksum-crc32", "AAAAAA=="));
        assert!(wire.starts_with(b"10000\r\n\x07"));
        assert!(wire.ends_with(b"\x07\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n"));
        assert_eq!(
            encoded_length_with_trailer(
                70_000,
                65_536,
                TrailerFraming::Unsigned,
                "x-amz-checksum-crc32",
                8
            ),
            wire.len() as u64
        );
        // An empty body: the empty chunk and the trailer only.
        assert_eq!(
            encoded_length_with_trailer(
                0,
                65_536,
                TrailerFraming::Unsigned,
                "x-amz-checksum-crc32",
                8
            ),
            unsigned_end("x-amz-checksum-crc32", "AAAAAA==").len() as u64
        );
    }
}
