#!/usr/bin/python3
"""Validates `budc build --format json` against docs/budget.schema.json with an independent
validator (Debian's python3-jsonschema, Draft 2020-12), for the bundled example and for every
test input that checks clean.

    validate.py BUDC SOURCE_ROOT OUT_DIR

Besides the schema it checks what a schema cannot say: budget.json is one line, the same
document as `--pretty` prints without its whitespace (and every other file the same bytes
with and without --pretty); each line of a .jsonl file is the bytes of its table in
budget.json; each table file equals the table of the same number in budget.json, every money cell's text is its exact amount printed as the
table's money says (unit, decimals, separators), and the allocations add up to the 收入总计
of table 1.
"""
import json
import os
import pathlib
import shutil
import subprocess
import sys
from decimal import Decimal, ROUND_HALF_UP

import jsonschema


def build(budc, workspace, out, *options):
    shutil.rmtree(out, ignore_errors=True)
    run = subprocess.run([budc, "build", "-q", "--format", "json", *options, str(workspace),
                          "-o", str(out)], capture_output=True, text=True)
    return run.returncode, run.stderr


def same_with_pretty(budc, ws, dest):
    """budget.json on one line is the indented document without its whitespace, key for key;
    the other files do not change; a project's table is its .jsonl line byte for byte."""
    pretty = dest.parent / (dest.name + ".pretty")
    status, err = build(budc, ws, pretty, "--pretty")
    if status != 0:
        sys.exit("%s: budc build --pretty failed (%d)\n%s" % (ws, status, err))
    compact = (dest / "budget.json").read_text(encoding="utf-8")
    indented = (pretty / "budget.json").read_text(encoding="utf-8")
    if compact.count("\n") != 1 or not compact.endswith("\n"):
        sys.exit("%s: budget.json is not one line" % ws.name)
    if compact != json.dumps(json.loads(indented), ensure_ascii=False, separators=(",", ":")) + "\n":
        sys.exit("%s: budget.json is not the --pretty document without its whitespace" % ws.name)
    names = sorted(f.name for f in dest.iterdir())
    if names != sorted(f.name for f in pretty.iterdir()):
        sys.exit("%s: --pretty writes other files" % ws.name)
    for name in names:
        if name != "budget.json" and (dest / name).read_bytes() != (pretty / name).read_bytes():
            sys.exit("%s: %s differs with --pretty" % (ws.name, name))
        if name.endswith(".jsonl"):
            for line in (dest / name).read_text(encoding="utf-8").splitlines():
                if line not in compact:
                    sys.exit("%s: a line of %s is not a table of budget.json" % (ws.name, name))
    shutil.rmtree(pretty)


def main(budc, root, out):
    root, out = pathlib.Path(root), pathlib.Path(out)
    schema = json.loads((root / "docs/budget.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    model = jsonschema.Draft202012Validator(schema)
    table = jsonschema.Draft202012Validator(
        {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": "#/$defs/table"})

    candidates = [root / "examples/xigang-2024"] + sorted((root / "tests").rglob("*.bud"))
    inputs = [ws for ws in candidates
              if subprocess.run([budc, "check", "-q", str(ws)], capture_output=True).returncode == 0]
    checked = 0
    for ws in inputs:
        dest = out / ws.name
        status, err = build(budc, ws, dest)
        if status != 0:
            sys.exit("%s: budc build failed (%d)\n%s" % (ws, status, err))
        same_with_pretty(budc, ws, dest)
        doc = json.loads((dest / "budget.json").read_text(encoding="utf-8"))
        errors = sorted(model.iter_errors(doc), key=lambda e: list(e.path))
        for e in errors[:20]:
            print("%s: %s at %s" % (ws.name, e.message, "/".join(map(str, e.path))))
        if errors:
            sys.exit("%s: %d schema violations" % (ws, len(errors)))
        by_number = {t["number"]: t for t in doc["tables"]}
        # A table a file, and the tables every project has a table a line of NN-kind.jsonl:
        # together, every table of budget.json once, the same object.
        files = []
        for f in sorted(dest.glob("[0-9]*.json")):
            files.append((f.name, json.loads(f.read_text(encoding="utf-8"))))
        for f in sorted(dest.glob("[0-9]*.jsonl")):
            lines = f.read_text(encoding="utf-8").splitlines()
            if not lines or int(f.name.split("-")[0]) != json.loads(lines[0])["number"]:
                sys.exit("%s: empty, or not numbered by its first table" % f.name)
            files += [("%s:%d" % (f.name, i + 1), json.loads(l)) for i, l in enumerate(lines)]
        for name, t in files:
            for e in table.iter_errors(t):
                sys.exit("%s: %s" % (name, e.message))
            if t != by_number.get(t["number"]):
                sys.exit("%s differs from table %d of budget.json" % (name, t["number"]))
        if sorted(t["number"] for _, t in files) != sorted(by_number):
            sys.exit("%s: the table files hold tables %s, budget.json %s"
                     % (ws.name, sorted(t["number"] for _, t in files), sorted(by_number)))
        for t in doc["tables"]:
            for row in t["head"] + t["body"]:
                for cell in row:
                    if cell["yuan"] is None or not cell["text"]:
                        continue
                    money = t["money"]
                    places = Decimal(1).scaleb(-money["decimals"])
                    shown = (Decimal(cell["yuan"]) / Decimal(money["yuanPerUnit"])).quantize(places, ROUND_HALF_UP)
                    text = "{:,}".format(shown) if money["separators"] else str(shown)
                    # A zero prints as the template says (零 "-", "0.00" …).
                    if cell["text"] != text and Decimal(cell["yuan"]) != 0:
                        sys.exit("%s table %d: cell %r is %s 元" % (ws.name, t["number"], cell["text"], cell["yuan"]))
        total = sum(Decimal(a["yuan"]) for a in doc["allocations"] if a["view"] != "economic")
        t1 = by_number.get(1)
        if t1 and t1["kind"] == "standard" and t1["title"].endswith("收支总表"):
            last = t1["body"][-1]
            if last[-1]["yuan"] is not None and Decimal(last[-1]["yuan"]) != total:
                sys.exit("%s: table 1 says 支出总计 %s 元, the allocations add up to %s"
                         % (ws.name, last[-1]["yuan"], total))
        checked += 1
    print("%d budgets valid against docs/budget.schema.json (schema version %d)"
          % (checked, schema["properties"]["version"]["const"]))


if __name__ == "__main__":
    main(*sys.argv[1:])
