#!/usr/bin/env python3
"""The one token table, compiler/syntax/tokens.def, against everything else that lists tokens:

- grammar/BudLexer.g4: its token rules in the same order (they number the parser's token
  types), each keyword rule spelling the keyword's English and Chinese words and nothing
  else, each punctuation rule its spellings;
- grammar/BudParser.g4: the keywords of its nounKeyword rule are the ones marked Noun;
- docs/language.md: the keyword table (section 4) lists exactly the keywords, in both spellings;
- the parser ANTLR generated (GEN_DIR/BudParser.cpp) never calls adaptivePredict: the grammar
  is LL(1), as BudParser.g4 says;
- every ```antlr excerpt in docs/*.md stands in one of the .g4 files (spaces aside).

Usage: tokens_test.py SOURCE_ROOT GEN_DIR"""
import pathlib
import re
import sys

root, gen = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
failures = []

table = []  # (kind, grammar name, spellings, noun)
for line in (root / "compiler/syntax/tokens.def").read_text(encoding="utf-8").splitlines():
    m = re.match(r'BUD_KEYWORD\(\s*(\w+),\s*(\w+),\s*"([^"]*)",\s*"([^"]*)",\s*(true|false)\)', line)
    if m:
        table.append(("keyword", m.group(2), [m.group(3), m.group(4)], m.group(5) == "true"))
        continue
    m = re.match(r'BUD_PUNCT\(\s*(\w+),\s*(\w+),\s*"([^"]*)",\s*"([^"]*)"\)', line)
    if m:
        table.append(("punct", m.group(2), [s for s in (m.group(3), m.group(4)) if s], False))
        continue
    m = re.match(r'BUD_TOKEN\(\s*(\w+),\s*(\w+),', line)
    if m:
        table.append(("token", m.group(2), [], False))



def g4_rules(text):
    """The rules of a grammar as (is_fragment, name, body), comments removed; quotes and
    character sets are kept whole, so a ';' or '//' inside them is no rule's end."""
    out, rule, i = [], "", 0
    while i < len(text):
        c = text[i]
        if text.startswith("//", i):
            i = text.find("\n", i)
            i = len(text) if i < 0 else i
            continue
        if c in "'[":
            close = "'" if c == "'" else "]"
            j = i + 1
            while j < len(text) and text[j] != close:
                j += 2 if text[j] == "\\" else 1
            rule += text[i:j + 1]
            i = j + 1
            continue
        if c == ";":
            m = re.match(r"\s*(fragment\s+)?(\w+)\s*:(.*)", rule, re.S)
            if m:
                out.append((bool(m.group(1)), m.group(2), m.group(3)))
            rule = ""
        else:
            rule += c
        i += 1
    return out


lexer = (root / "grammar/BudLexer.g4").read_text(encoding="utf-8")
token_rules = [(name, body) for frag, name, body in g4_rules(lexer)
               if not frag and name[0].isupper() and name not in ("lexer", "grammar")]
if [n for n, _ in token_rules] != [t[1] for t in table]:
    failures.append("BudLexer.g4's token rules and tokens.def differ:\n  grammar: "
                    + " ".join(n for n, _ in token_rules) + "\n  table:   "
                    + " ".join(t[1] for t in table))
bodies = dict(token_rules)
for kind, name, spellings, _ in table:
    if kind == "token" or name not in bodies:
        continue
    literals = re.findall(r"'((?:\\.|[^'\\])*)'", bodies[name])
    alternatives = [a.strip() for a in bodies[name].split("|")]
    if sorted(literals) != sorted(spellings) or len(alternatives) != len(spellings):
        failures.append(f"{name}: the grammar spells {literals}, tokens.def {spellings}")

parser = (root / "grammar/BudParser.g4").read_text(encoding="utf-8")
nouns_body = dict((n, b) for _, n, b in g4_rules(parser)).get("nounKeyword", "")
nouns_grammar = set(re.findall(r"KW_\w+", nouns_body))
nouns_table = {t[1] for t in table if t[0] == "keyword" and t[3]}
if nouns_grammar != nouns_table:
    failures.append(f"nounKeyword in BudParser.g4 and the Noun keywords of tokens.def differ: "
                    f"only in the grammar {sorted(nouns_grammar - nouns_table)}, "
                    f"only in the table {sorted(nouns_table - nouns_grammar)}")

docs = (root / "docs/language.md").read_text(encoding="utf-8")
section = docs[docs.index("## 4. Keywords"):]
section = section[:section.index("\n## ", 5)] if "\n## " in section[5:] else section
pairs = set()
for row in section.splitlines():
    cells = [c.strip() for c in row.strip().strip("|").split("|")]
    for i in range(0, len(cells) - 1, 3 if len(cells) > 3 else 2):
        zh, en = cells[i], cells[i + 1]
        if zh and en and not set(zh) <= set("-") and zh != "Chinese":
            pairs.add((zh, en))
keywords = {(t[2][1], t[2][0]) for t in table if t[0] == "keyword"}
if pairs != keywords:
    failures.append(f"docs/language.md's keyword table and tokens.def differ: only in the docs "
                    f"{sorted(pairs - keywords)}, only in the table {sorted(keywords - pairs)}")

generated = (gen / "BudParser.cpp").read_text(encoding="utf-8")
if "adaptivePredict" in generated:
    failures.append("the generated parser calls adaptivePredict: a decision of BudParser.g4 is not LL(1)")

grammars = re.sub(r"\s+", " ", lexer + "\n" + parser)
for page in sorted((root / "docs").rglob("*.md")):
    for excerpt in re.findall(r"```antlr\n(.*?)```", page.read_text(encoding="utf-8"), re.S):
        for stmt in [s for s in re.split(r"(?<=;)\s*\n", excerpt.strip()) if s.strip()]:
            if re.sub(r"\s+", " ", stmt.strip()) not in grammars:
                failures.append(f"{page.relative_to(root)}: this grammar excerpt is not in grammar/*.g4:\n{stmt}")

for f in failures:
    print(f)
if failures:
    sys.exit(1)
print(f"tokens.def agrees with the grammars and docs/language.md ({len(table)} kinds); the parser is LL(1)")
