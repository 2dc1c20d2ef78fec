//! restXml document serializers: one `ser_<stem>` function per structure, union, list and map
//! an input reaches, writing XML with the runtime's `XmlWriter` (botocore's `RestXMLSerializer`
//! and the Smithy restXml tests):
//!
//! * a member's element is its `xmlName`, else its `locationName`, else its name; its
//!   `xmlNamespace` is declared on it (`xmlns` or `xmlns:prefix`); `xmlAttribute` members are
//!   attributes of their structure's start tag; absent members are left out;
//! * a list is `<Name><member>…</member>…</Name>` (`member` renamed by the list member's name),
//!   a flattened list repeats `<Name>` itself, an empty list is `<Name></Name>` (flattened:
//!   nothing);
//! * a map is `<Name><entry><key>…</key><value>…</value></entry>…</Name>` (`key`/`value`
//!   renamed by the map's key and value names); a flattened map repeats `<Name>` for each entry;
//! * scalars as text: booleans `true`/`false`, floats `NaN`/`Infinity`/shortest decimal,
//!   timestamps by `timestampFormat` (default date-time), blobs base64.
//!
//! Every serializer takes the element name and the namespace declarations its caller (the
//! member that holds the value) gives it.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Plan, fn_name, ident, xml_name};
use crate::ir::{
    HttpLocation, Member, Protocol, Scalar, ShapeId, ShapeKind, Structure, TimestampFormat,
    XmlNamespace,
};

/// The element name of a member: its own `xmlName` or `locationName`, else its name (not the
/// target shape's name, which names only a payload's root element).
pub(super) fn element_name(member: &Member) -> &str {
    if member.wire.location_name_from_target && member.wire.xml_name.is_none() {
        return &member.name;
    }
    member.wire_name_for(Protocol::RestXml)
}

/// `&[("xmlns", uri)]`, `&[("xmlns:prefix", uri)]` or `&[]`: the namespace declarations of an
/// element.
pub(super) fn namespace(ns: Option<&XmlNamespace>) -> TokenStream {
    match ns {
        Some(ns) => {
            let attribute = match &ns.prefix {
                Some(prefix) => format!("xmlns:{prefix}"),
                None => "xmlns".to_owned(),
            };
            let uri = &ns.uri;
            quote!(&[(#attribute, #uri)])
        }
        None => quote!(&[]),
    }
}

/// The serializer of a structure, union, list or map.
pub fn shape(plan: &Plan<'_, '_>, id: &ShapeId) -> TokenStream {
    let svc = plan.svc;
    let stem = plan.stem(id);
    let function = ident(&fn_name("ser", stem, ""));
    let shape = svc.model.shape(id);
    let doc = format!(" Writes a `{}` as the element `name`.", id.name());
    let w = quote!(crate::runtime::xml_writer::XmlWriter);
    match &shape.kind {
        ShapeKind::Structure(s) => {
            let ty = svc.type_path(id);
            let body = structure(plan, s, svc.names.fields(id));
            let allow = crate::emit::allow_deprecated(s.has_deprecated_member());
            quote! {
                #[doc = #doc]
                #allow
                pub(crate) fn #function(
                    w: &mut #w,
                    value: &#ty,
                    name: &str,
                    namespaces: &[(&str, &str)],
                ) {
                    #body
                }
            }
        }
        ShapeKind::Union(s) => {
            let ty = svc.type_path(id);
            let arms = s
                .members
                .iter()
                .zip(svc.names.fields(id))
                .map(|(member, variant)| {
                    let variant = ident(variant);
                    let name = element_name(member);
                    let ns = namespace(member.wire.xml_namespace.as_ref());
                    let write = value(plan, member, quote!(v), quote!(#name), ns);
                    quote!(#ty::#variant(v) => { #write })
                });
            let allow = crate::emit::allow_deprecated(s.has_deprecated_member());
            quote! {
                #[doc = #doc]
                #allow
                pub(crate) fn #function(
                    w: &mut #w,
                    value: &#ty,
                    name: &str,
                    namespaces: &[(&str, &str)],
                ) {
                    w.open(name, namespaces);
                    match value {
                        #(#arms)*
                        #ty::Unknown { .. } => {}
                    }
                    w.end(name);
                }
            }
        }
        ShapeKind::List(l) => {
            let item_ty = svc.member_value_type(&l.member);
            let item = xml_name(&l.member).unwrap_or("member");
            let item_ns = namespace(l.member.wire.xml_namespace.as_ref());
            let wrapped = value(plan, &l.member, quote!(item), quote!(#item), item_ns);
            let flat = value(
                plan,
                &l.member,
                quote!(item),
                quote!(name),
                quote!(namespaces),
            );
            quote! {
                #[doc = #doc]
                ///
                /// Items are `<member>` children (renamed by the list member's name); a
                /// flattened list repeats the element itself for each item.
                pub(crate) fn #function(
                    w: &mut #w,
                    value: &[#item_ty],
                    name: &str,
                    namespaces: &[(&str, &str)],
                    flattened: bool,
                ) {
                    if flattened {
                        for item in value {
                            #flat
                        }
                        return;
                    }
                    w.open(name, namespaces);
                    for item in value {
                        #wrapped
                    }
                    w.end(name);
                }
            }
        }
        ShapeKind::Map(m) => {
            let ty = svc.rust_type(id);
            let key = xml_name(&m.key).unwrap_or("key");
            let key_ns = namespace(m.key.wire.xml_namespace.as_ref());
            let value_name = xml_name(&m.value).unwrap_or("value");
            let value_ns = namespace(m.value.wire.xml_namespace.as_ref());
            let write_key = value(plan, &m.key, quote!(k), quote!(#key), key_ns);
            let write_value = value(plan, &m.value, quote!(v), quote!(#value_name), value_ns);
            quote! {
                #[doc = #doc]
                ///
                /// Entries are `<entry><key/><value/></entry>` children; a flattened map repeats
                /// the element itself for each entry, holding its key and value.
                pub(crate) fn #function(
                    w: &mut #w,
                    value: &#ty,
                    name: &str,
                    namespaces: &[(&str, &str)],
                    flattened: bool,
                ) {
                    if !flattened {
                        w.open(name, namespaces);
                    }
                    for (k, v) in value {
                        if flattened {
                            w.open(name, namespaces);
                        } else {
                            w.open("entry", &[]);
                        }
                        #write_key
                        #write_value
                        if flattened {
                            w.end(name);
                        } else {
                            w.end("entry");
                        }
                    }
                    if !flattened {
                        w.end(name);
                    }
                }
            }
        }
        _ => unreachable!("only structures, unions, lists and maps have serializers"),
    }
}

/// Statements writing the structure in `value` as the element `name` with `namespaces`: its
/// attribute members in the start tag, then its element members (body members only: HTTP-bound
/// members of an input are in the URI and headers).
pub(super) fn structure(plan: &Plan<'_, '_>, s: &Structure, fields: &[String]) -> TokenStream {
    let svc = plan.svc;
    let mut attributes = TokenStream::new();
    let mut elements = TokenStream::new();
    for (member, field) in s.members.iter().zip(fields) {
        if !member.http.is_body() {
            continue;
        }
        let field = ident(field);
        let name = element_name(member);
        if member.wire.xml_attribute {
            let text = super::super::http::text(
                svc,
                member,
                &member.target,
                &HttpLocation::Body,
                &quote!(v),
            );
            attributes.extend(quote! {
                if let ::std::option::Option::Some(v) = &value.#field {
                    w.attribute(#name, #text);
                }
            });
            continue;
        }
        let ns = namespace(member.wire.xml_namespace.as_ref());
        let write = value(plan, member, quote!(v), quote!(#name), ns);
        elements.extend(quote! {
            if let ::std::option::Option::Some(v) = &value.#field {
                #write
            }
        });
    }
    let value_used = if attributes.is_empty() && elements.is_empty() {
        quote!(let _ = value;)
    } else {
        TokenStream::new()
    };
    quote! {
        #value_used
        w.start(name);
        w.namespaces(namespaces);
        #attributes
        w.close_start();
        #elements
        w.end(name);
    }
}

/// A statement writing `v` (an expression of type `&T`, `T` the member's value type) as the
/// element `name` (an `&str` expression) with `ns` (namespace declarations).
pub(super) fn value(
    plan: &Plan<'_, '_>,
    member: &Member,
    v: TokenStream,
    name: TokenStream,
    ns: TokenStream,
) -> TokenStream {
    let svc = plan.svc;
    let target = &member.target;
    let text = match &svc.model.shape(target).kind {
        ShapeKind::Structure(_) | ShapeKind::Union(_) => {
            let f = plan.function(target, "ser", "");
            return quote!(#f(w, #v, #name, #ns););
        }
        ShapeKind::List(_) | ShapeKind::Map(_) => {
            let f = plan.function(target, "ser", "");
            let flattened = member.wire.flattened;
            return quote!(#f(w, #v, #name, #ns, #flattened););
        }
        ShapeKind::Enum(_) => quote!(w.text(#v.as_str());),
        ShapeKind::IntEnum(_) => quote!(w.integer(#v.value());),
        // Lowering rejects documents for restXml; nothing is written if one slips through.
        ShapeKind::Document => return quote!(let _ = #v;),
        ShapeKind::Scalar(scalar) => match scalar {
            Scalar::String | Scalar::BigInteger | Scalar::BigDecimal => quote!(w.text(#v);),
            Scalar::Boolean => quote!(w.boolean(*#v);),
            Scalar::Byte | Scalar::Short | Scalar::Integer | Scalar::Long => {
                quote!(w.integer(*#v);)
            }
            Scalar::Float => quote!(w.float(*#v);),
            Scalar::Double => quote!(w.double(*#v);),
            Scalar::Timestamp => match member.timestamp_format {
                None | Some(TimestampFormat::DateTime) => quote!(w.date_time(*#v);),
                Some(TimestampFormat::HttpDate) => quote!(w.http_date(*#v);),
                Some(TimestampFormat::EpochSeconds) => quote!(w.epoch_seconds(*#v);),
            },
            Scalar::Blob => quote!(w.text(&#v.to_base64());),
        },
    };
    quote! {
        w.open(#name, #ns);
        #text
        w.end(#name);
    }
}
