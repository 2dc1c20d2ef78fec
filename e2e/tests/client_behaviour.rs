//! The client's call loop with a scripted transport (no network): what is retried (throttling
//! codes, 5xx, unreadable 5xx bodies, transport errors, timeouts) and what is not (modeled
//! client errors), the bound on attempts, that every attempt is signed anew and sent to the
//! resolved endpoint, the error's `Display`, and the pages of a paginated call.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use awsgen_e2e::memorydb::operation::copy_snapshot::{CopySnapshotError, CopySnapshotInput};
use awsgen_e2e::runtime::ProvideErrorMetadata as _;
use awsgen_e2e::runtime::client::{Config, ErrorKind, RetryConfig};
use awsgen_e2e::runtime::credentials::Credentials;
use awsgen_e2e::runtime::transport::{BoxFuture, HttpClient, TransportError};

/// What the scripted transport does for one request.
#[derive(Clone, Copy, Debug)]
enum Step {
    Respond(u16, &'static str),
    Fail,
    Hang,
}

#[derive(Debug, Default)]
struct Script {
    steps: Mutex<VecDeque<Step>>,
    seen: Mutex<Vec<http::Request<Vec<u8>>>>,
}

impl Script {
    fn new(steps: Vec<Step>) -> Arc<Self> {
        Arc::new(Self {
            steps: Mutex::new(steps.into()),
            seen: Mutex::default(),
        })
    }

    fn requests(&self) -> usize {
        self.seen.lock().unwrap().len()
    }
}

impl HttpClient for Script {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        self.seen.lock().unwrap().push(request);
        let step = self
            .steps
            .lock()
            .unwrap()
            .pop_front()
            .expect("a scripted step");
        Box::pin(async move {
            match step {
                Step::Fail => Err(TransportError::new("connection refused", None)),
                Step::Hang => {
                    tokio::time::sleep(Duration::from_secs(3600)).await;
                    unreachable!("the client times out first")
                }
                Step::Respond(status, body) => Ok(http::Response::builder()
                    .status(status)
                    .header("x-amzn-requestid", "req-1")
                    .body(body.as_bytes().to_vec())
                    .unwrap()),
            }
        })
    }
}

fn client(script: &Arc<Script>) -> awsgen_e2e::memorydb::Client {
    let config = Config::new("eu-west-1", Credentials::new("AKIDEXAMPLE", "secret", None))
        .with_http_client(script.clone())
        .with_timeout(Duration::from_millis(200))
        .with_retry(RetryConfig {
            max_attempts: 3,
            base_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(5),
        });
    awsgen_e2e::memorydb::Client::new(config).expect("client")
}

fn input() -> CopySnapshotInput {
    CopySnapshotInput::builder()
        .source_snapshot_name("a")
        .target_snapshot_name("b")
        .build()
        .unwrap()
}

const OK: &str = r#"{"Snapshot":{"Name":"b","Status":"creating"}}"#;
const THROTTLED: &str = r#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#;
const NOT_FOUND: &str = r#"{"__type":"SnapshotNotFoundFault","message":"Snapshot a not found"}"#;

#[tokio::test]
async fn resolves_the_regional_endpoint_and_signs_every_attempt() {
    let script = Script::new(vec![Step::Respond(500, "{}"), Step::Respond(200, OK)]);
    let client = client(&script);
    assert_eq!(
        client.endpoint(),
        "https://memory-db.eu-west-1.amazonaws.com"
    );
    let output = client.call(input()).await.expect("second attempt");
    assert_eq!(output.snapshot.and_then(|s| s.name).as_deref(), Some("b"));
    let seen = script.seen.lock().unwrap();
    assert_eq!(seen.len(), 2);
    for request in seen.iter() {
        assert_eq!(
            request.uri().to_string(),
            "https://memory-db.eu-west-1.amazonaws.com/"
        );
        assert_eq!(
            request.headers()["host"],
            "memory-db.eu-west-1.amazonaws.com"
        );
        let auth = request.headers()["authorization"].to_str().unwrap();
        assert!(
            auth.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"),
            "{auth}"
        );
        assert!(auth.contains("/eu-west-1/memorydb/aws4_request"), "{auth}");
        assert_eq!(request.headers().get_all("authorization").iter().count(), 1);
    }
}

#[tokio::test]
async fn throttling_is_retried_until_the_attempts_run_out() {
    let script = Script::new(vec![
        Step::Respond(400, THROTTLED),
        Step::Respond(400, THROTTLED),
        Step::Respond(400, THROTTLED),
    ]);
    let err = client(&script)
        .call(input())
        .await
        .expect_err("always throttled");
    assert_eq!(script.requests(), 3);
    assert_eq!(err.attempts(), 3);
    assert_eq!(
        err.to_string(),
        "CopySnapshot failed: service error: ThrottlingException: Rate exceeded \
         (request id: req-1, HTTP status 400) (3 attempts)"
    );
    let service = err.into_service_error().expect("a service error");
    assert!(matches!(service, CopySnapshotError::Unhandled(_)));
    assert_eq!(service.code(), "ThrottlingException");
}

#[tokio::test]
async fn modeled_client_errors_are_not_retried() {
    let script = Script::new(vec![Step::Respond(400, NOT_FOUND)]);
    let err = client(&script).call(input()).await.expect_err("not found");
    assert_eq!(script.requests(), 1);
    assert_eq!(err.attempts(), 1);
    assert!(matches!(
        err.service_error(),
        Some(CopySnapshotError::SnapshotNotFoundFault(_))
    ));
    assert_eq!(
        err.to_string(),
        "CopySnapshot failed: service error: SnapshotNotFoundFault: Snapshot a not found \
         (request id: req-1, HTTP status 400)"
    );
}

#[tokio::test]
async fn transport_errors_and_unreadable_5xx_are_retried() {
    let script = Script::new(vec![
        Step::Fail,
        Step::Respond(502, "<html>bad gateway</html>"),
        Step::Respond(200, OK),
    ]);
    client(&script).call(input()).await.expect("third attempt");
    assert_eq!(script.requests(), 3);

    let script = Script::new(vec![Step::Fail, Step::Fail, Step::Fail]);
    let err = client(&script)
        .call(input())
        .await
        .expect_err("never connects");
    assert!(matches!(err.kind(), ErrorKind::Transport(_)));
    assert_eq!(
        err.to_string(),
        "CopySnapshot failed: transport error: connection refused (3 attempts)"
    );

    let script = Script::new(vec![Step::Respond(503, "<html>down</html>"); 3]);
    let err = client(&script).call(input()).await.expect_err("down");
    match err.kind() {
        ErrorKind::InvalidResponse(e) => assert_eq!(e.status(), 503),
        other => panic!("expected an invalid response, got {other:?}"),
    }
}

#[tokio::test]
async fn an_attempt_that_hangs_times_out() {
    let script = Script::new(vec![Step::Hang, Step::Respond(200, OK)]);
    client(&script)
        .call(input())
        .await
        .expect("the retry succeeds");

    let script = Script::new(vec![Step::Hang, Step::Hang, Step::Hang]);
    let err = client(&script)
        .call(input())
        .await
        .expect_err("always hangs");
    assert!(err.is_timeout());
    assert_eq!(
        err.to_string(),
        "CopySnapshot failed: timed out after 200ms (3 attempts)"
    );
}

#[test]
fn configuration_errors_are_reported() {
    let config = Config::default().with_credentials(Credentials::new("a", "b", None));
    let err = awsgen_e2e::memorydb::Client::new(config).expect_err("no region");
    assert!(err.to_string().starts_with("no region"), "{err}");

    let config = Config::new("us-east-1", Credentials::new("a", "b", None))
        .with_endpoint("http://127.0.0.1:1")
        .with_fips(true);
    let err = awsgen_e2e::memorydb::Client::new(config).expect_err("FIPS and an endpoint");
    assert_eq!(
        err.to_string(),
        "cannot resolve the endpoint: Invalid Configuration: FIPS and custom endpoint are not supported"
    );

    let config = Config::new("us-east-1", Credentials::new("a", "b", None)).with_fips(true);
    let client = awsgen_e2e::elasticache::Client::new(config).expect("client");
    assert_eq!(
        client.endpoint(),
        "https://elasticache-fips.us-east-1.amazonaws.com"
    );
}

#[tokio::test]
async fn a_closed_port_is_a_transport_error() {
    // Nothing listens on port 1 of the loopback address; the default transport is used.
    let config = Config::new("us-east-1", Credentials::new("a", "b", None))
        .with_endpoint("http://127.0.0.1:1")
        .with_retry(RetryConfig {
            max_attempts: 2,
            base_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(1),
        });
    let client = awsgen_e2e::memorydb::Client::new(config).expect("client");
    let err = client.call(input()).await.expect_err("refused");
    assert!(matches!(err.kind(), ErrorKind::Transport(_)), "{err:?}");
    assert_eq!(err.attempts(), 2);
    let text = err.to_string();
    assert!(
        text.starts_with("CopySnapshot failed: transport error: cannot send the request"),
        "{text}"
    );
}

#[tokio::test]
async fn a_response_body_over_the_limit_is_a_transport_error() {
    use std::io::{Read, Write};
    // A one-shot HTTP server on the loopback address that answers with a 2,000-byte body.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    let server = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().expect("accept");
        let mut request = [0u8; 4096];
        let _ = stream.read(&mut request);
        let body = "x".repeat(2000);
        let response = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(response.as_bytes()).expect("write");
    });
    let config = Config::new("us-east-1", Credentials::new("a", "b", None))
        .with_endpoint(format!("http://127.0.0.1:{port}"))
        .with_max_response_bytes(1000)
        .with_retry(RetryConfig {
            max_attempts: 1,
            base_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(1),
        });
    let client = awsgen_e2e::memorydb::Client::new(config).expect("client");
    let err = client.call(input()).await.expect_err("too long");
    server.join().expect("server");
    assert!(matches!(err.kind(), ErrorKind::Transport(_)), "{err:?}");
    let text = err.to_string();
    assert!(
        text.contains("the response body is longer than 1000 bytes"),
        "{text}"
    );
}

/// The fluent call sends exactly what the input-first call sends, and gives the same output.
#[tokio::test]
async fn the_fluent_call_sends_what_the_input_first_call_sends() {
    let script = Script::new(vec![Step::Respond(200, OK), Step::Respond(200, OK)]);
    let client = client(&script);
    let fluent = client
        .copy_snapshot()
        .source_snapshot_name("a")
        .target_snapshot_name("b")
        .send()
        .await
        .expect("fluent");
    let input_first = client.call(input()).await.expect("input first");
    assert_eq!(fluent, input_first);
    assert_eq!(fluent.snapshot().and_then(|s| s.name()), Some("b"));
    let seen = script.seen.lock().unwrap();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0].body(), seen[1].body());
    assert_eq!(
        seen[0].headers()["x-amz-target"],
        "AmazonMemoryDB.CopySnapshot"
    );
}

/// A fluent call missing a required member fails with the call's own error type, naming the
/// member, and sends nothing.
#[tokio::test]
async fn a_fluent_call_without_a_required_member_sends_nothing() {
    let script = Script::new(vec![]);
    let err = client(&script)
        .copy_snapshot()
        .source_snapshot_name("a")
        .send()
        .await
        .expect_err("TargetSnapshotName is required");
    assert_eq!(script.requests(), 0);
    assert_eq!(err.attempts(), 0);
    let ErrorKind::InvalidInput(build) = err.kind() else {
        panic!("{err:?}");
    };
    assert_eq!(build.missing(), ["TargetSnapshotName"]);
    assert_eq!(
        err.to_string(),
        "CopySnapshot failed: invalid input: cannot build `CopySnapshotInput`: required member \
         `TargetSnapshotName` not set"
    );
}

/// `is_<variant>()` on the operation error.
#[tokio::test]
async fn operation_errors_tell_their_variant() {
    let script = Script::new(vec![Step::Respond(400, NOT_FOUND)]);
    let err = client(&script)
        .copy_snapshot()
        .source_snapshot_name("a")
        .target_snapshot_name("b")
        .send()
        .await
        .expect_err("not found");
    let service = err.service_error().expect("a service error");
    assert!(service.is_snapshot_not_found_fault());
    assert!(!service.is_snapshot_already_exists_fault());
}

/// A MemoryDB DescribeSnapshots page (awsJson) with `names` and, when given, `NextToken`.
fn snapshots_page(names: &[&str], next: Option<&str>) -> &'static str {
    let snapshots: Vec<String> = names
        .iter()
        .map(|n| format!(r#"{{"Name":"{n}"}}"#))
        .collect();
    let next = next.map_or(String::new(), |t| format!(r#","NextToken":"{t}""#));
    Box::leak(format!(r#"{{"Snapshots":[{}]{next}}}"#, snapshots.join(",")).into_boxed_str())
}

#[tokio::test]
async fn pages_follow_the_token_until_the_service_sends_none() {
    let script = Script::new(vec![
        Step::Respond(200, snapshots_page(&["a", "b"], Some("t-1"))),
        Step::Respond(200, snapshots_page(&["c"], Some("t-2"))),
        Step::Respond(200, snapshots_page(&[], None)),
    ]);
    let client = client(&script);
    let mut pages = client.describe_snapshots().max_results(2).into_pages();
    let mut names = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.expect("a page");
        names.push(
            page.items()
                .iter()
                .filter_map(|s| s.name.clone())
                .collect::<Vec<_>>(),
        );
    }
    assert_eq!(names, [vec!["a", "b"], vec!["c"], vec![]]);
    assert!(pages.next().await.is_none(), "the pages are over");
    // Each request carries the token of the page before, and the page size.
    let seen = script.seen.lock().unwrap();
    let bodies: Vec<String> = seen
        .iter()
        .map(|r| String::from_utf8(r.body().clone()).unwrap())
        .collect();
    assert_eq!(
        bodies,
        [
            r#"{"MaxResults":2}"#,
            r#"{"NextToken":"t-1","MaxResults":2}"#,
            r#"{"NextToken":"t-2","MaxResults":2}"#,
        ]
    );
}

#[tokio::test]
async fn an_error_ends_the_pages() {
    let script = Script::new(vec![
        Step::Respond(200, snapshots_page(&["a"], Some("t-1"))),
        Step::Respond(400, NOT_FOUND),
    ]);
    let client = client(&script);
    let err = client
        .describe_snapshots()
        .into_pages()
        .collect()
        .await
        .expect_err("the second page fails");
    assert_eq!(
        err.service_error().map(|e| e.code().to_owned()).as_deref(),
        Some("SnapshotNotFoundFault")
    );
    assert_eq!(script.requests(), 2);
}
