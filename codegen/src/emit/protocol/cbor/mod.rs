//! The Smithy RPC v2 CBOR protocol emitter. The per-shape serializers and parsers are the
//! ones of the awsJson emitter, generated for [`Dialect::Cbor`]; this module adds the request
//! line and headers.
//!
//! Requests are `POST /service/<service>/operation/<Operation>` (the service name is the
//! model's `targetPrefix`), with `smithy-protocol: rpc-v2-cbor` and
//! `Accept: application/cbor`; with an input the body is its CBOR map and `Content-Type` is
//! `application/cbor`, without one the body is empty and there is no `Content-Type`.
//! Responses: 2xx is the output (an empty body reads as an empty map), anything else an error
//! whose code comes from `__type`.

use quote::quote;

use super::OperationCode;
use super::json::layout::op_fn_path;
use super::json::{Dialect, parse_response, shape_files};
use crate::emit::{RustFile, Service};
use crate::ir::Operation;

/// Protocol code of `op` (RPC v2 CBOR).
pub fn operation_code(svc: &Service<'_>, op: &Operation) -> OperationCode {
    let layout = svc.map_layout();
    let service = &svc.model.service;
    let service_name = service
        .target_prefix
        .clone()
        .or_else(|| service.service_id.as_ref().map(|id| id.replace(' ', "")))
        .unwrap_or_else(|| svc.module.clone());
    let path = format!("/service/{service_name}/operation/{}", op.name);
    let query_mode = super::query_mode_header(svc);
    let build_request = if op.modeled_input().is_some() {
        let ser = op_fn_path(svc, op, layout, &layout.op(&op.name).ser_input);
        quote! {
            let mut w = crate::runtime::cbor::CborWriter::new();
            #ser(&mut w, input);
            crate::runtime::operation::post_request(
                #path,
                &[
                    ("content-type", "application/cbor"),
                    ("accept", "application/cbor"),
                    ("smithy-protocol", "rpc-v2-cbor")
                    #query_mode
                ],
                w.into_bytes(),
            )
        }
    } else {
        quote! {
            let _ = input;
            crate::runtime::operation::post_request(
                #path,
                &[("accept", "application/cbor"), ("smithy-protocol", "rpc-v2-cbor") #query_mode],
                ::std::vec::Vec::new(),
            )
        }
    };
    OperationCode {
        build_request,
        build_request_fallible: false,
        uses_input: true,
        parse_response: parse_response(svc, op, layout, Dialect::Cbor),
    }
}

/// The files under `src/<service>/protocol/` (RPC v2 CBOR).
pub fn files(svc: &Service<'_>) -> Vec<RustFile> {
    shape_files(svc, Dialect::Cbor)
}
