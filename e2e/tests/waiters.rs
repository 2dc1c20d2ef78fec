//! The client's waiters against moto: ElastiCache's `CacheClusterAvailable` and
//! `CacheClusterDeleted` (from `waiters-2.json`) after CreateCacheCluster and
//! DeleteCacheCluster. moto creates clusters `available` at once and leaves deleted ones
//! `deleting` for good (`moto/elasticache/models.py`), which gives each way a wait ends:
//! success on an output, success on an error acceptor, failure, an unexpected error, and
//! running out of time.

use std::time::Duration;

use awsgen_e2e::elasticache::operation::create_cache_cluster::CreateCacheClusterInput;
use awsgen_e2e::elasticache::operation::delete_cache_cluster::DeleteCacheClusterInput;
use awsgen_e2e::elasticache::operation::describe_cache_clusters::DescribeCacheClustersInput;
use awsgen_e2e::moto::Moto;
use awsgen_e2e::runtime::client_waiter::{Final, WaiterErrorKind};

fn describe(id: &str) -> DescribeCacheClustersInput {
    DescribeCacheClustersInput::builder()
        .cache_cluster_id(id)
        .build()
}

#[tokio::test]
#[cfg_attr(
    moto_missing,
    ignore = "moto[server] not installed: set AWSGEN_MOTO_PYTHON (see e2e/build.rs)"
)]
async fn elasticache_waiters_against_moto() {
    let Some(moto) = Moto::start("elasticache_waiters_against_moto") else {
        return;
    };
    let config = moto.config();
    let client = awsgen_e2e::elasticache::Client::new(config).expect("client");
    client
        .call(
            CreateCacheClusterInput::builder()
                .cache_cluster_id("waited")
                .engine("redis")
                .cache_node_type("cache.t3.micro")
                .num_cache_nodes(1)
                .build()
                .unwrap(),
        )
        .await
        .expect("CreateCacheCluster");

    // Success: every cluster is `available` on the first attempt.
    let done = client
        .wait_until_cache_cluster_available(describe("waited"), Duration::from_secs(60))
        .await
        .expect("the cluster becomes available");
    let Final::Output(output) = done else {
        panic!("success on an output acceptor")
    };
    assert_eq!(
        output.cache_clusters()[0].cache_cluster_status(),
        Some("available")
    );

    // Success through the error acceptor: CacheClusterNotFound means deleted.
    let done = client
        .wait_until_cache_cluster_deleted(describe("never-created"), Duration::from_secs(60))
        .await
        .expect("a missing cluster counts as deleted");
    let Final::Error(e) = done else {
        panic!("success on the error acceptor")
    };
    assert!(e.is_cache_cluster_not_found_fault(), "{e}");

    // An error no acceptor of CacheClusterAvailable expects ends the wait at once.
    let err = client
        .wait_until_cache_cluster_available(describe("never-created"), Duration::from_secs(60))
        .await
        .expect_err("a missing cluster never becomes available");
    assert_eq!(err.attempts(), 1);
    assert_eq!(err.waiter(), "CacheClusterAvailable");
    let WaiterErrorKind::Unexpected(call) = err.kind() else {
        panic!("unexpected error, got {err}")
    };
    assert!(
        call.service_error()
            .is_some_and(|e| e.is_cache_cluster_not_found_fault())
    );

    client
        .call(
            DeleteCacheClusterInput::builder()
                .cache_cluster_id("waited")
                .build()
                .unwrap(),
        )
        .await
        .expect("DeleteCacheCluster");

    // Failure: `deleting` is a failure state of CacheClusterAvailable.
    let err = client
        .wait_until_cache_cluster_available(describe("waited"), Duration::from_secs(60))
        .await
        .expect_err("a deleting cluster will not become available");
    assert!(err.is_failure(), "{err}");
    let WaiterErrorKind::Failure(Final::Output(output)) = err.kind() else {
        panic!("failure on an output acceptor, got {err}")
    };
    assert_eq!(
        output.cache_clusters()[0].cache_cluster_status(),
        Some("deleting")
    );

    // Timeout: no acceptor of CacheClusterDeleted matches `deleting` (moto never finishes),
    // and a maximum wait below the 15 s least delay allows one attempt only.
    let err = client
        .wait_until_cache_cluster_deleted(describe("waited"), Duration::from_secs(1))
        .await
        .expect_err("moto never finishes deleting");
    assert!(err.is_timeout(), "{err}");
    assert_eq!(err.attempts(), 1);
    assert!(
        err.to_string()
            .starts_with("waiter CacheClusterDeleted timed out (1 attempts"),
        "{err}"
    );
}
