//! Output event streams: the parser of one message of an operation's stream (`de_<op>_event`,
//! in the operation's file), which the runtime's `event_receiver::Receiver` calls for each
//! decoded message.
//!
//! By `:message-type`: an `event` is the union variant its `:event-type` names (the member
//! name), read from the payload — the event structure's document in the operation's codec, or
//! the raw bytes or text of its `eventpayload` member —, `Unknown` for a type the model does
//! not know, and nothing for the RPC protocols' `initial-response`; an `exception` is the
//! operation's error variant of the modeled exception its `:exception-type` names (the
//! exception's document in the payload), `Unhandled` for any other; an `error` is `Unhandled`
//! with its `:error-code` and `:error-message`.
//!
//! The codec is a [`Dialect`] (the JSON-family protocols share one here); another codec
//! (restXml's) plugs in by giving the payload parser of a structure.

use proc_macro2::TokenStream;
use quote::quote;

use super::json::Dialect;
use super::json::layout::{Layout, fn_path};
use super::json::ops::io_type;
use crate::emit::Service;
use crate::ir::{EventBinding, Member, Operation, Protocol, Scalar, ShapeKind};
use crate::naming;

/// The payload member of event structure `m`'s target, with its field name, if it has one.
pub fn payload_member<'s>(svc: &'s Service<'_>, m: &Member) -> Option<(&'s Member, &'s str)> {
    let ShapeKind::Structure(s) = &svc.model.shape(&m.target).kind else {
        return None;
    };
    s.members
        .iter()
        .zip(svc.names.fields(&m.target))
        .find(|(m, _)| m.event == Some(EventBinding::Payload))
        .map(|(m, f)| (m, f.as_str()))
}

/// `de_<op>_event`: reads one message of `op`'s output stream.
pub fn de_event(
    svc: &Service<'_>,
    layout: &Layout,
    dialect: Dialect,
    op: &Operation,
) -> TokenStream {
    let stream = svc
        .output_stream(op)
        .unwrap_or_else(|| unreachable!("`{}` has an output event stream", op.name));
    let shape = svc.model.shape(&stream.target);
    let (ShapeKind::Union(u), Some(es)) = (&shape.kind, &shape.event_stream) else {
        unreachable!("event stream `{}` is a union", stream.target)
    };
    let runtime = dialect.module();
    let names = svc.names.operation(&op.name);
    let error_ty = io_type(svc, op, &names.error);
    let event_ty = svc.type_path(&stream.target);
    let variants = svc.names.fields(&stream.target);
    let invalid = quote!(crate::runtime::ResponseError::Invalid);

    let event_arms = u.members.iter().zip(variants).map(|(m, variant)| {
        let variant = naming::to_ident(variant);
        let wire = m.name.as_str();
        let value = match payload_member(svc, m) {
            Some((pm, field)) => {
                let ty = svc.type_path(&m.target);
                let field = naming::to_ident(field);
                let others: Vec<_> = svc
                    .names
                    .fields(&m.target)
                    .iter()
                    .filter(|f| f.as_str() != field.to_string().trim_start_matches("r#"))
                    .map(|f| naming::to_ident(f))
                    .collect();
                let read = match svc.model.shape(&pm.target).kind {
                    ShapeKind::Scalar(Scalar::String) => quote! {
                        ::std::string::String::from_utf8(::std::clone::Clone::clone(&message.payload))
                            .map_err(|_| #invalid(crate::runtime::InvalidResponse::new(
                                status,
                                ::std::concat!("event stream: the payload of event `", #wire, "` is not UTF-8"),
                            )))?
                    },
                    _ => quote!(crate::runtime::Blob::new(::std::clone::Clone::clone(&message.payload))),
                };
                quote! {
                    #ty {
                        #field: ::std::option::Option::Some(#read),
                        #(#others: ::std::option::Option::None,)*
                    }
                }
            }
            None => {
                let parse = fn_path(svc, layout.de(&m.target));
                quote!(#runtime::parse_body(status, &message.payload, #parse).map_err(#invalid)?)
            }
        };
        let value = if m.boxed {
            quote!(::std::boxed::Box::new(#value))
        } else {
            value
        };
        quote!(#wire => ::std::result::Result::Ok(::std::option::Option::Some(#event_ty::#variant(#value))),)
    });

    let exception_arms: Vec<TokenStream> = es.exceptions.iter().filter_map(|m| {
        let (_, variant) = names.error_variants.iter().find(|(id, _)| *id == m.target)?;
        let variant = naming::to_ident(variant);
        let wire = m.name.as_str();
        let parse = fn_path(svc, layout.de(&m.target));
        let fill = crate::emit::errors::fill_message_member(svc, &m.target, &quote::format_ident!("error"));
        Some(quote! {
            #wire => {
                let mut error = #runtime::parse_body(status, &message.payload, #parse).map_err(#invalid)?;
                error.meta = meta;
                #fill
                ::std::result::Result::Err(crate::runtime::ResponseError::Service(#error_ty::#variant(::std::boxed::Box::new(error))))
            }
        })
    }).collect();
    let unhandled = quote!(::std::result::Result::Err(crate::runtime::ResponseError::Service(#error_ty::Unhandled(meta))));
    let exception = if exception_arms.is_empty() {
        quote!({ let _ = kind; #unhandled })
    } else {
        quote! {
            match kind {
                #(#exception_arms)*
                _ => #unhandled,
            }
        }
    };
    let initial = (svc.protocol != Protocol::RestJson).then(
        || quote!("initial-response" => ::std::result::Result::Ok(::std::option::Option::None),),
    );
    let name = naming::to_ident(&layout.op(&op.name).de_event);
    let doc = format!(" Reads one message of the event stream of `{}`.", op.name);
    quote! {
        #[doc = #doc]
        pub(crate) fn #name(
            status: u16,
            message: &crate::runtime::event_stream::Message,
        ) -> ::std::result::Result<::std::option::Option<#event_ty>, crate::runtime::ResponseError<#error_ty>> {
            match crate::runtime::event_receiver::classify(status, message).map_err(#invalid)? {
                crate::runtime::event_receiver::Kind::Event(kind) => match kind {
                    #(#event_arms)*
                    #initial
                    _ => ::std::result::Result::Ok(::std::option::Option::Some(#event_ty::Unknown)),
                },
                crate::runtime::event_receiver::Kind::Exception(kind) => {
                    let meta = if message.payload.is_empty() {
                        crate::runtime::ErrorMetadata::new(kind, status)
                    } else {
                        #runtime::error_metadata(status, &::http::HeaderMap::new(), &message.payload)
                            .map_err(#invalid)?
                            .with_code(kind)
                    };
                    #exception
                }
                crate::runtime::event_receiver::Kind::Error(meta) => {
                    ::std::result::Result::Err(crate::runtime::ResponseError::Service(#error_ty::Unhandled(meta)))
                }
            }
        }
    }
}

/// The start of a success response of a stream operation: the output with its stream, fed
/// the bytes of `body` (the caller or client feeds the rest). `empty` is the output with every
/// field `None`; `field` the stream's field; `map_err` turns an `InvalidResponse` into the
/// caller's error type.
pub fn start_output(
    svc: &Service<'_>,
    layout: &Layout,
    op: &Operation,
    empty: TokenStream,
    field: &str,
    map_err: Option<TokenStream>,
) -> TokenStream {
    let de_event = super::json::layout::op_fn_path(svc, op, layout, &layout.op(&op.name).de_event);
    let field = naming::to_ident(field);
    let map_err = map_err.map(|f| quote!(.map_err(#f)));
    quote! {{
        let mut out = #empty;
        let mut stream = crate::runtime::event_receiver::Receiver::new(status, #de_event);
        stream.push(body)#map_err?;
        out.#field = ::std::option::Option::Some(stream);
        out
    }}
}

/// `ser_<op>_event`: the message of one event of `op`'s input stream (restJson1): the event
/// structure's JSON document (`application/json`), or the raw bytes (`application/octet-stream`)
/// or text (`text/plain`) of its `eventpayload` member; `Unknown` cannot be sent.
pub fn ser_event(svc: &Service<'_>, layout: &Layout, op: &Operation) -> TokenStream {
    let stream = svc
        .input_stream(op)
        .unwrap_or_else(|| unreachable!("`{}` has an input event stream", op.name));
    let ShapeKind::Union(u) = &svc.model.shape(&stream.target).kind else {
        unreachable!("event stream `{}` is a union", stream.target)
    };
    let event_ty = svc.type_path(&stream.target);
    let variants = svc.names.fields(&stream.target);
    let message = quote!(crate::runtime::event_sender::event_message);
    let arms = u.members.iter().zip(variants).map(|(m, variant)| {
        let variant = naming::to_ident(variant);
        let wire = m.name.as_str();
        let body = match payload_member(svc, m) {
            Some((pm, field)) => {
                let field = naming::to_ident(field);
                let (media, bytes) = match svc.model.shape(&pm.target).kind {
                    ShapeKind::Scalar(Scalar::String) => (
                        pm.media_type.as_deref().unwrap_or("text/plain"),
                        quote!(::std::borrow::ToOwned::to_owned(v.as_bytes())),
                    ),
                    _ => (
                        pm.media_type
                            .as_deref()
                            .unwrap_or("application/octet-stream"),
                        quote!(::std::borrow::ToOwned::to_owned(v.as_bytes())),
                    ),
                };
                quote! {
                    let payload = match &event.#field {
                        ::std::option::Option::Some(v) => #bytes,
                        ::std::option::Option::None => ::std::vec::Vec::new(),
                    };
                    #message(#wire, #media, payload)
                }
            }
            None => {
                let ser = fn_path(svc, layout.ser(&m.target));
                quote! {
                    let mut w = crate::runtime::json::JsonWriter::new();
                    #ser(&mut w, event);
                    #message(#wire, "application/json", w.into_bytes())
                }
            }
        };
        quote!(#event_ty::#variant(event) => { #body })
    });
    let member = stream.name.as_str();
    let name = naming::to_ident(&layout.op(&op.name).ser_event);
    let doc = format!(
        " The message of one event of the input stream of `{}`.",
        op.name
    );
    quote! {
        #[doc = #doc]
        pub(crate) fn #name(
            event: &#event_ty,
        ) -> ::std::result::Result<crate::runtime::event_stream::Message, crate::runtime::InvalidRequest> {
            ::std::result::Result::Ok(match event {
                #(#arms)*
                #event_ty::Unknown => {
                    return ::std::result::Result::Err(crate::runtime::InvalidRequest::new(
                        #member,
                        "the `Unknown` event cannot be sent",
                    ));
                }
            })
        }
    }
}
