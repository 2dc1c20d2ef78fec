//! What every protocol's `build_request` does the same way, whatever the body codec and the
//! request binding: unset idempotency tokens of the input get a fresh UUID, the endpoint
//! trait's host prefix is expanded from the input (each label checked to be a valid host
//! label), operations with `gzip` request compression compress the body, and operations that
//! require a checksum get `Content-MD5` of the body as sent, or the flexible checksum
//! (`checksums.rs`) where the model has one.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::Service;
use crate::ir::{Operation, Scalar, ShapeKind};
use crate::naming;

/// `build_request`'s body from `request`, statements evaluating to the request (they may use
/// `?` with `runtime::InvalidRequest`): the input with its idempotency tokens filled in before,
/// the host prefix and compression after; evaluates to `Result<Request, InvalidRequest>`.
/// With `fallible`, `request` already evaluates to that `Result`.
pub fn wrap(
    svc: &Service<'_>,
    op: &Operation,
    request: TokenStream,
    fallible: bool,
) -> TokenStream {
    let fill = fill_tokens(svc, op);
    let prefix = host_prefix(svc, op);
    let gzip = op.request_compression.iter().any(|e| e == "gzip");
    let md5 = super::checksums::content_md5(op)
        .then(|| quote!(crate::runtime::checksum::content_md5(&mut request);))
        .into_iter()
        .chain(super::checksums::request(svc, op))
        .reduce(|a, b| quote!(#a #b));
    let prefix = match (prefix, md5) {
        (Some(p), Some(m)) => Some(quote!(#p #m)),
        (p, m) => p.or(m),
    };
    if fill.is_none() && prefix.is_none() && !gzip && fallible {
        return request;
    }
    // `request` may be statements: a block, whose `Result` `?` takes.
    let question = fallible.then(|| quote!(?));
    if fill.is_none() && prefix.is_none() && !gzip {
        // The request expression (the RPC protocols' last) goes straight into `Ok`.
        return match syn::parse2::<syn::Block>(quote!({ #request })) {
            Ok(mut block) => match block.stmts.pop() {
                Some(syn::Stmt::Expr(last, None)) => {
                    let stmts = block.stmts;
                    quote!(#(#stmts)* ::std::result::Result::Ok(#last))
                }
                _ => unreachable!("a request's statements end with the request"),
            },
            Err(e) => unreachable!("a request's statements parse: {e}"),
        };
    }
    let mutable = (prefix.is_some() || gzip).then(|| quote!(mut));
    let gzip = gzip.then(|| quote!(crate::runtime::compression::gzip_request(&mut request);));
    quote! {
        #fill
        let #mutable request = { #request }#question;
        #gzip
        #prefix
        ::std::result::Result::Ok(request)
    }
}

/// Statements that rebind `input` to a copy with every unset idempotency token (a string
/// member of the input) filled in, when some token is unset; only such requests pay for the
/// copy.
fn fill_tokens(svc: &Service<'_>, op: &Operation) -> Option<TokenStream> {
    let id = &op.input;
    let tokens: Vec<_> = match &svc.model.shape(id).kind {
        ShapeKind::Structure(s) => s
            .members
            .iter()
            .zip(svc.names.fields(id))
            .filter(|(m, _)| {
                m.idempotency_token
                    && matches!(
                        svc.model.shape(&m.target).kind,
                        ShapeKind::Scalar(Scalar::String)
                    )
            })
            .map(|(m, f)| (m.deprecated.is_some(), naming::to_ident(f)))
            .collect(),
        _ => Vec::new(),
    };
    if tokens.is_empty() {
        return None;
    }
    // DataZone deprecates some of its tokens; they are filled all the same.
    let allow = crate::emit::allow_deprecated(tokens.iter().any(|(deprecated, _)| *deprecated));
    let tokens: Vec<_> = tokens.into_iter().map(|(_, t)| t).collect();
    Some(quote! {
        let filled;
        #allow
        let input = if #(input.#tokens.is_none())||* {
            let mut copy = ::std::clone::Clone::clone(input);
            #(
                if copy.#tokens.is_none() {
                    copy.#tokens = ::std::option::Option::Some(crate::runtime::idempotency::token());
                }
            )*
            filled = copy;
            &filled
        } else {
            input
        };
    })
}

/// Statements storing the expanded host prefix in the request's extensions (for
/// `runtime::set_endpoint`). Lowering checked that every `{Label}` names a string member of
/// the input; an unset or invalid value is an `InvalidRequest` naming the member.
fn host_prefix(svc: &Service<'_>, op: &Operation) -> Option<TokenStream> {
    let template = op.host_prefix.as_ref()?;
    let (members, fields) = match &svc.model.shape(&op.input).kind {
        ShapeKind::Structure(s) => (s.members.as_slice(), svc.names.fields(&op.input)),
        _ => (&[][..], &[][..]),
    };
    let mut format = String::new();
    let mut args = Vec::new();
    let mut rest = template.as_str();
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        let label = &rest[open + 1..close];
        format.push_str(&rest[..open].replace('}', "}}"));
        format.push_str("{}");
        let position = members.iter().position(|m| m.name == label);
        let Some(i) = position else {
            unreachable!("host prefix label `{label}` of `{}` was validated", op.name)
        };
        let field = naming::to_ident(&fields[i]);
        let value = match svc.model.shape(&members[i].target).kind {
            ShapeKind::Enum(_) => quote!(input.#field.as_ref().map(|v| v.as_str())),
            _ => quote!(input.#field.as_deref()),
        };
        let member = &members[i].name;
        args.push(quote!(crate::runtime::operation::host_label(#value, #member)?));
        rest = &rest[close + 1..];
    }
    format.push_str(&rest.replace('{', "{{").replace('}', "}}"));
    let prefix = if args.is_empty() {
        let text = template.as_str();
        quote!(::std::borrow::ToOwned::to_owned(#text))
    } else {
        quote!(::std::format!(#format, #(#args),*))
    };
    Some(quote! {
        request.extensions_mut().insert(crate::runtime::HostPrefix(#prefix));
    })
}
