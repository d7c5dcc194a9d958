#!/usr/bin/env python3
"""Checks the examples of every compiler/diag/explain/BUDnnn.md: budc must report BUDnnn for the
```bud bad``` example and must not for the ```bud good``` one (a firing case and a near-miss
for every rule). Every code of 1xx–8xx must have an explain page. In an example, ⟨U+XXXX⟩
stands for that character (the pages show invisible characters this way), and a fence line
```bud bad args=--flag``` runs budc check with that extra argument.

Usage: explain_examples.py SOURCE_ROOT BUDC"""
import os
import pathlib
import re
import subprocess
import sys
import tempfile

root, budc = pathlib.Path(sys.argv[1]), sys.argv[2]
codes = [int(c) for c in re.findall(r"^BUD_DIAG\((\d+),", (root / "compiler/diag/diagnostics.def").read_text(), re.M)]
failures = []
for code in codes:
    page = root / "compiler/diag/explain" / f"BUD{code:03d}.md"
    if not page.exists():
        if 100 <= code < 900:
            failures.append(f"BUD{code:03d}: no explain page")
        continue
    text = page.read_text(encoding="utf-8")
    for kind in ("bad", "good"):
        m = re.search(r"```bud " + kind + r"(?: args=(\S+))?\n(.*?)```", text, re.S)
        if not m:
            failures.append(f"BUD{code:03d}: no {kind} example")
            continue
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "example.bud")
            with open(path, "w", encoding="utf-8") as f:
                f.write(re.sub(r"⟨U\+([0-9A-F]{4,6})⟩", lambda c: chr(int(c.group(1), 16)), m.group(2)))
            extra = [m.group(1)] if m.group(1) else []
            out = subprocess.run([budc, "check", "--lang=en", *extra, path], capture_output=True,
                                 text=True).stderr
        tag = f"[BUD{code:03d}]"
        if kind == "bad" and tag not in out:
            failures.append(f"BUD{code:03d}: the bad example does not report it:\n{out}")
        if kind == "good" and tag in out:
            failures.append(f"BUD{code:03d}: the good example reports it:\n{out}")
for f in failures:
    print(f)
if failures:
    sys.exit(1)
print("every explain page's bad example fires and its good example does not")
