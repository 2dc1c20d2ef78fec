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

use std::fmt;
use std::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

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

    /// Parses an RFC 3339 `date-time`, the format of query requests and of XML and `iso8601`
    /// responses.
    ///
    /// Accepted: `YYYY-MM-DD`, a `T` (or `t`, or a space, as RFC 3339 allows), `HH:MM:SS`, an
    /// optional fraction of one or more digits (digits beyond nanoseconds are truncated), and a
    /// UTC offset: `Z`, `z`, `+HH:MM`, `-HH:MM`, or the ISO 8601 basic form `+HHMM`. The instant
    /// is normalized to UTC. A missing offset is an error (the time would be ambiguous; see
    /// [`parse_any`](Self::parse_any) for the lenient reading). A leap second (`:60`, which RFC
    /// 3339 allows) is read as `:59.999999999`, the last representable instant of that minute,
    /// since Unix time has no leap seconds.
    ///
    /// ```text
    /// 2015-01-25T08:00:00Z           2000-01-02T20:34:56.123Z
    /// 2019-12-16T22:48:18-01:00      2014-04-29T18:30:38+00:00
    /// ```
    pub fn parse_date_time(s: &str) -> Result<Self, TimestampError> {
        parse_rfc3339(s.as_bytes(), false)
    }

    /// Parses an HTTP date, the `http-date` format (botocore: `rfc822`).
    ///
    /// Accepted: the IMF-fixdate form every current server sends (`Sun, 06 Nov 1994 08:49:37
    /// GMT`, where a one-digit day is also accepted), and the two obsolete forms RFC 9110 says
    /// recipients must accept: RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`, two-digit years
    /// 00–49 read as 20xx and 50–99 as 19xx, as RFC 5322 does) and asctime
    /// (`Sun Nov  6 08:49:37 1994`). Names are case-sensitive, the weekday must match the date,
    /// and fractional seconds are rejected (Smithy: a deserializer that meets an `http-date` with
    /// fractional precision SHOULD fail).
    pub fn parse_http_date(s: &str) -> Result<Self, TimestampError> {
        parse_http_date(s.as_bytes())
    }

    /// Parses epoch seconds written as a decimal number, the `epoch-seconds` format
    /// (botocore: `unixTimestamp`), as JSON responses and XML epoch members carry it.
    ///
    /// Accepted: an optional sign, one or more digits, optionally `.` and one or more digits,
    /// optionally an exponent (`e` or `E`, optional sign, digits): `1398796238`,
    /// `1398796238.123`, `-1.5`, `1.398796238E9`, `1.4e9`. The decimal is read exactly, not
    /// through `f64`; digits beyond nanoseconds are truncated toward the past. No whitespace,
    /// `NaN` or `Infinity`.
    pub fn parse_epoch_seconds(s: &str) -> Result<Self, TimestampError> {
        parse_decimal_seconds(s.as_bytes(), EPOCH_SECONDS)
    }

    /// Parses a timestamp in any of the three formats, for response parsers that, like
    /// botocore's, accept any of them whatever the member's `timestampFormat` says.
    ///
    /// Surrounding ASCII whitespace is ignored. Text starting with four digits and `-` is a
    /// date-time (and, unlike [`parse_date_time`](Self::parse_date_time), one without a UTC
    /// offset is read as UTC); text starting with a letter is an http-date; anything else is
    /// epoch seconds. The error is that of the format the text looked like.
    pub fn parse_any(s: &str) -> Result<Self, TimestampError> {
        let b = s.as_bytes().trim_ascii();
        if b.is_empty() {
            Err(TimestampError::new(TIMESTAMP, "empty input"))
        } else if b.len() > 4 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-' {
            parse_rfc3339(b, true)
        } else if b[0].is_ascii_alphabetic() {
            parse_http_date(b)
        } else {
            parse_decimal_seconds(b, EPOCH_SECONDS)
        }
    }

    /// Appends this instant as an RFC 3339 date-time in UTC: `2015-01-25T08:00:00Z`, or with
    /// exactly three fractional digits (`2000-01-02T20:34:56.123Z`) when the milliseconds are
    /// not zero. Finer precision is truncated.
    pub fn fmt_date_time(self, out: &mut String) {
        // Writing to a `String` cannot fail.
        let _ = self.write_date_time(out, false);
    }

    /// Appends this instant as an RFC 3339 date-time in UTC with every significant digit of
    /// the fraction, up to nanoseconds, and no trailing zeros: `2007-01-01T09:27:08.566973Z`,
    /// `2015-01-25T08:00:00Z`. Nothing is lost: [`parse_date_time`](Self::parse_date_time)
    /// reads it back to the same instant. This is the `serde` form; the wire formats stay
    /// [`fmt_date_time`](Self::fmt_date_time)'s milliseconds, as the protocols want.
    pub fn fmt_date_time_exact(self, out: &mut String) {
        let _ = self.write_date_time(out, true);
    }

    /// Appends this instant as an IMF-fixdate: `Sun, 02 Jan 2000 20:34:56 GMT`. The fraction of
    /// a second is dropped (truncated).
    pub fn fmt_http_date(self, out: &mut String) {
        let _ = self.write_http_date(out);
    }

    /// Appends this instant as epoch seconds: `1422172800`, or with a fraction of up to three
    /// digits without trailing zeros (`946845296.123`, `1.5`, `-0.25`) when the milliseconds are
    /// not zero. Finer precision is truncated toward the past.
    pub fn fmt_epoch_seconds(self, out: &mut String) {
        let _ = self.write_epoch_seconds(out);
    }

    /// This instant as an RFC 3339 date-time; see [`fmt_date_time`](Self::fmt_date_time).
    pub fn to_date_time_string(self) -> String {
        let mut out = String::with_capacity(24);
        self.fmt_date_time(&mut out);
        out
    }

    /// This instant as an IMF-fixdate; see [`fmt_http_date`](Self::fmt_http_date).
    pub fn to_http_date_string(self) -> String {
        let mut out = String::with_capacity(29);
        self.fmt_http_date(&mut out);
        out
    }

    /// This instant as epoch seconds; see [`fmt_epoch_seconds`](Self::fmt_epoch_seconds).
    pub fn to_epoch_seconds_string(self) -> String {
        let mut out = String::with_capacity(16);
        self.fmt_epoch_seconds(&mut out);
        out
    }

    fn write_date_time<W: fmt::Write>(self, w: &mut W, exact: bool) -> fmt::Result {
        let (year, month, day, hour, minute, second) = self.to_ymd_hms();
        write_year(w, year)?;
        w.write_char('-')?;
        write_2(w, month)?;
        w.write_char('-')?;
        write_2(w, day)?;
        w.write_char('T')?;
        write_2(w, hour)?;
        w.write_char(':')?;
        write_2(w, minute)?;
        w.write_char(':')?;
        write_2(w, second)?;
        if exact {
            if self.nanos != 0 {
                // Nine digits, then the trailing zeros dropped.
                let mut digits = ['0'; 9];
                let mut rest = self.nanos;
                for d in digits.iter_mut().rev() {
                    *d = char::from_digit(rest % 10, 10).unwrap_or('0');
                    rest /= 10;
                }
                let zeros = digits.iter().rev().take_while(|d| **d == '0').count();
                w.write_char('.')?;
                for d in digits.iter().take(9 - zeros) {
                    w.write_char(*d)?;
                }
            }
            return w.write_char('Z');
        }
        let millis = self.nanos / NANOS_PER_MILLI;
        if millis != 0 {
            w.write_char('.')?;
            write_digit(w, millis / 100)?;
            write_2(w, millis % 100)?;
        }
        w.write_char('Z')
    }

    fn write_http_date<W: fmt::Write>(self, w: &mut W) -> fmt::Result {
        let (year, month, day, hour, minute, second) = self.to_ymd_hms();
        w.write_str(WEEKDAYS[weekday(self.secs.div_euclid(SECS_PER_DAY))])?;
        w.write_str(", ")?;
        write_2(w, day)?;
        w.write_char(' ')?;
        w.write_str(MONTHS[(month - 1) as usize])?;
        w.write_char(' ')?;
        write_year(w, year)?;
        w.write_char(' ')?;
        write_2(w, hour)?;
        w.write_char(':')?;
        write_2(w, minute)?;
        w.write_char(':')?;
        write_2(w, second)?;
        w.write_str(" GMT")
    }

    fn write_epoch_seconds<W: fmt::Write>(self, w: &mut W) -> fmt::Result {
        let millis = self.nanos / NANOS_PER_MILLI;
        if millis == 0 {
            return write!(w, "{}", self.secs);
        }
        // The value is secs + millis/1000 with 0 < millis < 1000. For a negative value print
        // the magnitude: -(secs + 1) whole seconds and 1000 - millis thousandths. `secs + 1`
        // cannot overflow since secs < 0, and its negation cannot either.
        let (whole, frac) = if self.secs >= 0 {
            (self.secs.unsigned_abs(), millis)
        } else {
            w.write_char('-')?;
            ((self.secs + 1).unsigned_abs(), 1000 - millis)
        };
        write!(w, "{whole}.")?;
        let digits = [frac / 100, frac / 10 % 10, frac % 10];
        let len = if digits[2] != 0 {
            3
        } else if digits[1] != 0 {
            2
        } else {
            1
        };
        for &d in &digits[..len] {
            write_digit(w, d)?;
        }
        Ok(())
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

#[cfg(feature = "serde")]
impl serde::Serialize for DateTime {
    /// Serializes as an RFC 3339 date-time string with every significant fraction digit, like
    /// [`DateTime::fmt_date_time_exact`], so that a value survives a serde round trip.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = String::with_capacity(30);
        self.fmt_date_time_exact(&mut out);
        serializer.serialize_str(&out)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for DateTime {
    /// Deserializes from a string in any format [`DateTime::parse_any`] accepts (RFC 3339,
    /// http-date, or epoch seconds) or from a number of epoch seconds, integer or float (read
    /// like [`DateTime::from_secs_f64`]).
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(DateTimeVisitor)
    }
}

#[cfg(feature = "serde")]
struct DateTimeVisitor;

#[cfg(feature = "serde")]
impl serde::de::Visitor<'_> for DateTimeVisitor {
    type Value = DateTime;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a timestamp: an RFC 3339 string or a number of epoch seconds")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<DateTime, E> {
        DateTime::parse_any(v).map_err(E::custom)
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<DateTime, E> {
        Ok(DateTime::from_secs(v))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<DateTime, E> {
        i64::try_from(v)
            .map(DateTime::from_secs)
            .map_err(|_| E::custom("epoch seconds out of range"))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<DateTime, E> {
        DateTime::from_secs_f64(v).ok_or_else(|| E::custom("epoch seconds out of range"))
    }
}

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic (Howard Hinnant's days-from-civil algorithms, proleptic Gregorian).

fn is_leap_year(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Days in `month` (1–12) of `year`; 0 for an invalid month.
fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days from 1970-01-01 to `year`-`month`-`day`; the date must be valid. `None` only if the
/// result overflows `i64` (years beyond about ±2.5e16).
fn days_from_civil(year: i64, month: u32, day: u32) -> Option<i64> {
    // Count years from March so that the leap day is the last day of the year.
    let y = if month <= 2 {
        year.checked_sub(1)?
    } else {
        year
    };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400); // [0, 399]
    let mp = i64::from((month + 9) % 12); // March = 0 … February = 11
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1; // [0, 365]
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
    era.checked_mul(DAYS_PER_ERA)?
        .checked_add(doe)?
        .checked_sub(DAYS_0000_03_01_TO_UNIX_EPOCH)
}

/// The `(year, month, day)` that is `days` days after 1970-01-01. Total for every `days` a
/// `DateTime` can produce (|days| < 1.1e14, so every intermediate value is far from overflow).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + DAYS_0000_03_01_TO_UNIX_EPOCH;
    let era = z.div_euclid(DAYS_PER_ERA);
    let doe = z.rem_euclid(DAYS_PER_ERA); // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11], March = 0
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32; // [1, 31]
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32; // [1, 12]
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Day of the week of the day `days` after 1970-01-01 (a Thursday): 0 = Sunday.
fn weekday(days: i64) -> usize {
    // rem_euclid(7) is in 0..7; adding 4 keeps it small.
    ((days.rem_euclid(7) + 4) % 7) as usize
}

// ---------------------------------------------------------------------------------------------
// Formatting helpers. `W: fmt::Write` lets `Display` share the code with the `String` writers.

fn write_digit<W: fmt::Write>(w: &mut W, d: u32) -> fmt::Result {
    w.write_char(char::from(b'0' + (d % 10) as u8))
}

fn write_2<W: fmt::Write>(w: &mut W, v: u32) -> fmt::Result {
    write_digit(w, v / 10)?;
    write_digit(w, v % 10)
}

/// Four digits for years 0000–9999; otherwise an ISO 8601 expanded year (`+10000`, `-0001`).
fn write_year<W: fmt::Write>(w: &mut W, year: i64) -> fmt::Result {
    if (0..=9999).contains(&year) {
        // In range, so the cast is exact.
        let y = year as u32;
        write_2(w, y / 100)?;
        write_2(w, y % 100)
    } else if year > 9999 {
        write!(w, "+{year}")
    } else {
        write!(w, "-{:04}", year.unsigned_abs())
    }
}

/// A small fixed buffer for `fmt::Write`, so `from_secs_f64` does not allocate.
struct StackBuf {
    buf: [u8; 48],
    len: usize,
}

impl StackBuf {
    fn new() -> Self {
        Self {
            buf: [0; 48],
            len: 0,
        }
    }

    fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

impl fmt::Write for StackBuf {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len.checked_add(s.len()).ok_or(fmt::Error)?;
        let dst = self.buf.get_mut(self.len..end).ok_or(fmt::Error)?;
        dst.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// Parsing. Everything works on bytes; no input can make an index go out of bounds because every
// access goes through `Cursor`, which checks.

struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
    what: &'static str,
}

impl<'a> Cursor<'a> {
    fn new(b: &'a [u8], what: &'static str) -> Self {
        Self { b, i: 0, what }
    }

    fn err(&self, reason: &'static str) -> TimestampError {
        TimestampError::new(self.what, reason)
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn at_end(&self) -> bool {
        self.i >= self.b.len()
    }

    /// Consumes `c` if it is next.
    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, c: u8, reason: &'static str) -> Result<(), TimestampError> {
        if self.eat(c) {
            Ok(())
        } else {
            Err(self.err(reason))
        }
    }

    fn expect_str(&mut self, s: &[u8], reason: &'static str) -> Result<(), TimestampError> {
        if self.b.get(self.i..).is_some_and(|rest| rest.starts_with(s)) {
            self.i += s.len();
            Ok(())
        } else {
            Err(self.err(reason))
        }
    }

    /// Exactly `n` (at most 4) ASCII digits as a number.
    fn digits(&mut self, n: usize, reason: &'static str) -> Result<u32, TimestampError> {
        let end = self.i.checked_add(n).ok_or_else(|| self.err(reason))?;
        let field = self.b.get(self.i..end).ok_or_else(|| self.err(reason))?;
        let mut v = 0u32;
        for &c in field {
            if !c.is_ascii_digit() {
                return Err(self.err(reason));
            }
            v = v * 10 + u32::from(c - b'0');
        }
        self.i = end;
        Ok(v)
    }

    /// A run of ASCII letters.
    fn word(&mut self) -> &'a [u8] {
        let b = self.b;
        let start = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
            self.i += 1;
        }
        b.get(start..self.i).unwrap_or_default()
    }

    /// `HH:MM:SS` with range checks (second 60 allowed only if `allow_leap`).
    fn time_of_day(&mut self, allow_leap: bool) -> Result<(u32, u32, u32), TimestampError> {
        let hour = self.digits(2, "expected a 2-digit hour")?;
        self.expect(b':', "expected ':' after the hour")?;
        let minute = self.digits(2, "expected a 2-digit minute")?;
        self.expect(b':', "expected ':' after the minute")?;
        let second = self.digits(2, "expected a 2-digit second")?;
        if hour > 23 {
            return Err(self.err("hour is out of range (00-23)"));
        }
        if minute > 59 {
            return Err(self.err("minute is out of range (00-59)"));
        }
        if second > 60 || (second == 60 && !allow_leap) {
            return Err(self.err(if allow_leap {
                "second is out of range (00-60)"
            } else {
                "second is out of range (00-59)"
            }));
        }
        Ok((hour, minute, second))
    }
}

/// Seconds since the epoch of a validated UTC date and time; second 60 is not allowed here.
fn civil_to_secs(
    c: &Cursor<'_>,
    year: i64,
    month: u32,
    day: u32,
    (hour, minute, second): (u32, u32, u32),
) -> Result<i64, TimestampError> {
    if !(1..=12).contains(&month) {
        return Err(c.err("month is out of range (01-12)"));
    }
    if day == 0 || day > days_in_month(year, month) {
        return Err(c.err("day is out of range for the month"));
    }
    days_from_civil(year, month, day)
        .and_then(|d| d.checked_mul(SECS_PER_DAY))
        .and_then(|s| s.checked_add(i64::from(hour * 3600 + minute * 60 + second)))
        .ok_or_else(|| c.err("out of range"))
}

fn parse_rfc3339(b: &[u8], missing_offset_is_utc: bool) -> Result<DateTime, TimestampError> {
    let mut c = Cursor::new(b, DATE_TIME);
    if c.at_end() {
        return Err(c.err("empty input"));
    }
    let year = c.digits(4, "expected a 4-digit year")?;
    c.expect(b'-', "expected '-' after the year")?;
    let month = c.digits(2, "expected a 2-digit month")?;
    c.expect(b'-', "expected '-' after the month")?;
    let day = c.digits(2, "expected a 2-digit day")?;
    if !(c.eat(b'T') || c.eat(b't') || c.eat(b' ')) {
        return Err(c.err("expected 'T' between the date and the time"));
    }
    let (hour, minute, mut second) = c.time_of_day(true)?;
    let mut nanos = 0u32;
    if c.eat(b'.') {
        let start = c.i;
        let mut place = NANOS_PER_SEC;
        while let Some(d) = c.peek().filter(u8::is_ascii_digit) {
            place /= 10; // reaches 0 after nine digits: further digits are truncated
            nanos += u32::from(d - b'0') * place;
            c.i += 1;
        }
        if c.i == start {
            return Err(c.err("expected digits after '.'"));
        }
    }
    if second == 60 {
        // Leap second: Unix time has none, so take the last instant of the minute.
        second = 59;
        nanos = NANOS_PER_SEC - 1;
    }
    let offset_secs: i64 = match c.peek() {
        Some(b'Z' | b'z') => {
            c.i += 1;
            0
        }
        Some(sign @ (b'+' | b'-')) => {
            c.i += 1;
            let h = c.digits(2, "expected a 2-digit offset hour")?;
            c.eat(b':');
            let m = c.digits(2, "expected a 2-digit offset minute")?;
            if h > 23 || m > 59 {
                return Err(c.err("UTC offset is out of range"));
            }
            let secs = i64::from(h * 3600 + m * 60);
            if sign == b'-' { -secs } else { secs }
        }
        None if missing_offset_is_utc => 0,
        None => return Err(c.err("missing UTC offset (expected 'Z' or +HH:MM)")),
        Some(_) => return Err(c.err("expected 'Z' or a UTC offset after the time")),
    };
    if !c.at_end() {
        return Err(c.err("unexpected characters after the timestamp"));
    }
    let local = civil_to_secs(&c, i64::from(year), month, day, (hour, minute, second))?;
    let secs = local
        .checked_sub(offset_secs)
        .ok_or_else(|| c.err("out of range"))?;
    Ok(DateTime { secs, nanos })
}

fn parse_month(c: &mut Cursor<'_>) -> Result<u32, TimestampError> {
    let name = c.word();
    MONTHS
        .iter()
        .position(|m| m.as_bytes() == name)
        .map(|i| i as u32 + 1)
        .ok_or_else(|| c.err("expected a month name (Jan-Dec)"))
}

/// A 1- or 2-digit day of the month (range-checked later).
fn parse_day(c: &mut Cursor<'_>) -> Result<u32, TimestampError> {
    let first = c.digits(1, "expected a day of the month")?;
    Ok(match c.peek() {
        Some(d) if d.is_ascii_digit() => {
            c.i += 1;
            first * 10 + u32::from(d - b'0')
        }
        _ => first,
    })
}

fn parse_http_date(b: &[u8]) -> Result<DateTime, TimestampError> {
    let mut c = Cursor::new(b, HTTP_DATE);
    if c.at_end() {
        return Err(c.err("empty input"));
    }
    let day_name = c.word();
    let (year, month, day, time, long_names) = if c.eat(b',') {
        c.expect(b' ', "expected ' ' after the day name")?;
        let day = parse_day(&mut c)?;
        let (year, month, time, long_names) = if c.eat(b' ') {
            // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
            let month = parse_month(&mut c)?;
            c.expect(b' ', "expected ' ' after the month")?;
            let year = c.digits(4, "expected a 4-digit year")?;
            c.expect(b' ', "expected ' ' after the year")?;
            let time = c.time_of_day(false)?;
            (year, month, time, false)
        } else if c.eat(b'-') {
            // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
            let month = parse_month(&mut c)?;
            c.expect(b'-', "expected '-' after the month")?;
            let yy = c.digits(2, "expected a 2-digit year")?;
            c.expect(b' ', "expected ' ' after the year")?;
            let time = c.time_of_day(false)?;
            let year = if yy < 50 { 2000 + yy } else { 1900 + yy };
            (year, month, time, true)
        } else {
            return Err(c.err("expected ' ' or '-' after the day of the month"));
        };
        if c.peek() == Some(b'.') {
            return Err(c.err("fractional seconds are not allowed"));
        }
        c.expect_str(b" GMT", "expected ' GMT' after the time")?;
        (year, month, day, time, long_names)
    } else if c.eat(b' ') {
        // asctime: Sun Nov  6 08:49:37 1994
        let month = parse_month(&mut c)?;
        c.expect(b' ', "expected ' ' after the month")?;
        c.eat(b' '); // a one-digit day is padded with a space
        let day = parse_day(&mut c)?;
        c.expect(b' ', "expected ' ' after the day of the month")?;
        let time = c.time_of_day(false)?;
        if c.peek() == Some(b'.') {
            return Err(c.err("fractional seconds are not allowed"));
        }
        c.expect(b' ', "expected ' ' after the time")?;
        let year = c.digits(4, "expected a 4-digit year")?;
        (year, month, day, time, false)
    } else {
        return Err(c.err("expected a day name followed by ',' or ' '"));
    };
    if !c.at_end() {
        return Err(c.err("unexpected characters after the timestamp"));
    }
    let secs = civil_to_secs(&c, i64::from(year), month, day, time)?;
    let names = if long_names { WEEKDAYS_LONG } else { WEEKDAYS };
    let actual = names[weekday(secs.div_euclid(SECS_PER_DAY))];
    if actual.as_bytes() != day_name {
        return Err(if names.iter().any(|n| n.as_bytes() == day_name) {
            c.err("the day name does not match the date")
        } else {
            c.err(if long_names {
                "expected a day name (Monday-Sunday)"
            } else {
                "expected a day name (Mon-Sun)"
            })
        });
    }
    Ok(DateTime::from_secs(secs))
}

/// Parses `[+-]digits[.digits][(e|E)[+-]digits]` exactly into an instant, truncating beyond
/// nanoseconds toward the past.
fn parse_decimal_seconds(b: &[u8], what: &'static str) -> Result<DateTime, TimestampError> {
    const OUT_OF_RANGE: &str = "out of range";
    let mut c = Cursor::new(b, what);
    if c.at_end() {
        return Err(c.err("empty input"));
    }
    let negative = match c.peek() {
        Some(b'-') => {
            c.i += 1;
            true
        }
        Some(b'+') => {
            c.i += 1;
            false
        }
        _ => false,
    };
    let digit_run = |c: &mut Cursor<'_>| {
        let start = c.i;
        while c.peek().is_some_and(|d| d.is_ascii_digit()) {
            c.i += 1;
        }
        start..c.i
    };
    let int = digit_run(&mut c);
    if int.is_empty() {
        return Err(c.err("expected a digit"));
    }
    let frac = if c.eat(b'.') {
        let frac = digit_run(&mut c);
        if frac.is_empty() {
            return Err(c.err("expected digits after '.'"));
        }
        frac
    } else {
        c.i..c.i
    };
    // Exponent, saturated far beyond anything that can matter (the digits would have to be
    // longer than 2^40 bytes for it to).
    const EXP_LIMIT: i64 = 1 << 40;
    let mut exp: i64 = 0;
    if c.eat(b'e') || c.eat(b'E') {
        let exp_negative = if c.eat(b'-') {
            true
        } else {
            c.eat(b'+');
            false
        };
        let digits = digit_run(&mut c);
        if digits.is_empty() {
            return Err(c.err("expected digits in the exponent"));
        }
        for &d in &b[digits] {
            exp = (exp * 10 + i64::from(d - b'0')).min(EXP_LIMIT);
        }
        if exp_negative {
            exp = -exp;
        }
    }
    if !c.at_end() {
        return Err(c.err("unexpected characters after the number"));
    }

    // The significand's digits are int ++ frac; the decimal point sits after `point` of them.
    let int = &b[int];
    let frac = &b[frac];
    let n = int.len() + frac.len();
    let digit = |i: i64| -> u64 {
        match usize::try_from(i) {
            Ok(i) if i < int.len() => u64::from(int[i] - b'0'),
            Ok(i) if i < n => u64::from(frac[i - int.len()] - b'0'),
            _ => 0,
        }
    };
    // Lengths fit in i64 (slices are at most isize::MAX bytes) and |exp| <= 2^40.
    let point = int.len() as i64 + exp;

    // Whole seconds: the digits before the point, then zeros if the point is past the digits.
    let mut whole: u64 = 0;
    for &d in int
        .iter()
        .chain(frac.iter())
        .take(usize::try_from(point).unwrap_or(0))
    {
        whole = whole
            .checked_mul(10)
            .and_then(|w| w.checked_add(u64::from(d - b'0')))
            .ok_or_else(|| c.err(OUT_OF_RANGE))?;
    }
    let zeros = point - n as i64;
    if whole != 0 && zeros > 0 {
        if zeros > 19 {
            return Err(c.err(OUT_OF_RANGE));
        }
        whole = 10u64
            .checked_pow(zeros as u32)
            .and_then(|p| whole.checked_mul(p))
            .ok_or_else(|| c.err(OUT_OF_RANGE))?;
    }

    // Nine fractional digits, and whether any nonzero digit follows them.
    let mut nanos: u64 = 0;
    for j in 0..9 {
        nanos = nanos * 10 + digit(point + j);
    }
    let rest_start = usize::try_from(point.saturating_add(9)).unwrap_or(0);
    let rest_nonzero = int
        .iter()
        .chain(frac.iter())
        .skip(rest_start)
        .any(|&d| d != b'0');

    // Exact value in nanoseconds, floored: for a negative number the discarded digits push it
    // one nanosecond further down.
    let magnitude = i128::from(whole) * i128::from(NANOS_PER_SEC) + i128::from(nanos);
    let total = if negative {
        -(magnitude + i128::from(rest_nonzero))
    } else {
        magnitude
    };
    let secs = i64::try_from(total.div_euclid(i128::from(NANOS_PER_SEC)))
        .map_err(|_| c.err(OUT_OF_RANGE))?;
    // In 0..1e9.
    let nanos = total.rem_euclid(i128::from(NANOS_PER_SEC)) as u32;
    Ok(DateTime { secs, nanos })
}
