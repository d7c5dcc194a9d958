#!/usr/bin/env python3
"""Rewrite the expectations at the end of lit file tests from budc's current output.

Usage: tests/update_checks.py [--build DIR] TEST...

Each test keeps its input at the top and its RUN lines first; this script runs the budc part
of every RUN line (the part before "| FileCheck"), and replaces the CHECK block at the end of
the file with the exact output, one line per CHECK-NEXT, the test's path as [[FILE]] (the
expectations of a FileCheck that reads a file, --input-file, are kept as written). Read the
diff before committing: the expectations are the spec, not whatever budc happens to print.
CI never runs this script.
"""
import os
import re
import shlex
import subprocess
import sys

CHECK_LINE = re.compile(r"^// (?!RUN:)[A-Z][A-Z0-9]*(-NEXT|-EMPTY|-NOT)?:")


def escape(line):
    return line.replace("{{", "{{[{][{]}}").replace("[[", "{{[[][[]}}")


def main(argv):
    build = "build"
    if argv and argv[0] == "--build":
        build, argv = argv[1], argv[2:]
    budc = os.path.abspath(os.path.join(build, "bin", "budc"))
    for path in argv:
        with open(path, encoding="utf-8", errors="surrogateescape") as f:
            lines = f.read().split("\n")
        runs = [l[len("// RUN:"):].strip() for l in lines if l.startswith("// RUN:")]
        # Expectations of a FileCheck that reads a file (--input-file) are kept as written.
        kept = set()
        for run in runs:
            if "FileCheck" in run and "| FileCheck" not in run:
                m = re.search(r"--check-prefix[= ](\S+)", run)
                kept.add(m.group(1) if m else "CHECK")
        def prefix_of(l):
            m = CHECK_LINE.match(l)
            return m and l[3:m.end() - 1 - len(m.group(1) or "")]
        kept_lines = [l for l in lines if CHECK_LINE.match(l) and prefix_of(l) in kept]
        body = [l for l in lines if not CHECK_LINE.match(l)]
        while body and body[-1] == "":
            body.pop()
        blocks = []
        for run in runs:
            if "| FileCheck" not in run:
                continue
            cmd, check = run.split("| FileCheck", 1)
            prefix = "CHECK"
            m = re.search(r"--check-prefix[= ](\S+)", check)
            if m:
                prefix = m.group(1)
            cmd = cmd.strip()
            if cmd.startswith("not "):
                cmd = cmd[4:]
            root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
            def subst(text):
                return (text.replace("%budc", shlex.quote(budc)).replace("%s", shlex.quote(path))
                        .replace("%S", os.path.dirname(os.path.abspath(path)))
                        .replace("%examples", os.path.join(root, "examples"))
                        .replace("%srcroot", root))
            cmd = subst(cmd)
            # -DFILE=… names the input when it is not the test itself (%S/Inputs/…).
            d = re.search(r"-DFILE=(\S+)", check)
            given = subst(d.group(1)) if d else path
            out = subprocess.run(cmd, shell=True, capture_output=True, text=True, errors="surrogateescape",
                                 env=dict(os.environ, LANG="C.UTF-8")).stdout
            out_lines = escape(out).replace(given, "[[FILE]]").replace(path, "[[FILE]]").replace(
                os.path.join(root, "examples"), "[[EXAMPLES]]").split("\n")
            if out_lines and out_lines[-1] == "":
                out_lines.pop()
            block = []
            for i, l in enumerate(out_lines):
                kind = prefix if i == 0 else prefix + "-NEXT"
                if l == "" and i > 0:
                    block.append(f"// {prefix}-EMPTY:")
                else:
                    block.append(f"// {kind}:{l}")
            blocks.append("\n".join(block))
        with open(path, "w", encoding="utf-8", errors="surrogateescape") as f:
            if kept_lines:
                blocks.append("\n".join(kept_lines))
            f.write("\n".join(body) + "\n\n" + "\n\n".join(blocks) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
