//! Upload and download throughput of the generated S3 client against a local moto server: one
//! object of `MIB` MiB (default 100) uploaded from a body generated on the fly (in signed
//! 64 KiB chunks: moto listens on plain `http`) and downloaded as a stream, each direction
//! `ROUNDS` times (default 3); prints the best and median MB/s of each. A measurement, not a
//! test: run it with the release profile, on an idle machine, with moto installed.
//!
//! ```text
//! AWSGEN_MOTO_PYTHON=~/.cache/awsgen/moto-5.2.5/bin/python \
//!     cargo run --release -p awsgen-e2e --example s3_throughput -- [MIB] [ROUNDS]
//! ```
//!
//! Most of the time is moto's (Python decoding the chunks and storing the object), so the
//! figures say how the client behaves beside a slow server, not what S3 would do.

use std::time::Instant;

use awsgen_e2e::moto::Moto;
use awsgen_e2e::pattern::{Checker, Pattern};
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
    let len = mib * 1024 * 1024;
    let (_moto, client) = Moto::s3_bucket("s3_throughput", "throughput")
        .await
        .expect("moto (set AWSGEN_MOTO_PYTHON)");
    let mb = len as f64 / 1e6;
    let (mut up, mut down) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        let start = Instant::now();
        client
            .put_object()
            .bucket("throughput")
            .key("object")
            .body(ByteStream::from_source(Pattern::new(len), Some(len)))
            .send()
            .await
            .expect("PutObject");
        up.push(mb / start.elapsed().as_secs_f64());

        let start = Instant::now();
        let got = client
            .get_object()
            .bucket("throughput")
            .key("object")
            .send()
            .await
            .expect("GetObject");
        let mut body = got.body.expect("a body");
        let mut checker = Checker::default();
        while let Some(chunk) = body.next_chunk().await.expect("a chunk") {
            checker.feed(&chunk);
        }
        down.push(mb / start.elapsed().as_secs_f64());
        assert_eq!((checker.seen(), checker.first_difference()), (len, None));
    }
    for (name, mut rates) in [("upload", up), ("download", down)] {
        rates.sort_by(f64::total_cmp);
        println!(
            "{name:>8}: {mib} MiB, {rounds} rounds: best {:.1} MB/s, median {:.1} MB/s",
            rates[rates.len() - 1],
            rates[rates.len() / 2]
        );
    }
}
