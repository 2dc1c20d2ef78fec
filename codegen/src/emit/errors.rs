//! Operation error enums (one variant per modeled error, plus `Unhandled`) and the `Display`
//! and `Error` implementations of error structures.

use proc_macro2::TokenStream;
use quote::quote;

use super::Service;
use super::docs::{Doc, code};
use crate::ir::{Operation, Scalar, ShapeId, ShapeKind};
use crate::naming;

/// Emits `<Op>Error` for `op`.
pub fn emit_operation_error(svc: &Service<'_>, op: &Operation) -> TokenStream {
    let names = svc.names.operation(&op.name);
    let error = naming::to_ident(&names.error);
    let variants: Vec<_> = names
        .error_variants
        .iter()
        .map(|(_, v)| naming::to_ident(v))
        .collect();
    let payloads: Vec<_> = names
        .error_variants
        .iter()
        .map(|(id, _)| {
            let path = svc.type_path(id);
            quote!(::std::boxed::Box<#path>)
        })
        .collect();
    let variant_docs: Vec<_> = names
        .error_variants
        .iter()
        .map(|(id, _)| {
            let shape = svc.model.shape(id);
            let mut doc = Doc::from_html(shape.docs.as_deref(), || {
                format!("The service answered with the error {}.", code(id.name()))
            });
            if let Some(info) = &shape.error {
                let status = info
                    .http_status
                    .map(|s| format!(", HTTP status {s}"))
                    .unwrap_or_default();
                doc.paragraph(&format!("Wire code {}{status}.", code(&info.code)));
            }
            doc.attrs()
        })
        .collect();
    // `is_<variant>()`, one per modeled error (named apart in case two variants snake-case
    // alike).
    let mut scope = naming::Scope::new();
    let checks: Vec<TokenStream> = names
        .error_variants
        .iter()
        .zip(&variants)
        .map(|((id, v), variant)| {
            let method = naming::to_ident(&scope.claim(format!(
                "is_{}",
                naming::field_name(v).trim_start_matches("r#")
            )));
            let doc = format!(" Whether this is the {} error.", code(id.name()));
            quote! {
                #[doc = #doc]
                pub fn #method(&self) -> bool {
                    ::std::matches!(self, Self::#variant(_))
                }
            }
        })
        .collect();
    let doc = format!(
        " The errors of the {} operation: one variant per error the model lists, and \
         `Unhandled` for any other code.",
        code(&op.name)
    );
    quote! {
        #[doc = #doc]
        ///
        /// Every variant carries the error's code, message, request id and HTTP status
        /// ([`meta`](Self::meta)); `Display` shows them. Payloads are boxed so that the
        /// error stays small in `Result`s.
        #[derive(::std::clone::Clone, ::std::fmt::Debug, ::std::cmp::PartialEq)]
        #[non_exhaustive]
        pub enum #error {
            #(
                #variant_docs
                #variants(#payloads),
            )*
            /// An error code the model does not list for this operation.
            Unhandled(crate::runtime::ErrorMetadata),
        }

        impl #error {
            /// Code, message, request id and HTTP status of the error response.
            pub fn meta(&self) -> &crate::runtime::ErrorMetadata {
                match self {
                    #(Self::#variants(error) => &error.meta,)*
                    Self::Unhandled(meta) => meta,
                }
            }

            /// The error code from the response.
            pub fn code(&self) -> &str {
                self.meta().code()
            }

            /// The error message from the response, if any.
            pub fn message(&self) -> ::std::option::Option<&str> {
                self.meta().message()
            }

            /// The request id from the response, if any.
            pub fn request_id(&self) -> ::std::option::Option<&str> {
                self.meta().request_id()
            }

            #(#checks)*
        }

        impl ::std::fmt::Display for #error {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(self.meta(), f)
            }
        }

        impl ::std::error::Error for #error {}
    }
}

/// `Display` and `Error` for the error structure `name`.
pub fn emit_error_struct_impls(name: &str) -> TokenStream {
    let ident = naming::to_ident(name);
    quote! {
        impl ::std::fmt::Display for #ident {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.meta, f)
            }
        }

        impl ::std::error::Error for #ident {}
    }
}

/// For an error structure `id` with a string member named `message` (any case): statements
/// that give it the envelope's message (`error.meta.message()`) when the body had none under the
/// member's own name, so that the member and the error's `message()` agree whatever spelling
/// the service used (`Message` in an awsJson or restJson1 body). Nothing for other structures.
/// `error` names the variable holding the error structure; run after its `meta` is set.
pub fn fill_message_member(
    svc: &Service<'_>,
    id: &ShapeId,
    error: &proc_macro2::Ident,
) -> TokenStream {
    let ShapeKind::Structure(st) = &svc.model.shape(id).kind else {
        return TokenStream::new();
    };
    let found = st.members.iter().zip(svc.names.fields(id)).find(|(m, _)| {
        m.name.eq_ignore_ascii_case("message")
            && !m.boxed
            && matches!(
                svc.model.shape(&m.target).kind,
                ShapeKind::Scalar(Scalar::String)
            )
    });
    match found {
        Some((_, field)) => {
            let field = naming::to_ident(field);
            quote!(#error.meta.fill_message(&mut #error.#field);)
        }
        None => TokenStream::new(),
    }
}
