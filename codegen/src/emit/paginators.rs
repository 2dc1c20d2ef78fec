//! Sans-IO pagination helpers for paginated operations: `<Op>Input::next_page(&output)` gives
//! the input of the next page (or `None` after the last), and `<Op>Output::items()` the items
//! of a page. The caller sends each request however it likes.

use proc_macro2::TokenStream;
use quote::quote;

use super::Service;
use super::docs::code;
use crate::ir::{Operation, OutputToken, Paginator, Scalar, ShapeId, ShapeKind, TokenStep};
use crate::naming;

/// The pagination items of `op`, if it is paginated (and has both an input and an output).
pub fn emit_paginator(svc: &Service<'_>, op: &Operation) -> TokenStream {
    let Some(p) = &op.paginator else {
        return TokenStream::new();
    };
    let (input_id, output_id) = (&op.input, &op.output);
    let names = svc.names.operation(&op.name);
    let input = naming::to_ident(&names.input);
    let output = naming::to_ident(&names.output);

    let mut reads = Vec::new();
    let mut sets = Vec::new();
    let mut token_idents = Vec::new();
    let mut input_fields = Vec::new();
    for (i, (in_token, out_path)) in p.input_tokens.iter().zip(&p.output_tokens).enumerate() {
        let token = naming::to_ident(&format!("token{i}"));
        let field = field_of(svc, input_id, in_token);
        let chain = token_chain(svc, output_id, out_path);
        // One token: `?` ends the pagination when it is absent. Several: the next page exists
        // while any of them is present (checked below).
        reads.push(if p.input_tokens.len() == 1 {
            quote!(let #token = ::std::option::Option::Some(#chain.cloned()?);)
        } else {
            quote!(let #token = #chain.cloned();)
        });
        sets.push(quote!(next.#field = #token;));
        input_fields.push(field);
        token_idents.push(token);
    }
    let more = p.more_results.as_ref().map(|path| {
        let (chain, _) = path_chain(svc, output_id, path, quote!(output));
        quote! {
            if #chain != ::std::option::Option::Some(&true) {
                return ::std::option::Option::None;
            }
        }
    });
    let next_doc = format!(
        " The input of the page after `output`: this input with {} from the output; `None` \
         after the last page (no token), or when the service repeats the token it was sent.",
        p.input_tokens
            .iter()
            .map(|t| code(t))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let limit_doc = p.limit_key.as_ref().map(|l| {
        let text = format!(" The page size is set by {}.", code(l));
        quote!(#[doc = ""] #[doc = #text])
    });

    let all_absent = (p.input_tokens.len() > 1).then(|| {
        quote! {
            if #(#token_idents.is_none())&&* {
                return ::std::option::Option::None;
            }
        }
    });
    let items = items_methods(svc, output_id, p);
    // A token or result key may be a deprecated member (Resource Groups' `Groups`): the
    // paginator still reads it.
    let allow = reads_deprecated(svc, op, p).then(|| quote!(#[allow(deprecated)]));
    quote! {
        #allow
        impl #input {
            #[doc = #next_doc]
            #limit_doc
            pub fn next_page(&self, output: &#output) -> ::std::option::Option<Self> {
                #more
                #(#reads)*
                #all_absent
                if #(#token_idents == self.#input_fields)&&* {
                    return ::std::option::Option::None;
                }
                let mut next = ::std::clone::Clone::clone(self);
                #(#sets)*
                ::std::option::Option::Some(next)
            }
        }

        #allow
        impl #output {
            #items
        }

        impl crate::runtime::operation::Paginated for #input {
            type Output = #output;

            fn next_page(&self, output: &#output) -> ::std::option::Option<Self> {
                #input::next_page(self, output)
            }
        }
    }
}

/// Whether any member the paginator of `op` reads or writes is deprecated.
fn reads_deprecated(svc: &Service<'_>, op: &Operation, p: &Paginator) -> bool {
    let step = |name: &str| TokenStep {
        member: name.to_owned(),
        last_item: false,
    };
    let input = p.input_tokens.iter().map(|t| vec![step(t)]);
    let outputs = (p
        .output_tokens
        .iter()
        .flat_map(|t| t.alternatives.iter().cloned()))
    .chain(
        p.result_keys
            .iter()
            .chain(&p.more_results)
            .map(|path| path.iter().map(|m| step(m)).collect()),
    );
    input
        .map(|path| (&op.input, path))
        .chain(outputs.map(|path| (&op.output, path)))
        .any(|(id, path)| path_deprecated(svc, id, &path))
}

/// Whether a member on `steps` from the structure `id` is deprecated.
fn path_deprecated(svc: &Service<'_>, id: &ShapeId, steps: &[TokenStep]) -> bool {
    let mut current = id.clone();
    for step in steps {
        let ShapeKind::Structure(s) = &svc.model.shape(&current).kind else {
            unreachable!("paginator paths were validated to run through structures");
        };
        let Some(member) = s.members.iter().find(|m| m.name == step.member) else {
            unreachable!("paginator member `{}` was validated", step.member);
        };
        if member.deprecated.is_some() {
            return true;
        }
        current = member.target.clone();
        if step.last_item {
            let ShapeKind::List(list) = &svc.model.shape(&current).kind else {
                unreachable!("`[-1]` was validated to follow a list");
            };
            current = list.member.target.clone();
        }
    }
    false
}

/// The fluent builder's `into_pages` for a paginated operation (feature `client`).
pub fn fluent_pages(svc: &Service<'_>, op: &Operation, has_required: bool) -> TokenStream {
    if op.paginator.is_none() {
        return TokenStream::new();
    }
    let names = svc.names.operation(&op.name);
    let input = naming::to_ident(&names.input);
    let operation = naming::to_ident(&names.operation);
    let path = svc.operation_module(&op.name);
    let doc = format!(
        " The pages of the call: `while let Some(page) = pages.next().await`, each next \
         input from [`next_page`](crate::{}::operation::{}::{}::next_page) on the page \
         before, until the service sends no token.",
        svc.module, names.module, names.input
    );
    let body = if has_required {
        quote! {
            let core = self.client.clone();
            match self.build() {
                ::std::result::Result::Ok(input) => {
                    crate::runtime::client_pages::Pages::new(core, input)
                }
                ::std::result::Result::Err(e) => crate::runtime::client_pages::Pages::failed(
                    core,
                    crate::runtime::client::Error::invalid_input(
                        <#path::#operation as crate::runtime::Operation>::NAME,
                        e,
                    ),
                ),
            }
        }
    } else {
        quote!(crate::runtime::client_pages::Pages::new(
            self.client.clone(),
            self.build()
        ))
    };
    quote! {
        #[doc = #doc]
        pub fn into_pages(self) -> crate::runtime::client_pages::Pages<Client, #path::#input> {
            #body
        }
    }
}

/// The names of the methods the paginator gives the output: `items` (one result key) or
/// `items_<member>` (several), one per result key.
pub fn items_method_names(p: &Paginator) -> Vec<String> {
    p.result_keys
        .iter()
        .map(|path| {
            if p.result_keys.len() == 1 {
                "items".to_owned()
            } else {
                naming::field_name(&format!("items_{}", path.join("_")))
            }
        })
        .collect()
}

/// `items()` (one result key) or `items_<member>()` (several): the items of a page.
fn items_methods(svc: &Service<'_>, output_id: &ShapeId, p: &Paginator) -> TokenStream {
    let mut out = TokenStream::new();
    for (path, name) in p.result_keys.iter().zip(items_method_names(p)) {
        let (chain, target) = path_chain(svc, output_id, path, quote!(self));
        let name = naming::to_ident(&name);
        let doc = format!(" The items of this page ({}).", code(&path.join(".")));
        let method = match &svc.model.shape(&target).kind {
            ShapeKind::List(list) => {
                let item = svc.member_value_type(&list.member);
                quote! {
                    #[doc = #doc]
                    pub fn #name(&self) -> &[#item] {
                        #chain.map_or(&[], |items| items.as_slice())
                    }
                }
            }
            _ => {
                let ty = svc.rust_type(&target);
                quote! {
                    #[doc = #doc]
                    pub fn #name(&self) -> ::std::option::Option<&#ty> {
                        #chain
                    }
                }
            }
        };
        out.extend(method);
    }
    out
}

/// An `Option<&T>` expression of the output token: the first alternative present (and, for
/// strings, not empty), each following its path from `output`.
fn token_chain(svc: &Service<'_>, output_id: &ShapeId, token: &OutputToken) -> TokenStream {
    let mut combined: Option<TokenStream> = None;
    for path in &token.alternatives {
        let (chain, target) = step_chain(svc, output_id, path);
        let non_empty = matches!(
            svc.model.shape(&target).kind,
            ShapeKind::Scalar(Scalar::String)
        )
        .then(|| quote!(.filter(|t| !t.is_empty())));
        combined = Some(match combined {
            None => quote!(#chain #non_empty),
            Some(before) => quote!(#before.or_else(|| #chain #non_empty)),
        });
    }
    combined.unwrap_or_else(|| unreachable!("an output token has an alternative"))
}

/// Like [`path_chain`] from `output`, taking a list's last item after `[-1]` steps.
fn step_chain(svc: &Service<'_>, id: &ShapeId, steps: &[TokenStep]) -> (TokenStream, ShapeId) {
    let mut current = id.clone();
    let mut chain = TokenStream::new();
    for (i, step) in steps.iter().enumerate() {
        let field = field_of(svc, &current, &step.member);
        chain = if i == 0 {
            quote!(output.#field.as_ref())
        } else {
            quote!(#chain.and_then(|v| v.#field.as_ref()))
        };
        let ShapeKind::Structure(s) = &svc.model.shape(&current).kind else {
            unreachable!("paginator paths were validated to run through structures");
        };
        current = s
            .members
            .iter()
            .find(|m| m.name == step.member)
            .map(|m| m.target.clone())
            .unwrap_or_else(|| unreachable!("paginator member `{}` was validated", step.member));
        if step.last_item {
            chain = quote!(#chain.and_then(|v| v.last()));
            let ShapeKind::List(list) = &svc.model.shape(&current).kind else {
                unreachable!("`[-1]` was validated to follow a list");
            };
            current = list.member.target.clone();
        }
    }
    (chain, current)
}

/// The Rust field of the member `member` of the structure `id`.
fn field_of(svc: &Service<'_>, id: &ShapeId, member: &str) -> proc_macro2::Ident {
    let ShapeKind::Structure(s) = &svc.model.shape(id).kind else {
        unreachable!("paginator paths were validated to run through structures");
    };
    let index = s
        .members
        .iter()
        .position(|m| m.name == member)
        .unwrap_or_else(|| unreachable!("paginator member `{member}` was validated"));
    naming::to_ident(&svc.names.fields(id)[index])
}

/// An expression of type `Option<&T>` following `path` from `root` (a value of the structure
/// `id`), and the shape of `T`.
fn path_chain(
    svc: &Service<'_>,
    id: &ShapeId,
    path: &[String],
    root: TokenStream,
) -> (TokenStream, ShapeId) {
    let mut current = id.clone();
    let mut chain = TokenStream::new();
    for (i, name) in path.iter().enumerate() {
        let field = field_of(svc, &current, name);
        chain = if i == 0 {
            quote!(#root.#field.as_ref())
        } else {
            quote!(#chain.and_then(|v| v.#field.as_ref()))
        };
        let ShapeKind::Structure(s) = &svc.model.shape(&current).kind else {
            unreachable!("paginator paths were validated to run through structures");
        };
        current = s
            .members
            .iter()
            .find(|m| &m.name == name)
            .map(|m| m.target.clone())
            .unwrap_or_else(|| unreachable!("paginator member `{name}` was validated"));
    }
    (chain, current)
}
