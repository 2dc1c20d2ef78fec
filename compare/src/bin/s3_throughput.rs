//! Upload and download throughput of the official AWS SDK for Rust (`aws-sdk-s3`) against a
//! local moto server: the same work as awsgen's `e2e/examples/s3_throughput.rs`, one object of
//! `MIB` MiB (default 100) uploaded as a stream from a file and downloaded as a stream, each
//! direction `ROUNDS` times (default 3); prints the best and median MB/s of each.
//!
//! ```text
//! ~/.cache/awsgen/moto-5.2.5/bin/python -m moto.server -p 5123 &
//! cargo run --release --features s3 --bin s3-throughput -- http://127.0.0.1:5123 [MIB] [ROUNDS]
//! ```
//!
//! The SDK is left at its defaults (its request checksum, CRC32 sent as an aws-chunked trailer
//! for a streamed body; its response checksum validation when the object has one).

use std::time::Instant;

use aws_sdk_s3::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_s3::primitives::ByteStream;
use tokio::io::AsyncWriteExt;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut args = std::env::args().skip(1);
    let endpoint = args.next().expect("the moto endpoint, e.g. http://127.0.0.1:5123");
    let mib: u64 = args.next().map_or(100, |a| a.parse().expect("MIB: a number"));
    let rounds: usize = args.next().map_or(3, |a| a.parse().expect("ROUNDS: a number"));
    let len = mib * 1024 * 1024;

    // The object: a file of a repeating pattern, read back by each upload as a stream.
    let path = std::env::temp_dir().join(format!("s3-throughput-{}.bin", std::process::id()));
    let mut file = tokio::fs::File::create(&path).await.expect("temp file");
    let block: Vec<u8> = (0..1024 * 1024).map(|i| (i % 251) as u8).collect();
    for _ in 0..mib {
        file.write_all(&block).await.expect("write");
    }
    file.flush().await.expect("flush");
    drop(file);

    let config = aws_sdk_s3::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("AKIDEXAMPLE", "moto-accepts-any-secret", None, None, "static"))
        .endpoint_url(&endpoint)
        .force_path_style(true)
        .build();
    let client = aws_sdk_s3::Client::from_conf(config);
    client.create_bucket().bucket("sdk-throughput").send().await.expect("CreateBucket");

    let mb = len as f64 / 1e6;
    let (mut up, mut down) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        let start = Instant::now();
        let body = ByteStream::from_path(&path).await.expect("the file");
        client
            .put_object()
            .bucket("sdk-throughput")
            .key("object")
            .body(body)
            .send()
            .await
            .expect("PutObject");
        up.push(mb / start.elapsed().as_secs_f64());

        let start = Instant::now();
        let got = client
            .get_object()
            .bucket("sdk-throughput")
            .key("object")
            .send()
            .await
            .expect("GetObject");
        let mut body = got.body;
        let mut seen = 0u64;
        while let Some(chunk) = body.try_next().await.expect("a chunk") {
            seen += chunk.len() as u64;
        }
        down.push(mb / start.elapsed().as_secs_f64());
        assert_eq!(seen, len);
    }
    let _ = std::fs::remove_file(&path);
    for (name, mut rates) in [("upload", up), ("download", down)] {
        rates.sort_by(f64::total_cmp);
        println!(
            "{name:>8}: {mib} MiB, {rounds} rounds: best {:.1} MB/s, median {:.1} MB/s",
            rates[rates.len() - 1],
            rates[rates.len() / 2]
        );
    }
}
