//! The checks themselves: what generated code runs for one member of a structure, one value of
//! a shape, and one list or map shape. Scalars are checked inline; structures and unions are
//! checked by their `Validate::validate_into` (through `validate::nested`); lists and maps call
//! their function in the service's `validate.rs`.
//! Only shapes with something to check inside (see [`super::Plan`]) produce any code.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::Plan;
use super::bounds::{self, Bound, Own};
use crate::emit::Service;
use crate::ir::{Member, Scalar, ShapeId, ShapeKind};
use crate::naming;

/// The checks of one structure member, whose field is `field`: required, then the value's own.
pub fn member_checks(
    svc: &Service<'_>,
    plan: &Plan,
    member: &Member,
    field: &Ident,
) -> TokenStream {
    let wire = &member.name;
    let checked = plan.is_checked(&member.target);
    let field = quote!(&self.#field);
    // A required member is one `out.required` call, which gives its value when it is set.
    let value = if member.required {
        quote!(out.required(#field, path, #wire))
    } else {
        quote!(#field)
    };
    match (member.required, checked) {
        (false, false) => TokenStream::new(),
        (true, false) => quote!(#value;),
        (_, true) => {
            let checks = value_checks(svc, plan, member, &quote!(value));
            quote! {
                if let ::std::option::Option::Some(value) = #value {
                    let path = path.member(#wire);
                    #checks
                }
            }
        }
    }
}

/// The checks of a value of `member`'s target, bound to `value` (a reference, to a `Box` when
/// the member is boxed), at the `Path` bound to `path`.
pub fn value_checks(
    svc: &Service<'_>,
    plan: &Plan,
    member: &Member,
    value: &TokenStream,
) -> TokenStream {
    let shape = svc.model.shape(&member.target);
    let sensitive = member.sensitive || shape.sensitive;
    // A boxed member's value is a `&Box<T>`: method calls and function arguments deref it.
    match &shape.kind {
        // An input event stream's value is the list of events to send first.
        ShapeKind::Union(_) if shape.event_stream.is_some() => quote! {
            for (i, event) in #value.iter().enumerate() {
                let path = path.index(i);
                crate::runtime::validate::nested(event, &path, out);
            }
        },
        ShapeKind::Structure(_) | ShapeKind::Union(_) => {
            quote!(crate::runtime::validate::nested(#value, &path, out);)
        }
        ShapeKind::List(_) | ShapeKind::Map(_) => {
            let root = svc.root();
            let function = naming::to_ident(
                plan.functions
                    .get(&member.target)
                    .unwrap_or_else(|| unreachable!("checked collection has a function")),
            );
            quote!(#root::validate::#function(#value, &path, out);)
        }
        _ => scalar_checks(svc, plan, &member.target, value, sensitive),
    }
}

/// Checks of a string, enum, blob or number value.
fn scalar_checks(
    svc: &Service<'_>,
    plan: &Plan,
    id: &ShapeId,
    value: &TokenStream,
    sensitive: bool,
) -> TokenStream {
    let shape = svc.model.shape(id);
    match bounds::own(shape) {
        Own::String { lengths, pattern } => {
            let mut out = TokenStream::new();
            if lengths.0.is_some() || lengths.1.is_some() {
                let (min, max) = (opt_u64(lengths.0), opt_u64(lengths.1));
                out.extend(quote!(out.length(#value.as_str(), #min, #max, &path);));
            }
            if let Some(name) = pattern.and_then(|p| plan.patterns.get(&p)) {
                let root = svc.root();
                let name = naming::to_ident(name);
                out.extend(quote!(#root::validate::#name.check(#value.as_str(), &path, out);));
            }
            out
        }
        Own::Blob((min, max)) => {
            let (min, max) = (opt_u64(min), opt_u64(max));
            quote!(out.bytes(#value.as_bytes().len(), #min, #max, &path);)
        }
        Own::Int((min, max)) => {
            let int = |b: Bound<i128>| match b {
                Some((n, text)) => {
                    let abs = Literal::u128_unsuffixed(n.unsigned_abs());
                    let n = if n < 0 { quote!(-#abs) } else { quote!(#abs) };
                    quote!(::std::option::Option::Some((#n, #text)))
                }
                None => quote!(::std::option::Option::None),
            };
            let (min, max) = (int(min), int(max));
            quote! {
                out.int_range(::std::primitive::i128::from(*#value), #min, #max, #sensitive, &path);
            }
        }
        Own::Float((min, max)) => {
            let float = |b: Bound<f64>| match b {
                Some((f, text)) => {
                    let abs = Literal::f64_unsuffixed(f.abs());
                    let f = if f < 0.0 { quote!(-#abs) } else { quote!(#abs) };
                    quote!(::std::option::Option::Some((#f, #text)))
                }
                None => quote!(::std::option::Option::None),
            };
            let (min, max) = (float(min), float(max));
            let number = match shape.kind {
                ShapeKind::Scalar(Scalar::Float) => quote!(::std::primitive::f64::from(*#value)),
                _ => quote!(*#value),
            };
            quote!(out.float_range(#number, #min, #max, #sensitive, &path);)
        }
        // Not checked: see `bounds::own`. Lists, maps, structures and unions never get here.
        Own::None | Own::List(_) | Own::Map(_) => TokenStream::new(),
    }
}

fn opt_u64(n: Option<u64>) -> TokenStream {
    match n {
        Some(n) => {
            let n = Literal::u64_unsuffixed(n);
            quote!(::std::option::Option::Some(#n))
        }
        None => quote!(::std::option::Option::None),
    }
}

/// The function `name` that checks a value of the list or map shape `id`: its size, then each
/// item or entry.
pub fn collection_fn(svc: &Service<'_>, plan: &Plan, id: &ShapeId, name: &str) -> TokenStream {
    let shape = svc.model.shape(id);
    let function = naming::to_ident(name);
    let doc = format!(
        " Records the violations of a {} value at `path`.",
        crate::emit::docs::code(id.name())
    );
    let (param, body) = match &shape.kind {
        ShapeKind::List(list) => {
            let item = svc.member_value_type(&list.member);
            let size = match bounds::own(shape) {
                Own::List((min, max)) => {
                    let (min, max) = (opt_u64(min), opt_u64(max));
                    quote!(out.items(value.len(), #min, #max, path);)
                }
                _ => TokenStream::new(),
            };
            let items = plan.is_checked(&list.member.target).then(|| {
                let checks = value_checks(svc, plan, &list.member, &quote!(item));
                quote! {
                    for (index, item) in value.iter().enumerate() {
                        let path = path.index(index);
                        #checks
                    }
                }
            });
            (quote!(&[#item]), quote!(#size #items))
        }
        ShapeKind::Map(map) => {
            let key_ty = svc.member_value_type(&map.key);
            let value_ty = svc.member_value_type(&map.value);
            let size = match bounds::own(shape) {
                Own::Map((min, max)) => {
                    let (min, max) = (opt_u64(min), opt_u64(max));
                    quote!(out.entries(value.len(), #min, #max, path);)
                }
                _ => TokenStream::new(),
            };
            let entries = map_entries(svc, plan, &map.key, &map.value);
            (
                quote!(&::indexmap::IndexMap<#key_ty, #value_ty>),
                quote!(#size #entries),
            )
        }
        _ => unreachable!("only lists and maps have collection functions"),
    };
    quote! {
        #[doc = #doc]
        pub(crate) fn #function(
            value: #param,
            path: &crate::runtime::validate::Path<'_>,
            out: &mut crate::runtime::validate::Violations,
        ) {
            #body
        }
    }
}

/// The loop over a map's entries: the key's own checks at `Map["k"] (key)`, the value's at
/// `Map["k"]`. A sensitive key is not shown in paths.
fn map_entries(svc: &Service<'_>, plan: &Plan, key: &Member, value: &Member) -> TokenStream {
    let key_checked = plan.is_checked(&key.target);
    let value_checked = plan.is_checked(&value.target);
    if !key_checked && !value_checked {
        return TokenStream::new();
    }
    let sensitive_key = key.sensitive || svc.model.shape(&key.target).sensitive;
    let entry_path = if sensitive_key {
        quote!(path.sensitive_key())
    } else {
        quote!(path.key(key.as_str()))
    };
    let key_checks = key_checked.then(|| {
        let checks = value_checks(svc, plan, key, &quote!(key));
        quote! {{
            let path = path.key_itself();
            #checks
        }}
    });
    let value_checks = value_checked.then(|| value_checks(svc, plan, value, &quote!(item)));
    let binding = match (sensitive_key && !key_checked, value_checked) {
        // The key is neither shown nor checked: only values matter.
        (true, _) => quote!(for item in value.values()),
        (false, true) => quote!(for (key, item) in value),
        (false, false) => quote!(for key in value.keys()),
    };
    quote! {
        #binding {
            let path = #entry_path;
            #key_checks
            #value_checks
        }
    }
}
