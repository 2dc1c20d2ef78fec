//! Whole services: every operation of ElastiCache and MemoryDB, and of four more botocore
//! models awsgen was not developed against (STS and SNS on awsQuery, Secrets Manager and SQS on
//! awsJson), generates and builds with `-D warnings` and clippy — no special-casing.

use awsgen_tests::{check_crates, generate_all};

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
];

#[test]
fn whole_services_build_clean() {
    let crates: Vec<_> = MODELS
        .iter()
        .map(|(module, rel)| {
            let files = generate_all(rel, module, &format!("full-{module}"));
            ((*module).to_owned(), files)
        })
        .collect();
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
        77 + 45 + 11 + 42 + 26 + 23,
        "every operation generates"
    );
    if let Err(stderr) = check_crates("awsgen-full-crates", &crates) {
        panic!("whole-service crates do not build clean:\n{stderr}");
    }
}
