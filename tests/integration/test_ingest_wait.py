#!/usr/bin/env python3
"""POST /v1/articles waits for its commit without holding a thread of the pool.

The handler extracts, hands the document to the store's writer thread and suspends the
connection until the transaction is durable, so one server thread serves many POSTs at once
(and they share commits). These tests run the server with --threads 1:
- 24 concurrent POSTs of distinct articles on 24 connections all get 201 with the stored
  article, whose GET answers the same article; the same bodies again get 200 and the same
  ids;
- reads keep being answered while POSTs are in flight;
- a client that hangs up right after sending its POST leaves a server that keeps working,
  and the article it sent is stored (its commit does not depend on the connection).
"""
import os
import socket
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from harness import Server  # noqa: E402


def article(i):
    return (f"Harbour report {i}\n\nMaria Lopez, the mayor of Valparaiso, said on Monday "
            f"that the port would reopen after {i + 3} days. \u201cWe are ready,\u201d she "
            f"told reporters in batch {i}.")


class IngestWait(unittest.TestCase):
    def setUp(self):
        self.s = Server("--threads", "1")

    def tearDown(self):
        code, _ = self.s.stop()
        self.assertEqual(code, 0)

    def post_all(self, n):
        out = [None] * n

        def one(i):
            out[i] = self.s.post_text("/v1/articles", article(i))

        threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return out

    def test_concurrent_posts_on_one_thread(self):
        n = 24
        first = self.post_all(n)
        ids = set()
        for i, r in enumerate(first):
            self.assertEqual(r.status, 201, r.body)
            body = r.json()
            self.assertTrue(body["created"])
            a = body["article"]
            self.assertEqual(r.header("Location"), f"/v1/articles/{a['id']}")
            self.assertEqual(a["title"], f"Harbour report {i}")
            got = self.s.request("GET", f"/v1/articles/{a['id']}")
            self.assertEqual(got.status, 200)
            self.assertEqual(got.json()["article"]["id"], a["id"])
            self.assertEqual(got.json()["article"]["sha256"], a["sha256"])
            ids.add(a["id"])
        self.assertEqual(len(ids), n, "every article has its own id")
        again = self.post_all(n)
        for i, r in enumerate(again):
            self.assertEqual(r.status, 200, r.body)
            self.assertFalse(r.json()["created"])
            self.assertEqual(r.json()["article"]["id"], first[i].json()["article"]["id"])
        self.assertEqual(self.s.count(), n)

    def test_reads_are_answered_while_posts_wait(self):
        stop = threading.Event()
        statuses = []

        def writer(k):
            i = 100 + k * 1000
            while not stop.is_set():
                statuses.append(self.s.post_text("/v1/articles", article(i)).status)
                i += 1

        threads = [threading.Thread(target=writer, args=(k,)) for k in range(6)]
        for t in threads:
            t.start()
        try:
            for _ in range(30):
                self.assertEqual(self.s.request("GET", "/healthz").status, 200)
                self.assertEqual(self.s.request("GET", "/v1/articles?limit=5").status, 200)
        finally:
            stop.set()
            for t in threads:
                t.join()
        self.assertTrue(statuses)
        self.assertEqual(set(statuses), {201})

    def test_client_gone_before_the_commit(self):
        body = article(7).encode()
        head = (f"POST /v1/articles HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                f"Content-Length: {len(body)}\r\n\r\n").encode()
        for _ in range(5):
            with socket.create_connection(("127.0.0.1", self.s.port)) as c:
                c.sendall(head + body)
                c.shutdown(socket.SHUT_RDWR)
        deadline = time.time() + 10
        while self.s.count() < 1 and time.time() < deadline:
            time.sleep(0.05)
        self.assertEqual(self.s.count(), 1, "the article sent is stored once")
        r = self.s.post_text("/v1/articles", article(7))
        self.assertEqual(r.status, 200, "the same body again: stored already")
        self.assertEqual(self.s.request("GET", "/healthz").status, 200)


if __name__ == "__main__":
    unittest.main()
