//! Build script of the conformance runner: turns every suite of the vendored AWS protocol
//! conformance suites into a one-service botocore model, runs it through the generator like any
//! other model, and writes the result as one crate-root source file (`generated.rs`), plus a
//! dispatch table from (suite, operation) to the generated code (`dispatch.rs`) and the list of
//! suites (`suites.rs`). It also generates `CopySnapshot` of ElastiCache (query) and MemoryDB
//! (json and smithy-rpc-v2-cbor) for the golden wire tests, and API Gateway's `GetRestApi`
//! (restJson1) for the error tests.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use awsgen_codegen::emit::names::Names;
use awsgen_codegen::ir::{self, Protocol, Selection};
use awsgen_codegen::{CrateInput, ServiceInput};
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::{Value, json};

/// The suite files, relative to `tests/protocol-tests/botocore/`, with the protocol name used
/// in module names and reports.
const FILES: &[(&str, &str)] = &[
    ("input/query.json", "query"),
    ("output/query.json", "query"),
    ("legacy/input/query.json", "query"),
    ("legacy/output/query.json", "query"),
    ("input/json.json", "json"),
    ("output/json.json", "json"),
    ("legacy/input/json.json", "json"),
    ("legacy/output/json.json", "json"),
    ("input/smithy-rpc-v2-cbor.json", "cbor"),
    ("output/smithy-rpc-v2-cbor.json", "cbor"),
    ("input/json_1_0.json", "json10"),
    ("output/json_1_0.json", "json10"),
    ("input/json_1_0-query-compatible.json", "json10qc"),
    ("output/json_1_0-query-compatible.json", "json10qc"),
    ("input/smithy-rpc-v2-cbor-query-compatible.json", "cborqc"),
    ("output/smithy-rpc-v2-cbor-query-compatible.json", "cborqc"),
    (
        "input/smithy-rpc-v2-cbor-non-query-compatible.json",
        "cbornqc",
    ),
    ("input/rest-json.json", "rest_json"),
    ("output/rest-json.json", "rest_json"),
    ("legacy/input/rest-json.json", "rest_json"),
    ("legacy/output/rest-json.json", "rest_json"),
    ("input/ec2.json", "ec2"),
    ("output/ec2.json", "ec2"),
    ("legacy/input/ec2.json", "ec2"),
    ("legacy/output/ec2.json", "ec2"),
    ("input/rest-xml.json", "rest_xml"),
    ("output/rest-xml.json", "rest_xml"),
    ("legacy/input/rest-xml.json", "rest_xml"),
    ("legacy/output/rest-xml.json", "rest_xml"),
];

/// Operations of real services, for golden, pagination, error and waiter tests: (module,
/// model, protocol, operations): CopySnapshot (and DescribeSnapshots, paginated) of the target
/// services in each of their protocols, ElastiCache's DescribeCacheClusters for its waiters, the
/// waiter fixture (every JMESPath form AWS waiters use), and a restJson1 operation of API
/// Gateway. Paginators and waiters are read from beside the model.
const EXTRAS: &[(&str, &str, Protocol, &[&str])] = &[
    (
        "elasticache",
        "models/botocore/elasticache/2015-02-02/service-2.json",
        Protocol::Query,
        &["CopySnapshot", "DescribeSnapshots", "DescribeCacheClusters"],
    ),
    (
        "memorydb_json",
        "models/botocore/memorydb/2021-01-01/service-2.json",
        Protocol::Json,
        SNAPSHOTS,
    ),
    (
        "memorydb_cbor",
        "models/botocore/memorydb/2021-01-01/service-2.json",
        Protocol::RpcV2Cbor,
        SNAPSHOTS,
    ),
    (
        "waiter_paths",
        "models/fixtures/waiter-paths.json",
        Protocol::Json,
        &["DescribeThings"],
    ),
    (
        "apigateway",
        "models/fixtures/botocore/apigateway/2015-07-09/service-2.json",
        Protocol::RestJson,
        &["GetRestApi"],
    ),
];

const SNAPSHOTS: &[&str] = &["CopySnapshot", "DescribeSnapshots"];

struct Suite {
    /// `input/query.json#3`.
    key: String,
    /// Module name, when the generator accepted the suite's model.
    module: Option<String>,
    /// The generator's error otherwise.
    error: Option<String>,
}

fn main() {
    let manifest_dir = PathBuf::from(env("CARGO_MANIFEST_DIR"));
    let repo = manifest_dir
        .parent()
        .expect("the package sits in the repository");
    let suites_dir = repo.join("tests/protocol-tests/botocore");
    println!("cargo:rerun-if-changed={}", suites_dir.display());

    let mut services = Vec::new();
    let mut suites = Vec::new();
    for (file, protocol) in FILES {
        let path = suites_dir.join(file);
        let parsed: Vec<Value> = serde_json::from_slice(&read(&path)).expect("suite file is JSON");
        let direction = if file.contains("input/") {
            "input"
        } else {
            "output"
        };
        let legacy = if file.starts_with("legacy/") {
            "legacy_"
        } else {
            ""
        };
        for (i, suite) in parsed.iter().enumerate() {
            // A case whose operation differs from an earlier case's operation of the same name
            // (legacy/input/rest-json.json#14: another request URI) gets a service of its own,
            // keyed `<file>#<suite>:<case>`.
            let mut first: BTreeMap<&str, &Value> = BTreeMap::new();
            let mut own = Vec::new();
            for (j, case) in suite["cases"].as_array().into_iter().flatten().enumerate() {
                let name = case["given"]["name"].as_str().unwrap_or_default();
                match first.get(name) {
                    Some(given) if *given != &case["given"] => own.push(j),
                    Some(_) => {}
                    None => {
                        first.insert(name, &case["given"]);
                    }
                }
            }
            let mut parts = vec![(
                format!("{file}#{i}"),
                format!("{protocol}_{legacy}{direction}_{i:02}"),
                without(suite, &own),
            )];
            for j in own {
                let mut single = suite.clone();
                single["cases"] = Value::Array(vec![suite["cases"][j].clone()]);
                parts.push((
                    format!("{file}#{i}:{j}"),
                    format!("{protocol}_{legacy}{direction}_{i:02}_case_{j}"),
                    single,
                ));
            }
            for (key, module, suite) in parts {
                match suite_service(&key, &module, &suite) {
                    Ok(service) => {
                        services.push(service);
                        suites.push(Suite {
                            key,
                            module: Some(module),
                            error: None,
                        });
                    }
                    Err(error) => suites.push(Suite {
                        key,
                        module: None,
                        error: Some(error),
                    }),
                }
            }
        }
    }
    for (module, model_file, protocol, operations) in EXTRAS {
        let path = repo.join(model_file);
        for file in awsgen_codegen::model::model_files(&path) {
            println!("cargo:rerun-if-changed={}", file.display());
        }
        let model =
            awsgen_codegen::model::load_path(&path, model_file).unwrap_or_else(|e| panic!("{e}"));
        services.push(ServiceInput {
            module: (*module).to_owned(),
            model,
            selection: Selection::Operations(operations.iter().map(|o| (*o).to_owned()).collect()),
            protocol: Some(*protocol),
        });
    }

    let dispatch = dispatch(&services);
    let files = awsgen_codegen::generate(&CrateInput {
        name: "awsgen-conformance-generated".to_owned(),
        services,
        command: "cargo build -p awsgen-conformance".to_owned(),
        source: "tests/protocol-tests/botocore".to_owned(),
        standalone: false,
        runtime: awsgen_codegen::RuntimeDep::Path("../runtime".to_owned()),
    })
    .unwrap_or_else(|e| panic!("generating the conformance crate: {e}"));
    check_dependencies(&files, &manifest_dir);

    let out = PathBuf::from(env("OUT_DIR"));
    write(
        &out.join("generated.rs"),
        &prettyplease::unparse(
            &awsgen_codegen::inline::inline_crate(&files).unwrap_or_else(|e| panic!("{e}")),
        ),
    );
    write(&out.join("dispatch.rs"), &pretty(dispatch));
    write(&out.join("suites.rs"), &pretty(suite_list(&suites)));
}

/// `suite` without the cases at `indices`.
fn without(suite: &Value, indices: &[usize]) -> Value {
    let mut suite = suite.clone();
    if let Some(cases) = suite["cases"].as_array_mut() {
        let mut i = 0;
        cases.retain(|_| {
            i += 1;
            !indices.contains(&(i - 1))
        });
    }
    suite
}

/// The service of one suite: its metadata and shapes, and the operations its cases use. The
/// generator runs on it alone first, so that one unsupported suite is reported instead of
/// failing the build.
fn suite_service(key: &str, module: &str, suite: &Value) -> Result<ServiceInput, String> {
    let mut operations = serde_json::Map::new();
    for case in suite["cases"].as_array().into_iter().flatten() {
        if let Some(name) = case["given"]["name"].as_str() {
            operations.insert(name.to_owned(), case["given"].clone());
        }
    }
    // The legacy output suites give no `apiVersion`, which only requests need; botocore's
    // runner does not require it either.
    let mut metadata = suite["metadata"].clone();
    if let Some(map) = metadata.as_object_mut() {
        map.entry("apiVersion")
            .or_insert_with(|| Value::String("2014-01-01".to_owned()));
    }
    let model = json!({
        "version": "2.0",
        "metadata": metadata,
        "operations": operations,
        "shapes": suite["shapes"],
    });
    let bytes = serde_json::to_vec(&model).map_err(|e| e.to_string())?;
    let model = awsgen_codegen::model::load(key, &bytes).map_err(|e| e.to_string())?;
    let service = ServiceInput {
        module: module.to_owned(),
        model,
        selection: Selection::All,
        protocol: None,
    };
    awsgen_codegen::generate(&CrateInput {
        name: "probe".to_owned(),
        services: vec![ServiceInput {
            module: service.module.clone(),
            model: service.model.clone(),
            selection: Selection::All,
            protocol: None,
        }],
        command: String::new(),
        source: key.to_owned(),
        standalone: false,
        runtime: awsgen_codegen::RuntimeDep::Path("../runtime".to_owned()),
    })
    .map_err(|e| e.to_string())?;
    Ok(service)
}

/// `dispatch.rs`: one entry per (module, operation) with functions that run the generated code
/// on JSON params or a response, through the harness.
fn dispatch(services: &[ServiceInput]) -> TokenStream {
    let mut entries = Vec::new();
    for service in services {
        let mut model = ir::select_operations(&service.model, &service.selection)
            .unwrap_or_else(|e| panic!("{e}"));
        ir::box_recursive_members(&mut model);
        let names = Names::new(&model);
        let module_name = &service.module;
        let module = awsgen_codegen::naming::to_ident(&service.module);
        for op in &model.operations {
            let n = names.operation(&op.name);
            let op_module = awsgen_codegen::naming::to_ident(&n.module);
            let op_struct = awsgen_codegen::naming::to_ident(&n.operation);
            let error = awsgen_codegen::naming::to_ident(&n.error);
            let path = quote!(crate::#module::operation::#op_module);
            let variants: Vec<_> = n
                .error_variants
                .iter()
                .map(|(_, v)| awsgen_codegen::naming::to_ident(v))
                .collect();
            // Another error of the service comes as `Unhandled` holding the service's error,
            // its members read.
            let service_variants: Vec<_> = names
                .service_errors()
                .iter()
                .map(|(_, v)| awsgen_codegen::naming::to_ident(v))
                .collect();
            let unhandled = if service_variants.is_empty() {
                quote!(#path::#error::Unhandled(_) => crate::harness::no_fields(),)
            } else {
                quote! {
                    #path::#error::Unhandled(service) => match service {
                        #(crate::#module::Error::#service_variants(inner) => crate::harness::fields(inner),)*
                        _ => crate::harness::no_fields(),
                    },
                }
            };
            let fields = quote! {
                match error {
                    #(#path::#error::#variants(inner) => crate::harness::fields(inner),)*
                    #unhandled
                }
            };
            let op_name = &op.name;
            // An output event stream is read to its end, its events put under its member.
            let stream = match &model.shape(&op.output).kind {
                ir::ShapeKind::Structure(s) => s
                    .members
                    .iter()
                    .zip(names.fields(&op.output))
                    .find(|(m, _)| model.shape(&m.target).event_stream.is_some()),
                _ => None,
            };
            if let Some((member, field)) = stream {
                let member = &member.name;
                let field = awsgen_codegen::naming::to_ident(field);
                entries.push(quote! {
                    crate::harness::Entry {
                        module: #module_name,
                        operation: #op_name,
                        build: |params| crate::harness::build::<#path::#op_struct>(params),
                        parse: |status, headers, body| {
                            crate::harness::parse_stream::<#path::#op_struct, _>(
                                status,
                                headers,
                                body,
                                |error| {
                                    let fields = #fields;
                                    (error.code().to_owned(), error.message().map(str::to_owned), fields)
                                },
                                #member,
                                |output| output.#field.take(),
                            )
                        },
                    }
                });
                continue;
            }
            entries.push(quote! {
                crate::harness::Entry {
                    module: #module_name,
                    operation: #op_name,
                    build: |params| crate::harness::build::<#path::#op_struct>(params),
                    parse: |status, headers, body| {
                        crate::harness::parse::<#path::#op_struct>(status, headers, body, |error| {
                            let fields = #fields;
                            (error.code().to_owned(), error.message().map(str::to_owned), fields)
                        })
                    },
                }
            });
        }
    }
    quote! {
        /// Every generated operation, by suite module and operation name.
        pub static ENTRIES: &[crate::harness::Entry] = &[#(#entries),*];
    }
}

fn suite_list(suites: &[Suite]) -> TokenStream {
    let entries = suites.iter().map(|s| {
        let key = &s.key;
        let module = match &s.module {
            Some(m) => quote!(::std::option::Option::Some(#m)),
            None => quote!(::std::option::Option::None),
        };
        let error = match &s.error {
            Some(e) => quote!(::std::option::Option::Some(#e)),
            None => quote!(::std::option::Option::None),
        };
        quote!(crate::harness::SuiteInfo { key: #key, module: #module, generation_error: #error })
    });
    quote! {
        /// Every suite of every file, in file order.
        pub static SUITES: &[crate::harness::SuiteInfo] = &[#(#entries),*];
    }
}

/// Every dependency the generated manifest names must be a dependency of this package.
fn check_dependencies(files: &BTreeMap<String, String>, manifest_dir: &Path) {
    let names = |text: &str| -> BTreeSet<String> {
        let table: toml::Table = toml::from_str(text).expect("a manifest is TOML");
        table
            .get("dependencies")
            .and_then(|d| d.as_table())
            .map(|d| d.keys().cloned().collect())
            .unwrap_or_default()
    };
    let generated = names(files.get("Cargo.toml").expect("generated manifest"));
    let own = names(&String::from_utf8_lossy(&read(
        &manifest_dir.join("Cargo.toml"),
    )));
    // The client's, the signer's and the credential interop's dependencies come with their
    // features, which are off here.
    let manifest: toml::Table =
        toml::from_str(files.get("Cargo.toml").expect("generated manifest")).expect("TOML");
    let client: BTreeSet<String> = ["client", "sigv4", "aws-credential-types"]
        .into_iter()
        .filter_map(|feature| manifest.get("features")?.get(feature)?.as_array())
        .flatten()
        .filter_map(|d| d.as_str()?.strip_prefix("dep:").map(str::to_owned))
        .collect();
    let missing: Vec<_> = generated
        .difference(&own)
        .filter(|d| !client.contains(*d))
        .collect();
    assert!(
        missing.is_empty(),
        "the generated code needs {missing:?}: add them to conformance/Cargo.toml"
    );
}

fn pretty(tokens: TokenStream) -> String {
    let file: syn::File = syn::parse2(tokens).unwrap_or_else(|e| panic!("build.rs output: {e}"));
    prettyplease::unparse(&file)
}

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("cargo sets {name}"))
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}
