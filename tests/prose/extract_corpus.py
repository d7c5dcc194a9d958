#!/usr/bin/env python3
"""Builds the narrative test inputs tests/prose/Inputs/corpus/<stem>.bud from the ten 2026 documents of
../shared/corpus/ (pdftotext -layout text): the narrative line ranges of each document (tables
left out), page numbers dropped, lines joined into paragraphs, one 说明 section per heading of
the document. The .bud files are committed and are the test inputs (CI has no shared/); they
were then corrected by hand where the PDF's layout broke a paragraph (see tests/prose/README.md).

    extract_corpus.py CORPUS_DIR tests/prose/Inputs/corpus   write the inputs afresh (review the diff)
"""
import pathlib
import re
import sys

# The narrative of each document, as line ranges of its .txt (tests/corpus/SURVEY.md).
RANGES = {
    "beijing-tongjiju-2026-narrative": [(26, 199)],
    "chongqing-qixiangju-2026": [(1, 126)],
    "guangzhou-qixiangju-2026": [(41, 129), (667, 751), (772, 846)],
    "guangzhou-tongjiju-2026": [(41, 152), (618, 698), (731, 805)],
    "shanghai-shenjiju-2026": [(1, 99), (308, 339)],
    "shanghai-tongjiju-2026": [(1, 83), (341, 378)],
    "shenzhen-tongjiju-2026": [(1, 354), (434, 565)],
    "shenzhen-xinfangju-2026": [(1, 313), (391, 399), (400, 525)],
    "suzhou-shenjiju-2026": [(1, 186), (657, 949)],
    "suzhou-shuiwuju-2026": [(1, 237), (761, 1145)],
}
HEADING = re.compile(r"^\s*(第[一二三四五六七八九十]部分|[一二三四五六七八九十]{1,2}、)")
ITEM = re.compile(r"^\s*([（(][一二三四五六七八九十\d]+[）)]|\d+[.、．](?!\d)|[一二三四五六七八九十]+、)")
PAGE = re.compile(r"^\s*[-－—]?\s*\d+\s*[-－—]?\s*$")
ENDS = tuple("。：:；！？")


CAPTION = re.compile(r"^\s*图\s*\d+[：:]")


def paragraphs(lines, running):
    out = []
    heading = False
    for raw in lines:
        line = raw.replace("\f", "").rstrip()
        if not line.strip() or PAGE.match(line) or CAPTION.match(line) or line.strip() in running:
            continue
        text = line.strip()
        indent = len(line) - len(line.lstrip())
        new = not out or ITEM.match(line) or HEADING.match(line) or heading or (
            0 < indent <= 6 and out[-1].endswith(ENDS))
        if new:
            out.append(text)
        else:
            out[-1] += text
        # A heading is a line of its own (a long one may wrap once: 情况说明).
        heading = bool(HEADING.match(out[-1])) and (out[-1].endswith("说明") or out[-1].endswith("情况")
                                                     or len(out[-1]) < 16)
    return out


def main(corpus, outdir):
    outdir.mkdir(parents=True, exist_ok=True)
    for stem, ranges in RANGES.items():
        lines = (corpus / f"{stem}.txt").read_text(encoding="utf-8").split("\n")
        chosen = []
        for a, b in ranges:
            chosen += lines[a - 1:b]
        # Running heads: a line printed on many pages.
        counts = {}
        for l in lines:
            if l.strip():
                counts[l.strip()] = counts.get(l.strip(), 0) + 1
        running = {l for l, n in counts.items() if n >= 3 and len(l) > 6}
        sections, title = [], "前言"
        body = []
        for p in paragraphs(chosen, running):
            if HEADING.match(p) and len(p) < 40:
                if body:
                    sections.append((title, body))
                title, body = p, []
            else:
                body.append(p)
        if body:
            sections.append((title, body))
        with open(outdir / f"{stem}.bud", "w", encoding="utf-8") as f:
            f.write(f"// The narrative of {stem} (../shared/corpus/{stem}.txt, lines "
                    + ", ".join(f"{a}–{b}" for a, b in ranges) + "), as tests/prose/extract_corpus.py\n"
                    "// joined it into paragraphs; only a workspace's narrative, no facts.\n"
                    "预算 2026 { 金额单位 万元 }\n")
            for i, (t, b) in enumerate(sections):
                text = "\n".join("  " + x.replace('"""', '”””').replace("{", "{{").replace("}", "}}") for x in b)
                name = t.replace('"', "'").replace("\\", "")
                f.write(f'\n说明 "{i + 1:02d} {name}" """\n{text}\n  """\n')


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]))
