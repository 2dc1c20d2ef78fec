//! What the generated response parsers do with the hostile classes of issue 7, in every
//! protocol, pinned down case by case (`parser_properties.rs` only checks that nothing panics):
//!
//! * **Nesting** is bounded by the reader: 64 elements for XML (`runtime::xml::MAX_DEPTH`),
//!   128 objects and arrays for JSON and CBOR (`MAX_DEPTH` of each), whether the nesting is a
//!   recursive shape the generated parsers recurse into or an unknown member they skip. A
//!   recursive shape nested right up to the bound parses (on a test thread's default stack, in
//!   a debug build); one level more is an error. Deep *skipped* values are errors too, so no
//!   protocol reads an unbounded tree.
//! * **Huge numbers**: an integer that does not fit its member's type, a float that overflows
//!   to infinity (only the literal `Infinity`/`NaN` forms give those), a timestamp out of
//!   range, and a CBOR length larger than the body are errors.
//! * **Invalid UTF-8** anywhere in a text body (XML, JSON) or in a CBOR text string is an
//!   error.
//! * **Duplicates** are errors: a member given twice (a scalar, a structure, a wrapped list or
//!   map, in an output or nested), a union with a second member, a map key given twice, and
//!   the error envelope's fields given twice (`__type`, `message`, `<Code>`, `<Message>`). In
//!   JSON and CBOR, `null` is absence, so a `null` occurrence never counts. What legitimately
//!   repeats still accumulates: the items of a list (wrapped or flattened) and the entries of a
//!   map; and of two `<Error>` elements in an awsQuery error response the first is read, as
//!   botocore does.
//! * **Wide trees** (many siblings) parse in linear time.

mod parser_corpus;

use awsgen_conformance::dispatch::ENTRIES;
use awsgen_conformance::harness::Outcome;
use serde_json::{Value, json};

fn run(module: &str, operation: &str, status: u16, body: &[u8]) -> Outcome {
    run_with(module, operation, status, &http::HeaderMap::new(), body)
}

fn run_with(
    module: &str,
    operation: &str,
    status: u16,
    headers: &http::HeaderMap,
    body: &[u8],
) -> Outcome {
    let entry = ENTRIES
        .iter()
        .find(|e| e.module == module && e.operation == operation)
        .unwrap_or_else(|| panic!("no generated {module}::{operation}"));
    (entry.parse)(status, headers, body)
}

fn output(outcome: Outcome) -> Value {
    match outcome {
        Outcome::Output(value) => value,
        other => panic!("expected an output, got {other:?}"),
    }
}

fn invalid(outcome: Outcome) -> String {
    match outcome {
        Outcome::Invalid(message) => message,
        other => panic!("expected an invalid response, got {other:?}"),
    }
}

fn assert_invalid(outcome: Outcome, needle: &str) {
    let message = invalid(outcome);
    assert!(
        message.contains(needle),
        "{message:?} should mention {needle:?}"
    );
}

fn cbor(value: &Value) -> Vec<u8> {
    parser_corpus::json_to_cbor(&value.to_string())
}

// ---------------------------------------------------------------------------------------------
// Nesting

/// `levels` nested structures of the recursive `RecursiveXmlShapes` output (Nested1 → Nested2
/// → Nested1 …), as XML under the response and result elements (two more levels).
fn xml_recursive(levels: usize) -> String {
    let mut open = String::from("<RecursiveXmlShapesResponse><RecursiveXmlShapesResult>");
    let mut close = String::from("</RecursiveXmlShapesResult></RecursiveXmlShapesResponse>");
    for level in 0..levels {
        // Level 0 is the output's `nested` (a Nested1); then Nested1.nested (a Nested2), then
        // Nested2.recursiveMember (a Nested1), and so on.
        let name = if level == 0 || level % 2 == 1 {
            "nested"
        } else {
            "recursiveMember"
        };
        open.push_str(&format!("<{name}>"));
        close.insert_str(0, &format!("</{name}>"));
    }
    open + &close
}

fn depth_of(mut value: &Value, keys: &[&str]) -> usize {
    let mut depth = 0;
    while let Some(next) = keys.iter().find_map(|k| value.get(k)) {
        depth += 1;
        value = next;
    }
    depth
}

#[test]
fn xml_recursive_shapes_parse_up_to_the_bound_and_not_beyond() {
    // 2 + 62 = 64 elements deep: the bound.
    let value = output(run(
        "query_output_13",
        "RecursiveXmlShapes",
        200,
        xml_recursive(62).as_bytes(),
    ));
    assert_eq!(depth_of(&value, &["nested", "recursiveMember"]), 62);
    assert_invalid(
        run(
            "query_output_13",
            "RecursiveXmlShapes",
            200,
            xml_recursive(63).as_bytes(),
        ),
        "nested deeper than 64",
    );
    // Far beyond: still an error, found at the 65th level (no recursion past it).
    assert_invalid(
        run(
            "query_output_13",
            "RecursiveXmlShapes",
            200,
            xml_recursive(100_000).as_bytes(),
        ),
        "nested deeper than 64",
    );
}

#[test]
fn json_recursive_shapes_parse_up_to_the_bound_and_not_beyond() {
    let nested = |levels: usize, open: &str, close: &str| {
        let mut body = String::from("{");
        for _ in 0..levels {
            body.push_str(open);
        }
        body.push_str("\"String\":\"leaf\"");
        for _ in 0..levels {
            body.push_str(close);
        }
        body.push('}');
        body
    };
    let run_json = |body: String| {
        run(
            "json_output_09",
            "KitchenSinkOperation",
            200,
            body.as_bytes(),
        )
    };
    // A structure in itself: 1 + 127 objects = 128.
    let value = output(run_json(nested(127, "\"RecursiveStruct\":{", "}")));
    assert_eq!(depth_of(&value, &["RecursiveStruct"]), 127);
    assert_invalid(
        run_json(nested(128, "\"RecursiveStruct\":{", "}")),
        "nested too deeply",
    );
    // Through a list (two levels each: the array and the object) and a map (one object each).
    output(run_json(nested(63, "\"RecursiveList\":[{", "}]")));
    assert_invalid(
        run_json(nested(64, "\"RecursiveList\":[{", "}]")),
        "nested too deeply",
    );
    output(run_json(nested(63, "\"RecursiveMap\":{\"k\":{", "}}")));
    assert_invalid(
        run_json(nested(64, "\"RecursiveMap\":{\"k\":{", "}}")),
        "nested too deeply",
    );
    assert_invalid(
        run_json(nested(100_000, "\"RecursiveStruct\":{", "}")),
        "nested too deeply",
    );
}

#[test]
fn cbor_recursive_shapes_parse_up_to_the_bound_and_not_beyond() {
    // The member names down the chain Output → Nested1 → Nested2 → Nested1 …
    fn key(level: usize) -> &'static str {
        if level == 0 || level % 2 == 1 {
            "nested"
        } else {
            "recursiveMember"
        }
    }
    fn nested(levels: usize) -> Value {
        let mut value = json!({"foo": "leaf"});
        for level in (0..levels).rev() {
            value = json!({ key(level): value });
        }
        value
    }
    // Built by hand: serde_json's own recursion limit refuses values this deep. The output's
    // map, then one map per level (the last one holding `foo`): `levels + 1` maps.
    fn nested_cbor(levels: usize) -> Vec<u8> {
        let mut out = vec![0xbf];
        for level in 0..levels {
            let key = key(level);
            out.push(0x60 + u8::try_from(key.len()).unwrap());
            out.extend_from_slice(key.as_bytes());
            out.push(0xbf);
        }
        out.extend_from_slice(&[0x63, b'f', b'o', b'o', 0x64, b'l', b'e', b'a', b'f']);
        out.extend(std::iter::repeat_n(0xff, levels + 1));
        out
    }
    let run_cbor = |body: &[u8]| run("cbor_output_07", "RecursiveShapes", 200, body);
    // Sanity: the hand-built encoding reads as the encoder's does.
    assert_eq!(
        output(run_cbor(&nested_cbor(5))),
        output(run_cbor(&cbor(&nested(5))))
    );
    // 1 + 127 = 128 maps: the bound.
    let value = output(run_cbor(&nested_cbor(127)));
    assert_eq!(depth_of(&value, &["nested", "recursiveMember"]), 127);
    assert_invalid(run_cbor(&nested_cbor(128)), "nested too deeply");
    assert_invalid(run_cbor(&nested_cbor(100_000)), "nested too deeply");
}

#[test]
fn deep_values_of_unknown_members_are_errors_too() {
    let deep = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    // XML: unknown elements count toward the bound when skipped.
    let body = format!(
        "<CopySnapshotResponse><CopySnapshotResult>{}{}</CopySnapshotResult></CopySnapshotResponse>",
        "<x>".repeat(62),
        "</x>".repeat(62)
    );
    output(run("elasticache", "CopySnapshot", 200, body.as_bytes()));
    let body = body.replace("<x>", "<x><x>").replace("</x>", "</x></x>");
    assert_invalid(
        run("elasticache", "CopySnapshot", 200, body.as_bytes()),
        "nested deeper than 64",
    );
    // JSON: 1 + 127.
    let ok = format!("{{\"Unknown\":{}}}", deep(127));
    output(run("memorydb_json", "CopySnapshot", 200, ok.as_bytes()));
    let too_deep = format!("{{\"Unknown\":{}}}", deep(128));
    assert_invalid(
        run("memorydb_json", "CopySnapshot", 200, too_deep.as_bytes()),
        "nested too deeply",
    );
    // CBOR: the same with arrays of one item, definite and indefinite, and with tags between.
    for (open, close) in [
        (&[0x81][..], &[][..]),
        (&[0x9f][..], &[0xff][..]),
        (&[0xc1, 0x81][..], &[][..]),
    ] {
        let body = |depth: usize| {
            let mut out = vec![0xbf, 0x67];
            out.extend_from_slice(b"Unknown");
            for _ in 0..depth {
                out.extend_from_slice(open);
            }
            out.push(0xf6);
            for _ in 0..depth {
                out.extend_from_slice(close);
            }
            out.push(0xff);
            out
        };
        output(run("memorydb_cbor", "CopySnapshot", 200, &body(127)));
        assert_invalid(
            run("memorydb_cbor", "CopySnapshot", 200, &body(128)),
            "nested too deeply",
        );
    }
    // Error bodies are bounded the same way.
    let error = format!("{{\"__type\":\"X\",\"Unknown\":{}}}", deep(128));
    assert_invalid(
        run("memorydb_json", "CopySnapshot", 400, error.as_bytes()),
        "nested too deeply",
    );
    let mut error = cbor(&json!({"__type": "X"}));
    error.pop();
    error.extend_from_slice(&[0x67]);
    error.extend_from_slice(b"Unknown");
    error.extend(std::iter::repeat_n(0x81, 200));
    error.extend_from_slice(&[0xf6, 0xff]);
    assert_invalid(
        run("memorydb_cbor", "CopySnapshot", 400, &error),
        "nested too deeply",
    );
}

// ---------------------------------------------------------------------------------------------
// Huge numbers

#[test]
fn huge_numbers_are_errors() {
    let xml = |member: &str, value: &str| {
        format!(
            "<SimpleScalarXmlPropertiesResponse><SimpleScalarXmlPropertiesResult><{member}>{value}</{member}></SimpleScalarXmlPropertiesResult></SimpleScalarXmlPropertiesResponse>"
        )
    };
    let run_xml = |member: &str, value: &str| {
        run(
            "query_output_14",
            "SimpleScalarXmlProperties",
            200,
            xml(member, value).as_bytes(),
        )
    };
    assert_invalid(run_xml("integerValue", "2147483648"), "32-bit integer");
    assert_invalid(
        run_xml("longValue", "99999999999999999999999999"),
        "64-bit integer",
    );
    assert_invalid(run_xml("DoubleDribble", "1e400"), "out of range");
    assert_invalid(run_xml("DoubleDribble", &"9".repeat(400)), "out of range");
    assert_invalid(run_xml("floatValue", "3.5e38"), "out of range");
    // The literal infinities and NaN are values, not overflows.
    let value = output(run_xml("DoubleDribble", "-Infinity"));
    assert_eq!(value["doubleValue"], json!("-Infinity"));
    let value = output(run_xml("floatValue", "NaN"));
    assert_eq!(value["floatValue"], json!("NaN"));
    // Tiny numbers round to zero, as every parser does.
    let value = output(run_xml("DoubleDribble", "1e-400"));
    assert_eq!(value["doubleValue"], json!(0.0));
    let timestamp = "<CopySnapshotResponse><CopySnapshotResult><Snapshot><CacheClusterCreateTime>99999999999-01-01T00:00:00Z</CacheClusterCreateTime></Snapshot></CopySnapshotResult></CopySnapshotResponse>";
    invalid(run(
        "elasticache",
        "CopySnapshot",
        200,
        timestamp.as_bytes(),
    ));

    let run_json = |body: &str| {
        run(
            "json_output_09",
            "KitchenSinkOperation",
            200,
            body.as_bytes(),
        )
    };
    assert_invalid(run_json(r#"{"Integer":2147483648}"#), "out of range");
    assert_invalid(
        run_json(r#"{"Long":99999999999999999999999999}"#),
        "out of range",
    );
    assert_invalid(run_json(r#"{"Double":1e400}"#), "out of range");
    assert_invalid(run_json(r#"{"Float":3.5e38}"#), "out of range");
    assert_invalid(run_json(r#"{"Timestamp":1e30}"#), "timestamp");
    assert_invalid(
        run_json(&format!(r#"{{"Timestamp":{}}}"#, "9".repeat(10_000))),
        "timestamp",
    );

    let run_cbor = |body: &[u8]| run("cbor_output_10", "SimpleScalarProperties", 200, body);
    let member = |name: &str, value: &[u8]| {
        let mut out = vec![0xbf, 0x60 + u8::try_from(name.len()).unwrap()];
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(value);
        out.push(0xff);
        out
    };
    let u64_max = [0x1b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
    let neg_max = [0x3b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
    assert_invalid(run_cbor(&member("integerValue", &u64_max)), "overflows");
    invalid(run_cbor(&member("longValue", &u64_max)));
    invalid(run_cbor(&member("longValue", &neg_max)));
    // A float64 beyond the float32 range, for a `float` member.
    let mut huge = vec![0xfb];
    huge.extend_from_slice(&1e300f64.to_be_bytes());
    assert_invalid(run_cbor(&member("floatValue", &huge)), "out of range");
    // A timestamp whose seconds do not fit.
    let mut tagged = vec![0xc1, 0xfb];
    tagged.extend_from_slice(&1e300f64.to_be_bytes());
    invalid(run("memorydb_cbor", "CopySnapshot", 200, &{
        let mut body = cbor(
            &json!({"Snapshot": {"ClusterConfiguration": {"Shards": [{"SnapshotCreationTime": 0}]}}}),
        );
        // Replace the encoded `0` (tag 1, then 0x00) with the huge float.
        let at = body.windows(2).position(|w| w == [0xc1, 0x00]).unwrap();
        body.splice(at..at + 2, tagged);
        body
    }));
    // Lengths larger than the body: nothing is preallocated, the body just ends too early.
    for head in [
        &[0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff][..],
        &[0xbb, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff][..],
        &[0x7b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff][..],
        &[0x5b, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff][..],
    ] {
        invalid(run_cbor(&member("stringValue", head)));
        invalid(run(
            "cbor_output_08",
            "RpcV2CborDenseMaps",
            200,
            &member("denseStringMap", head),
        ));
    }
}

// ---------------------------------------------------------------------------------------------
// Invalid UTF-8

#[test]
fn invalid_utf8_is_an_error() {
    for bad in [
        &b"\xff"[..],
        b"\xc3",
        b"\xed\xa0\x80",
        b"\xc0\xaf",
        b"\xf4\x90\x80\x80",
    ] {
        let xml = [
            &b"<CopySnapshotResponse><CopySnapshotResult><Snapshot><SnapshotName>a"[..],
            bad,
            b"</SnapshotName></Snapshot></CopySnapshotResult></CopySnapshotResponse>",
        ]
        .concat();
        invalid(run("elasticache", "CopySnapshot", 200, &xml));
        // In an element the parser skips, and in an error body.
        let skipped = [
            &b"<CopySnapshotResponse><CopySnapshotResult><Unknown>a"[..],
            bad,
            b"</Unknown></CopySnapshotResult></CopySnapshotResponse>",
        ]
        .concat();
        invalid(run("elasticache", "CopySnapshot", 200, &skipped));
        let error = [
            &b"<ErrorResponse><Error><Code>SnapshotNotFoundFault</Code><Message>a"[..],
            bad,
            b"</Message></Error></ErrorResponse>",
        ]
        .concat();
        invalid(run("elasticache", "CopySnapshot", 404, &error));

        let json = [&b"{\"Snapshot\":{\"Name\":\"a"[..], bad, b"\"}}"].concat();
        assert_invalid(run("memorydb_json", "CopySnapshot", 200, &json), "UTF-8");
        let json = [&b"{\"Unknown\":\"a"[..], bad, b"\"}"].concat();
        assert_invalid(run("memorydb_json", "CopySnapshot", 200, &json), "UTF-8");
        let json = [&b"{\"__type\":\"X\",\"message\":\"a"[..], bad, b"\"}"].concat();
        assert_invalid(run("memorydb_json", "CopySnapshot", 400, &json), "UTF-8");

        let text = [
            &[0x60 + u8::try_from(bad.len() + 1).unwrap(), b'a'][..],
            bad,
        ]
        .concat();
        let member = |name: &[u8]| {
            [
                &[0xbf, 0x60 + u8::try_from(name.len()).unwrap()][..],
                name,
                &text,
                &[0xff],
            ]
            .concat()
        };
        invalid(run(
            "cbor_output_10",
            "SimpleScalarProperties",
            200,
            &member(b"stringValue"),
        ));
        invalid(run(
            "cbor_output_10",
            "SimpleScalarProperties",
            200,
            &member(b"unknown"),
        ));
        invalid(run(
            "cbor_output_10",
            "SimpleScalarProperties",
            400,
            &member(b"message"),
        ));
    }
}

// ---------------------------------------------------------------------------------------------
// Duplicates: a member given twice is an error

/// A `CopySnapshot` response of ElastiCache (awsQuery) around the `<Snapshot>` content `inner`.
fn ec_snapshot(inner: &str) -> String {
    format!(
        "<CopySnapshotResponse><CopySnapshotResult><Snapshot>{inner}</Snapshot>\
         </CopySnapshotResult></CopySnapshotResponse>"
    )
}

#[test]
fn xml_members_given_twice_are_errors() {
    let ec = |body: &str| run("elasticache", "CopySnapshot", 200, body.as_bytes());
    // A scalar member.
    assert_invalid(
        ec(&ec_snapshot(
            "<SnapshotName>first</SnapshotName><Port>1</Port><SnapshotName>last</SnapshotName>",
        )),
        "member `SnapshotName` given twice in `Snapshot`",
    );
    // A nested structure.
    assert_invalid(
        ec("<CopySnapshotResponse><CopySnapshotResult>\
            <Snapshot><SnapshotName>a</SnapshotName></Snapshot>\
            <Snapshot><SnapshotName>b</SnapshotName></Snapshot>\
            </CopySnapshotResult></CopySnapshotResponse>"),
        "member `Snapshot` given twice in `CopySnapshotResult`",
    );
    // A wrapped list given twice; its repeated items are not duplicates.
    let nodes = "<NodeSnapshots><NodeSnapshot><CacheNodeId>a</CacheNodeId></NodeSnapshot>\
        <NodeSnapshot><CacheNodeId>b</CacheNodeId></NodeSnapshot></NodeSnapshots>";
    let value = output(ec(&ec_snapshot(nodes)));
    assert_eq!(
        value["Snapshot"]["NodeSnapshots"],
        json!([{"CacheNodeId": "a"}, {"CacheNodeId": "b"}])
    );
    assert_invalid(
        ec(&ec_snapshot(&format!("{nodes}{nodes}"))),
        "member `NodeSnapshots` given twice in `Snapshot`",
    );
    // The result wrapper and the request id.
    assert_invalid(
        ec(
            "<CopySnapshotResponse><CopySnapshotResult/><CopySnapshotResult/>\
            </CopySnapshotResponse>",
        ),
        "<CopySnapshotResult> given twice in <CopySnapshotResponse>",
    );
    assert_invalid(
        ec(
            "<CopySnapshotResponse><ResponseMetadata><RequestId>a</RequestId>\
            <RequestId>b</RequestId></ResponseMetadata></CopySnapshotResponse>",
        ),
        "request id given twice",
    );

    // A map key given twice, in a wrapped map and in a flattened one, or `<key>` twice in an
    // entry.
    let maps = "<XmlMapsResponse><XmlMapsResult><myMap>\
        <entry><key>a</key><value><hi>1</hi></value></entry>\
        <entry><key>b</key><value><hi>2</hi></value></entry>\
        <entry><key>a</key><value><hi>3</hi></value></entry>\
        </myMap></XmlMapsResult></XmlMapsResponse>";
    assert_invalid(
        run("query_output_22", "XmlMaps", 200, maps.as_bytes()),
        "map key `a` given twice",
    );
    let maps = "<XmlMapsResponse><XmlMapsResult><myMap>\
        <entry><key>a</key><key>b</key><value><hi>1</hi></value></entry>\
        </myMap></XmlMapsResult></XmlMapsResponse>";
    assert_invalid(
        run("query_output_22", "XmlMaps", 200, maps.as_bytes()),
        "member `key` given twice",
    );
    let flattened = |entries: &str| {
        format!(
            "<FlattenedXmlMapResponse><FlattenedXmlMapResult>{entries}\
             </FlattenedXmlMapResult></FlattenedXmlMapResponse>"
        )
    };
    let foo = "<myMap><key>foo</key><value>Foo</value></myMap>";
    let baz = "<myMap><key>baz</key><value>Baz</value></myMap>";
    let value = output(run(
        "query_output_02",
        "FlattenedXmlMap",
        200,
        flattened(&format!("{foo}{baz}")).as_bytes(),
    ));
    assert_eq!(value["myMap"], json!({"foo": "Foo", "baz": "Baz"}));
    assert_invalid(
        run(
            "query_output_02",
            "FlattenedXmlMap",
            200,
            flattened(&format!("{foo}{baz}{foo}")).as_bytes(),
        ),
        "map key `foo` given twice",
    );

    // Flattened lists are repeated elements: they accumulate, under either of their names.
    let lists = "<XmlListsResponse><XmlListsResult>\
        <flattenedList>hi</flattenedList><flattenedList>bye</flattenedList>\
        <customName>a</customName><customName>b</customName>\
        </XmlListsResult></XmlListsResponse>";
    let value = output(run("query_output_21", "XmlLists", 200, lists.as_bytes()));
    assert_eq!(value["flattenedList"], json!(["hi", "bye"]));
    assert_eq!(value["flattenedList2"], json!(["a", "b"]));

    // The error envelope: `<Code>`, `<Message>` or `<Type>` given twice in one `<Error>`.
    for twice in [
        "<Code>Ignored</Code><Code>SnapshotNotFoundFault</Code>",
        "<Code>SnapshotNotFoundFault</Code><Message>one</Message><Message>two</Message>",
        "<Code>SnapshotNotFoundFault</Code><Type>Sender</Type><Type>Receiver</Type>",
    ] {
        let error = format!("<ErrorResponse><Error>{twice}</Error></ErrorResponse>");
        assert_invalid(
            run("elasticache", "CopySnapshot", 404, error.as_bytes()),
            "given twice in <Error>",
        );
    }
    // Of two `<Error>` elements the first is read, as botocore does: not a duplicate member.
    let error = "<ErrorResponse><Error><Code>SnapshotNotFoundFault</Code>\
        <Message>one</Message></Error>\
        <Error><Code>SnapshotQuotaExceededFault</Code></Error></ErrorResponse>";
    match run("elasticache", "CopySnapshot", 404, error.as_bytes()) {
        Outcome::Error { code, message, .. } => {
            assert_eq!(code, "SnapshotNotFoundFault");
            assert_eq!(message.as_deref(), Some("one"));
        }
        other => panic!("{other:?}"),
    }
}

/// The same duplicates in JSON and CBOR (written by hand: `serde_json::Value` cannot hold a
/// duplicate key).
#[test]
fn json_and_cbor_members_given_twice_are_errors() {
    let cases = [
        // A scalar member.
        (
            r#"{"Snapshot":{"Name":"first","Status":"s","Name":"last"}}"#,
            "member `Name` given twice in `Snapshot`",
        ),
        // A nested structure, in the operation output and deeper.
        (
            r#"{"Snapshot":{"Name":"a"},"Snapshot":{"Name":"b"}}"#,
            "member `Snapshot` given twice in `CopySnapshotResponse`",
        ),
        (
            r#"{"Snapshot":{"ClusterConfiguration":{"Port":1},"ClusterConfiguration":{"Port":2}}}"#,
            "member `ClusterConfiguration` given twice in `Snapshot`",
        ),
        // A list.
        (
            r#"{"Snapshot":{"ClusterConfiguration":{"Shards":[{"Name":"a"}],"Shards":[{"Name":"b"}]}}}"#,
            "member `Shards` given twice in `ClusterConfiguration`",
        ),
    ];
    for (body, needle) in cases {
        assert_invalid(
            run("memorydb_json", "CopySnapshot", 200, body.as_bytes()),
            needle,
        );
        assert_invalid(
            run(
                "memorydb_cbor",
                "CopySnapshot",
                200,
                &text_json_to_cbor(body),
            ),
            needle,
        );
    }
    // `null` is absence, so a `null` occurrence never counts.
    for body in [
        r#"{"Snapshot":{"Name":null,"Name":"b"}}"#,
        r#"{"Snapshot":{"Name":"b","Name":null}}"#,
    ] {
        let value = output(run("memorydb_json", "CopySnapshot", 200, body.as_bytes()));
        assert_eq!(value["Snapshot"]["Name"], json!("b"));
    }

    // Map keys.
    let maps = r#"{"MapOfStrings":{"a":"1","b":"2","a":"3"}}"#;
    assert_invalid(
        run(
            "json_output_09",
            "KitchenSinkOperation",
            200,
            maps.as_bytes(),
        ),
        "map key `a` given twice",
    );
    let maps = r#"{"MapOfStrings":{"a":null,"b":"2","a":"3"}}"#;
    let value = output(run(
        "json_output_09",
        "KitchenSinkOperation",
        200,
        maps.as_bytes(),
    ));
    assert_eq!(value["MapOfStrings"], json!({"b": "2", "a": "3"}));
    let maps = r#"{"denseStringMap":{"a":"1","b":"2","a":"3"}}"#;
    assert_invalid(
        run(
            "cbor_output_08",
            "RpcV2CborDenseMaps",
            200,
            &text_json_to_cbor(maps),
        ),
        "map key `a` given twice",
    );

    // A union with a member given twice, or two members.
    for union in [
        r#"{"contents":{"stringValue":"a","stringValue":"b"}}"#,
        r#"{"contents":{"stringValue":"a","numberValue":1}}"#,
    ] {
        assert_invalid(
            run("json_output_08", "JsonUnions", 200, union.as_bytes()),
            "union with more than one member set",
        );
    }

    // The error envelope: `__type` or `message` given twice, even when the header names the
    // code; `__type` and `code` are two keys, not one given twice.
    let mut header = http::HeaderMap::new();
    header.insert("x-amzn-errortype", "SnapshotNotFoundFault".parse().unwrap());
    for error in [
        r#"{"__type":"Ignored","__type":"com.amazonaws.memorydb#SnapshotNotFoundFault"}"#,
        r#"{"__type":"SnapshotNotFoundFault","message":"one","message":"two"}"#,
    ] {
        for headers in [http::HeaderMap::new(), header.clone()] {
            assert_invalid(
                run_with(
                    "memorydb_json",
                    "CopySnapshot",
                    404,
                    &headers,
                    error.as_bytes(),
                ),
                "given twice in the error response",
            );
            assert_invalid(
                run_with(
                    "memorydb_cbor",
                    "CopySnapshot",
                    404,
                    &headers,
                    &text_json_to_cbor(error),
                ),
                "given twice in the error response",
            );
        }
    }
    let error =
        r#"{"code":"Ignored","__type":"SnapshotNotFoundFault","message":null,"message":"two"}"#;
    match run("memorydb_json", "CopySnapshot", 404, error.as_bytes()) {
        Outcome::Error { code, message, .. } => {
            assert_eq!(code, "SnapshotNotFoundFault");
            assert_eq!(message.as_deref(), Some("two"));
        }
        other => panic!("{other:?}"),
    }
}

/// JSON text (objects, arrays, strings, integers only) to CBOR, keeping duplicate keys.
fn text_json_to_cbor(text: &str) -> Vec<u8> {
    fn value(b: &[u8], i: &mut usize, out: &mut Vec<u8>) {
        match b[*i] {
            b'{' => {
                out.push(0xbf);
                *i += 1;
                while b[*i] != b'}' {
                    value(b, i, out);
                    assert_eq!(b[*i], b':');
                    *i += 1;
                    value(b, i, out);
                    if b[*i] == b',' {
                        *i += 1;
                    }
                }
                *i += 1;
                out.push(0xff);
            }
            b'[' => {
                out.push(0x9f);
                *i += 1;
                while b[*i] != b']' {
                    value(b, i, out);
                    if b[*i] == b',' {
                        *i += 1;
                    }
                }
                *i += 1;
                out.push(0xff);
            }
            b'"' => {
                let end = *i + 1 + b[*i + 1..].iter().position(|&c| c == b'"').unwrap();
                let s = &b[*i + 1..end];
                out.push(0x78);
                out.push(u8::try_from(s.len()).unwrap());
                out.extend_from_slice(s);
                *i = end + 1;
            }
            _ => {
                let end = *i + b[*i..].iter().position(|c| !c.is_ascii_digit()).unwrap();
                let n: u8 = std::str::from_utf8(&b[*i..end]).unwrap().parse().unwrap();
                out.extend_from_slice(&[0x18, n]);
                *i = end;
            }
        }
    }
    let mut out = Vec::new();
    value(text.as_bytes(), &mut 0, &mut out);
    out
}

// ---------------------------------------------------------------------------------------------
// Wide trees

#[test]
fn wide_trees_parse() {
    let n = 20_000;
    let members: String = (0..n)
        .map(|i| format!("\"Unknown{i}\":[{i},{{\"x\":null}}],"))
        .collect();
    let body = format!("{{{members}\"Snapshot\":{{\"Name\":\"x\"}}}}");
    let value = output(run("memorydb_json", "CopySnapshot", 200, body.as_bytes()));
    assert_eq!(value["Snapshot"]["Name"], json!("x"));

    let items: String = (0..n)
        .map(|i| format!("<NodeSnapshot><CacheNodeId>{i}</CacheNodeId></NodeSnapshot>"))
        .collect();
    let body = format!(
        "<CopySnapshotResponse><CopySnapshotResult><Snapshot><NodeSnapshots>{items}</NodeSnapshots></Snapshot></CopySnapshotResult></CopySnapshotResponse>"
    );
    let value = output(run("elasticache", "CopySnapshot", 200, body.as_bytes()));
    assert_eq!(
        value["Snapshot"]["NodeSnapshots"].as_array().unwrap().len(),
        n
    );

    let mut body = vec![0xbf, 0x68];
    body.extend_from_slice(b"Snapshot");
    body.push(0xbf);
    for i in 0..n {
        body.extend_from_slice(&[0x67]);
        body.extend_from_slice(b"Unknown");
        body.extend_from_slice(&[0x82, 0x19]);
        body.extend_from_slice(&u16::try_from(i).unwrap().to_be_bytes());
        body.extend_from_slice(&[0xa1, 0x61, b'x', 0xf6]);
    }
    body.extend_from_slice(&[0xff, 0xff]);
    output(run("memorydb_cbor", "CopySnapshot", 200, &body));
}

fn headers(pairs: &[(&str, &[u8])]) -> http::HeaderMap {
    let mut map = http::HeaderMap::new();
    for (name, value) in pairs {
        map.append(
            http::HeaderName::from_bytes(name.as_bytes()).expect("a valid name"),
            http::HeaderValue::from_bytes(value).expect("a valid value"),
        );
    }
    map
}

/// restJson1 binds headers and the status code into outputs and errors: a header that does not
/// read as its member's type (an integer out of range, a float or boolean that is not one, a
/// date that is not an HTTP date, a value that is not text) is an invalid response naming the
/// header, never a wrong value; absent headers leave their members unset; the JSON body keeps
/// the reader's bounds.
#[test]
fn rest_json_headers_and_status_are_bounded() {
    let io = ("rest_json_output_19", "InputAndOutputWithHeaders");
    let run = |pairs: &[(&str, &[u8])]| run_with(io.0, io.1, 200, &headers(pairs), b"");
    assert_eq!(
        output(run(&[("X-Integer", b"123"), ("X-Long", b"-9000000000")])),
        json!({"headerInteger": 123, "headerLong": -9_000_000_000_i64})
    );
    assert_eq!(output(run(&[])), json!({}));
    for (header, value) in [
        ("X-Integer", &b"99999999999"[..]),
        ("X-Integer", b"12a"),
        ("X-Long", b"99999999999999999999999"),
        ("X-Double", b"1.1.1"),
        ("X-Boolean1", b"yes"),
        ("X-IntegerList", b"1, two, 3"),
        ("X-TimestampList", b"Mon, 99 Foo 2019 23:48:18 GMT"),
        ("X-String", b"caf\xc3\xa9"),
    ] {
        let message = invalid(run(&[(header, value)]));
        assert!(
            message.contains(&header.to_ascii_lowercase()),
            "{header}: {message}"
        );
    }
    // Quoted list items and HTTP dates in lists.
    assert_eq!(
        output(run(&[
            ("X-StringList", br#""b,c", "\"def\"", a"#),
            (
                "X-TimestampList",
                b"Mon, 16 Dec 2019 23:48:18 GMT, Mon, 16 Dec 2019 23:48:18 GMT"
            ),
        ])),
        json!({
            "headerStringList": ["b,c", "\"def\"", "a"],
            "headerTimestampList": ["2019-12-16T23:48:18Z", "2019-12-16T23:48:18Z"],
        })
    );
    // The status code member takes any status a 2xx response has.
    assert_eq!(
        output(run_with(
            "rest_json_output_16",
            "HttpResponseCode",
            299,
            &http::HeaderMap::new(),
            b""
        )),
        json!({"Status": 299})
    );
    // An error's header members are bound too, and a bad one is an invalid response.
    let error = run_with(
        "rest_json_output_08",
        "GreetingWithErrors",
        403,
        &headers(&[("X-Amzn-Errortype", b"ComplexError"), ("X-Header", b"h")]),
        b"{}",
    );
    let Outcome::Error { code, fields, .. } = error else {
        panic!("expected an error, got {error:?}");
    };
    assert_eq!(code, "ComplexError");
    assert_eq!(fields["Header"], json!("h"));
    // A JSON body nested past the reader's bound (in a member that is skipped) is an error here too.
    let deep = ["[".repeat(200), "]".repeat(200)].concat();
    let body = format!("{{\"unknownMember\": {deep}}}");
    invalid(run_with(
        "rest_json_output_31",
        "RecursiveShapes",
        200,
        &http::HeaderMap::new(),
        body.as_bytes(),
    ));
}

/// `levels` nested structures of the recursive shapes output under the root element alone (ec2
/// and restXml responses have no result wrapper): one more level.
fn xml_recursive_unwrapped(root: &str, levels: usize) -> String {
    let wrapped = xml_recursive(levels);
    wrapped
        .replace(
            "<RecursiveXmlShapesResponse><RecursiveXmlShapesResult>",
            &format!("<{root}>"),
        )
        .replace(
            "</RecursiveXmlShapesResult></RecursiveXmlShapesResponse>",
            &format!("</{root}>"),
        )
}

/// The XML bound holds for ec2 and restXml responses too (one root element, then 63 levels).
#[test]
fn ec2_and_rest_xml_recursive_shapes_parse_up_to_the_bound_and_not_beyond() {
    for (module, operation, root) in [
        (
            "ec2_output_08",
            "RecursiveXmlShapes",
            "RecursiveXmlShapesResponse",
        ),
        (
            "rest_xml_output_27",
            "RecursiveShapes",
            "RecursiveShapesResponse",
        ),
    ] {
        let value = output(run(
            module,
            operation,
            200,
            xml_recursive_unwrapped(root, 63).as_bytes(),
        ));
        assert_eq!(
            depth_of(&value, &["nested", "recursiveMember"]),
            63,
            "{module}"
        );
        for levels in [64, 100_000] {
            assert_invalid(
                run(
                    module,
                    operation,
                    200,
                    xml_recursive_unwrapped(root, levels).as_bytes(),
                ),
                "nested deeper than 64",
            );
        }
    }
}

/// restXml binds headers and the status code as restJson1 does (the same binding): a header
/// that does not read as its member's type is an invalid response naming the header; an error's
/// header members are bound too; a member given twice in a restXml document is an error.
#[test]
fn rest_xml_headers_and_duplicates_are_bounded() {
    let io = ("rest_xml_output_22", "InputAndOutputWithHeaders");
    let run = |pairs: &[(&str, &[u8])]| run_with(io.0, io.1, 200, &headers(pairs), b"");
    assert_eq!(
        output(run(&[("X-Integer", b"123"), ("X-Long", b"-9000000000")])),
        json!({"headerInteger": 123, "headerLong": -9_000_000_000_i64})
    );
    for (header, value) in [
        ("X-Integer", &b"99999999999"[..]),
        ("X-Long", b"99999999999999999999999"),
        ("X-Double", b"1.1.1"),
        ("X-Boolean1", b"yes"),
        ("X-IntegerList", b"1, two, 3"),
    ] {
        let message = invalid(run(&[(header, value)]));
        assert!(
            message.contains(&header.to_ascii_lowercase()),
            "{header}: {message}"
        );
    }
    let body = "<ErrorResponse><Error><Code>ComplexError</Code><Message>Hi</Message>\
                <TopLevel>a</TopLevel></Error></ErrorResponse>";
    let error = run_with(
        "rest_xml_output_09",
        "GreetingWithErrors",
        403,
        &headers(&[("X-Header", b"h")]),
        body.as_bytes(),
    );
    let Outcome::Error { code, fields, .. } = error else {
        panic!("expected an error, got {error:?}");
    };
    assert_eq!(code, "ComplexError");
    assert_eq!(fields["Header"], json!("h"));
    assert_eq!(fields["TopLevel"], json!("a"));
    let twice = body.replace(
        "<TopLevel>a</TopLevel>",
        "<TopLevel>a</TopLevel><TopLevel>b</TopLevel>",
    );
    let error = run_with(
        "rest_xml_output_09",
        "GreetingWithErrors",
        403,
        &http::HeaderMap::new(),
        twice.as_bytes(),
    );
    assert_invalid(error, "TopLevel");
}

/// restXml binds the status code (any 2xx a success response has) and timestamp headers in
/// each of their formats, a header that is not a date of its format being an invalid response
/// naming it; below, the error statuses of restXml and ec2 go to the error envelope, and a
/// hostile response of either protocol (a document cut at any byte, markup that is not XML, an
/// HTML page from a 5xx, a header value that is not text) is an `Err`, never a panic.
#[test]
fn rest_xml_and_ec2_status_codes_and_hostile_responses() {
    for status in [200, 201, 299] {
        assert_eq!(
            output(run_with(
                "rest_xml_output_19",
                "HttpResponseCode",
                status,
                &http::HeaderMap::new(),
                b""
            )),
            json!({"Status": status})
        );
    }
    let timestamps = ("rest_xml_output_29", "TimestampFormatHeaders");
    let value = output(run_with(
        timestamps.0,
        timestamps.1,
        200,
        &headers(&[
            ("X-memberEpochSeconds", b"1576540098"),
            ("X-memberHttpDate", b"Mon, 16 Dec 2019 23:48:18 GMT"),
            ("X-memberDateTime", b"2019-12-16T23:48:18Z"),
        ]),
        b"",
    ));
    assert_eq!(
        value,
        json!({
            "memberEpochSeconds": "2019-12-16T23:48:18Z",
            "memberHttpDate": "2019-12-16T23:48:18Z",
            "memberDateTime": "2019-12-16T23:48:18Z",
        })
    );
    for (header, value) in [
        (
            "X-memberEpochSeconds",
            &b"Mon, 16 Dec 2019 23:48:18 GMT"[..],
        ),
        ("X-memberHttpDate", b"2019-12-16T23:48:18Z"),
        ("X-memberDateTime", b"1576540098"),
        ("X-defaultFormat", b"Mon, 99 Foo 2019 23:48:18 GMT"),
        ("X-memberDateTime", b"caf\xc3\xa9"),
    ] {
        let message = invalid(run_with(
            timestamps.0,
            timestamps.1,
            200,
            &headers(&[(header, value)]),
            b"",
        ));
        assert!(
            message.contains(&header.to_ascii_lowercase()),
            "{header}: {message}"
        );
    }

    // Error statuses: the envelope's code, whatever the status; a 5xx HTML page or an empty
    // body is the generic error named by the status.
    let rest_xml_error = "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidGreeting</Code>\
                          <Message>Hi</Message></Error><RequestId>foo-id</RequestId></ErrorResponse>";
    let ec2_error = "<Response><Errors><Error><Code>InvalidGreeting</Code><Message>Hi</Message>\
                     </Error></Errors><RequestID>foo-id</RequestID></Response>";
    let rest_xml = ("rest_xml_output_09", "GreetingWithErrors");
    let ec2 = ("ec2_output_03", "GreetingWithErrors");
    for ((module, operation), body) in [(rest_xml, rest_xml_error), (ec2, ec2_error)] {
        for status in [400, 404, 500] {
            let outcome = run(module, operation, status, body.as_bytes());
            let Outcome::Error { code, message, .. } = outcome else {
                panic!("{module} {status}: expected an error, got {outcome:?}");
            };
            assert_eq!(code, "InvalidGreeting", "{module} {status}");
            assert_eq!(message.as_deref(), Some("Hi"), "{module} {status}");
        }
        for body in [&b"<html><body>Bad Gateway</body></html>"[..], b""] {
            let outcome = run(module, operation, 502, body);
            let Outcome::Error { code, .. } = outcome else {
                panic!("{module}: expected the generic error, got {outcome:?}");
            };
            assert_eq!(code, "502", "{module}");
        }
        // Cut at every byte, as an error and as a success: an outcome, never a panic; a cut
        // inside the markup is never a success.
        for status in [200, 400] {
            for cut in 1..body.len() {
                let outcome = run(module, operation, status, &body.as_bytes()[..cut]);
                if status == 400 {
                    assert!(
                        !matches!(outcome, Outcome::Output(_)),
                        "{module}: an error status read as a success at byte {cut}"
                    );
                }
            }
        }
        // Not XML at all, and XML with a doctype bomb's entity reference.
        for body in [
            &b"\x00\x01\x02garbage"[..],
            b"<a><b></a></b>",
            b"<!DOCTYPE x [<!ENTITY a \"aaaa\">]><Response>&a;&a;</Response>",
        ] {
            // At 200 the operation's output has no body member, so the body is not read: an
            // outcome, never a panic. At 400 it is never a success.
            let _ = run(module, operation, 200, body);
            let outcome = run(module, operation, 400, body);
            assert!(
                !matches!(outcome, Outcome::Output(_)),
                "{module} 400 {}: {outcome:?}",
                String::from_utf8_lossy(body)
            );
        }
    }
    // A restXml error's header member that is not text: invalid, naming it.
    let outcome = run_with(
        rest_xml.0,
        rest_xml.1,
        403,
        &headers(&[("X-Header", b"caf\xc3\xa9")]),
        "<ErrorResponse><Error><Code>ComplexError</Code></Error></ErrorResponse>".as_bytes(),
    );
    assert_invalid(outcome, "x-header");
}
