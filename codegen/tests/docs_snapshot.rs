//! Converts every documentation string of the vendored models to Markdown and snapshots the
//! result, so that any change in the converter's output on real documentation shows up in review.

use awsgen_codegen::docs::html_to_markdown;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn models_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../models")
}

/// The files in `dir` (sorted), or an empty list if it does not exist.
fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.map(|e| e.expect("directory entry").path()).collect())
        .unwrap_or_default();
    paths.sort();
    paths
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Adds every string value under the key `key`, at any depth.
fn collect(value: &Value, key: &str, out: &mut BTreeSet<String>) {
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    match v {
                        Value::String(s) if k == key => {
                            out.insert(s.clone());
                        }
                        _ => stack.push(v),
                    }
                }
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
}

/// Every distinct documentation string: botocore `documentation` keys (at all levels of
/// `botocore/<service>/<version>/service-2.json`) and Smithy `smithy.api#documentation` traits.
fn model_documentation() -> BTreeSet<String> {
    let models = models_dir();
    let mut docs = BTreeSet::new();
    for service in entries(&models.join("botocore")) {
        for version in entries(&service) {
            let path = version.join("service-2.json");
            if path.exists() {
                collect(&read_json(&path), "documentation", &mut docs);
            }
        }
    }
    for path in entries(&models.join("smithy")) {
        if path.extension().is_some_and(|e| e == "json") {
            collect(&read_json(&path), "smithy.api#documentation", &mut docs);
        }
    }
    docs
}

#[test]
fn model_documentation_snapshot() {
    let docs = model_documentation();
    assert!(
        docs.len() > 1000,
        "models not found under {}",
        models_dir().display()
    );
    let markdown: BTreeSet<String> = docs.iter().map(|html| html_to_markdown(html)).collect();
    // Entries are separated by a line of dashes, which the converter never outputs (a `-` that
    // starts a line of text is escaped, and list markers are followed by a space).
    let mut snapshot = format!(
        "{} documentation strings, {} distinct Markdown texts\n",
        docs.len(),
        markdown.len()
    );
    for md in &markdown {
        assert!(
            !md.lines().any(|l| l == "--------"),
            "divider in output: {md}"
        );
        snapshot.push_str("--------\n");
        snapshot.push_str(md);
        snapshot.push('\n');
    }
    insta::assert_snapshot!("model_documentation", snapshot);
}

#[test]
fn source_whitespace_does_not_matter() {
    // Smithy keeps the source's newlines and indentation, botocore collapses them: converting
    // each string with all its whitespace runs collapsed must give the same Markdown.
    for html in model_documentation() {
        assert!(
            !html.contains("<pre"),
            "whitespace is significant in <pre>: {html}"
        );
        let words = html
            .split([' ', '\t', '\n', '\r', '\x0c'])
            .filter(|w| !w.is_empty());
        let collapsed = words.collect::<Vec<_>>().join(" ");
        assert_eq!(
            html_to_markdown(&html),
            html_to_markdown(&collapsed),
            "{html}"
        );
    }
}
