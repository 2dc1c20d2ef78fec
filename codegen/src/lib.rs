//! awsgen's generator library: reads AWS service models, lowers them into a validated
//! shape-graph IR, and emits the Rust source of a crate. It returns files in memory and never
//! writes to disk; `xtask` owns all file I/O.
//!
//! Pipeline: [`model::load`] (front end → [`ir::Model`]) → [`prepare`]: [`ir::select_operations`]
//! (closure of the selected operations), [`ir::add_error_messages`], [`ir::box_recursive_members`]
//! → [`emit::emit_crate`] (tokens → prettyplease text). [`diff`] compares two prepared models.

pub mod config;
pub mod diff;
pub mod docs;
pub mod emit;
pub mod endpoints;
pub mod error;
pub mod inline;
pub mod ir;
pub mod model;
pub mod naming;
mod render;

use std::collections::BTreeMap;

pub use emit::RuntimeDep;
pub use error::{CodegenError, Result};

use error::{Location, Problem};
use ir::{Model, Protocol, Selection, ShapeKind};

/// The protocols awsgen generates serializers and parsers for.
pub const SUPPORTED_PROTOCOLS: [Protocol; 6] = [
    Protocol::Query,
    Protocol::Json,
    Protocol::RpcV2Cbor,
    Protocol::RestJson,
    Protocol::Ec2,
    Protocol::RestXml,
];

/// One service to put into a generated crate.
pub struct ServiceInput {
    /// Module and cargo feature name (`elasticache`).
    pub module: String,
    /// The whole model, as loaded.
    pub model: Model,
    /// Which operations to generate.
    pub selection: Selection,
    /// Protocol override; by default the model's preferred supported protocol.
    pub protocol: Option<Protocol>,
}

/// A crate to generate: as configured ([`CrateInput`], whole models and selections) or as the
/// emitters see it ([`emit::CrateSpec`], prepared models and protocols). One description, so
/// that a crate-level setting is declared once and reaches the emitters without being copied
/// field by field.
#[derive(Clone, Debug)]
pub struct Crate<S> {
    /// Package name.
    pub name: String,
    /// Services.
    pub services: Vec<S>,
    /// The command that regenerates the crate, for file headers.
    pub command: String,
    /// What crate-level files come from (`codegen.toml`, or the model path).
    pub source: String,
    /// Whether the crate is its own workspace (true for `cargo xtask generate --out DIR`).
    pub standalone: bool,
    /// How the crate depends on the runtime crate: a path, a version, or a vendored copy.
    pub runtime: RuntimeDep,
}

impl<S> Crate<S> {
    /// The same crate with other services (the crate-level settings carried over).
    pub fn with_services<T>(&self, services: Vec<T>) -> Crate<T> {
        let Crate {
            name,
            services: _,
            command,
            source,
            standalone,
            runtime,
        } = self;
        Crate {
            name: name.clone(),
            services,
            command: command.clone(),
            source: source.clone(),
            standalone: *standalone,
            runtime: runtime.clone(),
        }
    }
}

/// A crate to generate, as configured.
pub type CrateInput = Crate<ServiceInput>;

/// A crate generated leniently: its files, and the operations left out of it.
#[derive(Debug)]
pub struct Generated {
    /// Path relative to the crate root → contents.
    pub files: BTreeMap<String, String>,
    /// `(service module, operation and reason)` of every operation left out.
    pub left_out: Vec<(String, ir::LeftOut)>,
}

/// Generates every file of a crate: path relative to the crate root → contents. Strict: an
/// operation the generator cannot produce is an error, whatever the selection.
pub fn generate(input: &CrateInput) -> Result<BTreeMap<String, String>> {
    generate_with(input, false).map(|g| g.files)
}

/// Like [`generate`], but a service that selects every operation ([`Selection::All`]) leaves out
/// the operations the generator cannot produce yet (event streams, …) instead of failing: they
/// are returned with the reason, and the service's docs list them. Operations selected by name
/// stay strict: a configuration that names an operation gets it or an error.
pub fn generate_lenient(input: &CrateInput) -> Result<Generated> {
    generate_with(input, true)
}

fn generate_with(input: &CrateInput, lenient: bool) -> Result<Generated> {
    let mut selected = Vec::new();
    let mut left_out = Vec::new();
    for service in &input.services {
        let protocol = choose_protocol(&service.model, service.protocol)?;
        // Event streams the generator cannot produce for this protocol become unsupported
        // shapes (a copy of the model only when it has event streams at all).
        let marked_copy;
        let marked = if service
            .model
            .shapes
            .values()
            .any(|s| s.event_stream.is_some())
        {
            let mut m = service.model.clone();
            ir::event_stream::mark_unsupported(&mut m, protocol);
            marked_copy = m;
            &marked_copy
        } else {
            &service.model
        };
        let model = if lenient && service.selection == Selection::All {
            let kept = ir::leave_out_unsupported(marked);
            left_out.extend(
                kept.service
                    .left_out
                    .iter()
                    .map(|l| (service.module.clone(), l.clone())),
            );
            prepare(&kept, &service.selection)?
        } else {
            prepare(marked, &service.selection)?
        };
        check_documents(&model, protocol)?;
        selected.push((service.module.clone(), model, protocol));
    }
    let files = emit::emit_crate(
        &input.with_services(
            selected
                .iter()
                .map(|(module, model, protocol)| emit::ServiceSpec {
                    module: module.clone(),
                    model,
                    protocol: *protocol,
                })
                .collect(),
        ),
    )?;
    Ok(Generated { files, left_out })
}

/// The model as the emitters see it: restricted to `selection`, with every pass applied (error
/// structures get a `message` member, recursive members are boxed). [`generate`] and the model
/// diff both start from it, so the diff compares exactly what would be generated.
pub fn prepare(model: &Model, selection: &Selection) -> Result<Model> {
    let mut model = ir::select_operations(model, selection)?;
    ir::event_stream::split_exceptions(&mut model);
    ir::add_error_messages(&mut model);
    ir::box_recursive_members(&mut model);
    ir::s3::bucket_in_endpoint(&mut model);
    ir::s3::expires_string(&mut model);
    Ok(model)
}

/// Document shapes need the runtime's `Document` type and a protocol that can carry them (not
/// the XML-based ones); anything else is an error naming each document shape.
fn check_documents(model: &Model, protocol: Protocol) -> Result<()> {
    let why = if !emit::runtime_provides("Document") {
        "document shapes are not supported yet (the runtime has no `Document` type)".to_owned()
    } else if matches!(
        protocol,
        Protocol::Query | Protocol::Ec2 | Protocol::RestXml
    ) {
        format!("document shapes cannot be sent with the `{protocol}` protocol")
    } else {
        return Ok(());
    };
    let problems: Vec<Problem> = model
        .shapes
        .values()
        .filter(|s| matches!(s.kind, ShapeKind::Document))
        .map(|s| Problem::new(Location::Shape(s.id.to_string()), why.clone()))
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(CodegenError::Model {
            file: model.source.clone(),
            problems,
        })
    }
}

/// The protocol to generate: the override if the model lists it, else the first protocol in
/// botocore's priority order that the model lists and awsgen supports.
pub fn choose_protocol(model: &Model, requested: Option<Protocol>) -> Result<Protocol> {
    let listed = &model.service.protocols;
    let config_error = |message: String| CodegenError::Config {
        file: model.source.clone(),
        message,
    };
    let names = || {
        listed
            .iter()
            .map(|p| format!("`{p}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match requested {
        Some(p) if !listed.contains(&p) => Err(config_error(format!(
            "protocol `{p}` was requested, but the model lists only {}",
            names()
        ))),
        Some(p) if !SUPPORTED_PROTOCOLS.contains(&p) => Err(config_error(format!(
            "protocol `{p}` is not supported (awsgen generates query, ec2, json, smithy-rpc-v2-cbor, rest-json and rest-xml)"
        ))),
        Some(p) => Ok(p),
        None => Protocol::PRIORITY
            .into_iter()
            .find(|p| listed.contains(p) && SUPPORTED_PROTOCOLS.contains(p))
            .ok_or_else(|| {
                config_error(format!(
                    "the model's protocols ({}) are not supported (awsgen generates query, ec2, json, smithy-rpc-v2-cbor, rest-json and rest-xml)",
                    names()
                ))
            }),
    }
}
