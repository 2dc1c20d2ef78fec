//! Interop with the `aws-credential-types` crate (feature `aws-credential-types`, off by
//! default): any of its credential providers — what `aws-config` builds, the official SDKs'
//! default chain included — as this client's provider ([`FromAws`]), and this client's
//! providers — the default chain, a cache — for code that expects one of its providers
//! ([`IntoAws`]). Key, secret, session token and expiry carry over both ways.

use std::sync::Arc;

use aws_credential_types::provider::error::CredentialsError as AwsCredentialsError;
use aws_credential_types::provider::{ProvideCredentials as AwsProvideCredentials, future};

use crate::credentials::cache::ProvideCredentials;
use crate::credentials::{Credentials, CredentialsError};
use crate::transport::BoxFuture;

/// An `aws-credential-types` provider as this client's: give it to
/// `Config::with_credentials_provider`.
#[derive(Debug)]
pub struct FromAws<P>(pub P);

impl<P: AwsProvideCredentials> ProvideCredentials for FromAws<P> {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(async move {
            let credentials = self.0.provide_credentials().await.map_err(|e| {
                // The error and its causes: the providers' messages carry no secrets.
                let mut message = format!("aws-credential-types provider: {e}");
                let mut cause = std::error::Error::source(&e);
                while let Some(c) = cause {
                    message.push_str(&format!(": {c}"));
                    cause = c.source();
                }
                CredentialsError::new(message)
            })?;
            let ours = Credentials::new(
                credentials.access_key_id(),
                credentials.secret_access_key(),
                credentials.session_token().map(str::to_owned),
            );
            Ok(match credentials.expiry() {
                Some(expiry) => ours.with_expiry(expiry),
                None => ours,
            })
        })
    }
}

/// This client's provider as an `aws-credential-types` provider (named `awsgen` in its
/// credentials).
#[derive(Clone, Debug)]
pub struct IntoAws(pub Arc<dyn ProvideCredentials>);

impl AwsProvideCredentials for IntoAws {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::new(async move {
            let credentials = self
                .0
                .provide_credentials()
                .await
                .map_err(AwsCredentialsError::provider_error)?;
            Ok(aws_credential_types::Credentials::new(
                credentials.access_key_id(),
                credentials.secret_access_key(),
                credentials.session_token().map(str::to_owned),
                credentials.expiry(),
                "awsgen",
            ))
        })
    }
}
