//! The awsQuery protocol's shape-independent parts: the form-encoded request body writer
//! ([`QueryWriter`]), the response envelope (`<OpResponse><OpResult>…` and
//! `ResponseMetadata`), and the error envelope (`<ErrorResponse><Error>…`). Generated code
//! supplies one serializer or parser per shape and calls these.
//!
//! # Request bodies
//!
//! A body is `Action=<op>&Version=<api version>` followed by one `key=value` pair per scalar, in
//! the order the generated serializer writes them. Keys are dotted paths (`Tags.Tag.1.Key`)
//! built on a key stack: [`QueryWriter::member`] and [`QueryWriter::index`] push a segment and
//! return a [`Scope`] that pops it when dropped; the value methods write a pair at the current
//! key. Values are percent-encoded byte for byte as botocore encodes them (Python's
//! `urlencode`, i.e. `quote_plus`): `A–Z a–z 0–9 - _ . ~` stay, a space becomes `+`, every
//! other byte of the UTF-8 text becomes `%XX`.
//!
//! # Responses
//!
//! [`parse_response`] checks the root element, hands the result wrapper element to the
//! generated parser and reads the request id; [`parse_ec2_response`] does the same for EC2's
//! dialect, which has no wrapper; [`error_metadata`] and [`parse_error_members`] read an error
//! response of either.

mod encode;
mod errors;
mod response;
mod writer;

pub use encode::push_encoded;
pub use errors::{error_metadata, parse_error_members};
pub use response::{
    header_request_id, parse_document, parse_ec2_response, parse_event_payload, parse_response,
};
pub use writer::{QueryWriter, Scope};
/// The `Content-Type` of awsQuery requests, as botocore sends it.
pub const CONTENT_TYPE: &str = "application/x-www-form-urlencoded; charset=utf-8";
