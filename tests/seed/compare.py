#!/usr/bin/env python3
"""Builds the example as CSV and compares it, cell for cell, with the published seed.

    compare.py BUDC EXAMPLE_DIR OUT_DIR [EXPECTED_JSON]

The expectations (tests/seed/expected.json) were read out of the seed document by
extract_seed.py, not produced by budc. Every cell of the nine standard tables (headers,
栏次, codes, names, amounts, notes) and of the fifteen project performance tables (code,
amounts, purpose, schedule, goals, every indicator row) must match after the same
normalisation: whitespace inside a cell removed, empty cells at the end of a row dropped.
Header rows above 栏次 compare as their labels in order, because the seed's dump drops the
places a merged header cell covers to its right.
"""
import csv
import json
import os
import re
import subprocess
import sys

SPACE = re.compile(r"[\s\u3000\u00a0]+")


def clean(text):
    lines = [SPACE.sub("", line) for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def trimmed(cells):
    cells = [clean(c) for c in cells]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def main(budc, example, out, expected_path=None):
    expected_path = expected_path or os.path.join(os.path.dirname(__file__), "expected.json")
    expected = json.load(open(expected_path, encoding="utf-8"))
    os.makedirs(out, exist_ok=True)
    for name in os.listdir(out):
        os.remove(os.path.join(out, name))
    run = subprocess.run([budc, "build", example, "--format", "csv", "-o", out, "-q"],
                         capture_output=True, text=True)
    if run.returncode != 0:
        print(run.stderr)
        sys.exit("budc build failed with status %d" % run.returncode)

    built = {}  # first caption line → (file, rows); and NN → …
    by_number = {}
    for name in sorted(os.listdir(out)):
        if not name.endswith(".csv"):
            continue
        with open(os.path.join(out, name), encoding="utf-8-sig", newline="") as f:
            rows = [trimmed(r) for r in csv.reader(f)]
        number = int(name.split("-", 1)[0])
        title = name.split("-", 1)[1][:-4]
        by_number[number] = (name, title, rows)
        if rows and rows[0]:
            built[rows[0][0]] = (name, title, rows)

    failures, compared = [], 0

    def check(where, want, got):
        nonlocal compared
        for r in range(max(len(want), len(got))):
            w = want[r] if r < len(want) else None
            g = got[r] if r < len(got) else None
            if w is None or g is None:
                failures.append("%s row %d: expected %r, built %r" % (where, r + 1, w, g))
                continue
            for c in range(max(len(w), len(g))):
                compared += 1
                wc = w[c] if c < len(w) else ""
                gc = g[c] if c < len(g) else ""
                if wc != gc:
                    failures.append("%s row %d column %d: expected %r, built %r"
                                    % (where, r + 1, c + 1, wc, gc))

    for t in expected["tables"]:
        if t["number"] not in by_number:
            failures.append("table %d (%s) was not built" % (t["number"], t["title"]))
            continue
        name, title, rows = by_number[t["number"]]
        if title != t["title"]:
            failures.append("%s: title %r, expected %r" % (name, title, t["title"]))
        caption = [r[0] if r else "" for r in rows[:len(t["caption"])]]
        check(name + " caption", [t["caption"]], [caption])
        notes = rows[len(rows) - len(t["notes"]):] if t["notes"] else []
        body = rows[len(t["caption"]):len(rows) - len(t["notes"])]
        # Header rows: the seed's dump leaves out the places a merged cell covers to its
        # right but keeps those it covers below, so headers compare as their labels in
        # order (merged ranges are checked on the HTML page). Rows from 栏次 on compare
        # cell for cell.
        head = next(i for i, r in enumerate(t["rows"]) if r and r[0] == "栏次")
        labels = lambda rows: [[c for c in r if c] for r in rows]
        check(name + " header", labels(t["rows"][:head]), labels(body[:head]))
        check(name, t["rows"][head:], body[head:])
        check(name + " notes", [[n] for n in t["notes"]], notes)

    for p in expected["projects"]:
        heading = clean(p["title"])
        if heading not in built:
            failures.append("project table %r was not built" % heading)
            continue
        name, title, rows = built[heading]
        check(name + " caption", [p["caption"]], rows[1:2])
        check(name, p["rows"], rows[2:])

    print("compared %d cells of %d standard and %d project tables"
          % (compared, len(expected["tables"]), len(expected["projects"])))
    if failures:
        print("%d differences:" % len(failures))
        for f in failures[:200]:
            print("  " + f)
        sys.exit(1)


if __name__ == "__main__":
    main(*sys.argv[1:])
