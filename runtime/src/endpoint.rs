//! Endpoint resolution for the client: an explicit endpoint URL, or the regional endpoint
//! `https://{endpointPrefix}.{region}.{dnsSuffix}` of the region's partition, with the FIPS
//! (`{prefix}-fips`) and dual-stack (`dualStackDnsSuffix`) variants.
//!
//! This is not an interpreter of the model's endpoint rule set
//! (`endpoint-rule-set-1.json`): it implements the structure that the standard AWS rule sets
//! share (and both ElastiCache's and MemoryDB's follow) with the partition table of botocore's
//! `partitions.json` (every partition supports FIPS and dual-stack). Service-specific rules
//! beyond that structure are not followed; for the two target services those are
//! ElastiCache's FIPS endpoint in `aws-us-gov` (the rule set answers the non-FIPS host
//! there) and MemoryDB's `fips` pseudo-region (`memory-db-fips.us-west-1.amazonaws.com`).
//! Use an explicit endpoint for those.

use std::fmt;

/// One AWS partition: its name, DNS suffixes and the region prefixes that belong to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Partition {
    /// `aws`, `aws-cn`, …
    pub name: &'static str,
    /// `amazonaws.com`.
    pub dns_suffix: &'static str,
    /// `api.aws`.
    pub dual_stack_dns_suffix: &'static str,
}

/// Region prefixes of the partitions other than `aws`, longest first where they overlap
/// (`us-isob-` before `us-iso-`), from botocore's `partitions.json` region regexes.
const PARTITIONS: &[(&str, Partition)] = &[
    (
        "cn-",
        Partition {
            name: "aws-cn",
            dns_suffix: "amazonaws.com.cn",
            dual_stack_dns_suffix: "api.amazonwebservices.com.cn",
        },
    ),
    (
        "eusc-de-",
        Partition {
            name: "aws-eusc",
            dns_suffix: "amazonaws.eu",
            dual_stack_dns_suffix: "api.amazonwebservices.eu",
        },
    ),
    (
        "us-isob-",
        Partition {
            name: "aws-iso-b",
            dns_suffix: "sc2s.sgov.gov",
            dual_stack_dns_suffix: "api.aws.scloud",
        },
    ),
    (
        "us-isof-",
        Partition {
            name: "aws-iso-f",
            dns_suffix: "csp.hci.ic.gov",
            dual_stack_dns_suffix: "api.aws.hci.ic.gov",
        },
    ),
    (
        "us-iso-",
        Partition {
            name: "aws-iso",
            dns_suffix: "c2s.ic.gov",
            dual_stack_dns_suffix: "api.aws.ic.gov",
        },
    ),
    (
        "eu-isoe-",
        Partition {
            name: "aws-iso-e",
            dns_suffix: "cloud.adc-e.uk",
            dual_stack_dns_suffix: "api.cloud-aws.adc-e.uk",
        },
    ),
    (
        "us-gov-",
        Partition {
            name: "aws-us-gov",
            dns_suffix: "amazonaws.com",
            dual_stack_dns_suffix: "api.aws",
        },
    ),
];

/// The `aws` partition: also the answer for any region no other partition claims, as in the
/// rule sets' `aws.partition` function.
const AWS: Partition = Partition {
    name: "aws",
    dns_suffix: "amazonaws.com",
    dual_stack_dns_suffix: "api.aws",
};

/// The partition of `region`.
pub fn partition(region: &str) -> Partition {
    PARTITIONS
        .iter()
        .find(|(prefix, p)| {
            region.starts_with(prefix) || region == format!("{}-global", p.name).as_str()
        })
        .map_or(AWS, |(_, p)| *p)
}

/// What to resolve an endpoint from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EndpointParams<'a> {
    /// The region (`us-east-1`).
    pub region: Option<&'a str>,
    /// An explicit endpoint URL (`http://127.0.0.1:5000`), used as it is.
    pub endpoint: Option<&'a str>,
    /// Use the FIPS endpoint.
    pub use_fips: bool,
    /// Use the dual-stack (IPv4 and IPv6) endpoint.
    pub use_dual_stack: bool,
}

/// No endpoint can be resolved from these parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndpointError(String);

impl EndpointError {
    /// What was wrong.
    pub fn message(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EndpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot resolve the endpoint: {}", self.0)
    }
}

impl std::error::Error for EndpointError {}

/// The endpoint URL of the service with host prefix `endpoint_prefix` (`memory-db`).
pub fn resolve(
    endpoint_prefix: &str,
    params: &EndpointParams<'_>,
) -> Result<String, EndpointError> {
    if let Some(endpoint) = params.endpoint {
        if params.use_fips {
            return Err(EndpointError(
                "Invalid Configuration: FIPS and custom endpoint are not supported".into(),
            ));
        }
        if params.use_dual_stack {
            return Err(EndpointError(
                "Invalid Configuration: Dualstack and custom endpoint are not supported".into(),
            ));
        }
        return Ok(endpoint.to_owned());
    }
    let Some(region) = params.region else {
        return Err(EndpointError(
            "Invalid Configuration: Missing Region".into(),
        ));
    };
    let valid = !region.is_empty()
        && region.len() <= 63
        && region
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !region.starts_with('-');
    if !valid {
        return Err(EndpointError(format!(
            "region `{region}` is not a valid host label"
        )));
    }
    let partition = partition(region);
    let fips = if params.use_fips { "-fips" } else { "" };
    let suffix = if params.use_dual_stack {
        partition.dual_stack_dns_suffix
    } else {
        partition.dns_suffix
    };
    Ok(format!("https://{endpoint_prefix}{fips}.{region}.{suffix}"))
}
