#!/usr/bin/env python3
"""Fails unless every diagnostic code in compiler/diag/diagnostics.def is expected, in English
and in Chinese, by at least one file test (a "[BUDnnn]" in a CHECK line of each language), and
is listed in docs/diagnostics.md.

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
if missing or undocumented:
    sys.exit(1)
print(f"all {len(codes)} diagnostic codes have file tests in English and Chinese")
