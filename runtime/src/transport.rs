//! The client's transport: a small trait that sends one signed request and returns the whole
//! response, and its default implementation on hyper-util's pooled client with rustls (ring
//! provider, Mozilla root certificates from `webpki-roots`), HTTP/1.1, `https` and `http`
//! endpoints (plain `http` for local servers such as moto).

use std::fmt;
use std::future::Future;
use std::io::Cursor;
use std::pin::Pin;
use std::time::Duration;

use http_body_util::{BodyExt, Full, Limited};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

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

/// The default transport: hyper-util's connection-pooling client over rustls.
#[derive(Clone, Debug)]
pub struct HyperClient {
    client: Client<hyper_rustls::HttpsConnector<HttpConnector>, Full<Cursor<Vec<u8>>>>,
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
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_provider_and_webpki_roots(rustls::crypto::ring::default_provider())
            .map_err(|e| TransportError::new("cannot set up TLS", Some(Box::new(e))))?
            .https_or_http()
            .enable_http1()
            .wrap_connector(http);
        let client = Client::builder(TokioExecutor::new()).build(https);
        Ok(Self {
            client,
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
        let request = http::Request::from_parts(parts, Full::new(Cursor::new(body)));
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
}
