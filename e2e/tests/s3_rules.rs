//! S3's rules in the generated client, without a server: the URL each request goes to
//! (virtual-hosted style, path style when the bucket name is not a host label or when
//! `ForcePathStyle` is set, dual-stack, FIPS, acceleration; the bucket never twice), the
//! `x-amz-content-sha256` header on every request, and the responses S3 sends its own way
//! (an `<Error>` with status 200, a bodiless 404 to a HEAD, GetBucketLocation's bare
//! `<LocationConstraint>`). The expected hosts are those of botocore's S3 endpoint tests
//! (`tests/functional/endpoint-rules/s3/endpoint-tests-1.json` in botocore 1.44.5).

use std::sync::{Arc, Mutex};

use awsgen_e2e::runtime::Operation as _;
use awsgen_e2e::runtime::ProvideErrorMetadata as _;
use awsgen_e2e::runtime::client::Config;
use awsgen_e2e::runtime::credentials::Credentials;
use awsgen_e2e::runtime::endpoint::Value;
use awsgen_e2e::runtime::transport::{BoxFuture, HttpClient, TransportError};
use awsgen_e2e::s3::Client;
use awsgen_e2e::s3::operation::copy_object::CopyObject;
use awsgen_e2e::s3::operation::get_bucket_location::GetBucketLocation;
use awsgen_e2e::s3::operation::head_object::HeadObject;

/// Answers every request with 200 and an empty body, keeping what it was sent.
#[derive(Debug, Default)]
struct Capture(Mutex<Vec<http::Request<Vec<u8>>>>);

impl HttpClient for Capture {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        self.0.lock().unwrap().push(request);
        Box::pin(async { Ok(http::Response::new(Vec::new())) })
    }
}

/// The URL and headers of a GetObject of `bucket`/`key` with `config`.
async fn sent(config: Config, bucket: &str, key: &str) -> http::Request<Vec<u8>> {
    let capture = Arc::new(Capture::default());
    let client = Client::new(
        config
            .with_credentials(Credentials::new("AKID", "SECRET", None))
            .with_http_client(capture.clone()),
    )
    .expect("client");
    client
        .get_object()
        .bucket(bucket)
        .key(key)
        .send()
        .await
        .expect("GetObject");
    capture.0.lock().unwrap().pop().expect("a request")
}

#[tokio::test]
async fn the_bucket_goes_in_the_host_or_the_path_never_both() {
    let cases: &[(Config, &str, &str)] = &[
        (
            Config::anonymous("us-west-2"),
            "bucket-name",
            "https://bucket-name.s3.us-west-2.amazonaws.com/a/b%20c.txt",
        ),
        (
            // Not a valid host label: path style.
            Config::anonymous("us-west-2"),
            "bucket.with.dots",
            "https://s3.us-west-2.amazonaws.com/bucket.with.dots/a/b%20c.txt",
        ),
        (
            Config::anonymous("us-west-2").with_endpoint_param("ForcePathStyle", Value::Bool(true)),
            "bucket-name",
            "https://s3.us-west-2.amazonaws.com/bucket-name/a/b%20c.txt",
        ),
        (
            Config::anonymous("us-west-2").with_dual_stack(true),
            "bucket-name",
            "https://bucket-name.s3.dualstack.us-west-2.amazonaws.com/a/b%20c.txt",
        ),
        (
            Config::anonymous("us-west-2").with_fips(true),
            "bucket-name",
            "https://bucket-name.s3-fips.us-west-2.amazonaws.com/a/b%20c.txt",
        ),
        (
            Config::anonymous("us-west-2").with_endpoint_param("Accelerate", Value::Bool(true)),
            "bucket-name",
            "https://bucket-name.s3-accelerate.amazonaws.com/a/b%20c.txt",
        ),
        (
            // A custom endpoint that is an IP address (moto, MinIO): path style.
            Config::anonymous("us-east-1").with_endpoint("http://127.0.0.1:5000"),
            "bucket-name",
            "http://127.0.0.1:5000/bucket-name/a/b%20c.txt",
        ),
    ];
    for (config, bucket, url) in cases {
        let request = sent(config.clone(), bucket, "a/b c.txt").await;
        assert_eq!(request.uri().to_string(), *url);
        assert_eq!(
            request.headers()["x-amz-content-sha256"],
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "{url}"
        );
        assert!(
            request.headers()["authorization"]
                .to_str()
                .unwrap()
                .contains("/s3/aws4_request")
        );
    }
}

#[test]
fn an_error_document_with_status_200_is_an_error() {
    let headers = http::HeaderMap::new();
    let body = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>InternalError</Code>\
                 <Message>We encountered an internal error. Please try again.</Message>\
                 <RequestId>656c76696e6727732072657175657374</RequestId></Error>";
    let err = CopyObject::parse_response(200, &headers, body).unwrap_err();
    let err = err.service_error().expect("a service error");
    assert_eq!(err.meta().code(), "InternalError");
    assert_eq!(err.meta().status(), 200);
    let ok = b"<CopyObjectResult><ETag>\"9b2cf535f27731c974343645a3985328\"</ETag>\
               <LastModified>2009-10-28T22:32:00.000Z</LastModified></CopyObjectResult>";
    let out = CopyObject::parse_response(200, &headers, ok).expect("a result");
    assert_eq!(
        out.copy_object_result.and_then(|r| r.e_tag),
        Some("\"9b2cf535f27731c974343645a3985328\"".to_owned())
    );
}

#[test]
fn every_operation_s3_may_fail_with_status_200_reads_the_error() {
    // CopyObject above; CompleteMultipartUpload and UploadPartCopy alike (the S3 API
    // Reference names these three as answering 200 with an `<Error>` body).
    use awsgen_e2e::s3::operation::complete_multipart_upload::CompleteMultipartUpload;
    use awsgen_e2e::s3::operation::upload_part_copy::UploadPartCopy;
    let headers = http::HeaderMap::new();
    let body = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>InternalError</Code>\
                 <Message>We encountered an internal error. Please try again.</Message>\
                 <RequestId>656c76696e6727732072657175657374</RequestId></Error>";
    let err = CompleteMultipartUpload::parse_response(200, &headers, body).unwrap_err();
    let meta = err.service_error().expect("a service error").meta();
    assert_eq!((meta.code(), meta.status()), ("InternalError", 200));
    assert_eq!(meta.request_id(), Some("656c76696e6727732072657175657374"));
    let err = UploadPartCopy::parse_response(200, &headers, body).unwrap_err();
    let meta = err.service_error().expect("a service error").meta();
    assert_eq!((meta.code(), meta.status()), ("InternalError", 200));
    // And their documents still parse.
    let done = b"<CompleteMultipartUploadResult><Bucket>b</Bucket><Key>k</Key>\
                 <ETag>\"3858f62230ac3c915f300c664312c11f-9\"</ETag></CompleteMultipartUploadResult>";
    let out = CompleteMultipartUpload::parse_response(200, &headers, done).expect("a result");
    assert_eq!(out.key.as_deref(), Some("k"));
    let copied = b"<CopyPartResult><ETag>\"b\"</ETag>\
                   <LastModified>2009-10-28T22:32:00.000Z</LastModified></CopyPartResult>";
    let out = UploadPartCopy::parse_response(200, &headers, copied).expect("a result");
    assert_eq!(
        out.copy_part_result.and_then(|r| r.e_tag).as_deref(),
        Some("\"b\"")
    );
}

#[test]
fn a_bodiless_404_to_head_bucket_is_no_such_bucket() {
    use awsgen_e2e::s3::operation::head_bucket::HeadBucket;
    let err = HeadBucket::parse_response(404, &http::HeaderMap::new(), b"").unwrap_err();
    assert!(
        err.service_error().is_some_and(|e| e.is_no_such_bucket()),
        "{err:?}"
    );
}

#[test]
fn a_bodiless_404_to_head_object_is_no_such_key() {
    let err = HeadObject::parse_response(404, &http::HeaderMap::new(), b"").unwrap_err();
    assert!(
        err.service_error().is_some_and(|e| e.is_no_such_key()),
        "{err:?}"
    );
}

#[test]
fn get_bucket_location_reads_the_bare_location_constraint() {
    let body = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
                 <LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">eu-west-1</LocationConstraint>";
    let out =
        GetBucketLocation::parse_response(200, &http::HeaderMap::new(), body).expect("parses");
    assert_eq!(
        out.location_constraint.map(|l| l.as_str().to_owned()),
        Some("eu-west-1".to_owned())
    );
    let empty = b"<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>";
    let out =
        GetBucketLocation::parse_response(200, &http::HeaderMap::new(), empty).expect("parses");
    assert_eq!(out.location_constraint, None);
}

#[test]
fn an_expires_header_that_is_no_date_is_kept_as_text() {
    // As botocore 1.44.5 (its sdk-extras make `Expires` a timestamp; `handle_expires_header`
    // keeps the text as `ExpiresString` and drops an `Expires` that is no date, no error).
    use awsgen_e2e::s3::operation::get_object::GetObject;
    let mut headers = http::HeaderMap::new();
    headers.insert("expires", http::HeaderValue::from_static("0"));
    let out = GetObject::parse_response(200, &headers, b"").expect("parses");
    assert_eq!(out.expires, None);
    assert_eq!(out.expires_string.as_deref(), Some("0"));
    // RFC 9111's example of an `Expires` date.
    let date = "Thu, 01 Dec 1994 16:00:00 GMT";
    headers.insert("expires", http::HeaderValue::from_static(date));
    let out = HeadObject::parse_response(200, &headers, b"").expect("parses");
    assert_eq!(out.expires_string.as_deref(), Some(date));
    assert_eq!(
        out.expires.map(|t| t.to_ymd_hms()),
        Some((1994, 12, 1, 16, 0, 0))
    );
    let out = GetObject::parse_response(200, &http::HeaderMap::new(), b"").expect("parses");
    assert_eq!((out.expires, out.expires_string), (None, None));
}

#[test]
fn an_expires_date_is_sent_as_an_http_date() {
    use awsgen_e2e::runtime::DateTime;
    use awsgen_e2e::s3::operation::put_object::{PutObject, PutObjectInput};
    let input = PutObjectInput::builder()
        .bucket("bucket")
        .key("key")
        .expires(DateTime::from_ymd_hms(1994, 12, 1, 16, 0, 0).unwrap())
        .build()
        .unwrap();
    let request = PutObject::build_request(&input).unwrap();
    assert_eq!(
        request.headers()["expires"],
        "Thu, 01 Dec 1994 16:00:00 GMT"
    );
}

#[test]
fn the_request_id_inside_an_s3_error_is_read() {
    use awsgen_e2e::s3::operation::get_object::GetObject;
    // The S3 API Reference's "Error responses" example.
    let body = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\
                 <Code>NoSuchKey</Code>\
                 <Message>The resource you requested does not exist</Message>\
                 <Resource>/mybucket/myfoto.jpg</Resource>\
                 <RequestId>4442587FB7D0A2F9</RequestId></Error>";
    let err = GetObject::parse_response(404, &http::HeaderMap::new(), body).unwrap_err();
    let err = err.service_error().expect("a service error");
    assert!(err.is_no_such_key(), "{err:?}");
    assert_eq!(err.meta().request_id(), Some("4442587FB7D0A2F9"));
}
