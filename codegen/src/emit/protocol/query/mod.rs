//! The XML protocol family: awsQuery (form-encoded request bodies and XML responses), its ec2
//! dialect, and restXml (XML documents both ways, under the HTTP binding). One plan of per-shape
//! functions and one set of XML parsers ([`de`]) serve all three; requests are query strings
//! ([`ser`]) or XML documents ([`xml_ser`], with the binding glue in [`rest_xml`]).
//!
//! Per operation, `build_request` serializes the input into `Action=…&Version=…&…` and
//! `parse_response` reads `<OpResponse><OpResult>…` or an `<ErrorResponse>` into the output or
//! the operation's error. The shape-independent work is in the runtime (`runtime::query`,
//! `runtime::xml`); this emitter writes one serializer and/or parser function per structure,
//! union, list and map that an operation reaches, in `src/<svc>/protocol/<stem>.rs` (`stem` is the
//! type's module name, or the shape name in snake case for lists and maps), and the operation's
//! own functions in `protocol/<operation module>.rs`.
//!
//! Wire names follow botocore and the Smithy awsQuery specification, which the conformance
//! suites check; see [`ser`] and [`de`] for the rules that differ between them.
//!
//! The same codec speaks EC2's dialect of the protocol ([`Dialect::Ec2`]): parameter names
//! `queryName`, else `locationName` (else the member name) with its first letter upper-cased;
//! lists always flattened (`Name.N`, an empty list sends nothing); a response with the output's
//! members directly under `<OpResponse>` beside `<requestId>` (no result wrapper); errors in
//! `<Response><Errors><Error>` with `<RequestID>` (read by the runtime for both dialects).

mod de;
mod errors;
mod rest_xml;
mod ser;
#[cfg(test)]
mod tests;
mod xml_ser;

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::OperationCode;
use crate::emit::{RustFile, Service};
use crate::ir::{Member, Model, Operation, ShapeId, ShapeKind};
use crate::naming::{self, Scope};

/// The dialect of the query codec a service speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dialect {
    /// awsQuery (botocore `query`).
    Query,
    /// EC2's query dialect (botocore `ec2`, Smithy `ec2Query`).
    Ec2,
    /// restXml: XML documents under the HTTP binding.
    RestXml,
}

impl Dialect {
    /// The name used in generated docs.
    fn name(self) -> &'static str {
        match self {
            Dialect::Query => "awsQuery",
            Dialect::Ec2 => "ec2Query",
            Dialect::RestXml => "restXml",
        }
    }
}

/// Which functions the service's protocol module has, and where they live: decided once per
/// service (kept by [`Service::query_layout`]), not once per operation.
pub(crate) struct Layout {
    /// The dialect spoken.
    dialect: Dialect,
    /// File stem of every shape with a function (structures, unions, lists, maps).
    stems: BTreeMap<ShapeId, String>,
    /// File stem of every operation (its module name).
    ops: BTreeMap<String, String>,
    /// Shapes that need a serializer.
    ser: BTreeSet<ShapeId>,
    /// Shapes that need a parser (lists and maps: of the whole collection, which flattened
    /// members do not use).
    de: BTreeSet<ShapeId>,
    /// Maps that need a parser of one entry.
    de_entries: BTreeSet<ShapeId>,
}

impl Layout {
    /// Plans `svc`'s protocol module: every shape its operations reach, and the file stems.
    pub(crate) fn new(svc: &Service<'_>) -> Self {
        let model = svc.model;
        let mut layout = Layout {
            dialect: match svc.protocol {
                crate::ir::Protocol::Ec2 => Dialect::Ec2,
                crate::ir::Protocol::RestXml => Dialect::RestXml,
                _ => Dialect::Query,
            },
            stems: BTreeMap::new(),
            ops: BTreeMap::new(),
            ser: BTreeSet::new(),
            de: BTreeSet::new(),
            de_entries: BTreeSet::new(),
        };
        for op in &model.operations {
            layout.reach_members(model, &op.input, true);
            layout.reach_members(model, &op.output, false);
            for error in &op.errors {
                layout.reach(model, error, false, false);
            }
        }
        // Errors no operation lists: the service's error dispatch reads them too.
        for (id, _) in svc.names.service_errors() {
            layout.reach(model, id, false, false);
        }
        // File stems: operations first (their module names are unique already), then types by
        // their module names, then lists and maps by their shape names, all in one scope.
        let mut scope = Scope::with_reserved(&["mod"]);
        for op in &model.operations {
            let stem = scope.claim(svc.names.operation(&op.name).module.clone());
            layout.ops.insert(op.name.clone(), stem);
        }
        let needed: BTreeSet<ShapeId> = layout
            .ser
            .iter()
            .chain(&layout.de)
            .chain(&layout.de_entries)
            .cloned()
            .collect();
        for id in &needed {
            if let Some(names) = svc.names.type_of(id) {
                let stem = scope.claim(names.module.clone());
                layout.stems.insert(id.clone(), stem);
            }
        }
        for id in &needed {
            if svc.names.type_of(id).is_none() {
                let stem = scope.claim(naming::module_name(id.name()));
                layout.stems.insert(id.clone(), stem);
            }
        }
        layout
    }

    /// Marks the shapes reached through the members of structure `id` (restXml: its document
    /// and payload members; HTTP-bound members are text in the URI and headers).
    fn reach_members(&mut self, model: &Model, id: &ShapeId, ser: bool) {
        if let ShapeKind::Structure(s) | ShapeKind::Union(s) = &model.shape(id).kind {
            for member in &s.members {
                if self.in_document(member, ser) || member.http == crate::ir::HttpLocation::Payload
                {
                    self.reach(model, &member.target, ser, member.wire.flattened);
                }
            }
        }
    }

    /// Whether `member` is written to (`ser`) or read from the XML document. restXml writes
    /// body members only, and reads every member a response does not bind elsewhere (a
    /// label or query member of a structure shared by input and output is a body member of
    /// the output); the query dialects have no HTTP binding.
    fn in_document(&self, member: &Member, ser: bool) -> bool {
        use crate::ir::HttpLocation;
        self.dialect != Dialect::RestXml
            || member.http.is_body()
            || (!ser
                && matches!(
                    member.http,
                    HttpLocation::Label | HttpLocation::Query(_) | HttpLocation::QueryParams
                ))
    }

    /// Marks `id` (if it needs a function) and everything it reaches; `flattened` when a
    /// structure member reaches it flattened.
    fn reach(&mut self, model: &Model, id: &ShapeId, ser: bool, flattened: bool) {
        match &model.shape(id).kind {
            ShapeKind::Union(_) if model.shape(id).event_stream.is_some() => {
                // A stream has no parser of its own: the operation's event parser reads each
                // message through its event's, event payload's or exception's parser.
                for target in super::event_stream::parsed_shapes(model, id) {
                    self.reach(model, target, ser, false);
                }
            }
            ShapeKind::Structure(_) | ShapeKind::Union(_) => {
                let set = if ser { &mut self.ser } else { &mut self.de };
                if set.insert(id.clone()) {
                    self.reach_members(model, id, ser);
                }
            }
            ShapeKind::List(l) => {
                let new = if ser {
                    self.ser.insert(id.clone())
                } else if flattened {
                    // A flattened list is read item by item by its structure's parser.
                    true
                } else {
                    self.de.insert(id.clone())
                };
                if new {
                    self.reach(model, &l.member.target, ser, false);
                }
            }
            ShapeKind::Map(m) => {
                let new = if ser {
                    self.ser.insert(id.clone())
                } else {
                    if !flattened {
                        self.de.insert(id.clone());
                    }
                    self.de_entries.insert(id.clone())
                };
                if new {
                    self.reach(model, &m.key.target, ser, false);
                    self.reach(model, &m.value.target, ser, false);
                }
            }
            _ => {}
        }
    }
}

/// The service and its [`Layout`], which every function of this emitter reads.
struct Plan<'s, 'm> {
    svc: &'s Service<'m>,
    /// The service's layout (computed once per service).
    layout: &'s Layout,
}

impl<'s, 'm> Plan<'s, 'm> {
    fn new(svc: &'s Service<'m>) -> Self {
        Plan {
            svc,
            layout: svc.query_layout(),
        }
    }

    /// The dialect spoken.
    fn dialect(&self) -> Dialect {
        self.layout.dialect
    }

    /// See [`Layout::in_document`].
    fn in_document(&self, member: &Member, ser: bool) -> bool {
        self.layout.in_document(member, ser)
    }

    /// The stem of a shape's file.
    fn stem(&self, id: &ShapeId) -> &str {
        self.layout
            .stems
            .get(id)
            .map(String::as_str)
            .unwrap_or_else(|| unreachable!("shape `{id}` has a protocol function"))
    }

    /// `crate::<svc>::protocol::<stem>::<prefix>_<stem><suffix>`.
    fn function(&self, id: &ShapeId, prefix: &str, suffix: &str) -> TokenStream {
        let stem = self.stem(id);
        self.path(stem, &fn_name(prefix, stem, suffix))
    }

    fn path(&self, stem: &str, function: &str) -> TokenStream {
        let root = self.svc.root();
        let module = naming::to_ident(stem);
        let function = naming::to_ident(function);
        quote!(#root::protocol::#module::#function)
    }

    /// The stem of an operation's file.
    fn op_stem(&self, op: &Operation) -> &str {
        self.layout
            .ops
            .get(&op.name)
            .map(String::as_str)
            .unwrap_or_else(|| unreachable!("operation `{}` has a protocol file", op.name))
    }

    /// Path of the operation's module (`crate::<svc>::operation::<module>`).
    fn op_module(&self, op: &Operation) -> TokenStream {
        let root = self.svc.root();
        let module = naming::to_ident(&self.svc.names.operation(&op.name).module);
        quote!(#root::operation::#module)
    }
}

/// The element or parameter name of a member: its `locationName`, else its name.
/// The member's XML (and query key) name, if the model gives one.
fn xml_name(member: &Member) -> Option<&str> {
    member.wire_name_opt(crate::ir::Protocol::Query)
}

fn wire_name(member: &Member) -> &str {
    member.wire_name_for(crate::ir::Protocol::Query)
}

/// The name of a protocol function: `de_snapshot`, `ser_copy_snapshot_input`. The stem's `_`
/// suffix (`type_`, from a keyword) is dropped, since the prefix already makes the name safe.
fn fn_name(prefix: &str, stem: &str, suffix: &str) -> String {
    format!("{prefix}_{}{suffix}", stem.trim_end_matches('_'))
}

fn ident(name: &str) -> Ident {
    naming::to_ident(name)
}

/// Protocol code of `op`.
pub fn operation_code(svc: &Service<'_>, op: &Operation) -> OperationCode {
    let plan = Plan::new(svc);
    OperationCode {
        build_request: ser::build_request(&plan, op),
        build_request_fallible: false,
        uses_input: true,
        parse_response: de::parse_response(&plan, op),
    }
}

/// Protocol code of `op` for restXml.
pub fn rest_xml_operation_code(svc: &Service<'_>, op: &Operation) -> OperationCode {
    rest_xml::operation_code(&Plan::new(svc), op)
}

/// The protocol module's files: `mod.rs`, one file per shape with functions, one per
/// operation.
pub fn files(svc: &Service<'_>) -> Vec<RustFile> {
    let plan = Plan::new(svc);
    let base = format!("src/{}/protocol", svc.module);
    let source = svc.model.source.clone();
    let mut files = Vec::new();
    let mut stems: Vec<&str> = Vec::new();

    for op in &svc.model.operations {
        let stem = plan.op_stem(op);
        let doc = format!(
            " {} request serializer and response parsers of the `{}` operation.",
            plan.dialect().name(),
            op.name
        );
        let (ser, de, errors) = if plan.dialect() == Dialect::RestXml {
            rest_xml::op_fns(&plan, op)
        } else {
            (
                ser::operation_input(&plan, op),
                de::operation_output(&plan, op),
                errors::operation_error(&plan, op, TokenStream::new()),
            )
        };
        files.push(RustFile {
            path: format!("{base}/{stem}.rs"),
            source: source.clone(),
            tokens: quote! {
                #![doc = #doc]
                #ser
                #de
                #errors
            },
        });
        stems.push(stem);
    }
    for (id, stem) in &plan.layout.stems {
        let ser = plan.layout.ser.contains(id).then(|| match plan.dialect() {
            Dialect::RestXml => xml_ser::shape(&plan, id),
            _ => ser::shape(&plan, id),
        });
        let de = (plan.layout.de.contains(id) || plan.layout.de_entries.contains(id))
            .then(|| de::shape(&plan, id));
        let what = match (ser.is_some(), de.is_some()) {
            (true, true) => "serializer and parser",
            (true, false) => "serializer",
            _ => "parser",
        };
        let doc = format!(" {} {what} of `{}`.", plan.dialect().name(), id.name());
        files.push(RustFile {
            path: format!("{base}/{stem}.rs"),
            source: source.clone(),
            tokens: quote! {
                #![doc = #doc]
                #ser
                #de
            },
        });
        stems.push(stem);
    }
    stems.sort_unstable();
    let modules = stems.iter().map(|s| ident(s));
    let doc = format!(
        " {} serializers and parsers: one file per operation, and one per structure,",
        plan.dialect().name()
    );
    let de_error = match plan.dialect() {
        Dialect::RestXml => rest_xml::service_error(&plan),
        _ => errors::service_error(&plan),
    };
    let allow_deprecated = crate::emit::allow_deprecated(
        plan.svc
            .model
            .shapes
            .values()
            .any(|s| s.deprecated.is_some()),
    );
    files.push(RustFile {
        path: format!("{base}/mod.rs"),
        source,
        tokens: quote! {
            #![doc = #doc]
            //! union, list and map the operations reach; and the service's error dispatch.
            #(pub(crate) mod #modules;)*
            #allow_deprecated
            #de_error
        },
    });
    files
}
