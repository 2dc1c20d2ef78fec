//! Output event streams: the parser of one message of an operation's stream (`de_<op>_event`,
//! in the operation's file), which the runtime's `event_receiver::Receiver` calls for each
//! decoded message.
//!
//! By `:message-type`: an `event` is the union variant its `:event-type` names (the member
//! name), read from the payload — the event structure's document in the operation's codec, or
//! its `eventpayload` member (raw bytes, text, or a structure's document) — with its
//! `eventheader` members read from the message's headers; `Unknown` for a type the model does
//! not know, and nothing for the RPC protocols' `initial-response`; an `exception` is the
//! operation's error variant of the modeled exception its `:exception-type` names (the
//! exception's document in the payload), `Unhandled` for any other; an `error` is `Unhandled`
//! with its `:error-code` and `:error-message`.
//!
//! The codec is an [`EventCodec`]: the JSON-family protocols' ([`JsonEvents`]) or restXml's
//! (in `query/rest_xml.rs`).

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::json::Dialect;
use super::json::layout::Layout;
use super::json::ops::io_type;
use crate::emit::Service;
use crate::ir::{EventBinding, Member, Model, Operation, Protocol, Scalar, ShapeId, ShapeKind};
use crate::naming;

/// What reading an operation's event stream needs of its codec.
pub trait EventCodec {
    /// An expression of type `Result<T, InvalidResponse>`: structure `id` (an event, an
    /// exception, or an event's structure payload) read from `message.payload` (`status` and
    /// `message` in scope); an empty payload is the structure with no member set.
    fn parse(&self, id: &ShapeId) -> TokenStream;
    /// An expression of type `Result<ErrorMetadata, InvalidResponse>`: the metadata of a
    /// non-empty exception payload (`status`, `kind` and `message` in scope).
    fn error_metadata(&self) -> TokenStream;
    /// The name of `op`'s `de_<op>_event`.
    fn function(&self, op: &Operation) -> Ident;
}

/// The JSON-family codecs (awsJson, restJson1, RPC v2 CBOR).
pub struct JsonEvents<'l, 's> {
    /// The service.
    pub svc: &'l Service<'s>,
    /// The service's layout of protocol functions.
    pub layout: &'l Layout,
    /// JSON or CBOR.
    pub dialect: Dialect,
}

impl EventCodec for JsonEvents<'_, '_> {
    fn parse(&self, id: &ShapeId) -> TokenStream {
        let runtime = self.dialect.module();
        let parse = super::json::de::parse_fn(self.svc, self.layout, id);
        quote!(#runtime::parse_body(status, &message.payload, #parse))
    }

    fn error_metadata(&self) -> TokenStream {
        let runtime = self.dialect.module();
        quote!(#runtime::error_metadata(status, &::http::HeaderMap::new(), &message.payload))
    }

    fn function(&self, op: &Operation) -> Ident {
        naming::to_ident(&self.layout.op(&op.name).de_event)
    }
}

/// `de_<op>_event` in a JSON-family codec.
pub fn json_de_event(
    svc: &Service<'_>,
    layout: &Layout,
    dialect: Dialect,
    op: &Operation,
) -> TokenStream {
    de_event(
        svc,
        &JsonEvents {
            svc,
            layout,
            dialect,
        },
        op,
    )
}

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

/// The shapes whose parsers the events of stream union `id` need: the event structures read
/// as documents, the structures of `eventpayload` members, and the exceptions.
pub fn parsed_shapes<'m>(model: &'m Model, id: &ShapeId) -> Vec<&'m ShapeId> {
    let shape = model.shape(id);
    let (ShapeKind::Union(u), Some(stream)) = (&shape.kind, &shape.event_stream) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for m in &u.members {
        let payload = match &model.shape(&m.target).kind {
            ShapeKind::Structure(s) => s
                .members
                .iter()
                .find(|m| m.event == Some(EventBinding::Payload)),
            _ => None,
        };
        match payload {
            None => out.push(&m.target),
            Some(pm) if matches!(model.shape(&pm.target).kind, ShapeKind::Structure(_)) => {
                out.push(&pm.target);
            }
            Some(_) => {}
        }
    }
    out.extend(stream.exceptions.iter().map(|m| &m.target));
    out
}

/// Statements setting the `eventheader` members of `value` (event structure `id`) from the
/// message's headers.
fn read_headers(svc: &Service<'_>, id: &ShapeId, value: &Ident) -> TokenStream {
    let ShapeKind::Structure(s) = &svc.model.shape(id).kind else {
        return TokenStream::new();
    };
    let header = quote!(crate::runtime::event_receiver::header);
    let invalid = quote!(crate::runtime::ResponseError::Invalid);
    s.members
        .iter()
        .zip(svc.names.fields(id))
        .filter(|(m, _)| m.event == Some(EventBinding::Header))
        .map(|(m, field)| {
            let field = naming::to_ident(field);
            let name = m.name.as_str();
            let read = match svc.model.shape(&m.target).kind {
                ShapeKind::Scalar(Scalar::Blob) => quote! {
                    #header::<::std::vec::Vec<u8>>(status, message, #name)
                        .map_err(#invalid)?
                        .map(crate::runtime::Blob::new)
                },
                _ => quote!(#header(status, message, #name).map_err(#invalid)?),
            };
            let read = if m.boxed {
                quote!(#read.map(::std::boxed::Box::new))
            } else {
                read
            };
            quote!(#value.#field = #read;)
        })
        .collect()
}

/// `de_<op>_event`: reads one message of `op`'s output stream.
pub fn de_event(svc: &Service<'_>, codec: &dyn EventCodec, op: &Operation) -> TokenStream {
    let stream = svc
        .output_stream(op)
        .unwrap_or_else(|| unreachable!("`{}` has an output event stream", op.name));
    let shape = svc.model.shape(&stream.target);
    let (ShapeKind::Union(u), Some(es)) = (&shape.kind, &shape.event_stream) else {
        unreachable!("event stream `{}` is a union", stream.target)
    };
    let names = svc.names.operation(&op.name);
    let error_ty = io_type(svc, op, &names.error);
    let event_ty = svc.type_path(&stream.target);
    let variants = svc.names.fields(&stream.target);
    let invalid = quote!(crate::runtime::ResponseError::Invalid);
    let event = quote::format_ident!("event");

    let event_arms = u.members.iter().zip(variants).map(|(m, variant)| {
        let variant = naming::to_ident(variant);
        let wire = m.name.as_str();
        let headers = read_headers(svc, &m.target, &event);
        let value = match payload_member(svc, m) {
            Some((pm, field)) => {
                let ty = svc.type_path(&m.target);
                let field = naming::to_ident(field);
                let read = match svc.model.shape(&pm.target).kind {
                    ShapeKind::Scalar(Scalar::String) => quote! {
                        ::std::string::String::from_utf8(::std::clone::Clone::clone(&message.payload))
                            .map_err(|_| #invalid(crate::runtime::InvalidResponse::new(
                                status,
                                ::std::concat!("event stream: the payload of event `", #wire, "` is not UTF-8"),
                            )))?
                    },
                    ShapeKind::Structure(_) => {
                        let parse = codec.parse(&pm.target);
                        quote!(#parse.map_err(#invalid)?)
                    }
                    _ => quote!(crate::runtime::Blob::new(::std::clone::Clone::clone(&message.payload))),
                };
                let read = if pm.boxed {
                    quote!(::std::boxed::Box::new(#read))
                } else {
                    read
                };
                let value = quote! {
                    #ty {
                        #field: ::std::option::Option::Some(#read),
                        ..::std::default::Default::default()
                    }
                };
                if headers.is_empty() {
                    value
                } else {
                    quote! {{
                        let mut #event = #value;
                        #headers
                        #event
                    }}
                }
            }
            None => {
                let parse = codec.parse(&m.target);
                if headers.is_empty() {
                    quote!(#parse.map_err(#invalid)?)
                } else {
                    quote! {{
                        let mut #event = #parse.map_err(#invalid)?;
                        #headers
                        #event
                    }}
                }
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
        let parse = codec.parse(&m.target);
        let fill = crate::emit::errors::fill_message_member(svc, &m.target, &quote::format_ident!("error"));
        Some(quote! {
            #wire => {
                let mut error = #parse.map_err(#invalid)?;
                error.meta = meta;
                #fill
                ::std::result::Result::Err(crate::runtime::ResponseError::Service(#error_ty::#variant(::std::boxed::Box::new(error))))
            }
        })
    }).collect();
    let service_error = svc.error_path();
    let unhandled = quote!(::std::result::Result::Err(crate::runtime::ResponseError::Service(#error_ty::Unhandled(#service_error::Unhandled(meta)))));
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
    let initial = (!matches!(svc.protocol, Protocol::RestJson | Protocol::RestXml)).then(
        || quote!("initial-response" => ::std::result::Result::Ok(::std::option::Option::None),),
    );
    let error_metadata = codec.error_metadata();
    let name = codec.function(op);
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
                    _ => ::std::result::Result::Ok(::std::option::Option::Some(#event_ty::Unknown {
                        name: ::std::borrow::ToOwned::to_owned(kind),
                    })),
                },
                crate::runtime::event_receiver::Kind::Exception(kind) => {
                    let meta = if message.payload.is_empty() {
                        crate::runtime::ErrorMetadata::new(kind, status)
                    } else {
                        #error_metadata
                            .map_err(#invalid)?
                            .with_code(kind)
                    };
                    #exception
                }
                crate::runtime::event_receiver::Kind::Error(meta) => #unhandled,
            }
        }
    }
}

/// The start of a success response of a stream operation: the output with its stream, fed
/// the bytes of `body` (the caller or client feeds the rest). `empty` is the output with every
/// field `None`; `field` the stream's field; `de_event` the path of the operation's
/// `de_<op>_event`; `map_err` turns an `InvalidResponse` into the caller's error type.
pub fn start_output(
    de_event: &TokenStream,
    empty: TokenStream,
    field: &str,
    map_err: Option<TokenStream>,
) -> TokenStream {
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

/// Whether `op`'s output has members besides its event stream: in awsJson and RPC v2 CBOR they
/// come in the stream's first event, `initial-response` (lowering leaves out REST outputs with
/// body members besides the stream).
pub fn initial_members(svc: &Service<'_>, op: &Operation) -> bool {
    if matches!(svc.protocol, Protocol::RestJson | Protocol::RestXml) {
        return false;
    }
    let Some(stream) = svc.output_stream(op) else {
        return false;
    };
    match &svc.model.shape(&op.output).kind {
        ShapeKind::Structure(s) => s.members.iter().any(|m| m.name != stream.name),
        _ => false,
    }
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
                quote! {
                    let mut w = crate::runtime::json::JsonWriter::new();
                    crate::runtime::wire::Write::write(event, &mut w);
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
                #event_ty::Unknown { .. } => {
                    return ::std::result::Result::Err(crate::runtime::InvalidRequest::new(
                        #member,
                        "the `Unknown` event cannot be sent",
                    ));
                }
            })
        }
    }
}
