//! Timestamps: the [`DateTime`] instant and the three AWS wire formats for it.
//!
//! A [`DateTime`] is an instant on the UTC time line with nanosecond resolution: whole seconds
//! since the Unix epoch (1970-01-01T00:00:00Z) plus a subsecond part. It carries no time zone.
//!
//! AWS protocols write timestamps in one of three formats, named after Smithy's
//! `timestampFormat` values (botocore calls them `iso8601`, `rfc822` and `unixTimestamp`):
//!
//! | format | parse | format (appends to a `String`) | example |
//! |---|---|---|---|
//! | date-time (RFC 3339) | [`DateTime::parse_date_time`] | [`DateTime::fmt_date_time`] | `2015-01-25T08:00:00Z` |
//! | http-date (IMF-fixdate) | [`DateTime::parse_http_date`] | [`DateTime::fmt_http_date`] | `Sun, 25 Jan 2015 08:00:00 GMT` |
//! | epoch-seconds | [`DateTime::parse_epoch_seconds`] | [`DateTime::fmt_epoch_seconds`] | `1422172800` |
//!
//! [`DateTime::parse_any`] accepts any of the three, for response parsers that, like botocore's,
//! do not insist on the member's format.
//!
//! # Precision on the wire
//!
//! Smithy's `timestampFormat` specification gives timestamps millisecond precision and says that
//! finer values SHOULD be truncated; an `http-date` has no fraction at all. The formatters follow
//! it, always truncating toward the past:
//!
//! * date-time: `YYYY-MM-DDTHH:MM:SSZ`, or `YYYY-MM-DDTHH:MM:SS.mmmZ` (exactly three digits) when
//!   the milliseconds are not zero.
//! * http-date: `Www, DD Mon YYYY HH:MM:SS GMT`, whole seconds.
//! * epoch-seconds: the integer, or `seconds.fraction` with up to three digits and no trailing
//!   zeros (`1422172800.5`, `-0.25`).
//!
//! Parsers keep up to nanoseconds and truncate (again toward the past) anything finer.
//!
//! Years outside 0000–9999 do not fit the date-time and http-date formats; the formatters still
//! write them, as ISO 8601 expanded years (`+10000`, `-0001`), which the parsers reject.
//!
//! Nothing here panics on any input: parsers return [`TimestampError`] and all arithmetic on
//! untrusted values is checked.

mod calendar;
mod cursor;
mod epoch;
mod format;
mod parse;
#[cfg(feature = "serde")]
mod serde_impl;

use std::fmt;
use std::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use calendar::{civil_from_days, days_from_civil, days_in_month};
use epoch::parse_decimal_seconds;
use format::StackBuf;

const NANOS_PER_SEC: u32 = 1_000_000_000;
const NANOS_PER_MILLI: u32 = 1_000_000;
const SECS_PER_DAY: i64 = 86_400;

/// Days from 0000-03-01 to 1970-01-01 in the proleptic Gregorian calendar.
const DAYS_0000_03_01_TO_UNIX_EPOCH: i64 = 719_468;
/// Days in a 400-year Gregorian cycle.
const DAYS_PER_ERA: i64 = 146_097;

const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const WEEKDAYS_LONG: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// An instant in time: seconds since the Unix epoch plus nanoseconds.
///
/// Instants before the epoch are stored as the whole second at or before them plus a positive
/// fraction, so -1.5 s is `secs() == -2`, `subsec_nanos() == 500_000_000`. That makes the derived
/// ordering chronological. Any `i64` number of seconds is representable (about ±292 billion
/// years); the text formats cover years 0000–9999 (see the [module docs](self)).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    secs: i64,
    nanos: u32,
}

/// Why a timestamp could not be parsed or converted.
///
/// Its `Display` names the format and what was wrong, e.g.
/// `invalid date-time timestamp: day is out of range for the month`. It does not repeat the
/// input, which may be long or sensitive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimestampError {
    what: &'static str,
    reason: &'static str,
}

const DATE_TIME: &str = "date-time timestamp";
const HTTP_DATE: &str = "http-date timestamp";
const EPOCH_SECONDS: &str = "epoch-seconds timestamp";
const TIMESTAMP: &str = "timestamp";

impl TimestampError {
    const fn new(what: &'static str, reason: &'static str) -> Self {
        Self { what, reason }
    }
}

impl fmt::Display for TimestampError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {}: {}", self.what, self.reason)
    }
}

impl std::error::Error for TimestampError {}

impl DateTime {
    /// The Unix epoch, 1970-01-01T00:00:00Z.
    pub const UNIX_EPOCH: Self = Self { secs: 0, nanos: 0 };

    /// The instant `secs` whole seconds after (or, if negative, before) the Unix epoch.
    pub const fn from_secs(secs: i64) -> Self {
        Self { secs, nanos: 0 }
    }

    /// The instant `secs` seconds plus `nanos` nanoseconds after the Unix epoch.
    ///
    /// `None` unless `nanos` is below 1,000,000,000. For an instant before the epoch, `secs` is
    /// the whole second at or before it: -1.5 s is `from_secs_and_nanos(-2, 500_000_000)`.
    pub const fn from_secs_and_nanos(secs: i64, nanos: u32) -> Option<Self> {
        if nanos < NANOS_PER_SEC {
            Some(Self { secs, nanos })
        } else {
            None
        }
    }

    /// The instant `millis` milliseconds after (or, if negative, before) the Unix epoch.
    pub const fn from_millis(millis: i64) -> Self {
        Self {
            secs: millis.div_euclid(1000),
            // The remainder is in 0..1000, so this neither truncates nor overflows.
            nanos: millis.rem_euclid(1000) as u32 * NANOS_PER_MILLI,
        }
    }

    /// The instant `secs` (fractional) seconds after the Unix epoch.
    ///
    /// The `f64` is read as the shortest decimal that converts back to it, which is how JSON
    /// encoders print it: `946845296.123` gives exactly 946845296 s and 123,000,000 ns, not the
    /// 123,000,025 ns of the binary value (946845296.1230000257…). Digits beyond nanoseconds are
    /// truncated toward the past. `None` for NaN, infinities and values outside the `i64` seconds range.
    pub fn from_secs_f64(secs: f64) -> Option<Self> {
        use fmt::Write as _;
        if !secs.is_finite() {
            return None;
        }
        // `{:e}` prints the shortest round-tripping digits in scientific notation, so the text
        // stays short (at most about 25 bytes) even for 1e300 or 5e-324.
        let mut buf = StackBuf::new();
        write!(buf, "{secs:e}").ok()?;
        parse_decimal_seconds(buf.as_bytes(), EPOCH_SECONDS).ok()
    }

    /// The instant at the given UTC calendar date and time of day (proleptic Gregorian calendar,
    /// astronomical year numbering: year 0 is 1 BCE).
    ///
    /// `None` if a field is out of range: `month` 1–12, `day` 1 to the length of the month,
    /// `hour` 0–23, `minute` 0–59, `second` 0–59.
    pub fn from_ymd_hms(
        year: i32,
        month: u32,
        day: u32,
        hour: u32,
        minute: u32,
        second: u32,
    ) -> Option<Self> {
        if !(1..=12).contains(&month)
            || day == 0
            || day > days_in_month(i64::from(year), month)
            || hour > 23
            || minute > 59
            || second > 59
        {
            return None;
        }
        let days = days_from_civil(i64::from(year), month, day)?;
        let secs = days
            .checked_mul(SECS_PER_DAY)?
            .checked_add(i64::from(hour * 3600 + minute * 60 + second))?;
        Some(Self::from_secs(secs))
    }

    /// This instant with its subsecond part replaced by `nanos`; `None` unless `nanos` is below
    /// 1,000,000,000.
    pub const fn with_subsec_nanos(self, nanos: u32) -> Option<Self> {
        Self::from_secs_and_nanos(self.secs, nanos)
    }

    /// Whole seconds since the Unix epoch, rounded toward the past (-1.5 s gives -2).
    pub const fn secs(self) -> i64 {
        self.secs
    }

    /// Nanoseconds past [`secs`](Self::secs), always below 1,000,000,000.
    pub const fn subsec_nanos(self) -> u32 {
        self.nanos
    }

    /// Seconds since the Unix epoch as an `f64`, rounded to its 53-bit precision (about a
    /// quarter of a microsecond for present-day instants).
    pub fn as_secs_f64(self) -> f64 {
        self.secs as f64 + f64::from(self.nanos) / f64::from(NANOS_PER_SEC)
    }

    /// The UTC calendar date and time of day: `(year, month, day, hour, minute, second)`, with
    /// `month` 1–12 and `day` 1–31, in the proleptic Gregorian calendar (year 0 is 1 BCE).
    pub fn to_ymd_hms(self) -> (i64, u32, u32, u32, u32, u32) {
        let days = self.secs.div_euclid(SECS_PER_DAY);
        // In 0..86_400, so the casts below cannot truncate.
        let sod = self.secs.rem_euclid(SECS_PER_DAY) as u32;
        let (year, month, day) = civil_from_days(days);
        (year, month, day, sod / 3600, sod / 60 % 60, sod % 60)
    }
}

impl fmt::Display for DateTime {
    /// Formats as an RFC 3339 date-time, like [`DateTime::fmt_date_time`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_date_time(f, false)
    }
}

impl FromStr for DateTime {
    type Err = TimestampError;

    /// Parses an RFC 3339 date-time, like [`DateTime::parse_date_time`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse_date_time(s)
    }
}

impl TryFrom<SystemTime> for DateTime {
    type Error = TimestampError;

    /// Fails only for a `SystemTime` more than `i64::MAX` seconds from the epoch.
    fn try_from(t: SystemTime) -> Result<Self, Self::Error> {
        const OUT_OF_RANGE: TimestampError =
            TimestampError::new(TIMESTAMP, "SystemTime is out of the range of DateTime");
        match t.duration_since(UNIX_EPOCH) {
            Ok(after) => {
                let secs = i64::try_from(after.as_secs()).map_err(|_| OUT_OF_RANGE)?;
                Ok(Self {
                    secs,
                    nanos: after.subsec_nanos(),
                })
            }
            Err(before) => {
                // Up to 2^63 s before the epoch is representable, so go through i128.
                let before = before.duration();
                let (secs, nanos) = match before.subsec_nanos() {
                    0 => (-i128::from(before.as_secs()), 0),
                    n => (-i128::from(before.as_secs()) - 1, NANOS_PER_SEC - n),
                };
                let secs = i64::try_from(secs).map_err(|_| OUT_OF_RANGE)?;
                Ok(Self { secs, nanos })
            }
        }
    }
}

impl TryFrom<DateTime> for SystemTime {
    type Error = TimestampError;

    /// Fails for instants the platform's `SystemTime` cannot represent.
    fn try_from(t: DateTime) -> Result<Self, Self::Error> {
        const OUT_OF_RANGE: TimestampError =
            TimestampError::new(TIMESTAMP, "DateTime is out of the range of SystemTime");
        let nanos = Duration::from_nanos(u64::from(t.nanos));
        let whole = Duration::from_secs(t.secs.unsigned_abs());
        let base = if t.secs >= 0 {
            UNIX_EPOCH.checked_add(whole)
        } else {
            UNIX_EPOCH.checked_sub(whole)
        };
        base.and_then(|b| b.checked_add(nanos)).ok_or(OUT_OF_RANGE)
    }
}
