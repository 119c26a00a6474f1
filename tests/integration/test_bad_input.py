#!/usr/bin/env python3
"""Bad input: every case gets the documented 4xx as problem+json and leaves the store unchanged.

Each case is (method, path, body, headers, status). After each, the article count is read
back and must not have moved.
"""
import os
import socket
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from harness import Server, seed_text  # noqa: E402

TEXT = {"Content-Type": "text/plain"}
JSON = {"Content-Type": "application/json"}

CASES = [
    # bodies
    ("empty text body", "POST", "/v1/articles", b"", TEXT, 422),
    ("blank text body", "POST", "/v1/articles", b" \r\n\t\n ", TEXT, 422),
    ("invalid UTF-8", "POST", "/v1/articles", b"Title\n\nbad \xc3\x28 byte", TEXT, 422),
    ("overlong UTF-8", "POST", "/v1/articles", b"Title\n\n\xc0\xaf", TEXT, 422),
    ("NUL byte", "POST", "/v1/articles", b"Title\n\nnul \x00 here", TEXT, 422),
    ("2 MiB body", "POST", "/v1/articles", b"a" * (2 << 20), TEXT, 413),
    ("no content type", "POST", "/v1/articles", b"Title\n\nBody.", {}, 415),
    ("wrong content type", "POST", "/v1/articles", b"<p>x</p>", {"Content-Type": "text/html"}, 415),
    ("malformed JSON", "POST", "/v1/articles", b'{"body": "x",', JSON, 400),
    ("JSON not an object", "POST", "/v1/articles", b'["body"]', JSON, 400),
    ("JSON unknown field", "POST", "/v1/articles", b'{"body": "x", "bodyy": "y"}', JSON, 400),
    ("JSON wrong type", "POST", "/v1/articles", b'{"body": 42}', JSON, 400),
    ("JSON title wrong type", "POST", "/v1/articles", b'{"body": "x", "title": ["t"]}', JSON, 400),
    ("JSON without body", "POST", "/v1/articles", b'{"title": "t"}', JSON, 400),
    ("JSON empty body", "POST", "/v1/articles", b'{"body": ""}', JSON, 422),
    ("JSON duplicate key", "POST", "/v1/articles", b'{"body": "a", "body": "b"}', JSON, 400),
    ("JSON 10000 deep", "POST", "/v1/articles", b"[" * 10000 + b"]" * 10000, JSON, 400),
    ("JSON NUL escape", "POST", "/v1/articles", b'{"body": "a\\u0000b"}', JSON, 400),
    ("extract empty", "POST", "/v1/extract", b"", TEXT, 422),
    ("unknown query parameter", "POST", "/v1/articles?bogus=1", b"T\n\nBody.", TEXT, 400),
    # ids and parameters
    ("non-numeric id", "GET", "/v1/articles/abc", None, {}, 400),
    ("negative id", "GET", "/v1/articles/-1", None, {}, 400),
    ("zero id", "GET", "/v1/articles/0", None, {}, 400),
    ("huge id", "GET", "/v1/articles/99999999999999999999999", None, {}, 400),
    ("absent id", "GET", "/v1/articles/424242", None, {}, 404),
    ("delete absent", "DELETE", "/v1/articles/424242", None, {}, 404),
    ("delete bad id", "DELETE", "/v1/articles/x1", None, {}, 400),
    ("limit zero", "GET", "/v1/articles?limit=0", None, {}, 400),
    ("limit too big", "GET", "/v1/articles?limit=501", None, {}, 400),
    ("limit negative", "GET", "/v1/articles?limit=-5", None, {}, 400),
    ("limit not a number", "GET", "/v1/articles?limit=ten", None, {}, 400),
    ("limit after a tab", "GET", "/v1/articles?limit=%095", None, {}, 400),
    ("entity after a newline", "GET", "/v1/articles?entity=%0A1", None, {}, 400),
    ("since in month 13", "GET", "/v1/articles?since=2022-13-01", None, {}, 400),
    ("until on day 99", "GET", "/v1/export?until=2022-01-99", None, {}, 400),
    ("forged cursor", "GET", "/v1/articles?cursor=AAAA", None, {}, 400),
    ("garbled cursor", "GET", "/v1/articles?cursor=%25%25%25", None, {}, 400),
    ("bad offsets unit", "GET", "/v1/articles/1?offsets=bytes", None, {}, 400),
    ("bad include", "GET", "/v1/articles/1?include=everything", None, {}, 400),
    ("bad entity kind", "GET", "/v1/entities?kind=animal", None, {}, 400),
    ("bad statement kind", "GET", "/v1/statements?kind=rumour", None, {}, 400),
    ("FTS5 syntax", "GET", "/v1/statements?q=%22unbalanced", None, {}, 400),
    ("FTS5 syntax in article search", "GET", "/v1/articles?q=AND%20OR%20(", None, {}, 400),
    ("bad entity filter", "GET", "/v1/articles?entity=-3", None, {}, 400),
    ("FTS5 column filter", "GET", "/v1/statements?q=nosuchcol%3Akill", None, {}, 400),
    ("SQL metacharacters are data", "GET", "/v1/statements?speaker=%27%3B%20DROP%20TABLE%20articles%3B--", None, {}, 200),
    ("too many parameters", "GET", "/v1/articles?" + "&".join(f"p{i}=1" for i in range(40)), None, {}, 400),
    # routes and methods
    ("unknown route", "GET", "/v1/nothing", None, {}, 404),
    ("path traversal", "GET", "/../../etc/passwd", None, {}, 404),
    ("encoded traversal", "GET", "/%2e%2e%2fetc%2fpasswd", None, {}, 404),
    ("wrong method", "PUT", "/v1/articles", b"x", TEXT, 405),
    ("wrong method on item", "POST", "/v1/articles/1", b"x", TEXT, 405),
]


class BadInput(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.s = Server()
        r = cls.s.post_text("/v1/articles", seed_text())
        assert r.status == 201, r.body

    @classmethod
    def tearDownClass(cls):
        code, log = cls.s.stop()
        assert code == 0, log[-2000:]

    def test_matrix(self):
        for name, method, path, body, headers, status in CASES:
            with self.subTest(name):
                before = self.s.count()
                r = self.s.request(method, path, body, headers)
                self.assertEqual(r.status, status, (name, r.body[:300]))
                if status >= 400:
                    self.assertEqual(r.header("Content-Type"), "application/problem+json", name)
                    p = r.json()
                    self.assertEqual(p["status"], status)
                    self.assertTrue(p["type"].startswith("https://newsgraph.dev/problems/"))
                    self.assertTrue(p["title"] and p["detail"])
                if status == 405:
                    self.assertTrue(r.header("Allow"))
                self.assertEqual(self.s.count(), before, f"{name}: the store changed")

    def test_invalid_utf8_names_the_offset(self):
        r = self.s.request("POST", "/v1/articles", b"Title\n\nbad \xff", TEXT)
        self.assertEqual(r.status, 422)
        self.assertEqual(r.json()["offset"], 11)

    def test_http10_and_pipelining(self):
        with socket.create_connection(("127.0.0.1", self.s.port), timeout=30) as c:
            c.sendall(b"GET /healthz HTTP/1.0\r\n\r\n")
            data = b""
            while True:
                chunk = c.recv(65536)
                if not chunk:
                    break
                data += chunk
            self.assertTrue(data.startswith(b"HTTP/1.") and b" 200 " in data.split(b"\r\n")[0])
        with socket.create_connection(("127.0.0.1", self.s.port), timeout=30) as c:
            c.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
                      b"GET /readyz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            data = b""
            while True:
                chunk = c.recv(65536)
                if not chunk:
                    break
                data += chunk
            self.assertEqual(data.count(b"HTTP/1.1 200"), 2, data[:500])

    def test_duplicate_content_length_is_rejected(self):
        with socket.create_connection(("127.0.0.1", self.s.port), timeout=30) as c:
            c.sendall(b"POST /v1/articles HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                      b"Content-Length: 5\r\nContent-Length: 50\r\nConnection: close\r\n\r\nT\n\nab")
            data = c.recv(65536)
            self.assertTrue(data.startswith(b"HTTP/1.1 4"), data[:200])
        self.assertEqual(self.s.count(), 1)


if __name__ == "__main__":
    unittest.main(verbosity=2)
