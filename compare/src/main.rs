//! Side by side: the same `CopySnapshot` work through the official AWS SDK for Rust
//! (`aws-sdk-elasticache` 1.129.0, `aws-sdk-memorydb` 1.123.0) and through awsgen's generated crate
//! (`awsgen-generated`, the checked-in crate), in one run; prints the median time per call of each
//! and the ratio.
//!
//! Per stage, the SDK's own request serializer and response deserializer are taken from the
//! operation's runtime plugin (what its orchestrator calls); the whole SDK call is
//! `client.copy_snapshot()…send()` against a static replay HTTP client (`infallible_client_fn`: a
//! canned 200 with the fixture, no network), on a current-thread tokio runtime.
//!
//! `awsgen-compare` runs everything; `awsgen-compare <task> <iterations>` runs one task in a loop
//! (for callgrind: `../bench/callgrind.sh`); `awsgen-compare list` names the tasks.

use std::hint::black_box;
use std::time::Instant;

use aws_sdk_elasticache as ec_sdk;
use aws_sdk_memorydb as mdb_sdk;
use aws_smithy_http_client::test_util::infallible_client_fn;
use aws_smithy_runtime_api::client::interceptors::context::{Input, Output};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::runtime_plugin::RuntimePlugin;
use aws_smithy_runtime_api::client::ser_de::{
    DeserializeResponse, SerializeRequest, SharedRequestSerializer, SharedResponseDeserializer,
};
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::config_bag::{ConfigBag, FrozenLayer};

use awsgen_generated::runtime::Operation as _;
use awsgen_generated::elasticache::operation::copy_snapshot as ours_ec;
use awsgen_generated::memorydb::operation::copy_snapshot as ours_mdb;

const XML: &[u8] = include_bytes!("../../bench/fixtures/elasticache_CopySnapshot_response.xml");
const JSON: &[u8] = include_bytes!("../../bench/fixtures/memorydb_CopySnapshot_response.json");

const SOURCE: &str = "my-redis-backup";
const TARGET: &str = "my-redis-backup-copy";
const BUCKET: &str = "my-export-bucket";
const KMS_KEY: &str = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const TAGS: [(&str, &str); 3] = [
    ("team", "data-platform"),
    ("env", "production"),
    ("cost-center", "cc-4711"),
];

/// Everything both sides need, built once.
struct Fixture {
    ec_input: ec_sdk::operation::copy_snapshot::CopySnapshotInput,
    mdb_input: mdb_sdk::operation::copy_snapshot::CopySnapshotInput,
    ours_ec_input: ours_ec::CopySnapshotInput,
    ours_mdb_input: ours_mdb::CopySnapshotInput,
    ec_ser: SharedRequestSerializer,
    ec_layer: FrozenLayer,
    mdb_ser: SharedRequestSerializer,
    mdb_layer: FrozenLayer,
    ec_response: HttpResponse,
    mdb_response: HttpResponse,
    xml_headers: http::HeaderMap,
    json_headers: http::HeaderMap,
    ec_client: ec_sdk::Client,
    mdb_client: mdb_sdk::Client,
    rt: tokio::runtime::Runtime,
    #[cfg(feature = "client")]
    clients: client_call::Clients,
}

fn sdk_response(content_type: &str, body: &'static [u8]) -> HttpResponse {
    let response = http::Response::builder()
        .status(200)
        .header("content-type", content_type)
        .header("x-amzn-requestid", "4c9f2b1e-8a7d-4e5f-9b3c-2d1e0f9a8b7c")
        .body(SdkBody::from(body))
        .expect("valid response");
    HttpResponse::try_from(response).expect("valid response")
}

fn headers(content_type: &str) -> http::HeaderMap {
    let mut h = http::HeaderMap::new();
    h.insert("content-type", content_type.parse().expect("ASCII"));
    h.insert(
        "x-amzn-requestid",
        http::HeaderValue::from_static("4c9f2b1e-8a7d-4e5f-9b3c-2d1e0f9a8b7c"),
    );
    h
}

impl Fixture {
    fn new() -> Self {
        let mut ec_input = ec_sdk::operation::copy_snapshot::CopySnapshotInput::builder()
            .source_snapshot_name(SOURCE)
            .target_snapshot_name(TARGET)
            .target_bucket(BUCKET)
            .kms_key_id(KMS_KEY);
        let mut mdb_input = mdb_sdk::operation::copy_snapshot::CopySnapshotInput::builder()
            .source_snapshot_name(SOURCE)
            .target_snapshot_name(TARGET)
            .target_bucket(BUCKET)
            .kms_key_id(KMS_KEY);
        let mut ours_ec_input = ours_ec::CopySnapshotInput::builder()
            .source_snapshot_name(SOURCE)
            .target_snapshot_name(TARGET)
            .target_bucket(BUCKET)
            .kms_key_id(KMS_KEY);
        let mut ours_mdb_input = ours_mdb::CopySnapshotInput::builder()
            .source_snapshot_name(SOURCE)
            .target_snapshot_name(TARGET)
            .target_bucket(BUCKET)
            .kms_key_id(KMS_KEY);
        for (k, v) in TAGS {
            ec_input = ec_input.tags(ec_sdk::types::Tag::builder().key(k).value(v).build());
            mdb_input = mdb_input.tags(mdb_sdk::types::Tag::builder().key(k).value(v).build());
            ours_ec_input = ours_ec_input.tags(
                awsgen_generated::elasticache::types::Tag::builder()
                    .key(k)
                    .value(v)
                    .build(),
            );
            ours_mdb_input = ours_mdb_input.tags(
                awsgen_generated::memorydb::types::Tag::builder()
                    .key(k)
                    .value(v)
                    .build(),
            );
        }
        let ec_layer = ec_sdk::operation::copy_snapshot::CopySnapshot::new()
            .config()
            .expect("the operation has a config layer");
        let mdb_layer = mdb_sdk::operation::copy_snapshot::CopySnapshot::new()
            .config()
            .expect("the operation has a config layer");
        let credentials = || {
            aws_sdk_elasticache::config::Credentials::new(
                "AKIDEXAMPLE",
                "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                None,
                None,
                "static",
            )
        };
        let ec_client = ec_sdk::Client::from_conf(
            ec_sdk::Config::builder()
                .behavior_version(ec_sdk::config::BehaviorVersion::latest())
                .region(ec_sdk::config::Region::new("us-east-1"))
                .credentials_provider(credentials())
                .http_client(infallible_client_fn(|_request| {
                    http::Response::builder()
                        .status(200)
                        .header("content-type", "text/xml")
                        .body(SdkBody::from(XML))
                        .expect("valid response")
                }))
                .build(),
        );
        let mdb_client = mdb_sdk::Client::from_conf(
            mdb_sdk::Config::builder()
                .behavior_version(mdb_sdk::config::BehaviorVersion::latest())
                .region(mdb_sdk::config::Region::new("us-east-1"))
                .credentials_provider(credentials())
                .http_client(infallible_client_fn(|_request| {
                    http::Response::builder()
                        .status(200)
                        .header("content-type", "application/x-amz-json-1.1")
                        .body(SdkBody::from(JSON))
                        .expect("valid response")
                }))
                .build(),
        );
        Self {
            ec_input: ec_input.build().expect("input"),
            mdb_input: mdb_input.build().expect("input"),
            ours_ec_input: ours_ec_input.build().expect("input"),
            ours_mdb_input: ours_mdb_input.build().expect("input"),
            ec_ser: ec_layer.load::<SharedRequestSerializer>().expect("serializer").clone(),
            mdb_ser: mdb_layer.load::<SharedRequestSerializer>().expect("serializer").clone(),
            ec_layer,
            mdb_layer,
            ec_response: sdk_response("text/xml", XML),
            mdb_response: sdk_response("application/x-amz-json-1.1", JSON),
            xml_headers: headers("text/xml"),
            json_headers: headers("application/x-amz-json-1.1"),
            ec_client,
            mdb_client,
            rt: tokio::runtime::Builder::new_current_thread()
                .enable_time()
                .build()
                .expect("a runtime"),
            #[cfg(feature = "client")]
            clients: client_call::Clients::new(),
        }
    }

    /// The whole ElastiCache call through awsgen's client, input built per call as the SDK's is.
    #[cfg(feature = "client")]
    async fn ours_ec_call(&self) -> ours_ec::CopySnapshotOutput {
        let mut input = ours_ec::CopySnapshotInput::builder()
            .source_snapshot_name(SOURCE)
            .target_snapshot_name(TARGET)
            .target_bucket(BUCKET)
            .kms_key_id(KMS_KEY);
        for (k, v) in TAGS {
            input = input.tags(
                awsgen_generated::elasticache::types::Tag::builder()
                    .key(k)
                    .value(v)
                    .build(),
            );
        }
        let input = input.build().expect("input");
        self.clients
            .ec
            .copy_snapshot(input)
            .await
            .expect("the call succeeds")
    }

    /// The whole MemoryDB call through awsgen's client.
    #[cfg(feature = "client")]
    async fn ours_mdb_call(&self) -> ours_mdb::CopySnapshotOutput {
        let mut input = ours_mdb::CopySnapshotInput::builder()
            .source_snapshot_name(SOURCE)
            .target_snapshot_name(TARGET)
            .target_bucket(BUCKET)
            .kms_key_id(KMS_KEY);
        for (k, v) in TAGS {
            input = input.tags(
                awsgen_generated::memorydb::types::Tag::builder()
                    .key(k)
                    .value(v)
                    .build(),
            );
        }
        let input = input.build().expect("input");
        self.clients
            .mdb
            .copy_snapshot(input)
            .await
            .expect("the call succeeds")
    }

    fn sdk_ec_request(&self, input: Input) -> impl Sized {
        self.ec_ser
            .serialize_input(input, &mut ConfigBag::base())
            .expect("serializes")
    }

    fn sdk_mdb_request(&self, input: Input) -> impl Sized {
        self.mdb_ser
            .serialize_input(input, &mut ConfigBag::base())
            .expect("serializes")
    }

    /// The SDK's deserializer, as the orchestrator finds it: in the operation's config layer.
    fn sdk_ec_response(&self) -> Output {
        self.ec_layer
            .load::<SharedResponseDeserializer>()
            .expect("deserializer")
            .deserialize_nonstreaming_with_config(black_box(&self.ec_response), &ConfigBag::base())
            .expect("parses")
    }

    fn sdk_mdb_response(&self) -> Output {
        self.mdb_layer
            .load::<SharedResponseDeserializer>()
            .expect("deserializer")
            .deserialize_nonstreaming_with_config(black_box(&self.mdb_response), &ConfigBag::base())
            .expect("parses")
    }

    async fn sdk_ec_call(&self) -> ec_sdk::operation::copy_snapshot::CopySnapshotOutput {
        let mut call = self
            .ec_client
            .copy_snapshot()
            .source_snapshot_name(SOURCE)
            .target_snapshot_name(TARGET)
            .target_bucket(BUCKET)
            .kms_key_id(KMS_KEY);
        for (k, v) in TAGS {
            call = call.tags(ec_sdk::types::Tag::builder().key(k).value(v).build());
        }
        call.send().await.expect("the call succeeds")
    }

    async fn sdk_mdb_call(&self) -> mdb_sdk::operation::copy_snapshot::CopySnapshotOutput {
        let mut call = self
            .mdb_client
            .copy_snapshot()
            .source_snapshot_name(SOURCE)
            .target_snapshot_name(TARGET)
            .target_bucket(BUCKET)
            .kms_key_id(KMS_KEY);
        for (k, v) in TAGS {
            call = call.tags(mdb_sdk::types::Tag::builder().key(k).value(v).build());
        }
        call.send().await.expect("the call succeeds")
    }

    fn ours_ec_request(&self) -> http::Request<Vec<u8>> {
        ours_ec::CopySnapshot::build_request(black_box(&self.ours_ec_input)).expect("the request builds")
    }

    fn ours_mdb_request(&self) -> http::Request<Vec<u8>> {
        ours_mdb::CopySnapshot::build_request(black_box(&self.ours_mdb_input)).expect("the request builds")
    }

    fn ours_ec_response(&self) -> ours_ec::CopySnapshotOutput {
        ours_ec::CopySnapshot::parse_response(200, black_box(&self.xml_headers), black_box(XML))
            .expect("parses")
    }

    fn ours_mdb_response(&self) -> ours_mdb::CopySnapshotOutput {
        ours_mdb::CopySnapshot::parse_response(200, black_box(&self.json_headers), black_box(JSON))
            .expect("parses")
    }

    /// Both sides read the same documents into the same values, and send the same bodies.
    fn check(&self) {
        let ours = self.ours_ec_request();
        let theirs = self
            .ec_ser
            .serialize_input(Input::erase(self.ec_input.clone()), &mut ConfigBag::base())
            .expect("serializes");
        assert_eq!(
            theirs.body().bytes(),
            Some(ours.body().as_slice()),
            "ElastiCache bodies"
        );
        let theirs = self
            .mdb_ser
            .serialize_input(Input::erase(self.mdb_input.clone()), &mut ConfigBag::base())
            .expect("serializes");
        assert_eq!(
            theirs.body().bytes(),
            Some(self.ours_mdb_request().body().as_slice()),
            "MemoryDB bodies"
        );

        let sdk = self
            .sdk_ec_response()
            .downcast::<ec_sdk::operation::copy_snapshot::CopySnapshotOutput>()
            .expect("the output type");
        let sdk = sdk.snapshot().expect("a snapshot");
        let ours = self.ours_ec_response().snapshot.expect("a snapshot");
        assert_eq!(sdk.snapshot_name(), ours.snapshot_name.as_deref());
        assert_eq!(sdk.node_snapshots().len(), 2);
        assert_eq!(ours.node_snapshots.as_ref().map(Vec::len), Some(2));
        assert_eq!(
            sdk.cache_cluster_create_time().map(|t| t.secs()),
            ours.cache_cluster_create_time.map(|t| t.secs())
        );

        let sdk = self
            .sdk_mdb_response()
            .downcast::<mdb_sdk::operation::copy_snapshot::CopySnapshotOutput>()
            .expect("the output type");
        let sdk = sdk.snapshot().expect("a snapshot");
        let ours = self.ours_mdb_response().snapshot.expect("a snapshot");
        assert_eq!(sdk.name(), ours.name.as_deref());
        let sdk_shards = sdk
            .cluster_configuration()
            .map(|c| c.shards().len())
            .unwrap_or(0);
        assert_eq!(sdk_shards, 2);
        assert_eq!(
            ours.cluster_configuration.and_then(|c| c.shards).map(|s| s.len()),
            Some(2)
        );

        let out = self.rt.block_on(self.sdk_ec_call());
        assert_eq!(
            out.snapshot().and_then(|s| s.snapshot_name()),
            Some("my-redis-backup-copy")
        );
        let out = self.rt.block_on(self.sdk_mdb_call());
        assert_eq!(
            out.snapshot().and_then(|s| s.name()),
            Some("my-memorydb-backup-copy")
        );
        #[cfg(feature = "client")]
        {
            let out = self.rt.block_on(self.ours_ec_call());
            assert_eq!(
                out.snapshot.and_then(|s| s.snapshot_name).as_deref(),
                Some("my-redis-backup-copy")
            );
            let out = self.rt.block_on(self.ours_mdb_call());
            assert_eq!(
                out.snapshot.and_then(|s| s.name).as_deref(),
                Some("my-memorydb-backup-copy")
            );
        }
    }
}

/// awsgen's optional client (feature `client`): the whole signed call (build the request, set the
/// endpoint, SigV4-sign it with static credentials, "send" it, parse the response) against an
/// in-memory transport that answers every request with the fixture, like the SDK's replay client.
#[cfg(feature = "client")]
mod client_call {
    use std::sync::Arc;

    use awsgen_generated::runtime::client::Config;
    use awsgen_generated::runtime::credentials::Credentials;
    use awsgen_generated::runtime::transport::{BoxFuture, HttpClient, TransportError};

    /// Answers every request with a 200 and this body.
    #[derive(Debug)]
    struct Replay {
        content_type: &'static str,
        body: &'static [u8],
    }

    impl HttpClient for Replay {
        fn send(
            &self,
            request: http::Request<Vec<u8>>,
        ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
            drop(std::hint::black_box(request));
            let response = http::Response::builder()
                .status(200)
                .header("content-type", self.content_type)
                .header("x-amzn-requestid", "4c9f2b1e-8a7d-4e5f-9b3c-2d1e0f9a8b7c")
                .body(self.body.to_vec())
                .map_err(|e| TransportError::new(e.to_string(), None));
            Box::pin(std::future::ready(response))
        }
    }

    fn config(content_type: &'static str, body: &'static [u8]) -> Config {
        Config::new(
            "us-east-1",
            Credentials::new(
                "AKIDEXAMPLE",
                "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                None,
            ),
        )
        .with_http_client(Arc::new(Replay { content_type, body }))
    }

    /// Both clients.
    pub struct Clients {
        pub ec: awsgen_generated::elasticache::client::Client,
        pub mdb: awsgen_generated::memorydb::client::Client,
    }

    impl Clients {
        pub fn new() -> Self {
            Self {
                ec: awsgen_generated::elasticache::client::Client::new(config(
                    "text/xml",
                    super::XML,
                ))
                .expect("a client"),
                mdb: awsgen_generated::memorydb::client::Client::new(config(
                    "application/x-amz-json-1.1",
                    super::JSON,
                ))
                .expect("a client"),
            }
        }
    }
}

/// One measured thing: runs `n` iterations and returns nothing (results dropped inside).
type Run = fn(&Fixture, u64);

fn repeat(n: u64, mut f: impl FnMut()) {
    for _ in 0..n {
        f();
    }
}

/// (name, run). SDK serializers consume their input, so its clones are made before the loop.
const TASKS: &[(&str, Run)] = &[
    ("sdk-ec-request", |f, n| {
        let inputs: Vec<Input> = (0..n).map(|_| Input::erase(f.ec_input.clone())).collect();
        for input in inputs {
            drop(black_box(f.sdk_ec_request(input)));
        }
    }),
    ("ours-ec-request", |f, n| {
        repeat(n, || drop(black_box(f.ours_ec_request())))
    }),
    ("sdk-ec-response", |f, n| {
        repeat(n, || drop(black_box(f.sdk_ec_response())))
    }),
    ("ours-ec-response", |f, n| {
        repeat(n, || drop(black_box(f.ours_ec_response())))
    }),
    ("sdk-mdb-request", |f, n| {
        let inputs: Vec<Input> = (0..n).map(|_| Input::erase(f.mdb_input.clone())).collect();
        for input in inputs {
            drop(black_box(f.sdk_mdb_request(input)));
        }
    }),
    ("ours-mdb-request", |f, n| {
        repeat(n, || drop(black_box(f.ours_mdb_request())))
    }),
    ("sdk-mdb-response", |f, n| {
        repeat(n, || drop(black_box(f.sdk_mdb_response())))
    }),
    ("ours-mdb-response", |f, n| {
        repeat(n, || drop(black_box(f.ours_mdb_response())))
    }),
    ("sdk-ec-call", |f, n| {
        f.rt.block_on(async {
            for _ in 0..n {
                drop(black_box(f.sdk_ec_call().await));
            }
        })
    }),
    ("ours-ec-unsigned", |f, n| {
        repeat(n, || {
            drop(black_box(f.ours_ec_request()));
            drop(black_box(f.ours_ec_response()));
        })
    }),
    ("sdk-mdb-call", |f, n| {
        f.rt.block_on(async {
            for _ in 0..n {
                drop(black_box(f.sdk_mdb_call().await));
            }
        })
    }),
    ("ours-mdb-unsigned", |f, n| {
        repeat(n, || {
            drop(black_box(f.ours_mdb_request()));
            drop(black_box(f.ours_mdb_response()));
        })
    }),
    #[cfg(feature = "client")]
    ("ours-ec-call", |f, n| {
        f.rt.block_on(async {
            for _ in 0..n {
                drop(black_box(f.ours_ec_call().await));
            }
        })
    }),
    #[cfg(feature = "client")]
    ("ours-mdb-call", |f, n| {
        f.rt.block_on(async {
            for _ in 0..n {
                drop(black_box(f.ours_mdb_call().await));
            }
        })
    }),
];

/// The rows of the table: (what, SDK task, our task).
const ROWS: &[(&str, &str, &str)] = &[
    ("ElastiCache request (body + http::Request)", "sdk-ec-request", "ours-ec-request"),
    ("ElastiCache response (4.6 KB XML)", "sdk-ec-response", "ours-ec-response"),
    ("MemoryDB request (awsJson1_1)", "sdk-mdb-request", "ours-mdb-request"),
    ("MemoryDB response (1.1 KB JSON)", "sdk-mdb-response", "ours-mdb-response"),
    ("ElastiCache whole call (SDK: signed, replay client; ours: build + parse, unsigned)", "sdk-ec-call", "ours-ec-unsigned"),
    ("MemoryDB whole call (SDK: signed, replay client; ours: build + parse, unsigned)", "sdk-mdb-call", "ours-mdb-unsigned"),
    #[cfg(feature = "client")]
    ("ElastiCache whole signed call, both through their client (in-memory transport)", "sdk-ec-call", "ours-ec-call"),
    #[cfg(feature = "client")]
    ("MemoryDB whole signed call, both through their client (in-memory transport)", "sdk-mdb-call", "ours-mdb-call"),
];

fn task(name: &str) -> Option<Run> {
    TASKS.iter().find(|(n, _)| *n == name).map(|(_, r)| *r)
}

/// Median ns per iteration of `batches` timed batches of `n` (after a warm-up batch of n/10).
fn measure(f: &Fixture, run: Run, n: u64, batches: usize) -> f64 {
    run(f, n / 10 + 1);
    let mut times: Vec<f64> = (0..batches)
        .map(|_| {
            let start = Instant::now();
            run(f, n);
            start.elapsed().as_nanos() as f64 / n as f64
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let f = Fixture::new();
    f.check();
    match args.as_slice() {
        [cmd] if cmd == "list" => {
            for (name, _) in TASKS {
                println!("{name}");
            }
        }
        [name, n] => {
            let run = task(name).unwrap_or_else(|| panic!("unknown task `{name}` (see `list`)"));
            run(&f, n.parse().expect("a count"));
        }
        [] => {
            println!("| what | official SDK (ns/call) | awsgen (ns/call) | SDK / awsgen |");
            println!("| --- | ---: | ---: | ---: |");
            for (what, sdk, ours) in ROWS {
                let n = if sdk.ends_with("call") { 20_000 } else { 50_000 };
                let (mut sdk_ns, mut ours_ns) = (Vec::new(), Vec::new());
                // Interleaved, three rounds of 5 batches each; the median of the rounds' medians.
                for _ in 0..3 {
                    sdk_ns.push(measure(&f, task(sdk).expect("task"), n, 5));
                    ours_ns.push(measure(&f, task(ours).expect("task"), n, 5));
                }
                sdk_ns.sort_by(f64::total_cmp);
                ours_ns.sort_by(f64::total_cmp);
                let (s, o) = (sdk_ns[1], ours_ns[1]);
                println!("| {what} | {s:.0} | {o:.0} | {:.1}× |", s / o);
            }
        }
        _ => panic!("usage: awsgen-compare [list | <task> <iterations>]"),
    }
}
