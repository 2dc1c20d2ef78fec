//! Calls of operations with an input event stream (bidirectional streams, feature `http2`):
//! the request head is signed with the streaming payload hash
//! ([`Signer::sign_event_stream`]), its signature seeds the chain of the events' signatures,
//! and the body is a stream of signed frames (the input's events first, then those the caller
//! sends through the returned [`EventSender`]) sent over HTTP/2 while the response is read.
//! The call returns once the response head is in (within the call timeout), with the output
//! whose event stream reads the response body as the caller asks.
//!
//! One attempt: no retry, since the body starts as soon as the request does. An error status
//! before the stream is the operation's typed error, as for output streams.

use std::time::SystemTime;

use tokio::sync::mpsc;

use super::attempt::Signing;
use super::{Core, Error, ErrorKind, ProvideErrorMetadata};
use crate::credentials::CredentialsError;
use crate::duplex_body::DuplexBody;
use crate::endpoint::Value;
use crate::event_sender::{EventSendError, Sender};
use crate::event_signer::EventSigner;
use crate::operation::{InvalidRequest, Operation};
use crate::sigv4::Signer;

/// An operation whose input is an event stream. Generated for each such operation, beside
/// its [`Operation`] impl.
pub trait DuplexOperation: Operation {
    /// The events of the input stream (the stream union's enum).
    type Event;

    /// The operation's sans-IO sender (`<Op>::event_sender()`): how an event becomes a frame.
    fn event_sender() -> Sender<Self::Event>;

    /// The events the input carries, sent first.
    fn initial_events(input: &Self::Input) -> &[Self::Event];
}

/// How many frames wait for the connection before [`EventSender::send`] waits too.
const QUEUED_FRAMES: usize = 16;

/// The sending end of a bidirectional call: each event sent becomes a signed frame of the
/// request body; [`end`](Self::end) sends the signed empty frame that closes the stream.
/// Dropping it without `end` ends the body without that frame.
pub struct EventSender<T> {
    sender: Sender<T>,
    frames: Option<mpsc::Sender<Vec<u8>>>,
}

impl<T> std::fmt::Debug for EventSender<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventSender")
            .field("sender", &self.sender)
            .field("open", &self.frames.is_some())
            .finish()
    }
}

impl<T> EventSender<T> {
    /// Sends `event`: its frame, signed as of now, goes into the request body (waiting while
    /// the connection is behind). [`EventSendError::Closed`] when the body is closed (the
    /// connection or the exchange ended: the output's stream says why),
    /// [`EventSendError::Ended`] after [`end`](Self::end).
    pub async fn send(&mut self, event: T) -> Result<(), EventSendError> {
        let frame = self.sender.send(&event, SystemTime::now())?;
        self.push(frame).await
    }

    /// Ends the stream: sends the signed closing frame and closes the request body.
    pub async fn end(&mut self) -> Result<(), EventSendError> {
        let frame = self.sender.end(SystemTime::now())?;
        let pushed = if frame.is_empty() {
            Ok(())
        } else {
            self.push(frame).await
        };
        self.frames = None;
        pushed
    }

    async fn push(&mut self, frame: Vec<u8>) -> Result<(), EventSendError> {
        let frames = self.frames.as_ref().ok_or(EventSendError::Closed)?;
        frames.send(frame).await.map_err(|_| EventSendError::Closed)
    }
}

impl Core {
    /// Calls bidirectional operation `O` with `input` (see the module docs), the endpoint
    /// resolved with `params` when it has parameters of its own: the sender of further events
    /// and the output.
    #[allow(clippy::type_complexity)]
    pub async fn invoke_duplex<O>(
        &self,
        input: &O::Input,
        params: &[(&'static str, Value<'_>)],
    ) -> Result<(EventSender<O::Event>, O::Output), Error<O::Error>>
    where
        O: DuplexOperation,
        O::Error: ProvideErrorMetadata,
    {
        let inner = &*self.inner;
        let fail = |attempts, kind| Error {
            operation: O::NAME,
            attempts,
            kind,
        };
        let resolved;
        let (endpoint, signing) = if params.is_empty() {
            let endpoint = inner
                .endpoint
                .as_ref()
                .map_err(|e| fail(0, ErrorKind::EndpointResolution(e.clone())))?;
            let signing = Signing {
                region: &inner.signing_region,
                name: &inner.signing_name,
                cache: Some(&inner.signer),
            };
            (endpoint, signing)
        } else {
            resolved = self
                .resolve_with(params)
                .map_err(|e| fail(0, ErrorKind::EndpointResolution(e)))?;
            let signing = Signing {
                region: resolved.signing_region.as_deref().unwrap_or(&inner.region),
                name: resolved
                    .signing_name
                    .as_deref()
                    .unwrap_or(inner.service.signing_name),
                cache: None,
            };
            (&resolved, signing)
        };
        let mut request =
            O::build_request(input).map_err(|e| fail(0, ErrorKind::InvalidRequest(e)))?;
        crate::operation::set_endpoint(&mut request, &endpoint.url)
            .map_err(|e| fail(0, ErrorKind::Endpoint(e)))?;
        for (name, value) in &endpoint.headers {
            request.headers_mut().append(name, value.clone());
        }
        // The body's length is unknown: HTTP/2 frames it.
        request.headers_mut().remove(http::header::CONTENT_LENGTH);
        let mut sender = O::event_sender();
        if !O::UNSIGNED {
            let credentials = match &inner.credentials {
                Some(provider) => provider.provide_credentials().await,
                None => Err(CredentialsError::new("none were configured")),
            }
            .map_err(|e| fail(0, ErrorKind::Credentials(e)))?;
            let signer: std::sync::Arc<Signer> = signing.signer(credentials.clone());
            let seed = signer
                .sign_event_stream(&mut request, SystemTime::now())
                .map_err(|e| fail(0, ErrorKind::Signing(e)))?;
            sender = sender.signed(EventSigner::new(
                credentials,
                signing.region,
                signing.name,
                seed,
            ));
        }
        let now = SystemTime::now();
        let first = O::initial_events(input)
            .iter()
            .map(|event| sender.send(event, now))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| {
                let e = match e {
                    EventSendError::Invalid(e) => e,
                    other => InvalidRequest::new("(event stream)", other.to_string()),
                };
                fail(0, ErrorKind::InvalidRequest(e))
            })?;
        let (frames, queue) = mpsc::channel(QUEUED_FRAMES);
        let (parts, _) = request.into_parts();
        let request = http::Request::from_parts(parts, DuplexBody::new(first, queue));
        let response =
            match tokio::time::timeout(inner.timeout, inner.http.send_duplex(request)).await {
                Err(_) => return Err(fail(1, ErrorKind::Timeout(inner.timeout))),
                Ok(Err(e)) => return Err(fail(1, ErrorKind::Transport(e))),
                Ok(Ok(response)) => response,
            };
        let (_, output) = self
            .read_streaming::<O>(response)
            .await
            .map_err(|kind| fail(1, kind))?;
        Ok((
            EventSender {
                sender,
                frames: Some(frames),
            },
            output,
        ))
    }
}
