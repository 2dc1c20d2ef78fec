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

/// A JSON value for one member of `shape` in `model`, by the target's type (`None` for a
/// structure with required members, which an empty object cannot stand for).
fn sample_value(model: &serde_json::Value, target: &str) -> Option<serde_json::Value> {
    let shape = &model["shapes"][target];
    Some(match shape["type"].as_str().unwrap() {
        "string" => match shape["enum"].as_array() {
            Some(values) => values[0].clone(),
            None => serde_json::json!("x"),
        },
        "integer" | "long" => serde_json::json!(1),
        "float" | "double" => serde_json::json!(1.5),
        "boolean" => serde_json::json!(true),
        "timestamp" => serde_json::json!("2016-12-28T07:00:52.955Z"),
        "list" => serde_json::json!([]),
        "map" => serde_json::json!({}),
        "structure" if shape["required"].as_array().is_none_or(Vec::is_empty) => {
            serde_json::json!({})
        }
        _ => return None,
    })
}

/// Every member of `shape` in the model at `model_path` (a file of the repository), set: a JSON
/// object keyed by the model's own member names.
fn every_member(model_path: &str, shape: &str) -> serde_json::Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(model_path);
    let model: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let members = model["shapes"][shape]["members"].as_object().unwrap();
    let object: serde_json::Map<String, serde_json::Value> = members
        .iter()
        .filter_map(|(name, m)| {
            Some((
                name.clone(),
                sample_value(&model, m["shape"].as_str().unwrap())?,
            ))
        })
        .collect();
    assert!(
        object.len() >= 4,
        "{shape}: too few members to tell anything"
    );
    serde_json::Value::Object(object)
}

/// Reads `json` as `$ty` and writes it back: every key must survive, so each member's serde
/// name is the model's (a wrong `rename_all` or a missing `rename` loses the member on reading).
macro_rules! round_trips {
    ($ty:ty, $json:expr) => {{
        let json = $json;
        let value: $ty = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(serde_json::to_value(&value).unwrap(), json);
    }};
}

#[test]
fn serde_names_are_the_model_member_names_for_every_member() {
    use awsgen_generated::elasticache::types::{CacheCluster, Snapshot};
    // PascalCase members, with `ARN` among them (not what `rename_all` makes of `arn`).
    let elasticache = "models/botocore/elasticache/2015-02-02/service-2.json";
    let snapshot = every_member(elasticache, "Snapshot");
    assert!(snapshot.get("ARN").is_some());
    round_trips!(Snapshot, snapshot);
    round_trips!(CacheCluster, every_member(elasticache, "CacheCluster"));
    // camelCase members (restJson).
    round_trips!(
        awsgen_generated::sso::types::RoleCredentials,
        every_member(
            "models/fixtures/botocore/sso/2019-06-10/service-2.json",
            "RoleCredentials"
        )
    );
    round_trips!(
        awsgen_generated::sts::types::Credentials,
        every_member(
            "models/fixtures/botocore/sts/2011-06-15/service-2.json",
            "Credentials"
        )
    );
}
