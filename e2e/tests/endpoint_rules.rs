//! The client resolves its endpoint with the service's rule set: the tables the generator
//! emitted (`<svc>::endpoint::RULES`) are exactly what `awsgen_codegen::endpoints::lower` makes
//! of the vendored `endpoint-rule-set-1.json` (the lowering `cargo xtask endpoint-tests` runs
//! over every service, so the emitted code path is the tested one), and clients built from a
//! `Config` get the endpoints, errors and signing regions of botocore's endpoint tests
//! (`tests/functional/endpoint-rules/{elasticache,memorydb}/endpoint-tests-1.json` of botocore
//! 1.44.5, the expected values copied from there).

use std::sync::Arc;

use awsgen_e2e::runtime::client::{Config, ConfigError, Core};
use awsgen_e2e::runtime::credentials::Credentials;
use awsgen_e2e::runtime::transport::{BoxFuture, HttpClient, TransportError};
use awsgen_e2e::{elasticache, memorydb};

fn lowered(service: &str, path: &str) -> String {
    let path = format!("{}/../{path}", env!("CARGO_MANIFEST_DIR"));
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let table = awsgen_codegen::endpoints::lower(service, &json).unwrap();
    let strs = table.strs();
    format!("{:?}", table.rule_set(&strs))
}

#[test]
fn the_emitted_tables_are_the_lowered_rule_sets() {
    assert_eq!(
        format!("{:?}", elasticache::endpoint::RULES),
        lowered(
            "ElastiCache",
            "models/botocore/elasticache/2015-02-02/endpoint-rule-set-1.json"
        )
    );
    assert_eq!(
        format!("{:?}", memorydb::endpoint::RULES),
        lowered(
            "MemoryDB",
            "models/botocore/memorydb/2021-01-01/endpoint-rule-set-1.json"
        )
    );
}

/// A transport that is never called: resolution happens when the client is created.
#[derive(Debug)]
struct NoTransport;

impl HttpClient for NoTransport {
    fn send(
        &self,
        _request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        unreachable!("endpoint tests send nothing")
    }
}

fn config(region: &str, fips: bool, dual_stack: bool) -> Config {
    Config::new(region, Credentials::new("AKID", "SECRET", None))
        .with_fips(fips)
        .with_dual_stack(dual_stack)
        .with_http_client(Arc::new(NoTransport))
}

fn core(
    config: Config,
    service: &'static awsgen_e2e::runtime::client::ServiceInfo,
) -> Result<Core, String> {
    Core::new(config, service).map_err(|e| e.to_string())
}

#[test]
fn elasticache_endpoints_from_its_rule_set() {
    let cases = [
        (
            "us-east-1",
            false,
            false,
            "https://elasticache.us-east-1.amazonaws.com",
        ),
        (
            "us-east-1",
            true,
            false,
            "https://elasticache-fips.us-east-1.amazonaws.com",
        ),
        (
            "us-east-1",
            true,
            true,
            "https://elasticache-fips.us-east-1.api.aws",
        ),
        (
            "us-east-1",
            false,
            true,
            "https://elasticache.us-east-1.api.aws",
        ),
        (
            "cn-north-1",
            true,
            true,
            "https://elasticache-fips.cn-north-1.api.amazonwebservices.com.cn",
        ),
        // The service-specific rule the old template resolver did not follow: no FIPS host in
        // aws-us-gov.
        (
            "us-gov-west-1",
            true,
            false,
            "https://elasticache.us-gov-west-1.amazonaws.com",
        ),
    ];
    for (region, fips, dual_stack, url) in cases {
        let client = elasticache::Client::new(config(region, fips, dual_stack)).unwrap();
        assert_eq!(
            client.endpoint(),
            url,
            "{region} fips={fips} dual_stack={dual_stack}"
        );
    }
}

#[test]
fn memorydb_fips_pseudo_region_signs_for_the_real_region() {
    let fips = core(config("fips", false, false), &memorydb::client::SERVICE).unwrap();
    let endpoint = fips.resolved_endpoint();
    assert_eq!(
        endpoint.url,
        "https://memory-db-fips.us-west-1.amazonaws.com"
    );
    assert_eq!(endpoint.signing_name.as_deref(), Some("memorydb"));
    assert_eq!(endpoint.signing_region.as_deref(), Some("us-west-1"));
    let dual = core(config("us-east-1", false, true), &memorydb::client::SERVICE).unwrap();
    assert_eq!(dual.endpoint(), "https://memory-db.us-east-1.api.aws");
    assert_eq!(dual.resolved_endpoint().signing_region, None);
}

#[test]
fn explicit_endpoints_and_their_conflicts() {
    let with = |fips, dual_stack| {
        core(
            config("us-east-1", fips, dual_stack).with_endpoint("https://example.com"),
            &elasticache::client::SERVICE,
        )
    };
    assert_eq!(
        with(false, false).unwrap().endpoint(),
        "https://example.com"
    );
    assert_eq!(
        with(true, false).unwrap_err(),
        "cannot resolve the endpoint: Invalid Configuration: FIPS and custom endpoint are not supported"
    );
    assert_eq!(
        with(false, true).unwrap_err(),
        "cannot resolve the endpoint: Invalid Configuration: Dualstack and custom endpoint are not supported"
    );
}

#[test]
fn regions_that_are_not_host_labels_are_refused() {
    for region in ["us-east-1/evil", "", "-x", "a.b"] {
        let err = elasticache::Client::new(config(region, false, false)).unwrap_err();
        assert!(matches!(err, ConfigError::Endpoint(_)), "{region}: {err}");
    }
}
