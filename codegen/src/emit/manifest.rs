//! The generated crate's `Cargo.toml`, serialized from typed structs. Dependencies follow from
//! what the services use, so a crate without event streams does not build crc32fast. XML needs
//! none: the runtime's XML reader has its own tokenizer.

use std::collections::BTreeMap;

use serde::Serialize;

use super::krate::CrateSpec;
use super::runtime::Usage;
use crate::ir::Protocol;
use crate::render;

#[derive(Serialize)]
struct Manifest {
    package: Package,
    features: BTreeMap<String, Vec<String>>,
    dependencies: BTreeMap<&'static str, Dependency>,
    #[serde(skip_serializing_if = "Option::is_none")]
    workspace: Option<BTreeMap<String, String>>,
}

#[derive(Serialize)]
struct Package {
    name: String,
    version: &'static str,
    edition: &'static str,
    #[serde(rename = "rust-version")]
    rust_version: &'static str,
    description: String,
    license: &'static str,
    publish: bool,
}

#[derive(Serialize)]
struct Dependency {
    version: &'static str,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    optional: bool,
    #[serde(rename = "default-features", skip_serializing_if = "Option::is_none")]
    default_features: Option<bool>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    features: Vec<&'static str>,
}

impl Dependency {
    fn new(version: &'static str) -> Self {
        Self {
            version,
            optional: false,
            default_features: None,
            features: Vec::new(),
        }
    }
}

/// The oldest Rust the generated crate is built and tested with (awsgen's own `rust-version`).
pub const RUST_VERSION: &str = "1.95";

/// The manifest text, with the generated-file header.
pub fn manifest(spec: &CrateSpec<'_>, usage: &Usage) -> String {
    let mut dependencies = BTreeMap::new();
    let mut serde_feature = vec!["dep:serde".to_owned()];
    dependencies.insert(
        "serde",
        Dependency {
            optional: true,
            features: vec!["derive"],
            ..Dependency::new("1")
        },
    );
    dependencies.insert("http", Dependency::new("1"));
    if usage.blobs {
        dependencies.insert("base64", Dependency::new("0.22"));
    }
    if usage.protocols.contains(&Protocol::RpcV2Cbor) {
        dependencies.insert(
            "minicbor",
            Dependency {
                features: vec!["alloc"],
                ..Dependency::new("2")
            },
        );
    }
    if usage.event_streams {
        dependencies.insert("crc32fast", Dependency::new("1.5"));
    }
    if usage.gzip {
        dependencies.insert("flate2", Dependency::new("1"));
    }
    if usage.maps {
        dependencies.insert("indexmap", Dependency::new("2"));
        serde_feature.push("indexmap/serde".to_owned());
    }
    // Validation is opt-in: even without its performance features, `regex` adds 40 % to the
    // cold build of a generated crate (see `emit::validate`).
    let mut validate_feature = Vec::new();
    if usage.patterns {
        dependencies.insert(
            "regex",
            Dependency {
                optional: true,
                // Without the performance features (aho-corasick, memchr, lazy DFA, …): the
                // checks match short strings, and those features cost half of regex's build.
                default_features: Some(false),
                features: vec!["std", "unicode"],
                ..Dependency::new("1")
            },
        );
        validate_feature.push("dep:regex".to_owned());
    }

    // The client is opt-in, so that the sans-IO crate's dependency tree stays as it is.
    let (sigv4_feature, client_feature) = client_dependencies(&mut dependencies);

    let mut features = BTreeMap::new();
    let mut default = vec!["serde".to_owned()];
    for s in &spec.services {
        features.insert(s.module.clone(), Vec::new());
        default.push(s.module.clone());
    }
    features.insert("default".to_owned(), default);
    features.insert("serde".to_owned(), serde_feature);
    features.insert(super::validate::FEATURE.to_owned(), validate_feature);
    features.insert(super::client::SIGV4_FEATURE.to_owned(), sigv4_feature);
    features.insert(super::client::FEATURE.to_owned(), client_feature);
    dependencies.insert(
        "aws-credential-types",
        Dependency {
            optional: true,
            ..Dependency::new("1")
        },
    );
    features.insert(
        super::client::INTEROP_FEATURE.to_owned(),
        vec![
            super::client::FEATURE.to_owned(),
            "dep:aws-credential-types".to_owned(),
        ],
    );

    let services: Vec<String> = spec
        .services
        .iter()
        .map(|s| {
            s.model
                .service
                .service_id
                .clone()
                .unwrap_or_else(|| s.module.clone())
        })
        .collect();
    let manifest = Manifest {
        package: Package {
            name: spec.name.clone(),
            version: "0.1.0",
            edition: "2024",
            rust_version: RUST_VERSION,
            description: format!(
                "Generated by awsgen: types, serializers and parsers for {}.",
                services.join(", ")
            ),
            license: "Apache-2.0",
            publish: false,
        },
        features,
        dependencies,
        workspace: spec.standalone.then(BTreeMap::new),
    };
    let body =
        toml::to_string(&manifest).unwrap_or_else(|e| unreachable!("the manifest serializes: {e}"));
    format!(
        "{}\n{body}",
        render::header("#", &spec.source, &spec.command)
    )
}

/// The optional dependencies of the signer (feature `sigv4`: sha2 and hmac) and of the client
/// (feature `client`, which includes `sigv4`), added to `dependencies`; returns both features'
/// lists. Signing is a small signer on `sha2` + `hmac` rather than `aws-sigv4`
/// (which pulls in tokio, time, tracing and several aws-smithy crates and costs ~3x the
/// instructions per request); the transport is hyper-util with rustls on the `ring` provider
/// (no `aws-lc-sys` C build) and the `webpki-roots` certificates; tokio for timers.
fn client_dependencies(
    dependencies: &mut BTreeMap<&'static str, Dependency>,
) -> (Vec<String>, Vec<String>) {
    let optional = |version, default_features, features: &[&'static str]| Dependency {
        optional: true,
        default_features,
        features: features.to_vec(),
        ..Dependency::new(version)
    };
    let deps = [
        ("sha2", optional("0.11", None, &[])),
        ("hmac", optional("0.13", None, &[])),
        ("http-body-util", optional("0.1", None, &[])),
        (
            "hyper-util",
            optional("0.1", Some(false), &["client-legacy", "http1", "tokio"]),
        ),
        (
            "hyper-rustls",
            optional(
                "0.27",
                Some(false),
                &["ring", "http1", "tls12", "webpki-tokio"],
            ),
        ),
        (
            "rustls",
            optional("0.23", Some(false), &["ring", "std", "tls12"]),
        ),
        ("tokio", optional("1", None, &["sync", "time"])),
    ];
    let mut sigv4 = Vec::new();
    let mut client = vec![super::client::SIGV4_FEATURE.to_owned()];
    for (name, dependency) in deps {
        if matches!(name, "sha2" | "hmac") {
            sigv4.push(format!("dep:{name}"));
        } else {
            client.push(format!("dep:{name}"));
        }
        dependencies.insert(name, dependency);
    }
    (sigv4, client)
}
