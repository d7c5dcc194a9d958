#!/usr/bin/env python3
"""Truncates each file of the example at many points (every 389th byte, including inside
multi-byte characters) and checks that budc answers each with exit status 0 or 1 — never a
crash (3 or a signal), never silence with errors.

Usage: truncate_example.py EXAMPLE_DIR BUDC"""
import pathlib
import shutil
import subprocess
import sys
import tempfile

example, budc = pathlib.Path(sys.argv[1]), sys.argv[2]
runs, bad = 0, []
with tempfile.TemporaryDirectory() as tmp:
    for path in sorted(example.glob("*.bud")):
        data = path.read_bytes()
        for cut in range(0, len(data), 389):
            work = pathlib.Path(tmp) / "ws"
            shutil.rmtree(work, ignore_errors=True)
            shutil.copytree(example, work)
            (work / path.name).write_bytes(data[:cut])
            r = subprocess.run([budc, "check", "--lang=en", str(work)], capture_output=True, text=True,
                               errors="replace", timeout=60)
            runs += 1
            if r.returncode not in (0, 1) or (r.returncode == 1 and " error: " not in r.stderr):
                bad.append(f"{path.name} cut at {cut}: exit {r.returncode}\n{r.stderr[-500:]}")
for b in bad:
    print(b)
print(f"{runs - len(bad)} passed, {len(bad)} failed")
sys.exit(1 if bad else 0)
