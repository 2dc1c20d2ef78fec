//! One call's attempts: sign, send within the timeout, parse, and retry with backoff; the
//! signer cache; event-stream responses read as the caller asks.

use std::hash::{BuildHasher, Hasher};
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime};

use super::endpoint::ResolvedEndpoint;
use super::{Core, Error, ErrorKind, ProvideErrorMetadata, RetryConfig};
use crate::credential_cache::ProvideCredentials;
use crate::credentials::{Credentials, CredentialsError};
use crate::operation::{BodyError, Operation, ResponseError};
use crate::sigv4::Signer;
use crate::transport::{DEFAULT_MAX_RESPONSE_BYTES, TransportError};

impl Core {
    pub(super) async fn invoke_at<O>(
        &self,
        input: &O::Input,
        endpoint: &ResolvedEndpoint,
        signing: Signing<'_>,
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
        let mut request =
            O::build_request(input).map_err(|e| fail(0, ErrorKind::InvalidRequest(e)))?;
        crate::operation::set_endpoint(&mut request, &endpoint.url)
            .map_err(|e| fail(0, ErrorKind::Endpoint(e)))?;
        for (name, value) in &endpoint.headers {
            request.headers_mut().append(name, value.clone());
        }
        #[cfg(feature = "blob")]
        if let Some(stream) = O::streaming_body(input).filter(|s| s.as_bytes().is_none()) {
            if O::UNSIGNED || crate::sigv4::is_s3_signing_name(signing.name) {
                return self.invoke_upload::<O>(request, stream, &signing).await;
            }
            // Other services sign the payload's hash: the body is read first.
            super::upload::read_into(&mut request, stream)
                .await
                .map_err(|e| fail(0, e))?;
        }
        let mut attempt = 0;
        loop {
            attempt += 1;
            let mut signed = copy_request(&request);
            if !O::UNSIGNED {
                let credentials = match &inner.credentials {
                    Some(provider) => provider.provide_credentials().await,
                    None => Err(CredentialsError::new("none were configured")),
                }
                .map_err(|e| fail(attempt, ErrorKind::Credentials(e)))?;
                signing
                    .signer(credentials)
                    .sign(&mut signed, SystemTime::now())
                    .map_err(|e| fail(attempt, ErrorKind::Signing(e)))?;
            }
            if O::EVENT_STREAM || O::STREAMING_OUTPUT {
                let kind = match self.send_streaming::<O>(signed).await {
                    Ok(output) => return Ok(output),
                    Err(kind) => kind,
                };
                if attempt >= inner.retry.max_attempts.max(1) || !kind.retryable() {
                    return Err(fail(attempt, kind));
                }
                tokio::time::sleep(backoff(&inner.retry, attempt)).await;
                continue;
            }
            let kind = match tokio::time::timeout(inner.timeout, inner.http.send(signed)).await {
                Err(_) => ErrorKind::Timeout(inner.timeout),
                Ok(Err(e)) => ErrorKind::Transport(e),
                Ok(Ok(response)) => {
                    let status = response.status().as_u16();
                    match O::parse_response(status, response.headers(), response.body()) {
                        Ok(output) => return Ok((status, output)),
                        Err(ResponseError::Service(e)) => ErrorKind::Service(e),
                        Err(ResponseError::Invalid(e)) => ErrorKind::InvalidResponse(e),
                    }
                }
            };
            if attempt >= inner.retry.max_attempts.max(1) || !kind.retryable() {
                return Err(fail(attempt, kind));
            }
            tokio::time::sleep(backoff(&inner.retry, attempt)).await;
        }
    }
}

/// How to sign for an endpoint: its signing region and name, and the client's signer cache
/// when the endpoint is the client's own.
pub(super) struct Signing<'a> {
    pub(super) region: &'a str,
    pub(super) name: &'a str,
    pub(super) cache: Option<&'a RwLock<Option<Arc<Signer>>>>,
}

impl Signing<'_> {
    /// A signer of `credentials`: the cached one while they are the same.
    pub(super) fn signer(&self, credentials: Credentials) -> Arc<Signer> {
        let Some(cache) = self.cache else {
            return Arc::new(Signer::new(credentials, self.region, self.name));
        };
        if let Some(signer) = cache
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .as_ref()
            .filter(|s| *s.credentials() == credentials)
        {
            return signer.clone();
        }
        let signer = Arc::new(Signer::new(credentials, self.region, self.name));
        *cache
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(signer.clone());
        signer
    }
}

impl Core {
    /// One attempt of an event-stream operation: the response's head within the timeout;
    /// then a success gives the output, whose stream reads the rest of the body as the caller
    /// asks for events (no timeout: a stream may be quiet for long), and an error response is
    /// read whole (at most [`DEFAULT_MAX_RESPONSE_BYTES`]) and parsed.
    async fn send_streaming<O>(
        &self,
        signed: http::Request<Vec<u8>>,
    ) -> Result<(u16, O::Output), ErrorKind<O::Error>>
    where
        O: Operation,
    {
        let inner = &*self.inner;
        let response =
            match tokio::time::timeout(inner.timeout, inner.http.send_streaming(signed)).await {
                Err(_) => return Err(ErrorKind::Timeout(inner.timeout)),
                Ok(Err(e)) => return Err(ErrorKind::Transport(e)),
                Ok(Ok(response)) => response,
            };
        self.read_streaming::<O>(response).await
    }

    /// A response whose head is in: a success gives the output, with the rest of the body
    /// attached to it; an error response is read whole (at most
    /// [`DEFAULT_MAX_RESPONSE_BYTES`], within the timeout) and parsed.
    pub(super) async fn read_streaming<O>(
        &self,
        response: http::Response<Box<dyn crate::operation::BodySource>>,
    ) -> Result<(u16, O::Output), ErrorKind<O::Error>>
    where
        O: Operation,
    {
        let inner = &*self.inner;
        let (parts, mut body) = response.into_parts();
        let status = parts.status.as_u16();
        let parse = |bytes: &[u8]| match O::parse_response(status, &parts.headers, bytes) {
            Ok(output) => Ok((status, output)),
            Err(ResponseError::Service(e)) => Err(ErrorKind::Service(e)),
            Err(ResponseError::Invalid(e)) => Err(ErrorKind::InvalidResponse(e)),
        };
        if (200..300).contains(&status) {
            let (status, mut output) = parse(&[])?;
            O::attach_body(&mut output, &parts.headers, body);
            // Output members that come in the stream's first event are read before the output
            // is returned (within the timeout).
            #[cfg(feature = "event-stream")]
            if O::EVENT_STREAM {
                use crate::event_receiver::EventStreamError;
                match tokio::time::timeout(inner.timeout, O::initial_response(&mut output)).await {
                    Err(_) => return Err(ErrorKind::Timeout(inner.timeout)),
                    Ok(Err(EventStreamError::Service(e))) => return Err(ErrorKind::Service(e)),
                    Ok(Err(EventStreamError::Invalid(e))) => {
                        return Err(ErrorKind::InvalidResponse(e));
                    }
                    Ok(Err(EventStreamError::Body(e))) => {
                        return Err(ErrorKind::Transport(TransportError::new(
                            "cannot read the initial-response event",
                            Some(Box::new(e)),
                        )));
                    }
                    Ok(Ok(())) => {}
                }
            }
            return Ok((status, output));
        }
        let mut whole = Vec::new();
        let read = tokio::time::timeout(inner.timeout, async {
            while let Some(chunk) = body.next_chunk().await? {
                whole.extend_from_slice(&chunk);
                if whole.len() > DEFAULT_MAX_RESPONSE_BYTES {
                    return Err(BodyError::new(format!(
                        "the error response is longer than {DEFAULT_MAX_RESPONSE_BYTES} bytes"
                    )));
                }
            }
            Ok(())
        })
        .await;
        match read {
            Err(_) => Err(ErrorKind::Timeout(inner.timeout)),
            Ok(Err(e)) => Err(ErrorKind::Transport(TransportError::new(
                "cannot read the error response",
                Some(Box::new(e)),
            ))),
            Ok(Ok(())) => parse(&whole),
        }
    }
}

/// A copy of a built request (method, URI, version, headers, body) for one attempt.
pub(super) fn copy_request(request: &http::Request<Vec<u8>>) -> http::Request<Vec<u8>> {
    let mut copy = http::Request::new(request.body().clone());
    *copy.method_mut() = request.method().clone();
    *copy.uri_mut() = request.uri().clone();
    *copy.version_mut() = request.version();
    *copy.headers_mut() = request.headers().clone();
    copy
}

/// The delay after failed attempt `attempt` (1-based): a random fraction of the capped
/// exponential delay.
pub(super) fn backoff(retry: &RetryConfig, attempt: u32) -> Duration {
    let exp = retry
        .base_delay
        .saturating_mul(1u32 << attempt.saturating_sub(1).min(20))
        .min(retry.max_delay);
    // std's per-instance random hasher keys: enough randomness for jitter, no extra crate.
    let random = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    // The top 32 bits as a fraction in [0, 1): ample resolution for jitter.
    let fraction = f64::from(u32::try_from(random >> 32).unwrap_or(u32::MAX)) / 4_294_967_296.0;
    exp.mul_f64(fraction)
}
