//! S3's flexible checksums (`httpChecksum`), as botocore 1.44.5 sends and checks them by
//! default: sans-IO, the headers of PutObject requests (the default CRC32, a chosen algorithm,
//! `x-amz-sdk-checksum-algorithm`, GetObject's `x-amz-checksum-mode: ENABLED`) with the values
//! of botocore's own tests, and GetObject bodies whose checksum is wrong (an `Err` at the end
//! of the stream naming the algorithm and both values), composite, or absent; then against moto, PutObject with
//! SHA-256 and CRC32C and GetObject validating what moto sends back, and streamed uploads whose
//! checksum goes in a signed `aws-chunked` trailer (moto stores the trailer's value). Without
//! moto the moto tests are `ignored` (see `tests/moto.rs`).

use awsgen_e2e::moto::Moto;
use awsgen_e2e::runtime::ByteStream;
use awsgen_e2e::runtime::Operation;
use awsgen_e2e::s3::operation::get_object::{GetObject, GetObjectInput};
use awsgen_e2e::s3::operation::put_object::{PutObject, PutObjectInput};
use awsgen_e2e::s3::types::{ChecksumAlgorithm, ChecksumMode};

/// `header` of `request`, as text.
fn header<'r>(request: &'r http::Request<Vec<u8>>, name: &str) -> Option<&'r str> {
    request.headers().get(name).map(|v| v.to_str().unwrap())
}

fn put(algorithm: Option<ChecksumAlgorithm>) -> http::Request<Vec<u8>> {
    let mut input = PutObjectInput::builder()
        .bucket("bucket")
        .key("hello.txt")
        .body(ByteStream::new(b"Hello world".to_vec()));
    if let Some(algorithm) = algorithm {
        input = input.checksum_algorithm(algorithm);
    }
    PutObject::build_request(&input.build().unwrap()).expect("a request")
}

#[test]
fn put_object_sends_crc32_by_default() {
    let request = put(None);
    // botocore 1.44.5 tests/functional/test_httpchecksum.py: CRC32 of `Hello world`.
    assert_eq!(header(&request, "x-amz-checksum-crc32"), Some("i9aeUg=="));
    assert_eq!(
        header(&request, "x-amz-sdk-checksum-algorithm"),
        Some("CRC32")
    );
    assert_eq!(header(&request, "content-md5"), None);
    let checksums: Vec<_> = request
        .headers()
        .keys()
        .filter(|k| k.as_str().starts_with("x-amz-checksum-"))
        .collect();
    assert_eq!(checksums.len(), 1, "{checksums:?}");
}

#[test]
fn put_object_sends_the_chosen_algorithm() {
    // The same test file's values for `Hello world`.
    for (algorithm, name, header_name, value) in [
        (
            ChecksumAlgorithm::Crc32,
            "CRC32",
            "x-amz-checksum-crc32",
            "i9aeUg==",
        ),
        (
            ChecksumAlgorithm::Crc32C,
            "CRC32C",
            "x-amz-checksum-crc32c",
            "crUfeA==",
        ),
        (
            ChecksumAlgorithm::Crc64Nvme,
            "CRC64NVME",
            "x-amz-checksum-crc64nvme",
            "OOJZ0D8xKts=",
        ),
        (
            ChecksumAlgorithm::Sha1,
            "SHA1",
            "x-amz-checksum-sha1",
            "e1AsOh9IyGCa4hLN+2Od7jlnP14=",
        ),
        (
            ChecksumAlgorithm::Sha256,
            "SHA256",
            "x-amz-checksum-sha256",
            "ZOyIygCyaOW6GjVnihtTFtIS9PNmskdyMlNKiuyjfzw=",
        ),
    ] {
        let request = put(Some(algorithm));
        assert_eq!(header(&request, header_name), Some(value), "{name}");
        assert_eq!(header(&request, "x-amz-sdk-checksum-algorithm"), Some(name));
    }
}

#[test]
fn a_checksum_the_caller_gives_is_sent_as_is() {
    let input = PutObjectInput::builder()
        .bucket("bucket")
        .key("hello.txt")
        .body(ByteStream::new(b"Hello world".to_vec()))
        .checksum_sha256("ZOyIygCyaOW6GjVnihtTFtIS9PNmskdyMlNKiuyjfzw=")
        .build()
        .unwrap();
    let request = PutObject::build_request(&input).unwrap();
    assert_eq!(
        header(&request, "x-amz-checksum-sha256"),
        Some("ZOyIygCyaOW6GjVnihtTFtIS9PNmskdyMlNKiuyjfzw=")
    );
    assert_eq!(header(&request, "x-amz-checksum-crc32"), None);
}

#[test]
fn an_algorithm_the_runtime_does_not_compute_is_refused() {
    let input = PutObjectInput::builder()
        .bucket("bucket")
        .key("hello.txt")
        .checksum_algorithm(ChecksumAlgorithm::Xxhash64)
        .build()
        .unwrap();
    let error = PutObject::build_request(&input).unwrap_err();
    assert_eq!(error.member(), "ChecksumAlgorithm");
    assert!(error.message().contains("XXHASH64"), "{error}");
}

#[test]
fn get_object_asks_for_the_checksum() {
    let input = GetObjectInput::builder()
        .bucket("bucket")
        .key("hello.txt")
        .build()
        .unwrap();
    let request = GetObject::build_request(&input).unwrap();
    assert_eq!(header(&request, "x-amz-checksum-mode"), Some("ENABLED"));
    let input = GetObjectInput::builder()
        .bucket("bucket")
        .key("hello.txt")
        .checksum_mode(ChecksumMode::Enabled)
        .build()
        .unwrap();
    let request = GetObject::build_request(&input).unwrap();
    assert_eq!(header(&request, "x-amz-checksum-mode"), Some("ENABLED"));
}

/// GetObject's body as the client hands it over (the head parsed alone, the body attached as
/// it arrives: `Operation::attach_body`), read to its end: the bytes, or the checksum error the
/// end of the stream gives.
fn get(headers: &[(&'static str, &str)], body: &[u8]) -> Result<Vec<u8>, String> {
    let mut map = http::HeaderMap::new();
    for (name, value) in headers {
        map.insert(*name, value.parse().unwrap());
    }
    let mut out = GetObject::parse_response(200, &map, &[]).expect("the head parses");
    let source = ByteStream::new(body.to_vec()).take_source().unwrap();
    GetObject::attach_body(&mut out, &map, source);
    let stream = out.body.expect("a body");
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
        .block_on(stream.collect())
        .map_err(|e| e.message().to_owned())
}

#[test]
fn get_object_checks_the_body_against_its_checksum() {
    assert_eq!(
        get(&[("x-amz-checksum-crc32", "i9aeUg==")], b"Hello world"),
        Ok(b"Hello world".to_vec())
    );
    assert_eq!(
        get(&[("x-amz-checksum-crc32", "i9aeUg==")], b"Hello World"),
        Err(format!(
            "the body's CRC32 checksum is {}, the response said i9aeUg==",
            awsgen_e2e::runtime::checksum::Algorithm::Crc32.checksum(b"Hello World")
        ))
    );
    // CRC32C is tried before SHA-256 (botocore's priority order).
    assert_eq!(
        get(
            &[
                (
                    "x-amz-checksum-sha256",
                    "ZOyIygCyaOW6GjVnihtTFtIS9PNmskdyMlNKiuyjfzw="
                ),
                ("x-amz-checksum-crc32c", "AAAAAA=="),
            ],
            b"Hello world"
        ),
        Err("the body's CRC32C checksum is crUfeA==, the response said AAAAAA==".to_owned())
    );
    // A multipart object's composite checksum is not of the body: not checked.
    assert_eq!(
        get(&[("x-amz-checksum-crc32", "AAAAAA==-2")], b"Hello world"),
        Ok(b"Hello world".to_vec())
    );
    // No checksum, nothing to check.
    assert_eq!(get(&[], b"Hello world"), Ok(b"Hello world".to_vec()));
}

#[tokio::test]
#[cfg_attr(
    moto_missing,
    ignore = "moto[server] not installed: set AWSGEN_MOTO_PYTHON (see e2e/build.rs)"
)]
async fn checksums_against_moto() {
    let bucket = "awsgen-checksums";
    let Some((_moto, client)) = Moto::s3_bucket("checksums_against_moto", bucket).await else {
        return;
    };
    let body = b"The quick brown fox jumps over the lazy dog".to_vec();
    for (key, algorithm, header_value) in [
        (
            "sha256.txt",
            ChecksumAlgorithm::Sha256,
            awsgen_e2e::runtime::checksum::Algorithm::Sha256.checksum(&body),
        ),
        (
            "crc32c.txt",
            ChecksumAlgorithm::Crc32C,
            awsgen_e2e::runtime::checksum::Algorithm::Crc32c.checksum(&body),
        ),
        (
            "default.txt",
            ChecksumAlgorithm::Crc32,
            awsgen_e2e::runtime::checksum::Algorithm::Crc32.checksum(&body),
        ),
    ] {
        let mut put = client
            .put_object()
            .bucket(bucket)
            .key(key)
            .body(ByteStream::new(body.clone()));
        if key != "default.txt" {
            put = put.checksum_algorithm(algorithm.clone());
        }
        let put = put.send().await.expect("PutObject");
        // moto answers with the checksum it stored: the one sent.
        let echoed = match algorithm {
            ChecksumAlgorithm::Sha256 => put.checksum_sha256.clone(),
            ChecksumAlgorithm::Crc32C => put.checksum_crc32_c.clone(),
            _ => put.checksum_crc32.clone(),
        };
        assert_eq!(echoed.as_deref(), Some(header_value.as_str()), "{key}");

        let got = client
            .get_object()
            .bucket(bucket)
            .key(key)
            .checksum_mode(ChecksumMode::Enabled)
            .send()
            .await
            .expect("GetObject validates");
        let returned_body = got.body.clone().expect("a body").collect().await;
        assert_eq!(returned_body.as_deref(), Ok(&body[..]), "{key}");
        let returned = match algorithm {
            ChecksumAlgorithm::Sha256 => got.checksum_sha256.clone(),
            ChecksumAlgorithm::Crc32C => got.checksum_crc32_c.clone(),
            _ => got.checksum_crc32.clone(),
        };
        // The response carried the checksum, so it was checked (a wrong one is an `Err`,
        // `get_object_checks_the_body_against_its_checksum`).
        assert_eq!(returned.as_deref(), Some(header_value.as_str()), "{key}");
    }
}

#[test]
fn a_streamed_body_names_its_checksum_as_a_trailer() {
    // Not in memory: nothing to hash in `build_request`, so the checksum is named in
    // `x-amz-trailer` for the sender to compute as the body passes (the default CRC32, named in
    // `x-amz-sdk-checksum-algorithm` as for in-memory bodies; or the algorithm chosen).
    for (algorithm, trailer, named) in [
        (None, "x-amz-checksum-crc32", "CRC32"),
        (
            Some(ChecksumAlgorithm::Sha256),
            "x-amz-checksum-sha256",
            "SHA256",
        ),
    ] {
        let mut input =
            PutObjectInput::builder()
                .bucket("b")
                .key("k")
                .body(ByteStream::from_source(
                    awsgen_e2e::pattern::Pattern::new(10),
                    Some(10),
                ));
        if let Some(algorithm) = algorithm {
            input = input.checksum_algorithm(algorithm);
        }
        let request = PutObject::build_request(&input.build().unwrap()).unwrap();
        assert_eq!(header(&request, "x-amz-trailer"), Some(trailer));
        assert_eq!(
            header(&request, "x-amz-sdk-checksum-algorithm"),
            Some(named)
        );
        assert!(
            request
                .headers()
                .keys()
                .all(|k| !k.as_str().starts_with("x-amz-checksum-")),
            "no checksum header: it is in the trailer"
        );
    }
}

#[tokio::test]
#[cfg_attr(
    moto_missing,
    ignore = "moto[server] not installed: set AWSGEN_MOTO_PYTHON (see e2e/build.rs)"
)]
async fn streamed_uploads_carry_their_checksum_in_a_trailer() {
    // 200,000 bytes from a source (four signed 64 KiB chunks over moto's plain http), the
    // checksum computed as they are sent and signed in the trailer. moto stores the trailer's
    // value and echoes it: it must be the checksum of the bytes; GetObject then checks the body
    // against it.
    use awsgen_e2e::pattern::Pattern;
    use awsgen_e2e::runtime::checksum::Algorithm;
    let bucket = "awsgen-trailers";
    let test = "streamed_uploads_carry_their_checksum_in_a_trailer";
    let Some((_moto, client)) = Moto::s3_bucket(test, bucket).await else {
        return;
    };
    const LEN: u64 = 200_000;
    let expected_body: Vec<u8> = (0..LEN).map(awsgen_e2e::pattern::byte).collect();
    for (key, algorithm, computed) in [
        ("crc32", None, Algorithm::Crc32),
        ("sha256", Some(ChecksumAlgorithm::Sha256), Algorithm::Sha256),
        ("crc32c", Some(ChecksumAlgorithm::Crc32C), Algorithm::Crc32c),
    ] {
        let expected = computed.checksum(&expected_body);
        let mut put = client
            .put_object()
            .bucket(bucket)
            .key(key)
            .body(ByteStream::from_source(Pattern::new(LEN), Some(LEN)));
        if let Some(algorithm) = algorithm {
            put = put.checksum_algorithm(algorithm);
        }
        let put = put.send().await.expect("PutObject");
        let echoed = match computed {
            Algorithm::Sha256 => put.checksum_sha256.clone(),
            Algorithm::Crc32c => put.checksum_crc32_c.clone(),
            _ => put.checksum_crc32.clone(),
        };
        assert_eq!(echoed.as_deref(), Some(expected.as_str()), "{key}");
        let got = client
            .get_object()
            .bucket(bucket)
            .key(key)
            .checksum_mode(ChecksumMode::Enabled)
            .send()
            .await
            .expect("GetObject validates");
        let body = got.body.expect("a body").collect().await.expect("the body");
        assert_eq!(body, expected_body, "{key}");
    }
}
