//! Wire protocols. For each operation, the bodies of `build_request` and `parse_response`; for
//! each service, the files holding the per-shape serializers and parsers those bodies call.
//!
//! Contract with `operations.rs`: the `build_request` body has `input: &<Op>Input` in scope and
//! evaluates to `Result<::http::Request<::std::vec::Vec<u8>>, crate::runtime::InvalidRequest>`
//! (each protocol's request statements, wrapped by [`extras`]); the `parse_response` body has
//! `status: u16`, `headers: &::http::HeaderMap` and `body: &[u8]` in scope and evaluates to
//! `Result<<Op>Output, crate::runtime::ResponseError<<Op>Error>>`. Files returned by [`files`]
//! live under `src/<service>/protocol/` (including its `mod.rs`); the service root declares
//! `mod protocol;` when there are any.

mod cbor;
mod checksums;
mod errors;

pub use checksums::response_stream as streaming_checksum;
mod event_stream;
mod extras;
mod http;
mod json;
mod query;
mod rest_json;

use proc_macro2::TokenStream;
use quote::quote;

pub(crate) use errors::Codes as ErrorCodes;
/// The file layout of the map codec's functions (see `json/layout.rs`).
pub(crate) use json::layout::Layout as MapLayout;
pub(crate) use query::Layout as QueryLayout;

use super::{RustFile, Service};
use crate::ir::{Operation, Protocol};

/// The protocol code of one operation.
pub struct OperationCode {
    /// Body of `build_request`.
    pub build_request: TokenStream,
    /// Whether `build_request` is already a `Result` (REST bindings can fail); otherwise it
    /// evaluates to the request.
    pub build_request_fallible: bool,
    /// Body of `parse_response`.
    pub parse_response: TokenStream,
    /// Whether `build_request` reads its `input` (a REST operation without input members
    /// does not).
    pub uses_input: bool,
}

/// The protocol code of `op`.
pub fn operation_code(svc: &Service<'_>, op: &Operation) -> OperationCode {
    let code = match svc.protocol {
        Protocol::Query | Protocol::Ec2 => query::operation_code(svc, op),
        Protocol::Json => json::operation_code(svc, op),
        Protocol::RpcV2Cbor => cbor::operation_code(svc, op),
        Protocol::RestJson => rest_json::operation_code(svc, op, svc.map_layout()),
        Protocol::RestXml => query::rest_xml_operation_code(svc, op),
    };
    OperationCode {
        build_request: extras::wrap(svc, op, code.build_request, code.build_request_fallible),
        build_request_fallible: true,
        parse_response: match checksums::response(svc, op) {
            Some(check) => {
                let parse = code.parse_response;
                quote!(#check #parse)
            }
            None => code.parse_response,
        },
        uses_input: code.uses_input,
    }
}

/// The path of `op`'s input event encoder (`ser_<op>_event`), if its input is an event
/// stream (restJson1 only: lowering leaves out the others).
pub fn ser_event_path(svc: &Service<'_>, op: &Operation) -> Option<TokenStream> {
    svc.input_stream(op)?;
    let layout = svc.map_layout();
    Some(json::layout::op_fn_path(
        svc,
        op,
        layout,
        &layout.op(&op.name).ser_event,
    ))
}

/// The path of `op`'s `initial-response` reader (`de_<op>_initial_response`: the stream's first
/// event into the output's other members), if its output has members besides its event stream
/// (awsJson and RPC v2 CBOR).
pub fn initial_response_path(svc: &Service<'_>, op: &Operation) -> Option<TokenStream> {
    if !event_stream::initial_members(svc, op) {
        return None;
    }
    let layout = svc.map_layout();
    Some(json::layout::op_fn_path(
        svc,
        op,
        layout,
        &layout.op(&op.name).de_initial,
    ))
}

/// The HTTP method of `op`'s requests: the RPC protocols always `POST`, REST protocols the
/// operation's own.
pub fn request_method<'o>(svc: &Service<'_>, op: &'o Operation) -> &'o str {
    match svc.protocol {
        Protocol::RestJson | Protocol::RestXml => &op.http.method,
        _ => "POST",
    }
}

/// `, ("x-amzn-query-mode", "true")` for the header list of an `awsQueryCompatible` service's
/// requests (awsJson and RPC v2 CBOR), else nothing.
pub(crate) fn query_mode_header(svc: &Service<'_>) -> Option<TokenStream> {
    svc.model
        .service
        .query_compatible
        .then(|| quote!(, ("x-amzn-query-mode", "true")))
}

/// The per-shape serializer and parser files of the service.
pub fn files(svc: &Service<'_>) -> Vec<RustFile> {
    match svc.protocol {
        Protocol::Query | Protocol::Ec2 | Protocol::RestXml => query::files(svc),
        Protocol::Json => json::files(svc),
        Protocol::RpcV2Cbor => cbor::files(svc),
        Protocol::RestJson => json::files(svc),
    }
}
