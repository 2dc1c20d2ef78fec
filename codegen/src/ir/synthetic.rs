//! Synthetic input and output structures for operations the model gives none, made once at
//! lowering so that every operation of the IR has both and emitters never invent shapes.

use std::collections::BTreeMap;

use super::{Operation, Shape, ShapeId, ShapeKind, Structure};

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
            shapes.entry(id.clone()).or_insert_with(|| Shape {
                id: id.clone(),
                kind: ShapeKind::Structure(Structure::default()),
                docs: None,
                deprecated: None,
                sensitive: false,
                error: None,
                constraints: Default::default(),
                unsupported: None,
                xml_name: None,
                xml_namespace: None,
                event_stream: None,
                streaming: false,
            });
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

    #[test]
    fn lowering_gives_every_operation_an_input_and_an_output() {
        let json = r#"{
          "version": "2.0",
          "metadata": {"apiVersion": "2020-01-08", "protocol": "query", "protocols": ["query"]},
          "operations": {
            "Ping": {"name": "Ping", "http": {"method": "POST", "requestUri": "/"}},
            "Get": {"name": "Get", "http": {"method": "POST", "requestUri": "/"},
                    "input": {"shape": "GetInput"}}
          },
          "shapes": {"GetInput": {"type": "structure", "members": {}}}
        }"#;
        let model = crate::model::load("test.json", json.as_bytes()).expect("the model loads");
        let ping = model.operation("Ping").expect("Ping is lowered");
        assert_eq!(ping.input, ShapeId::synthetic("Ping", "Input"));
        assert_eq!(ping.output, ShapeId::synthetic("Ping", "Output"));
        assert_eq!(ping.modeled_input(), None);
        let get = model.operation("Get").expect("Get is lowered");
        // A modeled `GetInput` and the synthetic `GetOutput` beside it.
        assert_eq!(get.modeled_input(), Some(&ShapeId::new("GetInput")));
        assert!(get.output.is_synthetic());
        for id in [&ping.input, &ping.output, &get.output] {
            match &model.shape(id).kind {
                ShapeKind::Structure(s) => assert!(s.members.is_empty()),
                other => panic!("`{id}` is a {other:?}"),
            }
        }
    }
}
