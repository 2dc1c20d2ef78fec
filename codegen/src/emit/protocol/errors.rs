//! Error responses, the part every protocol shares: the service's `de_error` (in
//! `protocol/mod.rs`) reads the envelope's metadata with the protocol's runtime and maps its code
//! to the service's `Error`, looking it up among every error shape of the service as botocore
//! does; each operation's `de_<op>_error` keeps the errors it lists and holds any other as its
//! `Unhandled`. The protocols give the metadata reader and how one error's members are read.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use super::Service;
use crate::ir::{Operation, Protocol, ShapeId};
use crate::naming;

/// How a protocol reads an error response.
pub(super) struct ErrorReader<'a> {
    /// Evaluates to `Result<ErrorMetadata, InvalidResponse>`, with `status`, `headers` and
    /// `body` in scope.
    pub meta: TokenStream,
    /// Statements run on `meta` before dispatch (awsQuery-compatible codes), if any.
    pub adjust: TokenStream,
    /// For error shape `id` and the service `Error` variant constructor given: an expression of
    /// type `Result<Error, InvalidResponse>` reading its members, with `status`, `headers`,
    /// `body` and `meta` (moved in) in scope.
    pub read: &'a dyn Fn(&ShapeId, &TokenStream) -> TokenStream,
}

/// The wire codes each error shape of the service answers to, decided for the whole service.
pub(crate) struct Codes {
    /// Code → error shape.
    owner: BTreeMap<String, ShapeId>,
    /// Per error shape, the codes it would answer to alone (model order: name, then `error.code`).
    wanted: BTreeMap<ShapeId, Vec<String>>,
}

impl Codes {
    /// The awsQuery dialects answer to the modeled `error.code`, else the name; the other
    /// protocols to the name and a modeled `error.code` that differs. A code two shapes want goes
    /// to the one it names, else to the first by shape id; a shape left with no code then
    /// answers to its name, if free.
    pub(crate) fn new(svc: &Service<'_>) -> Self {
        let query = matches!(svc.protocol, Protocol::Query | Protocol::Ec2);
        let mut wanted = BTreeMap::new();
        for (id, _) in svc.names.service_errors() {
            let name = id.name().to_owned();
            let code = svc.model.shape(id).error.as_ref().map(|e| e.code.clone());
            let codes = match (query, code) {
                (true, Some(code)) => vec![code],
                (false, Some(code)) if code != name => vec![name, code],
                _ => vec![name],
            };
            wanted.insert(id.clone(), codes);
        }
        let mut owner = BTreeMap::new();
        for (id, codes) in &wanted {
            if codes[0] == id.name() {
                owner.insert(codes[0].clone(), id.clone());
            }
        }
        for (id, codes) in &wanted {
            for code in codes {
                owner.entry(code.clone()).or_insert_with(|| id.clone());
            }
        }
        for id in wanted.keys() {
            if !owner.values().any(|o| o == id) {
                owner
                    .entry(id.name().to_owned())
                    .or_insert_with(|| id.clone());
            }
        }
        Codes { owner, wanted }
    }

    /// The codes `id` answers to, in the order it wants them (a freed name last).
    fn of<'a>(&'a self, id: &'a ShapeId) -> Vec<&'a str> {
        let mut codes: Vec<&str> = self.wanted[id]
            .iter()
            .map(String::as_str)
            .filter(|c| self.owner.get(*c) == Some(id))
            .collect();
        if codes.is_empty() && self.owner.get(id.name()) == Some(id) {
            codes.push(id.name());
        }
        codes
    }

    /// For `op`: codes an error it lists wants but that the service gives to an error the
    /// operation does not list, each mapped to a code of the listed error.
    fn aliases(&self, op: &Operation) -> Vec<(String, String)> {
        let listed: BTreeSet<&ShapeId> = op.errors.iter().collect();
        let mut seen = BTreeSet::new();
        let mut aliases = Vec::new();
        for id in &op.errors {
            let Some(target) = self.of(id).first().map(|c| (*c).to_owned()) else {
                continue;
            };
            for code in &self.wanted[id] {
                let owner = &self.owner[code];
                if owner != id && !listed.contains(owner) && seen.insert(code.clone()) {
                    aliases.push((code.clone(), target.clone()));
                }
            }
        }
        aliases
    }
}

/// `de_error` (and `de_error_as`, when an operation needs its codes aliased) for
/// `protocol/mod.rs`; nothing for a model without operations.
pub(super) fn service_de_error(svc: &Service<'_>, reader: &ErrorReader<'_>) -> TokenStream {
    if svc.model.operations.is_empty() {
        return TokenStream::new();
    }
    let codes = svc.error_codes();
    let error = svc.error_path();
    let arms = svc
        .names
        .service_errors()
        .iter()
        .filter_map(|(id, variant)| {
            let codes = codes.of(id);
            if codes.is_empty() {
                return None;
            }
            let variant = naming::to_ident(variant);
            let read = (reader.read)(id, &quote!(#error::#variant));
            Some(quote!(#(#codes)|* => #read,))
        });
    let arms: Vec<TokenStream> = arms.collect();
    let ErrorReader { meta, adjust, .. } = reader;
    let aliased = svc
        .model
        .operations
        .iter()
        .any(|op| !codes.aliases(op).is_empty());
    let (head, scrutinee) = if aliased {
        (
            quote! {
                /// Reads an error response of the service (see [`de_error_as`]).
                pub(crate) fn de_error(
                    status: u16,
                    headers: &::http::HeaderMap,
                    body: &[u8],
                ) -> crate::runtime::ResponseError<#error> {
                    de_error_as(status, headers, body, |code| code)
                }

                /// Reads an error response of the service: the error its code names (after
                /// `alias`, which maps a code to the one the calling operation reads it as),
                /// members read; an unknown code is `Error::Unhandled`, a body that cannot be
                /// read `ResponseError::Invalid`.
                pub(crate) fn de_error_as(
                    status: u16,
                    headers: &::http::HeaderMap,
                    body: &[u8],
                    alias: fn(&str) -> &str,
                ) -> crate::runtime::ResponseError<#error>
            },
            quote!(alias(meta.code())),
        )
    } else {
        (
            quote! {
                /// Reads an error response of the service: the error its code names, members
                /// read; an unknown code is `Error::Unhandled`, a body that cannot be read
                /// `ResponseError::Invalid`.
                pub(crate) fn de_error(
                    status: u16,
                    headers: &::http::HeaderMap,
                    body: &[u8],
                ) -> crate::runtime::ResponseError<#error>
            },
            quote!(meta.code()),
        )
    };
    let dispatch = if arms.is_empty() {
        quote!(crate::runtime::ResponseError::Service(#error::Unhandled(meta)))
    } else {
        quote! {
            let error = match #scrutinee {
                #(#arms)*
                _ => ::std::result::Result::Ok(#error::Unhandled(meta)),
            };
            match error {
                ::std::result::Result::Ok(error) => crate::runtime::ResponseError::Service(error),
                ::std::result::Result::Err(invalid) => crate::runtime::ResponseError::Invalid(invalid),
            }
        }
    };
    quote! {
        #head {
            let meta = match #meta {
                ::std::result::Result::Ok(meta) => meta,
                ::std::result::Result::Err(invalid) => {
                    return crate::runtime::ResponseError::Invalid(invalid);
                }
            };
            #adjust
            #dispatch
        }
    }
}

/// Whether `op` reads its error responses with a `de_<op>_error` of its own: when it maps
/// error codes of its own or runs a prelude (`has_prelude`). Every other operation's
/// `parse_response` calls the service's `de_error` itself ([`error_call`]).
pub(super) fn own_error_fn(svc: &Service<'_>, op: &Operation, has_prelude: bool) -> bool {
    has_prelude || !svc.error_codes().aliases(op).is_empty()
}

/// The expression reading an error response of `op` in its `parse_response` (`status`,
/// `headers` and `body` in scope): a call of its `de_<op>_error` (`function`) when it has one
/// ([`own_error_fn`]), else of the service's `de_error`, turned into the operation's error
/// (`Self::Error` of its `Operation` impl).
pub(super) fn error_call(
    svc: &Service<'_>,
    op: &Operation,
    function: &TokenStream,
    has_prelude: bool,
) -> TokenStream {
    if own_error_fn(svc, op, has_prelude) {
        quote!(#function(status, headers, body))
    } else {
        let root = svc.root();
        quote!(#root::protocol::de_error(status, headers, body).map(Self::Error::from))
    }
}

/// `de_<op>_error` named `function`, when `op` needs one ([`own_error_fn`]): the service's
/// error, turned into the operation's (`error_ty`, whose `From` keeps the variants `op` lists).
/// `prelude` runs first (S3's bodiless `HEAD` 404).
pub(super) fn operation_de_error(
    svc: &Service<'_>,
    op: &Operation,
    function: &proc_macro2::Ident,
    error_ty: &TokenStream,
    prelude: TokenStream,
) -> TokenStream {
    if !own_error_fn(svc, op, !prelude.is_empty()) {
        return TokenStream::new();
    }
    let codes = svc.error_codes();
    let root = svc.root();
    let aliases = codes.aliases(op);
    let call = if aliases.is_empty() {
        quote!(#root::protocol::de_error(status, headers, body))
    } else {
        let (from, to): (Vec<_>, Vec<_>) = aliases.into_iter().unzip();
        quote! {
            #root::protocol::de_error_as(status, headers, body, |code| match code {
                #(#from => #to,)*
                code => code,
            })
        }
    };
    let doc = format!(
        " Reads an error response of `{}`: the errors it lists, and any other as `Unhandled`.",
        op.name
    );
    quote! {
        #[doc = #doc]
        pub(crate) fn #function(
            status: u16,
            headers: &::http::HeaderMap,
            body: &[u8],
        ) -> crate::runtime::ResponseError<#error_ty> {
            #prelude
            #call.map(#error_ty::from)
        }
    }
}
