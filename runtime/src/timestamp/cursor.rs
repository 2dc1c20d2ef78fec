//! The parsers' cursor over the input bytes. Everything works on bytes; no input can make an
//! index go out of bounds because every access goes through [`Cursor`], which checks.

use super::TimestampError;

/// A position in the bytes of one timestamp being parsed, and the format's name for errors.
pub(super) struct Cursor<'a> {
    pub(super) b: &'a [u8],
    pub(super) i: usize,
    pub(super) what: &'static str,
}

impl<'a> Cursor<'a> {
    #[inline]
    pub(super) fn new(b: &'a [u8], what: &'static str) -> Self {
        Self { b, i: 0, what }
    }

    #[inline]
    pub(super) fn err(&self, reason: &'static str) -> TimestampError {
        TimestampError::new(self.what, reason)
    }

    #[inline]
    pub(super) fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    #[inline]
    pub(super) fn at_end(&self) -> bool {
        self.i >= self.b.len()
    }

    /// Consumes `c` if it is next.
    #[inline]
    pub(super) fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    #[inline]
    pub(super) fn expect(&mut self, c: u8, reason: &'static str) -> Result<(), TimestampError> {
        if self.eat(c) {
            Ok(())
        } else {
            Err(self.err(reason))
        }
    }

    #[inline]
    pub(super) fn expect_str(
        &mut self,
        s: &[u8],
        reason: &'static str,
    ) -> Result<(), TimestampError> {
        if self.b.get(self.i..).is_some_and(|rest| rest.starts_with(s)) {
            self.i += s.len();
            Ok(())
        } else {
            Err(self.err(reason))
        }
    }

    /// Exactly `n` (at most 4) ASCII digits as a number.
    #[inline]
    pub(super) fn digits(&mut self, n: usize, reason: &'static str) -> Result<u32, TimestampError> {
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
    #[inline]
    pub(super) fn word(&mut self) -> &'a [u8] {
        let b = self.b;
        let start = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
            self.i += 1;
        }
        b.get(start..self.i).unwrap_or_default()
    }

    /// `HH:MM:SS` with range checks (second 60 allowed only if `allow_leap`).
    #[inline]
    pub(super) fn time_of_day(
        &mut self,
        allow_leap: bool,
    ) -> Result<(u32, u32, u32), TimestampError> {
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
