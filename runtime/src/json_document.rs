//! Reading and writing [`Document`] values in the awsJson wire format.

use std::collections::BTreeMap;

use super::document::{Document, Number};
use super::json::{JsonError, JsonReader, JsonWriter, Kind};

/// Reads any JSON value as a document (`null` included; nesting bounded by the reader).
pub fn read(r: &mut JsonReader<'_>) -> Result<Document, JsonError> {
    Ok(match r.peek()? {
        Kind::Null => {
            r.null()?;
            Document::Null
        }
        Kind::Bool => Document::Bool(r.bool()?),
        Kind::String => Document::String(r.string()?.into_owned()),
        Kind::Number => {
            let at = r.offset();
            let text = r.number_text()?;
            let number = if let Ok(v) = text.parse::<u64>() {
                Number::PosInt(v)
            } else if let Ok(v) = text.parse::<i64>() {
                Number::NegInt(v)
            } else {
                match text.parse::<f64>() {
                    Ok(v) if v.is_finite() => Number::Float(v),
                    _ => return Err(JsonError::new(at, "number out of range")),
                }
            };
            Document::Number(number)
        }
        Kind::Array => {
            let mut items = Vec::new();
            let mut array = r.begin_array()?;
            while r.next_item(&mut array)? {
                items.push(read(r)?);
            }
            Document::Array(items)
        }
        Kind::Object => {
            let mut members = BTreeMap::new();
            let mut object = r.begin_object()?;
            while let Some(key) = r.next_key(&mut object)? {
                let value = read(r)?;
                members.insert(key.into_owned(), value);
            }
            Document::Object(members)
        }
    })
}

/// Writes a document as the plain JSON value (non-finite floats as `"NaN"`, `"Infinity"`,
/// `"-Infinity"`).
pub fn write(w: &mut JsonWriter, value: &Document) {
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
