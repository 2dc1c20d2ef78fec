//! Wire protocols. For each operation, the bodies of `build_request` and `parse_response`; for
//! each service, the files holding the per-shape serializers and parsers those bodies call.
//!
//! Contract with `operations.rs`: the `build_request` body has `input: &<Op>Input` in scope and
//! evaluates to `::http::Request<::std::vec::Vec<u8>>`; the `parse_response` body has
//! `status: u16`, `headers: &::http::HeaderMap` and `body: &[u8]` in scope and evaluates to
//! `Result<<Op>Output, crate::runtime::ResponseError<<Op>Error>>`. Files returned by [`files`]
//! live under `src/<service>/protocol/` (including its `mod.rs`); the service root declares
//! `mod protocol;` when there are any.

mod cbor;
mod json;
mod query;

use proc_macro2::TokenStream;

use super::{RustFile, Service};
use crate::ir::{Operation, Protocol};

/// The protocol code of one operation.
pub struct OperationCode {
    /// Body of `build_request`.
    pub build_request: TokenStream,
    /// Body of `parse_response`.
    pub parse_response: TokenStream,
}

/// The protocol code of `op`.
pub fn operation_code(svc: &Service<'_>, op: &Operation) -> OperationCode {
    match svc.protocol {
        Protocol::Query => query::operation_code(svc, op),
        Protocol::Json => json::operation_code(svc, op),
        Protocol::RpcV2Cbor => cbor::operation_code(svc, op),
        other => unreachable!("protocol `{other}` is rejected before emission"),
    }
}

/// The per-shape serializer and parser files of the service.
pub fn files(svc: &Service<'_>) -> Vec<RustFile> {
    match svc.protocol {
        Protocol::Query => query::files(svc),
        Protocol::Json => json::files(svc),
        Protocol::RpcV2Cbor => cbor::files(svc),
        other => unreachable!("protocol `{other}` is rejected before emission"),
    }
}
