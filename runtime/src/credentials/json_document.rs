//! The JSON documents credential sources answer with (instance metadata, the container
//! endpoint, `credential_process`): a flat object whose string and number members are kept,
//! read with the runtime's JSON reader. Errors name the member, never a value: the documents
//! hold secrets.

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

use crate::credentials::Credentials;
use crate::json::{JsonReader, Kind};
use crate::timestamp::DateTime;

/// A credentials document: its top-level string and number members.
#[derive(Debug)]
pub struct Document(BTreeMap<String, String>);

/// Reads `body` as one JSON object.
pub fn parse(body: &[u8]) -> Result<Document, String> {
    let invalid = |e: crate::json::JsonError| {
        format!(
            "the response is not a valid JSON object (at byte {})",
            e.offset()
        )
    };
    let mut reader = JsonReader::new(body).map_err(invalid)?;
    let mut object = reader.begin_object().map_err(invalid)?;
    let mut members = BTreeMap::new();
    while let Some(key) = reader.next_key(&mut object).map_err(invalid)? {
        let key = key.into_owned();
        match reader.peek().map_err(invalid)? {
            Kind::String => {
                let value = reader.string().map_err(invalid)?.into_owned();
                members.insert(key, value);
            }
            Kind::Number => {
                let value = reader.number_text().map_err(invalid)?.to_owned();
                members.insert(key, value);
            }
            _ => reader.skip().map_err(invalid)?,
        }
    }
    reader.finish().map_err(invalid)?;
    Ok(Document(members))
}

impl Document {
    /// A member's text (strings and numbers).
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(String::as_str)
    }

    /// Credentials from the members named: key id and secret required, token and expiry
    /// (RFC 3339) optional.
    pub fn credentials(
        &self,
        key_id: &str,
        secret: &str,
        token: &str,
        expiration: &str,
    ) -> Result<Credentials, String> {
        let required = |key: &str| {
            self.get(key)
                .filter(|v| !v.is_empty())
                .ok_or_else(|| format!("the response has no `{key}`"))
        };
        let credentials = Credentials::new(
            required(key_id)?,
            required(secret)?,
            self.get(token).filter(|v| !v.is_empty()).map(str::to_owned),
        );
        match self.get(expiration) {
            None => Ok(credentials),
            Some(text) => Ok(credentials.with_expiry(parse_expiry(text).ok_or_else(|| {
                format!("`{expiration}` is not an RFC 3339 timestamp: {text:?}")
            })?)),
        }
    }
}

/// An RFC 3339 timestamp as a `SystemTime`.
pub fn parse_expiry(text: &str) -> Option<SystemTime> {
    let time = DateTime::parse_date_time(text).ok()?;
    let secs = u64::try_from(time.secs()).ok()?;
    Some(SystemTime::UNIX_EPOCH + Duration::new(secs, time.subsec_nanos()))
}
