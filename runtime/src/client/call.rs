//! Setting up a client ([`Core::new`]) and the calls of its operations: plain, with
//! endpoint parameters of their own, and presigned.

use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime};

use super::attempt::Signing;
use super::endpoint::{ResolvedEndpoint, Settings};
use super::{
    Config, ConfigError, Core, Error, ErrorKind, Inner, Input, ProvideErrorMetadata, SendResult,
    ServiceInfo,
};
use crate::credential_cache::ProvideCredentials;
use crate::credentials::CredentialsError;
use crate::endpoint::{EndpointError, Value};
use crate::operation::Operation;
use crate::sigv4::Signer;
use crate::transport::HyperClient;

impl Core {
    /// Resolves the endpoint and sets up signing and the transport for `service`.
    pub fn new(config: Config, service: &'static ServiceInfo) -> Result<Self, ConfigError> {
        let region = config.region.ok_or(ConfigError::MissingRegion)?;
        // Without credentials only unsigned operations can be called (the others fail
        // before sending, saying so).
        let credentials = config.credentials;
        // Once per client; operations that set rule-set parameters from their input resolve
        // again per call (`invoke_with_endpoint_params`).
        let endpoint = super::endpoint::resolve(
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
        O::Error: ProvideErrorMetadata,
    {
        self.invoke_status::<O>(input)
            .await
            .map(|(_, output)| output)
    }

    /// [`Core::invoke`], with the response's HTTP status.
    async fn invoke_status<O>(&self, input: &O::Input) -> Result<(u16, O::Output), Error<O::Error>>
    where
        O: Operation,
        O::Error: ProvideErrorMetadata,
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

    /// A fluent builder's `send()`: calls the operation of the input the builder built
    /// ([`Core::call_input`]); an input missing a required member is
    /// [`ErrorKind::InvalidInput`] and nothing is sent.
    pub async fn send<C, I>(
        &self,
        input: Result<I, crate::error::BuildError>,
    ) -> SendResult<I::Operation>
    where
        I: Input<C>,
        <I::Operation as Operation>::Error: ProvideErrorMetadata,
    {
        let input =
            input.map_err(|e| Error::invalid_input(<I::Operation as Operation>::NAME, e))?;
        self.call_input::<C, I>(&input).await
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
        <I::Operation as Operation>::Error: ProvideErrorMetadata,
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
        <I::Operation as Operation>::Error: ProvideErrorMetadata,
    {
        if I::DUPLEX {
            return Err(Error {
                operation: <I::Operation as Operation>::NAME,
                attempts: 0,
                kind: ErrorKind::InvalidRequest(crate::operation::InvalidRequest::new(
                    "(event stream)",
                    "an operation whose input is an event stream is called with its fluent \
                     `send()`, which sends the events",
                )),
            });
        }
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
        O::Error: ProvideErrorMetadata,
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
        O::Error: ProvideErrorMetadata,
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
    pub(super) fn resolve_with(
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
        super::endpoint::resolve(
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
        crate::operation::set_endpoint(&mut request, &endpoint.url)
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
}
