//! The library behind `cargo xtask`: reads the configuration and model files, runs the
//! generator, and writes or checks the output folders. `main.rs` only parses arguments.

pub mod build_cost;
pub mod corpus;
pub mod endpoint_inputs;
pub mod endpoint_tests;
pub mod sweep;
pub mod sweep_build;
pub mod tree;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use awsgen_codegen::config::Config;
use awsgen_codegen::ir::{Model, Protocol, Selection};
use awsgen_codegen::{CrateInput, ServiceInput};

/// The configuration file, relative to the repository root.
pub const CONFIG: &str = "codegen.toml";

/// The command that regenerates the checked-in crate.
pub const REGENERATE: &str = "cargo xtask regenerate";

/// The repository root (the folder holding `xtask/`).
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Reads and lowers the model file at `path`; `display` is how messages and headers name it.
/// Companion files beside it (`paginators-1.json`) are read too when they exist.
pub fn load_model(path: &Path, display: &str) -> Result<Model> {
    let bytes = fs::read(path).with_context(|| format!("{display}: cannot read the model file"))?;
    let mut model = awsgen_codegen::model::load(display, &bytes)?;
    let paginators = awsgen_codegen::model::companion_path(display, "paginators-1.json");
    let paginators_path =
        awsgen_codegen::model::companion_path(&path.to_string_lossy(), "paginators-1.json");
    if let Ok(bytes) = fs::read(&paginators_path) {
        awsgen_codegen::model::load_paginators(&mut model, &paginators, &bytes)?;
    }
    let examples = awsgen_codegen::model::companion_path(display, "examples-1.json");
    let examples_path =
        awsgen_codegen::model::companion_path(&path.to_string_lossy(), "examples-1.json");
    if let Ok(bytes) = fs::read(&examples_path) {
        awsgen_codegen::model::load_examples(&mut model, &examples, &bytes)?;
    }
    let rules = awsgen_codegen::model::companion_path(display, "endpoint-rule-set-1.json");
    let rules_path =
        awsgen_codegen::model::companion_path(&path.to_string_lossy(), "endpoint-rule-set-1.json");
    if let Ok(bytes) = fs::read(&rules_path) {
        awsgen_codegen::model::load_endpoint_rules(&mut model, &rules, &bytes)?;
    }
    Ok(model)
}

/// Generates the crate `codegen.toml` describes, in memory: output folder and files.
pub fn generate_configured(root: &Path) -> Result<(PathBuf, BTreeMap<String, String>)> {
    let config_path = root.join(CONFIG);
    let text = fs::read_to_string(&config_path)
        .with_context(|| format!("{CONFIG}: cannot read the configuration"))?;
    let config = Config::parse(CONFIG, &text)?;
    let mut services = Vec::new();
    for s in &config.services {
        services.push(ServiceInput {
            module: s.module.clone(),
            model: load_model(&root.join(&s.model), &s.model)?,
            selection: s.selection(CONFIG)?,
            protocol: s.protocol(CONFIG)?,
        });
    }
    // Lenient: a service configured with `operations = "all"` leaves out what the generator
    // cannot produce yet (with a warning, and listed in its docs); operations listed by name
    // are strict, so a configured operation is never dropped silently.
    let generated = awsgen_codegen::generate_lenient(&CrateInput {
        name: config.krate.name.clone(),
        services,
        command: REGENERATE.to_owned(),
        source: CONFIG.to_owned(),
        standalone: false,
    })?;
    warn_left_out(&generated.left_out);
    Ok((root.join(&config.krate.out), generated.files))
}

/// Prints a warning for each operation a lenient generation left out.
pub fn warn_left_out(left_out: &[(String, awsgen_codegen::ir::LeftOut)]) {
    for (module, l) in left_out {
        eprintln!(
            "warning: {module}: operation `{}` left out: {}",
            l.operation, l.reason
        );
    }
}

/// `cargo xtask regenerate [--check]`. With `check`, writes nothing and fails naming every
/// stale, missing or orphaned file.
pub fn regenerate(root: &Path, check: bool) -> Result<()> {
    let (out, files) = generate_configured(root)?;
    if check {
        let diff = tree::diff(&out, &files)?;
        if !diff.is_clean() {
            anyhow::bail!(
                "{}{} is not up to date: run `{REGENERATE}` and commit the result",
                diff.report(&out),
                out.display()
            );
        }
        return Ok(());
    }
    tree::replace_tree(&out, &files)
}

/// Options of `cargo xtask generate`.
pub struct GenerateOptions {
    /// Model file.
    pub model: String,
    /// Operations.
    pub selection: Selection,
    /// Output folder.
    pub out: PathBuf,
    /// Protocol override.
    pub protocol: Option<Protocol>,
    /// Package name (default `awsgen-<service>`).
    pub name: Option<String>,
    /// Fail on an operation the generator cannot produce instead of leaving it out.
    pub strict: bool,
}

/// The module name of a service in a standalone crate: its service id, lowercased, letters
/// and digits only (`ElastiCache` → `elasticache`).
pub fn service_module(model: &Model) -> String {
    let id = model
        .service
        .service_id
        .clone()
        .or_else(|| model.service.endpoint_prefix.clone())
        .unwrap_or_else(|| "service".to_owned());
    let module: String = id
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    match module.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => awsgen_codegen::naming::module_name(&module),
        _ => format!("service{module}"),
    }
}

/// `cargo xtask model-diff A B [--operations …]`: the changes from model `a` to model `b` (either
/// format, or two versions of one model) as text, both restricted to `selection`.
pub fn model_diff(a: &str, b: &str, selection: &Selection) -> Result<String> {
    let model_a = load_model(Path::new(a), a)?;
    let model_b = load_model(Path::new(b), b)?;
    let diff = awsgen_codegen::diff::diff(&model_a, &model_b, selection)?;
    Ok(awsgen_codegen::diff::render(&diff))
}

/// `cargo xtask generate`: a standalone crate for any model.
pub fn generate(options: &GenerateOptions, command: &str) -> Result<()> {
    let model = load_model(Path::new(&options.model), &options.model)?;
    let module = service_module(&model);
    let input = CrateInput {
        name: options
            .name
            .clone()
            .unwrap_or_else(|| format!("awsgen-{}", module.replace('_', "-"))),
        services: vec![ServiceInput {
            module,
            model,
            selection: options.selection.clone(),
            protocol: options.protocol,
        }],
        command: command.to_owned(),
        source: options.model.clone(),
        standalone: true,
    };
    let files = if options.strict {
        awsgen_codegen::generate(&input)?
    } else {
        let generated = awsgen_codegen::generate_lenient(&input)?;
        warn_left_out(&generated.left_out);
        generated.files
    };
    tree::replace_tree(&options.out, &files)
}
