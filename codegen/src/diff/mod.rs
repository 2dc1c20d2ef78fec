//! Model diff: what changes for the generated crate when one model is replaced by another — two
//! versions of one model, or the botocore and Smithy models of one service.
//!
//! Both models are [`prepare`](crate::prepare)d with the same operation selection, so the diff
//! compares exactly what the emitters would see. Shapes are matched by [`ShapeId::name`] (by the
//! whole id where a name is ambiguous within a model), so `Tag` and
//! `com.amazonaws.elasticache#Tag` are the same shape. Every attribute of the IR is compared;
//! each difference is one [`Change`], and the changes that break code written against the
//! crate generated from the first model are marked [`Change::breaking`]:
//!
//! - an operation, a Rust type, a member, an enum value or an operation error removed;
//! - a member retyped (its Rust type differs), newly required, newly boxed, or added as
//!   required;
//! - an error code changed (the error then arrives as another variant or as `Unhandled`);
//! - a Rust name changed (type, field, variant, error variant, operation module).
//!
//! Documentation is compared as the rustdoc Markdown it becomes (so whitespace-only HTML
//! differences do not count) and reported as a count. [`render()`] gives the text `cargo xtask
//! model-diff` prints: sorted, one line per change.

mod compare;
mod render;
mod shapes;

pub use render::render;

use std::fmt;

use crate::error::{CodegenError, Result};
use crate::ir::{Model, ModelFormat, Selection, ShapeId};

/// The result of comparing model `a` (before) with model `b` (after).
#[derive(Clone, Debug, PartialEq)]
pub struct ModelDiff {
    /// The first model.
    pub a: Side,
    /// The second model.
    pub b: Side,
    /// The operations compared (`None`: all).
    pub operations: Option<Vec<String>>,
    /// Every change, sorted by subject, then aspect.
    pub changes: Vec<Change>,
}

impl ModelDiff {
    /// The changes that are not documentation changes.
    pub fn structural(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(|c| c.aspect != Aspect::Docs)
    }

    /// Whether `subject` has a change of `aspect`.
    pub fn has(&self, subject: &Subject, aspect: &Aspect) -> bool {
        self.changes
            .iter()
            .any(|c| &c.subject == subject && &c.aspect == aspect)
    }
}

/// One of the two models.
#[derive(Clone, Debug, PartialEq)]
pub struct Side {
    /// The model file.
    pub source: String,
    /// Its format.
    pub format: ModelFormat,
    /// Operations compared.
    pub operations: usize,
    /// Shapes they reach.
    pub shapes: usize,
}

/// What a change is about. Shapes are named by their match key: the shape name, or the whole
/// id when the name is ambiguous in a model.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Subject {
    /// Service metadata.
    Service,
    /// An operation, by name.
    Operation(String),
    /// A shape.
    Shape(String),
    /// A member of a structure or union, or `member`/`key`/`value` of a list or map.
    Member(String, String),
    /// A value of an enum (by wire value) or int enum (by name).
    Value(String, String),
}

impl Subject {
    /// Sort key: service, operations, then each shape followed by its members and values.
    fn sort_key(&self) -> (u8, &str, u8, &str) {
        match self {
            Subject::Service => (0, "", 0, ""),
            Subject::Operation(op) => (1, op, 0, ""),
            Subject::Shape(s) => (2, s, 0, ""),
            Subject::Member(s, m) => (2, s, 1, m),
            Subject::Value(s, v) => (2, s, 2, v),
        }
    }
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::Service => f.write_str("service"),
            Subject::Operation(op) => write!(f, "operation {op}"),
            Subject::Shape(s) => write!(f, "shape {s}"),
            Subject::Member(s, m) => write!(f, "member {s}.{m}"),
            Subject::Value(s, v) => write!(f, "value {s}.{v:?}"),
        }
    }
}

/// Which attribute of a subject changed.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Aspect {
    /// Only in the second model.
    Added,
    /// Only in the first model.
    Removed,
    /// Documentation (of the subject itself), compared as Markdown.
    Docs,
    /// The Rust name generated for the subject (type, field, variant, operation module).
    RustName,
    /// Service API version.
    ApiVersion,
    /// Service protocols.
    Protocols,
    /// Service awsJson version.
    JsonVersion,
    /// Service awsJson target prefix.
    TargetPrefix,
    /// Service endpoint prefix.
    EndpointPrefix,
    /// Service SigV4 signing name.
    SigningName,
    /// Service signature version.
    SignatureVersion,
    /// Service SDK id.
    ServiceId,
    /// Service full name.
    FullName,
    /// Service abbreviation.
    Abbreviation,
    /// Service model uid (API reference links).
    Uid,
    /// XML namespace (service, or a member's).
    XmlNamespace,
    /// Operation input shape.
    Input,
    /// Operation output shape.
    Output,
    /// Operation awsQuery result wrapper.
    ResultWrapper,
    /// Operation HTTP method, URI or status.
    Http,
    /// Operation idempotency.
    Idempotent,
    /// Operation host prefix.
    HostPrefix,
    /// Operation request compression.
    RequestCompression,
    /// An error added to an operation (by shape key).
    ErrorAdded(String),
    /// An error removed from an operation (by shape key).
    ErrorRemoved(String),
    /// The Rust variant of an operation error (by shape key) was renamed.
    ErrorVariant(String),
    /// The order of an operation's errors (those in both models).
    ErrorOrder,
    /// Deprecation (operation, shape, member).
    Deprecated,
    /// Sensitivity (shape, member).
    Sensitive,
    /// Shape kind (`string` → `enum`, …).
    Kind,
    /// Whether the shape is an error.
    Error,
    /// Error code.
    ErrorCode,
    /// Error HTTP status.
    ErrorStatus,
    /// Error fault (client or server).
    ErrorFault,
    /// Minimum length or value.
    Min,
    /// Maximum length or value.
    Max,
    /// Pattern.
    Pattern,
    /// Why the generator cannot generate the shape.
    Unsupported,
    /// Order of a structure's members (those in both models).
    MemberOrder,
    /// Order of an enum's values (those in both models).
    ValueOrder,
    /// A member's type as Rust sees it (`string`, `list<Tag>`, `Snapshot`).
    Type,
    /// A member's target shape, where the type stays the same.
    Target,
    /// Whether a member is required.
    Required,
    /// Whether a member is boxed.
    Boxed,
    /// Whether a member is an idempotency token.
    IdempotencyToken,
    /// A member's timestamp format.
    TimestampFormat,
    /// A member's wire name (`locationName`, `xmlName`, `jsonName`).
    WireName,
    /// A member's ec2Query name.
    QueryName,
    /// Whether a list or map member is flattened.
    Flattened,
    /// Whether a member is an XML attribute.
    XmlAttribute,
    /// A member's REST location.
    Location,
    /// A member's default value.
    Default,
    /// An int enum value's number.
    IntValue,
}

/// One difference between the models.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    /// What changed.
    pub subject: Subject,
    /// Which attribute.
    pub aspect: Aspect,
    /// The value in the first model, as text (`None`: absent).
    pub a: Option<String>,
    /// The value in the second model, as text.
    pub b: Option<String>,
    /// Whether code written against the first crate may not compile, or behaves differently,
    /// with the second.
    pub breaking: bool,
}

/// Compares `a` with `b` (whole models as loaded), both restricted to `selection`.
///
/// With a list of operations, each model is restricted to those it has, so an operation only
/// one model has is reported as added or removed; a name neither model has is an error.
pub fn diff(a: &Model, b: &Model, selection: &Selection) -> Result<ModelDiff> {
    let (sel_a, sel_b, operations) = match selection {
        Selection::All => (Selection::All, Selection::All, None),
        Selection::Operations(names) => {
            let unknown: Vec<&String> = names
                .iter()
                .filter(|n| a.operation(n).is_none() && b.operation(n).is_none())
                .collect();
            if !unknown.is_empty() {
                return Err(CodegenError::Config {
                    file: format!("{} and {}", a.source, b.source),
                    message: format!(
                        "neither model has an operation named {}",
                        unknown
                            .iter()
                            .map(|n| format!("`{n}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                });
            }
            let keep = |m: &Model| {
                Selection::Operations(
                    names
                        .iter()
                        .filter(|n| m.operation(n).is_some())
                        .cloned()
                        .collect(),
                )
            };
            (keep(a), keep(b), Some(names.clone()))
        }
    };
    let a = crate::prepare(a, &sel_a)?;
    let b = crate::prepare(b, &sel_b)?;
    Ok(diff_prepared(&a, &b, operations))
}

/// Compares two already [`prepare`](crate::prepare)d models. `operations` only labels the
/// report.
pub fn diff_prepared(a: &Model, b: &Model, operations: Option<Vec<String>>) -> ModelDiff {
    let mut changes = compare::compare(a, b);
    changes.sort_by(|x, y| {
        (x.subject.sort_key(), &x.aspect, &x.a, &x.b).cmp(&(
            y.subject.sort_key(),
            &y.aspect,
            &y.a,
            &y.b,
        ))
    });
    changes.dedup();
    let side = |m: &Model| Side {
        source: m.source.clone(),
        format: m.format,
        operations: m.operations.len(),
        shapes: m.shapes.len(),
    };
    ModelDiff {
        a: side(a),
        b: side(b),
        operations,
        changes,
    }
}

/// The key shapes are matched by in `model`: each id's name, or the whole id where two shapes
/// share a name.
pub fn shape_keys(model: &Model) -> std::collections::BTreeMap<ShapeId, String> {
    let mut count: std::collections::BTreeMap<&str, usize> = Default::default();
    for id in model.shapes.keys() {
        *count.entry(id.name()).or_default() += 1;
    }
    model
        .shapes
        .keys()
        .map(|id| {
            let key = if count[id.name()] == 1 {
                id.name().to_owned()
            } else {
                id.as_str().to_owned()
            };
            (id.clone(), key)
        })
        .collect()
}
