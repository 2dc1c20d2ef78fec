//! Emitters: IR → Rust tokens, one module per concern. `Service` carries what every emitter of
//! one service needs (the model, the decided names, the protocol) and the few helpers they share
//! (paths, Rust types of shapes, doc attributes).

pub mod client;
mod docs;
mod endpoint;
mod enums;
mod errors;
mod examples;
mod federation;
mod fluent;
mod krate;
mod manifest;
pub mod names;
mod op_docs;
mod operations;
mod paginators;
mod protocol;
mod readme;
mod runtime;
mod structs;
mod unions;
pub mod validate;
mod waiters;

pub use krate::{CrateSpec, EmittedCrate, ServiceSpec, emit_crate, emit_tokens, render_crate};
pub use runtime::{RuntimeDep, vendored_files as vendored_runtime};

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Member, Model, Protocol, Scalar, ShapeId, ShapeKind};
use crate::naming;
use names::Names;

/// `#[allow(deprecated)]` when `touches` (code that reads or writes deprecated members), else
/// nothing.
pub(crate) fn allow_deprecated(touches: bool) -> Option<TokenStream> {
    touches.then(|| quote!(#[allow(deprecated)]))
}

/// Whether the runtime crate that generated crates depend on exports `item` (`Document`).
pub fn runtime_provides(item: &str) -> bool {
    runtime::provides(item)
}

/// One Rust source file, before formatting.
pub struct RustFile {
    /// Path inside the crate (`src/elasticache/types/tag.rs`).
    pub path: String,
    /// What it was generated from, for the header (`models/…/service-2.json`).
    pub source: String,
    /// Its items.
    pub tokens: TokenStream,
}

/// Everything the emitters of one service share.
pub struct Service<'a> {
    /// The selected, validated model.
    pub model: &'a Model,
    /// Decided names.
    pub names: Names,
    /// The service's module name in the crate (`elasticache`).
    pub module: String,
    /// The wire protocol generated.
    pub protocol: Protocol,
    /// The generated crate's name as Rust code writes it (`awsgen_generated`), for doc examples.
    pub crate_name: String,
    /// The map codec's file layout (JSON, CBOR, restJson1), decided once per service on first
    /// use rather than once per operation.
    map_layout: std::cell::OnceCell<protocol::MapLayout>,
    /// The query family's file layout (awsQuery, ec2, restXml), likewise decided once per
    /// service.
    query_layout: std::cell::OnceCell<protocol::QueryLayout>,
    /// The wire codes each error shape answers to, decided once per service.
    error_codes: std::cell::OnceCell<protocol::ErrorCodes>,
}

impl<'a> Service<'a> {
    /// Prepares the emitters for `model`.
    pub fn new(model: &'a Model, module: &str, protocol: Protocol, package: &str) -> Self {
        Self {
            model,
            names: Names::new(model),
            module: module.to_owned(),
            protocol,
            crate_name: package.replace('-', "_"),
            map_layout: std::cell::OnceCell::new(),
            query_layout: std::cell::OnceCell::new(),
            error_codes: std::cell::OnceCell::new(),
        }
    }

    /// The map codec's file layout of this service (computed once).
    pub(crate) fn map_layout(&self) -> &protocol::MapLayout {
        self.map_layout
            .get_or_init(|| protocol::MapLayout::new(self))
    }

    /// The wire codes of this service's errors (computed once).
    pub(crate) fn error_codes(&self) -> &protocol::ErrorCodes {
        self.error_codes
            .get_or_init(|| protocol::ErrorCodes::new(self))
    }

    /// The query family's file layout of this service (computed once).
    pub(crate) fn query_layout(&self) -> &protocol::QueryLayout {
        self.query_layout
            .get_or_init(|| protocol::QueryLayout::new(self))
    }

    /// `crate::<service>`.
    pub fn root(&self) -> TokenStream {
        let module = naming::to_ident(&self.module);
        quote!(crate::#module)
    }

    /// `crate::<service>::operation::<module>`, the module of operation `op` (by model name).
    pub fn operation_module(&self, op: &str) -> TokenStream {
        let root = self.root();
        let module = naming::to_ident(&self.names.operation(op).module);
        quote!(#root::operation::#module)
    }

    /// `crate::<service>::Error`, the service's error (see `errors.rs`).
    pub fn error_path(&self) -> TokenStream {
        let root = self.root();
        quote!(#root::Error)
    }

    /// The service's full name from the model, else its module name.
    pub fn title(&self) -> &str {
        self.model
            .service
            .full_name
            .as_deref()
            .unwrap_or(&self.module)
    }

    /// Path of the named type of `id` (`crate::elasticache::types::Tag`).
    pub fn type_path(&self, id: &ShapeId) -> TokenStream {
        let root = self.root();
        let names = self
            .names
            .type_of(id)
            .unwrap_or_else(|| unreachable!("shape `{id}` has a type name"));
        let name = naming::to_ident(&names.name);
        quote!(#root::types::#name)
    }

    /// Path of the builder of the named type of `id`.
    pub fn builder_path(&self, id: &ShapeId) -> TokenStream {
        let root = self.root();
        let names = self
            .names
            .type_of(id)
            .unwrap_or_else(|| unreachable!("shape `{id}` has a type name"));
        let name = naming::to_ident(&naming::builder_name(&names.name));
        quote!(#root::types::builders::#name)
    }

    /// The Rust type of a value of shape `id`.
    pub fn rust_type(&self, id: &ShapeId) -> TokenStream {
        let shape = self.model.shape(id);
        match &shape.kind {
            ShapeKind::Union(_) if shape.event_stream.is_some() && self.is_input_stream(id) => {
                // The events to send first; the rest go through the operation's sender.
                let event = self.type_path(id);
                quote!(::std::vec::Vec<#event>)
            }
            ShapeKind::Union(_) if shape.event_stream.is_some() => self.event_receiver_type(id),
            ShapeKind::Structure(_)
            | ShapeKind::Union(_)
            | ShapeKind::Enum(_)
            | ShapeKind::IntEnum(_) => self.type_path(id),
            ShapeKind::List(l) => {
                let inner = self.rust_type(&l.member.target);
                quote!(::std::vec::Vec<#inner>)
            }
            ShapeKind::Map(m) => {
                let k = self.rust_type(&m.key.target);
                let v = self.rust_type(&m.value.target);
                quote!(::indexmap::IndexMap<#k, #v>)
            }
            ShapeKind::Document => quote!(crate::runtime::Document),
            ShapeKind::Scalar(_) if shape.streaming => quote!(crate::runtime::ByteStream),
            ShapeKind::Scalar(s) => scalar_type(*s),
        }
    }

    /// The value of an event-stream member: a receiver of the stream's events (the union's
    /// enum) whose errors are those of the operation the stream belongs to.
    pub fn event_receiver_type(&self, id: &ShapeId) -> TokenStream {
        let event = self.type_path(id);
        let op = self
            .stream_operation(id)
            .unwrap_or_else(|| unreachable!("event stream `{id}` belongs to an operation output"));
        let names = self.names.operation(&op.name);
        let root = self.root();
        let module = naming::to_ident(&names.module);
        let error = naming::to_ident(&names.error);
        quote!(crate::runtime::event_receiver::Receiver<#event, #root::operation::#module::#error>)
    }

    /// The operation whose output carries event stream `id` as a member (lowering leaves out
    /// any other use of a stream).
    pub fn stream_operation(&self, id: &ShapeId) -> Option<&'a crate::ir::Operation> {
        self.model
            .operations
            .iter()
            .find(|op| match &self.model.shape(&op.output).kind {
                ShapeKind::Structure(s) => s.members.iter().any(|m| &m.target == id),
                _ => false,
            })
    }

    /// Whether event stream `id` is a member of an operation input (events the client sends).
    pub fn is_input_stream(&self, id: &ShapeId) -> bool {
        self.model
            .operations
            .iter()
            .any(|op| self.input_stream(op).is_some_and(|m| &m.target == id))
    }

    /// The event-stream member of `op`'s input, if it has one.
    pub fn input_stream(&self, op: &crate::ir::Operation) -> Option<&'a Member> {
        match &self.model.shape(&op.input).kind {
            ShapeKind::Structure(s) => s
                .members
                .iter()
                .find(|m| self.model.shape(&m.target).event_stream.is_some()),
            _ => None,
        }
    }

    /// The field of the streaming blob payload of operation input or output `io` (S3
    /// `PutObject`'s and `GetObject`'s `Body`), if it has one.
    pub fn streaming_payload(&self, io: &ShapeId) -> Option<proc_macro2::Ident> {
        let ShapeKind::Structure(s) = &self.model.shape(io).kind else {
            return None;
        };
        let at = s.members.iter().position(|m| {
            m.http == crate::ir::HttpLocation::Payload && self.model.shape(&m.target).streaming
        })?;
        Some(naming::to_ident(&self.names.fields(io)[at]))
    }

    /// The event-stream member of `op`'s output, if it has one.
    pub fn output_stream(&self, op: &crate::ir::Operation) -> Option<&'a Member> {
        match &self.model.shape(&op.output).kind {
            ShapeKind::Structure(s) => s
                .members
                .iter()
                .find(|m| self.model.shape(&m.target).event_stream.is_some()),
            _ => None,
        }
    }

    /// The type of a member's value, boxed when the member closes a cycle.
    pub fn member_value_type(&self, member: &Member) -> TokenStream {
        let ty = self.rust_type(&member.target);
        if member.boxed {
            quote!(::std::boxed::Box<#ty>)
        } else {
            ty
        }
    }

    /// The type of a structure field for `member`: always optional.
    pub fn field_type(&self, member: &Member) -> TokenStream {
        let ty = self.member_value_type(member);
        quote!(::std::option::Option<#ty>)
    }

    /// Whether a member's value must be redacted in `Debug` output: the member is sensitive,
    /// or it is a list or map that holds sensitive values.
    pub fn redacted(&self, member: &Member) -> bool {
        let mut current = member;
        // Walk down collections; bounded by the model size because each step follows a
        // list/map edge and sensitivity is checked at every step.
        for _ in 0..=self.model.shapes.len() {
            if current.sensitive || self.model.shape(&current.target).sensitive {
                return true;
            }
            current = match &self.model.shape(&current.target).kind {
                ShapeKind::List(l) => &l.member,
                ShapeKind::Map(m) => &m.value,
                _ => return false,
            };
        }
        false
    }
}

/// The Rust type of a scalar.
fn scalar_type(scalar: Scalar) -> TokenStream {
    match scalar {
        Scalar::String | Scalar::BigInteger | Scalar::BigDecimal => {
            quote!(::std::string::String)
        }
        Scalar::Boolean => quote!(bool),
        Scalar::Byte => quote!(i8),
        Scalar::Short => quote!(i16),
        Scalar::Integer => quote!(i32),
        Scalar::Long => quote!(i64),
        Scalar::Float => quote!(f32),
        Scalar::Double => quote!(f64),
        Scalar::Timestamp => quote!(crate::runtime::DateTime),
        Scalar::Blob => quote!(crate::runtime::Blob),
    }
}
