//! The client's configuration: region, endpoint, credentials, transport, timeout and retries.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::credential_cache::{CredentialsCache, ProvideCredentials};
use crate::credential_chain::{DefaultChain, Federation};
use crate::credentials::{Credentials, CredentialsError};
use crate::endpoint::{EndpointError, Value};
use crate::transport::{HttpClient, TransportError};

/// How often and how patiently to retry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryConfig {
    /// Attempts in all, the first included (1 = no retries).
    pub max_attempts: u32,
    /// The backoff before the second attempt is a random fraction of this.
    pub base_delay: Duration,
    /// The cap of the backoff.
    pub max_delay: Duration,
}

impl Default for RetryConfig {
    fn default() -> Self {
        Self {
            max_attempts: 3,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(20),
        }
    }
}

/// A client's configuration. `region` is required, and `credentials` for every operation that
/// is signed (all but a few, such as STS `AssumeRoleWithWebIdentity`); the endpoint is
/// resolved from the region unless set.
#[derive(Clone, Debug)]
pub struct Config {
    pub(super) region: Option<String>,
    pub(super) endpoint: Option<String>,
    pub(super) credentials: Option<Arc<dyn ProvideCredentials>>,
    pub(super) use_fips: bool,
    pub(super) use_dual_stack: bool,
    pub(super) endpoint_params: Vec<(String, Value<'static>)>,
    pub(super) http_client: Option<Arc<dyn HttpClient>>,
    pub(super) timeout: Duration,
    pub(super) connect_timeout: Duration,
    pub(super) retry: RetryConfig,
    pub(super) max_response_bytes: usize,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            region: None,
            endpoint: None,
            credentials: None,
            use_fips: false,
            use_dual_stack: false,
            endpoint_params: Vec::new(),
            http_client: None,
            timeout: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(10),
            retry: RetryConfig::default(),
            max_response_bytes: crate::transport::DEFAULT_MAX_RESPONSE_BYTES,
        }
    }
}

impl Config {
    /// A configuration with `region` and no credentials: for unsigned operations only.
    pub fn anonymous(region: impl Into<String>) -> Self {
        Self {
            region: Some(region.into()),
            ..Self::default()
        }
    }

    /// A configuration with `region` and `credentials`.
    pub fn new(region: impl Into<String>, credentials: Credentials) -> Self {
        Self {
            region: Some(region.into()),
            credentials: Some(Arc::new(credentials)),
            ..Self::default()
        }
    }

    /// The region from the environment variables or the profile (see
    /// [`credentials`](crate::credentials)), and the default credential chain
    /// ([`DefaultChain`], cached: see [`CredentialsCache`]), resolved at the first call;
    /// `AWS_ENDPOINT_URL` sets the endpoint. Without `federation`, profiles and variables that
    /// need STS fail when used. For the region from instance metadata too, see
    /// [`Config::load_from_env`].
    pub fn from_env(federation: Option<Arc<dyn Federation>>) -> Result<Self, ConfigError> {
        Self::from_env_map(&std::env::vars().collect(), federation)
    }

    /// Like [`Config::from_env`], with the environment given as a map.
    pub fn from_env_map(
        env: &BTreeMap<String, String>,
        federation: Option<Arc<dyn Federation>>,
    ) -> Result<Self, ConfigError> {
        let region = crate::credentials::region_from_env(env).map_err(ConfigError::Credentials)?;
        Ok(Self {
            region,
            credentials: Some(Arc::new(CredentialsCache::new(Self::chain(
                env, federation,
            )))),
            endpoint: env
                .get("AWS_ENDPOINT_URL")
                .filter(|v| !v.is_empty())
                .cloned(),
            ..Self::default()
        })
    }

    /// Like [`Config::from_env_map`], with the whole region chain: the environment, the
    /// profile, then instance metadata.
    pub async fn load_from_env(
        env: &BTreeMap<String, String>,
        federation: Option<Arc<dyn Federation>>,
    ) -> Result<Self, ConfigError> {
        let mut config = Self::from_env_map(env, federation.clone())?;
        if config.region.is_none() {
            let region = Self::chain(env, federation)
                .region()
                .await
                .map_err(ConfigError::Credentials)?;
            config.region = Some(region);
        }
        Ok(config)
    }

    fn chain(
        env: &BTreeMap<String, String>,
        federation: Option<Arc<dyn Federation>>,
    ) -> DefaultChain {
        let chain = DefaultChain::with_env(env.clone());
        match federation {
            Some(federation) => chain.with_federation(federation),
            None => chain,
        }
    }

    /// Sets the region.
    pub fn with_region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Sends every request to `endpoint` (`http://127.0.0.1:5000`) instead of the regional
    /// endpoint.
    pub fn with_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = Some(endpoint.into());
        self
    }

    /// Sets the credentials.
    pub fn with_credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(Arc::new(credentials));
        self
    }

    /// Gets credentials from `provider` for every request attempt (wrap a provider that does
    /// I/O in a [`CredentialsCache`]).
    pub fn with_credentials_provider(mut self, provider: Arc<dyn ProvideCredentials>) -> Self {
        self.credentials = Some(provider);
        self
    }

    /// Uses the FIPS endpoint of the region.
    pub fn with_fips(mut self, use_fips: bool) -> Self {
        self.use_fips = use_fips;
        self
    }

    /// Uses the dual-stack endpoint of the region.
    pub fn with_dual_stack(mut self, use_dual_stack: bool) -> Self {
        self.use_dual_stack = use_dual_stack;
        self
    }

    /// Sets the endpoint rule set's parameter `name` (a client context parameter such as
    /// S3's `ForcePathStyle`, or any other); it wins over the value bound from the rest of the
    /// configuration.
    pub fn with_endpoint_param(mut self, name: impl Into<String>, value: Value<'static>) -> Self {
        let name = name.into();
        self.endpoint_params.retain(|(n, _)| *n != name);
        self.endpoint_params.push((name, value));
        self
    }

    /// Sends requests with `client` instead of the default [`HyperClient`](crate::transport::HyperClient).
    pub fn with_http_client(mut self, client: Arc<dyn HttpClient>) -> Self {
        self.http_client = Some(client);
        self
    }

    /// Gives up an attempt (sending and reading the response) after `timeout` (60 s by
    /// default).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Reads response bodies up to `max` bytes (64 MiB by default; default transport only): a
    /// longer body is a transport error, not unbounded memory.
    pub fn with_max_response_bytes(mut self, max: usize) -> Self {
        self.max_response_bytes = max;
        self
    }

    /// Gives up connecting after `timeout` (10 s by default; default transport only).
    pub fn with_connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Sets the retry policy.
    pub fn with_retry(mut self, retry: RetryConfig) -> Self {
        self.retry = retry;
        self
    }

    /// The region, if set.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }
}

/// A client could not be created from its configuration.
#[derive(Debug)]
#[non_exhaustive]
pub enum ConfigError {
    /// No region was configured.
    MissingRegion,
    /// No credentials were configured, or loading them failed.
    Credentials(CredentialsError),
    /// The endpoint could not be resolved.
    Endpoint(EndpointError),
    /// The default transport could not be set up.
    Transport(TransportError),
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingRegion => f.write_str(
                "no region: set one in the config, AWS_REGION, or the profile's `region`",
            ),
            Self::Credentials(e) => e.fmt(f),
            Self::Endpoint(e) => e.fmt(f),
            Self::Transport(e) => write!(f, "cannot create the HTTP client: {e}"),
        }
    }
}

impl std::error::Error for ConfigError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::MissingRegion => None,
            Self::Credentials(e) => Some(e),
            Self::Endpoint(e) => Some(e),
            Self::Transport(e) => Some(e),
        }
    }
}
