#!/usr/bin/env bash
# Throughput and memory of `k2d3-audit audit` on generated catalogues, against the floor (read +
# write every record with the csv crate, nothing else), optionally against an older build in the
# same turns. Prints a Markdown table ready to paste into docs/performance.md or the README.
#
#   scripts/bench.sh                                  # this tree's release build, both generators
#   GENCAT=/path/to/gencat.py scripts/bench.sh        # both generators (gencat.py is not in the repo)
#   BIN=/path/to/k2d3-audit BEFORE=/path/to/old/k2d3-audit scripts/bench.sh   # two builds, same turns
#   ROWS="100000 1000000" FORMATS="csv,json default" scripts/bench.sh        # what the defaults add
#   GENERATORS=gencat GENCAT=... ROWS=500000 ROUNDS=1 scripts/bench.sh      # one catalogue, one round
#
# Settings (environment):
#   BIN         the build measured ("after"); default: `cargo build --release`, then
#               $CARGO_TARGET_DIR/release/k2d3-audit (target/ when unset)
#   BEFORE      an older build, run in turn with BIN on the same files (empty: none)
#   GENERATORS  any of `gen_catalogue` (examples/gen_catalogue.rs, seed 7, ~590 bytes a row) and
#               `gencat` (GENCAT, --seed 31337 --style messy: HTML descriptions, more findings);
#               default both
#   GENCAT      the path of the second generator, gencat.py (the throughput check's generator, kept
#               outside this repository); unset or missing: its catalogues are left out, with a note
#   ROWS        catalogue sizes, default "100000 500000 1000000"
#   FORMATS     the --format sets, space separated; `default` runs without --format (every default
#               format); default "csv,json default". Each row of the table also gives its time
#               divided by the first set's (the issue-21 ratio: default ÷ csv,json)
#   JOBS        --jobs values, default "2"
#   ROUNDS      rounds, default 3: the machine drifts by 10-20 % within minutes, so every command
#               of a size runs once per round, in turn (floor, BIN, BEFORE, each format set and
#               job count), and each keeps its best wall time; ratios compare runs made at the
#               same moments. CPU is user + sys of that best run.
#   DATA        where catalogues and outputs go, default bench-data/
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-"100000 500000 1000000"}
GENERATORS=${GENERATORS:-"gen_catalogue gencat"}
GENCAT=${GENCAT:-}
FORMATS=${FORMATS:-"csv,json default"}
JOBS=${JOBS:-2}
ROUNDS=${ROUNDS:-3}
DATA=${DATA:-bench-data}
BEFORE=${BEFORE:-}
mkdir -p "$DATA"

target=${CARGO_TARGET_DIR:-target}
if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet --bin k2d3-audit
  BIN=$target/release/k2d3-audit
fi
cargo build --release --quiet --example gen_catalogue --example floor
gen=$target/release/examples/gen_catalogue
floor=$target/release/examples/floor
for b in "$BIN" ${BEFORE:+"$BEFORE"}; do
  [ -x "$b" ] || { echo "bench.sh: $b is not an executable" >&2; exit 2; }
done

# One timed run: prints "wall_seconds cpu_seconds peak_kilobytes".
run_once() {
  local tmp
  tmp=$(mktemp)
  /usr/bin/time -f "%e %U %S %M" -o "$tmp" "$@" >/dev/null 2>&1 || true
  tail -1 "$tmp" | awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}'
  rm -f "$tmp"
}

# The catalogue of generator $1 with $2 rows (generated once, kept in $DATA).
catalogue() {
  local g=$1 n=$2 f
  f="$DATA/$g-$n.csv"
  if [ ! -f "$f" ]; then
    case $g in
      gen_catalogue) "$gen" --rows "$n" --seed 7 --out "$f" --truth "$DATA/$g-$n-truth.csv" 2>/dev/null ;;
      gencat) python3 "$GENCAT" --rows "$n" --seed 31337 --style messy --out "$f" --truth "$DATA/$g-$n-truth.csv" --quiet ;;
      *) echo "bench.sh: unknown generator $g" >&2; exit 2 ;;
    esac
  fi
  echo "$f"
}

audit() { # build catalogue formats jobs
  local fmt=()
  [ "$3" = default ] || fmt=(--format "$3")
  run_once "$1" audit "$2" --out "$DATA/out" "${fmt[@]}" --jobs "$4" --progress never --fail-on never
}

gens=()
for g in $GENERATORS; do
  if [ "$g" = gencat ] && { [ -z "$GENCAT" ] || [ ! -f "$GENCAT" ]; }; then
    echo "note: no gencat.py (set GENCAT=/path/to/gencat.py): the gencat catalogues are left out" >&2
    continue
  fi
  gens+=("$g")
done
first_fmt=${FORMATS%% *}
builds=(after ${BEFORE:+before})

echo "after: $BIN${BEFORE:+; before: $BEFORE}; $ROUNDS round(s), best wall time of each; CPU = user + sys of that run"
echo
echo "| generator | rows | jobs | formats | build | floor s | wall s | CPU s | ÷ floor | ÷ $first_fmt | rows/s | peak RSS MB |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
for g in "${gens[@]}"; do
  for n in $ROWS; do
    f=$(catalogue "$g" "$n")
    declare -A wall=() cpu=() rss=()
    for _ in $(seq "$ROUNDS"); do
      read -r t c m < <(run_once "$floor" "$f" "$DATA/floor-out.csv")
      results=("floor $t $c $m")
      for j in $JOBS; do
        for fmt in $FORMATS; do
          for b in "${builds[@]}"; do
            exe=$BIN
            [ "$b" = before ] && exe=$BEFORE
            read -r t c m < <(audit "$exe" "$f" "$fmt" "$j")
            results+=("$b/$fmt/$j $t $c $m")
          done
        done
      done
      for r in "${results[@]}"; do
        read -r k t c m <<<"$r"
        if [ -z "${wall[$k]:-}" ] || awk "BEGIN{exit !($t < ${wall[$k]})}"; then wall[$k]=$t; cpu[$k]=$c; fi
        if [ -z "${rss[$k]:-}" ] || [ "$m" -gt "${rss[$k]}" ]; then rss[$k]=$m; fi
      done
    done
    for j in $JOBS; do
      for fmt in $FORMATS; do
        for b in "${builds[@]}"; do
          k="$b/$fmt/$j"
          awk -v g="$g" -v n="$n" -v j="$j" -v fmt="$fmt" -v b="$b" -v ft="${wall[floor]}" -v t="${wall[$k]}" -v c="${cpu[$k]}" \
            -v base="${wall[$b/$first_fmt/$j]}" -v m="${rss[$k]}" \
            'BEGIN{r = (ft > 0) ? sprintf("%.2f", t/ft) : "–"; printf "| %s | %d | %s | %s | %s | %.2f | %.2f | %.2f | %s | %.2f | %.0f | %.0f |\n", g, n, j, fmt, b, ft, t, c, r, t/base, n/t, m/1024}'
        done
      done
    done
    unset wall cpu rss
  done
done
echo
echo "targets: csv,json ≤ 2.5× the floor at 500k rows, 2 jobs, both generators (goal 1.5×);"
echo "the default formats ≤ 2.0× csv,json at 100k and 1M rows, 2 jobs (goal 1.5×), peak RSS ≤ 150 MB"
