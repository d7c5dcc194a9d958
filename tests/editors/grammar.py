#!/usr/bin/env python3
"""The VS Code extension's TextMate grammar against budc's own lexer, with vscode-tmgrammar-test.

    grammar.py TOKENS_TOOL SOURCE_DIR WORK_DIR

For every .bud file of the 西港镇 example and tests/editors/grammar_cases.bud (the hard cases:
keywords inside longer names, codes against quantities, tags, references, full-width
characters, an unclosed string), budc-tokens gives the tokens budc's lexer makes; this script
writes the file again with an assertion under each line for each token that starts on it —
its kind's scope (a keyword is keyword.control.bud, a name is not, a quantity's digits are
constant.numeric.bud and its unit keyword.other.unit.bud, …) — and runs the extension's
pinned vscode-tmgrammar-test (editors/vscode/node_modules, installed by `npm ci`) on them
with the grammar the extension ships. Assertion columns are UTF-16 code units, as
vscode-textmate counts them."""
import json
import os
import pathlib
import subprocess
import sys

TOOL, SRC, WORK = sys.argv[1], pathlib.Path(sys.argv[2]).resolve(), pathlib.Path(sys.argv[3]).resolve()
VSCODE = SRC / "editors" / "vscode"
RUNNER = VSCODE / "node_modules" / ".bin" / "vscode-tmgrammar-test"
if not RUNNER.exists():
    print(f"{RUNNER} is missing: run `npm ci` in editors/vscode (scripts/test.sh does)")
    sys.exit(1)

inputs = sorted((SRC / "examples" / "xigang-2024").glob("*.bud")) + [
    SRC / "tests" / "editors" / "grammar_cases.bud"]

SCOPES = {
    "COMMENT": "comment.line.double-slash.bud",
    "STRING": "string.quoted.double.bud",
    "BAD_STRING": "string.quoted.double.bud",
    "TEXT_BLOCK": "string.quoted.triple.bud",
    "NUMBER": "constant.numeric.bud",
    "CODE": "constant.other.code.bud",
    "DATE": "constant.numeric.date.bud",
    "GE": "keyword.operator.comparison.bud", "LE": "keyword.operator.comparison.bud",
    "NE": "keyword.operator.comparison.bud", "EQ": "keyword.operator.comparison.bud",
    "GT": "keyword.operator.comparison.bud", "LT": "keyword.operator.comparison.bud",
    "LBRACE": "punctuation.section.block.begin.bud", "RBRACE": "punctuation.section.block.end.bud",
    "LBRACK": "punctuation.definition.tag.begin.bud", "RBRACK": "punctuation.definition.tag.end.bud",
    "SEMI": "punctuation.terminator.statement.bud", "SLASH": "punctuation.separator.path.bud",
    "MINUS": "keyword.operator.sign.bud",
    "FULLWIDTH": "invalid.illegal.full-width.bud",
}


def u16(s):
    return len(s.encode("utf-16-le")) // 2


def assertions(text, tokens):
    """{line index: [(column, length, scope), …]} in UTF-16 code units."""
    data = text.encode()
    starts = [0]
    for i, b in enumerate(data):
        if b == 0x0A:
            starts.append(i + 1)

    def place(off):
        line = max(i for i, s in enumerate(starts) if s <= off)
        return line, u16(data[starts[line]:off].decode())

    out = {}

    def add(begin, end, scope):
        line, col = place(begin)
        end_line, end_col = place(end)
        if end_line != line:  # to the end of the first line only
            end_col = u16(data[starts[line]:(starts[line + 1] if line + 1 < len(starts) else len(data))].decode().rstrip("\r\n"))
        if end_col > col:
            out.setdefault(line, []).append((col, end_col - col, scope))

    prev = None
    for kind, begin, end in tokens:
        scope = SCOPES.get(kind)
        piece = data[begin:end].decode()
        if prev == "LBRACK" and kind not in ("RBRACK", "STRING"):
            add(begin, end, "entity.name.tag.bud")  # a tag's name, keyword or not
        elif kind.startswith("KW_"):
            add(begin, end, "keyword.control.bud")
        elif kind == "NAME":
            add(begin, end, "- keyword.control.bud")
        elif kind == "QUANTITY":
            digits = len(piece) - len(piece.lstrip("0123456789,."))
            add(begin, begin + digits, "constant.numeric.bud")
            add(begin + digits, end, "keyword.other.unit.bud")
        elif kind == "TEXT_BLOCK":
            # Each line of the block: its text from the first character that is not a space.
            off = begin
            for part in piece.split("\n"):
                stripped = part.lstrip(" ")
                b = off + len(part.encode()) - len(stripped.encode())
                if stripped.rstrip("\r"):
                    add(b, b + len(stripped.rstrip("\r").encode()), scope)
                off += len(part.encode()) + 1
        elif kind in ("STRING", "BAD_STRING"):
            add(begin, end, scope)
            # A figure reference inside: {…} (not {{).
            i = 0
            while i < len(piece):
                if piece.startswith("{{", i) or piece.startswith("}}", i):
                    i += 2
                    continue
                if piece[i] == "{" and "}" in piece[i:]:
                    j = piece.index("}", i)
                    inner_b = begin + len(piece[:i + 1].encode())
                    add(inner_b, inner_b + len(piece[i + 1:j].encode()), "variable.other.figure.bud")
                    i = j
                i += 1
        elif scope:
            add(begin, end, scope)
        if kind not in ("NL", "WS"):
            prev = kind
    return out


WORK.mkdir(parents=True, exist_ok=True)
for old in WORK.glob("*.test.bud"):
    old.unlink()
result = subprocess.run([TOOL, *map(str, inputs)], capture_output=True, text=True, check=True)
count = 0
for line in result.stdout.splitlines():
    entry = json.loads(line)
    path = pathlib.Path(entry["file"])
    text = path.read_bytes().decode()
    marks = assertions(text, entry["tokens"])
    out = [f'// SYNTAX TEST "source.bud" "{path.relative_to(SRC)}"']
    for i, src_line in enumerate(text.split("\n")):
        out.append(src_line)
        for col, length, scope in marks.get(i, []):
            out.append("// <" + "~" * col + "-" * length + " " + scope)
            count += 1
    name = path.parent.name + "-" + path.stem + ".test.bud"
    (WORK / name).write_text("\n".join(out), encoding="utf-8")

grammar = VSCODE / "syntaxes" / "bud.tmLanguage.json"
run = subprocess.run([str(RUNNER), "--grammar", str(grammar), "--config", str(VSCODE / "package.json"),
                      "--compact", str(WORK / "*.test.bud")], capture_output=True, text=True, cwd=VSCODE)
print(run.stdout[-20000:], run.stderr[-5000:])
if run.returncode != 0:
    print(f"the TextMate grammar disagrees with budc's lexer (see above; the files are in {WORK})")
    sys.exit(1)
print(f"the TextMate grammar agrees with budc's lexer on {count} tokens of {len(inputs)} files")
