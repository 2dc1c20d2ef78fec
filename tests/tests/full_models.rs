//! Whole services: every operation of ElastiCache and MemoryDB, and of more botocore models
//! awsgen was not developed against (STS and SNS on awsQuery, Secrets Manager, SQS and Kinesis
//! on awsJson, Lambda, API Gateway and Bedrock Runtime on restJson1, Route 53 and CloudFront on
//! restXml), generates and builds with `-D warnings` and clippy — no special-casing; and a fixed
//! sample of 46 of EC2's 830 operations (ec2): all of EC2 is 1.1 million generated lines, too
//! long a build for CI, and is a documented command (README, "Every AWS model"). Their output
//! event streams (Lambda `InvokeWithResponseStream`, Kinesis `SubscribeToShard`, Bedrock
//! `ConverseStream` and `InvokeModelWithResponseStream`) generate, and so does Bedrock's input
//! event stream (`InvokeModelWithBidirectionalStream`).

use awsgen_codegen::ir::Selection;
use awsgen_codegen::{CrateInput, ServiceInput};
use awsgen_tests::{check_crates, generate_all, load};

const MODELS: &[(&str, &str)] = &[
    (
        "elasticache",
        "models/botocore/elasticache/2015-02-02/service-2.json",
    ),
    (
        "memorydb",
        "models/botocore/memorydb/2021-01-01/service-2.json",
    ),
    (
        "sts",
        "models/fixtures/botocore/sts/2011-06-15/service-2.json",
    ),
    (
        "sns",
        "models/fixtures/botocore/sns/2010-03-31/service-2.json",
    ),
    (
        "secretsmanager",
        "models/fixtures/botocore/secretsmanager/2017-10-17/service-2.json",
    ),
    (
        "sqs",
        "models/fixtures/botocore/sqs/2012-11-05/service-2.json",
    ),
    (
        "apigateway",
        "models/fixtures/botocore/apigateway/2015-07-09/service-2.json",
    ),
    (
        "route53",
        "models/fixtures/botocore/route53/2013-04-01/service-2.json",
    ),
    (
        "cloudfront",
        "models/fixtures/botocore/cloudfront/2020-05-31/service-2.json",
    ),
    (
        "lambda",
        "models/fixtures/botocore/lambda/2015-03-31/service-2.json",
    ),
    (
        "kinesis",
        "models/fixtures/botocore/kinesis/2013-12-02/service-2.json",
    ),
];

const EC2: &str = "models/fixtures/botocore/ec2/2016-11-15/service-2.json";

/// EC2's fixed sample: every 20th operation in name order (42), and the four the end-to-end
/// tests drive that the stride misses.
fn ec2() -> std::collections::BTreeMap<String, String> {
    let model = load(EC2);
    let mut names: Vec<String> = model.operations.iter().map(|op| op.name.clone()).collect();
    names.sort();
    let mut operations: Vec<String> = names.iter().step_by(20).cloned().collect();
    for name in [
        "CreateTags",
        "DescribeInstances",
        "RunInstances",
        "TerminateInstances",
    ] {
        if !operations.iter().any(|o| o == name) {
            operations.push(name.to_owned());
        }
    }
    awsgen_codegen::generate(&CrateInput {
        name: "full-ec2".to_owned(),
        services: vec![ServiceInput {
            module: "ec2".to_owned(),
            model,
            selection: Selection::Operations(operations),
            protocol: None,
        }],
        command: format!("cargo xtask generate --model {EC2} --operations … --out DIR"),
        source: EC2.to_owned(),
        standalone: false,
        runtime: awsgen_tests::runtime_dep(),
    })
    .unwrap_or_else(|e| panic!("{e}"))
}

const BEDROCK: &str = "models/fixtures/botocore/bedrock-runtime/2023-09-30/service-2.json";

/// Bedrock Runtime, every operation: lenient generation leaves none out (the input event stream
/// of `InvokeModelWithBidirectionalStream` generates, and the client has its method).
fn bedrock() -> std::collections::BTreeMap<String, String> {
    let generated = awsgen_codegen::generate_lenient(&CrateInput {
        name: "full-bedrockruntime".to_owned(),
        services: vec![ServiceInput {
            module: "bedrockruntime".to_owned(),
            model: load(BEDROCK),
            selection: Selection::All,
            protocol: None,
        }],
        command: format!("cargo xtask generate --model {BEDROCK} --all-operations --out DIR"),
        source: BEDROCK.to_owned(),
        standalone: false,
        runtime: awsgen_tests::runtime_dep(),
    })
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(generated.left_out.is_empty(), "{:?}", generated.left_out);
    let op =
        &generated.files["src/bedrockruntime/operation/invoke_model_with_bidirectional_stream.rs"];
    assert!(op.contains("pub fn event_sender()"), "{op}");
    // The client calls it over HTTP/2 (`Core::invoke_duplex`).
    let client = &generated.files["src/bedrockruntime/client.rs"];
    assert!(
        client.contains("pub fn invoke_model_with_bidirectional_stream(")
            && client.contains("invoke_duplex::<"),
        "{client}"
    );
    generated.files
}

#[test]
fn whole_services_build_clean() {
    let mut crates: Vec<_> = MODELS
        .iter()
        .map(|(module, rel)| {
            let files = generate_all(rel, module, &format!("full-{module}"));
            ((*module).to_owned(), files)
        })
        .collect();
    crates.push(("ec2".to_owned(), ec2()));
    crates.push(("bedrockruntime".to_owned(), bedrock()));
    let operations: usize = crates
        .iter()
        .map(|(_, files)| {
            files
                .keys()
                .filter(|p| p.contains("/operation/") && !p.ends_with("mod.rs"))
                .count()
        })
        .sum();
    assert_eq!(
        operations,
        77 + 45 + 11 + 42 + 26 + 23 + 124 + 74 + 167 + 91 + 57 + 11 + 46,
        "every operation generates"
    );
    if let Err(stderr) = check_crates("awsgen-full-crates", &crates) {
        panic!("whole-service crates do not build clean:\n{stderr}");
    }
}
