#!/usr/bin/env bash
# Throughput and memory of `k2d3-audit audit` against the floor (read + write every record with
# the csv crate, nothing else), on generated messy catalogues.
#
#   scripts/bench.sh            # 100k, 500k (the size issue 5 sets the ratio at) and 1M rows
#   ROWS="500000" scripts/bench.sh
#
# Prints, per size: floor time, audit time (--jobs 1 and 2), their ratio, rows/s and peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-"100000 500000 1000000"}
DATA=${DATA:-bench-data}
mkdir -p "$DATA"
cargo build --release --quiet --bin k2d3-audit --example gen_catalogue --example floor

bin=target/release/k2d3-audit
gen=target/release/examples/gen_catalogue
floor=target/release/examples/floor

# best-of-3 wall time and max RSS of a command: prints "seconds kilobytes"
measure() {
  local best="" rss=0
  for _ in 1 2 3; do
    local out tmp
    tmp=$(mktemp)
    /usr/bin/time -f "%e %M" -o "$tmp" "$@" >/dev/null 2>&1 || true
    out=$(tail -1 "$tmp")
    rm -f "$tmp"
    local t=${out% *} m=${out#* }
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
    [ "$m" -gt "$rss" ] && rss=$m
  done
  echo "$best $rss"
}

printf '%-9s %-6s %9s %9s %7s %12s %10s\n' rows jobs floor_s audit_s ratio rows_per_s peak_MB
for n in $ROWS; do
  f="$DATA/catalogue-$n.csv"
  [ -f "$f" ] || "$gen" --rows "$n" --seed 7 --out "$f" --truth "$DATA/truth-$n.csv"
  read -r ft _ < <(measure "$floor" "$f" "$DATA/floor-out.csv")
  for j in 1 2; do
    read -r at am < <(measure "$bin" audit "$f" --out "$DATA/out" --format csv,json --jobs "$j" --progress never --fail-on never)
    awk -v n="$n" -v j="$j" -v ft="$ft" -v at="$at" -v am="$am" 'BEGIN{printf "%-9d %-6d %9.2f %9.2f %7.2f %12.0f %10.1f\n", n, j, ft, at, at/ft, n/at, am/1024}'
  done
done
echo "targets (issue 5): ratio <= 1.5 at 500k rows with --jobs 2; peak RSS <= 100 MB at 1M rows"
