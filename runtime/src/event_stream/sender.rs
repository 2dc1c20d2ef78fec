//! The sending end of an input event stream, sans-IO: each event the caller sends becomes one
//! `vnd.amazon.eventstream` frame (the generated encoder of the operation gives the message:
//! `:message-type` `event`, `:event-type`, `:content-type` and the payload in the protocol's
//! codec), signed when a signer is set (SigV4's chained event signature, feature `sigv4`: the
//! frame then wraps the encoded event with `:date` and `:chunk-signature`), and
//! [`Sender::end`] gives the frame that ends the stream (an empty signed message; nothing when
//! unsigned).
//!
//! The bytes go into the request body, in order, as the caller produces them: the transport
//! that sends them while it receives the response is the caller's (or the client's).

use std::fmt;
use std::time::SystemTime;

#[cfg(feature = "sigv4")]
use super::signer::EventSigner;
use super::{EncodeError, Header, HeaderValue, Message, encode};
use crate::operation::InvalidRequest;

/// The encoder of one event of an operation's input stream. For generated code.
pub type Encode<T> = fn(&T) -> Result<Message, InvalidRequest>;

/// The message of an event: `:message-type` `event`, `:event-type` (the event's member name
/// in the stream), `:content-type`, and the payload. For generated code.
pub fn event_message(event_type: &str, content_type: &str, payload: Vec<u8>) -> Message {
    Message {
        headers: vec![
            Header::new(":message-type", HeaderValue::String("event".to_owned())),
            Header::new(":event-type", HeaderValue::String(event_type.to_owned())),
            Header::new(
                ":content-type",
                HeaderValue::String(content_type.to_owned()),
            ),
        ],
        payload,
    }
}

/// Why an event could not be turned into a frame.
#[derive(Clone, Debug, PartialEq)]
pub enum EventSendError {
    /// The event cannot be sent (the `Unknown` variant, a value its codec cannot carry).
    Invalid(InvalidRequest),
    /// The message does not fit the framing (a frame over 16 MiB, a header value too long).
    Encode(EncodeError),
    /// Signing failed.
    Signing(String),
    /// An event after [`Sender::end`].
    Ended,
    /// The request body is closed: the connection ended, or the service ended the exchange
    /// (the response says why). The client's sender only.
    Closed,
}

impl fmt::Display for EventSendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Invalid(e) => e.fmt(f),
            Self::Encode(e) => write!(f, "event stream: {e}"),
            Self::Signing(e) => write!(f, "event stream: signing failed: {e}"),
            Self::Ended => f.write_str("event stream: an event sent after the end of the stream"),
            Self::Closed => f.write_str(
                "event stream: the request body is closed (the connection or the exchange ended)",
            ),
        }
    }
}

impl std::error::Error for EventSendError {}

/// An input event stream of events `T`: turns each event into the bytes of its frame.
pub struct Sender<T> {
    encode: Encode<T>,
    #[cfg(feature = "sigv4")]
    signer: Option<EventSigner>,
    ended: bool,
}

impl<T> fmt::Debug for Sender<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Sender");
        #[cfg(feature = "sigv4")]
        d.field("signed", &self.signer.is_some());
        d.field("ended", &self.ended).finish()
    }
}

impl<T> Sender<T> {
    /// An unsigned stream whose events `encode` turns into messages. For generated code
    /// (`<Op>::event_sender()`).
    #[doc(hidden)]
    pub fn new(encode: Encode<T>) -> Self {
        Self {
            encode,
            #[cfg(feature = "sigv4")]
            signer: None,
            ended: false,
        }
    }

    /// Signs every frame from now on with `signer` (seeded with the signature of the request:
    /// `sigv4::Signer::sign_event_stream` returns it).
    #[cfg(feature = "sigv4")]
    #[must_use]
    pub fn signed(mut self, signer: EventSigner) -> Self {
        self.signer = Some(signer);
        self
    }

    /// The message of `event`, unframed and unsigned (what the frame carries, or wraps when
    /// signed).
    pub fn message(&self, event: &T) -> Result<Message, EventSendError> {
        (self.encode)(event).map_err(EventSendError::Invalid)
    }

    /// The bytes of the frame of `event`, signed as of `time` when the stream is signed.
    pub fn send(&mut self, event: &T, time: SystemTime) -> Result<Vec<u8>, EventSendError> {
        if self.ended {
            return Err(EventSendError::Ended);
        }
        let message = self.message(event)?;
        self.frame(&message, time)
    }

    /// The bytes of the frame of an already built `message` (the RPC protocols'
    /// `initial-request`, or a message of the caller's), signed as of `time` when the stream
    /// is signed.
    pub fn send_message(
        &mut self,
        message: &Message,
        time: SystemTime,
    ) -> Result<Vec<u8>, EventSendError> {
        if self.ended {
            return Err(EventSendError::Ended);
        }
        self.frame(message, time)
    }

    /// Ends the stream: the bytes of the closing frame (an empty signed message), or nothing
    /// when unsigned. Later sends fail.
    pub fn end(&mut self, time: SystemTime) -> Result<Vec<u8>, EventSendError> {
        if self.ended {
            return Err(EventSendError::Ended);
        }
        self.ended = true;
        #[cfg(feature = "sigv4")]
        if let Some(signer) = self.signer.as_mut() {
            let closing = signer
                .sign_end(time)
                .map_err(|e| EventSendError::Signing(e.to_string()))?;
            return encode(&closing).map_err(EventSendError::Encode);
        }
        let _ = time;
        Ok(Vec::new())
    }

    fn frame(&mut self, message: &Message, time: SystemTime) -> Result<Vec<u8>, EventSendError> {
        #[cfg(feature = "sigv4")]
        if let Some(signer) = self.signer.as_mut() {
            let wrapped = signer
                .sign(message, time)
                .map_err(|e| EventSendError::Signing(e.to_string()))?;
            return encode(&wrapped).map_err(EventSendError::Encode);
        }
        let _ = time;
        encode(message).map_err(EventSendError::Encode)
    }
}
