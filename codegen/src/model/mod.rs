//! Front ends: serde mirrors of the model formats and their lowering into the IR (the IR knows
//! nothing of them), `load`, which detects the format of a model file and lowers it, and
//! [`load_path`], which reads a model with its companion files from disk.

pub mod botocore;
pub mod examples;
mod files;
pub mod paginators;
pub mod smithy;
pub mod waiters;

use serde::Deserialize;
use serde::de::IgnoredAny;

pub use files::{COMPANIONS, load_path, load_with_companions, model_files};

use crate::error::{CodegenError, Result};
use crate::ir::{self, Model};

/// Parses `bytes` (the contents of the model file `file`) and lowers it into the IR.
///
/// The format is detected from the content: a Smithy JSON AST has a top-level `"smithy"` key.
pub fn load(file: &str, bytes: &[u8]) -> Result<Model> {
    #[derive(Deserialize)]
    struct Sniff {
        smithy: Option<IgnoredAny>,
    }
    let sniff: Sniff = parse(file, bytes)?;
    if sniff.smithy.is_some() {
        let model: smithy::SmithyModel = parse(file, bytes)?;
        return smithy::lower_smithy(file, &model);
    }
    let model: botocore::ServiceModel = parse(file, bytes)?;
    botocore::lower_botocore(file, &model)
}

/// Reads botocore's `paginators-1.json` (the contents of `file`) into `model`'s operations.
pub fn load_paginators(model: &mut Model, file: &str, bytes: &[u8]) -> Result<()> {
    let paginators: paginators::PaginatorsFile = parse(file, bytes)?;
    ir::attach_paginators(model, file, &paginators.specs())
}

/// Reads botocore's `waiters-2.json` (the contents of `file`) into `model`'s operations.
pub fn load_waiters(model: &mut Model, file: &str, bytes: &[u8]) -> Result<()> {
    let waiters: waiters::WaitersFile = parse(file, bytes)?;
    ir::attach_waiters(model, file, waiters.specs())
}

/// Reads botocore's `examples-1.json` (the contents of `file`) into `model`'s operations.
pub fn load_examples(model: &mut Model, file: &str, bytes: &[u8]) -> Result<()> {
    let examples: examples::ExamplesFile = parse(file, bytes)?;
    examples::attach_examples(model, examples);
    Ok(())
}

/// Reads botocore's `endpoint-rule-set-1.json` (the contents of `file`) into `model`'s service.
pub fn load_endpoint_rules(model: &mut Model, file: &str, bytes: &[u8]) -> Result<()> {
    let json: serde_json::Value = parse(file, bytes)?;
    let service = model
        .service
        .service_id
        .clone()
        .unwrap_or_else(|| model.source.clone());
    let table = crate::endpoints::lower(&service, &json).map_err(|e| CodegenError::Json {
        file: file.to_owned(),
        message: e.to_string(),
    })?;
    model.service.endpoint_rules = Some(table);
    Ok(())
}

/// The companion file `name` (`paginators-1.json`, `examples-1.json`) of the model file `model`:
/// beside `service-2.json` it is `name` itself; beside any other `x.json` it is `x.name`.
pub fn companion_path(model: &str, name: &str) -> String {
    let (dir, file) = model.rsplit_once('/').unwrap_or(("", model));
    let companion = if file == "service-2.json" {
        name.to_owned()
    } else {
        format!("{}.{name}", file.trim_end_matches(".json"))
    };
    if dir.is_empty() {
        companion
    } else {
        format!("{dir}/{companion}")
    }
}

/// Deserializes JSON, reporting errors with the file name and the JSON path at fault.
fn parse<T: serde::de::DeserializeOwned>(file: &str, bytes: &[u8]) -> Result<T> {
    // serde_json's default recursion limit (128) stays on: model formats are shallow, and a
    // hostile, deeply nested file then fails with an error instead of overflowing the stack.
    let mut de = serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let message = if path == "." || path.is_empty() {
            format!("invalid model JSON: {inner}")
        } else {
            format!("invalid model JSON at `{path}`: {inner}")
        };
        CodegenError::Json {
            file: file.to_owned(),
            message,
        }
    })
}
