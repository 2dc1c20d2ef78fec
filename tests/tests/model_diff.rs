//! The model diff: snapshots of the botocore-vs-Smithy diffs of both vendored services (whole
//! model and `CopySnapshot`), the known ElastiCache differences by assertion, and the breaking
//! classification on hand-made changes to a fixture model.

use awsgen_codegen::diff::{self, Aspect, ModelDiff, Subject};
use awsgen_codegen::ir::{Model, Selection, ShapeId, ShapeKind};
use awsgen_tests::load;

const EC_BOTOCORE: &str = "models/botocore/elasticache/2015-02-02/service-2.json";
const EC_SMITHY: &str = "models/smithy/elasticache.json";
const MDB_BOTOCORE: &str = "models/botocore/memorydb/2021-01-01/service-2.json";
const MDB_SMITHY: &str = "models/smithy/memorydb.json";

fn copy_snapshot() -> Selection {
    Selection::Operations(vec!["CopySnapshot".to_owned()])
}

fn diff_files(a: &str, b: &str, selection: &Selection) -> ModelDiff {
    diff::diff(&load(a), &load(b), selection).unwrap_or_else(|e| panic!("{e}"))
}

fn breaking(d: &ModelDiff, subject: Subject, aspect: Aspect) -> bool {
    d.changes
        .iter()
        .any(|c| c.subject == subject && c.aspect == aspect && c.breaking)
}

#[test]
fn elasticache_whole_model() {
    let d = diff_files(EC_BOTOCORE, EC_SMITHY, &Selection::All);
    // The known content drift: the Smithy file is a few months older.
    for op in ["PrepareMigration", "StopMigration"] {
        assert!(
            breaking(&d, Subject::Operation(op.to_owned()), Aspect::Removed),
            "{op}"
        );
    }
    let durability = Subject::Member("Snapshot".to_owned(), "Durability".to_owned());
    assert!(breaking(&d, durability, Aspect::Removed));
    insta::assert_snapshot!(diff::render(&d));
}

#[test]
fn elasticache_copy_snapshot() {
    let d = diff_files(EC_BOTOCORE, EC_SMITHY, &copy_snapshot());
    let durability = Subject::Member("Snapshot".to_owned(), "Durability".to_owned());
    assert!(breaking(&d, durability, Aspect::Removed));
    insta::assert_snapshot!(diff::render(&d));
}

#[test]
fn memorydb_whole_model() {
    insta::assert_snapshot!(diff::render(&diff_files(
        MDB_BOTOCORE,
        MDB_SMITHY,
        &Selection::All
    )));
}

#[test]
fn memorydb_copy_snapshot() {
    insta::assert_snapshot!(diff::render(&diff_files(
        MDB_BOTOCORE,
        MDB_SMITHY,
        &copy_snapshot()
    )));
}

#[test]
fn a_model_against_itself_has_no_changes() {
    for rel in [EC_BOTOCORE, EC_SMITHY, MDB_BOTOCORE, MDB_SMITHY] {
        let d = diff_files(rel, rel, &Selection::All);
        assert!(d.changes.is_empty(), "{rel}: {:#?}", d.changes);
        assert!(diff::render(&d).contains("no changes other than documentation"));
    }
}

#[test]
fn operations_only_one_model_has_are_added_or_removed() {
    let sel = Selection::Operations(vec![
        "CopySnapshot".to_owned(),
        "PrepareMigration".to_owned(),
    ]);
    let d = diff_files(EC_BOTOCORE, EC_SMITHY, &sel);
    assert!(breaking(
        &d,
        Subject::Operation("PrepareMigration".to_owned()),
        Aspect::Removed
    ));
    let back = diff_files(EC_SMITHY, EC_BOTOCORE, &sel);
    assert!(back.has(
        &Subject::Operation("PrepareMigration".to_owned()),
        &Aspect::Added
    ));
    let err = diff::diff(
        &load(EC_BOTOCORE),
        &load(EC_SMITHY),
        &Selection::Operations(vec!["NoSuchOperation".to_owned()]),
    )
    .expect_err("an operation neither model has is an error");
    assert!(err.to_string().contains("`NoSuchOperation`"), "{err}");
}

/// A copy of the all-types fixture with hand-made changes, diffed against the original.
fn changed(edit: impl FnOnce(&mut Model)) -> ModelDiff {
    let a = load("models/fixtures/all-types.json");
    let mut b = a.clone();
    edit(&mut b);
    diff::diff(&a, &b, &Selection::All).unwrap_or_else(|e| panic!("{e}"))
}

fn structure<'m>(m: &'m mut Model, id: &str) -> &'m mut Vec<awsgen_codegen::ir::Member> {
    match &mut m.shapes.get_mut(&ShapeId::new(id)).expect("shape").kind {
        ShapeKind::Structure(s) => &mut s.members,
        _ => panic!("{id} is not a structure"),
    }
}

#[test]
fn breaking_changes_are_marked() {
    let member = |s: &str, m: &str| Subject::Member(s.to_owned(), m.to_owned());
    let d = changed(|m| {
        structure(m, "EverythingInput").retain(|x| x.name != "Big");
    });
    assert!(breaking(
        &d,
        member("EverythingInput", "Big"),
        Aspect::Removed
    ));

    let d = changed(|m| {
        let x = structure(m, "EverythingInput");
        x.iter_mut()
            .find(|x| x.name == "Flag")
            .expect("Flag")
            .required = true;
    });
    assert!(breaking(
        &d,
        member("EverythingInput", "Flag"),
        Aspect::Required
    ));

    let d = changed(|m| {
        let x = structure(m, "EverythingInput");
        x.iter_mut()
            .find(|x| x.name == "Name")
            .expect("Name")
            .required = false;
    });
    assert!(d.has(&member("EverythingInput", "Name"), &Aspect::Required));
    assert!(!breaking(
        &d,
        member("EverythingInput", "Name"),
        Aspect::Required
    ));

    let d = changed(|m| {
        let x = structure(m, "EverythingInput");
        x.iter_mut().find(|x| x.name == "Big").expect("Big").target = ShapeId::new("String");
    });
    let retyped = d
        .changes
        .iter()
        .find(|c| c.subject == member("EverythingInput", "Big") && c.aspect == Aspect::Type)
        .expect("retyped");
    assert!(retyped.breaking);
    assert_eq!(
        (retyped.a.as_deref(), retyped.b.as_deref()),
        (Some("long"), Some("string"))
    );

    let d = changed(|m| {
        let shape = m
            .shapes
            .get_mut(&ShapeId::new("ThrottledError"))
            .expect("shape");
        if let Some(e) = shape.error.as_mut() {
            e.code = "SlowDown".to_owned();
            e.http_status = Some(503);
        }
    });
    let s = Subject::Shape("ThrottledError".to_owned());
    assert!(breaking(&d, s.clone(), Aspect::ErrorCode));
    assert!(d.has(&s, &Aspect::ErrorStatus) && !breaking(&d, s, Aspect::ErrorStatus));

    let d = changed(|m| {
        if let ShapeKind::Enum(e) = &mut m.shapes.get_mut(&ShapeId::new("Mode")).expect("Mode").kind
        {
            e.values.retain(|v| v.value != "slow");
            e.values.push(awsgen_codegen::ir::EnumValue {
                value: "turbo".to_owned(),
                name: None,
                docs: None,
            });
        }
    });
    let value = |v: &str| Subject::Value("Mode".to_owned(), v.to_owned());
    assert!(breaking(&d, value("slow"), Aspect::Removed));
    assert!(d.has(&value("turbo"), &Aspect::Added) && !breaking(&d, value("turbo"), Aspect::Added));

    let d = changed(|m| {
        let op = m
            .operations
            .iter_mut()
            .find(|o| o.name == "Everything")
            .expect("op");
        op.errors.retain(|e| e.as_str() != "ServerFault");
    });
    assert!(breaking(
        &d,
        Subject::Operation("Everything".to_owned()),
        Aspect::ErrorRemoved("ServerFault".to_owned())
    ));

    let d = changed(|m| {
        let x = structure(m, "EverythingInput");
        let mut extra = x[0].clone();
        extra.name = "Extra".to_owned();
        extra.required = true;
        x.push(extra);
    });
    assert!(breaking(
        &d,
        member("EverythingInput", "Extra"),
        Aspect::Added
    ));

    // Documentation is compared as rustdoc Markdown: re-indenting HTML is no change.
    let d = changed(|m| {
        let op = m
            .operations
            .iter_mut()
            .find(|o| o.name == "Everything")
            .expect("op");
        op.docs = op
            .docs
            .as_ref()
            .map(|d| format!("\n    {}\n  ", d.replace(' ', "\n   ")));
    });
    assert!(d.changes.is_empty(), "{:#?}", d.changes);
    let d = changed(|m| {
        let op = m
            .operations
            .iter_mut()
            .find(|o| o.name == "Everything")
            .expect("op");
        op.docs = Some("<p>Something else.</p>".to_owned());
    });
    let text = diff::render(&d);
    assert!(
        text.contains("documentation: 1 changed (service 0, operations 1,"),
        "{text}"
    );
    assert!(
        text.contains("summary: 0 changes (0 breaking), 1 documentation change"),
        "{text}"
    );
}
