//! Paginators on recorded responses: `next_page` turns each page's output into the next
//! input (and the request carries the token), `items` gives the page's items, and pagination
//! ends when the service stops sending a token or repeats the one it was sent. ElastiCache
//! (awsQuery, `Marker`) and MemoryDB (awsJson, `NextToken`), from the conformance package's
//! generated `DescribeSnapshots`.

use awsgen_conformance::elasticache::operation::describe_snapshots::{
    DescribeSnapshots as EcDescribe, DescribeSnapshotsInput as EcInput,
};
use awsgen_conformance::memorydb_json::operation::describe_snapshots::{
    DescribeSnapshots as MdbDescribe, DescribeSnapshotsInput as MdbInput,
};
use awsgen_conformance::runtime::Operation as _;

fn ec_page(marker: Option<&str>, names: &[&str]) -> String {
    let marker = marker.map_or(String::new(), |m| format!("<Marker>{m}</Marker>"));
    let snapshots: String = names
        .iter()
        .map(|n| format!("<Snapshot><SnapshotName>{n}</SnapshotName></Snapshot>"))
        .collect();
    format!(
        "<DescribeSnapshotsResponse xmlns=\"http://elasticache.amazonaws.com/doc/2015-02-02/\">\
         <DescribeSnapshotsResult>{marker}<Snapshots>{snapshots}</Snapshots></DescribeSnapshotsResult>\
         <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DescribeSnapshotsResponse>"
    )
}

fn body(request: &http::Request<Vec<u8>>) -> String {
    String::from_utf8(request.body().clone()).expect("form body")
}

#[test]
fn elasticache_describe_snapshots_pages_through_markers() {
    let first = EcInput::builder().max_records(20).build();
    assert!(
        !body(&EcDescribe::build_request(&first).expect("the request builds")).contains("Marker")
    );

    let page1 = EcDescribe::parse_response(
        200,
        &http::HeaderMap::new(),
        ec_page(Some("m-2"), &["a", "b"]).as_bytes(),
    )
    .expect("page 1 parses");
    let names: Vec<_> = page1
        .items()
        .iter()
        .map(|s| s.snapshot_name.as_deref())
        .collect();
    assert_eq!(names, [Some("a"), Some("b")]);

    let second = first
        .next_page(&page1)
        .expect("a marker means another page");
    assert_eq!(second.marker.as_deref(), Some("m-2"));
    assert_eq!(
        second.max_records,
        Some(20),
        "the rest of the input is kept"
    );
    let request = EcDescribe::build_request(&second).expect("the request builds");
    assert!(
        body(&request).split('&').any(|p| p == "Marker=m-2"),
        "{}",
        body(&request)
    );

    let page2 = EcDescribe::parse_response(
        200,
        &http::HeaderMap::new(),
        ec_page(None, &["c"]).as_bytes(),
    )
    .expect("page 2 parses");
    assert_eq!(page2.items().len(), 1);
    assert_eq!(second.next_page(&page2), None, "no marker: last page");

    // An empty marker also ends, and a repeated one (a service bug) does not loop forever.
    let empty = EcDescribe::parse_response(
        200,
        &http::HeaderMap::new(),
        ec_page(Some(""), &[]).as_bytes(),
    )
    .expect("parses");
    assert_eq!(second.next_page(&empty), None);
    let repeated = EcDescribe::parse_response(
        200,
        &http::HeaderMap::new(),
        ec_page(Some("m-2"), &[]).as_bytes(),
    )
    .expect("parses");
    assert_eq!(second.next_page(&repeated), None);
}

#[test]
fn memorydb_describe_snapshots_pages_through_next_tokens() {
    let first = MdbInput::builder().cluster_name("c").max_results(2).build();
    let page1 = MdbDescribe::parse_response(
        200,
        &http::HeaderMap::new(),
        br#"{"NextToken":"t-2","Snapshots":[{"Name":"a"},{"Name":"b","Status":"available"}]}"#,
    )
    .expect("page 1 parses");
    assert_eq!(page1.items().len(), 2);
    assert_eq!(page1.items()[1].status.as_deref(), Some("available"));

    let second = first.next_page(&page1).expect("a token means another page");
    assert_eq!(second.next_token.as_deref(), Some("t-2"));
    assert_eq!(second.cluster_name.as_deref(), Some("c"));
    let request = MdbDescribe::build_request(&second).expect("the request builds");
    let json: serde_json::Value = serde_json::from_slice(request.body()).expect("JSON body");
    assert_eq!(json["NextToken"], "t-2");
    assert_eq!(json["MaxResults"], 2);

    let page2 = MdbDescribe::parse_response(200, &http::HeaderMap::new(), br#"{"Snapshots":[]}"#)
        .expect("page 2 parses");
    assert!(page2.items().is_empty());
    assert_eq!(second.next_page(&page2), None, "no token: last page");
}
