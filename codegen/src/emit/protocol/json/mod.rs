//! The awsJson 1.0/1.1 protocol emitter, and the per-shape serializers and parsers it shares
//! with the Smithy RPC v2 CBOR emitter (`../cbor`).
//!
//! Both protocols put a structure on the wire as a map keyed by member name, lists as arrays
//! and maps as maps; they differ in encoding (JSON text vs CBOR), in blobs (base64 vs byte
//! strings), in timestamps (epoch seconds by default, or the member's `timestampFormat`, vs
//! tag 1) and in the request line and headers. The runtime gives both encodings the same
//! reader and writer interface (`runtime/src/json.rs`, `runtime/src/cbor.rs`), so the
//! generated per-shape functions are the same code over a [`Dialect`]'s types:
//!
//! * [`layout`]: which functions exist and in which file under `src/<service>/protocol/`;
//! * [`ser`] / [`de`]: one serializer / parser per structure, union, list and map;
//! * [`ops`]: per operation, the input serializer, output parser and error dispatch.
//!
//! awsJson requests are `POST /` with `X-Amz-Target: <targetPrefix>.<Operation>` and
//! `Content-Type: application/x-amz-json-<jsonVersion>`; the body is the input object (`{}`
//! without input). Responses: 2xx is the output (an empty body reads as `{}`), anything else
//! an error whose code comes from `__type`, else `code`, else `X-Amzn-ErrorType`.

pub mod de;
pub mod layout;
pub mod ops;
pub mod ser;

use proc_macro2::TokenStream;
use quote::quote;

use super::OperationCode;
use crate::emit::{RustFile, Service};
use crate::ir::{Operation, ShapeKind};
use crate::naming;
use layout::{Layout, op_fn_path};

/// The encoding the shared per-shape functions are generated for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// awsJson: `crate::runtime::json`.
    Json,
    /// Smithy RPC v2 CBOR: `crate::runtime::cbor`.
    Cbor,
}

impl Dialect {
    /// The runtime module (`crate::runtime::json`).
    pub fn module(self) -> TokenStream {
        match self {
            Dialect::Json => quote!(crate::runtime::json),
            Dialect::Cbor => quote!(crate::runtime::cbor),
        }
    }

    /// The runtime module reading and writing documents.
    pub fn document_module(self) -> TokenStream {
        match self {
            Dialect::Json => quote!(crate::runtime::json_document),
            Dialect::Cbor => quote!(crate::runtime::cbor_document),
        }
    }

    /// The reader type, with an elided lifetime.
    pub fn reader(self) -> TokenStream {
        match self {
            Dialect::Json => quote!(crate::runtime::json::JsonReader<'_>),
            Dialect::Cbor => quote!(crate::runtime::cbor::CborReader<'_>),
        }
    }

    /// The writer type.
    pub fn writer(self) -> TokenStream {
        match self {
            Dialect::Json => quote!(crate::runtime::json::JsonWriter),
            Dialect::Cbor => quote!(crate::runtime::cbor::CborWriter),
        }
    }

    /// The encoder type, which generated structures implement `wire::Write` for.
    pub fn encoder(self) -> TokenStream {
        match self {
            Dialect::Json => quote!(crate::runtime::json::JsonEncoder),
            Dialect::Cbor => quote!(crate::runtime::cbor::CborEncoder),
        }
    }

    /// The decoder type (with the lifetime `'a`), which generated structures implement
    /// `wire::Read` for.
    pub fn decoder(self) -> TokenStream {
        match self {
            Dialect::Json => quote!(crate::runtime::json::JsonDecoder<'a>),
            Dialect::Cbor => quote!(crate::runtime::cbor::CborDecoder<'a>),
        }
    }

    /// The reader type with the lifetime `'a` (of `decoder`).
    pub fn reader_of_a(self) -> TokenStream {
        match self {
            Dialect::Json => quote!(crate::runtime::json::JsonReader<'a>),
            Dialect::Cbor => quote!(crate::runtime::cbor::CborReader<'a>),
        }
    }

    /// The reader's error type.
    pub fn error(self) -> TokenStream {
        match self {
            Dialect::Json => quote!(crate::runtime::json::JsonError),
            Dialect::Cbor => quote!(crate::runtime::cbor::CborError),
        }
    }
}

/// Protocol code of `op` (awsJson).
pub fn operation_code(svc: &Service<'_>, op: &Operation) -> OperationCode {
    let layout = svc.map_layout();
    let fns = layout.op(&op.name);
    let service = &svc.model.service;
    let target = match &service.target_prefix {
        Some(prefix) => format!("{prefix}.{}", op.name),
        None => op.name.clone(),
    };
    let path = &op.http.request_uri;
    let write_input = if op.modeled_input().is_some() {
        let ser = op_fn_path(svc, op, layout, &fns.ser_input);
        quote!(#ser(&mut w, input);)
    } else {
        quote! {
            let _ = input;
            w.begin_object();
            w.end_object();
        }
    };
    let request = if path == "/" {
        let root = svc.root();
        quote!(#root::protocol::request(#target, w.into_bytes()))
    } else {
        let headers = request_headers(svc, &quote!(#target));
        quote!(crate::runtime::operation::post_request(#path, #headers, w.into_bytes()))
    };
    let build_request = quote! {
        let mut w = crate::runtime::json::JsonWriter::new();
        #write_input
        #request
    };
    OperationCode {
        build_request,
        build_request_fallible: false,
        uses_input: true,
        parse_response: parse_response(svc, op, layout, Dialect::Json),
    }
}

/// An awsJson request's headers (`&[(name, value)]`): `Content-Type` of the service's JSON
/// version, `X-Amz-Target` the expression `target`, and the query-compatible mode header.
fn request_headers(svc: &Service<'_>, target: &TokenStream) -> TokenStream {
    let content_type = format!(
        "application/x-amz-json-{}",
        svc.model.service.json_version.as_deref().unwrap_or("1.0")
    );
    let query_mode = super::query_mode_header(svc);
    quote!(&[("content-type", #content_type), ("x-amz-target", #target) #query_mode])
}

/// The body of `parse_response`, for either dialect.
pub fn parse_response(
    svc: &Service<'_>,
    op: &Operation,
    layout: &Layout,
    dialect: Dialect,
) -> TokenStream {
    let fns = layout.op(&op.name);
    let runtime = dialect.module();
    let error =
        super::errors::error_call(svc, op, &op_fn_path(svc, op, layout, &fns.de_error), false);
    let de_output = ops::output_parser(svc, op);
    let start = match svc.output_stream(op) {
        // The body is the stream (its first message the `initial-response`).
        Some(stream) => {
            let (s, fields) = ops::io_members(svc, &op.output);
            let ty = ops::io_type(svc, op, &svc.names.operation(&op.name).output);
            let idents: Vec<_> = fields.iter().map(|f| naming::to_ident(f)).collect();
            let field = &fields[s
                .members
                .iter()
                .position(|m| m.name == stream.name)
                .unwrap_or_default()];
            let de_event = op_fn_path(svc, op, layout, &fns.de_event);
            let start = super::event_stream::start_output(
                &de_event,
                quote! {
                    #ty {
                        #(#idents: ::std::option::Option::None,)*
                        _request_id: ::std::option::Option::None,
                    }
                },
                field,
                Some(quote!(crate::runtime::ResponseError::Invalid)),
            );
            if super::event_stream::initial_members(svc, op) {
                // The other members come in the stream's first event, when it is among the
                // bytes given (the client reads it with `Operation::initial_response`).
                let de_initial = op_fn_path(svc, op, layout, &fns.de_initial);
                let field = naming::to_ident(field);
                quote! {{
                    let mut out = #start;
                    let initial = out
                        .#field
                        .as_mut()
                        .and_then(crate::runtime::event_receiver::Receiver::take_initial);
                    if let ::std::option::Option::Some(message) = initial {
                        #de_initial(status, &message.payload, &mut out)?;
                    }
                    out
                }}
            } else {
                start
            }
        }
        // `?`: `ResponseError::Invalid`.
        None => quote!(#runtime::parse_body(status, body, #de_output)?),
    };
    quote! {
        if !(200..300).contains(&status) {
            return ::std::result::Result::Err(#error);
        }
        let mut output = #start;
        output._request_id = #runtime::request_id(headers);
        ::std::result::Result::Ok(output)
    }
}

/// The files under `src/<service>/protocol/` (awsJson).
pub fn files(svc: &Service<'_>) -> Vec<RustFile> {
    shape_files(svc, Dialect::Json)
}

/// The files under `src/<service>/protocol/`, for either dialect: `mod.rs` and one file per
/// named type or operation with functions.
pub fn shape_files(svc: &Service<'_>, dialect: Dialect) -> Vec<RustFile> {
    let layout = svc.map_layout();
    let base = format!("src/{}/protocol", svc.module);
    // Serializers and parsers must touch deprecated members and types too.
    let uses_deprecated = uses_deprecated(svc);
    let allow_deprecated = uses_deprecated.then(|| quote!(#![allow(deprecated)]));
    let mut files = Vec::new();
    let mut decls = Vec::new();
    for (file, contents) in layout.files() {
        let mut items = TokenStream::new();
        if let Some(op) = &contents.operation {
            let op = svc
                .model
                .operation(op)
                .unwrap_or_else(|| unreachable!("operation `{op}` exists"));
            if svc.protocol == crate::ir::Protocol::RestJson {
                items.extend(super::rest_json::op_fns(svc, layout, op));
            } else {
                items.extend(ops::op_fns(svc, layout, dialect, op));
            }
        }
        for id in &contents.ser {
            items.extend(ser::shape_fn(svc, layout, dialect, id));
        }
        for id in &contents.de {
            items.extend(de::shape_fn(svc, layout, dialect, id));
        }
        let doc = format!(" Serializers and parsers of `{file}`.");
        files.push(RustFile {
            path: format!("{base}/{file}.rs"),
            source: svc.model.source.clone(),
            tokens: quote! {
                #![doc = #doc]
                #allow_deprecated
                #items
            },
        });
        let module = naming::to_ident(file);
        decls.push(quote!(pub(crate) mod #module;));
    }
    // No inner docs: the service root documents `mod protocol;` (inlining the module, as the
    // conformance build does, would otherwise mix inner and outer docs).
    let allow_deprecated_item = crate::emit::allow_deprecated(uses_deprecated);
    let rooted = svc
        .model
        .operations
        .iter()
        .any(|op| op.http.request_uri == "/");
    let request = (svc.protocol == crate::ir::Protocol::Json && rooted).then(|| {
        let headers = request_headers(svc, &quote!(target));
        quote! {
            /// A request of this service to `POST /`: its `X-Amz-Target` header `target` (the
            /// operation), and the JSON `body`.
            pub(crate) fn request(target: &'static str, body: ::std::vec::Vec<u8>) -> ::http::Request<::std::vec::Vec<u8>> {
                crate::runtime::operation::post_request("/", #headers, body)
            }
        }
    });
    let de_error = if svc.protocol == crate::ir::Protocol::RestJson {
        super::rest_json::service_de_error(svc, layout)
    } else {
        ops::service_de_error(svc, layout, dialect)
    };
    files.push(RustFile {
        path: format!("{base}/mod.rs"),
        source: svc.model.source.clone(),
        tokens: quote! {
            #(#decls)*
            #allow_deprecated_item
            #de_error
            #request
        },
    });
    files
}

/// Whether any shape or member of the model is deprecated.
fn uses_deprecated(svc: &Service<'_>) -> bool {
    svc.model.shapes.values().any(|shape| {
        shape.deprecated.is_some()
            || match &shape.kind {
                ShapeKind::Structure(s) | ShapeKind::Union(s) => s.has_deprecated_member(),
                _ => false,
            }
    })
}
