//! A measurement prototype, not part of the product: a lowered endpoint rule set
//! (`awsgen_codegen::endpoints::Table`) compiled into straight Rust code — one function with
//! nested labelled blocks for the rules, a local per variable slot, and the runtime's function
//! library (`runtime::endpoint::apply`) for the calls — to compare build cost and resolution
//! cost with the table the product emits (README "Decisions"). Parameter types are not checked.
//! Used by `build.rs` (the `endpoint-ec-compiled` task) and the `rules-source` binary.

use awsgen_codegen::endpoints::Table;
use awsgen_runtime::endpoint::{Expr, List, Outcome, Segment};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

fn range(l: List) -> std::ops::Range<usize> {
    let start = l.start as usize;
    start..start + l.len as usize
}

struct Compiler<'t> {
    table: &'t Table,
}

impl Compiler<'_> {
    fn s(&self, i: u32) -> &str {
        &self.table.strings[i as usize]
    }

    fn expr(&self, i: u32) -> TokenStream {
        match self.table.exprs[i as usize] {
            Expr::Bool(b) => quote!(e::Value::Bool(#b)),
            Expr::Int(n) => quote!(e::Value::Int(#n)),
            Expr::Str(s) => {
                let s = self.s(s);
                quote!(e::Value::Str(::std::borrow::Cow::Borrowed(#s)))
            }
            Expr::Var(slot) => {
                let v = format_ident!("s{}", slot);
                quote!(#v.clone())
            }
            Expr::Template(parts) => {
                let parts = self.table.lists[range(parts)].iter().map(|&p| {
                    let p = self.expr(p);
                    quote!(e::push_template(&mut out, &#p);)
                });
                quote!({
                    let mut out = ::std::string::String::new();
                    #(#parts)*
                    e::Value::Str(::std::borrow::Cow::Owned(out))
                })
            }
            Expr::Call(f, args) => {
                let name = format_ident!("{}", format!("{f:?}"));
                let arms = self.table.lists[range(args)]
                    .iter()
                    .enumerate()
                    .map(|(n, &a)| {
                        let value = self.expr(a);
                        quote!(#n => #value,)
                    });
                quote!(e::apply(e::Function::#name, |n| ::std::result::Result::Ok(match n {
                    #(#arms)*
                    _ => e::Value::None,
                }))?)
            }
            Expr::Attr(target, path) => {
                let mut out = self.expr(target);
                for seg in &self.table.paths[range(path)] {
                    out = match *seg {
                        Segment::Key(k) => {
                            let k = self.s(k);
                            quote!(e::attr(#out, #k))
                        }
                        Segment::Index(n) => quote!(e::index(#out, #n)),
                    };
                }
                out
            }
            Expr::Array(items) => {
                let items = self.table.lists[range(items)].iter().map(|&x| self.expr(x));
                quote!(e::Value::Array(::std::vec![#(#items),*]))
            }
            Expr::Object(pairs) => {
                let members = self.table.lists[range(pairs)].chunks(2).map(|p| {
                    let k = self.s(p[0]);
                    let v = self.expr(p[1]);
                    quote!((::std::borrow::Cow::Borrowed(#k), #v))
                });
                quote!(e::Value::Object(::std::vec![#(#members),*]))
            }
        }
    }

    fn rules(&self, l: List) -> TokenStream {
        let rules = range(l).map(|i| self.rule(i));
        quote!(#(#rules)*)
    }

    fn rule(&self, i: usize) -> TokenStream {
        let rule = self.table.rules[i];
        let label: TokenStream = format!("'r{i}").parse().expect("a lifetime");
        let conditions = self.table.conditions[range(rule.conditions)]
            .iter()
            .map(|c| {
                let value = self.expr(c.expr);
                let assign = c.assign.map(|slot| {
                    let v = format_ident!("s{}", slot);
                    quote!(#v = c;)
                });
                quote! {
                    let c = #value;
                    if matches!(c, e::Value::None | e::Value::Bool(false)) {
                        break #label;
                    }
                    #assign
                }
            });
        let outcome = match rule.outcome {
            Outcome::Tree(children) => self.rules(children),
            Outcome::Error(m) => {
                let m = self.expr(m);
                quote!(return ::std::result::Result::Err(e::EndpointError::Rule(string(#m))))
            }
            Outcome::Endpoint {
                url,
                properties,
                headers,
            } => {
                let url = self.expr(url);
                let properties = match properties {
                    Some(p) => {
                        let p = self.expr(p);
                        quote!(#p.into_owned())
                    }
                    None => quote!(e::Value::Object(::std::vec::Vec::new())),
                };
                let headers = self.table.lists[range(headers)].chunks(2).map(|p| {
                    let name = self.s(p[0]);
                    let values = self.expr(p[1]);
                    quote!((#name.to_owned(), strings(#values)))
                });
                quote!(return ::std::result::Result::Ok(e::Endpoint {
                    url: string(#url),
                    headers: ::std::vec![#(#headers),*],
                    properties: #properties,
                }))
            }
        };
        quote! {
            #[allow(unreachable_code)]
            #label: {
                #(#conditions)*
                #outcome
            }
        }
    }
}

/// The rule set as `pub fn resolve(params) -> Result<Endpoint, EndpointError>`, with `e`
/// naming the runtime's `endpoint` module.
pub fn compile(table: &Table) -> TokenStream {
    let c = Compiler { table };
    let params = table.params.iter().enumerate().map(|(i, p)| {
        let v = format_ident!("s{}", i);
        let name = c.s(p.name);
        let default = match p.default {
            Some(d) => c.expr(d),
            None => quote!(e::Value::None),
        };
        let required = p.required.then(|| {
            quote! {
                if #v == e::Value::None {
                    return ::std::result::Result::Err(e::EndpointError::Param(
                        ::std::format!("Cannot find value for required parameter {}", #name),
                    ));
                }
            }
        });
        quote! {
            let mut #v = match params.iter().find(|(n, v)| *n == #name && *v != e::Value::None) {
                ::std::option::Option::Some((_, v)) => v.clone(),
                ::std::option::Option::None => #default,
            };
            #required
        }
    });
    let slots = (table.params.len()..table.slots as usize).map(|i| {
        let v = format_ident!("s{}", i);
        quote!(let mut #v = e::Value::None;)
    });
    let rules = c.rules(table.root);
    let service = Literal::string(&table.service);
    quote! {
        /// The rule set, compiled.
        #[allow(
            unused_mut,
            unused_variables,
            unused_assignments,
            unused_labels,
            unreachable_code,
            dead_code,
            clippy::all
        )]
        pub fn resolve<'v>(
            params: &[(&str, e::Value<'v>)],
        ) -> ::std::result::Result<e::Endpoint, e::EndpointError> {
            fn string(v: e::Value<'_>) -> ::std::string::String {
                match v {
                    e::Value::Str(s) => s.into_owned(),
                    _ => ::std::string::String::new(),
                }
            }
            fn strings(v: e::Value<'_>) -> ::std::vec::Vec<::std::string::String> {
                match v {
                    e::Value::Array(items) => items.into_iter().map(string).collect(),
                    _ => ::std::vec::Vec::new(),
                }
            }
            #(#params)*
            #(#slots)*
            #rules
            ::std::result::Result::Err(e::EndpointError::NoMatch(::std::format!(
                "no rule of the {} rule set matches these parameters",
                #service
            )))
        }
    }
}
