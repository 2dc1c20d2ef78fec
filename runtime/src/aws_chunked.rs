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

use hmac::Mac;
use sha2::{Digest, Sha256};

/// The payload hash (and `x-amz-content-sha256`) of a chunked-signed body.
pub const STREAMING_PAYLOAD: &str = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";

/// The size of the chunks the client sends (the last may be shorter): 64 KiB.
pub const CHUNK_SIZE: u64 = 64 * 1024;

/// The SHA-256 of the empty string, in hex.
const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// Signs the chunks of one body, chaining each signature from the previous one.
#[derive(Clone)]
pub struct ChunkSigner {
    /// The HMAC keyed with the request's signing key.
    mac: hmac::Hmac<Sha256>,
    /// `AWS4-HMAC-SHA256-PAYLOAD\n<date-time>\n<scope>\n`: what every string to sign starts with.
    prefix: String,
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
            prefix: format!("AWS4-HMAC-SHA256-PAYLOAD\n{amz_date}\n{scope}\n"),
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
        mac.update(self.prefix.as_bytes());
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
