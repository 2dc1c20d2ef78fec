//! A model and its companion files, read from disk: the one loader that `cargo xtask`, the
//! tests, the benchmarks and the conformance and end-to-end build scripts share, so that every
//! one of them reads the same companions by the same rules.

use std::path::{Path, PathBuf};

use crate::error::{CodegenError, Result};
use crate::ir::Model;

/// The companion files a model may have beside it, in the order they are applied: botocore's
/// paginators, waiters, examples and endpoint rule set.
pub const COMPANIONS: [&str; 4] = [
    "paginators-1.json",
    "waiters-2.json",
    "examples-1.json",
    "endpoint-rule-set-1.json",
];

/// Reads the model file at `path` and each companion file beside it that exists
/// ([`COMPANIONS`], found by [`companion_path`]), and lowers them into the IR. `display` is how
/// messages and generated file headers name the model (a path relative to the repository, say);
/// a companion is named the same way, from `display`.
///
/// A companion that does not exist is skipped; one that exists but cannot be read or parsed is
/// an error naming it.
pub fn load_path(path: &Path, display: &str) -> Result<Model> {
    let bytes = read(path, display)?;
    load_with_companions(display, &bytes, |name| {
        let companion = companion_file(path, name);
        if companion.is_file() {
            read(&companion, &super::companion_path(display, name)).map(Some)
        } else {
            Ok(None)
        }
    })
}

/// Lowers the model `bytes` (named `display`) and applies its companions: `companion(name)`
/// gives the contents of the companion file `name` ([`COMPANIONS`]), `None` when there is none.
/// [`load_path`] is this with the files beside the model; tests and benchmarks that hold
/// models in memory call it directly.
pub fn load_with_companions(
    display: &str,
    bytes: &[u8],
    mut companion: impl FnMut(&str) -> Result<Option<Vec<u8>>>,
) -> Result<Model> {
    let mut model = super::load(display, bytes)?;
    for name in COMPANIONS {
        let Some(bytes) = companion(name)? else {
            continue;
        };
        let file = super::companion_path(display, name);
        match name {
            "paginators-1.json" => super::load_paginators(&mut model, &file, &bytes)?,
            "waiters-2.json" => super::load_waiters(&mut model, &file, &bytes)?,
            "examples-1.json" => super::load_examples(&mut model, &file, &bytes)?,
            _ => super::load_endpoint_rules(&mut model, &file, &bytes)?,
        }
    }
    Ok(model)
}

/// The files of the model at `path` that exist: the model and its companions (for a build
/// script's `cargo:rerun-if-changed`).
pub fn model_files(path: &Path) -> Vec<PathBuf> {
    std::iter::once(path.to_path_buf())
        .chain(COMPANIONS.iter().map(|name| companion_file(path, name)))
        .filter(|p| p.is_file())
        .collect()
}

/// The companion `name` of the model file at `path` on disk.
fn companion_file(path: &Path, name: &str) -> PathBuf {
    PathBuf::from(super::companion_path(&path.to_string_lossy(), name))
}

fn read(path: &Path, display: &str) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|source| CodegenError::Read {
        file: display.to_owned(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MODEL: &str = r#"{
      "version": "2.0",
      "metadata": {"apiVersion": "2020-01-08", "protocol": "json", "jsonVersion": "1.0",
                   "targetPrefix": "T", "serviceId": "T", "endpointPrefix": "t"},
      "operations": {"List": {"name": "List", "input": {"shape": "In"}, "output": {"shape": "Out"}}},
      "shapes": {
        "In": {"type": "structure", "members": {"Token": {"shape": "Str"}}},
        "Out": {"type": "structure", "members": {"Next": {"shape": "Str"}}},
        "Str": {"type": "string"}
      }
    }"#;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("awsgen-model-files-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn companions_beside_the_model_are_read_and_named_from_the_display_path() {
        let dir = scratch("read");
        std::fs::write(dir.join("m.json"), MODEL).unwrap();
        std::fs::write(
            dir.join("m.paginators-1.json"),
            r#"{"pagination": {"List": {"input_token": "Token", "output_token": "Next"}}}"#,
        )
        .unwrap();
        let model = load_path(&dir.join("m.json"), "models/m.json").unwrap();
        assert!(model.operations[0].paginator.is_some());
        assert_eq!(
            model_files(&dir.join("m.json")),
            [dir.join("m.json"), dir.join("m.paginators-1.json")]
        );
        // A companion that is there but wrong is an error naming it, not skipped.
        std::fs::write(dir.join("m.waiters-2.json"), "{").unwrap();
        let e = load_path(&dir.join("m.json"), "models/m.json")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("models/m.waiters-2.json: "), "{e}");
        let e = load_path(&dir.join("missing.json"), "models/missing.json")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("models/missing.json: cannot read the file"),
            "{e}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
