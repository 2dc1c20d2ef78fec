//! awsQuery error responses: `de_<op>_error` reads the error envelope's metadata with the
//! runtime, maps the wire code to the operation's error variant through the model's error codes
//! (`error.code`, else the shape name: `InvalidSnapshotState` → `InvalidSnapshotStateFault`),
//! and fills the modeled members from the `<Error>` element. Unknown codes become `Unhandled`.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::{Plan, fn_name, ident};
use crate::ir::Operation;

/// `de_<op>_error`.
pub fn operation_error(plan: &Plan<'_, '_>, op: &Operation) -> TokenStream {
    let svc = plan.svc;
    let stem = plan.op_stem(op);
    let function = ident(&fn_name("de", stem, "_error"));
    let names = svc.names.operation(&op.name);
    let error_ty = {
        let module = plan.op_module(op);
        let error = ident(&names.error);
        quote!(#module::#error)
    };
    let mut codes = BTreeSet::new();
    let arms: Vec<TokenStream> = names
        .error_variants
        .iter()
        .filter_map(|(id, variant)| {
            let shape = svc.model.shape(id);
            let code = shape
                .error
                .as_ref()
                .map_or_else(|| id.name().to_owned(), |e| e.code.clone());
            if !codes.insert(code.clone()) {
                // Two errors with one code: the first in model order wins, as in botocore.
                return None;
            }
            let parse = plan.function(id, "de", "");
            let variant = ident(variant);
            Some(quote! {
                #code => crate::runtime::query::parse_error_members(body, #parse).map(|mut error| {
                    error.meta = meta;
                    #error_ty::#variant(::std::boxed::Box::new(error))
                }),
            })
        })
        .collect();
    let doc = format!(
        " Reads an error response of `{}` into its error; a body that cannot be read gives \
         `ResponseError::Invalid`.",
        op.name
    );
    if arms.is_empty() {
        return quote! {
            #[doc = #doc]
            pub(crate) fn #function(
                status: u16,
                headers: &::http::HeaderMap,
                body: &[u8],
            ) -> crate::runtime::ResponseError<#error_ty> {
                match crate::runtime::query::error_metadata(status, headers, body) {
                    ::std::result::Result::Ok(meta) => {
                        crate::runtime::ResponseError::Service(#error_ty::Unhandled(meta))
                    }
                    ::std::result::Result::Err(invalid) => {
                        crate::runtime::ResponseError::Invalid(invalid)
                    }
                }
            }
        };
    }
    quote! {
        #[doc = #doc]
        pub(crate) fn #function(
            status: u16,
            headers: &::http::HeaderMap,
            body: &[u8],
        ) -> crate::runtime::ResponseError<#error_ty> {
            let meta = match crate::runtime::query::error_metadata(status, headers, body) {
                ::std::result::Result::Ok(meta) => meta,
                ::std::result::Result::Err(invalid) => {
                    return crate::runtime::ResponseError::Invalid(invalid);
                }
            };
            let code = ::std::borrow::ToOwned::to_owned(meta.code());
            let error: ::std::result::Result<#error_ty, crate::runtime::xml::XmlError> = match code.as_str() {
                #(#arms)*
                _ => ::std::result::Result::Ok(#error_ty::Unhandled(meta)),
            };
            match error {
                ::std::result::Result::Ok(error) => crate::runtime::ResponseError::Service(error),
                ::std::result::Result::Err(e) => crate::runtime::ResponseError::Invalid(
                    crate::runtime::InvalidResponse::new(status, e.to_string()),
                ),
            }
        }
    }
}
