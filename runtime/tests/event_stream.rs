//! The event-stream framing against the published test vectors (`data/eventstream/`, see its
//! README): every positive vector decodes to the message its JSON describes and re-encodes byte
//! for byte, every negative vector is the error it names. Then properties: messages
//! round-trip, any chunking of a stream decodes the same, arbitrary bytes never panic nor
//! buffer more than one frame, and any one-byte change of a valid frame is an error.

use std::path::PathBuf;

use awsgen_runtime::DateTime;
use awsgen_runtime::event_stream::{
    DecodeErrorKind, Decoder, EncodeError, Header, HeaderValue, MAX_HEADERS_LEN, MAX_MESSAGE_LEN,
    Message, crc32, decode_all, encode,
};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use proptest::prelude::*;
use serde_json::Value;

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/eventstream")
}

/// The vectors of one kind: (name, encoded bytes, decoded file text).
fn vectors(kind: &str) -> Vec<(String, Vec<u8>, String)> {
    let dir = data_dir().join("encoded").join(kind);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let encoded = std::fs::read(dir.join(&name)).unwrap();
            let decoded =
                std::fs::read_to_string(data_dir().join("decoded").join(kind).join(&name)).unwrap();
            (name, encoded, decoded)
        })
        .collect()
}

fn b64(v: &Value) -> Vec<u8> {
    STANDARD.decode(v.as_str().unwrap()).unwrap()
}

/// The message a positive vector's JSON describes, from the JSON alone.
fn expected_message(json: &Value) -> Message {
    let headers = json["headers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let value = &h["value"];
            let value = match h["type"].as_u64().unwrap() {
                0 => {
                    assert_eq!(value, &Value::Bool(true));
                    HeaderValue::Bool(true)
                }
                1 => {
                    assert_eq!(value, &Value::Bool(false));
                    HeaderValue::Bool(false)
                }
                2 => HeaderValue::Byte(i8::try_from(value.as_i64().unwrap()).unwrap()),
                3 => HeaderValue::Short(i16::try_from(value.as_i64().unwrap()).unwrap()),
                4 => HeaderValue::Int(i32::try_from(value.as_i64().unwrap()).unwrap()),
                5 => HeaderValue::Long(value.as_i64().unwrap()),
                6 => HeaderValue::ByteArray(b64(value)),
                7 => HeaderValue::String(String::from_utf8(b64(value)).unwrap()),
                8 => HeaderValue::Timestamp(DateTime::from_millis(value.as_i64().unwrap())),
                9 => HeaderValue::Uuid(b64(value).try_into().unwrap()),
                t => panic!("unknown header type {t} in a vector"),
            };
            Header::new(h["name"].as_str().unwrap(), value)
        })
        .collect();
    Message {
        headers,
        payload: b64(&json["payload"]),
    }
}

/// The JSON stores CRCs as signed 32-bit integers.
fn json_u32(v: &Value) -> u32 {
    let n = v.as_i64().unwrap();
    u32::try_from(n).unwrap_or_else(|_| u32::from_be_bytes(i32::try_from(n).unwrap().to_be_bytes()))
}

fn be_u32(bytes: &[u8], at: usize) -> u32 {
    u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap())
}

#[test]
fn positive_vectors_decode_and_reencode_byte_for_byte() {
    let vectors = vectors("positive");
    assert_eq!(vectors.len(), 5, "the published set has 5 positive vectors");
    let mut header_types = std::collections::BTreeSet::new();
    for (name, encoded, decoded) in &vectors {
        let json: Value = serde_json::from_str(decoded).unwrap();
        // The framing numbers of the JSON against the bytes (independent of our decoder).
        assert_eq!(
            u64::from(be_u32(encoded, 0)),
            json["total_length"].as_u64().unwrap(),
            "{name}"
        );
        assert_eq!(
            encoded.len(),
            json["total_length"].as_u64().unwrap() as usize,
            "{name}"
        );
        assert_eq!(
            u64::from(be_u32(encoded, 4)),
            json["headers_length"].as_u64().unwrap(),
            "{name}"
        );
        assert_eq!(be_u32(encoded, 8), json_u32(&json["prelude_crc"]), "{name}");
        assert_eq!(
            be_u32(encoded, encoded.len() - 4),
            json_u32(&json["message_crc"]),
            "{name}"
        );
        // Our CRC gives the published CRCs.
        assert_eq!(
            crc32(&encoded[..8]),
            json_u32(&json["prelude_crc"]),
            "{name}"
        );
        assert_eq!(
            crc32(&encoded[..encoded.len() - 4]),
            json_u32(&json["message_crc"]),
            "{name}"
        );

        let expected = expected_message(&json);
        header_types.extend(expected.headers.iter().map(|h| h.value.type_byte()));
        let messages = decode_all(encoded).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(messages, vec![expected.clone()], "{name}");
        assert_eq!(
            &encode(&expected).unwrap(),
            encoded,
            "{name}: re-encoded bytes differ"
        );
    }
    // Between them, the vectors cover all ten header types.
    assert_eq!(header_types, (0..=9).collect());
}

#[test]
fn negative_vectors_are_the_published_errors() {
    let vectors = vectors("negative");
    assert_eq!(vectors.len(), 4, "the published set has 4 negative vectors");
    for (name, encoded, decoded) in &vectors {
        let err = decode_all(encoded).expect_err(name);
        match decoded.trim() {
            "Prelude checksum mismatch" => {
                let DecodeErrorKind::PreludeChecksum { expected, computed } = *err.kind() else {
                    panic!("{name}: {err}");
                };
                assert_eq!(expected, be_u32(encoded, 8), "{name}");
                assert_eq!(computed, crc32(&encoded[..8]), "{name}");
                assert_ne!(expected, computed);
            }
            "Message checksum mismatch" => {
                let DecodeErrorKind::MessageChecksum { expected, computed } = *err.kind() else {
                    panic!("{name}: {err}");
                };
                assert_eq!(expected, be_u32(encoded, encoded.len() - 4), "{name}");
                assert_ne!(expected, computed);
            }
            other => panic!("{name}: unexpected published error {other:?}"),
        }
        assert_eq!(err.frame_offset(), 0);
        // Display names the mismatch and both values.
        let text = err.to_string();
        assert!(text.contains("checksum mismatch"), "{text}");
        let (expected, computed) = match *err.kind() {
            DecodeErrorKind::PreludeChecksum { expected, computed }
            | DecodeErrorKind::MessageChecksum { expected, computed } => (expected, computed),
            _ => unreachable!(),
        };
        assert!(text.contains(&format!("{expected:#010x}")), "{text}");
        assert!(text.contains(&format!("{computed:#010x}")), "{text}");
    }
}

#[test]
fn display_of_a_prelude_mismatch() {
    let mut frame = std::fs::read(data_dir().join("encoded/positive/empty_message")).unwrap();
    frame[3] = 0x11;
    let err = decode_all(&frame).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "malformed event-stream frame at byte 0: prelude checksum mismatch: the frame says \
             0x05c248eb, its bytes give {:#010x}",
            crc32(&frame[..8])
        )
    );
}

/// A valid frame with the given lengths and CRCs recomputed: for limit checks that must pass
/// the prelude CRC first.
fn prelude_with(total_len: u32, headers_len: u32) -> Vec<u8> {
    let mut frame = Vec::new();
    frame.extend_from_slice(&total_len.to_be_bytes());
    frame.extend_from_slice(&headers_len.to_be_bytes());
    frame.extend_from_slice(&crc32(&frame).to_be_bytes());
    frame
}

#[test]
fn length_limits() {
    let kind = |bytes: &[u8]| decode_all(bytes).unwrap_err().kind().clone();
    assert_eq!(
        kind(&prelude_with(15, 0)),
        DecodeErrorKind::MessageTooShort { total_len: 15 }
    );
    assert_eq!(
        kind(&prelude_with(u32::MAX, 0)),
        DecodeErrorKind::MessageTooLong {
            total_len: u32::MAX,
            max: MAX_MESSAGE_LEN
        }
    );
    let too_long = u32::try_from(MAX_MESSAGE_LEN + 1).unwrap();
    assert!(matches!(
        kind(&prelude_with(too_long, 0)),
        DecodeErrorKind::MessageTooLong { .. }
    ));
    let headers = u32::try_from(MAX_HEADERS_LEN + 1).unwrap();
    assert_eq!(
        kind(&prelude_with(1 << 20, headers)),
        DecodeErrorKind::HeadersTooLong {
            headers_len: headers,
            max: MAX_HEADERS_LEN
        }
    );
    assert_eq!(
        kind(&prelude_with(20, 5)),
        DecodeErrorKind::HeadersExceedMessage {
            headers_len: 5,
            total_len: 20
        }
    );
    // A smaller bound of the decoder's own.
    let mut d = Decoder::with_max_message_len(100);
    let err = d.push(&prelude_with(101, 0), &mut Vec::new()).unwrap_err();
    assert_eq!(
        *err.kind(),
        DecodeErrorKind::MessageTooLong {
            total_len: 101,
            max: 100
        }
    );
    // Failed for good.
    assert_eq!(
        *d.push(b"", &mut Vec::new()).unwrap_err().kind(),
        DecodeErrorKind::Failed
    );
}

/// A frame around raw `headers` bytes, with correct lengths and CRCs.
fn frame_with_raw_headers(headers: &[u8], payload: &[u8]) -> Vec<u8> {
    let total = u32::try_from(16 + headers.len() + payload.len()).unwrap();
    let mut frame = prelude_with(total, u32::try_from(headers.len()).unwrap());
    frame.extend_from_slice(headers);
    frame.extend_from_slice(payload);
    let crc = crc32(&frame);
    frame.extend_from_slice(&crc.to_be_bytes());
    frame
}

#[test]
fn malformed_headers_behind_valid_checksums() {
    let kind = |headers: &[u8]| {
        decode_all(&frame_with_raw_headers(headers, b"x"))
            .unwrap_err()
            .kind()
            .clone()
    };
    // Unknown type 10.
    assert_eq!(
        kind(&[1, b'a', 10]),
        DecodeErrorKind::UnknownHeaderType {
            offset: 14,
            value_type: 10
        }
    );
    // Name longer than the section, value shorter than its type, string length past the end.
    assert_eq!(
        kind(&[5, b'a']),
        DecodeErrorKind::HeaderTruncated { offset: 13 }
    );
    assert_eq!(
        kind(&[1, b'a', 4, 0, 0]),
        DecodeErrorKind::HeaderTruncated { offset: 15 }
    );
    assert_eq!(
        kind(&[1, b'a', 7, 0, 9, b'x']),
        DecodeErrorKind::HeaderTruncated { offset: 17 }
    );
    assert_eq!(
        kind(&[1, b'a']),
        DecodeErrorKind::HeaderTruncated { offset: 14 }
    );
    // Invalid UTF-8 in a name and in a string value.
    assert_eq!(
        kind(&[1, 0xff, 0]),
        DecodeErrorKind::InvalidUtf8 { offset: 13 }
    );
    assert_eq!(
        kind(&[1, b'a', 7, 0, 1, 0xc3]),
        DecodeErrorKind::InvalidUtf8 { offset: 17 }
    );
    // The same bytes with a valid value decode.
    let ok = decode_all(&frame_with_raw_headers(
        &[1, b'a', 7, 0, 2, 0xc3, 0xa9],
        b"x",
    ))
    .unwrap();
    assert_eq!(
        ok[0].header("a"),
        Some(&HeaderValue::String("é".to_owned()))
    );
}

#[test]
fn a_stream_ending_inside_a_frame_is_an_error() {
    let frame = std::fs::read(data_dir().join("encoded/positive/all_headers")).unwrap();
    for cut in 1..frame.len() {
        let err = decode_all(&frame[..cut]).unwrap_err();
        let needed = if cut < 12 { 12 } else { frame.len() };
        assert_eq!(
            *err.kind(),
            DecodeErrorKind::Truncated {
                received: cut,
                needed
            },
            "cut at {cut}"
        );
    }
    // Empty stream: no messages, no error.
    assert_eq!(decode_all(&[]).unwrap(), vec![]);
}

#[test]
fn errors_name_the_frame_they_are_in() {
    let good = std::fs::read(data_dir().join("encoded/positive/int32_header")).unwrap();
    let bad = std::fs::read(data_dir().join("encoded/negative/corrupted_payload")).unwrap();
    let mut stream = good.clone();
    stream.extend_from_slice(&bad);
    let mut d = Decoder::new();
    let mut out = Vec::new();
    let err = d.push(&stream, &mut out).unwrap_err();
    // The message before the bad frame was delivered.
    assert_eq!(out.len(), 1);
    assert_eq!(err.frame_offset(), good.len() as u64);
    assert!(matches!(
        err.kind(),
        DecodeErrorKind::MessageChecksum { .. }
    ));
    assert!(err.to_string().starts_with(&format!(
        "malformed event-stream frame at byte {}: message checksum mismatch",
        good.len()
    )));
}

#[test]
fn encode_rejects_what_cannot_be_framed() {
    let message = |h: Header| Message {
        headers: vec![h],
        payload: vec![],
    };
    assert_eq!(
        encode(&message(Header::new(
            "n".repeat(256),
            HeaderValue::Bool(true)
        ))),
        Err(EncodeError::HeaderNameTooLong { len: 256 })
    );
    // An empty name is allowed by the format (as in aws-c-event-stream), and round-trips.
    let empty = message(Header::new("", HeaderValue::Bool(true)));
    assert_eq!(decode_all(&encode(&empty).unwrap()).unwrap(), vec![empty]);
    assert!(
        encode(&message(Header::new(
            "n".repeat(255),
            HeaderValue::Bool(true)
        )))
        .is_ok()
    );
    assert_eq!(
        encode(&message(Header::new(
            "b",
            HeaderValue::ByteArray(vec![0; 65536])
        ))),
        Err(EncodeError::HeaderValueTooLong {
            name: "b".to_owned(),
            len: 65536
        })
    );
    assert_eq!(
        encode(&message(Header::new(
            "t",
            HeaderValue::Timestamp(DateTime::from_secs(i64::MAX))
        ))),
        Err(EncodeError::TimestampOutOfRange {
            name: "t".to_owned()
        })
    );
    let many = Message {
        headers: (0..3)
            .map(|i| Header::new(format!("h{i}"), HeaderValue::ByteArray(vec![0; 65535])))
            .collect(),
        payload: vec![],
    };
    assert!(matches!(
        encode(&many),
        Err(EncodeError::HeadersTooLong { .. })
    ));
    let big = Message {
        headers: vec![],
        payload: vec![0; MAX_MESSAGE_LEN - 15],
    };
    assert_eq!(
        encode(&big),
        Err(EncodeError::MessageTooLong {
            len: MAX_MESSAGE_LEN + 1
        })
    );
    let biggest = Message {
        headers: vec![],
        payload: vec![0; MAX_MESSAGE_LEN - 16],
    };
    let frame = encode(&biggest).unwrap();
    assert_eq!(frame.len(), MAX_MESSAGE_LEN);
    assert_eq!(decode_all(&frame).unwrap(), vec![biggest]);
}

#[test]
fn timestamps_at_the_ends_of_i64_round_trip() {
    // i64::MIN ms: its whole seconds times 1000 are below i64::MIN, the instant is not (a
    // fuzz target's find).
    for ms in [i64::MIN, i64::MIN + 1, -1, 0, 1, i64::MAX - 1, i64::MAX] {
        let m = Message {
            headers: vec![Header::new(
                "t",
                HeaderValue::Timestamp(DateTime::from_millis(ms)),
            )],
            payload: vec![],
        };
        let frame = encode(&m).unwrap_or_else(|e| panic!("{ms}: {e}"));
        assert_eq!(&frame[15..23], &ms.to_be_bytes());
        assert_eq!(decode_all(&frame).unwrap(), vec![m]);
    }
    // Just past either end does not fit.
    for t in [
        DateTime::from_millis(i64::MIN)
            .with_subsec_nanos(0)
            .unwrap(),
        DateTime::from_secs(i64::MAX / 1000)
            .with_subsec_nanos(808_000_000)
            .unwrap(),
    ] {
        let m = Message {
            headers: vec![Header::new("t", HeaderValue::Timestamp(t))],
            payload: vec![],
        };
        assert_eq!(
            encode(&m),
            Err(EncodeError::TimestampOutOfRange {
                name: "t".to_owned()
            })
        );
    }
}

#[test]
fn timestamps_encode_the_millisecond_at_or_before() {
    let t = DateTime::from_secs_and_nanos(-2, 500_999_999).unwrap();
    let frame = encode(&Message {
        headers: vec![Header::new("t", HeaderValue::Timestamp(t))],
        payload: vec![],
    })
    .unwrap();
    // -1.499000001 s is -1499.000001 ms; the millisecond at or before it is -1500.
    assert_eq!(&frame[15..23], &(-1500i64).to_be_bytes());
}

// ---------------------------------------------------------------------------------------------
// Properties

fn header_value() -> impl Strategy<Value = HeaderValue> {
    prop_oneof![
        any::<bool>().prop_map(HeaderValue::Bool),
        any::<i8>().prop_map(HeaderValue::Byte),
        any::<i16>().prop_map(HeaderValue::Short),
        any::<i32>().prop_map(HeaderValue::Int),
        any::<i64>().prop_map(HeaderValue::Long),
        proptest::collection::vec(any::<u8>(), 0..40).prop_map(HeaderValue::ByteArray),
        ".{0,20}".prop_map(HeaderValue::String),
        any::<i64>().prop_map(|ms| HeaderValue::Timestamp(DateTime::from_millis(ms))),
        any::<[u8; 16]>().prop_map(HeaderValue::Uuid),
    ]
}

fn message() -> impl Strategy<Value = Message> {
    (
        proptest::collection::vec(
            ("[a-z:-]{1,12}|.{1,8}", header_value()).prop_map(|(n, v)| Header::new(n, v)),
            0..6,
        ),
        proptest::collection::vec(any::<u8>(), 0..200),
    )
        .prop_map(|(headers, payload)| Message { headers, payload })
}

/// Decodes `stream` fed in chunks cut at `cuts` (positions, any order, out of range ignored).
fn decode_chunked(stream: &[u8], cuts: &[usize], max: usize) -> Result<Vec<Message>, String> {
    let mut cuts: Vec<usize> = cuts.iter().map(|c| c % (stream.len() + 1)).collect();
    cuts.push(0);
    cuts.push(stream.len());
    cuts.sort_unstable();
    let mut d = Decoder::with_max_message_len(max);
    let mut out = Vec::new();
    for w in cuts.windows(2) {
        d.push(&stream[w[0]..w[1]], &mut out)
            .map_err(|e| e.to_string())?;
        // The decoder's bound is at least the 16-byte minimum frame.
        let bound = max.max(16);
        assert!(d.buffered() <= bound, "buffered {} > {bound}", d.buffered());
    }
    d.finish().map_err(|e| e.to_string())?;
    Ok(out)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn messages_round_trip(m in message()) {
        let frame = encode(&m).unwrap();
        prop_assert_eq!(decode_all(&frame).unwrap(), vec![m]);
    }

    #[test]
    fn any_chunking_decodes_the_same(
        ms in proptest::collection::vec(message(), 0..5),
        cuts in proptest::collection::vec(any::<usize>(), 0..20),
    ) {
        let stream: Vec<u8> = ms.iter().flat_map(|m| encode(m).unwrap()).collect();
        prop_assert_eq!(decode_chunked(&stream, &cuts, MAX_MESSAGE_LEN).unwrap(), ms.clone());
        // One byte at a time, too.
        let all: Vec<usize> = (0..stream.len()).collect();
        prop_assert_eq!(decode_chunked(&stream, &all, MAX_MESSAGE_LEN).unwrap(), ms);
    }

    #[test]
    fn arbitrary_bytes_never_panic_nor_overbuffer(
        bytes in proptest::collection::vec(any::<u8>(), 0..600),
        cuts in proptest::collection::vec(any::<usize>(), 0..10),
        max in 0usize..300,
    ) {
        // decode_chunked asserts the buffer bound after every chunk.
        let _ = decode_chunked(&bytes, &cuts, max);
    }

    #[test]
    fn valid_preludes_with_any_lengths_never_overbuffer(
        total in prop_oneof![0u32..400, any::<u32>()],
        headers_len in prop_oneof![0u32..400, any::<u32>()],
        rest in proptest::collection::vec(any::<u8>(), 0..600),
        cuts in proptest::collection::vec(any::<usize>(), 0..10),
        max in 0usize..500,
    ) {
        // Random bytes rarely pass the prelude CRC; these do, so the lengths are believed.
        let mut bytes = prelude_with(total, headers_len);
        bytes.extend_from_slice(&rest);
        let result = decode_chunked(&bytes, &cuts, max);
        // Random bytes never make a whole valid frame, and what fails is named.
        prop_assert!(result.is_err());
    }

    #[test]
    fn arbitrary_headers_behind_valid_checksums_never_panic(
        headers in proptest::collection::vec(any::<u8>(), 0..300),
    ) {
        // What decodes re-encodes to the same bytes: the format leaves no choice.
        let frame = frame_with_raw_headers(&headers, b"p");
        if let Ok(messages) = decode_all(&frame) {
            prop_assert_eq!(messages.len(), 1);
            prop_assert_eq!(encode(&messages[0]).unwrap(), frame);
        }
    }

    #[test]
    fn changing_one_byte_of_a_frame_is_an_error(
        m in message(),
        at in any::<usize>(),
        xor in 1u8..=255,
    ) {
        let mut frame = encode(&m).unwrap();
        let at = at % frame.len();
        frame[at] ^= xor;
        let err = decode_all(&frame).unwrap_err();
        // A CRC-32 detects every error burst of up to 32 bits: a changed prelude byte (the
        // lengths included) fails the prelude CRC before the lengths are used, any other byte
        // the message CRC.
        if at < 12 {
            prop_assert!(matches!(err.kind(), DecodeErrorKind::PreludeChecksum { .. }), "{}", err);
        } else {
            prop_assert!(matches!(err.kind(), DecodeErrorKind::MessageChecksum { .. }), "{}", err);
        }
    }
}
