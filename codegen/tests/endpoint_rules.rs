//! Malformed endpoint rule sets: lowering fails with a message naming the service and the rule
//! (or parameter) at fault, never a panic.

use awsgen_codegen::endpoints::lower;
use serde_json::json;

fn error(rules: serde_json::Value) -> String {
    lower("Svc", &rules).unwrap_err().to_string()
}

fn with_rules(rules: serde_json::Value) -> serde_json::Value {
    json!({
        "version": "1.0",
        "parameters": {"Region": {"type": "String", "builtIn": "AWS::Region"}},
        "rules": rules
    })
}

#[test]
fn malformed_rule_sets_name_the_service_and_the_rule() {
    let endpoint = json!({"url": "https://x", "properties": {}, "headers": {}});
    let cases = [
        (
            with_rules(json!([{"type": "tree", "conditions": [], "rules": [
                {"type": "endpoint", "conditions": [{"fn": "aws.foo", "argv": []}], "endpoint": endpoint}
            ]}])),
            "endpoint rule set of Svc: rules[0].rules[0].conditions[0]: unknown function `aws.foo`",
        ),
        (
            with_rules(
                json!([{"type": "endpoint", "conditions": [{"fn": "isSet", "argv": [{"ref": "Nope"}]}], "endpoint": endpoint}]),
            ),
            "endpoint rule set of Svc: rules[0].conditions[0]: `Nope` is neither a parameter nor assigned in scope",
        ),
        (
            with_rules(
                json!([{"type": "endpoint", "conditions": [], "endpoint": {"url": "https://{Region}.{Nope#dnsSuffix}"}}]),
            ),
            "endpoint rule set of Svc: rules[0]: `Nope` is neither a parameter nor assigned in scope",
        ),
        (
            with_rules(json!([{"type": "sideways", "conditions": []}])),
            "endpoint rule set of Svc: rules[0]: unknown rule type Some(\"sideways\")",
        ),
        (
            with_rules(
                json!([{"type": "endpoint", "conditions": [{"fn": "isSet", "argv": []}], "endpoint": endpoint}]),
            ),
            "endpoint rule set of Svc: rules[0].conditions[0]: `isSet` takes 1 arguments, not 0",
        ),
        (
            json!({"parameters": {"Region": {"type": "Int"}}, "rules": []}),
            "endpoint rule set of Svc: parameter Region: unknown parameter type Some(\"Int\")",
        ),
        (
            json!({"rules": []}),
            "endpoint rule set of Svc: parameters: no `parameters` object",
        ),
    ];
    for (rules, want) in cases {
        assert_eq!(error(rules), want);
    }
}

#[test]
fn a_variable_of_a_sibling_rule_is_out_of_scope() {
    let rules = with_rules(json!([
        {"type": "error", "conditions": [{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "P"}, {"fn": "not", "argv": [true]}], "error": "never"},
        {"type": "error", "conditions": [], "error": "{P#name}"}
    ]));
    assert_eq!(
        error(rules),
        "endpoint rule set of Svc: rules[1]: `P` is neither a parameter nor assigned in scope"
    );
}
