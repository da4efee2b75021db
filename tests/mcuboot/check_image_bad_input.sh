#!/usr/bin/env bash
# The image commands on bad input: each gives a clear message naming the file (and the
# offset or line), the documented exit code, and writes nothing. Inputs are generated here.
set -uo pipefail
binary=$(realpath "$1")
source=$(cd "$(dirname "$0")/../.." && pwd)
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

# A file name that is not UTF-8: JSON output replaces the byte, never dies (exit 3).
cp good.bin $'bad\xffname.bin'
expect 0 '"file": "bad' image info --json $'bad\xffname.bin'
python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding="utf-8"))' stdout ||
  fail "info --json on a non-UTF-8 name is not JSON"
expect 0 '"ok": true' image verify --json $'bad\xffname.bin' --key key.pub.pem
expect 1 '"reason": "no signature was verified' image verify --json $'bad\xffname.bin' --strict

# --strict: an unsigned image, or one verified only without a trusted key, fails.
"$binary" image sign -v 1.0.0 -H 0x20 --pad-header -S 0x10000 payload.bin unsigned.bin >/dev/null ||
  fail "sign unsigned"
expect 0 "unsigned.bin: OK (hash only" image verify unsigned.bin
expect 1 "FAILED --strict: no signature was verified against a given key" image verify unsigned.bin --strict
expect 0 "good.bin: OK" image verify good.bin --key key.pub.pem --strict
expect 1 "published development key" image verify "$source/examples/smartcam-v3/update/smartcam-c2-2.4.0.signed.bin" \
  --key "$source/examples/smartcam-v3/keys/update-signing-key.pub.pem" --strict
grep -q ": OK$" stdout && fail "--strict printed OK beside FAILED: $(cat stdout)"
# A development key given with --key is not the image's key when the image names another.
expect 1 "does not match the given key" image verify good.bin \
  --key "$source/examples/smartcam-v3/keys/update-signing-key.pub.pem"
grep -q "development key" stdout && fail "a development key given with --key was blamed on the image: $(cat stdout)"

# Keys MCUboot cannot sign with, and signing/encryption pairs imgtool refuses.
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-224 -out p224.pem 2>/dev/null
expect 2 "ECDSA P-224 is not supported for signing" image sign -k p224.pem -v 1.0.0 -H 0x20 --pad-header -S 0x10000 payload.bin out.bin
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-521 -out p521.pem 2>/dev/null
expect 0 "EC secp521r1 is not supported for signing MCUboot images" image getpub -k p521.pem
grep -q "key hash (" stdout && fail "getpub printed MCUboot key hashes for a P-521 key"
grep -q "BEGIN PUBLIC KEY" stdout || fail "getpub did not print the P-521 public key"
"$binary" image keygen -t x25519 -k x25519.pem --public x25519.pub.pem >/dev/null || fail "keygen x25519"
expect 0 "X25519 encryption key" image getpub -k x25519.pem
expect 2 "signing and encryption must use the same type of key" image sign -k key.pem -E x25519.pub.pem -v 1.0.0 -H 0x20 --pad-header -S 0x10000 payload.bin out.bin
[[ -e out.bin ]] && fail "a refused sign wrote its output"

# Custom TLVs and dependencies imgtool's grammar does not allow.
sign_args=(-v 1.0.0 -H 0x20 --pad-header -S 0x10000)
expect 2 "custom TLV tag 0xa000 is given twice" image sign "${sign_args[@]}" --custom-tlv 0xa000 0x01 --custom-tlv 0xa000 0x02 payload.bin out.bin
expect 2 "custom TLV value '0x' is not hex bytes" image sign "${sign_args[@]}" --custom-tlv 0xa000 0x payload.bin out.bin
expect 2 "dependencies '(1,1.0.0),' cannot be read" image sign "${sign_args[@]}" -d "(1,1.0.0)," payload.bin out.bin
[[ -e out.bin ]] && fail "a refused sign wrote its output"

# A catalog id V3.1.3 split suggests its halves.
expect 2 "did you mean 5.6-4A, 5.6-4B" catalog 5.6-4 -s en303645-3.1.3

# diff judges with the evidence of the artifacts, as assess does.
cp -r "$source/examples/smartcam-v3" v3
sed '/^artifacts:/,/^$/d' v3/product.yaml > v3/no-artifacts.yaml
expect 1 "FAIL" diff v3/no-artifacts.yaml v3/product.yaml
grep -q "5.3-7" stdout || fail "diff does not show the verdict the update image changes: $(cat stdout)"
expect 0 "no differences" diff v3/product.yaml v3/product.yaml
sed 's|file: update/smartcam-c2-2.4.0.signed.bin|file: update/missing.bin|' v3/product.yaml > v3/missing.yaml
expect 2 "EVD006" diff v3/product.yaml v3/missing.yaml
cp v3/product.yaml v3/$'bad\xffname.yaml'
expect 0 '"rows": []' diff --json v3/product.yaml v3/$'bad\xffname.yaml'

if ((failures > 0)); then
  echo "$failures failure(s)"
  exit 1
fi
echo "image bad input: all cases pass"
