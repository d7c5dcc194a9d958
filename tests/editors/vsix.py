#!/usr/bin/env python3
"""The VS Code extension, packaged with the pinned @vscode/vsce as the test command builds it.

    vsix.py SOURCE_DIR WORK_DIR

Runs `vsce package` in editors/vscode (its node_modules from `npm ci`, as scripts/test.sh
installs them) into WORK_DIR/budc-VERSION.vsix, then reads the package back: the manifest,
the client, the grammar and language configuration the source holds, the language client
library with its own dependencies, and none of the development tools."""
import json
import pathlib
import subprocess
import sys
import zipfile

SRC, WORK = pathlib.Path(sys.argv[1]).resolve(), pathlib.Path(sys.argv[2]).resolve()
EXT = SRC / "editors" / "vscode"
VSCE = EXT / "node_modules" / ".bin" / "vsce"
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


if not VSCE.exists():
    print(f"{VSCE} is missing: run `npm ci` in editors/vscode (scripts/test.sh does)")
    sys.exit(1)
manifest = json.loads((EXT / "package.json").read_text(encoding="utf-8"))
WORK.mkdir(parents=True, exist_ok=True)
vsix = WORK / f"budc-{manifest['version']}.vsix"
vsix.unlink(missing_ok=True)
run = subprocess.run([str(VSCE), "package", "--out", str(vsix), "--skip-license",
                      "--allow-missing-repository"], cwd=EXT, capture_output=True, text=True,
                     stdin=subprocess.DEVNULL)
print(run.stdout[-3000:], run.stderr[-3000:])
check(run.returncode == 0 and vsix.exists(), "vsce package builds the .vsix")
if vsix.exists():
    with zipfile.ZipFile(vsix) as z:
        names = set(z.namelist())
        for f in ("extension/package.json", "extension/extension.js", "extension/README.md",
                  "extension/language-configuration.json", "extension/syntaxes/bud.tmLanguage.json",
                  "extension/node_modules/vscode-languageclient/node.js",
                  "extension/node_modules/vscode-languageclient/lib/node/main.js",
                  "extension/node_modules/vscode-jsonrpc/package.json",
                  "extension/node_modules/vscode-languageserver-protocol/package.json",
                  "extension.vsixmanifest"):
            check(f in names, f"the package holds {f}")
        for dev in ("node_modules/@vscode/vsce/", "node_modules/vscode-tmgrammar-test/"):
            check(not any(dev in n for n in names), f"the package leaves out {dev}")
        packed = json.loads(z.read("extension/package.json"))
        check(packed["contributes"] == manifest["contributes"], "the manifest's contributions as written")
        check(packed["main"] == "./extension.js" and packed["activationEvents"] == ["onLanguage:bud"],
              "the extension starts on a .bud file")
        for f in ("syntaxes/bud.tmLanguage.json", "language-configuration.json", "extension.js"):
            check(z.read("extension/" + f) == (EXT / f).read_bytes(), f"{f} as in the source")
        conf = json.loads(z.read("extension/language-configuration.json"))
        check(conf["comments"]["lineComment"] == "//", "line comments are //")
        check({"open": '"""', "close": '"""', "notIn": ["string", "comment"]} in conf["autoClosingPairs"],
              'a """ text block closes itself')
        check(["{", "}"] in conf["brackets"] and ["[", "]"] in conf["brackets"], "the brackets")
        grammar = json.loads(z.read("extension/syntaxes/bud.tmLanguage.json"))
        check(grammar["scopeName"] == "source.bud", "the grammar's scope")
        xml = z.read("extension.vsixmanifest").decode()
        check('Id="budc"' in xml and 'Publisher="budc"' in xml, "the VSIX manifest names the extension")
# The client parses (no VS Code here to run it in).
run = subprocess.run(["node", "--check", str(EXT / "extension.js")], capture_output=True, text=True)
check(run.returncode == 0, f"extension.js parses: {run.stderr}")
if failures:
    sys.exit(1)
print(f"built and checked {vsix}")
