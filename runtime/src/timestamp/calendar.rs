//! Calendar arithmetic (Howard Hinnant's days-from-civil algorithms, proleptic Gregorian):
//! days since the epoch to and from a civil date, weekdays, and a validated date and time to
//! epoch seconds.

use super::cursor::Cursor;
use super::{DAYS_0000_03_01_TO_UNIX_EPOCH, DAYS_PER_ERA, SECS_PER_DAY, TimestampError};

#[inline]
pub(super) fn is_leap_year(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Days in `month` (1–12) of `year`; 0 for an invalid month.
#[inline]
pub(super) fn days_in_month(year: i64, month: u32) -> u32 {
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
#[inline]
pub(super) fn days_from_civil(year: i64, month: u32, day: u32) -> Option<i64> {
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
#[inline]
pub(super) fn civil_from_days(days: i64) -> (i64, u32, u32) {
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
#[inline]
pub(super) fn weekday(days: i64) -> usize {
    // rem_euclid(7) is in 0..7; adding 4 keeps it small.
    ((days.rem_euclid(7) + 4) % 7) as usize
}

/// Seconds since the epoch of a validated UTC date and time; second 60 is not allowed here.
#[inline]
pub(super) fn civil_to_secs(
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
