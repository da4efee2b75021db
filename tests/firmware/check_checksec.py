#!/usr/bin/env python3
"""Compares iotconform's ELF hardening results with Debian's checksec, file by file.

    check_checksec.py REPORT DIR [--subset N] [--checksec-json FILE]
    check_checksec.py REPORT --rootfs-cache [--subset N]

REPORT is the iotconform_elf_report program (build/tests/iotconform_elf_report). DIR is a
root file system (or any directory); --rootfs-cache takes the Debian 12 minbase root file
system the test suite builds ($IOTCONFORM_ROOTFS_CACHE or /var/cache/iotconform/rootfs,
then debian12-minbase/) and exits 77 (skipped) when it or checksec is missing.

NX, PIE, RELRO and the stack canary must agree for every ELF file, except the
disagreements listed in checksec_disagreements.txt (file, property, our value, checksec's,
and why checksec is wrong). The list is enforced exactly: an unlisted disagreement fails,
and so does a listed one that did not occur. FORTIFY and the fortified and fortifiable
counts are compared for information.
checksec needs about 0.2 s per file; --subset N compares N files spread evenly over the
sorted list instead of all, which the test suite uses. --checksec-json reuses a saved
`checksec --output=json --dir=DIR` output instead of running it.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ENFORCED = ("nx", "pie", "relro", "canary")
INFORMATIVE = ("fortify_source", "fortified", "fortify-able")
SKIP = 77

# One file's object in checksec's JSON: "PATH": { "relro":"full", ..., "filename":"PATH"}.
# checksec writes its JSON with echo, which leaves a trailing comma in --listfile mode, so
# the objects are read one by one rather than as one document.
OBJECT = re.compile(r'"([^"]+)": \{([^{}]*)\}')
FIELD = re.compile(r'"([^"]+)":"([^"]*)"')


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("report")
    parser.add_argument("directory", nargs="?")
    parser.add_argument("--rootfs-cache", action="store_true")
    parser.add_argument("--subset", type=int, default=0)
    parser.add_argument("--checksec-json")
    parser.add_argument("--disagreements", default=os.path.join(HERE, "checksec_disagreements.txt"))
    return parser.parse_args()


def rootfs_directory():
    cache = os.environ.get("IOTCONFORM_ROOTFS_CACHE", "/var/cache/iotconform/rootfs")
    return os.path.join(cache, "debian12-minbase")


def relative(path, root):
    return os.path.relpath(path, root)


def our_results(report, root):
    output = subprocess.run([report, root], check=True, capture_output=True, text=True).stdout
    return {item["path"]: item for item in json.loads(output)["files"]}


def checksec_objects(text, root):
    results = {}
    for match in OBJECT.finditer(text):
        fields = dict(FIELD.findall(match.group(2)))
        if "relro" in fields:
            results[relative(match.group(1), root)] = fields
    return results


def run_checksec(root, files):
    """checksec on `files` (relative paths) or, when None, on the whole directory."""
    if files is None:
        command = ["checksec", "--output=json", "--dir=" + root]
        return subprocess.run(command, capture_output=True, text=True).stdout
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
        listing.write("".join(os.path.join(root, name) + "\n" for name in files))
    try:
        command = ["checksec", "--output=json", "--listfile=" + listing.name]
        return subprocess.run(command, capture_output=True, text=True).stdout
    finally:
        os.unlink(listing.name)


def spread(names, count):
    """`count` names spread evenly over the sorted list: the same ones on every run."""
    if count <= 0 or count >= len(names):
        return names
    return [names[(i * len(names)) // count] for i in range(count)]


def ours_as_checksec(item):
    # A file with the ELF magic whose header cannot be read (FW050) is "not_elf" to checksec,
    # whose readelf refuses it; ours calls its type "other". The same verdict in other words.
    unreadable = any(error["code"] == "FW050" for error in item["errors"])
    return {
        "nx": "yes" if item["nx"] else "no",
        "pie": "not_elf" if unreadable else item["pie"],
        "relro": item["relro"],
        "canary": "yes" if item["canary"] else "no",
        "fortify_source": "yes" if item["fortify"] else "no",
        "fortified": str(item["fortified"]),
        "fortify-able": str(item["fortifiable"]),
    }


def load_listed(path):
    """(file, property, ours, checksec) -> reason, from the documented list."""
    listed = {}
    with open(path, encoding="utf-8") as stream:
        for number, line in enumerate(stream, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split(None, 4)
            if len(parts) < 5 or parts[1] not in ENFORCED:
                sys.exit(f"{path}:{number}: expected 'FILE PROPERTY OURS CHECKSEC REASON'")
            listed[tuple(parts[:4])] = parts[4]
    return listed


def compare(ours, theirs, names):
    """Per property: agreeing count; and every disagreement as (file, property, ours, theirs)."""
    agree = {name: 0 for name in ENFORCED + INFORMATIVE}
    disagreements = []
    for name in names:
        mine = ours_as_checksec(ours[name])
        for prop in agree:
            if mine[prop] == theirs[name].get(prop):
                agree[prop] += 1
            elif prop in ENFORCED:
                disagreements.append((name, prop, mine[prop], theirs[name].get(prop, "?")))
    return agree, disagreements


def main():
    args = parse_args()
    root = rootfs_directory() if args.rootfs_cache else args.directory
    if not root:
        sys.exit("give a directory or --rootfs-cache")
    if not os.path.isdir(root):
        print(f"check_checksec: {root} does not exist (build it with the firmware tests)")
        return SKIP if args.rootfs_cache else 2
    if not args.checksec_json and shutil.which("checksec") is None:
        print("check_checksec: checksec is not installed (scripts/setup.sh installs it)")
        return SKIP
    root = os.path.realpath(root)

    ours = our_results(args.report, root)
    names = spread(sorted(ours), args.subset)
    started = time.monotonic()
    if args.checksec_json:
        with open(args.checksec_json, encoding="utf-8") as stream:
            text = stream.read()
    else:
        text = run_checksec(root, names if args.subset else None)
    seconds = time.monotonic() - started
    theirs = checksec_objects(text, root)

    status = 0
    only_ours = [name for name in names if name not in theirs]
    only_theirs = [name for name in theirs if name not in ours]
    for name in only_ours:
        print(f"ELF file checksec did not report: {name}")
    for name in only_theirs:
        print(f"ELF file only checksec reported: {name}")
    if only_ours or only_theirs:
        status = 1

    compared = [name for name in names if name in theirs]
    agree, disagreements = compare(ours, theirs, compared)
    listed = load_listed(args.disagreements)
    timing = "saved output" if args.checksec_json else f"checksec took {seconds:.1f} s"
    print(f"{len(compared)} ELF files compared under {root} ({timing})")
    for prop, count in agree.items():
        note = "" if prop in ENFORCED else " (for information)"
        print(f"  {prop:15} {count}/{len(compared)} agree{note}")

    known = [d for d in disagreements if d in listed]
    print(f"{len(known)} listed checksec errors:")
    for item in known:
        print(f"  {' '.join(item)}: {listed[item]}")
    unexplained = [d for d in disagreements if d not in listed]
    for file, prop, mine, their in unexplained:
        print(f"UNEXPLAINED {file} {prop}: ours {mine}, checksec {their}")
    stale = [key for key in listed if key[0] in compared and key not in disagreements]
    if not args.subset:
        stale += [key for key in listed if key[0] not in compared]
    for key in stale:
        print(f"LISTED BUT NOT OBSERVED {' '.join(key)} (update {args.disagreements})")
    if unexplained or stale:
        status = 1
    print("agreement: " + ("OK" if status == 0 else "FAILED"))
    return status


if __name__ == "__main__":
    sys.exit(main())
