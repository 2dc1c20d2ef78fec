//! Lowering of a parsed botocore `service-2.json` into the IR, with validation. All problems are
//! collected (sorted, each naming its shape or member) before an error is returned.

use std::collections::BTreeMap;

use super::{ServiceModel, ShapeDef, ShapeRef, XmlNamespaceDef};
use crate::error::{CodegenError, Location, Problem, Result};
use crate::ir::{
    Constraints, Deprecated, EndpointParam, EndpointParamSource, Enum, EnumValue, ErrorInfo,
    EventBinding, EventStream, HttpBinding, HttpChecksum, HttpLocation, List, Map, Member, Model,
    ModelFormat, Operation, Protocol, Scalar, Service, Shape, ShapeId, ShapeKind, Structure,
    TimestampFormat, UriTemplate, WireNames, XmlNamespace,
};

/// Lowers a botocore model read from `file` into the IR.
pub fn lower_botocore(file: &str, model: &ServiceModel) -> Result<Model> {
    let mut cx = Lowering {
        model,
        problems: Vec::new(),
    };
    let service = cx.service();
    let mut shapes = BTreeMap::new();
    for (name, def) in &model.shapes {
        if let Some(shape) = cx.shape(name, def) {
            shapes.insert(shape.id.clone(), shape);
        }
    }
    let mut operations: Vec<Operation> = model
        .operations
        .iter()
        .map(|(name, def)| cx.operation(name, def))
        .collect();
    operations.sort_by(|a, b| a.name.cmp(&b.name));
    // An operation's input or output reference may name the payload member (older models);
    // botocore merges reference keys into the target, so the member is the payload.
    for def in model.operations.values() {
        for r in [&def.input, &def.output].into_iter().flatten() {
            let Some(payload) = &r.payload else { continue };
            if let Some(ShapeKind::Structure(st)) = shapes
                .get_mut(&ShapeId::new(&r.shape))
                .map(|s: &mut Shape| &mut s.kind)
            {
                match st.members.iter_mut().find(|m| &m.name == payload) {
                    Some(m) => m.http = HttpLocation::Payload,
                    None => cx.problem(
                        Location::Shape(r.shape.clone()),
                        format!("`payload` names `{payload}`, which is not a member"),
                    ),
                }
            }
        }
    }

    mark_streaming(model, &mut shapes);
    crate::ir::synthetic::add_shapes(&operations, &mut shapes);
    cx.problems
        .extend(crate::ir::context_path::check(&operations, &shapes));
    if cx.problems.is_empty() {
        Ok(Model {
            source: file.to_owned(),
            format: ModelFormat::Botocore,
            service,
            operations,
            shapes,
        })
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

struct Lowering<'a> {
    model: &'a ServiceModel,
    problems: Vec<Problem>,
}

impl Lowering<'_> {
    fn problem(&mut self, location: Location, message: impl Into<String>) {
        self.problems.push(Problem::new(location, message));
    }

    fn service(&mut self) -> Service {
        let meta = &self.model.metadata;
        let names: Vec<String> = match (&meta.protocols, &meta.protocol) {
            (Some(list), _) if !list.is_empty() => list.clone(),
            (_, Some(one)) => vec![one.clone()],
            _ => Vec::new(),
        };
        let protocols: Vec<Protocol> = names
            .iter()
            .filter_map(|n| Protocol::from_botocore(n))
            .collect();
        if protocols.is_empty() {
            let message = if names.is_empty() {
                "metadata names no protocol (`protocols` or `protocol`)".to_owned()
            } else {
                format!(
                    "metadata names no known protocol: {} (known: json, rest-json, rest-xml, smithy-rpc-v2-cbor, query, ec2)",
                    names
                        .iter()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            self.problem(Location::Model, message);
        }
        // Only the query protocols put the API version on the wire.
        let needs_version = protocols
            .iter()
            .any(|p| matches!(p, Protocol::Query | Protocol::Ec2));
        let api_version = meta.api_version.clone().unwrap_or_else(|| {
            if needs_version {
                self.problem(Location::Model, "metadata has no `apiVersion`");
            }
            String::new()
        });
        Service {
            left_out: Vec::new(),
            api_version,
            protocols,
            json_version: meta.json_version.clone(),
            query_compatible: meta.aws_query_compatible.is_some(),
            target_prefix: meta.target_prefix.clone(),
            endpoint_prefix: meta.endpoint_prefix.clone(),
            signing_name: meta.signing_name.clone(),
            signature_version: meta.signature_version.clone(),
            service_id: meta.service_id.clone(),
            full_name: meta.service_full_name.clone(),
            abbreviation: meta.service_abbreviation.clone(),
            uid: meta.uid.clone(),
            xml_namespace: meta.xml_namespace.clone(),
            docs: self.model.documentation.clone(),
            endpoint_rules: None,
        }
    }

    fn shape(&mut self, name: &str, def: &ShapeDef) -> Option<Shape> {
        let here = || Location::Shape(name.to_owned());
        let kind = match def.type_.as_str() {
            "structure" => {
                let structure = self.structure(name, def);
                if def.document {
                    ShapeKind::Document
                } else if def.union || def.eventstream {
                    ShapeKind::Union(structure)
                } else {
                    ShapeKind::Structure(structure)
                }
            }
            "list" => match &def.member {
                Some(member) => ShapeKind::List(List {
                    member: self.member(name, "member", member, false)?,
                }),
                None => {
                    self.problem(here(), "list shape has no `member`");
                    return None;
                }
            },
            "map" => match (&def.key, &def.value) {
                (Some(key), Some(value)) => {
                    let key = self.member(name, "key", key, false)?;
                    let value = self.member(name, "value", value, false)?;
                    self.check_map_key(name, &key);
                    ShapeKind::Map(Map { key, value })
                }
                _ => {
                    self.problem(here(), "map shape needs both `key` and `value`");
                    return None;
                }
            },
            "string" | "character" => match &def.enum_ {
                // A value listed twice is one value: keep its first occurrence.
                Some(values) => ShapeKind::Enum(Enum {
                    values: values
                        .iter()
                        .enumerate()
                        .filter(|(i, v)| !values[..*i].contains(v))
                        .map(|(_, v)| EnumValue {
                            value: v.clone(),
                            name: None,
                            docs: None,
                        })
                        .collect(),
                }),
                None => ShapeKind::Scalar(Scalar::String),
            },
            other => match scalar(other) {
                Some(scalar) => ShapeKind::Scalar(scalar),
                None => {
                    self.problem(here(), format!("unknown shape type `{other}`"));
                    return None;
                }
            },
        };
        let is_struct = matches!(kind, ShapeKind::Structure(_));
        let streaming = def.streaming && matches!(kind, ShapeKind::Scalar(Scalar::Blob));
        let error = (def.exception || def.error.is_some()).then(|| {
            let error = def.error.as_ref();
            ErrorInfo {
                code: error
                    .and_then(|e| e.code.clone())
                    .unwrap_or_else(|| name.to_owned()),
                http_status: error.and_then(|e| e.http_status_code),
                sender_fault: error.and_then(|e| e.sender_fault).unwrap_or(!def.fault),
            }
        });
        if error.is_some() && !is_struct {
            self.problem(
                here(),
                "only structures can be errors (`exception`/`error`)",
            );
        }
        Some(Shape {
            id: ShapeId::new(name),
            kind,
            docs: def.documentation.clone(),
            deprecated: deprecation(def.deprecated, &def.deprecated_message),
            sensitive: def.sensitive,
            error,
            unsupported: None,
            event_stream: def.eventstream.then(EventStream::default),
            streaming,
            constraints: Constraints {
                min: def.min.as_ref().map(ToString::to_string),
                max: def.max.as_ref().map(ToString::to_string),
                pattern: def.pattern.clone(),
            },
            xml_name: def.location_name.clone(),
            xml_namespace: def.xml_namespace.as_ref().map(xml_namespace),
        })
    }

    fn structure(&mut self, name: &str, def: &ShapeDef) -> Structure {
        let empty = indexmap::IndexMap::new();
        let members = def.members.as_ref().unwrap_or(&empty);
        for required in &def.required {
            if !members.contains_key(required) {
                self.problem(
                    Location::Shape(name.to_owned()),
                    format!("`required` names `{required}`, which is not a member"),
                );
            }
        }
        if let Some(payload) = &def.payload
            && !members.contains_key(payload)
        {
            self.problem(
                Location::Shape(name.to_owned()),
                format!("`payload` names `{payload}`, which is not a member"),
            );
        }
        Structure {
            members: members
                .iter()
                .filter_map(|(member, r)| {
                    let mut m = self.member(name, member, r, def.required.contains(member))?;
                    if def.payload.as_deref() == Some(member.as_str()) {
                        m.http = HttpLocation::Payload;
                    }
                    Some(m)
                })
                .collect(),
        }
    }

    /// Lowers a reference, merging the target shape's serialization keys under the
    /// reference's own, as botocore's `ShapeResolver` does.
    fn member(&mut self, holder: &str, name: &str, r: &ShapeRef, required: bool) -> Option<Member> {
        let here = || Location::Member {
            shape: holder.to_owned(),
            member: name.to_owned(),
        };
        let Some(target) = self.model.shapes.get(&r.shape) else {
            self.problem(here(), format!("targets missing shape `{}`", r.shape));
            return None;
        };
        let timestamp_format = match r
            .timestamp_format
            .as_deref()
            .or(target.timestamp_format.as_deref())
        {
            None => None,
            Some(f) => match timestamp_format(f) {
                Some(f) => Some(f),
                None => {
                    self.problem(here(), format!("unknown timestampFormat `{f}`"));
                    None
                }
            },
        };
        let location_name = r
            .location_name
            .clone()
            .or_else(|| target.location_name.clone());
        let http = match r.location.as_deref().or(target.location.as_deref()) {
            None => HttpLocation::Body,
            Some("uri") => HttpLocation::Label,
            Some("querystring") if target.type_ == "map" => HttpLocation::QueryParams,
            Some("querystring") => {
                HttpLocation::Query(location_name.clone().unwrap_or_else(|| name.to_owned()))
            }
            Some("header") => {
                HttpLocation::Header(location_name.clone().unwrap_or_else(|| name.to_owned()))
            }
            Some("headers") => {
                HttpLocation::PrefixHeaders(location_name.clone().unwrap_or_default())
            }
            Some("statusCode") => HttpLocation::StatusCode,
            Some(other) => {
                self.problem(
                    here(),
                    format!(
                        "unknown location `{other}` (known: uri, querystring, header, headers, statusCode)"
                    ),
                );
                HttpLocation::Body
            }
        };
        Some(Member {
            name: name.to_owned(),
            target: ShapeId::new(&r.shape),
            docs: r.documentation.clone(),
            required,
            deprecated: deprecation(r.deprecated, &r.deprecated_message),
            sensitive: r.sensitive.unwrap_or(target.sensitive),
            boxed: false,
            idempotency_token: r.idempotency_token,
            timestamp_format,
            wire: WireNames {
                location_name_from_target: r.location_name.is_none()
                    && target.location_name.is_some(),
                location_name,
                json_name: None,
                xml_name: None,
                query_name: r.query_name.clone(),
                flattened: r.flattened.or(target.flattened).unwrap_or(false),
                xml_namespace: r
                    .xml_namespace
                    .as_ref()
                    .or(target.xml_namespace.as_ref())
                    .map(xml_namespace),
                xml_attribute: r.xml_attribute.unwrap_or(false),
            },
            http,
            media_type: (r.jsonvalue || target.jsonvalue).then(|| "application/json".to_owned()),
            default: None,
            event: if r.eventheader {
                Some(EventBinding::Header)
            } else if r.eventpayload {
                Some(EventBinding::Payload)
            } else {
                None
            },
            lenient: false,
        })
    }

    fn check_map_key(&mut self, holder: &str, key: &Member) {
        if let Some(target) = self.model.shapes.get(key.target.as_str())
            && !matches!(target.type_.as_str(), "string" | "character")
        {
            self.problem(
                Location::Member {
                    shape: holder.to_owned(),
                    member: "key".to_owned(),
                },
                format!("map keys must be strings, not `{}`", target.type_),
            );
        }
    }

    fn operation(&mut self, name: &str, def: &super::OperationDef) -> Operation {
        let here = || Location::Operation(name.to_owned());
        let mut reference = |what: &str, r: &ShapeRef| -> Option<ShapeId> {
            match self.model.shapes.get(&r.shape) {
                Some(s) if s.type_ == "structure" => Some(ShapeId::new(&r.shape)),
                Some(s) => {
                    self.problems.push(Problem::new(
                        here(),
                        format!(
                            "{what} `{}` must be a structure, not `{}`",
                            r.shape, s.type_
                        ),
                    ));
                    None
                }
                None => {
                    self.problems.push(Problem::new(
                        here(),
                        format!("{what} targets missing shape `{}`", r.shape),
                    ));
                    None
                }
            }
        };
        let input = def.input.as_ref().and_then(|r| reference("input", r));
        let output = def.output.as_ref().and_then(|r| reference("output", r));
        // A model may list the same error twice (Timestream Write's
        // `InvalidEndpointException`, RAM's): botocore reads a list; one variant each.
        let mut errors: Vec<ShapeId> = Vec::new();
        for e in def.errors.iter().filter_map(|r| reference("error", r)) {
            if !errors.contains(&e) {
                errors.push(e);
            }
        }
        let http = def.http.as_ref();
        let request_uri = http
            .and_then(|h| h.request_uri.clone())
            .unwrap_or_else(|| "/".to_owned());
        let uri = match UriTemplate::parse(&request_uri) {
            Ok(uri) => uri,
            Err(why) => {
                self.problems.push(Problem::new(here(), why));
                UriTemplate::default()
            }
        };
        self.check_labels(name, &uri, input.as_ref());
        let method = http
            .and_then(|h| h.method.clone())
            .unwrap_or_else(|| "POST".to_owned());
        if !crate::ir::METHODS.contains(&method.as_str()) {
            self.problems.push(Problem::new(
                here(),
                format!(
                    "unknown HTTP method `{method}` (known: {})",
                    crate::ir::METHODS.join(", ")
                ),
            ));
        }
        let host_prefix = def.endpoint.as_ref().and_then(|e| e.host_prefix.clone());
        if let Some(template) = &host_prefix {
            self.check_host_labels(name, template, input.as_ref());
        }
        let http_checksum = def.http_checksum.as_ref().map(|c| HttpChecksum {
            request_algorithm_member: c.request_algorithm_member.clone(),
            request_checksum_required: c.request_checksum_required,
            request_validation_mode_member: c.request_validation_mode_member.clone(),
            response_algorithms: c.response_algorithms.clone(),
        });
        if let Some(checksum) = &http_checksum {
            self.check_checksum_members(name, checksum, input.as_ref());
        }
        let mut endpoint_params = Vec::new();
        for (param, s) in def.static_context_params.iter().flatten() {
            endpoint_params.push(EndpointParam {
                name: param.clone(),
                source: EndpointParamSource::Static(s.value.clone()),
            });
        }
        for (param, p) in def.operation_context_params.iter().flatten() {
            match crate::ir::context_path::parse(&p.path) {
                Ok(path) => endpoint_params.push(EndpointParam {
                    name: param.clone(),
                    source: EndpointParamSource::Path(path),
                }),
                Err(why) => self.problems.push(Problem::new(
                    here(),
                    format!("operationContextParams `{param}`: {why}"),
                )),
            }
        }
        let input_members = def
            .input
            .as_ref()
            .and_then(|r| self.model.shapes.get(&r.shape))
            .and_then(|s| s.members.as_ref());
        for (member, r) in input_members.into_iter().flatten() {
            if let Some(c) = &r.context_param {
                endpoint_params.push(EndpointParam {
                    name: c.name.clone(),
                    source: EndpointParamSource::Member(member.clone()),
                });
            }
        }
        endpoint_params.sort_by(|a, b| a.name.cmp(&b.name));
        Operation {
            name: name.to_owned(),
            input: crate::ir::synthetic::io_or_synthetic(name, "Input", input),
            output: crate::ir::synthetic::io_or_synthetic(name, "Output", output),
            result_wrapper: def.output.as_ref().and_then(|o| o.result_wrapper.clone()),
            input_xml_name: def.input.as_ref().and_then(|r| r.location_name.clone()),
            input_xml_namespace: def
                .input
                .as_ref()
                .and_then(|r| r.xml_namespace.as_ref())
                .map(xml_namespace),
            errors,
            docs: def.documentation.clone(),
            deprecated: deprecation(def.deprecated, &def.deprecated_message),
            http: HttpBinding {
                method,
                request_uri,
                uri,
                response_code: http.and_then(|h| h.response_code).unwrap_or(200),
            },
            idempotent: def.idempotent,
            host_prefix,
            unsigned: def.authtype.as_deref() == Some("none")
                || def
                    .auth
                    .as_ref()
                    .is_some_and(|a| a.iter().all(|s| s == "smithy.api#noAuth")),
            checksum_required: def.http_checksum_required
                || def
                    .http_checksum
                    .as_ref()
                    .is_some_and(|c| c.request_checksum_required),
            http_checksum,
            endpoint_params,
            request_compression: def
                .requestcompression
                .as_ref()
                .map(|c| c.encodings.clone())
                .unwrap_or_default(),
            paginator: None,
            waiters: Vec::new(),
            left_out_waiters: Vec::new(),
            examples: Vec::new(),
        }
    }
}

impl Lowering<'_> {
    /// Every label of the request URI must name a `uri` member of the input (by its wire
    /// name), or the request cannot be built.
    fn check_labels(&mut self, op: &str, uri: &UriTemplate, input: Option<&ShapeId>) {
        let members = input
            .and_then(|id| self.model.shapes.get(id.as_str()))
            .and_then(|s| s.members.as_ref());
        for (label, _) in uri.labels() {
            let bound = members.is_some_and(|members| {
                members.iter().any(|(name, r)| {
                    r.location.as_deref() == Some("uri")
                        && r.location_name.as_deref().unwrap_or(name) == label
                })
            });
            if !bound {
                self.problem(
                    Location::Operation(op.to_owned()),
                    format!(
                        "request URI label `{{{label}}}` names no input member with `location: uri`"
                    ),
                );
            }
        }
    }
}

impl Lowering<'_> {
    /// Every `{Label}` of a host prefix must name a string member of the input, whose value
    /// `build_request` puts into the host.
    fn check_host_labels(&mut self, op: &str, template: &str, input: Option<&ShapeId>) {
        let members = input
            .and_then(|id| self.model.shapes.get(id.as_str()))
            .and_then(|s| s.members.as_ref());
        for label in crate::ir::host_prefix_labels(template) {
            let target = members
                .and_then(|m| m.get(label))
                .and_then(|r| self.model.shapes.get(&r.shape));
            if target.is_none_or(|t| t.type_ != "string") {
                self.problem(
                    Location::Operation(op.to_owned()),
                    format!("host prefix `{template}`: `{{{label}}}` names no string member of the input"),
                );
            }
        }
    }
}

impl Lowering<'_> {
    /// `httpChecksum`'s request algorithm and validation mode members must be members of the
    /// input: `build_request` reads the one and sets the other.
    fn check_checksum_members(
        &mut self,
        op: &str,
        checksum: &HttpChecksum,
        input: Option<&ShapeId>,
    ) {
        let members = input
            .and_then(|id| self.model.shapes.get(id.as_str()))
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
                    Location::Operation(op.to_owned()),
                    format!("httpChecksum `{key}`: `{member}` is no member of the input"),
                );
            }
        }
    }
}

fn scalar(type_name: &str) -> Option<Scalar> {
    Some(match type_name {
        "boolean" => Scalar::Boolean,
        "byte" => Scalar::Byte,
        "short" => Scalar::Short,
        "integer" => Scalar::Integer,
        "long" => Scalar::Long,
        "float" => Scalar::Float,
        "double" => Scalar::Double,
        "bigInteger" | "biginteger" => Scalar::BigInteger,
        "bigDecimal" | "bigdecimal" => Scalar::BigDecimal,
        "timestamp" => Scalar::Timestamp,
        "blob" => Scalar::Blob,
        _ => return None,
    })
}

fn timestamp_format(name: &str) -> Option<TimestampFormat> {
    Some(match name {
        "iso8601" => TimestampFormat::DateTime,
        "rfc822" => TimestampFormat::HttpDate,
        "unixTimestamp" => TimestampFormat::EpochSeconds,
        _ => return None,
    })
}

fn xml_namespace(def: &XmlNamespaceDef) -> XmlNamespace {
    match def {
        XmlNamespaceDef::Uri(uri) => XmlNamespace {
            prefix: None,
            uri: uri.clone(),
        },
        XmlNamespaceDef::Full { prefix, uri } => XmlNamespace {
            prefix: prefix.clone(),
            uri: uri.clone(),
        },
    }
}

fn deprecation(deprecated: bool, message: &Option<String>) -> Option<Deprecated> {
    (deprecated || message.is_some()).then(|| Deprecated {
        message: message.clone(),
        since: None,
    })
}

/// botocore marks a streaming blob on the member reference (`"Body": {"shape": "Body",
/// "streaming": true}`), the IR on the shape (as Smithy does): a blob shape that only streaming
/// members target becomes streaming; one that other references target too (S3's `Body`, also
/// the payload of `SelectObjectContent`'s `RecordsEvent`) gets a streaming twin,
/// `<Name>Stream`, which the streaming members target instead.
fn mark_streaming(model: &ServiceModel, shapes: &mut BTreeMap<ShapeId, Shape>) {
    let is_blob = |name: &str| model.shapes.get(name).is_some_and(|s| s.type_ == "blob");
    let mut streamed: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
    let mut plain: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
    for (holder, def) in &model.shapes {
        for (name, r) in def.members.iter().flatten() {
            if !is_blob(&r.shape) {
                continue;
            }
            if r.streaming {
                streamed.entry(&r.shape).or_default().push((holder, name));
            } else {
                plain.insert(&r.shape);
            }
        }
        for r in [&def.member, &def.key, &def.value].into_iter().flatten() {
            plain.insert(&r.shape);
        }
    }
    for (target, members) in streamed {
        let id = ShapeId::new(target);
        if !plain.contains(target) {
            if let Some(shape) = shapes.get_mut(&id) {
                shape.streaming = true;
            }
            continue;
        }
        let Some(mut twin) = shapes.get(&id).cloned() else {
            continue;
        };
        let mut name = format!("{target}Stream");
        while model.shapes.contains_key(&name) {
            name.push('_');
        }
        twin.id = ShapeId::new(&name);
        twin.streaming = true;
        shapes.insert(twin.id.clone(), twin);
        for (holder, member) in members {
            if let Some(ShapeKind::Structure(s) | ShapeKind::Union(s)) =
                shapes.get_mut(&ShapeId::new(holder)).map(|s| &mut s.kind)
                && let Some(m) = s.members.iter_mut().find(|m| m.name == member)
            {
                m.target = ShapeId::new(&name);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::ir::{ShapeId, ShapeKind};

    #[test]
    fn lowering_gives_every_operation_an_input_and_an_output() {
        let json = r#"{
          "version": "2.0",
          "metadata": {"apiVersion": "2020-01-08", "protocol": "query", "protocols": ["query"]},
          "operations": {
            "Ping": {"name": "Ping", "http": {"method": "POST", "requestUri": "/"}},
            "Get": {"name": "Get", "http": {"method": "POST", "requestUri": "/"},
                    "input": {"shape": "GetInput"}}
          },
          "shapes": {"GetInput": {"type": "structure", "members": {}}}
        }"#;
        let model = crate::model::load("test.json", json.as_bytes()).expect("the model loads");
        let ping = model.operation("Ping").expect("Ping is lowered");
        assert_eq!(ping.input, ShapeId::synthetic("Ping", "Input"));
        assert_eq!(ping.output, ShapeId::synthetic("Ping", "Output"));
        assert_eq!(ping.modeled_input(), None);
        let get = model.operation("Get").expect("Get is lowered");
        // A modeled `GetInput` and the synthetic `GetOutput` beside it.
        assert_eq!(get.modeled_input(), Some(&ShapeId::new("GetInput")));
        assert!(get.output.is_synthetic());
        for id in [&ping.input, &ping.output, &get.output] {
            match &model.shape(id).kind {
                ShapeKind::Structure(s) => assert!(s.members.is_empty()),
                other => panic!("`{id}` is a {other:?}"),
            }
        }
    }

    #[test]
    fn an_error_listed_twice_is_one_error() {
        // Timestream Write lists `InvalidEndpointException` twice on some operations.
        let json = r#"{
          "version": "2.0",
          "metadata": {"apiVersion": "2020-01-08", "protocol": "json", "protocols": ["json"]},
          "operations": {
            "Get": {"name": "Get", "http": {"method": "POST", "requestUri": "/"},
                    "errors": [{"shape": "Gone"}, {"shape": "Busy"}, {"shape": "Gone"}]}
          },
          "shapes": {
            "Gone": {"type": "structure", "members": {}, "exception": true},
            "Busy": {"type": "structure", "members": {}, "exception": true}
          }
        }"#;
        let model = crate::model::load("test.json", json.as_bytes()).expect("the model loads");
        let get = model.operation("Get").expect("Get is lowered");
        assert_eq!(get.errors, [ShapeId::new("Gone"), ShapeId::new("Busy")]);
    }
}
