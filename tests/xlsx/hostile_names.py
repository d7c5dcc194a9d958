#!/usr/bin/python3
"""A workbook opens whatever the names in the budget hold.

    hostile_names.py BUDC WORK_DIR

A department and a project named with a control character (U+0007), a bidirectional
override (U+202E) and the characters Excel refuses in sheet names ([]:*?/\\) once gave a
workbook that no program opened (the sheet name and the document title went into the XML as
they were) while budc exited 0. Debian's python3-openpyxl, a strict XML reader, must load
the workbook; no sheet name and no document property may hold a control or bidirectional
character or a character Excel refuses, and the cell texts keep what the source says.

If the lexer comes to refuse control characters in names (a diagnostic at the source),
budc build exits 1 here and writes nothing; the test then checks that instead.
"""
import os
import shutil
import subprocess
import sys

import openpyxl

BUDGET = ('预算 2024 { 金额单位 万元 }\n'
          '部门 501 "测试\x07部门\u202e" {\n  单位 "本级" { 性质 行政 }\n}\n'
          '收入 {\n  一般公共预算拨款 1.00\n}\n'
          '项目 13030224P00308P121121 "测\x07试[1]:*?/\\\\项目\u202e" {\n'
          '  功能科目 2010301\n  经济科目 30299\n  金额 1.00 一般公共预算拨款\n}\n')
BAD = set(chr(c) for c in list(range(0x20)) + list(range(0x7f, 0xa0))) | set("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def main(budc, work):
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    src = os.path.join(work, "budget.bud")
    with open(src, "w", encoding="utf-8") as f:
        f.write(BUDGET)
    out = os.path.join(work, "out")
    r = subprocess.run([budc, "build", "-q", "-Wno-BUD408", "--format", "xlsx", src, "-o", out],
                       capture_output=True, text=True, timeout=300)
    if r.returncode == 1 and not os.path.exists(out):
        print("the names are refused at the source; nothing was written:\n" + r.stderr[-500:])
        return
    if r.returncode != 0:
        sys.exit("budc build exited %d:\n%s" % (r.returncode, r.stderr))
    wb = openpyxl.load_workbook(os.path.join(out, "disclosure.xlsx"))  # fails on broken XML
    failures = []
    for name in wb.sheetnames:
        if BAD & set(name) or set("[]:*?/\\") & set(name) or len(name) > 31:
            failures.append("sheet name %r" % name)
    title = wb.properties.title or ""
    if BAD & set(title):
        failures.append("document title %r" % title)
    project = wb.worksheets[-1]
    texts = [c.value for row in project.iter_rows() for c in row if isinstance(c.value, str)]
    if not any("试[1]:*?/\\项目" in t for t in texts):
        failures.append("the project's name is not in its sheet: %r" % texts[:12])
    if failures:
        sys.exit("\n".join(failures))
    print("the workbook opens; %d sheet names and the title hold no control or forbidden "
          "character" % len(wb.sheetnames))


if __name__ == "__main__":
    main(*sys.argv[1:])
