//! String enums and int enums: open Rust enums whose `Unknown` variant keeps a value this
//! version of the crate does not know, so that a service adding a value never breaks parsing.

use proc_macro2::TokenStream;
use quote::quote;

use super::Service;
use super::docs::{Doc, code};
use crate::ir::{Enum, IntEnum, Shape};
use crate::naming;

/// Emits a string enum with `as_str`, `values`, conversions from and to strings, and serde
/// support as the wire string.
pub fn emit_enum(svc: &Service<'_>, shape: &Shape, e: &Enum, name: &str) -> TokenStream {
    let ident = naming::to_ident(name);
    let variants: Vec<_> = svc
        .names
        .variants(&shape.id)
        .iter()
        .map(|v| naming::to_ident(v))
        .collect();
    let values: Vec<&str> = e.values.iter().map(|v| v.value.as_str()).collect();
    let variant_docs: Vec<_> = e
        .values
        .iter()
        .map(|v| {
            Doc::from_html(v.docs.as_deref(), || {
                format!("The value {}.", code(&v.value))
            })
            .attrs()
        })
        .collect();
    let mut doc = Doc::from_html(shape.docs.as_deref(), || {
        format!("The values of {}.", code(shape.id.name()))
    });
    doc.paragraph(&format!(
        "Values: {}. A value not listed here parses as `{name}::Unknown`, keeping the text.",
        values
            .iter()
            .map(|v| code(v))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    let doc = doc.attrs();

    quote! {
        #doc
        #[derive(::std::clone::Clone, ::std::fmt::Debug, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash, ::std::cmp::PartialOrd, ::std::cmp::Ord)]
        #[cfg_attr(feature = "serde", derive(::serde::Serialize, ::serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(from = "::std::string::String", into = "::std::string::String"))]
        #[non_exhaustive]
        pub enum #ident {
            #(
                #variant_docs
                #variants,
            )*
            /// A value this version of the crate does not know, kept as sent.
            Unknown(::std::string::String),
        }

        impl #ident {
            /// The wire values this version of the crate knows, in model order.
            pub const VALUES: &'static [&'static str] = &[#(#values),*];

            /// The wire value.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#variants => #values,)*
                    Self::Unknown(value) => value,
                }
            }

            /// The variant of the wire value `value`, if this version of the crate knows it.
            fn known(value: &str) -> ::std::option::Option<Self> {
                match value {
                    #(#values => ::std::option::Option::Some(Self::#variants),)*
                    _ => ::std::option::Option::None,
                }
            }
        }

        impl ::std::convert::From<&str> for #ident {
            fn from(value: &str) -> Self {
                Self::known(value).unwrap_or_else(|| Self::Unknown(::std::borrow::ToOwned::to_owned(value)))
            }
        }

        /// An unknown value keeps the string.
        impl ::std::convert::From<::std::string::String> for #ident {
            fn from(value: ::std::string::String) -> Self {
                Self::known(&value).unwrap_or(Self::Unknown(value))
            }
        }

        impl ::std::convert::From<#ident> for ::std::string::String {
            fn from(value: #ident) -> Self {
                match value {
                    #ident::Unknown(value) => value,
                    known => ::std::borrow::ToOwned::to_owned(known.as_str()),
                }
            }
        }

        impl ::std::str::FromStr for #ident {
            type Err = ::std::convert::Infallible;
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from(value))
            }
        }

        impl ::std::convert::AsRef<str> for #ident {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::std::fmt::Display for #ident {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}

/// Emits an int enum: named values plus `Unknown(i32)`.
pub fn emit_int_enum(svc: &Service<'_>, shape: &Shape, e: &IntEnum, name: &str) -> TokenStream {
    let ident = naming::to_ident(name);
    let variants: Vec<_> = svc
        .names
        .variants(&shape.id)
        .iter()
        .map(|v| naming::to_ident(v))
        .collect();
    let values: Vec<i32> = e.values.iter().map(|(_, v)| *v).collect();
    let variant_docs: Vec<String> = e
        .values
        .iter()
        .map(|(n, v)| format!(" `{n}` ({v})."))
        .collect();
    let doc = Doc::from_html(shape.docs.as_deref(), || {
        format!("The values of {}.", code(shape.id.name()))
    })
    .attrs();
    quote! {
        #doc
        #[derive(::std::clone::Clone, ::std::marker::Copy, ::std::fmt::Debug, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash, ::std::cmp::PartialOrd, ::std::cmp::Ord)]
        #[cfg_attr(feature = "serde", derive(::serde::Serialize, ::serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(from = "i32", into = "i32"))]
        #[non_exhaustive]
        pub enum #ident {
            #(
                #[doc = #variant_docs]
                #variants,
            )*
            /// A value this version of the crate does not know, kept as sent.
            Unknown(i32),
        }

        impl #ident {
            /// The wire value.
            pub fn value(self) -> i32 {
                match self {
                    #(Self::#variants => #values,)*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl ::std::convert::From<i32> for #ident {
            fn from(value: i32) -> Self {
                match value {
                    #(#values => Self::#variants,)*
                    other => Self::Unknown(other),
                }
            }
        }

        impl ::std::convert::From<#ident> for i32 {
            fn from(value: #ident) -> Self {
                value.value()
            }
        }
    }
}
