//! `cargo xtask`: awsgen's command line. Parses arguments (clap's builder API, without derive
//! macros, colour or suggestions beyond the default) and calls the `xtask` library.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};
use awsgen_codegen::ir::{Protocol, Selection};
use clap::{Arg, ArgAction, ArgGroup, ArgMatches, Command};
use xtask::GenerateOptions;

fn cli() -> Command {
    Command::new("xtask")
        .bin_name("cargo xtask")
        .about("awsgen's command line: generate Rust crates from AWS service models")
        .after_help(
            "Model files are botocore service-2.json or Smithy JSON AST files; the format is \
             detected.",
        )
        .subcommand_required(true)
        .arg_required_else_help(true)
        .subcommand(
            Command::new("regenerate")
                .about("Write generated/ from codegen.toml; prints one line per service")
                .arg(
                    Arg::new("check")
                        .long("check")
                        .action(ArgAction::SetTrue)
                        .help("Write nothing; fail naming every stale, missing or orphaned file"),
                ),
        )
        .subcommand(
            Command::new("model-diff")
                .about(
                    "Compare two models as the generator sees them (BREAKING marks changes \
                     that break code using the crate generated from A)",
                )
                .arg(Arg::new("a").value_name("A").required(true).help("The old model"))
                .arg(Arg::new("b").value_name("B").required(true).help("The new model"))
                .arg(operations_arg()),
        )
        .subcommand(
            Command::new("generate")
                .about("Generate a standalone crate for any model")
                .arg(
                    Arg::new("model")
                        .long("model")
                        .value_name("PATH")
                        .required(true)
                        .help("The model file"),
                )
                .arg(operations_arg())
                .arg(
                    Arg::new("all-operations")
                        .long("all-operations")
                        .action(ArgAction::SetTrue)
                        .help("Generate every operation of the model"),
                )
                .group(
                    ArgGroup::new("selection")
                        .args(["operations", "all-operations"])
                        .required(true),
                )
                .arg(
                    Arg::new("out")
                        .long("out")
                        .value_name("DIR")
                        .required(true)
                        .help("The crate's folder (replaced as a whole; target/ and Cargo.lock survive)"),
                )
                .arg(
                    Arg::new("protocol")
                        .long("protocol")
                        .value_name("PROTOCOL")
                        .help("One of the model's protocols: query, json, smithy-rpc-v2-cbor, …"),
                )
                .arg(
                    Arg::new("name")
                        .long("name")
                        .value_name("CRATE")
                        .help("Package name (default awsgen-<service>)"),
                )
                .arg(
                    Arg::new("strict")
                        .long("strict")
                        .action(ArgAction::SetTrue)
                        .help(
                            "With --all-operations, fail on an operation the generator cannot \
                             produce yet instead of leaving it out with a warning (operations \
                             named in --operations are always strict)",
                        ),
                )
                .arg(
                    Arg::new("runtime")
                        .long("runtime")
                        .value_name("HOW")
                        .help(
                            "How the crate depends on the runtime crate: `vendored` (the \
                             default: a copy written into the crate as the sub-crate \
                             `awsgen-runtime/`, so it needs nothing of this repository), \
                             `path=<dir>` (awsgen's `runtime/` folder, relative to the crate's \
                             folder or absolute) or `version=<v>` (a published awsgen-runtime)",
                        ),
                )
                .arg(
                    Arg::new("workspace")
                        .long("workspace")
                        .action(ArgAction::SetTrue)
                        .help(
                            "Declare an empty [workspace] in Cargo.toml, so that the crate is \
                             its own workspace even inside another one's folder (by default it \
                             has none and can be a member of yours)",
                        ),
                ),
        )
        .subcommand(
            Command::new("build-cost")
                .about(
                    "Cold build time, crates compiled and dependencies of the generated crate, \
                     configured and with every operation; lines per operation (takes minutes)",
                )
                .arg(
                    Arg::new("runs")
                        .long("runs")
                        .value_name("N")
                        .value_parser(clap::value_parser!(u64).range(1..))
                        .default_value("1")
                        .help("Builds per variant"),
                )
                .arg(
                    Arg::new("profile")
                        .long("profile")
                        .value_name("PROFILE")
                        .value_parser(["release", "dev"])
                        .default_value("release"),
                )
                .arg(
                    Arg::new("keep")
                        .long("keep")
                        .action(ArgAction::SetTrue)
                        .help("Keep the temporary folder and print its path"),
                ),
        )
        .subcommand(
            Command::new("sweep")
                .about(
                    "Generate every model of botocore 1.44.5 (the corpus, fetched once into a \
                     cache) with every operation in memory; print a table and a summary; fail \
                     when a model fails",
                )
                .arg(
                    Arg::new("only")
                        .long("only")
                        .value_name("a,b")
                        .help("Only these services (comma-separated)"),
                )
                .arg(
                    Arg::new("jobs")
                        .long("jobs")
                        .value_name("N")
                        .value_parser(clap::value_parser!(u64).range(1..))
                        .default_value("2")
                        .help("Models generated at once"),
                )
                .arg(
                    Arg::new("build")
                        .long("build")
                        .value_name("N")
                        .value_parser(clap::value_parser!(u64))
                        .conflicts_with("build-all")
                        .help("Build N sampled crates with clippy -D warnings in one temporary workspace"),
                )
                .arg(
                    Arg::new("build-all")
                        .long("build-all")
                        .action(ArgAction::SetTrue)
                        .help("Build every generated crate so"),
                ),
        )
        .subcommand(
            Command::new("conformance")
                .about("Run the AWS protocol conformance suites against generated code")
                .arg(
                    Arg::new("verbose")
                        .long("verbose")
                        .short('v')
                        .action(ArgAction::SetTrue)
                        .help("Print every failure and skip"),
                )
                .arg(
                    Arg::new("case")
                        .long("case")
                        .value_name("TEXT")
                        .help("Only cases whose name contains TEXT"),
                ),
        )
        .subcommand(
            Command::new("endpoint-tests")
                .about(
                    "Evaluate every service's endpoint rule set against botocore 1.44.5's \
                     endpoint tests and rules-language suites (archive fetched once into a cache)",
                )
                .arg(
                    Arg::new("verbose")
                        .long("verbose")
                        .short('v')
                        .action(ArgAction::SetTrue)
                        .help("Print every failure (else the first 20)"),
                )
                .arg(
                    Arg::new("service")
                        .long("service")
                        .value_name("NAME")
                        .help("Only services whose name contains NAME"),
                ),
        )
}

fn operations_arg() -> Arg {
    Arg::new("operations")
        .long("operations")
        .value_name("A,B")
        .help("Only these operations (comma-separated) and the shapes they reach")
}

fn main() -> ExitCode {
    let matches = cli().get_matches();
    match run(&matches) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(matches: &ArgMatches) -> Result<()> {
    let root = xtask::project_root();
    let string = |m: &ArgMatches, id: &str| m.get_one::<String>(id).cloned();
    match matches.subcommand() {
        Some(("regenerate", m)) => {
            let summary = xtask::regenerate(&root, m.get_flag("check"))?;
            print!("{summary}");
            Ok(())
        }
        Some(("model-diff", m)) => {
            let (Some(a), Some(b)) = (string(m, "a"), string(m, "b")) else {
                bail!("model-diff needs two model files");
            };
            let selection = string(m, "operations").map_or(Selection::All, |l| operations(&l));
            print!("{}", xtask::model_diff(&a, &b, &selection)?);
            Ok(())
        }
        Some(("generate", m)) => {
            let options = generate_options(m)?;
            xtask::generate(&options)?;
            println!("generated {}", options.out.display());
            Ok(())
        }
        Some(("build-cost", m)) => {
            let options = xtask::build_cost::Options {
                runs: m
                    .get_one::<u64>("runs")
                    .and_then(|n| usize::try_from(*n).ok())
                    .unwrap_or(1),
                profile: string(m, "profile").unwrap_or_else(|| "release".to_owned()),
                keep: m.get_flag("keep"),
            };
            print!("{}", xtask::build_cost::run(&root, &options)?);
            Ok(())
        }
        Some(("sweep", m)) => run_sweep(m),
        Some(("endpoint-tests", m)) => {
            let options = xtask::endpoint_tests::Options {
                verbose: m.get_flag("verbose"),
                service: string(m, "service"),
            };
            let corpus = xtask::corpus::ensure()?;
            let language = xtask::endpoint_tests::run_language_suites(&corpus)?;
            let tally = xtask::endpoint_tests::run(&corpus, &options)?;
            print!(
                "{}",
                xtask::endpoint_tests::report(&language, options.verbose)
                    .replace("endpoint rules:", "rules-language suites:")
            );
            print!("{}", xtask::endpoint_tests::report(&tally, options.verbose));
            if tally.failed + tally.inputs_failed + language.failed > 0 {
                bail!("endpoint test cases failed");
            }
            Ok(())
        }
        Some(("conformance", m)) => {
            let mut args = Vec::new();
            if m.get_flag("verbose") {
                args.push("--verbose".to_owned());
            }
            if let Some(case) = string(m, "case") {
                args.extend(["--case".to_owned(), case]);
            }
            let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
            let status = std::process::Command::new(cargo)
                .args([
                    "run",
                    "--quiet",
                    "--package",
                    "awsgen-conformance",
                    "--bin",
                    "conformance",
                    "--",
                ])
                .args(args)
                .current_dir(&root)
                .status()?;
            if !status.success() {
                bail!("conformance cases failed");
            }
            Ok(())
        }
        _ => bail!("no command given (see `cargo xtask --help`)"),
    }
}

/// `cargo xtask sweep …`.
fn run_sweep(m: &ArgMatches) -> Result<()> {
    let only: Option<Vec<String>> = m.get_one::<String>("only").map(|list| {
        list.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    });
    let jobs = m
        .get_one::<u64>("jobs")
        .and_then(|n| usize::try_from(*n).ok())
        .unwrap_or(2);
    let build: Option<Option<usize>> = if m.get_flag("build-all") {
        Some(None)
    } else {
        m.get_one::<u64>("build")
            .map(|n| Some(usize::try_from(*n).unwrap_or(usize::MAX)))
    };
    let (_, models) = xtask::sweep::corpus_models()?;
    let models = xtask::sweep::select(models, only.as_deref())?;
    let total = models.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let start = std::time::Instant::now();
    let rows = xtask::sweep::sweep(&models, jobs, &|row| {
        let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        eprintln!(
            "[{n}/{total}] {} {:.2} s",
            row.service,
            row.cpu.as_secs_f64()
        );
    });
    let wall = start.elapsed();
    print!("{}", xtask::sweep::table(&rows));
    println!();
    print!("{}", xtask::sweep::summary(&rows, wall));
    println!();
    print!("{}", xtask::sweep::parts(&rows));
    let failed = rows
        .iter()
        .filter(|r| matches!(r.outcome, xtask::sweep::Outcome::Failed(_)))
        .count();
    if failed > 0 {
        bail!("{failed} model(s) failed to generate");
    }
    let Some(build) = build else {
        return Ok(());
    };
    let services = match build {
        Some(n) => xtask::sweep_build::sample(&models, n)?,
        None => models
            .iter()
            .zip(&rows)
            .filter(|(_, r)| matches!(r.outcome, xtask::sweep::Outcome::Generated { .. }))
            .map(|(m, _)| (m.clone(), None))
            .collect(),
    };
    let report = xtask::sweep_build::build(&xtask::sweep_build::default_dir(), &services)?;
    print!("{}", report.by_protocol());
    println!("{}", report.line());
    if !report.failed.is_empty() {
        bail!(
            "{} crate(s) do not build cleanly: {}",
            report.failed.len(),
            report.failed.join(", ")
        );
    }
    Ok(())
}

/// `--operations A,B` as a selection.
fn operations(list: &str) -> Selection {
    Selection::Operations(
        list.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
    )
}

fn generate_options(m: &ArgMatches) -> Result<GenerateOptions> {
    let get = |id: &str| m.get_one::<String>(id).cloned();
    let (Some(model), Some(out)) = (get("model"), get("out")) else {
        bail!("generate needs --model and --out");
    };
    let selection = match get("operations") {
        Some(list) => operations(&list),
        None => Selection::All,
    };
    let protocol = match get("protocol") {
        Some(p) => Some(
            Protocol::from_botocore(&p).ok_or_else(|| anyhow::anyhow!("unknown protocol `{p}`"))?,
        ),
        None => None,
    };
    Ok(GenerateOptions {
        model,
        selection,
        out: PathBuf::from(out),
        protocol,
        name: get("name"),
        strict: m.get_flag("strict"),
        own_workspace: m.get_flag("workspace"),
        runtime: match get("runtime") {
            Some(text) => xtask::parse_runtime(&text)?,
            None => awsgen_codegen::RuntimeDep::Vendored,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::cli;

    #[test]
    fn the_command_line_is_well_formed() {
        cli().debug_assert();
    }

    #[test]
    fn every_subcommand_has_help() {
        for sub in [
            "regenerate",
            "model-diff",
            "generate",
            "build-cost",
            "conformance",
        ] {
            let err = cli()
                .try_get_matches_from(["cargo xtask", sub, "--help"])
                .unwrap_err();
            assert_eq!(err.kind(), clap::error::ErrorKind::DisplayHelp, "{sub}");
            let text = err.to_string();
            assert!(text.contains("Usage: cargo xtask "), "{sub}: {text}");
        }
        let err = cli()
            .try_get_matches_from(["cargo xtask", "--help"])
            .unwrap_err();
        assert!(err.to_string().contains("regenerate"));
    }

    #[test]
    fn generate_needs_a_selection_and_rejects_two() {
        let base = ["cargo xtask", "generate", "--model", "m.json", "--out", "o"];
        assert!(cli().try_get_matches_from(base).is_err());
        let both = [&base[..], &["--all-operations", "--operations", "A"]].concat();
        assert!(cli().try_get_matches_from(both).is_err());
        let one = [&base[..], &["--operations", "A,B"]].concat();
        let m = cli().try_get_matches_from(one).unwrap();
        let (_, m) = m.subcommand().unwrap();
        let options = super::generate_options(m).unwrap();
        assert_eq!(
            options.selection,
            awsgen_codegen::ir::Selection::Operations(vec!["A".into(), "B".into()])
        );
        assert!(!options.own_workspace);
    }
}
