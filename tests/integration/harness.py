"""Starts the real newsgraph server for integration tests.

Each Server runs `$NEWSGRAPH_BIN serve` on a free loopback port over a SQLite file in a fresh
temporary directory, waits for /healthz, and offers small HTTP helpers. Nothing is mocked:
the tests talk HTTP to the binary CTest built.
"""
import http.client
import json
import os
import signal
import socket
import subprocess
import tempfile
import time

SRC = os.environ.get("NEWSGRAPH_SRC", os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.environ.get("NEWSGRAPH_BIN", os.path.join(SRC, "build", "newsgraph"))
SEED = os.path.join(SRC, "tests", "fixtures", "kazakhstan-shoot-to-kill.txt")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def json(self):
        return json.loads(self.body)

    def header(self, name):
        return self.headers.get(name.lower())


class Server:
    def __init__(self, *args, env=None):
        self.dir = tempfile.TemporaryDirectory(prefix="ng-it-")
        self.db = os.path.join(self.dir.name, "t.db")
        self.port = free_port()
        self.log = open(os.path.join(self.dir.name, "server.log"), "w+b")
        self.args = args
        self.env = dict(os.environ)
        self.env.update(env or {})
        self._spawn()

    def restart(self):
        """Starts the server again on the same database and port (after it stopped or was
        killed)."""
        self._spawn()

    def _spawn(self):
        self.proc = subprocess.Popen(
            [BIN, "serve", "--db", self.db, "--port", str(self.port), "--threads", "2",
             *self.args], stdout=self.log, stderr=self.log, env=self.env)
        deadline = time.time() + 30
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("server exited: " + self.logtext())
            try:
                if self.request("GET", "/healthz").status == 200:
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("server did not come up: " + self.logtext())

    def logtext(self):
        self.log.flush()
        self.log.seek(0)
        return self.log.read().decode(errors="replace")

    def request(self, method, path, body=None, headers=None, conn=None):
        c = conn or http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            if isinstance(body, str):
                body = body.encode()
            c.request(method, path, body=body, headers=headers or {})
            r = c.getresponse()
            data = r.read()
            return Response(r.status, {k.lower(): v for k, v in r.getheaders()}, data)
        finally:
            if conn is None:
                c.close()

    def post_text(self, path, text, **kw):
        h = {"Content-Type": "text/plain; charset=utf-8"}
        h.update(kw.pop("headers", {}))
        return self.request("POST", path, text, h, **kw)

    def post_json(self, path, obj, **kw):
        h = {"Content-Type": "application/json"}
        h.update(kw.pop("headers", {}))
        body = obj if isinstance(obj, (bytes, str)) else json.dumps(obj)
        return self.request("POST", path, body, h, **kw)

    def count(self):
        """Articles stored, read back through the API (all pages)."""
        n, path = 0, "/v1/articles?limit=500"
        while path:
            r = self.request("GET", path)
            assert r.status == 200, r.body
            page = r.json()
            n += len(page["data"])
            path = page["next"]
        return n

    def stop(self, sig=signal.SIGTERM):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        code = self.proc.returncode
        log = self.logtext()
        self.log.close()
        self.dir.cleanup()
        for marker in ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:"):
            if marker in log:
                raise AssertionError("sanitizer report in server log:\n" + log[-4000:])
        return code, log


def seed_text():
    with open(SEED, encoding="utf-8") as f:
        return f.read()
