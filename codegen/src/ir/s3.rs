//! S3's addressing, as an IR pass: the bucket travels in the endpoint, not in the request path.
//!
//! S3's endpoint rule set takes the bucket (`contextParam` `Bucket`) and resolves it into the
//! URL: `https://bucket.s3.us-east-1.amazonaws.com` (virtual-hosted style) or
//! `https://s3.us-east-1.amazonaws.com/bucket` (path style: a bucket name that is not a valid
//! host label, `ForcePathStyle`, a custom endpoint that is an IP address, …), and dual-stack,
//! FIPS and acceleration hosts likewise. The model's URIs (`/{Bucket}/{Key+}`) name the bucket
//! too, so the request path would name it twice; this pass removes the leading `{Bucket}` label
//! of every operation that gives the bucket to the rules, as the SDKs do. The member stays in
//! the input (and bound as a label, so no codec writes it anywhere else): the endpoint carries
//! it. `request_uri` keeps the model's text for the docs.
//!
//! S3's `Expires` header, as botocore 1.44.5 gives it: a timestamp (its
//! `service-2.sdk-extras.json` merges `Expires` back to one over the model's string), read
//! leniently in responses, with the header's text kept as `ExpiresString` too
//! ([`expires_string`]).

use super::{EndpointParamSource, HttpLocation, Model, PathPart, Scalar, ShapeId, ShapeKind};

/// The rule-set parameter (and URI label) that carries the bucket.
const BUCKET: &str = "Bucket";

/// Whether `model` is Amazon S3 (its SDK service id), whose endpoint carries the bucket.
pub fn is_s3(model: &Model) -> bool {
    model.service.service_id.as_deref() == Some("S3") && model.service.endpoint_rules.is_some()
}

/// Removes the leading `/{Bucket}` from the request path of each S3 operation whose `Bucket`
/// label member is also the rule set's `Bucket` parameter (a no-op for any other service).
pub fn bucket_in_endpoint(model: &mut Model) {
    if !is_s3(model) {
        return;
    }
    for i in 0..model.operations.len() {
        let op = &model.operations[i];
        let Some(member) = op.endpoint_params.iter().find_map(|p| match &p.source {
            EndpointParamSource::Member(m) if p.name == BUCKET => Some(m.clone()),
            _ => None,
        }) else {
            continue;
        };
        let ShapeKind::Structure(structure) = &model.shape(&op.input).kind else {
            continue;
        };
        let labelled = structure
            .members
            .iter()
            .any(|m| m.name == member && m.http == HttpLocation::Label && m.wire_name() == BUCKET);
        if !labelled {
            continue;
        }
        let path = &mut model.operations[i].http.uri.path;
        let leading = matches!(
            &path[..],
            [PathPart::Literal(slash), PathPart::Label { name, greedy: false }, ..]
                if slash == "/" && name == BUCKET
        );
        if !leading {
            continue;
        }
        path.drain(..2);
        match path.first_mut() {
            Some(PathPart::Literal(text)) if text.starts_with('/') => {}
            Some(PathPart::Literal(text)) => text.insert(0, '/'),
            _ => path.insert(0, PathPart::Literal("/".to_owned())),
        }
    }
}

/// The member (and header) botocore keeps `Expires` as sent under.
const EXPIRES_STRING: &str = "ExpiresString";

/// S3's `Expires` header as botocore 1.44.5 gives it (a no-op for any other service). Its
/// `service-2.sdk-extras.json` makes the `Expires` shape a timestamp (an HTTP date, in
/// requests too), and its `handle_expires_header` keeps the response header's text as
/// `ExpiresString` and drops an `Expires` that is not a date rather than failing: each output
/// with an `Expires` header member gets an `ExpiresString` string member bound to the same
/// header, right after it, and its `Expires` member is read leniently.
pub fn expires_string(model: &mut Model) {
    if !is_s3(model) {
        return;
    }
    let is_expires = |m: &super::Member| {
        m.name == "Expires"
            && matches!(&m.http, HttpLocation::Header(h) if h.eq_ignore_ascii_case("Expires"))
    };
    let outputs: Vec<ShapeId> = model
        .operations
        .iter()
        .map(|op| op.output.clone())
        .collect();
    let mut retyped = Vec::new();
    for id in outputs {
        let Some(shape) = model.shapes.get(&id) else {
            continue;
        };
        let ShapeKind::Structure(s) = &shape.kind else {
            continue;
        };
        let Some(i) = s.members.iter().position(is_expires) else {
            continue;
        };
        if s.members.iter().any(|m| m.name == EXPIRES_STRING) {
            continue;
        }
        let target = s.members[i].target.clone();
        let text_id = match target.as_str().rsplit_once('#') {
            Some((namespace, _)) => ShapeId::new(format!("{namespace}#{EXPIRES_STRING}")),
            None => ShapeId::new(EXPIRES_STRING),
        };
        if !model.shapes.contains_key(&text_id) {
            let mut text = model.shape(&target).clone();
            text.id = text_id.clone();
            text.kind = ShapeKind::Scalar(Scalar::String);
            text.docs = None;
            model.shapes.insert(text_id.clone(), text);
        }
        let Some(ShapeKind::Structure(s)) = model.shapes.get_mut(&id).map(|s| &mut s.kind) else {
            continue;
        };
        let expires = &mut s.members[i];
        expires.lenient = true;
        let mut text = expires.clone();
        text.name = EXPIRES_STRING.to_owned();
        text.target = text_id;
        text.lenient = false;
        text.timestamp_format = None;
        text.docs = Some(
            "<p>The <code>Expires</code> header as sent, whether or not it is a date \
             (<code>Expires</code> is unset when it is not).</p>"
                .to_owned(),
        );
        s.members.insert(i + 1, text);
        retyped.push(target);
    }
    for id in retyped {
        if let Some(shape) = model.shapes.get_mut(&id)
            && matches!(shape.kind, ShapeKind::Scalar(Scalar::String))
        {
            shape.kind = ShapeKind::Scalar(Scalar::Timestamp);
        }
    }
}
