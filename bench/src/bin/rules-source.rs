//! Writes the Rust source of an endpoint rule set, as the table the product emits or as the
//! compiled-to-Rust prototype, for the build-cost comparison in README "Decisions":
//! `rules-source table|compiled PATH/endpoint-rule-set-1.json > lib.rs` (a module body expecting
//! `e` to name the runtime's `endpoint` module).

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [kind, path] = args.as_slice() else {
        eprintln!("usage: rules-source table|compiled PATH");
        return ExitCode::FAILURE;
    };
    let json: serde_json::Value = match std::fs::read(path)
        .map_err(|e| e.to_string())
        .and_then(|b| serde_json::from_slice(&b).map_err(|e| e.to_string()))
    {
        Ok(j) => j,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let table = match awsgen_codegen::endpoints::lower("Service", &json) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let tokens = match kind.as_str() {
        "table" => {
            let t = awsgen_codegen::endpoints::tokens(&table);
            quote::quote!(pub static RULES: e::RuleSet<'static> = #t;)
        }
        "compiled" => awsgen_bench::compile_rules::compile(&table),
        _ => {
            eprintln!("usage: rules-source table|compiled PATH");
            return ExitCode::FAILURE;
        }
    };
    print!("{tokens}");
    ExitCode::SUCCESS
}
