//! The bridge between the suites' JSON and the typed generated code: type-erased entry points
//! per generated operation (`dispatch.rs` fills a table of them), and the outcome of running
//! one.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::runtime::{Operation, ResponseError};

/// A suite of a suite file.
pub struct SuiteInfo {
    /// `input/query.json#3`.
    pub key: &'static str,
    /// The generated module, when the generator accepted the suite's model.
    pub module: Option<&'static str>,
    /// The generator's error otherwise.
    pub generation_error: Option<&'static str>,
}

/// Type-erased access to one generated operation.
pub struct Entry {
    /// Generated module (`query_input_03`).
    pub module: &'static str,
    /// Operation name in the model.
    pub operation: &'static str,
    /// Deserializes params into the input (serde, model member names) and builds the request.
    pub build: fn(Value) -> Result<http::Request<Vec<u8>>, String>,
    /// Parses a response.
    pub parse: fn(u16, &http::HeaderMap, &[u8]) -> Outcome,
}

/// What parsing a response gave.
#[derive(Debug)]
pub enum Outcome {
    /// The output, serialized with serde (model member names).
    Output(Value),
    /// The operation's error.
    Error {
        /// Its code.
        code: String,
        /// Its message.
        message: Option<String>,
        /// The modeled members of the error structure, serialized (`{}` for unmodeled codes).
        fields: Value,
    },
    /// The response could not be read.
    Invalid(String),
}

/// Runs `O::build_request` on JSON params.
pub fn build<O>(params: Value) -> Result<http::Request<Vec<u8>>, String>
where
    O: Operation,
    O::Input: DeserializeOwned,
{
    let input: O::Input =
        serde_json::from_value(params).map_err(|e| format!("params do not deserialize: {e}"))?;
    O::build_request(&input).map_err(|e| format!("build_request: {e}"))
}

/// Code, message and modeled members (as JSON) of an operation error.
pub type ErrorParts = (String, Option<String>, Value);

/// Runs `O::parse_response`; `error_parts` extracts code, message and modeled fields from the
/// typed error.
pub fn parse<O>(
    status: u16,
    headers: &http::HeaderMap,
    body: &[u8],
    error_parts: fn(&O::Error) -> ErrorParts,
) -> Outcome
where
    O: Operation,
    O::Output: Serialize,
{
    match O::parse_response(status, headers, body) {
        Ok(output) => match serde_json::to_value(&output) {
            Ok(value) => Outcome::Output(value),
            Err(e) => Outcome::Invalid(format!("output does not serialize: {e}")),
        },
        Err(ResponseError::Service(error)) => {
            let (code, message, fields) = error_parts(&error);
            Outcome::Error {
                code,
                message,
                fields,
            }
        }
        Err(ResponseError::Invalid(invalid)) => Outcome::Invalid(invalid.to_string()),
    }
}

/// Takes an output's event stream out of it (`parse_stream`'s `take`).
pub type TakeStream<O, T> =
    fn(
        &mut <O as Operation>::Output,
    ) -> Option<crate::runtime::event_receiver::Receiver<T, <O as Operation>::Error>>;

/// Runs `O::parse_response` of an operation whose output has an event stream, then reads the
/// whole stream (the body given is all of it): the output's JSON gets the events, serialized,
/// under `member` (the stream member's name); an exception or error message is the operation's
/// error, broken framing `Invalid`.
pub fn parse_stream<O, T>(
    status: u16,
    headers: &http::HeaderMap,
    body: &[u8],
    error_parts: fn(&O::Error) -> ErrorParts,
    member: &str,
    take: TakeStream<O, T>,
) -> Outcome
where
    O: Operation,
    O::Output: Serialize,
    T: Serialize,
{
    use crate::runtime::event_receiver::EventStreamError;
    let service_error = |error: &O::Error| {
        let (code, message, fields) = error_parts(error);
        Outcome::Error {
            code,
            message,
            fields,
        }
    };
    let mut output = match O::parse_response(status, headers, body) {
        Ok(output) => output,
        Err(ResponseError::Service(error)) => return service_error(&error),
        Err(ResponseError::Invalid(invalid)) => return Outcome::Invalid(invalid.to_string()),
    };
    let mut events = Vec::new();
    if let Some(mut stream) = take(&mut output) {
        if let Err(e) = stream.finish() {
            return Outcome::Invalid(e.to_string());
        }
        while let Some(next) = stream.next_event() {
            match next {
                Ok(event) => match serde_json::to_value(&event) {
                    Ok(value) => events.push(value),
                    Err(e) => return Outcome::Invalid(format!("event does not serialize: {e}")),
                },
                Err(EventStreamError::Service(error)) => return service_error(&error),
                Err(e) => return Outcome::Invalid(e.to_string()),
            }
        }
    }
    match serde_json::to_value(&output) {
        Ok(Value::Object(mut map)) => {
            map.insert(member.to_owned(), Value::Array(events));
            Outcome::Output(Value::Object(map))
        }
        Ok(other) => Outcome::Invalid(format!("output serializes to {other}, not an object")),
        Err(e) => Outcome::Invalid(format!("output does not serialize: {e}")),
    }
}

/// The modeled members of an error structure.
pub fn fields<T: Serialize>(error: &T) -> Value {
    serde_json::to_value(error).unwrap_or_else(|e| Value::String(format!("unserializable: {e}")))
}

/// The modeled members of an unmodeled error: none.
pub fn no_fields() -> Value {
    Value::Object(serde_json::Map::new())
}
