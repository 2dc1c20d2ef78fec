//! A stable, line-oriented text rendering of the IR, for snapshots and reviews: one line per
//! shape, member and operation, everything the emitters read, documentation summarized by
//! length so that wording changes do not drown structural ones.

use std::fmt::Write as _;

use super::{Member, Model, Shape, ShapeKind};

/// Renders `model`.
pub fn dump(model: &Model) -> String {
    let mut out = String::new();
    let s = &model.service;
    let _ = writeln!(out, "model {} ({:?})", model.source, model.format);
    let _ = writeln!(
        out,
        "service api_version={} protocols=[{}] json_version={} target_prefix={} endpoint_prefix={} signing_name={} service_id={} full_name={} uid={} xml_namespace={} docs={}",
        s.api_version,
        s.protocols
            .iter()
            .map(|p| p.botocore_name())
            .collect::<Vec<_>>()
            .join(", "),
        opt(&s.json_version),
        opt(&s.target_prefix),
        opt(&s.endpoint_prefix),
        opt(&s.signing_name),
        opt(&s.service_id),
        opt(&s.full_name),
        opt(&s.uid),
        opt(&s.xml_namespace),
        docs(&s.docs),
    );
    for op in &model.operations {
        let _ = writeln!(
            out,
            "operation {} {} {} input={} output={} result_wrapper={} docs={}{}{}",
            op.name,
            op.http.method,
            op.http.request_uri,
            op.modeled_input().map_or("-", |i| i.as_str()),
            op.modeled_output().map_or("-", |o| o.as_str()),
            opt(&op.result_wrapper),
            docs(&op.docs),
            if op.idempotent { " idempotent" } else { "" },
            op.deprecated.as_ref().map_or("", |_| " deprecated"),
        );
        for e in &op.errors {
            let _ = writeln!(out, "  error {e}");
        }
        if let Some(p) = &op.paginator {
            let paths = |list: &[Vec<String>]| {
                list.iter()
                    .map(|p| p.join("."))
                    .collect::<Vec<_>>()
                    .join(",")
            };
            let _ = writeln!(
                out,
                "  paginator input_tokens={} output_tokens={} limit_key={} result_keys={} more_results={}",
                p.input_tokens.join(","),
                p.output_tokens
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(","),
                opt(&p.limit_key),
                paths(&p.result_keys),
                p.more_results
                    .as_ref()
                    .map_or("-".to_owned(), |m| m.join(".")),
            );
        }
    }
    for shape in model.shapes.values() {
        shape_lines(&mut out, shape);
    }
    out
}

fn shape_lines(out: &mut String, shape: &Shape) {
    let _ = write!(out, "shape {} {}", shape.id, shape.kind.describe());
    let c = &shape.constraints;
    if let Some(min) = &c.min {
        let _ = write!(out, " min={min}");
    }
    if let Some(max) = &c.max {
        let _ = write!(out, " max={max}");
    }
    if let Some(p) = &c.pattern {
        let _ = write!(out, " pattern={p:?}");
    }
    if shape.sensitive {
        out.push_str(" sensitive");
    }
    if shape.deprecated.is_some() {
        out.push_str(" deprecated");
    }
    if let Some(why) = &shape.unsupported {
        let _ = write!(out, " unsupported({why})");
    }
    if shape.streaming {
        out.push_str(" streaming");
    }
    if let Some(stream) = &shape.event_stream {
        let exceptions: Vec<&str> = stream.exceptions.iter().map(|m| m.name.as_str()).collect();
        let _ = write!(out, " event-stream(exceptions=[{}])", exceptions.join(","));
    }
    if let Some(e) = &shape.error {
        let _ = write!(
            out,
            " error(code={} status={} {})",
            e.code,
            e.http_status.map_or("-".to_owned(), |s| s.to_string()),
            if e.sender_fault { "client" } else { "server" }
        );
    }
    let _ = writeln!(out, " docs={}", docs(&shape.docs));
    match &shape.kind {
        ShapeKind::Structure(s) | ShapeKind::Union(s) => {
            for m in &s.members {
                member_line(out, "member", m);
            }
        }
        ShapeKind::List(l) => member_line(out, "item", &l.member),
        ShapeKind::Map(m) => {
            member_line(out, "key", &m.key);
            member_line(out, "value", &m.value);
        }
        ShapeKind::Enum(e) => {
            for v in &e.values {
                let _ = writeln!(
                    out,
                    "  value {:?}{}",
                    v.value,
                    v.name
                        .as_ref()
                        .map_or(String::new(), |n| format!(" name={n}"))
                );
            }
        }
        ShapeKind::IntEnum(e) => {
            for (name, value) in &e.values {
                let _ = writeln!(out, "  value {name}={value}");
            }
        }
        ShapeKind::Scalar(_) | ShapeKind::Document => {}
    }
}

fn member_line(out: &mut String, what: &str, m: &Member) {
    let _ = write!(out, "  {what} {} -> {}", m.name, m.target);
    let flags = [
        (m.required, "required"),
        (m.boxed, "boxed"),
        (m.sensitive, "sensitive"),
        (m.deprecated.is_some(), "deprecated"),
        (m.idempotency_token, "idempotency_token"),
        (m.wire.flattened, "flattened"),
        (m.wire.xml_attribute, "xml_attribute"),
    ];
    for (on, name) in flags {
        if on {
            let _ = write!(out, " {name}");
        }
    }
    if let Some(n) = &m.wire.location_name {
        let _ = write!(out, " location_name={n}");
    }
    if let Some(n) = &m.wire.json_name {
        let _ = write!(out, " json_name={n}");
    }
    if let Some(n) = &m.wire.xml_name {
        let _ = write!(out, " xml_name={n}");
    }
    if let Some(n) = &m.wire.query_name {
        let _ = write!(out, " query_name={n}");
    }
    if let Some(ns) = &m.wire.xml_namespace {
        let _ = write!(
            out,
            " xml_namespace={}{}",
            ns.prefix
                .as_deref()
                .map_or(String::new(), |p| format!("{p}:")),
            ns.uri
        );
    }
    if let Some(f) = m.timestamp_format {
        let _ = write!(out, " timestamp_format={f:?}");
    }
    if let Some(l) = m.http.botocore_name() {
        let _ = write!(out, " location={l}");
    }
    if let Some(t) = &m.media_type {
        let _ = write!(out, " media_type={t}");
    }
    if let Some(d) = &m.default {
        let _ = write!(out, " default={d}");
    }
    if let Some(e) = m.event {
        let _ = write!(out, " event={e:?}");
    }
    let _ = writeln!(out, " docs={}", docs(&m.docs));
}

fn opt(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or("-")
}

fn docs(docs: &Option<String>) -> String {
    docs.as_ref()
        .map_or("-".to_owned(), |d| d.len().to_string())
}
