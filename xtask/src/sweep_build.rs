//! `cargo xtask sweep --build N | --build-all`: builds generated crates of the corpus with
//! `cargo clippy -D warnings` (every feature: serde, validate, client), one crate per service in
//! one temporary cargo workspace, so that dependencies compile once and a crate that does not
//! build is named on its own (`--keep-going`).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use awsgen_codegen::ir::Protocol;

use crate::corpus::CorpusModel;

/// The fixed sample CI builds: small services spanning every supported protocol (awsQuery;
/// awsJson 1.0 and 1.1; smithy-rpc-v2-cbor, chosen explicitly where the model also lists json,
/// which botocore prefers; restXml: Route 53, the smallest), plus HealthLake, which generates
/// with an event-stream operation left out. ec2 has one model, EC2 itself (830 operations, 1.1
/// million generated lines): `tests/tests/full_models.rs` builds a fixed sample of it instead.
/// `(service folder, protocol override)`.
pub const SAMPLE: &[(&str, Option<Protocol>)] = &[
    ("importexport", None),
    ("sdb", None),
    ("sts", None),
    ("cloudsearch", None),
    ("bcm-recommended-actions", None),
    ("dynamodbstreams", None),
    ("keyspacesstreams", None),
    ("route53-recovery-cluster", None),
    ("freetier", None),
    ("ec2-instance-connect", None),
    ("forecastquery", None),
    ("marketplacecommerceanalytics", None),
    ("meteringmarketplace", None),
    ("migrationhub-config", None),
    ("pricing", None),
    ("marketplace-entitlement", Some(Protocol::RpcV2Cbor)),
    ("kendra-ranking", Some(Protocol::RpcV2Cbor)),
    ("resourcegroupstaggingapi", Some(Protocol::RpcV2Cbor)),
    ("interconnect", Some(Protocol::RpcV2Cbor)),
    ("partnercentral-revenue-measurement", None),
    ("healthlake", None),
    ("route53", None),
];

/// What building gave.
#[derive(Debug)]
pub struct BuildReport {
    /// Crates written into the workspace.
    pub crates: usize,
    /// Services whose crate does not build cleanly.
    pub failed: Vec<String>,
    /// `(service, protocol generated)` of each crate, in build order.
    pub protocols: Vec<(String, String)>,
    /// Generated lines of the crates.
    pub lines: usize,
    /// Wall time of the build.
    pub time: Duration,
}

impl BuildReport {
    /// `sweep build: N of M built (…)`.
    pub fn line(&self) -> String {
        format!(
            "sweep build: {} of {} built (clippy -D warnings, all features; {} generated lines; {:.0} s)",
            self.crates - self.failed.len(),
            self.crates,
            self.lines,
            self.time.as_secs_f64()
        )
    }

    /// Per protocol: crates tried, built and failed, then every protocol together (the
    /// `built` column of the sweep's summary).
    pub fn by_protocol(&self) -> String {
        let mut table =
            String::from("| protocol | crates | built | failed |\n|---|---:|---:|---:|\n");
        let mut protocols: Vec<&str> = self.protocols.iter().map(|(_, p)| p.as_str()).collect();
        protocols.sort_unstable();
        protocols.dedup();
        let row = |label: &str, wanted: &dyn Fn(&str) -> bool| {
            let crates: Vec<&str> = self
                .protocols
                .iter()
                .filter(|(_, p)| wanted(p))
                .map(|(s, _)| s.as_str())
                .collect();
            let failed = crates
                .iter()
                .filter(|s| self.failed.iter().any(|f| f == *s))
                .count();
            format!(
                "| {label} | {} | {} | {failed} |\n",
                crates.len(),
                crates.len() - failed
            )
        };
        for p in protocols {
            table.push_str(&row(p, &|q| q == p));
        }
        table.push_str(&row("**all**", &|_| true));
        table
    }
}

/// The first `n` services of [`SAMPLE`], failing when the corpus lacks one.
pub fn sample(models: &[CorpusModel], n: usize) -> Result<Vec<(CorpusModel, Option<Protocol>)>> {
    if n > SAMPLE.len() {
        bail!("--build takes at most {} (the fixed sample)", SAMPLE.len());
    }
    SAMPLE[..n]
        .iter()
        .map(|(service, protocol)| {
            let model = models
                .iter()
                .find(|m| m.service == *service)
                .with_context(|| format!("sample service `{service}` is not in the corpus"))?;
            Ok((model.clone(), *protocol))
        })
        .collect()
}

/// Generates each service as a member crate of a workspace at `dir` (replacing what was there,
/// keeping `target/`), then runs clippy on all of them.
pub fn build(dir: &Path, services: &[(CorpusModel, Option<Protocol>)]) -> Result<BuildReport> {
    fs::create_dir_all(dir)?;
    // Stale member folders would be built too: start the members afresh.
    let crates_dir = dir.join("crates");
    let _ = fs::remove_dir_all(&crates_dir);
    let mut members = Vec::new();
    let mut lines = 0;
    let mut protocols = Vec::new();
    for (model, protocol) in services {
        let display = format!(
            "botocore/data/{}/{}/service-2.json",
            model.service, model.api_version
        );
        let loaded = crate::load_model(&model.model_path(), &display)?;
        let chosen = awsgen_codegen::choose_protocol(&loaded, *protocol)
            .with_context(|| format!("choosing the protocol of {}", model.service))?;
        protocols.push((model.service.clone(), chosen.botocore_name().to_owned()));
        let mut input = crate::sweep::crate_input(model, loaded);
        input.standalone = false;
        // The runtime crate of this repository, compiled once for every sampled crate.
        input.runtime = awsgen_codegen::RuntimeDep::Path(
            crate::project_root().join("runtime").display().to_string(),
        );
        input.services[0].protocol = *protocol;
        let generated = awsgen_codegen::generate_lenient(&input)
            .with_context(|| format!("generating {}", model.service))?;
        lines += generated
            .files
            .iter()
            .filter(|(p, _)| p.ends_with(".rs"))
            .map(|(_, c)| c.lines().count())
            .sum::<usize>();
        let member = format!("crates/{}", model.service);
        crate::tree::replace_tree(&dir.join(&member), &generated.files)?;
        members.push(member);
    }
    let manifest = format!(
        "# Written by `cargo xtask sweep --build`: the sampled generated crates, built together.\n\
         [workspace]\nresolver = \"3\"\nmembers = [{}]\n",
        members
            .iter()
            .map(|m| format!("{m:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    fs::write(dir.join("Cargo.toml"), manifest)?;
    // The repository's lock file pins the versions its own build already fetched.
    let lock = dir.join("Cargo.lock");
    if !lock.exists() {
        let _ = fs::copy(crate::project_root().join("Cargo.lock"), &lock);
    }
    let start = Instant::now();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args([
            "clippy",
            "--workspace",
            "--all-features",
            "--keep-going",
            "--quiet",
            "--",
            "-D",
            "warnings",
        ])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env_remove("RUSTFLAGS")
        .output()
        .context("cannot run cargo clippy")?;
    let time = start.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let failed: Vec<String> = services
        .iter()
        .filter(|(m, _)| {
            stderr.contains(&format!(
                "could not compile `{}`",
                crate::sweep::crate_name(&m.service)
            ))
        })
        .map(|(m, _)| m.service.clone())
        .collect();
    // Written on success too: a log left by an earlier, failed run would mislead.
    fs::write(dir.join("clippy.log"), stderr.as_bytes())?;
    if !output.status.success() {
        if failed.is_empty() {
            bail!(
                "cargo clippy failed before building the crates ({}):\n{stderr}",
                output.status
            );
        }
        eprintln!("clippy's messages: {}", dir.join("clippy.log").display());
    }
    Ok(BuildReport {
        crates: services.len(),
        failed,
        protocols,
        lines,
        time,
    })
}

/// Where `sweep --build` puts its workspace: `target/sweep-build` of the repository.
pub fn default_dir() -> PathBuf {
    crate::project_root().join("target").join("sweep-build")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_protocol_table_counts_crates_built_and_failed_per_protocol() {
        let pair = |s: &str, p: &str| (s.to_owned(), p.to_owned());
        let report = BuildReport {
            crates: 4,
            failed: vec!["iot".to_owned()],
            protocols: vec![
                pair("sts", "query"),
                pair("iot", "rest-json"),
                pair("eks", "rest-json"),
                pair("sdb", "query"),
            ],
            lines: 10,
            time: Duration::from_secs(1),
        };
        assert_eq!(
            report.by_protocol(),
            "| protocol | crates | built | failed |\n|---|---:|---:|---:|\n\
             | query | 2 | 2 | 0 |\n\
             | rest-json | 2 | 1 | 1 |\n\
             | **all** | 4 | 3 | 1 |\n"
        );
        assert_eq!(
            report.line(),
            "sweep build: 3 of 4 built (clippy -D warnings, all features; 10 generated lines; 1 s)"
        );
    }
}
