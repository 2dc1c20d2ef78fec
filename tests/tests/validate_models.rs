//! The validation code of whole generated crates, compiled and run with the `validate` feature:
//! a model with every kind of constraint on every kind of shape (its behaviour test is
//! `validate/constraints_behaviour.rs`) and every fixture model, checked with clippy
//! `-D warnings` and tested in one scratch workspace under `target/`; and every operation of
//! the six whole botocore models, checked with clippy `-D warnings`.

use std::path::{Path, PathBuf};
use std::process::Command;

use awsgen_tests::{fixtures, generate_all, repo_root, stem};

const CONSTRAINTS: &str = "tests/tests/validate/constraints.json";

/// The whole models `full_models.rs` builds without the feature.
const WHOLE: &[&str] = &[
    "models/botocore/elasticache/2015-02-02/service-2.json",
    "models/botocore/memorydb/2021-01-01/service-2.json",
    "models/fixtures/botocore/sts/2011-06-15/service-2.json",
    "models/fixtures/botocore/sns/2010-03-31/service-2.json",
    "models/fixtures/botocore/secretsmanager/2017-10-17/service-2.json",
    "models/fixtures/botocore/sqs/2012-11-05/service-2.json",
];

#[test]
fn generated_validation_compiles_clean_and_behaves() {
    let mut models = vec![CONSTRAINTS.to_owned()];
    models.extend(fixtures());
    let crates: Vec<(String, String)> = models
        .iter()
        .map(|rel| (stem(rel).to_owned(), rel.clone()))
        .collect();
    let scratch = scratch_workspace("awsgen-validate-crates", &crates);
    write(
        &scratch.join("crates/constraints/tests/behaviour.rs"),
        include_str!("validate/constraints_behaviour.rs"),
    );
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
        // `--tests`: the operation pages' doctests call `build_request`, which is not this
        // test's subject.
        &[
            "test",
            "--quiet",
            "--workspace",
            "--all-features",
            "--tests",
        ],
    );
}

#[test]
fn whole_services_validate_compiles_clean() {
    let crates: Vec<(String, String)> = WHOLE
        .iter()
        .map(|rel| {
            let service = rel.split('/').rev().nth(2).unwrap_or("service");
            (service.to_owned(), (*rel).to_owned())
        })
        .collect();
    let scratch = scratch_workspace("awsgen-validate-whole", &crates);
    cargo(
        &scratch,
        &[
            "clippy",
            "--quiet",
            "--workspace",
            "--all-features",
            "--",
            "-D",
            "warnings",
        ],
    );
}

/// Generates each `(name, model)` with all its operations into `target/<dir>/crates/<name>`,
/// members of a scratch workspace that shares the main workspace's lock file.
fn scratch_workspace(dir: &str, crates: &[(String, String)]) -> PathBuf {
    let root = repo_root();
    let scratch = root.join("target").join(dir);
    let _ = std::fs::remove_dir_all(scratch.join("crates"));
    let mut members = Vec::new();
    for (name, rel) in crates {
        let files = generate_all(rel, &name.replace('-', "_"), &format!("awsgen-{name}"));
        let crate_dir = scratch.join("crates").join(name);
        for (path, text) in &files {
            write(&crate_dir.join(path), text);
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
    scratch
}

fn cargo(dir: &Path, args: &[&str]) {
    let output = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        // One target folder for the scratch workspaces: dependencies build once.
        .env(
            "CARGO_TARGET_DIR",
            repo_root().join("target/awsgen-validate-target"),
        )
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
