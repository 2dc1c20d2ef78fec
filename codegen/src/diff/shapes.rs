//! The shape half of the model diff's comparison: shapes matched by key, then by kind their
//! members (structures, unions, lists, maps) or values (enums, int enums).

use std::collections::BTreeSet;

use super::compare::{Cx, deprecation, namespace, yes};
use super::{Aspect, Subject};
use crate::ir::{Member, Shape, ShapeKind};

impl Cx<'_> {
    pub(super) fn shapes(&mut self) {
        let keys: BTreeSet<String> = self
            .a
            .by_key
            .keys()
            .chain(self.b.by_key.keys())
            .cloned()
            .collect();
        for key in keys {
            let subject = Subject::Shape(key.clone());
            match (
                self.a.by_key.get(&key).copied(),
                self.b.by_key.get(&key).copied(),
            ) {
                (Some(a), None) => {
                    let named = self.a.rust_type(&a.id).is_some();
                    self.record(&subject, Aspect::Removed, Some(summary(a)), None, named);
                }
                (None, Some(b)) => {
                    self.record(&subject, Aspect::Added, None, Some(summary(b)), false);
                }
                (Some(a), Some(b)) => self.shape(&subject, &key, a, b),
                (None, None) => {}
            }
        }
    }

    fn shape(&mut self, s: &Subject, key: &str, a: &Shape, b: &Shape) {
        let named_a = self.a.rust_type(&a.id);
        let named_b = self.b.rust_type(&b.id);
        let breaking = named_a.is_some();
        self.field(s, Aspect::RustName, named_a, named_b, breaking);
        self.docs(s, &a.docs, &b.docs);
        self.field(
            s,
            Aspect::Deprecated,
            deprecation(&a.deprecated),
            deprecation(&b.deprecated),
            false,
        );
        self.field(
            s,
            Aspect::Sensitive,
            yes(a.sensitive),
            yes(b.sensitive),
            false,
        );
        match (&a.error, &b.error) {
            (Some(x), Some(y)) => {
                self.field(
                    s,
                    Aspect::ErrorCode,
                    Some(x.code.clone()),
                    Some(y.code.clone()),
                    true,
                );
                self.field(
                    s,
                    Aspect::ErrorStatus,
                    x.http_status.map(|c| c.to_string()),
                    y.http_status.map(|c| c.to_string()),
                    false,
                );
                let fault = |f: bool| Some(if f { "client" } else { "server" }.to_owned());
                self.field(
                    s,
                    Aspect::ErrorFault,
                    fault(x.sender_fault),
                    fault(y.sender_fault),
                    false,
                );
            }
            (x, y) => self.field(
                s,
                Aspect::Error,
                x.as_ref().map(|e| e.code.clone()),
                y.as_ref().map(|e| e.code.clone()),
                x.is_some(),
            ),
        }
        let (ca, cb) = (&a.constraints, &b.constraints);
        self.field(s, Aspect::Min, ca.min.clone(), cb.min.clone(), false);
        self.field(s, Aspect::Max, ca.max.clone(), cb.max.clone(), false);
        self.field(
            s,
            Aspect::Pattern,
            ca.pattern.clone(),
            cb.pattern.clone(),
            false,
        );
        self.field(
            s,
            Aspect::Unsupported,
            a.unsupported.clone(),
            b.unsupported.clone(),
            false,
        );
        if a.kind.describe() != b.kind.describe() {
            self.field(
                s,
                Aspect::Kind,
                Some(a.kind.describe().to_owned()),
                Some(b.kind.describe().to_owned()),
                breaking,
            );
            return;
        }
        match (&a.kind, &b.kind) {
            (ShapeKind::Structure(x), ShapeKind::Structure(y))
            | (ShapeKind::Union(x), ShapeKind::Union(y)) => {
                self.members(s, key, a, &x.members, b, &y.members);
            }
            (ShapeKind::List(x), ShapeKind::List(y)) => {
                let m = Subject::Member(key.to_owned(), "member".to_owned());
                self.member(&m, &x.member, &y.member);
            }
            (ShapeKind::Map(x), ShapeKind::Map(y)) => {
                let k = Subject::Member(key.to_owned(), "key".to_owned());
                self.member(&k, &x.key, &y.key);
                let v = Subject::Member(key.to_owned(), "value".to_owned());
                self.member(&v, &x.value, &y.value);
            }
            (ShapeKind::Enum(x), ShapeKind::Enum(y)) => {
                let va: Vec<(&str, &Option<String>)> = x
                    .values
                    .iter()
                    .map(|v| (v.value.as_str(), &v.docs))
                    .collect();
                let vb: Vec<(&str, &Option<String>)> = y
                    .values
                    .iter()
                    .map(|v| (v.value.as_str(), &v.docs))
                    .collect();
                self.values(key, a, &va, b, &vb, |cx, subject, da, db| {
                    cx.docs(subject, da, db)
                });
            }
            (ShapeKind::IntEnum(x), ShapeKind::IntEnum(y)) => {
                let va: Vec<(&str, i32)> = x.values.iter().map(|(n, v)| (n.as_str(), *v)).collect();
                let vb: Vec<(&str, i32)> = y.values.iter().map(|(n, v)| (n.as_str(), *v)).collect();
                self.values(key, a, &va, b, &vb, |cx, subject, x, y| {
                    cx.field(
                        subject,
                        Aspect::IntValue,
                        Some(x.to_string()),
                        Some(y.to_string()),
                        true,
                    )
                });
            }
            _ => {}
        }
    }

    /// Values of an enum (`(wire value or name, payload)` in model order): added, removed,
    /// renamed variants, reordering, and `payload` compared by `each`.
    fn values<T>(
        &mut self,
        key: &str,
        a: &Shape,
        va: &[(&str, T)],
        b: &Shape,
        vb: &[(&str, T)],
        each: impl Fn(&mut Self, &Subject, &T, &T),
    ) {
        let variants_a = self.a.names.variants(&a.id).to_vec();
        let variants_b = self.b.names.variants(&b.id).to_vec();
        for (i, (value, payload)) in va.iter().enumerate() {
            let subject = Subject::Value(key.to_owned(), (*value).to_owned());
            match vb.iter().position(|(v, _)| v == value) {
                None => self.record(&subject, Aspect::Removed, None, None, true),
                Some(j) => {
                    each(self, &subject, payload, &vb[j].1);
                    self.field(
                        &subject,
                        Aspect::RustName,
                        variants_a.get(i).cloned(),
                        variants_b.get(j).cloned(),
                        true,
                    );
                }
            }
        }
        for (value, _) in vb {
            if !va.iter().any(|(v, _)| v == value) {
                let subject = Subject::Value(key.to_owned(), (*value).to_owned());
                self.record(&subject, Aspect::Added, None, None, false);
            }
        }
        let order = |mine: &[(&str, T)], theirs: &[(&str, T)]| {
            let list: Vec<&str> = mine
                .iter()
                .map(|(v, _)| *v)
                .filter(|v| theirs.iter().any(|(t, _)| t == v))
                .collect();
            Some(list.join(", "))
        };
        let (oa, ob) = (order(va, vb), order(vb, va));
        self.field(
            &Subject::Shape(key.to_owned()),
            Aspect::ValueOrder,
            oa,
            ob,
            false,
        );
    }

    /// Members of a structure or union: added, removed, reordered, renamed, and each compared.
    fn members(
        &mut self,
        s: &Subject,
        key: &str,
        a: &Shape,
        ma: &[Member],
        b: &Shape,
        mb: &[Member],
    ) {
        let fields_a = self.a.names.fields(&a.id).to_vec();
        let fields_b = self.b.names.fields(&b.id).to_vec();
        for (i, x) in ma.iter().enumerate() {
            let subject = Subject::Member(key.to_owned(), x.name.clone());
            match mb.iter().position(|y| y.name == x.name) {
                None => {
                    let detail = Some(self.a.type_expr(&x.target));
                    self.record(&subject, Aspect::Removed, detail, None, true);
                }
                Some(j) => {
                    self.member(&subject, x, &mb[j]);
                    self.field(
                        &subject,
                        Aspect::RustName,
                        fields_a.get(i).cloned(),
                        fields_b.get(j).cloned(),
                        true,
                    );
                }
            }
        }
        for y in mb {
            if !ma.iter().any(|x| x.name == y.name) {
                let subject = Subject::Member(key.to_owned(), y.name.clone());
                let detail = format!(
                    "{}{}",
                    self.b.type_expr(&y.target),
                    if y.required { ", required" } else { "" }
                );
                self.record(&subject, Aspect::Added, None, Some(detail), y.required);
            }
        }
        let order = |mine: &[Member], theirs: &[Member]| {
            let list: Vec<&str> = mine
                .iter()
                .filter(|m| theirs.iter().any(|t| t.name == m.name))
                .map(|m| m.name.as_str())
                .collect();
            Some(list.join(", "))
        };
        let (oa, ob) = (order(ma, mb), order(mb, ma));
        self.field(s, Aspect::MemberOrder, oa, ob, false);
    }

    fn member(&mut self, s: &Subject, a: &Member, b: &Member) {
        let (ta, tb) = (self.a.type_expr(&a.target), self.b.type_expr(&b.target));
        if ta != tb {
            self.field(s, Aspect::Type, Some(ta), Some(tb), true);
        } else {
            let (ka, kb) = (self.a.key(&a.target), self.b.key(&b.target));
            self.field(s, Aspect::Target, Some(ka), Some(kb), false);
        }
        self.field(
            s,
            Aspect::Required,
            yes(a.required),
            yes(b.required),
            !a.required && b.required,
        );
        self.docs(s, &a.docs, &b.docs);
        self.field(
            s,
            Aspect::Deprecated,
            deprecation(&a.deprecated),
            deprecation(&b.deprecated),
            false,
        );
        self.field(
            s,
            Aspect::Sensitive,
            yes(a.sensitive),
            yes(b.sensitive),
            false,
        );
        self.field(s, Aspect::Boxed, yes(a.boxed), yes(b.boxed), true);
        self.field(
            s,
            Aspect::IdempotencyToken,
            yes(a.idempotency_token),
            yes(b.idempotency_token),
            false,
        );
        let ts = |m: &Member| m.timestamp_format.map(|f| format!("{f:?}"));
        self.field(s, Aspect::TimestampFormat, ts(a), ts(b), false);
        let (wa, wb) = (&a.wire, &b.wire);
        // Each model's names as its own preferred protocol reads them: botocore writes the
        // name that protocol uses into `locationName`, Smithy keeps `jsonName`/`xmlName` apart.
        let wire = |v: &super::compare::View<'_>, m: &Member| {
            let protocol = v.model.service.preferred_protocol()?;
            m.wire_name_opt(protocol).map(str::to_owned)
        };
        let (na, nb) = (wire(&self.a, a), wire(&self.b, b));
        self.field(s, Aspect::WireName, na, nb, false);
        self.field(
            s,
            Aspect::QueryName,
            wa.query_name.clone(),
            wb.query_name.clone(),
            false,
        );
        self.field(
            s,
            Aspect::Flattened,
            yes(wa.flattened),
            yes(wb.flattened),
            false,
        );
        self.field(
            s,
            Aspect::XmlNamespace,
            namespace(&wa.xml_namespace),
            namespace(&wb.xml_namespace),
            false,
        );
        self.field(
            s,
            Aspect::XmlAttribute,
            yes(wa.xml_attribute),
            yes(wb.xml_attribute),
            false,
        );
        self.field(
            s,
            Aspect::Location,
            a.http.botocore_name().map(str::to_owned),
            b.http.botocore_name().map(str::to_owned),
            false,
        );
        self.field(
            s,
            Aspect::Default,
            a.default.clone(),
            b.default.clone(),
            false,
        );
    }
}

/// What a shape is, for "added"/"removed" lines: `enum, 4 values`, `structure, 2 members`.
fn summary(shape: &Shape) -> String {
    let count = |n: usize, what: &str| format!(", {n} {what}{}", if n == 1 { "" } else { "s" });
    let detail = match &shape.kind {
        ShapeKind::Structure(s) | ShapeKind::Union(s) => count(s.members.len(), "member"),
        ShapeKind::Enum(e) => count(e.values.len(), "value"),
        ShapeKind::IntEnum(e) => count(e.values.len(), "value"),
        _ => String::new(),
    };
    let error = if shape.error.is_some() { " error" } else { "" };
    format!("{}{error}{detail}", shape.kind.describe())
}
