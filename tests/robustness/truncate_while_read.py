#!/usr/bin/env python3
"""A file truncated and rewritten while budc checks it: never a crash.

    truncate_while_read.py BUDC WORK_DIR

budc reads each file into a buffer of its own (no memory map, which would end in SIGBUS
when the file shrinks under it). Here a thread truncates and rewrites a 4 MB file of a
workspace as fast as it can while budc check runs on it, many times over: every run must end
with status 0, 1 or 2 (the file changed while it was read is a BUD901 error), never with a
signal or an internal error, and within its timeout.
"""
import os
import shutil
import subprocess
import sys
import threading

HEADER = "预算 2024 { 金额单位 万元 }\n收入 {\n  一般公共预算拨款 1.00\n}\n基本支出 2010301 行政运行 {\n  30101 基本工资 1.00\n}\n"


def main(budc, work):
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(os.path.join(work, "ws"))
    with open(os.path.join(work, "ws", "budget.bud"), "w", encoding="utf-8") as f:
        f.write(HEADER)
    big = os.path.join(work, "ws", "notes.bud")
    text = "".join('说明 s%d "第 %d 段说明，内容足够长以便占满一些字节。"\n' % (i, i) for i in range(60000)).encode()
    stop = threading.Event()

    def churn():
        while not stop.is_set():
            with open(big, "r+b") as f:
                f.truncate(0)
                f.write(text[: len(text) // 3])
                f.flush()
                f.truncate(100)
                f.write(text)

    with open(big, "wb") as f:
        f.write(text)
    t = threading.Thread(target=churn)
    t.start()
    statuses = []
    try:
        for _ in range(12):
            r = subprocess.run([budc, "check", "-q", "--lang=en", os.path.join(work, "ws")],
                               capture_output=True, text=True, timeout=300)
            statuses.append(r.returncode)
            if r.returncode not in (0, 1, 2):
                stop.set()
                t.join()
                sys.exit("budc check ended with status %d while its file was truncated:\n%s"
                         % (r.returncode, r.stderr[-2000:]))
    finally:
        stop.set()
        t.join()
    print("12 checks of a file truncated while read ended with statuses %s: no crash"
          % sorted(set(statuses)))


if __name__ == "__main__":
    main(*sys.argv[1:])
