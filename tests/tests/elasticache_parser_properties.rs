//! Property: no bytes make the generated ElastiCache `CopySnapshot` response parser panic.
//! Whatever the status and body, `parse_response` returns an output, a service error or an
//! invalid-response error. Inputs are arbitrary bytes, and valid success and error documents
//! cut, spliced and sprinkled with markup, entities, invalid UTF-8 and deep nesting (which
//! reach much further into the parsers than random bytes do).

use awsgen_generated::elasticache::operation::copy_snapshot::CopySnapshot;
use proptest::prelude::*;

const SUCCESS: &str = r#"<?xml version="1.0"?>
<CopySnapshotResponse xmlns="http://elasticache.amazonaws.com/doc/2015-02-02/">
  <CopySnapshotResult>
    <Snapshot>
      <SnapshotName>copy1</SnapshotName>
      <NumCacheNodes>1</NumCacheNodes>
      <Port>6379</Port>
      <AutoMinorVersionUpgrade>true</AutoMinorVersionUpgrade>
      <CacheClusterCreateTime>2016-12-21T22:24:04.955Z</CacheClusterCreateTime>
      <AutomaticFailover>disabled</AutomaticFailover>
      <NodeSnapshots>
        <NodeSnapshot>
          <CacheNodeId>0001</CacheNodeId>
          <CacheSize><![CDATA[3 MB]]></CacheSize>
          <SnapshotCreateTime>2016-12-28T07:00:52Z</SnapshotCreateTime>
          <NodeGroupConfiguration>
            <ReplicaCount>2</ReplicaCount>
            <ReplicaAvailabilityZones><AvailabilityZone>us-east-1a</AvailabilityZone></ReplicaAvailabilityZones>
            <ReplicaOutpostArns><OutpostArn>arn&amp;x</OutpostArn></ReplicaOutpostArns>
          </NodeGroupConfiguration>
        </NodeSnapshot>
      </NodeSnapshots>
      <DataTiering>enabled</DataTiering>
    </Snapshot>
  </CopySnapshotResult>
  <ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>
</CopySnapshotResponse>
"#;

const ERROR: &str = r#"<ErrorResponse xmlns="http://elasticache.amazonaws.com/doc/2015-02-02/">
  <Error><Type>Sender</Type><Code>InvalidParameterValue</Code><Message>bad &lt;x&gt;</Message></Error>
  <RequestId>req-2</RequestId>
</ErrorResponse>"#;

const PIECES: &[&[u8]] = &[
    b"<",
    b">",
    b"</",
    b"/>",
    b"&",
    b"&amp;",
    b"&#x0;",
    b"&#xD800;",
    b"&#99999999;",
    b"&unknown;",
    b"<![CDATA[",
    b"]]>",
    b"<!--",
    b"-->",
    b"<?pi?>",
    b"<!DOCTYPE x>",
    b"<a>",
    b"</a>",
    b"<Snapshot>",
    b"</Snapshot>",
    b"<NodeSnapshots>",
    b"<NodeSnapshot>",
    b"<Port>",
    b"</Port>",
    b"<Error>",
    b"<Code>",
    b"x:",
    b"\"",
    b"=",
    b"\xff",
    b"\xc3",
    b"\xe2\x82",
    b"\0",
    b"NaN",
    b"-99999999999999999999",
];

/// A valid document, edited: cut at one point, then up to eight pieces inserted or bytes
/// replaced at random positions.
fn mutated() -> impl Strategy<Value = Vec<u8>> {
    (
        prop_oneof![Just(SUCCESS), Just(ERROR)],
        any::<prop::sample::Index>(),
        any::<bool>(),
        prop::collection::vec(
            (
                any::<prop::sample::Index>(),
                prop::sample::select(PIECES),
                any::<u8>(),
                any::<bool>(),
            ),
            0..8,
        ),
    )
        .prop_map(|(doc, cut, truncate, edits)| {
            let mut bytes = doc.as_bytes().to_vec();
            if truncate {
                bytes.truncate(cut.index(bytes.len() + 1));
            }
            for (at, piece, byte, insert) in edits {
                let i = at.index(bytes.len() + 1);
                if insert {
                    bytes.splice(i..i, piece.iter().copied());
                } else if i < bytes.len() {
                    bytes[i] = byte;
                }
            }
            bytes
        })
}

fn status() -> impl Strategy<Value = u16> {
    prop_oneof![
        Just(200u16),
        Just(400),
        Just(404),
        Just(500),
        Just(503),
        0u16..1000
    ]
}

fn parse(status: u16, body: &[u8]) {
    let mut headers = http::HeaderMap::new();
    headers.insert("x-amzn-requestid", "h".parse().unwrap());
    // Any result is fine; a panic fails the property.
    let _ = CopySnapshot::parse_response(status, &headers, body);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn arbitrary_bytes_never_panic(status in status(), body in prop::collection::vec(any::<u8>(), 0..512)) {
        parse(status, &body);
    }

    #[test]
    fn edited_documents_never_panic(status in status(), body in mutated()) {
        parse(status, &body);
    }

    #[test]
    fn deep_and_wide_documents_never_panic(depth in 0usize..200, width in 0usize..50, status in status()) {
        let mut body = String::from("<CopySnapshotResponse><CopySnapshotResult><Snapshot><NodeSnapshots>");
        for _ in 0..width {
            body.push_str("<NodeSnapshot><NodeGroupConfiguration>");
            body.push_str(&"<ReplicaAvailabilityZones>".repeat(depth / 10));
            body.push_str(&"</ReplicaAvailabilityZones>".repeat(depth / 10));
            body.push_str("</NodeGroupConfiguration></NodeSnapshot>");
        }
        body.push_str(&"<x>".repeat(depth));
        body.push_str(&"</x>".repeat(depth));
        body.push_str("</NodeSnapshots></Snapshot></CopySnapshotResult></CopySnapshotResponse>");
        parse(status, body.as_bytes());
    }
}

#[test]
fn the_unmutated_documents_parse() {
    let headers = http::HeaderMap::new();
    let output = CopySnapshot::parse_response(200, &headers, SUCCESS.as_bytes()).unwrap();
    assert_eq!(output.request_id(), Some("req-1"));
    let error = CopySnapshot::parse_response(400, &headers, ERROR.as_bytes()).unwrap_err();
    assert_eq!(
        error.service_error().map(|e| e.code()),
        Some("InvalidParameterValue")
    );
}
