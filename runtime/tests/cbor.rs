//! The RPC v2 CBOR reader and writer: both lengths of every container and string read, floats
//! of every width, timestamps, the error envelope, and hostile bodies give errors, never
//! panics.

use awsgen_runtime::DateTime;
use awsgen_runtime::cbor::{CborReader, CborWriter, MAX_DEPTH, error_metadata, parse_body};
use proptest::prelude::*;

/// Reads a map of string keys to strings, definite or indefinite.
fn string_map(body: &[u8]) -> Result<Vec<(String, Option<String>)>, String> {
    parse_body(200, body, |r| {
        let mut out = Vec::new();
        let mut object = r.begin_object()?;
        while let Some(key) = r.next_key(&mut object)? {
            let value = r.opt_string()?;
            out.push((key.into_owned(), value));
        }
        Ok(out)
    })
    .map_err(|e| e.to_string())
}

#[test]
fn definite_indefinite_and_chunked_items_read_alike() {
    let definite = [0xa1, 0x61, b'k', 0x62, b'h', b'i'];
    let indefinite = [0xbf, 0x61, b'k', 0x62, b'h', b'i', 0xff];
    // Key and value as chunked (indefinite-length) text strings.
    let chunked = [
        0xbf, 0x7f, 0x61, b'k', 0xff, 0x7f, 0x61, b'h', 0x61, b'i', 0xff, 0xff,
    ];
    let expected = vec![("k".to_owned(), Some("hi".to_owned()))];
    assert_eq!(string_map(&definite).unwrap(), expected);
    assert_eq!(string_map(&indefinite).unwrap(), expected);
    assert_eq!(string_map(&chunked).unwrap(), expected);
    // null and undefined are absent values.
    assert_eq!(
        string_map(&[0xa2, 0x61, b'a', 0xf6, 0x61, b'b', 0xf7]).unwrap(),
        vec![("a".to_owned(), None), ("b".to_owned(), None)]
    );
    // An empty body is an empty map.
    assert_eq!(string_map(&[]).unwrap(), vec![]);
}

#[test]
fn writer_output_reads_back() {
    let mut w = CborWriter::new();
    w.begin_object();
    w.key("s");
    w.string("text");
    w.key("b");
    w.bytes(b"\x00\xff");
    w.key("list");
    w.begin_array(3);
    w.int(-1);
    w.int(i64::MAX);
    w.bool(false);
    w.end_array();
    w.key("f32");
    w.f32(7.625);
    w.key("f64");
    w.f64(1.889);
    w.key("t");
    w.timestamp(DateTime::from_millis(1_398_796_238_500));
    w.end_object();
    let bytes = w.into_bytes();
    assert_eq!(bytes.first(), Some(&0xbf));
    let mut r = CborReader::new(&bytes);
    let mut object = r.begin_object().unwrap();
    let mut seen = Vec::new();
    while let Some(key) = r.next_key(&mut object).unwrap() {
        match key.as_ref() {
            "s" => assert_eq!(r.string().unwrap(), "text"),
            "b" => assert_eq!(r.bytes().unwrap(), b"\x00\xff"),
            "list" => {
                let mut array = r.begin_array().unwrap();
                assert!(r.next_item(&mut array).unwrap());
                assert_eq!(r.int::<i64>().unwrap(), -1);
                assert!(r.next_item(&mut array).unwrap());
                assert!(r.int::<i32>().is_err(), "i64::MAX is not an i32");
                assert!(r.next_item(&mut array).unwrap());
                assert!(!r.bool().unwrap());
                assert!(!r.next_item(&mut array).unwrap());
            }
            "f32" => assert_eq!(r.f32().unwrap(), 7.625),
            "f64" => assert_eq!(r.f64().unwrap(), 1.889),
            "t" => {
                let t = r.timestamp().unwrap();
                assert_eq!((t.secs(), t.subsec_nanos()), (1_398_796_238, 500_000_000));
            }
            other => panic!("unexpected key {other}"),
        }
        seen.push(key.into_owned());
    }
    assert_eq!(seen, ["s", "b", "list", "f32", "f64", "t"]);
    r.finish().unwrap();
}

#[test]
fn half_floats_and_integers_upcast() {
    let f64_of = |bytes: &[u8]| CborReader::new(bytes).f64().unwrap();
    assert_eq!(f64_of(&[0xf9, 0x3e, 0x00]), 1.5);
    assert_eq!(f64_of(&[0xf9, 0x7c, 0x00]), f64::INFINITY);
    assert_eq!(f64_of(&[0xf9, 0xfc, 0x00]), f64::NEG_INFINITY);
    assert!(f64_of(&[0xf9, 0x7e, 0x00]).is_nan());
    assert_eq!(f64_of(&[0xf9, 0x00, 0x50]), 4.76837158203125e-06);
    assert_eq!(f64_of(&[0x18, 0x38]), 56.0);
    assert_eq!(f64_of(&[0x38, 0x63]), -100.0);
    assert_eq!(CborReader::new(&[0xf9, 0x47, 0xa0]).f32().unwrap(), 7.625);
    assert!(
        CborReader::new(&[0xf9, 0x47]).f64().is_err(),
        "truncated half float"
    );
    // Timestamps: tag 1 around an integer or a float; another tag is an error.
    let t = CborReader::new(&[0xc1, 0x1a, 0x53, 0x5f, 0xef, 0xce])
        .timestamp()
        .unwrap();
    assert_eq!(t.secs(), 1_398_796_238);
    assert!(CborReader::new(&[0xc2, 0x01]).timestamp().is_err());
}

#[test]
fn nesting_is_bounded_and_unknown_items_are_skipped() {
    let nested = |depth: usize, head: u8| {
        let mut b = vec![0xa1, 0x61, b'x'];
        b.extend(std::iter::repeat_n(head, depth));
        b.push(0x00);
        b
    };
    // Skipping an unknown member counts its nesting toward MAX_DEPTH, as reading does: within
    // the bound it is skipped, beyond it (however deep) it is an error, found at the bound.
    for head in [0x81, 0x9f] {
        for (depth, ok) in [
            (MAX_DEPTH - 1, head == 0x81),
            (MAX_DEPTH, false),
            (100_000, false),
        ] {
            let body = nested(depth, head);
            let mut r = CborReader::new(&body);
            let mut object = r.begin_object().unwrap();
            assert_eq!(r.next_key(&mut object).unwrap().as_deref(), Some("x"));
            // Indefinite arrays are never closed here: skipping must fail cleanly.
            let skipped = r.skip();
            assert_eq!(skipped.is_ok(), ok, "head {head:#x}, depth {depth}");
            if depth >= MAX_DEPTH {
                assert!(skipped.unwrap_err().message().contains("nested too deeply"));
            }
        }
    }
    // Reading through the reader stops at MAX_DEPTH.
    let mut body = vec![0x81; MAX_DEPTH + 1];
    body.push(0x00);
    let mut r = CborReader::new(&body);
    let mut depth = 0;
    let err = loop {
        match r.begin_array() {
            Ok(mut a) => {
                depth += 1;
                assert!(r.next_item(&mut a).unwrap());
            }
            Err(e) => break e,
        }
    };
    assert_eq!(depth, MAX_DEPTH);
    assert!(err.message().contains("nested too deeply"), "{err}");
}

#[test]
fn hostile_lengths_are_errors() {
    for body in [
        vec![0xbb, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
        vec![0xa1, 0x7b, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
        vec![0xa1, 0x61],
        vec![
            0xa1, 0x61, b'k', 0x5b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        ],
        vec![0xa1, 0x61, 0xff, 0x60],
        vec![0xff],
        vec![0x1f],
    ] {
        assert!(string_map(&body).is_err(), "{body:x?} was accepted");
    }
}

#[test]
fn error_envelope() {
    let mut headers = http::HeaderMap::new();
    headers.insert("x-amzn-requestid", http::HeaderValue::from_static("rid"));
    let mut w = CborWriter::new();
    w.begin_object();
    w.key("__type");
    w.string("smithy.protocoltests.rpcv2Cbor#InvalidGreeting");
    w.key("Message");
    w.string("second");
    w.key("message");
    w.string("first");
    w.key("other");
    w.begin_array(1);
    w.int(1);
    w.end_array();
    w.end_object();
    let meta = error_metadata(400, &headers, &w.into_bytes()).unwrap();
    assert_eq!(meta.code(), "InvalidGreeting");
    assert_eq!(meta.message(), Some("first"));
    assert_eq!(meta.request_id(), Some("rid"));
    assert!(error_metadata(400, &headers, b"<html>").is_err());
    headers.insert(
        "x-amzn-errortype",
        http::HeaderValue::from_static("FromHeader"),
    );
    assert_eq!(
        error_metadata(500, &headers, b"<html>").unwrap().code(),
        "FromHeader"
    );
    assert_eq!(
        error_metadata(500, &headers, b"").unwrap().code(),
        "FromHeader"
    );
}

proptest! {
    /// Any bytes: reading a map and skipping values never panics.
    #[test]
    fn any_bytes_never_panic(body in proptest::collection::vec(any::<u8>(), 0..256)) {
        let _ = string_map(&body);
        let mut r = CborReader::new(&body);
        let _ = r.skip().and_then(|()| r.finish());
        let _ = CborReader::new(&body).timestamp();
        let _ = CborReader::new(&body).f64();
        let _ = error_metadata(500, &http::HeaderMap::new(), &body);
    }

    /// Any string and integer survive writer and reader.
    #[test]
    fn values_round_trip(s in any::<String>(), i in any::<i64>(), f in any::<f64>()) {
        let mut w = CborWriter::new();
        w.begin_array(3);
        w.string(&s);
        w.int(i);
        w.f64(f);
        w.end_array();
        let bytes = w.into_bytes();
        let mut r = CborReader::new(&bytes);
        let mut array = r.begin_array().unwrap();
        prop_assert!(r.next_item(&mut array).unwrap());
        prop_assert_eq!(r.string().unwrap().into_owned(), s);
        prop_assert!(r.next_item(&mut array).unwrap());
        prop_assert_eq!(r.int::<i64>().unwrap(), i);
        prop_assert!(r.next_item(&mut array).unwrap());
        let back = r.f64().unwrap();
        prop_assert!(back == f || (back.is_nan() && f.is_nan()));
        prop_assert!(!r.next_item(&mut array).unwrap());
        prop_assert!(r.finish().is_ok());
    }
}
