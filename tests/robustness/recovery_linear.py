#!/usr/bin/env python3
"""Error recovery is linear, and --error-limit stops the work, not only the output.

For each hostile shape (a file of '}' lines, '说明 说明' repeated, errors inside one long
block, misplaced statements, unterminated strings, invalid and full-width characters…) this
counts the instructions budc check executes (valgrind's callgrind, which counts the same for
the same input whatever the machine is doing) on N and on 10·N lines, less those of an empty
workspace. Linear work makes the ratio about 10; the quadratic recovery this guards against
made it 100 and more. With --error-limit=20 the work on 10·N lines of errors, and on ten times
as many files, stays near the work on N. No wall-clock time is measured. The fixed cost of a
run (start-up, one error) is taken off first.

Usage: recovery_linear.py BUDC WORKDIR"""
import os
import pathlib
import re
import shutil
import subprocess
import sys

budc, work = sys.argv[1], pathlib.Path(sys.argv[2])
shutil.rmtree(work, ignore_errors=True)
work.mkdir(parents=True)
N = 500

SHAPES = {
    "closing braces": lambda n: "}\n" * n,
    "说明 说明": lambda n: "说明 说明\n" * n,
    "errors inside one block": lambda n: "收入 {\n" + "一般公共预算拨款 x y\n" * n + "}\n",
    "misplaced statements": lambda n: "指标 产出/数量 a 1个\n金额 1 一般公共预算拨款\n" * (n // 2),
    "unterminated strings": lambda n: '说明 x "abc\n' * n,
    "invalid characters": lambda n: "@@ ＠＠ １２\n" * n,
    "stray tokens in a project": lambda n: '项目 "p" {\n' + "功能科目 ) ( ] [\n" * n + "}\n",
    "two statements a line": lambda n: "基本支出 2010301 {\n" + "30101 1 30102 2\n" * n + "}\n",
}


# budc under valgrind must do what it does without: the same status and the same output.
# Anything else (a start-up failure in valgrind's address space, a signal) would make every
# count the same and the ratios meaningless, so it stops the test with what valgrind said.
ENV = dict(os.environ, MIMALLOC_LARGE_OS_PAGES="0")


def instructions(*args):
    command = [budc, "check", "-j", "1", *args]
    native = subprocess.run(command, capture_output=True, text=True, env=ENV)
    out = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                          *command], capture_output=True, text=True, env=ENV)
    m = re.search(r"Collected : (\d+)", out.stderr)
    if not m:
        sys.exit(f"callgrind did not report: {out.stderr[-2000:]}")
    if out.returncode != native.returncode or out.stdout != native.stdout:
        sys.exit(f"budc under valgrind exited {out.returncode} (without: {native.returncode}) "
                 f"on {' '.join(args)}\nstdout: {out.stdout[-1500:]}\n"
                 f"stderr: {out.stderr[-3000:]}")
    if native.returncode != 1:
        sys.exit(f"budc check exited {native.returncode}, not 1, on {' '.join(args)}: "
                 f"{native.stderr[-1500:]}")
    return int(m.group(1))


def write(name, text):
    path = work / name
    path.write_text("预算 2024 { 金额单位 万元 }\n" + text, encoding="utf-8")
    return str(path)


failures = []
# The fixed cost: start-up and a file with one syntax error (which, like every input here,
# stops budc before the checker).
base = instructions("--error-limit=0", write("base.bud", "}\n"))
for label, make in SHAPES.items():
    small = instructions("--error-limit=0", write("small.bud", make(N))) - base
    large = instructions("--error-limit=0", write("large.bud", make(10 * N))) - base
    ratio = large / max(small, 1)
    limited = instructions("--error-limit=20", write("large.bud", make(10 * N))) - base
    print(f"{label:28} {small:>12,} / {large:>13,} instructions: ×{ratio:5.1f}; "
          f"with --error-limit=20 {limited:>12,} (×{limited / max(large, 1):4.2f} of all)")
    if ratio > 14:
        failures.append(f"{label}: 10× the lines took {ratio:.1f}× the work")
    if limited > large * 0.25:
        failures.append(f"{label}: --error-limit=20 still did {limited / large:.0%} of the work")

# Many files: once the limit is reached, the files after it are not lexed or parsed.
def files(count):
    d = work / f"files{count}"
    d.mkdir()
    (d / "a.bud").write_text("预算 2024 { 金额单位 万元 }\n", encoding="utf-8")
    for i in range(count):
        (d / f"f{i:05}.bud").write_text("说明 说明\n" * 50, encoding="utf-8")
    return str(d)

few = instructions("--error-limit=20", files(20)) - base
many = instructions("--error-limit=20", files(200)) - base
print(f"{'files, --error-limit=20':28} {few:>12,} / {many:>13,} instructions for 20 / 200 files")
if many > few * 5:
    failures.append(f"200 files with errors took {many / few:.1f}× the work of 20 under --error-limit=20")

for f in failures:
    print("FAIL:", f)
sys.exit(1 if failures else 0)
