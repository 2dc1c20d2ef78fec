//! restJson1 requests that cannot be built are errors naming the member, never a panic and
//! never a wrong URL: an unset or empty URI label, a header value HTTP does not allow, a
//! prefix-header key that is not a header name, a host-prefix label that is not a host label.
//! (The conformance suites cover the requests that can be built.)

use awsgen_conformance::dispatch::ENTRIES;
use serde_json::{Value, json};

fn build(module: &str, operation: &str, params: Value) -> Result<http::Request<Vec<u8>>, String> {
    let entry = ENTRIES
        .iter()
        .find(|e| e.module == module && e.operation == operation)
        .unwrap_or_else(|| panic!("no generated {module}::{operation}"));
    (entry.build)(params)
}

fn refused(module: &str, operation: &str, params: Value, member: &str) {
    let err = build(module, operation, params.clone())
        .expect_err(&format!("{operation} {params} is refused"));
    assert!(
        err.contains(&format!("member `{member}`")),
        "{operation} {params}: {err}"
    );
}

const LABELS: (&str, &str) = ("rest_json_input_17", "HttpRequestWithGreedyLabelInPath");

#[test]
fn labels_must_be_set_and_not_empty() {
    let (m, op) = LABELS;
    let ok = build(m, op, json!({"foo": "a b/c", "baz": "x/y z"})).expect("builds");
    assert_eq!(
        ok.uri().path(),
        "/HttpRequestWithGreedyLabelInPath/foo/a%20b%2Fc/baz/x/y%20z"
    );
    // (An unset label is refused the same way; labels are required members, so the serde
    // input of this harness cannot leave one out.)
    refused(m, op, json!({"foo": "", "baz": "x"}), "foo");
    refused(m, op, json!({"foo": "a", "baz": ""}), "baz");
}

#[test]
fn header_values_must_be_valid_http() {
    let (m, op) = ("rest_json_input_22", "InputAndOutputWithHeaders");
    refused(
        m,
        op,
        json!({"headerString": "a\r\nInjected: yes"}),
        "headerString",
    );
    refused(
        m,
        op,
        json!({"headerStringList": ["ok", "bad\n"]}),
        "headerStringList",
    );
    let ok = build(m, op, json!({"headerString": "tab\tis fine"})).expect("builds");
    assert_eq!(ok.headers()["x-string"], "tab\tis fine");
    let (m, op) = ("rest_json_input_15", "HttpPrefixHeaders");
    refused(m, op, json!({"fooMap": {"bad key": "v"}}), "fooMap");
}

#[test]
fn host_labels_must_be_host_labels() {
    let (m, op) = ("rest_json_input_08", "EndpointWithHostLabelOperation");
    let mut ok = build(m, op, json!({"label": "bar"})).expect("builds");
    awsgen_conformance::runtime::set_endpoint(&mut ok, "https://example.com").expect("endpoint");
    assert_eq!(ok.uri().host(), Some("foo.bar.example.com"));
    for bad in ["", "a/b", "a..b", "-a", "evil.com/x", "a b"] {
        refused(m, op, json!({"label": bad}), "label");
    }
}
