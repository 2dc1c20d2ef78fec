//! Serializers: for each structure and union an operation input reaches, its
//! `runtime::wire::Write` impl for the dialect's encoder (`JsonEncoder` / `CborEncoder`); for a
//! list or map whose items do not write themselves (timestamps, blobs, enums, …), a function.
//! A member whose value writes itself is one `w.field` call; other scalars are written inline.

use proc_macro2::TokenStream;
use quote::quote;

use super::Dialect;
use super::layout::{Layout, fn_path};
use crate::emit::Service;
use crate::ir::{Member, Protocol, Scalar, ShapeId, ShapeKind, Structure, TimestampFormat};
use crate::naming;

/// The serializer of shape `id`: for a structure or union, its `wire::Write` impl; for a list
/// or map that does not write itself ([`writable`]), a function.
pub fn shape_fn(svc: &Service<'_>, layout: &Layout, dialect: Dialect, id: &ShapeId) -> TokenStream {
    let writer = dialect.writer();
    let encoder = dialect.encoder();
    let shape = svc.model.shape(id);
    let doc = format!(" Writes a `{}`.", id.name());
    match &shape.kind {
        ShapeKind::Structure(s) => {
            let ty = svc.type_path(id);
            let fields = svc.names.fields(id);
            let body = struct_body(svc, layout, dialect, s, fields, false, &quote!(self));
            quote! {
                #[doc = #doc]
                impl crate::runtime::wire::Write<#encoder> for #ty {
                    fn write(&self, w: &mut #writer) {
                        #body
                    }
                }
            }
        }
        ShapeKind::Union(s) => {
            let ty = svc.type_path(id);
            let arms = s.members.iter().zip(svc.names.fields(id)).map(|(m, v)| {
                let variant = naming::to_ident(v);
                let key = wire_name(svc, m);
                if writable(svc, &m.target) {
                    return quote!(#ty::#variant(v) => w.member(#key, v),);
                }
                let write = write_value(svc, layout, dialect, m, &quote!(v));
                quote! {
                    #ty::#variant(v) => {
                        w.key(#key);
                        #write
                    }
                }
            });
            quote! {
                #[doc = #doc]
                impl crate::runtime::wire::Write<#encoder> for #ty {
                    fn write(&self, w: &mut #writer) {
                        w.begin_object();
                        match self {
                            #(#arms)*
                            #ty::Unknown { .. } => {}
                        }
                        w.end_object();
                    }
                }
            }
        }
        ShapeKind::List(l) => {
            let name = naming::to_ident(&layout.ser(id).name);
            let item = svc.member_value_type(&l.member);
            let write = write_value(svc, layout, dialect, &l.member, &quote!(item));
            quote! {
                #[doc = #doc]
                pub(crate) fn #name(w: &mut #writer, value: &[#item]) {
                    w.begin_array(value.len());
                    for item in value {
                        #write
                    }
                    w.end_array();
                }
            }
        }
        ShapeKind::Map(m) => {
            let name = naming::to_ident(&layout.ser(id).name);
            let ty = svc.rust_type(id);
            let key = match svc.model.shape(&m.key.target).kind {
                ShapeKind::Enum(_) => quote!(key.as_str()),
                _ => quote!(key),
            };
            let write = write_value(svc, layout, dialect, &m.value, &quote!(item));
            quote! {
                #[doc = #doc]
                pub(crate) fn #name(w: &mut #writer, value: &#ty) {
                    w.begin_map(value.len());
                    for (key, item) in value {
                        w.key(#key);
                        #write
                    }
                    w.end_map();
                }
            }
        }
        _ => unreachable!("shape `{id}` has no serializer function"),
    }
}

/// `value`, or `_value` when the structure has no members to read from it (with `top_level`,
/// no members of the body).
pub fn value_param(svc: &Service<'_>, s: &Structure, top_level: bool) -> TokenStream {
    if s.members.iter().any(|m| in_document(svc, m, top_level)) {
        quote!(value)
    } else {
        quote!(_value)
    }
}

/// Whether member `m` of a structure is one of the members of its document. Members of the
/// top-level structures of a REST protocol's messages (`top_level`: an operation's input,
/// output or error) that are bound to the URI, headers, status or payload are not.
pub fn in_document(svc: &Service<'_>, m: &Member, top_level: bool) -> bool {
    !(top_level && svc.protocol == Protocol::RestJson && !m.http.is_body())
}

/// Writes the structure `receiver` (fields named `fields`) as an object of its set members (with
/// `top_level`, of its document members: see [`in_document`]).
pub fn struct_body(
    svc: &Service<'_>,
    layout: &Layout,
    dialect: Dialect,
    s: &Structure,
    fields: &[String],
    top_level: bool,
    receiver: &TokenStream,
) -> TokenStream {
    let members = s
        .members
        .iter()
        .zip(fields)
        .filter(|(m, _)| in_document(svc, m, top_level))
        .map(|(m, f)| {
            let field = naming::to_ident(f);
            let key = wire_name(svc, m);
            if writable(svc, &m.target) {
                return quote!(w.field(#key, &#receiver.#field););
            }
            let write = write_value(svc, layout, dialect, m, &quote!(v));
            quote! {
                if let ::std::option::Option::Some(v) = &#receiver.#field {
                    w.key(#key);
                    #write
                }
            }
        });
    quote! {
        w.begin_object();
        #(#members)*
        w.end_object();
    }
}

/// Whether values of the shape `id` write themselves through the runtime's `wire::Write`, so
/// that `w.field(key, &value.member)` writes a member of it: strings, booleans, integers and
/// doubles (written the same way in JSON and CBOR), structures and unions (the generated
/// impls), and lists and maps of such values. Not: what depends on the member (timestamps) or
/// on the format (blobs, floats, big numbers, enums, documents).
pub fn writable(svc: &Service<'_>, id: &ShapeId) -> bool {
    let shape = svc.model.shape(id);
    match &shape.kind {
        ShapeKind::Structure(_) | ShapeKind::Union(_) => shape.event_stream.is_none(),
        ShapeKind::List(l) => writable(svc, &l.member.target),
        ShapeKind::Map(m) => writable(svc, &m.value.target),
        ShapeKind::Scalar(scalar) => matches!(
            scalar,
            Scalar::String
                | Scalar::Boolean
                | Scalar::Byte
                | Scalar::Short
                | Scalar::Integer
                | Scalar::Long
                | Scalar::Double
        ),
        ShapeKind::Enum(_) | ShapeKind::IntEnum(_) | ShapeKind::Document => false,
    }
}

/// The key of a member in the service's protocol's documents (restJson1 takes `jsonName`).
pub fn wire_name<'m>(svc: &Service<'_>, m: &'m Member) -> &'m str {
    m.wire_name_for(svc.protocol)
}

/// Statements writing `v` (a reference to the member's value) with `w`.
pub fn write_value(
    svc: &Service<'_>,
    layout: &Layout,
    dialect: Dialect,
    m: &Member,
    v: &TokenStream,
) -> TokenStream {
    let shape = svc.model.shape(&m.target);
    match &shape.kind {
        _ if writable(svc, &m.target) => quote!(crate::runtime::wire::Write::write(#v, w);),
        ShapeKind::Structure(_) | ShapeKind::Union(_) | ShapeKind::List(_) | ShapeKind::Map(_) => {
            let f = fn_path(svc, layout.ser(&m.target));
            quote!(#f(w, #v);)
        }
        ShapeKind::Enum(_) => quote!(w.string(#v.as_str());),
        ShapeKind::IntEnum(_) => quote!(w.int(i64::from(#v.value()));),
        ShapeKind::Document => {
            let module = dialect.document_module();
            quote!(#module::write(w, #v);)
        }
        ShapeKind::Scalar(scalar) => match scalar {
            Scalar::String => quote!(w.string(#v);),
            Scalar::Boolean => quote!(w.bool(*#v);),
            Scalar::Byte | Scalar::Short | Scalar::Integer => quote!(w.int(i64::from(*#v));),
            Scalar::Long => quote!(w.int(*#v);),
            Scalar::Float => quote!(w.f32(*#v);),
            Scalar::Double => quote!(w.f64(*#v);),
            Scalar::BigInteger | Scalar::BigDecimal => quote!(w.big_number(#v);),
            Scalar::Blob => match dialect {
                Dialect::Json => quote!(w.string(&#v.to_base64());),
                Dialect::Cbor => quote!(w.bytes(#v.as_bytes());),
            },
            Scalar::Timestamp => match dialect {
                Dialect::Cbor => quote!(w.timestamp(*#v);),
                Dialect::Json => match m.timestamp_format {
                    None | Some(TimestampFormat::EpochSeconds) => quote!(w.epoch_seconds(*#v);),
                    Some(TimestampFormat::DateTime) => quote!(w.date_time(*#v);),
                    Some(TimestampFormat::HttpDate) => quote!(w.http_date(*#v);),
                },
            },
        },
    }
}
