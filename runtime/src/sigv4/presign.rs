//! Presigned URLs: query-string authentication with an expiry.

use std::fmt::Write as _;
use std::time::{Duration, SystemTime};

use hmac::Mac;
use sha2::{Digest, Sha256};

use super::canonical::{canonical_query, canonical_value, hex_into, unreserved};
use super::key::amz_date;
use super::{MAX_PRESIGN_EXPIRY, Signer, SigningError, UNSIGNED_PAYLOAD};

impl Signer {
    /// A presigned URL for `request` as of `time`, valid for `expires` (at most seven days):
    /// the request's URI with the query-string authentication parameters (`X-Amz-Algorithm`,
    /// `X-Amz-Credential`, `X-Amz-Date`, `X-Amz-Expires`, `X-Amz-SignedHeaders=host`,
    /// `X-Amz-Security-Token` with a session token, and `X-Amz-Signature`) appended. Only the
    /// host is signed and the payload is `UNSIGNED-PAYLOAD`, so whoever holds the URL can send
    /// the request (a PUT with any body) with a plain HTTP client until it expires. The host is
    /// the request's `host` header, else its URI's authority.
    pub fn presign<B>(
        &self,
        request: &http::Request<B>,
        time: SystemTime,
        expires: Duration,
    ) -> Result<http::Uri, SigningError> {
        if expires.is_zero() || expires > MAX_PRESIGN_EXPIRY {
            return Err(SigningError(format!(
                "a presigned URL expires after 1 s to 7 days, not {expires:?}"
            )));
        }
        let host = match request.headers().get(http::header::HOST) {
            Some(h) => h
                .to_str()
                .map_err(|_| SigningError("the host is not text".into()))?,
            None => request
                .uri()
                .authority()
                .map(http::uri::Authority::as_str)
                .ok_or_else(|| SigningError("the request has no host to presign for".into()))?,
        };
        let (amz_date, date) = amz_date(time);
        let amz_date = std::str::from_utf8(&amz_date).unwrap_or_default();
        let scope_date = std::str::from_utf8(&date).unwrap_or_default();
        let mut auth = String::new();
        let mut push = |name: &str, value: &str| {
            auth.push('&');
            auth.push_str(name);
            auth.push('=');
            for b in value.bytes() {
                if unreserved(b) {
                    auth.push(char::from(b));
                } else {
                    let _ = write!(auth, "%{b:02X}");
                }
            }
        };
        push("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
        push(
            "X-Amz-Credential",
            &format!(
                "{}/{scope_date}/{}/{}/aws4_request",
                self.credentials.access_key_id(),
                self.region,
                self.service
            ),
        );
        push("X-Amz-Date", amz_date);
        push("X-Amz-Expires", &expires.as_secs().to_string());
        push("X-Amz-SignedHeaders", "host");
        if let Some(token) = self.credentials.session_token() {
            push("X-Amz-Security-Token", token);
        }
        let query = match request.uri().query() {
            Some(q) if !q.is_empty() => format!("{q}{auth}"),
            _ => auth.trim_start_matches('&').to_owned(),
        };

        let mut canonical = Sha256::new();
        Digest::update(&mut canonical, request.method().as_str());
        Digest::update(&mut canonical, b"\n");
        self.canonical_uri(&mut canonical, request.uri().path());
        Digest::update(&mut canonical, b"\n");
        canonical_query(&mut canonical, &query);
        Digest::update(&mut canonical, b"\nhost:");
        canonical_value(&mut canonical, host.as_bytes());
        Digest::update(&mut canonical, b"\n\nhost\n");
        Digest::update(&mut canonical, UNSIGNED_PAYLOAD);
        let mut hex = [0u8; 64];
        hex_into(&canonical.finalize(), &mut hex);

        let mut mac = self.keyed_mac(date);
        mac.update(b"AWS4-HMAC-SHA256\n");
        mac.update(amz_date.as_bytes());
        mac.update(b"\n");
        mac.update(&date);
        mac.update(b"/");
        mac.update(self.region.as_bytes());
        mac.update(b"/");
        mac.update(self.service.as_bytes());
        mac.update(b"/aws4_request\n");
        mac.update(&hex);
        hex_into(&mac.finalize().into_bytes(), &mut hex);

        let scheme = request.uri().scheme_str().unwrap_or("https");
        let path = match request.uri().path() {
            "" => "/",
            p => p,
        };
        let url = format!(
            "{scheme}://{host}{path}?{query}&X-Amz-Signature={}",
            std::str::from_utf8(&hex).unwrap_or_default()
        );
        url.parse()
            .map_err(|e| SigningError(format!("the presigned URL `{url}` is not a URI: {e}")))
    }
}
