//! [`Document`]s read and written through the [`Reader`] and [`Writer`] interface, the same
//! code for JSON and CBOR (generated code reaches it as `json_document` and `cbor_document`).

use std::collections::BTreeMap;

use super::{Decode, Encode, Kind, Reader, Writer};
use crate::document::{Document, Number};

/// A decoder that can also read a document's number (JSON keeps its text, CBOR its type).
pub trait NumberReader<'a>: Decode<'a> {
    /// Reads a number as the document number that keeps it exactly.
    fn number(&mut self) -> Result<Number, Self::Error>;
}

/// Reads one value as a [`Document`].
pub fn read<'a, D: NumberReader<'a>>(r: &mut Reader<D>) -> Result<Document, D::Error> {
    Ok(match r.kind()? {
        Kind::Null => {
            r.null()?;
            Document::Null
        }
        Kind::Bool => Document::Bool(r.bool()?),
        Kind::String => Document::String(r.string()?.into_owned()),
        Kind::Number => Document::Number(r.number()?),
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

/// Writes `value`.
pub fn write<E: Encode>(w: &mut Writer<E>, value: &Document) {
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
