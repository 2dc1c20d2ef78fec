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

/// `regenerate` says per service what it wrote, left alone and removed.
#[test]
fn regenerate_summarizes_per_service() {
    let root = mini_repo("summary", &fixture("recursive.json"));
    let first = xtask::regenerate(&root, false).unwrap();
    let lines: Vec<&str> = first.lines().collect();
    assert_eq!(lines.len(), 2, "{first}");
    assert!(
        lines[0].starts_with("mini: ") && lines[0].ends_with(" new), 0 unchanged, 0 removed"),
        "{first}"
    );
    assert!(lines[1].starts_with("crate files: "), "{first}");

    let out = root.join("out");
    let total: usize = tree::read_tree(&out.join("src/mini")).unwrap().len();
    fs::write(out.join("src/mini/mod.rs"), "// edited\n").unwrap();
    write(&out.join("src/mini/stray.rs"), "// not generated\n");
    let second = xtask::regenerate(&root, false).unwrap();
    assert_eq!(
        second.lines().next().unwrap(),
        format!(
            "mini: 1 written (0 new), {} unchanged, 1 removed",
            total - 1
        ),
        "{second}"
    );
    assert!(
        second.lines().nth(1).unwrap().contains("0 written (0 new)"),
        "{second}"
    );
}

/// After a model update (the model differs from the committed one) the summary points to
/// `model-diff`.
#[test]
fn regenerate_points_to_model_diff_when_the_model_changed() {
    let root = mini_repo("model-changed", &fixture("recursive.json"));
    let git = |args: &[&str]| {
        let status = std::process::Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(&root)
            .stdout(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&["add", "model.json", "codegen.toml"]);
    git(&["commit", "-q", "-m", "model"]);
    let unchanged = xtask::regenerate(&root, false).unwrap();
    assert!(!unchanged.contains("model-diff"), "{unchanged}");

    write(
        &root.join("model.json"),
        &format!("{}\n", fixture("recursive.json")),
    );
    let summary = xtask::regenerate(&root, false).unwrap();
    assert!(
        summary.lines().next().unwrap().contains(
            "model model.json changed since HEAD: see how with `git show HEAD:model.json > \
             /tmp/old-model.json && cargo xtask model-diff /tmp/old-model.json model.json`"
        ),
        "{summary}"
    );
}

/// A standalone crate does not depend on where it is written: no output path in its headers,
/// and no `[workspace]` unless asked for, so it can be a member of the caller's workspace.
#[test]
fn standalone_crates_do_not_depend_on_the_output_folder() {
    let root = scratch("standalone");
    let model = xtask::project_root()
        .join("models/fixtures/recursive.json")
        .to_string_lossy()
        .into_owned();
    let mut options = xtask::GenerateOptions {
        model,
        selection: awsgen_codegen::ir::Selection::All,
        out: root.join("a"),
        protocol: None,
        name: Some("mini".to_owned()),
        strict: false,
        own_workspace: false,
        runtime: awsgen_codegen::RuntimeDep::Vendored,
    };
    xtask::generate(&options).unwrap();
    options.out = root.join("elsewhere/b");
    xtask::generate(&options).unwrap();
    let a = tree::read_tree(&root.join("a")).unwrap();
    assert_eq!(a, tree::read_tree(&root.join("elsewhere/b")).unwrap());
    let manifest = String::from_utf8(a["Cargo.toml"].clone()).unwrap();
    assert!(!manifest.contains("[workspace]"), "{manifest}");
    assert!(manifest.contains("--out <this folder>"), "{manifest}");
    // The vendored runtime (the default) sits inside the crate, so the crate is self-contained.
    assert!(manifest.contains("path = \"awsgen-runtime\""), "{manifest}");
    assert!(a.contains_key("awsgen-runtime/Cargo.toml"));
    assert!(a.contains_key("awsgen-runtime/src/lib.rs"));
    // The generated crate states the toolchain awsgen itself is built and tested with.
    let workspace = fs::read_to_string(xtask::project_root().join("Cargo.toml")).unwrap();
    let rust_version = workspace
        .lines()
        .find(|l| l.starts_with("rust-version = "))
        .expect("the workspace states its rust-version");
    assert!(
        manifest.contains(&format!("\n{rust_version}\n")),
        "{manifest}"
    );

    options.own_workspace = true;
    xtask::generate(&options).unwrap();
    let manifest = fs::read_to_string(root.join("elsewhere/b/Cargo.toml")).unwrap();
    assert!(manifest.contains("\n[workspace]\n"), "{manifest}");
    assert!(
        manifest.contains(" --workspace --out <this folder>"),
        "{manifest}"
    );
}

/// `--runtime` takes the three forms and names what it got otherwise; a path or version
/// dependency is written as given and carries no runtime copy.
#[test]
fn the_runtime_option() {
    use awsgen_codegen::RuntimeDep;
    assert_eq!(
        xtask::parse_runtime("path=../awsgen/runtime").unwrap(),
        RuntimeDep::Path("../awsgen/runtime".to_owned())
    );
    assert_eq!(
        xtask::parse_runtime("version=0.1").unwrap(),
        RuntimeDep::Version("0.1".to_owned())
    );
    assert_eq!(
        xtask::parse_runtime("vendored").unwrap(),
        RuntimeDep::Vendored
    );
    for bad in ["path=", "copy", "version"] {
        let err = xtask::parse_runtime(bad).unwrap_err().to_string();
        assert!(err.contains(bad), "{err}");
    }
    let root = scratch("runtime-option");
    let model = xtask::project_root()
        .join("models/fixtures/recursive.json")
        .to_string_lossy()
        .into_owned();
    let options = xtask::GenerateOptions {
        model,
        selection: awsgen_codegen::ir::Selection::All,
        out: root.join("c"),
        protocol: None,
        name: Some("mini".to_owned()),
        strict: false,
        own_workspace: false,
        runtime: RuntimeDep::Version("0.1".to_owned()),
    };
    xtask::generate(&options).unwrap();
    let files = tree::read_tree(&root.join("c")).unwrap();
    let manifest = String::from_utf8(files["Cargo.toml"].clone()).unwrap();
    assert!(
        manifest.contains("[dependencies.awsgen-runtime]\nversion = \"0.1\"\n"),
        "{manifest}"
    );
    assert!(
        manifest.contains("--runtime version=0.1 --out"),
        "{manifest}"
    );
    assert!(files.keys().all(|p| !p.starts_with("awsgen-runtime/")));
}
