//! The AWS partitions (botocore 1.44.5 `partitions.json`, vendored as
//! `models/partitions/partitions.json`) and the rules language's `aws.partition`: which partition
//! a region belongs to. A region matches a partition when the partition lists it or when it
//! matches the partition's region pattern `^<prefix>-\w+-\d+$` (the prefixes below); the
//! partitions are tried in file order, and a region no partition claims gets the first (`aws`).
//! `runtime/tests/endpoint.rs` checks this table against the vendored file.

/// One partition: its name, DNS suffixes, what it supports, and which regions belong to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Partition {
    /// `aws`, `aws-cn`, …
    pub name: &'static str,
    /// `amazonaws.com`.
    pub dns_suffix: &'static str,
    /// `api.aws`.
    pub dual_stack_dns_suffix: &'static str,
    /// The region global endpoints are signed for (`us-east-1`).
    pub implicit_global_region: &'static str,
    /// Whether the partition has FIPS endpoints.
    pub supports_fips: bool,
    /// Whether the partition has dual-stack endpoints.
    pub supports_dual_stack: bool,
    /// The alternatives before `-\w+-\d+` in the partition's region pattern.
    pub region_prefixes: &'static [&'static str],
    /// The regions the partition lists.
    pub regions: &'static [&'static str],
}

impl Partition {
    /// Whether `region` belongs to this partition: listed, or matching its region pattern.
    pub fn contains(&self, region: &str) -> bool {
        self.regions.contains(&region)
            || self.region_prefixes.iter().any(|prefix| {
                region
                    .strip_prefix(prefix)
                    .and_then(|rest| rest.strip_prefix('-'))
                    .is_some_and(word_dash_digits)
            })
    }
}

/// `\w+-\d+` (ASCII), the whole string.
fn word_dash_digits(s: &str) -> bool {
    let Some((word, digits)) = s.split_once('-') else {
        return false;
    };
    !word.is_empty()
        && word.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
}

/// The partition of `region` (`aws.partition`): the first that contains it, else `aws`.
pub fn partition(region: &str) -> &'static Partition {
    PARTITIONS
        .iter()
        .find(|p| p.contains(region))
        .unwrap_or(&AWS)
}

/// The default partition.
const AWS: Partition = Partition {
    name: "aws",
    dns_suffix: "amazonaws.com",
    dual_stack_dns_suffix: "api.aws",
    implicit_global_region: "us-east-1",
    supports_fips: true,
    supports_dual_stack: true,
    region_prefixes: &["us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx"],
    regions: &[
        "af-south-1",
        "ap-east-1",
        "ap-east-2",
        "ap-northeast-1",
        "ap-northeast-2",
        "ap-northeast-3",
        "ap-south-1",
        "ap-south-2",
        "ap-southeast-1",
        "ap-southeast-2",
        "ap-southeast-3",
        "ap-southeast-4",
        "ap-southeast-5",
        "ap-southeast-6",
        "ap-southeast-7",
        "aws-global",
        "ca-central-1",
        "ca-west-1",
        "eu-central-1",
        "eu-central-2",
        "eu-north-1",
        "eu-south-1",
        "eu-south-2",
        "eu-west-1",
        "eu-west-2",
        "eu-west-3",
        "il-central-1",
        "me-central-1",
        "me-south-1",
        "me-west-1",
        "mx-central-1",
        "sa-east-1",
        "sa-west-1",
        "us-east-1",
        "us-east-2",
        "us-west-1",
        "us-west-2",
    ],
};

/// Every partition, in the file's order.
pub const PARTITIONS: &[Partition] = &[
    AWS,
    Partition {
        name: "aws-cn",
        dns_suffix: "amazonaws.com.cn",
        dual_stack_dns_suffix: "api.amazonwebservices.com.cn",
        implicit_global_region: "cn-northwest-1",
        supports_fips: true,
        supports_dual_stack: true,
        region_prefixes: &["cn"],
        regions: &["aws-cn-global", "cn-north-1", "cn-northwest-1"],
    },
    Partition {
        name: "aws-eusc",
        dns_suffix: "amazonaws.eu",
        dual_stack_dns_suffix: "api.amazonwebservices.eu",
        implicit_global_region: "eusc-de-east-1",
        supports_fips: true,
        supports_dual_stack: true,
        region_prefixes: &["eusc-de"],
        regions: &["eusc-de-east-1"],
    },
    Partition {
        name: "aws-iso",
        dns_suffix: "c2s.ic.gov",
        dual_stack_dns_suffix: "api.aws.ic.gov",
        implicit_global_region: "us-iso-east-1",
        supports_fips: true,
        supports_dual_stack: true,
        region_prefixes: &["us-iso"],
        regions: &["aws-iso-global", "us-iso-east-1", "us-iso-west-1"],
    },
    Partition {
        name: "aws-iso-b",
        dns_suffix: "sc2s.sgov.gov",
        dual_stack_dns_suffix: "api.aws.scloud",
        implicit_global_region: "us-isob-east-1",
        supports_fips: true,
        supports_dual_stack: true,
        region_prefixes: &["us-isob"],
        regions: &["aws-iso-b-global", "us-isob-east-1", "us-isob-west-1"],
    },
    Partition {
        name: "aws-iso-e",
        dns_suffix: "cloud.adc-e.uk",
        dual_stack_dns_suffix: "api.cloud-aws.adc-e.uk",
        implicit_global_region: "eu-isoe-west-1",
        supports_fips: true,
        supports_dual_stack: true,
        region_prefixes: &["eu-isoe"],
        regions: &["aws-iso-e-global", "eu-isoe-west-1"],
    },
    Partition {
        name: "aws-iso-f",
        dns_suffix: "csp.hci.ic.gov",
        dual_stack_dns_suffix: "api.aws.hci.ic.gov",
        implicit_global_region: "us-isof-south-1",
        supports_fips: true,
        supports_dual_stack: true,
        region_prefixes: &["us-isof"],
        regions: &["aws-iso-f-global", "us-isof-east-1", "us-isof-south-1"],
    },
    Partition {
        name: "aws-us-gov",
        dns_suffix: "amazonaws.com",
        dual_stack_dns_suffix: "api.aws",
        implicit_global_region: "us-gov-west-1",
        supports_fips: true,
        supports_dual_stack: true,
        region_prefixes: &["us-gov"],
        regions: &["aws-us-gov-global", "us-gov-east-1", "us-gov-west-1"],
    },
];
