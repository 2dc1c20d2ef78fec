//! [`Table`] → the tokens of a `runtime::endpoint::RuleSet` value, for a `static` in the
//! generated crate. `e` is expected to name `crate::runtime::endpoint`.

use awsgen_runtime::endpoint::{
    Condition, Expr, Function, List, Outcome, Param, ParamType, Rule, Segment,
};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::Table;

/// The rule set as a `RuleSet { … }` expression.
pub fn tokens(table: &Table) -> TokenStream {
    let service = &table.service;
    let strings = &table.strings;
    let params = table.params.iter().map(param);
    let exprs = table.exprs.iter().map(expr);
    let lists = table.lists.iter().map(|&v| n(v));
    let paths = table.paths.iter().map(|s| match *s {
        Segment::Key(k) => {
            let k = n(k);
            quote!(e::Segment::Key(#k))
        }
        Segment::Index(i) => {
            let i = n(i);
            quote!(e::Segment::Index(#i))
        }
    });
    let conditions = table.conditions.iter().map(condition);
    let rules = table.rules.iter().map(rule);
    let root = list(table.root);
    let slots = n(table.slots);
    quote! {
        e::RuleSet {
            service: #service,
            strings: &[#(#strings),*],
            params: &[#(#params),*],
            exprs: &[#(#exprs),*],
            lists: &[#(#lists),*],
            paths: &[#(#paths),*],
            conditions: &[#(#conditions),*],
            rules: &[#(#rules),*],
            root: #root,
            slots: #slots,
        }
    }
}

/// An unsuffixed integer literal (`7`, not `7u32`).
fn n(v: u32) -> Literal {
    Literal::u32_unsuffixed(v)
}

fn list(l: List) -> TokenStream {
    let (start, len) = (n(l.start), n(l.len));
    quote!(e::List { start: #start, len: #len })
}

fn option(o: Option<u32>) -> TokenStream {
    match o {
        Some(v) => {
            let v = n(v);
            quote!(::std::option::Option::Some(#v))
        }
        None => quote!(::std::option::Option::None),
    }
}

fn param(p: &Param) -> TokenStream {
    let name = n(p.name);
    let kind = format_ident!(
        "{}",
        match p.kind {
            ParamType::String => "String",
            ParamType::Boolean => "Boolean",
            ParamType::StringArray => "StringArray",
        }
    );
    let required = p.required;
    let default = option(p.default);
    let built_in = option(p.built_in);
    quote!(e::Param { name: #name, kind: e::ParamType::#kind, required: #required, default: #default, built_in: #built_in })
}

fn function(f: Function) -> TokenStream {
    let name = format_ident!("{}", format!("{f:?}"));
    quote!(e::Function::#name)
}

fn expr(e: &Expr) -> TokenStream {
    match *e {
        Expr::Bool(b) => quote!(e::Expr::Bool(#b)),
        Expr::Int(v) => {
            let v = Literal::i64_unsuffixed(v);
            quote!(e::Expr::Int(#v))
        }
        Expr::Str(s) => {
            let s = n(s);
            quote!(e::Expr::Str(#s))
        }
        Expr::Template(l) => {
            let l = list(l);
            quote!(e::Expr::Template(#l))
        }
        Expr::Var(v) => {
            let v = n(v);
            quote!(e::Expr::Var(#v))
        }
        Expr::Call(f, l) => {
            let f = function(f);
            let l = list(l);
            quote!(e::Expr::Call(#f, #l))
        }
        Expr::Attr(t, l) => {
            let t = n(t);
            let l = list(l);
            quote!(e::Expr::Attr(#t, #l))
        }
        Expr::Array(l) => {
            let l = list(l);
            quote!(e::Expr::Array(#l))
        }
        Expr::Object(l) => {
            let l = list(l);
            quote!(e::Expr::Object(#l))
        }
    }
}

fn condition(c: &Condition) -> TokenStream {
    let e = n(c.expr);
    let assign = option(c.assign);
    quote!(e::Condition { expr: #e, assign: #assign })
}

fn rule(r: &Rule) -> TokenStream {
    let conditions = list(r.conditions);
    let outcome = match r.outcome {
        Outcome::Endpoint {
            url,
            properties,
            headers,
        } => {
            let url = n(url);
            let properties = option(properties);
            let headers = list(headers);
            quote!(e::Outcome::Endpoint { url: #url, properties: #properties, headers: #headers })
        }
        Outcome::Error(m) => {
            let m = n(m);
            quote!(e::Outcome::Error(#m))
        }
        Outcome::Tree(l) => {
            let l = list(l);
            quote!(e::Outcome::Tree(#l))
        }
    };
    quote!(e::Rule { conditions: #conditions, outcome: #outcome })
}
