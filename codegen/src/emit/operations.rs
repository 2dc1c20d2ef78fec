//! One module per operation: its documentation, its input and output structures (synthesized
//! from the model's input and output shapes, so every operation has its own), and its error
//! enum.

use proc_macro2::TokenStream;
use quote::quote;

use super::Service;
use super::docs::{Doc, code};
use super::errors::emit_operation_error;
use super::protocol;
use super::structs::{StructSpec, emit_struct};
use crate::ir::{Operation, ShapeId, ShapeKind};
use crate::naming;

/// Emits the items of `op`'s module (module docs included, as inner attributes).
pub fn emit_operation(svc: &Service<'_>, op: &Operation) -> TokenStream {
    let names = svc.names.operation(&op.name);
    let doc = super::op_docs::operation_doc(svc, op);
    let module_doc = doc.inner_attrs();

    let input = io_struct(
        svc,
        &op.input,
        &names.input,
        &format!("The input of the {} operation.", code(&op.name)),
        Io::Input,
    );
    let output = io_struct(
        svc,
        &op.output,
        &names.output,
        &format!("The output of the {} operation.", code(&op.name)),
        Io::Output,
    );
    let error = emit_operation_error(svc, op);
    let operation = operation_struct(svc, op);
    let paginator = super::paginators::emit_paginator(svc, op);
    quote! {
        #module_doc
        #operation
        #input
        #output
        #error
        #paginator
    }
}

/// Which side of an operation a structure is: an output records the request id; an input's
/// builder is also the client's fluent call.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Io {
    Input,
    Output,
}

fn io_struct(svc: &Service<'_>, id: &ShapeId, name: &str, summary: &str, io: Io) -> TokenStream {
    let shape = svc.model.shape(id);
    let ShapeKind::Structure(structure) = &shape.kind else {
        unreachable!("operation I/O `{id}` was validated to be a structure")
    };
    let fields = svc.names.fields(id);
    let mut doc = Doc::text(summary);
    if let Some(html) = shape.docs.as_deref() {
        let model_doc = Doc::from_html(Some(html), String::new);
        doc = model_doc;
        doc.paragraph(summary);
    }
    emit_struct(
        svc,
        &StructSpec {
            shape,
            structure,
            fields,
            name: name.to_owned(),
            builder: naming::builder_name(name),
            doc,
            error_meta: false,
            request_id: io == Io::Output,
            client_handle: io == Io::Input,
        },
    )
}

/// The operation's unit struct: `build_request` and `parse_response` as inherent functions and
/// as the `runtime::Operation` implementation.
fn operation_struct(svc: &Service<'_>, op: &Operation) -> TokenStream {
    let names = svc.names.operation(&op.name);
    let ident = naming::to_ident(&names.operation);
    let input = naming::to_ident(&names.input);
    let output = naming::to_ident(&names.output);
    let error = naming::to_ident(&names.error);
    let code = protocol::operation_code(svc, op);
    // The request and response bindings (restJson1's, in the impl) touch deprecated members
    // of the input and output too.
    let deprecated = |id: &crate::ir::ShapeId| match &svc.model.shape(id).kind {
        ShapeKind::Structure(s) => s.has_deprecated_member(),
        _ => false,
    };
    let allow_deprecated = super::allow_deprecated(deprecated(&op.input) || deprecated(&op.output));
    let build = &code.build_request;
    let input_param = if code.uses_input {
        quote!(input)
    } else {
        quote!(_input)
    };
    let parse = &code.parse_response;
    let op_name = &op.name;
    let stream_items = svc.output_stream(op).map(|stream| {
        let (s, fields) = match &svc.model.shape(&op.output).kind {
            ShapeKind::Structure(s) => (s, svc.names.fields(&op.output)),
            _ => unreachable!("an output with a stream is a structure"),
        };
        let field = naming::to_ident(
            &fields[s
                .members
                .iter()
                .position(|m| m.name == stream.name)
                .unwrap_or_default()],
        );
        let initial = protocol::initial_response_path(svc, op).map(|de_initial| {
            initial_response(&quote!(#output), &quote!(#error), &field, &de_initial)
        });
        quote! {
            const EVENT_STREAM: bool = true;

            #initial

            fn attach_body(
                output: &mut #output,
                _headers: &::http::HeaderMap,
                body: ::std::boxed::Box<dyn crate::runtime::BodySource>,
            ) {
                if let ::std::option::Option::Some(stream) = &mut output.#field {
                    stream.attach(body);
                }
            }
        }
    });
    let streaming_input = svc.streaming_payload(&op.input).map(|field| {
        quote! {
            fn streaming_body(input: &#input) -> ::std::option::Option<&crate::runtime::ByteStream> {
                input.#field.as_ref()
            }
        }
    });
    let streaming_output = svc.streaming_payload(&op.output).map(|field| {
        let (headers, checked) = match protocol::streaming_checksum(op) {
            Some(checked) => (quote!(headers), quote!(let body = #checked;)),
            None => (quote!(_headers), TokenStream::new()),
        };
        quote! {
            const STREAMING_OUTPUT: bool = true;

            fn attach_body(
                output: &mut #output,
                #headers: &::http::HeaderMap,
                body: ::std::boxed::Box<dyn crate::runtime::BodySource>,
            ) {
                #checked
                output.#field = ::std::option::Option::Some(crate::runtime::ByteStream::from_boxed(body, ::std::option::Option::None));
            }
        }
    });
    let sender = protocol::ser_event_path(svc, op).map(|ser_event| {
        let stream = svc
            .input_stream(op)
            .unwrap_or_else(|| unreachable!("`{}` has an input event stream", op.name));
        let event = svc.type_path(&stream.target);
        let doc = format!(
            " The sender of this operation's input event stream (`{}`): each event becomes \
             the bytes of one frame of the request body, sent after the request head, the \
             events of the input first; [`end`](crate::runtime::event_sender::Sender::end) \
             closes it. Sign the request with `Signer::sign_event_stream` and give its result \
             to `Sender::signed` (feature `sigv4`) to sign each frame.",
            stream.name
        );
        quote! {
            #[doc = #doc]
            pub fn event_sender() -> crate::runtime::event_sender::Sender<#event> {
                crate::runtime::event_sender::Sender::new(#ser_event)
            }
        }
    });
    // Only the input event stream's sender is the operation's own; the rest is the trait's.
    let inherent = sender.map(|sender| {
        quote! {
            impl #ident {
                #sender
            }
        }
    });
    let parse_doc = if stream_items.is_some() {
        quote! {
            /// Parses the HTTP response (status, headers, and the start of the body, possibly
            /// empty) into the output, or the operation's error. The output's event stream
            /// takes the rest of the body: push it there (`Receiver::push`), or let the client
            /// read it.
        }
    } else {
        quote! {
            /// Parses the HTTP response (status, headers, body) into the output, or the
            /// operation's error.
        }
    };
    let doc = format!(
        " The {} operation: builds its HTTP request and parses its HTTP response \
         (see the [module documentation](self)).",
        super::docs::code(&op.name)
    );
    // Only where the model says so, so that signed operations' code is unchanged.
    let unsigned = op.unsigned.then(|| {
        quote!(
            const UNSIGNED: bool = true;
        )
    });
    quote! {
        #[doc = #doc]
        #[derive(::std::clone::Clone, ::std::marker::Copy, ::std::fmt::Debug, ::std::default::Default)]
        pub struct #ident;

        #inherent

        #allow_deprecated
        impl crate::runtime::Operation for #ident {
            type Input = #input;
            type Output = #output;
            type Error = #error;
            const NAME: &'static str = #op_name;
            #unsigned

            /// Builds the HTTP request for `input`: method, path, headers and body. Add the
            /// host and sign it before sending. An input that cannot be put into a request (an
            /// empty URI label, a header value HTTP does not allow, an invalid host label)
            /// gives an error naming the member.
            fn build_request(
                #input_param: &#input,
            ) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, crate::runtime::InvalidRequest> {
                #build
            }

            #parse_doc
            fn parse_response(
                status: u16,
                headers: &::http::HeaderMap,
                body: &[u8],
            ) -> ::std::result::Result<#output, crate::runtime::ResponseError<#error>> {
                #parse
            }

            #stream_items
            #streaming_input
            #streaming_output
        }
    }
}

/// `Operation::initial_response` of an operation whose output has members besides its event
/// stream (awsJson, RPC v2 CBOR): reads the body until the stream's first message is in and,
/// when it is the `initial-response` event, reads it into those members (`de_initial`).
fn initial_response(
    output: &TokenStream,
    error: &TokenStream,
    field: &proc_macro2::Ident,
    de_initial: &TokenStream,
) -> TokenStream {
    quote! {
        fn initial_response(
            output: &mut #output,
        ) -> crate::runtime::operation::InitialResponse<'_, #error> {
            ::std::boxed::Box::pin(async move {
                let ::std::option::Option::Some(stream) = output.#field.as_mut() else {
                    return ::std::result::Result::Ok(());
                };
                let status = stream.status();
                if let ::std::option::Option::Some(message) = stream.initial().await? {
                    #de_initial(status, &message.payload, output)
                        .map_err(crate::runtime::event_receiver::EventStreamError::Invalid)?;
                }
                ::std::result::Result::Ok(())
            })
        }
    }
}
