//! `CopySnapshot` request building and response parsing (success and error) in each protocol:
//! ElastiCache (awsQuery, XML response), MemoryDB in awsJson1_1 and in Smithy RPC v2 CBOR.
//! `cargo bench -p awsgen-bench --bench protocols`.

use criterion::{Criterion, criterion_group, criterion_main};

use awsgen_bench::tasks::{Data, TASKS};

fn protocols(c: &mut Criterion) {
    let data = Data::new();
    awsgen_bench::check::all(&data).unwrap_or_else(|e| panic!("check failed: {e}"));
    let mut group = c.benchmark_group("copy_snapshot");
    for (name, run) in TASKS {
        group.bench_function(*name, |b| b.iter(|| run(&data)));
    }
    group.finish();
}

criterion_group!(benches, protocols);
criterion_main!(benches);
