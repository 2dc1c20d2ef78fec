//! How the model's `min`/`max` text becomes the bounds a check compares with, shared by the
//! checks and the member docs so that both say the same thing. botocore writes both bounds as
//! JSON numbers and uses them for lengths (strings, blobs, lists, maps) and for values
//! (numbers), so the target's kind decides which.

use crate::ir::{Constraints, Scalar, Shape, ShapeKind};

/// A length bound: a whole, non-negative number. A fractional bound is rounded inwards (up for
/// a minimum, down for a maximum); a negative or unreadable one is ignored.
fn length(text: &str, minimum: bool) -> Option<u64> {
    if let Ok(n) = text.parse::<u64>() {
        return Some(n);
    }
    let f: f64 = text
        .parse()
        .ok()
        .filter(|f: &f64| f.is_finite() && *f >= 0.0)?;
    let rounded = if minimum { f.ceil() } else { f.floor() };
    // Saturating float-to-integer conversion: a bound beyond u64 is as good as none.
    Some(rounded as u64)
}

/// The length bounds of `c`: a minimum of 0 checks nothing and is dropped.
pub fn lengths(c: &Constraints) -> (Option<u64>, Option<u64>) {
    let min = c
        .min
        .as_deref()
        .and_then(|t| length(t, true))
        .filter(|n| *n > 0);
    let max = c.max.as_deref().and_then(|t| length(t, false));
    (min, max)
}

/// A numeric bound: its value, and the model's text for messages.
pub type Bound<T> = Option<(T, String)>;

/// A minimum and a maximum.
pub type Bounds<T> = (Bound<T>, Bound<T>);

/// The range of an integer type.
fn int_range(scalar: Scalar) -> Option<(i128, i128)> {
    Some(match scalar {
        Scalar::Byte => (i8::MIN.into(), i8::MAX.into()),
        Scalar::Short => (i16::MIN.into(), i16::MAX.into()),
        Scalar::Integer => (i32::MIN.into(), i32::MAX.into()),
        Scalar::Long => (i64::MIN.into(), i64::MAX.into()),
        _ => return None,
    })
}

/// An integer bound, with the model's text for messages: a fractional bound is rounded
/// inwards; a bound every value of the type satisfies is dropped.
pub fn int_bounds(scalar: Scalar, c: &Constraints) -> Bounds<i128> {
    let Some((lo, hi)) = int_range(scalar) else {
        return (None, None);
    };
    let parse = |text: &str, minimum: bool| -> Option<i128> {
        if let Ok(n) = text.parse::<i128>() {
            return Some(n);
        }
        let f: f64 = text.parse().ok().filter(|f: &f64| f.is_finite())?;
        // Saturating conversion: beyond i128 is beyond every integer type.
        Some(if minimum { f.ceil() } else { f.floor() } as i128)
    };
    let min = c
        .min
        .as_deref()
        .and_then(|t| Some((parse(t, true)?, t.to_owned())))
        .filter(|(n, _)| *n > lo);
    let max = c
        .max
        .as_deref()
        .and_then(|t| Some((parse(t, false)?, t.to_owned())))
        .filter(|(n, _)| *n < hi);
    (min, max)
}

/// A floating-point bound, with the model's text for messages.
pub fn float_bounds(c: &Constraints) -> Bounds<f64> {
    let parse = |text: &Option<String>| {
        text.as_deref().and_then(|t| {
            let f: f64 = t.parse().ok().filter(|f: &f64| f.is_finite())?;
            Some((f, t.to_owned()))
        })
    };
    (parse(&c.min), parse(&c.max))
}

/// What a shape's own constraints mean, by the shape's kind.
pub enum Own {
    /// Nothing to check.
    None,
    /// A string (or string enum) length in characters, and a pattern.
    String {
        /// Minimum and maximum length.
        lengths: (Option<u64>, Option<u64>),
        /// The pattern, if any.
        pattern: Option<String>,
    },
    /// A blob length in bytes.
    Blob((Option<u64>, Option<u64>)),
    /// A list length.
    List((Option<u64>, Option<u64>)),
    /// A map size.
    Map((Option<u64>, Option<u64>)),
    /// An integer range.
    Int(Bounds<i128>),
    /// A floating-point range.
    Float(Bounds<f64>),
}

/// The constraints of `shape`, interpreted by its kind, with bounds that check nothing
/// dropped. Patterns are kept whether or not they can be checked (see [`super::Plan`]).
pub fn own(shape: &Shape) -> Own {
    let c = &shape.constraints;
    let some = |(a, b): (Option<u64>, Option<u64>)| a.is_some() || b.is_some();
    match &shape.kind {
        ShapeKind::Scalar(Scalar::String) | ShapeKind::Enum(_) => {
            let lengths = lengths(c);
            if some(lengths) || c.pattern.is_some() {
                Own::String {
                    lengths,
                    pattern: c.pattern.clone(),
                }
            } else {
                Own::None
            }
        }
        ShapeKind::Scalar(Scalar::Blob) if some(lengths(c)) => Own::Blob(lengths(c)),
        ShapeKind::List(_) if some(lengths(c)) => Own::List(lengths(c)),
        ShapeKind::Map(_) if some(lengths(c)) => Own::Map(lengths(c)),
        ShapeKind::Scalar(s @ (Scalar::Byte | Scalar::Short | Scalar::Integer | Scalar::Long)) => {
            let bounds = int_bounds(*s, c);
            if bounds.0.is_some() || bounds.1.is_some() {
                Own::Int(bounds)
            } else {
                Own::None
            }
        }
        ShapeKind::Scalar(Scalar::Float | Scalar::Double) => {
            let bounds = float_bounds(c);
            if bounds.0.is_some() || bounds.1.is_some() {
                Own::Float(bounds)
            } else {
                Own::None
            }
        }
        // Timestamps, booleans, big numbers (carried as text), documents and int enums have no
        // constraints a botocore model can state that this generator checks.
        _ => Own::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(min: Option<&str>, max: Option<&str>) -> Constraints {
        Constraints {
            min: min.map(str::to_owned),
            max: max.map(str::to_owned),
            pattern: None,
        }
    }

    #[test]
    fn lengths_drop_zero_minimums_and_round_inwards() {
        assert_eq!(lengths(&c(Some("0"), Some("255"))), (None, Some(255)));
        assert_eq!(lengths(&c(Some("1"), None)), (Some(1), None));
        assert_eq!(lengths(&c(Some("1.5"), Some("9.5"))), (Some(2), Some(9)));
        assert_eq!(lengths(&c(Some("-3"), Some("nonsense"))), (None, None));
    }

    #[test]
    fn int_bounds_drop_what_the_type_already_guarantees() {
        let (min, max) = int_bounds(Scalar::Integer, &c(Some("0"), Some("99999999999")));
        assert_eq!(min, Some((0, "0".to_owned())));
        assert_eq!(max, None);
        let (min, max) = int_bounds(Scalar::Long, &c(Some("-9223372036854775808"), None));
        assert_eq!((min, max), (None, None));
        let (min, max) = int_bounds(Scalar::Byte, &c(Some("0.5"), Some("9.5")));
        assert_eq!(min, Some((1, "0.5".to_owned())));
        assert_eq!(max, Some((9, "9.5".to_owned())));
        assert_eq!(
            int_bounds(Scalar::Double, &c(Some("1"), None)),
            (None, None)
        );
    }

    #[test]
    fn float_bounds_keep_the_model_text() {
        let (min, max) = float_bounds(&c(Some("-1.5"), Some("1e3")));
        assert_eq!(min, Some((-1.5, "-1.5".to_owned())));
        assert_eq!(max, Some((1000.0, "1e3".to_owned())));
    }
}
