//! S3's flexible checksums (`httpChecksum`), as botocore 1.44.5 sends and checks them by
//! default: sans-IO, the headers of PutObject requests (the default CRC32, a chosen algorithm,
//! `x-amz-sdk-checksum-algorithm`, GetObject's `x-amz-checksum-mode: ENABLED`) with the values
//! of botocore's own tests, and GetObject responses whose checksum is wrong (an `Err` naming
//! the algorithm and both values), composite, or absent; then against moto, PutObject with
//! SHA-256 and CRC32C and GetObject validating what moto sends back. Without moto the moto
//! test is `ignored` (see `tests/moto.rs`).

use awsgen_e2e::moto::Moto;
use awsgen_e2e::runtime::Blob;
use awsgen_e2e::runtime::client::Config;
use awsgen_e2e::runtime::credentials::Credentials;
use awsgen_e2e::s3::Client;
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
        .body(Blob::new(b"Hello world".to_vec()));
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
        .body(Blob::new(b"Hello world".to_vec()))
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

fn get(headers: &[(&'static str, &str)], body: &[u8]) -> Result<Vec<u8>, String> {
    let mut map = http::HeaderMap::new();
    for (name, value) in headers {
        map.insert(*name, value.parse().unwrap());
    }
    GetObject::parse_response(200, &map, body)
        .map(|out| out.body.map(Blob::into_inner).unwrap_or_default())
        .map_err(|e| {
            let e = match e {
                awsgen_e2e::runtime::ResponseError::Invalid(e) => e,
                other => panic!("not an invalid response: {other:?}"),
            };
            let m = e.checksum_mismatch().expect("a checksum mismatch");
            format!("{} {} {}", m.algorithm(), m.expected(), m.computed())
        })
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
            "CRC32 i9aeUg== {}",
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
        Err("CRC32C AAAAAA== crUfeA==".to_owned())
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
    let Some(moto) = Moto::start("checksums_against_moto") else {
        return;
    };
    let client = Client::new(
        Config::new(
            "us-east-1",
            Credentials::new("AKIDEXAMPLE", "moto-accepts-any-secret", None),
        )
        .with_endpoint(moto.endpoint()),
    )
    .expect("client");
    let bucket = "awsgen-checksums";
    client
        .create_bucket()
        .bucket(bucket)
        .send()
        .await
        .expect("CreateBucket");
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
            .body(Blob::new(body.clone()));
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
        assert_eq!(got.body.as_ref().map(Blob::as_bytes), Some(&body[..]));
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
