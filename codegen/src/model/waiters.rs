//! Permissive serde mirror of botocore's `waiters-2.json`, and its translation into the
//! front-end-neutral [`WaiterSpec`]s (the same form the Smithy `@waitable` trait gives).

use indexmap::IndexMap;
use serde::Deserialize;

use crate::ir::waiters::{
    AcceptorSpec, AcceptorState, Comparator, DEFAULT_MAX_DELAY, Expected, MatcherSpec, WaiterSpec,
};

/// A whole `waiters-2.json`.
#[derive(Debug, Deserialize)]
pub struct WaitersFile {
    /// Waiters by name.
    pub waiters: IndexMap<String, WaiterDef>,
}

/// One waiter.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WaiterDef {
    /// The operation polled.
    pub operation: String,
    /// Seconds between attempts.
    pub delay: u64,
    /// Attempts before botocore gives up.
    #[serde(default)]
    pub max_attempts: Option<u64>,
    /// Plain-text description.
    #[serde(default)]
    pub description: Option<String>,
    /// The acceptors, in order.
    pub acceptors: Vec<AcceptorDef>,
}

/// One acceptor.
#[derive(Debug, Deserialize)]
pub struct AcceptorDef {
    /// `success`, `failure` or `retry`.
    pub state: String,
    /// `path`, `pathAll`, `pathAny`, `error` or `status`.
    pub matcher: String,
    /// The JMESPath of the path matchers.
    #[serde(default)]
    pub argument: Option<String>,
    /// The value matched.
    pub expected: serde_json::Value,
}

impl WaitersFile {
    /// The waiters as specs, in file order. botocore states a fixed `delay`: it becomes the
    /// least delay, and the greatest is Smithy's default (120 s), or the delay if longer.
    pub fn specs(&self) -> Vec<WaiterSpec> {
        self.waiters
            .iter()
            .map(|(name, def)| WaiterSpec {
                name: name.clone(),
                operation: def.operation.clone(),
                docs: def.description.clone(),
                min_delay: def.delay,
                max_delay: def.delay.max(DEFAULT_MAX_DELAY),
                deprecated: false,
                acceptors: def
                    .acceptors
                    .iter()
                    .map(|a| AcceptorSpec {
                        state: match a.state.as_str() {
                            "success" => AcceptorState::Success,
                            "failure" => AcceptorState::Failure,
                            _ => AcceptorState::Retry,
                        },
                        matcher: if matches!(a.state.as_str(), "success" | "failure" | "retry") {
                            matcher(a)
                        } else {
                            MatcherSpec::Unsupported(format!("unknown state `{}`", a.state))
                        },
                    })
                    .collect(),
            })
            .collect()
    }
}

fn matcher(a: &AcceptorDef) -> MatcherSpec {
    use serde_json::Value;
    let comparator = match a.matcher.as_str() {
        "path" => Comparator::Equals,
        "pathAll" => Comparator::All,
        "pathAny" => Comparator::Any,
        "error" => {
            return match &a.expected {
                Value::String(code) => MatcherSpec::ErrorCode(code.clone()),
                // `true`: any error; `false`: no error.
                Value::Bool(b) => MatcherSpec::Success(!b),
                other => MatcherSpec::Unsupported(format!("error matcher expecting `{other}`")),
            };
        }
        "status" => {
            return match a.expected.as_u64().and_then(|s| u16::try_from(s).ok()) {
                Some(status) => MatcherSpec::Status(status),
                None => {
                    MatcherSpec::Unsupported(format!("status matcher expecting `{}`", a.expected))
                }
            };
        }
        other => return MatcherSpec::Unsupported(format!("matcher `{other}` is not supported")),
    };
    let Some(path) = &a.argument else {
        return MatcherSpec::Unsupported(format!("`{}` matcher without an argument", a.matcher));
    };
    let expected = match &a.expected {
        Value::String(s) => Expected::String(s.clone()),
        Value::Bool(b) => Expected::Boolean(*b),
        other => {
            return MatcherSpec::Unsupported(format!(
                "path matcher expecting `{other}` (only strings and booleans)"
            ));
        }
    };
    MatcherSpec::Output {
        path: path.clone(),
        comparator,
        expected,
    }
}

#[cfg(test)]
mod tests {
    const MODEL: &str = include_str!("../../../models/fixtures/waiter-paths.json");
    const WAITERS: &str = include_str!("../../../models/fixtures/waiter-paths.waiters-2.json");

    #[test]
    fn waiters_outside_the_subset_are_left_out_with_the_reason() {
        let mut model = crate::model::load("waiter-paths.json", MODEL.as_bytes()).unwrap();
        crate::model::load_waiters(
            &mut model,
            "waiter-paths.waiters-2.json",
            WAITERS.as_bytes(),
        )
        .unwrap();
        let op = &model.operations[0];
        assert_eq!(op.waiters.len(), 10);
        let left: Vec<(&str, &str)> = op
            .left_out_waiters
            .iter()
            .map(|l| (l.name.as_str(), l.reason.as_str()))
            .collect();
        assert_eq!(
            left,
            [
                (
                    "Indexed",
                    "path `Things[0].Status`: index and slice expressions (`[n]`) are not supported"
                ),
                (
                    "Mistyped",
                    "path `Ready`: compares `Boolean` (a boolean) with the string `ACTIVE`"
                ),
            ]
        );
    }

    #[test]
    fn a_waiter_of_a_missing_operation_names_it() {
        let mut model = crate::model::load("waiter-paths.json", MODEL.as_bytes()).unwrap();
        let e = crate::model::load_waiters(
            &mut model,
            "w.json",
            br#"{"version": 2, "waiters": {"X": {"operation": "Nope", "delay": 1,
                 "maxAttempts": 1, "acceptors": []}}}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("w.json") && e.contains("`Nope`") && e.contains("waiter `X`"),
            "{e}"
        );
    }
}
