//! Leaving out operations the generator cannot produce yet (an event stream in their input or
//! output, a shape of an unknown type, a collection that contains itself), so that one such
//! operation does not stop the rest of its service from generating. Each is recorded with the
//! reason in [`Service::left_out`](super::Service::left_out), which the generated docs list.

use std::collections::BTreeSet;

use super::select::{closure, collection_cycles};
use super::{Model, Operation};
use crate::error::{Location, Problem};

/// An operation left out of generation, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeftOut {
    /// The operation's model name.
    pub operation: String,
    /// Every problem of its shape closure, each naming the shape.
    pub reason: String,
}

/// The operations of `model` whose shape closure holds something the generator cannot produce,
/// each with the reason, in operation order.
pub fn unsupported_operations(model: &Model) -> Vec<LeftOut> {
    // Most models have no unsupported shape at all: then no closure needs computing.
    if !model.shapes.values().any(|s| s.unsupported.is_some()) && !has_cycle(model) {
        return Vec::new();
    }
    model
        .operations
        .iter()
        .filter_map(|op| {
            let problems = problems(model, op);
            (!problems.is_empty()).then(|| LeftOut {
                operation: op.name.clone(),
                reason: problems
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; "),
            })
        })
        .collect()
}

/// `model` without the operations it cannot produce, which are recorded in
/// `service.left_out`. When every operation would be left out, the model is returned unchanged
/// (the selection then reports every problem).
pub fn leave_out_unsupported(model: &Model) -> Model {
    let left_out = unsupported_operations(model);
    let mut model = model.clone();
    if left_out.is_empty() || left_out.len() == model.operations.len() {
        return model;
    }
    let names: BTreeSet<&str> = left_out.iter().map(|l| l.operation.as_str()).collect();
    model
        .operations
        .retain(|op| !names.contains(op.name.as_str()));
    model.service.left_out = left_out;
    model
}

fn problems(model: &Model, op: &Operation) -> Vec<Problem> {
    let roots = [&op.input, &op.output].into_iter().chain(op.errors.iter());
    let reached = closure(model, roots);
    let mut problems: Vec<Problem> = reached
        .iter()
        .filter_map(|id| {
            model
                .shape(id)
                .unsupported
                .as_ref()
                .map(|why| Problem::new(Location::Shape(id.to_string()), why.clone()))
        })
        .collect();
    problems.extend(collection_cycles(model, &reached));
    problems
}

fn has_cycle(model: &Model) -> bool {
    let all: BTreeSet<_> = model.shapes.keys().cloned().collect();
    !collection_cycles(model, &all).is_empty()
}
