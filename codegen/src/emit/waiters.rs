//! Waiters: `src/<svc>/waiters.rs`, one unit struct per waiter implementing
//! `runtime::waiter::Waiter`, whose `acceptor` is the waiter's acceptors compiled into Rust over
//! the typed output (each JMESPath typed in `ir::waiters::typing`; no JMESPath at run time),
//! and the client's `wait_until_<waiter>` methods.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs::{Doc, code};
use super::{RustFile, Service};
use crate::ir::waiters::jmespath::CompareOp;
use crate::ir::waiters::{
    AcceptorState, Comparator, Expected, Expr, ExprKind, Matcher, Operand, Ty, Waiter,
};
use crate::ir::{Operation, Scalar, ShapeId, ShapeKind};
use crate::naming;

/// Whether the service has waiters to generate.
pub fn has_waiters(svc: &Service<'_>) -> bool {
    svc.model.operations.iter().any(|o| !o.waiters.is_empty())
}

/// The waiter's type name.
fn type_name(w: &Waiter) -> String {
    naming::type_name(&w.name)
}

/// The client method of the waiter: `wait_until_<waiter>`.
pub fn method_name(w: &Waiter) -> String {
    naming::field_name(&format!("WaitUntil{}", w.name))
}

/// `src/<svc>/waiters.rs`, when the service has waiters.
pub fn waiters_file(svc: &Service<'_>) -> Option<RustFile> {
    if !has_waiters(svc) {
        return None;
    }
    let mut items = TokenStream::new();
    for op in &svc.model.operations {
        for w in &op.waiters {
            items.extend(waiter(svc, op, w));
        }
    }
    let doc = Doc::text(
        "Waiters: per waiter of the model a type implementing \
         [`Waiter`](crate::runtime::waiter::Waiter), whose `acceptor` says what a response of \
         the polled operation means (sans-IO). With the `client` feature, the client's \
         `wait_until_<waiter>` methods poll with them.",
    )
    .inner_attrs();
    Some(RustFile {
        path: format!("src/{}/waiters.rs", svc.module),
        source: svc.model.source.clone(),
        tokens: quote! {
            #doc
            #items
        },
    })
}

/// The module declaration for the service root.
pub fn module_decl(svc: &Service<'_>) -> TokenStream {
    if has_waiters(svc) {
        quote!(
            pub mod waiters;
        )
    } else {
        TokenStream::new()
    }
}

/// What the docs say an acceptor does.
fn describe(state: AcceptorState, matcher: &Matcher) -> String {
    let state = match state {
        AcceptorState::Success => "success",
        AcceptorState::Failure => "failure",
        AcceptorState::Retry => "retry",
    };
    let expected = |e: &Expected| match e {
        Expected::String(s) => code(s),
        Expected::Boolean(b) => code(&b.to_string()),
    };
    let when = match matcher {
        Matcher::Output {
            path,
            comparator,
            expected: e,
            ..
        } => match comparator {
            Comparator::Equals => format!("{} is {}", code(path), expected(e)),
            Comparator::All => format!("every {} is {}", code(path), expected(e)),
            Comparator::Any => format!("any {} is {}", code(path), expected(e)),
        },
        Matcher::ErrorCode(c) => format!("the error code is {}", code(c)),
        Matcher::Success(true) => "the call succeeds".to_owned(),
        Matcher::Success(false) => "the call fails".to_owned(),
        Matcher::Status(s) => format!("the HTTP status is {s}"),
    };
    format!("- {state} when {when}")
}

fn waiter(svc: &Service<'_>, op: &Operation, w: &Waiter) -> TokenStream {
    let names = svc.names.operation(&op.name);
    let path = svc.operation_module(&op.name);
    let operation = naming::to_ident(&names.operation);
    let ident = naming::to_ident(&type_name(w));
    let name = &w.name;
    let mut doc = Doc::text(&format!("Waiter {}.", code(&w.name)));
    if let Some(text) = &w.docs {
        doc.paragraph(&crate::docs::escape_markdown(text));
    }
    doc.paragraph(&format!(
        "Polls {} with {} to {} s between attempts; the first matching acceptor decides:\n\n{}",
        code(&op.name),
        w.min_delay,
        w.max_delay,
        w.acceptors
            .iter()
            .map(|a| describe(a.state, &a.matcher))
            .collect::<Vec<_>>()
            .join("\n")
    ));
    let doc = doc.attrs();
    let deprecated = w.deprecated.then(|| quote!(#[deprecated]));
    let uses_status = w
        .acceptors
        .iter()
        .any(|a| matches!(a.matcher, Matcher::Status(_)));
    let status = if uses_status {
        quote!(status)
    } else {
        quote!(_status)
    };
    // S3's `BucketExists` matches on statuses only.
    let uses_response = w
        .acceptors
        .iter()
        .any(|a| !matches!(a.matcher, Matcher::Status(_)));
    let response = if !uses_response {
        quote!(_response)
    } else {
        quote!(response)
    };
    // Each distinct path over the output is evaluated once, before the acceptors that test it.
    let mut paths = Paths::default();
    let checks: Vec<TokenStream> = w
        .acceptors
        .iter()
        .map(|a| {
            let state = match a.state {
                AcceptorState::Success => quote!(Success),
                AcceptorState::Failure => quote!(Failure),
                AcceptorState::Retry => quote!(Retry),
            };
            let cond = matcher(svc, &a.matcher, &mut paths);
            quote! {
                if #cond {
                    return ::std::option::Option::Some(crate::runtime::waiter::AcceptorState::#state);
                }
            }
        })
        .collect();
    let bindings = paths.bindings();
    let min = Literal::u64_unsuffixed(w.min_delay);
    let max = Literal::u64_unsuffixed(w.max_delay);
    quote! {
        #doc
        #deprecated
        #[derive(::std::clone::Clone, ::std::marker::Copy, ::std::fmt::Debug)]
        pub struct #ident;

        #[allow(deprecated)]
        impl crate::runtime::waiter::Waiter for #ident {
            type Operation = #path::#operation;
            const NAME: &'static str = #name;
            const MIN_DELAY: ::std::time::Duration = ::std::time::Duration::from_secs(#min);
            const MAX_DELAY: ::std::time::Duration = ::std::time::Duration::from_secs(#max);

            fn acceptor(
                #status: u16,
                #response: ::std::result::Result<
                    &<Self::Operation as crate::runtime::Operation>::Output,
                    &<Self::Operation as crate::runtime::Operation>::Error,
                >,
            ) -> ::std::option::Option<crate::runtime::waiter::AcceptorState> {
                #bindings
                #(#checks)*
                ::std::option::Option::None
            }
        }
    }
}

/// The paths over the output a waiter's acceptors test, each bound once to a local
/// (`path0`, …) holding its value for the response (`None` for an error).
#[derive(Default)]
struct Paths {
    /// The binding's expression over `output` and its text (the key that finds it again).
    exprs: Vec<(String, TokenStream)>,
}

impl Paths {
    /// The local holding `expr` (an `Option` over `output`), bound on first use.
    fn local(&mut self, expr: TokenStream) -> TokenStream {
        let key = expr.to_string();
        let index = match self.exprs.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                self.exprs.push((key, expr));
                self.exprs.len() - 1
            }
        };
        let ident = naming::to_ident(&format!("path{index}"));
        quote!(#ident)
    }

    fn bindings(&self) -> TokenStream {
        let lets = self.exprs.iter().enumerate().map(|(i, (_, expr))| {
            let ident = naming::to_ident(&format!("path{i}"));
            quote!(let #ident = crate::runtime::waiter::on_output(response, |output| #expr);)
        });
        quote!(#(#lets)*)
    }
}

/// A `bool` expression: whether `matcher` matches `response` (and `status`); a path over the
/// output becomes a local of `paths`.
fn matcher(svc: &Service<'_>, matcher: &Matcher, paths: &mut Paths) -> TokenStream {
    match matcher {
        Matcher::ErrorCode(c) => {
            quote!(response.is_err_and(|e| crate::runtime::ProvideErrorMetadata::code(e) == #c))
        }
        Matcher::Success(true) => quote!(response.is_ok()),
        Matcher::Success(false) => quote!(response.is_err()),
        Matcher::Status(s) => quote!(status == #s),
        Matcher::Output {
            expr,
            comparator,
            expected,
            ..
        } => {
            let c = Compiler { svc };
            match comparator {
                Comparator::Equals => {
                    let (operand, expected) = match expected {
                        Expected::String(s) => (Operand::Str, quote!(#s)),
                        Expected::Boolean(b) => (Operand::Bool, quote!(#b)),
                    };
                    let v = paths.local(c.operand(expr, operand, &quote!(output), 0));
                    quote!(#v == ::std::option::Option::Some(#expected))
                }
                Comparator::All | Comparator::Any => {
                    let items = paths.local(c.items(expr, &quote!(output), 0));
                    let test = match expected {
                        Expected::String(s) => quote!(|v| v.as_str() == #s),
                        Expected::Boolean(b) => quote!(|v| **v == #b),
                    };
                    let helper = if *comparator == Comparator::All {
                        quote!(all)
                    } else {
                        quote!(any)
                    };
                    quote!(crate::runtime::waiter::#helper(#items.as_deref(), #test))
                }
            }
        }
    }
}

struct Compiler<'a, 'b> {
    svc: &'a Service<'b>,
}

impl Compiler<'_, '_> {
    /// The Rust expression of `e`, whose type follows from [`Ty`]; `current` is a `&T`
    /// expression of the current node; `depth` numbers filter variables.
    fn value(&self, e: &Expr, current: &TokenStream, depth: usize) -> TokenStream {
        match &e.kind {
            ExprKind::Current => quote!(::std::option::Option::Some(#current)),
            ExprKind::Field {
                base,
                structure,
                member,
            } => {
                let (field, boxed) = self.field(structure, member);
                let get = if boxed {
                    quote!(.as_deref())
                } else {
                    quote!(.as_ref())
                };
                match (&base.ty, &base.kind) {
                    (_, ExprKind::Current) => quote!(#current.#field #get),
                    (Ty::List(_), _) => {
                        let base = self.value(base, current, depth);
                        quote!(#base.map(|items| items.into_iter().filter_map(|v| v.#field #get).collect::<::std::vec::Vec<_>>()))
                    }
                    _ => {
                        let base = self.value(base, current, depth);
                        quote!(#base.and_then(|v| v.#field #get))
                    }
                }
            }
            ExprKind::Flatten(base) => {
                let inner = self.value(base, current, depth);
                match base.ty {
                    Ty::List(_) => {
                        quote!(#inner.map(|items| items.into_iter().flatten().collect::<::std::vec::Vec<_>>()))
                    }
                    _ => quote!(#inner.map(|items| items.iter().collect::<::std::vec::Vec<_>>())),
                }
            }
            ExprKind::Values(base) => {
                let inner = self.value(base, current, depth);
                quote!(#inner.map(|map| map.values().collect::<::std::vec::Vec<_>>()))
            }
            ExprKind::Filter { base, predicate } => {
                let items = self.items(base, current, depth);
                let var = naming::to_ident(&format!("item{depth}"));
                let pred = self.value(predicate, &quote!(#var), depth + 1);
                quote!(#items.map(|items| items.into_iter().filter(|#var| { let #var = *#var; #pred }).collect::<::std::vec::Vec<_>>()))
            }
            ExprKind::Length(arg) => {
                let inner = self.value(arg, current, depth);
                let kind = match &arg.ty {
                    Ty::Node(id) => Some(&self.svc.model.shape(id).kind),
                    _ => None,
                };
                match (&arg.ty, kind) {
                    (Ty::Str, _) | (_, Some(ShapeKind::Scalar(Scalar::String))) => {
                        quote!(#inner.map(|v| crate::runtime::waiter::count(v.chars().count())))
                    }
                    (_, Some(ShapeKind::Enum(_))) => {
                        quote!(#inner.map(|v| crate::runtime::waiter::count(v.as_str().chars().count())))
                    }
                    _ => quote!(#inner.map(|v| crate::runtime::waiter::count(v.len()))),
                }
            }
            ExprKind::Compare(op, operand, left, right) => {
                let l = self.operand(left, *operand, current, depth);
                let r = self.operand(right, *operand, current, depth);
                match op {
                    CompareOp::Eq => quote!(#l == #r),
                    CompareOp::Ne => quote!(#l != #r),
                    CompareOp::Lt => quote!(
                        matches!((#l, #r), (::std::option::Option::Some(a), ::std::option::Option::Some(b)) if a < b)
                    ),
                    CompareOp::Le => quote!(
                        matches!((#l, #r), (::std::option::Option::Some(a), ::std::option::Option::Some(b)) if a <= b)
                    ),
                    CompareOp::Gt => quote!(
                        matches!((#l, #r), (::std::option::Option::Some(a), ::std::option::Option::Some(b)) if a > b)
                    ),
                    CompareOp::Ge => quote!(
                        matches!((#l, #r), (::std::option::Option::Some(a), ::std::option::Option::Some(b)) if a >= b)
                    ),
                }
            }
            ExprKind::And(l, r) => {
                // `&&` binds tighter than `||`: an `||` operand needs parentheses.
                let side = |e: &Expr| {
                    let v = self.value(e, current, depth);
                    if matches!(e.kind, ExprKind::Or(..)) {
                        quote!((#v))
                    } else {
                        v
                    }
                };
                let (l, r) = (side(l), side(r));
                quote!(#l && #r)
            }
            ExprKind::Or(l, r) => {
                let (l, r) = (self.value(l, current, depth), self.value(r, current, depth));
                quote!(#l || #r)
            }
            ExprKind::Not(operand) => {
                let v = self.value(operand, current, depth);
                if matches!(
                    operand.kind,
                    ExprKind::Compare(..) | ExprKind::And(..) | ExprKind::Or(..)
                ) {
                    quote!(!(#v))
                } else {
                    quote!(!#v)
                }
            }
            ExprKind::StrOr(l, r) => {
                let l = self.operand(l, Operand::Str, current, depth);
                let r = self.operand(r, Operand::Str, current, depth);
                quote!(#l.filter(|s| !s.is_empty()).or(#r))
            }
            ExprKind::Str(s) => quote!(::std::option::Option::Some(#s)),
            ExprKind::Num(n) => {
                let n = Literal::f64_suffixed(*n);
                quote!(::std::option::Option::Some(#n))
            }
            ExprKind::Bool(b) => quote!(#b),
        }
    }

    /// `e` converted for a comparison: `Option<&str>`, `Option<f64>` or `Option<bool>`.
    fn operand(
        &self,
        e: &Expr,
        operand: Operand,
        current: &TokenStream,
        depth: usize,
    ) -> TokenStream {
        // A member of the current node: `as_deref()` (clippy's `option_as_ref_deref`).
        if let (
            Ty::Node(id),
            Operand::Str,
            ExprKind::Field {
                base,
                structure,
                member,
            },
        ) = (&e.ty, operand, &e.kind)
            && matches!(base.kind, ExprKind::Current)
            && matches!(
                self.svc.model.shape(id).kind,
                ShapeKind::Scalar(Scalar::String)
            )
        {
            let (field, _) = self.field(structure, member);
            return quote!(#current.#field.as_deref());
        }
        let v = self.value(e, current, depth);
        match (&e.ty, operand) {
            (Ty::Bool, Operand::Bool) => quote!(::std::option::Option::Some(#v)),
            (Ty::Node(id), Operand::Str) => {
                if matches!(self.svc.model.shape(id).kind, ShapeKind::Enum(_)) {
                    quote!(#v.map(|v| v.as_str()))
                } else {
                    quote!(#v.map(::std::string::String::as_str))
                }
            }
            (Ty::Node(_), Operand::Bool) => quote!(#v.copied()),
            (Ty::Node(id), Operand::Num) => match self.svc.model.shape(id).kind {
                ShapeKind::Scalar(Scalar::Double) => quote!(#v.copied()),
                ShapeKind::Scalar(Scalar::Long) => {
                    quote!(#v.map(|v| crate::runtime::waiter::long(*v)))
                }
                _ => quote!(#v.map(|v| f64::from(*v))),
            },
            _ => v,
        }
    }

    /// `e` (a list value or projection) as `Option<Vec<&T>>`.
    fn items(&self, e: &Expr, current: &TokenStream, depth: usize) -> TokenStream {
        let v = self.value(e, current, depth);
        match e.ty {
            Ty::List(_) => v,
            _ => quote!(#v.map(|items| items.iter().collect::<::std::vec::Vec<_>>())),
        }
    }

    /// The field of `member` in `structure`, and whether it is boxed.
    fn field(&self, structure: &ShapeId, member: &str) -> (proc_macro2::Ident, bool) {
        let ShapeKind::Structure(s) = &self.svc.model.shape(structure).kind else {
            unreachable!("waiter paths were typed to run through structures");
        };
        let index = s
            .members
            .iter()
            .position(|m| m.name == member)
            .unwrap_or_else(|| unreachable!("waiter member `{member}` was typed"));
        (
            naming::to_ident(&self.svc.names.fields(structure)[index]),
            s.members[index].boxed,
        )
    }
}

/// The client's `wait_until_<waiter>` methods of the waiters of `op`.
pub fn client_methods(svc: &Service<'_>, op: &Operation) -> TokenStream {
    let names = svc.names.operation(&op.name);
    let root = svc.root();
    let path = svc.operation_module(&op.name);
    let input = naming::to_ident(&names.input);
    let output = naming::to_ident(&names.output);
    let error = naming::to_ident(&names.error);
    let mut out = TokenStream::new();
    for w in &op.waiters {
        let method = naming::to_ident(&method_name(w));
        let ty = naming::to_ident(&type_name(w));
        let doc = Doc::text(&format!(
            "Waits until [`{ty}`](crate::{module}::waiters::{ty}) ends the wait: calls {op} with \
             `input` until an acceptor matches, sleeping {min} to {max} s between attempts \
             (exponential backoff with jitter), for at most `max_wait`. Gives the response that \
             matched a success acceptor; a failure acceptor, an error no acceptor expects, or \
             running out of time is the [`WaiterError`](crate::runtime::client_waiter::WaiterError).",
            module = svc.module,
            op = code(&op.name),
            min = w.min_delay,
            max = w.max_delay,
        ))
        .attrs();
        let deprecated = w
            .deprecated
            .then(|| quote!(#[deprecated] #[allow(deprecated)]));
        out.extend(quote! {
            #doc
            #deprecated
            pub async fn #method(
                &self,
                input: #path::#input,
                max_wait: ::std::time::Duration,
            ) -> ::std::result::Result<
                crate::runtime::client_waiter::Final<#path::#output, #path::#error>,
                crate::runtime::client_waiter::WaiterError<#path::#output, #path::#error>,
            > {
                self.core
                    .wait::<Self, #root::waiters::#ty, #path::#input>(&input, max_wait)
                    .await
            }
        });
    }
    out
}
