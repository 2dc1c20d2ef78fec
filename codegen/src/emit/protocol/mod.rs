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
use quote::quote;

use super::{RustFile, Service};
use crate::ir::{Operation, Protocol, Scalar, ShapeKind};
use crate::naming;

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
        // The query serializer writes unset idempotency tokens and gzips by itself.
        Protocol::Query => query::operation_code(svc, op),
        Protocol::Json => with_request_extras(svc, op, json::operation_code(svc, op)),
        Protocol::RpcV2Cbor => with_request_extras(svc, op, cbor::operation_code(svc, op)),
        other => unreachable!("protocol `{other}` is rejected before emission"),
    }
}

/// Wraps a `build_request` body with what does not depend on the body's format: unset
/// idempotency tokens of the input get a fresh UUID (on a copy of the input, so only requests
/// that need one pay for it), and operations with `gzip` request compression compress the
/// body (`runtime::compression`, which skips bodies under botocore's threshold).
fn with_request_extras(
    svc: &Service<'_>,
    op: &Operation,
    mut code: OperationCode,
) -> OperationCode {
    let tokens: Vec<_> = match op.input.as_ref().map(|id| (id, &svc.model.shape(id).kind)) {
        Some((id, ShapeKind::Structure(s))) => s
            .members
            .iter()
            .zip(svc.names.fields(id))
            .filter(|(m, _)| {
                m.idempotency_token
                    && matches!(
                        svc.model.shape(&m.target).kind,
                        ShapeKind::Scalar(Scalar::String)
                    )
            })
            .map(|(_, f)| naming::to_ident(f))
            .collect(),
        _ => Vec::new(),
    };
    let gzip = op.request_compression.iter().any(|e| e == "gzip");
    if tokens.is_empty() && !gzip {
        return code;
    }
    let fill = (!tokens.is_empty()).then(|| {
        quote! {
            let filled;
            let input = if #(input.#tokens.is_none())||* {
                let mut copy = ::std::clone::Clone::clone(input);
                #(
                    if copy.#tokens.is_none() {
                        copy.#tokens = ::std::option::Option::Some(crate::runtime::idempotency::token());
                    }
                )*
                filled = copy;
                &filled
            } else {
                input
            };
        }
    });
    let body = &code.build_request;
    code.build_request = if gzip {
        quote! {
            #fill
            let mut request = { #body };
            crate::runtime::compression::gzip_request(&mut request);
            request
        }
    } else {
        quote!(#fill #body)
    };
    code
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
        Protocol::Query => query::files(svc),
        Protocol::Json => json::files(svc),
        Protocol::RpcV2Cbor => cbor::files(svc),
        other => unreachable!("protocol `{other}` is rejected before emission"),
    }
}
