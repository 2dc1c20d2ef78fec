//! `cargo xtask` with Smithy models: a configuration may name a Smithy JSON AST model for any
//! service (next to botocore ones), and `model-diff` compares models of either format.

use std::fs;

use awsgen_codegen::ir::Selection;

#[test]
fn a_config_can_mix_botocore_and_smithy_models() {
    let root = xtask::project_root().join("target/xtask-tests/smithy-config");
    let _ = fs::remove_dir_all(&root);
    fs::create_dir_all(&root).unwrap();
    let fixtures = xtask::project_root().join("models/fixtures");
    for name in ["recursive.json", "smithy-json.json"] {
        fs::copy(fixtures.join(name), root.join(name)).unwrap();
    }
    fs::write(
        root.join("codegen.toml"),
        "[crate]\nname = \"mixed\"\nout = \"out\"\n\n\
         [[service]]\nmodule = \"botocore_side\"\nmodel = \"recursive.json\"\noperations = \"all\"\n\n\
         [[service]]\nmodule = \"smithy_side\"\nmodel = \"smithy-json.json\"\noperations = [\"Describe\"]\n",
    )
    .unwrap();
    xtask::regenerate(&root, false).unwrap_or_else(|e| panic!("{e:#}"));
    xtask::regenerate(&root, true).unwrap_or_else(|e| panic!("{e:#}"));
    let describe = fs::read_to_string(root.join("out/src/smithy_side/operation/describe.rs"))
        .expect("the Smithy service is generated");
    assert!(describe.contains("pub struct DescribeInput"));
    assert!(root.join("out/src/botocore_side/mod.rs").exists());
}

#[test]
fn model_diff_reads_either_format() {
    let root = xtask::project_root();
    let path = |rel: &str| root.join(rel).to_string_lossy().into_owned();
    let text = xtask::model_diff(
        &path("models/botocore/elasticache/2015-02-02/service-2.json"),
        &path("models/smithy/elasticache.json"),
        &Selection::Operations(vec!["CopySnapshot".to_owned()]),
    )
    .unwrap_or_else(|e| panic!("{e:#}"));
    assert!(
        text.contains("(Botocore, 1 operations, 26 shapes)"),
        "{text}"
    );
    assert!(
        text.contains("BREAKING  member Snapshot.Durability: removed (enum Durability)"),
        "{text}"
    );
    let same = xtask::model_diff(
        &path("models/smithy/memorydb.json"),
        &path("models/smithy/memorydb.json"),
        &Selection::All,
    )
    .unwrap_or_else(|e| panic!("{e:#}"));
    assert!(
        same.contains("summary: 0 changes (0 breaking), 0 documentation changes"),
        "{same}"
    );
}
