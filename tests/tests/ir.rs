//! IR snapshots: the lowered and selected shape graph of each operation the project targets,
//! and of every fixture model. Cheap to review, and they catch lowering bugs before they turn
//! into code diffs.

use awsgen_codegen::ir::{self, Selection};
use awsgen_tests::load;

fn selected(rel: &str, op: &str) -> String {
    let model = load(rel);
    let mut selected = ir::select_operations(&model, &Selection::Operations(vec![op.to_owned()]))
        .unwrap_or_else(|e| panic!("{e}"));
    ir::box_recursive_members(&mut selected);
    ir::dump(&selected)
}

#[test]
fn elasticache_copy_snapshot() {
    insta::assert_snapshot!(selected(
        "models/botocore/elasticache/2015-02-02/service-2.json",
        "CopySnapshot"
    ));
}

#[test]
fn memorydb_copy_snapshot() {
    insta::assert_snapshot!(selected(
        "models/botocore/memorydb/2021-01-01/service-2.json",
        "CopySnapshot"
    ));
}

#[test]
fn fixture_models() {
    insta::glob!("../../models/fixtures", "*.json", |path| {
        if !awsgen_tests::is_model_file(&path.to_string_lossy()) {
            return;
        }
        let name = path
            .file_name()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let mut model = load(&format!("models/fixtures/{name}"));
        ir::box_recursive_members(&mut model);
        insta::assert_snapshot!("ir", ir::dump(&model));
    });
}

/// botocore merges a target shape's serialization keys under a member's own: the list shape
/// `PendingLogDeliveryConfigurationList` carries `locationName:
/// PendingLogDeliveryConfiguration`, so both members that target it are read from
/// `<PendingLogDeliveryConfiguration>` (wire-facts §2), while members with their own
/// `locationName` keep it.
#[test]
fn shape_level_location_names_merge_into_members() {
    let model = load("models/botocore/elasticache/2015-02-02/service-2.json");
    for holder in [
        "PendingModifiedValues",
        "ReplicationGroupPendingModifiedValues",
    ] {
        let shape = model.shape(&ir::ShapeId::new(holder));
        let ir::ShapeKind::Structure(s) = &shape.kind else {
            panic!("{holder} is a structure");
        };
        let member = s
            .members
            .iter()
            .find(|m| m.name == "LogDeliveryConfigurations")
            .expect("member");
        assert_eq!(
            member.wire.location_name.as_deref(),
            Some("PendingLogDeliveryConfiguration"),
            "{holder}"
        );
    }
    let tags = model.shape(&ir::ShapeId::new("TagList"));
    let ir::ShapeKind::List(list) = &tags.kind else {
        panic!("TagList is a list");
    };
    assert_eq!(list.member.wire.location_name.as_deref(), Some("Tag"));
}
