//! The one place where model names become Rust names: AWS-aware case conversion ([`case`]),
//! identifiers that are always valid ([`ident`](mod@ident)), and per-namespace uniqueness
//! ([`Scope`]).
//!
//! Emitters never build identifiers from model strings themselves (in particular never with
//! `format_ident!`, which panics on invalid input). The usual pattern, for the members of one
//! structure:
//!
//! ```
//! use awsgen_codegen::naming::{self, Scope};
//!
//! let mut fields = Scope::with_reserved(naming::RESERVED_BUILDER_METHODS);
//! let name = fields.claim(naming::field_name("Type"));
//! let ident = naming::to_ident(&name);
//! assert_eq!(ident.to_string(), "r#type");
//! ```
//!
//! The rules are documented in each submodule: word splitting in [`case`], identifiers in
//! [`ident`](mod@ident), suffixes in [`Scope`].

pub mod case;
pub mod ident;
pub mod imports;
pub mod prelude;
mod scope;
pub mod serde;

pub use case::{pascal_case, snake_case, split_words};
pub use ident::{
    NON_RAW_KEYWORDS, RESERVED_KEYWORDS, STRICT_KEYWORDS, WEAK_KEYWORDS, field_ident, field_name,
    is_keyword, module_ident, module_name, to_ident, type_ident, type_name, variant_ident,
    variant_name,
};
pub use scope::Scope;

/// Enum variant names the generator adds itself (`Unknown(String)` for values it does not
/// know), to reserve in every enum's [`Scope`].
pub const RESERVED_ENUM_VARIANTS: &[&str] = &["Unknown"];

/// Error enum variant names the generator adds itself (`Unhandled`), to reserve in every error
/// enum's [`Scope`].
pub const RESERVED_ERROR_VARIANTS: &[&str] = &["Unhandled"];

/// Builder method names the generator defines itself, to reserve in every builder's [`Scope`]:
/// `build`, and the client's fluent call's `send` and `into_pages` (the fluent call is an
/// operation input's builder holding the client).
pub const RESERVED_BUILDER_METHODS: &[&str] = &["build", "send", "into_pages"];

/// `name` (a Rust identifier as written) as a path segment of an intra-doc link: rustdoc does
/// not resolve a raw identifier's `r#` (`[`Self::r#type`]` is an unresolved link to `Self::r`).
pub fn link_name(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// The builder type of generated type `type_name` (`Tag` → `TagBuilder`).
pub fn builder_name(type_name: &str) -> String {
    format!("{type_name}Builder")
}

/// The client's fluent builder type of operation type `operation` (`CopySnapshot` →
/// `CopySnapshotFluentBuilder`).
pub fn fluent_builder_name(operation: &str) -> String {
    format!("{operation}FluentBuilder")
}

/// The module name of a service in a standalone crate, from its service id (else its endpoint
/// prefix): lowercased, letters and digits only (`ElastiCache` → `elasticache`), prefixed with
/// `service` when it does not start with a letter.
pub fn service_module(service_id: &str) -> String {
    let module: String = service_id
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    match module.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => module_name(&module),
        _ => format!("service{module}"),
    }
}

/// Type names of the Rust 2024 prelude. A generated type with one of these names would shadow
/// the prelude item in its module (a shape called `String` breaks every `String` field), so
/// reserve them in a scope of type names when the generated code refers to them unqualified.
pub const PRELUDE_TYPE_NAMES: &[&str] = &[
    "AsMut",
    "AsRef",
    "Box",
    "Clone",
    "Copy",
    "Default",
    "DoubleEndedIterator",
    "Drop",
    "Eq",
    "Err",
    "ExactSizeIterator",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "FromIterator",
    "Future",
    "Into",
    "IntoFuture",
    "IntoIterator",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Send",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Vec",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_type_and_service_module_names() {
        assert_eq!(builder_name("Tag"), "TagBuilder");
        assert_eq!(
            fluent_builder_name("CopySnapshot"),
            "CopySnapshotFluentBuilder"
        );
        assert_eq!(service_module("ElastiCache"), "elasticache");
        assert_eq!(service_module("Route 53"), "route53");
        assert_eq!(service_module("IoT Data Plane"), "iotdataplane");
        assert_eq!(service_module("1stService"), "service1stservice");
        assert_eq!(service_module(""), "service");
    }
}
