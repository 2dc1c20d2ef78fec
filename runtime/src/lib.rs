//! Hand-written support code for awsgen-generated crates. Every module here is copied verbatim
//! into a generated crate as `crate::runtime::<module>`, so modules refer to each other only
//! through `super::`, and tests live in `tests/`, not in the modules.

pub mod blob;
pub mod cbor;
pub mod cbor_document;
pub mod checksum;
#[cfg(feature = "client")]
pub mod client;
#[cfg(feature = "client")]
pub mod client_endpoint;
#[cfg(feature = "client")]
pub mod client_pages;
#[cfg(feature = "client")]
pub mod client_waiter;
pub mod compression;
#[cfg(feature = "client")]
pub mod container_credentials;
#[cfg(feature = "client")]
pub mod credential_cache;
#[cfg(feature = "client")]
pub mod credential_chain;
#[cfg(feature = "aws-credential-types")]
pub mod credential_interop;
#[cfg(feature = "client")]
pub mod credential_json;
#[cfg(feature = "client")]
pub mod credential_process;
#[cfg(feature = "client")]
pub mod credential_sso;
#[cfg(feature = "sigv4")]
pub mod credentials;
pub mod document;
pub mod endpoint;
pub mod endpoint_lib;
pub mod error;
pub mod event_receiver;
pub mod event_sender;
#[cfg(feature = "sigv4")]
pub mod event_signer;
pub mod event_stream;
pub mod idempotency;
#[cfg(feature = "client")]
pub mod imds;
pub mod json;
pub mod json_document;
pub mod operation;
pub mod partitions;
pub mod pattern;
pub mod query;
pub mod rest;
#[cfg(feature = "serde")]
pub mod serde_support;
#[cfg(feature = "sigv4")]
pub mod sigv4;
pub mod timestamp;
#[cfg(feature = "client")]
pub mod transport;
pub mod validate;
pub mod waiter;
pub mod xml;
pub mod xml_writer;

pub use blob::Blob;
pub use document::Document;
pub use error::{BuildError, ErrorMetadata, REDACTED};
pub use operation::{
    BodyError, BodySource, HostPrefix, InvalidEndpoint, InvalidRequest, InvalidResponse, Operation,
    ResponseError, set_endpoint,
};
pub use timestamp::DateTime;
pub use validate::{Validate, ValidationError};
