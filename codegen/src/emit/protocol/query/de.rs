//! awsQuery response parsers: `parse_response`, the operation output's parser, and one
//! `de_<stem>` function per structure, union, list and map an output or error reaches, all
//! reading from the runtime's XML cursor.
//!
//! Element rules (botocore's `QueryParser`, and the Smithy awsQuery tests where botocore fails
//! them):
//!
//! * a member's element is its `locationName`, else its name; unknown elements are skipped;
//! * a list's items are every child element of the list's element, whatever their names (as
//!   botocore reads them); a flattened list's items are repeated elements named like the member,
//!   and also, if it has one, by the list member's `locationName` (botocore's reading, which
//!   the legacy suite expects);
//! * a map is `<entry><key/><value/></entry>` children (`key`/`value` renamed by the map's key
//!   and value `locationName`s); a flattened map repeats the entry element itself;
//! * error structures also take the envelope's `<Message>` for a member named `message`, the
//!   way services spell it;
//! * XML attributes (`xmlAttribute`) are read from the structure's own start tag;
//! * ec2 responses have no result wrapper: the output's members are children of
//!   `<OpResponse>`, beside `<requestId>` (which the output parser reads as the request id).
//!
//! A member given twice is an error (`runtime::xml::set`; `runtime/src/xml.rs` says why): an
//! element of a structure member (scalar, structure, wrapped list or map) seen a second time,
//! a second member of a union, a map key seen a second time (in a wrapped or a flattened map),
//! `<key>` or `<value>` twice in one entry. Repeated elements meant to repeat are not
//! duplicates: the items of a wrapped list, the items of a flattened list and the entries of
//! a map.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::{Dialect, Plan, fn_name, ident, wire_name, xml_name};
use crate::ir::{Member, Operation, Scalar, ShapeId, ShapeKind, Structure};

/// The body of `parse_response`.
pub fn parse_response(plan: &Plan<'_, '_>, op: &Operation) -> TokenStream {
    let stem = plan.op_stem(op);
    let output = plan.path(stem, &fn_name("de", stem, "_output"));
    let error = super::errors::error_call(
        plan,
        op,
        &plan.path(stem, &fn_name("de", stem, "_error")),
        false,
    );
    quote! {
        if !(200..300).contains(&status) {
            return ::std::result::Result::Err(#error);
        }
        #output(headers, body).map_err(|e| {
            crate::runtime::ResponseError::Invalid(crate::runtime::InvalidResponse::new(
                status,
                e.to_string(),
            ))
        })
    }
}

/// `de_<op>_output`, and `de_<op>_result` for the output structure.
pub fn operation_output(plan: &Plan<'_, '_>, op: &Operation) -> TokenStream {
    let svc = plan.svc;
    let stem = plan.op_stem(op);
    let names = svc.names.operation(&op.name);
    let output_ty = {
        let module = plan.op_module(op);
        let output = ident(&names.output);
        quote!(#module::#output)
    };
    let function = ident(&fn_name("de", stem, "_output"));
    let result_fn = ident(&fn_name("de", stem, "_result"));
    let root = format!("{}Response", op.name);
    let wrapper = op
        .result_wrapper
        .clone()
        .unwrap_or_else(|| format!("{}Result", op.name));
    let doc = format!(
        " Reads a successful `{}` response: `<{root}><{wrapper}>…` and the request id.",
        op.name
    );
    let structure = op
        .modeled_output()
        .map(|id| match &svc.model.shape(id).kind {
            ShapeKind::Structure(s) => (s, svc.names.fields(id)),
            _ => unreachable!("operation output `{id}` was validated to be a structure"),
        });
    if plan.dialect() == Dialect::Ec2 {
        return ec2_output(plan, op, &output_ty, &function, &result_fn, structure);
    }
    match structure {
        Some((s, fields)) => {
            let result_doc = format!(
                " Reads the `<{wrapper}>` element of the `{}` response.",
                op.name
            );
            let name = op.modeled_output().map_or("", |id| id.name());
            let parser = struct_parser(
                plan,
                &result_fn,
                &output_ty,
                name,
                s,
                fields,
                false,
                false,
                &result_doc,
            );
            let allow = crate::emit::allow_deprecated(s.has_deprecated_member());
            quote! {
                #[doc = #doc]
                #allow
                pub(crate) fn #function(
                    headers: &::http::HeaderMap,
                    body: &[u8],
                ) -> ::std::result::Result<#output_ty, crate::runtime::xml::XmlError> {
                    let (result, request_id) = crate::runtime::query::parse_response(
                        body, headers, #root, #wrapper, #result_fn,
                    )?;
                    let mut output = result.unwrap_or_default();
                    output._request_id = request_id;
                    ::std::result::Result::Ok(output)
                }

                #parser
            }
        }
        None => quote! {
            #[doc = #doc]
            pub(crate) fn #function(
                headers: &::http::HeaderMap,
                body: &[u8],
            ) -> ::std::result::Result<#output_ty, crate::runtime::xml::XmlError> {
                let (_, request_id) = crate::runtime::query::parse_response(
                    body, headers, #root, #wrapper, |r, el| r.skip(el),
                )?;
                ::std::result::Result::Ok(#output_ty { _request_id: request_id })
            }
        },
    }
}

/// The ec2 `de_<op>_output`: the root element `<OpResponse>` holds the output's members and
/// `<requestId>`; `de_<op>_result` reads them.
fn ec2_output(
    plan: &Plan<'_, '_>,
    op: &Operation,
    output_ty: &TokenStream,
    function: &proc_macro2::Ident,
    result_fn: &proc_macro2::Ident,
    structure: Option<(&Structure, &[String])>,
) -> TokenStream {
    let root = format!("{}Response", op.name);
    let doc = format!(
        " Reads a successful `{}` response: `<{root}>`, its members and its request id.",
        op.name
    );
    let empty_structure = Structure::default();
    let (s, fields) = structure.unwrap_or((&empty_structure, &[]));
    let result_doc = format!(" Reads the members of `<{root}>`.");
    let name = op.modeled_output().map_or("", |id| id.name());
    let parser = struct_parser(
        plan,
        result_fn,
        output_ty,
        name,
        s,
        fields,
        false,
        true,
        &result_doc,
    );
    let allow = crate::emit::allow_deprecated(s.has_deprecated_member());
    quote! {
        #[doc = #doc]
        #allow
        pub(crate) fn #function(
            headers: &::http::HeaderMap,
            body: &[u8],
        ) -> ::std::result::Result<#output_ty, crate::runtime::xml::XmlError> {
            let mut output = crate::runtime::query::parse_ec2_response(body, #root, #result_fn)?
                .unwrap_or_default();
            if output._request_id.is_none() {
                output._request_id = crate::runtime::query::header_request_id(headers);
            }
            ::std::result::Result::Ok(output)
        }

        #parser
    }
}

/// `Type`'s `Default`: every member absent (and `meta`, `_request_id` empty). Not
/// `Type::default()`: an accessor may be named `default`.
fn empty_literal(ty: &TokenStream) -> TokenStream {
    quote!(<#ty as ::std::default::Default>::default())
}

/// The parser of a structure, union, list or map.
pub fn shape(plan: &Plan<'_, '_>, id: &ShapeId) -> TokenStream {
    let svc = plan.svc;
    let stem = plan.stem(id);
    let function = ident(&fn_name("de", stem, ""));
    let shape = svc.model.shape(id);
    let doc = format!(" Reads a `{}` from `el`.", id.name());
    match &shape.kind {
        ShapeKind::Structure(s) => {
            let ty = svc.type_path(id);
            struct_parser(
                plan,
                &function,
                &ty,
                id.name(),
                s,
                svc.names.fields(id),
                shape.error.is_some(),
                false,
                &doc,
            )
        }
        ShapeKind::Union(s) => union_parser(plan, id, s, &function, &doc),
        ShapeKind::List(l) => {
            let ty = svc.rust_type(id);
            let read = read(plan, &l.member);
            quote! {
                #[doc = #doc]
                ///
                /// Every child element is an item, whatever its name.
                pub(crate) fn #function<'a>(
                    r: &mut crate::runtime::xml::XmlReader<'a>,
                    el: &crate::runtime::xml::Element<'a>,
                ) -> ::std::result::Result<#ty, crate::runtime::xml::XmlError> {
                    let mut out = ::std::vec::Vec::new();
                    while let ::std::option::Option::Some(child) = r.next_child(el)? {
                        out.push(#read);
                    }
                    ::std::result::Result::Ok(out)
                }
            }
        }
        ShapeKind::Map(m) => {
            let ty = svc.rust_type(id);
            let key_ty = svc.member_value_type(&m.key);
            let value_ty = svc.member_value_type(&m.value);
            let entry = ident(&fn_name("de", stem, "_entry"));
            let key_name = xml_name(&m.key).unwrap_or("key");
            let value_name = xml_name(&m.value).unwrap_or("value");
            let read_key = read(plan, &m.key);
            let read_value = read(plan, &m.value);
            let entry_name = format!("{} entry", id.name());
            let value_arm = (value_name != key_name)
                .then(|| quote!(#value_name => crate::runtime::xml::set(&mut value, #read_value),));
            let insert = insert_entry(quote!(out), id.name());
            let missing_key = format!("a map entry has no <{key_name}> element");
            let missing_value = format!("a map entry has no <{value_name}> element");
            let entry_doc = format!(
                " Reads one entry of a `{}`: its `<{key_name}>` and `<{value_name}>` children.",
                id.name()
            );
            let container = plan.layout.de.contains(id).then(|| {
                quote! {
                    #[doc = #doc]
                    ///
                    /// Every child element is an entry, whatever its name.
                    pub(crate) fn #function<'a>(
                        r: &mut crate::runtime::xml::XmlReader<'a>,
                        el: &crate::runtime::xml::Element<'a>,
                    ) -> ::std::result::Result<#ty, crate::runtime::xml::XmlError> {
                        let mut out = ::indexmap::IndexMap::new();
                        while let ::std::option::Option::Some(child) = r.next_child(el)? {
                            let (k, v) = #entry(r, &child)?;
                            #insert
                        }
                        ::std::result::Result::Ok(out)
                    }
                }
            });
            quote! {
                #container

                #[doc = #entry_doc]
                pub(crate) fn #entry<'a>(
                    r: &mut crate::runtime::xml::XmlReader<'a>,
                    el: &crate::runtime::xml::Element<'a>,
                ) -> ::std::result::Result<(#key_ty, #value_ty), crate::runtime::xml::XmlError> {
                    let mut key = ::std::option::Option::None;
                    let mut value = ::std::option::Option::None;
                    while let ::std::option::Option::Some(child) = r.next_child(el)? {
                        let fresh = match child.local_name() {
                            #key_name => crate::runtime::xml::set(&mut key, #read_key),
                            #value_arm
                            _ => r.skip_member(&child)?,
                        };
                        if !fresh {
                            return ::std::result::Result::Err(
                                crate::runtime::xml::XmlError::duplicate_member(child.local_name(), #entry_name),
                            );
                        }
                    }
                    match (key, value) {
                        (::std::option::Option::Some(k), ::std::option::Option::Some(v)) => {
                            ::std::result::Result::Ok((k, v))
                        }
                        (::std::option::Option::None, _) => ::std::result::Result::Err(
                            crate::runtime::xml::XmlError::new(#missing_key),
                        ),
                        (_, ::std::option::Option::None) => ::std::result::Result::Err(
                            crate::runtime::xml::XmlError::new(#missing_value),
                        ),
                    }
                }
            }
        }
        _ => unreachable!("only structures, unions, lists and maps have parsers"),
    }
}

/// How one member's element is stored.
pub(super) enum Store {
    /// `field = Some(value)`.
    Set,
    /// A flattened list: push one item.
    Push,
    /// A flattened map: insert one entry.
    Insert,
    /// restXml's error envelope `<Message>`, for an error's `message` member: used only when
    /// the member's own element is absent (services such as Route 53 send both).
    Fallback,
}

/// The element names a structure's members are read from, with what each stores: primary
/// names first, then the aliases (see the module docs), each name once.
pub(super) fn element_names(
    plan: &Plan<'_, '_>,
    members: &[Member],
    error: bool,
) -> Vec<(String, usize, Store)> {
    let mut claimed = BTreeSet::new();
    let mut out = Vec::new();
    for (i, member) in members.iter().enumerate() {
        if member.wire.xml_attribute
            || is_document(plan, member)
            || !plan.in_document(member, false)
        {
            continue;
        }
        let name = if plan.dialect() == super::Dialect::RestXml {
            super::xml_ser::element_name(member).to_owned()
        } else {
            wire_name(member).to_owned()
        };
        let store = store(plan, member);
        if claimed.insert(name.clone()) {
            out.push((name, i, store));
        }
    }
    for (i, member) in members.iter().enumerate() {
        if member.wire.xml_attribute
            || is_document(plan, member)
            || !plan.in_document(member, false)
        {
            continue;
        }
        let alias = match &plan.svc.model.shape(&member.target).kind {
            ShapeKind::List(l) if member.wire.flattened => xml_name(&l.member).map(str::to_owned),
            ShapeKind::Scalar(Scalar::String) if error && wire_name(member) == "message" => {
                Some("Message".to_owned())
            }
            _ => None,
        };
        let fallback = error && plan.dialect() == super::Dialect::RestXml;
        if let Some(alias) = alias
            && claimed.insert(alias.clone())
        {
            let store = if fallback && alias == "Message" {
                Store::Fallback
            } else {
                store(plan, member)
            };
            out.push((alias, i, store));
        }
    }
    out
}

fn is_document(plan: &Plan<'_, '_>, member: &Member) -> bool {
    matches!(
        plan.svc.model.shape(&member.target).kind,
        ShapeKind::Document
    )
}

fn store(plan: &Plan<'_, '_>, member: &Member) -> Store {
    match &plan.svc.model.shape(&member.target).kind {
        ShapeKind::List(_) if member.wire.flattened => Store::Push,
        ShapeKind::Map(_) if member.wire.flattened => Store::Insert,
        _ => Store::Set,
    }
}

/// A structure parser: `ty` (the shape `name`) built from `el`'s attributes and children,
/// starting from `Default` (the fields the generator adds, `meta` and `_request_id`, empty); with `request_id`, the
/// `<requestId>` (or `<RequestId>`) child is read into `_request_id` (ec2 outputs).
#[allow(clippy::too_many_arguments)]
pub(super) fn struct_parser(
    plan: &Plan<'_, '_>,
    function: &proc_macro2::Ident,
    ty: &TokenStream,
    name: &str,
    structure: &Structure,
    fields: &[String],
    error: bool,
    request_id: bool,
    doc: &str,
) -> TokenStream {
    let members = &structure.members;
    let literal = empty_literal(ty);
    let mut attributes = TokenStream::new();
    for (member, field) in members.iter().zip(fields) {
        if member.wire.xml_attribute && plan.in_document(member, false) {
            let field = ident(field);
            let name = wire_name(member);
            let value = attribute(plan, member, name);
            attributes.extend(quote! {
                if let ::std::option::Option::Some(v) = #value {
                    out.#field = ::std::option::Option::Some(v);
                }
            });
        }
    }
    let structure_name = name;
    let names = element_names(plan, members, error);
    let request_id_arms: Vec<TokenStream> = if request_id {
        ["requestId", "RequestId"]
            .into_iter()
            .filter(|id| !names.iter().any(|(n, _, _)| n == id))
            .map(|id| {
                quote! {
                    #id => crate::runtime::xml::set(&mut out._request_id, r.string(&child)?),
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    let mut fallback = None;
    let arms: Vec<TokenStream> = names
        .into_iter()
        .map(|(name, i, store)| {
            let member = &members[i];
            let field = ident(&fields[i]);
            let stored = match store {
                Store::Fallback => {
                    fallback = Some(field.clone());
                    quote!(crate::runtime::xml::set(&mut fallback, r.string(&child)?))
                }
                Store::Set => {
                    let read = boxed(member, read(plan, member));
                    quote!(crate::runtime::xml::set(&mut out.#field, #read))
                }
                Store::Push => {
                    let item = match &plan.svc.model.shape(&member.target).kind {
                        ShapeKind::List(l) => read(plan, &l.member),
                        _ => unreachable!("pushed members are lists"),
                    };
                    quote! {{
                        out.#field
                            .get_or_insert_with(::std::default::Default::default)
                            .push(#item);
                        true
                    }}
                }
                Store::Insert => {
                    let entry = plan.function(&member.target, "de", "_entry");
                    let insert = insert_entry(quote!(map), member.target.name());
                    quote! {{
                        let (k, v) = #entry(r, &child)?;
                        let map = out.#field.get_or_insert_with(::std::default::Default::default);
                        #insert
                        true
                    }}
                }
            };
            quote!(#name => #stored,)
        })
        .chain(request_id_arms)
        .collect();
    let allow = crate::emit::allow_deprecated(members.iter().any(|m| m.deprecated.is_some()));
    let body = if arms.is_empty() && attributes.is_empty() {
        quote! {
            while let ::std::option::Option::Some(child) = r.next_child(el)? {
                r.skip(&child)?;
            }
            ::std::result::Result::Ok(#literal)
        }
    } else {
        let (declare, apply) = match &fallback {
            Some(field) => (
                quote!(let mut fallback = ::std::option::Option::None;),
                quote! {
                    if out.#field.is_none() {
                        out.#field = fallback;
                    }
                },
            ),
            None => (TokenStream::new(), TokenStream::new()),
        };
        quote! {
            let mut out = #literal;
            #declare
            #attributes
            while let ::std::option::Option::Some(child) = r.next_child(el)? {
                // Each arm answers whether the member it stored had no value yet.
                let fresh = match child.local_name() {
                    #(#arms)*
                    _ => r.skip_member(&child)?,
                };
                if !fresh {
                    return ::std::result::Result::Err(
                        crate::runtime::xml::XmlError::duplicate_member(child.local_name(), #structure_name),
                    );
                }
            }
            #apply
            ::std::result::Result::Ok(out)
        }
    };
    quote! {
        #[doc = #doc]
        #allow
        pub(crate) fn #function<'a>(
            r: &mut crate::runtime::xml::XmlReader<'a>,
            el: &crate::runtime::xml::Element<'a>,
        ) -> ::std::result::Result<#ty, crate::runtime::xml::XmlError> {
            #body
        }
    }
}

/// A union parser: the member element present decides the variant; none gives `Unknown` (named
/// after the first unknown element, or with no name when there is none), a
/// second member (or the same one again, unless it is a flattened list or map) is an error.
fn union_parser(
    plan: &Plan<'_, '_>,
    id: &ShapeId,
    structure: &Structure,
    function: &proc_macro2::Ident,
    doc: &str,
) -> TokenStream {
    let svc = plan.svc;
    let ty = svc.type_path(id);
    let members = &structure.members;
    let variants = svc.names.fields(id);
    let twice = format!("union `{}` with more than one member set", id.name());
    let twice = quote!(::std::result::Result::Err(crate::runtime::xml::XmlError::new(#twice)));
    let arms = element_names(plan, members, false)
        .into_iter()
        .map(|(name, i, store)| {
            let member = &members[i];
            let variant = ident(&variants[i]);
            let stored = match store {
                Store::Set | Store::Fallback => {
                    let read = boxed(member, read(plan, member));
                    quote! {{
                        if !::std::matches!(out, #ty::Unknown { .. }) {
                            return #twice;
                        }
                        out = #ty::#variant(#read);
                    }}
                }
                Store::Push => {
                    let item = match &svc.model.shape(&member.target).kind {
                        ShapeKind::List(l) => read(plan, &l.member),
                        _ => unreachable!("pushed members are lists"),
                    };
                    let new = boxed(member, quote!(::std::vec![item]));
                    quote! {{
                        let item = #item;
                        if let #ty::#variant(items) = &mut out {
                            items.push(item);
                        } else if ::std::matches!(out, #ty::Unknown { .. }) {
                            out = #ty::#variant(#new);
                        } else {
                            return #twice;
                        }
                    }}
                }
                Store::Insert => {
                    let entry = plan.function(&member.target, "de", "_entry");
                    let new = boxed(member, quote!(::indexmap::IndexMap::from([(k, v)])));
                    let insert = insert_entry(quote!(entries), member.target.name());
                    quote! {{
                        let (k, v) = #entry(r, &child)?;
                        if let #ty::#variant(entries) = &mut out {
                            #insert
                        } else if ::std::matches!(out, #ty::Unknown { .. }) {
                            out = #ty::#variant(#new);
                        } else {
                            return #twice;
                        }
                    }}
                }
            };
            quote!(#name => #stored,)
        });
    quote! {
        #[doc = #doc]
        pub(crate) fn #function<'a>(
            r: &mut crate::runtime::xml::XmlReader<'a>,
            el: &crate::runtime::xml::Element<'a>,
        ) -> ::std::result::Result<#ty, crate::runtime::xml::XmlError> {
            // No member yet: `Unknown` with no name; an unknown member names it.
            let mut out = #ty::Unknown {
                name: ::std::string::String::new(),
            };
            while let ::std::option::Option::Some(child) = r.next_child(el)? {
                match child.local_name() {
                    #(#arms)*
                    other => {
                        if let #ty::Unknown { name } = &mut out
                            && name.is_empty()
                        {
                            *name = ::std::borrow::ToOwned::to_owned(other);
                        }
                        r.skip(&child)?
                    }
                }
            }
            ::std::result::Result::Ok(out)
        }
    }
}

/// Statements inserting `(k, v)` (in scope) into the map `map` (of the shape `name`): a key
/// already there is an error.
fn insert_entry(map: TokenStream, name: &str) -> TokenStream {
    quote! {
        match #map.entry(k) {
            ::indexmap::map::Entry::Occupied(e) => {
                return ::std::result::Result::Err(crate::runtime::xml::XmlError::duplicate_key(
                    ::std::convert::AsRef::<str>::as_ref(e.key()),
                    #name,
                ));
            }
            ::indexmap::map::Entry::Vacant(e) => {
                e.insert(v);
            }
        }
    }
}

fn boxed(member: &Member, value: TokenStream) -> TokenStream {
    if member.boxed {
        quote!(::std::boxed::Box::new(#value))
    } else {
        value
    }
}

/// An expression reading `child` (in scope with `r`) as a value of `member`'s target.
fn read(plan: &Plan<'_, '_>, member: &Member) -> TokenStream {
    let svc = plan.svc;
    let target = &member.target;
    match &svc.model.shape(target).kind {
        ShapeKind::Structure(_) | ShapeKind::Union(_) | ShapeKind::List(_) | ShapeKind::Map(_) => {
            let f = plan.function(target, "de", "");
            quote!(#f(r, &child)?)
        }
        ShapeKind::Enum(_) => {
            let ty = svc.type_path(target);
            quote!(#ty::from(&*r.text(&child)?))
        }
        ShapeKind::IntEnum(_) => {
            let ty = svc.type_path(target);
            quote!(#ty::from(r.i32(&child)?))
        }
        ShapeKind::Document => quote!({
            r.skip(&child)?;
            crate::runtime::Document::default()
        }),
        ShapeKind::Scalar(scalar) => match scalar {
            Scalar::String | Scalar::BigInteger | Scalar::BigDecimal => quote!(r.string(&child)?),
            Scalar::Boolean => quote!(r.boolean(&child)?),
            Scalar::Byte => quote!(r.i8(&child)?),
            Scalar::Short => quote!(r.i16(&child)?),
            Scalar::Integer => quote!(r.i32(&child)?),
            Scalar::Long => quote!(r.i64(&child)?),
            Scalar::Float => quote!(r.f32(&child)?),
            Scalar::Double => quote!(r.f64(&child)?),
            Scalar::Timestamp => quote!(r.timestamp(&child)?),
            Scalar::Blob => {
                quote!(r.parse(&child, "base64 data", crate::runtime::Blob::from_base64)?)
            }
        },
    }
}

/// An expression of type `Result<Option<T>, XmlError>` reading the attribute `name` of `el`.
fn attribute(plan: &Plan<'_, '_>, member: &Member, name: &str) -> TokenStream {
    let svc = plan.svc;
    let (what, parse) = match &svc.model.shape(&member.target).kind {
        ShapeKind::Enum(_) => {
            let ty = svc.type_path(&member.target);
            return quote!(el.attribute(#name)?.map(#ty::from));
        }
        ShapeKind::IntEnum(_) => {
            let ty = svc.type_path(&member.target);
            return quote! {
                el.parse_attribute(#name, "a 32-bit integer", <i32 as ::std::str::FromStr>::from_str)?
                    .map(#ty::from)
            };
        }
        ShapeKind::Scalar(scalar) => match scalar {
            Scalar::Boolean => ("a boolean", quote!(<bool as ::std::str::FromStr>::from_str)),
            Scalar::Byte => (
                "an 8-bit integer",
                quote!(<i8 as ::std::str::FromStr>::from_str),
            ),
            Scalar::Short => (
                "a 16-bit integer",
                quote!(<i16 as ::std::str::FromStr>::from_str),
            ),
            Scalar::Integer => (
                "a 32-bit integer",
                quote!(<i32 as ::std::str::FromStr>::from_str),
            ),
            Scalar::Long => (
                "a 64-bit integer",
                quote!(<i64 as ::std::str::FromStr>::from_str),
            ),
            Scalar::Float => ("a number", quote!(<f32 as ::std::str::FromStr>::from_str)),
            Scalar::Double => ("a number", quote!(<f64 as ::std::str::FromStr>::from_str)),
            Scalar::Timestamp => ("a timestamp", quote!(crate::runtime::DateTime::parse_any)),
            Scalar::Blob => ("base64 data", quote!(crate::runtime::Blob::from_base64)),
            Scalar::String | Scalar::BigInteger | Scalar::BigDecimal => {
                return quote!(el.attribute(#name)?);
            }
        },
        // Only scalars can be attributes; anything else is never set.
        _ => {
            return quote!(
                ::std::option::Option::<::std::convert::Infallible>::None.map(|n| match n {})
            );
        }
    };
    quote!(el.parse_attribute(#name, #what, #parse)?)
}
