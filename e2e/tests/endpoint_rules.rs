//! The client resolves its endpoint with the service's rule set: the tables the generator
//! emitted (`<svc>::endpoint::RULES`) are exactly what `awsgen_codegen::endpoints::lower` makes
//! of the vendored `endpoint-rule-set-1.json` (the lowering `cargo xtask endpoint-tests` runs
//! over every service, so the emitted code path is the tested one), and clients built from a
//! `Config` get the endpoints, errors and signing regions of botocore's endpoint tests
//! (`tests/functional/endpoint-rules/{elasticache,memorydb}/endpoint-tests-1.json` of botocore
//! 1.44.5, the expected values copied from there).

use std::sync::Arc;

use awsgen_e2e::runtime::client::{Config, ConfigError, Core, ErrorKind, Input};
use awsgen_e2e::runtime::credentials::Credentials;
use awsgen_e2e::runtime::endpoint::Value;
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
    let endpoint = fips.resolved_endpoint().unwrap();
    assert_eq!(
        endpoint.url,
        "https://memory-db-fips.us-west-1.amazonaws.com"
    );
    assert_eq!(endpoint.signing_name.as_deref(), Some("memorydb"));
    assert_eq!(endpoint.signing_region.as_deref(), Some("us-west-1"));
    let dual = core(config("us-east-1", false, true), &memorydb::client::SERVICE).unwrap();
    assert_eq!(dual.endpoint(), "https://memory-db.us-east-1.api.aws");
    assert_eq!(dual.resolved_endpoint().unwrap().signing_region, None);
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

/// A transport that records the URL of each request and answers `{}` (an empty output of
/// any DynamoDB operation).
#[derive(Debug, Default)]
struct Recorder(std::sync::Mutex<Vec<String>>);

impl HttpClient for Recorder {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        self.0.lock().unwrap().push(request.uri().to_string());
        Box::pin(async { Ok(http::Response::new(b"{}".to_vec())) })
    }
}

/// Every `BatchGetItem` case with `operationInputs` of botocore's DynamoDB endpoint tests
/// (`tests/data/dynamodb-endpoint-tests-1.json`, vendored unchanged): the table ARN of
/// `RequestItems` reaches the rules through the operation's `operationContextParams` path
/// `keys(RequestItems)` (parameter `ResourceArnList`), so the account id of the expected
/// host (`333333333333.ddb…`) comes from the input, and a configuration the rules refuse
/// on its own (`AccountIdEndpointMode` `required` with no account id) does not fail the
/// client.
#[tokio::test]
async fn dynamodb_operation_context_params_bind_as_botocore_expects() {
    use awsgen_e2e::dynamodb::types::{AttributeValue, KeysAndAttributes};
    let path = format!(
        "{}/tests/data/dynamodb-endpoint-tests-1.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let tests: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let mut ran = 0;
    for case in tests["testCases"].as_array().unwrap() {
        for input in case["operationInputs"].as_array().into_iter().flatten() {
            if input["operationName"] != "BatchGetItem" {
                continue;
            }
            let built_in = &input["builtInParams"];
            let recorder = Arc::new(Recorder::default());
            let mut config = Config::new(
                built_in["AWS::Region"].as_str().unwrap(),
                Credentials::new("AKID", "SECRET", None),
            )
            .with_fips(built_in["AWS::UseFIPS"].as_bool().unwrap())
            .with_dual_stack(built_in["AWS::UseDualStack"].as_bool().unwrap())
            .with_http_client(recorder.clone());
            for (built_in, param) in [
                ("AWS::Auth::AccountIdEndpointMode", "AccountIdEndpointMode"),
                ("AWS::Auth::AccountId", "AccountId"),
            ] {
                if let Some(v) = input["builtInParams"][built_in].as_str() {
                    config = config.with_endpoint_param(param, Value::Str(v.to_owned().into()));
                }
            }
            let client = awsgen_e2e::dynamodb::Client::new(config).unwrap();
            let mut call = client.batch_get_item();
            for (table, _) in input["operationParams"]["RequestItems"]
                .as_object()
                .unwrap()
            {
                let keys = KeysAndAttributes::builder()
                    .keys(indexmap::IndexMap::from([(
                        "pk".to_owned(),
                        AttributeValue::builder().s("value").build(),
                    )]))
                    .build()
                    .unwrap();
                call = call.request_items(table, keys);
            }
            let outcome = call.send().await;
            let documentation = case["documentation"].as_str().unwrap_or_default();
            match (&case["expect"]["endpoint"]["url"], &case["expect"]["error"]) {
                (serde_json::Value::String(url), _) => {
                    outcome.unwrap_or_else(|e| panic!("{documentation}: {e}"));
                    let sent = recorder.0.lock().unwrap();
                    assert_eq!(sent.len(), 1, "{documentation}");
                    assert_eq!(
                        sent[0].trim_end_matches('/'),
                        url.as_str(),
                        "{documentation}"
                    );
                }
                (_, serde_json::Value::String(error)) => {
                    let e = outcome.expect_err(documentation);
                    assert!(
                        matches!(e.kind(), ErrorKind::EndpointResolution(_)),
                        "{documentation}: {e}"
                    );
                    assert!(
                        e.to_string().contains(error.as_str()),
                        "{documentation}: {e}"
                    );
                    assert!(recorder.0.lock().unwrap().is_empty(), "{documentation}");
                }
                _ => panic!("{documentation}: neither an endpoint nor an error"),
            }
            ran += 1;
        }
    }
    // botocore 1.44.5's file has 24 such cases.
    assert_eq!(ran, 24);
}

/// The other `operationContextParams` paths of DynamoDB, on inputs built here, against what
/// JMESPath gives for them (read from the model: `TableCreationParameters.TableName` of
/// ImportTable is `ResourceArn`; `TransactItems[*].Get.TableName` of TransactGetItems and
/// `TransactItems[*].[ConditionCheck.TableName, Put.TableName, Delete.TableName,
/// Update.TableName][]` of TransactWriteItems are `ResourceArnList`, in item order then
/// select order, absent values dropped; `keys(RequestItems)` of BatchWriteItem is
/// `ResourceArnList` in map order).
#[test]
fn dynamodb_context_paths_read_the_typed_input() {
    use awsgen_e2e::dynamodb::operation::batch_write_item::BatchWriteItemInput;
    use awsgen_e2e::dynamodb::operation::import_table::ImportTableInput;
    use awsgen_e2e::dynamodb::operation::transact_get_items::TransactGetItemsInput;
    use awsgen_e2e::dynamodb::operation::transact_write_items::TransactWriteItemsInput;
    use awsgen_e2e::dynamodb::types::*;

    fn strs(items: &[&str]) -> Value<'static> {
        Value::Array(
            items
                .iter()
                .map(|s| Value::Str((*s).to_owned().into()))
                .collect(),
        )
    }
    fn params<I: Input<awsgen_e2e::dynamodb::Client>>(
        input: &I,
    ) -> Vec<(&'static str, Value<'static>)> {
        input
            .endpoint_params()
            .into_iter()
            .map(|(n, v)| (n, v.into_owned()))
            .collect()
    }
    let key = || AttributeValue::builder().s("k").build();

    let import = ImportTableInput::builder()
        .s3_bucket_source(S3BucketSource::builder().s3_bucket("b").build().unwrap())
        .input_format(InputFormat::from("CSV"))
        .table_creation_parameters(
            TableCreationParameters::builder()
                .table_name("imported")
                .attribute_definitions(
                    AttributeDefinition::builder()
                        .attribute_name("pk")
                        .attribute_type(ScalarAttributeType::from("S"))
                        .build()
                        .unwrap(),
                )
                .key_schema(
                    KeySchemaElement::builder()
                        .attribute_name("pk")
                        .key_type(KeyType::from("HASH"))
                        .build()
                        .unwrap(),
                )
                .build()
                .unwrap(),
        )
        .build()
        .unwrap();
    assert_eq!(
        params(&import),
        [("ResourceArn", Value::Str("imported".into()))]
    );

    let get = |table: &str| {
        TransactGetItem::builder()
            .get(
                Get::builder()
                    .table_name(table)
                    .key("pk", key())
                    .build()
                    .unwrap(),
            )
            .build()
            .unwrap()
    };
    let transact_get = TransactGetItemsInput::builder()
        .transact_items(get("t1"))
        .transact_items(get("t2"))
        .build()
        .unwrap();
    assert_eq!(
        params(&transact_get),
        [("ResourceArnList", strs(&["t1", "t2"]))]
    );

    let put = Put::builder()
        .table_name("put")
        .item("pk", key())
        .build()
        .unwrap();
    let check = ConditionCheck::builder()
        .table_name("check")
        .key("pk", key())
        .condition_expression("attribute_exists(pk)")
        .build()
        .unwrap();
    let delete = Delete::builder()
        .table_name("delete")
        .key("pk", key())
        .build()
        .unwrap();
    let update = Update::builder()
        .table_name("update")
        .key("pk", key())
        .update_expression("SET a = :a")
        .build()
        .unwrap();
    let transact_write = TransactWriteItemsInput::builder()
        .transact_items(TransactWriteItem::builder().update(update).build())
        // Two members set in one item: select order (ConditionCheck before Put), not the
        // order they were set in.
        .transact_items(
            TransactWriteItem::builder()
                .put(put)
                .condition_check(check)
                .build(),
        )
        .transact_items(TransactWriteItem::builder().build())
        .transact_items(TransactWriteItem::builder().delete(delete).build())
        .build()
        .unwrap();
    assert_eq!(
        params(&transact_write),
        [(
            "ResourceArnList",
            strs(&["update", "check", "put", "delete"])
        )]
    );

    let batch_write = BatchWriteItemInput::builder()
        .request_items("zeta", Vec::<WriteRequest>::new())
        .request_items("alpha", Vec::<WriteRequest>::new())
        .build()
        .unwrap();
    assert_eq!(
        params(&batch_write),
        [("ResourceArnList", strs(&["zeta", "alpha"]))]
    );
}
