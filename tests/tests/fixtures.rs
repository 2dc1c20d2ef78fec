//! Generated code of the fixture models: one insta snapshot per fixture (runtime files left
//! out: they are hand-written and the same everywhere), and a build of every fixture crate with
//! `-D warnings` and clippy, so that the naming obstacle course and friends compile clean.

use std::path::Path;
use std::process::Command;

use awsgen_tests::{concat_without_runtime, fixtures, generate_all, repo_root, stem};

#[test]
fn fixture_code_snapshots() {
    insta::glob!("../../models/fixtures", "*.json", |path| {
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("fixture");
        let rel = format!("models/fixtures/{name}.json");
        let files = generate_all(&rel, &name.replace('-', "_"), &format!("fixture-{name}"));
        insta::assert_snapshot!("code", concat_without_runtime(&files));
    });
}

/// Writes every fixture crate into one scratch workspace under `target/` and runs
/// `cargo clippy --all-targets -- -D warnings` (which also type-checks everything) on it.
#[test]
fn fixture_crates_compile_without_warnings() {
    let root = repo_root();
    let scratch = root.join("target/awsgen-fixture-crates");
    let _ = std::fs::remove_dir_all(scratch.join("crates"));
    let mut members = Vec::new();
    for rel in fixtures() {
        let name = stem(&rel).to_owned();
        let files = generate_all(&rel, &name.replace('-', "_"), &format!("fixture-{name}"));
        let dir = scratch.join("crates").join(&name);
        for (path, text) in &files {
            write(&dir.join(path), text);
        }
        members.push(format!("\"crates/{name}\""));
    }
    write(
        &scratch.join("Cargo.toml"),
        &format!(
            "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
            members.join(", ")
        ),
    );
    // Share the lock file of the main workspace so that no new versions are resolved.
    let _ = std::fs::copy(root.join("Cargo.lock"), scratch.join("Cargo.lock"));
    let output = Command::new(env!("CARGO"))
        .args([
            "clippy",
            "--quiet",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])
        .current_dir(&scratch)
        .env("CARGO_TARGET_DIR", scratch.join("target"))
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "fixture crates do not build clean:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create folder");
    }
    std::fs::write(path, text).expect("write file");
}
