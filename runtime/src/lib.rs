//! The runtime of awsgen-generated crates: timestamps, blobs, error metadata, the protocols'
//! readers and writers, the SigV4 signer and the client. Generated crates depend on this crate
//! and re-export it as their `runtime` module (`crate::runtime::DateTime`), so two generated
//! crates in one program share its types.
//!
//! Each module exists under the cargo feature that owns it (declared here and in `Cargo.toml`,
//! and for the sub-modules of a folder such as `credentials/` in its `mod.rs`; nowhere else,
//! the generator included); the generator turns on the features a crate's services use. The modules only
//! generated code calls (protocol readers and writers, serde adapters, …) are `#[doc(hidden)]`:
//! not part of the API, they may change without notice.

#![forbid(unsafe_code)]

#[cfg(feature = "sigv4")]
pub mod aws_chunked;
#[cfg(feature = "blob")]
pub mod blob;
#[cfg(feature = "blob")]
pub mod byte_stream;
#[cfg(feature = "cbor")]
#[doc(hidden)]
pub mod cbor;
#[cfg(all(feature = "cbor", feature = "document"))]
#[doc(hidden)]
pub use cbor::document as cbor_document;
#[cfg(feature = "checksum")]
pub mod checksum;
#[cfg(feature = "client")]
pub mod client;
#[cfg(feature = "client")]
pub use client::endpoint as client_endpoint;
#[cfg(all(feature = "client", feature = "paginator"))]
pub use client::pages as client_pages;
#[cfg(all(feature = "client", feature = "waiter"))]
pub use client::waiter as client_waiter;
#[cfg(feature = "compression")]
#[doc(hidden)]
pub mod compression;
#[cfg(feature = "client")]
pub use credentials::cache as credential_cache;
#[cfg(feature = "client")]
pub use credentials::chain as credential_chain;
#[cfg(feature = "client")]
pub use credentials::container as container_credentials;
#[cfg(feature = "aws-credential-types")]
pub use credentials::interop as credential_interop;
#[cfg(feature = "client")]
pub use credentials::json_document as credential_json;
#[cfg(feature = "client")]
pub use credentials::process as credential_process;
#[cfg(feature = "client")]
pub use credentials::sso as credential_sso;
#[cfg(feature = "sigv4")]
pub mod credentials;
#[cfg(feature = "document")]
pub mod document;
#[cfg(feature = "http2")]
pub mod duplex_body;
#[cfg(feature = "endpoint")]
pub mod endpoint;
#[cfg(feature = "endpoint")]
pub use endpoint::library as endpoint_lib;
pub mod error;
#[cfg(feature = "event-stream")]
pub use event_stream::receiver as event_receiver;
#[cfg(feature = "event-stream")]
pub use event_stream::sender as event_sender;
#[cfg(all(feature = "sigv4", feature = "event-stream"))]
pub use event_stream::signer as event_signer;
#[cfg(feature = "event-stream")]
pub mod event_stream;
#[cfg(feature = "idempotency")]
#[doc(hidden)]
pub mod idempotency;
#[cfg(feature = "client")]
pub mod imds;
#[cfg(feature = "json")]
#[doc(hidden)]
pub mod json;
#[cfg(all(feature = "json", feature = "document"))]
#[doc(hidden)]
pub use json::document as json_document;
pub mod operation;
#[cfg(feature = "endpoint")]
pub use endpoint::partitions;
#[cfg(feature = "pattern")]
#[doc(hidden)]
pub mod pattern;
#[cfg(feature = "query")]
#[doc(hidden)]
pub mod query;
#[cfg(feature = "rest")]
pub mod rest;
#[cfg(feature = "serde")]
#[doc(hidden)]
pub mod serde_support;
/// `serde_support::required` at the root: a path short enough that a required member's serde attribute
/// stays on one line.
#[cfg(feature = "serde")]
#[doc(hidden)]
pub use serde_support::required;
#[cfg(feature = "sigv4")]
pub mod sigv4;
pub mod timestamp;
#[cfg(feature = "client")]
pub mod transport;
#[cfg(feature = "client")]
pub mod upload_body;
#[cfg(feature = "validate")]
pub mod validate;
#[cfg(feature = "waiter")]
pub mod waiter;
// What the JSON and CBOR readers and writers share (`cbor` turns on `json`).
#[cfg(feature = "json")]
#[doc(hidden)]
pub mod wire;
#[cfg(feature = "xml")]
#[doc(hidden)]
pub mod xml;
#[cfg(all(feature = "xml", feature = "rest"))]
#[doc(hidden)]
pub use xml::writer as xml_writer;

#[cfg(feature = "blob")]
pub use blob::Blob;
#[cfg(feature = "blob")]
pub use byte_stream::ByteStream;
#[cfg(feature = "document")]
pub use document::Document;
pub use error::{BuildError, ErrorMetadata, ProvideErrorMetadata, REDACTED};
pub use operation::{
    BodyError, BodySource, ChecksumMismatch, HostPrefix, InvalidEndpoint, InvalidRequest,
    InvalidResponse, Operation, ResponseError, set_endpoint,
};
pub use timestamp::DateTime;
#[cfg(feature = "validate")]
pub use validate::{Validate, ValidationError};
