#!/usr/bin/env python3
"""No silent change: every amount of a workspace that enters the money tables — control totals,
basic-expenditure lines, project amounts and their splits, declared figures — is changed by one
unit of its last written place (0.01 for 1754.54, 1 for 26,054,663, 1万元 for 2,616万元), one
at a time, and `budc check` must report an error for each change.

Usage: mutate_example.py WORKSPACE_DIR BUDC [AT_LEAST]
AT_LEAST (default 78, the example's) is how many amounts the scan must find: fewer means it
has lost track of the workspace's blocks."""
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal

example, budc = pathlib.Path(sys.argv[1]), sys.argv[2]
at_least = int(sys.argv[3]) if len(sys.argv) > 3 else 78
# An amount as written: digits, maybe thousands separators and decimals, maybe a money unit.
NUMBER = r"((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?:元|万元|千元|亿元)?"
sites = []  # (file, line index, start, end, text)
for path in sorted(example.glob("*.bud")):
    lines = path.read_text(encoding="utf-8").split("\n")
    stack = []  # the kinds of the open blocks
    for i, raw in enumerate(lines):
        line = re.sub(r"//.*$", "", raw)
        stripped = line.strip()
        kind = stack[-1] if stack else None
        m = None
        if re.match(r"^金额\s", stripped):
            m = re.search(r"金额\s+" + NUMBER, line)
        elif stripped.startswith("声明") or kind in ("收入", "基本支出", "声明", "金额"):
            if not stripped.startswith(("来源", "}")) and stripped:
                # The amount is the last number on the line, before an opening brace.
                m = re.search(r"\s" + NUMBER + r"\s*\{?\s*$", line)
                if m and stripped.startswith(("基本支出", "项目支出")):
                    m = None  # the header's number is the function code
        if m:
            sites.append((path, i, m.start(1), m.end(1), m.group(1)))
        for word in ("收入", "基本支出", "项目支出", "声明", "金额", "项目", "整体绩效", "国有资产", "政府采购", "名词解释", "预算", "部门", "单位", "分项", "目标"):
            if stripped.startswith(word) and stripped.endswith("{"):
                stack.append({"项目支出": "基本支出"}.get(word, word) if word in ("收入", "基本支出", "项目支出", "声明", "金额") else "other")
                break
        else:
            if stripped.endswith("{"):
                stack.append(kind if kind == "声明" else "other")
        if stripped.startswith("}") and stack:
            stack.pop()

silent = []
with tempfile.TemporaryDirectory() as tmp:
    work = pathlib.Path(tmp) / "ws"
    for path, i, start, end, text in sites:
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(example, work)
        target = work / path.name
        lines = target.read_text(encoding="utf-8").split("\n")
        places = len(text.split(".")[1]) if "." in text else 0
        value = Decimal(text.replace(",", "")) + Decimal(1).scaleb(-places)
        written = f"{value:,.{places}f}" if "," in text else f"{value:.{places}f}"
        lines[i] = lines[i][:start] + written + lines[i][end:]
        target.write_text("\n".join(lines), encoding="utf-8")
        run = subprocess.run([budc, "check", "--lang=en", str(work)], capture_output=True, text=True)
        if run.returncode != 1 or " error: " not in run.stderr:
            silent.append(f"{path.name}:{i + 1}: {text} → {written} passed unnoticed")
print(f"{len(sites)} amounts changed in their last place, one at a time")
for s in silent:
    print(s)
# The example: 2 control totals + 25 basic lines + 15 project amounts + 36 declared figures.
if silent or len(sites) < at_least:
    sys.exit(1)
print(f"{len(sites)} passed, 0 failed")
