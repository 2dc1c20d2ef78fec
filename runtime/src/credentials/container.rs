//! Container credentials (ECS tasks, EKS Pod Identity): a GET of the endpoint the container
//! agent names, with the authorization token it gives.
//!
//! `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` is a path on `http://169.254.170.2` (ECS);
//! otherwise `AWS_CONTAINER_CREDENTIALS_FULL_URI` is the whole URL, allowed (as the SDKs allow
//! it) over `https`, or over `http` only to a loopback address, the ECS address
//! `169.254.170.2`, or the EKS Pod Identity agent (`169.254.170.23`, `fd00:ec2::23`). The
//! `Authorization` header is the content of `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`, read per
//! request (the agent rotates it), else `AWS_CONTAINER_AUTHORIZATION_TOKEN`. The response is
//! `{"AccessKeyId", "SecretAccessKey", "Token", "Expiration"}`. Two seconds per attempt, three
//! attempts on timeouts, connection errors and 5xx.

use std::collections::BTreeMap;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use crate::credentials::Credentials;
use crate::transport::HttpClient;

const ECS_HOST: &str = "http://169.254.170.2";
const TIMEOUT: Duration = Duration::from_secs(2);
const ATTEMPTS: u32 = 3;

/// The container endpoint `env` configures.
#[derive(Debug)]
pub struct ContainerCredentials {
    uri: String,
    token_file: Option<String>,
    token: Option<String>,
    http: Arc<dyn HttpClient>,
}

impl ContainerCredentials {
    /// `Ok(None)` when neither URI variable is set; an error when the full URI is not allowed.
    pub fn from_env(
        env: &BTreeMap<String, String>,
        http: Arc<dyn HttpClient>,
    ) -> Result<Option<Self>, String> {
        let var = |name: &str| env.get(name).filter(|v| !v.is_empty()).cloned();
        let uri = if let Some(relative) = var("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") {
            let slash = if relative.starts_with('/') { "" } else { "/" };
            format!("{ECS_HOST}{slash}{relative}")
        } else if let Some(full) = var("AWS_CONTAINER_CREDENTIALS_FULL_URI") {
            check_full_uri(&full)?;
            full
        } else {
            return Ok(None);
        };
        Ok(Some(Self {
            uri,
            token_file: var("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"),
            token: var("AWS_CONTAINER_AUTHORIZATION_TOKEN"),
            http,
        }))
    }

    /// The credentials the endpoint gives.
    pub async fn credentials(&self) -> Result<Credentials, String> {
        let token = match &self.token_file {
            Some(path) => Some(
                std::fs::read_to_string(path)
                    .map_err(|e| {
                        format!("cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE {path}: {e}")
                    })?
                    .trim()
                    .to_owned(),
            ),
            None => self.token.clone(),
        };
        if token.as_deref().is_some_and(|t| t.contains(['\r', '\n'])) {
            return Err("the authorization token contains a line break".to_owned());
        }
        let mut last = String::new();
        for _ in 0..ATTEMPTS {
            let mut request = http::Request::get(&self.uri).header("accept", "application/json");
            if let Some(token) = &token {
                request = request.header(http::header::AUTHORIZATION, token);
            }
            let request = request
                .body(Vec::new())
                .map_err(|e| format!("bad container credentials URI {}: {e}", self.uri))?;
            last = match tokio::time::timeout(TIMEOUT, self.http.send(request)).await {
                Err(_) => format!("GET {}: timed out after {TIMEOUT:?}", self.uri),
                Ok(Err(e)) => format!("GET {}: {e}", self.uri),
                Ok(Ok(response)) if response.status().is_success() => {
                    let document = crate::credentials::json_document::parse(response.body())?;
                    return document.credentials(
                        "AccessKeyId",
                        "SecretAccessKey",
                        "Token",
                        "Expiration",
                    );
                }
                Ok(Ok(response)) if response.status().is_server_error() => {
                    format!("GET {}: HTTP {}", self.uri, response.status().as_u16())
                }
                Ok(Ok(response)) => {
                    return Err(format!(
                        "GET {}: HTTP {}",
                        self.uri,
                        response.status().as_u16()
                    ));
                }
            };
        }
        Err(format!("{last} ({ATTEMPTS} attempts)"))
    }
}

/// Whether the SDKs allow `uri` as `AWS_CONTAINER_CREDENTIALS_FULL_URI`.
fn check_full_uri(uri: &str) -> Result<(), String> {
    let parsed: http::Uri = uri
        .parse()
        .map_err(|_| format!("AWS_CONTAINER_CREDENTIALS_FULL_URI is not a URL: {uri}"))?;
    match parsed.scheme_str() {
        Some("https") => return Ok(()),
        Some("http") => {}
        _ => {
            return Err(format!(
                "AWS_CONTAINER_CREDENTIALS_FULL_URI must be http or https: {uri}"
            ));
        }
    }
    let host = parsed.host().unwrap_or("");
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let allowed = host == "localhost"
        || host.parse::<IpAddr>().is_ok_and(|ip| {
            ip.is_loopback()
                || ip == IpAddr::from([169, 254, 170, 2])
                || ip == IpAddr::from([169, 254, 170, 23])
                || ip == IpAddr::from([0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x23])
        });
    if allowed {
        Ok(())
    } else {
        Err(format!(
            "AWS_CONTAINER_CREDENTIALS_FULL_URI over http must point at a loopback address, \
             the ECS agent (169.254.170.2) or the EKS Pod Identity agent (169.254.170.23, \
             fd00:ec2::23): {uri}"
        ))
    }
}
