//! How far the client's endpoint resolver (`runtime/src/endpoint.rs`) follows the models'
//! endpoint rule sets: a small interpreter of the rule-set language (only the functions these two
//! rule sets use — `isSet`, `booleanEquals`, `stringEquals`, `getAttr`, `aws.partition` — and
//! it fails on any other) evaluates the vendored ElastiCache and MemoryDB rule sets for every
//! partition's regions with and without FIPS and dual-stack, and with an explicit endpoint; the
//! resolver must agree everywhere except the two service-specific rules its docs name.
//! `aws.partition` uses the resolver's partition table (every partition supports FIPS and
//! dual-stack, as in botocore's `partitions.json`), so this checks the rules, not the table.

use std::collections::BTreeMap;

use awsgen_e2e::runtime::endpoint::{EndpointParams, partition, resolve};
use serde_json::Value;

#[derive(Clone, Debug, PartialEq)]
enum Val {
    Null,
    Bool(bool),
    Str(String),
    Obj(BTreeMap<String, Val>),
}

struct Interpreter<'a> {
    vars: BTreeMap<String, Val>,
    rules: &'a Value,
}

impl Interpreter<'_> {
    fn eval(&mut self, expr: &Value) -> Val {
        match expr {
            Value::Bool(b) => Val::Bool(*b),
            Value::String(s) => Val::Str(self.template(s)),
            Value::Object(o) if o.contains_key("ref") => self
                .vars
                .get(o["ref"].as_str().unwrap())
                .cloned()
                .unwrap_or(Val::Null),
            Value::Object(o) if o.contains_key("fn") => {
                let args: Vec<Val> = o["argv"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|a| self.eval(a))
                    .collect();
                match o["fn"].as_str().unwrap() {
                    "isSet" => Val::Bool(args[0] != Val::Null),
                    "booleanEquals" | "stringEquals" => Val::Bool(args[0] == args[1]),
                    "getAttr" => match (&args[0], &args[1]) {
                        (Val::Obj(map), Val::Str(key)) => {
                            map.get(key).cloned().unwrap_or(Val::Null)
                        }
                        other => panic!("getAttr on {other:?}"),
                    },
                    "aws.partition" => match &args[0] {
                        Val::Str(region) => {
                            let p = partition(region);
                            Val::Obj(BTreeMap::from([
                                ("name".into(), Val::Str(p.name.into())),
                                ("dnsSuffix".into(), Val::Str(p.dns_suffix.into())),
                                (
                                    "dualStackDnsSuffix".into(),
                                    Val::Str(p.dual_stack_dns_suffix.into()),
                                ),
                                ("supportsFIPS".into(), Val::Bool(true)),
                                ("supportsDualStack".into(), Val::Bool(true)),
                            ]))
                        }
                        _ => Val::Null,
                    },
                    other => panic!("the interpreter does not support `{other}`"),
                }
            }
            other => panic!("unsupported expression {other}"),
        }
    }

    /// `{Region}` and `{PartitionResult#dnsSuffix}` in a string.
    fn template(&self, s: &str) -> String {
        let mut out = String::new();
        let mut rest = s;
        while let Some(start) = rest.find('{') {
            out.push_str(&rest[..start]);
            let end = rest[start..].find('}').unwrap() + start;
            let name = &rest[start + 1..end];
            let value = match name.split_once('#') {
                Some((var, attr)) => match &self.vars[var] {
                    Val::Obj(map) => map[attr].clone(),
                    other => panic!("{var} is {other:?}"),
                },
                None => self.vars[name].clone(),
            };
            match value {
                Val::Str(v) => out.push_str(&v),
                other => panic!("{name} is {other:?}"),
            }
            rest = &rest[end + 1..];
        }
        out.push_str(rest);
        out
    }

    fn run(&mut self, rules: &Value) -> Option<Result<String, String>> {
        for rule in rules.as_array().unwrap() {
            let saved = self.vars.clone();
            let mut matched = true;
            for condition in rule["conditions"].as_array().unwrap() {
                let value = self.eval(condition);
                if let Some(name) = condition.get("assign").and_then(Value::as_str) {
                    self.vars.insert(name.to_owned(), value.clone());
                }
                if matches!(value, Val::Null | Val::Bool(false)) {
                    matched = false;
                    break;
                }
            }
            if matched {
                let result = match rule["type"].as_str().unwrap() {
                    "tree" => self.run(&rule["rules"]),
                    "error" => Some(Err(rule["error"].as_str().unwrap().to_owned())),
                    "endpoint" => match self.eval(&rule["endpoint"]["url"]) {
                        Val::Str(url) => Some(Ok(url)),
                        other => panic!("endpoint url {other:?}"),
                    },
                    other => panic!("rule type {other}"),
                };
                if result.is_some() {
                    return result;
                }
            }
            self.vars = saved;
        }
        None
    }

    fn resolve(&mut self, params: &EndpointParams<'_>) -> Result<String, String> {
        let opt = |v: Option<&str>| v.map_or(Val::Null, |s| Val::Str(s.to_owned()));
        self.vars = BTreeMap::from([
            ("Region".into(), opt(params.region)),
            ("Endpoint".into(), opt(params.endpoint)),
            ("UseFIPS".into(), Val::Bool(params.use_fips)),
            ("UseDualStack".into(), Val::Bool(params.use_dual_stack)),
        ]);
        let rules = &self.rules["rules"];
        self.run(rules)
            .expect("the rule set always ends in an error rule")
    }
}

const REGIONS: &[&str] = &[
    "us-east-1",
    "eu-west-1",
    "ap-southeast-2",
    "cn-north-1",
    "us-gov-west-1",
    "us-gov-east-1",
    "us-iso-east-1",
    "us-isob-east-1",
    "eu-isoe-west-1",
    "us-isof-south-1",
    "eusc-de-east-1",
    "mars-north-1",
    "fips",
];

/// Every (region, fips, dual-stack) where the resolver and the rule set disagree, and the
/// rule set's answer.
fn differences(model_dir: &str, prefix: &str) -> Vec<(String, bool, bool, Result<String, String>)> {
    let path = format!(
        "{}/../models/botocore/{model_dir}/endpoint-rule-set-1.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let rules: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut interpreter = Interpreter {
        vars: BTreeMap::new(),
        rules: &rules,
    };
    let mut out = Vec::new();
    let mut checked = 0;
    for endpoint in [None, Some("http://127.0.0.1:5000")] {
        for region in REGIONS {
            for fips in [false, true] {
                for dual_stack in [false, true] {
                    let params = EndpointParams {
                        region: Some(region),
                        endpoint,
                        use_fips: fips,
                        use_dual_stack: dual_stack,
                    };
                    let expected = interpreter.resolve(&params);
                    let ours = resolve(prefix, &params).map_err(|e| e.message().to_owned());
                    checked += 1;
                    if ours != expected {
                        out.push(((*region).to_owned(), fips, dual_stack, expected));
                    }
                }
            }
        }
    }
    assert_eq!(checked, 2 * REGIONS.len() * 4);
    out
}

#[test]
fn elasticache_rule_set() {
    // The rule set's one special case: FIPS in aws-us-gov answers the non-FIPS host.
    assert_eq!(
        differences("elasticache/2015-02-02", "elasticache"),
        [
            (
                "us-gov-west-1".to_owned(),
                true,
                false,
                Ok("https://elasticache.us-gov-west-1.amazonaws.com".to_owned())
            ),
            (
                "us-gov-east-1".to_owned(),
                true,
                false,
                Ok("https://elasticache.us-gov-east-1.amazonaws.com".to_owned())
            ),
        ]
    );
}

#[test]
fn memorydb_rule_set() {
    // The rule set's one special case: the `fips` pseudo-region.
    assert_eq!(
        differences("memorydb/2021-01-01", "memory-db"),
        [(
            "fips".to_owned(),
            false,
            false,
            Ok("https://memory-db-fips.us-west-1.amazonaws.com".to_owned())
        )]
    );
}
