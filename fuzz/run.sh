#!/usr/bin/env bash
# Builds the fuzz targets on the stable toolchain and runs each for SECONDS (default 600),
# one after another, logging to fuzz/logs/<target>.log. Usage: fuzz/run.sh [SECONDS] [TARGET...]
# (see README.md, "Fuzzing"). Seeds come from `cargo run --example seeds`, written first.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(xml_response json_response cbor_response rest_json_response ec2_response rest_xml_response error_response event_stream)
fi
# cargo-fuzz passes -Z flags to rustc; RUSTC_BOOTSTRAP lets the stable compiler accept them.
# No sanitizer: the code under test is safe Rust (`#![forbid(unsafe_code)]`); what the fuzzer
# looks for is panics (debug assertions on: arithmetic overflow panics too), hangs and memory
# blow-ups.
export RUSTC_BOOTSTRAP=1
flags=(--sanitizer none --debug-assertions)
[ -d corpus ] || cargo run --quiet --example seeds
# event_stream's seeds: the published vectors (runtime/tests/data/eventstream/), each behind a
# first byte that picks 49-byte chunks and the 64 KiB bound (0xf3) or 1-byte chunks and the
# 256-byte bound (0x40), and all positive vectors as one stream.
if [ ! -d corpus/event_stream ]; then
    mkdir -p corpus/event_stream
    vectors=../runtime/tests/data/eventstream/encoded
    for f in "$vectors"/*/*; do
        name=$(basename "$(dirname "$f")")_$(basename "$f")
        { printf '\xf3'; cat "$f"; } >"corpus/event_stream/${name}_f3"
        { printf '\x40'; cat "$f"; } >"corpus/event_stream/${name}_40"
    done
    { printf '\xf3'; cat "$vectors"/positive/*; } >corpus/event_stream/positive_stream
fi
cargo fuzz build "${flags[@]}"
mkdir -p logs
for target in "${targets[@]}"; do
    echo "== $target: ${seconds}s ($(date -u +%H:%M:%S))"
    cargo fuzz run "${flags[@]}" "$target" -- \
        -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 >"logs/$target.log" 2>&1 || echo "   $target stopped: see logs/$target.log and artifacts/$target/"
    tail -n 12 "logs/$target.log" | grep -E 'Done|stat::number_of_executed_units|stat::peak_rss|cov:' | tail -n 3 || true
done
