#!/usr/bin/env python3
"""Holds each Chinese reference page of docs/zh/ to the English page it follows.

A translation cannot be compared word for word, but its frame can: the same headings at the
same levels in the same order, the same diagnostic codes, and the same examples — every fenced
block of the English page, in order, in the Chinese one, equal once comments (`// …`, which a
translation may translate) are set aside; a block whose words are translated (a synopsis) has
`<!-- in-step: translated -->` on the line before it and is only counted. When the English page changes, this test names what
the Chinese page lacks, so that the two are kept in step.

usage: in_step.py SOURCE_DIR
"""

import re
import sys
from pathlib import Path

PAGES = [("docs/zh/language.md", "docs/language.md"), ("docs/zh/checker.md", "docs/checker.md")]
FENCE = re.compile(r"^```\s*([\w.+-]*)\s*$")
HEADING = re.compile(r"^(#{1,6}) ")
CODE = re.compile(r"BUD\d{3}")
TRANSLATED = object()  # a block the Chinese page translates
SKIP = []


def structure(text):
    """(heading levels, fenced blocks, diagnostic codes) of a page."""
    levels, blocks, inside, previous = [], [], None, ""
    for line in text.split("\n"):
        if inside is not None:
            if line.strip() == "```":
                if inside is not SKIP:
                    blocks.append("\n".join(inside))
                inside = None
            elif inside is not SKIP:
                inside.append(uncomment(line))
            continue
        if FENCE.match(line):
            if previous.strip() == "<!-- in-step: translated -->":
                blocks.append(TRANSLATED)
                inside = SKIP
            else:
                inside = []
            continue
        previous = line
        m = HEADING.match(line)
        if m:
            levels.append((len(m.group(1)), line))
    return levels, blocks, set(CODE.findall(text))


def uncomment(line):
    """The line without a // comment outside quotes, and without trailing spaces."""
    quoted = False
    for i, c in enumerate(line):
        if c == '"':
            quoted = not quoted
        elif not quoted and line.startswith("//", i):
            return line[:i].rstrip()
    return line.rstrip()


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    root = Path(sys.argv[1])
    failures = []
    for zh, en in PAGES:
        zh_levels, zh_blocks, zh_codes = structure((root / zh).read_text(encoding="utf-8"))
        en_levels, en_blocks, en_codes = structure((root / en).read_text(encoding="utf-8"))
        if [l for l, _ in zh_levels] != [l for l, _ in en_levels]:
            n = next((i for i, (a, b) in enumerate(zip(en_levels, zh_levels)) if a[0] != b[0]),
                     min(len(en_levels), len(zh_levels)))
            there = en_levels[n][1] if n < len(en_levels) else "(the end)"
            here = zh_levels[n][1] if n < len(zh_levels) else "(the end)"
            failures.append(f"{zh}: {len(zh_levels)} headings, {en} has {len(en_levels)}; "
                            f"heading {n + 1} is '{here}' where {en} has '{there}'")
        same = lambda a, b: b is TRANSLATED or a == b
        if len(zh_blocks) != len(en_blocks) or not all(map(same, en_blocks, zh_blocks)):
            for n, (a, b) in enumerate(zip(en_blocks, zh_blocks)):
                if not same(a, b):
                    failures.append(f"{zh}: example {n + 1} differs from {en}'s:\n{a}\n---\n{b}")
                    break
            else:
                failures.append(f"{zh}: {len(zh_blocks)} examples, {en} has {len(en_blocks)}")
        if en_codes - zh_codes:
            failures.append(f"{zh}: does not mention " + ", ".join(sorted(en_codes - zh_codes))
                            + f", which {en} does")
        if zh_codes - en_codes:
            failures.append(f"{zh}: mentions " + ", ".join(sorted(zh_codes - en_codes))
                            + f", which {en} does not")
    for f in failures:
        print(f)
    if failures:
        print("the Chinese pages no longer follow the English ones: translate what changed")
        return 1
    print(f"{len(PAGES)} Chinese pages follow their English pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
