#!/usr/bin/env python3
"""A check's memory against its input, and a large file parsed in pieces means what it says.

bench/generate writes a workspace of about 120,000 lines in many files; the same text as one
file (about 8 MiB) is parsed in pieces of whole top-level statements (compiler/syntax/
parser.cpp). This test asserts that
  - budc check of the one file peaks at no more than 20 times its bytes (issue 14.9; the
    ratio is documented in docs/workflow.md), and so does the check of the workspace;
  - the one file and the workspace resolve to the same model (budget.json without sources);
  - errors near and far from where pieces are cut are reported once each, at their lines.
Peak memory is the child's maximum resident set (getrusage), not a time.

Usage: memory_ratio.py BUDC SOURCE_DIR WORKDIR"""
import json
import os
import pathlib
import resource
import shutil
import subprocess
import sys

budc, source, work = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
shutil.rmtree(work, ignore_errors=True)
work.mkdir(parents=True)
failures = []


def peak(*args):
    """Runs budc with ARGS; returns (status, stdout, peak resident bytes)."""
    p = subprocess.Popen([budc, *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out = p.stdout.read()
    _, status, usage = os.wait4(p.pid, 0)
    p.stdout.close()
    return os.waitstatus_to_exitcode(status), out.decode("utf-8"), usage.ru_maxrss * 1024


many = work / "many"
subprocess.run([sys.executable, str(source / "bench" / "generate"), "--lines", "120000",
                "--seed", "3", "-o", str(many)], check=True, stdout=subprocess.DEVNULL)
files = sorted(many.rglob("*.bud"))
one = work / "one"
one.mkdir()
text = "".join(f.read_text(encoding="utf-8") for f in files)
(one / "budget.bud").write_text(text, encoding="utf-8")
size = len(text.encode("utf-8"))

for name, ws in (("one file", one), ("workspace", many)):
    status, _, rss = peak("check", "-q", str(ws))
    print(f"{name:10} {size / 2**20:6.1f} MiB of input, peak {rss / 2**20:7.1f} MiB: "
          f"×{rss / size:5.1f}")
    if status != 0:
        failures.append(f"{name}: budc check exited {status}")
    if rss > 20 * size:
        failures.append(f"{name}: peak memory {rss / size:.1f}× the input (at most 20×)")


def model(ws, out):
    subprocess.run([budc, "build", "-q", "--format", "json", str(ws), "-o", str(out)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    def strip(x):
        if isinstance(x, dict):
            return {k: strip(v) for k, v in x.items() if k != "source"}
        if isinstance(x, list):
            return [strip(v) for v in x]
        return x
    return strip(json.loads((out / "budget.json").read_text(encoding="utf-8")))


a, b = model(one, work / "json-one"), model(many, work / "json-many")
if a != b:
    failures.append("the one file and the workspace resolve to different models: " +
                    ", ".join(k for k in a if a[k] != b.get(k)))
if len(a["projects"]) < 1000:
    failures.append(f"only {len(a['projects'])} projects: the input is too small to be cut")

# Errors at the start, the middle (where a cut may fall) and the end, each on a line of its
# own at the top level, of the lexer's (a stray brace) and of the parser's (a keyword where a
# name goes): each is reported once, at its line.
lines = text.split("\n")
top, depth = [], 0  # the lines that begin outside every block (the generator writes no braces in strings)
for n, line in enumerate(lines):
    if depth == 0:
        top.append(n)
    depth += line.count("{") - line.count("}")
marks = [next(n for n in top if n >= want) for want in
         (3, len(lines) // 3, len(lines) // 2, top[-2])]
for i, at in reversed(list(enumerate(marks))):
    lines.insert(at, "}" if i % 2 else "说明 说明")
bad = work / "bad"
bad.mkdir()
(bad / "budget.bud").write_text("\n".join(lines), encoding="utf-8")
status, out, _ = peak("check", "--format=json", str(bad))
found = sorted((d["line"], d["code"]) for d in json.loads(out)["diagnostics"])
want = [(m + i + 1, "BUD015" if i % 2 else "BUD010") for i, m in enumerate(marks)]
if status != 1 or found != want:
    failures.append(f"errors on lines {want}: budc reported {found} (exit {status})")

for f in failures:
    print("FAIL:", f)
sys.exit(1 if failures else 0)
