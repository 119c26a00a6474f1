#!/usr/bin/env python3
"""The response cache never serves a stale read.

Repeated GETs are answered from the cache (the hit counter in /metrics moves), and every
write — an ingest or a delete through the server, or an ingest by another process on the
same database file — makes the next GET render fresh data.
"""
import os
import re
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from harness import BIN, Server  # noqa: E402


def hits(s):
    m = re.search(rb"newsgraph_cache_hits_total (\d+)", s.request("GET", "/metrics").body)
    return int(m.group(1))


class Cache(unittest.TestCase):
    def setUp(self):
        self.s = Server()

    def tearDown(self):
        code, log = self.s.stop()
        self.assertEqual(code, 0, log[-2000:])

    def titles(self):
        r = self.s.request("GET", "/v1/articles?limit=50")
        self.assertEqual(r.status, 200)
        return [a["title"] for a in r.json()["data"]]

    def test_repeated_reads_hit_and_writes_invalidate(self):
        self.s.post_text("/v1/articles", "First\n\nJane Doe spoke in Paris.")
        self.assertEqual(self.titles(), ["First"])
        h0 = hits(self.s)
        self.assertEqual(self.titles(), ["First"])
        self.assertEqual(hits(self.s), h0 + 1, "the second identical GET is a cache hit")
        r = self.s.post_text("/v1/articles", "Second\n\nJohn Roe spoke in Rome.")
        self.assertEqual(r.status, 201)
        self.assertEqual(self.titles(), ["Second", "First"], "an ingest invalidates")
        self.assertEqual(self.s.request("DELETE", f"/v1/articles/{r.json()['article']['id']}").status, 204)
        self.assertEqual(self.titles(), ["First"], "a delete invalidates")

    def test_writes_by_another_process_invalidate(self):
        self.s.post_text("/v1/articles", "First\n\nJane Doe spoke in Paris.")
        self.assertEqual(self.titles(), ["First"])
        self.assertEqual(self.titles(), ["First"])
        path = os.path.join(self.s.dir.name, "other.txt")
        with open(path, "w") as f:
            f.write("From the CLI\n\nAnother body, about Berlin.")
        out = subprocess.run([BIN, "ingest", "--db", self.s.db, path], capture_output=True, text=True)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(self.titles(), ["From the CLI", "First"])

    def test_errors_and_different_queries_are_not_confused(self):
        self.s.post_text("/v1/articles", "First\n\nJane Doe spoke in Paris.")
        a = self.s.request("GET", "/v1/articles?limit=1")
        b = self.s.request("GET", "/v1/articles?limit=2")
        self.assertEqual(len(a.json()["data"]), 1)
        self.assertEqual(len(b.json()["data"]), 1)
        self.assertEqual(self.s.request("GET", "/v1/articles?limit=0").status, 400)
        self.assertEqual(self.s.request("GET", "/v1/articles?limit=0").status, 400)
        for unit in ("utf8", "utf16", "codepoint", "utf8"):
            r = self.s.request("GET", f"/v1/articles/1/entities?offsets={unit}")
            self.assertEqual(r.json()["offsets"], unit)


if __name__ == "__main__":
    unittest.main(verbosity=2)
