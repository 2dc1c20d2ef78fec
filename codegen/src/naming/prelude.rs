//! Short std names where the file allows them: emitters write full paths
//! (`::std::option::Option<::std::string::String>`), always correct; [`shorten`] turns them into
//! the prelude's names (`Option<String>`) in one generated file, for each name the file does not
//! shadow.
//!
//! A prelude name is shadowed only by an item or import of the same name in scope, and model
//! shapes are always referenced by `crate::…` paths, so the rule is simple and conservative: a
//! name stays a full path when the same identifier appears anywhere else in the file (a shape
//! named `Option` defined or re-exported there, an enum variant `None`, a path
//! `crate::types::String`), and a file with a glob import (`use x::*`) keeps every full path.
//! Derive macros `Debug` and `Hash` are in the prelude but their traits are not: they are
//! shortened inside `#[derive(…)]` only.

use std::collections::HashSet;

use proc_macro2::{Delimiter, Group, Ident, Literal, Spacing, Span, TokenStream, TokenTree};

/// Full std paths (without the leading `::std::`) and their prelude names, longest first where
/// one is a prefix of another.
const PRELUDE: &[(&[&str], &str)] = &[
    (&["option", "Option", "Some"], "Some"),
    (&["option", "Option", "None"], "None"),
    (&["option", "Option"], "Option"),
    (&["result", "Result", "Ok"], "Ok"),
    (&["result", "Result", "Err"], "Err"),
    (&["result", "Result"], "Result"),
    (&["string", "String"], "String"),
    (&["string", "ToString"], "ToString"),
    (&["vec", "Vec"], "Vec"),
    (&["boxed", "Box"], "Box"),
    (&["borrow", "ToOwned"], "ToOwned"),
    (&["clone", "Clone"], "Clone"),
    (&["default", "Default"], "Default"),
    (&["marker", "Copy"], "Copy"),
    (&["marker", "Send"], "Send"),
    (&["marker", "Sync"], "Sync"),
    (&["marker", "Sized"], "Sized"),
    (&["marker", "Unpin"], "Unpin"),
    (&["cmp", "PartialEq"], "PartialEq"),
    (&["cmp", "Eq"], "Eq"),
    (&["cmp", "PartialOrd"], "PartialOrd"),
    (&["cmp", "Ord"], "Ord"),
    (&["convert", "From"], "From"),
    (&["convert", "Into"], "Into"),
    (&["convert", "TryFrom"], "TryFrom"),
    (&["convert", "TryInto"], "TryInto"),
    (&["convert", "AsRef"], "AsRef"),
    (&["convert", "AsMut"], "AsMut"),
    (&["iter", "Iterator"], "Iterator"),
    (&["iter", "IntoIterator"], "IntoIterator"),
    (&["iter", "Extend"], "Extend"),
    (&["ops", "Drop"], "Drop"),
    (&["ops", "Fn"], "Fn"),
    (&["ops", "FnMut"], "FnMut"),
    (&["ops", "FnOnce"], "FnOnce"),
];

/// Derive macros of the prelude whose traits are not in it: short inside `#[derive(…)]` only.
const DERIVE_ONLY: &[(&[&str], &str)] =
    &[(&["fmt", "Debug"], "Debug"), (&["hash", "Hash"], "Hash")];

/// std macros, in scope everywhere: `::std::matches!` becomes `matches!`.
const MACROS: &[&str] = &[
    "matches",
    "vec",
    "format",
    "concat",
    "write",
    "writeln",
    "compile_error",
];

/// Rewrites the full std paths of one generated file into prelude names where that file does
/// not shadow them (see the module docs). String literals that are exactly such a path
/// (`skip_serializing_if = "::std::option::Option::is_none"`) are rewritten the same way.
pub fn shorten(file: TokenStream) -> TokenStream {
    let mut others = HashSet::new();
    if !collect_other_idents(file.clone(), &mut others) {
        return file;
    }
    rewrite(file, &others, false)
}

/// Collects every identifier outside `::std::…` paths into `out`; `false` when the file has a
/// glob import (then nothing is rewritten).
fn collect_other_idents(tokens: TokenStream, out: &mut HashSet<String>) -> bool {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let mut i = 0;
    while i < tokens.len() {
        if let Some(len) = std_path_len(&tokens, i) {
            i += len;
            continue;
        }
        match &tokens[i] {
            TokenTree::Ident(ident) => {
                out.insert(ident.to_string());
            }
            // The guard walks the group (and its names go into `out`) either way.
            TokenTree::Group(g) if !collect_other_idents(g.stream(), out) => {
                return false;
            }
            TokenTree::Punct(p) if p.as_char() == '*' && i >= 2 && is_path_sep(&tokens, i - 2) => {
                return false;
            }
            _ => {}
        }
        i += 1;
    }
    true
}

/// At `i`, a `::std::a::b…` path not continuing a relative one: its length in tokens.
fn std_path_len(tokens: &[TokenTree], i: usize) -> Option<usize> {
    // After a name (`a::std::…`, `crate::std::…`) the path is relative; after a keyword
    // (`impl ::std::…`, `as ::std::…`) it is not.
    let relative = i > 0
        && matches!(&tokens[i - 1], TokenTree::Ident(id)
            if !super::is_keyword(&id.to_string())
                || matches!(id.to_string().as_str(), "crate" | "self" | "super" | "Self"));
    if !is_path_sep(tokens, i) || relative {
        return None;
    }
    if !matches!(tokens.get(i + 2), Some(TokenTree::Ident(id)) if id == "std") {
        return None;
    }
    let mut len = 3;
    while is_path_sep(tokens, i + len)
        && matches!(tokens.get(i + len + 2), Some(TokenTree::Ident(_)))
    {
        len += 3;
    }
    Some(len)
}

/// `::` at `i`.
fn is_path_sep(tokens: &[TokenTree], i: usize) -> bool {
    matches!(
        (tokens.get(i), tokens.get(i + 1)),
        (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)))
            if a.as_char() == ':' && a.spacing() == Spacing::Joint && b.as_char() == ':'
    )
}

/// The segments after `::std` of the path at `i` spanning `len` tokens.
fn segments(tokens: &[TokenTree], i: usize, len: usize) -> Vec<String> {
    (i + 5..i + len)
        .step_by(3)
        .map(|j| tokens[j].to_string())
        .collect()
}

/// The prelude name of the longest table entry the path starts with, and the segments it covers.
fn short_name(
    segs: &[String],
    others: &HashSet<String>,
    in_derive: bool,
) -> Option<(&'static str, usize)> {
    let tables: &[&[(&[&str], &str)]] = if in_derive {
        &[PRELUDE, DERIVE_ONLY]
    } else {
        &[PRELUDE]
    };
    tables
        .iter()
        .flat_map(|t| t.iter())
        .find(|(path, _)| segs.len() >= path.len() && path.iter().zip(segs).all(|(p, s)| p == s))
        .filter(|(_, short)| !others.contains(*short))
        .map(|(path, short)| (*short, path.len()))
}

fn rewrite(tokens: TokenStream, others: &HashSet<String>, in_derive: bool) -> TokenStream {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        if let Some(len) = std_path_len(&tokens, i) {
            let segs = segments(&tokens, i, len);
            let is_macro = segs.len() == 1
                && matches!(tokens.get(i + len), Some(TokenTree::Punct(p)) if p.as_char() == '!')
                && MACROS.contains(&segs[0].as_str())
                && !others.contains(&segs[0]);
            if is_macro {
                out.push(tokens[i + 5].clone());
            } else if let Some((short, covered)) = short_name(&segs, others, in_derive) {
                out.push(TokenTree::Ident(Ident::new(short, Span::call_site())));
                // The rest of the path (`::default` of `Default::default`) stays as it was.
                out.extend(tokens[i + 3 + 3 * covered..i + len].iter().cloned());
            } else {
                out.extend(tokens[i..i + len].iter().cloned());
            }
            i += len;
            continue;
        }
        match &tokens[i] {
            TokenTree::Group(g) => {
                let derive = g.delimiter() == Delimiter::Parenthesis
                    && matches!(i.checked_sub(1).map(|j| &tokens[j]), Some(TokenTree::Ident(id)) if id == "derive");
                let mut group = Group::new(g.delimiter(), rewrite(g.stream(), others, derive));
                group.set_span(g.span());
                out.push(TokenTree::Group(group));
            }
            TokenTree::Literal(lit) => out.push(TokenTree::Literal(rewrite_literal(lit, others))),
            other => out.push(other.clone()),
        }
        i += 1;
    }
    out.into_iter().collect()
}

/// A string literal holding exactly a std path (serde's `skip_serializing_if = "…"`).
fn rewrite_literal(lit: &Literal, others: &HashSet<String>) -> Literal {
    let text = lit.to_string();
    let Some(path) = text
        .strip_prefix("\"::std::")
        .and_then(|t| t.strip_suffix('"'))
    else {
        return lit.clone();
    };
    let segs: Vec<String> = path.split("::").map(str::to_owned).collect();
    if segs
        .iter()
        .any(|s| s.is_empty() || !s.chars().all(|c| c.is_alphanumeric() || c == '_'))
    {
        return lit.clone();
    }
    match short_name(&segs, others, false) {
        Some((short, covered)) => {
            let mut shortened = short.to_owned();
            for s in &segs[covered..] {
                shortened.push_str("::");
                shortened.push_str(s);
            }
            let mut new = Literal::string(&shortened);
            new.set_span(lit.span());
            new
        }
        None => lit.clone(),
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::shorten;

    fn text(tokens: proc_macro2::TokenStream) -> String {
        shorten(tokens).to_string()
    }

    #[test]
    fn full_paths_become_prelude_names() {
        let out = text(quote! {
            #[derive(::std::clone::Clone, ::std::fmt::Debug, ::std::default::Default)]
            pub struct A {
                #[serde(skip_serializing_if = "::std::option::Option::is_none")]
                pub x: ::std::option::Option<::std::vec::Vec<::std::string::String>>,
            }
            impl ::std::fmt::Debug for B {}
            impl ::std::clone::Clone for B {}
            fn f() -> ::std::result::Result<u8, ()> {
                let _ = ::std::matches!(x, ::std::option::Option::None) || ::std::vec::from_elem(0, 1).is_empty();
                let _: A = ::std::default::Default::default();
                ::std::result::Result::Ok(::std::option::Option::Some(1).unwrap_or(0))
            }
        });
        let expected = quote! {
            #[derive(Clone, Debug, Default)]
            pub struct A {
                #[serde(skip_serializing_if = "Option::is_none")]
                pub x: Option<Vec<String>>,
            }
            impl ::std::fmt::Debug for B {}
            impl Clone for B {}
            fn f() -> Result<u8, ()> {
                let _ = matches!(x, None) || ::std::vec::from_elem(0, 1).is_empty();
                let _: A = Default::default();
                Ok(Some(1).unwrap_or(0))
            }
        };
        assert_eq!(out, expected.to_string());
    }

    #[test]
    fn a_name_the_file_defines_or_uses_keeps_its_full_path() {
        // A shape named `Option` (and an enum with a `None` variant) in the same file.
        let out = text(quote! {
            pub struct Option { pub s: ::std::option::Option<::std::string::String> }
            pub enum E { None, Other(::std::option::Option<u8>) }
            fn f() -> ::std::option::Option<u8> { ::std::option::Option::None }
            fn g() -> ::std::option::Option<u8> { ::std::option::Option::Some(1) }
        });
        let expected = quote! {
            pub struct Option { pub s: ::std::option::Option<String> }
            pub enum E { None, Other(::std::option::Option<u8>) }
            fn f() -> ::std::option::Option<u8> { ::std::option::Option::None }
            fn g() -> ::std::option::Option<u8> { Some(1) }
        };
        assert_eq!(out, expected.to_string());
        // A path to a shape named `String` elsewhere in the crate counts too.
        let out = text(quote!(
            fn f(_: crate::types::String) -> ::std::string::String {}
        ));
        assert!(out.contains(":: std :: string :: String"), "{out}");
    }

    #[test]
    fn a_glob_import_keeps_every_full_path() {
        let tokens = quote! {
            pub use ::awsgen_runtime::*;
            fn f() -> ::std::option::Option<u8> { None }
        };
        assert_eq!(text(tokens.clone()), tokens.to_string());
    }

    #[test]
    fn relative_and_non_std_paths_are_left_alone() {
        let tokens = quote!(
            fn f(_: my::std::option::Option, _: ::core::option::Option<u8>) {}
        );
        assert_eq!(text(tokens.clone()), tokens.to_string());
    }
}
