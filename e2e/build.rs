//! Build script of the end-to-end tests: generates, with awsgen, the ElastiCache and MemoryDB
//! operations the tests drive against moto (create a cluster, wait for it, snapshot it, copy,
//! describe, tag, delete), API Gateway's (restJson1: REST APIs and resources), EC2's (ec2:
//! instances and tags), Route 53's (restXml: hosted zones and record sets), DynamoDB's with
//! `operationContextParams` (for the endpoint tests), STS and SSO (the credential chain's
//! calls), and the event-stream operations Bedrock Runtime `ConverseStream` and
//! `InvokeModelWithBidirectionalStream` (restJson1, an input stream too), Kinesis
//! `SubscribeToShard` (awsJson1_1), S3 `SelectObjectContent` (restXml) and the hand-written
//! initial-response fixture (awsJson1_1 and RPC v2 CBOR), and three CloudWatch
//! operations whose errors share a wire code (the service-wide error lookup), client included,
//! into `OUT_DIR/generated/`, and
//! writes `OUT_DIR/root.rs`, which the library includes to mount the generated modules at its
//! crate root.
//!
//! Generated at build time rather than checked in: these operations exist only for the
//! tests, so a second checked-in crate would be review and freshness burden without a reader
//! (the checked-in `generated/` keeps `CopySnapshot` only). The conformance package does the
//! same for the protocol suites.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use awsgen_codegen::ir::{Protocol, Selection};
use awsgen_codegen::{CrateInput, ServiceInput};

/// (module, model, operations).
const SERVICES: &[(&str, &str, &[&str])] = &[
    (
        "elasticache",
        "models/botocore/elasticache/2015-02-02/service-2.json",
        &[
            "AddTagsToResource",
            "CopySnapshot",
            "CreateCacheCluster",
            "CreateSnapshot",
            "DeleteCacheCluster",
            "DeleteSnapshot",
            "DescribeCacheClusters",
            "DescribeSnapshots",
            "ListTagsForResource",
            "RemoveTagsFromResource",
        ],
    ),
    (
        "memorydb",
        "models/botocore/memorydb/2021-01-01/service-2.json",
        &[
            "CopySnapshot",
            "CreateCluster",
            "CreateSnapshot",
            "DeleteSnapshot",
            "DescribeSnapshots",
            "ListTags",
            "TagResource",
            "UntagResource",
        ],
    ),
    (
        "apigateway",
        "models/fixtures/botocore/apigateway/2015-07-09/service-2.json",
        &[
            "CreateResource",
            "CreateRestApi",
            "DeleteRestApi",
            "GetResource",
            "GetResources",
            "GetRestApi",
            "GetRestApis",
        ],
    ),
    (
        "ec2",
        "models/fixtures/botocore/ec2/2016-11-15/service-2.json",
        &[
            "CreateTags",
            "DescribeInstances",
            "RunInstances",
            "TerminateInstances",
        ],
    ),
    (
        "route53",
        "models/fixtures/botocore/route53/2013-04-01/service-2.json",
        &[
            "ChangeResourceRecordSets",
            "CreateHostedZone",
            "DeleteHostedZone",
            "ListResourceRecordSets",
        ],
    ),
    (
        "sts",
        "models/fixtures/botocore/sts/2011-06-15/service-2.json",
        &[
            "AssumeRole",
            "AssumeRoleWithWebIdentity",
            "GetCallerIdentity",
        ],
    ),
    (
        "sso",
        "models/fixtures/botocore/sso/2019-06-10/service-2.json",
        &["GetRoleCredentials"],
    ),
    (
        // Every operation with `operationContextParams` (and none else): for the endpoint tests.
        "dynamodb",
        "models/fixtures/botocore/dynamodb/2012-08-10/service-2.json",
        &[
            "BatchGetItem",
            "BatchWriteItem",
            "ImportTable",
            "TransactGetItems",
            "TransactWriteItems",
        ],
    ),
    // S3 (restXml with S3's rules: the bucket in the host or the path, x-amz-content-sha256,
    // presigned URLs, S3's special responses), against moto (tests/s3.rs).
    (
        "s3",
        "models/fixtures/botocore/s3/2006-03-01/service-2.json",
        &[
            "AbortMultipartUpload",
            "CompleteMultipartUpload",
            "CopyObject",
            "CreateBucket",
            "CreateMultipartUpload",
            "DeleteBucket",
            "DeleteObject",
            "DeleteObjects",
            "GetBucketLocation",
            "GetObject",
            "HeadBucket",
            "HeadObject",
            "ListObjectsV2",
            "PutObject",
            "UploadPart",
            "UploadPartCopy",
        ],
    ),
    // Output event streams, driven against an in-process server (tests/event_streams.rs).
    (
        "bedrockruntime",
        "models/fixtures/botocore/bedrock-runtime/2023-09-30/service-2.json",
        &["ConverseStream", "InvokeModelWithBidirectionalStream"],
    ),
    (
        "cloudwatch",
        "models/fixtures/botocore/cloudwatch/2010-08-01/service-2.json",
        &["DeleteAlarms", "DeleteDashboards", "GetDashboard"],
    ),
    (
        "kinesis",
        "models/fixtures/botocore/kinesis/2013-12-02/service-2.json",
        &["SubscribeToShard"],
    ),
    // An awsJson output stream whose output has members besides the stream (from the
    // `initial-response` event), hand-written: no botocore 1.44.5 model has one
    // (tests/event_streams.rs).
    (
        "initialresponse",
        "models/fixtures/initial-response.json",
        &["Subscribe"],
    ),
    // S3 Select: a restXml output event stream (tests/event_streams.rs).
    (
        "s3select",
        "models/fixtures/botocore/s3/2006-03-01/service-2.json",
        &["SelectObjectContent"],
    ),
];

/// The same initial-response fixture in RPC v2 CBOR (the model lists both protocols): (module,
/// model, operations, protocol).
const OTHER_PROTOCOL: &[(&str, &str, &[&str], Protocol)] = &[(
    "initialresponsecbor",
    "models/fixtures/initial-response.json",
    &["Subscribe"],
    Protocol::RpcV2Cbor,
)];

fn main() {
    let manifest_dir = PathBuf::from(env("CARGO_MANIFEST_DIR"));
    let repo = manifest_dir
        .parent()
        .expect("the package sits in the repository");
    let mut services = Vec::new();
    let all = SERVICES.iter().map(|(m, p, o)| (*m, *p, *o, None)).chain(
        OTHER_PROTOCOL
            .iter()
            .map(|(m, p, o, protocol)| (*m, *p, *o, Some(*protocol))),
    );
    for (module, model, operations, protocol) in all {
        let path = repo.join(model);
        for file in awsgen_codegen::model::model_files(&path) {
            println!("cargo:rerun-if-changed={}", file.display());
        }
        let model =
            awsgen_codegen::model::load_path(&path, model).unwrap_or_else(|e| panic!("{e}"));
        services.push(ServiceInput {
            module: module.to_owned(),
            model,
            selection: Selection::Operations(operations.iter().map(|s| (*s).to_owned()).collect()),
            protocol,
        });
    }
    let files = awsgen_codegen::generate(&CrateInput {
        name: "awsgen-e2e-generated".to_owned(),
        services,
        command: "cargo build -p awsgen-e2e".to_owned(),
        source: "e2e/build.rs".to_owned(),
        standalone: false,
        runtime: awsgen_codegen::RuntimeDep::Path("../runtime".to_owned()),
    })
    .unwrap_or_else(|e| panic!("generating the end-to-end crate: {e}"));
    check_dependencies(
        files.get("Cargo.toml").expect("generated manifest"),
        &manifest_dir,
    );

    let out = PathBuf::from(env("OUT_DIR")).join("generated");
    for (path, text) in &files {
        let target = out.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{}: {e}", parent.display()));
        }
        write(&target, text);
    }
    // The generated `src/lib.rs` has crate-level attributes of its own; mount its modules
    // by path instead.
    let mut root = String::new();
    for module in SERVICES
        .iter()
        .map(|(m, _, _)| *m)
        .chain(OTHER_PROTOCOL.iter().map(|(m, _, _, _)| *m))
        .chain(std::iter::once("runtime"))
    {
        let path = if module == "runtime" {
            out.join("src/runtime.rs")
        } else {
            out.join("src").join(module).join("mod.rs")
        };
        root.push_str(&format!(
            "#[path = {:?}]\npub mod {module};\n",
            path.display().to_string()
        ));
    }
    write(&out.join("root.rs"), &root);
    probe_moto(repo);
}

/// Whether the Python of `AWSGEN_MOTO_PYTHON` (default `python3`) can run the moto server of
/// the end-to-end tests. Without it the tests are compiled `#[ignore]`d (cfg `moto_missing`),
/// so that `cargo test` reports them as ignored, with the reason, instead of passed; under
/// `CI` the build fails instead.
fn probe_moto(repo: &Path) {
    println!("cargo:rustc-check-cfg=cfg(moto_missing)");
    println!("cargo:rerun-if-env-changed=AWSGEN_MOTO_PYTHON");
    println!("cargo:rerun-if-env-changed=CI");
    let script = repo.join("e2e/moto/server.py");
    println!("cargo:rerun-if-changed={}", script.display());
    let python = std::env::var("AWSGEN_MOTO_PYTHON").unwrap_or_else(|_| "python3".into());
    let output = std::process::Command::new(&python)
        .arg(&script)
        .arg("--probe")
        .stdin(std::process::Stdio::null())
        .output();
    let why = match output {
        Ok(o) if o.status.success() => return,
        Ok(o) => String::from_utf8_lossy(&o.stdout).trim().to_owned(),
        Err(e) => format!("cannot run `{python}`: {e}"),
    };
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false");
    assert!(
        !ci,
        "CI is set, so the moto end-to-end tests must not be skipped: `{python}` has no moto ({why})"
    );
    println!(
        "cargo:warning=the moto end-to-end tests are ignored: `{python}` has no moto ({why}); \
         install moto[server] and set AWSGEN_MOTO_PYTHON"
    );
    println!("cargo:rustc-cfg=moto_missing");
}

/// Every dependency the generated manifest names must be a dependency of this package.
fn check_dependencies(generated: &str, manifest_dir: &Path) {
    let names = |text: &str| -> BTreeSet<String> {
        let table: toml::Table = toml::from_str(text).expect("a manifest is TOML");
        table
            .get("dependencies")
            .and_then(|d| d.as_table())
            .map(|d| d.keys().cloned().collect())
            .unwrap_or_default()
    };
    let generated = names(generated);
    let own = names(&String::from_utf8_lossy(&read(
        &manifest_dir.join("Cargo.toml"),
    )));
    // serde and regex are optional in the generated crate, and their features are off here.
    let missing: Vec<_> = generated
        .difference(&own)
        .filter(|d| !matches!(d.as_str(), "serde" | "regex"))
        .collect();
    assert!(
        missing.is_empty(),
        "the generated code needs {missing:?}: add them to e2e/Cargo.toml"
    );
}

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("cargo sets {name}"))
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn write(path: &Path, text: &str) {
    // Unchanged files keep their modification time, so rustc's incremental state survives.
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return;
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}
