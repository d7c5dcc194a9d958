#!/usr/bin/env python3
"""Reads every function and economic code printed with its name out of the 2026 corpus.

    extract_corpus.py [--check] [CORPUS_DIR]    (default: ../shared/corpus beside the repository)

Writes tests/catalogue/corpus-2026.tsv: one line per (document, line, code, name, table) as
printed: the line it was read from and the title of the table it stands in (the last line
before it that ends in 表), which says whether the code was printed as 政府性基金 spending. The corpus lives outside the repository and CI runs from a
clean clone, so the pairs are committed and tests/catalogue/corpus_names.py checks budc
against them; with --check (a ctest test, skipped where the corpus is absent) the script
compares the committed file with what it reads instead of writing it.

The names it reads agree with shared/data/classification/ (an independent reading of the same
documents) for every national code, wrapped names included; the layouts handled are the ten
documents', and other documents may wrap cells in ways these rules split wrongly.

What is read (pdftotext -layout text, columns as runs of spaces):
- a code of 3, 5 or 7 digits at the start of a table line, followed by its name:
  `2010501   行政运行   6,453.03 …`; 2xx are function codes, 3xx economic ones;
- a code split into 类 / 款 / 项 columns: `201   08   01   行政运行` (上海);
- a name wrapped over several lines of its cell: the lines around the code's line that hold
  only text in the name's column. pdftotext centres a wrapped cell on its row, or starts it
  on the row's line; a fragment between two coded rows goes to the row before it unless
  the row after it has no name on its own line (then the last fragment is the start of that
  row's name).
A name is text without digits or the units of a figure; the catalogue's classes bound the
codes (function 201–234, economic 301–399).
"""
import os
import re
import sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.normpath(os.path.join(here, "..", ".."))

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
NAME = re.compile(r"[%s（）()【】〔〕、·\s]+" % CJK)
# A coded row: optional indent, the code (whole or split in columns), then the rest.
CODED = re.compile(r"^\s*(?:\[(\d{7}|\d{5}|\d{3})\]|(\d{7}|\d{5})(?=\s|$)|(\d{3})(?:\s{2,}(\d{2})(?:\s{2,}(\d{2}))?)?(?=\s|$))(.*)$")
FIGURE = re.compile(r"[\d,]+(?:\.\d+)?|\.\d+|-")


def classes(code):
    c = int(code[:3])
    return (201 <= c <= 234) or (301 <= c <= 399)


def name_part(rest):
    """The text of a row after its code, up to the first figure."""
    rest = rest.strip()
    m = re.match(r"([^\d,.\-]*)", rest)
    text = m.group(1).strip() if m else ""
    return text


def is_fragment(line, column):
    """A line that holds only text of a wrapped name cell (no figures, no code), indented
    past the code's column (a table's title such as 表八 starts at the margin)."""
    s = line.strip()
    indent = len(line) - len(line.lstrip())
    return (bool(s) and NAME.fullmatch(s) is not None and not re.search(r"\s{2,}", s)
            and indent > column)


def is_figures(line):
    """A line holding only wrapped figures (重庆 prints '.17     82')."""
    s = line.strip()
    return bool(s) and all(FIGURE.fullmatch(t) for t in s.split())


# What follows a figure in narrative text ("388 万元"): not a name.
UNITS = {"万元", "元", "亿元", "人", "人次", "个", "天", "次", "项", "条", "户", "年", "月", "日"}


def rows(lines):
    """Coded rows as (index, code, own name)."""
    out = []
    for i, line in enumerate(lines):
        m = CODED.match(line)
        if not m:
            continue
        bracketed, whole, cls, kuan, xiang, rest = m.groups()
        code = bracketed or whole or cls + (kuan or "") + (xiang or "")
        if not classes(code):
            continue
        name = name_part(rest)
        if name and (not NAME.fullmatch(name) or len(name) < 2 or name.split()[0] in UNITS):
            continue
        out.append((i, code, re.sub(r"\s+", " ", name), len(line) - len(line.lstrip())))
    return out


def extract(path):
    lines = open(path, encoding="utf-8").read().replace("\f", "").split("\n")
    coded = rows(lines)
    names = [[own] if own else [] for (_, _, own, _) in coded]

    def fragments(span, column):
        """The name fragments of lines[span], or None when something else stands there."""
        out = []
        for line in (lines[j] for j in span):
            if is_fragment(line, column):
                out.append(line.strip())
            elif line.strip() and not is_figures(line):
                return None
        return out

    for k in range(len(coded) + 1):
        before = coded[k - 1] if k > 0 else None
        after = coded[k] if k < len(coded) else None
        if before and after:
            frags = fragments(range(before[0] + 1, after[0]), min(before[3], after[3]))
        elif after:  # above a table's first row: only what touches it
            j = after[0]
            while j > 0 and after[0] - j < 3 and fragments([j - 1], after[3]) is not None:
                j -= 1
            frags = fragments(range(j, after[0]), after[3])
        elif before:  # below a table's last row
            j = before[0] + 1
            while j < len(lines) and j - before[0] <= 4 and fragments([j], before[3]) is not None:
                j += 1
            frags = fragments(range(before[0] + 1, j), before[3])
        else:
            continue
        if not frags:
            continue
        if after and not after[2]:
            names[k] = frags[-1:] + names[k]
            frags = frags[:-1]
        if before:
            names[k - 1] += frags
    out = []
    for k, (i, code, _, _) in enumerate(coded):
        name = "".join(p.replace(" ", "") for p in names[k])
        if name:
            out.append((i + 1, code, name, title(lines, i)))
    return out


TITLE = re.compile(r"\S.{0,40}表")


def title(lines, i):
    """The title of the table line i stands in: the last short line before it ending in 表."""
    for j in range(i - 1, -1, -1):
        s = re.sub(r"\s+", "", lines[j])
        if TITLE.fullmatch(s) and not FIGURE.search(s.replace("2026", "")):
            return s
    return ""


def main():
    args = sys.argv[1:]
    check = "--check" in args
    args = [a for a in args if a != "--check"]
    corpus = args[0] if args else os.path.join(root, "..", "shared", "corpus")
    dest = os.path.join(here, "corpus-2026.tsv")
    if check and not os.path.isdir(corpus):
        print(f"{corpus} is not here (a clean clone): the committed pairs stand")
        sys.exit(77)  # ctest: skipped
    result = []
    for f in sorted(os.listdir(corpus)):
        if f.endswith(".txt"):
            for line, code, name, table in extract(os.path.join(corpus, f)):
                result.append((f[:-4], line, code, name, table))
    text = "# document\tline\tcode\tname\ttable — generated by tests/catalogue/extract_corpus.py\n"
    text += "".join("\t".join(map(str, r)) + "\n" for r in result)
    if check:
        if open(dest, encoding="utf-8").read() != text:
            sys.exit(f"{dest} is not what extract_corpus.py reads from {corpus}: run it again")
        print(f"{dest} holds the {len(result)} pairs the corpus prints")
        return
    with open(dest, "w", encoding="utf-8") as out:
        out.write(text)
    print("%d pairs, %d codes" % (len(result), len({r[2] for r in result})))


if __name__ == "__main__":
    main()
