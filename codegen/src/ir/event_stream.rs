//! Event streams in the IR: which ones the generator can produce ([`mark_unsupported`]: output
//! streams of the JSON-family protocols and restXml, whose events are structures with their
//! members in the payload document, or a blob, string or structure `eventpayload` member, and
//! `eventheader` members of the types the framing's headers carry; restJson1 input streams,
//! whose events have no header members), and the exception events moved out of a stream's
//! members into the operation's errors ([`split_exceptions`]).

use std::collections::BTreeSet;

use super::{EventBinding, HttpLocation, Model, Protocol, Scalar, ShapeId, ShapeKind};

/// The protocols whose output event streams are generated.
pub const PROTOCOLS: [Protocol; 4] = [
    Protocol::Json,
    Protocol::RestJson,
    Protocol::RpcV2Cbor,
    Protocol::RestXml,
];

/// Marks every event-stream union of `model` that the generator cannot produce for `protocol`
/// as unsupported, with the reason: the operations that reach one are then left out (lenient
/// generation) or refused (strict).
pub fn mark_unsupported(model: &mut Model, protocol: Protocol) {
    let mut reasons: Vec<(ShapeId, String)> = Vec::new();
    let streams: Vec<ShapeId> = model
        .shapes
        .values()
        .filter(|s| s.event_stream.is_some())
        .map(|s| s.id.clone())
        .collect();
    // Where each stream is used: as a top-level member of an operation's output (fine), of an
    // input (a stream the client sends), or anywhere else.
    let mut outputs = BTreeSet::new();
    let mut inputs = BTreeSet::new();
    for op in &model.operations {
        for (io, set) in [(&op.output, &mut outputs), (&op.input, &mut inputs)] {
            let id = io;
            if let ShapeKind::Structure(s) = &model.shape(id).kind {
                for m in &s.members {
                    if model.shape(&m.target).event_stream.is_some() {
                        set.insert((m.target.clone(), id.clone()));
                    }
                }
            }
        }
    }
    for id in &streams {
        let why = if !PROTOCOLS.contains(&protocol) {
            Some(format!(
                "event streams are not supported with the `{protocol}` protocol yet (json, rest-json, rest-xml and smithy-rpc-v2-cbor only)"
            ))
        } else if let Some((_, input)) = inputs.iter().find(|(s, _)| s == id) {
            if inputs.iter().filter(|(s, _)| s == id).count() > 1
                || outputs.iter().any(|(s, _)| s == id)
            {
                Some("an event stream shared by several operations is not supported yet".to_owned())
            } else {
                input_problem(model, id, input, protocol)
                    .or_else(|| events_problem(model, id, true))
            }
        } else if outputs.iter().filter(|(s, _)| s == id).count() > 1
            || model
                .operations
                .iter()
                .filter(|op| outputs.contains(&(id.clone(), op.output.clone())))
                .count()
                > 1
        {
            Some(
                "an event stream shared by several operation outputs is not supported yet"
                    .to_owned(),
            )
        } else if let Some((_, output)) = outputs.iter().find(|(s, _)| s == id) {
            output_problem(model, output, protocol).or_else(|| events_problem(model, id, false))
        } else {
            Some("an event stream must be a top-level member of an operation output".to_owned())
        };
        if let Some(why) = why {
            reasons.push((id.clone(), why));
        }
    }
    for (id, why) in reasons {
        if let Some(shape) = model.shapes.get_mut(&id) {
            shape.unsupported = Some(why);
        }
    }
}

/// What the output structure holding a stream has that cannot be generated yet: in restJson1
/// and restXml, the stream must be the payload and the other members headers or the status. (In
/// awsJson and RPC v2 CBOR, members besides the stream come in the `initial-response` event,
/// which the generated parser reads into them.)
fn output_problem(model: &Model, output: &ShapeId, protocol: Protocol) -> Option<String> {
    let ShapeKind::Structure(s) = &model.shape(output).kind else {
        return None;
    };
    let streams = s
        .members
        .iter()
        .filter(|m| model.shape(&m.target).event_stream.is_some())
        .count();
    if streams > 1 {
        return Some(format!("output `{output}` has more than one event stream"));
    }
    let rest = matches!(protocol, Protocol::RestJson | Protocol::RestXml);
    let others: Vec<&str> = s
        .members
        .iter()
        .filter(|m| model.shape(&m.target).event_stream.is_none())
        .filter(|m| rest && m.http.is_body())
        .map(|m| m.name.as_str())
        .collect();
    if !others.is_empty() {
        return Some(format!(
            "output `{output}` has members besides its event stream in the body ({}): with \
             `{protocol}` the stream is the whole body",
            others.join(", ")
        ));
    }
    if rest
        && s.members.iter().any(|m| {
            model.shape(&m.target).event_stream.is_some() && m.http != HttpLocation::Payload
        })
    {
        return Some(format!(
            "the event stream of output `{output}` is not its payload"
        ));
    }
    None
}

/// What the input structure `input` holding stream `id` has that cannot be generated yet:
/// input streams are generated for restJson1, where the stream is the request's payload (the
/// other members are bound to the URI, query string and headers); the RPC protocols'
/// `initial-request` event is not written yet.
fn input_problem(
    model: &Model,
    id: &ShapeId,
    input: &ShapeId,
    protocol: Protocol,
) -> Option<String> {
    if protocol != Protocol::RestJson {
        return Some(format!(
            "input event streams are supported with the rest-json protocol only (`{protocol}` \
             sends the other input members in an `initial-request` event, not written yet)"
        ));
    }
    let ShapeKind::Structure(s) = &model.shape(input).kind else {
        return None;
    };
    match s.members.iter().find(|m| &m.target == id) {
        Some(m) if m.http == HttpLocation::Payload => None,
        _ => Some(format!(
            "the event stream of input `{input}` is not its payload"
        )),
    }
}

/// Why the events of stream `id` cannot be generated yet, if they cannot. Received events
/// (`input` false) may have header members and a structure payload; sent ones not yet.
fn events_problem(model: &Model, id: &ShapeId, input: bool) -> Option<String> {
    let ShapeKind::Union(u) = &model.shape(id).kind else {
        return Some("an event stream must be a union of event structures".to_owned());
    };
    for m in &u.members {
        let target = model.shape(&m.target);
        let ShapeKind::Structure(event) = &target.kind else {
            return Some(format!(
                "event `{}` is a {}, not a structure",
                m.name,
                target.kind.describe()
            ));
        };
        if target.error.is_some() {
            continue;
        }
        for member in &event.members {
            match member.event {
                None => {}
                Some(EventBinding::Header) if input => {
                    return Some(format!(
                        "event `{}`: header members (`{}`) of sent events are not supported yet",
                        m.name, member.name
                    ));
                }
                Some(EventBinding::Header) => {
                    let kind = &model.shape(&member.target).kind;
                    if !matches!(
                        kind,
                        ShapeKind::Scalar(
                            Scalar::Boolean
                                | Scalar::Byte
                                | Scalar::Short
                                | Scalar::Integer
                                | Scalar::Long
                                | Scalar::String
                                | Scalar::Blob
                                | Scalar::Timestamp
                        )
                    ) {
                        return Some(format!(
                            "event `{}`: a {} header member (`{}`) is not supported (the \
                             framing's headers carry booleans, integers, strings, bytes and \
                             timestamps)",
                            m.name,
                            kind.describe(),
                            member.name
                        ));
                    }
                }
                Some(EventBinding::Payload) => {
                    let kind = &model.shape(&member.target).kind;
                    let structure = !input && matches!(kind, ShapeKind::Structure(_));
                    if !structure
                        && !matches!(kind, ShapeKind::Scalar(Scalar::Blob | Scalar::String))
                    {
                        return Some(format!(
                            "event `{}`: a {} payload member (`{}`) is not supported yet (blob and string{})",
                            m.name,
                            kind.describe(),
                            member.name,
                            if input {
                                " only in sent events"
                            } else {
                                ", or a structure"
                            }
                        ));
                    }
                }
            }
        }
    }
    None
}

/// Moves the exception events of every event-stream union (members targeting error
/// structures) out of its members into [`super::EventStream::exceptions`], and adds their
/// targets to the errors of the operations whose output carries the stream, so that an
/// exception event becomes the operation's typed error.
pub fn split_exceptions(model: &mut Model) {
    let ids: Vec<ShapeId> = model
        .shapes
        .values()
        .filter(|s| s.event_stream.is_some())
        .map(|s| s.id.clone())
        .collect();
    for id in &ids {
        let errors: BTreeSet<ShapeId> = model
            .shapes
            .values()
            .filter(|s| s.error.is_some())
            .map(|s| s.id.clone())
            .collect();
        let Some(shape) = model.shapes.get_mut(id) else {
            continue;
        };
        let (ShapeKind::Union(u), Some(stream)) = (&mut shape.kind, &mut shape.event_stream) else {
            continue;
        };
        let (exceptions, events) = std::mem::take(&mut u.members)
            .into_iter()
            .partition(|m| errors.contains(&m.target));
        u.members = events;
        stream.exceptions = exceptions;
    }
    let mut additions: Vec<(usize, Vec<ShapeId>)> = Vec::new();
    for (i, op) in model.operations.iter().enumerate() {
        let output = &op.output;
        let ShapeKind::Structure(s) = &model.shape(output).kind else {
            continue;
        };
        let mut add = Vec::new();
        for m in &s.members {
            if let Some(stream) = &model.shape(&m.target).event_stream {
                for e in &stream.exceptions {
                    if !op.errors.contains(&e.target) && !add.contains(&e.target) {
                        add.push(e.target.clone());
                    }
                }
            }
        }
        if !add.is_empty() {
            additions.push((i, add));
        }
    }
    for (i, add) in additions {
        model.operations[i].errors.extend(add);
    }
}
