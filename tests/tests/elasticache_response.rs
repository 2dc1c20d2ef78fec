//! Golden wire tests of the ElastiCache `CopySnapshot` response (awsQuery XML): the example
//! of `examples-1.json` written as AWS sends it, the response of `shared/wire-facts.md` §6.1,
//! and a response with every `Snapshot` member and two node snapshots. Expected values are
//! written from the XML (and, for the example, read from `examples-1.json`), never taken from
//! the parser's own output; the insta snapshot shows the whole parsed output.

use awsgen_generated::elasticache::operation::copy_snapshot::{CopySnapshot, CopySnapshotOutput};
use awsgen_generated::elasticache::types::{
    AutomaticFailoverStatus, DataTieringStatus, Durability,
};
use awsgen_generated::runtime::Operation as _;
use awsgen_generated::runtime::ResponseError;
use serde_json::json;

fn parse(body: &str) -> CopySnapshotOutput {
    let mut headers = http::HeaderMap::new();
    headers.insert("content-type", "text/xml".parse().unwrap());
    CopySnapshot::parse_response(200, &headers, body.as_bytes()).unwrap()
}

/// The `CopySnapshot` example's `output`, as ElastiCache sends it: element names from the
/// model, list items named by the list member's `locationName`, the service namespace.
const EXAMPLE_XML: &str = r#"<CopySnapshotResponse xmlns="http://elasticache.amazonaws.com/doc/2015-02-02/">
  <CopySnapshotResult>
    <Snapshot>
      <SnapshotName>my-snapshot-copy</SnapshotName>
      <CacheClusterId>my-redis4</CacheClusterId>
      <SnapshotStatus>creating</SnapshotStatus>
      <SnapshotSource>manual</SnapshotSource>
      <CacheNodeType>cache.m3.large</CacheNodeType>
      <Engine>redis</Engine>
      <EngineVersion>3.2.4</EngineVersion>
      <NumCacheNodes>1</NumCacheNodes>
      <PreferredAvailabilityZone>us-east-1c</PreferredAvailabilityZone>
      <CacheClusterCreateTime>2016-12-21T22:24:04.955Z</CacheClusterCreateTime>
      <PreferredMaintenanceWindow>tue:09:30-tue:10:30</PreferredMaintenanceWindow>
      <Port>6379</Port>
      <CacheParameterGroupName>default.redis3.2</CacheParameterGroupName>
      <CacheSubnetGroupName>default</CacheSubnetGroupName>
      <VpcId>vpc-3820329f3</VpcId>
      <AutoMinorVersionUpgrade>true</AutoMinorVersionUpgrade>
      <SnapshotRetentionLimit>7</SnapshotRetentionLimit>
      <SnapshotWindow>07:00-08:00</SnapshotWindow>
      <NodeSnapshots>
        <NodeSnapshot>
          <CacheNodeId>0001</CacheNodeId>
          <CacheSize>3 MB</CacheSize>
          <CacheNodeCreateTime>2016-12-21T22:24:04.955Z</CacheNodeCreateTime>
          <SnapshotCreateTime>2016-12-28T07:00:52Z</SnapshotCreateTime>
        </NodeSnapshot>
      </NodeSnapshots>
    </Snapshot>
  </CopySnapshotResult>
  <ResponseMetadata>
    <RequestId>c1d2e3f4-0000-4000-8000-000000000001</RequestId>
  </ResponseMetadata>
</CopySnapshotResponse>
"#;

#[test]
fn example_output_from_examples_1_json() {
    let path =
        awsgen_tests::repo_root().join("models/botocore/elasticache/2015-02-02/examples-1.json");
    let examples: serde_json::Value =
        serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let expected = &examples["examples"]["CopySnapshot"][0]["output"];
    let output = parse(EXAMPLE_XML);
    // Timestamps serialize as RFC 3339 with milliseconds when there are any, as the example
    // writes them, so the whole output compares as JSON.
    assert_eq!(&serde_json::to_value(&output).unwrap(), expected);
    assert_eq!(
        output.request_id(),
        Some("c1d2e3f4-0000-4000-8000-000000000001")
    );
}

#[test]
fn wire_facts_response() {
    let xml = r#"<CopySnapshotResponse xmlns="http://elasticache.amazonaws.com/doc/2015-02-02/">
  <CopySnapshotResult>
    <Snapshot>
      <SnapshotName>copy1</SnapshotName>
      <NumCacheNodes>1</NumCacheNodes>
      <AutoMinorVersionUpgrade>true</AutoMinorVersionUpgrade>
      <CacheClusterCreateTime>2016-12-21T22:24:04.955Z</CacheClusterCreateTime>
      <AutomaticFailover>disabled</AutomaticFailover>
      <NodeSnapshots>
        <NodeSnapshot>
          <CacheNodeId>0001</CacheNodeId>
          <SnapshotCreateTime>2016-12-28T07:00:52Z</SnapshotCreateTime>
          <NodeGroupConfiguration>
            <ReplicaAvailabilityZones><AvailabilityZone>us-east-1a</AvailabilityZone></ReplicaAvailabilityZones>
          </NodeGroupConfiguration>
        </NodeSnapshot>
      </NodeSnapshots>
    </Snapshot>
  </CopySnapshotResult>
  <ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>
</CopySnapshotResponse>"#;
    let output = parse(xml);
    assert_eq!(output.request_id(), Some("req-1"));
    let snapshot = output.snapshot.unwrap();
    assert_eq!(snapshot.snapshot_name.as_deref(), Some("copy1"));
    assert_eq!(snapshot.num_cache_nodes, Some(1));
    assert_eq!(snapshot.auto_minor_version_upgrade, Some(true));
    let created = snapshot.cache_cluster_create_time.unwrap();
    assert_eq!(
        (created.secs(), created.subsec_nanos()),
        (1_482_359_044, 955_000_000)
    );
    assert_eq!(
        snapshot.automatic_failover,
        Some(AutomaticFailoverStatus::Disabled)
    );
    let nodes = snapshot.node_snapshots.unwrap();
    assert_eq!(nodes.len(), 1);
    assert_eq!(nodes[0].cache_node_id.as_deref(), Some("0001"));
    assert_eq!(nodes[0].snapshot_create_time.unwrap().secs(), 1_482_908_452);
    let config = nodes[0].node_group_configuration.as_ref().unwrap();
    assert_eq!(
        config.replica_availability_zones.as_deref(),
        Some(&["us-east-1a".to_owned()][..])
    );
}

/// Every `Snapshot` member (model order), two node snapshots with every member, and what a
/// real document may also hold: an XML declaration, entities, a character reference, CDATA,
/// a comment, a timestamp with an offset, and unknown elements at several depths.
const FULL_XML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<CopySnapshotResponse xmlns="http://elasticache.amazonaws.com/doc/2015-02-02/">
  <CopySnapshotResult>
    <Snapshot>
      <SnapshotName>copy-1</SnapshotName>
      <ReplicationGroupId>rg-1</ReplicationGroupId>
      <ReplicationGroupDescription>Sessions &amp; carts &lt;prod&gt; &#x2014; &quot;eu&quot;</ReplicationGroupDescription>
      <CacheClusterId>rg-1-001</CacheClusterId>
      <SnapshotStatus>creating</SnapshotStatus>
      <SnapshotSource>manual</SnapshotSource>
      <CacheNodeType>cache.r6g.large</CacheNodeType>
      <Engine>redis</Engine>
      <EngineVersion>7.1.0</EngineVersion>
      <NumCacheNodes>2</NumCacheNodes>
      <PreferredAvailabilityZone>eu-west-1a</PreferredAvailabilityZone>
      <PreferredOutpostArn>arn:aws:outposts:eu-west-1:123456789012:outpost/op-1</PreferredOutpostArn>
      <CacheClusterCreateTime>2024-02-29T23:59:59.123456789+01:00</CacheClusterCreateTime>
      <PreferredMaintenanceWindow>sun:05:00-sun:06:00</PreferredMaintenanceWindow>
      <TopicArn>arn:aws:sns:eu-west-1:123456789012:topic</TopicArn>
      <Port>6379</Port>
      <CacheParameterGroupName>default.redis7</CacheParameterGroupName>
      <CacheSubnetGroupName>subnets</CacheSubnetGroupName>
      <VpcId>vpc-0abc</VpcId>
      <AutoMinorVersionUpgrade>false</AutoMinorVersionUpgrade>
      <SnapshotRetentionLimit>0</SnapshotRetentionLimit>
      <SnapshotWindow>03:00-04:00</SnapshotWindow>
      <NumNodeGroups>2</NumNodeGroups>
      <AutomaticFailover>enabled</AutomaticFailover>
      <NodeSnapshots>
        <NodeSnapshot>
          <CacheClusterId>rg-1-001</CacheClusterId>
          <NodeGroupId>0001</NodeGroupId>
          <CacheNodeId>0001</CacheNodeId>
          <NodeGroupConfiguration>
            <NodeGroupId>0001</NodeGroupId>
            <Slots>0-8191</Slots>
            <ReplicaCount>1</ReplicaCount>
            <PrimaryAvailabilityZone>eu-west-1a</PrimaryAvailabilityZone>
            <ReplicaAvailabilityZones>
              <AvailabilityZone>eu-west-1b</AvailabilityZone>
              <AvailabilityZone>eu-west-1c</AvailabilityZone>
            </ReplicaAvailabilityZones>
            <PrimaryOutpostArn>arn:aws:outposts:eu-west-1:123456789012:outpost/op-1</PrimaryOutpostArn>
            <ReplicaOutpostArns>
              <OutpostArn>arn:aws:outposts:eu-west-1:123456789012:outpost/op-2</OutpostArn>
            </ReplicaOutpostArns>
            <FutureMember><Deep><Deeper>ignored</Deeper></Deep></FutureMember>
          </NodeGroupConfiguration>
          <CacheSize>11 MB</CacheSize>
          <CacheNodeCreateTime>2024-01-01T00:00:00Z</CacheNodeCreateTime>
          <SnapshotCreateTime>2024-03-01T01:02:03.5Z</SnapshotCreateTime>
        </NodeSnapshot>
        <!-- the second node group -->
        <NodeSnapshot>
          <CacheClusterId>rg-1-002</CacheClusterId>
          <NodeGroupId>0002</NodeGroupId>
          <CacheNodeId>0001</CacheNodeId>
          <NodeGroupConfiguration>
            <NodeGroupId>0002</NodeGroupId>
            <Slots>8192-16383</Slots>
            <ReplicaCount>0</ReplicaCount>
            <PrimaryAvailabilityZone>eu-west-1b</PrimaryAvailabilityZone>
            <ReplicaAvailabilityZones/>
            <PrimaryOutpostArn></PrimaryOutpostArn>
            <ReplicaOutpostArns></ReplicaOutpostArns>
          </NodeGroupConfiguration>
          <CacheSize><![CDATA[12 MB <compressed>]]></CacheSize>
          <CacheNodeCreateTime>2023-12-31T23:00:00-01:00</CacheNodeCreateTime>
          <SnapshotCreateTime>2024-03-01T01:02:04Z</SnapshotCreateTime>
        </NodeSnapshot>
      </NodeSnapshots>
      <KmsKeyId>arn:aws:kms:eu-west-1:123456789012:key/k-1</KmsKeyId>
      <ARN>arn:aws:elasticache:eu-west-1:123456789012:snapshot:copy-1</ARN>
      <DataTiering>disabled</DataTiering>
      <Durability>async</Durability>
      <UnknownNewField>ignored too</UnknownNewField>
    </Snapshot>
  </CopySnapshotResult>
  <ResponseMetadata>
    <RequestId>9d3f1a2b-1111-4222-8333-444455556666</RequestId>
  </ResponseMetadata>
</CopySnapshotResponse>
"#;

#[test]
fn every_snapshot_member_and_two_node_snapshots() {
    let output = parse(FULL_XML);
    assert_eq!(
        output.request_id(),
        Some("9d3f1a2b-1111-4222-8333-444455556666")
    );
    let expected = json!({"Snapshot": {
        "SnapshotName": "copy-1",
        "ReplicationGroupId": "rg-1",
        "ReplicationGroupDescription": "Sessions & carts <prod> \u{2014} \"eu\"",
        "CacheClusterId": "rg-1-001",
        "SnapshotStatus": "creating",
        "SnapshotSource": "manual",
        "CacheNodeType": "cache.r6g.large",
        "Engine": "redis",
        "EngineVersion": "7.1.0",
        "NumCacheNodes": 2,
        "PreferredAvailabilityZone": "eu-west-1a",
        "PreferredOutpostArn": "arn:aws:outposts:eu-west-1:123456789012:outpost/op-1",
        // 23:59:59.123456789 at +01:00 is 22:59:59.123456789 UTC; serde shows milliseconds.
        // Every fraction digit of the response (23:59:59.123456789+01:00) survives serde.
        "CacheClusterCreateTime": "2024-02-29T22:59:59.123456789Z",
        "PreferredMaintenanceWindow": "sun:05:00-sun:06:00",
        "TopicArn": "arn:aws:sns:eu-west-1:123456789012:topic",
        "Port": 6379,
        "CacheParameterGroupName": "default.redis7",
        "CacheSubnetGroupName": "subnets",
        "VpcId": "vpc-0abc",
        "AutoMinorVersionUpgrade": false,
        "SnapshotRetentionLimit": 0,
        "SnapshotWindow": "03:00-04:00",
        "NumNodeGroups": 2,
        "AutomaticFailover": "enabled",
        "NodeSnapshots": [
            {
                "CacheClusterId": "rg-1-001",
                "NodeGroupId": "0001",
                "CacheNodeId": "0001",
                "NodeGroupConfiguration": {
                    "NodeGroupId": "0001",
                    "Slots": "0-8191",
                    "ReplicaCount": 1,
                    "PrimaryAvailabilityZone": "eu-west-1a",
                    "ReplicaAvailabilityZones": ["eu-west-1b", "eu-west-1c"],
                    "PrimaryOutpostArn": "arn:aws:outposts:eu-west-1:123456789012:outpost/op-1",
                    "ReplicaOutpostArns": ["arn:aws:outposts:eu-west-1:123456789012:outpost/op-2"]
                },
                "CacheSize": "11 MB",
                "CacheNodeCreateTime": "2024-01-01T00:00:00Z",
                "SnapshotCreateTime": "2024-03-01T01:02:03.5Z"
            },
            {
                "CacheClusterId": "rg-1-002",
                "NodeGroupId": "0002",
                "CacheNodeId": "0001",
                "NodeGroupConfiguration": {
                    "NodeGroupId": "0002",
                    "Slots": "8192-16383",
                    "ReplicaCount": 0,
                    "PrimaryAvailabilityZone": "eu-west-1b",
                    "ReplicaAvailabilityZones": [],
                    "PrimaryOutpostArn": "",
                    "ReplicaOutpostArns": []
                },
                "CacheSize": "12 MB <compressed>",
                "CacheNodeCreateTime": "2024-01-01T00:00:00Z",
                "SnapshotCreateTime": "2024-03-01T01:02:04Z"
            }
        ],
        "KmsKeyId": "arn:aws:kms:eu-west-1:123456789012:key/k-1",
        "ARN": "arn:aws:elasticache:eu-west-1:123456789012:snapshot:copy-1",
        "DataTiering": "disabled",
        "Durability": "async"
    }});
    assert_eq!(serde_json::to_value(&output).unwrap(), expected);

    // The instant itself, and the enum variants (serde shows only their wire values).
    let snapshot = output.snapshot.as_ref().unwrap();
    let created = snapshot.cache_cluster_create_time.unwrap();
    assert_eq!(
        (created.secs(), created.subsec_nanos()),
        (1_709_247_599, 123_456_789)
    );
    assert_eq!(
        snapshot.automatic_failover,
        Some(AutomaticFailoverStatus::Enabled)
    );
    assert_eq!(snapshot.data_tiering, Some(DataTieringStatus::Disabled));
    assert_eq!(snapshot.durability, Some(Durability::Async));
    insta::assert_debug_snapshot!("elasticache_copy_snapshot_output_full", output);
}

#[test]
fn unknown_enum_values_are_kept() {
    let xml = FULL_XML
        .replace(
            "<Durability>async</Durability>",
            "<Durability>eventually</Durability>",
        )
        .replace(
            "<AutomaticFailover>enabled</AutomaticFailover>",
            "<AutomaticFailover>paused</AutomaticFailover>",
        );
    let snapshot = parse(&xml).snapshot.unwrap();
    assert_eq!(
        snapshot.durability,
        Some(Durability::Unknown("eventually".to_owned()))
    );
    assert_eq!(
        snapshot.automatic_failover,
        Some(AutomaticFailoverStatus::Unknown("paused".to_owned()))
    );
}

#[test]
fn empty_result_and_missing_request_id() {
    let output = parse("<CopySnapshotResponse><CopySnapshotResult/></CopySnapshotResponse>");
    assert_eq!(output.snapshot, None);
    assert_eq!(output.request_id(), None);
    // The request id header is the fallback.
    let mut headers = http::HeaderMap::new();
    headers.insert("x-amzn-requestid", "from-header".parse().unwrap());
    let output = CopySnapshot::parse_response(200, &headers, b"").unwrap();
    assert_eq!(output.request_id(), Some("from-header"));
}

fn invalid(body: &[u8]) -> String {
    match CopySnapshot::parse_response(200, &http::HeaderMap::new(), body) {
        Err(ResponseError::Invalid(e)) => {
            assert_eq!(e.status(), 200);
            e.message().to_owned()
        }
        other => panic!("expected an invalid response, got {other:?}"),
    }
}

#[test]
fn malformed_responses_say_what_was_wrong() {
    let truncated = &FULL_XML[..FULL_XML.find("</NodeSnapshots>").unwrap()];
    assert!(invalid(truncated.as_bytes()).contains("ends inside an element"));
    let inside_a_tag = FULL_XML.find("<Slots>").unwrap() + 3;
    assert!(invalid(&FULL_XML.as_bytes()[..inside_a_tag]).contains("malformed XML"));
    assert_eq!(
        invalid(b"<DeleteSnapshotResponse/>"),
        "expected the root element <CopySnapshotResponse>, found <DeleteSnapshotResponse>"
    );
    let mut bad_utf8 = EXAMPLE_XML.as_bytes().to_vec();
    let at = EXAMPLE_XML.find("my-redis4").unwrap();
    bad_utf8[at] = 0xff;
    assert!(
        invalid(&bad_utf8).contains("malformed XML"),
        "{}",
        invalid(&bad_utf8)
    );
    let not_a_number = EXAMPLE_XML.replace("<Port>6379</Port>", "<Port>63x9</Port>");
    assert_eq!(
        invalid(not_a_number.as_bytes()),
        "<Port> should hold a 32-bit integer, but holds \"63x9\": invalid digit found in string"
    );
    let not_a_bool = EXAMPLE_XML.replace(">true<", ">yes<");
    assert!(
        invalid(not_a_bool.as_bytes()).contains("<AutoMinorVersionUpgrade> should hold a boolean")
    );
    let bad_time = EXAMPLE_XML.replace("2016-12-28T07:00:52Z", "2016-13-28T07:00:52Z");
    assert!(invalid(bad_time.as_bytes()).contains("<SnapshotCreateTime> should hold a timestamp"));
    assert!(
        invalid(b"<CopySnapshotResponse>&bogus;</CopySnapshotResponse>").contains("malformed XML")
    );
    let deep = format!(
        "<CopySnapshotResponse>{}{}</CopySnapshotResponse>",
        "<a>".repeat(100),
        "</a>".repeat(100)
    );
    assert!(invalid(deep.as_bytes()).contains("nested deeper than 64"));
    assert!(invalid(b"not xml at all").contains("text before the root element"));
}
