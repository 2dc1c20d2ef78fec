//! Reading and writing [`Document`] values as CBOR data items (maps, arrays, text, numbers,
//! booleans, null).

use std::collections::BTreeMap;

use minicbor::data::Type;

use super::cbor::{CborError, CborReader, CborWriter};
use super::document::{Document, Number};

/// Reads any CBOR item as a document (`null`/`undefined` included; nesting bounded by the
/// reader). Byte strings and tags other than those of numbers are errors.
pub fn read(r: &mut CborReader<'_>) -> Result<Document, CborError> {
    Ok(match r.peek()? {
        Type::Null | Type::Undefined => {
            r.null()?;
            Document::Null
        }
        Type::Bool => Document::Bool(r.bool()?),
        Type::String | Type::StringIndef => Document::String(r.string()?.into_owned()),
        Type::U8 | Type::U16 | Type::U32 | Type::U64 => match r.int::<i64>() {
            Ok(v) => Document::from(v),
            Err(_) => Document::Number(Number::Float(r.f64()?)),
        },
        Type::I8 | Type::I16 | Type::I32 | Type::I64 | Type::Int => {
            Document::Number(Number::from_i64(r.int::<i64>()?))
        }
        Type::F16 | Type::F32 | Type::F64 => Document::Number(Number::Float(r.f64()?)),
        Type::Array | Type::ArrayIndef => {
            let mut items = Vec::new();
            let mut array = r.begin_array()?;
            while r.next_item(&mut array)? {
                items.push(read(r)?);
            }
            Document::Array(items)
        }
        Type::Map | Type::MapIndef => {
            let mut members = BTreeMap::new();
            let mut object = r.begin_object()?;
            while let Some(key) = r.next_key(&mut object)? {
                let value = read(r)?;
                members.insert(key.into_owned(), value);
            }
            Document::Object(members)
        }
        other => return Err(r.error(format!("unexpected {other} in a document"))),
    })
}

/// Writes a document as the corresponding CBOR item.
pub fn write(w: &mut CborWriter, value: &Document) {
    match value {
        Document::Null => w.null(),
        Document::Bool(v) => w.bool(*v),
        Document::Number(Number::PosInt(v)) => w.uint(*v),
        Document::Number(Number::NegInt(v)) => w.int(*v),
        Document::Number(Number::Float(v)) => w.f64(*v),
        Document::String(v) => w.string(v),
        Document::Array(items) => {
            w.begin_array(items.len());
            for item in items {
                write(w, item);
            }
            w.end_array();
        }
        Document::Object(members) => {
            w.begin_map(members.len());
            for (k, v) in members {
                w.key(k);
                write(w, v);
            }
            w.end_map();
        }
    }
}
