//! `cargo xtask regenerate`: the checked-in crate is fresh, `--check` names every stale,
//! missing and orphaned file, and a failed generation leaves the output folder untouched.

use std::fs;
use std::path::Path;

use xtask::tree;

/// `generated/` is what `cargo xtask regenerate` would write: `cargo test` fails when it is
/// stale.
#[test]
fn generated_crate_is_up_to_date() {
    if let Err(e) = xtask::regenerate(&xtask::project_root(), true) {
        panic!("{e:#}");
    }
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = xtask::project_root().join("target/xtask-tests").join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// A miniature repository: a config naming one fixture model, and an output folder.
fn mini_repo(name: &str, model_text: &str) -> std::path::PathBuf {
    let root = scratch(name);
    write(&root.join("model.json"), model_text);
    write(
        &root.join("codegen.toml"),
        "[crate]\nname = \"mini\"\nout = \"out\"\n\n[[service]]\nmodule = \"mini\"\nmodel = \"model.json\"\noperations = \"all\"\n",
    );
    root
}

fn fixture(name: &str) -> String {
    fs::read_to_string(xtask::project_root().join("models/fixtures").join(name)).unwrap()
}

#[test]
fn check_names_stale_missing_and_orphaned_files() {
    let root = mini_repo("check", &fixture("recursive.json"));
    xtask::regenerate(&root, false).unwrap();
    xtask::regenerate(&root, true).unwrap();

    let out = root.join("out");
    fs::write(out.join("src/lib.rs"), "// edited by hand\n").unwrap();
    fs::remove_file(out.join("README.md")).unwrap();
    write(&out.join("src/stray.rs"), "// not generated\n");
    let err = format!("{:#}", xtask::regenerate(&root, true).unwrap_err());
    assert!(
        err.contains("stale: ") && err.contains("src/lib.rs"),
        "{err}"
    );
    assert!(
        err.contains("missing: ") && err.contains("README.md"),
        "{err}"
    );
    assert!(
        err.contains("orphaned: ") && err.contains("src/stray.rs"),
        "{err}"
    );
    assert!(err.contains("run `cargo xtask regenerate`"), "{err}");

    // Regenerating repairs all three, including removing the orphan.
    xtask::regenerate(&root, false).unwrap();
    xtask::regenerate(&root, true).unwrap();
    assert!(!out.join("src/stray.rs").exists());
}

#[test]
fn failed_generation_leaves_the_output_untouched() {
    let root = mini_repo("failure", &fixture("recursive.json"));
    xtask::regenerate(&root, false).unwrap();
    let out = root.join("out");
    write(&out.join("target/keep.txt"), "build output survives");
    let before = tree::read_tree(&out).unwrap();

    // The model now has a member targeting a shape that does not exist.
    let broken = fixture("recursive.json").replace(r#""shape": "Leaf""#, r#""shape": "Missing""#);
    write(&root.join("model.json"), &broken);
    let err = format!("{:#}", xtask::regenerate(&root, false).unwrap_err());
    assert!(
        err.contains("model.json")
            && err.contains("shape `Node`, member `Leaf`")
            && err.contains("`Missing`"),
        "{err}"
    );
    assert_eq!(tree::read_tree(&out).unwrap(), before);
    assert!(out.join("target/keep.txt").exists());
}

#[test]
fn regeneration_keeps_build_output_and_unchanged_mtimes() {
    let root = mini_repo("mtimes", &fixture("recursive.json"));
    xtask::regenerate(&root, false).unwrap();
    let out = root.join("out");
    write(&out.join("target/keep.txt"), "x");
    let lib = out.join("src/lib.rs");
    let old = fs::metadata(&lib).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    xtask::regenerate(&root, false).unwrap();
    assert_eq!(fs::metadata(&lib).unwrap().modified().unwrap(), old);
    assert!(out.join("target/keep.txt").exists());
}
