//! The client core that every generated service client wraps: configuration (region,
//! endpoint, credentials, transport, timeout, retries), the generic call of any
//! [`Operation`] (build, point at the endpoint, sign, send,
//! parse, retry), and its one error type.
//!
//! Runs on tokio: its timer does the timeouts and the backoff between attempts, and the
//! default transport ([`HyperClient`]) spawns its connection tasks on it.
//!
//! Retries: at most `max_attempts` attempts (3 by default, as botocore's standard mode), after
//! a transport error, a timeout, an HTTP 5xx or 429 response, or a service error whose code is
//! a throttling or transient code; the delay before attempt n+1 is a random fraction of
//! `min(base_delay * 2^(n-1), max_delay)` ("full jitter").

use std::collections::BTreeMap;
use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime};

use super::client_endpoint::{ResolvedEndpoint, Settings};
use super::credential_cache::{CredentialsCache, ProvideCredentials};
use super::credential_chain::{DefaultChain, Federation};
use super::credentials::{Credentials, CredentialsError};
use super::endpoint::{EndpointError, RuleSet, Value};
use super::error::{BuildError, ErrorMetadata};
use super::operation::{
    BodyError, InvalidEndpoint, InvalidRequest, InvalidResponse, Operation, ResponseError,
};
use super::sigv4::{Signer, SigningError};
use super::transport::{DEFAULT_MAX_RESPONSE_BYTES, HttpClient, HyperClient, TransportError};

/// Codes that mean "slow down" (botocore's and the SDKs' throttling codes).
const THROTTLING: &[&str] = &[
    "BandwidthLimitExceeded",
    "EC2ThrottledException",
    "LimitExceededException",
    "PriorRequestNotComplete",
    "ProvisionedThroughputExceededException",
    "RequestLimitExceeded",
    "RequestThrottled",
    "RequestThrottledException",
    "SlowDown",
    "ThrottledException",
    "Throttling",
    "ThrottlingException",
    "TooManyRequestsException",
    "TransactionInProgressException",
];

/// Codes of transient failures on the service's side.
const TRANSIENT: &[&str] = &[
    "InternalError",
    "InternalFailure",
    "RequestTimeout",
    "RequestTimeoutException",
    "ServiceUnavailable",
];

/// What a generated client knows about its service.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ServiceInfo {
    /// The SDK service id (`MemoryDB`).
    pub service_id: &'static str,
    /// The endpoint host prefix (`memory-db`).
    pub endpoint_prefix: &'static str,
    /// The SigV4 signing name (`memorydb`), unless the endpoint names another.
    pub signing_name: &'static str,
    /// The service's endpoint rule set.
    pub rules: &'static RuleSet<'static>,
    /// Whether some of its operations set rule-set parameters of their own (context
    /// parameters): then a configuration the rules refuse on its own (DynamoDB's
    /// `AccountIdEndpointMode` `required` without an account id, which a table ARN in the
    /// input supplies) does not fail the client; calls that set no parameter report it.
    pub operation_params: bool,
}

/// An operation input that the client `C` can send: what `Client::call(input)` takes. Generated
/// for every input type, with the client of its own service, so that an input cannot be sent
/// to another service's client.
pub trait Input<C>: Sized {
    /// The operation the input belongs to.
    type Operation: Operation<Input = Self>;

    /// The endpoint rule-set parameters this input sets (the operation's static context
    /// params and context-param members). Empty for most operations, whose endpoint is
    /// resolved once per client; otherwise the endpoint is resolved for the call.
    fn endpoint_params(&self) -> Vec<(&'static str, Value<'_>)> {
        Vec::new()
    }
}

/// Operation errors that carry error metadata: how the client reads a service error's code to
/// decide whether to retry. Generated clients implement it for every operation error.
pub trait ServiceError {
    /// Code, message, request id and HTTP status of the error response.
    fn meta(&self) -> &ErrorMetadata;
}

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
    region: Option<String>,
    endpoint: Option<String>,
    credentials: Option<Arc<dyn ProvideCredentials>>,
    use_fips: bool,
    use_dual_stack: bool,
    endpoint_params: Vec<(String, Value<'static>)>,
    http_client: Option<Arc<dyn HttpClient>>,
    timeout: Duration,
    connect_timeout: Duration,
    retry: RetryConfig,
    max_response_bytes: usize,
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
            max_response_bytes: super::transport::DEFAULT_MAX_RESPONSE_BYTES,
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
    /// [`credentials`](super::credentials)), and the default credential chain
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
        let region = super::credentials::region_from_env(env).map_err(ConfigError::Credentials)?;
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

    /// Sends requests with `client` instead of the default [`HyperClient`].
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

/// The part of a client shared by every service: endpoint, signer, transport and policies.
#[derive(Clone, Debug)]
pub struct Core {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    service: &'static ServiceInfo,
    /// Resolved from the configuration once; an error only for a service whose operations
    /// set parameters of their own ([`ServiceInfo::operation_params`]).
    endpoint: Result<ResolvedEndpoint, EndpointError>,
    region: String,
    /// Signing region and name of the resolved endpoint.
    signing_region: String,
    signing_name: String,
    /// The signer of the latest credentials for the resolved endpoint: kept while the
    /// credentials are the same, so the signing key is derived once per day.
    signer: RwLock<Option<Arc<Signer>>>,
    credentials: Option<Arc<dyn ProvideCredentials>>,
    explicit_endpoint: Option<String>,
    use_fips: bool,
    use_dual_stack: bool,
    endpoint_params: Vec<(String, Value<'static>)>,
    http: Arc<dyn HttpClient>,
    timeout: Duration,
    retry: RetryConfig,
}

impl Core {
    /// Resolves the endpoint and sets up signing and the transport for `service`.
    pub fn new(config: Config, service: &'static ServiceInfo) -> Result<Self, ConfigError> {
        let region = config.region.ok_or(ConfigError::MissingRegion)?;
        // Without credentials only unsigned operations can be called (the others fail
        // before sending, saying so).
        let credentials = config.credentials;
        // Once per client; operations that set rule-set parameters from their input resolve
        // again per call (`invoke_with_endpoint_params`).
        let endpoint = super::client_endpoint::resolve(
            service.rules,
            &Settings {
                region: Some(&region),
                endpoint: config.endpoint.as_deref(),
                use_fips: config.use_fips,
                use_dual_stack: config.use_dual_stack,
                params: &config.endpoint_params,
            },
        );
        let endpoint = match endpoint {
            Err(e) if !service.operation_params => return Err(ConfigError::Endpoint(e)),
            other => other,
        };
        let resolved = endpoint.as_ref().ok();
        let signing_region = resolved
            .and_then(|e| e.signing_region.clone())
            .unwrap_or_else(|| region.clone());
        let signing_name = resolved
            .and_then(|e| e.signing_name.clone())
            .unwrap_or_else(|| service.signing_name.to_owned());
        let http = match config.http_client {
            Some(client) => client,
            None => {
                let client =
                    HyperClient::new(config.connect_timeout).map_err(ConfigError::Transport)?;
                Arc::new(client.with_max_response_bytes(config.max_response_bytes))
            }
        };
        Ok(Self {
            inner: Arc::new(Inner {
                service,
                signing_region,
                signing_name,
                signer: RwLock::new(None),
                credentials,
                explicit_endpoint: config.endpoint,
                use_fips: config.use_fips,
                use_dual_stack: config.use_dual_stack,
                endpoint_params: config.endpoint_params,
                endpoint,
                region,
                http,
                timeout: config.timeout,
                retry: config.retry,
            }),
        })
    }

    /// The endpoint requests go to. Empty when the configuration alone does not resolve one,
    /// which only a service whose operations set endpoint parameters of their own allows
    /// (see [`Core::resolved_endpoint`]).
    pub fn endpoint(&self) -> &str {
        self.inner.endpoint.as_ref().map_or("", |e| e.url.as_str())
    }

    /// The configured region (requests are signed for the endpoint's signing region when its
    /// auth scheme names one).
    pub fn region(&self) -> &str {
        &self.inner.region
    }

    /// The endpoint as resolved from the service's rule set: URL, headers, and the signing
    /// name and region its auth scheme names; the error when the configuration alone does not resolve (only for a service whose
    /// operations set endpoint parameters of their own, [`ServiceInfo::operation_params`]).
    pub fn resolved_endpoint(&self) -> Result<&ResolvedEndpoint, &EndpointError> {
        self.inner.endpoint.as_ref()
    }

    /// The service this core calls.
    pub fn service(&self) -> &'static ServiceInfo {
        self.inner.service
    }

    /// Calls operation `O` with `input`: builds the request once, then per attempt signs it,
    /// sends it with the timeout, and parses the response, retrying what is retryable.
    pub async fn invoke<O>(&self, input: &O::Input) -> Result<O::Output, Error<O::Error>>
    where
        O: Operation,
        O::Error: ServiceError,
    {
        self.invoke_status::<O>(input)
            .await
            .map(|(_, output)| output)
    }

    /// [`Core::invoke`], with the response's HTTP status.
    async fn invoke_status<O>(&self, input: &O::Input) -> Result<(u16, O::Output), Error<O::Error>>
    where
        O: Operation,
        O::Error: ServiceError,
    {
        let inner = &*self.inner;
        let endpoint = inner.endpoint.as_ref().map_err(|e| Error {
            operation: O::NAME,
            attempts: 0,
            kind: ErrorKind::EndpointResolution(e.clone()),
        })?;
        let signing = Signing {
            region: &inner.signing_region,
            name: &inner.signing_name,
            cache: Some(&inner.signer),
        };
        self.invoke_at::<O>(input, endpoint, signing).await
    }

    /// Calls the operation `input` belongs to: [`Core::invoke`], or
    /// [`Core::invoke_with_endpoint_params`] when the input sets endpoint parameters of its own
    /// ([`Input::endpoint_params`]). What generated clients' `call` and fluent `send` use.
    pub async fn call_input<C, I>(
        &self,
        input: &I,
    ) -> Result<<I::Operation as Operation>::Output, Error<<I::Operation as Operation>::Error>>
    where
        I: Input<C>,
        <I::Operation as Operation>::Error: ServiceError,
    {
        self.call_input_with_status::<C, I>(input)
            .await
            .map(|(_, output)| output)
    }

    /// Like [`Core::call_input`], giving the HTTP status of the response with the output (what
    /// waiters' status acceptors look at).
    pub async fn call_input_with_status<C, I>(
        &self,
        input: &I,
    ) -> Result<(u16, <I::Operation as Operation>::Output), Error<<I::Operation as Operation>::Error>>
    where
        I: Input<C>,
        <I::Operation as Operation>::Error: ServiceError,
    {
        let params = input.endpoint_params();
        if params.is_empty() {
            self.invoke_status::<I::Operation>(input).await
        } else {
            self.invoke_with_params_at::<I::Operation>(input, &params)
                .await
        }
    }

    /// Like [`Core::invoke`], for an operation that sets endpoint rule-set parameters from its
    /// input or as constants (`params`, winning over the configuration's): the endpoint is
    /// resolved for this call (no cache), and signed for what it names.
    pub async fn invoke_with_endpoint_params<O>(
        &self,
        input: &O::Input,
        params: &[(&'static str, Value<'_>)],
    ) -> Result<O::Output, Error<O::Error>>
    where
        O: Operation,
        O::Error: ServiceError,
    {
        self.invoke_with_params_at::<O>(input, params)
            .await
            .map(|(_, output)| output)
    }

    async fn invoke_with_params_at<O>(
        &self,
        input: &O::Input,
        params: &[(&'static str, Value<'_>)],
    ) -> Result<(u16, O::Output), Error<O::Error>>
    where
        O: Operation,
        O::Error: ServiceError,
    {
        let inner = &*self.inner;
        let endpoint = self.resolve_with(params).map_err(|e| Error {
            operation: O::NAME,
            attempts: 0,
            kind: ErrorKind::EndpointResolution(e),
        })?;
        let signing = Signing {
            region: endpoint.signing_region.as_deref().unwrap_or(&inner.region),
            name: endpoint
                .signing_name
                .as_deref()
                .unwrap_or(inner.service.signing_name),
            cache: None,
        };
        self.invoke_at::<O>(input, &endpoint, signing).await
    }

    /// The endpoint for rule-set parameters `params` (winning over the configuration's).
    fn resolve_with(
        &self,
        params: &[(&'static str, Value<'_>)],
    ) -> Result<ResolvedEndpoint, EndpointError> {
        let inner = &*self.inner;
        let mut merged: Vec<(String, Value<'static>)> = params
            .iter()
            .filter(|(_, v)| *v != Value::None)
            .map(|(n, v)| ((*n).to_owned(), v.clone().into_owned()))
            .collect();
        for (name, value) in &inner.endpoint_params {
            if !merged.iter().any(|(n, _)| n == name) {
                merged.push((name.clone(), value.clone()));
            }
        }
        super::client_endpoint::resolve(
            inner.service.rules,
            &Settings {
                region: Some(&inner.region),
                endpoint: inner.explicit_endpoint.as_deref(),
                use_fips: inner.use_fips,
                use_dual_stack: inner.use_dual_stack,
                params: &merged,
            },
        )
    }

    /// A presigned URL of the request for `input` (SigV4 query-string authentication,
    /// [`Signer::presign`]), valid for `expires` (at most seven days): whoever holds it can send
    /// that request with any HTTP client, without credentials, until it expires (a `GetObject`
    /// to download, a `PutObject` to upload any body). The endpoint is resolved as for a call
    /// (the bucket in the host or the path); nothing is sent.
    pub async fn presign_input<C, I>(
        &self,
        input: &I,
        expires: Duration,
    ) -> Result<http::Uri, Error<<I::Operation as Operation>::Error>>
    where
        I: Input<C>,
    {
        let inner = &*self.inner;
        let fail = |kind| Error {
            operation: <I::Operation as Operation>::NAME,
            attempts: 0,
            kind,
        };
        let params = input.endpoint_params();
        let endpoint = if params.is_empty() {
            inner
                .endpoint
                .clone()
                .map_err(|e| fail(ErrorKind::EndpointResolution(e)))?
        } else {
            self.resolve_with(&params)
                .map_err(|e| fail(ErrorKind::EndpointResolution(e)))?
        };
        let mut request = <I::Operation as Operation>::build_request(input)
            .map_err(|e| fail(ErrorKind::InvalidRequest(e)))?;
        super::operation::set_endpoint(&mut request, &endpoint.url)
            .map_err(|e| fail(ErrorKind::Endpoint(e)))?;
        let credentials = match &inner.credentials {
            Some(provider) => provider.provide_credentials().await,
            None => Err(CredentialsError::new("none were configured")),
        }
        .map_err(|e| fail(ErrorKind::Credentials(e)))?;
        let signer = Signer::new(
            credentials,
            endpoint.signing_region.as_deref().unwrap_or(&inner.region),
            endpoint
                .signing_name
                .as_deref()
                .unwrap_or(inner.service.signing_name),
        );
        signer
            .presign(&request, SystemTime::now(), expires)
            .map_err(|e| fail(ErrorKind::Signing(e)))
    }

    async fn invoke_at<O>(
        &self,
        input: &O::Input,
        endpoint: &ResolvedEndpoint,
        signing: Signing<'_>,
    ) -> Result<(u16, O::Output), Error<O::Error>>
    where
        O: Operation,
        O::Error: ServiceError,
    {
        let inner = &*self.inner;
        let fail = |attempts, kind| Error {
            operation: O::NAME,
            attempts,
            kind,
        };
        let mut request =
            O::build_request(input).map_err(|e| fail(0, ErrorKind::InvalidRequest(e)))?;
        super::operation::set_endpoint(&mut request, &endpoint.url)
            .map_err(|e| fail(0, ErrorKind::Endpoint(e)))?;
        for (name, value) in &endpoint.headers {
            request.headers_mut().append(name, value.clone());
        }
        #[cfg(feature = "blob")]
        if let Some(stream) = O::streaming_body(input).filter(|s| s.as_bytes().is_none()) {
            if O::UNSIGNED || super::sigv4::is_s3_signing_name(signing.name) {
                return self.invoke_upload::<O>(request, stream, &signing).await;
            }
            // Other services sign the payload's hash: the body is read first.
            upload::read_into(&mut request, stream)
                .await
                .map_err(|e| fail(0, e))?;
        }
        let mut attempt = 0;
        loop {
            attempt += 1;
            let mut signed = copy_request(&request);
            if !O::UNSIGNED {
                let credentials = match &inner.credentials {
                    Some(provider) => provider.provide_credentials().await,
                    None => Err(CredentialsError::new("none were configured")),
                }
                .map_err(|e| fail(attempt, ErrorKind::Credentials(e)))?;
                signing
                    .signer(credentials)
                    .sign(&mut signed, SystemTime::now())
                    .map_err(|e| fail(attempt, ErrorKind::Signing(e)))?;
            }
            if O::EVENT_STREAM || O::STREAMING_OUTPUT {
                let kind = match self.send_streaming::<O>(signed).await {
                    Ok(output) => return Ok(output),
                    Err(kind) => kind,
                };
                if attempt >= inner.retry.max_attempts.max(1) || !kind.retryable() {
                    return Err(fail(attempt, kind));
                }
                tokio::time::sleep(backoff(&inner.retry, attempt)).await;
                continue;
            }
            let kind = match tokio::time::timeout(inner.timeout, inner.http.send(signed)).await {
                Err(_) => ErrorKind::Timeout(inner.timeout),
                Ok(Err(e)) => ErrorKind::Transport(e),
                Ok(Ok(response)) => {
                    let status = response.status().as_u16();
                    match O::parse_response(status, response.headers(), response.body()) {
                        Ok(output) => return Ok((status, output)),
                        Err(ResponseError::Service(e)) => ErrorKind::Service(e),
                        Err(ResponseError::Invalid(e)) => ErrorKind::InvalidResponse(e),
                    }
                }
            };
            if attempt >= inner.retry.max_attempts.max(1) || !kind.retryable() {
                return Err(fail(attempt, kind));
            }
            tokio::time::sleep(backoff(&inner.retry, attempt)).await;
        }
    }
}

/// How to sign for an endpoint: its signing region and name, and the client's signer cache
/// when the endpoint is the client's own.
struct Signing<'a> {
    region: &'a str,
    name: &'a str,
    cache: Option<&'a RwLock<Option<Arc<Signer>>>>,
}

impl Signing<'_> {
    /// A signer of `credentials`: the cached one while they are the same.
    fn signer(&self, credentials: Credentials) -> Arc<Signer> {
        let Some(cache) = self.cache else {
            return Arc::new(Signer::new(credentials, self.region, self.name));
        };
        if let Some(signer) = cache
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .as_ref()
            .filter(|s| *s.credentials() == credentials)
        {
            return signer.clone();
        }
        let signer = Arc::new(Signer::new(credentials, self.region, self.name));
        *cache
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(signer.clone());
        signer
    }
}

impl Core {
    /// One attempt of an event-stream operation: the response's head within the timeout;
    /// then a success gives the output, whose stream reads the rest of the body as the caller
    /// asks for events (no timeout: a stream may be quiet for long), and an error response is
    /// read whole (at most [`DEFAULT_MAX_RESPONSE_BYTES`]) and parsed.
    async fn send_streaming<O>(
        &self,
        signed: http::Request<Vec<u8>>,
    ) -> Result<(u16, O::Output), ErrorKind<O::Error>>
    where
        O: Operation,
    {
        let inner = &*self.inner;
        let response =
            match tokio::time::timeout(inner.timeout, inner.http.send_streaming(signed)).await {
                Err(_) => return Err(ErrorKind::Timeout(inner.timeout)),
                Ok(Err(e)) => return Err(ErrorKind::Transport(e)),
                Ok(Ok(response)) => response,
            };
        self.read_streaming::<O>(response).await
    }

    /// A response whose head is in: a success gives the output, with the rest of the body
    /// attached to it; an error response is read whole (at most
    /// [`DEFAULT_MAX_RESPONSE_BYTES`], within the timeout) and parsed.
    async fn read_streaming<O>(
        &self,
        response: http::Response<Box<dyn super::operation::BodySource>>,
    ) -> Result<(u16, O::Output), ErrorKind<O::Error>>
    where
        O: Operation,
    {
        let inner = &*self.inner;
        let (parts, mut body) = response.into_parts();
        let status = parts.status.as_u16();
        let parse = |bytes: &[u8]| match O::parse_response(status, &parts.headers, bytes) {
            Ok(output) => Ok((status, output)),
            Err(ResponseError::Service(e)) => Err(ErrorKind::Service(e)),
            Err(ResponseError::Invalid(e)) => Err(ErrorKind::InvalidResponse(e)),
        };
        if (200..300).contains(&status) {
            let (status, mut output) = parse(&[])?;
            O::attach_body(&mut output, &parts.headers, body);
            return Ok((status, output));
        }
        let mut whole = Vec::new();
        let read = tokio::time::timeout(inner.timeout, async {
            while let Some(chunk) = body.next_chunk().await? {
                whole.extend_from_slice(&chunk);
                if whole.len() > DEFAULT_MAX_RESPONSE_BYTES {
                    return Err(BodyError::new(format!(
                        "the error response is longer than {DEFAULT_MAX_RESPONSE_BYTES} bytes"
                    )));
                }
            }
            Ok(())
        })
        .await;
        match read {
            Err(_) => Err(ErrorKind::Timeout(inner.timeout)),
            Ok(Err(e)) => Err(ErrorKind::Transport(TransportError::new(
                "cannot read the error response",
                Some(Box::new(e)),
            ))),
            Ok(Ok(())) => parse(&whole),
        }
    }
}

#[cfg(feature = "blob")]
#[path = "client_upload.rs"]
mod upload;

/// A copy of a built request (method, URI, version, headers, body) for one attempt.
fn copy_request(request: &http::Request<Vec<u8>>) -> http::Request<Vec<u8>> {
    let mut copy = http::Request::new(request.body().clone());
    *copy.method_mut() = request.method().clone();
    *copy.uri_mut() = request.uri().clone();
    *copy.version_mut() = request.version();
    *copy.headers_mut() = request.headers().clone();
    copy
}

/// The delay after failed attempt `attempt` (1-based): a random fraction of the capped
/// exponential delay.
fn backoff(retry: &RetryConfig, attempt: u32) -> Duration {
    let exp = retry
        .base_delay
        .saturating_mul(1u32 << attempt.saturating_sub(1).min(20))
        .min(retry.max_delay);
    // std's per-instance random hasher keys: enough randomness for jitter, no extra crate.
    let random = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    // The top 32 bits as a fraction in [0, 1): ample resolution for jitter.
    let fraction = f64::from(u32::try_from(random >> 32).unwrap_or(u32::MAX)) / 4_294_967_296.0;
    exp.mul_f64(fraction)
}

/// Why an operation call failed: the operation, how many attempts were made, and the last
/// attempt's error.
#[derive(Debug)]
pub struct Error<E> {
    operation: &'static str,
    attempts: u32,
    kind: ErrorKind<E>,
}

/// The kinds of [`Error`].
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind<E> {
    /// The service answered with an error: the operation's typed error.
    Service(E),
    /// The response could not be read as the protocol says.
    InvalidResponse(InvalidResponse),
    /// The request could not be sent or the response not received.
    Transport(TransportError),
    /// An attempt took longer than the timeout.
    Timeout(Duration),
    /// The request could not be signed.
    Signing(SigningError),
    /// The request could not be pointed at the endpoint.
    Endpoint(InvalidEndpoint),
    /// The input cannot be put into a request (an empty URI label, a header value HTTP does
    /// not allow, …); nothing was sent.
    InvalidRequest(InvalidRequest),
    /// No endpoint could be resolved for the operation's endpoint parameters.
    EndpointResolution(EndpointError),
    /// A fluent call's input lacks required members (nothing was sent).
    InvalidInput(BuildError),
    /// No credentials could be had (nothing was sent): every source tried, and why.
    Credentials(CredentialsError),
}

impl<E: ServiceError> ErrorKind<E> {
    /// Whether another attempt may succeed.
    fn retryable(&self) -> bool {
        match self {
            Self::Service(e) => {
                let meta = e.meta();
                meta.status() >= 500
                    || meta.status() == 429
                    || THROTTLING.contains(&meta.code())
                    || TRANSIENT.contains(&meta.code())
            }
            Self::InvalidResponse(e) => e.status() >= 500 || e.status() == 429,
            Self::Transport(_) | Self::Timeout(_) => true,
            Self::Signing(_)
            | Self::Endpoint(_)
            | Self::InvalidRequest(_)
            | Self::EndpointResolution(_)
            | Self::InvalidInput(_)
            | Self::Credentials(_) => false,
        }
    }
}

impl<E> Error<E> {
    /// The error of a fluent call of `operation` whose input could not be built: no attempt
    /// was made.
    pub fn invalid_input(operation: &'static str, error: BuildError) -> Self {
        Self {
            operation,
            attempts: 0,
            kind: ErrorKind::InvalidInput(error),
        }
    }

    /// The operation that failed (`CopySnapshot`).
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// How many attempts were made.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind<E> {
        &self.kind
    }

    /// What went wrong, by value.
    pub fn into_kind(self) -> ErrorKind<E> {
        self.kind
    }

    /// The operation's typed error, if the service answered with one.
    pub fn service_error(&self) -> Option<&E> {
        match &self.kind {
            ErrorKind::Service(e) => Some(e),
            _ => None,
        }
    }

    /// The operation's typed error, or this error back.
    pub fn into_service_error(self) -> Result<E, Self> {
        match self.kind {
            ErrorKind::Service(e) => Ok(e),
            kind => Err(Self { kind, ..self }),
        }
    }

    /// Whether the failure was an attempt timing out.
    pub fn is_timeout(&self) -> bool {
        matches!(self.kind, ErrorKind::Timeout(_))
    }
}

impl<E: fmt::Display> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} failed: ", self.operation)?;
        match &self.kind {
            ErrorKind::Service(e) => write!(f, "service error: {e}")?,
            ErrorKind::InvalidResponse(e) => e.fmt(f)?,
            ErrorKind::Transport(e) => write!(f, "transport error: {e}")?,
            ErrorKind::Timeout(t) => write!(f, "timed out after {t:?}")?,
            ErrorKind::Signing(e) => e.fmt(f)?,
            ErrorKind::Endpoint(e) => e.fmt(f)?,
            ErrorKind::InvalidRequest(e) => e.fmt(f)?,
            ErrorKind::EndpointResolution(e) => e.fmt(f)?,
            ErrorKind::InvalidInput(e) => write!(f, "invalid input: {e}")?,
            ErrorKind::Credentials(e) => e.fmt(f)?,
        }
        if self.attempts > 1 {
            write!(f, " ({} attempts)", self.attempts)?;
        }
        Ok(())
    }
}

impl<E: std::error::Error + 'static> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Service(e) => Some(e),
            ErrorKind::InvalidResponse(e) => Some(e),
            ErrorKind::Transport(e) => Some(e),
            ErrorKind::Timeout(_) => None,
            ErrorKind::Signing(e) => Some(e),
            ErrorKind::InvalidInput(e) => Some(e),
            ErrorKind::Endpoint(e) => Some(e),
            ErrorKind::InvalidRequest(e) => Some(e),
            ErrorKind::EndpointResolution(e) => Some(e),
            ErrorKind::Credentials(e) => Some(e),
        }
    }
}
