#!/usr/bin/env bash
# Opens the HTML report of each example in headless Chromium and checks that the page's
# script ran (it marks <body data-ready>), every provision row is rendered, the filters
# and chart are present, and the browser logged no console error. Skips (exit 77) when
# Chromium is not installed; scripts/setup.sh installs it.
set -uo pipefail
binary=$1
cd "$(dirname "$0")/../.."
browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z $browser ]]; then
  echo "SKIP: chromium is not installed (scripts/setup.sh installs it)"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

for product in examples/*/product.yaml; do
  name=$(basename "$(dirname "$product")")
  "$binary" assess "$product" --out "$work/$name" --exit-zero >/dev/null || { fail "$name: assess failed"; continue; }
  # The flags keep a root, sandbox-less, offline Chromium from reaching for the network.
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile-$name" --enable-logging=stderr --v=0 \
    --virtual-time-budget=5000 --dump-dom "file://$work/$name/report.html" \
    >"$work/$name.dom" 2>"$work/$name.log"
  [[ -s $work/$name.dom ]] || fail "$name: chromium rendered nothing: $(tail -n 5 "$work/$name.log")"
  grep -q 'data-ready="true"' "$work/$name.dom" || fail "$name: the page's script did not finish"
  # 68 provisions in V2.1.1, 78 rows in V3.1.3.
  expected=$(grep -q '^standard: en303645-3.1.3' "$product" && echo 78 || echo 68)
  rows=$(grep -o 'class="provision"' "$work/$name.dom" | wc -l)
  [[ $rows -eq $expected ]] || fail "$name: $rows provision rows rendered, expected $expected"
  grep -q 'id="filter-verdict"' "$work/$name.dom" || fail "$name: no verdict filter"
  grep -q '<svg id="chart"' "$work/$name.dom" || fail "$name: no chart"
  grep -qE "$expected of $expected provisions shown" "$work/$name.dom" || fail "$name: the filter counter did not run"
  if grep -E 'CONSOLE|Uncaught|SyntaxError|ReferenceError|TypeError' "$work/$name.log" >"$work/$name.errors"; then
    fail "$name: console errors: $(cat "$work/$name.errors")"
  fi
  if grep -qE '(src|href)="(https?:)?//' "$work/$name/report.html"; then
    fail "$name: the report refers to external assets"
  fi
done

if ((failures > 0)); then
  echo "$failures HTML check(s) failed"
  exit 1
fi
echo "html: reports render in chromium without console errors"
