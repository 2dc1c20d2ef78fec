//! `Document`: an untyped, JSON-like value (Smithy `document` shapes), with serde support as
//! plain JSON behind the `serde` feature.

use std::collections::BTreeMap;

/// A number in a [`Document`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    /// A non-negative integer.
    PosInt(u64),
    /// A negative integer.
    NegInt(i64),
    /// A number with a fraction or an exponent, or too large for 64 bits.
    Float(f64),
}

impl Number {
    /// The number as an `f64` (integers beyond 2^53 are rounded).
    pub fn as_f64(self) -> f64 {
        match self {
            Number::PosInt(v) => v as f64,
            Number::NegInt(v) => v as f64,
            Number::Float(v) => v,
        }
    }

    /// A number from an `i64`: `PosInt` when non-negative, else `NegInt`.
    pub fn from_i64(value: i64) -> Self {
        match u64::try_from(value) {
            Ok(v) => Number::PosInt(v),
            Err(_) => Number::NegInt(value),
        }
    }
}

/// An untyped value: what a `document` member holds. Objects keep their keys sorted (the
/// protocols give object keys no order).
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Document {
    /// `null`.
    #[default]
    Null,
    /// A boolean.
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Document>),
    /// An object.
    Object(BTreeMap<String, Document>),
}

impl From<bool> for Document {
    fn from(value: bool) -> Self {
        Document::Bool(value)
    }
}

impl From<i64> for Document {
    fn from(value: i64) -> Self {
        Document::Number(Number::from_i64(value))
    }
}

impl From<f64> for Document {
    fn from(value: f64) -> Self {
        Document::Number(Number::Float(value))
    }
}

impl From<&str> for Document {
    fn from(value: &str) -> Self {
        Document::String(value.to_owned())
    }
}

impl From<String> for Document {
    fn from(value: String) -> Self {
        Document::String(value)
    }
}

impl From<Vec<Document>> for Document {
    fn from(value: Vec<Document>) -> Self {
        Document::Array(value)
    }
}

impl From<BTreeMap<String, Document>> for Document {
    fn from(value: BTreeMap<String, Document>) -> Self {
        Document::Object(value)
    }
}

/// Serializes as the plain JSON value.
#[cfg(feature = "serde")]
impl serde::Serialize for Document {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Document::Null => serializer.serialize_unit(),
            Document::Bool(v) => serializer.serialize_bool(*v),
            Document::Number(Number::PosInt(v)) => serializer.serialize_u64(*v),
            Document::Number(Number::NegInt(v)) => serializer.serialize_i64(*v),
            Document::Number(Number::Float(v)) => serializer.serialize_f64(*v),
            Document::String(v) => serializer.serialize_str(v),
            Document::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Document::Object(members) => {
                let mut map = serializer.serialize_map(Some(members.len()))?;
                for (k, v) in members {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

/// Deserializes from any plain JSON value.
#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Document {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(DocumentVisitor)
    }
}

#[cfg(feature = "serde")]
struct DocumentVisitor;

#[cfg(feature = "serde")]
impl<'de> serde::de::Visitor<'de> for DocumentVisitor {
    type Value = Document;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> Result<Document, E> {
        Ok(Document::Null)
    }

    fn visit_none<E>(self) -> Result<Document, E> {
        Ok(Document::Null)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Document, D::Error> {
        serde::Deserialize::deserialize(d)
    }

    fn visit_bool<E>(self, v: bool) -> Result<Document, E> {
        Ok(Document::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Document, E> {
        Ok(Document::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Document, E> {
        Ok(Document::Number(Number::PosInt(v)))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Document, E> {
        Ok(Document::Number(Number::Float(v)))
    }

    fn visit_str<E>(self, v: &str) -> Result<Document, E> {
        Ok(Document::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Document, E> {
        Ok(Document::String(v))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Document, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Document::Array(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Document, A::Error> {
        let mut members = BTreeMap::new();
        while let Some((k, v)) = map.next_entry::<String, Document>()? {
            members.insert(k, v);
        }
        Ok(Document::Object(members))
    }
}
