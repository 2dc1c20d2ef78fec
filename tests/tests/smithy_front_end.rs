//! The Smithy front end on small inline models: protocol-dependent lowering (wire names, error
//! codes, target prefix, signing name), and every way a model can be refused — each error names
//! the model file and the shape or member at fault.

use awsgen_codegen::ir::{HttpLocation, Model, Protocol, Selection, ShapeId, ShapeKind};
use awsgen_codegen::{CrateInput, ServiceInput, model};
use serde_json::{Value, json};

/// A model with one service (`ns#Svc`, traits `service_traits`) binding `operations`, plus
/// `shapes`.
fn smithy(service_traits: Value, operations: &[&str], shapes: Value) -> Value {
    let mut all = json!({
        "ns#Svc": {
            "type": "service",
            "version": "2024-01-01",
            "operations": operations.iter().map(|o| json!({"target": format!("ns#{o}")})).collect::<Vec<_>>(),
            "traits": service_traits,
        }
    });
    if let (Some(all), Some(extra)) = (all.as_object_mut(), shapes.as_object()) {
        for (k, v) in extra {
            all.insert(k.clone(), v.clone());
        }
    }
    json!({"smithy": "2.0", "shapes": all})
}

fn load(model: &Value) -> Result<Model, String> {
    model::load("inline.json", model.to_string().as_bytes()).map_err(|e| e.to_string())
}

fn loaded(model: &Value) -> Model {
    load(model).unwrap_or_else(|e| panic!("{e}"))
}

/// One operation `Op` with input `ns#In { M: target (member traits) }`.
fn one_member(protocol: &str, target: &str, member_traits: Value, extra: Value) -> Value {
    let mut shapes = json!({
        "ns#Op": {"type": "operation", "input": {"target": "ns#In"}},
        "ns#In": {"type": "structure", "members": {"M": {"target": target, "traits": member_traits}}},
    });
    if let (Some(all), Some(extra)) = (shapes.as_object_mut(), extra.as_object()) {
        for (k, v) in extra {
            all.insert(k.clone(), v.clone());
        }
    }
    smithy(json!({ protocol: {} }), &["Op"], shapes)
}

fn member_m(model: &Model) -> &awsgen_codegen::ir::Member {
    match &model.shape(&ShapeId::new("ns#In")).kind {
        ShapeKind::Structure(s) => &s.members[0],
        other => panic!("In is {other:?}"),
    }
}

#[test]
fn wire_names_follow_the_protocol() {
    let traits = json!({"smithy.api#xmlName": "X", "smithy.api#jsonName": "j"});
    let name = |protocol: &str| {
        let m = loaded(&one_member(
            protocol,
            "smithy.api#String",
            traits.clone(),
            json!({}),
        ));
        let protocol = m.service.preferred_protocol().expect("one protocol");
        member_m(&m).wire_name_opt(protocol).map(str::to_owned)
    };
    assert_eq!(name("aws.protocols#awsQuery").as_deref(), Some("X"));
    assert_eq!(name("aws.protocols#ec2Query").as_deref(), Some("X"));
    assert_eq!(name("aws.protocols#restXml").as_deref(), Some("X"));
    assert_eq!(name("aws.protocols#restJson1").as_deref(), Some("j"));
    // awsJson and CBOR ignore both, as botocore's models of such services do.
    assert_eq!(name("aws.protocols#awsJson1_1"), None);
    assert_eq!(name("smithy.protocols#rpcv2Cbor"), None);
    // Both names are kept, whatever the service speaks: the emitter's protocol picks.
    let m = loaded(&one_member(
        "aws.protocols#awsJson1_1",
        "smithy.api#String",
        traits.clone(),
        json!({}),
    ));
    let member = member_m(&m);
    assert_eq!(member.wire_name_for(Protocol::RestJson), "j");
    assert_eq!(member.wire_name_for(Protocol::Query), "X");
    assert_eq!(member.wire_name_for(Protocol::Json), "M");
}

#[test]
fn http_binding_traits_become_locations() {
    let m = loaded(&one_member(
        "aws.protocols#restJson1",
        "smithy.api#String",
        json!({"smithy.api#httpHeader": "X-Thing"}),
        json!({}),
    ));
    let member = member_m(&m);
    assert_eq!(member.http, HttpLocation::Header("X-Thing".to_owned()));
    assert_eq!(member.wire.location_name.as_deref(), Some("X-Thing"));
    for (traits, expected) in [
        (json!({"smithy.api#httpLabel": {}}), HttpLocation::Label),
        (
            json!({"smithy.api#httpQuery": "q"}),
            HttpLocation::Query("q".to_owned()),
        ),
        (
            json!({"smithy.api#httpPrefixHeaders": "x-p-"}),
            HttpLocation::PrefixHeaders("x-p-".to_owned()),
        ),
        (json!({"smithy.api#httpPayload": {}}), HttpLocation::Payload),
        (
            json!({"smithy.api#httpResponseCode": {}}),
            HttpLocation::StatusCode,
        ),
        (json!({}), HttpLocation::Body),
    ] {
        let m = loaded(&one_member(
            "aws.protocols#restJson1",
            "smithy.api#String",
            traits.clone(),
            json!({}),
        ));
        assert_eq!(member_m(&m).http, expected, "{traits}");
    }
}

#[test]
fn service_metadata() {
    // Raw text: trait order matters (protocols are kept in file order), and `json!` sorts keys.
    let text = r#"{"smithy": "2.0", "shapes": {"ns#Svc": {"type": "service", "version": "2024-01-01",
        "traits": {
            "smithy.protocols#rpcv2Cbor": {},
            "aws.protocols#awsJson1_0": {},
            "aws.api#service": {"sdkId": "Thing", "endpointPrefix": "thing"},
            "aws.auth#sigv4": {"name": "thing"}
        }}}}"#;
    let model = model::load("inline.json", text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let s = &model.service;
    assert_eq!(s.protocols, [Protocol::RpcV2Cbor, Protocol::Json]);
    assert_eq!(s.json_version.as_deref(), Some("1.0"));
    assert_eq!(s.target_prefix.as_deref(), Some("Svc"));
    assert_eq!(s.endpoint_prefix.as_deref(), Some("thing"));
    assert_eq!(s.signing_name, None, "same as the endpoint prefix");
    assert_eq!(s.signature_version.as_deref(), Some("v4"));
    assert_eq!(s.api_version, "2024-01-01");

    let query = loaded(&smithy(
        json!({"aws.protocols#awsQuery": {}}),
        &[],
        json!({}),
    ));
    assert_eq!(query.service.target_prefix, None);
    assert_eq!(query.service.json_version, None);
}

#[test]
fn error_codes_come_from_aws_query_error_where_botocore_uses_them() {
    let shapes = json!({
        "ns#Op": {"type": "operation", "errors": [{"target": "ns#Oops"}]},
        "ns#Oops": {"type": "structure", "members": {}, "traits": {
            "smithy.api#error": "server",
            "smithy.api#httpError": 503,
            "aws.protocols#awsQueryError": {"code": "OopsCode", "httpResponseCode": 500},
        }},
    });
    let code = |traits: Value| {
        let m = loaded(&smithy(traits, &["Op"], shapes.clone()));
        let e = m
            .shape(&ShapeId::new("ns#Oops"))
            .error
            .clone()
            .expect("error");
        (e.code, e.http_status, e.sender_fault)
    };
    assert_eq!(
        code(json!({"aws.protocols#awsQuery": {}})),
        ("OopsCode".to_owned(), Some(500), false)
    );
    assert_eq!(
        code(json!({"aws.protocols#awsJson1_0": {}, "aws.protocols#awsQueryCompatible": {}})),
        ("OopsCode".to_owned(), Some(500), false)
    );
    assert_eq!(
        code(json!({"aws.protocols#awsJson1_0": {}})),
        ("Oops".to_owned(), Some(503), false)
    );
}

#[test]
fn apply_reaches_members_that_come_from_mixins() {
    let model = loaded(&smithy(
        json!({"aws.protocols#awsJson1_0": {}}),
        &["Op"],
        json!({
            "ns#Op": {"type": "operation", "input": {"target": "ns#In"}},
            "ns#Base": {"type": "structure", "members": {"M": {"target": "smithy.api#String"}},
                        "traits": {"smithy.api#mixin": {}}},
            "ns#In": {"type": "structure", "mixins": [{"target": "ns#Base"}], "members": {}},
            "ns#In$M": {"type": "apply", "traits": {"smithy.api#required": {}}},
        }),
    ));
    assert!(member_m(&model).required);
    assert!(
        !model.shapes.contains_key(&ShapeId::new("ns#Base")),
        "mixins are not shapes"
    );
}

/// The error of loading `model`, or of selecting `op` from it.
fn refusal(model: &Value, op: &str) -> String {
    match load(model) {
        Err(e) => e,
        Ok(m) => match awsgen_codegen::ir::select_operations(
            &m,
            &Selection::Operations(vec![op.to_owned()]),
        ) {
            Err(e) => e.to_string(),
            Ok(_) => panic!("{model} was accepted"),
        },
    }
}

#[test]
fn unsupported_shapes_fail_only_the_operations_that_reach_them() {
    let model = smithy(
        json!({"aws.protocols#awsJson1_0": {}}),
        &["Good", "Bad", "Streams"],
        json!({
            "ns#Good": {"type": "operation"},
            "ns#Bad": {"type": "operation", "input": {"target": "ns#In"}},
            "ns#In": {"type": "structure", "members": {"M": {"target": "ns#Odd"}}},
            "ns#Odd": {"type": "quaternion"},
            "ns#Streams": {"type": "operation", "output": {"target": "ns#Out"}},
            "ns#Out": {"type": "structure", "members": {"E": {"target": "ns#Events"}}},
            "ns#Events": {"type": "union", "members": {"A": {"target": "smithy.api#String"}},
                          "traits": {"smithy.api#streaming": {}}},
        }),
    );
    let m = loaded(&model);
    awsgen_codegen::ir::select_operations(&m, &Selection::Operations(vec!["Good".to_owned()]))
        .expect("Good reaches nothing unsupported");
    let e = refusal(&model, "Bad");
    assert!(
        e.contains("inline.json") && e.contains("shape `ns#Odd`: unknown shape type `quaternion`"),
        "{e}"
    );
    // Event streams are generated, but not this one: its event is a string, not a structure.
    let mut marked = loaded(&model);
    awsgen_codegen::ir::event_stream::mark_unsupported(
        &mut marked,
        awsgen_codegen::ir::Protocol::Json,
    );
    let e = awsgen_codegen::ir::select_operations(
        &marked,
        &Selection::Operations(vec!["Streams".to_owned()]),
    )
    .expect_err("the stream is refused")
    .to_string();
    assert!(
        e.contains("shape `ns#Events`: event `A` is a string, not a structure"),
        "{e}"
    );
}

#[test]
fn documents_are_a_clear_error_where_they_cannot_be_generated() {
    let model = loaded(&one_member(
        "aws.protocols#awsQuery",
        "smithy.api#Document",
        json!({}),
        json!({}),
    ));
    let e = awsgen_codegen::generate(&CrateInput {
        name: "docs".to_owned(),
        services: vec![ServiceInput {
            module: "docs".to_owned(),
            model,
            selection: Selection::All,
            protocol: None,
        }],
        command: "test".to_owned(),
        source: "inline.json".to_owned(),
        standalone: false,
        runtime: awsgen_tests::runtime_dep(),
    })
    .expect_err("a document cannot be generated for awsQuery")
    .to_string();
    assert!(
        e.contains("inline.json") && e.contains("shape `smithy.api#Document`: document shapes"),
        "{e}"
    );
}

#[test]
fn broken_models_are_refused_naming_the_shape() {
    let json10 = || json!({"aws.protocols#awsJson1_0": {}});
    let op_in = |extra: Value| {
        let mut shapes = json!({"ns#Op": {"type": "operation", "input": {"target": "ns#In"}}});
        if let (Some(all), Some(extra)) = (shapes.as_object_mut(), extra.as_object()) {
            for (k, v) in extra {
                all.insert(k.clone(), v.clone());
            }
        }
        smithy(json10(), &["Op"], shapes)
    };
    let cases = [
        (
            op_in(json!({"ns#In": {"type": "structure", "members": {"M": {"target": "ns#Nope"}}}})),
            "shape `ns#In`, member `M`: targets missing shape `ns#Nope`",
        ),
        (
            op_in(json!({
                "ns#In": {"type": "structure", "mixins": [{"target": "ns#A"}], "members": {}},
                "ns#A": {"type": "structure", "mixins": [{"target": "ns#B"}], "members": {}, "traits": {"smithy.api#mixin": {}}},
                "ns#B": {"type": "structure", "mixins": [{"target": "ns#A"}], "members": {}, "traits": {"smithy.api#mixin": {}}},
            })),
            "mixins form a cycle",
        ),
        (
            op_in(json!({
                "ns#In": {"type": "structure", "members": {"M": {"target": "ns#Mix"}}},
                "ns#Mix": {"type": "structure", "members": {}, "traits": {"smithy.api#mixin": {}}},
            })),
            "shape `ns#In`, member `M`: targets mixin shape `ns#Mix`",
        ),
        (
            op_in(json!({"ns#In": {"type": "string"}})),
            "operation `Op`: input `ns#In` must be a structure, not `string`",
        ),
        (
            op_in(
                json!({"ns#In": {"type": "structure", "members": {"M": {"target": "ns#S"}}},
                         "ns#S": {"type": "string", "traits": {"smithy.api#length": {"min": "one"}}}}),
            ),
            "shape `ns#S`: trait `smithy.api#length` is malformed",
        ),
        (
            op_in(
                json!({"ns#In": {"type": "structure", "members": {"M": {"target": "ns#E"}}},
                         "ns#E": {"type": "intEnum", "members": {"A": {"target": "smithy.api#Unit"}}}}),
            ),
            "shape `ns#E`, member `A`: intEnum member needs `smithy.api#enumValue`",
        ),
        (
            op_in(json!({"ns#In": {"type": "structure", "members": {
                "M": {"target": "smithy.api#Timestamp", "traits": {"smithy.api#timestampFormat": "julian"}}}}})),
            "unknown timestampFormat `julian`",
        ),
        (
            smithy(
                json10(),
                &["Op"],
                json!({"ns#Op": {"type": "operation", "errors": [{"target": "ns#NotAnError"}]},
                                              "ns#NotAnError": {"type": "structure", "members": {}}}),
            ),
            "error `ns#NotAnError` must be a structure with the `smithy.api#error` trait",
        ),
        (
            smithy(json10(), &["Missing"], json!({})),
            "binds `ns#Missing`, which is not an operation shape",
        ),
        (
            smithy(json!({"ns.unknown#protocol": {}}), &[], json!({})),
            "the service has no known protocol trait",
        ),
        (
            json!({"smithy": "2.0", "shapes": {}}),
            "the model has no `service` shape",
        ),
        (
            json!({"smithy": "2.0", "shapes": {"a#S": {"type": "service", "version": "1"}, "b#S": {"type": "service", "version": "1"}}}),
            "2 `service` shapes (`a#S`, `b#S`)",
        ),
        (
            json!({"smithy": "3.0", "shapes": {}}),
            "Smithy IDL version `3.0` is not supported",
        ),
        (
            json!({"smithy": "2.0", "shapes": {"a#S": {"type": "service", "version": 2}}}),
            "invalid model JSON at `shapes.a#S.version`",
        ),
    ];
    for (model, expected) in cases {
        let e = refusal(&model, "Op");
        assert!(e.contains("inline.json"), "{e}");
        assert!(e.contains(expected), "expected {expected:?} in:\n{e}");
    }
}
