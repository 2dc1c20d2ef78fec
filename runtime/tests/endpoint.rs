//! Endpoint resolution: the regional template per partition, FIPS and dual-stack variants, an
//! explicit endpoint and its conflicts, and rejected regions — the cases of the ElastiCache and
//! MemoryDB rule sets that the resolver implements (see the module docs for those it does not).

use awsgen_runtime::endpoint::{EndpointParams, partition, resolve};

fn at(prefix: &str, region: &str, fips: bool, dual_stack: bool) -> Result<String, String> {
    resolve(
        prefix,
        &EndpointParams {
            region: Some(region),
            endpoint: None,
            use_fips: fips,
            use_dual_stack: dual_stack,
        },
    )
    .map_err(|e| e.to_string())
}

#[test]
fn regional_endpoints_per_partition() {
    let cases = [
        ("us-east-1", "https://memory-db.us-east-1.amazonaws.com"),
        (
            "eu-central-2",
            "https://memory-db.eu-central-2.amazonaws.com",
        ),
        (
            "cn-north-1",
            "https://memory-db.cn-north-1.amazonaws.com.cn",
        ),
        (
            "us-gov-west-1",
            "https://memory-db.us-gov-west-1.amazonaws.com",
        ),
        (
            "us-iso-east-1",
            "https://memory-db.us-iso-east-1.c2s.ic.gov",
        ),
        (
            "us-isob-east-1",
            "https://memory-db.us-isob-east-1.sc2s.sgov.gov",
        ),
        (
            "eu-isoe-west-1",
            "https://memory-db.eu-isoe-west-1.cloud.adc-e.uk",
        ),
        (
            "us-isof-south-1",
            "https://memory-db.us-isof-south-1.csp.hci.ic.gov",
        ),
        (
            "eusc-de-east-1",
            "https://memory-db.eusc-de-east-1.amazonaws.eu",
        ),
        // An unknown region falls into the `aws` partition, as in the rule sets.
        (
            "mars-north-1",
            "https://memory-db.mars-north-1.amazonaws.com",
        ),
    ];
    for (region, url) in cases {
        assert_eq!(
            at("memory-db", region, false, false).as_deref(),
            Ok(url),
            "{region}"
        );
    }
    assert_eq!(partition("cn-northwest-1").name, "aws-cn");
    assert_eq!(partition("aws-cn-global").name, "aws-cn");
}

#[test]
fn fips_and_dual_stack() {
    assert_eq!(
        at("elasticache", "us-east-1", true, false).as_deref(),
        Ok("https://elasticache-fips.us-east-1.amazonaws.com")
    );
    assert_eq!(
        at("elasticache", "us-east-1", false, true).as_deref(),
        Ok("https://elasticache.us-east-1.api.aws")
    );
    assert_eq!(
        at("memory-db", "cn-north-1", true, true).as_deref(),
        Ok("https://memory-db-fips.cn-north-1.api.amazonwebservices.com.cn")
    );
}

#[test]
fn explicit_endpoint() {
    let params = |fips, dual_stack| EndpointParams {
        region: Some("us-east-1"),
        endpoint: Some("http://127.0.0.1:5000"),
        use_fips: fips,
        use_dual_stack: dual_stack,
    };
    assert_eq!(
        resolve("memory-db", &params(false, false)).as_deref(),
        Ok("http://127.0.0.1:5000")
    );
    assert!(resolve("memory-db", &params(true, false)).is_err());
    assert!(resolve("memory-db", &params(false, true)).is_err());
}

#[test]
fn bad_or_missing_regions_are_errors() {
    assert!(at("memory-db", "us-east-1/evil", false, false).is_err());
    assert!(at("memory-db", "", false, false).is_err());
    assert!(at("memory-db", "-x", false, false).is_err());
    let err = resolve("memory-db", &EndpointParams::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot resolve the endpoint: Invalid Configuration: Missing Region"
    );
}
