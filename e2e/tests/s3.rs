//! The generated S3 client against moto (path-style addressing: moto's endpoint is an IP
//! address, so the rule set puts the bucket in the path, and the generated request paths no
//! longer name it): create a bucket, put and get objects, a multipart upload completed,
//! ListObjectsV2 paged over 1,100 keys, CopyObject, a presigned GET fetched with a plain
//! HTTP/1.1 request, DeleteObjects, GetBucketLocation, and the typed errors `NoSuchKey` and
//! `NoSuchBucket`. Without moto the test is `ignored` (see `tests/moto.rs`).

use std::time::Duration;

use awsgen_e2e::moto::Moto;
use awsgen_e2e::runtime::Blob;
use awsgen_e2e::s3::Client;
use awsgen_e2e::s3::types::{CompletedMultipartUpload, CompletedPart, Delete, ObjectIdentifier};

const BUCKET: &str = "awsgen-bucket";

fn client(moto: &Moto) -> Client {
    Client::new(moto.config()).expect("client")
}

/// GET `url` with a bare HTTP/1.1 request on a TCP socket: status and body.
async fn plain_get(url: &http::Uri) -> (u16, Vec<u8>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let authority = url.authority().expect("host").as_str();
    let mut stream = tokio::net::TcpStream::connect(authority)
        .await
        .expect("connect");
    let target = url.path_and_query().expect("path").as_str();
    let head = format!("GET {target} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n\r\n");
    stream.write_all(head.as_bytes()).await.expect("write");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.expect("read");
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a head");
    let head = String::from_utf8_lossy(&response[..split]).into_owned();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status");
    assert!(
        !head
            .to_ascii_lowercase()
            .contains("transfer-encoding: chunked"),
        "{head}"
    );
    (status, response[split + 4..].to_vec())
}

#[tokio::test]
#[cfg_attr(
    moto_missing,
    ignore = "moto[server] not installed: set AWSGEN_MOTO_PYTHON (see e2e/build.rs)"
)]
async fn s3_against_moto() {
    let Some(moto) = Moto::start("s3_against_moto") else {
        return;
    };
    let client = client(&moto);

    client
        .create_bucket()
        .bucket(BUCKET)
        .send()
        .await
        .expect("CreateBucket");
    let location = client
        .get_bucket_location()
        .bucket(BUCKET)
        .send()
        .await
        .expect("GetBucketLocation");
    // us-east-1 is the empty LocationConstraint.
    assert_eq!(
        location.location_constraint.map(|l| l.as_str().to_owned()),
        None
    );

    client
        .put_object()
        .bucket(BUCKET)
        .key("dir/hello world.txt")
        .body(Blob::new(b"hello, S3".to_vec()))
        .send()
        .await
        .expect("PutObject");
    let got = client
        .get_object()
        .bucket(BUCKET)
        .key("dir/hello world.txt")
        .send()
        .await
        .expect("GetObject");
    assert_eq!(
        got.body.expect("a body").collect().await.expect("the body"),
        b"hello, S3"
    );
    assert_eq!(got.content_length, Some(9));
    let head = client
        .head_object()
        .bucket(BUCKET)
        .key("dir/hello world.txt")
        .send()
        .await
        .expect("HeadObject");
    assert_eq!(head.content_length, Some(9));

    // Typed errors: a GET of a missing key has an XML body; a HEAD has none.
    let missing = client
        .get_object()
        .bucket(BUCKET)
        .key("nope")
        .send()
        .await
        .unwrap_err();
    assert!(
        missing.service_error().is_some_and(|e| e.is_no_such_key()),
        "{missing:?}"
    );
    let missing = client
        .head_object()
        .bucket(BUCKET)
        .key("nope")
        .send()
        .await
        .unwrap_err();
    assert!(
        missing.service_error().is_some_and(|e| e.is_no_such_key()),
        "{missing:?}"
    );
    let no_bucket = client
        .head_bucket()
        .bucket("awsgen-no-such-bucket")
        .send()
        .await
        .unwrap_err();
    assert!(
        no_bucket
            .service_error()
            .is_some_and(|e| e.is_no_such_bucket()),
        "{no_bucket:?}"
    );
    let no_bucket = client
        .list_objectsv2()
        .bucket("awsgen-no-such-bucket")
        .send()
        .await
        .unwrap_err();
    assert!(
        no_bucket
            .service_error()
            .is_some_and(|e| e.is_no_such_bucket()),
        "{no_bucket:?}"
    );

    // Presigned GET, fetched without the client or credentials.
    let url = client
        .presign(
            awsgen_e2e::s3::operation::get_object::GetObjectInput::builder()
                .bucket(BUCKET)
                .key("dir/hello world.txt")
                .build()
                .unwrap(),
            Duration::from_secs(300),
        )
        .await
        .expect("presign");
    assert!(
        url.query().is_some_and(|q| q.contains("X-Amz-Signature=")),
        "{url}"
    );
    let (status, body) = plain_get(&url).await;
    assert_eq!((status, &body[..]), (200, &b"hello, S3"[..]), "{url}");

    // CopyObject.
    client
        .copy_object()
        .bucket(BUCKET)
        .key("copy.txt")
        .copy_source(format!("{BUCKET}/dir/hello%20world.txt"))
        .send()
        .await
        .expect("CopyObject");
    let copy = client
        .get_object()
        .bucket(BUCKET)
        .key("copy.txt")
        .send()
        .await
        .expect("GetObject of the copy");
    assert_eq!(
        copy.body
            .expect("a body")
            .collect()
            .await
            .expect("the body"),
        b"hello, S3"
    );

    // Multipart: a 5 MiB part (the smallest S3 allows but for the last) and a small one.
    let upload = client
        .create_multipart_upload()
        .bucket(BUCKET)
        .key("multi")
        .send()
        .await
        .expect("CreateMultipartUpload");
    let upload_id = upload.upload_id.expect("an upload id");
    let parts = [vec![b'a'; 5 * 1024 * 1024], b"tail".to_vec()];
    let mut completed = Vec::new();
    for (n, part) in (1..).zip(&parts) {
        let uploaded = client
            .upload_part()
            .bucket(BUCKET)
            .key("multi")
            .upload_id(&upload_id)
            .part_number(n)
            .body(Blob::new(part.clone()))
            .send()
            .await
            .expect("UploadPart");
        completed.push(
            CompletedPart::builder()
                .part_number(n)
                .e_tag(uploaded.e_tag.expect("an ETag"))
                .build(),
        );
    }
    client
        .complete_multipart_upload()
        .bucket(BUCKET)
        .key("multi")
        .upload_id(&upload_id)
        .multipart_upload(
            CompletedMultipartUpload::builder()
                .set_parts(Some(completed))
                .build(),
        )
        .send()
        .await
        .expect("CompleteMultipartUpload");
    let multi = client
        .head_object()
        .bucket(BUCKET)
        .key("multi")
        .send()
        .await
        .expect("HeadObject of the multipart object");
    assert_eq!(multi.content_length, Some(5 * 1024 * 1024 + 4));

    // 1,100 keys, 50 uploads at a time, then ListObjectsV2 pages of at most 1,000.
    let keys: Vec<String> = (0..1100).map(|i| format!("many/{i:04}")).collect();
    for chunk in keys.chunks(50) {
        let mut tasks = tokio::task::JoinSet::new();
        for key in chunk {
            let client = client.clone();
            let key = key.clone();
            tasks.spawn(async move {
                client
                    .put_object()
                    .bucket(BUCKET)
                    .key(key)
                    .body(Blob::new(Vec::new()))
                    .send()
                    .await
                    .map(|_| ())
            });
        }
        while let Some(done) = tasks.join_next().await {
            done.expect("task").expect("PutObject");
        }
    }
    let pages = client
        .list_objectsv2()
        .bucket(BUCKET)
        .prefix("many/")
        .into_pages()
        .collect()
        .await
        .expect("ListObjectsV2 pages");
    let listed: Vec<String> = pages
        .iter()
        .flat_map(|p| p.contents())
        .filter_map(|o| o.key.clone())
        .collect();
    assert_eq!(pages.len(), 2, "1,000 keys then 100");
    assert_eq!(listed, keys);

    // DeleteObjects, then nothing is left under the prefix.
    for chunk in keys.chunks(1000) {
        let deleted = client
            .delete_objects()
            .bucket(BUCKET)
            .delete(
                Delete::builder()
                    .set_objects(Some(
                        chunk
                            .iter()
                            .map(|k| ObjectIdentifier::builder().key(k).build().unwrap())
                            .collect(),
                    ))
                    .build()
                    .unwrap(),
            )
            .send()
            .await
            .expect("DeleteObjects");
        assert_eq!(deleted.deleted.as_ref().map(Vec::len), Some(chunk.len()));
    }
    let left = client
        .list_objectsv2()
        .bucket(BUCKET)
        .prefix("many/")
        .send()
        .await
        .expect("ListObjectsV2");
    assert!(left.contents().is_empty());
}
