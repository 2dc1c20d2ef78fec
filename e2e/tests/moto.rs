//! The generated clients against a real local server: moto (with the CopySnapshot plugin of
//! `moto/server.py`) on 127.0.0.1. For each service: create a cluster, snapshot it, copy the
//! snapshot (CopySnapshot, with a KMS key and tags), describe, tag, untag, delete, and the
//! modeled errors of a missing and of an existing snapshot — each checked against what moto
//! reports afterwards. Without moto the tests are `ignored` (the build script finds out, and
//! the reason shows beside the test's name in `cargo test`); under `CI` the build fails
//! instead. Should moto vanish after the build, they still skip loudly at run time.

use awsgen_e2e::moto::Moto;
use awsgen_e2e::runtime::ProvideErrorMetadata as _;
use awsgen_e2e::runtime::client::{Config, ErrorKind};

fn config(moto: &Moto) -> Config {
    moto.config()
}

#[tokio::test]
#[cfg_attr(
    moto_missing,
    ignore = "moto[server] not installed: set AWSGEN_MOTO_PYTHON (see e2e/build.rs)"
)]
async fn elasticache_against_moto() {
    use awsgen_e2e::elasticache::operation::{
        add_tags_to_resource::AddTagsToResourceInput, copy_snapshot::CopySnapshotError,
        copy_snapshot::CopySnapshotInput, create_cache_cluster::CreateCacheClusterInput,
        create_snapshot::CreateSnapshotInput, delete_snapshot::DeleteSnapshotInput,
        describe_snapshots::DescribeSnapshotsError, describe_snapshots::DescribeSnapshotsInput,
        list_tags_for_resource::ListTagsForResourceInput,
        remove_tags_from_resource::RemoveTagsFromResourceInput,
    };
    use awsgen_e2e::elasticache::types::Tag;

    let Some(moto) = Moto::start("elasticache_against_moto") else {
        return;
    };
    let client = awsgen_e2e::elasticache::Client::new(config(&moto)).expect("client");
    assert_eq!(client.endpoint(), moto.endpoint());
    let tag = |k: &str, v: &str| Tag::builder().key(k).value(v).build();

    let cluster = client
        .call(
            CreateCacheClusterInput::builder()
                .cache_cluster_id("awsgen-cluster")
                .engine("redis")
                .cache_node_type("cache.t3.micro")
                .num_cache_nodes(1)
                .build()
                .unwrap(),
        )
        .await
        .expect("CreateCacheCluster");
    let cluster = cluster.cache_cluster.expect("cluster in the output");
    assert_eq!(cluster.cache_cluster_id.as_deref(), Some("awsgen-cluster"));

    let created = client
        .call(
            CreateSnapshotInput::builder()
                .snapshot_name("awsgen-snap")
                .cache_cluster_id("awsgen-cluster")
                .build()
                .unwrap(),
        )
        .await
        .expect("CreateSnapshot")
        .snapshot
        .expect("snapshot in the output");
    assert_eq!(created.snapshot_name.as_deref(), Some("awsgen-snap"));
    assert_eq!(created.snapshot_status.as_deref(), Some("available"));

    // CopySnapshot (the plugin's), with every member.
    let copy = client
        .copy_snapshot()
        .source_snapshot_name("awsgen-snap")
        .target_snapshot_name("awsgen-copy")
        .kms_key_id("arn:aws:kms:us-east-1:123456789012:key/awsgen")
        .tags(tag("team", "storage"))
        .tags(tag("env", "test"))
        .send()
        .await
        .expect("CopySnapshot");
    assert!(copy.request_id().is_some(), "moto sends a request id");
    let copy = copy.snapshot.expect("snapshot in the output");
    assert_eq!(copy.snapshot_name.as_deref(), Some("awsgen-copy"));
    assert_eq!(copy.cache_cluster_id.as_deref(), Some("awsgen-cluster"));
    assert_eq!(
        copy.kms_key_id.as_deref(),
        Some("arn:aws:kms:us-east-1:123456789012:key/awsgen")
    );
    let arn = copy.arn.clone().expect("the copy has an ARN");

    // moto now reports both snapshots, and the copy by name.
    let all = client
        .describe_snapshots()
        .send()
        .await
        .expect("DescribeSnapshots")
        .snapshots
        .unwrap_or_default();
    let mut names: Vec<_> = all.iter().filter_map(|s| s.snapshot_name.clone()).collect();
    names.sort();
    assert_eq!(names, ["awsgen-copy", "awsgen-snap"]);
    let described = client
        .call(
            DescribeSnapshotsInput::builder()
                .snapshot_name("awsgen-copy")
                .build(),
        )
        .await
        .expect("DescribeSnapshots by name")
        .snapshots
        .unwrap_or_default();
    assert_eq!(described.len(), 1);
    assert_eq!(described[0].arn.as_deref(), Some(arn.as_str()));

    // Tags: the copy's, plus one added, minus one removed.
    let tags_of = |arn: String| {
        let client = client.clone();
        async move {
            let mut tags: Vec<(String, String)> = client
                .call(
                    ListTagsForResourceInput::builder()
                        .resource_name(arn)
                        .build()
                        .unwrap(),
                )
                .await
                .expect("ListTagsForResource")
                .tag_list
                .unwrap_or_default()
                .into_iter()
                .map(|t| (t.key.unwrap_or_default(), t.value.unwrap_or_default()))
                .collect();
            tags.sort();
            tags
        }
    };
    assert_eq!(
        tags_of(arn.clone()).await,
        [
            ("env".into(), "test".into()),
            ("team".into(), "storage".into())
        ]
    );
    client
        .call(
            AddTagsToResourceInput::builder()
                .resource_name(&arn)
                .tags(tag("owner", "awsgen"))
                .build()
                .unwrap(),
        )
        .await
        .expect("AddTagsToResource");
    client
        .call(
            RemoveTagsFromResourceInput::builder()
                .resource_name(&arn)
                .tag_keys("env")
                .build()
                .unwrap(),
        )
        .await
        .expect("RemoveTagsFromResource");
    assert_eq!(
        tags_of(arn.clone()).await,
        [
            ("owner".into(), "awsgen".into()),
            ("team".into(), "storage".into())
        ]
    );

    // Copying onto an existing name, and from a missing source: modeled errors, not retried.
    let err = client
        .call(
            CopySnapshotInput::builder()
                .source_snapshot_name("awsgen-snap")
                .target_snapshot_name("awsgen-copy")
                .build()
                .unwrap(),
        )
        .await
        .expect_err("the target exists");
    assert!(
        matches!(
            err.service_error(),
            Some(CopySnapshotError::SnapshotAlreadyExistsFault(_))
        ),
        "{err:?}"
    );
    let err = client
        .call(
            CopySnapshotInput::builder()
                .source_snapshot_name("no-such-snapshot")
                .target_snapshot_name("awsgen-copy-2")
                .build()
                .unwrap(),
        )
        .await
        .expect_err("the source is missing");
    assert_eq!(err.attempts(), 1, "a modeled client error is not retried");
    let text = err.to_string();
    assert!(
        text.starts_with("CopySnapshot failed: service error: SnapshotNotFoundFault"),
        "{text}"
    );
    match err.into_service_error() {
        Ok(CopySnapshotError::SnapshotNotFoundFault(fault)) => {
            assert_eq!(fault.meta.status(), 404);
            assert!(
                fault
                    .meta
                    .message()
                    .is_some_and(|m| m.contains("no-such-snapshot"))
            );
        }
        other => panic!("expected SnapshotNotFoundFault, got {other:?}"),
    }

    // Delete the copy: gone from DescribeSnapshots, which now answers SnapshotNotFoundFault.
    let deleted = client
        .call(
            DeleteSnapshotInput::builder()
                .snapshot_name("awsgen-copy")
                .build()
                .unwrap(),
        )
        .await
        .expect("DeleteSnapshot")
        .snapshot
        .expect("snapshot in the output");
    assert_eq!(deleted.snapshot_name.as_deref(), Some("awsgen-copy"));
    let err = client
        .call(
            DescribeSnapshotsInput::builder()
                .snapshot_name("awsgen-copy")
                .build(),
        )
        .await
        .expect_err("the copy is deleted");
    assert!(
        matches!(
            err.kind(),
            ErrorKind::Service(DescribeSnapshotsError::SnapshotNotFoundFault(_))
        ),
        "{err:?}"
    );
    let remaining = client
        .describe_snapshots()
        .send()
        .await
        .expect("DescribeSnapshots")
        .snapshots
        .unwrap_or_default();
    assert_eq!(remaining.len(), 1);
    assert_eq!(remaining[0].snapshot_name.as_deref(), Some("awsgen-snap"));
}

#[tokio::test]
#[cfg_attr(
    moto_missing,
    ignore = "moto[server] not installed: set AWSGEN_MOTO_PYTHON (see e2e/build.rs)"
)]
async fn memorydb_against_moto() {
    use awsgen_e2e::memorydb::operation::{
        copy_snapshot::CopySnapshotError, copy_snapshot::CopySnapshotInput,
        create_cluster::CreateClusterInput, create_snapshot::CreateSnapshotInput,
        delete_snapshot::DeleteSnapshotInput, describe_snapshots::DescribeSnapshotsError,
        describe_snapshots::DescribeSnapshotsInput, list_tags::ListTagsInput,
        tag_resource::TagResourceInput, untag_resource::UntagResourceInput,
    };
    use awsgen_e2e::memorydb::types::Tag;

    let Some(moto) = Moto::start("memorydb_against_moto") else {
        return;
    };
    let client = awsgen_e2e::memorydb::Client::new(config(&moto)).expect("client");
    let tag = |k: &str, v: &str| Tag::builder().key(k).value(v).build();

    let cluster = client
        .call(
            CreateClusterInput::builder()
                .cluster_name("awsgen-cluster")
                .node_type("db.t4g.small")
                .acl_name("open-access")
                .build()
                .unwrap(),
        )
        .await
        .expect("CreateCluster")
        .cluster
        .expect("cluster in the output");
    assert_eq!(cluster.name.as_deref(), Some("awsgen-cluster"));

    let created = client
        .call(
            CreateSnapshotInput::builder()
                .cluster_name("awsgen-cluster")
                .snapshot_name("awsgen-snap")
                .build()
                .unwrap(),
        )
        .await
        .expect("CreateSnapshot")
        .snapshot
        .expect("snapshot in the output");
    assert_eq!(created.name.as_deref(), Some("awsgen-snap"));
    assert_eq!(created.status.as_deref(), Some("available"));

    let copy = client
        .copy_snapshot()
        .source_snapshot_name("awsgen-snap")
        .target_snapshot_name("awsgen-copy")
        .kms_key_id("arn:aws:kms:us-east-1:123456789012:key/awsgen")
        .tags(tag("team", "storage"))
        .tags(tag("env", "test"))
        .send()
        .await
        .expect("CopySnapshot")
        .snapshot
        .expect("snapshot in the output");
    assert_eq!(copy.name.as_deref(), Some("awsgen-copy"));
    assert_eq!(
        copy.kms_key_id.as_deref(),
        Some("arn:aws:kms:us-east-1:123456789012:key/awsgen")
    );
    let config = copy.cluster_configuration.as_ref().expect("configuration");
    assert_eq!(config.name.as_deref(), Some("awsgen-cluster"));
    let arn = copy.arn.clone().expect("the copy has an ARN");

    let all = client
        .describe_snapshots()
        .send()
        .await
        .expect("DescribeSnapshots")
        .snapshots
        .unwrap_or_default();
    let mut names: Vec<_> = all.iter().filter_map(|s| s.name.clone()).collect();
    names.sort();
    assert_eq!(names, ["awsgen-copy", "awsgen-snap"]);
    let detailed = client
        .call(
            DescribeSnapshotsInput::builder()
                .snapshot_name("awsgen-copy")
                .show_detail(true)
                .build(),
        )
        .await
        .expect("DescribeSnapshots by name")
        .snapshots
        .unwrap_or_default();
    assert_eq!(detailed.len(), 1);
    let shards = detailed[0]
        .cluster_configuration
        .as_ref()
        .and_then(|c| c.shards.as_ref())
        .expect("ShowDetail gives the shards");
    assert!(!shards.is_empty());
    assert!(
        shards.iter().all(|s| s.snapshot_creation_time.is_some()),
        "epoch-seconds timestamps parse"
    );

    let sorted = |tags: Option<Vec<Tag>>| {
        let mut tags: Vec<(String, String)> = tags
            .unwrap_or_default()
            .into_iter()
            .map(|t| (t.key.unwrap_or_default(), t.value.unwrap_or_default()))
            .collect();
        tags.sort();
        tags
    };
    let listed = client
        .call(ListTagsInput::builder().resource_arn(&arn).build().unwrap())
        .await
        .expect("ListTags");
    assert_eq!(
        sorted(listed.tag_list),
        [
            ("env".into(), "test".into()),
            ("team".into(), "storage".into())
        ]
    );
    let tagged = client
        .call(
            TagResourceInput::builder()
                .resource_arn(&arn)
                .tags(tag("owner", "awsgen"))
                .build()
                .unwrap(),
        )
        .await
        .expect("TagResource");
    assert_eq!(sorted(tagged.tag_list).len(), 3);
    client
        .call(
            UntagResourceInput::builder()
                .resource_arn(&arn)
                .tag_keys("env")
                .build()
                .unwrap(),
        )
        .await
        .expect("UntagResource");
    let listed = client
        .call(ListTagsInput::builder().resource_arn(&arn).build().unwrap())
        .await
        .expect("ListTags");
    assert_eq!(
        sorted(listed.tag_list),
        [
            ("owner".into(), "awsgen".into()),
            ("team".into(), "storage".into())
        ]
    );

    let err = client
        .call(
            CopySnapshotInput::builder()
                .source_snapshot_name("awsgen-snap")
                .target_snapshot_name("awsgen-copy")
                .build()
                .unwrap(),
        )
        .await
        .expect_err("the target exists");
    assert!(
        matches!(
            err.service_error(),
            Some(CopySnapshotError::SnapshotAlreadyExistsFault(_))
        ),
        "{err:?}"
    );
    let err = client
        .call(
            CopySnapshotInput::builder()
                .source_snapshot_name("no-such-snapshot")
                .target_snapshot_name("awsgen-copy-2")
                .build()
                .unwrap(),
        )
        .await
        .expect_err("the source is missing");
    assert_eq!(err.attempts(), 1, "a modeled client error is not retried");
    assert!(
        err.to_string()
            .starts_with("CopySnapshot failed: service error: SnapshotNotFoundFault"),
        "{err}"
    );
    assert!(
        matches!(
            err.service_error(),
            Some(CopySnapshotError::SnapshotNotFoundFault(_))
        ),
        "{err:?}"
    );

    let deleted = client
        .call(
            DeleteSnapshotInput::builder()
                .snapshot_name("awsgen-copy")
                .build()
                .unwrap(),
        )
        .await
        .expect("DeleteSnapshot")
        .snapshot
        .expect("snapshot in the output");
    assert_eq!(deleted.name.as_deref(), Some("awsgen-copy"));
    let err = client
        .call(
            DescribeSnapshotsInput::builder()
                .snapshot_name("awsgen-copy")
                .build(),
        )
        .await
        .expect_err("the copy is deleted");
    assert!(
        matches!(
            err.service_error(),
            Some(DescribeSnapshotsError::SnapshotNotFoundFault(_))
        ),
        "{err:?}"
    );
}

/// restJson1 end to end: API Gateway REST APIs and resources through the generated client —
/// request bodies, URI labels, query parameters (`limit`, `position`), status codes other than
/// 200 (201, 202), paging with `next_page` and the client's `into_pages`, and a typed `NotFoundException` — each checked
/// against what moto reports afterwards.
#[tokio::test]
async fn apigateway_against_moto() {
    use awsgen_e2e::apigateway::operation::{
        create_resource::CreateResourceInput, create_rest_api::CreateRestApiInput,
        delete_rest_api::DeleteRestApiInput, get_resource::GetResourceInput,
        get_resources::GetResourcesInput, get_rest_api::GetRestApiError,
        get_rest_api::GetRestApiInput, get_rest_apis::GetRestApisInput,
    };

    let Some(moto) = Moto::start("apigateway_against_moto") else {
        return;
    };
    let client = awsgen_e2e::apigateway::Client::new(config(&moto)).expect("client");

    let mut ids = Vec::new();
    for name in ["awsgen-one", "awsgen-two", "awsgen-three"] {
        let api = client
            .call(
                CreateRestApiInput::builder()
                    .name(name)
                    .description("made by awsgen")
                    .build()
                    .unwrap(),
            )
            .await
            .expect("CreateRestApi");
        assert_eq!(api.name.as_deref(), Some(name));
        assert_eq!(api.description.as_deref(), Some("made by awsgen"));
        ids.push((
            api.id.expect("an id"),
            api.root_resource_id.expect("a root resource"),
        ));
    }

    // Every page, two at a time, until `next_page` says there is no more.
    let mut input = GetRestApisInput::builder().limit(2).build();
    let mut seen = Vec::new();
    for _ in 0..10 {
        let page = client.call(input.clone()).await.expect("GetRestApis");
        seen.extend(
            page.items
                .clone()
                .unwrap_or_default()
                .into_iter()
                .filter_map(|a| a.name),
        );
        match input.next_page(&page) {
            Some(next) => input = next,
            None => break,
        }
    }
    seen.sort();
    assert_eq!(seen, ["awsgen-one", "awsgen-three", "awsgen-two"]);

    // The same through the client's pages. moto 5.2.5 ignores `limit` and returns every API
    // on one page (so the page-by-page paging is checked with a scripted transport in
    // client_behaviour.rs); the pages end when it sends no `position`.
    let mut pages = client.get_rest_apis().limit(2).into_pages();
    let mut sizes = Vec::new();
    let mut paged = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.expect("GetRestApis page");
        sizes.push(page.items().len());
        paged.extend(page.items().iter().filter_map(|a| a.name.clone()));
    }
    paged.sort();
    assert_eq!(paged, seen);
    assert_eq!(sizes, [3]);

    // A resource under the root, by URI labels, then read back by its own id.
    let (api, root) = ids[0].clone();
    let created = client
        .call(
            CreateResourceInput::builder()
                .rest_api_id(api.clone())
                .parent_id(root.clone())
                .path_part("pets")
                .build()
                .unwrap(),
        )
        .await
        .expect("CreateResource");
    assert_eq!(created.path_part.as_deref(), Some("pets"));
    assert_eq!(created.path.as_deref(), Some("/pets"));
    assert_eq!(created.parent_id.as_deref(), Some(root.as_str()));
    let resource_id = created.id.expect("an id");
    let read = client
        .call(
            GetResourceInput::builder()
                .rest_api_id(api.clone())
                .resource_id(resource_id.clone())
                .build()
                .unwrap(),
        )
        .await
        .expect("GetResource");
    assert_eq!(read.path.as_deref(), Some("/pets"));
    let all = client
        .call(
            GetResourcesInput::builder()
                .rest_api_id(api.clone())
                .build()
                .unwrap(),
        )
        .await
        .expect("GetResources")
        .items
        .unwrap_or_default();
    let mut paths: Vec<_> = all.into_iter().filter_map(|r| r.path).collect();
    paths.sort();
    assert_eq!(paths, ["/", "/pets"]);

    // Delete one API: moto no longer has it, and asking for it is a typed NotFoundException.
    client
        .call(
            DeleteRestApiInput::builder()
                .rest_api_id(api.clone())
                .build()
                .unwrap(),
        )
        .await
        .expect("DeleteRestApi");
    let err = client
        .call(GetRestApiInput::builder().rest_api_id(api).build().unwrap())
        .await
        .expect_err("the API is gone");
    match err.service_error() {
        Some(GetRestApiError::NotFoundException(e)) => {
            assert_eq!(e.meta.code(), "NotFoundException");
            assert_eq!(e.meta.status(), 404);
        }
        other => panic!("expected NotFoundException, got {other:?} ({err})"),
    }

    // An empty URI label is refused before anything is sent.
    let err = client
        .call(GetRestApiInput::builder().rest_api_id("").build().unwrap())
        .await
        .expect_err("an empty label");
    match err.kind() {
        ErrorKind::InvalidRequest(e) => assert_eq!(e.member(), "restApiId"),
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
}

/// ec2 end to end: instances and tags through the generated client — the ec2 query dialect's
/// parameter names (`ImageId`, `TagSpecification.N…`, `Filter.N.Value.N`), its responses
/// without a result wrapper (`reservationSet`, `instancesSet`, `item` lists), paging with
/// `next_page`, and an error in the `<Response><Errors><Error>` envelope — each checked against
/// what moto reports afterwards.
#[tokio::test]
#[cfg_attr(
    moto_missing,
    ignore = "moto[server] not installed: set AWSGEN_MOTO_PYTHON (see e2e/build.rs)"
)]
async fn ec2_against_moto() {
    use awsgen_e2e::ec2::operation::{
        create_tags::CreateTagsInput, describe_instances::DescribeInstancesInput,
        run_instances::RunInstancesInput, terminate_instances::TerminateInstancesInput,
    };
    use awsgen_e2e::ec2::types::{Filter, InstanceType, Tag};

    let Some(moto) = Moto::start("ec2_against_moto") else {
        return;
    };
    let client = awsgen_e2e::ec2::Client::new(config(&moto)).expect("client");

    let run = client
        .call(
            RunInstancesInput::builder()
                .image_id("ami-12c6146b")
                .instance_type(InstanceType::from("t2.micro"))
                .min_count(6)
                .max_count(6)
                .build()
                .unwrap(),
        )
        .await
        .expect("RunInstances");
    assert!(run.request_id().is_some(), "moto sends a request id");
    let ids: Vec<String> = run
        .instances
        .unwrap_or_default()
        .into_iter()
        .filter_map(|i| i.instance_id)
        .collect();
    assert_eq!(ids.len(), 6, "six instances: {ids:?}");
    assert!(ids.iter().all(|id| id.starts_with("i-")), "{ids:?}");

    // Tag four of them; the filter then finds exactly those.
    let tagged = &ids[..4];
    client
        .call(
            CreateTagsInput::builder()
                .set_resources(Some(tagged.to_vec()))
                .tags(Tag::builder().key("team").value("awsgen").build())
                .build()
                .unwrap(),
        )
        .await
        .expect("CreateTags");

    // Every page of the tagged instances, five at a time (EC2's smallest page), until
    // `next_page` says there is no more.
    let filter = Filter::builder().name("tag:team").values("awsgen").build();
    let mut input = DescribeInstancesInput::builder()
        .filters(filter)
        .max_results(5)
        .build();
    let mut seen = Vec::new();
    let mut pages = 0;
    for _ in 0..10 {
        let page = client.call(input.clone()).await.expect("DescribeInstances");
        pages += 1;
        for reservation in page.reservations.clone().unwrap_or_default() {
            for instance in reservation.instances.unwrap_or_default() {
                let tags = instance.tags.clone().unwrap_or_default();
                assert!(
                    tags.iter().any(|t| t.key.as_deref() == Some("team")
                        && t.value.as_deref() == Some("awsgen")),
                    "a filtered instance has the tag: {tags:?}"
                );
                seen.extend(instance.instance_id);
            }
        }
        match input.next_page(&page) {
            Some(next) => input = next,
            None => break,
        }
    }
    seen.sort();
    let mut expected = tagged.to_vec();
    expected.sort();
    assert_eq!(seen, expected, "{pages} page(s)");

    // Terminate all six: each is shutting down or terminated.
    let terminated = client
        .call(
            TerminateInstancesInput::builder()
                .set_instance_ids(Some(ids.clone()))
                .build()
                .unwrap(),
        )
        .await
        .expect("TerminateInstances")
        .terminating_instances
        .unwrap_or_default();
    assert_eq!(terminated.len(), 6);
    for change in &terminated {
        let state = change
            .current_state
            .as_ref()
            .and_then(|s| s.name.as_ref())
            .map(|n| n.as_str().to_owned());
        assert!(
            matches!(state.as_deref(), Some("shutting-down" | "terminated")),
            "{change:?}"
        );
    }

    // An unknown instance id: EC2 models no errors, so the error is `Unhandled`, with the code,
    // message and request id of the ec2 error envelope.
    let err = client
        .call(
            DescribeInstancesInput::builder()
                .instance_ids("i-0123456789abcdef0")
                .build(),
        )
        .await
        .expect_err("an unknown instance");
    let service = err.service_error().expect("a service error");
    let meta = service.meta();
    assert_eq!(meta.code(), "InvalidInstanceID.NotFound", "{err}");
    assert_eq!(meta.status(), 400);
    assert!(
        meta.message()
            .is_some_and(|m| m.contains("i-0123456789abcdef0")),
        "{err}"
    );
    assert!(meta.request_id().is_some(), "{err}");
}

/// restXml end to end: Route 53 hosted zones and record sets through the generated client —
/// request documents with their namespace (`CreateHostedZoneRequest`,
/// `ChangeResourceRecordSetsRequest`), URI labels, a 201 status, response documents with
/// nested lists, and a typed `NoSuchHostedZone` in the `<ErrorResponse>` envelope — each
/// checked against what moto reports afterwards.
#[tokio::test]
#[cfg_attr(
    moto_missing,
    ignore = "moto[server] not installed: set AWSGEN_MOTO_PYTHON (see e2e/build.rs)"
)]
async fn route53_against_moto() {
    use awsgen_e2e::route53::operation::{
        change_resource_record_sets::ChangeResourceRecordSetsInput,
        create_hosted_zone::CreateHostedZoneInput, delete_hosted_zone::DeleteHostedZoneInput,
        list_resource_record_sets::ListResourceRecordSetsError,
        list_resource_record_sets::ListResourceRecordSetsInput,
    };
    use awsgen_e2e::route53::types::{
        Change, ChangeAction, ChangeBatch, ResourceRecord, ResourceRecordSet, RrType,
    };

    let Some(moto) = Moto::start("route53_against_moto") else {
        return;
    };
    let client = awsgen_e2e::route53::Client::new(config(&moto)).expect("client");

    let created = client
        .call(
            CreateHostedZoneInput::builder()
                .name("awsgen.example.com.")
                .caller_reference("awsgen-1")
                .build()
                .unwrap(),
        )
        .await
        .expect("CreateHostedZone");
    let zone = created.hosted_zone.expect("a hosted zone");
    assert_eq!(zone.name.as_deref(), Some("awsgen.example.com."));
    assert!(created.location.is_some(), "the Location header is bound");
    let full_id = zone.id.expect("an id");
    let id = full_id.trim_start_matches("/hostedzone/").to_owned();

    let record = |action: &str| {
        Change::builder()
            .action(ChangeAction::from(action))
            .resource_record_set(
                ResourceRecordSet::builder()
                    .name("www.awsgen.example.com.")
                    .r#type(RrType::from("A"))
                    .ttl(300)
                    .resource_records(
                        ResourceRecord::builder()
                            .value("192.0.2.1")
                            .build()
                            .unwrap(),
                    )
                    .build()
                    .unwrap(),
            )
            .build()
            .unwrap()
    };
    let change = |action: &str| {
        ChangeResourceRecordSetsInput::builder()
            .hosted_zone_id(id.clone())
            .change_batch(
                ChangeBatch::builder()
                    .comment("by awsgen")
                    .changes(record(action))
                    .build()
                    .unwrap(),
            )
            .build()
            .unwrap()
    };
    let changed = client
        .call(change("CREATE"))
        .await
        .expect("ChangeResourceRecordSets");
    assert!(changed.change_info.is_some(), "{changed:?}");

    let list = client
        .call(
            ListResourceRecordSetsInput::builder()
                .hosted_zone_id(id.clone())
                .build()
                .unwrap(),
        )
        .await
        .expect("ListResourceRecordSets")
        .resource_record_sets
        .unwrap_or_default();
    let www = list
        .iter()
        .find(|r| r.name.as_deref() == Some("www.awsgen.example.com."))
        .unwrap_or_else(|| panic!("the new record is listed: {list:?}"));
    assert_eq!(www.r#type.as_ref().map(|t| t.as_str()), Some("A"));
    assert_eq!(www.ttl, Some(300));
    let values: Vec<_> = www
        .resource_records
        .iter()
        .flatten()
        .filter_map(|r| r.value.as_deref())
        .collect();
    assert_eq!(values, ["192.0.2.1"]);

    client
        .call(change("DELETE"))
        .await
        .expect("ChangeResourceRecordSets (DELETE)");
    client
        .call(
            DeleteHostedZoneInput::builder()
                .id(id.clone())
                .build()
                .unwrap(),
        )
        .await
        .expect("DeleteHostedZone");

    // The zone is gone: listing it is a typed NoSuchHostedZone.
    let err = client
        .call(
            ListResourceRecordSetsInput::builder()
                .hosted_zone_id(id)
                .build()
                .unwrap(),
        )
        .await
        .expect_err("the zone is gone");
    match err.service_error() {
        Some(ListResourceRecordSetsError::NoSuchHostedZone(e)) => {
            assert_eq!(e.meta.code(), "NoSuchHostedZone");
            assert_eq!(e.meta.status(), 404);
        }
        other => panic!("expected NoSuchHostedZone, got {other:?} ({err})"),
    }
}
