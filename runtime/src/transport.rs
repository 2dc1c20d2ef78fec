//! The client's transport: a small trait that sends one signed request and returns the whole
//! response, and its default implementation on hyper-util's pooled client with rustls (ring
//! provider, Mozilla root certificates from `webpki-roots`), HTTP/1.1, `https` and `http`
//! endpoints (plain `http` for local servers such as moto); with the `http2` feature, HTTP/2
//! for bidirectional event streams.

use std::fmt;
use std::future::Future;
use std::io::Cursor;
use std::pin::Pin;
use std::time::Duration;

use http_body_util::{BodyExt, Either, Full, Limited};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

use super::operation::{BodyError, BodySource, ChunkFuture};
use super::upload_body::UploadBody;

/// A boxed, sendable future: what [`HttpClient::send`] returns.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Sends HTTP requests. Implement it to use another HTTP stack (or a test double); the
/// client adds timeouts and retries around it.
pub trait HttpClient: fmt::Debug + Send + Sync {
    /// Sends `request` and reads the whole response.
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>>;

    /// Sends `request` and returns the response once its head is in, with the body to read
    /// chunk by chunk (what event-stream operations use). The default reads the whole body
    /// with [`HttpClient::send`] and gives it as one chunk.
    fn send_streaming(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Box<dyn BodySource>>, TransportError>> {
        let response = self.send(request);
        Box::pin(async move {
            let (parts, body) = response.await?.into_parts();
            let body: Box<dyn BodySource> = Box::new(WholeBody(Some(body)));
            Ok(http::Response::from_parts(parts, body))
        })
    }

    /// Sends `request`, whose body is streamed as the connection takes it (a streaming blob
    /// upload), and returns the response as [`HttpClient::send_streaming`] does. The default
    /// reads the whole body into memory and sends it with [`HttpClient::send_streaming`].
    fn send_upload(
        &self,
        request: http::Request<UploadBody>,
    ) -> BoxFuture<'_, Result<http::Response<Box<dyn BodySource>>, TransportError>> {
        Box::pin(async move {
            let (parts, body) = request.into_parts();
            let body = body.collect().await.map_err(|e| {
                TransportError::new("cannot read the request body", Some(Box::new(e)))
            })?;
            self.send_streaming(http::Request::from_parts(parts, body))
                .await
        })
    }

    /// Sends `request`, whose body is fed while the response is read (a bidirectional event
    /// stream: needs HTTP/2), and returns the response once its head is in, as
    /// [`HttpClient::send_streaming`] does. The default refuses: a transport that sends the
    /// whole body before reading the response would wait for ever on an exchange of events.
    #[cfg(feature = "http2")]
    fn send_duplex(
        &self,
        request: http::Request<crate::duplex_body::DuplexBody>,
    ) -> BoxFuture<'_, Result<http::Response<Box<dyn BodySource>>, TransportError>> {
        let _ = request;
        Box::pin(async {
            Err(TransportError::new(
                "this transport cannot send a request body while it reads the response \
                 (bidirectional event streams need HTTP/2): implement `HttpClient::send_duplex`",
                None,
            ))
        })
    }
}

/// A body already read whole: one chunk, then the end.
struct WholeBody(Option<Vec<u8>>);

impl BodySource for WholeBody {
    fn next_chunk(&mut self) -> ChunkFuture<'_> {
        let chunk = self.0.take();
        Box::pin(async move { Ok(chunk) })
    }
}

/// A hyper response body, read frame by frame (trailers are skipped).
struct IncomingBody(http_body_util::combinators::UnsyncBoxBody<Cursor<Vec<u8>>, BodyError>);

impl BodySource for IncomingBody {
    fn next_chunk(&mut self) -> ChunkFuture<'_> {
        Box::pin(async move {
            loop {
                match self.0.frame().await {
                    None => return Ok(None),
                    Some(Err(e)) => return Err(e),
                    Some(Ok(frame)) => match frame.into_data() {
                        Ok(data) if !data.get_ref().is_empty() => {
                            return Ok(Some(data.into_inner()));
                        }
                        _ => {}
                    },
                }
            }
        })
    }
}

/// An error's message followed by its causes'.
fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text
}

/// A request could not be sent or its response not read (connection refused, reset, TLS
/// failure, …).
#[derive(Debug)]
pub struct TransportError {
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl TransportError {
    /// An error with this message and cause.
    pub fn new(
        message: impl Into<String>,
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        Self {
            message: message.into(),
            source,
        }
    }

    /// What went wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        // hyper's own messages are terse ("client error (Connect)"): show the causes.
        let mut cause = self.source.as_deref().map(|e| e as &dyn std::error::Error);
        while let Some(e) = cause {
            write!(f, ": {e}")?;
            cause = e.source();
        }
        Ok(())
    }
}

impl std::error::Error for TransportError {}

/// The largest response body [`HyperClient`] reads by default: 64 MiB. A longer one is a
/// [`TransportError`] rather than memory without bound.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 64 * 1024 * 1024;

/// A request body: in memory, or streamed (an upload).
type RequestBody = Either<Full<Cursor<Vec<u8>>>, UploadBody>;

/// The default transport: hyper-util's connection-pooling client over rustls. HTTP/1.1; with
/// the `http2` feature, bidirectional event streams go over HTTP/2 ([`HttpClient::send_duplex`]:
/// h2 by ALPN over TLS, h2c with prior knowledge over plain `http`).
#[derive(Clone, Debug)]
pub struct HyperClient {
    client: Client<hyper_rustls::HttpsConnector<HttpConnector>, RequestBody>,
    #[cfg(feature = "http2")]
    h2: Client<hyper_rustls::HttpsConnector<HttpConnector>, crate::duplex_body::DuplexBody>,
    max_response_bytes: usize,
}

impl HyperClient {
    /// A client whose connection attempts time out after `connect_timeout`. Must be called
    /// inside a tokio runtime only when sending, not when building.
    pub fn new(connect_timeout: Duration) -> Result<Self, TransportError> {
        let mut http = HttpConnector::new();
        http.enforce_http(false);
        http.set_connect_timeout(Some(connect_timeout));
        http.set_nodelay(true);
        let tls = || {
            hyper_rustls::HttpsConnectorBuilder::new()
                .with_provider_and_webpki_roots(rustls::crypto::ring::default_provider())
                .map_err(|e| TransportError::new("cannot set up TLS", Some(Box::new(e))))
                .map(hyper_rustls::HttpsConnectorBuilder::https_or_http)
        };
        #[cfg(feature = "http2")]
        let h2 = Client::builder(TokioExecutor::new())
            .http2_only(true)
            .build(tls()?.enable_http2().wrap_connector(http.clone()));
        let client =
            Client::builder(TokioExecutor::new()).build(tls()?.enable_http1().wrap_connector(http));
        Ok(Self {
            client,
            #[cfg(feature = "http2")]
            h2,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
        })
    }

    /// Reads response bodies up to `max` bytes (default [`DEFAULT_MAX_RESPONSE_BYTES`]); a
    /// longer body is a [`TransportError`].
    pub fn with_max_response_bytes(mut self, max: usize) -> Self {
        self.max_response_bytes = max;
        self
    }
}

impl HttpClient for HyperClient {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        let (parts, body) = request.into_parts();
        let request = http::Request::from_parts(parts, Either::Left(Full::new(Cursor::new(body))));
        Box::pin(async move {
            let response =
                self.client.request(request).await.map_err(|e| {
                    TransportError::new("cannot send the request", Some(Box::new(e)))
                })?;
            let (parts, body) = response.into_parts();
            let max = self.max_response_bytes;
            let body = Limited::new(body, max)
                .collect()
                .await
                .map_err(|e| {
                    let message = if e.is::<http_body_util::LengthLimitError>() {
                        format!("the response body is longer than {max} bytes")
                    } else {
                        "cannot read the response".to_owned()
                    };
                    TransportError::new(message, Some(e))
                })?
                .to_bytes()
                .to_vec();
            Ok(http::Response::from_parts(parts, body))
        })
    }

    fn send_streaming(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Box<dyn BodySource>>, TransportError>> {
        let (parts, body) = request.into_parts();
        let request = http::Request::from_parts(parts, Either::Left(Full::new(Cursor::new(body))));
        self.stream_response(request)
    }

    fn send_upload(
        &self,
        request: http::Request<UploadBody>,
    ) -> BoxFuture<'_, Result<http::Response<Box<dyn BodySource>>, TransportError>> {
        let (parts, body) = request.into_parts();
        self.stream_response(http::Request::from_parts(parts, Either::Right(body)))
    }

    #[cfg(feature = "http2")]
    fn send_duplex(
        &self,
        request: http::Request<crate::duplex_body::DuplexBody>,
    ) -> BoxFuture<'_, Result<http::Response<Box<dyn BodySource>>, TransportError>> {
        Box::pin(async move {
            let response =
                self.h2.request(request).await.map_err(|e| {
                    TransportError::new("cannot send the request", Some(Box::new(e)))
                })?;
            Ok(incoming(response))
        })
    }
}

/// A response whose body is read frame by frame.
fn incoming<B>(response: http::Response<B>) -> http::Response<Box<dyn BodySource>>
where
    B: http_body::Body + Send + 'static,
    B::Data: AsRef<[u8]>,
    B::Error: std::error::Error + 'static,
{
    let (parts, body) = response.into_parts();
    let body = body
        .map_frame(|frame| frame.map_data(|data| Cursor::new(data.as_ref().to_vec())))
        .map_err(|e| BodyError::new(error_chain(&e)))
        .boxed_unsync();
    let body: Box<dyn BodySource> = Box::new(IncomingBody(body));
    http::Response::from_parts(parts, body)
}

impl HyperClient {
    /// Sends `request` and returns the response with its body to read chunk by chunk.
    fn stream_response(
        &self,
        request: http::Request<RequestBody>,
    ) -> BoxFuture<'_, Result<http::Response<Box<dyn BodySource>>, TransportError>> {
        Box::pin(async move {
            let response =
                self.client.request(request).await.map_err(|e| {
                    TransportError::new("cannot send the request", Some(Box::new(e)))
                })?;
            Ok(incoming(response))
        })
    }
}
