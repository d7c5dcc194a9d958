#!/usr/bin/env python3
"""Writing commands never lose data: a failed write leaves the original whole.

    nothing_lost.py BUDC WORK_DIR

  1. Permission denied: a read-only directory. budc fmt on a file in it and budc build -o
     into it (text files and an Excel workbook) report BUD907, exit 2, and leave the file as it
     was and no temporary file behind. As root, permissions do not apply, so the commands run
     as the user nobody (setpriv).
  2. Disk full: a 64 KiB tmpfs, nearly full. budc fmt of a file on it and budc build -o onto
     it fail with BUD907 (no space left on device); the file is intact, no partial output and
     no temporary file is left. Mounting needs root; without it this part reports that it did
     not run.
"""
import os
import subprocess
import sys

from privileges import run
import privileges

MESSY = "预算 2024 { 金额单位 万元 }\n收入 {\n    一般公共预算拨款 1.00\n}\n基本支出 2010301 行政运行 {\n  30101 基本工资 1.00\n}\n"


def listing(d):
    return sorted(os.listdir(d))


def main(budc, work):
    privileges.main(budc, work, "budc-nothing-lost-", check, lambda mounted:
                    "nothing lost: read-only directory%s; every failed write reported BUD907 and "
                    "left the originals whole; an unreachable file is reported as such"
                    % (" and full disk" if mounted else ""))


def check(budc, work, root, failures):
    # 0. A file nobody may reach is reported as such, not as missing (BUD901).
    if root:
        hidden = os.path.join(work, "hidden")
        os.makedirs(hidden)
        with open(os.path.join(hidden, "budget.bud"), "w", encoding="utf-8") as f:
            f.write(MESSY)
        os.chmod(hidden, 0o700)
        r = run([budc, "check", "--lang=en", os.path.join(hidden, "budget.bud")], True)
        if r.returncode != 2 or "Permission denied [BUD901]" not in r.stderr:
            failures.append("check of an unreachable file: exit %d, %r" % (r.returncode, r.stderr))
        r = run([budc, "check", "--lang=zh", os.path.join(hidden, "budget.bud")], True)
        if "没有访问权限 [BUD901]" not in r.stderr:
            failures.append("check of an unreachable file, in Chinese: %r" % r.stderr)

    # 1. A read-only directory.
    ro = os.path.join(work, "readonly")
    os.makedirs(ro)
    src = os.path.join(ro, "budget.bud")
    with open(src, "w", encoding="utf-8") as f:
        f.write(MESSY)
    os.chmod(src, 0o644)
    os.chmod(ro, 0o555)
    r = run([budc, "fmt", "--lang=en", src], root)
    if r.returncode != 2 or "[BUD907]" not in r.stderr or open(src, encoding="utf-8").read() != MESSY \
            or listing(ro) != ["budget.bud"]:
        failures.append("fmt in a read-only directory: exit %d, %r, files %s"
                        % (r.returncode, r.stderr, listing(ro)))
    for fmt in ["csv", "xlsx", "html"]:
        r = run([budc, "build", "-q", "--lang=en", "--format", fmt, src, "-o", ro], root)
        if r.returncode != 2 or "[BUD907]" not in r.stderr or listing(ro) != ["budget.bud"]:
            failures.append("build --format %s into a read-only directory: exit %d, %r, files %s"
                            % (fmt, r.returncode, r.stderr, listing(ro)))
    os.chmod(ro, 0o755)

    # 2. A full disk.
    small = os.path.join(work, "small")
    os.makedirs(small)
    mounted = root and subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", small],
                                      capture_output=True).returncode == 0
    if not mounted:
        print("disk-full case not run: mounting a tmpfs needs root")
    else:
        try:
            target = os.path.join(small, "budget.bud")
            with open(target, "w", encoding="utf-8") as f:
                f.write(MESSY)
            # Fill what is left, so that no second copy of the file fits.
            try:
                with open(os.path.join(small, "filler"), "wb") as f:
                    while True:
                        f.write(b"\0" * 1024)
                        f.flush()
            except OSError:
                pass  # full
            r = run([budc, "fmt", "--lang=en", target], False)
            if r.returncode != 2 or "[BUD907]" not in r.stderr \
                    or open(target, encoding="utf-8").read() != MESSY \
                    or listing(small) != ["budget.bud", "filler"]:
                failures.append("fmt on a full disk: exit %d, %r, files %s"
                                % (r.returncode, r.stderr, listing(small)))
            for fmt in ["html", "xlsx"]:
                r = run([budc, "build", "-q", "--lang=en", "--format", fmt, target, "-o", small], False)
                if r.returncode != 2 or "[BUD907]" not in r.stderr \
                        or listing(small) != ["budget.bud", "filler"]:
                    failures.append("build --format %s onto a full disk: exit %d, %r, files %s"
                                    % (fmt, r.returncode, r.stderr, listing(small)))
        finally:
            subprocess.run(["umount", small])
    return mounted


if __name__ == "__main__":
    main(*sys.argv[1:])
