//! The endpoint evaluator on small hand-built tables (parameters, defaults, scoping of
//! assignments, tree fall-through, error rules, headers and properties, a malformed table),
//! and the partitions table against the vendored `partitions.json`. The rule sets of every
//! service are checked by `cargo xtask endpoint-tests`.

use std::borrow::Cow;

use awsgen_runtime::endpoint::{
    Condition, EndpointError, Expr, Function, List, Outcome, Param, ParamType, Rule, RuleSet,
    Segment, Value,
};
use awsgen_runtime::partitions::{PARTITIONS, partition};

const fn l(start: u32, len: u32) -> List {
    List { start, len }
}

/// Params: Region (string), Flag (boolean, default false, required).
/// Rules:
///   0: [isSet(Region), X := aws.partition(Region), booleanEquals(Flag, true)] -> tree [
///        2: [stringEquals(X#name, "aws-cn")] -> error "cn: {Region}"
///      ]                                              (falls through when 2 does not match)
///   1: [isSet(Region), X := aws.partition(Region)] -> endpoint "https://svc.{Region}.{X#dnsSuffix}"
///        headers { h: ["v"] }, properties { p: "{X#name}" }
///   (no region) -> no rule matches
static STRINGS: &[&str] = &[
    "Region",
    "Flag",
    "aws-cn",
    "cn: ",
    "https://svc.",
    ".",
    "name",
    "dnsSuffix",
    "h",
    "v",
    "p",
];
static TABLE: RuleSet<'static> = RuleSet {
    service: "Test",
    strings: STRINGS,
    params: &[
        Param {
            name: 0,
            kind: ParamType::String,
            required: false,
            default: None,
            built_in: None,
        },
        Param {
            name: 1,
            kind: ParamType::Boolean,
            required: true,
            default: Some(0),
            built_in: None,
        },
    ],
    exprs: &[
        /* 0 */ Expr::Bool(false),
        /* 1 */ Expr::Var(0),
        /* 2 */ Expr::Call(Function::IsSet, l(0, 1)),
        /* 3 */ Expr::Call(Function::Partition, l(0, 1)),
        /* 4 */ Expr::Var(1),
        /* 5 */ Expr::Bool(true),
        /* 6 */ Expr::Call(Function::BooleanEquals, l(1, 2)),
        /* 7 */ Expr::Var(2),
        /* 8 */ Expr::Attr(7, l(0, 1)),
        /* 9 */ Expr::Str(2),
        /* 10 */ Expr::Call(Function::StringEquals, l(3, 2)),
        /* 11 */ Expr::Str(3),
        /* 12 */ Expr::Template(l(5, 2)),
        /* 13 */ Expr::Str(4),
        /* 14 */ Expr::Str(5),
        /* 15 */ Expr::Attr(7, l(1, 1)),
        /* 16 */ Expr::Template(l(7, 4)),
        /* 17 */ Expr::Str(9),
        /* 18 */ Expr::Array(l(11, 1)),
        /* 19 */ Expr::Template(l(14, 1)),
        /* 20 */ Expr::Object(l(12, 2)),
    ],
    lists: &[
        /* 0 */ 1, // [Region]
        /* 1 */ 4, 5, // [Flag, true]
        /* 3 */ 8, 9, // [X#name, "aws-cn"]
        /* 5 */ 11, 1, // "cn: " Region
        /* 7 */ 13, 1, 14, 15, // "https://svc." Region "." X#dnsSuffix
        /* 11 */ 17, // ["v"]
        /* 12 */ 10, 19, // p: "{X#name}"
        /* 14 */ 8, // X#name
        /* 15 */ 8, 18, // header h: ["v"]
    ],
    paths: &[Segment::Key(6), Segment::Key(7)],
    conditions: &[
        /* 0 */ Condition {
            expr: 2,
            assign: None,
        },
        /* 1 */ Condition {
            expr: 3,
            assign: Some(2),
        },
        /* 2 */ Condition {
            expr: 6,
            assign: None,
        },
        /* 3 */ Condition {
            expr: 10,
            assign: None,
        },
    ],
    rules: &[
        /* 0 */
        Rule {
            conditions: l(0, 3),
            outcome: Outcome::Tree(l(2, 1)),
        },
        /* 1 */
        Rule {
            conditions: l(0, 2),
            outcome: Outcome::Endpoint {
                url: 16,
                properties: Some(20),
                headers: l(15, 2),
            },
        },
        /* 2 */
        Rule {
            conditions: l(3, 1),
            outcome: Outcome::Error(12),
        },
    ],
    root: l(0, 2),
    slots: 3,
};

fn s(v: &str) -> Value<'_> {
    Value::Str(Cow::Borrowed(v))
}

#[test]
fn endpoint_with_headers_and_properties() {
    let endpoint = TABLE.resolve(&[("Region", s("eu-west-1"))]).unwrap();
    assert_eq!(endpoint.url, "https://svc.eu-west-1.amazonaws.com");
    assert_eq!(
        endpoint.headers,
        vec![("h".to_owned(), vec!["v".to_owned()])]
    );
    assert_eq!(
        endpoint.properties,
        Value::Object(vec![(Cow::Borrowed("p"), s("aws"))])
    );
}

#[test]
fn a_tree_whose_rules_fail_falls_through_and_an_error_rule_stops() {
    // Flag set, not a cn region: rule 2 does not match, so the tree falls through to rule 1.
    let endpoint = TABLE
        .resolve(&[("Region", s("us-east-1")), ("Flag", Value::Bool(true))])
        .unwrap();
    assert_eq!(endpoint.url, "https://svc.us-east-1.amazonaws.com");
    let err = TABLE
        .resolve(&[("Region", s("cn-north-1")), ("Flag", Value::Bool(true))])
        .unwrap_err();
    assert_eq!(err, EndpointError::Rule("cn: cn-north-1".to_owned()));
    // Without the flag (default false), cn resolves.
    let endpoint = TABLE.resolve(&[("Region", s("cn-north-1"))]).unwrap();
    assert_eq!(endpoint.url, "https://svc.cn-north-1.amazonaws.com.cn");
}

#[test]
fn parameter_errors() {
    assert!(matches!(TABLE.resolve(&[]), Err(EndpointError::NoMatch(_))));
    let err = TABLE.resolve(&[("Region", Value::Bool(true))]).unwrap_err();
    assert!(
        matches!(err, EndpointError::Param(ref m) if m.contains("Region")),
        "{err:?}"
    );
}

#[test]
fn a_malformed_table_is_an_error_naming_the_service() {
    let broken = RuleSet {
        exprs: &TABLE.exprs[..5],
        ..TABLE
    };
    let err = broken.resolve(&[("Region", s("us-east-1"))]).unwrap_err();
    assert!(
        matches!(err, EndpointError::Invalid(ref m) if m.contains("Test")),
        "{err:?}"
    );
}

#[test]
fn partitions_match_the_vendored_file() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../models/partitions/partitions.json"
    );
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let file = json["partitions"].as_array().unwrap();
    assert_eq!(file.len(), PARTITIONS.len());
    for (p, f) in PARTITIONS.iter().zip(file) {
        let o = &f["outputs"];
        assert_eq!(p.name, f["id"]);
        assert_eq!(p.name, o["name"]);
        assert_eq!(p.dns_suffix, o["dnsSuffix"]);
        assert_eq!(p.dual_stack_dns_suffix, o["dualStackDnsSuffix"]);
        assert_eq!(p.implicit_global_region, o["implicitGlobalRegion"]);
        assert_eq!(p.supports_fips, o["supportsFIPS"]);
        assert_eq!(p.supports_dual_stack, o["supportsDualStack"]);
        let regions: Vec<&str> = f["regions"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut ours = p.regions.to_vec();
        ours.sort_unstable();
        let mut theirs = regions.clone();
        theirs.sort_unstable();
        assert_eq!(ours, theirs, "{}", p.name);
        // The pattern is `^<alternatives>\-\w+\-\d+$` and its alternatives are our prefixes.
        let regex = f["regionRegex"].as_str().unwrap();
        let head = regex
            .strip_prefix('^')
            .and_then(|r| r.strip_suffix("\\-\\w+\\-\\d+$"))
            .unwrap_or_else(|| panic!("unexpected pattern {regex}"));
        let alternatives: Vec<String> = head
            .replace(['(', ')'], "")
            .split('|')
            .map(|a| a.replace("\\-", "-"))
            .collect();
        assert_eq!(alternatives, p.region_prefixes, "{}", p.name);
    }
    assert_eq!(partition("us-gov-west-1").name, "aws-us-gov");
    assert_eq!(partition("us-isob-east-1").name, "aws-iso-b");
    assert_eq!(partition("us-iso-west-9").name, "aws-iso");
    assert_eq!(partition("aws-cn-global").name, "aws-cn");
    assert_eq!(partition("eusc-de-north-7").name, "aws-eusc");
    assert_eq!(partition("mars-north-1").name, "aws");
    assert_eq!(partition("").name, "aws");
}
