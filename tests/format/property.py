#!/usr/bin/env python3
"""budc fmt never changes meaning, keeps every comment and string, and is idempotent.

    property.py BUDC SOURCE_ROOT WORK_DIR

For the bundled example and every .bud test input that parses without errors, x is copied,
formatted with `budc fmt`, and:
  - fmt(fmt(x)) == fmt(x)                   (`budc fmt --check` on the result exits 0);
  - the comments and strings of x and fmt(x) are the same, in the same order (read by a
    small scanner here, independent of budc's lexer);
  - the resolved model is the same: for inputs that check clean, budget.json of
    `budc build --format json` with source positions removed (and diagnostics compared by
    code, as their messages may quote line numbers); for the others, the syntax tree of
    `budc parse --dump-ast` with positions removed.
"""
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys

POSITION = re.compile(r"<\d+:\d+-\d+:\d+>| line=\d+")


def scan(text):
    """Comments and strings of a .bud text, in order."""
    out, i, n = [], 0, len(text)
    while i < n:
        if text.startswith('"""', i):
            j = text.find('"""', i + 3)
            j = n if j < 0 else j + 3
            out.append(text[i:j])
            i = j
        elif text[i] == '"':
            j = i + 1
            while j < n and text[j] not in '"\n':
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(text[i:j].rstrip())
            i = j
        else:
            i += 1
    return out


def strip_sources(value):
    if isinstance(value, dict) and "diagnostics" in value:
        # Messages may quote line numbers, which move; the codes must stay.
        value = dict(value, diagnostics=sorted(d["code"] for d in value["diagnostics"]))
    if isinstance(value, dict):
        return {k: strip_sources(v) for k, v in value.items()
                if k not in ("source", "line", "column", "endLine", "endColumn", "offset",
                             "length", "file")}
    if isinstance(value, list):
        return [strip_sources(v) for v in value]
    return value


def run(*args):
    return subprocess.run(list(args), capture_output=True, text=True)


def model(budc, path, out):
    if run(budc, "check", "-q", path).returncode == 0:
        shutil.rmtree(out, ignore_errors=True)
        r = run(budc, "build", "-q", "--format", "json", path, "-o", out)
        if r.returncode:
            sys.exit("build failed on %s:\n%s" % (path, r.stderr))
        return "model", strip_sources(json.load(open(os.path.join(out, "budget.json"))))
    r = run(budc, "parse", "--dump-ast", path)
    return "tree", POSITION.sub("", r.stdout).split("\n", 1)[-1]


def main(budc, root, work):
    root, work = pathlib.Path(root), pathlib.Path(work)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    inputs = [root / "examples/xigang-2024"] + sorted((root / "tests").rglob("*.bud"))
    checked, skipped = 0, 0
    failures = []
    for k, src in enumerate(inputs):
        dest = work / ("%03d-%s" % (k, src.name))
        if src.is_dir():
            shutil.copytree(src, dest)
        else:
            dest.mkdir()
            shutil.copy(src, dest / src.name)
            dest = dest / src.name
        if run(budc, "parse", str(dest)).returncode != 0:
            skipped += 1  # fmt refuses files with syntax errors
            continue
        before_files = {p: p.read_text(encoding="utf-8", errors="surrogateescape")
                        for p in ([dest] if dest.is_file() else sorted(dest.rglob("*.bud")))}
        before = model(budc, str(dest), str(work / "json-before"))
        r = run(budc, "fmt", "-q", str(dest))
        if r.returncode:
            failures.append("%s: budc fmt failed (%d): %s" % (src, r.returncode, r.stderr))
            continue
        for p, old in before_files.items():
            new = p.read_text(encoding="utf-8", errors="surrogateescape")
            if scan(old) != scan(new):
                failures.append("%s: comments or strings changed" % p.relative_to(work))
        if run(budc, "fmt", "--check", str(dest)).returncode != 0:
            failures.append("%s: fmt(fmt(x)) != fmt(x)" % src)
        after = model(budc, str(dest), str(work / "json-after"))
        if before != after:
            failures.append("%s: the %s changed" % (src, before[0]))
        checked += 1
    print("budc fmt kept the meaning, comments and strings of %d inputs and is idempotent on "
          "them (%d with syntax errors skipped)" % (checked, skipped))
    if failures:
        for f in failures:
            print("  " + f)
        sys.exit(1)


if __name__ == "__main__":
    main(*sys.argv[1:])
