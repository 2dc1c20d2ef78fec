//! The comparison behind the model diff: walks the service, the operations and (in `shapes.rs`)
//! the shapes of two prepared models side by side and records one [`Change`] per differing
//! attribute.

use std::collections::{BTreeMap, BTreeSet};

use super::{Aspect, Change, Subject, shape_keys};
use crate::emit::names::Names;
use crate::ir::{Deprecated, Model, Operation, Shape, ShapeId, ShapeKind, XmlNamespace};

/// One model with the lookups the comparison needs.
pub(super) struct View<'m> {
    pub(super) model: &'m Model,
    keys: BTreeMap<ShapeId, String>,
    pub(super) by_key: BTreeMap<String, &'m Shape>,
    pub(super) names: Names,
}

impl<'m> View<'m> {
    fn new(model: &'m Model) -> Self {
        let keys = shape_keys(model);
        let by_key = model
            .shapes
            .values()
            .map(|s| (keys[&s.id].clone(), s))
            .collect();
        Self {
            model,
            keys,
            by_key,
            names: Names::new(model),
        }
    }

    pub(super) fn key(&self, id: &ShapeId) -> String {
        self.keys
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.as_str().to_owned())
    }

    /// The type of a reference to `id` as the generated code sees it: scalars by kind,
    /// collections by element, named types by name (with their kind unless a structure).
    pub(super) fn type_expr(&self, id: &ShapeId) -> String {
        let shape = self.model.shape(id);
        let key = self.key(id);
        match &shape.kind {
            ShapeKind::Structure(_) => key,
            ShapeKind::Union(_) => format!("union {key}"),
            ShapeKind::Enum(_) => format!("enum {key}"),
            ShapeKind::IntEnum(_) => format!("intEnum {key}"),
            ShapeKind::List(l) => format!("list<{}>", self.type_expr(&l.member.target)),
            ShapeKind::Map(m) => format!(
                "map<{}, {}>",
                self.type_expr(&m.key.target),
                self.type_expr(&m.value.target)
            ),
            ShapeKind::Scalar(s) => s.describe().to_owned(),
            ShapeKind::Document => "document".to_owned(),
        }
    }

    /// Whether `id` becomes a Rust type of its own.
    pub(super) fn rust_type(&self, id: &ShapeId) -> Option<String> {
        self.names.type_of(id).map(|t| t.name.clone())
    }
}

pub(super) struct Cx<'m> {
    pub(super) a: View<'m>,
    pub(super) b: View<'m>,
    out: Vec<Change>,
}

/// Every difference between `a` and `b`, unsorted.
pub(super) fn compare(a: &Model, b: &Model) -> Vec<Change> {
    let mut cx = Cx {
        a: View::new(a),
        b: View::new(b),
        out: Vec::new(),
    };
    cx.service();
    cx.operations();
    cx.shapes();
    cx.out
}

pub(super) fn yes(on: bool) -> Option<String> {
    Some(if on { "yes" } else { "no" }.to_owned())
}

pub(super) fn deprecation(d: &Option<Deprecated>) -> Option<String> {
    d.as_ref().map(|d| match (&d.message, &d.since) {
        (None, None) => "deprecated".to_owned(),
        (m, s) => format!(
            "deprecated{}{}",
            s.as_ref().map_or(String::new(), |s| format!(" since {s}")),
            m.as_ref().map_or(String::new(), |m| format!(": {m}"))
        ),
    })
}

pub(super) fn namespace(ns: &Option<XmlNamespace>) -> Option<String> {
    ns.as_ref().map(|ns| match &ns.prefix {
        Some(p) => format!("{p}:{}", ns.uri),
        None => ns.uri.clone(),
    })
}

fn markdown(docs: &Option<String>) -> String {
    docs.as_deref()
        .map(crate::docs::html_to_markdown)
        .unwrap_or_default()
}

impl Cx<'_> {
    /// Records a change.
    pub(super) fn record(
        &mut self,
        subject: &Subject,
        aspect: Aspect,
        a: Option<String>,
        b: Option<String>,
        breaking: bool,
    ) {
        self.out.push(Change {
            subject: subject.clone(),
            aspect,
            a,
            b,
            breaking,
        });
    }

    /// Records a change of `aspect` when `a` and `b` differ.
    pub(super) fn field(
        &mut self,
        subject: &Subject,
        aspect: Aspect,
        a: Option<String>,
        b: Option<String>,
        breaking: bool,
    ) {
        if a != b {
            self.record(subject, aspect, a, b, breaking);
        }
    }

    pub(super) fn docs(&mut self, subject: &Subject, a: &Option<String>, b: &Option<String>) {
        if a != b && markdown(a) != markdown(b) {
            self.record(subject, Aspect::Docs, None, None, false);
        }
    }

    fn service(&mut self) {
        let (a, b) = (&self.a.model.service, &self.b.model.service);
        let s = &Subject::Service;
        let protocols = |p: &[crate::ir::Protocol]| {
            Some(
                p.iter()
                    .map(|p| p.botocore_name())
                    .collect::<Vec<_>>()
                    .join(", "),
            )
        };
        let pairs = [
            (
                Aspect::ApiVersion,
                Some(a.api_version.clone()),
                Some(b.api_version.clone()),
            ),
            (
                Aspect::Protocols,
                protocols(&a.protocols),
                protocols(&b.protocols),
            ),
            (
                Aspect::JsonVersion,
                a.json_version.clone(),
                b.json_version.clone(),
            ),
            (
                Aspect::TargetPrefix,
                a.target_prefix.clone(),
                b.target_prefix.clone(),
            ),
            (
                Aspect::EndpointPrefix,
                a.endpoint_prefix.clone(),
                b.endpoint_prefix.clone(),
            ),
            (
                Aspect::SigningName,
                a.signing_name.clone(),
                b.signing_name.clone(),
            ),
            (
                Aspect::SignatureVersion,
                a.signature_version.clone(),
                b.signature_version.clone(),
            ),
            (
                Aspect::ServiceId,
                a.service_id.clone(),
                b.service_id.clone(),
            ),
            (Aspect::FullName, a.full_name.clone(), b.full_name.clone()),
            (
                Aspect::Abbreviation,
                a.abbreviation.clone(),
                b.abbreviation.clone(),
            ),
            (Aspect::Uid, a.uid.clone(), b.uid.clone()),
            (
                Aspect::XmlNamespace,
                a.xml_namespace.clone(),
                b.xml_namespace.clone(),
            ),
        ];
        for (aspect, x, y) in pairs {
            self.field(s, aspect, x, y, false);
        }
        let (da, db) = (a.docs.clone(), b.docs.clone());
        self.docs(s, &da, &db);
    }

    fn operations(&mut self) {
        let names: BTreeSet<&str> = self
            .a
            .model
            .operations
            .iter()
            .chain(&self.b.model.operations)
            .map(|o| o.name.as_str())
            .collect();
        for name in names {
            let subject = Subject::Operation(name.to_owned());
            match (self.a.model.operation(name), self.b.model.operation(name)) {
                (Some(_), None) => self.record(&subject, Aspect::Removed, None, None, true),
                (None, Some(_)) => self.record(&subject, Aspect::Added, None, None, false),
                (Some(a), Some(b)) => self.operation(&subject, a, b),
                (None, None) => {}
            }
        }
    }

    fn operation(&mut self, s: &Subject, a: &Operation, b: &Operation) {
        // A synthetic structure stands for no input (output): compared as absent.
        let io = |v: &View<'_>, id: Option<&ShapeId>| id.map(|id| v.key(id));
        let (ia, ib) = (
            io(&self.a, a.modeled_input()),
            io(&self.b, b.modeled_input()),
        );
        self.field(s, Aspect::Input, ia, ib, false);
        let (oa, ob) = (
            io(&self.a, a.modeled_output()),
            io(&self.b, b.modeled_output()),
        );
        self.field(s, Aspect::Output, oa, ob, false);
        self.field(
            s,
            Aspect::ResultWrapper,
            a.result_wrapper.clone(),
            b.result_wrapper.clone(),
            false,
        );
        self.docs(s, &a.docs, &b.docs);
        self.field(
            s,
            Aspect::Deprecated,
            deprecation(&a.deprecated),
            deprecation(&b.deprecated),
            false,
        );
        let http = |o: &Operation| {
            Some(format!(
                "{} {} {}",
                o.http.method, o.http.request_uri, o.http.response_code
            ))
        };
        self.field(s, Aspect::Http, http(a), http(b), false);
        self.field(
            s,
            Aspect::Idempotent,
            yes(a.idempotent),
            yes(b.idempotent),
            false,
        );
        self.field(
            s,
            Aspect::HostPrefix,
            a.host_prefix.clone(),
            b.host_prefix.clone(),
            false,
        );
        self.field(
            s,
            Aspect::RequestCompression,
            Some(a.request_compression.join(", ")),
            Some(b.request_compression.join(", ")),
            false,
        );

        let variants = |v: &View<'_>| -> Vec<(String, String)> {
            v.names
                .operation(&a.name)
                .error_variants
                .iter()
                .map(|(id, variant)| (v.key(id), variant.clone()))
                .collect()
        };
        let (ea, eb) = (variants(&self.a), variants(&self.b));
        for (key, variant) in &ea {
            match eb.iter().find(|(k, _)| k == key) {
                None => self.record(s, Aspect::ErrorRemoved(key.clone()), None, None, true),
                Some((_, other)) => self.field(
                    s,
                    Aspect::ErrorVariant(key.clone()),
                    Some(variant.clone()),
                    Some(other.clone()),
                    true,
                ),
            }
        }
        for (key, _) in &eb {
            if !ea.iter().any(|(k, _)| k == key) {
                self.record(s, Aspect::ErrorAdded(key.clone()), None, None, false);
            }
        }
        let common = |mine: &[(String, String)], theirs: &[(String, String)]| {
            let list: Vec<&str> = mine
                .iter()
                .filter(|(k, _)| theirs.iter().any(|(t, _)| t == k))
                .map(|(k, _)| k.as_str())
                .collect();
            Some(list.join(", "))
        };
        let (ca, cb) = (common(&ea, &eb), common(&eb, &ea));
        self.field(s, Aspect::ErrorOrder, ca, cb, false);
        let module = |v: &View<'_>| Some(v.names.operation(&a.name).module.clone());
        let (ma, mb) = (module(&self.a), module(&self.b));
        self.field(s, Aspect::RustName, ma, mb, true);
    }
}
