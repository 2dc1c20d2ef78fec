//! TEMPORARY naming shim (replaced by the real naming module).
use proc_macro2::{Ident, Span};
use std::collections::BTreeSet;

/// Type name.
pub fn type_name(s: &str) -> String {
    let n = heck::AsUpperCamelCase(s).to_string();
    if n == "Self" { "SelfValue".into() } else if n.is_empty() { "Value".into() } else { n }
}
/// Field name.
pub fn field_name(s: &str) -> String {
    let n = heck::AsSnakeCase(s).to_string();
    if n.is_empty() { "field".into() } else { n }
}
/// Variant name.
pub fn variant_name(s: &str) -> String {
    let n = heck::AsUpperCamelCase(s).to_string();
    if n.is_empty() { "Empty".into() } else if n.starts_with(|c: char| c.is_ascii_digit()) { format!("V{n}") } else if n == "Self" { "SelfValue".into() } else { n }
}
/// Module name.
pub fn module_name(s: &str) -> String {
    let n = heck::AsSnakeCase(s).to_string();
    match n.as_str() { "type" | "self" | "mod" | "match" | "async" => format!("{n}_"), _ => n }
}
/// Ident from a sanitized name.
pub fn ident(s: &str) -> Ident {
    match s {
        "type" | "match" | "async" | "gen" | "fn" | "mod" => Ident::new_raw(s, Span::call_site()),
        "self" | "super" | "crate" => Ident::new(&format!("{s}_"), Span::call_site()),
        _ => Ident::new(s, Span::call_site()),
    }
}
/// Unique names.
#[derive(Default)]
pub struct Scope { used: BTreeSet<String> }
impl Scope {
    /// New scope.
    pub fn new() -> Self { Self::default() }
    /// With reserved names.
    pub fn with_reserved(r: &[&str]) -> Self { Self { used: r.iter().map(|s| s.to_string()).collect() } }
    /// Claim.
    pub fn claim(&mut self, c: String) -> String {
        if self.used.insert(c.clone()) { return c; }
        let mut i = 2;
        loop { let n = format!("{c}{i}"); if self.used.insert(n.clone()) { return n; } i += 1; }
    }
}
