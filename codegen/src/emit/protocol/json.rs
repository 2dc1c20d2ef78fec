//! PLACEHOLDER (branch `protocols` only): the json protocol emitter.

use proc_macro2::TokenStream;
use quote::quote;

use super::OperationCode;
use crate::emit::{RustFile, Service};
use crate::ir::Operation;

/// Protocol code of `op`.
pub fn operation_code(_svc: &Service<'_>, _op: &Operation) -> OperationCode {
    OperationCode {
        build_request: quote!(::std::unimplemented!("json request for {:?}", input)),
        parse_response: quote!(::std::unimplemented!(
            "json response {} {:?} {:?}",
            status,
            headers,
            body
        )),
    }
}

/// Per-shape files.
pub fn files(_svc: &Service<'_>) -> Vec<RustFile> {
    let _: TokenStream = quote!();
    Vec::new()
}
