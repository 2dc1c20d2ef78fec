//! Golden wire tests of MemoryDB `CopySnapshot` in Smithy RPC v2 CBOR. The checked-in crate
//! holds one protocol (json), so these run against the copy the conformance package generates
//! with `protocol: Some(Protocol::RpcV2Cbor)` (`awsgen_conformance::memorydb_cbor`). The test
//! bodies are shared with `memorydb_json.rs` (see `memorydb_golden`); the bodies are the JSON
//! tests' values, encoded as CBOR (timestamps with tag 1).

mod memorydb_golden;

use awsgen_conformance::runtime::Operation as _;
use awsgen_conformance::runtime::ProvideErrorMetadata as _;
use minicbor::data::Type;
use serde_json::Value;

golden_tests!(
    awsgen_conformance::memorydb_cbor,
    |text: &str, timestamps: &[&str]| {
        let value: Value = serde_json::from_str(text).expect("JSON");
        let mut e = minicbor::Encoder::new(Vec::new());
        encode(&mut e, &value, timestamps, false);
        e.into_writer()
    },
    cbor_to_json,
    hex,
    malformed_cbor_bodies
);

/// Encodes a JSON value as CBOR: objects as indefinite-length maps (as Smithy services send
/// them), numbers as integers or float64, values under a timestamp key with tag 1.
fn encode(e: &mut minicbor::Encoder<Vec<u8>>, v: &Value, timestamps: &[&str], tagged: bool) {
    if tagged {
        e.tag(minicbor::data::Tag::new(1)).expect("vec");
    }
    match v {
        Value::Null => drop(e.null()),
        Value::Bool(b) => drop(e.bool(*b)),
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => drop(e.i64(i)),
            (None, Some(f)) => drop(e.f64(f)),
            _ => unreachable!("serde_json numbers are i64, u64 or f64"),
        },
        Value::String(s) => drop(e.str(s)),
        Value::Array(items) => {
            e.array(items.len() as u64).expect("vec");
            for item in items {
                encode(e, item, timestamps, false);
            }
        }
        Value::Object(members) => {
            e.begin_map().expect("vec");
            for (k, v) in members {
                e.str(k).expect("vec");
                encode(e, v, timestamps, timestamps.contains(&k.as_str()));
            }
            e.end().expect("vec");
        }
    }
}

/// Decodes a CBOR body into a JSON value (tags dropped, floats as numbers).
fn cbor_to_json(body: &[u8]) -> Value {
    let mut d = minicbor::Decoder::new(body);
    let value = decode_item(&mut d);
    assert_eq!(d.position(), body.len(), "trailing bytes");
    value
}

fn decode_item(d: &mut minicbor::Decoder<'_>) -> Value {
    match d.datatype().expect("an item") {
        Type::Tag => {
            d.tag().expect("tag");
            decode_item(d)
        }
        Type::Null => {
            d.null().expect("null");
            Value::Null
        }
        Type::Bool => Value::Bool(d.bool().expect("bool")),
        Type::String => Value::String(d.str().expect("text").to_owned()),
        Type::F32 | Type::F64 => serde_json::json!(d.f64().expect("float")),
        Type::Array => {
            let n = d.array().expect("array").expect("definite");
            Value::Array((0..n).map(|_| decode_item(d)).collect())
        }
        Type::Map | Type::MapIndef => {
            let len = d.map().expect("map");
            let mut out = serde_json::Map::new();
            let mut i = 0;
            loop {
                match len {
                    Some(n) if i == n => break,
                    None if d.datatype().expect("item") == Type::Break => {
                        d.skip().ok();
                        break;
                    }
                    _ => {}
                }
                let k = d.str().expect("key").to_owned();
                out.insert(k, decode_item(d));
                i += 1;
            }
            Value::Object(out)
        }
        _ => serde_json::json!(d.i64().expect("an integer")),
    }
}

/// The body as hex, 32 bytes a line, for the snapshot.
fn hex(body: &[u8]) -> String {
    body.chunks(32)
        .map(|c| c.iter().map(|b| format!("{b:02x}")).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Bodies that are not a `CopySnapshot` response.
fn malformed_cbor_bodies() -> Vec<Vec<u8>> {
    let snapshot = |inner: &[u8]| {
        let mut b = vec![0xa1, 0x68];
        b.extend_from_slice(b"Snapshot");
        b.extend_from_slice(inner);
        b
    };
    let mut bodies = vec![
        vec![0xbf],                                                        // unterminated map
        vec![0xa1],                                                        // map missing its entry
        vec![0xa1, 0x68, b'S'],                                            // truncated key
        vec![0x9f, 0xff],                                                  // an array, not a map
        vec![0xf6],                                                        // null
        vec![0xff],                                                        // a lone break
        vec![0x1c],                                            // reserved additional info
        snapshot(&[0xa1, 0x64, b'N', b'a', b'm', b'e', 0x05]), // Name: 5
        snapshot(&[0xa1, 0x64, b'N', b'a', b'm', b'e', 0x62, 0xff, 0xfe]), // Name: invalid UTF-8
        snapshot(&[0x80]),                                     // Snapshot: []
        // Port: 2^40, out of i32 range.
        snapshot(&[
            0xa1, 0x74, b'C', b'l', b'u', b's', b't', b'e', b'r', b'C', b'o', b'n', b'f', b'i',
            b'g', b'u', b'r', b'a', b't', b'i', b'o', b'n', 0xa1, 0x64, b'P', b'o', b'r', b't',
            0x1b, 0, 0, 1, 0, 0, 0, 0, 0,
        ]),
        // A map declaring 2^64-1 entries with none present.
        vec![0xbb, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
        // A text string declaring 2^63 bytes.
        snapshot(&[
            0xa1, 0x64, b'N', b'a', b'm', b'e', 0x7b, 0x80, 0, 0, 0, 0, 0, 0, 0,
        ]),
        // Trailing bytes after a complete item.
        vec![0xa0, 0x00],
    ];
    // Nesting beyond the reader's limit: in an unknown member (skipped) and a known one.
    let mut deep = vec![0xa1, 0x61, b'X'];
    deep.extend(std::iter::repeat_n(0x81, 100_000));
    bodies.push(deep);
    let mut deep_indef = vec![0xbf, 0x61, b'X'];
    deep_indef.extend(std::iter::repeat_n(0x9f, 100_000));
    bodies.push(deep_indef);
    bodies
}
