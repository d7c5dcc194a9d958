#!/usr/bin/env python3
"""Fails unless every diagnostic code in compiler/diag/diagnostics.def is expected, in English
and in Chinese, by at least one file test (a "[BUDnnn]" in a CHECK line of each language), and
is listed in docs/diagnostics.md; and unless the checker's registry, compiler/check/rules.def,
is true: each rule's function is defined in compiler/check/<family>.cpp, every code a family's
file reports is claimed by one of its rules and every claimed code is reported there, and
docs/checker.md lists each rule.

Usage: diag_coverage.py SOURCE_ROOT"""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
codes = sorted(int(c) for c in re.findall(r"^BUD_DIAG\((\d+),", (root / "compiler/diag/diagnostics.def").read_text(), re.M))
seen_en, seen_zh = set(), set()
for path in (root / "tests").rglob("*"):
    if path.suffix not in (".bud", ".test") or not path.is_file():
        continue
    for line in path.read_bytes().decode("utf-8", "replace").splitlines():
        m = re.match(r"^// ([A-Z][A-Z0-9]*)(?:-NEXT|-COUNT-\d+)?:.*\[BUD(\d{3})\]", line)
        if not m:
            continue
        (seen_zh if "ZH" in m.group(1) else seen_en).add(int(m.group(2)))
missing = [f"BUD{c:03d} ({'no English' if c not in seen_en else ''}{' ' if c not in seen_en and c not in seen_zh else ''}{'no Chinese' if c not in seen_zh else ''})"
           for c in codes if c not in seen_en or c not in seen_zh]
docs = (root / "docs/diagnostics.md").read_text()
undocumented = [f"BUD{c:03d}" for c in codes if f"BUD{c:03d}" not in docs]
if missing:
    print("diagnostics without a file test of their exact output:", ", ".join(missing))
if undocumented:
    print("diagnostics missing from docs/diagnostics.md:", ", ".join(undocumented))
names = dict((m.group(2), int(m.group(1))) for m in
             re.finditer(r"^BUD_DIAG\((\d+),\s*(\w+),", (root / "compiler/diag/diagnostics.def").read_text(), re.M))
rules = re.findall(r'^BUD_RULE\((\w+),\s*(\w+),\s*"([^"]*)"', (root / "compiler/check/rules.def").read_text(), re.M)
checker_doc = (root / "docs/checker.md").read_text()
registry = []
claimed = {}
for function, family, claimed_codes in rules:
    path = root / "compiler/check" / f"{family}.cpp"
    text = path.read_text() if path.exists() else ""
    if not re.search(r"^void " + function + r"\(const RuleContext &", text, re.M):
        registry.append(f"rule {function}: no 'void {function}(const RuleContext &' in compiler/check/{family}.cpp")
    for c in claimed_codes.split():
        claimed.setdefault(family, set()).add(int(c))
    if f"`{function}`" not in checker_doc:
        registry.append(f"rule {function}: not listed in docs/checker.md")
for family, codes_claimed in claimed.items():
    text = (root / "compiler/check" / f"{family}.cpp").read_text()
    used = {names[n] for n in re.findall(r"diag::(\w+)", text) if n in names}
    for c in sorted(used - codes_claimed):
        registry.append(f"compiler/check/{family}.cpp reports BUD{c:03d}, which no rule of rules.def claims")
    for c in sorted(codes_claimed - used):
        registry.append(f"rules.def claims BUD{c:03d} for {family}, whose file never reports it")
for r in registry:
    print(r)
if missing or undocumented or registry:
    sys.exit(1)
print(f"all {len(codes)} diagnostic codes have file tests in English and Chinese")
