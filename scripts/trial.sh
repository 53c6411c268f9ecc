#!/usr/bin/env bash
# The merchandiser's trial (issue 23): audit each export with supplier packs, render every PDF page
# to PNG and report.html to a screenshot, and print a compact summary per export.
#
#   scripts/trial.sh OUT_DIR [EXPORT...]
#
# EXPORT defaults to every file in fixtures/trial/ but the README. Environment:
#   K2D3      the binary (default: target/debug/k2d3-audit, or $CARGO_TARGET_DIR/debug/k2d3-audit)
#   CHROMIUM  the browser for the screenshot (default: chromium; skipped with a note if missing)
#   RETAILER  the pack's sender (default "Trial Retailer GmbH"); RESPOND_BY (default 2027-01-15)
#   NO_RENDER=1 skips the PNGs and the screenshot (summary only)
# Needs jq and pdftoppm (poppler-utils). SOURCE_DATE_EPOCH is set so two runs are comparable.
set -euo pipefail

usage() { echo "usage: scripts/trial.sh OUT_DIR [EXPORT...]" >&2; exit 2; }
[ $# -ge 1 ] || usage
out=$1; shift
root=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -eq 0 ]; then
  set -- $(find "$root/fixtures/trial" -maxdepth 1 -type f ! -name 'README.md' | sort)
fi
bin=${K2D3:-${CARGO_TARGET_DIR:-$root/target}/debug/k2d3-audit}
[ -x "$bin" ] || { echo "trial: no binary at $bin (cargo build, or set K2D3)" >&2; exit 2; }
command -v jq >/dev/null || { echo "trial: jq is needed" >&2; exit 2; }
[ -n "${NO_RENDER:-}" ] || command -v pdftoppm >/dev/null || { echo "trial: pdftoppm (poppler-utils) is needed, or NO_RENDER=1" >&2; exit 2; }
chromium=${CHROMIUM:-chromium}
retailer=${RETAILER:-Trial Retailer GmbH}
respond_by=${RESPOND_BY:-2027-01-15}
mkdir -p "$out"
out=$(cd "$out" && pwd)

render() { # $1 = report folder of one export
  local dir=$1 png=$1/png pdf rel
  mkdir -p "$png"
  while IFS= read -r pdf; do
    rel=${pdf#"$dir"/}
    rel=${rel%.pdf}
    # by-supplier/Acme-2.pdf page 3 -> png/by-supplier__Acme-2.p-3.png
    pdftoppm -png -r 60 "$pdf" "$png/${rel//\//__}.p"
  done < <(find "$dir" -name '*.pdf' -not -path "$png/*" | sort)
  if [ -f "$dir/report.html" ]; then
    if command -v "$chromium" >/dev/null; then
      local profile
      profile=$(mktemp -d)
      "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
        --disable-sync --no-first-run --hide-scrollbars --virtual-time-budget=5000 --user-data-dir="$profile" \
        --window-size=1280,2000 --screenshot="$png/report.html.png" "file://$dir/report.html" >/dev/null 2>&1 \
        || echo "  (chromium could not screenshot $dir/report.html)"
      rm -rf "$profile"
    else
      echo "  (no $chromium: report.html not screenshotted)"
    fi
  fi
}

summary() { # $1 = report folder, $2 = exit code
  local dir=$1 rc=$2 s=$1/summary.json
  [ -f "$s" ] || { echo "  no summary.json (exit $rc)"; return; }
  jq -r --arg rc "$rc" '
    "  exit \($rc); \(.catalogue.encoding), delimiter \(.catalogue.delimiter | @json), \(.catalogue.records) records",
    "  verdicts: " + ([.verdicts | to_entries[] | select(.value > 0) | "\(.key) \(.value)"] | join(", ")),
    "  suppliers (\(.suppliers | length)): " + ([.suppliers[] | "\(.name) \(.grade // "-") (\(.products))"] | join("; ")),
    "  columns: " + ([.coverage | to_entries[] | select(.value.column != null) | "\(.key)<-\(.value.column)"] | join(", "))' "$s"
  local packs
  packs=$(find "$dir/by-supplier" -name '*.pdf' 2>/dev/null | wc -l)
  echo "  packs written: $packs PDF, $(find "$dir/by-supplier" -name '*.csv' 2>/dev/null | wc -l) CSV; PNG pages: $(find "$dir/png" -name '*.png' 2>/dev/null | wc -l)"
}

for export in "$@"; do
  name=$(basename "$export")
  stem=${name%.*}
  dir=$out/$stem
  echo "== $name"
  rc=0
  SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1795996800} "$bin" audit "$export" --out "$out" --split-by supplier \
    --retailer "$retailer" --respond-by "$respond_by" --progress never >"$out/$stem.log" 2>&1 || rc=$?
  sed 's/^/  | /' "$out/$stem.log"
  if [ "$rc" -ge 2 ]; then
    echo "  exit $rc: no report"
    continue
  fi
  [ -n "${NO_RENDER:-}" ] || render "$dir"
  summary "$dir" "$rc"
done
