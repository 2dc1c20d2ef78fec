//! `src/<svc>/endpoint.rs` (feature `client`): the service's endpoint rule set as a static
//! table (`runtime::endpoint::RuleSet`), which the client evaluates with the runtime's
//! evaluator. The table comes from the model's rule set (`endpoint-rule-set-1.json`, Smithy
//! `smithy.rules#endpointRuleSet`), else the standard regional one (`endpoints::standard`).

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::docs::Doc;
use super::{RustFile, Service};
use crate::endpoints;
use crate::ir::{EndpointParamSource, Operation, ResolvedContextPath, Scalar, ShapeId, ShapeKind};
use crate::naming;

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

/// The endpoint parameters operation `op` sets, as a slice expression of
/// `(&'static str, runtime::endpoint::Value)` read from `input` (the operation's input value),
/// or `None` when it sets none the client can bind: constants (`staticContextParams`) and
/// top-level input members that are strings, enums, booleans or lists of strings
/// (`contextParam`), and the values `operationContextParams` paths reach (a string, or an
/// array of strings; an absent start leaves the parameter unset, as JMESPath gives null).
pub fn operation_params(svc: &Service<'_>, op: &Operation) -> Option<TokenStream> {
    let model = svc.model;
    let mut values = Vec::new();
    for param in &op.endpoint_params {
        let name = &param.name;
        let value = match &param.source {
            EndpointParamSource::Static(serde_json::Value::Bool(b)) => {
                quote!(crate::runtime::endpoint::Value::Bool(#b))
            }
            EndpointParamSource::Static(serde_json::Value::String(s)) => quote!(
                crate::runtime::endpoint::Value::Str(::std::borrow::Cow::Borrowed(#s))
            ),
            EndpointParamSource::Member(member) => {
                let input = &op.input;
                let ShapeKind::Structure(s) = &model.shape(input).kind else {
                    continue;
                };
                let Some(index) = s.members.iter().position(|m| &m.name == member) else {
                    continue;
                };
                let (Some(m), Some(field)) =
                    (s.members.get(index), svc.names.fields(input).get(index))
                else {
                    continue;
                };
                let field = naming::to_ident(field);
                match member_value(model, &m.target, &field) {
                    Some(tokens) => tokens,
                    None => continue,
                }
            }
            EndpointParamSource::Path(path) => {
                let input = &op.input;
                match path.resolve(&model.shapes, input) {
                    Ok(resolved) => path_value(svc, input, &resolved),
                    // Checked at lowering; nothing to bind otherwise.
                    Err(_) => continue,
                }
            }
            EndpointParamSource::Static(_) => continue,
        };
        values.push(quote!((#name, #value)));
    }
    (!values.is_empty()).then(|| quote!([#(#values),*]))
}

/// The rule-set value an `operationContextParams` path reaches from `input`.
fn path_value(
    svc: &Service<'_>,
    input: &ShapeId,
    resolved: &ResolvedContextPath<'_>,
) -> TokenStream {
    let v = quote!(crate::runtime::endpoint::Value);
    let str_value = |s: TokenStream| quote!(#v::Str(::std::borrow::Cow::Borrowed(#s)));
    let (s, s_as_str) = (str_value(quote!(s)), str_value(quote!(s.as_str())));
    let base = quote!(input);
    match resolved {
        ResolvedContextPath::String(chain) => {
            let get = chain_expr(svc, input, chain, &base);
            quote!(#get.map_or(#v::None, |s| #s))
        }
        ResolvedContextPath::StringList(chain) => {
            let get = chain_expr(svc, input, chain, &base);
            quote!(#get.map_or(#v::None, |items| #v::Array(
                items.iter().map(|s| #s_as_str).collect()
            )))
        }
        ResolvedContextPath::Keys(chain) => {
            let get = chain_expr(svc, input, chain, &base);
            quote!(#get.map_or(#v::None, |map| #v::Array(
                map.keys().map(|s| #s_as_str).collect()
            )))
        }
        ResolvedContextPath::Each(chain, select) => {
            let get = chain_expr(svc, input, chain, &base);
            let item_shape = match chain.last().map(|m| &svc.model.shape(&m.target).kind) {
                Some(ShapeKind::List(list)) => list.member.target.clone(),
                _ => unreachable!("resolved to a list"),
            };
            let item = quote!(item);
            let reads: Vec<TokenStream> = select
                .iter()
                .map(|path| {
                    if path.is_empty() {
                        quote!(::std::option::Option::Some(item.as_str()))
                    } else {
                        chain_expr(svc, &item_shape, path, &item)
                    }
                })
                .collect();
            let values = match reads.as_slice() {
                [one] => quote!(items.iter().filter_map(|item| #one)),
                many => quote!(items.iter().flat_map(|item| [#(#many),*]).flatten()),
            };
            quote!(#get.map_or(#v::None, |items| #v::Array(
                #values.map(|s| #s).collect()
            )))
        }
    }
}

/// An `Option<&T>` expression for the value `chain` (members, starting in structure `from`)
/// reaches from `base` (a `&` of that structure); `Option<&str>` when it ends at a string or
/// an enum.
fn chain_expr(
    svc: &Service<'_>,
    from: &ShapeId,
    chain: &[&crate::ir::Member],
    base: &TokenStream,
) -> TokenStream {
    let mut expr: Option<TokenStream> = None;
    let mut owner = from.clone();
    for member in chain {
        let ShapeKind::Structure(s) = &svc.model.shape(&owner).kind else {
            unreachable!("resolved through structures");
        };
        let index = s
            .members
            .iter()
            .position(|m| m.name == member.name)
            .expect("resolved member");
        let field = naming::to_ident(&svc.names.fields(&owner)[index]);
        let kind = &svc.model.shape(&member.target).kind;
        let get = if member.boxed || matches!(kind, ShapeKind::Scalar(Scalar::String)) {
            quote!(as_deref())
        } else {
            quote!(as_ref())
        };
        expr = Some(match expr {
            None => quote!(#base.#field.#get),
            Some(e) => quote!(#e.and_then(|v| v.#field.#get)),
        });
        owner = member.target.clone();
    }
    let expr = expr.expect("a path names at least one member");
    if matches!(svc.model.shape(&owner).kind, ShapeKind::Enum(_)) {
        quote!(#expr.map(|e| e.as_str()))
    } else {
        expr
    }
}

/// The value of `input.#field` (an `Option`) as a rule-set value, for the types parameters
/// have.
fn member_value(model: &crate::ir::Model, target: &ShapeId, field: &Ident) -> Option<TokenStream> {
    let v = quote!(crate::runtime::endpoint::Value);
    Some(match &model.shape(target).kind {
        ShapeKind::Scalar(Scalar::String) => quote!(
            input.#field.as_deref().map_or(#v::None, |s| #v::Str(::std::borrow::Cow::Borrowed(s)))
        ),
        ShapeKind::Enum(_) => quote!(
            input.#field.as_ref().map_or(#v::None, |e| #v::Str(::std::borrow::Cow::Borrowed(e.as_str())))
        ),
        ShapeKind::Scalar(Scalar::Boolean) => quote!(input.#field.map_or(#v::None, #v::Bool)),
        ShapeKind::List(list)
            if matches!(
                model.shape(&list.member.target).kind,
                ShapeKind::Scalar(Scalar::String)
            ) =>
        {
            quote!(
                input.#field.as_ref().map_or(#v::None, |items| #v::Array(
                    items.iter().map(|s| #v::Str(::std::borrow::Cow::Borrowed(s.as_str()))).collect()
                ))
            )
        }
        _ => return None,
    })
}
