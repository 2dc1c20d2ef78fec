//! Bidirectional event streams through the generated client over HTTP/2: Bedrock Runtime
//! `InvokeModelWithBidirectionalStream` (restJson1) against an in-process HTTP/2 server on
//! 127.0.0.1 (hyper's server, h2c with prior knowledge: the client speaks HTTP/2 to an `http://`
//! endpoint when the runtime's `http2` feature is on).
//!
//! The server reads the request body frame by frame as it arrives and checks each one
//! independently of the runtime: the framing (lengths, both CRC-32s, header wire types) parsed
//! by hand, `:date` in whole seconds, every `:chunk-signature` recomputed from the documented
//! string to sign with `hmac`/`sha2` directly, chained from the request's own signature to the
//! closing empty frame, and the inner event's headers and JSON. It answers each event with an
//! output event as soon as it has it, and the client reads that answer before it sends the next
//! event: the exchange is full duplex, not send-all-then-receive. After the closing frame the
//! server sends a modeled exception event (the operation's typed error). Also: an error status
//! before the stream, and `Client::call` refusing such an input. Every wait is under a timeout.

use std::net::SocketAddr;
use std::time::Duration;

use awsgen_e2e::bedrockruntime::Client;
use awsgen_e2e::bedrockruntime::operation::invoke_model_with_bidirectional_stream::{
    InvokeModelWithBidirectionalStreamError, InvokeModelWithBidirectionalStreamInput,
};
use awsgen_e2e::bedrockruntime::types::{
    BidirectionalInputPayloadPart, InvokeModelWithBidirectionalStreamInput as Event,
    InvokeModelWithBidirectionalStreamOutput as Reply,
};
use awsgen_e2e::runtime::Blob;
use awsgen_e2e::runtime::client::{Config, ErrorKind};
use awsgen_e2e::runtime::credentials::Credentials;
use awsgen_e2e::runtime::duplex_body::DuplexBody;
use awsgen_e2e::runtime::event_receiver::EventStreamError;
use awsgen_e2e::runtime::event_sender::EventSendError;
use awsgen_e2e::runtime::event_stream::{Header, HeaderValue, Message, encode};
use http_body_util::BodyExt;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo};
use tokio::net::TcpListener;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

#[path = "support/event_frames.rs"]
mod event_frames;
use event_frames::{
    ACCESS_KEY, REGION, SECRET, base64, expected_signature, header, hex, parse_frame, sigv4_dates,
};

const MODEL: &str = "amazon.nova-sonic-v1:0";

/// Runs `f` under a timeout: a hang is a failure.
async fn within<T>(f: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(10), f)
        .await
        .expect("no hang")
}

fn config(addr: SocketAddr) -> Config {
    Config::new(REGION, Credentials::new(ACCESS_KEY, SECRET, None))
        .with_endpoint(format!("http://{addr}"))
        .with_timeout(Duration::from_secs(5))
}

fn chunk(bytes: &[u8]) -> Event {
    Event::Chunk(
        BidirectionalInputPayloadPart::builder()
            .bytes(Blob::new(bytes.to_vec()))
            .build(),
    )
}

fn string(name: &str, value: &str) -> Header {
    Header::new(name, HeaderValue::String(value.to_owned()))
}

/// A frame of the response: encoded by the runtime, then parsed back here by the format's
/// rules.
fn reply_frame(message_type: &str, type_header: &str, type_value: &str, json: &str) -> Vec<u8> {
    let bytes = encode(&Message {
        headers: vec![
            string(":message-type", message_type),
            string(type_header, type_value),
            string(":content-type", "application/json"),
        ],
        payload: json.as_bytes().to_vec(),
    })
    .expect("encodes");
    let (_, payload, len) = parse_frame(&bytes);
    assert_eq!((len, payload.as_slice()), (bytes.len(), json.as_bytes()));
    bytes
}

/// What a handler answers: the response and, for a bidirectional exchange, the task that
/// reads the request body and feeds the response's.
type Answer = (http::Response<DuplexBody>, Option<JoinHandle<Vec<String>>>);

/// Serves one HTTP/2 connection (prior knowledge, no TLS) on 127.0.0.1, answering every
/// request with `handler`; the exchange tasks come out of the returned channel.
async fn serve(
    handler: fn(http::Request<Incoming>) -> Answer,
) -> (SocketAddr, mpsc::UnboundedReceiver<JoinHandle<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    let (tasks, exchanges) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        let (socket, _) = listener.accept().await.expect("accept");
        let service = hyper::service::service_fn(move |request| {
            let (response, task) = handler(request);
            if let Some(task) = task {
                let _ = tasks.send(task);
            }
            async move { Ok::<_, std::convert::Infallible>(response) }
        });
        // The connection ends when the client goes; errors then are not the test's concern.
        let _ = hyper::server::conn::http2::Builder::new(TokioExecutor::new())
            .serve_connection(TokioIo::new(socket), service)
            .await;
    });
    (addr, exchanges)
}

/// The request head of the call, checked; the seed of the signature chain (its signature).
fn check_head(request: &http::Request<Incoming>) -> String {
    assert_eq!(request.version(), http::Version::HTTP_2, "HTTP/2");
    assert_eq!(request.method(), "POST");
    assert_eq!(
        request.uri().path(),
        "/model/amazon.nova-sonic-v1%3A0/invoke-with-bidirectional-stream"
    );
    let headers = request.headers();
    assert_eq!(
        headers["content-type"],
        "application/vnd.amazon.eventstream"
    );
    assert_eq!(
        headers["x-amz-content-sha256"],
        "STREAMING-AWS4-HMAC-SHA256-EVENTS"
    );
    assert!(
        !headers.contains_key("content-length"),
        "a stream has no length"
    );
    let authorization = headers["authorization"].to_str().unwrap();
    assert!(
        authorization.starts_with(&format!("AWS4-HMAC-SHA256 Credential={ACCESS_KEY}/"))
            && authorization.contains("/us-east-1/bedrock/aws4_request,"),
        "{authorization}"
    );
    let (_, seed) = authorization.split_once("Signature=").expect("a signature");
    assert_eq!(seed.len(), 64);
    seed.to_owned()
}

/// The inputs' events and the exchange: the server answers event n with `chunk` "reply n".
const SENT: [&[u8]; 3] = [
    br#"{"event":{"sessionStart":{}}}"#,
    br#"{"event":{"audioInput":{"content":"AAEC"}}}"#,
    br#"{"event":{"sessionEnd":{}}}"#,
];

fn exchange(request: http::Request<Incoming>) -> Answer {
    let seed = check_head(&request);
    let (out, frames) = mpsc::channel(8);
    let task = tokio::spawn(async move {
        let mut body = request.into_body();
        let mut buffer = Vec::new();
        let mut previous = seed;
        let mut received = Vec::new();
        loop {
            // Every complete frame, as soon as it is in.
            while buffer.len() >= 4
                && u32::from_be_bytes(buffer[..4].try_into().unwrap()) as usize <= buffer.len()
            {
                let (headers, payload, len) = parse_frame(&buffer);
                buffer.drain(..len);
                let n = received.len() + 1;
                assert_eq!(
                    headers.len(),
                    2,
                    "frame {n}: `:chunk-signature` and `:date`"
                );
                let (ty, date) = header(&headers, ":date");
                assert_eq!(ty, 8, "`:date` is a timestamp");
                let millis = i64::from_be_bytes(date.try_into().unwrap());
                assert_eq!(millis % 1000, 0, "frame {n}: `:date` in whole seconds");
                let secs = millis / 1000;
                let (ty, signature) = header(&headers, ":chunk-signature");
                assert_eq!(ty, 6, "`:chunk-signature` is a byte array");
                let (day, date_time) = sigv4_dates(secs);
                let expected = expected_signature(&previous, secs, &day, &date_time, &payload);
                assert_eq!(hex(signature), expected, "frame {n}: chained signature");
                previous = expected;
                if payload.is_empty() {
                    // The end of the stream: answer with an exception event and end.
                    let frame = reply_frame(
                        "exception",
                        ":exception-type",
                        "modelStreamErrorException",
                        r#"{"message":"the model stream failed","originalStatusCode":500}"#,
                    );
                    out.send(frame).await.expect("the client reads");
                    return received;
                }
                let (inner, json, inner_len) = parse_frame(&payload);
                assert_eq!(inner_len, payload.len(), "one message per signed frame");
                assert_eq!(header(&inner, ":message-type"), (7, b"event".as_slice()));
                assert_eq!(header(&inner, ":event-type"), (7, b"chunk".as_slice()));
                assert_eq!(
                    header(&inner, ":content-type"),
                    (7, b"application/json".as_slice())
                );
                received.push(String::from_utf8(json).expect("JSON"));
                let reply = format!(
                    r#"{{"bytes":"{}"}}"#,
                    base64(format!("reply {n}").as_bytes())
                );
                out.send(reply_frame("event", ":event-type", "chunk", &reply))
                    .await
                    .expect("the client reads");
            }
            match within(body.frame()).await {
                None => panic!("the request body ended without the closing frame"),
                Some(Err(e)) => panic!("reading the request body: {e}"),
                Some(Ok(frame)) => {
                    if let Ok(data) = frame.into_data() {
                        buffer.extend_from_slice(&data);
                    }
                }
            }
        }
    });
    let response = http::Response::builder()
        .status(200)
        .header("content-type", "application/vnd.amazon.eventstream")
        .header("x-amzn-requestid", "req-1")
        .body(DuplexBody::new(Vec::new(), frames))
        .unwrap();
    (response, Some(task))
}

/// The bytes of a `chunk` reply.
fn reply_bytes(reply: Option<Reply>) -> Vec<u8> {
    match reply {
        Some(Reply::Chunk(part)) => part.bytes().expect("bytes").as_ref().to_vec(),
        other => panic!("expected a chunk, got {other:?}"),
    }
}

#[tokio::test]
async fn events_both_ways_interleaved_then_the_exception() {
    let (addr, mut exchanges) = serve(exchange).await;
    let client = Client::new(config(addr)).expect("client");
    let (mut sender, mut output) = within(
        client
            .invoke_model_with_bidirectional_stream()
            .model_id(MODEL)
            .body(vec![chunk(SENT[0])])
            .send(),
    )
    .await
    .expect("the call starts");
    let stream = output.body.as_mut().expect("the output stream");
    // The answer to the input's event arrives while the request body is still open: nothing
    // more is sent before it is read.
    let reply = within(stream.recv()).await.expect("an event");
    assert_eq!(reply_bytes(reply), b"reply 1");
    for (n, event) in SENT.iter().enumerate().skip(1) {
        within(sender.send(chunk(event))).await.expect("sent");
        let reply = within(stream.recv()).await.expect("an event");
        assert_eq!(reply_bytes(reply), format!("reply {}", n + 1).as_bytes());
    }
    within(sender.end()).await.expect("ended");
    match within(stream.recv()).await {
        Err(EventStreamError::Service(
            InvokeModelWithBidirectionalStreamError::ModelStreamErrorException(e),
        )) => {
            assert_eq!(e.message(), Some("the model stream failed"));
        }
        other => panic!("expected the typed exception, got {other:?}"),
    }
    assert!(matches!(within(stream.recv()).await, Ok(None)));
    assert_eq!(
        within(sender.send(chunk(SENT[0]))).await,
        Err(EventSendError::Ended)
    );
    // What the server received, in order, as the model's JSON (the blob in base64).
    let task = within(exchanges.recv()).await.expect("one exchange");
    let received = within(task).await.expect("the server's checks pass");
    let expected: Vec<String> = SENT
        .iter()
        .map(|bytes| format!(r#"{{"bytes":"{}"}}"#, base64(bytes)))
        .collect();
    assert_eq!(received, expected);
}

fn refuse(request: http::Request<Incoming>) -> Answer {
    check_head(&request);
    let (_, frames) = mpsc::channel(1);
    let response = http::Response::builder()
        .status(400)
        .header("content-type", "application/json")
        .header("x-amzn-errortype", "ValidationException")
        .header("x-amzn-requestid", "req-2")
        .body(DuplexBody::new(
            vec![br#"{"message":"bad model id"}"#.to_vec()],
            frames,
        ))
        .unwrap();
    (response, None)
}

#[tokio::test]
async fn error_status_before_the_stream_is_the_operation_error() {
    let (addr, _) = serve(refuse).await;
    let client = Client::new(config(addr)).expect("client");
    let err = within(
        client
            .invoke_model_with_bidirectional_stream()
            .model_id(MODEL)
            .body(vec![chunk(SENT[0])])
            .send(),
    )
    .await
    .expect_err("an error");
    match err.service_error() {
        Some(InvokeModelWithBidirectionalStreamError::ValidationException(e)) => {
            assert_eq!(e.message(), Some("bad model id"));
        }
        other => panic!("expected ValidationException, got {other:?}"),
    }
    assert_eq!(err.attempts(), 1, "no retry");
}

#[tokio::test]
async fn call_refuses_an_input_stream() {
    // Nothing listens there: the call must fail before sending.
    let client = Client::new(config("127.0.0.1:9".parse().unwrap())).expect("client");
    let input = InvokeModelWithBidirectionalStreamInput::builder()
        .model_id(MODEL)
        .body(vec![chunk(SENT[0])])
        .build()
        .expect("complete");
    let err = within(client.call(input)).await.expect_err("refused");
    match err.kind() {
        ErrorKind::InvalidRequest(e) => {
            assert!(e.message().contains("fluent `send()`"), "{e}");
        }
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
}
