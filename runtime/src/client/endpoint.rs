//! The client's endpoint: the service's rule set ([`RuleSet`]) evaluated with the
//! client's configuration bound to the parameters as the SDKs bind them (by `builtIn`:
//! `AWS::Region`, `AWS::UseFIPS`, `AWS::UseDualStack`, `SDK::Endpoint`; other built-ins keep
//! the rule set's default; client context parameters by name), and what the endpoint says
//! about signing (`authSchemes`) and headers.

use std::borrow::Cow;

use crate::endpoint::{Endpoint, EndpointError, RuleSet, Value};

/// The client settings endpoint resolution reads.
#[derive(Clone, Debug, Default)]
pub struct Settings<'a> {
    /// `AWS::Region`.
    pub region: Option<&'a str>,
    /// `SDK::Endpoint`.
    pub endpoint: Option<&'a str>,
    /// `AWS::UseFIPS`.
    pub use_fips: bool,
    /// `AWS::UseDualStack`.
    pub use_dual_stack: bool,
    /// Parameters set by name (client context parameters, and any other), winning over the
    /// built-ins.
    pub params: &'a [(String, Value<'static>)],
}

/// A resolved endpoint as the client uses it.
#[derive(Clone, Debug, PartialEq)]
pub struct ResolvedEndpoint {
    /// The URL requests go to.
    pub url: String,
    /// Headers the endpoint adds to every request.
    pub headers: http::HeaderMap,
    /// The SigV4 signing name, when the endpoint's `sigv4` auth scheme names one.
    pub signing_name: Option<String>,
    /// The SigV4 signing region, when the endpoint's `sigv4` auth scheme names one.
    pub signing_region: Option<String>,
}

/// The parameter values of `settings` for `rules`, by parameter name.
pub fn bind<'a>(rules: &RuleSet<'_>, settings: &Settings<'a>) -> Vec<(String, Value<'a>)> {
    let mut out = Vec::with_capacity(rules.params.len());
    for param in rules.params {
        let Some(name) = usize::try_from(param.name)
            .ok()
            .and_then(|i| rules.strings.get(i))
        else {
            continue;
        };
        let built_in = param
            .built_in
            .and_then(|b| usize::try_from(b).ok())
            .and_then(|i| rules.strings.get(i))
            .copied();
        let given = settings
            .params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone());
        let value = match (given, built_in) {
            (Some(v), _) => v,
            (None, Some("AWS::Region")) => settings
                .region
                .map_or(Value::None, |r| Value::Str(Cow::Borrowed(r))),
            (None, Some("SDK::Endpoint")) => settings
                .endpoint
                .map_or(Value::None, |e| Value::Str(Cow::Borrowed(e))),
            (None, Some("AWS::UseFIPS")) => Value::Bool(settings.use_fips),
            (None, Some("AWS::UseDualStack")) => Value::Bool(settings.use_dual_stack),
            _ => Value::None,
        };
        if value != Value::None {
            out.push(((*name).to_owned(), value));
        }
    }
    out
}

/// Resolves the endpoint of `rules` for `settings`.
pub fn resolve(
    rules: &RuleSet<'static>,
    settings: &Settings<'_>,
) -> Result<ResolvedEndpoint, EndpointError> {
    // As botocore does before resolving: a region must be a host label, so that it cannot
    // change the shape of the URL (`us-east-1/evil`), whatever the rule set does with it.
    if let Some(region) = settings.region
        && !crate::endpoint_lib::is_valid_host_label(region, false)
    {
        return Err(EndpointError::Param(format!(
            "region `{region}` is not a valid host label"
        )));
    }
    let bound = bind(rules, settings);
    let params: Vec<(&str, Value<'_>)> =
        bound.iter().map(|(n, v)| (n.as_str(), v.clone())).collect();
    let endpoint = rules.resolve(&params)?;
    from_endpoint(rules.service, endpoint)
}

/// The client's view of `endpoint`: the first auth scheme it can sign with (`sigv4`), or an
/// error naming the schemes when there is none (`sigv4a` signing is not implemented).
pub fn from_endpoint(service: &str, endpoint: Endpoint) -> Result<ResolvedEndpoint, EndpointError> {
    let mut signing_name = None;
    let mut signing_region = None;
    if let Some(Value::Array(schemes)) = endpoint.properties.get("authSchemes") {
        let sigv4 = schemes
            .iter()
            .find(|s| s.get("name").as_ref().and_then(Value::as_str) == Some("sigv4"));
        match sigv4 {
            Some(scheme) => {
                signing_name = scheme
                    .get("signingName")
                    .as_ref()
                    .and_then(Value::as_str)
                    .map(str::to_owned);
                signing_region = scheme
                    .get("signingRegion")
                    .as_ref()
                    .and_then(Value::as_str)
                    .map(str::to_owned);
            }
            None if !schemes.is_empty() => {
                let names: Vec<String> = schemes
                    .iter()
                    .filter_map(|s| {
                        s.get("name")
                            .as_ref()
                            .and_then(Value::as_str)
                            .map(str::to_owned)
                    })
                    .collect();
                return Err(EndpointError::Invalid(format!(
                    "the {service} endpoint `{}` must be signed with {}, which this client does \
                     not support (it signs with sigv4 only)",
                    endpoint.url,
                    names.join(" or ")
                )));
            }
            None => {}
        }
    }
    let mut headers = http::HeaderMap::new();
    for (name, values) in &endpoint.headers {
        let invalid = |e: &dyn std::fmt::Display| {
            EndpointError::Invalid(format!("{service} endpoint header `{name}`: {e}"))
        };
        let name = http::HeaderName::from_bytes(name.as_bytes()).map_err(|e| invalid(&e))?;
        for value in values {
            let value = http::HeaderValue::from_str(value).map_err(|e| invalid(&e))?;
            headers.append(name.clone(), value);
        }
    }
    Ok(ResolvedEndpoint {
        url: endpoint.url,
        headers,
        signing_name,
        signing_region,
    })
}
