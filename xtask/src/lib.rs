//! The library behind `cargo xtask`: reads the configuration and model files, runs the
//! generator, and writes or checks the output folders. `main.rs` only parses arguments.

pub mod build_cost;
pub mod corpus;
pub mod endpoint_inputs;
pub mod endpoint_tests;
pub mod lines;
pub mod sweep;
pub mod sweep_build;
pub mod tree;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use awsgen_codegen::config::Config;
use awsgen_codegen::ir::{Model, Protocol, Selection};
use awsgen_codegen::{CrateInput, RuntimeDep, ServiceInput};

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

/// Reads and lowers the model file at `path` with its companion files (paginators, waiters,
/// examples, endpoint rule set: [`awsgen_codegen::model::load_path`]); `display` is how
/// messages and headers name it.
pub fn load_model(path: &Path, display: &str) -> Result<Model> {
    Ok(awsgen_codegen::model::load_path(path, display)?)
}

/// Generates the crate `codegen.toml` describes, in memory: output folder and files.
pub fn generate_configured(root: &Path) -> Result<(PathBuf, BTreeMap<String, String>)> {
    let configured = configure(root)?;
    Ok((configured.out, configured.files))
}

/// The configured crate: where it goes, its files, and its services.
struct Configured {
    out: PathBuf,
    files: BTreeMap<String, String>,
    /// (module, model path) of each service.
    services: Vec<(String, String)>,
}

/// [`generate_configured`], plus the configured services.
fn configure(root: &Path) -> Result<Configured> {
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
        // `generated/` depends on this repository's runtime crate by path.
        runtime: RuntimeDep::Path(format!(
            "{}runtime",
            "../".repeat(Path::new(&config.krate.out).components().count())
        )),
    })?;
    warn_left_out(&generated.left_out);
    Ok(Configured {
        out: root.join(&config.krate.out),
        files: generated.files,
        services: config
            .services
            .iter()
            .map(|s| (s.module.clone(), s.model.clone()))
            .collect(),
    })
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
/// stale, missing or orphaned file. Otherwise writes the crate and returns the summary to
/// print: one line per service (and one for the crate-level files) with the files written,
/// unchanged and removed, pointing to `model-diff` when the service's model differs from the
/// committed one.
pub fn regenerate(root: &Path, check: bool) -> Result<String> {
    let Configured {
        out,
        files,
        services,
    } = configure(root)?;
    let diff = tree::diff(&out, &files)?;
    if check {
        if !diff.is_clean() {
            anyhow::bail!(
                "{}{} is not up to date: run `{REGENERATE}` and commit the result",
                diff.report(&out),
                out.display()
            );
        }
        return Ok(format!("{} is up to date\n", out.display()));
    }
    tree::replace_tree(&out, &files)?;
    let mut summary = String::new();
    let mut groups: Vec<(String, String, Option<String>)> = services
        .iter()
        .map(|(module, model)| {
            (
                module.clone(),
                format!("src/{module}/"),
                Some(model.clone()),
            )
        })
        .collect();
    groups.push(("crate files".to_owned(), String::new(), None));
    for (label, prefix, model) in groups {
        let in_group = |path: &&String| {
            if prefix.is_empty() {
                !services
                    .iter()
                    .any(|(m, _)| path.starts_with(&format!("src/{m}/")))
            } else {
                path.starts_with(&prefix)
            }
        };
        let count = |list: &[String]| list.iter().filter(in_group).count();
        let (stale, missing, removed) = (
            count(&diff.stale),
            count(&diff.missing),
            count(&diff.orphaned),
        );
        let total = files.keys().filter(in_group).count();
        summary.push_str(&format!(
            "{label}: {} written ({missing} new), {} unchanged, {removed} removed",
            stale + missing,
            total - stale - missing,
        ));
        if let Some(model) = model
            && let Some(note) = model_change(root, &model)
        {
            summary.push_str(&format!("; {note}"));
        }
        summary.push('\n');
    }
    Ok(summary)
}

/// Whether the model file differs from the committed one (`git status`), and if so what to run
/// to see how; `None` when it does not or git cannot tell.
fn model_change(root: &Path, model: &str) -> Option<String> {
    let output = std::process::Command::new("git")
        .args(["status", "--porcelain", "--", model])
        .current_dir(root)
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    let status = String::from_utf8_lossy(&output.stdout);
    let status = status.trim();
    if status.is_empty() {
        None
    } else if status.starts_with("??") || status.starts_with('A') {
        Some(format!("model {model} is new (not in HEAD)"))
    } else {
        Some(format!(
            "model {model} changed since HEAD: see how with `git show HEAD:{model} > /tmp/old-model.json && cargo xtask model-diff /tmp/old-model.json {model}`"
        ))
    }
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
    /// Whether the crate declares an empty `[workspace]` (is its own workspace wherever it is);
    /// without it the crate can be a member of the workspace it sits in.
    pub own_workspace: bool,
    /// How the crate depends on the runtime (`--runtime`; vendored by default).
    pub runtime: RuntimeDep,
}

/// Parses `--runtime`: `path=<dir>` (as the crate's `Cargo.toml` will say it: relative to the
/// crate's folder, or absolute), `version=<v>`, or `vendored`.
pub fn parse_runtime(text: &str) -> Result<RuntimeDep> {
    match text.split_once('=') {
        Some(("path", dir)) if !dir.is_empty() => Ok(RuntimeDep::Path(dir.to_owned())),
        Some(("version", v)) if !v.is_empty() => Ok(RuntimeDep::Version(v.to_owned())),
        None if text == "vendored" => Ok(RuntimeDep::Vendored),
        _ => bail!("--runtime takes `path=<dir>`, `version=<version>` or `vendored`, not `{text}`"),
    }
}

impl GenerateOptions {
    /// The command that regenerates the crate, as its file headers show it: the options in a
    /// fixed order, and the output folder as a placeholder, so that the same crate generated
    /// into two folders (or on two machines) is byte-identical.
    pub fn command(&self) -> String {
        let mut command = format!("cargo xtask generate --model {}", self.model);
        match &self.selection {
            Selection::All => command.push_str(" --all-operations"),
            Selection::Operations(ops) => {
                command.push_str(&format!(" --operations {}", ops.join(",")));
            }
        }
        if let Some(p) = self.protocol {
            command.push_str(&format!(" --protocol {}", p.botocore_name()));
        }
        if let Some(name) = &self.name {
            command.push_str(&format!(" --name {name}"));
        }
        if self.own_workspace {
            command.push_str(" --workspace");
        }
        if self.strict {
            command.push_str(" --strict");
        }
        match &self.runtime {
            RuntimeDep::Vendored => {}
            RuntimeDep::Path(dir) => command.push_str(&format!(" --runtime path={dir}")),
            RuntimeDep::Version(v) => command.push_str(&format!(" --runtime version={v}")),
        }
        command.push_str(" --out <this folder>");
        command
    }
}

/// The module name of a service in a standalone crate: its service id, lowercased, letters
/// and digits only (`ElastiCache` → `elasticache`).
pub fn service_module(model: &Model) -> String {
    let id = model
        .service
        .service_id
        .as_deref()
        .or(model.service.endpoint_prefix.as_deref())
        .unwrap_or("service");
    awsgen_codegen::naming::service_module(id)
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
pub fn generate(options: &GenerateOptions) -> Result<()> {
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
        command: options.command(),
        source: options.model.clone(),
        standalone: options.own_workspace,
        runtime: options.runtime.clone(),
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
