#!/usr/bin/env python3
"""The narrative of disclosure.html reproduces the published wording of the seed document
character for character: its 说明 sections (whose figures examples/xigang-2024/narrative.bud
writes as figure references) and its 名词解释.

    narrative.py BUDC EXAMPLE_DIR OUT_DIR          build the page and compare
    narrative.py --extract SEED_TXT                print the expectations (tests/seed/narrative.json)

The expectations are the seed's own lines (below), read out of the document, not budc's output:
each must be the text of one <p class="body"> of part one, in this order.
"""
import html
import json
import os
import re
import subprocess
import sys

# Lines of /work/shared/seeds/000_c502fe5fac719970.txt: 公开说明, 部门职责 (十 items), 总体情况,
# 机关运行经费, “三公”经费, 专项资金, 名词解释 (ten), 其他事项.
SEED_LINES = [2245, *range(2248, 2258), 2273, 2275, 2278, 2361, *range(3954, 3964), 3965]
HERE = os.path.dirname(os.path.abspath(__file__))


def extract(seed):
    lines = open(seed, encoding="utf-8").read().split("\n")
    return [lines[n - 1].strip() for n in SEED_LINES]


def main(budc, example, out):
    os.makedirs(out, exist_ok=True)
    run = subprocess.run([budc, "build", "-q", "--format", "html", example, "-o", out],
                         capture_output=True, text=True)
    if run.returncode:
        sys.exit("budc build failed:\n" + run.stderr)
    page = open(os.path.join(out, "disclosure.html"), encoding="utf-8").read()
    part1 = page[page.index('<h2 id="part1">'):page.index('<h2 id="part2">')]
    shown = [html.unescape(re.sub(r"<[^>]+>", "", p))
             for p in re.findall(r'<p class="body">(.*?)</p>', part1, re.S)]
    want = json.load(open(os.path.join(HERE, "narrative.json"), encoding="utf-8"))
    failures, at = [], 0
    for w in want:
        while at < len(shown) and shown[at] != w:
            at += 1
        if at == len(shown):
            near = [s for s in shown if s[:12] == w[:12]]
            failures.append("not on the page: %r%s" % (w, "\n  the page has: %r" % near[0] if near else ""))
            at = 0
        else:
            at += 1
    print("compared %d published paragraphs with disclosure.html" % len(want))
    for f in failures:
        print("  " + f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    if sys.argv[1] == "--extract":
        json.dump(extract(sys.argv[2]), sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        main(*sys.argv[1:4])
