//! restJson1: the JSON map codec (`json/`: the same per-shape serializers and parsers as
//! awsJson, keyed by `jsonName`) crossed with the HTTP binding (`http/`).
//!
//! Per operation, in its `build_request`: the whole request (the binding's URI and headers, and
//! as body either the payload member — a blob or string as is with its media type, a structure,
//! union or document as JSON, nothing when unset — or the document members as a JSON object
//! (`{}` when none is set), or no body when the input has no document member); in its
//! `parse_response`: the payload or the document, then the status code and headers bound into
//! the output; in its file under `protocol/`, where it has codes of its own, `de_<op>_error` (the code from `X-Amzn-ErrorType`, else the
//! body's `code`, else `__type`, sanitized; then the modeled error's document members and
//! headers).

use proc_macro2::TokenStream;
use quote::quote;

use super::OperationCode;
use super::http::{request, response};
use super::json::layout::{Layout, op_fn_path};
use super::json::{Dialect, ops};
use crate::emit::Service;
use crate::ir::{HttpLocation, Member, Operation, Scalar, ShapeKind};
use crate::naming;

/// Protocol code of `op`: its request built and its response read in place (`?` turns an
/// unreadable response into `ResponseError::Invalid`).
pub fn operation_code(svc: &Service<'_>, op: &Operation, layout: &Layout) -> OperationCode {
    let fns = layout.op(&op.name);
    let (input_members, _) = request::input_members(svc, op);
    let input_payload = input_members
        .iter()
        .find(|m| m.http == HttpLocation::Payload);
    let (output, fields) = ops::io_members(svc, &op.output);
    let response = de_response(svc, layout, op, &output.members, fields);
    let error =
        super::errors::error_call(svc, op, &op_fn_path(svc, op, layout, &fns.de_error), false);
    OperationCode {
        build_request: ser_request(svc, layout, op, input_payload),
        build_request_fallible: true,
        uses_input: !input_members.is_empty(),
        parse_response: quote! {
            if !(200..300).contains(&status) {
                return ::std::result::Result::Err(#error);
            }
            #response
        },
    }
}

/// The operation's functions in its file.
pub fn op_fns(svc: &Service<'_>, layout: &Layout, op: &Operation) -> TokenStream {
    let mut out = TokenStream::new();
    let (input_members, _) = request::input_members(svc, op);
    let input_payload = input_members
        .iter()
        .find(|m| m.http == HttpLocation::Payload);
    if input_payload.is_none() && input_members.iter().any(|m| m.http.is_body()) {
        out.extend(ops::ser_input(svc, layout, Dialect::Json, op));
    }
    if svc.input_stream(op).is_some() {
        out.extend(super::event_stream::ser_event(svc, layout, op));
    }
    let (output, _) = ops::io_members(svc, &op.output);
    let output_payload = output
        .members
        .iter()
        .find(|m| m.http == HttpLocation::Payload);
    if output_payload.is_none() && output.members.iter().any(|m| m.http.is_body()) {
        out.extend(ops::de_output(svc, layout, Dialect::Json, op));
    }
    if svc.output_stream(op).is_some() {
        out.extend(super::event_stream::json_de_event(
            svc,
            layout,
            Dialect::Json,
            op,
        ));
    }
    out.extend(de_error(svc, layout, op));
    out
}

/// The statements building the request of `op` from `input` (a `Result`).
fn ser_request(
    svc: &Service<'_>,
    layout: &Layout,
    op: &Operation,
    payload: Option<&Member>,
) -> TokenStream {
    let fns = layout.op(&op.name);
    let (members, fields) = request::input_members(svc, op);
    let body = match payload {
        Some(m) => {
            let field = naming::to_ident(
                &fields[members
                    .iter()
                    .position(|x| x.name == m.name)
                    .unwrap_or_default()],
            );
            payload_body(svc, m, quote!(input.#field))
        }
        None if members.iter().any(|m| m.http.is_body()) => {
            let ser = op_fn_path(svc, op, layout, &fns.ser_input);
            quote! {
                let mut w = crate::runtime::json::JsonWriter::new();
                #ser(&mut w, input);
                (w.into_bytes(), ::std::option::Option::Some("application/json"))
            }
        }
        None => quote!((::std::vec::Vec::new(), ::std::option::Option::None)),
    };
    request::build(svc, op, request::Body(body))
}

/// The body of a payload member held in `value` (an `Option`).
fn payload_body(svc: &Service<'_>, m: &Member, value: TokenStream) -> TokenStream {
    let media = m.media_type.as_deref();
    if svc.model.shape(&m.target).event_stream.is_some() {
        // The body is the stream of event frames, sent after the request head (the events in
        // the input go first, through the operation's sender).
        return quote! {{
            let _ = &#value;
            (::std::vec::Vec::new(), ::std::option::Option::Some("application/vnd.amazon.eventstream"))
        }};
    }
    let write = match &svc.model.shape(&m.target).kind {
        // In memory: the bytes; else no body here (the caller sends the stream).
        ShapeKind::Scalar(Scalar::Blob) if svc.model.shape(&m.target).streaming => {
            let media = media.unwrap_or("application/octet-stream");
            quote!(crate::runtime::byte_stream::payload(v, #media))
        }
        ShapeKind::Structure(_) | ShapeKind::Union(_) => {
            quote! {
                let mut w = crate::runtime::json::JsonWriter::new();
                crate::runtime::wire::Write::write(v, &mut w);
                (w.into_bytes(), ::std::option::Option::Some("application/json"))
            }
        }
        ShapeKind::Document => quote! {
            let mut w = crate::runtime::json::JsonWriter::new();
            crate::runtime::json_document::write(&mut w, v);
            (w.into_bytes(), ::std::option::Option::Some("application/json"))
        },
        ShapeKind::Scalar(Scalar::Blob) => {
            let media = media.unwrap_or("application/octet-stream");
            quote!((::std::borrow::ToOwned::to_owned(v.as_bytes()), ::std::option::Option::Some(#media)))
        }
        ShapeKind::Enum(_) => {
            let media = media.unwrap_or("text/plain");
            quote!((::std::borrow::ToOwned::to_owned(v.as_str().as_bytes()), ::std::option::Option::Some(#media)))
        }
        _ => {
            let media = media.unwrap_or("text/plain");
            quote!((::std::borrow::ToOwned::to_owned(v.as_bytes()), ::std::option::Option::Some(#media)))
        }
    };
    // Unset: a structure is `{}` (Smithy's `RestJsonHttpWithEmptyStructurePayload`), a blob
    // no bytes of its media type (botocore); anything else no body at all.
    let unset = match &svc.model.shape(&m.target).kind {
        ShapeKind::Structure(_) => quote! {
            (::std::borrow::ToOwned::to_owned(b"{}".as_slice()), ::std::option::Option::Some("application/json"))
        },
        ShapeKind::Scalar(Scalar::Blob) => {
            let media = media.unwrap_or("application/octet-stream");
            quote!((::std::vec::Vec::new(), ::std::option::Option::Some(#media)))
        }
        _ => quote!((::std::vec::Vec::new(), ::std::option::Option::None)),
    };
    quote! {
        match &#value {
            ::std::option::Option::Some(v) => { #write }
            ::std::option::Option::None => #unset,
        }
    }
}

/// The statements reading a success response of `op` (`status`, `headers`, `body`): body,
/// then status code and headers.
fn de_response(
    svc: &Service<'_>,
    layout: &Layout,
    op: &Operation,
    members: &[Member],
    fields: &[String],
) -> TokenStream {
    let names = svc.names.operation(&op.name);
    let ty = ops::io_type(svc, op, &names.output);
    let payload = members
        .iter()
        .zip(fields)
        .find(|(m, _)| m.http == HttpLocation::Payload);
    let idents: Vec<_> = fields.iter().map(|f| naming::to_ident(f)).collect();
    let empty = quote! {
        #ty {
            #(#idents: ::std::option::Option::None,)*
            _request_id: ::std::option::Option::None,
        }
    };
    let start = match payload {
        // No member in the body: whatever it holds is not read.
        None if !members.iter().any(|m| m.http.is_body()) => empty,
        None => {
            let de = ops::output_parser(svc, op);
            quote!(crate::runtime::json::parse_body(status, body, #de)?)
        }
        Some((m, field)) if svc.model.shape(&m.target).event_stream.is_some() => {
            let de_event = op_fn_path(svc, op, layout, &layout.op(&op.name).de_event);
            super::event_stream::start_output(&de_event, empty, field, None)
        }
        // A streaming blob is the whole body, even empty (the client attaches the live body).
        Some((m, field)) if svc.model.shape(&m.target).streaming => {
            let field = naming::to_ident(field);
            quote! {{
                let mut out = #empty;
                out.#field = ::std::option::Option::Some(crate::runtime::ByteStream::new(::std::borrow::ToOwned::to_owned(body)));
                out
            }}
        }
        Some((m, field)) => {
            let field = naming::to_ident(field);
            let read = payload_read(svc, layout, m);
            quote! {{
                let mut out = #empty;
                if !body.is_empty() {
                    out.#field = ::std::option::Option::Some(#read);
                }
                out
            }}
        }
    };
    let bind = response::bind(svc, members, fields);
    quote! {
        let mut out = #start;
        #bind
        out._request_id = crate::runtime::json::request_id(headers);
        ::std::result::Result::Ok(out)
    }
}

/// An expression reading the whole (non-empty) `body` as payload member `m`'s value, with `?`
/// for an `InvalidResponse`.
fn payload_read(svc: &Service<'_>, layout: &Layout, m: &Member) -> TokenStream {
    let read = match &svc.model.shape(&m.target).kind {
        ShapeKind::Structure(_) | ShapeKind::Union(_) => {
            let f = super::json::de::parse_fn(svc, layout, &m.target);
            quote!(crate::runtime::json::parse_body(status, body, #f)?)
        }
        ShapeKind::Document => {
            quote!(crate::runtime::json::parse_body(
                status,
                body,
                crate::runtime::json_document::read
            )?)
        }
        ShapeKind::Scalar(Scalar::Blob) => {
            quote!(crate::runtime::Blob::new(::std::borrow::ToOwned::to_owned(
                body
            )))
        }
        ShapeKind::Enum(_) => {
            let ty = svc.rust_type(&m.target);
            quote!(<#ty as ::std::convert::From<::std::string::String>>::from(
                crate::runtime::rest::body_text(status, body)?
            ))
        }
        _ => quote!(crate::runtime::rest::body_text(status, body)?),
    };
    if m.boxed {
        quote!(::std::boxed::Box::new(#read))
    } else {
        read
    }
}

fn de_error(svc: &Service<'_>, layout: &Layout, op: &Operation) -> TokenStream {
    let names = svc.names.operation(&op.name);
    let name = naming::to_ident(&layout.op(&op.name).de_error);
    let error_ty = ops::io_type(svc, op, &names.error);
    super::errors::operation_de_error(svc, op, &name, &error_ty, TokenStream::new())
}

/// The service's `de_error`: the envelope's metadata, then the error's document members and
/// the headers and status code it binds.
pub fn service_de_error(svc: &Service<'_>, layout: &Layout) -> TokenStream {
    let read = |id: &crate::ir::ShapeId, ctor: &TokenStream| {
        let shape = svc.model.shape(id);
        let parse = super::json::de::parse_fn(svc, layout, id);
        let fill = crate::emit::errors::fill_message_member(svc, id, &quote::format_ident!("out"));
        let bind = match &shape.kind {
            ShapeKind::Structure(s) if response::binds_any(&s.members) => {
                response::bind(svc, &s.members, svc.names.fields(id))
            }
            _ => TokenStream::new(),
        };
        if bind.is_empty() {
            quote! {
                crate::runtime::json::parse_body(status, body, #parse).map(|mut out| {
                    out.meta = meta;
                    #fill
                    #ctor(::std::boxed::Box::new(out))
                })
            }
        } else {
            quote! {
                crate::runtime::json::parse_body(status, body, #parse).and_then(|mut out| {
                    #bind
                    out.meta = meta;
                    #fill
                    ::std::result::Result::Ok(#ctor(::std::boxed::Box::new(out)))
                })
            }
        }
    };
    super::errors::service_de_error(
        svc,
        &super::errors::ErrorReader {
            meta: quote!(crate::runtime::json::rest_error_metadata(
                status, headers, body
            )),
            adjust: TokenStream::new(),
            read: &read,
        },
    )
}
