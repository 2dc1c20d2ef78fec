//! Comparisons of request and response bodies: JSON values (numbers by value, so `1` equals
//! `1.0`), and CBOR data items (maps unordered, indefinite and definite lengths alike, floats of
//! any width by value).

use ciborium::Value as Cbor;
use serde_json::Value;

/// `Ok` when `actual` equals `expected`; otherwise where and how they differ.
pub fn json(expected: &Value, actual: &Value) -> Result<(), String> {
    json_at("$", expected, actual)
}

fn json_at(path: &str, expected: &Value, actual: &Value) -> Result<(), String> {
    match (expected, actual) {
        (Value::Number(a), Value::Number(b)) => {
            let equal = match (a.as_i64(), b.as_i64(), a.as_u64(), b.as_u64()) {
                (Some(x), Some(y), _, _) => x == y,
                (_, _, Some(x), Some(y)) => x == y,
                // A `float` member is an f32, which serde widens to f64 (1.2 becomes
                // 1.2000000476837158): equal at f32 precision is equal.
                _ => {
                    a.as_f64() == b.as_f64()
                        || a.as_f64().map(|x| x as f32) == b.as_f64().map(|y| y as f32)
                }
            };
            if equal {
                Ok(())
            } else {
                Err(format!("{path}: expected {a}, got {b}"))
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                return Err(format!(
                    "{path}: expected {} items, got {}: {actual}",
                    a.len(),
                    b.len()
                ));
            }
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                json_at(&format!("{path}[{i}]"), x, y)?;
            }
            Ok(())
        }
        (Value::Object(a), Value::Object(b)) => {
            for key in a.keys().chain(b.keys()) {
                match (a.get(key), b.get(key)) {
                    (Some(x), Some(y)) => json_at(&format!("{path}.{key}"), x, y)?,
                    (Some(x), None) => return Err(format!("{path}.{key}: expected {x}, missing")),
                    (None, Some(y)) => return Err(format!("{path}.{key}: unexpected {y}")),
                    (None, None) => {}
                }
            }
            Ok(())
        }
        (a, b) if a == b => Ok(()),
        (a, b) => Err(format!("{path}: expected {a}, got {b}")),
    }
}

/// Decodes a CBOR body (empty means no data item).
pub fn decode_cbor(bytes: &[u8]) -> Result<Option<Cbor>, String> {
    if bytes.is_empty() {
        return Ok(None);
    }
    ciborium::from_reader(bytes)
        .map(Some)
        .map_err(|e| format!("not CBOR: {e}"))
}

/// `Ok` when the two CBOR bodies hold equal data items.
pub fn cbor(expected: &[u8], actual: &[u8]) -> Result<(), String> {
    let e = decode_cbor(expected).map_err(|m| format!("expected body: {m}"))?;
    let a = decode_cbor(actual).map_err(|m| format!("actual body: {m}"))?;
    match (&e, &a) {
        (None, None) => Ok(()),
        (Some(x), Some(y)) if cbor_equal(x, y) => Ok(()),
        _ => Err(format!("expected {e:?}, got {a:?}")),
    }
}

fn cbor_equal(a: &Cbor, b: &Cbor) -> bool {
    match (a, b) {
        (Cbor::Map(x), Cbor::Map(y)) => {
            x.len() == y.len()
                && x.iter().all(|(k, v)| {
                    y.iter()
                        .any(|(k2, v2)| cbor_equal(k, k2) && cbor_equal(v, v2))
                })
        }
        (Cbor::Array(x), Cbor::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| cbor_equal(p, q))
        }
        (Cbor::Tag(t, x), Cbor::Tag(u, y)) => t == u && cbor_equal(x, y),
        (Cbor::Float(x), Cbor::Float(y)) => x == y || (x.is_nan() && y.is_nan()),
        (x, y) => x == y,
    }
}
