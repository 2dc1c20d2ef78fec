//! Permissive serde mirror of botocore's `service-2.json`: every key botocore reads, unknown
//! keys ignored, maps kept in declaration order. Nothing here interprets the model; lowering
//! into the IR does ([`lower_botocore`]).

mod lower;

pub use lower::lower_botocore;

use indexmap::IndexMap;
use serde::Deserialize;

/// A whole `service-2.json`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceModel {
    /// Service metadata.
    pub metadata: Metadata,
    /// Operations by name, in file order.
    pub operations: IndexMap<String, OperationDef>,
    /// Shapes by name, in file order.
    pub shapes: IndexMap<String, ShapeDef>,
    /// Service documentation (HTML).
    #[serde(default)]
    pub documentation: Option<String>,
}

/// The `metadata` object.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Metadata {
    /// API version.
    #[serde(default)]
    pub api_version: Option<String>,
    /// The single protocol (older models, or the fallback when `protocols` is absent).
    #[serde(default)]
    pub protocol: Option<String>,
    /// All protocols the service speaks.
    #[serde(default)]
    pub protocols: Option<Vec<String>>,
    /// awsJson version.
    #[serde(default)]
    pub json_version: Option<String>,
    /// Present (an empty object) when the service is `awsQueryCompatible`.
    #[serde(default)]
    pub aws_query_compatible: Option<serde_json::Value>,
    /// awsJson target prefix.
    #[serde(default)]
    pub target_prefix: Option<String>,
    /// Endpoint prefix.
    #[serde(default)]
    pub endpoint_prefix: Option<String>,
    /// SigV4 signing name.
    #[serde(default)]
    pub signing_name: Option<String>,
    /// Signature version.
    #[serde(default)]
    pub signature_version: Option<String>,
    /// SDK service id.
    #[serde(default)]
    pub service_id: Option<String>,
    /// Full name.
    #[serde(default)]
    pub service_full_name: Option<String>,
    /// Abbreviation.
    #[serde(default)]
    pub service_abbreviation: Option<String>,
    /// Model uid.
    #[serde(default)]
    pub uid: Option<String>,
    /// XML namespace.
    #[serde(default)]
    pub xml_namespace: Option<String>,
}

/// A `staticContextParams` entry.
#[derive(Debug, Default, Deserialize)]
pub struct StaticContextParamDef {
    /// The constant.
    pub value: serde_json::Value,
}

/// An `operationContextParams` entry.
#[derive(Debug, Default, Deserialize)]
pub struct OperationContextParamDef {
    /// The path into the input.
    pub path: String,
}

/// A member's `contextParam`.
#[derive(Debug, Default, Deserialize)]
pub struct ContextParamDef {
    /// The endpoint parameter the member sets.
    pub name: String,
}

/// An operation definition.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OperationDef {
    /// Name (should equal the key).
    #[serde(default)]
    pub name: Option<String>,
    /// HTTP binding.
    #[serde(default)]
    pub http: Option<HttpDef>,
    /// Input reference.
    #[serde(default)]
    pub input: Option<ShapeRef>,
    /// Output reference.
    #[serde(default)]
    pub output: Option<ShapeRef>,
    /// Error references.
    #[serde(default)]
    pub errors: Vec<ShapeRef>,
    /// Documentation (HTML).
    #[serde(default)]
    pub documentation: Option<String>,
    /// Deprecated flag.
    #[serde(default)]
    pub deprecated: bool,
    /// Deprecation message.
    #[serde(default)]
    pub deprecated_message: Option<String>,
    /// Idempotent flag.
    #[serde(default)]
    pub idempotent: bool,
    /// Endpoint trait.
    #[serde(default)]
    pub endpoint: Option<EndpointDef>,
    /// Request compression trait.
    #[serde(default)]
    pub requestcompression: Option<RequestCompressionDef>,
    /// Requests must carry a checksum (`Content-MD5`).
    #[serde(default)]
    pub http_checksum_required: bool,
    /// `none` for an operation sent unsigned (STS `AssumeRoleWithWebIdentity`).
    #[serde(default)]
    pub authtype: Option<String>,
    /// The auth schemes in order (`["smithy.api#noAuth"]` for an unsigned operation).
    #[serde(default)]
    pub auth: Option<Vec<String>>,
    /// Flexible checksums.
    #[serde(default)]
    pub http_checksum: Option<HttpChecksumDef>,
    /// Endpoint parameters with constant values (`{"UseS3ExpressControlEndpoint": {"value": true}}`).
    #[serde(default)]
    pub static_context_params: Option<IndexMap<String, StaticContextParamDef>>,
    /// Endpoint parameters read from the input by a path (`{"Keys": {"path": "A[*].B"}}`).
    #[serde(default)]
    pub operation_context_params: Option<IndexMap<String, OperationContextParamDef>>,
}

/// `httpChecksum` of an operation.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HttpChecksumDef {
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

/// `http` of an operation.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HttpDef {
    /// Method.
    #[serde(default)]
    pub method: Option<String>,
    /// Request URI.
    #[serde(default)]
    pub request_uri: Option<String>,
    /// Success status code.
    #[serde(default)]
    pub response_code: Option<u16>,
}

/// `endpoint` of an operation.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EndpointDef {
    /// Host prefix template.
    #[serde(default)]
    pub host_prefix: Option<String>,
}

/// `requestcompression` of an operation.
#[derive(Debug, Default, Deserialize)]
pub struct RequestCompressionDef {
    /// Supported encodings.
    #[serde(default)]
    pub encodings: Vec<String>,
}

/// A reference to a shape with the keys botocore allows on it (operation input/output/errors,
/// structure members, list members, map keys and values).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ShapeRef {
    /// Target shape name.
    pub shape: String,
    /// The endpoint parameter this member sets (input members only).
    #[serde(default)]
    pub context_param: Option<ContextParamDef>,
    /// Wire name.
    #[serde(default)]
    pub location_name: Option<String>,
    /// ec2Query name.
    #[serde(default)]
    pub query_name: Option<String>,
    /// Flattened list/map.
    #[serde(default)]
    pub flattened: Option<bool>,
    /// XML namespace.
    #[serde(default)]
    pub xml_namespace: Option<XmlNamespaceDef>,
    /// XML attribute.
    #[serde(default)]
    pub xml_attribute: Option<bool>,
    /// Timestamp format.
    #[serde(default)]
    pub timestamp_format: Option<String>,
    /// Idempotency token.
    #[serde(default)]
    pub idempotency_token: bool,
    /// Documentation.
    #[serde(default)]
    pub documentation: Option<String>,
    /// Deprecated flag.
    #[serde(default)]
    pub deprecated: bool,
    /// Deprecation message.
    #[serde(default)]
    pub deprecated_message: Option<String>,
    /// Sensitive flag.
    #[serde(default)]
    pub sensitive: Option<bool>,
    /// A streaming blob member (the body is not held in memory).
    #[serde(default)]
    pub streaming: bool,
    /// REST location (`uri`, `querystring`, `header`, `headers`, `statusCode`).
    #[serde(default)]
    pub location: Option<String>,
    /// A JSON value carried in a string (headers: base64 of the JSON text).
    #[serde(default)]
    pub jsonvalue: bool,
    /// Output `resultWrapper`.
    #[serde(default)]
    pub result_wrapper: Option<String>,
    /// Event stream payload marker.
    #[serde(default)]
    pub eventpayload: bool,
    /// Event stream header marker.
    #[serde(default)]
    pub eventheader: bool,
    /// Operation input/output reference (older models): the member that is the whole body,
    /// merged into the target structure as botocore merges reference keys.
    #[serde(default)]
    pub payload: Option<String>,
}

/// `xmlNamespace`: botocore writes either a bare URI string or `{prefix, uri}`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum XmlNamespaceDef {
    /// Bare URI.
    Uri(String),
    /// Prefix and URI.
    Full {
        /// Prefix.
        #[serde(default)]
        prefix: Option<String>,
        /// URI.
        uri: String,
    },
}

/// A shape definition.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ShapeDef {
    /// Type name (`structure`, `list`, `string`, …).
    #[serde(rename = "type")]
    pub type_: String,
    /// Structure members, in file order.
    #[serde(default)]
    pub members: Option<IndexMap<String, ShapeRef>>,
    /// List member.
    #[serde(default)]
    pub member: Option<ShapeRef>,
    /// Map key.
    #[serde(default)]
    pub key: Option<ShapeRef>,
    /// Map value.
    #[serde(default)]
    pub value: Option<ShapeRef>,
    /// Required member names.
    #[serde(default)]
    pub required: Vec<String>,
    /// String enum values.
    #[serde(default, rename = "enum")]
    pub enum_: Option<Vec<String>>,
    /// Minimum length/value.
    #[serde(default)]
    pub min: Option<serde_json::Number>,
    /// Maximum length/value.
    #[serde(default)]
    pub max: Option<serde_json::Number>,
    /// Pattern.
    #[serde(default)]
    pub pattern: Option<String>,
    /// Documentation.
    #[serde(default)]
    pub documentation: Option<String>,
    /// Deprecated flag.
    #[serde(default)]
    pub deprecated: bool,
    /// Deprecation message.
    #[serde(default)]
    pub deprecated_message: Option<String>,
    /// Sensitive flag.
    #[serde(default)]
    pub sensitive: bool,
    /// Error metadata.
    #[serde(default)]
    pub error: Option<ErrorDef>,
    /// Exception flag.
    #[serde(default)]
    pub exception: bool,
    /// Server fault flag.
    #[serde(default)]
    pub fault: bool,
    /// Flattened (shape-level; merged into members that target it).
    #[serde(default)]
    pub flattened: Option<bool>,
    /// Wire name (shape-level; merged into members that target it).
    #[serde(default)]
    pub location_name: Option<String>,
    /// XML namespace (shape-level).
    #[serde(default)]
    pub xml_namespace: Option<XmlNamespaceDef>,
    /// Timestamp format (shape-level).
    #[serde(default)]
    pub timestamp_format: Option<String>,
    /// REST protocols: the member that is the whole body.
    #[serde(default)]
    pub payload: Option<String>,
    /// REST location (shape-level; merged into members that target it).
    #[serde(default)]
    pub location: Option<String>,
    /// A JSON value carried in a string (shape-level; merged into members that target it).
    #[serde(default)]
    pub jsonvalue: bool,
    /// Union marker.
    #[serde(default)]
    pub union: bool,
    /// Document marker.
    #[serde(default)]
    pub document: bool,
    /// Event stream marker.
    #[serde(default)]
    pub eventstream: bool,
    /// Streaming blob marker (a body not held in memory).
    #[serde(default)]
    pub streaming: bool,
    /// Event marker.
    #[serde(default)]
    pub event: bool,
}

/// `error` of an exception shape.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorDef {
    /// Wire code.
    #[serde(default)]
    pub code: Option<String>,
    /// HTTP status.
    #[serde(default)]
    pub http_status_code: Option<u16>,
    /// Whether the caller is at fault.
    #[serde(default)]
    pub sender_fault: Option<bool>,
}
