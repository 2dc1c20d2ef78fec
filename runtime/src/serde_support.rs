//! serde helpers used by the derived `Serialize`/`Deserialize` of generated types (behind the
//! `serde` feature).

use serde::{Deserialize, Deserializer};

/// Deserializes a required member: the key must be present and not `null`. Used as
/// `deserialize_with` on required members, which are `Option` fields so that responses missing
/// them still parse.
pub fn required<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

/// Floats that JSON cannot represent: serde writes `NaN`, `Infinity` and `-Infinity` as those
/// strings (as botocore-style params do) and reads them back; finite values are numbers. Used
/// as `with` on `Option<f32>`/`Option<f64>` members.
pub mod float {
    use serde::de::{self, Deserializer, Visitor};
    use serde::ser::Serializer;

    /// `f32` or `f64`.
    pub trait Float: Copy {
        /// Widens to `f64`.
        fn to_f64(self) -> f64;
        /// Narrows from `f64`.
        fn from_f64(value: f64) -> Self;
    }

    impl Float for f32 {
        fn to_f64(self) -> f64 {
            f64::from(self)
        }
        fn from_f64(value: f64) -> Self {
            value as f32
        }
    }

    impl Float for f64 {
        fn to_f64(self) -> f64 {
            self
        }
        fn from_f64(value: f64) -> Self {
            value
        }
    }

    /// Serializes an optional float.
    pub fn serialize<S: Serializer, F: Float>(
        value: &Option<F>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value.map(Float::to_f64) {
            None => serializer.serialize_none(),
            Some(f) if f.is_nan() => serializer.serialize_str("NaN"),
            Some(f) if f == f64::INFINITY => serializer.serialize_str("Infinity"),
            Some(f) if f == f64::NEG_INFINITY => serializer.serialize_str("-Infinity"),
            Some(f) => serializer.serialize_f64(f),
        }
    }

    /// Deserializes an optional float from a number, one of the three strings, or `null`.
    pub fn deserialize<'de, D: Deserializer<'de>, F: Float>(
        deserializer: D,
    ) -> Result<Option<F>, D::Error> {
        deserializer
            .deserialize_any(FloatVisitor)
            .map(|f| f.map(F::from_f64))
    }

    /// Like [`deserialize`], for a required member: `null` is an error.
    pub fn deserialize_required<'de, D: Deserializer<'de>, F: Float>(
        deserializer: D,
    ) -> Result<Option<F>, D::Error> {
        match deserialize(deserializer)? {
            Some(f) => Ok(Some(f)),
            None => Err(de::Error::custom("a required float member is null")),
        }
    }

    struct FloatVisitor;

    impl<'de> Visitor<'de> for FloatVisitor {
        type Value = Option<f64>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a number, \"NaN\", \"Infinity\" or \"-Infinity\"")
        }

        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(Some(v))
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v as f64))
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(v as f64))
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            match v {
                "NaN" => Ok(Some(f64::NAN)),
                "Infinity" => Ok(Some(f64::INFINITY)),
                "-Infinity" => Ok(Some(f64::NEG_INFINITY)),
                other => Err(E::invalid_value(de::Unexpected::Str(other), &self)),
            }
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(
            self,
            deserializer: D,
        ) -> Result<Self::Value, D::Error> {
            deserializer.deserialize_any(self)
        }
    }
}
