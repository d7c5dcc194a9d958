#!/usr/bin/python3
"""The pre-commit hooks in a throwaway git repository, with Debian's pre-commit.

    precommit.py BUDC SOURCE_ROOT WORK_DIR

Builds a repository holding the example under budgets/, configures the hooks that
.pre-commit-hooks.yaml offers (as a local repo, so the definitions under test are the ones in
the source tree), installs them with `pre-commit install`, and shows:
  1. the first commit of the (clean) example is accepted;
  2. a commit that changes one amount by 0.01 is rejected, with budc's diagnostic, although
     the sum it breaks is in other files of the workspace;
  3. a commit with a badly laid out but correct file is rejected by budc-fmt, which formats
     it; committing the formatted file is accepted;
  4. the plain-git recipe: `git show :PATH | budc check --stdin --stdin-filename PATH` checks
     the staged text, not the work tree.
"""
import os
import pathlib
import shutil
import subprocess
import sys

import yaml


def main(budc, root, work):
    root, work = pathlib.Path(root).resolve(), pathlib.Path(work).resolve()
    budc = str(pathlib.Path(budc).resolve())
    shutil.rmtree(work, ignore_errors=True)
    repo = work / "repo"
    (repo / "budgets").mkdir(parents=True)
    shutil.copytree(root / "examples/xigang-2024", repo / "budgets/xigang-2024")
    env = dict(os.environ, PATH=str(pathlib.Path(budc).parent) + os.pathsep + os.environ["PATH"],
               PRE_COMMIT_HOME=str(work / "cache"), HOME=str(work), LANG="C.UTF-8",
               GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")

    def sh(*args, check=True):
        r = subprocess.run(list(args), cwd=repo, env=env, capture_output=True, text=True)
        if check and r.returncode:
            sys.exit("%s failed (%d):\n%s%s" % (" ".join(args), r.returncode, r.stdout, r.stderr))
        return r

    hooks = yaml.safe_load(open(root / ".pre-commit-hooks.yaml"))
    ids = [h["id"] for h in hooks]
    if ids != ["budc-check", "budc-fmt"]:
        sys.exit(".pre-commit-hooks.yaml offers %s" % ids)
    with open(repo / ".pre-commit-config.yaml", "w") as f:
        yaml.safe_dump({"repos": [{"repo": "local", "hooks": hooks}]}, f, allow_unicode=True)
    sh("git", "init", "-q")
    sh("pre-commit", "install")
    failures = []

    sh("git", "add", "-A")
    r = sh("git", "commit", "-q", "-m", "the 2024 budget", check=False)
    if r.returncode:
        failures.append("1. the clean example was rejected:\n" + r.stdout + r.stderr)

    basic = repo / "budgets/xigang-2024/basic.bud"
    clean = basic.read_text(encoding="utf-8")
    basic.write_text(clean.replace("308.98", "308.99"), encoding="utf-8")
    sh("git", "add", "-A")
    r = sh("git", "commit", "-q", "-m", "a wrong amount", check=False)
    out = r.stdout + r.stderr
    if r.returncode == 0 or "[BUD301]" not in out or "budget.bud" not in out:
        failures.append("2. the wrong amount was not rejected with BUD301 at the control "
                        "total in budget.bud:\n" + out)
    else:
        print("2. rejected:", next(l for l in out.splitlines() if "[BUD301]" in l))
    basic.write_text(clean, encoding="utf-8")
    sh("git", "add", "-A")

    messy = clean.replace("  30101 基本工资", "      30101   基本工资", 1)
    basic.write_text(messy, encoding="utf-8")
    sh("git", "add", "-A")
    r = sh("git", "commit", "-q", "-m", "messy layout", check=False)
    if r.returncode == 0 or basic.read_text(encoding="utf-8") != clean:
        failures.append("3. budc-fmt did not reject and reformat the messy file:\n" + r.stdout + r.stderr)
    sh("git", "add", "-A")
    r = sh("git", "commit", "-q", "--allow-empty", "-m", "formatted", check=False)
    if r.returncode:
        failures.append("3. the formatted file was rejected:\n" + r.stdout + r.stderr)

    # 4. Staged text differs from the work tree: the staged one is checked.
    basic.write_text(clean.replace("308.98", "308.99"), encoding="utf-8")
    sh("git", "add", "-A")
    basic.write_text(clean, encoding="utf-8")  # the work tree is fine, the index is not
    staged = sh("git", "show", ":budgets/xigang-2024/basic.bud").stdout
    r = subprocess.run([budc, "check", "-q", "--stdin", "--stdin-filename",
                        "budgets/xigang-2024/basic.bud"], cwd=repo, env=env, input=staged,
                       capture_output=True, text=True)
    if r.returncode != 1 or "[BUD301]" not in r.stderr:
        failures.append("4. --stdin did not check the staged text:\n" + r.stderr)
    r = subprocess.run([budc, "check", "-q", "budgets/xigang-2024"], cwd=repo, env=env,
                       capture_output=True, text=True)
    if r.returncode != 0:
        failures.append("4. the work tree should check clean:\n" + r.stderr)

    if failures:
        for f in failures:
            print(f)
        sys.exit(1)
    print("pre-commit %s: clean commit accepted, wrong amount rejected, layout fixed by "
          "budc-fmt, staged text checked with --stdin" % sh("pre-commit", "--version").stdout.split()[-1])


if __name__ == "__main__":
    main(*sys.argv[1:])
