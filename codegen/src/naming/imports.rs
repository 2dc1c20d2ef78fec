//! Shorter crate paths where the file allows them: emitters write `crate::svc::types::Tag` and
//! `crate::runtime::json::JsonWriter`, always correct; [`shorten`] imports the module once at
//! the top of one generated file (`use crate::svc::types;`) and writes `types::Tag`.
//!
//! Only a path of at least three segments after `crate` is shortened, to its second module
//! (`crate::a::b::…` → `b::…`, importing `crate::a::b`). The rule is conservative, like
//! [`super::prelude`]: a module name is used only when that identifier appears nowhere else in
//! the file (no item, field, method or variable of that name) and only one module of that name
//! is wanted (`crate::runtime::validate` and `crate::svc::validate`: the first keeps the short
//! name). A file with a glob import or an inline module (whose items would not see the import)
//! is left as it is, and `use` declarations themselves are never rewritten.

use std::collections::{BTreeMap, HashSet};

use proc_macro2::{Delimiter, Ident, Spacing, Span, TokenStream, TokenTree};
use quote::quote;

/// Rewrites `crate::a::b::…` paths of one generated file into `b::…` with one `use crate::a::b;`
/// per module, where safe (see the module docs).
pub fn shorten(file: TokenStream) -> TokenStream {
    let tokens: Vec<TokenTree> = file.clone().into_iter().collect();
    let mut scan = Scan::default();
    if !scan.walk(&tokens) {
        return file;
    }
    // The module each short name stands for: the first one met, if its name is free.
    let mut chosen: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut taken = HashSet::new();
    for (a, b) in &scan.modules {
        if scan.others.contains(b) || !taken.insert(b.clone()) {
            continue;
        }
        chosen.insert(format!("{a}::{b}"), (a.clone(), b.clone()));
    }
    if chosen.is_empty() {
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
        let a = Ident::new(a, Span::call_site());
        let b = Ident::new(b, Span::call_site());
        out.extend(quote!(use crate::#a::#b;));
    }
    out.extend(rest);
    out.into_iter().collect()
}

#[derive(Default)]
struct Scan {
    /// `(a, b)` of every `crate::a::b::…` path, in order of first appearance.
    modules: Vec<(String, String)>,
    /// Every identifier outside those paths' first three segments and outside `use`.
    others: HashSet<String>,
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
                i += 7;
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
    let mut out = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        if let Some((a, b)) = crate_path(tokens, i)
            && chosen.contains_key(&format!("{a}::{b}"))
        {
            // `crate :: a :: b` → `b`; the `::c…` after it stays.
            out.push(tokens[i + 6].clone());
            i += 7;
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
                    rewrite(&inner, chosen).into_iter().collect(),
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

    use super::shorten;

    #[test]
    fn modules_are_imported_once_and_paths_shortened() {
        let out = shorten(quote! {
            #![doc = " File docs."]
            pub(crate) fn f(w: &mut crate::runtime::json::JsonWriter, v: &crate::svc::types::Tag) {
                crate::svc::protocol::tag::ser_tag(w, v);
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
                protocol::tag::ser_tag(w, v);
                let _: crate::runtime::BuildError;
                let _: types::Other;
            }
        };
        assert_eq!(out.to_string(), expected.to_string());
    }

    #[test]
    fn a_name_used_otherwise_or_twice_keeps_full_paths() {
        // `types` is also a field; two modules named `validate`: the first wins.
        let out = shorten(quote! {
            pub struct S { pub types: crate::svc::types::Tag }
            fn f(p: &crate::runtime::validate::Path, o: crate::svc::validate::Out) {}
        });
        let expected = quote! {
            use crate::runtime::validate;
            pub struct S { pub types: crate::svc::types::Tag }
            fn f(p: &validate::Path, o: crate::svc::validate::Out) {}
        };
        assert_eq!(out.to_string(), expected.to_string());
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
            assert_eq!(shorten(tokens.clone()).to_string(), tokens.to_string());
        }
    }
}
