//! Unit tests of the awsQuery emitter's naming rules and plan, on a small model that has the
//! cases where botocore and the Smithy tests disagree.

use super::{Plan, de, fn_name, ser};
use crate::emit::Service;
use crate::ir::{Protocol, ShapeId, ShapeKind};

const MODEL: &str = r#"{
  "version": "2.0",
  "metadata": {"apiVersion": "2020-01-08", "protocol": "query", "protocols": ["query"]},
  "operations": {
    "Op": {"name": "Op", "http": {"method": "POST", "requestUri": "/"},
           "input": {"shape": "In"}, "output": {"shape": "Out"}}
  },
  "shapes": {
    "In": {"type": "structure", "members": {
      "Plain": {"shape": "Items"},
      "Flat": {"shape": "Items", "flattened": true},
      "FlatRenamed": {"shape": "Items", "flattened": true, "locationName": "Hi"},
      "FlatNamedItems": {"shape": "Named", "flattened": true}
    }},
    "Out": {"type": "structure", "members": {
      "FlatOnly": {"shape": "Named", "flattened": true},
      "FlatMap": {"shape": "Map", "flattened": true}
    }},
    "Items": {"type": "list", "member": {"shape": "S"}},
    "Named": {"type": "list", "member": {"shape": "S", "locationName": "item"}},
    "Map": {"type": "map", "key": {"shape": "S"}, "value": {"shape": "S"}},
    "S": {"type": "string"}
  }
}"#;

fn with_plan(f: impl FnOnce(&Plan<'_, '_>)) {
    let model = crate::model::load("test.json", MODEL.as_bytes()).expect("the model loads");
    let svc = Service::new(&model, "svc", Protocol::Query, "test-crate");
    let plan = Plan::new(&svc);
    f(&plan);
}

fn members(plan: &Plan<'_, '_>, id: &str) -> Vec<crate::ir::Member> {
    match &plan.svc.model.shape(&ShapeId::new(id)).kind {
        ShapeKind::Structure(s) => s.members.clone(),
        _ => unreachable!(),
    }
}

#[test]
fn keys_of_flattened_lists() {
    with_plan(|plan| {
        let keys: Vec<String> = members(plan, "In")
            .iter()
            .map(|m| ser::member_key(plan, m))
            .collect();
        // Member name; member name; the member's locationName (Smithy's
        // QueryFlattenedListArgWithXmlName); the list member's locationName (botocore's
        // legacy "Flattened list").
        assert_eq!(keys, ["Plain", "Flat", "Hi", "item"]);
    });
}

#[test]
fn elements_of_flattened_lists_accept_both_names() {
    with_plan(|plan| {
        let names: Vec<String> = de::element_names(plan, &members(plan, "Out"), false)
            .into_iter()
            .map(|(name, _, _)| name)
            .collect();
        assert_eq!(names, ["FlatOnly", "FlatMap", "item"]);
    });
}

#[test]
fn flattened_collections_get_no_container_parser() {
    with_plan(|plan| {
        let named = ShapeId::new("Named");
        let map = ShapeId::new("Map");
        assert!(!plan.layout.de.contains(&named));
        assert!(!plan.layout.de.contains(&map));
        assert!(plan.layout.de_entries.contains(&map));
        assert!(plan.layout.ser.contains(&named));
        assert!(plan.layout.ser.contains(&ShapeId::new("Items")));
    });
}

#[test]
fn names_and_paths() {
    assert_eq!(fn_name("ser", "type_", "_input"), "ser_type_input");
    assert_eq!(fn_name("de", "snapshot", ""), "de_snapshot");
    assert_eq!(ser::encode_key("Tags.Tag"), "Tags.Tag");
    assert_eq!(ser::encode_key("a b/c~"), "a+b%2Fc~");
    assert!(ser::is_plain_path("/"));
    assert!(ser::is_plain_path("/service/op"));
    assert!(!ser::is_plain_path("/{Bucket}"));
    assert!(!ser::is_plain_path("relative"));
}

#[test]
fn the_layout_is_planned_once_per_service() {
    let model = crate::model::load("test.json", MODEL.as_bytes()).expect("the model loads");
    let svc = Service::new(&model, "svc", Protocol::Query, "test-crate");
    // Every operation's code and the module's files build a `Plan`; all of them must read the
    // one layout the service keeps, not plan the service again.
    let first = Plan::new(&svc);
    let second = Plan::new(&svc);
    assert!(std::ptr::eq(first.layout, second.layout));
    assert!(std::ptr::eq(first.layout, svc.query_layout()));
}
