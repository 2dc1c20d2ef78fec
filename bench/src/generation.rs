//! Generation of the full ElastiCache and MemoryDB models, stage by stage, as `cargo xtask
//! generate --all-operations` runs it (model and companion files read from `models/` into
//! memory first): parse the JSON, lower it into the IR, prepare (operation closure and passes),
//! emit tokens, format.

use std::collections::BTreeMap;
use std::path::PathBuf;

use awsgen_codegen::emit::{CrateSpec, EmittedCrate, ServiceSpec};
use awsgen_codegen::ir::{Model, Protocol, Selection};
use awsgen_codegen::model::botocore::ServiceModel;
use awsgen_codegen::{CrateInput, ServiceInput};

/// One model file, read into memory.
pub struct ModelFile {
    /// Path relative to the repository root.
    pub path: &'static str,
    /// Module name in the generated crate.
    pub module: &'static str,
    /// `service-2.json`.
    pub bytes: Vec<u8>,
    /// Its companion files that exist (`paginators-1.json`, …), by name.
    pub companions: BTreeMap<&'static str, Vec<u8>>,
}

/// The two full models.
pub fn models() -> Vec<ModelFile> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    [
        (
            "models/botocore/elasticache/2015-02-02/service-2.json",
            "elasticache",
        ),
        (
            "models/botocore/memorydb/2021-01-01/service-2.json",
            "memorydb",
        ),
    ]
    .into_iter()
    .map(|(path, module)| {
        let read = |p: &str| {
            let p = root.join(p);
            std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        };
        ModelFile {
            path,
            module,
            bytes: read(path),
            companions: awsgen_codegen::model::COMPANIONS
                .into_iter()
                .filter_map(|name| {
                    let p = awsgen_codegen::model::companion_path(path, name);
                    root.join(&p).is_file().then(|| (name, read(&p)))
                })
                .collect(),
        }
    })
    .collect()
}

/// Stage 1: the model JSON into botocore's serde mirror.
pub fn parse(file: &ModelFile) -> ServiceModel {
    serde_json::from_slice(&file.bytes).expect("the model is valid JSON")
}

/// Stage 2: lowering into the IR.
pub fn lower(file: &ModelFile, parsed: &ServiceModel) -> Model {
    awsgen_codegen::model::botocore::lower_botocore(file.path, parsed).expect("the model lowers")
}

/// Stages 1 and 2 as `cargo xtask` runs them (`model::load_path`, with its error paths, the
/// companion files included), from memory.
pub fn load(file: &ModelFile) -> Model {
    awsgen_codegen::model::load_with_companions(file.path, &file.bytes, |name| {
        Ok(file.companions.get(name).cloned())
    })
    .expect("the model loads")
}

/// Stage 3: every operation selected, the passes run, the protocol chosen.
pub fn prepare(model: &Model) -> (Model, Protocol) {
    let prepared = awsgen_codegen::prepare(model, &Selection::All).expect("the model prepares");
    let protocol = awsgen_codegen::choose_protocol(&prepared, None).expect("a protocol");
    (prepared, protocol)
}

/// The crate spec of both services (`prepared` from [`prepare`]).
pub fn spec<'a>(files: &[ModelFile], prepared: &'a [(Model, Protocol)]) -> CrateSpec<'a> {
    CrateSpec {
        name: "awsgen-full".to_owned(),
        services: files
            .iter()
            .zip(prepared)
            .map(|(file, (model, protocol))| ServiceSpec {
                module: file.module.to_owned(),
                model,
                protocol: *protocol,
            })
            .collect(),
        command: "cargo bench -p awsgen-bench".to_owned(),
        source: "models".to_owned(),
        standalone: true,
        runtime: awsgen_codegen::RuntimeDep::Path("../runtime".to_owned()),
    }
}

/// Stage 4: the emitters (tokens).
pub fn emit(spec: &CrateSpec<'_>) -> EmittedCrate {
    awsgen_codegen::emit::emit_tokens(spec)
}

/// Stage 5: prettyplease, runtime modules, manifest, README.
pub fn format(spec: &CrateSpec<'_>, emitted: EmittedCrate) -> BTreeMap<String, String> {
    awsgen_codegen::emit::render_crate(spec, emitted).expect("the crate renders")
}

/// End to end, from the file contents to every file of the crate.
pub fn end_to_end(files: &[ModelFile]) -> BTreeMap<String, String> {
    let services = files
        .iter()
        .map(|file| ServiceInput {
            module: file.module.to_owned(),
            model: load(file),
            selection: Selection::All,
            protocol: None,
        })
        .collect();
    awsgen_codegen::generate(&CrateInput {
        name: "awsgen-full".to_owned(),
        services,
        command: "cargo bench -p awsgen-bench".to_owned(),
        source: "models".to_owned(),
        standalone: true,
        runtime: awsgen_codegen::RuntimeDep::Path("../runtime".to_owned()),
    })
    .expect("the crate generates")
}
