//! An operation's own protocol functions, in its file under `protocol/`: the input serializer,
//! the output parser and the error reader; and the service's error dispatch, which reads the
//! error envelope and then the members of the error its code names.

use proc_macro2::TokenStream;
use quote::quote;

use super::Dialect;
use super::layout::Layout;
use super::{de, ser};
use crate::emit::Service;
use crate::ir::{Operation, ShapeKind, Structure};
use crate::naming;

/// The operation's functions.
pub fn op_fns(svc: &Service<'_>, layout: &Layout, dialect: Dialect, op: &Operation) -> TokenStream {
    let mut out = TokenStream::new();
    if op.modeled_input().is_some() {
        out.extend(ser_input(svc, layout, dialect, op));
    }
    if svc.output_stream(op).is_some() {
        out.extend(crate::emit::protocol::event_stream::json_de_event(
            svc, layout, dialect, op,
        ));
        if crate::emit::protocol::event_stream::initial_members(svc, op) {
            out.extend(de_initial_response(svc, layout, dialect, op));
        }
    } else {
        out.extend(de_output(svc, layout, dialect, op));
    }
    out.extend(de_error(svc, layout, op));
    out
}

/// The members and field names of an operation's input or output structure.
pub fn io_members<'s>(
    svc: &'s Service<'_>,
    id: &crate::ir::ShapeId,
) -> (&'s Structure, &'s [String]) {
    match &svc.model.shape(id).kind {
        ShapeKind::Structure(s) => (s, svc.names.fields(id)),
        _ => unreachable!("operation I/O `{id}` was validated to be a structure"),
    }
}

pub fn io_type(svc: &Service<'_>, op: &Operation, name: &str) -> TokenStream {
    let root = svc.root();
    let module = naming::to_ident(&svc.names.operation(&op.name).module);
    let ty = naming::to_ident(name);
    quote!(#root::operation::#module::#ty)
}

pub fn ser_input(
    svc: &Service<'_>,
    layout: &Layout,
    dialect: Dialect,
    op: &Operation,
) -> TokenStream {
    let writer = dialect.writer();
    let name = naming::to_ident(&layout.op(&op.name).ser_input);
    let ty = io_type(svc, op, &svc.names.operation(&op.name).input);
    let (s, fields) = io_members(svc, &op.input);
    let param = ser::value_param(svc, s, true);
    let body = ser::struct_body(svc, layout, dialect, s, fields, true, &quote!(value));
    let doc = format!(" Writes the input of `{}`.", op.name);
    quote! {
        #[doc = #doc]
        pub(crate) fn #name(w: &mut #writer, #param: &#ty) {
            #body
        }
    }
}

pub fn de_output(
    svc: &Service<'_>,
    layout: &Layout,
    dialect: Dialect,
    op: &Operation,
) -> TokenStream {
    let error = dialect.error();
    let ty = io_type(svc, op, &svc.names.operation(&op.name).output);
    let (s, fields) = io_members(svc, &op.output);
    let body = de::struct_body(
        svc,
        layout,
        dialect,
        op.modeled_output().map_or("", |id| id.name()),
        s,
        fields,
        &quote!(Self),
        true,
    );
    let doc = format!(
        " Reads the output of `{}` (the members of its document).",
        op.name
    );
    let (decoder, reader) = (dialect.decoder(), dialect.reader_of_a());
    quote! {
        #[doc = #doc]
        impl<'a> crate::runtime::wire::Read<'a, #decoder> for #ty {
            fn read(r: &mut #reader) -> ::std::result::Result<Self, #error> {
                #body
            }
        }
    }
}

/// The function reading the document of `op`'s output (for `parse_body`).
pub fn output_parser(svc: &Service<'_>, op: &Operation) -> TokenStream {
    let ty = io_type(svc, op, &svc.names.operation(&op.name).output);
    quote!(crate::runtime::wire::read::<#ty, _>)
}

fn de_error(svc: &Service<'_>, layout: &Layout, op: &Operation) -> TokenStream {
    let names = svc.names.operation(&op.name);
    let name = naming::to_ident(&layout.op(&op.name).de_error);
    let error_ty = io_type(svc, op, &names.error);
    crate::emit::protocol::errors::operation_de_error(svc, op, &name, &error_ty, TokenStream::new())
}

/// The service's `de_error` (awsJson and RPC v2 CBOR): the envelope's metadata (an
/// awsQuery-compatible service's code from its header), then the members of the error its code
/// names.
pub fn service_de_error(svc: &Service<'_>, layout: &Layout, dialect: Dialect) -> TokenStream {
    let runtime = dialect.module();
    let read = |id: &crate::ir::ShapeId, ctor: &TokenStream| {
        let parse = de::parse_fn(svc, layout, id);
        let fill =
            crate::emit::errors::fill_message_member(svc, id, &quote::format_ident!("error"));
        quote! {
            #runtime::parse_body(status, body, #parse).map(|mut error| {
                error.meta = meta;
                #fill
                #ctor(::std::boxed::Box::new(error))
            })
        }
    };
    crate::emit::protocol::errors::service_de_error(
        svc,
        &crate::emit::protocol::errors::ErrorReader {
            meta: quote!(#runtime::error_metadata(status, headers, body)),
            adjust: if svc.model.service.query_compatible {
                quote!(let meta = crate::runtime::operation::query_compatible_error(meta, headers);)
            } else {
                TokenStream::new()
            },
            read: &read,
        },
    )
}

/// For an output with members besides its event stream: `de_<op>_output`, which reads those
/// members (the stream left `None`), and `de_<op>_initial_response`, which reads the payload of
/// the stream's `initial-response` event with it into an output.
fn de_initial_response(
    svc: &Service<'_>,
    layout: &Layout,
    dialect: Dialect,
    op: &Operation,
) -> TokenStream {
    let reader = dialect.reader();
    let error = dialect.error();
    let runtime = dialect.module();
    let fns = layout.op(&op.name);
    let de_output = naming::to_ident(&fns.de_output);
    let de_initial = naming::to_ident(&fns.de_initial);
    let ty = io_type(svc, op, &svc.names.operation(&op.name).output);
    let (s, fields) = io_members(svc, &op.output);
    let stream = svc
        .output_stream(op)
        .unwrap_or_else(|| unreachable!("`{}` has an output event stream", op.name));
    let (kept, kept_fields): (Vec<_>, Vec<String>) = s
        .members
        .iter()
        .zip(fields)
        .filter(|(m, _)| m.name != stream.name)
        .map(|(m, f)| (m.clone(), f.clone()))
        .unzip();
    let others = Structure { members: kept };
    let body = de::struct_body(
        svc,
        layout,
        dialect,
        op.modeled_output().map_or("", |id| id.name()),
        &others,
        &kept_fields,
        &ty,
        true,
    );
    let idents: Vec<_> = kept_fields.iter().map(|f| naming::to_ident(f)).collect();
    let doc = format!(
        " Reads the members of the output of `{}` besides its event stream.",
        op.name
    );
    let initial_doc = format!(
        " Reads the payload of the `initial-response` event of `{}`'s stream into `output`'s \
         members besides the stream.",
        op.name
    );
    quote! {
        #[doc = #doc]
        pub(crate) fn #de_output(r: &mut #reader) -> ::std::result::Result<#ty, #error> {
            #body
        }

        #[doc = #initial_doc]
        pub(crate) fn #de_initial(
            status: u16,
            payload: &[u8],
            output: &mut #ty,
        ) -> ::std::result::Result<(), crate::runtime::InvalidResponse> {
            let read = #runtime::parse_body(status, payload, #de_output)?;
            #(output.#idents = read.#idents;)*
            ::std::result::Result::Ok(())
        }
    }
}
