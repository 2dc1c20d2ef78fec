//! The waiter delay schedule against the Smithy waiter specification's formula, worked by hand:
//! after attempt n a random delay in [min, min(min * 2^(n-1), max)], shortened to leave `min`
//! for the last attempt; nothing once less than `min` is left.

use std::time::Duration;

use awsgen_runtime::waiter::delay;

const MIN: Duration = Duration::from_secs(2);
const MAX: Duration = Duration::from_secs(120);
const LONG: Duration = Duration::from_secs(3600);

fn secs(s: f64) -> Option<Duration> {
    Some(Duration::from_secs_f64(s))
}

#[test]
fn the_range_doubles_per_attempt_up_to_the_maximum() {
    // Attempt 1: [2, 2].
    assert_eq!(delay(MIN, MAX, 1, LONG, 0.0), secs(2.0));
    assert_eq!(delay(MIN, MAX, 1, LONG, 0.99), secs(2.0));
    // Attempt 3: [2, 8]; the random number picks the point.
    assert_eq!(delay(MIN, MAX, 3, LONG, 0.0), secs(2.0));
    assert_eq!(delay(MIN, MAX, 3, LONG, 0.5), secs(5.0));
    assert_eq!(delay(MIN, MAX, 3, LONG, 1.0), secs(8.0));
    // Attempt 7: 2 * 64 = 128, capped at 120; attempt 40 does not overflow.
    assert_eq!(delay(MIN, MAX, 7, LONG, 1.0), secs(120.0));
    assert_eq!(delay(MIN, MAX, 40, LONG, 1.0), secs(120.0));
    assert_eq!(
        delay(MIN, MAX, u32::MAX, LONG, 0.25),
        secs(2.0 + 118.0 * 0.25)
    );
}

#[test]
fn the_last_attempt_keeps_the_least_delay_and_then_the_wait_times_out() {
    // 9 s left, attempt 3 would sleep 8 s and leave 1 s (< 2): sleep 7 s, leaving 2 s.
    assert_eq!(delay(MIN, MAX, 3, Duration::from_secs(9), 1.0), secs(7.0));
    // Exactly the least delay left: no sleep, one last attempt.
    assert_eq!(delay(MIN, MAX, 3, MIN, 0.5), secs(0.0));
    // Less than the least delay left: timed out.
    assert_eq!(delay(MIN, MAX, 3, Duration::from_millis(1999), 0.5), None);
    assert_eq!(delay(MIN, MAX, 1, Duration::ZERO, 0.5), None);
}

#[test]
fn a_least_delay_above_the_greatest_wins() {
    // botocore delays over 120 s: the range is [delay, delay].
    let min = Duration::from_secs(300);
    assert_eq!(delay(min, MAX, 5, LONG, 0.7), secs(300.0));
}
