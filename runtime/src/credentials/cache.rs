//! Where the client gets credentials for each request: the [`ProvideCredentials`] trait, and
//! [`CredentialsCache`], which keeps temporary credentials until shortly before they expire
//! and then refreshes them once, however many calls are waiting at that moment (the others
//! wait for that refresh rather than starting their own). A refresh that fails while the
//! cached credentials are still valid keeps them; the failure is kept for
//! [`CredentialsCache::last_refresh_error`] and named if the credentials later expire.

use std::fmt;
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime};

use crate::credentials::{Credentials, CredentialsError};
use crate::transport::BoxFuture;

/// A source of credentials (the default chain, one of its sources, static keys, or your own).
pub trait ProvideCredentials: fmt::Debug + Send + Sync {
    /// Credentials for the next request. Called per request attempt: cache what is costly.
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>>;
}

/// Static credentials provide themselves.
impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        let credentials = self.clone();
        Box::pin(async move { Ok(credentials) })
    }
}

impl<T: ProvideCredentials + ?Sized> ProvideCredentials for Arc<T> {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        (**self).provide_credentials()
    }
}

/// How long before their expiry cached credentials are refreshed by default: 5 minutes, so a
/// request signed with them does not arrive after they expire (the SDKs use minutes too).
pub const DEFAULT_REFRESH_BEFORE_EXPIRY: Duration = Duration::from_secs(5 * 60);

/// Caches what a [`ProvideCredentials`] gives: credentials without an expiry forever, others
/// until `refresh_before_expiry` before they expire. One refresh at a time.
pub struct CredentialsCache {
    source: Box<dyn ProvideCredentials>,
    refresh_before_expiry: Duration,
    current: RwLock<Option<Credentials>>,
    last_refresh_error: RwLock<Option<CredentialsError>>,
    /// Held while refreshing: the single flight.
    refreshing: tokio::sync::Mutex<()>,
}

impl fmt::Debug for CredentialsCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CredentialsCache")
            .field("source", &self.source)
            .field("refresh_before_expiry", &self.refresh_before_expiry)
            .finish_non_exhaustive()
    }
}

impl CredentialsCache {
    /// A cache of `source`, refreshing [`DEFAULT_REFRESH_BEFORE_EXPIRY`] before expiry.
    pub fn new(source: impl ProvideCredentials + 'static) -> Self {
        Self {
            source: Box::new(source),
            refresh_before_expiry: DEFAULT_REFRESH_BEFORE_EXPIRY,
            current: RwLock::new(None),
            last_refresh_error: RwLock::new(None),
            refreshing: tokio::sync::Mutex::new(()),
        }
    }

    /// Refreshes `window` before expiry instead.
    pub fn with_refresh_before_expiry(mut self, window: Duration) -> Self {
        self.refresh_before_expiry = window;
        self
    }

    /// Why the last refresh failed while the cached credentials were kept, if it did (cleared
    /// by the next successful refresh).
    pub fn last_refresh_error(&self) -> Option<CredentialsError> {
        read(&self.last_refresh_error).clone()
    }

    /// The cached credentials if they need no refresh at `now`.
    fn fresh(&self, now: SystemTime) -> Option<Credentials> {
        let current = read(&self.current);
        current
            .as_ref()
            .filter(|c| match c.expiry() {
                None => true,
                Some(expiry) => now + self.refresh_before_expiry < expiry,
            })
            .cloned()
    }

    async fn get(&self) -> Result<Credentials, CredentialsError> {
        if let Some(credentials) = self.fresh(SystemTime::now()) {
            return Ok(credentials);
        }
        let _flight = self.refreshing.lock().await;
        // Another call may have refreshed while this one waited.
        let now = SystemTime::now();
        if let Some(credentials) = self.fresh(now) {
            return Ok(credentials);
        }
        match self.source.provide_credentials().await {
            Ok(credentials) => {
                *write(&self.current) = Some(credentials.clone());
                *write(&self.last_refresh_error) = None;
                Ok(credentials)
            }
            Err(error) => {
                let still_valid = read(&self.current)
                    .as_ref()
                    .filter(|c| c.expiry().is_none_or(|expiry| now < expiry))
                    .cloned();
                match still_valid {
                    Some(credentials) => {
                        *write(&self.last_refresh_error) = Some(CredentialsError::new(format!(
                            "refreshing failed, kept the cached credentials until they \
                             expire: {}",
                            error.message()
                        )));
                        Ok(credentials)
                    }
                    None => Err(error),
                }
            }
        }
    }
}

impl ProvideCredentials for CredentialsCache {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(self.get())
    }
}

fn read<T>(lock: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    lock.read()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn write<T>(lock: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    lock.write()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
