//! The documentation page of an operation (its module docs), as complete as the AWS SDK
//! reference pages: description with notes and warnings, a compiled usage example, every input
//! member with whether it is required, the response structure with nested types linked, every
//! error with its wire code, and the API reference link.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::Service;
use super::docs::{Doc, code};
use crate::ir::{Member, Operation, Scalar, ShapeId, ShapeKind};
use crate::naming;

/// The module documentation of `op`.
pub fn operation_doc(svc: &Service<'_>, op: &Operation) -> Doc {
    let names = svc.names.operation(&op.name);
    let mut doc = Doc::from_html(op.docs.as_deref(), || {
        format!("The {} operation.", code(&op.name))
    });
    if let Some(d) = &op.deprecated {
        doc.paragraph(&format!(
            "**Deprecated.** {}",
            d.message
                .as_deref()
                .unwrap_or("The service marks this operation deprecated.")
        ));
    }

    doc.paragraph("# Request");
    doc.paragraph(&format!(
        "Build a [`{input}`] and turn it into an HTTP request with \
         `{op}::build_request`; send it with any HTTP client (after adding the host and \
         signing it), and read the answer with `{op}::parse_response`: both are methods of \
         the [`Operation`](crate::runtime::Operation) trait, which [`{op}`] implements (bring \
         the trait into scope).",
        input = names.input,
        op = names.operation,
    ));
    if let Some(example) = usage_example(svc, op) {
        doc.paragraph(&example);
    }
    let mut members = Vec::new();
    member_tree(svc, &op.input, true, 0, &mut BTreeSet::new(), &mut members);
    if members.is_empty() {
        doc.paragraph("The operation takes no parameters.");
    } else {
        doc.paragraph(&format!("Members of [`{}`]:", names.input));
        doc.paragraph(&members.join("\n"));
    }

    doc.paragraph("# Response");
    let mut tree = Vec::new();
    member_tree(svc, &op.output, false, 0, &mut BTreeSet::new(), &mut tree);
    if tree.is_empty() {
        doc.paragraph(&format!("[`{}`] has no members.", names.output));
    } else {
        doc.paragraph(&format!(
            "[`{}`], with its request id in `request_id()`:",
            names.output
        ));
        doc.paragraph(&tree.join("\n"));
    }

    if op.paginator.is_some() {
        doc.paragraph(&format!(
            "**Paginated.** After each response, `{input}::next_page(&output)` gives the input \
             of the next page (or `None` after the last one), and `{output}::items()` the \
             items of the page.",
            input = names.input,
            output = names.output,
        ));
    }

    doc.paragraph("# Errors");
    let errors: Vec<String> = names
        .error_variants
        .iter()
        .map(|(id, variant)| {
            let shape = svc.model.shape(id);
            let info = shape.error.as_ref();
            let wire = info.map_or_else(|| id.name().to_owned(), |e| e.code.clone());
            let status = info
                .and_then(|e| e.http_status)
                .map(|s| format!(", HTTP {s}"))
                .unwrap_or_default();
            format!(
                "- [`{variant}`]({error}::{variant}) (wire code {}{status}){}",
                code(&wire),
                summary(shape.docs.as_deref()),
                error = names.error,
            )
        })
        .collect();
    doc.paragraph(&format!(
        "[`{}`]: one variant per error the operation lists, and `Unhandled` for any other (an \
         error of the service read as its [`Error`](crate::{}::Error), or an unknown code); \
         every variant carries the code, message, request id and HTTP status.",
        names.error, svc.module
    ));
    if !errors.is_empty() {
        doc.paragraph(&errors.join("\n"));
    }

    let examples = super::examples::examples_doc(svc, op);
    if !examples.is_empty() {
        doc.paragraph("# Examples");
        doc.paragraph(
            "From the model's examples, checked as doctests: build the request, then parse the \
             response the service sends for the example's output.",
        );
        for example in examples {
            doc.paragraph(&example);
        }
    }

    if let Some(uid) = &svc.model.service.uid {
        doc.paragraph(&format!(
            "See also the [AWS API reference](https://docs.aws.amazon.com/goto/WebAPI/{uid}/{}).",
            op.name
        ));
    }
    doc
}

/// `: first sentence of the docs` (Markdown), or nothing.
fn summary(html: Option<&str>) -> String {
    html.and_then(crate::docs::first_sentence)
        .map(|s| format!(": {}", crate::docs::escape_markdown(&s)))
        .unwrap_or_default()
}

/// The members of the structure `id` as a nested list (with field names and required markers
/// at the top level when `input`); each named structure is expanded the first time it appears.
fn member_tree(
    svc: &Service<'_>,
    id: &ShapeId,
    input: bool,
    depth: usize,
    expanded: &mut BTreeSet<ShapeId>,
    out: &mut Vec<String>,
) {
    let ShapeKind::Structure(s) = &svc.model.shape(id).kind else {
        return;
    };
    if depth > 8 || (!expanded.insert(id.clone()) && depth > 0) {
        return;
    }
    let indent = "  ".repeat(depth);
    for (m, field) in s.members.iter().zip(svc.names.fields(id)) {
        let target = svc.model.shape(&m.target);
        let field = if input && depth == 0 {
            format!("field `{field}`, ")
        } else {
            String::new()
        };
        out.push(format!(
            "{indent}- {} ({field}{}){}{}{}",
            code(&m.name),
            describe_type(svc, &m.target),
            if input && m.required {
                ", **required**"
            } else {
                ""
            },
            if m.deprecated.is_some() {
                ", deprecated"
            } else {
                ""
            },
            summary(m.docs.as_deref().or(target.docs.as_deref())),
        ));
        if let Some(inner) = structure_inside(svc, &m.target)
            && !expanded.contains(&inner)
        {
            member_tree(svc, &inner, input, depth + 1, expanded, out);
        }
    }
}

/// The structure a member holds, directly or as list items or map values.
fn structure_inside(svc: &Service<'_>, id: &ShapeId) -> Option<ShapeId> {
    match &svc.model.shape(id).kind {
        ShapeKind::Structure(_) => Some(id.clone()),
        ShapeKind::List(l) => structure_inside(svc, &l.member.target),
        ShapeKind::Map(m) => structure_inside(svc, &m.value.target),
        _ => None,
    }
}

/// `string`, `list of [`Tag`](…)`, `[`Snapshot`](…)`, …
fn describe_type(svc: &Service<'_>, id: &ShapeId) -> String {
    let link = |id: &ShapeId| {
        let name = svc.names.type_of(id).map_or("?", |t| t.name.as_str());
        format!("[`{name}`](crate::{}::types::{name})", svc.module)
    };
    let shape = svc.model.shape(id);
    match &shape.kind {
        ShapeKind::Union(_) if shape.event_stream.is_some() && svc.is_input_stream(id) => {
            format!("list of {} events to send first", link(id))
        }
        ShapeKind::Structure(_) | ShapeKind::Union(_) => link(id),
        ShapeKind::Enum(_) | ShapeKind::IntEnum(_) => format!("enum {}", link(id)),
        ShapeKind::List(l) => format!("list of {}", describe_type(svc, &l.member.target)),
        ShapeKind::Map(m) => format!(
            "map of {} to {}",
            describe_type(svc, &m.key.target),
            describe_type(svc, &m.value.target)
        ),
        ShapeKind::Document => "document".to_owned(),
        ShapeKind::Scalar(s) => s.describe().to_owned(),
    }
}

/// A usage example that builds the input with every member set and builds the request,
/// compiled as a doctest. `None` when the input cannot be built from placeholders.
fn usage_example(svc: &Service<'_>, op: &Operation) -> Option<String> {
    let names = svc.names.operation(&op.name);
    let krate = naming::to_ident(&svc.crate_name);
    let module = naming::to_ident(&svc.module);
    let op_module = naming::to_ident(&names.module);
    let op_struct = naming::to_ident(&names.operation);
    let input = naming::to_ident(&names.input);
    let example = Example {
        svc,
        krate: quote!(#krate::#module),
    };
    let (calls, required) = example.member_calls(&op.input, 0, &mut Vec::new())?;
    let build = if required {
        quote!(#input::builder() #calls .build()?)
    } else {
        quote!(#input::builder() #calls .build())
    };
    let method = super::protocol::request_method(svc, op);
    let file: syn::File = syn::parse2(quote! {
        fn main() -> ::std::result::Result<(), ::std::boxed::Box<dyn ::std::error::Error>> {
            use #krate::#module::operation::#op_module::{#op_struct, #input};
            use #krate::runtime::Operation as _;
            let input = #build;
            let request = #op_struct::build_request(&input)?;
            assert_eq!(request.method(), #method);
            Ok(())
        }
    })
    .ok()?;
    Some(super::docs::doctest_block(&file))
}

struct Example<'s, 'm> {
    svc: &'s Service<'m>,
    /// `crate_name::service`.
    krate: TokenStream,
}

impl Example<'_, '_> {
    /// Builder calls setting every (non-deprecated) member of the structure `id`, and whether it
    /// has required members (so `build()` returns a `Result`). Below depth 2 only required
    /// members are set, and a structure already being built is not entered again.
    fn member_calls(
        &self,
        id: &ShapeId,
        depth: usize,
        path: &mut Vec<ShapeId>,
    ) -> Option<(TokenStream, bool)> {
        let ShapeKind::Structure(s) = &self.svc.model.shape(id).kind else {
            return None;
        };
        path.push(id.clone());
        let mut calls = TokenStream::new();
        for (m, field) in s.members.iter().zip(self.svc.names.fields(id)) {
            if m.deprecated.is_some() || (depth > 1 && !m.required) {
                continue;
            }
            match self.member_call(m, field, depth, path) {
                Some(call) => calls.extend(call),
                None if m.required => {
                    path.pop();
                    return None;
                }
                None => {}
            }
        }
        path.pop();
        Some((calls, s.members.iter().any(|m| m.required)))
    }

    fn member_call(
        &self,
        m: &Member,
        field: &str,
        depth: usize,
        path: &mut Vec<ShapeId>,
    ) -> Option<TokenStream> {
        let method = naming::to_ident(field);
        match &self.svc.model.shape(&m.target).kind {
            ShapeKind::List(l) => {
                let item = self.value(&l.member.target, depth, path)?;
                Some(quote!(.#method(#item)))
            }
            ShapeKind::Map(map) => {
                let key = self.value(&map.key.target, depth, path)?;
                let value = self.value(&map.value.target, depth, path)?;
                Some(quote!(.#method(#key, #value)))
            }
            _ => {
                let value = self.value(&m.target, depth, path)?;
                Some(quote!(.#method(#value)))
            }
        }
    }

    /// A placeholder value of shape `id`.
    fn value(&self, id: &ShapeId, depth: usize, path: &mut Vec<ShapeId>) -> Option<TokenStream> {
        let krate = &self.krate;
        let shape = self.svc.model.shape(id);
        let type_name = || {
            let name = self
                .svc
                .names
                .type_of(id)
                .map(|t| naming::to_ident(&t.name));
            name.map(|n| quote!(#krate::types::#n))
        };
        Some(match &shape.kind {
            ShapeKind::Scalar(Scalar::String | Scalar::BigInteger | Scalar::BigDecimal) => {
                quote!("string")
            }
            ShapeKind::Scalar(Scalar::Boolean) => quote!(false),
            ShapeKind::Scalar(Scalar::Byte | Scalar::Short | Scalar::Integer | Scalar::Long) => {
                quote!(0)
            }
            ShapeKind::Scalar(Scalar::Float | Scalar::Double) => quote!(0.0),
            ShapeKind::Scalar(Scalar::Timestamp) => {
                let root = self.crate_root();
                quote!(#root::runtime::DateTime::from_secs(0))
            }
            ShapeKind::Scalar(Scalar::Blob) => {
                let root = self.crate_root();
                quote!(#root::runtime::Blob::from("bytes"))
            }
            ShapeKind::Enum(_) | ShapeKind::IntEnum(_) => {
                let ty = type_name()?;
                let variant = naming::to_ident(self.svc.names.variants(id).first()?);
                quote!(#ty::#variant)
            }
            ShapeKind::Structure(_) => {
                if path.contains(id) || depth > 3 {
                    return None;
                }
                let ty = type_name()?;
                let (calls, required) = self.member_calls(id, depth + 1, path)?;
                if required {
                    quote!(#ty::builder() #calls .build()?)
                } else {
                    quote!(#ty::builder() #calls .build())
                }
            }
            ShapeKind::Union(s) => {
                let ty = type_name()?;
                let (member, variant) = s.members.iter().zip(self.svc.names.fields(id)).next()?;
                let value = self.value(&member.target, depth + 1, path)?;
                let variant = naming::to_ident(variant);
                let event = quote!(#ty::#variant(::std::convert::Into::into(#value)));
                if shape.event_stream.is_some() && self.svc.is_input_stream(id) {
                    // An input stream's value is the list of events to send first.
                    quote!(::std::vec![#event])
                } else {
                    event
                }
            }
            ShapeKind::List(_) | ShapeKind::Map(_) | ShapeKind::Document => return None,
        })
    }

    /// The crate's root path (`crate_name`).
    fn crate_root(&self) -> TokenStream {
        let krate = naming::to_ident(&self.svc.crate_name);
        quote!(#krate)
    }
}
