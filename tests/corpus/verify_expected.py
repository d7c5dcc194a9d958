#!/usr/bin/env python3
"""Checks the extracted corpus tables against the sums the documents themselves imply.

    verify_expected.py [-v] [JSON ...]     (default: every tests/corpus/*.expected.json)
    verify_expected.py --mutations [JSON ...]   shows that the identities catch changed figures

It needs only the JSON files, so it runs in CI. For every table it derives, from the table's
own structure, the identities a correct table satisfies, and tests them on the extracted
figures:

- columns: inside a header group, a 合计/小计/总计 column is the sum of the group's other
  amount columns (a subgroup counts as its own total, or as the sum of its columns); a
  group of "其中" columns is a breakdown, not a part; a "“三公”经费合计" adds only the 三公
  items; where every group repeats the same columns (深圳's 三公 table, by fund), the
  identity holds per column;
- rows: a classification code is the sum of its immediate sub-codes (201 = 20105 + …,
  301 = 30101 + …, 024 = 024001, and 类/款/项 printed in separate columns); a row of the
  hierarchy a listing shows only by indentation is the sum of the rows indented under it;
  a numbered item (一、 （一） 1. （1）) is the sum of the items numbered under it; a 合计
  or 总计 row is the sum of the top level; in a 收支总表 (two sides) each side's
  本年…合计 adds its top items, 总计 adds the carry-over rows to it, and 收入总计 equals
  支出总计; 增减变化金额 = 2026年 − 2025年;
- indicators: the weights (指标权重, 分值) of a table add up to 100.

A figure is compared at the precision it is printed in. In a 万元 table every printed figure
is rounded on its own, so a total may differ from its parts by up to half a unit of the last
place per figure involved: such a difference is reported as rounding, never as an error (the
documents say so themselves: "本套报表金额单位转换时可能存在尾数误差"). In a 元 table the figures
are exact and must add up exactly.

A difference beyond rounding is either an extraction error (the script fails) or a real
defect of the published document; the latter are listed in DEFECTS below, each with the
place in SURVEY.md that gives its evidence. A listed defect that no longer shows is an error
too, so the list cannot go stale.
"""
import glob
import json
import os
import re
import sys
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))

# Real defects of the published documents (evidence in SURVEY.md): (stem, table number,
# a substring of the identity as reported).
DEFECTS = [
    ("shanghai-shenjiju-2026", 1, "收入总计"),  # 收入总计 printed blank (SURVEY: 上海审计局 D1)
]

FIGURE = re.compile(r"^[-−]?[\d,]*\d(\.\d+)?$")
TOTAL = re.compile(r"^(合计|总计|小计|本年收入合计|本年支出合计|收入合计|支出合计|收入总计|支出总计)$")
CODE = re.compile(r"^\d{3}(\d{2}){0,2}$|^\d{3}(\d{3})?$")
BRACKET_CODE = re.compile(r"^\[(\d{3,7})\]")
NUMBERING = [
    re.compile(r"^[一二三四五六七八九十]+、"),
    re.compile(r"^(其中：)?[（(][一二三四五六七八九十]+[）)]"),
    re.compile(r"^\d+[、.．]"),
    re.compile(r"^[（(]\d+[）)]"),
]
SANGONG_ITEM = re.compile(r"因公出国|公务用车|公务接待")


def num(cell):
    cell = cell.strip()
    if not cell or cell == "-":
        return None
    if not FIGURE.match(cell):
        raise ValueError("not a figure: %r" % cell)
    return Decimal(cell.replace(",", "").replace("−", "-"))


def is_figure(cell):
    return bool(FIGURE.match(cell.strip())) or cell.strip() == "-"


def clean(label):
    return re.sub(r"\s+", "", label or "")


class Result:
    def __init__(self, stem):
        self.stem = stem
        self.checked = 0
        self.rounding = []
        self.errors = []

    def compare(self, table, what, total, parts, places):
        """total and parts are (Decimal or None); None counts as 0 unless all are None."""
        if total is None and all(p is None for p in parts):
            return
        self.checked += 1
        t = total or Decimal(0)
        s = sum((p or Decimal(0) for p in parts), Decimal(0))
        if t == s:
            return
        half = Decimal(1).scaleb(-places) / 2
        slack = half * (len(parts) + 1) if places > 0 else Decimal(0)
        entry = (table["number"], what, t, s)
        if abs(t - s) <= slack:
            self.rounding.append(entry)
        else:
            self.errors.append(entry)


# ---------------------------------------------------------------------------------------
# Structure of a table


def places_of(table):
    """The decimals its figures are printed with (元 tables: 0)."""
    best = 0
    for r in table["rows"]:
        for c in r:
            m = re.match(r"^[-−]?[\d,]*\d\.(\d+)$", c.strip())
            if m:
                best = max(best, len(m.group(1)))
    return best


NOT_AMOUNT = re.compile(r"编码|代码|编号|^类$|^款$|^项$|栏次|年度|序号|^科目$")


def column_labels(table):
    """The lowest header label over each column."""
    labels = [""] * table["columns"]
    for (r, c), (label, rs, cs) in sorted(header_cells(table).items()):
        for k in range(c, c + cs):
            if label:
                labels[k] = label
    return labels


def amount_columns(table):
    """Columns of figures: every printed cell a figure, and not a column of codes."""
    rows = table["rows"]
    labels = column_labels(table)
    out = []
    for c in range(table["columns"]):
        cells = [r[c] for r in rows if r[c].strip()]
        if cells and all(is_figure(x) for x in cells) and not NOT_AMOUNT.search(labels[c]):
            out.append(c)
    return out


def header_cells(table):
    """{(row, col): (label, rowspan, colspan)} for the header rows."""
    h = len(table["header"])
    if h and clean(table["header"][-1][0]) == "栏次":
        h -= 1  # a row of column numbers (苏州 公开11表) names no column
    spans = {(r, c): (rs, cs) for r, c, rs, cs in table["spans"] if r < h}
    cells = {}
    covered = set()
    for r in range(h):
        for c in range(table["columns"]):
            if (r, c) in covered:
                continue
            rs, cs = spans.get((r, c), (1, 1))
            rs = min(rs, h - r)
            for dr in range(rs):
                for dc in range(cs):
                    covered.add((r + dr, c + dc))
            cells[(r, c)] = (clean(table["header"][r][c]), rs, cs)
    return cells


class Block:
    """A header cell and what lies under it: a leaf column or a group of blocks."""

    def __init__(self, label, c0, c1, children):
        self.label, self.c0, self.c1, self.children = label, c0, c1, children

    def leaves(self):
        if not self.children:
            return [self]
        return [x for ch in self.children for x in ch.leaves()]

    def __repr__(self):
        return "Block(%r,%d-%d,%s)" % (self.label, self.c0, self.c1, self.children)


def blocks(table):
    """The header as a tree of blocks (root = all columns)."""
    cells = header_cells(table)
    h = 1 + max((r for r, c in cells), default=-1)

    def build(r, c0, c1):
        # the cells starting in row r between c0 and c1; columns without a cell in row r
        # (covered from above) are looked up in the next rows
        out, c = [], c0
        while c <= c1:
            if r >= h:
                out.append(Block("", c, c, []))
                c += 1
                continue
            if (r, c) in cells:
                label, rs, cs = cells[(r, c)]
                end = min(c + cs - 1, c1)
                if r + rs < h and (cs > 1 or any((rr, c) in cells for rr in range(r + rs, h))):
                    kids = build(r + rs, c, end)
                    if len(kids) == 1 and not kids[0].children and not kids[0].label:
                        kids = []
                    elif len(kids) == 1 and cs == 1:
                        # a label with one cell under it (重庆 表二: 科目 / 科目编码) names a column
                        label = kids[0].label or label
                        kids = kids[0].children
                else:
                    kids = []
                out.append(Block(label, c, end, kids))
                c = end + 1
            else:
                sub = build(r + 1, c, c)
                out += sub
                c += 1
        return out

    return Block("", 0, table["columns"] - 1, build(0, 0, table["columns"] - 1) if h else
                 [Block("", c, c, []) for c in range(table["columns"])])


def is_total_label(label):
    label = clean(label)
    return bool(TOTAL.match(label)) or label.endswith(("合计", "总计")) and "其中" not in label


# ---------------------------------------------------------------------------------------
# Column identities


def check_columns(table, res, places):
    amounts = set(amount_columns(table))
    root = blocks(table)

    def value_cols(block):
        """The columns whose sum is the block's value, or None if the block is no amount."""
        if not block.children:
            return [block.c0] if block.c0 in amounts else None
        if memo(block):
            return None
        total = next((b for b in block.children if is_total_label(b.label) and not b.children
                      and b.c0 in amounts), None)
        if total is not None:
            return [total.c0]
        if memo(block):
            return None
        cols = []
        for b in block.children:
            v = value_cols(b)
            if v:
                cols += v
        return cols or None

    def memo(block):
        rest = [b for b in block.children if not is_total_label(b.label)]
        return ("政府采购" in block.label
                or (rest and all(clean(b.label).startswith("其中") for b in rest)
                    and any(is_total_label(b.label) for b in block.children)))

    def crossed(block):
        """深圳 三公: every child is a group with the same leaf labels."""
        kids = [b for b in block.children if b.children]
        others = [b for b in block.children if not b.children]
        if len(kids) < 2 or any(b.c0 in amounts for b in others):
            return None
        def fund_leaves(b):
            if all(not x.children for x in b.children):
                return tuple(clean(x.label) for x in b.children)
            total = next((x for x in b.children if is_total_label(x.label) and x.children), None)
            return fund_leaves(total) if total else None
        labels = [fund_leaves(k) for k in kids]
        return labels[0] if labels[0] and all(l == labels[0] for l in labels) else None

    def walk(block):
        for b in block.children:
            if b.children:
                walk(b)
        kids = block.children
        key = crossed(block)
        if key:
            groups = [b for b in kids if b.children]
            total = next((b for b in groups if is_total_label(b.label)), None)
            if total is not None:
                parts = [b for b in groups if b is not total and "其中" not in b.label]
                if "三公" in total.label or "总计" in total.label:
                    parts = [b for b in parts if SANGONG_ITEM.search(b.label) or "总计" not in b.label]
                for i, leaf_label in enumerate(key):
                    tcol = total.leaves()[i].c0
                    pcols = [resolve_crossed(b, i) for b in parts]
                    for r, row in enumerate(table["rows"]):
                        if tcol in amounts:
                            res.compare(table, "row %d: column %d (%s/%s) = %s" % (
                                r + 1, tcol, total.label, leaf_label,
                                " + ".join(str(c) for c in pcols)),
                                num(row[tcol]), [num(row[c]) for c in pcols], places)
            return
        total = next((b for b in kids if is_total_label(b.label) and not b.children
                      and b.c0 in amounts), None)
        if total is None or memo(block):
            return
        parts = [b for b in kids if b is not total]
        if "三公" in total.label:
            parts = [b for b in parts if SANGONG_ITEM.search(b.label)]
        cols = []
        for b in parts:
            v = value_cols(b)
            if v:
                cols += v
        if not cols:
            return
        for r, row in enumerate(table["rows"]):
            res.compare(table, "row %d: column %d (%s) = columns %s" % (
                r + 1, total.c0, total.label, ", ".join(str(c) for c in cols)),
                num(row[total.c0]), [num(row[c]) for c in cols], places)

    def resolve_crossed(block, i):
        if not block.children[0].children:
            return block.leaves()[i].c0
        total = next((b for b in block.children if is_total_label(b.label)), block.children[0])
        return total.leaves()[i].c0

    walk(root)


# ---------------------------------------------------------------------------------------
# Row identities


def label_columns(table, amounts):
    return [c for c in range(table["columns"]) if c not in amounts]


def codes_of(table, amounts):
    """A code per body row (or None): digits in a code column, 类/款/项 columns joined,
    or a [code] before the name (广州)."""
    rows = table["rows"]
    header = table["header"]
    kkx = None
    for hr in header:
        labels = [clean(x) for x in hr]
        if "类" in labels and "款" in labels:
            kkx = [i for i, x in enumerate(labels) if x in ("类", "款", "项")]
    out = []
    for r in rows:
        code = None
        if kkx:
            parts = [r[i].strip() for i in kkx]
            if parts[0] and re.match(r"^\d{3}$", parts[0]):
                code = "".join(p for p in parts if p)
        else:
            for c in range(table["columns"]):
                if c in amounts:
                    continue
                x = r[c].strip()
                m = BRACKET_CODE.match(x)
                if m:
                    code = m.group(1)
                    break
                if CODE.match(x):
                    code = x
                    break
        out.append(code)
    return out


def has_amounts(row, amounts):
    return any(row[c].strip() for c in amounts)


def check_code_rows(table, res, places, amounts):
    rows = table["rows"]
    codes = codes_of(table, amounts)
    present = [c for c in codes if c]
    if len(present) < 2:
        return False
    index = {}
    for i, c in enumerate(codes):
        if c:
            index.setdefault(c, i)

    def parent(code):
        best = None
        for other in index:
            if other != code and code.startswith(other) and (best is None or len(other) > len(best)):
                best = other
        return best

    children = {}
    for c in index:
        p = parent(c)
        if p:
            children.setdefault(p, []).append(c)
    for p, kids in children.items():
        for col in amounts:
            res.compare(table, "column %d: %s = %s" % (col, p, " + ".join(kids)),
                        num(rows[index[p]][col]), [num(rows[index[k]][col]) for k in kids],
                        places)
    roots = [c for c in index if parent(c) is None]
    for i, r in enumerate(rows):
        if codes[i] is None and has_amounts(r, amounts):
            label = next((x for c, x in enumerate(r) if c not in amounts and x.strip()), "")
            for col in amounts:
                res.compare(table, "column %d: %s (row %d) = %s" % (
                    col, clean(label), i + 1, " + ".join(roots)),
                    num(r[col]), [num(rows[index[k]][col]) for k in roots], places)
    return True


def level_of_numbering(label):
    label = clean(label)
    for k, p in enumerate(NUMBERING):
        if p.match(label):
            return k + 1
    return None


def check_tree(table, res, places, amounts, rows_idx, levels, what):
    """Rows rows_idx with levels (smaller = higher); a row with deeper rows right after it
    is their sum. Rows whose level is None are skipped."""
    rows = table["rows"]
    seq = [(i, l) for i, l in zip(rows_idx, levels) if l is not None]
    for k, (i, l) in enumerate(seq):
        kids = []
        child_level = None
        for j, lj in seq[k + 1:]:
            if lj <= l:
                break
            if child_level is None:
                child_level = lj
            if lj == child_level:
                kids.append(j)
        if not kids:
            continue
        for col in amounts:
            res.compare(table, "column %d: row %d (%s) = rows %s %s" % (
                col, i + 1, clean(rows[i][first_label(table, i, amounts)]),
                ", ".join(str(j + 1) for j in kids), what),
                num(rows[i][col]), [num(rows[j][col]) for j in kids], places)


def first_label(table, i, amounts):
    r = table["rows"][i]
    return next((c for c in range(table["columns"]) if c not in amounts and r[c].strip()), 0)


def check_indent_rows(table, res, places, amounts):
    """Hierarchy by indentation in the first label column that has it (深圳, 广州)."""
    indent = table.get("indent") or {}
    rows = table["rows"]
    for key in sorted(indent, key=int):
        col = int(key)
        if col in amounts:
            continue
        levels = list(indent[key])
        # rows with no label here sit under the row above (苏州 政府采购: items under a unit)
        deepest = max(l for l in levels if l is not None)
        for i, r in enumerate(rows):
            if levels[i] is None and not r[col].strip() and has_amounts(r, amounts) and i > 0:
                levels[i] = deepest + 1
        idx = [i for i in range(len(rows)) if levels[i] is not None and has_amounts(rows[i], amounts)]
        check_tree(table, res, places, amounts, idx, [levels[i] for i in idx], "(by indentation)")
        tops = [i for i in idx if levels[i] == 0]
        for i, r in enumerate(rows):
            if TOTAL.match(clean(r[col])) and has_amounts(r, amounts):
                for c in amounts:
                    res.compare(table, "column %d: %s (row %d) = rows %s" % (
                        c, clean(r[col]), i + 1, ", ".join(str(j + 1) for j in tops)),
                        num(r[c]), [num(rows[j][c]) for j in tops], places)
        return True
    return False


def check_numbered_rows(table, res, places, amounts, label_col, rows_idx):
    """Outline numbering 一、 （一） 1. （1）; an unnumbered row directly above numbered ones
    is their parent too (广州 表8: “三公”经费 above （一）…（三）)."""
    rows = table["rows"]
    levels = []
    for i in rows_idx:
        label = rows[i][label_col]
        if not label.strip() or TOTAL.match(clean(label)):
            levels.append(None)
            continue
        levels.append(level_of_numbering(label) or 0)
    # an unnumbered row stands above any numbered rows that follow it
    lv = [0.5 if l == 0 else l for l in levels]
    check_tree(table, res, places, amounts, rows_idx, lv, "(by numbering)")


# ---------------------------------------------------------------------------------------
# 收支总表: two sides


def sides(table):
    """[(label column, amount columns)] for a table with an income and an expenditure side."""
    if not table["header"]:
        return None
    top = [clean(x) for x in table["header"][0]]
    inc = [i for i, x in enumerate(top) if x.endswith("收入") and x]
    exp = [i for i, x in enumerate(top) if x.endswith("支出") and x]
    if not inc or not exp or inc[0] != 0:
        return None
    split = exp[0]
    amounts = set(amount_columns(table))
    left = (0, [c for c in range(1, split) if c in amounts])
    right = (split, [c for c in range(split + 1, table["columns"]) if c in amounts])
    return [left, right]


def check_two_sided(table, res, places, sd):
    rows = table["rows"]
    totals = {}
    for label_col, amounts in sd:
        idx = [i for i, r in enumerate(rows) if r[label_col].strip()]
        indent = (table.get("indent") or {}).get(str(label_col))
        if indent and label_col > 0:
            # 深圳: 类, 款 and 项 of the expenditure side by indentation
            levels = [indent[i] if not TOTAL.match(clean(rows[i][label_col])) and
                      not re.search(r"合计|总计|结转|结余", rows[i][label_col]) else None
                      for i in idx]
            check_tree(table, res, places, amounts, idx, levels, "(by indentation)")
        else:
            check_numbered_rows(table, res, places, amounts, label_col, idx)
        # 本年…合计 = top items above it; 总计 = 本年…合计 + carry-over rows
        top, current, year_total = [], [], None
        for i in idx:
            label = clean(rows[i][label_col])
            lvl = level_of_numbering(label)
            is_sum = bool(re.search(r"合计|总计", label))
            if is_sum and "总计" not in label and year_total is None:
                if label == "合计" and not current:
                    year_total = ("head", i)  # 重庆 表一: 合计 above the items
                    continue
                for col in amounts:
                    res.compare(table, "column %d: %s (row %d) = rows %s" % (
                        col, label, i + 1, ", ".join(str(j + 1) for j in current)),
                        num(rows[i][col]), [num(rows[j][col]) for j in current], places)
                year_total = ("row", i)
                current = []
                continue
            if "总计" in label:
                if year_total and year_total[0] == "row":
                    parts = [year_total[1]] + current
                else:
                    parts = current
                    if year_total:  # 合计 at the head is the same sum
                        for col in amounts:
                            res.compare(table, "column %d: %s (row %d) = rows %s" % (
                                col, clean(rows[year_total[1]][label_col]), year_total[1] + 1,
                                ", ".join(str(j + 1) for j in current)),
                                num(rows[year_total[1]][col]), [num(rows[j][col]) for j in current],
                                places)
                for col in amounts:
                    res.compare(table, "column %d: %s (row %d) = rows %s" % (
                        col, label, i + 1, ", ".join(str(j + 1) for j in parts)),
                        num(rows[i][col]), [num(rows[j][col]) for j in parts], places)
                totals.setdefault(label_col, (i, amounts))
                current = []
                continue
            top_level = (lvl == 1) or (lvl is None and not indent) or (
                indent and indent[i] == 0 and lvl in (None, 1))
            if year_total and year_total[0] == "head" and label != "合计":
                top_level = lvl == 1
            if top_level:
                current.append(i)
        if year_total and year_total[0] == "head" and current and label_col not in totals:
            i = year_total[1]
            for col in amounts:
                res.compare(table, "column %d: 合计 (row %d) = rows %s" % (
                    col, i + 1, ", ".join(str(j + 1) for j in current)),
                    num(rows[i][col]), [num(rows[j][col]) for j in current], places)
            totals[label_col] = (i, amounts)
    if len(totals) == 2:
        (li, la), (ri, ra) = totals.get(sd[0][0]), totals.get(sd[1][0])
        if la and ra:
            res.compare(table, "收入总计 (row %d) = 支出总计 (row %d)" % (li + 1, ri + 1),
                        num(rows[li][la[0]]), [num(rows[ri][ra[0]])], places)


# ---------------------------------------------------------------------------------------


def check_years(table, res, places, amounts):
    """深圳 三公: 增减变化金额 = 2026年 − 2025年 in every column."""
    rows = table["rows"]
    where = {}
    for i, r in enumerate(rows):
        for c, x in enumerate(r):
            if clean(x) in ("2025年", "2026年", "增减变化金额"):
                where[clean(x)] = i
    if len(where) == 3:
        a, b, d = where["2025年"], where["2026年"], where["增减变化金额"]
        for col in amounts:
            v = num(rows[b][col]) or Decimal(0)
            w = num(rows[a][col]) or Decimal(0)
            res.compare(table, "column %d: 增减变化金额 = 2026年 − 2025年" % col,
                        num(rows[d][col]), [v, -w], places)


def check_weights(table, res):
    rows = table["header"] + table["rows"]
    col = None
    for r, row in enumerate(rows):
        for c, x in enumerate(row):
            if re.match(r"^(指标权重|分值|权重)", clean(x)):
                col, start = c, r
    if col is None:
        return
    values = [num(r[col]) for r in rows[start + 1:] if r[col].strip() and is_figure(r[col])]
    if values:
        res.compare(table, "column %d: weights add up to 100" % col, Decimal(100), values, 0)


def verify_table(table, res):
    places = places_of(table)
    if table["kind"] == "indicators":
        check_weights(table, res)
        return
    amounts = amount_columns(table)
    if not amounts:
        return
    sd = sides(table)
    if sd:
        check_two_sided(table, res, places, sd)
        return
    check_columns(table, res, places)
    check_years(table, res, places, amounts)
    if not check_code_rows(table, res, places, amounts):
        if not check_indent_rows(table, res, places, amounts):
            labels = label_columns(table, amounts)
            if labels:
                check_numbered_rows(table, res, places, amounts, labels[0],
                                    list(range(len(table["rows"]))))


def verify(doc, stem):
    res = Result(stem)
    for table in doc["tables"]:
        verify_table(table, res)
    return res


def mutations(doc, stem):
    """Changes every figure of every checked table, one at a time, by more than any rounding;
    the verification must then fail. A figure in a column that no identity of its table uses
    (a lone figure such as 上海's 机关运行经费 or 苏州's 会议费, or an indicator's value) cannot
    be caught and is counted apart. Returns (figures changed, figures in unused columns,
    figures an identity should have caught but did not)."""
    tried, lone, missed = 0, 0, []
    for table in doc["tables"]:
        base = Result(stem)
        verify_table(table, base)
        if not base.checked:
            continue
        amounts = set(amount_columns(table)) if table["kind"] != "indicators" else None
        caught, uncaught = set(), []
        for r, row in enumerate(table["rows"]):
            for c, cell in enumerate(row):
                if not is_figure(cell) or cell.strip() == "-":
                    continue
                if amounts is not None and c not in amounts:
                    continue
                changed = json.loads(json.dumps(table))
                changed["rows"][r][c] = str(num(cell) + 7)
                res = Result(stem)
                verify_table(changed, res)
                tried += 1
                if len(res.errors) > len(base.errors):
                    caught.add(c)
                else:
                    uncaught.append((table["number"], r + 1, c, cell))
        lone += sum(1 for m in uncaught if m[2] not in caught)
        missed += [m for m in uncaught if m[2] in caught]
    return tried, lone, missed


def main(argv):
    verbose = "-v" in argv
    mutate = "--mutations" in argv
    paths = [a for a in argv if not a.startswith("-")] or \
        sorted(glob.glob(os.path.join(HERE, "*.expected.json")))
    failed = False
    for path in paths:
        stem = os.path.basename(path).replace(".expected.json", "")
        doc = json.load(open(path, encoding="utf-8"))
        if mutate:
            tried, lone, missed = mutations(doc, stem)
            print("%s: %d figures changed one at a time, %d in columns no identity uses, "
                  "%d changes not caught" % (stem, tried, lone, len(missed)))
            for n, r, c, cell in missed:
                print("   MISSED  table %d row %d column %d: %s" % (n, r, c, cell))
            failed |= bool(missed)
            continue
        res = verify(doc, stem)
        known = [(n, s) for st, n, s in DEFECTS if st == stem]
        unexplained, seen = [], set()
        for n, what, t, s in res.errors:
            k = next((k for k in known if k[0] == n and k[1] in what), None)
            if k:
                seen.add(k)
            else:
                unexplained.append((n, what, t, s))
        stale = [k for k in known if k not in seen]
        print("%s: %d identities checked, %d hold only within rounding, %d known defects, "
              "%d unexplained" % (stem, res.checked, len(res.rounding), len(seen), len(unexplained)))
        for n, what, t, s in (res.rounding if verbose else []):
            print("   rounding  table %d %s: %s vs %s" % (n, what, t, s))
        for n, what, t, s in res.errors:
            tag = "DEFECT " if (n, what, t, s) not in unexplained else "ERROR  "
            if tag == "ERROR  " or verbose:
                print("   %s table %d %s: printed %s, parts add up to %s" % (tag, n, what, t, s))
        for k in stale:
            print("   STALE   table %d: listed defect %r no longer found" % k)
        failed |= bool(unexplained or stale)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main(sys.argv[1:])
