//! awsQuery request serializers: `build_request`, the operation input's serializer, and one
//! `ser_<stem>` function per structure, union, list and map an input reaches.
//!
//! Key rules (botocore's `QuerySerializer`, and the Smithy awsQuery tests where botocore fails
//! them):
//!
//! * a member's key is its `locationName`, else its name; members in model order; absent
//!   members are left out; an idempotency token of the input left unset gets a fresh UUID;
//! * a list is `Key.<item>.N` with `<item>` the list member's `locationName`, else `member`; a
//!   flattened list drops `<item>` and is keyed by the structure member's `locationName`, else
//!   the list member's `locationName` (botocore), else the member name; an empty list is sent
//!   as `Key=`;
//! * a map is `Key.entry.N.key` / `Key.entry.N.value` (`key`/`value` renamed by the map's key
//!   and value `locationName`s); flattened maps drop `entry`; an empty map sends nothing;
//! * booleans `true`/`false`, timestamps by `timestampFormat` (default date-time), blobs
//!   base64, floats as Python's `repr`.
//!
//! The ec2 dialect (botocore's `EC2Serializer`) changes two rules: a member's key is its
//! `queryName`, else its `locationName` (else its name) with the first letter upper-cased; and a
//! list is always `Key.N` (flattened whatever the model says), an empty list sending nothing.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Dialect, Plan, fn_name, ident, wire_name, xml_name};
use crate::ir::{Member, Operation, Scalar, ShapeId, ShapeKind, Structure, TimestampFormat};

/// Form-encodes a model name at generation time, as the runtime encodes values.
pub(super) fn encode_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else if b == b' ' {
            out.push('+');
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The body of `build_request`.
pub fn build_request(plan: &Plan<'_, '_>, op: &Operation) -> TokenStream {
    let stem = plan.op_stem(op);
    let ser = plan.path(stem, &fn_name("ser", stem, "_input"));
    let path = if is_plain_path(&op.http.request_uri) {
        op.http.request_uri.as_str()
    } else {
        "/"
    };
    quote! {
        crate::runtime::operation::post_request(
            #path,
            &[("content-type", crate::runtime::query::CONTENT_TYPE)],
            #ser(input),
        )
    }
}

/// Whether a request URI can go into `Uri::from_static` as it is (awsQuery's is `/`).
pub(super) fn is_plain_path(uri: &str) -> bool {
    uri.starts_with('/')
        && uri
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/-._~".contains(&b))
}

/// `ser_<op>_input`: the whole body of the operation's request.
pub fn operation_input(plan: &Plan<'_, '_>, op: &Operation) -> TokenStream {
    let svc = plan.svc;
    let stem = plan.op_stem(op);
    let function = ident(&fn_name("ser", stem, "_input"));
    let names = svc.names.operation(&op.name);
    let input = ident(&names.input);
    let module = plan.op_module(op);
    let action = encode_key(&op.name);
    let root = svc.root();
    let (structure, fields) = match &svc.model.shape(&op.input).kind {
        ShapeKind::Structure(s) => (s, svc.names.fields(&op.input)),
        _ => unreachable!(
            "operation input `{}` was validated to be a structure",
            op.input
        ),
    };
    let capacity = capacity(plan, op, structure);
    let body = members(plan, structure, fields);
    let allow = crate::emit::allow_deprecated(structure.has_deprecated_member());
    let value = if structure.members.is_empty() {
        quote!(_value)
    } else {
        quote!(value)
    };
    let doc = format!(" The form-encoded body of the `{}` request.", op.name);
    let new =
        quote!(crate::runtime::query::QueryWriter::new(#action, #root::API_VERSION, #capacity));
    let body = if structure.members.is_empty() {
        quote!(#new.finish())
    } else {
        quote! {
            let mut w = #new;
            #body
            w.finish()
        }
    };
    quote! {
        #[doc = #doc]
        #allow
        pub(crate) fn #function(#value: &#module::#input) -> ::std::vec::Vec<u8> {
            #body
        }
    }
}

/// A guess at the body's size, so that the buffer rarely grows: the fixed part, plus room for
/// each top-level member.
fn capacity(plan: &Plan<'_, '_>, op: &Operation, structure: &Structure) -> usize {
    let fixed = "Action=&Version=".len() + op.name.len() + plan.svc.model.service.api_version.len();
    let members: usize = structure
        .members
        .iter()
        .map(|m| {
            let per_value = wire_name(m).len() + 32;
            match &plan.svc.model.shape(&m.target).kind {
                ShapeKind::List(_) | ShapeKind::Map(_) => 4 * per_value,
                ShapeKind::Structure(_) | ShapeKind::Union(_) => 2 * per_value,
                _ => per_value,
            }
        })
        .sum();
    (fixed + members).next_power_of_two().max(64)
}

/// The serializer of a structure, union, list or map.
pub fn shape(plan: &Plan<'_, '_>, id: &ShapeId) -> TokenStream {
    let svc = plan.svc;
    let stem = plan.stem(id);
    let function = ident(&fn_name("ser", stem, ""));
    let shape = svc.model.shape(id);
    let doc = format!(" Writes a `{}` at the writer's current key.", id.name());
    match &shape.kind {
        ShapeKind::Structure(s) => {
            let ty = svc.type_path(id);
            let body = members(plan, s, svc.names.fields(id));
            let allow = crate::emit::allow_deprecated(s.has_deprecated_member());
            let value = if s.members.is_empty() {
                quote!(_value)
            } else {
                quote!(value)
            };
            let w = if s.members.is_empty() {
                quote!(_w)
            } else {
                quote!(w)
            };
            quote! {
                #[doc = #doc]
                #allow
                pub(crate) fn #function(#w: &mut crate::runtime::query::QueryWriter, #value: &#ty) {
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
                    let key = encode_key(&member_key(plan, member));
                    let write = value(plan, member, quote!(v), quote!(w.member(#key)));
                    quote!(#ty::#variant(v) => { #write })
                });
            let allow = crate::emit::allow_deprecated(s.has_deprecated_member());
            quote! {
                #[doc = #doc]
                #allow
                pub(crate) fn #function(w: &mut crate::runtime::query::QueryWriter, value: &#ty) {
                    match value {
                        #(#arms)*
                        #ty::Unknown { .. } => {}
                    }
                }
            }
        }
        ShapeKind::List(l) if plan.dialect() == Dialect::Ec2 => {
            let item_ty = svc.member_value_type(&l.member);
            let write = value(plan, &l.member, quote!(item), quote!(w.index(i + 1)));
            quote! {
                #[doc = #doc]
                ///
                /// Items are `.N` (ec2 lists are always flattened); an empty list writes
                /// nothing.
                pub(crate) fn #function(
                    w: &mut crate::runtime::query::QueryWriter,
                    value: &[#item_ty],
                ) {
                    for (i, item) in value.iter().enumerate() {
                        #write
                    }
                }
            }
        }
        ShapeKind::List(l) => {
            let item_ty = svc.member_value_type(&l.member);
            let item = encode_key(xml_name(&l.member).unwrap_or("member"));
            let write = value(plan, &l.member, quote!(item), quote!(w.index(i + 1)));
            quote! {
                #[doc = #doc]
                ///
                /// Items are `.<item>.N` (`.N` when `flattened`); an empty list is written as
                /// an empty value.
                pub(crate) fn #function(
                    w: &mut crate::runtime::query::QueryWriter,
                    value: &[#item_ty],
                    flattened: bool,
                ) {
                    if value.is_empty() {
                        w.empty();
                        return;
                    }
                    let mut wrapper;
                    let w: &mut crate::runtime::query::QueryWriter = if flattened {
                        w
                    } else {
                        wrapper = w.member(#item);
                        &mut wrapper
                    };
                    for (i, item) in value.iter().enumerate() {
                        #write
                    }
                }
            }
        }
        ShapeKind::Map(m) => {
            let ty = svc.rust_type(id);
            let key_name = encode_key(xml_name(&m.key).unwrap_or("key"));
            let value_name = encode_key(xml_name(&m.value).unwrap_or("value"));
            let write_key = value(plan, &m.key, quote!(k), quote!(entry.member(#key_name)));
            let write_value = value(plan, &m.value, quote!(v), quote!(entry.member(#value_name)));
            quote! {
                #[doc = #doc]
                ///
                /// Entries are `.entry.N.key` and `.entry.N.value` (without `.entry` when
                /// `flattened`); an empty map writes nothing.
                pub(crate) fn #function(
                    w: &mut crate::runtime::query::QueryWriter,
                    value: &#ty,
                    flattened: bool,
                ) {
                    let mut wrapper;
                    let w: &mut crate::runtime::query::QueryWriter = if flattened {
                        w
                    } else {
                        wrapper = w.member("entry");
                        &mut wrapper
                    };
                    for (i, (k, v)) in value.iter().enumerate() {
                        let mut entry = w.index(i + 1);
                        #write_key
                        #write_value
                    }
                }
            }
        }
        _ => unreachable!("only structures, unions, lists and maps have serializers"),
    }
}

/// The key of a structure member (see the module docs for flattened lists and ec2).
pub(super) fn member_key(plan: &Plan<'_, '_>, member: &Member) -> String {
    if plan.dialect() == Dialect::Ec2 {
        if let Some(name) = &member.wire.query_name {
            return name.clone();
        }
        // Smithy's rule; botocore upper-cases only `locationName`, which real EC2 models
        // never need for member names (they start upper-case), while the Smithy suites do.
        let name = xml_name(member).unwrap_or(&member.name);
        let mut chars = name.chars();
        return chars.next().map_or_else(String::new, |first| {
            first.to_uppercase().chain(chars).collect()
        });
    }
    if let Some(name) = xml_name(member) {
        return name.to_owned();
    }
    match &plan.svc.model.shape(&member.target).kind {
        ShapeKind::List(l) if member.wire.flattened => {
            xml_name(&l.member).map_or_else(|| member.name.clone(), str::to_owned)
        }
        _ => member.name.clone(),
    }
}

/// Statements writing every present member of a structure held in `value` to `w` (unset
/// idempotency tokens of the input are filled in before, by `protocol::extras`).
fn members(plan: &Plan<'_, '_>, structure: &Structure, fields: &[String]) -> TokenStream {
    let mut out = TokenStream::new();
    for (member, field) in structure.members.iter().zip(fields) {
        let field = ident(field);
        let key = encode_key(&member_key(plan, member));
        let write = value(plan, member, quote!(v), quote!(w.member(#key)));
        out.extend(quote! {
            if let ::std::option::Option::Some(v) = &value.#field {
                #write
            }
        });
    }
    out
}

/// A statement writing `v` (an expression of type `&T`, `T` the member's value type) at the
/// scope `w` (an expression creating a `Scope`).
fn value(plan: &Plan<'_, '_>, member: &Member, v: TokenStream, w: TokenStream) -> TokenStream {
    let svc = plan.svc;
    let target = &member.target;
    match &svc.model.shape(target).kind {
        ShapeKind::Structure(_) | ShapeKind::Union(_) => {
            let f = plan.function(target, "ser", "");
            quote!(#f(&mut #w, #v);)
        }
        ShapeKind::List(_) if plan.dialect() == Dialect::Ec2 => {
            let f = plan.function(target, "ser", "");
            quote!(#f(&mut #w, #v);)
        }
        ShapeKind::List(_) | ShapeKind::Map(_) => {
            let f = plan.function(target, "ser", "");
            let flattened = member.wire.flattened;
            quote!(#f(&mut #w, #v, #flattened);)
        }
        ShapeKind::Enum(_) => quote!(#w.string(#v.as_str());),
        ShapeKind::IntEnum(_) => quote!(#w.integer(#v.value());),
        ShapeKind::Document => {
            // Lowering rejects documents for awsQuery; nothing is written if one slips through.
            quote!(let _ = #v;)
        }
        ShapeKind::Scalar(scalar) => match scalar {
            Scalar::String | Scalar::BigInteger | Scalar::BigDecimal => quote!(#w.string(#v);),
            Scalar::Boolean => quote!(#w.boolean(*#v);),
            Scalar::Byte | Scalar::Short | Scalar::Integer | Scalar::Long => {
                quote!(#w.integer(*#v);)
            }
            Scalar::Float => quote!(#w.float(*#v);),
            Scalar::Double => quote!(#w.double(*#v);),
            Scalar::Timestamp => match member.timestamp_format {
                None | Some(TimestampFormat::DateTime) => quote!(#w.date_time(*#v);),
                Some(TimestampFormat::HttpDate) => quote!(#w.http_date(*#v);),
                Some(TimestampFormat::EpochSeconds) => quote!(#w.epoch_seconds(*#v);),
            },
            Scalar::Blob => quote!(#w.string(&#v.to_base64());),
        },
    }
}
