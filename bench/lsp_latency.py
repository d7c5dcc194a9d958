#!/usr/bin/env python3
"""How long budc lsp takes from a change in the editor to its diagnostics, on the 西港镇 example.

    bench/lsp_latency.py [--budc build/bin/budc] [--edits 300] [--open all|one]

A client (tests/lsp/lspclient.py) opens the example's files (all six, or only basic.bud),
then sends incremental didChange notifications one at a time, each after the answer to the
one before, and measures on the client's clock:

  changed   from writing the didChange to reading the publishDiagnostics of the changed
            document (of that version);
  all       to reading the last file's publishDiagnostics of that check (projects.bud,
            published after every change: it holds the example's warnings).

The edits alternate between breaking a total (308.98 → 309.98 in basic.bud: errors appear in
budget.bud and declared.bud) and restoring it, and typing a letter into a comment of
projects.bud and deleting it again. Prints min, median, 90th percentile and max in ms, and
the server's own CPU time per edit (from /proc: what a change costs, apart from the wait for
a core on a loaded machine) with the load average.
"""
import argparse
import os
import statistics
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "lsp"))
from lspclient import Client, uri  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--budc", default=os.path.join(ROOT, "build", "bin", "budc"))
    ap.add_argument("--edits", type=int, default=300)
    ap.add_argument("--open", choices=["all", "one"], default="all")
    a = ap.parse_args()

    ws = os.path.join(ROOT, "examples", "xigang-2024")
    basic, projects = os.path.join(ws, "basic.bud"), os.path.join(ws, "projects.bud")
    c = Client(a.budc, ["--lang=zh"])
    c.initialize(root=ws)
    names = sorted(f for f in os.listdir(ws) if f.endswith(".bud")) if a.open == "all" else ["basic.bud"]
    texts = {f: c.open(os.path.join(ws, f)) for f in names}
    c.published(uri(basic))

    def at(text, needle, shift=0):
        i = text.index(needle) + shift
        line = text.count("\n", 0, i)
        col = len(text[text.rfind("\n", 0, i) + 1:i].encode("utf-16-le")) // 2
        return {"line": line, "character": col}

    amount = at(texts["basic.bud"], "308.98", 2)                    # the 8 of 308.98
    comment_text = texts.get("projects.bud") or open(projects, encoding="utf-8").read()
    comment = at(comment_text, "// 1\n", 4)                          # after "// 1"
    versions = {basic: 1, projects: 1}
    samples = {"total": ([], []), "comment": ([], [])}

    def edit(path, start, end, text, kind):
        versions[path] += 1
        v = versions[path]
        t0 = time.perf_counter()
        c.notify("textDocument/didChange", {
            "textDocument": {"uri": uri(path), "version": v},
            "contentChanges": [{"range": {"start": start, "end": end}, "text": text}]})
        if path == projects and "projects.bud" not in texts:
            return  # not open: nothing to wait for
        c.wait_notification("textDocument/publishDiagnostics",
                            lambda p: p["uri"] == uri(path) and p.get("version") == v)
        t1 = t2 = time.perf_counter()
        if path != projects:
            c.wait_notification("textDocument/publishDiagnostics", lambda p: p["uri"] == uri(projects))
            t2 = time.perf_counter()
        c.notifications.clear()
        samples[kind][0].append((t1 - t0) * 1000)
        samples[kind][1].append((t2 - t0) * 1000)

    def step(i):
        after = {"line": amount["line"], "character": amount["character"] + 1}
        if i % 4 == 0:
            edit(basic, amount, after, "9", "total")
        elif i % 4 == 1:
            edit(basic, amount, after, "8", "total")
        elif "projects.bud" in texts:
            after = {"line": comment["line"], "character": comment["character"] + 1}
            if i % 4 == 2:
                edit(projects, comment, comment, "x", "comment")
            else:
                edit(projects, comment, after, "", "comment")

    for i in range(40):  # warm up: caches, the allocator, the CPU's clock
        step(i)
    for kind in samples:
        samples[kind][0].clear()
        samples[kind][1].clear()
    cpu0 = cpu_ms(c.proc.pid)
    for i in range(a.edits):
        step(i)
    cpu = cpu_ms(c.proc.pid) - cpu0
    c.shutdown()

    print(f"budc lsp, {a.open} of the example's files open, {a.edits} edits after 40 to warm up")
    print(f"{'edit':<28} {'measured to':<10} {'n':>4} {'min':>7} {'median':>7} {'p90':>7} {'max':>7}  (ms)")
    for kind, label in (("total", "break/restore a total"), ("comment", "type into a comment")):
        for which, name in ((0, "changed"), (1, "all")):
            xs = sorted(samples[kind][which])
            if not xs:
                continue
            p90 = xs[min(len(xs) - 1, int(len(xs) * 0.9))]
            print(f"{label:<28} {name:<10} {len(xs):>4} {xs[0]:7.1f} {statistics.median(xs):7.1f} "
                  f"{p90:7.1f} {xs[-1]:7.1f}")
    edits = sum(len(samples[k][0]) for k in samples)
    print(f"budc lsp's own CPU time (user + system): {cpu / max(edits, 1):.1f} ms per edit, "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


def cpu_ms(pid):
    """The CPU time (user + system) process pid has used so far, in ms (Linux /proc)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


if __name__ == "__main__":
    main()
