//! `cargo xtask build-cost`: what the generated crate costs its users to build. Generates the
//! crate of `codegen.toml` twice — with the configured operations (`CopySnapshot` of both
//! services) and with every operation of the same models — as standalone crates in a temporary
//! folder, and for each, with and without the default `serde` feature, times a cold
//! `cargo build` in a fresh, empty `CARGO_TARGET_DIR` (after `cargo fetch`, so downloads do not
//! count), counts the crates compiled, times a rebuild of the crate alone, and counts the
//! dependency tree (`cargo tree`) and the lines of generated code per operation. Prints one
//! markdown table.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use awsgen_codegen::config::Config;
use awsgen_codegen::ir::Selection;
use awsgen_codegen::{CrateInput, ServiceInput};

use crate::{CONFIG, load_model, tree};

/// Options of `cargo xtask build-cost`.
pub struct Options {
    /// Cold builds per configuration; the table shows the median.
    pub runs: usize,
    /// `release` (the default) or `dev`.
    pub profile: String,
    /// Keep the temporary folder (crates and target directories) and print its path.
    pub keep: bool,
}

/// One crate to measure.
struct Variant {
    label: &'static str,
    /// Operations generated, over all services.
    operations: usize,
    /// Lines of generated Rust outside `src/runtime/`.
    lines: usize,
    /// Lines of the copied runtime modules.
    runtime_lines: usize,
    dir: PathBuf,
    /// The service features (`elasticache,memorydb`).
    services: String,
}

/// What one cold build measured.
struct Build {
    cold: Duration,
    /// CPU time (user + system) of the cold build, all processes, when the OS tells it.
    cpu: Option<Duration>,
    compiled: usize,
    crate_alone: Duration,
}

/// Runs the measurement and returns the table.
pub fn run(root: &Path, options: &Options) -> Result<String> {
    if options.runs == 0 {
        bail!("--runs must be at least 1");
    }
    let work = std::env::temp_dir().join(format!("awsgen-build-cost-{}", std::process::id()));
    if work.exists() {
        std::fs::remove_dir_all(&work)?;
    }
    std::fs::create_dir_all(&work)?;
    let result = measure(root, options, &work);
    if options.keep {
        eprintln!("kept {}", work.display());
    } else {
        let _ = std::fs::remove_dir_all(&work);
    }
    result
}

fn measure(root: &Path, options: &Options, work: &Path) -> Result<String> {
    let variants = [
        variant(root, work, "configured operations (CopySnapshot)", false)?,
        variant(root, work, "full models (every operation)", true)?,
        two_crates(root, work)?,
    ];
    let feature_sets: [(&str, bool); 2] =
        [("default (serde)", true), ("no default features", false)];
    let mut rows = Vec::new();
    for v in &variants {
        cargo(&v.dir, &work.join("fetch-target"), &["fetch"])?;
        for (features_label, defaults) in feature_sets {
            let features = feature_args(v, defaults);
            let tree = dependency_count(&v.dir, &work.join("fetch-target"), &features)?;
            let mut builds = Vec::new();
            for run in 0..options.runs {
                eprintln!(
                    "build-cost: {} / {features_label}, run {} of {}",
                    v.label,
                    run + 1,
                    options.runs
                );
                builds.push(build(v, work, &options.profile, &features)?);
            }
            rows.push((v, features_label, tree, builds));
        }
    }

    let mut out = String::new();
    let _ = writeln!(
        out,
        "| crate | features | operations | generated lines (per operation) | runtime lines | dependencies (`cargo tree`) | cold `cargo build{}`, wall (median of {}) | CPU user+sys | crates compiled | crate alone, wall |",
        if options.profile == "release" {
            " --release"
        } else {
            ""
        },
        options.runs
    );
    let _ = writeln!(
        out,
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    );
    for (v, features_label, tree, mut builds) in rows {
        builds.sort_by_key(|b| b.cold);
        let median = &builds[builds.len() / 2];
        let runs: Vec<String> = builds
            .iter()
            .map(|b| format!("{:.1}", b.cold.as_secs_f64()))
            .collect();
        let _ = writeln!(
            out,
            "| {} | {features_label} | {} | {} ({}) | {} | {tree} | {:.1} s ({}) | {} | {} | {:.1} s |",
            v.label,
            v.operations,
            v.lines,
            v.lines / v.operations.max(1),
            v.runtime_lines,
            median.cold.as_secs_f64(),
            runs.join(", "),
            median
                .cpu
                .map_or_else(|| "n/a".to_owned(), |c| format!("{:.1} s", c.as_secs_f64())),
            median.compiled,
            median.crate_alone.as_secs_f64(),
        );
    }
    Ok(out)
}

/// Generates the crate of `codegen.toml` (every operation of its models when `full`) into
/// `work/<name>/`.
fn variant(root: &Path, work: &Path, label: &'static str, full: bool) -> Result<Variant> {
    let text = std::fs::read_to_string(root.join(CONFIG))
        .with_context(|| format!("{CONFIG}: cannot read the configuration"))?;
    let config = Config::parse(CONFIG, &text)?;
    let mut services = Vec::new();
    for s in &config.services {
        services.push(ServiceInput {
            module: s.module.clone(),
            model: load_model(&root.join(&s.model), &s.model)?,
            selection: if full {
                Selection::All
            } else {
                s.selection(CONFIG)?
            },
            protocol: s.protocol(CONFIG)?,
        });
    }
    let service_names: Vec<String> = services.iter().map(|s| s.module.clone()).collect();
    let files = awsgen_codegen::generate(&CrateInput {
        name: "awsgen-build-cost".to_owned(),
        services,
        command: "cargo xtask build-cost".to_owned(),
        source: CONFIG.to_owned(),
        standalone: true,
        runtime: awsgen_codegen::RuntimeDep::Vendored,
    })?;
    let operations = count_operations(&files);
    let (mut lines, mut runtime_lines) = (0, 0);
    for (path, contents) in &files {
        if !path.ends_with(".rs") {
            continue;
        }
        if path.starts_with("awsgen-runtime/") {
            runtime_lines += contents.lines().count();
        } else {
            lines += contents.lines().count();
        }
    }
    let dir = work.join(if full { "full" } else { "configured" });
    tree::replace_tree(&dir, &files)?;
    Ok(Variant {
        label,
        operations,
        lines,
        runtime_lines,
        dir,
        services: service_names.join(","),
    })
}

/// A program using the first two services of `codegen.toml` (ElastiCache and MemoryDB, their
/// configured operations) as two generated crates, which share one runtime crate (written once,
/// beside them, as the vendored runtime is). Its `serde` feature (default) turns on both
/// crates'.
fn two_crates(root: &Path, work: &Path) -> Result<Variant> {
    let text = std::fs::read_to_string(root.join(CONFIG))
        .with_context(|| format!("{CONFIG}: cannot read the configuration"))?;
    let config = Config::parse(CONFIG, &text)?;
    let dir = work.join("two-crates");
    let mut all = BTreeMap::new();
    let (mut operations, mut lines, mut runtime_lines) = (0, 0, 0);
    let mut deps = String::new();
    let mut serde = Vec::new();
    for s in config.services.iter().take(2) {
        let name = format!("awsgen-{}", s.module.replace('_', "-"));
        let files = awsgen_codegen::generate(&CrateInput {
            name: name.clone(),
            services: vec![ServiceInput {
                module: s.module.clone(),
                model: load_model(&root.join(&s.model), &s.model)?,
                selection: s.selection(CONFIG)?,
                protocol: s.protocol(CONFIG)?,
            }],
            command: "cargo xtask build-cost".to_owned(),
            source: CONFIG.to_owned(),
            standalone: false,
            runtime: awsgen_codegen::RuntimeDep::Path("../awsgen-runtime".to_owned()),
        })?;
        operations += count_operations(&files);
        lines += files
            .iter()
            .filter(|(p, _)| p.ends_with(".rs"))
            .map(|(_, c)| c.lines().count())
            .sum::<usize>();
        for (path, contents) in files {
            all.insert(format!("{name}/{path}"), contents);
        }
        let _ = writeln!(
            deps,
            "{name} = {{ path = \"../{name}\", default-features = false, features = [\"{}\"] }}",
            s.module
        );
        serde.push(format!("\"{name}/serde\""));
    }
    for (path, contents) in awsgen_codegen::emit::vendored_runtime("# the runtime crate") {
        if path.ends_with(".rs") {
            runtime_lines += contents.lines().count();
        }
        all.insert(path, contents);
    }
    all.insert(
        "program/Cargo.toml".to_owned(),
        format!(
            "[package]\nname = \"two-crates\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\
             publish = false\n\n[features]\ndefault = [\"serde\"]\nserde = [{}]\n\n\
             [dependencies]\n{deps}\n[workspace]\n",
            serde.join(", ")
        ),
    );
    all.insert(
        "program/src/lib.rs".to_owned(),
        "//! Uses both generated crates.\n".to_owned(),
    );
    tree::replace_tree(&dir, &all)?;
    Ok(Variant {
        label: "two service crates in one program (CopySnapshot each)",
        operations,
        lines,
        runtime_lines,
        dir: dir.join("program"),
        services: String::new(),
    })
}

/// Operations of a generated crate: its `operation/<op>.rs` files.
fn count_operations(files: &BTreeMap<String, String>) -> usize {
    files
        .keys()
        .filter(|p| p.split('/').rev().nth(1) == Some("operation") && !p.ends_with("/mod.rs"))
        .count()
}

fn feature_args(v: &Variant, defaults: bool) -> Vec<String> {
    if defaults {
        Vec::new()
    } else if v.services.is_empty() {
        vec!["--no-default-features".to_owned()]
    } else {
        vec![
            "--no-default-features".to_owned(),
            "--features".to_owned(),
            v.services.clone(),
        ]
    }
}

/// One cold build in a new target directory, then a rebuild of the crate alone.
fn build(v: &Variant, work: &Path, profile: &str, features: &[String]) -> Result<Build> {
    let target = work.join("target");
    if target.exists() {
        std::fs::remove_dir_all(&target)?;
    }
    let mut args = vec![
        "build".to_owned(),
        "--profile".to_owned(),
        profile.to_owned(),
    ];
    args.extend(features.iter().cloned());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let start = Instant::now();
    let cpu_before = children_cpu();
    let stderr = cargo(&v.dir, &target, &args)?;
    let cold = start.elapsed();
    let cpu = children_cpu()
        .zip(cpu_before)
        .map(|(after, before)| after.saturating_sub(before));
    let compiled = stderr
        .lines()
        .filter(|l| l.trim_start().starts_with("Compiling "))
        .count();
    // The crate alone: its sources change, its dependencies are built.
    let lib = v.dir.join("src/lib.rs");
    let text = std::fs::read_to_string(&lib)?;
    std::fs::write(&lib, format!("{text}\n"))?;
    let start = Instant::now();
    cargo(&v.dir, &target, &args)?;
    let crate_alone = start.elapsed();
    std::fs::write(&lib, text)?;
    std::fs::remove_dir_all(&target)?;
    Ok(Build {
        cold,
        cpu,
        compiled,
        crate_alone,
    })
}

/// CPU time (user + system) of the finished child processes of this process and theirs, from
/// Linux's `/proc/self/stat` (`cutime`, `cstime`, at 100 ticks a second); `None` elsewhere. It
/// says how much work a build was, which wall time on a busy machine does not.
fn children_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses and may hold spaces).
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    // cutime and cstime are fields 16 and 17 of the line; the split leaves fields 3 and on.
    let ticks = |i: usize| fields.get(i)?.parse::<u64>().ok();
    Some(Duration::from_millis((ticks(13)? + ticks(14)?) * 10))
}

/// Packages in the crate's normal dependency tree, the crate itself included.
fn dependency_count(dir: &Path, target: &Path, features: &[String]) -> Result<usize> {
    let mut args = vec!["tree", "--edges", "normal", "--prefix", "none"];
    args.extend(features.iter().map(String::as_str));
    let out = Command::new(cargo_bin())
        .args(&args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .output()?;
    if !out.status.success() {
        bail!(
            "cargo tree failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut packages: Vec<&str> = text
        .lines()
        .map(|l| l.trim_end_matches(" (*)"))
        .filter(|l| !l.is_empty())
        .collect();
    packages.sort_unstable();
    packages.dedup();
    Ok(packages.len())
}

fn cargo_bin() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}

/// Runs cargo in `dir` with its own target directory; returns its stderr.
fn cargo(dir: &Path, target: &Path, args: &[&str]) -> Result<String> {
    let out = Command::new(cargo_bin())
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_TERM_COLOR", "never")
        .env_remove("RUSTFLAGS")
        .output()
        .with_context(|| format!("running cargo {}", args.join(" ")))?;
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    if !out.status.success() {
        bail!(
            "cargo {} failed in {}:\n{stderr}",
            args.join(" "),
            dir.display()
        );
    }
    Ok(stderr)
}
