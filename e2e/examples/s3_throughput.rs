//! Upload and download throughput of the generated S3 client against a local moto server: one
//! object of `MIB` MiB (default 100) uploaded as a stream from a file (in signed 64 KiB chunks
//! with a CRC32 trailer: moto listens on plain `http`) and downloaded as a stream, each
//! direction `ROUNDS` times (default 3); prints the best and median MB/s of each. The same work
//! as `compare/src/bin/s3_throughput.rs` does with the official SDK (`aws-sdk-s3`), so that the
//! two can run against one server. A measurement, not a test: run it with the release profile,
//! on an idle machine, with moto installed.
//!
//! ```text
//! AWSGEN_MOTO_PYTHON=~/.cache/awsgen/moto-5.2.5/bin/python \
//!     cargo run --release -p awsgen-e2e --example s3_throughput -- [MIB] [ROUNDS] [ENDPOINT]
//! ```
//!
//! With `ENDPOINT` (`http://127.0.0.1:5123`, a moto server started beforehand) it uses that
//! server; else it starts its own. Most of the time is moto's (Python decoding the chunks and
//! storing the object), so the figures say how the client behaves beside a slow server, not
//! what S3 would do.

use std::io::Write;
use std::time::Instant;

use awsgen_e2e::moto::Moto;
use awsgen_e2e::runtime::ByteStream;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut args = std::env::args().skip(1);
    let mib: u64 = args
        .next()
        .map_or(100, |a| a.parse().expect("MIB: a number"));
    let rounds: usize = args
        .next()
        .map_or(3, |a| a.parse().expect("ROUNDS: a number"));
    let endpoint = args.next();
    let len = mib * 1024 * 1024;

    // The object: a file of a repeating pattern, read back by each upload as a stream.
    let path = std::env::temp_dir().join(format!("s3-throughput-{}.bin", std::process::id()));
    let block: Vec<u8> = (0..1024 * 1024).map(|i| (i % 251) as u8).collect();
    let mut file = std::fs::File::create(&path).expect("temp file");
    for _ in 0..mib {
        file.write_all(&block).expect("write");
    }
    drop(file);

    let bucket = "throughput";
    let (_moto, client) = match endpoint {
        Some(endpoint) => {
            let config = awsgen_e2e::runtime::client::Config::new(
                "us-east-1",
                awsgen_e2e::runtime::credentials::Credentials::new(
                    "AKIDEXAMPLE",
                    "moto-accepts-any-secret",
                    None,
                ),
            )
            .with_endpoint(&endpoint);
            let client = awsgen_e2e::s3::Client::new(config).expect("client");
            client
                .create_bucket()
                .bucket(bucket)
                .send()
                .await
                .expect("CreateBucket");
            (None, client)
        }
        None => {
            let (moto, client) = Moto::s3_bucket("s3_throughput", bucket)
                .await
                .expect("moto (set AWSGEN_MOTO_PYTHON)");
            (Some(moto), client)
        }
    };
    let mb = len as f64 / 1e6;
    let (mut up, mut down) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        let start = Instant::now();
        client
            .put_object()
            .bucket(bucket)
            .key("object")
            .body(ByteStream::from_path(&path).expect("the file"))
            .send()
            .await
            .expect("PutObject");
        up.push(mb / start.elapsed().as_secs_f64());

        let start = Instant::now();
        let got = client
            .get_object()
            .bucket(bucket)
            .key("object")
            .send()
            .await
            .expect("GetObject");
        let mut body = got.body.expect("a body");
        let mut seen = 0u64;
        while let Some(chunk) = body.next_chunk().await.expect("a chunk") {
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
