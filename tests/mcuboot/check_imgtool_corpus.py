#!/usr/bin/env python3
"""iotconform's `image` commands against imgtool 2.4.0 on the shared MCUboot corpus
(../shared/peer/mcuboot, read in place; exit 77 = skipped when it is absent):

- info: every header field, every TLV (type, length, bytes, name where imgtool knows it)
  and the trailer agree with imgtool's dumpinfo, for every image both tools can read;
- verify: the verdict agrees with imgtool's for every image and every way it was run
  (with the private key, the public key, no key, and the matrix of the six keys), except
  the differences listed in EXPECTED_DIFFERENCES, each with the reason imgtool is wrong.
  A listed difference that does not occur fails the test too, so the list stays exact;
- the digest iotconform computes equals the one imgtool printed for a valid image;
- sign: for every signed case, the same options give byte-identical images where imgtool
  is deterministic (unsigned, Ed25519), and otherwise an image whose every field but the
  randomised signature equals imgtool's and that verifies; every sign command imgtool
  refused is refused too (exit 2, no output file).
"""
import json
import subprocess
import sys
import tempfile
from pathlib import Path

binary = str(Path(sys.argv[1]).resolve())
root = Path(__file__).resolve().parents[2]
peer = next((p for p in [root.parent / "shared" / "peer" / "mcuboot",
                         Path("/work/shared/peer/mcuboot")] if (p / "manifest.json").is_file()),
            None)
if peer is None:
    print("SKIP: the shared MCUboot corpus (../shared/peer/mcuboot) is not here")
    sys.exit(77)

manifest = json.loads((peer / "manifest.json").read_text())
errors = []
counts = {"info": 0, "verify": 0, "verify_differences": 0, "sign_identical": 0,
          "sign_verified": 0, "rejected": 0}

# (tamper kind, verify mode) -> why iotconform's verdict differs from imgtool's. "mode" is
# with_key, with_pubkey or no_key; a condition on the image can narrow the entry.
EXPECTED_DIFFERENCES = {
    ("keyhash_flip", "with_key"): "imgtool never compares the KEYHASH TLV with the key; a "
                                  "bootloader finds no key for this image and rejects it",
    ("keyhash_flip", "with_pubkey"): "as with_key",
    ("pubkey_flip", "with_key"): "imgtool never compares the PUBKEY TLV with the key",
    ("pubkey_flip", "with_pubkey"): "as with_key",
    ("pubkey_flip", "no_key"): "without a key, iotconform checks the signature against the "
                               "embedded key, which the flip has made invalid",
    ("sig_flip", "no_key", "PUBKEY"): "without a key, iotconform checks the signature against "
                                      "the embedded public key; imgtool checks only the hash",
    ("tlv_info_len_short", "with_key"): "imgtool trusts the TLV area's length; the last TLV "
                                        "now runs past the area, a located parse error",
    ("tlv_info_len_short", "with_pubkey"): "as with_key",
    ("tlv_info_len_short", "no_key"): "as with_key",
    ("tlv_info_len", "with_key", "padded"): "imgtool reads the trailer's padding as a TLV; "
                                            "iotconform reports the entry running past the area",
    ("tlv_info_len", "with_pubkey", "padded"): "as with_key",
    ("tlv_info_len", "no_key", "padded"): "as with_key",
    ("truncated_tail", "no_key"): "without a key imgtool checks only the hash; the TLV area "
                                  "now ends past the end of the file, a located parse error",
}


def run(*args):
    return subprocess.run([binary, *map(str, args)], capture_output=True, text=True, cwd=peer)


def key_of(command):
    parts = command.split()
    return parts[parts.index("-k") + 1] if "-k" in parts else None


def compare_info(case):
    dump = case["dumpinfo"]
    if dump["exit"] != 0:
        return
    theirs = dump["json"]
    result = run("image", "info", "--json", case["file"])
    ours = json.loads(result.stdout)
    counts["info"] += 1
    where = case["id"]
    for field, value in theirs["header"].items():
        if ours["header"][field] != value:
            errors.append(f"{where}: header.{field} {ours['header'][field]!r}, imgtool {value!r}")
    area = theirs["tlv_area"]
    if ours["errors"]:
        # iotconform stops at a located error where imgtool walks on trusting a length;
        # every TLV both read must still agree.
        if case.get("tamper", {}).get("kind") not in ("tlv_entry_len", "tlv_info_len",
                                                      "tlv_info_len_short", "truncated_tail",
                                                      "bad_magic"):
            errors.append(f"{where}: unexpected parse errors {ours['errors']}")
    for name in ("tlvs_prot", "tlvs"):
        for mine, its in zip(ours["tlv_area"][name], area[name]):
            if (mine["type"], mine["len"], mine["data"]) != (its["type"], its["len"], its["data"]):
                errors.append(f"{where}: {name} entry {mine} differs from imgtool's {its}")
            if its["type_name"] != "UNKNOWN" and mine["type_name"] != its["type_name"]:
                errors.append(f"{where}: TLV name {mine['type_name']}, imgtool {its['type_name']}")
        if not ours["errors"] and len(ours["tlv_area"][name]) != len(area[name]):
            errors.append(f"{where}: {len(ours['tlv_area'][name])} {name}, imgtool "
                          f"{len(area[name])}")
    for part in ("tlv_hdr", "tlv_hdr_prot"):
        if area[part] and not ours["errors"]:
            mine = ours["tlv_area"][part]
            if (mine["magic"], mine["tlv_tot"]) != (area[part]["magic"], area[part]["tlv_tot"]):
                errors.append(f"{where}: {part} {mine}, imgtool {area[part]}")
    if theirs["trailer"] and "trailer magic value is invalid" not in dump.get(
            "stdout_before_json", ""):
        mine = ours["trailer"] or {}
        for field, value in theirs["trailer"].items():
            if mine.get(field) != value:
                errors.append(f"{where}: trailer.{field} {mine.get(field)!r}, imgtool {value!r}")


def difference_for(case, mode):
    kind = case.get("tamper", {}).get("kind")
    features = set(case.get("features", []))
    image = (peer / case["file"]).read_bytes()
    for key, reason in EXPECTED_DIFFERENCES.items():
        if key[0] != kind or key[1] != mode:
            continue
        if len(key) == 3 and key[2] == "PUBKEY" and "pubkey-full" not in features:
            continue
        if len(key) == 3 and key[2] == "padded" and "pad" not in features:
            continue
        return reason
    return None


def compare_verify(case):
    for mode, record in case["verify"].items():
        key = key_of(record["cmd"])
        args = ["image", "verify", case["file"]] + (["-k", key] if key else [])
        result = run(*args)
        counts["verify"] += 1
        agree = (result.returncode == 0) == (record["exit"] == 0)
        expected_difference = difference_for(case, mode)
        if result.returncode not in (0, 1):
            errors.append(f"{case['id']} {mode}: exit {result.returncode}: {result.stderr}")
        elif expected_difference and agree:
            errors.append(f"{case['id']} {mode}: listed difference did not occur "
                          f"({expected_difference})")
        elif not expected_difference and not agree:
            errors.append(f"{case['id']} {mode}: iotconform exit {result.returncode}, imgtool "
                          f"{record['exit']} ({record['output'] or record.get('stderr_last_line')})"
                          f"\n{result.stdout}")
        elif expected_difference:
            counts["verify_differences"] += 1
        if record["exit"] == 0 and "Image digest:" in record["output"] and result.returncode == 0:
            theirs = record["output"].split("Image digest: ")[1].split()[0]
            ours = json.loads(run(*args, "--json").stdout)["digest"]
            if ours != theirs:
                errors.append(f"{case['id']} {mode}: digest {ours}, imgtool {theirs}")
    for key, record in case.get("verify_matrix", {}).items():
        result = run("image", "verify", case["file"], "-k", f"keys/{key}")
        counts["verify"] += 1
        if (result.returncode == 0) != (record["exit"] == 0):
            errors.append(f"{case['id']} with {key}: iotconform exit {result.returncode}, imgtool "
                          f"{record['exit']} ({record['output']})")


def public_key_for(args):
    key = key_of(" ".join(args))
    return key.replace(".pem", "-pub.pem").replace("-pkcs8-pub", "-pub") if key else None


def compare_sign(case, work):
    args = case["sign_args"]
    out = work / (case["id"] + ".bin")
    result = run("image", "sign", *args[:-1], out)
    if result.returncode != 0:
        errors.append(f"{case['id']}: sign failed: {result.stderr}")
        return
    mine, theirs = out.read_bytes(), (peer / case["file"]).read_bytes()
    key = key_of(" ".join(args))
    if key is None or "ed25519" in key:
        counts["sign_identical"] += 1
        if mine != theirs:
            errors.append(f"{case['id']}: signed image differs from imgtool's")
        return
    check = run("image", "verify", out, "-k", public_key_for(args))
    ours = json.loads(run("image", "info", "--json", out).stdout)
    expected = case["dumpinfo"]["json"]
    counts["sign_verified"] += 1
    if check.returncode != 0:
        errors.append(f"{case['id']}: our signed image does not verify: {check.stdout}")
    if ours["header"] != {**expected["header"], "img_size": ours["header"]["img_size"]} or \
            ours["header"]["img_size"] != expected["header"]["img_size"]:
        errors.append(f"{case['id']}: header {ours['header']}, imgtool {expected['header']}")
    signature_types = {0x20, 0x22, 0x23, 0x24}
    for name in ("tlvs_prot", "tlvs"):
        mine_tlvs = [(t["type"], t["data"]) for t in ours["tlv_area"][name]
                     if t["type"] not in signature_types]
        its_tlvs = [(t["type"], t["data"]) for t in expected["tlv_area"][name]
                    if t["type"] not in signature_types]
        if mine_tlvs != its_tlvs:
            errors.append(f"{case['id']}: {name} {mine_tlvs}, imgtool {its_tlvs}")


with tempfile.TemporaryDirectory() as work:
    work = Path(work)
    for case in manifest["cases"] + manifest["tampered"]:
        compare_info(case)
        compare_verify(case)
    for case in manifest["cases"]:
        compare_sign(case, work)
    for case in manifest["rejected"]:
        out = work / (case["id"] + ".bin")
        result = run("image", "sign", *case["sign_args"][:-1], out)
        counts["rejected"] += 1
        if result.returncode != 2 or out.exists():
            errors.append(f"{case['id']}: imgtool refused ({case['stderr_last_line']}); "
                          f"iotconform exit {result.returncode}, output written: {out.exists()}")
        elif "error" not in result.stderr:
            errors.append(f"{case['id']}: refused without an error message")
    for name, record in manifest["determinism"].items():
        if not record["byte_identical"] or "--pure" in record["sign_args"]:
            continue
        out = work / f"determinism-{name}.bin"
        run("image", "sign", *record["sign_args"][:-1], out)
        import hashlib
        digest = hashlib.sha256(out.read_bytes()).hexdigest() if out.exists() else None
        if digest != record["run1_sha256"]:
            errors.append(f"determinism {name}: sha256 {digest}, imgtool {record['run1_sha256']}")

print(", ".join(f"{k} {v}" for k, v in counts.items()))
for error in errors:
    print("FAIL:", error)
sys.exit(1 if errors else 0)
