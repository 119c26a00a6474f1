#!/usr/bin/env python3
"""GET /v1/export?format=ndjson: every article with its entities and statements, one per
line, streamed in pages (more articles than one page here), with the list filters."""
import http.client
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from harness import Server  # noqa: E402

ND = {"Content-Type": "application/x-ndjson"}
N = 150  # more than one of the export's 100-article pages
PEOPLE = ["Jane Roe", "John Doe", "Ana Silva", "Omar Haddad", "Mei Lin"]
CITIES = ["Paris", "Rome", "Madrid", "Cairo", "Lima"]


def article(i):
    who, where = PEOPLE[i % len(PEOPLE)], CITIES[i % len(CITIES)]
    body = (f"{who} spoke in {where} on Monday about plan number {i}. "
            f'"We will build {i} new schools," {who.split()[1]} said.')
    return {"title": f"Plan {i}", "body": body, "source": "Wire" if i % 2 else "Daily",
            "published_at": f"2021-{1 + i % 12:02d}-{1 + i % 28:02d}"}


class Export(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.s = Server()
        lines = "\n".join(json.dumps(article(i)) for i in range(N)).encode()
        r = cls.s.request("POST", "/v1/articles:batch", lines, ND)
        assert r.status == 200, r.body
        assert all(json.loads(l)["status"] == 201 for l in r.body.decode().splitlines())

    @classmethod
    def tearDownClass(cls):
        code, log = cls.s.stop()
        assert code == 0, log[-2000:]

    def export(self, query=""):
        r = self.s.request("GET", "/v1/export" + query)
        self.assertEqual(r.status, 200, r.body)
        self.assertEqual(r.header("Content-Type"), "application/x-ndjson")
        self.assertEqual(r.header("Cache-Control"), "no-store")
        self.assertIsNone(r.header("ETag"), "a stream has no ETag")
        self.assertTrue(r.body == b"" or r.body.endswith(b"\n"))
        return [json.loads(l) for l in r.body.decode().splitlines()]

    def test_everything_newest_first_with_entities_and_statements(self):
        rows = self.export("?format=ndjson")
        self.assertEqual(len(rows), N)
        ids = [a["id"] for a in rows]
        self.assertEqual(ids, sorted(ids, reverse=True))
        self.assertEqual(len(set(ids)), N, "no article twice across page boundaries")
        for a in rows:
            i = int(a["title"].split()[1])
            self.assertEqual(a["body"], article(i)["body"])
            names = {e["name"] for e in a["entities"]}
            self.assertIn(PEOPLE[i % len(PEOPLE)], names)
            self.assertIn(CITIES[i % len(CITIES)], names)
            self.assertEqual(len(a["statements"]), 1, a["statements"])
            self.assertIn(f"build {i} new schools", a["statements"][0]["content"])

    def test_same_lines_as_the_article_route(self):
        rows = self.export()
        one = self.s.request("GET", f"/v1/articles/{rows[7]['id']}?include=entities,statements")
        self.assertEqual(rows[7], one.json()["article"])

    def test_filters_and_offsets(self):
        wire = self.export("?source=Wire")
        self.assertEqual(len(wire), N // 2)
        self.assertTrue(all(a["source"] == "Wire" for a in wire))
        march = self.export("?since=2021-03&until=2021-04")
        self.assertTrue(march and all(a["published_at"].startswith("2021-03") for a in march))
        self.assertEqual(len(self.export("?q=%22plan+number+17%22")), 1)
        pid = self.export("?q=Cairo")[0]["entities"]
        cairo = next(e["id"] for e in pid if e["name"] == "Cairo")
        self.assertEqual(len(self.export(f"?entity={cairo}")), N // len(CITIES))
        self.assertEqual(self.export("?q=nosuchwordanywhere"), [])
        utf16 = self.export("?offsets=utf16&source=Daily")
        self.assertEqual(len(utf16), N // 2)

    def test_bad_parameters_are_400_before_any_body(self):
        before = self.s.count()
        for q in ("?format=csv", "?offsets=bytes", "?q=%22open", "?since=yesterday",
                  "?entity=0", "?limit=5", "?entity=x"):
            r = self.s.request("GET", "/v1/export" + q)
            self.assertEqual(r.status, 400, q)
            self.assertEqual(r.header("Content-Type"), "application/problem+json")
            self.assertEqual(r.json()["status"], 400)
        self.assertEqual(self.s.count(), before)

    def test_head_and_keep_alive(self):
        # libmicrohttpd 0.9.75 follows a chunked HEAD answer with a stray terminating chunk,
        # so a HEAD of the stream closes its connection
        conn = http.client.HTTPConnection("127.0.0.1", self.s.port, timeout=30)
        conn.request("HEAD", "/v1/export")
        r = conn.getresponse()
        self.assertEqual(r.status, 200)
        self.assertEqual(r.read(), b"")
        self.assertEqual(r.getheader("Connection"), "close")
        conn.close()
        conn = http.client.HTTPConnection("127.0.0.1", self.s.port, timeout=30)
        conn.request("GET", "/v1/export?source=Daily")
        r = conn.getresponse()
        self.assertEqual(len(r.read().splitlines()), N // 2)
        conn.request("GET", "/healthz")
        self.assertEqual(conn.getresponse().status, 200, "the connection survives a stream")
        conn.close()

    def test_a_client_that_hangs_up_midway_does_not_hurt_the_server(self):
        for _ in range(5):
            conn = http.client.HTTPConnection("127.0.0.1", self.s.port, timeout=30)
            conn.request("GET", "/v1/export")
            r = conn.getresponse()
            r.read(1000)
            conn.close()
        self.assertEqual(len(self.export()), N)


if __name__ == "__main__":
    unittest.main()
