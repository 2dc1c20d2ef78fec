//! Parsing the date-time (RFC 3339) and http-date formats, and [`DateTime::parse_any`].

use super::calendar::{civil_to_secs, weekday};
use super::cursor::Cursor;
use super::epoch::parse_decimal_seconds;
use super::{
    DATE_TIME, DateTime, EPOCH_SECONDS, HTTP_DATE, MONTHS, NANOS_PER_SEC, SECS_PER_DAY, TIMESTAMP,
    TimestampError, WEEKDAYS, WEEKDAYS_LONG,
};

impl DateTime {
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
