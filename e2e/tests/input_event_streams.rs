//! Input event streams, sans-IO: Bedrock Runtime `InvokeModelWithBidirectionalStream`
//! (restJson1) as generated — the request head (`build_request`: the body is the stream, sent
//! afterwards), its SigV4 seed signature over the literal `STREAMING-AWS4-HMAC-SHA256-EVENTS`
//! payload hash (checked against `aws-sigv4`), and the frames of the operation's
//! `event_sender()`, signed with the chained event signature.
//!
//! Every frame is checked here independently of the runtime's codec: the framing (lengths,
//! prelude and message CRC-32, header wire types) parsed by hand, the inner event's headers and
//! JSON payload as the model gives them (`BidirectionalInputPayloadPart { bytes: blob }`, blobs
//! base64 in JSON), and every `:chunk-signature` recomputed from the AWS documentation's string
//! to sign (signing key, previous signature, SHA-256 of the encoded `:date` header and of the
//! payload) with `hmac` and `sha2` directly, the chain starting at the request's signature and
//! ending with the signed empty frame.

use std::time::{Duration, SystemTime};

use awsgen_e2e::bedrockruntime::operation::invoke_model_with_bidirectional_stream::{
    InvokeModelWithBidirectionalStream, InvokeModelWithBidirectionalStreamInput,
};
use awsgen_e2e::bedrockruntime::types::{
    BidirectionalInputPayloadPart, InvokeModelWithBidirectionalStreamInput as Event,
};
use awsgen_e2e::runtime::Blob;
use awsgen_e2e::runtime::Operation as _;
use awsgen_e2e::runtime::credentials::Credentials;
use awsgen_e2e::runtime::event_sender::EventSendError;
use awsgen_e2e::runtime::event_signer::EventSigner;
use awsgen_e2e::runtime::sigv4::Signer;

#[path = "support/event_frames.rs"]
mod event_frames;
use event_frames::{
    ACCESS_KEY, REGION, SECRET, SERVICE, base64, expected_signature, header, hex, parse_frame,
};

fn credentials() -> Credentials {
    Credentials::new(ACCESS_KEY, SECRET, None)
}

/// 2026-12-05T04:00:00Z, and `n` seconds later.
fn at(n: u64) -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_796_443_200 + n)
}

fn chunk(bytes: &[u8]) -> Event {
    Event::Chunk(
        BidirectionalInputPayloadPart::builder()
            .bytes(Blob::new(bytes.to_vec()))
            .build(),
    )
}

/// The request as built, given its endpoint (host) — what both signers sign.
fn request_head(input: &InvokeModelWithBidirectionalStreamInput) -> http::Request<Vec<u8>> {
    let mut request = InvokeModelWithBidirectionalStream::build_request(input).expect("builds");
    awsgen_e2e::runtime::set_endpoint(
        &mut request,
        "https://bedrock-runtime.us-east-1.amazonaws.com",
    )
    .expect("endpoint");
    request
}

/// The same request signed by `aws-sigv4` with the precomputed streaming payload hash.
fn aws_sigv4_authorization(request: &http::Request<Vec<u8>>, time: SystemTime) -> String {
    use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
    let identity =
        aws_credential_types::Credentials::new(ACCESS_KEY, SECRET, None, None, "test").into();
    let params = aws_sigv4::sign::v4::SigningParams::builder()
        .identity(&identity)
        .region(REGION)
        .name(SERVICE)
        .time(time)
        .settings(SigningSettings::default())
        .build()
        .expect("params")
        .into();
    let mut request = request.clone();
    request.headers_mut().insert(
        "x-amz-content-sha256",
        http::HeaderValue::from_static("STREAMING-AWS4-HMAC-SHA256-EVENTS"),
    );
    let uri = request.uri().to_string();
    let headers: Vec<(String, String)> = request
        .headers()
        .iter()
        .map(|(n, v)| (n.as_str().to_owned(), v.to_str().unwrap().to_owned()))
        .collect();
    let signable = SignableRequest::new(
        request.method().as_str(),
        &uri,
        headers.iter().map(|(n, v)| (n.as_str(), v.as_str())),
        SignableBody::Precomputed("STREAMING-AWS4-HMAC-SHA256-EVENTS".to_owned()),
    )
    .expect("signable");
    let (instructions, _) = sign(signable, &params).expect("signed").into_parts();
    instructions.apply_to_request_http1x(&mut request);
    request.headers()["authorization"]
        .to_str()
        .unwrap()
        .to_owned()
}

#[test]
fn request_head_seed_signature_and_chained_frames() {
    let first = br#"{"event":{"sessionStart":{}}}"#;
    let input = InvokeModelWithBidirectionalStreamInput::builder()
        .model_id("amazon.nova-sonic-v1:0")
        .body(vec![chunk(first)])
        .build()
        .expect("complete");

    // The head: the model's URI with the label encoded, the event-stream media type, no body
    // (the stream follows it).
    let mut request = request_head(&input);
    assert_eq!(request.method(), "POST");
    assert_eq!(
        request.uri().path(),
        "/model/amazon.nova-sonic-v1%3A0/invoke-with-bidirectional-stream"
    );
    assert_eq!(
        request.headers()["content-type"],
        "application/vnd.amazon.eventstream"
    );
    assert!(request.body().is_empty());

    // The seed: the request's signature with the streaming payload hash, as aws-sigv4 gives it.
    let expected_authorization = aws_sigv4_authorization(&request, at(0));
    let seed = Signer::new(credentials(), REGION, SERVICE)
        .sign_event_stream(&mut request, at(0))
        .expect("signs");
    assert_eq!(
        request.headers()["x-amz-content-sha256"],
        "STREAMING-AWS4-HMAC-SHA256-EVENTS"
    );
    let authorization = request.headers()["authorization"].to_str().unwrap();
    assert_eq!(authorization, expected_authorization);
    assert!(
        authorization.ends_with(&format!("Signature={seed}")),
        "{authorization}"
    );

    // The frames: the input's events first, then the caller's, then the end of the stream.
    let mut sender = InvokeModelWithBidirectionalStream::event_sender().signed(EventSigner::new(
        credentials(),
        REGION,
        SERVICE,
        seed.clone(),
    ));
    let second = br#"{"event":{"audioInput":{"content":"AAEC"}}}"#;
    let mut body = Vec::new();
    for (i, event) in input
        .body()
        .unwrap()
        .iter()
        .chain([&chunk(second)])
        .enumerate()
    {
        body.extend(sender.send(event, at(i as u64 + 1)).expect("frames"));
    }
    body.extend(sender.end(at(3)).expect("ends"));
    assert_eq!(
        sender.send(&chunk(first), at(4)),
        Err(EventSendError::Ended),
        "nothing after the end"
    );

    let mut previous = seed;
    let mut offset = 0;
    let mut payloads = Vec::new();
    for (n, secs) in [
        (1u64, 1_796_443_201i64),
        (2, 1_796_443_202),
        (3, 1_796_443_203),
    ] {
        let (headers, payload, len) = parse_frame(&body[offset..]);
        offset += len;
        assert_eq!(
            headers.len(),
            2,
            "frame {n}: `:chunk-signature` and `:date` only"
        );
        let (ty, date) = header(&headers, ":date");
        assert_eq!(ty, 8, "`:date` is a timestamp");
        assert_eq!(
            date,
            (secs * 1000).to_be_bytes(),
            "frame {n}: `:date` in whole seconds"
        );
        let (ty, signature) = header(&headers, ":chunk-signature");
        assert_eq!(ty, 6, "`:chunk-signature` is a byte array");
        let expected = expected_signature(
            &previous,
            secs,
            "20261205",
            &format!("20261205T04000{n}Z"),
            &payload,
        );
        assert_eq!(hex(signature), expected, "frame {n}: chained signature");
        previous = expected;
        payloads.push(payload);
    }
    assert_eq!(offset, body.len(), "three frames, nothing else");

    // The events inside: `:message-type` event, `:event-type` the member name, JSON with the
    // blob in base64; the closing frame is empty.
    for (payload, bytes) in payloads.iter().zip([first.as_slice(), second.as_slice()]) {
        let (headers, json, len) = parse_frame(payload);
        assert_eq!(
            len,
            payload.len(),
            "the signed frame wraps exactly one message"
        );
        assert_eq!(header(&headers, ":message-type"), (7, b"event".as_slice()));
        assert_eq!(header(&headers, ":event-type"), (7, b"chunk".as_slice()));
        assert_eq!(
            header(&headers, ":content-type"),
            (7, b"application/json".as_slice())
        );
        let value: serde_json::Value = serde_json::from_slice(&json).expect("JSON");
        let expected = serde_json::json!({ "bytes": base64(bytes) });
        assert_eq!(value, expected);
    }
    assert!(
        payloads[2].is_empty(),
        "the end of the stream is an empty signed message"
    );
}

#[test]
fn unsigned_frames_and_the_unknown_event() {
    let mut sender = InvokeModelWithBidirectionalStream::event_sender();
    let frame = sender.send(&chunk(b"hi"), at(0)).expect("frames");
    let (headers, json, len) = parse_frame(&frame);
    assert_eq!(len, frame.len());
    assert_eq!(header(&headers, ":event-type"), (7, b"chunk".as_slice()));
    assert_eq!(json, br#"{"bytes":"aGk="}"#);
    let unknown = Event::Unknown {
        name: "future".to_owned(),
    };
    let err = sender.send(&unknown, at(0)).unwrap_err();
    assert!(
        matches!(&err, EventSendError::Invalid(e) if e.member() == "body"),
        "{err:?}"
    );
    assert_eq!(
        sender.end(at(0)),
        Ok(Vec::new()),
        "unsigned: no closing frame"
    );
}
