//! Header signing: the canonical request streamed into SHA-256, the string to sign, and the
//! `authorization` header.

use std::time::SystemTime;

use hmac::Mac;
use sha2::{Digest, Sha256};

use super::canonical::{canonical_query, canonical_value, hex_into};
use super::key::amz_date;
use super::{Signer, SigningError, UNSIGNED};

impl Signer {
    /// Signs `request`, with `payload_hash` as the payload's hash when given (else the
    /// SHA-256 of the body); returns the signature in hex (no allocation: the plain signing
    /// path's cost is measured).
    pub(super) fn sign_with<B: AsRef<[u8]>>(
        &self,
        request: &mut http::Request<B>,
        time: SystemTime,
        payload_hash: Option<&str>,
    ) -> Result<[u8; 64], SigningError> {
        let (amz_date, date) = amz_date(time);
        let headers = request.headers_mut();
        headers.insert(
            "x-amz-date",
            http::HeaderValue::from_bytes(&amz_date).map_err(|e| SigningError(e.to_string()))?,
        );
        if let Some(token) = self.credentials.session_token() {
            let value = http::HeaderValue::from_str(token).map_err(|_| {
                SigningError("the session token is not a valid header value".into())
            })?;
            headers.insert("x-amz-security-token", value);
        }
        let mut computed = [0u8; 64];
        let payload_hash: &[u8] = match payload_hash {
            Some(literal) => literal.as_bytes(),
            None => {
                hex_into(&Sha256::digest(request.body().as_ref()), &mut computed);
                &computed
            }
        };
        if self.s3 && !request.headers().contains_key("x-amz-content-sha256") {
            request.headers_mut().insert(
                "x-amz-content-sha256",
                http::HeaderValue::from_bytes(payload_hash)
                    .map_err(|e| SigningError(e.to_string()))?,
            );
        }

        // Canonical request, streamed into its hash.
        let mut names: Vec<&str> = request
            .headers()
            .keys()
            .map(http::HeaderName::as_str)
            .filter(|n| !UNSIGNED.contains(n))
            .collect();
        names.sort_unstable();
        let mut canonical = Sha256::new();
        Digest::update(&mut canonical, request.method().as_str());
        Digest::update(&mut canonical, b"\n");
        self.canonical_uri(&mut canonical, request.uri().path());
        Digest::update(&mut canonical, b"\n");
        canonical_query(&mut canonical, request.uri().query().unwrap_or(""));
        Digest::update(&mut canonical, b"\n");
        for name in &names {
            Digest::update(&mut canonical, name);
            Digest::update(&mut canonical, b":");
            for (i, value) in request.headers().get_all(*name).iter().enumerate() {
                if i > 0 {
                    Digest::update(&mut canonical, b",");
                }
                canonical_value(&mut canonical, value.as_bytes());
            }
            Digest::update(&mut canonical, b"\n");
        }
        Digest::update(&mut canonical, b"\n");
        for (i, name) in names.iter().enumerate() {
            if i > 0 {
                Digest::update(&mut canonical, b";");
            }
            Digest::update(&mut canonical, name);
        }
        Digest::update(&mut canonical, b"\n");
        match request.headers().get("x-amz-content-sha256") {
            Some(given) if self.s3 => Digest::update(&mut canonical, given.as_bytes()),
            _ => Digest::update(&mut canonical, payload_hash),
        }
        let mut hex = [0u8; 64];
        hex_into(&canonical.finalize(), &mut hex);

        // String to sign, streamed into the HMAC keyed with the cached signing key.
        let mut mac = self.keyed_mac(date);
        mac.update(b"AWS4-HMAC-SHA256\n");
        mac.update(&amz_date);
        mac.update(b"\n");
        mac.update(&date);
        mac.update(b"/");
        mac.update(self.region.as_bytes());
        mac.update(b"/");
        mac.update(self.service.as_bytes());
        mac.update(b"/aws4_request\n");
        mac.update(&hex);
        let signature = mac.finalize().into_bytes();
        hex_into(&signature, &mut hex);

        let signed_len: usize = names.iter().map(|n| n.len() + 1).sum();
        let key_id = self.credentials.access_key_id();
        let mut auth = String::with_capacity(
            "AWS4-HMAC-SHA256 Credential=/////aws4_request, SignedHeaders=, Signature=".len()
                + key_id.len()
                + 8
                + self.region.len()
                + self.service.len()
                + signed_len
                + 64,
        );
        auth.push_str("AWS4-HMAC-SHA256 Credential=");
        auth.push_str(key_id);
        auth.push('/');
        auth.push_str(std::str::from_utf8(&date).unwrap_or_default());
        auth.push('/');
        auth.push_str(&self.region);
        auth.push('/');
        auth.push_str(&self.service);
        auth.push_str("/aws4_request, SignedHeaders=");
        for (i, name) in names.iter().enumerate() {
            if i > 0 {
                auth.push(';');
            }
            auth.push_str(name);
        }
        auth.push_str(", Signature=");
        auth.push_str(std::str::from_utf8(&hex).unwrap_or_default());
        let value = http::HeaderValue::try_from(auth).map_err(|_| {
            SigningError("the access key id is not a valid header value".to_owned())
        })?;
        request
            .headers_mut()
            .insert(http::header::AUTHORIZATION, value);
        Ok(hex)
    }
}
