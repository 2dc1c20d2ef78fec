//! SigV4 signing of the messages of an input event stream (what a client sends on a
//! bidirectional stream): each message is wrapped in a message whose payload is the encoded
//! original and whose headers are `:date` (the signing time, whole seconds) and
//! `:chunk-signature` (the signature's 32 bytes). The signature chains: its string to sign
//! names the previous signature, the first one the request's own (the seed, from its
//! `authorization` header); an empty message signed the same way ends the stream.
//!
//! String to sign, as the AWS documentation gives it (Transcribe, "Setting up a streaming
//! session"): `AWS4-HMAC-SHA256-PAYLOAD`, the date-time (`20150830T123600Z`), the scope
//! (`20150830/<region>/<service>/aws4_request`), the previous signature in hex, the hex SHA-256
//! of the encoded `:date` header, and the hex SHA-256 of the payload, joined by newlines.
//!
//! Sans-IO; generated crates with an input event stream carry it (feature `sigv4`), and
//! `event_sender::Sender::signed` uses it.

use std::time::{Duration, SystemTime};

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

use super::{Header, HeaderValue, Message, encode};
use crate::credentials::Credentials;
use crate::sigv4::{SigningError, signing_key};
use crate::timestamp::DateTime;

/// Signs the messages of one input event stream, chaining each signature to the previous one.
#[derive(Debug)]
pub struct EventSigner {
    credentials: Credentials,
    region: String,
    service: String,
    previous: String,
}

impl EventSigner {
    /// A signer for a stream whose request was signed with `seed_signature` (the hex
    /// `Signature=` of its `authorization` header), for `region` and signing name `service`.
    pub fn new(
        credentials: Credentials,
        region: &str,
        service: &str,
        seed_signature: impl Into<String>,
    ) -> Self {
        Self {
            credentials,
            region: region.to_owned(),
            service: service.to_owned(),
            previous: seed_signature.into(),
        }
    }

    /// The signature of the last message signed (the seed before any), in hex.
    pub fn previous_signature(&self) -> &str {
        &self.previous
    }

    /// Signs `message` as of `time`: the wrapper message to send.
    pub fn sign(&mut self, message: &Message, time: SystemTime) -> Result<Message, SigningError> {
        let payload = encode(message).map_err(|e| SigningError::new(e.to_string()))?;
        self.sign_payload(payload, time)
    }

    /// The signed empty message that ends the stream.
    pub fn sign_end(&mut self, time: SystemTime) -> Result<Message, SigningError> {
        self.sign_payload(Vec::new(), time)
    }

    fn sign_payload(
        &mut self,
        payload: Vec<u8>,
        time: SystemTime,
    ) -> Result<Message, SigningError> {
        // The `:date` header and the date-time of the string to sign must agree: whole seconds.
        let secs = match time.duration_since(SystemTime::UNIX_EPOCH) {
            Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
            Err(e) => {
                let d = e.duration();
                // Round towards the past: a fraction before the epoch belongs to the second before.
                let whole = i64::try_from(d.as_secs()).unwrap_or(i64::MAX);
                if d > Duration::from_secs(d.as_secs()) {
                    -whole - 1
                } else {
                    -whole
                }
            }
        };
        let date = DateTime::from_secs(secs);
        let string_to_sign = self.string_to_sign(&payload, date)?;
        let (y, mo, d, ..) = date.to_ymd_hms();
        let scope_date = format!("{:04}{mo:02}{d:02}", y.clamp(0, 9999));
        let key = signing_key(
            self.credentials.secret_access_key(),
            scope_date.as_bytes(),
            &self.region,
            &self.service,
        );
        let mut mac = match Hmac::<Sha256>::new_from_slice(&key) {
            Ok(mac) => mac,
            Err(_) => unreachable!("HMAC accepts keys of any length"),
        };
        mac.update(string_to_sign.as_bytes());
        let signature: [u8; 32] = mac.finalize().into_bytes().into();
        self.previous = hex(&signature);
        Ok(Message {
            headers: vec![
                Header::new(
                    ":chunk-signature",
                    HeaderValue::ByteArray(signature.to_vec()),
                ),
                Header::new(":date", HeaderValue::Timestamp(date)),
            ],
            payload,
        })
    }

    /// The string to sign of `payload` at `date` (whole seconds), after the previous signature.
    pub fn string_to_sign(&self, payload: &[u8], date: DateTime) -> Result<String, SigningError> {
        let (y, mo, d, h, mi, s) = date.to_ymd_hms();
        let y = y.clamp(0, 9999);
        // The encoded `:date` header: what a message with only that header has between its
        // prelude and its payload.
        let date_only = encode(&Message {
            headers: vec![Header::new(":date", HeaderValue::Timestamp(date))],
            payload: Vec::new(),
        })
        .map_err(|e| SigningError::new(e.to_string()))?;
        let headers = date_only
            .get(12..date_only.len().saturating_sub(4))
            .unwrap_or_default();
        Ok(format!(
            "AWS4-HMAC-SHA256-PAYLOAD\n{y:04}{mo:02}{d:02}T{h:02}{mi:02}{s:02}Z\n{y:04}{mo:02}{d:02}/{}/{}/aws4_request\n{}\n{}\n{}",
            self.region,
            self.service,
            self.previous,
            hex(&Sha256::digest(headers)),
            hex(&Sha256::digest(payload)),
        ))
    }
}

/// Lowercase hex.
fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        for nibble in [b >> 4, b & 0xf] {
            out.push(char::from(
                DIGITS.get(usize::from(nibble)).copied().unwrap_or(b'0'),
            ));
        }
    }
    out
}
