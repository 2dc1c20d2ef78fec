//! The validation code of whole generated crates, compiled and run with the `validate` feature:
//! a model with every kind of constraint on every kind of shape (its behaviour test is
//! `validate/constraints_behaviour.rs`), and every fixture model, all checked with clippy
//! `-D warnings` and tested in one scratch workspace under `target/`.

use std::path::Path;
use std::process::Command;

use awsgen_tests::{fixtures, generate_all, repo_root, stem};

const CONSTRAINTS: &str = "tests/tests/validate/constraints.json";

#[test]
fn generated_validation_compiles_clean_and_behaves() {
    let root = repo_root();
    let scratch = root.join("target/awsgen-validate-crates");
    let _ = std::fs::remove_dir_all(scratch.join("crates"));
    let mut members = Vec::new();
    let mut models = vec![CONSTRAINTS.to_owned()];
    models.extend(fixtures());
    for rel in &models {
        let name = stem(rel).to_owned();
        let files = generate_all(rel, &name.replace('-', "_"), &format!("awsgen-{name}"));
        let dir = scratch.join("crates").join(&name);
        for (path, text) in &files {
            write(&dir.join(path), text);
        }
        members.push(format!("\"crates/{name}\""));
    }
    write(
        &scratch.join("crates/constraints/tests/behaviour.rs"),
        include_str!("validate/constraints_behaviour.rs"),
    );
    write(
        &scratch.join("Cargo.toml"),
        &format!(
            "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
            members.join(", ")
        ),
    );
    // Share the lock file of the main workspace so that no new versions are resolved.
    let _ = std::fs::copy(root.join("Cargo.lock"), scratch.join("Cargo.lock"));
    cargo(
        &scratch,
        &[
            "clippy",
            "--quiet",
            "--workspace",
            "--all-targets",
            "--all-features",
            "--",
            "-D",
            "warnings",
        ],
    );
    cargo(
        &scratch,
        &["test", "--quiet", "--workspace", "--all-features"],
    );
}

fn cargo(dir: &Path, args: &[&str]) {
    let output = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "`cargo {}` failed:\n{}\n{}",
        args.join(" "),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create folder");
    }
    std::fs::write(path, text).expect("write file");
}
