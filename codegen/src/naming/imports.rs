//! Shorter crate paths where the file allows them: emitters write `crate::svc::types::Tag` and
//! `crate::runtime::json::JsonWriter`, always correct; [`shorten`] imports the module once at
//! the top of one generated file (`use crate::svc::types;`) and writes `types::Tag`.
//!
//! Only a path of at least three segments after `crate` is shortened, to its second module
//! (`crate::a::b::…` → `b::…`, importing `crate::a::b`). The rule is conservative, like
//! [`super::prelude`]: a module name is used only when that identifier appears nowhere else in
//! the file (no item, field, method or variable of that name) and only one module of that name
//! is wanted (`crate::runtime::validate` and `crate::svc::validate`: the first keeps the short
//! name). The `validate` modules, which exist only with the crate's `validate` feature, are
//! never imported. A file with a glob import or an inline module (whose items would not see the
//! import) is left as it is, and `use` declarations themselves are never rewritten.

use std::collections::{BTreeMap, HashSet};

use proc_macro2::{Delimiter, Ident, Spacing, Span, TokenStream, TokenTree};
use quote::quote;

/// Rewrites `crate::a::b::…` paths of one generated file into `b::…` with one `use crate::a::b;`
/// per module, where safe (see the module docs).
///
/// `own` is the file's module when it is a protocol module (`("svc", "tag")` for
/// `crate::svc::protocol::tag`): its own functions are called by their bare name.
pub fn shorten(file: TokenStream, own: Option<(&str, &str)>) -> TokenStream {
    let tokens: Vec<TokenTree> = file.clone().into_iter().collect();
    let mut scan = Scan::default();
    if !scan.walk(&tokens) {
        return file;
    }
    // First the protocol functions named by their own name, then the modules of what is left.
    let (tokens, mut imports) = import_functions(&tokens, &scan, own);
    let mut scan = Scan::default();
    scan.walk(&tokens);
    // The module each short name stands for: the first one met, if its name is free.
    let mut chosen: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut taken = HashSet::new();
    for (a, b) in &scan.modules {
        // The `validate` modules (the runtime's, the service's) exist only with the generated
        // crate's `validate` feature, and so do the items naming them: an unconditional import
        // would not compile without it.
        if b == FEATURE_GATED || scan.others.contains(b) || !taken.insert(b.clone()) {
            continue;
        }
        chosen.insert(format!("{a}::{b}"), (a.clone(), b.clone()));
    }
    if chosen.is_empty() && imports.is_empty() {
        return file;
    }
    let body = rewrite(&tokens, &chosen);
    // The imports go after the file's inner attributes (`//!` docs, `#![…]`).
    let mut out: Vec<TokenTree> = Vec::with_capacity(body.len() + 8 * chosen.len());
    let mut rest = body.into_iter().peekable();
    loop {
        let inner_attr = matches!(rest.peek(), Some(TokenTree::Punct(p)) if p.as_char() == '#');
        if !inner_attr {
            break;
        }
        let mut ahead = rest.clone();
        ahead.next();
        if !matches!(ahead.next(), Some(TokenTree::Punct(p)) if p.as_char() == '!') {
            break;
        }
        out.extend(rest.by_ref().take(3));
    }
    for (a, b) in chosen.values() {
        let path = format!("crate::{a}::{b}");
        let (a, b) = (ident(a), ident(b));
        imports.insert(path, quote!(use crate::#a::#b;));
    }
    out.extend(imports.into_values().flatten());
    out.extend(rest);
    out.into_iter().collect()
}

/// The module name never imported: see [`shorten`].
const FEATURE_GATED: &str = "validate";

/// The second module of the paths whose functions are imported by name.
const FUNCTION_MODULE: &str = "protocol";

/// Imports each protocol function the file calls by its path (`crate::svc::protocol::tag::de_tag`)
/// by its own name (`use crate::svc::protocol::tag::de_tag;`, then `de_tag`), when that name
/// appears nowhere else in the file (see [`Scan::others`]; a function defined in the file is
/// such a name) and one module alone gives it: a parser's member arm then fits on one line
/// where the full path made it six. Returns the rewritten tokens and the `use` declarations.
fn import_functions(
    tokens: &[TokenTree],
    scan: &Scan,
    own: Option<(&str, &str)>,
) -> (Vec<TokenTree>, Imports) {
    let is_own = |(a, m): &(String, String)| own == Some((a.as_str(), m.as_str()));
    // Each function name with the `(service, module)` paths giving it.
    let mut found: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for (a, m, f) in &scan.functions {
        let from = found.entry(f.clone()).or_default();
        if !from.contains(&(a.clone(), m.clone())) {
            from.push((a.clone(), m.clone()));
        }
    }
    // A function of the file's own module is defined here, so its name is taken (and needs
    // no import) whatever else names it.
    let chosen: BTreeMap<String, (String, String)> = found
        .into_iter()
        .filter(|(f, from)| from.len() == 1 && (is_own(&from[0]) || !scan.others.contains(f)))
        .map(|(f, mut from)| (f, from.remove(0)))
        .collect();
    if chosen.is_empty() {
        return (tokens.to_vec(), Imports::new());
    }
    let body = rewrite_functions(tokens, &chosen);
    let module = ident(FUNCTION_MODULE);
    // The functions of one module in one `use` (`use …::tag::{de_tag, ser_tag};`) where that
    // fits on a line, each on its own otherwise: prettyplease would spread the braces over
    // four lines.
    let mut by_module: BTreeMap<(&str, &str), Vec<&str>> = BTreeMap::new();
    for (f, from) in chosen.iter().filter(|(_, from)| !is_own(from)) {
        by_module.entry((&from.0, &from.1)).or_default().push(f);
    }
    let mut uses = Imports::new();
    for ((a, m), names) in by_module {
        let base = format!("crate::{a}::{FUNCTION_MODULE}::{m}");
        let (a, m) = (ident(a), ident(m));
        let grouped = format!("use {base}::{{{}}};", names.join(", "));
        if names.len() > 1 && grouped.len() <= MARGIN {
            let names = names.iter().map(|f| ident(f));
            uses.insert(base, quote!(use crate::#a::#module::#m::{#(#names),*};));
        } else {
            for f in names {
                let path = format!("{base}::{f}");
                let f = ident(f);
                uses.insert(path, quote!(use crate::#a::#module::#m::#f;));
            }
        }
    }
    (body, uses)
}

/// The width prettyplease fills (its margin): a longer line is broken.
const MARGIN: usize = 89;

/// `use` declarations by path, so that they come out in the order rustfmt would give them.
type Imports = BTreeMap<String, TokenStream>;

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// At `i`, `crate::a::protocol::m::f` naming a function (not followed by `::`): `(a, m, f)`.
fn function_path(tokens: &[TokenTree], i: usize) -> Option<(String, String, String)> {
    let (a, b) = crate_path(tokens, i)?;
    if b != FUNCTION_MODULE || !is_sep(tokens, i + 10) || is_sep(tokens, i + 13) {
        return None;
    }
    let name = |j: usize| match tokens.get(j) {
        Some(TokenTree::Ident(id)) => Some(id.to_string()),
        _ => None,
    };
    let (m, f) = (name(i + 9)?, name(i + 12)?);
    let snake = |s: &str| {
        !s.starts_with("r#")
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    };
    (snake(&m) && snake(&f)).then_some((a, m, f))
}

fn rewrite_functions(
    tokens: &[TokenTree],
    chosen: &BTreeMap<String, (String, String)>,
) -> Vec<TokenTree> {
    // `crate :: a :: protocol :: m :: f` → `f`.
    rewrite_paths(tokens, &|tokens, i| {
        function_path(tokens, i)
            .filter(|(_, _, f)| chosen.contains_key(f))
            .map(|_| (tokens[i + 12].clone(), 13))
    })
}

#[derive(Default)]
struct Scan {
    /// `(a, b)` of every `crate::a::b::…` path, in order of first appearance.
    modules: Vec<(String, String)>,
    /// Every identifier outside those paths' first three segments (outside the whole path of
    /// a protocol function) and outside `use`.
    others: HashSet<String>,
    /// `(a, m, f)` of every `crate::a::protocol::m::f` naming a function.
    functions: Vec<(String, String, String)>,
}

impl Scan {
    /// `false` when the file must be left alone (glob import, inline module).
    fn walk(&mut self, tokens: &[TokenTree]) -> bool {
        let mut i = 0;
        while i < tokens.len() {
            if let Some((a, b)) = crate_path(tokens, i) {
                if !self.modules.contains(&(a.clone(), b.clone())) {
                    self.modules.push((a, b));
                }
                if let Some(function) = function_path(tokens, i) {
                    self.functions.push(function);
                    i += 13;
                } else {
                    i += 7;
                }
                continue;
            }
            match &tokens[i] {
                TokenTree::Ident(id) if id == "use" => {
                    // Names a `use` brings in count; its path is never rewritten.
                    while i < tokens.len()
                        && !matches!(&tokens[i], TokenTree::Punct(p) if p.as_char() == ';')
                    {
                        match &tokens[i] {
                            TokenTree::Punct(p) if p.as_char() == '*' => return false,
                            TokenTree::Ident(id) => {
                                self.others.insert(id.to_string());
                            }
                            TokenTree::Group(g) => {
                                if g.stream().into_iter().any(
                                    |t| matches!(t, TokenTree::Punct(ref p) if p.as_char() == '*'),
                                ) {
                                    return false;
                                }
                                for t in g.stream() {
                                    if let TokenTree::Ident(id) = t {
                                        self.others.insert(id.to_string());
                                    }
                                }
                            }
                            _ => {}
                        }
                        i += 1;
                    }
                }
                TokenTree::Ident(id) if id == "mod" => {
                    if matches!(tokens.get(i + 2), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace)
                    {
                        return false;
                    }
                    self.others.insert("mod".to_owned());
                }
                TokenTree::Ident(id) => {
                    self.others.insert(id.to_string());
                }
                TokenTree::Group(g) => {
                    let inner: Vec<TokenTree> = g.stream().into_iter().collect();
                    if !self.walk(&inner) {
                        return false;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        true
    }
}

/// At `i`, `crate::a::b::c…` (a path of at least three segments after `crate`, not itself the
/// tail of a longer path): `(a, b)`.
fn crate_path(tokens: &[TokenTree], i: usize) -> Option<(String, String)> {
    let after_sep = i >= 2 && is_sep(tokens, i - 2);
    if after_sep || !matches!(tokens.get(i), Some(TokenTree::Ident(id)) if id == "crate") {
        return None;
    }
    let ident = |j: usize| match tokens.get(j) {
        Some(TokenTree::Ident(id)) => Some(id.to_string()),
        _ => None,
    };
    if !(is_sep(tokens, i + 1) && is_sep(tokens, i + 4) && is_sep(tokens, i + 7)) {
        return None;
    }
    let (a, b) = (ident(i + 3)?, ident(i + 6)?);
    ident(i + 9)?;
    if a.starts_with("r#") || b.starts_with("r#") {
        return None;
    }
    Some((a, b))
}

fn is_sep(tokens: &[TokenTree], i: usize) -> bool {
    matches!(
        (tokens.get(i), tokens.get(i + 1)),
        (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)))
            if a.as_char() == ':' && a.spacing() == Spacing::Joint && b.as_char() == ':'
    )
}

fn rewrite(tokens: &[TokenTree], chosen: &BTreeMap<String, (String, String)>) -> Vec<TokenTree> {
    // `crate :: a :: b` → `b`; the `::c…` after it stays.
    rewrite_paths(tokens, &|tokens, i| {
        crate_path(tokens, i)
            .filter(|(a, b)| chosen.contains_key(&format!("{a}::{b}")))
            .map(|_| (tokens[i + 6].clone(), 7))
    })
}

/// What replaces the path starting at a token, if one does: `(replacement, tokens replaced)`.
type PathRewrite<'a> = &'a dyn Fn(&[TokenTree], usize) -> Option<(TokenTree, usize)>;

/// Walks `tokens` (into groups, never into `use` declarations), replacing the tokens at each
/// place where `at` gives a replacement.
fn rewrite_paths(tokens: &[TokenTree], at: PathRewrite<'_>) -> Vec<TokenTree> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        if let Some((replacement, len)) = at(tokens, i) {
            out.push(replacement);
            i += len;
            continue;
        }
        match &tokens[i] {
            TokenTree::Ident(id) if id == "use" => {
                while i < tokens.len() {
                    let end = matches!(&tokens[i], TokenTree::Punct(p) if p.as_char() == ';');
                    out.push(tokens[i].clone());
                    i += 1;
                    if end {
                        break;
                    }
                }
                continue;
            }
            TokenTree::Group(g) => {
                let inner: Vec<TokenTree> = g.stream().into_iter().collect();
                let mut group = proc_macro2::Group::new(
                    g.delimiter(),
                    rewrite_paths(&inner, at).into_iter().collect(),
                );
                group.set_span(g.span());
                out.push(TokenTree::Group(group));
            }
            other => out.push(other.clone()),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use proc_macro2::TokenStream;

    use super::shorten;

    /// `shorten` in a file that is not a protocol module.
    fn shorten_anywhere(file: TokenStream) -> TokenStream {
        shorten(file, None)
    }

    #[test]
    fn modules_are_imported_once_and_paths_shortened() {
        let out = shorten_anywhere(quote! {
            #![doc = " File docs."]
            pub(crate) fn f(w: &mut crate::runtime::json::JsonWriter, v: &crate::svc::types::Tag) {
                crate::svc::protocol::tag::Tag::write(w, v);
                let _: crate::runtime::BuildError;
                let _: crate::svc::types::Other;
            }
        });
        let expected = quote! {
            #![doc = " File docs."]
            use crate::runtime::json;
            use crate::svc::protocol;
            use crate::svc::types;
            pub(crate) fn f(w: &mut json::JsonWriter, v: &types::Tag) {
                protocol::tag::Tag::write(w, v);
                let _: crate::runtime::BuildError;
                let _: types::Other;
            }
        };
        assert_eq!(out.to_string(), expected.to_string());
    }

    #[test]
    fn a_name_used_otherwise_or_twice_keeps_full_paths() {
        // `types` is also a field; two modules named `document`: the first wins.
        let out = shorten_anywhere(quote! {
            pub struct S { pub types: crate::svc::types::Tag }
            fn f(p: &crate::runtime::document::Path, o: crate::svc::document::Out) {}
        });
        let expected = quote! {
            use crate::runtime::document;
            pub struct S { pub types: crate::svc::types::Tag }
            fn f(p: &document::Path, o: crate::svc::document::Out) {}
        };
        assert_eq!(out.to_string(), expected.to_string());
    }

    #[test]
    fn protocol_functions_are_imported_by_name_where_the_name_is_free() {
        // `de_same` comes from two modules, `de_local` is also defined here: both keep paths.
        let out = shorten_anywhere(quote! {
            fn de_local(r: u8) -> u8 { crate::svc::protocol::tag::de_tag(r) }
            fn g() {
                crate::svc::protocol::a::de_same();
                crate::svc::protocol::b::de_same();
                crate::svc::protocol::c::de_local(0);
                let _ = crate::svc::protocol::tag::de_tag;
            }
        });
        let expected = quote! {
            use crate::svc::protocol;
            use crate::svc::protocol::tag::de_tag;
            fn de_local(r: u8) -> u8 { de_tag(r) }
            fn g() {
                protocol::a::de_same();
                protocol::b::de_same();
                protocol::c::de_local(0);
                let _ = de_tag;
            }
        };
        assert_eq!(out.to_string(), expected.to_string());
    }

    #[test]
    fn the_feature_gated_validate_modules_are_never_imported() {
        let file = quote! {
            #[cfg(feature = "validate")]
            impl crate::runtime::validate::Validate for S {
                fn validate_into(&self, p: &crate::runtime::validate::Path<'_>) {
                    crate::svc::validate::tags(&self.tags, p);
                }
            }
        };
        assert_eq!(shorten_anywhere(file.clone()).to_string(), file.to_string());
    }

    #[test]
    fn glob_imports_inline_modules_and_use_paths_are_left_alone() {
        for tokens in [
            quote!(
                pub use crate::runtime::*;
                fn f(_: crate::svc::types::Tag) {}
            ),
            quote!(
                mod inner {
                    fn f(_: crate::svc::types::Tag) {}
                }
            ),
            quote!(
                pub use crate::svc::types::tag::Tag;
            ),
        ] {
            assert_eq!(
                shorten_anywhere(tokens.clone()).to_string(),
                tokens.to_string()
            );
        }
    }

    #[test]
    fn a_protocol_module_calls_its_own_functions_by_name() {
        // In `crate::svc::protocol::tag`: `de_tag_list` is defined here; `de_other` is not.
        let out = shorten(
            quote! {
                fn de_tag_list(r: u8) -> u8 { crate::svc::protocol::tag::de_tag(r) }
                fn de_tag(r: u8) -> u8 { crate::svc::protocol::other::de_other(r) }
                fn de_other() {}
                fn g() { crate::svc::protocol::tag::de_tag_list(0); }
            },
            Some(("svc", "tag")),
        );
        let expected = quote! {
            use crate::svc::protocol;
            fn de_tag_list(r: u8) -> u8 { de_tag(r) }
            fn de_tag(r: u8) -> u8 { protocol::other::de_other(r) }
            fn de_other() {}
            fn g() { de_tag_list(0); }
        };
        assert_eq!(out.to_string(), expected.to_string());
    }
}
