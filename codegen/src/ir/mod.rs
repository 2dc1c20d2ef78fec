//! The validated shape graph: the one model representation that emitters see.
//!
//! Front ends (botocore, Smithy) lower their JSON into these types; passes (`select`,
//! `recursion`, `error_message`) refine it. Every invariant an emitter relies on is enforced by the types or by
//! lowering: a list always has a member, every member target exists, error codes are resolved,
//! and the serialization keys botocore merges from a target shape into a member reference are
//! already merged into [`Member`].

pub(crate) mod context_path;
mod dump;
mod error_message;
pub mod event_stream;
mod http;
mod leave_out;
mod paginators;
mod recursion;
pub mod s3;
mod select;
pub mod synthetic;
pub mod waiters;

pub use context_path::{ContextPath, Resolved as ResolvedContextPath};
pub use dump::dump;
pub use error_message::{MESSAGE, add_error_messages};
pub use http::{HttpLocation, METHODS, PathPart, UriTemplate, host_prefix_labels};
pub use leave_out::{LeftOut, leave_out_unsupported, unsupported_operations};
pub use paginators::{PaginatorSpec, attach_paginators};
pub use recursion::{box_recursive_members, max_nesting_depth};
pub use select::{Selection, closure, select_operations, targets};
pub use waiters::attach_waiters;

use std::collections::BTreeMap;
use std::fmt;

/// A shape's id as the model spells it: `Tag` in botocore, `com.amazonaws.elasticache#Tag` in
/// Smithy. Ordered, so maps keyed by it iterate deterministically.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ShapeId(String);

impl ShapeId {
    /// Wraps an id as written in the model.
    pub fn new(id: impl Into<String>) -> Self {
        Self(id.into())
    }

    /// The whole id.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name without any Smithy namespace: `Tag` for `com.amazonaws.elasticache#Tag`.
    pub fn name(&self) -> &str {
        self.0.rsplit_once('#').map_or(&self.0, |(_, name)| name)
    }
}

impl fmt::Display for ShapeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Which input format a model was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModelFormat {
    /// botocore `service-2.json`.
    Botocore,
    /// Smithy JSON AST.
    Smithy,
}

/// A whole service model, or the part of it that a selection of operations reaches.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// The model file as the user named it (used in messages and generated-file headers).
    pub source: String,
    /// The format the model was read from.
    pub format: ModelFormat,
    /// Service-wide metadata.
    pub service: Service,
    /// Operations, sorted by name.
    pub operations: Vec<Operation>,
    /// Every shape, keyed by id.
    pub shapes: BTreeMap<ShapeId, Shape>,
}

impl Model {
    /// The shape with this id. Lowering guarantees that every id reachable from the model
    /// resolves, so a miss is a bug in the generator, reported with the id.
    pub fn shape(&self, id: &ShapeId) -> &Shape {
        self.shapes
            .get(id)
            .unwrap_or_else(|| unreachable!("shape `{id}` was validated to exist"))
    }

    /// The operation with this model name, if any.
    pub fn operation(&self, name: &str) -> Option<&Operation> {
        self.operations.iter().find(|op| op.name == name)
    }
}

/// Service-wide metadata (botocore `metadata`, Smithy service shape traits).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Service {
    /// The API version (`2015-02-02`): the awsQuery `Version` parameter.
    pub api_version: String,
    /// The wire protocols the service speaks, in the model's order.
    pub protocols: Vec<Protocol>,
    /// awsJson version (`1.0`, `1.1`).
    pub json_version: Option<String>,
    /// The service is `awsQueryCompatible`: awsJson and RPC v2 CBOR requests carry
    /// `x-amzn-query-mode: true`, and an error's code comes from `x-amzn-query-error`.
    pub query_compatible: bool,
    /// awsJson `X-Amz-Target` prefix (`AmazonMemoryDB`).
    pub target_prefix: Option<String>,
    /// Endpoint host prefix (`memory-db`).
    pub endpoint_prefix: Option<String>,
    /// SigV4 signing name, when it differs from the endpoint prefix.
    pub signing_name: Option<String>,
    /// Signature version (`v4`).
    pub signature_version: Option<String>,
    /// SDK service id (`ElastiCache`).
    pub service_id: Option<String>,
    /// Full name (`Amazon ElastiCache`).
    pub full_name: Option<String>,
    /// Abbreviation (`Amazon MemoryDB`).
    pub abbreviation: Option<String>,
    /// Model uid (`elasticache-2015-02-02`): used for API reference links.
    pub uid: Option<String>,
    /// XML namespace of awsQuery responses.
    pub xml_namespace: Option<String>,
    /// Service documentation (HTML).
    pub docs: Option<String>,
    /// The endpoint rule set (botocore `endpoint-rule-set-1.json`, Smithy
    /// `smithy.rules#endpointRuleSet`), lowered; `None` when the model comes without one.
    pub endpoint_rules: Option<crate::endpoints::Table>,
    /// Operations of the model left out of generation, with the reason (empty unless a
    /// lenient generation left some out: [`leave_out_unsupported`]).
    pub left_out: Vec<LeftOut>,
}

impl Service {
    /// The protocol a client should use by default: the first of botocore's priority list
    /// (`json`, `rest-json`, `rest-xml`, `smithy-rpc-v2-cbor`, `query`, `ec2`) that the model
    /// lists.
    pub fn preferred_protocol(&self) -> Option<Protocol> {
        Protocol::PRIORITY
            .iter()
            .copied()
            .find(|p| self.protocols.contains(p))
    }
}

/// A wire protocol a model can declare.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Protocol {
    /// awsJson1_0 / awsJson1_1 (botocore `json`).
    Json,
    /// restJson1 (botocore `rest-json`).
    RestJson,
    /// restXml (botocore `rest-xml`).
    RestXml,
    /// Smithy RPC v2 CBOR (botocore `smithy-rpc-v2-cbor`).
    RpcV2Cbor,
    /// awsQuery (botocore `query`).
    Query,
    /// ec2Query (botocore `ec2`).
    Ec2,
}

impl Protocol {
    /// botocore's protocol priority order (`ServiceModel.resolved_protocol`).
    pub const PRIORITY: [Protocol; 6] = [
        Protocol::Json,
        Protocol::RestJson,
        Protocol::RestXml,
        Protocol::RpcV2Cbor,
        Protocol::Query,
        Protocol::Ec2,
    ];

    /// The protocol botocore names `name`.
    pub fn from_botocore(name: &str) -> Option<Self> {
        Some(match name {
            "json" => Protocol::Json,
            "rest-json" => Protocol::RestJson,
            "rest-xml" => Protocol::RestXml,
            "smithy-rpc-v2-cbor" => Protocol::RpcV2Cbor,
            "query" => Protocol::Query,
            "ec2" => Protocol::Ec2,
            _ => return None,
        })
    }

    /// Whether responses are XML (awsQuery, ec2, restXml), read with the runtime's XML reader.
    pub fn is_xml(self) -> bool {
        matches!(self, Protocol::Query | Protocol::Ec2 | Protocol::RestXml)
    }

    /// Whether requests are form-encoded query bodies (awsQuery and its ec2 dialect).
    pub fn is_query(self) -> bool {
        matches!(self, Protocol::Query | Protocol::Ec2)
    }

    /// Whether the protocol binds members to the HTTP message (restJson1, restXml).
    pub fn is_rest(self) -> bool {
        matches!(self, Protocol::RestJson | Protocol::RestXml)
    }

    /// botocore's name for the protocol.
    pub fn botocore_name(self) -> &'static str {
        match self {
            Protocol::Json => "json",
            Protocol::RestJson => "rest-json",
            Protocol::RestXml => "rest-xml",
            Protocol::RpcV2Cbor => "smithy-rpc-v2-cbor",
            Protocol::Query => "query",
            Protocol::Ec2 => "ec2",
        }
    }
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.botocore_name())
    }
}

/// An operation.
#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    /// The operation name (`CopySnapshot`): the awsQuery `Action`, the awsJson target suffix.
    pub name: String,
    /// Input structure: the model's, else an empty synthetic one ([`ShapeId::is_synthetic`],
    /// made at lowering by [`synthetic::add_shapes`]).
    pub input: ShapeId,
    /// Output structure: the model's, else an empty synthetic one.
    pub output: ShapeId,
    /// awsQuery element wrapping the output (`CopySnapshotResult`).
    pub result_wrapper: Option<String>,
    /// restXml: the root element of the request document, when the input reference names it
    /// (botocore `locationName` of `input`); else the input shape's name is used.
    pub input_xml_name: Option<String>,
    /// restXml: the namespace declared on the request document's root element (botocore
    /// `xmlNamespace` of `input`).
    pub input_xml_namespace: Option<XmlNamespace>,
    /// Modeled errors, in model order.
    pub errors: Vec<ShapeId>,
    /// Documentation (HTML).
    pub docs: Option<String>,
    /// Deprecation, if deprecated.
    pub deprecated: Option<Deprecated>,
    /// HTTP binding (always `POST /` for the RPC protocols).
    pub http: HttpBinding,
    /// Whether the operation is marked idempotent.
    pub idempotent: bool,
    /// Host prefix template from the `endpoint` trait (`{Foo}.data.`).
    pub host_prefix: Option<String>,
    /// Request compression encodings the operation supports (`gzip`).
    pub request_compression: Vec<String>,
    /// Whether requests must carry a checksum (`httpChecksumRequired`, or
    /// `httpChecksum.requestChecksumRequired`): the flexible checksum when `http_checksum`
    /// names a request algorithm member, else `Content-MD5` of the body.
    pub checksum_required: bool,
    /// The operation's flexible checksums (botocore `httpChecksum`, Smithy
    /// `aws.protocols#httpChecksum`).
    pub http_checksum: Option<HttpChecksum>,
    /// Whether requests are sent unsigned (botocore `authtype: none` or `auth:
    /// ["smithy.api#noAuth"]`; Smithy an empty `auth` trait).
    pub unsigned: bool,
    /// How to page through the operation's results, when it is paginated.
    pub paginator: Option<Paginator>,
    /// Waiters that poll this operation, in the model's order.
    pub waiters: Vec<waiters::Waiter>,
    /// Waiters of this operation the generator leaves out, each with the reason.
    pub left_out_waiters: Vec<waiters::LeftOutWaiter>,
    /// Worked examples (botocore `examples-1.json`).
    pub examples: Vec<Example>,
    /// Endpoint rule-set parameters the operation sets, in name order.
    pub endpoint_params: Vec<EndpointParam>,
}

/// An operation's flexible checksums (`httpChecksum`): which input members choose the request's
/// checksum algorithm and ask for the response's, and what a response's checksum may be. The
/// front ends checked that both members are members of the input.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HttpChecksum {
    /// The input member naming the request's checksum algorithm (`ChecksumAlgorithm`).
    pub request_algorithm_member: Option<String>,
    /// Whether requests must carry a checksum.
    pub request_checksum_required: bool,
    /// The input member that asks for the response's checksum (`ChecksumMode`, set to
    /// `ENABLED`).
    pub request_validation_mode_member: Option<String>,
    /// The algorithms a response's checksum may be of, as the model names them (`CRC32`).
    pub response_algorithms: Vec<String>,
}

/// An endpoint rule-set parameter an operation sets.
#[derive(Clone, Debug, PartialEq)]
pub struct EndpointParam {
    /// The parameter (`Bucket`).
    pub name: String,
    /// Where its value comes from.
    pub source: EndpointParamSource,
}

/// Where an operation's endpoint parameter comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum EndpointParamSource {
    /// A constant (botocore `staticContextParams`, Smithy `smithy.rules#staticContextParams`):
    /// a boolean, string or list of strings, as JSON.
    Static(serde_json::Value),
    /// A top-level member of the input (the member's `contextParam`), by its model name.
    Member(String),
    /// A path into the input (`operationContextParams`), parsed and checked against the
    /// input's shapes at lowering.
    Path(ContextPath),
}

/// A worked example of an operation: an input and the output the service answered with.
#[derive(Clone, Debug, PartialEq)]
pub struct Example {
    /// Short title.
    pub title: String,
    /// What it shows (plain text).
    pub description: Option<String>,
    /// The input, with the model's member names.
    pub input: Option<Value>,
    /// The output, with the model's member names.
    pub output: Option<Value>,
}

/// A JSON-like value of an example, as the model writes it. Numbers keep their text.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true`/`false`.
    Bool(bool),
    /// A number, as written.
    Number(String),
    /// A string.
    String(String),
    /// A list.
    List(Vec<Value>),
    /// An object, in file order.
    Object(Vec<(String, Value)>),
}

/// How an operation pages (botocore `paginators-1.json`, Smithy `paginated`). Paths are member
/// names from the input or output structure, outermost first (`EngineDefaults.Marker` is
/// `["EngineDefaults", "Marker"]`); lowering checks that they resolve.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paginator {
    /// Input members that take the continuation token(s).
    pub input_tokens: Vec<String>,
    /// Output paths that give the token(s), one per input token.
    pub output_tokens: Vec<OutputToken>,
    /// Input member that sets the page size.
    pub limit_key: Option<String>,
    /// Output paths that hold the items of a page (lists or maps).
    pub result_keys: Vec<Vec<String>>,
    /// Output path of a boolean that says whether more pages follow.
    pub more_results: Option<Vec<String>>,
}

/// Where a paginator's output token comes from: alternatives tried in order, the first that is
/// present and not empty wins (`NextMarker || Contents[-1].Key`, S3's ListObjects).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputToken {
    /// The alternatives, each a path from the output structure.
    pub alternatives: Vec<Vec<TokenStep>>,
}

/// One step of an output token path: a member, and whether the path then takes the member's
/// last item (`Contents[-1]`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenStep {
    /// The member's model name.
    pub member: String,
    /// `[-1]` follows the member: the last item of the list.
    pub last_item: bool,
}

impl std::fmt::Display for OutputToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, path) in self.alternatives.iter().enumerate() {
            if i > 0 {
                f.write_str(" || ")?;
            }
            for (j, step) in path.iter().enumerate() {
                if j > 0 {
                    f.write_str(".")?;
                }
                f.write_str(&step.member)?;
                if step.last_item {
                    f.write_str("[-1]")?;
                }
            }
        }
        Ok(())
    }
}

/// Method and path of an operation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpBinding {
    /// HTTP method (`POST`), upper case.
    pub method: String,
    /// Request URI template (`/`), as the model writes it.
    pub request_uri: String,
    /// The request URI, parsed (lowering rejects templates that do not parse).
    pub uri: UriTemplate,
    /// Success status code: botocore `responseCode`, Smithy `http.code`; 200 when the model
    /// does not say (the default of both), so that the two front ends agree.
    pub response_code: u16,
}

impl Default for HttpBinding {
    fn default() -> Self {
        Self {
            method: "POST".to_owned(),
            request_uri: "/".to_owned(),
            uri: UriTemplate::default(),
            response_code: 200,
        }
    }
}

/// A shape: a named type of the model.
#[derive(Clone, Debug, PartialEq)]
pub struct Shape {
    /// Its id.
    pub id: ShapeId,
    /// What kind of type it is.
    pub kind: ShapeKind,
    /// Documentation (HTML).
    pub docs: Option<String>,
    /// Deprecation, if deprecated.
    pub deprecated: Option<Deprecated>,
    /// Whether values of this shape are sensitive (redacted in `Debug`).
    pub sensitive: bool,
    /// Set on error (exception) structures.
    pub error: Option<ErrorInfo>,
    /// Length (strings, blobs, lists, maps) or range (numbers) constraints.
    pub constraints: Constraints,
    /// The shape's own XML element name (botocore `locationName` on the shape, Smithy
    /// `xmlName`): the root element of a restXml document of this shape.
    pub xml_name: Option<String>,
    /// The shape's own XML namespace (`xmlNamespace` on the shape).
    pub xml_namespace: Option<XmlNamespace>,
    /// Why the generator cannot generate this shape, if it cannot. Lowering keeps such shapes
    /// so that other operations of the model still generate; selecting an operation that
    /// reaches one is an error, so emitters never see them.
    pub unsupported: Option<String>,
    /// Set on an event-stream union (botocore `eventstream`, a Smithy union with
    /// `@streaming`): its members are the events; [`event_stream::split_exceptions`] moves the
    /// exception events out of the members into [`EventStream::exceptions`].
    pub event_stream: Option<EventStream>,
    /// Set on a streaming blob (botocore `streaming`, a Smithy blob with `@streaming`): a body
    /// that need not be in memory (`ByteStream`), bound to an operation's payload.
    pub streaming: bool,
}

impl Shape {
    /// A shape of `kind` and nothing else (no docs, constraints, error, XML name, …): the
    /// shapes the generator adds itself (synthetic inputs and outputs, prelude shapes).
    pub fn plain(id: ShapeId, kind: ShapeKind) -> Self {
        Shape {
            id,
            kind,
            docs: None,
            deprecated: None,
            sensitive: false,
            error: None,
            constraints: Constraints::default(),
            xml_name: None,
            xml_namespace: None,
            unsupported: None,
            event_stream: None,
            streaming: false,
        }
    }

    /// A structure without members and nothing else.
    pub fn empty_structure(id: ShapeId) -> Self {
        Self::plain(id, ShapeKind::Structure(Structure::default()))
    }
}

/// What an event-stream union carries besides its event members.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventStream {
    /// The modeled exception events (members targeting error structures), by member name:
    /// the `:exception-type` of their messages. They join the operation's errors.
    pub exceptions: Vec<Member>,
}

/// Where a member of an event structure goes in an event message (botocore `eventheader` /
/// `eventpayload`, Smithy `@eventHeader` / `@eventPayload`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventBinding {
    /// A header of the message, named like the member.
    Header,
    /// The whole payload.
    Payload,
}

/// The kinds of shapes.
// Shapes are built once per model and never moved in hot loops: variant size does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum ShapeKind {
    /// A structure with named members.
    Structure(Structure),
    /// A tagged union: exactly one member is set.
    Union(Structure),
    /// A list.
    List(List),
    /// A map.
    Map(Map),
    /// A string with a closed-but-extensible set of values.
    Enum(Enum),
    /// An integer with named values.
    IntEnum(IntEnum),
    /// A scalar.
    Scalar(Scalar),
    /// An untyped JSON-like document.
    Document,
}

impl ShapeKind {
    /// A short name for messages: `structure`, `list`, `string`, ….
    pub fn describe(&self) -> &'static str {
        match self {
            ShapeKind::Structure(_) => "structure",
            ShapeKind::Union(_) => "union",
            ShapeKind::List(_) => "list",
            ShapeKind::Map(_) => "map",
            ShapeKind::Enum(_) => "enum",
            ShapeKind::IntEnum(_) => "intEnum",
            ShapeKind::Scalar(s) => s.describe(),
            ShapeKind::Document => "document",
        }
    }
}

/// Scalar shape types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scalar {
    /// UTF-8 string (also botocore's legacy `character`).
    String,
    /// Boolean.
    Boolean,
    /// 8-bit signed integer.
    Byte,
    /// 16-bit signed integer.
    Short,
    /// 32-bit signed integer.
    Integer,
    /// 64-bit signed integer.
    Long,
    /// 32-bit float.
    Float,
    /// 64-bit float.
    Double,
    /// Arbitrary-precision integer (carried as its decimal text).
    BigInteger,
    /// Arbitrary-precision decimal (carried as its decimal text).
    BigDecimal,
    /// Point in time.
    Timestamp,
    /// Bytes.
    Blob,
}

impl Scalar {
    /// The botocore type name.
    pub fn describe(self) -> &'static str {
        match self {
            Scalar::String => "string",
            Scalar::Boolean => "boolean",
            Scalar::Byte => "byte",
            Scalar::Short => "short",
            Scalar::Integer => "integer",
            Scalar::Long => "long",
            Scalar::Float => "float",
            Scalar::Double => "double",
            Scalar::BigInteger => "bigInteger",
            Scalar::BigDecimal => "bigDecimal",
            Scalar::Timestamp => "timestamp",
            Scalar::Blob => "blob",
        }
    }
}

/// A structure (or union) body.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Structure {
    /// Members in model declaration order.
    pub members: Vec<Member>,
}

impl Structure {
    /// Whether any member is deprecated (code touching every member must allow `deprecated`).
    pub fn has_deprecated_member(&self) -> bool {
        self.members.iter().any(|m| m.deprecated.is_some())
    }
}

/// A list shape.
#[derive(Clone, Debug, PartialEq)]
pub struct List {
    /// The element reference (botocore `member`), with its wire names.
    pub member: Member,
}

/// A map shape.
#[derive(Clone, Debug, PartialEq)]
pub struct Map {
    /// The key reference (a string or enum).
    pub key: Member,
    /// The value reference.
    pub value: Member,
}

/// A string enum.
#[derive(Clone, Debug, PartialEq)]
pub struct Enum {
    /// Values in model order.
    pub values: Vec<EnumValue>,
}

/// One value of a string enum.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumValue {
    /// The wire value (`enabled`).
    pub value: String,
    /// The Smithy member name (`ENABLED`), when the model gives one.
    pub name: Option<String>,
    /// Documentation (HTML).
    pub docs: Option<String>,
}

/// An integer enum.
#[derive(Clone, Debug, PartialEq)]
pub struct IntEnum {
    /// `(name, value)` in model order.
    pub values: Vec<(String, i32)>,
}

/// A reference from a structure, list or map to its target shape, with everything that
/// describes this use of the target: the member's own keys merged over the target shape's keys,
/// the way botocore merges them.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    /// The model's member name (`member`, `key` or `value` for list and map references).
    pub name: String,
    /// The target shape.
    pub target: ShapeId,
    /// The member's own documentation (HTML); the target's is on the target.
    pub docs: Option<String>,
    /// Whether the member is required.
    pub required: bool,
    /// Deprecation, if deprecated.
    pub deprecated: Option<Deprecated>,
    /// Whether the member (or its target) is sensitive.
    pub sensitive: bool,
    /// Whether the generator must box the member to break a recursive cycle.
    pub boxed: bool,
    /// Whether an idempotency token is filled in when absent.
    pub idempotency_token: bool,
    /// Timestamp wire format, when the model sets one.
    pub timestamp_format: Option<TimestampFormat>,
    /// Wire names and XML/query layout.
    pub wire: WireNames,
    /// For REST protocols: where the member goes in the HTTP message (top-level members of
    /// operation inputs, outputs and errors only).
    pub http: HttpLocation,
    /// The media type of a string or blob (Smithy `mediaType`; botocore's `jsonvalue` is
    /// `application/json`): a JSON-valued string in a header is sent base64-encoded.
    pub media_type: Option<String>,
    /// A value the member takes when absent (Smithy `default`), as its JSON text.
    pub default: Option<String>,
    /// For members of event structures: a header or the payload of the event message
    /// (`None`: the member is in the payload document).
    pub event: Option<EventBinding>,
    /// A response header that cannot be read as the member's type (a timestamp) leaves the
    /// member unset instead of failing the response (S3's `Expires`, whose text
    /// `ExpiresString` keeps: [`s3::expires_string`]).
    pub lenient: bool,
}

impl Member {
    /// The member's name on the wire in botocore's sense: its `locationName`, else its model
    /// name. Protocol emitters use [`Member::wire_name_for`].
    pub fn wire_name(&self) -> &str {
        self.wire.location_name.as_deref().unwrap_or(&self.name)
    }

    /// The member's name in `protocol`'s documents: restJson1 takes `jsonName`, the XML
    /// protocols `xmlName`, awsJson and rpc-v2-cbor neither (both ignore `jsonName`); each then
    /// falls back to `locationName`, then the member name.
    pub fn wire_name_for(&self, protocol: Protocol) -> &str {
        self.wire_name_opt(protocol).unwrap_or(&self.name)
    }

    /// The name [`Member::wire_name_for`] gives when the model names the member for
    /// `protocol` (`None` when it would fall back to the member name).
    pub fn wire_name_opt(&self, protocol: Protocol) -> Option<&str> {
        let own = match protocol {
            Protocol::RestJson => self.wire.json_name.as_deref(),
            Protocol::Query | Protocol::Ec2 | Protocol::RestXml => self.wire.xml_name.as_deref(),
            Protocol::Json | Protocol::RpcV2Cbor => None,
        };
        own.or(self.wire.location_name.as_deref())
    }

    /// Whether the member is a `mediaType: application/json` (botocore `jsonvalue`) string.
    pub fn is_json_value(&self) -> bool {
        self.media_type
            .as_deref()
            .is_some_and(|t| t == "application/json" || t.ends_with("+json"))
    }
}

/// Wire naming of a member reference (botocore `locationName`, `queryName`, `flattened`,
/// `xmlNamespace`, `xmlAttribute`), merged member-over-target.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WireNames {
    /// botocore's `locationName` (element, key, parameter or header name), when it differs
    /// from the member name; in Smithy models the name an HTTP binding trait gives.
    pub location_name: Option<String>,
    /// Smithy `jsonName`: the key in restJson1 documents.
    pub json_name: Option<String>,
    /// Smithy `xmlName`: the element name in the XML protocols.
    pub xml_name: Option<String>,
    /// ec2Query parameter name override (`queryName`).
    pub query_name: Option<String>,
    /// Whether `location_name` comes from the target shape rather than the member reference
    /// (botocore merges the two; Smithy's restXml names a member's element by the member
    /// alone, the target's name being for a payload's root element).
    pub location_name_from_target: bool,
    /// Whether a list or map is flattened.
    pub flattened: bool,
    /// XML namespace declared on the element.
    pub xml_namespace: Option<XmlNamespace>,
    /// Whether the member is an XML attribute.
    pub xml_attribute: bool,
}

/// An XML namespace declaration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct XmlNamespace {
    /// The prefix (`xsi`), or none for a default namespace.
    pub prefix: Option<String>,
    /// The namespace URI.
    pub uri: String,
}

/// Timestamp wire formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimestampFormat {
    /// ISO 8601 / RFC 3339 date-time (botocore `iso8601`, Smithy `date-time`).
    DateTime,
    /// RFC 7231 IMF-fixdate (botocore `rfc822`, Smithy `http-date`).
    HttpDate,
    /// Seconds since the epoch (botocore `unixTimestamp`, Smithy `epoch-seconds`).
    EpochSeconds,
}

/// Deprecation details.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Deprecated {
    /// Why, or what to use instead.
    pub message: Option<String>,
    /// Since when.
    pub since: Option<String>,
}

/// Error metadata of an exception structure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorInfo {
    /// The code on the wire (botocore `error.code`, else the shape name).
    pub code: String,
    /// The HTTP status the service answers with, when modeled.
    pub http_status: Option<u16>,
    /// Whether the caller is at fault (client error) rather than the service.
    pub sender_fault: bool,
}

/// Length or range constraints. Bounds are kept as the model's decimal text so that large
/// integer bounds stay exact.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Constraints {
    /// Minimum length (strings in code points, blobs in bytes, lists/maps in entries) or value.
    pub min: Option<String>,
    /// Maximum length or value.
    pub max: Option<String>,
    /// Regular expression a string must match.
    pub pattern: Option<String>,
}

impl Constraints {
    /// Whether no constraint is set.
    pub fn is_empty(&self) -> bool {
        self.min.is_none() && self.max.is_none() && self.pattern.is_none()
    }
}
