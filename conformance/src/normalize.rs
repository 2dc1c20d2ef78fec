//! Brings the suites' JSON values into the form the generated types' serde uses, walking the
//! suite's own shapes: blobs (UTF-8 strings in the suites) become base64, and expected
//! timestamps (epoch seconds in the suites) become the RFC 3339 text the types serialize to.

use base64::Engine as _;
use serde_json::{Map, Value};

use crate::runtime::DateTime;

/// Which side of a comparison a value is on.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// `params` of an input case: deserialized into the input type.
    Params,
    /// `result` / `error` of an output case: compared with the serialized output.
    Expected,
}

/// Normalizes `value` of shape `shape` (a name in `shapes`).
pub fn normalize(shapes: &Value, shape: &str, value: &Value, side: Side) -> Value {
    normalize_depth(shapes, shape, value, side, 0)
}

fn normalize_depth(shapes: &Value, shape: &str, value: &Value, side: Side, depth: usize) -> Value {
    let def = &shapes[shape];
    if depth > 64 || def.is_null() {
        return value.clone();
    }
    let member_shape = |m: &Value| m["shape"].as_str().unwrap_or_default().to_owned();
    match def["type"].as_str().unwrap_or_default() {
        "structure" if def["document"] != Value::Bool(true) => match value {
            Value::Object(map) => Value::Object(
                map.iter()
                    .map(|(k, v)| {
                        let member = &def["members"][k];
                        let target = member_shape(member);
                        // A `jsonvalue` member is JSON text in the generated types; the
                        // suites give the value itself.
                        let json_value = member["jsonvalue"] == Value::Bool(true)
                            || shapes[target.as_str()]["jsonvalue"] == Value::Bool(true);
                        let v = if json_value && !v.is_string() {
                            Value::String(v.to_string())
                        } else if target.is_empty() {
                            v.clone()
                        } else {
                            normalize_depth(shapes, &target, v, side, depth + 1)
                        };
                        (k.clone(), v)
                    })
                    .collect::<Map<_, _>>(),
            ),
            // An event stream's value is the list of its events, each a one-member object.
            Value::Array(events) if def["eventstream"] == Value::Bool(true) => Value::Array(
                events
                    .iter()
                    .map(|e| normalize_depth(shapes, shape, e, side, depth + 1))
                    .collect(),
            ),
            other => other.clone(),
        },
        "list" => match value {
            Value::Array(items) => {
                let target = member_shape(&def["member"]);
                Value::Array(
                    items
                        .iter()
                        .map(|v| normalize_depth(shapes, &target, v, side, depth + 1))
                        .collect(),
                )
            }
            other => other.clone(),
        },
        "map" => match value {
            Value::Object(map) => {
                let target = member_shape(&def["value"]);
                Value::Object(
                    map.iter()
                        .map(|(k, v)| {
                            (
                                k.clone(),
                                normalize_depth(shapes, &target, v, side, depth + 1),
                            )
                        })
                        .collect(),
                )
            }
            other => other.clone(),
        },
        "blob" => match value {
            Value::String(s) => {
                Value::String(base64::engine::general_purpose::STANDARD.encode(s.as_bytes()))
            }
            other => other.clone(),
        },
        "timestamp" if side == Side::Expected => {
            let parsed = match value {
                Value::Number(n) => n.as_f64().and_then(DateTime::from_secs_f64),
                Value::String(s) => DateTime::parse_any(s).ok(),
                _ => None,
            };
            parsed.map_or_else(|| value.clone(), |t| Value::String(t.to_date_time_string()))
        }
        _ => value.clone(),
    }
}
