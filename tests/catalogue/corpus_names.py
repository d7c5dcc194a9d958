#!/usr/bin/env python3
"""Checks budc's 2026 catalogues against every code/name pair the 2026 corpus prints.

    corpus_names.py BUDC OUT_DIR [PAIRS_TSV]   (default: tests/catalogue/corpus-2026.tsv)

The pairs were read out of the ten 2026 budgets of shared/corpus/ by extract_corpus.py, not
produced by budc. The test writes a 2026 workspace in OUT_DIR that uses every printed function
项 (a 基本支出 block each, paid from 政府性基金预算拨款 when the corpus prints the code in a
政府性基金 table) and every economic 款 (a line each) under the name as printed, and requires:

1. `budc check` reports nothing at all: every code is in the 2026 catalogue (no BUD101/103),
   and every printed spelling is its name or a recorded alias (no BUD104/BUD122);
2. the tables `budc build` writes print every printed 类 and 款 (function and economic), so the
   catalogue holds them, under the printed name after normalising brackets and spaces; a 类 or
   款 printed under another spelling must be accepted as a name when a workspace restates it
   in a 科目表 (an alias, BUD104 otherwise).

Economic codes of 7 digits (重庆's 3010201 规范性津补贴 …) are local subdivisions of a 款, not
national codes: only their 款 is required. Exits non-zero with every failure listed.
"""
import collections
import csv
import os
import re
import shutil
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))


def norm(name):
    return re.sub(r"[\s\u3000]", "", name).replace("(", "（").replace(")", "）")


def quoted(name):
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def read_pairs(path):
    pairs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            doc, n, code, name, table = line.rstrip("\n").split("\t")
            pairs.append((doc, int(n), code, name, table))
    return pairs


def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, LANG="C.UTF-8"))


def workspace(pairs, out):
    """The budget using every 项 and 款; returns its path."""
    items = collections.OrderedDict()   # function 项 → (spellings, fund-only)
    economic = collections.OrderedDict()  # economic 款 → spellings
    for doc, n, code, name, table in pairs:
        if code[0] == "2" and len(code) == 7:
            spell, fund = items.setdefault(code, ([], [False]))
            if name not in spell:
                spell.append(name)
            fund[0] |= "政府性基金" in table
        elif code[0] == "3" and len(code) == 5:
            spell = economic.setdefault(code, [])
            if name not in spell:
                spell.append(name)
    blocks, general, fund = [], 0, 0
    general_blocks = []
    for code, (spell, is_fund) in sorted(items.items()):
        for name in spell:
            lines = []
            block = {"head": f"基本支出 {code} {quoted(name)} {{", "lines": lines, "fund": is_fund[0]}
            blocks.append(block)
            if not is_fund[0]:
                general_blocks.append(block)
    if not general_blocks:
        sys.exit("the corpus pairs hold no function 项 paid by general money")
    # The k-th spelling of an economic 款 goes in the k-th general block (one line per 款 and
    # block, or it would be written twice, BUD106).
    for code, spell in sorted(economic.items()):
        for k, name in enumerate(spell):
            general_blocks[k]["lines"].append(f"  {code} {quoted(name)} 1.00")
    text = ["预算 2026 { 金额单位 万元 }"]
    for b in blocks:
        if not b["lines"]:
            b["lines"].append("  30101 基本工资 1.00")
        if b["fund"]:
            b["lines"].insert(0, "  来源 政府性基金预算拨款")
            fund += len(b["lines"]) - 1
        else:
            general += len(b["lines"])
    text.append("收入 {")
    text.append(f"  一般公共预算拨款 {general}.00")
    if fund:
        text.append(f"  政府性基金预算拨款 {fund}.00")
    text.append("}")
    for b in blocks:
        text += [b["head"]] + b["lines"] + ["}"]
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, "budget.bud")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(text) + "\n")
    return path, len(items), len(economic)


def printed(csv_dir):
    """code → the names the built tables print beside it."""
    names = collections.defaultdict(set)
    for f in sorted(os.listdir(csv_dir)):
        if not f.endswith(".csv"):
            continue
        with open(os.path.join(csv_dir, f), encoding="utf-8-sig", newline="") as fh:
            for row in csv.reader(fh):
                for i in range(len(row) - 1):
                    if re.fullmatch(r"[23]\d{2}(\d{2}){0,2}", row[i].strip()) and row[i + 1].strip():
                        names[row[i].strip()].add(row[i + 1].strip())
    return names


def main(budc, out, tsv=None):
    pairs = read_pairs(tsv or os.path.join(here, "corpus-2026.tsv"))
    shutil.rmtree(out, ignore_errors=True)
    failures = []
    ws = os.path.join(out, "workspace")
    path, n_items, n_economic = workspace(pairs, ws)

    check = run([budc, "check", "--lang=en", ws])
    if check.returncode != 0 or "no errors, no warnings" not in check.stderr:
        failures.append("budc check on the workspace of the corpus's 项 and 款 reports:\n" + check.stderr)

    tables = os.path.join(out, "csv")
    build = run([budc, "build", ws, "--format", "csv", "-o", tables, "-q"])
    if build.returncode != 0:
        failures.append("budc build failed, so the 类 and 款 were not compared:\n" + build.stderr)
        for f in failures:
            print(f)
        sys.exit(f"{len(failures)} failure(s)")
    got = printed(tables)

    # 类 and 款: printed by the tables under the corpus's name, or accepted as an alias.
    restate = collections.OrderedDict()
    checked = set()
    for doc, n, code, name, table in pairs:
        local = code[0] == "3" and len(code) == 7
        if local or (code[0] == "2" and len(code) == 7) or (code[0] == "3" and len(code) == 5):
            continue  # 项 and 款 were checked by budc check
        checked.add(code)
        if code not in got:
            failures.append(f"{doc}:{n}: {code} {name} is not printed by any built table")
        elif norm(name) not in {norm(x) for x in got[code]}:
            restate.setdefault(code, set()).add(name)
    for code, names in restate.items():
        for name in sorted(names):
            # Restated in a 科目表 block of its own, nested under its printed parents.
            chain = [code[:k] for k in range(3, len(code), 2)]
            rows, depth = [], 1
            for parent in chain:
                rows.append("  " * depth + f"{parent} {quoted(sorted(got.get(parent, {''}))[0])} {{")
                depth += 1
            rows.append("  " * depth + f"{code} {quoted(name)}")
            for d in range(depth - 1, 0, -1):
                rows.append("  " * d + "}")
            kind = "功能科目" if code[0] == "2" else "经济科目"
            alias = os.path.join(out, f"alias-{code}.bud")
            with open(alias, "w", encoding="utf-8") as f:
                f.write("预算 2026 { 金额单位 万元 }\n" + f"科目表 {kind} 2026 {{\n" + "\n".join(rows) + "\n}\n")
            r = run([budc, "check", "--lang=en", alias])
            if "no errors, no warnings" not in r.stderr:
                failures.append(f"{code} is printed as {sorted(got[code])} but the corpus prints "
                                f"{name!r}, which the catalogue does not accept:\n{r.stderr}")
    local = sorted({code for _, _, code, _, _ in pairs if code[0] == "3" and len(code) == 7})
    for code in local:
        if code[:5] not in got:
            failures.append(f"local economic code {code}: its 款 {code[:5]} is not printed")
    for f in failures:
        print(f)
    if failures:
        sys.exit(f"{len(failures)} failure(s)")
    print(f"{len(pairs)} printed pairs of {len({p[2] for p in pairs})} codes from "
          f"{len({p[0] for p in pairs})} documents: {n_items} 项 and {n_economic} economic 款 check "
          f"clean, {len(checked)} 类 and 款 are printed under the corpus's names "
          f"({len(restate)} as aliases); {len(local)} local 7-digit economic codes extend known 款")


if __name__ == "__main__":
    main(*sys.argv[1:])
