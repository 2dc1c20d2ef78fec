//! `cargo xtask endpoint-tests`: every case of botocore 1.44.5's endpoint tests
//! (`tests/functional/endpoint-rules/<service>/endpoint-tests-1.json`) evaluated against the
//! service's rule set, lowered by the generator (`awsgen_codegen::endpoints`) and evaluated by
//! the runtime (`runtime::endpoint`): the expected URL, headers and properties, or the expected
//! error message.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use anyhow::{Context, Result, bail};
use awsgen_codegen::endpoints;
use awsgen_runtime::endpoint::{Endpoint, EndpointError, Value};
use serde_json::Value as Json;

use crate::corpus;

/// What to run and how much to print.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Print every failure (else the first 20).
    pub verbose: bool,
    /// Only services whose name contains this.
    pub service: Option<String>,
}

/// The tally.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Services whose rule set was lowered and run.
    pub services: usize,
    /// Cases that gave what they expect.
    pub passed: usize,
    /// Cases that did not.
    pub failed: usize,
    /// Cases not run (none expected: a case without `expect.endpoint` or `expect.error`).
    pub skipped: usize,
    /// One line per failure.
    pub failures: Vec<String>,
    /// Cases with `operationInputs` whose parameters, bound from the operation's input as a
    /// client binds them, give the expectation too (see `endpoint_inputs`).
    pub inputs_passed: usize,
    /// Cases with `operationInputs` that do not.
    pub inputs_failed: usize,
}

/// Runs the cases of every service (of the corpus at `root`).
pub fn run(root: &Path, options: &Options) -> Result<Tally> {
    let models: BTreeMap<String, std::path::PathBuf> = corpus::latest_models(root)?
        .into_iter()
        .map(|m| (m.service, m.dir))
        .collect();
    let tests_dir = corpus::endpoint_tests(root, "x")
        .parent()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .context("endpoint tests folder")?;
    let mut services: Vec<String> = fs::read_dir(&tests_dir)
        .with_context(|| format!("cannot read {}", tests_dir.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    services.sort();
    let mut tally = Tally::default();
    for service in services {
        if options
            .service
            .as_deref()
            .is_some_and(|s| !service.contains(s))
        {
            continue;
        }
        let tests_path = corpus::endpoint_tests(root, &service);
        let tests: Json = serde_json::from_slice(&fs::read(&tests_path)?)
            .with_context(|| format!("{}", tests_path.display()))?;
        let cases = tests
            .get("testCases")
            .and_then(Json::as_array)
            .with_context(|| format!("{}: no testCases", tests_path.display()))?;
        let table = models
            .get(&service)
            .context("no model folder")
            .and_then(|dir| {
                let path = dir.join("endpoint-rule-set-1.json");
                let json: Json = serde_json::from_slice(
                    &fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?,
                )?;
                Ok(endpoints::lower(&service, &json)?)
            });
        let table = match table {
            Ok(t) => t,
            Err(e) => {
                tally.failed += cases.len();
                tally
                    .failures
                    .push(format!("{service}: all {} cases: {e:#}", cases.len()));
                continue;
            }
        };
        tally.services += 1;
        run_cases(&service, &table, cases, &mut tally);
        if cases.iter().any(|c| c.get("operationInputs").is_some()) {
            let dir = models.get(&service).context("no model folder")?;
            let path = dir.join("service-2.json");
            let model = awsgen_codegen::model::load(&path.to_string_lossy(), &fs::read(&path)?)?;
            run_inputs(&service, &table, &model, cases, &mut tally);
        }
    }
    if tally.services == 0 && tally.failed == 0 {
        bail!("no endpoint tests found in {}", tests_dir.display());
    }
    Ok(tally)
}

/// Runs the rules-language suites botocore tests its own evaluator with
/// (`tests/unit/data/endpoints/valid-rules/<name>.json` with `test-cases/<name>.json`: one small
/// rule set per function of the standard library), with the real partitions.
pub fn run_language_suites(root: &Path) -> Result<Tally> {
    let base = root.join("tests/unit/data/endpoints");
    let mut names: Vec<String> = fs::read_dir(base.join("test-cases"))
        .with_context(|| format!("cannot read {}", base.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut tally = Tally::default();
    for name in names {
        let read = |dir: &str| -> Result<Json> {
            let path = base.join(dir).join(&name);
            Ok(serde_json::from_slice(
                &fs::read(&path).with_context(|| format!("{}", path.display()))?,
            )?)
        };
        let tests = read("test-cases")?;
        let cases = tests
            .get("testCases")
            .and_then(Json::as_array)
            .with_context(|| format!("{name}: no testCases"))?;
        let table = endpoints::lower(&name, &read("valid-rules")?)?;
        tally.services += 1;
        run_cases(&name, &table, cases, &mut tally);
    }
    if tally.passed + tally.failed == 0 {
        bail!("no rules-language cases found in {}", base.display());
    }
    Ok(tally)
}

fn run_inputs(
    service: &str,
    table: &endpoints::Table,
    model: &awsgen_codegen::ir::Model,
    cases: &[Json],
    tally: &mut Tally,
) {
    let strs = table.strs();
    let rules = table.rule_set(&strs);
    for (i, case) in cases.iter().enumerate() {
        let Some(inputs) = case.get("operationInputs").and_then(Json::as_array) else {
            continue;
        };
        let expect = case.get("expect").unwrap_or(&Json::Null);
        let mut outcome = Ok(());
        for input in inputs {
            let result = crate::endpoint_inputs::bind(table, model, input).and_then(|params| {
                let values: Vec<(String, Value<'static>)> = params
                    .iter()
                    .map(|(n, v)| (n.clone(), crate::endpoint_inputs::value(v)))
                    .collect();
                let given: Vec<(&str, Value<'_>)> = values
                    .iter()
                    .map(|(n, v)| (n.as_str(), v.clone()))
                    .collect();
                check(expect, rules.resolve(&given))
            });
            if let Err(why) = result {
                let op = input
                    .get("operationName")
                    .and_then(Json::as_str)
                    .unwrap_or("?");
                outcome = Err(format!("{op}: {why}"));
                break;
            }
        }
        match outcome {
            Ok(()) => tally.inputs_passed += 1,
            Err(why) => {
                tally.inputs_failed += 1;
                tally
                    .failures
                    .push(format!("{service} case {i} (operationInputs): {why}"));
            }
        }
    }
}

fn run_cases(service: &str, table: &endpoints::Table, cases: &[Json], tally: &mut Tally) {
    let strs = table.strs();
    let rules = table.rule_set(&strs);
    for (i, case) in cases.iter().enumerate() {
        let doc = case
            .get("documentation")
            .and_then(Json::as_str)
            .unwrap_or("");
        let expect = case.get("expect").unwrap_or(&Json::Null);
        if expect.get("endpoint").is_none() && expect.get("error").is_none() {
            tally.skipped += 1;
            continue;
        }
        let params = params(case.get("params").unwrap_or(&Json::Null));
        let given: Vec<(&str, Value<'_>)> = params
            .iter()
            .map(|(n, v)| (n.as_str(), v.clone()))
            .collect();
        match check(expect, rules.resolve(&given)) {
            Ok(()) => tally.passed += 1,
            Err(why) => {
                tally.failed += 1;
                tally
                    .failures
                    .push(format!("{service} case {i} ({doc}): {why}"));
            }
        }
    }
}

/// The report: failures (all with `verbose`, else the first 20), then the summary line.
pub fn report(tally: &Tally, verbose: bool) -> String {
    let mut out = String::new();
    let shown = if verbose { tally.failures.len() } else { 20 };
    for failure in tally.failures.iter().take(shown) {
        let _ = writeln!(out, "FAIL {failure}");
    }
    if tally.failures.len() > shown {
        let _ = writeln!(
            out,
            "… and {} more (--verbose shows all)",
            tally.failures.len() - shown
        );
    }
    let _ = writeln!(
        out,
        "endpoint rules: {} passed, {} failed, {} skipped ({} services)",
        tally.passed, tally.failed, tally.skipped, tally.services
    );
    if tally.inputs_passed + tally.inputs_failed > 0 {
        let _ = writeln!(
            out,
            "bound from operation inputs: {} passed, {} failed",
            tally.inputs_passed, tally.inputs_failed
        );
    }
    out
}

/// A case's `params` as parameter values.
fn params(json: &Json) -> Vec<(String, Value<'static>)> {
    let Some(object) = json.as_object() else {
        return Vec::new();
    };
    object
        .iter()
        .map(|(name, v)| (name.clone(), value(v)))
        .collect()
}

fn value(json: &Json) -> Value<'static> {
    match json {
        Json::Bool(b) => Value::Bool(*b),
        Json::String(s) => Value::Str(s.clone().into()),
        Json::Number(n) => n.as_i64().map_or(Value::None, Value::Int),
        Json::Array(items) => Value::Array(items.iter().map(value).collect()),
        Json::Object(o) => Value::Object(
            o.iter()
                .map(|(k, v)| (k.clone().into(), value(v)))
                .collect(),
        ),
        Json::Null => Value::None,
    }
}

/// A value as JSON, for comparing properties.
pub fn json(value: &Value<'_>) -> Json {
    match value {
        Value::None => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Int(n) => Json::from(*n),
        Value::Str(s) => Json::String(s.to_string()),
        Value::Array(items) => Json::Array(items.iter().map(json).collect()),
        Value::Object(members) => Json::Object(
            members
                .iter()
                .map(|(k, v)| (k.to_string(), json(v)))
                .collect(),
        ),
        Value::Partition(p) => Json::String(p.name.to_owned()),
    }
}

fn check(expect: &Json, got: Result<Endpoint, EndpointError>) -> Result<(), String> {
    match (expect.get("endpoint"), expect.get("error"), got) {
        (Some(want), _, Ok(endpoint)) => {
            let url = want.get("url").and_then(Json::as_str).unwrap_or("");
            if endpoint.url != url {
                return Err(format!("url {:?}, expected {url:?}", endpoint.url));
            }
            let empty = Json::Object(serde_json::Map::new());
            let want_props = want.get("properties").unwrap_or(&empty);
            let got_props = json(&endpoint.properties);
            if &got_props != want_props {
                return Err(format!("properties {got_props}, expected {want_props}"));
            }
            let want_headers = want.get("headers").unwrap_or(&empty);
            let got_headers = Json::Object(
                endpoint
                    .headers
                    .iter()
                    .map(|(n, v)| (n.clone(), Json::from(v.clone())))
                    .collect(),
            );
            if &got_headers != want_headers {
                return Err(format!("headers {got_headers}, expected {want_headers}"));
            }
            Ok(())
        }
        (Some(want), _, Err(e)) => Err(format!("error {e:?}, expected endpoint {want}")),
        (None, Some(want), Err(e)) => {
            let want = want.as_str().unwrap_or("");
            if e.message() == want {
                Ok(())
            } else {
                Err(format!("error {:?}, expected error {want:?}", e.message()))
            }
        }
        (None, Some(want), Ok(endpoint)) => Err(format!(
            "endpoint {:?}, expected error {want}",
            endpoint.url
        )),
        (None, None, _) => Err("the case expects nothing".to_owned()),
    }
}
