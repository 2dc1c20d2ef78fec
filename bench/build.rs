//! Build script of the benchmarks: generates `CopySnapshot` of ElastiCache (awsQuery, module
//! `elasticache`) and MemoryDB (awsJson1_1 `memorydb_json`, Smithy RPC v2 CBOR `memorydb_cbor`)
//! with the same generator and models as `cargo xtask regenerate`, as one crate-root source file,
//! `generated.rs`. (The checked-in crate holds MemoryDB in awsJson1_1 only.) The one change: each
//! service's `protocol` module is made `pub(crate)`, so that the benchmarks can time the request
//! body serializers alone, apart from building the `http::Request`.

use std::collections::BTreeMap;
use std::path::PathBuf;

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
            println!("cargo:rerun-if-changed={}", path.display());
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            ServiceInput {
                module: (*module).to_owned(),
                model: awsgen_codegen::model::load(model, &bytes).unwrap_or_else(|e| panic!("{e}")),
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
    })
    .unwrap_or_else(|e| panic!("generating CopySnapshot: {e}"));
    let out = PathBuf::from(env("OUT_DIR")).join("generated.rs");
    let text = prettyplease::unparse(&inline(&files));
    std::fs::write(&out, text).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}

/// The generated crate's file tree as one crate-root file: every `mod x;` replaced by the
/// module's contents, the crate-level inner attributes and the per-service `cfg(feature)`
/// gates dropped.
fn inline(files: &BTreeMap<String, String>) -> syn::File {
    let mut lib = parse_file(files, "src/lib.rs");
    lib.attrs.clear();
    for item in &mut lib.items {
        if let syn::Item::Mod(m) = item {
            m.attrs.retain(|a| !a.path().is_ident("cfg"));
        }
    }
    inline_items(&mut lib.items, "src", files);
    lib
}

fn inline_items(items: &mut [syn::Item], dir: &str, files: &BTreeMap<String, String>) {
    for item in items {
        let syn::Item::Mod(m) = item else { continue };
        let name = m.ident.to_string();
        let name = name.trim_start_matches("r#");
        let child_dir = format!("{dir}/{name}");
        match &mut m.content {
            Some((_, content)) => inline_items(content, &child_dir, files),
            None => {
                let flat = format!("{dir}/{name}.rs");
                let path = if files.contains_key(&flat) {
                    flat
                } else {
                    format!("{dir}/{name}/mod.rs")
                };
                let mut file = parse_file(files, &path);
                inline_items(&mut file.items, &child_dir, files);
                if name == "protocol" {
                    m.vis = syn::parse_quote!(pub(crate));
                }
                m.attrs.extend(file.attrs);
                m.content = Some((syn::token::Brace::default(), file.items));
                m.semi = None;
            }
        }
    }
}

fn parse_file(files: &BTreeMap<String, String>, path: &str) -> syn::File {
    let text = files
        .get(path)
        .unwrap_or_else(|| panic!("generated crate has no {path}"));
    syn::parse_file(text).unwrap_or_else(|e| panic!("generated {path} does not parse: {e}"))
}

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("cargo sets {name}"))
}
