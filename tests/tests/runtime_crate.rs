//! Generated crates depend on the runtime crate (`awsgen-runtime`) instead of carrying a copy:
//! two generated service crates in one program share its types, and a crate generated with the
//! vendored runtime (`--runtime vendored`) builds alone, with clippy `-D warnings`.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use awsgen_codegen::ir::Selection;
use awsgen_codegen::{CrateInput, RuntimeDep, ServiceInput};
use awsgen_tests::{load, repo_root};

const ELASTICACHE: &str = "models/botocore/elasticache/2015-02-02/service-2.json";
const MEMORYDB: &str = "models/botocore/memorydb/2021-01-01/service-2.json";

/// `CopySnapshot` of one model as a crate of its own.
fn copy_snapshot_crate(
    name: &str,
    module: &str,
    rel: &str,
    standalone: bool,
    runtime: RuntimeDep,
) -> BTreeMap<String, String> {
    awsgen_codegen::generate(&CrateInput {
        name: name.to_owned(),
        services: vec![ServiceInput {
            module: module.to_owned(),
            model: load(rel),
            selection: Selection::Operations(vec!["CopySnapshot".to_owned()]),
            protocol: None,
        }],
        command: format!("cargo xtask generate --model {rel} --operations CopySnapshot --out DIR"),
        source: rel.to_owned(),
        standalone,
        runtime,
    })
    .unwrap_or_else(|e| panic!("{e}"))
}

fn write_tree(dir: &Path, files: &BTreeMap<String, String>) {
    for (path, text) in files {
        let path = dir.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{}: {e}", parent.display()));
        }
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}

/// Runs cargo in `dir` with the scratch target folder the other crate-building tests share,
/// failing with its output.
fn cargo(dir: &Path, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env(
            "CARGO_TARGET_DIR",
            repo_root().join("target/awsgen-scratch-target"),
        )
        .output()
        .unwrap_or_else(|e| panic!("cargo does not run: {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "cargo {args:?} failed in {}:\n{stdout}\n{}",
        dir.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// The program: passes the ElastiCache crate's runtime values (a `DateTime`, the
/// `ErrorMetadata` and `InvalidResponse` of a parsed ElastiCache error, the `CopySnapshot`
/// operation itself as a `runtime::Operation`) to functions typed with the MemoryDB crate's.
/// It compiles only if the two crates' runtime types are the same types.
const PROGRAM: &str = r##"//! Two generated service crates in one program.

use awsgen_ec::elasticache::operation::copy_snapshot::CopySnapshot;
use awsgen_ec::runtime::{Operation as _, ProvideErrorMetadata as _};
use awsgen_mdb::runtime as memorydb_runtime;

fn seconds(t: memorydb_runtime::DateTime) -> i64 {
    t.secs()
}

fn code(meta: &awsgen_mdb::ErrorMetadata) -> &str {
    meta.code()
}

fn invalid(e: &memorydb_runtime::InvalidResponse) -> String {
    e.to_string()
}

fn operation_name<O: memorydb_runtime::Operation>() -> &'static str {
    O::NAME
}

fn main() {
    let t = awsgen_ec::DateTime::from_secs(1_700_000_000);
    println!("seconds {}", seconds(t));
    let error = br#"<ErrorResponse><Error><Type>Sender</Type><Code>SnapshotNotFoundFault</Code><Message>gone</Message></Error><RequestId>r-1</RequestId></ErrorResponse>"#;
    match CopySnapshot::parse_response(404, &awsgen_ec::http::HeaderMap::new(), error) {
        Err(awsgen_ec::ResponseError::Service(e)) => println!("code {}", code(e.meta())),
        other => panic!("expected the service error, got {other:?}"),
    }
    match CopySnapshot::parse_response(200, &awsgen_ec::http::HeaderMap::new(), b"<nope") {
        Err(awsgen_ec::ResponseError::Invalid(e)) => println!("invalid {}", !invalid(&e).is_empty()),
        other => panic!("expected an invalid response, got {other:?}"),
    }
    println!("operation {}", operation_name::<CopySnapshot>());
}
"##;

#[test]
fn two_generated_crates_share_the_runtime_types() {
    let dir = repo_root().join("target/awsgen-two-crates");
    let _ = std::fs::remove_dir_all(dir.join("crates"));
    // From `target/awsgen-two-crates/crates/<name>` to the repository's `runtime/`.
    let runtime = || RuntimeDep::Path("../../../../runtime".to_owned());
    let ec = copy_snapshot_crate("awsgen-ec", "elasticache", ELASTICACHE, false, runtime());
    let mdb = copy_snapshot_crate("awsgen-mdb", "memorydb", MEMORYDB, false, runtime());
    for files in [&ec, &mdb] {
        assert!(
            files.keys().all(|p| !p.starts_with("awsgen-runtime/")),
            "a crate with a path dependency carries no runtime copy"
        );
        assert!(
            files["Cargo.toml"].contains("path = \"../../../../runtime\""),
            "{}",
            files["Cargo.toml"]
        );
    }
    write_tree(&dir.join("crates/awsgen-ec"), &ec);
    write_tree(&dir.join("crates/awsgen-mdb"), &mdb);
    let program = BTreeMap::from([
        (
            "Cargo.toml".to_owned(),
            "[package]\nname = \"two-services\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\
             publish = false\n\n[dependencies]\n\
             awsgen-ec = { path = \"../awsgen-ec\", default-features = false, features = [\"elasticache\"] }\n\
             awsgen-mdb = { path = \"../awsgen-mdb\", default-features = false, features = [\"memorydb\"] }\n"
                .to_owned(),
        ),
        ("src/main.rs".to_owned(), PROGRAM.to_owned()),
    ]);
    write_tree(&dir.join("crates/two-services"), &program);
    write_tree(
        &dir,
        &BTreeMap::from([(
            "Cargo.toml".to_owned(),
            "[workspace]\nresolver = \"3\"\nmembers = [\"crates/awsgen-ec\", \"crates/awsgen-mdb\", \"crates/two-services\"]\n"
                .to_owned(),
        )]),
    );
    let _ = std::fs::copy(repo_root().join("Cargo.lock"), dir.join("Cargo.lock"));
    cargo(
        &dir,
        &[
            "clippy",
            "--quiet",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    );
    let out = cargo(&dir, &["run", "--quiet", "-p", "two-services"]);
    assert_eq!(
        out,
        "seconds 1700000000\ncode SnapshotNotFoundFault\ninvalid true\noperation CopySnapshot\n"
    );
    // One runtime in the program: cargo resolved a single `awsgen-runtime` package.
    let tree = cargo(
        &dir,
        &[
            "tree",
            "--quiet",
            "-p",
            "two-services",
            "--prefix",
            "none",
            "-e",
            "normal",
        ],
    );
    let runtimes: std::collections::BTreeSet<_> = tree
        .lines()
        .filter(|l| l.starts_with("awsgen-runtime "))
        .map(|l| l.trim_end_matches(" (*)"))
        .collect();
    assert_eq!(runtimes.len(), 1, "{tree}");
}

#[test]
fn a_crate_with_the_vendored_runtime_builds_alone() {
    let files = copy_snapshot_crate(
        "awsgen-vendored",
        "memorydb",
        MEMORYDB,
        true,
        RuntimeDep::Vendored,
    );
    let manifest = &files["Cargo.toml"];
    assert!(manifest.contains("path = \"awsgen-runtime\""), "{manifest}");
    let runtime_manifest = &files["awsgen-runtime/Cargo.toml"];
    assert!(
        !runtime_manifest.contains("workspace = true")
            && !runtime_manifest.contains("dev-dependencies"),
        "{runtime_manifest}"
    );
    // Every source file of the runtime crate, verbatim.
    let root = repo_root().join("runtime");
    let mut count = 0;
    for (path, text) in files.iter().filter(|(p, _)| p.ends_with(".rs")) {
        let Some(rel) = path.strip_prefix("awsgen-runtime/") else {
            continue;
        };
        let original =
            std::fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        assert_eq!(text, &original, "{rel}");
        count += 1;
    }
    assert!(count >= 40, "only {count} runtime files vendored");

    let dir = repo_root().join("target/awsgen-vendored/crate");
    let _ = std::fs::remove_dir_all(&dir);
    write_tree(&dir, &files);
    let _ = std::fs::copy(repo_root().join("Cargo.lock"), dir.join("Cargo.lock"));
    // The crate alone (`-p`): the vendored runtime, a member of the crate's workspace, is then
    // built with the features the crate asks for, not its own defaults (every part).
    cargo(
        &dir,
        &[
            "clippy",
            "--quiet",
            "-p",
            "awsgen-vendored",
            "--all-targets",
            "--features",
            "validate",
            "--",
            "-D",
            "warnings",
        ],
    );
}
