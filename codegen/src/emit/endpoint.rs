//! `src/<svc>/endpoint.rs` (feature `client`): the service's endpoint rule set as a static
//! table (`runtime::endpoint::RuleSet`), which the client evaluates with the runtime's
//! evaluator. The table comes from the model's rule set (`endpoint-rule-set-1.json`, Smithy
//! `smithy.rules#endpointRuleSet`), else the standard regional one (`endpoints::standard`).

use quote::quote;

use super::docs::Doc;
use super::{RustFile, Service};
use crate::endpoints;

/// `src/<svc>/endpoint.rs`.
pub fn endpoint_file(svc: &Service<'_>) -> RustFile {
    let model = svc.model;
    let from = if model.service.endpoint_rules.is_some() {
        "the model's endpoint rule set"
    } else {
        "the standard regional endpoint rules (the model has no rule set)"
    };
    let module_doc = Doc::text(&format!(
        "The endpoint rules of the service (feature `client`), lowered from {from} into the \
         table the runtime evaluates (`runtime::endpoint`)."
    ))
    .inner_attrs();
    let table = match endpoints::for_service(&model.service, &svc.module) {
        Ok(table) => endpoints::tokens(&table),
        Err(e) => {
            let message = e.to_string();
            quote!(::std::compile_error!(#message))
        }
    };
    RustFile {
        path: format!("src/{}/endpoint.rs", svc.module),
        source: model.source.clone(),
        tokens: quote! {
            #module_doc

            use crate::runtime::endpoint as e;

            /// The rule set, for [`Client`](super::Client) (see `runtime::endpoint::RuleSet`).
            pub static RULES: e::RuleSet<'static> = #table;
        },
    }
}
