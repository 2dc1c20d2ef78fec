//! The model's worked examples (`examples-1.json`) as doctests on the operation page: each
//! builds the example's input, builds the request and checks its parameters, then parses the
//! response the service would send for the example's output and checks every value. An example
//! that does not fit the model (an unknown member, a missing required one) is left out rather
//! than shown wrong.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::Service;
use crate::ir::{Operation, Protocol, Scalar, ShapeId, ShapeKind, Value};
use crate::naming::{self, Scope};

/// The Markdown of `op`'s examples (empty when it has none that fit).
pub fn examples_doc(svc: &Service<'_>, op: &Operation) -> Vec<String> {
    op.examples
        .iter()
        .filter_map(|example| {
            let code = example_code(svc, op, example.input.as_ref(), example.output.as_ref())?;
            let mut text = format!(
                "## Example: {}",
                crate::docs::escape_markdown(&example.title)
            );
            if let Some(d) = &example.description {
                text.push_str("\n\n");
                text.push_str(&crate::docs::escape_markdown(d));
            }
            text.push_str("\n\n");
            text.push_str(&code);
            Some(text)
        })
        .collect()
}

fn example_code(
    svc: &Service<'_>,
    op: &Operation,
    input: Option<&Value>,
    output: Option<&Value>,
) -> Option<String> {
    let names = svc.names.operation(&op.name);
    let cx = Cx { svc };
    let krate = naming::to_ident(&svc.crate_name);
    let module = naming::to_ident(&svc.module);
    let op_module = naming::to_ident(&names.module);
    let op_struct = naming::to_ident(&names.operation);
    let input_ty = naming::to_ident(&names.input);

    let empty = Value::Object(Vec::new());
    let input_value = input.unwrap_or(&empty);
    let build_input = match op.modeled_input() {
        Some(id) => cx.structure(id, input_value, quote!(#input_ty))?,
        None => quote!(#input_ty::builder().build()),
    };
    let mut checks = vec![quote!(assert_eq!(request.method(), "POST");)];
    if let (Some(id), Value::Object(members)) = (op.modeled_input(), input_value) {
        checks.extend(request_checks(svc, op, id, members));
    }

    let mut parse = TokenStream::new();
    if let (Some(id), Some(output)) = (op.modeled_output(), output)
        && let Some(body) = response_body(svc, op, id, output)
    {
        let mut asserts = Vec::new();
        if let Value::Object(members) = output {
            let mut scope =
                Scope::with_reserved(&["input", "request", "body", "response", "output"]);
            cx.member_asserts(id, members, &quote!(output), &mut scope, &mut asserts);
        }
        parse = quote! {
            let response = #body;
            let output = #op_struct::parse_response(200, &::std::default::Default::default(), response.as_bytes())?;
            #(#asserts)*
        };
    }

    let file: syn::File = syn::parse2(quote! {
        fn main() -> ::std::result::Result<(), ::std::boxed::Box<dyn ::std::error::Error>> {
            use #krate::#module::operation::#op_module::{#op_struct, #input_ty};
            use #krate::runtime::Operation as _;
            let input = #build_input;
            let request = #op_struct::build_request(&input)?;
            #(#checks)*
            #parse
            Ok(())
        }
    })
    .ok()?;
    Some(super::docs::doctest_block(&file))
}

struct Cx<'s, 'm> {
    svc: &'s Service<'m>,
}

impl Cx<'_, '_> {
    fn types(&self) -> TokenStream {
        let krate = naming::to_ident(&self.svc.crate_name);
        let module = naming::to_ident(&self.svc.module);
        quote!(#krate::#module::types)
    }

    fn runtime(&self) -> TokenStream {
        let krate = naming::to_ident(&self.svc.crate_name);
        quote!(#krate::runtime)
    }

    /// A builder expression for the structure `id` with the members of `value` (`ty` is its
    /// type's path); `None` when the value does not fit the model.
    fn structure(&self, id: &ShapeId, value: &Value, ty: TokenStream) -> Option<TokenStream> {
        let (ShapeKind::Structure(s), Value::Object(entries)) =
            (&self.svc.model.shape(id).kind, value)
        else {
            return None;
        };
        let fields = self.svc.names.fields(id);
        if s.members
            .iter()
            .any(|m| m.required && !entries.iter().any(|(k, _)| *k == m.name))
        {
            return None;
        }
        let mut calls = TokenStream::new();
        for (key, v) in entries {
            let index = s.members.iter().position(|m| &m.name == key)?;
            let member = &s.members[index];
            if member.deprecated.is_some() || matches!(v, Value::Null) {
                continue;
            }
            let method = naming::to_ident(&fields[index]);
            match (&self.svc.model.shape(&member.target).kind, v) {
                (ShapeKind::List(list), Value::List(items)) => {
                    for item in items {
                        let item = self.value(&list.member.target, item)?;
                        calls.extend(quote!(.#method(#item)));
                    }
                }
                (ShapeKind::Map(map), Value::Object(pairs)) => {
                    for (k, item) in pairs {
                        let item = self.value(&map.value.target, item)?;
                        calls.extend(quote!(.#method(#k, #item)));
                    }
                }
                (ShapeKind::List(_) | ShapeKind::Map(_), _) => return None,
                _ => {
                    let value = self.value(&member.target, v)?;
                    calls.extend(quote!(.#method(#value)));
                }
            }
        }
        let required = s.members.iter().any(|m| m.required);
        Some(if required {
            quote!(#ty::builder() #calls .build()?)
        } else {
            quote!(#ty::builder() #calls .build())
        })
    }

    /// An expression for `value` of shape `id`.
    fn value(&self, id: &ShapeId, value: &Value) -> Option<TokenStream> {
        let types = self.types();
        let runtime = self.runtime();
        let type_ident = || {
            self.svc
                .names
                .type_of(id)
                .map(|t| naming::to_ident(&t.name))
        };
        Some(match (&self.svc.model.shape(id).kind, value) {
            (
                ShapeKind::Scalar(Scalar::String | Scalar::BigInteger | Scalar::BigDecimal),
                Value::String(s),
            ) => {
                quote!(#s)
            }
            (ShapeKind::Scalar(Scalar::Boolean), Value::Bool(b)) => quote!(#b),
            (
                ShapeKind::Scalar(Scalar::Byte | Scalar::Short | Scalar::Integer | Scalar::Long),
                Value::Number(n),
            ) => {
                let n = Literal::i64_unsuffixed(n.parse().ok()?);
                quote!(#n)
            }
            (ShapeKind::Scalar(Scalar::Float | Scalar::Double), Value::Number(n)) => {
                let n = Literal::f64_unsuffixed(n.parse().ok()?);
                quote!(#n)
            }
            (ShapeKind::Scalar(Scalar::Timestamp), Value::String(s)) => {
                let text = normalized_time(s)?;
                quote!(#runtime::DateTime::parse_date_time(#text)?)
            }
            (ShapeKind::Scalar(Scalar::Timestamp), Value::Number(n)) => {
                let text = awsgen_runtime::DateTime::parse_epoch_seconds(n)
                    .ok()?
                    .to_date_time_string();
                quote!(#runtime::DateTime::parse_date_time(#text)?)
            }
            (ShapeKind::Scalar(Scalar::Blob), Value::String(s)) => quote!(#runtime::Blob::from(#s)),
            (ShapeKind::Enum(_), Value::String(s)) => {
                let ty = type_ident()?;
                quote!(#types::#ty::from(#s))
            }
            (ShapeKind::Structure(_), Value::Object(_)) => {
                let ty = type_ident()?;
                self.structure(id, value, quote!(#types::#ty))?
            }
            _ => return None,
        })
    }

    /// Assertions that the structure `base` (an expression of type `&T`, or the output) has
    /// the members of the structure `id` given in `entries`; nested structures and lists are
    /// bound to locals (named in `scope`) so the checks read like the example.
    fn member_asserts(
        &self,
        id: &ShapeId,
        entries: &[(String, Value)],
        base: &TokenStream,
        scope: &mut Scope,
        out: &mut Vec<TokenStream>,
    ) {
        let ShapeKind::Structure(s) = &self.svc.model.shape(id).kind else {
            return;
        };
        let fields = self.svc.names.fields(id);
        for (key, v) in entries {
            let Some(index) = s.members.iter().position(|m| &m.name == key) else {
                continue;
            };
            let field = naming::to_ident(&fields[index]);
            let missing = format!("no `{key}` in the response");
            let target = &s.members[index].target;
            match (&self.svc.model.shape(target).kind, v) {
                (ShapeKind::Structure(_), Value::Object(inner)) => {
                    let local = naming::to_ident(&scope.claim(fields[index].clone()));
                    out.push(quote!(let #local = #base.#field.as_ref().ok_or(#missing)?;));
                    self.member_asserts(target, inner, &quote!(#local), scope, out);
                }
                (ShapeKind::List(list), Value::List(items)) => {
                    let local = naming::to_ident(&scope.claim(fields[index].clone()));
                    let len = items.len();
                    out.push(quote! {
                        let #local = #base.#field.as_deref().ok_or(#missing)?;
                        assert_eq!(#local.len(), #len);
                    });
                    for (i, item) in items.iter().enumerate() {
                        match (&self.svc.model.shape(&list.member.target).kind, item) {
                            (ShapeKind::Structure(_), Value::Object(inner)) => {
                                let item_local = naming::to_ident(
                                    &scope.claim(format!("{}_{i}", fields[index])),
                                );
                                out.push(quote!(let #item_local = &#local[#i];));
                                self.member_asserts(
                                    &list.member.target,
                                    inner,
                                    &quote!(#item_local),
                                    scope,
                                    out,
                                );
                            }
                            _ => {
                                if let Some(expected) = self.value(&list.member.target, item) {
                                    out.push(quote!(assert_eq!(#local[#i], #expected);));
                                }
                            }
                        }
                    }
                }
                (ShapeKind::List(_) | ShapeKind::Map(_), _) => {}
                (ShapeKind::Scalar(Scalar::String), Value::String(text)) => {
                    out.push(quote!(assert_eq!(#base.#field.as_deref(), Some(#text));));
                }
                _ => {
                    if let Some(expected) = self.value(target, v) {
                        out.push(quote!(assert_eq!(#base.#field, Some(#expected));));
                    }
                }
            }
        }
    }
}

/// A timestamp as the generated `DateTime` prints it.
fn normalized_time(text: &str) -> Option<String> {
    awsgen_runtime::DateTime::parse_any(text)
        .ok()
        .map(|t| t.to_date_time_string())
}

/// Checks of the request body: the query parameters or JSON members the example sets at the top
/// level (scalars only; nested values are checked through the response).
fn request_checks(
    svc: &Service<'_>,
    op: &Operation,
    id: &ShapeId,
    entries: &[(String, Value)],
) -> Vec<TokenStream> {
    let ShapeKind::Structure(s) = &svc.model.shape(id).kind else {
        return Vec::new();
    };
    let mut pairs = Vec::new();
    for (key, v) in entries {
        let Some(member) = s.members.iter().find(|m| &m.name == key) else {
            continue;
        };
        let text = match (&svc.model.shape(&member.target).kind, v) {
            (ShapeKind::Scalar(Scalar::String) | ShapeKind::Enum(_), Value::String(s)) => s.clone(),
            (
                ShapeKind::Scalar(Scalar::Integer | Scalar::Long | Scalar::Short | Scalar::Byte),
                Value::Number(n),
            ) => n.clone(),
            (ShapeKind::Scalar(Scalar::Boolean), Value::Bool(b)) => b.to_string(),
            _ => continue,
        };
        let wire = member.wire_name_for(svc.protocol).to_owned();
        pairs.push((wire, text, matches!(v, Value::String(_))));
    }
    match svc.protocol {
        Protocol::Query => {
            let action = format!("Action={}&", op.name);
            let mut checks = vec![quote!(assert!(body.starts_with(#action));)];
            for (wire, text, _) in pairs {
                let pair = format!("{}={}", form_encode(&wire), form_encode(&text));
                checks.push(quote!(assert!(body.split('&').any(|pair| pair == #pair));));
            }
            let mut out = vec![quote!(let body = ::std::str::from_utf8(request.body())?;)];
            out.extend(checks);
            out
        }
        Protocol::Json => {
            let mut out = vec![quote!(let body = ::std::str::from_utf8(request.body())?;)];
            for (wire, text, is_string) in pairs {
                let plain = |s: &str| {
                    s.chars().all(|c| {
                        c.is_ascii_graphic() && c != '"' && c != '\\' && c != '/' || c == ' '
                    })
                };
                if !plain(&wire) || !plain(&text) {
                    continue;
                }
                let fragment = if is_string {
                    format!("\"{wire}\":\"{text}\"")
                } else {
                    format!("\"{wire}\":{text}")
                };
                out.push(quote!(assert!(body.contains(#fragment));));
            }
            out
        }
        _ => Vec::new(),
    }
}

/// `application/x-www-form-urlencoded` as botocore writes it (Python's `quote_plus`).
fn form_encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The response body the service sends for the example output, as a string literal
/// expression; `None` for protocols whose bodies are not text (CBOR).
fn response_body(
    svc: &Service<'_>,
    op: &Operation,
    id: &ShapeId,
    output: &Value,
) -> Option<TokenStream> {
    match svc.protocol {
        Protocol::Query => {
            let mut inner = String::new();
            xml_members(svc, id, output, &mut inner)?;
            let wrapper = op
                .result_wrapper
                .clone()
                .unwrap_or_else(|| format!("{}Result", op.name));
            let ns = svc
                .model
                .service
                .xml_namespace
                .as_deref()
                .unwrap_or_default();
            let xml = format!(
                "<{op}Response xmlns=\"{}\"><{wrapper}>{inner}</{wrapper}>\
                 <ResponseMetadata><RequestId>example</RequestId></ResponseMetadata></{op}Response>",
                xml_escape(ns),
                op = op.name,
            );
            Some(quote!(#xml))
        }
        Protocol::Json => {
            let json = json_value(svc, id, output)?;
            let text = serde_json::to_string(&json).ok()?;
            Some(quote!(#text))
        }
        _ => None,
    }
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn xml_members(svc: &Service<'_>, id: &ShapeId, value: &Value, out: &mut String) -> Option<()> {
    let (ShapeKind::Structure(s), Value::Object(entries)) = (&svc.model.shape(id).kind, value)
    else {
        return None;
    };
    for (key, v) in entries {
        let member = s.members.iter().find(|m| &m.name == key)?;
        let name = member.wire_name_for(svc.protocol).to_owned();
        match (&svc.model.shape(&member.target).kind, v) {
            (ShapeKind::List(list), Value::List(items)) => {
                let item_name = list
                    .member
                    .wire_name_opt(svc.protocol)
                    .unwrap_or("member")
                    .to_owned();
                if !member.wire.flattened {
                    out.push_str(&format!("<{name}>"));
                }
                for item in items {
                    let tag = if member.wire.flattened {
                        &name
                    } else {
                        &item_name
                    };
                    out.push_str(&format!("<{tag}>"));
                    xml_value(svc, &list.member.target, item, out)?;
                    out.push_str(&format!("</{tag}>"));
                }
                if !member.wire.flattened {
                    out.push_str(&format!("</{name}>"));
                }
            }
            (ShapeKind::Map(_), _) => return None,
            _ => {
                out.push_str(&format!("<{name}>"));
                xml_value(svc, &member.target, v, out)?;
                out.push_str(&format!("</{name}>"));
            }
        }
    }
    Some(())
}

fn xml_value(svc: &Service<'_>, id: &ShapeId, value: &Value, out: &mut String) -> Option<()> {
    match (&svc.model.shape(id).kind, value) {
        // Blobs (base64 on the wire) and documents are left to the member docs.
        (ShapeKind::Scalar(Scalar::Blob) | ShapeKind::Document, _) => None,
        (ShapeKind::Structure(_), Value::Object(_)) => xml_members(svc, id, value, out),
        (ShapeKind::Scalar(Scalar::Timestamp), Value::String(s)) => {
            out.push_str(&normalized_time(s)?);
            Some(())
        }
        (_, Value::String(s)) => {
            out.push_str(&xml_escape(s));
            Some(())
        }
        (_, Value::Number(n)) => {
            out.push_str(n);
            Some(())
        }
        (_, Value::Bool(b)) => {
            out.push_str(if *b { "true" } else { "false" });
            Some(())
        }
        _ => None,
    }
}

fn json_value(svc: &Service<'_>, id: &ShapeId, value: &Value) -> Option<serde_json::Value> {
    use serde_json::Value as J;
    Some(match (&svc.model.shape(id).kind, value) {
        (ShapeKind::Scalar(Scalar::Blob) | ShapeKind::Document, _) => return None,
        (ShapeKind::Structure(s), Value::Object(entries)) => {
            let mut map = serde_json::Map::new();
            for (key, v) in entries {
                let member = s.members.iter().find(|m| &m.name == key)?;
                let name = member.wire_name_for(svc.protocol).to_owned();
                map.insert(name, json_value(svc, &member.target, v)?);
            }
            J::Object(map)
        }
        (ShapeKind::List(list), Value::List(items)) => J::Array(
            items
                .iter()
                .map(|item| json_value(svc, &list.member.target, item))
                .collect::<Option<_>>()?,
        ),
        (ShapeKind::Map(map), Value::Object(pairs)) => J::Object(
            pairs
                .iter()
                .map(|(k, v)| Some((k.clone(), json_value(svc, &map.value.target, v)?)))
                .collect::<Option<_>>()?,
        ),
        (ShapeKind::Scalar(Scalar::Timestamp), Value::String(s)) => {
            let t = awsgen_runtime::DateTime::parse_any(s).ok()?;
            J::from(t.as_secs_f64())
        }
        (_, Value::String(s)) => J::String(s.clone()),
        (_, Value::Bool(b)) => J::Bool(*b),
        (_, Value::Number(n)) => serde_json::from_str(n).ok()?,
        _ => return None,
    })
}
