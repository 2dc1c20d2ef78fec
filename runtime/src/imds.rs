//! The EC2 instance metadata service (IMDS) as a credential and region source: IMDSv2 (a
//! session token from `PUT /latest/api/token`, sent with every request and fetched again when
//! the service says it expired), the instance role's credentials and the region.
//!
//! Settings, as the SDKs read them: `AWS_EC2_METADATA_DISABLED=true` turns it off;
//! `AWS_EC2_METADATA_SERVICE_ENDPOINT` (else `…_ENDPOINT_MODE=IPv6` for `http://[fd00:ec2::254]`,
//! else `http://169.254.169.254`); `AWS_METADATA_SERVICE_TIMEOUT` (seconds per request, 1 by
//! default) and `AWS_METADATA_SERVICE_NUM_ATTEMPTS` (1 by default). IMDSv1 (no token) is used
//! only where botocore falls back to it — the token request answered 403, 404 or 405, or timed
//! out — and never with `AWS_EC2_METADATA_V1_DISABLED=true` or the profile's
//! `ec2_metadata_v1_disabled = true`.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::credentials::Credentials;
use super::transport::HttpClient;

/// The session token's lifetime asked for: 6 hours, as the SDKs.
const TOKEN_TTL_SECONDS: &str = "21600";

const CREDENTIALS_PATH: &str = "/latest/meta-data/iam/security-credentials/";

/// An IMDS client with its settings.
#[derive(Debug)]
pub struct Imds {
    endpoint: String,
    timeout: Duration,
    attempts: u32,
    v1_disabled: bool,
    http: Arc<dyn HttpClient>,
    token: Mutex<Option<String>>,
}

/// Why IMDS gave nothing: turned off (a reason to skip), or failed.
#[derive(Debug)]
pub enum ImdsError {
    /// `AWS_EC2_METADATA_DISABLED` is set.
    Disabled,
    /// A request failed (what and why).
    Failed(String),
}

impl Imds {
    /// The client `env` configures (see the module documentation), or `Disabled`.
    /// `v1_disabled_in_profile` is the profile's `ec2_metadata_v1_disabled`.
    pub fn from_env(
        env: &BTreeMap<String, String>,
        v1_disabled_in_profile: bool,
        http: Arc<dyn HttpClient>,
    ) -> Result<Self, ImdsError> {
        let var = |name: &str| env.get(name).map(|v| v.trim()).filter(|v| !v.is_empty());
        let is_true = |name: &str| var(name).is_some_and(|v| v.eq_ignore_ascii_case("true"));
        if is_true("AWS_EC2_METADATA_DISABLED") {
            return Err(ImdsError::Disabled);
        }
        let endpoint = match var("AWS_EC2_METADATA_SERVICE_ENDPOINT") {
            Some(endpoint) => endpoint.trim_end_matches('/').to_owned(),
            None if var("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE")
                .is_some_and(|m| m.eq_ignore_ascii_case("ipv6")) =>
            {
                "http://[fd00:ec2::254]".to_owned()
            }
            None => "http://169.254.169.254".to_owned(),
        };
        let number = |name: &str, default: f64| -> Result<f64, ImdsError> {
            match var(name) {
                None => Ok(default),
                Some(v) => v
                    .parse::<f64>()
                    .ok()
                    .filter(|n| n.is_finite() && *n > 0.0)
                    .ok_or_else(|| {
                        ImdsError::Failed(format!("{name}={v} is not a positive number"))
                    }),
            }
        };
        let timeout = Duration::from_secs_f64(number("AWS_METADATA_SERVICE_TIMEOUT", 1.0)?);
        let attempts = match var("AWS_METADATA_SERVICE_NUM_ATTEMPTS") {
            None => 1,
            Some(v) => v.parse::<u32>().ok().filter(|n| *n > 0).ok_or_else(|| {
                ImdsError::Failed(format!(
                    "AWS_METADATA_SERVICE_NUM_ATTEMPTS={v} is not a positive whole number"
                ))
            })?,
        };
        Ok(Self {
            endpoint,
            timeout,
            attempts,
            v1_disabled: is_true("AWS_EC2_METADATA_V1_DISABLED") || v1_disabled_in_profile,
            http,
            token: Mutex::new(None),
        })
    }

    /// The instance role's credentials (they expire: the caller caches them).
    pub async fn credentials(&self) -> Result<Credentials, ImdsError> {
        let role = self.get(CREDENTIALS_PATH).await?;
        let role = role.lines().next().unwrap_or("").trim();
        if role.is_empty() {
            return Err(ImdsError::Failed(
                "the instance has no IAM role (empty role list)".to_owned(),
            ));
        }
        let body = self.get(&format!("{CREDENTIALS_PATH}{role}")).await?;
        let document = crate::credentials::json_document::parse(body.as_bytes())
            .map_err(|e| ImdsError::Failed(format!("role `{role}`: {e}")))?;
        if let Some(code) = document.get("Code").filter(|c| *c != "Success") {
            return Err(ImdsError::Failed(format!(
                "role `{role}`: the service answered Code={code}"
            )));
        }
        document
            .credentials("AccessKeyId", "SecretAccessKey", "Token", "Expiration")
            .map_err(|e| ImdsError::Failed(format!("role `{role}`: {e}")))
    }

    /// The instance's region.
    pub async fn region(&self) -> Result<String, ImdsError> {
        let region = self.get("/latest/meta-data/placement/region").await?;
        Ok(region.trim().to_owned())
    }

    /// GET `path` with the session token (fetched once, again after a 401), attempts as set.
    async fn get(&self, path: &str) -> Result<String, ImdsError> {
        let mut last = String::new();
        for _ in 0..self.attempts {
            match self.get_once(path).await {
                Ok(body) => return Ok(body),
                Err(Attempt::Final(message)) => return Err(ImdsError::Failed(message)),
                Err(Attempt::Retry(message)) => last = message,
            }
        }
        Err(ImdsError::Failed(last))
    }

    async fn get_once(&self, path: &str) -> Result<String, Attempt> {
        let mut token = self.token().await?;
        for retry_with_new_token in [true, false] {
            let mut request = http::Request::get(format!("{}{path}", self.endpoint));
            if let Some(token) = &token {
                request = request.header("x-aws-ec2-metadata-token", token);
            }
            let request = request
                .body(Vec::new())
                .map_err(|e| Attempt::Final(format!("bad IMDS request: {e}")))?;
            let (status, body) = self.send(request).await?;
            match status {
                200 => {
                    return String::from_utf8(body)
                        .map_err(|_| Attempt::Final(format!("GET {path}: not UTF-8")));
                }
                // The token expired (or was never valid): fetch another once.
                401 if retry_with_new_token && token.is_some() => {
                    *self.lock_token() = None;
                    token = self.token().await?;
                }
                404 => return Err(Attempt::Final(format!("GET {path}: 404 Not Found"))),
                status if status >= 500 => {
                    return Err(Attempt::Retry(format!("GET {path}: HTTP {status}")));
                }
                status => return Err(Attempt::Final(format!("GET {path}: HTTP {status}"))),
            }
        }
        Err(Attempt::Final(format!(
            "GET {path}: HTTP 401 with a new session token"
        )))
    }

    fn lock_token(&self) -> std::sync::MutexGuard<'_, Option<String>> {
        self.token
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The session token, or `None` for IMDSv1 where that is allowed.
    async fn token(&self) -> Result<Option<String>, Attempt> {
        if let Some(token) = self.lock_token().clone() {
            return Ok(Some(token));
        }
        let request = http::Request::put(format!("{}/latest/api/token", self.endpoint))
            .header("x-aws-ec2-metadata-token-ttl-seconds", TOKEN_TTL_SECONDS)
            .body(Vec::new())
            .map_err(|e| Attempt::Final(format!("bad IMDS request: {e}")))?;
        let fallback = |why: String| {
            if self.v1_disabled {
                Err(Attempt::Final(format!(
                    "no IMDSv2 session token ({why}), and IMDSv1 is disabled"
                )))
            } else {
                Ok(None)
            }
        };
        match self.send(request).await {
            Ok((200, body)) => {
                let token = String::from_utf8(body)
                    .map_err(|_| Attempt::Final("the session token is not UTF-8".to_owned()))?;
                *self.lock_token() = Some(token.clone());
                Ok(Some(token))
            }
            Ok((status @ 403..=405, _)) => fallback(format!("PUT token: HTTP {status}")),
            Ok((status, _)) if status >= 500 => Err(Attempt::Retry(format!(
                "PUT /latest/api/token: HTTP {status}"
            ))),
            Ok((status, _)) => Err(Attempt::Final(format!(
                "PUT /latest/api/token: HTTP {status}"
            ))),
            Err(Attempt::Retry(why)) if why.contains("timed out") => fallback(why),
            Err(e) => Err(e),
        }
    }

    async fn send(&self, request: http::Request<Vec<u8>>) -> Result<(u16, Vec<u8>), Attempt> {
        let what = format!("{} {}", request.method(), request.uri().path());
        match tokio::time::timeout(self.timeout, self.http.send(request)).await {
            Err(_) => Err(Attempt::Retry(format!(
                "{what}: timed out after {:?}",
                self.timeout
            ))),
            Ok(Err(e)) => Err(Attempt::Retry(format!("{what}: {e}"))),
            Ok(Ok(response)) => Ok((response.status().as_u16(), response.into_body())),
        }
    }
}

/// One attempt's failure: worth another attempt or not.
enum Attempt {
    Retry(String),
    Final(String),
}
