//! Name stability: every shape, member, enum value and operation name of the vendored models
//! with the Rust name awsgen gives it. A change in naming shows up here as a reviewed diff
//! before it shows up as a breaking change in generated crates.

use std::fmt::Write as _;

use awsgen_codegen::emit::names::Names;
use awsgen_codegen::ir::{self, Selection, ShapeKind};
use awsgen_tests::load;

fn names_of(rel: &str) -> String {
    let model =
        ir::select_operations(&load(rel), &Selection::All).unwrap_or_else(|e| panic!("{e}"));
    let names = Names::new(&model);
    let mut out = String::new();
    for op in &model.operations {
        let n = names.operation(&op.name);
        let _ = writeln!(
            out,
            "operation {} -> operation::{}::{{{}, {}, {}}}",
            op.name, n.module, n.input, n.output, n.error
        );
        for (shape, variant) in &n.error_variants {
            let _ = writeln!(out, "  error {shape} -> {}::{variant}", n.error);
        }
    }
    for (id, shape) in &model.shapes {
        if let Some(t) = names.type_of(id) {
            let _ = writeln!(
                out,
                "shape {id} -> types::{} (types/{}.rs)",
                t.name, t.module
            );
        }
        match &shape.kind {
            ShapeKind::Structure(s) | ShapeKind::Union(s) => {
                for (m, field) in s.members.iter().zip(names.fields(id)) {
                    let _ = writeln!(out, "  member {}.{} -> {field}", id.name(), m.name);
                }
            }
            ShapeKind::Enum(e) => {
                for (v, variant) in e.values.iter().zip(names.variants(id)) {
                    let _ = writeln!(out, "  value {:?} -> {variant}", v.value);
                }
            }
            _ => {}
        }
    }
    out
}

#[test]
fn elasticache_names() {
    insta::assert_snapshot!(names_of(
        "models/botocore/elasticache/2015-02-02/service-2.json"
    ));
}

#[test]
fn memorydb_names() {
    insta::assert_snapshot!(names_of(
        "models/botocore/memorydb/2021-01-01/service-2.json"
    ));
}
