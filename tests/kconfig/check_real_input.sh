#!/usr/bin/env bash
# Real kernels from Debian's registry, fetched by scripts/setup.sh into the cache:
# the Debian 12 amd64 kernel's configuration is read and judged, and the IKCONFIG blob
# of user-mode-linux's kernel/configs.ko is extracted and compared, option by option,
# with the config.gz the same package ships. Skips (77) when the cache is missing.
set -uo pipefail
bin=$1
cache=${IOTCONFORM_KERNEL_CACHE:-/var/cache/iotconform/kernels}
debian_config=$(ls "$cache"/linux-image-*/boot/config-* 2>/dev/null | head -1)
module=$(find "$cache"/user-mode-linux -name configs.ko 2>/dev/null | head -1)
shipped=$(find "$cache"/user-mode-linux -name config.gz 2>/dev/null | head -1)
if [[ -z "$debian_config" || -z "$module" || -z "$shipped" ]]; then
  echo "SKIP: no real kernels in $cache; run scripts/setup.sh to fetch them"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# Debian 12: a Linux x86_64 6.1 configuration, judged without input errors; Debian
# builds without IKCONFIG, so that rule-independent fact is checked too.
"$bin" kconfig "$debian_config" --profile strict >"$work/debian.txt" 2>"$work/debian.err"
code=$?
[[ $code == 0 || $code == 1 ]] || fail "Debian config exited $code: $(cat "$work/debian.err")"
grep -q "linux 6.1.[0-9]* x86_64, read from text" "$work/debian.txt" || fail "Debian config not detected as Linux 6.1 x86_64"
grep -q "LX-KC-STACKPROTECTOR_STRONG .* pass" "$work/debian.txt" || fail "Debian config lacks the strong stack protector"
grep -q "^# CONFIG_IKCONFIG is not set" "$debian_config" || fail "Debian config unexpectedly has IKCONFIG"

# user-mode-linux: the blob inside configs.ko gives exactly the shipped configuration.
"$bin" kconfig "$module" --format khc-json --arch x86_64 >"$work/blob.json" 2>"$work/blob.err"
code=$?
[[ $code == 0 || $code == 1 ]] || fail "configs.ko exited $code: $(cat "$work/blob.err")"
"$bin" kconfig "$shipped" --format khc-json --arch x86_64 >"$work/shipped.json"
cmp -s "$work/blob.json" "$work/shipped.json" || fail "IKCONFIG of configs.ko judged differently from config.gz"
"$bin" kconfig "$module" --arch x86_64 >"$work/blob.txt"
grep -q "linux 6.1.[0-9]* x86_64, read from IKCONFIG at offset 0x" "$work/blob.txt" ||
  fail "configs.ko not read through its IKCONFIG blob"
python3 - "$module" "$shipped" <<'PY' || fail "the extracted blob differs from config.gz"
import gzip, sys, zlib
module = open(sys.argv[1], "rb").read()
start = module.index(b"IKCFG_ST") + 8
blob = zlib.decompress(module[start:module.index(b"IKCFG_ED", start)], 16 + zlib.MAX_WBITS)
sys.exit(0 if blob == gzip.open(sys.argv[2]).read() else 1)
PY
exit $((failures > 0))
