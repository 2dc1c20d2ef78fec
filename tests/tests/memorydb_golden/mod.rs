//! The MemoryDB `CopySnapshot` golden wire tests, written once for both protocols: a protocol
//! test file (`memorydb_json.rs`, `memorydb_cbor.rs`) names the generated service module and
//! how a JSON value is put on its wire, and `golden_tests!` expands the same test bodies
//! against it. Only the wire bytes differ between the protocols; the parsed values (and their
//! snapshots) are the same.

#![allow(dead_code)]

use serde_json::json;

/// The request input of wire-facts §6.2: every member set, two tags, characters that need
/// escaping in other protocols.
pub const REQUEST_BODY: &str = r#"{"SourceSnapshotName":"my snap/1","TargetSnapshotName":"copy~1","TargetBucket":"","KmsKeyId":"arn:aws:kms:us-east-1:123:key/abc","Tags":[{"Key":"env","Value":"prod"},{"Key":"team","Value":"a+b"}]}"#;

/// A response with every `Snapshot` and `ClusterConfiguration` member and two shards (one
/// timestamp in exponent form, one fractional), plus an unknown member and a `null` one.
pub const RESPONSE: &str = r#"{
  "Snapshot": {
    "Name": "copy1",
    "Status": "creating",
    "Source": "manual",
    "KmsKeyId": "arn:aws:kms:us-east-1:123:key/abc",
    "ARN": "arn:aws:memorydb:us-east-1:123456789012:snapshot/copy1",
    "ClusterConfiguration": {
      "Name": "my-cluster",
      "Description": "a \"quoted\" description\nover two lines",
      "NodeType": "db.r6g.large",
      "Engine": "valkey",
      "EngineVersion": "7.2",
      "MaintenanceWindow": "wed:08:00-wed:09:00",
      "TopicArn": "arn:aws:sns:us-east-1:123456789012:topic",
      "Port": 6379,
      "ParameterGroupName": "default.memorydb-valkey7",
      "SubnetGroupName": "my-subnets",
      "VpcId": "vpc-0123456789abcdef0",
      "SnapshotRetentionLimit": 7,
      "SnapshotWindow": "05:00-06:00",
      "NumShards": 2,
      "Shards": [
        {
          "Name": "0001",
          "Configuration": {"Slots": "0-8191", "ReplicaCount": 1},
          "Size": "11 MB",
          "SnapshotCreationTime": 1.612345678123E9
        },
        {
          "Name": "0002",
          "Configuration": {"Slots": "8192-16383", "ReplicaCount": 2},
          "Size": "12 MB",
          "SnapshotCreationTime": 1612345679.5
        }
      ],
      "MultiRegionParameterGroupName": "default.memorydb-valkey7.multiregion",
      "MultiRegionClusterName": "mr-cluster",
      "SomethingNew": {"nested": [1, 2, {"deep": true}]}
    },
    "DataTiering": "false",
    "Unmodeled": null
  }
}"#;

/// The keys whose values are timestamps (CBOR writes them with tag 1).
pub const TIMESTAMP_KEYS: &[&str] = &["SnapshotCreationTime"];

/// The eight modeled errors of `CopySnapshot`, with the HTTP status the service sends.
pub const ERRORS: &[(&str, u16)] = &[
    ("SnapshotAlreadyExistsFault", 400),
    ("SnapshotNotFoundFault", 404),
    ("SnapshotQuotaExceededFault", 400),
    ("InvalidSnapshotStateFault", 400),
    ("ServiceLinkedRoleNotFoundFault", 400),
    ("InvalidParameterValueException", 400),
    ("InvalidParameterCombinationException", 400),
    ("TagQuotaPerResourceExceeded", 400),
];

/// The error body for `code` (namespaced, as services send it), as JSON text.
pub fn error_body(code: &str) -> String {
    json!({
        "__type": format!("com.amazonaws.memorydb#{code}"),
        "message": format!("{code} happened")
    })
    .to_string()
}

/// Response headers with a request id.
pub fn headers(request_id: &str) -> http::HeaderMap {
    let mut headers = http::HeaderMap::new();
    headers.insert(
        "x-amzn-requestid",
        http::HeaderValue::from_str(request_id).expect("a valid header value"),
    );
    headers
}

/// Method, URI, headers (sorted) and the body as text, one per line, for a snapshot.
pub fn describe_request(request: &http::Request<Vec<u8>>, body: &str) -> String {
    let mut headers: Vec<String> = request
        .headers()
        .iter()
        .map(|(k, v)| format!("{k}: {}", v.to_str().unwrap_or("<binary>")))
        .collect();
    headers.sort();
    format!(
        "{} {}\n{}\n\n{body}\n",
        request.method(),
        request.uri(),
        headers.join("\n")
    )
}

/// Bodies that are not a `CopySnapshot` response in either protocol; parsing must give an
/// `Err` (never a panic and never an output).
pub fn malformed_json_bodies() -> Vec<Vec<u8>> {
    let mut bodies: Vec<Vec<u8>> = [
        "{",
        "{\"Snapshot\":",
        "{\"Snapshot\":{\"Name\":\"x\"}",
        "{\"Snapshot\":{\"Name\":\"unterminated}}",
        "{\"Snapshot\":{\"Name\":5}}",
        "{\"Snapshot\":[]}",
        "{\"Snapshot\":{\"ClusterConfiguration\":{\"Port\":99999999999}}}",
        "{\"Snapshot\":{\"ClusterConfiguration\":{\"Port\":1.5}}}",
        "{\"Snapshot\":{\"ClusterConfiguration\":{\"Port\":\"6379\"}}}",
        "{\"Snapshot\":{\"ClusterConfiguration\":{\"NumShards\":1e999}}}",
        "{\"Snapshot\":{\"ClusterConfiguration\":{\"Shards\":[{\"SnapshotCreationTime\":1e300}]}}}",
        "{\"Snapshot\":{\"ClusterConfiguration\":{\"Shards\":[{\"SnapshotCreationTime\":\"yesterday\"}]}}}",
        "{\"Snapshot\":{\"Name\":\"\\ud800\"}}",
        "{\"Snapshot\":{\"Name\":\"\\x\"}}",
        "{\"Snapshot\":{\"Name\":\"a\u{1}b\"}}",
        "{\"Snapshot\":{},}",
        "{\"Snapshot\":{}} trailing",
        "{\"Snapshot\" {}}",
        "{'Snapshot':{}}",
        "[]",
        "null",
        "nul",
        "<html>503</html>",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect();
    bodies.push(b"{\"Snapshot\":{\"Name\":\"\xff\"}}".to_vec());
    // Nesting beyond the reader's limit, in an unknown member and in a modeled one.
    bodies.push(format!("{{\"X\":{}{}}}", "[".repeat(10_000), "]".repeat(10_000)).into_bytes());
    bodies.push(
        format!(
            "{{\"Snapshot\":{{\"Unknown\":{}}}}}",
            "{\"a\":".repeat(5_000)
        )
        .into_bytes(),
    );
    bodies
}

/// Expands the golden tests for one protocol. `$svc` is the generated service module; `$wire`
/// turns JSON text into a body of the protocol (`timestamps`: keys whose values are
/// timestamps); `$decode` turns a body of the protocol back into a JSON value; `$show` turns a
/// request body into text for the snapshot; `$malformed` lists malformed bodies in the
/// protocol.
#[macro_export]
macro_rules! golden_tests {
    ($svc:path, $wire:expr, $decode:expr, $show:expr, $malformed:expr) => {
        use $svc as svc;
        use svc::operation::copy_snapshot::{
            CopySnapshot, CopySnapshotError, CopySnapshotInput, CopySnapshotOutput,
        };

        use $crate::memorydb_golden as golden;

        fn wire(text: &str) -> Vec<u8> {
            ($wire)(text, golden::TIMESTAMP_KEYS)
        }

        fn decode(body: &[u8]) -> serde_json::Value {
            ($decode)(body)
        }

        fn full_input() -> CopySnapshotInput {
            CopySnapshotInput::builder()
                .source_snapshot_name("my snap/1")
                .target_snapshot_name("copy~1")
                .target_bucket("")
                .kms_key_id("arn:aws:kms:us-east-1:123:key/abc")
                .tags(svc::types::Tag::builder().key("env").value("prod").build())
                .tags(svc::types::Tag::builder().key("team").value("a+b").build())
                .build()
                .expect("both required members are set")
        }

        #[test]
        fn request_has_every_member_in_the_wire_facts_body() {
            let request = CopySnapshot::build_request(&full_input()).expect("the request builds");
            let expected: serde_json::Value =
                serde_json::from_str(golden::REQUEST_BODY).expect("JSON");
            assert_eq!(decode(request.body()), expected);
            assert_eq!(
                request.headers()["content-length"],
                request.body().len().to_string().as_str()
            );
            insta::assert_snapshot!(
                "request",
                golden::describe_request(&request, &($show)(request.body()))
            );
        }

        #[test]
        fn request_leaves_out_members_that_are_not_set() {
            let input = CopySnapshotInput::builder()
                .source_snapshot_name("a")
                .target_snapshot_name("b")
                .build()
                .expect("both required members are set");
            let request = CopySnapshot::build_request(&input).expect("the request builds");
            let expected =
                serde_json::json!({"SourceSnapshotName": "a", "TargetSnapshotName": "b"});
            assert_eq!(decode(request.body()), expected);
        }

        fn parse_full_response() -> CopySnapshotOutput {
            let body = wire(golden::RESPONSE);
            CopySnapshot::parse_response(200, &golden::headers("req-1"), &body)
                .expect("the response parses")
        }

        #[test]
        fn response_fills_every_member() {
            let output = parse_full_response();
            assert_eq!(output.request_id(), Some("req-1"));
            let snapshot = output.snapshot.as_ref().expect("Snapshot");
            let config = snapshot.cluster_configuration.as_ref().expect("configuration");
            let shards = config.shards.as_ref().expect("shards");
            assert_eq!(shards.len(), 2);
            let t0 = shards[0].snapshot_creation_time.expect("time");
            assert_eq!((t0.secs(), t0.subsec_nanos()), (1_612_345_678, 123_000_000));
            let t1 = shards[1].snapshot_creation_time.expect("time");
            assert_eq!((t1.secs(), t1.subsec_nanos()), (1_612_345_679, 500_000_000));
            assert_eq!(
                config.description.as_deref(),
                Some("a \"quoted\" description\nover two lines")
            );
            insta::assert_debug_snapshot!("response", output);
        }

        #[test]
        fn empty_success_body_is_an_empty_output() {
            let output = CopySnapshot::parse_response(200, &golden::headers("req-0"), b"")
                .expect("an empty body is an empty output");
            assert_eq!(output.snapshot, None);
            assert_eq!(output.request_id(), Some("req-0"));
        }

        #[test]
        fn each_modeled_error_parses_into_its_variant() {
            let mut seen = Vec::new();
            for (code, status) in golden::ERRORS {
                let body = wire(&golden::error_body(code));
                let error =
                    CopySnapshot::parse_response(*status, &golden::headers("req-err"), &body)
                        .expect_err("an error status")
                        .into_service_error()
                        .expect("a service error");
                assert_eq!(error.code(), *code);
                assert_eq!(error.message(), Some(format!("{code} happened").as_str()));
                assert_eq!(error.request_id(), Some("req-err"));
                assert_eq!(error.meta().status(), *status);
                let variant = match &error {
                    CopySnapshotError::SnapshotAlreadyExistsFault(_) => "SnapshotAlreadyExistsFault",
                    CopySnapshotError::SnapshotNotFoundFault(_) => "SnapshotNotFoundFault",
                    CopySnapshotError::SnapshotQuotaExceededFault(_) => "SnapshotQuotaExceededFault",
                    CopySnapshotError::InvalidSnapshotStateFault(_) => "InvalidSnapshotStateFault",
                    CopySnapshotError::ServiceLinkedRoleNotFoundFault(_) => {
                        "ServiceLinkedRoleNotFoundFault"
                    }
                    CopySnapshotError::InvalidParameterValueException(e) => {
                        // The modeled `message` member is filled from the body too.
                        assert_eq!(e.message.as_deref(), Some(format!("{code} happened").as_str()));
                        "InvalidParameterValueException"
                    }
                    CopySnapshotError::InvalidParameterCombinationException(e) => {
                        assert_eq!(e.message.as_deref(), Some(format!("{code} happened").as_str()));
                        "InvalidParameterCombinationException"
                    }
                    CopySnapshotError::TagQuotaPerResourceExceeded(_) => {
                        "TagQuotaPerResourceExceeded"
                    }
                    other => panic!("{code} parsed as {other:?}"),
                };
                assert_eq!(variant, *code);
                seen.push(error.to_string());
            }
            insta::assert_debug_snapshot!("errors", seen);
        }

        /// A body that spells it `Message` (as many services do) fills the modeled error
        /// structure's `message` member as well as the error's `message()`, for errors whose
        /// model has the member and for those whose `message` the generator adds.
        #[test]
        fn capitalised_message_fills_the_message_member() {
            for code in ["InvalidParameterValueException", "SnapshotNotFoundFault"] {
                let body = wire(
                    &serde_json::json!({
                        "__type": code,
                        "Message": "spelt with a capital"
                    })
                    .to_string(),
                );
                let error = CopySnapshot::parse_response(400, &golden::headers("r"), &body)
                    .expect_err("an error status")
                    .into_service_error()
                    .expect("a service error");
                assert_eq!(error.message(), Some("spelt with a capital"), "{code}");
                let member = match &error {
                    CopySnapshotError::InvalidParameterValueException(e) => e.message.clone(),
                    CopySnapshotError::SnapshotNotFoundFault(e) => e.message.clone(),
                    other => panic!("{code} parsed as {other:?}"),
                };
                assert_eq!(member.as_deref(), Some("spelt with a capital"), "{code}");
            }
        }

        #[test]
        fn unknown_error_code_is_unhandled_with_code_and_message() {
            let body = wire(
                &serde_json::json!({
                    "__type": "com.amazonaws.memorydb#BrandNewFault:http://internal.amazon.com/",
                    "Message": "something new"
                })
                .to_string(),
            );
            let error = CopySnapshot::parse_response(409, &golden::headers("req-x"), &body)
                .expect_err("an error status")
                .into_service_error()
                .expect("a service error");
            // A code the service does not have: `Unhandled` holding the service's `Unhandled`.
            let CopySnapshotError::Unhandled(svc::Error::Unhandled(meta)) = &error else {
                panic!("expected Unhandled, got {error:?}");
            };
            assert_eq!(meta.code(), "BrandNewFault");
            assert_eq!(meta.message(), Some("something new"));
            assert_eq!(meta.request_id(), Some("req-x"));
            assert_eq!(meta.status(), 409);
        }

        #[test]
        fn error_code_falls_back_to_the_error_type_header() {
            let mut headers = golden::headers("req-h");
            headers.insert(
                "x-amzn-errortype",
                http::HeaderValue::from_static("SnapshotNotFoundFault:http://internal.amazon.com/"),
            );
            let error = CopySnapshot::parse_response(404, &headers, b"")
                .expect_err("an error status")
                .into_service_error()
                .expect("a service error");
            assert!(matches!(error, CopySnapshotError::SnapshotNotFoundFault(_)), "{error:?}");
            assert_eq!(error.message(), None);
        }

        #[test]
        fn malformed_bodies_are_errors_not_panics() {
            for body in ($malformed)() {
                for status in [200, 400] {
                    let result = std::panic::catch_unwind(|| {
                        CopySnapshot::parse_response(status, &golden::headers("r"), &body)
                    });
                    let result = result.unwrap_or_else(|_| {
                        panic!("parsing panicked on {:?}", String::from_utf8_lossy(&body))
                    });
                    assert!(
                        result.is_err(),
                        "{:?} (HTTP {status}) parsed as {result:?}",
                        String::from_utf8_lossy(&body)
                    );
                }
            }
        }

        #[test]
        fn truncated_responses_are_errors_not_panics() {
            let body = wire(golden::RESPONSE);
            for len in 0..body.len() {
                let cut = &body[..len];
                let result = CopySnapshot::parse_response(200, &golden::headers("r"), cut);
                if len > 0 {
                    assert!(result.is_err(), "a body cut at {len} parsed");
                }
            }
        }
    };
}
