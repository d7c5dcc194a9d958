#!/usr/bin/env python3
"""Writes tests/seed/expected.json from the published seed document, without budc.

The seed (the 2024 部门预算公开 of 西港镇, shared/seeds/000_c502fe5fac719970.txt) is a text
dump of the published document: a table row is a run of lines that start with a tab, one
cell per line, and rows are separated by blank lines; a line without a tab right after a
cell continues that cell. This script reads the nine standard tables and the fifteen
project tables out of it, cell for cell, and writes them as the expectations that
tests/seed/compare.py holds budc's output to. It is run by hand when the expectations need
to be rebuilt (the seed is not part of this repository):

    python3 tests/seed/extract_seed.py ../shared/seeds/000_c502fe5fac719970.txt \
        > tests/seed/expected.json

Cells are normalised only in ways that do not touch a figure: whitespace inside a cell
(the document's layout spaces, as in "科目    编码") and "[bookmark: …]" markers are
removed, and empty cells at the end of a row are dropped.
"""
import json
import re
import sys

BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")
SPACE = re.compile(r"[\s\u3000\u00a0]+")


def clean(text):
    lines = [SPACE.sub("", BOOKMARK.sub("", line)) for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def items(lines):
    """Yields ('row', cells) and ('text', line) in document order, with line numbers."""
    row, start = None, 0
    for number, line in enumerate(lines, 1):
        if line.startswith("\t"):
            if row is None:
                row, start = [], number
            row.append(line[1:])
        elif row is not None and line.strip() and not line.startswith("[bookmark"):
            row[-1] += "\n" + line  # continues the last cell
        else:
            if row is not None:
                yield "row", row, start
                row = None
            if line.strip():
                yield "text", line, number
    if row is not None:
        yield "row", row, start


def trimmed(cells):
    cells = [clean(c) for c in cells]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def main(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    stream = list(items(lines))
    tables, projects = [], []
    current = None
    for kind, value, number in stream:
        if kind == "text":
            value = value.strip().lstrip("\ufeff")
            m = re.match(r"\[bookmark: _Toc_2_2_000000000(\d)\](.*)$", value)
            p = re.match(r"^(\d+)、(.*绩效目标表)\s*$", value)
            if m:
                current = {"number": int(m.group(1)), "title": clean(m.group(2)),
                           "caption": None, "rows": [], "notes": [], "line": number}
                tables.append(current)
            elif p and 2360 <= number < 3886:
                current = {"title": clean(value), "caption": None, "rows": [], "notes": [],
                           "line": number}
                projects.append(current)
            elif value.startswith("[bookmark") or re.match(r"^\d+、", value):
                current = None  # the narrative: no table
            elif current is not None and value.strip().isdigit():
                pass  # a page number between tables
            elif current is not None and value.startswith("注"):
                current["notes"].append(clean(value))
            elif current is not None and current in projects and re.match(r"^\d+\.", value):
                # a goal of a 绩效目标 cell, after a blank line in the dump
                current["rows"][-1][-1] += "\n" + clean(value)
            elif current is not None and current in projects:
                current = None
        elif current is not None:
            cells = trimmed(value)
            if current["caption"] is None:
                current["caption"] = cells
            else:
                current["rows"].append(cells)
    # A project table ends where the next heading begins; the narrative after the last one
    # (八、政府采购预算情况) starts with a bookmark, which closes it above.
    json.dump({"source": "shared/seeds/000_c502fe5fac719970.txt",
               "tables": tables, "projects": projects},
              sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
