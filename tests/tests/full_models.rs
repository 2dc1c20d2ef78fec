//! Whole services: every operation of ElastiCache and MemoryDB, and of eight more botocore
//! models awsgen was not developed against (STS and SNS on awsQuery, Secrets Manager and SQS on
//! awsJson, Lambda and API Gateway on restJson1, Route 53 and CloudFront on restXml), generates
//! and builds with `-D warnings` and clippy — no special-casing; and a fixed sample of 46 of
//! EC2's 830 operations (ec2): all of EC2 is 1.1 million generated lines, too long a build for
//! CI, and is a documented command (README, "Every AWS model"). Lambda's one event-stream
//! operation (`InvokeWithResponseStream`) is left out: the generator refuses it, which
//! `lambda_event_stream_is_refused` checks.

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
    })
    .unwrap_or_else(|e| panic!("{e}"))
}

const LAMBDA: &str = "models/fixtures/botocore/lambda/2015-03-31/service-2.json";

/// Lambda, every operation but the event-stream one.
fn lambda() -> std::collections::BTreeMap<String, String> {
    let model = load(LAMBDA);
    let operations = model
        .operations
        .iter()
        .map(|op| op.name.clone())
        .filter(|name| name != "InvokeWithResponseStream")
        .collect();
    awsgen_codegen::generate(&CrateInput {
        name: "full-lambda".to_owned(),
        services: vec![ServiceInput {
            module: "lambda".to_owned(),
            model,
            selection: Selection::Operations(operations),
            protocol: None,
        }],
        command: format!("cargo xtask generate --model {LAMBDA} --operations … --out DIR"),
        source: LAMBDA.to_owned(),
        standalone: false,
    })
    .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn lambda_event_stream_is_refused() {
    let err = awsgen_codegen::generate(&CrateInput {
        name: "lambda".to_owned(),
        services: vec![ServiceInput {
            module: "lambda".to_owned(),
            model: load(LAMBDA),
            selection: Selection::Operations(vec!["InvokeWithResponseStream".to_owned()]),
            protocol: None,
        }],
        command: String::new(),
        source: LAMBDA.to_owned(),
        standalone: false,
    })
    .expect_err("event streams are refused")
    .to_string();
    assert!(
        err.contains("InvokeWithResponseStreamResponseEvent")
            && err.contains("event streams are not supported"),
        "{err}"
    );
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
    crates.push(("lambda".to_owned(), lambda()));
    crates.push(("ec2".to_owned(), ec2()));
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
        77 + 45 + 11 + 42 + 26 + 23 + 124 + 74 + 167 + 90 + 46,
        "every operation generates"
    );
    if let Err(stderr) = check_crates("awsgen-full-crates", &crates) {
        panic!("whole-service crates do not build clean:\n{stderr}");
    }
}
