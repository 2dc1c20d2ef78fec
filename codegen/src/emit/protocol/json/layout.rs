//! Which serializer and parser functions a service gets, what they are called, and which file
//! under `src/<service>/protocol/` holds each one.
//!
//! A function exists for every structure, union, list and map that an operation's input
//! reaches (serializers) or that its output or errors reach (parsers), once per shape; scalars,
//! enums and documents are written inline by the caller. Each named type (structure, union)
//! gets a file named after its `types` module; each operation a file named after its
//! `operation` module, holding the operation's input serializer, output parser and error
//! dispatch; a list or map lives in the file of the first named type or operation that reaches
//! it (operations in model order, members in declaration order), so the layout only depends on
//! the model.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::Service;
use crate::ir::{Operation, ShapeId, ShapeKind};
use crate::naming::{self, Scope};

/// A generated function: the file (module) under `protocol/` and the function's name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FnRef {
    /// Module of the file (`tag`, `copy_snapshot`).
    pub file: String,
    /// Function name (`ser_tag`).
    pub name: String,
}

/// Names of an operation's own protocol functions.
#[derive(Clone, Debug)]
pub struct OpFns {
    /// Module of the operation's file.
    pub file: String,
    /// `ser_<op>_input`.
    pub ser_input: String,
    /// Operations whose output has members besides its event stream: `de_<op>_output`, which
    /// reads those members (every other output is read by its `Read` impl).
    pub de_output: String,
    /// `de_<op>_error`.
    pub de_error: String,
    /// Operations whose output is an event stream: `de_<op>_event`, one message of it.
    pub de_event: String,
    /// Operations whose input is an event stream: `ser_<op>_event`, one message of it.
    pub ser_event: String,
    /// Operations whose output has members besides its event stream (awsJson, RPC v2 CBOR):
    /// `de_<op>_initial_response`, which reads the `initial-response` event into them.
    pub de_initial: String,
}

/// The decided layout of one service's protocol functions.
#[derive(Debug, Default)]
pub struct Layout {
    ser: BTreeMap<ShapeId, FnRef>,
    de: BTreeMap<ShapeId, FnRef>,
    ops: BTreeMap<String, OpFns>,
    /// File module → shapes serialized there and parsed there, in the order they were reached.
    files: BTreeMap<String, FileContents>,
}

/// What one file under `protocol/` holds.
#[derive(Debug, Default)]
pub struct FileContents {
    /// Shapes with a serializer in this file.
    pub ser: Vec<ShapeId>,
    /// Shapes with a parser in this file.
    pub de: Vec<ShapeId>,
    /// The operation whose functions are in this file, if any.
    pub operation: Option<String>,
}

impl Layout {
    /// Decides the layout of `svc`.
    pub fn new(svc: &Service<'_>) -> Self {
        let model = svc.model;
        let mut layout = Layout::default();
        let mut files = Scope::with_reserved(&["mod"]);
        let mut fns = Scope::new();

        // Named types first, so that their files keep their `types` module names.
        let mut type_files = BTreeMap::new();
        for (id, names) in svc.names.types() {
            if has_function(&model.shape(id).kind) {
                type_files.insert(id.clone(), files.claim(names.module.clone()));
            }
        }
        for op in &model.operations {
            let names = svc.names.operation(&op.name);
            let file = files.claim(names.module.clone());
            let ser_input = fns.claim(format!("ser_{}_input", names.module));
            let initial = crate::emit::protocol::event_stream::initial_members(svc, op);
            let de_output = if initial {
                fns.claim(format!("de_{}_output", names.module))
            } else {
                String::new()
            };
            let de_error = fns.claim(format!("de_{}_error", names.module));
            let de_event = if svc.output_stream(op).is_some() {
                fns.claim(format!("de_{}_event", names.module))
            } else {
                String::new()
            };
            let ser_event = if svc.input_stream(op).is_some() {
                fns.claim(format!("ser_{}_event", names.module))
            } else {
                String::new()
            };
            let de_initial = if initial {
                fns.claim(format!("de_{}_initial_response", names.module))
            } else {
                String::new()
            };
            layout.files.entry(file.clone()).or_default().operation = Some(op.name.clone());
            layout.ops.insert(
                op.name.clone(),
                OpFns {
                    file,
                    ser_input,
                    de_output,
                    de_error,
                    de_event,
                    ser_event,
                    de_initial,
                },
            );
        }

        let mut walker = Walker {
            svc,
            seen_writable: std::collections::BTreeSet::new(),
            type_files: &type_files,
            fns: &mut fns,
            layout: &mut layout,
        };
        for op in &model.operations {
            let op_file = walker.layout.ops[&op.name].file.clone();
            if let Some(input) = op.modeled_input() {
                for target in document_targets(svc, &model.shape(input).kind) {
                    walker.visit(target, &op_file, Direction::Ser);
                }
            }
            if let Some(output) = op.modeled_output() {
                for target in document_targets(svc, &model.shape(output).kind) {
                    walker.visit(target, &op_file, Direction::De);
                }
            }
            for error in &op.errors {
                walker.visit(error, &op_file, Direction::De);
            }
        }
        // Errors no operation lists: the service's error dispatch reads them too.
        for (id, _) in svc.names.service_errors() {
            if let Some(file) = type_files.get(id) {
                walker.visit(id, file, Direction::De);
            }
        }
        layout
    }

    /// The serializer of `id`.
    pub fn ser(&self, id: &ShapeId) -> &FnRef {
        self.ser
            .get(id)
            .unwrap_or_else(|| unreachable!("shape `{id}` has a serializer"))
    }

    /// The parser of `id`.
    pub fn de(&self, id: &ShapeId) -> &FnRef {
        self.de
            .get(id)
            .unwrap_or_else(|| unreachable!("shape `{id}` has a parser"))
    }

    /// The functions of operation `name`.
    pub fn op(&self, name: &str) -> &OpFns {
        self.ops
            .get(name)
            .unwrap_or_else(|| unreachable!("operation `{name}` has protocol functions"))
    }

    /// Every file, by module name.
    pub fn files(&self) -> &BTreeMap<String, FileContents> {
        &self.files
    }
}

/// The path of a generated function: `crate::<service>::protocol::<file>::<name>`.
pub fn fn_path(svc: &Service<'_>, f: &FnRef) -> TokenStream {
    let root = svc.root();
    let file = naming::to_ident(&f.file);
    let name = naming::to_ident(&f.name);
    quote!(#root::protocol::#file::#name)
}

/// The path of an operation's own function `name`.
pub fn op_fn_path(svc: &Service<'_>, op: &Operation, layout: &Layout, name: &str) -> TokenStream {
    fn_path(
        svc,
        &FnRef {
            file: layout.op(&op.name).file.clone(),
            name: name.to_owned(),
        },
    )
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    Ser,
    De,
}

/// Whether values of this kind get a function of their own.
fn has_function(kind: &ShapeKind) -> bool {
    matches!(
        kind,
        ShapeKind::Structure(_) | ShapeKind::Union(_) | ShapeKind::List(_) | ShapeKind::Map(_)
    )
}

/// The targets of the members of a top-level structure (operation input, output, error) that
/// its document holds: REST protocols bind the others to the URI, headers, status or payload
/// (a payload's target is serialized by the operation's own function, through the target's).
fn document_targets<'m>(svc: &Service<'_>, kind: &'m ShapeKind) -> Vec<&'m ShapeId> {
    match kind {
        ShapeKind::Structure(s) => s
            .members
            .iter()
            .filter(|m| {
                super::ser::in_document(svc, m, true) || m.http == crate::ir::HttpLocation::Payload
            })
            .map(|m| &m.target)
            .collect(),
        other => member_targets(other),
    }
}

fn member_targets(kind: &ShapeKind) -> Vec<&ShapeId> {
    match kind {
        ShapeKind::Structure(s) | ShapeKind::Union(s) => {
            s.members.iter().map(|m| &m.target).collect()
        }
        ShapeKind::List(l) => vec![&l.member.target],
        ShapeKind::Map(m) => vec![&m.key.target, &m.value.target],
        _ => Vec::new(),
    }
}

struct Walker<'w, 's> {
    svc: &'w Service<'s>,
    /// Lists and maps that write or read themselves, visited already (they have no function
    /// to mark them).
    seen_writable: std::collections::BTreeSet<(ShapeId, bool)>,
    type_files: &'w BTreeMap<ShapeId, String>,
    fns: &'w mut Scope,
    layout: &'w mut Layout,
}

impl Walker<'_, '_> {
    /// Gives `id` (and everything it reaches) a function in `direction`, if it needs one and
    /// has none yet. `owner_file` is the file of the nearest named type or operation above it.
    fn visit(&mut self, id: &ShapeId, owner_file: &str, direction: Direction) {
        let shape = self.svc.model.shape(id);
        if !has_function(&shape.kind) {
            return;
        }
        if shape.event_stream.is_some() {
            // A stream has no parser of its own: each message is read by the operation's
            // event parser, through its event's, event payload's or exception's parser.
            for target in crate::emit::protocol::event_stream::parsed_shapes(self.svc.model, id) {
                self.visit(target, owner_file, direction);
            }
            return;
        }
        let (done, prefix) = match direction {
            Direction::Ser => (self.layout.ser.contains_key(id), "ser"),
            Direction::De => (self.layout.de.contains_key(id), "de"),
        };
        if done {
            return;
        }
        // A list or map that writes or reads itself (`wire::Write`, `wire::Read`) needs no
        // function; what it holds may.
        let collection = matches!(shape.kind, ShapeKind::List(_) | ShapeKind::Map(_));
        let itself = match direction {
            Direction::Ser => super::ser::writable(self.svc, id),
            Direction::De => super::de::readable(self.svc, id),
        };
        if collection && itself {
            if self
                .seen_writable
                .insert((id.clone(), direction == Direction::Ser))
            {
                for target in member_targets(&shape.kind) {
                    self.visit(target, owner_file, direction);
                }
            }
            return;
        }
        let file = self
            .type_files
            .get(id)
            .cloned()
            .unwrap_or_else(|| owner_file.to_owned());
        let name = self
            .fns
            .claim(format!("{prefix}_{}", naming::module_name(id.name())));
        let f = FnRef {
            file: file.clone(),
            name,
        };
        let contents = self.layout.files.entry(file.clone()).or_default();
        match direction {
            Direction::Ser => {
                contents.ser.push(id.clone());
                self.layout.ser.insert(id.clone(), f);
            }
            Direction::De => {
                contents.de.push(id.clone());
                self.layout.de.insert(id.clone(), f);
            }
        }
        let targets = if shape.error.is_some() {
            document_targets(self.svc, &shape.kind)
        } else {
            member_targets(&shape.kind)
        };
        for target in targets {
            self.visit(target, &file, direction);
        }
    }
}
