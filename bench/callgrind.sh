#!/usr/bin/env bash
# Instructions per iteration of benchmark tasks, with valgrind's callgrind: runs
# `BIN TASK N1` and `BIN TASK N2` and divides the difference of the program totals by N2 - N1, so
# process start-up, set-up and the checks cancel out. Also gives libc malloc/free/realloc
# (inclusive) per iteration, and, with FUNCS='regex', the inclusive cost per iteration of the
# first function whose name matches (after callgrind_annotate's demangling).
#
#   bench/callgrind.sh [BIN] TASK...        BIN defaults to target/release/count
#   N1=1000 N2=3000 FUNCS='quick_xml::reader' bench/callgrind.sh ec-response
#
# Build first: cargo build --release -p awsgen-bench --bin count
# (The compare workspace's binary takes the same arguments: compare/target/release/awsgen-compare.)
set -euo pipefail
BIN=
if [[ $# -gt 0 && -f "$1" && -x "$1" ]]; then BIN=$(realpath "$1"); shift; fi
cd "$(dirname "$0")/.."
BIN=${BIN:-target/release/count}
N1=${N1:-1000}
N2=${N2:-3000}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

total() { callgrind_annotate "$1" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }'; }
# Inclusive cost of the first function matching the regex $2 (0 when none).
inclusive() {
  callgrind_annotate --inclusive=yes --threshold=100 "$1" 2>/dev/null |
    awk -v re="$2" '!found && $0 ~ re && $1 ~ /^[0-9,]+$/ { gsub(",", "", $1); v = $1; found = 1 } END { print v + 0 }'
}
# Sum of the inclusive costs of libc's allocator entry points.
allocator() {
  callgrind_annotate --inclusive=yes --threshold=100 "$1" 2>/dev/null |
    awk '$1 ~ /^[0-9,]+$/ && /:(malloc|free|realloc|calloc) \[.*libc/ { gsub(",", "", $1); s += $1 } END { print s + 0 }'
}

printf '%-20s %14s %12s' task instructions malloc+free
[[ -n "${FUNCS:-}" ]] && printf '  %s' "$FUNCS"
printf '\n'
for task in "$@"; do
  for n in "$N1" "$N2"; do
    valgrind --tool=callgrind --callgrind-out-file="$TMP/$task.$n" "$BIN" "$task" "$n" >/dev/null 2>"$TMP/$task.$n.log" ||
      { cat "$TMP/$task.$n.log" >&2; exit 1; }
  done
  a=$(total "$TMP/$task.$N1"); b=$(total "$TMP/$task.$N2")
  ma=$(allocator "$TMP/$task.$N1"); mb=$(allocator "$TMP/$task.$N2")
  printf '%-20s %14s %12s' "$task" $(( (b - a) / (N2 - N1) )) $(( (mb - ma) / (N2 - N1) ))
  if [[ -n "${FUNCS:-}" ]]; then
    fa=$(inclusive "$TMP/$task.$N1" "$FUNCS"); fb=$(inclusive "$TMP/$task.$N2" "$FUNCS")
    printf '  %s' $(( (fb - fa) / (N2 - N1) ))
  fi
  printf '\n'
done
