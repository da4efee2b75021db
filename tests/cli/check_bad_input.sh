#!/usr/bin/env bash
# Every bad input gives a located message (file:line:column, code), exit code 2, and
# leaves the output directory untouched. Expectations sit in each file's first line:
# "# expect: <text the error output must contain>".
set -uo pipefail
binary=$1
cd "$(dirname "$0")/../data/bad"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

for file in *.yaml; do
  expected=$(head -n 1 "$file" | sed -n 's/^# expect: //p')
  [[ -n $expected ]] || { fail "$file has no '# expect:' line"; continue; }
  mkdir -p "$work/out"
  echo "previous" > "$work/out/report.md"
  "$binary" assess "$file" --out "$work/out" >"$work/stdout" 2>"$work/stderr"
  code=$?
  [[ $code -eq 2 ]] || fail "$file: exit code $code, expected 2"
  grep -qF -- "$expected" "$work/stderr" || fail "$file: error output lacks '$expected':$(printf '\n%s' "$(cat "$work/stderr")")"
  grep -q "hint:" "$work/stderr" || fail "$file: no hint in the error output"
  [[ $(cat "$work/out/report.md") == previous ]] || fail "$file: the output directory was modified"
  [[ $(ls -A "$work/out" | wc -l) -eq 1 ]] || fail "$file: files were left in the output directory"
  rm -rf "$work/out"
done

# Usage errors and a missing file.
expect_usage() {
  local expected=$1; shift
  "$binary" "$@" >"$work/stdout" 2>"$work/stderr"
  local code=$?
  [[ $code -eq 2 ]] || fail "'$*': exit code $code, expected 2"
  grep -qF -- "$expected" "$work/stderr" || fail "'$*': error output lacks '$expected': $(cat "$work/stderr")"
}
expect_usage "does-not-exist.yaml: no such file" assess does-not-exist.yaml --out "$work/none"
[[ -e $work/none ]] && fail "assess on a missing file created the output directory"
expect_usage "is a directory" assess . --out "$work/none"
expect_usage "product is required" assess
expect_usage "unknown command 'frobnicate'" frobnicate
expect_usage "'5.1-99' is not a provision" catalog 5.1-99
expect_usage "unknown edition of the standard 'v9'" catalog --standard v9
expect_usage "did you mean: constrained device?" explain constraned device

# Bad findings files: located messages, exit 2, nothing written.
product=../../../examples/smartcam/product.yaml
printf '{"format": "iotconform-findings",\n "format_version": 1,\n "findings": [,]}\n' > "$work/syntax.json"
expect_usage "syntax.json:3:15: error[PF010]: not valid JSON" assess "$product" --findings "$work/syntax.json" --out "$work/none"
printf '{"format": "iotconform-findings", "format_version": 1, "findings": [{"rule_id": "R1", "source": "s", "message": "m", "provisions": ["5.1-1"], "efect": "informs"}]}' > "$work/key.json"
expect_usage "/findings/0/efect: unknown key" assess "$product" --findings "$work/key.json" --out "$work/none"
expect_usage "did you mean 'effect'?" assess "$product" --findings "$work/key.json" --out "$work/none"
[[ -e $work/none ]] && fail "a bad findings file created the output directory"

# Paths and streams the system refuses: a clear message and a documented code, never a
# crash (134) or a hang.
expect_code() {
  local expected_code=$1 expected=$2; shift 2
  timeout 20 "$binary" "$@" >"$work/stdout" 2>"$work/stderr"
  local code=$?
  [[ $code -eq $expected_code ]] || fail "'$*': exit code $code, expected $expected_code: $(cat "$work/stderr")"
  grep -qF -- "$expected" "$work/stderr" || fail "'$*': error output lacks '$expected': $(cat "$work/stderr")"
}
ln -s "$work/loop-b" "$work/loop-a"; ln -s "$work/loop-a" "$work/loop-b"
expect_code 3 "iotconform: error:" init "$work/loop-a"
mkfifo "$work/fifo.yaml"
expect_code 2 "not a regular file" assess "$work/fifo.yaml"
mkdir -p "$work/inputs"; cp "$product" "$work/inputs/report.md"
expect_code 2 "would overwrite the input" assess "$work/inputs/report.md" --out "$work/inputs"
cmp -s "$product" "$work/inputs/report.md" || fail "assess overwrote its input"
expect_code 2 "--out is empty" assess "$product" --out ""
"$binary" catalog >/dev/full 2>"$work/stderr"; code=$?
[[ $code -eq 3 ]] || fail "catalog >/dev/full: exit code $code, expected 3"
grep -qF "cannot write to standard output" "$work/stderr" || fail "catalog >/dev/full: no message"

if ((failures > 0)); then
  echo "$failures bad-input check(s) failed"
  exit 1
fi
echo "bad input: all checks passed"
