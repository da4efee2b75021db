#!/usr/bin/env python3
"""migrate and diff on real statements:
- Zephyr's V2.1.1 self-assessment migrates to V3.1.3 with every split row copied and marked,
  the new rows added, 4-1's place taken by 5.0-1, and a report that lists each decision;
  the migrated file assesses, and reports each review mark (ICS050);
- the fictional camera migrates with its condition answers carried to V3 features;
- diff shows what changed between the Zephyr draft (read in place from ../shared/reference,
  skipped when absent) and the published 3.7 page, and between a statement and itself."""
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

binary = sys.argv[1]
root = Path(__file__).resolve().parents[2]
errors = []


def run(*args, expect=0):
    result = subprocess.run([binary, *map(str, args)], capture_output=True, text=True)
    if result.returncode != expect:
        errors.append(f"{' '.join(map(str, args))}: exit {result.returncode}, expected {expect}\n"
                      f"{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return result


with tempfile.TemporaryDirectory() as work:
    work = Path(work)
    zephyr = root / "examples" / "zephyr-3.7" / "product.yaml"
    out, report = work / "zephyr-v3.yaml", work / "zephyr-v3.md"
    run("migrate", zephyr, "--to", "en303645-3.1.3", "-o", out, "--report", report)
    migrated = yaml.safe_load(out.read_text(encoding="utf-8"))
    ics = migrated["ics"]
    if migrated["standard"] != "en303645-3.1.3" or len(ics) != 78:
        errors.append(f"zephyr migration: {migrated['standard']} with {len(ics)} rows")
    original = yaml.safe_load(zephyr.read_text(encoding="utf-8"))["ics"]
    for old, halves in {"5.3-4": ("5.3-4A", "5.3-4B"), "5.6-4": ("5.6-4A", "5.6-4B"),
                        "5.13-1": ("5.13-1A", "5.13-1B"), "6-3": ("6-3A", "6-3B")}.items():
        for half in halves:
            entry = ics[half]
            if entry.get("support") != original[old].get("support") or \
                    (entry.get("detail") or "") != (original[old].get("detail") or "") or not entry.get("review"):
                errors.append(f"zephyr migration: {half} should copy {old} and be marked: {entry}")
    for new in ("5.1-2A", "6-6", "6-7", "6-8"):
        if ics[new].get("support") is not None or not ics[new].get("review"):
            errors.append(f"zephyr migration: {new} should be added unanswered and marked")
    if ics["5.1-5"].get("detail") != "TODO" or ics["5.1-5"].get("support") != "N":
        errors.append("zephyr migration: 5.1-5 should carry over as published")
    text = report.read_text(encoding="utf-8")
    for needle in ("## Decisions left to a person", "| split | 5.3-4 | 5.3-4A |", "| added |  | 6-6 |"):
        if needle not in text:
            errors.append(f"zephyr migration report lacks '{needle}'")
    assessed = run("assess", out, "--out", work / "zephyr-v3-report", "--color", "never", expect=1)
    report_json = json.loads((work / "zephyr-v3-report" / "report.json").read_text())
    reviews = [d for d in report_json["diagnostics"] if d["code"] == "ICS050"]
    if len(reviews) < 8:
        errors.append(f"the migrated Zephyr statement reports {len(reviews)} review marks (ICS050)")

    camera = root / "examples" / "smartcam" / "product.yaml"
    out = work / "camera-v3.yaml"
    run("migrate", camera, "--to", "3.1.3", "-o", out)
    migrated = yaml.safe_load(out.read_text(encoding="utf-8"))
    features = migrated["features"]
    expected = {"passwords": True, "telemetry": False, "physical_debug_interfaces": True,
                "debug_interfaces": True, "network_updates": True}
    for key, value in expected.items():
        if features.get(key) is not value:
            errors.append(f"camera migration: feature {key} is {features.get(key)!r}, expected {value}")
    run("migrate", camera, "--to", "3.1.3", "-o", out, expect=2)  # exists, no --force

    # diff: a statement against itself, then two real revisions.
    same = run("diff", camera, camera)
    if "no differences" not in same.stdout:
        errors.append(f"diff of a file with itself: {same.stdout}")
    draft = root.parent / "shared" / "reference" / "zephyr-etsi-303645-draft.rst"
    if not draft.exists():
        draft = Path("/work/shared/reference/zephyr-etsi-303645-draft.rst")
    if draft.exists():
        imported = work / "draft.yaml"
        run("import", draft, "--scope", "component", "--name", "Zephyr RTOS", "-o", imported)
        result = run("diff", imported, zephyr, "--json", expect=1)
        rows = {row["provision"]: row for row in json.loads(result.stdout)["rows"]}
        if "detail" not in rows.get("5.2-1", {}).get("changed", []):
            errors.append("diff draft -> 3.7: 5.2-1's detail changed (rst link -> rendered text)")
        if not {"support", "verdict"} <= set(rows.get("5.3-1", {}).get("changed", [])):
            errors.append("diff draft -> 3.7: 5.3-1 was answered in 3.7 (support and verdict changed)")
        if "4-1" in rows:
            errors.append("diff draft -> 3.7: 4-1 is missing from both, not a change")
    else:
        print("SKIP: the Zephyr draft (shared/reference) is not available; its diff is not checked")

if errors:
    sys.exit("\n".join(errors))
print("migrate/diff: Zephyr and the camera migrate to V3.1.3 with every decision marked; diff "
      "shows the Zephyr draft-to-3.7 changes")
