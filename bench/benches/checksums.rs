//! Throughput of the flexible checksums (`runtime::checksum`) over 1 MiB, each algorithm:
//! what a PutObject with that algorithm adds per MiB of body (and a GetObject that checks it).
//! `cargo bench -p awsgen-bench --bench checksums`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

use awsgen_runtime::checksum::Algorithm;

fn checksums(c: &mut Criterion) {
    let body: Vec<u8> = (0..1 << 20)
        .map(|i: u32| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    let mut group = c.benchmark_group("checksum_1mib");
    group.throughput(Throughput::Bytes(body.len() as u64));
    for algorithm in Algorithm::PRIORITY {
        group.bench_function(algorithm.name(), |b| b.iter(|| algorithm.checksum(&body)));
    }
    group.finish();
}

criterion_group!(benches, checksums);
criterion_main!(benches);
