//! The canned responses and the inputs of the benchmarks: the same `CopySnapshot` work as in
//! `shared/perf/limits.md` and the official SDK's baseline (TargetBucket `my-export-bucket`, a full
//! KMS key ARN, three tags).

use minicbor::Encoder;
use serde_json::Value;

/// The ElastiCache `CopySnapshot` response (4.6 KB; see `fixtures/README.md`).
pub const ELASTICACHE_RESPONSE: &[u8] =
    include_bytes!("../fixtures/elasticache_CopySnapshot_response.xml");
/// An ElastiCache `SnapshotNotFoundFault` error response (HTTP 404).
pub const ELASTICACHE_ERROR: &[u8] =
    include_bytes!("../fixtures/elasticache_CopySnapshot_error.xml");
/// The MemoryDB `CopySnapshot` response in awsJson1_1 (1.1 KB).
pub const MEMORYDB_RESPONSE_JSON: &[u8] =
    include_bytes!("../fixtures/memorydb_CopySnapshot_response.json");
/// A MemoryDB `SnapshotNotFoundFault` error response in awsJson1_1 (HTTP 400).
pub const MEMORYDB_ERROR_JSON: &[u8] =
    include_bytes!("../fixtures/memorydb_CopySnapshot_error.json");

/// `SourceSnapshotName`.
pub const SOURCE: &str = "my-redis-backup";
/// `TargetSnapshotName`.
pub const TARGET: &str = "my-redis-backup-copy";
/// `TargetBucket`.
pub const BUCKET: &str = "my-export-bucket";
/// `KmsKeyId`: a full KMS key ARN.
pub const KMS_KEY: &str =
    "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
/// The three tags.
pub const TAGS: [(&str, &str); 3] = [
    ("team", "data-platform"),
    ("env", "production"),
    ("cost-center", "cc-4711"),
];

/// The request id the JSON and CBOR responses carry in `x-amzn-RequestId`.
pub const REQUEST_ID: &str = "4c9f2b1e-8a7d-4e5f-9b3c-2d1e0f9a8b7c";

/// The MemoryDB response encoded as CBOR, as a Smithy RPC v2 CBOR service sends it: maps of
/// indefinite length, integers as integers, timestamps as tag 1 epoch seconds.
pub fn memorydb_response_cbor() -> Vec<u8> {
    json_to_cbor(MEMORYDB_RESPONSE_JSON)
}

/// The MemoryDB error response encoded as CBOR.
pub fn memorydb_error_cbor() -> Vec<u8> {
    json_to_cbor(MEMORYDB_ERROR_JSON)
}

fn json_to_cbor(json: &[u8]) -> Vec<u8> {
    let value: Value = serde_json::from_slice(json).expect("the fixture is JSON");
    let mut e = Encoder::new(Vec::new());
    encode(&mut e, &value, false);
    e.into_writer()
}

fn encode(e: &mut Encoder<Vec<u8>>, v: &Value, timestamp: bool) {
    // Writing into a Vec cannot fail.
    if timestamp {
        e.tag(minicbor::data::Tag::new(1)).expect("vec");
    }
    match v {
        Value::Null => drop(e.null()),
        Value::Bool(b) => drop(e.bool(*b)),
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => drop(e.i64(i)),
            (None, Some(f)) => drop(e.f64(f)),
            _ => unreachable!("serde_json numbers are i64, u64 or f64"),
        },
        Value::String(s) => drop(e.str(s)),
        Value::Array(items) => {
            e.array(items.len() as u64).expect("vec");
            for item in items {
                encode(e, item, false);
            }
        }
        Value::Object(members) => {
            e.begin_map().expect("vec");
            for (k, v) in members {
                e.str(k).expect("vec");
                encode(e, v, k == "SnapshotCreationTime");
            }
            e.end().expect("vec");
        }
    }
}

/// Response headers as each protocol's service sends them.
pub fn headers(content_type: &str, smithy_protocol: bool) -> http::HeaderMap {
    let mut h = http::HeaderMap::new();
    h.insert(
        "content-type",
        http::HeaderValue::from_str(content_type).expect("ASCII"),
    );
    h.insert(
        "x-amzn-requestid",
        http::HeaderValue::from_static(REQUEST_ID),
    );
    if smithy_protocol {
        h.insert(
            "smithy-protocol",
            http::HeaderValue::from_static("rpc-v2-cbor"),
        );
    }
    h
}
