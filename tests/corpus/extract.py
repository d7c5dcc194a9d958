#!/usr/bin/env python3
"""Reads the tables of a published budget PDF, cell for cell, into <stem>.expected.json.

    extract.py PDF|DIR ...            writes <stem>.expected.json next to this script for each
                                      PDF (a directory: every PDF in it that has tables)
    extract.py PDF -o OUT.json        writes one file elsewhere
    extract.py PDF --tables           lists the tables found (title, unit, pages, rows, notes)
    extract.py PDF --dump [--pages N-M]   prints every grid and text line as read, to check
    extract.py PDF|DIR --crosscheck   finds every money figure of the JSON in pdftotext -raw

The corpus documents (../shared/corpus/, not part of this repository) are PDFs whose tables
are drawn with ruling lines. A cell is found from those lines, not from runs of spaces: the
ruling lines come from poppler's `pdftocairo -svg` (every stroked or thin filled axis-parallel
path of the page), the words and their boxes from `pdftotext -bbox`. A word belongs to the cell
its centre lies in; a word that runs across a ruling line (pdftotext joins text that touches)
is cut where its characters cross the line. So a cell lands in its column even when the cells
to its left are blank, and a merged cell is one cell whatever the lines of the text say.

Cell text is normalised only in ways that do not touch a figure: the words of a cell are
joined in reading order without the layout's spaces (a space is kept between two Latin
letters), and the lines a long cell wraps onto are joined. Figures stay as printed
("26,054,663", "10.80", "0.00", "-"). See README.md for what the JSON holds.

A table is a grid with the text above it on its page: a label (表1, 表一, 公开01表), a title,
a caption (单位名称/部门/编制单位 and 单位：万元). A grid at the top of a page with no text of its
own above it (or only a repetition of the previous table's label and title) continues the
previous table: a header printed again is dropped, and a row the page break cut (its key
columns blank, its text continuing) is joined to the row it continues. Every such step is
recorded in the table's "remarks". No document needs a rule of its own.
"""
import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
NUM = r"-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?"

# ---------------------------------------------------------------------------------------
# Ruling lines


def _matrix(text):
    m = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    if not text:
        return m
    for name, args in re.findall(r"(\w+)\(([^)]*)\)", text):
        a = [float(x) for x in re.findall(NUM, args)]
        if name == "matrix":
            n = a
        elif name == "translate":
            n = [1, 0, 0, 1, a[0], a[1] if len(a) > 1 else 0]
        elif name == "scale":
            n = [a[0], 0, 0, a[1] if len(a) > 1 else a[0], 0, 0]
        else:
            raise ValueError("unsupported SVG transform %r" % name)
        m = _mul(m, n)
    return m


def _mul(m, n):
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return [a * A + c * B, b * A + d * B, a * C + c * D, b * C + d * D,
            a * E + c * F + e, b * E + d * F + f]


def _subpaths(d):
    """The polylines of an SVG path; a curve makes its subpath unusable (None)."""
    toks = re.findall(r"[MLCZHVmlczhv]|" + NUM, d)
    out, cur, cmd, pos, i = [], [], None, (0.0, 0.0), 0
    while i < len(toks):
        t = toks[i]
        if t.isalpha():
            cmd = t
            i += 1
            if cmd in "Zz" and cur:
                cur.append(cur[0])
                out.append(cur)
                cur = []
            continue
        if cmd == "M":
            if cur:
                out.append(cur)
            pos = (float(toks[i]), float(toks[i + 1]))
            cur = [pos]
            i += 2
            cmd = "L"
        elif cmd == "L":
            pos = (float(toks[i]), float(toks[i + 1]))
            cur.append(pos)
            i += 2
        elif cmd == "H":
            pos = (float(toks[i]), pos[1])
            cur.append(pos)
            i += 1
        elif cmd == "V":
            pos = (pos[0], float(toks[i]))
            cur.append(pos)
            i += 1
        elif cmd == "C":
            pos = (float(toks[i + 4]), float(toks[i + 5]))
            cur += [None, pos]
            i += 6
        else:
            raise ValueError("unsupported SVG path command %r" % cmd)
    if cur:
        out.append(cur)
    return out


def _style(el):
    st = {}
    for kv in (el.get("style") or "").split(";"):
        if ":" in kv:
            k, v = kv.split(":", 1)
            st[k.strip()] = v.strip()
    for k in ("stroke", "fill"):
        if el.get(k) is not None:
            st[k] = el.get(k)
    return st


def rules_of_svg(path):
    """Axis-parallel segments of a page: ('h', y, x0, x1) and ('v', x, y0, y1), in points."""
    segs = []

    def walk(el, m):
        tag = el.tag.split("}")[-1]
        if tag in ("defs", "symbol", "clipPath", "mask", "pattern"):
            return
        m = _mul(m, _matrix(el.get("transform")))
        if tag == "path":
            st = _style(el)
            stroke = st.get("stroke", "none") != "none"
            fill = st.get("fill", "black") != "none"
            white = st.get("fill", "") in ("rgb(100%,100%,100%)", "#ffffff", "white")
            for pts in _subpaths(el.get("d") or ""):
                if None in pts:
                    continue
                P = [(m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]) for x, y in pts]
                if stroke:
                    for (x0, y0), (x1, y1) in zip(P, P[1:]):
                        if abs(y0 - y1) < 0.3 and abs(x0 - x1) > 0.5:
                            segs.append(("h", (y0 + y1) / 2, min(x0, x1), max(x0, x1)))
                        elif abs(x0 - x1) < 0.3 and abs(y0 - y1) > 0.5:
                            segs.append(("v", (x0 + x1) / 2, min(y0, y1), max(y0, y1)))
                elif fill and not white and len(P) >= 4:
                    xs = [p[0] for p in P]
                    ys = [p[1] for p in P]
                    w, h = max(xs) - min(xs), max(ys) - min(ys)
                    if h <= 2.5 and w > 2:
                        segs.append(("h", (max(ys) + min(ys)) / 2, min(xs), max(xs)))
                    elif w <= 2.5 and h > 2:
                        segs.append(("v", (max(xs) + min(xs)) / 2, min(ys), max(ys)))
        for ch in el:
            walk(ch, m)

    walk(ET.parse(path).getroot(), [1.0, 0.0, 0.0, 1.0, 0.0, 0.0])
    return segs


def _cluster(values, tol):
    """Sorted values grouped where neighbours are within tol; returns the group means."""
    out = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


class Grid:
    """One ruled table region of a page: column edges xs, row edges ys and its cells."""

    def __init__(self, xs, ys, hsegs, vsegs):
        self.xs, self.ys = xs, ys
        nr, nc = len(ys) - 1, len(xs) - 1
        parent = list(range(nr * nc))

        def find(a):
            while parent[a] != a:
                parent[a] = parent[parent[a]]
                a = parent[a]
            return a

        def covered(segs, fixed, lo, hi):
            # The boundary exists if ruling covers most of the span between lo and hi.
            need = (hi - lo) * 0.5
            got = 0.0
            for f, a, b in segs:
                if abs(f - fixed) <= 1.6:
                    got += max(0.0, min(b, hi) - max(a, lo))
            return got >= need

        for r in range(nr):
            for c in range(nc - 1):
                if not covered(vsegs, xs[c + 1], ys[r], ys[r + 1]):
                    parent[find(r * nc + c + 1)] = find(r * nc + c)
        for r in range(nr - 1):
            for c in range(nc):
                if not covered(hsegs, ys[r + 1], xs[c], xs[c + 1]):
                    parent[find((r + 1) * nc + c)] = find(r * nc + c)
        groups = {}
        for i in range(nr * nc):
            groups.setdefault(find(i), []).append(i)
        self.cells = []  # (r0, c0, r1, c1) inclusive
        self.owner = {}
        for members in groups.values():
            rs = [i // nc for i in members]
            cs = [i % nc for i in members]
            cell = (min(rs), min(cs), max(rs), max(cs))
            for i in members:
                self.owner[(i // nc, i % nc)] = cell
            self.cells.append(cell)
        self.text = {cell: [] for cell in self.cells}

    @property
    def box(self):
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    def contains(self, x, y):
        x0, y0, x1, y1 = self.box
        return x0 - 0.5 <= x <= x1 + 0.5 and y0 - 0.5 <= y <= y1 + 0.5

    def locate(self, x, y):
        r = max(0, min(len(self.ys) - 2, _index(self.ys, y)))
        c = max(0, min(len(self.xs) - 2, _index(self.xs, x)))
        return self.owner[(r, c)]


def _index(edges, v):
    for i in range(len(edges) - 1):
        if v < edges[i + 1]:
            return i
    return len(edges) - 2


def grids_of(segs):
    """Groups the ruling of a page into tables (connected sets of crossing lines)."""
    hs = [(y, a, b) for k, y, a, b in segs if k == "h"]
    vs = [(x, a, b) for k, x, a, b in segs if k == "v"]
    lines = [("h",) + s for s in hs] + [("v",) + s for s in vs]
    parent = list(range(len(lines)))

    def find(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    T = 2.0
    for i, (k, f, a, b) in enumerate(lines):
        for j in range(i + 1, len(lines)):
            k2, f2, a2, b2 = lines[j]
            if k == k2:
                # collinear pieces that touch belong together
                if abs(f - f2) <= 1.0 and a2 <= b + T and a <= b2 + T:
                    parent[find(j)] = find(i)
            elif a - T <= f2 <= b + T and a2 - T <= f <= b2 + T:
                parent[find(j)] = find(i)
    comps = {}
    for i in range(len(lines)):
        comps.setdefault(find(i), []).append(lines[i])
    grids = []
    for comp in comps.values():
        h = [(f, a, b) for k, f, a, b in comp if k == "h"]
        v = [(f, a, b) for k, f, a, b in comp if k == "v"]
        if not h or not v:
            continue
        ys = _cluster([f for f, a, b in h], 2.5)
        xs = _cluster([f for f, a, b in v], 2.5)
        if len(xs) < 2 or len(ys) < 2:
            continue
        # snap segment positions to the clustered edges
        hh = [(min(ys, key=lambda e: abs(e - f)), a, b) for f, a, b in h]
        vv = [(min(xs, key=lambda e: abs(e - f)), a, b) for f, a, b in v]
        grids.append(Grid(xs, ys, hh, vv))
    grids.sort(key=lambda g: (g.ys[0], g.xs[0]))
    return grids


# ---------------------------------------------------------------------------------------
# Words


def _width(ch):
    return 0.5 if ord(ch) < 0x2000 and ch not in "，。：；（）" else 1.0


def split_word(word, cuts):
    """Cuts a word (x0, y0, x1, y1, text) at the x positions in cuts, by estimated glyph widths."""
    x0, y0, x1, y1, text = word
    total = sum(_width(c) for c in text) or 1.0
    pieces, start, acc, pos = [], 0, 0.0, x0
    # A glyph may stick out over a ruling line (a comma at the end of a full cell): a cut
    # counts only where at least most of a glyph lies on either side of it.
    em = (y1 - y0) * 0.8
    bounds = sorted(c for c in cuts if x0 + em < c < x1 - em)
    for i, ch in enumerate(text):
        mid = x0 + (x1 - x0) * (acc + _width(ch) / 2) / total
        acc += _width(ch)
        while bounds and mid > bounds[0]:
            end_x = bounds.pop(0)
            if i > start:
                pieces.append((pos, y0, end_x, y1, text[start:i]))
            start, pos = i, end_x
    pieces.append((pos, y0, x1, y1, text[start:]))
    return [p for p in pieces if p[4]]


def read_words(pdf):
    """{page number: [(x0, y0, x1, y1, text)]} from pdftotext -bbox."""
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, check=True).stdout
    text = out.decode("utf-8")
    pages, page = {}, 0
    for m in re.finditer(r"<page width=\"([\d.]+)\" height=\"([\d.]+)\">|<word xMin=\"([\d.]+)\" "
                         r"yMin=\"([\d.]+)\" xMax=\"([\d.]+)\" yMax=\"([\d.]+)\">([^<]*)</word>", text):
        if m.group(1):
            page += 1
            pages[page] = []
            continue
        w = m.group(7).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"') \
            .replace("&apos;", "'").replace("&amp;", "&")
        pages[page].append((float(m.group(3)), float(m.group(4)), float(m.group(5)),
                            float(m.group(6)), w))
    return pages


def join_words(words):
    """The text of words in reading order: lines top to bottom, words left to right."""
    lines = []
    for w in sorted(words, key=lambda w: ((w[1] + w[3]) / 2, w[0])):
        yc = (w[1] + w[3]) / 2
        if lines and abs(yc - lines[-1][0]) <= max(2.0, (w[3] - w[1]) * 0.4):
            lines[-1][1].append(w)
        else:
            lines.append([yc, [w]])
    text = ""
    for _, ws in lines:
        for w in sorted(ws, key=lambda w: w[0]):
            t = w[4]
            if text and re.match(r"[A-Za-z]", t[:1]) and re.match(r"[A-Za-z]", text[-1:]):
                text += " "
            text += t
    return text


def text_lines(words):
    """Words outside tables as lines: (y0, y1, x0, [parts separated by wide gaps], height)."""
    lines = []
    for w in sorted(words, key=lambda w: ((w[1] + w[3]) / 2, w[0])):
        yc = (w[1] + w[3]) / 2
        if lines and abs(yc - lines[-1]["yc"]) <= 3.0:
            lines[-1]["words"].append(w)
        else:
            lines.append({"yc": yc, "words": [w]})
    out = []
    for ln in lines:
        ws = sorted(ln["words"], key=lambda w: w[0])
        parts, last = [], None
        for w in ws:
            if last is not None and w[0] - last[2] < 12:
                parts[-1].append(w)
            else:
                parts.append([w])
            last = w
        out.append({
            "y0": min(w[1] for w in ws), "y1": max(w[3] for w in ws), "x0": ws[0][0],
            "height": max(w[3] - w[1] for w in ws),
            "parts": [join_words(p) for p in parts],
        })
    return out


# ---------------------------------------------------------------------------------------
# Pages


def page_count(pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def read_pages(pdf, pages=None):
    """[(page, grids with their cell text, text lines outside grids)] for the given pages."""
    words = read_words(pdf)
    result = []
    with tempfile.TemporaryDirectory() as tmp:
        for p in pages or range(1, page_count(pdf) + 1):
            svg = os.path.join(tmp, "p.svg")
            subprocess.run(["pdftocairo", "-svg", "-f", str(p), "-l", str(p), pdf, svg],
                           check=True, capture_output=True)
            # A drawn underline or a box around a title is no table: keep grids of some size.
            grids = [g for g in grids_of(rules_of_svg(svg))
                     if g.xs[-1] - g.xs[0] >= 20 and g.ys[-1] - g.ys[0] >= 10]
            outside = []
            for w in words.get(p, []):
                xc, yc = (w[0] + w[2]) / 2, (w[1] + w[3]) / 2
                g = next((g for g in grids if g.contains(xc, yc)), None)
                if g is None:
                    outside.append(w)
                    continue
                r = max(0, min(len(g.ys) - 2, _index(g.ys, yc)))
                # cut the word where it crosses a column edge that is drawn in its row
                cuts = [x for c, x in enumerate(g.xs[1:-1], 1)
                        if g.owner[(r, c - 1)] != g.owner[(r, c)]]
                for piece in split_word(w, cuts):
                    g.text[g.locate((piece[0] + piece[2]) / 2, yc)].append(piece)
            result.append((p, grids, text_lines(outside)))
    return result


def grid_rows(g):
    """The grid as rows of cell texts (a merged cell's text at its top left), its spans
    [row, col, rowspan, colspan], and each text's distance from its cell's left edge."""
    nr, nc = len(g.ys) - 1, len(g.xs) - 1
    rows = [["" for _ in range(nc)] for _ in range(nr)]
    offsets = [[None for _ in range(nc)] for _ in range(nr)]
    spans = []
    for cell in g.cells:
        r0, c0, r1, c1 = cell
        rows[r0][c0] = join_words(g.text[cell])
        if g.text[cell]:
            # the first line's start: a wrapped label's next lines start at the cell edge
            ws = g.text[cell]
            top = min((w[1] + w[3]) / 2 for w in ws)
            first = [w for w in ws if (w[1] + w[3]) / 2 - top <= max(2.0, (w[3] - w[1]) * 0.4)]
            offsets[r0][c0] = (min(w[0] for w in first) - g.xs[c0],
                               g.xs[c1 + 1] - max(w[2] for w in first))
        if r1 > r0 or c1 > c0:
            spans.append([r0, c0, r1 - r0 + 1, c1 - c0 + 1])
    return rows, sorted(spans), offsets


# ---------------------------------------------------------------------------------------
# Tables: grids with their titles, continued across pages

FIGURE = re.compile(r"^[-−]?[\d,]*\d(\.\d+)?%?$|^-$")
CODE = re.compile(r"^\[\d{3,7}\]")
LABEL = re.compile(r"^(表[一二三四五六七八九十]+|表\s*\d+|公开\s*\d+\s*表)$")
UNIT = re.compile(r"单位[:：]\s*(万元|千元|元)")
ENTITY = re.compile(r"^(单位名称|部门名称|编制单位|预算单位|资金主管部门|部门|单位)\s*[:：]")
NOTE = re.compile(r"^(注|备注)\s*[:：\d]")
TOTAL = re.compile(r"^(合\s*计|总\s*计|小\s*计)$")
NOISE = [re.compile(r"^[-－—]?\s*\d{1,3}\s*[-－—]?$"),      # page numbers: 7, -7-, - 7 -
         re.compile(r"^\S{2,30}20\d\d年度(部门|单位)预算公开$")]  # running heads (苏州)


def _text(line):
    return "".join(line["parts"])


def _narrative(text):
    return (text.endswith(("。", "：", ":", "；", "，")) or len(text) > 45
            or bool(re.match(r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、)", text)))


def _merge_overlapping(lines):
    """Title lines whose boxes overlap vertically are one line set in two fonts
    (重庆 prints the year of a title in another font, a little lower): join them by x."""
    out = []
    for ln in lines:
        if out and ln["y0"] < out[-1]["y1"] - 2 and out[-1]["y0"] < ln["y1"] - 2:
            a, b = sorted([out[-1], ln], key=lambda l: l["x0"])
            out[-1] = {"y0": min(a["y0"], b["y0"]), "y1": max(a["y1"], b["y1"]), "x0": a["x0"],
                       "height": max(a["height"], b["height"]), "parts": a["parts"] + b["parts"]}
        else:
            out.append(dict(ln))
    return out


def header_count(rows):
    """Leading rows that are column labels: no figure, no code, no total, no long text."""
    n = 0
    for r in rows:
        cells = [c for c in r if c]
        if not cells:
            break
        if r[0].replace(" ", "") == "栏次":
            n += 1
            continue
        if any(FIGURE.match(c) or CODE.match(c) or len(c) > 40 for c in cells):
            break
        if TOTAL.match(cells[0]) and all(FIGURE.match(c) for c in cells[1:]):
            break  # 合计 with figures (or none): a body row; 合计 among labels is a header
        n += 1
    return n


def _is_figure(c):
    return bool(FIGURE.match(c))


class Table:
    def __init__(self, number, label, title, caption, lead, page):
        self.number, self.label, self.title = number, label, title
        self.caption, self.lead, self.pages = caption, lead, [page]
        self.rows, self.spans, self.offsets, self.notes, self.remarks = [], [], [], [], []
        self.columns = None
        self.header = 0
        self.note_h = self.note_y1 = None  # type size and bottom of the last note line

    def add_grid(self, g, page):
        rows, spans, offsets = grid_rows(g)
        if self.columns is None:
            self.columns = len(rows[0])
            self.rows, self.spans, self.offsets = rows, spans, offsets
            self.header = header_count(rows)
            return
        if len(rows[0]) != self.columns:
            raise ValueError("table %d continues on page %d with %d columns, not %d"
                             % (self.number, page, len(rows[0]), self.columns))
        if page not in self.pages:
            self.pages.append(page)
        # the header (or any label row of the first page) printed again on this page
        labels = [r for r in self.rows[:6] if not any(_is_figure(c) for c in r if c) and any(r)]
        drop = 0
        while drop < len(rows) and rows[drop] in labels:
            drop += 1
        if drop:
            self.remarks.append("page %d repeats %d header row(s); dropped" % (page, drop))
        rows, offsets = rows[drop:], offsets[drop:]
        spans = [[r - drop, c, rs, cs] for r, c, rs, cs in spans if r >= drop]
        # A row cut by the page break: its text cells continue in the first row here, which
        # has no key of its own (the first column is blank where every row so far has one).
        body = self.rows[self.header:]
        if (rows and body and all(r[0] for r in body) and not rows[0][0]
                and not any(_is_figure(c) for c in rows[0] if c) and any(rows[0])):
            last = self.rows[-1]
            for c, text in enumerate(rows[0]):
                if text:
                    last[c] += text
            self.remarks.append("row %d is continued at the top of page %d; joined"
                                % (len(self.rows) - self.header, page))
            rows, offsets = rows[1:], offsets[1:]
            spans = [[r - 1, c, rs, cs] for r, c, rs, cs in spans if r >= 1]
        base = len(self.rows)
        self.rows += rows
        self.offsets += offsets
        self.spans += [[r + base, c, rs, cs] for r, c, rs, cs in spans]

    def unit(self):
        for line in self.caption:
            m = UNIT.search(line)
            if m:
                return m.group(1)
        for r in self.rows[:max(self.header, 1)]:
            for c in r:
                m = re.search(r"[（(](?:单位[:：])?(万元|千元|元)[）)]", c)
                if m:
                    return m.group(1)
        return None

    def kind(self):
        """A hint for readers: money, projects, indicators or procurement."""
        cells = " ".join(c for r in self.rows[:max(self.header, 1) + 2] for c in r)
        title = self.title or ""
        if re.search(r"指标名称|三级指标|指标值", cells):
            return "indicators"
        if "采购" in title:
            return "procurement"
        if "项目支出" in title and "功能" not in title and "经济" not in title \
                or "绩效目标" in cells:
            return "projects"
        return "money"

    def as_json(self):
        header, body = self.rows[:self.header], self.rows[self.header:]
        return {
            "number": self.number,
            "kind": self.kind(),
            "label": self.label,
            "title": self.title,
            "lead": self.lead,
            "caption": self.caption,
            "unit": self.unit(),
            "pages": self.pages,
            "columns": self.columns,
            "header": header,
            "rows": body,
            "spans": self.spans,
            "indent": indents(body, self.offsets[self.header:]),
            "notes": self.notes,
            "remarks": self.remarks,
        }


def indents(rows, offsets):
    """{column: [level per row]} for text columns whose labels are indented by level
    (深圳 and 广州 show the hierarchy of a listing only so)."""
    out = {}
    if not rows:
        return out
    for c in range(len(rows[0])):
        cells = [(i, offsets[i][c]) for i in range(len(rows))
                 if rows[i][c] and offsets[i][c] is not None and not _is_figure(rows[i][c])
                 and not re.search(r"[合总小]\s*计$", rows[i][c])]
        if len(cells) < 3:
            continue
        centred = sum(1 for _, (left, right) in cells if abs(left - right) < 3)
        if centred * 2 > len(cells):
            continue
        vals = [(i, left) for i, (left, right) in cells]
        levels = _cluster([v for _, v in vals], 2.0)
        if len(levels) < 2 or len(levels) > 5:
            continue
        steps = [b - a for a, b in zip(levels, levels[1:])]
        if min(steps) < 4 or max(steps) > 30 or levels[0] > 12:
            continue  # centred or ragged text, not indentation
        col = [None] * len(rows)
        for i, v in vals:
            col[i] = min(range(len(levels)), key=lambda k: abs(levels[k] - v))
        out[str(c)] = col
    return out


def read_tables(pdf):
    """The tables of a PDF, in document order."""
    tables, current = [], None
    note_open = None  # the table whose note may run on to the next page
    block = []        # text since the last grid, over page breaks
    for page, grids, lines in read_pages(pdf):
        lines = [ln for ln in lines if not any(p.search(_text(ln)) for p in NOISE)]
        items = sorted([(ln["y0"], 0, ln) for ln in lines] + [(g.ys[0], 1, g) for g in grids],
                       key=lambda t: (t[0], t[1]))
        after, first_grid = None, True
        for _, kind, it in items:
            if kind == 0:
                text = _text(it)
                if note_open is not None and not block and after is None:
                    # a note cut by the page break goes on here in the same type size
                    if it["height"] == note_open[1]:
                        note_open[0].notes[-1] += text
                        if text.endswith(("。", "）", ")")):
                            note_open = None
                        continue
                    note_open = None
                continues = (after is not None and after.notes and not block
                             and it["height"] == after.note_h
                             and it["y0"] - after.note_y1 < 1.5 * it["height"]
                             and not (LABEL.match(text) or UNIT.search(text)
                                      or ENTITY.match(text)))
                if after is not None and not block and (NOTE.match(text) or continues):
                    if NOTE.match(text) or after.notes[-1].endswith("。"):
                        after.notes.append(text)
                    else:
                        after.notes[-1] += text
                    after.note_h, after.note_y1 = it["height"], it["y1"]
                    done = after.notes[-1].endswith(("。", "）", ")"))
                    note_open = None if done else (after, it["height"])
                    continue
                after = None
                it["page"] = page
                block.append(it)
                continue
            # a grid
            note_open = None
            caption, labels, narrative, rest = [], [], [], []
            for ln in block:
                text = _text(ln)
                if ln["page"] != page and not _narrative(text):
                    continue  # labels, captions and titles are printed on the grid's page
                if LABEL.match(text):
                    labels.append(text)
                elif UNIT.search(text) or ENTITY.match(text):
                    caption += ln["parts"]
                elif _narrative(text):
                    narrative.append(text)
                    rest = []
                else:
                    rest.append(ln)
            title = "".join(_text(ln) for ln in _merge_overlapping(rest))
            label = labels[-1] if labels else None
            here = [ln for ln in block if ln["page"] == page]
            cont = (current is not None and first_grid and len(here) == len(block)
                    and not narrative
                    and ((not title and not label) or (title == current.title
                                                       and label == current.label)))
            if cont:
                current.add_grid(it, page)
            else:
                current = Table(len(tables) + 1, label, title or None, caption,
                                narrative[-1] if narrative and not title else None, page)
                current.add_grid(it, page)
                tables.append(current)
            after, block, first_grid = current, [], False
    return tables


def poppler_version():
    err = subprocess.run(["pdftotext", "-v"], capture_output=True, text=True).stderr
    m = re.search(r"version\s+(\S+)", err)
    return m.group(1) if m else "unknown"


def write_expected(pdf, out):
    stem = os.path.splitext(os.path.basename(pdf))[0]
    digest = hashlib.sha256(open(pdf, "rb").read()).hexdigest()
    tables = [t.as_json() for t in read_tables(pdf)]
    if not tables:
        return 0
    doc = {
        "source": "shared/corpus/%s.pdf" % stem,
        "sha256": digest,
        "extractor": "tests/corpus/extract.py with poppler %s (pdftocairo -svg, pdftotext -bbox)"
                     % poppler_version(),
        "tables": tables,
    }
    with open(out, "w", encoding="utf-8") as f:
        f.write(_json(doc) + "\n")
    return len(tables)


def _json(v, depth=0):
    """JSON with one line per table row: lists of scalars are written inline."""
    pad = " " * depth
    if isinstance(v, dict):
        items = ["%s %s: %s" % (pad, json.dumps(k, ensure_ascii=False), _json(x, depth + 1))
                 for k, x in v.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}" if items else "{}"
    if isinstance(v, list) and v and any(isinstance(x, (list, dict)) for x in v):
        items = [pad + " " + _json(x, depth + 1) for x in v]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    return json.dumps(v, ensure_ascii=False)


def dump(pdf, pages=None):
    for p, grids, lines in read_pages(pdf, pages):
        print("=== page %d: %d grids" % (p, len(grids)))
        items = [(ln["y0"], "T", ln) for ln in lines] + [(g.ys[0], "G", g) for g in grids]
        for _, kind, it in sorted(items, key=lambda t: t[0]):
            if kind == "T":
                print("  text h=%.1f: %s" % (it["height"], " | ".join(it["parts"])))
            else:
                rows, spans, _ = grid_rows(it)
                print("  grid %d x %d at y=%.0f..%.0f spans=%s" % (
                    len(rows), len(rows[0]), it.ys[0], it.ys[-1], spans))
                for r in rows:
                    print("    " + " | ".join(r))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("pdf", nargs="+", help="a corpus PDF, or a directory of them")
    ap.add_argument("-o", help="the JSON file to write (one PDF only)")
    ap.add_argument("--dump", action="store_true", help="print the grids as read")
    ap.add_argument("--tables", action="store_true", help="list the tables found")
    ap.add_argument("--pages", help="with --dump: N or N-M")
    ap.add_argument("--crosscheck", action="store_true",
                    help="compare the written JSON's figures with pdftotext -raw")
    a = ap.parse_args()
    pdfs = []
    for p in a.pdf:
        if os.path.isdir(p):
            pdfs += sorted(os.path.join(p, f) for f in os.listdir(p) if f.endswith(".pdf"))
        else:
            pdfs.append(p)
    if a.o and len(pdfs) != 1:
        ap.error("-o takes one PDF")
    pages = None
    if a.pages:
        lo, _, hi = a.pages.partition("-")
        pages = range(int(lo), int(hi or lo) + 1)
    ok = True
    for pdf in pdfs:
        if a.crosscheck:
            stem = os.path.splitext(os.path.basename(pdf))[0]
            path = a.o or os.path.join(HERE, stem + ".expected.json")
            if os.path.exists(path):
                ok &= crosscheck(pdf, path)
        elif a.dump:
            dump(pdf, pages)
        elif a.tables:
            list_tables(pdf)
        else:
            stem = os.path.splitext(os.path.basename(pdf))[0]
            out = a.o or os.path.join(HERE, stem + ".expected.json")
            n = write_expected(pdf, out)
            print("%s: %d tables" % (out if a.o else os.path.basename(out), n)
                  if n else "%s: no tables, nothing written" % os.path.basename(pdf))
    sys.exit(0 if ok else 1)


MONEY = re.compile(r"(?<![\d.,])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])"
                   r"|(?<![\d.,])-?\d+\.\d+(?![\d.])")


def crosscheck(pdf, path):
    """Every money figure of the JSON, as often as it is there, in `pdftotext -raw` of its
    tables' pages: a check of the extraction by another reading of the same PDF. A PDF
    whose raw text has no figures (重庆 sets every digit as a glyph of its own) is skipped
    with a message."""
    doc = json.load(open(path, encoding="utf-8"))
    groups = []  # tables that share a page are compared together
    for t in doc["tables"]:
        g = next((g for g in groups if g[0] & set(t["pages"])), None)
        if g:
            g[0].update(t["pages"])
            g[1].append(t)
        else:
            groups.append((set(t["pages"]), [t]))
    cells = missing = 0
    for pages, tables in groups:
        raw = Counter()
        for p in pages:
            out = subprocess.run(["pdftotext", "-raw", "-f", str(p), "-l", str(p), pdf, "-"],
                                 capture_output=True, text=True, check=True).stdout
            lines = [ln for ln in out.split("\n") if ln.strip()]
            if sum(1 for ln in lines if re.fullmatch(r"\s*[\d.,]\s*", ln)) * 5 > len(lines):
                # 重庆 sets each digit as a glyph of its own: one digit a line, no figures
                print("%s: pdftotext -raw prints the digits one per line (page %d); the "
                      "figures cannot be compared" % (os.path.basename(path), p))
                return True
            raw.update(MONEY.findall(out))
        mine = Counter(m for t in tables for r in t["header"] + t["rows"] for c in r
                       for m in MONEY.findall(c))
        cells += sum(mine.values())
        lost = mine - raw
        missing += sum(lost.values())
        for figure, n in sorted(lost.items()):
            print("   pages %s: %s x%d in the JSON, not in the raw text"
                  % (sorted(pages), figure, n))
        for figure, n in sorted((raw - mine).items()):
            # not an error by itself: narrative may share the page (深圳 第七部分)
            print("   pages %s: %s x%d in the raw text, in no table" % (sorted(pages), figure, n))
    print("%s: %d money cells, %d not found in pdftotext -raw of their pages"
          % (os.path.basename(path), cells, missing))
    return missing == 0


def list_tables(pdf):
    for t in read_tables(pdf):
        j = t.as_json()
        print("== %d %s %r unit=%s pages=%s cols=%d header=%d rows=%d" % (
            j["number"], j["label"], j["title"], j["unit"], j["pages"], j["columns"],
            len(j["header"]), len(j["rows"])))
        for key in ("lead", "caption", "notes", "remarks", "indent"):
            if j[key]:
                print("   %s: %s" % (key, j[key]))


if __name__ == "__main__":
    main()
