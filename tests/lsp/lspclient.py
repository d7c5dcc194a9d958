"""A minimal Language Server Protocol client for budc's tests and bench: it starts `budc lsp`,
frames JSON-RPC messages with Content-Length headers, and collects what the server sends; and
the tests' helpers: positions in UTF-16 code units, hover, completion and incremental changes."""
import json
import os
import select
import subprocess
import time
import urllib.parse


def uri(path):
    """The file URI of a path, percent-encoded as editors write it."""
    return "file://" + urllib.parse.quote(os.path.abspath(path))


# ---- positions and the requests the tests make ------------------------------------------
def u16(s):
    """The length of s in UTF-16 code units."""
    return len(s.encode("utf-16-le")) // 2


def find(text, needle, occurrence=0, inside=0):
    """The LSP position of the `occurrence`-th `needle` in text, `inside` characters in."""
    i = -1
    for _ in range(occurrence + 1):
        i = text.index(needle, i + 1)
    line = text.count("\n", 0, i)
    start = text.rfind("\n", 0, i) + 1
    return {"line": line, "character": u16(text[start:i + inside])}


def hover(c, path, pos):
    r = c.result("textDocument/hover", {"textDocument": {"uri": uri(path)}, "position": pos})
    return r["contents"]["value"] if r else ""


def complete(c, path, pos):
    return c.result("textDocument/completion", {"textDocument": {"uri": uri(path)}, "position": pos})


def change(c, path, version, start, end, text):
    c.notify("textDocument/didChange", {
        "textDocument": {"uri": uri(path), "version": version},
        "contentChanges": [{"range": {"start": start, "end": end}, "text": text}]})


class Client:
    def __init__(self, budc, args=(), env=None, cwd=None):
        self.proc = subprocess.Popen([budc, "lsp", *args], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     env=env, cwd=cwd)
        self.buf = b""
        self.next_id = 0
        self.notifications = []  # (method, params) not yet taken
        self.responses = {}
        self.server_requests = []

    # ---- framing --------------------------------------------------------------------
    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, message):
        body = json.dumps(message, ensure_ascii=False).encode()
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def _read_message(self, timeout):
        deadline = time.monotonic() + timeout
        while True:
            head, sep, rest = self.buf.partition(b"\r\n\r\n")
            if sep:
                length = None
                for line in head.split(b"\r\n"):
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                assert length is not None, head
                if len(rest) >= length:
                    self.buf = rest[length:]
                    return json.loads(rest[:length])
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no message from budc lsp")
            r, _, _ = select.select([self.proc.stdout], [], [], left)
            if r:
                chunk = os.read(self.proc.stdout.fileno(), 1 << 16)
                if not chunk:
                    raise EOFError("budc lsp closed its output")
                self.buf += chunk

    def _pump(self, timeout):
        m = self._read_message(timeout)
        if "method" in m and "id" not in m:
            self.notifications.append((m["method"], m.get("params")))
        elif "id" in m and "method" not in m:
            self.responses[m["id"]] = m
        elif "method" in m:  # a request of the server's: answered with a null result
            self.server_requests.append(m)
            self.send({"jsonrpc": "2.0", "id": m["id"], "result": None})
        return m

    # ---- requests and notifications ------------------------------------------------
    def request(self, method, params=None, timeout=60):
        """Sends a request and returns the whole response message (result or error)."""
        self.next_id += 1
        rid = self.next_id
        msg = {"jsonrpc": "2.0", "id": rid, "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)
        return self.wait_response(rid, timeout)

    def wait_response(self, rid, timeout=60):
        deadline = time.monotonic() + timeout
        while rid not in self.responses:
            self._pump(max(0.0, deadline - time.monotonic()))
        return self.responses.pop(rid)

    def result(self, method, params=None):
        r = self.request(method, params)
        assert "error" not in r, r
        return r["result"]

    def notify(self, method, params=None):
        msg = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)

    def wait_notification(self, method, pred=lambda p: True, timeout=60):
        deadline = time.monotonic() + timeout
        while True:
            for i, (m, p) in enumerate(self.notifications):
                if m == method and pred(p):
                    del self.notifications[i]
                    return p
            self._pump(max(0.0, deadline - time.monotonic()))

    def diagnostics(self, file_uri, version=None, timeout=60):
        """The next publishDiagnostics for file_uri (of that version, when given)."""
        return self.wait_notification(
            "textDocument/publishDiagnostics",
            lambda p: p["uri"] == file_uri and (version is None or p.get("version") == version),
            timeout)["diagnostics"]

    def published(self, open_uri, timeout=60):
        """{uri: diagnostics}: the latest publishDiagnostics of each URI since the last call,
        once the server has taken every message sent before (a documentSymbol request on
        the open document open_uri makes it check its workspace before it answers)."""
        self.request("textDocument/documentSymbol", {"textDocument": {"uri": open_uri}}, timeout)
        out, rest = {}, []
        for m, p in self.notifications:
            if m == "textDocument/publishDiagnostics":
                out[p["uri"]] = p["diagnostics"]
            else:
                rest.append((m, p))
        self.notifications = rest
        return out

    def initialize(self, root=None, locale=None, capabilities=None, options=None):
        params = {"processId": os.getpid(), "capabilities": capabilities if capabilities is not None else {
            "textDocument": {
                "publishDiagnostics": {"relatedInformation": True},
                "hover": {"contentFormat": ["markdown", "plaintext"]},
                "documentSymbol": {"hierarchicalDocumentSymbolSupport": True},
            }}}
        params["rootUri"] = uri(root) if root else None
        if locale:
            params["locale"] = locale
        if options is not None:
            params["initializationOptions"] = options
        r = self.result("initialize", params)
        self.notify("initialized", {})
        return r

    def open(self, path, text=None, version=1):
        if text is None:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri(path), "languageId": "bud", "version": version, "text": text}})
        return text

    def shutdown(self, timeout=30):
        self.result("shutdown")
        self.notify("exit")
        return self.proc.wait(timeout)

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
