//! Embeds the runtime crate's sources (`runtime/src/**/*.rs`) for the vendored runtime option:
//! writes `runtime_sources.rs`, a `&[(path, include_str!(…))]` table in file-name order, so a
//! new runtime file needs no list to be kept by hand.

use std::path::{Path, PathBuf};

fn main() {
    let manifest_dir =
        PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let runtime = manifest_dir.join("../runtime");
    println!("cargo:rerun-if-changed={}", runtime.join("src").display());
    let mut files = Vec::new();
    collect(&runtime.join("src"), &mut files);
    files.sort();
    let mut out = String::from("&[\n");
    for file in &files {
        let rel = file
            .strip_prefix(&runtime)
            .expect("under runtime/")
            .to_string_lossy()
            .replace('\\', "/");
        let abs = file.canonicalize().expect("the file exists");
        out.push_str(&format!(
            "    ({rel:?}, include_str!({:?})),\n",
            abs.display().to_string()
        ));
    }
    out.push(']');
    let dest = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets it"));
    std::fs::write(dest.join("runtime_sources.rs"), out).expect("OUT_DIR is writable");
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    println!("cargo:rerun-if-changed={}", dir.display());
    for entry in std::fs::read_dir(dir).expect("runtime/src is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}
