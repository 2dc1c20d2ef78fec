//! The sweep's machinery on small models written here: a model generates with an operation
//! whose input is an event stream left out (named, with the reason), so does a restXml one
//! (every botocore protocol generates; nothing is refused any more), a malformed model fails
//! naming file and shape, a panic is caught as a failure, and the
//! summary counts each.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use xtask::corpus::CorpusModel;
use xtask::sweep::{self, Outcome};

fn model(root: &Path, service: &str, json: &str) -> CorpusModel {
    let dir = root.join(service).join("2024-01-01");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("service-2.json"), json).unwrap();
    CorpusModel {
        service: service.to_owned(),
        api_version: "2024-01-01".to_owned(),
        dir,
    }
}

fn json_model(protocol: &str, extra_shape: &str) -> String {
    format!(
        r#"{{
  "version": "2.0",
  "metadata": {{"apiVersion": "2024-01-01", "protocol": "{protocol}", "protocols": ["{protocol}"],
    "jsonVersion": "1.0", "targetPrefix": "Svc", "serviceId": "Svc", "endpointPrefix": "svc"}},
  "operations": {{
    "Get": {{"name": "Get", "http": {{"method": "POST", "requestUri": "/"}},
      "input": {{"shape": "GetInput"}}, "output": {{"shape": "GetOutput"}}}},
    "Watch": {{"name": "Watch", "http": {{"method": "POST", "requestUri": "/"}},
      "input": {{"shape": "WatchInput"}}, "output": {{"shape": "GetOutput"}}}}
  }},
  "shapes": {{
    "GetInput": {{"type": "structure", "required": ["Name"], "members": {{"Name": {{"shape": "Name"}}}}}},
    "GetOutput": {{"type": "structure", "members": {{"Value": {{"shape": "Name"}}}}}},
    "WatchInput": {{"type": "structure", "members": {{"Events": {{"shape": "Events"}}}}}},
    "Events": {{"type": "structure", "eventstream": true, "members": {{"Changed": {{"shape": "Changed"}}}}}},
    "Changed": {{"type": "structure", "event": true, "members": {{"Value": {{"shape": "Name"}}}}}},
    "Name": {{"type": "string", "pattern": "^[\\w+=,.@-]{{1,64}}$"}}{extra_shape}
  }}
}}"#
    )
}

#[test]
fn generated_refused_failed_and_left_out_operations_are_told_apart() {
    let root = std::env::temp_dir().join(format!("awsgen-sweep-test-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    let models = vec![
        model(&root, "good", &json_model("json", "")),
        model(&root, "restful", &json_model("rest-xml", "")),
        model(
            &root,
            "broken",
            &json_model(
                "json",
                r#", "Dangling": {"type": "list", "member": {"shape": "Nowhere"}}"#,
            ),
        ),
    ];
    let rows = sweep::sweep(&models, 2, &|_| {});
    fs::remove_dir_all(&root).unwrap();

    assert_eq!(rows.len(), 3);
    let good = &rows[0];
    assert_eq!(good.service, "good");
    assert_eq!(good.protocol, "json");
    assert_eq!(good.operations, 2);
    let Outcome::Generated { left_out } = &good.outcome else {
        panic!("{:?}", good.outcome)
    };
    assert_eq!(left_out.len(), 1);
    assert_eq!(left_out[0].operation, "Watch");
    assert_eq!(
        left_out[0].reason,
        "shape `Events`: input event streams are supported with the rest-json protocol only (`json` sends the other input members in an `initial-request` event, not written yet)"
    );
    assert_eq!(good.generated_operations(), 1);
    assert!(good.lines > 100, "{good:?}");
    // Docs are not code: fewer code lines than lines, and the parts add up to both.
    assert!(
        good.code_lines > 50 && good.code_lines < good.lines,
        "{good:?}"
    );
    let part_total: usize = good.parts.values().map(|l| l.total).sum();
    let part_code: usize = good.parts.values().map(|l| l.code).sum();
    assert_eq!((part_total, part_code), (good.lines, good.code_lines));
    assert!(good.parts["operation/"].code > 0, "{:?}", good.parts);
    assert!(good.parts.contains_key("lib.rs"), "{:?}", good.parts);

    let restful = &rows[1];
    assert_eq!(restful.protocol, "rest-xml");
    assert!(
        matches!(&restful.outcome, Outcome::Generated { left_out } if left_out.len() == 1),
        "{:?}",
        restful.outcome
    );

    let broken = &rows[2];
    assert!(
        matches!(&broken.outcome, Outcome::Failed(why)
            if why.contains("broken/2024-01-01/service-2.json") && why.contains("`Dangling`")),
        "{:?}",
        broken.outcome
    );

    let summary = sweep::summary(&rows, Duration::from_secs(1));
    assert!(
        summary.contains(
            "sweep: 2 of 3 models generate (0 refused, 1 failed); 2 generated with operations left out"
        ),
        "{summary}"
    );
    let parts = sweep::parts(&rows);
    assert!(parts.contains("| operation/ | "), "{parts}");
    let table = sweep::table(&rows);
    assert!(table.contains("| good | json | 2 |"), "{table}");
    assert!(table.contains("generated, 1 left out"), "{table}");
    assert!(
        table.contains("left out: good Watch: shape `Events`"),
        "{table}"
    );
    assert!(table.contains("FAILED broken: "), "{table}");
}

#[test]
fn a_panic_is_a_failure_not_an_abort() {
    let outcome = sweep::caught(|| panic!("generator bug in shape `X`"));
    assert_eq!(
        outcome,
        Outcome::Failed("panic: generator bug in shape `X`".to_owned())
    );
}

#[test]
fn unknown_service_names_are_an_error() {
    let models = vec![CorpusModel {
        service: "sqs".to_owned(),
        api_version: "2012-11-05".to_owned(),
        dir: PathBuf::from("/nonexistent"),
    }];
    let e = sweep::select(models, Some(&["sqs".to_owned(), "nope".to_owned()])).unwrap_err();
    assert!(e.to_string().contains("no service named `nope`"), "{e}");
}

#[test]
fn lenient_generation_lists_what_it_left_out_and_strict_generation_refuses() {
    let bytes = json_model("json", "");
    let loaded = awsgen_codegen::model::load("svc.json", bytes.as_bytes()).unwrap();
    let input = |selection| awsgen_codegen::CrateInput {
        name: "awsgen-svc".to_owned(),
        services: vec![awsgen_codegen::ServiceInput {
            module: "svc".to_owned(),
            model: loaded.clone(),
            selection,
            protocol: None,
        }],
        command: "test".to_owned(),
        source: "svc.json".to_owned(),
        standalone: true,
        runtime: awsgen_codegen::RuntimeDep::Vendored,
    };
    use awsgen_codegen::ir::Selection;
    let generated = awsgen_codegen::generate_lenient(&input(Selection::All)).unwrap();
    assert_eq!(generated.left_out.len(), 1);
    assert_eq!(generated.left_out[0].0, "svc");
    let root = &generated.files["src/svc/mod.rs"];
    assert!(
        root.contains("Left out: 1 operation(s) of the model are not generated")
            && root.contains("- `Watch`: shape `Events`: input event streams"),
        "{root}"
    );
    assert!(generated.files.contains_key("src/svc/operation/get.rs"));
    assert!(!generated.files.keys().any(|p| p.contains("watch")));

    // Strict: the same selection fails, naming the shape.
    let e = awsgen_codegen::generate(&input(Selection::All)).unwrap_err();
    assert!(
        e.to_string()
            .contains("shape `Events`: input event streams"),
        "{e}"
    );
    // An operation selected by name stays strict even in lenient mode.
    let e =
        awsgen_codegen::generate_lenient(&input(Selection::Operations(vec!["Watch".to_owned()])))
            .unwrap_err();
    assert!(e.to_string().contains("input event streams"), "{e}");
}
