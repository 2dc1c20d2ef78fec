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

use super::{EndpointParamSource, HttpLocation, Model, PathPart, ShapeKind};

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
