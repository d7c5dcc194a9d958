#!/usr/bin/env python3
"""Runs a command and succeeds only if it exits with the given status: expect_exit.py N CMD...

lit's internal shell has no $?, and `not` only tells zero from non-zero; budc's exit codes
(0 clean, 1 errors, 2 usage or input error, 3 internal error) need the exact number."""
import subprocess
import sys

want = int(sys.argv[1])
got = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
if got != want:
    print(f"expected exit status {want}, got {got}: {' '.join(sys.argv[2:])}", file=sys.stderr)
    sys.exit(1)
