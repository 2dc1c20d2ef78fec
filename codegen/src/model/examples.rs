//! Permissive serde mirror of botocore's `examples-1.json`, and its lowering into
//! [`ir::Example`](crate::ir::Example)s on the model's operations.

use indexmap::IndexMap;
use serde::Deserialize;

use crate::ir::{Example, Model, Value};

/// A whole `examples-1.json`.
#[derive(Debug, Deserialize)]
pub struct ExamplesFile {
    /// Examples by operation name.
    #[serde(default)]
    pub examples: IndexMap<String, Vec<ExampleDef>>,
}

/// One example.
#[derive(Debug, Deserialize)]
pub struct ExampleDef {
    /// Title.
    #[serde(default)]
    pub title: Option<String>,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Input, as JSON with the model's member names.
    #[serde(default)]
    pub input: Option<serde_json::Value>,
    /// Output, as JSON with the model's member names.
    #[serde(default)]
    pub output: Option<serde_json::Value>,
}

/// Attaches the examples to their operations. Examples of operations the model does not have
/// are ignored: examples are documentation, and a stale one must not stop generation.
pub fn attach_examples(model: &mut Model, file: ExamplesFile) {
    for (name, examples) in file.examples {
        let Some(op) = model.operations.iter_mut().find(|o| o.name == name) else {
            continue;
        };
        op.examples = examples
            .into_iter()
            .map(|e| Example {
                title: e.title.unwrap_or_else(|| name.clone()),
                description: e.description,
                input: e.input.as_ref().map(value),
                output: e.output.as_ref().map(value),
            })
            .collect();
    }
}

/// An example value from its JSON.
pub(crate) fn value(json: &serde_json::Value) -> Value {
    match json {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => Value::Number(n.to_string()),
        serde_json::Value::String(s) => Value::String(s.clone()),
        serde_json::Value::Array(items) => Value::List(items.iter().map(value).collect()),
        // Sorted by key: whether serde_json keeps file order depends on a cargo feature that
        // another package of a build can switch on, and output must not depend on that.
        serde_json::Value::Object(map) => {
            let mut entries: Vec<_> = map.iter().map(|(k, v)| (k.clone(), value(v))).collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(entries)
        }
    }
}
