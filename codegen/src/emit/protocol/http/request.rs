//! The request side of the HTTP binding: the statements of an operation's request function,
//! from its input. The URI is the template's literal path with each label percent-encoded
//! (greedy labels keep `/`; an unset or empty label is an `InvalidRequest`), then the
//! template's literal query, then each query member (lists repeat the key) and the entries of a
//! query-params map whose keys no query member names; headers are set from header members
//! (lists comma-joined, strings with `,` or `"` quoted) and prefix-header maps; the body is what
//! the codec writes (`Body`), in the order the model declares the members.

use proc_macro2::TokenStream;
use quote::quote;

use super::{list_item, quoted_in_lists, text};
use crate::emit::Service;
use crate::ir::{HttpLocation, Member, Operation, PathPart, ShapeKind};
use crate::naming;

/// What the codec puts in the body: statements evaluating to `(Vec<u8>, Option<&'static str>)`,
/// the bytes and their content type (none for an empty body).
pub struct Body(pub TokenStream);

/// The statements of the request function of `op` (`input: &<Op>Input` in scope), evaluating
/// to `Result<http::Request<Vec<u8>>, InvalidRequest>`.
pub fn build(svc: &Service<'_>, op: &Operation, body: Body) -> TokenStream {
    let (members, fields) = input_members(svc, op);
    let bound: Vec<(&Member, TokenStream)> = members
        .iter()
        .zip(fields)
        .map(|(m, f)| {
            let field = naming::to_ident(f);
            (m, quote!(input.#field))
        })
        .collect();

    // Path.
    let mut path = Vec::new();
    for part in &op.http.uri.path {
        match part {
            PathPart::Literal(text) => path.push(match text.chars().collect::<Vec<_>>()[..] {
                [c] => quote!(uri.push(#c);),
                _ => quote!(uri.push_str(#text);),
            }),
            PathPart::Label { name, greedy } => {
                let Some((m, field)) = bound
                    .iter()
                    .find(|(m, _)| m.http == HttpLocation::Label && m.wire_name() == name)
                else {
                    unreachable!("label `{name}` of `{}` was validated", op.name)
                };
                let member = &m.name;
                let value = text(svc, m, &m.target, &HttpLocation::Label, &quote!(v));
                path.push(quote! {
                    let v = crate::runtime::rest::label(&#field, #member)?;
                    crate::runtime::rest::push_label(&mut uri, #value, #greedy, #member)?;
                });
            }
        }
    }
    let literal_query = (!op.http.uri.query.is_empty()).then(|| {
        let text: Vec<String> = op
            .http
            .uri
            .query
            .iter()
            .map(|(k, v)| match v {
                Some(v) => format!("{k}={v}"),
                None => k.clone(),
            })
            .collect();
        let text = format!("?{}", text.join("&"));
        quote!(uri.push_str(#text);)
    });

    // Query.
    let named: Vec<&str> = members
        .iter()
        .filter_map(|m| match &m.http {
            HttpLocation::Query(name) => Some(name.as_str()),
            _ => None,
        })
        .collect();
    let mut query = Vec::new();
    let mut headers = Vec::new();
    for (m, field) in &bound {
        let member = &m.name;
        match &m.http {
            HttpLocation::Query(name) => {
                let push = |target: &crate::ir::ShapeId, item: &Member, v: TokenStream| {
                    let value = text(svc, item, target, &m.http, &v);
                    quote!(crate::runtime::rest::push_query(&mut uri, #name, #value);)
                };
                let write = match list_item(svc, &m.target) {
                    Some(item_target) => {
                        let item = item_member(svc, m);
                        let push = push(&item_target, &item, quote!(item));
                        quote!(for item in v { #push })
                    }
                    None => push(&m.target, m, quote!(v)),
                };
                query.push(quote! {
                    if let ::std::option::Option::Some(v) = &#field {
                        #write
                    }
                });
            }
            HttpLocation::QueryParams => {
                let ShapeKind::Map(map) = &svc.model.shape(&m.target).kind else {
                    continue;
                };
                let key = match svc.model.shape(&map.key.target).kind {
                    ShapeKind::Enum(_) => quote!(key.as_str()),
                    _ => quote!(key.as_str()),
                };
                let write = match list_item(svc, &map.value.target) {
                    Some(item_target) => {
                        let value = text(svc, &map.value, &item_target, &m.http, &quote!(item));
                        quote! {
                            for item in value {
                                crate::runtime::rest::push_query(&mut uri, #key, #value);
                            }
                        }
                    }
                    None => {
                        let value =
                            text(svc, &map.value, &map.value.target, &m.http, &quote!(value));
                        quote!(crate::runtime::rest::push_query(&mut uri, #key, #value);)
                    }
                };
                // A key some query member names is that member's (Smithy: `httpQuery` wins).
                let skip = if named.is_empty() {
                    quote!()
                } else {
                    quote! {
                        if [#(#named),*].contains(&#key) {
                            continue;
                        }
                    }
                };
                query.push(quote! {
                    if let ::std::option::Option::Some(map) = &#field {
                        for (key, value) in map {
                            #skip
                            #write
                        }
                    }
                });
            }
            HttpLocation::Header(name) => {
                let write = match list_item(svc, &m.target) {
                    Some(item_target) => {
                        let item = item_member(svc, m);
                        let value = text(svc, &item, &item_target, &m.http, &quote!(item));
                        let quote_it = quoted_in_lists(svc, &item_target);
                        quote! {
                            let mut joined = ::std::string::String::new();
                            for item in v {
                                crate::runtime::rest::push_header_item(&mut joined, #value, #quote_it);
                            }
                            crate::runtime::rest::set_header(&mut headers, #name, &joined, #member)?;
                        }
                    }
                    None => {
                        let value = text(svc, m, &m.target, &m.http, &quote!(v));
                        quote!(crate::runtime::rest::set_header(&mut headers, #name, #value, #member)?;)
                    }
                };
                headers.push(quote! {
                    if let ::std::option::Option::Some(v) = &#field {
                        #write
                    }
                });
            }
            HttpLocation::PrefixHeaders(prefix) => {
                let ShapeKind::Map(map) = &svc.model.shape(&m.target).kind else {
                    continue;
                };
                let value = text(svc, &map.value, &map.value.target, &m.http, &quote!(value));
                headers.push(quote! {
                    if let ::std::option::Option::Some(map) = &#field {
                        for (key, value) in map {
                            crate::runtime::rest::set_prefixed_header(&mut headers, #prefix, key.as_str(), #value, #member)?;
                        }
                    }
                });
            }
            _ => {}
        }
    }
    let method = method(&op.http.method);
    let capacity = op.http.request_uri.len() + 16;
    let headers_decl = if headers.is_empty() {
        quote!(let headers = ::http::HeaderMap::new();)
    } else {
        quote!(let mut headers = ::http::HeaderMap::new();)
    };
    let body = body.0;
    // A streaming body not in memory: its length, when known, is the request's.
    let finish = match svc.streaming_payload(&op.input) {
        Some(field) => quote! {
            let mut request = crate::runtime::rest::request(#method, uri, headers, body, content_type)?;
            crate::runtime::byte_stream::set_length(&mut request, input.#field.as_ref());
            ::std::result::Result::Ok(request)
        },
        None => quote!(crate::runtime::rest::request(#method, uri, headers, body, content_type)),
    };
    quote! {
        let mut uri = ::std::string::String::with_capacity(#capacity);
        #(#path)*
        #literal_query
        #(#query)*
        #headers_decl
        #(#headers)*
        let (body, content_type) = { #body };
        #finish
    }
}

/// The list item member of list member `m`, with `m`'s timestamp format when the item has none.
fn item_member(svc: &Service<'_>, m: &Member) -> Member {
    match &svc.model.shape(&m.target).kind {
        ShapeKind::List(l) => {
            let mut item = l.member.clone();
            item.timestamp_format = item.timestamp_format.or(m.timestamp_format);
            item
        }
        _ => m.clone(),
    }
}

/// `http::Method::GET`, … (the model's method, checked by lowering to be one HTTP knows).
fn method(name: &str) -> TokenStream {
    match name {
        "GET" => quote!(::http::Method::GET),
        "PUT" => quote!(::http::Method::PUT),
        "POST" => quote!(::http::Method::POST),
        "DELETE" => quote!(::http::Method::DELETE),
        "PATCH" => quote!(::http::Method::PATCH),
        "HEAD" => quote!(::http::Method::HEAD),
        _ => quote!(::http::Method::OPTIONS),
    }
}

/// The input structure's members and field names (none without input).
pub fn input_members<'s>(svc: &'s Service<'_>, op: &Operation) -> (&'s [Member], &'s [String]) {
    match &svc.model.shape(&op.input).kind {
        ShapeKind::Structure(s) => (&s.members, svc.names.fields(&op.input)),
        _ => (&[], &[]),
    }
}
