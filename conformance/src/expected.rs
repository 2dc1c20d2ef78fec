//! How many cases each vendored suite file holds, counted independently of the runner
//! (`jq '[.[].cases | length] | add' FILE`). The runner fails when a file runs a different number
//! of cases (a truncated or unread file, a suite that silently ran nothing), when a file has no
//! entry here, and when an entry names no file it ran.

/// `(file, cases)`, file relative to `tests/protocol-tests/botocore/`.
pub const CASES: &[(&str, usize)] = &[
    ("input/query.json", 38),
    ("output/query.json", 38),
    ("legacy/input/query.json", 25),
    ("legacy/output/query.json", 19),
    ("input/json.json", 54),
    ("output/json.json", 58),
    ("legacy/input/json.json", 24),
    ("legacy/output/json.json", 20),
    ("input/smithy-rpc-v2-cbor.json", 15),
    ("output/smithy-rpc-v2-cbor.json", 35),
    ("input/json_1_0.json", 21),
    ("output/json_1_0.json", 32),
    ("input/json_1_0-query-compatible.json", 1),
    ("output/json_1_0-query-compatible.json", 2),
    ("input/smithy-rpc-v2-cbor-query-compatible.json", 1),
    ("output/smithy-rpc-v2-cbor-query-compatible.json", 2),
    ("input/smithy-rpc-v2-cbor-non-query-compatible.json", 1),
    ("input/rest-json.json", 113),
    ("output/rest-json.json", 91),
    ("legacy/input/rest-json.json", 56),
    ("legacy/output/rest-json.json", 33),
    ("input/ec2.json", 29),
    ("output/ec2.json", 29),
    ("legacy/input/ec2.json", 12),
    ("legacy/output/ec2.json", 13),
    ("input/rest-xml.json", 94),
    ("output/rest-xml.json", 78),
    ("legacy/input/rest-xml.json", 45),
    ("legacy/output/rest-xml.json", 25),
];
