//! awsQuery and ec2 error responses: the service's `de_error` reads the error envelope's metadata
//! with the runtime, maps the wire code to the error it names through the model's error codes
//! (`error.code`, else the shape name: `InvalidSnapshotState` → `InvalidSnapshotStateFault`),
//! and fills its members from the `<Error>` element; `de_<op>_error` keeps the operation's own.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Plan, fn_name, ident};
use crate::ir::{Operation, ShapeId};

/// `de_<op>_error` (awsQuery, ec2 and restXml), when the operation needs one of its own.
/// restXml's `prelude` reads a bodiless `HEAD` 404.
pub fn operation_error(plan: &Plan<'_, '_>, op: &Operation, prelude: TokenStream) -> TokenStream {
    let stem = plan.op_stem(op);
    let function = ident(&fn_name("de", stem, "_error"));
    super::super::errors::operation_de_error(plan.svc, op, &function, &error_ty(plan, op), prelude)
}

/// The expression reading an error response of `op` (`function`: the path of its
/// `de_<op>_error`, called when it has one; `has_prelude`: restXml's `HEAD` 404).
pub fn error_call(
    plan: &Plan<'_, '_>,
    op: &Operation,
    function: &TokenStream,
    has_prelude: bool,
) -> TokenStream {
    super::super::errors::error_call(plan.svc, op, function, has_prelude)
}

fn error_ty(plan: &Plan<'_, '_>, op: &Operation) -> TokenStream {
    let module = plan.op_module(op);
    let error = ident(&plan.svc.names.operation(&op.name).error);
    quote!(#module::#error)
}

/// The service's `de_error` (awsQuery and ec2).
pub fn service_error(plan: &Plan<'_, '_>) -> TokenStream {
    let read = |id: &ShapeId, ctor: &TokenStream| {
        let parse = plan.function(id, "de", "");
        quote! {
            crate::runtime::query::parse_error_members(body, #parse)
                .map(|mut error| {
                    error.meta = meta;
                    #ctor(::std::boxed::Box::new(error))
                })
                .map_err(|e| crate::runtime::InvalidResponse::new(status, e.to_string()))
        }
    };
    super::super::errors::service_de_error(
        plan.svc,
        &super::super::errors::ErrorReader {
            meta: quote!(crate::runtime::query::error_metadata(status, headers, body)),
            adjust: TokenStream::new(),
            read: &read,
        },
    )
}
