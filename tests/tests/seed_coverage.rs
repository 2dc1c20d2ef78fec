//! The generated documentation of `CopySnapshot` carries everything the SDK reference pages the
//! project started from show: every parameter name, response member name and error name they
//! list appears in the generated docs of the matching operation.

use std::collections::BTreeSet;

use awsgen_tests::repo_root;

/// The names a seed page lists: parameters and response members (dict keys and `Name=`
/// arguments of its request and response syntax blocks) and errors (`exceptions.X`).
fn seed_names(text: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut in_syntax = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.contains("Request Syntax") || trimmed.contains("Response Syntax") {
            in_syntax = true;
            continue;
        }
        if trimmed.contains("Response Structure") || trimmed.starts_with(":type ") {
            in_syntax = false;
        }
        if in_syntax {
            // `Name='string',`, `Name=[`, `'Key': 'string'`
            if let Some((name, _)) = trimmed.split_once('=')
                && is_name(name)
            {
                names.insert(name.to_owned());
            }
            if let Some(rest) = trimmed.strip_prefix('\'')
                && let Some((name, _)) = rest.split_once("':")
                && is_name(name)
            {
                names.insert(name.to_owned());
            }
        }
        if let Some((_, error)) = trimmed.split_once("exceptions.") {
            let error: String = error
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            if !error.is_empty() {
                names.insert(error);
            }
        }
    }
    names
}

fn is_name(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric())
}

fn check(seed: &str, generated: &str, expected_at_least: usize) {
    let seed_text =
        std::fs::read_to_string(repo_root().join("tests/seeds").join(seed)).expect("seed page");
    let names = seed_names(&seed_text);
    assert!(
        names.len() >= expected_at_least,
        "{seed}: only {} names found: {names:?}",
        names.len()
    );
    let docs = std::fs::read_to_string(repo_root().join(generated)).expect("generated operation");
    let missing: Vec<_> = names
        .iter()
        .filter(|n| !docs.contains(&format!("`{n}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "{generated} does not document {missing:?} (from {seed})"
    );
}

#[test]
fn elasticache_copy_snapshot_docs_cover_the_seed_page() {
    // 5 parameters + Key/Value, 29 Snapshot members and the nested ones, 7 errors.
    check(
        "elasticache-copy-snapshot.txt",
        "generated/src/elasticache/operation/copy_snapshot.rs",
        45,
    );
}

#[test]
fn memorydb_copy_snapshot_docs_cover_the_seed_page() {
    check(
        "memorydb-copy-snapshot.rst",
        "generated/src/memorydb/operation/copy_snapshot.rs",
        35,
    );
}
