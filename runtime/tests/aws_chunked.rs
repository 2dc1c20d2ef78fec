//! Chunked upload signing (`STREAMING-AWS4-HMAC-SHA256-PAYLOAD`) against the example the S3 API
//! reference publishes ("Signature Calculations for the Authorization Header: Transferring
//! Payload in Multiple Chunks", Example: PUT Object): a 66,560-byte object of `a` sent as a
//! 64 KiB chunk, a 1 KiB chunk and the empty chunk, with its seed and chunk signatures and the
//! exact framed body.

use std::time::{Duration, SystemTime};

use awsgen_runtime::aws_chunked::{STREAMING_PAYLOAD, encoded_length};
use awsgen_runtime::credentials::Credentials;
use awsgen_runtime::sigv4::Signer;

const SEED: &str = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
const CHUNK_1: &str = "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648";
const CHUNK_2: &str = "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497";
const CHUNK_END: &str = "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9";

/// 2013-05-24T00:00:00Z.
fn example_time() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_369_353_600)
}

#[test]
fn the_published_example_byte_for_byte() {
    let signer = Signer::new(
        Credentials::new(
            "AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            None,
        ),
        "us-east-1",
        "s3",
    );
    let mut request = http::Request::new(Vec::<u8>::new());
    *request.method_mut() = http::Method::PUT;
    *request.uri_mut() = "https://s3.amazonaws.com/examplebucket/chunkObject.txt"
        .parse()
        .unwrap();
    let headers = request.headers_mut();
    headers.insert("host", "s3.amazonaws.com".parse().unwrap());
    headers.insert("x-amz-storage-class", "REDUCED_REDUNDANCY".parse().unwrap());

    let mut chunks = signer
        .sign_chunked(&mut request, example_time(), 66_560, 65_536)
        .unwrap();
    let headers = request.headers();
    assert_eq!(headers["x-amz-content-sha256"], STREAMING_PAYLOAD);
    assert_eq!(headers["content-encoding"], "aws-chunked");
    assert_eq!(headers["x-amz-decoded-content-length"], "66560");
    assert_eq!(headers["content-length"], "66824");
    assert_eq!(headers["x-amz-date"], "20130524T000000Z");
    assert_eq!(
        headers["authorization"],
        format!(
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, \
             SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;\
             x-amz-decoded-content-length;x-amz-storage-class, Signature={SEED}"
        )
    );
    assert_eq!(chunks.previous_signature(), SEED);

    let mut body = Vec::new();
    body.extend(chunks.frame(&[b'a'; 65_536]));
    assert_eq!(chunks.previous_signature(), CHUNK_1);
    body.extend(chunks.frame(&[b'a'; 1024]));
    assert_eq!(chunks.previous_signature(), CHUNK_2);
    body.extend(chunks.frame(&[]));
    assert_eq!(chunks.previous_signature(), CHUNK_END);

    let mut expected = Vec::new();
    expected.extend(format!("10000;chunk-signature={CHUNK_1}\r\n").bytes());
    expected.extend([b'a'; 65_536]);
    expected.extend(format!("\r\n400;chunk-signature={CHUNK_2}\r\n").bytes());
    expected.extend([b'a'; 1024]);
    expected.extend(format!("\r\n0;chunk-signature={CHUNK_END}\r\n\r\n").bytes());
    assert!(
        body == expected,
        "the framed body differs from the published one"
    );
    assert_eq!(body.len(), 66_824);
}

#[test]
fn encoded_lengths() {
    // The published example, one chunk short of a second, an exact multiple, nothing.
    assert_eq!(encoded_length(66_560, 65_536), 66_824);
    assert_eq!(encoded_length(1024, 65_536), 1112 + 86);
    assert_eq!(encoded_length(131_072, 65_536), 2 * 65_626 + 86);
    assert_eq!(encoded_length(0, 65_536), 86);
}

#[test]
fn an_existing_content_encoding_comes_after_aws_chunked() {
    let signer = Signer::new(Credentials::new("AKID", "SECRET", None), "us-east-1", "s3");
    let mut request = http::Request::new(Vec::<u8>::new());
    *request.method_mut() = http::Method::PUT;
    *request.uri_mut() = "http://localhost/b/k".parse().unwrap();
    request
        .headers_mut()
        .insert("host", "localhost".parse().unwrap());
    request
        .headers_mut()
        .insert("content-encoding", "gzip".parse().unwrap());
    signer
        .sign_chunked(&mut request, example_time(), 10, 65_536)
        .unwrap();
    assert_eq!(request.headers()["content-encoding"], "aws-chunked,gzip");
}

/// The unsigned trailer framing (over TLS) as the client's upload body sends it: 64 KiB chunks
/// `<hex>\r\n<data>\r\n`, the empty chunk, the trailer with the CRC32 of the bytes, a blank
/// line; exactly the length `Signer::sign_chunked_with_trailer` declares.
#[cfg(feature = "checksum")]
#[test]
fn an_unsigned_upload_body_with_its_trailer() {
    use awsgen_runtime::aws_chunked::{TrailerFraming, encoded_length_with_trailer};
    use awsgen_runtime::byte_stream::ByteStream;
    use awsgen_runtime::checksum::Algorithm;
    use awsgen_runtime::upload_body::UploadBody;

    let data: Vec<u8> = (0..70_000u32).map(|i| (i % 251) as u8).collect();
    let wire = encoded_length_with_trailer(
        70_000,
        65_536,
        TrailerFraming::Unsigned,
        "x-amz-checksum-crc32",
        8,
    );
    let body = UploadBody::with_trailer(
        ByteStream::new(data.clone()).take_source().unwrap(),
        70_000,
        wire,
        None,
        Algorithm::Crc32.hasher(),
    );
    let sent = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
        .block_on(body.collect())
        .unwrap();
    let mut expected = b"10000\r\n".to_vec();
    expected.extend(&data[..65_536]);
    expected.extend(b"\r\n1170\r\n");
    expected.extend(&data[65_536..]);
    expected.extend(
        format!(
            "\r\n0\r\nx-amz-checksum-crc32:{}\r\n\r\n",
            Algorithm::Crc32.checksum(&data)
        )
        .bytes(),
    );
    assert!(sent == expected, "the framed body differs");
    assert_eq!(sent.len() as u64, wire);
}
