//! The output folder as a tree of files: read it, compare it with what the generator produced,
//! and replace it as a whole (write a temporary folder, then swap), so that a failure never
//! leaves a half-written crate behind.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use anyhow::{Context, Result, bail};

/// Top-level entries of an output folder that are not generated and survive regeneration:
/// build output and lock file of a standalone crate, and version control.
pub const KEPT: &[&str] = &["target", "Cargo.lock", ".git"];

/// The files under `dir` (paths relative to it, `/`-separated), minus [`KEPT`] entries.
pub fn read_tree(dir: &Path) -> Result<BTreeMap<String, Vec<u8>>> {
    let mut files = BTreeMap::new();
    if !dir.exists() {
        return Ok(files);
    }
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let abs = dir.join(&rel);
        let entries = fs::read_dir(&abs).with_context(|| format!("reading {}", abs.display()))?;
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if rel.as_os_str().is_empty() && KEPT.contains(&name.as_str()) {
                continue;
            }
            let rel_child = rel.join(&name);
            if entry.file_type()?.is_dir() {
                stack.push(rel_child);
            } else {
                let key = rel_child
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                files.insert(key, fs::read(entry.path())?);
            }
        }
    }
    Ok(files)
}

/// How the folder on disk differs from what should be there.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Diff {
    /// Files whose contents differ.
    pub stale: Vec<String>,
    /// Files that should exist and don't.
    pub missing: Vec<String>,
    /// Files that exist and are no longer generated.
    pub orphaned: Vec<String>,
}

impl Diff {
    /// Whether the folder is up to date.
    pub fn is_clean(&self) -> bool {
        self.stale.is_empty() && self.missing.is_empty() && self.orphaned.is_empty()
    }

    /// One line per problem.
    pub fn report(&self, dir: &Path) -> String {
        let mut out = String::new();
        for (what, list) in [
            ("stale", &self.stale),
            ("missing", &self.missing),
            ("orphaned", &self.orphaned),
        ] {
            for file in list {
                out.push_str(&format!("{what}: {}\n", dir.join(file).display()));
            }
        }
        out
    }
}

/// Compares `expected` with the folder `dir`. Line endings are compared as written.
pub fn diff(dir: &Path, expected: &BTreeMap<String, String>) -> Result<Diff> {
    let actual = read_tree(dir)?;
    let mut diff = Diff::default();
    for (path, text) in expected {
        match actual.get(path) {
            None => diff.missing.push(path.clone()),
            Some(bytes) if bytes != text.as_bytes() => diff.stale.push(path.clone()),
            Some(_) => {}
        }
    }
    diff.orphaned = actual
        .keys()
        .filter(|p| !expected.contains_key(*p))
        .cloned()
        .collect();
    Ok(diff)
}

/// Replaces `dir` with exactly `files` (plus its [`KEPT`] entries). Files whose contents do not
/// change keep their modification time, so cargo does not rebuild for nothing.
pub fn replace_tree(dir: &Path, files: &BTreeMap<String, String>) -> Result<()> {
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = dir
        .file_name()
        .with_context(|| format!("{} has no folder name", dir.display()))?
        .to_string_lossy()
        .into_owned();
    fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    let staging = parent.join(format!(".{name}.awsgen-new"));
    let retired = parent.join(format!(".{name}.awsgen-old"));
    for leftover in [&staging, &retired] {
        if leftover.exists() {
            fs::remove_dir_all(leftover)
                .with_context(|| format!("removing leftover {}", leftover.display()))?;
        }
    }

    let result = stage(dir, &staging, files);
    if let Err(e) = result {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }

    if dir.exists() {
        for kept in KEPT {
            let from = dir.join(kept);
            if from.exists() {
                fs::rename(&from, staging.join(kept))
                    .with_context(|| format!("moving {}", from.display()))?;
            }
        }
        fs::rename(dir, &retired).with_context(|| format!("retiring {}", dir.display()))?;
    }
    if let Err(e) = fs::rename(&staging, dir) {
        if retired.exists() {
            let _ = fs::rename(&retired, dir);
        }
        bail!("moving the new {} into place: {e}", dir.display());
    }
    if retired.exists() {
        fs::remove_dir_all(&retired).with_context(|| format!("removing {}", retired.display()))?;
    }
    Ok(())
}

fn stage(dir: &Path, staging: &Path, files: &BTreeMap<String, String>) -> Result<()> {
    for (rel, text) in files {
        let path = staging.join(rel);
        if let Some(p) = path.parent() {
            fs::create_dir_all(p).with_context(|| format!("creating {}", p.display()))?;
        }
        fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
        let old = dir.join(rel);
        if let Ok(bytes) = fs::read(&old)
            && bytes == text.as_bytes()
            && let Ok(modified) = fs::metadata(&old).and_then(|m| m.modified())
        {
            keep_mtime(&path, modified)?;
        }
    }
    Ok(())
}

fn keep_mtime(path: &Path, modified: SystemTime) -> Result<()> {
    let file = fs::File::options()
        .write(true)
        .open(path)
        .with_context(|| format!("opening {}", path.display()))?;
    file.set_modified(modified)
        .with_context(|| format!("setting the modification time of {}", path.display()))
}
