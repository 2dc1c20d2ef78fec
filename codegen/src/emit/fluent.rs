//! Fluent calls on the client (feature `client`): `client.copy_snapshot()` returns a
//! `CopySnapshotFluentBuilder` with the input builder's setters, and `send()` builds the input
//! (a missing required member is the call's error, `ErrorKind::InvalidInput`) and calls the
//! operation through the client's one call path (`Core::call_input`, which resolves the endpoint per
//! call for operations with endpoint parameters of their own). Each setter forwards to the
//! input builder's setter of the same name, whose docs carry the member's.

use proc_macro2::TokenStream;
use quote::quote;

use super::Service;
use super::docs::code;
use super::structs::setter_names;
use crate::ir::{Operation, ShapeKind};
use crate::naming;

/// The fluent builder of `op` (its type and methods), for the service's client file.
/// `method` is the client's method name for the operation.
pub fn fluent_builder(svc: &Service<'_>, op: &Operation) -> TokenStream {
    let names = svc.names.operation(&op.name);
    let root = svc.root();
    let module = naming::to_ident(&names.module);
    let path = quote!(#root::operation::#module);
    let operation = naming::to_ident(&names.operation);
    let input = naming::to_ident(&names.input);
    let input_builder = naming::to_ident(&naming::builder_name(&names.input));
    let output = naming::to_ident(&names.output);
    let error = naming::to_ident(&names.error);
    let fluent = naming::to_ident(&naming::fluent_builder_name(&names.operation));

    let (members, fields) = match &svc.model.shape(&op.input).kind {
        ShapeKind::Structure(s) => (s.members.as_slice(), svc.names.fields(&op.input)),
        _ => (&[][..], super::names::Names::no_fields()),
    };
    let (plain, setters) = setter_names(fields);
    // The fluent builder's own names: the builder's, kept clear of `send`.
    let mut scope = naming::Scope::with_reserved(&["send", "into_pages"]);
    let fluent_names: Vec<(String, String)> = plain
        .iter()
        .zip(&setters)
        .map(|(p, s)| (scope.claim(p.clone()), scope.claim(s.clone())))
        .collect();
    let builder_path = format!(
        "crate::{}::operation::{}::{}",
        svc.module,
        names.module,
        naming::builder_name(&names.input)
    );
    let mut methods = TokenStream::new();
    for (((member, plain), setter), (own_plain, own_setter)) in
        members.iter().zip(&plain).zip(&setters).zip(&fluent_names)
    {
        let plain_ident = naming::to_ident(plain);
        let setter_ident = naming::to_ident(setter);
        let own_plain = naming::to_ident(own_plain);
        let own_setter = naming::to_ident(own_setter);
        let field_ty = svc.field_type(member);
        let deprecated = member.deprecated.is_some().then(|| quote!(#[deprecated]));
        let shown = code(&member.name);
        let plain_doc =
            format!(" Sets {shown} (see [the member's docs]({builder_path}::{plain})).");
        let set_doc =
            format!(" Sets or clears {shown} (see [the member's docs]({builder_path}::{setter})).");
        let plain_method = match &svc.model.shape(&member.target).kind {
            ShapeKind::List(list) => {
                let item = svc.member_value_type(&list.member);
                quote! {
                    pub fn #own_plain(mut self, item: impl ::std::convert::Into<#item>) -> Self {
                        self.input = self.input.#plain_ident(item);
                        self
                    }
                }
            }
            ShapeKind::Map(map) => {
                let key = svc.member_value_type(&map.key);
                let value = svc.member_value_type(&map.value);
                quote! {
                    pub fn #own_plain(
                        mut self,
                        key: impl ::std::convert::Into<#key>,
                        value: impl ::std::convert::Into<#value>,
                    ) -> Self {
                        self.input = self.input.#plain_ident(key, value);
                        self
                    }
                }
            }
            _ => {
                let value = svc.rust_type(&member.target);
                quote! {
                    pub fn #own_plain(mut self, input: impl ::std::convert::Into<#value>) -> Self {
                        self.input = self.input.#plain_ident(input);
                        self
                    }
                }
            }
        };
        methods.extend(quote! {
            #[doc = #plain_doc]
            #deprecated
            #plain_method
            #[doc = #set_doc]
            #deprecated
            pub fn #own_setter(mut self, input: #field_ty) -> Self {
                self.input = self.input.#setter_ident(input);
                self
            }
        });
    }
    let has_required = members.iter().any(|m| m.required);
    let build = if has_required {
        quote! {
            self.input.build().map_err(|e| {
                crate::runtime::client::Error::invalid_input(
                    <#path::#operation as crate::runtime::Operation>::NAME,
                    e,
                )
            })?
        }
    } else {
        quote!(self.input.build())
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
    let allow_deprecated = members
        .iter()
        .any(|m| m.deprecated.is_some())
        .then(|| quote!(#[allow(deprecated)]));
    let doc = format!(
        " A call of {} being set up: set the input's members, then [`send`](Self::send). Made \
         by [`Client::{}`](super::Client::{}).",
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
            quote! {
                #[doc = #send_doc]
                pub async fn send(
                    self,
                ) -> ::std::result::Result<#path::#output, crate::runtime::client::Error<#path::#error>> {
                    let input: #path::#input = #build;
                    self.core.call_input::<Client, #path::#input>(&input).await
                }
            },
            None,
        ),
    };
    quote! {
        #[doc = #doc]
        #[derive(::std::clone::Clone, ::std::fmt::Debug)]
        pub struct #fluent {
            core: crate::runtime::client::Core,
            input: #path::#input_builder,
        }

        #allow_deprecated
        impl #fluent {
            #methods

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
