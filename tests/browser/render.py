#!/usr/bin/env python3
"""Opens the example's disclosure.html in headless Chromium and checks what it renders.

    render.py BUDC EXAMPLE_DIR OUT_DIR [CHROMIUM]

budc writes the page; Debian's Chromium loads it and is driven over the DevTools protocol on
a pipe (--remote-debugging-pipe: JSON messages ending in NUL on file descriptors 3 and 4), so
no browser-automation package is needed. The test reads the rendered text (innerText) of
cells of several tables, checks that merged header cells really span the columns under
them, saves a full-page screenshot (OUT_DIR/disclosure.png) and an A4 PDF
(OUT_DIR/disclosure.pdf), and fails on any difference.
"""
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time


class Browser:
    def __init__(self, chromium, profile):
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()

        def wire():
            os.dup2(to_chrome_r, 3)
            os.dup2(from_chrome_w, 4)

        self.proc = subprocess.Popen(
            [chromium, "--headless=new", "--remote-debugging-pipe", "--no-sandbox",
             "--disable-gpu", "--no-first-run", "--hide-scrollbars", "--user-data-dir=" + profile,
             "about:blank"],
            pass_fds=(3, 4), preexec_fn=wire, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, session=None, timeout=60):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.to_chrome, json.dumps(msg).encode() + b"\0")
        deadline = time.time() + timeout
        while time.time() < deadline:
            reply = self.read()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError("%s: %s" % (method, reply["error"]))
                return reply["result"]
            self.events.append(reply)
        raise TimeoutError(method)

    def read(self):
        while b"\0" not in self.buffer:
            chunk = os.read(self.from_chrome, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def close(self):
        try:
            self.send("Browser.close", timeout=10)
        except Exception:
            pass
        self.proc.wait(timeout=30)


def main(budc, example, out, chromium="chromium"):
    os.makedirs(out, exist_ok=True)
    run = subprocess.run([budc, "build", "-q", "--format", "html", example, "-o", out],
                         capture_output=True, text=True)
    if run.returncode:
        sys.exit("budc build failed:\n" + run.stderr)
    page = os.path.abspath(os.path.join(out, "disclosure.html"))
    chromium = shutil.which(chromium) or chromium
    if not os.path.exists(chromium):
        sys.exit("Chromium not found (%s): scripts/test.sh installs Debian's chromium" % chromium)
    profile = tempfile.mkdtemp(prefix="budc-chromium-")
    browser = Browser(chromium, profile)
    try:
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.send("Target.attachToTarget",
                               {"targetId": target, "flatten": True})["sessionId"]
        browser.send("Page.enable", session=session)
        browser.send("Emulation.setDeviceMetricsOverride",
                     {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False},
                     session=session)
        browser.send("Page.navigate", {"url": "file://" + page}, session=session)
        for _ in range(200):
            state = browser.send("Runtime.evaluate", {"expression": "document.readyState",
                                                      "returnByValue": True}, session=session)
            if state["result"].get("value") == "complete":
                break
            time.sleep(0.05)

        def js(expression):
            r = browser.send("Runtime.evaluate", {"expression": expression, "returnByValue": True},
                             session=session)
            if "exceptionDetails" in r:
                raise RuntimeError("%s: %s" % (expression, r["exceptionDetails"]))
            return r["result"].get("value")

        # The rendered text of a body cell: table number, the text of the row's first cell
        # after 序号 that identifies it, and the column (1-based, 序号 is column 1).
        cell = """(function(t, key, col) {
            const rows = document.querySelectorAll('table[data-table="' + t + '"] tbody tr');
            for (const r of rows) {
              const cells = Array.from(r.cells).map(c => c.innerText.trim());
              if (cells.includes(key)) return cells[col - 1];
            }
            return null;
          })"""
        expectations = [
            (1, "收入总计", 3, "3372.04"),
            (1, "一、一般公共预算拨款收入", 3, "1754.54"),
            (1, "十二、城乡社区支出", 5, "1617.50"),
            (2, "2120801", 4, "1617.50"),
            (2, "2120801", 13, "1617.50"),
            (3, "2010301", 5, "1042.79"),
            (4, "本年支出合计", 6, "1754.54"),
            (5, "2130705", 6, "267.59"),
            (6, "30231", 6, "2.25"),
            (6, "合计", 5, "1340.99"),
            (7, "征地和拆迁补偿支出", 4, "1617.50"),
            (9, "三、公务接待费", 3, "0.76"),
        ]
        failures = []
        for t, key, col, want in expectations:
            got = js("%s(%d, %s, %d)" % (cell, t, json.dumps(key), col))
            if got != want:
                failures.append("table %d row %r column %d: rendered %r, expected %r"
                                % (t, key, col, got, want))

        # Text of the other parts of the page.
        body = js("document.body.innerText")
        for text in ["第一部分", "第二部分", "部门预算财政拨款“三公”经费支出表",
                     "注：无国有资本经营预算财政拨款预算，空表列示。", "≤21332元/人.年",
                     "村党组织活动经费绩效目标表", "十、名词解释", "机关运行经费安排支出118.96万元"]:
            if text not in body:
                failures.append("the page does not show %r" % text)

        # Merged header cells span the columns below them: 本年收入 of table 2 is as wide as
        # its eight sub-columns, 支出 of table 4 as its five.
        span = """(function(t, label) {
            const table = document.querySelector('table[data-table="' + t + '"]');
            const head = Array.from(table.tHead.rows);
            const top = Array.from(head[0].cells).find(c => c.innerText.trim() == label);
            const box = top.getBoundingClientRect();
            let width = 0;
            for (const c of head[1].cells) {
              const b = c.getBoundingClientRect();
              if (b.left >= box.left - 1 && b.right <= box.right + 1) width += b.width;
            }
            return [top.colSpan, Math.round(box.width), Math.round(width)];
          })"""
        for t, label, cols in [(2, "本年收入", 8), (4, "支出", 5), (6, "一般公共预算基本支出", 3)]:
            colspan, width, below = js("%s(%d, %s)" % (span, t, json.dumps(label)))
            if colspan != cols or abs(width - below) > 2:
                failures.append("table %d header %r: colspan %d, %dpx wide over %dpx of columns"
                                % (t, label, colspan, width, below))

        # A screenshot of the whole page and the printed A4 PDF, kept in the build tree.
        height = js("document.documentElement.scrollHeight")
        browser.send("Emulation.setDeviceMetricsOverride",
                     {"width": 1280, "height": min(int(height), 16000), "deviceScaleFactor": 1,
                      "mobile": False}, session=session)
        shot = browser.send("Page.captureScreenshot", {"format": "png"}, session=session)
        with open(os.path.join(out, "disclosure.png"), "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        box = js("""(function() {
            const b = document.querySelector('#t2').getBoundingClientRect();
            return [b.left + window.scrollX, b.top + window.scrollY, b.width, b.height]; })()""")
        clip = {"x": box[0] - 8, "y": box[1] - 8, "width": box[2] + 16, "height": box[3] + 16,
                "scale": 1}
        table2 = browser.send("Page.captureScreenshot",
                              {"format": "png", "clip": clip, "captureBeyondViewport": True},
                              session=session)
        with open(os.path.join(out, "disclosure-table2.png"), "wb") as f:
            f.write(base64.b64decode(table2["data"]))
        browser.send("Emulation.setDeviceMetricsOverride",
                     {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False},
                     session=session)
        top = browser.send("Page.captureScreenshot", {"format": "png"}, session=session)
        with open(os.path.join(out, "disclosure-top.png"), "wb") as f:
            f.write(base64.b64decode(top["data"]))
        pdf = browser.send("Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69,
                                               "printBackground": True}, session=session)
        with open(os.path.join(out, "disclosure.pdf"), "wb") as f:
            f.write(base64.b64decode(pdf["data"]))
    finally:
        browser.close()
        shutil.rmtree(profile, ignore_errors=True)

    print("checked %d cells, 8 texts and 3 merged headers in %s; screenshot %s"
          % (len(expectations), chromium, os.path.join(out, "disclosure.png")))
    if failures:
        for f in failures:
            print("  " + f)
        sys.exit(1)


if __name__ == "__main__":
    main(*sys.argv[1:])
