#!/usr/bin/env python3
"""budc build -o DIR publishes its set whole; budc fmt writes through links and keeps modes.

    output_sets.py BUDC WORK_DIR

  1. A rebuild after a project is renamed leaves no table of the old name; nothing of budc's
     staging is left beside DIR or in it; DIR keeps its mode; a link to DIR stays a link.
  2. DIR holding a file budc did not write: the file stays, budc's older tables go.
  3. A project name of 85 characters builds in every format; the long file names are cut under
     200 bytes, the same in every build, one per table.
  4. A build that fails leaves the previous set exactly as it was, with the operating
     system's reason in BUD907: a parent directory that may not be written to (as root, the
     build runs as nobody), and a full disk (a small tmpfs, root only) for csv and xlsx, both
     for a DIR of budc's own and for one that holds other files.
  5. budc fmt through a symbolic link rewrites the target and leaves the link; a file of mode
     0600 stays 0600; as root, a file owned by nobody stays nobody's.
"""
import hashlib
import os
import stat
import subprocess
import sys

from privileges import run
import privileges

BUDGET = """预算 2024 { 金额单位 万元 }
部门 501 "测试部门" {
  单位 "测试部门本级" { 性质 行政 }
}
收入 {
  一般公共预算拨款 1.00
}
项目 13030224P00308P121121 NAME {
  功能科目 2010301
  经济科目 30299
  金额 1.00 一般公共预算拨款
}
"""
MESSY = "预算 2024 { 金额单位 万元 }\n收入 {\n    一般公共预算拨款 1.00\n}\n"


def snapshot(d):
    out = {}
    for name in sorted(os.listdir(d)):
        p = os.path.join(d, name)
        out[name] = hashlib.sha256(open(p, "rb").read()).hexdigest() if os.path.isfile(p) else "dir"
    return out


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def build(budc, src, out, fmt="csv", as_nobody=False):
    return run([budc, "build", "-q", "--lang=en", "-Wno-BUD408", "--format", fmt, src, "-o", out], as_nobody)


def main(budc, work):
    privileges.main(budc, work, "budc-output-sets-", check, lambda full:
                    "output sets are published whole (renames, foreign files, long names, "
                    "read-only parent%s); fmt writes through links and keeps mode%s"
                    % (", full disk" if full else "", " and owner" if os.geteuid() == 0 else ""))


def staging_left(d):
    return [n for n in os.listdir(d) if n.startswith(".budc-")]


def check(budc, work, root, failures):
    src = os.path.join(work, "budget.bud")
    # 1. Renamed project: no stale table; DIR's mode and a link to DIR are kept.
    write(src, BUDGET.replace("NAME", "旧项目"))
    out = os.path.join(work, "out")
    r = build(budc, src, out)
    if r.returncode:
        failures.append("first build: %d %s" % (r.returncode, r.stderr))
        return False
    os.chmod(out, 0o750)
    link = os.path.join(work, "link")
    os.symlink("out", link)
    write(src, BUDGET.replace("NAME", "新项目"))
    r = build(budc, src, link)
    names = os.listdir(out)
    if r.returncode or any("旧项目" in n for n in names) or not any("新项目" in n for n in names):
        failures.append("rebuild after a rename: %d %s %s" % (r.returncode, r.stderr, names))
    if staging_left(work) or staging_left(out):
        failures.append("staging left behind: %s %s" % (staging_left(work), staging_left(out)))
    if stat.S_IMODE(os.stat(out).st_mode) != 0o750 or not os.path.islink(link):
        failures.append("DIR's mode or the link to it changed: %o %s"
                        % (stat.S_IMODE(os.stat(out).st_mode), os.path.islink(link)))

    # 2. A file budc did not write stays; budc's older tables go.
    mixed = os.path.join(work, "mixed")
    os.makedirs(mixed)
    write(os.path.join(mixed, "README.txt"), "mine\n")
    write(os.path.join(mixed, "99-old-table.csv"), "old\n")
    r = build(budc, src, mixed)
    names = sorted(os.listdir(mixed))
    if r.returncode or "README.txt" not in names or "99-old-table.csv" in names \
            or not any("新项目" in n for n in names) or staging_left(mixed):
        failures.append("DIR with a file of its own: %d %s %s" % (r.returncode, r.stderr, names))

    # 3. An 85-character project name.
    long_name = ("长" * 40) + "项目名称" + ("名" * 41)
    assert len(long_name) == 85
    write(src, BUDGET.replace("NAME", long_name))
    for fmt in ["csv", "md", "json", "text", "html", "xlsx"]:
        d1, d2 = os.path.join(work, "long1-" + fmt), os.path.join(work, "long2-" + fmt)
        r1, r2 = build(budc, src, d1, fmt), build(budc, src, d2, fmt)
        if r1.returncode or r2.returncode:
            failures.append("85-character name, %s: %d %s" % (fmt, r1.returncode, r1.stderr))
            continue
        n1, n2 = sorted(os.listdir(d1)), sorted(os.listdir(d2))
        if n1 != n2 or any(len(n.encode()) > 200 for n in n1):
            failures.append("long names, %s: %s / %s" % (fmt, n1, n2))

    # 4a. A parent that may not be written to: the previous set stays, the reason is the OS's.
    write(src, BUDGET.replace("NAME", "项目甲"))
    parent = os.path.join(work, "ro")
    ro_out = os.path.join(parent, "out")
    os.makedirs(parent)
    r = build(budc, src, ro_out)
    before = snapshot(ro_out)
    os.chmod(parent, 0o555)
    if root:
        os.chmod(ro_out, 0o777)  # nobody may write DIR itself, but not beside it
    write(src, BUDGET.replace("NAME", "项目乙"))
    r = build(budc, src, ro_out, as_nobody=root)
    if r.returncode != 2 or "Permission denied [BUD907]" not in r.stderr or snapshot(ro_out) != before:
        failures.append("read-only parent: %d %r %s" % (r.returncode, r.stderr, snapshot(ro_out)))
    os.chmod(parent, 0o755)

    # 4b. A full disk.
    small = os.path.join(work, "small")
    os.makedirs(small)
    mounted = root and subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", small],
                                      capture_output=True).returncode == 0
    if not mounted:
        print("full-disk case not run: mounting a tmpfs needs root")
        return False
    try:
        sets = {}
        write(src, BUDGET.replace("NAME", "项目甲"))
        for fmt in ["csv", "xlsx"]:
            for kind in ["own", "shared"]:
                d = os.path.join(small, fmt + "-" + kind)
                os.makedirs(d)
                if kind == "shared":
                    write(os.path.join(d, "notes.txt"), "kept\n")
                r = build(budc, src, d, fmt)
                if r.returncode:
                    failures.append("build onto the small disk: %s %s" % (fmt, r.stderr))
                sets[d] = snapshot(d)
        try:  # fill what is left
            with open(os.path.join(small, "filler"), "wb") as f:
                while True:
                    f.write(b"\0" * 1024)
                    f.flush()
        except OSError:
            pass
        write(src, BUDGET.replace("NAME", "项目乙" * 20))
        for d, before in sets.items():
            fmt = os.path.basename(d).split("-")[0]
            r = build(budc, src, d, fmt)
            if r.returncode != 2 or "No space left on device [BUD907]" not in r.stderr \
                    or snapshot(d) != before or staging_left(d) or staging_left(small):
                failures.append("full disk, %s: %d %r %s %s" % (d, r.returncode, r.stderr,
                                                               snapshot(d) == before, staging_left(small)))
    finally:
        subprocess.run(["umount", small])

    # 5. fmt through a link; mode and owner kept.
    fdir = os.path.join(work, "fmt")
    os.makedirs(fdir)
    target = os.path.join(fdir, "real.bud")
    write(target, MESSY)
    os.chmod(target, 0o600)
    if root:
        os.chown(target, 65534, 65534)
    os.symlink("real.bud", os.path.join(fdir, "budget.bud"))
    r = run([budc, "fmt", "-q", os.path.join(fdir, "budget.bud")])
    st = os.stat(target)
    if r.returncode or not os.path.islink(os.path.join(fdir, "budget.bud")) \
            or open(target, encoding="utf-8").read() == MESSY or stat.S_IMODE(st.st_mode) != 0o600 \
            or (root and (st.st_uid, st.st_gid) != (65534, 65534)) or staging_left(fdir):
        failures.append("fmt through a link: %d %r mode %o owner %d:%d %s"
                        % (r.returncode, r.stderr, stat.S_IMODE(st.st_mode), st.st_uid, st.st_gid,
                           os.listdir(fdir)))
    return True


if __name__ == "__main__":
    main(*sys.argv[1:])
