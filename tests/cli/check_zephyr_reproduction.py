#!/usr/bin/env python3
"""The Markdown report of examples/zephyr-3.7 reproduces the published Zephyr table row
for row: the same support and detail in every row, and the status where the page agrees
with the standard (5.3-10 is the one row where it does not, and the report must say so)."""
import re
import subprocess
import sys
import tempfile
from pathlib import Path

binary = sys.argv[1]
root = Path(__file__).resolve().parents[2]
example = root / "examples" / "zephyr-3.7"


def published_rows():
    lines = (example / "published.txt").read_text(encoding="utf-8").split("\n")
    start = lines.index("ETSI 303645 provisions assessment using table B.1")
    rows, i = {}, start
    while i < len(lines):
        match = re.match(r"^Provision (\S+)$", lines[i])
        if not match:
            i += 1
            continue
        j, cells = i + 1, []
        while j < len(lines) and not re.match(r"^Provision \S+$", lines[j]):
            if lines[j].strip():
                cells.append(lines[j].strip())
            j += 1
        ref = match.group(1)
        ref = "6-" + ref[4:] if ref.startswith("6.1-") else ref
        rows[ref] = {"status": cells[1], "support": cells[2] if len(cells) > 2 else "",
                     "detail": " ".join(cells[3:])}
        i = j
    return rows


def report_rows(markdown):
    rows = {}
    in_pro_forma = False
    for line in markdown.split("\n"):
        if line.startswith("## "):
            in_pro_forma = line.startswith("## Table B.1")
        if not in_pro_forma or not line.startswith("| ") or line.startswith("| Provision") \
                or line.startswith("| Condition"):
            continue
        cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        if len(cells) == 5:
            rows[cells[0]] = {"status": cells[2], "support": cells[3], "detail": cells[4]}
    return rows


with tempfile.TemporaryDirectory() as out:
    result = subprocess.run([binary, "assess", str(example / "product.yaml"), "--out", out,
                             "--color", "never"], capture_output=True, text=True)
    if result.returncode != 1:
        sys.exit(f"expected exit code 1 (not conformant), got {result.returncode}: {result.stderr}")
    markdown = (Path(out) / "report.md").read_text(encoding="utf-8")

published = published_rows()
reported = report_rows(markdown)
errors = []
if len(published) != 67:
    errors.append(f"parsed {len(published)} published rows, expected 67")
for ref, row in published.items():
    got = reported.get(ref)
    if got is None:
        errors.append(f"{ref}: missing from the report")
        continue
    for field in ("support", "detail"):
        if got[field] != row[field]:
            errors.append(f"{ref}: {field} {got[field]!r} differs from the published {row[field]!r}")
    letters = re.sub(r"\s*\(.*\)", "", got["status"])
    if letters != row["status"] and ref != "5.3-10":
        errors.append(f"{ref}: status {got['status']!r} disagrees with the published {row['status']!r}")
if "4-1" not in reported or reported["4-1"]["support"] != "":
    errors.append("4-1: the report should list the row the page lacks, unanswered")
if reported.get("5.3-10", {}).get("status") != "M C (11, 12)":
    errors.append("5.3-10: the report should give the standard's status M C (11, 12)")
for needle in ("ICS040 | 5.3-10", "ICS012 | 5.1-5", "ICS010 | 4-1"):
    if needle not in markdown:
        errors.append(f"the diagnostics lack '{needle}'")
if errors:
    sys.exit("\n".join(errors))
print(f"zephyr reproduction: {len(published)} rows match the published table")
