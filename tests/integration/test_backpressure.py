#!/usr/bin/env python3
"""The ingest backlog bounds the articles waiting for the store's writer.

A POST /v1/articles waiting for its commit holds no thread, so only `--ingest-backlog`
bounds how many wait, each with its extracted document. These tests run the real server
with a backlog of 1 or 2 and hold SQLite's write lock from another connection (BEGIN
IMMEDIATE on the same file; the writer waits for it, up to its 5 s busy timeout), so the
articles admitted stay in the backlog for as long as the test wants:
- past the bound, POST /v1/articles is a 503 problem with Retry-After, nothing of it is
  stored (not even after the lock goes), and once the backlog drains the same POST is 201;
- a batch larger than the backlog waits for room line by line: every line is answered
  and stored, none is lost, while a POST meanwhile is refused; a batch answers every line
  with the backlog at 1 and no lock too;
- /metrics shows the backlog, its limit and the refusals.
"""
import http.client
import json
import os
import re
import sqlite3
import subprocess
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from harness import BIN, Server  # noqa: E402


def article(i):
    return (f"Dock report {i}\n\nMaria Lopez, the mayor of Valparaiso, said on Monday that "
            f"berth {i} would reopen after {i + 3} days.")


def ndjson(lines):
    return "".join('{"title": "Line %d", "body": "Berth %d of Valparaiso reopened on '
                   'Monday, Maria Lopez said."}\n' % (i, i) for i in lines)


class Backpressure(unittest.TestCase):
    def start(self, backlog):
        self.s = Server("--ingest-backlog", str(backlog))

    def tearDown(self):
        code, _ = self.s.stop()
        self.assertEqual(code, 0)

    def metric(self, name):
        # A batch holds its pool thread while it waits, and a connection that thread accepted
        # just before its handler began waits with it (libmicrohttpd keeps a connection on the
        # thread that accepted it): such a poll is dropped after a second and asked again on
        # a new connection, which only a thread still polling can accept.
        for _ in range(30):
            c = http.client.HTTPConnection("127.0.0.1", self.s.port, timeout=1)
            try:
                c.request("GET", "/metrics")
                text = c.getresponse().read().decode()
                break
            except (OSError, http.client.HTTPException):
                continue
            finally:
                c.close()
        else:
            self.fail("/metrics did not answer")
        m = re.search(rf"^{name} (\d+)$", text, re.M)
        self.assertIsNotNone(m, name)
        return int(m.group(1))

    def wait_backlog(self, n):
        deadline = time.time() + 10
        while self.metric("newsgraph_ingest_backlog") != n:
            self.assertLess(time.time(), deadline, f"the backlog never reached {n}")
            time.sleep(0.01)

    def lock(self):
        """Holds the database's write lock from another connection until unlock()."""
        self.db = sqlite3.connect(self.s.db, timeout=10, isolation_level=None)
        self.db.execute("BEGIN IMMEDIATE")

    def unlock(self):
        self.db.execute("ROLLBACK")
        self.db.close()

    def in_thread(self, fn):
        out = {}
        t = threading.Thread(target=lambda: out.setdefault("r", fn()))
        t.start()
        return t, out

    def test_post_past_the_backlog_is_refused(self):
        self.start(1)
        self.assertEqual(self.metric("newsgraph_ingest_backlog_limit"), 1)
        self.lock()
        try:
            t, first = self.in_thread(lambda: self.s.post_text("/v1/articles", article(1)))
            self.wait_backlog(1)  # the first article waits for the writer, which waits for us
            r = self.s.post_text("/v1/articles", article(2))
            self.assertEqual(r.status, 503, r.body)
            self.assertEqual(r.header("Retry-After"), "1")
            self.assertEqual(r.header("Content-Type"), "application/problem+json")
            p = r.json()
            self.assertEqual(p["status"], 503)
            self.assertEqual(p["title"], "too many articles waiting to be stored")
            self.assertIn("--ingest-backlog", p["detail"])
            self.assertEqual(self.metric("newsgraph_ingest_refused_total"), 1)
        finally:
            self.unlock()
        t.join(30)
        self.assertEqual(first["r"].status, 201, first["r"].body)
        self.wait_backlog(0)
        self.assertEqual(self.s.count(), 1, "the refused article was not stored")
        titles = [a["title"] for a in self.s.request("GET", "/v1/articles").json()["data"]]
        self.assertEqual(titles, ["Dock report 1"])
        r = self.s.post_text("/v1/articles", article(2))
        self.assertEqual(r.status, 201, "once the backlog drained the same POST is stored")
        self.assertEqual(self.s.count(), 2)

    def test_batch_waits_for_room(self):
        self.start(2)
        self.lock()
        try:
            t, batch = self.in_thread(lambda: self.s.request(
                "POST", "/v1/articles:batch", ndjson(range(1, 9)),
                {"Content-Type": "application/x-ndjson"}))
            # two lines wait for the writer, the third for room; the batch's thread is in its
            # handler since before the first, so what connects from now on is served
            self.wait_backlog(2)
            r = self.s.post_text("/v1/articles", article(1))
            self.assertEqual(r.status, 503, r.body)
            self.assertEqual(r.header("Retry-After"), "1")
            self.assertTrue(t.is_alive(), "the batch waits; it is not refused")
        finally:
            self.unlock()
        t.join(60)
        r = batch["r"]
        self.assertEqual(r.status, 200, r.body)
        results = [json.loads(line) for line in r.body.splitlines()]
        self.assertEqual([x["line"] for x in results], list(range(1, 9)))
        self.assertEqual({x["status"] for x in results}, {201}, results)
        self.assertEqual(self.s.count(), 8, "every line stored, the refused POST not")
        self.wait_backlog(0)
        self.assertEqual(self.s.post_text("/v1/articles", article(1)).status, 201)

    def test_batch_larger_than_the_backlog(self):
        self.start(1)
        body = ndjson(range(300)) + '{"body": 5}\n' + ndjson([0])
        r = self.s.request("POST", "/v1/articles:batch", body,
                           {"Content-Type": "application/x-ndjson"})
        self.assertEqual(r.status, 200, r.body[:300])
        results = [json.loads(line) for line in r.body.splitlines()]
        self.assertEqual(len(results), 302)
        self.assertEqual([x["status"] for x in results], [201] * 300 + [400, 200])
        self.assertEqual(self.s.count(), 300)
        self.assertEqual(self.metric("newsgraph_ingest_backlog"), 0)
        self.assertEqual(self.metric("newsgraph_ingest_refused_total"), 0)

    def test_bad_flag(self):
        self.start(1)
        for bad in ("0", "x", "-3"):
            p = subprocess.run([BIN, "serve", "--ingest-backlog", bad], capture_output=True,
                               text=True, timeout=30)
            self.assertEqual(p.returncode, 2, (bad, p.stderr))
            self.assertIn("--ingest-backlog must be 1..100000", p.stderr)


if __name__ == "__main__":
    unittest.main()
