//! Error-message pass: gives every error structure a `message` member, so that a botocore model
//! and a Smithy model of one service generate the same error structs.
//!
//! Smithy models give every error a `message` member; botocore models drop it from most of them
//! (only the shared `InvalidParameterValueException`-style errors keep theirs). Every AWS error
//! response carries a message all the same (`<Message>` in awsQuery, `message`/`Message` in
//! awsJson), so the pass adds `message: String` to each error structure that has no member named
//! `message` or `Message`. The synthetic member is an ordinary, optional, undocumented member
//! with the wire name `message`; protocol parsers fill it from the error body like any other
//! member (and, as for every error, the envelope's message also fills `ErrorMetadata.message`).
//!
//! Its target is the model's own unconstrained `String` shape when there is one (every AWS model
//! has it), else the Smithy prelude's `smithy.api#String`, which the pass adds. Running the pass
//! twice changes nothing.

use super::{Member, Model, Scalar, Shape, ShapeId, ShapeKind, WireNames};

/// Name (and wire name) of the member the pass adds.
pub const MESSAGE: &str = "message";

/// Adds a `message: String` member to every error structure of `model` that has none.
pub fn add_error_messages(model: &mut Model) {
    let needs: Vec<ShapeId> = model
        .shapes
        .values()
        .filter(|s| s.error.is_some())
        .filter(|s| match &s.kind {
            ShapeKind::Structure(st) => !st
                .members
                .iter()
                .any(|m| m.name.eq_ignore_ascii_case(MESSAGE)),
            _ => false,
        })
        .map(|s| s.id.clone())
        .collect();
    if needs.is_empty() {
        return;
    }
    let target = string_target(model);
    for id in needs {
        if let Some(Shape {
            kind: ShapeKind::Structure(st),
            ..
        }) = model.shapes.get_mut(&id)
        {
            st.members.push(Member {
                name: MESSAGE.to_owned(),
                target: target.clone(),
                docs: None,
                required: false,
                deprecated: None,
                sensitive: false,
                boxed: false,
                idempotency_token: false,
                timestamp_format: None,
                wire: WireNames::default(),
                http: crate::ir::HttpLocation::Body,
                media_type: None,
                default: None,
                event: None,
                lenient: false,
            });
        }
    }
}

/// The plain string shape the synthetic members target, added to the model if needed.
fn string_target(model: &mut Model) -> ShapeId {
    let plain = |s: &Shape| {
        s.kind == ShapeKind::Scalar(Scalar::String)
            && s.constraints.is_empty()
            && !s.sensitive
            && s.deprecated.is_none()
    };
    if let Some(s) = model
        .shapes
        .values()
        .find(|s| s.id.name() == "String" && plain(s))
    {
        return s.id.clone();
    }
    let id = ShapeId::new("smithy.api#String");
    model
        .shapes
        .entry(id.clone())
        .or_insert_with(|| Shape::plain(id.clone(), ShapeKind::Scalar(Scalar::String)));
    id
}
