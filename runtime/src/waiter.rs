//! Waiters, sans-IO: what a generated waiter is ([`Waiter`]: the operation it polls, its delays,
//! and its acceptors compiled into Rust over the typed output), and the delay before the next
//! attempt ([`delay`]). The client's `wait_until_*` methods drive them; without the client,
//! call the operation however you like and ask [`Waiter::acceptor`] what the response means.
//!
//! Delays follow the Smithy waiter specification (as the AWS SDKs do): after attempt `n` the
//! delay is a random duration between `min_delay` and `min(min_delay * 2^(n-1), max_delay)`,
//! shortened so that the last attempt happens with `min_delay` of the caller's maximum wait
//! left; once less than `min_delay` is left the wait has timed out. botocore's fixed `delay` is
//! the least delay; the greatest is 120 s unless the model says otherwise.

use std::time::Duration;

use super::operation::Operation;

/// A count (JMESPath `length()`: items, or characters of a string) as a JMESPath number, for
/// the comparisons generated acceptors make.
pub fn count(n: usize) -> f64 {
    n as f64
}

/// A `long` member as a JMESPath number (rounded to nearest beyond 2^53, as JMESPath's own
/// numbers are).
pub fn long(v: i64) -> f64 {
    v as f64
}

/// The value of a path over the output of `response` (`None` for an error), which generated
/// acceptors compute once and test in each acceptor that uses it.
pub fn on_output<'a, O, E, T>(
    response: Result<&'a O, &'a E>,
    path: impl FnOnce(&'a O) -> Option<T>,
) -> Option<T> {
    response.ok().and_then(path)
}

/// JMESPath's `allStringEquals`/`allBooleanEquals` test: a list, not empty, every element
/// passing `test`.
pub fn all<T>(items: Option<&[T]>, test: impl Fn(&T) -> bool) -> bool {
    items.is_some_and(|items| !items.is_empty() && items.iter().all(test))
}

/// JMESPath's `anyStringEquals`/`anyBooleanEquals` test: a list with an element passing `test`.
pub fn any<T>(items: Option<&[T]>, test: impl Fn(&T) -> bool) -> bool {
    items.is_some_and(|items| items.iter().any(test))
}

/// What an acceptor decides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AcceptorState {
    /// The wait is over: the resource reached the state waited for.
    Success,
    /// The wait is over: the resource will not reach the state.
    Failure,
    /// Poll again.
    Retry,
}

/// A waiter of operation [`Waiter::Operation`] (generated per `waiters-2.json` entry or
/// `@waitable` waiter).
pub trait Waiter {
    /// The operation polled.
    type Operation: Operation;

    /// The waiter's name in the model (`CacheClusterAvailable`).
    const NAME: &'static str;

    /// The least delay between attempts.
    const MIN_DELAY: Duration;

    /// The greatest delay between attempts.
    const MAX_DELAY: Duration;

    /// What one response means: the state of the first acceptor that matches it, in the
    /// model's order, or `None` when none does (then an output means "poll again" and an error
    /// ends the wait as unexpected). `status` is the response's HTTP status.
    fn acceptor(
        status: u16,
        response: Result<
            &<Self::Operation as Operation>::Output,
            &<Self::Operation as Operation>::Error,
        >,
    ) -> Option<AcceptorState>;
}

/// The delay before the attempt after attempt `attempt` (1-based), with `remaining` of the
/// caller's maximum wait left; `random` in `[0, 1)` picks the delay in its range. `None` when
/// less than `min` is left: the wait has timed out.
pub fn delay(
    min: Duration,
    max: Duration,
    attempt: u32,
    remaining: Duration,
    random: f64,
) -> Option<Duration> {
    if remaining < min {
        return None;
    }
    let max = max.max(min);
    // min * 2^(attempt-1), capped at max (the specification's attempt ceiling).
    let exponent = attempt.saturating_sub(1).min(31);
    let ceiling = min
        .checked_mul(1u32 << exponent)
        .map_or(max, |d| d.min(max));
    let delay = min + (ceiling - min).mul_f64(random.clamp(0.0, 1.0));
    // Keep `min` for the last attempt.
    if remaining.saturating_sub(delay) <= min {
        return Some(remaining - min);
    }
    Some(delay)
}
