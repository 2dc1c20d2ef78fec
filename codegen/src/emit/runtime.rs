//! The hand-written runtime modules (from `runtime/src/`) that a generated crate carries, and
//! which of them a crate needs. Their sources are embedded in the generator, so a generated
//! crate is self-contained: it depends only on crates.io packages.

use std::collections::BTreeSet;

use crate::ir::{Model, Protocol, Scalar, ShapeKind};

/// One runtime module.
pub struct RuntimeModule {
    /// Module (and file) name.
    pub name: &'static str,
    /// Its source text.
    pub source: &'static str,
    /// The items `runtime/mod.rs` re-exports from it.
    pub exports: &'static [&'static str],
    /// Whether it exists only with the `serde` feature.
    pub serde_only: bool,
    /// Whether a crate with these features needs it.
    pub needed: fn(&Usage) -> bool,
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
    /// Some operation sends `Content-MD5`.
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
            self.checksums |= op.checksum_required;
            self.waiters |= !op.waiters.is_empty();
            self.paginators |= op.paginator.is_some();
            // `runtime::checksum` encodes the digest with `Blob`.
            self.blobs |= op.checksum_required;
        }
    }
}

impl RuntimeModule {
    /// The cargo feature the module exists under, if any.
    pub fn feature(&self) -> Option<&'static str> {
        if self.serde_only {
            Some("serde")
        } else if VALIDATE_ONLY.contains(&self.name) {
            Some(super::validate::FEATURE)
        } else if self.name == super::client::INTEROP_MODULE {
            Some(super::client::INTEROP_FEATURE)
        } else if super::client::RUNTIME_MODULES.contains(&self.name) {
            Some(super::client::FEATURE)
        } else if super::client::SIGV4_MODULES.contains(&self.name) {
            Some(super::client::SIGV4_FEATURE)
        } else {
            None
        }
    }
}

/// The modules only generated code uses (protocol readers and writers, serde adapters, …):
/// declared `#[doc(hidden)]`, so they are not part of the crate's documented API and may change
/// without notice. A new runtime module that only generated code calls belongs here.
pub const GENERATED_ONLY: &[&str] = &[
    "cbor",
    "cbor_document",
    "compression",
    "idempotency",
    "json",
    "json_document",
    "pattern",
    "query",
    "serde_support",
    "xml",
    "xml_writer",
];

/// The modules that exist only with the `validate` feature.
const VALIDATE_ONLY: &[&str] = &["pattern", "validate"];

/// Every runtime module, in file-name order.
pub const MODULES: &[RuntimeModule] = &[
    RuntimeModule {
        name: "blob",
        source: include_str!("../../../runtime/src/blob.rs"),
        exports: &["Blob"],
        serde_only: false,
        needed: |u| u.blobs,
    },
    RuntimeModule {
        name: "cbor",
        source: include_str!("../../../runtime/src/cbor.rs"),
        exports: &[],
        serde_only: false,
        needed: |u| u.protocols.contains(&Protocol::RpcV2Cbor),
    },
    RuntimeModule {
        name: "cbor_document",
        source: include_str!("../../../runtime/src/cbor_document.rs"),
        exports: &[],
        serde_only: false,
        needed: |u| u.documents && u.protocols.contains(&Protocol::RpcV2Cbor),
    },
    RuntimeModule {
        name: "checksum",
        source: include_str!("../../../runtime/src/checksum.rs"),
        exports: &[],
        serde_only: false,
        needed: |u| u.checksums,
    },
    RuntimeModule {
        name: "client",
        source: include_str!("../../../runtime/src/client.rs"),
        exports: &[],
        serde_only: false,
        needed: |_| true,
    },
    RuntimeModule {
        name: "client_pages",
        source: include_str!("../../../runtime/src/client_pages.rs"),
        exports: &[],
        serde_only: false,
        needed: |u| u.paginators,
    },
    RuntimeModule {
        name: "client_waiter",
        source: include_str!("../../../runtime/src/client_waiter.rs"),
        exports: &[],
        serde_only: false,
        needed: |u| u.waiters,
    },
    RuntimeModule {
        name: "compression",
        source: include_str!("../../../runtime/src/compression.rs"),
        exports: &[],
        serde_only: false,
        needed: |u| u.gzip,
    },
    RuntimeModule {
        name: "client_endpoint",
        source: include_str!("../../../runtime/src/client_endpoint.rs"),
        exports: &[],
        serde_only: false,
        needed: |_| true,
    },
    RuntimeModule {
        name: "container_credentials",
        source: include_str!("../../../runtime/src/container_credentials.rs"),
        exports: &[],
        serde_only: false,
        needed: |_| true,
    },
    RuntimeModule {
        name: "credential_cache",
        source: include_str!("../../../runtime/src/credential_cache.rs"),
        exports: &[],
        serde_only: false,
        needed: |_| true,
    },
    RuntimeModule {
        name: "credential_chain",
        source: include_str!("../../../runtime/src/credential_chain.rs"),
        exports: &[],
        serde_only: false,
        needed: |_| true,
    },
    RuntimeModule {
        name: "credential_json",
        source: include_str!("../../../runtime/src/credential_json.rs"),
        exports: &[],
        serde_only: false,
        needed: |_| true,
    },
    RuntimeModule {
        name: "credential_interop",
        source: include_str!("../../../runtime/src/credential_interop.rs"),
        exports: &[],
        serde_only: false,
        needed: |_| true,
    },
    RuntimeModule {
        name: "credential_process",
        source: include_str!("../../../runtime/src/credential_process.rs"),
        exports: &[],
        serde_only: false,
        needed: |_| true,
    },
    RuntimeModule {
        name: "credential_sso",
        source: include_str!("../../../runtime/src/credential_sso.rs"),
        exports: &[],
        serde_only: false,
        needed: |_| true,
    },
    RuntimeModule {
        name: "credentials",
        source: include_str!("../../../runtime/src/credentials.rs"),
        exports: &[],
        serde_only: false,
        needed: |_| true,
    },
    RuntimeModule {
        name: "document",
        source: include_str!("../../../runtime/src/document.rs"),
        exports: &["Document"],
        serde_only: false,
        needed: |u| u.documents,
    },
    RuntimeModule {
        name: "endpoint",
        source: include_str!("../../../runtime/src/endpoint.rs"),
        exports: &[],
        serde_only: false,
        needed: |_| true,
    },
    RuntimeModule {
        name: "endpoint_lib",
        source: include_str!("../../../runtime/src/endpoint_lib.rs"),
        exports: &[],
        serde_only: false,
        needed: |_| true,
    },
    RuntimeModule {
        name: "error",
        source: include_str!("../../../runtime/src/error.rs"),
        exports: &["BuildError", "ErrorMetadata", "REDACTED"],
        serde_only: false,
        needed: |_| true,
    },
    RuntimeModule {
        name: "event_stream",
        source: include_str!("../../../runtime/src/event_stream.rs"),
        exports: &[],
        serde_only: false,
        needed: |u| u.event_streams,
    },
    RuntimeModule {
        name: "event_signer",
        source: include_str!("../../../runtime/src/event_signer.rs"),
        exports: &[],
        serde_only: false,
        // SigV4 signing of sent events: crates with an input event stream.
        needed: |u| u.input_event_streams,
    },
    RuntimeModule {
        name: "event_sender",
        source: include_str!("../../../runtime/src/event_sender.rs"),
        exports: &[],
        serde_only: false,
        needed: |u| u.input_event_streams,
    },
    RuntimeModule {
        name: "event_receiver",
        source: include_str!("../../../runtime/src/event_receiver.rs"),
        exports: &[],
        serde_only: false,
        needed: |u| u.event_streams,
    },
    RuntimeModule {
        name: "imds",
        source: include_str!("../../../runtime/src/imds.rs"),
        exports: &[],
        serde_only: false,
        needed: |_| true,
    },
    RuntimeModule {
        name: "json",
        source: include_str!("../../../runtime/src/json.rs"),
        exports: &[],
        serde_only: false,
        // Every crate: the client's credential sources read JSON documents
        // (`credential_json`), and a module cannot be under "this protocol or the client".
        needed: |_| true,
    },
    RuntimeModule {
        name: "json_document",
        source: include_str!("../../../runtime/src/json_document.rs"),
        exports: &[],
        serde_only: false,
        needed: |u| {
            u.documents
                && (u.protocols.contains(&Protocol::Json)
                    || u.protocols.contains(&Protocol::RestJson))
        },
    },
    RuntimeModule {
        name: "idempotency",
        source: include_str!("../../../runtime/src/idempotency.rs"),
        exports: &[],
        serde_only: false,
        needed: |u| u.idempotency_tokens,
    },
    RuntimeModule {
        name: "operation",
        source: include_str!("../../../runtime/src/operation.rs"),
        exports: &[
            "BodyError",
            "BodySource",
            "HostPrefix",
            "InvalidEndpoint",
            "InvalidRequest",
            "InvalidResponse",
            "Operation",
            "ResponseError",
            "set_endpoint",
        ],
        serde_only: false,
        needed: |_| true,
    },
    RuntimeModule {
        name: "partitions",
        source: include_str!("../../../runtime/src/partitions.rs"),
        exports: &[],
        serde_only: false,
        needed: |_| true,
    },
    RuntimeModule {
        name: "pattern",
        source: include_str!("../../../runtime/src/pattern.rs"),
        exports: &[],
        serde_only: false,
        needed: |u| u.patterns,
    },
    RuntimeModule {
        name: "query",
        source: include_str!("../../../runtime/src/query.rs"),
        exports: &[],
        serde_only: false,
        // Its error envelope and document readers serve restXml too.
        needed: |u| u.protocols.iter().any(|p| p.is_xml()),
    },
    RuntimeModule {
        name: "rest",
        source: include_str!("../../../runtime/src/rest.rs"),
        exports: &[],
        serde_only: false,
        needed: |u| u.protocols.iter().any(|p| p.is_rest()),
    },
    RuntimeModule {
        name: "serde_support",
        source: include_str!("../../../runtime/src/serde_support.rs"),
        exports: &[],
        serde_only: true,
        needed: |_| true,
    },
    RuntimeModule {
        name: "sigv4",
        source: include_str!("../../../runtime/src/sigv4.rs"),
        exports: &[],
        serde_only: false,
        needed: |_| true,
    },
    RuntimeModule {
        name: "timestamp",
        source: include_str!("../../../runtime/src/timestamp.rs"),
        exports: &["DateTime"],
        serde_only: false,
        needed: |_| true,
    },
    RuntimeModule {
        name: "transport",
        source: include_str!("../../../runtime/src/transport.rs"),
        exports: &[],
        serde_only: false,
        needed: |_| true,
    },
    RuntimeModule {
        name: "validate",
        source: include_str!("../../../runtime/src/validate.rs"),
        exports: &["Validate", "ValidationError"],
        serde_only: false,
        needed: |_| true,
    },
    RuntimeModule {
        name: "waiter",
        source: include_str!("../../../runtime/src/waiter.rs"),
        exports: &[],
        serde_only: false,
        needed: |u| u.waiters,
    },
    RuntimeModule {
        name: "xml",
        source: include_str!("../../../runtime/src/xml.rs"),
        exports: &[],
        serde_only: false,
        needed: |u| u.protocols.iter().any(|p| p.is_xml()),
    },
    RuntimeModule {
        name: "xml_writer",
        source: include_str!("../../../runtime/src/xml_writer.rs"),
        exports: &[],
        serde_only: false,
        needed: |u| u.protocols.contains(&Protocol::RestXml),
    },
];
