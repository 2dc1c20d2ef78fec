//! Generated code of the fixture models: one insta snapshot per fixture (runtime files left
//! out: they are hand-written and the same everywhere), and a build of every fixture crate with
//! `-D warnings` and clippy, so that the naming obstacle course and friends compile clean.

use awsgen_tests::{check_crates, concat_without_runtime, fixtures, generate_all, stem};

#[test]
fn fixture_code_snapshots() {
    insta::glob!("../../models/fixtures", "*.json", |path| {
        if !awsgen_tests::is_model_file(&path.to_string_lossy()) {
            return;
        }
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("fixture");
        let rel = format!("models/fixtures/{name}.json");
        let files = generate_all(&rel, &name.replace('-', "_"), &format!("fixture-{name}"));
        insta::assert_snapshot!("code", concat_without_runtime(&files));
    });
}

/// Every fixture crate builds without a warning, clippy included.
#[test]
fn fixture_crates_compile_without_warnings() {
    let crates: Vec<_> = fixtures()
        .iter()
        .map(|rel| {
            let name = stem(rel).to_owned();
            let files = generate_all(rel, &name.replace('-', "_"), &format!("fixture-{name}"));
            (name, files)
        })
        .collect();
    if let Err(stderr) = check_crates("awsgen-fixture-crates", &crates) {
        panic!("fixture crates do not build clean:\n{stderr}");
    }
    // Their docs too: the naming obstacle course's raw identifiers (`r#box`) in links.
    if let Err(stderr) = awsgen_tests::doc_crates("awsgen-fixture-crates") {
        panic!("fixture crates' docs do not build clean:\n{stderr}");
    }
}

/// Short std names only where no name of the file shadows them: the naming obstacle course has
/// structures named `Option`, `Result` and `Box`; their own files (and the module re-exporting
/// them) keep the full paths, every other file writes `Option<…>` (and the crate builds:
/// `fixture_crates_compile_without_warnings`).
#[test]
fn std_names_are_short_only_where_no_shape_shadows_them() {
    let files = generate_all(
        "models/fixtures/naming-obstacle-course.json",
        "naming_obstacle_course",
        "fixture-naming-obstacle-course",
    );
    let file = |suffix: &str| {
        files
            .iter()
            .find(|(path, _)| path.ends_with(suffix))
            .map(|(_, text)| text.as_str())
            .unwrap_or_else(|| panic!("no {suffix} in {:?}", files.keys()))
    };
    let option = file("/types/option.rs");
    assert!(option.contains("pub struct Option"), "{option}");
    assert!(option.contains("::std::option::Option<"), "{option}");
    assert!(!option.contains(": Option<"), "{option}");
    let shortened = files
        .iter()
        .filter(|(path, text)| path.ends_with(".rs") && text.contains(": Option<"))
        .count();
    assert!(shortened > 0, "no file writes the short `Option<…>`");
}
