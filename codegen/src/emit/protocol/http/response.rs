//! The response side of the HTTP binding: statements that set the members of an output or
//! error structure (`out`, mutable, in scope, with `status: u16` and `headers: &HeaderMap`)
//! that the response's status code, headers and prefix headers carry. A header that is absent
//! leaves its member `None`; a prefix-header map is always set, empty when no header has the
//! prefix (botocore's `_parse_header_map`); a header that cannot be read as its type is an `InvalidResponse`
//! naming the header (`?`).

use proc_macro2::TokenStream;
use quote::quote;

use super::{is_http_date, list_item, parse};
use crate::emit::Service;
use crate::ir::{HttpLocation, Member, Scalar, ShapeKind};
use crate::naming;

/// Statements binding the status code and headers into `out`'s members (of `members`, with
/// field names `fields`).
pub fn bind(svc: &Service<'_>, members: &[Member], fields: &[String]) -> TokenStream {
    let mut out = TokenStream::new();
    for (m, f) in members.iter().zip(fields) {
        let field = naming::to_ident(f);
        match &m.http {
            HttpLocation::StatusCode => {
                let value = match svc.model.shape(&m.target).kind {
                    ShapeKind::Scalar(Scalar::Long) => quote!(i64::from(status)),
                    ShapeKind::Scalar(Scalar::Short) => quote!(i16::try_from(status).ok()),
                    _ => quote!(i32::from(status)),
                };
                out.extend(match svc.model.shape(&m.target).kind {
                    ShapeKind::Scalar(Scalar::Short) => quote!(out.#field = #value;),
                    _ => quote!(out.#field = ::std::option::Option::Some(#value);),
                });
            }
            HttpLocation::Header(name) => {
                let name = name.to_ascii_lowercase();
                let read = match list_item(svc, &m.target) {
                    Some(item_target) => {
                        let mut item = match &svc.model.shape(&m.target).kind {
                            ShapeKind::List(l) => l.member.clone(),
                            _ => m.clone(),
                        };
                        item.timestamp_format = item.timestamp_format.or(m.timestamp_format);
                        let dates = is_http_date(svc, &item, &item_target, &m.http);
                        let parse = parse(
                            svc,
                            &item,
                            &item_target,
                            &m.http,
                            &name,
                            &quote!(item.as_str()),
                        );
                        quote! {
                            let mut list = ::std::vec::Vec::new();
                            for item in crate::runtime::rest::split_list(v, #dates) {
                                list.push(#parse);
                            }
                            out.#field = ::std::option::Option::Some(list);
                        }
                    }
                    None if m.lenient => {
                        // A value that is not of the member's type leaves it unset.
                        let format = lenient_format(svc, m);
                        quote!(out.#field = crate::runtime::rest::parse_timestamp(v, #format).ok();)
                    }
                    None => {
                        let parse = parse(svc, m, &m.target, &m.http, &name, &quote!(v));
                        quote!(out.#field = ::std::option::Option::Some(#parse);)
                    }
                };
                out.extend(quote! {
                    if let ::std::option::Option::Some(v) = crate::runtime::rest::header(headers, #name, status)? {
                        #read
                    }
                });
            }
            HttpLocation::PrefixHeaders(prefix) => {
                let ShapeKind::Map(map) = &svc.model.shape(&m.target).kind else {
                    continue;
                };
                let prefix = prefix.to_ascii_lowercase();
                let parse = parse(
                    svc,
                    &map.value,
                    &map.value.target,
                    &m.http,
                    &prefix,
                    &quote!(v),
                );
                let key = match svc.model.shape(&map.key.target).kind {
                    ShapeKind::Enum(_) => {
                        let ty = svc.rust_type(&map.key.target);
                        quote!(<#ty as ::std::convert::From<::std::string::String>>::from(::std::borrow::ToOwned::to_owned(key)))
                    }
                    _ => quote!(::std::borrow::ToOwned::to_owned(key)),
                };
                out.extend(quote! {
                    let mut map = ::indexmap::IndexMap::new();
                    for (key, v) in crate::runtime::rest::prefixed_headers(headers, #prefix, status)? {
                        map.insert(#key, #parse);
                    }
                    out.#field = ::std::option::Option::Some(map);
                });
            }
            _ => {}
        }
    }
    out
}

/// Whether any member is bound to the status code or headers.
pub fn binds_any(members: &[Member]) -> bool {
    members.iter().any(|m| {
        matches!(
            m.http,
            HttpLocation::StatusCode | HttpLocation::Header(_) | HttpLocation::PrefixHeaders(_)
        )
    })
}

/// The timestamp format of a lenient header member (lowering makes only timestamps lenient).
fn lenient_format(svc: &Service<'_>, m: &Member) -> TokenStream {
    if !matches!(
        svc.model.shape(&m.target).kind,
        ShapeKind::Scalar(Scalar::Timestamp)
    ) {
        unreachable!("lenient member `{}` is a timestamp", m.name)
    }
    super::runtime_format(super::timestamp_format(m, &m.http))
}
