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
