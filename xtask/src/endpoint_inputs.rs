//! The second level of the endpoint tests: cases with `operationInputs` bind the rule set's
//! parameters as a client does — built-ins by `builtIn` (`AWS::Region`), client parameters
//! by name, then the operation's static context parameters, `contextParam` input members and
//! `operationContextParams` paths (from the model, as the IR holds them) read from
//! `operationParams` — and must give the same expectation.

use std::collections::BTreeMap;

use awsgen_codegen::endpoints::Table;
use awsgen_codegen::ir::{ContextPath, EndpointParamSource, Model};
use awsgen_runtime::endpoint::Value;
use serde_json::Value as Json;

/// The parameters one `operationInputs` entry binds, or why they cannot be bound.
pub fn bind(table: &Table, model: &Model, input: &Json) -> Result<Vec<(String, Json)>, String> {
    let mut params: BTreeMap<String, Json> = BTreeMap::new();
    if let Some(built_ins) = input.get("builtInParams").and_then(Json::as_object) {
        for (built_in, value) in built_ins {
            let name = table
                .params
                .iter()
                .find(|p| {
                    p.built_in
                        .and_then(|b| table.strings.get(usize::try_from(b).ok()?))
                        .is_some_and(|b| b == built_in)
                })
                .and_then(|p| table.strings.get(usize::try_from(p.name).ok()?));
            // A built-in the rule set has no parameter for is ignored, as the SDKs do.
            if let Some(name) = name {
                params.insert(name.clone(), value.clone());
            }
        }
    }
    if let Some(client) = input.get("clientParams").and_then(Json::as_object) {
        for (name, value) in client {
            params.insert(name.clone(), value.clone());
        }
    }
    let op_name = input
        .get("operationName")
        .and_then(Json::as_str)
        .ok_or("no operationName")?;
    let op = model
        .operation(op_name)
        .ok_or_else(|| format!("the model has no operation {op_name}"))?;
    let given = input.get("operationParams").cloned().unwrap_or(Json::Null);
    for param in &op.endpoint_params {
        let value = match &param.source {
            EndpointParamSource::Static(v) => v.clone(),
            EndpointParamSource::Member(member) => given.get(member).cloned().unwrap_or(Json::Null),
            EndpointParamSource::Path(path) => eval_path(path, &given),
        };
        if !value.is_null() {
            params.insert(param.name.clone(), value);
        }
    }
    Ok(params.into_iter().collect())
}

/// A parameter value from JSON.
pub fn value(json: &Json) -> Value<'static> {
    match json {
        Json::Bool(b) => Value::Bool(*b),
        Json::String(s) => Value::Str(s.clone().into()),
        Json::Number(n) => n.as_i64().map_or(Value::None, Value::Int),
        Json::Array(items) => Value::Array(items.iter().map(value).collect()),
        Json::Object(o) => Value::Object(
            o.iter()
                .map(|(k, v)| (k.clone().into(), value(v)))
                .collect(),
        ),
        Json::Null => Value::None,
    }
}

/// The value `path` reaches in `v` (the test's `operationParams`, with the model's member
/// names), as JMESPath gives it: `null` when the start is absent; projections drop nulls.
pub fn eval_path(path: &ContextPath, v: &Json) -> Json {
    let walk = |from: &Json, members: &[String]| -> Json {
        let mut cur = from;
        for key in members {
            match cur.get(key) {
                Some(next) => cur = next,
                None => return Json::Null,
            }
        }
        cur.clone()
    };
    match path {
        ContextPath::Members(members) => walk(v, members),
        ContextPath::Keys(members) => match walk(v, members) {
            Json::Object(o) => Json::Array(o.keys().map(|k| Json::String(k.clone())).collect()),
            _ => Json::Null,
        },
        ContextPath::Each { list, select } => match walk(v, list) {
            Json::Array(items) => Json::Array(
                items
                    .iter()
                    .flat_map(|item| select.iter().map(move |p| walk(item, p)))
                    .filter(|x| !x.is_null())
                    .collect(),
            ),
            _ => Json::Null,
        },
    }
}
