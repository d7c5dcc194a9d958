#!/usr/bin/env python3
"""The rules that read texts are linear in them: scoring rules (评分), the quantities of a goal
and its 其中 parts, and goals shared by many projects.

For each shape it counts the instructions `budc check` executes (valgrind's callgrind: the same
count for the same input, whatever the machine is doing) on N and on 10·N repetitions, less
those of the budget without the shape. Linear work makes the ratio about 10; the quadratic
scans this guards against (one 其中 looked up again for every quantity of a 300 KB goal took
45 seconds) make it 100 and more. No wall-clock time is measured.

Usage: rules_linear.py BUDC WORKDIR"""
import pathlib
import re
import shutil
import subprocess
import sys

budc, work = sys.argv[1], pathlib.Path(sys.argv[2])
shutil.rmtree(work, ignore_errors=True)
work.mkdir(parents=True)
N = 400
HEAD = "预算 2024 { 金额单位 万元 }\n收入 { 一般公共预算拨款 %d }\n"
PROJECT = '项目 "p%d" {\n  功能科目 2130705\n  金额 1 一般公共预算拨款\n%s}\n'


def one(body):
    """A budget of one project whose lines are \\p body."""
    return HEAD % 1 + PROJECT % (0, body)


SHAPES = {
    "scoring bands": lambda n: one('  指标 x ≥95%% 权重 10 评分 "%s"\n'
                                  % "，".join(f"{i}%-{i + 1}%得1分" for i in range(n))),
    "scoring clauses that do not score": lambda n: one('  指标 x ≥95%% 评分 "%s得1分"\n' % ("低于90%，" * n)),
    "marks of ends": lambda n: one('  指标 x ≥95%% 评分 "%s"\n' % ("（含" * n)),
    "quantities and 其中 in a goal": lambda n: one('  目标 "%s其中%s"\n' % ("1个，" * n, "2个，" * n)),
    "many 其中 in a description": lambda n: one('  指标 x 1个 描述 "%s"\n' % ("共3台，其中2台" * n)),
    "one goal on many projects": lambda n: HEAD % n + "".join(
        PROJECT % (i, '  用途 "u%d"\n  目标 "保障单位正常运转，完成年度各项工作任务"\n' % (i % 7)) for i in range(n)),
}


def instructions(text):
    path = work / "ws.bud"
    path.write_text(text, encoding="utf-8")
    out = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", budc,
                          "check", "-j", "1", "--error-limit=0", str(path)],
                         capture_output=True, text=True)
    found = re.search(r"Collected : (\d+)", out.stderr)
    if not found:
        sys.exit(f"callgrind did not report: {out.stderr[-2000:]}")
    return int(found.group(1))


failures = []
base = instructions(one(""))
for label, make in SHAPES.items():
    small = instructions(make(N)) - base
    large = instructions(make(10 * N)) - base
    ratio = large / max(small, 1)
    print(f"{label:36} {small:>13,} / {large:>14,} instructions: ×{ratio:5.1f}")
    if ratio > 14:
        failures.append(f"{label}: 10× the text took {ratio:.1f}× the work")
for f in failures:
    print("FAIL:", f)
sys.exit(1 if failures else 0)
