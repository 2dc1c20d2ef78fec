//! The client's streamed uploads: a call whose input has a streaming blob not in memory (a
//! file, a reader, a source). For S3 the body is never read whole: over `https` the request is
//! signed with `x-amz-content-sha256: UNSIGNED-PAYLOAD` (TLS protects the bytes) and the body
//! sent as it is read; over plain `http` (a local server such as moto) it is sent in signed
//! chunks (`STREAMING-AWS4-HMAC-SHA256-PAYLOAD`, see [`aws_chunked`](crate::aws_chunked)).
//! When the request wants its checksum in a trailer (`x-amz-trailer`, from
//! [`checksum::streamed`](crate::checksum::streamed)), the body goes `aws-chunked` either way
//! and ends with the checksum, computed as it is sent: unsigned chunks and trailer over
//! `https` (`STREAMING-UNSIGNED-PAYLOAD-TRAILER`), signed ones over `http`
//! (`STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER`).
//! Either way S3 needs the length up front: a stream without one is an invalid request. Other
//! services sign the payload's hash, so their streams are read into memory before signing.
//!
//! An upload attempt is not bounded by the call timeout (a large object takes as long as the
//! link needs; connecting still times out). Bytes and files are sent again on a retry; a
//! source can be read once, so its upload is attempted once.

use std::time::SystemTime;

use super::attempt::{Signing, backoff, copy_request};
use super::{Core, Error, ErrorKind, ProvideErrorMetadata};
use crate::aws_chunked::{CHUNK_SIZE, encoded_length};
#[cfg(feature = "checksum")]
use crate::aws_chunked::{TrailerFraming, encoded_length_with_trailer};
use crate::byte_stream::ByteStream;
use crate::credentials::CredentialsError;
use crate::operation::{InvalidRequest, Operation};
use crate::sigv4::UNSIGNED_PAYLOAD;
use crate::transport::TransportError;
use crate::upload_body::UploadBody;

/// Reads `stream` whole into `request`'s body (and its `Content-Length`); a checksum the
/// request wants in a trailer is computed and sent as a header instead.
pub(super) async fn read_into<E>(
    request: &mut http::Request<Vec<u8>>,
    stream: &ByteStream,
) -> Result<(), ErrorKind<E>> {
    let bytes = stream.clone().collect().await.map_err(|e| {
        ErrorKind::Transport(TransportError::new(
            "cannot read the request body",
            Some(Box::new(e)),
        ))
    })?;
    request.headers_mut().insert(
        http::header::CONTENT_LENGTH,
        http::HeaderValue::from(bytes.len()),
    );
    #[cfg(feature = "checksum")]
    if let Some(algorithm) = trailer_algorithm(request) {
        request.headers_mut().remove("x-amz-trailer");
        if let Ok(value) = http::HeaderValue::from_str(&algorithm.checksum(&bytes)) {
            request.headers_mut().insert(algorithm.header_name(), value);
        }
    }
    *request.body_mut() = bytes;
    Ok(())
}

/// The algorithm of the checksum `request` wants sent in a trailer (`x-amz-trailer`, set by
/// [`checksum::streamed`](crate::checksum::streamed)), if any.
#[cfg(feature = "checksum")]
fn trailer_algorithm(request: &http::Request<Vec<u8>>) -> Option<crate::checksum::Algorithm> {
    let name = request.headers().get("x-amz-trailer")?.to_str().ok()?;
    crate::checksum::Algorithm::from_header_name(name)
}

impl Core {
    /// Sends S3 request `request` (built, pointed at its endpoint, unsigned) with `stream` as
    /// its body: see the module docs.
    pub(super) async fn invoke_upload<O>(
        &self,
        request: http::Request<Vec<u8>>,
        stream: &ByteStream,
        signing: &Signing<'_>,
    ) -> Result<(u16, O::Output), Error<O::Error>>
    where
        O: Operation,
        O::Error: ProvideErrorMetadata,
    {
        let inner = &*self.inner;
        let fail = |attempts, kind| Error {
            operation: O::NAME,
            attempts,
            kind,
        };
        let Some(length) = stream.length() else {
            return Err(fail(
                0,
                ErrorKind::InvalidRequest(InvalidRequest::new(
                    "(streaming body)",
                    "S3 needs the length of a streamed body: give the ByteStream its length",
                )),
            ));
        };
        let tls = request.uri().scheme_str() == Some("https");
        let max_attempts = if stream.is_replayable() {
            inner.retry.max_attempts.max(1)
        } else {
            1
        };
        let mut attempt = 0;
        loop {
            attempt += 1;
            let mut signed = copy_request(&request);
            let source = stream.take_source().map_err(|e| {
                fail(
                    attempt,
                    ErrorKind::Transport(TransportError::new(
                        "cannot read the request body",
                        Some(Box::new(e)),
                    )),
                )
            })?;
            let body = if O::UNSIGNED {
                if signed.headers().contains_key("x-amz-trailer") {
                    return Err(fail(
                        attempt,
                        ErrorKind::InvalidRequest(InvalidRequest::new(
                            "(streaming body)",
                            "a trailing checksum needs a signed request",
                        )),
                    ));
                }
                UploadBody::new(source, Some(length))
            } else {
                let credentials = match &inner.credentials {
                    Some(provider) => provider.provide_credentials().await,
                    None => Err(CredentialsError::new("none were configured")),
                }
                .map_err(|e| fail(attempt, ErrorKind::Credentials(e)))?;
                let signer = signing.signer(credentials);
                #[cfg(feature = "checksum")]
                let trailer = trailer_algorithm(&signed);
                #[cfg(not(feature = "checksum"))]
                let trailer: Option<std::convert::Infallible> = None;
                if let Some(algorithm) = trailer {
                    #[cfg(feature = "checksum")]
                    {
                        let framing = if tls {
                            TrailerFraming::Unsigned
                        } else {
                            TrailerFraming::Signed
                        };
                        let (name, value_length) =
                            (algorithm.header_name(), algorithm.encoded_length());
                        let chunks = signer
                            .sign_chunked_with_trailer(
                                &mut signed,
                                SystemTime::now(),
                                length,
                                CHUNK_SIZE,
                                name,
                                value_length,
                                framing,
                            )
                            .map_err(|e| fail(attempt, ErrorKind::Signing(e)))?;
                        let wire = encoded_length_with_trailer(
                            length,
                            CHUNK_SIZE,
                            framing,
                            name,
                            value_length,
                        );
                        UploadBody::with_trailer(source, length, wire, chunks, algorithm.hasher())
                    }
                    #[cfg(not(feature = "checksum"))]
                    match algorithm {}
                } else if tls {
                    signed.headers_mut().insert(
                        "x-amz-content-sha256",
                        http::HeaderValue::from_static(UNSIGNED_PAYLOAD),
                    );
                    signer
                        .sign(&mut signed, SystemTime::now())
                        .map_err(|e| fail(attempt, ErrorKind::Signing(e)))?;
                    UploadBody::new(source, Some(length))
                } else {
                    let chunks = signer
                        .sign_chunked(&mut signed, SystemTime::now(), length, CHUNK_SIZE)
                        .map_err(|e| fail(attempt, ErrorKind::Signing(e)))?;
                    UploadBody::chunk_signed(
                        source,
                        length,
                        encoded_length(length, CHUNK_SIZE),
                        chunks,
                    )
                }
            };
            let (parts, _) = signed.into_parts();
            let kind = match inner
                .http
                .send_upload(http::Request::from_parts(parts, body))
                .await
            {
                Err(e) => ErrorKind::Transport(e),
                Ok(response) => match self.read_streaming::<O>(response).await {
                    Ok(output) => return Ok(output),
                    Err(kind) => kind,
                },
            };
            if attempt >= max_attempts || !kind.retryable() {
                return Err(fail(attempt, kind));
            }
            tokio::time::sleep(backoff(&inner.retry, attempt)).await;
        }
    }
}
