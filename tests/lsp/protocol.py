#!/usr/bin/env python3
"""budc lsp over its protocol, on the 西港镇 example and on small workspaces made here.

    protocol.py BUDC SOURCE_DIR WORK_DIR

Checks, against `budc check --format=json` where it can: the diagnostics of every file of the
workspace (codes, places in UTF-16 code units, notes as related information, both languages),
re-checks from the editor's buffer after incremental changes (a total broken in one file shows
in others), new unsaved files, hover, completion, go to definition (workspace files and, when
the client asks for them, standard-library documents), document symbols, formatting (budc
fmt's layout), code actions from fix-its, positions after CJK text and characters outside the
BMP, and the lifecycle (errors before initialize, shutdown and exit statuses). No timing."""
import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lspclient import Client, change, complete, find, hover, u16, uri  # noqa: E402

BUDC, SRC, WORK = sys.argv[1:4]
EXAMPLE = os.path.join(SRC, "examples", "xigang-2024")
os.makedirs(WORK, exist_ok=True)
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def position(text, offset):
    """The LSP position of byte offset `offset` of the UTF-8 text."""
    data = text.encode()
    before = data[:offset].decode()
    line = before.count("\n")
    return {"line": line, "character": u16(before[before.rfind("\n") + 1:])}


def fresh(name, files):
    d = os.path.join(WORK, name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    for rel, text in files.items():
        with open(os.path.join(d, rel), "w", encoding="utf-8") as f:
            f.write(text)
    return d


def copy_example(name):
    d = os.path.join(WORK, name)
    shutil.rmtree(d, ignore_errors=True)
    shutil.copytree(EXAMPLE, d)
    return d


def all_diagnostics(c, ws, files, version=None):
    """{file name: diagnostics}, one publish per file of the workspace."""
    out = {}
    for f in files:
        out[f] = c.diagnostics(uri(os.path.join(ws, f)), version if f in (version or {}) else None)
    return out


# ---- diagnostics of the whole workspace, as budc check gives them ---------------------------
def test_diagnostics(lang):
    ws = copy_example("diag-" + lang)
    files = sorted(f for f in os.listdir(ws) if f.endswith(".bud"))
    expected = json.loads(subprocess.run(
        [BUDC, "check", ws, "--format=json", "--lang=" + lang], capture_output=True,
        text=True).stdout)["diagnostics"]
    c = Client(BUDC, env=dict(os.environ, LANG="C.UTF-8", LC_ALL=""))
    try:
        c.initialize(root=ws, locale="zh-CN" if lang == "zh" else "en")
        c.open(os.path.join(ws, "projects.bud"))
        got = {f: c.diagnostics(uri(os.path.join(ws, f))) for f in files if any(
            d["file"].endswith("/" + f) for d in expected)}
        texts = {f: open(os.path.join(ws, f), encoding="utf-8").read() for f in files}
        want = sorted((os.path.basename(d["file"]), d["offset"], d["length"], d["code"]) for d in expected)
        have = []
        for f, ds in got.items():
            for d in ds:
                have.append((f, d["range"], d["code"], d))
        check(len(have) == len(want), f"{lang}: {len(have)} diagnostics published, budc check has {len(want)}")
        for f, off, length, code in want:
            rng = {"start": position(texts[f], off), "end": position(texts[f], off + length)}
            match = [d for (g, r, k, d) in have if g == f and r == rng and k == code]
            check(match, f"{lang}: {code} at {f} {rng} not published as budc check reports it")
            if not match:
                continue
            d = match[0]
            e = next(x for x in expected if x["offset"] == off and x["code"] == code and x["file"].endswith(f))
            msg = e["messageZh"] if lang == "zh" else e["messageEn"]
            check(d["message"] == msg, f"{lang}: {code} message {d['message']!r} is not {msg!r}")
            check(d["severity"] == {"error": 1, "warning": 2, "remark": 3}[e["severity"]],
                  f"{lang}: {code} severity")
            check(d["source"] == "budc", "source is budc")
            related = d.get("relatedInformation", [])
            check(len(related) == len([n for n in e["notes"] if n.get("file")]),
                  f"{lang}: {code} notes as related information: {related} vs {e['notes']}")
            for n, r in zip([n for n in e["notes"] if n.get("file")], related):
                nt = texts[os.path.basename(n["file"])]
                check(r["location"]["range"]["start"] == position(nt, n["offset"]),
                      f"{lang}: note of {code} placed at {r['location']}")
                check(r["message"] == n["message"],
                      f"{lang}: note message {r['message']!r}")
        check(c.shutdown() == 0, "shutdown then exit ends with status 0")
    finally:
        c.close()


# ---- a change in the editor's buffer, checked across files ----------------------------------
def test_changes():
    ws = copy_example("changes")
    basic, declared, budget, projects = (os.path.join(ws, f) for f in (
        "basic.bud", "declared.bud", "budget.bud", "projects.bud"))
    c = Client(BUDC, ["--lang=en"])
    try:
        c.initialize(root=ws, capabilities={
            "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}},
            "textDocument": {"publishDiagnostics": {"relatedInformation": True}}})
        text = c.open(basic)
        first = c.published(uri(basic))
        reg = [r for r in c.server_requests if r["method"] == "client/registerCapability"]
        check(reg and reg[0]["params"]["registrations"][0]["method"] == "workspace/didChangeWatchedFiles",
              f"budc asks to be told of .bud files changed on disk: {c.server_requests}")
        check(first.get(uri(basic)) == [], "basic.bud has no diagnostics")
        check(len(first.get(uri(projects), [])) == 8, "the warnings of projects.bud, which is not open")
        # Break a total: 308.98 → 309.98 in the buffer only (the file on disk is unchanged).
        p = find(text, "308.98", inside=2)
        change(c, basic, 2, p, {"line": p["line"], "character": p["character"] + 1}, "9")
        got = c.published(uri(basic))
        errs = got.get(uri(declared), [])
        codes = [d["code"] for d in errs if d["severity"] == 1]
        check(codes.count("BUD304") == 5, f"declared.bud gets the five broken declared totals: {codes}")
        b = got.get(uri(budget), [])
        check([d["code"] for d in b if d["severity"] == 1] == ["BUD301"],
              f"budget.bud gets the broken control total: {b}")
        check(got.get(uri(basic)) == [], "basic.bud itself stays clean")
        # The fix-it of a broken declared figure is a code action that writes the derived sum.
        d304 = next((d for d in errs if d["code"] == "BUD304"), None)
        acts = d304 and c.result("textDocument/codeAction", {
            "textDocument": {"uri": uri(declared)}, "range": d304["range"],
            "context": {"diagnostics": [d304]}})
        check(acts and acts[0]["kind"] == "quickfix", f"a quick fix for BUD304: {acts}")
        if acts:
            edits = acts[0]["edit"]["changes"][uri(declared)]
            check(edits[0]["newText"] == "3373.04" and edits[0]["range"] == d304["range"],
                  f"the fix writes the derived figure: {edits}")
        # Undo: everything is as before.
        change(c, basic, 3, p, {"line": p["line"], "character": p["character"] + 1}, "8")
        got = c.published(uri(basic))
        check(got.get(uri(declared)) == [], "declared.bud is clean again after the undo")
        check(got.get(uri(budget)) == [], "budget.bud is clean again")
        # An unsaved new file adds spending: its sums count at once.
        new = os.path.join(ws, "new.bud")
        c.open(new, "基本支出 2010302 一般行政管理事务 {\n  30201 办公费 1.00\n}\n")
        b = c.published(uri(new)).get(uri(budget), [])
        check([d["code"] for d in b if d["severity"] == 1] == ["BUD301"],
              f"an unsaved new file's spending counts: {b}")
        c.notify("textDocument/didClose", {"textDocument": {"uri": uri(new)}})
        got = c.published(uri(basic))
        check(got.get(uri(budget)) == [], "closing the unsaved file takes its spending away")
        # A file that changes on disk, not open: the client says so, and its sums count.
        with open(declared, encoding="utf-8") as f:
            on_disk = f.read()
        with open(declared, "w", encoding="utf-8") as f:
            f.write(on_disk.replace("声明 收入总计 3372.04", "声明 收入总计 3372.05"))
        c.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": uri(declared), "type": 2}]})
        d = c.published(uri(basic)).get(uri(declared), [])
        check([x["code"] for x in d if x["severity"] == 1] == ["BUD304"],
              f"a change on disk of a file that is not open is checked: {d}")
        with open(declared, "w", encoding="utf-8") as f:
            f.write(on_disk)
        c.notify("textDocument/didSave", {"textDocument": {"uri": uri(basic)}})
        check(c.published(uri(basic)).get(uri(declared)) == [], "and so is its repair (after a save)")
        # Closing the last document clears what was published.
        c.notify("textDocument/didClose", {"textDocument": {"uri": uri(basic)}})
        c.wait_notification("textDocument/publishDiagnostics",
                            lambda p: p["uri"] == uri(projects) and p["diagnostics"] == [])
        check(c.shutdown() == 0, "exit status 0")
    finally:
        c.close()


# ---- hover, completion, definition, symbols on the example -----------------------------------
def test_features(lang):
    ws = copy_example("features-" + lang)
    c = Client(BUDC, ["--lang=" + lang])
    zh = lang == "zh"
    try:
        c.initialize(root=ws, options={"stdlibDocuments": True})
        paths = {f: os.path.join(ws, f) for f in ("basic.bud", "projects.bud", "budget.bud",
                                                   "declared.bud", "narrative.bud", "performance.bud")}
        texts = {f: c.open(p) for f, p in paths.items()}
        c.diagnostics(uri(paths["projects.bud"]))

        def hv(f, needle, occurrence=0, inside=1):
            return hover(c, paths[f], find(texts[f], needle, occurrence, inside))

        h = hv("projects.bud", "2130705")
        check("对村民委员会和村党支部的补助" in h and "267.59万元" in h and ("项目支出" if zh else "project") in h,
              f"hover of a function code: name and amounts by basic/project: {h}")
        check("213 农林水支出 › 21307 农村综合改革" in h, f"hover shows the catalogue chain: {h}")
        h = hv("basic.bud", "30217")
        check("公务接待费" in h and "0.76万元" in h and ("公用经费" in h), f"hover of an economic code: {h}")
        h = hv("basic.bud", "行政运行")
        check("2010301 行政运行" in h and "1042.79万元" in h, f"hover of a code's name: {h}")
        h = hv("budget.bud", "一般公共预算拨款")
        check("1754.54万元" in h and ("财政拨款" in h if zh else "appropriation" in h), f"hover of a fund: {h}")
        h = hv("budget.bud", "秦皇岛市海港区西港镇人民政府本级")
        check("行政" in h and "正科级" in h and "1459.95万元" in h, f"hover of a unit: {h}")
        h = hv("projects.bud", "16村", inside=2)
        check("村" in h and ("计数" in h if zh else "count" in h), f"hover of a unit of measure: {h}")
        h = hv("projects.bud", "产出/数量")
        check("产出指标 › 数量指标" in h and ("计数" in h if zh else "count" in h),
              f"hover of a framework path gives its levels and rule: {h}")
        h = hv("projects.bud", "依据 冀组发14", 1, inside=4)
        check("冀组发〔2018〕14号" in h, f"hover of a citation: {h}")
        h = hv("declared.bud", "三公经费")
        check("3.01万元" in h, f"hover of a declared figure: declared and derived: {h}")
        h = hv("budget.bud", "河北2024")
        check("河北2024" in h, f"hover of the template: {h}")
        # A figure reference in a text, written into the buffer: the declared figure's value.
        line = "说明 参考 \"“三公”经费共 {三公经费}，其中 { 三公经费/公务接待费 }\""
        change(c, paths["narrative.bud"], 2, {"line": 0, "character": 0}, {"line": 0, "character": 0}, line + "\n")
        h = hover(c, paths["narrative.bud"], {"line": 0, "character": u16(line[:line.index("{三公") + 2])})
        check("3.01万元" in h and "{三公经费}" in h, f"hover of a figure reference: {h}")
        h = hover(c, paths["narrative.bud"], {"line": 0, "character": u16(line[:line.index("公务接待费 }") + 1])})
        check("0.76万元" in h, f"hover of a reference to a part: {h}")
        change(c, paths["narrative.bud"], 3, {"line": 0, "character": 0}, {"line": 1, "character": 0}, "")

        # Completion: a code by prefix and by Chinese name, funds, paths, keywords, citations.
        def comp(f, line_text, version):
            """Inserts line_text as a new line before line 8 and completes at its end."""
            p = {"line": 7, "character": 0}
            change(c, paths[f], version, p, p, line_text + "\n")
            r = complete(c, paths[f], {"line": 7, "character": u16(line_text)})
            end = {"line": 8, "character": 0}
            change(c, paths[f], version + 1, p, end, "")
            return r

        r = comp("basic.bud", "  办公", 10)
        labels = [i["label"] for i in r["items"]]
        check("30201 办公费" in labels, f"an economic code from its Chinese name: {labels}")
        item = next(i for i in r["items"] if i["label"] == "30201 办公费")
        check(item["textEdit"]["newText"] == "30201 办公费" and
              item["textEdit"]["range"] == {"start": {"line": 7, "character": 2}, "end": {"line": 7, "character": 4}},
              f"it replaces the name typed by code and name: {item}")
        r = comp("basic.bud", "基本支出 20103", 12)
        labels = [i["label"] for i in r["items"]]
        check(labels and all(l.startswith("20103") for l in labels) and "2010301 行政运行" in labels,
              f"function codes by prefix: {labels}")
        r = comp("basic.bud", "基本支出 对村民", 14)
        check([i["label"] for i in r["items"]][:1] == ["2130705 对村民委员会和村党支部的补助"],
              f"a function code from its Chinese name: {[i['label'] for i in r['items']]}")
        r = comp("projects.bud", "  金额 1.00 ", 10)
        labels = [i["label"] for i in r["items"]]
        check("一般公共预算拨款" in labels and "上年结转" in labels, f"funds after an amount: {labels}")
        r = comp("projects.bud", "  指标 产出/", 12)
        labels = [i["label"] for i in r["items"]]
        check("产出/数量" in labels and all(l.startswith("产出/") for l in labels), f"framework paths: {labels}")
        r = comp("projects.bud", "  指标 产出/数量 x 1村 描述 \"x\" 依据 冀", 14)
        labels = [i["label"] for i in r["items"]]
        check(labels[:4] == ["冀组发14", "冀组发15", "冀组发16", "冀组发17"], f"citations: {labels}")
        r = comp("projects.bud", "项", 16)
        check("项目" in [i["label"] for i in r["items"]], "keywords at a statement's start")
        r = comp("projects.bud", "proj", 18)
        item = [i for i in r["items"] if i["label"] == "项目"]
        check(item and item[0]["filterText"] == "project" and item[0]["textEdit"]["newText"] == "项目",
              f"an English keyword alias completes to the Chinese spelling: {item}")
        r = comp("narrative.bud", "说明 x \"共 {机关", 4)
        labels = [i["label"] for i in r["items"]]
        check("机关运行经费" in labels, f"figure names inside {{…}}: {labels}")
        r = comp("projects.bud", "  指标 产出/数量 x 16", 20)
        check(not r["items"], "nothing to offer after a bare number")
        r = comp("projects.bud", "  指标 产出/数量 x 16万", 22)
        check("万元" in [i["label"] for i in r["items"]], f"units after a number: {r['items']}")

        # Go to definition: a citation, a template and a unit in the standard library.
        d = c.result("textDocument/definition", {"textDocument": {"uri": uri(paths["projects.bud"])},
                                                  "position": find(texts["projects.bud"], "依据 冀组发14", 1, 4)})
        check(d and d[0]["uri"] == uri(paths["projects.bud"]) and d[0]["range"]["start"] == find(texts["projects.bud"], "冀组发14"),
              f"a citation's definition: {d}")
        d = c.result("textDocument/definition", {"textDocument": {"uri": uri(paths["budget.bud"])},
                                                  "position": find(texts["budget.bud"], "河北2024")})
        check(d and d[0]["uri"].startswith("budc-stdlib:/templates/"), f"the template's definition: {d}")
        if d:
            t = c.result("workspace/textDocumentContent", {"uri": d[0]["uri"]})["text"]
            line = t.split("\n")[d[0]["range"]["start"]["line"]]
            check("河北2024" in line, f"the stdlib document holds the template at that line: {line}")
        d = c.result("textDocument/definition", {"textDocument": {"uri": uri(paths["budget.bud"])},
                                                  "position": find(texts["budget.bud"], "金额单位 万元", inside=6)})
        check(d and d[0]["uri"] == "budc-stdlib:/units.bud", f"a unit's definition: {d}")

        # Symbols: the fifteen projects with their goals and indicators.
        syms = c.result("textDocument/documentSymbol", {"textDocument": {"uri": uri(paths["projects.bud"])}})
        projects = [s for s in syms if s["kind"] == 5]
        check(len(projects) == 15, f"fifteen projects in the outline: {len(projects)}")
        check(projects and projects[3]["name"] == "村党组织活动经费" and
              any(ch["kind"] == 24 for ch in projects[3].get("children", [])), "a project's goals are its children")
        syms = c.result("textDocument/documentSymbol", {"textDocument": {"uri": uri(paths["budget.bud"])}})
        dept = [s for s in syms if s["kind"] == 3]
        check(dept and dept[0]["children"][0]["name"] == "秦皇岛市海港区西港镇人民政府本级", f"units: {syms}")
        syms = c.result("textDocument/documentSymbol", {"textDocument": {"uri": uri(paths["performance.bud"])}})
        check(syms and syms[0]["kind"] == 3 and any(a["name"] == "党建工作" for a in syms[0]["children"]),
              "overall performance areas and goals")
        check(c.shutdown() == 0, "exit status 0")
    finally:
        c.close()


# ---- positions in UTF-16 code units --------------------------------------------------------
def test_utf16():
    # 𠀀 (U+20000) is two UTF-16 code units; 乡 is one. The citation after them is unknown.
    line = "  指标 产出/数量 𠀀乡村数 16村 描述 \"𠀀𠀀乡\" 依据 无此依据"
    text = ("预算 2024 { 金额单位 万元 }\n收入 {\n  一般公共预算拨款 1.00\n}\n"
            "项目 13P01 \"𠀀项目\" {\n  功能科目 2130705\n  金额 1.00 一般公共预算拨款\n"
            + line + "\n}\n")
    ws = fresh("utf16", {"budget.bud": text})
    path = os.path.join(ws, "budget.bud")
    c = Client(BUDC, ["--lang=en"])
    try:
        c.initialize(root=ws)
        c.open(path)
        diags = c.diagnostics(uri(path))
        at = line.index("无此依据")
        want = {"start": {"line": 7, "character": u16(line[:at])},
                "end": {"line": 7, "character": u16(line[:at]) + 4}}
        got = [d["range"] for d in diags if "无此依据" in d["message"]]
        check(got == [want], f"a range after 𠀀 counts it as two code units: {got} vs {want}")
        check(u16(line[:at]) == len(line[:at]) + 3, "the test line has three characters outside the BMP")
        h = hover(c, path, want["start"])
        check("无此依据" in h, f"hover at a UTF-16 position after 𠀀: {h}")
        # A position between the two halves of 𠀀 is the character's start; past the end of a
        # line, the end of the line; past the last line, the end of the file.
        mid = {"line": 7, "character": u16(line[:line.index("𠀀")]) + 1}
        r = c.request("textDocument/hover", {"textDocument": {"uri": uri(path)}, "position": mid})
        check("result" in r, f"a position inside a surrogate pair is answered: {r}")
        for pos in ({"line": 7, "character": 10 ** 6}, {"line": 10 ** 6, "character": 0},
                    {"line": 2 ** 31, "character": 2 ** 40}):
            r = c.request("textDocument/hover", {"textDocument": {"uri": uri(path)}, "position": pos})
            check("result" in r, f"a position past the end is clamped: {pos} → {r}")
        # Completion inserts at UTF-16 positions too: after "𠀀乡" on a new line.
        change(c, path, 2, {"line": 8, "character": 0}, {"line": 8, "character": 0}, "  指标 𠀀 x 1村 描述 \"x\" 依据 无\n")
        r = complete(c, path, {"line": 8, "character": u16("  指标 𠀀 x 1村 描述 \"x\" 依据 无")})
        check(r["items"] == [], "no citation starts with 无")
        check(c.shutdown() == 0, "exit status 0")
    finally:
        c.close()


# ---- formatting ------------------------------------------------------------------------------
def test_formatting():
    messy = "预算 2024 {金额单位 万元}\n收入{\n一般公共预算拨款   1.00\n  上年结转 政府性基金预算拨款 2.00}\n"
    ws = fresh("format", {"budget.bud": messy})
    path = os.path.join(ws, "budget.bud")
    ref = fresh("format-ref", {"budget.bud": messy})
    subprocess.run([BUDC, "fmt", ref], check=True, capture_output=True)
    want = open(os.path.join(ref, "budget.bud"), encoding="utf-8").read()
    c = Client(BUDC, ["--lang=en"])
    try:
        c.initialize(root=ws)
        c.open(path)
        edits = c.result("textDocument/formatting", {"textDocument": {"uri": uri(path)},
                                                      "options": {"tabSize": 4, "insertSpaces": True}})
        check(len(edits) == 1, f"one edit: {edits}")
        lines = messy.split("\n")
        e = edits[0]
        s, t = e["range"]["start"], e["range"]["end"]
        # Apply it (the text is ASCII and CJK of the BMP: UTF-16 units are characters here).
        start = sum(len(l) + 1 for l in lines[:s["line"]]) + s["character"]
        end = sum(len(l) + 1 for l in lines[:t["line"]]) + t["character"]
        got = messy[:start] + e["newText"] + messy[end:]
        check(got == want, f"formatting gives budc fmt's layout:\n{got}\n---\n{want}")
        change(c, path, 2, {"line": 0, "character": 0}, {"line": 0, "character": 0}, "预算 {\n")
        r = c.request("textDocument/formatting", {"textDocument": {"uri": uri(path)}, "options": {}})
        check("error" in r and r["error"]["code"] == -32803, f"a file with syntax errors is not formatted: {r}")
        check(c.shutdown() == 0, "exit status 0")
    finally:
        c.close()


# ---- code actions from fix-its; related information off; plain hover --------------------------
def test_fixits_and_capabilities():
    text = "预算 2024 { 金额单位 万元 }\n收入 {\n  一般公共预算拨款 １.00\n}\n"
    ws = fresh("fixit", {"budget.bud": text})
    path = os.path.join(ws, "budget.bud")
    c = Client(BUDC, ["--lang=zh"])
    try:
        c.initialize(root=ws, capabilities={})  # no related information, no markdown
        c.open(path)
        d = [x for x in c.diagnostics(uri(path)) if x["code"] == "BUD002"]
        check(len(d) == 1, f"the full-width digit is BUD002: {d}")
        acts = c.result("textDocument/codeAction", {"textDocument": {"uri": uri(path)},
                                                     "range": d[0]["range"], "context": {"diagnostics": d}})
        check(acts and acts[0]["title"] == "改为“1”" and
              acts[0]["edit"]["changes"][uri(path)][0]["newText"] == "1", f"the fix-it as a code action: {acts}")
        acts = c.result("textDocument/codeAction", {"textDocument": {"uri": uri(path)},
                                                     "range": {"start": {"line": 0, "character": 0},
                                                               "end": {"line": 0, "character": 1}},
                                                     "context": {"diagnostics": []}})
        check(acts == [], "no action elsewhere")
        syms = c.result("textDocument/documentSymbol", {"textDocument": {"uri": uri(path)}})
        check(syms and "location" in syms[0], f"flat symbols for a client without hierarchy: {syms}")
        check(c.shutdown() == 0, "exit status 0")
    finally:
        c.close()


# ---- workspaces: a file without a header, includes -------------------------------------------
def test_workspaces():
    ws = fresh("roots", {"budget.bud": "预算 2024 { 金额单位 万元 }\n引入 \"sub/more.bud\"\n"
                                       "收入 {\n  一般公共预算拨款 2.00\n}\n"})
    os.makedirs(os.path.join(ws, "sub"))
    more = os.path.join(ws, "sub", "more.bud")
    with open(more, "w", encoding="utf-8") as f:
        f.write("基本支出 2010301 行政运行 {\n  30201 办公费 2.00\n}\n")
    budget = os.path.join(ws, "budget.bud")
    c = Client(BUDC, ["--lang=en"])
    try:
        c.initialize(root=None)
        c.open(more)  # its workspace is the directory above, where the header is
        check(c.diagnostics(uri(more)) == [], "a file below the header's directory is checked with it")
        text = c.open(budget)
        d = c.result("textDocument/definition", {"textDocument": {"uri": uri(budget)},
                                                  "position": find(text, "sub/more.bud", inside=2)})
        check(d == [{"uri": uri(more), "range": {"start": {"line": 0, "character": 0},
                                                 "end": {"line": 0, "character": 0}}}],
              f"an include's definition is the file: {d}")
        # Without stdlibDocuments, a definition in the standard library is not offered.
        d = c.result("textDocument/definition", {"textDocument": {"uri": uri(budget)},
                                                  "position": find(text, "万元")})
        check(d is None, f"no stdlib location for a client that cannot open it: {d}")
        check(c.shutdown() == 0, "exit status 0")
    finally:
        c.close()


# ---- lifecycle --------------------------------------------------------------------------------
def test_lifecycle():
    c = Client(BUDC)
    try:
        r = c.request("textDocument/hover", {})
        check(r.get("error", {}).get("code") == -32002, f"a request before initialize: {r}")
        c.initialize()
        r = c.request("initialize", {"capabilities": {}})
        check(r.get("error", {}).get("code") == -32600, f"initialize twice: {r}")
        r = c.request("budc/nothing", {})
        check(r.get("error", {}).get("code") == -32601, f"an unknown method: {r}")
        r = c.request("textDocument/hover", {"textDocument": {"uri": "file:///nowhere.bud"},
                                             "position": {"line": 0, "character": 0}})
        check(r.get("error", {}).get("code") == -32602, f"a document that is not open: {r}")
        c.notify("exit")
        check(c.proc.wait(30) == 1, "exit without shutdown ends with status 1")
    finally:
        c.close()
    c = Client(BUDC)
    try:
        c.initialize()
        c.proc.stdin.close()
        check(c.proc.wait(30) == 1, "the end of the input ends the server (status 1)")
    finally:
        c.close()


for test in (lambda: test_diagnostics("en"), lambda: test_diagnostics("zh"), test_changes,
             lambda: test_features("zh"), lambda: test_features("en"), test_utf16, test_formatting,
             test_fixits_and_capabilities, test_workspaces, test_lifecycle):
    test()
if failures:
    print(f"{len(failures)} failures")
    sys.exit(1)
print("budc lsp: every protocol check passed")
