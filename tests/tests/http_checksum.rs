//! `httpChecksum` read by both front ends into the same IR (`Operation::http_checksum`), and a
//! model whose checksum members are not members of the input refused naming the operation.

use awsgen_codegen::ir::{HttpChecksum, Model};
use awsgen_codegen::model;
use serde_json::{Value, json};

fn load(name: &str, model: &Value) -> Result<Model, String> {
    model::load(name, model.to_string().as_bytes()).map_err(|e| e.to_string())
}

/// A restXml botocore model: `Put` (algorithm member, checksum required) and `Get`
/// (validation mode member, response algorithms); `algorithm` names Put's algorithm member.
fn botocore(algorithm: &str) -> Value {
    json!({
        "metadata": {"apiVersion": "2024-01-01", "protocol": "rest-xml", "protocols": ["rest-xml"],
                     "serviceId": "Svc", "signatureVersion": "v4", "endpointPrefix": "svc"},
        "operations": {
            "Put": {"name": "Put", "http": {"method": "PUT", "requestUri": "/"},
                    "input": {"shape": "PutIn"},
                    "httpChecksum": {"requestAlgorithmMember": algorithm, "requestChecksumRequired": true}},
            "Get": {"name": "Get", "http": {"method": "GET", "requestUri": "/"},
                    "input": {"shape": "GetIn"},
                    "httpChecksum": {"requestValidationModeMember": "Mode",
                                     "responseAlgorithms": ["CRC32", "SHA256", "XXHASH64"]}}
        },
        "shapes": {
            "PutIn": {"type": "structure", "members": {
                "Algorithm": {"shape": "Alg", "location": "header", "locationName": "x-amz-sdk-checksum-algorithm"}}},
            "GetIn": {"type": "structure", "members": {
                "Mode": {"shape": "Mode", "location": "header", "locationName": "x-amz-checksum-mode"}}},
            "Alg": {"type": "string", "enum": ["CRC32", "SHA256"]},
            "Mode": {"type": "string", "enum": ["ENABLED"]}
        }
    })
}

/// The same service as a Smithy JSON AST.
fn smithy(algorithm: &str) -> Value {
    json!({"smithy": "2.0", "shapes": {
        "ns#Svc": {"type": "service", "version": "2024-01-01",
                   "operations": [{"target": "ns#Put"}, {"target": "ns#Get"}],
                   "traits": {"aws.protocols#restXml": {}, "aws.api#service": {"sdkId": "Svc"}}},
        "ns#Put": {"type": "operation", "input": {"target": "ns#PutIn"},
                   "traits": {"smithy.api#http": {"method": "PUT", "uri": "/"},
                              "aws.protocols#httpChecksum": {"requestAlgorithmMember": algorithm,
                                                             "requestChecksumRequired": true}}},
        "ns#Get": {"type": "operation", "input": {"target": "ns#GetIn"},
                   "traits": {"smithy.api#http": {"method": "GET", "uri": "/"},
                              "aws.protocols#httpChecksum": {"requestValidationModeMember": "Mode",
                                                             "responseAlgorithms": ["CRC32", "SHA256", "XXHASH64"]}}},
        "ns#PutIn": {"type": "structure", "members": {
            "Algorithm": {"target": "ns#Alg", "traits": {"smithy.api#httpHeader": "x-amz-sdk-checksum-algorithm"}}}},
        "ns#GetIn": {"type": "structure", "members": {
            "Mode": {"target": "ns#Mode", "traits": {"smithy.api#httpHeader": "x-amz-checksum-mode"}}}},
        "ns#Alg": {"type": "enum", "members": {
            "CRC32": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "CRC32"}},
            "SHA256": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "SHA256"}}}},
        "ns#Mode": {"type": "enum", "members": {
            "ENABLED": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "ENABLED"}}}}
    }})
}

#[test]
fn both_front_ends_read_http_checksum() {
    for (name, model) in [
        ("botocore.json", botocore("Algorithm")),
        ("smithy.json", smithy("Algorithm")),
    ] {
        let model = load(name, &model).unwrap_or_else(|e| panic!("{e}"));
        let put = model.operation("Put").expect("Put");
        assert_eq!(
            put.http_checksum,
            Some(HttpChecksum {
                request_algorithm_member: Some("Algorithm".to_owned()),
                request_checksum_required: true,
                request_validation_mode_member: None,
                response_algorithms: Vec::new(),
            }),
            "{name}"
        );
        assert!(put.checksum_required, "{name}");
        let get = model.operation("Get").expect("Get");
        assert_eq!(
            get.http_checksum,
            Some(HttpChecksum {
                request_algorithm_member: None,
                request_checksum_required: false,
                request_validation_mode_member: Some("Mode".to_owned()),
                response_algorithms: vec!["CRC32".into(), "SHA256".into(), "XXHASH64".into()],
            }),
            "{name}"
        );
        assert!(!get.checksum_required, "{name}");
    }
}

#[test]
fn a_checksum_member_missing_from_the_input_is_refused() {
    for (name, model) in [
        ("botocore.json", botocore("Nope")),
        ("smithy.json", smithy("Nope")),
    ] {
        let error = load(name, &model).unwrap_err();
        assert!(error.contains(name), "{error}");
        assert!(error.contains("Put"), "{error}");
        assert!(
            error.contains(
                "httpChecksum `requestAlgorithmMember`: `Nope` is no member of the input"
            ),
            "{error}"
        );
    }
}
