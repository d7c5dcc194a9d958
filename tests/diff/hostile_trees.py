#!/usr/bin/env python3
"""budc diff REV1 REV2 writes only inside its own temporary directory, whatever the trees hold.

    hostile_trees.py BUDC WORK_DIR

In a throwaway repository, commits are made with `git mktree` whose entries git itself
would never check out: a directory named `..` (so that the path of a .bud file climbs out of
any directory it is joined to), `.`, `.git`, `GIT~1`, an empty name, and a link named x.bud
that leads out of the tree. For each, `budc diff HEAD BAD` must exit 2 naming the entry, and
no file may appear outside budc's temporary directory (the file the `..` entries would
write is looked for where it would land). Besides: a missing revision is named, `-- PATH`
that names nothing is an error, a revision that looks like an option is refused, and a
well-formed pair still compares (exit 1 with the change). Every budc run has a timeout.
"""
import os
import pathlib
import shutil
import subprocess
import sys

BUDGET = "预算 2024 { 金额单位 万元 }\n收入 {\n  一般公共预算拨款 1.00\n}\n基本支出 2010301 行政运行 {\n  30101 基本工资 1.00\n}\n"


def main(budc, work):
    budc = str(pathlib.Path(budc).resolve())
    work = pathlib.Path(work).resolve()
    shutil.rmtree(work, ignore_errors=True)
    repo = work / "repo"
    repo.mkdir(parents=True)
    env = dict(os.environ, HOME=str(work), LANG="C.UTF-8", GIT_AUTHOR_NAME="t",
               GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.org")
    # budc's temporary directories go to a TMPDIR of this test's own, so that those of a test
    # run beside it (ctest -j) are not counted as left behind.
    (work / "tmp").mkdir()
    env["TMPDIR"] = str(work / "tmp")
    failures = []

    def git(*args, stdin=None):
        r = subprocess.run(["git"] + list(args), cwd=repo, env=env, input=stdin,
                           capture_output=True, text=True)
        if r.returncode:
            sys.exit("git %s failed: %s" % (" ".join(args), r.stderr))
        return r.stdout.strip()

    def budc_diff(*args):
        return subprocess.run([budc, "diff"] + list(args), cwd=repo, env=env,
                              capture_output=True, text=True, timeout=120)

    tmp = work / "tmp"
    before = set(tmp.glob("budc-diff-*"))
    git("init", "-q")
    (repo / "ws").mkdir()
    (repo / "ws" / "budget.bud").write_text(BUDGET, encoding="utf-8")
    git("add", "-A")
    git("commit", "-q", "-m", "budget")

    # The file a climbing entry would write: named uniquely, looked for wherever the joined
    # path could land (the temporary directory's parents up to /).
    marker = "budc-escaped-%d.bud" % os.getpid()
    blob = git("hash-object", "-w", "--stdin", stdin='说明 x "written outside"\n')

    def tree(*entries):
        return git("mktree", stdin="".join("%s %s %s\t%s\n" % e for e in entries))

    def commit(t):
        return git("commit-tree", t, "-m", "hostile")

    climb = tree(("100644", "blob", blob, marker))
    for _ in range(8):  # ../../../../../../../../marker: past /tmp/budc-diff-XXXX/old to /
        climb = tree(("040000", "tree", climb, ".."))
    link = git("hash-object", "-w", "--stdin", stdin="../../../../../../../etc/hostname")
    cases = {
        "..": commit(tree(("040000", "tree", climb, "ws"))),
        ".": commit(tree(("040000", "tree", tree(("100644", "blob", blob, "a.bud")), "."))),
        ".git": commit(tree(("040000", "tree", tree(("100644", "blob", blob, "config.bud")), ".git"))),
        "GIT~1": commit(tree(("040000", "tree", tree(("100644", "blob", blob, "x.bud")), "GIT~1"))),
        "empty": commit(tree(("100644", "blob", blob, ""))),
        "link": commit(tree(("040000", "tree", tree(("120000", "blob", link, "x.bud")), "ws"))),
    }
    places = [tmp / marker, tmp.parent / marker, pathlib.Path("/") / marker, work / marker,
              repo / marker, repo.parent.parent / marker]
    # (git ls-tree itself refuses to list an empty name.)
    wants = {"..": "'..'", ".": "'.'", ".git": "'.git'", "GIT~1": "'GIT~1'", "empty": "cannot list",
             "link": "links outside the revision"}
    for name, rev in cases.items():
        runs = [("HEAD", rev), (rev, "HEAD")]
        if name in ("..", "link"):  # under ws/: a path selects them too
            runs.append(("HEAD", rev, "--", "ws"))
        for args in runs:
            r = budc_diff(*args)
            written = "nothing of it was written" in r.stderr or name == "empty"
            if r.returncode != 2 or wants[name] not in r.stderr or not written:
                failures.append("budc diff %s (%s entry): exit %d, %r" % (" ".join(args), name, r.returncode, r.stderr))
        for p in places:
            if p.exists():
                failures.append("the %s entry wrote %s" % (name, p))
                p.unlink()
    left = set(tmp.glob("budc-diff-*")) - before
    if left:
        failures.append("temporary directories left behind: %s" % sorted(map(str, left)))

    # A missing revision is named; so is an option in disguise; a path that names nothing.
    r = budc_diff("HEAD", "no-such-rev")
    if r.returncode != 2 or "'no-such-rev' is neither a path nor a revision" not in r.stderr:
        failures.append("missing second revision: exit %d, %r" % (r.returncode, r.stderr))
    r = budc_diff("no-such-rev", "HEAD", "--", "ws")
    if r.returncode != 2 or "'no-such-rev'" not in r.stderr or "HEAD" in r.stderr:
        failures.append("missing first revision: exit %d, %r" % (r.returncode, r.stderr))
    r = budc_diff("--", "--output=/tmp/x", "HEAD")
    if r.returncode != 2 or "'--output=/tmp/x' is neither a path nor a revision" not in r.stderr:
        failures.append("an option as a revision: exit %d, %r" % (r.returncode, r.stderr))
    r = budc_diff("HEAD", "HEAD", "--", "nosuchpath")
    if r.returncode != 2 or "'nosuchpath' names nothing in 'HEAD' or 'HEAD'" not in r.stderr:
        failures.append("-- nosuchpath: exit %d, %r" % (r.returncode, r.stderr))
    r = budc_diff("HEAD", "HEAD", "--", "../outside")
    if r.returncode != 2 or "outside the repository" not in r.stderr:
        failures.append("-- ../outside: exit %d, %r" % (r.returncode, r.stderr))

    # Still working: a real change between two good revisions.
    (repo / "ws" / "budget.bud").write_text(BUDGET.replace("1.00", "2.00"), encoding="utf-8")
    git("commit", "-q", "-am", "two")
    for args in [("HEAD~1", "HEAD"), ("HEAD~1", "HEAD", "--", "ws"), ("HEAD~1", "HEAD", "--", "ws/budget.bud")]:
        r = budc_diff(*args)
        if r.returncode != 1 or "1.00 → 2.00" not in r.stdout:
            failures.append("budc diff %s: exit %d, %r %r" % (" ".join(args), r.returncode, r.stdout, r.stderr))

    if failures:
        for f in failures:
            print(f)
        sys.exit(1)
    print("hostile trees (.., ., .git, GIT~1, empty names, links out) are refused by name and "
          "write nothing outside; missing revisions and empty paths are errors")


if __name__ == "__main__":
    main(*sys.argv[1:])
