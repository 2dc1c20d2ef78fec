//! S3's signing rules in the client's signer (`runtime::sigv4`), byte for byte against the
//! examples AWS publishes in the Amazon S3 API Reference: "Signature Calculations for the
//! Authorization Header: Transferring Payload in a Single Chunk" (GET Object with a `Range`
//! header; PUT Object `/test$file.text`, whose `$` the canonical URI encodes once, not twice)
//! and "Authenticating Requests: Using Query Parameters" (the presigned GET of `test.txt`,
//! valid for 86,400 s). Credentials `AKIAIOSFODNN7EXAMPLE` / `wJalrXUtnFEMI/…`, region
//! `us-east-1`, time 2013-05-24T00:00:00Z.

use std::time::{Duration, SystemTime};

use awsgen_e2e::runtime::credentials::Credentials;
use awsgen_e2e::runtime::sigv4::Signer;

const HOST: &str = "examplebucket.s3.amazonaws.com";
const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

fn signer() -> Signer {
    Signer::new(
        Credentials::new(
            "AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            None,
        ),
        "us-east-1",
        "s3",
    )
}

/// 2013-05-24T00:00:00Z.
fn time() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_369_353_600)
}

fn request(
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> http::Request<Vec<u8>> {
    let mut builder = http::Request::builder()
        .method(method)
        .uri(format!("https://{HOST}{path}"))
        .header("host", HOST);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.to_vec()).expect("a valid request")
}

#[test]
fn get_object_signed_as_the_s3_reference_shows() {
    let signer = signer();
    assert!(signer.is_s3());
    let mut req = request("GET", "/test.txt", &[("range", "bytes=0-9")], b"");
    signer.sign(&mut req, time()).expect("signs");
    assert_eq!(req.headers()["x-amz-content-sha256"], EMPTY_SHA256);
    assert_eq!(req.headers()["x-amz-date"], "20130524T000000Z");
    assert_eq!(
        req.headers()["authorization"],
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, \
         SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, \
         Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"
    );
}

#[test]
fn put_object_signed_as_the_s3_reference_shows() {
    let mut req = request(
        "PUT",
        "/test%24file.text",
        &[
            ("date", "Fri, 24 May 2013 00:00:00 GMT"),
            ("x-amz-storage-class", "REDUCED_REDUNDANCY"),
        ],
        b"Welcome to Amazon S3.",
    );
    signer().sign(&mut req, time()).expect("signs");
    assert_eq!(
        req.headers()["x-amz-content-sha256"],
        "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072"
    );
    assert_eq!(
        req.headers()["authorization"],
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, \
         SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class, \
         Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"
    );
}

#[test]
fn a_given_payload_hash_is_signed_as_is() {
    // UNSIGNED-PAYLOAD (or any value the caller sets) is what the canonical request ends with:
    // the signature differs from the hashed body's, and the header is kept.
    let mut hashed = request("PUT", "/k", &[], b"data");
    signer().sign(&mut hashed, time()).expect("signs");
    let mut unsigned = request(
        "PUT",
        "/k",
        &[("x-amz-content-sha256", "UNSIGNED-PAYLOAD")],
        b"data",
    );
    signer().sign(&mut unsigned, time()).expect("signs");
    assert_eq!(
        unsigned.headers()["x-amz-content-sha256"],
        "UNSIGNED-PAYLOAD"
    );
    assert_ne!(
        hashed.headers()["authorization"],
        unsigned.headers()["authorization"]
    );
}

#[test]
fn other_services_send_no_content_hash_header() {
    let signer = Signer::new(Credentials::new("AK", "SK", None), "us-east-1", "memorydb");
    assert!(!signer.is_s3());
    let mut req = request("POST", "/", &[], b"{}");
    signer.sign(&mut req, time()).expect("signs");
    assert!(req.headers().get("x-amz-content-sha256").is_none());
}

#[test]
fn presigned_get_is_the_s3_reference_url() {
    let req = request("GET", "/test.txt", &[], b"");
    let url = signer()
        .presign(&req, time(), Duration::from_secs(86_400))
        .expect("presigns");
    assert_eq!(
        url.to_string(),
        "https://examplebucket.s3.amazonaws.com/test.txt\
         ?X-Amz-Algorithm=AWS4-HMAC-SHA256\
         &X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request\
         &X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host\
         &X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"
    );
}

#[test]
fn presigned_urls_expire_within_seven_days_and_carry_the_session_token() {
    let req = request("PUT", "/k?x-id=PutObject", &[], b"");
    for bad in [Duration::ZERO, Duration::from_secs(7 * 24 * 3600 + 1)] {
        let err = signer().presign(&req, time(), bad).unwrap_err();
        assert!(err.message().contains("expires"), "{err}");
    }
    let with_token = Signer::new(
        Credentials::new("AK", "SK", Some("tok/en+=".to_owned())),
        "us-east-1",
        "s3",
    );
    let url = with_token
        .presign(&req, time(), Duration::from_secs(3600))
        .expect("presigns")
        .to_string();
    assert!(
        url.starts_with("https://examplebucket.s3.amazonaws.com/k?x-id=PutObject&X-Amz-Algorithm="),
        "{url}"
    );
    assert!(
        url.contains("&X-Amz-Security-Token=tok%2Fen%2B%3D&"),
        "{url}"
    );
    assert!(url.contains("&X-Amz-Expires=3600&"), "{url}");
}
