#!/usr/bin/env bash
# The image commands on bad input: each gives a clear message naming the file (and the
# offset or line), the documented exit code, and writes nothing. Inputs are generated here.
set -uo pipefail
binary=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# expect CODE TEXT COMMAND...: exit code CODE and TEXT in the output (stdout or stderr).
expect() {
  local code=$1 text=$2; shift 2
  timeout 20 "$binary" "$@" >stdout 2>stderr
  local got=$?
  [[ $got -eq $code ]] || fail "'$*': exit $got, expected $code: $(cat stdout stderr)"
  grep -qF -- "$text" stdout stderr || fail "'$*': output lacks '$text': $(cat stdout stderr)"
}

head -c 2000 /dev/urandom > payload.bin
"$binary" image keygen -t ecdsa-p256 -k key.pem --public key.pub.pem >/dev/null || fail "keygen"
"$binary" image sign -k key.pem -v 1.0.0 -H 0x20 --pad-header -S 0x10000 payload.bin good.bin >/dev/null ||
  fail "sign"
expect 0 "good.bin: OK" image verify good.bin --key key.pub.pem

# Files that are not images.
expect 2 "missing.bin: no such file" image info missing.bin
expect 2 "is a directory" image verify .
expect 2 "not a regular file" image info /dev/zero
head -c 20 good.bin > short.bin
expect 2 "shorter than the 32-byte image header" image info short.bin
printf ':10000000\n' > broken.hex
expect 2 "broken.hex: not valid Intel HEX: line 1" image info broken.hex

# Malformed images: info exits 2, verify 1, both name the offset.
head -c 1500 good.bin > truncated.bin
expect 2 "error at offset 12" image info truncated.bin
expect 1 "FAILED: structure" image verify truncated.bin --key key.pub.pem
size=$(stat -c %s good.bin)
head -c $((size - 8)) good.bin > cut.bin
expect 1 "past the end of the file" image verify cut.bin

# Keys that cannot be used.
expect 2 "nokey.pem: no such file" image verify good.bin --key nokey.pem
expect 2 "not a PEM private or public key" image verify good.bin --key payload.bin
openssl genpkey -algorithm ed25519 -aes256 -pass pass:secret -out locked.pem 2>/dev/null
expect 2 "protected by a password" image verify good.bin --key locked.pem
expect 2 "signing needs the private key" image sign -k key.pub.pem -v 1.0.0 -H 0x20 --pad-header -S 0x10000 payload.bin out.bin
[[ -e out.bin ]] && fail "a refused sign wrote its output"

# Options imgtool refuses, and outputs that must not be written.
expect 2 "version '1.2.3.4' is not maj.min.rev+build" image sign -v 1.2.3.4 -H 0x20 --pad-header -S 0x10000 payload.bin out.bin
expect 2 "do not fit the slot size 0x400" image sign -v 1.0.0 -H 0x20 --pad-header -S 0x400 payload.bin out.bin
expect 2 "would overwrite the input payload.bin" image sign -v 1.0.0 -H 0x20 --pad-header -S 0x10000 payload.bin payload.bin
cmp -s payload.bin <(head -c 2000 payload.bin) || fail "the payload was modified"
[[ -e out.bin ]] && fail "a refused sign wrote its output"
mkdir readonly && chmod 500 readonly
if [[ $(id -u) -ne 0 ]]; then
  expect 3 "readonly" image sign -v 1.0.0 -H 0x20 --pad-header -S 0x10000 payload.bin readonly/out.bin
fi
expect 2 "key.pem exists" image keygen -t ed25519 -k key.pem

# assess with an update image it cannot check: EVD006, exit 2, no reports.
mkdir product
cat > product/product.yaml <<'YAML'
standard: en303645-3.1.3
product:
  name: Test
artifacts:
  update_image:
    file: update.bin
YAML
expect 2 "product.yaml:6:11: error[EVD006]" assess product/product.yaml --out reports
cp payload.bin product/update.bin
expect 2 "is not an MCUboot image" assess product/product.yaml --out reports
[[ -e reports ]] && fail "assess wrote reports for an artifact it could not check"

if ((failures > 0)); then
  echo "$failures failure(s)"
  exit 1
fi
echo "image bad input: all cases pass"
