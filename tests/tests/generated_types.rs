//! The checked-in generated crate's types behave as promised: required members are enforced,
//! botocore-style params objects deserialize with the model's member names, and values round
//! trip through serde.

use awsgen_generated::elasticache::operation::copy_snapshot::CopySnapshotInput;
use awsgen_generated::elasticache::types::{Durability, Tag};
use awsgen_generated::memorydb::operation::copy_snapshot::CopySnapshotInput as MemoryDbInput;

#[test]
fn builder_enforces_both_required_members_and_names_them() {
    let err = CopySnapshotInput::builder().build().unwrap_err();
    assert_eq!(err.missing(), ["SourceSnapshotName", "TargetSnapshotName"]);
    assert_eq!(
        err.to_string(),
        "cannot build `CopySnapshotInput`: required members `SourceSnapshotName`, `TargetSnapshotName` not set"
    );
    let err = CopySnapshotInput::builder()
        .source_snapshot_name("a")
        .build()
        .unwrap_err();
    assert_eq!(err.missing(), ["TargetSnapshotName"]);
}

#[test]
fn builder_sets_all_five_members() {
    let input = CopySnapshotInput::builder()
        .source_snapshot_name("a")
        .target_snapshot_name("b")
        .target_bucket("bucket")
        .kms_key_id("key")
        .tags(Tag::builder().key("k").value("v").build())
        .tags(Tag::builder().key("k2").build())
        .build()
        .unwrap();
    assert_eq!(input.source_snapshot_name.as_deref(), Some("a"));
    assert_eq!(input.target_snapshot_name.as_deref(), Some("b"));
    assert_eq!(input.target_bucket.as_deref(), Some("bucket"));
    assert_eq!(input.kms_key_id.as_deref(), Some("key"));
    let tags = input.tags.unwrap();
    assert_eq!(tags.len(), 2);
    assert_eq!(tags[1].value, None);
}

#[test]
fn botocore_params_deserialize_with_model_member_names() {
    let params = r#"{"SourceSnapshotName": "a", "TargetSnapshotName": "b",
                     "Tags": [{"Key": "k", "Value": "v"}]}"#;
    let input: CopySnapshotInput = serde_json::from_str(params).unwrap();
    assert_eq!(input.source_snapshot_name.as_deref(), Some("a"));
    assert_eq!(input.target_snapshot_name.as_deref(), Some("b"));
    assert_eq!(input.target_bucket, None);
    let tags = input.tags.as_ref().unwrap();
    assert_eq!(tags[0].key.as_deref(), Some("k"));
    assert_eq!(tags[0].value.as_deref(), Some("v"));

    // Serializing writes the model's names and leaves absent members out.
    let json = serde_json::to_value(&input).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"SourceSnapshotName": "a", "TargetSnapshotName": "b",
                           "Tags": [{"Key": "k", "Value": "v"}]})
    );
    let back: CopySnapshotInput = serde_json::from_value(json).unwrap();
    assert_eq!(back, input);
}

#[test]
fn params_missing_a_required_member_are_rejected() {
    let err =
        serde_json::from_str::<CopySnapshotInput>(r#"{"SourceSnapshotName": "a"}"#).unwrap_err();
    assert!(err.to_string().contains("TargetSnapshotName"), "{err}");
    let err = serde_json::from_str::<MemoryDbInput>(
        r#"{"SourceSnapshotName": null, "TargetSnapshotName": "b"}"#,
    )
    .unwrap_err();
    assert!(err.to_string().contains("null"), "{err}");
}

#[test]
fn enums_keep_unknown_values() {
    assert_eq!(Durability::from("async"), Durability::Async);
    assert_eq!(Durability::from("async").as_str(), "async");
    let unknown = Durability::from("eventually");
    assert_eq!(unknown, Durability::Unknown("eventually".to_owned()));
    assert_eq!(unknown.as_str(), "eventually");
    let json = serde_json::to_string(&unknown).unwrap();
    assert_eq!(json, r#""eventually""#);
    assert_eq!(
        serde_json::from_str::<Durability>(r#""sync""#).unwrap(),
        Durability::Sync
    );
    assert_eq!(Durability::VALUES, ["default", "async", "sync", "disabled"]);
}

#[test]
fn timestamps_are_rfc3339_strings_in_serde() {
    use awsgen_generated::elasticache::types::NodeSnapshot;
    let snapshot: NodeSnapshot =
        serde_json::from_str(r#"{"SnapshotCreateTime": "2016-12-28T07:00:52.955Z"}"#).unwrap();
    let t = snapshot.snapshot_create_time.unwrap();
    assert_eq!(t.secs(), 1_482_908_452);
    assert_eq!(t.subsec_nanos(), 955_000_000);
    assert_eq!(
        serde_json::to_value(&snapshot).unwrap(),
        serde_json::json!({"SnapshotCreateTime": "2016-12-28T07:00:52.955Z"})
    );
}
