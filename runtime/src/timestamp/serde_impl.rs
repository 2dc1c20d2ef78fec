//! serde support: a [`DateTime`] serializes as an exact RFC 3339 string and deserializes from
//! any timestamp format or a number of epoch seconds.

use std::fmt;

use super::DateTime;

impl serde::Serialize for DateTime {
    /// Serializes as an RFC 3339 date-time string with every significant fraction digit, like
    /// [`DateTime::fmt_date_time_exact`], so that a value survives a serde round trip.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = String::with_capacity(30);
        self.fmt_date_time_exact(&mut out);
        serializer.serialize_str(&out)
    }
}

impl<'de> serde::Deserialize<'de> for DateTime {
    /// Deserializes from a string in any format [`DateTime::parse_any`] accepts (RFC 3339,
    /// http-date, or epoch seconds) or from a number of epoch seconds, integer or float (read
    /// like [`DateTime::from_secs_f64`]).
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(DateTimeVisitor)
    }
}

struct DateTimeVisitor;

impl serde::de::Visitor<'_> for DateTimeVisitor {
    type Value = DateTime;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a timestamp: an RFC 3339 string or a number of epoch seconds")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<DateTime, E> {
        DateTime::parse_any(v).map_err(E::custom)
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<DateTime, E> {
        Ok(DateTime::from_secs(v))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<DateTime, E> {
        i64::try_from(v)
            .map(DateTime::from_secs)
            .map_err(|_| E::custom("epoch seconds out of range"))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<DateTime, E> {
        DateTime::from_secs_f64(v).ok_or_else(|| E::custom("epoch seconds out of range"))
    }
}
