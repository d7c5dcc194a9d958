#!/usr/bin/env python3
"""budc lsp against hostile and random input: it answers, it never crashes, it stays in step.

    robustness.py BUDC SOURCE_DIR WORK_DIR [SEED]

  - malformed frames (bad and missing Content-Length, header lines without ':', a body that
    is not JSON or not an object, nesting deep enough to exhaust a recursive parser), each
    answered with a parse error while the requests between them are answered;
  - thousands of random messages: every method budc knows and some it does not, ids of every
    JSON type, params of random shapes, and valid requests with one value replaced by another
    type or a huge or negative number; every request with a valid id gets exactly one answer;
  - random incremental edits (CJK, 𠀀 outside the BMP, line breaks, deletions) at random
    UTF-16 positions; afterwards the diagnostics published equal budc check's on the text the
    edits make, so the server applied every edit as the client did;
  - input that ends inside a message; then shutdown and exit with status 0.
The random choices come from SEED (default 21), so a failure can be replayed."""
import json
import os
import random
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lspclient import Client, uri  # noqa: E402

BUDC, SRC, WORK = sys.argv[1:4]
SEED = int(sys.argv[4]) if len(sys.argv) > 4 else 21
rng = random.Random(SEED)
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


os.makedirs(WORK, exist_ok=True)
ws = os.path.join(WORK, "robust")
shutil.rmtree(ws, ignore_errors=True)
shutil.copytree(os.path.join(SRC, "examples", "xigang-2024"), ws)
projects = os.path.join(ws, "projects.bud")

METHODS = ["initialize", "shutdown", "textDocument/hover", "textDocument/completion",
           "textDocument/definition", "textDocument/documentSymbol", "textDocument/formatting",
           "textDocument/codeAction", "workspace/textDocumentContent", "textDocument/didOpen",
           "textDocument/didChange", "textDocument/didClose", "textDocument/didSave",
           "$/cancelRequest", "budc/unknown", "", "textDocument/rename"]
# Not sent at random: they end the session or take the example's document away.
NOT_RANDOM = {"shutdown", "exit", "textDocument/didClose", "textDocument/didOpen",
              "textDocument/didChange"}


def random_value(depth=0):
    kinds = ["int", "bigint", "neg", "float", "str", "cjk", "bool", "null"]
    if depth < 3:
        kinds += ["list", "dict"]
    k = rng.choice(kinds)
    if k == "int":
        return rng.randint(0, 300)
    if k == "bigint":
        return rng.choice([2 ** 31, 2 ** 32, 2 ** 53, 2 ** 63 - 1, 2 ** 64, 10 ** 30])
    if k == "neg":
        return -rng.randint(1, 2 ** 40)
    if k == "float":
        return rng.choice([0.5, 1e308, -1e-9, 3.0, 1e15])
    if k == "str":
        return rng.choice(["", "file:///", uri(projects), "file:///etc/passwd", "%%%", "x" * 300])
    if k == "cjk":
        return rng.choice(["预算", "𠀀", "\u202e", "\x00"])
    if k == "bool":
        return rng.choice([True, False])
    if k == "null":
        return None
    if k == "list":
        return [random_value(depth + 1) for _ in range(rng.randint(0, 3))]
    keys = ["textDocument", "position", "uri", "line", "character", "range", "start", "end",
            "context", "options", "text", "contentChanges", "only", "diagnostics", rng.choice("abc")]
    return {rng.choice(keys): random_value(depth + 1) for _ in range(rng.randint(0, 4))}


def valid_params(method, text):
    lines = text.split("\n")
    line = rng.randrange(len(lines))
    pos = {"line": line, "character": rng.randint(0, len(lines[line]) + 2)}
    td = {"uri": uri(projects)}
    if method == "textDocument/codeAction":
        return {"textDocument": td, "range": {"start": pos, "end": pos}, "context": {"diagnostics": []}}
    if method in ("textDocument/documentSymbol", "textDocument/formatting"):
        return {"textDocument": td, "options": {"tabSize": 2, "insertSpaces": True}}
    if method == "workspace/textDocumentContent":
        return {"uri": "budc-stdlib:/units.bud"}
    return {"textDocument": td, "position": pos}


def mutate(value):
    """value with one leaf replaced by a random value."""
    if isinstance(value, dict) and value:
        k = rng.choice(list(value))
        if rng.random() < 0.3:
            value[k] = random_value()
        else:
            value[k] = mutate(value[k])
        return value
    if isinstance(value, list) and value:
        i = rng.randrange(len(value))
        value[i] = mutate(value[i])
        return value
    return random_value()


c = Client(BUDC, ["--lang=zh"])
try:
    c.initialize(root=ws, options={"stdlibDocuments": True})
    text = c.open(projects)
    c.published(uri(projects))

    # ---- malformed frames between valid requests ------------------------------------------
    def framed(body):
        return b"Content-Length: %d\r\n\r\n" % len(body) + body

    bad_frames = [
        b"Content-Length: 1x\r\n\r\n",
        b"Content-Type: text/plain\r\n\r\n",
        b"No colon here\r\n\r\n",
        framed(b"hello"),
        framed(b"[]"),
        framed(b"null"),
        framed(b"\xff\xfe\xfd"),
        framed(b"[" * 100000),
        framed(b'{"a":' * 40000 + b"1" + b"}" * 40000),
        framed(b'{"jsonrpc":"2.0"}'),
        framed(b'{"id":{},"method":"shutdown"}'),
        framed(b'{"id":1,"method":7}'),
        framed(b'{"id":[1],"method":"textDocument/hover","params":{}}'),
        framed(b'{"id":2,"method":"textDocument/hover","params":"text"}'),
        b"X" * 20000 + b"\r\n\r\n",
    ]
    for frame in bad_frames:
        c.send_raw(frame)
        r = c.request("textDocument/hover", valid_params("textDocument/hover", text))
        check("result" in r or "error" in r, f"a request after a bad frame is answered: {frame[:40]!r}")
        bad = c.responses.pop(None, None) or c.responses.pop(2, None)
        check(bad and bad["error"]["code"] in (-32700, -32600),
              f"a bad frame is answered with a parse error or an invalid request: {frame[:40]!r} → {bad}")

    # ---- random messages -------------------------------------------------------------------
    answered = 0
    for i in range(2500):
        method = rng.choice(METHODS)
        if method in NOT_RANDOM:
            continue
        if rng.random() < 0.5:
            params = mutate(valid_params(method, text)) if rng.random() < 0.7 else valid_params(method, text)
        else:
            params = random_value()
        notify = rng.random() < 0.15
        msg = {"jsonrpc": "2.0", "method": method, "params": params}
        if notify:
            c.send(msg)
            continue
        c.next_id += 1
        msg["id"] = c.next_id
        c.send(msg)
        r = c.wait_response(c.next_id, timeout=60)
        check(("result" in r) != ("error" in r), f"one result or one error: {msg} → {r}")
        if "error" in r:
            check(isinstance(r["error"].get("code"), int) and r["error"].get("message"),
                  f"an error has a code and a message: {r}")
        answered += 1
    check(answered > 1500, f"most random requests were requests: {answered}")
    # Ids of other types: a string id is echoed; an object id is refused with a null id.
    c.send({"jsonrpc": "2.0", "id": "字符串", "method": "textDocument/hover",
            "params": valid_params("textDocument/hover", text)})
    r = c.wait_response("字符串")
    check("result" in r, f"a string id is answered: {r}")
    check(c.proc.poll() is None, "the server is still running after the random messages")

    # ---- random incremental edits, in step with the client ----------------------------------
    pieces = ["预算", "𠀀", "\n", " ", "项目", "{", "}", "\"", "1.00", "指标 产出/数量 x 1村", "万元", ""]
    version = 1
    cur = text
    for i in range(300):
        # Positions at code-point boundaries, counted in UTF-16 units.
        lines = cur.split("\n")
        ln = rng.randrange(len(lines))
        chars = lines[ln]
        a = rng.randint(0, len(chars))
        b = min(len(chars), a + rng.randint(0, 6))
        insert = rng.choice(pieces)
        if rng.random() < 0.1:  # a range over a line break
            if ln + 1 < len(lines):
                b_line, b = ln + 1, rng.randint(0, len(lines[ln + 1]))
            else:
                b_line = ln
        else:
            b_line = ln
        u16 = lambda s: len(s.encode("utf-16-le")) // 2  # noqa: E731
        start = {"line": ln, "character": u16(chars[:a])}
        end = {"line": b_line, "character": u16(lines[b_line][:b])}
        off_a = sum(len(l) + 1 for l in lines[:ln]) + a
        off_b = sum(len(l) + 1 for l in lines[:b_line]) + b
        if off_b < off_a:
            off_a, off_b, start, end = off_b, off_a, end, start
        version += 1
        c.notify("textDocument/didChange", {"textDocument": {"uri": uri(projects), "version": version},
                                            "contentChanges": [{"range": {"start": start, "end": end},
                                                                "text": insert}]})
        cur = cur[:off_a] + insert + cur[off_b:]
        if i % 25 == 0:
            r = c.request("textDocument/completion", valid_params("textDocument/completion", cur))
            check("result" in r, f"completion after edits: {r}")
    got = c.published(uri(projects)).get(uri(projects))
    # What budc check says of the same text.
    mirror = os.path.join(WORK, "robust-mirror")
    shutil.rmtree(mirror, ignore_errors=True)
    shutil.copytree(ws, mirror)
    with open(os.path.join(mirror, "projects.bud"), "w", encoding="utf-8", newline="") as f:
        f.write(cur)
    want = json.loads(subprocess.run([BUDC, "check", mirror, "--format=json", "--lang=zh"],
                                     capture_output=True, text=True).stdout)["diagnostics"]
    want = sorted((d["code"], d["message"]) for d in want if d["file"].endswith("projects.bud"))
    have = sorted((d.get("code", ""), d["message"].split("\n")[0]) for d in (got or []))
    check(got is not None and have == want,
          f"after {version - 1} edits the diagnostics are budc check's on the same text:\n{have[:5]}\n{want[:5]}")

    check(c.shutdown() == 0, "shutdown then exit: status 0")
    err = c.proc.stderr.read().decode(errors="replace")
    check("Sanitizer" not in err and "internal error" not in err, f"nothing on standard error: {err[:2000]}")
finally:
    c.close()

# ---- input that ends inside a message ------------------------------------------------------
p = subprocess.Popen([BUDC, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
out, err = p.communicate(b"Content-Length: 1152921504606846976\r\n\r\n{\"jsonrpc\"", timeout=60)
check(p.returncode == 1, f"input that ends inside a message: status {p.returncode}, {err[:500]!r}")
check(b"Content-Length" in out and b"-32700" in out, f"it says why: {out[:300]!r}")

if failures:
    print(f"{len(failures)} failures (seed {SEED})")
    sys.exit(1)
print(f"budc lsp: robust against hostile and random input (seed {SEED})")
