//! The measured tasks, one function each, over data prepared once ([`Data`]): `CopySnapshot`
//! request building and response parsing (success and error) in each protocol, through the public
//! API a user calls (`build_request`, `parse_response`).

use std::hint::black_box;

use crate::elasticache::operation::copy_snapshot as ec;
use crate::fixtures::{self, BUCKET, KMS_KEY, SOURCE, TAGS, TARGET};
use crate::memorydb_cbor::operation::copy_snapshot as cbor;
use crate::memorydb_json::operation::copy_snapshot as mdb;
use crate::runtime::Operation as _;

/// Everything the tasks read: inputs, headers and bodies.
pub struct Data {
    /// ElastiCache input.
    pub ec_input: ec::CopySnapshotInput,
    /// MemoryDB input (awsJson1_1 crate).
    pub json_input: mdb::CopySnapshotInput,
    /// MemoryDB input (CBOR crate).
    pub cbor_input: cbor::CopySnapshotInput,
    /// Response headers of ElastiCache.
    pub xml_headers: http::HeaderMap,
    /// Response headers of MemoryDB in awsJson1_1.
    pub json_headers: http::HeaderMap,
    /// Response headers of MemoryDB in CBOR.
    pub cbor_headers: http::HeaderMap,
    /// MemoryDB response in CBOR.
    pub cbor_response: Vec<u8>,
    /// MemoryDB error response in CBOR.
    pub cbor_error: Vec<u8>,
    /// ElastiCache's endpoint rule set, lowered as the generator lowers it for the client.
    pub ec_rules: awsgen_runtime::endpoint::RuleSet<'static>,
}

impl Data {
    /// Builds the inputs and encodes the CBOR fixtures.
    pub fn new() -> Self {
        use crate::elasticache::types::Tag as EcTag;
        use crate::memorydb_json::types::Tag as MdbTag;

        let mut e = ec::CopySnapshotInput::builder()
            .source_snapshot_name(SOURCE)
            .target_snapshot_name(TARGET)
            .target_bucket(BUCKET)
            .kms_key_id(KMS_KEY);
        let mut j = mdb::CopySnapshotInput::builder()
            .source_snapshot_name(SOURCE)
            .target_snapshot_name(TARGET)
            .target_bucket(BUCKET)
            .kms_key_id(KMS_KEY);
        let mut c = cbor::CopySnapshotInput::builder()
            .source_snapshot_name(SOURCE)
            .target_snapshot_name(TARGET)
            .target_bucket(BUCKET)
            .kms_key_id(KMS_KEY);
        for (key, value) in TAGS {
            e = e.tags(EcTag::builder().key(key).value(value).build());
            j = j.tags(MdbTag::builder().key(key).value(value).build());
            c = c.tags(
                crate::memorydb_cbor::types::Tag::builder()
                    .key(key)
                    .value(value)
                    .build(),
            );
        }
        Self {
            ec_input: e.build().expect("every required member is set"),
            json_input: j.build().expect("every required member is set"),
            cbor_input: c.build().expect("every required member is set"),
            xml_headers: fixtures::headers("text/xml", false),
            json_headers: fixtures::headers("application/x-amz-json-1.1", false),
            cbor_headers: fixtures::headers("application/cbor", true),
            cbor_response: fixtures::memorydb_response_cbor(),
            cbor_error: fixtures::memorydb_error_cbor(),
            ec_rules: elasticache_rules(),
        }
    }

    /// The same through the compiled-to-Rust prototype (`compile_rules`).
    pub fn endpoint_ec_compiled(&self) -> awsgen_runtime::endpoint::Endpoint {
        use awsgen_runtime::endpoint::Value;
        let params = [
            ("Region", Value::Str(black_box("us-east-1").into())),
            ("UseFIPS", Value::Bool(false)),
            ("UseDualStack", Value::Bool(false)),
        ];
        crate::compiled_rules::resolve(black_box(&params)).expect("the default endpoint resolves")
    }

    /// ElastiCache's default endpoint (`us-east-1`, no FIPS, no dual-stack): the rule set
    /// evaluated with the parameters the client binds from its configuration.
    pub fn endpoint_ec(&self) -> awsgen_runtime::endpoint::Endpoint {
        use awsgen_runtime::endpoint::Value;
        let params = [
            ("Region", Value::Str(black_box("us-east-1").into())),
            ("UseFIPS", Value::Bool(false)),
            ("UseDualStack", Value::Bool(false)),
        ];
        self.ec_rules
            .resolve(black_box(&params))
            .expect("the default endpoint resolves")
    }

    /// ElastiCache: the query body alone (what `build_request` puts into the request).
    pub fn ec_body(&self) -> Vec<u8> {
        crate::elasticache::protocol::copy_snapshot::ser_copy_snapshot_input(black_box(
            &self.ec_input,
        ))
    }

    /// MemoryDB (awsJson1_1): the JSON body alone.
    pub fn json_body(&self) -> Vec<u8> {
        let mut w = crate::runtime::json::JsonWriter::new();
        crate::memorydb_json::protocol::copy_snapshot::ser_copy_snapshot_input(
            &mut w,
            black_box(&self.json_input),
        );
        w.into_bytes()
    }

    /// MemoryDB (CBOR): the CBOR body alone.
    pub fn cbor_body(&self) -> Vec<u8> {
        let mut w = crate::runtime::cbor::CborWriter::new();
        crate::memorydb_cbor::protocol::copy_snapshot::ser_copy_snapshot_input(
            &mut w,
            black_box(&self.cbor_input),
        );
        w.into_bytes()
    }

    /// ElastiCache: `CopySnapshot::build_request` (query body and the `http::Request`).
    pub fn ec_request(&self) -> RequestResult {
        ec::CopySnapshot::build_request(black_box(&self.ec_input))
    }

    /// ElastiCache: parse the 4.6 KB response.
    pub fn ec_response(&self) -> ParseResult<ec::CopySnapshotOutput, ec::CopySnapshotError> {
        ec::CopySnapshot::parse_response(
            200,
            black_box(&self.xml_headers),
            black_box(fixtures::ELASTICACHE_RESPONSE),
        )
    }

    /// ElastiCache: parse the `SnapshotNotFoundFault` error response.
    pub fn ec_error(&self) -> ParseResult<ec::CopySnapshotOutput, ec::CopySnapshotError> {
        ec::CopySnapshot::parse_response(
            404,
            black_box(&self.xml_headers),
            black_box(fixtures::ELASTICACHE_ERROR),
        )
    }

    /// MemoryDB (awsJson1_1): `CopySnapshot::build_request`.
    pub fn json_request(&self) -> RequestResult {
        mdb::CopySnapshot::build_request(black_box(&self.json_input))
    }

    /// MemoryDB (awsJson1_1): parse the 1.1 KB response.
    pub fn json_response(&self) -> ParseResult<mdb::CopySnapshotOutput, mdb::CopySnapshotError> {
        mdb::CopySnapshot::parse_response(
            200,
            black_box(&self.json_headers),
            black_box(fixtures::MEMORYDB_RESPONSE_JSON),
        )
    }

    /// MemoryDB (awsJson1_1): parse the error response.
    pub fn json_error(&self) -> ParseResult<mdb::CopySnapshotOutput, mdb::CopySnapshotError> {
        mdb::CopySnapshot::parse_response(
            400,
            black_box(&self.json_headers),
            black_box(fixtures::MEMORYDB_ERROR_JSON),
        )
    }

    /// MemoryDB (CBOR): `CopySnapshot::build_request`.
    pub fn cbor_request(&self) -> RequestResult {
        cbor::CopySnapshot::build_request(black_box(&self.cbor_input))
    }

    /// MemoryDB (CBOR): parse the response.
    pub fn cbor_response(&self) -> ParseResult<cbor::CopySnapshotOutput, cbor::CopySnapshotError> {
        cbor::CopySnapshot::parse_response(
            200,
            black_box(&self.cbor_headers),
            black_box(&self.cbor_response),
        )
    }

    /// MemoryDB (CBOR): parse the error response.
    pub fn cbor_error(&self) -> ParseResult<cbor::CopySnapshotOutput, cbor::CopySnapshotError> {
        cbor::CopySnapshot::parse_response(
            400,
            black_box(&self.cbor_headers),
            black_box(&self.cbor_error),
        )
    }
}

impl Default for Data {
    fn default() -> Self {
        Self::new()
    }
}

/// What `parse_response` returns.
pub type ParseResult<O, E> = Result<O, crate::runtime::ResponseError<E>>;

/// What `build_request` returns.
pub type RequestResult = Result<http::Request<Vec<u8>>, crate::runtime::InvalidRequest>;

/// One measured call on the prepared data.
pub type Task = fn(&Data);

/// Every task by name, as `count` and the protocol benches run them: one call, result dropped
/// (so freeing it is measured too).
pub const TASKS: &[(&str, Task)] = &[
    ("ec-body", |d| drop(black_box(d.ec_body()))),
    ("ec-request", |d| drop(black_box(d.ec_request()))),
    ("ec-response", |d| drop(black_box(d.ec_response()))),
    ("ec-error", |d| drop(black_box(d.ec_error()))),
    ("json-body", |d| drop(black_box(d.json_body()))),
    ("json-request", |d| drop(black_box(d.json_request()))),
    ("json-response", |d| drop(black_box(d.json_response()))),
    ("json-error", |d| drop(black_box(d.json_error()))),
    ("cbor-body", |d| drop(black_box(d.cbor_body()))),
    ("cbor-request", |d| drop(black_box(d.cbor_request()))),
    ("cbor-response", |d| drop(black_box(d.cbor_response()))),
    ("cbor-error", |d| drop(black_box(d.cbor_error()))),
    ("endpoint-ec", |d| drop(black_box(d.endpoint_ec()))),
    ("endpoint-ec-compiled", |d| {
        drop(black_box(d.endpoint_ec_compiled()))
    }),
];

/// The task with this name.
pub fn task(name: &str) -> Option<Task> {
    TASKS.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
}

/// ElastiCache's vendored rule set, lowered by the generator's code and leaked so that the
/// table lives as long as a generated crate's `static` does.
fn elasticache_rules() -> awsgen_runtime::endpoint::RuleSet<'static> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../models/botocore/elasticache/2015-02-02/endpoint-rule-set-1.json"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(path).expect("the vendored rule set"))
            .expect("rule set JSON");
    let table: &'static awsgen_codegen::endpoints::Table = Box::leak(Box::new(
        awsgen_codegen::endpoints::lower("ElastiCache", &json).expect("the rule set lowers"),
    ));
    let strs: &'static [&'static str] = Box::leak(table.strs().into_boxed_slice());
    table.rule_set(strs)
}
