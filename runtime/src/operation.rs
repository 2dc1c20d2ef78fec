//! The sans-IO operation interface: every generated operation turns an input into an HTTP
//! request and an HTTP response into an output or an error, without doing any I/O itself. Bring
//! any HTTP client; sign the request (SigV4) before sending it.

use std::fmt;

use http::HeaderName;

/// Header names the error envelopes read, parsed once: a `&str` key is parsed (and lowercased)
/// on every lookup.
pub(crate) mod header {
    use super::HeaderName;
    /// `x-amzn-RequestId`.
    pub(crate) const REQUEST_ID: HeaderName = HeaderName::from_static("x-amzn-requestid");
    /// `X-Amzn-ErrorType`.
    pub(crate) const ERROR_TYPE: HeaderName = HeaderName::from_static("x-amzn-errortype");
    /// `x-amzn-query-error`.
    pub(crate) const QUERY_ERROR: HeaderName = HeaderName::from_static("x-amzn-query-error");
}

/// One operation of a service (`CopySnapshot`): how to build its request and parse its
/// response. Implemented by a unit struct per operation, which also has the same two functions
/// as inherent methods.
pub trait Operation {
    /// The operation's input.
    type Input;
    /// The operation's output.
    type Output;
    /// The operation's error (one variant per listed error, plus `Unhandled` for any other).
    type Error: std::error::Error;

    /// The operation's name in the model (`CopySnapshot`).
    const NAME: &'static str;

    /// Whether requests are sent unsigned (the model says no auth: STS
    /// `AssumeRoleWithWebIdentity`); the client then needs no credentials for it.
    const UNSIGNED: bool = false;

    /// Builds the HTTP request: method, path, headers (`Content-Type`, `Content-Length`, and
    /// the protocol's own) and body. The caller adds the host and signs it. An input that
    /// cannot be put into a request (an empty URI label, a header value HTTP does not allow, an
    /// invalid host label) gives [`InvalidRequest`] naming the member.
    fn build_request(input: &Self::Input) -> Result<http::Request<Vec<u8>>, InvalidRequest>;

    /// Validates `input` against every constraint of the model, then builds the HTTP request
    /// as [`Operation::build_request`] does. With any violation, builds nothing and returns
    /// all of them (feature `validate`).
    #[cfg(feature = "validate")]
    fn build_request_checked(
        input: &Self::Input,
    ) -> Result<http::Request<Vec<u8>>, crate::validate::ValidationError>
    where
        Self::Input: crate::validate::Validate,
    {
        crate::validate::build_request_checked::<Self>(input)
    }

    /// Parses an HTTP response: a success status gives the output, an error status the
    /// operation's error; bytes that cannot be read give [`ResponseError::Invalid`].
    fn parse_response(
        status: u16,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Result<Self::Output, ResponseError<Self::Error>>;

    /// Whether a success response's body is an event stream: `parse_response` then reads only
    /// the bytes it is given (the start of the stream, possibly none) and the output's stream
    /// reads the rest as it arrives ([`Operation::attach_body`]).
    const EVENT_STREAM: bool = false;

    /// For an event-stream operation: hands the rest of the response body to the output's
    /// event stream, which then reads it as the caller asks for events. Other operations
    /// ignore it.
    /// `headers` are the response's (a streaming blob's checksum is checked against them as
    /// the body is read).
    fn attach_body(
        output: &mut Self::Output,
        headers: &http::HeaderMap,
        body: Box<dyn BodySource>,
    ) {
        let _ = (output, headers, body);
    }

    /// For an output event stream whose first event (`initial-response`, awsJson and RPC v2
    /// CBOR) carries the output's other members: reads the body attached to the output's
    /// stream ([`Operation::attach_body`]) until that event is in and sets those members. The
    /// client awaits it before it returns the output; others do nothing.
    #[cfg(feature = "event-stream")]
    fn initial_response(output: &mut Self::Output) -> InitialResponse<'_, Self::Error> {
        let _ = output;
        Box::pin(async { Ok(()) })
    }

    /// Whether a success response's body is a streaming blob (S3 `GetObject`): the client
    /// then parses the head alone and hands the body to the output's
    /// [`ByteStream`](crate::byte_stream::ByteStream) ([`Operation::attach_body`]), which the
    /// caller reads at its own pace.
    const STREAMING_OUTPUT: bool = false;

    /// The input's streaming blob (S3 `PutObject`'s `Body`), if the operation has one. When it
    /// is not in memory, `build_request` leaves the request's body empty (with the stream's
    /// length as `Content-Length` when known): the caller sends the stream
    /// ([`ByteStream::take_source`](crate::byte_stream::ByteStream::take_source)).
    #[cfg(feature = "blob")]
    fn streaming_body(input: &Self::Input) -> Option<&crate::byte_stream::ByteStream> {
        let _ = input;
        None
    }
}

/// What [`Operation::initial_response`] returns: done once the output's members from the
/// `initial-response` event are set.
#[cfg(feature = "event-stream")]
pub type InitialResponse<'a, E> = std::pin::Pin<
    Box<
        dyn std::future::Future<Output = Result<(), crate::event_receiver::EventStreamError<E>>>
            + Send
            + 'a,
    >,
>;

/// A future of the next chunk of a body: `None` at its end.
pub type ChunkFuture<'a> = std::pin::Pin<
    Box<dyn std::future::Future<Output = Result<Option<Vec<u8>>, BodyError>> + Send + 'a>,
>;

/// The rest of a response body, chunk by chunk, as an HTTP client reads it: what an event
/// stream is fed from. Independent of any async runtime.
pub trait BodySource: Send {
    /// The next chunk of the body; `Ok(None)` once it has ended.
    fn next_chunk(&mut self) -> ChunkFuture<'_>;
}

/// Reading a response body failed (the connection was reset or closed early, …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BodyError {
    message: String,
}

impl BodyError {
    /// An error with this message (the transport's, with its causes).
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }

    /// What went wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for BodyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot read the response body: {}", self.message)
    }
}

impl std::error::Error for BodyError {}

/// The input of a paginated operation: given a page's output, the input of the next page
/// (generated as `<Op>Input::next_page` too). The client's paginators
/// (`client_pages::Pages`) call it.
pub trait Paginated: Sized {
    /// The operation's output.
    type Output;

    /// The input of the page after `output`: `None` after the last page.
    fn next_page(&self, output: &Self::Output) -> Option<Self>;
}

/// Why a response did not give an output.
#[derive(Clone, Debug, PartialEq)]
pub enum ResponseError<E> {
    /// The service answered with an error: the operation's typed error.
    Service(E),
    /// The response could not be read (malformed body, wrong root element, …).
    Invalid(InvalidResponse),
}

/// A response that could not be read (`?` in `parse_response`).
impl<E> From<InvalidResponse> for ResponseError<E> {
    fn from(error: InvalidResponse) -> Self {
        ResponseError::Invalid(error)
    }
}

impl<E> ResponseError<E> {
    /// The service error, if the service answered with one.
    pub fn service_error(&self) -> Option<&E> {
        match self {
            ResponseError::Service(e) => Some(e),
            ResponseError::Invalid(_) => None,
        }
    }

    /// The service error, or this error back.
    pub fn into_service_error(self) -> Result<E, Self> {
        match self {
            ResponseError::Service(e) => Ok(e),
            invalid => Err(invalid),
        }
    }

    /// The same outcome with the service error converted by `f` (an operation's error from
    /// the service's error).
    pub fn map<F>(self, f: impl FnOnce(E) -> F) -> ResponseError<F> {
        match self {
            ResponseError::Service(e) => ResponseError::Service(f(e)),
            ResponseError::Invalid(invalid) => ResponseError::Invalid(invalid),
        }
    }
}

impl<E: fmt::Display> fmt::Display for ResponseError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResponseError::Service(e) => e.fmt(f),
            ResponseError::Invalid(e) => e.fmt(f),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for ResponseError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ResponseError::Service(e) => Some(e),
            ResponseError::Invalid(e) => Some(e),
        }
    }
}

/// An input that cannot be put into an HTTP request, and which member is at fault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidRequest {
    member: &'static str,
    message: String,
}

impl InvalidRequest {
    /// Member `member` (the model's name) cannot be sent, and why.
    #[cold]
    pub fn new(member: &'static str, message: impl Into<String>) -> Self {
        Self {
            member,
            message: message.into(),
        }
    }

    /// The member at fault, as the model names it (`Bucket`).
    pub fn member(&self) -> &'static str {
        self.member
    }

    /// What is wrong with its value.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for InvalidRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot build the request: member `{}`: {}",
            self.member, self.message
        )
    }
}

impl std::error::Error for InvalidRequest {}

/// The value of a host-prefix label (the endpoint trait's `{Member}`): it must be set and be
/// one or more valid host labels (letters, digits and `-`, 1 to 63 characters each, not
/// starting or ending with `-`, separated by `.`), or the request would go to the wrong host.
pub fn host_label<'a>(
    value: Option<&'a str>,
    member: &'static str,
) -> Result<&'a str, InvalidRequest> {
    let Some(value) = value else {
        return Err(InvalidRequest::new(
            member,
            "a host label is required, but the member is not set",
        ));
    };
    let valid = value.split('.').all(|label| {
        (1..=63).contains(&label.len())
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    });
    if valid {
        Ok(value)
    } else {
        Err(InvalidRequest::new(
            member,
            format!("`{}` is not a valid host label", shown(value)),
        ))
    }
}

/// A response whose bytes could not be read as the protocol and model say they should be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidResponse {
    status: u16,
    message: String,
    checksum: Option<Box<ChecksumMismatch>>,
}

impl InvalidResponse {
    /// A response with HTTP `status` that could not be read, and why.
    pub fn new(status: u16, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
            checksum: None,
        }
    }

    /// A response with HTTP `status` whose body does not have the checksum its headers give.
    #[cold]
    pub fn checksum(status: u16, mismatch: ChecksumMismatch) -> Self {
        Self {
            status,
            message: mismatch.to_string(),
            checksum: Some(Box::new(mismatch)),
        }
    }

    /// The checksum mismatch, when that is what was wrong: the body is not the one the
    /// service sent (or says it sent).
    pub fn checksum_mismatch(&self) -> Option<&ChecksumMismatch> {
        self.checksum.as_deref()
    }

    /// The HTTP status of the response.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// What was wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for InvalidResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid response (HTTP status {}): {}",
            self.status, self.message
        )
    }
}

impl std::error::Error for InvalidResponse {}

/// A response body whose checksum is not the one its `x-amz-checksum-<algorithm>` header
/// gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChecksumMismatch {
    algorithm: &'static str,
    expected: String,
    computed: String,
}

impl ChecksumMismatch {
    /// The body's `algorithm` checksum is `computed` where the response said `expected`
    /// (both as the header writes them, base64).
    pub fn new(algorithm: &'static str, expected: String, computed: String) -> Self {
        Self {
            algorithm,
            expected,
            computed,
        }
    }

    /// The algorithm (`CRC32C`).
    pub fn algorithm(&self) -> &'static str {
        self.algorithm
    }

    /// The checksum the response's header gives.
    pub fn expected(&self) -> &str {
        &self.expected
    }

    /// The checksum of the body as received.
    pub fn computed(&self) -> &str {
        &self.computed
    }
}

impl fmt::Display for ChecksumMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} checksum mismatch: the response says {}, its body gives {}",
            self.algorithm, self.expected, self.computed
        )
    }
}

impl std::error::Error for ChecksumMismatch {}

/// Assembles a `POST` request to `path` with `Content-Type`, `Content-Length` and the given
/// headers. Header names (lowercase) and values are constants the generator checked, so they
/// are valid.
pub fn post_request(
    path: &'static str,
    headers: &[(&'static str, &'static str)],
    body: Vec<u8>,
) -> http::Request<Vec<u8>> {
    let length = body.len();
    let mut request = http::Request::new(body);
    *request.method_mut() = http::Method::POST;
    *request.uri_mut() = http::Uri::from_static(path);
    let map = request.headers_mut();
    map.reserve(headers.len() + 1);
    for (name, value) in headers {
        map.insert(
            http::HeaderName::from_static(name),
            http::HeaderValue::from_static(value),
        );
    }
    map.insert(
        http::header::CONTENT_LENGTH,
        http::HeaderValue::from(length),
    );
    request
}

/// The host prefix an operation's endpoint trait asks for, expanded (`data-`, `foo.bar.`):
/// `build_request` stores it in the request's extensions, and [`set_endpoint`] prepends it to
/// the endpoint's host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostPrefix(pub String);

/// An endpoint that [`set_endpoint`] cannot use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidEndpoint(String);

impl fmt::Display for InvalidEndpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid endpoint: {}", self.0)
    }
}

impl std::error::Error for InvalidEndpoint {}

/// Points a built request at `endpoint` (`https://elasticache.us-east-1.amazonaws.com`, maybe
/// with a path): the request's path is appended to the endpoint's path, the operation's
/// [`HostPrefix`] (if any) is prepended to the host, and the `host` header is set.
pub fn set_endpoint<B>(
    request: &mut http::Request<B>,
    endpoint: &str,
) -> Result<(), InvalidEndpoint> {
    let base: http::Uri = endpoint
        .parse()
        .map_err(|e| InvalidEndpoint(format!("`{endpoint}`: {e}")))?;
    let (Some(scheme), Some(authority)) = (base.scheme(), base.authority()) else {
        return Err(InvalidEndpoint(format!(
            "`{endpoint}` needs a scheme and a host"
        )));
    };
    let prefix = request
        .extensions()
        .get::<HostPrefix>()
        .map_or("", |p| p.0.as_str());
    let host = format!("{prefix}{authority}");
    let base_path = base.path().trim_end_matches('/');
    let request_path = request
        .uri()
        .path_and_query()
        .map_or("/", http::uri::PathAndQuery::as_str);
    let uri = format!("{scheme}://{host}{base_path}{request_path}");
    let uri: http::Uri = uri
        .parse()
        .map_err(|e| InvalidEndpoint(format!("`{uri}`: {e}")))?;
    let host_header = http::HeaderValue::from_str(&host)
        .map_err(|e| InvalidEndpoint(format!("host `{host}`: {e}")))?;
    *request.uri_mut() = uri;
    request
        .headers_mut()
        .insert(http::header::HOST, host_header);
    Ok(())
}

/// The message of a member given twice in one structure of a response (the readers' error for
/// it; quotes at most 64 characters of the name, which comes from the wire).
#[cold]
#[inline(never)]
pub fn duplicate_member_message(member: &str, structure: &str) -> String {
    format!("member `{}` given twice in `{structure}`", shown(member))
}

/// The message of a map key given twice in one map of a response.
#[cold]
#[inline(never)]
pub fn duplicate_key_message(key: &str, map: &str) -> String {
    format!("map key `{}` given twice in `{map}`", shown(key))
}

/// At most 64 characters of a name from the wire (it may be long).
fn shown(name: &str) -> String {
    let quoted: String = name.chars().take(64).collect();
    if quoted.len() < name.len() {
        format!("{quoted}…")
    } else {
        quoted
    }
}

// ---------------------------------------------------------------------------------------------
// Error envelopes of awsJson and rpc-v2-cbor (the same rules, read from JSON or CBOR bodies)

/// The request id of an awsJson or rpc-v2-cbor response: its `x-amzn-RequestId` header.
pub fn request_id(headers: &http::HeaderMap) -> Option<String> {
    headers
        .get(header::REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// An `awsQueryCompatible` service's error: the code its `x-amzn-query-error` header names
/// (`Code;Sender`: the awsQuery code, then the fault), when the header is there, replacing the
/// one read from the body; the fault becomes the error type.
pub fn query_compatible_error(
    meta: super::error::ErrorMetadata,
    headers: &http::HeaderMap,
) -> super::error::ErrorMetadata {
    let Some(value) = headers
        .get(header::QUERY_ERROR)
        .and_then(|v| v.to_str().ok())
    else {
        return meta;
    };
    let (code, fault) = match value.split_once(';') {
        Some((code, fault)) => (code.trim(), Some(fault.trim())),
        None => (value.trim(), None),
    };
    if code.is_empty() {
        return meta;
    }
    meta.with_code(code)
        .with_error_type(fault.filter(|f| !f.is_empty()).map(str::to_owned))
}

/// The error code as the protocols send it, reduced to the shape name: anything after a `:`
/// (a URL) and anything up to a `#` (a Smithy namespace) removed, surrounding whitespace
/// trimmed. `aws.protocoltests.restjson#FooError:http://internal.amazon.com/…` gives
/// `FooError`.
pub fn sanitize_error_code(code: &str) -> &str {
    // Byte scans: both separators are ASCII, so every cut is on a char boundary (and `str`'s
    // pattern searchers cost more than the short codes they would scan).
    let bytes = code.as_bytes();
    let end = bytes.iter().position(|&b| b == b':').unwrap_or(bytes.len());
    let start = bytes
        .get(..end)
        .and_then(|head| head.iter().rposition(|&b| b == b'#'))
        .map_or(0, |i| i + 1);
    code.get(start..end).unwrap_or_default().trim()
}

/// Why the `(code, message)` fields of an error body could not be read: a body the reader
/// cannot read (the `X-Amzn-ErrorType` header may still give the code), or an envelope key
/// given twice (always an error). `E` is the reader's error.
pub enum EnvelopeError<E> {
    /// The body is not a readable document.
    Unreadable(E),
    /// An envelope key is given twice.
    Duplicate(E),
}

/// The metadata of an awsJson or rpc-v2-cbor error response (HTTP `status`) from the
/// `(code, message)` its body gave: the body's code (sanitized) when not empty, else the
/// `X-Amzn-ErrorType` header's, else an empty code; the request id from `x-amzn-RequestId`.
/// `invalid` turns the reader's error into the response error.
pub fn envelope_metadata<E>(
    status: u16,
    headers: &http::HeaderMap,
    fields: Result<(Option<String>, Option<String>), EnvelopeError<E>>,
    invalid: impl FnOnce(E, u16) -> InvalidResponse,
) -> Result<super::error::ErrorMetadata, InvalidResponse> {
    let header_code = headers
        .get(header::ERROR_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(sanitize_error_code);
    let (body_code, message) = match fields {
        Ok(fields) => fields,
        // A key given twice is an error even when the header names the code.
        Err(EnvelopeError::Duplicate(e)) => return Err(invalid(e, status)),
        Err(EnvelopeError::Unreadable(e)) => match header_code {
            Some(_) => (None, None),
            None => return Err(invalid(e, status)),
        },
    };
    let code = body_code
        .as_deref()
        .map(sanitize_error_code)
        .filter(|c| !c.is_empty())
        .or(header_code)
        .unwrap_or_default();
    Ok(super::error::ErrorMetadata::new(code, status)
        .with_message(message)
        .with_request_id(request_id(headers)))
}

#[cfg(test)]
mod tests {
    use super::sanitize_error_code;

    /// The forms of the awsJson/restJson1 specifications' `__type` examples.
    #[test]
    fn sanitize_keeps_the_name_between_namespace_and_url() {
        let url = "http://internal.amazon.com/coral/com.amazon.coral.validate/";
        for (raw, code) in [
            ("FooError".to_owned(), "FooError"),
            (format!("FooError:{url}"), "FooError"),
            ("aws.protocoltests.restjson#FooError".to_owned(), "FooError"),
            (
                format!("aws.protocoltests.restjson#FooError:{url}"),
                "FooError",
            ),
            (" FooError ".to_owned(), "FooError"),
            ("a#b#C".to_owned(), "C"),
            (":Foo".to_owned(), ""),
            ("ns#".to_owned(), ""),
            (String::new(), ""),
            ("ns#Fée:x#y".to_owned(), "Fée"),
        ] {
            assert_eq!(sanitize_error_code(&raw), code, "{raw:?}");
        }
    }
}
