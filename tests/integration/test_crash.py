#!/usr/bin/env python3
"""Crash safety: kill -9 the server while it ingests, restart it, and lose nothing.

Two clients post distinct articles without pause, a third posts batches of 20 of them to
POST /v1/articles:batch (one transaction per batch); at random moments the server is killed
with SIGKILL and started again on the same database file (KILLS times, 20 by default, more
with NEWSGRAPH_KILLS). Afterwards: SQLite's integrity_check passes; every article that was
acknowledged (201, or 200 for a duplicate, alone or as a line of a batch) is there with its
body byte for byte; and every stored article — acknowledged or caught mid-flight — is whole:
its entity, mention and statement counts equal those of a fresh extraction of its body, so no
half-written article exists. Prints the figures (requests, kills, articles).
"""
import http.client
import json
import os
import random
import signal
import sqlite3
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from harness import Server  # noqa: E402

KILLS = int(os.environ.get("NEWSGRAPH_KILLS", "20"))
NAMES = ["Jane Roe", "John Doe", "Maria Lopez", "Ahmed Khan", "Li Wei", "Anna Berg"]
PLACES = ["Paris", "Berlin", "Almaty", "Nairobi", "Lima", "Oslo"]


def article(n):
    r = random.Random(n)
    who, place = r.choice(NAMES), r.choice(PLACES)
    return (f"Report number {n}\n\n"
            f"{who} spoke in {place} on Monday. \u201cWe will rebuild within {n % 90 + 2} days,\u201d "
            f"{who.split()[-1]} said.\n\n"
            f"The Interior Ministry said {n * 7 % 1000 + 10} people had been moved, according to "
            f"state television. Officials in {place} declined to comment.")


class CrashSafety(unittest.TestCase):
    def test_kill_minus_nine_loses_nothing(self):
        s = Server()
        acked = {}  # n -> (id, text)
        lock = threading.Lock()
        counter = [0]
        requests = [0]
        stop = threading.Event()

        def client(lines):
            """Posts one article per request, or (lines > 1) batches of that many lines."""
            while not stop.is_set():
                with lock:
                    ns = list(range(counter[0], counter[0] + lines))
                    counter[0] += lines
                texts = {n: article(n) for n in ns}
                if lines == 1:
                    path, ctype, data = "/v1/articles", "text/plain", texts[ns[0]].encode()
                else:
                    path, ctype = "/v1/articles:batch", "application/x-ndjson"
                    data = "\n".join(json.dumps({"title": f"Report number {n}",
                                                  "body": texts[n].split("\n", 2)[2]})
                                      for n in ns).encode()
                try:
                    c = http.client.HTTPConnection("127.0.0.1", s.port, timeout=10)
                    c.request("POST", path, data, {"Content-Type": ctype})
                    r = c.getresponse()
                    body = r.read()
                    c.close()
                except OSError:
                    time.sleep(0.02)  # the server is down: nothing here was acknowledged
                    continue
                with lock:
                    requests[0] += 1
                    if r.status in (200, 201) and lines == 1:
                        acked[ns[0]] = (json.loads(body)["article"]["id"], texts[ns[0]])
                    elif r.status == 200:  # a batch: each line's own status
                        for res in map(json.loads, body.decode().splitlines()):
                            if res["status"] in (200, 201):
                                n = ns[res["line"] - 1]
                                acked[n] = (res["id"], texts[n])

        # two clients post single articles, a third batches of 20 lines (one transaction)
        threads = [threading.Thread(target=client, args=(k,)) for k in (1, 1, 20)]
        for t in threads:
            t.start()
        kills = 0
        rng = random.Random(1)
        try:
            while kills < KILLS:
                time.sleep(rng.uniform(0.15, 0.6))
                s.proc.send_signal(signal.SIGKILL)
                s.proc.wait()
                kills += 1
                s.restart()
        finally:
            stop.set()
            for t in threads:
                t.join()

        # integrity of the file itself
        con = sqlite3.connect(f"file:{s.db}?mode=ro", uri=True)
        self.assertEqual(con.execute("PRAGMA integrity_check").fetchone()[0], "ok")
        # the bodies as the server reads them (article_rows holds them packed: store/pack.c)
        stored = [(aid, s.request("GET", f"/v1/articles/{aid}").json()["article"]["body"])
                  for (aid,) in con.execute("SELECT id FROM article_rows").fetchall()]
        con.close()
        by_id = dict(stored)
        # every acknowledged article is there, byte for byte
        for n, (aid, text) in acked.items():
            self.assertIn(aid, by_id, f"acknowledged article {n} (id {aid}) lost")
            self.assertEqual(by_id[aid], text.split("\n", 2)[2], f"article {aid} body differs")
        # every stored article is whole: its counts are those of a fresh extraction
        for aid, body in stored:
            got = s.request("GET", f"/v1/articles/{aid}").json()["article"]
            fresh = s.request("POST", "/v1/extract", f"T\n\n{body}".encode(),
                              {"Content-Type": "text/plain"}).json()
            mentions = sum(len(e["mentions"]) for e in fresh["entities"])
            self.assertEqual(got["counts"]["mentions"], mentions, f"article {aid} is partial")
            self.assertEqual(got["counts"]["statements"], len(fresh["statements"]),
                             f"article {aid} has partial statements")
        code, log = s.stop()
        self.assertEqual(code, 0)
        print(f"\ncrash safety: {requests[0]} ingest requests answered, {len(acked)} acknowledged, "
              f"{kills} kill -9, {len(stored)} articles stored, 0 lost, 0 partial")
        self.assertGreaterEqual(kills, 20 if KILLS >= 20 else KILLS)
        self.assertGreater(len(acked), kills, "too few acknowledged writes to mean anything")


if __name__ == "__main__":
    unittest.main(verbosity=2)
