//! Structures and their builders: shape structures, error structures, and the synthetic input
//! and output structures of operations. Fields are public and optional; builders enforce
//! required members at `build()` time and name every missing one.

use proc_macro2::TokenStream;
use quote::quote;

use super::Service;
use super::docs::{Doc, code};
use crate::ir::{Member, Scalar, Shape, ShapeKind, Structure};
use crate::naming::serde::RenameAll;
use crate::naming::{self, Scope};

/// What to emit for one structure type.
pub struct StructSpec<'s> {
    /// The shape whose members become fields.
    pub shape: &'s Shape,
    /// The members (the shape's own, or those of an operation's input/output shape).
    pub structure: &'s Structure,
    /// Field names, one per member.
    pub fields: &'s [String],
    /// The type name.
    pub name: String,
    /// The builder's type name.
    pub builder: String,
    /// The type's documentation.
    pub doc: Doc,
    /// Whether to add the error metadata field (`meta`).
    pub error_meta: bool,
    /// Whether to add the private `_request_id` field and its `request_id()` accessor (operation
    /// outputs). Model members never get a name starting with `_`, so it cannot collide.
    pub request_id: bool,
    /// Whether the builder carries a client handle type `C` (operation inputs): `()` by
    /// default; the client's fluent call is the builder with the client's `Core`, which adds
    /// `send` (see `fluent.rs`), so the setters exist once.
    pub client_handle: bool,
}

/// Emits the struct, its `builder()` constructor, and its builder.
pub fn emit_struct(svc: &Service<'_>, spec: &StructSpec<'_>) -> TokenStream {
    let name = naming::to_ident(&spec.name);
    let builder = naming::to_ident(&spec.builder);
    let members = &spec.structure.members;
    let field_idents: Vec<_> = spec.fields.iter().map(|f| naming::to_ident(f)).collect();
    let field_types: Vec<_> = members.iter().map(|m| svc.field_type(m)).collect();
    let wire_names: Vec<&str> = members.iter().map(|m| m.name.as_str()).collect();
    let field_docs: Vec<_> = members.iter().map(|m| member_doc(svc, m).attrs()).collect();
    let is_stream = |m: &Member| svc.model.shape(&m.target).event_stream.is_some();
    // One `rename_all` for the members whose names it gives; a `rename` for the others.
    let rename_all = RenameAll::best(
        spec.fields
            .iter()
            .map(String::as_str)
            .zip(wire_names.iter().copied()),
    );
    let serde_container = match rename_all {
        Some(rule) => {
            let rule = rule.as_str();
            // Two attributes, each on one line (one would take five).
            quote! {
                #[cfg_attr(feature = "serde", derive(::serde::Serialize, ::serde::Deserialize))]
                #[cfg_attr(feature = "serde", serde(rename_all = #rule))]
            }
        }
        None => {
            quote!(#[cfg_attr(feature = "serde", derive(::serde::Serialize, ::serde::Deserialize))])
        }
    };
    let serde_attrs: Vec<_> = members
        .iter()
        .zip(&wire_names)
        .zip(spec.fields)
        .map(|((m, wire), field)| {
            if is_stream(m) {
                // A live stream is not data: it is neither written nor read by serde.
                quote!(#[cfg_attr(feature = "serde", serde(skip))])
            } else {
                let renamed = rename_all.is_some_and(|rule| rule.apply(field) == *wire);
                serde_field_attr(svc, m, (!renamed).then_some(*wire))
            }
        })
        .collect();
    // An output holding an event stream holds a connection: it is neither `Clone` nor
    // `PartialEq`. (An input's stream is the list of events to send first: plain data.)
    let receives = |m: &Member| is_stream(m) && !svc.is_input_stream(&m.target);
    let value_derives = (!members.iter().any(receives))
        .then(|| quote!(::std::clone::Clone, ::std::cmp::PartialEq,));
    let deprecated: Vec<_> = members.iter().map(deprecated_attr).collect();

    let redacted: Vec<bool> = members
        .iter()
        .map(|m| spec.shape.sensitive || svc.redacted(m))
        .collect();
    let manual_debug = redacted.iter().any(|r| *r);
    let derive_debug = (!manual_debug).then(|| quote!(::std::fmt::Debug,));

    let meta_field = spec.error_meta.then(|| {
        quote! {
            /// Error code, message, request id and HTTP status of the response this error
            /// was read from.
            #[cfg_attr(feature = "serde", serde(skip))]
            pub meta: crate::runtime::ErrorMetadata,
        }
    });

    let (request_id_field, request_id_fn) = if spec.request_id {
        (
            quote! {
                #[cfg_attr(feature = "serde", serde(skip))]
                pub(crate) _request_id: ::std::option::Option<::std::string::String>,
            },
            quote! {
                /// The request id of the response this output was read from
                /// (`x-amzn-RequestId`, or awsQuery's `ResponseMetadata`).
                pub fn request_id(&self) -> ::std::option::Option<&str> {
                    self._request_id.as_deref()
                }
            },
        )
    } else {
        (quote!(), quote!())
    };
    let doc = spec.doc.attrs();
    let builder_doc = format!(" A builder for [`{}`].", spec.name);
    let ctor_doc = format!(" Creates a builder for [`{}`].", spec.name);

    let builder_struct = if spec.client_handle {
        let handle_doc = " `C` is the client handle: `()`, or the client's in a fluent call \
                          (`Client`'s method of the operation), which adds `send`.";
        quote! {
            #[doc = #builder_doc]
            #[doc = ""]
            #[doc = #handle_doc]
            #[derive(#value_derives ::std::default::Default, ::std::fmt::Debug)]
            pub struct #builder<C = ()> {
                pub(crate) inner: #name,
                pub(crate) client: C,
            }
        }
    } else {
        quote! {
            #[doc = #builder_doc]
            #[derive(#value_derives ::std::default::Default, ::std::fmt::Debug)]
            pub struct #builder {
                inner: #name,
            }
        }
    };
    let (impl_generics, ty_generics) = if spec.client_handle {
        (quote!(<C>), quote!(<C>))
    } else {
        (quote!(), quote!())
    };
    let methods = builder_methods(svc, members, spec.fields, &field_idents);
    let accessors = accessors(svc, spec, &field_idents);
    let build = build_fn(spec, &name, &field_idents);
    // The generated code itself must read and write deprecated members.
    let allow_deprecated = members.iter().any(|m| m.deprecated.is_some()).then(|| {
        quote! {
            #[comment = " Building and printing must touch deprecated members too."]
            #[allow(deprecated)]
        }
    });
    let debug_impls = manual_debug.then(|| {
        let mut extra = TokenStream::new();
        if spec.error_meta {
            extra.extend(quote!(.field("meta", &self.meta)));
        }
        if spec.request_id {
            extra.extend(quote!(.field("request_id", &self._request_id)));
        }
        debug_impl(
            &name,
            &spec.name,
            &field_idents,
            spec.fields,
            &redacted,
            extra,
        )
    });

    quote! {
        #doc
        #[derive(#value_derives #derive_debug ::std::default::Default)]
        #serde_container
        #[non_exhaustive]
        pub struct #name {
            #(
                #field_docs
                #deprecated
                #serde_attrs
                pub #field_idents: #field_types,
            )*
            #meta_field
            #request_id_field
        }

        #allow_deprecated
        impl #name {
            #[doc = #ctor_doc]
            pub fn builder() -> #builder {
                ::std::default::Default::default()
            }

            #request_id_fn
            #accessors
        }

        #builder_struct

        #allow_deprecated
        impl #impl_generics #builder #ty_generics {
            #methods
            #build
        }

        #debug_impls
    }
}

/// The serde attribute of a field: its model member name when the container's `rename_all`
/// does not give it (`wire`); required members must be present; absent members are left out
/// (and a missing `Option` reads as `None` without `default`); floats go through
/// `serde_support::float` so that `NaN` and the infinities survive JSON.
fn serde_field_attr(svc: &Service<'_>, member: &Member, wire: Option<&str>) -> TokenStream {
    let float = matches!(
        svc.model.shape(&member.target).kind,
        ShapeKind::Scalar(Scalar::Float | Scalar::Double)
    );
    let mut own: Vec<TokenStream> = match (float, member.required) {
        (true, true) => vec![
            quote!(serialize_with = "crate::runtime::serde_support::float::serialize"),
            quote!(deserialize_with = "crate::runtime::serde_support::float::deserialize_required"),
        ],
        (true, false) => vec![
            quote!(default),
            quote!(with = "crate::runtime::serde_support::float"),
        ],
        (false, true) => vec![quote!(deserialize_with = "crate::runtime::required")],
        (false, false) => Vec::new(),
    };
    if let Some(wire) = wire {
        own.insert(0, quote!(rename = #wire));
    }
    // Two attributes: the one every member has stays on one line, whatever the other needs.
    let own = (!own.is_empty()).then(|| quote!(#[cfg_attr(feature = "serde", serde(#(#own),*))]));
    quote! {
        #own
        #[cfg_attr(feature = "serde", serde(skip_serializing_if = "::std::option::Option::is_none"))]
    }
}

fn member_doc(svc: &Service<'_>, member: &Member) -> Doc {
    let target = svc.model.shape(&member.target);
    let mut doc = Doc::from_html(member.docs.as_deref().or(target.docs.as_deref()), || {
        format!("The {} member.", code(&member.name))
    });
    if member.required {
        doc.paragraph("**Required.**");
    }
    if let Some(constraints) = super::validate::constraint_doc(svc, member) {
        doc.paragraph(&constraints);
    }
    doc
}

fn deprecated_attr(member: &Member) -> TokenStream {
    match &member.deprecated {
        None => quote!(),
        Some(d) => match &d.message {
            Some(note) => quote!(#[deprecated(note = #note)]),
            None => quote!(#[deprecated]),
        },
    }
}

/// The builder's method names of each field: the plain setter (or list appender / map
/// inserter) and `set_<field>`, kept clear of `build` and the fluent call's methods.
pub fn setter_names(fields: &[String]) -> (Vec<String>, Vec<String>) {
    let mut scope = Scope::with_reserved(naming::RESERVED_BUILDER_METHODS);
    let plain: Vec<String> = fields.iter().map(|f| scope.claim(f.clone())).collect();
    let setters: Vec<String> = fields
        .iter()
        .map(|f| scope.claim(format!("set_{f}")))
        .collect();
    (plain, setters)
}

/// The std operator methods `fn op(self, rhs) -> Self` that clippy's `should_implement_trait`
/// matches a builder method `op(mut self, item) -> Self` against (its other names take `&self`,
/// no argument or no `self`, so builder methods never match them).
const STD_TRAIT_METHODS: &[&str] = &[
    "add", "bitand", "bitor", "bitxor", "div", "mul", "rem", "shl", "shr", "sub",
];

fn builder_methods(
    svc: &Service<'_>,
    members: &[Member],
    fields: &[String],
    field_idents: &[proc_macro2::Ident],
) -> TokenStream {
    let (plain, setters) = setter_names(fields);
    let mut out = TokenStream::new();
    for (((member, field), plain), setter) in
        members.iter().zip(field_idents).zip(&plain).zip(&setters)
    {
        // A member named like a std operator's method (EC2's `Add`) gives a builder method
        // `add(self, item) -> Self`, which clippy takes for an `Add` impl the builder should have.
        let allow_trait = STD_TRAIT_METHODS
            .contains(&plain.as_str())
            .then(|| quote!(#[allow(clippy::should_implement_trait)]));
        let plain = naming::to_ident(plain);
        let setter = naming::to_ident(setter);
        let field_ty = svc.field_type(member);
        let allow_deprecated = member.deprecated.is_some().then(|| quote!(#[deprecated]));
        let shown = code(&member.name);
        let set_doc = format!(
            " Sets or clears {shown} (`None` clears it); see [`Self::{}`].",
            naming::link_name(&plain.to_string())
        );
        let target = svc.model.shape(&member.target);
        // The setter carries the member's docs, constraints and whether it is required.
        let with_member_doc = |first: String| {
            let mut doc = Doc::text(&first);
            doc.append(member_doc(svc, member));
            doc.attrs()
        };
        let adder = match &target.kind {
            ShapeKind::List(list) => {
                let item = svc.member_value_type(&list.member);
                let doc = with_member_doc(format!("Appends one item to {shown}."));
                quote! {
                    #doc
                    #allow_deprecated
                    #allow_trait
                    pub fn #plain(mut self, item: impl ::std::convert::Into<#item>) -> Self {
                        self.inner.#field.get_or_insert_with(::std::vec::Vec::new).push(item.into());
                        self
                    }
                }
            }
            ShapeKind::Map(map) => {
                let key = svc.member_value_type(&map.key);
                let value = svc.member_value_type(&map.value);
                let doc = with_member_doc(format!("Inserts one entry into {shown}."));
                quote! {
                    #doc
                    #allow_deprecated
                    #allow_trait
                    pub fn #plain(
                        mut self,
                        key: impl ::std::convert::Into<#key>,
                        value: impl ::std::convert::Into<#value>,
                    ) -> Self {
                        self.inner.#field
                            .get_or_insert_with(::std::default::Default::default)
                            .insert(key.into(), value.into());
                        self
                    }
                }
            }
            _ => {
                let value = svc.rust_type(&member.target);
                let doc = with_member_doc(format!("Sets {shown}."));
                let wrap = if member.boxed {
                    quote!(::std::boxed::Box::new(input.into()))
                } else {
                    quote!(input.into())
                };
                quote! {
                    #doc
                    #allow_deprecated
                    #allow_trait
                    pub fn #plain(self, input: impl ::std::convert::Into<#value>) -> Self {
                        self.#setter(::std::option::Option::Some(#wrap))
                    }
                }
            }
        };
        out.extend(quote! {
            #adder
            #[doc = #set_doc]
            #allow_deprecated
            pub fn #setter(mut self, input: #field_ty) -> Self {
                self.inner.#field = input;
                self
            }
        });
    }
    out
}

/// The methods the structure has besides its accessors: `builder()`, the `validate` feature's
/// `validate()`, an output's `request_id()`, and a paginated operation's `next_page()` (input)
/// and `items()` (output). An accessor whose name is one of these takes the escaped form
/// (`items_`).
fn reserved_methods(svc: &Service<'_>, spec: &StructSpec<'_>) -> Vec<String> {
    let mut names = vec!["builder".to_owned(), "validate".to_owned()];
    if spec.request_id {
        names.push("request_id".to_owned());
    }
    for op in &svc.model.operations {
        let Some(p) = &op.paginator else { continue };
        if op.input == spec.shape.id {
            names.push("next_page".to_owned());
        }
        if op.output == spec.shape.id {
            names.extend(super::paginators::items_method_names(p));
        }
    }
    names
}

/// One borrowing accessor per member, named like the field: `Option<&str>` for strings, the
/// value for numbers and booleans, a slice for lists (empty when absent), `Option<&T>` for the
/// rest. Each carries the member's docs.
fn accessors(
    svc: &Service<'_>,
    spec: &StructSpec<'_>,
    fields: &[proc_macro2::Ident],
) -> TokenStream {
    let reserved = reserved_methods(svc, spec);
    let reserved: Vec<&str> = reserved.iter().map(String::as_str).collect();
    let mut scope = Scope::with_reserved(&reserved);
    let mut out = TokenStream::new();
    for (member, (field, name)) in spec
        .structure
        .members
        .iter()
        .zip(fields.iter().zip(spec.fields))
    {
        let method = naming::to_ident(&scope.claim(name.clone()));
        let deprecated = deprecated_attr(member);
        let mut doc = member_doc(svc, member);
        let (ty, body) = match &svc.model.shape(&member.target).kind {
            ShapeKind::List(list) => {
                doc.paragraph("Empty when absent.");
                let item = svc.rust_type(&list.member.target);
                let body = if member.boxed {
                    quote!(self.#field.as_deref().map_or(&[], ::std::vec::Vec::as_slice))
                } else {
                    quote!(self.#field.as_deref().unwrap_or_default())
                };
                (quote!(&[#item]), body)
            }
            ShapeKind::Scalar(Scalar::String) if !member.boxed => (
                quote!(::std::option::Option<&str>),
                quote!(self.#field.as_deref()),
            ),
            ShapeKind::Scalar(
                Scalar::Boolean
                | Scalar::Byte
                | Scalar::Short
                | Scalar::Integer
                | Scalar::Long
                | Scalar::Float
                | Scalar::Double,
            ) if !member.boxed => {
                let ty = svc.rust_type(&member.target);
                (quote!(::std::option::Option<#ty>), quote!(self.#field))
            }
            _ => {
                let ty = svc.rust_type(&member.target);
                let body = if member.boxed {
                    quote!(self.#field.as_deref())
                } else {
                    quote!(self.#field.as_ref())
                };
                (quote!(::std::option::Option<&#ty>), body)
            }
        };
        let doc = doc.attrs();
        out.extend(quote! {
            #doc
            #deprecated
            pub fn #method(&self) -> #ty {
                #body
            }
        });
    }
    out
}

/// The builder's `build()`: the structure it holds, once every required member is set
/// (the runtime's `BuildError::check` names every one that is not).
fn build_fn(
    spec: &StructSpec<'_>,
    name: &proc_macro2::Ident,
    fields: &[proc_macro2::Ident],
) -> TokenStream {
    let (req_fields, req_names): (Vec<&proc_macro2::Ident>, Vec<&str>) = spec
        .structure
        .members
        .iter()
        .zip(fields)
        .filter(|(m, _)| m.required)
        .map(|(m, f)| (f, m.name.as_str()))
        .unzip();
    let type_name = &spec.name;
    if req_fields.is_empty() {
        let doc = format!(" Builds the [`{type_name}`].");
        quote! {
            #[doc = #doc]
            pub fn build(self) -> #name {
                self.inner
            }
        }
    } else {
        let doc =
            format!(" Builds the [`{type_name}`], or names every required member that is not set.");
        quote! {
            #[doc = #doc]
            pub fn build(self) -> ::std::result::Result<#name, crate::runtime::BuildError> {
                crate::runtime::BuildError::check(#type_name, &[
                    #((#req_names, self.inner.#req_fields.is_some()),)*
                ])?;
                ::std::result::Result::Ok(self.inner)
            }
        }
    }
}

fn debug_impl(
    name: &proc_macro2::Ident,
    display_name: &str,
    fields: &[proc_macro2::Ident],
    field_names: &[String],
    redacted: &[bool],
    extra: TokenStream,
) -> TokenStream {
    let entries = fields
        .iter()
        .zip(field_names)
        .zip(redacted)
        .map(|((f, n), r)| {
            if *r {
                quote!(.field(#n, &self.#f.as_ref().map(|_| crate::runtime::REDACTED)))
            } else {
                quote!(.field(#n, &self.#f))
            }
        });
    quote! {
        #[allow(deprecated)]
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#display_name)
                    #(#entries)*
                    #extra
                    .finish()
            }
        }
    }
}
