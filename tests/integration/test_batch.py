#!/usr/bin/env python3
"""POST /v1/articles:batch: NDJSON in, one result line per article, bad lines isolated."""
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from harness import Server  # noqa: E402

ND = {"Content-Type": "application/x-ndjson"}


class Batch(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.s = Server()

    @classmethod
    def tearDownClass(cls):
        code, log = cls.s.stop()
        assert code == 0, log[-2000:]

    def test_good_and_bad_lines(self):
        lines = [
            json.dumps({"title": "One", "body": "Jane Roe spoke in Paris on Monday."}),
            "",
            json.dumps({"title": "Two", "body": "John Doe spoke in Rome."}),
            '{"body": 42}',
            "not json at all",
            json.dumps({"title": "Empty", "body": "   "}),
            json.dumps({"title": "One again", "body": "Jane Roe spoke in Paris on Monday."}),
        ]
        before = self.s.count()
        r = self.s.request("POST", "/v1/articles:batch", "\n".join(lines).encode(), ND)
        self.assertEqual(r.status, 200, r.body)
        self.assertEqual(r.header("Content-Type"), "application/x-ndjson")
        res = [json.loads(l) for l in r.body.decode().splitlines()]
        self.assertEqual([x["line"] for x in res], [1, 3, 4, 5, 6, 7], "blank lines get no result")
        self.assertEqual([x["status"] for x in res], [201, 201, 400, 400, 422, 200])
        self.assertEqual(res[5]["id"], res[0]["id"], "the duplicate names the stored article")
        self.assertIn("must be a string", res[2]["problem"]["detail"])
        self.assertEqual(self.s.count(), before + 2, "exactly the two good articles were stored")
        got = self.s.request("GET", f"/v1/articles/{res[1]['id']}").json()["article"]
        self.assertEqual(got["title"], "Two")

    def test_whole_request_errors(self):
        before = self.s.count()
        self.assertEqual(self.s.request("POST", "/v1/articles:batch", b'{"body":"x"}',
                                        {"Content-Type": "text/plain"}).status, 415)
        self.assertEqual(self.s.request("POST", "/v1/articles:batch", b"\n \n", ND).status, 422)
        self.assertEqual(self.s.request("POST", "/v1/articles:batch", b"x" * (2 << 20), ND).status, 413)
        self.assertEqual(self.s.request("GET", "/v1/articles:batch").status, 405)
        self.assertEqual(self.s.count(), before)


if __name__ == "__main__":
    unittest.main(verbosity=2)
