//! The standard regional rule set, for a model that comes without one (hand-written fixtures,
//! a Smithy model without `smithy.rules#endpointRuleSet`): the structure AWS's generated rule
//! sets share (ElastiCache's without its `aws-us-gov` FIPS exception): an explicit endpoint
//! (without FIPS or dual-stack), else `https://{prefix}[-fips].{Region}.{dnsSuffix}` of the
//! region's partition, dual-stack with `dualStackDnsSuffix`.

use serde_json::{Value as Json, json};

/// The rule set JSON for the endpoint host prefix `prefix`.
pub fn rule_set(prefix: &str) -> Json {
    // The prefix goes into template strings: its braces must stay text.
    let prefix = prefix.replace('{', "{{").replace('}', "}}");
    let is_true = |name: &str| json!({"fn": "booleanEquals", "argv": [{"ref": name}, true]});
    let supports = |attr: &str| json!({"fn": "booleanEquals", "argv": [true, {"fn": "getAttr", "argv": [{"ref": "PartitionResult"}, attr]}]});
    let endpoint = |url: String| json!({"conditions": [], "endpoint": {"url": url, "properties": {}, "headers": {}}, "type": "endpoint"});
    let error = |message: &str| json!({"conditions": [], "error": message, "type": "error"});
    json!({
        "version": "1.0",
        "parameters": {
            "Region": {"builtIn": "AWS::Region", "required": false, "type": "String"},
            "UseDualStack": {"builtIn": "AWS::UseDualStack", "required": true, "default": false, "type": "Boolean"},
            "UseFIPS": {"builtIn": "AWS::UseFIPS", "required": true, "default": false, "type": "Boolean"},
            "Endpoint": {"builtIn": "SDK::Endpoint", "required": false, "type": "String"}
        },
        "rules": [
            {
                "conditions": [{"fn": "isSet", "argv": [{"ref": "Endpoint"}]}],
                "rules": [
                    {"conditions": [is_true("UseFIPS")], "error": "Invalid Configuration: FIPS and custom endpoint are not supported", "type": "error"},
                    {"conditions": [is_true("UseDualStack")], "error": "Invalid Configuration: Dualstack and custom endpoint are not supported", "type": "error"},
                    {"conditions": [], "endpoint": {"url": {"ref": "Endpoint"}, "properties": {}, "headers": {}}, "type": "endpoint"}
                ],
                "type": "tree"
            },
            {
                "conditions": [{"fn": "isSet", "argv": [{"ref": "Region"}]}],
                "rules": [{
                    "conditions": [{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "PartitionResult"}],
                    "rules": [
                        {
                            "conditions": [is_true("UseFIPS"), is_true("UseDualStack")],
                            "rules": [
                                {"conditions": [supports("supportsFIPS"), supports("supportsDualStack")], "rules": [endpoint(format!("https://{prefix}-fips.{{Region}}.{{PartitionResult#dualStackDnsSuffix}}"))], "type": "tree"},
                                error("FIPS and DualStack are enabled, but this partition does not support one or both")
                            ],
                            "type": "tree"
                        },
                        {
                            "conditions": [is_true("UseFIPS")],
                            "rules": [
                                {"conditions": [supports("supportsFIPS")], "rules": [endpoint(format!("https://{prefix}-fips.{{Region}}.{{PartitionResult#dnsSuffix}}"))], "type": "tree"},
                                error("FIPS is enabled but this partition does not support FIPS")
                            ],
                            "type": "tree"
                        },
                        {
                            "conditions": [is_true("UseDualStack")],
                            "rules": [
                                {"conditions": [supports("supportsDualStack")], "rules": [endpoint(format!("https://{prefix}.{{Region}}.{{PartitionResult#dualStackDnsSuffix}}"))], "type": "tree"},
                                error("DualStack is enabled but this partition does not support DualStack")
                            ],
                            "type": "tree"
                        },
                        endpoint(format!("https://{prefix}.{{Region}}.{{PartitionResult#dnsSuffix}}"))
                    ],
                    "type": "tree"
                }],
                "type": "tree"
            },
            error("Invalid Configuration: Missing Region")
        ]
    })
}
