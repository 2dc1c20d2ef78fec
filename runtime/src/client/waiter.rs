//! The client's waiters (feature `client`): [`Core::wait`] polls an operation until one of a
//! [`Waiter`]'s acceptors ends the wait or the caller's maximum wait runs out, sleeping
//! [`delay`](crate::waiter::delay) between attempts; and its typed error, [`WaiterError`].

use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, Instant};

use super::{Core, Error, Input, ProvideErrorMetadata};
use crate::operation::Operation;
use crate::waiter::{AcceptorState, Waiter};

/// The response that ended a wait: an output, or an error an acceptor matched.
#[derive(Debug)]
pub enum Final<O, E> {
    /// The operation's output.
    Output(O),
    /// The operation's error.
    Error(E),
}

/// Why a wait did not succeed.
#[derive(Debug)]
pub struct WaiterError<O, E> {
    waiter: &'static str,
    attempts: u32,
    elapsed: Duration,
    kind: WaiterErrorKind<O, E>,
}

/// The kinds of [`WaiterError`].
#[derive(Debug)]
#[non_exhaustive]
pub enum WaiterErrorKind<O, E> {
    /// A failure acceptor matched this response: the resource will not reach the state.
    Failure(Final<O, E>),
    /// The maximum wait ran out before an acceptor ended the wait.
    Timeout,
    /// The call failed in a way no acceptor expects (a service error no acceptor matched, or
    /// the call itself failing after its retries).
    Unexpected(Error<E>),
}

impl<O, E> WaiterError<O, E> {
    /// The waiter's name in the model (`CacheClusterAvailable`).
    pub fn waiter(&self) -> &'static str {
        self.waiter
    }

    /// How many times the operation was called.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// How long the wait took.
    pub fn elapsed(&self) -> Duration {
        self.elapsed
    }

    /// What went wrong.
    pub fn kind(&self) -> &WaiterErrorKind<O, E> {
        &self.kind
    }

    /// What went wrong, by value.
    pub fn into_kind(self) -> WaiterErrorKind<O, E> {
        self.kind
    }

    /// Whether the maximum wait ran out.
    pub fn is_timeout(&self) -> bool {
        matches!(self.kind, WaiterErrorKind::Timeout)
    }

    /// Whether a failure acceptor matched.
    pub fn is_failure(&self) -> bool {
        matches!(self.kind, WaiterErrorKind::Failure(_))
    }
}

impl<O, E: fmt::Display> fmt::Display for WaiterError<O, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "waiter {} ", self.waiter)?;
        match &self.kind {
            WaiterErrorKind::Failure(Final::Output(_)) => {
                f.write_str("reached a failure state")?;
            }
            WaiterErrorKind::Failure(Final::Error(e)) => {
                write!(f, "reached a failure state: {e}")?;
            }
            WaiterErrorKind::Timeout => f.write_str("timed out")?,
            WaiterErrorKind::Unexpected(e) => write!(f, "failed: {e}")?,
        }
        write!(
            f,
            " ({} attempts in {:.1} s)",
            self.attempts,
            self.elapsed.as_secs_f64()
        )
    }
}

impl<O: fmt::Debug, E: std::error::Error + 'static> std::error::Error for WaiterError<O, E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            WaiterErrorKind::Failure(Final::Error(e)) => Some(e),
            WaiterErrorKind::Unexpected(e) => Some(e),
            _ => None,
        }
    }
}

impl Core {
    /// Polls with `input` until an acceptor of `W` ends the wait, or `max_wait` runs out. A
    /// success acceptor gives the response that matched; a failure acceptor, an error no
    /// acceptor matches, and running out of time give a [`WaiterError`].
    pub async fn wait<C, W, I>(
        &self,
        input: &I,
        max_wait: Duration,
    ) -> Result<
        Final<<W::Operation as Operation>::Output, <W::Operation as Operation>::Error>,
        WaiterError<<W::Operation as Operation>::Output, <W::Operation as Operation>::Error>,
    >
    where
        W: Waiter,
        I: Input<C, Operation = W::Operation>,
        <W::Operation as Operation>::Error: ProvideErrorMetadata,
    {
        let start = Instant::now();
        let mut attempt = 0;
        loop {
            attempt += 1;
            let result = self.call_input_with_status::<C, I>(input).await;
            let state = match &result {
                Ok((status, output)) => W::acceptor(*status, Ok(output)),
                Err(e) => e
                    .service_error()
                    .and_then(|s| W::acceptor(s.meta().status(), Err(s))),
            };
            let end = |kind| WaiterError {
                waiter: W::NAME,
                attempts: attempt,
                elapsed: start.elapsed(),
                kind,
            };
            let finished = |result: Result<(u16, _), Error<_>>| match result {
                Ok((_, output)) => Ok(Final::Output(output)),
                Err(e) => e.into_service_error().map(Final::Error),
            };
            match state {
                Some(AcceptorState::Success) => {
                    return finished(result).map_err(|e| end(WaiterErrorKind::Unexpected(e)));
                }
                Some(AcceptorState::Failure) => {
                    return Err(end(match finished(result) {
                        Ok(f) => WaiterErrorKind::Failure(f),
                        Err(e) => WaiterErrorKind::Unexpected(e),
                    }));
                }
                Some(AcceptorState::Retry) => {}
                None => {
                    if let Err(e) = result {
                        return Err(end(WaiterErrorKind::Unexpected(e)));
                    }
                }
            }
            let remaining = max_wait.saturating_sub(start.elapsed());
            let Some(delay) = crate::waiter::delay(
                W::MIN_DELAY,
                W::MAX_DELAY,
                attempt,
                remaining,
                random_fraction(),
            ) else {
                return Err(end(WaiterErrorKind::Timeout));
            };
            tokio::time::sleep(delay).await;
        }
    }
}

/// A random number in `[0, 1)` from std's per-instance random hasher keys.
fn random_fraction() -> f64 {
    let random = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    f64::from(u32::try_from(random >> 32).unwrap_or(u32::MAX)) / 4_294_967_296.0
}
