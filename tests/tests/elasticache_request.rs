//! Golden wire tests of the ElastiCache `CopySnapshot` request (awsQuery): the request the
//! generated `build_request` makes, against the body botocore 1.44.5 sends
//! (`shared/wire-facts.md` §6.1) and, for inputs that note does not cover, against bodies
//! computed with Python's `urllib.parse.urlencode`, which is what botocore's query serializer
//! calls. The insta snapshots show the whole request (method, path, headers, body).

use awsgen_generated::elasticache::operation::copy_snapshot::{CopySnapshot, CopySnapshotInput};
use awsgen_generated::elasticache::types::Tag;
use awsgen_generated::runtime::Operation as _;

/// The request as text: method, path, headers in name order, blank line, body.
fn render(request: &http::Request<Vec<u8>>) -> String {
    let mut headers: Vec<String> = request
        .headers()
        .iter()
        .map(|(name, value)| format!("{name}: {}", value.to_str().unwrap()))
        .collect();
    headers.sort();
    format!(
        "{} {}\n{}\n\n{}\n",
        request.method(),
        request.uri(),
        headers.join("\n"),
        String::from_utf8(request.body().clone()).unwrap()
    )
}

fn tag(key: &str, value: &str) -> Tag {
    Tag::builder().key(key).value(value).build()
}

fn body(request: &http::Request<Vec<u8>>) -> &str {
    std::str::from_utf8(request.body()).unwrap()
}

/// wire-facts §6.1, byte for byte as botocore sends it.
const BOTOCORE_BODY: &str = "Action=CopySnapshot&Version=2015-02-02&SourceSnapshotName=my+snap%2F1&TargetSnapshotName=copy~1&TargetBucket=&KmsKeyId=arn%3Aaws%3Akms%3Aus-east-1%3A123%3Akey%2Fabc&Tags.Tag.1.Key=env&Tags.Tag.1.Value=prod&Tags.Tag.2.Key=team&Tags.Tag.2.Value=a%2Bb";

#[test]
fn request_matches_botocore_byte_for_byte() {
    let input = CopySnapshotInput::builder()
        .source_snapshot_name("my snap/1")
        .target_snapshot_name("copy~1")
        .target_bucket("")
        .kms_key_id("arn:aws:kms:us-east-1:123:key/abc")
        .tags(tag("env", "prod"))
        .tags(tag("team", "a+b"))
        .build()
        .unwrap();
    let request = CopySnapshot::build_request(&input).expect("the request builds");
    assert_eq!(body(&request), BOTOCORE_BODY);
    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(request.uri(), "/");
    assert_eq!(
        request.headers()["content-type"],
        "application/x-www-form-urlencoded; charset=utf-8"
    );
    assert_eq!(
        request.headers()["content-length"],
        BOTOCORE_BODY.len().to_string().as_str()
    );
}

#[test]
fn full_input_with_three_tags() {
    let input = CopySnapshotInput::builder()
        .source_snapshot_name("my snap/1")
        .target_snapshot_name("copy~1")
        .target_bucket("")
        .kms_key_id("arn:aws:kms:us-east-1:123:key/abc")
        .tags(tag("env", "prod"))
        .tags(tag("team", "a+b"))
        .tags(tag("cost center", "ü/€ & =?*"))
        .build()
        .unwrap();
    let request = CopySnapshot::build_request(&input).expect("the request builds");
    // urlencode([("Action", "CopySnapshot"), ..., ("Tags.Tag.3.Value", "ü/€ & =?*")])
    assert_eq!(
        body(&request),
        "Action=CopySnapshot&Version=2015-02-02&SourceSnapshotName=my+snap%2F1\
         &TargetSnapshotName=copy~1&TargetBucket=&KmsKeyId=arn%3Aaws%3Akms%3Aus-east-1%3A123%3Akey%2Fabc\
         &Tags.Tag.1.Key=env&Tags.Tag.1.Value=prod&Tags.Tag.2.Key=team&Tags.Tag.2.Value=a%2Bb\
         &Tags.Tag.3.Key=cost+center&Tags.Tag.3.Value=%C3%BC%2F%E2%82%AC+%26+%3D%3F%2A"
    );
    insta::assert_snapshot!("elasticache_copy_snapshot_request_full", render(&request));
}

#[test]
fn absent_members_are_left_out_and_an_empty_list_is_sent_empty() {
    let input = CopySnapshotInput::builder()
        .source_snapshot_name("a")
        .target_snapshot_name("b")
        .set_tags(Some(Vec::new()))
        .build()
        .unwrap();
    let request = CopySnapshot::build_request(&input).expect("the request builds");
    assert_eq!(
        body(&request),
        "Action=CopySnapshot&Version=2015-02-02&SourceSnapshotName=a&TargetSnapshotName=b&Tags="
    );
    insta::assert_snapshot!(
        "elasticache_copy_snapshot_request_minimal",
        render(&request)
    );
}

#[test]
fn a_tag_without_a_value_sends_only_its_key() {
    let input = CopySnapshotInput::builder()
        .source_snapshot_name("a")
        .target_snapshot_name("b")
        .tags(Tag::builder().key("k").build())
        .build()
        .unwrap();
    let request = CopySnapshot::build_request(&input).expect("the request builds");
    assert_eq!(
        body(&request),
        "Action=CopySnapshot&Version=2015-02-02&SourceSnapshotName=a&TargetSnapshotName=b&Tags.Tag.1.Key=k"
    );
}
