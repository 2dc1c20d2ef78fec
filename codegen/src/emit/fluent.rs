//! Fluent calls on the client (feature `client`): `client.copy_snapshot()` returns a
//! `CopySnapshotFluentBuilder`, which is the input's builder holding the client's handle
//! (`CopySnapshotInputBuilder<Core>`): the same setters, written once, plus `send()`, which
//! builds the input (a missing required member is the call's error, `ErrorKind::InvalidInput`)
//! and calls the operation through the client's one call path (`Core::send`, then
//! `Core::call_input`, which
//! resolves the endpoint per call for operations with endpoint parameters of their own), and a
//! paginated operation's `into_pages()`.

use proc_macro2::TokenStream;
use quote::quote;

use super::Service;
use super::docs::code;
use crate::ir::{Operation, ShapeKind};
use crate::naming;

/// The fluent builder of `op` (its type and methods), for the service's client file.
/// `method` is the client's method name for the operation.
pub fn fluent_builder(svc: &Service<'_>, op: &Operation) -> TokenStream {
    let names = svc.names.operation(&op.name);
    let path = svc.operation_module(&op.name);
    let operation = naming::to_ident(&names.operation);
    let input = naming::to_ident(&names.input);
    let input_builder = naming::to_ident(&naming::builder_name(&names.input));
    let fluent = naming::to_ident(&naming::fluent_builder_name(&names.operation));

    let members = match &svc.model.shape(&op.input).kind {
        ShapeKind::Structure(s) => s.members.as_slice(),
        _ => &[][..],
    };
    let has_required = members.iter().any(|m| m.required);
    let build = if has_required {
        quote! {
            self.build().map_err(|e| {
                crate::runtime::client::Error::invalid_input(
                    <#path::#operation as crate::runtime::Operation>::NAME,
                    e,
                )
            })?
        }
    } else {
        quote!(self.build())
    };
    // Operations with endpoint parameters of their own (static context params, context-param
    // members) resolve their endpoint per call; the rest use the client's resolved endpoint.
    let endpoint_params = super::endpoint::operation_params(svc, op).map(|params| {
        // Constants alone (static context params) do not read the input.
        let from_input = op
            .endpoint_params
            .iter()
            .any(|p| !matches!(p.source, crate::ir::EndpointParamSource::Static(_)));
        let input = if from_input {
            quote!(let input = self;)
        } else {
            quote!(let _ = self;)
        };
        quote! {
            fn endpoint_params(
                &self,
            ) -> ::std::vec::Vec<(&'static str, crate::runtime::endpoint::Value<'_>)> {
                #input
                ::std::vec::Vec::from(#params)
            }
        }
    });
    let doc = format!(
        " A call of {} being set up: the input's builder holding the client; set the input's \
         members, then `send()`. Made by [`Client::{}`](super::Client::{}).",
        code(&op.name),
        client_method(&names.module),
        client_method(&names.module),
    );
    let send_doc = if has_required {
        " Builds the input and calls the operation; a required member that is not set is \
         [`ErrorKind::InvalidInput`](crate::runtime::client::ErrorKind::InvalidInput) and \
         nothing is sent."
    } else {
        " Builds the input and calls the operation."
    };
    let pages = super::paginators::fluent_pages(svc, op, has_required);
    // An operation with an input event stream sends its events over HTTP/2 (the client's
    // `duplex` call); `Client::call` refuses its input.
    let (send, duplex) = match super::client::duplex_send(svc, op, &build) {
        Some(send) => (
            send,
            Some(quote!(
                const DUPLEX: bool = true;
            )),
        ),
        None => (
            {
                let built = if has_required {
                    quote!(self.build())
                } else {
                    quote!(::std::result::Result::Ok(self.build()))
                };
                quote! {
                    #[doc = #send_doc]
                    pub async fn send(self) -> crate::runtime::client::SendResult<#path::#operation> {
                        self.client.clone().send::<Client, _>(#built).await
                    }
                }
            },
            None,
        ),
    };
    quote! {
        #[doc = #doc]
        pub type #fluent = #path::#input_builder<crate::runtime::client::Core>;

        impl #path::#input_builder<crate::runtime::client::Core> {
            #pages

            #send
        }

        impl crate::runtime::client::Input<Client> for #path::#input {
            type Operation = #path::#operation;
            #duplex
            #endpoint_params
        }
    }
}

/// The client's method for the operation whose module is `module`: the module name, or
/// `<module>_operation` when the client has a method of that name already.
pub fn client_method(module: &str) -> String {
    if super::client::RESERVED.contains(&module) {
        format!("{module}_operation")
    } else {
        module.to_owned()
    }
}
