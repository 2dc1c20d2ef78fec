//! Streaming bodies of the generated S3 client against moto, alone in this test binary because
//! it measures the process's peak memory (`VmHWM`, process-wide): a 100 MiB object uploaded
//! from a body generated on the fly and downloaded as a stream, each chunk checked as it
//! arrives, with the peak resident memory growing by less than 32 MiB over the whole round
//! trip; a multipart upload of two streamed 5 MiB parts; an upload from a file. moto listens on
//! plain `http`, so the uploads go in signed chunks (`STREAMING-AWS4-HMAC-SHA256-PAYLOAD`),
//! which moto decodes. Without moto the test is `ignored` (see `tests/moto.rs`).

use awsgen_e2e::moto::Moto;
use awsgen_e2e::pattern::{Checker, Pattern};
use awsgen_e2e::runtime::ByteStream;
use awsgen_e2e::s3::Client;
use awsgen_e2e::s3::types::{CompletedMultipartUpload, CompletedPart};

const BUCKET: &str = "awsgen-stream";
const BIG: u64 = 100 * 1024 * 1024;
const PART: u64 = 5 * 1024 * 1024;
const MIB: u64 = 1024 * 1024;

/// The process's peak resident memory so far (`VmHWM`), in bytes.
fn peak_rss() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("a VmHWM line");
    kb * 1024
}

/// Downloads `key` as a stream, checking each chunk against the pattern: the length read.
async fn download_checked(client: &Client, key: &str) -> u64 {
    let got = client
        .get_object()
        .bucket(BUCKET)
        .key(key)
        .send()
        .await
        .expect("GetObject");
    let mut body = got.body.expect("a body");
    assert_eq!(
        body.as_bytes(),
        None,
        "the body is streamed, not read whole"
    );
    let mut checker = Checker::default();
    while let Some(chunk) = body.next_chunk().await.expect("a chunk") {
        checker.feed(&chunk);
    }
    assert_eq!(checker.first_difference(), None, "{key} differs");
    checker.seen()
}

#[tokio::test]
#[cfg_attr(
    moto_missing,
    ignore = "moto[server] not installed: set AWSGEN_MOTO_PYTHON (see e2e/build.rs)"
)]
async fn s3_streams_against_moto() {
    let Some((_moto, client)) = Moto::s3_bucket("s3_streams_against_moto", BUCKET).await else {
        return;
    };

    // A small streamed round trip first, so that the baseline includes the client's and the
    // runtime's own allocations (connection pool, TLS set-up, buffers of the first request).
    client
        .put_object()
        .bucket(BUCKET)
        .key("warm-up")
        .body(ByteStream::from_source(
            Pattern::new(300_000),
            Some(300_000),
        ))
        .send()
        .await
        .expect("PutObject warm-up");
    assert_eq!(download_checked(&client, "warm-up").await, 300_000);

    let before = peak_rss();
    let put = client
        .put_object()
        .bucket(BUCKET)
        .key("big")
        .body(ByteStream::from_source(Pattern::new(BIG), Some(BIG)))
        .send()
        .await
        .expect("PutObject of 100 MiB");
    assert!(put.e_tag.is_some());
    let head = client
        .head_object()
        .bucket(BUCKET)
        .key("big")
        .send()
        .await
        .expect("HeadObject");
    assert_eq!(head.content_length, Some(BIG as i64));
    // Content-Encoding aws-chunked is the upload's framing, not the object's.
    assert_eq!(head.content_encoding, None);
    assert_eq!(download_checked(&client, "big").await, BIG);
    let growth = peak_rss().saturating_sub(before);
    eprintln!(
        "peak RSS grew by {:.1} MiB over the 100 MiB round trip",
        growth as f64 / MIB as f64
    );
    assert!(
        growth < 32 * MIB,
        "peak RSS grew by {growth} bytes over a 100 MiB upload and download"
    );

    // Multipart: two streamed parts of 5 MiB (the first in odd-sized chunks, regrouped into
    // 64 KiB signed chunks), then the whole object checked.
    let upload_id = client
        .create_multipart_upload()
        .bucket(BUCKET)
        .key("multi")
        .send()
        .await
        .expect("CreateMultipartUpload")
        .upload_id
        .expect("an upload id");
    let mut parts = Vec::new();
    for n in 1..=2 {
        let start = (n as u64 - 1) * PART;
        let body = Pattern::range(start, PART).with_chunk(if n == 1 { 100_003 } else { 8192 });
        let uploaded = client
            .upload_part()
            .bucket(BUCKET)
            .key("multi")
            .upload_id(&upload_id)
            .part_number(n)
            .body(ByteStream::from_source(body, Some(PART)))
            .send()
            .await
            .expect("UploadPart");
        parts.push(
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
                .set_parts(Some(parts))
                .build(),
        )
        .send()
        .await
        .expect("CompleteMultipartUpload");
    assert_eq!(download_checked(&client, "multi").await, 2 * PART);

    // From a file (opened when sent), then read back whole.
    let path = std::env::temp_dir().join(format!("awsgen-s3-stream-{}", std::process::id()));
    let bytes: Vec<u8> = (0..200_000).map(awsgen_e2e::pattern::byte).collect();
    std::fs::write(&path, &bytes).expect("a temporary file");
    let stream = ByteStream::from_path(&path).expect("the file");
    assert_eq!(stream.length(), Some(200_000));
    let sent = client
        .put_object()
        .bucket(BUCKET)
        .key("file")
        .body(stream)
        .send()
        .await;
    std::fs::remove_file(&path).expect("remove the temporary file");
    sent.expect("PutObject from a file");
    let got = client
        .get_object()
        .bucket(BUCKET)
        .key("file")
        .send()
        .await
        .expect("GetObject");
    assert!(got.body.expect("a body").collect().await.expect("the body") == bytes);

    // A stream whose length is not known cannot go to S3: a clear error, nothing sent.
    let unknown = client
        .put_object()
        .bucket(BUCKET)
        .key("unknown")
        .body(ByteStream::from_source(Pattern::new(10), None))
        .send()
        .await
        .unwrap_err();
    assert!(unknown.to_string().contains("length"), "{unknown}");
    // A stream shorter than it says is an error, not a short object.
    let short = client
        .put_object()
        .bucket(BUCKET)
        .key("short")
        .body(ByteStream::from_source(Pattern::new(10), Some(20)))
        .send()
        .await;
    assert!(short.is_err(), "{short:?}");
}
