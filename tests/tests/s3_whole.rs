//! All of Amazon S3 generates (its 116 operations, with the client, paginators and waiters;
//! `SelectObjectContent`'s output is an event stream over restXml, whose events are typed). No
//! S3 request path names the bucket: the endpoint carries it
//! (`codegen/src/ir/s3.rs`). Building the whole crate (204,625 lines; `cargo clippy -D
//! warnings` with `client,validate` in 2 min 43 s cold on 2 cores) is a documented command
//! (README, "S3"), not a CI step; CI builds the 15 operations of the end-to-end crate.

use awsgen_codegen::ir::Selection;
use awsgen_codegen::{CrateInput, ServiceInput};
use awsgen_tests::load;

const S3: &str = "models/fixtures/botocore/s3/2006-03-01/service-2.json";

#[test]
fn all_of_s3_generates_and_no_path_names_the_bucket() {
    let generated = awsgen_codegen::generate_lenient(&CrateInput {
        name: "awsgen-s3".to_owned(),
        services: vec![ServiceInput {
            module: "s3".to_owned(),
            model: load(S3),
            selection: Selection::All,
            protocol: None,
        }],
        command: format!("cargo xtask generate --model {S3} --all-operations --out DIR"),
        source: S3.to_owned(),
        standalone: true,
        runtime: awsgen_tests::runtime_dep(),
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let left_out: Vec<&str> = generated
        .left_out
        .iter()
        .map(|(_, l)| l.operation.as_str())
        .collect();
    assert!(left_out.is_empty(), "{left_out:?}");
    let operations: Vec<&String> = generated
        .files
        .keys()
        .filter(|p| p.starts_with("src/s3/operation/") && !p.ends_with("mod.rs"))
        .collect();
    assert_eq!(operations.len(), 116, "every operation of S3");
    // Every request function of an operation with a bucket: none pushes a `Bucket` label.
    let protocol: Vec<(&String, &String)> = generated
        .files
        .iter()
        .filter(|(p, _)| p.starts_with("src/s3/protocol/"))
        .collect();
    assert!(protocol.len() > 116);
    for (path, text) in &protocol {
        assert!(
            !text.contains("\"Bucket\")?"),
            "{path} puts the bucket in the path"
        );
    }
    // The key still goes in the path, after the endpoint's (`/{Key+}`).
    let get_object = &generated.files["src/s3/protocol/get_object.rs"];
    assert!(get_object.contains("push_label(&mut uri, v.as_str(), true, \"Key\")?"));
    // SelectObjectContent's output is the receiver of its typed events.
    let select = &generated.files["src/s3/operation/select_object_content.rs"];
    assert!(
        select.contains("event_receiver::Receiver<"),
        "SelectObjectContent's output holds a receiver"
    );
    let events = &generated.files["src/s3/types/select_object_content_event_stream.rs"];
    for variant in ["Records(", "Stats(", "Progress(", "Cont(", "End("] {
        assert!(events.contains(variant), "event {variant} is typed");
    }
}
