//! restXml: this module's XML codec (parsers of [`super::de`], serializers of
//! [`super::xml_ser`]) crossed with the HTTP binding (`../http/`), as restJson1 crosses the
//! JSON codec with it.
//!
//! Per operation, in its file under `protocol/`: `ser_<op>_request` (the binding's URI and
//! headers; as body the payload member — a structure or union as its own root element, a blob
//! or string as is with its media type, nothing when unset — or the document members inside the
//! input's root element, nothing when none is set); `de_<op>_response` (the payload or the
//! document, then status code and headers bound into the output); `de_<op>_error` (the
//! `<ErrorResponse><Error>` envelope or the bare `<Error>` root S3-style services send, its code
//! mapped to the operation's modeled error by shape name or `error.code`, then the error's
//! members and headers).

use proc_macro2::TokenStream;
use quote::quote;

use super::super::OperationCode;
use super::super::event_stream;
use super::super::http::{request, response};
use super::xml_ser::{self, namespace};
use super::{Plan, de, fn_name, ident};
use crate::ir::{HttpLocation, Member, Operation, Protocol, Scalar, ShapeId, ShapeKind, Structure};

/// Calls of the operation's request and response functions.
pub fn operation_code(plan: &Plan<'_, '_>, op: &Operation) -> OperationCode {
    let stem = plan.op_stem(op);
    let ser_request = plan.path(stem, &fn_name("ser", stem, "_request"));
    let de_response = plan.path(stem, &fn_name("de", stem, "_response"));
    let error = super::errors::error_call(
        plan,
        op,
        &plan.path(stem, &fn_name("de", stem, "_error")),
        head_not_found(plan, op).is_some(),
    );
    // S3 may report a failure of these operations, which it answers only once done, with
    // status 200 and an `<Error>` document.
    let error_in_200 = (crate::ir::s3::is_s3(plan.svc.model)
        && matches!(
            op.name.as_str(),
            "CopyObject" | "CompleteMultipartUpload" | "UploadPartCopy"
        ))
    .then(|| quote!(|| crate::runtime::rest::is_error_document(body)));
    // S3's GetBucketLocation answers with the bare `<LocationConstraint>` element, not an
    // output document holding it: read it as the one member of such a document.
    let bare_member = (crate::ir::s3::is_s3(plan.svc.model) && op.name == "GetBucketLocation")
        .then(|| {
            quote! {
                let wrapped = crate::runtime::rest::wrap_document(body);
                let body: &[u8] = &wrapped;
            }
        });
    OperationCode {
        build_request: quote!(#ser_request(input)),
        build_request_fallible: true,
        uses_input: true,
        parse_response: quote! {
            if !(200..300).contains(&status) #error_in_200 {
                return ::std::result::Result::Err(#error);
            }
            #bare_member
            #de_response(status, headers, body).map_err(crate::runtime::ResponseError::Invalid)
        },
    }
}

/// The operation's functions: (request side, response side, error side).
pub fn op_fns(plan: &Plan<'_, '_>, op: &Operation) -> (TokenStream, TokenStream, TokenStream) {
    let mut de = de_response(plan, op);
    if plan.svc.output_stream(op).is_some() {
        de.extend(event_stream::de_event(plan.svc, &XmlEvents(plan), op));
    }
    (ser_request(plan, op), de, de_error(plan, op))
}

/// restXml's codec for event streams: each event, event payload or exception structure is
/// the XML document of the message's payload (its root element, whatever its name).
struct XmlEvents<'p, 's, 'm>(&'p Plan<'s, 'm>);

impl event_stream::EventCodec for XmlEvents<'_, '_, '_> {
    fn parse(&self, id: &ShapeId) -> TokenStream {
        let f = self.0.function(id, "de", "");
        quote!(crate::runtime::query::parse_event_payload(status, &message.payload, #f))
    }

    fn error_metadata(&self) -> TokenStream {
        // The exception's code is its `:exception-type`; its members (a message among them)
        // are read from the payload by the exception's parser.
        quote!(
            ::std::result::Result::<_, crate::runtime::InvalidResponse>::Ok(
                crate::runtime::ErrorMetadata::new(kind, status)
            )
        )
    }

    fn function(&self, op: &Operation) -> proc_macro2::Ident {
        let stem = self.0.op_stem(op);
        ident(&fn_name("de", stem, "_event"))
    }
}

fn io(plan: &Plan<'_, '_>, id: &crate::ir::ShapeId) -> (Structure, Vec<String>) {
    match &plan.svc.model.shape(id).kind {
        ShapeKind::Structure(s) => (s.clone(), plan.svc.names.fields(id).to_vec()),
        _ => (Structure::default(), Vec::new()),
    }
}

/// The root element of a payload member: the member's own name when the model gives one that
/// differs from the member name, else the target shape's own name (`locationName` on the
/// shape, Smithy `xmlName`), else the target shape's name; its namespace: the member's, else
/// the target's. (Smithy's rule. botocore's converted suites write a `locationName` equal to
/// the member name where Smithy has no `xmlName` on the member.)
fn payload_root<'m>(plan: &'m Plan<'_, '_>, m: &'m Member) -> (&'m str, TokenStream) {
    let target = plan.svc.model.shape(&m.target);
    let name = match m.wire_name_opt(Protocol::RestXml) {
        Some(name) if name != m.name => name,
        _ => target.xml_name.as_deref().unwrap_or(m.target.name()),
    };
    let ns = m
        .wire
        .xml_namespace
        .as_ref()
        .or(target.xml_namespace.as_ref());
    (name, namespace(ns))
}

/// The root element of the request document and its namespace: the input shape's own name
/// (`locationName` on the shape, Smithy `xmlName`), else the input reference's
/// `locationName`, else the input shape's name; the shape's namespace, else the reference's.
fn input_root<'m>(plan: &'m Plan<'_, '_>, op: &'m Operation) -> (&'m str, TokenStream) {
    let shape = op.modeled_input().map(|id| plan.svc.model.shape(id));
    let name = shape
        .and_then(|s| s.xml_name.as_deref())
        .or(op.input_xml_name.as_deref())
        .or(op.modeled_input().map(|id| id.name()))
        .unwrap_or_default();
    let ns = shape
        .and_then(|s| s.xml_namespace.as_ref())
        .or(op.input_xml_namespace.as_ref());
    (name, namespace(ns))
}

fn ser_request(plan: &Plan<'_, '_>, op: &Operation) -> TokenStream {
    let svc = plan.svc;
    let stem = plan.op_stem(op);
    let function = ident(&fn_name("ser", stem, "_request"));
    let names = svc.names.operation(&op.name);
    let module = plan.op_module(op);
    let input_ty = ident(&names.input);
    let ty = quote!(#module::#input_ty);
    let (members, fields) = request::input_members(svc, op);
    let payload = members
        .iter()
        .zip(fields)
        .find(|(m, _)| m.http == HttpLocation::Payload);
    let document: Vec<_> = members
        .iter()
        .zip(fields)
        .filter(|(m, _)| m.http.is_body())
        .collect();
    let mut extra = TokenStream::new();
    let body = match payload {
        Some((m, field)) => payload_body(plan, m, &ident(field)),
        None if !document.is_empty() => {
            let ser_input = ident(&fn_name("ser", stem, "_input"));
            let set = document.iter().map(|(_, f)| {
                let f = ident(f);
                quote!(input.#f.is_some())
            });
            let (root, ns) = input_root(plan, op);
            let (s, f) = io(plan, &op.input);
            let write = xml_ser::structure(plan, &s, &f);
            let allow = crate::emit::allow_deprecated(s.has_deprecated_member());
            let doc = format!(" Writes the request document of `{}`: `<{root}>`.", op.name);
            extra = quote! {
                #[doc = #doc]
                #allow
                pub(crate) fn #ser_input(w: &mut crate::runtime::xml_writer::XmlWriter, value: &#ty) {
                    let name = #root;
                    let namespaces: &[(&str, &str)] = #ns;
                    #write
                }
            };
            quote! {
                if #(#set)||* {
                    let mut w = crate::runtime::xml_writer::XmlWriter::new();
                    #ser_input(&mut w, input);
                    (w.into_bytes(), ::std::option::Option::Some("application/xml"))
                } else {
                    (::std::vec::Vec::new(), ::std::option::Option::None)
                }
            }
        }
        None => quote!((::std::vec::Vec::new(), ::std::option::Option::None)),
    };
    let statements = request::build(svc, op, request::Body(body));
    let param = if members.is_empty() {
        quote!(_input)
    } else {
        quote!(input)
    };
    let doc = format!(" Builds the HTTP request of `{}`.", op.name);
    quote! {
        #extra

        #[doc = #doc]
        pub(crate) fn #function(#param: &#ty) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, crate::runtime::InvalidRequest> {
            #statements
        }
    }
}

/// The body of a payload member `input.<field>`.
fn payload_body(plan: &Plan<'_, '_>, m: &Member, field: &proc_macro2::Ident) -> TokenStream {
    let svc = plan.svc;
    let media = m.media_type.as_deref();
    let write = match &svc.model.shape(&m.target).kind {
        // In memory: the bytes; else no body here (the caller sends the stream).
        ShapeKind::Scalar(Scalar::Blob) if svc.model.shape(&m.target).streaming => {
            let media = media.unwrap_or("application/octet-stream");
            quote!(crate::runtime::byte_stream::payload(v, #media))
        }
        ShapeKind::Structure(_) | ShapeKind::Union(_) => {
            let f = plan.function(&m.target, "ser", "");
            let (root, ns) = payload_root(plan, m);
            quote! {
                let mut w = crate::runtime::xml_writer::XmlWriter::new();
                #f(&mut w, v, #root, #ns);
                (w.into_bytes(), ::std::option::Option::Some("application/xml"))
            }
        }
        ShapeKind::Scalar(Scalar::Blob) => {
            let media = media.unwrap_or("application/octet-stream");
            quote!((::std::borrow::ToOwned::to_owned(v.as_bytes()), ::std::option::Option::Some(#media)))
        }
        ShapeKind::Enum(_) => {
            let media = media.unwrap_or("text/plain");
            quote!((::std::borrow::ToOwned::to_owned(v.as_str().as_bytes()), ::std::option::Option::Some(#media)))
        }
        ShapeKind::Scalar(Scalar::String) => {
            let media = media.unwrap_or("text/plain");
            quote!((::std::borrow::ToOwned::to_owned(v.as_bytes()), ::std::option::Option::Some(#media)))
        }
        // Lowering leaves only structures, unions, blobs and strings as payloads.
        _ => quote!({
            let _ = v;
            (::std::vec::Vec::new(), ::std::option::Option::None)
        }),
    };
    quote! {
        match &input.#field {
            ::std::option::Option::Some(v) => { #write }
            ::std::option::Option::None => (::std::vec::Vec::new(), ::std::option::Option::None),
        }
    }
}

fn de_response(plan: &Plan<'_, '_>, op: &Operation) -> TokenStream {
    let svc = plan.svc;
    let stem = plan.op_stem(op);
    let function = ident(&fn_name("de", stem, "_response"));
    let names = svc.names.operation(&op.name);
    let module = plan.op_module(op);
    let output_ty = ident(&names.output);
    let ty = quote!(#module::#output_ty);
    let (s, fields) = io(plan, &op.output);
    let idents: Vec<_> = fields.iter().map(|f| ident(f)).collect();
    let empty = quote! {
        #ty {
            #(#idents: ::std::option::Option::None,)*
            _request_id: ::std::option::Option::None,
        }
    };
    let payload = s
        .members
        .iter()
        .zip(&fields)
        .find(|(m, _)| m.http == HttpLocation::Payload);
    let mut extra = TokenStream::new();
    let start = match payload {
        Some((m, field)) if svc.model.shape(&m.target).event_stream.is_some() => {
            let de_event = plan.path(stem, &fn_name("de", stem, "_event"));
            event_stream::start_output(&de_event, empty, field, None)
        }
        // A streaming blob is the whole body, even empty (the client attaches the live body).
        Some((m, field)) if svc.model.shape(&m.target).streaming => {
            let field = ident(field);
            quote! {{
                let mut out = #empty;
                out.#field = ::std::option::Option::Some(crate::runtime::ByteStream::new(::std::borrow::ToOwned::to_owned(body)));
                out
            }}
        }
        Some((m, field)) => {
            let field = ident(field);
            let read = payload_read(plan, m);
            quote! {{
                let mut out = #empty;
                if !body.is_empty() {
                    out.#field = #read;
                }
                out
            }}
        }
        None if s.members.iter().any(|m| plan.in_document(m, false)) => {
            let result_fn = ident(&fn_name("de", stem, "_result"));
            let doc = format!(" Reads the response document of `{}`.", op.name);
            let name = op.modeled_output().map_or("", |id| id.name());
            extra = de::struct_parser(plan, &result_fn, &ty, name, &s, &fields, false, false, &doc);
            quote! {
                crate::runtime::query::parse_document(status, body, #result_fn)?.unwrap_or_default()
            }
        }
        None => empty,
    };
    let bind = response::bind(svc, &s.members, &fields);
    let doc = format!(
        " Reads a success response of `{}`: body, then status code and headers.",
        op.name
    );
    let allow = crate::emit::allow_deprecated(s.has_deprecated_member());
    quote! {
        #extra

        #[doc = #doc]
        // Which of the response's parts are read depends on the output's bindings.
        #[allow(unused_variables)]
        #allow
        pub(crate) fn #function(
            status: u16,
            headers: &::http::HeaderMap,
            body: &[u8],
        ) -> ::std::result::Result<#ty, crate::runtime::InvalidResponse> {
            let mut out = #start;
            #bind
            out._request_id = crate::runtime::query::header_request_id(headers);
            ::std::result::Result::Ok(out)
        }
    }
}

/// An expression reading the whole (non-empty) `body` as payload member `m`'s value (an
/// `Option`: a blank XML document is no value), with `?` for an `InvalidResponse`.
fn payload_read(plan: &Plan<'_, '_>, m: &Member) -> TokenStream {
    let svc = plan.svc;
    let read = match &svc.model.shape(&m.target).kind {
        ShapeKind::Structure(_) | ShapeKind::Union(_) => {
            let f = plan.function(&m.target, "de", "");
            let boxed = m.boxed.then(|| quote!(.map(::std::boxed::Box::new)));
            return quote!(crate::runtime::query::parse_document(status, body, #f)? #boxed);
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
    let read = if m.boxed {
        quote!(::std::boxed::Box::new(#read))
    } else {
        read
    };
    quote!(::std::option::Option::Some(#read))
}

fn de_error(plan: &Plan<'_, '_>, op: &Operation) -> TokenStream {
    let prelude = head_not_found(plan, op)
        .map(|code| {
            let text = format!("<Error><Code>{code}</Code><Message>Not Found</Message></Error>");
            quote! {
                // S3 answers a HEAD request for a missing key or bucket with 404 and no body: the
                // operation's not-found error.
                let body: &[u8] = if status == 404 && body.trim_ascii().is_empty() {
                    #text.as_bytes()
                } else {
                    body
                };
            }
        })
        .unwrap_or_default();
    super::errors::operation_error(plan, op, prelude)
}

/// The service's `de_error` (restXml): the envelope's metadata (`<ErrorResponse><Error>` or a
/// bare `<Error>`), then the error's members and the headers and status code it binds.
pub fn service_error(plan: &Plan<'_, '_>) -> TokenStream {
    let svc = plan.svc;
    let read = |id: &crate::ir::ShapeId, ctor: &TokenStream| {
        let shape = svc.model.shape(id);
        let parse = plan.function(id, "de", "");
        let bind = match &shape.kind {
            ShapeKind::Structure(s) if response::binds_any(&s.members) => {
                response::bind(svc, &s.members, svc.names.fields(id))
            }
            _ => TokenStream::new(),
        };
        let parsed = quote! {
            crate::runtime::query::parse_error_members(body, #parse)
                .map_err(|e| crate::runtime::InvalidResponse::new(status, e.to_string()))
        };
        if bind.is_empty() {
            quote! {
                #parsed.map(|mut out| {
                    out.meta = meta;
                    #ctor(::std::boxed::Box::new(out))
                })
            }
        } else {
            quote! {
                #parsed.and_then(|mut out| {
                    #bind
                    out.meta = meta;
                    ::std::result::Result::Ok(#ctor(::std::boxed::Box::new(out)))
                })
            }
        }
    };
    super::super::errors::service_de_error(
        svc,
        &super::super::errors::ErrorReader {
            meta: quote!(crate::runtime::query::error_metadata(status, headers, body)),
            adjust: TokenStream::new(),
            read: &read,
        },
    )
}

/// S3's `HEAD` operations whose one modeled error is `NoSuchKey` or `NoSuchBucket` (HeadObject,
/// HeadBucket): the code a bodiless 404 stands for.
fn head_not_found(plan: &Plan<'_, '_>, op: &Operation) -> Option<&'static str> {
    if op.http.method != "HEAD" || !crate::ir::s3::is_s3(plan.svc.model) {
        return None;
    }
    match &op.errors[..] {
        [only] if only.name() == "NoSuchKey" => Some("NoSuchKey"),
        [only] if only.name() == "NoSuchBucket" => Some("NoSuchBucket"),
        _ => None,
    }
}
