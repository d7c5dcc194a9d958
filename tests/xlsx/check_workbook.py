#!/usr/bin/python3
"""Reads the example's workbook back with an independent reader and checks it.

    check_workbook.py BUDC EXAMPLE_DIR OUT_DIR [EXPECTED_JSON]

budc writes OUT_DIR/disclosure.xlsx; Debian's python3-openpyxl reads it. Every cell of the
nine standard tables from 栏次 down (序号, codes, names, amounts) must equal the seed
expectations (tests/seed/expected.json, read out of the published document) — amounts as
numbers formatted 0.00 (or 0 where the seed prints 0), codes and 序号 as text — and the
header labels must come in the published order. The merged header ranges of tables 2, 4 and
6 and the merged 一级/二级 indicator cells of a project sheet are checked against the
published layout; the header rows must be frozen and repeat on printed pages. A second build
must give a byte-identical workbook.
"""
import filecmp
import json
import os
import re
import shutil
import subprocess
import sys

import openpyxl

SPACE = re.compile(r"[\s\u3000\u00a0]+")


def clean(value):
    return SPACE.sub("", value)


def shown(cell):
    """The cell as the published table prints it, and a complaint about its type."""
    v = cell.value
    if v is None:
        return "", None
    if isinstance(v, str):
        return clean(v), None
    if isinstance(v, (int, float)):
        fmt = cell.number_format
        if fmt == "0.00":
            return "%.2f" % v, None
        if fmt == "0":
            return "%d" % v, None
        return str(v), "number format %r" % fmt
    return str(v), "unexpected type %s" % type(v).__name__


def main(budc, example, out, expected_path=None):
    expected_path = expected_path or os.path.join(os.path.dirname(__file__), "..", "seed",
                                                  "expected.json")
    expected = json.load(open(expected_path, encoding="utf-8"))
    for d in (out, out + "-again"):
        shutil.rmtree(d, ignore_errors=True)
        run = subprocess.run([budc, "build", "-q", "--format", "xlsx", example, "-o", d],
                             capture_output=True, text=True)
        if run.returncode:
            sys.exit("budc build failed:\n" + run.stderr)
    path = os.path.join(out, "disclosure.xlsx")
    if not filecmp.cmp(path, os.path.join(out + "-again", "disclosure.xlsx"), shallow=False):
        sys.exit("two builds of the same input gave different workbooks")

    wb = openpyxl.load_workbook(path)
    sheets = {ws.title[:2]: ws for ws in wb.worksheets}
    failures, compared = [], 0
    for t in expected["tables"]:
        ws = sheets.get("%02d" % t["number"])
        if ws is None:
            failures.append("no sheet for table %d" % t["number"])
            continue
        if ws.title != "%02d %s" % (t["number"], t["title"])[:31]:
            failures.append("sheet %r, expected the title %r" % (ws.title, t["title"]))
        if clean(ws.cell(1, 1).value or "") != t["title"]:
            failures.append("%s: A1 is %r" % (ws.title, ws.cell(1, 1).value))
        caption = [clean(c.value) for c in ws[2] if c.value]
        if caption != t["caption"]:
            failures.append("%s: caption %r, expected %r" % (ws.title, caption, t["caption"]))
        rows = [list(r) for r in ws.iter_rows(min_row=3)]
        head = next(i for i, r in enumerate(t["rows"]) if r and r[0] == "栏次")
        got_labels = [[v for v in (shown(c)[0] for c in r) if v] for r in rows[:head]]
        want_labels = [[c for c in r if c] for r in t["rows"][:head]]
        if got_labels != want_labels:
            failures.append("%s: header labels %r, expected %r" % (ws.title, got_labels, want_labels))
        for i, want in enumerate(t["rows"][head:]):
            r = i + head
            got = [shown(c) for c in rows[r]] if r < len(rows) else []
            texts = [g[0] for g in got]
            while texts and not texts[-1]:
                texts.pop()
            for c in range(max(len(want), len(texts))):
                compared += 1
                w = want[c] if c < len(want) else ""
                g = texts[c] if c < len(texts) else ""
                if w != g:
                    failures.append("%s row %d column %d: expected %r, read %r"
                                    % (ws.title, r + 3, c + 1, w, g))
            for c, (_, complaint) in enumerate(got):
                if complaint:
                    failures.append("%s row %d column %d: %s" % (ws.title, r + 3, c + 1, complaint))
            # Codes and 序号 are text, amounts are numbers.
            for c, cell in enumerate(rows[r] if r < len(rows) else []):
                v = cell.value
                if isinstance(v, str) and re.fullmatch(r"\d+\.\d\d", v):
                    failures.append("%s %s: amount %r stored as text" % (ws.title, cell.coordinate, v))
            if r < len(rows) and rows[r] and rows[r][0].value is not None \
                    and not isinstance(rows[r][0].value, str):
                failures.append("%s %s: 序号 stored as a number" % (ws.title, rows[r][0].coordinate))
        notes = [clean(r[0].value) for r in rows[len(t["rows"]):] if r and r[0].value]
        if notes != t["notes"]:
            failures.append("%s: notes %r, expected %r" % (ws.title, notes, t["notes"]))
        if ws.freeze_panes != "A%d" % (3 + head + 1):
            failures.append("%s: frozen at %r" % (ws.title, ws.freeze_panes))
        if ws.print_title_rows not in ("3:%d" % (3 + head), "$3:$%d" % (3 + head)):
            failures.append("%s: repeated rows %r" % (ws.title, ws.print_title_rows))
        if ws.page_setup.paperSize not in (9, "9"):
            failures.append("%s: paper size %r, not A4" % (ws.title, ws.page_setup.paperSize))

    # Merged header ranges as the published tables lay them out.
    merges = {
        "02": ["A3:A4", "B3:C3", "D3:D4", "E3:L3", "M3:M4"],
        "04": ["A3:A4", "B3:C3", "D3:H3"],
        "06": ["A3:A4", "B3:C3", "D3:F3"],
    }
    for number, ranges in merges.items():
        ws = sheets[number]
        have = {str(r) for r in ws.merged_cells.ranges}
        for r in ranges:
            if r not in have:
                failures.append("%s: %s is not merged (merged: %s)" % (ws.title, r, sorted(have)))
    # A project sheet: 一级 merged down its rows, and 二级 down runs of equal ones.
    project = next(ws for ws in wb.worksheets if "村党组织活动经费" in ws.title)
    have = {str(r) for r in project.merged_cells.ranges}
    start = next(c.row for c in project["A"] if c.value == "一级指标")
    for r in ["A%d:A%d" % (start + 1, start + 7),   # 产出指标: 7 indicators
              "A%d:A%d" % (start + 8, start + 9),   # 效益指标: 2
              "B%d:B%d" % (start + 1, start + 2),   # 数量指标: 2
              "B%d:B%d" % (start + 8, start + 9)]:  # 社会效益指标: 2
        if r not in have:
            failures.append("%s: %s is not merged (merged: %s)" % (project.title, r, sorted(have)))
    if project["A%d" % (start + 1)].value != "产出指标" or project["B%d" % (start + 8)].value != "社会效益指标":
        failures.append("%s: indicator levels not where expected" % project.title)

    print("read %s with openpyxl: %d sheets, %d cells of the nine tables compared, merged "
          "ranges of tables 2, 4, 6 and a project sheet checked"
          % (path, len(wb.worksheets), compared))
    if failures:
        for f in failures[:100]:
            print("  " + f)
        sys.exit(1)


if __name__ == "__main__":
    main(*sys.argv[1:])
