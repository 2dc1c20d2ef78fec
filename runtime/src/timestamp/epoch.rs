//! Epoch seconds written as a decimal number, read exactly (not through `f64`).

use super::cursor::Cursor;
use super::{DateTime, NANOS_PER_SEC, TimestampError};

/// Parses `[+-]digits[.digits][(e|E)[+-]digits]` exactly into an instant, truncating beyond
/// nanoseconds toward the past.
pub(super) fn parse_decimal_seconds(
    b: &[u8],
    what: &'static str,
) -> Result<DateTime, TimestampError> {
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
