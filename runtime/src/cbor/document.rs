//! [`Document`](crate::Document) values as CBOR data items: the reader and writer shared with
//! JSON ([`crate::wire::document`]), and how a CBOR number becomes a document number.

pub use crate::wire::document::{read, write};

use minicbor::data::Type;

use super::{CborDecoder, CborError};
use crate::document::Number;

impl<'a> crate::wire::document::NumberReader<'a> for CborDecoder<'a> {
    /// An unsigned integer is `PosInt` (one beyond `i64` as a float), a
    /// negative one `NegInt`, a float `Float`.
    fn number(&mut self) -> Result<Number, CborError> {
        Ok(match self.peek()? {
            Type::U8 | Type::U16 | Type::U32 | Type::U64 => match self.int::<i64>() {
                Ok(v) => Number::from_i64(v),
                Err(_) => Number::Float(self.f64()?),
            },
            Type::I8 | Type::I16 | Type::I32 | Type::I64 | Type::Int => {
                Number::from_i64(self.int::<i64>()?)
            }
            _ => Number::Float(self.f64()?),
        })
    }
}
