//! Build script of the benchmarks: generates `CopySnapshot` of ElastiCache (awsQuery, module
//! `elasticache`) and MemoryDB (awsJson1_1 `memorydb_json`, Smithy RPC v2 CBOR `memorydb_cbor`)
//! with the same generator and models as `cargo xtask regenerate`, as one crate-root source file,
//! `generated.rs`. (The checked-in crate holds MemoryDB in awsJson1_1 only.) The one change: each
//! service's `protocol` module is made `pub(crate)`, so that the benchmarks can time the request
//! body serializers alone, apart from building the `http::Request`.

use std::path::PathBuf;

#[path = "src/compile_rules.rs"]
#[allow(dead_code)]
mod compile_rules;

use awsgen_codegen::ir::{Protocol, Selection};
use awsgen_codegen::{CrateInput, ServiceInput};

/// (module, model, protocol).
const SERVICES: &[(&str, &str, Protocol)] = &[
    (
        "elasticache",
        "models/botocore/elasticache/2015-02-02/service-2.json",
        Protocol::Query,
    ),
    (
        "memorydb_json",
        "models/botocore/memorydb/2021-01-01/service-2.json",
        Protocol::Json,
    ),
    (
        "memorydb_cbor",
        "models/botocore/memorydb/2021-01-01/service-2.json",
        Protocol::RpcV2Cbor,
    ),
];

fn main() {
    let manifest_dir = PathBuf::from(env("CARGO_MANIFEST_DIR"));
    let repo = manifest_dir
        .parent()
        .expect("the package sits in the repository");
    let services = SERVICES
        .iter()
        .map(|(module, model, protocol)| {
            let path = repo.join(model);
            for file in awsgen_codegen::model::model_files(&path) {
                println!("cargo:rerun-if-changed={}", file.display());
            }
            ServiceInput {
                module: (*module).to_owned(),
                model: awsgen_codegen::model::load_path(&path, model)
                    .unwrap_or_else(|e| panic!("{e}")),
                selection: Selection::Operations(vec!["CopySnapshot".to_owned()]),
                protocol: Some(*protocol),
            }
        })
        .collect();
    let files = awsgen_codegen::generate(&CrateInput {
        name: "awsgen-bench-generated".to_owned(),
        services,
        command: "cargo build -p awsgen-bench".to_owned(),
        source: "codegen.toml".to_owned(),
        standalone: false,
        runtime: awsgen_codegen::RuntimeDep::Path("../runtime".to_owned()),
    })
    .unwrap_or_else(|e| panic!("generating CopySnapshot: {e}"));
    let out = PathBuf::from(env("OUT_DIR")).join("generated.rs");
    let mut file = awsgen_codegen::inline::inline_crate(&files).unwrap_or_else(|e| panic!("{e}"));
    open_protocol_modules(&mut file.items);
    let text = prettyplease::unparse(&file);
    std::fs::write(&out, text).unwrap_or_else(|e| panic!("{}: {e}", out.display()));

    // The compiled-to-Rust prototype of ElastiCache's rule set (README "Decisions").
    let rules = repo.join("models/botocore/elasticache/2015-02-02/endpoint-rule-set-1.json");
    println!("cargo:rerun-if-changed={}", rules.display());
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&rules).expect("rule set")).expect("rule set JSON");
    let table = awsgen_codegen::endpoints::lower("ElastiCache", &json).expect("lowers");
    let tokens = compile_rules::compile(&table);
    let file: syn::File = syn::parse2(tokens).expect("compiled rules parse");
    let out = PathBuf::from(env("OUT_DIR")).join("compiled_rules.rs");
    std::fs::write(&out, prettyplease::unparse(&file))
        .unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}

/// Makes every `protocol` module `pub(crate)`, so that the body serializers can be timed alone.
fn open_protocol_modules(items: &mut [syn::Item]) {
    for item in items {
        if let syn::Item::Mod(m) = item {
            if m.ident == "protocol" {
                m.vis = syn::parse_quote!(pub(crate));
            }
            if let Some((_, content)) = &mut m.content {
                open_protocol_modules(content);
            }
        }
    }
}

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("cargo sets {name}"))
}
