//! The signing key, derived once per date and cached, and the HMAC and date helpers.

use std::fmt::Write as _;
use std::time::SystemTime;

use hmac::{KeyInit, Mac};

use crate::timestamp::DateTime;

use super::{HmacSha256, Signer};

impl Signer {
    /// The HMAC keyed with the signing key of `date`, derived once per date.
    pub(super) fn keyed_mac(&self, date: [u8; 8]) -> HmacSha256 {
        let mut cache = self
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((cached, mac)) = cache.as_ref()
            && *cached == date
        {
            return mac.clone();
        }
        let key = signing_key(
            self.credentials.secret_access_key(),
            &date,
            &self.region,
            &self.service,
        );
        let mac = new_mac(&key);
        *cache = Some((date, mac.clone()));
        mac
    }
}

/// The SigV4 signing key: `HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service),
/// "aws4_request")`.
pub fn signing_key(secret: &str, date: &[u8], region: &str, service: &str) -> [u8; 32] {
    let mut key = Vec::with_capacity(4 + secret.len());
    key.extend_from_slice(b"AWS4");
    key.extend_from_slice(secret.as_bytes());
    let k_date = hmac(&key, date);
    let k_region = hmac(&k_date, region.as_bytes());
    let k_service = hmac(&k_region, service.as_bytes());
    hmac(&k_service, b"aws4_request")
}

pub(super) fn new_mac(key: &[u8]) -> HmacSha256 {
    // HMAC takes keys of any length, so this never fails.
    match HmacSha256::new_from_slice(key) {
        Ok(mac) => mac,
        Err(_) => unreachable!("HMAC accepts keys of any length"),
    }
}

pub(super) fn hmac(key: &[u8], data: &[u8]) -> [u8; 32] {
    let mut mac = new_mac(key);
    mac.update(data);
    mac.finalize().into_bytes().into()
}

/// `x-amz-date` (`20150830T123600Z`) and the scope date (`20150830`) of `time`.
pub(super) fn amz_date(time: SystemTime) -> ([u8; 16], [u8; 8]) {
    let secs = match time.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_secs()).unwrap_or(i64::MAX),
    };
    let (y, mo, d, h, mi, s) = DateTime::from_secs(secs).to_ymd_hms();
    let mut text = String::with_capacity(16);
    let _ = write!(
        text,
        "{:04}{mo:02}{d:02}T{h:02}{mi:02}{s:02}Z",
        y.clamp(0, 9999)
    );
    // Both arrays are filled by zipping, so nothing here can index out of bounds.
    let mut amz = [b'0'; 16];
    for (slot, byte) in amz.iter_mut().zip(text.bytes()) {
        *slot = byte;
    }
    let mut date = [b'0'; 8];
    for (slot, byte) in date.iter_mut().zip(amz) {
        *slot = byte;
    }
    (amz, date)
}
