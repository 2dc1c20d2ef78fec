//! Members marked `sensitive` are redacted in `Debug`, checked by running code: the crate
//! generated from `models/fixtures/all-types.json` (whose `Secret` member and `SecretList`
//! items are sensitive) gets an integration test that formats an input and its builder with
//! secrets set, and the test runs in a scratch workspace (no serde feature, to keep the build
//! short; it shares the scratch target folder of the fixture builds).

use std::path::Path;

const REDACTION_TEST: &str = r#"//! Written by awsgen's `tests/tests/redaction.rs`.

use fixture_all_types::all_types::operation::everything::EverythingInput;

#[test]
fn sensitive_members_are_redacted_in_debug() {
    let builder = EverythingInput::builder()
        .name("visible-name")
        .count(1)
        .secret("hunter2")
        .secrets("s3cr3t-1")
        .secrets("s3cr3t-2");
    let shown_builder = format!("{builder:?}");
    let input = builder.build().expect("required members are set");
    let shown = format!("{input:?}");
    for text in [&shown, &shown_builder] {
        assert!(text.contains("visible-name"), "{text}");
        for secret in ["hunter2", "s3cr3t"] {
            assert!(!text.contains(secret), "a secret shows: {text}");
        }
        assert!(text.contains("secret: Some(\"*** Sensitive Data Redacted ***\")"), "{text}");
        assert!(text.contains("secrets: Some(\"*** Sensitive Data Redacted ***\")"), "{text}");
    }
    // Unset sensitive members show as unset.
    let empty = EverythingInput::builder().name("n").count(1).build().expect("set");
    assert!(format!("{empty:?}").contains("secret: None"));
    // The value itself is untouched.
    assert_eq!(input.secret.as_deref(), Some("hunter2"));
}
"#;

#[test]
fn sensitive_members_are_redacted_in_debug() {
    let rel = "models/fixtures/all-types.json";
    let mut files = awsgen_tests::generate_all(rel, "all_types", "fixture-all-types");
    files.insert("tests/redaction.rs".to_owned(), REDACTION_TEST.to_owned());
    let root = awsgen_tests::repo_root();
    // Four levels below the repository, where `runtime_dep()`'s relative path leads.
    let dir = root.join("target/awsgen-redaction/ws");
    let _ = std::fs::remove_dir_all(dir.join("crate"));
    for (path, text) in &files {
        write(&dir.join("crate").join(path), text);
    }
    write(
        &dir.join("Cargo.toml"),
        "[workspace]\nresolver = \"3\"\nmembers = [\"crate\"]\n",
    );
    let _ = std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock"));
    let output = std::process::Command::new(env!("CARGO"))
        .args([
            "test",
            "--quiet",
            "--no-default-features",
            "--features",
            "all_types",
            "--test",
            "redaction",
        ])
        .current_dir(&dir)
        .env(
            "CARGO_TARGET_DIR",
            root.join("target/awsgen-scratch-target"),
        )
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "the redaction test of the generated crate failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{}: {e}", parent.display()));
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}
