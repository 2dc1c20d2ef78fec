//! `cargo xtask`: awsgen's command line. Parses arguments and calls the `xtask` library.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};
use awsgen_codegen::ir::{Protocol, Selection};
use xtask::GenerateOptions;

const USAGE: &str = "\
usage: cargo xtask <command>

Model files are botocore service-2.json or Smithy JSON AST files; the format is detected.

commands:
  regenerate [--check]      write generated/ from codegen.toml (--check: write nothing, fail
                            naming every stale, missing or orphaned file)
  model-diff A B [--operations A,B]
                            compare two models (either format, or two versions of one)
                            as the generator sees them: operations, shapes, members, types,
                            required-ness, error codes, constraints, enum values, wire names;
                            BREAKING marks changes that break code using the crate from A;
                            documentation changes are counted
  generate --model PATH (--operations A,B | --all-operations) --out DIR
           [--protocol query|json|smithy-rpc-v2-cbor] [--name CRATE] [--strict]
                            generate a standalone crate for any botocore model; with
                            --all-operations an operation the generator cannot produce yet
                            is left out with a warning (and listed in the docs) unless
                            --strict; operations named in --operations are always strict
  build-cost [--runs N] [--profile release|dev] [--keep]
                            cold build time, crates compiled and dependency count of the
                            generated crate with the configured operations and with every
                            operation of the same models, and lines of code per operation;
                            prints a markdown table (takes minutes: builds from scratch)
  sweep [--only a,b] [--jobs N] [--build N | --build-all]
                            generate every model of botocore 1.44.5 (the corpus, fetched
                            once into a cache) with every operation in memory; print a table
                            (service, protocol, operations, lines, time, outcome) and
                            `sweep: N of M models generate (K refused, F failed)`; fails when
                            a model fails. --build: build N sampled crates (or all) with
                            clippy -D warnings in one temporary workspace
  conformance [--verbose] [--case TEXT]
                            run the AWS protocol conformance suites against generated code;
                            one line per protocol and direction, non-zero exit on a failure
  endpoint-tests [--verbose] [--service NAME]
                            evaluate every service's endpoint rule set against botocore
                            1.44.5's endpoint tests (fetched once into a cache)
";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Vec<String>) -> Result<()> {
    let Some((command, rest)) = args.split_first() else {
        eprint!("{USAGE}");
        bail!("no command given");
    };
    let root = xtask::project_root();
    match command.as_str() {
        "regenerate" => {
            let check = match rest {
                [] => false,
                [flag] if flag == "--check" => true,
                _ => bail!("regenerate takes only `--check`\n{USAGE}"),
            };
            xtask::regenerate(&root, check)
        }
        "model-diff" => {
            let (a, b, selection) = parse_model_diff(rest)?;
            print!("{}", xtask::model_diff(&a, &b, &selection)?);
            Ok(())
        }
        "generate" => {
            let options = parse_generate(rest)?;
            let command = format!("cargo xtask generate {}", rest.join(" "));
            xtask::generate(&options, &command)?;
            println!("generated {}", options.out.display());
            Ok(())
        }
        "build-cost" => {
            let options = parse_build_cost(rest)?;
            print!("{}", xtask::build_cost::run(&root, &options)?);
            Ok(())
        }
        "sweep" => run_sweep(rest),
        "conformance" => {
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
                .args(rest)
                .current_dir(&root)
                .status()?;
            if !status.success() {
                bail!("conformance cases failed");
            }
            Ok(())
        }
        "endpoint-tests" => {
            let options = parse_endpoint_tests(rest)?;
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
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            Ok(())
        }
        other => bail!("unknown command `{other}`\n{USAGE}"),
    }
}

/// `cargo xtask sweep …`.
fn run_sweep(args: &[String]) -> Result<()> {
    let mut only: Option<Vec<String>> = None;
    let mut jobs = 2;
    let mut build: Option<Option<usize>> = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |flag: &str| {
            args.next()
                .cloned()
                .ok_or_else(|| anyhow::anyhow!("{flag} needs a value"))
        };
        match arg.as_str() {
            "--only" => {
                only = Some(
                    value("--only")?
                        .split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                        .collect(),
                );
            }
            "--build" => {
                let n = value("--build")?
                    .parse()
                    .map_err(|_| anyhow::anyhow!("--build needs a number"))?;
                build = Some(Some(n));
            }
            "--build-all" => build = Some(None),
            "--jobs" => {
                jobs = value("--jobs")?
                    .parse()
                    .map_err(|_| anyhow::anyhow!("--jobs needs a number"))?;
            }
            other => bail!("unknown argument `{other}`\n{USAGE}"),
        }
    }
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

fn parse_model_diff(args: &[String]) -> Result<(String, String, Selection)> {
    let mut models = Vec::new();
    let mut selection = Selection::All;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--operations" => {
                let list = args
                    .next()
                    .ok_or_else(|| anyhow::anyhow!("--operations needs a value"))?;
                selection = operations(list);
            }
            flag if flag.starts_with("--") => bail!("unknown argument `{flag}`\n{USAGE}"),
            model => models.push(model.to_owned()),
        }
    }
    match <[String; 2]>::try_from(models) {
        Ok([a, b]) => Ok((a, b, selection)),
        Err(_) => bail!("model-diff needs exactly two model files\n{USAGE}"),
    }
}

fn parse_endpoint_tests(args: &[String]) -> Result<xtask::endpoint_tests::Options> {
    let mut options = xtask::endpoint_tests::Options::default();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--verbose" => options.verbose = true,
            "--service" => {
                options.service = Some(
                    args.next()
                        .cloned()
                        .ok_or_else(|| anyhow::anyhow!("--service needs a value"))?,
                );
            }
            other => bail!("unknown argument `{other}`\n{USAGE}"),
        }
    }
    Ok(options)
}

fn parse_build_cost(args: &[String]) -> Result<xtask::build_cost::Options> {
    let mut options = xtask::build_cost::Options {
        runs: 1,
        profile: "release".to_owned(),
        keep: false,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => {
                options.runs = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .ok_or_else(|| anyhow::anyhow!("--runs needs a number"))?;
            }
            "--profile" => {
                options.profile = args
                    .next()
                    .cloned()
                    .ok_or_else(|| anyhow::anyhow!("--profile needs a value"))?;
            }
            "--keep" => options.keep = true,
            other => bail!("unknown argument `{other}`\n{USAGE}"),
        }
    }
    Ok(options)
}

fn parse_generate(args: &[String]) -> Result<GenerateOptions> {
    let mut model = None;
    let mut selection = None;
    let mut out = None;
    let mut protocol = None;
    let mut name = None;
    let mut strict = false;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |flag: &str| {
            args.next()
                .cloned()
                .ok_or_else(|| anyhow::anyhow!("{flag} needs a value"))
        };
        match arg.as_str() {
            "--model" => model = Some(value("--model")?),
            "--operations" => selection = Some(operations(&value("--operations")?)),
            "--all-operations" => selection = Some(Selection::All),
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--protocol" => {
                let p = value("--protocol")?;
                protocol = Some(
                    Protocol::from_botocore(&p)
                        .ok_or_else(|| anyhow::anyhow!("unknown protocol `{p}`"))?,
                );
            }
            "--name" => name = Some(value("--name")?),
            "--strict" => strict = true,
            other => bail!("unknown argument `{other}`\n{USAGE}"),
        }
    }
    let (Some(model), Some(selection), Some(out)) = (model, selection, out) else {
        bail!("generate needs --model, --operations or --all-operations, and --out\n{USAGE}");
    };
    Ok(GenerateOptions {
        model,
        selection,
        out,
        protocol,
        name,
        strict,
    })
}
