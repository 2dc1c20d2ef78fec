//! The service's `Error` (a variant per error shape), operation error enums (one variant per
//! listed error, plus `Unhandled` holding any other) and the `Display` and `Error`
//! implementations of error structures.

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
        .map(|(id, _)| variant_doc(svc, id))
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
    let checks_impl = (!checks.is_empty()).then(|| {
        quote! {
            impl #error {
                #(#checks)*
            }
        }
    });
    let doc = format!(
        " The errors of the {} operation: one variant per error the model lists, and \
         `Unhandled` for any other error.",
        code(&op.name)
    );
    let service_error = svc.error_path();
    let from_body = if variants.is_empty() {
        quote!(Self::Unhandled(error))
    } else {
        let from = names
            .error_variants
            .iter()
            .map(|(id, _)| naming::to_ident(svc.names.service_error_variant(id)));
        quote! {
            use #service_error as Service;
            match error {
                #(Service::#from(e) => Self::#variants(e),)*
                e => Self::Unhandled(e),
            }
        }
    };
    quote! {
        #[doc = #doc]
        ///
        /// Every variant carries the error's code, message, request id and HTTP status
        /// (`meta()`, `code()`, `message()`, `request_id()` of the
        /// [`ProvideErrorMetadata`](crate::runtime::ProvideErrorMetadata) trait, as in the AWS
        /// SDK); `Display` shows them. Payloads are boxed so that the error stays small in
        /// `Result`s.
        #[derive(::std::clone::Clone, ::std::fmt::Debug, ::std::cmp::PartialEq)]
        #[non_exhaustive]
        pub enum #error {
            #(
                #variant_docs
                #variants(#payloads),
            )*
            /// An error the model does not list for this operation: another error of the service,
            /// read with its members (as botocore reads it), or an unknown code
            /// (`Error::Unhandled`).
            Unhandled(#service_error),
        }

        #checks_impl

        impl crate::runtime::ProvideErrorMetadata for #error {
            fn meta(&self) -> &crate::runtime::ErrorMetadata {
                match self {
                    #(Self::#variants(error) => &error.meta,)*
                    Self::Unhandled(error) => crate::runtime::ProvideErrorMetadata::meta(error),
                }
            }
        }

        impl ::std::fmt::Display for #error {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(crate::runtime::ProvideErrorMetadata::meta(self), f)
            }
        }

        impl ::std::error::Error for #error {}

        /// The service's error as this operation's: the errors it lists keep their variant,
        /// any other is `Unhandled`.
        impl ::std::convert::From<#service_error> for #error {
            fn from(error: #service_error) -> Self {
                #from_body
            }
        }
    }
}

/// The service's `Error`: a variant per error shape of the service, and `Unhandled` for a code
/// none of them has. Every error response reads into it first; an operation's error keeps the
/// variants it lists and holds any other as its `Unhandled`.
pub fn emit_service_error(svc: &Service<'_>) -> TokenStream {
    let errors = svc.names.service_errors();
    let variants: Vec<_> = errors.iter().map(|(_, v)| naming::to_ident(v)).collect();
    let payloads = errors.iter().map(|(id, _)| {
        let path = svc.type_path(id);
        quote!(::std::boxed::Box<#path>)
    });
    let variant_docs = errors.iter().map(|(id, _)| variant_doc(svc, id));
    let doc = format!(
        " Every error of {}: one variant per error shape of the model, and `Unhandled` for a \
         code none of them has.",
        svc.title()
    );
    quote! {
        #[doc = #doc]
        ///
        /// An operation's error (`<Operation>Error`) has the variants its operation lists; any
        /// other error of the service comes as its `Unhandled(Error)`, members read. Every
        /// variant carries the error's code, message, request id and HTTP status (the
        /// [`ProvideErrorMetadata`](crate::runtime::ProvideErrorMetadata) trait).
        #[derive(::std::clone::Clone, ::std::fmt::Debug, ::std::cmp::PartialEq)]
        #[non_exhaustive]
        pub enum Error {
            #(
                #variant_docs
                #variants(#payloads),
            )*
            /// An error code the model does not have.
            Unhandled(crate::runtime::ErrorMetadata),
        }

        impl crate::runtime::ProvideErrorMetadata for Error {
            fn meta(&self) -> &crate::runtime::ErrorMetadata {
                match self {
                    #(Self::#variants(error) => &error.meta,)*
                    Self::Unhandled(meta) => meta,
                }
            }
        }

        impl ::std::fmt::Display for Error {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(crate::runtime::ProvideErrorMetadata::meta(self), f)
            }
        }

        impl ::std::error::Error for Error {}
    }
}

/// The doc attributes of the error variant for error shape `id`: its documentation and its
/// wire code and HTTP status.
fn variant_doc(svc: &Service<'_>, id: &ShapeId) -> TokenStream {
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
