#!/usr/bin/env python3
"""budc diff inside git: as the diff driver of *.bud files, and between revisions.

    git.py BUDC SOURCE_ROOT WORK_DIR

In a throwaway repository holding the example: `budc git-setup` writes diff.bud.command,
.gitattributes marks *.bud diff=bud, and then
  - `git diff` of a changed amount shows budc's report (git's external-diff arguments,
    the file's workspace for context) and exits 0;
  - a change of layout alone shows "no semantic change";
  - a new file (old side /dev/null) is reported and git still exits 0;
  - `budc diff HEAD~1 HEAD -- PATH` compares two revisions, from the top and from a
    subdirectory.
"""
import os
import pathlib
import shutil
import subprocess
import sys


def main(budc, root, work):
    budc = str(pathlib.Path(budc).resolve())
    root, work = pathlib.Path(root).resolve(), pathlib.Path(work).resolve()
    shutil.rmtree(work, ignore_errors=True)
    repo = work / "repo"
    (repo / "budgets").mkdir(parents=True)
    shutil.copytree(root / "examples/xigang-2024", repo / "budgets/xigang-2024")
    env = dict(os.environ, PATH=str(pathlib.Path(budc).parent) + os.pathsep + os.environ["PATH"],
               HOME=str(work), LANG="C.UTF-8", GIT_AUTHOR_NAME="t",
               GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.org", GIT_PAGER="cat")
    failures = []

    def sh(*args, cwd=repo, check=True):
        r = subprocess.run(list(args), cwd=cwd, env=env, capture_output=True, text=True)
        if check and r.returncode:
            sys.exit("%s failed (%d):\n%s%s" % (" ".join(args), r.returncode, r.stdout, r.stderr))
        return r

    sh("git", "init", "-q")
    r = sh("budc", "git-setup")
    if sh("git", "config", "diff.bud.command").stdout.strip() != "budc diff":
        failures.append("git-setup did not write diff.bud.command")
    if "*.bud diff=bud" not in r.stdout:
        failures.append("git-setup does not tell about .gitattributes")
    (repo / ".gitattributes").write_text("*.bud diff=bud\n")
    sh("git", "add", "-A")
    sh("git", "commit", "-q", "-m", "2024")

    basic = repo / "budgets/xigang-2024/basic.bud"
    clean = basic.read_text(encoding="utf-8")
    # Move 1.00 from 津贴补贴 to 基本工资: the totals stay, two lines change.
    changed = clean.replace("308.98", "309.98").replace("206.42", "205.42")
    basic.write_text(changed, encoding="utf-8")
    r = sh("git", "diff", check=False)
    if r.returncode != 0:
        failures.append("git diff exited %d:\n%s" % (r.returncode, r.stderr))
    out = r.stdout
    for want in ["budc diff a/budgets/xigang-2024/basic.bud → b/budgets/xigang-2024/basic.bud",
                 "changed  基本支出 2010301 行政运行 × 30101 基本工资 · 一般公共预算拨款: 308.98 → 309.98 (+1.00)",
                 "changed  30102 津贴补贴: 206.42 → 205.42 (-1.00)"]:
        if want not in out:
            failures.append("git diff does not show %r:\n%s" % (want, out))
    if "Disclosure tables" in out:
        failures.append("moving money between lines changed a table total:\n" + out)

    basic.write_text(clean.replace("  30101 基本工资", "      30101   基本工资", 1), encoding="utf-8")
    out = sh("git", "diff").stdout
    if "no semantic change" not in out:
        failures.append("a layout change is not 'no semantic change':\n" + out)

    extra = repo / "budgets/xigang-2024/extra.bud"
    extra.write_text("说明 补充 \"新增的说明。\"\n", encoding="utf-8")
    sh("git", "add", "-N", str(extra))
    r = sh("git", "diff", "--", "budgets/xigang-2024/extra.bud", check=False)
    if r.returncode != 0 or "added  说明 补充: 新增的说明。" not in r.stdout:
        failures.append("a new file: git diff exited %d:\n%s%s" % (r.returncode, r.stdout, r.stderr))
    extra.unlink()
    sh("git", "reset", "-q")

    basic.write_text(changed, encoding="utf-8")
    sh("git", "commit", "-q", "-am", "move 1.00")
    for cwd, path in [(repo, "budgets/xigang-2024"), (repo / "budgets", "xigang-2024")]:
        r = sh("budc", "diff", "HEAD~1", "HEAD", "--", path, cwd=cwd, check=False)
        if r.returncode != 1 or "30101 基本工资: 308.98 → 309.98 (+1.00)" not in r.stdout:
            failures.append("budc diff HEAD~1 HEAD -- %s in %s exited %d:\n%s%s"
                            % (path, cwd, r.returncode, r.stdout, r.stderr))
    r = sh("budc", "diff", "HEAD", "HEAD", "--", "budgets", check=False)
    if r.returncode != 0 or "no semantic change" not in r.stdout:
        failures.append("budc diff HEAD HEAD: %d\n%s%s" % (r.returncode, r.stdout, r.stderr))

    if failures:
        for f in failures:
            print(f)
        sys.exit(1)
    print("git diff uses budc diff for *.bud (exit 0), layout-only changes are no semantic "
          "change, revisions compare from the top and from a subdirectory")


if __name__ == "__main__":
    main(*sys.argv[1:])
