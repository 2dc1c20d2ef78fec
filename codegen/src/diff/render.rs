//! The text of a model diff, as `cargo xtask model-diff` prints it: a header naming both
//! models, one line per change sorted by subject (service, operations, then each shape with its
//! members and values), `BREAKING` in the first column where code written against the first
//! crate breaks, then documentation changes as counts and a summary line.

use std::fmt::Write as _;

use super::{Aspect, Change, ModelDiff, Subject};

/// Width of the marker column.
const MARKER: &str = "BREAKING  ";

/// Renders `diff` as text (ends with a newline).
pub fn render(diff: &ModelDiff) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "model diff");
    for (label, side) in [("A", &diff.a), ("B", &diff.b)] {
        let _ = writeln!(
            out,
            "  {label}: {} ({:?}, {} operations, {} shapes)",
            side.source, side.format, side.operations, side.shapes
        );
    }
    let _ = writeln!(
        out,
        "  operations: {}",
        diff.operations
            .as_ref()
            .map_or("all".to_owned(), |ops| ops.join(", "))
    );
    out.push('\n');

    let mut structural = 0;
    let mut breaking = 0;
    for change in diff.structural() {
        structural += 1;
        breaking += usize::from(change.breaking);
        let marker = if change.breaking {
            MARKER
        } else {
            "          "
        };
        let _ = writeln!(out, "{marker}{}: {}", change.subject, describe(change));
    }
    if structural == 0 {
        out.push_str("no changes other than documentation\n");
    }

    let docs: Vec<&Change> = diff
        .changes
        .iter()
        .filter(|c| c.aspect == Aspect::Docs)
        .collect();
    let count = |f: fn(&Subject) -> bool| docs.iter().filter(|c| f(&c.subject)).count();
    let _ = writeln!(
        out,
        "\ndocumentation: {} changed (service {}, operations {}, shapes {}, members {}, enum values {})",
        docs.len(),
        count(|s| matches!(s, Subject::Service)),
        count(|s| matches!(s, Subject::Operation(_))),
        count(|s| matches!(s, Subject::Shape(_))),
        count(|s| matches!(s, Subject::Member(..))),
        count(|s| matches!(s, Subject::Value(..))),
    );
    let _ = writeln!(
        out,
        "summary: {structural} change{} ({breaking} breaking), {} documentation change{}",
        if structural == 1 { "" } else { "s" },
        docs.len(),
        if docs.len() == 1 { "" } else { "s" },
    );
    out
}

/// The part of a change's line after the subject.
fn describe(change: &Change) -> String {
    let value = |v: &Option<String>| match v {
        None => "none".to_owned(),
        Some(v) if v.is_empty() || change.aspect == Aspect::Pattern => format!("{v:?}"),
        Some(v) => v.clone(),
    };
    let detail = |v: &Option<String>| v.as_ref().map_or(String::new(), |d| format!(" ({d})"));
    match &change.aspect {
        Aspect::Added => format!("added{}", detail(&change.b)),
        Aspect::Removed => format!("removed{}", detail(&change.a)),
        Aspect::ErrorAdded(e) => format!("error {e} added"),
        Aspect::ErrorRemoved(e) => format!("error {e} removed"),
        Aspect::ErrorOrder | Aspect::MemberOrder | Aspect::ValueOrder => {
            // The lists can be long; the count says enough to go and look.
            let n = change.a.as_deref().map_or(0, |l| l.split(", ").count());
            let what = match change.aspect {
                Aspect::ErrorOrder => "errors",
                Aspect::MemberOrder => "members",
                _ => "values",
            };
            format!("{} changed ({n} {what} in both)", label(&change.aspect))
        }
        Aspect::ErrorVariant(e) => format!(
            "error {e}: Rust variant {} -> {}",
            value(&change.a),
            value(&change.b)
        ),
        aspect => format!(
            "{}: {} -> {}",
            label(aspect),
            value(&change.a),
            value(&change.b)
        ),
    }
}

fn label(aspect: &Aspect) -> &'static str {
    match aspect {
        Aspect::Added => "added",
        Aspect::Removed => "removed",
        Aspect::Docs => "documentation",
        Aspect::RustName => "Rust name",
        Aspect::ApiVersion => "API version",
        Aspect::Protocols => "protocols",
        Aspect::JsonVersion => "JSON version",
        Aspect::TargetPrefix => "target prefix",
        Aspect::EndpointPrefix => "endpoint prefix",
        Aspect::SigningName => "signing name",
        Aspect::SignatureVersion => "signature version",
        Aspect::ServiceId => "service id",
        Aspect::FullName => "full name",
        Aspect::Abbreviation => "abbreviation",
        Aspect::Uid => "uid (API reference links)",
        Aspect::XmlNamespace => "XML namespace",
        Aspect::Input => "input shape",
        Aspect::Output => "output shape",
        Aspect::ResultWrapper => "result wrapper",
        Aspect::Http => "HTTP binding",
        Aspect::Idempotent => "idempotent",
        Aspect::HostPrefix => "host prefix",
        Aspect::RequestCompression => "request compression",
        Aspect::ErrorAdded(_) => "error added",
        Aspect::ErrorRemoved(_) => "error removed",
        Aspect::ErrorVariant(_) => "error variant",
        Aspect::ErrorOrder => "error order",
        Aspect::Deprecated => "deprecated",
        Aspect::Sensitive => "sensitive",
        Aspect::Kind => "kind",
        Aspect::Error => "error",
        Aspect::ErrorCode => "error code",
        Aspect::ErrorStatus => "HTTP status",
        Aspect::ErrorFault => "fault",
        Aspect::Min => "min",
        Aspect::Max => "max",
        Aspect::Pattern => "pattern",
        Aspect::Unsupported => "unsupported",
        Aspect::MemberOrder => "member order",
        Aspect::ValueOrder => "value order",
        Aspect::Type => "type",
        Aspect::Target => "target shape (same type)",
        Aspect::Required => "required",
        Aspect::Boxed => "boxed",
        Aspect::IdempotencyToken => "idempotency token",
        Aspect::TimestampFormat => "timestamp format",
        Aspect::WireName => "wire name",
        Aspect::QueryName => "query name",
        Aspect::Flattened => "flattened",
        Aspect::XmlAttribute => "XML attribute",
        Aspect::Location => "location",
        Aspect::Default => "default",
        Aspect::IntValue => "value",
    }
}
