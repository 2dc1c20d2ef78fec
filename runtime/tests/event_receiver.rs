//! The sans-IO receiver of output event streams: messages sorted by `:message-type`, pushed in
//! any chunks, truncation and broken framing as errors, the end of the stream after an error,
//! and `recv` over a body source that fails.

use std::collections::VecDeque;

use awsgen_runtime::event_receiver::{EventStreamError, Kind, Receiver, classify};
use awsgen_runtime::event_stream::{Header, HeaderValue, Message, encode};
use awsgen_runtime::{BodyError, BodySource, ResponseError};

/// The parser a generated crate would have, for events whose payload is text: `greeting`
/// events give their text, `initial-response` is skipped, `oops` exceptions are the error's
/// code, any other exception or error message its metadata's code.
fn parse(status: u16, message: &Message) -> Result<Option<String>, ResponseError<String>> {
    match classify(status, message).map_err(ResponseError::Invalid)? {
        Kind::Event("initial-response") => Ok(None),
        Kind::Event("greeting") => Ok(Some(String::from_utf8_lossy(&message.payload).into())),
        Kind::Event(other) => Ok(Some(format!("unknown {other}"))),
        Kind::Exception(kind) => Err(ResponseError::Service(format!("exception {kind}"))),
        Kind::Error(meta) => Err(ResponseError::Service(format!(
            "error {} {:?}",
            meta.code(),
            meta.message()
        ))),
    }
}

fn message(kind: &str, type_header: &str, type_value: &str, payload: &str) -> Vec<u8> {
    encode(&Message {
        headers: vec![
            Header::new(":message-type", HeaderValue::String(kind.to_owned())),
            Header::new(type_header, HeaderValue::String(type_value.to_owned())),
        ],
        payload: payload.as_bytes().to_vec(),
    })
    .expect("encodes")
}

fn event(event_type: &str, payload: &str) -> Vec<u8> {
    message("event", ":event-type", event_type, payload)
}

fn drain(r: &mut Receiver<String, String>) -> Vec<Result<String, EventStreamError<String>>> {
    std::iter::from_fn(|| r.next_event()).collect()
}

#[test]
fn every_chunking_gives_the_same_events() {
    let stream = [
        event("initial-response", "{}"),
        event("greeting", "hello"),
        event("later", ""),
        event("greeting", "world"),
    ]
    .concat();
    for chunk in [1, 2, 3, 7, 16, 50, stream.len()] {
        let mut r = Receiver::new(200, parse);
        let mut got = Vec::new();
        for piece in stream.chunks(chunk) {
            r.push(piece).expect("valid framing");
            got.extend(drain(&mut r));
        }
        r.finish().expect("ends at a frame boundary");
        assert_eq!(
            got,
            [
                Ok("hello".to_owned()),
                Ok("unknown later".to_owned()),
                Ok("world".to_owned())
            ],
            "chunks of {chunk}"
        );
    }
}

#[test]
fn exceptions_and_errors_are_the_service_error() {
    let error = encode(&Message {
        headers: vec![
            Header::new(":message-type", HeaderValue::String("error".into())),
            Header::new(":error-code", HeaderValue::String("InternalFailure".into())),
            Header::new(":error-message", HeaderValue::String("boom".into())),
        ],
        payload: Vec::new(),
    })
    .unwrap();
    let stream = [message("exception", ":exception-type", "oops", "{}"), error].concat();
    let mut r = Receiver::new(200, parse);
    r.push(&stream).unwrap();
    assert_eq!(
        drain(&mut r),
        [
            Err(EventStreamError::Service("exception oops".to_owned())),
            Err(EventStreamError::Service(
                "error InternalFailure Some(\"boom\")".to_owned()
            )),
        ]
    );
}

#[test]
fn missing_or_mistyped_kind_headers_are_invalid() {
    let no_type = encode(&Message {
        headers: vec![Header::new(":event-type", HeaderValue::String("x".into()))],
        payload: Vec::new(),
    })
    .unwrap();
    let wrong_type = encode(&Message {
        headers: vec![Header::new(":message-type", HeaderValue::Int(1))],
        payload: Vec::new(),
    })
    .unwrap();
    let unknown = message("chatter", ":event-type", "x", "");
    for (bytes, text) in [
        (no_type, "no `:message-type` header"),
        (wrong_type, "wire type 4, not a string"),
        (unknown, "unknown `:message-type` `chatter`"),
    ] {
        let mut r = Receiver::new(200, parse);
        r.push(&bytes).unwrap();
        match r.next_event() {
            Some(Err(EventStreamError::Invalid(e))) => {
                assert!(e.message().contains(text), "{e}");
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn truncation_and_corruption_are_errors() {
    let frame = event("greeting", "hello");
    for cut in 1..frame.len() {
        let mut r = Receiver::new(200, parse);
        r.push(&frame[..cut]).expect("a prefix is not an error yet");
        assert_eq!(drain(&mut r), []);
        let e = r.finish().expect_err("ends inside a frame");
        assert!(e.message().starts_with("event stream:"), "{e}");
    }
    let mut corrupt = frame.clone();
    let last = corrupt.len() - 5;
    corrupt[last] ^= 1;
    let mut r = Receiver::new(200, parse);
    let e = r.push(&corrupt).expect_err("checksum mismatch");
    assert!(e.message().contains("checksum"), "{e}");
    // Framing is lost: nothing more is read.
    assert!(r.push(&frame).is_err());
}

/// A body that gives `chunks`, then fails or ends.
struct Scripted(VecDeque<Result<Vec<u8>, BodyError>>);

impl BodySource for Scripted {
    fn next_chunk(&mut self) -> awsgen_runtime::operation::ChunkFuture<'_> {
        let next = self.0.pop_front().transpose();
        Box::pin(async move { next })
    }
}

/// Polls `f` to completion; the scripted body never waits, so one poll loop does.
fn block_on<F: std::future::Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    loop {
        if let std::task::Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[test]
fn recv_reads_the_body_and_stops_after_an_error() {
    let a = event("greeting", "hello");
    let b = event("greeting", "world");
    let mut r = Receiver::new(200, parse);
    r.attach(Box::new(Scripted(VecDeque::from([
        Ok(a[..5].to_vec()),
        Ok([&a[5..], &b[..9]].concat()),
        Err(BodyError::new("connection reset")),
    ]))));
    assert_eq!(block_on(r.recv()), Ok(Some("hello".to_owned())));
    assert_eq!(
        block_on(r.recv()),
        Err(EventStreamError::Body(BodyError::new("connection reset")))
    );
    assert_eq!(block_on(r.recv()), Ok(None));

    let mut r = Receiver::new(200, parse);
    r.attach(Box::new(Scripted(VecDeque::from([Ok(b.clone())]))));
    assert_eq!(block_on(r.recv()), Ok(Some("world".to_owned())));
    assert_eq!(block_on(r.recv()), Ok(None));
    assert_eq!(block_on(r.recv()), Ok(None));
}
