//! Unions: a Rust enum with one variant per member, plus `Unknown` for a member this version of
//! the crate does not know.

use proc_macro2::TokenStream;
use quote::quote;

use super::Service;
use super::docs::{Doc, code};
use crate::ir::{Shape, ShapeKind, Structure};
use crate::naming;

/// Emits the union `name`.
pub fn emit_union(svc: &Service<'_>, shape: &Shape, s: &Structure, name: &str) -> TokenStream {
    let ident = naming::to_ident(name);
    let variants: Vec<_> = svc
        .names
        .fields(&shape.id)
        .iter()
        .map(|v| naming::to_ident(v))
        .collect();
    let types: Vec<_> = s.members.iter().map(|m| svc.member_value_type(m)).collect();
    let wire: Vec<&str> = s.members.iter().map(|m| m.name.as_str()).collect();
    let docs: Vec<_> = s
        .members
        .iter()
        .map(|m| {
            let target = svc.model.shape(&m.target);
            Doc::from_html(m.docs.as_deref().or(target.docs.as_deref()), || {
                format!("The {} member.", code(&m.name))
            })
            .attrs()
        })
        .collect();
    let doc = Doc::from_html(shape.docs.as_deref(), || {
        format!(
            "The {} union: exactly one member is set.",
            code(shape.id.name())
        )
    })
    .attrs();
    // A variant holds its value as the model types it (as the AWS SDK's unions do): boxing
    // the large ones would change how every variant is built and matched, and an event, moved
    // once from the stream to the caller, would cost an allocation for nothing. Only a
    // structure or union variant can be large.
    let aggregate = s.members.iter().any(|m| {
        matches!(
            svc.model.shape(&m.target).kind,
            ShapeKind::Structure(_) | ShapeKind::Union(_)
        )
    });
    let allow_large = (shape.event_stream.is_some() || aggregate)
        .then(|| quote!(#[allow(clippy::large_enum_variant)]));
    quote! {
        #doc
        #allow_large
        #[derive(::std::clone::Clone, ::std::fmt::Debug, ::std::cmp::PartialEq)]
        #[cfg_attr(feature = "serde", derive(::serde::Serialize, ::serde::Deserialize))]
        #[non_exhaustive]
        pub enum #ident {
            #(
                #docs
                #[cfg_attr(feature = "serde", serde(rename = #wire))]
                #variants(#types),
            )*
            /// A member this version of the crate does not know (serde: botocore's
            /// `SDK_UNKNOWN_MEMBER`).
            #[cfg_attr(feature = "serde", serde(rename = "SDK_UNKNOWN_MEMBER"))]
            Unknown {
                /// The member's name on the wire.
                name: ::std::string::String,
            },
        }
    }
}
