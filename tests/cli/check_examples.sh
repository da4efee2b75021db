#!/usr/bin/env bash
# Runs `assess` on every bundled example and compares the summary and every report with
# the reviewed expected outputs in tests/cli/expected/<example>/. Also checks exit codes
# and that a second run gives byte-identical files. UPDATE=1 rewrites the expected files
# (review the diff before committing).
set -uo pipefail
binary=$1
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# Each example runs as is; one with a findings.json runs a second time with that evidence.
cases=()
for product in examples/*/product.yaml; do
  directory=$(dirname "$product")
  cases+=("$(basename "$directory")|$product|")
  [[ -f $directory/findings.json ]] &&
    cases+=("$(basename "$directory")-with-findings|$product|$directory/findings.json")
done

for case in "${cases[@]}"; do
  IFS='|' read -r name product findings <<<"$case"
  evidence=()
  [[ -n $findings ]] && evidence=(--findings "$findings")
  expected=tests/cli/expected/$name
  before=$(sha256sum "$product" ${findings:+"$findings"})
  "$binary" assess "$product" "${evidence[@]}" --out "$work/$name" --color never >"$work/$name.summary" 2>"$work/$name.stderr"
  code=$?
  sed -i "s#$work/##" "$work/$name.summary"
  if [[ ${UPDATE:-0} != 1 && $code != "$(cat "$expected/exit-code" 2>/dev/null)" ]]; then
    fail "$name: exit code $code, expected $(cat "$expected/exit-code" 2>/dev/null)"
  fi
  [[ -s $work/$name.stderr ]] && fail "$name: unexpected error output: $(cat "$work/$name.stderr")"

  [[ $before == "$(sha256sum "$product" ${findings:+"$findings"})" ]] || fail "$name: an input file was modified"
  "$binary" assess "$product" "${evidence[@]}" --out "$work/$name-again" --color never >/dev/null 2>&1
  diff -r -q "$work/$name" "$work/$name-again" >/dev/null || fail "$name: two runs gave different reports"
  "$binary" assess "$product" --exit-zero >/dev/null 2>&1 || fail "$name: --exit-zero did not exit 0"

  if [[ ${UPDATE:-0} == 1 ]]; then
    mkdir -p "$expected"
    cp "$work/$name"/report.* "$expected/"
    cp "$work/$name.summary" "$expected/summary.txt"
    echo "$code" > "$expected/exit-code"
    continue
  fi
  for file in summary.txt report.md report.json report.csv report.html report.sarif; do
    actual=$work/$name/$file
    [[ $file == summary.txt ]] && actual=$work/$name.summary
    if ! diff -u "$expected/$file" "$actual" > "$work/diff"; then
      fail "$name: $file differs from $expected/$file:"
      head -n 40 "$work/diff"
    fi
  done
done

python3 tests/cli/check_zephyr_reproduction.py "$binary" || fail "the Zephyr report does not reproduce the published table"

if ((failures > 0)); then
  echo "$failures example check(s) failed"
  exit 1
fi
echo "examples: all checks passed"
