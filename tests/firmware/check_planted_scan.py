#!/usr/bin/env python3
"""`iotconform scan` on the Debian 12 minbase root file system that scripts/build-rootfs.sh
builds and caches (exit 77 = skipped when the cache is absent):

- the clean tree, packed as tar.gz and as xz SquashFS, gives no finding of severity warning
  or above, and both forms give the same findings as the directory;
- the planted copy (tests/firmware/planted-faults.md), in both packed forms, gives every
  planted fault, each under its provision;
- the JSON output is a findings file `assess --findings` reads, and the SARIF is 2.1.0.
"""
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

binary = str(Path(sys.argv[1]).resolve())
cache = Path(os.environ.get("IOTCONFORM_ROOTFS_CACHE", "/var/cache/iotconform/rootfs"))
if not (cache / "debian12-planted.squashfs").is_file():
    print(f"SKIP: the root file system cache {cache} is absent (scripts/build-rootfs.sh builds it)")
    sys.exit(77)

# (rule, location, provision): every planted fault and where it must be reported.
PLANTED = [
    ("FW-CRED-002", "etc/shadow:1", "5.1-1"),        # a1 root / admin
    ("FW-CRED-002", "etc/shadow:", "5.1-1"),         # a2 support / support
    ("FW-CRED-003", "etc/shadow:", "5.1-3"),         # a2 MD5 crypt
    ("FW-CRED-004", "etc/passwd:", "5.1-1"),         # a2 second UID 0
    ("FW-CRED-001", "etc/shadow:", "5.1-1"),         # a3 guest, empty password
    ("FW-SECRET-001", "etc/ssl/private/device.key:1", "5.4-3"),  # b1
    ("FW-SECRET-002", "etc/ssh/ssh_host_ed25519_key:1", "5.4-4"),  # b2
    ("FW-SVC-001", "etc/inittab:", "5.6-1"),         # c1 telnetd from inittab
    ("FW-DEBUG-002", "etc/inittab:", "5.6-4A"),      # c2 getty autologin on ttyS0
    ("FW-TLS-001", "etc/lighttpd/conf.d/ssl.conf:", "5.5-1"),  # d1
    ("FW-TLS-001", "etc/ssl/openssl.cnf:", "5.5-1"),           # d2
    ("FW-TLS-001", "etc/mosquitto/mosquitto.conf:", "5.5-1"),  # d3
    ("FW-SECRET-020", "etc/wpa_supplicant/wpa_supplicant.conf:", "5.4-3"),  # e1
    ("FW-SECRET-021", "etc/mosquitto/bridge.conf:", "5.4-3"),  # e2
]
errors = []


def scan(image, work):
    out_json, out_sarif = work / "scan.json", work / "scan.sarif"
    result = subprocess.run([binary, "scan", "--no-progress", str(image), "--json", str(out_json),
                             "--sarif", str(out_sarif)], capture_output=True, text=True)
    if result.returncode not in (0, 1):
        errors.append(f"scan {image.name}: exit {result.returncode}: {result.stderr}")
        return [], {}
    sarif = json.loads(out_sarif.read_text())
    if sarif.get("version") != "2.1.0":
        errors.append(f"scan {image.name}: SARIF version {sarif.get('version')}")
    report = json.loads(out_json.read_text())
    return report["findings"], report


def key(finding):
    return (finding["rule_id"], finding["location"], finding["severity"])


with tempfile.TemporaryDirectory() as work:
    work = Path(work)
    reference = None
    for name in ("debian12-minbase", "debian12-minbase.tar.gz", "debian12-minbase.squashfs"):
        findings, report = scan(cache / name, work)
        loud = [f for f in findings if f["severity"] in ("error", "warning")]
        for finding in loud:
            errors.append(f"{name}: false {finding['severity']} {finding['rule_id']}: "
                          f"{finding['message']} ({finding['location']})")
        # Hard links carry no content in a tar, so ELF counts may differ by one: compare
        # the findings other than the per-image ELF summary.
        found = sorted(key(f) for f in findings if f["rule_id"] != "FW-ELF-SUMMARY")
        if reference is None:
            reference = found
        elif found != reference:
            errors.append(f"{name}: findings differ from the directory's: {found} vs {reference}")
        print(f"{name}: {report['read']['files']} files, {len(findings)} findings, "
              f"{len(loud)} warnings or errors")

    for name in ("debian12-planted.tar.gz", "debian12-planted.squashfs"):
        findings, report = scan(cache / name, work)
        for rule, location, provision in PLANTED:
            if not any(f["rule_id"] == rule and f["location"].startswith(location)
                       and provision in f["provisions"] for f in findings):
                errors.append(f"{name}: planted fault not found: {rule} at {location} under "
                              f"{provision}")
        print(f"{name}: {len(findings)} findings; {len(PLANTED)} planted faults checked")
        product = Path(__file__).resolve().parents[2] / "examples" / "smartcam-v3" / "product.yaml"
        assess = subprocess.run([binary, "assess", str(product), "--findings",
                                 str(work / "scan.json"), "--exit-zero"],
                                capture_output=True, text=True)
        if assess.returncode != 0 or "FAIL       5.1-1" not in assess.stdout:
            errors.append(f"assess --findings with the scan of {name}: exit {assess.returncode}, "
                          f"5.1-1 not failed:\n{assess.stdout[-1500:]}{assess.stderr}")

for error in errors:
    print("FAIL:", error)
sys.exit(1 if errors else 0)
