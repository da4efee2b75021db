#!/usr/bin/env bash
# The kconfig command on crafted inputs: every supported form is read and judged with the
# documented exit code, every bad input exits 2 with a message naming file and problem,
# suppressions show in every output, and outputs are written only on success.
set -uo pipefail
bin=$1
data=tests/data/kconfig
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# expect CODE PATTERN ARGS...: exit code and a pattern in stdout+stderr.
expect() {
  local code=$1 pattern=$2
  shift 2
  "$bin" kconfig "$@" >"$work/out" 2>&1
  local got=$?
  [[ $got == "$code" ]] || fail "kconfig $* exited $got, expected $code: $(head -5 "$work/out")"
  grep -q -- "$pattern" "$work/out" || fail "kconfig $* lacks '$pattern': $(head -5 "$work/out")"
}

# Every form of input is read, and the same options come out.
expect 1 "linux 6.6.30 arm64, read from text" $data/linux-small.config
expect 1 "linux 6.6.30 arm64, read from gzip" $data/linux-small.config.gz
expect 1 "read from IKCONFIG at offset 0x" $data/image-with-ikconfig.bin
for form in linux-small.config linux-small.config.gz image-with-ikconfig.bin; do
  "$bin" kconfig --format khc-json $data/$form >"$work/$form.json"
done
cmp -s "$work/linux-small.config.json" "$work/linux-small.config.gz.json" || fail "gzip judged differently"
cmp -s "$work/linux-small.config.json" "$work/image-with-ikconfig.bin.json" || fail "IKCONFIG judged differently"

# Results distinguish pass, fail, not set, not found and not applicable.
expect 1 "LX-KC-KALLSYMS .* FAIL" --profile strict $data/linux-small.config
expect 1 "LX-KC-DEBUG_FS .* pass" --profile strict $data/linux-small.config
expect 1 "LX-KC-FORTIFY_SOURCE .* not found" $data/linux-small.config
expect 1 "LX-KC-X86_SMAP .* not applicable .*only for x86_64, x86_32" $data/linux-small.config
expect 1 "LX-KC-ARCH_MMAP_RND_BITS  *33  *18  *FAIL" --profile strict $data/linux-small.config
expect 1 "LX-KC-LSM-LANDLOCK .* pass" --profile strict $data/linux-small.config
# Overrides: another architecture makes the arm64 rules inapplicable.
expect 1 "LX-KC-ARM64_PAN .* not applicable" --arch x86_64 $data/linux-small.config
expect 1 "linux 5.10.0 arm64" --kernel-version 5.10 $data/linux-small.config

# Zephyr: detected from its options; fixed passkey and experimental features fail.
expect 1 "zephyr (release unknown) arm" $data/zephyr-ble-sensor.config
expect 1 "ZE-BT_FIXED_PASSKEY .* FAIL" $data/zephyr-ble-sensor.config
expect 1 "ZE-EXPERIMENTAL .* FAIL" $data/zephyr-ble-sensor.config
expect 1 "ZE-EXPERIMENTAL-KNOWN .*CONFIG_BT_EAD" --profile strict $data/zephyr-ble-sensor.config
expect 1 "ZE-SHELL .* FAIL" $data/zephyr-ble-sensor.config
expect 1 "ZE-NET_TCP_ISN_RFC6528 .* not applicable .*depends on CONFIG_NET_TCP" $data/zephyr-ble-sensor.config
expect 1 "ZE-LOG_MAX_LEVEL .* FAIL" $data/zephyr-ble-sensor.config

# Command line and sysctl alone, or with the configuration.
expect 1 "LX-CL-init_on_alloc .* pass" --cmdline $data/cmdline.txt --profile strict
expect 1 "LX-SC-kernel.kptr_restrict .* pass" --sysctl $data/sysctl.txt

# Suppressions: recorded, shown in the table, JSON and SARIF, and they change the exit.
ids=$("$bin" kconfig $data/zephyr-ble-sensor.config --format json | python3 -c '
import json, sys
print(" ".join(r["rule"] for r in json.load(sys.stdin)["results"] if r["result"] in ("FAIL", "not set", "not found")))')
args=()
for id in $ids; do args+=(--suppress "$id=accepted for the lab build"); done
expect 0 "suppressed ZE-SHELL: accepted for the lab build" $data/zephyr-ble-sensor.config "${args[@]}" \
  --json "$work/r.json" --sarif "$work/r.sarif"
grep -q '"suppressed": "accepted for the lab build"' "$work/r.json" || fail "JSON lacks the suppression"
grep -q '"justification": "accepted for the lab build"' "$work/r.sarif" || fail "SARIF lacks the suppression"
printf -- '- {rule: ZE-SHELL, reason: "console needed for field service"}\n' >"$work/supp.yaml"
expect 1 "suppressed ZE-SHELL: console needed for field service" $data/zephyr-ble-sensor.config --suppressions "$work/supp.yaml"
expect 2 "KC011.*no rule" $data/zephyr-ble-sensor.config --suppress "ZE-NOPE=typo"
expect 2 "is not ID=REASON" $data/zephyr-ble-sensor.config --suppress "ZE-SHELL"

# User rule files: added to the built-in ones; a bad one is refused with its line.
cat >"$work/extra.yaml" <<'YAML'
family: zephyr
groups:
  - title: Product policy
    rules:
      - {id: ACME-NO-SHELL-BACKEND, kconfig: CONFIG_SHELL_BACKEND_SERIAL, expect: is not set, reason: "No serial shell on shipped units.", profile: baseline, provisions: [5.6-1], references: ["https://example.com/policy"]}
YAML
expect 1 "ACME-NO-SHELL-BACKEND .* FAIL" $data/zephyr-ble-sensor.config --rules "$work/extra.yaml"
sed 's/5.6-1/5.99-1/' "$work/extra.yaml" >"$work/bad.yaml"
expect 2 "bad.yaml:5:.*KC010.*provision '5.99-1' is not in" $data/zephyr-ble-sensor.config --rules "$work/bad.yaml"

# Bad input: exit 2 with file, line or offset and what to do; no output written.
expect 2 "conflict.config:3: error\[KC002\]: CONFIG_KALLSYMS is 'is not set' here but 'y' on line 2" $data/conflict.config
expect 2 "truncated.config:3: error\[KC001\]: the value of CONFIG_LSM has no closing quote" $data/truncated.config --json "$work/never.json"
[[ ! -e "$work/never.json" ]] || fail "an output was written for bad input"
expect 2 "KC005.*no IKCFG_ST marker" $data/image-without-ikconfig.bin
expect 2 "KC004.*gzip stream cannot be decompressed" $data/broken.config.gz
expect 2 "KC004.*IKCONFIG blob at offset 0x.*cannot be decompressed" $data/image-bad-blob.bin
head -c 4000 /dev/urandom | tr -d '\000' >"$work/random.bin"
printf '\001\002' >>"$work/random.bin"
expect 2 "KC005" "$work/random.bin"
expect 2 "KC009.*no such file" "$work/missing.config"
expect 2 "nothing to check"

# An output never replaces an input, nor another output; nothing is written then.
cp $data/linux-small.config "$work/in.config"
for option in --json --sarif; do
  expect 2 "would overwrite the input" "$work/in.config" $option "$work/in.config"
  cmp -s $data/linux-small.config "$work/in.config" || fail "$option overwrote the configuration"
done
cp "$work/extra.yaml" "$work/keep.yaml"
expect 2 "would overwrite the input.*keep.yaml" $data/zephyr-ble-sensor.config --rules "$work/keep.yaml" --sarif "$work/keep.yaml"
cmp -s "$work/extra.yaml" "$work/keep.yaml" || fail "--sarif overwrote the rule file"
cp $data/sysctl.txt "$work/sysctl.txt"
expect 2 "would overwrite the input" --sysctl "$work/sysctl.txt" --json "$work/sysctl.txt"
cmp -s $data/sysctl.txt "$work/sysctl.txt" || fail "--json overwrote the sysctl file"
expect 2 "--json and --sarif name the same file" $data/linux-small.config --json "$work/same" --sarif "$work/same"
[[ ! -e "$work/same" ]] || fail "an output was written when --json and --sarif were the same"

# All outputs or none: a --sarif that cannot be written leaves no --json behind, and the
# message names the user's file and the option, not a temporary file.
mkdir "$work/adir"
expect 3 "--sarif $work/adir: is a directory" $data/linux-small.config --json "$work/k.json" --sarif "$work/adir"
[[ ! -e "$work/k.json" ]] || fail "k.json was written although the SARIF output failed"
mkdir "$work/locked"
chmod 555 "$work/locked"
if [[ ! -w "$work/locked" ]]; then
  expect 3 "--sarif $work/locked/k.sarif: cannot write" $data/linux-small.config --json "$work/k.json" --sarif "$work/locked/k.sarif"
  [[ ! -e "$work/k.json" ]] || fail "k.json was written although the SARIF output failed"
  grep -q '\.tmp' "$work/out" && fail "the write failure names a temporary file: $(cat "$work/out")"
fi
chmod 755 "$work/locked"

# Suppression files: control characters refused with file:line, unknown keys with a
# suggestion, a second suppression of one rule refused, a rule of the other family a note.
printf -- '- {rule: ZE-SHELL, reason: "\\e]0;pwned\\a\\e[2J"}\n' >"$work/escape.yaml"
expect 2 "escape.yaml:1:.*control character" $data/zephyr-ble-sensor.config --suppressions "$work/escape.yaml"
grep -q $'\e' "$work/out" && fail "an escape character reached the terminal"
printf -- '- {rule: ZE-SHELL, reason: ok, reasn: typo}\n' >"$work/typo.yaml"
expect 2 "did you mean 'reason'" $data/zephyr-ble-sensor.config --suppressions "$work/typo.yaml"
printf -- '- {rule: ZE-SHELL, reason: one}\n- {rule: ZE-SHELL, reason: two}\n' >"$work/twice.yaml"
expect 2 "twice.yaml:2:.*ZE-SHELL is suppressed again" $data/zephyr-ble-sensor.config --suppressions "$work/twice.yaml"
expect 1 "note\[KC011\]: LX-KC-KALLSYMS is a rule for Linux, not for this Zephyr configuration" $data/zephyr-ble-sensor.config --suppress "LX-KC-KALLSYMS=kept for debugging"

# Releases are validated: a suffix that is not a local version, or numbers out of range.
expect 2 "'6.1banana' is not a kernel version" --kernel-version 6.1banana $data/linux-small.config
expect 2 "'999999.1' is not a kernel version" --kernel-version 999999.1 $data/linux-small.config

# A text file over the text limit is refused from its size, without reading it whole: a
# sparse 300 MB file (text first, zeros after) is refused at once.
for i in $(seq 1 4000); do echo "CONFIG_OPTION_NUMBER_$i=y"; done >"$work/huge.config"
truncate -s 300M "$work/huge.config"
expect 2 "KC001.*more than the 8388608 bytes a text .config may have" "$work/huge.config"

# A multi-member gzip is read whole, as gunzip does; bytes after the stream are refused.
head -7 $data/linux-small.config | gzip -c >"$work/multi.gz"
tail -n +8 $data/linux-small.config | gzip -c >>"$work/multi.gz"
"$bin" kconfig --format khc-json "$work/multi.gz" >"$work/multi.json"
cmp -s "$work/linux-small.config.json" "$work/multi.json" || fail "the second gzip member was dropped"
{ cat $data/linux-small.config.gz; echo garbage; } >"$work/garbage.gz"
expect 2 "KC004.*byte [0-9]" "$work/garbage.gz"

# A file of one option repeated: twenty lines say so, then a count; the JSON and SARIF
# files carry the same warnings.
{ head -3 $data/linux-small.config; for i in $(seq 1 5000); do echo "CONFIG_X86_64=y"; done; } >"$work/repeated.config"
"$bin" kconfig "$work/repeated.config" --json "$work/repeated.json" --sarif "$work/repeated.sarif" >"$work/out" 2>&1
[[ $(grep -c "warning\[KC003\]" "$work/out") -le 21 ]] || fail "repeated options flood the terminal"
grep -q "more options given again" "$work/out" || fail "no count of the repeated options"
grep -q '"code": "KC003"' "$work/repeated.json" || fail "--json lacks the KC003 warnings"
grep -q '"toolExecutionNotifications"' "$work/repeated.sarif" || fail "--sarif lacks the notifications"
# Text after a closing quote is named as such.
printf 'CONFIG_A="abc"def\n' >"$work/quote.config"
expect 2 "text after its closing quote" "$work/quote.config"

exit $((failures > 0))
