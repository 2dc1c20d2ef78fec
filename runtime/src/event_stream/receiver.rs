//! The receiving end of an output event stream: the framing decoder of
//! [`event_stream`](super) fed with the response body, each message sorted by
//! its `:message-type` (`event`, `exception`, `error`) and turned into a typed event or the
//! operation's typed error by the generated parser of the operation.
//!
//! Sans-IO: [`Receiver::push`] bytes, take events with [`Receiver::next_event`], and call
//! [`Receiver::finish`] at the end of the body. With the client, [`Receiver::recv`] reads the
//! body as it arrives.

use std::collections::VecDeque;
use std::fmt;

use super::{Decoder, HeaderValue, Message};
use crate::error::ErrorMetadata;
use crate::operation::{BodyError, BodySource, InvalidResponse, ResponseError};
use crate::timestamp::DateTime;

/// What a message is, by its `:message-type` header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind<'m> {
    /// An event (`:message-type: event`) of this `:event-type`.
    Event(&'m str),
    /// A modeled exception (`:message-type: exception`) of this `:exception-type`.
    Exception(&'m str),
    /// An error the service did not model (`:message-type: error`): its `:error-code` and
    /// `:error-message`.
    Error(ErrorMetadata),
}

/// Reads the kind of `message` from its headers; a message without the headers its kind
/// needs is invalid. For generated parsers.
pub fn classify(status: u16, message: &Message) -> Result<Kind<'_>, InvalidResponse> {
    let text = |name: &str| match message.header(name) {
        Some(HeaderValue::String(s)) => Ok(s.as_str()),
        Some(other) => Err(InvalidResponse::new(
            status,
            format!(
                "event stream: header `{name}` is of wire type {}, not a string",
                other.type_byte()
            ),
        )),
        None => Err(InvalidResponse::new(
            status,
            format!("event stream: a message has no `{name}` header"),
        )),
    };
    match text(":message-type")? {
        "event" => Ok(Kind::Event(text(":event-type")?)),
        "exception" => Ok(Kind::Exception(text(":exception-type")?)),
        "error" => {
            let code = text(":error-code")?;
            let message = text(":error-message").ok().map(str::to_owned);
            Ok(Kind::Error(
                ErrorMetadata::new(code, status).with_message(message),
            ))
        }
        other => Err(InvalidResponse::new(
            status,
            format!("event stream: unknown `:message-type` `{other}`"),
        )),
    }
}

/// A Rust value an `eventheader` member of an event structure is read into, from the wire
/// types that carry it (an integer from its own type or a narrower one). For generated parsers.
pub trait FromHeader: Sized {
    /// The value of `header`, or `None` when its wire type cannot carry `Self`.
    fn from_header(header: &HeaderValue) -> Option<Self>;
}

impl FromHeader for bool {
    fn from_header(header: &HeaderValue) -> Option<Self> {
        match header {
            HeaderValue::Bool(b) => Some(*b),
            _ => None,
        }
    }
}

impl FromHeader for i8 {
    fn from_header(header: &HeaderValue) -> Option<Self> {
        match header {
            HeaderValue::Byte(v) => Some(*v),
            _ => None,
        }
    }
}

impl FromHeader for i16 {
    fn from_header(header: &HeaderValue) -> Option<Self> {
        match header {
            HeaderValue::Byte(v) => Some(i16::from(*v)),
            HeaderValue::Short(v) => Some(*v),
            _ => None,
        }
    }
}

impl FromHeader for i32 {
    fn from_header(header: &HeaderValue) -> Option<Self> {
        match header {
            HeaderValue::Byte(v) => Some(i32::from(*v)),
            HeaderValue::Short(v) => Some(i32::from(*v)),
            HeaderValue::Int(v) => Some(*v),
            _ => None,
        }
    }
}

impl FromHeader for i64 {
    fn from_header(header: &HeaderValue) -> Option<Self> {
        match header {
            HeaderValue::Byte(v) => Some(i64::from(*v)),
            HeaderValue::Short(v) => Some(i64::from(*v)),
            HeaderValue::Int(v) => Some(i64::from(*v)),
            HeaderValue::Long(v) => Some(*v),
            _ => None,
        }
    }
}

impl FromHeader for String {
    fn from_header(header: &HeaderValue) -> Option<Self> {
        match header {
            HeaderValue::String(v) => Some(v.clone()),
            _ => None,
        }
    }
}

impl FromHeader for Vec<u8> {
    fn from_header(header: &HeaderValue) -> Option<Self> {
        match header {
            HeaderValue::ByteArray(v) => Some(v.clone()),
            _ => None,
        }
    }
}

impl FromHeader for DateTime {
    fn from_header(header: &HeaderValue) -> Option<Self> {
        match header {
            HeaderValue::Timestamp(v) => Some(*v),
            _ => None,
        }
    }
}

/// Reads header `name` of `message` into an `eventheader` member: `None` when the message
/// does not have it, an error naming the header when its wire type cannot carry the member's
/// type. For generated parsers.
pub fn header<T: FromHeader>(
    status: u16,
    message: &Message,
    name: &str,
) -> Result<Option<T>, InvalidResponse> {
    match message.header(name) {
        None => Ok(None),
        Some(value) => T::from_header(value).map(Some).ok_or_else(|| {
            InvalidResponse::new(
                status,
                format!(
                    "event stream: header `{name}` is of wire type {}, which does not carry \
                     the event member's type",
                    value.type_byte()
                ),
            )
        }),
    }
}

/// The parser of one message: an event (`Some`), a message to skip (`None`: the RPC
/// protocols' `initial-response`), or the operation's error.
pub type Parse<T, E> = fn(u16, &Message) -> Result<Option<T>, ResponseError<E>>;

/// Why the next event could not be had.
#[derive(Clone, Debug, PartialEq)]
pub enum EventStreamError<E> {
    /// The service sent an exception or error message: the operation's typed error (a modeled
    /// exception event is its variant; an `error` message or an exception the model does not
    /// know is `Unhandled` with its code and message).
    Service(E),
    /// The stream could not be read: broken framing (a checksum mismatch, a frame cut off at
    /// the end of the body), a message without the headers its kind needs, a payload that does
    /// not parse.
    Invalid(InvalidResponse),
    /// Reading the body failed (the connection was cut).
    Body(BodyError),
}

impl<E: fmt::Display> fmt::Display for EventStreamError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Service(e) => e.fmt(f),
            Self::Invalid(e) => e.fmt(f),
            Self::Body(e) => e.fmt(f),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for EventStreamError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Service(e) => Some(e),
            Self::Invalid(e) => Some(e),
            Self::Body(e) => Some(e),
        }
    }
}

impl<E> From<ResponseError<E>> for EventStreamError<E> {
    fn from(e: ResponseError<E>) -> Self {
        match e {
            ResponseError::Service(e) => Self::Service(e),
            ResponseError::Invalid(e) => Self::Invalid(e),
        }
    }
}

/// An output event stream: typed events `T`, the operation's error `E`.
pub struct Receiver<T, E> {
    status: u16,
    decoder: Option<Decoder>,
    ready: VecDeque<Message>,
    parse: Parse<T, E>,
    body: Option<Box<dyn BodySource>>,
    /// Set once the stream has ended or failed: nothing more is read.
    done: bool,
}

impl<T, E> fmt::Debug for Receiver<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Receiver")
            .field("status", &self.status)
            .field("ready_messages", &self.ready.len())
            .field(
                "buffered_bytes",
                &self.decoder.as_ref().map_or(0, Decoder::buffered),
            )
            .field("reading_body", &self.body.is_some())
            .field("done", &self.done)
            .finish()
    }
}

impl<T, E> Receiver<T, E> {
    /// A receiver of a response with HTTP `status` whose messages `parse` reads. For
    /// generated code.
    #[doc(hidden)]
    pub fn new(status: u16, parse: Parse<T, E>) -> Self {
        Self {
            status,
            decoder: Some(Decoder::new()),
            ready: VecDeque::new(),
            parse,
            body: None,
            done: false,
        }
    }

    /// Feeds bytes of the body, in any chunks. Broken framing is an error, and so is every
    /// push after one.
    pub fn push(&mut self, bytes: &[u8]) -> Result<(), InvalidResponse> {
        let Some(decoder) = self.decoder.as_mut() else {
            return Err(self.ended());
        };
        let mut out = Vec::new();
        let result = decoder.push(bytes, &mut out);
        self.ready.extend(out);
        result.map_err(|e| {
            self.decoder = None;
            InvalidResponse::new(self.status, format!("event stream: {e}"))
        })
    }

    /// Declares the end of the body: an error if it ended inside a frame.
    pub fn finish(&mut self) -> Result<(), InvalidResponse> {
        match self.decoder.take() {
            Some(decoder) => decoder
                .finish()
                .map_err(|e| InvalidResponse::new(self.status, format!("event stream: {e}"))),
            None => Ok(()),
        }
    }

    /// The next event among the messages pushed so far (`None` when they are all taken).
    pub fn next_event(&mut self) -> Option<Result<T, EventStreamError<E>>> {
        while let Some(message) = self.ready.pop_front() {
            match (self.parse)(self.status, &message) {
                Ok(Some(event)) => return Some(Ok(event)),
                Ok(None) => {}
                Err(e) => return Some(Err(e.into())),
            }
        }
        None
    }

    /// The HTTP status of the response.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Takes out the first message pushed so far if it is the RPC protocols' `initial-response`
    /// event (whose payload holds the output's members besides the stream); otherwise leaves
    /// the messages as they are. For generated code.
    #[doc(hidden)]
    pub fn take_initial(&mut self) -> Option<Message> {
        let first = self.ready.front()?;
        let is = |name: &str, value: &str| matches!(first.header(name), Some(HeaderValue::String(s)) if s == value);
        if is(":message-type", "event") && is(":event-type", "initial-response") {
            self.ready.pop_front()
        } else {
            None
        }
    }

    /// Reads the body until the first message is in (or the body ends), then takes it out if
    /// it is the `initial-response` event ([`Receiver::take_initial`]). What the client awaits
    /// before it returns an output whose members come in that event. For generated code.
    #[doc(hidden)]
    pub async fn initial(&mut self) -> Result<Option<Message>, EventStreamError<E>> {
        while self.ready.is_empty() && !self.done {
            let Some(body) = self.body.as_mut() else {
                break;
            };
            match body.next_chunk().await {
                Ok(Some(bytes)) => {
                    if let Err(e) = self.push(&bytes) {
                        return Err(self.fail(EventStreamError::Invalid(e)));
                    }
                }
                Ok(None) => {
                    let end = self.finish();
                    self.body = None;
                    if let Err(e) = end {
                        return Err(self.fail(EventStreamError::Invalid(e)));
                    }
                }
                Err(e) => return Err(self.fail(EventStreamError::Body(e))),
            }
        }
        Ok(self.take_initial())
    }

    /// Gives the receiver the rest of the body to read in [`Receiver::recv`]. For clients.
    pub fn attach(&mut self, body: Box<dyn BodySource>) {
        self.body = Some(body);
    }

    /// The next event, reading the body as needed: `Ok(None)` once the stream has ended
    /// cleanly. An error ends the stream: later calls give `Ok(None)`. Without a body to read
    /// (sans-IO use), the bytes pushed so far are all there is.
    pub async fn recv(&mut self) -> Result<Option<T>, EventStreamError<E>> {
        loop {
            if self.done {
                return Ok(None);
            }
            if let Some(next) = self.next_event() {
                if next.is_err() {
                    self.close();
                }
                return next.map(Some);
            }
            let chunk = match self.body.as_mut() {
                Some(body) => body.next_chunk().await,
                None => Ok(None),
            };
            match chunk {
                Ok(Some(bytes)) => {
                    if let Err(e) = self.push(&bytes) {
                        return Err(self.fail(EventStreamError::Invalid(e)));
                    }
                }
                Ok(None) => {
                    let end = self.finish();
                    self.body = None;
                    if let Err(e) = end {
                        return Err(self.fail(EventStreamError::Invalid(e)));
                    }
                    if self.ready.is_empty() {
                        self.done = true;
                    }
                }
                Err(e) => return Err(self.fail(EventStreamError::Body(e))),
            }
        }
    }

    fn fail(&mut self, e: EventStreamError<E>) -> EventStreamError<E> {
        self.close();
        e
    }

    fn close(&mut self) {
        self.done = true;
        self.decoder = None;
        self.body = None;
        self.ready.clear();
    }

    fn ended(&self) -> InvalidResponse {
        InvalidResponse::new(
            self.status,
            "event stream: bytes pushed after the stream ended or failed",
        )
    }
}
