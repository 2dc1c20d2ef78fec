//! Typed views of the Smithy traits lowering reads, and the prelude (`smithy.api#String`, …),
//! which a model file references but does not contain.

use serde::Deserialize;

use crate::ir::{Scalar, ShapeKind, Structure, TimestampFormat};

/// Trait ids lowering reads. Every other trait is ignored quietly: it has no counterpart in the
/// IR (examples, paginators, waiters, endpoint rules, …).
pub mod id {
    pub const DOCUMENTATION: &str = "smithy.api#documentation";
    pub const REQUIRED: &str = "smithy.api#required";
    pub const DEFAULT: &str = "smithy.api#default";
    pub const LENGTH: &str = "smithy.api#length";
    pub const RANGE: &str = "smithy.api#range";
    pub const PATTERN: &str = "smithy.api#pattern";
    pub const DEPRECATED: &str = "smithy.api#deprecated";
    pub const SENSITIVE: &str = "smithy.api#sensitive";
    pub const IDEMPOTENCY_TOKEN: &str = "smithy.api#idempotencyToken";
    pub const IDEMPOTENT: &str = "smithy.api#idempotent";
    pub const ERROR: &str = "smithy.api#error";
    pub const HTTP_ERROR: &str = "smithy.api#httpError";
    pub const QUERY_ERROR: &str = "aws.protocols#awsQueryError";
    pub const QUERY_COMPATIBLE: &str = "aws.protocols#awsQueryCompatible";
    pub const XML_NAME: &str = "smithy.api#xmlName";
    pub const XML_FLATTENED: &str = "smithy.api#xmlFlattened";
    pub const XML_NAMESPACE: &str = "smithy.api#xmlNamespace";
    pub const XML_ATTRIBUTE: &str = "smithy.api#xmlAttribute";
    pub const EC2_QUERY_NAME: &str = "aws.protocols#ec2QueryName";
    pub const TIMESTAMP_FORMAT: &str = "smithy.api#timestampFormat";
    pub const JSON_NAME: &str = "smithy.api#jsonName";
    pub const ENUM_VALUE: &str = "smithy.api#enumValue";
    pub const ENUM: &str = "smithy.api#enum";
    pub const TITLE: &str = "smithy.api#title";
    pub const STREAMING: &str = "smithy.api#streaming";
    pub const EVENT_HEADER: &str = "smithy.api#eventHeader";
    pub const EVENT_PAYLOAD: &str = "smithy.api#eventPayload";
    pub const HTTP: &str = "smithy.api#http";
    pub const HTTP_HEADER: &str = "smithy.api#httpHeader";
    pub const HTTP_PREFIX_HEADERS: &str = "smithy.api#httpPrefixHeaders";
    pub const HTTP_QUERY: &str = "smithy.api#httpQuery";
    pub const HTTP_LABEL: &str = "smithy.api#httpLabel";
    pub const HTTP_RESPONSE_CODE: &str = "smithy.api#httpResponseCode";
    pub const HTTP_QUERY_PARAMS: &str = "smithy.api#httpQueryParams";
    pub const HTTP_PAYLOAD: &str = "smithy.api#httpPayload";
    pub const HTTP_CHECKSUM_REQUIRED: &str = "smithy.api#httpChecksumRequired";
    pub const HTTP_CHECKSUM: &str = "aws.protocols#httpChecksum";
    /// The operation's auth schemes; an empty list means unsigned.
    pub const AUTH: &str = "smithy.api#auth";
    pub const MEDIA_TYPE: &str = "smithy.api#mediaType";
    pub const ENDPOINT: &str = "smithy.api#endpoint";
    /// `smithy.api#examples`.
    pub const EXAMPLES: &str = "smithy.api#examples";
    /// `smithy.api#paginated`.
    pub const PAGINATED: &str = "smithy.api#paginated";
    /// `smithy.waiters#waitable`.
    pub const WAITABLE: &str = "smithy.waiters#waitable";
    pub const REQUEST_COMPRESSION: &str = "smithy.api#requestCompression";
    pub const AWS_SERVICE: &str = "aws.api#service";
    pub const SIGV4: &str = "aws.auth#sigv4";
}

/// `smithy.api#deprecated`.
#[derive(Debug, Default, Deserialize)]
pub struct DeprecatedTrait {
    /// Why, or what to use instead.
    #[serde(default)]
    pub message: Option<String>,
    /// Since when.
    #[serde(default)]
    pub since: Option<String>,
}

/// `smithy.api#length` and `smithy.api#range`.
#[derive(Debug, Default, Deserialize)]
pub struct BoundsTrait {
    /// Lower bound.
    #[serde(default)]
    pub min: Option<serde_json::Number>,
    /// Upper bound.
    #[serde(default)]
    pub max: Option<serde_json::Number>,
}

/// `aws.protocols#awsQueryError`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QueryErrorTrait {
    /// The code on the wire.
    pub code: String,
    /// The HTTP status.
    #[serde(default)]
    pub http_response_code: Option<u16>,
}

/// `smithy.api#xmlNamespace`.
#[derive(Debug, Deserialize)]
pub struct XmlNamespaceTrait {
    /// The namespace URI.
    pub uri: String,
    /// The prefix, if any.
    #[serde(default)]
    pub prefix: Option<String>,
}

/// One entry of the Smithy 1.0 `smithy.api#enum` trait on a string shape.
#[derive(Debug, Deserialize)]
pub struct EnumDefinition {
    /// The wire value.
    pub value: String,
    /// The constant name.
    #[serde(default)]
    pub name: Option<String>,
    /// Documentation.
    #[serde(default)]
    pub documentation: Option<String>,
}

/// `smithy.api#http`.
#[derive(Debug, Deserialize)]
pub struct HttpTrait {
    /// Method.
    pub method: String,
    /// URI pattern.
    pub uri: String,
    /// Success status.
    #[serde(default)]
    pub code: Option<u16>,
}

/// `smithy.api#paginated` (on operations, and on the service as defaults).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PaginatedTrait {
    /// Input member taking the token.
    #[serde(default)]
    pub input_token: Option<String>,
    /// Output path giving the token.
    #[serde(default)]
    pub output_token: Option<String>,
    /// Output path holding the items.
    #[serde(default)]
    pub items: Option<String>,
    /// Input member setting the page size.
    #[serde(default)]
    pub page_size: Option<String>,
}

/// One waiter of `smithy.waiters#waitable` (a map from waiter name to this).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WaiterTrait {
    /// Documentation (CommonMark).
    #[serde(default)]
    pub documentation: Option<String>,
    /// The acceptors, in order.
    pub acceptors: Vec<AcceptorTrait>,
    /// Least delay in seconds (2 by default).
    #[serde(default)]
    pub min_delay: Option<u64>,
    /// Greatest delay in seconds (120 by default).
    #[serde(default)]
    pub max_delay: Option<u64>,
    /// Whether the waiter is deprecated.
    #[serde(default)]
    pub deprecated: bool,
}

/// One acceptor of a waiter.
#[derive(Debug, Deserialize)]
pub struct AcceptorTrait {
    /// `success`, `failure` or `retry`.
    pub state: String,
    /// One of `output`, `inputOutput`, `success`, `errorType`.
    pub matcher: serde_json::Map<String, serde_json::Value>,
}

/// One entry of `smithy.api#examples`.
#[derive(Debug, Deserialize)]
pub struct ExampleTrait {
    /// Title.
    pub title: String,
    /// Description.
    #[serde(default)]
    pub documentation: Option<String>,
    /// Input.
    #[serde(default)]
    pub input: Option<serde_json::Value>,
    /// Output.
    #[serde(default)]
    pub output: Option<serde_json::Value>,
}

/// `smithy.api#endpoint`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EndpointTrait {
    /// Host prefix template.
    pub host_prefix: String,
}

/// `smithy.api#requestCompression`.
#[derive(Debug, Deserialize)]
pub struct RequestCompressionTrait {
    /// Supported encodings.
    #[serde(default)]
    pub encodings: Vec<String>,
}

/// `aws.protocols#httpChecksum`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HttpChecksumTrait {
    /// Requests must carry a checksum.
    #[serde(default)]
    pub request_checksum_required: bool,
    /// The input member naming the request's checksum algorithm.
    #[serde(default)]
    pub request_algorithm_member: Option<String>,
    /// The input member that asks for the response's checksum.
    #[serde(default)]
    pub request_validation_mode_member: Option<String>,
    /// The algorithms a response's checksum may be of.
    #[serde(default)]
    pub response_algorithms: Vec<String>,
}

/// `aws.api#service`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AwsServiceTrait {
    /// SDK service id.
    #[serde(default)]
    pub sdk_id: Option<String>,
    /// Endpoint prefix.
    #[serde(default)]
    pub endpoint_prefix: Option<String>,
}

/// `aws.auth#sigv4`.
#[derive(Debug, Deserialize)]
pub struct Sigv4Trait {
    /// Signing name.
    pub name: String,
}

/// A Smithy timestamp format name.
pub fn timestamp_format(name: &str) -> Option<TimestampFormat> {
    Some(match name {
        "date-time" => TimestampFormat::DateTime,
        "http-date" => TimestampFormat::HttpDate,
        "epoch-seconds" => TimestampFormat::EpochSeconds,
        _ => return None,
    })
}

/// The scalar of a Smithy simple shape type (`string` and the enums are handled by lowering).
pub fn scalar(type_name: &str) -> Option<Scalar> {
    Some(match type_name {
        "boolean" => Scalar::Boolean,
        "byte" => Scalar::Byte,
        "short" => Scalar::Short,
        "integer" => Scalar::Integer,
        "long" => Scalar::Long,
        "float" => Scalar::Float,
        "double" => Scalar::Double,
        "bigInteger" => Scalar::BigInteger,
        "bigDecimal" => Scalar::BigDecimal,
        "timestamp" => Scalar::Timestamp,
        "blob" => Scalar::Blob,
        "string" => Scalar::String,
        _ => return None,
    })
}

/// Namespace of the prelude.
pub const PRELUDE: &str = "smithy.api";

/// The kind of a prelude shape (`smithy.api#Integer`), if `id` names one. `Unit` is an empty
/// structure (as an operation input or output it means "none", which lowering handles).
pub fn prelude(id: &str) -> Option<ShapeKind> {
    let name = id.strip_prefix(PRELUDE)?.strip_prefix('#')?;
    let scalar = match name {
        "Unit" => return Some(ShapeKind::Structure(Structure::default())),
        "Document" => return Some(ShapeKind::Document),
        "String" => Scalar::String,
        "Blob" => Scalar::Blob,
        "BigInteger" => Scalar::BigInteger,
        "BigDecimal" => Scalar::BigDecimal,
        "Timestamp" => Scalar::Timestamp,
        "Boolean" | "PrimitiveBoolean" => Scalar::Boolean,
        "Byte" | "PrimitiveByte" => Scalar::Byte,
        "Short" | "PrimitiveShort" => Scalar::Short,
        "Integer" | "PrimitiveInteger" => Scalar::Integer,
        "Long" | "PrimitiveLong" => Scalar::Long,
        "Float" | "PrimitiveFloat" => Scalar::Float,
        "Double" | "PrimitiveDouble" => Scalar::Double,
        _ => return None,
    };
    Some(ShapeKind::Scalar(scalar))
}

/// The `Unit` prelude shape: "no input" / "no output" as an operation's input or output.
pub const UNIT: &str = "smithy.api#Unit";
