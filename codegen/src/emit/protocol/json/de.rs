//! Parsers: for each structure and union an operation output or error reaches, its
//! `runtime::wire::Read` impl for the dialect's decoder (`JsonDecoder` / `CborDecoder`); for a
//! map, or a list whose items do not read themselves (enums, documents, …), a function. Unknown members are skipped, `null` members are absent,
//! `null` items of lists and maps are dropped (the lists and maps are dense).
//!
//! A member given twice is an error (the runtime's `set`; `runtime/src/json.rs` says why), and
//! so is a map key given twice and a second member of a union; a `null` occurrence never
//! counts, as it is absence.

use proc_macro2::TokenStream;
use quote::quote;

use super::Dialect;
use super::layout::{Layout, fn_path};
use super::ser::{in_document, wire_name};
use crate::emit::Service;
use crate::ir::{Member, Scalar, ShapeId, ShapeKind, Structure};
use crate::naming;

/// The parser of shape `id`: for a structure or union, its `wire::Read` impl; for a list that
/// does not read itself ([`readable`]) or a map, a function.
pub fn shape_fn(svc: &Service<'_>, layout: &Layout, dialect: Dialect, id: &ShapeId) -> TokenStream {
    let reader = dialect.reader();
    let error = dialect.error();
    let shape = svc.model.shape(id);
    let doc = format!(" Reads a `{}`.", id.name());
    let ty = svc.rust_type(id);
    let body = match &shape.kind {
        ShapeKind::Structure(s) => struct_body(
            svc,
            layout,
            dialect,
            id.name(),
            s,
            svc.names.fields(id),
            &quote!(Self),
            shape.error.is_some(),
        ),
        ShapeKind::Union(s) => {
            union_body(svc, layout, dialect, s, svc.names.fields(id), &quote!(Self))
        }
        ShapeKind::List(l) => {
            let read = read_value(svc, layout, dialect, &l.member);
            quote! {
                let mut out = ::std::vec::Vec::new();
                let mut array = r.begin_array()?;
                while r.next_item(&mut array)? {
                    if let ::std::option::Option::Some(item) = #read {
                        out.push(item);
                    }
                }
                ::std::result::Result::Ok(out)
            }
        }
        ShapeKind::Map(m) => {
            let key = match svc.model.shape(&m.key.target).kind {
                ShapeKind::Enum(_) => {
                    let key_ty = svc.rust_type(&m.key.target);
                    quote!(<#key_ty as ::std::convert::From<::std::string::String>>::from(key.into_owned()))
                }
                _ => quote!(key.into_owned()),
            };
            let read = read_value(svc, layout, dialect, &m.value);
            let map = id.name();
            quote! {
                let mut out = ::indexmap::IndexMap::new();
                let mut object = r.begin_object()?;
                while let ::std::option::Option::Some(key) = r.next_key(&mut object)? {
                    if let ::std::option::Option::Some(item) = #read {
                        match out.entry(#key) {
                            ::indexmap::map::Entry::Occupied(e) => {
                                return ::std::result::Result::Err(r.duplicate_key(
                                    ::std::convert::AsRef::<str>::as_ref(e.key()),
                                    #map,
                                ));
                            }
                            ::indexmap::map::Entry::Vacant(e) => {
                                e.insert(item);
                            }
                        }
                    }
                }
                ::std::result::Result::Ok(out)
            }
        }
        _ => unreachable!("shape `{id}` has no parser function"),
    };
    if matches!(shape.kind, ShapeKind::Structure(_) | ShapeKind::Union(_)) {
        let (decoder, reader) = (dialect.decoder(), dialect.reader_of_a());
        return quote! {
            #[doc = #doc]
            impl<'a> crate::runtime::wire::Read<'a, #decoder> for #ty {
                fn read(r: &mut #reader) -> ::std::result::Result<Self, #error> {
                    #body
                }
            }
        };
    }
    let name = naming::to_ident(&layout.de(id).name);
    // A list of maps of maps (Region Switch's `KubernetesScalingApps`) is the type the
    // model says; a type alias for it would be one more name to learn.
    let allow = (nesting(svc, id) >= 3).then(|| quote!(#[allow(clippy::type_complexity)]));
    quote! {
        #[doc = #doc]
        #allow
        pub(crate) fn #name(r: &mut #reader) -> ::std::result::Result<#ty, #error> {
            #body
        }
    }
}

/// Whether values of the shape `id` read themselves through the runtime's `wire::Read`, so
/// that `r.set(&mut out.member)` reads a member of it: strings, booleans, numbers, timestamps
/// and blobs (each format's decoder reads them its way), structures and unions (the generated
/// impls), and lists of such values. Not: enums, big numbers, documents, maps (whose parser
/// names the map in a duplicate key's error).
pub fn readable(svc: &Service<'_>, id: &ShapeId) -> bool {
    let shape = svc.model.shape(id);
    match &shape.kind {
        ShapeKind::Structure(_) | ShapeKind::Union(_) => shape.event_stream.is_none(),
        ShapeKind::List(l) => readable(svc, &l.member.target),
        ShapeKind::Scalar(scalar) => !matches!(scalar, Scalar::BigInteger | Scalar::BigDecimal),
        ShapeKind::Map(_) | ShapeKind::Enum(_) | ShapeKind::IntEnum(_) | ShapeKind::Document => {
            false
        }
    }
}

/// The function reading a whole value of the structure or union `id` (for `parse_body`).
pub fn parse_fn(svc: &Service<'_>, layout: &Layout, id: &ShapeId) -> TokenStream {
    if readable(svc, id) {
        let ty = svc.rust_type(id);
        quote!(crate::runtime::wire::read::<#ty, _>)
    } else {
        fn_path(svc, layout.de(id))
    }
}

/// How many lists and maps are nested in the shape `id` (a list of maps of strings: 2).
fn nesting(svc: &Service<'_>, id: &ShapeId) -> usize {
    match &svc.model.shape(id).kind {
        ShapeKind::List(l) => 1 + nesting(svc, &l.member.target),
        ShapeKind::Map(m) => 1 + nesting(svc, &m.value.target),
        _ => 0,
    }
}

/// Reads an object into the structure `ty`, the shape `name` (fields named `fields`), starting
/// from `Default` (fields that are not members, such as `meta`, empty). With `top_level` (an operation's
/// output or an error), only the members of the document are read (`ser::in_document`); the
/// others start as `None`.
#[allow(clippy::too_many_arguments)]
pub fn struct_body(
    svc: &Service<'_>,
    layout: &Layout,
    dialect: Dialect,
    name: &str,
    s: &Structure,
    fields: &[String],
    ty: &TokenStream,
    top_level: bool,
) -> TokenStream {
    let idents: Vec<_> = fields.iter().map(|f| naming::to_ident(f)).collect();
    let runtime = dialect.module();
    let arms: Vec<_> = s
        .members
        .iter()
        .zip(&idents)
        .filter(|(m, _)| in_document(svc, m, top_level))
        .map(|(m, field)| {
            let key = wire_name(svc, m);
            if readable(svc, &m.target) {
                return quote!(#key => r.set(&mut out.#field),);
            }
            let read = read_value(svc, layout, dialect, m);
            quote!(#key => ::std::result::Result::Ok(#runtime::set(&mut out.#field, #read)),)
        })
        .collect();
    // The object's members, each read into `out` (`false`: it had a value already); what the
    // shape does not have is skipped.
    // In an impl the closure says `Self`; a function (rare) names its type.
    let (turbofish, out) = if ty.to_string() == "Self" {
        (TokenStream::new(), quote!(out: &mut Self))
    } else {
        (quote!(::<#ty>), quote!(out))
    };
    if arms.is_empty() {
        return quote!(r.object(#name).members #turbofish(|r, _: &mut #ty, _| r.skip_member()));
    }
    quote! {
        r.object(#name).members #turbofish(|r, #out, key| match key {
            #(#arms)*
            _ => r.skip_member(),
        })
    }
}

/// Reads an object with exactly one member set into the union `ty`
/// (`runtime::wire::Union::members`: `__type` is ignored; an unknown member gives `Unknown`
/// unless a known one is set too; two known members, or none, are an error).
fn union_body(
    svc: &Service<'_>,
    layout: &Layout,
    dialect: Dialect,
    s: &Structure,
    variants: &[String],
    ty: &TokenStream,
) -> TokenStream {
    let arms = s.members.iter().zip(variants).map(|(m, v)| {
        let key = wire_name(svc, m);
        let variant = naming::to_ident(v);
        if readable(svc, &m.target) {
            return quote!(#key => r.variant(#ty::#variant),);
        }
        let read = read_value(svc, layout, dialect, m);
        quote!(#key => ::std::result::Result::Ok(::std::option::Option::Some(#read.map(#ty::#variant))),)
    });
    if s.members.is_empty() {
        return quote! {
            r.union(|name| #ty::Unknown { name })
                .members(|_, _| ::std::result::Result::Ok(::std::option::Option::None))
        };
    }
    quote! {
        r.union(|name| #ty::Unknown { name })
            .members(|r, key| match key {
                #(#arms)*
                _ => ::std::result::Result::Ok(::std::option::Option::None),
            })
    }
}

/// An expression reading the member's value: `Option<T>` (`None` for `null`), with `?` for
/// errors.
pub fn read_value(svc: &Service<'_>, layout: &Layout, dialect: Dialect, m: &Member) -> TokenStream {
    let shape = svc.model.shape(&m.target);
    let read = match &shape.kind {
        _ if readable(svc, &m.target) => quote!(r.opt_value()?),
        ShapeKind::Structure(_) | ShapeKind::Union(_) | ShapeKind::List(_) | ShapeKind::Map(_) => {
            let f = fn_path(svc, layout.de(&m.target));
            quote!(r.opt(#f)?)
        }
        // The enum type is the one the caller expects (the field's, the variant's, the item's).
        ShapeKind::Enum(_) => quote!(r.opt_string()?.map(::std::convert::From::from)),
        ShapeKind::IntEnum(_) => quote!(r.opt_int::<i32>()?.map(::std::convert::From::from)),
        ShapeKind::Document => {
            let module = dialect.document_module();
            quote!(r.opt(#module::read)?)
        }
        ShapeKind::Scalar(scalar) => match scalar {
            Scalar::String => quote!(r.opt_string()?),
            Scalar::Boolean => quote!(r.opt_bool()?),
            Scalar::Byte => quote!(r.opt_int::<i8>()?),
            Scalar::Short => quote!(r.opt_int::<i16>()?),
            Scalar::Integer => quote!(r.opt_int::<i32>()?),
            Scalar::Long => quote!(r.opt_int::<i64>()?),
            Scalar::Float => quote!(r.opt_f32()?),
            Scalar::Double => quote!(r.opt_f64()?),
            Scalar::BigInteger | Scalar::BigDecimal => quote!(r.opt_big_number()?),
            Scalar::Timestamp => quote!(r.opt_timestamp()?),
            Scalar::Blob => match dialect {
                Dialect::Json => quote!(r.opt_string_with(crate::runtime::Blob::from_base64)?),
                Dialect::Cbor => quote!(r.opt_bytes()?.map(
                    <crate::runtime::Blob as ::std::convert::From<::std::vec::Vec<u8>>>::from
                )),
            },
        },
    };
    if m.boxed {
        quote!(#read.map(::std::boxed::Box::new))
    } else {
        read
    }
}
