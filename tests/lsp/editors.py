#!/usr/bin/env python3
"""budc lsp in the real editors of Debian: Neovim's built-in client and Emacs with eglot.

    editors.py BUDC SOURCE_DIR WORK_DIR [nvim|emacs]...

The editors' configuration is the one docs/workflow.md gives (the fenced block after the
comment "tests/lsp/editors.py runs this block as …"), so the page stays true; budc is found on
PATH as the page assumes. Each editor runs its script (tests/lsp/nvim_test.lua headless,
tests/lsp/eglot_test.el in batch mode) on a fresh copy of the 西港镇 example: it receives the
diagnostics, hovers a function code, completes a code from its Chinese name, formats a file,
and breaks a total to see the errors appear in the other files. No timing is asserted; each
editor has minutes to finish."""
import os
import pathlib
import re
import shutil
import subprocess
import sys

BUDC = pathlib.Path(sys.argv[1]).resolve()
SRC, WORK = pathlib.Path(sys.argv[2]).resolve(), pathlib.Path(sys.argv[3]).resolve()
WHICH = sys.argv[4:] or ["nvim", "emacs"]
HERE = pathlib.Path(__file__).resolve().parent
doc = (SRC / "docs" / "workflow.md").read_text(encoding="utf-8")


def block(editor):
    m = re.search(r"<!-- tests/lsp/editors.py runs this block as %s's configuration -->\n```\w+\n(.*?)```"
                  % editor, doc, re.S)
    if not m:
        sys.exit(f"docs/workflow.md has no {editor} configuration block for this test")
    return m.group(1).replace("/path/to/budc", str(SRC))


def workspace(name):
    ws = WORK / name
    shutil.rmtree(ws, ignore_errors=True)
    shutil.copytree(SRC / "examples" / "xigang-2024", ws)
    return ws


env = dict(os.environ, PATH=f"{BUDC.parent}{os.pathsep}{os.environ.get('PATH', '')}",
           LANG="C.UTF-8", LC_ALL="C.UTF-8")
env.pop("LC_MESSAGES", None)
WORK.mkdir(parents=True, exist_ok=True)
home = WORK / "home"  # no user configuration of either editor is read
shutil.rmtree(home, ignore_errors=True)
home.mkdir()
env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), XDG_DATA_HOME=str(home / ".local/share"),
           XDG_STATE_HOME=str(home / ".local/state"), XDG_CACHE_HOME=str(home / ".cache"))
failed = []

if "nvim" in WHICH:
    init = WORK / "nvim-init.lua"
    init.write_text(block("Neovim"), encoding="utf-8")
    ws = workspace("nvim-ws")
    run = subprocess.run(["nvim", "--headless", "-i", "NONE", "-u", str(init),
                          "-c", f"luafile {HERE / 'nvim_test.lua'}"],
                         env=dict(env, BUDC_WS=str(ws)), capture_output=True, text=True, timeout=300,
                         stdin=subprocess.DEVNULL)
    print(run.stdout, run.stderr[-3000:])
    if run.returncode != 0 or "nvim: all checks passed" not in run.stdout:
        failed.append("nvim")

if "emacs" in WHICH:
    init = WORK / "emacs-init.el"
    init.write_text(block("Emacs"), encoding="utf-8")
    ws = workspace("emacs-ws")
    # Chinese from the environment (eglot sends no locale); Neovim's run stays in English.
    emacs_env = dict(env, BUDC_WS=str(ws), LC_MESSAGES="zh_CN.UTF-8")
    emacs_env.pop("LC_ALL")
    run = subprocess.run(["emacs", "--batch", "-l", str(init), "-l", str(HERE / "eglot_test.el")],
                         env=emacs_env, capture_output=True, text=True, timeout=300,
                         stdin=subprocess.DEVNULL)
    print(run.stdout, run.stderr[-6000:])
    if run.returncode != 0 or "emacs: all checks passed" not in run.stdout + run.stderr:
        failed.append("emacs")

if failed:
    print("failed in:", ", ".join(failed))
    sys.exit(1)
print("budc lsp works in", " and ".join(WHICH))
