//! The awsQuery runtime: body writer (keys, encoding, scalars as botocore writes them), response
//! and error envelopes, idempotency tokens, host prefixes and request compression.

use awsgen_runtime::query::{QueryWriter, error_metadata, parse_error_members, parse_response};
use awsgen_runtime::{DateTime, idempotency};

fn body(f: impl FnOnce(&mut QueryWriter)) -> String {
    let mut w = QueryWriter::new("Op", "2020-01-08", 16);
    f(&mut w);
    String::from_utf8(w.finish()).unwrap()
}

#[test]
fn action_and_version_come_first() {
    assert_eq!(body(|_| {}), "Action=Op&Version=2020-01-08");
}

#[test]
fn values_are_encoded_as_botocore_encodes_them() {
    let b = body(|w| {
        w.member("A").string("my snap/1");
        w.member("B").string("copy~1");
        w.member("C").string("arn:aws:kms:us-east-1:123:key/abc");
        w.member("D").string("a+b");
        w.member("E").string("-_.~*'()!é\u{1F600}&=");
        w.member("F").empty();
    });
    assert_eq!(
        b,
        "Action=Op&Version=2020-01-08&A=my+snap%2F1&B=copy~1\
         &C=arn%3Aaws%3Akms%3Aus-east-1%3A123%3Akey%2Fabc&D=a%2Bb\
         &E=-_.~%2A%27%28%29%21%C3%A9%F0%9F%98%80%26%3D&F="
    );
}

#[test]
fn nested_keys_are_pushed_and_popped() {
    let b = body(|w| {
        let mut tags = w.member("Tags");
        let mut item = tags.member("Tag");
        for (i, (k, v)) in [("env", "prod"), ("team", "a")].iter().enumerate() {
            let mut entry = item.index(i + 1);
            entry.member("Key").string(k);
            entry.member("Value").string(v);
        }
        drop(item);
        drop(tags);
        w.member("After").boolean(true);
        w.member("Off").boolean(false);
    });
    assert_eq!(
        b,
        "Action=Op&Version=2020-01-08&Tags.Tag.1.Key=env&Tags.Tag.1.Value=prod\
         &Tags.Tag.2.Key=team&Tags.Tag.2.Value=a&After=true&Off=false"
    );
}

#[test]
fn numbers_are_written_as_python_writes_them() {
    let cases: &[(f64, &str)] = &[
        (10.8, "10.8"),
        (1.0, "1.0"),
        (0.0, "0.0"),
        (-0.0, "-0.0"),
        (-2.5, "-2.5"),
        (1e15, "1000000000000000.0"),
        (1e16, "1e+16"),
        (1.5e300, "1.5e+300"),
        (0.0001, "0.0001"),
        (0.00001, "1e-05"),
        (1.5e-7, "1.5e-07"),
        (123456789.125, "123456789.125"),
        (f64::NAN, "NaN"),
        (f64::INFINITY, "Infinity"),
        (f64::NEG_INFINITY, "-Infinity"),
    ];
    for (value, text) in cases {
        assert_eq!(
            body(|w| w.member("X").double(*value)),
            format!("Action=Op&Version=2020-01-08&X={text}")
        );
    }
    assert_eq!(
        body(|w| w.member("X").float(10.8)),
        "Action=Op&Version=2020-01-08&X=10.8"
    );
    assert_eq!(
        body(|w| w.member("X").float(f32::NAN)),
        "Action=Op&Version=2020-01-08&X=NaN"
    );
    assert_eq!(
        body(|w| {
            w.member("I").integer(-42i32);
            w.member("L").integer(i64::MIN);
            w.member("B").integer(7i8);
        }),
        "Action=Op&Version=2020-01-08&I=-42&L=-9223372036854775808&B=7"
    );
}

#[test]
fn timestamps_in_the_three_formats() {
    let t = DateTime::from_secs(1422172800);
    assert_eq!(
        body(|w| {
            w.member("D").date_time(t);
            w.member("H").http_date(t);
            w.member("E").epoch_seconds(t);
        }),
        "Action=Op&Version=2020-01-08&D=2015-01-25T08%3A00%3A00Z\
         &H=Sun%2C+25+Jan+2015+08%3A00%3A00+GMT&E=1422172800"
    );
}

#[test]
fn response_envelope_gives_result_and_request_id() {
    let xml = br#"<?xml version="1.0"?>
<OpResponse xmlns="https://example.com/">
  <OpResult><Name>n</Name></OpResult>
  <ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>
</OpResponse>"#;
    let headers = http::HeaderMap::new();
    let (result, id) = parse_response(xml, &headers, "OpResponse", "OpResult", |r, el| {
        let mut name = None;
        while let Some(child) = r.next_child(el)? {
            match child.local_name() {
                "Name" => name = Some(r.string(&child)?),
                _ => r.skip(&child)?,
            }
        }
        Ok(name)
    })
    .unwrap();
    assert_eq!(result, Some(Some("n".to_owned())));
    assert_eq!(id.as_deref(), Some("req-1"));

    let err = parse_response(xml, &headers, "OtherResponse", "OtherResult", |r, el| {
        r.skip(el)
    })
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "expected the root element <OtherResponse>, found <OpResponse>"
    );

    let (result, id) =
        parse_response(b"", &headers, "OpResponse", "OpResult", |r, el| r.skip(el)).unwrap();
    assert_eq!((result, id), (None, None));

    let cut = xml.len() - "</OpResponse>".len();
    let truncated = &xml[..cut];
    let err = parse_response(truncated, &headers, "OpResponse", "OpResult", |r, el| {
        r.skip(el)
    })
    .unwrap_err();
    assert!(err.to_string().contains("ends inside an element"), "{err}");
    let err = parse_response(
        &xml[..cut - 3],
        &headers,
        "OpResponse",
        "OpResult",
        |r, el| r.skip(el),
    )
    .unwrap_err();
    assert!(err.to_string().contains("malformed XML"), "{err}");
}

#[test]
fn error_envelopes() {
    let headers = http::HeaderMap::new();
    let xml = br#"<ErrorResponse xmlns="http://elasticache.amazonaws.com/doc/2015-02-02/">
  <Error><Type>Sender</Type><Code>InvalidSnapshotState</Code><Message>a &amp; b</Message><Extra>x</Extra></Error>
  <RequestId>req-2</RequestId>
</ErrorResponse>"#;
    let meta = error_metadata(400, &headers, xml).unwrap();
    assert_eq!(meta.code(), "InvalidSnapshotState");
    assert_eq!(meta.message(), Some("a & b"));
    assert_eq!(meta.error_type(), Some("Sender"));
    assert_eq!(meta.request_id(), Some("req-2"));
    assert_eq!(meta.status(), 400);
    let extra = parse_error_members(xml, |r, el| {
        let mut extra = None;
        while let Some(child) = r.next_child(el)? {
            match child.local_name() {
                "Extra" => extra = Some(r.string(&child)?),
                _ => r.skip(&child)?,
            }
        }
        Ok(extra)
    })
    .unwrap();
    assert_eq!(extra.as_deref(), Some("x"));

    // The ec2-style nesting.
    let xml = br#"<Response><Errors><Error><Code>Boom</Code><Message>m</Message></Error></Errors><RequestID>r</RequestID></Response>"#;
    let meta = error_metadata(400, &headers, xml).unwrap();
    assert_eq!(
        (meta.code(), meta.message(), meta.request_id()),
        ("Boom", Some("m"), Some("r"))
    );

    // S3's root `<Error>` (the S3 API Reference's "Error responses" example) carries the
    // request id inside; it wins over the header, which S3 sends with the same value.
    let xml = br#"<?xml version="1.0" encoding="UTF-8"?>
<Error>
  <Code>NoSuchKey</Code>
  <Message>The resource you requested does not exist</Message>
  <Resource>/mybucket/myfoto.jpg</Resource>
  <RequestId>4442587FB7D0A2F9</RequestId>
</Error>"#;
    let mut s3_headers = http::HeaderMap::new();
    s3_headers.insert("x-amz-request-id", "from-the-header".parse().unwrap());
    for h in [&headers, &s3_headers] {
        let meta = error_metadata(404, h, xml).unwrap();
        assert_eq!(
            (meta.code(), meta.request_id()),
            ("NoSuchKey", Some("4442587FB7D0A2F9"))
        );
    }
    let without = br#"<Error><Code>NoSuchKey</Code></Error>"#;
    let meta = error_metadata(404, &s3_headers, without).unwrap();
    assert_eq!(meta.request_id(), Some("from-the-header"));
    let twice = br#"<Error><Code>A</Code><RequestId>1</RequestId><RequestId>2</RequestId></Error>"#;
    let err = error_metadata(404, &headers, twice).unwrap_err();
    assert!(err.to_string().contains("<RequestId> given twice"), "{err}");

    // botocore's generic errors.
    let meta = error_metadata(
        503,
        &headers,
        b"<html><body>Service Unavailable</body></html>",
    )
    .unwrap();
    assert_eq!(
        (meta.code(), meta.message()),
        ("503", Some("Service Unavailable"))
    );
    let meta = error_metadata(404, &headers, b"").unwrap();
    assert_eq!((meta.code(), meta.message()), ("404", Some("Not Found")));

    // Garbage is an error that says what was wrong.
    let err = error_metadata(400, &headers, b"<ErrorResponse><Error><Code>X</Code>").unwrap_err();
    assert!(err.message().contains("ends inside an element"), "{err}");
    assert_eq!(err.status(), 400);
}

#[test]
fn idempotency_tokens_are_uuid_v4_and_can_be_fixed() {
    let a = idempotency::token();
    let b = idempotency::token();
    assert_ne!(a, b);
    for t in [&a, &b] {
        assert_eq!(t.len(), 36);
        let bytes = t.as_bytes();
        assert_eq!([bytes[8], bytes[13], bytes[18], bytes[23]], [b'-'; 4]);
        assert_eq!(bytes[14], b'4');
        assert!(matches!(bytes[19], b'8' | b'9' | b'a' | b'b'), "{t}");
    }
    let fixed = idempotency::with_token_source(
        || "00000000-0000-4000-8000-000000000000".to_owned(),
        idempotency::token,
    );
    assert_eq!(fixed, "00000000-0000-4000-8000-000000000000");
    assert_ne!(idempotency::token(), fixed);
}

#[test]
fn large_bodies_are_gzipped() {
    let mut small = http::Request::new(vec![b'a'; 100]);
    awsgen_runtime::compression::gzip_request(&mut small);
    assert_eq!(small.body().len(), 100);
    assert!(small.headers().get("content-encoding").is_none());

    let mut big = http::Request::new(vec![b'a'; 20_000]);
    big.headers_mut()
        .insert("content-encoding", "custom".parse().unwrap());
    awsgen_runtime::compression::gzip_request(&mut big);
    assert_eq!(big.headers()["content-encoding"], "custom, gzip");
    assert_eq!(&big.body()[..2], &[0x1f, 0x8b]);
    assert_eq!(
        big.headers()["content-length"],
        big.body().len().to_string().as_str()
    );
}
