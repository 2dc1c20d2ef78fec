//! Shared helpers for awsgen's integration tests: where the repository is, loading models, and
//! generating crates from fixture models in memory.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use awsgen_codegen::ir::{Model, Selection};
use awsgen_codegen::{CrateInput, ServiceInput};

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(".."))
}

/// Loads the model at `rel` (relative to the repository root), panicking with the generator's
/// message if it does not load.
/// Companion paginators, examples and endpoint rule sets are read too, as `cargo xtask` does.
pub fn load(rel: &str) -> Model {
    let bytes = std::fs::read(repo_root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let mut model = awsgen_codegen::model::load(rel, &bytes).unwrap_or_else(|e| panic!("{e}"));
    let paginators = awsgen_codegen::model::companion_path(rel, "paginators-1.json");
    if let Ok(bytes) = std::fs::read(repo_root().join(&paginators)) {
        awsgen_codegen::model::load_paginators(&mut model, &paginators, &bytes)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let waiters = awsgen_codegen::model::companion_path(rel, "waiters-2.json");
    if let Ok(bytes) = std::fs::read(repo_root().join(&waiters)) {
        awsgen_codegen::model::load_waiters(&mut model, &waiters, &bytes)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let examples = awsgen_codegen::model::companion_path(rel, "examples-1.json");
    if let Ok(bytes) = std::fs::read(repo_root().join(&examples)) {
        awsgen_codegen::model::load_examples(&mut model, &examples, &bytes)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let rules = awsgen_codegen::model::companion_path(rel, "endpoint-rule-set-1.json");
    if let Ok(bytes) = std::fs::read(repo_root().join(&rules)) {
        awsgen_codegen::model::load_endpoint_rules(&mut model, &rules, &bytes)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    model
}

/// The fixture models under `models/fixtures/` (not the hostile ones under `bad/`), sorted.
pub fn fixtures() -> Vec<String> {
    let dir = repo_root().join("models/fixtures");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| is_model_file(n))
        .map(|n| format!("models/fixtures/{n}"))
        .collect();
    names.sort();
    names
}

/// Whether a fixture file name is a model rather than a companion file
/// (`x.paginators-1.json`, `x.examples-1.json`).
pub fn is_model_file(name: &str) -> bool {
    name.ends_with(".json")
        && !name.contains(".paginators-1.")
        && !name.contains(".examples-1.")
        && !name.contains(".waiters-2.")
}

/// Generates a crate (in memory) from one model with all its operations, as `cargo xtask
/// generate` would, but as a member of a larger workspace.
pub fn generate_all(rel: &str, module: &str, package: &str) -> BTreeMap<String, String> {
    awsgen_codegen::generate(&CrateInput {
        name: package.to_owned(),
        services: vec![ServiceInput {
            module: module.to_owned(),
            model: load(rel),
            selection: Selection::All,
            protocol: None,
        }],
        command: format!("cargo xtask generate --model {rel} --all-operations --out DIR"),
        source: rel.to_owned(),
        standalone: false,
    })
    .unwrap_or_else(|e| panic!("{e}"))
}

/// The file stem of a fixture path (`naming-obstacle-course`).
pub fn stem(rel: &str) -> &str {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.strip_suffix(".json").unwrap_or(name)
}

/// All generated files but the runtime (hand-written, the same in every crate) as one text,
/// each file under a `==== path ====` line.
pub fn concat_without_runtime(files: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    for (path, text) in files {
        if path.starts_with("src/runtime/") && path != "src/runtime/mod.rs" {
            continue;
        }
        out.push_str(&format!("==== {path} ====\n{text}\n"));
    }
    out
}

/// Writes each `(name, files)` crate into one scratch workspace under `target/<scratch>` and
/// runs `cargo clippy --workspace --all-targets -- -D warnings` on it (which type-checks
/// everything and fails on any warning). Returns cargo's stderr on failure.
pub fn check_crates(
    scratch: &str,
    crates: &[(String, BTreeMap<String, String>)],
) -> Result<(), String> {
    let root = repo_root();
    let dir = root.join("target").join(scratch);
    let _ = std::fs::remove_dir_all(dir.join("crates"));
    let mut members = Vec::new();
    for (name, files) in crates {
        let crate_dir = dir.join("crates").join(name);
        for (path, text) in files {
            write(&crate_dir.join(path), text);
        }
        members.push(format!("\"crates/{name}\""));
    }
    write(
        &dir.join("Cargo.toml"),
        &format!(
            "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
            members.join(", ")
        ),
    );
    // Share the lock file of the main workspace so that no new versions are resolved.
    let _ = std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock"));
    let output = std::process::Command::new(env!("CARGO"))
        .args([
            "clippy",
            "--quiet",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])
        .current_dir(&dir)
        // One target folder for every scratch workspace: their dependencies build once.
        .env(
            "CARGO_TARGET_DIR",
            root.join("target/awsgen-scratch-target"),
        )
        .output()
        .map_err(|e| format!("cargo does not run: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    }
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{}: {e}", parent.display()));
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// The README's Rust examples, compiled (and, unless marked `no_run`, run) as doctests so that
/// they cannot drift from the generated crate's API.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeExamples;
