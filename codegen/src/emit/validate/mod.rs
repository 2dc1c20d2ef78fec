//! Client-side validation: an `impl runtime::Validate` for every input type and every structure
//! and union reachable from an input, whose `validate()` checks every constraint of the model
//! that can be checked (required members, string length in code points, blob length, numeric
//! range, list and map size, `pattern`) and returns every violation at once (the generated code
//! is the type's `validate_into`; the walk, `validate()` and `Operation::build_request_checked`
//! are the runtime's); and one `src/<svc>/validate.rs` per service holding the compiled
//! patterns and one function per constrained list or map shape.
//!
//! Everything here sits behind the generated crate's `validate` cargo feature, off by default,
//! because of what the `regex` crate the pattern checks need costs to build. Measured on the
//! 2-core development machine, cold `cargo build` (debug) of `awsgen-generated` (ElastiCache and
//! MemoryDB `CopySnapshot`) as a scratch crate, CPU time (user + sys, mean of two cold builds):
//! 14.8 s without `regex`; 25.0 s with `regex` and its default features (+70 %); 20.3 s with
//! `default-features = false, features = ["std", "unicode"]` (+38 %). Wall-clock time in the
//! same runs was noisy because other builds shared the two cores: 30 s, 64 s, and 33 to 42 s.
//! A build about 40 % slower for every user, most of whom never validate,
//! decides it: opt-in feature, and `regex` with the two features only (the checks match short
//! strings once; the performance features are half of `regex`'s build). A crate whose inputs
//! have no pattern does not depend on `regex` even with the feature. Turning the feature on
//! does not make requests validate: `build_request` never validates; `build_request_checked`
//! (and `runtime::validate::build_request_checked` for generic code) is the checked entry point.
//!
//! Enum membership is never checked: botocore enums are open (services add values, and clients
//! must pass unknown ones through), Smithy `enum` and `intEnum` shapes are open for clients too,
//! and no model says an enum is closed.
//!
//! Patterns are checked with `regex`'s `is_match` (a match anywhere, as in the models' ECMA
//! semantics: most patterns anchor themselves with `^…$`). A pattern `regex` cannot compile
//! (look-around, back-references) is not checked, and the member's docs say so; the generator
//! compiles every pattern itself to decide. `regex`'s Perl classes (`\d`, `\w`) are Unicode,
//! but the runtime reads `\w` and `\d` as ASCII, as Java and ECMAScript do (which also makes
//! patterns like `[\w+=,.@-]{1,1000}` cheap to compile: see `runtime/src/pattern.rs`).

mod bounds;
mod checks;
mod docs;

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

pub use docs::constraint_doc;

use super::{RustFile, Service};
use crate::ir::{Operation, ShapeId, ShapeKind, Structure};
use crate::naming::{self, Scope};
use bounds::Own;

/// The cargo feature of the generated crate that turns validation on.
pub const FEATURE: &str = "validate";

/// What the crate docs say about validation.
pub const CRATE_DOC: &str = "With the `validate` feature (off by default), every operation \
     input implements `runtime::Validate`, whose `validate()` checks every constraint of the \
     model (required members, lengths, ranges, sizes, patterns) and reports every violation at \
     once, and every operation has `build_request_checked` (of `runtime::Operation`), which \
     validates before building the request. `build_request` never validates.";

/// Whether the `regex` crate can compile `pattern` (with its default size limits) as the
/// generated check will: with the runtime's ASCII reading of `\w` and `\d`. Memoized per
/// thread: a model repeats its patterns across many members, and each is asked about twice
/// (the plan and the member's docs).
pub fn pattern_checkable(pattern: &str) -> bool {
    thread_local! {
        static SEEN: std::cell::RefCell<std::collections::HashMap<String, bool>> =
            std::cell::RefCell::default();
    }
    SEEN.with_borrow_mut(|seen| {
        if let Some(&known) = seen.get(pattern) {
            return known;
        }
        let ok = regex::Regex::new(&awsgen_runtime::pattern::ascii_classes(pattern)).is_ok();
        seen.insert(pattern.to_owned(), ok);
        ok
    })
}

/// What validation one service generates: which shapes are reachable from inputs, which of them
/// have something to check (themselves or anything inside them), and the names of the
/// per-service items (collection functions, pattern statics).
pub struct Plan {
    /// Shapes reachable from an operation input (inputs included).
    reachable: BTreeSet<ShapeId>,
    /// Reachable shapes with a check somewhere inside.
    checked: BTreeSet<ShapeId>,
    /// Function name of each checked list or map shape, in `validate.rs`.
    functions: BTreeMap<ShapeId, String>,
    /// Static name of each checkable pattern, in `validate.rs`.
    patterns: BTreeMap<String, String>,
}

impl Plan {
    /// Works out the plan for `svc`.
    pub fn new(svc: &Service<'_>) -> Self {
        let model = svc.model;
        let reachable = crate::ir::closure(model, model.operations.iter().map(|op| &op.input));

        let mut patterns = BTreeMap::new();
        let mut checked: BTreeSet<ShapeId> = BTreeSet::new();
        for id in &reachable {
            let shape = model.shape(id);
            let own = match bounds::own(shape) {
                Own::None => false,
                Own::String { lengths, pattern } => {
                    let pattern = pattern.filter(|p| pattern_checkable(p));
                    if let Some(p) = &pattern {
                        let n = patterns.len() + 1;
                        patterns
                            .entry(p.clone())
                            .or_insert_with(|| format!("PATTERN_{n}"));
                    }
                    lengths.0.is_some() || lengths.1.is_some() || pattern.is_some()
                }
                _ => true,
            };
            let required = match &shape.kind {
                ShapeKind::Structure(s) => s.members.iter().any(|m| m.required),
                _ => false,
            };
            if own || required {
                checked.insert(id.clone());
            }
        }
        // Aggregates inherit checks from what they hold; iterate to the fixed point (each
        // round adds at least one shape, so at most one round per shape).
        loop {
            let before = checked.len();
            for id in &reachable {
                if checked.contains(id) {
                    continue;
                }
                if crate::ir::targets(&model.shape(id).kind).any(|t| checked.contains(t)) {
                    checked.insert(id.clone());
                }
            }
            if checked.len() == before {
                break;
            }
        }

        let mut scope = Scope::new();
        let functions = checked
            .iter()
            .filter(|id| matches!(model.shape(id).kind, ShapeKind::List(_) | ShapeKind::Map(_)))
            .map(|id| (id.clone(), scope.claim(naming::field_name(id.name()))))
            .collect();
        Plan {
            reachable,
            checked,
            functions,
            patterns,
        }
    }

    /// Whether values of `id` have anything to check.
    fn is_checked(&self, id: &ShapeId) -> bool {
        self.checked.contains(id)
    }
}

/// `#[cfg(feature = "validate")]`.
fn cfg() -> TokenStream {
    quote!(#[cfg(feature = "validate")])
}

/// The validation items of the named type `id` (a structure or union), if it is reachable from
/// an input: to be appended to the type's file.
pub fn type_items(svc: &Service<'_>, plan: &Plan, id: &ShapeId) -> TokenStream {
    if !plan.reachable.contains(id) {
        return TokenStream::new();
    }
    let shape = svc.model.shape(id);
    let names = svc
        .names
        .type_of(id)
        .unwrap_or_else(|| unreachable!("shape `{id}` has a type name"));
    let ident = naming::to_ident(&names.name);
    let ty = quote!(#ident);
    match &shape.kind {
        ShapeKind::Structure(s) => {
            struct_items(svc, plan, &ty, &names.name, id, s, svc.names.fields(id))
        }
        ShapeKind::Union(s) => union_items(svc, plan, &ty, &names.name, id, s),
        _ => TokenStream::new(),
    }
}

/// The validation items of `op`'s input type: to be appended to the operation's file
/// (`build_request_checked` is the `Operation` trait's own).
pub fn operation_items(svc: &Service<'_>, plan: &Plan, op: &Operation) -> TokenStream {
    let names = svc.names.operation(&op.name);
    let input = naming::to_ident(&names.input);
    let id = &op.input;
    let (structure, fields) = match &svc.model.shape(id).kind {
        ShapeKind::Structure(s) => (s, svc.names.fields(id)),
        _ => unreachable!("operation input `{id}` was validated to be a structure"),
    };
    let checked = plan.is_checked(id);
    struct_body(
        svc,
        plan,
        &quote!(#input),
        &names.input,
        checked,
        structure,
        fields,
    )
}

fn struct_items(
    svc: &Service<'_>,
    plan: &Plan,
    ty: &TokenStream,
    name: &str,
    id: &ShapeId,
    s: &Structure,
    fields: &[String],
) -> TokenStream {
    struct_body(svc, plan, ty, name, plan.is_checked(id), s, fields)
}

/// `validate()`, `validate_into()` (when there is something to check) and the `Validate` impl
/// of a structure type.
fn struct_body(
    svc: &Service<'_>,
    plan: &Plan,
    ty: &TokenStream,
    name: &str,
    checked: bool,
    s: &Structure,
    fields: &[String],
) -> TokenStream {
    let into = checked.then(|| {
        let checks = s
            .members
            .iter()
            .zip(fields)
            .map(|(m, f)| checks::member_checks(svc, plan, m, &naming::to_ident(f)));
        quote! {
            fn validate_into(
                &self,
                path: &crate::runtime::validate::Path<'_>,
                out: &mut crate::runtime::validate::Violations,
            ) {
                #(#checks)*
            }
        }
    });
    let deprecated = s.has_deprecated_member();
    wrap(ty, name, into, deprecated)
}

/// The same for a union: each set member is checked as the member it is.
fn union_items(
    svc: &Service<'_>,
    plan: &Plan,
    ty: &TokenStream,
    name: &str,
    id: &ShapeId,
    s: &Structure,
) -> TokenStream {
    let checked = plan.is_checked(id);
    let into = checked.then(|| {
        let variants = svc.names.fields(id);
        let arms: Vec<(TokenStream, TokenStream)> = s
            .members
            .iter()
            .zip(variants)
            .filter(|(m, _)| plan.is_checked(&m.target))
            .map(|(m, v)| {
                let variant = naming::to_ident(v);
                let wire = &m.name;
                let checks = checks::value_checks(svc, plan, m, &quote!(value));
                (
                    quote!(Self::#variant(value)),
                    quote! {{
                        let path = path.member(#wire);
                        #checks
                    }},
                )
            })
            .collect();
        let body = if let [(pattern, block)] = arms.as_slice() {
            // One checked member: `if let`, which is what clippy wants for a single arm.
            quote!(if let #pattern = self #block)
        } else {
            let (patterns, blocks): (Vec<_>, Vec<_>) = arms.into_iter().unzip();
            quote! {
                match self {
                    #(#patterns => #blocks)*
                    _ => {}
                }
            }
        };
        quote! {
            fn validate_into(
                &self,
                path: &crate::runtime::validate::Path<'_>,
                out: &mut crate::runtime::validate::Violations,
            ) {
                #body
            }
        }
    });
    wrap(ty, name, into, false)
}

/// The `Validate` impl: the type's name and, when something inside it is checked, its
/// `validate_into` (the trait's `validate()` walks it).
fn wrap(ty: &TokenStream, name: &str, into: Option<TokenStream>, deprecated: bool) -> TokenStream {
    let cfg = cfg();
    let allow = deprecated.then(|| {
        quote! {
            #[comment = " Validation reads deprecated members too."]
            #[allow(deprecated)]
        }
    });
    quote! {
        #cfg
        #allow
        impl crate::runtime::validate::Validate for #ty {
            const NAME: &'static str = #name;

            #into
        }
    }
}

/// `src/<svc>/validate.rs`: the service's compiled patterns and the functions of its checked
/// lists and maps; `None` when it needs neither.
pub fn module_file(svc: &Service<'_>, plan: &Plan) -> Option<RustFile> {
    if plan.functions.is_empty() && plan.patterns.is_empty() {
        return None;
    }
    let mut patterns: Vec<(&String, &String)> = plan.patterns.iter().collect();
    patterns.sort_by(|a, b| a.1.len().cmp(&b.1.len()).then(a.1.cmp(b.1)));
    let statics = patterns.into_iter().map(|(pattern, name)| {
        let ident = naming::to_ident(name);
        let doc = format!(" The pattern {}.", super::docs::code(pattern));
        quote! {
            #[doc = #doc]
            pub(crate) static #ident: crate::runtime::pattern::Pattern =
                crate::runtime::pattern::Pattern::new(#pattern);
        }
    });
    let functions = plan
        .functions
        .iter()
        .map(|(id, name)| checks::collection_fn(svc, plan, id, name));
    Some(RustFile {
        path: format!("src/{}/validate.rs", svc.module),
        source: svc.model.source.clone(),
        tokens: quote! {
            //! Validation helpers of this service: its compiled patterns, and one function
            //! per list or map shape with something to check.
            #(#statics)*
            #(#functions)*
        },
    })
}

/// The declaration of the module of [`module_file`], for the service root.
pub fn module_decl(plan: &Plan) -> TokenStream {
    if plan.functions.is_empty() && plan.patterns.is_empty() {
        return TokenStream::new();
    }
    let cfg = cfg();
    // No outer doc: the file has inner docs, and crates that inline modules would get both.
    quote! {
        #cfg
        mod validate;
    }
}

/// Whether any input of the service has a pattern to check, so the crate needs `regex`.
pub fn uses_patterns(plan: &Plan) -> bool {
    !plan.patterns.is_empty()
}
