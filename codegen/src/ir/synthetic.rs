//! Synthetic input and output structures for operations the model gives none, made once at
//! lowering so that every operation of the IR has both and emitters never invent shapes.

use std::collections::BTreeMap;

use super::{Operation, Shape, ShapeId};

/// The Smithy-style namespace of synthetic shape ids: outside every model's namespaces, so a
/// synthetic id never collides with a modeled shape (a model may have its own `FooInput`).
const NAMESPACE: &str = "awsgen.synthetic";

impl ShapeId {
    /// The id of the synthetic `<Op><suffix>` structure (`GetStatusInput`) of operation `op`.
    pub fn synthetic(op: &str, suffix: &str) -> Self {
        Self::new(format!("{NAMESPACE}#{op}{suffix}"))
    }

    /// Whether this is the id of a synthetic input or output structure (no members, nothing
    /// on the wire: the model gave the operation no input or no output).
    pub fn is_synthetic(&self) -> bool {
        self.as_str()
            .strip_prefix(NAMESPACE)
            .is_some_and(|rest| rest.starts_with('#'))
    }
}

impl Operation {
    /// The input structure the model gives, if any (`None` for a synthetic one).
    pub fn modeled_input(&self) -> Option<&ShapeId> {
        (!self.input.is_synthetic()).then_some(&self.input)
    }

    /// The output structure the model gives, if any (`None` for a synthetic one).
    pub fn modeled_output(&self) -> Option<&ShapeId> {
        (!self.output.is_synthetic()).then_some(&self.output)
    }
}

/// The input (`"Input"`) or output id of operation `name`: the model's reference, else the
/// synthetic structure's.
pub fn io_or_synthetic(name: &str, suffix: &str, modeled: Option<ShapeId>) -> ShapeId {
    modeled.unwrap_or_else(|| ShapeId::synthetic(name, suffix))
}

/// Adds the empty structure of every synthetic input and output id of `operations` to
/// `shapes`.
pub fn add_shapes(operations: &[Operation], shapes: &mut BTreeMap<ShapeId, Shape>) {
    for id in operations.iter().flat_map(|op| [&op.input, &op.output]) {
        if id.is_synthetic() {
            shapes
                .entry(id.clone())
                .or_insert_with(|| Shape::empty_structure(id.clone()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_ids_are_marked_and_named_like_the_sdks() {
        let id = ShapeId::synthetic("GetStatus", "Input");
        assert!(id.is_synthetic());
        assert_eq!(id.name(), "GetStatusInput");
        assert!(!ShapeId::new("GetStatusInput").is_synthetic());
        assert!(!ShapeId::new("awsgen.syntheticity#X").is_synthetic());
    }
}
