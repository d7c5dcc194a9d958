#!/usr/bin/env python3
"""Generates the classification catalogues of the standard library from the observed data.

Usage: scripts/gen_stdlib.py [DATA_DIR]   (default: ../shared/data/classification)

Writes stdlib/YEAR/function.bud (支出功能分类科目) and stdlib/YEAR/economic.bud
(部门预算支出经济分类科目) for each year of YEARS. Recorded alternative spellings become
[别名 "…"] tags and the budget kind seen for a code [政府性基金], [国有资本经营] or [一般公共预算];
every entry keeps its provenance in a trailing comment: 置信度 高|中|低 (3+, 2 or 1 supporting
documents), 文献 N (documents), 年份 (their years). A parent that was never seen in print is
written with [未见] and no name.

Which codes a year's catalogue holds (stdlib/README.md says why): every observed code, unless
the documents of that year show it absent. A code is absent from year Y when it was last seen
before Y (or first seen after it), was printed by at least MIN_DOCS documents, and the documents
of Y that print its parent would have printed it EXPECTED times or more at the rate it had
among the documents of its own years, yet none does. A code absent after its last year is
kept in the catalogues of Y and later as [停用 Y], so that a budget using it is told it was
retired; one absent before its first year is left out of Y's catalogue.

Run it again after the data changes; the output is deterministic.
"""
import csv
import os
import re
import sys

here = os.path.dirname(os.path.abspath(__file__))
data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "shared", "data", "classification")
stdlib = os.path.join(here, "..", "stdlib")
YEARS = (2024, 2025, 2026)
MIN_DOCS = 3    # documents a code needs before its absence from a year can mean anything
EXPECTED = 10   # expected printings in a year for none to show absence (P(0) < 5e-5)

CONF = {"high": "高", "medium": "中", "low": "低"}
KIND = {"fund": "政府性基金", "soe": "国有资本经营", "general": "一般公共预算"}
BARE = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffA-Za-z_（【〔《「“‘][\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffA-Za-z_0-9（）【】〔〕《》「」“”‘’、·]*$")
KEYWORDS = {"引入", "预算", "部门", "单位", "收入", "上年结转", "基本支出", "来源", "项目", "功能科目", "经济科目",
            "金额", "支出计划", "目标", "指标", "描述", "依据", "声明", "说明", "名词解释", "整体绩效", "分项",
            "政府采购", "国有资产", "科目表", "计量单位表", "指标框架", "资金来源表"}

# Economic 类 whose 款 count as 人员经费 or 公用经费 in 基本支出, and the "三公" items.
PERSONNEL = {"301": "人员经费", "303": "人员经费", "302": "公用经费", "310": "公用经费"}
SANGONG = {"30212": "因公出国（境）费", "30231": "公务用车运行维护费", "31013": "公务用车购置费",
           "30217": "公务接待费"}


def word(name):
    if BARE.match(name) and name not in KEYWORDS:
        return name
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def aliases(row):
    """The recorded alternative spellings that are spellings: a piece of the name (险缴费 for
    机关事业单位基本养老保险缴费) is a cell cut off where a table wrapped it, not a name."""
    out = []
    for alt in filter(None, row["alt_names"].split("|")):
        alt = re.sub(r"\(\d+\)$", "", alt.strip())
        if alt and alt not in row["name"]:
            out.append(alt)
    return out


def tags(row, economic, retired):
    out = []
    if not economic:
        kinds = [k for k in row["budget_kind"].split("|") if k]
        for k in kinds:
            out.append(f"[{KIND[k]}]")
    else:
        if row["code"] in PERSONNEL:
            out.append(f"[{PERSONNEL[row['code']]}]")
        if row["code"] in SANGONG:
            out.append(f"[三公 {word(SANGONG[row['code']])}]")
    for alt in aliases(row):
        out.append(f"[别名 {word(alt)}]")
    if retired:
        out.append(f"[停用 {retired[0]}]")
    return " ".join(out)


def provenance(row, retired):
    """The entry's evidence, kept as a trailing comment: the checker does not read it, and a
    comment costs the parser one token where three tags cost a dozen."""
    text = (f"// 置信度 {CONF[row['confidence']]} 文献 {row['support_docs']} "
            f"年份 {row['years_observed']}")
    if retired:
        year, printed, of, parent, n = retired
        text += (f"；{year}年印有{parent}的{n}份文献均未列出本科目"
                 f"（其所见年份印有{parent}的{of}份文献中{printed}份列出）")
    return text


class Evidence:
    """Which documents of which year print each code (observed_evidence.csv)."""

    def __init__(self):
        self.docs = {}  # code → {year: set of documents}
        with open(os.path.join(data, "observed_evidence.csv"), encoding="utf-8") as f:
            for r in csv.DictReader(f):
                self.docs.setdefault(r["code"], {}).setdefault(int(r["year"]), set()).add(r["source"])

    def of(self, code, years=None):
        by_year = self.docs.get(code, {})
        return set().union(*(d for y, d in by_year.items() if years is None or y in years))

    def absence(self, row, year):
        """(printed, of, parent, n) when the documents of year show row's code absent, else
        None: of the documents of its own years that print its parent, printed print it too;
        n documents of year print the parent and none the code."""
        code = row["code"]
        seen = {int(y) for y in row["years_observed"].split("|") if y}
        parent = row["parent_code"]
        if not parent or year in seen or not seen or min(seen) < year < max(seen):
            return None
        own = self.of(code, seen)
        if len(own) < MIN_DOCS:
            return None
        parents = self.of(parent, seen)
        n = len(self.of(parent, {year}))
        if not parents or len(own & parents) * n < EXPECTED * len(parents):
            return None
        return len(own & parents), len(parents), parent, n


def generate(src, kind_word, title, economic, year, evidence):
    rows = list(csv.DictReader(open(os.path.join(data, src), encoding="utf-8")))
    by_code, retired = {}, {}
    for r in rows:
        seen = {int(y) for y in r["years_observed"].split("|") if y}
        # Absent in this year: retired when it was seen before, not yet there when after.
        # A retirement is kept from the first year that shows it.
        for y in (y for y in YEARS if y <= year and (not seen or y > max(seen))):
            a = evidence.absence(r, y)
            if a:
                retired[r["code"]] = (y,) + a
                break
        if seen and year < min(seen) and evidence.absence(r, year):
            continue
        by_code[r["code"]] = r
    children = {}
    for code in list(by_code):
        parent = code[:-2] if len(code) > 3 else None
        # Parents never seen in print still need a place in the tree.
        while parent and parent not in by_code:
            by_code[parent] = None
            children.setdefault(parent[:-2] if len(parent) > 3 else None, set()).add(parent)
            parent = parent[:-2] if len(parent) > 3 else None
        children.setdefault(code[:-2] if len(code) > 3 else None, set()).add(code)
    lines = []

    def emit(code, depth):
        r = by_code[code]
        gone = retired.get(code)
        pad = "  " * depth
        head = (f"{pad}{code} {word(r['name'])} {tags(r, economic, gone)}".rstrip() if r
                else f"{pad}{code} [未见]")
        kids = sorted(children.get(code, ()))
        tail = f" {provenance(r, gone)}" if r else ""
        if kids:
            lines.append(head + " {" + tail)
            for k in kids:
                emit(k, depth + 1)
            lines.append(pad + "}")
        else:
            lines.append(head + tail)

    for top in sorted(children.get(None, ())):
        emit(top, 1)
    counts = [sum(1 for c, r in by_code.items() if r and len(c) == n) for n in (3, 5, 7)]
    os.makedirs(os.path.join(stdlib, str(year)), exist_ok=True)
    dest = os.path.join(stdlib, str(year), "economic.bud" if economic else "function.bud")
    with open(dest, "w", encoding="utf-8") as f:
        f.write(f"// {title} ({year}) — generated by scripts/gen_stdlib.py from\n")
        f.write(f"// shared/data/classification/{src}; do not edit by hand.\n")
        f.write("// Only codes seen in published budgets are here: see stdlib/README.md for how\n")
        f.write(f"// complete this is and which codes each year holds. Observed: {counts[0]} 类, {counts[1]} 款"
                + (f", {counts[2]} 项" if not economic else "")
                + (f"; retired: {len(retired)}" if retired else "") + ".\n\n")
        f.write(f"科目表 {kind_word} {year} {{\n  完整 否\n")
        f.write("\n".join(lines) + "\n}\n")
    return counts, sorted(retired)


evidence = Evidence()
for year in YEARS:
    f, fr = generate("expenditure_function_observed.csv", "功能科目", "支出功能分类科目", False, year, evidence)
    e, er = generate("dept_economic_observed.csv", "经济科目", "部门预算支出经济分类科目", True, year, evidence)
    print(f"{year} function: {f[0]} 类, {f[1]} 款, {f[2]} 项; economic: {e[0]} 类, {e[1]} 款"
          + (f"; retired: {' '.join(fr + er)}" if fr or er else ""))
