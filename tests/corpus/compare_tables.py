#!/usr/bin/env python3
"""Compares the tables budc builds for a corpus example with the published ones, cell by cell.

    compare_tables.py BUDC EXAMPLE_DIR EXPECTED_JSON [--verbose]

EXAMPLE_DIR is examples/<stem>/ (a workspace); EXPECTED_JSON is tests/corpus/<stem>.expected.json,
the tables read out of the published PDF by extract.py. budc builds the workspace as JSON into
a temporary directory; each published table is compared with the built table of the same
label and title (or as EXAMPLE_DIR/compare.txt maps it): label, title, caption, header, body,
merged cells, the indentation of names, notes. Body rows that are empty on the page (padding
a page out, as 上海 and 苏州 do) are left out on both sides: they are layout, not content. Every difference is printed with its place and
both texts, and the exit status is 1 if there is any that compare.txt does not explain.

compare.txt (optional) holds one statement per line, `#` starting a comment:

    table 1 = 12                    published table 1 is built table 12 (a table set in the
                                    narrative has no title to match by)
    skip 13 "why"                   published table 13 is not built; the reason is printed
    differ 2 body 11 1 "why"        published table 2, body row 11, column 1 is known to differ
                                    (a defect of the publication, explained in FINDINGS.md)
    differ 2 caption 0 "why"        the same for caption line 0 (also: label, title, notes N)

A `differ` line that matches no difference is itself an error: the explanation is stale.

A built table without header rows (a form of 格 rows, 重庆 表十一) is compared with the
published header and body as one sequence of rows: the published split is the extractor's
guess, which in a form of labels takes every row without a figure for the header.
"""
import json
import os
import shlex
import subprocess
import sys
import tempfile


def grid(rows, width):
    """Rows of HTML-like cells (a covered place is left out) as a full grid of texts, the
    merged cells as [row, col, rowspan, colspan] and the indent of each place."""
    texts = [[""] * width for _ in rows]
    owner = [[False] * width for _ in rows]
    indent = [[0] * width for _ in rows]
    spans = []
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while c < width and owner[r][c]:
                c += 1
            if c >= width:
                break
            texts[r][c] = cell["text"]
            indent[r][c] = cell.get("indent", 0)
            rs, cs = cell["rowSpan"], cell["colSpan"]
            if rs > 1 or cs > 1:
                spans.append([r, c, rs, cs])
            for dr in range(rs):
                for dc in range(cs):
                    if r + dr < len(rows) and c + dc < width:
                        owner[r + dr][c + dc] = True
            c += cs
    return texts, spans, indent


def read_compare(path):
    mapping, skips, differs = {}, {}, {}
    if not os.path.exists(path):
        return mapping, skips, differs
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            words = shlex.split(line, comments=True)
            if not words:
                continue
            try:
                if words[0] == "table" and len(words) == 4 and words[2] == "=":
                    mapping[int(words[1])] = int(words[3])
                elif words[0] == "skip" and len(words) == 3:
                    skips[int(words[1])] = words[2]
                elif words[0] == "differ" and len(words) in (4, 5, 6):
                    key = (int(words[1]), words[2]) + tuple(int(w) for w in words[3:-1])
                    differs[key] = [words[-1], False]
                else:
                    raise ValueError
            except ValueError:
                sys.exit("%s:%d: not a statement of compare.txt: %s" % (path, n, line.strip()))
    return mapping, skips, differs


def main(argv):
    verbose = "--verbose" in argv
    argv = [a for a in argv if a != "--verbose"]
    budc, example, expected_path = argv
    expected = json.load(open(expected_path, encoding="utf-8"))
    mapping, skips, differs = read_compare(os.path.join(example, "compare.txt"))
    with tempfile.TemporaryDirectory() as out:
        run = subprocess.run([budc, "build", "-q", "--format", "json", example, "-o", out],
                             capture_output=True, text=True)
        if run.returncode != 0:
            print(run.stderr)
            sys.exit("%s does not build (exit %d)" % (example, run.returncode))
        built = json.load(open(os.path.join(out, "budget.json"), encoding="utf-8"))["tables"]
    by_number = {t["number"]: t for t in built}
    problems, explained, cells = [], [], 0

    def differ(key, what, published, ours):
        if key in differs:
            differs[key][1] = True
            explained.append("%s: published %r, built %r (%s)" % (what, published, ours, differs[key][0]))
        else:
            problems.append("%s: published %r, built %r" % (what, published, ours))

    used = set()
    for t in expected["tables"]:
        n = t["number"]
        if n in skips:
            explained.append("published table %d (%s) is not built: %s" % (n, t["title"] or t["lead"], skips[n]))
            continue
        ours = by_number.get(mapping[n]) if n in mapping else next(
            (b for b in built if b["number"] not in used and (b["label"] or None) == t["label"]
             and b["title"] == t["title"]), None)
        name = "table %d (%s %s)" % (n, t["label"] or "", t["title"] or t["lead"])
        if ours is None:
            problems.append("%s: no built table has this label and title" % name)
            continue
        used.add(ours["number"])
        if t["label"] is not None and (ours["label"] or None) != t["label"]:
            differ((n, "label"), name + " label", t["label"], ours["label"])
        if t["title"] is not None and ours["title"] != t["title"]:
            differ((n, "title"), name + " title", t["title"], ours["title"])
        for i in range(max(len(t["caption"]), len(ours["caption"]))):
            a = t["caption"][i] if i < len(t["caption"]) else None
            b = ours["caption"][i] if i < len(ours["caption"]) else None
            if a != b:
                differ((n, "caption", i), "%s caption %d" % (name, i), a, b)
        if ours["width"] != t["columns"]:
            problems.append("%s: %d columns published, %d built" % (name, t["columns"], ours["width"]))
            continue
        rows = ours["head"] + ours["body"]
        texts, spans, indent = grid(rows, ours["width"])
        head = len(ours["head"])
        if head == 0 and t["header"]:
            # A form (重庆 表十一) is built of 格 rows only, labels beside values, with no
            # header: the extractor's split, which takes the leading rows without figures for
            # one (README.md, "Header/body split"), means nothing there. Its rows are compared
            # as one sequence, numbered over header and body as the published spans are.
            shift = len(t["header"])
            t = dict(t, header=[], rows=t["header"] + t["rows"],
                     indent={c: [None] * shift + levels for c, levels in t["indent"].items()})
        if len(t["header"]) != head:
            problems.append("%s: %d header rows published, %d built" % (name, len(t["header"]), head))
            continue
        # Empty body rows are the page's padding (上海, 苏州 fill a page with them): left out on
        # both sides. Published rows keep their own numbers in messages and in compare.txt.
        blank = lambda row: all(x == "" for x in row)
        published = [(r, row) for r, row in enumerate(t["rows"]) if not blank(row)]
        built_rows = [(r, texts[head + r]) for r in range(len(ours["body"])) if not blank(texts[head + r])]
        to_filtered = {head + r: head + i for i, (r, _) in enumerate(published)}
        to_filtered.update({r: r for r in range(head)})
        built_filtered = {head + r: head + i for i, (r, _) in enumerate(built_rows)}
        built_filtered.update({r: r for r in range(head)})
        for r in range(head):
            for c in range(ours["width"]):
                cells += 1
                if t["header"][r][c] != texts[r][c]:
                    differ((n, "head", r, c), "%s head row %d column %d" % (name, r, c), t["header"][r][c], texts[r][c])
        if len(published) != len(built_rows):
            problems.append("%s: %d non-empty body rows published, %d built" % (name, len(published), len(built_rows)))
        for i in range(max(len(published), len(built_rows))):
            r, a_row = published[i] if i < len(published) else (None, None)
            rb, b_row = built_rows[i] if i < len(built_rows) else (None, None)
            for c in range(ours["width"]):
                a = a_row[c] if a_row is not None else None
                b = b_row[c] if b_row is not None else None
                cells += 1
                if a != b:
                    where = r if r is not None else "(built %d)" % rb
                    differ((n, "body", r if r is not None else -1, c),
                           "%s body row %s column %d" % (name, where, c), a, b)
        want = sorted((to_filtered[s[0]],) + tuple(s[1:]) for s in t["spans"] if s[0] in to_filtered)
        have = sorted((built_filtered[s[0]],) + tuple(s[1:]) for s in spans if s[0] in built_filtered)
        if want != have:
            for s in sorted(set(want) ^ set(have)):
                differ((n, "span", s[0], s[1]), "%s merged cell at row %d column %d" % (name, s[0], s[1]),
                       list(s) if s in want else None, list(s) if s in have else None)
        for col, levels in t["indent"].items():
            for i, (r, _) in enumerate(published):
                level = levels[r] if r < len(levels) else None
                if level is None or i >= len(built_rows):
                    continue
                got = indent[head + built_rows[i][0]][int(col)]
                if got != level:
                    differ((n, "indent", r, int(col)), "%s indent of body row %d column %s" % (name, r, col),
                           level, got)
        for i in range(max(len(t["notes"]), len(ours["notes"]))):
            a = t["notes"][i] if i < len(t["notes"]) else None
            b = ours["notes"][i] if i < len(ours["notes"]) else None
            if a != b:
                differ((n, "notes", i), "%s note %d" % (name, i), a, b)
    for key, (why, seen) in differs.items():
        if not seen:
            problems.append("compare.txt explains a difference that is not there: %s (%s)" % (key, why))
    if verbose or problems:
        for e in explained:
            print("explained: " + e)
    for p in problems:
        print(p)
    print("%s: %d published tables, %d cells compared, %d differences explained, %d not"
          % (os.path.basename(os.path.normpath(example)), len(expected["tables"]), cells,
             len(explained), len(problems)))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main(sys.argv[1:])
