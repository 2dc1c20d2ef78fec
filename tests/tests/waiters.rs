//! Waiter acceptors, sans-IO: each generated `Waiter::acceptor` against responses whose meaning
//! botocore itself decided (`tests/tests/data/waiter_cases.py` runs botocore's own acceptor
//! matchers over the same responses and printed the table below; not our output). The fixture
//! `models/fixtures/waiter-paths.json` has one waiter per JMESPath form that AWS waiters use
//! (projections, `length`, `||` with a default, `!=` and `&&`, filters with `!`, map values,
//! booleans, numbers) plus status, error-code and any-error/no-error matchers; ElastiCache's
//! own waiters are checked on real response shapes too. Waiters outside the supported subset
//! are left out, with the reason.

use awsgen_conformance::runtime::Operation as _;
use awsgen_conformance::runtime::waiter::{AcceptorState, Waiter};
use awsgen_conformance::waiter_paths::operation::describe_things::DescribeThings;
use awsgen_conformance::waiter_paths::waiters;

use AcceptorState::{Failure, Retry, Success};

/// (waiter, HTTP status, awsJson body, what botocore's acceptors decide).
const CASES: &[(&str, u16, &str, Option<AcceptorState>)] = &[
    (
        "AllActive",
        200,
        r#"{"Things": [{"Status": "ACTIVE"}, {"Status": "ACTIVE"}]}"#,
        Some(Success),
    ),
    (
        "AllActive",
        200,
        r#"{"Things": [{"Status": "ACTIVE"}, {"Status": "DELETING"}]}"#,
        None,
    ),
    (
        "AllActive",
        200,
        r#"{"Things": [{"Status": "ACTIVE"}, {"Status": "FAILED"}]}"#,
        Some(Failure),
    ),
    (
        "AllActive",
        200,
        r#"{"Things": [{"Status": "ACTIVE"}, {"Name": "no status"}]}"#,
        Some(Success),
    ),
    ("AllActive", 200, r#"{"Things": []}"#, None),
    ("AllActive", 200, r#"{}"#, None),
    (
        "AllActive",
        400,
        r#"{"__type": "ThingNotFound", "message": "gone"}"#,
        Some(Success),
    ),
    (
        "AllActive",
        400,
        r#"{"__type": "ValidationException", "message": "bad"}"#,
        None,
    ),
    (
        "ThingExists",
        200,
        r#"{"Things": [{"Name": "a"}]}"#,
        Some(Success),
    ),
    ("ThingExists", 200, r#"{"Things": []}"#, None),
    (
        "ThingExists",
        400,
        r#"{"__type": "ThingNotFound"}"#,
        Some(Retry),
    ),
    (
        "OutputAvailable",
        200,
        r#"{"Output": "log line"}"#,
        Some(Success),
    ),
    ("OutputAvailable", 200, r#"{"Output": ""}"#, None),
    ("OutputAvailable", 200, r#"{}"#, None),
    ("Ready", 200, r#"{"Ready": true}"#, Some(Success)),
    ("Ready", 200, r#"{"Ready": false}"#, Some(Failure)),
    ("Ready", 200, r#"{}"#, None),
    ("Ready", 404, r#"{"__type": "ThingNotFound"}"#, Some(Retry)),
    (
        "Ready",
        500,
        r#"{"__type": "InternalFailure"}"#,
        Some(Failure),
    ),
    ("NoError", 200, r#"{}"#, Some(Success)),
    (
        "NoError",
        400,
        r#"{"__type": "ThingNotFound"}"#,
        Some(Retry),
    ),
    ("PhaseSettled", 200, r#"{"Phase": "CANCELLING"}"#, None),
    ("PhaseSettled", 200, r#"{"Phase": "CANCELLED"}"#, None),
    ("PhaseSettled", 200, r#"{"Phase": "DONE"}"#, Some(Success)),
    ("PhaseSettled", 200, r#"{}"#, Some(Success)),
    (
        "Stable",
        200,
        r#"{"Things": [{"Deployments": [{"Id": "d1"}], "RunningCount": 2, "DesiredCount": 2}, {"Deployments": [{"Id": "d2"}], "RunningCount": 1, "DesiredCount": 1}]}"#,
        Some(Success),
    ),
    (
        "Stable",
        200,
        r#"{"Things": [{"Deployments": [{"Id": "d1"}], "RunningCount": 1, "DesiredCount": 2}]}"#,
        None,
    ),
    (
        "Stable",
        200,
        r#"{"Things": [{"Deployments": [{"Id": "d1"}, {"Id": "d2"}], "RunningCount": 2, "DesiredCount": 2}]}"#,
        None,
    ),
    ("Stable", 200, r#"{"Things": []}"#, Some(Success)),
    (
        "AllDeletingOrFailed",
        200,
        r#"{"Things": [{"Status": "DELETING"}, {"Status": "FAILED"}]}"#,
        Some(Success),
    ),
    (
        "AllDeletingOrFailed",
        200,
        r#"{"Things": [{"Status": "DELETING"}, {"Status": "ACTIVE"}]}"#,
        None,
    ),
    ("AllDeletingOrFailed", 200, r#"{"Things": []}"#, None),
    (
        "Verified",
        200,
        r#"{"Attributes": {"a": {"Verification": "Success"}, "b": {"Verification": "Success"}}}"#,
        Some(Success),
    ),
    (
        "Verified",
        200,
        r#"{"Attributes": {"a": {"Verification": "Success"}, "b": {"Verification": "Pending"}}}"#,
        None,
    ),
    ("Verified", 200, r#"{"Attributes": {}}"#, None),
    ("Gone", 200, r#"{"Things": []}"#, Some(Success)),
    (
        "Gone",
        200,
        r#"{"Things": [{"Name": "a"}], "Count": 3}"#,
        Some(Success),
    ),
    (
        "Gone",
        200,
        r#"{"Things": [{"Name": "a"}], "Count": 2}"#,
        None,
    ),
];

fn decide(waiter: &str, status: u16, body: &str) -> Option<AcceptorState> {
    let mut headers = http::HeaderMap::new();
    headers.insert(
        "content-type",
        "application/x-amz-json-1.0".parse().unwrap(),
    );
    let parsed = DescribeThings::parse_response(status, &headers, body.as_bytes());
    let response = match &parsed {
        Ok(output) => Ok(output),
        Err(awsgen_conformance::runtime::ResponseError::Service(e)) => Err(e),
        Err(e) => panic!("{waiter}: {body} does not parse: {e:?}"),
    };
    match waiter {
        "AllActive" => waiters::AllActive::acceptor(status, response),
        "ThingExists" => waiters::ThingExists::acceptor(status, response),
        "OutputAvailable" => waiters::OutputAvailable::acceptor(status, response),
        "Ready" => waiters::Ready::acceptor(status, response),
        "NoError" => waiters::NoError::acceptor(status, response),
        "PhaseSettled" => waiters::PhaseSettled::acceptor(status, response),
        "Stable" => waiters::Stable::acceptor(status, response),
        "AllDeletingOrFailed" => waiters::AllDeletingOrFailed::acceptor(status, response),
        "Verified" => waiters::Verified::acceptor(status, response),
        "Gone" => waiters::Gone::acceptor(status, response),
        other => panic!("no waiter {other}"),
    }
}

#[test]
fn acceptors_decide_as_botocore_does() {
    assert!(CASES.len() >= 30, "the table is there");
    let mut wrong = Vec::new();
    for (waiter, status, body, expected) in CASES {
        let got = decide(waiter, *status, body);
        if got != *expected {
            wrong.push(format!(
                "{waiter} {status} {body}: {got:?}, botocore {expected:?}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn delays_and_names_come_from_the_model() {
    assert_eq!(waiters::AllActive::NAME, "AllActive");
    // botocore's fixed `delay` is the least delay; the greatest is Smithy's default.
    assert_eq!(waiters::AllActive::MIN_DELAY.as_secs(), 2);
    assert_eq!(waiters::AllActive::MAX_DELAY.as_secs(), 120);
    use awsgen_conformance::elasticache::waiters::CacheClusterAvailable;
    assert_eq!(CacheClusterAvailable::MIN_DELAY.as_secs(), 15);
}

#[test]
fn elasticache_cache_cluster_available_on_query_responses() {
    use awsgen_conformance::elasticache::operation::describe_cache_clusters::DescribeCacheClusters;
    use awsgen_conformance::elasticache::waiters::{CacheClusterAvailable, CacheClusterDeleted};
    let page = |statuses: &[&str]| {
        let clusters: String = statuses
            .iter()
            .map(|s| {
                format!("<CacheCluster><CacheClusterStatus>{s}</CacheClusterStatus></CacheCluster>")
            })
            .collect();
        format!(
            "<DescribeCacheClustersResponse xmlns=\"http://elasticache.amazonaws.com/doc/2015-02-02/\">\
             <DescribeCacheClustersResult><CacheClusters>{clusters}</CacheClusters></DescribeCacheClustersResult>\
             <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DescribeCacheClustersResponse>"
        )
    };
    let decide = |statuses: &[&str]| {
        let output = DescribeCacheClusters::parse_response(
            200,
            &http::HeaderMap::new(),
            page(statuses).as_bytes(),
        )
        .expect("parses");
        CacheClusterAvailable::acceptor(200, Ok(&output))
    };
    // waiters-2.json: success when all are `available`, failure when any is deleted, deleting,
    // incompatible-network or restore-failed; otherwise poll again.
    assert_eq!(decide(&["available", "available"]), Some(Success));
    assert_eq!(decide(&["available", "creating"]), None);
    assert_eq!(decide(&["creating", "restore-failed"]), Some(Failure));
    assert_eq!(decide(&[]), None);
    // CacheClusterDeleted succeeds on the CacheClusterNotFound error (awsQuery code).
    let error = "<ErrorResponse><Error><Type>Sender</Type><Code>CacheClusterNotFound</Code>\
                 <Message>gone</Message></Error><RequestId>r</RequestId></ErrorResponse>";
    let Err(awsgen_conformance::runtime::ResponseError::Service(e)) =
        DescribeCacheClusters::parse_response(404, &http::HeaderMap::new(), error.as_bytes())
    else {
        panic!("an error response")
    };
    assert_eq!(CacheClusterDeleted::acceptor(404, Err(&e)), Some(Success));
    assert_eq!(CacheClusterAvailable::acceptor(404, Err(&e)), None);
}

/// Each waiter of `model` in a form both front ends can be compared in (the typed expressions
/// name shapes by each model's own ids, so the path text stands for them).
fn waiter_summary(model: &awsgen_codegen::ir::Model) -> Vec<String> {
    use awsgen_codegen::ir::waiters::Matcher;
    let mut out = Vec::new();
    for op in &model.operations {
        for w in &op.waiters {
            let acceptors: Vec<String> = w
                .acceptors
                .iter()
                .map(|a| match &a.matcher {
                    Matcher::Output {
                        path,
                        comparator,
                        expected,
                        ..
                    } => format!("{:?} {path} {comparator:?} {expected:?}", a.state),
                    other => format!("{:?} {other:?}", a.state),
                })
                .collect();
            out.push(format!(
                "{} {} {:?} {}..{} s deprecated={}: {}",
                op.name,
                w.name,
                w.docs,
                w.min_delay,
                w.max_delay,
                w.deprecated,
                acceptors.join("; ")
            ));
        }
        assert!(op.left_out_waiters.is_empty(), "{:?}", op.left_out_waiters);
    }
    out.sort();
    out
}

#[test]
fn botocore_and_smithy_give_the_same_elasticache_waiters() {
    let botocore = waiter_summary(&awsgen_tests::load(
        "models/botocore/elasticache/2015-02-02/service-2.json",
    ));
    let smithy = waiter_summary(&awsgen_tests::load("models/smithy/elasticache.json"));
    assert_eq!(botocore.len(), 4, "{botocore:#?}");
    assert_eq!(botocore, smithy);
}
