//! Request and response checksums. `Content-MD5` for operations with `httpChecksumRequired`
//! and no flexible checksum: MD5 (RFC 1321) is written out here (about 50 lines, checked
//! against the RFC's test suite) rather than pulled in as a crate for one header. The flexible
//! checksums of `httpChecksum` (`x-amz-checksum-<algorithm>`): [`flexible`] on requests,
//! [`validate_response`] (whole bodies) or [`ResponseChecksum`] (bodies read in pieces) on
//! responses, as botocore 1.44.5 does with its defaults (`request_checksum_calculation` and
//! `response_checksum_validation` both `when_supported`).

mod algorithm;
mod crc64;

pub use algorithm::{Algorithm, Hasher};

use crate::operation::{ChecksumMismatch, InvalidRequest, InvalidResponse};

/// Adds the flexible checksum of the request's body (as sent: after compression) to
/// `request`, for an operation whose `httpChecksum` names a request algorithm member or
/// requires a checksum. `algorithm` is the member's value (`input.checksum_algorithm`);
/// unset, the default CRC32 is used and named in `algorithm_header` (the member's header,
/// `x-amz-sdk-checksum-algorithm`) when the request does not name one, as botocore does. A
/// request that already carries an `x-amz-checksum-*` header (a checksum the caller computed)
/// is left as it is. An algorithm this runtime does not compute (`MD5`,
/// `XXHASH64`, …) is an error naming `member`, as botocore's "Unsupported checksum
/// algorithm".
pub fn flexible(
    request: &mut http::Request<Vec<u8>>,
    algorithm: Option<&str>,
    algorithm_header: Option<&'static str>,
    member: &'static str,
) -> Result<(), InvalidRequest> {
    let Some(algorithm) = chosen(request, algorithm, algorithm_header, member)? else {
        return Ok(());
    };
    let value = algorithm.checksum(request.body());
    if let Ok(value) = http::HeaderValue::from_str(&value) {
        request.headers_mut().insert(algorithm.header_name(), value);
    }
    Ok(())
}

/// As [`flexible`], for a request whose body the caller streams
/// ([`ByteStream`](crate::byte_stream::ByteStream) not in memory), which is not here to hash:
/// the checksum goes in a trailer, computed as the body is sent, and the request names it in
/// `x-amz-trailer` (`x-amz-checksum-crc32`). The client sends such a body `aws-chunked` with
/// the trailer (see [`aws_chunked`](crate::aws_chunked) and
/// [`Signer::sign_chunked_with_trailer`](crate::sigv4::Signer::sign_chunked_with_trailer));
/// sans-IO callers do the same. A checksum header the caller set is sent as it is, with no
/// trailer.
pub fn streamed(
    request: &mut http::Request<Vec<u8>>,
    algorithm: Option<&str>,
    algorithm_header: Option<&'static str>,
    member: &'static str,
) -> Result<(), InvalidRequest> {
    if let Some(algorithm) = chosen(request, algorithm, algorithm_header, member)? {
        request.headers_mut().insert(
            "x-amz-trailer",
            http::HeaderValue::from_static(algorithm.header_name()),
        );
    }
    Ok(())
}

/// The algorithm of a request's flexible checksum: the member's value, else the default
/// CRC32, named in `algorithm_header` when the request does not name one (as botocore does);
/// `None` when the request already carries an `x-amz-checksum-*` header (a checksum the
/// caller computed). An algorithm this runtime does not compute is an error naming `member`.
fn chosen(
    request: &mut http::Request<Vec<u8>>,
    algorithm: Option<&str>,
    algorithm_header: Option<&'static str>,
    member: &'static str,
) -> Result<Option<Algorithm>, InvalidRequest> {
    let carries_one = request.headers().keys().any(|name| {
        name.as_str()
            .strip_prefix("x-amz-checksum-")
            .is_some_and(|rest| rest.bytes().all(|b| b.is_ascii_alphanumeric()))
    });
    if carries_one {
        return Ok(None);
    }
    match algorithm {
        Some(name) => Algorithm::from_name(name).map(Some).ok_or_else(|| {
            InvalidRequest::new(
                member,
                format!(
                    "unsupported checksum algorithm `{name}` (CRC32, CRC32C, CRC64NVME, SHA1, \
                     SHA256 and SHA512 are computed)"
                ),
            )
        }),
        None => {
            if let Some(header) = algorithm_header
                && !request.headers().contains_key(header)
            {
                request.headers_mut().insert(
                    header,
                    http::HeaderValue::from_static(Algorithm::Crc32.name()),
                );
            }
            Ok(Some(Algorithm::Crc32))
        }
    }
}

/// `body` (a success response's streaming blob) checked against the checksum `headers`
/// carry (see [`ResponseChecksum::from_headers`]) as it is read: once it ends, a mismatch is
/// the last chunk's error, so a caller reading the stream to its end never takes a corrupt
/// body for a good one. Without a checksum of `algorithms`, `body` as it is.
pub fn validating(
    headers: &http::HeaderMap,
    algorithms: &[Algorithm],
    body: Box<dyn crate::operation::BodySource>,
) -> Box<dyn crate::operation::BodySource> {
    match ResponseChecksum::from_headers(headers, algorithms) {
        Some(checksum) => Box::new(Validating {
            body,
            checksum: Some(checksum),
        }),
        None => body,
    }
}

/// A body source checking its checksum at its end.
struct Validating {
    body: Box<dyn crate::operation::BodySource>,
    checksum: Option<ResponseChecksum>,
}

impl crate::operation::BodySource for Validating {
    fn next_chunk(&mut self) -> crate::operation::ChunkFuture<'_> {
        Box::pin(async move {
            let chunk = self.body.next_chunk().await?;
            match (&chunk, self.checksum.as_mut()) {
                (Some(data), Some(checksum)) => checksum.update(data),
                (None, Some(_)) => {
                    if let Some(checksum) = self.checksum.take() {
                        checksum.finish().map_err(|m| {
                            crate::operation::BodyError::new(format!(
                                "the body's {} checksum is {}, the response said {}",
                                m.algorithm(),
                                m.computed(),
                                m.expected()
                            ))
                        })?;
                    }
                }
                _ => {}
            }
            Ok(chunk)
        })
    }
}

/// Asks for the response's checksum (sets the request's validation mode header,
/// `x-amz-checksum-mode`, to `ENABLED` unless the input set it): botocore 1.44.5's default
/// (`response_checksum_validation = when_supported`) for operations whose `httpChecksum` names
/// a request validation mode member.
pub fn enable_validation(request: &mut http::Request<Vec<u8>>, mode_header: &'static str) {
    if !request.headers().contains_key(mode_header) {
        request
            .headers_mut()
            .insert(mode_header, http::HeaderValue::from_static("ENABLED"));
    }
}

/// A response body's checksum being computed as the body is read, to compare with the one
/// the response's headers carry.
#[derive(Clone, Debug)]
pub struct ResponseChecksum {
    hasher: Hasher,
    expected: String,
}

impl ResponseChecksum {
    /// The checksum to check the body of a response with `headers` against: of the
    /// operation's response `algorithms` (its `responseAlgorithms`, those this runtime
    /// computes), in the order of [`Algorithm::PRIORITY`], the first whose header the response
    /// carries with a whole-body value. S3's composite checksums of multipart objects
    /// (`<base64>-<parts>`) are checksums of the parts' checksums, not of the body, and are
    /// skipped, as botocore skips them. `None`: nothing to check.
    pub fn from_headers(headers: &http::HeaderMap, algorithms: &[Algorithm]) -> Option<Self> {
        Algorithm::PRIORITY
            .into_iter()
            .filter(|a| algorithms.contains(a))
            .find_map(|algorithm| {
                let value = headers.get(algorithm.header_name())?.to_str().ok()?;
                (!value.contains('-')).then(|| Self {
                    hasher: algorithm.hasher(),
                    expected: value.trim().to_owned(),
                })
            })
    }

    /// Feeds the next bytes of the body.
    pub fn update(&mut self, data: &[u8]) {
        self.hasher.update(data);
    }

    /// After the whole body: whether its checksum is the expected one.
    pub fn finish(self) -> Result<(), ChecksumMismatch> {
        let algorithm = self.hasher.algorithm();
        let digest = self.hasher.finalize();
        let matches = crate::blob::Blob::from_base64(&self.expected)
            .is_ok_and(|expected| expected.as_bytes() == digest.as_slice());
        if matches {
            Ok(())
        } else {
            Err(ChecksumMismatch::new(
                algorithm.name(),
                self.expected,
                crate::blob::Blob::new(digest).to_base64(),
            ))
        }
    }
}

/// Checks a whole response body against the checksum its headers carry (see
/// [`ResponseChecksum::from_headers`]): a mismatch is an [`InvalidResponse`] whose
/// [`checksum_mismatch`](InvalidResponse::checksum_mismatch) says which algorithm and both
/// values. A response without a checksum of `algorithms` passes.
pub fn validate_response(
    status: u16,
    headers: &http::HeaderMap,
    body: &[u8],
    algorithms: &[Algorithm],
) -> Result<(), InvalidResponse> {
    let Some(mut checksum) = ResponseChecksum::from_headers(headers, algorithms) else {
        return Ok(());
    };
    checksum.update(body);
    checksum
        .finish()
        .map_err(|mismatch| InvalidResponse::checksum(status, mismatch))
}

/// Sets `Content-MD5` to the base64 MD5 of the request's body (the body as sent: after
/// compression).
pub fn content_md5(request: &mut http::Request<Vec<u8>>) {
    let digest = md5(request.body());
    let value = super::blob::Blob::new(digest.to_vec()).to_base64();
    if let Ok(value) = http::HeaderValue::from_str(&value) {
        request.headers_mut().insert("content-md5", value);
    }
}

/// Per-round shift amounts.
const S: [u32; 64] = [
    7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9,
    14, 20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15,
    21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
];

/// Per-round constants: `floor(|sin(i + 1)| * 2^32)`.
const K: [u32; 64] = [
    0xd76a_a478,
    0xe8c7_b756,
    0x2420_70db,
    0xc1bd_ceee,
    0xf57c_0faf,
    0x4787_c62a,
    0xa830_4613,
    0xfd46_9501,
    0x6980_98d8,
    0x8b44_f7af,
    0xffff_5bb1,
    0x895c_d7be,
    0x6b90_1122,
    0xfd98_7193,
    0xa679_438e,
    0x49b4_0821,
    0xf61e_2562,
    0xc040_b340,
    0x265e_5a51,
    0xe9b6_c7aa,
    0xd62f_105d,
    0x0244_1453,
    0xd8a1_e681,
    0xe7d3_fbc8,
    0x21e1_cde6,
    0xc337_07d6,
    0xf4d5_0d87,
    0x455a_14ed,
    0xa9e3_e905,
    0xfcef_a3f8,
    0x676f_02d9,
    0x8d2a_4c8a,
    0xfffa_3942,
    0x8771_f681,
    0x6d9d_6122,
    0xfde5_380c,
    0xa4be_ea44,
    0x4bde_cfa9,
    0xf6bb_4b60,
    0xbebf_bc70,
    0x289b_7ec6,
    0xeaa1_27fa,
    0xd4ef_3085,
    0x0488_1d05,
    0xd9d4_d039,
    0xe6db_99e5,
    0x1fa2_7cf8,
    0xc4ac_5665,
    0xf429_2244,
    0x432a_ff97,
    0xab94_23a7,
    0xfc93_a039,
    0x655b_59c3,
    0x8f0c_cc92,
    0xffef_f47d,
    0x8584_5dd1,
    0x6fa8_7e4f,
    0xfe2c_e6e0,
    0xa301_4314,
    0x4e08_11a1,
    0xf753_7e82,
    0xbd3a_f235,
    0x2ad7_d2bb,
    0xeb86_d391,
];

/// The MD5 digest of `data`.
pub fn md5(data: &[u8]) -> [u8; 16] {
    let mut state: [u32; 4] = [0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476];
    let bit_len = u64::try_from(data.len())
        .unwrap_or_default()
        .wrapping_mul(8);
    let mut message = data.to_vec();
    message.push(0x80);
    while message.len() % 64 != 56 {
        message.push(0);
    }
    message.extend_from_slice(&bit_len.to_le_bytes());
    for chunk in message.chunks_exact(64) {
        let mut m = [0u32; 16];
        for (word, bytes) in m.iter_mut().zip(chunk.chunks_exact(4)) {
            *word = u32::from_le_bytes(bytes.try_into().unwrap_or_default());
        }
        let [mut a, mut b, mut c, mut d] = state;
        for (i, (k, s)) in K.iter().zip(S).enumerate() {
            let (f, g) = match i / 16 {
                0 => ((b & c) | (!b & d), i),
                1 => ((d & b) | (!d & c), (5 * i + 1) % 16),
                2 => (b ^ c ^ d, (3 * i + 5) % 16),
                _ => (c ^ (b | !d), (7 * i) % 16),
            };
            let word = m.get(g).copied().unwrap_or_default();
            let f = f.wrapping_add(a).wrapping_add(*k).wrapping_add(word);
            a = d;
            d = c;
            c = b;
            b = b.wrapping_add(f.rotate_left(s));
        }
        for (slot, value) in state.iter_mut().zip([a, b, c, d]) {
            *slot = slot.wrapping_add(value);
        }
    }
    let mut out = [0u8; 16];
    for (bytes, word) in out.chunks_exact_mut(4).zip(state) {
        bytes.copy_from_slice(&word.to_le_bytes());
    }
    out
}
