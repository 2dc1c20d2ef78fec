//! Idempotency tokens: the value a request carries in a member marked `idempotencyToken` when
//! the caller leaves it unset, so that a retried request is recognised as the same request.
//!
//! A token is a random UUID version 4 (`xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`), as botocore and
//! the AWS SDKs send. The 122 random bits come from std's `RandomState`: SipHash keyed with
//! per-process random keys from the operating system, over a per-process counter and the
//! current time. That is unpredictable to other parties and unique within and across
//! processes, which is all a token needs; it is not meant as a general-purpose RNG.
//!
//! Tests and deterministic replays can fix the tokens of the current thread with
//! [`with_token_source`].

use std::cell::Cell;
use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

thread_local! {
    static SOURCE: Cell<Option<fn() -> String>> = const { Cell::new(None) };
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A fresh token: a random UUID v4, or the value of the thread's source set with
/// [`with_token_source`].
pub fn token() -> String {
    match SOURCE.with(Cell::get) {
        Some(source) => source(),
        None => random_uuid_v4(),
    }
}

/// Runs `f` with `source` producing the tokens of this thread (for example
/// `|| "00000000-0000-4000-8000-000000000000".to_owned()`), then restores the previous source,
/// also if `f` panics.
pub fn with_token_source<R>(source: fn() -> String, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<fn() -> String>);
    impl Drop for Restore {
        fn drop(&mut self) {
            SOURCE.with(|s| s.set(self.0));
        }
    }
    let _restore = Restore(SOURCE.with(|s| s.replace(Some(source))));
    f()
}

fn random_uuid_v4() -> String {
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let state = RandomState::new();
    let mut hasher = state.build_hasher();
    hasher.write_u64(count);
    hasher.write_u128(nanos);
    let high = hasher.finish();
    hasher.write_u8(1);
    let low = hasher.finish();
    let mut bits = (u128::from(high) << 64) | u128::from(low);
    // Version 4 and the RFC 4122 variant.
    bits = (bits & !(0xf << 76)) | (0x4 << 76);
    bits = (bits & !(0x3 << 62)) | (0x2 << 62);
    let hex = format!("{bits:032x}");
    let mut out = String::with_capacity(36);
    for (i, c) in hex.chars().enumerate() {
        if matches!(i, 8 | 12 | 16 | 20) {
            out.push('-');
        }
        out.push(c);
    }
    out
}
