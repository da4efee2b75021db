#!/usr/bin/env python3
"""`iotconform scan` on small crafted images, built here: each bad or hostile input gives
its documented exit code and diagnostic in a bounded time, and outputs are written all or
nothing.

- an input that cannot be read at all (missing, a FIFO) exits 2 and writes nothing;
- an empty --json or --sarif, or one that names the image, is a usage error (exit 2);
- a truncated SquashFS is scanned as far as it goes, says so (FW003) and exits 1, since a
  partly checked image must not pass CI;
- erased flash (all zeros, all 0xFF) is not taken for an empty tar: it is read as one file,
  which says the analysis is incomplete (FW002) and exits 1;
- control characters in names from the image reach the terminal escaped;
- password hashes made too costly to try (bcrypt cost 31, SHA-crypt with a billion
  rounds) are named (FW090) instead of stalling the scan;
- when one output cannot be written, neither is (exit 3).
"""
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

binary = str(Path(sys.argv[1]).resolve())
errors = []


def run(*args, timeout=60):
    try:
        return subprocess.run([binary, "scan", "--no-progress", *map(str, args)],
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        errors.append(f"scan {' '.join(map(str, args))}: no answer within {timeout} s")
        return None


def expect(code, pattern, *args, stream="any"):
    result = run(*args)
    if result is None:
        return None
    text = {"out": result.stdout, "err": result.stderr}.get(stream, result.stdout + result.stderr)
    if result.returncode != code:
        errors.append(f"scan {' '.join(map(str, args))}: exit {result.returncode}, expected "
                      f"{code}: {(result.stdout + result.stderr)[:400]}")
    elif pattern not in text:
        errors.append(f"scan {' '.join(map(str, args))}: '{pattern}' not in: {text[:400]}")
    return result


def tar_of(path, files):
    with tarfile.open(path, "w:gz") as archive:
        for name, content in files.items():
            data = content.encode() if isinstance(content, str) else content
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mode = 0o644
            archive.addfile(info, io.BytesIO(data))


with tempfile.TemporaryDirectory() as temp:
    work = Path(temp)
    out_json, out_sarif = work / "out.json", work / "out.sarif"

    # Inputs that cannot be read at all.
    expect(2, "cannot be scanned; nothing was written", work / "missing.bin", "--json", out_json)
    os.mkfifo(work / "fifo")
    expect(2, "FW001", work / "fifo", "--json", out_json)
    if out_json.exists():
        errors.append("an input that cannot be read left a JSON output")

    # Usage errors.
    clean = work / "clean.tar.gz"
    tar_of(clean, {"etc/passwd": "root:x:0:0:root:/root:/bin/sh\n",
                   "etc/shadow": "root:*:19000:0:99999:7:::\n"})
    expect(2, "--json is empty", clean, "--json", "")
    expect(2, "--sarif is empty", clean, "--sarif", "")
    expect(2, "would overwrite the image", clean, "--json", clean)
    expect(2, "name the same file", clean, "--json", out_json, "--sarif",
           f"{work}/./{out_json.name}")  # a string: pathlib would drop the "."
    expect(0, "2 files", clean, "--json", out_json)
    if not out_json.exists():
        errors.append("a clean scan did not write --json")

    # A truncated SquashFS: what was read is judged, and the damage makes it exit 1.
    if shutil.which("mksquashfs"):
        tree = work / "tree"
        (tree / "etc").mkdir(parents=True)
        (tree / "etc" / "passwd").write_text("root:x:0:0:root:/root:/bin/sh\n")
        # Compressible contents, so that data blocks are stored compressed and damage to
        # one is noticed (SquashFS has no checksums; a stored block reads as it is).
        for i in range(64):
            (tree / f"file{i}.txt").write_text(f"line {i} of a compressible file\n" * 2048)
        image = work / "image.squashfs"
        subprocess.run(["mksquashfs", str(tree), str(image), "-quiet", "-noappend",
                        "-comp", "gzip"], check=True, capture_output=True)
        # Cut in half, its tables (at the end) are gone: nothing can be read.
        cut = work / "cut.squashfs"
        cut.write_bytes(image.read_bytes()[: image.stat().st_size // 2])
        expect(2, "FW003", cut)
        # A damaged data block: the rest is read and judged, and the scan says what is not.
        damaged = bytearray(image.read_bytes())
        damaged[image.stat().st_size // 3: image.stat().st_size // 3 + 4096] = b"\xa5" * 4096
        (work / "damaged.squashfs").write_bytes(damaged)
        expect(1, "FW003", work / "damaged.squashfs")
    else:
        errors.append("mksquashfs is missing: run scripts/setup.sh")

    # Erased flash is not an empty tar.
    for name, byte in (("zeros.bin", b"\0"), ("erased.bin", b"\xff")):
        (work / name).write_bytes(byte * (256 * 1024))
        expect(1, "warning[FW002]", work / name)

    # Names with control characters are shown escaped.
    hostile = work / "hostile.tar.gz"
    tar_of(hostile, {"etc/ssl/private/\x1b[2Jkey.pem":
                     "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIHhPf1iDkxWSdmjxGjfrSNRDgW"
                     "Q9JmOPW2d7yKkUQj5x\n-----END PRIVATE KEY-----\n"})
    result = expect(1, "\\x1b[2Jkey.pem", hostile, stream="out")
    if result is not None and "\x1b" in result.stdout:
        errors.append("a raw escape character from the image reached the terminal")

    # Hashes too costly to try are named, and the scan ends quickly.
    costly = work / "costly.tar.gz"
    tar_of(costly, {
        "etc/passwd": "root:x:0:0:root:/root:/bin/sh\nadmin:x:1000:1000::/home/admin:/bin/sh\n",
        "etc/shadow": "root:$2b$31$abcdefghijklmnopqrstuuZpG8uxhUMXYyRiRoTQtujVv2v76mJQi:1::::::\n"
                      "admin:$6$rounds=999999999$salt$hash:1::::::\n"})
    result = expect(1, "FW090", costly, "--json", out_json)
    if result is not None and result.stdout.count("FW090") != 2:
        errors.append(f"expected two FW090 lines: {result.stdout}")

    # One output that cannot be written: neither is.
    out_json.unlink(missing_ok=True)
    blocker = work / "blocker"
    blocker.write_text("a file, not a directory")
    expect(3, "--sarif", clean, "--json", out_json, "--sarif", blocker / "out.sarif")
    if out_json.exists():
        errors.append("--json was written although --sarif could not be")

for error in errors:
    print("FAIL:", error)
print(f"scan CLI: {len(errors)} failures")
sys.exit(1 if errors else 0)
