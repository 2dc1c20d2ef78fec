//! The Smithy RPC v2 CBOR wire format: a writer and a pull reader over
//! [minicbor](https://docs.rs/minicbor), and the error envelope (`__type`, `message`).
//!
//! # Why minicbor
//!
//! minicbor is small (no dependencies with the features used here: `alloc`, for `Vec<u8>`
//! output and for skipping nested indefinite-length items), keeps serde off the wire path, and
//! its `Decoder` is exactly the cursor a generated pull parser wants: `datatype()` to look
//! ahead, `map()`/`array()` returning `None` for indefinite lengths, `str_iter()` for chunked
//! strings, and an iterative `skip()` for unknown members. ciborium would bring serde,
//! `ciborium-io`, `ciborium-ll` and `half` into every generated crate that speaks CBOR, and is
//! driven through serde's data model rather than a cursor.
//!
//! The reader has the same shape as [`super::json`]'s, so that generated parsers for both
//! protocols are the same code over different readers.
//!
//! # What is on the wire
//!
//! Structures are maps keyed by member name (written with indefinite length, so nothing needs
//! counting first); lists are arrays and maps are maps (definite length); timestamps are tag 1
//! around epoch seconds (written as a float64, read from any integer or float); blobs are byte
//! strings; floats keep their width (float32 for `float`, float64 for `double`; half floats
//! are read too). Definite and indefinite lengths are both read everywhere, `null` and
//! `undefined` both mean "absent", and unknown members are skipped.
//!
//! Nothing here panics on any input: nesting is bounded by [`MAX_DEPTH`] (maps and arrays
//! opened through the reader count, including the ones [`CborReader::skip`] walks), declared
//! lengths are never used to preallocate, a float that overflows the member's type, an
//! integer that does not fit it, and every type mismatch or truncation is a [`CborError`].
//! A member given twice is an error, as in [`super::json`] (which says why): a structure
//! member ([`set`]), a map key ([`CborDecoder::duplicate_key`]), and the error envelope's
//! `__type` and message keys; `null` and `undefined` never count.

#[cfg(feature = "document")]
pub mod document;
mod envelope;
mod reader;
mod writer;

pub use crate::operation::{request_id, sanitize_error_code};
pub use crate::wire::set;
pub use envelope::{error_metadata, parse_body};
pub use reader::{Array, CborDecoder, CborReader, Object};
pub use writer::{CborEncoder, CborWriter};

/// How deeply maps and arrays may nest in a body before reading fails.
pub const MAX_DEPTH: usize = 128;

/// The CBOR tag of epoch-seconds timestamps.
const EPOCH_TAG: u64 = 1;

/// Why a CBOR body could not be read: what was wrong, and at which byte.
pub type CborError = crate::wire::BodyError<crate::wire::Cbor>;
