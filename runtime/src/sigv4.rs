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

use std::fmt::Write as _;
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use hmac::{KeyInit, Mac};
use sha2::{Digest, Sha256};

use super::credentials::Credentials;
use super::timestamp::DateTime;

use super::aws_chunked::{ChunkSigner, STREAMING_PAYLOAD, encoded_length};

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
        let headers = request.headers_mut();
        headers.insert(
            "x-amz-content-sha256",
            http::HeaderValue::from_static(STREAMING_PAYLOAD),
        );
        let encoding = match headers.get(http::header::CONTENT_ENCODING) {
            Some(given) => http::HeaderValue::from_bytes(
                &[b"aws-chunked,".as_slice(), given.as_bytes()].concat(),
            )
            .map_err(|e| SigningError(e.to_string()))?,
            None => http::HeaderValue::from_static("aws-chunked"),
        };
        headers.insert(http::header::CONTENT_ENCODING, encoding);
        headers.insert(
            "x-amz-decoded-content-length",
            http::HeaderValue::from(decoded_length),
        );
        headers.insert(
            http::header::CONTENT_LENGTH,
            http::HeaderValue::from(encoded_length(decoded_length, chunk_size)),
        );
        let seed = self.sign_with(request, time, Some(STREAMING_PAYLOAD))?;
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

    /// Signs `request`, with `payload_hash` as the payload's hash when given (else the
    /// SHA-256 of the body); returns the signature in hex (no allocation: the plain signing
    /// path's cost is measured).
    fn sign_with<B: AsRef<[u8]>>(
        &self,
        request: &mut http::Request<B>,
        time: SystemTime,
        payload_hash: Option<&str>,
    ) -> Result<[u8; 64], SigningError> {
        let (amz_date, date) = amz_date(time);
        let headers = request.headers_mut();
        headers.insert(
            "x-amz-date",
            http::HeaderValue::from_bytes(&amz_date).map_err(|e| SigningError(e.to_string()))?,
        );
        if let Some(token) = self.credentials.session_token() {
            let value = http::HeaderValue::from_str(token).map_err(|_| {
                SigningError("the session token is not a valid header value".into())
            })?;
            headers.insert("x-amz-security-token", value);
        }
        let mut computed = [0u8; 64];
        let payload_hash: &[u8] = match payload_hash {
            Some(literal) => literal.as_bytes(),
            None => {
                hex_into(&Sha256::digest(request.body().as_ref()), &mut computed);
                &computed
            }
        };
        if self.s3 && !request.headers().contains_key("x-amz-content-sha256") {
            request.headers_mut().insert(
                "x-amz-content-sha256",
                http::HeaderValue::from_bytes(payload_hash)
                    .map_err(|e| SigningError(e.to_string()))?,
            );
        }

        // Canonical request, streamed into its hash.
        let mut names: Vec<&str> = request
            .headers()
            .keys()
            .map(http::HeaderName::as_str)
            .filter(|n| !UNSIGNED.contains(n))
            .collect();
        names.sort_unstable();
        let mut canonical = Sha256::new();
        Digest::update(&mut canonical, request.method().as_str());
        Digest::update(&mut canonical, b"\n");
        self.canonical_uri(&mut canonical, request.uri().path());
        Digest::update(&mut canonical, b"\n");
        canonical_query(&mut canonical, request.uri().query().unwrap_or(""));
        Digest::update(&mut canonical, b"\n");
        for name in &names {
            Digest::update(&mut canonical, name);
            Digest::update(&mut canonical, b":");
            for (i, value) in request.headers().get_all(*name).iter().enumerate() {
                if i > 0 {
                    Digest::update(&mut canonical, b",");
                }
                canonical_value(&mut canonical, value.as_bytes());
            }
            Digest::update(&mut canonical, b"\n");
        }
        Digest::update(&mut canonical, b"\n");
        for (i, name) in names.iter().enumerate() {
            if i > 0 {
                Digest::update(&mut canonical, b";");
            }
            Digest::update(&mut canonical, name);
        }
        Digest::update(&mut canonical, b"\n");
        match request.headers().get("x-amz-content-sha256") {
            Some(given) if self.s3 => Digest::update(&mut canonical, given.as_bytes()),
            _ => Digest::update(&mut canonical, payload_hash),
        }
        let mut hex = [0u8; 64];
        hex_into(&canonical.finalize(), &mut hex);

        // String to sign, streamed into the HMAC keyed with the cached signing key.
        let mut mac = self.keyed_mac(date);
        mac.update(b"AWS4-HMAC-SHA256\n");
        mac.update(&amz_date);
        mac.update(b"\n");
        mac.update(&date);
        mac.update(b"/");
        mac.update(self.region.as_bytes());
        mac.update(b"/");
        mac.update(self.service.as_bytes());
        mac.update(b"/aws4_request\n");
        mac.update(&hex);
        let signature = mac.finalize().into_bytes();
        hex_into(&signature, &mut hex);

        let signed_len: usize = names.iter().map(|n| n.len() + 1).sum();
        let key_id = self.credentials.access_key_id();
        let mut auth = String::with_capacity(
            "AWS4-HMAC-SHA256 Credential=/////aws4_request, SignedHeaders=, Signature=".len()
                + key_id.len()
                + 8
                + self.region.len()
                + self.service.len()
                + signed_len
                + 64,
        );
        auth.push_str("AWS4-HMAC-SHA256 Credential=");
        auth.push_str(key_id);
        auth.push('/');
        auth.push_str(std::str::from_utf8(&date).unwrap_or_default());
        auth.push('/');
        auth.push_str(&self.region);
        auth.push('/');
        auth.push_str(&self.service);
        auth.push_str("/aws4_request, SignedHeaders=");
        for (i, name) in names.iter().enumerate() {
            if i > 0 {
                auth.push(';');
            }
            auth.push_str(name);
        }
        auth.push_str(", Signature=");
        auth.push_str(std::str::from_utf8(&hex).unwrap_or_default());
        let value = http::HeaderValue::try_from(auth).map_err(|_| {
            SigningError("the access key id is not a valid header value".to_owned())
        })?;
        request
            .headers_mut()
            .insert(http::header::AUTHORIZATION, value);
        Ok(hex)
    }

    /// A presigned URL for `request` as of `time`, valid for `expires` (at most seven days):
    /// the request's URI with the query-string authentication parameters (`X-Amz-Algorithm`,
    /// `X-Amz-Credential`, `X-Amz-Date`, `X-Amz-Expires`, `X-Amz-SignedHeaders=host`,
    /// `X-Amz-Security-Token` with a session token, and `X-Amz-Signature`) appended. Only the
    /// host is signed and the payload is `UNSIGNED-PAYLOAD`, so whoever holds the URL can send
    /// the request (a PUT with any body) with a plain HTTP client until it expires. The host is
    /// the request's `host` header, else its URI's authority.
    pub fn presign<B>(
        &self,
        request: &http::Request<B>,
        time: SystemTime,
        expires: Duration,
    ) -> Result<http::Uri, SigningError> {
        if expires.is_zero() || expires > MAX_PRESIGN_EXPIRY {
            return Err(SigningError(format!(
                "a presigned URL expires after 1 s to 7 days, not {expires:?}"
            )));
        }
        let host = match request.headers().get(http::header::HOST) {
            Some(h) => h
                .to_str()
                .map_err(|_| SigningError("the host is not text".into()))?,
            None => request
                .uri()
                .authority()
                .map(http::uri::Authority::as_str)
                .ok_or_else(|| SigningError("the request has no host to presign for".into()))?,
        };
        let (amz_date, date) = amz_date(time);
        let amz_date = std::str::from_utf8(&amz_date).unwrap_or_default();
        let scope_date = std::str::from_utf8(&date).unwrap_or_default();
        let mut auth = String::new();
        let mut push = |name: &str, value: &str| {
            auth.push('&');
            auth.push_str(name);
            auth.push('=');
            for b in value.bytes() {
                if unreserved(b) {
                    auth.push(char::from(b));
                } else {
                    let _ = write!(auth, "%{b:02X}");
                }
            }
        };
        push("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
        push(
            "X-Amz-Credential",
            &format!(
                "{}/{scope_date}/{}/{}/aws4_request",
                self.credentials.access_key_id(),
                self.region,
                self.service
            ),
        );
        push("X-Amz-Date", amz_date);
        push("X-Amz-Expires", &expires.as_secs().to_string());
        push("X-Amz-SignedHeaders", "host");
        if let Some(token) = self.credentials.session_token() {
            push("X-Amz-Security-Token", token);
        }
        let query = match request.uri().query() {
            Some(q) if !q.is_empty() => format!("{q}{auth}"),
            _ => auth.trim_start_matches('&').to_owned(),
        };

        let mut canonical = Sha256::new();
        Digest::update(&mut canonical, request.method().as_str());
        Digest::update(&mut canonical, b"\n");
        self.canonical_uri(&mut canonical, request.uri().path());
        Digest::update(&mut canonical, b"\n");
        canonical_query(&mut canonical, &query);
        Digest::update(&mut canonical, b"\nhost:");
        canonical_value(&mut canonical, host.as_bytes());
        Digest::update(&mut canonical, b"\n\nhost\n");
        Digest::update(&mut canonical, UNSIGNED_PAYLOAD);
        let mut hex = [0u8; 64];
        hex_into(&canonical.finalize(), &mut hex);

        let mut mac = self.keyed_mac(date);
        mac.update(b"AWS4-HMAC-SHA256\n");
        mac.update(amz_date.as_bytes());
        mac.update(b"\n");
        mac.update(&date);
        mac.update(b"/");
        mac.update(self.region.as_bytes());
        mac.update(b"/");
        mac.update(self.service.as_bytes());
        mac.update(b"/aws4_request\n");
        mac.update(&hex);
        hex_into(&mac.finalize().into_bytes(), &mut hex);

        let scheme = request.uri().scheme_str().unwrap_or("https");
        let path = match request.uri().path() {
            "" => "/",
            p => p,
        };
        let url = format!(
            "{scheme}://{host}{path}?{query}&X-Amz-Signature={}",
            std::str::from_utf8(&hex).unwrap_or_default()
        );
        url.parse()
            .map_err(|e| SigningError(format!("the presigned URL `{url}` is not a URI: {e}")))
    }

    /// The canonical URI of `path`: encoded once more, or for S3 encoded once.
    fn canonical_uri(&self, hasher: &mut Sha256, path: &str) {
        if self.s3 {
            canonical_uri(hasher, &String::from_utf8_lossy(&percent_decode(path)));
        } else {
            canonical_uri(hasher, path);
        }
    }

    /// The HMAC keyed with the signing key of `date`, derived once per date.
    fn keyed_mac(&self, date: [u8; 8]) -> HmacSha256 {
        let mut cache = self
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((cached, mac)) = cache.as_ref()
            && *cached == date
        {
            return mac.clone();
        }
        let key = signing_key(
            self.credentials.secret_access_key(),
            &date,
            &self.region,
            &self.service,
        );
        let mac = new_mac(&key);
        *cache = Some((date, mac.clone()));
        mac
    }
}

/// Whether S3's signing rules apply to signing name `service` (see the module docs).
pub fn is_s3_signing_name(service: &str) -> bool {
    matches!(
        service,
        "s3" | "s3-outposts" | "s3-object-lambda" | "s3express"
    )
}

/// The SigV4 signing key: `HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service),
/// "aws4_request")`.
pub fn signing_key(secret: &str, date: &[u8], region: &str, service: &str) -> [u8; 32] {
    let mut key = Vec::with_capacity(4 + secret.len());
    key.extend_from_slice(b"AWS4");
    key.extend_from_slice(secret.as_bytes());
    let k_date = hmac(&key, date);
    let k_region = hmac(&k_date, region.as_bytes());
    let k_service = hmac(&k_region, service.as_bytes());
    hmac(&k_service, b"aws4_request")
}

fn new_mac(key: &[u8]) -> HmacSha256 {
    // HMAC takes keys of any length, so this never fails.
    match HmacSha256::new_from_slice(key) {
        Ok(mac) => mac,
        Err(_) => unreachable!("HMAC accepts keys of any length"),
    }
}

fn hmac(key: &[u8], data: &[u8]) -> [u8; 32] {
    let mut mac = new_mac(key);
    mac.update(data);
    mac.finalize().into_bytes().into()
}

/// `x-amz-date` (`20150830T123600Z`) and the scope date (`20150830`) of `time`.
fn amz_date(time: SystemTime) -> ([u8; 16], [u8; 8]) {
    let secs = match time.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_secs()).unwrap_or(i64::MAX),
    };
    let (y, mo, d, h, mi, s) = DateTime::from_secs(secs).to_ymd_hms();
    let mut text = String::with_capacity(16);
    let _ = write!(
        text,
        "{:04}{mo:02}{d:02}T{h:02}{mi:02}{s:02}Z",
        y.clamp(0, 9999)
    );
    // Both arrays are filled by zipping, so nothing here can index out of bounds.
    let mut amz = [b'0'; 16];
    for (slot, byte) in amz.iter_mut().zip(text.bytes()) {
        *slot = byte;
    }
    let mut date = [b'0'; 8];
    for (slot, byte) in date.iter_mut().zip(amz) {
        *slot = byte;
    }
    (amz, date)
}

/// Lowercase hex of `bytes` into `out` (twice as long).
fn hex_into(bytes: &[u8], out: &mut [u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for (byte, pair) in bytes.iter().zip(out.chunks_exact_mut(2)) {
        if let [high, low] = pair {
            *high = DIGITS[usize::from(byte >> 4)];
            *low = DIGITS[usize::from(byte & 0xf)];
        }
    }
}

fn unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~')
}

/// Feeds `bytes` percent-encoded (RFC 3986 unreserved kept; `/` kept when `keep_slash`).
fn encode_into(hasher: &mut Sha256, bytes: &[u8], keep_slash: bool) {
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

fn canonical_uri(hasher: &mut Sha256, path: &str) {
    if path.is_empty() {
        Digest::update(hasher, b"/");
    } else {
        encode_into(hasher, path.as_bytes(), true);
    }
}

fn percent_decode(s: &str) -> Vec<u8> {
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

fn canonical_query(hasher: &mut Sha256, query: &str) {
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
fn canonical_value(hasher: &mut Sha256, value: &[u8]) {
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
