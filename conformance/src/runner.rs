//! Runs every case of the vendored suites against the generated code and reports, per protocol
//! and direction, how many passed, failed and were skipped (with reasons).

use std::panic::{AssertUnwindSafe, catch_unwind};

use base64::Engine as _;
use serde_json::Value;

use crate::harness::{Entry, Outcome, SuiteInfo};
use crate::normalize::{Side, normalize};
use crate::{compare, expected, skips};

/// The suite files (relative to `tests/protocol-tests/botocore/`) with their contents.
const FILES: &[(&str, &str)] = &[
    (
        "input/query.json",
        include_str!("../../tests/protocol-tests/botocore/input/query.json"),
    ),
    (
        "output/query.json",
        include_str!("../../tests/protocol-tests/botocore/output/query.json"),
    ),
    (
        "legacy/input/query.json",
        include_str!("../../tests/protocol-tests/botocore/legacy/input/query.json"),
    ),
    (
        "legacy/output/query.json",
        include_str!("../../tests/protocol-tests/botocore/legacy/output/query.json"),
    ),
    (
        "input/json.json",
        include_str!("../../tests/protocol-tests/botocore/input/json.json"),
    ),
    (
        "output/json.json",
        include_str!("../../tests/protocol-tests/botocore/output/json.json"),
    ),
    (
        "legacy/input/json.json",
        include_str!("../../tests/protocol-tests/botocore/legacy/input/json.json"),
    ),
    (
        "legacy/output/json.json",
        include_str!("../../tests/protocol-tests/botocore/legacy/output/json.json"),
    ),
    (
        "input/smithy-rpc-v2-cbor.json",
        include_str!("../../tests/protocol-tests/botocore/input/smithy-rpc-v2-cbor.json"),
    ),
    (
        "output/smithy-rpc-v2-cbor.json",
        include_str!("../../tests/protocol-tests/botocore/output/smithy-rpc-v2-cbor.json"),
    ),
    (
        "input/json_1_0.json",
        include_str!("../../tests/protocol-tests/botocore/input/json_1_0.json"),
    ),
    (
        "output/json_1_0.json",
        include_str!("../../tests/protocol-tests/botocore/output/json_1_0.json"),
    ),
    (
        "input/json_1_0-query-compatible.json",
        include_str!("../../tests/protocol-tests/botocore/input/json_1_0-query-compatible.json"),
    ),
    (
        "output/json_1_0-query-compatible.json",
        include_str!("../../tests/protocol-tests/botocore/output/json_1_0-query-compatible.json"),
    ),
    (
        "input/smithy-rpc-v2-cbor-query-compatible.json",
        include_str!(
            "../../tests/protocol-tests/botocore/input/smithy-rpc-v2-cbor-query-compatible.json"
        ),
    ),
    (
        "output/smithy-rpc-v2-cbor-query-compatible.json",
        include_str!(
            "../../tests/protocol-tests/botocore/output/smithy-rpc-v2-cbor-query-compatible.json"
        ),
    ),
    (
        "input/smithy-rpc-v2-cbor-non-query-compatible.json",
        include_str!(
            "../../tests/protocol-tests/botocore/input/smithy-rpc-v2-cbor-non-query-compatible.json"
        ),
    ),
    (
        "input/rest-json.json",
        include_str!("../../tests/protocol-tests/botocore/input/rest-json.json"),
    ),
    (
        "output/rest-json.json",
        include_str!("../../tests/protocol-tests/botocore/output/rest-json.json"),
    ),
    (
        "legacy/input/rest-json.json",
        include_str!("../../tests/protocol-tests/botocore/legacy/input/rest-json.json"),
    ),
    (
        "legacy/output/rest-json.json",
        include_str!("../../tests/protocol-tests/botocore/legacy/output/rest-json.json"),
    ),
    (
        "input/ec2.json",
        include_str!("../../tests/protocol-tests/botocore/input/ec2.json"),
    ),
    (
        "output/ec2.json",
        include_str!("../../tests/protocol-tests/botocore/output/ec2.json"),
    ),
    (
        "legacy/input/ec2.json",
        include_str!("../../tests/protocol-tests/botocore/legacy/input/ec2.json"),
    ),
    (
        "legacy/output/ec2.json",
        include_str!("../../tests/protocol-tests/botocore/legacy/output/ec2.json"),
    ),
    (
        "input/rest-xml.json",
        include_str!("../../tests/protocol-tests/botocore/input/rest-xml.json"),
    ),
    (
        "output/rest-xml.json",
        include_str!("../../tests/protocol-tests/botocore/output/rest-xml.json"),
    ),
    (
        "legacy/input/rest-xml.json",
        include_str!("../../tests/protocol-tests/botocore/legacy/input/rest-xml.json"),
    ),
    (
        "legacy/output/rest-xml.json",
        include_str!("../../tests/protocol-tests/botocore/legacy/output/rest-xml.json"),
    ),
];

/// How a case ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// It passed.
    Passed,
    /// It failed, and why.
    Failed(String),
    /// It was skipped, and why.
    Skipped(&'static str),
}

/// The result of one case.
#[derive(Clone, Debug)]
pub struct CaseResult {
    /// `query`, `json`, `json_1_0`, `cbor` or `rest-json`: the suite file's name.
    pub protocol: &'static str,
    /// `input` or `output`.
    pub direction: &'static str,
    /// Whether the case comes from botocore's legacy suites.
    pub legacy: bool,
    /// `input/query.json:QueryLists` (legacy: `legacy/input/query.json:3.1`).
    pub name: String,
    /// How it ended.
    pub status: Status,
}

/// Runs every case whose name contains `filter` (all when `None`).
pub fn run(filter: Option<&str>) -> Vec<CaseResult> {
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let mut results = Vec::new();
    for (file, text) in FILES {
        let suites: Vec<Value> = match serde_json::from_str(text) {
            Ok(s) => s,
            Err(e) => panic!("{file}: {e}"),
        };
        let protocol = protocol_of(file);
        let direction = direction_of(file);
        for (i, suite) in suites.iter().enumerate() {
            let suite_wide = suite_info(&format!("{file}#{i}"));
            for (j, case) in suite["cases"].as_array().into_iter().flatten().enumerate() {
                // A case with an operation of its own has a service of its own (build.rs).
                let info = suite_info(&format!("{file}#{i}:{j}")).or(suite_wide);
                let name = match case["id"].as_str() {
                    Some(id) => format!("{file}:{id}"),
                    None => format!("{file}:{i}.{j}"),
                };
                if filter.is_some_and(|f| !name.contains(f)) {
                    continue;
                }
                let status = match skips::SKIPS.iter().find(|(n, _)| *n == name) {
                    Some((_, reason)) => Status::Skipped(reason),
                    None => run_case(info, wire(protocol), direction, suite, case),
                };
                results.push(CaseResult {
                    protocol,
                    direction,
                    legacy: file.starts_with("legacy/"),
                    name,
                    status,
                });
            }
        }
    }
    std::panic::set_hook(previous_hook);
    if filter.is_none() {
        results.extend(coverage_failures(&results));
    }
    results
}

/// A run of every case must run exactly the cases the files hold, and every skip must match a
/// case: each gap is a failed result, so a run that silently runs nothing cannot pass.
fn coverage_failures(results: &[CaseResult]) -> Vec<CaseResult> {
    let failure = |name: String, why: String| CaseResult {
        protocol: protocol_of(name.split(':').next().unwrap_or_default()),
        direction: direction_of(&name),
        legacy: name.starts_with("legacy/"),
        name,
        status: Status::Failed(why),
    };
    let mut failures = Vec::new();
    for (file, _) in FILES {
        let ran = results
            .iter()
            .filter(|r| r.name.split_once(':').is_some_and(|(f, _)| f == *file))
            .count();
        match expected::CASES.iter().find(|(f, _)| f == file) {
            Some((_, cases)) if *cases == ran => {}
            Some((_, cases)) => failures.push(failure(
                (*file).to_owned(),
                format!("the file holds {cases} cases, but {ran} ran"),
            )),
            None => failures.push(failure(
                (*file).to_owned(),
                "no case count in `conformance/src/expected.rs`".to_owned(),
            )),
        }
    }
    for (file, _) in expected::CASES {
        if !FILES.iter().any(|(f, _)| f == file) {
            failures.push(failure(
                (*file).to_owned(),
                "listed in `conformance/src/expected.rs`, but the runner has no such file"
                    .to_owned(),
            ));
        }
    }
    for (name, reason) in skips::SKIPS {
        if reason.trim().len() < 20 {
            failures.push(failure(
                (*name).to_owned(),
                "skip entry without a reason a reviewer can check".to_owned(),
            ));
        }
        if !results.iter().any(|r| r.name == *name) {
            failures.push(failure(
                (*name).to_owned(),
                "skip entry matches no case: remove it or correct its name".to_owned(),
            ));
        }
    }
    failures
}

/// One line per protocol and direction: `query input: 63 passed, 0 failed, 0 skipped (38 + 25 legacy)`.
pub fn summary(results: &[CaseResult]) -> Vec<String> {
    let mut lines = Vec::new();
    let mut protocols: Vec<&str> = Vec::new();
    for r in results {
        if !protocols.contains(&r.protocol) {
            protocols.push(r.protocol);
        }
    }
    for protocol in protocols {
        for direction in ["input", "output"] {
            let group: Vec<_> = results
                .iter()
                .filter(|r| r.protocol == protocol && r.direction == direction)
                .collect();
            if group.is_empty() {
                continue;
            }
            let count = |f: fn(&Status) -> bool| group.iter().filter(|r| f(&r.status)).count();
            let legacy = group.iter().filter(|r| r.legacy).count();
            lines.push(format!(
                "{protocol} {direction}: {} passed, {} failed, {} skipped ({} + {legacy} legacy cases)",
                count(|s| matches!(s, Status::Passed)),
                count(|s| matches!(s, Status::Failed(_))),
                count(|s| matches!(s, Status::Skipped(_))),
                group.len() - legacy,
            ));
        }
    }
    lines
}

/// The protocol of a suite file, as reports name it (each file name its own line).
fn protocol_of(file: &str) -> &'static str {
    let stem = file
        .rsplit('/')
        .next()
        .unwrap_or(file)
        .trim_end_matches(".json");
    match stem {
        "query" => "query",
        "rest-json" => "rest-json",
        "ec2" => "ec2",
        "rest-xml" => "rest-xml",
        "json" => "json",
        "json_1_0" => "json_1_0",
        "smithy-rpc-v2-cbor" => "cbor",
        "json_1_0-query-compatible" => "json_1_0 query-compatible",
        "smithy-rpc-v2-cbor-query-compatible" => "cbor query-compatible",
        "smithy-rpc-v2-cbor-non-query-compatible" => "cbor non-query-compatible",
        _ => "other",
    }
}

/// How a suite's bodies compare: the report name's wire family (`json_1_0` reads as `json`).
fn wire(protocol: &str) -> &str {
    match protocol {
        "json_1_0" | "json_1_0 query-compatible" => "json",
        "cbor query-compatible" | "cbor non-query-compatible" => "cbor",
        other => other,
    }
}

/// `input` or `output`.
fn direction_of(file: &str) -> &'static str {
    if file.contains("input/") {
        "input"
    } else {
        "output"
    }
}

fn suite_info(key: &str) -> Option<&'static SuiteInfo> {
    crate::suites::SUITES.iter().find(|s| s.key == key)
}

fn entry(module: &str, operation: &str) -> Option<&'static Entry> {
    crate::dispatch::ENTRIES
        .iter()
        .find(|e| e.module == module && e.operation == operation)
}

fn run_case(
    info: Option<&SuiteInfo>,
    protocol: &str,
    direction: &str,
    suite: &Value,
    case: &Value,
) -> Status {
    let Some(info) = info else {
        return Status::Failed("suite missing from the build".to_owned());
    };
    let Some(module) = info.module else {
        return Status::Failed(format!(
            "the generator rejected the suite's model: {}",
            info.generation_error.unwrap_or("?")
        ));
    };
    let op = case["given"]["name"].as_str().unwrap_or_default();
    let Some(entry) = entry(module, op) else {
        return Status::Failed(format!("no generated operation `{op}` in `{module}`"));
    };
    let result = catch_unwind(AssertUnwindSafe(|| {
        if direction == "input" {
            check_input(entry, protocol, suite, case)
        } else {
            check_output(entry, protocol, suite, case)
        }
    }));
    match result {
        Ok(Ok(())) => Status::Passed,
        Ok(Err(why)) => Status::Failed(why),
        Err(panic) => Status::Failed(format!("PANIC: {}", panic_message(&panic))),
    }
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "(no message)".to_owned()
    }
}

fn check_input(entry: &Entry, protocol: &str, suite: &Value, case: &Value) -> Result<(), String> {
    let shapes = &suite["shapes"];
    let input_shape = case["given"]["input"]["shape"].as_str().unwrap_or_default();
    // botocore's runner reads a missing or `null` `params` as no parameters.
    let params = match &case["params"] {
        Value::Null => Value::Object(serde_json::Map::new()),
        params => params.clone(),
    };
    let params = normalize(shapes, input_shape, &params, Side::Params);
    // botocore's runner pins uuid4 the same way: the suites expect this token when the input
    // leaves an idempotency token unset.
    let mut request = crate::runtime::idempotency::with_token_source(
        || "00000000-0000-4000-8000-000000000000".to_owned(),
        || (entry.build)(params),
    )?;
    let expected = &case["serialized"];

    let endpoint = suite["clientEndpoint"]
        .as_str()
        .unwrap_or("https://example.com");
    crate::runtime::set_endpoint(&mut request, endpoint).map_err(|e| e.to_string())?;

    if let Some(method) = expected["method"].as_str()
        && request.method().as_str() != method
    {
        return Err(format!(
            "method: expected {method}, got {}",
            request.method()
        ));
    }
    let uri = request
        .uri()
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .to_owned();
    if let Some(expected_uri) = expected["uri"].as_str()
        && uri != expected_uri
    {
        return Err(format!("uri: expected {expected_uri}, got {uri}"));
    }
    if let Some(host) = expected["host"].as_str() {
        // botocore's suites name the host together with the endpoint's path.
        let endpoint_path = endpoint
            .parse::<http::Uri>()
            .map(|u| u.path().trim_end_matches('/').to_owned())
            .unwrap_or_default();
        let actual = format!(
            "{}{endpoint_path}",
            request.uri().authority().map_or("", |a| a.as_str())
        );
        if actual != host {
            return Err(format!("host: expected {host}, got {actual}"));
        }
    }
    let list_headers = list_headers(shapes, input_shape);
    for (name, value) in expected["headers"].as_object().into_iter().flatten() {
        let value = value.as_str().unwrap_or_default();
        let actual = request
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap_or("<non-UTF-8>"));
        let charset = format!("{value}; charset=utf-8");
        // A list header is an HTTP list (RFC 9110 5.6.1: whitespace after a comma is
        // optional): the Smithy suites join items with `, `, botocore's legacy ones with `,`,
        // and botocore's runner compares them without it, as this one does.
        let list = |v: &str| v.replace(", ", ",");
        let matches = match actual {
            Some(a) => {
                a == value
                    || (list_headers.contains(&name.to_ascii_lowercase()) && list(a) == list(value))
                    || (matches!(protocol, "query" | "ec2")
                        && name.eq_ignore_ascii_case("content-type")
                        && a == charset)
            }
            None => false,
        };
        if !matches {
            return Err(format!("header {name}: expected {value:?}, got {actual:?}"));
        }
    }
    for name in expected["forbidHeaders"].as_array().into_iter().flatten() {
        let name = name.as_str().unwrap_or_default();
        if request.headers().contains_key(name) {
            return Err(format!("header {name} must not be sent"));
        }
    }
    for name in expected["requireHeaders"].as_array().into_iter().flatten() {
        let name = name.as_str().unwrap_or_default();
        if !request.headers().contains_key(name) {
            return Err(format!("header {name} must be sent"));
        }
    }

    let body = request.body();
    // Some cases (request compression) check only headers.
    let Some(expected_body) = expected["body"].as_str() else {
        return Ok(());
    };
    match protocol {
        "query" | "ec2" => {
            let actual = String::from_utf8_lossy(body);
            if actual != expected_body {
                return Err(format!(
                    "body:\n  expected {expected_body}\n  got      {actual}"
                ));
            }
            Ok(())
        }
        "rest-json" => {
            // Payloads are raw bytes; documents compare as JSON; an empty body must be empty.
            if expected_body.is_empty() {
                return if body.is_empty() {
                    Ok(())
                } else {
                    Err(format!(
                        "body: expected none, got {}",
                        String::from_utf8_lossy(body)
                    ))
                };
            }
            match (
                serde_json::from_str::<Value>(expected_body),
                serde_json::from_slice::<Value>(body),
            ) {
                (Ok(e), Ok(a)) => compare::json(&e, &a).map_err(|m| format!("body: {m}")),
                _ if body == expected_body.as_bytes() => Ok(()),
                _ => Err(format!(
                    "body:\n  expected {expected_body}\n  got      {}",
                    String::from_utf8_lossy(body)
                )),
            }
        }
        "rest-xml" => {
            // Payloads are raw bytes; documents compare as XML trees; an empty body must be
            // empty.
            if expected_body.is_empty() {
                return if body.is_empty() {
                    Ok(())
                } else {
                    Err(format!(
                        "body: expected none, got {}",
                        String::from_utf8_lossy(body)
                    ))
                };
            }
            if body == expected_body.as_bytes() {
                return Ok(());
            }
            if expected_body.trim_start().starts_with('<') {
                return crate::xml_compare::xml(expected_body, body)
                    .map_err(|m| format!("body: {m}"));
            }
            Err(format!(
                "body:\n  expected {expected_body}\n  got      {}",
                String::from_utf8_lossy(body)
            ))
        }
        "json" => {
            let parse = |text: &[u8], what: &str| -> Result<Value, String> {
                if text.iter().all(u8::is_ascii_whitespace) {
                    Ok(Value::Object(serde_json::Map::new()))
                } else {
                    serde_json::from_slice(text)
                        .map_err(|e| format!("{what} body is not JSON: {e}"))
                }
            };
            let e = parse(expected_body.as_bytes(), "expected")?;
            let a = parse(body, "actual")?;
            compare::json(&e, &a).map_err(|m| format!("body: {m}"))
        }
        _ => {
            let e = base64::engine::general_purpose::STANDARD
                .decode(expected_body)
                .map_err(|e| format!("expected body is not base64: {e}"))?;
            compare::cbor(&e, body).map_err(|m| format!("body: {m}"))
        }
    }
}

fn check_output(entry: &Entry, protocol: &str, suite: &Value, case: &Value) -> Result<(), String> {
    let response = &case["response"];
    let status = response["status_code"].as_u64().unwrap_or(200) as u16;
    let mut headers = http::HeaderMap::new();
    for (name, value) in response["headers"].as_object().into_iter().flatten() {
        let name = http::HeaderName::from_bytes(name.as_bytes()).map_err(|e| e.to_string())?;
        let value = http::HeaderValue::from_str(value.as_str().unwrap_or_default())
            .map_err(|e| e.to_string())?;
        headers.append(name, value);
    }
    let body_text = response["body"].as_str().unwrap_or_default();
    // An event stream's body is binary: the suites give it in base64, as CBOR bodies.
    let shapes = &suite["shapes"];
    let output_shape = case["given"]["output"]["shape"]
        .as_str()
        .unwrap_or_default();
    let event_stream = shapes[output_shape]["members"]
        .as_object()
        .into_iter()
        .flatten()
        .any(|(_, m)| {
            shapes[m["shape"].as_str().unwrap_or_default()]["eventstream"] == Value::Bool(true)
        });
    let body = if protocol == "cbor" || event_stream {
        base64::engine::general_purpose::STANDARD
            .decode(body_text)
            .map_err(|e| format!("response body is not base64: {e}"))?
    } else {
        body_text.as_bytes().to_vec()
    };
    let outcome = (entry.parse)(status, &headers, &body);

    if let Some(code) = case["errorCode"].as_str() {
        let Outcome::Error {
            code: actual_code,
            message,
            fields,
        } = outcome
        else {
            return Err(format!("expected error {code}, got {outcome:?}"));
        };
        if actual_code != code {
            return Err(format!("error code: expected {code}, got {actual_code}"));
        }
        if let Some(expected_message) = case["errorMessage"].as_str()
            && message.as_deref() != Some(expected_message)
        {
            return Err(format!(
                "error message: expected {expected_message:?}, got {message:?}"
            ));
        }
        let error_shape = error_shape(shapes, &case["given"], code);
        let expected = match &case["error"] {
            Value::Null => Value::Object(serde_json::Map::new()),
            e => normalize(shapes, &error_shape, e, Side::Expected),
        };
        // The generator gives every error structure without one a `message` member (filled
        // from the envelope's message, as `ErrorMetadata.message` is): not a member of the
        // suite's shape, so not compared as one (the message itself is, above).
        let mut fields = fields;
        let declares_message = shapes[error_shape.as_str()]["members"]
            .as_object()
            .is_some_and(|m| m.keys().any(|k| k.eq_ignore_ascii_case("message")));
        if !declares_message && let Value::Object(map) = &mut fields {
            map.remove("message");
        }
        return compare::json(&expected, &fields).map_err(|m| format!("error members: {m}"));
    }

    let Outcome::Output(actual) = outcome else {
        return Err(format!("expected an output, got {outcome:?}"));
    };
    let output_shape = case["given"]["output"]["shape"]
        .as_str()
        .unwrap_or_default();
    let mut expected = case["result"].clone();
    if let Value::Object(map) = &mut expected {
        map.remove("ResponseMetadata");
    }
    let expected = normalize(shapes, output_shape, &expected, Side::Expected);
    compare::json(&expected, &actual).map_err(|m| format!("output: {m}"))
}

/// The lowercase names of the headers that list members of `input_shape` are bound to.
fn list_headers(shapes: &Value, input_shape: &str) -> Vec<String> {
    shapes[input_shape]["members"]
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(_, m)| {
            m["location"] == "header"
                && m["shape"]
                    .as_str()
                    .is_some_and(|t| shapes[t]["type"] == "list")
        })
        .map(|(name, m)| {
            m["locationName"]
                .as_str()
                .unwrap_or(name)
                .to_ascii_lowercase()
        })
        .collect()
}

/// The error shape whose wire code is `code` (its `error.code`, else its name): one `given`
/// lists, else any exception of the suite's shapes (botocore looks codes up in the whole
/// service, and so does the generated code).
fn error_shape(shapes: &Value, given: &Value, code: &str) -> String {
    let named = |name: &&str| shapes[*name]["error"]["code"].as_str().unwrap_or(name) == code;
    let listed = given["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["shape"].as_str())
        .find(named);
    let exceptions = shapes
        .as_object()
        .into_iter()
        .flatten()
        .filter_map(|(name, s)| {
            (s["exception"].as_bool() == Some(true) || s["error"].is_object())
                .then_some(name.as_str())
        });
    listed
        .or_else(|| exceptions.into_iter().find(named))
        .unwrap_or_default()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passed(name: &str) -> CaseResult {
        CaseResult {
            protocol: "json",
            direction: "input",
            legacy: false,
            name: name.to_owned(),
            status: Status::Passed,
        }
    }

    #[test]
    fn a_run_of_nothing_fails_for_every_file_and_every_skip() {
        let failures = coverage_failures(&[]);
        assert_eq!(
            failures.len(),
            FILES.len() + skips::SKIPS.len(),
            "{failures:#?}"
        );
        assert!(
            failures
                .iter()
                .all(|f| matches!(f.status, Status::Failed(_)))
        );
        let first = &failures[0];
        assert_eq!(first.name, FILES[0].0);
        assert!(
            matches!(&first.status, Status::Failed(why) if why.contains("but 0 ran")),
            "{first:?}"
        );
    }

    #[test]
    fn a_file_short_of_one_case_fails_and_a_stale_skip_is_named() {
        let (file, cases) = expected::CASES[0];
        let results: Vec<_> = (1..cases).map(|i| passed(&format!("{file}:{i}"))).collect();
        let failures = coverage_failures(&results);
        let short = failures
            .iter()
            .find(|f| f.name == file)
            .expect("file reported");
        assert_eq!(
            short.status,
            Status::Failed(format!(
                "the file holds {cases} cases, but {} ran",
                cases - 1
            ))
        );
        let stale = failures
            .iter()
            .find(|f| f.name == skips::SKIPS[0].0)
            .expect("skip reported");
        assert!(matches!(&stale.status, Status::Failed(why) if why.contains("matches no case")));
    }
}
