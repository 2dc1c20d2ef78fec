//! Golden wire tests of MemoryDB `CopySnapshot` in awsJson 1.1, against the checked-in crate
//! (`awsgen_generated::memorydb`, generated with the default protocol, `json`). The test bodies
//! are shared with `memorydb_cbor.rs` (see `memorydb_golden`).

mod memorydb_golden;

use awsgen_generated::runtime::Operation as _;
use awsgen_generated::runtime::ProvideErrorMetadata as _;

golden_tests!(
    awsgen_generated::memorydb,
    |text: &str, _timestamps: &[&str]| text.as_bytes().to_vec(),
    |body: &[u8]| serde_json::from_slice::<serde_json::Value>(body).expect("a JSON body"),
    |body: &[u8]| String::from_utf8_lossy(body).into_owned(),
    crate::memorydb_golden::malformed_json_bodies
);

/// The body is byte for byte the one botocore sends (wire-facts §6.2): members in model order,
/// no whitespace, `/`, `~` and `+` as they are.
#[test]
fn request_body_is_byte_identical_to_botocore() {
    let request = CopySnapshot::build_request(&full_input()).expect("the request builds");
    assert_eq!(
        std::str::from_utf8(request.body()).expect("UTF-8"),
        memorydb_golden::REQUEST_BODY
    );
    assert_eq!(request.uri(), "/");
    assert_eq!(request.method(), "POST");
    assert_eq!(
        request.headers()["x-amz-target"],
        "AmazonMemoryDB.CopySnapshot"
    );
    assert_eq!(
        request.headers()["content-type"],
        "application/x-amz-json-1.1"
    );
}

#[test]
fn code_precedence_is_type_then_code_then_header() {
    let mut headers = memorydb_golden::headers("r");
    headers.insert(
        "x-amzn-errortype",
        http::HeaderValue::from_static("TagQuotaPerResourceExceeded"),
    );
    let parse = |body: &str| {
        CopySnapshot::parse_response(400, &headers, body.as_bytes())
            .expect_err("an error")
            .into_service_error()
            .expect("a service error")
            .code()
            .to_owned()
    };
    assert_eq!(
        parse(r#"{"code":"SnapshotNotFoundFault","__type":"InvalidSnapshotStateFault"}"#),
        "InvalidSnapshotStateFault"
    );
    assert_eq!(
        parse(r#"{"code":"aws#SnapshotNotFoundFault:http://x/"}"#),
        "SnapshotNotFoundFault"
    );
    assert_eq!(parse("{}"), "TagQuotaPerResourceExceeded");
}
