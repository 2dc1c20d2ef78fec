//! Writing a [`DateTime`] in the three wire formats (date-time, http-date, epoch seconds).

use std::fmt;

use super::calendar::weekday;
use super::{DateTime, MONTHS, NANOS_PER_MILLI, SECS_PER_DAY, WEEKDAYS};

impl DateTime {
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

    pub(super) fn write_date_time<W: fmt::Write>(self, w: &mut W, exact: bool) -> fmt::Result {
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

    pub(super) fn write_http_date<W: fmt::Write>(self, w: &mut W) -> fmt::Result {
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

    pub(super) fn write_epoch_seconds<W: fmt::Write>(self, w: &mut W) -> fmt::Result {
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
pub(super) struct StackBuf {
    buf: [u8; 48],
    len: usize,
}

impl StackBuf {
    pub(super) fn new() -> Self {
        Self {
            buf: [0; 48],
            len: 0,
        }
    }

    pub(super) fn as_bytes(&self) -> &[u8] {
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
