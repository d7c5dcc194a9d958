#!/usr/bin/python3
"""Validates `budc check --format=sarif` against the SARIF 2.1.0 schema and Microsoft's rules.

    validate.py BUDC SOURCE_ROOT OUT_DIR

The validator is the npm package @microsoft/sarif-multitool (pinned in package.json and
package-lock.json here; scripts/test.sh installs it with `npm ci`). For the bundled example
(warnings with notes), a file with an error and a fix-it, and a file with syntax errors, the
SARIF log must be valid against the official SARIF 2.1.0 JSON schema that the package ships
(sarif-2.1.0.json, checked with Debian's python3-jsonschema), and the multitool's `validate`
must report no error and no warning except SARIF2001 on the Chinese rule messages (it wants
them to end in an ASCII '.'; Chinese ends in '。'). The results must be the diagnostics of
`budc check --format=json`, with rules from the registry.
"""
import json
import os
import pathlib
import subprocess
import sys

import jsonschema


def main(budc, root, out):
    root, out = pathlib.Path(root), pathlib.Path(out)
    out.mkdir(parents=True, exist_ok=True)
    tool = root / "tests/sarif/node_modules/.bin/sarif-multitool"
    if not tool.exists():
        sys.exit("%s is missing: run `npm ci --prefix tests/sarif` (scripts/test.sh does)" % tool)
    inputs = [root / "examples/xigang-2024", root / "tests/check/BUD121_unknown-template.bud",
              root / "tests/check/BUD104_name-mismatch.bud", root / "tests/syntax/fail_unclosed_reference.bud"]
    schema_path = root / "tests/sarif/node_modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json"
    schema = json.load(open(schema_path))
    validator = jsonschema.validators.validator_for(schema)(schema)
    failures = []
    for ws in inputs:
        if not ws.exists():
            failures.append("missing input %s" % ws)
            continue
        log = out / (ws.stem + ".sarif")
        with open(log, "w") as f:
            subprocess.run([budc, "check", "--format=sarif", str(ws)], stdout=f)
        diags = json.loads(subprocess.run([budc, "check", "--format=json", str(ws)],
                                          capture_output=True, text=True).stdout)["diagnostics"]
        sarif = json.load(open(log))
        for e in list(validator.iter_errors(sarif))[:10]:
            failures.append("%s: schema: %s at %s" % (ws.name, e.message, "/".join(map(str, e.path))))
        run = sarif["runs"][0]
        rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
        results = run["results"]
        if [r["ruleId"] for r in results] != [d["code"] for d in diags]:
            failures.append("%s: results %s, diagnostics %s" % (ws.name, [r["ruleId"] for r in results], [d["code"] for d in diags]))
        for r in results:
            if rules[r["ruleIndex"]] != r["ruleId"]:
                failures.append("%s: ruleIndex %d is not %s" % (ws.name, r["ruleIndex"], r["ruleId"]))
        report = out / (ws.stem + ".validation.sarif")
        if report.exists():
            report.unlink()
        v = subprocess.run([str(tool), "validate", str(log), "--output", str(report)],
                           capture_output=True, text=True)
        if v.returncode != 0 or not report.exists():
            failures.append("%s: the validator failed (%d): %s" % (ws.name, v.returncode, v.stdout[-2000:]))
            continue
        found = json.load(open(report))["runs"][0].get("results", [])
        for f in found:
            text = f.get("message", {}).get("text", "") or json.dumps(f.get("message", {}).get("arguments", []))
            where = json.dumps(f.get("locations", [{}])[0].get("physicalLocation", {}).get("region", {}))
            args = " ".join(f.get("message", {}).get("arguments", []))
            if f.get("ruleId") == "SARIF2001" and "messageStrings.zh" in args:
                continue
            failures.append("%s: %s %s %s %s" % (ws.name, f.get("level", "warning"), f.get("ruleId"), args or text, where))
        print("%s: %d results, valid SARIF 2.1.0" % (ws.name, len(results)))
    if failures:
        for f in failures:
            print("  " + f)
        sys.exit(1)


if __name__ == "__main__":
    main(*sys.argv[1:])
