//! The generated crate's dependency on the runtime crate (`awsgen-runtime`, `runtime/`): which
//! of its features a crate needs, how the crate finds it ([`RuntimeDep`]: a path, a version, or
//! a vendored copy written beside the crate), and `src/runtime.rs`, which re-exports it as
//! `crate::runtime`. Which runtime feature owns which module is the runtime's own business
//! (`runtime/Cargo.toml` and `runtime/src/lib.rs`); this is the one place that maps what a
//! crate's services use onto those features.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use super::RustFile;

use crate::ir::{Model, Protocol, Scalar, ShapeKind};

/// How a generated crate depends on the runtime crate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuntimeDep {
    /// `path = "<dir>"`: the runtime crate in this repository (`../runtime` for `generated/`),
    /// relative to the generated crate's folder.
    Path(String),
    /// `version = "<v>"`: a published `awsgen-runtime`.
    Version(String),
    /// A copy of the runtime crate written into the generated crate as the sub-crate
    /// `awsgen-runtime/` (a path dependency): the crate then needs nothing of this repository.
    Vendored,
}

/// The folder of the vendored runtime inside a generated crate.
pub const VENDORED_DIR: &str = "awsgen-runtime";

/// Whether the runtime crate exports `item` at its root (`Document`): read from the `pub use`
/// items of its `src/lib.rs`, so that no list of them is kept here.
pub fn provides(item: &str) -> bool {
    static EXPORTS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    EXPORTS
        .get_or_init(|| {
            let lib = SOURCES
                .iter()
                .find(|(path, _)| *path == "src/lib.rs")
                .map_or("", |(_, text)| *text);
            let mut names = Vec::new();
            // The runtime's own lib.rs is valid Rust (it is compiled with this crate).
            if let Ok(file) = syn::parse_file(lib) {
                for item in file.items {
                    if let syn::Item::Use(u) = item
                        && matches!(u.vis, syn::Visibility::Public(_))
                    {
                        use_names(&u.tree, &mut names);
                    }
                }
            }
            names
        })
        .iter()
        .any(|name| name == item)
}

/// The names a `use` tree brings into scope.
fn use_names(tree: &syn::UseTree, names: &mut Vec<String>) {
    match tree {
        syn::UseTree::Path(p) => use_names(&p.tree, names),
        syn::UseTree::Name(n) => names.push(n.ident.to_string()),
        syn::UseTree::Rename(r) => names.push(r.rename.to_string()),
        syn::UseTree::Group(g) => g.items.iter().for_each(|t| use_names(t, names)),
        syn::UseTree::Glob(_) => {}
    }
}

/// What the services of one generated crate use, which decides runtime modules and
/// dependencies.
#[derive(Clone, Debug, Default)]
pub struct Usage {
    /// Some shape is a blob.
    pub blobs: bool,
    /// Some shape is a map.
    pub maps: bool,
    /// Some shape is a document.
    pub documents: bool,
    /// The protocols generated.
    pub protocols: BTreeSet<Protocol>,
    /// Some input has a `pattern` that validation checks (the crate needs `regex`).
    pub patterns: bool,
    /// Some member is an idempotency token.
    pub idempotency_tokens: bool,
    /// Some operation gzips its request.
    pub gzip: bool,
    /// Some operation sends `Content-MD5` or has flexible checksums (`httpChecksum`).
    pub checksums: bool,
    /// Some operation's output is an event stream (the crate needs the framing and
    /// `crc32fast`).
    pub event_streams: bool,
    /// Some operation's input is an event stream (the crate needs the sender and the event
    /// signer).
    pub input_event_streams: bool,
    /// Some operation has a waiter.
    pub waiters: bool,
    /// Some operation is paginated.
    pub paginators: bool,
}

impl Usage {
    /// Records what `model`, generated with `protocol`, uses.
    pub fn add(&mut self, model: &Model, protocol: Protocol) {
        self.protocols.insert(protocol);
        // The REST bindings base64 JSON-valued headers (`runtime::rest` reads them with `Blob`).
        self.blobs |= protocol.is_rest();
        for shape in model.shapes.values() {
            match &shape.kind {
                ShapeKind::Scalar(Scalar::Blob) => self.blobs = true,
                ShapeKind::Map(_) => self.maps = true,
                ShapeKind::Document => self.documents = true,
                ShapeKind::Structure(s) if s.members.iter().any(|m| m.idempotency_token) => {
                    self.idempotency_tokens = true;
                }
                _ => {}
            }
            self.event_streams |= shape.event_stream.is_some();
        }
        for op in &model.operations {
            self.input_event_streams |= match &model.shape(&op.input).kind {
                ShapeKind::Structure(s) => s
                    .members
                    .iter()
                    .any(|m| model.shape(&m.target).event_stream.is_some()),
                _ => false,
            };
            self.gzip |= op.request_compression.iter().any(|e| e == "gzip");
            let checksums = op.checksum_required || op.http_checksum.is_some();
            self.checksums |= checksums;
            self.waiters |= !op.waiters.is_empty();
            self.paginators |= op.paginator.is_some();
            // `runtime::checksum` encodes the digest with `Blob`.
            self.blobs |= checksums;
        }
    }
}

impl Usage {
    /// The runtime features a crate with this usage needs whatever its own features (the
    /// optional parts — serde, validation, signing, the client — are forwarded by the crate's
    /// features of the same names: [`optional_features`]).
    pub fn runtime_features(&self) -> Vec<&'static str> {
        let any = |f: fn(Protocol) -> bool| self.protocols.iter().any(|p| f(*p));
        // `json` always: the XML and CBOR readers share its number and string helpers.
        let mut features = vec!["json"];
        let wanted = [
            ("blob", self.blobs),
            ("document", self.documents),
            ("cbor", self.protocols.contains(&Protocol::RpcV2Cbor)),
            // The query module's error envelope and document readers serve restXml too.
            ("xml", any(Protocol::is_xml)),
            ("query", any(Protocol::is_xml)),
            ("rest", any(Protocol::is_rest)),
            ("compression", self.gzip),
            ("checksum", self.checksums),
            (
                "event-stream",
                self.event_streams || self.input_event_streams,
            ),
            ("idempotency", self.idempotency_tokens),
            ("waiter", self.waiters),
            ("paginator", self.paginators),
        ];
        features.extend(wanted.iter().filter(|(_, on)| *on).map(|(f, _)| *f));
        features.sort_unstable();
        features
    }
}

/// The generated crate's optional features that turn on runtime features of the same name:
/// (crate feature, what it forwards to). `validate` also wants `pattern` when some input has
/// one.
pub fn optional_features(usage: &Usage) -> Vec<(&'static str, Vec<String>)> {
    let runtime = |f: &str| format!("{}/{f}", PACKAGE);
    let mut validate = vec![runtime("validate")];
    if usage.patterns {
        validate.push(runtime("pattern"));
    }
    let mut client = vec![super::client::SIGV4_FEATURE.to_owned(), runtime("client")];
    // Bidirectional streams go over HTTP/2: only crates that have one pay for `h2`.
    if usage.input_event_streams {
        client.push(runtime("http2"));
    }
    vec![
        ("serde", vec![runtime("serde")]),
        (super::validate::FEATURE, validate),
        (super::client::SIGV4_FEATURE, vec![runtime("sigv4")]),
        (super::client::FEATURE, client),
        (
            super::client::INTEROP_FEATURE,
            vec![
                super::client::FEATURE.to_owned(),
                runtime("aws-credential-types"),
            ],
        ),
    ]
}

/// The runtime crate's package name.
pub const PACKAGE: &str = "awsgen-runtime";

/// The runtime crate's sources (`src/…` path → text), embedded by `build.rs` from `runtime/src/`.
const SOURCES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/runtime_sources.rs"));

/// The runtime crate's manifest and the workspace's (whose `[workspace.*]` tables it inherits).
const MANIFEST: &str = include_str!("../../../runtime/Cargo.toml");
const WORKSPACE_MANIFEST: &str = include_str!("../../../Cargo.toml");

/// The files of the vendored runtime, paths relative to the generated crate's root: the
/// runtime's sources verbatim and its manifest with what it inherits from awsgen's workspace
/// written out (and no dev-dependencies).
pub fn vendored_files(header: &str) -> BTreeMap<String, String> {
    let mut files: BTreeMap<String, String> = SOURCES
        .iter()
        .map(|(path, text)| (format!("{VENDORED_DIR}/{path}"), (*text).to_owned()))
        .collect();
    files.insert(
        format!("{VENDORED_DIR}/Cargo.toml"),
        format!("{header}\n{}", vendored_manifest()),
    );
    files
}

/// `runtime/Cargo.toml` standing alone: every `workspace = true` replaced by the workspace's
/// value.
fn vendored_manifest() -> String {
    let parse = |text: &str| -> toml::Table {
        text.parse()
            .unwrap_or_else(|e| unreachable!("awsgen's manifests parse: {e}"))
    };
    let mut manifest = parse(MANIFEST);
    let workspace = parse(WORKSPACE_MANIFEST);
    let ws = |key: &str| -> toml::Table {
        match workspace.get("workspace").and_then(|w| w.get(key)) {
            Some(toml::Value::Table(t)) => t.clone(),
            _ => toml::Table::new(),
        }
    };
    let (package, dependencies, lints) = (ws("package"), ws("dependencies"), ws("lints"));
    manifest.remove("dev-dependencies");
    if let Some(toml::Value::Table(p)) = manifest.get_mut("package") {
        for (key, value) in p.iter_mut() {
            if is_inherited(value)
                && let Some(v) = package.get(key)
            {
                *value = v.clone();
            }
        }
        if let Some(v) = package.get("rust-version") {
            p.entry("rust-version").or_insert_with(|| v.clone());
        }
    }
    if let Some(toml::Value::Table(deps)) = manifest.get_mut("dependencies") {
        for (name, value) in deps.iter_mut() {
            let toml::Value::Table(local) = value else {
                continue;
            };
            if local.remove("workspace").is_none() {
                continue;
            }
            let mut merged = match dependencies.get(name) {
                Some(toml::Value::Table(t)) => t.clone(),
                Some(version) => toml::Table::from_iter([("version".to_owned(), version.clone())]),
                None => toml::Table::new(),
            };
            for (key, v) in local.iter() {
                match (merged.get_mut(key), v) {
                    (Some(toml::Value::Array(a)), toml::Value::Array(b)) => a.extend(b.clone()),
                    _ => {
                        merged.insert(key.clone(), v.clone());
                    }
                }
            }
            *value = toml::Value::Table(merged);
        }
    }
    if manifest.get("lints").is_some_and(is_inherited) {
        manifest.insert("lints".to_owned(), toml::Value::Table(lints));
    }
    toml::to_string(&manifest)
        .unwrap_or_else(|e| unreachable!("the runtime's manifest serializes: {e}"))
}

/// `{ workspace = true }`.
fn is_inherited(value: &toml::Value) -> bool {
    value.get("workspace") == Some(&toml::Value::Boolean(true))
}

/// `src/runtime.rs`: the runtime crate re-exported as `crate::runtime` (so generated code and
/// users name `crate::runtime::DateTime` whichever way the crate depends on it), plus what the
/// crate adds to it: the credential chain's STS and SSO calls through its own clients.
pub fn runtime_file(federation: TokenStream) -> RustFile {
    RustFile {
        path: "src/runtime.rs".to_owned(),
        source: "runtime/src/lib.rs".to_owned(),
        tokens: quote! {
            //! Support code that generated services call: timestamps, blobs, error metadata,
            //! the protocol helpers and the client. It is the `awsgen-runtime` crate, re-exported
            //! here, so every crate generated by awsgen shares its types (a `DateTime` of one is
            //! a `DateTime` of the other). The types users name are re-exported at the crate root
            //! too (`DateTime`, `BuildError`, `ResponseError`, `ErrorMetadata`, `http`); the
            //! modules only generated code calls (protocol readers and writers) are hidden from
            //! the docs and not part of the API.
            #[doc(inline)]
            pub use ::awsgen_runtime::*;

            #federation
        },
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_runtime_root_exports_are_read_from_its_lib_rs() {
        for item in [
            "DateTime",
            "Document",
            "Blob",
            "ResponseError",
            "set_endpoint",
        ] {
            assert!(super::provides(item), "{item}");
        }
        // A module is not a root item, nor is a name the runtime does not have.
        assert!(!super::provides("json"));
        assert!(!super::provides("NoSuchThing"));
    }
}
