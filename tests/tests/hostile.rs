//! Hostile models: every file in `models/fixtures/bad/` gives either a clear error naming the
//! file and the shape at fault, or code that compiles clean — never a panic, never a hang —
//! and nothing from a model reaches the output as code. Plus two generated extremes: a
//! 10,000-member structure and a 1,000-deep chain of structures.

use std::collections::BTreeMap;
use std::sync::mpsc;
use std::time::Duration;

use awsgen_codegen::ir::Selection;
use awsgen_codegen::{CrateInput, ServiceInput};
use awsgen_tests::{check_crates, concat_without_runtime, repo_root};
use quote::ToTokens;

/// What generating a model gave: the error text, or the files.
type Outcome = Result<BTreeMap<String, String>, String>;

/// Loads and generates `bytes` (named `rel` in messages) on a separate thread, failing the test
/// on a panic or when it takes longer than a minute.
fn generate(rel: &str, bytes: Vec<u8>) -> Outcome {
    let (tx, rx) = mpsc::channel();
    let name = rel.to_owned();
    let stem = rel
        .rsplit('/')
        .next()
        .unwrap_or(rel)
        .trim_end_matches(".json");
    let words: Vec<&str> = stem
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let package = format!("hostile-{}", words.join("-"));
    std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || {
            let outcome = awsgen_codegen::model::load(&name, &bytes)
                .and_then(|model| {
                    awsgen_codegen::generate(&CrateInput {
                        name: package,
                        services: vec![ServiceInput {
                            module: "hostile".to_owned(),
                            model,
                            selection: Selection::All,
                            protocol: None,
                        }],
                        command: "cargo test -p awsgen-tests --test hostile".to_owned(),
                        source: name.clone(),
                        standalone: false,
                        runtime: awsgen_tests::runtime_dep(),
                    })
                })
                .map_err(|e| e.to_string());
            let _ = tx.send(outcome);
        })
        .expect("thread starts");
    // A hang detector, not a speed test: the 10,000-member model alone takes about 25 s in a
    // debug build, and more than twice that beside other tests on a loaded 2-core machine.
    match rx.recv_timeout(Duration::from_secs(300)) {
        Ok(outcome) => outcome,
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{rel}: generation hangs"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{rel}: generation panicked"),
    }
}

fn read_bad(name: &str) -> (String, Vec<u8>) {
    let rel = format!("models/fixtures/bad/{name}");
    let bytes = std::fs::read(repo_root().join(&rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    (rel, bytes)
}

/// The exact error, or the generated code, of every hostile model.
#[test]
fn hostile_models_give_clear_errors_or_code() {
    insta::glob!("../../models/fixtures/bad", "*.json", |path| {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let (rel, bytes) = read_bad(name);
        match generate(&rel, bytes) {
            Err(message) => {
                assert!(
                    message.starts_with(&rel),
                    "{rel}: the error must name the file: {message}"
                );
                insta::assert_snapshot!("error", message);
            }
            Ok(files) => insta::assert_snapshot!("code", concat_without_runtime(&files)),
        }
    });
}

/// The hostile models that must succeed give code that compiles without warnings.
#[test]
fn hostile_models_that_generate_compile_clean() {
    let dir = repo_root().join("models/fixtures/bad");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("bad fixtures")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut crates = Vec::new();
    for name in names {
        let (rel, bytes) = read_bad(&name);
        if let Ok(files) = generate(&rel, bytes) {
            let stem = name.trim_end_matches(".json").to_owned();
            crates.push((stem, files));
        }
    }
    assert!(crates.len() >= 8, "the corpus has successes to compile");
    let deep = deep_chain(1_000);
    crates.push((
        "deep-chain".to_owned(),
        generate("deep-chain (generated)", deep).expect("generates"),
    ));
    if let Err(stderr) = check_crates("awsgen-hostile-crates", &crates) {
        panic!("hostile crates do not build clean:\n{stderr}");
    }
}

/// Nothing from the model reaches the output as code: every occurrence of the marker planted in
/// names, docs, enum values and wire names is inside a string literal (doc attributes included),
/// and no item called `evil` exists.
#[test]
fn model_text_never_becomes_code() {
    let (rel, bytes) = read_bad("hostile-docs-and-values.json");
    let files = generate(&rel, bytes).expect("the hostile docs model generates");
    let mut literal_hits = 0;
    for (path, text) in files.iter().filter(|(p, _)| p.ends_with(".rs")) {
        let file = syn::parse_file(text).unwrap_or_else(|e| panic!("{path}: {e}"));
        let mut code = String::new();
        walk(file.to_token_stream(), &mut code, &mut literal_hits);
        assert!(
            !code.contains("INJECTED_MARKER"),
            "{path}: model text became code"
        );
        assert!(!code.contains(" evil "), "{path}: an `evil` item exists");
    }
    assert!(
        literal_hits > 5,
        "the marker reaches the output only as literals ({literal_hits})"
    );
}

/// Collects every token that is not a literal; counts literals carrying the marker.
fn walk(tokens: proc_macro2::TokenStream, code: &mut String, literal_hits: &mut usize) {
    for token in tokens {
        match token {
            proc_macro2::TokenTree::Group(g) => walk(g.stream(), code, literal_hits),
            proc_macro2::TokenTree::Literal(l) => {
                if l.to_string().contains("INJECTED_MARKER") {
                    *literal_hits += 1;
                }
            }
            other => {
                code.push(' ');
                code.push_str(&other.to_string());
                code.push(' ');
            }
        }
    }
}

/// A structure with 10,000 members generates, quickly and without a panic.
#[test]
fn ten_thousand_members() {
    let mut members = serde_json::Map::new();
    for i in 0..10_000 {
        members.insert(format!("Member{i}"), serde_json::json!({"shape": "String"}));
    }
    let model = serde_json::json!({
        "metadata": {"apiVersion": "2024-01-01", "protocols": ["query"]},
        "operations": {"Op": {"name": "Op", "input": {"shape": "Big"}}},
        "shapes": {"Big": {"type": "structure", "members": members}, "String": {"type": "string"}}
    });
    let files = generate(
        "huge (generated)",
        serde_json::to_vec(&model).expect("json"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let op = &files["src/hostile/operation/op.rs"];
    // Short or full std names, whichever the file allows (naming::prelude).
    assert!(
        op.contains("pub member9999: Option<String>")
            || op.contains("pub member9999: ::std::option::Option<::std::string::String>"),
        "no member9999 field"
    );
}

/// A chain of `depth` structures, each holding the next.
fn deep_chain(depth: usize) -> Vec<u8> {
    let mut shapes = serde_json::Map::new();
    for i in 0..depth {
        let members = if i + 1 < depth {
            serde_json::json!({"Next": {"shape": format!("Level{}", i + 1)}, "Leaf": {"shape": "String"}})
        } else {
            serde_json::json!({"Leaf": {"shape": "String"}})
        };
        shapes.insert(
            format!("Level{i}"),
            serde_json::json!({"type": "structure", "members": members}),
        );
    }
    shapes.insert("String".to_owned(), serde_json::json!({"type": "string"}));
    let model = serde_json::json!({
        "metadata": {"apiVersion": "2024-01-01", "protocols": ["query"]},
        "operations": {"Op": {"name": "Op", "input": {"shape": "Level0"}}},
        "shapes": shapes
    });
    serde_json::to_vec(&model).expect("json")
}

/// A 1,000-deep chain of structures generates (and, in the compile test, compiles).
#[test]
fn thousand_deep_chain() {
    let files =
        generate("deep-chain (generated)", deep_chain(1_000)).unwrap_or_else(|e| panic!("{e}"));
    assert!(files.contains_key("src/hostile/types/level999.rs"));
}
