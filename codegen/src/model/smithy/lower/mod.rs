//! Lowering of a parsed Smithy JSON AST into the IR, with validation: the same IR the botocore
//! front end produces, with what botocore spells out derived from the Smithy model.
//!
//! - Shape ids stay as written (`com.amazonaws.elasticache#Tag`); naming uses
//!   [`ShapeId::name`], so the Rust names match a botocore model's.
//! - Prelude shapes (`smithy.api#String`, `smithy.api#Unit`, …) are synthesized when referenced.
//!   `Unit` as an operation input or output means "none".
//! - `apply` and mixins are resolved first ([`resolve`]); mixin shapes are not shapes of the IR.
//! - The service's protocol traits give [`Service::protocols`] in trait order; awsJson and RPC v2
//!   CBOR take their target prefix from the service shape name; awsQuery outputs get the result
//!   wrapper `<Operation>Result`.
//! - Error codes come from `aws.protocols#awsQueryError` when the service speaks awsQuery or
//!   ec2Query or is `awsQueryCompatible` (where botocore writes `error.code`), else they are the
//!   shape name.
//! - `xmlName` and `jsonName` are kept apart ([`WireNames`](crate::ir::WireNames)): the protocol
//!   chosen at emit time picks its name (XML protocols `xmlName`, restJson1 `jsonName`, awsJson
//!   and CBOR neither). The HTTP binding traits (`httpLabel`, `httpQuery`, `httpQueryParams`,
//!   `httpHeader`, `httpPrefixHeaders`, `httpPayload`, `httpResponseCode`) become the member's
//!   [`HttpLocation`](crate::ir::HttpLocation), `mediaType` its media type, and the `http` trait's
//!   URI a parsed [`UriTemplate`].
//! - The signing name is kept only when it differs from the endpoint prefix, as in botocore.
//! - Member order, enum value order and operation error order are the file's.
//!
//! Traits without a counterpart in the IR are ignored. Unknown shape types and event streams
//! become shapes with [`Shape::unsupported`] set, so the operations that do not reach them still
//! generate. All problems are collected (sorted, each naming its shape or member) before an
//! error is returned.

mod resolve;
mod shapes;
mod traits;

use std::collections::{BTreeMap, BTreeSet};

use serde::de::DeserializeOwned;

use super::{ShapeDef, SmithyModel, Traits};
use crate::error::{CodegenError, Location, Problem, Result};
use crate::ir::PaginatorSpec;
use crate::ir::waiters::WaiterSpec;
use crate::ir::{
    Deprecated, HttpBinding, HttpChecksum, Model, ModelFormat, Operation, Protocol, Service, Shape,
    ShapeId, UriTemplate,
};
use traits::id;

/// Lowers a Smithy JSON AST model read from `file` into the IR.
pub fn lower_smithy(file: &str, model: &SmithyModel) -> Result<Model> {
    let mut problems = Vec::new();
    let major = model.smithy.split('.').next().unwrap_or_default();
    if major != "1" && major != "2" {
        return Err(CodegenError::model(
            file,
            Location::Model,
            format!(
                "Smithy IDL version `{}` is not supported (1.0 and 2.0 are)",
                model.smithy
            ),
        ));
    }
    let resolved = resolve::resolve(model, &mut problems);
    let mut cx = Lowering {
        shapes: &resolved.shapes,
        mixins: &resolved.mixins,
        problems,
        flags: Flags::default(),
        prelude: BTreeSet::new(),
    };

    let services: Vec<(&String, &ShapeDef)> = resolved
        .shapes
        .iter()
        .filter(|(_, s)| s.type_ == "service")
        .collect();
    let (service_id, service_def) = match services.as_slice() {
        [one] => *one,
        [] => {
            return Err(CodegenError::model(
                file,
                Location::Model,
                "the model has no `service` shape",
            ));
        }
        many => {
            return Err(CodegenError::model(
                file,
                Location::Model,
                format!(
                    "the model has {} `service` shapes ({}); awsgen reads one service per file",
                    many.len(),
                    many.iter()
                        .map(|(id, _)| format!("`{id}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
    };
    let service = cx.service(service_id, service_def);

    let mut shapes = BTreeMap::new();
    for (id, def) in &resolved.shapes {
        if let Some(shape) = cx.shape(id, def) {
            shapes.insert(shape.id.clone(), shape);
        }
    }
    let service_paging: traits::PaginatedTrait = cx
        .read(&Location::Model, &service_def.traits, id::PAGINATED)
        .unwrap_or_default();
    let mut paginators = Vec::new();
    let mut waiters = Vec::new();
    let mut operations: Vec<Operation> = cx
        .bound_operations(service_id, service_def)
        .into_iter()
        .filter_map(|op_id| {
            let def = resolved.shapes.get(&op_id)?;
            let op = cx.operation(&op_id, def, service_def);
            let here = Location::Operation(op.name.clone());
            if let Some(p) = cx.read::<traits::PaginatedTrait>(&here, &def.traits, id::PAGINATED)
                && let Some(spec) = paginator(&op.name, &p, &service_paging)
            {
                paginators.push(spec);
            }
            if let Some(w) = cx.read::<indexmap::IndexMap<String, traits::WaiterTrait>>(
                &here,
                &def.traits,
                id::WAITABLE,
            ) {
                waiters.extend(w.into_iter().map(|(name, w)| waiter(&op.name, name, w)));
            }
            Some(op)
        })
        .collect();
    operations.sort_by(|a, b| a.name.cmp(&b.name));
    for pair in operations.windows(2) {
        if pair[0].name == pair[1].name {
            cx.problem(
                Location::Operation(pair[0].name.clone()),
                "two operations of the service have this name (in different namespaces)",
            );
        }
    }
    for id in std::mem::take(&mut cx.prelude) {
        if let Some(kind) = traits::prelude(&id) {
            let id = ShapeId::new(id);
            shapes
                .entry(id.clone())
                .or_insert_with(|| Shape::plain(id, kind));
        }
    }

    crate::ir::synthetic::add_shapes(&operations, &mut shapes);
    cx.problems
        .extend(crate::ir::context_path::check(&operations, &shapes));
    if cx.problems.is_empty() {
        let mut model = Model {
            source: file.to_owned(),
            format: ModelFormat::Smithy,
            service,
            operations,
            shapes,
        };
        crate::ir::attach_paginators(&mut model, file, &paginators)?;
        resolve_error_types(&model, &mut waiters);
        crate::ir::attach_waiters(&mut model, file, waiters)?;
        Ok(model)
    } else {
        let mut problems = cx.problems;
        problems.sort();
        problems.dedup();
        Err(CodegenError::Model {
            file: file.to_owned(),
            problems,
        })
    }
}

/// The paginator of operation `operation`: its `paginated` trait merged over the service's
/// defaults; `None` without both tokens (a paginated trait may only name the page size).
fn paginator(
    operation: &str,
    op: &traits::PaginatedTrait,
    service: &traits::PaginatedTrait,
) -> Option<PaginatorSpec> {
    let pick = |a: &Option<String>, b: &Option<String>| a.clone().or_else(|| b.clone());
    Some(PaginatorSpec {
        operation: operation.to_owned(),
        input_tokens: vec![pick(&op.input_token, &service.input_token)?],
        output_tokens: vec![pick(&op.output_token, &service.output_token)?],
        limit_key: pick(&op.page_size, &service.page_size),
        result_keys: pick(&op.items, &service.items).into_iter().collect(),
        more_results: None,
    })
}

/// The front-end-neutral form of the waiter `name` of `operation`. Its documentation is
/// CommonMark; the IR keeps waiter docs as plain text, which it already is in AWS models.
fn waiter(operation: &str, name: String, w: traits::WaiterTrait) -> WaiterSpec {
    use crate::ir::waiters::{
        AcceptorSpec, AcceptorState, Comparator, DEFAULT_MAX_DELAY, DEFAULT_MIN_DELAY, Expected,
        MatcherSpec,
    };
    let acceptors = w
        .acceptors
        .into_iter()
        .map(|a| {
            let state = match a.state.as_str() {
                "success" => Some(AcceptorState::Success),
                "failure" => Some(AcceptorState::Failure),
                "retry" => Some(AcceptorState::Retry),
                _ => None,
            };
            let matcher = match (state, a.matcher.iter().next()) {
                (None, _) => MatcherSpec::Unsupported(format!("unknown state `{}`", a.state)),
                (_, Some((kind, value))) if a.matcher.len() == 1 => match kind.as_str() {
                    "success" => match value.as_bool() {
                        Some(b) => MatcherSpec::Success(b),
                        None => MatcherSpec::Unsupported(format!("success matcher `{value}`")),
                    },
                    "errorType" => match value.as_str() {
                        Some(code) => MatcherSpec::ErrorCode(code.to_owned()),
                        None => MatcherSpec::Unsupported(format!("errorType matcher `{value}`")),
                    },
                    "output" => {
                        let path = value["path"].as_str().unwrap_or_default().to_owned();
                        let expected = value["expected"].as_str().unwrap_or_default();
                        match value["comparator"].as_str() {
                            Some("stringEquals") => MatcherSpec::Output {
                                path,
                                comparator: Comparator::Equals,
                                expected: Expected::String(expected.to_owned()),
                            },
                            Some("allStringEquals") => MatcherSpec::Output {
                                path,
                                comparator: Comparator::All,
                                expected: Expected::String(expected.to_owned()),
                            },
                            Some("anyStringEquals") => MatcherSpec::Output {
                                path,
                                comparator: Comparator::Any,
                                expected: Expected::String(expected.to_owned()),
                            },
                            Some("booleanEquals") if matches!(expected, "true" | "false") => {
                                MatcherSpec::Output {
                                    path,
                                    comparator: Comparator::Equals,
                                    expected: Expected::Boolean(expected == "true"),
                                }
                            }
                            other => MatcherSpec::Unsupported(format!(
                                "output comparator {other:?} expecting `{expected}`"
                            )),
                        }
                    }
                    "inputOutput" => MatcherSpec::Unsupported(
                        "`inputOutput` matchers (paths over the input too) are not supported"
                            .to_owned(),
                    ),
                    other => MatcherSpec::Unsupported(format!("matcher `{other}`")),
                },
                _ => MatcherSpec::Unsupported("a matcher must have exactly one member".to_owned()),
            };
            AcceptorSpec {
                state: state.unwrap_or(AcceptorState::Retry),
                matcher,
            }
        })
        .collect();
    let min_delay = w.min_delay.unwrap_or(DEFAULT_MIN_DELAY);
    WaiterSpec {
        name,
        operation: operation.to_owned(),
        docs: w.documentation,
        min_delay,
        max_delay: w.max_delay.unwrap_or(DEFAULT_MAX_DELAY.max(min_delay)),
        deprecated: w.deprecated,
        acceptors,
    }
}

/// Smithy's `errorType` names an error shape (`FooFault`, or its absolute id), where botocore
/// writes the code on the wire: an `errorType` naming one of the operation's errors becomes
/// that error's code (`awsQueryError` and the like).
fn resolve_error_types(model: &Model, waiters: &mut [WaiterSpec]) {
    use crate::ir::waiters::MatcherSpec;
    for w in waiters {
        let Some(op) = model.operations.iter().find(|o| o.name == w.operation) else {
            continue;
        };
        for a in &mut w.acceptors {
            let MatcherSpec::ErrorCode(code) = &mut a.matcher else {
                continue;
            };
            let found = op.errors.iter().find(|e| {
                e.as_str() == code.as_str() || e.as_str().rsplit('#').next() == Some(code.as_str())
            });
            if let Some(info) = found.and_then(|e| model.shape(e).error.as_ref()) {
                *code = info.code.clone();
            }
        }
    }
}

/// Service-wide facts that change how shapes are lowered.
#[derive(Clone, Copy, Debug, Default)]
struct Flags {
    /// Error codes come from `awsQueryError`.
    query_error_codes: bool,
    /// Outputs are wrapped in `<Operation>Result`.
    result_wrapper: bool,
}

struct Lowering<'a> {
    shapes: &'a indexmap::IndexMap<String, ShapeDef>,
    mixins: &'a [String],
    problems: Vec<Problem>,
    flags: Flags,
    /// Prelude shapes referenced so far, to synthesize.
    prelude: BTreeSet<String>,
}

impl Lowering<'_> {
    fn problem(&mut self, location: Location, message: impl Into<String>) {
        self.problems.push(Problem::new(location, message));
    }

    /// Reads trait `trait_id` as `T`; a malformed value is reported and read as absent.
    fn read<T: DeserializeOwned>(
        &mut self,
        at: &Location,
        traits: &Traits,
        trait_id: &str,
    ) -> Option<T> {
        let value = traits.get(trait_id)?;
        match T::deserialize(value) {
            Ok(v) => Some(v),
            Err(e) => {
                self.problem(at.clone(), format!("trait `{trait_id}` is malformed: {e}"));
                None
            }
        }
    }

    fn string_trait(&mut self, at: &Location, traits: &Traits, trait_id: &str) -> Option<String> {
        self.read(at, traits, trait_id)
    }

    fn deprecation(&mut self, at: &Location, traits: &Traits) -> Option<Deprecated> {
        self.read::<traits::DeprecatedTrait>(at, traits, id::DEPRECATED)
            .map(|d| Deprecated {
                message: d.message,
                since: d.since,
            })
    }

    fn service(&mut self, service_id: &str, def: &ShapeDef) -> Service {
        let at = Location::Shape(service_id.to_owned());
        let t = &def.traits;
        let mut protocols = Vec::new();
        let mut json_version = None;
        for trait_id in t.keys() {
            let protocol = match trait_id.as_str() {
                "aws.protocols#awsJson1_0" | "aws.protocols#awsJson1_1" => {
                    json_version.get_or_insert(if trait_id.ends_with("1_0") {
                        "1.0"
                    } else {
                        "1.1"
                    });
                    Protocol::Json
                }
                "aws.protocols#restJson1" => Protocol::RestJson,
                "aws.protocols#restXml" => Protocol::RestXml,
                "smithy.protocols#rpcv2Cbor" => Protocol::RpcV2Cbor,
                "aws.protocols#awsQuery" => Protocol::Query,
                "aws.protocols#ec2Query" => Protocol::Ec2,
                _ => continue,
            };
            if !protocols.contains(&protocol) {
                protocols.push(protocol);
            }
        }
        if protocols.is_empty() {
            self.problem(
                at.clone(),
                "the service has no known protocol trait (awsJson1_0, awsJson1_1, restJson1, \
                 restXml, rpcv2Cbor, awsQuery, ec2Query)",
            );
        }
        let speaks = |p: Protocol| protocols.contains(&p);
        self.flags = Flags {
            query_error_codes: speaks(Protocol::Query)
                || speaks(Protocol::Ec2)
                || t.contains_key(id::QUERY_COMPATIBLE),
            result_wrapper: speaks(Protocol::Query),
        };
        // Only the query protocols put the API version on the wire.
        let api_version = def.version.clone().unwrap_or_else(|| {
            if speaks(Protocol::Query) || speaks(Protocol::Ec2) {
                self.problem(at.clone(), "the service shape has no `version`");
            }
            String::new()
        });
        let aws: traits::AwsServiceTrait = self.read(&at, t, id::AWS_SERVICE).unwrap_or_default();
        let sigv4: Option<traits::Sigv4Trait> = self.read(&at, t, id::SIGV4);
        let target_prefix = (speaks(Protocol::Json) || speaks(Protocol::RpcV2Cbor))
            .then(|| ShapeId::new(service_id).name().to_owned());
        let xml_namespace = self
            .read::<traits::XmlNamespaceTrait>(&at, t, id::XML_NAMESPACE)
            .map(|ns| ns.uri);
        let endpoint_rules = t.get("smithy.rules#endpointRuleSet").and_then(|json| {
            let name = aws.sdk_id.as_deref().unwrap_or(service_id);
            crate::endpoints::lower(name, json)
                .map_err(|e| self.problem(at.clone(), e.to_string()))
                .ok()
        });
        Service {
            left_out: Vec::new(),
            api_version,
            json_version: json_version.map(str::to_owned),
            query_compatible: t.contains_key(id::QUERY_COMPATIBLE),
            target_prefix,
            signing_name: sigv4
                .as_ref()
                .map(|s| s.name.clone())
                .filter(|name| Some(name) != aws.endpoint_prefix.as_ref()),
            signature_version: sigv4.map(|_| "v4".to_owned()),
            endpoint_prefix: aws.endpoint_prefix,
            service_id: aws.sdk_id,
            full_name: self.string_trait(&at, t, id::TITLE),
            abbreviation: None,
            uid: None,
            xml_namespace,
            docs: self.string_trait(&at, t, id::DOCUMENTATION),
            protocols,
            endpoint_rules,
        }
    }

    /// The operations of the service: its own, then those of its resources (recursively), each
    /// once, in that order.
    fn bound_operations(&mut self, service_id: &str, service: &ShapeDef) -> Vec<String> {
        let mut operations = Vec::new();
        let mut seen_resources = BTreeSet::new();
        let mut stack = vec![(service_id.to_owned(), service)];
        while let Some((holder, def)) = stack.pop() {
            for r in def.bound_operations() {
                match self.shapes.get(&r.target) {
                    Some(op) if op.type_ == "operation" => {
                        if !operations.contains(&r.target) {
                            operations.push(r.target.clone());
                        }
                    }
                    _ => self.problem(
                        Location::Shape(holder.clone()),
                        format!("binds `{}`, which is not an operation shape", r.target),
                    ),
                }
            }
            for r in def.resources.iter().rev() {
                match self.shapes.get(&r.target) {
                    Some(res) if res.type_ == "resource" => {
                        if seen_resources.insert(r.target.clone()) {
                            stack.push((r.target.clone(), res));
                        }
                    }
                    _ => self.problem(
                        Location::Shape(holder.clone()),
                        format!("binds `{}`, which is not a resource shape", r.target),
                    ),
                }
            }
        }
        operations
    }

    fn operation(&mut self, op_id: &str, def: &ShapeDef, service: &ShapeDef) -> Operation {
        let name = ShapeId::new(op_id).name().to_owned();
        let here = Location::Operation(name.clone());
        let input = def
            .input
            .as_ref()
            .and_then(|r| self.io_reference(&here, "input", &r.target));
        let output = def
            .output
            .as_ref()
            .and_then(|r| self.io_reference(&here, "output", &r.target));
        let mut errors: Vec<ShapeId> = Vec::new();
        // Service errors apply to every operation, after the operation's own.
        for r in def.errors.iter().chain(&service.errors) {
            if errors.iter().any(|e| e.as_str() == r.target) {
                continue;
            }
            match self.shapes.get(&r.target) {
                Some(s) if s.type_ == "structure" && s.traits.contains_key(id::ERROR) => {
                    errors.push(ShapeId::new(&r.target));
                }
                Some(s) => self.problem(
                    here.clone(),
                    format!(
                        "error `{}` must be a structure with the `{}` trait, not a `{}`{}",
                        r.target,
                        id::ERROR,
                        s.type_,
                        if s.type_ == "structure" {
                            " without it"
                        } else {
                            ""
                        }
                    ),
                ),
                None => self.problem(
                    here.clone(),
                    format!("error targets missing shape `{}`", r.target),
                ),
            }
        }
        let t = &def.traits;
        let http = self.read::<traits::HttpTrait>(&here, t, id::HTTP);
        if let Some(h) = &http
            && !crate::ir::METHODS.contains(&h.method.to_ascii_uppercase().as_str())
        {
            self.problem(here.clone(), format!("unknown HTTP method `{}`", h.method));
        }
        if let Some(Ok(uri)) = http.as_ref().map(|h| UriTemplate::parse(&h.uri)) {
            // Every label must name an `httpLabel` member of the input.
            let members = input
                .as_ref()
                .and_then(|i| self.shapes.get(i.as_str()))
                .and_then(|s| s.members.as_ref());
            for (label, _) in uri.labels() {
                let bound = members
                    .and_then(|m| m.get(label))
                    .is_some_and(|m| m.traits.contains_key(id::HTTP_LABEL));
                if !bound {
                    self.problem(
                        here.clone(),
                        format!("request URI label `{{{label}}}` names no `httpLabel` member of the input"),
                    );
                }
            }
        }
        let host_prefix = self
            .read::<traits::EndpointTrait>(&here, t, id::ENDPOINT)
            .map(|e| e.host_prefix);
        if let Some(template) = &host_prefix {
            // Every `{Label}` must name a string member of the input.
            let members = input
                .as_ref()
                .and_then(|i| self.shapes.get(i.as_str()))
                .and_then(|s| s.members.as_ref());
            for label in crate::ir::host_prefix_labels(template) {
                let target = members
                    .and_then(|m| m.get(label))
                    .map(|m| m.target.as_str());
                let is_string = target.is_some_and(|t| {
                    t == "smithy.api#String"
                        || self.shapes.get(t).is_some_and(|s| s.type_ == "string")
                });
                if !is_string {
                    self.problem(
                        here.clone(),
                        format!(
                            "host prefix `{template}`: `{{{label}}}` names no string member of the input"
                        ),
                    );
                }
            }
        }
        let http_checksum = self
            .read::<traits::HttpChecksumTrait>(&here, t, id::HTTP_CHECKSUM)
            .map(|c| HttpChecksum {
                request_algorithm_member: c.request_algorithm_member,
                request_checksum_required: c.request_checksum_required,
                request_validation_mode_member: c.request_validation_mode_member,
                response_algorithms: c.response_algorithms,
            });
        if let Some(checksum) = &http_checksum {
            // `build_request` reads the one member and sets the other.
            let members = input
                .as_ref()
                .and_then(|i| self.shapes.get(i.as_str()))
                .and_then(|s| s.members.as_ref());
            let named = [
                ("requestAlgorithmMember", &checksum.request_algorithm_member),
                (
                    "requestValidationModeMember",
                    &checksum.request_validation_mode_member,
                ),
            ];
            for (key, member) in named {
                if let Some(member) = member
                    && members.is_none_or(|m| !m.contains_key(member))
                {
                    self.problem(
                        here.clone(),
                        format!("httpChecksum `{key}`: `{member}` is no member of the input"),
                    );
                }
            }
        }
        let mut endpoint_params = Vec::new();
        let object = |id: &str| t.get(id).and_then(serde_json::Value::as_object);
        for (param, v) in object("smithy.rules#staticContextParams")
            .into_iter()
            .flatten()
        {
            if let Some(value) = v.get("value") {
                endpoint_params.push(crate::ir::EndpointParam {
                    name: param.clone(),
                    source: crate::ir::EndpointParamSource::Static(value.clone()),
                });
            }
        }
        for (param, v) in object("smithy.rules#operationContextParams")
            .into_iter()
            .flatten()
        {
            if let Some(path) = v.get("path").and_then(serde_json::Value::as_str) {
                match crate::ir::context_path::parse(path) {
                    Ok(path) => endpoint_params.push(crate::ir::EndpointParam {
                        name: param.clone(),
                        source: crate::ir::EndpointParamSource::Path(path),
                    }),
                    Err(why) => self.problems.push(crate::error::Problem::new(
                        here.clone(),
                        format!("operationContextParams `{param}`: {why}"),
                    )),
                }
            }
        }
        let input_members = def
            .input
            .as_ref()
            .and_then(|r| self.shapes.get(&r.target))
            .and_then(|s| s.members.as_ref());
        for (member, m) in input_members.into_iter().flatten() {
            let name = m
                .traits
                .get("smithy.rules#contextParam")
                .and_then(|c| c.get("name"))
                .and_then(serde_json::Value::as_str);
            if let Some(name) = name {
                endpoint_params.push(crate::ir::EndpointParam {
                    name: name.to_owned(),
                    source: crate::ir::EndpointParamSource::Member(member.clone()),
                });
            }
        }
        endpoint_params.sort_by(|a, b| a.name.cmp(&b.name));
        Operation {
            endpoint_params,
            result_wrapper: (self.flags.result_wrapper && output.is_some())
                .then(|| format!("{name}Result")),
            // Smithy names the request document after the input shape (its `xmlName` is kept
            // on the shape's member references, not here).
            input_xml_name: None,
            input_xml_namespace: None,
            input: crate::ir::synthetic::io_or_synthetic(&name, "Input", input),
            output: crate::ir::synthetic::io_or_synthetic(&name, "Output", output),
            errors,
            docs: self.string_trait(&here, t, id::DOCUMENTATION),
            deprecated: self.deprecation(&here, t),
            http: match http {
                Some(h) => HttpBinding {
                    uri: match UriTemplate::parse(&h.uri) {
                        Ok(uri) => uri,
                        Err(why) => {
                            self.problem(here.clone(), why);
                            UriTemplate::default()
                        }
                    },
                    method: h.method.to_ascii_uppercase(),
                    request_uri: h.uri,
                    response_code: h.code.unwrap_or(200),
                },
                None => HttpBinding::default(),
            },
            idempotent: t.contains_key(id::IDEMPOTENT),
            host_prefix,
            checksum_required: t.contains_key(id::HTTP_CHECKSUM_REQUIRED)
                || http_checksum
                    .as_ref()
                    .is_some_and(|c| c.request_checksum_required),
            http_checksum,
            unsigned: t
                .get(id::AUTH)
                .and_then(|v| v.as_array())
                .is_some_and(|a| a.is_empty()),
            request_compression: self
                .read::<traits::RequestCompressionTrait>(&here, t, id::REQUEST_COMPRESSION)
                .map(|c| c.encodings)
                .unwrap_or_default(),
            // Filled from the `paginated` traits once every operation is lowered.
            paginator: None,
            waiters: Vec::new(),
            left_out_waiters: Vec::new(),
            examples: self
                .read::<Vec<traits::ExampleTrait>>(&here, t, id::EXAMPLES)
                .unwrap_or_default()
                .into_iter()
                .map(|e| crate::ir::Example {
                    title: e.title,
                    description: e.documentation,
                    input: e.input.as_ref().map(crate::model::examples::value),
                    output: e.output.as_ref().map(crate::model::examples::value),
                })
                .collect(),
            name,
        }
    }

    /// An operation input or output: a structure, or `Unit` for none.
    fn io_reference(&mut self, here: &Location, what: &str, target: &str) -> Option<ShapeId> {
        if target == traits::UNIT {
            return None;
        }
        match self.shapes.get(target) {
            Some(s) if s.type_ == "structure" => Some(ShapeId::new(target)),
            Some(s) => {
                self.problem(
                    here.clone(),
                    format!("{what} `{target}` must be a structure, not `{}`", s.type_),
                );
                None
            }
            None => {
                self.problem(
                    here.clone(),
                    format!("{what} targets missing shape `{target}`"),
                );
                None
            }
        }
    }
}

/// Whether a shape type is a shape of the IR (not a service, operation, resource or `apply`).
fn is_data_shape(type_name: &str) -> bool {
    !matches!(type_name, "service" | "operation" | "resource" | "apply")
}
