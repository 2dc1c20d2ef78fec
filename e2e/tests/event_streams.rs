//! Output event streams through the generated client, against an in-process HTTP/1.1 server on
//! 127.0.0.1 that answers with `application/vnd.amazon.eventstream` bodies (chunked transfer
//! encoding, frames split across chunks): Bedrock Runtime `ConverseStream` (restJson1),
//! Kinesis `SubscribeToShard` (awsJson1_1, with its `initial-response` message) and S3
//! `SelectObjectContent` (restXml: XML event payloads, events without members).
//!
//! The frames are built from the models' event shapes (member names and types as
//! `service-2.json` gives them), encoded with the runtime's encoder, and every frame's bytes are
//! checked against the framing rules here, independently of the decoder (prelude and message
//! CRC-32, lengths, header wire types). Covered: typed events in order, an unknown event type,
//! a modeled exception event mid-stream (the operation's typed error), an `error` message, an
//! error status before any stream, a connection cut mid-frame and a body that ends inside a
//! frame (errors, never a hang or a panic: every wait is under a timeout).

use std::net::SocketAddr;
use std::time::Duration;

use awsgen_e2e::runtime::Operation as _;
use awsgen_e2e::runtime::client::Config;
use awsgen_e2e::runtime::credentials::Credentials;
use awsgen_e2e::runtime::event_receiver::EventStreamError;
use awsgen_e2e::runtime::event_stream::{Header, HeaderValue, Message, encode};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// How the server ends the response after the frames.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum End {
    /// The terminating chunk: a clean end of the body.
    Clean,
    /// The connection is closed without the terminating chunk.
    Cut,
}

/// A request as the server saw it.
#[derive(Debug)]
struct Seen {
    head: String,
    body: Vec<u8>,
}

/// Serves one connection: reads the request, answers `status` with `body` in chunks of at most
/// `chunk` bytes, then ends as `end` says. Returns the address and the request it saw.
async fn serve(
    status: u16,
    content_type: &'static str,
    body: Vec<u8>,
    chunk: usize,
    end: End,
) -> (SocketAddr, tokio::task::JoinHandle<Seen>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    let task = tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.expect("accept");
        let mut request = Vec::new();
        let mut buf = [0u8; 4096];
        let (head, body_start) = loop {
            let n = socket.read(&mut buf).await.expect("read");
            assert!(n > 0, "the client closed before sending its request");
            request.extend_from_slice(&buf[..n]);
            if let Some(i) = request.windows(4).position(|w| w == b"\r\n\r\n") {
                break (String::from_utf8_lossy(&request[..i]).into_owned(), i + 4);
            }
        };
        let length: usize = head
            .lines()
            .find_map(|l| {
                let (name, value) = l.split_once(':')?;
                name.eq_ignore_ascii_case("content-length")
                    .then(|| value.trim().parse().expect("a length"))
            })
            .unwrap_or(0);
        while request.len() < body_start + length {
            let n = socket.read(&mut buf).await.expect("read");
            assert!(n > 0, "the client closed inside its request body");
            request.extend_from_slice(&buf[..n]);
        }
        let seen = Seen {
            head,
            body: request[body_start..body_start + length].to_vec(),
        };
        let mut out = format!(
            "HTTP/1.1 {status} X\r\ncontent-type: {content_type}\r\nx-amzn-requestid: req-1\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n"
        )
        .into_bytes();
        for piece in body.chunks(chunk.max(1)) {
            out.extend_from_slice(format!("{:x}\r\n", piece.len()).as_bytes());
            out.extend_from_slice(piece);
            out.extend_from_slice(b"\r\n");
        }
        socket.write_all(&out).await.expect("write");
        socket.flush().await.expect("flush");
        if end == End::Clean {
            socket.write_all(b"0\r\n\r\n").await.expect("write");
            socket.flush().await.expect("flush");
            // Let the client read to the end before the socket goes (it closes the connection
            // then: `connection: close`).
            let _ = tokio::time::timeout(Duration::from_secs(5), socket.read(&mut buf)).await;
        }
        drop(socket);
        seen
    });
    (addr, task)
}

fn config(addr: SocketAddr) -> Config {
    Config::new(
        "us-east-1",
        Credentials::new(
            "AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            None,
        ),
    )
    .with_endpoint(format!("http://{addr}"))
    .with_timeout(Duration::from_secs(5))
}

fn string(name: &str, value: &str) -> Header {
    Header::new(name, HeaderValue::String(value.to_owned()))
}

/// An `event` message of `event_type` with a JSON payload.
fn event(event_type: &str, json: &str) -> Vec<u8> {
    frame(&Message {
        headers: vec![
            string(":message-type", "event"),
            string(":event-type", event_type),
            string(":content-type", "application/json"),
        ],
        payload: json.as_bytes().to_vec(),
    })
}

/// An `exception` message of `exception_type` with a JSON payload.
fn exception(exception_type: &str, json: &str) -> Vec<u8> {
    frame(&Message {
        headers: vec![
            string(":message-type", "exception"),
            string(":exception-type", exception_type),
            string(":content-type", "application/json"),
        ],
        payload: json.as_bytes().to_vec(),
    })
}

/// Encodes `message` and checks the bytes against the framing rules.
fn frame(message: &Message) -> Vec<u8> {
    let bytes = encode(message).expect("encodes");
    check_frame(&bytes, message);
    bytes
}

/// The `vnd.amazon.eventstream` framing rules, checked on one frame: big-endian total length
/// (the whole frame) and headers length; CRC-32 of the first 8 bytes, then of everything
/// before the last 4; each header as a 1-byte name length, the name, type 7 (string), a
/// 2-byte big-endian length and the UTF-8 value; then the payload.
fn check_frame(bytes: &[u8], message: &Message) {
    let be32 = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    let total = be32(0) as usize;
    let headers_len = be32(4) as usize;
    assert_eq!(total, bytes.len(), "total length");
    assert_eq!(be32(8), crc32fast::hash(&bytes[..8]), "prelude CRC");
    assert_eq!(
        be32(total - 4),
        crc32fast::hash(&bytes[..total - 4]),
        "message CRC"
    );
    let mut at = 12;
    for header in &message.headers {
        let name_len = bytes[at] as usize;
        assert_eq!(&bytes[at + 1..at + 1 + name_len], header.name.as_bytes());
        at += 1 + name_len;
        let HeaderValue::String(value) = &header.value else {
            unreachable!("these frames have string headers only")
        };
        assert_eq!(bytes[at], 7, "string header type");
        let len = u16::from_be_bytes([bytes[at + 1], bytes[at + 2]]) as usize;
        assert_eq!(&bytes[at + 3..at + 3 + len], value.as_bytes());
        at += 3 + len;
    }
    assert_eq!(at, 12 + headers_len, "headers length");
    assert_eq!(&bytes[at..total - 4], message.payload.as_slice(), "payload");
}

/// Runs `f` under a timeout: a hang is a failure.
async fn within<T>(f: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(10), f)
        .await
        .expect("no hang")
}

mod bedrock {
    use super::*;
    use awsgen_e2e::bedrockruntime::Client;
    use awsgen_e2e::bedrockruntime::operation::converse_stream::{
        ConverseStreamError, ConverseStreamInput,
    };
    use awsgen_e2e::bedrockruntime::types::{
        ContentBlock, ContentBlockDelta, ConversationRole, ConverseStreamOutput, Message as Msg,
        StopReason,
    };

    fn input() -> ConverseStreamInput {
        ConverseStreamInput::builder()
            .model_id("anthropic.claude-3-haiku-20240307-v1:0")
            .messages(
                Msg::builder()
                    .role(ConversationRole::User)
                    .content(ContentBlock::Text("Say hello".to_owned()))
                    .build()
                    .expect("message"),
            )
            .build()
            .expect("input")
    }

    /// `ConverseStreamOutput` events as the model shapes them (`MessageStartEvent.role`,
    /// `ContentBlockDeltaEvent.{delta, contentBlockIndex}`, …).
    fn conversation() -> Vec<u8> {
        [
            event("messageStart", r#"{"role":"assistant"}"#),
            event(
                "contentBlockDelta",
                r#"{"delta":{"text":"Hel"},"contentBlockIndex":0}"#,
            ),
            event(
                "contentBlockDelta",
                r#"{"delta":{"text":"lo"},"contentBlockIndex":0}"#,
            ),
            event("contentBlockStop", r#"{"contentBlockIndex":0}"#),
            event("someFutureEvent", r#"{"x":1}"#),
            event("messageStop", r#"{"stopReason":"end_turn"}"#),
            event(
                "metadata",
                r#"{"usage":{"inputTokens":9,"outputTokens":2,"totalTokens":11},"metrics":{"latencyMs":120}}"#,
            ),
        ]
        .concat()
    }

    #[tokio::test]
    async fn converse_stream_events_in_order() {
        let (addr, server) = serve(
            200,
            "application/vnd.amazon.eventstream",
            conversation(),
            7,
            End::Clean,
        )
        .await;
        let client = Client::new(config(addr)).expect("client");
        let mut output = within(client.call(input()))
            .await
            .expect("the call succeeds");
        assert_eq!(output.request_id(), Some("req-1"));
        let stream = output.stream.as_mut().expect("a stream");
        let mut text = String::new();
        let mut seen = Vec::new();
        while let Some(event) = within(stream.recv()).await.expect("no error") {
            match &event {
                ConverseStreamOutput::ContentBlockDelta(d) => {
                    assert_eq!(d.content_block_index(), Some(0));
                    if let Some(ContentBlockDelta::Text(t)) = d.delta() {
                        text.push_str(t);
                    }
                }
                ConverseStreamOutput::MessageStart(m) => {
                    assert_eq!(m.role(), Some(&ConversationRole::Assistant));
                }
                ConverseStreamOutput::MessageStop(m) => {
                    assert_eq!(m.stop_reason(), Some(&StopReason::EndTurn));
                }
                ConverseStreamOutput::Metadata(m) => {
                    let usage = m.usage().expect("usage");
                    assert_eq!(
                        (
                            usage.input_tokens(),
                            usage.output_tokens(),
                            usage.total_tokens()
                        ),
                        (Some(9), Some(2), Some(11))
                    );
                    assert_eq!(m.metrics().and_then(|m| m.latency_ms()), Some(120));
                }
                _ => {}
            }
            seen.push(format!("{event:?}").split('(').next().unwrap().to_owned());
        }
        assert_eq!(text, "Hello");
        assert_eq!(
            seen,
            [
                "MessageStart",
                "ContentBlockDelta",
                "ContentBlockDelta",
                "ContentBlockStop",
                // The event type this version does not know, by name.
                "Unknown { name: \"someFutureEvent\" }",
                "MessageStop",
                "Metadata"
            ]
        );
        // The end stays the end.
        assert!(within(stream.recv()).await.expect("no error").is_none());
        let seen = server.await.expect("server");
        assert!(
            seen.head.starts_with(
                "POST /model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream HTTP/1.1"
            ),
            "{}",
            seen.head
        );
        assert!(
            seen.head
                .to_ascii_lowercase()
                .contains("authorization: aws4-hmac-sha256")
        );
        let body: serde_json::Value = serde_json::from_slice(&seen.body).expect("JSON body");
        assert_eq!(
            body,
            serde_json::json!({"messages": [{"role": "user", "content": [{"text": "Say hello"}]}]})
        );
    }

    #[tokio::test]
    async fn exception_event_mid_stream_is_the_typed_error() {
        let body = [
            event("messageStart", r#"{"role":"assistant"}"#),
            exception("throttlingException", r#"{"message":"Slow down"}"#),
            event("messageStop", r#"{"stopReason":"end_turn"}"#),
        ]
        .concat();
        let (addr, _server) = serve(
            200,
            "application/vnd.amazon.eventstream",
            body,
            1000,
            End::Clean,
        )
        .await;
        let client = Client::new(config(addr)).expect("client");
        let mut output = within(client.call(input()))
            .await
            .expect("the call succeeds");
        let stream = output.stream.as_mut().expect("a stream");
        assert!(matches!(
            within(stream.recv()).await,
            Ok(Some(ConverseStreamOutput::MessageStart(_)))
        ));
        match within(stream.recv()).await {
            Err(EventStreamError::Service(ConverseStreamError::ThrottlingException(e))) => {
                assert_eq!(e.message(), Some("Slow down"));
                assert_eq!(e.meta.code(), "throttlingException");
            }
            other => panic!("expected the typed exception, got {other:?}"),
        }
        // An exception ends the stream.
        assert!(matches!(within(stream.recv()).await, Ok(None)));
    }

    #[tokio::test]
    async fn error_message_is_unhandled_with_code_and_message() {
        let body = frame(&Message {
            headers: vec![
                string(":message-type", "error"),
                string(":error-code", "InternalFailure"),
                string(":error-message", "boom"),
            ],
            payload: Vec::new(),
        });
        let (addr, _server) = serve(
            200,
            "application/vnd.amazon.eventstream",
            body,
            5,
            End::Clean,
        )
        .await;
        let client = Client::new(config(addr)).expect("client");
        let mut output = within(client.call(input()))
            .await
            .expect("the call succeeds");
        match within(output.stream.as_mut().unwrap().recv()).await {
            Err(EventStreamError::Service(ConverseStreamError::Unhandled(
                awsgen_e2e::bedrockruntime::Error::Unhandled(meta),
            ))) => {
                assert_eq!(meta.code(), "InternalFailure");
                assert_eq!(meta.message(), Some("boom"));
            }
            other => panic!("expected an unhandled error, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn error_status_before_the_stream_is_the_operation_error() {
        let (addr, _server) = serve(
            400,
            "application/json",
            br#"{"message":"bad model"}"#.to_vec(),
            4,
            End::Clean,
        )
        .await;
        // restJson1 reads the code from `X-Amzn-ErrorType`; this server sends none, so the
        // body's missing code makes it `Unhandled` with the message.
        let client = Client::new(config(addr)).expect("client");
        let err = within(client.call(input())).await.expect_err("an error");
        match err.service_error() {
            Some(ConverseStreamError::Unhandled(awsgen_e2e::bedrockruntime::Error::Unhandled(
                meta,
            ))) => {
                assert_eq!(meta.message(), Some("bad model"));
                assert_eq!(meta.status(), 400);
            }
            other => panic!("expected the service error, got {other:?}"),
        }
    }
}

mod kinesis {
    use super::*;
    use awsgen_e2e::kinesis::Client;
    use awsgen_e2e::kinesis::operation::subscribe_to_shard::{
        SubscribeToShardError, SubscribeToShardInput,
    };
    use awsgen_e2e::kinesis::types::{
        ShardIteratorType, StartingPosition, SubscribeToShardEventStream,
    };

    fn input() -> SubscribeToShardInput {
        SubscribeToShardInput::builder()
            .consumer_arn("arn:aws:kinesis:us-east-1:123456789012:stream/s/consumer/c:1700000000")
            .shard_id("shardId-000000000000")
            .starting_position(
                StartingPosition::builder()
                    .r#type(ShardIteratorType::Latest)
                    .build()
                    .expect("position"),
            )
            .build()
            .expect("input")
    }

    /// A `SubscribeToShardEvent` as the model shapes it (`Records` of `Record`: `SequenceNumber`,
    /// `ApproximateArrivalTimestamp` in epoch seconds, `Data` base64, `PartitionKey`;
    /// `ContinuationSequenceNumber`, `MillisBehindLatest`).
    fn records(sequence: u32, data_b64: &str) -> Vec<u8> {
        event(
            "SubscribeToShardEvent",
            &format!(
                r#"{{"Records":[{{"SequenceNumber":"{sequence}","ApproximateArrivalTimestamp":1700000000.5,"Data":"{data_b64}","PartitionKey":"pk"}}],"ContinuationSequenceNumber":"{}","MillisBehindLatest":0}}"#,
                sequence + 1
            ),
        )
    }

    fn initial_response() -> Vec<u8> {
        event("initial-response", "{}")
    }

    #[tokio::test]
    async fn subscribe_to_shard_records_then_exception() {
        let body = [
            initial_response(),
            records(1, "aGVsbG8="),
            records(2, "d29ybGQ="),
            exception("ResourceNotFoundException", r#"{"message":"shard gone"}"#),
        ]
        .concat();
        let (addr, server) = serve(
            200,
            "application/vnd.amazon.eventstream",
            body,
            13,
            End::Clean,
        )
        .await;
        let client = Client::new(config(addr)).expect("client");
        let mut output = within(client.call(input()))
            .await
            .expect("the call succeeds");
        let stream = output.event_stream.as_mut().expect("a stream");
        let mut data = Vec::new();
        for expected in ["1", "2"] {
            match within(stream.recv()).await {
                Ok(Some(SubscribeToShardEventStream::SubscribeToShardEvent(e))) => {
                    let record = &e.records()[0];
                    assert_eq!(record.sequence_number(), Some(expected));
                    assert_eq!(record.partition_key(), Some("pk"));
                    data.extend_from_slice(record.data().expect("data").as_bytes());
                    assert_eq!(e.millis_behind_latest(), Some(0));
                }
                other => panic!("expected records, got {other:?}"),
            }
        }
        assert_eq!(data, b"helloworld");
        match within(stream.recv()).await {
            Err(EventStreamError::Service(SubscribeToShardError::ResourceNotFoundException(e))) => {
                assert_eq!(e.message(), Some("shard gone"))
            }
            other => panic!("expected the typed exception, got {other:?}"),
        }
        assert!(matches!(within(stream.recv()).await, Ok(None)));
        let seen = server.await.expect("server");
        let head = seen.head.to_ascii_lowercase();
        assert!(head.starts_with("post / http/1.1"), "{head}");
        assert!(head.contains("x-amz-target: kinesis_20131202.subscribetoshard"));
        let body: serde_json::Value = serde_json::from_slice(&seen.body).expect("JSON body");
        assert_eq!(body["ShardId"], "shardId-000000000000");
        assert_eq!(body["StartingPosition"]["Type"], "LATEST");
    }

    #[tokio::test]
    async fn connection_cut_mid_frame_is_an_error() {
        let next = records(2, "d29ybGQ=");
        let body = [
            initial_response(),
            records(1, "aGVsbG8="),
            next[..next.len() / 2].to_vec(),
        ]
        .concat();
        let (addr, _server) = serve(
            200,
            "application/vnd.amazon.eventstream",
            body,
            64,
            End::Cut,
        )
        .await;
        let client = Client::new(config(addr)).expect("client");
        let mut output = within(client.call(input()))
            .await
            .expect("the call succeeds");
        let stream = output.event_stream.as_mut().expect("a stream");
        assert!(matches!(
            within(stream.recv()).await,
            Ok(Some(SubscribeToShardEventStream::SubscribeToShardEvent(_)))
        ));
        match within(stream.recv()).await {
            Err(EventStreamError::Body(e)) => assert!(!e.message().is_empty()),
            other => panic!("expected a body error, got {other:?}"),
        }
        assert!(matches!(within(stream.recv()).await, Ok(None)));
    }

    #[tokio::test]
    async fn body_ending_inside_a_frame_is_invalid() {
        let next = records(2, "d29ybGQ=");
        let body = [initial_response(), next[..20].to_vec()].concat();
        let (addr, _server) = serve(
            200,
            "application/vnd.amazon.eventstream",
            body,
            3,
            End::Clean,
        )
        .await;
        let client = Client::new(config(addr)).expect("client");
        let mut output = within(client.call(input()))
            .await
            .expect("the call succeeds");
        match within(output.event_stream.as_mut().unwrap().recv()).await {
            Err(EventStreamError::Invalid(e)) => {
                assert!(e.message().contains("event stream"), "{e}");
            }
            other => panic!("expected an invalid stream, got {other:?}"),
        }
    }
}

mod s3_select {
    //! S3 `SelectObjectContent` (restXml): the frames S3 Select sends, from the model's event
    //! shapes (`SelectObjectContentEventStream`: `Records` with a blob `eventpayload`, `Stats`
    //! and `Progress` with a structure `eventpayload` whose XML document is the payload, `Cont`
    //! and `End` without members) and the S3 User Guide's description of the stream
    //! (`:event-type`, `:content-type` `application/octet-stream` for records, `text/xml` for
    //! stats and progress, none for `Cont` and `End`; errors as `:message-type` `error`).
    use super::*;
    use awsgen_e2e::s3select::Client;
    use awsgen_e2e::s3select::operation::select_object_content::{
        SelectObjectContent, SelectObjectContentError, SelectObjectContentInput,
    };
    use awsgen_e2e::s3select::types::{
        CsvInput, CsvOutput, ExpressionType, InputSerialization, OutputSerialization,
        SelectObjectContentEventStream as Event,
    };

    fn input() -> SelectObjectContentInput {
        SelectObjectContentInput::builder()
            .bucket("bucket")
            .key("data.csv")
            .expression("SELECT s._1 FROM S3Object s")
            .expression_type(ExpressionType::Sql)
            .input_serialization(
                InputSerialization::builder()
                    .csv(CsvInput::builder().build())
                    .build(),
            )
            .output_serialization(
                OutputSerialization::builder()
                    .csv(CsvOutput::builder().build())
                    .build(),
            )
            .build()
            .expect("input")
    }

    /// An event of `event_type` with `content_type` (if any) and `payload`.
    fn s3_event(event_type: &str, content_type: Option<&str>, payload: &[u8]) -> Vec<u8> {
        let mut headers = vec![
            string(":message-type", "event"),
            string(":event-type", event_type),
        ];
        if let Some(c) = content_type {
            headers.push(string(":content-type", c));
        }
        frame(&Message {
            headers,
            payload: payload.to_vec(),
        })
    }

    fn records(bytes: &[u8]) -> Vec<u8> {
        s3_event("Records", Some("application/octet-stream"), bytes)
    }

    /// `Stats` or `Progress`: the `Stats`/`Progress` structure's document (members
    /// `BytesScanned`, `BytesProcessed`, `BytesReturned`, longs).
    fn details(event_type: &str, scanned: u64, processed: u64, returned: u64) -> Vec<u8> {
        s3_event(
            event_type,
            Some("text/xml"),
            format!(
                "<{event_type} xmlns=\"\"><BytesScanned>{scanned}</BytesScanned><BytesProcessed>{processed}</BytesProcessed><BytesReturned>{returned}</BytesReturned></{event_type}>"
            )
            .as_bytes(),
        )
    }

    fn error_message(code: &str, text: &str) -> Vec<u8> {
        frame(&Message {
            headers: vec![
                string(":message-type", "error"),
                string(":error-code", code),
                string(":error-message", text),
            ],
            payload: Vec::new(),
        })
    }

    #[tokio::test]
    async fn select_object_content_typed_events_in_order() {
        let body = [
            records(b"a,1\nb,"),
            s3_event("Cont", None, b""),
            records(b"2\n"),
            details("Progress", 512, 1024, 8),
            details("Stats", 1024, 2048, 8),
            s3_event("End", None, b""),
        ]
        .concat();
        let (addr, server) = serve(
            200,
            "application/vnd.amazon.eventstream",
            body,
            7,
            End::Clean,
        )
        .await;
        let client = Client::new(config(addr)).expect("client");
        let mut output = within(client.call(input()))
            .await
            .expect("the call succeeds");
        let stream = output.payload.as_mut().expect("a stream");
        let mut seen = Vec::new();
        let mut records = Vec::new();
        while let Some(event) = within(stream.recv()).await.expect("an event") {
            match &event {
                Event::Records(r) => {
                    records.extend_from_slice(r.payload.as_ref().expect("payload").as_bytes());
                    seen.push("Records");
                }
                Event::Cont(_) => seen.push("Cont"),
                Event::Progress(p) => {
                    let d = p.details.as_ref().expect("details");
                    assert_eq!(
                        (d.bytes_scanned, d.bytes_processed, d.bytes_returned),
                        (Some(512), Some(1024), Some(8))
                    );
                    seen.push("Progress");
                }
                Event::Stats(s) => {
                    let d = s.details.as_ref().expect("details");
                    assert_eq!(
                        (d.bytes_scanned, d.bytes_processed, d.bytes_returned),
                        (Some(1024), Some(2048), Some(8))
                    );
                    seen.push("Stats");
                }
                Event::End(_) => seen.push("End"),
                other => panic!("unexpected {other:?}"),
            }
        }
        assert_eq!(
            seen,
            ["Records", "Cont", "Records", "Progress", "Stats", "End"]
        );
        assert_eq!(records, b"a,1\nb,2\n");
        let seen = server.await.expect("server");
        let head = seen.head.to_ascii_lowercase();
        // Path-style (the endpoint is an IP address): the bucket, the key, `?select&select-type=2`.
        assert!(
            head.starts_with("post /bucket/data.csv?select&select-type=2 http/1.1"),
            "{head}"
        );
        let body = String::from_utf8(seen.body).expect("UTF-8");
        assert!(
            body.starts_with(
                "<SelectObjectContentRequest xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
            ),
            "{body}"
        );
        assert!(body.contains("<Expression>SELECT s._1 FROM S3Object s</Expression>"));
        assert!(body.contains("<ExpressionType>SQL</ExpressionType>"));
    }

    #[test]
    fn select_object_content_sans_io_error_and_corruption() {
        // An `error` message mid-stream: `Unhandled` with S3's code and message.
        let body = [records(b"x\n"), error_message("InternalError", "try again")].concat();
        let mut output =
            SelectObjectContent::parse_response(200, &http::HeaderMap::new(), &body[..5])
                .expect("the head parses");
        let stream = output.payload.as_mut().expect("a stream");
        stream.push(&body[5..]).expect("frames");
        stream.finish().expect("a whole frame at the end");
        assert!(matches!(stream.next_event(), Some(Ok(Event::Records(_)))));
        match stream.next_event() {
            Some(Err(EventStreamError::Service(SelectObjectContentError::Unhandled(
                awsgen_e2e::s3select::Error::Unhandled(meta),
            )))) => {
                assert_eq!(meta.code(), "InternalError");
                assert_eq!(meta.message(), Some("try again"));
            }
            other => panic!("expected Unhandled, got {other:?}"),
        }
        // A Stats payload that is not XML, and one with a member given twice: invalid.
        for payload in [
            &b"<Stats><BytesScanned>1"[..],
            b"<Stats><BytesScanned>1</BytesScanned><BytesScanned>2</BytesScanned></Stats>",
            b"<Stats><BytesScanned>many</BytesScanned></Stats>",
        ] {
            let frame = s3_event("Stats", Some("text/xml"), payload);
            let mut output =
                SelectObjectContent::parse_response(200, &http::HeaderMap::new(), &frame)
                    .expect("the head parses");
            let stream = output.payload.as_mut().expect("a stream");
            assert!(
                matches!(stream.next_event(), Some(Err(EventStreamError::Invalid(_)))),
                "{}",
                String::from_utf8_lossy(payload)
            );
        }
        // One flipped byte of a frame: a checksum error, never a panic.
        let mut frame = details("Progress", 1, 2, 3);
        let at = frame.len() / 2;
        frame[at] ^= 0x20;
        let mut output = SelectObjectContent::parse_response(200, &http::HeaderMap::new(), &[])
            .expect("the head parses");
        let stream = output.payload.as_mut().expect("a stream");
        assert!(stream.push(&frame).is_err());
        assert!(stream.next_event().is_none());
    }
}

/// An awsJson output whose members besides its stream come in the `initial-response` event
/// (the hand-written `models/fixtures/initial-response.json`: `SessionId`, `Count`, then
/// `Record` events and the `Fault` exception).
mod initial_response {
    use super::*;
    use awsgen_e2e::initialresponse::Client;
    use awsgen_e2e::initialresponse::operation::subscribe::{
        Subscribe, SubscribeError, SubscribeInput,
    };
    use awsgen_e2e::initialresponse::types::EventStream;

    fn input() -> SubscribeInput {
        SubscribeInput::builder().topic("t").build()
    }

    fn record(data: &str) -> Vec<u8> {
        event("Record", &format!(r#"{{"Data":"{data}"}}"#))
    }

    /// The records of `stream` until its end.
    async fn records(
        stream: &mut awsgen_e2e::runtime::event_receiver::Receiver<EventStream, SubscribeError>,
    ) -> Vec<String> {
        let mut data = Vec::new();
        while let Some(event) = within(stream.recv()).await.expect("no error") {
            match event {
                EventStream::Record(r) => data.push(r.data().expect("data").to_owned()),
                other => panic!("expected a record, got {other:?}"),
            }
        }
        data
    }

    #[tokio::test]
    async fn the_call_returns_the_members_of_the_initial_response() {
        let body = [
            event("initial-response", r#"{"SessionId":"s-1","Count":2}"#),
            record("a"),
            record("b"),
        ]
        .concat();
        // 5-byte chunks: the first event arrives in many pieces, which the call awaits.
        let (addr, server) = serve(
            200,
            "application/vnd.amazon.eventstream",
            body,
            5,
            End::Clean,
        )
        .await;
        let client = Client::new(config(addr)).expect("client");
        let mut output = within(client.subscribe().topic("t").send())
            .await
            .expect("the call succeeds");
        assert_eq!(output.session_id(), Some("s-1"));
        assert_eq!(output.count(), Some(2));
        let stream = output.events.as_mut().expect("a stream");
        assert_eq!(
            records(stream).await,
            ["a", "b"],
            "the initial-response is no event"
        );
        let seen = server.await.expect("server");
        assert!(
            seen.head
                .to_ascii_lowercase()
                .contains("x-amz-target: initialresponse_20261205.subscribe")
        );
    }

    #[tokio::test]
    async fn without_an_initial_response_the_members_are_unset_and_no_event_is_lost() {
        let body = [record("a"), record("b")].concat();
        let (addr, _server) = serve(
            200,
            "application/vnd.amazon.eventstream",
            body,
            7,
            End::Clean,
        )
        .await;
        let client = Client::new(config(addr)).expect("client");
        let mut output = within(client.call(input()))
            .await
            .expect("the call succeeds");
        assert_eq!((output.session_id(), output.count()), (None, None));
        let stream = output.events.as_mut().expect("a stream");
        assert_eq!(records(stream).await, ["a", "b"]);
    }

    #[tokio::test]
    async fn an_exception_first_is_the_streams_typed_error() {
        let body = exception("Fault", r#"{"message":"no such topic"}"#);
        let (addr, _server) = serve(
            200,
            "application/vnd.amazon.eventstream",
            body,
            64,
            End::Clean,
        )
        .await;
        let client = Client::new(config(addr)).expect("client");
        let mut output = within(client.call(input()))
            .await
            .expect("the head is a success");
        let stream = output.events.as_mut().expect("a stream");
        match within(stream.recv()).await {
            Err(EventStreamError::Service(SubscribeError::FaultException(e))) => {
                assert_eq!(e.message(), Some("no such topic"));
            }
            other => panic!("expected the typed exception, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn a_malformed_initial_response_fails_the_call() {
        let body = [event("initial-response", r#"{"Count":"two"}"#), record("a")].concat();
        let (addr, _server) = serve(
            200,
            "application/vnd.amazon.eventstream",
            body,
            64,
            End::Clean,
        )
        .await;
        let client = Client::new(config(addr)).expect("client");
        let err = within(client.call(input())).await.expect_err("invalid");
        assert!(
            matches!(
                err.kind(),
                awsgen_e2e::runtime::client::ErrorKind::InvalidResponse(_)
            ),
            "{err:?}"
        );
    }

    #[test]
    fn sans_io_the_whole_body_given_fills_the_members() {
        let body = [
            event("initial-response", r#"{"SessionId":"s-2","Count":1}"#),
            record("z"),
        ]
        .concat();
        let mut output =
            Subscribe::parse_response(200, &http::HeaderMap::new(), &body).expect("parses");
        assert_eq!(
            (output.session_id(), output.count()),
            (Some("s-2"), Some(1))
        );
        let stream = output.events.as_mut().expect("a stream");
        stream.finish().expect("whole frames");
        match stream.next_event() {
            Some(Ok(EventStream::Record(r))) => assert_eq!(r.data(), Some("z")),
            other => panic!("expected the record, got {other:?}"),
        }
        assert!(stream.next_event().is_none());
    }
}

/// The same fixture in RPC v2 CBOR: the `initial-response` event's payload is a CBOR map
/// (hand-encoded here from RFC 8949: a2 = map of 2, 6x = text of x bytes).
mod initial_response_cbor {
    use super::*;
    use awsgen_e2e::initialresponsecbor::Client;
    use awsgen_e2e::initialresponsecbor::operation::subscribe::{Subscribe, SubscribeInput};
    use awsgen_e2e::initialresponsecbor::types::EventStream;

    fn cbor_event(event_type: &str, payload: &[u8]) -> Vec<u8> {
        frame(&Message {
            headers: vec![
                string(":message-type", "event"),
                string(":event-type", event_type),
                string(":content-type", "application/cbor"),
            ],
            payload: payload.to_vec(),
        })
    }

    /// `{"SessionId": "s-3", "Count": 3}`, then `Record {"Data": "c"}`.
    fn body() -> Vec<u8> {
        [
            cbor_event("initial-response", b"\xa2\x69SessionId\x63s-3\x65Count\x03"),
            cbor_event("Record", b"\xa1\x64Data\x61c"),
        ]
        .concat()
    }

    #[test]
    fn sans_io_the_whole_body_given_fills_the_members() {
        let mut output =
            Subscribe::parse_response(200, &http::HeaderMap::new(), &body()).expect("parses");
        assert_eq!(
            (output.session_id(), output.count()),
            (Some("s-3"), Some(3))
        );
        let stream = output.events.as_mut().expect("a stream");
        match stream.next_event() {
            Some(Ok(EventStream::Record(r))) => assert_eq!(r.data(), Some("c")),
            other => panic!("expected the record, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn the_call_returns_the_members_of_the_initial_response() {
        let (addr, _server) = serve(
            200,
            "application/vnd.amazon.eventstream",
            body(),
            3,
            End::Clean,
        )
        .await;
        let client = Client::new(config(addr)).expect("client");
        let mut output = within(client.call(SubscribeInput::builder().build()))
            .await
            .expect("the call succeeds");
        assert_eq!(
            (output.session_id(), output.count()),
            (Some("s-3"), Some(3))
        );
        let stream = output.events.as_mut().expect("a stream");
        match within(stream.recv()).await {
            Ok(Some(EventStream::Record(r))) => assert_eq!(r.data(), Some("c")),
            other => panic!("expected the record, got {other:?}"),
        }
        assert!(matches!(within(stream.recv()).await, Ok(None)));
    }
}
