//! Generation of the full ElastiCache and MemoryDB models (every operation): end to end and per
//! stage (parse the JSON, lower into the IR, prepare, emit tokens, format).
//! `cargo bench -p awsgen-bench --bench generate`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

use awsgen_bench::generation as g;

fn generate(c: &mut Criterion) {
    let files = g::models();
    let mut group = c.benchmark_group("generate");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("end_to_end", |b| {
        b.iter(|| black_box(g::end_to_end(black_box(&files))))
    });
    for file in &files {
        let parsed = g::parse(file);
        let model = g::lower(file, &parsed);
        group.bench_function(format!("parse/{}", file.module), |b| {
            b.iter(|| black_box(g::parse(black_box(file))))
        });
        group.bench_function(format!("lower/{}", file.module), |b| {
            b.iter(|| black_box(g::lower(file, black_box(&parsed))))
        });
        group.bench_function(format!("prepare/{}", file.module), |b| {
            b.iter(|| black_box(g::prepare(black_box(&model))))
        });
    }
    let prepared: Vec<_> = files.iter().map(|f| g::prepare(&g::load(f))).collect();
    let spec = g::spec(&files, &prepared);
    group.bench_function("emit", |b| b.iter(|| black_box(g::emit(black_box(&spec)))));
    group.bench_function("format", |b| {
        b.iter_batched(
            || g::emit(&spec),
            |emitted| black_box(g::format(&spec, emitted)),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, generate);
criterion_main!(benches);
