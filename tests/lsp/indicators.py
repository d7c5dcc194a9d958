#!/usr/bin/env python3
"""budc lsp inside an indicator: completion of its clauses and their values, and its hover.

    indicators.py BUDC WORK_DIR

A workspace that chooses 框架 四个一级指标 (whose 一级 and 二级 share their names with
三个一级指标, the first framework of the standard library) and declares a unit of its own.
Completion: after an indicator's name or value, the clauses that may still come in the
language's order (单位 性质 权重 核心 内容 评分 描述 依据, English spellings too); after 单位
the units of the 计量单位表 (the standard library's and the workspace's, quoted where needed),
also after '/' of a compound unit; after 性质 the natures budc reads; after 核心 是/否;
nothing where a number, a text or the name goes; and none of the clauses where a statement
starts. Hover: a path gives the chosen framework's levels and rule; an indicator its framework
path, value, type, unit, nature, weight, core and its scoring rule with the bands budc reads.
Every position is in UTF-16 code units, after characters outside the BMP. No timing."""
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lspclient import Client, change, complete, find, hover, u16, uri  # noqa: E402

BUDC, WORK = sys.argv[1:3]
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


BUDGET = """预算 2026 {
  金额单位 万元
  框架 四个一级指标
}
计量单位表 {
  站次 计数
}
收入 {
  一般公共预算拨款 10.00
}
项目 13P01 "站点建设" {
  功能科目 2010301
  金额 10.00 一般公共预算拨款
  指标 产出/数量 新建站点数量 ≥4个 性质 正向 权重 10 内容 "新建区域自动气象站4个" 评分 "每少1个扣2分" 描述 "新建站点" 依据 "年度计划"
  指标 产出/时效 𠀀维修时限 ≤36小时 权重 10 评分 "36小时以内得满分，36-48小时得5分，48小时以上不得分"
  指标 气候预测准确率 68 单位 "%" 性质 ≥ 权重 12 核心 是
}
"""
CLAUSES = ["单位", "性质", "权重", "核心", "内容", "评分", "描述", "依据"]
NATURES = ["≥", "≤", "=", ">", "<", "≠", "定量", "定性", "正向", "反向"]


def workspace():
    d = os.path.join(WORK, "indicators")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    with open(os.path.join(d, "budget.bud"), "w", encoding="utf-8") as f:
        f.write(BUDGET)
    return d


def test(lang):
    ws = workspace()
    path = os.path.join(ws, "budget.bud")
    zh = lang == "zh"
    c = Client(BUDC, ["--lang=" + lang])
    try:
        c.initialize(root=ws)
        text = c.open(path)
        c.diagnostics(uri(path))
        version = [1]
        at = text.count("\n", 0, text.index("  指标 气候")) + 1  # the line after the last indicator

        def comp(line_text):
            """Inserts line_text as a line of the project and completes at its end."""
            p = {"line": at, "character": 0}
            version[0] += 1
            change(c, path, version[0], p, p, line_text + "\n")
            r = complete(c, path, {"line": at, "character": u16(line_text)})
            version[0] += 1
            change(c, path, version[0], p, {"line": at + 1, "character": 0}, "")
            return r

        def labels(line_text):
            return [i["label"] for i in comp(line_text)["items"]]

        # ---- completion: the clauses, in order, from where the indicator is --------------------
        got = labels("  指标 站点 1个 ")
        check(got == CLAUSES, f"{lang}: every clause after the value, in order: {got}")
        got = labels("  指标 站点 ")
        check(got == CLAUSES, f"{lang}: the clauses after the name: {got}")
        got = labels("  指标 产出/数量 站点 ≥4个 权重 10 ")
        check(got == CLAUSES[3:], f"{lang}: after 权重 the clauses that may still come: {got}")
        got = labels("  指标 站点 1个 描述 \"x\" ")
        check(got == ["依据"], f"{lang}: after 描述 only 依据: {got}")
        got = labels("  指标 站点 1个 依据 \"x\" ")
        check(got == [], f"{lang}: nothing after the last clause: {got}")
        got = labels("  指标 站点 1个 权")
        check(got == ["权重"], f"{lang}: a clause by its first character: {got}")
        r = comp("  指标 站点 1个 权重 10 co")
        items = {i["label"]: i for i in r["items"]}
        check(sorted(items) == ["内容", "核心"], f"{lang}: clauses by their English spelling: {list(items)}")
        if "核心" in items:
            check(items["核心"]["filterText"] == "core" and items["核心"]["textEdit"]["newText"] == "核心",
                  f"{lang}: 'co' filters by core and inserts 核心: {items['核心']}")
        check(labels("  指标 产出/数量 ") == [], f"{lang}: nothing where the name goes after a path")
        check(labels("  指标 站点 1个 权重 ") == [], f"{lang}: nothing where the weight goes")
        check(labels("  指标 站点 1个 评分 ") == [], f"{lang}: nothing where the scoring text goes")
        got = labels("  指标 产出/")
        check("产出/数量" in got and "成本/经济成本" not in got, f"{lang}: paths after 一级/: {got}")

        # ---- completion: the clauses' values -------------------------------------------------
        r = comp("  指标 站点 1个 单位 ")
        items = {i["label"]: i for i in r["items"]}
        check(all(u in items for u in ("个", "次", "天", "万元")), f"{lang}: units after 单位: {list(items)[:20]}")
        check("站次" in items, f"{lang}: the workspace's own unit after 单位: {list(items)[:40]}")
        check(items.get("%", {}).get("textEdit", {}).get("newText") == '"%"',
              f"{lang}: % is inserted quoted: {items.get('%')}")
        check([i["label"] for i in r["items"][:4]] == ["站次", "元", "角", "分"],
              f"{lang}: the workspace's unit, then the standard library's in its table's order: {r['items'][:4]}")
        got = labels("  指标 站点 1个 单位 次/")
        check("年" in got, f"{lang}: units after '/' of a compound unit: {got[:20]}")
        got = labels("  指标 站点 1个 单位 万")
        check(got and all(g.startswith("万") for g in got) and "万元" in got, f"{lang}: units by prefix: {got}")
        got = labels("  指标 站点 1个 性质 ")
        check(got == NATURES, f"{lang}: the natures after 性质: {got}")
        got = labels("  指标 站点 1个 性质 正")
        check(got == ["正向"], f"{lang}: a nature by prefix: {got}")
        r = comp("  指标 站点 1个 性质 neg")
        check([(i["label"], i["filterText"]) for i in r["items"]] == [("反向", "negative")],
              f"{lang}: a nature by its English word: {r['items']}")
        got = labels("  指标 站点 1个 权重 10 核心 ")
        check(got == ["是", "否"], f"{lang}: 是/否 after 核心: {got}")
        # After 𠀀 (two UTF-16 code units), the replaced range starts at the typed prefix.
        line = "  指标 𠀀站点 1个 性质 正"
        r = comp(line)
        item = r["items"][0] if r["items"] else {}
        want = {"start": {"line": at, "character": u16(line) - 1}, "end": {"line": at, "character": u16(line)}}
        check(item.get("textEdit", {}).get("range") == want,
              f"{lang}: the range of a completion after 𠀀 is in UTF-16 code units: {item} vs {want}")

        # ---- completion: the header's 框架 ------------------------------------------------------
        p = find(text, "框架 四个一级指标", inside=3)
        r = complete(c, path, p)  # after "框架 ", before the name written there
        got = [i["label"] for i in r["items"]]
        check(got == ["三个一级指标", "四个一级指标", "不分级指标"], f"{lang}: the frameworks after 框架: {got}")

        # ---- completion: not elsewhere --------------------------------------------------------
        inside_only = {"性质", "权重", "核心", "内容", "评分", "描述"}
        p = {"line": len(text.split("\n")) - 1, "character": 0}  # the end of the file: top level
        r = complete(c, path, p)
        got = {i["label"] for i in r["items"]}
        check("项目" in got and not got & inside_only, f"{lang}: no clause where a top-level statement starts: {got}")
        got = set(labels("  "))
        check("指标" in got and "功能科目" in got and not got & (inside_only - {"性质"}),
              f"{lang}: a project's statements, no clause: {got}")

        # ---- hover ------------------------------------------------------------------------------
        h = hover(c, path, find(text, "产出/数量", inside=1))
        check("四个一级指标" in h and "三个一级指标" not in h, f"{lang}: a path's hover names the chosen framework: {h}")
        check("产出指标 › 数量指标" in h and ("计数" if zh else "count") in h,
              f"{lang}: the path's levels and the kinds they take: {h}")
        check("新建站点数量" in h, f"{lang}: the path's hover shows its indicator too: {h}")
        h = hover(c, path, find(text, "新建站点数量", inside=2))
        for want in ("四个一级指标 › 产出指标 › 数量指标", "≥4个", "正向", "10", "新建区域自动气象站4个",
                     "每少1个扣2分", "年度计划", "计数" if zh else "count", "个"):
            check(want in h, f"{lang}: the indicator's hover has {want}: {h}")
        check(("每 1个: 2 分" if zh else "per 1个: 2 points") in h, f"{lang}: the step budc reads: {h}")
        # After 𠀀 in the name: the hover at a UTF-16 position inside the name.
        h = hover(c, path, {"line": text.split("\n").index(next(l for l in text.split("\n") if "𠀀" in l)),
                            "character": u16("  指标 产出/时效 𠀀维修")})
        check("维修时限" in h and "时效指标" in h, f"{lang}: hover after 𠀀 at a UTF-16 position: {h}")
        for want in (["≤36小时: 满分 (10)", "36小时–48小时: 5 分", "≥48小时: 0 分"] if zh else
                     ["≤36小时: full score (10)", "36小时–48小时: 5 points", "≥48小时: 0 points"]):
            check(want in h, f"{lang}: the scoring rule's band '{want}': {h}")
        check(("时长" if zh else "duration") in h, f"{lang}: the value's type: {h}")
        h = hover(c, path, find(text, "气候预测准确率", inside=1))
        for want in ("≥68%", "≥", "12", "是", "百分比" if zh else "percentage"):
            check(want in h, f"{lang}: a flat indicator's hover has {want}: {h}")
        check(("未写路径" if zh else "no path") in h, f"{lang}: it has no path: {h}")
        h = hover(c, path, find(text, "权重 12", inside=1))
        check("气候预测准确率" in h, f"{lang}: a clause's keyword hovers its indicator: {h}")
        h = hover(c, path, find(text, '"%"', inside=1))
        check(("百分比" if zh else "percentage") in h, f"{lang}: the 单位 column hovers as a unit: {h}")
        check(c.shutdown() == 0, "exit status 0")
    finally:
        c.close()


for lang in ("zh", "en"):
    test(lang)
if failures:
    print(f"{len(failures)} failures")
    sys.exit(1)
print("budc lsp: every indicator check passed")
