//! IR snapshots of the Smithy front end: the `CopySnapshot` closures of both vendored Smithy
//! models (checked against `closure.py`), and every Smithy fixture model.

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
    insta::assert_snapshot!(selected("models/smithy/elasticache.json", "CopySnapshot"));
}

#[test]
fn memorydb_copy_snapshot() {
    insta::assert_snapshot!(selected("models/smithy/memorydb.json", "CopySnapshot"));
}
