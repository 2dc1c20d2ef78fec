#!/usr/bin/env bash
# Build cost of an endpoint rule set as the table the product emits against the compiled-to-Rust
# prototype (bench/src/compile_rules.rs): for each rule set, two one-file crates on the runtime
# (`awsgen-runtime`, no default features), built with the dependencies already built, after
# touching the file; prints wall and user CPU seconds of `cargo build` (release and debug) and the
# source size. The resolution cost is `bench/callgrind.sh endpoint-ec endpoint-ec-compiled`.
#
#   bench/endpoint-build-cost.sh RULESET.json [RULESET.json…]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p awsgen-bench --bin rules-source
REPO=$PWD
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
members=()
i=0
for rules in "$@"; do
  for kind in table compiled; do
    name="c$i-$kind"
    mkdir -p "$WORK/$name/src"
    cat >"$WORK/$name/Cargo.toml" <<TOML
[package]
name = "$name"
version = "0.0.0"
edition = "2024"
[dependencies]
awsgen-runtime = { path = "$REPO/runtime", default-features = false }
TOML
    { echo "#![allow(clippy::all)]"; echo "use awsgen_runtime::endpoint as e;"; target/release/rules-source "$kind" "$rules"; } >"$WORK/$name/src/lib.rs"
    members+=("\"$name\"")
  done
  i=$((i + 1))
done
(IFS=,; printf '[workspace]\nmembers = [%s]\nresolver = "3"\n' "${members[*]}") >"$WORK/Cargo.toml"
cd "$WORK"
for profile in release dev; do
  cargo build -q --profile "$profile" -p awsgen-runtime 2>/dev/null
  i=0
  for rules in "$@"; do
    for kind in table compiled; do
      name="c$i-$kind"
      touch "$name/src/lib.rs"
      /usr/bin/time -f "%e %U" -o "$WORK/t" cargo build -q --profile "$profile" -p "$name"
      printf '%-8s %-9s %-60s %8s bytes  wall %6ss  user %6ss\n' "$profile" "$kind" "$rules" \
        "$(wc -c <"$name/src/lib.rs")" $(cat "$WORK/t")
    done
    i=$((i + 1))
  done
done
