//! `Blob`: the bytes of a `blob` member. Base64 on the wire of the text protocols and in serde.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

/// Binary data.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Blob {
    bytes: Vec<u8>,
}

impl Blob {
    /// Wraps bytes.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Self {
            bytes: bytes.into(),
        }
    }

    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The bytes, owned.
    pub fn into_inner(self) -> Vec<u8> {
        self.bytes
    }

    /// Standard base64 with padding, as the text protocols send blobs.
    pub fn to_base64(&self) -> String {
        STANDARD.encode(&self.bytes)
    }

    /// Decodes standard base64 (padding optional, surrounding whitespace ignored).
    pub fn from_base64(text: &str) -> Result<Self, base64::DecodeError> {
        let text = text.trim();
        let decoded = match STANDARD.decode(text) {
            Ok(bytes) => bytes,
            Err(_) => base64::engine::general_purpose::STANDARD_NO_PAD.decode(text)?,
        };
        Ok(Self::new(decoded))
    }
}

impl AsRef<[u8]> for Blob {
    fn as_ref(&self) -> &[u8] {
        &self.bytes
    }
}

impl From<Vec<u8>> for Blob {
    fn from(bytes: Vec<u8>) -> Self {
        Self::new(bytes)
    }
}

impl From<&[u8]> for Blob {
    fn from(bytes: &[u8]) -> Self {
        Self::new(bytes)
    }
}

impl From<&str> for Blob {
    fn from(text: &str) -> Self {
        Self::new(text.as_bytes())
    }
}

impl From<String> for Blob {
    fn from(text: String) -> Self {
        Self::new(text.into_bytes())
    }
}

/// Serializes as a base64 string.
#[cfg(feature = "serde")]
impl serde::Serialize for Blob {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_base64())
    }
}

/// Deserializes from a base64 string.
#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Blob {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Blob::from_base64(&text).map_err(serde::de::Error::custom)
    }
}
