//! AWS Signature Version 4 (header signing) for the client: a small signer on `sha2` + `hmac`
//! that streams the canonical request into SHA-256 instead of building it, and caches the
//! derived signing key per (date, region, service).
//!
//! What it signs: every header of the request except hop-by-hop and tracing headers
//! (`user-agent`, `expect`, `transfer-encoding`, `x-amzn-trace-id`, … as botocore), after adding
//! `x-amz-date` and, with a session token, `x-amz-security-token`. The payload hash is the
//! SHA-256 of the body. The canonical URI is the request path percent-encoded once more (the
//! rule for every service but S3), without `.`/`..` normalization; the canonical query string
//! sorts the decoded, re-encoded parameters. Checked against `aws-sigv4` and botocore on fixed
//! vectors (`e2e/tests/`).
//!
//! S3's rules (signing names `s3`, `s3-outposts`, `s3-object-lambda`, `s3express`): every
//! request carries `x-amz-content-sha256`, the payload hash (or the value the request already
//! has there, such as `UNSIGNED-PAYLOAD`), and the canonical URI is the path encoded once.
//! [`Signer::presign`] signs a URL instead of headers (query-string authentication, for
//! presigned GET and PUT URLs with an expiry).

mod canonical;
mod key;
mod presign;
mod sign;

pub use key::signing_key;

use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use sha2::Sha256;

use crate::aws_chunked::{
    ChunkSigner, STREAMING_PAYLOAD, STREAMING_PAYLOAD_TRAILER, STREAMING_UNSIGNED_TRAILER,
    TrailerFraming, encoded_length, encoded_length_with_trailer,
};
use crate::credentials::Credentials;
use key::amz_date;

type HmacSha256 = hmac::Hmac<Sha256>;

/// Headers never signed: hop-by-hop and tracing headers that proxies or the HTTP stack may
/// change (botocore's list, plus `authorization`).
const UNSIGNED: &[&str] = &[
    "authorization",
    "baggage",
    "connection",
    "expect",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "traceparent",
    "tracestate",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "user-agent",
    "x-amzn-trace-id",
];

/// A request could not be signed: a header value the signer must add is not a valid HTTP
/// header value (an access key or session token with control characters).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SigningError(String);

impl SigningError {
    /// An error saying `message`.
    pub fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }

    /// What was wrong.
    pub fn message(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for SigningError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot sign the request: {}", self.0)
    }
}

impl std::error::Error for SigningError {}

/// Signs requests for one (region, service) with one set of credentials, caching the
/// signing key of the current date.
#[derive(Debug)]
pub struct Signer {
    credentials: Credentials,
    region: String,
    service: String,
    /// Whether S3's rules apply (see the module docs).
    s3: bool,
    /// The date (`YYYYMMDD`) and the HMAC keyed with that date's signing key.
    cache: Mutex<Option<([u8; 8], HmacSha256)>>,
}

/// The payload hash of a presigned URL and of S3 uploads whose body is not hashed.
pub const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";

/// The longest expiry of a presigned URL SigV4 allows (seven days).
pub const MAX_PRESIGN_EXPIRY: Duration = Duration::from_secs(7 * 24 * 3600);

impl Signer {
    /// A signer for `region` and the signing name `service` (`memorydb`).
    pub fn new(credentials: Credentials, region: &str, service: &str) -> Self {
        Self {
            credentials,
            region: region.to_owned(),
            service: service.to_owned(),
            s3: is_s3_signing_name(service),
            cache: Mutex::new(None),
        }
    }

    /// Whether it signs by S3's rules (from the signing name).
    pub fn is_s3(&self) -> bool {
        self.s3
    }

    /// The credentials it signs with.
    pub fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    /// Signs `request` as of `time`: adds `x-amz-date`, `x-amz-security-token` (with a session
    /// token) and `authorization`. The request must already carry its `host` header.
    pub fn sign<B: AsRef<[u8]>>(
        &self,
        request: &mut http::Request<B>,
        time: SystemTime,
    ) -> Result<(), SigningError> {
        self.sign_with(request, time, None).map(drop)
    }

    /// Signs the request of an input event stream as of `time`: as [`Signer::sign`], but the
    /// payload is the stream to come, so the payload hash is the literal
    /// `STREAMING-AWS4-HMAC-SHA256-EVENTS`, also sent as `x-amz-content-sha256`. Returns the
    /// signature (hex), the seed of the events' chained signatures
    /// (`event_signer::EventSigner::new`).
    pub fn sign_event_stream<B: AsRef<[u8]>>(
        &self,
        request: &mut http::Request<B>,
        time: SystemTime,
    ) -> Result<String, SigningError> {
        const EVENTS: &str = "STREAMING-AWS4-HMAC-SHA256-EVENTS";
        request.headers_mut().insert(
            "x-amz-content-sha256",
            http::HeaderValue::from_static(EVENTS),
        );
        let hex = self.sign_with(request, time, Some(EVENTS))?;
        Ok(String::from_utf8_lossy(&hex).into_owned())
    }

    /// Signs an S3 upload whose body of `decoded_length` bytes is sent in signed chunks of
    /// `chunk_size` bytes (see [`aws_chunked`](super::aws_chunked)): sets
    /// `x-amz-content-sha256: STREAMING-AWS4-HMAC-SHA256-PAYLOAD`, `Content-Encoding:
    /// aws-chunked` (before any encoding the request has), `x-amz-decoded-content-length` and
    /// the framed body's `Content-Length`, signs the request (the seed signature), and returns
    /// the signer of its chunks. The request's own body is not read (leave it empty).
    pub fn sign_chunked<B: AsRef<[u8]>>(
        &self,
        request: &mut http::Request<B>,
        time: SystemTime,
        decoded_length: u64,
        chunk_size: u64,
    ) -> Result<ChunkSigner, SigningError> {
        let wire_length = encoded_length(decoded_length, chunk_size);
        chunked_headers(request, decoded_length, wire_length, None)?;
        self.chunk_signer(request, time, STREAMING_PAYLOAD)
    }

    /// Signs an S3 upload whose body of `decoded_length` bytes is sent in chunks of
    /// `chunk_size` bytes and ends with the trailer `trailer` (`x-amz-checksum-crc32`, whose
    /// value is `value_length` bytes long), named in `x-amz-trailer`: with
    /// [`TrailerFraming::Signed`], `x-amz-content-sha256:
    /// STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER` and the signer of its chunks and trailer;
    /// with [`TrailerFraming::Unsigned`] (over TLS), `STREAMING-UNSIGNED-PAYLOAD-TRAILER`, the
    /// request signed and no chunk signer. The other headers as [`Signer::sign_chunked`].
    #[allow(clippy::too_many_arguments)]
    pub fn sign_chunked_with_trailer<B: AsRef<[u8]>>(
        &self,
        request: &mut http::Request<B>,
        time: SystemTime,
        decoded_length: u64,
        chunk_size: u64,
        trailer: &'static str,
        value_length: u64,
        framing: TrailerFraming,
    ) -> Result<Option<ChunkSigner>, SigningError> {
        let wire_length =
            encoded_length_with_trailer(decoded_length, chunk_size, framing, trailer, value_length);
        chunked_headers(request, decoded_length, wire_length, Some(trailer))?;
        match framing {
            TrailerFraming::Signed => self
                .chunk_signer(request, time, STREAMING_PAYLOAD_TRAILER)
                .map(Some),
            TrailerFraming::Unsigned => {
                request.headers_mut().insert(
                    "x-amz-content-sha256",
                    http::HeaderValue::from_static(STREAMING_UNSIGNED_TRAILER),
                );
                self.sign_with(request, time, Some(STREAMING_UNSIGNED_TRAILER))?;
                Ok(None)
            }
        }
    }

    /// Signs `request` with the payload hash `payload` (the seed signature) and gives the
    /// signer of its chunks.
    fn chunk_signer<B: AsRef<[u8]>>(
        &self,
        request: &mut http::Request<B>,
        time: SystemTime,
        payload: &'static str,
    ) -> Result<ChunkSigner, SigningError> {
        request.headers_mut().insert(
            "x-amz-content-sha256",
            http::HeaderValue::from_static(payload),
        );
        let seed = self.sign_with(request, time, Some(payload))?;
        let (amz_date, date) = amz_date(time);
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        let scope = format!(
            "{}/{}/{}/aws4_request",
            text(&date),
            self.region,
            self.service
        );
        Ok(ChunkSigner::new(
            self.keyed_mac(date),
            &text(&amz_date),
            &scope,
            text(&seed),
        ))
    }
}

/// The headers of an `aws-chunked` body of `decoded_length` bytes, `wire_length` framed:
/// `Content-Encoding: aws-chunked` (before any encoding the request has),
/// `x-amz-decoded-content-length`, `Content-Length` and, with a trailer, `x-amz-trailer`.
fn chunked_headers<B>(
    request: &mut http::Request<B>,
    decoded_length: u64,
    wire_length: u64,
    trailer: Option<&'static str>,
) -> Result<(), SigningError> {
    let headers = request.headers_mut();
    let encoding = match headers.get(http::header::CONTENT_ENCODING) {
        Some(given) => {
            http::HeaderValue::from_bytes(&[b"aws-chunked,".as_slice(), given.as_bytes()].concat())
                .map_err(|e| SigningError(e.to_string()))?
        }
        None => http::HeaderValue::from_static("aws-chunked"),
    };
    headers.insert(http::header::CONTENT_ENCODING, encoding);
    headers.insert(
        "x-amz-decoded-content-length",
        http::HeaderValue::from(decoded_length),
    );
    headers.insert(
        http::header::CONTENT_LENGTH,
        http::HeaderValue::from(wire_length),
    );
    if let Some(trailer) = trailer {
        headers.insert("x-amz-trailer", http::HeaderValue::from_static(trailer));
    }
    Ok(())
}

/// Whether S3's signing rules apply to signing name `service` (see the module docs).
pub fn is_s3_signing_name(service: &str) -> bool {
    matches!(
        service,
        "s3" | "s3-outposts" | "s3-object-lambda" | "s3express"
    )
}
