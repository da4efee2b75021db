#!/usr/bin/env python3
"""The published JSON Schema of the product file (schema/) is what the binary generates,
and it accepts the bundled examples and the `init` template, and rejects typical
mistakes. Exits 77 (skip) when python3-jsonschema or python3-yaml is missing."""
import json
import subprocess
import sys
import tempfile
from pathlib import Path

try:
    import jsonschema
    import yaml
except ImportError as missing:
    print(f"SKIP: {missing.name} is not installed (scripts/setup.sh installs it)")
    sys.exit(77)

binary = sys.argv[1]
root = Path(__file__).resolve().parents[2]
errors = []

for published in sorted((root / "schema").glob("product-*.schema.json")):
    standard = published.name[len("product-"):-len(".schema.json")]
    generated = subprocess.run([binary, "schema", "--standard", standard], capture_output=True,
                               text=True, check=True).stdout
    if generated != published.read_text(encoding="utf-8"):
        errors.append(f"{published.name} is stale: regenerate with "
                      f"'iotconform schema --standard {standard} > schema/{published.name}'")

validators = {}
for published in sorted((root / "schema").glob("product-*.schema.json")):
    schema = json.loads(published.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validators[published.name[len("product-"):-len(".schema.json")]] = (
        schema, jsonschema.Draft202012Validator(schema))
if set(validators) != {"en303645-2.1.1", "en303645-3.1.3"}:
    errors.append(f"schema/ should hold one schema per edition, found {sorted(validators)}")


def problems(document):
    """Problems of a product file against the schema of the edition it names."""
    standard = document.get("standard") if isinstance(document, dict) else None
    _, validator = validators.get(standard, validators["en303645-2.1.1"])
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(document)]


for example in sorted((root / "examples").glob("*/product.yaml")):
    for problem in problems(yaml.safe_load(example.read_text(encoding="utf-8"))):
        errors.append(f"{example.relative_to(root)}: {problem}")

for standard, (schema, _) in validators.items():
    with tempfile.TemporaryDirectory() as directory:
        subprocess.run([binary, "init", directory, "--standard", standard], capture_output=True,
                       check=True)
        template = yaml.safe_load((Path(directory) / "product.yaml").read_text(encoding="utf-8"))
        if template.get("standard") != standard:
            errors.append(f"init --standard {standard} wrote standard {template.get('standard')}")
        for problem in problems(template):
            errors.append(f"init template ({standard}): {problem}")
        written = json.loads((Path(directory) / "product.schema.json").read_text())
        if written != schema:
            errors.append(f"init writes a {standard} schema that differs from schema/")

mistakes = {
    "unknown provision": {"standard": "en303645-2.1.1", "product": {"name": "x"},
                          "ics": {"5.1-9": "Y"}},
    "invalid support": {"standard": "en303645-2.1.1", "product": {"name": "x"},
                        "ics": {"5.1-1": {"support": "maybe"}}},
    "unknown condition": {"standard": "en303645-2.1.1", "product": {"name": "x"},
                          "conditions": {"pasword_used": True}},
    "missing name": {"standard": "en303645-2.1.1", "product": {}},
    "unknown key": {"standard": "en303645-2.1.1", "product": {"name": "x"}, "scpoe": "product"},
}
for what, document in mistakes.items():
    if not problems(document):
        errors.append(f"the schema accepts a file with an {what}")

def sarif_problems(sarif, diagnostics):
    """The parts of SARIF 2.1.0 that code-scanning consumers rely on."""
    found = []
    if sarif.get("version") != "2.1.0" or len(sarif.get("runs", [])) != 1:
        return ["not a single-run SARIF 2.1.0 log"]
    run = sarif["runs"][0]
    driver = run["tool"]["driver"]
    rules = driver.get("rules", [])
    if driver.get("name") != "iotconform" or not rules:
        found.append("tool.driver lacks its name or rules")
    if len(run["results"]) != diagnostics:
        found.append(f"{len(run['results'])} results for {diagnostics} diagnostics")
    for index, result in enumerate(run["results"]):
        if rules[result["ruleIndex"]]["id"] != result["ruleId"]:
            found.append(f"result {index}: ruleIndex does not point at {result['ruleId']}")
        if result["level"] not in ("error", "warning", "note") or not result["message"]["text"]:
            found.append(f"result {index}: bad level or empty message")
        region = result["locations"][0]["physicalLocation"].get("region")
        if region is not None and region["startLine"] < 1:
            found.append(f"result {index}: startLine below 1")
    return found


report_schema = json.loads((root / "docs" / "report-schema.json").read_text())
jsonschema.Draft202012Validator.check_schema(report_schema)
report_validator = jsonschema.Draft202012Validator(report_schema)
for example in sorted((root / "examples").glob("*/product.yaml")):
    with tempfile.TemporaryDirectory() as directory:
        subprocess.run([binary, "assess", str(example), "--out", directory, "--exit-zero"],
                       capture_output=True, check=True)
        report = json.loads((Path(directory) / "report.json").read_text(encoding="utf-8"))
        for e in report_validator.iter_errors(report):
            errors.append(f"report.json of {example.parent.name}: "
                          f"{'/'.join(map(str, e.absolute_path))}: {e.message}")
        sarif = json.loads((Path(directory) / "report.sarif").read_text(encoding="utf-8"))
        errors.extend(f"report.sarif of {example.parent.name}: {problem}"
                      for problem in sarif_problems(sarif, len(report["diagnostics"])))
        expected = 78 if report["standard"]["id"] == "en303645-3.1.3" else 68
        if len(report["provisions"]) != expected:
            errors.append(f"report.json of {example.parent.name}: "
                          f"{len(report['provisions'])} provisions, expected {expected}")

if errors:
    sys.exit("\n".join(errors))
print("schema: the product schema is current, accepts the examples and the template and "
      "rejects mistakes; the example reports match docs/report-schema.json")
