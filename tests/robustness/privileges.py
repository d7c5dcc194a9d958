"""What the write-failure tests share: running budc as the user nobody when they run as root
(permissions do not apply to root), from a directory nobody can reach."""
import os
import shutil
import subprocess
import sys
import tempfile


def run(cmd, as_nobody=False):
    """Runs \\p cmd (as nobody when asked), English messages, a timeout against hangs."""
    if as_nobody:
        cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] + cmd
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, LANG="C.UTF-8"))


def main(budc, work, prefix, check, done):
    """Calls check(budc, work, root, failures) in a fresh WORK (as root: a directory of /tmp
    with a copy of budc, so that nobody reaches both wherever the tree was cloned — a clone
    under `mktemp -d` sits in a directory only root may enter), then prints done(result) or
    the failures and exits 1."""
    budc = os.path.abspath(budc)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    os.chmod(work, 0o755)
    root = os.geteuid() == 0
    if root:
        shutil.rmtree(work)
        work = tempfile.mkdtemp(prefix=prefix)
        os.chmod(work, 0o755)
        shutil.copy(budc, os.path.join(work, "budc"))
        budc = os.path.join(work, "budc")
        os.chmod(budc, 0o755)
    failures = []
    try:
        result = check(budc, work, root, failures)
    finally:
        if root:
            shutil.rmtree(work, ignore_errors=True)
    if failures:
        for f in failures:
            print(f)
        sys.exit(1)
    print(done(result))
