//! Checks that every task does the work it is measured for: the request bodies are the exact
//! bytes botocore sends for these inputs, and every fixture parses into the values it holds
//! (every member present, lists of the right length, timestamps to the millisecond, the errors'
//! codes and messages).

use crate::fixtures::{KMS_KEY, REQUEST_ID};
use crate::runtime::ProvideErrorMetadata as _;
use crate::tasks::Data;

/// The ElastiCache body, as botocore (`urlencode`) writes it for these inputs.
pub const ELASTICACHE_BODY: &str = "Action=CopySnapshot&Version=2015-02-02&SourceSnapshotName=my-redis-backup&TargetSnapshotName=my-redis-backup-copy&TargetBucket=my-export-bucket&KmsKeyId=arn%3Aaws%3Akms%3Aus-east-1%3A123456789012%3Akey%2F1234abcd-12ab-34cd-56ef-1234567890ab&Tags.Tag.1.Key=team&Tags.Tag.1.Value=data-platform&Tags.Tag.2.Key=env&Tags.Tag.2.Value=production&Tags.Tag.3.Key=cost-center&Tags.Tag.3.Value=cc-4711";

/// The MemoryDB awsJson1_1 body.
pub const MEMORYDB_BODY: &str = r#"{"SourceSnapshotName":"my-redis-backup","TargetSnapshotName":"my-redis-backup-copy","TargetBucket":"my-export-bucket","KmsKeyId":"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab","Tags":[{"Key":"team","Value":"data-platform"},{"Key":"env","Value":"production"},{"Key":"cost-center","Value":"cc-4711"}]}"#;

fn ensure(ok: bool, what: &str) -> Result<(), String> {
    if ok { Ok(()) } else { Err(what.to_owned()) }
}

/// Runs every check; the first failure is the error.
pub fn all(d: &Data) -> Result<(), String> {
    requests(d)?;
    elasticache(d)?;
    memorydb_json(d)?;
    memorydb_cbor(d)?;
    Ok(())
}

fn requests(d: &Data) -> Result<(), String> {
    let r = d.ec_request().map_err(|e| e.to_string())?;
    ensure(r.body() == ELASTICACHE_BODY.as_bytes(), "ElastiCache body")?;
    ensure(
        d.ec_body() == ELASTICACHE_BODY.as_bytes(),
        "ElastiCache body alone",
    )?;
    ensure(
        d.json_body() == MEMORYDB_BODY.as_bytes(),
        "MemoryDB JSON body alone",
    )?;
    ensure(
        d.cbor_request().is_ok_and(|r| &d.cbor_body() == r.body()),
        "MemoryDB CBOR body alone",
    )?;
    let r = d.json_request().map_err(|e| e.to_string())?;
    ensure(r.body() == MEMORYDB_BODY.as_bytes(), "MemoryDB JSON body")?;
    ensure(
        r.headers()
            .get("x-amz-target")
            .is_some_and(|v| v == "AmazonMemoryDB.CopySnapshot"),
        "MemoryDB JSON X-Amz-Target",
    )?;
    // The CBOR body carries the same members: decode it generically and compare as JSON text.
    let r = d.cbor_request().map_err(|e| e.to_string())?;
    ensure(
        cbor_to_json(r.body())? == MEMORYDB_BODY,
        "MemoryDB CBOR body has the JSON body's members",
    )
}

/// Seconds since the epoch and milliseconds of `2026-11-22T03:00:12.456Z` and the other times.
const SNAPSHOT_1: (i64, u32) = (1_795_316_412, 456);
const SNAPSHOT_2: (i64, u32) = (1_795_316_414, 12);

fn elasticache(d: &Data) -> Result<(), String> {
    use crate::elasticache::types::{AutomaticFailoverStatus, DataTieringStatus, Durability};
    let out = d
        .ec_response()
        .map_err(|e| format!("ElastiCache response: {e:?}"))?;
    ensure(
        out.request_id() == Some(REQUEST_ID),
        "ElastiCache request id",
    )?;
    let s = out.snapshot.ok_or("ElastiCache: no Snapshot")?;
    let strings = [
        (&s.snapshot_name, "my-redis-backup-copy"),
        (&s.replication_group_id, "my-redis-cluster"),
        (&s.cache_cluster_id, "my-redis-cluster-0001-001"),
        (&s.snapshot_status, "creating"),
        (&s.snapshot_source, "manual"),
        (&s.cache_node_type, "cache.r6g.large"),
        (&s.engine, "redis"),
        (&s.engine_version, "7.1.0"),
        (&s.preferred_availability_zone, "us-east-1a"),
        (&s.preferred_maintenance_window, "sun:05:00-sun:06:00"),
        (&s.cache_parameter_group_name, "default.redis7.cluster.on"),
        (&s.cache_subnet_group_name, "my-cache-subnet-group"),
        (&s.vpc_id, "vpc-0a1b2c3d4e5f67890"),
        (&s.snapshot_window, "03:00-04:00"),
        (&s.kms_key_id, KMS_KEY),
    ];
    for (value, expected) in strings {
        ensure(value.as_deref() == Some(expected), expected)?;
    }
    ensure(
        s.replication_group_description.is_some()
            && s.preferred_outpost_arn.is_some()
            && s.topic_arn.is_some()
            && s.arn.is_some(),
        "ElastiCache: descriptions and ARNs",
    )?;
    ensure(s.num_cache_nodes == Some(1), "NumCacheNodes")?;
    ensure(s.port == Some(6379), "Port")?;
    ensure(
        s.auto_minor_version_upgrade == Some(true),
        "AutoMinorVersionUpgrade",
    )?;
    ensure(
        s.snapshot_retention_limit == Some(7),
        "SnapshotRetentionLimit",
    )?;
    ensure(s.num_node_groups == Some(2), "NumNodeGroups")?;
    ensure(
        s.automatic_failover == Some(AutomaticFailoverStatus::Enabled),
        "AutomaticFailover",
    )?;
    ensure(
        s.data_tiering == Some(DataTieringStatus::Disabled),
        "DataTiering",
    )?;
    ensure(s.durability == Some(Durability::Sync), "Durability")?;
    let created = s
        .cache_cluster_create_time
        .ok_or("CacheClusterCreateTime")?;
    ensure(
        created.subsec_nanos() == 123_000_000,
        "CacheClusterCreateTime",
    )?;
    let nodes = s.node_snapshots.ok_or("NodeSnapshots")?;
    ensure(nodes.len() == 2, "two NodeSnapshots")?;
    for (node, (secs, millis)) in nodes.iter().zip([SNAPSHOT_1, SNAPSHOT_2]) {
        let t = node.snapshot_create_time.ok_or("SnapshotCreateTime")?;
        ensure(
            t.secs() == secs && t.subsec_nanos() == millis * 1_000_000,
            "SnapshotCreateTime",
        )?;
        ensure(
            node.cache_cluster_id.is_some()
                && node.node_group_id.is_some()
                && node.cache_node_id.is_some()
                && node.cache_size.as_deref() == Some("6 MB")
                && node.cache_node_create_time.is_some(),
            "NodeSnapshot members",
        )?;
        let g = node
            .node_group_configuration
            .as_ref()
            .ok_or("NodeGroupConfiguration")?;
        ensure(
            g.node_group_id.is_some()
                && g.slots.is_some()
                && g.replica_count == Some(2)
                && g.primary_availability_zone.is_some()
                && g.primary_outpost_arn.is_some()
                && g.replica_availability_zones.as_ref().map(Vec::len) == Some(2)
                && g.replica_outpost_arns.as_ref().map(Vec::len) == Some(2),
            "NodeGroupConfiguration members",
        )?;
    }
    let error = d
        .ec_error()
        .err()
        .ok_or("ElastiCache error response parsed as success")?;
    let error = error
        .service_error()
        .ok_or("ElastiCache error response: not a service error")?;
    ensure(
        matches!(
            error,
            crate::elasticache::operation::copy_snapshot::CopySnapshotError::SnapshotNotFoundFault(
                _
            )
        ) && error.message() == Some("Snapshot my-redis-backup not found.")
            && error.request_id() == Some("5d8e3c2f-9b8e-4f6a-8c4d-3e2f1a0b9c8d"),
        "ElastiCache SnapshotNotFoundFault",
    )
}

fn memorydb_json(d: &Data) -> Result<(), String> {
    use crate::memorydb_json::operation::copy_snapshot::CopySnapshotError;
    let out = d
        .json_response()
        .map_err(|e| format!("MemoryDB JSON: {e:?}"))?;
    ensure(
        out.request_id() == Some(REQUEST_ID),
        "MemoryDB JSON request id",
    )?;
    let s = out.snapshot.ok_or("MemoryDB JSON: no Snapshot")?;
    ensure(
        s.name.as_deref() == Some("my-memorydb-backup-copy")
            && s.status.is_some()
            && s.source.is_some()
            && s.kms_key_id.as_deref() == Some(KMS_KEY)
            && s.arn.is_some()
            && s.data_tiering.is_some(),
        "MemoryDB JSON Snapshot members",
    )?;
    let c = s.cluster_configuration.ok_or("ClusterConfiguration")?;
    ensure(
        c.name.is_some()
            && c.description.is_some()
            && c.node_type.is_some()
            && c.engine.is_some()
            && c.engine_version.is_some()
            && c.maintenance_window.is_some()
            && c.topic_arn.is_some()
            && c.port == Some(6379)
            && c.parameter_group_name.is_some()
            && c.subnet_group_name.is_some()
            && c.vpc_id.is_some()
            && c.snapshot_retention_limit == Some(7)
            && c.snapshot_window.is_some()
            && c.num_shards == Some(2)
            && c.multi_region_parameter_group_name.is_some()
            && c.multi_region_cluster_name.is_some(),
        "MemoryDB JSON ClusterConfiguration members",
    )?;
    let shards = c.shards.ok_or("Shards")?;
    ensure(shards.len() == 2, "two shards")?;
    for (shard, (secs, millis)) in shards.iter().zip([SNAPSHOT_1, SNAPSHOT_2]) {
        let t = shard.snapshot_creation_time.ok_or("SnapshotCreationTime")?;
        ensure(
            t.secs() == secs && t.subsec_nanos() / 1_000_000 == millis,
            "SnapshotCreationTime",
        )?;
        ensure(
            shard.name.is_some()
                && shard.size.is_some()
                && shard
                    .configuration
                    .as_ref()
                    .is_some_and(|c| c.slots.is_some() && c.replica_count == Some(1)),
            "ShardDetail members",
        )?;
    }
    let error = d
        .json_error()
        .err()
        .ok_or("MemoryDB JSON error parsed as success")?;
    ensure(
        matches!(
            error.service_error(),
            Some(CopySnapshotError::SnapshotNotFoundFault(e))
                if e.message.as_deref() == Some("Snapshot my-memorydb-backup not found.")
        ),
        "MemoryDB JSON SnapshotNotFoundFault",
    )
}

fn memorydb_cbor(d: &Data) -> Result<(), String> {
    use crate::memorydb_cbor::operation::copy_snapshot::CopySnapshotError;
    let out = d
        .cbor_response()
        .map_err(|e| format!("MemoryDB CBOR: {e:?}"))?;
    let s = out.snapshot.ok_or("MemoryDB CBOR: no Snapshot")?;
    ensure(
        s.kms_key_id.as_deref() == Some(KMS_KEY),
        "MemoryDB CBOR KmsKeyId",
    )?;
    let c = s.cluster_configuration.ok_or("CBOR ClusterConfiguration")?;
    ensure(
        c.port == Some(6379) && c.multi_region_cluster_name.is_some(),
        "CBOR ClusterConfiguration",
    )?;
    let shards = c.shards.ok_or("CBOR Shards")?;
    ensure(shards.len() == 2, "CBOR: two shards")?;
    let t = shards[1].snapshot_creation_time.ok_or("CBOR timestamp")?;
    ensure(t.secs() == SNAPSHOT_2.0, "CBOR SnapshotCreationTime")?;
    let error = d
        .cbor_error()
        .err()
        .ok_or("MemoryDB CBOR error parsed as success")?;
    ensure(
        matches!(
            error.service_error(),
            Some(CopySnapshotError::SnapshotNotFoundFault(e))
                if e.message.as_deref() == Some("Snapshot my-memorydb-backup not found.")
        ),
        "MemoryDB CBOR SnapshotNotFoundFault",
    )
}

/// A CBOR item as compact JSON text (maps keep their order; tags are dropped).
fn cbor_to_json(body: &[u8]) -> Result<String, String> {
    let mut d = minicbor::Decoder::new(body);
    let mut out = String::new();
    json_item(&mut d, &mut out).map_err(|e| format!("CBOR body: {e}"))?;
    Ok(out)
}

fn json_item(
    d: &mut minicbor::Decoder<'_>,
    out: &mut String,
) -> Result<(), minicbor::decode::Error> {
    use minicbor::data::Type;
    match d.datatype()? {
        Type::String => {
            out.push_str(&serde_json::Value::from(d.str()?).to_string());
        }
        Type::Array => {
            let n = d.array()?.unwrap_or(0);
            out.push('[');
            for i in 0..n {
                if i > 0 {
                    out.push(',');
                }
                json_item(d, out)?;
            }
            out.push(']');
        }
        Type::Map => {
            let n = d.map()?.unwrap_or(0);
            out.push('{');
            for i in 0..n {
                if i > 0 {
                    out.push(',');
                }
                json_item(d, out)?;
                out.push(':');
                json_item(d, out)?;
            }
            out.push('}');
        }
        Type::MapIndef => {
            d.map()?;
            out.push('{');
            let mut first = true;
            while d.datatype()? != Type::Break {
                if !first {
                    out.push(',');
                }
                first = false;
                json_item(d, out)?;
                out.push(':');
                json_item(d, out)?;
            }
            d.skip()?;
            out.push('}');
        }
        _ => {
            d.skip()?;
            out.push('?');
        }
    }
    Ok(())
}
