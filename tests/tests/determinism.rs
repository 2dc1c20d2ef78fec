//! Output is deterministic: generating twice from the same models gives byte-identical files.

use awsgen_tests::{fixtures, generate_all};

#[test]
fn generating_twice_gives_identical_files() {
    let mut models = fixtures();
    models.push("models/botocore/elasticache/2015-02-02/service-2.json".to_owned());
    models.push("models/botocore/memorydb/2021-01-01/service-2.json".to_owned());
    for rel in models {
        let first = generate_all(&rel, "service", "determinism");
        let second = generate_all(&rel, "service", "determinism");
        assert_eq!(first.len(), second.len(), "{rel}: file count differs");
        for (path, text) in &first {
            assert!(
                second.get(path) == Some(text),
                "{rel}: {path} differs between runs"
            );
        }
    }
}

/// The order of `shapes` and `operations` in the model file does not matter: reversing both
/// gives the same files. (Member order does matter: it is the order of fields and of query
/// parameters, so it is kept.)
#[test]
fn shape_and_operation_order_in_the_file_does_not_matter() {
    use awsgen_codegen::ir::Selection;
    use awsgen_codegen::{CrateInput, ServiceInput};

    let rel = "models/botocore/elasticache/2015-02-02/service-2.json";
    let text = std::fs::read_to_string(awsgen_tests::repo_root().join(rel)).expect("model");
    let reordered = reverse_top_level(&text, &["shapes", "operations"]);
    assert_ne!(reordered, text);
    let generate = |bytes: &[u8]| {
        let model = awsgen_codegen::model::load(rel, bytes).unwrap_or_else(|e| panic!("{e}"));
        awsgen_codegen::generate(&CrateInput {
            name: "determinism".to_owned(),
            services: vec![ServiceInput {
                module: "service".to_owned(),
                model,
                selection: Selection::All,
                protocol: None,
            }],
            command: "test".to_owned(),
            source: rel.to_owned(),
            standalone: false,
            runtime: awsgen_tests::runtime_dep(),
        })
        .unwrap_or_else(|e| panic!("{e}"))
    };
    assert!(generate(text.as_bytes()) == generate(reordered.as_bytes()));
}

/// The model text with the entries of the named top-level objects in reverse order; every
/// other byte of each value is kept as written (raw values, so member order is untouched).
fn reverse_top_level(text: &str, keys: &[&str]) -> String {
    type Raw = Box<serde_json::value::RawValue>;
    let object = |entries: Vec<(&String, &Raw)>| {
        let body: Vec<String> = entries
            .into_iter()
            .map(|(k, v)| format!("{}:{}", serde_json::to_string(k).expect("key"), v.get()))
            .collect();
        format!("{{{}}}", body.join(","))
    };
    let top: indexmap::IndexMap<String, Raw> = serde_json::from_str(text).expect("model JSON");
    let mut rebuilt: Vec<(String, Raw)> = Vec::new();
    for (key, value) in &top {
        let value = if keys.contains(&key.as_str()) {
            let entries: indexmap::IndexMap<String, Raw> =
                serde_json::from_str(value.get()).expect("object");
            let reversed = object(entries.iter().rev().collect());
            serde_json::value::RawValue::from_string(reversed).expect("raw")
        } else {
            value.clone()
        };
        rebuilt.push((key.clone(), value));
    }
    object(rebuilt.iter().map(|(k, v)| (k, v)).collect())
}
