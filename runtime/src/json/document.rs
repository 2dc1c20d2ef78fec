//! [`Document`](crate::Document) values in JSON: the reader and writer shared with CBOR
//! ([`crate::wire::document`]), and how a JSON number becomes a document number.

pub use crate::wire::document::{read, write};

use super::{JsonDecoder, JsonError};
use crate::document::Number;

impl<'a> crate::wire::document::NumberReader<'a> for JsonDecoder<'a> {
    /// A non-negative integer that fits `u64` is `PosInt`, a negative one that fits `i64`
    /// `NegInt`, anything else a finite `f64` (else an error).
    fn number(&mut self) -> Result<Number, JsonError> {
        let at = self.offset();
        let text = self.number_text()?;
        if let Ok(v) = text.parse::<u64>() {
            Ok(Number::PosInt(v))
        } else if let Ok(v) = text.parse::<i64>() {
            Ok(Number::NegInt(v))
        } else {
            match text.parse::<f64>() {
                Ok(v) if v.is_finite() => Ok(Number::Float(v)),
                _ => Err(JsonError::new(at, "number out of range")),
            }
        }
    }
}
