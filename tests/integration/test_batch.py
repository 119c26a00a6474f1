#!/usr/bin/env python3
"""POST /v1/articles:batch: NDJSON in, one result line per article, bad lines isolated; the
server stores 256 lines per transaction (a savepoint per line) and answers once committed
(tests/integration/test_crash.py kills it under batches too)."""
import json
import os
import random
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

    def test_big_batch_commits_per_chunk_with_results_in_order(self):
        """600 lines span three transactions of the server (256 lines each): bad lines in the
        middle and at a chunk boundary get their own problems, duplicates are answered per
        line (within a chunk, across chunks, and of an article stored before), every result
        comes back in order and everything good is stored and searchable."""
        old = self.s.post_json("/v1/articles", {"title": "Old", "body": "Ana Lima wrote zqold."})
        self.assertEqual(old.status, 201, old.body)
        old_id = old.json()["article"]["id"]

        def art(n):
            return json.dumps({"title": f"Report {n}",
                               "body": f"Jane Roe{n} spoke in Paris about zq{n}x on Monday."})
        lines = [art(n) for n in range(1, 601)]
        lines[49] = ""  # line 50: blank, no result
        lines[99] = '{"title": "broken", "body": '  # line 100: malformed JSON
        lines[256] = json.dumps({"title": "Empty", "body": " "})  # line 257: first of chunk 2
        lines[299] = '{"body": ["not", "a", "string"]}'  # line 300
        lines[5] = art(5)  # line 6 repeats line 5 in the same chunk
        lines[399] = art(5)  # line 400 repeats it in another chunk
        lines[599] = json.dumps({"title": "Again", "body": "Ana Lima wrote zqold."})
        before = self.s.count()
        r = self.s.request("POST", "/v1/articles:batch", "\n".join(lines).encode(), ND)
        self.assertEqual(r.status, 200, r.body[:500])
        res = [json.loads(x) for x in r.body.decode().splitlines()]
        self.assertEqual([x["line"] for x in res], [n for n in range(1, 601) if n != 50])
        by = {x["line"]: x for x in res}
        self.assertEqual(by[100]["status"], 400)
        self.assertIn("malformed JSON", by[100]["problem"]["detail"])
        self.assertEqual(by[257]["status"], 422)
        self.assertEqual(by[300]["status"], 400)
        self.assertEqual((by[6]["status"], by[6]["created"]), (200, False))
        self.assertEqual((by[400]["status"], by[400]["created"]), (200, False))
        self.assertEqual(by[6]["id"], by[5]["id"])
        self.assertEqual(by[400]["id"], by[5]["id"])
        self.assertEqual((by[600]["status"], by[600]["id"]), (200, old_id))
        created = [x for x in res if x["status"] == 201]
        self.assertEqual(len(created), 599 - 3 - 3, "all but blank, bad and duplicate lines")
        self.assertEqual(len({x["id"] for x in created}), len(created), "one id per article")
        self.assertEqual(self.s.count(), before + len(created))
        for n in (1, 256, 258, 512, 599):
            got = self.s.request("GET", f"/v1/articles/{by[n]['id']}").json()["article"]
            self.assertEqual(got["title"], f"Report {n}")
            hit = self.s.request("GET", f"/v1/articles?q=zq{n}x").json()["data"]
            self.assertEqual([a["id"] for a in hit], [by[n]["id"]], f"line {n} is searchable")



class BatchSettles(unittest.TestCase):
    """A batch that grew the WAL past a few MiB is answered after the WAL was folded into
    the database file and truncated (st_settle): a bulk load leaves no WAL behind it."""

    def test_wal_is_empty_when_a_big_batch_is_answered(self):
        s = Server("--max-body", "16MiB")
        try:
            rnd = random.Random(5)
            words = ["".join(rnd.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rnd.randint(3, 9)))
                     for _ in range(20000)]
            lines = [json.dumps({"title": f"Load {n}",
                                 "body": " ".join(rnd.choice(words) for _ in range(10000)) + "."})
                     for n in range(60)]
            r = s.request("POST", "/v1/articles:batch", "\n".join(lines).encode(), ND)
            self.assertEqual(r.status, 200, r.body[:500])
            wal = s.db + "-wal"
            size = os.stat(wal).st_size if os.path.exists(wal) else 0
            self.assertEqual(size, 0, "the WAL is truncated before the answer")
            res = [json.loads(x) for x in r.body.decode().splitlines()]
            self.assertEqual([x["status"] for x in res], [201] * 60)
            self.assertEqual(s.count(), 60)
        finally:
            code, log = s.stop()
            self.assertEqual(code, 0, log[-2000:])

if __name__ == "__main__":
    unittest.main(verbosity=2)
