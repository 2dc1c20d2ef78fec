//! Why an operation call failed ([`Error`], [`ErrorKind`]), and which failures are worth
//! retrying.

use std::fmt;
use std::time::Duration;

use crate::credentials::CredentialsError;
use crate::endpoint::EndpointError;
use crate::error::BuildError;
use crate::error::ProvideErrorMetadata;
use crate::operation::{InvalidEndpoint, InvalidRequest, InvalidResponse};
use crate::sigv4::SigningError;
use crate::transport::TransportError;

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

/// Why an operation call failed: the operation, how many attempts were made, and the last
/// attempt's error.
#[derive(Debug)]
pub struct Error<E> {
    pub(super) operation: &'static str,
    pub(super) attempts: u32,
    pub(super) kind: ErrorKind<E>,
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

impl<E: ProvideErrorMetadata> ErrorKind<E> {
    /// Whether another attempt may succeed.
    pub(super) fn retryable(&self) -> bool {
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
