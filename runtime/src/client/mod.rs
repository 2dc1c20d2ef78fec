//! The client core that every generated service client wraps: configuration (region,
//! endpoint, credentials, transport, timeout, retries), the generic call of any
//! [`Operation`] (build, point at the endpoint, sign, send,
//! parse, retry), and its one error type.
//!
//! Runs on tokio: its timer does the timeouts and the backoff between attempts, and the
//! default transport ([`HyperClient`](crate::transport::HyperClient)) spawns its connection tasks on it.
//!
//! Retries: at most `max_attempts` attempts (3 by default, as botocore's standard mode), after
//! a transport error, a timeout, an HTTP 5xx or 429 response, or a service error whose code is
//! a throttling or transient code; the delay before attempt n+1 is a random fraction of
//! `min(base_delay * 2^(n-1), max_delay)` ("full jitter").

mod attempt;
mod call;
mod config;
#[cfg(feature = "http2")]
pub mod duplex;
pub mod endpoint;
mod error;
#[cfg(feature = "paginator")]
pub mod pages;
#[cfg(feature = "blob")]
mod upload;
#[cfg(feature = "waiter")]
pub mod waiter;

pub use config::{Config, ConfigError, RetryConfig};
pub use error::{Error, ErrorKind};

/// What calling the operation `O` through the client gives: its output, or the call's error
/// (the operation's error, or why no answer was read).
pub type SendResult<O> =
    std::result::Result<<O as Operation>::Output, Error<<O as Operation>::Error>>;

use std::sync::{Arc, RwLock};
use std::time::Duration;

use crate::credential_cache::ProvideCredentials;
use crate::endpoint::{EndpointError, RuleSet, Value};
use crate::error::ProvideErrorMetadata;
use crate::operation::Operation;
use crate::sigv4::Signer;
use crate::transport::HttpClient;
use endpoint::ResolvedEndpoint;

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

    /// Whether the operation's input is an event stream: it is called with its fluent
    /// `send()` (the client's bidirectional call, feature `http2`), and `Client::call` refuses
    /// it rather than send it without its events.
    const DUPLEX: bool = false;
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
