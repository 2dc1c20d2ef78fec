#!/usr/bin/env bash
# Cold release build of the whole DynamoDB crate awsgen generates (every operation, default
# features, then without its default `serde` feature) against `aws-sdk-dynamodb`
# (default-features = false), back to back in one run:
# each from an empty target directory after `cargo fetch` (downloads not counted). Prints wall,
# CPU (user + sys), crates compiled and the load average before each build.
# Usage: bench/ddb-vs-sdk.sh [work dir]   (run from the repository, xtask built: target/debug/xtask)
set -euo pipefail
repo=$(pwd)
work=${1:-$(mktemp -d)}
model=$(ls -d ~/.cache/awsgen/corpus/botocore-*/botocore/data/dynamodb/2012-08-10)/service-2.json
xtask=${XTASK:-$repo/target/debug/xtask}
rm -rf "$work/ours" "$work/sdk"
"$xtask" generate --model "$model" --all-operations --out "$work/ours" >/dev/null
mkdir -p "$work/sdk/src"
cat >"$work/sdk/Cargo.toml" <<'TOML'
[package]
name = "ddb-sdk-build"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
aws-sdk-dynamodb = { version = "1", default-features = false }

[workspace]
TOML
echo 'pub use aws_sdk_dynamodb;' >"$work/sdk/src/lib.rs"
for c in ours sdk; do (cd "$work/$c" && cargo fetch -q); done
echo "| crate | wall | CPU (user + sys) | crates compiled | load average before |"
echo "|---|---:|---:|---:|---|"
for c in ours ours-noserde sdk; do
  rm -rf "$work/target-$c"
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  start=$(date +%s.%N)
  dir=$c features=()
  # The generated crate without its default `serde` feature: the SDK has no serde either.
  [ "$c" = ours-noserde ] && dir=ours features=(--no-default-features --features dynamodb)
  out=$( { cd "$work/$dir" && CARGO_TARGET_DIR="$work/target-$c" /usr/bin/time -f 'TIME %U %S' \
           cargo build --release "${features[@]}" 2>&1; } )
  end=$(date +%s.%N)
  cpu=$(echo "$out" | awk '/^TIME/ {print $2 + $3}')
  crates=$(echo "$out" | grep -c '^ *Compiling ' || true)
  name=$c
  [ "$c" = sdk ] && name="aws-sdk-dynamodb $(grep -A1 'name = "aws-sdk-dynamodb"' "$work/sdk/Cargo.lock" | sed -n 's/version = "\(.*\)"/\1/p')"
  [ "$c" = ours ] && name="awsgen DynamoDB ($(find "$work/ours/src" -name '*.rs' | xargs cat | wc -l) lines)"
  [ "$c" = ours-noserde ] && name="awsgen DynamoDB, without serde"
  printf '| %s | %.0f s | %.0f s | %s | %s |\n' "$name" "$(echo "$end - $start" | bc)" "$cpu" "$crates" "$load"
  rm -rf "$work/target-$c"
done
