#!/usr/bin/env python3
"""import and export on real and crafted documents:
- the Zephyr 3.7 page (rendered text) imports to the statement of examples/zephyr-3.7, and
  its Markdown export has the published support and detail in every row;
- the Zephyr draft (reStructuredText, read in place from ../shared/reference; skipped when
  absent) imports with every row's support and detail as the list-table gives them;
- every example's ICS survives export to md, rst and csv and import back;
- the crafted Markdown and CSV documents in tests/data/import import with the expected
  entries and diagnostics; broken documents are refused with located messages and exit 2."""
import re
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
                      f"{result.stderr}")
    return result


def ics_of(path):
    document = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return document, {str(k): v for k, v in (document.get("ics") or {}).items()}


def entry_fields(entry):
    if not isinstance(entry, dict):
        return {"support": entry, "detail": "", "evidence": []}
    return {"support": entry.get("support"), "detail": entry.get("detail") or "",
            "evidence": entry.get("evidence") or []}


def markdown_rows(markdown):
    rows = {}
    for line in markdown.split("\n"):
        if not line.startswith("| ") or line.startswith("| Provision"):
            continue
        cells = [c.strip().replace("\\|", "|").replace("<br>", "\n")
                 for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        if len(cells) == 5:
            rows[cells[0]] = {"support": cells[3], "detail": cells[4]}
    return rows


with tempfile.TemporaryDirectory() as work:
    work = Path(work)

    # 1. The published Zephyr 3.7 page, as rendered text.
    published = root / "examples" / "zephyr-3.7" / "published.txt"
    out = work / "zephyr-text.yaml"
    run("import", published, "--scope", "component", "--name", "Zephyr RTOS", "-o", out)
    _, imported = ics_of(out)
    _, example = ics_of(root / "examples" / "zephyr-3.7" / "product.yaml")
    if len(imported) != 67:
        errors.append(f"Zephyr text: {len(imported)} rows imported, expected 67")
    for ref, entry in example.items():
        if entry_fields(imported.get(ref)) != {**entry_fields(entry), "support": entry_fields(entry)["support"]}:
            errors.append(f"Zephyr text {ref}: imported {entry_fields(imported.get(ref))}, "
                          f"published {entry_fields(entry)}")
    if imported.get("5.3-10", {}).get("status") != "M":
        errors.append("Zephyr text: 5.3-10 should keep the published status 'M' that differs")
    exported = run("export", out, "--format", "md").stdout
    rows = markdown_rows(exported)
    for ref, entry in example.items():
        fields = entry_fields(entry)
        got = rows.get(ref)
        if got is None or got["support"] != (fields["support"] or "") or got["detail"] != fields["detail"]:
            errors.append(f"Zephyr text export {ref}: {got} differs from the published {fields}")

    # 2. The Zephyr draft, reStructuredText, read in place.
    draft = root.parent / "shared" / "reference" / "zephyr-etsi-303645-draft.rst"
    if not draft.exists():
        draft = Path("/work/shared/reference/zephyr-etsi-303645-draft.rst")
    if draft.exists():
        out = work / "zephyr-rst.yaml"
        run("import", draft, "--scope", "component", "-o", out)
        _, imported = ics_of(out)
        # Independent reading of the list-table rows: "* - Provision X", then four cells
        # ("- " items at six spaces), continuation lines deeper, anchors ignored.
        expected, ref, cells = {}, None, []

        def finish():
            if ref is not None and len(cells) == 5:
                detail = " ".join(ln for ln in cells[4] if ln and not ln.startswith(".. _"))
                expected[ref] = {"support": " ".join(cells[3]).strip() or None, "detail": detail}

        for line in draft.read_text(encoding="utf-8").split("\n"):
            if line.startswith("    * - "):
                finish()
                first = line[8:].strip()
                ref = first[len("Provision "):] if first.startswith("Provision ") else None
                if ref and ref.startswith("6.1-"):
                    ref = "6-" + ref[4:]
                cells = [[first]]
            elif line.startswith("      -") and ref is not None:
                cells.append([line[7:].strip()])
            elif line.startswith("        ") and ref is not None and cells:
                cells[-1].append(line.strip())
            elif line.strip() and not line.startswith(" "):
                finish()
                ref = None
        finish()
        if len(expected) != 67 or len(imported) != 67:
            errors.append(f"Zephyr rst: {len(imported)} rows imported, {len(expected)} in the draft")
        for ref, fields in expected.items():
            got = entry_fields(imported.get(ref))
            if got["support"] != fields["support"] or got["detail"] != fields["detail"]:
                errors.append(f"Zephyr rst {ref}: imported {got}, draft has {fields}")
        rows = markdown_rows(run("export", out, "--format", "md").stdout)
        for ref, fields in expected.items():
            if rows.get(ref, {}).get("detail") != fields["detail"]:
                errors.append(f"Zephyr rst export {ref}: detail {rows.get(ref)} != {fields['detail']!r}")
    else:
        print("SKIP: the Zephyr draft (shared/reference) is not available; rst import of it not checked")

    # 3. Round trips of every example through md, rst and csv. Markdown and rst carry the
    # whole product file (identity, scope, answers); CSV is Table B.1 alone.
    def answers(document, section):
        return {k: v for k, v in (document.get(section) or {}).items() if v not in (None, "unknown")}

    for product in sorted((root / "examples").glob("*/product.yaml")):
        original, ics = ics_of(product)
        for form in ("md", "rst", "csv"):
            document = work / f"{product.parent.name}.{form}"
            run("export", product, "--format", form, "-o", document)
            back = work / f"{product.parent.name}-{form}.yaml"
            extra = [] if form != "csv" else ["--scope", original["scope"], "--name", original["product"]["name"]]
            run("import", document, "--standard", original["standard"], *extra, "-o", back)
            again_document, again = ics_of(back)
            # An unanswered row and a missing row say the same: nothing.
            for ref in set(ics) | set(again):
                if entry_fields(again.get(ref, {})) != entry_fields(ics.get(ref, {})):
                    errors.append(f"{product.parent.name} via {form}: {ref} came back as "
                                  f"{entry_fields(again.get(ref, {}))}, was {entry_fields(ics.get(ref, {}))}")
            if again_document["scope"] != original["scope"]:
                errors.append(f"{product.parent.name} via {form}: scope {again_document['scope']}")
            if form == "csv":
                continue
            for field in ("name", "manufacturer", "model", "firmware_version"):
                if str(again_document["product"].get(field) or "") != str(original["product"].get(field) or ""):
                    errors.append(f"{product.parent.name} via {form}: product.{field} came back as "
                                  f"{again_document['product'].get(field)!r}")
            for section in ("conditions", "features"):
                before, after = answers(original, section), answers(again_document, section)
                if after != before:
                    errors.append(f"{product.parent.name} via {form}: {section} {after} != {before}")

    # 4. Crafted documents with the quirks people write.
    data = root / "tests" / "data" / "import"
    result = run("import", data / "quirks.md", "-o", work / "quirks-md.yaml")
    document, imported = ics_of(work / "quirks-md.yaml")
    if document["standard"] != "en303645-3.1.3":
        errors.append("quirks.md: the V3 references should select V3.1.3")
    checks = {
        "5.1-1": ("Y", "Random per-device password, see [label spec](https://acme.example/label)"),
        "5.1-2": ("Y", "HSM-generated | 64 bits of entropy"),
        "5.1-5": ("Y", "Back-off after 5 failures\nLock-out after 20"),
        "5.3-4A": ("N", "Updates are manual by design: the hub runs medical alarms.\nSee `docs/updates.md`."),
    }
    for ref, (support, detail) in checks.items():
        got = entry_fields(imported.get(ref))
        if (got["support"], got["detail"]) != (support, detail):
            errors.append(f"quirks.md {ref}: {got}")
    for needle in ("quirks.md:20: warning[IMP007]: provision 5.3-10", "quirks.md:21: warning[IMP010]"):
        if needle not in result.stderr:
            errors.append(f"quirks.md: expected '{needle}' in {result.stderr}")

    result = run("import", data / "quirks.csv", "-o", work / "quirks-csv.yaml")
    _, imported = ics_of(work / "quirks-csv.yaml")
    checks = {
        "5.1-1": ("Y", "Random password, printed on the label;\nchanged at first login"),
        "5.1-2": ("Y", 'HSM-generated, "strong" entropy'),
        "5.13-1A": ("Y", "Schemas on every API"),
        "6-6": ("N/A", "The hub processes no personal data."),
    }
    for ref, (support, detail) in checks.items():
        got = entry_fields(imported.get(ref))
        if (got["support"], got["detail"]) != (support, detail):
            errors.append(f"quirks.csv {ref}: {got}")

    # 5. Broken documents: located messages, exit 2, nothing written.
    broken = {
        "merged.md": ("# T\n\n| Provision | Status | Support | Detail |\n|---|---|---|---|\n"
                      "| 5.1-1 | M | Y | a | extra |\n", "merged.md:5: error[IMP002]"),
        "columns.csv": ("Provision,Status,Detail\n5.1-1,M,x\n", "columns.csv:1: error[IMP009]"),
        "support.csv": ("Provision,Support,Detail\n5.1-1,maybe,x\n",
                        "support.csv:2: error[IMP006]: provision 5.1-1: support 'maybe'"),
        "twice.csv": ("Provision,Support,Detail\n5.1-1,Y,x\nProvision 5.1-1,N,y\n",
                      "twice.csv:3: error[IMP004]"),
        "nothing.md": ("# Just prose\n\nNo table here.\n", "nothing.md: error[IMP001]"),
        "latin1.csv": (b"Provision,Support,Detail\n5.1-1,Y,Soci\xe9t\xe9\n", "latin1.csv:2:13"),
        "quote.csv": ('Provision,Support,Detail\n5.1-1,Y,"never closed\n', "quote.csv:2: error[IMP002]"),
    }
    for name, (content, needle) in broken.items():
        source = work / name
        source.write_bytes(content if isinstance(content, bytes) else content.encode())
        target = work / (name + ".yaml")
        result = run("import", source, "-o", target, expect=2)
        if needle not in result.stderr:
            errors.append(f"{name}: expected '{needle}' in: {result.stderr}")
        if target.exists():
            errors.append(f"{name}: a product file was written despite the errors")

    # 6. Editions told apart by status; outputs and inputs never overwritten.
    v2_table = work / "v2.md"
    v2_table.write_text("| Provision | Status | Support | Detail |\n|---|---|---|---|\n"
                        "| 5.1-1 | M C (1) | Y | unique |\n| 5.1-2 | M C (2) | Y | generated |\n"
                        "| 5.6-1 | M | Y | closed |\n", encoding="utf-8")
    run("import", v2_table, "-o", work / "v2.yaml")
    if yaml.safe_load((work / "v2.yaml").read_text())["standard"] != "en303645-2.1.1":
        errors.append("a table with V2.1.1 statuses should import as V2.1.1")
    product = root / "examples" / "smartcam" / "product.yaml"
    existing = work / "existing.md"
    existing.write_text("keep me", encoding="utf-8")
    result = run("export", product, "--format", "md", "-o", existing, expect=2)
    if existing.read_text() != "keep me" or "already exists" not in result.stderr:
        errors.append("export overwrote an existing file without --force")
    run("export", product, "--format", "md", "-o", existing, "--force")
    copy = work / "self.yaml"
    copy.write_bytes(product.read_bytes())
    run("export", copy, "--format", "md", "-o", copy, "--force", expect=2)
    if copy.read_bytes() != product.read_bytes():
        errors.append("export replaced its own input")
    result = run("import", copy, "-o", work / "again.yaml", expect=2)
    if "looks like a product file" not in result.stderr:
        errors.append(f"import of a product file: {result.stderr}")
    result = run("assess", data / "quirks.md", expect=2)
    if "iotconform import" not in result.stderr:
        errors.append(f"assess of a Markdown table should point at import: {result.stderr}")

if errors:
    sys.exit("\n".join(errors))
print("import/export: Zephyr text and rst import as published, examples round-trip through "
      "md, rst and csv, crafted and broken documents behave")
