//! The flexible checksums of `runtime::checksum` against published values: the CRC
//! catalogue's check values (`123456789`), FIPS 180-4's `abc` examples, and the `Hello world`
//! headers of botocore 1.44.5's `tests/functional/test_httpchecksum.py`; then the request
//! headers `flexible` sets and the response checks `validate_response` makes.

use awsgen_runtime::checksum::{
    Algorithm, ResponseChecksum, enable_validation, flexible, validate_response,
};

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn digest(algorithm: Algorithm, data: &[u8]) -> Vec<u8> {
    let mut hasher = algorithm.hasher();
    hasher.update(data);
    hasher.finalize()
}

#[test]
fn crc_catalogue_check_values() {
    for (algorithm, check) in [
        (Algorithm::Crc32, "cbf43926"),
        (Algorithm::Crc32c, "e3069283"),
        (Algorithm::Crc64Nvme, "ae8b14860a799888"),
    ] {
        assert_eq!(
            hex(&digest(algorithm, b"123456789")),
            check,
            "{algorithm:?}"
        );
    }
}

#[test]
fn fips_180_abc() {
    for (algorithm, value) in [
        (Algorithm::Sha1, "a9993e364706816aba3e25717850c26c9cd0d89d"),
        (
            Algorithm::Sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        ),
        (
            Algorithm::Sha512,
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a\
             2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
        ),
    ] {
        assert_eq!(hex(&digest(algorithm, b"abc")), value, "{algorithm:?}");
    }
}

/// botocore 1.44.5, `tests/functional/test_httpchecksum.py`: the headers for `Hello world`.
const HELLO_WORLD: [(Algorithm, &str, &str); 6] = [
    (Algorithm::Crc32, "x-amz-checksum-crc32", "i9aeUg=="),
    (Algorithm::Crc32c, "x-amz-checksum-crc32c", "crUfeA=="),
    (
        Algorithm::Crc64Nvme,
        "x-amz-checksum-crc64nvme",
        "OOJZ0D8xKts=",
    ),
    (
        Algorithm::Sha1,
        "x-amz-checksum-sha1",
        "e1AsOh9IyGCa4hLN+2Od7jlnP14=",
    ),
    (
        Algorithm::Sha256,
        "x-amz-checksum-sha256",
        "ZOyIygCyaOW6GjVnihtTFtIS9PNmskdyMlNKiuyjfzw=",
    ),
    (
        Algorithm::Sha512,
        "x-amz-checksum-sha512",
        "t/eDuu2Cl/DbkXRiGE/08I5pwtXl95qUJgD5cl9Yzh8pwYE5v4CwbA//K900c4RS7PQMSIwip+PYDN9vnBwNRw==",
    ),
];

#[test]
fn botocore_hello_world_headers() {
    for (algorithm, header, value) in HELLO_WORLD {
        assert_eq!(algorithm.header_name(), header);
        assert_eq!(algorithm.checksum(b"Hello world"), value, "{algorithm:?}");
        assert_eq!(Algorithm::from_name(algorithm.name()), Some(algorithm));
        assert_eq!(
            Algorithm::from_name(&algorithm.name().to_ascii_lowercase()),
            Some(algorithm)
        );
    }
    for unsupported in ["MD5", "XXHASH64", "XXHASH3", "XXHASH128", ""] {
        assert_eq!(Algorithm::from_name(unsupported), None, "{unsupported}");
    }
}

#[test]
fn incremental_equals_whole_at_every_split() {
    let data = b"Hello world, in pieces of every size: 0123456789abcdef";
    for algorithm in Algorithm::PRIORITY {
        let whole = algorithm.checksum(data);
        for split in 0..=data.len() {
            let mut hasher = algorithm.hasher();
            hasher.update(&data[..split]);
            hasher.update(&[]);
            hasher.update(&data[split..]);
            assert_eq!(
                hasher.finalize_base64(),
                whole,
                "{algorithm:?} split at {split}"
            );
        }
    }
}

fn request(body: &[u8]) -> http::Request<Vec<u8>> {
    http::Request::new(body.to_vec())
}

fn header<'r>(request: &'r http::Request<Vec<u8>>, name: &str) -> Option<&'r str> {
    request.headers().get(name).map(|v| v.to_str().unwrap())
}

#[test]
fn unset_algorithm_defaults_to_crc32_and_names_it() {
    let mut r = request(b"Hello world");
    flexible(
        &mut r,
        None,
        Some("x-amz-sdk-checksum-algorithm"),
        "ChecksumAlgorithm",
    )
    .unwrap();
    assert_eq!(header(&r, "x-amz-checksum-crc32"), Some("i9aeUg=="));
    assert_eq!(header(&r, "x-amz-sdk-checksum-algorithm"), Some("CRC32"));
    assert_eq!(r.headers().len(), 2);
}

#[test]
fn chosen_algorithm_is_computed() {
    for (algorithm, name, value) in HELLO_WORLD {
        let mut r = request(b"Hello world");
        flexible(
            &mut r,
            Some(algorithm.name()),
            Some("x-amz-sdk-checksum-algorithm"),
            "ChecksumAlgorithm",
        )
        .unwrap();
        assert_eq!(header(&r, name), Some(value));
        // The serializer sends the member's own header; the default is not added.
        assert_eq!(header(&r, "x-amz-sdk-checksum-algorithm"), None);
    }
}

#[test]
fn a_checksum_the_caller_set_is_kept() {
    let mut r = request(b"Hello world");
    r.headers_mut()
        .insert("x-amz-checksum-sha256", "caller's".parse().unwrap());
    flexible(&mut r, Some("CRC32"), None, "ChecksumAlgorithm").unwrap();
    assert_eq!(header(&r, "x-amz-checksum-sha256"), Some("caller's"));
    assert_eq!(header(&r, "x-amz-checksum-crc32"), None);
}

#[test]
fn unsupported_algorithm_is_an_error_naming_the_member() {
    let mut r = request(b"Hello world");
    let error = flexible(&mut r, Some("XXHASH64"), None, "ChecksumAlgorithm").unwrap_err();
    assert_eq!(error.member(), "ChecksumAlgorithm");
    assert!(error.message().contains("XXHASH64"), "{error}");
    assert!(r.headers().is_empty());
}

#[test]
fn validation_mode_defaults_to_enabled() {
    let mut r = request(b"");
    enable_validation(&mut r, "x-amz-checksum-mode");
    assert_eq!(header(&r, "x-amz-checksum-mode"), Some("ENABLED"));
}

fn headers(pairs: &[(&'static str, &str)]) -> http::HeaderMap {
    pairs
        .iter()
        .map(|(k, v)| (http::HeaderName::from_static(k), v.parse().unwrap()))
        .collect()
}

const ALL: [Algorithm; 6] = Algorithm::PRIORITY;

#[test]
fn matching_response_checksums_pass() {
    for (_, name, value) in HELLO_WORLD {
        let h = headers(&[(name, value)]);
        assert_eq!(
            validate_response(200, &h, b"Hello world", &ALL),
            Ok(()),
            "{name}"
        );
    }
}

#[test]
fn a_wrong_response_checksum_is_a_typed_error() {
    for (algorithm, name, value) in HELLO_WORLD {
        let h = headers(&[(name, value)]);
        let error = validate_response(200, &h, b"Hello world!", &ALL).unwrap_err();
        let mismatch = error.checksum_mismatch().expect("a checksum mismatch");
        assert_eq!(mismatch.algorithm(), algorithm.name());
        assert_eq!(mismatch.expected(), value);
        assert_eq!(mismatch.computed(), algorithm.checksum(b"Hello world!"));
        assert_eq!(error.status(), 200);
        assert!(error.to_string().contains("checksum mismatch"), "{error}");
    }
    // Not base64 at all: a mismatch too, never a pass.
    let h = headers(&[("x-amz-checksum-crc32", "not base64!")]);
    let error = validate_response(200, &h, b"Hello world", &ALL).unwrap_err();
    assert!(error.checksum_mismatch().is_some());
}

#[test]
fn the_first_algorithm_by_priority_is_checked() {
    // CRC32 comes before SHA-256: a right CRC32 beside a wrong SHA-256 passes, a wrong CRC32
    // beside a right SHA-256 does not.
    let right_crc = headers(&[
        ("x-amz-checksum-crc32", "i9aeUg=="),
        (
            "x-amz-checksum-sha256",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        ),
    ]);
    assert_eq!(
        validate_response(200, &right_crc, b"Hello world", &ALL),
        Ok(())
    );
    let wrong_crc = headers(&[
        ("x-amz-checksum-crc32", "AAAAAA=="),
        (
            "x-amz-checksum-sha256",
            "ZOyIygCyaOW6GjVnihtTFtIS9PNmskdyMlNKiuyjfzw=",
        ),
    ]);
    let error = validate_response(200, &wrong_crc, b"Hello world", &ALL).unwrap_err();
    assert_eq!(error.checksum_mismatch().unwrap().algorithm(), "CRC32");
    // Only the operation's response algorithms count.
    assert_eq!(
        validate_response(200, &wrong_crc, b"Hello world", &[Algorithm::Sha256]),
        Ok(())
    );
}

#[test]
fn composite_and_absent_checksums_are_not_checked() {
    // S3's checksum of a multipart object: of the parts' checksums, not of the body.
    let composite = headers(&[("x-amz-checksum-crc32", "AAAAAA==-3")]);
    assert_eq!(
        validate_response(200, &composite, b"Hello world", &ALL),
        Ok(())
    );
    assert!(ResponseChecksum::from_headers(&composite, &ALL).is_none());
    assert_eq!(
        validate_response(200, &headers(&[]), b"anything", &ALL),
        Ok(())
    );
}

#[test]
fn response_checksum_in_pieces() {
    let h = headers(&[("x-amz-checksum-crc32c", "crUfeA==")]);
    let mut checksum = ResponseChecksum::from_headers(&h, &ALL).unwrap();
    checksum.update(b"Hello");
    checksum.update(b" world");
    assert_eq!(checksum.finish(), Ok(()));
    let mut checksum = ResponseChecksum::from_headers(&h, &ALL).unwrap();
    checksum.update(b"Hello");
    assert!(checksum.finish().is_err());
}
