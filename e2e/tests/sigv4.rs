//! The client's SigV4 signer (`runtime::sigv4`) against the two references: the vectors that
//! botocore 1.44.5 computed once (`tests/data/sigv4-botocore.json`, see `tests/data/README.md`)
//! and `aws-sigv4` itself, called here on the same requests and times. Also the signing-key
//! cache across a change of date, and a request as the generated client builds it.

use std::time::{Duration, SystemTime};

use awsgen_e2e::runtime::Operation as _;
use awsgen_e2e::runtime::credentials::Credentials;
use awsgen_e2e::runtime::sigv4::{Signer, signing_key};
use serde_json::Value;

const VECTORS: &str = include_str!("data/sigv4-botocore.json");

struct Case {
    name: String,
    method: String,
    url: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    region: String,
    service: String,
    time: SystemTime,
    credentials: Credentials,
    authorization: String,
    amz_date: String,
}

fn cases() -> Vec<Case> {
    let doc: Value = serde_json::from_str(VECTORS).expect("vectors are JSON");
    let text = |v: &Value| v.as_str().expect("a string").to_owned();
    doc["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|c| {
            let t: Vec<u32> = c["time"]
                .as_array()
                .expect("time")
                .iter()
                .map(|n| u32::try_from(n.as_u64().expect("a number")).expect("small"))
                .collect();
            let secs = awsgen_e2e::runtime::DateTime::from_ymd_hms(
                i32::try_from(t[0]).expect("a year"),
                t[1],
                t[2],
                t[3],
                t[4],
                t[5],
            )
            .expect("a valid time")
            .secs();
            Case {
                name: text(&c["name"]),
                method: text(&c["method"]),
                url: text(&c["url"]),
                headers: c["headers"]
                    .as_array()
                    .expect("headers")
                    .iter()
                    .map(|h| (text(&h[0]), text(&h[1])))
                    .collect(),
                body: text(&c["body"]).into_bytes(),
                region: text(&c["region"]),
                service: text(&c["service"]),
                time: SystemTime::UNIX_EPOCH
                    + Duration::from_secs(secs.try_into().expect("after 1970")),
                credentials: Credentials::new(
                    text(&c["access_key_id"]),
                    text(&c["secret_access_key"]),
                    c["session_token"].as_str().map(str::to_owned),
                ),
                authorization: text(&c["expected"]["authorization"]),
                amz_date: text(&c["expected"]["x_amz_date"]),
            }
        })
        .collect()
}

fn request(case: &Case) -> http::Request<Vec<u8>> {
    let mut builder = http::Request::builder()
        .method(case.method.as_str())
        .uri(case.url.as_str());
    for (name, value) in &case.headers {
        builder = builder.header(name, value);
    }
    builder.body(case.body.clone()).expect("a valid request")
}

fn authorization(request: &http::Request<Vec<u8>>) -> &str {
    request
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .expect("signed")
}

/// The same request signed by `aws-sigv4` (default settings: double URI encoding, no
/// `x-amz-content-sha256`, session token signed).
fn aws_sigv4(case: &Case) -> String {
    use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
    let identity = aws_credential_types::Credentials::new(
        case.credentials.access_key_id(),
        case.credentials.secret_access_key(),
        case.credentials.session_token().map(str::to_owned),
        None,
        "test",
    )
    .into();
    let params = aws_sigv4::sign::v4::SigningParams::builder()
        .identity(&identity)
        .region(&case.region)
        .name(&case.service)
        .time(case.time)
        .settings(SigningSettings::default())
        .build()
        .expect("params")
        .into();
    let mut request = request(case);
    let signable = SignableRequest::new(
        &case.method,
        case.url.as_str(),
        case.headers.iter().map(|(n, v)| (n.as_str(), v.as_str())),
        SignableBody::Bytes(&case.body),
    )
    .expect("signable");
    let (instructions, _) = sign(signable, &params).expect("signed").into_parts();
    instructions.apply_to_request_http1x(&mut request);
    authorization(&request).to_owned()
}

#[test]
fn matches_botocore_vectors() {
    let cases = cases();
    assert_eq!(cases.len(), 5);
    for case in &cases {
        let signer = Signer::new(case.credentials.clone(), &case.region, &case.service);
        let mut request = request(case);
        signer.sign(&mut request, case.time).expect("signs");
        assert_eq!(authorization(&request), case.authorization, "{}", case.name);
        assert_eq!(
            request.headers()["x-amz-date"].to_str().unwrap(),
            case.amz_date,
            "{}",
            case.name
        );
        assert_eq!(
            request
                .headers()
                .get("x-amz-security-token")
                .map(|v| v.to_str().unwrap()),
            case.credentials.session_token(),
            "{}",
            case.name
        );
    }
}

#[test]
fn matches_aws_sigv4() {
    for case in &cases() {
        assert_eq!(aws_sigv4(case), case.authorization, "{}", case.name);
    }
}

#[test]
fn cached_key_follows_the_date() {
    let cases = cases();
    let first = &cases[0];
    let leap_day = &cases[1];
    assert_eq!(
        (first.region.as_str(), first.service.as_str()),
        (leap_day.region.as_str(), leap_day.service.as_str())
    );
    // One signer, dates alternating: the cached key is re-derived each time the date changes.
    let signer = Signer::new(first.credentials.clone(), &first.region, &first.service);
    for case in [first, leap_day, first, first, leap_day] {
        let mut request = request(case);
        signer.sign(&mut request, case.time).expect("signs");
        assert_eq!(authorization(&request), case.authorization, "{}", case.name);
    }
}

#[test]
fn signing_key_of_the_aws_documentation() {
    // The example of the SigV4 documentation ("Examples of how to derive a signing key").
    let key = signing_key(
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        b"20120215",
        "us-east-1",
        "iam",
    );
    let hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(
        hex,
        "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d"
    );
}

#[test]
fn a_generated_request_signs_like_aws_sigv4() {
    use awsgen_e2e::memorydb::operation::copy_snapshot::{CopySnapshot, CopySnapshotInput};
    use awsgen_e2e::memorydb::types::Tag;
    let input = CopySnapshotInput::builder()
        .source_snapshot_name("my-snapshot")
        .target_snapshot_name("my-copy")
        .tags(Tag::builder().key("team").value("storage").build())
        .build()
        .unwrap();
    let mut request = CopySnapshot::build_request(&input).expect("the request builds");
    awsgen_e2e::runtime::set_endpoint(&mut request, "https://memory-db.eu-west-1.amazonaws.com")
        .unwrap();
    let time = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    let credentials = Credentials::new("AKIDEXAMPLE", "secret", Some("token".into()));
    let case = Case {
        name: "generated".into(),
        method: request.method().to_string(),
        url: request.uri().to_string(),
        headers: request
            .headers()
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_str().unwrap().to_owned()))
            .collect(),
        body: request.body().clone(),
        region: "eu-west-1".into(),
        service: "memorydb".into(),
        time,
        credentials: credentials.clone(),
        authorization: String::new(),
        amz_date: String::new(),
    };
    let expected = aws_sigv4(&case);
    Signer::new(credentials, "eu-west-1", "memorydb")
        .sign(&mut request, time)
        .unwrap();
    assert_eq!(authorization(&request), expected);
    assert!(expected.contains(
        "SignedHeaders=content-length;content-type;host;x-amz-date;x-amz-security-token;x-amz-target"
    ));
}
