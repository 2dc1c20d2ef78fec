//! The awsJson wire format: a streaming JSON writer, a pull reader, and the error envelope
//! (`__type` / `code` / `X-Amzn-ErrorType`, `message`).
//!
//! # Why hand-written, and not serde_json
//!
//! Generated code needs two things from a JSON library: write a body member by member, and read
//! a body member by member into typed structs, skipping what it does not know. Both are small
//! (this file), and doing them here instead of through serde_json keeps the generated crate
//! free of serde on the wire path:
//!
//! * **Compile time** (a product feature): with this module the `serde` feature stays optional,
//!   and without it a JSON service crate depends on `http` alone. Measured cold (`cargo build
//!   --release`, empty target directory, 2 cores): `awsgen-generated` with only `memorydb`
//!   builds in 7.7 s (`http`, `bytes`, `itoa`, the crate); the same with the `serde` feature,
//!   which is what a serde-based wire format would make mandatory, takes 27.9 s (serde derive
//!   and its proc-macro stack), before serde_json's own 2.5–2.8 s (`shared/perf/limits.md`).
//!   Per-shape `Deserialize`/`Visitor` impls would also be much more code for rustc than the
//!   straight-line functions generated against this reader.
//! * **Run time**: the reader validates UTF-8 once for the whole body and then hands out
//!   `&str` slices (no per-string check), scans strings eight bytes at a time, borrows
//!   strings without escapes, and reads epoch seconds exactly from the number's text
//!   ([`DateTime::parse_epoch_seconds`](crate::DateTime::parse_epoch_seconds)) instead of through `f64`. Measured with callgrind
//!   (release build, instructions per call, same generated types): parsing a 1,024-byte MemoryDB
//!   `CopySnapshot` response (every `Snapshot` and `ClusterConfiguration` member, two shards)
//!   through `parse_response` costs 26.5k instructions, against 35.8k for
//!   `serde_json::from_slice` into the same types with their serde derives (and 31.1k for the
//!   hand-tuned serde derive of `shared/perf/limits.md`); the whole `build_request` (body,
//!   `http::Request`, three headers) costs 6.4k.
//!
//! # Safety on hostile input
//!
//! Nothing here panics on any input. Nesting is bounded by [`MAX_DEPTH`] (containers opened
//! through the reader count, including the ones [`JsonReader::skip`] walks); numbers that do
//! not fit the member's type, malformed UTF-8, bad escapes, lone surrogates, control characters
//! in strings, trailing garbage and truncation are errors ([`JsonError`]).
//!
//! A member given twice is an error too: a structure member ([`set`]), a map key (generated
//! parsers call [`JsonDecoder::duplicate_key`]), and the error envelope's `__type`, `code` and
//! message keys. A response with two values for one member is malformed, and a parser that
//! silently picks one invites differential-parsing bugs (a proxy that reads the first value,
//! we the last). botocore's JSON parsing (Python's `json`) keeps the last value; we
//! deliberately differ. `null` means "absent" everywhere, so a `null` occurrence never
//! counts: `{"A": null, "A": 1}` and `{"A": 1, "A": null}` both read `A` as 1.

#[cfg(feature = "document")]
pub mod document;
mod envelope;
mod reader;
mod writer;

pub use crate::operation::{request_id, sanitize_error_code};
pub use crate::wire::{Kind, set};
pub use envelope::{error_metadata, parse_body, rest_error_metadata};
pub use reader::{Array, JsonDecoder, JsonReader, Object};
pub use writer::{JsonEncoder, JsonWriter};

/// How deeply objects and arrays may nest in a body before reading fails.
pub const MAX_DEPTH: usize = 128;

/// Why a JSON body could not be read: what was wrong, and at which byte.
pub type JsonError = crate::wire::BodyError<crate::wire::Json>;
