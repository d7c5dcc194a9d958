#!/usr/bin/env python3
"""Runs a tutorial (docs/zh/tutorial.md) as a reader would, so that it stays true to budc.

Every fenced block of the page carries a marker, an HTML comment on the line before it (the
reader does not see it), that says what the test does with it:

  <!-- test: file PATH -->       the block is the whole text of PATH (written)
  <!-- test: append PATH -->     the block is added at the end of PATH, after a blank line
  <!-- test: run -->             a console block: each `$ COMMAND` line is run with bash in the
                                 tutorial's folder and must print exactly the lines under it
                                 (standard output and error together, trailing spaces ignored);
                                 `run status=N`: the last command must exit with N
  <!-- test: same-as FILE -->    the block stands word for word in FILE of the repository (the
                                 editor configurations docs/workflow.md holds and tests/lsp runs)
  <!-- test: vscode-settings --> a JSON object whose budc.* keys the extension declares
  <!-- test: hover PATH | TEXT -->   what `budc lsp` shows on hovering the first character of
                                     the first TEXT in PATH (its Markdown, as an editor gets it)
  <!-- test: complete PATH | AFTER | TYPED -->   the labels `budc lsp` offers, one a line, when
                                     TYPED is typed on a new line after the first line that
                                     holds AFTER (the file on disk is not changed)

and a marker without a block:

  <!-- test: replace PATH | OLD | NEW -->   the edit the text asks for: OLD, which must occur
                                           exactly once in PATH, becomes NEW

A block without a marker, or a marker without its block, is an error: nothing on the page goes
untested. The commands run with budc's directory first on PATH, LANG=zh_CN.UTF-8 (no LC_ALL,
LC_MESSAGES), a private HOME and git configuration, in a fresh folder.

usage: tutorial.py [--update] BUDC SOURCE_DIR WORK_DIR [PAGE.md]

--update writes what the commands print (and budc lsp answers) into the page instead of comparing
(read the diff before committing it).
"""

import difflib
import json
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lsp"))
from lspclient import Client, uri  # noqa: E402

MARKER = re.compile(r"^<!--\s*test:\s*(.*?)\s*-->\s*$")
FENCE = re.compile(r"^(`{3,})\s*([\w.+-]*)\s*$")


def fail(page, line, message):
    print(f"{page}:{line}: {message}")
    sys.exit(1)


def blocks(page, text):
    """Yields (line, directive, language, body or None) in page order."""
    lines = text.split("\n")
    pending = None  # (line, directive) of a marker waiting for its block
    i = 0
    while i < len(lines):
        line = lines[i]
        m = MARKER.match(line)
        if m:
            if pending:
                yield pending[0], pending[1], None, None
            pending = (i + 1, m.group(1))
            i += 1
            continue
        f = FENCE.match(line)
        if f:
            start = i + 1
            body = []
            i += 1
            while i < len(lines) and lines[i].strip() != f.group(1):
                body.append(lines[i])
                i += 1
            if i == len(lines):
                fail(page, start, "unclosed fenced block")
            if not pending or pending[0] != start - 1:
                fail(page, start, "a fenced block without a test marker on the line before it")
            yield start, pending[1], f.group(2), "\n".join(body) + "\n"
            pending = None
            i += 1
            continue
        if pending and line.strip():
            yield pending[0], pending[1], None, None
            pending = None
        i += 1
    if pending:
        yield pending[0], pending[1], None, None


def inside(work, path, page, line):
    full = os.path.normpath(os.path.join(work, path))
    if not full.startswith(work + os.sep):
        fail(page, line, f"{path} leaves the tutorial's folder")
    return full


def run_console(page, line, body, status, env, work, update):
    """Runs the block's commands; returns the block as budc prints it."""
    commands = []  # (line, command, expected lines)
    for n, text in enumerate(body.rstrip("\n").split("\n")):
        if text.startswith("$ "):
            commands.append((line + 1 + n, text[2:], []))
        elif not commands:
            fail(page, line + 1 + n, "output before the first `$ ` command")
        else:
            commands[-1][2].append(text)
    if not commands:
        fail(page, line, "a console block without a command")
    printed = []
    for n, (at, command, expected) in enumerate(commands):
        proc = subprocess.run(["bash", "-c", command], cwd=work, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
        got = [l.rstrip() for l in proc.stdout.decode("utf-8", "replace").split("\n")]
        want = [l.rstrip() for l in expected]
        while got and not got[-1]:
            got.pop()
        while want and not want[-1]:
            want.pop()
        printed += ["$ " + command] + got
        if got != want and not update:
            diff = "\n".join(difflib.unified_diff(want, got, "the page", "budc", lineterm=""))
            fail(page, at, f"`{command}` printed something else:\n{diff}")
        if status is not None and n == len(commands) - 1 and proc.returncode != status:
            fail(page, at, f"`{command}` exited with {proc.returncode}, not {status}")
        if status is None and proc.returncode not in (0, 1):
            fail(page, at, f"`{command}` exited with {proc.returncode}")
    return "\n".join(printed) + "\n"


def u16(text):
    """The length of text in UTF-16 code units (LSP positions)."""
    return len(text.encode("utf-16-le")) // 2


def ask_server(budc, env, page, line, verb, full, args):
    """What budc lsp answers, as the page shows it: a hover's Markdown or completion labels."""
    with open(full, encoding="utf-8") as f:
        text = f.read()
    client = Client(budc, env=env, cwd=os.path.dirname(full))
    try:
        client.initialize(root=os.path.dirname(full), locale="zh-CN")
        client.open(full, text)
        if verb == "hover":
            if args[0] not in text:
                fail(page, line, f"'{args[0]}' is not in {full}")
            at = text.index(args[0]) + 1
            before = text[:at]
            pos = {"line": before.count("\n"), "character": u16(before[before.rfind("\n") + 1:])}
            r = client.result("textDocument/hover",
                              {"textDocument": {"uri": uri(full)}, "position": pos})
            answer = (r["contents"]["value"] if r else "").rstrip("\n") + "\n"
        else:
            lines = text.split("\n")
            n = next((i for i, l in enumerate(lines) if args[0] in l), None)
            if n is None:
                fail(page, line, f"no line of {full} holds '{args[0]}'")
            lines.insert(n + 1, args[1])
            client.notify("textDocument/didChange", {
                "textDocument": {"uri": uri(full), "version": 2},
                "contentChanges": [{"text": "\n".join(lines)}]})
            r = client.result("textDocument/completion", {
                "textDocument": {"uri": uri(full)},
                "position": {"line": n + 1, "character": u16(args[1])}})
            items = r["items"] if isinstance(r, dict) else (r or [])
            answer = "".join(i["label"] + "\n" for i in items)
        client.shutdown()
        return answer
    finally:
        client.close()


def main():
    args = sys.argv[1:]
    update = args[:1] == ["--update"]
    if update:
        args = args[1:]
    if len(args) not in (3, 4):
        print(__doc__)
        return 2
    budc, source, work = (os.path.abspath(a) for a in args[:3])
    page = os.path.abspath(args[3]) if len(args) == 4 else os.path.join(source, "docs/zh/tutorial.md")
    shutil.rmtree(work, ignore_errors=True)
    home = os.path.join(work, "home")
    work = os.path.join(work, "预算")
    os.makedirs(home)
    os.makedirs(work)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("LC_", "GIT_")) and k not in ("LANG", "LANGUAGE")}
    env.update({
        "PATH": os.path.dirname(budc) + os.pathsep + env.get("PATH", "/usr/bin:/bin"),
        "LANG": "zh_CN.UTF-8", "HOME": home, "XDG_CONFIG_HOME": os.path.join(home, ".config"),
        "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.path.join(home, ".gitconfig"),
        "GIT_AUTHOR_NAME": "张会计", "GIT_AUTHOR_EMAIL": "zhang@example.cn",
        "GIT_COMMITTER_NAME": "张会计", "GIT_COMMITTER_EMAIL": "zhang@example.cn",
        "NO_COLOR": "1",
    })
    with open(page, encoding="utf-8") as f:
        text = f.read()
    rel = os.path.relpath(page, source)
    with open(os.path.join(source, "editors/vscode/package.json"), encoding="utf-8") as f:
        settings = f.read()
    counts = {}
    updates = {}  # first line of a console block -> its new body
    for line, directive, lang, body in blocks(rel, text):
        verb, _, rest = directive.partition(" ")
        counts[verb] = counts.get(verb, 0) + 1
        if verb == "replace":
            if body is not None:
                fail(rel, line, "replace takes no block")
            parts = [p.strip() for p in rest.split("|")]
            if len(parts) != 3:
                fail(rel, line, "replace PATH | OLD | NEW")
            full = inside(work, parts[0], rel, line)
            with open(full, encoding="utf-8") as f:
                old = f.read()
            if old.count(parts[1]) != 1:
                fail(rel, line, f"'{parts[1]}' occurs {old.count(parts[1])} times in {parts[0]}")
            with open(full, "w", encoding="utf-8") as f:
                f.write(old.replace(parts[1], parts[2]))
            continue
        if body is None:
            fail(rel, line, f"the marker '{directive}' has no fenced block after it")
        if verb in ("file", "append"):
            full = inside(work, rest, rel, line)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            if verb == "append":
                if not os.path.exists(full):
                    fail(rel, line, f"append to {rest}, which does not exist yet")
                with open(full, "a", encoding="utf-8") as f:
                    f.write("\n" + body)
            else:
                with open(full, "w", encoding="utf-8") as f:
                    f.write(body)
        elif verb == "run":
            m = re.fullmatch(r"(?:status=(\d+))?", rest)
            if not m:
                fail(rel, line, "run [status=N]")
            new = run_console(rel, line, body, int(m.group(1)) if m.group(1) else None, env,
                              work, update)
            if new != body:
                updates[line] = new
        elif verb in ("hover", "complete"):
            parts = [p.strip() for p in rest.split("|")]
            if len(parts) != (2 if verb == "hover" else 3):
                fail(rel, line, "hover PATH | TEXT, complete PATH | AFTER | TYPED")
            new = ask_server(budc, env, rel, line, verb, inside(work, parts[0], rel, line),
                             parts[1:])
            if new != body:
                if not update:
                    diff = "\n".join(difflib.unified_diff(body.split("\n"), new.split("\n"),
                                                           "the page", "budc lsp", lineterm=""))
                    fail(rel, line, f"budc lsp answers something else:\n{diff}")
                updates[line] = new
        elif verb == "same-as":
            with open(os.path.join(source, rest), encoding="utf-8") as f:
                if body not in f.read():
                    fail(rel, line, f"this block is not in {rest} as it stands")
        elif verb == "vscode-settings":
            try:
                keys = json.loads(body)
            except json.JSONDecodeError as e:
                fail(rel, line, f"not JSON: {e}")
            for key in keys:
                if key.startswith("budc.") and f'"{key}"' not in settings:
                    fail(rel, line, f"the extension declares no setting {key}")
        else:
            fail(rel, line, f"unknown marker '{directive}'")
    if updates:
        lines = text.split("\n")
        for start in sorted(updates, reverse=True):
            fence = FENCE.match(lines[start - 1]).group(1)
            end = start
            while lines[end].strip() != fence:
                end += 1
            lines[start:end] = updates[start].rstrip("\n").split("\n")
        with open(page, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        print(f"{rel}: {len(updates)} blocks rewritten")
    if not counts.get("run"):
        fail(rel, 1, "no command was run")
    print(f"{rel}: " + ", ".join(f"{n} {v}" for v, n in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
