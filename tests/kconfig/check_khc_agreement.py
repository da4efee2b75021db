#!/usr/bin/env python3
"""Agreement with kernel-hardening-checker on its own corpus.

For every labelled run in ../shared/peer/kernel-hardening-checker/expected/MANIFEST.json,
iotconform judges the same inputs (--format khc-json) and each check of the recorded
report is matched to our result for the same (type, option_name, desired_val). Pass or
fail must agree on every shared check, except the differences listed on purpose in
data/kconfig/khc-differences.yaml, which must all still occur (the list is exact). The
unlabelled configurations must all be judged without an input error.

Reads the corpus in place; exits 77 (skipped) when it is absent.
"""
import json
import os
import subprocess
import sys

import yaml

SKIP = 77


def corpus_dir(source):
    candidates = [os.environ.get("IOTCONFORM_KHC_CORPUS", ""),
                  os.path.join(source, "..", "shared", "peer", "kernel-hardening-checker"),
                  "/work/shared/peer/kernel-hardening-checker"]
    for candidate in candidates:
        if candidate and os.path.isfile(os.path.join(candidate, "expected", "MANIFEST.json")):
            return os.path.realpath(candidate)
    return None


def judge(binary, corpus, entry):
    args = [binary, "kconfig", "--format", "khc-json"]
    if entry.get("config"):
        args.append(os.path.join(corpus, entry["config"]))
    if entry.get("cmdline"):
        args += ["--cmdline", os.path.join(corpus, entry["cmdline"])]
    if entry.get("sysctl"):
        args += ["--sysctl", os.path.join(corpus, entry["sysctl"])]
    run = subprocess.run(args, capture_output=True, text=True)
    if run.returncode not in (0, 1):
        raise SystemExit(f"FAIL {entry['expected']}: exit {run.returncode}\n{run.stderr}")
    return {(c["type"], c["option_name"], c["desired_val"]): c for c in json.loads(run.stdout)}


def main():
    binary, source = sys.argv[1], sys.argv[2]
    corpus = corpus_dir(source)
    if corpus is None:
        print("SKIP: kernel-hardening-checker corpus (../shared/peer) not found")
        return SKIP
    with open(os.path.join(source, "data", "kconfig", "khc-differences.yaml")) as stream:
        listed = yaml.safe_load(stream)["differences"]
    # An entry names one run, or several (`runs`) where the same reason holds for each.
    allowed = {(d["type"], d["option"], str(d["desired"]), run): d
               for d in listed for run in d.get("runs", [d.get("run")])}
    # A rule that asks for a range where the other tool asks for one value is matched
    # through the entry's ours_desired.
    aliases = {(d["type"], d["option"], str(d["desired"])):
               (d["type"], d["option"], str(d["ours_desired"])) for d in listed if "ours_desired" in d}
    with open(os.path.join(corpus, "expected", "MANIFEST.json")) as stream:
        manifest = json.load(stream)

    compared = agreed = 0
    unexpected, missing, seen = [], [], set()
    for entry in manifest:
        ours = judge(binary, corpus, entry)
        run_name = os.path.basename(entry["expected"])
        with open(os.path.join(corpus, entry["expected"])) as stream:
            expected = json.load(stream)
        for check in expected:
            key = (check["type"], check["option_name"], check["desired_val"])
            key = aliases.get(key, key) if aliases.get(key) in ours else key
            if key not in ours:
                # Ours is not applicable here (a release or architecture bound), which the
                # khc-shaped output leaves out as kernel-hardening-checker does.
                listed_key = key + (run_name,)
                if allowed.get(listed_key, {}).get("ours") == "not applicable":
                    seen.add(listed_key)
                    continue
                missing.append(f"{run_name}: {key} ({check['check_result']})")
                continue
            compared += 1
            mine = ours[key]["check_result_bool"]
            if mine == check["check_result_bool"]:
                agreed += 1
                continue
            listed_key = (check["type"], check["option_name"], check["desired_val"], run_name)
            if listed_key in allowed:
                seen.add(listed_key)
                continue
            unexpected.append(f"{run_name}: {key} theirs {check['check_result']!r}, "
                              f"ours {'pass' if mine else 'fail'} ({ours[key]['rule']})")

    stale = [k for k in allowed if k not in seen]
    print(f"{len(manifest)} runs, {compared} shared checks, {agreed} agree, "
          f"{len(seen)} listed differences, {len(missing)} checks without a rule")
    for line in missing + unexpected:
        print("MISMATCH", line)
    for key in stale:
        print("LISTED DIFFERENCE NO LONGER OCCURS", key)

    unlabelled_errors = []
    with open(os.path.join(corpus, "unlabelled", "MANIFEST.json")) as stream:
        unlabelled = json.load(stream)
    for entry in unlabelled:
        config = entry.get("config") or entry["args"][1]
        path = os.path.join(corpus, config) if not os.path.isabs(config) else config
        run = subprocess.run([binary, "kconfig", path], capture_output=True, text=True)
        if run.returncode not in (0, 1) or "error" in run.stderr:
            unlabelled_errors.append(f"{config}: exit {run.returncode} {run.stderr.strip()}")
    print(f"{len(unlabelled)} unlabelled configurations judged, {len(unlabelled_errors)} errors")
    for line in unlabelled_errors:
        print("UNLABELLED", line)
    return 1 if (missing or unexpected or stale or unlabelled_errors) else 0


if __name__ == "__main__":
    sys.exit(main())
