#!/usr/bin/env python3
"""No figure of the narrative can change unnoticed. NARRATIVE (a .bud file of WORKSPACE) writes
the published text with figure references; this test

1. writes the text as published — every reference replaced by what budc prints for it — and
   checks that the workspace then reports exactly what it reported before (the literal figures
   agree with the derived ones: no false alarm);
2. changes each figure of that literal text (an amount with 万元/元, a percentage, a year) by one
   unit of its last written place, one at a time, and requires a warning of the prose checks
   (BUD504–BUD518) for each;
3. swaps each reference with the next one of another figure in the same text and requires a
   warning for each (a reference to the wrong figure is caught as well).

Usage: mutate_narrative.py WORKSPACE NARRATIVE BUDC [AT_LEAST]"""
import json
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal

ws, narrative, budc = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3]
at_least = int(sys.argv[4]) if len(sys.argv) > 4 else 1
REF = re.compile(r"(?<!\{)\{(?!\{)([^{}\n]+)\}")


def check(d):
    r = subprocess.run([budc, "check", "--lang=en", str(d)], capture_output=True, text=True)
    return re.findall(r"\[BUD(5\d\d)\]", r.stderr), r


def printed(d, name):
    """What each reference of the file \p name prints, by its place (line, column)."""
    r = subprocess.run([budc, "build", "-q", "--format", "json", str(d)], capture_output=True, text=True)
    if r.returncode:
        sys.exit("budc build failed:\n" + r.stderr)
    model = json.loads(r.stdout)
    out = {}
    for t in model["sections"] + model["performance"]["sections"] + model["glossary"]:
        for ref in t["references"]:
            if ref["source"]["file"].endswith(name):
                out[(ref["source"]["line"], ref["source"]["column"])] = ref["text"]
    return out


def place(text, offset):
    """Line and column (characters) of \p offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


with tempfile.TemporaryDirectory() as tmp:
    work = pathlib.Path(tmp) / "ws"
    shutil.copytree(ws, work)
    target = work / narrative
    source = target.read_text(encoding="utf-8")
    base, _ = check(work)
    shown = printed(work, narrative)
    def code(text, m):  # not in a comment line
        return not text[text.rfind("\n", 0, m.start()) + 1:m.start()].lstrip().startswith("//")
    refs = [m for m in REF.finditer(source) if code(source, m)]
    values = []
    for m in refs:
        at = place(source, m.start())
        if at not in shown:
            sys.exit("%s:%d:%d: the model has no reference here" % (narrative, *at))
        values.append((m.group(1), shown[at]))
    literal, last = "", 0
    for m, (_, out) in zip(refs, values):
        literal += source[last:m.start()] + out
        last = m.end()
    literal += source[last:]
    target.write_text(literal, encoding="utf-8")
    now, run = check(work)
    failures = []
    if sorted(now) != sorted(base):
        failures.append("the published text reports %s, the text with references %s:\n%s" % (now, base, run.stderr))
    # 2. Every figure of the literal text, one at a time.
    figures = [m for m in re.finditer(r"(\d+(?:\.\d+)?)(?=\s*(?:万元|元|%|年))", literal)
               if "说明" in literal[literal.rfind("\n", 0, m.start()):m.start()] or
               literal.rfind('"""', 0, m.start()) > literal.rfind('\n说明', 0, m.start())]
    figures = [m for m in figures if not literal[literal.rfind("\n", 0, m.start()) + 1:m.start()].lstrip().startswith("//")]
    changed = 0
    for m in figures:
        text = m.group(1)
        places = len(text.split(".")[1]) if "." in text else 0
        value = Decimal(text) + Decimal(1).scaleb(-places)
        mutant = literal[:m.start()] + f"{value:.{places}f}" + literal[m.end():]
        target.write_text(mutant, encoding="utf-8")
        got, _ = check(work)
        changed += 1
        if len(got) <= len(base):
            line = literal.count("\n", 0, m.start()) + 1
            failures.append(f"{narrative}:{line}: {text} → {value:.{places}f} passed unnoticed")
    # 3. Each reference swapped with the next one of another figure in its line.
    swapped = 0
    for i, m in enumerate(refs):
        line_end = source.find("\n", m.end())
        other = next((n for n in refs[i + 1:] if n.start() < line_end and n.group(1) != m.group(1)
                      and values[refs.index(n)][1] != values[i][1]), None)
        if not other or m.group(1) in ("年度", "部门", "部门名称", "上年度"):
            continue
        mutant = source[:m.start()] + other.group(0) + source[m.end():]
        target.write_text(mutant, encoding="utf-8")
        got, _ = check(work)
        swapped += 1
        if len(got) <= len(base):
            line = source.count("\n", 0, m.start()) + 1
            failures.append(f"{narrative}:{line}: {m.group(0)} → {other.group(0)} passed unnoticed")
    print(f"{changed} figures of the published text changed, {swapped} references swapped, one at a time")
    for f in failures:
        print("  " + f)
    if failures or changed < at_least:
        sys.exit(1)
